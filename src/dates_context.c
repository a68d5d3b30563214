/*
 * dates_context.c - the text around a date match, as the normalization
 * functions ask about it: the words before and after, the start of a
 * sentence, a name the match is part of, a quotation it is inside, a word
 * that points to the future.
 */
#include <ctype.h>
#include <string.h>

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

/* Inside quotation marks?  Counted from the start of the paragraph. */
int tx_in_quote(const tx_match *m)
{
    size_t lo = m->ms > m->ws + 4000 ? m->ms - 4000 : m->ws;
    int straight = 0, curly = 0;
    for (size_t p = m->ms; p > lo; p--) {
        const char *c = m->text + p - 1;
        if (c[0] == '\n' && p - 1 > lo && c[-1] == '\n')
            break;
        if (c[0] == '"')
            straight++;
        else if ((unsigned char)c[0] == 0xE2 && p + 1 < m->ms &&
                 (unsigned char)c[1] == 0x80) {
            if ((unsigned char)c[2] == 0x9C)
                curly++;
            else if ((unsigned char)c[2] == 0x9D)
                curly--;
        }
    }
    return (straight & 1) || curly > 0;
}

/* A word in the sentence before the match that points to the future
 * ("will", "is scheduled to", "plans") makes unanchored dates look ahead. */
int tx_future_cue(const tx_match *m)
{
    size_t lo = m->ms > m->ws + 200 ? m->ms - 200 : m->ws;
    size_t p = m->ms;
    while (p > lo) {
        char c = m->text[p - 1];
        if (c == '.' || c == '!' || c == '?' || c == '\n')
            break;
        p--;
    }
    for (size_t i = p; i < m->ms;) {
        while (i < m->ms && !isalpha((unsigned char)m->text[i]))
            i++;
        size_t b = i;
        while (i < m->ms && (isalpha((unsigned char)m->text[i]) ||
                             m->text[i] == '\''))
            i++;
        if (i > b && tx_lookup(m->st->r, "future_cue", m->text + b, i - b))
            return 1;
    }
    return 0;
}
