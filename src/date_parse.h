/*
 * date_parse.h - written dates parsed into YYYY-MM-DD, with the month
 * names of the rules tree (meta/months.tsv): the English grammar
 * ("April 19, 2024", "19 April 2024", "2024-04-19T10:00Z") that bylines,
 * datelines and markup dates are read with, and the looser grammar of the
 * dates pages show ("8. Dezember 2010", "5 de mayo de 2022",
 * "19.10.2021").  Years 1800-2200 (pages: 1990-2100); impossible days
 * refused.  One parser for the readers and the metadata annotator.
 */
#ifndef ANN_DATE_PARSE_H
#define ANN_DATE_PARSE_H

#include <stddef.h>

typedef struct ann_months ann_months;
struct ann_rule_src;

/* The month names of the rules tree's meta/months.tsv files (see its
 * header).  NULL and err ("PATH:LINE: why") on a bad line. */
ann_months *ann_months_new(const struct ann_rule_src *srcs, size_t n, char *err,
                           size_t errlen);
void ann_months_free(ann_months *m);

/* Parse an English date at the start of s into out ("YYYY-MM-DD").
 * Returns the bytes consumed, 0 if s does not start with a date (or the
 * date goes on into more digits). */
size_t ann_parse_full_date(const ann_months *m, const char *s, size_t n, char out[11]);

/* The first English date anywhere in s (at a word start): its length,
 * with *at where it starts; 0 if none. */
size_t ann_find_full_date(const ann_months *m, const char *s, size_t n, char out[11],
                          size_t *at);

/* A month's name in any language at s, a whole word of at least three
 * letters with a period after it allowed ("Dez.", "juillet"): the bytes
 * it takes, with *month set; 0 if none.  s is NUL-terminated. */
size_t ann_page_month(const ann_months *m, const char *s, int *month);

/* The first date in the first n bytes of s as pages write them, with
 * digits ("19.10.2021", "2021-10-19", "19/10/2021": day first unless that
 * cannot be) or a month's name in any language ("8. Dezember 2010",
 * "5 de mayo de 2022", "Dezember 8, 2010"); a new "YYYY-MM-DD", or NULL.
 * A date starting in s[0..n) may end past n: s is NUL-terminated. */
char *ann_page_date(const ann_months *m, const char *s, size_t n);

#endif
