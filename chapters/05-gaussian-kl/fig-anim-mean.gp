# fig-anim-mean.gp — animation: Q = N(μ, 1) slides past P = N(0, 1) (chapter 5).
# One frame a mean of the parameter MEANS; the frames are the blocks of
# mean-frames.tsv (index i).  Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-anim-mean.gp
load "house.gp"
load "values.gp"
set terminal gif animate delay 80 loop 0 optimize size 880,400 @GIF
set output "fig-anim-mean.gif"

do for [i=0:mean_frames-1] {
  set multiplot layout 1,2
  set title sprintf("q = N(%s, 1)", word(mean_mu_labels, i+1)) noenhanced
  set xlabel "x"
  set ylabel "density"
  set xrange [mean_x_lo:mean_x_hi]
  set yrange [0:1.4*mean_pdf_max]
  set key top left
  plot "mean-frames.tsv" index i using 1:2 with lines lt 1 title "p = N(0, 1)", \
       "" index i using 1:3 with lines lt 2 dt 2 title "q"
  set title sprintf("D(p‖q) = %s nats", word(mean_kl_labels, i+1)) noenhanced
  set xlabel "mean of q, μ"
  set ylabel "D(p‖q) (nats)"
  set xrange [*:*]
  set autoscale xfix
  set offsets graph 0.03, graph 0.03, 0, 0
  set yrange [0:1.06*mean_kl_max]
  set key top center
  plot "mean-kl.tsv" using 1:2 with lines lt 1 title "μ²/2", \
       "mean-points.tsv" every ::i::i using 1:3 with points lt 2 pt 7 ps 1.6 title "quadrature"
  set offsets 0, 0, 0, 0
  unset multiplot
}
