# house.gp — the house style of the KL Workbook's figures, loaded by every
# chapters/NN-slug/fig-*.gp (the build copies it beside them).  A figure
# script starts
#
#     load "house.gp"
#     load "values.gp"          # the chapter's numbers, written by its program
#     set terminal svg size 720,420 @SVG
#     set output "fig-name.svg"
#
# (an animation: set terminal gif animate delay 8 loop 0 optimize size W,H @GIF).
#
# Colour-blind-safe Okabe-Ito line colours as line types 1-8 (Okabe & Ito,
# "Color Universal Design", 2008), the viridis map palette (van der Walt &
# Smith, 2015), DejaVu Sans (Debian's fonts-dejavu-core), UTF-8 text with a
# true minus sign, a light grid behind the data.
#
# The pages have a dark theme, in which src/book/report.css restyles the
# figures' neutral colours by value: the white background, black, #333333
# and #555555 (text, border, tics), the grid's #e4e4e4, the greys #f2f2f2,
# #d4d4d4, #bbbbbb and #b0b0b0, #A04000 and line types 1 and 2 (lifted a
# little).  White, #cccccc, #f0f0f0 and #222222 are never restyled: draw
# marks over a map, which keeps its palette, in those (dark text: #222222).

SVG = 'dynamic enhanced font "DejaVu Sans,13" background rgb "white"'
GIF = 'enhanced font "DejaVu Sans,12" background rgb "white"'

set encoding utf8
set minussign
set datafile separator "\t"
set border 3 lw 1 lc rgb "#555555"
set tics nomirror out scale 0.6 textcolor rgb "#333333"
set grid back lc rgb "#e4e4e4" lw 1 dt solid
set key noopaque nobox samplen 2.5 spacing 1.15
set style fill transparent solid 0.35 noborder
set linetype 1 lc rgb "#0072B2" lw 2 pt 7 ps 0.7
set linetype 2 lc rgb "#D55E00" lw 2 pt 7 ps 0.7
set linetype 3 lc rgb "#009E73" lw 2 pt 7 ps 0.7
set linetype 4 lc rgb "#CC79A7" lw 2 pt 7 ps 0.7
set linetype 5 lc rgb "#E69F00" lw 2 pt 7 ps 0.7
set linetype 6 lc rgb "#56B4E9" lw 2 pt 7 ps 0.7
set linetype 7 lc rgb "#000000" lw 2 pt 7 ps 0.7
set linetype 8 lc rgb "#999999" lw 2 pt 7 ps 0.7
set linetype cycle 8
# Text in a line's colour, dark enough for 4.5:1 on white (WCAG 2.1 AA):
# the orange, green and grey of line types 2, 3 and 8 reach only 2.8-3.9:1
# as text.  A label in a line's colour is "textcolor rgb TEXT2" (line types
# 1 and 7 are dark enough as they are).
TEXT2 = "#A04000"
TEXT3 = "#007353"
TEXT8 = "#6B6B6B"
set palette defined (0 "#440154", 1 "#472c7a", 2 "#3b518b", 3 "#2c718e", \
                     4 "#21908d", 5 "#27ad81", 6 "#5cc863", 7 "#aadc32", \
                     8 "#fde725")
