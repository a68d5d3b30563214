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

uint64_t ann_hash(const char *s, size_t n)
{
    uint64_t h = FNV_OFFSET;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

uint64_t ann_hash_lower(const char *s, size_t n)
{
    uint64_t h = FNV_OFFSET;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) {   /* ASCII: most of every news text */
            h ^= (b >= 'A' && b <= 'Z') ? b + 32u : b;
            h *= FNV_PRIME;
            i++;
            continue;
        }
        char buf[4];
        uint32_t cp = ann_to_lower(ann_utf8_next(s, n, &i));
        size_t k = ann_utf8_put(cp, buf);
        for (size_t j = 0; j < k; j++) {
            h ^= (unsigned char)buf[j];
            h *= FNV_PRIME;
        }
    }
    return h;
}

/* ---- abbreviations: a sorted table loaded once from the rules ---------- */

static char **abbrevs;
static size_t nabbrevs;
static pthread_once_t abbrevs_once = PTHREAD_ONCE_INIT;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_abbrevs(void)
{
    for (size_t i = 0; i < nabbrevs; i++)
        free(abbrevs[i]);
    free(abbrevs);
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
    qsort(abbrevs, nabbrevs, sizeof *abbrevs, cmp_str);
    atexit(free_abbrevs);
}

static int is_abbrev(const char *s, size_t n)
{
    char key[16];
    if (n == 0 || n >= sizeof key)
        return 0;
    pthread_once(&abbrevs_once, load_abbrevs);
    memcpy(key, s, n);
    key[n] = '\0';
    const char *k = key;
    return bsearch(&k, abbrevs, nabbrevs, sizeof *abbrevs, cmp_str) != NULL;
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

static inline int is_word_cp(uint32_t cp)
{
    if (cp < 0x80)
        return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9');
    return ann_is_letter(cp) || ann_is_digit(cp) || (cp >= 0x300 && cp <= 0x36F);
}

/* ---- word scanning ------------------------------------------------------ */

/* A run "X.Y." of single letters each followed by a period (U.S., a.m.). */
static size_t dotted_letters(const ann_tokenizer *tz, size_t i)
{
    size_t j = i, n = 0, next;
    for (;;) {
        uint32_t c = cp_at(tz, j, &next);
        if (!ann_is_letter(c) || next >= tz->len || tz->text[next] != '.')
            break;
        size_t after;
        uint32_t c2 = cp_at(tz, next + 1, &after);
        (void)after;
        n++;
        j = next + 1;
        if (!ann_is_letter(c2))
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
    return capitalized && lower_run >= 4 && ann_is_upper(cur) && ann_is_lower(next);
}

typedef struct {
    size_t end;
    uint32_t flags;
    int number;
} word_scan;

static word_scan scan_word(const ann_tokenizer *tz, size_t start)
{
    word_scan w = {start, 0, 1};
    size_t i = start, next;
    size_t lower_run = 0, letters = 0;
    int capitalized = ann_is_upper(cp_at(tz, start, NULL));

    size_t dl = dotted_letters(tz, start);
    if (dl) {
        w.end = dl;
        w.number = 0;
        w.flags |= ANN_TF_ABBREV;
        return w;
    }
    while (i < tz->len && i - start < MAX_TOKEN_BYTES) {
        unsigned char b = (unsigned char)tz->text[i];
        if (b >= 'a' && b <= 'z') {          /* the common case, kept cheap */
            w.number = 0;
            letters++;
            lower_run++;
            i++;
            continue;
        }
        if (b >= 'A' && b <= 'Z') {
            w.number = 0;
            letters++;
            if (letters > 1 && capitalized && lower_run >= 4 && i + 1 < tz->len &&
                ann_is_lower(cp_at(tz, i + 1, NULL)))
                break;                         /* camel-case glue: see camel_split */
            lower_run = 0;
            i++;
            continue;
        }
        if (b >= '0' && b <= '9') {
            i++;
            continue;
        }
        uint32_t c = cp_at(tz, i, &next);
        if (is_word_cp(c)) {
            if (ann_is_letter(c)) {
                w.number = 0;
                letters++;
                if (letters > 1 && camel_split(c, cp_at(tz, next, NULL), capitalized, lower_run))
                    break;
                lower_run = ann_is_lower(c) ? lower_run + 1 : 0;
            }
            i = next;
            continue;
        }
        uint32_t after = cp_at(tz, next, NULL);
        if (ann_quote_class(c) == 's' && c != 0x2018 && ann_is_letter(after)) {
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
            w.number = 0;
            capitalized = ann_is_upper(after);
            lower_run = 0;
            i = next;
            continue;
        }
        if (w.number && (c == ',' || c == '.') && ann_is_digit(after)) {
            i = next;        /* 1,000  3.5 */
            continue;
        }
        if (!w.number && (c == '.' || c == '@') && (ann_is_lower(after) || ann_is_digit(after))) {
            i = next;        /* globalresearch.ca, an e-mail address */
            continue;
        }
        break;
    }
    w.end = i;
    /* An abbreviation keeps its period: "Feb.", "Mr.", the initial "R." */
    if (!w.number && i < tz->len && tz->text[i] == '.' &&
        (letters == 1 ? ann_is_upper(cp_at(tz, start, NULL)) : is_abbrev(tz->text + start, i - start))) {
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
    int sp_before = before == 0 || ann_is_space(before) || is_open_bracket(before) ||
                    ann_is_dash(before) || ann_quote_class(before);
    int sp_after = after == 0 || ann_is_space(after);
    int punct_after = after == ',' || after == '.' || after == ';' || after == ':' ||
                      after == ')' || after == '?' || after == '!';
    int single = ann_quote_class(c) == 's';
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
    size_t newlines = 0;
    while (tz->pos < tz->len) {
        size_t next;
        uint32_t c = cp_at(tz, tz->pos, &next);
        if (!ann_is_space(c))
            break;
        if (c == '\n' || c == 0x2029)
            newlines += c == 0x2029 ? 2 : 1;
        tz->pos = next;
    }
    if (newlines >= 1)
        tz->at_line_start = 1;
    if (newlines >= 2)
        tz->at_para_start = 1;
}

static void set_case_flags(const char *text, ann_token *t)
{
    size_t i = t->start, up = 0, low = 0, dig = 0, other = 0, cps = 0;
    int first_upper = -1;
    while (i < t->end) {
        uint32_t c = (unsigned char)text[i];
        cps++;
        if (c < 0x80) {
            i++;
            if (c >= 'a' && c <= 'z')
                low++;
            else if (c >= 'A' && c <= 'Z')
                up++;
            else if (c >= '0' && c <= '9')
                dig++;
            else
                other++;
            if (first_upper < 0 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                first_upper = c <= 'Z';
            continue;
        }
        c = ann_utf8_next(text, t->end, &i);
        if (ann_is_upper(c))
            up++;
        else if (ann_is_lower(c))
            low++;
        else if (ann_is_digit(c))
            dig++;
        else
            other++;
        if (c == ANN_REPLACEMENT)
            t->flags |= ANN_TF_REPLACED;
        if (first_upper < 0 && (ann_is_letter(c)))
            first_upper = ann_is_upper(c);
    }
    t->ncp = cps > 65535 ? 65535 : (uint16_t)cps;
    if (up && !low)
        t->flags |= ANN_TF_UPPER;
    if (low && !up)
        t->flags |= ANN_TF_LOWER;
    if (first_upper == 1 && (low || up == 1))
        t->flags |= ANN_TF_TITLE;
    if (dig && !up && !low && !other)
        t->flags |= ANN_TF_DIGIT;
}

/* Scan one token at tz->pos (which is not white space). */
static ann_token scan_token(ann_tokenizer *tz)
{
    ann_token t;
    memset(&t, 0, sizeof t);
    size_t start = tz->pos, next;
    uint32_t c = cp_at(tz, start, &next);
    t.start = start;
    t.end = next;
    t.kind = ANN_TOK_SYMBOL;

    if (is_word_cp(c)) {
        word_scan w = scan_word(tz, start);
        t.end = w.end > start ? w.end : next;
        t.kind = w.number ? ANN_TOK_NUMBER : ANN_TOK_WORD;
        t.flags |= w.flags;
    } else if (ann_quote_class(c) == 's' && (tz->text[next] == 's' || tz->text[next] == 'S') &&
               ann_is_letter(cp_before(tz, start)) && !is_word_cp(cp_at(tz, next + 1, NULL))) {
        t.end = next + 1;
        t.kind = ANN_TOK_WORD;
        t.flags |= ANN_TF_POSS;
    } else if (ann_quote_class(c)) {
        t.kind = ANN_TOK_QUOTE;
        t.flags |= quote_flags(tz, start, next, c);
    } else if (c == '*' || c == '_' || (c == '#' && tz->at_line_start) ||
               (c == '>' && tz->at_line_start)) {
        size_t j = start;
        while (j < tz->len && (unsigned char)tz->text[j] == c && j - start < MAX_TOKEN_BYTES)
            j++;
        t.end = j;
        t.kind = ANN_TOK_MARKUP;
    } else if (c == '[' && line_has_link_close(tz, start)) {
        t.kind = ANN_TOK_MARKUP;
    } else if (c == ']' && next < tz->len && tz->text[next] == '(' && link_target_end(tz, start)) {
        t.end = link_target_end(tz, start);
        t.kind = ANN_TOK_MARKUP;
    } else if (c == '.' && next + 1 < tz->len && tz->text[next] == '.' && tz->text[next + 1] == '.') {
        t.end = next + 2;
        t.kind = ANN_TOK_PUNCT;
    } else if (ann_is_dash(c)) {
        size_t j = next;
        while (j < tz->len && tz->text[j] == '-' && c == '-' && j - start < MAX_TOKEN_BYTES)
            j++;
        t.end = j;
        t.kind = ANN_TOK_DASH;
    } else if ((c < 128 && strchr(".,;:!?()[]{}", (int)c) != NULL) || c == 0x2026) {
        t.kind = ANN_TOK_PUNCT;
    }
    return t;
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
    return ann_is_upper(c) || ann_is_digit(c) || (t->flags & ANN_TF_QOPEN) ||
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
                         tz->prev_comma) && (ann_is_lower(c) || ann_is_digit(c));
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

static void finish_token(ann_tokenizer *tz, ann_tokens *out, ann_token *t)
{
    if (tz->at_para_start) {
        t->flags |= ANN_TF_PARA_START;
        tz->dq_open = tz->sq_open = 0;
    }
    if (tz->at_line_start)
        t->flags |= ANN_TF_LINE_START;
    unsigned char pb = t->start ? (unsigned char)tz->text[t->start - 1] : ' ';
    if (pb < 0x80 ? (pb == ' ' || (pb >= '\t' && pb <= '\r')) : ann_is_space(cp_before(tz, t->start)))
        t->flags |= ANN_TF_SPACE_BEFORE;
    if (is_sentence_start(tz, t) || tz->prev_kind < 0) {
        t->flags |= ANN_TF_SENT_START;
        if (out->n > 0)
            out->v[out->n - 1].flags |= ANN_TF_SENT_END;
        tz->sent_tokens = 0;
        tz->pending_end = 0;
    }
    if (ends_sentence(tz->text, t))
        tz->pending_end = 1;
    else if (!(t->flags & ANN_TF_QCLOSE) && tz->text[t->start] != ')' && tz->text[t->start] != ']')
        tz->pending_end = 0;
    if (t->kind != ANN_TOK_QUOTE && t->kind != ANN_TOK_PUNCT && t->kind != ANN_TOK_MARKUP)
        set_case_flags(tz->text, t);
    else
        t->ncp = (uint16_t)ann_utf8_count(tz->text + t->start, t->end - t->start);
    t->hash = ann_hash(tz->text + t->start, t->end - t->start);
    t->lhash = (t->flags & (ANN_TF_UPPER | ANN_TF_TITLE)) || t->kind == ANN_TOK_WORD
                   ? ann_hash_lower(tz->text + t->start, t->end - t->start)
                   : t->hash;
    tz->prev_kind = t->kind;
    tz->prev_comma = tz->text[t->start] == ',';
    tz->prev_flags = t->flags;
    tz->at_line_start = tz->at_para_start = 0;
    tz->sent_tokens++;
    ANN_PUSH(out->v, out->n, out->cap, *t);
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
        ann_token t = scan_token(tz);
        if (t.end <= t.start)
            t.end = t.start + 1;
        tz->pos = t.end;
        finish_token(tz, out, &t);
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
