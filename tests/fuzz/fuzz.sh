#!/bin/sh
# shellcheck disable=SC2046,SC2086  # flag and file lists split on purpose
# fuzz.sh - build the libFuzzer targets with clang (ASan + UBSan) and run
# each for FUZZ_SECONDS (make fuzz).
#
# Targets (bodies in tests/fuzz/targets.h): tokenizer, html, xml, jsonl,
# rules, dates (the whole pipeline, date normalizer included, and writers).
# Each starts from a seed corpus (corpus/, tests/data/, a few inputs made
# here) plus what earlier runs found (build/fuzz/corpus/NAME, kept).
# Before fuzzing, every saved regression input tests/data/regress/NAME/* is
# replayed.  A crash, leak, timeout or sanitizer report is written to
# tests/data/regress/NAME/ (crash-..., leak-..., timeout-...), where
# tests/test_limits.c replays it in make check from then on.
#
# Environment:
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets (default: all six)
#   FUZZ_JOBS      targets run at the same time (default 1)
#   FUZZ_MAX_LEN   largest input in bytes (default 65536, 20000 for dates)
#   FUZZ_TIMEOUT   seconds one input may take before it counts as a hang (default 10)
#   FUZZ_DIR       build and corpus directory (default build/fuzz)
#   FUZZ_CFLAGS    more compiler flags (e.g. -fno-sanitize=pointer-overflow)
#   CLANG          the compiler (default clang)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2

SECS=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-tokenizer html xml jsonl rules dates}
JOBS=${FUZZ_JOBS:-1}
MAXLEN=${FUZZ_MAX_LEN:-65536}
TIMEOUT=${FUZZ_TIMEOUT:-10}
DIR=${FUZZ_DIR:-build/fuzz}
CLANG=${CLANG:-clang}
PKGS="libxml-2.0 libpcre2-8 libcjson"
REGRESS=tests/data/regress

die() { echo "fuzz: $*" >&2; exit 2; }

command -v "$CLANG" >/dev/null 2>&1 || die "$CLANG not found (apt-get install clang)"
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { (void)d; (void)n; return 0; }\n' \
    > "$probe/p.c"
if ! "$CLANG" -fsanitize=fuzzer -o "$probe/p" "$probe/p.c" 2>/dev/null; then
    die "clang cannot link libFuzzer (apt-get install libclang-rt-14-dev, or the package for your clang version)"
fi

# ---- build ---------------------------------------------------------------------
make --no-print-directory build/rules_data.c build/tagger_data.c build/rules_compiled.c >/dev/null ||
    die "cannot generate build/rules_data.c, build/tagger_data.c and build/rules_compiled.c"
mkdir -p "$DIR/obj" || die "cannot create $DIR"
CFLAGS="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Isrc $(pkg-config --cflags $PKGS) \
 -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all ${FUZZ_CFLAGS:-}"
LIBS="$(pkg-config --libs $PKGS) -lpthread -lm"
# objects built with other flags are rebuilt
printf '%s\n' "$CLANG $CFLAGS" > "$DIR/flags.new"
if ! cmp -s "$DIR/flags.new" "$DIR/flags"; then
    rm -f "$DIR"/obj/*.o
    mv "$DIR/flags.new" "$DIR/flags"
fi
rm -f "$DIR/flags.new"
newest_h=$(ls -t include/*.h src/*.h | head -n 1)
srcs=
for s in src/*.c build/rules_data.c build/tagger_data.c build/rules_compiled.c; do
    case $s in src/main.c) continue ;; esac
    o=$DIR/obj/$(basename "$s" .c).o
    if [ ! -f "$o" ] || [ -n "$(find "$s" "$newest_h" -newer "$o")" ]; then
        srcs="$srcs $s"
    fi
done
# stale objects of source files that are gone
for o in "$DIR"/obj/*.o; do
    [ -f "$o" ] || continue
    b=$(basename "$o" .o)
    [ -f "src/$b.c" ] || [ "$b" = rules_data ] || [ "$b" = tagger_data ] || [ "$b" = rules_compiled ] ||
        rm -f "$o"
done
if [ -n "$srcs" ]; then
    echo "fuzz: compiling$srcs" | fold -s -w 100 >&2
    # shellcheck disable=SC2086
    printf '%s\n' $srcs | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} sh -c \
        'o="$1/obj/$(basename "$2" .c).o"; '"$CLANG"' '"$CFLAGS"' -fsanitize=fuzzer-no-link -Wno-overlength-strings -c -o "$o.tmp" "$2" && mv "$o.tmp" "$o"' \
        sh "$DIR" {} || die "compilation failed"
fi
for t in $TARGETS; do
    case $t in dates) engine=-DFZ_ENGINE ;; *) engine= ;; esac
    # shellcheck disable=SC2086
    $CLANG $CFLAGS -fsanitize=fuzzer -Wno-unused-function -Itests/fuzz -DFZ_TARGET="fz_$t" $engine \
        -o "$DIR/fuzz_$t" tests/fuzz/fuzz_target.c "$DIR"/obj/*.o $LIBS || die "cannot link fuzz_$t"
done

# ---- seeds -------------------------------------------------------------------------
seeds=$DIR/seeds
rm -rf "$seeds"
for t in $TARGETS; do mkdir -p "$seeds/$t" "$DIR/corpus/$t" "$REGRESS/$t"; done
put() {   # put TARGET NAME TEXT: a seed made here
    [ -d "$seeds/$1" ] && printf '%s' "$3" > "$seeds/$1/$2"
}
copy() {  # copy TARGET FILE...
    t=$1; shift
    [ -d "$seeds/$t" ] || return 0
    for f in "$@"; do [ -f "$f" ] && cp "$f" "$seeds/$t/$(echo "$f" | tr / _)"; done
    return 0
}
copy tokenizer corpus/*.txt tests/data/cli/*.txt
copy dates corpus/*.txt tests/data/cli/*.txt tests/data/dates/*
# shellcheck disable=SC1112  # the typographic quotes are the point
put tokenizer marks '"Quote" “open ‘single’ don'\''t O'\''Brien Zelensky'\''s U.S. Feb. R. Smith — – - --- ... … **bold** [link](#) # Head
> quote 1,000.5 3.5% e-mail@x.org globalresearch.ca KyslytsyaThe Interfax-Ukraine'
put dates phrases 'On Monday, April 15, 2024, two weeks ago, last year, in the spring of 2022, on 12/03/2021 at 10:30 a.m., every Tuesday, for three months, the 1990s, mid-March, yesterday.
"We will win," Zelensky said. Putin told TASS that “peace is near”. According to Reuters, talks resumed.'
copy html tests/data/formats/*.html tests/data/formats/*.htm
put html meta '<!DOCTYPE html><html><head><title>T</title><meta name="author" content="A B"><meta property="article:published_time" content="2024-04-19T10:00:00Z"><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-04-19","author":{"name":"C D"}}</script></head><body><article><h1>Head</h1><p>Text &amp; more<br>line</p><pre> pre  text </pre></article></body></html>'
copy xml tests/data/formats/*.xml
put xml entity '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x&#x201C;"><!ENTITY f "&e;&e;">]><rss version="2.0"><channel><item><title>T &f;</title><pubDate>Fri, 19 Apr 2024 10:00:00 GMT</pubDate><description><![CDATA[<p>text</p>]]></description></item></channel></rss>'
copy jsonl tests/data/formats/*.jsonl
put jsonl lines '{"id":"a","text":"Putin said \"no\" on April 1, 2024.","published":"2024-04-02","title":"T"}
{"id":"b","text":"x\u201cy\ud83d\ude00"}
not json
{"text":5}'
if [ -d "$seeds/rules" ]; then
    # the first byte picks the format: x .tsv, y .jsonl, z sniffed
    for f in tests/data/rules/* src/rules/lexicon/*.tsv src/rules/patterns/*.jsonl; do
        [ -f "$f" ] || continue
        case $f in *.tsv) p=x ;; *.jsonl) p=y ;; *) p=z ;; esac
        { printf '%s' "$p"; head -n 40 "$f"; } > "$seeds/rules/$(echo "$f" | tr / _)"
    done
    put rules catastrophic 'y{"label":"x","pattern":[{"TEXT":{"REGEX":"^(a+)+$"}}]}'
    put rules ops 'y{"label":"person","pattern":[{"LOWER":"president"},{"IS_TITLE":true,"OP":"+"},{"LENGTH":{">=":2},"OP":"{1,3}"},{"LOWER":{"IN":["said","told"]}}],"id":"p"}'
fi

# ---- run -------------------------------------------------------------------------
dict_for() {
    case $1 in html|xml) echo tests/fuzz/markup.dict ;; dates|tokenizer) echo tests/fuzz/dates.dict ;;
               rules) echo tests/fuzz/rules.dict ;; *) echo ;; esac
}

# run_one TARGET: replay the regressions, then fuzz; the summary line goes
# to DIR/TARGET.result
run_one() {
    t=$1
    bin=$DIR/fuzz_$t
    log=$DIR/$t.log
    res=$DIR/$t.result
    : > "$log.regress"
    # Replay the saved inputs one by one: those that pass seed the run,
    # those that still fail are named (and left out, or the run would stop
    # on them at once).
    regs=0 still=
    for f in "$REGRESS/$t"/*; do
        [ -f "$f" ] || continue
        regs=$((regs + 1))
        if "$bin" -timeout="$TIMEOUT" -rss_limit_mb=2048 "$f" >> "$log.regress" 2>&1; then
            cp "$f" "$seeds/$t/regress_$(basename "$f")"
        else
            still="$still $(basename "$f")"
        fi
    done
    before=$(ls "$REGRESS/$t" | wc -l)
    dict=$(dict_for "$t")
    maxlen=$MAXLEN
    [ "$t" = dates ] && [ -z "${FUZZ_MAX_LEN:-}" ] && maxlen=20000   # the pipeline is slower
    "$bin" -max_total_time="$SECS" -timeout="$TIMEOUT" -rss_limit_mb=2048 -max_len="$maxlen" \
        -print_final_stats=1 -artifact_prefix="$REGRESS/$t/" ${dict:+-dict="$dict"} \
        "$DIR/corpus/$t" "$seeds/$t" > "$log" 2>&1
    rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    after=$(ls "$REGRESS/$t" | wc -l)
    if [ "$rc" -eq 0 ] && [ "$after" -eq "$before" ]; then
        echo "$t: ok, ${execs:-?} inputs in ${SECS}s, $cov, $regs saved inputs replayed" > "$res"
    elif [ "$after" -eq "$before" ]; then
        echo "$t: FAILED to run (exit $rc), no input saved - see $log" > "$res"
        grep -m 1 -E '^fuzz:|ERROR' "$log" >> "$res"
    else
        new=$(ls -t "$REGRESS/$t" | head -n $((after - before > 0 ? after - before : 1)) | tr '\n' ' ')
        echo "$t: FOUND (exit $rc) after ${execs:-?} inputs: $REGRESS/$t/$new- see $log" > "$res"
        grep -m 1 -E 'ERROR:|runtime error|invariant broken|Timeout|out-of-memory' "$log" >> "$res"
    fi
    if [ -n "$still" ]; then
        echo "$t: REGRESSION: saved inputs that still fail (see $log.regress):$still" >> "$res"
    fi
}

echo "fuzz: running $(echo $TARGETS | wc -w) targets for ${SECS}s each, $JOBS at a time" >&2
running=0
for t in $TARGETS; do
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
        wait
        running=0
    fi
done
wait

status=0
for t in $TARGETS; do
    cat "$DIR/$t.result"
    grep -q -v "^$t: ok" "$DIR/$t.result" && status=1
done
exit $status
