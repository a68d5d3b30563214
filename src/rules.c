/*
 * rules.c - the rule engine's front for lexicons and patterns: their
 * loaders (fed file by file by engine.c), matching every rule at every
 * token of a window, and the helpers annotators use on the results.
 *
 * The rule set is written only while loading; ann_rules_match keeps its
 * scratch on the caller's stack, so worker threads share one rule set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "image.h"
#include "lexicon.h"
#include "pattern.h"
#include "rulefile.h"
#include "rules.h"

struct ann_rules {
    ann_strpool pool;          /* every string a match points to */
    ann_lexicon *lex;
    ann_patterns *pat;
};

ann_rules *ann_rules_new(const ann_abbrevs *abbrevs)
{
    ann_rules *r = ann_xcalloc(1, sizeof *r);
    r->lex = ann_lexicon_new(&r->pool, abbrevs);
    r->pat = ann_patterns_new(&r->pool, abbrevs);
    return r;
}

void ann_rules_free(ann_rules *r)
{
    if (!r)
        return;
    ann_lexicon_free(r->lex);
    ann_patterns_free(r->pat);
    ann_strpool_free(&r->pool);
    free(r);
}

size_t ann_rules_count(const ann_rules *r)
{
    return ann_lexicon_count(r->lex) + ann_patterns_count(r->pat);
}

/* ------------------------------------------------------------------ */
/* compiled tables (image.h): the pool's bytes and the lexicon; a rule
 * set with patterns (none is built in) is loaded at run time, for their
 * regexes. */

typedef struct rules_image {
    uint64_t bytes, len, lex;
} rules_image;

uint64_t ann_rules_save(const ann_rules *r, ann_img *im)
{
    if (ann_patterns_count(r->pat) > 0)
        return 0;
    rules_image h = {ann_img_put(im, r->pool.bytes, r->pool.len, 8), r->pool.len,
                     ann_lexicon_save(r->lex, im)};
    return ann_img_put(im, &h, sizeof h, 8);
}

ann_rules *ann_rules_attach(const ann_image *im, uint64_t root, const ann_abbrevs *abbrevs)
{
    const rules_image *h = ann_img_at(im, root);
    ann_rules *r = ann_xcalloc(1, sizeof *r);
    r->pool.bytes = (char *)ann_img_at(im, h->bytes);   /* capbytes 0: not owned */
    r->pool.len = (size_t)h->len;
    r->lex = ann_lexicon_attach(im, h->lex, &r->pool, abbrevs);
    r->pat = ann_patterns_new(&r->pool, abbrevs);
    return r;
}

/* ------------------------------------------------------------------ */
/* loading: the engine (engine.c) hands each file to the loader of its
 * kind; these take the lines of one file through the one line reader. */

static int lex_line(void *ctx, const char *line, size_t len, const char *name,
                    size_t lineno, char *err, size_t errlen)
{
    ann_rules *r = ctx;
    return ann_lexicon_add_line(r->lex, line, len, name, lineno, err, errlen);
}

static int pat_line(void *ctx, const char *line, size_t len, const char *name,
                    size_t lineno, char *err, size_t errlen)
{
    ann_rules *r = ctx;
    return ann_patterns_add_line(r->pat, line, len, name, lineno, err, errlen);
}

int ann_rules_load_lexicon(ann_rules *r, const ann_rule_src *src, char *err, size_t errlen)
{
    return ann_rule_lines(src, lex_line, r, err, errlen);
}

int ann_rules_load_patterns(ann_rules *r, const ann_rule_src *src, char *err, size_t errlen)
{
    return ann_rule_lines(src, pat_line, r, err, errlen);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

int ann_rules_is_patterns(const char *name, const char *data, size_t len)
{
    if (ends_with(name, ".tsv"))
        return 0;
    if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson"))
        return 1;
    for (size_t pos = 0; pos < len;) {
        const char *line = data + pos, *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos, i = 0;
        pos += n + 1;
        while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
            i++;
        if (i < n && line[i] != '#')
            return line[i] == '{';
    }
    return 0;
}

int ann_rules_load_buffer(ann_rules *r, const char *name, const char *data,
                          size_t len, char *err, size_t errlen)
{
    ann_rule_src src = {name, name, data, len, 0};
    return ann_rules_is_patterns(name, data, len) ? ann_rules_load_patterns(r, &src, err, errlen)
                                                  : ann_rules_load_lexicon(r, &src, err, errlen);
}

/* ------------------------------------------------------------------ */
/* matching                                                             */

void ann_rules_match(const ann_rules *r, const char *text,
                     const ann_token *toks, size_t n, ann_matches *out)
{
    /* News text has about one match per four tokens: room for that at
     * once spares a fresh array the copies of growing by doubling. */
    ann_grow((void **)&out->v, &out->cap, out->n + n / 2 + 16, sizeof *out->v);
    if (ann_patterns_count(r->pat) == 0) {     /* none built in */
        ann_lexicon_match(r->lex, text, toks, n, out);
        return;
    }
    ann_pat_scratch sc;
    memset(&sc, 0, sizeof sc);
    for (size_t i = 0; i < n; i++) {
        if (toks[i].kind == ANN_TOK_MARKUP)
            continue;
        size_t base = out->n;
        ann_lexicon_match_at(r->lex, text, toks, n, i, out);
        ann_patterns_match_at(r->pat, text, toks, n, i, &sc, out);
        if (out->n - base > 1)
            ann_sort_longest(out->v + base, out->n - base);
    }
    ann_pat_scratch_free(&sc);
}

int ann_rules_lookup(const ann_rules *r, const char *s, size_t len,
                     const char *kind, ann_match *out)
{
    return ann_lexicon_lookup(r->lex, s, len, kind, out);
}

/* ------------------------------------------------------------------ */
/* working with matches                                                 */

static int before(const ann_match *a, const ann_match *b)
{
    return a->first < b->first || (a->first == b->first && a->last > b->last);
}

/* Stable merge sort by first token, longest first; matches from
 * ann_rules_match are in that order already and skip it. */
static void sort_matches(ann_match *v, size_t n)
{
    size_t i = 1;
    while (i < n && !before(&v[i], &v[i - 1]))
        i++;
    if (i >= n)
        return;
    ann_match *tmp = ann_xmalloc(n * sizeof *tmp);
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n;
            size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t a = lo, b = mid, o = lo;
            while (a < mid && b < hi)
                tmp[o++] = before(&v[b], &v[a]) ? v[b++] : v[a++];
            while (a < mid)
                tmp[o++] = v[a++];
            while (b < hi)
                tmp[o++] = v[b++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
    free(tmp);
}

static int kind_in(const char *kind, const char *const *kinds)
{
    if (!kinds)
        return 1;
    for (; *kinds; kinds++)
        if (strcmp(kind, *kinds) == 0)
            return 1;
    return 0;
}

void ann_matches_select(ann_matches *m, const char *const *kinds)
{
    size_t o = 0;
    for (size_t i = 0; i < m->n; i++)
        if (kind_in(m->v[i].kind, kinds))
            m->v[o++] = m->v[i];
    m->n = o;
    sort_matches(m->v, m->n);
    size_t end = 0;
    o = 0;
    for (size_t i = 0; i < m->n; i++) {
        if (o > 0 && m->v[i].first < end)
            continue;
        end = m->v[i].last;
        m->v[o++] = m->v[i];
    }
    m->n = o;
}

int ann_attr(const char *attrs, const char *key, char *out, size_t outlen)
{
    if (!attrs || !key)
        return 0;
    size_t klen = strlen(key);
    const char *p = attrs;
    while (*p) {
        const char *semi = strchr(p, ';');
        size_t n = semi ? (size_t)(semi - p) : strlen(p);
        size_t lead = 0;
        while (lead < n && p[lead] == ' ')
            lead++;
        /* Most items are some other key: their first bytes tell. */
        if (n - lead < klen ||
            (klen > 0 && (p[lead] != key[0] || memcmp(p + lead, key, klen) != 0))) {
            p += n + (semi != NULL);
            continue;
        }
        const char *eq = memchr(p, '=', n);
        size_t kn = eq ? (size_t)(eq - p) : n;
        while (kn > 0 && p[kn - 1] == ' ')
            kn--;
        const char *k = p;
        while (kn > 0 && *k == ' ') {
            k++;
            kn--;
        }
        if (kn == klen && memcmp(k, key, klen) == 0) {
            const char *v = eq ? eq + 1 : p + n;
            size_t vn = (size_t)(p + n - v);
            if (out && outlen) {
                size_t c = vn < outlen - 1 ? vn : outlen - 1;
                memcpy(out, v, c);
                out[c] = '\0';
            }
            return 1;
        }
        p += n + (semi != NULL);
    }
    return 0;
}

void ann_matches_free(ann_matches *m)
{
    free(m->v);
    m->v = NULL;
    m->n = m->cap = 0;
}
