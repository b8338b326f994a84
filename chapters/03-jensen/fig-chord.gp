# fig-chord.gp — Jensen's inequality as a chord above −ln x (chapter 3).
# Redraw by hand: cd output/03-jensen && gnuplot fig-chord.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-chord.svg"

set xlabel "x"
set ylabel "f(x) = −ln x"
set xrange [0.2:4.2]
set yrange [-1.6:1.8]
set key top right
set arrow from chord_ex,chord_fex to chord_ex,chord_efx heads lt 3 lw 1.5 size screen 0.012,25
set arrow from chord_ex,-1.6 to chord_ex,chord_fex nohead lt 7 dt 3
set label gprintf("E[f(X)] = %.3f (on the chord)", chord_efx) at chord_ex,chord_efx left offset 1,0.6 textcolor rgb TEXT2
set label gprintf("f(E[X]) = %.3f", chord_fex) at chord_ex,chord_fex right offset -1,-0.6 textcolor lt 1
set label gprintf("Jensen gap %.3f", chord_efx - chord_fex) at chord_ex,0.5*(chord_efx + chord_fex) left offset 1,0 textcolor rgb TEXT3
set label sprintf("E[X] = %.4g", chord_ex) at chord_ex,-1.6 left offset 0.6,0.8
set label sprintf("x₁ = %g, weight %g", chord_x1, chord_w1) at chord_x1,chord_f1 left offset 1,0.3
set label sprintf("x₂ = %g, weight %g", chord_x2, chord_w2) at chord_x2,chord_f2 right offset -0.8,-0.9
set samples 2
plot "chord-curve.tsv" using 1:2 with lines lt 1 lw 2 title "f(x) = −ln x", \
     "+" using ($0 == 0 ? chord_x1 : chord_x2):($0 == 0 ? chord_f1 : chord_f2) \
         with linespoints lt 2 pt 7 ps 1.3 title "chord: the points (E[X], E[f(X)]) for all weights", \
     "+" using (chord_ex):(chord_efx) with points lt 2 pt 7 ps 1.3 notitle, \
     "+" using (chord_ex):(chord_fex) with points lt 1 pt 7 ps 1.3 notitle
