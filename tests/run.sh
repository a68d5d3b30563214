#!/bin/sh
# Run every test: the unit test programs in BUILD/tests and the command-line
# tests (tests/cli/*.sh) against BUILD/annotate.  With two build dirs, the
# second (sanitizers) runs them again; valgrind runs them a third time on
# the first build.  A third build dir (built with -DANN_NO_SSE2) runs them
# too, and its output is compared with the first's.  Ends with "N passed, N failed" for the whole run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

count() {   # count LABEL CMD...: run CMD, add its closing tally
    label=$1; shift
    "$@" >"$log" 2>&1
    rc=$?
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
    if [ -n "$line" ]; then
        p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
    else
        p=0; f=1
    fi
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" -ne 0 ]; then
        echo "FAIL $label ($p passed, $f failed, exit $rc):"; sed 's/^/    /' "$log" | tail -n 40
    else
        echo "ok   $label ($p passed)"
    fi
}

suite() {   # suite BUILD [WRAP]: every unit test and the CLI tests
    build=$1; wrap=${2:-}
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        count "$build ${wrap:+valgrind }$(basename "$t")" $wrap "$t"
    done
    for t in tests/cli/*.sh; do
        [ -f "$t" ] || continue
        count "$build ${wrap:+valgrind }cli/$(basename "$t")" env ANNOTATE="$wrap $top/$build/annotate" sh "$t"
    done
}

first=${1:-build}
suite "$first"
# The HTML view in a real browser (headless Chromium): once, as built.
for t in tests/browser/*.sh; do
    [ -f "$t" ] || continue
    count "$first browser/$(basename "$t")" env ANNOTATE="$top/$first/annotate" BUILD="$first" sh "$t"
done
# The build without fast paths (-DANN_NO_SSE2): its tests, and its output
# against the default build's.
if [ $# -ge 3 ]; then
    suite "$3"
    count "$3 output same as $first" sh tests/same_output.sh "$top/$first/annotate" "$top/$3/annotate"
fi
if [ $# -ge 2 ]; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        suite "$2"
fi
if [ $# -ge 2 ] && command -v valgrind >/dev/null 2>&1; then
    suite "$first" "valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
