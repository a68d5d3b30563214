/*
 * date_parse.h - written dates ("April 19, 2024", "19 April 2024",
 * "2024-04-19T10:00Z") parsed into YYYY-MM-DD.  English month names and
 * their abbreviations; years 1800-2200; impossible days refused.
 */
#ifndef ANN_DATE_PARSE_H
#define ANN_DATE_PARSE_H

#include <stddef.h>

/* Parse a date at the start of s into out ("YYYY-MM-DD").  Returns the
 * bytes consumed, 0 if s does not start with a date (or the date goes on
 * into more digits). */
size_t ann_parse_full_date(const char *s, size_t n, char out[11]);

/* The first date anywhere in s (at a word start): its length, with *at
 * where it starts; 0 if none. */
size_t ann_find_full_date(const char *s, size_t n, char out[11], size_t *at);

#endif
