/*
 * rules.h - the rule engine: lexicons (TSV) and token patterns (spaCy
 * EntityRuler/Matcher JSONL) loaded from data, indexed, and matched against
 * a window of tokens.
 *
 * Lexicon TSV, one entry a line, '#' starts a comment line:
 *     surface <TAB> kind <TAB> type <TAB> id [<TAB> attrs]
 *   surface  the form as written, case-sensitive ("U.S.", "Türkiye"); it is
 *            tokenized with the document tokenizer, so multi-token entries work
 *   kind     actor | place | source | title | given | demonym | nonname | ...
 *            (free text: the annotators decide what a kind means)
 *   type     person | organization | country | place | outlet | platform | role | -
 *   id       canonical id slug, or "-" (then the slug of the surface)
 *   attrs    optional "key=value;key=value" (country=ua; role=President ...)
 * An entry also matches the same words written in capitals (headlines:
 * "UKRAINE REPORT").
 *
 * Pattern JSONL, one object a line, as spaCy writes them, plus optional
 * "kind"/"type"/"attrs" keys:
 *     {"label": "person", "pattern": [{"LOWER": "president"}, {"IS_TITLE": true, "OP": "+"}]}
 * Token attributes: ORTH, LOWER, TEXT, IS_TITLE, IS_UPPER, IS_LOWER, IS_DIGIT,
 * IS_PUNCT, IS_ALPHA, IS_SENT_START, SHAPE, LENGTH, and the operators IN,
 * NOT_IN, REGEX (PCRE2 with JIT), ==, >=, <=, >, <, != on LENGTH; OP ? * + ! and
 * {n}, {n,m}.  The label doubles as the type; the kind is derived from it
 * (person/organization/country -> actor, place -> place, outlet/platform ->
 * source) unless given.  "id" as in EntityRuler.
 */
#ifndef ANN_RULES_H
#define ANN_RULES_H

#include <stddef.h>
#include "tokenizer.h"

typedef struct ann_rules ann_rules;

typedef struct ann_match {
    size_t first, last;    /* token indexes, half-open */
    const char *kind;      /* owned by the rules; valid while they live */
    const char *type;
    const char *id;        /* "" when the entry has none */
    const char *attrs;     /* "" when none */
    const char *surface;   /* the entry's surface form ("" for patterns) */
    int pattern;           /* 1: from a pattern, 0: from a lexicon */
} ann_match;

typedef struct ann_matches {
    ann_match *v;
    size_t n, cap;
} ann_matches;

/* abbrevs: the engine's (lexicon surfaces are tokenized as documents are),
 * not owned; NULL for the built-in ones. */
ann_rules *ann_rules_new(const ann_abbrevs *abbrevs);
void ann_rules_free(ann_rules *r);

/* Load one lexicon (TSV) or pattern (JSONL) file; the engine decides which
 * by its place in the rules tree.  On error returns -1 and writes
 * "PATH:LINE: reason" into err. */
struct ann_rule_src;
int ann_rules_load_lexicon(ann_rules *r, const struct ann_rule_src *src,
                           char *err, size_t errlen);
int ann_rules_load_patterns(ann_rules *r, const struct ann_rule_src *src,
                            char *err, size_t errlen);
/* Is a lone file (`--rules FILE`) a pattern file?  By its extension
 * (.tsv, .jsonl, .ndjson), else by its first rule line. */
int ann_rules_is_patterns(const char *name, const char *data, size_t len);
/* A lexicon or pattern file in memory, told apart as above. */
int ann_rules_load_buffer(ann_rules *r, const char *name, const char *data,
                          size_t len, char *err, size_t errlen);

/* All matches in toks[0..n): every lexicon entry and pattern that matches at
 * every position (overlapping ones included), appended to out in order of
 * first token, longest first.  Thread-safe on a loaded rule set. */
void ann_rules_match(const ann_rules *r, const char *text,
                     const ann_token *toks, size_t n, ann_matches *out);

/* Keep only non-overlapping matches, leftmost-longest first, among those
 * whose kind is in kinds (NULL-terminated list; NULL = all kinds). */
void ann_matches_select(ann_matches *m, const char *const *kinds);

/* Look a whole surface string up in the lexicons (exact, else in capitals
 * as for tokens): the first entry of that kind (NULL = any).  Fills *out
 * (first/last are 0 and the token count) and returns 1, or returns 0. */
int ann_rules_lookup(const ann_rules *r, const char *s, size_t len,
                     const char *kind, ann_match *out);

/* Value of key in an attrs string "k=v;k2=v2" copied into out; 0 if absent. */
int ann_attr(const char *attrs, const char *key, char *out, size_t outlen);

size_t ann_rules_count(const ann_rules *r);   /* entries + patterns loaded */
void ann_matches_free(ann_matches *m);

#endif
