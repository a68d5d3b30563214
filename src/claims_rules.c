/*
 * claims_rules.c - the claims annotator's knowledge, loaded once from the
 * files the engine gathered under claims/ (cues.tsv, speakers.tsv,
 * nouns.tsv, words.tsv: built in, then the user's) and read-only
 * afterwards, so threads share it: the verb cues, and one table of words
 * that answers, in one lookup a token, every question the finders ask of
 * a word (its kinds, its closed classes, the cues it heads).  Also the
 * cue list as the entities annotator's lexicon entries of kind "cue".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "claims.h"
#include "claims_int.h"
#include "rulefile.h"

typedef struct loader {
    ann_claim_rules *r;
    size_t capcues, capwords, capsuffixes;
    int sets;                /* reading words.tsv: classes, not kinds */
} loader;

static void add_word(loader *ld, const char *w, size_t n, unsigned kind)
{
    cl_word cw;
    memset(&cw, 0, sizeof cw);
    cw.h = ann_hash_lower(w, n);
    cw.kind = kind;
    ANN_PUSH(ld->r->words, ld->r->nwords, ld->capwords, cw);
}

/* The class letters of a cue line (cues.tsv's header), or -1 for a
 * letter that names none. */
static long parse_classes(const char *s, size_t n)
{
    static const char letters[] = "CBOTNPMAQSIERF";
    long cls = 0;
    for (size_t i = 0; i < n; i++) {
        const char *at = s[i] ? strchr(letters, s[i]) : NULL;
        if (at)
            cls |= 1L << (at - letters);
        else if (s[i] != '-')
            return -1;
    }
    return cls;
}

static int cue_line(void *arg, const char *s, size_t n, const char *name,
                    size_t lineno, char *err, size_t errlen)
{
    loader *ld = arg;
    ann_field f[2];
    long cls = -1;
    if (ann_rule_fields(s, n, f, 2) == 2 && f[0].n > 0 && f[1].n > 0)
        cls = parse_classes(f[1].s, f[1].n);
    if (cls < 0) {
        ann_load_error(err, errlen, name, lineno,
                       "want a form, a tab and class letters from CBOTNPMAQSIERF or -");
        return -1;
    }
    const char *tab = f[1].s - 1;
    cl_cue c;
    memset(&c, 0, sizeof c);
    c.cls = (unsigned)cls;
    for (const char *p = s; p < tab; ) {
        const char *sp = memchr(p, ' ', (size_t)(tab - p));
        const char *we = sp ? sp : tab;
        if (we > p && c.n == CL_MAXCUE) {
            ann_load_error(err, errlen, name, lineno, "a cue has %d words at most", CL_MAXCUE);
            return -1;
        }
        if (we > p)
            c.h[c.n++] = ann_hash_lower(p, (size_t)(we - p));
        p = we + 1;
    }
    if (c.n == 0 || s[0] == ' ') {
        ann_load_error(err, errlen, name, lineno, "want a form, a tab and class letters");
        return -1;
    }
    ANN_PUSH(ld->r->cues, ld->r->ncues, ld->capcues, c);
    const char *sp0 = memchr(s, ' ', (size_t)(tab - s));
    add_word(ld, s, (size_t)((sp0 ? sp0 : tab) - s), CL_W_CUEHEAD);
    return 0;
}

/* A line of speakers.tsv (word TAB kind) or words.tsv (word TAB class). */
static int word_line(void *arg, const char *s, size_t n, const char *name,
                     size_t lineno, char *err, size_t errlen)
{
    loader *ld = arg;
    static const struct { const char *name; unsigned kind, set; } classes[] = {
        {"head", CL_W_HEAD, 0}, {"mod", CL_W_MOD, 0}, {"det", CL_W_DET, 0},
        {"pron", CL_W_PRON, 0}, {"obj", CL_W_OBJ, 0}, {"adv", CL_W_ADV, 0},
        {"stop", CL_W_STOP, 0}, {"be", CL_W_BE, 0},
        {"prep", 0, CL_S_PREP}, {"advb", 0, CL_S_ADVB}, {"time", 0, CL_S_TIME},
        {"aux", 0, CL_S_AUX}, {"quant", 0, CL_S_QUANT}, {"req", 0, CL_S_REQ},
        {"bare", 0, CL_S_BARE}, {"conn", 0, CL_S_CONN}, {"first", 0, CL_S_FIRST},
        {"adj", 0, CL_S_ADJ}, {"alone", 0, CL_S_ALONE}, {"appeal", 0, CL_S_APPEAL},
        {"sub", 0, CL_S_SUB}, {"num", 0, CL_S_NUM}, {"none", 0, CL_S_NONE},
        {"wh", 0, CL_S_WH}, {"past", 0, CL_S_PAST}, {"data", 0, CL_S_DATA},
        {"issue", 0, CL_S_ISSUE}, {"cmpd", 0, CL_S_CMPD}, {"chain", 0, CL_S_CHAIN},
        {"modal", 0, CL_S_MODAL}};
    ann_field f[2];
    size_t nf = ann_rule_fields(s, n, f, 2);
    if (ld->sets && nf == 2 && f[0].n > 1 && f[0].s[0] == '-' &&
        f[1].n == 3 && memcmp(f[1].s, "adj", 3) == 0) {
        /* "-ous": a suffix of adjectives */
        if (f[0].n - 1 > CL_MAXSUFFIX) {
            ann_load_error(err, errlen, name, lineno, "a suffix has %d bytes at most", CL_MAXSUFFIX);
            return -1;
        }
        char suf[CL_MAXSUFFIX + 1];
        memset(suf, 0, sizeof suf);
        for (size_t i = 1; i < f[0].n; i++)
            suf[i - 1] = (char)(f[0].s[i] >= 'A' && f[0].s[i] <= 'Z' ? f[0].s[i] + 32 : f[0].s[i]);
        if (ld->r->nsuffixes >= ld->capsuffixes)
            ann_grow((void **)&ld->r->suffixes, &ld->capsuffixes, ld->r->nsuffixes + 1,
                     sizeof *ld->r->suffixes);
        memcpy(ld->r->suffixes[ld->r->nsuffixes++], suf, sizeof suf);
        return 0;
    }
    if (nf == 2 && f[0].n > 0 && !memchr(f[0].s, ' ', f[0].n) &&
        f[0].n <= CL_I_MAXLEN)
        for (size_t k = 0; k < sizeof classes / sizeof classes[0]; k++)
            if (strlen(classes[k].name) == f[1].n &&
                memcmp(classes[k].name, f[1].s, f[1].n) == 0 &&
                (ld->sets ? classes[k].set : classes[k].kind) != 0) {
                cl_word cw;
                memset(&cw, 0, sizeof cw);
                cw.h = ann_hash_lower(f[0].s, f[0].n);
                cw.kind = classes[k].kind;
                cw.sets = classes[k].set;
                cw.len = classes[k].set ? f[0].n : 0;
                ANN_PUSH(ld->r->words, ld->r->nwords, ld->capwords, cw);
                return 0;
            }
    ann_load_error(err, errlen, name, lineno, ld->sets ?
                   "want a word, a tab and a class (prep, advb, time, aux, quant, req, bare, conn, first, adj, alone, appeal, sub, num, none, wh, past, data, issue, cmpd, chain, modal)" :
                   "want a word, a tab and a kind (head, mod, det, pron, obj, adv, stop, be)");
    return -1;
}

/* A line of nouns.tsv: a noun cue alone. */
static int noun_line(void *arg, const char *s, size_t n, const char *name,
                     size_t lineno, char *err, size_t errlen)
{
    if (memchr(s, '\t', n) || memchr(s, ' ', n)) {
        ann_load_error(err, errlen, name, lineno, "want one word a line");
        return -1;
    }
    add_word(arg, s, n, CL_W_NOUNCUE);
    return 0;
}

static int cmp_cue(const void *a, const void *b)
{
    const cl_cue *x = a, *y = b;
    if (x->h[0] != y->h[0])
        return x->h[0] < y->h[0] ? -1 : 1;
    return (int)y->n - (int)x->n;     /* longest first */
}

static int cmp_word(const void *a, const void *b)
{
    const cl_word *x = a, *y = b;
    return x->h < y->h ? -1 : x->h > y->h;
}

/* Sort the words and fold the kinds of a word listed twice into one entry. */
static void merge_words(ann_claim_rules *r)
{
    if (r->nwords > 1)   /* qsort may not be given NULL, even for none */
        qsort(r->words, r->nwords, sizeof *r->words, cmp_word);
    size_t k = 0;
    for (size_t i = 0; i < r->nwords; i++) {
        cl_word *w = &r->words[i];
        if (k > 0 && r->words[k - 1].h == w->h) {
            cl_word *m = &r->words[k - 1];
            m->kind |= w->kind;
            m->sets |= w->sets;
            if (w->sets)
                m->len = w->len;
        } else
            r->words[k++] = *w;
    }
    r->nwords = k;
}

_Static_assert(CL_W_CUETAIL <= CL_I_KIND, "word kinds fit in CL_I_KIND");
_Static_assert(CL_S_MODAL <= CL_I_SETS, "word sets fit in CL_I_SETS");

/* Can the cues c[0 .. n) of one head be found from their second words?
 * Only when the head is a function word, frequent enough to be worth it,
 * and no second word is one. */
static int tail_found(const ann_claim_rules *r, const cl_cue *c, size_t n)
{
    const cl_word *w = cl_word_find(r, c[0].h[0]);
    if (!w || !(w->kind & CL_W_STOP))
        return 0;
    for (size_t k = 0; k < n; k++) {
        const cl_word *t = c[k].n >= 2 ? cl_word_find(r, c[k].h[1]) : NULL;
        if (c[k].n < 2 || (t && (t->kind & CL_W_STOP)))
            return 0;
    }
    return 1;
}

/* Marks the heads tail_found allows (CL_W_TAILED) and adds their cues'
 * second words (CL_W_CUETAIL); the cues are sorted, the words merged. */
static void mark_tails(loader *ld)
{
    ann_claim_rules *r = ld->r;
    size_t nw = r->nwords;
    for (size_t c = 0; c < r->ncues; ) {
        size_t e = c;
        while (e < r->ncues && r->cues[e].h[0] == r->cues[c].h[0])
            e++;
        if (tail_found(r, &r->cues[c], e - c)) {
            for (size_t k = c; k < e; k++) {
                cl_word cw;
                memset(&cw, 0, sizeof cw);
                cw.h = r->cues[k].h[1];
                cw.kind = CL_W_CUETAIL;
                ANN_PUSH(r->words, r->nwords, ld->capwords, cw);
            }
            cl_word head;
            memset(&head, 0, sizeof head);
            head.h = r->cues[c].h[0];
            head.kind = CL_W_TAILED;
            ANN_PUSH(r->words, r->nwords, ld->capwords, head);
        }
        c = e;
    }
    if (r->nwords > nw)
        merge_words(r);
}

/* The slot of the word whose hash is h, which must be a word. */
static cl_slot *slot_of(const ann_claim_rules *r, uint64_t h)
{
    cl_slot *s = &r->slots[CL_GROUP(r, h)];
    size_t k = 0;
    while (k < CL_PROBE - 1 && s[k].h != h)
        k++;
    return &s[k];
}

/* Into the first free slot of the word's group; returns 0 when the group
 * is full. */
static int slot_add(ann_claim_rules *r, size_t i)
{
    const cl_word *w = &r->words[i];
    /* the loader refuses longer words */
    uint64_t info = (w->kind & CL_I_KIND) | (uint64_t)w->sets << CL_I_SETS_SHIFT |
                    (uint64_t)w->len << CL_I_LEN_SHIFT;
    size_t b = CL_GROUP(r, w->h);
    for (size_t k = 0; k < CL_PROBE; k++, b++)
        if (!r->slots[b].info) {
            r->slots[b].h = w->h;
            r->slots[b].info = info;
            return 1;
        }
    return 0;
}

/* The word table, at least CL_LOAD slots a word, doubled until every word
 * finds room in its group.  The table is aligned to a cache line, so a
 * group is one line. */
static void fill_slots(ann_claim_rules *r)
{
    r->nslots = 4;
    r->shift = 62;
    while (r->nslots < r->nwords * CL_LOAD) {
        r->nslots *= 2;
        r->shift--;
    }
    for (;;) {
        size_t i = 0;
        /* and a free group past the end, and room to align */
        size_t align = CL_PROBE * sizeof *r->slots / sizeof *r->slots_mem;
        r->slots_mem = ann_xcalloc(r->nslots + 2 * CL_PROBE, sizeof *r->slots);
        r->slots = (cl_slot *)(r->slots_mem + (align - (uintptr_t)r->slots_mem / sizeof *r->slots_mem % align) % align);
        while (i < r->nwords && slot_add(r, i))
            i++;
        if (i == r->nwords)
            return;
        free(r->slots_mem);
        r->nslots *= 2;
        r->shift--;
    }
}

static void filter_add(uint64_t *f, uint64_t h)
{
    size_t bit = CL_FILTER_BIT(h);
    f[bit / 64] |= (uint64_t)1 << (bit % 64);
}

/* The word table and its filters, and each cue head's run of cues. */
static void index_words(ann_claim_rules *r)
{
    fill_slots(r);
    r->filter = ann_xcalloc(CL_FILTER_BITS / 64, sizeof *r->filter);
    r->heads = ann_xcalloc(CL_FILTER_BITS / 64, sizeof *r->heads);
    for (size_t i = 0; i < r->nwords; i++) {
        filter_add(r->filter, r->words[i].h);
        unsigned k = r->words[i].kind;
        if ((k & CL_W_CUEHEAD && !(k & CL_W_TAILED)) || (k & (CL_W_NOUNCUE | CL_W_CUETAIL)))
            filter_add(r->heads, r->words[i].h);
    }
    for (size_t c = 0; c < r->ncues; ) {
        size_t e = c;
        while (e < r->ncues && r->cues[e].h[0] == r->cues[c].h[0])
            e++;
        /* the loader added every head */
        slot_of(r, r->cues[c].h[0])->info |= (uint64_t)(c + 1) << CL_I_CUE_SHIFT;
        c = e;
    }
}

ann_claim_rules *ann_claim_rules_new(const ann_rule_src *files, size_t nfiles,
                                     char *err, size_t errlen)
{
    ann_claim_rules *r = ann_xcalloc(1, sizeof *r);
    loader ld = { r, 0, 0, 0, 0 };
    for (size_t i = 0; i < nfiles; i++) {
        const char *t = files[i].tree;
        ann_line_fn fn = strcmp(t, "claims/cues.tsv") == 0 ? cue_line :
                         strcmp(t, "claims/nouns.tsv") == 0 ? noun_line : word_line;
        ld.sets = strcmp(t, "claims/words.tsv") == 0;
        if (ann_rule_lines(&files[i], fn, &ld, err, errlen) < 0) {
            ann_claim_rules_free(r);
            return NULL;
        }
    }
    if (r->ncues > 1)
        qsort(r->cues, r->ncues, sizeof *r->cues, cmp_cue);
    merge_words(r);
    mark_tails(&ld);
    if (r->ncues >= CL_V_CUE_MAX) {   /* a view holds a cue in 16 bits */
        snprintf(err, errlen, "claims: too many cues");
        ann_claim_rules_free(r);
        return NULL;
    }
    index_words(r);
    r->h_and = ann_hash_lower("and", 3);
    r->h_but = ann_hash_lower("but", 3);
    return r;
}

/* ---- the cue list as the entities' evidence ------------------------------ */

typedef struct lex_feed {
    ann_buf b;
    size_t lineno;         /* lines written so far */
} lex_feed;

/* One cue line as a lexicon line "form TAB cue TAB - TAB -" with inv=1 for
 * class I, on the same line number, so that a message names the cue. */
static int lex_cue_line(void *arg, const char *s, size_t n, const char *name,
                        size_t lineno, char *err, size_t errlen)
{
    lex_feed *lf = arg;
    (void)name, (void)err, (void)errlen;
    ann_field f[2];
    if (ann_rule_fields(s, n, f, 2) < 2)
        return 0;            /* ann_claim_rules_new has refused it already */
    for (; lf->lineno + 1 < lineno; lf->lineno++)
        ann_buf_add(&lf->b, "\n", 1);
    ann_buf_add(&lf->b, f[0].s, f[0].n);
    ann_buf_adds(&lf->b, "\tcue\t-\t-");
    if (memchr(f[1].s, 'I', f[1].n))
        ann_buf_adds(&lf->b, "\tinv=1");
    ann_buf_add(&lf->b, "\n", 1);
    lf->lineno = lineno;
    return 0;
}

int ann_claim_cues_to_lexicon(ann_rules *rules, const ann_rule_src *cues,
                              char *err, size_t errlen)
{
    lex_feed lf;
    memset(&lf, 0, sizeof lf);
    int rc = ann_rule_lines(cues, lex_cue_line, &lf, err, errlen);
    if (rc == 0 && lf.b.len > 0) {
        ann_rule_src lex = {cues->name, cues->tree, lf.b.p, lf.b.len, cues->builtin};
        rc = ann_rules_load_lexicon(rules, &lex, err, errlen);
    }
    ann_buf_free(&lf.b);
    return rc;
}

void ann_claim_rules_free(ann_claim_rules *r)
{
    if (!r)
        return;
    if (r->image) {         /* the arrays are the image's */
        free(r);
        return;
    }
    free(r->cues);
    free(r->words);
    free(r->suffixes);
    free(r->slots_mem);
    free(r->filter);
    free(r->heads);
    free(r);
}


/* ---- lookups ------------------------------------------------------------ */

_Static_assert(CL_PROBE == 4, "lookup compares CL_PROBE slots");
_Static_assert(CL_PROBE * sizeof(cl_slot) == 64, "a group is a cache line");

const cl_word *cl_word_find(const ann_claim_rules *r, uint64_t h)
{
    size_t lo = 0, hi = r->nwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->words[mid].h < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->nwords && r->words[lo].h == h ? &r->words[lo] : NULL;
}

unsigned cl_word_kind(const ann_claim_rules *r, uint64_t h)
{
    return (unsigned)(cl_lookup(r, h) & CL_I_KIND);
}
