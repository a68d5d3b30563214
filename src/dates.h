/*
 * dates.h - temporal expressions (TimeML TIMEX3): detection with rules kept
 * as data under src/rules/dates/ (HeidelTime-style: pattern fragments,
 * normalization tables, rules), and normalization against the document
 * creation time or the date in focus.
 */
#ifndef ANN_DATES_H
#define ANN_DATES_H

#include "annotate.h"

/* Load and compile the built-in date resources (once, shared by threads). */
ann_date_rules *ann_date_rules_new(char *err, size_t errlen);
void ann_date_rules_free(ann_date_rules *r);

typedef struct ann_dates ann_dates;         /* per-document state */

/* dct: "YYYY-MM-DD" (or YYYY-MM, YYYY) the deictic expressions are
 * resolved against, or NULL when unknown (values then use X). */
ann_dates *ann_dates_new(const ann_date_rules *r, const char *dct);
void ann_dates_window(ann_dates *st, ann_window *w);
void ann_dates_free(ann_dates *st);

#endif
