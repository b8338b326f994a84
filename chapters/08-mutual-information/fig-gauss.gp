# fig-gauss.gp — I(X;Y) of the bivariate normal against ρ: the closed form,
# the quadrature and Monte Carlo points, and what the signs keep (chapter 8).
# Redraw by hand: cd output/08-mutual-information && gnuplot fig-gauss.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-gauss.svg"

set xlabel "correlation ρ"
set ylabel "I(X;Y)   (nats)"
set xrange [-1:1]
set yrange [0:2.6]
set key top center
plot "gauss-curve.tsv" using 1:2 with lines lt 1 lw 2 title "−½ log(1 − ρ²)", \
     "" using 1:4 with lines lt 8 lw 1.5 dt 2 title "ρ²/2 (small ρ)", \
     "" using 1:3 with lines lt 2 lw 2 dt 4 title "I(sign X; sign Y)", \
     "gauss-points.tsv" using 1:2 with points lt 7 pt 6 ps 1.6 title "nested quadrature", \
     "" using 1:3:(4 * $4) with yerrorbars lt 3 pt 7 ps 0.6 title "Monte Carlo ± 4 SE"
