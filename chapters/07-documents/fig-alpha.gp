# fig-alpha.gp — D(GPL-2‖GPL-3) and D(GPL-3‖GPL-2) as functions of the pseudo-count α (chapter 7).
# Redraw by hand: cd output/07-documents && gnuplot fig-alpha.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,420 @SVG
set output "fig-alpha.svg"
set logscale x
set format x "10^{%T}"
set xlabel "pseudo-count α added to every word"
set ylabel "divergence (nats)"
set key right center
set arrow from 1, graph 0 to 1, graph 1 nohead lt 8 dt 2 lw 1
set label "Laplace, α = 1" at 1, graph 0.97 right rotate by 90 offset -1.1,0 textcolor rgb "#555555"
set arrow from TERMS_ALPHA, graph 0 to TERMS_ALPHA, graph 1 nohead lt 8 dt 3 lw 1
set label sprintf("α = %g", TERMS_ALPHA) at TERMS_ALPHA, graph 0.97 right rotate by 90 offset -1.1,0 textcolor rgb "#555555"
set arrow from ho_alpha, graph 0 to ho_alpha, graph 1 nohead lt 3 dt 2 lw 1.5
set label sprintf("GPL-3's α* = %.2f", ho_alpha) at ho_alpha, graph 0.8 left offset 0.5,0 textcolor rgb TEXT3
plot "heldout.tsv" using 1:4 with lines lt 1 title "D(GPL-2 ‖ GPL-3)", \
     "" using 1:5 with lines lt 2 dt 2 title "D(GPL-3 ‖ GPL-2)"
