# tests/cli/lib/common.sh - what the command-line test scripts share:
# counters, a check that reports what failed, and runs of annotate with
# their output in $T.  Sourced after T (a scratch directory) and ANNOTATE
# (a command of one or more words, used unquoted) are set.
# shellcheck shell=sh disable=SC2086

if command -v timeout >/dev/null 2>&1; then TO="timeout 120"; else TO=; fi

passed=0
failed=0
last=
rc=0

# check NAME CMD...: run CMD (a test), count it, and say what failed.
check() {
    name=$1; shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name"
        echo "      after: annotate $last (exit $rc)"
        if [ -s "$T/err" ]; then sed -n '1,5s/^/      stderr: /p' "$T/err"; fi
    fi
}

# has FILE TEXT (a basic regexp), hasf FILE TEXT (a fixed string), hasnt
# FILE TEXT: whether FILE holds TEXT.
has() { grep -q -- "$2" "$1"; }
hasf() { grep -qF -- "$2" "$1"; }
hasnt() { ! grep -q -- "$2" "$1"; }

# ok, fail WHY: count a result checked by hand.
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# run ARGS...: run annotate; stdout in $T/out, stderr in $T/err, status in $rc.
run() {
    last="$*"
    rc=0
    $TO $ANNOTATE "$@" >"$T/out" 2>"$T/err" || rc=$?
}

# quiet_pipe FILE: the stderr of a run killed by SIGPIPE holds no message.
# Under valgrind, a process that dies by a signal with worker threads alive
# gets their thread-local blocks reported as "possibly lost"; those lines
# (==PID==) are not messages, but real memory errors still fail.
quiet_pipe() {
    ! grep -v '^==[0-9]*==' "$1" | grep -q . &&
        ! grep -Eq 'definitely lost|indirectly lost|Invalid (read|write|free)|uninitialised|Mismatched free|Process terminating with default action of signal (4|6|7|8|11) ' "$1"
}
