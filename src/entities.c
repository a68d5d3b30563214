/* entities.c - STUB for now. */
#include <stdlib.h>

#include "entities.h"

struct ann_entities { int unused; };

ann_entities *ann_entities_new(const ann_engine *e) { (void)e; return ann_xcalloc(1, sizeof(ann_entities)); }
void ann_entities_window(ann_entities *st, ann_window *w) { (void)st; (void)w; }
void ann_entities_finish(ann_entities *st, ann_doc *d) { (void)st; (void)d; }
void ann_entities_free(ann_entities *st) { free(st); }
