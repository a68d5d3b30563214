#!/bin/sh
# shellcheck disable=SC2086  # ANNOTATE splits on purpose
# tests/cli/rules.sh - knowledge a user adds at run time: `--rules DIR`, a
# tree laid out like src/rules/, reaches every kind (lexicons, patterns,
# speech cues, speaker nouns, noun cues, date tables and rules,
# abbreviations, the HTML reader's hints and byline words, month names,
# the leads of metadata lines and the particles of names); `--rules FILE` still takes a lone lexicon or pattern file;
# `--no-builtin-rules` leaves every built-in kind out; bad rule files are
# refused with PATH:LINE and exit 2, never read without end.
#
#   ANNOTATE="<command>" sh tests/cli/rules.sh      (from the repository top)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
: "${ANNOTATE:=$top/annotate}"
T=$(mktemp -d "${TMPDIR:-/tmp}/annotate-rules.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
. "$top/tests/cli/lib/common.sh"
trap 'exit 130' INT TERM
PY=$(python3 -c 'import sys; print(sys.executable)') || { echo "python3 is needed"; exit 1; }

# doc TEXT: an article with a headline and TEXT as its body, in $T/in.txt
doc() { printf 'Headline\n\n%s\n' "$1" >"$T/in.txt"; }
# q EXPR: evaluate a Python expression over the output record d
q() { "$PY" -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); print(eval(sys.argv[2]))' "$T/out" "$1"; }
is() { [ "$(q "$1")" = "$2" ]; }
rc_is() { [ "$rc" -eq "$1" ]; }

U=$T/user
mkdir -p "$U/claims" "$U/lexicon" "$U/patterns" "$U/dates" "$U/tokenizer"

# ---- every kind, one at a time ---------------------------------------------
printf 'zorbled\tCBP\n' >"$U/claims/cues.tsv"
printf 'wrangler\thead\n' >"$U/claims/speakers.tsv"
doc 'The wrangler zorbled that the talks were over.'
run "$T/in.txt"
check "without the user's cue: no claim" is 'len(d["claims"])' 0
run --rules "$U" "$T/in.txt"
check "a speech verb and a speaker noun from DIR/claims: the claim" \
    is '[(c["speaker"]["text"], c["cue"]["text"], c["text"]) for c in d["claims"]]' \
    "[('The wrangler', 'zorbled', 'the talks were over')]"

printf 'zorblation\n' >"$U/claims/nouns.tsv"
doc "It was Ivan Petrov's zorblation that the talks were over."
run --rules "$U" "$T/in.txt"
check "a noun cue from DIR/claims/nouns.tsv" \
    is '[(c["cue"]["text"], c["text"]) for c in d["claims"]]' "[('zorblation', 'the talks were over')]"

printf 'zorbo\tfirst\n' >"$U/claims/words.tsv"
doc 'Zorbo said that the talks were over.'
run --rules "$U" "$T/in.txt"
check "a word class from DIR/claims/words.tsv (first person: no speaker)" is 'len(d["claims"])' 0
rm "$U/claims/words.tsv"

printf 'Ognyan Zorbovski\tactor\tperson\tognyan-zorbovski\tname=Ognyan Zorbovski\n' >"$U/lexicon/mine.tsv"
doc 'Ognyan Zorbovski arrived.'
run --rules "$U" "$T/in.txt"
check "a lexicon from DIR/lexicon/*.tsv" is '[a["id"] for a in d["actors"]]' "['ognyan-zorbovski']"

printf '{"label": "organization", "pattern": [{"LOWER": "kettle"}, {"LOWER": "zorbhouse"}]}\n' \
    >"$U/patterns/mine.jsonl"
doc 'The Kettle Zorbhouse closed.'
run --rules "$U" "$T/in.txt"
check "a pattern from DIR/patterns/*.jsonl" is '[a["name"] for a in d["actors"]]' "['Kettle Zorbhouse']"

printf 'holiday\tZorbday\t03-14\n' >"$U/dates/normalization.tsv"
doc 'They met on Zorbday 2022.'
run --rules "$U" "$T/in.txt"
check "a date table entry from DIR/dates/normalization.tsv" \
    is '[(x["text"], x["value"]) for x in d["dates"]]' "[('Zorbday 2022', '2022-03-14')]"

printf 'zorbnow\tDATE\tzorbnow\tvalue=PRESENT_REF\n' >"$U/dates/rules.tsv"
doc 'The plan stands zorbnow.'
run --rules "$U" "$T/in.txt"
check "a date rule from DIR/dates/rules.tsv" \
    is '[(x["text"], x["value"]) for x in d["dates"]]' "[('zorbnow', 'PRESENT_REF')]"

# a new date form with a plain value is a data edit: a table of its own
# words in normalization.tsv, a rule whose value template reads it, a
# group and the document date
printf 'zorbhalf\tzorbfirst\t1\nzorbhalf\tzorbsecond\t2\n' >>"$U/dates/normalization.tsv"
printf 'zorbh\tDATE\tthe (@zorbhalf) zorbhalf of ([0-9]{4})\tvalue=%%2-H%%{zorbhalf:1}\n' >>"$U/dates/rules.tsv"
printf 'zorbyear\tDATE\tthe zorbyear before\tvalue=%%{dct.year-1}\n' >>"$U/dates/rules.tsv"
doc 'It grew in the zorbsecond zorbhalf of 2021, and the zorbyear before.'
run --rules "$U" --dct 2022-03-01 "$T/in.txt"
check "a date form with a template value from DIR/dates/rules.tsv and normalization.tsv" \
    is '[(x["text"], x["type"], x["value"]) for x in d["dates"]]' \
    "[('the zorbsecond zorbhalf of 2021', 'DATE', '2021-H2'), ('the zorbyear before', 'DATE', '2021')]"

printf 'Zorb\n' >"$U/tokenizer/abbreviations.txt"
doc 'Ivan Petrov said the Zorb. Plan was over.'
run "$T/in.txt"
check "without the abbreviation the period ends the sentence" \
    is '[c["text"] for c in d["claims"]]' "['the Zorb']"
run --rules "$U" "$T/in.txt"
check "an abbreviation from DIR/tokenizer/abbreviations.txt keeps its period" \
    is '[c["text"] for c in d["claims"]]' "['the Zorb. Plan was over']"
printf 'Plan\n' >"$U/tokenizer/starters.txt"
run --rules "$U" "$T/in.txt"
check "a sentence starter from DIR/tokenizer/starters.txt ends the sentence at an abbreviation" \
    is '[c["text"] for c in d["claims"]]' "['the Zorb.']"
rm "$U/tokenizer/starters.txt"

# ---- the readers' and the metadata's kinds ----------------------------------
# page BODY: a web page whose <article> holds BODY after a headline, in $T/p.html
page() {
    printf '<html><body><article><h1>Council backs tram line</h1>%s<p>The city council voted on Tuesday to expand the northern tram line, a project that has divided residents for more than a decade.</p><p>Supporters said the line would cut commuting times, while opponents warned of years of construction.</p></article></body></html>\n' "$1" >"$T/p.html"
}
mkdir -p "$U/html" "$U/meta"
page '<div class="zorbwrap">Zorbwrap sale: two trams for the price of one.</div>'
run --with-text "$T/p.html"
check "without the user's hint the block is article text" is '"Zorbwrap sale" in d["doc"]["text"]' True
printf 'zorbwrap\tdrop\n' >"$U/html/hints.tsv"
run --with-text --rules "$U" "$T/p.html"
check "a class hint from DIR/html/hints.tsv drops the block" \
    is '("Zorbwrap sale" in d["doc"]["text"], "tram line" in d["doc"]["text"])' "(False, True)"
page '<div class="xzq">Xzq sale.</div><div class="zq">Zq sale.</div><div class="zorbhx">Zorbh sale.</div><div class="xzorbh">Xzorbh sale.</div><div class="q">Q sale.</div><div class="zorbk">K sale.</div><div class="kz">Kz sale.</div>'
printf '=zq\tdrop\n^zorbh\tdrop\n=q\tdrop\nk\tdrop\n' >"$U/html/hints.tsv"
run --with-text --rules "$U" "$T/p.html"
check "html/hints.tsv: =word equals a class word, ^word starts one, a word is in one, of one byte too" \
    is '[s + " sale" in d["doc"]["text"] for s in ("Xzq", "Zq", "Zorbh", "Xzorbh", "Q", "K", "Kz")]' \
    "[True, False, False, True, False, False, False]"

page '<div class="byline">Zorbt Jane Roe</div>'
printf 'zorbt\tlead\n' >"$U/html/bylines.tsv"
run --rules "$U" "$T/p.html"
check "a byline lead from DIR/html/bylines.tsv is no part of the name" \
    is 'd["doc"]["authors"]' "['Jane Roe']"

page ''
sed 's|<html>|<html><head><meta name="zorb:writer" content="Jane Roe"></head>|' "$T/p.html" >"$T/pm.html"
run "$T/pm.html"
check "without the user's meta name no author" is 'd["doc"]["authors"]' "[]"
printf 'zorb:writer\tauthor\n' >"$U/html/meta.tsv"
run --rules "$U" "$T/pm.html"
check "a meta name from DIR/html/meta.tsv names the author" is 'd["doc"]["authors"]' "['Jane Roe']"

page '<span class="date">3. Zorbember 2021</span>'
run "$T/p.html"
check "without the user's month the page has no date" is 'd["doc"]["published"]' None
printf 'zorbember\t11\ten\nzorb.\t11\ten\n' >"$U/meta/months.tsv"
run --rules "$U" "$T/p.html"
check "a month name from DIR/meta/months.tsv dates a page" is 'd["doc"]["published"]' 2021-11-03
doc 'Published: Zorb. 3, 2021'
run --rules "$U" "$T/in.txt"
check "... and a text, in the English grammar, abbreviated" is 'd["doc"]["published"]' 2021-11-03

doc 'Zorbed by Jane Roe'
run "$T/in.txt"
check "without the user's lead no byline" is 'd["doc"]["authors"]' "[]"
printf 'zorbed by\tbyline\n' >"$U/meta/leads.tsv"
run --rules "$U" "$T/in.txt"
check "a byline lead from DIR/meta/leads.tsv" is 'd["doc"]["authors"]' "['Jane Roe']"

doc 'By Jane zorb Roe'
run "$T/in.txt"
check "without the user's particle a lowercase word is no name" is 'd["doc"]["authors"]' "[]"
printf 'zorb\n' >"$U/meta/particles.txt"
run --rules "$U" "$T/in.txt"
check "a particle of names from DIR/meta/particles.txt" is 'd["doc"]["authors"]' "['Jane zorb Roe']"

B=$T/badhtml
mkdir -p "$B/html" "$B/meta"
printf 'zorbwrap\tdrop,zorb\n' >"$B/html/hints.tsv"
run --rules "$B" "$T/p.html"
check "an unknown role in html/hints.tsv: exit 2 with PATH:LINE" \
    hasf "$T/err" "$B/html/hints.tsv:1: unknown role 'zorb'"
rm "$B/html/hints.tsv"
printf 'zorbember\t13\ten\n' >"$B/meta/months.tsv"
run --rules "$B" "$T/p.html"
check "a month past 12 in meta/months.tsv: exit 2 with PATH:LINE" \
    hasf "$T/err" "$B/meta/months.tsv:1: want a name"
rm "$B/meta/months.tsv"
printf 'Zorbed by\tzorbline\n' >"$B/meta/leads.tsv"
run --rules "$B" "$T/in.txt"
check "an unknown kind in meta/leads.tsv: exit 2 with PATH:LINE" \
    hasf "$T/err" "$B/meta/leads.tsv:1: want a lead and its kind"

# ---- lone files, --no-builtin-rules ----------------------------------------
run --rules "$U/lexicon/mine.tsv" --rules "$U/patterns/mine.jsonl" "$T/in.txt"
check "--rules FILE: a lone lexicon or pattern file still loads" rc_is 0
doc 'Russia said on March 3, 2022 that the talks were over.'
run --no-builtin-rules "$T/in.txt"
check "--no-builtin-rules: no built-in kind is left (no actor, date or claim)" \
    is 'len(d["actors"]) + len(d["dates"]) + len(d["claims"])' 0
run --no-builtin-rules --rules "$U" "$T/in.txt"
check "--no-builtin-rules with a user tree: exit 0" rc_is 0

# ---- bad rule files ----------------------------------------------------------
B=$T/bad
mkdir -p "$B/claims" "$B/elsewhere"
printf 'x\n' >"$B/elsewhere/what.tsv"
run --rules "$B" "$T/in.txt"
check "a file with no place in the tree: exit 2" rc_is 2
check "... naming the file" hasf "$T/err" "$B/elsewhere/what.tsv: no rule file belongs here"
rm -r "$B/elsewhere"
printf 'said\tCBP\nbad\377\tCBP\n' >"$B/claims/cues.tsv"
run --rules "$B" "$T/in.txt"
check "invalid UTF-8 in a user rule: exit 2" rc_is 2
check "... with PATH:LINE" hasf "$T/err" "$B/claims/cues.tsv:2: invalid UTF-8"
printf 'Ivan\tactor\tperson\tivan\303\n' >"$T/badutf8.tsv"
run --rules "$T/badutf8.tsv" "$T/in.txt"
check "invalid UTF-8 in an id of a lone lexicon: refused with PATH:LINE" \
    hasf "$T/err" "$T/badutf8.tsv:1: invalid UTF-8"
printf 'Ivan\tactor\tperson\tivan\n\000\n' >"$T/nul.tsv"
run --rules "$T/nul.tsv" "$T/in.txt"
check "a NUL byte in a rule file: exit 2" rc_is 2
run --rules /dev/zero "$T/in.txt"
check "--rules /dev/zero: refused at once, not read to the end" rc_is 2
check "... saying why" hasf "$T/err" "/dev/zero: NUL byte"
printf 'x\n' >"$B/claims/cues.tsv"
printf 'Zorb.\n' >"$T/abbr.txt"
mkdir -p "$T/ab/tokenizer" && cp "$T/abbr.txt" "$T/ab/tokenizer/abbreviations.txt"
run --rules "$T/ab" "$T/in.txt"
check "an abbreviation written with its period: refused with PATH:LINE" \
    hasf "$T/err" "$T/ab/tokenizer/abbreviations.txt:1:"
mkdir -p "$T/dt/dates"
for bad in 'x\tDATE\t(a)\tvalue=%2' 'x\tDATE\t(a)\tvalue=%{nosuch:1}' \
           'x\tDATE\ta\tvalue=%{dct.week}' 'x\tDATE\ta\tvalue=50%' 'x\tDATE\ta\tnosuch($1)'; do
    printf '%b\n' "$bad" >"$T/dt/dates/rules.tsv"
    run --rules "$T/dt" "$T/in.txt"
    check "a bad date value ($bad): exit 2 with PATH:LINE" \
        eval 'rc_is 2 && hasf "$T/err" "$T/dt/dates/rules.tsv:1: x: " || hasf "$T/err" "$T/dt/dates/rules.tsv:1: unknown"'
done
run --rules "$T/missing-dir" "$T/in.txt"
check "a missing rules path: exit 2" rc_is 2

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
