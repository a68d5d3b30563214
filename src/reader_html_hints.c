/*
 * reader_html_hints.c - the roles a page element's class and id give it
 * (article body, boilerplate, score up or down), from the built-in
 * html/hints.tsv, and the line reader of the html/ rule files.  The file
 * is read once per process; a page keeps a small
 * cache of the class and id strings it has seen, since most elements of a
 * page repeat a few of them.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "builtin.h"
#include "reader_html.h"

typedef struct pattern {
    char *word;              /* lowercase */
    size_t len;
    char mode;               /* 'c' contains, '^' starts, '=' equals */
    unsigned roles;
} pattern;

static pattern *patterns;
static size_t npatterns, cappatterns;
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static unsigned role_bit(const char *s, size_t n)
{
    static const struct {
        const char *name;
        unsigned bit;
    } roles[] = {{"drop", HH_DROP}, {"body1", HH_BODY1}, {"body2", HH_BODY2},
                 {"body3", HH_BODY3}, {"body4", HH_BODY4}, {"good", HH_GOOD},
                 {"bad", HH_BAD}, {"unlikely", HH_UNLIKELY}, {"maybe", HH_MAYBE},
                 {"teaser", HH_TEASER}, {"label", HH_LABEL},
                 {"headline", HH_HEADLINE}, {"byline1", HH_BYLINE1}, {"byline", HH_BYLINE},
                 {"date", HH_DATE}, {"nobyline", HH_NOBYLINE}, {"nodate", HH_NODATE}};
    for (size_t i = 0; i < sizeof roles / sizeof *roles; i++)
        if (strlen(roles[i].name) == n && !memcmp(roles[i].name, s, n))
            return roles[i].bit;
    return 0;
}

/* One line "pattern<TAB>role,role"; comments and blank lines skipped.
 * The built-in file is checked by the tests (an unknown role there is a
 * defect, found by test_html). */
static void load_line(const char *s, size_t n)
{
    const char *end = s + n;
    const char *tab = memchr(s, '\t', n);
    if (!tab || s[0] == '#' || tab == s)
        return;
    pattern p = {0};
    p.mode = 'c';
    if (*s == '^' || *s == '=')
        p.mode = *s++;
    p.len = (size_t)(tab - s);
    p.word = ann_xstrndup(s, p.len);
    for (size_t i = 0; i < p.len; i++)
        if (p.word[i] >= 'A' && p.word[i] <= 'Z')
            p.word[i] = (char)(p.word[i] + 32);
    for (const char *r = tab + 1; r < end;) {
        size_t k = strcspn(r, ",\n\r");
        if ((size_t)(end - r) < k)
            k = (size_t)(end - r);
        p.roles |= role_bit(r, k);
        r += k + 1;
    }
    ANN_PUSH(patterns, npatterns, cappatterns, p);
}

void ann_html_rule_lines(const char *name, void (*fn)(const char *, size_t))
{
    const ann_builtin_file *f = ann_builtin_get(name);
    if (!f)
        return;
    const char *s = f->data, *end = f->data + f->len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
        if (n > 0 && s[n - 1] == '\r')
            n--;
        if (n > 0 && s[0] != '#')
            fn(s, n);
        s = nl ? nl + 1 : end;
    }
}

/* Patterns by their first byte, so that a word is tried, at each of its
 * positions, only against the patterns that can start there. */
static size_t *by_first[256], nby_first[256];

static void load(void)
{
    ann_html_rule_lines("html/hints.tsv", load_line);
    size_t cap[256] = {0};
    for (size_t i = 0; i < npatterns; i++) {
        unsigned char c = (unsigned char)patterns[i].word[0];
        ANN_PUSH(by_first[c], nby_first[c], cap[c], i);
    }
}

int ann_html_has_ci(const char *hay, const char *needle)
{
    size_t k = strlen(needle);
    for (const char *h = hay; h && *h; h++)
        if (!strncasecmp(h, needle, k))
            return 1;
    return 0;
}

/* The roles of one word of a class or id, lowercased into w. */
static unsigned word_roles(const char *w, size_t n)
{
    unsigned roles = 0;
    for (size_t at = 0; at < n; at++) {
        unsigned char c = (unsigned char)w[at];
        for (size_t k = 0; k < nby_first[c]; k++) {
            const pattern *p = &patterns[by_first[c][k]];
            if (p->len > n - at || memcmp(w + at, p->word, p->len))
                continue;
            if (p->mode == 'c' || (at == 0 && (p->mode == '^' || p->len == n)))
                roles |= p->roles;
        }
    }
    return roles;
}

/* ---- the page's cache ------------------------------------------------- */

/* An open-addressing table from strings to roles. */
typedef struct slot {
    char *key;
    size_t len;
    uint64_t hash;
    unsigned roles;
} slot;

typedef struct table {
    slot *v;
    size_t cap, n;           /* cap a power of two */
} table;

struct hint_cache {
    table attrs;             /* class "\n" id */
    table words;             /* one lowercased word of a class or id */
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void table_grow(table *t)
{
    size_t cap = t->cap ? t->cap * 2 : 64;
    slot *v = ann_xcalloc(cap, sizeof *v);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->v[i].key)
            continue;
        size_t j = t->v[i].hash & (cap - 1);
        while (v[j].key)
            j = (j + 1) & (cap - 1);
        v[j] = t->v[i];
    }
    free(t->v);
    t->v = v;
    t->cap = cap;
}

/* The slot of key[0..n): found (*fresh 0) or made for it (*fresh 1). */
static slot *table_get(table *t, const char *key, size_t n, int *fresh)
{
    if (t->n * 2 >= t->cap)
        table_grow(t);
    uint64_t h = hash(key, n);
    size_t j = h & (t->cap - 1);
    for (; t->v[j].key; j = (j + 1) & (t->cap - 1))
        if (t->v[j].hash == h && t->v[j].len == n && !memcmp(t->v[j].key, key, n)) {
            *fresh = 0;
            return &t->v[j];
        }
    t->v[j].key = ann_xstrndup(key, n);
    t->v[j].len = n;
    t->v[j].hash = h;
    t->n++;
    *fresh = 1;
    return &t->v[j];
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->cap; i++)
        free(t->v[i].key);
    free(t->v);
}

/* The roles of the words of a class or id; each word matched once a page. */
static unsigned attr_roles(table *words, const char *s)
{
    unsigned roles = 0;
    char w[128];
    while (s && *s) {
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
            s++;
        size_t n = 0;
        while (s[n] && s[n] != ' ' && s[n] != '\t' && s[n] != '\n' && s[n] != '\r')
            n++;
        if (n == 0)
            break;
        size_t k = n < sizeof w ? n : sizeof w;
        for (size_t i = 0; i < k; i++)
            w[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
        int fresh;
        slot *sl = table_get(words, w, k, &fresh);
        if (fresh)
            sl->roles = word_roles(w, k);
        roles |= sl->roles;
        s += n;
    }
    return roles;
}

unsigned ann_html_hints(struct hint_cache **cache, const char *cls, const char *id)
{
    if (!cls && !id)
        return 0;
    pthread_once(&loaded, load);
    if (!*cache)
        *cache = ann_xcalloc(1, sizeof **cache);
    struct hint_cache *c = *cache;
    size_t lc = cls ? strlen(cls) : 0, li = id ? strlen(id) : 0;
    char small[256], *key = lc + li + 1 <= sizeof small ? small : ann_xmalloc(lc + li + 1);
    memcpy(key, cls ? cls : "", lc);
    key[lc] = '\n';
    memcpy(key + lc + 1, id ? id : "", li);
    int fresh;
    slot *sl = table_get(&c->attrs, key, lc + li + 1, &fresh);
    if (key != small)
        free(key);
    if (fresh)
        sl->roles = attr_roles(&c->words, cls) | attr_roles(&c->words, id);
    return sl->roles;
}

void ann_html_hints_free(struct hint_cache *c)
{
    if (!c)
        return;
    table_free(&c->attrs);
    table_free(&c->words);
    free(c);
}
