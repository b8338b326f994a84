# fig-gradient.gp — errors of the Monte Carlo and finite-difference gradients of the KL term (chapter 6).
# Redraw by hand: cd output/06-vae-kl && gnuplot fig-gradient.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,440 @SVG
set output "fig-gradient.svg"

set xlabel "component of the gradient"
set ylabel "estimate − analytic gradient"
set xrange [0.4:8.6]
set yrange [*:*]
set offsets 0, 0, graph 0.3, graph 0.05
set xtics ("∂/∂μ₁" 1, "∂/∂μ₂" 2, "∂/∂μ₃" 3, "∂/∂μ₄" 4, "∂/∂ℓ₁" 5, "∂/∂ℓ₂" 6, "∂/∂ℓ₃" 7, "∂/∂ℓ₄" 8)
set arrow from 0.4,0 to 8.6,0 nohead lt 7 lw 1
set arrow from 4.5,graph 0 to 4.5,graph 1 nohead lt 8 dt 3
set key top left
plot "gradient.tsv" using 1:($4-$3):(4*$5) with yerrorbars lt 2 pt 7 ps 1 lw 1.5 \
         title "reparameterised Monte Carlo ± 4 SE", \
     "" using 1:($6-$3) with points lt 1 pt 6 ps 1.6 lw 2 title "central finite differences"
