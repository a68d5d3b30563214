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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates.h"
#include "timex.h"

/* Years whose mentions are counted, from YEAR_MIN. */
#define YEAR_MIN 1500
#define YEAR_SPAN 600

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
    uint64_t *cand;            /* setw words: the rules the prefix trie allows */
    ymd dct;
    int dct_gran;
    ymd focus;                 /* the date in focus, any granularity */
    int focus_gran;
    char focus_value[40];      /* its TIMEX3 value ("2022-SP" too) */
    ymd day;                   /* the last date in focus known to the day */
    int has_day;
    size_t day_pos;            /* where it was mentioned */
    unsigned char years[YEAR_SPAN]; /* explicit mentions per year, saturating */
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
/* How far back a date still owns a clock time (about a sentence). */
#define CLOCK_REACH 200

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

/* A capitalized match right after a capitalized word, mid-sentence, is
 * part of a name ("Arab Spring", "USA Today"). */
static int in_name(const mctx *m)
{
    size_t e = m->ms;
    if (!isupper((unsigned char)m->text[e]) || sentence_initial(m, e))
        return 0;
    while (e > m->ws && m->text[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > m->ws && is_wordc((unsigned char)m->text[b - 1]))
        b--;
    return b < e && isupper((unsigned char)m->text[b]);
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

/* v in decimal, zero-padded to width digits, at p; the end.  For
 * 0 <= v <= 9999 and width <= 4: snprintf costs a thousand instructions
 * a value, and a document has dozens. */
static char *put_dec(char *p, int v, int width)
{
    int digits = v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
    for (int i = digits; i < width; i++)
        *p++ = '0';
    for (int i = digits - 1; i >= 0; i--, v /= 10)
        p[i] = (char)('0' + v % 10);
    return p + digits;
}

static int small(int v)
{
    return v >= 0 && v <= 9999;
}

/* fmt_date of the common values (fields in put_dec's range, room for
 * them); 0 for snprintf to do. */
static int fmt_date_fast(char *out, size_t cap, int y, int m, int d, int gran)
{
    char *p = out;
    if (cap < 16 || !small(y) || !small(m) || !small(d))
        return 0;
    switch (gran) {
    case G_DAY:   p = put_dec(p, y, 4); *p++ = '-'; p = put_dec(p, m, 2); *p++ = '-';
                  p = put_dec(p, d, 2); break;
    case G_WEEK:  p = put_dec(p, y, 4); *p++ = '-'; *p++ = 'W'; p = put_dec(p, m, 2); break;
    case G_MONTH: p = put_dec(p, y, 4); *p++ = '-'; p = put_dec(p, m, 2); break;
    case G_YEAR:  p = put_dec(p, y, 4); break;
    case G_DEC:   p = put_dec(p, y / 10, 3); break;
    case G_CENT:  p = put_dec(p, y / 100, 2); break;
    default:      return 0;
    }
    *p = '\0';
    return 1;
}

static void fmt_date(char *out, size_t cap, ymd v, int gran)
{
    int wy, wn;
    if (gran == G_WEEK) {
        tx_isoweek(v.y, v.m, v.d ? v.d : 1, &wy, &wn);
        if (!fmt_date_fast(out, cap, wy, wn, 0, gran))
            snprintf(out, cap, "%04d-W%02d", wy, wn);
        return;
    }
    if (fmt_date_fast(out, cap, v.y, v.m, v.d, gran))
        return;
    switch (gran) {
    case G_DAY:   snprintf(out, cap, "%04d-%02d-%02d", v.y, v.m, v.d); break;
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

/* An explicit mention of year y: counted, because a year mentioned once
 * in passing ("agreed at Minsk in February 2015") is a flashback, not the
 * year the story is in. */
static void count_year(ann_dates *st, int y)
{
    if (y >= YEAR_MIN && y < YEAR_MIN + YEAR_SPAN && st->years[y - YEAR_MIN] < 255)
        st->years[y - YEAR_MIN]++;
}

static int year_count(const ann_dates *st, int y)
{
    return y >= YEAR_MIN && y < YEAR_MIN + YEAR_SPAN ? st->years[y - YEAR_MIN] : 0;
}

static void set_focus(mctx *m, ymd v, int gran)
{
    ann_dates *st = m->st;
    st->focus = v;
    st->focus_gran = gran;
    ann_strlcpy(st->focus_value, m->value, sizeof st->focus_value);
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
    int passing = st->focus_gran < G_DAY && year_count(st, st->focus.y) < 2 &&
                  !(st->dct_gran && st->dct.y == st->focus.y);
    if (passing && st->has_day) {
        a = st->day;
        g = G_DAY;
    } else if (st->focus_gran >= G_YEAR && !(passing && st->dct_gran >= G_YEAR)) {
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
        return *v <= 1e6 ? 1 : -1;     /* a count, not a time span */
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
    if (cap >= 8 && v >= 0 && v <= 9999 && v == (double)(int)v)
        *put_dec(out, (int)v, 1) = '\0';   /* as %.10g writes it */
    else
        snprintf(out, cap, "%.10g", v);     /* counts are <= 1e6: exact */
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
        memcpy(num, "X", 2);
    const char *pre = "P";
    if (is_time_unit(u)) {
        pre = "PT";
        u = !strcmp(u, "MIN") ? "M" : u;
    }
    size_t a = strlen(pre), b = strlen(num), c = strlen(u);
    if (a + b + c < cap) {
        memcpy(out, pre, a);
        memcpy(out + a, num, b);
        memcpy(out + a + b, u, c + 1);
    } else {
        snprintf(out, cap, "%s%s%s", pre, num, u);
    }
}

static int rel_offset(const mctx *m, int i)
{
    const char *v = m->a[i] ? tx_lookup(m->st->r, "relative", m->a[i], m->al[i]) : NULL;
    return v ? atoi(v) : 0;
}

/* ------------------------------------------------------------------ */
/* normalization functions: 1 keeps the match, 0 vetoes it             */

/* date(Y, M, D): any of them may be absent. */
static int fn_date(mctx *m)
{
    int mon = arg_month(m, 1), day = arg_ordinal(m, 2);
    int year = m->a[0] ? atoi(m->a[0]) : 0;
    if (!mon || (m->a[2] && (day < 1 || day > 31)))
        return 0;
    if (day && day > tx_mdays(year ? year : 2000, mon))
        return 0;                                  /* April 31 */
    ymd v = {year, mon, day ? day : 1};
    if (!year && !nearest_year(m, mon, day, &v.y)) {
        if (day)
            snprintf(m->value, sizeof m->value, "XXXX-%02d-%02d", mon, day);
        else
            snprintf(m->value, sizeof m->value, "XXXX-%02d", mon);
        return 1;
    }
    if (year)
        count_year(m->st, year);
    fmt_date(m->value, sizeof m->value, v, day ? G_DAY : G_MONTH);
    set_focus(m, v, day ? G_DAY : G_MONTH);
    return 1;
}

/* 4/19/2024 (US order) unless the first number cannot be a month. */
static int fn_numdate(mctx *m)
{
    int a = arg_int(m, 0, 0), b = arg_int(m, 1, 0), y = arg_int(m, 2, 0);
    int mon = a, day = b;
    if (a > 12) {
        mon = b;
        day = a;
    }
    if (mon < 1 || mon > 12 || day < 1 || day > tx_mdays(y, mon))
        return 0;
    ymd v = {y, mon, day};
    fmt_date(m->value, sizeof m->value, v, G_DAY);
    set_focus(m, v, G_DAY);
    return 1;
}

/* holiday(NAME, Y): fixed dates, Easter and Thanksgiving computed. */
static int fn_holiday(mctx *m)
{
    const char *h = tx_lookup(m->st->r, "holiday", m->a[0], m->al[0]);
    if (!h)
        return 0;
    int mon = 0, day = 0, year = m->a[1] ? atoi(m->a[1]) : 0;
    int fixed = isdigit((unsigned char)h[0]);
    if (fixed) {
        mon = atoi(h);
        day = atoi(h + 3);
    }
    if (!year && !nearest_year(m, fixed ? mon : 4, day, &year)) {
        if (fixed)
            snprintf(m->value, sizeof m->value, "XXXX-%02d-%02d", mon, day);
        else
            snprintf(m->value, sizeof m->value, "XXXX-XX-XX");
        return 1;
    }
    if (!strncmp(h, "easter", 6)) {
        tx_easter(year, &mon, &day);
        int y = year;
        tx_add_days(&y, &mon, &day, atoi(h + 6));
    } else if (!strcmp(h, "thanksgiving")) {
        mon = 11;                           /* fourth Thursday of November */
        day = 1 + (4 - tx_weekday(year, 11, 1) + 7) % 7 + 21;
    }
    ymd v = {year, mon, day};
    fmt_date(m->value, sizeof m->value, v, G_DAY);
    set_focus(m, v, G_DAY);
    return 1;
}

/* "last April": the latest April before the DCT's month; "next April"
 * the first after it; "this April" the DCT's year; "that April" the
 * focus's year. */
static int fn_month_rel(mctx *m)
{
    int mon = arg_month(m, 1), off = rel_offset(m, 0);
    ymd a;
    int that = arg_is(m, 0, "that");
    if (!mon)
        return 0;
    if (!(that ? focus_anchor(m, G_YEAR, &a) : deictic_anchor(m, G_MONTH, &a))) {
        snprintf(m->value, sizeof m->value, "XXXX-%02d", mon);
        return 1;
    }
    ymd v = {a.y, mon, 1};
    if (!that && off < 0 && mon >= a.m)
        v.y--;
    else if (!that && off > 0 && mon <= a.m)
        v.y++;
    fmt_date(m->value, sizeof m->value, v, G_MONTH);
    set_focus(m, v, G_MONTH);
    return 1;
}

/* A month name alone is a date only after a word that makes it one
 * ("in March", "until February", "October and November"). */
static int fn_month_alone(mctx *m)
{
    char w[32];
    prev_word(m, m->ms, w, sizeof w);
    if (!in_table(m, "month_alone_prev", w))
        return 0;
    if (arg_month(m, 0) == 5 && (!strcmp(w, "and") || !strcmp(w, "or") ||
                                 !strcmp(w, "to") || !strcmp(w, "for")))
        return 0;                               /* Theresa May */
    m->a[1] = m->a[0];
    m->al[1] = m->al[0];
    m->a[0] = m->a[2] = NULL;
    return fn_date(m);
}

static const char *season_code(const mctx *m, int i, int *mid)
{
    const char *s = m->a[i] ? tx_lookup(m->st->r, "season", m->a[i], m->al[i]) : NULL;
    if (s)
        *mid = !strcmp(s, "SP") ? 4 : !strcmp(s, "SU") ? 7 : !strcmp(s, "FA") ? 10 : 1;
    return s;
}

/* season(S, Y): the year given, else the focus's. */
static int fn_season(mctx *m)
{
    int mid;
    const char *s = season_code(m, 0, &mid);
    ymd a;
    if (!s)
        return 0;
    if (!m->a[1]) {
        if (in_name(m))                   /* "Arab Spring" */
            return 0;
    }
    int y = m->a[1] ? atoi(m->a[1]) : 0;
    count_year(m->st, y);
    if (!y) {
        if (!focus_anchor(m, G_YEAR, &a)) {
            snprintf(m->value, sizeof m->value, "XXXX-%s", s);
            return 1;
        }
        y = a.y;
    }
    snprintf(m->value, sizeof m->value, "%04d-%s", y, s);
    ymd v = {y, mid, 1};
    set_focus(m, v, G_MONTH);
    return 1;
}

/* "last summer": the latest summer over before the DCT. */
static int fn_season_rel(mctx *m)
{
    int mid, off = rel_offset(m, 0);
    const char *s = season_code(m, 1, &mid);
    ymd a;
    if (!s)
        return 0;
    int that = arg_is(m, 0, "that");
    if (!(that ? focus_anchor(m, G_YEAR, &a) : deictic_anchor(m, G_MONTH, &a))) {
        snprintf(m->value, sizeof m->value, "XXXX-%s", s);
        return 1;
    }
    int y = a.y;
    if (!that && off < 0 && a.m <= mid + 1)
        y--;
    else if (!that && off > 0 && a.m >= mid - 1)
        y++;
    snprintf(m->value, sizeof m->value, "%04d-%s", y, s);
    ymd v = {y, mid, 1};
    set_focus(m, v, G_MONTH);
    return 1;
}

static int fn_half(mctx *m)
{
    int h = arg_is(m, 0, "first") ? 1 : 2;
    snprintf(m->value, sizeof m->value, "%04d-H%d", arg_int(m, 1, 0), h);
    return 1;
}

static int fn_quarter(mctx *m)
{
    int q = isdigit((unsigned char)m->a[0][0]) ? atoi(m->a[0])
          : arg_is(m, 0, "last") ? 4 : arg_ordinal(m, 0);
    if (q < 1 || q > 4)
        return 0;
    snprintf(m->value, sizeof m->value, "%04d-Q%d", arg_int(m, 1, 0), q);
    return 1;
}

/* "1990s", "'90s", "the 90s" -> 199 */
static int fn_decade(mctx *m)
{
    int d = arg_int(m, 0, 0);
    if (d < 100)
        d += d >= 20 ? 1900 : 2000;
    snprintf(m->value, sizeof m->value, "%03d", d / 10);
    return 1;
}

/* "the 20th century" -> 19 */
static int fn_century(mctx *m)
{
    int c = arg_ordinal(m, 0);
    if (c < 1 || c > 30)
        return 0;
    snprintf(m->value, sizeof m->value, "%02d", c - 1);
    return 1;
}

/* A bare four-digit number is a year unless its neighbours make it a
 * count or a label ("Resolution 2202", "2000 troops", "than 1900"). */
static int fn_year(mctx *m)
{
    char pw[32], nw[32];
    int y = arg_int(m, 0, 0);
    size_t s = m->ms;
    prev_word(m, s, pw, sizeof pw);
    next_word(m, m->me, nw, sizeof nw);
    if (in_table(m, "year_block_prev", pw) || in_table(m, "year_block_next", nw))
        return 0;
    if (s > m->ws && strchr("$#\xA3", m->text[s - 1]))
        return 0;
    if (s > m->ws + 1 && (m->text[s - 1] == '-' || m->text[s - 1] == '/') &&
        isalpha((unsigned char)m->text[s - 2]))
        return 0;                                  /* Su-2024, A/1990 */
    if (y < 1900 && !in_table(m, "month_alone_prev", pw))
        return 0;
    ymd v = {y, 1, 1};
    count_year(m->st, y);
    fmt_date(m->value, sizeof m->value, v, G_YEAR);
    set_focus(m, v, G_YEAR);
    return 1;
}

/* The unit named by argument 1 ("week", "weekend", ...) of the anchor
 * moved by R (argument 0): from the DCT for rel(), from the date in focus
 * for frel().  The weekend is its week with "-WE". */
static int moved_unit(mctx *m, int from_focus)
{
    int off = rel_offset(m, 0);
    char u[12];
    ymd a;
    tx_normkey(u, sizeof u, m->a[1], m->al[1]);
    int weekend = !strcmp(u, "weekend");
    const char *code = weekend ? "WE" : arg_unit(m, 1);
    if (!code)
        return 0;
    int g = unit_gran(code);
    int known = from_focus ? focus_anchor(m, g, &a)
                           : deictic_anchor(m, g == G_WEEK ? G_DAY : g, &a);
    if (!known) {
        fmt_unknown(m->value, sizeof m->value, g);
        if (weekend && !from_focus)
            snprintf(m->value, sizeof m->value, "XXXX-WXX-WE");
        return 1;
    }
    shift(&a, code, off);
    fmt_date(m->value, sizeof m->value, a, g);
    if (weekend) {
        size_t n = strlen(m->value);
        snprintf(m->value + n, sizeof m->value - n, "-WE");
    }
    return 1;
}

/* rel(R, U): "last week", "this year", "next month", counted from the DCT. */
static int fn_rel(mctx *m)
{
    return moved_unit(m, 0);
}

/* fcur(U): the unit of the date in focus: "the start of the year" is the
 * focus's year, "the first day" its day. */
static int fn_fcur(mctx *m)
{
    const char *code = arg_unit(m, 0);
    ymd a;
    if (!code)
        return 0;
    int g = unit_gran(code);
    if (!focus_anchor(m, g, &a))
        fmt_unknown(m->value, sizeof m->value, g);
    else
        fmt_date(m->value, sizeof m->value, a, g);
    return 1;
}

/* The date of a weekday: before (or on) the anchor for past-tense news,
 * after it with a future cue or "next". */
static int weekday_date(mctx *m, int wd, int rel, ymd *out)
{
    ymd a;
    if (!deictic_anchor(m, G_DAY, &a))
        return 0;
    int cur = tx_weekday(a.y, a.m, a.d);
    long delta;
    if (rel == 2) {                          /* this: the anchor's ISO week */
        delta = wd - cur;
    } else if (rel > 0) {
        delta = (wd - cur + 7) % 7;
        if (delta == 0)
            delta = 7;
    } else if (rel < 0) {
        delta = -((cur - wd + 7) % 7);
        if (delta == 0)
            delta = -7;
    } else {
        delta = -((cur - wd + 7) % 7);       /* today counts */
    }
    *out = a;
    tx_add_days(&out->y, &out->m, &out->d, delta);
    return 1;
}

static int weekday_rel(mctx *m, int i)
{
    if (!m->a[i])
        return future_cue(m) ? 1 : 0;
    if (arg_is(m, i, "this"))
        return 2;
    if (arg_is(m, i, "that"))
        return 0;
    return rel_offset(m, i);
}

/* "Black Friday", "the Sunday Times": a weekday inside a name. */
static int weekday_blocked(mctx *m)
{
    char w[32];
    if (prev_word(m, m->ms, w, sizeof w) && in_table(m, "weekday_block", w))
        return 1;
    size_t p = m->me;
    while (p < m->we && m->text[p] == ' ')
        p++;
    return !strcmp(w, "the") && p < m->we && p > m->me &&
           isupper((unsigned char)m->text[p]);
}

/* weekday(W, R) */
static int fn_weekday(mctx *m)
{
    const char *w = tx_lookup(m->st->r, "weekday", m->a[0], m->al[0]);
    ymd v;
    if (!w || (!m->a[1] && weekday_blocked(m)))
        return 0;
    if (!weekday_date(m, atoi(w), weekday_rel(m, 1), &v)) {
        snprintf(m->value, sizeof m->value, "XXXX-WXX-%d", atoi(w));
        return 1;
    }
    fmt_date(m->value, sizeof m->value, v, G_DAY);
    set_focus(m, v, G_DAY);
    return 1;
}

static const char *pod_code(const mctx *m, int i)
{
    if (m->a[i] && m->al[i] <= 3 && isupper((unsigned char)m->a[i][0]))
        return m->a[i];                        /* a literal code: NI */
    return m->a[i] ? tx_lookup(m->st->r, "part_of_day", m->a[i], m->al[i]) : NULL;
}

/* wdpod(W, P, R): "Saturday evening" -> 2022-03-19TEV */
static int fn_wdpod(mctx *m)
{
    const char *pod = pod_code(m, 1);
    const char *a1 = m->a[1];
    size_t l1 = m->al[1];
    if (!pod)
        return 0;
    m->a[1] = m->a[2];
    m->al[1] = m->al[2];
    int ok = fn_weekday(m);
    m->a[1] = a1;
    m->al[1] = l1;
    if (!ok)
        return 0;
    size_t n = strlen(m->value);
    snprintf(m->value + n, sizeof m->value - n, "T%s", pod);
    return 1;
}

/* "on Mondays" */
static int fn_wdset(mctx *m)
{
    const char *w = tx_lookup(m->st->r, "weekday", m->a[0], m->al[0]);
    if (!w)
        return 0;
    snprintf(m->value, sizeof m->value, "XXXX-WXX-%d", atoi(w));
    return 1;
}

/* deictic(W, P): yesterday, today, tomorrow (W may be an offset), with an
 * optional part of the day. */
static int fn_deictic(mctx *m)
{
    int off;
    ymd a;
    if (m->a[0] && (isdigit((unsigned char)m->a[0][0]) || m->a[0][0] == '-')) {
        off = atoi(m->a[0]);
    } else {
        const char *v = tx_lookup(m->st->r, "deictic", m->a[0], m->al[0]);
        if (!v)
            return 0;
        off = atoi(v);
        if (in_name(m))                          /* USA Today */
            return 0;
    }
    const char *pod = pod_code(m, 1);
    if (!day_anchor(m, &a)) {
        if (off == 0 && !pod)
            snprintf(m->value, sizeof m->value, "PRESENT_REF");
        else
            snprintf(m->value, sizeof m->value, "XXXX-XX-XX%s%s",
                     pod ? "T" : "", pod ? pod : "");
        return 1;
    }
    tx_add_days(&a.y, &a.m, &a.d, off);
    fmt_date(m->value, sizeof m->value, a, G_DAY);
    if (pod) {
        size_t n = strlen(m->value);
        snprintf(m->value + n, sizeof m->value - n, "T%s", pod);
    }
    return 1;
}

/* fpod(R, P): "the next morning", "that evening" */
static int fn_fpod(mctx *m)
{
    const char *pod = pod_code(m, 1);
    ymd a;
    if (!pod)
        return 0;
    if (!focus_anchor(m, G_DAY, &a)) {
        snprintf(m->value, sizeof m->value, "XXXX-XX-XXT%s", pod);
        return 1;
    }
    tx_add_days(&a.y, &a.m, &a.d, rel_offset(m, 0));
    fmt_date(m->value, sizeof m->value, a, G_DAY);
    size_t n = strlen(m->value);
    snprintf(m->value + n, sizeof m->value - n, "T%s", pod);
    return 1;
}

/* A clock time belongs to the day just mentioned ("On March 3, at 9:15
 * pm"), else to the day deictic expressions count from. */
static void fmt_clock(mctx *m, int h, int min)
{
    ymd a;
    const ann_dates *st = m->st;
    if (st->has_day && st->day_pos >= m->ws && st->day_pos > 0 &&
        m->ms - st->day_pos <= CLOCK_REACH)
        fmt_date(m->value, sizeof m->value, st->day, G_DAY);
    else if (day_anchor(m, &a))
        fmt_date(m->value, sizeof m->value, a, G_DAY);
    else
        snprintf(m->value, sizeof m->value, "XXXX-XX-XX");
    size_t n = strlen(m->value);
    snprintf(m->value + n, sizeof m->value - n, "T%02d:%02d", h, min);
}

/* noon, midnight */
static int fn_clock(mctx *m)
{
    fmt_clock(m, arg_is(m, 0, "midnight") ? 24 : 12, 0);
    return 1;
}

/* time(H, M, AMPM): "10:30 a.m." */
static int fn_time(mctx *m)
{
    int h = arg_int(m, 0, -1), min = arg_int(m, 1, 0);
    if (m->a[2]) {
        int pm = tolower((unsigned char)m->a[2][0]) == 'p';
        if (h < 1 || h > 12)
            return 0;
        if (pm && h < 12)
            h += 12;
        else if (!pm && h == 12)
            h = 0;
    }
    if (h < 0 || h > 24 || min > 59)
        return 0;
    fmt_clock(m, h, min);
    return 1;
}

/* ago(N, U): the DCT minus N units, at the unit's granularity. */
static int fn_ago(mctx *m)
{
    double n = 0;
    int known = arg_num(m, 0, &n) == 1;
    const char *u = arg_unit(m, 1);
    ymd a;
    if (!u)
        return 0;
    int g = unit_gran(u);
    if (!known || is_time_unit(u) || n != (double)(long)n) {
        snprintf(m->value, sizeof m->value, "PAST_REF");
        return 1;
    }
    if (!deictic_anchor(m, g == G_WEEK ? G_DAY : g, &a)) {
        fmt_unknown(m->value, sizeof m->value, g);
        return 1;
    }
    shift(&a, u, -(long)n);
    fmt_date(m->value, sizeof m->value, a, g);
    return 1;
}

/* later(N, U, later|earlier|after|before): counted from the focus. */
static int fn_later(mctx *m)
{
    double n = 0;
    int known = arg_num(m, 0, &n) == 1;
    const char *u = arg_unit(m, 1);
    int sign = rel_offset(m, 2) < 0 ? -1 : 1;
    ymd a;
    if (!u)
        return 0;
    int g = unit_gran(u);
    if (!known || is_time_unit(u) || n != (double)(long)n) {
        snprintf(m->value, sizeof m->value, sign < 0 ? "PAST_REF" : "FUTURE_REF");
        if (is_time_unit(u) && focus_anchor(m, G_DAY, &a))
            fmt_date(m->value, sizeof m->value, a, G_DAY);
        return 1;
    }
    if (!focus_anchor(m, g, &a)) {
        fmt_unknown(m->value, sizeof m->value, g);
        return 1;
    }
    shift(&a, u, sign * (long)n);
    fmt_date(m->value, sizeof m->value, a, g);
    if (g == G_DAY)                 /* a narrative step: the new focus */
        set_focus(m, a, G_DAY);
    return 1;
}

/* Is the word before the match a number, money or "times" ("$5bn a year",
 * "three times a day")?  Then "a year" is a frequency. */
static int after_quantity(const mctx *m)
{
    char w[32];
    if (!prev_word(m, m->ms, w, sizeof w))
        return 0;
    return isdigit((unsigned char)w[0]) || w[0] == '$' ||
           !strcmp(w, "times") || !strcmp(w, "once") || !strcmp(w, "twice") ||
           !strcmp(w, "percent") || !strcmp(w, "billion") || !strcmp(w, "million");
}

/* dur(N, U) */
static int fn_dur(mctx *m)
{
    double n = 0;
    int k = arg_num(m, 0, &n);
    const char *u = arg_unit(m, 1);
    if (!u || k < 0)
        return 0;
    if (k == 1 && n == 1 && m->a[0] && tolower((unsigned char)m->a[0][0]) == 'a' &&
        m->al[0] <= 2 && after_quantity(m)) {
        strcpy(m->type, "SET");
        fmt_dur(m->value, sizeof m->value, 1, 1, u);
        return 1;
    }
    fmt_dur(m->value, sizeof m->value, k == 1, n, u);
    return 1;
}

/* dur2(N1, U1, N2, U2): "an hour and 45 minutes" -> PT1H45M */
static int fn_dur2(mctx *m)
{
    double n1, n2;
    const char *u1 = arg_unit(m, 1), *u2 = arg_unit(m, 3);
    char a[24], b[24];
    if (!u1 || !u2 || arg_num(m, 0, &n1) != 1 || arg_num(m, 2, &n2) != 1 ||
        !strcmp(u1, "FN") || !strcmp(u2, "FN"))
        return 0;
    fmt_num(a, sizeof a, n1);
    fmt_num(b, sizeof b, n2);
    const char *c1 = !strcmp(u1, "MIN") ? "M" : u1, *c2 = !strcmp(u2, "MIN") ? "M" : u2;
    int t1 = is_time_unit(u1), t2 = is_time_unit(u2);
    if (t1 == t2)
        snprintf(m->value, sizeof m->value, "P%s%.10s%s%.10s%s", t1 ? "T" : "", a, c1, b, c2);
    else if (!t1)
        snprintf(m->value, sizeof m->value, "P%.10s%sT%.10s%s", a, c1, b, c2);
    else
        return 0;
    return 1;
}

/* durhalf(N, U): N and a half units; N = 0 for "half an hour". */
static int fn_durhalf(mctx *m)
{
    double n = 0;
    const char *u = arg_unit(m, 1);
    if (!u || arg_num(m, 0, &n) != 1)
        return 0;
    char num[24];
    fmt_num(num, sizeof num, n);
    const char *z = n == 0 ? "" : num;
    const char *zu = n == 0 ? "" : u;
    if (!strcmp(u, "Y"))
        snprintf(m->value, sizeof m->value, "P%s%s6M", z, zu);
    else if (!strcmp(u, "D"))
        snprintf(m->value, sizeof m->value, "P%s%sT12H", z, zu);
    else if (!strcmp(u, "H"))
        snprintf(m->value, sizeof m->value, "PT%s%s30M", z, zu);
    else if (!strcmp(u, "MIN"))
        snprintf(m->value, sizeof m->value, "PT%s%s30S", n == 0 ? "" : num, n == 0 ? "" : "M");
    else
        fmt_dur(m->value, sizeof m->value, 1, n + 0.5, u);
    if (!strcmp(m->value, "PT"))
        return 0;
    return 1;
}

/* frel(R, U): the day, week, month or year in focus moved by R. */
static int fn_frel(mctx *m)
{
    return moved_unit(m, 1);
}

/* "one day": some day in the future after a modal ("could one day"),
 * a duration after "for"/"in", otherwise not a time expression. */
static int fn_oneday(mctx *m)
{
    char w[32];
    prev_word(m, m->ms, w, sizeof w);
    if (in_table(m, "modal", w)) {
        strcpy(m->type, "DATE");
        strcpy(m->value, "FUTURE_REF");
        return 1;
    }
    if (sentence_initial(m, m->ms))
        return 0;
    strcpy(m->type, "DURATION");
    strcpy(m->value, "P1D");
    return 1;
}

/* vague(U): "days" -> PXD */
static int fn_vague(mctx *m)
{
    const char *u = arg_unit(m, 0);
    if (!u || !strcmp(u, "MIN") || !strcmp(u, "S"))
        return 0;
    fmt_dur(m->value, sizeof m->value, 0, 0, u);
    return 1;
}

/* setn(N, U): "every two weeks" -> P2W; "every morning" -> P1D */
static int fn_setn(mctx *m)
{
    double n = 1;
    const char *u = arg_unit(m, 1);
    if (!u) {
        u = "D";                      /* morning, evening, night */
        if (arg_is(m, 1, "weekend"))
            u = "W";
    }
    if (arg_num(m, 0, &n) != 1)
        return 0;
    fmt_dur(m->value, sizeof m->value, 1, n, u);
    return 1;
}

/* set(WORD): daily, weekly ... but not "Daily" in a name ("the Daily
 * Mail", "Kyiv Daily Newsletter"). */
static int fn_set(mctx *m)
{
    const char *v = tx_lookup(m->st->r, "set", m->a[0], m->al[0]);
    if (!v)
        return 0;
    if (isupper((unsigned char)m->text[m->ms])) {
        size_t p = m->me;
        while (p < m->we && m->text[p] == ' ')
            p++;
        if (!sentence_initial(m, m->ms) || (p < m->we && isupper((unsigned char)m->text[p])))
            return 0;
    }
    ann_strlcpy(m->value, v, sizeof m->value);
    return 1;
}

static int fn_lit(mctx *m)
{
    if (!m->a[0])
        return 0;
    snprintf(m->value, sizeof m->value, "%.*s", (int)m->al[0], m->a[0]);
    return 1;
}

/* "at the time", "at that time": whatever the focus is. */
static int fn_ftime(mctx *m)
{
    if (m->st->focus_gran == G_NONE || !m->st->focus_value[0])
        snprintf(m->value, sizeof m->value, "PAST_REF");
    else
        ann_strlcpy(m->value, m->st->focus_value, sizeof m->value);
    return 1;
}

typedef int (*norm_fn)(mctx *);

static const norm_fn fns[] = {
    fn_date, fn_numdate, fn_holiday, fn_month_rel, fn_month_alone,
    fn_season, fn_season_rel, fn_half, fn_quarter, fn_decade, fn_century,
    fn_year, fn_rel, fn_fcur, fn_weekday, fn_wdpod, fn_wdset, fn_deictic,
    fn_fpod, fn_clock, fn_time, fn_ago, fn_later, fn_dur, fn_dur2,
    fn_durhalf, fn_frel, fn_oneday, fn_vague, fn_setn, fn_set, fn_lit,
    fn_ftime,
};

const char *const tx_fn_names[] = {
    "date", "numdate", "holiday", "month_rel", "month_alone",
    "season", "season_rel", "half", "quarter", "decade", "century",
    "year", "rel", "fcur", "weekday", "wdpod", "wdset", "deictic",
    "fpod", "clock", "time", "ago", "later", "dur", "dur2",
    "durhalf", "frel", "oneday", "vague", "setn", "set", "lit",
    "ftime",
};

const size_t tx_nfn = sizeof tx_fn_names / sizeof *tx_fn_names;

_Static_assert(sizeof fns / sizeof *fns == sizeof tx_fn_names / sizeof *tx_fn_names,
               "one name per normalization function");

/* ------------------------------------------------------------------ */
/* the annotator                                                       */

/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" (a longer ISO timestamp is cut). */
static int parse_dct(const char *s, ymd *v)
{
    int n = 0, y = 0, mo = 1, d = 1;
    if (!s)
        return G_NONE;
    n = sscanf(s, "%4d-%2d-%2d", &y, &mo, &d);
    if (n < 1 || y < 1 || mo < 1 || mo > 12 || d < 1 || d > tx_mdays(y, mo))
        return G_NONE;
    v->y = y;
    v->m = n >= 2 ? mo : 1;
    v->d = n >= 3 ? d : 1;
    return n >= 3 ? G_DAY : n == 2 ? G_MONTH : G_YEAR;
}

/* A JIT stack is an mmap of its largest size, and unmapping one per
 * document cost more than the matching.  So each thread keeps the last one
 * given back for the next document; the key's destructor frees it when the
 * thread ends. */
static pthread_once_t js_once = PTHREAD_ONCE_INIT;
static pthread_key_t js_key;

static void js_destroy(void *js) { pcre2_jit_stack_free(js); }

static void js_init(void) { pthread_key_create(&js_key, js_destroy); }

static pcre2_jit_stack *js_take(void)
{
    pthread_once(&js_once, js_init);
    pcre2_jit_stack *js = pthread_getspecific(js_key);
    if (js) {
        pthread_setspecific(js_key, NULL);
        return js;
    }
    return pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
}

static void js_give_back(pcre2_jit_stack *js)
{
    if (js && !pthread_getspecific(js_key) && pthread_setspecific(js_key, js) == 0)
        return;
    pcre2_jit_stack_free(js);
}

ann_dates *ann_dates_new(const ann_date_rules *r, const char *dct)
{
    ann_dates *st = ann_xcalloc(1, sizeof *st);
    st->r = r;
    st->md = pcre2_match_data_create(r->maxgroups + 1, NULL);
    st->mc = pcre2_match_context_create(NULL);
    st->js = r->jit ? js_take() : NULL;     /* the interpreter needs none */
    if (!st->md || !st->mc || (r->jit && !st->js)) {
        fputs("annotate: out of memory\n", stderr);
        exit(2);
    }
    if (st->js)
        pcre2_jit_stack_assign(st->mc, NULL, st->js);
    st->cand = ann_xcalloc(r->setw ? r->setw : 1, sizeof *st->cand);
    st->dct_gran = parse_dct(dct, &st->dct);
    if (st->dct_gran) {                  /* the DCT is the first focus */
        st->focus = st->dct;
        st->focus_gran = st->dct_gran;
        mctx m = {0};
        fmt_date(m.value, sizeof m.value, st->dct, st->dct_gran);
        ann_strlcpy(st->focus_value, m.value, sizeof st->focus_value);
        if (st->dct_gran == G_DAY) {
            st->day = st->dct;
            st->has_day = 1;
        }
    }
    return st;
}

void ann_dates_free(ann_dates *st)
{
    if (!st)
        return;
    pcre2_match_data_free(st->md);
    pcre2_match_context_free(st->mc);
    if (st->js)
        js_give_back(st->js);
    free(st->cand);
    free(st);
}

/* Normalize the match of rule ru (its own group is 1 in the ovector). */
static int normalize(mctx *m, const tx_rule *ru, const PCRE2_SIZE *ov)
{
    m->ms = ov[2];
    m->me = ov[3];
    for (size_t i = 0; i < TX_MAXARGS; i++) {
        const tx_arg *a = &ru->args[i];
        m->a[i] = NULL;
        m->al[i] = 0;
        if (i >= ru->nargs)
            continue;
        if (a->group > 0) {
            PCRE2_SIZE b = ov[2 * (1 + (uint32_t)a->group)];
            if (b != PCRE2_UNSET) {
                m->a[i] = m->text + b;
                m->al[i] = ov[2 * (1 + (uint32_t)a->group) + 1] - b;
            }
        } else if (a->lit) {
            m->a[i] = a->lit;
            m->al[i] = strlen(a->lit);
        }
    }
    ann_strlcpy(m->type, ru->type, sizeof m->type);
    m->value[0] = '\0';
    return fns[ru->fn](m) && m->value[0];
}

/* Try, in file order, every rule in the bit sets a or b that the prefix
 * trie allows at pos (m->st->cand); the first that matches and is not
 * vetoed by its normalization function wins. */
static int try_rules(mctx *m, const uint64_t *a, const uint64_t *b, size_t pos)
{
    const ann_date_rules *r = m->st->r;
    const uint64_t *cand = m->st->cand;
    for (size_t k = 0; k < r->setw; k++) {
        uint64_t bits = (a[k] | (b ? b[k] : 0)) & cand[k];
        while (bits) {
            size_t i = k * 64 + (size_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            const tx_rule *ru = &r->rules[i];
            int rc = tx_rule_jit(r, ru)
                ? pcre2_jit_match(ru->re, (PCRE2_SPTR)m->text, m->we, pos, 0,
                                  m->st->md, m->st->mc)
                : pcre2_match(ru->re, (PCRE2_SPTR)m->text, m->we, pos, 0,
                              m->st->md, m->st->mc);
            if (rc > 0 && normalize(m, ru, pcre2_get_ovector_pointer(m->st->md)))
                return 1;
        }
    }
    return 0;
}

/* The byte classes of the scan, ASCII as isalnum() and isalpha() are in
 * the C locale (the tool never sets another), one load per byte. */
enum { B_ALPHA = 1, B_DIGIT = 2, B_UNDER = 4, B_APOS = 8 };

#define BC(c) ((((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z' ? B_ALPHA : 0) | \
               ((c) >= '0' && (c) <= '9' ? B_DIGIT : 0) | \
               ((c) == '_' ? B_UNDER : 0) | ((c) == '\'' || (c) == 0xE2 ? B_APOS : 0))
#define BC4(c) BC(c), BC((c) + 1), BC((c) + 2), BC((c) + 3)
#define BC16(c) BC4(c), BC4((c) + 4), BC4((c) + 8), BC4((c) + 12)
#define BC64(c) BC16(c), BC16((c) + 16), BC16((c) + 32), BC16((c) + 48)
static const unsigned char bclass[256] = {BC64(0), BC64(64), BC64(128), BC64(192)};
#undef BC
#undef BC4
#undef BC16
#undef BC64

static int ascii_alpha(unsigned char c) { return bclass[c] & B_ALPHA; }

/* The bytes of [A-Za-z0-9_], which no rule's match may follow. */
static int ascii_wordc(unsigned char c)
{
    return bclass[c] & (B_ALPHA | B_DIGIT | B_UNDER);
}

/* Try the rules that can start at pos, a word start where a rule may
 * begin (a letter, a digit, an apostrophe) and the filters let a rule
 * start (tx_rules_maybe); 1 when a date was found. */
static int try_at(mctx *m, size_t pos)
{
    const ann_date_rules *r = m->st->r;
    const unsigned char *t = (const unsigned char *)m->text;
    const uint64_t *any = r->sets + TX_SET_ANY * r->setw;
    unsigned char c = t[pos];
    if (c == 0xE2 && !(pos + 2 < m->we && t[pos + 1] == 0x80 && t[pos + 2] == 0x99))
        return 0;                       /* only ’ of the bytes from E2 */
    if (!tx_rules_possible(r, t + pos, m->we - pos, m->st->cand))
        return 0;
    if (c >= '0' && c <= '9')
        return try_rules(m, r->sets + TX_SET_DIGIT * r->setw, any, pos);
    if (!ascii_alpha(c))
        return try_rules(m, r->sets + TX_SET_APOS * r->setw, any, pos);
    size_t e = pos;
    while (e < m->we && ascii_alpha(t[e]))
        e++;
    const uint64_t *set = tx_rules_for_word(r, m->text + pos, e - pos);
    return set ? try_rules(m, set, any, pos) : try_rules(m, any, NULL, pos);
}

/* Of the word starts base + i (bit i of starts), those the filters let a
 * rule start at.  Most fail the first: each filter runs on all the starts
 * at once, into a mask, where a branch per start would mispredict. */
static uint64_t filter_starts(const ann_date_rules *r, const unsigned char *t,
                              size_t base, size_t end, uint64_t starts)
{
    uint64_t go = 0, deep = 0;
    for (uint64_t s = starts; s; s &= s - 1) {
        size_t i = (size_t)__builtin_ctzll(s);
        if (base + i + 8 > end) {       /* near the window's end: the walk tells */
            go |= (uint64_t)1 << i;
            continue;
        }
        uint64_t v = tx_rules_first3(r, t + base + i);
        go |= (v >> 1) << i;
        deep |= (v & 1) << i;
    }
    for (uint64_t s = deep & ~go; s; s &= s - 1) {
        size_t i = (size_t)__builtin_ctzll(s);
        go |= (uint64_t)tx_rules_deep(r, t + base + i) << i;
    }
    return go;
}

/* The bytes of t[0..64) as bit masks, bit i for t[i]: *may the letters,
 * digits and apostrophes (' and the first byte of ’), where a rule may
 * begin; *word the bytes of [A-Za-z0-9_], which no rule may follow.  A
 * loop per byte (and per word) mispredicts its exit at every word; these
 * masks are made without a branch. */
#ifdef ANN_SSE2
static void classify64(const unsigned char *t, uint64_t *may, uint64_t *word)
{
    const __m128i low = _mm_set1_epi8(0x20), under = _mm_set1_epi8('_');
    const __m128i apos = _mm_set1_epi8('\''), e2 = _mm_set1_epi8((char)0xE2);
    /* c in [lo, lo+n) as c + 128 - lo < -128 + n, signed */
    const __m128i abias = _mm_set1_epi8((char)(128 - 'a')), alim = _mm_set1_epi8((char)(-128 + 26));
    const __m128i dbias = _mm_set1_epi8((char)(128 - '0')), dlim = _mm_set1_epi8((char)(-128 + 10));
    uint64_t m = 0, w = 0;
    for (unsigned k = 0; k < 64; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + k));
        __m128i a = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(x, low), abias), alim);
        __m128i d = _mm_cmplt_epi8(_mm_add_epi8(x, dbias), dlim);
        __m128i ad = _mm_or_si128(a, d);
        __m128i q = _mm_or_si128(_mm_cmpeq_epi8(x, apos), _mm_cmpeq_epi8(x, e2));
        m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(ad, q)) << k;
        w |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(ad, _mm_cmpeq_epi8(x, under))) << k;
    }
    *may = m;
    *word = w;
}
#else
/* A letter, a digit or the start of an apostrophe: where a rule may begin. */
static int may_start(unsigned char c)
{
    return bclass[c] & (B_ALPHA | B_DIGIT | B_APOS);
}

static void classify64(const unsigned char *t, uint64_t *may, uint64_t *word)
{
    uint64_t m = 0, w = 0;
    for (unsigned k = 0; k < 64; k++) {
        m |= (uint64_t)(may_start(t[k]) != 0) << k;
        w |= (uint64_t)(ascii_wordc(t[k]) != 0) << k;
    }
    *may = m;
    *word = w;
}
#endif

/* Every word start of the window where a rule may begin (a letter, a
 * digit, an apostrophe after no [A-Za-z0-9_]: the (?<![A-Za-z0-9_]) that
 * wraps every rule) is tried, but those inside a date found.  The text is
 * taken 64 bytes at a time, its word starts found as bits. */
void ann_dates_window(ann_dates *st, ann_window *w)
{
    if (!st || !w || w->n == 0)
        return;
    const unsigned char *t = (const unsigned char *)w->text;
    mctx m;
    memset(&m, 0, sizeof m);
    m.st = st;
    m.text = w->text;
    m.ws = w->tok[0].start;
    m.we = w->tok[w->n - 1].end;
    size_t pos = m.ws;
    uint64_t prev = pos > 0 && ascii_wordc(t[pos - 1]);
    while (pos < m.we) {
        size_t base = pos, len = m.we - pos < 64 ? m.we - pos : 64;
        uint64_t may, word;
        if (len == 64) {
            classify64(t + base, &may, &word);
        } else {                        /* not past the text's end */
            unsigned char tail[64] = {0};
            memcpy(tail, t + base, len);
            classify64(tail, &may, &word);
        }
        uint64_t starts = may & ~(word << 1 | prev);
        prev = word >> 63;
        pos = base + len;
        starts = filter_starts(st->r, t, base, m.we, starts);
        while (starts) {
            size_t p = base + (size_t)__builtin_ctzll(starts);
            starts &= starts - 1;
            if (!try_at(&m, p) || m.me <= m.ms)
                continue;
            ann_span sp = {m.ms, m.me};
            ann_doc_add_date(w->doc, sp, m.type, m.value);
            if (m.me >= base + len) {   /* on after the date */
                pos = m.me;
                prev = ascii_wordc(t[pos - 1]) != 0;
                break;
            }
            starts &= ~(uint64_t)0 << (m.me - base);
        }
    }
}
