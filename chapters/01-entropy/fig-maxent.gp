# fig-maxent.gp — histograms of H(P)/ln K for random distributions (chapter 1).
# Redraw by hand: cd output/01-entropy && gnuplot fig-maxent.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,440 @SVG
set output "fig-maxent.svg"

set xlabel "entropy as a fraction of its bound, H(P) / ln K"
set ylabel "density of draws"
set xrange [0:1.08]
set yrange [0:*]
set key top left
set arrow from 1,graph 0 to 1,graph 1 nohead lt 7 dt 2 lw 1.5
set label "uniform: H = ln K" at 1,graph 0.55 center rotate by 90 offset 1.3,0
# one column a size K of the parameter SIZES
plot for [i=1:words(SIZES)] "maxent.tsv" using 1:(column(i + 1)) \
     with histeps lt i title "K = ".word(SIZES, i)
