# fig-scatter.gp — D(P‖Q) against D(Q‖P) for random pairs (chapter 2).
# Redraw by hand: cd output/02-cross-entropy && gnuplot fig-scatter.gp
load "house.gp"
load "values.gp"
# one panel a size K of SCATTER_SIZES: its pairs in colour over the other
# sizes' pairs in grey (every fourth of them: enough to show where they
# lie, a quarter of the bytes), so that no size hides another
n = words(SCATTER_SIZES)
rows = n > 2 ? 2 : 1
cols = n > 1 ? 2 : 1
set terminal svg size (cols == 1 ? 560 : 900),(rows == 1 ? 470 : 880) @SVG
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
set multiplot layout rows,cols
do for [i=1:n] {
    set title "K = ".word(SCATTER_SIZES, i)." outcomes"
    plot for [j=1:n] "pairs.tsv" index (j - 1) every (j == i ? 1000000 : 4) using 1:2 \
             with points pt 7 ps 0.25 lc rgb "#d4d4d4" notitle, \
         "pairs.tsv" index (i - 1) using 1:2 with points lt i pt 7 ps 0.3 notitle, \
         x with lines lt 7 dt 2 lw 1.5 title "D(P‖Q) = D(Q‖P)"
}
unset multiplot
