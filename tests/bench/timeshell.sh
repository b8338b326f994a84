#!/bin/sh
# timeshell.sh -c COMMAND — make's SHELL for `make bench-build`: runs a
# recipe line under GNU time and appends "wall user sys<TAB>kind<TAB>part"
# to $BENCH_LOG, where kind says which step of the build the line is, and
# part which chapter it serves (its NN-slug; the report, the glossary, or -).
[ "$1" = "-c" ] || exec /bin/sh "$@"
cmd=$2
case $cmd in
    *"--params chapters/"*)                     kind=experiment ;;
    *figures.sh*|*gnuplot*)                     kind=gnuplot ;;
    *bin/weave*)                                kind=weave ;;
    *bin/typeset*|*pandoc*)                     kind=typeset ;;
    *)                                          kind=other ;;
esac
case $cmd in
    *report.html*)  part=report ;;
    *glossary*)     part=glossary ;;
    *)  part=$(printf '%s\n' "$cmd" | tr ' ' '\n' |
               sed -n 's#^\(.*/\)\{0,1\}\([0-9][0-9]-[a-z][a-z0-9-]*\)\(/.*\)\{0,1\}$#\2#p' | head -1)
        [ -n "$part" ] || part=- ;;
esac
exec /usr/bin/time -a -o "$BENCH_LOG" -f "%e %U %S	$kind	$part" /bin/sh -c "$cmd"
