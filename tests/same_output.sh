#!/bin/sh
# same_output.sh A B: the fast paths (SSE2, word-at-a-time) change speed
# only.  Runs two builds of annotate, the default and -DANN_NO_SSE2, over
# the corpus, the test data and (when they sit beside the repository) the
# development sets, in every output format, and checks that they print the
# same bytes.  Ends with "N passed, N failed".
set -u
a=$1; b=$2
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
passed=0; failed=0

same() {   # same NAME ARGS...: both builds, same stdout and stderr and status
    name=$1; shift
    ra=0; rb=0
    "$a" "$@" >"$T/a" 2>"$T/ae" || ra=$?
    "$b" "$@" >"$T/b" 2>"$T/be" || rb=$?
    if [ "$ra" = "$rb" ] && cmp -s "$T/a" "$T/b" && cmp -s "$T/ae" "$T/be"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name: the -DANN_NO_SSE2 build prints other output (exit $ra / $rb)"
        cmp "$T/a" "$T/b" | head -n 3
    fi
}

data=$(find tests/data -type f ! -name '*.tsv' | sort)
for fmt in json xml html timeml; do
    same "corpus --format $fmt" --format "$fmt" corpus/*.txt
    # shellcheck disable=SC2086
    same "test data --format $fmt" -q --format "$fmt" $data
done
same "corpus --pretty --with-text" --pretty --with-text corpus/*.txt
dev=../shared/dev
if [ -d "$dev" ]; then
    same "seeds" ../shared/seeds/*.txt
    same "conll2003_dev" "$dev"/conll2003_dev/docs/*.txt
    same "polnear_dev" "$dev"/polnear_dev/docs/*.txt
    same "timebank" --dct 1998-03-01 "$dev"/timebank/docs/*.txt
    same "webpages" -q --with-text "$dev"/webpages/pages/*
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
