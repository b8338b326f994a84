# fig-venn.gp — the information diagram of the weather example: discs of
# areas H(X) and H(Y) overlapping in I(X;Y), and the same as bars (chapter 8).
# Redraw by hand: cd output/08-mutual-information && gnuplot fig-venn.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,620 @SVG
set output "fig-venn.svg"

set multiplot
# -- top: the discs, their areas in bits --------------------------------------
set size 1, 0.62
set origin 0, 0.38
unset border
unset tics
unset grid
unset key
set size ratio -1
left = -venn_r1; right = venn_d + venn_r2
pad = 0.12 * (right - left)
set xrange [left - pad:right + pad]
set yrange [-1.12 * venn_r1:1.35 * venn_r1]
set object 1 circle at 0,0 size venn_r1 fc lt 1 fs transparent solid 0.25 border lc lt 1 lw 2
set object 2 circle at venn_d,0 size venn_r2 fc lt 2 fs transparent solid 0.25 border lc lt 2 lw 2
set label 1 sprintf("H(X) = %.3f", ex_hx) at 0, 1.18 * venn_r1 center textcolor lt 1
set label 2 sprintf("H(Y) = %.3f", ex_hy) at venn_d, 1.18 * venn_r1 center textcolor rgb TEXT2
set label 3 sprintf("H(X|Y)\n%.3f", ex_hx_y) at 0.5 * (left + venn_d - venn_r2), 0 center
set label 4 sprintf("I(X;Y)\n%.3f", ex_mi) at 0.5 * (venn_d - venn_r2 + venn_r1), 0 center font ",14"
set label 5 sprintf("H(Y|X)\n%.3f", ex_hy_x) at 0.5 * (venn_r1 + right), 0 center
set label 6 sprintf("union: H(X,Y) = %.3f bits", ex_hxy) at 0.5 * (left + right), -1.06 * venn_r1 center
plot NaN notitle
unset object 1
unset object 2
unset label

# -- bottom: the same quantities as bars (MacKay, fig. 8.1) -------------------
set size 1, 0.40
set origin 0, 0
set size noratio
set border 1 lw 1 lc rgb "#555555"
set xtics nomirror out
set grid xtics back lc rgb "#e4e4e4"
unset ytics
set xlabel "bits"
set xrange [-0.02 * ex_hxy:1.02 * ex_hxy]
set yrange [0.4:3.6]
set style fill solid 0.55 border lc rgb "#555555"
set ytics nomirror scale 0 ("H(X,Y)" 3, "H(X)" 2, "H(Y)" 1)
set lmargin 10
set bmargin 4.5
set label 1 "H(X,Y)" at 0.5 * ex_hxy, 3 center front
set label 4 "H(X|Y)" at 0.5 * ex_hx_y, 2 center front
set label 5 "I(X;Y)" at 0.5 * (ex_hx_y + ex_hx), 2 center front
set label 7 "I(X;Y)" at 0.5 * (ex_hx_y + ex_hx), 1 center front
set label 6 "H(Y|X)" at 0.5 * (ex_hx + ex_hxy), 1 center front
h = 0.28
plot "+" using (0.5 * ex_hxy):(3):(0.5 * ex_hxy):(h) every ::0::0 with boxxyerror lc rgb "#bbbbbb" notitle, \
     "+" using (0.5 * ex_hx_y):(2):(0.5 * ex_hx_y):(h) every ::0::0 with boxxyerror lt 1 notitle, \
     "+" using (0.5 * (ex_hx_y + ex_hx)):(2):(0.5 * ex_mi):(h) every ::0::0 with boxxyerror lt 3 notitle, \
     "+" using (0.5 * (ex_hx_y + ex_hx)):(1):(0.5 * ex_mi):(h) every ::0::0 with boxxyerror lt 3 notitle, \
     "+" using (0.5 * (ex_hx + ex_hxy)):(1):(0.5 * ex_hy_x):(h) every ::0::0 with boxxyerror lt 2 notitle
unset multiplot
