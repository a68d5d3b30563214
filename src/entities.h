/*
 * entities.h - actors, places and sources: lexicon and pattern matches,
 * names found and typed by the learned tagger (or, without a model, from
 * cues: titles, speech verbs, given names), roles, and alias resolution
 * within a document (surname -> full name, acronym <-> expansion, short
 * form -> full name, "the Journal").
 */
#ifndef ANN_ENTITIES_H
#define ANN_ENTITIES_H

#include "annotate.h"

typedef struct ann_entities ann_entities;   /* per-document state */

ann_entities *ann_entities_new(const ann_engine *e);
void ann_entities_window(ann_entities *st, ann_window *w);
/* After the last window: merge aliases, settle ids and names. */
void ann_entities_finish(ann_entities *st, ann_doc *d);
/* Make st, used for a document, ready for the next one of the same engine
 * (its arrays kept). */
void ann_entities_reset(ann_entities *st);
void ann_entities_free(ann_entities *st);

#endif
