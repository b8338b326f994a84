#!/bin/sh
# timeshell.sh -c COMMAND — make's SHELL for `make bench-build`: runs a
# recipe line under GNU time and appends "wall user sys<TAB>kind" to
# $BENCH_LOG, where kind says which step of the build the line is.
[ "$1" = "-c" ] || exec /bin/sh "$@"
cmd=$2
case $cmd in
    *"--params chapters/"*)                     kind=experiment ;;
    *figures.sh*|*gnuplot*)                     kind=gnuplot ;;
    *bin/weave*)                                kind=weave ;;
    *bin/typeset*|*pandoc*)                     kind=typeset ;;
    *)                                          kind=other ;;
esac
exec /usr/bin/time -a -o "$BENCH_LOG" -f "%e %U %S	$kind" /bin/sh -c "$cmd"
