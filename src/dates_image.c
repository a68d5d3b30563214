/*
 * dates_image.c - the date rules compiled at build time (image.h): the
 * word tables, their indexes and the rule index (dates_trie.h) are
 * attached in place; the rules are made again from their saved fields,
 * their regexes decoded from PCRE2's serialized form (no pattern is
 * compiled at start-up).  A PCRE2 library other than the one the image
 * was made with refuses the serialized form: the rules are then loaded
 * from their sources (the engine falls back when attaching fails).
 */
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates_rules.h"
#include "image.h"

/* A field added to the structures below must be saved and attached here
 * too: these sizes (of a 64-bit build) make the compiler say so. */
#if UINTPTR_MAX == 0xffffffffffffffffu
_Static_assert(sizeof(ann_date_rules) == 520, "ann_date_rules changed: see dates_image.c");
_Static_assert(sizeof(tx_rule) == 176, "tx_rule changed: see dates_image.c");
_Static_assert(sizeof(tx_piece) == 32, "tx_piece changed: see dates_image.c");
_Static_assert(sizeof(tx_trie) == 336, "tx_trie changed: see dates_image.c");
_Static_assert(sizeof(tx_entry) == 16 && sizeof(tx_wordclass) == 16,
               "the word tables changed: see dates_image.c");
#endif

typedef struct tx_image {
    uint64_t ent, nent;                  /* {key, value} string offsets */
    ann_img_table index;
    uint64_t wc, nwc;                    /* {word, flags} */
    ann_img_table wc_index;
    uint64_t cue_tail;
    uint64_t rules, nrules;              /* rule_img */
    uint64_t pieces;                     /* piece_img, the rules' in turn */
    uint64_t codes, ncodebytes;          /* pcre2_serialize_encode of every rule's */
    uint64_t maxgroups;
    uint64_t must;                       /* tx_must per rule */
    /* the rule index */
    uint64_t setw, cls, ncls, node, nnode, pair, two, three, nthree, deep, accs, naccs;
} tx_image;

typedef struct rule_img {
    uint64_t name, fn;                   /* fn: its name, 0 = the template */
    uint64_t nargs, ngroups, ntpl;
    int64_t group[TX_MAXARGS];
    uint64_t lit[TX_MAXARGS];
    char type[16];
} rule_img;

typedef struct piece_img {
    int64_t kind, group, ref, field, add;
    uint64_t text;
} piece_img;

typedef struct pair_img {
    uint64_t a, b;
} pair_img;

static uint64_t put_str(ann_img *im, const char *s)
{
    return s ? ann_img_str(im, s, strlen(s)) : 0;
}

/* The n codes serialized.  Decoding marks a code's character tables as
 * shared, which shows in its bytes: codes compiled here are encoded,
 * decoded and encoded again, so that rules attached from an image save
 * to the same bytes as the rules they were made from. */
static int encode(pcre2_code **codes, size_t n, uint8_t **bytes, PCRE2_SIZE *size)
{
    if (pcre2_serialize_encode((const pcre2_code **)codes, (int32_t)n, bytes, size, NULL) <= 0)
        return -1;
    if (pcre2_serialize_get_number_of_codes(*bytes) != (int32_t)n)
        return -1;
    pcre2_code **again = ann_xcalloc(n, sizeof *again);
    int32_t k = pcre2_serialize_decode(again, (int32_t)n, *bytes, NULL);
    pcre2_serialize_free(*bytes);
    int rc = k == (int32_t)n &&
             pcre2_serialize_encode((const pcre2_code **)again, (int32_t)n, bytes, size,
                                    NULL) > 0 ? 0 : -1;
    for (int32_t i = 0; i < k; i++)
        pcre2_code_free(again[i]);
    free(again);
    return rc;
}

static void save_rules(const ann_date_rules *r, ann_img *im, tx_image *h)
{
    rule_img *ri = ann_xcalloc(r->nrules, sizeof *ri);
    size_t npieces = 0;
    for (size_t i = 0; i < r->nrules; i++)
        npieces += r->rules[i].ntpl;
    piece_img *pi = ann_xcalloc(npieces, sizeof *pi);
    pcre2_code **codes = ann_xcalloc(r->nrules, sizeof *codes);
    size_t k = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        const tx_rule *ru = &r->rules[i];
        ri[i].name = put_str(im, ru->name);
        ri[i].fn = ru->fn ? put_str(im, ru->fn->name) : 0;
        ri[i].nargs = ru->nargs;
        ri[i].ngroups = ru->ngroups;
        ri[i].ntpl = ru->ntpl;
        for (size_t a = 0; a < TX_MAXARGS; a++) {
            ri[i].group[a] = ru->args[a].group;
            ri[i].lit[a] = put_str(im, ru->args[a].lit);
        }
        memcpy(ri[i].type, ru->type, sizeof ru->type);
        for (size_t j = 0; j < ru->ntpl; j++, k++) {
            const tx_piece *p = &ru->tpl[j];
            piece_img q = {p->kind, p->group, p->ref, p->field, p->add, put_str(im, p->text)};
            pi[k] = q;
        }
        codes[i] = ru->re;
    }
    h->nrules = r->nrules;
    h->rules = ann_img_put(im, ri, r->nrules * sizeof *ri, 8);
    h->pieces = ann_img_put(im, pi, npieces * sizeof *pi, 8);
    uint8_t *bytes = NULL;
    PCRE2_SIZE size = 0;
    if (r->nrules > 0 && encode(codes, r->nrules, &bytes, &size) == 0) {
        h->codes = ann_img_put(im, bytes, size, 8);
        h->ncodebytes = size;
        pcre2_serialize_free(bytes);
    }
    h->maxgroups = r->maxgroups;
    free(codes);
    free(pi);
    free(ri);
}

static void save_trie(const tx_trie *t, ann_img *im, tx_image *h)
{
    size_t nc = t->ncls, nthree = 2;
    for (size_t i = 0; t->two && i < nc * nc; i++)
        if (t->two[i] >= nthree)
            nthree = (size_t)t->two[i] + 1;
    h->setw = t->setw;
    h->cls = ann_img_put(im, t->cls, sizeof t->cls, 8);
    h->ncls = nc;
    h->node = ann_img_put(im, t->node, t->nnode * sizeof *t->node, 16);
    h->nnode = t->nnode;
    if (t->pair) {
        h->pair = ann_img_put(im, t->pair, nc * nc * sizeof *t->pair, 8);
        h->two = ann_img_put(im, t->two, nc * nc * sizeof *t->two, 8);
        h->three = ann_img_put(im, t->three, nthree * sizeof *t->three, 16);
        h->nthree = nthree;
    }
    if (t->deep)
        h->deep = ann_img_put(im, t->deep, ((size_t)1 << TX_DEEP_BITS) / 8, 64);
    h->accs = ann_img_put(im, t->accs, t->naccs * t->setw * sizeof *t->accs, 8);
    h->naccs = t->naccs;
}

/* The word tables: {key, value} string pairs, {word, flags} pairs. */
static uint64_t save_ent(ann_img *im, const tx_entry *v, size_t n)
{
    pair_img *p = ann_xcalloc(n, sizeof *p);
    for (size_t i = 0; i < n; i++) {
        p[i].a = put_str(im, v[i].key);
        p[i].b = put_str(im, v[i].value);
    }
    uint64_t off = ann_img_put(im, p, n * sizeof *p, 8);
    free(p);
    return off;
}

static uint64_t save_wc(ann_img *im, const tx_wordclass *v, size_t n)
{
    pair_img *p = ann_xcalloc(n, sizeof *p);
    for (size_t i = 0; i < n; i++) {
        p[i].a = put_str(im, v[i].word);
        p[i].b = v[i].flags;
    }
    uint64_t off = ann_img_put(im, p, n * sizeof *p, 8);
    free(p);
    return off;
}

uint64_t ann_date_rules_save(const ann_date_rules *r, ann_img *im)
{
    tx_image h;
    memset(&h, 0, sizeof h);
    h.nent = r->nent;
    h.ent = save_ent(im, r->ent, r->nent);
    h.index = ann_img_put_table(im, &r->index);
    h.nwc = r->nwc;
    h.wc = save_wc(im, r->wc, r->nwc);
    h.wc_index = ann_img_put_table(im, &r->wc_index);
    h.cue_tail = r->cue_tail;
    save_rules(r, im, &h);
    if (r->nrules > 0 && !h.codes)
        return 0;             /* not serializable: loaded at run time */
    save_trie(&r->pre, im, &h);
    h.must = r->nrules ? ann_img_put(im, r->must, r->nrules * sizeof *r->must, 8) : 0;
    return ann_img_put(im, &h, sizeof h, 8);
}

/* ---- attaching ---------------------------------------------------------- */

static char *str_at(const ann_image *im, uint64_t off)
{
    return (char *)ann_img_at(im, off);
}

static void attach_trie(const ann_image *im, const tx_image *h, tx_trie *t)
{
    t->setw = (size_t)h->setw;
    memcpy(t->cls, ann_img_at(im, h->cls), sizeof t->cls);
    t->ncls = (size_t)h->ncls;
    t->node = (tx_node *)ann_img_at(im, h->node);
    t->nnode = (size_t)h->nnode;
    t->pair = (uint32_t *)ann_img_at(im, h->pair);
    t->two = (uint16_t *)ann_img_at(im, h->two);
    t->three = (uint64_t(*)[2])ann_img_at(im, h->three);
    t->deep = (uint64_t *)ann_img_at(im, h->deep);
    t->accs = (uint64_t *)ann_img_at(im, h->accs);
    t->naccs = (size_t)h->naccs;
}

/* The rules from their saved fields; -1 when PCRE2 refuses the codes. */
static int attach_rules(const ann_image *im, const tx_image *h, ann_date_rules *r)
{
    size_t n = (size_t)h->nrules;
    pcre2_code **codes = ann_xcalloc(n, sizeof *codes);
    if (n > 0 && pcre2_serialize_decode(codes, (int32_t)n, ann_img_at(im, h->codes), NULL) !=
                     (int32_t)n) {
        free(codes);
        return -1;
    }
    const rule_img *ri = ann_img_at(im, h->rules);
    const piece_img *pi = ann_img_at(im, h->pieces);
    r->rules = ann_xcalloc(n, sizeof *r->rules);
    r->nrules = n;
    for (size_t i = 0; i < n; i++, ri++) {
        tx_rule *ru = &r->rules[i];
        ru->name = str_at(im, ri->name);
        memcpy(ru->type, ri->type, sizeof ru->type);
        const char *fn = str_at(im, ri->fn);
        ru->fn = fn ? tx_norm_find(fn, strlen(fn)) : NULL;
        ru->nargs = (size_t)ri->nargs;
        for (size_t a = 0; a < TX_MAXARGS; a++) {
            ru->args[a].group = (int)ri->group[a];
            ru->args[a].lit = str_at(im, ri->lit[a]);
        }
        ru->ntpl = (size_t)ri->ntpl;
        ru->tpl = ann_xcalloc(ru->ntpl, sizeof *ru->tpl);
        for (size_t j = 0; j < ru->ntpl; j++, pi++) {
            tx_piece p = {(int)pi->kind, (int)pi->group, str_at(im, pi->text),
                          (int)pi->ref, (int)pi->field, (int)pi->add};
            ru->tpl[j] = p;
        }
        ru->ngroups = (uint32_t)ri->ngroups;
        ru->re = codes[i];
    }
    free(codes);
    r->maxgroups = (uint32_t)h->maxgroups;
    return 0;
}

ann_date_rules *ann_date_rules_attach(const ann_image *im, uint64_t root)
{
    const tx_image *h = ann_img_at(im, root);
    ann_date_rules *r = ann_xcalloc(1, sizeof *r);
    r->image = im;
    pthread_mutex_init(&r->jit_lock, NULL);
    if (attach_rules(im, h, r) < 0) {
        tx_image_free(r);
        return NULL;
    }
    const pair_img *e = ann_img_at(im, h->ent);
    r->nent = r->capent = (size_t)h->nent;
    r->ent = ann_xcalloc(r->nent, sizeof *r->ent);
    for (size_t i = 0; i < r->nent; i++) {
        r->ent[i].key = str_at(im, e[i].a);
        r->ent[i].value = str_at(im, e[i].b);
    }
    r->index = ann_img_table_at(im, &h->index);
    const pair_img *w = ann_img_at(im, h->wc);
    r->nwc = r->capwc = (size_t)h->nwc;
    r->wc = ann_xcalloc(r->nwc, sizeof *r->wc);
    for (size_t i = 0; i < r->nwc; i++) {
        r->wc[i].word = str_at(im, w[i].a);
        r->wc[i].flags = (unsigned)w[i].b;
    }
    r->wc_index = ann_img_table_at(im, &h->wc_index);
    r->cue_tail = (size_t)h->cue_tail;
    attach_trie(im, h, &r->pre);
    r->must = (tx_must *)ann_img_at(im, h->must);
    /* Each rule is JIT-compiled on first use (tx_rule_jit_now), which
     * falls back to the interpreter by itself where the JIT fails. */
    uint32_t jit = 0;
    r->jit = ann_jit_ok() && pcre2_config(PCRE2_CONFIG_JIT, &jit) >= 0 && jit;
    return r;
}

/* What attaching allocated: the strings and tables are the image's. */
void tx_image_free(ann_date_rules *r)
{
    for (size_t i = 0; i < r->nrules; i++) {
        free(r->rules[i].tpl);
        pcre2_code_free(r->rules[i].re);
    }
    free(r->rules);
    free(r->ent);
    free(r->wc);
    pthread_mutex_destroy(&r->jit_lock);
    free(r);
}
