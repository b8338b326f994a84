# fig-bsc.gp — I(X;Y) of the binary symmetric channel against its flip
# probability, for three laws of the input (chapter 8).
# Redraw by hand: cd output/08-mutual-information && gnuplot fig-bsc.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,440 @SVG
set output "fig-bsc.svg"

set xlabel "flip probability ε"
set ylabel "I(X;Y)   (bits)"
set xrange [0:1]
set yrange [0:1.1]
set key top center
plot "bsc.tsv" using 1:2 with lines lt 1 lw 2 title "P(X = 1) = 1/2: 1 − h₂(ε)", \
     "" using 1:3 with lines lt 2 lw 2 dt 2 title "P(X = 1) = 0.2", \
     "" using 1:4 with lines lt 3 lw 2 dt 4 title "P(X = 1) = 0.05"
