# fig-variance.gp — per-draw standard deviation of the two estimators as the posterior widens (chapter 6).
# Redraw by hand: cd output/06-vae-kl && gnuplot fig-variance.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-variance.svg"

set xlabel "posterior standard deviation s (prior: 1)"
set ylabel "standard deviation of one draw's term (nats)"
set logscale y
set format y "%g"
set xrange [0.3:2]
set yrange [*:*]
set offsets 0, 0, graph 0.25, graph 0.05
set key top right
# below thr4 = √¾ the sample variance has infinite variance (E r⁴ = ∞);
# below thr2 = 1/√2 the variance itself is infinite (E r² = ∞)
set object 1 rect from graph 0, graph 0 to thr4, graph 1 back fc rgb "#f2f2f2" fs solid 1 noborder
set arrow from thr2,graph 0 to thr2,graph 1 nohead lt 7 dt 2
set arrow from thr4,graph 0 to thr4,graph 1 nohead lt 8 dt 2
set label "sample sd erratic" at 0.32,graph 0.06 left tc rgb "#555555"
set label "s = 1/√2" at thr2,graph 0.82 right offset -0.4,0 tc rgb "#333333"
set label "s = √¾" at thr4,graph 0.82 left offset 0.4,0 tc rgb "#333333"
plot "variance.tsv" using 1:4 with lines lt 1 title "log q − log p: closed form", \
     "" using 1:2 with points lt 1 pt 7 ps 0.7 title "log q − log p: sample", \
     "" using 1:3 with linespoints lt 2 pt 5 ps 0.7 title "(r − 1) − log r: sample"
