# fig-underflow.gp — the integrand of D(N(0,1) ‖ N(UF_MU,1)) two ways: with
# analytic logs, and as p log(p/q) from the computed densities (chapter 5).
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-underflow.gp
load "house.gp"
load "values.gp"
set terminal svg size 820,440 @SVG
set output "fig-underflow.svg"

set xlabel "x"
set ylabel "integrand (nats per unit x)"
set xrange [uf_x_lo:uf_x_hi]
set yrange [*:*]
set offsets 0, 0, graph 0.25, graph 0.1
set key at graph 0.87, graph 0.35 right
# the bands where p log(p/q) is NaN (grey), +inf (pink), finite (none), NaN (grey)
set object 1 rect from graph 0,graph 0 to first uf_nan_edge,graph 1 behind fc rgb "#999999" fillstyle transparent solid 0.25 noborder
set object 2 rect from first uf_nan_edge,graph 0 to first uf_inf_edge,graph 1 behind fc rgb "#CC79A7" fillstyle transparent solid 0.18 noborder
set object 3 rect from first uf_ok_edge,graph 0 to graph 1,graph 1 behind fc rgb "#999999" fillstyle transparent solid 0.25 noborder
set label "p = q = 0:\n0·log(0/0)\n= NaN" at first uf_x_lo + 1,graph 0.6 font ",11"
set label "q ≈ 0 < p:\np/q overflows,\nlog(p/q) = +∞" at first uf_nan_edge + 8,graph 0.6 font ",11"
# a narrow finite band (large UF_MU) puts its label above the others
finite_y = uf_ok_edge - uf_inf_edge > 15 ? 0.6 : 0.9
set label "both finite" at first (uf_inf_edge + uf_ok_edge)/2,graph finite_y center font ",11"
set label "p = 0:\n0·(−∞)\n= NaN" at first uf_ok_edge + 1,graph 0.6 font ",11"
plot "underflow.tsv" using 1:2 with lines lt 1 lw 2.5 title "p (log p − log q), analytic logs", \
     "" using 1:($4 == 0 ? $3 : 1/0) with lines lt 2 dt 2 lw 2.5 title "p log(p/q) where finite"
