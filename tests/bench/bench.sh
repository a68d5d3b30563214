#!/bin/sh
# shellcheck disable=SC2046,SC2086  # flag and file lists split on purpose
# bench.sh - throughput and memory benchmark of ./annotate (make bench).
#
# Builds a large corpus deterministically from the seed articles in corpus/
# (tests/bench/gencorpus.c: each seed written again and again with names,
# places, months, years and numbers rotated), as one file per article under
# build/bench/corpus/ and as one single document build/bench/big.txt; then
# times whole runs of the binary (median of BENCH_RUNS) with -j 1 and -j all
# cores, the tokenizer alone, and the peak resident memory, and prints a table.
# The yardsticks are measured in the same run: `wc -w` over the same files
# (annotate at most 2.5 times its time), and `grep` on a one-line document
# for start-up (annotate at most 4 times its time).
#
# Environment:
#   BENCH_MB     corpus size in MB (default 200; the single file is as large)
#   BENCH_RUNS   runs per measurement, the median is reported (default 3)
#   BENCH_JOBS   threads for the parallel runs (default: number of processors)
#   BENCH_BIN    the binary (default ./annotate)
#   BENCH_BUILD  build directory with the project's objects, for the
#                tokenizer benchmark (default build)
#   BENCH_DIR    where the corpus and tools go (default build/bench)
# Output goes to /dev/null, so the numbers are the tool's, not the disk's.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2

MB=${BENCH_MB:-200}
RUNS=${BENCH_RUNS:-3}
BIN=${BENCH_BIN:-./annotate}
OBJ=${BENCH_BUILD:-build}
DIR=${BENCH_DIR:-build/bench}
NPROC=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
JOBS=${BENCH_JOBS:-$NPROC}
CC=${CC:-cc}

die() { echo "bench: $*" >&2; exit 2; }

case $BIN in /*) ;; *) BIN=$top/$BIN ;; esac
[ -x "$BIN" ] || die "$BIN not built (make annotate)"
mkdir -p "$DIR" || die "cannot create $DIR"
DIR=$(cd "$DIR" && pwd)
bench_start=$(date +%s)
load0=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)

# ---- tools ----------------------------------------------------------------
PKGS="libxml-2.0 libpcre2-8 libcjson"
$CC -std=c11 -O2 -Wall -Wextra -o "$DIR/gencorpus" tests/bench/gencorpus.c || die "cannot build gencorpus"
$CC -std=c11 -O2 -Wall -Wextra -o "$DIR/runstat" tests/bench/runstat.c || die "cannot build runstat"
objs="$OBJ/rules_data.o $OBJ/tagger_data.o $OBJ/rules_compiled.o"   # the objects of the sources there are, as the Makefile links
for s in src/*.c; do
    case $s in src/main.c) continue ;; esac
    o=$OBJ/$(basename "$s" .c).o
    [ -f "$o" ] || die "$o missing (make annotate)"
    objs="$objs $o"
done
# shellcheck disable=SC2086
$CC -std=c11 -O2 -g -Wall -Wextra -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc \
    $(pkg-config --cflags $PKGS 2>/dev/null) -o "$DIR/tokbench" tests/bench/tokbench.c \
    $objs $(pkg-config --libs $PKGS 2>/dev/null) -lpthread -lm || die "cannot build tokbench"

# ---- corpus (regenerated only when the size, seeds or generator change) -----
seeds=$(ls corpus/*.txt 2>/dev/null)
[ -n "$seeds" ] || die "no seed articles in corpus/"
bytes=$((MB * 1000000))
# shellcheck disable=SC2086
stamp="$MB $(cat $seeds | cksum) $(cksum < tests/bench/gencorpus.c)"
if [ ! -f "$DIR/corpus.stamp" ] || [ "$(sed -n 1p "$DIR/corpus.stamp")" != "$stamp" ]; then
    echo "bench: generating a $MB MB corpus in $DIR/corpus ..." >&2
    rm -rf "$DIR/corpus" "$DIR/big.txt" "$DIR/corpus.stamp"
    mkdir -p "$DIR/corpus"
    # shellcheck disable=SC2086
    info=$("$DIR/gencorpus" "$DIR/corpus" "$bytes" "$DIR/big.txt" $seeds) || die "corpus generation failed"
    printf '%s\n%s\n' "$stamp" "$info" > "$DIR/corpus.stamp"
fi
set -- $(sed -n 2p "$DIR/corpus.stamp")
ndocs=$1 total=$2 largest=$3
bigsize=$(wc -c < "$DIR/big.txt")

# ---- measuring ----------------------------------------------------------------
median() { sort -n | sed -n "$(( (RUNS + 1) / 2 ))p"; }
rep=$DIR/run.report

# measure NAME CMD...: run CMD (in the corpus directory) RUNS times; sets
# m_secs (median), m_rss (highest peak RSS, kB), m_fail
measure() {
    name=$1; shift
    secs='' rss=0 m_fail=0
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        (cd "$DIR/corpus" && "$DIR/runstat" "$rep" "$@")
        rc=$?
        read -r s k c < "$rep"
        if [ "$rc" -ne 0 ] || [ "$c" -ne 0 ]; then
            echo "bench: $name: exit status $c" >&2
            m_fail=1
        fi
        secs="$secs $s"
        [ "$k" -gt "$rss" ] && rss=$k
        i=$((i + 1))
    done
    m_secs=$(printf '%s\n' $secs | median)
    m_rss=$rss
}

row_fmt='%-28s %8s %9s %10s %10s %11s\n'
row() {   # row LABEL SECS RSS_KB: a line of the annotate table
    awk -v l="$1" -v s="$2" -v k="$3" -v b="$total" -v d="$ndocs" -v j="$4" -v f="$row_fmt" 'BEGIN {
        mbs = b / 1e6 / s
        printf f, l, sprintf("%.2fs", s), sprintf("%.1f", mbs), sprintf("%.1f", mbs / j),
               sprintf("%.0f", d / s), sprintf("%.1f MB", k / 1024) }'
}

ann="$BIN -q --no-progress -o /dev/null"
echo "bench: annotate -j 1, $RUNS runs ..." >&2
# shellcheck disable=SC2086
measure "-j 1" $ann -j 1 $(cd "$DIR/corpus" && ls)
s1=$m_secs r1=$m_rss f1=$m_fail
echo "bench: annotate -j $JOBS, $RUNS runs ..." >&2
# shellcheck disable=SC2086
measure "-j $JOBS" $ann -j "$JOBS" $(cd "$DIR/corpus" && ls)
sn=$m_secs rn=$m_rss fn=$m_fail
echo "bench: wc -w over the same files, $RUNS runs ..." >&2
# shellcheck disable=SC2086
measure "wc -w" sh -c 'exec wc -w "$@" >/dev/null' sh $(cd "$DIR/corpus" && ls)
sw=$m_secs

# Start-up: a one-line document, many runs (each is a few milliseconds).
printf 'Kyiv, March 3 (Reuters) - The talks ended, officials said.\n' >"$DIR/one.txt"
startup() {   # startup CMD...: median wall seconds of 21 runs
    secs=
    i=0
    while [ "$i" -lt 21 ]; do
        "$DIR/runstat" "$rep" "$@" >/dev/null 2>&1
        read -r s _ _ < "$rep"
        secs="$secs $s"
        i=$((i + 1))
    done
    printf '%s\n' $secs | sort -n | sed -n 11p
}
echo "bench: start-up on a one-line document, 21 runs each ..." >&2
su_ann=$(startup $BIN -q -o /dev/null "$DIR/one.txt")
su_grep=$(startup grep -c talks "$DIR/one.txt")

echo "bench: tokenizer alone, $RUNS runs ..." >&2
secs=
i=0
while [ "$i" -lt "$RUNS" ]; do
    # shellcheck disable=SC2046
    set -- $(cd "$DIR/corpus" && "$DIR/tokbench" $(ls))
    tok_bytes=$1 tok_n=$2
    secs="$secs $3"
    i=$((i + 1))
done
st=$(printf '%s\n' $secs | median)

echo "bench: memory and the stages' shares, a tenth of the documents; memory, the single $MB MB document ..." >&2
tenth=$(( (ndocs + 9) / 10 ))
# shellcheck disable=SC2086
(cd "$DIR/corpus" && "$DIR/runstat" "$rep" $ann -j 1 --timings $(ls | head -n "$tenth") 2>"$DIR/timings")
read -r _ r10 c10 < "$rep"
"$DIR/runstat" "$rep" $ann -j 1 "$DIR/big.txt"
read -r sb rb cb < "$rep"

# ---- the table ----------------------------------------------------------------
echo
awk -v mb="$total" -v d="$ndocs" -v l="$largest" -v n="$NPROC" -v r="$RUNS" 'BEGIN {
    printf "annotate benchmark: %.1f MB of text in %d documents (largest %.1f kB), %d cores, median of %d runs\n",
           mb / 1e6, d, l / 1e3, n, r }'
awk -v a="$load0" 'BEGIN {
    if (a == "") exit
    printf "load average at the start: %s%s\n", a,
           (a + 0 > 0.5) ? "   (other work was running: the numbers, -j above all, may be low)" : "" }'
echo
printf "$row_fmt" "" "time" "MB/s" "MB/s/core" "docs/s" "peak RSS"
row "annotate -j 1" "$s1" "$r1" 1
row "annotate -j $JOBS" "$sn" "$rn" "$JOBS"
awk -v s="$st" -v b="$tok_bytes" -v t="$tok_n" -v f="$row_fmt" 'BEGIN {
    printf f, "tokenizer alone (1 thread)", sprintf("%.2fs", s), sprintf("%.1f", b / 1e6 / s),
           sprintf("%.1f", b / 1e6 / s), "", sprintf("%.1fM tok/s", t / 1e6 / s) }'
echo
awk -v s="$sw" -v b="$total" -v f="$row_fmt" 'BEGIN {
    printf f, "wc -w (the yardstick)", sprintf("%.2fs", s), sprintf("%.1f", b / 1e6 / s),
           sprintf("%.1f", b / 1e6 / s), "", "" }'
echo
awk -v a="$s1" -v b="$sn" -v j="$JOBS" -v s1="$s1" -v tot="$total" -v w="$sw" \
    -v su="$su_ann" -v sg="$su_grep" 'BEGIN {
    sp = a / b; mbs = tot / 1e6 / s1
    printf "speedup -j %d over -j 1: %.2fx   (target >= %.1f: %s)\n", j, sp, 0.9 * j,
           (sp >= 0.9 * j) ? "ok" : "BELOW"
    printf "throughput per core at -j 1: %.1f MB/s   (target >= 50: %s)\n", mbs,
           (mbs >= 50) ? "ok" : "BELOW"
    printf "annotate -j 1 / wc -w: %.2fx the time   (target <= 2.5: %s)\n", a / w,
           (a / w <= 2.5) ? "ok" : "OVER"
    printf "start-up, one-line document: %.1f ms, grep %.1f ms: %.1fx   (target <= 4: %s)\n",
           su * 1000, sg * 1000, su / sg, (su / sg <= 4) ? "ok" : "OVER" }'
echo
echo "share of each stage (CPU time, -j 1, a tenth of the documents; annotate --timings):"
awk '/^  / && $NF ~ /%$/ { name = $1; for (i = 2; i < NF - 1; i++) name = name " " $i
                            printf "  %-16s %6s\n", name, $NF }' "$DIR/timings"
echo
echo "memory (limit: 30 MB + 3 x the documents in flight, as a 50 MB document under 180 MB):"
mem_row() {   # mem_row LABEL RSS_KB BYTES_IN_FLIGHT
    awk -v l="$1" -v k="$2" -v big="$3" 'BEGIN {
        lim = 30 * 1024 + 3 * big / 1024
        verdict = (k <= lim) ? "ok" : "OVER"
        printf "  %-44s %9.1f MB   limit %7.1f MB   %s\n", l, k / 1024, lim / 1024, verdict }'
}
mem_row "-j 1, $tenth documents" "$r10" "$largest"
mem_row "-j 1, all $ndocs documents" "$r1" "$largest"
mem_row "-j $JOBS, all $ndocs documents" "$rn" "$((largest * JOBS))"
mem_row "one $(awk -v b="$bigsize" 'BEGIN { printf "%.0f", b / 1e6 }') MB document ($(awk -v s="$sb" -v b="$bigsize" 'BEGIN { printf "%.1f MB/s", b / 1e6 / s }'))" "$rb" "$bigsize"
status=0
for c in "$f1" "$fn"; do [ "$c" -ne 0 ] && status=1; done
for c in "$c10" "$cb"; do [ "$c" -ne 0 ] && status=1; done
[ "$status" -ne 0 ] && echo "bench: some runs did not exit 0 (see above)"
echo
echo "bench: done in $(( $(date +%s) - bench_start ))s"
exit $status
