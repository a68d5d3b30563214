#!/bin/sh
# shellcheck disable=SC2086  # ANNOTATE splits on purpose
# tests/cli/timings.sh - --timings: a line per stage and the total on
# standard error, after everything else, with -q too, with -j 1 and -j 2;
# the output the same as without it.
#
#   ANNOTATE="<command>" sh tests/cli/timings.sh      (from the repository top)
#
# Ends with "N passed, N failed"; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
: "${ANNOTATE:=$top/annotate}"
T=$(mktemp -d "${TMPDIR:-/tmp}/annotate-timings.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
. "$top/tests/cli/lib/common.sh"
trap 'exit 130' INT TERM

stages() {
    for s in reader metadata tokenizer "rule matching" entities dates claims writer other; do
        grep -Eq "^  $s +[0-9]+\.[0-9]{3}s +[0-9]+\.[0-9]%$" "$T/err" || return 1
    done
    grep -Eq '^  total +[0-9]+\.[0-9]{3}s$' "$T/err"
}

run -j 1 corpus/*.txt
cp "$T/out" "$T/plain"
for j in 1 2; do
    run --timings -q -j $j corpus/*.txt
    check "-j $j: exit 0" [ "$rc" -eq 0 ]
    check "-j $j: the output is the same" cmp -s "$T/out" "$T/plain"
    check "-j $j: a header line" has "$T/err" '^annotate: CPU time by stage, all threads$'
    check "-j $j: every stage and the total" stages
done
run --timings corpus/*.txt
check "the total comes last" sh -c "grep -v '^==' '$T/err' | tail -n 1 | grep -q '^  total '"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
