# fig-fit.gp — a two-bump mixture and the Gaussians that minimise the forward
# and the reverse divergence (chapter 5).
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-fit.gp
load "house.gp"
load "values.gp"
set terminal svg size 820,440 @SVG
set output "fig-fit.svg"

set xlabel "x"
set ylabel "density"
set xrange [*:*] noextend
set yrange [0:*]
set offsets 0, 0, graph 0.3, 0
set key top right
plot "fit.tsv" using 1:2 with filledcurves y1=0 lc rgb "#999999" title "p: the mixture", \
     "" using 1:3 with lines lt 1 dt 4 title "min D(p‖q): ".fit_fwd, \
     "" using 1:4 with lines lt 2 title "min D(q‖p): ".fit_rev, \
     "" using 1:5 with lines lt 2 dt 2 title "local min D(q‖p): ".fit_loc
