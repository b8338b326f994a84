# fig-maxent.gp — histograms of H(P)/ln K for random distributions, one panel a size K (chapter 1).
# Redraw by hand: cd output/01-entropy && gnuplot fig-maxent.gp
load "house.gp"
load "values.gp"
n = words(SIZES)
set terminal svg size 720,(120 + 110 * n) @SVG
set output "fig-maxent.svg"

# one panel a size K of the parameter SIZES, each with its own vertical scale
set multiplot layout n,1 margins 0.1,0.97,(75.0 / (120 + 110 * n)),0.97 spacing 0,0.035
set xrange [0:1.08]
set yrange [0:*]
set ytics scale 0.6
set key top left
set style fill transparent solid 0.3 noborder
set boxwidth 0.02 absolute   # the bins of maxent.tsv
do for [i=1:n] {
    unset arrow
    set arrow from 1,graph 0 to 1,graph 1 nohead lt 7 dt 2 lw 1.5
    if (i == n) { set xlabel "entropy as a fraction of its bound, H(P) / ln K"; set format x "%g" } \
    else { unset xlabel; set format x "" }
    if (i == (n + 1) / 2) { set ylabel "density of draws" offset 1,0 } else { unset ylabel }
    plot "maxent.tsv" using 1:(column(i + 1)) with boxes lt i notitle, \
         "" using 1:(column(i + 1)) with histeps lt i lw 2 title "K = ".word(SIZES, i)
}
unset multiplot
