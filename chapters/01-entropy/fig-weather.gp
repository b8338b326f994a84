# fig-weather.gp — the entropy of the weather forecast as the area of its bars (chapter 1).
# Redraw by hand: cd output/01-entropy && gnuplot fig-weather.gp
load "house.gp"
load "values.gp"
set terminal svg size 720,400 @SVG
set output "fig-weather.svg"

set xlabel "cumulative probability (each bar is p wide)"
set ylabel "information content −log₂ p (bits)"
set xrange [0:1]
set yrange [0:3.6]
set style fill solid 0.55 border lc rgb "#333333"
set key top left
set arrow from 0,weather_h_bits to 1,weather_h_bits nohead lt 2 dt 2 lw 2 front
set label sprintf("mean height = entropy = %.4g bits", weather_h_bits) \
    at 0.02,weather_h_bits offset 0,0.7 textcolor rgb TEXT2
plot "weather.tsv" using 5:3:2 with boxes lt 1 notitle, \
     "" using 5:3:(sprintf("%s\np = %g", stringcolumn(1), $2)) with labels offset 0,1.4 font ",11" notitle
