/*
 * entities_int.h - what the name finder (entities.c) and the settling of
 * aliases at the end of a document (entities_alias.c) share.
 */
#ifndef ANN_ENTITIES_INT_H
#define ANN_ENTITIES_INT_H

#include <stddef.h>

#include "ann.h"
#include "doc.h"

/* An all-caps word the name finder met and could not place: at the end of
 * the document it joins the organization its letters are the initials of. */
typedef struct en_acronym {
    ann_span span;
    char *text;
    int tagged;                /* the tagger read it as an organization: kept alone too */
} en_acronym;

/* The slug of s[0, len) in b, which keeps its memory from call to call. */
char *en_slug(ann_buf *b, const char *s, size_t len);

/* The last word of a name ("Johnson" of "Boris Johnson"). */
const char *en_last_word(const char *name);
/* Whether d's text holds word[0..n) as a word of its own, its case as
 * written (entities.c). */
int en_doc_has_word(const ann_doc *d, const char *word, size_t n);

/* The document's aliases settled at its end: organizations in a person's
 * name's shape (pshaped, indexes of d->ents) persons where the document
 * reads their last word alone as one, one-word names join the full name
 * they begin or end, acronyms their expansions; with the tagger, short
 * forms the organization they begin, and one name one type.  name and
 * slug are scratch buffers. */
void en_settle_aliases(ann_doc *d, const en_acronym *acr, size_t nacr, const size_t *pshaped,
                       size_t npshaped, int tagged, ann_buf *name, ann_buf *slug);

#endif
