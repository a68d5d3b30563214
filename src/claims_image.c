/*
 * claims_image.c - the claims annotator's tables compiled at build time
 * (image.h): the cues, the words, the word table and its filters are
 * arrays without pointers, written as they are and attached in place.
 */
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "claims_int.h"
#include "image.h"

/* A field added to the rules must be saved and attached here too: these
 * sizes (of a 64-bit build) make the compiler say so. */
#if UINTPTR_MAX == 0xffffffffffffffffu
_Static_assert(sizeof(ann_claim_rules) == 120, "ann_claim_rules changed: see claims_image.c");
_Static_assert(sizeof(cl_cue) == 40 && sizeof(cl_word) == 24 && sizeof(cl_slot) == 16,
               "the cue and word tables changed: see claims_image.c");
#endif

typedef struct cl_image {
    uint64_t cues, ncues, words, nwords;
    uint64_t slots, nslots, shift;  /* nslots and the free group past them */
    uint64_t filter, heads;         /* CL_FILTER_BITS bits each */
    uint64_t suffixes, nsuffixes;
    uint64_t h_and, h_but;
} cl_image;

uint64_t ann_claim_rules_save(const ann_claim_rules *r, ann_img *im)
{
    cl_image h;
    memset(&h, 0, sizeof h);
    h.cues = ann_img_put(im, r->cues, r->ncues * sizeof *r->cues, 8);
    h.ncues = r->ncues;
    h.words = ann_img_put(im, r->words, r->nwords * sizeof *r->words, 8);
    h.nwords = r->nwords;
    /* a group is one cache line there too */
    h.slots = ann_img_put(im, r->slots, (r->nslots + CL_PROBE) * sizeof *r->slots, 64);
    h.nslots = r->nslots;
    h.shift = r->shift;
    h.filter = ann_img_put(im, r->filter, CL_FILTER_BITS / 8, 64);
    h.heads = ann_img_put(im, r->heads, CL_FILTER_BITS / 8, 64);
    h.suffixes = ann_img_put(im, r->suffixes, r->nsuffixes * sizeof *r->suffixes, 8);
    h.nsuffixes = r->nsuffixes;
    h.h_and = r->h_and;
    h.h_but = r->h_but;
    return ann_img_put(im, &h, sizeof h, 8);
}

ann_claim_rules *ann_claim_rules_attach(const ann_image *im, uint64_t root)
{
    const cl_image *h = ann_img_at(im, root);
    ann_claim_rules *r = ann_xcalloc(1, sizeof *r);
    r->image = im;
    r->cues = (cl_cue *)ann_img_at(im, h->cues);
    r->ncues = (size_t)h->ncues;
    r->words = (cl_word *)ann_img_at(im, h->words);
    r->nwords = (size_t)h->nwords;
    r->slots = (cl_slot *)ann_img_at(im, h->slots);
    r->nslots = (size_t)h->nslots;
    r->shift = (unsigned)h->shift;
    r->filter = (uint64_t *)ann_img_at(im, h->filter);
    r->heads = (uint64_t *)ann_img_at(im, h->heads);
    r->suffixes = (char(*)[CL_MAXSUFFIX + 1])ann_img_at(im, h->suffixes);
    r->nsuffixes = (size_t)h->nsuffixes;
    r->h_and = h->h_and;
    r->h_but = h->h_but;
    return r;
}
