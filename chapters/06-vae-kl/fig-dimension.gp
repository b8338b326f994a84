# fig-dimension.gp — the KL term against the latent dimension k (chapter 6).
# Redraw by hand: cd output/06-vae-kl && gnuplot fig-dimension.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,460 @SVG
set output "fig-dimension.svg"

set xlabel "latent dimension k"
set ylabel "KL term D(q ‖ N(0, I)) (nats)"
set logscale xy
set format x "%g"
set format y "%g"
set xrange [0.8 * word(DIM_KS, 1):1.3 * word(DIM_KS, words(DIM_KS))]
set yrange [*:*]
set offsets 0, 0, graph 0.3, graph 0.05
set key top left
plot "dimension.tsv" using 1:4 with linespoints lt 3 pt 5 ps 0.9 \
         title sprintf("μⱼ = %g, σⱼ = %g, correlation %g", DIM_MU_A, DIM_SD_A, DIM_RHO), \
     "" using 1:2 with linespoints lt 1 pt 7 ps 0.9 \
         title sprintf("μⱼ = %g, σⱼ = %g, diagonal", DIM_MU_A, DIM_SD_A), \
     "" using 1:3 with linespoints lt 2 pt 9 ps 1.0 \
         title sprintf("μⱼ = %g, σⱼ = %g, diagonal", DIM_MU_B, DIM_SD_B)
