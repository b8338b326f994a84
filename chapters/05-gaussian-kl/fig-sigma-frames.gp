# fig-sigma-frames.gp — the frames of fig-anim-sigma side by side (chapter 5).
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-sigma-frames.gp
load "house.gp"
load "values.gp"
set terminal svg size 1000,640 @SVG
set output "fig-sigma-frames.svg"

n = int(sigma_frames)
cols = ceil(sqrt(n*5.0/3))
rows = ceil(1.0*n/cols)
set multiplot layout rows,cols margins 0.075,0.98,0.11,0.94 spacing 0.035,0.13
set xrange [sigma_x_lo:sigma_x_hi]
set yrange [0:1.07*sigma_pdf_max]
set xtics 3
set ytics 0.4
do for [i=0:n-1] {
  set title sprintf("σ = %s:  D = %s", word(sigma_sigma_labels, i+1), word(sigma_kl_labels, i+1)) font ",11"
  if (i >= n - cols) { set xlabel "x" } else { unset xlabel }
  if (i % cols == 0) { set ylabel "density" } else { unset ylabel }
  # the key in the first frame's top-left corner, where both densities are ~0
  if (i == 0) { set key top left reverse Left samplen 1 spacing 1 width -2 } else { unset key }
  plot "sigma-frames.tsv" index i using 1:2 with lines lt 1 title "p", \
       "" index i using 1:3 with lines lt 2 dt 2 title "q"
}
unset multiplot
