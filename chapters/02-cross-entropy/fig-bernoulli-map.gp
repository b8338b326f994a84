# fig-bernoulli-map.gp — D(Bern(a)‖Bern(b)) over the unit square, with its mirror image's contours (chapter 2).
# Redraw by hand: cd output/02-cross-entropy && gnuplot fig-bernoulli-map.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,620 @SVG
set output "fig-bernoulli-map.svg"

set xlabel "a, the success probability of P = Bern(a)"
set ylabel "b, the success probability of Q = Bern(b)"
set cblabel "D(Bern(a) ‖ Bern(b)) (nats)"
set xrange [0:1]
set yrange [0:1]
set cbrange [0:BERN_CBMAX]         # the corners go to +∞
set style fill solid 1.0
set size ratio -1
set grid front lc rgb "#80ffffff"
unset key                          # white lines would vanish on a key's white ground

# the contours at BERN_LEVELS, of the map and of its mirror image, as tables
levels = word(BERN_LEVELS, 1)
do for [i=2:words(BERN_LEVELS)] { levels = levels.",".word(BERN_LEVELS, i) }
set contour base
unset surface
set view map
eval "set cntrparam levels discrete ".levels
set datafile separator whitespace  # the tables use spaces
set table $mine
splot "bern-map.tsv" using 1:2:3 with lines
set table $mirror
splot "bern-map.tsv" using 2:1:3 with lines
unset table
unset contour

# each level labelled where its contour crosses the column a = BERN_LABEL_A
# below the diagonal and the column a = 1 - BERN_LABEL_A above it (found by
# the program: bern_labels of them, as a level a column never reaches has
# none), dark on a white box, legible on any colour of the map.  A plot "with
# labels" that has no point crashes gnuplot 5.4, hence the macro.
set style textbox opaque noborder
labels = ""
if (bern_labels > 0) labels = ', "bern-labels.tsv" using 1:2:(sprintf("%g", $3)) ' . \
    'with labels left boxed textcolor rgb "#222222" font ",11" offset 0.5,-0.6 notitle'
plot "bern-map.tsv" using 1:2:3 with image notitle, \
     $mine using 1:2 with lines lc rgb "white" lw 2 notitle, \
     $mirror using 1:2 with lines lc rgb "#E69F00" lw 2 dt 2 notitle, \
     x with lines lc rgb "#cccccc" lw 1 dt 3 notitle @labels
