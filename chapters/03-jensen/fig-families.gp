# fig-families.gp — D(P‖Q) by quadrature for random pairs of densities (chapter 3).
# Redraw by hand: cd output/03-jensen && gnuplot fig-families.gp
load "house.gp"
load "values.gp"
set terminal svg size 780,460 @SVG
set output "fig-families.svg"

set xlabel "P ‖ Q   (N = Gaussian, L = Laplace, t = Student t)"
set ylabel "D(P‖Q) by quadrature (nats)"
set logscale y
set yrange [1e-3:*]
set format y "10^{%T}"
set xrange [-0.6:8.6]
set xtics ("N ‖ N" 0, "N ‖ L" 1, "N ‖ t" 2, "L ‖ N" 3, "L ‖ L" 4, "L ‖ t" 5, "t ‖ N" 6, "t ‖ L" 7, "t ‖ t" 8)
set key top right
plot "families.tsv" using 2:3:(int($1)/3 + 1) with points pt 7 ps 0.6 lc variable notitle, \
     "" using 2:5 with points lt 7 pt 6 ps 1.2 lw 1 title "closed form (N ‖ N, L ‖ L)"
