#!/bin/sh
# shellcheck disable=SC2016,SC2046,SC2086  # ANNOTATE and file lists split on purpose; sh -c scripts
# tests/cli/write_failures.sh - annotate when its output cannot be written:
# a full device (-o /dev/full, > /dev/full), an output file or --out-dir it
# cannot create, a document file it cannot rename into place, and a reader
# that goes away (closed pipe).  Each must end with one clear message and
# exit status 2 (or quietly, for the pipe), never with a crash.
#
#   ANNOTATE="<command>" sh tests/cli/write_failures.sh   (from the repository top)
#
# ANNOTATE may be several words, so it is used unquoted.  Ends with
# "N passed, N failed"; exits 1 if anything failed.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
: "${ANNOTATE:=$top/annotate}"
D=tests/data/cli
T=$(mktemp -d "${TMPDIR:-/tmp}/annotate-wf.XXXXXX") || exit 1
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT
. "$top/tests/cli/lib/common.sh"
trap 'exit 130' INT TERM
corpus=$(echo corpus/*.txt)

# run_to FILE ARGS...: the same with standard output going to FILE.
run_to() {
    to=$1; shift
    last="$* > $to"; rc=0
    $TO $ANNOTATE "$@" >"$to" 2>"$T/err" || rc=$?
}


rc_is() { [ "$rc" -eq "$1" ]; }
failed_cleanly() { [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ]; }   # no signal, no crash
empty() { [ ! -s "$1" ]; }
# Standard error without valgrind's lines (==PID==): when a write error ends
# the run with worker threads alive, valgrind reports their thread-local
# blocks as "possibly lost"; real leaks change the exit status (99).
messages() { grep -v '^==[0-9]*==' "$1"; }
one_line() { [ "$(messages "$1" | wc -l | tr -d ' ')" -eq 1 ]; }
# one_message FILE NAME: exactly one message, "annotate: NAME: ..."
one_message() { one_line "$1" && messages "$1" | grep -qF "annotate: $2: "; }
# enospc FILE NAME: exactly "annotate: NAME: write error: No space left on device"
enospc() {
    one_line "$1" && [ "$(messages "$1")" = "annotate: $2: write error: No space left on device" ]
}

# ---- a full device ---------------------------------------------------------------

if [ -w /dev/full ]; then
    for args in "-o /dev/full $D/empty.txt" "--output=/dev/full $corpus" \
                "-j 4 -o /dev/full $corpus $corpus $corpus" "--pretty -o /dev/full $corpus" \
                "--line-buffered -j 2 -o /dev/full $corpus"; do
        run $args
        check "$args: fails without a crash" failed_cleanly
        check "$args: exit status 2" rc_is 2
        check "$args: exactly one 'write error' message" enospc "$T/err" /dev/full
    done
    for args in "$D/empty.txt" "$corpus" "-j 4 $corpus $corpus $corpus" "-j 1 --pretty $corpus"; do
        run_to /dev/full $args
        check "$args > /dev/full: fails without a crash" failed_cleanly
        check "$args > /dev/full: exit status 2" rc_is 2
        check "$args > /dev/full: exactly one 'write error' message" enospc "$T/err" "standard output"
    done
    # A missing input and a full device: the output failure decides.
    run_to /dev/full "$D/good.txt" "$T/no-such-file.txt"
    check "missing input > /dev/full: fails without a crash" failed_cleanly
    check "missing input > /dev/full: the write error is reported" \
        hasf "$T/err" "annotate: standard output: write error: No space left on device"
else
    echo "note: /dev/full is not writable here; its checks are skipped"
fi

# ---- output files that cannot be created -------------------------------------------

run -o "$T" "$D/good.txt"
check "-o DIRECTORY fails without a crash" failed_cleanly
check "-o DIRECTORY: exit status 2" rc_is 2
check "-o DIRECTORY: one message naming it" \
    one_message "$T/err" "$T"
check "-o DIRECTORY: nothing on stdout" empty "$T/out"

: >"$T/afile"
if [ "$(id -u)" = 0 ]; then
    # Permissions do not stop root: use a path beneath a regular file.
    outdir="$T/afile/sub"
else
    mkdir "$T/ro"
    chmod 0500 "$T/ro"
    outdir="$T/ro"
fi
run --out-dir "$outdir" "$D/good.txt" "$D/yesterday.txt"
check "an unwritable --out-dir fails without a crash" failed_cleanly
check "an unwritable --out-dir: exit status 2" rc_is 2
check "an unwritable --out-dir: one message naming it" \
    one_message "$T/err" "$outdir"
check "an unwritable --out-dir: nothing on stdout" empty "$T/out"
if [ "$(id -u)" != 0 ]; then
    check "an unwritable --out-dir: nothing written into it" \
        sh -c '[ -z "$(ls -A "$1")" ]' sh "$outdir"
fi

run --out-dir "$T/afile/sub/deeper" "$D/good.txt"
check "--out-dir beneath a regular file: exit status 2" rc_is 2
check "--out-dir beneath a regular file: one message" one_line "$T/err"

# A document whose ID.json cannot be put in place (a directory holds the
# name): a message for it, the others still written, no temporary left.
mkdir -p "$T/od/good.json"
run --out-dir "$T/od" "$D/good.txt" "$D/yesterday.txt" "$D/empty.txt"
check "--out-dir, ID.json blocked: fails without a crash" failed_cleanly
check "--out-dir, ID.json blocked: exit status 2" rc_is 2
check "--out-dir, ID.json blocked: one message naming the file" \
    one_message "$T/err" "$T/od/good.json"
check "--out-dir, ID.json blocked: the other documents are written" \
    sh -c '[ -s "$1/yesterday.json" ] && [ -s "$1/empty.json" ]' sh "$T/od"
check "--out-dir, ID.json blocked: no temporary file left" \
    sh -c '[ -z "$(ls -A "$1" | grep "^\.")" ]' sh "$T/od"
check "--out-dir, ID.json blocked: the directory in the way is untouched" \
    sh -c '[ -d "$1/good.json" ] && [ -z "$(ls -A "$1/good.json")" ]' sh "$T/od"

# ---- a closed pipe ---------------------------------------------------------------------

for args in "$corpus $corpus" "-j 4 $corpus $corpus $corpus" "--pretty -j 1 $corpus $corpus"; do
    { $TO $ANNOTATE $args 2>"$T/err"; echo $? >"$T/pipe.rc"; } | head -c 100 >/dev/null
    rc=$(cat "$T/pipe.rc"); last="$args | head -c 100"
    check "$args | head -c 100: nothing on stderr" quiet_pipe "$T/err"
    check "$args | head -c 100: ends quietly (exit 0 or SIGPIPE), no hang" \
        sh -c '[ "$1" -eq 0 ] || [ "$1" -eq 141 ]' sh "$rc"
done
{ $TO $ANNOTATE $corpus 2>"$T/err"; echo $? >"$T/pipe.rc"; } | true
rc=$(cat "$T/pipe.rc"); last="corpus | true"
check "a pipe closed before any read: nothing on stderr" quiet_pipe "$T/err"
check "a pipe closed before any read: ends quietly" sh -c '[ "$1" -eq 0 ] || [ "$1" -eq 141 ]' sh "$rc"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
