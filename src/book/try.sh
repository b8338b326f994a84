#!/bin/sh
# try.sh — builds every "@try" variant of every chapter's prose (make try).
#
#   sh src/book/try.sh WEAVE MAKE OUT CHAPTER...
#
# For each `@try NAME=VALUE ...` in chapters/CHAPTER/chapter.md it runs
# `MAKE chapter-NN SET='NAME=VALUE ...'`, which builds the variant into
# OUT/variants/, and requires it to succeed (every claim holding); for each
# `@try-fails "TEXT" NAME=VALUE ...` it requires the build to stop and TEXT to
# appear in what it printed.  Prints one line a variant; exits 1 if any
# variant does not behave as its chapter says.
set -u
weave=$1 make=$2 out=$3
shift 3
log=$(mktemp) list=$(mktemp)
trap 'rm -f "$log" "$list"' EXIT
bad=0 total=0
for chapter in "$@"; do
    nn=${chapter%%-*}
    "$weave" --tries "chapters/$chapter" > "$list" || exit 1
    while IFS='	' read -r words expect; do
        total=$((total + 1))
        $make --no-print-directory "chapter-$nn" SET="$words" > "$log" 2>&1
        status=$?
        if [ -z "$expect" ] && [ $status -eq 0 ]; then
            printf '  TRY      chapter-%s %s: builds, every claim holds\n' "$nn" "$words"
        elif [ -n "$expect" ] && [ $status -ne 0 ] && grep -qF -- "$expect" "$log"; then
            printf '  TRY      chapter-%s %s: stops, as the prose says\n' "$nn" "$words"
        else
            bad=$((bad + 1))
            if [ -z "$expect" ]; then
                printf 'try: chapter-%s SET=%s should build, but:\n' "$nn" "$words" >&2
            elif [ $status -eq 0 ]; then
                printf 'try: chapter-%s SET=%s should stop with "%s", but it built\n' "$nn" "$words" "$expect" >&2
            else
                printf 'try: chapter-%s SET=%s should stop with "%s", but:\n' "$nn" "$words" "$expect" >&2
            fi
            sed 's/^/    /' "$log" >&2
        fi
    done < "$list"
done
if [ $bad -ne 0 ]; then
    echo "try: $bad of $total variants do not behave as their chapters say" >&2
    exit 1
fi
echo "  TRY      $total variants behave as their chapters say"
