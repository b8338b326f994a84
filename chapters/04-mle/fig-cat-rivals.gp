# fig-cat-rivals.gp — average log-likelihood of random laws q on the rolls of
# the die against D(p ‖ q), with the truth and the MLE (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-cat-rivals.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,440 @SVG
set output "fig-cat-rivals.svg"

set xlabel "D(p ‖ q): divergence from the true law (nats)"
set ylabel "average log-likelihood log L(q) / n (nats)"
# the truth sits at D = 0: room on the left so that its marker is not clipped
set autoscale fix
set offsets graph 0.03, graph 0.02, graph 0.1, graph 0.03
set key top right
plot "cat-rivals.tsv" using 2:3 with points lt 1 pt 7 ps 0.35 \
         title "random laws q (Dirichlet(1))", \
     -cat_h_true - x with lines lt 2 lw 1.5 title "its expectation −H(p) − D(p ‖ q)", \
     "+" using (0):(cat_truth_avg) every ::0::0 with points lt 7 pt 8 ps 2.4 lw 2 \
         title "q = p, the truth", \
     "+" using (cat_mle_d):(cat_mle_avg) every ::0::0 with points lt 3 pt 7 ps 1.1 \
         title "q = p̂, the MLE"
