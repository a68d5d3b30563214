/*
 * reader_html_hints.c - what the HTML reader knows from the rules tree's
 * html/ files, loaded by the engine: the roles a page element's class and
 * id give it (article body, boilerplate, score up or down; html/hints.tsv),
 * the words around an author's name in a byline (html/bylines.tsv) and
 * the <meta> names that hold metadata (html/meta.tsv).
 * A page keeps a small cache of the class and id strings it has seen,
 * since most elements of a page repeat a few of them.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "image.h"
#include "reader_html.h"
#include "rulefile.h"
#include "table.h"
#include "tokenizer.h"

typedef struct pattern {
    char *word;              /* lowercase */
    size_t len;
    char mode;               /* 'c' contains, '^' starts, '=' equals */
    unsigned roles;
} pattern;

typedef struct bword {
    char *w;
    size_t n;
    char kind;               /* 'l' lead, 't' title, 'c' cut, 'n' none, 'a' and, 'o' org,
                              * 'r' credit, 'p' picture */
} bword;

typedef struct meta_name {
    char *name;
    size_t n;
    int suffix;              /* "*name": any name ending so */
    int field;               /* HM_* */
} meta_name;

struct ann_html_rules {
    pattern *patterns;
    size_t npatterns, cappatterns;
    /* Patterns by their first byte, so that a word is tried, at each of
     * its positions, only against the patterns that can start there. */
    size_t *by_first[256], nby_first[256];
    /* The second bytes of the patterns of each first byte, as bits (and
     * the first bytes that are a pattern alone): at most places of a word
     * no pattern can start, and these say so without trying any. */
    uint64_t second[256][4];
    unsigned char alone[256];
    bword *bwords;
    size_t nbwords, capbwords;
    /* Byline words by their first byte (ASCII letters lowercased), in the
     * files' order: a word is compared only with those that can match. */
    size_t *bw_first[256], nbw_first[256];
    meta_name *metas;
    size_t nmetas, capmetas;
    const void *image;       /* the compiled tables these point into, or NULL */
};

/* ---- loading ----------------------------------------------------------- */

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

/* One line "pattern<TAB>role,role". */
static int hint_line(void *ctx, const char *line, size_t len, const char *name,
                     size_t lineno, char *err, size_t errlen)
{
    ann_html_rules *h = ctx;
    ann_field f[2];
    if (ann_rule_fields(line, len, f, 2) != 2 || f[0].n == 0 || f[1].n == 0) {
        ann_load_error(err, errlen, name, lineno, "want a pattern and its roles, tab-separated");
        return -1;
    }
    pattern p = {0};
    p.mode = 'c';
    const char *s = f[0].s;
    if (*s == '^' || *s == '=')
        p.mode = *s++;
    p.len = f[0].n - (size_t)(s - f[0].s);
    for (const char *r = f[1].s, *end = f[1].s + f[1].n; r < end;) {
        const char *comma = memchr(r, ',', (size_t)(end - r));
        size_t k = comma ? (size_t)(comma - r) : (size_t)(end - r);
        unsigned bit = role_bit(r, k);
        if (!bit) {
            ann_load_error(err, errlen, name, lineno, "unknown role '%.*s'", (int)k, r);
            return -1;
        }
        p.roles |= bit;
        r += k + 1;
    }
    if (p.len == 0) {
        ann_load_error(err, errlen, name, lineno, "empty pattern");
        return -1;
    }
    p.word = ann_xstrndup(s, p.len);
    for (size_t i = 0; i < p.len; i++)
        if (p.word[i] >= 'A' && p.word[i] <= 'Z')
            p.word[i] = (char)(p.word[i] + 32);
    ANN_PUSH(h->patterns, h->npatterns, h->cappatterns, p);
    return 0;
}

/* One line "words<TAB>kind". */
static int byline_line(void *ctx, const char *line, size_t len, const char *name,
                       size_t lineno, char *err, size_t errlen)
{
    static const struct {
        const char *name;
        char kind;
    } kinds[] = {{"lead", 'l'}, {"title", 't'}, {"cut", 'c'}, {"none", 'n'},
                 {"and", 'a'}, {"org", 'o'}, {"credit", 'r'}, {"picture", 'p'}};
    const size_t nkinds = sizeof kinds / sizeof *kinds;
    ann_html_rules *h = ctx;
    ann_field f[2];
    size_t nf = ann_rule_fields(line, len, f, 2), k = 0;
    while (nf == 2 && k < nkinds &&
           !(strlen(kinds[k].name) == f[1].n && !memcmp(kinds[k].name, f[1].s, f[1].n)))
        k++;
    if (nf != 2 || f[0].n == 0 || k == nkinds) {
        ann_load_error(err, errlen, name, lineno,
                       "want words and their kind (lead, title, cut, none, and, org or "
                       "credit), tab-separated");
        return -1;
    }
    bword b = {ann_xstrndup(f[0].s, f[0].n), f[0].n, kinds[k].kind};
    ANN_PUSH(h->bwords, h->nbwords, h->capbwords, b);
    return 0;
}

/* One line "name<TAB>field". */
static int meta_line(void *ctx, const char *line, size_t len, const char *name,
                     size_t lineno, char *err, size_t errlen)
{
    static const char *const fields[] = {"title", "title2", "site", "description", "url",
                                         "published", "date", "updated", "author", "none"};
    const int nfields = (int)(sizeof fields / sizeof *fields);
    ann_html_rules *h = ctx;
    ann_field f[2];
    size_t nf = ann_rule_fields(line, len, f, 2);
    int k = 0;
    while (nf == 2 && k < nfields &&
           !(strlen(fields[k]) == f[1].n && !memcmp(fields[k], f[1].s, f[1].n)))
        k++;
    int suffix = nf == 2 && f[0].n > 0 && f[0].s[0] == '*';
    if (nf != 2 || f[0].n <= (size_t)suffix || k == nfields) {
        ann_load_error(err, errlen, name, lineno,
                       "want a meta name and its field (title, title2, site, description, url, "
                       "published, date, updated, author or none), tab-separated");
        return -1;
    }
    meta_name mn = {ann_xstrndup(f[0].s + suffix, f[0].n - (size_t)suffix),
                    f[0].n - (size_t)suffix, suffix, k};
    ANN_PUSH(h->metas, h->nmetas, h->capmetas, mn);
    return 0;
}

/* Fills second and alone from the patterns (derived, so never saved). */
static void index_seconds(ann_html_rules *h)
{
    memset(h->second, 0, sizeof h->second);
    memset(h->alone, 0, sizeof h->alone);
    for (size_t i = 0; i < h->npatterns; i++) {
        const pattern *p = &h->patterns[i];
        unsigned char c = (unsigned char)p->word[0];
        if (p->len == 1) {
            h->alone[c] = 1;
            continue;
        }
        unsigned char d = (unsigned char)p->word[1];
        h->second[c][d / 64] |= (uint64_t)1 << (d % 64);
    }
}

static unsigned char first_byte(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

ann_html_rules *ann_html_rules_new(const ann_rule_src *srcs, size_t n, char *err,
                                   size_t errlen)
{
    ann_html_rules *h = ann_xcalloc(1, sizeof *h);
    for (size_t i = 0; i < n; i++) {
        const char *t = srcs[i].tree;
        ann_line_fn fn = !strcmp(t, "html/hints.tsv") ? hint_line
                         : !strcmp(t, "html/meta.tsv") ? meta_line : byline_line;
        if (ann_rule_lines(&srcs[i], fn, h, err, errlen) < 0) {
            ann_html_rules_free(h);
            return NULL;
        }
    }
    size_t cap[256] = {0}, capw[256] = {0};
    for (size_t i = 0; i < h->npatterns; i++) {
        unsigned char c = (unsigned char)h->patterns[i].word[0];
        ANN_PUSH(h->by_first[c], h->nby_first[c], cap[c], i);
    }
    for (size_t i = 0; i < h->nbwords; i++) {
        unsigned char c = first_byte(h->bwords[i].w);
        ANN_PUSH(h->bw_first[c], h->nbw_first[c], capw[c], i);
    }
    index_seconds(h);
    return h;
}

void ann_html_rules_free(ann_html_rules *h)
{
    if (!h)
        return;
    if (h->image) {          /* strings and indexes are the image's */
        free(h->patterns);
        free(h->bwords);
        free(h->metas);
        free(h);
        return;
    }
    for (size_t i = 0; i < h->npatterns; i++)
        free(h->patterns[i].word);
    free(h->patterns);
    for (size_t c = 0; c < 256; c++) {
        free(h->by_first[c]);
        free(h->bw_first[c]);
    }
    for (size_t i = 0; i < h->nbwords; i++)
        free(h->bwords[i].w);
    free(h->bwords);
    for (size_t i = 0; i < h->nmetas; i++)
        free(h->metas[i].name);
    free(h->metas);
    free(h);
}

/* ---- compiled tables (image.h) ---------------------------------------- */

typedef struct html_image {
    uint64_t patterns, npatterns;    /* {word, len, mode, roles} */
    uint64_t bwords, nbwords;        /* {w, n, kind, 0} */
    uint64_t metas, nmetas;          /* {name, n, suffix, field} */
    uint64_t by_first[256], nby_first[256], bw_first[256], nbw_first[256];
} html_image;

typedef struct item_img {
    uint64_t s, n, a, b;
} item_img;

static uint64_t put_items(ann_img *im, item_img *v, size_t n)
{
    uint64_t off = ann_img_put(im, v, n * sizeof *v, 8);
    free(v);
    return off;
}

uint64_t ann_html_rules_save(const ann_html_rules *h, ann_img *im)
{
    html_image *x = ann_xcalloc(1, sizeof *x);
    item_img *v = ann_xcalloc(h->npatterns, sizeof *v);
    for (size_t i = 0; i < h->npatterns; i++) {
        const pattern *p = &h->patterns[i];
        item_img it = {ann_img_str(im, p->word, p->len), p->len, (uint64_t)p->mode, p->roles};
        v[i] = it;
    }
    x->patterns = put_items(im, v, h->npatterns);
    x->npatterns = h->npatterns;
    v = ann_xcalloc(h->nbwords, sizeof *v);
    for (size_t i = 0; i < h->nbwords; i++) {
        const bword *b = &h->bwords[i];
        item_img it = {ann_img_str(im, b->w, b->n), b->n, (uint64_t)b->kind, 0};
        v[i] = it;
    }
    x->bwords = put_items(im, v, h->nbwords);
    x->nbwords = h->nbwords;
    v = ann_xcalloc(h->nmetas, sizeof *v);
    for (size_t i = 0; i < h->nmetas; i++) {
        const meta_name *m = &h->metas[i];
        item_img it = {ann_img_str(im, m->name, m->n), m->n, (uint64_t)m->suffix,
                       (uint64_t)m->field};
        v[i] = it;
    }
    x->metas = put_items(im, v, h->nmetas);
    x->nmetas = h->nmetas;
    for (size_t c = 0; c < 256; c++) {
        x->by_first[c] = ann_img_put(im, h->by_first[c], h->nby_first[c] * sizeof(size_t), 8);
        x->nby_first[c] = h->nby_first[c];
        x->bw_first[c] = ann_img_put(im, h->bw_first[c], h->nbw_first[c] * sizeof(size_t), 8);
        x->nbw_first[c] = h->nbw_first[c];
    }
    uint64_t root = ann_img_put(im, x, sizeof *x, 8);
    free(x);
    return root;
}

ann_html_rules *ann_html_rules_attach(const ann_image *im, uint64_t root)
{
    const html_image *x = ann_img_at(im, root);
    ann_html_rules *h = ann_xcalloc(1, sizeof *h);
    h->image = im;
    const item_img *v = ann_img_at(im, x->patterns);
    h->npatterns = h->cappatterns = (size_t)x->npatterns;
    h->patterns = ann_xcalloc(h->npatterns, sizeof *h->patterns);
    for (size_t i = 0; i < h->npatterns; i++) {
        pattern p = {(char *)ann_img_at(im, v[i].s), (size_t)v[i].n, (char)v[i].a,
                     (unsigned)v[i].b};
        h->patterns[i] = p;
    }
    v = ann_img_at(im, x->bwords);
    h->nbwords = h->capbwords = (size_t)x->nbwords;
    h->bwords = ann_xcalloc(h->nbwords, sizeof *h->bwords);
    for (size_t i = 0; i < h->nbwords; i++) {
        bword b = {(char *)ann_img_at(im, v[i].s), (size_t)v[i].n, (char)v[i].a};
        h->bwords[i] = b;
    }
    v = ann_img_at(im, x->metas);
    h->nmetas = h->capmetas = (size_t)x->nmetas;
    h->metas = ann_xcalloc(h->nmetas, sizeof *h->metas);
    for (size_t i = 0; i < h->nmetas; i++) {
        meta_name m = {(char *)ann_img_at(im, v[i].s), (size_t)v[i].n, (int)v[i].a,
                       (int)v[i].b};
        h->metas[i] = m;
    }
    for (size_t c = 0; c < 256; c++) {
        h->by_first[c] = (size_t *)ann_img_at(im, x->by_first[c]);
        h->nby_first[c] = (size_t)x->nby_first[c];
        h->bw_first[c] = (size_t *)ann_img_at(im, x->bw_first[c]);
        h->nbw_first[c] = (size_t)x->nbw_first[c];
    }
    index_seconds(h);
    return h;
}

/* ---- byline words ------------------------------------------------------ */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

size_t ann_html_byline_word(const ann_html_rules *h, const char *s, char kind)
{
    unsigned char c = first_byte(s);
    for (size_t k = 0; h && k < h->nbw_first[c]; k++) {
        const bword *b = &h->bwords[h->bw_first[c][k]];
        int exact = kind == 'a' && b->n <= 2;   /* "E" is an initial, "e" joins */
        const unsigned char *e = (const unsigned char *)s + b->n;
        if (b->kind == kind && !(exact ? strncmp : strncasecmp)(s, b->w, b->n) &&
            (b->w[b->n - 1] == ':' || !*e || is_space((char)*e) || *e == ':' || *e == ',' ||
             *e == '.' || (e[0] == 0xC2 && e[1] == 0xA0)))
            return b->n;
    }
    return 0;
}

/* ---- meta names -------------------------------------------------------- */

int ann_html_meta_field(const ann_html_rules *h, const char *key)
{
    size_t n = strlen(key);
    for (size_t i = 0; h && i < h->nmetas; i++) {
        const meta_name *mn = &h->metas[i];
        if (mn->suffix ? n >= mn->n && !strcasecmp(key + n - mn->n, mn->name)
                       : n == mn->n && !strcasecmp(key, mn->name))
            return mn->field;
    }
    return -1;
}

/* ---- class and id hints ------------------------------------------------ */

int ann_html_has_ci(const char *hay, const char *needle)
{
    size_t k = strlen(needle);
    for (const char *h = hay; h && *h; h++)
        if (!strncasecmp(h, needle, k))
            return 1;
    return 0;
}

/* The roles of one word of a class or id, lowercased into w.  Every new
 * word of a page is tried at each of its places against the patterns of
 * that byte: only where its next byte can follow (second, alone), and
 * there with the cheap tests (the mode, the length, the second byte)
 * before the comparison.  Trying every pattern of the byte at every
 * place was most of the hints' cost, a twentieth of reading a page. */
static unsigned word_roles(const ann_html_rules *h, const char *w, size_t n)
{
    unsigned roles = 0;
    for (size_t at = 0; h && at < n; at++) {
        unsigned char c = (unsigned char)w[at];
        unsigned char d = at + 1 < n ? (unsigned char)w[at + 1] : 0;
        if (!h->alone[c] && !(at + 1 < n && (h->second[c][d / 64] >> (d % 64) & 1)))
            continue;
        for (size_t k = 0; k < h->nby_first[c]; k++) {
            const pattern *p = &h->patterns[h->by_first[c][k]];
            if ((at > 0 && p->mode != 'c') || p->len > n - at ||
                (p->len > 1 && w[at + 1] != p->word[1]) || memcmp(w + at, p->word, p->len))
                continue;
            if (p->mode == 'c' || p->mode == '^' || p->len == n)
                roles |= p->roles;
        }
    }
    return roles;
}

/* ---- the page's cache ------------------------------------------------- */

/* Strings and their roles, indexed by the one table. */
typedef struct seen {
    char *key;
    size_t len;
    unsigned roles;
} seen;

typedef struct seen_set {
    seen *v;
    size_t n, cap;
    ann_table index;
} seen_set;

struct hint_cache {
    seen_set attrs;          /* class "\n" id */
    seen_set words;          /* one lowercased word of a class or id */
};

/* The entry of key[0..n): found (*fresh 0) or made for it (*fresh 1). */
static seen *seen_get(seen_set *t, const char *key, size_t n, int *fresh)
{
    uint64_t h = ann_hash(key, n);
    size_t pos = 0, i;
    while ((i = ann_table_next(&t->index, h, &pos)) != ANN_TABLE_END)
        if (t->v[i].len == n && !memcmp(t->v[i].key, key, n)) {
            *fresh = 0;
            return &t->v[i];
        }
    seen s = {ann_xstrndup(key, n), n, 0};
    ann_table_put(&t->index, h, t->n);
    ANN_PUSH(t->v, t->n, t->cap, s);
    *fresh = 1;
    return &t->v[t->n - 1];
}

static void seen_free(seen_set *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].key);
    free(t->v);
    ann_table_free(&t->index);
}

/* The roles of the words of a class or id; each word matched once a page. */
static unsigned attr_roles(const ann_html_rules *h, seen_set *words, const char *s)
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
        seen *sl = seen_get(words, w, k, &fresh);
        if (fresh)
            sl->roles = word_roles(h, w, k);
        roles |= sl->roles;
        s += n;
    }
    return roles;
}

unsigned ann_html_hints(const ann_html_rules *h, struct hint_cache **cache, const char *cls,
                        const char *id)
{
    if ((!cls && !id) || !h)
        return 0;
    if (!*cache)
        *cache = ann_xcalloc(1, sizeof **cache);
    struct hint_cache *c = *cache;
    size_t lc = cls ? strlen(cls) : 0, li = id ? strlen(id) : 0;
    char small[256], *key = lc + li + 1 <= sizeof small ? small : ann_xmalloc(lc + li + 1);
    memcpy(key, cls ? cls : "", lc);
    key[lc] = '\n';
    memcpy(key + lc + 1, id ? id : "", li);
    int fresh;
    seen *sl = seen_get(&c->attrs, key, lc + li + 1, &fresh);
    if (key != small)
        free(key);
    if (fresh)   /* sl stays put: the words are another set */
        sl->roles = attr_roles(h, &c->words, cls) | attr_roles(h, &c->words, id);
    return sl->roles;
}

void ann_html_hints_free(struct hint_cache *c)
{
    if (!c)
        return;
    seen_free(&c->attrs);
    seen_free(&c->words);
    free(c);
}
