#!/bin/sh
# compare.sh A B [ROUNDS] [FILE...] - CPU time of two annotate binaries run
# at the same moment, one on each of the first two cores, the cores swapped
# every round; prints each one's median user time and the median of the
# pairwise ratios B/A.  On a shared or virtual machine the load changes
# from one minute to the next, so runs one after the other (even
# alternated) differ by more than most changes do; two runs at once see the
# same load.  Default files: a quarter of build/bench/corpus (make bench).
set -u
[ $# -ge 2 ] || { echo "usage: compare.sh A B [ROUNDS] [FILE...]" >&2; exit 2; }
A=$1 B=$2 N=${3:-40}
shift 2; [ $# -gt 0 ] && shift
# shellcheck disable=SC2046  # the file list splits on purpose
[ $# -gt 0 ] || set -- $(find build/bench/corpus -name "*.txt" 2>/dev/null | sort | awk "NR % 4 == 0")
[ $# -gt 0 ] || { echo "compare.sh: no files (run make bench once)" >&2; exit 2; }
command -v taskset >/dev/null 2>&1 || { echo "compare.sh: taskset not found" >&2; exit 2; }
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
i=0
while [ $i -lt "$N" ]; do
    ca=$((i % 2)) cb=$(((i + 1) % 2))
    taskset -c $ca /usr/bin/time -o "$t/a" -f %U "$A" -j1 "$@" >/dev/null 2>&1 &
    taskset -c $cb /usr/bin/time -o "$t/b" -f %U "$B" -j1 "$@" >/dev/null 2>&1 &
    wait
    echo "$(tail -n 1 "$t/a") $(tail -n 1 "$t/b")"
    i=$((i + 1))
done | awk '{ a[NR] = $1; b[NR] = $2; if ($1 > 0) r[NR] = $2 / $1 }
    function med(v, n,   i, j, x) {   # insertion sort, then the middle
        for (i = 2; i <= n; i++) { x = v[i]; for (j = i - 1; j > 0 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }
    END { n = NR; printf "A median %.3f s  B median %.3f s  B/A median %.3f (%d rounds)\n", med(a, n), med(b, n), med(r, n), n }'
