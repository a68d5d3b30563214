/*
 * pattern.h - private to the rule engine: token patterns in the JSONL
 * format of spaCy's EntityRuler/Matcher (see rules.h), compiled once and
 * matched by a small NFA simulation that yields the longest match.
 */
#ifndef ANN_PATTERN_H
#define ANN_PATTERN_H

#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"
#include "rules.h"
#include "tokenizer.h"

typedef struct ann_patterns ann_patterns;

/* What one matching thread needs for itself; zero-initialize, free with
 * ann_pat_scratch_free.  Keeps ann_patterns_match_at free of shared state. */
typedef struct ann_pat_scratch {
    void *md;              /* pcre2_match_data, created on first regex */
    unsigned char *cur, *nxt, *val;   /* reach sets and cached token tests */
    uint32_t *stamp;       /* val[q] holds for the evaluation gen */
    uint32_t gen;
    size_t cap;
    char *buf;             /* a token's lowercase or shape form */
    size_t bufcap;
} ann_pat_scratch;

ann_patterns *ann_patterns_new(ann_strpool *pool, const ann_abbrevs *abbrevs);
void ann_patterns_free(ann_patterns *ps);
size_t ann_patterns_count(const ann_patterns *ps);
/* Add one JSONL line; -1 with "NAME:LINE: reason" in err if malformed. */
int ann_patterns_add_line(ann_patterns *ps, const char *line, size_t len,
                          const char *name, size_t lineno,
                          char *err, size_t errlen);
/* Append the longest match of every pattern that matches at token i. */
void ann_patterns_match_at(const ann_patterns *ps, const char *text,
                           const ann_token *toks, size_t n, size_t i,
                           ann_pat_scratch *sc, ann_matches *out);
void ann_pat_scratch_free(ann_pat_scratch *sc);

#endif
