# fig-mle.gp — Gaussian MLEs from repeated Gamma samples of each size in
# MLE_SIZES, over the contours of D(p ‖ N(μ, σ²)) (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-mle.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,560 @SVG
set output "fig-mle.svg"

eval "set cntrparam levels discrete ".klmap_levels
set xrange [map_mu_lo:map_mu_hi]
margin = 0.1 * (map_s_hi - map_s_lo)
set yrange [map_s_lo - margin:map_s_hi + margin]
set xlabel "estimated mean μ̂"
set ylabel "estimated standard deviation σ̂"
set size ratio -1
# gnuplot's contour table is space-separated
set datafile separator whitespace
set contour base
unset surface
set table "fig-mle-contours.tsv"
splot "klmap.tsv" using 1:2:3 with lines notitle
unset table
unset contour
set key top left opaque box width -2 spacing 1.0
# line types of the clouds, smallest n first: orange, blue, green, purple,
# sky blue (Okabe-Ito), neighbours far apart in hue and lightness
colours = "5 1 3 4 6"
# and point types (circle, square, triangles up and down, diamond): not by
# colour alone
shapes = "7 5 9 11 13"
# the minimiser is an open circle drawn last: the tightest cloud (the
# largest n) shows inside it instead of hiding under a marker
plot "fig-mle-contours.tsv" using 1:2 with lines lc rgb "#BBBBBB" lw 1 title "contours of D", \
     for [i=1:words(MLE_SIZES)] "mle.tsv" index i-1 using 2:3 with points \
         lt int(word(colours, i)) pt int(word(shapes, i)) ps (i == words(MLE_SIZES) ? 0.3 : 0.45) \
         title sprintf("n = %s", word(MLE_SIZES, i)), \
     "+" using (mu_star):(sigma_star) every ::0::0 with points pt 6 ps 3.2 lw 1.5 \
         lc rgb "black" title "minimiser of D (centre)"
