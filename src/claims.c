/*
 * claims.c - the claims annotator's resources and public face: the cue and
 * speaker lexicons (loaded once, read-only afterwards, so threads share
 * them), the per-document state, the per-window view the finders work on,
 * and the one place where claims enter the document with their speaker and
 * medium linked to the entities.
 */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#include "ann.h"
#include "claims.h"
#include "claims_int.h"
#include "rulefile.h"

/* ---- loading ------------------------------------------------------------ */

typedef struct loader {
    ann_claim_rules *r;
    size_t capcues, capwords;
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
    static const char letters[] = "CBOTNPMAQSI";
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
                       "want a form, a tab and class letters from CBOTNPMAQSI or -");
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
        {"bare", 0, CL_S_BARE}, {"conn", 0, CL_S_CONN}, {"first", 0, CL_S_FIRST}};
    ann_field f[2];
    if (ann_rule_fields(s, n, f, 2) == 2 && f[0].n > 0 && !memchr(f[0].s, ' ', f[0].n) &&
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
                   "want a word, a tab and a class (prep, advb, time, aux, quant, req, bare, conn, first)" :
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
_Static_assert(CL_S_FIRST <= CL_I_SETS, "word sets fit in CL_I_SETS");

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
    loader ld = { r, 0, 0, 0 };
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
        ann_rule_src lex = {cues->name, cues->tree, lf.b.p, lf.b.len};
        rc = ann_rules_load_lexicon(rules, &lex, err, errlen);
    }
    ann_buf_free(&lf.b);
    return rc;
}

void ann_claim_rules_free(ann_claim_rules *r)
{
    if (!r)
        return;
    free(r->cues);
    free(r->words);
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

/* The sets of a word whose slot info is info, when it has the length the
 * sets want (n bytes), as view info bits. */
static inline uint64_t sets_of(uint64_t info, size_t n)
{
    return (info >> CL_I_LEN_SHIFT) == n ? info & ((uint64_t)CL_I_SETS << CL_I_SETS_SHIFT) : 0;
}

int cl_span_in_set(const cl_view *v, ann_span s, unsigned sets)
{
    uint64_t info = cl_lookup(v->rules, ann_hash_lower(v->text + s.start, s.end - s.start));
    return (sets_of(info, s.end - s.start) >> CL_V_SETS_SHIFT & sets) != 0;
}

/* The kinds of a word token, and its sets when it has the length of the
 * listed word. */
static uint64_t view_info(const ann_claim_rules *r, const ann_token *t)
{
    if (t->kind != ANN_TOK_WORD)
        return CL_V_KNOWN;
    uint64_t info = cl_lookup(r, t->lhash);
    return CL_V_KNOWN | (info & CL_I_KIND) | sets_of(info, t->end - t->start);
}

_Static_assert(CL_I_SETS_SHIFT == CL_V_SETS_SHIFT, "sets stay where they are");

_Static_assert(CL_I_CUE_SHIFT == CL_V_CUE_SHIFT, "the first cue stays where it is");

/* view_info of a word token, with 1 + the first of the cues it heads in
 * the cue bits (0 for none): the lookup has found the slot already,
 * match_cue needs not look again. */
static uint64_t head_info(const ann_claim_rules *r, const ann_token *t)
{
    uint64_t info = cl_lookup(r, t->lhash);
    return CL_V_KNOWN | (info & (CL_I_KIND | CL_V_CUE_BITS)) | sets_of(info, t->end - t->start);
}

uint64_t cl_info_of(const cl_view *v, size_t i)
{
    return v->info[i] = view_info(v->rules, &v->t[i]);
}

/* 1 + the index of the longest verb cue that starts at token i, 0 for
 * none; c0 is 1 + the first cue that token i heads, 0 for none
 * (lowercase words only: a capitalised "Says" in a title still counts,
 * "Order" in a name rarely). */
static uint64_t match_cue(const cl_view *v, size_t i, uint64_t c0)
{
    const ann_claim_rules *r = v->rules;
    uint64_t h = v->t[i].lhash;
    if (c0 == 0)
        return 0;
    for (size_t c = c0 - 1; c < r->ncues && r->cues[c].h[0] == h; c++) {
        const cl_cue *cue = &r->cues[c];
        if (i + cue->n > v->n)
            continue;
        unsigned k = 1;
        while (k < cue->n && v->t[i + k].kind == ANN_TOK_WORD &&
               v->t[i + k].lhash == cue->h[k])
            k++;
        if (k == cue->n)
            return c + 1;
    }
    return 0;
}

/* ---- linking speakers and media to entities ----------------------------- */

/* The first of e's mentions (sorted by start) that starts at or after b. */
static size_t first_from(const ann_entity *e, size_t b)
{
    size_t lo = 0, hi = e->nmentions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (e->mentions[mid].start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The window's mentions of actors and sources, to be found by where they
 * start.  Speakers and media stand in the window, so earlier windows'
 * mentions are left out: a huge document costs each window only its own
 * mentions.  Which of several mentions entity_in prefers does not depend
 * on their order, so buckets of CL_MENT_BYTES need no sorting inside. */
static void index_mentions(cl_view *v)
{
    const ann_doc *d = v->doc;
    size_t from = v->n ? v->t[0].start : 0, to = v->n ? v->t[v->n - 1].end : 0;
    size_t nb = (to - from) / CL_MENT_BYTES + 1;
    size_t *at = ann_xcalloc(nb + 2, sizeof *at);  /* at[k + 2]: bucket k's count */
    cl_ment *all = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < d->nents; i++) {
        const ann_entity *e = &d->ents[i];
        if (e->cat == ANN_CAT_PLACE)
            continue;
        for (size_t m = first_from(e, from); m < e->nmentions && e->mentions[m].start < to; m++) {
            /* document order of entities, then of mentions: the tie-break */
            cl_ment cm = { e->mentions[m].start, e->mentions[m].end, (i << 24) | (m & 0xFFFFFF), e };
            ANN_PUSH(all, n, cap, cm);
            at[(cm.start - from) / CL_MENT_BYTES + 2]++;
            if (cm.end > cm.start && cm.end - cm.start > v->ment_len)
                v->ment_len = cm.end - cm.start;
        }
    }
    for (size_t k = 2; k < nb + 2; k++)
        at[k] += at[k - 1];
    /* at[k + 1] is where bucket k begins; placing moves it to its end */
    v->ments = ann_xmalloc((n ? n : 1) * sizeof *v->ments);
    for (size_t j = 0; j < n; j++)
        v->ments[at[(all[j].start - from) / CL_MENT_BYTES + 1]++] = all[j];
    free(all);
    v->ment_bucket = at;
    v->nments = n;
    v->nbuckets = nb;
    v->ment_from = from;
    v->ments_ready = 1;
}

/* The actor or source with a mention inside span s, preferring the mention
 * that ends last (the head of "NATO Secretary General Jens Stoltenberg"),
 * and of those the first in document order. */
static const ann_entity *entity_in(cl_view *v, ann_span s, int sources_only)
{
    if (!v->ments_ready)
        index_mentions(v);
    if (s.end <= v->ment_from || v->nments == 0)
        return NULL;
    /* a mention that starts ment_len before s or earlier cannot reach it */
    size_t lo = s.start > v->ment_from + v->ment_len ?
                (s.start - v->ment_len - v->ment_from) / CL_MENT_BYTES : 0;
    size_t hi = (s.end - 1 - v->ment_from) / CL_MENT_BYTES + 1;
    if (hi > v->nbuckets)
        hi = v->nbuckets;
    const cl_ment *best = NULL;
    for (size_t j = lo < hi ? v->ment_bucket[lo] : 0; lo < hi && j < v->ment_bucket[hi]; j++) {
        const cl_ment *m = &v->ments[j];
        if (m->start >= s.end || m->end <= s.start ||
            (sources_only && m->e->cat != ANN_CAT_SOURCE))
            continue;
        if (!best || m->end > best->end || (m->end == best->end && m->order < best->order))
            best = m;
    }
    return best ? best->e : NULL;
}

static int is_person(const ann_entity *e)
{
    return e->cat == ANN_CAT_ACTOR && e->type && strcmp(e->type, "person") == 0;
}

/* The last person mentioned before byte b: what "he" and "she" refer to.
 * Of two mentions that start together, the later entity's. */
static const ann_entity *last_person(const ann_doc *d, size_t b)
{
    const ann_entity *best = NULL;
    size_t best_start = 0;
    for (size_t i = 0; i < d->nents; i++) {
        const ann_entity *e = &d->ents[i];
        if (!is_person(e))
            continue;
        size_t m = first_from(e, b);    /* mentions are sorted: the last before b */
        if (m > 0 && (!best || e->mentions[m - 1].start >= best_start)) {
            best = e;
            best_start = e->mentions[m - 1].start;
        }
    }
    return best;
}

static int cmp_ment(const void *a, const void *b)
{
    const cl_ment *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The window's person mentions, and each person's last one before the
 * window, by start: a he or she speaker costs a binary search, not a walk
 * over every entity of a huge document. */
static void index_persons(cl_view *v)
{
    const ann_doc *d = v->doc;
    size_t cap = 0;
    for (size_t i = 0; i < d->nents; i++) {
        const ann_entity *e = &d->ents[i];
        if (!is_person(e))
            continue;
        size_t m = first_from(e, v->t[0].start);
        for (m -= m > 0; m < e->nmentions && e->mentions[m].start < v->t[v->n - 1].end; m++) {
            cl_ment cm = { e->mentions[m].start, e->mentions[m].end, i, e };
            ANN_PUSH(v->persons, v->npersons, cap, cm);
        }
    }
    if (v->npersons)    /* qsort(NULL, 0, ...) is undefined behaviour */
        qsort(v->persons, v->npersons, sizeof *v->persons, cmp_ment);
    v->persons_ready = 1;
}

/* last_person for b in the window. */
static const ann_entity *window_person(cl_view *v, size_t b)
{
    if (b < v->t[0].start)
        return last_person(v->doc, b);   /* a speaker from an earlier window */
    if (!v->persons_ready)
        index_persons(v);
    size_t lo = 0, hi = v->npersons;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->persons[mid].start < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo > 0 ? v->persons[lo - 1].e : NULL;
}

static inline int is_word_ci(const char *text, ann_span s, const char *w)
{
    size_t n = strlen(w);
    if (s.end - s.start != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[s.start + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return 0;
    }
    return 1;
}

static char *speaker_id(cl_view *v, ann_span sp)
{
    const ann_doc *d = v->doc;
    const ann_entity *e = NULL;
    if (is_word_ci(d->text, sp, "he") || is_word_ci(d->text, sp, "she"))
        e = window_person(v, sp.start);
    else
        e = entity_in(v, sp, 0);
    return e ? ann_xstrdup(e->id) : NULL;
}

/* ---- emitting ----------------------------------------------------------- */

static void set_last(ann_claims *st, const ann_claim *c)
{
    cl_last *l = &st->last;
    l->valid = 1;
    l->cue = c->cue;
    l->speaker = c->speaker;
    l->medium_id = c->medium_id;     /* claims stay while the document does */
    l->end = c->content.end;
    if (c->cue.end > l->end)
        l->end = c->cue.end;
    if (c->speaker.end > l->end)
        l->end = c->speaker.end;
}

const char *cl_source_in(cl_view *v, ann_span s)
{
    const ann_entity *e = entity_in(v, s, 1);
    return e ? e->id : NULL;
}

int cl_is_entity(cl_view *v, ann_span s)
{
    return entity_in(v, s, 0) != NULL;
}

/* nested: the cue stands inside a quotation, so the claim is one the
 * speaker reports and does not become the statement later quotes continue. */
void cl_emit(cl_view *v, ann_claim_kind kind, ann_span content, ann_span cue,
             ann_span speaker, const char *medium_id, int nested)
{
    ann_doc *d = v->doc;
    if (content.end <= content.start || speaker.end <= speaker.start)
        return;
    /* The same content found twice (a verb cue and a noun cue, say) is one
     * claim; looking back a few claims is enough, they come in order. */
    for (size_t i = d->nclaims, k = 0; i > v->claims_from && k < 8; i--, k++)
        if (d->claims[i - 1].content.start == content.start &&
            d->claims[i - 1].content.end == content.end)
            return;
    ann_claim *c = ann_doc_add_claim(d);
    c->kind = kind;
    c->content = content;
    c->cue = cue;
    c->speaker = speaker;
    c->speaker_id = speaker_id(v, speaker);
    if (medium_id)
        c->medium_id = ann_xstrdup(medium_id);
    else if (cue.end > cue.start) {
        /* A source named between the cue and the content is the channel:
         * "told the BBC that", "said in an NBC News interview that". */
        ann_span between = { cue.end, content.start };
        const ann_entity *e = content.start > cue.end ?
            entity_in(v, between, 1) : NULL;
        if (e && !(c->speaker_id && strcmp(c->speaker_id, e->id) == 0))
            c->medium_id = ann_xstrdup(e->id);
    }
    if (!nested)
        set_last(v->st, c);
}

/* ---- the public API ------------------------------------------------------ */

ann_claims *ann_claims_new(const ann_claim_rules *r)
{
    ann_claims *st = ann_xcalloc(1, sizeof *st);
    st->rules = r;
    return st;
}

void ann_claims_free(ann_claims *st)
{
    free(st);
}

/* The view's arrays, carved from one block: each array's element size is
 * a multiple of the alignment of the arrays after it. */
/* Every per-token array has one slot more than there are tokens, a guard
 * at [n] that reads as "nothing here" (no mate, no cue, no word), so a
 * look one token ahead at the end of a window is harmless. */
static void alloc_view(cl_view *v, size_t n)
{
    size_t per = sizeof *v->mate + sizeof *v->hot + sizeof *v->info +
                 sizeof *v->used + sizeof *v->inq;
    size_t m = n + 1;
    /* m * per cannot wrap in practice (the window's own tokens take 40 n
     * bytes); if it would, ask for what malloc refuses: out of memory */
    char *p = ann_xmalloc(m > SIZE_MAX / per ? SIZE_MAX : m * per);
    v->mate = (size_t *)p;
    p += m * sizeof *v->mate;
    v->hot = (size_t *)p;
    p += m * sizeof *v->hot;
    v->info = (uint64_t *)p;
    p += m * sizeof *v->info;
    v->used = (unsigned char *)p;
    v->inq = v->used + m;
    /* scan_tokens writes info, mate and the hot list, cl_pair_quotes the
     * pairs, cl_find inq where it is read; the info and mate guards are
     * set in build_view */
    memset(v->used, 0, m);
}

/* Tokens [0, len) of src, a run between markup tokens, to dst; the first
 * takes the sentence, paragraph and line starts of the markup before it. */
static void copy_run(ann_token *dst, const ann_token *src, size_t len, uint32_t carry)
{
    if (len == 0)
        return;
    memcpy(dst, src, len * sizeof *dst);
    dst[0].flags |= carry;
}

/* List the tokens the finders stop at, and look up the words among them;
 * a small filter of cue heads and noun cues turns nearly every other word
 * away without a lookup.  Markup tokens are left out (v->own is then the
 * window's tokens without them, made in the same pass): a sentence,
 * paragraph or line that began on a markup token begins on the next real
 * one.  Returns the number of tokens left. */
static size_t scan_tokens(cl_view *v, const ann_window *w)
{
    const uint32_t starts = ANN_TF_SENT_START | ANN_TF_PARA_START | ANN_TF_LINE_START;
    const uint32_t hot_flags = ANN_TF_PARA_START | ANN_TF_LINE_START;
    /* Local copies: the stores below could alias anything reached through
     * a pointer, and would make the compiler reload it all. */
    const ann_claim_rules r = *v->rules;
    const ann_token *tok = w->tok;
    uint64_t *info = v->info;
    size_t *mate = v->mate;
    size_t *hot = v->hot, nhot = 0;
    ann_token *own = NULL;
    uint32_t carry = 0, run_carry = 0;
    size_t n = 0, run = 0;          /* the run of real tokens since markup */
    for (size_t i = 0; i < w->n; i++) {
        const ann_token *t = &tok[i];
        if (t->kind == ANN_TOK_MARKUP) {
            /* the copy is made at the first markup token, a run at a time */
            if (!own)
                own = ann_xmalloc(w->n * sizeof *own);
            copy_run(own + n - (i - run), tok + run, i - run, run_carry);
            carry |= t->flags & starts;
            run_carry = carry;
            run = i + 1;
            continue;
        }
        uint64_t x = 0;
        if (cl_filter_has(r.heads, t->lhash) && t->kind == ANN_TOK_WORD) {
            x = head_info(&r, t);
            /* the word before may head a cue (CL_W_TAILED): build_view
             * looks; the list stays in order and holds no token twice */
            if ((x & CL_W_CUETAIL) && n > 0 && (nhot == 0 || hot[nhot - 1] != n - 1))
                hot[nhot++] = n - 1;
        }
        info[n] = x;
        mate[n] = CL_NONE;
        hot[nhot] = n;
        nhot += ((x & (CL_W_CUEHEAD | CL_W_NOUNCUE)) | ((t->flags | carry) & hot_flags) |
                 (t->kind == ANN_TOK_QUOTE)) != 0;
        carry = 0;
        n++;
    }
    if (own)
        copy_run(own + n - (w->n - run), tok + run, w->n - run, run_carry);
    v->nhot = nhot;
    v->own = own;
    return n;
}

/* The view of window w: its tokens, and the verb cue at each cue head
 * (cues look ahead, so once the tokens are in place). */
static void build_view(cl_view *v, const ann_window *w)
{
    alloc_view(v, w->n);
    v->n = scan_tokens(v, w);
    v->info[v->n] = 0;              /* the guards */
    v->mate[v->n] = CL_NONE;
    v->t = v->own ? v->own : w->tok;
    /* a cue head without its cue ("is", "was") starts nothing: it leaves
     * the list, which the finders walk twice */
    const uint64_t cue_bits = CL_V_CUE_BITS;
    size_t k = 0;
    for (size_t h = 0; h < v->nhot; h++) {
        size_t i = v->hot[h];
        uint64_t x = v->info[i];
        if (!(x & CL_W_CUEHEAD) && (v->info[i + 1] & CL_W_CUETAIL) &&
            v->t[i].kind == ANN_TOK_WORD)
            x = head_info(v->rules, &v->t[i]);    /* "is" before "convinced" */
        if (x & CL_W_CUEHEAD) {
            x = (x & ~cue_bits) | match_cue(v, i, (x & cue_bits) >> CL_V_CUE_SHIFT) << CL_V_CUE_SHIFT;
        }
        v->info[i] = x;
        v->hot[k] = i;
        k += (x & (cue_bits | CL_W_NOUNCUE)) || v->t[i].kind == ANN_TOK_QUOTE ||
             (v->t[i].flags & (ANN_TF_PARA_START | ANN_TF_LINE_START));
    }
    v->nhot = k;
}

void ann_claims_window(ann_claims *st, ann_window *w)
{
    if (!st || !w || w->n == 0)
        return;
    cl_view v;
    memset(&v, 0, sizeof v);
    v.rules = st->rules;
    v.st = st;
    v.doc = w->doc;
    v.text = w->text;
    v.claims_from = w->doc->nclaims;
    build_view(&v, w);
    cl_pair_quotes(&v);
    cl_find(&v);
    free(v.mate);                /* the block of every array */
    free(v.own);
    free(v.persons);
    free(v.ments);
    free(v.ment_bucket);
}
