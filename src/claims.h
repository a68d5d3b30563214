/*
 * claims.h - attributed statements: direct quotations, reported speech,
 * "according to X", with cue, speaker (linked to the document's actors and
 * sources) and medium.
 */
#ifndef ANN_CLAIMS_H
#define ANN_CLAIMS_H

#include "annotate.h"

/* The cue and speaker lexicons from the files the engine gathered for
 * claims/ (cues.tsv, speakers.tsv, nouns.tsv: built-in, then the user's). */
struct ann_rule_src;
ann_claim_rules *ann_claim_rules_new(const struct ann_rule_src *files, size_t nfiles,
                                     char *err, size_t errlen);
void ann_claim_rules_free(ann_claim_rules *r);

/* The one list of speech cues serves the entities annotator too: every
 * form of a claims/cues.tsv file becomes a lexicon entry of kind "cue"
 * (with inv=1 for class I) in rules.  -1 with "PATH:LINE: why" in err. */
int ann_claim_cues_to_lexicon(ann_rules *rules, const struct ann_rule_src *cues,
                              char *err, size_t errlen);

typedef struct ann_claims ann_claims;       /* per-document state */

ann_claims *ann_claims_new(const ann_claim_rules *r);
/* Runs after the entities annotator on the same window, so the window's
 * actor and source mentions are already in w->doc. */
void ann_claims_window(ann_claims *st, ann_window *w);
void ann_claims_free(ann_claims *st);

/* After the entities' end of the document (ann_entities_finish), which may
 * merge the entity a claim named into another (a surname into the full
 * name, one reading of a name): the claims' speaker and medium ids are
 * made the ids of the entities that hold those mentions now. */
void ann_claims_relink(ann_doc *d);

#endif
