#!/bin/sh
# view.sh - load the --format html view of corpus/*.txt in headless Chromium
# (Debian's chromium package, installed with apt-get when missing and run as
# root), check from the DOM Chromium built that the highlighted elements are
# there, and keep a screenshot as a test artifact: BUILD/view.png.
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

rm -f "$BUILD/view.png"
chrome --screenshot="$top/$BUILD/view.png" --window-size=1280,2000 "file://$page" >/dev/null
check "screenshot $BUILD/view.png taken" [ -s "$BUILD/view.png" ]
check "screenshot is a PNG" [ "$(head -c 4 "$BUILD/view.png" 2>/dev/null | tail -c 3)" = "PNG" ]
# a blank page compresses to a few KB; highlighted text does not
check "screenshot is not blank" [ "$(wc -c < "$BUILD/view.png" 2>/dev/null || echo 0)" -gt 20000 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
