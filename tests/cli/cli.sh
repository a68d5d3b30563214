#!/bin/sh
# shellcheck disable=SC2016,SC2046,SC2086  # ANNOTATE and file lists split on purpose; sh -c scripts
# tests/cli/cli.sh - the command line of annotate: options and usage errors,
# exit statuses 0/1/2, standard input, unreadable inputs (missing, directory,
# binary), empty and odd inputs (invalid UTF-8, control characters, CRLF),
# the JSON shape and code point offsets of every output line, --pretty, -o,
# --out-dir, -j, --dct and a closed pipe.
#
#   ANNOTATE="<command>" sh tests/cli/cli.sh        (from the repository top)
#
# ANNOTATE may be several words ("valgrind -q ... build/annotate"), so it is
# used unquoted.  Ends with "N passed, N failed"; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
: "${ANNOTATE:=$top/annotate}"
D=tests/data/cli
T=$(mktemp -d "${TMPDIR:-/tmp}/annotate-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
. "$top/tests/cli/lib/common.sh"
trap 'exit 130' INT TERM
# The interpreter itself, not a wrapper (a pyenv shim costs a second a call).
PY=$(python3 -c 'import sys; print(sys.executable)') || { echo "python3 is needed"; exit 1; }

# run_in FILE ARGS...: the same with standard input from FILE.
run_in() {
    in=$1; shift
    last="$* < $in"
    rc=0
    $TO $ANNOTATE "$@" <"$in" >"$T/out" 2>"$T/err" || rc=$?
}


rc_is() { [ "$rc" -eq "$1" ]; }
empty() { [ ! -s "$1" ]; }
# lines_are FILE N: N lines, not counting valgrind's (==PID==)
lines_are() { [ "$(grep -vc '^==[0-9]*==' "$1")" -eq "$2" ]; }
same() { cmp -s "$1" "$2"; }

# The JSON checker: py MODE FILE [ARG...]; prints what is wrong, fails then.
cat >"$T/check.py" <<'EOF'
import json, re, sys

TOP = {"doc", "actors", "places", "sources", "dates", "claims"}
OPT = {"warnings", "error"}
DOC = {"id", "path", "title", "authors", "publisher", "published", "chars", "lang"}
SLUG = re.compile(r"[a-z0-9][a-z0-9_.-]*\Z")
problems = []

def bad(what):
    problems.append(what)

def read_text(path):
    # newline='' keeps CR: offsets count every code point of the file.
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        return f.read()

def parse_lines(path):
    objs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.endswith("\n"):
                bad("line %d does not end with a newline" % n)
            try:
                objs.append(json.loads(line))
            except ValueError as e:
                bad("line %d is not JSON: %s" % (n, e))
    return objs

def parse_stream(path):
    with open(path, encoding="utf-8") as f:
        s = f.read()
    dec, i, objs = json.JSONDecoder(), 0, []
    while True:
        while i < len(s) and s[i].isspace():
            i += 1
        if i == len(s):
            return objs
        try:
            o, i = dec.raw_decode(s, i)
        except ValueError as e:
            bad("not a JSON stream at char %d: %s" % (i, e))
            return objs
        objs.append(o)

def span(o, where, text, name):
    if not isinstance(o, dict):
        bad("%s: %s is not an object" % (name, where)); return 0
    for k in ("start", "end", "text"):
        if k not in o:
            bad("%s: %s has no %s" % (name, where, k)); return 0
    s, e = o["start"], o["end"]
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e):
        bad("%s: %s bad offsets %r %r" % (name, where, s, e)); return 0
    if text is not None:
        if e > len(text):
            bad("%s: %s end %d beyond the text (%d chars)" % (name, where, e, len(text)))
        elif text[s:e] != o["text"]:
            bad("%s: %s text %r != python text[%d:%d] %r"
                % (name, where, o["text"], s, e, text[s:e]))
    return 1

def check_obj(o, text_path=None):
    """Shape of one document object; spans against its file's text.
    Returns the number of spans checked."""
    if not isinstance(o, dict):
        bad("not an object: %r" % (o,)); return 0
    keys = set(o)
    if not TOP <= keys or keys - TOP - OPT:
        bad("top-level keys %s" % sorted(keys))
    d = o.get("doc", {})
    name = d.get("id", "?") if isinstance(d, dict) else "?"
    if not isinstance(d, dict) or not DOC <= set(d) or set(d) - DOC - {"text"}:
        bad("%s: doc keys %s" % (name, sorted(d) if isinstance(d, dict) else d))
        return 0
    for k in ("id", "path"):
        if not isinstance(d[k], str):
            bad("%s: doc.%s is not a string" % (name, k))
    for k in ("title", "publisher", "published"):
        if d[k] is not None and not isinstance(d[k], str):
            bad("%s: doc.%s is neither string nor null" % (name, k))
    if d["published"] is not None and not re.match(r"\d{4}(-\d\d(-\d\d)?)?\Z", d["published"]):
        bad("%s: doc.published %r is not an ISO date" % (name, d["published"]))
    if not isinstance(d["authors"], list) or not all(isinstance(a, str) for a in d["authors"]):
        bad("%s: doc.authors is not a list of strings" % name)
    path = text_path or d.get("path")
    text = None
    if path and path != "-":
        try:
            text = read_text(path)
        except OSError as e:
            bad("%s: cannot read %s: %s" % (name, path, e))
    if text is not None:
        if d["chars"] != len(text):
            bad("%s: doc.chars %r != %d code points" % (name, d["chars"], len(text)))
        if "text" in d and d["text"] != text:
            bad("%s: doc.text differs from python's decoding of %s" % (name, path))
    n = 0
    for cat in ("actors", "places", "sources"):
        if not isinstance(o.get(cat), list):
            bad("%s: %s is not a list" % (name, cat)); continue
        for i, ent in enumerate(o[cat]):
            w = "%s[%d]" % (cat, i)
            if not isinstance(ent, dict) or not {"id", "name", "type", "mentions"} <= set(ent):
                bad("%s: %s lacks id/name/type/mentions" % (name, w)); continue
            if not isinstance(ent["id"], str) or not SLUG.match(ent["id"]):
                bad("%s: %s id %r is not a lowercase ASCII slug" % (name, w, ent["id"]))
            if cat == "actors" and not isinstance(ent.get("roles"), list):
                bad("%s: %s has no roles list" % (name, w))
            for j, m in enumerate(ent["mentions"]):
                n += span(m, "%s.mentions[%d]" % (w, j), text, name)
    if not isinstance(o.get("dates"), list):
        bad("%s: dates is not a list" % name)
    else:
        for i, t in enumerate(o["dates"]):
            n += span(t, "dates[%d]" % i, text, name)
            if not isinstance(t, dict) or not isinstance(t.get("type"), str) \
                    or not isinstance(t.get("value"), str):
                bad("%s: dates[%d] lacks type/value strings" % (name, i))
    if not isinstance(o.get("claims"), list):
        bad("%s: claims is not a list" % name)
    else:
        for i, c in enumerate(o["claims"]):
            n += span(c, "claims[%d]" % i, text, name)
            if not isinstance(c, dict):
                continue
            for k in ("cue", "speaker"):
                if c.get(k) is not None:
                    n += span(c[k], "claims[%d].%s" % (i, k), text, name)
            sp = c.get("speaker")
            if isinstance(sp, dict) and sp.get("id") is not None and not SLUG.match(str(sp["id"])):
                bad("%s: claims[%d].speaker.id %r is not a slug" % (name, i, sp["id"]))
    if "warnings" in o and not isinstance(o["warnings"], list):
        bad("%s: warnings is not a list" % name)
    return n

def strip_source(o):
    o = json.loads(json.dumps(o))
    o["doc"].pop("id", None); o["doc"].pop("path", None)
    return o

mode, path, args = sys.argv[1], sys.argv[2], sys.argv[3:]
if mode == "lines":            # every line valid; args: [COUNT [STDIN_FILE]]
    objs = parse_lines(path)
    for o in objs:
        stdin = len(args) > 1 and isinstance(o, dict) and o.get("doc", {}).get("path") == "-"
        check_obj(o, args[1] if stdin else None)
    if args and args[0] != "-" and len(objs) != int(args[0]):
        bad("%d objects, expected %s" % (len(objs), args[0]))
elif mode == "spans":          # like lines, and at least one span was checked
    objs = parse_lines(path)
    if sum(check_obj(o) for o in objs) == 0:
        print("note: no spans in %s to compare (annotators empty?)" % path)
elif mode == "pretty":         # a stream of indented objects == the lines of args[0]
    objs = parse_stream(path)
    for o in objs:
        check_obj(o)
    if objs != parse_lines(args[0]):
        bad("--pretty objects differ from the compact ones")
    if len(objs) and sum(1 for _ in open(path)) <= len(objs):
        bad("--pretty output is not indented")
elif mode == "ids":            # the doc ids, in order, are args
    ids = [o.get("doc", {}).get("id") for o in parse_lines(path)]
    if ids != args:
        bad("ids %s, expected %s" % (ids, args))
elif mode == "empty":          # one document with empty lists and no text
    for o in parse_lines(path):
        check_obj(o)
        for k in ("actors", "places", "sources", "dates", "claims"):
            if o.get(k) != []:
                bad("%s is %r, expected []" % (k, o.get(k)))
        if o.get("doc", {}).get("chars") != 0:
            bad("chars %r" % o.get("doc", {}).get("chars"))
elif mode == "warned":         # every document has a non-empty warnings list
    for o in parse_lines(path):
        if not o.get("warnings"):
            bad("%s: no warnings entry" % o.get("doc", {}).get("id"))
elif mode == "same-but-source":  # args[0]: same annotations, id/path aside
    a, b = parse_lines(path), parse_lines(args[0])
    if [strip_source(o) for o in a] != [strip_source(o) for o in b]:
        bad("annotations differ between %s and %s" % (path, args[0]))
elif mode == "doc-file":       # path (an --out-dir file) == line args[1] of args[0]
    with open(path, encoding="utf-8") as f:
        one = parse_stream(path) if f.read().count("\n") > 1 else parse_lines(path)
    want = parse_lines(args[0])[int(args[1])]
    if one != [want]:
        bad("%s differs from line %s of the stream" % (path, args[1]))
elif mode == "dct":            # a 'yesterday' date, if found, has value args[0]
    for o in parse_lines(path):
        for t in o.get("dates", []):
            if t.get("text", "").lower() == "yesterday" and t.get("value") != args[0]:
                bad("'%s' has value %r, expected %s" % (t.get("text"), t.get("value"), args[0]))
        if not o.get("dates"):
            print("note: no date found in %s (dates not implemented?)" % o["doc"]["id"])
else:
    bad("unknown mode " + mode)
for p in problems[:20]:
    print("   ", p)
if len(problems) > 20:
    print("    ... and %d more" % (len(problems) - 20))
sys.exit(1 if problems else 0)
EOF
py() { "$PY" "$T/check.py" "$@"; }

corpus=$(echo corpus/*.txt)
set -- $corpus
ncorpus=$#
# Every run costs seconds under valgrind: runs are few, inputs small.

# ---- help, version, usage errors ---------------------------------------------

run --help
check "--help exits 0" rc_is 0
check "--help prints Usage on stdout" has "$T/out" '^Usage: annotate'
check "--help mentions every option of the brief" sh -c '
    for o in output out-dir pretty dct quiet help version jobs; do
        grep -q -- "--$o" "$1" || exit 1; done' sh "$T/out"
check "--help writes nothing on stderr" empty "$T/err"
# The man page documents every long option that --help lists.
check "src/annotate.1 documents every option of --help" sh -c '
    for o in $(grep -o -- "--[a-z][a-z-]*" "$1" | sort -u); do
        m=$(printf "%s" "$o" | sed "s/-/\\\\-/g")
        grep -qF -- "$m" "$2" || { echo "      not in the man page: $o"; exit 1; }
    done' sh "$T/out" src/annotate.1
run -h
check "-h exits 0 with Usage" sh -c '[ "$1" -eq 0 ] && grep -q "^Usage:" "$2"' sh "$rc" "$T/out"

run --version
check "--version exits 0" rc_is 0
check "--version prints 'annotate VERSION'" has "$T/out" '^annotate [0-9]'

run --bogus-option "$D/good.txt"
check "unknown option exits 2" rc_is 2
check "unknown option is named on stderr" hasf "$T/err" "annotate: unknown option: --bogus-option"
check "unknown option writes nothing on stdout" empty "$T/out"
run -Z "$D/good.txt"
check "unknown short option exits 2" rc_is 2
check "unknown short option is named on stderr" hasf "$T/err" "-Z"
check "unknown short option: nothing on stdout" empty "$T/out"
run "$D/good.txt" -o
check "-o without its argument exits 2" rc_is 2
check "-o without its argument is named" hasf "$T/err" "-o"

for bad_dct in 2024-13-01 2023-02-29 yesterday; do
    run --dct="$bad_dct" "$D/good.txt"
    check "--dct '$bad_dct' exits 2" rc_is 2
    check "--dct '$bad_dct' says why on stderr" hasf "$T/err" "--dct"
    check "--dct '$bad_dct' writes nothing on stdout" empty "$T/out"
done
run --dct 2024-02-29 "$D/good.txt"
check "--dct 2024-02-29 (a leap day) is accepted" rc_is 0

for bad_jobs in "--jobs 0" "-j abc" "--jobs=2000"; do
    run $bad_jobs "$D/good.txt"
    check "$bad_jobs exits 2" rc_is 2
    check "$bad_jobs: a message naming --jobs" hasf "$T/err" "--jobs"
    check "$bad_jobs: nothing on stdout" empty "$T/out"
done

run -o "$T/x.jsonl" --out-dir "$T/xdir" "$D/good.txt"
check "-o with --out-dir exits 2" rc_is 2
check "-o with --out-dir creates neither" sh -c '[ ! -e "$1" ] && [ ! -e "$2" ]' sh "$T/x.jsonl" "$T/xdir"
run --format=nonsense "$D/good.txt"
check "unknown --format exits 2" rc_is 2
run --input-format=nonsense "$D/good.txt"
check "unknown --input-format exits 2" rc_is 2

# ---- a file, standard input ----------------------------------------------------------

run "$D/good.txt"
cp "$T/out" "$T/good.jsonl"
check "a text file is annotated (exit 0)" rc_is 0
check "a text file: one valid object" py lines "$T/out" 1
check "a text file: nothing on stderr" empty "$T/err"

run_in "$D/good.txt"
check "no FILE reads stdin (exit 0)" rc_is 0
check "no FILE reads stdin: one valid object" py lines "$T/out" 1 "$D/good.txt"
check "stdin's document is 'stdin'" py ids "$T/out" stdin
check "stdin is annotated as the file is" py same-but-source "$T/out" "$T/good.jsonl"
cp "$T/out" "$T/stdin1.jsonl"
run_in "$D/good.txt" -
check "'-' reads stdin (exit 0)" rc_is 0
check "'-' gives what no FILE gives" same "$T/out" "$T/stdin1.jsonl"
run_in "$D/invalid_utf8.txt" --with-text "$D/good.txt" "$D/empty.txt" - "$D/yesterday.txt"
check "'-' among files (exit 0)" rc_is 0
check "'-' among files: documents in input order" py ids "$T/out" good empty stdin yesterday
check "'-' among files: invalid UTF-8 on stdin decoded as from a file" \
    py lines "$T/out" 4 "$D/invalid_utf8.txt"

# --line-buffered: a record is out while the input stream is still open
# (the run waits on a FIFO that the test holds open), at -j 1 and -j 2.
mkfifo "$T/lb.fifo"
for j in 1 2; do
    rm -f "$T/lb.out"
    $TO $ANNOTATE -j "$j" --line-buffered --input-format=jsonl - <"$T/lb.fifo" >"$T/lb.out" 2>"$T/err" &
    lbpid=$!
    exec 7>"$T/lb.fifo"
    printf '%s\n' '{"id":"a","text":"Zelensky said on Monday that talks would go on."}' >&7
    early=no
    for _ in $(seq 1 600); do               # up to a minute (valgrind starts slowly)
        if [ -s "$T/lb.out" ]; then early=yes; break; fi
        sleep 0.1
    done
    exec 7>&-
    rc=0
    wait "$lbpid" || rc=$?
    check "--line-buffered -j $j: the record is written before the input ends" [ "$early" = yes ]
    check "--line-buffered -j $j: exit 0" sh -c '[ "$1" = 0 ]' sh "$rc"
    check "--line-buffered -j $j: one valid object" py lines "$T/lb.out" 1
done

# ---- unreadable inputs ------------------------------------------------------------------

run "$D/good.txt" "$T/no-such-file.txt" "$D/yesterday.txt"
check "a missing file exits 1" rc_is 1
check "a missing file: 'annotate: PATH: No such file or directory'" \
    hasf "$T/err" "annotate: $T/no-such-file.txt: No such file or directory"
check "a missing file: one message only" lines_are "$T/err" 1
check "a missing file: the good files are still written" py ids "$T/out" good yesterday
check "a missing file: output valid" py lines "$T/out" 2

mkdir "$T/adir"
run "$D/good.txt" "$T/adir" "$D/yesterday.txt"
check "a directory as input exits 1" rc_is 1
check "a directory as input: 'annotate: PATH: ...' on stderr" hasf "$T/err" "annotate: $T/adir: "
check "a directory as input: says it is a directory" grep -qi "directory" "$T/err"
check "a directory as input: one message only" lines_are "$T/err" 1
check "a directory as input: the others are written" py ids "$T/out" good yesterday

run "$D/good.txt" "$D/binary.txt" "$D/yesterday.txt"
check "a binary file (NUL byte) exits 1" rc_is 1
check "a binary file: a message naming it" hasf "$T/err" "annotate: $D/binary.txt: "
check "a binary file: one message only" lines_are "$T/err" 1
check "a binary file: it is skipped, the others written" py ids "$T/out" good yesterday
check "a binary file: output valid" py lines "$T/out" 2

run -q "$D/good.txt" "$T/no-such-file.txt" "$T/adir" "$D/binary.txt" "$D/invalid_utf8.txt"
check "-q with unreadable inputs still exits 1" rc_is 1
check "-q silences every message (missing, directory, binary, invalid UTF-8)" empty "$T/err"
check "-q: the readable files are written" py ids "$T/out" good invalid_utf8
check "-q keeps the warnings entry in the output" sh -c 'tail -n 1 "$1" >"$1.last" &&
    "$2" "$3" warned "$1.last"' sh "$T/out" "$PY" "$T/check.py"

if [ "$(id -u)" != 0 ]; then
    cp "$D/good.txt" "$T/unreadable.txt"
    chmod 000 "$T/unreadable.txt"
    run "$T/unreadable.txt" "$D/yesterday.txt"
    check "an unreadable file exits 1" rc_is 1
    check "an unreadable file: Permission denied" \
        hasf "$T/err" "annotate: $T/unreadable.txt: Permission denied"
    check "an unreadable file: the others are written" py ids "$T/out" yesterday
fi

# ---- odd inputs ----------------------------------------------------------------------

run "$D/empty.txt"
check "an empty file exits 0" rc_is 0
check "an empty file: a valid object with empty lists" py empty "$T/out"
check "an empty file: exactly one line" lines_are "$T/out" 1
check "an empty file: nothing on stderr" empty "$T/err"

run --with-text "$D/invalid_utf8.txt"
check "invalid UTF-8 is annotated (exit 0)" rc_is 0
check "invalid UTF-8: valid JSON; text, chars and offsets as python decodes it" \
    py lines "$T/out" 1
check "invalid UTF-8: a warnings entry" py warned "$T/out"
check "invalid UTF-8: one warning on stderr" sh -c '[ "$(grep -vc "^==[0-9]*==" "$1")" -eq 1 ] &&
    grep -qF "annotate: $2: warning: " "$1"' sh "$T/err" "$D/invalid_utf8.txt"

run --with-text "$D/crlf_ctrl.txt"
check "control characters and CRLF: exit 0" rc_is 0
check "control characters and CRLF: valid JSON, every span's text at its offsets" \
    py lines "$T/out" 1
check "control characters and CRLF: nothing on stderr" empty "$T/err"

# Multi-byte and invalid sequences across the reader's chunk boundaries.
"$PY" - "$T/chunks.txt" <<'EOF'
import sys
# The reader takes 64 KiB at a time: put a euro sign, a truncated sequence
# (then ASCII) and a 4-byte emoji across the first three boundaries, each
# followed by names whose offsets must come out right.
out = bytearray(b"and so it went on. " * 10500)
for at, seq in ((65535, "\u20ac".encode()), (131071, b"\xe2\x82"), (196606, "\U0001F600".encode())):
    out[at:at] = seq + " in Kyiv and Paris. ".encode()
pre = "Paris \u00e9t\u00e9 \u2014 ".encode()
out[0:len(pre)] = pre
open(sys.argv[1], "wb").write(bytes(out))
EOF
run --with-text "$T/chunks.txt"
check "sequences across chunk boundaries: exit 0" rc_is 0
check "sequences across chunk boundaries: text, chars and offsets" py lines "$T/out" 1
check "sequences across chunk boundaries: a warnings entry (one bad sequence)" py warned "$T/out"
cp "$T/out" "$T/chunks.jsonl"
# A pipe has no size to go by: it is read in pieces, and must give the same.
rc=0
cat "$T/chunks.txt" | $TO $ANNOTATE --with-text - >"$T/out" 2>"$T/err" || rc=$?
check "a 210 KB text from a pipe: exit 0" rc_is 0
check "a 210 KB text from a pipe: annotated as from the file" \
    py same-but-source "$T/out" "$T/chunks.jsonl"
"$PY" - "$T/late_nul.txt" <<'EOF'
import sys
open(sys.argv[1], "wb").write(b"and so it went on. " * 10000 + b"\0 and on.")
EOF
run "$T/late_nul.txt" "$D/good.txt"
check "a NUL byte after 190 KB: exit 1" rc_is 1
check "a NUL byte after 190 KB: its offset in the message" \
    hasf "$T/err" "annotate: $T/late_nul.txt: binary file (NUL byte at offset 190000), skipped"
check "a NUL byte after 190 KB: the other file is written" py ids "$T/out" good

# ---- the corpus: JSON shape and offsets ------------------------------------------------

run $corpus
check "corpus: exit 0" rc_is 0
check "corpus: nothing on stderr" empty "$T/err"
cp "$T/out" "$T/corpus.jsonl"
check "corpus: one valid object per file, exact keys" py lines "$T/corpus.jsonl" "$ncorpus"
check "corpus: every span's text is the document's text[start:end]" py spans "$T/corpus.jsonl"
check "corpus: ids are the file names, in order" py ids "$T/corpus.jsonl" \
    $(for f in $corpus; do basename "$f" .txt; done)

run --pretty $corpus
check "--pretty: exit 0" rc_is 0
check "--pretty: a JSON stream of the same objects, indented" py pretty "$T/out" "$T/corpus.jsonl"

# ---- -o and --out-dir ----------------------------------------------------------------------

for _ in 1 2 3 4 5 6 7 8; do cat "$T/corpus.jsonl"; done >"$T/o.jsonl"   # longer: must be truncated
run -o "$T/o.jsonl" $corpus
check "-o FILE: exit 0" rc_is 0
check "-o FILE: nothing on stdout" empty "$T/out"
check "-o FILE: the file holds the output (truncated first)" same "$T/o.jsonl" "$T/corpus.jsonl"
run --output="$T/no-such-dir/o.jsonl" "$D/good.txt"
check "--output into a missing directory exits 2" rc_is 2
check "--output into a missing directory: 'annotate: PATH: reason'" \
    hasf "$T/err" "annotate: $T/no-such-dir/o.jsonl: No such file or directory"

run --out-dir "$T/dir" $corpus
check "--out-dir: exit 0" rc_is 0
check "--out-dir: nothing on stdout" empty "$T/out"
check "--out-dir: one ID.json per document" \
    sh -c '[ "$(ls -A "$1" | wc -l | tr -d " ")" -eq "$2" ]' sh "$T/dir" "$ncorpus"
i=0
for f in $corpus; do
    id=$(basename "$f" .txt)
    check "--out-dir: $id.json is that document's object" py doc-file "$T/dir/$id.json" "$T/corpus.jsonl" $i
    i=$((i + 1))
done
check "--out-dir: no temporary files (.ID.json.*) left" sh -c '! ls -A "$1" | grep -q "^\."' sh "$T/dir"
first=$(basename "${corpus%% *}" .txt)
echo '{"stale": true}' >"$T/dir/$first.json"
cp "$T/dir/$first.json" "$T/stale.json"
run --out-dir="$T/dir" $corpus
check "--out-dir again, without --force: exit 2" rc_is 2
check "--out-dir again, without --force: a message naming the file" \
    hasf "$T/err" "annotate: $T/dir/$first.json: file exists, not overwritten (--force replaces it)"
check "--out-dir again, without --force: the file is left as it was" same "$T/dir/$first.json" "$T/stale.json"
run --out-dir="$T/dir" --force $corpus "$T/no-such-file.txt"
check "--out-dir --force again, with a missing input: exit 1" rc_is 1
check "--out-dir --force again: the files are overwritten" py doc-file "$T/dir/$first.json" "$T/corpus.jsonl" 0
check "--out-dir again: still no temporary files" sh -c '! ls -A "$1" | grep -q "^\."' sh "$T/dir"
check "--out-dir again: still one file per document" \
    sh -c '[ "$(ls -A "$1" | wc -l | tr -d " ")" -eq "$2" ]' sh "$T/dir" "$ncorpus"

: >"$T/plainfile"
run --out-dir "$T/plainfile" "$D/good.txt"
check "--out-dir on a regular file exits 2" rc_is 2
check "--out-dir on a regular file: a message naming it" hasf "$T/err" "annotate: $T/plainfile: "
check "--out-dir on a regular file: nothing on stdout" empty "$T/out"
check "--out-dir on a regular file: the file is untouched" empty "$T/plainfile"

# ---- parallel ----------------------------------------------------------------------------

run -j 1 $corpus $corpus $corpus $corpus
cp "$T/out" "$T/j1.jsonl"
check "-j 1 on the corpus x4: exit 0" rc_is 0
check "-j 1 on the corpus x4: every object" py lines "$T/j1.jsonl" $((ncorpus * 4))
run -j 2 $corpus $corpus $corpus $corpus
check "-j 2 on the corpus x4: exit 0" rc_is 0
check "-j 2 output is byte-identical to -j 1" same "$T/out" "$T/j1.jsonl"
run --jobs=3 $corpus
check "--jobs=3 output is byte-identical to the default's" same "$T/out" "$T/corpus.jsonl"
run -j 2 "$D/good.txt" "$T/no-such-file.txt" "$D/binary.txt" "$D/yesterday.txt" "$D/empty.txt"
check "-j 2 with unreadable inputs exits 1" rc_is 1
check "-j 2 with unreadable inputs: the rest in input order" py ids "$T/out" good yesterday empty

# ---- --dct ------------------------------------------------------------------------------

run --dct 2024-03-01 "$D/yesterday.txt"
check "--dct on a document without a date: exit 0" rc_is 0
check "--dct: output valid" py lines "$T/out" 1
check "--dct 2024-03-01: 'Yesterday' (if found) is 2024-02-29" py dct "$T/out" 2024-02-29

# ---- a closed pipe ---------------------------------------------------------------------

{ $TO $ANNOTATE $corpus $corpus 2>"$T/err"; echo $? >"$T/pipe.rc"; } | head -c 100 >/dev/null
last="corpus x2 | head -c 100"; rc=$(cat "$T/pipe.rc")
check "a closed pipe: nothing on stderr" quiet_pipe "$T/err"
check "a closed pipe: ends (no hang), by SIGPIPE or exit 0" \
    sh -c '[ "$1" -eq 0 ] || [ "$1" -eq 141 ]' sh "$rc"
{ $TO $ANNOTATE -j 4 $corpus $corpus $corpus 2>"$T/err"; echo $? >"$T/pipe.rc"; } | head -n 1 >/dev/null
last="-j 4 corpus x3 | head -n 1"; rc=$(cat "$T/pipe.rc")
check "a closed pipe with -j 4: nothing on stderr" quiet_pipe "$T/err"
check "a closed pipe with -j 4: ends (no hang), by SIGPIPE or exit 0" \
    sh -c '[ "$1" -eq 0 ] || [ "$1" -eq 141 ]' sh "$rc"

# A thread keeps the name finder's state from one document to the next
# (ann_entities_reset): each document of a run reads as it does alone.
# The tagger's memo of one document left in it changed the next's names.
ONE="corpus/*.txt tests/data/formats/article.html tests/data/formats/byline.html tests/data/formats/newsml.xml tests/data/formats/tei.xml tests/data/formats/plain.html tests/data/pages/tabloid.html"
$ANNOTATE -j 1 $ONE > "$T/one.jsonl" 2>/dev/null
for f in $ONE; do $ANNOTATE -j 1 "$f"; done > "$T/each.jsonl" 2>/dev/null
check "one run of many documents: each reads as alone" cmp -s "$T/one.jsonl" "$T/each.jsonl"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
