# fig-penalties.gp — each candidate's optimism (nats) when every candidate
# misses the truth: AIC's k, AICc's kn/(n−k−1), Takeuchi's tr(J⁻¹K), the
# exact finite-n bias, the Monte Carlo optimism and the leave-one-out penalty
# (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-penalties.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,480 @SVG
set output "fig-penalties.svg"

set xlabel "polynomial degree (k = degree + 2)"
set ylabel "optimism log L(θ̂) − n E[log q(Y | θ̂)] (nats)"
set xrange [-0.5:SEL_MAXDEG + 0.5]
set xtics 1
set yrange [0:*]
set key top left
# where the misfit is small, Takeuchi's penalty meets k and the exact bias
# meets AICc's: the wide lines go first, so that the thin ones stay visible
plot "aic-penalties.tsv" using 1:5 with lines lt 3 lw 6 title "exact bias, truth missed", \
     "" using 1:4 with linespoints lt 1 lw 4 pt 4 ps 1 title "tr(J⁻¹K) (Takeuchi)", \
     "" using 1:3 with lines lt 4 lw 1.5 dt 2 title "kn/(n−k−1) (AICc)", \
     "" using 1:2 with lines lt 7 lw 1 dt 3 title "k (AIC)", \
     "" using 1:6:(2*$7) with yerrorbars lt 7 pt 7 ps 0.6 \
         title "simulated optimism (±2 SE)", \
     "" using 1:8 with linespoints lt 2 pt 9 ps 1 dt 4 title "mean log L − LOO"
