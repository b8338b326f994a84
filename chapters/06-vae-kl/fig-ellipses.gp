# fig-ellipses.gp — the prior and a posterior in two dimensions, as 1σ and 2σ ellipses (chapter 6).
# Redraw by hand: cd output/06-vae-kl && gnuplot fig-ellipses.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,640 @SVG
set output "fig-ellipses.svg"

# the ranges hold every ellipse and draw, with room for the key at the top
stats "ellipses.tsv" using 1:2 nooutput prefix "E"
stats "ellipse-draws.tsv" using 1:2 nooutput prefix "D"
xmin = E_min_x < D_min_x ? E_min_x : D_min_x
xmax = E_max_x > D_max_x ? E_max_x : D_max_x
ymin = E_min_y < D_min_y ? E_min_y : D_min_y
ymax = E_max_y > D_max_y ? E_max_y : D_max_y
span = xmax - xmin > ymax - ymin ? xmax - xmin : ymax - ymin

set xlabel "latent coordinate z₁"
set ylabel "latent coordinate z₂"
set size ratio -1
set xrange [xmin - 0.15 * span:xmax + 0.2 * span]
set yrange [ymin - 0.075 * span:ymax + 0.475 * span]
set key top left samplen 2
# the draws first and light, so that the ellipses lie on top of them
plot "ellipse-draws.tsv" with points pt 7 ps 0.3 lc rgb "#b0b0b0" title sprintf("%d draws z ∼ q", ELL_DRAWS), \
     "ellipses.tsv" index 0 with lines lt 1 lw 2 title "prior N(0, I): 1σ, 2σ", \
     "" index 1 with lines lt 1 lw 1 dt 2 notitle, \
     "ellipses.tsv" index 2 with lines lt 2 lw 2.5 \
         title sprintf("posterior q, ρ = %.2f: D = %.3f nats", ELL_RHO, ell_d_full), \
     "" index 3 with lines lt 2 lw 1 dt 2 notitle, \
     "" index 4 with lines lt 3 lw 2 dt 4 title sprintf("diagonal q, ρ = 0: D = %.3f nats", ell_d_diag), \
     "" index 5 with lines lt 3 lw 1 dt 3 notitle
