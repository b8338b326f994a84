# fig-triangle.gp — the triangle inequality on random triples: the ratio d(A,C)/(d(A,B) + d(B,C)) (chapter 2).
# Redraw by hand: cd output/02-cross-entropy && gnuplot fig-triangle.gp
load "house.gp"
load "values.gp"
set terminal svg size 900,420 @SVG
set output "fig-triangle.svg"

# triangle.tsv: one row a log-spaced bin of the ratio, the fraction of
# (triple, ordering) in it for D, √D, √JS, L1 and L2 (columns 3 to 7)
set multiplot layout 1,2
set logscale x
set xrange [0.01:10]
set format x "%g"
set yrange [0:*]
set xlabel "d(A,C) / (d(A,B) + d(B,C))"
set ylabel "fraction of ordered triples"
set key top left reverse Left
set offsets 0, 0, graph 0.3, 0   # headroom for the key
# the ratios beyond 1 break the triangle inequality
set object 1 rect from 1, graph 0 to 10, graph 1 fc rgb "#D55E00" fs transparent solid 0.08 noborder back
set label 1 "triangle\nbroken" at 1.25, graph 0.55 left textcolor rgb "#A04000"
set arrow 1 from 1, graph 0 to 1, graph 1 nohead lc rgb "#555555" dt 2 lw 1

set title "KL and its square root" 
plot "triangle.tsv" using (sqrt($1 * $2)):3 with histeps lt 2 title sprintf("D (%.1f%% broken)", 100 * tri_viol_D), \
     "" using (sqrt($1 * $2)):4 with histeps lt 1 dt 2 title sprintf("√D (%.1f%% broken)", 100 * tri_viol_sqrtD)

set title "metrics" 
plot "triangle.tsv" using (sqrt($1 * $2)):5 with histeps lt 3 title sprintf("√JS (%.1f%%)", 100 * tri_viol_sqrtJS), \
     "" using (sqrt($1 * $2)):6 with histeps lt 4 dt 2 title sprintf("Manhattan L1 (%.1f%%)", 100 * tri_viol_L1), \
     "" using (sqrt($1 * $2)):7 with histeps lt 5 dt 4 title sprintf("Euclid L2 (%.1f%%)", 100 * tri_viol_L2)
unset multiplot
