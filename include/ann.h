/*
 * ann.h - the small things every module of annotate shares: spans,
 * growable arrays, checked allocation and the version string.
 */
#ifndef ANN_H
#define ANN_H

#include <stddef.h>
#include <stdint.h>

/* The one switch for every fast path: SSE2 code and word-at-a-time loads
 * are compiled only under ANN_SSE2, and -DANN_NO_SSE2 leaves the plain code
 * that each of them sits beside.  `make check` builds and tests both and
 * compares their output byte for byte. */
#if defined(__SSE2__) && !defined(ANN_NO_SSE2)
#define ANN_SSE2 1
#include <emmintrin.h>
#endif

#define ANN_VERSION "0.1.0"

/* A half-open range of BYTE offsets into a document's UTF-8 text.  Every
 * module works in bytes; only the writers turn bytes into the code point
 * offsets users see (ann_doc_cp), so no module pays for that twice. */
typedef struct ann_span {
    size_t start, end;
} ann_span;

/* Allocation failure is not a recoverable condition for a batch tool: these
 * print "annotate: out of memory" and exit(2) rather than return NULL. */
void *ann_xmalloc(size_t n);
void *ann_xcalloc(size_t n, size_t size);
void *ann_xrealloc(void *p, size_t n);
char *ann_xstrdup(const char *s);
/* Copy src into dst[cap], cut if need be, always terminated: for the
 * fixed fields of dates, where snprintf("%s") was a measurable cost. */
void ann_strlcpy(char *dst, const char *src, size_t cap);
char *ann_xstrndup(const char *s, size_t n);
/* printf into a new string (caller frees). */
char *ann_xasprintf(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Grow *pp (an array of elements of size elem) so that it holds at least
 * need elements; *cap tracks the capacity.  Doubling keeps pushes O(1). */
void ann_grow(void **pp, size_t *cap, size_t need, size_t elem);

#define ANN_PUSH(arr, n, cap, value)                                        \
    do {                                                                    \
        if ((n) >= (cap))                                                   \
            ann_grow((void **)&(arr), &(cap), (n) + 1, sizeof *(arr));     \
        (arr)[(n)++] = (value);                                             \
    } while (0)

/* Whether to JIT-compile regular expressions: not under valgrind, which
 * cannot follow JIT code and reports every match as reading uninitialised
 * memory; the interpreter gives the same results. */
int ann_jit_ok(void);

/* A growing byte string, always NUL-terminated once anything was added:
 * the one buffer type of the program (reader text, writer output). */
typedef struct ann_buf {
    char *p;
    size_t len, cap;
} ann_buf;

void ann_buf_add(ann_buf *b, const char *s, size_t n);
void ann_buf_adds(ann_buf *b, const char *s);
void ann_buf_free(ann_buf *b);

/* Lowercase ASCII slug of a name: "Volodymyr Zelensky" -> "volodymyr-zelensky",
 * "Türkiye" -> "turkiye" (common Latin diacritics folded).  Caller frees. */
char *ann_slug(const char *s, size_t len);
/* The same into out, which holds len * 2 + 1 bytes; returns the slug's
 * length.  For callers that look an id up and mostly find it. */
size_t ann_slug_into(char *out, const char *s, size_t len);

#endif
