# fig-cat-rivals.gp — average log-likelihood of random laws q on the rolls of
# the die against D(p ‖ q), with the truth and the MLE (chapter 4).  The
# truth and the MLE are a thousandth of a nat apart: the right panel
# magnifies the corner where they sit.
# Redraw by hand: cd output/04-mle && gnuplot fig-cat-rivals.gp
load "house.gp"
load "values.gp"
set terminal svg size 960,440 @SVG
set output "fig-cat-rivals.svg"

set multiplot
set origin 0, 0
set size 0.6, 1
set xlabel "D(p ‖ q): divergence from the true law (nats)"
set ylabel "average log-likelihood log L(q) / n (nats)"
# the truth sits at D = 0: room on the left so that its marker is not clipped
set autoscale fix
set offsets graph 0.06, graph 0.02, graph 0.1, graph 0.03
set key bottom left font ",12"
plot "cat-rivals.tsv" using 2:3 with points lt 1 pt 7 ps 0.35 \
         title "random laws q (Dirichlet(1))", \
     -cat_h_true - x with lines lt 2 lw 1.5 title "its expectation −H(p) − D(p ‖ q)", \
     "+" using (0):(cat_truth_avg) every ::0::0 with points lt 7 pt 8 ps 1.6 lw 1.5 \
         title "q = p, the truth", \
     "+" using (cat_mle_d):(cat_mle_avg) every ::0::0 with points lt 3 pt 7 ps 1.2 \
         title "q = p̂, the MLE"

# the right panel: the corner around the truth and the MLE
d = cat_mle_d > 1e-6 ? cat_mle_d : 1e-3
# the two points and the expectation line at D = 0, −H(p)
ylo = (cat_truth_avg < cat_mle_avg ? cat_truth_avg : cat_mle_avg)
ylo = (ylo < -cat_h_true - 2 * d ? ylo : -cat_h_true - 2 * d)
yhi = (cat_truth_avg > cat_mle_avg ? cat_truth_avg : cat_mle_avg)
yhi = (yhi > -cat_h_true ? yhi : -cat_h_true)
dy = yhi - ylo > 1e-6 ? yhi - ylo : 1e-3
set origin 0.6, 0
set size 0.4, 1
unset offsets
set xrange [-1.2 * d:2.2 * d]
set yrange [ylo - 0.3 * dy:yhi + 0.3 * dy]
set xtics 0.001
set ytics 0.001
set format x "%.3f"
set format y "%.3f"
set xlabel "D(p ‖ q), the corner at 0 magnified"
unset ylabel
set key off
plot -cat_h_true - x with lines lt 2 lw 1.5, \
     "+" using (0):(cat_truth_avg) every ::0::0 with points lt 7 pt 8 ps 1.6 lw 1.5, \
     "+" using (cat_mle_d):(cat_mle_avg) every ::0::0 with points lt 3 pt 7 ps 1.2
unset multiplot
set origin 0, 0
set size 0.6, 1
