# fig-beta.gp — the maximiser of the β-ELBO of the linear-Gaussian model, against β (chapter 6).
# Redraw by hand: cd output/06-vae-kl && gnuplot fig-beta.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-beta.svg"

set xlabel "weight β of the KL term"
set ylabel "nats"
set logscale xy
set format x "%g"
set format y "%g"
set xrange [0.01:100]
set yrange [1e-4:*]
set offsets 0, 0, graph 0.35, 0
set key top left Left reverse maxrows 3 width -1
set arrow from 1,graph 0 to 1,graph 1 nohead lt 8 dt 3
set label "β = 1: the true posterior" at 1,graph 0.06 left offset 0.5,0 tc rgb "#555555"
plot "beta.tsv" using 1:5 with lines lt 7 lw 2 dt 4 title "reconstruction loss −E_q log p(x | z)", \
     "" using 1:2 with lines lt 2 lw 2.5 title "KL term D(q ‖ p(z))", \
     "" using 1:3 with lines lt 1 lw 1.5 dt 2 title "KL, strong direction", \
     "" using 1:4 with lines lt 3 lw 1.5 dt 3 title "KL, weak direction", \
     "beta-check.tsv" using 1:2 with points lt 2 pt 6 ps 1.4 lw 1.5 title "GSL simplex maximiser", \
     "" using 1:3 with points lt 7 pt 6 ps 1.4 lw 1.5 notitle
