# fig-blocks.gp — Huffman's code on blocks of n coin tosses: bits per toss against n (chapter 1).
# Redraw by hand: cd output/01-entropy && gnuplot fig-blocks.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,420 @SVG
set output "fig-blocks.svg"

set xlabel "tosses coded together, n"
set ylabel "bits per toss"
set xrange [0.5:BLOCK_MAX + 0.5]
set yrange [0:1.6]
set xtics 1
set key top right
plot "blocks.tsv" using 1:4 with lines lt 8 dt 3 title "bound H + 1/n", \
     "" using 1:3 with lines lt 2 dt 2 title sprintf("entropy H = %.3f bit", coin_h), \
     "" using 1:2 with linespoints lt 1 pt 7 ps 1 title "Huffman, L_n / n"
