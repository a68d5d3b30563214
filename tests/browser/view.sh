#!/bin/sh
# view.sh - load the --format html view of corpus/*.txt in headless Chromium
# (Debian's chromium package, installed with apt-get when missing and run as
# root), check from the DOM Chromium built that the highlighted elements are
# there, that each claim is labelled with its speaker as resolved (not
# "he"), that the page has an index of the documents and each document a
# "who said what" table whose links lead to the claims, and that a page of
# one document has its title; keep a screenshot as a test artifact:
# BUILD/view.png.
#
#   ANNOTATE=build/annotate sh tests/browser/view.sh      (repository root)
#
# Ends with "N passed, N failed"; without Chromium it prints a skip line and
# "0 passed, 0 failed".
set -u
BUILD=${BUILD:-build}
ANNOTATE=${ANNOTATE:-$BUILD/annotate}
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }
check() { d=$1; shift; if "$@"; then ok; else fail "$d"; fi; }

find_browser() {
    for b in chromium chromium-browser google-chrome; do
        if command -v "$b" >/dev/null 2>&1; then echo "$b"; return 0; fi
    done
    return 1
}

browser=$(find_browser)
if [ -z "$browser" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "view.sh: installing chromium with apt-get" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1
    browser=$(find_browser)
fi
if [ -z "$browser" ]; then
    echo "SKIP: no chromium (apt-get install chromium)"
    echo "0 passed, 0 failed"
    exit 0
fi

mkdir -p "$BUILD"
top=$(pwd)
page="$top/$BUILD/view.html"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
ndocs=$(ls corpus/*.txt | wc -l)

$ANNOTATE --format html corpus/*.txt > "$page" 2>/dev/null
check "annotate --format html wrote the page" [ -s "$page" ]

# The flags keep Chromium from reaching the network or starting services.
chrome() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --disable-dev-shm-usage --hide-scrollbars \
        --user-data-dir="$profile" "$@" 2>/dev/null
}

chrome --dump-dom "file://$page" > "$BUILD/view.dom.html"
dom="$BUILD/view.dom.html"
count() { grep -o -- "$1" "$dom" | wc -l; }
check "chromium built a DOM" [ -s "$dom" ]
check "one section per document" [ "$(count '<section class="doc')" -eq "$ndocs" ]
check "actors highlighted" [ "$(count '<mark class="actor')" -gt "$ndocs" ]
check "places highlighted" [ "$(count '<mark class="place')" -gt 0 ]
check "sources highlighted" [ "$(count '<mark class="source')" -gt 0 ]
check "dates highlighted" [ "$(count '<mark class="date')" -gt "$ndocs" ]
check "claims with speaker and cue" [ "$(count 'class="claim [a-z]*" [^>]*data-speaker=')" -gt 0 ]
check "hover titles carry type and id" [ "$(count 'title="actor · person · ')" -gt 0 ]
check "date titles carry the value" [ "$(count 'title="date · DATE · [0-9X]')" -gt 0 ]
check "a legend" [ "$(count 'class="legend"')" -eq 1 ]
check "no scripts in the page" [ "$(count '<script')" -eq 0 ]

# The claim labels name the speaker the pronoun was resolved to.
check "claim labels name resolved speakers" [ "$(count 'data-speaker="Vladimir Putin"')" -gt 0 ]
check "no claim label is a bare pronoun" [ "$(count 'data-speaker="[Hh]e"')" -eq 0 ]
# An index: a link to every document's section, in order.
check "the page title says how many documents" \
    [ "$(count "<title>$ndocs documents · annotate</title>")" -eq 1 ]
check "an index of the documents" [ "$(count '<nav class="index">')" -eq 1 ]
check "the index links to each document" [ "$(count '<li><a href="#doc-')" -eq "$ndocs" ]
links_ok() {   # every href="#X" of the kind $1 has an element id="X"
    grep -o "href=\"#$1[^\"]*\"" "$dom" | sed 's/^href="#//; s/"$//' | sort -u >"$profile/targets"
    [ -s "$profile/targets" ] || return 1
    while read -r t; do grep -qF "id=\"$t\"" "$dom" || { echo "      no id=\"$t\""; return 1; }; done <"$profile/targets"
}
check "every index link has its section" links_ok doc-
# Who said what: a table for each document with claims, linked to the claims.
withclaims=$($ANNOTATE corpus/*.txt 2>/dev/null | grep -c '"claims":\[{')
check "a 'who said what' table per document with claims" \
    [ "$(count '<table class="who">')" -eq "$withclaims" ]
check "who said what: speaker, claims, first claim" \
    [ "$(count '<th>speaker</th><th>claims</th><th>first claim</th>')" -eq "$withclaims" ]
check "who said what: each first claim links to its place in the text" links_ok 'doc-[^"]*-c'

# A page of one document carries that document's title.
first=$(ls corpus/*.txt | head -n 1)
$ANNOTATE --format html "$first" > "$BUILD/view1.html" 2>/dev/null
chrome --dump-dom "file://$top/$BUILD/view1.html" > "$BUILD/view1.dom.html"
want=$($ANNOTATE "$first" | python3 -c 'import json,sys,html; print(html.escape(json.load(sys.stdin)["doc"]["title"], quote=False))')
check "one document: its title is the page title" grep -qF "<title>$want</title>" "$BUILD/view1.dom.html"
check "one document: no index" sh -c '! grep -q "<nav class=\"index\">" "$1"' sh "$BUILD/view1.dom.html"

rm -f "$BUILD/view.png"
chrome --screenshot="$top/$BUILD/view.png" --window-size=1280,2000 "file://$page" >/dev/null
check "screenshot $BUILD/view.png taken" [ -s "$BUILD/view.png" ]
check "screenshot is a PNG" [ "$(head -c 4 "$BUILD/view.png" 2>/dev/null | tail -c 3)" = "PNG" ]
# a blank page compresses to a few KB; highlighted text does not
check "screenshot is not blank" [ "$(wc -c < "$BUILD/view.png" 2>/dev/null || echo 0)" -gt 20000 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
