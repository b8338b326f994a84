# fig-pairs.gp — histograms of log10 D over the random pairs, one a concentration (chapter 3).
# Redraw by hand: cd output/03-jensen && gnuplot fig-pairs.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,460 @SVG
set output "fig-pairs.svg"

set xlabel "log₁₀ D(P‖Q)   (D in nats)"
set ylabel "density of pairs"
set xrange [-15:3]
set yrange [0:*]
set xtics 1
set key top left title "Dirichlet α"
# one column a concentration of the parameter ALPHAS
plot for [i=1:words(ALPHAS)] "pairs-hist.tsv" using 1:(column(i + 1)) \
     with histeps lt i dt i lw 1.5 title word(ALPHAS, i)
