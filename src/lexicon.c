/*
 * lexicon.c - lexicon entries loaded from TSV, indexed by the hash of their
 * first token, and matched token by token.  Also the small shared pieces of
 * the rule engine: the string pool and the token-hash multimap.
 *
 * Matching at a token costs one hash probe plus the comparison of the
 * candidates that start with the same word, so it does not grow with the
 * size of the lexicon.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "lexicon.h"
#include "utf8.h"

/* ------------------------------------------------------------------ */
/* string pool                                                          */

static uint64_t mix(uint64_t h)
{
    /* Token hashes are FNV-1a, whose low bits are weak; a final mix makes
     * them fit for masking into a power-of-two table. */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static void pool_grow(ann_strpool *p)
{
    size_t cap = p->cap ? p->cap * 2 : 256;
    char **slot = ann_xcalloc(cap, sizeof *slot);
    for (size_t i = 0; i < p->cap; i++) {
        char *s = p->slot[i];
        if (!s)
            continue;
        size_t j = mix(ann_hash(s, strlen(s))) & (cap - 1);
        while (slot[j])
            j = (j + 1) & (cap - 1);
        slot[j] = s;
    }
    free(p->slot);
    p->slot = slot;
    p->cap = cap;
}

const char *ann_strpool_intern(ann_strpool *p, const char *s, size_t n)
{
    if ((p->n + 1) * 2 > p->cap)
        pool_grow(p);
    size_t j = mix(ann_hash(s, n)) & (p->cap - 1);
    for (; p->slot[j]; j = (j + 1) & (p->cap - 1)) {
        const char *t = p->slot[j];
        if (strncmp(t, s, n) == 0 && t[n] == '\0')
            return t;
    }
    p->slot[j] = ann_xstrndup(s, n);
    p->n++;
    return p->slot[j];
}

void ann_strpool_free(ann_strpool *p)
{
    for (size_t i = 0; i < p->cap; i++)
        free(p->slot[i]);
    free(p->slot);
    p->slot = NULL;
    p->cap = p->n = 0;
}

/* ------------------------------------------------------------------ */
/* token-hash multimap                                                  */

static size_t htab_find(const ann_htab *h, uint64_t key)
{
    size_t j = mix(key) & (h->cap - 1);
    while (h->head[j] != ANN_HTAB_NONE && h->key[j] != key)
        j = (j + 1) & (h->cap - 1);
    return j;
}

static void htab_grow(ann_htab *h)
{
    ann_htab old = *h;
    h->cap = old.cap ? old.cap * 2 : 256;
    h->key = ann_xmalloc(h->cap * sizeof *h->key);
    h->head = ann_xmalloc(h->cap * sizeof *h->head);
    h->tail = ann_xmalloc(h->cap * sizeof *h->tail);
    for (size_t j = 0; j < h->cap; j++)
        h->head[j] = ANN_HTAB_NONE;
    for (size_t i = 0; i < old.cap; i++) {
        if (old.head[i] == ANN_HTAB_NONE)
            continue;
        size_t j = htab_find(h, old.key[i]);
        h->key[j] = old.key[i];
        h->head[j] = old.head[i];
        h->tail[j] = old.tail[i];
    }
    free(old.key);
    free(old.head);
    free(old.tail);
}

void ann_htab_add(ann_htab *h, uint64_t key, uint32_t val)
{
    if ((h->nkeys + 1) * 2 > h->cap)
        htab_grow(h);
    if (h->npost >= h->postcap) {
        size_t cap = h->postcap;
        ann_grow((void **)&h->val, &cap, h->npost + 1, sizeof *h->val);
        cap = h->postcap;
        ann_grow((void **)&h->next, &cap, h->npost + 1, sizeof *h->next);
        h->postcap = cap;
    }
    uint32_t p = (uint32_t)h->npost++;
    h->val[p] = val;
    h->next[p] = ANN_HTAB_NONE;
    size_t j = htab_find(h, key);
    if (h->head[j] == ANN_HTAB_NONE) {
        h->key[j] = key;
        h->head[j] = p;
        h->nkeys++;
    } else {
        h->next[h->tail[j]] = p;   /* append: values keep load order */
    }
    h->tail[j] = p;
}

uint32_t ann_htab_first(const ann_htab *h, uint64_t key)
{
    if (h->cap == 0)
        return ANN_HTAB_NONE;
    return h->head[htab_find(h, key)];
}

void ann_htab_free(ann_htab *h)
{
    free(h->key);
    free(h->head);
    free(h->tail);
    free(h->val);
    free(h->next);
    memset(h, 0, sizeof *h);
}

/* ------------------------------------------------------------------ */
/* shared helpers                                                       */

int ann_eq_lower(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    while (i < an && j < bn)
        if (ann_to_lower(ann_utf8_next(a, an, &i)) !=
            ann_to_lower(ann_utf8_next(b, bn, &j)))
            return 0;
    return i == an && j == bn;
}

void ann_load_error(char *err, size_t errlen, const char *name, size_t line,
                    const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    int k = snprintf(err, errlen, "%s:%zu: ", name, line);
    if (k < 0 || (size_t)k >= errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------------ */
/* the lexicon                                                          */

typedef struct lex_tok {
    uint64_t hash, lhash;
    uint32_t start, end;       /* bytes in the entry's surface */
} lex_tok;

typedef struct lex_entry {
    const char *surface, *kind, *type, *id, *attrs;   /* interned */
    uint32_t tok, ntok;        /* its tokens: lx->tok[tok .. tok+ntok) */
    int caps_ok;               /* may match text written in capitals */
} lex_entry;

struct ann_lexicon {
    ann_strpool *pool;         /* not owned */
    lex_entry *e;
    size_t n, cap;
    lex_tok *tok;
    size_t ntok, tokcap;
    ann_htab exact;            /* first token's hash -> entry */
    ann_htab lower;            /* first token's lowercase hash -> entry */
    ann_tokens scratch;        /* tokenizing surfaces while loading */
};

ann_lexicon *ann_lexicon_new(ann_strpool *pool)
{
    ann_lexicon *lx = ann_xcalloc(1, sizeof *lx);
    lx->pool = pool;
    return lx;
}

void ann_lexicon_free(ann_lexicon *lx)
{
    if (!lx)
        return;
    free(lx->e);
    free(lx->tok);
    ann_htab_free(&lx->exact);
    ann_htab_free(&lx->lower);
    ann_tokens_free(&lx->scratch);
    free(lx);
}

size_t ann_lexicon_count(const ann_lexicon *lx)
{
    return lx->n;
}

/* Split s at tabs into at most max fields, each trimmed of spaces; returns
 * how many fields there are in all (which may exceed max). */
static size_t split_tabs(const char *s, size_t len, const char **f,
                         size_t *fl, size_t max)
{
    size_t nf = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != '\t')
            continue;
        if (nf < max) {
            size_t a = start, b = i;
            while (a < b && s[a] == ' ')
                a++;
            while (b > a && s[b - 1] == ' ')
                b--;
            f[nf] = s + a;
            fl[nf] = b - a;
        }
        nf++;
        start = i + 1;
    }
    return nf;
}

static int has_upper(const char *s, size_t n)
{
    for (size_t i = 0; i < n;)
        if (ann_is_upper(ann_utf8_next(s, n, &i)))
            return 1;
    return 0;
}

/* Is an entry with these fields already loaded?  Interned strings compare
 * by pointer. */
static int lex_has(const ann_lexicon *lx, uint64_t h0, const lex_entry *ne)
{
    for (uint32_t p = ann_htab_first(&lx->exact, h0); p != ANN_HTAB_NONE;
         p = lx->exact.next[p]) {
        const lex_entry *e = &lx->e[lx->exact.val[p]];
        if (e->surface == ne->surface && e->kind == ne->kind &&
            e->type == ne->type && e->id == ne->id && e->attrs == ne->attrs)
            return 1;
    }
    return 0;
}

static void lex_push(ann_lexicon *lx, lex_entry *ne, const ann_tokens *tk)
{
    ne->tok = (uint32_t)lx->ntok;
    ne->ntok = (uint32_t)tk->n;
    for (size_t k = 0; k < tk->n; k++) {
        lex_tok t = {tk->v[k].hash, tk->v[k].lhash, (uint32_t)tk->v[k].start,
                     (uint32_t)tk->v[k].end};
        ANN_PUSH(lx->tok, lx->ntok, lx->tokcap, t);
    }
    uint32_t id = (uint32_t)lx->n;
    ANN_PUSH(lx->e, lx->n, lx->cap, *ne);
    ann_htab_add(&lx->exact, tk->v[0].hash, id);
    ann_htab_add(&lx->lower, tk->v[0].lhash, id);
}

/* Longer surfaces are not names; the bound keeps offsets in 32 bits. */
#define LEX_MAX_SURFACE 1024

int ann_lexicon_add_line(ann_lexicon *lx, const char *line, size_t len,
                         const char *name, size_t lineno,
                         char *err, size_t errlen)
{
    const char *f[5];
    size_t fl[5];
    size_t nf = split_tabs(line, len, f, fl, 5);
    if (nf < 4 || nf > 5) {
        ann_load_error(err, errlen, name, lineno,
                       "expected 4 or 5 tab-separated fields "
                       "(surface, kind, type, id[, attrs]), got %zu", nf);
        return -1;
    }
    static const char *const what[] = {"surface", "kind", "type", "id"};
    for (size_t k = 0; k < 4; k++)
        if (fl[k] == 0) {
            ann_load_error(err, errlen, name, lineno, "empty %s%s", what[k],
                           k == 3 ? " (use - for the slug of the surface)" : "");
            return -1;
        }
    if (fl[0] > LEX_MAX_SURFACE) {
        ann_load_error(err, errlen, name, lineno, "surface longer than %d bytes",
                       LEX_MAX_SURFACE);
        return -1;
    }
    lx->scratch.n = 0;
    ann_tokenize_all(f[0], fl[0], &lx->scratch);
    if (lx->scratch.n == 0) {
        ann_load_error(err, errlen, name, lineno, "surface has no words");
        return -1;
    }
    lex_entry ne;
    memset(&ne, 0, sizeof ne);
    ne.surface = ann_strpool_intern(lx->pool, f[0], fl[0]);
    ne.kind = ann_strpool_intern(lx->pool, f[1], fl[1]);
    ne.type = ann_strpool_intern(lx->pool, f[2], fl[2]);
    if (fl[3] == 1 && f[3][0] == '-') {
        char *slug = ann_slug(f[0], fl[0]);
        ne.id = ann_strpool_intern(lx->pool, slug, strlen(slug));
        free(slug);
    } else {
        ne.id = ann_strpool_intern(lx->pool, f[3], fl[3]);
    }
    int noattrs = nf < 5 || (fl[4] == 1 && f[4][0] == '-');
    ne.attrs = ann_strpool_intern(lx->pool, noattrs ? "" : f[4], noattrs ? 0 : fl[4]);
    /* A short all-lowercase word ("us", "who", "it") must not match the
     * acronym written in capitals ("US", "WHO", "IT"). */
    ne.caps_ok = !(lx->scratch.n == 1 && !has_upper(f[0], fl[0]) &&
                   lx->scratch.v[0].ncp <= 4);
    if (!lex_has(lx, lx->scratch.v[0].hash, &ne))
        lex_push(lx, &ne, &lx->scratch);
    return 0;
}

/* Do the text tokens t[0..e->ntok) spell entry e?  caps: compare
 * lowercased, the text being in capitals.  A name never spans markup. */
static int lex_eq(const ann_lexicon *lx, const lex_entry *e, const char *text,
                  const ann_token *t, int caps)
{
    const lex_tok *et = lx->tok + e->tok;
    for (uint32_t k = 0; k < e->ntok; k++) {
        const ann_token *tk = &t[k];
        const char *a = text + tk->start, *b = e->surface + et[k].start;
        size_t an = tk->end - tk->start, bn = et[k].end - et[k].start;
        if (tk->kind == ANN_TOK_MARKUP)
            return 0;
        if (!caps) {
            if (tk->hash != et[k].hash || an != bn || memcmp(a, b, an) != 0)
                return 0;
        } else if (tk->lhash != et[k].lhash ||
                   (tk->flags & (ANN_TF_TITLE | ANN_TF_LOWER)) ||
                   !ann_eq_lower(a, an, b, bn)) {
            return 0;
        }
    }
    return 1;
}

/* Same hashes all along: the exact pass has reported it already. */
static int lex_exact_hashes(const ann_lexicon *lx, const lex_entry *e,
                            const ann_token *t)
{
    const lex_tok *et = lx->tok + e->tok;
    for (uint32_t k = 0; k < e->ntok; k++)
        if (t[k].hash != et[k].hash)
            return 0;
    return 1;
}

static void lex_report(const lex_entry *e, size_t i, ann_matches *out)
{
    ann_match m = {i, i + e->ntok, e->kind, e->type, e->id, e->attrs,
                   e->surface, 0};
    ANN_PUSH(out->v, out->n, out->cap, m);
}

void ann_lexicon_match_at(const ann_lexicon *lx, const char *text,
                          const ann_token *toks, size_t n, size_t i,
                          ann_matches *out)
{
    const ann_token *t = &toks[i];
    for (uint32_t p = ann_htab_first(&lx->exact, t->hash); p != ANN_HTAB_NONE;
         p = lx->exact.next[p]) {
        const lex_entry *e = &lx->e[lx->exact.val[p]];
        if (e->ntok <= n - i && lex_eq(lx, e, text, t, 0))
            lex_report(e, i, out);
    }
    /* Headlines: "UKRAINE REPORT" holds the entry "Ukraine". */
    if (!(t->flags & ANN_TF_UPPER))
        return;
    for (uint32_t p = ann_htab_first(&lx->lower, t->lhash); p != ANN_HTAB_NONE;
         p = lx->lower.next[p]) {
        const lex_entry *e = &lx->e[lx->lower.val[p]];
        if (e->caps_ok && e->ntok <= n - i && !lex_exact_hashes(lx, e, t) &&
            lex_eq(lx, e, text, t, 1))
            lex_report(e, i, out);
    }
}

/* The first entry of kind (NULL: any) spelled exactly t[0..n), or in
 * capitals when caps. */
static const lex_entry *lex_find(const ann_lexicon *lx, const char *text,
                                 const ann_token *t, size_t n,
                                 const char *kind, int caps)
{
    const ann_htab *h = caps ? &lx->lower : &lx->exact;
    for (uint32_t p = ann_htab_first(h, caps ? t->lhash : t->hash);
         p != ANN_HTAB_NONE; p = h->next[p]) {
        const lex_entry *e = &lx->e[h->val[p]];
        if (e->ntok != n || (kind && strcmp(e->kind, kind) != 0))
            continue;
        if (caps && (!e->caps_ok || lex_exact_hashes(lx, e, t)))
            continue;
        if (lex_eq(lx, e, text, t, caps))
            return e;
    }
    return NULL;
}

int ann_lexicon_lookup(const ann_lexicon *lx, const char *s, size_t len,
                       const char *kind, ann_match *out)
{
    ann_tokens tk = {0};
    ann_tokenize_all(s, len, &tk);
    const lex_entry *e = NULL;
    if (tk.n > 0) {
        e = lex_find(lx, s, tk.v, tk.n, kind, 0);
        if (!e && (tk.v[0].flags & ANN_TF_UPPER))
            e = lex_find(lx, s, tk.v, tk.n, kind, 1);
    }
    ann_tokens_free(&tk);
    if (!e)
        return 0;
    ann_match m = {0, e->ntok, e->kind, e->type, e->id, e->attrs, e->surface, 0};
    *out = m;
    return 1;
}
