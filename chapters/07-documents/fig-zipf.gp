# fig-zipf.gp — count against rank of every word of the license corpus, log–log, with the fitted line (chapter 7).
# Redraw by hand: cd output/07-documents && gnuplot fig-zipf.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,440 @SVG
set output "fig-zipf.svg"
set logscale xy
set format x "10^{%T}"
set format y "10^{%T}"
set xlabel "rank r of the word (1 = the most frequent)"
set ylabel "count f(r) in the corpus"
set key bottom left
set arrow from zipf_ranks, graph 0 to zipf_ranks, graph 1 nohead lt 8 dt 2 lw 1
set label "the fit stops here" at zipf_ranks, graph 0.75 right offset -0.5,0 textcolor rgb "#555555"
plot "zipf.tsv" using 1:2 with points lt 1 pt 7 ps 0.35 title "words of the corpus", \
     "" using 1:($1 <= zipf_ranks ? $3 : 1/0) with lines lt 2 lw 2.5 title sprintf("least-squares line, slope %.3f", zipf_slope)
