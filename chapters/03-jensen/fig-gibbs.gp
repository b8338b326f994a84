# fig-gibbs.gp — Gibbs' inequality: D(P‖Q) against its bound −ln Q(supp P) (chapter 3).
# Redraw by hand: cd output/03-jensen && gnuplot fig-gibbs.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,480 @SVG
set output "fig-gibbs.svg"

set xlabel "Jensen's lower bound −ln Q(supp P) (nats)"
set ylabel "D(P‖Q) (nats)"
set xrange [0:6]
set yrange [0:6]
set key bottom right
set style fill solid 1.0 noborder
set cblabel sprintf("outcomes in supp P (of %d)", GIBBS_K)
set cbrange [0.5:GIBBS_K + 0.5]
set cbtics 1
set palette maxcolors GIBBS_K
# the pairs drawn size by size of supp P, so that each colour's dots are one
# path in the page, not a thousand elements
# (the key's dot in the palette's middle, readable on a light and a dark ground)
plot keyentry with points pt 7 ps 0.45 lc palette frac 0.5 \
         title "random pairs (every 10th), coloured by |supp P|", \
     for [k=1:GIBBS_K] "gibbs.tsv" using 1:($3 == k ? $2 : NaN):3 with points pt 7 ps 0.45 lc palette \
         notitle, \
     x with lines lt 7 lw 2 title "D = −ln Q(supp P): equality"
