#!/bin/sh
# sweep.sh — random parameter settings for every chapter (make sweep).
#
#   sh src/book/sweep.sh PARAMS MAKE OUT N SEED CHAPTER...
#
# For each chapter, `PARAMS sweep chapters/CHAPTER/params N SEED` draws N
# settings from the declared ranges; each is built (program, figures, woven
# prose) into OUT/sweep/CHAPTER, under a time limit.  A setting passes when
# the build succeeds with every claim holding, no NaN or inf among the values
# the prose quotes and no half-written file; or when the chapter refuses it
# with exactly one line "CHAPTER: ..." naming one of the parameters changed.
# Anything else (a crash, a failing claim, a gnuplot error, a hang) is a
# failure, reported with the setting that caused it.  Exits 1 on a failure.
set -u
params=$1 make=$2 out=$3 n=$4 seed=$5
shift 5
limit=${SWEEP_TIMEOUT:-300}
log=$(mktemp) list=$(mktemp) err=$(mktemp)
trap 'rm -f "$log" "$list" "$err"' EXIT
bad=0 built=0 refused=0
for chapter in "$@"; do
    nn=${chapter%%-*}
    dir=$out/sweep
    "$params" sweep "chapters/$chapter/params" "$n" "$seed" > "$list" || exit 1
    while read -r words; do
        rm -rf "$dir/$chapter"
        timeout "$limit" $make --no-print-directory "variant-$nn" \
            SET="$words" VARIANT="$dir" > "$log" 2>&1
        status=$?
        # what the chapter program itself said: its lines start "CHAPTER: "
        grep "^$chapter: " "$log" > "$err"
        why=
        if [ $status -eq 0 ]; then
            # the value column only: names may say nan or inf
            if cut -f2 "$dir/$chapter/values.tsv" | grep -qiE '(^|[^a-z])(nan|inf)([^a-z]|$)'; then
                why="NaN or inf among the values"
            elif [ -n "$(find "$dir/$chapter" -name '*.tmp')" ]; then
                why="a half-written file was left"
            else
                built=$((built + 1))
                printf '  SWEEP    %s %s: built\n' "$chapter" "$words"
            fi
        elif [ $status -eq 124 ]; then
            why="no result within $limit s"
        elif [ "$(wc -l < "$err")" -eq 1 ] && \
             [ "$(grep -c . "$log")" -le 3 ] && \
             printf '%s\n' "$words" | tr ' ' '\n' | cut -d= -f1 | \
                 grep -qwFf - "$err"; then
            refused=$((refused + 1))
            printf '  SWEEP    %s %s: refused: %s\n' "$chapter" "$words" "$(cat "$err")"
        else
            why="the build failed"
        fi
        if [ -n "$why" ]; then
            bad=$((bad + 1))
            printf 'sweep: %s SET=%s: %s\n' "$chapter" "$words" "$why" >&2
            sed 's/^/    /' "$log" | head -40 >&2
        fi
    done < "$list"
    rm -rf "$dir/$chapter"
done
total=$((built + refused + bad))
echo "  SWEEP    $total settings: $built built with every claim holding, $refused refused in one line, $bad failed"
[ $bad -eq 0 ]
