# fig-variance.gp — per-draw standard deviation of the two estimators as the posterior widens (chapter 6).
# Redraw by hand: cd output/06-vae-kl && gnuplot fig-variance.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-variance.svg"

set xlabel "posterior standard deviation s (prior: 1)"
set ylabel "standard deviation of one draw's term (nats)"
set logscale y
set format y "%g"
set xrange [0.3:2]
set yrange [*:*]
set offsets 0, 0, graph 0.25, graph 0.05
set key top right
set arrow from var_threshold,graph 0 to var_threshold,graph 1 nohead lt 7 dt 2
set label "s = 1/√2: below, (r − 1) − log r\nhas infinite variance" \
    at var_threshold,graph 0.9 left offset 0.8,0
plot "variance.tsv" using 1:4 with lines lt 1 title "log q − log p: closed form", \
     "" using 1:2 with points lt 1 pt 7 ps 0.7 title "log q − log p: sample", \
     "" using 1:3 with linespoints lt 2 pt 5 ps 0.7 title "(r − 1) − log r: sample"
