# fig-score.gp — per-draw spread of three gradient estimators against the width of q (chapter 6).
# Redraw by hand: cd output/06-vae-kl && gnuplot fig-score.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-score.svg"

set xlabel "standard deviation s of q = N(μ, s² I)"
set ylabel "sd of one draw's ∂/∂μ₁ estimate"
set logscale xy
set format x "%g"
set format y "%g"
set xrange [0.09:2.2]
set xtics (0.1, 0.2, 0.5, 1, 2)
set autoscale yfix
set offsets 0, 0, graph 0.3, graph 0.08
set key top center maxrows 2 width -3
plot "score-reparam.tsv" using 1:2 with linespoints lt 2 pt 7 ps 0.8 title "score function f(z) ∇_μ log q", \
     "" using 1:3 with linespoints lt 5 pt 9 ps 0.9 title "… with baseline f(μ)", \
     "" using 1:4 with points lt 1 pt 5 ps 0.8 title "reparameterised ∇_z f(μ + sε)", \
     "" using 1:5 with lines lt 1 dt 2 title "… closed form s √(H²)₁₁"
