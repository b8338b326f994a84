# fig-families.gp — D(P‖Q) by quadrature for random pairs of densities (chapter 3).
# Redraw by hand: cd output/03-jensen && gnuplot fig-families.gp
load "house.gp"
load "values.gp"
set terminal svg size 780,460 @SVG
set output "fig-families.svg"

set xlabel "P ‖ Q   (N = Gaussian, L = Laplace, t = Student t)"
set ylabel "D(P‖Q) by quadrature (nats)"
set logscale y
set yrange [1e-3:1e3]
set format y "10^{%T}"
set xrange [-0.6:8.6]
set xtics ("N ‖ N" 0, "N ‖ L" 1, "N ‖ t" 2, "L ‖ N" 3, "L ‖ L" 4, "L ‖ t" 5, "t ‖ N" 6, "t ‖ L" 7, "t ‖ t" 8)
set key top center horizontal samplen 1 box opaque width 1
# the colour is the family of P; the three keyed entries draw nothing (1/0)
plot "families.tsv" using 2:3:(int($1)/3 + 1) with points pt 7 ps 0.6 lc variable notitle, \
     1/0 with points lt 1 pt 7 ps 1 title "P Gaussian", \
     1/0 with points lt 2 pt 7 ps 1 title "P Laplace", \
     1/0 with points lt 3 pt 7 ps 1 title "P Student t", \
     "" using 2:5 with points lt 7 pt 6 ps 1.2 lw 1 title "closed form"
