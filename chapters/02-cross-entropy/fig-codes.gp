# fig-codes.gp — code lengths of the weather symbols under the right and the wrong code (chapter 2).
# Redraw by hand: cd output/02-cross-entropy && gnuplot fig-codes.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,420 @SVG
set output "fig-codes.svg"

set ylabel "code length of the symbol (bits)"
set xrange [-0.6:4.7]
set bmargin 4.5
set yrange [0:4.2]
set ytics 1
set boxwidth 0.36
set style fill solid 0.6 border lc rgb "#333333"
set key top left maxrows 2 width -2
set grid noxtics
set arrow from -0.6,w_hp to 4.7,w_hp nohead lt 1 dt 2 lw 1.5 front
set arrow from -0.6,w_hpq to 4.7,w_hpq nohead lt 2 dt 2 lw 1.5 front
set label sprintf("H(P) = %g bits", w_hp) at 4.65,w_hp right offset 0,-0.7 textcolor lt 1 front
set label sprintf("H(P,Q) = %g bits", w_hpq) at 4.65,w_hpq right offset 0,0.7 textcolor rgb TEXT2 front
plot "codes.tsv" using ($1-0.19):5:xtic(sprintf("%s\n(p = %g)", stringcolumn(2), $3)) \
         with boxes lt 1 title "code built for P: −log₂ p", \
     "" using ($1+0.19):6 with boxes lt 2 fs pattern 4 border lc rgb "#333333" title "code built for Q: −log₂ q"
