# fig-vanish.gp — D(P‖P + εΔ) against ε: quadratic vanishing (chapter 3).
# Redraw by hand: cd output/03-jensen && gnuplot fig-vanish.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,480 @SVG
set output "fig-vanish.svg"

set xlabel "ε (size of the step from P towards P + Δ)"
set ylabel "D(P‖P + εΔ) (nats)"
set logscale xy
set xrange [5e-11:1]
set yrange [1e-22:*]
set format x "10^{%T}"
set format y "10^{%T}"
set key top left
plot "vanish.tsv" using 1:4 with lines lt 7 lw 2 title "½ ε² Σ Δ²/p (slope 2)", \
     "" using 1:($2 > 0 ? $2 : 1/0) with points lt 1 pt 7 ps 0.8 title "library (log1p and series near p = q)", \
     "" using 1:($3 > 0 ? $3 : 1/0) with points lt 2 pt 6 ps 1.2 title "textbook Σ p (ln p − ln q), positive", \
     "" using 1:($3 < 0 ? -$3 : 1/0) with points lt 2 pt 2 ps 1.2 title "textbook sum, negative (size shown)"
