# fig-pinsker.gp — total variation against KL divergence, with Pinsker's bound (chapter 3).
# Redraw by hand: cd output/03-jensen && gnuplot fig-pinsker.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,480 @SVG
set output "fig-pinsker.svg"

set xlabel "D(P‖Q) (nats)"
set ylabel "total variation TV(P, Q)"
set logscale xy
set xrange [1e-8:1e3]
set yrange [1e-4:1.6]
set format x "10^{%T}"
set format y "10^{%T}"
set key top left title "Dirichlet α" box opaque
set samples 400
# where the two bounds cross, D* (Brent's root, from values.gp)
set arrow from bh_cross, 1e-4 to bh_cross, 1.6 nohead lc rgb "#555555" lw 1 dt 3 back
set label sprintf("D* = %.3f", bh_cross) at bh_cross * 1.3, 0.03 left textcolor rgb "#333333"
pinsker(x) = sqrt(x / 2.0)
bh(x) = sqrt(1.0 - exp(-x))
plot for [i=0:words(ALPHAS)-1] "pinsker.tsv" using 1:($3 == i ? $2 : 1/0) \
         with points lt i+1 pt (i == 0 ? 7 : i == 1 ? 5 : i == 2 ? 9 : i == 3 ? 11 : 13) ps 0.5 title word(ALPHAS, i+1), \
     pinsker(x) with lines lt 7 lw 2 title "Pinsker √(D/2)", \
     bh(x) with lines lt 8 lw 2 dt 2 title "B–H √(1 − e^{−D})"
