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
                 {"teaser", HH_TEASER}, {"label", HH_LABEL}};
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

static void load(void)
{
    ann_html_rule_lines("html/hints.tsv", load_line);
}

/* Does the lowercase word w[0..n) hold the lowercase s[0..k)? */
static int holds(const char *w, size_t n, const char *s, size_t k)
{
    for (size_t i = 0; i + k <= n; i++)
        if (w[i] == s[0] && !memcmp(w + i, s, k))
            return 1;
    return 0;
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
    for (size_t i = 0; i < npatterns; i++) {
        const pattern *p = &patterns[i];
        if (p->len > n)
            continue;
        if (p->mode == '=')
            roles |= p->len == n && !memcmp(w, p->word, n) ? p->roles : 0;
        else if (p->mode == '^')
            roles |= !memcmp(w, p->word, p->len) ? p->roles : 0;
        else if (holds(w, n, p->word, p->len))
            roles |= p->roles;
    }
    return roles;
}

static unsigned attr_roles(const char *s)
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
        roles |= word_roles(w, k);
        s += n;
    }
    return roles;
}

/* ---- the page's cache ------------------------------------------------- */

typedef struct slot {
    char *key;               /* class "\n" id */
    uint64_t hash;
    unsigned roles;
} slot;

struct hint_cache {
    slot *v;
    size_t cap, n;           /* cap a power of two */
};

static uint64_t hash(const char *a, const char *b)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *s = a; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    h = (h ^ '\n') * 1099511628211ull;
    for (const char *s = b; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void cache_grow(struct hint_cache *c)
{
    struct hint_cache bigger = {ann_xcalloc(c->cap ? c->cap * 2 : 64, sizeof(slot)),
                                c->cap ? c->cap * 2 : 64, c->n};
    for (size_t i = 0; i < c->cap; i++) {
        if (!c->v[i].key)
            continue;
        size_t j = c->v[i].hash & (bigger.cap - 1);
        while (bigger.v[j].key)
            j = (j + 1) & (bigger.cap - 1);
        bigger.v[j] = c->v[i];
    }
    free(c->v);
    *c = bigger;
}

unsigned ann_html_hints(struct hint_cache **cache, const char *cls, const char *id)
{
    if (!cls && !id)
        return 0;
    pthread_once(&loaded, load);
    if (!*cache)
        *cache = ann_xcalloc(1, sizeof **cache);
    struct hint_cache *c = *cache;
    if (c->n * 2 >= c->cap)
        cache_grow(c);
    uint64_t h = hash(cls, id);
    size_t j = h & (c->cap - 1);
    size_t lc = cls ? strlen(cls) : 0;
    for (; c->v[j].key; j = (j + 1) & (c->cap - 1)) {
        const char *k = c->v[j].key;
        if (c->v[j].hash == h && !strncmp(k, cls ? cls : "", lc) && k[lc] == '\n' &&
            !strcmp(k + lc + 1, id ? id : ""))
            return c->v[j].roles;
    }
    c->v[j].key = ann_xasprintf("%s\n%s", cls ? cls : "", id ? id : "");
    c->v[j].hash = h;
    c->v[j].roles = attr_roles(cls) | attr_roles(id);
    c->n++;
    return c->v[j].roles;
}

void ann_html_hints_free(struct hint_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++)
        free(c->v[i].key);
    free(c->v);
    free(c);
}
