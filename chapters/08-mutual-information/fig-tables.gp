# fig-tables.gp — I(X;Y) against the total variation distance from
# independence over random joint tables, with Pinsker's bound (chapter 8).
# Redraw by hand: cd output/08-mutual-information && gnuplot fig-tables.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-tables.svg"

set xlabel "TV(P_{XY}, P_X P_Y), the distance from independence"
set ylabel "I(X;Y)   (nats)"
set logscale xy
set format x "10^{%T}"
set format y "10^{%T}"
set xrange [(tables_min_mi_tv / 3 < 1e-4 ? tables_min_mi_tv / 3 : 1e-4):1]
set yrange [(tables_min_mi / 10 < 1e-8 ? tables_min_mi / 10 : 1e-8):10]
set key top left
set samples 200
plot "tables.tsv" using 1:2 with points lt 1 pt 7 ps 0.25 title sprintf("%d random tables", tables_plotted), \
     2 * x**2 with lines lt 2 lw 2 title "Pinsker: I ≥ 2 TV²", \
     "+" using (tables_min_mi_tv):(tables_min_mi) every ::0::0 with points lt 3 pt 9 ps 2 title "the table with the smallest I"
