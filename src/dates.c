/* dates.c - STUB: replaced by the TIMEX3 annotator. */
#include <stdlib.h>

#include "ann.h"
#include "dates.h"

struct ann_date_rules { int unused; };
struct ann_dates { int unused; };

ann_date_rules *ann_date_rules_new(char *err, size_t errlen) { (void)err; (void)errlen; return ann_xcalloc(1, sizeof(ann_date_rules)); }
void ann_date_rules_free(ann_date_rules *r) { free(r); }
ann_dates *ann_dates_new(const ann_date_rules *r, const char *dct) { (void)r; (void)dct; return ann_xcalloc(1, sizeof(ann_dates)); }
void ann_dates_window(ann_dates *st, ann_window *w) { (void)st; (void)w; }
void ann_dates_free(ann_dates *st) { free(st); }
