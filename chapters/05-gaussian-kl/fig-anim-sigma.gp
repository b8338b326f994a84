# fig-anim-sigma.gp — animation: Q = N(0, σ²) narrows and widens around P = N(0, 1) (chapter 5).
# One frame a width of the parameter SIGMAS; the frames are the blocks of
# sigma-frames.tsv (index i).  Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-anim-sigma.gp
load "house.gp"
load "values.gp"
set terminal gif animate delay 80 loop 0 optimize size 880,400 @GIF
set output "fig-anim-sigma.gif"

do for [i=0:sigma_frames-1] {
  set multiplot layout 1,2
  set title sprintf("q = N(0, %s²)", word(sigma_sigma_labels, i+1)) noenhanced
  set xlabel "x"
  set ylabel "density"
  set xrange [sigma_x_lo:sigma_x_hi]
  set yrange [0:1.07*sigma_pdf_max]
  set key top left
  plot "sigma-frames.tsv" index i using 1:2 with lines lt 1 title "p = N(0, 1)", \
       "" index i using 1:3 with lines lt 2 dt 2 title "q"
  set title sprintf("D(p‖q) = %s nats", word(sigma_kl_labels, i+1)) noenhanced
  set xlabel "standard deviation of q, σ"
  set ylabel "D(p‖q) (nats)"
  set xrange [*:*]
  set autoscale xfix
  set offsets graph 0.03, graph 0.03, 0, 0
  set yrange [0:1.14*sigma_kl_max]
  set key top center
  plot "sigma-kl.tsv" using 1:2 with lines lt 1 title "log σ + 1/(2σ²) − ½", \
       "sigma-points.tsv" every ::i::i using 1:3 with points lt 2 pt 7 ps 1.6 title "quadrature"
  set offsets 0, 0, 0, 0
  unset multiplot
}
