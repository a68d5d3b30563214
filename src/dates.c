/*
 * dates.c - temporal expressions (TimeML TIMEX3), HeidelTime-style: the
 * rules under src/rules/dates/ are one combined regular expression (see
 * timex_rules.c); each match goes to the rule's normalization function
 * here, which may veto it (a year that is a count, "Daily" in a name)
 * and otherwise computes its TIMEX3 type and value.
 *
 * Values are anchored on the document creation time (DCT) for deictic
 * expressions ("yesterday", "last week", "Saturday") and on the date in
 * focus for narrative ones ("the next day", "ten days later", a month
 * without a year): the focus is the last date the text stated outright.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates.h"
#include "timex.h"

/* Granularities, coarse to fine. */
enum { G_NONE, G_CENT, G_DEC, G_YEAR, G_MONTH, G_WEEK, G_DAY };

typedef struct ymd {
    int y, m, d;
} ymd;

struct ann_dates {
    const ann_date_rules *r;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    ymd dct;
    int dct_gran;
    ymd focus;                 /* the date in focus, any granularity */
    int focus_gran;
    char focus_value[40];      /* its TIMEX3 value ("2022-SP" too) */
    ymd day;                   /* the last date in focus known to the day */
    int has_day;
    size_t day_pos;            /* where it was mentioned */
};

/* One match being normalized. */
typedef struct mctx {
    ann_dates *st;
    const char *text;
    size_t ws, we;             /* the window */
    size_t ms, me;             /* the match */
    const char *a[TX_MAXARGS]; /* arguments; NULL when absent */
    size_t al[TX_MAXARGS];
    char type[12];
    char value[40];
} mctx;

/* A day-based focus further back than this is not "the" day any more. */
#define DAY_FOCUS_REACH 2000

/* ------------------------------------------------------------------ */
/* small text helpers                                                  */

static int is_wordc(int c)
{
    return isalnum(c) || c == '\'' || c == '-' || c == '.' || c >= 0x80;
}

/* The word just before position pos (normalized for lookup), or "". */
static size_t prev_word(const mctx *m, size_t pos, char *out, size_t cap)
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

static size_t next_word(const mctx *m, size_t pos, char *out, size_t cap)
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

static int in_table(const mctx *m, const char *table, const char *w)
{
    return *w && tx_lookup(m->st->r, table, w, strlen(w)) != NULL;
}

/* Does a sentence start at pos (nothing but white space, an opening quote
 * or markup since the last sentence end)? */
static int sentence_initial(const mctx *m, size_t pos)
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

/* Inside quotation marks?  Counted from the start of the paragraph. */
static int in_quote(const mctx *m)
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
static int future_cue(const mctx *m)
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

/* ------------------------------------------------------------------ */
/* values                                                              */

static void fmt_date(char *out, size_t cap, ymd v, int gran)
{
    int wy, wn;
    switch (gran) {
    case G_DAY:   snprintf(out, cap, "%04d-%02d-%02d", v.y, v.m, v.d); break;
    case G_WEEK:
        tx_isoweek(v.y, v.m, v.d ? v.d : 1, &wy, &wn);
        snprintf(out, cap, "%04d-W%02d", wy, wn);
        break;
    case G_MONTH: snprintf(out, cap, "%04d-%02d", v.y, v.m); break;
    case G_YEAR:  snprintf(out, cap, "%04d", v.y); break;
    case G_DEC:   snprintf(out, cap, "%03d", v.y / 10); break;
    case G_CENT:  snprintf(out, cap, "%02d", v.y / 100); break;
    default:      snprintf(out, cap, "XXXX"); break;
    }
}

/* The value of an expression whose anchor is unknown. */
static void fmt_unknown(char *out, size_t cap, int gran)
{
    static const char *const x[] = {"XXXX", "XX", "XXX", "XXXX", "XXXX-XX",
                                    "XXXX-WXX", "XXXX-XX-XX"};
    snprintf(out, cap, "%s", x[gran]);
}

static void set_focus(mctx *m, ymd v, int gran)
{
    ann_dates *st = m->st;
    st->focus = v;
    st->focus_gran = gran;
    snprintf(st->focus_value, sizeof st->focus_value, "%s", m->value);
    if (gran == G_DAY) {
        st->day = v;
        st->has_day = 1;
        st->day_pos = m->ms;
    }
}

/* The DCT, else the focus: what deictic expressions count from. */
static int deictic_anchor(const mctx *m, int need, ymd *a)
{
    const ann_dates *st = m->st;
    if (st->dct_gran >= need) {
        *a = st->dct;
        return 1;
    }
    if (need == G_DAY && st->has_day) {
        *a = st->day;
        return 1;
    }
    if (st->focus_gran >= need) {
        *a = st->focus;
        return 1;
    }
    return 0;
}

/* The focus at granularity need or finer, else the DCT. */
static int focus_anchor(const mctx *m, int need, ymd *a)
{
    const ann_dates *st = m->st;
    if (need >= G_WEEK) {
        if (st->has_day) {
            *a = st->day;
            return 1;
        }
    } else if (st->focus_gran >= need) {
        *a = st->focus;
        if (st->focus_gran < G_MONTH)
            a->m = 1;
        if (st->focus_gran < G_DAY)
            a->d = 1;
        return 1;
    }
    if (st->dct_gran >= need) {
        *a = st->dct;
        return 1;
    }
    return 0;
}

/* For "yesterday" and the clock times: the day they count from.  In
 * reported speech the speaker's day is the one in focus, not the DCT. */
static int day_anchor(const mctx *m, ymd *a)
{
    const ann_dates *st = m->st;
    int recent = st->has_day && m->ms - st->day_pos <= DAY_FOCUS_REACH &&
                 st->day_pos >= m->ws;
    if (recent && (st->dct_gran < G_DAY || in_quote(m))) {
        *a = st->day;
        return 1;
    }
    if (st->dct_gran == G_DAY) {
        *a = st->dct;
        return 1;
    }
    if (recent) {
        *a = st->day;
        return 1;
    }
    return 0;
}

/* The year for a month (and day) given without one: the one nearest the
 * date in focus, looking ahead only when the sentence speaks of the future
 * (news mostly reports the past, so a date ahead must be clearly nearer). */
static int nearest_year(const mctx *m, int mon, int day, int *year)
{
    const ann_dates *st = m->st;
    ymd a;
    int g;
    if (st->focus_gran >= G_YEAR) {
        a = st->focus;
        g = st->focus_gran;
    } else if (st->dct_gran >= G_YEAR) {
        a = st->dct;
        g = st->dct_gran;
    } else {
        return 0;
    }
    if (g == G_YEAR) {
        *year = a.y;
        return 1;
    }
    if (g == G_MONTH)
        a.d = 15;
    int fut = future_cue(m);
    long ad = tx_days(a.y, a.m, a.d);
    double best = 1e18;
    for (int y = a.y - 1; y <= a.y + 1; y++) {
        int d = day ? day : 15;
        if (d > tx_mdays(y, mon))
            continue;                 /* Feb 29 only in leap years */
        long dd = tx_days(y, mon, d) - ad;
        double cost = dd >= 0 ? (fut ? dd : dd * 1.5) : (fut ? -dd * 3.0 : -dd);
        if (cost < best) {
            best = cost;
            *year = y;
        }
    }
    return best < 1e18;
}

/* ------------------------------------------------------------------ */
/* argument parsing                                                    */

static int arg_month(const mctx *m, int i)
{
    const char *v;
    if (!m->a[i])
        return 0;
    if (isdigit((unsigned char)m->a[i][0])) {
        int x = atoi(m->a[i]);
        return x >= 1 && x <= 12 ? x : 0;
    }
    v = tx_lookup(m->st->r, "month", m->a[i], m->al[i]);
    if (!v)
        v = tx_lookup(m->st->r, "month_abbr", m->a[i], m->al[i]);
    return v ? atoi(v) : 0;
}

/* "3", "3rd", "third" -> 3 */
static int arg_ordinal(const mctx *m, int i)
{
    if (!m->a[i])
        return 0;
    if (isdigit((unsigned char)m->a[i][0]))
        return atoi(m->a[i]);
    const char *v = tx_lookup(m->st->r, "ordinal", m->a[i], m->al[i]);
    return v ? atoi(v) : 0;
}

static int arg_int(const mctx *m, int i, int dflt)
{
    return m->a[i] ? atoi(m->a[i]) : dflt;
}

static int arg_is(const mctx *m, int i, const char *w)
{
    char k[32];
    return m->a[i] && tx_normkey(k, sizeof k, m->a[i], m->al[i]) &&
           strcmp(k, w) == 0;
}

/* A count: 1 with its value, 0 for a vague one ("several", "a few"),
 * -1 for none. */
static int arg_num(const mctx *m, int i, double *v)
{
    const char *s = m->a[i];
    size_t n = m->al[i];
    if (!s)
        return -1;
    if (isdigit((unsigned char)s[0])) {
        char buf[32];
        size_t o = 0;
        for (size_t k = 0; k < n && o + 1 < sizeof buf; k++)
            if (s[k] != ',')
                buf[o++] = s[k];
        buf[o] = '\0';
        *v = strtod(buf, NULL);
        return 1;
    }
    const char *t = tx_lookup(m->st->r, "number", s, n);
    if (t) {
        *v = atof(t);
        return *v < 0 ? 0 : 1;
    }
    if (n >= 4 && strncasecmp(s, "many", 4) == 0)
        return 0;
    for (size_t k = 0; k < n; k++)          /* twenty-five, twenty five */
        if (s[k] == '-' || s[k] == ' ') {
            const char *a = tx_lookup(m->st->r, "number", s, k);
            const char *b = tx_lookup(m->st->r, "number", s + k + 1, n - k - 1);
            if (a && b) {
                *v = atof(a) + atof(b);
                return 1;
            }
        }
    return -1;
}

/* The unit code of a unit word: Y M W D H MIN S DE CE FN. */
static const char *arg_unit(const mctx *m, int i)
{
    if (!m->a[i])
        return NULL;
    const char *u = tx_lookup(m->st->r, "unit", m->a[i], m->al[i]);
    return u ? u : tx_lookup(m->st->r, "unit_pl", m->a[i], m->al[i]);
}

static int unit_gran(const char *u)
{
    if (!strcmp(u, "Y")) return G_YEAR;
    if (!strcmp(u, "M")) return G_MONTH;
    if (!strcmp(u, "W") || !strcmp(u, "FN") || !strcmp(u, "WE")) return G_WEEK;
    if (!strcmp(u, "DE")) return G_DEC;
    if (!strcmp(u, "CE")) return G_CENT;
    return G_DAY;
}

static int is_time_unit(const char *u)
{
    return !strcmp(u, "H") || !strcmp(u, "MIN") || !strcmp(u, "S");
}

/* Move a by n units of u. */
static void shift(ymd *a, const char *u, long n)
{
    if (!strcmp(u, "Y"))       tx_add_months(&a->y, &a->m, &a->d, 12 * n);
    else if (!strcmp(u, "M"))  tx_add_months(&a->y, &a->m, &a->d, n);
    else if (!strcmp(u, "DE")) tx_add_months(&a->y, &a->m, &a->d, 120 * n);
    else if (!strcmp(u, "CE")) tx_add_months(&a->y, &a->m, &a->d, 1200 * n);
    else if (!strcmp(u, "W") || !strcmp(u, "WE")) tx_add_days(&a->y, &a->m, &a->d, 7 * n);
    else if (!strcmp(u, "FN")) tx_add_days(&a->y, &a->m, &a->d, 14 * n);
    else if (!strcmp(u, "D"))  tx_add_days(&a->y, &a->m, &a->d, n);
}

static void fmt_num(char *out, size_t cap, double v)
{
    if (v == (double)(long)v)
        snprintf(out, cap, "%ld", (long)v);
    else
        snprintf(out, cap, "%g", v);
}

/* P3W, PT90M, PXY, P2W for "a fortnight". */
static void fmt_dur(char *out, size_t cap, int known, double n, const char *u)
{
    char num[24];
    if (!strcmp(u, "FN")) {
        n *= 2;
        u = "W";
    }
    if (known)
        fmt_num(num, sizeof num, n);
    else
        snprintf(num, sizeof num, "X");
    if (is_time_unit(u))
        snprintf(out, cap, "PT%s%s", num, !strcmp(u, "MIN") ? "M" : u);
    else
        snprintf(out, cap, "P%s%s", num, u);
}

static int rel_offset(const mctx *m, int i)
{
    const char *v = m->a[i] ? tx_lookup(m->st->r, "relative", m->a[i], m->al[i]) : NULL;
    return v ? atoi(v) : 0;
}
