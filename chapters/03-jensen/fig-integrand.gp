# fig-integrand.gp — the integrand of D(N(0, 1) ‖ Laplace(0.8, 1)) (chapter 3).
# Redraw by hand: cd output/03-jensen && gnuplot fig-integrand.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,560 @SVG
set output "fig-integrand.svg"

set multiplot layout 2,1
set lmargin 12
set rmargin 3
set xrange [-4:4]
set format x ""
set ylabel "density"
set key top left
plot "integrand.tsv" using 1:2 with lines lt 1 lw 2 title "p: N(0, 1)", \
     "" using 1:3 with lines lt 2 dt 2 lw 2 title "q: Laplace(0.8, 1)"
set format x "%g"
set xlabel "x"
set ylabel "p(x) (ln p(x) − ln q(x))"
set key top left
set label sprintf("area = D(P‖Q) = %.4f nats", integrand_d) at graph 0.98,0.88 right
plot "integrand.tsv" using 1:($4 > 0 ? $4 : 0) with filledcurves y=0 lt 3 fs transparent solid 0.35 title "p > q: adds", \
     "" using 1:($4 < 0 ? $4 : 0) with filledcurves y=0 lt 2 fs transparent solid 0.35 title "p < q: subtracts", \
     "" using 1:4 with lines lt 8 lw 1.5 notitle
unset multiplot
