#!/bin/sh
# make eval - score ./annotate on the seeds and on every development set in
# ../shared/dev, and print one table.  These are the sets the rules were
# written and the tagger trained beside: the figures show progress, not the
# accuracy on unseen news (the test splits are elsewhere).
#
#   EVAL_SETS="seeds conll polnear"  score only these (default: all)
#   EVAL_KEEP=DIR                    keep outputs and error lists in DIR
#   ANNOTATE=path                    the binary (default ./annotate)
#   TRAIN_TAGGER, TRAIN_SETS         with conll: also check that the trainer
#                                    on these sets gives the committed weights
#                                    (make eval passes make train's): a lexicon
#                                    edit changes the tagger's features
#   LOWERCASE_WORDS, WORD_SETS       likewise the list of meta/lowercase.txt
#
# Set names: seeds conll conll_train polnear polnear_train timebank aquaint web
# (conll_train and polnear_train are training data: scored only when named).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
shared=${SHARED:-$top/../shared}
bin=${ANNOTATE:-./annotate}
sets=${EVAL_SETS:-seeds conll polnear timebank aquaint web}
if [ ! -d "$shared/dev" ]; then
    echo "eval: no development sets at $shared/dev" >&2
    exit 2
fi
out=${EVAL_KEEP:-}
if [ -n "$out" ]; then mkdir -p "$out"; else
    out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
fi
score="python3 $shared/eval/score.py"
dev=$shared/dev

# run SET: annotate one set into $out/SET.jsonl and score it into $out/SET.score
run_docs() {   # run_docs NAME DIR GOLD ARGS...
    name=$1; dir=$2; gold=$3; shift 3
    "$bin" "$dir"/docs/*.txt >"$out/$name.jsonl" 2>"$out/$name.stderr"
    $score --json "$gold" "$out/$name.jsonl" "$@" --errors "$out/$name.errors.jsonl" >"$out/$name.score"
}
run_dated() {  # run_dated NAME DIR: each document with its own creation time
    name=$1; dir=$2
    while IFS="$(printf '\t')" read -r id dct; do
        "$bin" --dct "$dct" "$dir/docs/$id.txt"
    done <"$dir/dct.tsv" >"$out/$name.jsonl" 2>"$out/$name.stderr"
    $score --json "$dir/gold.jsonl" "$out/$name.jsonl" --only dates \
        --errors "$out/$name.errors.jsonl" >"$out/$name.score"
}

for s in $sets; do
    case $s in
    seeds) "$bin" "$shared"/seeds/*.txt >"$out/seeds.jsonl" 2>"$out/seeds.stderr"
           $score --json "$shared/gold/seeds.jsonl" "$out/seeds.jsonl" \
               --errors "$out/seeds.errors.jsonl" >"$out/seeds.score" ;;
    conll) run_docs conll "$dev/conll2003_dev" "$dev/conll2003_dev/gold.jsonl" --scheme conll ;;
    conll_train) run_docs conll_train "$dev/conll2003_train" "$dev/conll2003_train/gold.jsonl" --scheme conll ;;
    polnear) run_docs polnear "$dev/polnear_dev" "$dev/polnear_dev/gold.jsonl" --only claims ;;
    polnear_train) run_docs polnear_train "$dev/polnear_train" "$dev/polnear_train/gold.jsonl" --only claims ;;
    timebank) run_dated timebank "$dev/timebank" ;;
    aquaint) run_dated aquaint "$dev/aquaint" ;;
    web) "$bin" --with-text "$dev"/webpages/pages/* >"$out/web.jsonl" 2>"$out/web.stderr"
         python3 "$shared/eval/score_pages.py" --json "$dev/webpages/evaldata.json" \
             "$out/web.jsonl" >"$out/web.score" ;;
    *) echo "eval: unknown set $s" >&2; exit 2 ;;
    esac
done

python3 - "$out" $sets <<'PY'
import json, os, sys
out, sets = sys.argv[1], sys.argv[2:]
def load(name):
    try:
        return json.load(open(os.path.join(out, name + ".score")))
    except (OSError, ValueError):
        return None
def g(d, path):
    for k in path.split("."):
        d = d.get(k) if isinstance(d, dict) else None
    return d
def f(v):
    return f"{v:.3f}" if isinstance(v, (int, float)) else "  -  "
rows = []
for s in sets:
    d = load(s)
    if d is None:
        rows.append((s, "no score (see the set's stderr)", []))
        continue
    if s == "seeds":
        rows.append((s, "actors strict / linking", [g(d, "actors.strict.f1"), g(d, "actors.linking.f1")]))
        rows.append((s, "places / sources strict", [g(d, "places.strict.f1"), g(d, "sources.strict.f1")]))
        rows.append((s, "dates relaxed / value", [g(d, "dates.relaxed.f1"), g(d, "dates.value.f1")]))
        rows.append((s, "claims content / attribution", [g(d, "claims.content.f1"), g(d, "claims.attribution.f1")]))
        rows.append((s, "doc title / authors / published", [g(d, "doc.title"), g(d, "doc.authors.f1"), g(d, "doc.published")]))
    elif s.startswith("conll"):
        rows.append((s, "entities strict P / R / F1", [g(d, "entities.strict.p"), g(d, "entities.strict.r"), g(d, "entities.strict.f1")]))
        rows.append((s, "PER / ORG / LOC F1", [g(d, f"entities.by_type.{t}.f1") for t in ("PER", "ORG", "LOC")]))
        rows.append((s, "ORG P / R", [g(d, "entities.by_type.ORG.p"), g(d, "entities.by_type.ORG.r")]))
    elif s.startswith("polnear"):
        rows.append((s, "claims content P / R / F1", [g(d, "claims.content.p"), g(d, "claims.content.r"), g(d, "claims.content.f1")]))
        rows.append((s, "attribution F1 / speaker acc", [g(d, "claims.attribution.f1"), g(d, "claims.speaker_acc")]))
    elif s in ("timebank", "aquaint"):
        rows.append((s, "dates strict / relaxed / value F1", [g(d, "dates.strict.f1"), g(d, "dates.relaxed.f1"), g(d, "dates.value.f1")]))
    elif s == "web":
        rows.append((s, "text P / R / F1", [g(d, "text.precision"), g(d, "text.recall"), g(d, "text.f1")]))
        rows.append((s, "title / authors / date", [g(d, "meta.title"), g(d, "meta.authors"), g(d, "meta.published")]))
print("make eval: development sets (not the unseen test splits)")
print(f"  {'set':14} {'measure':34} figures")
for s, label, vals in rows:
    print(f"  {s:14} {label:34} {'  '.join(f(v) for v in vals)}")
PY

# The committed weights must be what make train gives on today's lists and
# features (same data, same bytes).
case " $sets " in *" conll "*)
    if [ -n "${TRAIN_TAGGER:-}" ] && [ -n "${TRAIN_SETS:-}" ]; then
        # shellcheck disable=SC2086 (TRAIN_SETS is a list of paths)
        if "$TRAIN_TAGGER" -o "$out/weights.tsv" ${TRAIN_SETS:-} 2>"$out/train.stderr" &&
           cmp -s "$out/weights.tsv" src/rules/tagger/weights.tsv; then
            echo "  tagger weights: make train gives the committed bytes"
        else
            echo "  tagger weights: STALE: make train gives other weights (lists or features changed)"
        fi
    fi
    if [ -n "${LOWERCASE_WORDS:-}" ] && [ -n "${WORD_SETS:-}" ]; then
        # shellcheck disable=SC2086 (WORD_SETS is a list of paths)
        if "$LOWERCASE_WORDS" -o "$out/lowercase.txt" $WORD_SETS 2>"$out/words.stderr" &&
           cmp -s "$out/lowercase.txt" src/rules/meta/lowercase.txt; then
            echo "  lower-case words: make train gives the committed list"
        else
            echo "  lower-case words: STALE: make train gives another meta/lowercase.txt"
        fi
    fi ;;
esac
