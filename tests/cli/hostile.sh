#!/bin/sh
# shellcheck disable=SC2086  # ANNOTATE splits on purpose
# tests/cli/hostile.sh - pathological inputs, made at test time: a 10 MB
# line with no spaces, 100,000 quotation marks, 100,000 capitalized words in
# a row, one 2 MB paragraph, paragraphs of quotations with no full stop at
# 1 and 4 MB (in linear time), HTML nested 100,000 levels deep, a billion
# laughs and a quadratic blowup in XML, a 10 MB JSON Lines record, and a
# user's pattern with a catastrophic regex.  Each run must end within 60
# seconds, exit 0 or 1 (never crash), and write valid JSON, one document a
# line.  Under valgrind the inputs are 20 times smaller.
#
#   ANNOTATE="<command>" sh tests/cli/hostile.sh     (from the repository top)
#
# Ends with "N passed, N failed"; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
: "${ANNOTATE:=$top/annotate}"
T=$(mktemp -d "${TMPDIR:-/tmp}/annotate-hostile.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
. "$top/tests/cli/lib/common.sh"
if command -v timeout >/dev/null 2>&1; then TO="timeout 60"; else TO=; fi
PY=$(python3 -c 'import sys; print(sys.executable)') || { echo "python3 is needed"; exit 1; }

# Sizes: full, or a twentieth under valgrind.
case $ANNOTATE in *valgrind*) div=20 ;; *) div=1 ;; esac
n() { echo $(($1 / div)); }

# hostile NAME FILE [ARGS...]: annotate FILE; it must end in time, exit 0
# or 1 and write valid JSON Lines (one line per document; none only when
# the input was refused with exit status 1).
hostile() {
    name=$1; file=$2; shift 2
    rc=0
    last="$* $file"
    start=$(date +%s)
    $TO $ANNOTATE --no-progress "$@" "$file" >"$T/out" 2>"$T/err" || rc=$?
    secs=$(($(date +%s) - start))
    why=
    if [ "$rc" -eq 124 ]; then
        why="did not finish in 60 seconds"
    elif [ "$rc" -gt 1 ]; then
        why="exit status $rc"
    elif ! "$PY" - "$T/out" "$rc" <<'EOF'
import json, sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
if lines and lines[-1] == b'':
    lines.pop()
if not lines and sys.argv[2] != '1':
    sys.exit('no output')   # an input refused (exit 1) may give none
for i, line in enumerate(lines, 1):
    try:
        d = json.loads(line)
    except ValueError as e:
        sys.exit('line %d is not valid JSON: %s' % (i, e))
    if not isinstance(d, dict) or 'doc' not in d:
        sys.exit('line %d is not a document' % i)
EOF
    then
        why="output is not valid JSON Lines"
    fi
    if [ -z "$why" ]; then
        passed=$((passed + 1))
        echo "ok   $name (${secs}s, exit $rc)"
    else
        failed=$((failed + 1))
        echo "FAIL: $name: $why (${secs}s)"
        sed -n '1,5s/^/      stderr: /p' "$T/err"
    fi
}

# rep COUNT TEXT: TEXT written COUNT times (no newline).
rep() {
    awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# ---- plain text ------------------------------------------------------------------
bytes=$(n 10000000)
{ head -c "$bytes" /dev/zero | tr '\0' a; echo; } > "$T/letters.txt"
hostile "a $bytes-byte line of one letter" "$T/letters.txt"

rep "$(n 50000)" 'Putin,said.“Kyiv”-2024;U.S.(NATO)' > "$T/mixed.txt"; echo >> "$T/mixed.txt"
hostile "a $(wc -c < "$T/mixed.txt" | tr -d ' ')-byte line of words and punctuation, no spaces" "$T/mixed.txt"

{ head -c "$bytes" /dev/zero | tr '\0' '-'; echo; } > "$T/dashes.txt"
hostile "a $bytes-byte line of hyphens" "$T/dashes.txt"

rep "$(n 100000)" '"' > "$T/quotes.txt"; echo >> "$T/quotes.txt"
hostile "$(n 100000) quotation marks" "$T/quotes.txt"

rep "$(n 100000)" '“Ukraine will win, said ' > "$T/open.txt"; echo >> "$T/open.txt"
hostile "$(n 100000) opening quotation marks, none closed" "$T/open.txt"

rep "$(n 50000)" '"We will," Putin said. "' > "$T/said.txt"; echo >> "$T/said.txt"
hostile "$(n 100000) quotation marks around short claims" "$T/said.txt"

rep "$(n 10000)" 'Vladimir Putin Joe Biden Volodymyr Zelensky Emmanuel Macron Olaf Scholz ' > "$T/caps.txt"
echo >> "$T/caps.txt"
hostile "$(n 100000) capitalized words in a row" "$T/caps.txt"

rep "$(n 25000)" 'On March 3, 2022, President Putin told Reuters in Kyiv that talks were held. ' > "$T/para.txt"
echo >> "$T/para.txt"
hostile "one $(wc -c < "$T/para.txt" | tr -d ' ')-byte paragraph of sentences" "$T/para.txt"

# One long paragraph of quotations and no full stop: sentences are the
# tokenizer's forced breaks, which may all fall inside quotations; the
# claims finder's walks must stay within them.  4 MB may take no more than
# 6 times what 1 MB takes.
now() { date +%s.%N 2>/dev/null || date +%s; }
q='"We will win," Putin said "and will win," Putin said '
for mb in 1 4; do
    { printf 'Quotations\n\n'; rep "$(n $((mb * 19231)))" "$q"; echo; } > "$T/quoted$mb.txt"
    t0=$(now)
    hostile "one $(wc -c < "$T/quoted$mb.txt" | tr -d ' ')-byte paragraph of quotations, no full stop" \
        "$T/quoted$mb.txt"
    t1=$(now)
    eval "secs$mb=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')"
done
check "quotations: 4 MB in under 6 times the time of 1 MB ($secs1 s, $secs4 s)" \
    awk -v a="$secs1" -v b="$secs4" 'BEGIN { exit !(b < 6 * a + 0.5) }'

rep "$(n 30000)" 'Mr. U.S. Feb. 1,000.5 [a](#) ** ' > "$T/abbrev.txt"; echo >> "$T/abbrev.txt"
hostile "$(n 30000)x abbreviations, numbers and Markdown residue" "$T/abbrev.txt"

# ---- markup ------------------------------------------------------------------------
depth=$(n 100000)
{ printf '<html><body>'; rep "$depth" '<div>'; printf 'deep text'; rep "$depth" '</div>'
  echo '</body></html>'; } > "$T/deep.html"
hostile "HTML nested $depth levels deep" "$T/deep.html"

{ printf '<html><body>'; rep "$depth" '<p><b><i>'; echo 'unclosed'; } > "$T/unclosed.html"
hostile "$((depth * 3)) unclosed HTML elements" "$T/unclosed.html"

{ printf '<?xml version="1.0"?>\n<a>'; rep "$depth" '<b>'; printf 'deep'; rep "$depth" '</b>'
  echo '</a>'; } > "$T/deep.xml"
hostile "XML nested $depth levels deep" "$T/deep.xml"

cat > "$T/laughs.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<article><title>Laughs</title><body><p>&lol9;</p></body></article>
EOF
hostile "a billion laughs (XML)" "$T/laughs.xml"
check "a billion laughs stays small" test "$(wc -c < "$T/out")" -lt 1000000

{ printf '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "'; rep "$(n 50000)" 'x'; printf '">]>\n<a>'
  rep "$(n 50000)" '&x;'; echo '</a>'; } > "$T/blowup.xml"
hostile "a quadratic blowup (XML)" "$T/blowup.xml"
check "a quadratic blowup stays small" test "$(wc -c < "$T/out")" -lt 10000000

{ printf '{"id":"big","text":"'; head -c "$bytes" /dev/zero | tr '\0' a; echo '"}'; } > "$T/big.jsonl"
hostile "a $bytes-byte JSON Lines record" "$T/big.jsonl"

# ---- a user's catastrophic regex ---------------------------------------------------
echo '{"label":"x","pattern":[{"TEXT":{"REGEX":"^(a+)+$"}}]}' > "$T/evil.jsonl"
{ head -c 4000 /dev/zero | tr '\0' a; echo b; rep "$(n 2000)" 'aaaaaaaaaaaaaaaaaaaaaaaaaaaab '; echo; } > "$T/aaab.txt"
hostile "a catastrophic user regex on $(n 2000) tokens a…ab" "$T/aaab.txt" --rules="$T/evil.jsonl"
check "a catastrophic regex gives a warning" grep -q -i 'warning.*limit\|limit.*warning' "$T/err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
