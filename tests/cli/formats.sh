#!/bin/sh
# formats.sh - the command line with HTML, XML and JSON Lines input and the
# xml and html output formats.  Run from the repository root:
#   ANNOTATE="build/annotate" sh tests/cli/formats.sh
# ANNOTATE may carry a wrapper (valgrind ...): it is used unquoted.
# Ends with "N passed, N failed"; exits non-zero if anything failed.
set -u
ANNOTATE=${ANNOTATE:-./annotate}
DATA=tests/data/formats
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
T=$tmp
. "$(dirname "$0")/lib/common.sh"

if command -v python3 >/dev/null 2>&1; then PY=python3; else PY=; fi

# Every line of file $1 is a JSON object (python3 if there is one).
jsonl_ok() {
    if [ -n "$PY" ]; then
        $PY -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"):
    assert isinstance(json.loads(l), dict)' "$1" 2>/dev/null
    else
        ! grep -v '^{.*}$' "$1" >/dev/null
    fi
}

# Well-formed XML: xmllint, else python3's minidom, else no check.
xml_ok() {
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout --nonet "$1" 2>/dev/null
    elif [ -n "$PY" ]; then
        $PY -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' "$1" 2>/dev/null
    else
        true
    fi
}

# --- JSON Lines from standard input, a bad line in the middle --------------
printf '%s\n' \
    '{"id": "first", "text": "NATO met in Brussels on Monday.", "published": "2024-04-19"}' \
    '{"id": "broken", "text": "no closing brace"' \
    '{"id": "third", "text": "Zelensky spoke in Kyiv."}' \
    '{"text": "No id here."}' > "$tmp/in.jsonl"
$ANNOTATE --input-format jsonl -j 1 < "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> "$tmp/err"
rc=$?
check "jsonl: exit status 1 for the bad line (got $rc)" [ "$rc" -eq 1 ]
check "jsonl: one output line per input line" [ "$(wc -l < "$tmp/out.jsonl")" -eq 4 ]
check "jsonl: every output line is a JSON object" jsonl_ok "$tmp/out.jsonl"
sed -n 1p "$tmp/out.jsonl" > "$tmp/l1"
sed -n 2p "$tmp/out.jsonl" > "$tmp/l2"
sed -n 3p "$tmp/out.jsonl" > "$tmp/l3"
sed -n 4p "$tmp/out.jsonl" > "$tmp/l4"
check "jsonl: line 1 is the first record" has "$tmp/l1" '"first"'
check "jsonl: line 1 annotated" has "$tmp/l1" '"nato"'
check "jsonl: line 1 keeps its published date" has "$tmp/l1" '"published": *"2024-04-19"'
check "jsonl: line 2 is an error object" has "$tmp/l2" '"error"'
check "jsonl: the error names the line" has "$tmp/l2" 'line 2'
check "jsonl: line 3 goes on after the error" has "$tmp/l3" '"third"'
check "jsonl: a record without id gets one from its content" has "$tmp/l4" '"id":"rec-[0-9a-f]\{16\}"'
check "jsonl: the bad line is reported on stderr" has "$tmp/err" 'line 2'
check "jsonl: the message names the record's id" has "$tmp/err" '^annotate: -: record rec-[0-9a-f]\{16\}, line 2: invalid JSON'

# the same from a file, the format known by its extension
cp "$tmp/in.jsonl" "$tmp/named.jsonl"
$ANNOTATE -j 2 "$tmp/named.jsonl" > "$tmp/out2.jsonl" 2>/dev/null
check "jsonl: .jsonl by extension, -j 2" [ "$(wc -l < "$tmp/out2.jsonl")" -eq 4 ]
check "jsonl: the content id does not depend on the file name" \
    [ "$(sed -n 4p "$tmp/out2.jsonl" | grep -o '"rec-[0-9a-f]*"')" = "$(grep -o '"rec-[0-9a-f]*"' "$tmp/l4")" ]

# --- HTML input -----------------------------------------------------------
$ANNOTATE --with-text "$DATA/article.html" > "$tmp/html.json" 2>/dev/null
rc=$?
check "html: exit status 0 (got $rc)" [ "$rc" -eq 0 ]
check "html: title from og:title" has "$tmp/html.json" '"title": *"Talks Stall in Istanbul as Kyiv and Moscow Trade Blame"'
check "html: authors from JSON-LD" has "$tmp/html.json" '"Jane Doe"'
check "html: publisher" has "$tmp/html.json" '"publisher": *"Example Media Group"'
check "html: published" has "$tmp/html.json" '"published": *"2022-03-29"'
check "html: article text" has "$tmp/html.json" 'negotiators met on Tuesday'
check "html: no script text" hasnt "$tmp/html.json" 'SHOULD_NOT_APPEAR'
check "html: annotated" has "$tmp/html.json" '"mentions"'
if [ -n "$PY" ]; then
    # every offset points at its text in doc.text (code points)
    check "html: offsets match doc.text" $PY -c 'import json,sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
t = d["doc"]["text"]
n = 0
for k in ("actors", "places", "sources"):
    for e in d[k]:
        for m in e["mentions"]:
            assert t[m["start"]:m["end"]] == m["text"], m
            n += 1
for m in d["dates"]:
    assert t[m["start"]:m["end"]] == m["text"], m
assert n > 0' "$tmp/html.json"
fi

# --- XML input: formats and hostile files ---------------------------------
$ANNOTATE "$DATA/tei.xml" > "$tmp/tei.json" 2>/dev/null
check "xml: TEI title" has "$tmp/tei.json" '"title": *"Peace Talks Resume in Istanbul"'
check "xml: TEI date" has "$tmp/tei.json" '"published": *"2024-04-19"'
$ANNOTATE "$DATA/timeml.xml" > "$tmp/timeml.json" 2>/dev/null
check "xml: TimeML DCT resolves yesterday" has "$tmp/timeml.json" '"value": *"1998-01-07"'
$ANNOTATE --with-text "$DATA/xxe.xml" > "$tmp/xxe.json" 2>/dev/null
check "xml: external entity not read" hasnt "$tmp/xxe.json" 'root:'
check "xml: external entity file still annotated" has "$tmp/xxe.json" '"Leak attempt"'
start=$(date +%s)
$ANNOTATE "$DATA/billion.xml" > "$tmp/lol.json" 2> "$tmp/lol.err"
rc=$?
end=$(date +%s)
check "xml: billion laughs finishes fast" [ $((end - start)) -le 20 ]
check "xml: billion laughs output stays small" [ "$(wc -c < "$tmp/lol.json")" -lt 100000 ]
check "xml: billion laughs is an error or small (rc $rc)" [ "$rc" -le 1 ]
$ANNOTATE "$DATA/notwellformed.xml" > "$tmp/bad.json" 2> "$tmp/bad.err"
rc=$?
check "xml: not well-formed -> exit 1 (got $rc)" [ "$rc" -eq 1 ]
check "xml: the reason names the file" has "$tmp/bad.err" 'notwellformed.xml'

# --- output formats -------------------------------------------------------
printf '%s\n' '{"id": "esc", "text": "NATO & <script>alert(1)</script> said Putin in Moscow on Monday."}' > "$tmp/esc.jsonl"
$ANNOTATE --format xml corpus/*.txt "$DATA/article.html" > "$tmp/out.xml" 2>/dev/null
check "format xml: well-formed" xml_ok "$tmp/out.xml"
check "format xml: actors inline" has "$tmp/out.xml" '<actor '
check "format xml: TIMEX3 inline" has "$tmp/out.xml" '<TIMEX3 '
check "format xml: claims inline" has "$tmp/out.xml" '<claim '
$ANNOTATE --format xml --input-format jsonl "$tmp/esc.jsonl" > "$tmp/esc.xml" 2>/dev/null
check "format xml: markup in text escaped" xml_ok "$tmp/esc.xml"
check "format xml: no live script element" hasnt "$tmp/esc.xml" '<script'

$ANNOTATE --format html corpus/*.txt > "$tmp/out.html" 2>/dev/null
check "format html: a page" has "$tmp/out.html" '<!DOCTYPE html>'
check "format html: marks" has "$tmp/out.html" '<mark '
check "format html: one section per document" [ "$(grep -o '<section' "$tmp/out.html" | wc -l)" -eq "$(ls corpus/*.txt | wc -l)" ]
check "format html: claims with speaker" has "$tmp/out.html" 'data-speaker='
check "format html: no external assets" hasnt "$tmp/out.html" '<script\|<link\|src="http'
$ANNOTATE --format html --input-format jsonl "$tmp/esc.jsonl" > "$tmp/esc.html" 2>/dev/null
check "format html: markup in text escaped" has "$tmp/esc.html" '&lt;script&gt;alert(1)&lt;/script&gt;'
check "format html: no live script element" hasnt "$tmp/esc.html" '<script'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
