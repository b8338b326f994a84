# fig-aic-picks.gp — over SEL_REPS data sets: mean training deviance, AIC,
# AICc and expected deviance by degree (left); how often each degree is
# picked by AIC, BIC and leave-one-out cross-validation and is truly best
# (right) (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-aic-picks.gp
load "house.gp"
load "values.gp"
set terminal svg size 960,420 @SVG
set output "fig-aic-picks.svg"

set multiplot layout 1,2
set xlabel "polynomial degree"
set xrange [-0.5:SEL_MAXDEG + 0.5]
set xtics 1
set key top right
# deviances can be negative when the noise is small: a log scale only when not
if (picks_dev_min > 0) {
    set ylabel "mean over data sets (deviance, log scale)"
    set logscale y
    set yrange [picks_dev_min / 1.5:*]
    set autoscale yfixmax
    set offsets 0, 0, graph 0.3, 0
    set ytics (1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000, 3000, 5000, 10000)
} else {
    set ylabel "mean over data sets (deviance)"
}
plot "aic-picks.tsv" using 1:6 with linespoints lt 8 pt 6 title "−2 log L(θ̂) (training)", \
     "" using 1:2 with linespoints lt 1 pt 7 title "AIC", \
     "" using 1:4 with linespoints lt 2 lw 5 pt 5 ps 0.9 title "−2n E[log q(Y | θ̂)]", \
     "" using 1:9 with linespoints lt 7 lw 1.2 dt 2 pt 8 ps 0.9 title "AICc"

unset logscale y
set ylabel "fraction of data sets picking the degree"
set yrange [0:1.1]
# the left panel's tic list must not carry over
unset ytics
set ytics 0.2 nomirror out scale 0.6
set key top left
set format y "%g"
set boxwidth 0.2
set style fill solid 0.7 noborder
plot "aic-picks.tsv" using ($1-0.3):7 with boxes lt 1 title "AIC", \
     "" using ($1-0.1):10 with boxes lt 5 fs pattern 4 border lc rgb "#333333" title "BIC", \
     "" using ($1+0.1):11 with boxes lt 3 fs pattern 5 border lc rgb "#333333" title "leave-one-out CV", \
     "" using ($1+0.3):8 with boxes lt 2 fs pattern 1 border lc rgb "#333333" title "best degree (oracle)"
unset multiplot
