# fig-estimates.gp — the plug-in estimates of I(X;Y) against n: their mean and
# spread over the samples, the delta-method standard error and the exact value
# (chapter 8).  Redraw by hand: cd output/08-mutual-information && gnuplot fig-estimates.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-estimates.svg"

set xlabel "sample size n"
set ylabel "estimate of I(X;Y)   (nats)"
set logscale x
set format x "10^{%T}"
set xrange [0.7 * word(EST_SIZES, 1):1.4 * word(EST_SIZES, words(EST_SIZES))]
set key top right
plot "estimates.tsv" using 1:($2 - $3):($2 + $3) with filledcurves lt 1 title "plug-in: mean ± 1 sd of the samples", \
     "" using 1:2 with linespoints lt 1 pt 7 title "plug-in: mean", \
     "" using 1:5 with linespoints lt 2 pt 5 title "Miller–Madow: mean", \
     "" using 1:(est_exact + $8) with lines lt 7 dt 2 title "exact I ± delta-method SE", \
     "" using 1:(est_exact - $8) with lines lt 7 dt 2 notitle, \
     est_exact with lines lt 7 lw 1.5 title "exact I"
