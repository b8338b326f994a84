# fig-klmap.gp — D(p ‖ N(μ, σ²)) over a grid of Gaussian models, with the
# minimiser gsl_multimin found (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-klmap.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,560 @SVG
set output "fig-klmap.svg"

set xlabel "model mean μ"
set ylabel "model standard deviation σ"
set cblabel "D(p ‖ N(μ, σ²)) (nats, log scale)"
set logscale cb
set cbtics (0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, \
            0.1, 0.2, 0.3, 0.5, 1, 2, 3, 5, 10)
set size ratio -1
set style fill solid 1.0
eval "set cntrparam levels discrete ".klmap_levels
set xrange [map_mu_lo:map_mu_hi]
set yrange [map_s_lo:map_s_hi]
set cbrange [0.95*d_star:d_star + 2.8]
# gnuplot's contour table is space-separated
set datafile separator whitespace
set contour base
unset surface
set table "fig-klmap-contours.tsv"
splot "klmap.tsv" using 1:2:3 with lines notitle
unset table
unset contour
set label 1 sprintf("× minimiser found by gsl\\_multimin:\n   μ* = %.4g, σ* = %.4g, D = %.4f", \
                    mu_star, sigma_star, d_star) \
    at graph 0.03, graph 0.09 left front textcolor rgb "#222222"   # over the map: not restyled in the dark theme
set label 2 "" at mu_star, sigma_star point pt 2 ps 2.5 lw 3 lc rgb "white" front
# contour labels dark on a white box, legible on any colour of the map
set style textbox opaque noborder
plot "klmap.tsv" using 1:2:3 with image notitle, \
     "fig-klmap-contours.tsv" using 1:2 with lines lc rgb "white" lw 1 notitle, \
     "" using 1:2:(sprintf("%g", $3)) every map_steps::25 with labels \
         boxed textcolor rgb "#222222" font ",10" notitle
