# fig-bernoulli.gp — the Bernoulli entropy curve and its maximum (chapter 1).
# Redraw by hand: cd output/01-entropy && gnuplot fig-bernoulli.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,420 @SVG
set output "fig-bernoulli.svg"

set xlabel "p = P(X = 1)"
set ylabel "H(Bern(p)) (bits)"
set xrange [0:1]
set yrange [0:1.12]
set key bottom center
set label sprintf("maximum %.3g bit at p = %.3g", bern_hmax, bern_argmax) \
    at bern_argmax,bern_hmax center offset 0,1.2
set label sprintf("p = 0.1: %.3f bits", bern_h01) at 0.1,bern_h01 left offset 1.2,-0.2
set label sprintf("p = 0.4: %.3f bits", bern_h04) at 0.4,bern_h04 right offset -1.2,-0.3
set samples 2
plot "bernoulli.tsv" using 1:2 with lines lt 1 title "H(p) = −p log₂ p − (1−p) log₂(1−p)", \
     "+" using (bern_argmax):(bern_hmax) with points lt 2 pt 7 ps 1.2 notitle, \
     "+" using (0.1):(bern_h01) with points lt 2 pt 7 ps 1.2 notitle, \
     "+" using (0.4):(bern_h04) with points lt 2 pt 7 ps 1.2 notitle
