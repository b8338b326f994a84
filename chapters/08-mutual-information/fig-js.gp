# fig-js.gp — the information a draw X carries about its source label S,
# against the prior π = P(S = 1); at π = 1/2 it is JS(P,Q) (chapter 8).
# Redraw by hand: cd output/08-mutual-information && gnuplot fig-js.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,440 @SVG
set output "fig-js.svg"

set xlabel "prior of the label, π = P(S = 1)"
set ylabel "bits"
set xrange [0:1]
set yrange [0:1.15]
set key top right
set label sprintf("JS(P,Q) = %.3f bits", js_pair) at 0.5, js_pair center offset 0,-1.2
plot "js-prior.tsv" using 1:3 with lines lt 8 lw 1.5 dt 2 title "H(S) = h(π), the bound", \
     "" using 1:2 with lines lt 1 lw 2 title "I(X;S)", \
     "+" using (0.5):(js_pair) every ::0::0 with points lt 2 pt 7 ps 1.5 notitle
