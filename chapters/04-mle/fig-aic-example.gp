# fig-aic-example.gp — one data set: the data, the truth and three fits
# (left); training deviance, AIC and held-out deviance by degree (right)
# (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-aic-example.gp
load "house.gp"
load "values.gp"
set terminal svg size 960,440 @SVG
set output "fig-aic-example.svg"

set multiplot layout 1,2
set xlabel "x"
set ylabel "y"
set key top left
set offsets 0, 0, graph 0.25, graph 0.05
plot "aic-fits.tsv" using 1:3 with points lt 8 pt 7 ps 0.6 title sprintf("data (n = %d)", SEL_N), \
     "" using 1:2 with lines lt 8 dt 2 title "truth", \
     "" using 1:4 with lines lt 1 title "degree 1", \
     "" using 1:5 with lines lt 3 dt 2 title sprintf("degree %d (AIC's pick)", example_pick), \
     "" using 1:6 with lines lt 2 dt 4 title sprintf("degree %d", SEL_MAXDEG)

set offsets 0, 0, 0, 0
set xlabel "polynomial degree (k = degree + 2)"
set xrange [-0.5:SEL_MAXDEG + 0.5]
set xtics 1
set key top right
# deviances can be negative when the noise is small: a log scale only when not
if (example_dev_min > 0) {
    set ylabel "deviance (−2 × log-likelihood, log scale)"
    set logscale y
    set yrange [example_dev_min / 1.5:*]
    set autoscale yfixmax
    set offsets 0, 0, graph 0.3, 0
    set ytics (1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000)
} else {
    set ylabel "deviance (−2 × log-likelihood)"
}
plot "aic-example.tsv" using 1:3 with linespoints lt 8 pt 6 title "−2 log L(θ̂) (training)", \
     "" using 1:4 with linespoints lt 1 pt 7 title "AIC = −2 log L + 2k", \
     "" using 1:5 with lines lt 2 notitle, \
     "" using 1:5:6 with yerrorbars lt 2 pt 5 ps 0.8 \
         title sprintf("held-out, %s fresh points", sel_fresh_total)
unset multiplot
