/*
 * dates_context.c - the text around a date match, as the normalization
 * functions ask about it: the words before and after, the start of a
 * sentence, a name the match is part of, a quotation it is inside, and the
 * tense of its clause (whether "Friday" is the last or the next one, or
 * the one a deferral "until" it looks ahead to).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "ann.h"
#include "dates_norm.h"

static int is_wordc(int c)
{
    return isalnum(c) || c == '\'' || c == '-' || c == '.' || c >= 0x80;
}

/* The word just before position pos (normalized for lookup), or "". */
size_t tx_prev_word(const tx_match *m, size_t pos, char *out, size_t cap)
{
    size_t e = pos;
    while (e > m->ws && (m->text[e - 1] == ' ' || m->text[e - 1] == '\t' ||
                         m->text[e - 1] == '\n'))
        e--;
    size_t b = e;
    while (b > m->ws && is_wordc((unsigned char)m->text[b - 1]))
        b--;
    out[0] = '\0';
    if (b == e)
        return 0;
    return tx_normkey(out, cap, m->text + b, e - b);
}

size_t tx_next_word(const tx_match *m, size_t pos, char *out, size_t cap)
{
    size_t b = pos;
    while (b < m->we && (m->text[b] == ' ' || m->text[b] == '\t'))
        b++;
    size_t e = b;
    while (e < m->we && (isalnum((unsigned char)m->text[e]) || m->text[e] == '-'))
        e++;
    out[0] = '\0';
    if (b == e)
        return 0;
    return tx_normkey(out, cap, m->text + b, e - b);
}

int tx_in_table(const tx_match *m, const char *table, const char *w)
{
    return *w && tx_lookup(m->st->r, table, w, strlen(w)) != NULL;
}

/* Does a sentence start at pos (nothing but white space, an opening quote
 * or markup since the last sentence end)? */
int tx_sentence_initial(const tx_match *m, size_t pos)
{
    size_t p = pos;
    while (p > m->ws) {
        unsigned char c = (unsigned char)m->text[p - 1];
        if (c == ' ' || c == '\t' || c == '"' || c == '*' || c == '(' ||
            c == '[' || c == '\'')
            p--;
        else if (c == 0x9C && p - m->ws >= 3 && (unsigned char)m->text[p - 2] == 0x80)
            p -= 3;                                   /* “ */
        else
            return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':';
    }
    return 1;
}

/* A capitalized match right after a capitalized word, mid-sentence, is
 * part of a name ("Arab Spring", "USA Today"). */
int tx_in_name(const tx_match *m)
{
    size_t e = m->ms;
    if (!isupper((unsigned char)m->text[e]) || tx_sentence_initial(m, e))
        return 0;
    while (e > m->ws && m->text[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > m->ws && is_wordc((unsigned char)m->text[b - 1]))
        b--;
    return b < e && isupper((unsigned char)m->text[b]);
}

/* The bytes count_back looks at: ", '\n' and the last bytes of “ ”. */
static const unsigned char quote_byte[256] = {['"'] = 1, ['\n'] = 1, [0x9C] = 1, [0x9D] = 1};

/* The end of the last byte of [from, q) that quote_byte marks (its index
 * + 1), or from when there is none.  Most of a paragraph has none: the
 * fast path passes sixteen bytes a step where the plain loop takes one
 * (0.7% of a news run). */
static size_t prev_quote_byte(const unsigned char *t, size_t from, size_t q)
{
#ifdef ANN_SSE2
    const __m128i dq = _mm_set1_epi8('"'), nl = _mm_set1_epi8('\n');
    const __m128i lq = _mm_set1_epi8((char)0x9C), rq = _mm_set1_epi8((char)0x9D);
    for (; q - from >= 16; q -= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + q - 16));
        __m128i e = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, dq), _mm_cmpeq_epi8(x, nl)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, lq), _mm_cmpeq_epi8(x, rq)));
        unsigned mask = (unsigned)_mm_movemask_epi8(e);
        if (mask)
            return q - 16 + (size_t)(32 - __builtin_clz(mask));
    }
#endif
    while (q > from && !quote_byte[t[q - 1]])
        q--;
    return q;
}

/* Count the quotation marks of [from, to) backward: " in *straight, “
 * less ” in *curly (a curly quote by its last byte, its first at lo or
 * after); stop at a paragraph break (a '\n' after '\n', after lo) and
 * return where it is, else 0. */
static size_t count_back(const tx_match *m, size_t from, size_t to, size_t lo,
                         int *straight, int *curly)
{
    const unsigned char *t = (const unsigned char *)m->text;
    for (size_t q = to; (q = prev_quote_byte(t, from, q)) > from;) {
        unsigned char c = t[--q];
        if (c == '\n') {
            if (q > lo && t[q - 1] == '\n')
                return q;
        } else if (c == '"') {
            (*straight)++;
        } else if (q >= lo + 2 && t[q - 1] == 0x80 && t[q - 2] == 0xE2) {
            *curly += c == 0x9C ? 1 : -1;
        }
    }
    return 0;
}

/* Inside quotation marks?  Counted from the start of the paragraph (a
 * blank line), at most 4000 bytes back: a " or “ not closed before the
 * match.  The dates of a window come in order, and the count back to the
 * paragraph's start at each was 1.8% of a news run: the count is kept
 * (m->q*) and the next match counts back only to the last one, unless a
 * paragraph starts in between. */
static int find_quote(tx_match *m)
{
    size_t lo = m->ms > m->ws + 4000 ? m->ms - 4000 : m->ws;
    int straight = 0, curly = 0;
    if (m->ms >= m->qpos && m->qpos >= lo && (m->qbreak ? m->qbreak > lo : lo == m->ws)) {
        size_t b = count_back(m, m->qpos, m->ms, lo, &straight, &curly);
        if (b) {
            m->qbreak = b;
            m->qstraight = m->qcurly = 0;
        }
    } else {                    /* the first, an earlier one, or far on */
        m->qbreak = count_back(m, lo, m->ms, lo, &straight, &curly);
        m->qstraight = m->qcurly = 0;
    }
    m->qstraight += straight;
    m->qcurly += curly;
    m->qpos = m->ms;
    return (m->qstraight & 1) || m->qcurly > 0;
}

int tx_in_quote(tx_match *m)
{
    if (!m->quote)
        m->quote = find_quote(m) + 1;
    return m->quote - 1;
}

/* The sentence around pos: where it starts and ends (a sentence end,
 * a semicolon or a line break), at most reach bytes away.  A period is
 * an end only before a space and a word that is not in lower case: not
 * the periods of "U.S." or "p.m. on". */
static int clause_end(const tx_match *m, size_t i)
{
    char c = m->text[i];
    if (c != '.')
        return c == '!' || c == '?' || c == ';' || c == '\n';
    if (i + 1 < m->we && m->text[i + 1] != ' ' && m->text[i + 1] != '\n')
        return 0;
    size_t j = i + 1;
    while (j < m->we && m->text[j] == ' ')
        j++;
    return j >= m->we || !islower((unsigned char)m->text[j]);
}

/* The bytes clause_end can say yes to: the scans below look at the rest
 * with one load (they walk a whole clause at each date, 250,000 bytes
 * of a 8 MB news run, and the call per byte cost 0.6% of it). */
static const unsigned char may_end[256] = {['.'] = 1, ['!'] = 1, ['?'] = 1, [';'] = 1, ['\n'] = 1};

static size_t sentence_from(const tx_match *m, size_t pos, size_t reach)
{
    size_t lo = pos > m->ws + reach ? pos - reach : m->ws;
    while (pos > lo && !(may_end[(unsigned char)m->text[pos - 1]] && clause_end(m, pos - 1)))
        pos--;
    return pos;
}

static size_t sentence_to(const tx_match *m, size_t pos, size_t reach)
{
    size_t hi = pos + reach < m->we ? pos + reach : m->we;
    while (pos < hi && !(may_end[(unsigned char)m->text[pos]] && clause_end(m, pos)))
        pos++;
    return pos;
}

static int letter(int c)
{
    return isalpha(c) || c == '\'';
}

/* The word before (after) position *p within [lo, hi), its span in
 * *b, *e; 0 when none is left. */
static int word_before(const tx_match *m, size_t lo, size_t *p, size_t *b, size_t *e)
{
    size_t q = *p;
    while (q > lo && !letter((unsigned char)m->text[q - 1]))
        q--;
    *e = q;
    while (q > lo && letter((unsigned char)m->text[q - 1]))
        q--;
    *b = *p = q;
    return *e > *b;
}

static int word_after(const tx_match *m, size_t hi, size_t *p, size_t *b, size_t *e)
{
    size_t q = *p;
    while (q < hi && !letter((unsigned char)m->text[q]))
        q++;
    *b = q;
    while (q < hi && letter((unsigned char)m->text[q]))
        q++;
    *e = *p = q;
    return *e > *b;
}

/* Whether the word at [b, e) (its class c; the next at [nb, ne)) points
 * to the future: "will", "plans to", "he'll". */
/* Is the -ed word at b an adjective: after a determiner, or after an
 * adverb in -ly ("the hastily planned trip")? */
static int adjective_ed(const tx_match *m, size_t b)
{
    size_t p = b, pb, pe;
    char w[16];
    size_t lo = b > m->ws + 40 ? b - 40 : m->ws;
    if (!word_before(m, lo, &p, &pb, &pe))
        return 0;
    if (pe - pb > 4 && m->text[pe - 2] == 'l' && m->text[pe - 1] == 'y')
        return 1;
    return pe - pb < sizeof w && tx_normkey(w, sizeof w, m->text + pb, pe - pb) &&
           tx_in_table(m, "label_det", w);
}

/* Is the word at b a noun after a determiner ("at the close of business
 * Thursday", "the return"), not the verb of a scheduled event? */
static int after_determiner(const tx_match *m, size_t b)
{
    size_t p = b, pb, pe;
    char w[16];
    size_t lo = b > m->ws + 40 ? b - 40 : m->ws;
    return word_before(m, lo, &p, &pb, &pe) && pe - pb < sizeof w &&
           tx_normkey(w, sizeof w, m->text + pb, pe - pb) && tx_in_table(m, "label_det", w);
}

static int future_word(const tx_match *m, unsigned c, size_t b, size_t e, size_t nb, size_t ne)
{
    const ann_date_rules *r = m->st->r;
    const char *w = m->text + b;
    size_t n = e - b;
    char two[64];
    if (c & TW_FUTURE)
        return !(n > 4 && w[n - 2] == 'e' && w[n - 1] == 'd' && adjective_ed(m, b)) &&
               !after_determiner(m, b);
    if ((c & TW_FUTURE_HEAD) && ne > nb && ne - nb <= r->cue_tail && ne - b < sizeof two) {
        memcpy(two, w, n);
        two[n] = ' ';
        memcpy(two + n + 1, m->text + nb, ne - nb);
        if (tx_lookup(r, "future_cue", two, n + 1 + ne - nb))
            return 1;
    }
    return n > 3 && w[n - 3] == '\'' && tolower((unsigned char)w[n - 1]) == 'l';  /* he'll */
}

/* What a word (and the one after it) says of the time of its clause:
 * 1 the future ("will", "plans to", "set to"), -1 the past ("said",
 * "announced", "was"), 0 nothing.  A capitalized word is a name
 * ("United"), not a verb. */
static int word_tense(const tx_match *m, size_t b, size_t e, size_t nb, size_t ne)
{
    const ann_date_rules *r = m->st->r;
    const char *w = m->text + b;
    size_t n = e - b;
    unsigned c = tx_word_class(r, w, n);
    if (future_word(m, c, b, e, nb, ne))
        return 1;
    if (!(c & TW_PAST)) {
        if (isupper((unsigned char)w[0]) || n < 4)
            return 0;
        if (tolower((unsigned char)w[n - 1]) != 'd' || tolower((unsigned char)w[n - 2]) != 'e' ||
            tolower((unsigned char)w[n - 3]) == 'e')
            return 0;                             /* -ed, but not -eed */
    }
    size_t p = b, pb, pe;         /* "will be paid", "an unspecified date" */
    if (word_before(m, p > m->ws + 40 ? p - 40 : m->ws, &p, &pb, &pe) &&
        (tx_word_class(r, m->text + pb, pe - pb) & TW_NOT_PAST_AFTER))
        return 0;
    return -1;
}

/* The tense of the word at [b, e) with the words after it from p. */
static int tense_at(const tx_match *m, size_t hi, size_t b, size_t e, size_t p)
{
    size_t nb, ne;
    if (!word_after(m, hi, &p, &nb, &ne))
        nb = ne = 0;
    return word_tense(m, b, e, nb, ne);
}

static int find_tense(const tx_match *m, int *dist)
{
    size_t lo = sentence_from(m, m->ms, 300), hi = sentence_to(m, m->me, 300);
    size_t p = m->me, b, e;
    int t;
    *dist = 0;
    /* the verb right after, in the same clause ("a court Thursday
     * refused") */
    if (word_after(m, hi, &p, &b, &e) && !memchr(m->text + m->me, ',', b - m->me) &&
        (t = tense_at(m, hi, b, e, e)) != 0)
        return t;
    /* else the nearest before ("said Friday", "will meet on Thursday"),
     * where "had been scheduled to", "had been due to expire" is past (a
     * modal's "had" is another clause's: "had said the vote will be") */
    p = m->ms;
    for (int k = 0; k < 12 && word_before(m, lo, &p, &b, &e); k++)
        if ((t = tense_at(m, hi, b, e, e)) != 0) {
            size_t q = p, hb, he;
            char w[8];
            int modal = e - b < sizeof w && tx_normkey(w, sizeof w, m->text + b, e - b) &&
                        tx_in_table(m, "modal", w);
            *dist = k;
            for (int j = 0; t > 0 && j < (modal ? 2 : 4) && word_before(m, lo, &q, &hb, &he); j++)
                if (he - hb == 3 && !strncasecmp(m->text + hb, "had", 3))
                    return -1;
            return t;
        }
    /* else the verb of a clause the date opens ("On Tuesday, the two
     * sides conferred"): a date among the first words of its sentence */
    p = m->ms;
    for (int k = 0; word_before(m, lo, &p, &b, &e); k++)
        if (k == 2)
            return 0;
    p = m->me;
    for (int k = 0; k < 10 && word_after(m, hi, &p, &b, &e); k++)
        if (k >= 1 && (t = tense_at(m, hi, b, e, e)) != 0) {
            *dist = k;
            return t;
        }
    return 0;
}

int tx_tense(tx_match *m, int *dist)
{
    if (!m->tense_known) {
        m->tense = find_tense(m, &m->tense_dist);
        m->tense_known = 1;
    }
    *dist = m->tense_dist;
    return m->tense;
}

/* Does a sentence or a paragraph end in [from, to): a line break, or a
 * . ! ? and closing quotes before a space and a capital? */
static int sentence_ends(const tx_match *m, size_t from, size_t to)
{
    const char *t = m->text;
    for (size_t i = from; i < to; i++) {
        if (t[i] == '\n')
            return 1;
        if (t[i] != '.' && t[i] != '!' && t[i] != '?')
            continue;
        size_t j = i + 1;
        while (j < to && (t[j] == '"' || t[j] == '\'' || t[j] == ')'))
            j++;
        if (j + 1 < to && t[j] == ' ' && isupper((unsigned char)t[j + 1]))
            return 1;
    }
    return 0;
}

int tx_same_sentence(const tx_match *m, size_t pos)
{
    return pos >= m->ws && pos < m->ms && m->ms - pos <= 300 && !sentence_ends(m, pos, m->ms);
}

/* The date's own "that" ("that day") is not the clause's: b > from.  A
 * quotation mark between is a quote's own day, tx_in_quote's case. */
int tx_that_after(const tx_match *m, size_t from)
{
    size_t p = from, b, e;
    for (int k = 0; k < 3 && word_after(m, m->ms, &p, &b, &e); k++)
        if (b > from && e - b == 4 && !memcmp(m->text + b, "that", 4))
            return !memchr(m->text + from, '\n', b - from) &&
                   !memchr(m->text + from, '"', b - from) && !sentence_ends(m, b, m->ms);
    return 0;
}

int tx_future_cue(tx_match *m)
{
    int dist, t = tx_tense(m, &dist);
    if (t)
        return t > 0;
    size_t lo = sentence_from(m, m->ms, 200), p = m->ms, b, e, q, nb, ne;
    while (word_before(m, lo, &p, &b, &e)) {
        q = e;
        if (!word_after(m, m->ms, &q, &nb, &ne))
            nb = ne = 0;
        if (future_word(m, tx_word_class(m->st->r, m->text + b, e - b), b, e, nb, ne))
            return 1;
    }
    return 0;
}

/* The word before the match is one of table until_word ("until"), and
 * a word of table until_ahead ("postponed", "deadline", "has") is among
 * the few of its clause before that. */
/* Is the day the complement of a copula in the present ("the deadline is
 * Friday", "the vote is on Tuesday", copula_ahead in normalization.tsv)?
 * News says so of a day to come, or of today: that day or after. */
int tx_copula_ahead(const tx_match *m)
{
    size_t lo = sentence_from(m, m->ms, 200), p = m->ms, b, e;
    char w[16];
    if (!word_before(m, lo, &p, &b, &e))
        return 0;
    if (e - b == 2 && !strncasecmp(m->text + b, "on", 2) && !word_before(m, lo, &p, &b, &e))
        return 0;
    return e - b < sizeof w && tx_normkey(w, sizeof w, m->text + b, e - b) &&
           tx_in_table(m, "copula_ahead", w);
}

int tx_until_ahead(const tx_match *m)
{
    size_t lo = sentence_from(m, m->ms, 200), p = m->ms, b, e;
    char w[24];
    if (!word_before(m, lo, &p, &b, &e) || e - b >= sizeof w ||
        !tx_normkey(w, sizeof w, m->text + b, e - b) || !tx_in_table(m, "until_word", w))
        return 0;
    for (int k = 0; k < 8 && word_before(m, lo, &p, &b, &e); k++)
        if (e - b < sizeof w && tx_normkey(w, sizeof w, m->text + b, e - b) &&
            tx_in_table(m, "until_ahead", w))
            return 1;
    return 0;
}
