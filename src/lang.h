/*
 * lang.h - which language a document is written in, told from its scripts
 * and its most frequent words (the lists under src/rules/lang/), and
 * whether the rules cover that language.
 */
#ifndef ANN_LANG_H
#define ANN_LANG_H

#include "doc.h"

typedef struct ann_lang ann_lang;
struct ann_rule_src;

/* The lists of the rules tree's lang/ (see engine.c): XX.txt the function
 * words of language XX, scripts.tsv the scripts that name their language,
 * covered.tsv the languages the rules are written for.  NULL and err
 * ("PATH:LINE: why") on a bad line. */
ann_lang *ann_lang_new(const struct ann_rule_src *srcs, size_t n, char *err, size_t errlen);
void ann_lang_free(ann_lang *l);

/* Set d->lang to an ISO 639-1 code, or leave it empty when the text does
 * not say clearly (too short, or no language ahead).  With no lists (l
 * NULL, or --no-builtin-rules) it stays empty. */
void ann_lang_detect(const ann_lang *l, ann_doc *d);

/* Do the rules cover this language?  Yes for one of lang/covered.tsv, and
 * for an unknown one (NULL or ""), which is read as if it were: this is
 * the test for any rule written for English only (the claims grammar, the
 * English-only entity lists). */
int ann_lang_has_rules(const ann_lang *l, const char *lang);

/* Is the word w (any case) one of the function words of language lang
 * ("Oder" in German: "or")?  0 for an unknown language. */
int ann_lang_function_word(const ann_lang *l, const char *lang, const char *w, size_t n);

#endif
