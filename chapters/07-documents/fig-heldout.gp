# fig-heldout.gp — mean log-likelihood of a text's second half under its smoothed first half, against α (chapter 7).
# Redraw by hand: cd output/07-documents && gnuplot fig-heldout.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,420 @SVG
set output "fig-heldout.svg"
set logscale x
set format x "10^{%T}"
set xlabel "pseudo-count α of the first half"
set ylabel "held-out log-likelihood (nats a word)"
set key bottom right
set arrow from ho_alpha, graph 0 to ho_alpha, graph 1 nohead lt 3 dt 2 lw 1.5
set label sprintf("α* = %.2f", ho_alpha) at ho_alpha, graph 0.55 left offset 0.5,0 textcolor rgb TEXT3
plot "heldout.tsv" using 1:2 with lines lt 1 title "GPL-3, second half", \
     "" using 1:3 with lines lt 2 dt 2 title "GPL-2, second half", \
     "+" using (ho_alpha):(ho_l) every ::0::0 with points lt 3 pt 7 ps 1.2 title "maximum (Brent)", \
     "+" using (1):(ho_l1) every ::0::0 with points lt 7 pt 6 ps 1.2 title "Laplace, α = 1"
