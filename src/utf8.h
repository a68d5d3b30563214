/*
 * utf8.h - decoding and the few Unicode character classes the tokenizer and
 * the annotators need (letters, case, digits, spaces, quotes, dashes) for
 * Latin, Greek and Cyrillic scripts.
 */
#ifndef ANN_UTF8_H
#define ANN_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define ANN_REPLACEMENT 0xFFFDu

/* Decode one code point at s[*i] (n bytes in all) and advance *i.  An
 * invalid or truncated sequence yields U+FFFD and advances by one byte, the
 * convention of Python's errors="replace" per maximal subpart. */
uint32_t ann_utf8_next(const char *s, size_t n, size_t *i);
/* The length of the well-formed two- or three-byte sequence at p (left
 * bytes there, at least one): the accented letters, dashes and curly quotes
 * of news text, told without a loop; 0 for anything else (ASCII too). */
static inline size_t ann_utf8_common(const unsigned char *p, size_t left)
{
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        return left >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (p[0] >= 0xE1 && p[0] <= 0xEF && p[0] != 0xED)   /* E0: overlong forms, ED: surrogates */
        return left >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    return 0;
}
/* Encode cp into out (4 bytes room); returns the byte count. */
size_t ann_utf8_put(uint32_t cp, char *out);
/* Number of code points in s[0..n) (s must be valid UTF-8). */
size_t ann_utf8_count(const char *s, size_t n);

int ann_is_letter(uint32_t cp);
int ann_is_upper(uint32_t cp);
int ann_is_lower(uint32_t cp);
int ann_is_digit(uint32_t cp);
int ann_is_space(uint32_t cp);      /* includes NBSP and other Z* spaces */
uint32_t ann_to_lower(uint32_t cp);
uint32_t ann_to_upper(uint32_t cp);
/* Quotation marks: returns 0 if cp is not one; else 'd' for double-like,
 * 's' for single-like (apostrophes included). */
int ann_quote_class(uint32_t cp);
int ann_is_dash(uint32_t cp);       /* - – — ‒ ― − */

/* Replace *s (malloc'd, NUL-terminated) by a valid UTF-8 copy when it holds
 * invalid sequences (each becomes U+FFFD); leaves a valid string alone. */
void ann_utf8_repair(char **s);

/* Lowercase a UTF-8 string of n bytes into a new NUL-terminated string. */
char *ann_utf8_lower(const char *s, size_t n);

#endif
