/*
 * tokenizer.c - words, numbers, punctuation, quotation marks and markup
 * residue with byte offsets, sentence and paragraph boundaries, a window of
 * whole paragraphs at a time.
 *
 * The scanner is one pass over the bytes with a few characters of look-ahead;
 * nothing it does depends on more than the current line, so hostile input
 * (a 10 MB line, 100,000 quotation marks) stays linear.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "builtin.h"
#include "rulefile.h"
#include "table.h"
#include "tokenizer.h"
#include "utf8.h"


#define MAX_TOKEN_BYTES 4096      /* a longer run is cut into pieces */
#define MAX_SENTENCE_TOKENS 1000  /* a longer "sentence" is broken */

/* tz->pending_end: what the last token leaves open */
#define PENDING_STOP 1     /* . ! ? …: a capital or a quotation begins a sentence */
#define PENDING_ABBREV 2   /* "U.S.", "Inc.": only a sentence starter does */
#define MAX_LINK_BYTES 2048       /* Markdown link targets we skip as one token */

/* ---- ASCII byte classes ---------------------------------------------------- */

/* Nearly every byte of a news text is ASCII: one table load answers what the
 * Unicode classifiers would answer with a function call and a chain of range
 * tests.  Bytes from 0x80 up have class 0 and go the slow (decoding) way. */
enum {
    B_LOWER = 0x01,
    B_DIGIT = 0x02,
    B_SPACE = 0x04,
    B_PUNCT = 0x08,   /* a PUNCT token by itself: . , ; : ! ? ( ) [ ] { } and NUL */
    B_JOIN = 0x10,    /* may go on inside a word: ' - , . @ (see scan_word) */
    B_UPPER = 0x20    /* equal to 'a' - 'A': b | (class & B_UPPER) lowercases b */
};
#define B_LETTER (B_LOWER | B_UPPER)
#define B_WORD (B_LETTER | B_DIGIT)

#define S_ B_SPACE
#define P_ B_PUNCT
#define J_ B_JOIN
#define D_ B_DIGIT
#define U_ B_UPPER
#define L_ B_LOWER
static const unsigned char byte_class[256] = {
    /* NUL is PUNCT because strchr(".,;...", 0) found the terminator */
    P_, 0,  0,  0,  0,  0,  0,  0,  0,  S_, S_, S_, S_, S_, 0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    /*  !   "   #   $   %   &   '   (   )   *   +   ,      -   .      / */
    S_, P_, 0,  0,  0,  0,  0,  J_, P_, P_, 0,  0,  P_|J_, J_, P_|J_, 0,
    D_, D_, D_, D_, D_, D_, D_, D_, D_, D_, P_, P_, 0,  0,  0,  P_,
    J_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_,
    U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, U_, P_, 0,  P_, 0,  0,
    0,  L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_,
    L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, L_, P_, 0,  P_, 0,  0,
};
#undef S_
#undef P_
#undef J_
#undef D_
#undef U_
#undef L_

/* Token hashes take eight bytes per step: FNV's multiply per byte was the
 * tokenizer's critical path.  The mixing is MurmurHash64A's (every input
 * bit reaches every output bit), with the length in the top byte of the
 * last word rather than in the seed, so that a hash can be streamed byte by
 * byte (the lowercase form of a non-ASCII word) without knowing its length
 * first.  Equal byte strings get equal hashes whichever way they are fed. */
#define HASH_SEED 0x9E3779B97F4A7C15ULL
#define HASH_M 0xC6A4A7935BD1E995ULL
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

static inline uint64_t hash_step(uint64_t h, uint64_t k)
{
    k *= HASH_M;
    k ^= k >> 47;
    k *= HASH_M;
    return (h ^ k) * HASH_M;
}

/* The last word holds the 0 to 7 bytes left over, zero padded, and the
 * length.  It goes in unmixed, as MurmurHash64A's tail does: what follows
 * is a bijection, so no two strings shorter than a word collide. */
static inline uint64_t hash_end(uint64_t h, uint64_t tail, size_t n)
{
    h = (h ^ tail ^ (uint64_t)(n & 0xFF) << 56) * HASH_M;
    h ^= h >> 47;
    h *= HASH_M;
    return h ^ (h >> 47);
}

/* Bytes s[i..i+k) (k <= 8) as a little-endian word, zero padded; reads
 * no byte at or past s[lim]. */
static inline uint64_t load_word(const char *s, size_t i, size_t k, size_t lim)
{
    uint64_t w = 0;
    if (lim - i >= 8) {
        memcpy(&w, s + i, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        w = __builtin_bswap64(w);
#endif
        return k >= 8 ? w : w & ~(~0ULL << (8 * k));
    }
    for (size_t j = 0; j < k; j++)
        w |= (uint64_t)(unsigned char)s[i + j] << (8 * j);
    return w;
}

/* The ASCII upper-case letters of w as the 0x80 bit of their byte.  A byte
 * from 0x80 up is none of these classes but may carry into the byte above:
 * the answers hold up to the first such byte. */
static inline uint64_t upper_bits(uint64_t w)
{
    return (w + ONES * (0x80 - 'A')) & ~(w + ONES * (0x80 - 'Z' - 1)) & HIGHS;
}

static inline uint64_t lower_bits(uint64_t w)
{
    return (w + ONES * (0x80 - 'a')) & ~(w + ONES * (0x80 - 'z' - 1)) & HIGHS;
}

static inline uint64_t digit_bits(uint64_t w)
{
    return (w + ONES * (0x80 - '0')) & ~(w + ONES * (0x80 - '9' - 1)) & HIGHS;
}

/* A hash fed a byte at a time. */
typedef struct {
    uint64_t h, tail;
    size_t n;
} hasher;

static inline void hs_init(hasher *s)
{
    s->h = HASH_SEED;
    s->tail = 0;
    s->n = 0;
}

static inline void hs_byte(hasher *s, unsigned char b)
{
    s->tail |= (uint64_t)b << (8 * (s->n & 7));
    if ((++s->n & 7) == 0) {
        s->h = hash_step(s->h, s->tail);
        s->tail = 0;
    }
}

static inline uint64_t hs_end(const hasher *s)
{
    return hash_end(s->h, s->tail, s->n);
}

/* The hash of s[i..end), where bytes up to s[lim) may be read; with lower,
 * of its ASCII-lowercased form when it is ASCII (the caller knows). */
static inline uint64_t hash_span(const char *s, size_t i, size_t end, size_t lim, int lower)
{
    uint64_t h = HASH_SEED;
    size_t n = end - i;
    for (; end - i >= 8; i += 8) {
        uint64_t w = load_word(s, i, 8, lim);
        h = hash_step(h, lower ? w | upper_bits(w) >> 2 : w);
    }
    uint64_t w = i < end ? load_word(s, i, end - i, lim) : 0;
    return hash_end(h, lower ? w | upper_bits(w) >> 2 : w, n);
}

uint64_t ann_hash(const char *s, size_t n)
{
    return hash_span(s, 0, n, n, 0);
}

/* Feed the UTF-8 bytes of the lowercase form of c. */
static void hash_lower_cp(hasher *s, uint32_t c)
{
    char buf[4];
    size_t k = ann_utf8_put(ann_to_lower(c), buf);
    for (size_t j = 0; j < k; j++)
        hs_byte(s, (unsigned char)buf[j]);
}

uint64_t ann_hash_lower(const char *s, size_t n)
{
    hasher hs;
    hs_init(&hs);
    size_t i = 0;
    /* ASCII a word at a time; from the first other byte on, a code point at a time */
    for (; n - i >= 8; i += 8) {
        uint64_t w = load_word(s, i, 8, n);
        if (w & HIGHS)
            break;
        hs.h = hash_step(hs.h, w | upper_bits(w) >> 2);
    }
    hs.n = i;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            hs_byte(&hs, b | (byte_class[b] & B_UPPER));
            i++;
            continue;
        }
        hash_lower_cp(&hs, ann_utf8_next(s, n, &i));
    }
    return hs_end(&hs);
}

/* ---- abbreviations ------------------------------------------------------ */

/* Asked of every word before a period: a hash of two words at most and a
 * probe or two instead of a binary search. */
typedef struct abbrev {
    char *s;               /* owned by the set */
    size_t n;
    int cls;               /* ABBREV_NUM, ABBREV_TITLE or 0 */
} abbrev;

enum {
    ABBREV_NUM = 1,        /* keeps its period only before a number ("No. 2") */
    ABBREV_TITLE = 2       /* stands before a name, never at a sentence's end */
};

/* The same for the words that begin a sentence after an abbreviation. */
typedef struct word_set {
    abbrev *v;
    size_t count, cap;
    ann_table index;       /* ann_hash of a word -> its position in v */
} word_set;

struct ann_abbrevs {
    word_set abbrevs, starters;
};

#define ABBREV_MAX 16      /* longer words are never looked up */

ann_abbrevs *ann_abbrevs_new(void)
{
    return ann_xcalloc(1, sizeof(ann_abbrevs));
}

static void set_add(word_set *ws, const char *w, size_t n, int cls)
{
    abbrev e = {ann_xstrndup(w, n), n, cls};
    ANN_PUSH(ws->v, ws->count, ws->cap, e);
    ann_table_put(&ws->index, ann_hash(w, n), ws->count - 1);
}

/* The entry of ws for text[start..end), or NULL. */
static const abbrev *set_find(const word_set *ws, const char *text, size_t start, size_t end,
                              size_t lim)
{
    size_t n = end - start;
    if (n == 0 || n >= ABBREV_MAX || ws->count == 0)
        return NULL;
    uint64_t hash = hash_span(text, start, end, lim, 0);
    size_t pos = 0, k;
    while ((k = ann_table_next(&ws->index, hash, &pos)) != ANN_TABLE_END)
        if (ws->v[k].n == n && memcmp(ws->v[k].s, text + start, n) == 0)
            return &ws->v[k];
    return NULL;
}

static int plain_word(const char *w, size_t n)
{
    return n > 0 && n < ABBREV_MAX && !memchr(w, ' ', n) && !memchr(w, '\t', n) &&
           w[n - 1] != '.';
}

int ann_abbrevs_add(ann_abbrevs *a, const char *w, size_t n)
{
    const char *tab = memchr(w, '\t', n);
    size_t wn = tab ? (size_t)(tab - w) : n, cn = tab ? n - wn - 1 : 0;
    int cls = 0;
    if (tab && cn == 3 && memcmp(tab + 1, "num", 3) == 0)
        cls = ABBREV_NUM;
    else if (tab && cn == 5 && memcmp(tab + 1, "title", 5) == 0)
        cls = ABBREV_TITLE;
    else if (tab)
        return -1;
    if (!plain_word(w, wn))
        return -1;
    set_add(&a->abbrevs, w, wn, cls);
    return 0;
}

int ann_abbrevs_add_starter(ann_abbrevs *a, const char *w, size_t n)
{
    if (!plain_word(w, n))
        return -1;
    set_add(&a->starters, w, n, 0);
    return 0;
}

static void set_free(word_set *ws)
{
    for (size_t i = 0; i < ws->count; i++)
        free(ws->v[i].s);
    free(ws->v);
    ann_table_free(&ws->index);
}

void ann_abbrevs_free(ann_abbrevs *a)
{
    if (!a)
        return;
    set_free(&a->abbrevs);
    set_free(&a->starters);
    free(a);
}

/* Tokenizers made without an engine's set (tests, tools) read the built-in
 * files, once: a read-only table, like the other built-in data. */
static ann_abbrevs *builtin_abbrevs;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void free_builtin_abbrevs(void)
{
    ann_abbrevs_free(builtin_abbrevs);
}

static int builtin_line(void *ctx, const char *line, size_t len, const char *name,
                        size_t lineno, char *err, size_t errlen)
{
    (void)lineno, (void)err, (void)errlen;
    if (strcmp(name, "tokenizer/starters.txt") == 0)
        ann_abbrevs_add_starter(ctx, line, len);
    else
        ann_abbrevs_add(ctx, line, len);
    return 0;
}

static void load_builtin_abbrevs(void)
{
    static const char *const files[] = {"tokenizer/abbreviations.txt", "tokenizer/starters.txt"};
    builtin_abbrevs = ann_abbrevs_new();
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const ann_builtin_file *f = ann_builtin_get(files[i]);
        if (f) {
            ann_rule_src src = {f->name, f->name, f->data, f->len, 1};
            ann_rule_lines(&src, builtin_line, builtin_abbrevs, NULL, 0);
        }
    }
    atexit(free_builtin_abbrevs);
}

static const ann_abbrevs *default_abbrevs(void)
{
    pthread_once(&builtin_once, load_builtin_abbrevs);
    return builtin_abbrevs;
}

/* Does text[start..end), before a period at end (bytes up to text[lim)
 * readable), keep that period: a listed abbreviation, and for one that
 * does so only before a number ("No. 2"), a digit after the blanks? */
static int is_abbrev(const ann_abbrevs *a, const char *text, size_t start, size_t end,
                     size_t lim)
{
    const abbrev *e = set_find(&a->abbrevs, text, start, end, lim);
    if (!e || e->cls != ABBREV_NUM)
        return e != NULL;
    size_t i = end + 1;
    while (i < lim && text[i] == ' ')
        i++;
    return i < lim && text[i] >= '0' && text[i] <= '9';
}

/* What an abbreviation token t leaves open: a sentence starter after it
 * begins a new sentence, but not after a title ("Gen. He Wei"). */
static int abbrev_pending(const ann_abbrevs *a, const char *text, const ann_token *t,
                          size_t lim)
{
    const abbrev *e = set_find(&a->abbrevs, text, t->start, t->end - 1, lim);
    return e && e->cls == ABBREV_TITLE ? 0 : PENDING_ABBREV;
}

/* Does token t begin a sentence after an abbreviation ("in the U.S. The
 * talks")?  Only a listed sentence starter does: "U.S. Army" goes on. */
static int is_starter(const ann_abbrevs *a, const char *text, const ann_token *t, size_t lim)
{
    return t->kind == ANN_TOK_WORD && set_find(&a->starters, text, t->start, t->end, lim);
}

/* ---- character look-ahead helpers -------------------------------------- */

static inline uint32_t cp_at(const ann_tokenizer *tz, size_t i, size_t *next)
{
    if (i < tz->len && (unsigned char)tz->text[i] < 0x80) {
        if (next)
            *next = i + 1;
        return (unsigned char)tz->text[i];
    }
    size_t j = i;
    uint32_t cp = i < tz->len ? ann_utf8_next(tz->text, tz->len, &j) : 0;
    if (next)
        *next = j;
    return cp;
}

/* The code point that ends just before byte i (0 at the start). */
static uint32_t cp_before(const ann_tokenizer *tz, size_t i)
{
    if (i == 0)
        return 0;
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)tz->text[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    return cp_at(tz, j, NULL);
}

/* The Unicode classes of utf8.h with the ASCII answer inline. */
static inline int is_letter_cp(uint32_t c)
{
    return c < 0x80 ? (byte_class[c] & B_LETTER) != 0 : ann_is_letter(c);
}

static inline int is_upper_cp(uint32_t c)
{
    return c < 0x80 ? (byte_class[c] & B_UPPER) != 0 : ann_is_upper(c);
}

static inline int is_lower_cp(uint32_t c)
{
    return c < 0x80 ? (byte_class[c] & B_LOWER) != 0 : ann_is_lower(c);
}

static inline int is_digit_cp(uint32_t c)
{
    return c >= '0' && c <= '9';
}

static inline int is_space_cp(uint32_t c)
{
    return c < 0x80 ? (byte_class[c] & B_SPACE) != 0 : ann_is_space(c);
}

static inline int is_dash_cp(uint32_t c)
{
    return c < 0x80 ? c == '-' : ann_is_dash(c);
}

static inline int quote_class(uint32_t c)
{
    if (c < 0x80)
        return c == '"' ? 'd' : c == '\'' ? 's' : 0;
    return ann_quote_class(c);
}

static inline int is_invisible_cp(uint32_t c)
{
    return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF;
}

size_t ann_invisible_at(const char *p, size_t n)
{
    const unsigned char *u = (const unsigned char *)p;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xAD)
        return 2;
    if (n >= 3 && u[0] == 0xE2 && ((u[1] == 0x80 && u[2] >= 0x8B && u[2] <= 0x8D) ||
                                   (u[1] == 0x81 && u[2] == 0xA0)))
        return 3;
    return n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF ? 3 : 0;
}

int ann_eq_visible(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        size_t k;
        while (i < an && (k = ann_invisible_at(a + i, an - i)) > 0)
            i += k;
        if (i == an || j == bn)
            return i == an && j == bn;
        if (a[i++] != b[j++])
            return 0;
    }
}

size_t ann_visible_copy(char *out, const char *s, size_t n)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = ann_invisible_at(s + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        out[o++] = s[i++];
    }
    return o;
}

static inline int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (byte_class[cp] & B_WORD) != 0;
    return is_letter_cp(cp) || (cp >= 0x300 && cp <= 0x36F);
}

/* ---- measuring: hashes, code points and case of a token ------------------- */

/* What the case flags and hashes of a token come from. */
typedef struct {
    uint64_t hash, lhash;  /* ann_hash() and ann_hash_lower() */
    size_t cps, up;        /* code points, upper-case ones (ASCII: 0, 1 or 2 for more) */
    unsigned seen;         /* B_LOWER, B_UPPER, B_DIGIT, B_OTHER of the code points */
    int first_upper;       /* case of the first letter; -1 before any */
    int replaced;          /* a U+FFFD among them */
    int lower_later;       /* ASCII with upper case: lhash is computed when asked */
} token_measure;

#define B_OTHER 0x80       /* in token_measure.seen: neither letter nor digit */

/* 0, 1 or 2 for more: how many bits x has, as far as the case flags care. */
static inline size_t bits_upto2(uint64_t x)
{
    return (x != 0) + ((x & (x - 1)) != 0);
}

static uint32_t case_flags(unsigned seen, size_t up, int first_upper)
{
    unsigned low = seen & B_LOWER, dig = seen & B_DIGIT, other = seen & B_OTHER;
    uint32_t f = 0;
    if (up && !low)
        f |= ANN_TF_UPPER;
    if (low && !up)
        f |= ANN_TF_LOWER;
    if (first_upper == 1 && (low || up == 1))
        f |= ANN_TF_TITLE;
    if (dig && !up && !low && !other)
        f |= ANN_TF_DIGIT;
    return f;
}

/* Measure text[start..end) a word at a time (bytes up to text[lim) may be
 * read); 0 if a byte is not ASCII, and then *m is unfinished. */
static int measure_ascii(const char *text, size_t start, size_t end, size_t lim,
                         token_measure *m)
{
    uint64_t h = HASH_SEED, any_up = 0, any_lo = 0, any_dg = 0, any_other = 0;
    size_t up = 0;
    int first_upper = -1;
    size_t i = start;
    for (;;) {
        size_t k = end - i < 8 ? end - i : 8;
        uint64_t w = k ? load_word(text, i, k, lim) : 0;
        if (w & HIGHS)
            return 0;
        uint64_t u = upper_bits(w), l = lower_bits(w), d = digit_bits(w);
        uint64_t letters = u | l;
        if (first_upper < 0 && letters)
            first_upper = (letters & (0 - letters) & u) != 0;
        up += bits_upto2(u);
        any_up |= u;
        any_lo |= l;
        any_dg |= d;
        any_other |= (k ? HIGHS & (~0ULL >> (64 - 8 * k)) : 0) & ~(letters | d);
        if (k < 8) {
            m->hash = hash_end(h, w, end - start);
            break;
        }
        h = hash_step(h, w);
        i += 8;
    }
    m->lhash = m->hash;
    m->cps = end - start;
    m->up = up;
    m->seen = (any_up ? B_UPPER : 0) | (any_lo ? B_LOWER : 0) | (any_dg ? B_DIGIT : 0) |
              (any_other ? B_OTHER : 0);
    m->first_upper = first_upper;
    m->replaced = 0;
    m->lower_later = up != 0;
    return 1;
}

/* Measure text[start..end) a code point at a time. */
static void measure_cps(const char *text, size_t start, size_t end, token_measure *m)
{
    hasher h, lh;
    hs_init(&h);
    hs_init(&lh);
    m->cps = m->up = 0;
    m->seen = 0;
    m->first_upper = -1;
    m->replaced = 0;
    m->lower_later = 0;
    size_t i = start;
    while (i < end) {
        size_t at = i;
        uint32_t c = ann_utf8_next(text, end, &i);
        unsigned cls;
        int letter;
        if (is_invisible_cp(c) && at > start)
            continue;      /* a soft hyphen inside a word: not hashed, not counted */
        if (c < 0x80) {
            cls = byte_class[c];
            hs_byte(&h, (unsigned char)c);
            hs_byte(&lh, (unsigned char)(c | (cls & B_UPPER)));
            cls &= B_WORD;
            if (!cls)
                cls = B_OTHER;
            letter = (cls & B_LETTER) != 0;
        } else {
            for (size_t k = at; k < i; k++)
                hs_byte(&h, (unsigned char)text[k]);
            hash_lower_cp(&lh, c);
            /* ann_is_digit() is ASCII only */
            cls = ann_is_upper(c) ? B_UPPER : ann_is_lower(c) ? B_LOWER : B_OTHER;
            letter = ann_is_letter(c);
            m->replaced |= c == ANN_REPLACEMENT;
        }
        if (m->first_upper < 0 && letter)
            m->first_upper = cls == B_UPPER;
        m->seen |= cls;
        m->up += cls == B_UPPER;
        m->cps++;
    }
    m->hash = hs_end(&h);
    m->lhash = hs_end(&lh);
}

/* ---- word scanning ------------------------------------------------------ */

/* A run "X.Y." of single letters each followed by a period (U.S., a.m.). */
static size_t dotted_letters(const ann_tokenizer *tz, size_t i)
{
    size_t j = i, n = 0, next;
    for (;;) {
        uint32_t c = cp_at(tz, j, &next);
        if (!is_letter_cp(c) || next >= tz->len || tz->text[next] != '.')
            break;
        size_t after;
        uint32_t c2 = cp_at(tz, next + 1, &after);
        (void)after;
        n++;
        j = next + 1;
        if (!is_letter_cp(c2))
            break;
        /* the letter after the period must itself be a single letter + '.' */
        size_t n2;
        cp_at(tz, j, &n2);
        if (n2 >= tz->len || tz->text[n2] != '.')
            break;
    }
    return n >= 2 ? j : 0;
}

/* Camel-case glue of two words that lost their space ("KyslytsyaThe"): split
 * before an upper-case letter that follows at least four lower-case ones of
 * a capitalized word and is itself followed by a lower-case letter.  Names
 * like McDonald, DeSantis and YouTube have shorter humps and stay whole. */
static int camel_split(uint32_t cur, uint32_t next, int capitalized, size_t lower_run)
{
    return capitalized && lower_run >= 4 && is_upper_cp(cur) && is_lower_cp(next);
}

typedef struct {
    size_t end;
    uint32_t flags;
    int number;
} word_scan;

/* The word at start, whose first code point c0 ends at next0.  The word is
 * measured afterwards: its loop only finds where it ends. */
static word_scan scan_word(const ann_tokenizer *tz, size_t start, uint32_t c0, size_t next0)
{
    const char *text = tz->text;
    word_scan w = {start, 0, 1};
    size_t i = start, next;
    size_t lower_run = 0, letters = 0;
    size_t lim = tz->len - start > MAX_TOKEN_BYTES ? start + MAX_TOKEN_BYTES : tz->len;
    int capitalized = is_upper_cp(c0);

    /* dotted_letters() wants a letter and a period right after it */
    if (next0 < tz->len && text[next0] == '.' && is_letter_cp(c0)) {
        size_t dl = dotted_letters(tz, start);
        if (dl) {
            w.end = dl;
            w.number = 0;
            w.flags |= ANN_TF_ABBREV;
            return w;
        }
    }
    /* A word is a number while it has no letter and no hyphen: letters is
     * counted and the hyphen flagged instead of clearing w.number in the
     * innermost loop. */
    while (i < lim) {
        unsigned char b = (unsigned char)text[i];
        unsigned cls = byte_class[b];
        if (cls & B_LOWER) {
            size_t j = i;
            while (++j < lim && (byte_class[(unsigned char)text[j]] & B_LOWER))
                ;
            letters += j - i;
            lower_run += j - i;
            i = j;
            continue;
        }
        if (cls & B_DIGIT) {
            i++;
            continue;
        }
        if (cls & B_UPPER) {
            letters++;
            if (letters > 1 && capitalized && lower_run >= 4 && i + 1 < tz->len &&
                is_lower_cp(cp_at(tz, i + 1, NULL)))
                break;                         /* camel-case glue: see camel_split */
            lower_run = 0;
            i++;
            continue;
        }
        if (b < 0x80 && !(cls & B_JOIN))
            break;            /* space and most punctuation: no rule below applies */
        uint32_t c = cp_at(tz, i, &next);
        if (is_invisible_cp(c) && is_word_cp(cp_at(tz, next, NULL))) {
            w.flags |= ANN_TF_INVISIBLE;
            i = next;
            continue;
        }
        if (is_word_cp(c)) {
            if (is_letter_cp(c)) {
                letters++;
                if (letters > 1 && camel_split(c, cp_at(tz, next, NULL), capitalized, lower_run))
                    break;
                lower_run = is_lower_cp(c) ? lower_run + 1 : 0;
            }
            i = next;
            continue;
        }
        int number = letters == 0 && !(w.flags & ANN_TF_HYPHEN);
        uint32_t after = cp_at(tz, next, NULL);
        if (quote_class(c) == 's' && c != 0x2018 && is_letter_cp(after)) {
            /* possessive 's stays a token of its own */
            size_t a2;
            cp_at(tz, next, &a2);
            if ((after == 's' || after == 'S') && !is_word_cp(cp_at(tz, a2, NULL)))
                break;
            i = next;        /* don't, O'Brien */
            continue;
        }
        if ((c == '-' || c == 0x2010 || c == 0x2011) && is_word_cp(after)) {
            w.flags |= ANN_TF_HYPHEN;
            capitalized = is_upper_cp(after);
            lower_run = 0;
            i = next;
            continue;
        }
        if (number && (c == ',' || c == '.') && is_digit_cp(after)) {
            i = next;        /* 1,000  3.5 */
            continue;
        }
        if (!number && (c == '.' || c == '@') && (is_lower_cp(after) || is_digit_cp(after))) {
            i = next;        /* globalresearch.ca, an e-mail address */
            continue;
        }
        break;
    }
    w.end = i;
    w.number = letters == 0 && !(w.flags & ANN_TF_HYPHEN);
    /* An abbreviation keeps its period: "Feb.", "Mr.", the initial "R." */
    if (!w.number && i < tz->len && text[i] == '.' &&
        (letters == 1 ? is_upper_cp(c0) : is_abbrev(tz->abbrevs, text, start, i, tz->len))) {
        w.end = i + 1;
        w.flags |= ANN_TF_ABBREV;
    }
    return w;
}

/* ---- other token kinds --------------------------------------------------- */

static int line_has_link_close(const ann_tokenizer *tz, size_t i)
{
    /* "[" opens Markdown link text when "](" follows on the same line */
    for (size_t j = i + 1; j + 1 < tz->len && j - i < MAX_LINK_BYTES; j++) {
        if (tz->text[j] == '\n')
            return 0;
        if (tz->text[j] == ']')
            return tz->text[j + 1] == '(';
    }
    return 0;
}

static size_t link_target_end(const ann_tokenizer *tz, size_t i)
{
    /* at "](": the target runs to the next ")" on the line */
    for (size_t j = i + 2; j < tz->len && j - i < MAX_LINK_BYTES; j++) {
        if (tz->text[j] == '\n')
            return 0;
        if (tz->text[j] == ')')
            return j + 1;
    }
    return 0;
}

static int is_open_bracket(uint32_t c)
{
    return c == '(' || c == '[' || c == '{' || c == 0;
}

/* Decide whether a quotation mark opens or closes from what flanks it; the
 * glyph (“ vs ”) is only a hint, because spun and OCR'd text mixes them up. */
static uint32_t quote_flags(ann_tokenizer *tz, size_t start, size_t end, uint32_t c)
{
    uint32_t before = cp_before(tz, start);
    uint32_t after = cp_at(tz, end, NULL);
    /* '' of wire text is one double mark in two tokens: the second does
     * what the first did, and the first looks past the second (a sentence
     * ends inside the quotation: "win.'' Then") */
    if (c == '\'' && before == '\'' && tz->prev_kind == ANN_TOK_QUOTE)
        return tz->prev_flags & (ANN_TF_QOPEN | ANN_TF_QCLOSE | ANN_TF_SINGLE_Q);
    if (c == '\'' && after == '\'')
        after = cp_at(tz, end + 1, NULL);
    int sp_before = before == 0 || is_space_cp(before) || is_open_bracket(before) ||
                    is_dash_cp(before) || quote_class(before);
    int sp_after = after == 0 || is_space_cp(after);
    int punct_after = after == ',' || after == '.' || after == ';' || after == ':' ||
                      after == ')' || after == '?' || after == '!';
    int single = quote_class(c) == 's';
    int *open = single ? &tz->sq_open : &tz->dq_open;
    int opens;
    if (sp_before && !sp_after && !punct_after)
        opens = 1;
    else if (!sp_before && (sp_after || punct_after))
        opens = !*open && before == ':';
    else if (c == 0x201C || c == 0x2018 || c == 0xAB || c == 0x201E)
        opens = 1;
    else if (c == 0x201D || c == 0x2019 || c == 0xBB)
        opens = !*open && sp_before;
    else
        opens = !*open;
    *open = opens;
    return (opens ? ANN_TF_QOPEN : ANN_TF_QCLOSE) | (single ? ANN_TF_SINGLE_Q : 0);
}

/* ---- the common token, a word at a time ---------------------------------- */

#define PLAIN_MAX 32       /* longer words take scan_word() */

/* Where the plain word at start ends, from the stop byte text[e]: e, e + 1
 * for an abbreviation's period, or 0 when a rule of scan_word() may apply. */
static size_t plain_word_end(const ann_abbrevs *ab, const char *text, size_t len,
                             size_t start, size_t e, int letters,
                             int capitalized)
{
    if (e >= len)
        return e;
    unsigned char b = (unsigned char)text[e];
    if (b >= 0x80)
        return 0;
    if (!(byte_class[b] & B_JOIN))
        return e;
    if ((b != '.' && b != ',') || (b == '.' && e - start == 1))
        return 0;    /* ' - @ go on inside a word; dotted_letters() wants "X." */
    unsigned char a = e + 1 < len ? (unsigned char)text[e + 1] : 0;
    if (a >= 0x80 || (byte_class[a] & (B_LOWER | B_DIGIT)))
        return 0;    /* 1,000  3.5  globalresearch.ca */
    if (b == '.' && letters && (letters == 1 ? capitalized : is_abbrev(ab, text, start, e, len)))
        return e + 1;
    return e;
}

/* The low k bytes of w (k <= 8). */
static inline uint64_t low_bytes(uint64_t w, size_t k)
{
    return k >= 8 ? w : w & ~(~0ULL << (8 * k));
}

/* Sixteen bytes of text classified at once: bit j of up, lo and dg says
 * whether byte j is an ASCII upper-case letter, lower-case letter or digit,
 * of join whether it is a byte plain_word_end() must look at (B_JOIN or
 * from 0x80 up); v and lv (w and lw without SSE2) are its bytes as they
 * are and ASCII-lowercased. */
typedef struct {
#ifdef ANN_SSE2
    __m128i v, lv;         /* the words stay in their register until asked */
#else
    uint64_t w[2], lw[2];
#endif
    unsigned up, lo, dg, join;
} chunk16;

/* Word k (0 or 1) of the chunk, as it is or ASCII-lowercased. */
static inline uint64_t chunk_word(const chunk16 *c, int k, int lower)
{
#ifdef ANN_SSE2
    __m128i v = lower ? c->lv : c->v;
    return (uint64_t)_mm_cvtsi128_si64(k ? _mm_unpackhi_epi64(v, v) : v);
#else
    return lower ? c->lw[k] : c->w[k];
#endif
}

#ifdef ANN_SSE2
/* Bytes of v in [lo, lo + n): the range shifted down to start at -128, so
 * that one signed compare tells, without SWAR's carries between bytes. */
static inline __m128i in_range(__m128i v, char lo, char n)
{
    __m128i x = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo)));
    return _mm_cmplt_epi8(x, _mm_set1_epi8((char)(-128 + n)));
}
#endif

static inline void classify16(const char *p, chunk16 *c)
{
#ifdef ANN_SSE2
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i up = in_range(v, 'A', 26);
    __m128i lv = _mm_or_si128(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
    c->up = (unsigned)_mm_movemask_epi8(up);
    c->lo = (unsigned)_mm_movemask_epi8(in_range(v, 'a', 26));
    c->dg = (unsigned)_mm_movemask_epi8(in_range(v, '0', 10));
    __m128i join = _mm_or_si128(in_range(v, ',', 3),     /* , - . */
                                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\'')),
                                             _mm_cmpeq_epi8(v, _mm_set1_epi8('@'))));
    c->join = (unsigned)_mm_movemask_epi8(_mm_or_si128(join, v));
    c->v = v;
    c->lv = lv;
#else
    c->up = c->lo = c->dg = c->join = 0;
    for (unsigned j = 0; j < 16; j++) {
        unsigned cls = byte_class[(unsigned char)p[j]];
        c->join |= (unsigned)((cls & B_JOIN) || (unsigned char)p[j] >= 0x80) << j;
        c->up |= (unsigned)((cls & B_UPPER) != 0) << j;
        c->lo |= (unsigned)((cls & B_LOWER) != 0) << j;
        c->dg |= (unsigned)((cls & B_DIGIT) != 0) << j;
    }
    for (unsigned k = 0; k < 2; k++) {
        c->w[k] = load_word(p, 8 * k, 8, 16);
        c->lw[k] = c->w[k] | upper_bits(c->w[k]) >> 2;   /* ASCII wherever it counts */
    }
#endif
}

/* classify16() of text[i..i + 16), with zero bytes (no word's) past len. */
/* classify16() of text[i..len), fewer than 16 bytes, zero padded (zero is
 * no word's byte).  Apart, so that the common word keeps its registers. */
__attribute__((noinline))
static void classify_tail(const char *text, size_t len, size_t i, chunk16 *c)
{
    char buf[16] = {0};
    memcpy(buf, text + i, len - i);
    classify16(buf, c);
}

static inline void classify_at(const char *text, size_t len, size_t i, chunk16 *c)
{
    if (len - i >= 16)
        classify16(text + i, c);
    else
        classify_tail(text, len, i, c);
}

/* The masks of chunk16 for 32 bytes from i: a word of 16 bytes or more. */
typedef struct {
    uint32_t up, lo, dg, join;
} masks32;

__attribute__((noinline))
static masks32 classify32(const char *text, size_t len, size_t i, const chunk16 *c)
{
    chunk16 c2;
    classify_at(text, len, i + 16, &c2);
    masks32 m = {c->up | c2.up << 16, c->lo | c2.lo << 16, c->dg | c2.dg << 16,
                 c->join | c2.join << 16};
    return m;
}

/* Both hashes of a plain word of 16 bytes or more. */
__attribute__((noinline))
static void hash_long(const char *text, size_t len, ann_token *t)
{
    t->hash = hash_span(text, t->start, t->end, len, 0);
    t->lhash = hash_span(text, t->start, t->end, len, 1);
}

/* Most tokens are an ASCII word or number that ends at a blank or at
 * punctuation no rule of scan_word() continues past.  Such a word is found
 * and classified sixteen bytes at a time here, as bit masks with a bit a
 * byte, and hashed from the same registers.  Returns 0 when the word at
 * start (an ASCII letter or digit) is not that plain, and scan_word()
 * decides; else sets all of *t but the flags of its context. */
__attribute__((always_inline))
static inline int scan_plain_word(const ann_abbrevs *ab, const char *text, size_t len,
                                  size_t start, ann_token *t)
{
    chunk16 c;
    classify_at(text, len, start, &c);
    uint32_t up = c.up, lo = c.lo, dg = c.dg, join = c.join;
    uint32_t stop = ~(up | lo | dg) & 0xFFFF;
    if (!stop) {
        /* 16 word bytes or more: rare, and no word of PLAIN_MAX or more */
        masks32 m = classify32(text, len, start, &c);
        up = m.up;
        lo = m.lo;
        dg = m.dg;
        join = m.join;
        stop = ~(up | lo | dg);
        if (!stop)
            return 0;
    }
    uint32_t in = (stop & (0 - stop)) - 1;    /* the bytes before the first stop */
    up &= in;
    lo &= in;
    uint32_t letters = up | lo;
    size_t e = start + (size_t)__builtin_ctz(stop);
    int capitalized = up & 1;
    /* camel-case glue (see camel_split) needs four lower-case letters after
     * the capital; a long number, or digits then letters, takes scan_word() */
    if ((capitalized && (up & ~0x1Fu)) || (e - start >= 8 && !(letters & 0xFF)))
        return 0;
    /* the stop byte's class from the masks, not from a load that waits for them */
    size_t end = e;
    if (join & stop & (0 - stop)) {
        int nletters = letters ? 1 + ((letters & (letters - 1)) != 0) : 0;
        end = plain_word_end(ab, text, len, start, e, nletters, capitalized);
        if (!end)
            return 0;
    }
    size_t n = end - start;
    int abbrev = end > e;
    uint32_t f = abbrev ? ANN_TF_ABBREV : 0;
    if (up && !lo)
        f |= ANN_TF_UPPER;
    if (lo && !up)
        f |= ANN_TF_LOWER;
    if ((letters & (0 - letters) & up) && (lo || !(up & (up - 1))))
        f |= ANN_TF_TITLE;
    if (!letters && !abbrev)
        f |= ANN_TF_DIGIT;
    t->start = start;
    t->end = end;
    t->kind = letters ? ANN_TOK_WORD : ANN_TOK_NUMBER;
    t->flags = f;
    t->ncp = (uint16_t)n;
    /* A word without a capital is its own lowercase form: most words of
     * prose take one hash, not two. */
    if (n < 8) {
        t->hash = hash_end(HASH_SEED, low_bytes(chunk_word(&c, 0, 0), n), n);
        t->lhash = up ? hash_end(HASH_SEED, low_bytes(chunk_word(&c, 0, 1), n), n) : t->hash;
    } else if (n < 16) {
        t->hash = hash_end(hash_step(HASH_SEED, chunk_word(&c, 0, 0)),
                           low_bytes(chunk_word(&c, 1, 0), n - 8), n);
        t->lhash = up ? hash_end(hash_step(HASH_SEED, chunk_word(&c, 0, 1)),
                                 low_bytes(chunk_word(&c, 1, 1), n - 8), n)
                      : t->hash;
    } else {
        hash_long(text, len, t);
    }
    return 1;
}

/* The token of punctuation byte b at pos, but for its context flags. */
static inline void set_punct(ann_token *t, size_t pos, unsigned char b)
{
    t->start = pos;
    t->end = pos + 1;
    t->kind = ANN_TOK_PUNCT;
    t->flags = 0;
    t->ncp = 1;
    t->hash = t->lhash = hash_end(HASH_SEED, b, 1);
}

/* Punctuation of one byte (, . ; : ! ? ( ) { }) as scan_token() and
 * set_plain() would make it; 0 for any other byte, or a period that begins
 * "...", or a bracket that may be Markdown. */
static int scan_plain_punct(const ann_tokenizer *tz, size_t start, ann_token *t)
{
    unsigned char b = (unsigned char)tz->text[start];
    if (!(byte_class[b] & B_PUNCT) || b == '[' || b == ']')
        return 0;
    if (b == '.' && start + 2 < tz->len && tz->text[start + 1] == '.' && tz->text[start + 2] == '.')
        return 0;
    set_punct(t, start, b);
    return 1;
}

/* ---- the token loop -------------------------------------------------------- */

/* Skip white space from pos, noting line and paragraph breaks; returns
 * where the next token starts. */
static inline size_t skip_space(ann_tokenizer *tz, size_t pos)
{
    size_t newlines = 0;
    /* the common case: one blank between two tokens */
    if (pos + 1 < tz->len && tz->text[pos] == ' ' &&
        (unsigned char)tz->text[pos + 1] - 0x21u < 0x7Fu - 0x21u + 1) {   /* '!' to DEL */
        return pos + 1;
    }
    while (pos < tz->len) {
        unsigned char b = (unsigned char)tz->text[pos];
        if (b < 0x80) {
            if (!(byte_class[b] & B_SPACE))
                break;
            newlines += b == '\n';
            pos++;
            continue;
        }
        size_t next;
        uint32_t c = cp_at(tz, pos, &next);
        if (!ann_is_space(c))
            break;
        if (c == 0x2029)    /* the paragraph separator counts as a blank line */
            newlines += 2;
        pos = next;
    }
    if (newlines >= 1)
        tz->at_line_start = 1;
    if (newlines >= 2)
        tz->at_para_start = 1;
    return pos;
}

/* Code points, case flags and hashes of a word, number, dash or symbol. */
static void set_case_flags(const char *text, size_t len, ann_token *t)
{
    token_measure m;
    if (!measure_ascii(text, t->start, t->end, len, &m))
        measure_cps(text, t->start, t->end, &m);
    t->flags |= case_flags(m.seen, m.up, m.first_upper);
    if (m.replaced)
        t->flags |= ANN_TF_REPLACED;
    t->ncp = m.cps > 65535 ? 65535 : (uint16_t)m.cps;
    t->hash = m.hash;
    /* the lowercase hash is asked of words and of upper-case tokens only */
    if (!((t->flags & (ANN_TF_UPPER | ANN_TF_TITLE)) || t->kind == ANN_TOK_WORD))
        t->lhash = m.hash;
    else if (m.lower_later)
        t->lhash = hash_span(text, t->start, t->end, len, 1);
    else
        t->lhash = m.lhash;
}

/* Does a token of this kind get case flags (and a measure)? */
static int has_case(int kind)
{
    return kind != ANN_TOK_QUOTE && kind != ANN_TOK_PUNCT && kind != ANN_TOK_MARKUP;
}

/* Scan one token at start (which is not white space) into *t: its end,
 * kind and the flags its own text gives. */
static void scan_token(ann_tokenizer *tz, size_t start, ann_token *t)
{
    size_t next;
    uint32_t c = cp_at(tz, start, &next);
    t->start = start;
    t->end = next;
    t->flags = 0;
    t->kind = ANN_TOK_SYMBOL;

    if (is_word_cp(c)) {
        word_scan w = scan_word(tz, start, c, next);
        t->kind = w.number ? ANN_TOK_NUMBER : ANN_TOK_WORD;
        t->flags |= w.flags;
        if (w.end > start)
            t->end = w.end;
    } else if (quote_class(c) == 's' && next < tz->len && (tz->text[next] | 0x20) == 's' &&
               is_letter_cp(cp_before(tz, start)) && !is_word_cp(cp_at(tz, next + 1, NULL))) {
        t->end = next + 1;
        t->kind = ANN_TOK_WORD;
        t->flags |= ANN_TF_POSS;
    } else if (quote_class(c)) {
        t->kind = ANN_TOK_QUOTE;
        t->flags |= quote_flags(tz, start, next, c);
    } else if (c == '*' || c == '_' || (c == '#' && tz->at_line_start) ||
               (c == '>' && tz->at_line_start)) {
        size_t j = start;
        while (j < tz->len && (unsigned char)tz->text[j] == c && j - start < MAX_TOKEN_BYTES)
            j++;
        t->end = j;
        t->kind = ANN_TOK_MARKUP;
    } else if (c == '[' && line_has_link_close(tz, start)) {
        t->kind = ANN_TOK_MARKUP;
    } else if (c == ']' && next < tz->len && tz->text[next] == '(' && link_target_end(tz, start)) {
        t->end = link_target_end(tz, start);
        t->kind = ANN_TOK_MARKUP;
    } else if (c == '.' && next + 1 < tz->len && tz->text[next] == '.' && tz->text[next + 1] == '.') {
        t->end = next + 2;
        t->kind = ANN_TOK_PUNCT;
    } else if (is_dash_cp(c)) {
        size_t j = next;
        while (j < tz->len && tz->text[j] == '-' && c == '-' && j - start < MAX_TOKEN_BYTES)
            j++;
        t->end = j;
        t->kind = ANN_TOK_DASH;
    } else if ((c < 128 && (byte_class[c] & B_PUNCT)) || c == 0x2026) {
        t->kind = ANN_TOK_PUNCT;
    }
}

static int ends_sentence(const char *text, const ann_token *t)
{
    if (t->kind != ANN_TOK_PUNCT)
        return 0;
    char c = text[t->start];
    return c == '.' || c == '!' || c == '?' || ann_tok_is(text, t, "\xE2\x80\xA6");
}

static int starts_like_sentence(const char *text, const ann_token *t)
{
    size_t i = t->start;
    uint32_t c = ann_utf8_next(text, t->end, &i);
    return is_upper_cp(c) || is_digit_cp(c) || (t->flags & ANN_TF_QOPEN) ||
           t->kind == ANN_TOK_MARKUP || t->kind == ANN_TOK_DASH;
}

/* Does token t begin a sentence, given the one before it? */
static int is_sentence_start(ann_tokenizer *tz, const ann_token *t)
{
    if (tz->at_para_start || tz->sent_tokens >= tz->max_sentence)
        return 1;
    if (tz->at_line_start) {
        /* a wrapped line goes on with a lower-case word after a word or comma */
        size_t i = t->start;
        uint32_t c = ann_utf8_next(tz->text, t->end, &i);
        int continues = (tz->prev_kind == ANN_TOK_WORD || tz->prev_kind == ANN_TOK_NUMBER ||
                         tz->prev_comma) && (is_lower_cp(c) || is_digit_cp(c));
        return !continues;
    }
    if (!tz->pending_end)
        return 0;
    if ((t->flags & ANN_TF_QCLOSE) || tz->text[t->start] == ')' || tz->text[t->start] == ']')
        return 0;   /* 'He left." Then' : the closing mark belongs to the sentence */
    if (tz->pending_end == PENDING_ABBREV)
        return is_starter(tz->abbrevs, tz->text, t, tz->len);
    /* a word glued to the period goes on: "(D-S.C.)", "S.C.-based" */
    if (!(t->flags & ANN_TF_SPACE_BEFORE) && (t->kind == ANN_TOK_WORD || t->kind == ANN_TOK_NUMBER))
        return 0;
    return starts_like_sentence(tz->text, t);
}

void ann_tokenizer_init(ann_tokenizer *tz, const char *text, size_t len,
                        const ann_abbrevs *abbrevs)
{
    memset(tz, 0, sizeof *tz);
    tz->abbrevs = abbrevs ? abbrevs : default_abbrevs();
    tz->text = text;
    tz->len = len;
    tz->at_line_start = tz->at_para_start = 1;
    tz->prev_kind = -1;
    tz->max_token = MAX_TOKEN_BYTES;
    tz->max_sentence = MAX_SENTENCE_TOKENS;
}

/* Hash and code points of a quotation mark, punctuation or markup token. */
static void set_plain(const ann_tokenizer *tz, ann_token *t)
{
    t->ncp = (uint16_t)ann_utf8_count(tz->text + t->start, t->end - t->start);
    t->hash = t->lhash = hash_span(tz->text, t->start, t->end, tz->len, 0);
}

static void finish_token(ann_tokenizer *tz, ann_tokens *out, ann_token *t)
{
    if (tz->at_para_start) {
        t->flags |= ANN_TF_PARA_START;
        tz->dq_open = tz->sq_open = 0;
    }
    if (tz->at_line_start)
        t->flags |= ANN_TF_LINE_START;
    unsigned char pb = t->start ? (unsigned char)tz->text[t->start - 1] : ' ';
    if (pb < 0x80 ? (byte_class[pb] & B_SPACE) != 0 : ann_is_space(cp_before(tz, t->start)))
        t->flags |= ANN_TF_SPACE_BEFORE;
    if (is_sentence_start(tz, t) || tz->prev_kind < 0) {
        t->flags |= ANN_TF_SENT_START;
        if (out->n > 0)
            out->v[out->n - 1].flags |= ANN_TF_SENT_END;
        tz->sent_tokens = 0;
        tz->pending_end = 0;
    }
    char first = tz->text[t->start];
    if (ends_sentence(tz->text, t))
        tz->pending_end = PENDING_STOP;
    else if (t->flags & ANN_TF_ABBREV)
        tz->pending_end = abbrev_pending(tz->abbrevs, tz->text, t, tz->len);
    else if (!(t->flags & ANN_TF_QCLOSE) && first != ')' && first != ']')
        tz->pending_end = 0;
    tz->prev_kind = t->kind;
    tz->prev_comma = first == ',';
    tz->prev_flags = t->flags;
    tz->at_line_start = tz->at_para_start = 0;
    tz->sent_tokens++;
    out->n++;
}

/* Would finish_token() find nothing to do for a plain word but what
 * finish_plain() does?  Mid-sentence and mid-line, nearly always. */
static inline int plain_context(const ann_tokenizer *tz)
{
    return !(tz->at_para_start | tz->at_line_start | tz->pending_end) && tz->prev_kind >= 0 &&
           tz->sent_tokens < tz->max_sentence;
}

/* finish_token() of a word from scan_plain_word() in a plain_context(). */
static inline void finish_plain(ann_tokenizer *tz, ann_tokens *out, ann_token *t)
{
    unsigned char pb = (unsigned char)tz->text[t->start - 1];
    if (pb < 0x80 ? (byte_class[pb] & B_SPACE) != 0 : ann_is_space(cp_before(tz, t->start)))
        t->flags |= ANN_TF_SPACE_BEFORE;
    if (t->flags & ANN_TF_ABBREV)
        tz->pending_end = abbrev_pending(tz->abbrevs, tz->text, t, tz->len);
    tz->prev_kind = t->kind;
    tz->prev_comma = 0;
    tz->prev_flags = t->flags;
    tz->sent_tokens++;
    out->n++;
}

/* After a plain word in a plain context, the words that follow it one
 * blank apart, or after a comma, semicolon or colon and a blank, with the
 * tokenizer's state in registers: the common run of a sentence's middle.
 * A sentence's end and the capitalized word after it (". The", "? It")
 * go on in the run too: they were a fifth of all tokens, each through
 * finish_token() and back (callgrind, 60 bench docs: the tokenizer -0.41M
 * instructions, -0.13% of the run).
 * Stops before a token that is not such, or that starts at or past lim
 * (where a window may end), or when out is full; returns where the general
 * loop goes on. */
static size_t plain_run(ann_tokenizer *tz, ann_tokens *out, size_t pos, size_t lim)
{
    const char *text = tz->text;
    size_t len = tz->len, n = out->n, sent = tz->sent_tokens;
    /* one bound for the room in out and the sentence's tokens left (a
     * sentence started in the run only has more) */
    size_t room = out->cap - n < tz->max_sentence - sent ? out->cap - n : tz->max_sentence - sent;
    size_t stop = n + room;
    ann_token *v = out->v, *last = NULL;
    while (pos + 2 < lim && n + 2 <= stop) {
        unsigned char b = (unsigned char)text[pos];
        size_t at = pos + 1;
        int ends = 0;
        if (b == ',' || b == ';' || b == ':') {
            if (text[pos + 1] != ' ')
                break;
            at = pos + 2;
        } else if (b == '.' || b == '?' || b == '!') {
            /* one blank, then an ASCII capital: a sentence starts there,
             * as is_sentence_start() finds after PENDING_STOP */
            if (text[pos + 1] != ' ' || !(byte_class[(unsigned char)text[pos + 2]] & B_UPPER))
                break;
            at = pos + 2;
            ends = 1;
        } else if (b != ' ') {
            break;
        }
        if (!(byte_class[(unsigned char)text[at]] & B_WORD))
            break;
        ann_token *t = &v[n];
        if (b != ' ') {
            /* as scan_plain_punct() and finish_token() make it here */
            set_punct(t, pos, b);
            last = t++;
            n++;
            sent++;
            pos++;
        }
        if (!scan_plain_word(tz->abbrevs, text, len, at, t)) {
            if (ends)
                tz->pending_end = PENDING_STOP;
            break;
        }
        t->flags |= ANN_TF_SPACE_BEFORE;
        if (ends) {
            t->flags |= ANN_TF_SENT_START;
            last->flags |= ANN_TF_SENT_END;
            sent = 0;
        }
        last = t;
        pos = t->end;
        n++;
        sent++;
        if (t->flags & ANN_TF_ABBREV) {
            /* "Inc. The": the next word decides, in finish_token() */
            tz->pending_end = abbrev_pending(tz->abbrevs, text, t, len);
            break;
        }
    }
    if (last) {
        tz->prev_kind = last->kind;
        tz->prev_flags = last->flags;
        tz->prev_comma = text[last->start] == ',';
        tz->sent_tokens = sent;
        out->n = n;
    }
    return pos;
}

size_t ann_tokenize_window(ann_tokenizer *tz, ann_tokens *out, size_t min_bytes)
{
    out->n = 0;
    size_t from = tz->pos, pos = tz->pos, len = tz->len;
    /* Without paragraph breaks (one huge line) a window still ends, at a
     * sentence start, so memory stays bounded. */
    size_t hard = min_bytes * 4 > min_bytes ? min_bytes * 4 : (size_t)-1;
    for (;;) {
        pos = skip_space(tz, pos);
        if (pos >= len)
            break;
        size_t covered = pos - from;
        if (out->n > 0 && covered >= min_bytes &&
            (tz->at_para_start || (covered >= hard && (tz->pending_end || covered >= hard * 2)))) {
            if (!tz->at_para_start)
                tz->at_para_start = 1;   /* a forced window edge is a paragraph edge */
            break;
        }
        if (out->n >= out->cap)
            ann_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
        /* built in place rather than copied in: one store per field */
        ann_token *t = &out->v[out->n];
        if ((byte_class[(unsigned char)tz->text[pos]] & B_WORD) &&
            scan_plain_word(tz->abbrevs, tz->text, len, pos, t)) {
            pos = t->end;
            if (plain_context(tz)) {
                finish_plain(tz, out, t);
                pos = plain_run(tz, out, pos, min_bytes < len - from ? from + min_bytes : len);
            } else
                finish_token(tz, out, t);
            continue;
        }
        if (scan_plain_punct(tz, pos, t)) {
            pos = t->end;
            finish_token(tz, out, t);
            continue;
        }
        scan_token(tz, pos, t);
        if (has_case(t->kind))
            set_case_flags(tz->text, len, t);
        else
            set_plain(tz, t);
        pos = t->end;
        finish_token(tz, out, t);
    }
    tz->pos = pos;
    if (out->n > 0)
        out->v[out->n - 1].flags |= ANN_TF_SENT_END;
    return out->n;
}

void ann_tokenize_all(const char *text, size_t len, ann_tokens *out)
{
    ann_tokenize_with(NULL, text, len, out);
}

void ann_tokenize_with(const ann_abbrevs *abbrevs, const char *text, size_t len,
                       ann_tokens *out)
{
    ann_tokenizer tz;
    ann_tokenizer_init(&tz, text, len, abbrevs);
    ann_tokenize_window(&tz, out, (size_t)-1 / 8);
}

void ann_tokens_free(ann_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}
