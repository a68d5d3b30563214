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

#endif
