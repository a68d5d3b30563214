/*
 * utf8.c - UTF-8 decoding and character classes.  Full Unicode tables would
 * be larger than the rest of the program; news text needs Latin, Greek and
 * Cyrillic case and letters, and treats everything else above U+02FF that
 * is not punctuation or space as a letter without case.
 */
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "utf8.h"

uint32_t ann_utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = n - *i;
    uint32_t c = p[0];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    switch (ann_utf8_common(p, left)) {
    case 2:
        *i += 2;
        return (c & 0x1F) << 6 | (p[1] & 0x3Fu);
    case 3:
        *i += 3;
        return (c & 0x0F) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
    }
    size_t need;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; c &= 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; c &= 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; c &= 0x07; min = 0x10000;
    } else {
        (*i)++;
        return ANN_REPLACEMENT;
    }
    /* Consume the longest valid prefix (the "maximal subpart" rule) so that
     * one bad sequence becomes one U+FFFD, as Python's decoder does. */
    size_t k;
    for (k = 1; k <= need; k++) {
        if (k >= left) {
            *i += k;
            return ANN_REPLACEMENT;
        }
        unsigned char b = p[k];
        unsigned char lo = 0x80, hi = 0xBF;
        if (k == 1) {
            if (p[0] == 0xE0) lo = 0xA0;
            else if (p[0] == 0xED) hi = 0x9F;
            else if (p[0] == 0xF0) lo = 0x90;
            else if (p[0] == 0xF4) hi = 0x8F;
        }
        if (b < lo || b > hi) {
            *i += k;
            return ANN_REPLACEMENT;
        }
        c = (c << 6) | (b & 0x3F);
    }
    *i += need + 1;
    return c >= min ? c : ANN_REPLACEMENT;
}

size_t ann_utf8_put(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Code points are the bytes that do not continue a sequence (10xxxxxx).
 * Every offset the writers print comes through here (ann_doc_cp), so
 * sixteen bytes go at a time: as signed bytes the continuations are the
 * ones below -64, and each comparison's -1s are subtracted into byte
 * counters, summed before they can wrap.  Without SSE2, eight bytes go at
 * a time: a continuation byte has bit 7 set and bit 6 clear, and a
 * multiplication adds up the eight flags. */
size_t ann_utf8_count(const char *s, size_t n)
{
    const uint64_t high = 0x8080808080808080ULL, ones = 0x0101010101010101ULL;
    size_t cont = 0, i = 0;
#ifdef ANN_SSE2
    const __m128i lim = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero;
        size_t end = n - i > 255 * 16 ? i + 255 * 16 : n;
        for (; i + 16 <= end; i += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            acc = _mm_sub_epi8(acc, _mm_cmplt_epi8(v, lim));
        }
        __m128i sum = _mm_sad_epu8(acc, zero);
        cont += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
    }
#endif
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, sizeof w);
        uint64_t c = w & ~(w << 1) & high;
        cont += (size_t)(((c >> 7) * ones) >> 56);
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

/* Latin Extended-A pairs upper/lower on even/odd code points, except in
 * U+0139..U+0148 and U+0179..U+017E where the upper letter is odd. */
static int ext_a_upper(uint32_t cp)
{
    if (cp == 0x130 || cp == 0x178)
        return 1;
    if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F)
        return 0;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp & 1;
    return !(cp & 1);
}

int ann_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE)
        return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F)
        return ext_a_upper(cp);
    if (cp >= 0x180 && cp <= 0x24F)   /* Latin Extended-B: mostly pairs */
        return !(cp & 1);
    if ((cp >= 0x391 && cp <= 0x3AB) || cp == 0x386 || (cp >= 0x388 && cp <= 0x38F))
        return cp != 0x3A2;
    if (cp >= 0x400 && cp <= 0x42F)
        return 1;
    if (cp >= 0x460 && cp <= 0x4FF)
        return !(cp & 1);
    if (cp >= 0x1E00 && cp <= 0x1EFF)   /* Latin Extended Additional (Vietnamese) */
        return !(cp & 1);
    return 0;
}

int ann_is_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (cp >= 0xDF && cp <= 0xFF)
        return cp != 0xF7;
    if (cp >= 0x100 && cp <= 0x17F)
        return !ext_a_upper(cp);
    if (cp >= 0x180 && cp <= 0x24F)
        return cp & 1;
    if (cp >= 0x3AC && cp <= 0x3CE)
        return 1;
    if (cp >= 0x430 && cp <= 0x45F)
        return 1;
    if (cp >= 0x460 && cp <= 0x4FF)
        return cp & 1;
    if (cp >= 0x1E00 && cp <= 0x1EFF)
        return cp & 1;
    return 0;
}

int ann_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (cp == 0xAA || cp == 0xB5 || cp == 0xBA)
        return 1;
    if (cp >= 0xC0 && cp <= 0x24F)
        return cp != 0xD7 && cp != 0xF7;
    if (cp >= 0x250 && cp <= 0x2AF)
        return 1;
    if (cp >= 0x370 && cp <= 0x3FF)
        return cp != 0x37E && cp != 0x387;
    if (cp >= 0x400 && cp <= 0x52F)
        return !(cp >= 0x482 && cp <= 0x489);
    if (cp >= 0x531 && cp <= 0x10FF)      /* Armenian .. Georgian, many scripts */
        return 1;
    if (cp >= 0x1E00 && cp <= 0x1FFF)
        return 1;
    if (cp >= 0x3040 && cp <= 0x9FFF)     /* kana, CJK */
        return 1;
    if (cp >= 0xAC00 && cp <= 0xD7A3)     /* Hangul */
        return 1;
    return 0;
}

int ann_is_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

int ann_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' ||
           cp == '\f' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000 || cp == 0xFEFF || cp == 0x200B;
}

uint32_t ann_to_lower(uint32_t cp)
{
    if (!ann_is_upper(cp))
        return cp;
    if (cp < 0x80 || (cp >= 0xC0 && cp <= 0xDE))
        return cp + 32;
    if (cp == 0x130)
        return 'i';
    if (cp == 0x178)
        return 0xFF;
    if (cp >= 0x391 && cp <= 0x3AB)
        return cp + 32;
    if (cp == 0x386)
        return 0x3AC;
    if (cp >= 0x388 && cp <= 0x38A)
        return cp + 37;
    if (cp == 0x38C)
        return 0x3CC;
    if (cp == 0x38E || cp == 0x38F)
        return cp + 63;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    return cp + 1;     /* the paired blocks */
}

uint32_t ann_to_upper(uint32_t cp)
{
    if (!ann_is_lower(cp))
        return cp;
    if (cp < 0x80 || (cp >= 0xE0 && cp <= 0xFE))
        return cp == 0xF7 ? cp : cp - 32;
    if (cp == 0xDF || cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F)
        return cp;
    if (cp == 0xFF)
        return 0x178;
    if (cp >= 0x3B1 && cp <= 0x3CB)
        return cp == 0x3C2 ? 0x3A3 : cp - 32;
    if (cp >= 0x3AC && cp <= 0x3CE)
        return cp;    /* accented Greek: rare enough to leave */
    if (cp >= 0x430 && cp <= 0x44F)
        return cp - 32;
    if (cp >= 0x450 && cp <= 0x45F)
        return cp - 80;
    return cp - 1;
}

int ann_quote_class(uint32_t cp)
{
    switch (cp) {
    case '"': case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x00AB: case 0x00BB: case 0x2033: case 0x301D: case 0x301E:
        return 'd';
    case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x2039: case 0x203A: case 0x2032:
        return 's';
    default:
        return 0;
    }
}

int ann_is_dash(uint32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 ||
           cp == 0xFE63 || cp == 0xFF0D;
}

char *ann_utf8_lower(const char *s, size_t n)
{
    /* a byte grows to three at most: an invalid one becomes U+FFFD */
    char *out = ann_xmalloc(n * 3 + 1);
    size_t i = 0, o = 0;
    while (i < n) {
        uint32_t cp = ann_utf8_next(s, n, &i);
        o += ann_utf8_put(ann_to_lower(cp), out + o);
    }
    out[o] = '\0';
    return out;
}

void ann_utf8_repair(char **s)
{
    if (!*s)
        return;
    size_t n = strlen(*s), i = 0;
    int bad = 0;
    while (i < n && !bad) {
        size_t at = i;
        bad = ann_utf8_next(*s, n, &i) == ANN_REPLACEMENT &&
              !(i - at == 3 && memcmp(*s + at, "\xEF\xBF\xBD", 3) == 0);
    }
    if (!bad)
        return;
    char *out = ann_xmalloc(n * 3 + 1), *o = out;
    for (i = 0; i < n;)
        o += ann_utf8_put(ann_utf8_next(*s, n, &i), o);
    *o = '\0';
    free(*s);
    *s = out;
}
