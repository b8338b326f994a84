# fig-underflow.gp — the integrand of D(N(0,1) ‖ N(UF_MU,1)) two ways: with
# analytic logs, and as p log(p/q) from the computed densities (chapter 5).
# Top: the integrand itself; bottom: its size on a log scale, where the naive
# form's finite band (which lies on the analytic curve) can be seen.
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-underflow.gp
load "house.gp"
load "values.gp"
set terminal svg size 820,640 @SVG
set output "fig-underflow.svg"

# the bands where p log(p/q) is NaN (grey), +inf (pink), finite (none), NaN (grey)
set object 1 rect from graph 0,graph 0 to first uf_nan_edge,graph 1 behind fc rgb "#999999" fillstyle transparent solid 0.25 noborder
set object 2 rect from first uf_nan_edge,graph 0 to first uf_inf_edge,graph 1 behind fc rgb "#CC79A7" fillstyle transparent solid 0.18 noborder
set object 3 rect from first uf_ok_edge,graph 0 to graph 1,graph 1 behind fc rgb "#999999" fillstyle transparent solid 0.25 noborder
set xrange [uf_x_lo:uf_x_hi]
set multiplot

# top: the integrand, linear; the key below the bottom panel
set lmargin at screen 0.12
set rmargin at screen 0.97
set tmargin at screen 0.97
set bmargin at screen 0.58
set format x ""
unset xlabel
set ylabel "integrand (nats per unit x)"
set yrange [*:*]
set offsets 0, 0, graph 0.25, graph 0.1
set label 1 "p = q = 0:\n0·log(0/0)\n= NaN" at first uf_x_lo + 1,graph 0.62 font ",11"
set label 2 "q ≈ 0 < p:\np/q overflows,\nlog(p/q) = +∞" at first uf_nan_edge + 8,graph 0.62 font ",11"
# a narrow finite band (large UF_MU) puts its label above the others
finite_y = uf_ok_edge - uf_inf_edge > 15 ? 0.62 : 0.9
set label 3 sprintf("both finite:\nholds %.3g of\nthe %.4g nats", uf_ok_area, uf_d) at first (uf_inf_edge + uf_ok_edge)/2,graph finite_y center font ",11"
set label 4 "p = 0:\n0·(−∞)\n= NaN" at first uf_ok_edge + 1,graph 0.62 font ",11"
unset key
plot "underflow.tsv" using 1:2 with lines lt 1 lw 2.5 notitle, \
     "" using 1:($4 == 0 ? $3 : 1/0) with lines lt 2 dt 2 lw 2.5 notitle
unset label

# bottom: the size of the integrand, log scale; the naive form drawn wide
# beneath the analytic one, so that both show where they coincide
set tmargin at screen 0.55
set bmargin at screen 0.21
set format x "%g"
set xlabel "x"
set ylabel "|integrand|, log scale"
set offsets 0, 0, 0, 0
set logscale y
set yrange [1e-300:1e10]
set ytics ("10^{−300}" 1e-300, "10^{−200}" 1e-200, "10^{−100}" 1e-100, "1" 1)
set key at screen 0.54, screen 0.085 center vertical maxrows 2 samplen 3 reverse Left
plot "underflow.tsv" using 1:($4 == 0 && $3 != 0 ? abs($3) : 1/0) with lines lt 2 lw 7 title "p log(p/q) from the computed densities, where finite", \
     "" using 1:($2 != 0 ? abs($2) : 1/0) with lines lt 1 lw 2 title "p (log p − log q) with analytic logs, finite everywhere"
unset multiplot
