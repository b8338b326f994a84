# fig-tiny.gp — relative error of the textbook and the careful closed form
# near P = Q, against long-double references (chapter 5).
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-tiny.gp
load "house.gp"
load "values.gp"
set terminal svg size 800,440 @SVG
set output "fig-tiny.svg"

set xlabel "divergence D(P‖Q) (nats)"
set ylabel "relative error"
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xrange [1e-20:1]
set yrange [1e-20:1e6]
set xtics 1e-20,1e4,1
set ytics 1e-20,1e5
set key at graph 0.98, graph 0.98 right top
set arrow from 1e-20,dbl_eps to 1,dbl_eps nohead lt 7 dt 2 lw 1
set label "machine ε" at 2e-20,dbl_eps offset 0,0.6 font ",11"
clip(e) = e > 1e-19 ? e : 1e-19
# one block a family: the mean moves, the width, both
plot "tiny.tsv" index 0 using 2:(clip($3)) with points lt 2 pt 6 ps 0.7 title "textbook, mean", \
     "" index 1 using 2:(clip($3)) with points lt 5 pt 8 ps 0.7 title "textbook, width", \
     "" index 2 using 2:(clip($3)) with points lt 4 pt 4 ps 0.6 title "textbook, both", \
     "" index 0 using 2:(clip($4)) with points lt 1 pt 7 ps 0.45 title "careful (all)", \
     "" index 1 using 2:(clip($4)) with points lt 1 pt 7 ps 0.45 notitle, \
     "" index 2 using 2:(clip($4)) with points lt 1 pt 7 ps 0.45 notitle
