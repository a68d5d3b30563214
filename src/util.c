/* util.c - checked allocation, growable arrays, slugs. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "utf8.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#define UNDER_VALGRIND() RUNNING_ON_VALGRIND
#endif
#endif
#ifndef UNDER_VALGRIND
#define UNDER_VALGRIND() 0
#endif

static void oom(void)
{
    fputs("annotate: out of memory\n", stderr);
    exit(2);
}

int ann_jit_ok(void)
{
    return !UNDER_VALGRIND();
}

void *ann_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *ann_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom();
    return p;
}

void *ann_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

void ann_buf_add(ann_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        ann_grow((void **)&b->p, &b->cap, b->len + n + 1, 1);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void ann_buf_adds(ann_buf *b, const char *s)
{
    ann_buf_add(b, s, strlen(s));
}

void ann_buf_free(ann_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void ann_strlcpy(char *dst, const char *src, size_t cap)
{
    if (cap == 0)
        return;
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

char *ann_xstrndup(const char *s, size_t n)
{
    char *p = ann_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *ann_xstrdup(const char *s)
{
    return ann_xstrndup(s, strlen(s));
}

char *ann_xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        oom();
    char *p = ann_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void ann_grow(void **pp, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > ((size_t)-1) / 2 / elem)
            oom();
        c *= 2;
    }
    *pp = ann_xrealloc(*pp, c * elem);
    *cap = c;
}

/* ASCII letters for the Latin-1, Latin Extended-A and the common Cyrillic
 * letters names in the news use ("Türkiye" -> "turkiye", "Łukasz" ->
 * "lukasz"); writes up to 2 bytes to out and returns how many (0: drop). */
static size_t fold_letter(uint32_t cp, char out[2])
{
    static const char *l1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y"};
    /* U+0100..U+017F: the base letter of each code point */
    static const char ext_a[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiijjjjkkkllllllllll"
        "nnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    const char *f = NULL;
    char one[2] = {0, 0};
    if (cp >= 0xC0 && cp <= 0xFF) {
        f = l1[cp - 0xC0];
    } else if (cp >= 0x100 && cp < 0x100 + sizeof ext_a - 1) {
        one[0] = ext_a[cp - 0x100];
        f = one;
    }
    if (!f)
        return 0;
    size_t n = strlen(f);
    memcpy(out, f, n);
    return n;
}

char *ann_slug(const char *s, size_t len)
{
    char *out = ann_xmalloc(len * 2 + 1);
    ann_slug_into(out, s, len);
    return out;
}

size_t ann_slug_into(char *out, const char *s, size_t len)
{
    size_t o = 0, i = 0;
    int dash = 0;
    while (i < len) {
        uint32_t cp = ann_utf8_next(s, len, &i);
        char c[2];
        size_t fl = 0;
        if (cp == '\'' || cp == 0x2019)
            continue;               /* O'Brien -> obrien */
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
            c[fl++] = (char)cp;
        else if (cp >= 'A' && cp <= 'Z')
            c[fl++] = (char)(cp - 'A' + 'a');
        else if (cp >= 128)
            fl = fold_letter(ann_to_lower(cp), c);
        if (fl == 0) {
            dash = 1;
            continue;
        }
        if (dash && o > 0)
            out[o++] = '-';
        dash = 0;
        memcpy(out + o, c, fl);
        o += fl;
    }
    out[o] = '\0';
    return o;
}
