# fig-scatter.gp — D(P‖Q) against D(Q‖P) for random pairs (chapter 2).
# Redraw by hand: cd output/02-cross-entropy && gnuplot fig-scatter.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,560 @SVG
set output "fig-scatter.svg"

set xlabel "D(P‖Q) (nats)"
set ylabel "D(Q‖P) (nats)"
set logscale xy
# the same range on both axes (the program picks it above the largest point)
set xrange [scatter_lo:scatter_hi]
set yrange [scatter_lo:scatter_hi]
set format x "%g"
set format y "%g"
set size ratio -1
set key top left
# one data block (index) a size K of SCATTER_SIZES
plot for [i=1:words(SCATTER_SIZES)] "pairs.tsv" index (i - 1) using 1:2 \
         with points lt i pt 7 ps 0.35 title "K = ".word(SCATTER_SIZES, i)." outcomes", \
     x with lines lt 7 dt 2 lw 1.5 title "D(P‖Q) = D(Q‖P)"
