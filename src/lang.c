/*
 * lang.c - the language of a document, from its first 8 KB: a script
 * that names its language (lang/scripts.tsv: Greek, Hebrew, Han, kana,
 * Hangul, ...) when it holds two letters in five; else the language whose
 * frequent function words (lang/xx.txt) occur most, when at least four
 * occur and half again as many as those of the next language.  Otherwise
 * the language is left unknown: a short text says too little, and the
 * rules then read it as before.  Reading stops early once one language
 * clearly leads, as in most articles after a few hundred words.
 *
 * The lists are a kind of the rules tree (engine.c loads them): a user's
 * --rules DIR adds words with DIR/lang/xx.txt, a language with a new
 * file, a covered language with DIR/lang/covered.tsv.
 *
 * Counting words of closed classes is the oldest trick of language
 * identification and is right on any news article of a few sentences;
 * it cannot tell dialects or very close languages apart (Danish and
 * Norwegian), which the annotators do not need.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "lang.h"
#include "rulefile.h"
#include "table.h"
#include "tokenizer.h"
#include "utf8.h"

#define SAMPLE (8 * 1024)        /* bytes of text looked at */
#define MAX_LANGS 32             /* a bit each in a word's mask */
#define WORD_MAX 48              /* bytes of a function word at most */

typedef struct fword {
    char *word;
    uint32_t langs;              /* bit i: in the list of codes[i] */
} fword;

typedef struct script_range {
    uint32_t first, last;
    int lang, yields;            /* indices into codes; yields -1 if none */
} script_range;

struct ann_lang {
    char codes[MAX_LANGS][8];
    int ncodes;
    uint32_t covered;            /* bit i: the rules cover codes[i] */
    fword *words;
    size_t nwords, capwords;
    size_t maxlen;               /* bytes of the longest word */
    ann_table index;             /* ann_hash of a word -> its place in words */
    script_range *ranges;
    size_t nranges, capranges;
    const void *image;           /* the compiled tables these point into, or NULL */
};

/* The index of a language code, added if new; -1 when it is no code
 * ("en", "pt-BR": letters, a hyphen) or there are too many. */
static int lang_index(ann_lang *l, const char *code, size_t n)
{
    for (int i = 0; i < l->ncodes; i++)
        if (strncmp(l->codes[i], code, n) == 0 && l->codes[i][n] == '\0')
            return i;
    if (l->ncodes == MAX_LANGS || n < 2 || n >= sizeof l->codes[0] ||
        strspn(code, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") < n)
        return -1;
    memcpy(l->codes[l->ncodes], code, n);
    l->codes[l->ncodes][n] = '\0';
    return l->ncodes++;
}

static fword *find_word(const ann_lang *l, const char *w, size_t n)
{
    size_t pos = 0, i;
    uint64_t h = ann_hash(w, n);
    while ((i = ann_table_next(&l->index, h, &pos)) != ANN_TABLE_END)
        if (strncmp(l->words[i].word, w, n) == 0 && l->words[i].word[n] == '\0')
            return &l->words[i];
    return NULL;
}

typedef struct loading {
    ann_lang *l;
    int lang;                    /* of the word list being read */
} loading;

static int word_line(void *ctx, const char *line, size_t n, const char *name, size_t lineno,
                     char *err, size_t errlen)
{
    loading *ld = ctx;
    ann_lang *l = ld->l;
    if (n > WORD_MAX || memchr(line, '\t', n) || memchr(line, ' ', n) ||
        ann_utf8_count(line, n) < 2) {
        ann_load_error(err, errlen, name, lineno, "want one word of 2 letters to %d bytes",
                       WORD_MAX);
        return -1;
    }
    fword *f = find_word(l, line, n);
    if (!f) {
        fword nw = {ann_xstrndup(line, n), 0};
        ann_table_put(&l->index, ann_hash(line, n), l->nwords);
        ANN_PUSH(l->words, l->nwords, l->capwords, nw);
        f = &l->words[l->nwords - 1];
        if (n > l->maxlen)
            l->maxlen = n;
    }
    f->langs |= 1u << ld->lang;
    return 0;
}

static int script_line(void *ctx, const char *line, size_t n, const char *name, size_t lineno,
                       char *err, size_t errlen)
{
    ann_lang *l = ((loading *)ctx)->l;
    ann_field f[4];
    size_t nf = ann_rule_fields(line, n, f, 4);
    char a[16], b[16];
    unsigned long first = 0, last = 0;
    char *e1 = NULL, *e2 = NULL;
    if (nf >= 3 && f[0].n < sizeof a && f[1].n < sizeof b) {
        memcpy(a, f[0].s, f[0].n);
        a[f[0].n] = '\0';
        memcpy(b, f[1].s, f[1].n);
        b[f[1].n] = '\0';
        first = strtoul(a, &e1, 16);
        last = strtoul(b, &e2, 16);
    }
    script_range r = {(uint32_t)first, (uint32_t)last, nf >= 3 ? lang_index(l, f[2].s, f[2].n) : -1,
                      nf > 3 ? lang_index(l, f[3].s, f[3].n) : -1};
    if (nf < 3 || !e1 || *e1 || *e2 || !f[0].n || first > last || last > 0x10FFFF ||
        r.lang < 0 || (nf > 3 && r.yields < 0)) {
        ann_load_error(err, errlen, name, lineno,
                       "want FIRST<TAB>LAST<TAB>LANG[<TAB>YIELDS-TO], code points in hex");
        return -1;
    }
    ANN_PUSH(l->ranges, l->nranges, l->capranges, r);
    return 0;
}

static int covered_line(void *ctx, const char *line, size_t n, const char *name, size_t lineno,
                        char *err, size_t errlen)
{
    ann_lang *l = ((loading *)ctx)->l;
    int i = lang_index(l, line, n);
    if (i < 0) {
        ann_load_error(err, errlen, name, lineno, "want one language code (en, pt-BR)");
        return -1;
    }
    l->covered |= 1u << i;
    return 0;
}

/* lang/XX.txt: the words of XX. */
static int load_words(loading *ld, const ann_rule_src *src, char *err, size_t errlen)
{
    const char *base = strrchr(src->tree, '/');
    base = base ? base + 1 : src->tree;
    ld->lang = lang_index(ld->l, base, strlen(base) - 4);
    if (ld->lang < 0) {
        ann_load_error(err, errlen, src->name, 0,
                       "the name is not a language code (en.txt), or more than %d languages",
                       MAX_LANGS);
        return -1;
    }
    return ann_rule_lines(src, word_line, ld, err, errlen);
}

ann_lang *ann_lang_new(const ann_rule_src *srcs, size_t n, char *err, size_t errlen)
{
    ann_lang *l = ann_xcalloc(1, sizeof *l);
    loading ld = {l, -1};
    for (size_t i = 0; i < n; i++) {
        const char *t = srcs[i].tree;
        int rc = strcmp(t, "lang/scripts.tsv") == 0
                     ? ann_rule_lines(&srcs[i], script_line, &ld, err, errlen)
                 : strcmp(t, "lang/covered.tsv") == 0
                     ? ann_rule_lines(&srcs[i], covered_line, &ld, err, errlen)
                     : load_words(&ld, &srcs[i], err, errlen);
        if (rc < 0) {
            ann_lang_free(l);
            return NULL;
        }
    }
    return l;
}

void ann_lang_free(ann_lang *l)
{
    if (!l)
        return;
    if (l->image) {              /* the words' strings and the tables are the image's */
        free(l->words);
        free(l);
        return;
    }
    for (size_t i = 0; i < l->nwords; i++)
        free(l->words[i].word);
    free(l->words);
    ann_table_free(&l->index);
    free(l->ranges);
    free(l);
}

/* ---- compiled tables (image.h) ------------------------------------------ */

typedef struct lang_image {
    char codes[MAX_LANGS][8];
    uint64_t ncodes, covered, maxlen;
    uint64_t words, nwords;      /* {word, langs} */
    ann_img_table index;
    uint64_t ranges, nranges;
} lang_image;

typedef struct word_image {
    uint64_t word, langs;
} word_image;

uint64_t ann_lang_save(const ann_lang *l, ann_img *im)
{
    lang_image h;
    memset(&h, 0, sizeof h);
    memcpy(h.codes, l->codes, sizeof h.codes);
    h.ncodes = (uint64_t)l->ncodes;
    h.covered = l->covered;
    h.maxlen = l->maxlen;
    word_image *w = ann_xcalloc(l->nwords, sizeof *w);
    for (size_t i = 0; i < l->nwords; i++) {
        w[i].word = ann_img_str(im, l->words[i].word, strlen(l->words[i].word));
        w[i].langs = l->words[i].langs;
    }
    h.words = ann_img_put(im, w, l->nwords * sizeof *w, 8);
    h.nwords = l->nwords;
    free(w);
    h.index = ann_img_put_table(im, &l->index);
    h.ranges = ann_img_put(im, l->ranges, l->nranges * sizeof *l->ranges, 8);
    h.nranges = l->nranges;
    return ann_img_put(im, &h, sizeof h, 8);
}

ann_lang *ann_lang_attach(const ann_image *im, uint64_t root)
{
    const lang_image *h = ann_img_at(im, root);
    ann_lang *l = ann_xcalloc(1, sizeof *l);
    l->image = im;
    memcpy(l->codes, h->codes, sizeof l->codes);
    l->ncodes = (int)h->ncodes;
    l->covered = (uint32_t)h->covered;
    l->maxlen = (size_t)h->maxlen;
    const word_image *w = ann_img_at(im, h->words);
    l->nwords = l->capwords = (size_t)h->nwords;
    l->words = ann_xcalloc(l->nwords, sizeof *l->words);
    for (size_t i = 0; i < l->nwords; i++) {
        l->words[i].word = (char *)ann_img_at(im, w[i].word);
        l->words[i].langs = (uint32_t)w[i].langs;
    }
    l->index = ann_img_table_at(im, &h->index);
    l->ranges = (script_range *)ann_img_at(im, h->ranges);
    l->nranges = l->capranges = (size_t)h->nranges;
    return l;
}

typedef struct counts {
    size_t words[MAX_LANGS];     /* function words of each language */
    size_t script[MAX_LANGS];    /* letters of a script that names it */
    size_t scripts;              /* all those */
    size_t letters;
} counts;

/* Count the word if it is a function word; 1 if it was. */
static int count_word(const ann_lang *l, counts *c, const char *w, size_t n)
{
    if (n > l->maxlen)
        return 0;
    const fword *f = find_word(l, w, n);
    for (uint32_t m = f ? f->langs : 0; m; m &= m - 1)
        c->words[__builtin_ctz(m)]++;
    return f != NULL;
}

static void count_letter(const ann_lang *l, counts *c, uint32_t cp)
{
    c->letters++;
    if (cp < 0x370)
        return;
    for (size_t i = 0; i < l->nranges; i++)
        if (cp >= l->ranges[i].first && cp <= l->ranges[i].last) {
            c->script[l->ranges[i].lang]++;
            c->scripts++;
            return;
        }
}

/* The largest of v[0..n) (its index, or -1 if all are 0) and the next. */
static int top(const size_t *v, int n, size_t *first, size_t *second)
{
    int best = -1;
    *first = *second = 0;
    for (int i = 0; i < n; i++) {
        if (v[i] > *first) {
            *second = *first;
            *first = v[i];
            best = i;
        } else if (v[i] > *second) {
            *second = v[i];
        }
    }
    return best;
}

/* Is the answer clear already?  A text of one language says so within a
 * few hundred words; reading on to the end of the sample would only cost. */
static int settled(const ann_lang *l, const counts *c)
{
    size_t c1, c2;
    if (c->scripts || top(c->words, l->ncodes, &c1, &c2) < 0)
        return 0;
    return c1 >= 24 && c1 >= c2 * 4;
}

static int decide(const ann_lang *l, counts *c)
{
    for (size_t i = 0; i < l->nranges; i++) {     /* Han with kana is Japanese */
        const script_range *r = &l->ranges[i];
        if (r->yields >= 0 && c->script[r->lang] && c->script[r->yields] * 5 >= c->script[r->lang]) {
            c->script[r->yields] += c->script[r->lang];
            c->script[r->lang] = 0;
        }
    }
    size_t c1, c2;
    int s = top(c->script, l->ncodes, &c1, &c2);
    if (s >= 0 && c->letters >= 20 && c1 * 5 >= c->letters * 2)
        return s;
    int w = top(c->words, l->ncodes, &c1, &c2);
    if (w >= 0 && c1 >= 4 && c1 * 2 >= c2 * 3)
        return w;
    return -1;
}

/* Only words in small letters count: a capitalized word is most often a
 * name ("Dan", "Die Hard"), one in capitals an abbreviation ("SER A",
 * "RE :" in a table of bonds), and the function words inside sentences are
 * plenty without them.  So a word is given up at its first capital, or
 * when it grows too long to be a function word. */
void ann_lang_detect(const ann_lang *l, ann_doc *d)
{
    d->lang[0] = '\0';
    if (!l || (!l->nwords && !l->nranges))
        return;
    size_t n = d->len < SAMPLE ? d->len : SAMPLE;
    counts c;
    memset(&c, 0, sizeof c);
    char w[WORD_MAX + 4];
    size_t wl = 0;
    int skip = 0;
    for (size_t i = 0; i < n;) {
        unsigned char b = (unsigned char)d->text[i];
        if (b < 0x80) {               /* most text: no decoding, no tables */
            i++;
            if ((unsigned)((b | 0x20) - 'a') < 26u) {
                c.letters++;
                skip |= b < 'a' || wl >= WORD_MAX;
                if (!skip)
                    w[wl++] = (char)b;
                continue;
            }
        } else {
            uint32_t cp = ann_utf8_next(d->text, n, &i);
            if (ann_is_letter(cp)) {
                count_letter(l, &c, cp);
                skip |= ann_is_upper(cp) || wl + 4 > WORD_MAX;
                if (!skip)
                    wl += ann_utf8_put(cp, w + wl);
                continue;
            }
        }
        if (wl && !skip && count_word(l, &c, w, wl) && settled(l, &c))
            break;
        wl = 0;
        skip = 0;
    }
    if (wl && !skip && n == d->len)   /* a word cut by the sample is not counted */
        count_word(l, &c, w, wl);
    int lang = decide(l, &c);
    ann_strlcpy(d->lang, lang >= 0 ? l->codes[lang] : "", sizeof d->lang);
}

int ann_lang_has_rules(const ann_lang *l, const char *lang)
{
    if (!lang || !*lang)
        return 1;
    for (int i = 0; l && i < l->ncodes; i++)
        if (strcmp(l->codes[i], lang) == 0)
            return (l->covered >> i) & 1;
    return 0;
}

int ann_lang_function_word(const ann_lang *l, const char *lang, const char *w, size_t n)
{
    if (!l || !lang || !*lang || n > l->maxlen * 2)
        return 0;
    int i = 0;
    while (i < l->ncodes && strcmp(l->codes[i], lang) != 0)
        i++;
    if (i == l->ncodes)
        return 0;
    /* asked at sentence-opening names of every document: an ASCII word is
     * lowered on the stack, only another one allocates */
    char buf[WORD_MAX + 1], *low = buf;
    size_t k = 0;
    while (k < n && k < WORD_MAX && !((unsigned char)w[k] & 0x80)) {
        buf[k] = (char)tolower((unsigned char)w[k]);
        k++;
    }
    if (k < n)
        low = ann_utf8_lower(w, n);
    const fword *f = find_word(l, low, low == buf ? k : strlen(low));
    if (low != buf)
        free(low);
    return f && (f->langs >> i & 1);
}
