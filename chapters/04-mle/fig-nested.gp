# fig-nested.gp — nested polynomial models, the smaller one true: the share
# of data sets on which AIC, BIC and leave-one-out cross-validation take the
# bigger model, against n (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-nested.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,460 @SVG
set output "fig-nested.svg"

set xlabel "sample size n (log scale)"
set ylabel "share of data sets taking the bigger model"
set logscale x
set xrange [10:nest_n_top]
set yrange [0:0.3]
set ytics 0.05
set key top right
plot p_chisq_limit with lines lt 8 lw 2 dt 3 title "P(χ²₁ > 2), the limit", \
     "nested-exact.tsv" using 1:2 with lines lt 1 title "AIC, exact", \
     "" using 1:3 with lines lt 2 dt 2 title "BIC, exact", \
     "nested.tsv" using 1:2:(2*$3) with yerrorbars lt 1 pt 7 ps 0.9 \
         title "AIC, simulated (±2 SE)", \
     "" using 1:4:(2*$5) with yerrorbars lt 2 pt 5 ps 0.9 \
         title "BIC, simulated", \
     "" using ($1*1.08):6:(2*$7) with yerrorbars lt 3 pt 9 ps 1.1 \
         title "leave-one-out CV, simulated"
