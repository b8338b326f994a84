# fig-gauss-entropy.gp — differential entropy of N(0, σ²): closed form and quadrature (chapter 1).
# Redraw by hand: cd output/01-entropy && gnuplot fig-gauss-entropy.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,440 @SVG
set output "fig-gauss-entropy.svg"

set xlabel "standard deviation σ"
set ylabel "differential entropy h (nats)"
set logscale x
set xrange [sigma_from:sigma_to]
set offsets 0, 0, graph 0.08, graph 0.12
set format x "%g"
set key top left
set arrow from sigma_from,0 to sigma_to,0 nohead lt 7 lw 1
set object 1 rect from graph 0,graph 0 to first sigma0,first 0 behind \
    fc rgb "#D55E00" fillstyle transparent solid 0.10 noborder
set label sprintf("h < 0 for σ < 1/√(2πe) ≈ %.3f", sigma0) at graph 0.03,graph 0.06 left
plot "gauss-entropy.tsv" using 1:2 with lines lt 1 title "½ ln(2πeσ²)", \
     "gauss-entropy-quad.tsv" using 1:2 with points lt 2 pt 6 ps 1.3 title "adaptive quadrature (GSL qagi)"
