#!/bin/sh
# shellcheck disable=SC2086  # ANNOTATE splits on purpose
# tests/cli/memory.sh - a large document in bounded memory: its record is
# streamed out as it is written (the stream gets the same bytes as an
# --out-dir file, which is written whole), and the peak resident memory
# grows by at most three times the text in flight, with -j 1 and with two
# large documents on two threads.  Skipped under valgrind and
# the sanitizers, whose own memory is what they would measure.
#
#   ANNOTATE="<command>" sh tests/cli/memory.sh      (from the repository top)
#
# Ends with "N passed, N failed"; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
: "${ANNOTATE:=$top/annotate}"
T=$(mktemp -d "${TMPDIR:-/tmp}/annotate-memory.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
. "$top/tests/cli/lib/common.sh"
trap 'exit 130' INT TERM

case $ANNOTATE in
*valgrind* | *asan* | *san/*)
    echo "memory: not measured under a memory checker"
    echo "0 passed, 0 failed"
    exit 0 ;;
esac
${CC:-cc} -O1 -o "$T/runstat" tests/bench/runstat.c || { echo "FAIL: cannot build runstat"; echo "0 passed, 1 failed"; exit 1; }

# Documents of about 4 and 16 MB: the articles of corpus/, again and again.
# What the larger costs above the smaller is what a document costs for its
# size: the working set of the windows and the rules is the same for both.
grow() {   # grow FILE BYTES
    : > "$1"
    while [ "$(wc -c < "$1")" -lt "$2" ]; do
        cat corpus/*.txt >> "$1"
    done
}
grow "$T/small.txt" 4000000
grow "$T/big.txt" 16000000
cp "$T/small.txt" "$T/small2.txt"
cp "$T/big.txt" "$T/big2.txt"
diff=$(( $(wc -c < "$T/big.txt") - $(wc -c < "$T/small.txt") ))

# peak ARGS...: the peak resident memory (kB) of annotate ARGS, into $kb
peak() {
    last="$*"
    rc=0
    "$T/runstat" "$T/report" $ANNOTATE "$@" >/dev/null 2>"$T/err" || rc=$?
    read -r _ kb _ < "$T/report"
}
# within KB BYTES: KB above $base is at most 3 x BYTES
within() { [ $(( ($1 - base) * 1024 )) -le $((3 * $2)) ]; }

for opt in "" --with-text; do
    peak -q -j 1 $opt -o /dev/null "$T/small.txt"
    base=$kb
    peak -q -j 1 $opt -o /dev/null "$T/big.txt"
    check "${opt:-a document}: $((kb - base)) kB more for $diff bytes more" within "$kb" "$diff"
done
peak -q -j 2 -o /dev/null "$T/small.txt" "$T/small2.txt"
base=$kb
peak -q -j 2 -o /dev/null "$T/big.txt" "$T/big2.txt"
check "two on two threads: $((kb - base)) kB more for 2 x $diff bytes more" \
    within "$kb" $((2 * diff))

# the streamed record is the whole one
run -q --with-text "$T/big.txt"
cp "$T/out" "$T/streamed"
run -q --with-text --out-dir "$T/dir" "$T/big.txt"
check "a streamed record is the record" cmp -s "$T/streamed" "$T/dir/big.json"
run -q -j 2 --with-text "$T/small.txt" "$T/big.txt" "$T/small2.txt" "$T/big2.txt" "$T/small.txt"
check "streamed records keep their order (-j 2)" \
    sh -c "[ \"\$(grep -c . '$T/out')\" -eq 5 ] && sed -n 2p '$T/out' | cmp -s - '$T/streamed'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
