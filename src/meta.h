/*
 * meta.h - document metadata from the text itself: title (first non-empty
 * line), authors (bylines, closing signatures), publisher (datelines,
 * "The original source of this article is X"), published date.  Fields a
 * reader already set (from HTML meta tags, say) are left alone.  The
 * words that lead into each line and the particles of names are the
 * rules tree's meta/leads.tsv and meta/particles.txt; the rules hold the
 * words news writes in lower case too (meta/lowercase.txt), which the
 * name finder reads.
 */
#ifndef ANN_META_H
#define ANN_META_H

#include "annotate.h"
#include "doc.h"

typedef struct ann_meta_rules ann_meta_rules;
struct ann_rule_src;

/* The rules tree's meta/leads.tsv, meta/particles.txt and
 * meta/lowercase.txt files (see their headers).  NULL and err ("PATH:LINE: why") on a bad line. */
ann_meta_rules *ann_meta_rules_new(const struct ann_rule_src *srcs, size_t n, char *err,
                                   size_t errlen);
void ann_meta_rules_free(ann_meta_rules *r);

/* Is w[0..n) a particle of names (meta/particles.txt: "van", "de")?
 * Case counts.  Also read by the HTML reader. */
int ann_meta_particle(const ann_meta_rules *r, const char *w, size_t n);

/* Is w[0..n), in any case, a word news writes in lower case
 * (meta/lowercase.txt: "debris", "overwhelmingly")? */
int ann_meta_lowercase(const ann_meta_rules *r, const char *w, size_t n);

/* With the engine's meta/ rules, month names and lexicons (a NULL e
 * knows none of them). */
void ann_meta_extract(ann_doc *d, const ann_engine *e);

#endif
