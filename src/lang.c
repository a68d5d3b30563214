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
 * Counting words of closed classes is the oldest trick of language
 * identification and is right on any news article of a few sentences;
 * it cannot tell dialects or very close languages apart (Danish and
 * Norwegian), which the annotators do not need.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "lang.h"
#include "utf8.h"

#define SAMPLE (8 * 1024)        /* bytes of text looked at */
#define MAX_LANGS 32             /* a bit each in a word's mask */
#define WORD_MAX 48              /* bytes of a lowercased word; longer is no function word */

typedef struct word_slot {
    char *word;                  /* NULL = empty */
    uint32_t langs;              /* bit i: in the list of codes[i] */
} word_slot;

typedef struct script_range {
    uint32_t first, last;
    int lang, yields;            /* indices into codes; yields -1 if none */
} script_range;

struct ann_lang {
    char codes[MAX_LANGS][8];
    int ncodes;
    word_slot *slots;            /* open addressing, cap a power of two */
    size_t cap, n;
    size_t maxlen;               /* bytes of the longest word */
    script_range *ranges;
    size_t nranges, capranges;
};

static size_t hash(const char *s, size_t n)
{
    size_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static word_slot *find_slot(word_slot *slots, size_t cap, const char *w, size_t n)
{
    size_t i = hash(w, n) & (cap - 1);
    while (slots[i].word && !(strncmp(slots[i].word, w, n) == 0 && slots[i].word[n] == '\0'))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static void add_word(ann_lang *l, const char *w, size_t n, int lang)
{
    if ((l->n + 1) * 2 > l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 1024;
        word_slot *slots = ann_xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < l->cap; i++)
            if (l->slots[i].word)
                *find_slot(slots, cap, l->slots[i].word, strlen(l->slots[i].word)) = l->slots[i];
        free(l->slots);
        l->slots = slots;
        l->cap = cap;
    }
    word_slot *s = find_slot(l->slots, l->cap, w, n);
    if (!s->word) {
        s->word = ann_xstrndup(w, n);
        l->n++;
        if (n > l->maxlen)
            l->maxlen = n;
    }
    s->langs |= 1u << lang;
}

/* The index of a language code, added if new; -1 when there are too many. */
static int lang_index(ann_lang *l, const char *code, size_t n)
{
    for (int i = 0; i < l->ncodes; i++)
        if (strncmp(l->codes[i], code, n) == 0 && l->codes[i][n] == '\0')
            return i;
    if (l->ncodes == MAX_LANGS || n == 0 || n >= sizeof l->codes[0])
        return -1;
    memcpy(l->codes[l->ncodes], code, n);
    l->codes[l->ncodes][n] = '\0';
    return l->ncodes++;
}

/* Visit each line of a rule file that is not blank or a comment, its CR
 * cut; stops at the first nonzero return. */
static int each_line(const ann_builtin_file *f, int (*fn)(ann_lang *, const char *, size_t, void *),
                     ann_lang *l, void *arg, size_t *lineno)
{
    const char *p = f->data, *end = f->data + f->len;
    for (*lineno = 1; p < end; (*lineno)++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        p += n + (nl != NULL);
        if (n && line[n - 1] == '\r')
            n--;
        while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        if (n == 0 || line[0] == '#')
            continue;
        int rc = fn(l, line, n, arg);
        if (rc)
            return rc;
    }
    return 0;
}

static int word_line(ann_lang *l, const char *line, size_t n, void *arg)
{
    if (n > WORD_MAX || memchr(line, '\t', n) || memchr(line, ' ', n) ||
        ann_utf8_count(line, n) < 2)
        return 1;
    add_word(l, line, n, *(int *)arg);
    return 0;
}

static int script_line(ann_lang *l, const char *line, size_t n, void *arg)
{
    (void)arg;
    char buf[128];
    if (n >= sizeof buf)
        return 1;
    memcpy(buf, line, n);
    buf[n] = '\0';
    char *f[4] = {0};
    int nf = 0;
    for (char *s = buf, *tab; nf < 4; s = tab + 1) {
        f[nf++] = s;
        if (!(tab = strchr(s, '\t')))
            break;
        *tab = '\0';
    }
    char *e1, *e2;
    unsigned long first = strtoul(f[0], &e1, 16), last = nf > 1 ? strtoul(f[1], &e2, 16) : 0;
    if (nf < 3 || *e1 || *e2 || first > last || last > 0x10FFFF)
        return 1;
    script_range r = {(uint32_t)first, (uint32_t)last, lang_index(l, f[2], strlen(f[2])),
                      nf > 3 ? lang_index(l, f[3], strlen(f[3])) : -1};
    if (r.lang < 0 || (nf > 3 && r.yields < 0))
        return 1;
    ANN_PUSH(l->ranges, l->nranges, l->capranges, r);
    return 0;
}

static int load_words(ann_lang *l, const ann_builtin_file *f, char *err, size_t errlen)
{
    const char *code = f->name + 5;            /* after "lang/" */
    int lang = lang_index(l, code, strlen(code) - 4);
    size_t lineno = 0;
    if (lang < 0) {
        snprintf(err, errlen, "%s: not a language code, or more than %d languages", f->name,
                 MAX_LANGS);
        return -1;
    }
    if (each_line(f, word_line, l, &lang, &lineno)) {
        snprintf(err, errlen, "%s:%zu: one word a line, of 2 letters to %d bytes", f->name,
                 lineno, WORD_MAX);
        return -1;
    }
    return 0;
}

ann_lang *ann_lang_new(char *err, size_t errlen)
{
    ann_lang *l = ann_xcalloc(1, sizeof *l);
    for (size_t i = 0; i < ann_builtin_nfiles; i++) {
        const ann_builtin_file *f = &ann_builtin_files[i];
        size_t n = strlen(f->name);
        if (strncmp(f->name, "lang/", 5) == 0 && n > 9 && strcmp(f->name + n - 4, ".txt") == 0 &&
            load_words(l, f, err, errlen) < 0) {
            ann_lang_free(l);
            return NULL;
        }
    }
    const ann_builtin_file *s = ann_builtin_get("lang/scripts.tsv");
    size_t lineno = 0;
    if (s && each_line(s, script_line, l, NULL, &lineno)) {
        snprintf(err, errlen, "%s:%zu: want FIRST<TAB>LAST<TAB>LANG[<TAB>YIELDS-TO]", s->name,
                 lineno);
        ann_lang_free(l);
        return NULL;
    }
    return l;
}

void ann_lang_free(ann_lang *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->cap; i++)
        free(l->slots[i].word);
    free(l->slots);
    free(l->ranges);
    free(l);
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
    const word_slot *s = find_slot(l->slots, l->cap, w, n);
    for (uint32_t m = s->word ? s->langs : 0; m; m &= m - 1)
        c->words[__builtin_ctz(m)]++;
    return s->word != NULL;
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

int ann_lang_has_rules(const char *lang)
{
    if (!lang || !*lang)
        return 1;
    const ann_builtin_file *f = ann_builtin_get("lang/covered.tsv");
    size_t n = strlen(lang);
    for (const char *p = f ? f->data : ""; *p;) {
        size_t len = strcspn(p, "\r\n");
        if (len == n && memcmp(p, lang, n) == 0)
            return 1;
        p += len;
        p += strspn(p, "\r\n");
    }
    return 0;
}
