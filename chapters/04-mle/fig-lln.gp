# fig-lln.gp — running average log-likelihoods of four models converging to
# E_p[log q] = −h(p) − D(p ‖ q), with bands of ±2 sd/√n (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-lln.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,480 @SVG
set output "fig-lln.svg"

set xlabel "sample size n"
set ylabel "average log-likelihood (1/n) Σ log q(X_i) (nats)"
set logscale x
set xrange [1:LLN_N]
set format x "10^{%T}"
set key bottom right
set yrange [lln_ylo:lln_yhi]
# columns: n, 4 running averages, 4 limits, 4 standard deviations of log q
plot for [j=1:4] "lln.tsv" using 1:(column(5+j)-2*column(9+j)/sqrt($1)):(column(5+j)+2*column(9+j)/sqrt($1)) \
         with filledcurves lt j fs transparent solid 0.15 notitle, \
     for [j=1:4] "lln.tsv" using 1:(column(5+j)) with lines lt j dt 2 lw 1.5 notitle, \
     for [j=1:4] "lln.tsv" using 1:(column(1+j)) with linespoints lt j \
         pt (j == 1 ? 7 : j == 2 ? 5 : j == 3 ? 9 : 13) pi 14 ps 0.8 \
         title value(sprintf("model_title_%d", j-1))
