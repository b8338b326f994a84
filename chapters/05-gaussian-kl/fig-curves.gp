# fig-curves.gp — both classic experiments with every numerical method (chapter 5).
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-curves.gp
load "house.gp"
load "values.gp"
set terminal svg size 900,400 @SVG
set output "fig-curves.svg"

set multiplot layout 1,2 margins 0.07,0.98,0.17,0.93 spacing 0.08
set key top center
set offsets graph 0.04, graph 0.04, 0, 0
set title "q = N(μ, 1)"
set xlabel "mean of q, μ"
set ylabel "D(p‖q) (nats)"
set xrange [*:*]
set autoscale xfix
set yrange [0:1.12*mean_kl_max]
plot "mean-kl.tsv" using 1:2 with lines lt 1 title "closed form μ²/2", \
     "mean-points.tsv" using 1:3 with points lt 2 pt 7 ps 1.1 title "quadrature", \
     "" using 1:4 with points lt 3 pt 6 ps 1.8 title "window sum"
set title "q = N(0, σ²)"
set xlabel "standard deviation of q, σ"
set yrange [0:1.2*sigma_kl_max]
plot "sigma-kl.tsv" using 1:2 with lines lt 1 title "log σ + 1/(2σ²) − ½", \
     "sigma-points.tsv" using 1:3 with points lt 2 pt 7 ps 1.1 title "quadrature", \
     "" using 1:4 with points lt 3 pt 6 ps 1.8 title "window sum"
unset multiplot
