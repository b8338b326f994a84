# fig-window.gp — error of the fixed-window Riemann sum and of adaptive quadrature
# for P = N(0, σ₁²), Q = N(0, 1), against σ₁ (chapter 5).
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-window.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,440 @SVG
set output "fig-window.svg"

set xlabel "standard deviation of p, σ₁   (q = N(0, 1))"
set ylabel "absolute error (nats)"
set logscale xy
set format x "%g"
set format y "10^{%L}"
set xrange [1e-3:10]
set yrange [1e-17:1e3]
set ytics 1e-16,1e4
set key top center
# left band: the sum is NaN; right band: p's tails leave the window
set object 1 rect from 1,1e-17 to 10,1e3 behind fc rgb "#E69F00" fillstyle transparent solid 0.08 noborder
set object 2 rect from 1e-3,1e-17 to win_undef_below,1e3 behind fc rgb "#CC79A7" fillstyle transparent solid 0.15 noborder
set label "σ₁ > 1: p's tails\nreach past the window" at 1.2,1e-12 font ",11"
set label "window sum = NaN\n(p underflows: 0·log 0)" at 1.2e-3,1e-13 font ",11"
clip(e) = e > 1e-17 ? e : 1e-17
fmt(x) = x < 0 ? "−".gprintf("%g", -x) : gprintf("%g", x)
plot "window.tsv" using 1:(clip($5)) with lines lt 2 lw 2.5 \
        title sprintf("Riemann sum, dx = %s on [%s, %s]", fmt(WINDOW_DX), fmt(WINDOW_LO), fmt(WINDOW_HI)), \
     "" using 1:(clip($6)) with lines lt 1 title "adaptive quadrature (log space, whole line)"
