/*
 * claims_view.c - the view of a window the finders work on: the window's
 * tokens without markup, the tokens where anything may start (quotation
 * marks, line and paragraph starts, verb and noun cues), the verb cue at
 * each cue head, and what the word table says of a token, looked up when
 * a finder first asks.
 */
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "claims_int.h"

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

/* Do tokens a and b make a quotation mark of wire text, '' or ``: the
 * same ASCII mark twice, nothing between? */
static int wire_pair(const char *text, const ann_token *a, const ann_token *b)
{
    char c = text[a->start];
    return (c == '\'' || c == '`') && a->end == a->start + 1 && b->start == a->end &&
           b->end == b->start + 1 && text[b->start] == c;
}

/* The double mark made of the wire pair at tok[i], tok[i + 1] (of n):
 * `` opens; '' opens where a blank stands before it and a word right
 * after it, and closes elsewhere. */
static ann_token wire_mark(const char *text, const ann_token *tok, size_t i, size_t n)
{
    ann_token m = tok[i];
    m.end = tok[i + 1].end;
    m.kind = ANN_TOK_QUOTE;
    m.ncp = 2;
    m.flags &= ~(uint32_t)(ANN_TF_SINGLE_Q | ANN_TF_QOPEN | ANN_TF_QCLOSE | ANN_TF_SENT_END);
    m.flags |= tok[i + 1].flags & ANN_TF_SENT_END;
    int before = (m.flags & (ANN_TF_SPACE_BEFORE | ANN_TF_LINE_START)) != 0;
    int glued = i + 2 < n && !(tok[i + 2].flags & ANN_TF_SPACE_BEFORE) &&
                tok[i + 2].kind != ANN_TOK_PUNCT;
    m.flags |= text[m.start] == '`' || (before && glued) ? ANN_TF_QOPEN : ANN_TF_QCLOSE;
    m.hash = m.lhash = ann_hash(text + m.start, 2);
    return m;
}

/* Do tokens a, b, c make a clock time, "3:45": number, colon, number,
 * nothing between them? */
static int clock_time(const char *text, const ann_token *a, const ann_token *b,
                      const ann_token *c)
{
    return a->kind == ANN_TOK_NUMBER && b->start == a->end && b->end == b->start + 1 &&
           text[b->start] == ':' && c->start == b->end && c->kind == ANN_TOK_NUMBER;
}

/* List the tokens the finders stop at, and look up the words among them;
 * a small filter of cue heads and noun cues turns nearly every other word
 * away without a lookup.  Markup tokens are left out, the wire
 * quotation marks '' and `` and clock times ("3:45") made one token each
 * (v->own is then the window's tokens so changed, made in the same pass): a sentence,
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
        size_t merge = 0;        /* tokens made one in the copy */
        if (t->kind != ANN_TOK_WORD && i + 1 < w->n && wire_pair(w->text, t, &tok[i + 1]))
            merge = 2;           /* '' and `` are one double mark */
        else if (t->kind == ANN_TOK_NUMBER && i + 2 < w->n &&
                 clock_time(w->text, t, &tok[i + 1], &tok[i + 2]))
            merge = 3;           /* "3:45" is one number: its colon introduces nothing */
        if (merge) {
            if (!own)
                own = ann_xmalloc(w->n * sizeof *own);
            copy_run(own + n - (i - run), tok + run, i - run, run_carry);
            if (merge == 2) {
                own[n] = wire_mark(w->text, tok, i, w->n);
            } else {
                own[n] = *t;
                own[n].end = tok[i + 2].end;
                own[n].flags |= tok[i + 2].flags & ANN_TF_SENT_END;
                own[n].ncp = (uint16_t)(own[n].end - own[n].start);
            }
            own[n].flags |= i == run ? run_carry : 0;
            t = &own[n];
            run = i + merge;
            run_carry = 0;
            i += merge - 1;
        } else if (t->kind == ANN_TOK_MARKUP) {
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

/* A cue word after a determiner is a noun ("the dispute", "a report"),
 * a cue nowhere; not after one that may stand alone (words.tsv's alone:
 * "told her", "one said", "this shows"). */
static int noun_after_det(cl_view *v, size_t i)
{
    if (i == 0 || (v->t[i].flags & (ANN_TF_SENT_START | ANN_TF_PARA_START)) ||
        v->t[i - 1].kind != ANN_TOK_WORD)
        return 0;
    size_t d = i - 1;
    if (v->t[d].kind == ANN_TOK_NUMBER && d > 0)
        d--;                     /* "that 2013 report" */
    if (v->t[d].kind != ANN_TOK_WORD)
        return 0;
    uint64_t x = v->info[d] ? v->info[d] : cl_info_of(v, d);
    return (x & CL_W_DET) && !(x & CL_W_PRON) && !(x >> CL_V_SETS_SHIFT & CL_S_ALONE);
}

/* The view of window w: its tokens, and the verb cue at each cue head
 * (cues look ahead, so once the tokens are in place). */
void cl_view_build(cl_view *v, const ann_window *w)
{
    /* what adjective() asks of every word before a cue, once a window */
    for (size_t j = 0; j < v->rules->nsuffixes; j++) {
        size_t n = strlen(v->rules->suffixes[j]);
        unsigned char last = n ? (unsigned char)v->rules->suffixes[j][n - 1] : 0;
        v->suffix_last[last / 64] |= (uint64_t)1 << (last % 64);
    }
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
            if ((x & cue_bits) && noun_after_det(v, i))
                x &= ~cue_bits;
        }
        v->info[i] = x;
        v->hot[k] = i;
        k += (x & (cue_bits | CL_W_NOUNCUE)) || v->t[i].kind == ANN_TOK_QUOTE ||
             (v->t[i].flags & (ANN_TF_PARA_START | ANN_TF_LINE_START));
    }
    v->nhot = k;
}

void cl_view_free(cl_view *v)
{
    free(v->mate);               /* the block of every per-token array */
    free(v->own);
    free(v->persons);
    free(v->ments);
    free(v->ment_bucket);
    free(v->dates);
}
