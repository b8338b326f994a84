# fig-bias.gp — n times the bias of the plug-in and Miller–Madow estimates of
# I(X;Y) against the sample size n (chapter 8).
# Redraw by hand: cd output/08-mutual-information && gnuplot fig-bias.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,520 @SVG
set output "fig-bias.svg"

set xlabel "sample size n"
set ylabel "n × (mean estimate − I)   (nats)"
set logscale x
set format x "10^{%T}"
set xrange [0.7 * word(EST_SIZES, 1):1.4 * word(EST_SIZES, words(EST_SIZES))]
set offsets 0, 0, graph 0.08, graph 0.08
set key below maxrows 2 width -4
set arrow from est_mm_from, graph 0 to est_mm_from, graph 1 nohead lt 8 dt 3
set label "claims from here →" at est_mm_from, graph 0.06 left offset 0.5,0 textcolor rgb TEXT8
plot est_bias_coef with lines lt 1 dt 2 title "(|X| − 1)(|Y| − 1)/2", \
     0 with lines lt 2 dt 4 title "0 (Miller–Madow, first order)", \
     "estimates.tsv" using 1:10:(2 * $12) with yerrorbars lt 1 pt 7 ps 0.9 title "plug-in ± 2 SE", \
     "" using 1:11:(2 * $13) with yerrorbars lt 2 pt 5 ps 0.9 title "Miller–Madow ± 2 SE"
