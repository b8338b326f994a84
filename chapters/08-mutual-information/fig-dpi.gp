# fig-dpi.gp — the data-processing inequality on random Markov chains
# X → Y → Z: I(X;Z) against I(X;Y), coloured by I(Y;Z) (chapter 8).
# Redraw by hand: cd output/08-mutual-information && gnuplot fig-dpi.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,520 @SVG
set output "fig-dpi.svg"

set xlabel "I(X;Y)   (bits)"
set ylabel "I(X;Z)   (bits)"
set cblabel "I(Y;Z)   (bits)"
set size ratio -1
stats "chains.tsv" using 1 nooutput prefix "C"
top = 1.08 * C_max
set xrange [0:top]
set yrange [0:top]
set key top left
set samples 2
set style fill solid 1.0 noborder   # house.gp fills at 35%: the colour bar must match the opaque points
# the points drawn from small I(Y;Z) to large (sorted by it), each colour
# value the centre of one of 64 equal bins of I(Y;Z) (a 128th of the bar at
# most from its own, which the eye cannot tell on a dot this small): a
# colour's dots follow each other, and are one path in the page, not 3000
# elements
stats "chains.tsv" using 3 nooutput prefix "Z"
nbins = 64
zw = (Z_max - Z_min) / nbins
zbin(z) = zw > 0 ? (z >= Z_max ? nbins - 1 : floor((z - Z_min) / zw)) : 0
# (the key's dot in the palette's middle, readable on a light and a dark ground)
plot keyentry with points pt 7 ps 0.3 lc palette frac 0.5 title "random chains", \
     "< LC_ALL=C sort -s -g -k3,3 chains.tsv" using 1:2:(Z_min + (zbin($3) + 0.5) * zw) \
         with points pt 7 ps 0.3 lc palette notitle, \
     x with lines lt 7 lw 1.5 dt 2 title "I(X;Z) = I(X;Y)", \
     "+" using (dpi_eq_ixy):(dpi_eq_ixy) every ::0::0 with points lt 2 pt 9 ps 2 title "Z a relabelling of Y", \
     "+" using (dpi_eq_merge):(dpi_eq_merge) every ::0::0 with points lt 3 pt 11 ps 2 title "Z merges proportional outcomes"
