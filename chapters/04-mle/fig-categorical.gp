# fig-categorical.gp — the loaded die: its true law, the MLE from the rolls
# and the maximiser found numerically (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-categorical.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,400 @SVG
set output "fig-categorical.svg"

set xlabel "face of the die"
set ylabel "probability"
set xrange [0.4:cat_k + 0.6]
set yrange [0:*]
set offsets 0, 0, graph 0.25, 0
set xtics 1
set boxwidth 0.36
set style fill solid 0.6 noborder
set key top right
plot "categorical.tsv" using ($1-0.19):2 with boxes lt 1 title "true law p", \
     "" using ($1+0.19):3 with boxes lt 2 fs pattern 4 border lc rgb "#333333" title "MLE p̂ = counts / n", \
     "" using ($1+0.19):4 with points lt 7 pt 2 ps 1.6 lw 2 \
         title "maximiser found by gsl\\_multimin"
