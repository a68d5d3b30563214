#!/bin/sh
# pages.sh - saved web pages on the command line: boilerplate that must not
# become entities or claims, warnings on stderr as "annotate: PATH:
# warning: ..." (and in the document's warnings) that -q silences, never
# libxml2's own messages.  Run from the repository root:
#   ANNOTATE="build/annotate" sh tests/cli/pages.sh
# Ends with "N passed, N failed"; exits non-zero if anything failed.
set -u
ANNOTATE=${ANNOTATE:-./annotate}
DATA=tests/data/pages
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
T=$tmp
. "$(dirname "$0")/lib/common.sh"

# --- a tabloid page: the article, its byline and title, nothing around it ---
$ANNOTATE --with-text "$DATA/tabloid.html" > "$tmp/tab.json" 2> "$tmp/tab.err"
check "tabloid: exit 0" [ $? -eq 0 ]
check "tabloid: the article" has "$tmp/tab.json" 'divided residents for more than a decade'
check "tabloid: no sidebar claims" hasnt "$tmp/tab.json" 'delighted with her new film'
check "tabloid: no sidebar text" hasnt "$tmp/tab.json" 'Celebrity news'
check "tabloid: no share bar sources" hasnt "$tmp/tab.json" 'WhatsApp'
check "tabloid: no related headlines" hasnt "$tmp/tab.json" 'budget is safe'
check "tabloid: no contact line" hasnt "$tmp/tab.json" 'news@example.com'
check "tabloid: title without the site" has "$tmp/tab.json" '"title": *"Council backs tram line"'
check "tabloid: two authors" has "$tmp/tab.json" '"authors": *\[ *"Anna Berg", *"Carl Dahl" *\]'
check "tabloid: no job title" hasnt "$tmp/tab.json" 'Senior Reporters'
check "tabloid: not the navigation as title" hasnt "$tmp/tab.json" '"title": *"Sections"'
check "tabloid: no warning" [ ! -s "$tmp/tab.err" ]

# --- UTF-8 that declares gb2312: read as UTF-8, told -----------------------
$ANNOTATE --with-text "$DATA/gb2312.html" > "$tmp/gb.json" 2> "$tmp/gb.err"
check "gb2312: exit 0" [ $? -eq 0 ]
check "gb2312: the text decoded" has "$tmp/gb.json" 'Die Stadt Köln hat am Montag über die neue Brücke'
check "gb2312: warning on stderr" has "$tmp/gb.err" "^annotate: $DATA/gb2312.html: warning: the page declares charset gb2312 but is valid UTF-8"
check "gb2312: warning in the document" has "$tmp/gb.json" '"warnings": *\[ *"the page declares charset gb2312'
check "gb2312: no libxml2 message" hasnt "$tmp/gb.err" 'encoding error'

# --- tag soup: libxml2's messages are one warning, silenced by -q ----------
$ANNOTATE "$DATA/broken.html" > "$tmp/broken.json" 2> "$tmp/broken.err"
check "broken: exit 0" [ $? -eq 0 ]
check "broken: one warning line" [ "$(wc -l < "$tmp/broken.err")" -eq 1 ]
check "broken: the parser's messages as a warning" has "$tmp/broken.err" "^annotate: $DATA/broken.html: warning: HTML parser: [0-9]* messages, the first at line 1:"
check "broken: no raw libxml2 output" hasnt "$tmp/broken.err" 'parser error'
check "broken: in the document's warnings" has "$tmp/broken.json" '"HTML parser: '
$ANNOTATE -q "$DATA/broken.html" > "$tmp/q.json" 2> "$tmp/q.err"
check "broken -q: exit 0" [ $? -eq 0 ]
check "broken -q: stderr empty" [ ! -s "$tmp/q.err" ]
check "broken -q: still in the document" has "$tmp/q.json" '"HTML parser: '
$ANNOTATE -q -j 2 "$DATA/broken.html" "$DATA/gb2312.html" "$DATA/broken.html" > "$tmp/qj.json" 2> "$tmp/qj.err"
check "broken -q -j 2: stderr empty" [ ! -s "$tmp/qj.err" ]
check "broken -q -j 2: three documents" [ "$(grep -c '"doc"' "$tmp/qj.json")" -eq 3 ]

# --- a page that yields almost nothing: told, never silent -----------------
$ANNOTATE "$DATA/tiny.html" > "$tmp/tiny.json" 2> "$tmp/tiny.err"
check "tiny: exit 0" [ $? -eq 0 ]
check "tiny: warning names the size" has "$tmp/tiny.err" "^annotate: $DATA/tiny.html: warning: only [0-9]* characters of text extracted from a page of 33 KB"
check "tiny: in the document" has "$tmp/tiny.json" 'characters of text extracted'

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
