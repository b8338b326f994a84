# fig-aic-weights.gp — one data set: the Akaike weights and the BIC weights
# of the candidate degrees, with ΔAIC written above each bar (chapter 4).
# Redraw by hand: cd output/04-mle && gnuplot fig-aic-weights.gp
load "house.gp"
load "values.gp"
set terminal svg size 760,400 @SVG
set output "fig-aic-weights.svg"

set xlabel "polynomial degree"
set ylabel "weight exp(−Δ/2) / Σ exp(−Δ/2)"
set xrange [-0.5:SEL_MAXDEG + 0.5]
set xtics 1
set yrange [0:1.12]
set ytics 0.2
set key top left
set boxwidth 0.38
set style fill solid 0.7 noborder
# ΔAIC above the Akaike bars, when it is small enough to matter
plot "aic-weights.tsv" using ($1-0.2):3 with boxes lt 1 title "Akaike weight", \
     "" using ($1+0.2):5 with boxes lt 2 fs pattern 4 border lc rgb "#333333" title "BIC weight", \
     "" using ($1-0.2):($3+0.03):($2 < 100 ? sprintf("Δ=%.1f", $2) : "") \
         with labels font ",10" tc rgb "#0072B2" notitle
