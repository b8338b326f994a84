# fig-models.gp — the true Gamma law and three models for it (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-models.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,420 @SVG
set output "fig-models.svg"

set xlabel "y"
set ylabel "density"
set xrange [models_lo:models_hi]
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
set key top right
model_title(j) = sprintf("%s: D(p ‖ q) = %.3f", value(sprintf("model_name_%d", j)), \
                         value(sprintf("model_D_%d", j)))
plot "models.tsv" using 1:2 with filledcurves y1=0 lt 1 notitle, \
     "" using 1:2 with lines lt 1 lw 3 title sprintf("p = %s, the truth", model_name_0), \
     "" using 1:3 with lines lt 2 title model_title(1), \
     "" using 1:4 with lines lt 3 dt 4 title model_title(2), \
     "" using 1:5 with lines lt 4 dt 2 title model_title(3)
