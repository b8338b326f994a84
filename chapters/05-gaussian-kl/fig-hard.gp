# fig-hard.gp — relative error of quadrature on the hard pairs, in P's
# coordinates and on the raw x axis (chapter 5).
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-hard.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,440 @SVG
set output "fig-hard.svg"

set xlabel "closed-form divergence D(P‖Q) (nats)"
set ylabel "relative error of quadrature"
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xrange [*:*]
set yrange [1e-18:30]
set key at graph 0.98, graph 0.62 right
# the claim's tolerance, the parameter QUAD_TOL
set arrow from graph 0, first QUAD_TOL to graph 1, first QUAD_TOL nohead lt 7 dt 2 lw 1.5
set label "claim: ≤ ".quad_tol_label at graph 0.02, first QUAD_TOL offset 0,0.7 font ",11"
clip(e) = e > 1e-17 ? e : 1e-17
plot "hard.tsv" using 5:(clip($8)) with points lt 2 pt 6 ps 0.9 title "raw x axis", \
     "" using 5:(clip($7)) with points lt 1 pt 7 ps 0.6 title "P's coordinates"
