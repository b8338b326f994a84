# fig-aic-bias.gp — the bias of the maximised log-likelihood against the
# number of parameters k, simulated and exact, at the two sizes AIC_N (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-aic-bias.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,460 @SVG
set output "fig-aic-bias.svg"

n1 = word(AIC_N, 1)
n2 = word(AIC_N, 2)
set xlabel "number of parameters k"
set ylabel "bias: E[log L(θ̂)] − n E[log q(Y | θ̂)] (nats)"
set xrange [0.5:AIC_KMAX + 0.5]
set yrange [0:*]
set offsets 0, 0, graph 0.12, 0
set xtics 1
set key top left
plot x with lines lt 8 lw 2 title "bias = k (Akaike)", \
     "aic-bias.tsv" using 1:4 with lines lt 1 dt 2 title sprintf("kn/(n−k−1), n = %s", n1), \
     "" using ($1-0.06):2:(2*$3) with yerrorbars lt 1 pt 7 ps 0.9 \
         title sprintf("simulated, n = %s (±2 SE)", n1), \
     "" using 1:7 with lines lt 2 dt 4 title sprintf("kn/(n−k−1), n = %s", n2), \
     "" using ($1+0.06):5:(2*$6) with yerrorbars lt 2 pt 5 ps 0.9 \
         title sprintf("simulated, n = %s (±2 SE)", n2)
