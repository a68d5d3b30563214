/*
 * dates.h - temporal expressions (TimeML TIMEX3): detection with rules kept
 * as data under src/rules/dates/ (HeidelTime-style: pattern fragments,
 * normalization tables, rules whose values are templates or named
 * functions), and normalization against a reference time that follows the
 * text: the document creation time, the dates the text writes out, the
 * date and the period in focus.
 */
#ifndef ANN_DATES_H
#define ANN_DATES_H

#include "annotate.h"

/* Load and compile the date resources from the files the engine gathered
 * for dates/ (normalization.tsv, fragments.tsv, rules.tsv: built-in ones
 * first, then the user's); shared by threads once made. */
struct ann_rule_src;
ann_date_rules *ann_date_rules_new(const struct ann_rule_src *files, size_t nfiles,
                                   char *err, size_t errlen);
void ann_date_rules_free(ann_date_rules *r);

typedef struct ann_dates ann_dates;         /* per-document state */

/* dct: "YYYY-MM-DD" (or YYYY-MM, YYYY) the deictic expressions are
 * resolved against, or NULL when unknown (values then use X). */
ann_dates *ann_dates_new(const ann_date_rules *r, const char *dct);
void ann_dates_window(ann_dates *st, ann_window *w);
void ann_dates_free(ann_dates *st);

#endif
