/*
 * meta.h - document metadata from the text itself: title (first non-empty
 * line), authors (bylines, closing signatures), publisher (datelines,
 * "The original source of this article is X"), published date.  Fields a
 * reader already set (from HTML meta tags, say) are left alone.
 */
#ifndef ANN_META_H
#define ANN_META_H

#include "doc.h"
#include "rules.h"

void ann_meta_extract(ann_doc *d, const ann_rules *rules);

/* Parse a date written in one of the usual ways ("April 19, 2024",
 * "19 April 2024", "2024-04-19", "Apr. 19, 2024", ISO timestamps) at the
 * start of s into out ("YYYY-MM-DD").  Returns bytes consumed, 0 if none. */
size_t ann_parse_full_date(const char *s, size_t n, char out[11]);

#endif
