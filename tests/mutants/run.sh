#!/bin/sh
# run.sh — the mutation test of the workbook: does every claim bite?
#
#   sh tests/mutants/run.sh MAKE OUT [MUTANT...]
#
# Each tests/mutants/NN-name.patch is one small, realistic defect in src/kl/
# (its first lines say which), a patch that the normal build never applies.
# For each, a scratch copy of the sources is made in OUT/build/mutants/NAME,
# with the objects of OUT/build (so that only the patched file recompiles),
# the patch is applied there, and the unit tests and every chapter program
# run against the mutated library.  A mutant is killed when a unit test or a
# claim fails (or a chapter program stops); the table says which.  A mutant
# that survives everything means a missing claim (or a mutant that changes
# nothing), and the run exits 1.  OUT/build/mutants/kills.tsv keeps the
# table.  MUTANT... (names without .patch) runs only those.
set -u
make=$1 out=$2
shift 2
root=$out/build/mutants
mkdir -p "$root" || exit 1
chapters=$(cd chapters && ls -d [0-9][0-9]-*/ | tr -d /)

if [ $# -gt 0 ]; then
    patches=$(for m in "$@"; do echo "tests/mutants/$m.patch"; done)
else
    patches=$(ls tests/mutants/*.patch)
fi

# The scratch copy of mutant NAME, its build primed with OUT's objects.
prepare() {
    d=$root/$1
    rm -rf "$d" && mkdir -p "$d/output/build" || return 1
    cp -a src tests chapters Makefile "$d/" || return 1
    for sub in obj bin plain libkl.a libbook.a; do
        [ -e "$out/build/$sub" ] && cp -a "$out/build/$sub" "$d/output/build/"
    done
    return 0
}

# Runs the unit tests and every chapter in mutant folder D; writes
# D/kills.txt, one line per failure ("unit test NAME" or "NN: claim text").
run_mutant() {
    d=$1
    : > "$d/kills.txt"
    KL_BIN=output/build/plain/bin/kl output/build/plain/bin/test-runner \
        > "$d/tests.log" 2>&1
    sed -n 's/^  Test: \(.*\) \.\.\.FAILED$/unit test \1/p' "$d/tests.log" \
        >> "$d/kills.txt"
    if ! grep -q 'passed, 0 failed$' "$d/tests.log" &&
       ! grep -q '^unit test' "$d/kills.txt"; then
        echo "unit tests stopped: $(tail -n 1 "$d/tests.log")" >> "$d/kills.txt"
    fi
    for c in $chapters; do
        output/build/bin/$c --params chapters/$c/params runs/$c \
            > runs.$c.log 2>&1 &
    done
    wait
    for c in $chapters; do
        sed -n "s/^chapters\/[^:]*:[0-9]*: claim does not hold: \(.*\) \[.*\]: .*/$c: \1/p" \
            "runs.$c.log" >> "$d/kills.txt"
        if [ -n "$(grep -v 'claim does not hold\|claims\? failed$' "runs.$c.log")" ]; then
            echo "$c: stopped: $(grep -v 'claim does not hold' "runs.$c.log" | head -n 1)" \
                >> "$d/kills.txt"
        fi
    done
}

printf '# mutant\tkilled by\tunit tests\tclaims\twhat it does\n' > "$root/kills.tsv"
survivors=0 broken=0 total=0
for patch in $patches; do
    name=$(basename "$patch" .patch)
    total=$((total + 1))
    what=$(head -n 1 "$patch")
    d=$root/$name
    if [ ! -f "$patch" ] || ! prepare "$name" ||
       ! (cd "$d" && patch -s -p1 < "$OLDPWD/$patch" > patch.log 2>&1); then
        echo "mutants: $name: the patch does not apply to src/kl/ (update it)" >&2
        broken=$((broken + 1))
        continue
    fi
    if ! (cd "$d" && $make -s --no-print-directory SAN=output/build/plain \
            SANFLAGS= output/build/plain/bin/test-runner \
            output/build/plain/bin/kl \
            $(for c in $chapters; do printf 'output/build/bin/%s ' $c; done) \
            > build.log 2>&1); then
        echo "mutants: $name: does not compile: $(grep -m1 'error' "$d/build.log")" >&2
        broken=$((broken + 1))
        continue
    fi
    (cd "$d" && run_mutant "$(pwd)")
    units=$(grep -c '^unit test' "$d/kills.txt")
    claims=$(grep -vc '^unit test' "$d/kills.txt")
    if [ "$units" -eq 0 ] && [ "$claims" -eq 0 ]; then
        survivors=$((survivors + 1))
        printf '  %-28s SURVIVED   %s\n' "$name" "$what"
        printf '%s\tnothing\t0\t0\t%s\n' "$name" "$what" >> "$root/kills.tsv"
        continue
    fi
    first=$(grep -v '^unit test' "$d/kills.txt" | head -n 1)
    [ -n "$first" ] || first=$(head -n 1 "$d/kills.txt")
    printf '  %-28s killed     %2d unit tests, %2d claims (%s)\n' "$name" \
        "$units" "$claims" "$first"
    printf '%s\t%s\t%d\t%d\t%s\n' "$name" "$first" "$units" "$claims" \
        "$what" >> "$root/kills.tsv"
done
echo "mutants: $((total - survivors - broken)) of $total killed, $survivors survived, $broken broken ($root/kills.tsv)"
[ "$survivors" -eq 0 ] && [ "$broken" -eq 0 ]
