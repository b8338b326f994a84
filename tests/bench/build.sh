#!/bin/sh
# build.sh [REPS] — `make bench-build`: where a regeneration of the
# workbook spends its time, and how that compares with an earlier design.
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
# typeset (pandoc and assembly), and each chapter's CPU seconds by kind of
# step.  It prints medians and the ratio of each to the earlier design's
# median (below 1: faster now).
#
# The earlier design is, with BASE=COMMIT, that commit, checked out into a
# temporary worktree and measured in the same run, one repetition of it
# before or after each of this tree's (alternately), so that both see the
# same machine at the same moments: a machine's speed drifts by a fifth
# over minutes, and differs from one machine to another by more.  Without
# BASE it is tests/bench/build-baseline.tsv, the medians recorded there
# (with the date and machine they were measured on, which the ratios then
# depend on).  BENCH_SAVE=TEXT records this run's medians of the earlier
# design (of this tree without BASE) as that baseline, described by TEXT.
# The timings never reach the book; the edit is undone on exit.
set -eu
reps=${1:-5}
case $reps in
    ''|*[!0-9]*|0*) echo "bench-build: REPS=$reps: the number of runs is a whole number from 1" >&2; exit 2 ;;
esac
make=${MAKE:-make}
here=$(pwd)
saved=$here/tests/bench/build-baseline.tsv
md=chapters/01-entropy/chapter.md
log=$(mktemp)
basetmp= basedir=
trap '[ -f "$log.md.now" ] && cp "$log.md.now" "$here/$md"
      if [ -n "$basetmp" ]; then
          git -C "$here" worktree remove --force "$basedir" 2>/dev/null
          rm -rf "$basetmp"; git -C "$here" worktree prune
      fi
      rm -f "$log" "$log".*' EXIT
trap 'exit 1' INT TERM

if [ -n "${BASE:-}" ]; then
    rev=$(git rev-parse --verify --quiet "$BASE^{commit}") ||
        { echo "bench-build: BASE=$BASE: no such commit here" >&2; exit 1; }
    basetmp=$(mktemp -d); basedir=$basetmp/base
    git worktree add --quiet --detach "$basedir" "$rev"
    echo "bench-build: measuring $(git log -1 --format='%h (%ad)' --date=short "$rev") beside this tree, $reps runs each" >&2
fi

now() { date +%s.%N; }
# one repetition of every measurement in the tree DIR, its lines tagged TAG
measure() {
    dir=$1 tag=$2 i=$3
    (
    cd "$dir"
    wipe() {    # everything a regeneration makes, but not the compiled programs
        for d in chapters/*/; do rm -rf "output/$(basename "$d")"; done
        rm -rf output/report.html
        [ "${1:-}" = keep-cache ] || rm -rf output/build/typeset output/build/pandoc.css
    }
    put() { awk -v tag="$tag" '{ print tag "\t" $0 }' >> "$log.sum"; }
    wipe
    t0=$(now); $make -s -j2 all >/dev/null; t1=$(now)
    echo "$t0 $t1" | awk '{ printf "full\t%.3f\n", $2 - $1 }' | put
    # again, with the sections pandoc converted last time kept (their text
    # has not changed): what a regeneration costs once the book has been built
    wipe keep-cache
    t0=$(now); $make -s -j2 all >/dev/null; t1=$(now)
    echo "$t0 $t1" | awk '{ printf "full-cached\t%.3f\n", $2 - $1 }' | put
    # a one-line edit in the chapter's first section
    awk -v i="$i" '{ print } !done && /^$/ { print "<!-- bench edit " i " -->"; print ""; done = 1 }' \
        "$log.md.$tag" > "$md"
    t0=$(now); $make -s chapter-01 >/dev/null; t1=$(now)
    $make -s output/report.html >/dev/null; t2=$(now)
    echo "$t0 $t1 $t2" | awk '{ printf "page\t%.3f\nreport\t%.3f\n", $2 - $1, $3 - $2 }' | put
    cp "$log.md.$tag" "$md"
    # the same regeneration one step at a time, each step timed
    wipe
    : > "$log.steps"
    BENCH_LOG=$log.steps $make -s -j1 SHELL="$here/tests/bench/timeshell.sh" all >/dev/null
    awk -F'\t' 'NF >= 2 { split($1, t, " "); w[$2] += t[1]; c[$2] += t[2] + t[3]
                           if (NF >= 3 && $2 != "other") p[$3 ":" $2] += t[2] + t[3] }
                END { for (k in w) printf "%s-wall\t%.3f\n%s-cpu\t%.3f\n", k, w[k], k, c[k]
                      for (k in p) printf "cpu:%s\t%.3f\n", k, p[k] }' \
        "$log.steps" | sort | put
    )
}

cp "$md" "$log.md.now"
[ -z "$basedir" ] || cp "$basedir/$md" "$log.md.base"
for d in "$here" $basedir; do
    (cd "$d" && $make -s all >/dev/null)    # compile everything once
done
i=0
while [ $i -lt "$reps" ]; do
    i=$((i + 1))
    if [ -z "$basedir" ]; then
        measure "$here" now $i
    elif [ $((i % 2)) = 1 ]; then
        measure "$basedir" base $i; measure "$here" now $i
    else
        measure "$here" now $i; measure "$basedir" base $i
    fi
done
$make -s all >/dev/null    # leave the default book in place

# medians by tag and step
awk -F'\t' '{ v[$1 "\t" $2] = v[$1 "\t" $2] " " $3
              if (!(($1 "\t" $2) in seen)) { seen[$1 "\t" $2] = 1; order[++m] = $1 "\t" $2 } }
     END { for (j = 1; j <= m; j++) { k = order[j]; n = split(v[k], a, " ")
               for (p = 1; p <= n; p++) for (q = p + 1; q <= n; q++) if (a[q] < a[p]) { t = a[p]; a[p] = a[q]; a[q] = t }
               printf "%s\t%.3f\n", k, n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 } }' \
    "$log.sum" > "$log.med"
if [ -n "$basedir" ]; then
    awk -F'\t' '$1 == "base" { print $2 "\t" $3 }' "$log.med" > "$log.base"
    design="commit $(git log -1 --format='%h' "$rev"), measured in the same run"
elif [ -f "$saved" ]; then
    grep -v '^#' "$saved" > "$log.base" || :
    design=$(sed -n 's/^# design: //p' "$saved")
    when=$(sed -n 's/^# measured: //p' "$saved")
    [ -n "$when" ] && design="$design; measured $when, not in this run"
else
    : > "$log.base"; design="none"
fi
awk -F'\t' -v basefile="$log.base" '
    FILENAME == basefile { b[$1] = $2; next }
    $1 == "now" && $2 !~ /^cpu:/ { k = $2; x = $3
        if ((k in b) && b[k] > 0) printf "%-18s %10.3f %10.3f %8.2f\n", k, x, b[k], x / b[k]
        else                      printf "%-18s %10.3f %10s %8s\n", k, x, "-", "-" }
    BEGIN { printf "%-18s %10s %10s %8s\n", "step", "median s", "before s", "ratio" }' \
    "$log.base" "$log.med"
printf '(%s runs; medians; "before": %s)\n' "$reps" "$design"
# the CPU seconds of each chapter's steps in the one-step-at-a-time run, the
# chapters with the most first: what to attack next
echo
awk -F'\t' -v basefile="$log.base" '
    FILENAME == basefile { if ($1 ~ /^cpu:/) b[$1] = $2; next }
    $1 == "now" && $2 ~ /^cpu:/ { split($2, a, ":"); v[a[2] "\t" a[3]] = $3; tot[a[2]] += $3 }
    END {
        nk = split("experiment gnuplot weave typeset", kinds, " ")
        printf "%-22s", "CPU s by chapter"
        for (j = 1; j <= nk; j++) printf " %10s", kinds[j]
        printf " %10s %10s %8s\n", "all", "before", "ratio"
        while (1) {
            best = ""; for (c in tot) if (!(c in done) && (best == "" || tot[c] > tot[best])) best = c
            if (best == "") break
            done[best] = 1; bt = 0; have = 0
            printf "%-22s", best
            for (j = 1; j <= nk; j++) {
                k = best "\t" kinds[j]
                if (k in v) printf " %10.3f", v[k]; else printf " %10s", "-"
                if (("cpu:" best ":" kinds[j]) in b) { bt += b["cpu:" best ":" kinds[j]]; have = 1 }
            }
            if (have && bt > 0) printf " %10.3f %10.3f %8.2f\n", tot[best], bt, tot[best] / bt
            else                printf " %10.3f %10s %8s\n", tot[best], "-", "-"
        }
    }' "$log.base" "$log.med"
if [ "${BENCH_SAVE:-}" != "" ]; then
    tag=now; [ -n "$basedir" ] && tag=base
    { echo "# design: $BENCH_SAVE"
      echo "# measured: $(date -u +%Y-%m-%d), $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $reps runs"
      echo "# step	median seconds"
      awk -F'\t' -v tag=$tag '$1 == tag { print $2 "\t" $3 }' "$log.med" | sort
    } > "$saved.new" && mv "$saved.new" "$saved"
    echo "saved the medians as the baseline: $saved"
fi
