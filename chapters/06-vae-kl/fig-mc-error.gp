# fig-mc-error.gp — RMS error of the two Monte Carlo estimators against the number of draws (chapter 6).
# Redraw by hand: cd output/06-vae-kl && gnuplot fig-mc-error.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-mc-error.svg"

set xlabel "number of draws n"
set ylabel "RMS error of the estimate (nats)"
set logscale xy
set format x "10^{%T}"
set format y "%g"
set xrange [0.7 * word(ERR_SIZES, 1):1.4 * word(ERR_SIZES, words(ERR_SIZES))]
set offsets 0, 0, graph 0.05, graph 0.05
set key top right
plot "mc-error.tsv" using 1:4 with lines lt 1 dt 2 title "plain: predicted sd/√n", \
     "" using 1:2 with points lt 1 pt 7 ps 1.2 title "plain, mean of log q − log p", \
     "" using 1:5 with lines lt 2 dt 4 title "(r − 1) − log r: sd/√n", \
     "" using 1:3 with points lt 2 pt 5 ps 1.1 title "mean of (r − 1) − log r"
