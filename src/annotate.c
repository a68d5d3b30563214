/*
 * annotate.c - the pipeline.  The engine (engine.c) loads everything once;
 * each document then goes through metadata, and window by window through
 * the tokenizer, the rule engine and the annotators, in that order, because
 * claims look for speakers among the entities found in the same window.
 */
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "claims.h"
#include "dates.h"
#include "entities.h"
#include "lang.h"
#include "meta.h"
#include "timing.h"

/* The token and match arrays outlive a document: the thread's next one
 * writes them again while they are still in the cache.  Arrays allocated
 * afresh for each document were memory the cache no longer held, and the
 * stores of tokens and matches missed (callgrind's simulation over 400
 * bench files: 53% of the run's last-level write misses were the
 * tokenizer's, 20% the lexicon's; now 1% and 0.4%). */
struct ann_scratch {
    ann_tokens toks;
    ann_matches matches;
    /* The name finder's state, reset for each document rather than made
     * anew: its arrays stay grown (see ann_entities_reset).  NULL until
     * the first document; made for the engine ents_of. */
    ann_entities *ents;
    const ann_engine *ents_of;
};

ann_scratch *ann_scratch_new(void)
{
    return ann_xcalloc(1, sizeof(ann_scratch));
}

static void scratch_release(ann_scratch *s)
{
    ann_tokens_free(&s->toks);
    ann_matches_free(&s->matches);
    ann_entities_free(s->ents);
    s->ents = NULL;
}

void ann_scratch_free(ann_scratch *s)
{
    if (!s)
        return;
    scratch_release(s);
    free(s);
}

static void annotate_windows(const ann_engine *e, ann_doc *d, ann_scratch *s)
{
    if (s->ents && s->ents_of != e) {
        ann_entities_free(s->ents);
        s->ents = NULL;
    }
    if (!s->ents) {
        s->ents = ann_entities_new(e);
        s->ents_of = e;
    }
    ann_entities *ents = s->ents;
    ann_dates *dates = ann_dates_new(e->date_rules, d->dct);
    /* The claims grammar is the covered languages' (lang/covered.tsv):
     * in another, "Apple Watch:" would be a speaker and a claim. */
    ann_claims *claims = ann_lang_has_rules(e->lang, d->lang) ? ann_claims_new(e->claim_rules)
                                                              : NULL;
    ann_tokenizer tz;
    ann_tokens *toks = &s->toks;
    ann_matches *matches = &s->matches;

    /* News text has a token every five or six bytes: reserving for one in
     * four spares the dozen doublings (and copies) of a growing array. */
    size_t span = d->len < e->window_bytes ? d->len : e->window_bytes;
    ann_grow((void **)&toks->v, &toks->cap, span / 4 + 16, sizeof *toks->v);
    /* about one rule match per three tokens */
    ann_grow((void **)&matches->v, &matches->cap, span / 8 + 8, sizeof *matches->v);
    ann_tokenizer_init(&tz, d->text, d->len, e->abbrevs);
    while (ann_tokenize_window(&tz, toks, e->window_bytes) > 0) {
        ann_time(ANN_T_TOKENS);
        matches->n = 0;
        ann_rules_match(e->rules, d->text, toks->v, toks->n, matches);
        ann_time(ANN_T_MATCH);
        ann_window w = {d, d->text, toks->v, toks->n, matches};
        ann_entities_window(ents, &w);
        ann_time(ANN_T_ENTITIES);
        ann_dates_window(dates, &w);
        ann_time(ANN_T_DATES);
        if (claims)
            ann_claims_window(claims, &w);
        ann_time(ANN_T_CLAIMS);
    }
    ann_time(ANN_T_TOKENS);
    ann_entities_finish(ents, d);
    ann_claims_relink(d);
    ann_entities_reset(ents);
    ann_dates_free(dates);
    ann_claims_free(claims);
}

void ann_annotate(const ann_engine *e, ann_doc *d)
{
    ann_scratch s = {0};
    ann_annotate_with(e, d, &s);
    scratch_release(&s);
}

void ann_annotate_with(const ann_engine *e, ann_doc *d, ann_scratch *s)
{
    if (d->error)
        return;
    ann_lang_detect(e->lang, d);
    if (!ann_lang_has_rules(e->lang, d->lang))
        ann_doc_warn(d, "written in '%s', which the rules do not cover: no claims, and only listed names", d->lang);
    ann_meta_extract(d, e);
    free(d->dct);
    d->dct = NULL;
    if (d->published)
        d->dct = ann_xstrdup(d->published);
    else if (e->default_dct)
        d->dct = ann_xstrdup(e->default_dct);
    ann_time(ANN_T_META);
    annotate_windows(e, d, s);
    ann_doc_sort(d);
    ann_time(ANN_T_ENTITIES);
}
