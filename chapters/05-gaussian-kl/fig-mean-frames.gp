# fig-mean-frames.gp — the frames of fig-anim-mean side by side (chapter 5).
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-mean-frames.gp
load "house.gp"
load "values.gp"
set terminal svg size 900,680 @SVG
set output "fig-mean-frames.svg"

n = int(mean_frames)
cols = ceil(sqrt(n))
rows = ceil(1.0*n/cols)
set multiplot layout rows,cols margins 0.085,0.975,0.10,0.94 spacing 0.05,0.13
set xrange [mean_x_lo:mean_x_hi]
set yrange [0:1.12*mean_pdf_max]
set xtics 3
set ytics 0.2
do for [i=0:n-1] {
  set title sprintf("μ = %s:  D = %s", word(mean_mu_labels, i+1), word(mean_kl_labels, i+1)) font ",12"
  if (i >= n - cols) { set xlabel "x" } else { unset xlabel }
  if (i % cols == 0) { set ylabel "density" } else { unset ylabel }
  if (i == 0) { set key top right samplen 1.5 } else { unset key }
  plot "mean-frames.tsv" index i using 1:2 with lines lt 1 title "p", \
       "" index i using 1:3 with lines lt 2 dt 2 title "q"
}
unset multiplot
