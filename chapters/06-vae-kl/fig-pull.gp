# fig-pull.gp — the KL term of one latent coordinate over (μ, σ), with the pull of the prior (chapter 6).
# Redraw by hand: cd output/06-vae-kl && gnuplot fig-pull.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,500 @SVG
set output "fig-pull.svg"

# fixed margins: a map drawn by splot otherwise leaves a blank band above
set lmargin at screen 0.10
set rmargin at screen 0.80
set tmargin at screen 0.96
set bmargin at screen 0.14
set colorbox user origin screen 0.83, screen 0.14 size screen 0.025, screen 0.82

set view map
set xlabel "posterior mean μⱼ"
set ylabel "posterior standard deviation σⱼ"
set cblabel "KL of one latent dimension (nats)"
set xrange [-3:3]
set yrange [0.05:3]
set cbrange [0:5]
set contour base
set cntrparam levels discrete 0.1, 0.5, 1, 2, 3, 4
# contour labels dark on a white box, legible on any colour of the map
set style textbox opaque noborder
set cntrlabel onecolor format "%g" start 60 interval 700
set style fill solid 1.0 noborder
unset grid
unset key
# the orange dot: the only zero, (μ, σ) = (0, 1)
splot "pull.tsv" using 1:2:3 with image nocontour, \
      "" using 1:2:3 with lines nosurface lc rgb "#ffffff" lw 1, \
      "" using 1:2:3 with labels nosurface boxed font ",10" textcolor rgb "#222222", \
      "pull-arrows.tsv" using 1:2:3:4:5:6 with vectors nocontour \
          head filled size screen 0.008,25 lc rgb "#f0f0f0" lw 1.2, \
      "-" using 1:2:3 with points nocontour pt 7 ps 1.5 lc rgb "#D55E00"
0	1	0
e
