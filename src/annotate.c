/*
 * annotate.c - the pipeline.  The engine loads everything once; each
 * document then goes through metadata, and window by window through the
 * tokenizer, the rule engine and the annotators, in that order, because
 * claims look for speakers among the entities found in the same window.
 */
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "claims.h"
#include "dates.h"
#include "entities.h"
#include "meta.h"
#include "tagger.h"

#define WINDOW_BYTES (256 * 1024)

ann_engine *ann_engine_new(int no_builtin, const char *const *user_rules,
                           size_t nuser, char *err, size_t errlen)
{
    ann_engine *e = ann_xcalloc(1, sizeof *e);
    e->window_bytes = WINDOW_BYTES;
    e->rules = ann_rules_new();
    if (!no_builtin && ann_rules_load_builtin(e->rules, err, errlen) < 0)
        goto fail;
    e->tagger = ann_tagger_new();
    if (!no_builtin && ann_tagger_load_builtin(e->tagger, err, errlen) < 0)
        goto fail;
    for (size_t i = 0; i < nuser; i++) {
        /* a model file replaces the tagger's weights */
        int model = ann_tagger_load_if_model(e->tagger, user_rules[i], err, errlen);
        if (model < 0 || (!model && ann_rules_load_file(e->rules, user_rules[i], err, errlen) < 0))
            goto fail;
    }
    e->date_rules = ann_date_rules_new(err, errlen);
    if (!e->date_rules)
        goto fail;
    e->claim_rules = ann_claim_rules_new(err, errlen);
    if (!e->claim_rules)
        goto fail;
    return e;
fail:
    ann_engine_free(e);
    return NULL;
}

void ann_engine_free(ann_engine *e)
{
    if (!e)
        return;
    ann_rules_free(e->rules);
    ann_date_rules_free(e->date_rules);
    ann_claim_rules_free(e->claim_rules);
    ann_tagger_free(e->tagger);
    free(e);
}

static void annotate_windows(const ann_engine *e, ann_doc *d)
{
    ann_entities *ents = ann_entities_new(e);
    ann_dates *dates = ann_dates_new(e->date_rules, d->dct);
    ann_claims *claims = ann_claims_new(e->claim_rules);
    ann_tokenizer tz;
    ann_tokens toks = {0};
    ann_matches matches = {0};

    /* News text has a token every five or six bytes: reserving for one in
     * four spares the dozen doublings (and copies) of a growing array. */
    size_t span = d->len < e->window_bytes ? d->len : e->window_bytes;
    toks.cap = span / 4 + 16;
    toks.v = ann_xmalloc(toks.cap * sizeof *toks.v);
    matches.cap = toks.cap / 2;     /* about one rule match per three tokens */
    matches.v = ann_xmalloc(matches.cap * sizeof *matches.v);
    ann_tokenizer_init(&tz, d->text, d->len);
    while (ann_tokenize_window(&tz, &toks, e->window_bytes) > 0) {
        matches.n = 0;
        ann_rules_match(e->rules, d->text, toks.v, toks.n, &matches);
        ann_window w = {d, d->text, toks.v, toks.n, &matches};
        ann_entities_window(ents, &w);
        ann_dates_window(dates, &w);
        ann_claims_window(claims, &w);
    }
    ann_entities_finish(ents, d);
    ann_entities_free(ents);
    ann_dates_free(dates);
    ann_claims_free(claims);
    ann_tokens_free(&toks);
    ann_matches_free(&matches);
}

void ann_annotate(const ann_engine *e, ann_doc *d)
{
    if (d->error)
        return;
    ann_meta_extract(d, e->rules);
    free(d->dct);
    d->dct = NULL;
    if (d->published)
        d->dct = ann_xstrdup(d->published);
    else if (e->default_dct)
        d->dct = ann_xstrdup(e->default_dct);
    annotate_windows(e, d);
    ann_doc_sort(d);
}
