#!/bin/sh
# build.sh [REPS] — `make bench-build`: where a regeneration of the
# workbook spends its time, and how that compares with the design before
# it (tests/bench/build-baseline.tsv, measured on the same machine).
#
# With the programs compiled, it measures REPS times (default 5):
#   full     every chapter's experiment, figures, pages and the report
#            (make -j2, the way a reader builds), from an output/ without them
#   full-cached  the same with the typesetter's cache of converted sections
#            kept (the sections' text is unchanged, so pandoc does not run)
#   page     after a one-line edit in the first section of
#            chapters/01-entropy/chapter.md, make chapter-01
#   report   after that, make output/report.html
# and, for the full regeneration run one step at a time (make -j1), the
# CPU and wall time of each kind of step: experiment, gnuplot, weave,
# typeset (pandoc and assembly).  It prints medians and the ratio of each
# to the baseline's median (below 1: faster now).  The timings never reach
# the book; the edit is undone on exit.
set -eu
reps=${1:-5}
make=${MAKE:-make}
here=$(pwd)
out=$here/tests/bench/build-baseline.tsv
base=$out
[ -f "$base" ] || base=/dev/null
md=chapters/01-entropy/chapter.md
log=$(mktemp)
save=$(mktemp)
cp "$md" "$save"
trap 'cp "$save" "$md"; rm -f "$save" "$log" "$log".*' EXIT INT TERM

$make -s all >/dev/null    # compile everything once
now() { date +%s.%N; }
wipe() {    # everything a regeneration makes, but not the compiled programs
    for d in chapters/*/; do rm -rf "output/$(basename "$d")"; done
    rm -rf output/report.html
    [ "${1:-}" = keep-cache ] || rm -rf output/build/typeset output/build/pandoc.css
}
i=0
while [ $i -lt "$reps" ]; do
    i=$((i + 1))
    wipe
    t0=$(now); $make -s -j2 all >/dev/null; t1=$(now)
    echo "$t0 $t1" | awk '{ printf "full\t%.3f\n", $2 - $1 }' >> "$log.sum"
    # again, with the sections pandoc converted last time kept (their text
    # has not changed): what a regeneration costs once the book has been built
    wipe keep-cache
    t0=$(now); $make -s -j2 all >/dev/null; t1=$(now)
    echo "$t0 $t1" | awk '{ printf "full-cached\t%.3f\n", $2 - $1 }' >> "$log.sum"
    # a one-line edit in the chapter's first section
    awk -v i="$i" '{ print } !done && /^$/ { print "<!-- bench edit " i " -->"; print ""; done = 1 }' \
        "$save" > "$md"
    t0=$(now); $make -s chapter-01 >/dev/null; t1=$(now)
    $make -s output/report.html >/dev/null; t2=$(now)
    echo "$t0 $t1 $t2" | awk '{ printf "page\t%.3f\nreport\t%.3f\n", $2 - $1, $3 - $2 }' >> "$log.sum"
    cp "$save" "$md"
    # the same regeneration one step at a time, each step timed
    wipe
    : > "$log.steps"
    BENCH_LOG=$log.steps $make -s -j1 SHELL="$here/tests/bench/timeshell.sh" all >/dev/null
    awk -F'\t' 'NF == 2 { split($1, t, " "); w[$2] += t[1]; c[$2] += t[2] + t[3] }
                END { for (k in w) printf "%s-wall\t%.3f\n%s-cpu\t%.3f\n", k, w[k], k, c[k] }' \
        "$log.steps" >> "$log.sum"
done
$make -s all >/dev/null    # leave the default book in place

awk -F'\t' -v base="$base" '
    function median(k,   n, i, j, t, a) {
        n = split(v[k], a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
            if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    FILENAME == base { if ($0 !~ /^#/) b[$1] = $2; next }
    { v[$1] = v[$1] " " $2; if (!($1 in seen)) { seen[$1] = 1; order[++m] = $1 } }
    END {
        printf "%-18s %10s %10s %8s\n", "step", "median s", "before s", "ratio"
        for (i = 1; i <= m; i++) {
            k = order[i]; x = median(k)
            if ((k in b) && b[k] > 0) printf "%-18s %10.3f %10.3f %8.2f\n", k, x, b[k], x / b[k]
            else        printf "%-18s %10.3f %10s %8s\n", k, x, "-", "-"
        }
    }' "$base" "$log.sum"
printf '(%s runs; medians; "before": %s)\n' "$reps" "$(sed -n 's/^# design: //p' "$base")"
if [ "${BENCH_SAVE:-}" != "" ]; then
    { echo "# design: $BENCH_SAVE"; echo "# step	median seconds"
      awk -F'\t' '{ v[$1] = v[$1] " " $2 } END { for (k in v) { n = split(v[k], a, " ");
          for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
          printf "%s\t%.3f\n", k, n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 } }' "$log.sum" | sort
    } > "$out.new" && mv "$out.new" "$out"
    echo "saved the medians as the baseline: $out"
fi
