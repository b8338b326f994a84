# fig-discretize.gp — binned entropy plus ln Δ settling on the differential entropy (chapter 1).
# Redraw by hand: cd output/01-entropy && gnuplot fig-discretize.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,440 @SVG
set output "fig-discretize.svg"

set xlabel "bin width Δ / σ"
set ylabel "H(X_Δ) + ln Δ (nats)"
set logscale x
set xrange [0.001:3.2]
set yrange [-1.6:2.0]
set format x "%g"
set key top center
set arrow from 0.001,disc_h1 to 3.2,disc_h1 nohead lt 1 dt 2 lw 1.5
set arrow from 0.001,disc_h01 to 3.2,disc_h01 nohead lt 2 dt 2 lw 1.5
set label gprintf("h = %.5g", disc_h1) at 0.0012,disc_h1 offset 0,0.7 textcolor lt 1
set label gprintf("h = %.5g", disc_h01) at 0.0012,disc_h01 offset 0,-0.9 textcolor rgb TEXT2
plot "discretize.tsv" using 1:4 with linespoints lt 1 pt 7 ps 0.6 title "σ = 1", \
     "" using 1:2 with linespoints lt 2 pt 5 ps 0.6 title "σ = 0.1"
