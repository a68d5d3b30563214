/*
 * lang.h - which language a document is written in, told from its scripts
 * and its most frequent words (the lists under src/rules/lang/), and
 * whether the rules cover that language.
 */
#ifndef ANN_LANG_H
#define ANN_LANG_H

#include "doc.h"

typedef struct ann_lang ann_lang;

/* Load the built-in lists; NULL and err ("lang/xx.txt:LINE: why") on a
 * bad one. */
ann_lang *ann_lang_new(char *err, size_t errlen);
void ann_lang_free(ann_lang *l);

/* Set d->lang to an ISO 639-1 code, or leave it empty when the text does
 * not say clearly (too short, or no language ahead). */
void ann_lang_detect(const ann_lang *l, ann_doc *d);

/* Do the rules cover this language?  Yes for one of lang/covered.tsv,
 * and for an unknown one (NULL or ""), which is read as if it were. */
int ann_lang_has_rules(const char *lang);

#endif
