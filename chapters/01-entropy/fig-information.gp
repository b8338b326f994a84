# fig-information.gp — information content of an outcome against its probability (chapter 1).
# Redraw by hand: cd output/01-entropy && gnuplot fig-information.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,420 @SVG
set output "fig-information.svg"

set xlabel "probability of the outcome, p"
set ylabel "information content −log p"
set logscale x
set xrange [0.01:1]
set yrange [0:7]
set format x "%g"
set key top right
plot "information.tsv" using 1:2 with lines lt 1 title "bits (log₂)", \
     "" using 1:3 with lines lt 2 dt 2 title "nats (ln)", \
     "information-marks.tsv" using 1:2 with points lt 1 pt 7 ps 1 notitle, \
     "" using 1:2:3 with labels left offset 0.8,0.6 font ",11" notitle
