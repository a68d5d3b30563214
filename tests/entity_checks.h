/*
 * entity_checks.h - what the entity tests ask of a document: run a text
 * through an engine, find the entity holding a mention with a given text.
 */
#ifndef ANN_ENTITY_CHECKS_H
#define ANN_ENTITY_CHECKS_H

#include <string.h>

#include "annotate.h"
#include "reader.h"

static inline ann_doc *run_with(const ann_engine *e, const char *text)
{
    ann_doc *d = ann_doc_from_bytes("t", "t", text, strlen(text));
    ann_annotate(e, d);
    return d;
}

/* The entity holding a mention with exactly this text, or NULL. */
static inline const ann_entity *with_mention(const ann_doc *d, const char *text)
{
    size_t n = strlen(text);
    for (size_t i = 0; i < d->nents; i++)
        for (size_t k = 0; k < d->ents[i].nmentions; k++) {
            ann_span s = d->ents[i].mentions[k];
            if (s.end - s.start == n && memcmp(d->text + s.start, text, n) == 0)
                return &d->ents[i];
        }
    return NULL;
}

#endif
