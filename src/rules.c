/*
 * rules.c - the rule engine's front: loading lexicon and pattern files
 * (built in or the user's), matching every rule at every token of a
 * window, and the helpers annotators use on the results.
 *
 * The rule set is written only while loading; ann_rules_match keeps its
 * scratch on the caller's stack, so worker threads share one rule set.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "builtin.h"
#include "lexicon.h"
#include "pattern.h"
#include "rules.h"

struct ann_rules {
    ann_strpool pool;          /* every string a match points to */
    ann_lexicon *lex;
    ann_patterns *pat;
};

ann_rules *ann_rules_new(void)
{
    ann_rules *r = ann_xcalloc(1, sizeof *r);
    r->lex = ann_lexicon_new(&r->pool);
    r->pat = ann_patterns_new(&r->pool);
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
/* loading                                                              */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* The first non-space byte of the line, or 0. */
static char first_char(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return s[i];
    return 0;
}

/* One loader per format: takes a line that is neither blank nor a comment. */
typedef int (*line_fn)(ann_rules *r, const char *line, size_t len,
                       const char *name, size_t lineno, char *err,
                       size_t errlen);

static int lex_line(ann_rules *r, const char *line, size_t len,
                    const char *name, size_t lineno, char *err, size_t errlen)
{
    return ann_lexicon_add_line(r->lex, line, len, name, lineno, err, errlen);
}

static int pat_line(ann_rules *r, const char *line, size_t len,
                    const char *name, size_t lineno, char *err, size_t errlen)
{
    return ann_patterns_add_line(r->pat, line, len, name, lineno, err, errlen);
}

/* Feed fn every line of data, numbered from 1; stop at the first error. */
static int each_line(ann_rules *r, const char *name, const char *data,
                     size_t len, line_fn fn, char *err, size_t errlen)
{
    size_t pos = 0, lineno = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;                         /* a BOM from a Windows editor */
    while (pos < len) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl != NULL);
        lineno++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (memchr(line, '\0', n)) {
            ann_load_error(err, errlen, name, lineno, "NUL byte in line");
            return -1;
        }
        if (is_blank(line, n) || first_char(line, n) == '#')
            continue;
        if (fn(r, line, n, name, lineno, err, errlen) < 0)
            return -1;
    }
    return 0;
}

/* By extension, else by the first line that is not blank or a comment. */
static int is_jsonl(const char *name, const char *data, size_t len)
{
    if (ends_with(name, ".tsv"))
        return 0;
    if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson"))
        return 1;
    size_t pos = 0;
    while (pos < len) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        char c = first_char(line, n);
        if (c == '#' || c == 0 || c == '\r')
            continue;
        return c == '{';
    }
    return 0;
}

int ann_rules_load_buffer(ann_rules *r, const char *name, const char *data,
                          size_t len, char *err, size_t errlen)
{
    line_fn fn = is_jsonl(name, data, len) ? pat_line : lex_line;
    return each_line(r, name, data, len, fn, err, errlen);
}

/* The whole file in memory (rule files are small); NULL with errno set. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 0, n = 0;
    char *buf = NULL;
    for (;;) {
        ann_grow((void **)&buf, &cap, n + 65536, 1);
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    int saved = errno;
    fclose(f);
    if (bad) {
        free(buf);
        errno = saved ? saved : EIO;
        return NULL;
    }
    *len = n;
    return buf;
}

int ann_rules_load_file(ann_rules *r, const char *path, char *err, size_t errlen)
{
    size_t len = 0;
    char *data = read_file(path, &len);
    if (!data) {
        if (err && errlen)
            snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    int rc = ann_rules_load_buffer(r, path, data, len, err, errlen);
    free(data);
    return rc;
}

int ann_rules_load_builtin(ann_rules *r, char *err, size_t errlen)
{
    for (size_t i = 0; i < ann_builtin_nfiles; i++) {
        const ann_builtin_file *f = &ann_builtin_files[i];
        line_fn fn;
        if (starts_with(f->name, "lexicon/") && ends_with(f->name, ".tsv"))
            fn = lex_line;
        else if (starts_with(f->name, "patterns/") && ends_with(f->name, ".jsonl"))
            fn = pat_line;
        else
            continue;
        /* Name errors by the source path, where a developer can fix them. */
        char *name = ann_xasprintf("src/rules/%s", f->name);
        int rc = each_line(r, name, f->data, f->len, fn, err, errlen);
        free(name);
        if (rc < 0)
            return -1;
    }
    return 0;
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
