/*
 * writer_json.c - the JSON object of OUTPUT.md.  Every key is always present
 * (empty list or null), so a jq filter never meets a missing key; offsets
 * are code points.
 *
 * The compact form is written straight into the output buffer: building a
 * cJSON tree for every span only to print and free it at once was a sixth
 * of the whole run.  The bytes are the ones cJSON_PrintUnformatted gives
 * (same key order, same escapes; tests/test_formats.c checks the escapes
 * against cJSON), and --pretty lets cJSON indent that text, so there is one
 * description of the object, not two.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "ann.h"
#include "utf8.h"
#include "writer.h"

/* Room for n more bytes at the end of b (and the NUL that write_doc's
 * last ann_buf_add puts after them). */
static inline char *reserve(ann_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap)
        ann_grow((void **)&b->p, &b->cap, b->len + n + 1, 1);
    return b->p + b->len;
}

/* ann_buf_add without the terminating NUL, inlined: the writer makes a
 * dozen small appends per span. */
static inline void put(ann_buf *b, const char *s, size_t n)
{
    memcpy(reserve(b, n), s, n);
    b->len += n;
}

#define PUT_LIT(b, lit) put((b), (lit), sizeof(lit) - 1)

static inline int needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LITTLE_ENDIAN_WORDS 1
#endif

#ifdef LITTLE_ENDIAN_WORDS
/* The bytes of the word w (eight of the text) that need an escape (a
 * control character, a quote or a backslash), as their top bits: the
 * classic "has a zero / a smaller byte" word tricks.  A borrow can flag a
 * byte above a true one, never below, so the lowest flag is exact; bytes
 * >= 0x80 never match. */
static inline uint64_t escapes8(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
    uint64_t lt = (w - ones * 0x20) & ~w;
    uint64_t z = ((q - ones) & ~q) | ((bs - ones) & ~bs);
    return (lt | z) & highs;
}

static inline uint64_t load8(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return w;
}

static inline uint64_t load4(const char *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}
#endif

#ifdef ANN_SSE2
/* Bytes of v that need an escape, as a bit mask. */
static inline int escapes16(__m128i v)
{
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    const __m128i ctl = _mm_set1_epi8(0x1F);
    __m128i e = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(v, ctl), v),
                             _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)));
    return _mm_movemask_epi8(e);
}
#endif

/* The first byte at or after i that needs an escape, or n.  Mentions are
 * a dozen bytes, claims and titles hundreds: sixteen bytes a step while
 * they last, then words, the last one overlapping what is known clean. */
static size_t next_escape(const char *s, size_t n, size_t i)
{
#ifdef ANN_SSE2
    for (; i + 16 <= n; i += 16) {
        int m = escapes16(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        if (m)
            return i + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
#ifdef LITTLE_ENDIAN_WORDS
    for (; i + 8 <= n; i += 8) {
        uint64_t m = escapes8(load8(s + i));
        if (m)
            return i + (size_t)__builtin_ctzll(m) / 8;
    }
    if (i < n && n >= 8) {
        /* the last eight bytes, those before i shifted out (0xFF, which
         * needs no escape, shifted in): they may hold the escape just
         * written, and a borrow from it could flag a byte after it */
        unsigned sh = (unsigned)(i - (n - 8)) * 8;
        uint64_t m = escapes8(load8(s + n - 8) >> sh | ~(uint64_t)0 << (64 - sh));
        return m ? i + (size_t)__builtin_ctzll(m) / 8 : n;
    }
    /* four to seven bytes (names, types, ids): two overlapping halves say
     * whether any needs an escape, the loop below which one */
    if (n - i >= 4 && !escapes8(load4(s + i) | load4(s + n - 4) << 32))
        return n;
#endif
    while (i < n && !needs_escape((unsigned char)s[i]))
        i++;
    return i;
}

static void put_escape(ann_buf *b, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char esc[6] = {'\\', 0};
    size_t len = 2;
    switch (c) {
    case '"': esc[1] = '"'; break;
    case '\\': esc[1] = '\\'; break;
    case '\b': esc[1] = 'b'; break;
    case '\f': esc[1] = 'f'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    default:
        memcpy(esc + 1, "u00", 3);
        esc[4] = hex[c >> 4];
        esc[5] = hex[c & 15];
        len = 6;
    }
    put(b, esc, len);
}

#ifdef ANN_SSE2
/* s[0..n), n >= 16, with its quotes if no byte needs an escape: copied
 * as it is checked, sixteen bytes a step (the last step overlapping the
 * one before), one pass over a claim's text instead of a scan and a copy.
 * 0 (and nothing written) if one does. */
static int put_clean_long(ann_buf *b, const char *s, size_t n)
{
    char *o = reserve(b, n + 2) + 1;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        if (escapes16(v))
            return 0;
        _mm_storeu_si128((__m128i *)(void *)(o + i), v);
    }
    if (i < n) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + n - 16));
        if (escapes16(v))
            return 0;
        _mm_storeu_si128((__m128i *)(void *)(o + n - 16), v);
    }
    o[-1] = '"';
    o[n] = '"';
    b->len += n + 2;
    return 1;
}
#endif

/* A JSON string.  The text is valid UTF-8 (the reader repairs it), so
 * only quotes, backslashes and control characters need escapes; they are
 * rare, so a string without one is copied whole with its quotes. */
static void put_str(ann_buf *b, const char *s, size_t n)
{
#ifdef ANN_SSE2
    if (n >= 16 && put_clean_long(b, s, n))
        return;
#endif
    size_t i = next_escape(s, n, 0);
    if (i == n) {
        char *o = reserve(b, n + 2);
        o[0] = '"';
        if (n >= 8 && n <= 16) {   /* most mentions: two words, not a call */
            memcpy(o + 1, s, 8);
            memcpy(o + 1 + n - 8, s + n - 8, 8);
        } else {
            memcpy(o + 1, s, n);
        }
        o[n + 1] = '"';
        b->len += n + 2;
        return;
    }
    put(b, "\"", 1);
    size_t run = 0;
    while (i < n) {
        put(b, s + run, i - run);
        put_escape(b, (unsigned char)s[i]);
        run = i + 1;
        i = next_escape(s, n, run);
    }
    put(b, s + run, n - run);
    put(b, "\"", 1);
}

/* Between two items: hand the bytes on when the writer streams and has
 * enough of them. */
static inline void maybe_flush(ann_buf *b, const ann_write_opts *o)
{
    if (o->flush && b->len >= o->flush_at)
        o->flush(o->flush_ctx, b);
}

/* A long string written and handed on a piece at a time: each piece is
 * written as a string of its own whose quotes are then dropped (an escape
 * is one byte's, so a piece may end anywhere). */
static void put_str_streamed(ann_buf *b, const char *s, size_t n, const ann_write_opts *o)
{
    put(b, "\"", 1);
    for (size_t i = 0; i < n;) {
        size_t k = n - i < o->flush_at ? n - i : o->flush_at;
        size_t at = b->len;
        put_str(b, s + i, k);
        memmove(b->p + at, b->p + at + 1, b->len - at - 2);
        b->len -= 2;
        i += k;
        maybe_flush(b, o);
    }
    put(b, "\"", 1);
}

static void put_cstr(ann_buf *b, const char *s)
{
    if (s)
        put_str(b, s, strlen(s));
    else
        PUT_LIT(b, "null");
}

/* The decimal digits of v at o, two at a time from the last: offsets
 * have five or six digits, and a division each is a long chain of
 * multiplications.  Returns the end. */
static inline char *uint_at(char *o, size_t v)
{
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    static const uint64_t pow10[20] = {
        1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
        100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
        10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
        100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull};
    /* the digit count from the bit count (1233 / 4096 is just above
     * log10(2)), corrected by one comparison; v | 1 has as many as v */
    uint64_t x = (uint64_t)v | 1;
    unsigned t = (unsigned)((64 - __builtin_clzll(x)) * 1233) >> 12;
    size_t n = t + 1 - (x < pow10[t]);
    char *p = o + n;
    while (v >= 100) {
        size_t q = v / 100;
        p -= 2;
        memcpy(p, pairs + (v - q * 100) * 2, 2);
        v = q;
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, pairs + v * 2, 2);
    } else {
        *--p = (char)('0' + v);
    }
    return o + n;
}

static void put_uint(ann_buf *b, size_t v)
{
    char *o = reserve(b, 24);
    b->len = (size_t)(uint_at(o, v) - b->p);
}

#ifdef ANN_SSE2
/* Continuation bytes (10xxxxxx: below -64 as signed bytes) among p[0..r),
 * r < 64, p a whole block of the text: at most four loads, the lanes at
 * or past r masked off, no loop byte by byte. */
static size_t cont_before(const char *p, size_t r)
{
    const __m128i lim = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
    const __m128i lane = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i acc = zero;
    for (size_t k = 0; k < r; k += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
        __m128i in = _mm_cmpgt_epi8(_mm_set1_epi8((char)(r - k)), lane);
        acc = _mm_sub_epi8(acc, _mm_and_si128(_mm_cmplt_epi8(v, lim), in));
    }
    __m128i sum = _mm_sad_epu8(acc, zero);
    return (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
}
#endif

/* ann_doc_cp, with a block of multibyte text counted inline: a quarter
 * of the spans of news text touch one (a curly quote, a dash, a name with
 * an accent). */
static inline size_t cp_of(const ann_doc *d, size_t b)
{
    if (b > d->len)
        b = d->len;
    size_t blk = b / ANN_CP_BLOCK, from = blk * ANN_CP_BLOCK;
    size_t v = d->cp_index[blk];
    if (v & ANN_CP_ASCII)
        return (v & ~ANN_CP_ASCII) + (b - from);
#ifdef ANN_SSE2
    if (from + ANN_CP_BLOCK <= d->len)
        return v + (b - from) - cont_before(d->text + from, b - from);
#endif
    return ann_doc_cp(d, b);
}

/* "start":..,"end":..,"text":".." of a byte span of the document, without
 * braces: claims and speakers add their own keys to the same object. */
static void put_span_keys(ann_buf *b, const ann_doc *d, ann_span s)
{
    size_t start, end;
    size_t vs = d->cp_index[(s.start <= d->len ? s.start : d->len) / ANN_CP_BLOCK];
    size_t ve = d->cp_index[(s.end <= d->len ? s.end : d->len) / ANN_CP_BLOCK];
    if ((vs & ve & ANN_CP_ASCII) && s.start <= s.end && s.end <= d->len &&
        s.end - s.start <= ANN_CP_BLOCK) {
        /* most spans: within two ASCII blocks, a byte a code point */
        start = (vs & ~ANN_CP_ASCII) + s.start % ANN_CP_BLOCK;
        end = start + (s.end - s.start);
    } else {
        start = cp_of(d, s.start);
        end = cp_of(d, s.end);
    }
    static const char k1[] = "\"start\":", k2[] = ",\"end\":", k3[] = ",\"text\":";
    /* the keys and two numbers of at most 20 digits, in one go */
    char *o = reserve(b, sizeof k1 + sizeof k2 + sizeof k3 + 40);
    memcpy(o, k1, sizeof k1 - 1);
    o = uint_at(o + sizeof k1 - 1, start);
    memcpy(o, k2, sizeof k2 - 1);
    o = uint_at(o + sizeof k2 - 1, end);
    memcpy(o, k3, sizeof k3 - 1);
    b->len = (size_t)(o + sizeof k3 - 1 - b->p);
    put_str(b, d->text + s.start, s.end - s.start);
}

/* Items of a list are separated by commas: none before the first. */
static void put_sep(ann_buf *b, int first)
{
    if (!first)
        put(b, ",", 1);
}

static void put_strv(ann_buf *b, char *const *v, size_t n)
{
    put(b, "[", 1);
    for (size_t i = 0; i < n; i++) {
        put_sep(b, i == 0);
        put_cstr(b, v[i]);
    }
    put(b, "]", 1);
}

static void put_meta(ann_buf *b, const ann_doc *d, const ann_write_opts *o)
{
    PUT_LIT(b, "{\"id\":");
    put_cstr(b, d->id);
    PUT_LIT(b, ",\"path\":");
    put_cstr(b, d->path);
    PUT_LIT(b, ",\"title\":");
    put_cstr(b, d->title);
    PUT_LIT(b, ",\"authors\":");
    put_strv(b, d->authors, d->nauthors);
    PUT_LIT(b, ",\"publisher\":");
    put_cstr(b, d->publisher);
    PUT_LIT(b, ",\"published\":");
    put_cstr(b, d->published);
    PUT_LIT(b, ",\"chars\":");
    put_uint(b, d->chars);
    PUT_LIT(b, ",\"lang\":");
    put_cstr(b, d->lang[0] ? d->lang : NULL);
    if (o->with_text) {
        PUT_LIT(b, ",\"text\":");
        if (o->flush && d->len > o->flush_at)
            put_str_streamed(b, d->text, d->len, o);
        else
            put_str(b, d->text, d->len);
    }
    put(b, "}", 1);
}

static void put_entity(ann_buf *b, const ann_doc *d, const ann_entity *e, int first,
                       const ann_write_opts *o)
{
    put_sep(b, first);
    PUT_LIT(b, "{\"id\":");
    put_cstr(b, e->id);
    PUT_LIT(b, ",\"name\":");
    put_cstr(b, e->name);
    PUT_LIT(b, ",\"type\":");
    put_cstr(b, e->type);
    if (e->cat == ANN_CAT_ACTOR) {
        PUT_LIT(b, ",\"roles\":");
        put_strv(b, e->roles, e->nroles);
    }
    PUT_LIT(b, ",\"mentions\":[");
    for (size_t i = 0; i < e->nmentions; i++) {
        put_sep(b, i == 0);
        put(b, "{", 1);
        put_span_keys(b, d, e->mentions[i]);
        put(b, "}", 1);
        maybe_flush(b, o);
    }
    PUT_LIT(b, "]}");
}

static void put_date(ann_buf *b, const ann_doc *d, const ann_date *t, int first)
{
    put_sep(b, first);
    put(b, "{", 1);
    put_span_keys(b, d, t->span);
    PUT_LIT(b, ",\"type\":");
    put_cstr(b, t->type);
    PUT_LIT(b, ",\"value\":");
    put_cstr(b, t->value);
    put(b, "}", 1);
}

static void put_claim(ann_buf *b, const ann_doc *d, const ann_claim *c, int first)
{
    static const char *const kinds[] = {"direct", "indirect", "mixed"};
    put_sep(b, first);
    put(b, "{", 1);
    put_span_keys(b, d, c->content);
    PUT_LIT(b, ",\"kind\":");
    put_cstr(b, kinds[c->kind]);
    PUT_LIT(b, ",\"cue\":");
    if (c->cue.end > c->cue.start) {
        put(b, "{", 1);
        put_span_keys(b, d, c->cue);
        put(b, "}", 1);
    } else {
        PUT_LIT(b, "null");
    }
    PUT_LIT(b, ",\"speaker\":");
    if (c->speaker.end > c->speaker.start) {
        put(b, "{", 1);
        put_span_keys(b, d, c->speaker);
        PUT_LIT(b, ",\"id\":");
        put_cstr(b, c->speaker_id);
        put(b, "}", 1);
    } else {
        PUT_LIT(b, "null");
    }
    PUT_LIT(b, ",\"medium\":");
    put_cstr(b, c->medium_id);
    put(b, "}", 1);
}

/* One list of OUTPUT.md: ,"key":[item,item] */
static void list_open(ann_buf *b, const char *key)
{
    PUT_LIT(b, ",\"");
    put(b, key, strlen(key));
    PUT_LIT(b, "\":[");
}

static size_t span_len(ann_span s)
{
    return s.end > s.start ? s.end - s.start : 0;
}

/* About the size of d's compact object: a generous share of keys,
 * numbers and text for each item, the claims' texts as they are (only
 * they are long).  Reserved at once, the buffer is not copied a dozen
 * times on its way from empty to thirty kilobytes; the mentions are not
 * visited, which would cost as much as the copies. */
static size_t size_hint(const ann_doc *d, const ann_write_opts *o)
{
    size_t n = 1024 + 112 * d->ndates + (o->with_text ? d->len + d->len / 8 : 0);
    for (size_t i = 0; i < d->nents; i++)
        n += 128 + 48 * d->ents[i].nmentions + 32 * d->ents[i].nroles;
    for (size_t i = 0; i < d->nclaims; i++) {
        const ann_claim *c = &d->claims[i];
        n += 256 + span_len(c->content) + span_len(c->cue) + span_len(c->speaker);
    }
    return n;
}

static void put_compact(ann_buf *b, const ann_doc *d, const ann_write_opts *o)
{
    size_t hint = size_hint(d, o);
    reserve(b, o->flush && hint > 2 * o->flush_at ? 2 * o->flush_at : hint);
    static const char *const cats[] = {"actors", "places", "sources"};
    PUT_LIT(b, "{\"doc\":");
    put_meta(b, d, o);
    for (int c = 0; c < 3; c++) {
        list_open(b, cats[c]);
        int first = 1;
        for (size_t i = 0; i < d->nents; i++) {
            if ((int)d->ents[i].cat != c)
                continue;
            put_entity(b, d, &d->ents[i], first, o);
            first = 0;
        }
        put(b, "]", 1);
    }
    list_open(b, "dates");
    for (size_t i = 0; i < d->ndates; i++) {
        put_date(b, d, &d->dates[i], i == 0);
        maybe_flush(b, o);
    }
    put(b, "]", 1);
    list_open(b, "claims");
    for (size_t i = 0; i < d->nclaims; i++) {
        put_claim(b, d, &d->claims[i], i == 0);
        maybe_flush(b, o);
    }
    put(b, "]", 1);
    PUT_LIT(b, ",\"warnings\":");
    put_strv(b, d->warnings, d->nwarnings);
    PUT_LIT(b, ",\"error\":");
    put_cstr(b, d->error);
    put(b, "}", 1);
}

/* --pretty: the compact text, indented by cJSON. */
static void put_pretty(ann_buf *out, const ann_doc *d, const ann_write_opts *o)
{
    ann_buf compact = {0};
    ann_write_opts whole = *o;
    whole.flush = NULL;
    put_compact(&compact, d, &whole);
    cJSON *tree = cJSON_ParseWithLength(compact.p, compact.len);
    char *s = tree ? cJSON_Print(tree) : NULL;
    cJSON_Delete(tree);
    ann_buf_free(&compact);
    if (!s) {
        fputs("annotate: out of memory\n", stderr);
        exit(2);
    }
    ann_buf_adds(out, s);
    cJSON_free(s);
}

static void write_doc(ann_buf *out, const ann_doc *d, const ann_write_opts *o)
{
    if (o->pretty)   /* cJSON indents the whole object: not streamed */
        put_pretty(out, d, o);
    else
        put_compact(out, d, o);
    ann_buf_add(out, "\n", 1);
}

const ann_writer ann_writer_json = {"json", "json", NULL, write_doc, NULL, NULL, NULL, NULL};
