# fig-smoothing.gp — divergence between smoothed documents against the pseudo-count (chapter 2).
# Redraw by hand: cd output/02-cross-entropy && gnuplot fig-smoothing.gp
load "house.gp"
load "values.gp"
set terminal svg size 900,430 @SVG
set output "fig-smoothing.svg"

set multiplot layout 1,2
set xlabel "pseudo-count α"
set ylabel "divergence (nats)"
set logscale x
set xrange [1e-4:100]
set yrange [0:8.5]
set format x "10^{%L}"
set key top right
set title "doc 1 and doc 2"
set arrow 1 from 1e-4,ln2 to 100,ln2 nohead lt 7 dt 3 lw 1
set label 1 "ln 2" at 40,ln2 right offset 0,0.6
plot "smoothing.tsv" using 1:2 with lines lt 1 lw 3 title "D(doc 1 ‖ doc 2)", \
     "" using 1:3 with lines lt 2 dt 2 title "D(doc 2 ‖ doc 1)", \
     js12 with lines lt 3 dt 4 title "JS(doc 1, doc 2), unsmoothed"
set title "doc 1 and doc 3"
plot "smoothing.tsv" using 1:4 with lines lt 1 lw 3 title "D(doc 1 ‖ doc 3)", \
     "" using 1:5 with lines lt 2 dt 2 title "D(doc 3 ‖ doc 1)", \
     js13 with lines lt 3 dt 4 title "JS(doc 1, doc 3), unsmoothed"
unset multiplot
