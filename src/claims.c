/*
 * claims.c - the claims annotator's public face: the per-document state
 * (the last statement made, which a quotation that follows may continue),
 * a window's run through the view, the quotation pairs and the finders,
 * and the one place where claims enter the document, their speaker and
 * medium linked to the entities.
 */
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "claims.h"
#include "claims_int.h"

/* ---- emitting ----------------------------------------------------------- */

static void set_last(ann_claims *st, const ann_claim *c)
{
    cl_last *l = &st->last;
    l->valid = 1;
    l->cue = c->cue;
    l->speaker = c->speaker;
    l->speaker_id = c->speaker_id;   /* claims stay while the document does */
    l->medium_id = c->medium_id;
    l->end = c->content.end;
    if (c->cue.end > l->end)
        l->end = c->cue.end;
    if (c->speaker.end > l->end)
        l->end = c->speaker.end;
}

/* Is the span a name or a pronoun, words in capitals or three bytes or
 * fewer ("Trump", "He"), not a phrase that holds one ("Macron's
 * office")? */
static int plain_name(const cl_view *v, ann_span s)
{
    if (s.end - s.start <= 4)
        return 1;
    for (size_t b = s.start; b < s.end; b++)
        if (v->text[b] == '\'' || (unsigned char)v->text[b] == 0xE2 ||
            ((b == s.start || v->text[b - 1] == ' ') &&
                                   v->text[b] >= 'a' && v->text[b] <= 'z'))
            return 0;
    return 1;
}

/* nested: the cue stands inside a quotation, so the claim is one the
 * speaker reports and does not become the statement later quotes continue. */
void cl_emit(cl_view *v, ann_claim_kind kind, ann_span content, ann_span cue,
             ann_span speaker, const char *medium_id, int nested)
{
    ann_doc *d = v->doc;
    if (content.end <= content.start || speaker.end <= speaker.start ||
        cl_in_date(v, speaker.end - 1))
        return;                  /* a date names no speaker: "On Sunday, …" */
    /* The same content found twice (a verb cue and a noun cue, say) is one
     * claim; looking back a few claims is enough, they come in order. */
    for (size_t i = d->nclaims, k = 0; i > v->claims_from && k < 8; i--, k++)
        if (d->claims[i - 1].content.start == content.start &&
            d->claims[i - 1].content.end == content.end)
            return;
    /* one speaker's phrase, one reading: "he said A: “B”" */
    const ann_claim *prev = d->nclaims > v->claims_from ? &d->claims[d->nclaims - 1] : NULL;
    char *speaker_id = prev && prev->speaker.start == speaker.start && prev->speaker.end == speaker.end
                       ? (prev->speaker_id ? ann_xstrdup(prev->speaker_id) : NULL)
                       : cl_speaker_id(v, speaker);
    /* "He said he hoped that …": a speaker's own verb inside what the
     * speaker is said to have said is part of that claim */
    const cl_last *l = &v->st->last;
    if (l->valid && l->speaker_id && speaker_id && strcmp(l->speaker_id, speaker_id) == 0 &&
        plain_name(v, l->speaker) && speaker.end - speaker.start <= 4 &&
        d->nclaims > v->claims_from && d->claims[d->nclaims - 1].kind != ANN_CLAIM_DIRECT &&
        d->claims[d->nclaims - 1].content.start <= cue.start &&
        cue.end <= d->claims[d->nclaims - 1].content.end) {
        free(speaker_id);
        return;
    }
    ann_claim *c = ann_doc_add_claim(d);
    c->kind = kind;
    c->content = content;
    c->cue = cue;
    c->speaker = speaker;
    c->speaker_id = speaker_id;
    if (medium_id)
        c->medium_id = ann_xstrdup(medium_id);
    else if (cue.end > cue.start) {
        /* A source named between the cue and the content is the channel:
         * "told the BBC that", "said in an NBC News interview that". */
        ann_span between = { cue.end, content.start };
        const char *id = content.start > cue.end ? cl_source_in(v, between) : NULL;
        if (id && !(c->speaker_id && strcmp(c->speaker_id, id) == 0))
            c->medium_id = ann_xstrdup(id);
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
    if (st)
        free(st->given);
    free(st);
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
    cl_note_given(st, w);
    cl_view_build(&v, w);
    cl_pair_quotes(&v);
    cl_find(&v);
    cl_view_free(&v);
    st->dates_seen = w->doc->ndates;
}
