#!/bin/sh
# shellcheck disable=SC2086  # ANNOTATE splits on purpose
# tests/cli/tagger.sh - the name tagger's model from the command line: a
# model file given with --rules, or as tagger/weights.tsv of a rules tree,
# replaces the built-in one (here one that reads every word as outside, so
# no unknown name is found), a broken one stops the run with PATH:LINE and
# exit status 2, and --no-builtin-rules runs without any.
#
#   ANNOTATE="<command>" sh tests/cli/tagger.sh     (from the repository top)
#
# Ends with "N passed, N failed"; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
: "${ANNOTATE:=$top/annotate}"
T=$(mktemp -d "${TMPDIR:-/tmp}/annotate-tagger.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
. "$top/tests/cli/lib/common.sh"

printf 'Bartholomew Quennell of Quarnex Holdings met reporters in Phoenix.\n' > "$T/in.txt"
head=$(sed -n '/^features/p; /^labels/p' src/rules/tagger/weights.tsv)

# the built-in model finds the unknown person
run "$T/in.txt"
check "built-in model: exit 0" [ "$rc" -eq 0 ]
check "built-in model: the unknown person" grep -q '"bartholomew-quennell"' "$T/out"

# a model that knows nothing: every weight zero (outside scores 0) but on
# one feature that no text has; ties go to outside, so nothing is tagged
printf '# annotate name tagger: test\n%s\npass 1\n0000000000000001\t-30000 0 0 0 0 0 0 0\n' \
    "$head" > "$T/empty.tsv"
run --rules "$T/empty.tsv" "$T/in.txt"
check "user model: exit 0" [ "$rc" -eq 0 ]
check "user model: replaces the built-in one" sh -c "! grep -q bartholomew '$T/out'"

# the same model as a rules tree's tagger/weights.tsv
mkdir -p "$T/tree/tagger"
cp "$T/empty.tsv" "$T/tree/tagger/weights.tsv"
run --rules "$T/tree" "$T/in.txt"
check "rules tree: exit 0" [ "$rc" -eq 0 ]
check "rules tree: its model replaces the built-in one" sh -c "! grep -q bartholomew '$T/out'"

# a broken model: named with its line, exit 2, nothing written
printf '# annotate name tagger: test\n%s\npass 1\nnot a feature line\n' "$head" > "$T/bad.tsv"
run --rules "$T/bad.tsv" "$T/in.txt"
check "broken model: exit 2" [ "$rc" -eq 2 ]
check "broken model: PATH:LINE in the message" grep -q "bad.tsv:5:" "$T/err"
check "broken model: no output" [ ! -s "$T/out" ]

# no built-in rules: no model either, and the run still works
run --no-builtin-rules "$T/in.txt"
check "no built-in rules: exit 0" [ "$rc" -eq 0 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
