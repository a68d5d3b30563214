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
#include "tokenizer.h"
#include "utf8.h"

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL

#define MAX_TOKEN_BYTES 4096      /* a longer run is cut into pieces */
#define MAX_SENTENCE_TOKENS 1000  /* a longer "sentence" is broken */
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

#define FNV_STEP(h, b) (((h) ^ (unsigned char)(b)) * FNV_PRIME)

uint64_t ann_hash(const char *s, size_t n)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++)
        h = FNV_STEP(h, s[i]);
    return h;
}

/* Fold the UTF-8 bytes of the lowercase form of c into h. */
static uint64_t hash_lower_cp(uint64_t h, uint32_t c)
{
    char buf[4];
    size_t k = ann_utf8_put(ann_to_lower(c), buf);
    for (size_t j = 0; j < k; j++)
        h = FNV_STEP(h, buf[j]);
    return h;
}

uint64_t ann_hash_lower(const char *s, size_t n)
{
    uint64_t h = FNV_OFFSET;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {
            h = FNV_STEP(h, b | (byte_class[b] & B_UPPER));
            i++;
            continue;
        }
        h = hash_lower_cp(h, ann_utf8_next(s, n, &i));
    }
    return h;
}

/* ---- abbreviations: a hash table loaded once from the rules ------------- */

/* Asked of every word before a period, with the word's hash at hand from
 * the scanning pass: a probe or two instead of a binary search. */
typedef struct {
    uint64_t hash;         /* ann_hash() of s */
    const char *s;         /* NULL: an empty slot */
    size_t n;
} abbrev_slot;

#define ABBREV_MAX 16      /* longer words are never looked up */

static char **abbrevs;     /* the strings, owned here */
static size_t nabbrevs;
static abbrev_slot *abbrev_tab;
static size_t abbrev_mask;
static pthread_once_t abbrevs_once = PTHREAD_ONCE_INIT;

static void free_abbrevs(void)
{
    for (size_t i = 0; i < nabbrevs; i++)
        free(abbrevs[i]);
    free(abbrevs);
    free(abbrev_tab);
}

static size_t abbrev_slot_of(uint64_t hash)
{
    return (size_t)(hash ^ (hash >> 32)) & abbrev_mask;
}

static void load_abbrevs(void)
{
    const ann_builtin_file *f = ann_builtin_get("tokenizer/abbreviations.txt");
    size_t cap = 0;
    if (!f)
        return;
    const char *p = f->data, *end = f->data + f->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        if (le > p && *p != '#')
            ANN_PUSH(abbrevs, nabbrevs, cap, ann_xstrndup(p, (size_t)(le - p)));
        p = le + 1;
    }
    size_t slots = 16;
    while (slots < nabbrevs * 2)    /* at most half full: short probes */
        slots *= 2;
    abbrev_tab = ann_xcalloc(slots, sizeof *abbrev_tab);
    abbrev_mask = slots - 1;
    for (size_t i = 0; i < nabbrevs; i++) {
        abbrev_slot e = {ann_hash(abbrevs[i], strlen(abbrevs[i])), abbrevs[i], strlen(abbrevs[i])};
        size_t j = abbrev_slot_of(e.hash);
        while (abbrev_tab[j].s)
            j = (j + 1) & abbrev_mask;
        abbrev_tab[j] = e;
    }
    atexit(free_abbrevs);
}

/* Is s[0..n), whose ann_hash() is hash, a listed abbreviation? */
static int is_abbrev(const char *s, size_t n, uint64_t hash)
{
    if (n == 0 || n >= ABBREV_MAX)
        return 0;
    pthread_once(&abbrevs_once, load_abbrevs);
    if (!abbrev_tab)
        return 0;
    for (size_t j = abbrev_slot_of(hash); abbrev_tab[j].s; j = (j + 1) & abbrev_mask) {
        const abbrev_slot *e = &abbrev_tab[j];
        if (e->hash == hash && e->n == n && memcmp(e->s, s, n) == 0)
            return 1;
    }
    return 0;
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

static inline int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return (byte_class[cp] & B_WORD) != 0;
    return is_letter_cp(cp) || (cp >= 0x300 && cp <= 0x36F);
}

/* ---- measuring: hashes, code points and case, in the scanning pass -------- */

/* What the pass over a token's code points learns, as set_case_flags() did
 * from the token alone (decoding it as a UTF-8 string of its own). */
typedef struct {
    uint64_t hash, lhash;  /* ann_hash() and ann_hash_lower() */
    size_t cps, up;        /* code points, upper-case ones */
    unsigned seen;         /* B_LOWER, B_UPPER, B_DIGIT, B_OTHER of the code points */
    int first_upper;       /* case of the first letter; -1 before any */
    int replaced;          /* a U+FFFD among them */
} token_measure;

#define B_OTHER 0x80       /* in token_measure.seen: neither letter nor digit */

static void tm_init(token_measure *m)
{
    m->hash = m->lhash = FNV_OFFSET;
    m->cps = m->up = 0;
    m->seen = 0;
    m->first_upper = -1;
    m->replaced = 0;
}

static inline void tm_ascii(token_measure *m, unsigned char b)
{
    unsigned cls = byte_class[b];
    m->hash = FNV_STEP(m->hash, b);
    m->lhash = FNV_STEP(m->lhash, b | (cls & B_UPPER));
    cls &= B_WORD;
    if (!cls)
        cls = B_OTHER;
    if (m->first_upper < 0 && (cls & B_LETTER))
        m->first_upper = cls == B_UPPER;
    m->seen |= cls;
    m->up += cls == B_UPPER;
    m->cps++;
}

/* Add the code point c, whose bytes are text[at..next). */
static void tm_cp(token_measure *m, const char *text, size_t at, size_t next, uint32_t c)
{
    if (c < 0x80) {
        tm_ascii(m, (unsigned char)c);
        return;
    }
    for (size_t k = at; k < next; k++)
        m->hash = FNV_STEP(m->hash, text[k]);
    m->lhash = hash_lower_cp(m->lhash, c);
    /* ann_is_digit() is ASCII only */
    unsigned cls = ann_is_upper(c) ? B_UPPER : ann_is_lower(c) ? B_LOWER : B_OTHER;
    if (m->first_upper < 0 && ann_is_letter(c))
        m->first_upper = cls == B_UPPER;
    m->seen |= cls;
    m->up += cls == B_UPPER;
    m->replaced |= c == ANN_REPLACEMENT;
    m->cps++;
}

static void measure(const char *text, size_t start, size_t end, token_measure *m)
{
    tm_init(m);
    size_t i = start;
    while (i < end) {
        size_t at = i;
        uint32_t c = ann_utf8_next(text, end, &i);
        tm_cp(m, text, at, i, c);
    }
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

/* A run of lower-case ASCII letters from text[i] (one at least), hashed
 * into *m: the innermost loop of the tokenizer. */
static size_t lower_run_end(const char *text, size_t i, size_t lim, token_measure *m)
{
    uint64_t h = m->hash, lh = m->lhash;
    size_t j = i;
    if (h == lh) {        /* nothing lowered yet (most words): one hash does */
        do
            h = FNV_STEP(h, text[j]);
        while (++j < lim && (byte_class[(unsigned char)text[j]] & B_LOWER));
        lh = h;
    } else {
        do {
            h = FNV_STEP(h, text[j]);
            lh = FNV_STEP(lh, text[j]);
        } while (++j < lim && (byte_class[(unsigned char)text[j]] & B_LOWER));
    }
    m->hash = h;
    m->lhash = lh;
    m->cps += j - i;
    m->seen |= B_LOWER;
    if (m->first_upper < 0)
        m->first_upper = 0;
    return j;
}

/* The word at start, whose first code point c0 ends at next0; *m measures
 * the bytes the word takes as they are scanned. */
static word_scan scan_word(const ann_tokenizer *tz, size_t start, uint32_t c0, size_t next0,
                           token_measure *m)
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
            measure(text, start, dl, m);
            return w;
        }
    }
    tm_init(m);
    while (i < lim) {
        unsigned char b = (unsigned char)text[i];
        unsigned cls = byte_class[b];
        if (cls & B_LOWER) {
            size_t j = lower_run_end(text, i, lim, m);
            w.number = 0;
            letters += j - i;
            lower_run += j - i;
            i = j;
            continue;
        }
        if (cls & B_UPPER) {
            w.number = 0;
            letters++;
            if (letters > 1 && capitalized && lower_run >= 4 && i + 1 < tz->len &&
                is_lower_cp(cp_at(tz, i + 1, NULL)))
                break;                         /* camel-case glue: see camel_split */
            lower_run = 0;
            tm_ascii(m, b);
            i++;
            continue;
        }
        if (cls & B_DIGIT) {
            tm_ascii(m, b);
            i++;
            continue;
        }
        if (b < 0x80 && !(cls & B_JOIN))
            break;            /* space and most punctuation: no rule below applies */
        uint32_t c = cp_at(tz, i, &next);
        if (is_word_cp(c)) {
            if (is_letter_cp(c)) {
                w.number = 0;
                letters++;
                if (letters > 1 && camel_split(c, cp_at(tz, next, NULL), capitalized, lower_run))
                    break;
                lower_run = is_lower_cp(c) ? lower_run + 1 : 0;
            }
            tm_cp(m, text, i, next, c);
            i = next;
            continue;
        }
        uint32_t after = cp_at(tz, next, NULL);
        if (quote_class(c) == 's' && c != 0x2018 && is_letter_cp(after)) {
            /* possessive 's stays a token of its own */
            size_t a2;
            cp_at(tz, next, &a2);
            if ((after == 's' || after == 'S') && !is_word_cp(cp_at(tz, a2, NULL)))
                break;
            tm_cp(m, text, i, next, c);
            i = next;        /* don't, O'Brien */
            continue;
        }
        if ((c == '-' || c == 0x2010 || c == 0x2011) && is_word_cp(after)) {
            w.flags |= ANN_TF_HYPHEN;
            w.number = 0;
            capitalized = is_upper_cp(after);
            lower_run = 0;
            tm_cp(m, text, i, next, c);
            i = next;
            continue;
        }
        if (w.number && (c == ',' || c == '.') && is_digit_cp(after)) {
            tm_cp(m, text, i, next, c);
            i = next;        /* 1,000  3.5 */
            continue;
        }
        if (!w.number && (c == '.' || c == '@') && (is_lower_cp(after) || is_digit_cp(after))) {
            tm_cp(m, text, i, next, c);
            i = next;        /* globalresearch.ca, an e-mail address */
            continue;
        }
        break;
    }
    w.end = i;
    /* An abbreviation keeps its period: "Feb.", "Mr.", the initial "R." */
    if (!w.number && i < tz->len && text[i] == '.' &&
        (letters == 1 ? is_upper_cp(c0) : is_abbrev(text + start, i - start, m->hash))) {
        w.end = i + 1;
        w.flags |= ANN_TF_ABBREV;
        tm_ascii(m, '.');
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

/* ---- the token loop -------------------------------------------------------- */

/* Skip white space, noting line and paragraph breaks. */
static void skip_space(ann_tokenizer *tz)
{
    size_t newlines = 0, pos = tz->pos;
    /* the common case: one blank between two tokens */
    if (pos + 1 < tz->len && tz->text[pos] == ' ' &&
        (unsigned char)tz->text[pos + 1] - 0x21u < 0x7Fu - 0x21u + 1) {   /* '!' to DEL */
        tz->pos = pos + 1;
        return;
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
    tz->pos = pos;
    if (newlines >= 1)
        tz->at_line_start = 1;
    if (newlines >= 2)
        tz->at_para_start = 1;
}

/* Code points, case flags and hashes of a word, number, dash or symbol. */
static void set_case_flags(ann_token *t, const token_measure *m)
{
    unsigned low = m->seen & B_LOWER, dig = m->seen & B_DIGIT, other = m->seen & B_OTHER;
    size_t up = m->up;
    if (m->replaced)
        t->flags |= ANN_TF_REPLACED;
    t->ncp = m->cps > 65535 ? 65535 : (uint16_t)m->cps;
    if (up && !low)
        t->flags |= ANN_TF_UPPER;
    if (low && !up)
        t->flags |= ANN_TF_LOWER;
    if (m->first_upper == 1 && (low || up == 1))
        t->flags |= ANN_TF_TITLE;
    if (dig && !up && !low && !other)
        t->flags |= ANN_TF_DIGIT;
    t->hash = m->hash;
    /* the lowercase hash is asked of words and of upper-case tokens only */
    t->lhash = (t->flags & (ANN_TF_UPPER | ANN_TF_TITLE)) || t->kind == ANN_TOK_WORD ? m->lhash
                                                                                     : m->hash;
}

/* Does a token of this kind get case flags (and a measure)? */
static int has_case(int kind)
{
    return kind != ANN_TOK_QUOTE && kind != ANN_TOK_PUNCT && kind != ANN_TOK_MARKUP;
}

/* Scan one token at tz->pos (which is not white space) into *t; measure it
 * into *m if has_case(t->kind). */
static void scan_token(ann_tokenizer *tz, ann_token *t, token_measure *m)
{
    size_t start = tz->pos, next;
    uint32_t c = cp_at(tz, start, &next);
    t->start = start;
    t->end = next;
    t->flags = 0;
    t->kind = ANN_TOK_SYMBOL;

    if (is_word_cp(c)) {
        word_scan w = scan_word(tz, start, c, next, m);
        t->kind = w.number ? ANN_TOK_NUMBER : ANN_TOK_WORD;
        t->flags |= w.flags;
        if (w.end > start) {
            t->end = w.end;
            return;
        }
    } else if (quote_class(c) == 's' && (tz->text[next] == 's' || tz->text[next] == 'S') &&
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
    if (has_case(t->kind))
        measure(tz->text, t->start, t->end, m);
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
    return starts_like_sentence(tz->text, t);
}

void ann_tokenizer_init(ann_tokenizer *tz, const char *text, size_t len)
{
    memset(tz, 0, sizeof *tz);
    tz->text = text;
    tz->len = len;
    tz->at_line_start = tz->at_para_start = 1;
    tz->prev_kind = -1;
    tz->max_token = MAX_TOKEN_BYTES;
    tz->max_sentence = MAX_SENTENCE_TOKENS;
}

/* Hash and code points of a quotation mark, punctuation or markup token. */
static void set_plain(const char *text, ann_token *t)
{
    uint64_t h = FNV_OFFSET;
    size_t cps = 0;
    for (size_t i = t->start; i < t->end; i++) {
        unsigned char b = (unsigned char)text[i];
        h = FNV_STEP(h, b);
        cps += (b & 0xC0) != 0x80;
    }
    t->ncp = (uint16_t)cps;
    t->hash = t->lhash = h;
}

static void finish_token(ann_tokenizer *tz, ann_tokens *out, ann_token *t, const token_measure *m)
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
        tz->pending_end = 1;
    else if (!(t->flags & ANN_TF_QCLOSE) && first != ')' && first != ']')
        tz->pending_end = 0;
    if (has_case(t->kind))
        set_case_flags(t, m);
    else
        set_plain(tz->text, t);
    tz->prev_kind = t->kind;
    tz->prev_comma = first == ',';
    tz->prev_flags = t->flags;
    tz->at_line_start = tz->at_para_start = 0;
    tz->sent_tokens++;
    out->n++;
}

size_t ann_tokenize_window(ann_tokenizer *tz, ann_tokens *out, size_t min_bytes)
{
    out->n = 0;
    size_t from = tz->pos;
    /* Without paragraph breaks (one huge line) a window still ends, at a
     * sentence start, so memory stays bounded. */
    size_t hard = min_bytes * 4 > min_bytes ? min_bytes * 4 : (size_t)-1;
    for (;;) {
        skip_space(tz);
        if (tz->pos >= tz->len)
            break;
        size_t covered = tz->pos - from;
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
        token_measure m;
        scan_token(tz, t, &m);
        tz->pos = t->end;
        finish_token(tz, out, t, &m);
    }
    if (out->n > 0)
        out->v[out->n - 1].flags |= ANN_TF_SENT_END;
    return out->n;
}

void ann_tokenize_all(const char *text, size_t len, ann_tokens *out)
{
    ann_tokenizer tz;
    ann_tokenizer_init(&tz, text, len);
    ann_tokenize_window(&tz, out, (size_t)-1 / 8);
}

void ann_tokens_free(ann_tokens *t)
{
    free(t->v);
    t->v = NULL;
    t->n = t->cap = 0;
}
