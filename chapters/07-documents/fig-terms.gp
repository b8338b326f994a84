# fig-terms.gp — the largest terms of D(GPL-2‖GPL-3) and of D(GPL-3‖GPL-2), smoothed (chapter 7).
# Redraw by hand: cd output/07-documents && gnuplot fig-terms.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,480 @SVG
set output "fig-terms.svg"
set multiplot layout 1,2 margins 0.14,0.98,0.13,0.9 spacing 0.17,0
set style fill solid 0.7 noborder
set yrange [TOP_TERMS-0.4:-0.6]
set ytics scale 0 font ",11"
set grid x noy
set xrange [0:*]
set xtics 0.005 format "%g"
set xlabel "term p log(p/q) (nats)"
set title sprintf("D(GPL-2 ‖ GPL-3) = %.3f", d23) font ",13"
plot "terms.tsv" using ($3/2):1:($3/2):(0.38):ytic(2) with boxxyerror lt 1 notitle
set title sprintf("D(GPL-3 ‖ GPL-2) = %.3f", d32) font ",13"
plot "terms.tsv" using ($5/2):1:($5/2):(0.38):ytic(4) with boxxyerror lt 2 notitle
unset multiplot
