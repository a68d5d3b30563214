#!/bin/sh
# shellcheck disable=SC2016,SC2086  # ANNOTATE splits on purpose; sh -c scripts
# tests/cli/everyday.sh - what a new user hit in everyday use (issue 16):
# two inputs with one name (a/story.txt, b/story.txt, */index.html) and
# --out-dir files that must not overwrite each other; JSON Lines piped in
# or in a .json file; one output line per input line, blank and bad lines
# included, with ids that do not depend on how the stream was cut up;
# several documents as TimeML (checked by xmllint); the language of a
# document; a SIGTERM or SIGINT during --out-dir; --dct's exact form; and
# messages that name the option and cannot be forged by a file name.
#
#   ANNOTATE="<command>" sh tests/cli/everyday.sh      (from the repository top)
#
# Ends with "N passed, N failed"; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
: "${ANNOTATE:=$top/annotate}"
T=$(mktemp -d "${TMPDIR:-/tmp}/annotate-everyday.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
. "$top/tests/cli/lib/common.sh"
trap 'exit 130' INT TERM
PY=$(python3 -c 'import sys; print(sys.executable)') || { echo "python3 is needed"; exit 1; }
D=tests/data/cli

rc_is() { [ "$rc" -eq "$1" ]; }
messages() { grep -v '^==[0-9]*==' "$1"; }
lines_are() { [ "$(grep -vc '^==[0-9]*==' "$1")" -eq "$2" ]; }
# jq-like field of every output line: field FILE EXPR (a Python expression of o)
field() { "$PY" -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(l); print(eval(sys.argv[2]))' "$1" "$2"; }
ids_are() { f=$1; shift; [ "$(field "$f" 'o["doc"]["id"]' | tr '\n' ' ')" = "$* " ]; }

# ---- 1. unique ids, --out-dir files that never overwrite each other ------------

mkdir -p "$T/a" "$T/b" "$T/s1/news" "$T/s2/news"
cp "$D/good.txt" "$T/a/story.txt"
cp "$D/yesterday.txt" "$T/b/story.txt"
cp "$D/good.txt" "$T/s1/news/index.html"
cp "$D/yesterday.txt" "$T/s2/news/index.html"
run "$T/a/story.txt" "$T/b/story.txt" "$D/good.txt"
check "two story.txt: exit 0" rc_is 0
check "two story.txt: ids tell them apart, a third keeps its name" ids_are "$T/out" a/story b/story good
run -j 2 --input-format text "$T/s1/news/index.html" "$T/s2/news/index.html"
check "two index.html: ids tell them apart" ids_are "$T/out" s1/news/index s2/news/index
run "$D/good.txt" "$D/yesterday.txt"
check "distinct names: ids as before" ids_are "$T/out" good yesterday

run --out-dir "$T/od" "$T/a/story.txt" "$T/b/story.txt"
check "--out-dir with two story.txt: exit 0" rc_is 0
check "--out-dir with two story.txt: two files" \
    sh -c '[ -s "$1/a_story.json" ] && [ -s "$1/b_story.json" ] && [ "$(ls -A "$1" | wc -l)" -eq 2 ]' sh "$T/od"
check "--out-dir with two story.txt: each holds its own document" \
    sh -c 'grep -q "\"id\":\"a/story\"" "$1/a_story.json" && grep -q "\"id\":\"b/story\"" "$1/b_story.json"' sh "$T/od"

printf '%s\n' '{"id": "same", "text": "One."}' '{"id": "same", "text": "Two."}' >"$T/dup.jsonl"
run --out-dir "$T/od2" "$T/dup.jsonl"
check "--out-dir, two records with one id: exit 2" rc_is 2
check "--out-dir, two records with one id: the second is an error naming the file" \
    hasf "$T/err" "annotate: $T/od2/same.json: a second document with this name"
check "--out-dir, two records with one id: the first is kept" hasf "$T/od2/same.json" '"One."'
run --out-dir "$T/od2" --force "$T/dup.jsonl"
check "--force does not let one run overwrite its own files" rc_is 2
run --force "$D/good.txt"
check "--force without --out-dir is a usage error" rc_is 2

# ---- 2. JSON Lines recognized by content -----------------------------------------

printf '%s\n' '{"id": "r1", "text": "NATO met in Brussels on Monday."}' \
    '{"id": "r2", "text": "Zelensky spoke in Kyiv."}' >"$T/x.jsonl"
rc=0; last="< x.jsonl (a pipe)"
cat "$T/x.jsonl" | $TO $ANNOTATE >"$T/out" 2>"$T/err" || rc=$?
check "JSON Lines on a pipe: exit 0" rc_is 0
check "JSON Lines on a pipe: one document per line" ids_are "$T/out" r1 r2
check "JSON Lines on a pipe: a warning says it was guessed" \
    hasf "$T/err" "annotate: -: warning: read as JSON Lines"
check "JSON Lines on a pipe: the warning is given once" [ "$(messages "$T/err" | wc -l)" -eq 1 ]
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$T/x.jsonl" >"$T/x.jsonl.gz"
    rc=0; last="zcat x.jsonl.gz |"
    gzip -dc "$T/x.jsonl.gz" | $TO $ANNOTATE -j 2 >"$T/out" 2>"$T/err" || rc=$?
    check "zcat x.jsonl.gz | annotate: one document per line" ids_are "$T/out" r1 r2
fi
cp "$T/x.jsonl" "$T/x.json"
run "$T/x.json"
check "JSON Lines in a .json file: one document per line" ids_are "$T/out" r1 r2
check "JSON Lines in a .json file: the warning" hasf "$T/err" "warning: read as JSON Lines"
run --input-format text "$T/x.json"
check "--input-format text: one text document" ids_are "$T/out" x
check "--input-format text: no warning" hasnt "$T/err" "JSON Lines"
run "$T/x.jsonl"
check ".jsonl: no warning (the name says it)" hasnt "$T/err" "warning"
printf '{"title": "not a record"}\n' >"$T/obj.json"
run "$T/obj.json"
check "a JSON object without text stays a text document" ids_are "$T/out" obj
printf '\xef\xbb\xbf{"id": "bom", "text": "After a byte order mark."}\n' >"$T/bom.json"
run "$T/bom.json"
check "JSON Lines after a byte order mark" ids_are "$T/out" bom

# ---- 3. one output line per input line, ids that survive the cut --------------

"$PY" - "$T/big.jsonl" <<'EOF'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(400):
        if i % 97 == 50:
            f.write("\n")                           # a blank line
        elif i % 89 == 30:
            f.write('{"text": "broken\n')           # not JSON
        else:
            f.write(json.dumps({"text": "Record %d: NATO met in Brussels." % (i % 180)}) + "\n")
EOF
run --input-format jsonl "$T/big.jsonl"
cp "$T/out" "$T/whole.jsonl"
check "400 lines with blank and bad ones: exit 1" rc_is 1
check "400 lines in, 400 lines out" lines_are "$T/whole.jsonl" 400
check "a blank line gives an error object" \
    [ "$(field "$T/whole.jsonl" 'o["error"] or ""' | grep -c 'blank line')" -eq 4 ]
check "a bad line gives an error object" \
    [ "$(field "$T/whole.jsonl" 'o["error"] or ""' | grep -c 'invalid JSON')" -eq 5 ]
check "the messages name the record's id" \
    [ "$(messages "$T/err" | grep -c '^annotate: .*: record rec-[0-9a-f]\{16\}, line [0-9]*: ')" -eq 9 ]
# the same records in blocks, as GNU parallel --pipe cuts them
split -l 130 "$T/big.jsonl" "$T/block."
for b in "$T"/block.*; do $TO $ANNOTATE -j 1 <"$b" 2>/dev/null; done >"$T/blocks.jsonl"
check "in blocks: 400 lines out" lines_are "$T/blocks.jsonl" 400
check "in blocks: the same ids as in one run" \
    [ "$(field "$T/blocks.jsonl" 'o["doc"]["id"]')" = "$(field "$T/whole.jsonl" 'o["doc"]["id"]')" ]
check "records that differ have different ids" \
    [ "$(field "$T/whole.jsonl" 'o["doc"]["id"] if not o["error"] else ""' | sort -u | grep -c rec-)" -eq 180 ]

# ---- 4. several documents as TimeML -----------------------------------------------

if command -v xmllint >/dev/null 2>&1; then
    run --format timeml corpus/*.txt "$D/good.txt"
    check "timeml, several documents: exit 0" rc_is 0
    check "timeml, several documents: well-formed (xmllint)" xmllint --noout "$T/out"
    check "timeml, several documents: one TimeML element each" \
        [ "$(grep -c '^<TimeML>' "$T/out")" -eq $(($(ls corpus/*.txt | wc -l) + 1)) ]
    check "timeml, several documents: one root" \
        [ "$(xmllint --xpath 'name(/*)' "$T/out")" = TimeMLCollection ]
    run --format timeml --out-dir "$T/tml" corpus/*.txt
    check "timeml --out-dir: a file per document" \
        [ "$(ls "$T/tml"/*.timeml | wc -l)" -eq "$(ls corpus/*.txt | wc -l)" ]
    check "timeml --out-dir: each file well-formed (xmllint)" xmllint --noout "$T"/tml/*.timeml
    check "timeml --out-dir: each file a TimeML document" \
        sh -c 'for f; do [ "$(xmllint --xpath "name(/*)" "$f")" = TimeML ] || exit 1; done' sh "$T"/tml/*.timeml
else
    failed=$((failed + 1)); echo "FAIL: xmllint is missing (make deps-test installs libxml2-utils)"
fi

# ---- 6. the language of a document -----------------------------------------------

cat >"$T/fr.txt" <<'EOF'
Apple Watch: la montre est arrivée en France. Le ministre a déclaré que la
question des données personnelles est très importante pour les utilisateurs et
qu'il faudra une loi. « Nous allons agir », a dit le président dans un entretien.
EOF
cat >"$T/zh.txt" <<'EOF'
俄罗斯总统普京周一在莫斯科表示，和平谈判将在伊斯坦布尔继续进行。乌克兰外交部长说，谈判没有取得进展。
EOF
run "$T/fr.txt" "$D/good.txt" "$T/zh.txt"
check "lang: exit 0" rc_is 0
check "lang: French, English, Chinese" [ "$(field "$T/out" 'o["doc"]["lang"]' | tr '\n' ' ')" = "fr en zh " ]
check "lang: no English claims in French" [ "$(field "$T/out" 'len(o["claims"])' | sed -n 1p)" -eq 0 ]
check "lang: a warning in the output" \
    [ "$(field "$T/out" '"; ".join(o["warnings"])' | sed -n 1p | grep -c "rules do not cover")" -eq 1 ]
check "lang: a warning on stderr" hasf "$T/err" "annotate: $T/fr.txt: warning: written in 'fr'"
printf 'Talks.\n' >"$T/short.txt"
run "$T/short.txt"
check "lang: too short to tell is null" [ "$(field "$T/out" 'o["doc"]["lang"]')" = None ]

# ---- 11. a signal during --out-dir leaves no temporary file -----------------------

# (not under valgrind, whose own signal handling and pace make no sense of it)
case $ANNOTATE in *valgrind*) sigtest=0 ;; *) sigtest=1 ;; esac
# 300 documents (the corpus in 60 directories), killed at various moments;
# a shell starts a background job with SIGINT ignored, so python restores it.
[ "$sigtest" -eq 0 ] || for i in $(seq 1 60); do mkdir -p "$T/c/$i" && cp corpus/*.txt "$T/c/$i/"; done
tmpleft=0; status_ok=1
for delay in 0.05 0.1 0.15 0.2 0.3 0.4 0.6 0.8; do
    [ "$sigtest" -eq 1 ] || break
    for sig in TERM INT; do
        rm -rf "$T/sig"
        "$PY" -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execvp(sys.argv[1], sys.argv[1:])' $ANNOTATE -j 2 --no-progress --out-dir "$T/sig" "$T"/c/*/*.txt >/dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -s "$sig" "$pid" 2>/dev/null
        wait "$pid"; st=$?
        want=$([ "$sig" = TERM ] && echo 143 || echo 130)
        [ "$st" -eq "$want" ] || [ "$st" -eq 0 ] || { status_ok=0; echo "      $sig after ${delay}s: exit $st"; }
        if ls -A "$T/sig" 2>/dev/null | grep -q '^\.'; then tmpleft=$((tmpleft + 1)); fi
    done
done
if [ "$sigtest" -eq 1 ]; then
    check "SIGTERM/SIGINT during --out-dir: no temporary file left (16 runs)" [ "$tmpleft" -eq 0 ]
    check "SIGTERM/SIGINT during --out-dir: ended by the signal" [ "$status_ok" -eq 1 ]
else
    echo "note: the signal runs are skipped under valgrind"
fi

# ---- 12. --dct exactly YYYY-MM-DD, no year past 9999 ------------------------------

for bad in "+999-01-01" " 999-01-01" "-001-01-01" "10000-01-01" "0000-01-01" "2024-1-01" "2024-01-01x"; do
    run --dct "$bad" "$D/good.txt"
    check "--dct '$bad': exit 2" rc_is 2
    check "--dct '$bad': a usage message naming --dct" hasf "$T/err" "annotate: --dct takes a date YYYY-MM-DD"
done
printf 'Tomorrow the talks go on. Next year they end. Next month too. Next week as well.\n' >"$T/rel.txt"
run --dct 9999-12-31 "$T/rel.txt"
check "--dct 9999-12-31: exit 0" rc_is 0
check "--dct 9999-12-31: no year past 9999 written" \
    [ "$(field "$T/out" '" ".join(d["value"] for d in o["dates"])' | grep -c '[0-9]\{5\}')" -eq 0 ]
check "--dct 9999-12-31: tomorrow's year unknown" \
    [ "$(field "$T/out" 'o["dates"][0]["value"]')" = XXXX-01-01 ]
run --dct 0001-01-01 "$T/rel.txt"
check "--dct 0001-01-01: accepted" rc_is 0

# ---- 14. messages: the option named, file names that cannot forge a line --------

run -rf "$D/good.txt"
check "-rf: exit 2" rc_is 2
check "-rf: 'unknown option: -r'" hasf "$T/err" "annotate: unknown option: -r"
run --pretty -qZ "$D/good.txt"
check "-qZ: 'unknown option: -Z'" hasf "$T/err" "annotate: unknown option: -Z"
run --bogus=1 "$D/good.txt"
check "--bogus=1: 'unknown option: --bogus'" hasf "$T/err" "annotate: unknown option: --bogus"
run --jobs
check "--jobs without its number: named" hasf "$T/err" "option requires an argument: --jobs"
nl='
'
run "$T/no${nl}annotate: forged.txt: all fine"
check "a file name with a newline: one message line" [ "$(messages "$T/err" | wc -l)" -eq 1 ]
check "a file name with a newline: written as \\n" hasf "$T/err" 'no\nannotate: forged.txt: all fine: No such file'
esc=$(printf '\033')
run "$T/red${esc}[31m.txt"
check "a terminal escape in a file name is escaped" hasf "$T/err" 'red\x1b[31m.txt'

# the messages come in input order, the same whatever -j
set -- "$D/invalid_utf8.txt" "$T/missing.txt" "$D/binary.txt" "$T/fr.txt" "$D/good.txt" "$T/dup.jsonl"
run -j 1 "$@" "$@"
messages "$T/err" >"$T/err1"
run -j 3 "$@" "$@"
messages "$T/err" >"$T/err3"
check "messages: several kinds of them" [ "$(wc -l <"$T/err1")" -ge 8 ]
check "messages: the same, in the same order, with -j 1 and -j 3" cmp -s "$T/err1" "$T/err3"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
