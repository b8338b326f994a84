# fig-loss.gp — the cross-entropy loss against the probability given to the true class (chapter 2).
# Redraw by hand: cd output/02-cross-entropy && gnuplot fig-loss.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,420 @SVG
set output "fig-loss.svg"

set xlabel "probability the model gives to the true class, q_{true}"
set ylabel "loss (nats) = −ln q_{true}"
set xrange [0:1]
set yrange [0:loss_top]
set key top right
# each example's label beside its point, on the side with room
cat = sprintf("true class cat:\nq = %.3f, loss %.3f", sm_q_cat, sm_loss)
bird = sprintf("true class bird:\nq = %.3f, loss %.3f", sm_q_bird, sm_loss_bird)
if (sm_q_cat < 0.7) { set label 1 cat at sm_q_cat,sm_loss left offset 1.2,1.8 } \
else { set label 1 cat at sm_q_cat,sm_loss right offset -1.2,1.8 }
if (sm_q_bird < 0.7) { set label 2 bird at sm_q_bird,sm_loss_bird left offset 1.2,1.4 } \
else { set label 2 bird at sm_q_bird,sm_loss_bird right offset -1.2,1.4 }
set samples 2
plot "loss.tsv" using 1:2 with lines lt 1 title "−ln q_{true}", \
     "+" using (sm_q_cat):(sm_loss) with points lt 2 pt 7 ps 1.4 notitle, \
     "+" using (sm_q_bird):(sm_loss_bird) with points lt 2 pt 7 ps 1.4 notitle
