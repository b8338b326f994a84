#!/bin/sh
# figures.sh CHAPTER DIR SCRIPT... — draws a chapter's figures in DIR (where
# the scripts, house.gp and values.gp are) with one gnuplot process: each
# script is loaded, its output closed, and the session reset before the
# next, which draws the same bytes as a gnuplot a script but starts gnuplot
# once.  If that fails, the scripts are drawn one a process, to name the one
# that fails (its half-drawn figure removed) in a line of its own.  The
# animations are then optimised losslessly (gifsicle -O3: the same frames
# in about a third of the bytes).
chapter=$1 dir=$2
shift 2
cd "$dir" || exit 1
quiet() { grep -v 'frames in animation sequence' "$1" >&2; rm -f "$1"; }
: > .figures.gp
for gp in "$@"; do
    printf "load '%s'\nunset output\nreset session\n" "$gp" >> .figures.gp
done
optimise() {
    for gp in "$@"; do
        gif=${gp%.gp}.gif
        [ -f "$gif" ] || continue
        gifsicle -O3 --batch "$gif" || { echo "make: gifsicle failed on $dir/$gif" >&2; exit 1; }
    done
}
if gnuplot .figures.gp 2> .figures.log; then
    quiet .figures.log
    rm -f .figures.gp
    optimise "$@"
    exit 0
fi
rm -f .figures.gp .figures.log
for gp in "$@"; do
    gnuplot "$gp" 2> "$gp.log"
    status=$?
    quiet "$gp.log"
    if [ $status != 0 ]; then
        rm -f "${gp%.gp}.svg" "${gp%.gp}.gif"
        echo "make: gnuplot failed on chapters/$chapter/$gp" >&2
        exit 1
    fi
done
echo "make: gnuplot failed on chapters/$chapter/ when its scripts ran in one session (each alone draws)" >&2
exit 1
