# fig-contrib.gp — the per-symbol terms of D(P‖Q) and D(Q‖P) for the weather (chapter 2).
# Redraw by hand: cd output/02-cross-entropy && gnuplot fig-contrib.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,420 @SVG
set output "fig-contrib.svg"

set ylabel "term of the divergence (bits)"
set xrange [-0.6:3.6]
set yrange [-0.45:1.15]
set boxwidth 0.36
set style fill solid 0.6 border lc rgb "#333333"
set key top left
set grid noxtics
set xzeroaxis lt 7 lw 1
set label sprintf("sum: D(P‖Q) = %g bit", w_dpq) at 1.7,0.62 left textcolor lt 1
set label sprintf("sum: D(Q‖P) = %g bit", w_dqp) at 1.7,0.52 left textcolor rgb TEXT2
# the bars, then their values just beyond their ends
plot "contrib.tsv" using ($1-0.19):3:xtic(2) with boxes lt 1 title "p log₂(p/q), terms of D(P‖Q)", \
     "" using ($1+0.19):4 with boxes lt 2 fs pattern 4 border lc rgb "#333333" title "q log₂(q/p), terms of D(Q‖P)", \
     "" using ($1-0.19):($3 < 0 ? $3-0.06 : $3+0.06):5 with labels font ",10" notitle, \
     "" using ($1+0.19):($4 < 0 ? $4-0.06 : $4+0.06):6 with labels font ",10" notitle
