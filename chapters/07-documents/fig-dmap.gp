# fig-dmap.gp — the D between every pair of license texts, in the order of the clustering (chapter 7).
# Redraw by hand: cd output/07-documents && gnuplot fig-dmap.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,640 @SVG
set output "fig-dmap.svg"
set size ratio -1
set xrange [-0.5:ntexts-0.5]
set yrange [ntexts-0.5:-0.5]
set xtics rotate by 50 right font ",11" scale 0
set ytics font ",11" scale 0
set xtics ()
set ytics ()
do for [i=1:ntexts] { set xtics add (word(texts, i) i-1); set ytics add (word(texts, i) i-1) }
set grid noxtics noytics
set border 0
set style fill solid 1.0
set cblabel sprintf("D(row ‖ column) with α = %g (nats)", TERMS_ALPHA)
set cbrange [0:*]
plot "matrix.tsv" using 1:2:3 with image pixels notitle
