# fig-map.gp — D(N(0,1) ‖ N(μ, σ²)) over the (μ, σ) grid, with cuts (chapter 5).
# The grid and the cuts are the parameters MAP_* and CUT_SIGMAS, CUT_MUS.
# Redraw by hand: cd output/05-gaussian-kl && gnuplot fig-map.gp
load "house.gp"
load "values.gp"
set terminal svg size 900,520 @SVG
set output "fig-map.svg"

set multiplot
# the map, left; colour on a log scale, D clipped at 0.01
set lmargin at screen 0.09
set rmargin at screen 0.45
set bmargin at screen 0.19
set tmargin at screen 0.92
set view map
set pm3d map
set style fill solid 1.0 noborder
set contour base
set cntrparam levels discrete 0.05,0.2,0.5,1,2,4,8,16,32,64,128,256
set cntrlabel onecolor format "%g" font ",11" start 25 interval 400
set style textbox opaque noborder
set xrange [map_mu_lo:map_mu_hi]
set yrange [map_sigma_lo:map_sigma_hi]
set logscale cb
set cbrange [0.01:(map_max > 10 ? map_max : 10)]
set cbtics ("0.01" 0.01, "0.1" 0.1, "1" 1, "10" 10, "100" 100, "1000" 1000)
unset xlabel
set label 9 "mean of q, μ" at screen 0.27, screen 0.075 center
set ylabel "standard deviation of q, σ"
set cblabel "D(p‖q) (nats, log scale)" offset -0.5,0
set colorbox user origin screen 0.465,0.19 size screen 0.015,0.73
set title "D(N(0,1) ‖ N(μ, σ²))"
# the minimum, P = Q at (0, 1), is marked by a cross (the inline data)
# the cuts of the right-hand panels, as dashed white lines
do for [i=1:words(CUT_SIGMAS)] {
  s = real(word(CUT_SIGMAS, i))
  if (s > map_sigma_lo && s < map_sigma_hi) {
    set arrow from map_mu_lo,s to map_mu_hi,s nohead front lc rgb "#ffffff" dt 2 lw 1.2
  }
}
do for [i=1:words(CUT_MUS)] {
  m = real(word(CUT_MUS, i))
  if (m > map_mu_lo && m < map_mu_hi) {
    set arrow from m,map_sigma_lo to m,map_sigma_hi nohead front lc rgb "#ffffff" dt 2 lw 1.2
  }
}
unset key
splot "map.tsv" using 1:2:($3 < 0.01 ? 0.01 : $3) with image nocontour, \
      "" using 1:2:3 with lines nosurface lc rgb "#ffffff" lw 1, \
      "" using 1:2:3 with labels boxed nosurface, \
      "-" using 1:2:(0.01) with points nocontour pt 3 ps 2.5 lc rgb "#D55E00"
0	1
e
unset view
unset pm3d
unset contour
unset colorbox
unset arrow
unset label 9
unset cblabel
unset logscale cb

# the cuts at fixed σ, top right
set lmargin at screen 0.66
set rmargin at screen 0.98
set bmargin at screen 0.63
set tmargin at screen 0.93
set title "cuts at fixed σ"
set xlabel "μ" offset 0,0.6
set ylabel "D (nats)"
set xrange [map_mu_lo:map_mu_hi]
set yrange [0:*]
mu_tic = map_mu_hi - map_mu_lo > 5 ? 2 : 1
set xtics mu_tic
set key top center title "σ" samplen 1.5
plot for [i=1:words(CUT_SIGMAS)] "map-cut-mu.tsv" using 1:(column(i+1)) \
     with lines lt i dt i title word(cut_sigma_labels, i)

# the cuts at fixed μ, bottom right
set bmargin at screen 0.13
set tmargin at screen 0.43
set title "cuts at fixed μ"
set xlabel "σ" offset 0,0.6
set xrange [map_sigma_lo:map_sigma_hi]
sigma_tic = map_sigma_hi - map_sigma_lo > 5 ? 1 : 0.5
set xtics sigma_tic
set key top right title "μ"
plot for [i=1:words(CUT_MUS)] "map-cut-sigma.tsv" using 1:(column(i+1)) \
     with lines lt i dt i title word(cut_mu_labels, i)
unset multiplot
