/*
 * dates_norm.c - the normalization functions of the date rules: each
 * match goes to its rule's function (named in rules.tsv), which may veto
 * it (a year that is a count, "Daily" in a name) and otherwise computes
 * its TIMEX3 type and value; or to its rule's value template.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates_norm.h"


/* date(Y, M, D): any of them may be absent. */
static int fn_date(tx_match *m)
{
    int mon = tx_arg_month(m, 1), day = tx_arg_ordinal(m, 2);
    int year = m->a[0] ? atoi(m->a[0]) : 0;
    if (!mon || (m->a[2] && (day < 1 || day > 31)))
        return 0;
    if (day && day > tx_mdays(year ? year : 2000, mon))
        return 0;                                  /* April 31 */
    tx_ymd v = {year, mon, day ? day : 1};
    if (!year && !tx_nearest_year(m, mon, day, &v.y)) {
        if (day)
            snprintf(m->value, sizeof m->value, "XXXX-%02d-%02d", mon, day);
        else
            snprintf(m->value, sizeof m->value, "XXXX-%02d", mon);
        return 1;
    }
    if (year)
        tx_count_year(m->st, year);
    tx_fmt_date(m->value, sizeof m->value, v, day ? G_DAY : G_MONTH);
    tx_set_focus(m, v, day ? G_DAY : G_MONTH, year ? TX_STATED : 0);
    return 1;
}

/* 4/19/2024 (US order) unless the first number cannot be a month. */
static int fn_numdate(tx_match *m)
{
    int a = tx_arg_int(m, 0, 0), b = tx_arg_int(m, 1, 0), y = tx_arg_int(m, 2, 0);
    int mon = a, day = b;
    if (m->a[2] && m->al[2] == 2)
        y += y < 50 ? 2000 : 1900;                  /* 12/25/21 */
    if (a > 12) {
        mon = b;
        day = a;
    }
    if (mon < 1 || mon > 12 || day < 1 || day > tx_mdays(y, mon))
        return 0;
    tx_ymd v = {y, mon, day};
    tx_fmt_date(m->value, sizeof m->value, v, G_DAY);
    tx_set_focus(m, v, G_DAY, TX_STATED);
    return 1;
}

/* The day of month mon of year y that is its n-th weekday wd (1 Monday
 * .. 7 Sunday), n -1 the last: "the first Monday in September". */
static int nth_weekday(int y, int mon, int wd, int n)
{
    if (n > 0)
        return 1 + (wd - tx_weekday(y, mon, 1) + 7) % 7 + 7 * (n - 1);
    int last = tx_mdays(y, mon);
    return last - (tx_weekday(y, mon, last) - wd + 7) % 7;
}

/* holiday(NAME, Y, WEEK): fixed dates ("12-25"), the n-th weekday of a
 * month ("09:1:1", Labor Day; n -1 the last); Easter, Thanksgiving and
 * the US Election Day computed; with WEEK ("Easter week") the holiday's
 * ISO week. */
static int fn_holiday(tx_match *m)
{
    const char *h = tx_lookup(m->st->r, "holiday", m->a[0], m->al[0]);
    if (!h)
        return 0;
    int mon = 0, day = 0, year = m->a[1] ? atoi(m->a[1]) : 0;
    int fixed = isdigit((unsigned char)h[0]) && h[2] == '-';
    int floating = isdigit((unsigned char)h[0]) && h[2] == ':';
    if (fixed || floating)
        mon = atoi(h);
    if (fixed)
        day = atoi(h + 3);
    int near = mon ? mon : !strncmp(h, "easter", 6) ? 4 : 11;
    if (!year && !tx_nearest_year(m, near, day, &year)) {
        if (fixed)
            snprintf(m->value, sizeof m->value, "XXXX-%02d-%02d", mon, day);
        else
            snprintf(m->value, sizeof m->value, "XXXX-XX-XX");
        return 1;
    }
    if (floating) {
        const char *n = strchr(h + 3, ':');
        day = n ? nth_weekday(year, mon, atoi(h + 3), atoi(n + 1)) : 0;
        if (day < 1 || day > tx_mdays(year, mon))
            return 0;
    } else if (!strncmp(h, "easter", 6)) {
        tx_easter(year, &mon, &day);
        int y = year;
        tx_add_days(&y, &mon, &day, atoi(h + 6));
    } else if (!strcmp(h, "thanksgiving")) {
        mon = 11;                           /* fourth Thursday of November */
        day = 1 + (4 - tx_weekday(year, 11, 1) + 7) % 7 + 21;
    } else if (!strcmp(h, "election")) {
        mon = 11;                           /* the Tuesday after the first Monday */
        day = 2 + (2 - tx_weekday(year, 11, 2) + 7) % 7;
    } else if (!fixed) {
        return 0;                           /* a computation this code lacks */
    }
    tx_ymd v = {year, mon, day};
    int g = m->a[2] ? G_WEEK : G_DAY;
    tx_fmt_date(m->value, sizeof m->value, v, g);
    tx_set_focus(m, v, g, m->a[1] ? TX_STATED : 0);
    return 1;
}

/* "the weekend": the one just past (the one it is on a Saturday or a
 * Sunday), or with a verb in the future the next one; its ISO week and
 * "-WE". */
static int fn_weekend(tx_match *m)
{
    tx_ymd a;
    int dist;
    if (!tx_deictic_anchor(m, G_DAY, &a)) {
        snprintf(m->value, sizeof m->value, "XXXX-WXX-WE");
        return 1;
    }
    int wd = tx_weekday(a.y, a.m, a.d);
    if (wd < 6 && tx_tense(m, &dist) <= 0)
        tx_add_days(&a.y, &a.m, &a.d, -7);
    tx_fmt_date(m->value, sizeof m->value, a, G_WEEK);
    size_t n = strlen(m->value);
    snprintf(m->value + n, sizeof m->value - n, "-WE");
    return 1;
}

/* range(MON, D1, D2, Y): "April 19-20", "March 3-5, 2022": two dates,
 * each end of the range its own, as the spec takes "2014-2015"; the
 * first is placed as a date alone would be, the second in its month. */
static int fn_range(tx_match *m)
{
    const char *d2 = m->a[2];
    size_t d2n = m->al[2];
    int last = tx_arg_ordinal(m, 2), first = tx_arg_ordinal(m, 1);
    size_t end1 = (size_t)(m->a[1] - m->text) + m->al[1];
    m->a[2] = m->a[1];                  /* as date(Y, MON, D1) */
    m->al[2] = m->al[1];
    m->a[1] = m->a[0];
    m->al[1] = m->al[0];
    m->a[0] = m->a[3];
    m->al[0] = m->al[3];
    if (!fn_date(m) || last <= first || last > tx_mdays(2000, tx_arg_month(m, 1)))
        return 0;
    ann_strlcpy(m->value2, m->value, sizeof m->value2);
    size_t n = strlen(m->value2);
    if (n < 10 || last > tx_mdays(atoi(m->value2) ? atoi(m->value2) : 2000, tx_arg_month(m, 1)))
        return 0;
    m->value2[8] = (char)('0' + last / 10);
    m->value2[9] = (char)('0' + last % 10);
    m->de = end1;
    m->s2 = (size_t)(d2 - m->text);
    m->e2 = m->me;                      /* the year, if any, with the end */
    (void)d2n;
    return 1;
}

/* weekof(MON, D, Y): "the week of March 6": the ISO week of that day. */
static int fn_weekof(tx_match *m)
{
    int mon = tx_arg_month(m, 0), day = tx_arg_ordinal(m, 1), y = tx_arg_int(m, 2, 0);
    if (!mon || day < 1 || day > tx_mdays(y ? y : 2000, mon))
        return 0;
    if (!y && !tx_nearest_year(m, mon, day, &y)) {
        snprintf(m->value, sizeof m->value, "XXXX-WXX");
        return 1;
    }
    tx_ymd v = {y, mon, day};
    tx_fmt_date(m->value, sizeof m->value, v, G_WEEK);
    return 1;
}

/* "last April": the latest April before the DCT's month; "next April"
 * the first after it; "this April" the DCT's year; "that April" the
 * focus's year. */
static int fn_month_rel(tx_match *m)
{
    int mon = tx_arg_month(m, 1), off = tx_rel_offset(m, 0);
    tx_ymd a;
    int that = tx_arg_is(m, 0, "that");
    if (!mon)
        return 0;
    if (!(that ? tx_focus_anchor(m, G_YEAR, &a) : tx_deictic_anchor(m, G_MONTH, &a))) {
        snprintf(m->value, sizeof m->value, "XXXX-%02d", mon);
        return 1;
    }
    tx_ymd v = {a.y, mon, 1};
    if (!that && off < 0 && mon >= a.m)
        v.y--;
    else if (!that && off > 0 && mon <= a.m)
        v.y++;
    tx_fmt_date(m->value, sizeof m->value, v, G_MONTH);
    tx_set_focus(m, v, G_MONTH, 0);
    return 1;
}

/* A month name alone is a date only after a word that makes it one
 * ("in March", "until February", "October and November"), or between a
 * determiner and a noun ("the October slaying", "a June agreement"). */
static int fn_month_alone(tx_match *m)
{
    char w[32];
    tx_prev_word(m, m->ms, w, sizeof w);
    int label = m->me + 1 < m->we && m->text[m->me] == ' ' &&
                islower((unsigned char)m->text[m->me + 1]) && tx_in_table(m, "label_det", w);
    if (!label && !tx_in_table(m, "month_alone_prev", w))
        return 0;
    if (tx_arg_month(m, 0) == 5 && (label || !strcmp(w, "and") || !strcmp(w, "or") ||
                                 !strcmp(w, "to") || !strcmp(w, "for")))
        return 0;                               /* Theresa May, the May government */
    m->a[1] = m->a[0];
    m->al[1] = m->al[0];
    m->a[0] = m->a[2] = NULL;
    return fn_date(m);
}

static const char *season_code(const tx_match *m, int i, int *mid)
{
    const char *s = m->a[i] ? tx_lookup(m->st->r, "season", m->a[i], m->al[i]) : NULL;
    if (s)
        *mid = !strcmp(s, "SP") ? 4 : !strcmp(s, "SU") ? 7 : !strcmp(s, "FA") ? 10 : 1;
    return s;
}

/* season(S, Y): the year given, else the focus's. */
static int fn_season(tx_match *m)
{
    int mid;
    const char *s = season_code(m, 0, &mid);
    tx_ymd a;
    if (!s)
        return 0;
    if (!m->a[1]) {
        if (tx_in_name(m))                   /* "Arab Spring" */
            return 0;
    }
    int y = m->a[1] ? atoi(m->a[1]) : 0;
    tx_count_year(m->st, y);
    if (!y) {
        if (!tx_focus_anchor(m, G_YEAR, &a)) {
            snprintf(m->value, sizeof m->value, "XXXX-%s", s);
            return 1;
        }
        y = a.y;
    }
    snprintf(m->value, sizeof m->value, "%04d-%s", y, s);
    tx_ymd v = {y, mid, 1};
    tx_set_focus(m, v, G_MONTH, TX_SEASON | (m->a[1] ? TX_STATED : 0));
    return 1;
}

/* "last summer": the latest summer over before the DCT; with a third
 * argument "focus" ("the following spring") the season after or before
 * the date in focus (after a year, the next year's). */
static int fn_season_rel(tx_match *m)
{
    int mid, off = tx_rel_offset(m, 0);
    const char *s = season_code(m, 1, &mid);
    tx_ymd a;
    if (!s)
        return 0;
    int focus = tx_arg_is(m, 2, "focus");
    int that = focus || tx_arg_is(m, 0, "that");
    if (!(that ? tx_focus_anchor(m, G_YEAR, &a) : tx_deictic_anchor(m, G_MONTH, &a))) {
        snprintf(m->value, sizeof m->value, "XXXX-%s", s);
        return 1;
    }
    int y = a.y;
    if (focus && m->st->focus_gran < G_MONTH)
        y += off;                     /* "in 1997 ... the following spring" */
    else if (focus)
        y += off < 0 ? -(a.m <= mid + 1) : a.m >= mid - 1;
    if (!that && off < 0 && a.m <= mid + 1)
        y--;
    else if (!that && off > 0 && a.m >= mid - 1)
        y++;
    snprintf(m->value, sizeof m->value, "%04d-%s", y, s);
    tx_ymd v = {y, mid, 1};
    tx_set_focus(m, v, G_MONTH, TX_SEASON);
    return 1;
}

/* A part of a year (argument i) by its number or word in table tab:
 * "3", "third", "last" (a quarter), "second" (a half). */
static int arg_part(const tx_match *m, int i, const char *tab)
{
    if (!m->a[i])
        return 0;
    if (isdigit((unsigned char)m->a[i][0]))
        return atoi(m->a[i]);
    const char *v = tx_lookup(m->st->r, tab, m->a[i], m->al[i]);
    return v ? atoi(v) : 0;
}

/* Is the part of the DCT's year y that begins in month mon still ahead
 * of the DCT, where the sentence tells of the past ("reported a loss for
 * the fourth quarter", written in January) or, saying nothing of the
 * future, the part begins half a year or more after the DCT?  Then it is
 * last year's. */
static int part_ahead(tx_match *m, int y, int mon)
{
    const ann_dates *st = m->st;
    if (st->dct_gran < G_MONTH || y != st->dct.y || mon <= st->dct.m)
        return 0;
    int dist, tense = tx_tense(m, &dist);
    return tense < 0 || (!tense && mon - st->dct.m >= 6 && !tx_future_cue(m));
}

/* Part k (of n in the year, at granularity g) of year Y, else of the
 * year in focus moved by OFF years; the new focus. */
static int part_of_year(tx_match *m, int k, int n, int g)
{
    int y = m->a[1] ? atoi(m->a[1]) : 0;
    if (k < 1 || k > n)
        return 0;
    if (!y) {
        if (!tx_anchor_year(m, &y)) {
            snprintf(m->value, sizeof m->value, "XXXX-%c%d", g == G_QUARTER ? 'Q' : 'H', k);
            return 1;
        }
        int off = m->a[2] && !isdigit((unsigned char)m->a[2][m->a[2][0] == '-'])
                      ? tx_rel_offset(m, 2) : tx_arg_int(m, 2, 0);   /* -1, "last" */
        y += off;
        if (!off && part_ahead(m, y, (k - 1) * (12 / n) + 1))
            y--;
    }
    tx_ymd v = {y, (k - 1) * (12 / n) + 1, 1};
    tx_fmt_date(m->value, sizeof m->value, v, g);
    tx_set_focus(m, v, g, m->a[1] ? TX_STATED : 0);
    return 1;
}

/* quarter(Q, Y, OFF): "third-quarter profit", "the year-earlier third
 * quarter" (OFF -1). */
static int fn_quarter(tx_match *m)
{
    return part_of_year(m, arg_part(m, 0, "quarter"), 4, G_QUARTER);
}

/* half(H, Y, OFF): "the second half" */
static int fn_half(tx_match *m)
{
    return part_of_year(m, arg_part(m, 0, "half"), 2, G_HALF);
}

/* Whether the text named a period of the kind unit names: a quarter, a
 * half, or ("period") either or a month. */
static int period_in_focus(const tx_match *m, const char *unit)
{
    int g = m->st->period_gran;
    if (!strcmp(unit, "quarter"))
        return g == G_QUARTER;
    if (!strcmp(unit, "half"))
        return g == G_HALF;
    return g == G_QUARTER || g == G_HALF || g == G_MONTH;
}

/* The first day of the DCT's quarter. */
static tx_ymd dct_quarter(const ann_dates *st)
{
    tx_ymd v = st->dct;
    v.m = (v.m - 1) / 3 * 3 + 1;
    v.d = 1;
    return v;
}

/* "the latest quarter": the quarter in focus where it is over by the
 * DCT (a story about past results), else the last quarter before the
 * DCT's. */
static int latest_quarter(const tx_match *m, const char *unit, tx_ymd *v)
{
    const ann_dates *st = m->st;
    if (strcmp(unit, "quarter") && strcmp(unit, "period"))
        return 0;
    if (st->dct_gran < G_MONTH)
        return 0;
    tx_ymd cur = dct_quarter(st);
    if (st->period_gran == G_QUARTER &&
        tx_days(st->period.y, st->period.m, 1) < tx_days(cur.y, cur.m, 1)) {
        *v = st->period;
        return 1;
    }
    *v = cur;
    tx_add_months(&v->y, &v->m, &v->d, -3);
    return 1;
}

/* period(U, OFF, Y, ELSE): the quarter, half or period (U) in focus, in
 * year Y or OFF years away: "the quarter", "the year-earlier quarter"
 * (OFF -1), "the 1988 period".  ELSE "the current" is the DCT's quarter
 * ("the current quarter has begun well"), "this" the quarter in focus
 * ("this quarter's loss"), else the DCT's; with none in focus, "year" the
 * year ("year-earlier
 * results"), "-" no date; "latest" is the latest quarter over by the DCT
 * ("the latest quarter", "the latest period"). */
static int fn_period(tx_match *m)
{
    char u[16];
    const ann_dates *st = m->st;
    int off = tx_arg_int(m, 1, 0), y = tx_arg_int(m, 2, 0);
    tx_normkey(u, sizeof u, m->a[0] ? m->a[0] : "", m->a[0] ? m->al[0] : 0);
    tx_ymd v;
    int g;
    if (tx_arg_is(m, 3, "latest") && latest_quarter(m, u, &v)) {
        g = G_QUARTER;
        tx_fmt_date(m->value, sizeof m->value, v, g);
        tx_set_focus(m, v, g, 0);
        return 1;
    }
    int dct_q = st->dct_gran >= G_MONTH && !strcmp(u, "quarter");
    int cur = dct_q && tx_arg_is(m, 3, "the current");
    if (!cur && period_in_focus(m, u)) {
        v = st->period;
        g = st->period_gran;
    } else if (cur || (dct_q && tx_arg_is(m, 3, "this"))) {
        v = dct_quarter(st);
        g = G_QUARTER;
    } else if (tx_arg_is(m, 3, "year") && (y || tx_anchor_year(m, &v.y))) {
        v.m = v.d = 1;
        g = G_YEAR;
    } else {
        return 0;
    }
    v.y = y ? y : v.y + off;
    tx_fmt_date(m->value, sizeof m->value, v, g);
    return 1;
}

/* qrel(R, FROM): "last quarter", "next quarter": the DCT's quarter
 * moved by R; with FROM "focus" ("the previous quarter") the quarter in
 * focus where there is one.  No date where neither is known. */
static int fn_qrel(tx_match *m)
{
    const ann_dates *st = m->st;
    tx_ymd v;
    if (tx_arg_is(m, 1, "focus") && st->period_gran == G_QUARTER)
        v = st->period;
    else if (st->dct_gran >= G_MONTH)
        v = dct_quarter(st);
    else
        return 0;
    tx_add_months(&v.y, &v.m, &v.d, 3 * tx_rel_offset(m, 0));
    tx_fmt_date(m->value, sizeof m->value, v, G_QUARTER);
    tx_set_focus(m, v, G_QUARTER, 0);
    return 1;
}

/* qend(MON, DAY): "the quarter ended Sept. 30": where no quarter is in
 * focus, the calendar quarter that ends in the last days of MON, in the
 * year nearest the reference time; the new period in focus.  A quarter
 * in focus is the one meant (a fiscal quarter: "the fiscal first
 * quarter ... the quarter ended Sept. 30"), and a quarter ending another
 * month is a fiscal one: both left to the rules after. */
static int fn_qend(tx_match *m)
{
    int mon = tx_arg_month(m, 0), day = tx_arg_ordinal(m, 1), y;
    if (m->st->period_gran == G_QUARTER || mon % 3 || day < 24 || day > 31 ||
        !tx_nearest_year(m, mon, day, &y))
        return 0;
    tx_ymd v = {y, mon - 2, 1};
    tx_fmt_date(m->value, sizeof m->value, v, G_QUARTER);
    tx_set_focus(m, v, G_QUARTER, 0);
    return 1;
}

/* mday(D): "on the 15th": day D of the month in focus, else of the
 * DCT's; no date where neither names a month, or the month has no D. */
static int fn_mday(tx_match *m)
{
    tx_ymd a;
    int day = tx_arg_ordinal(m, 0);
    if (!tx_focus_anchor(m, G_MONTH, &a) || day < 1 || day > tx_mdays(a.y, a.m))
        return 0;
    a.d = day;
    tx_fmt_date(m->value, sizeof m->value, a, G_DAY);
    tx_set_focus(m, a, G_DAY, 0);
    return 1;
}

/* "1990s", "'90s", "the 90s" -> 199 */
static int fn_decade(tx_match *m)
{
    int d = tx_arg_int(m, 0, 0);
    if (d < 100)
        d += d >= 20 ? 1900 : 2000;
    snprintf(m->value, sizeof m->value, "%03d", d / 10);
    return 1;
}

/* "the 20th century" -> 19 */
static int fn_century(tx_match *m)
{
    int c = tx_arg_ordinal(m, 0);
    if (c < 1 || c > 30)
        return 0;
    snprintf(m->value, sizeof m->value, "%02d", c - 1);
    return 1;
}

/* A bare four-digit number is a year unless its neighbours make it a
 * count or a label ("Resolution 2202", "2000 troops", "than 1900"). */
/* "post-1959", "pre-1914": the word before the hyphen at h is one of
 * the year_prefix table. */
static int year_prefixed(const tx_match *m, size_t h)
{
    char w[8];
    size_t b = h;
    while (b > m->ws && isalpha((unsigned char)m->text[b - 1]) && h - b < sizeof w - 1)
        b--;
    if (m->text[h] != '-' || h - b >= sizeof w - 1 || b == h)
        return 0;
    return tx_normkey(w, sizeof w, m->text + b, h - b) && tx_in_table(m, "year_prefix", w);
}

/* "his 1987 Chevrolet", "the driver's 1995 Ford": a year between an
 * owner (pw, a word of model_year_det or a possessive) and a make of
 * vehicle (nw) is the model's year, not a date. */
static int model_year(const tx_match *m, const char *pw, const char *nw)
{
    size_t n = strlen(pw);
    return tx_in_table(m, "vehicle_make", nw) &&
           (tx_in_table(m, "model_year_det", pw) || (n > 2 && !strcmp(pw + n - 2, "'s")));
}

static int fn_year(tx_match *m)
{
    char pw[32], nw[32];
    int y = tx_arg_int(m, 0, 0);
    size_t s = m->ms;
    tx_prev_word(m, s, pw, sizeof pw);
    tx_next_word(m, m->me, nw, sizeof nw);
    if (tx_in_table(m, "year_block_prev", pw) || tx_in_table(m, "year_block_next", nw) ||
        model_year(m, pw, nw))
        return 0;
    if (s > m->ws && strchr("$#\xA3", m->text[s - 1]))
        return 0;
    if (s > m->ws + 1 && (m->text[s - 1] == '-' || m->text[s - 1] == '/') &&
        isalpha((unsigned char)m->text[s - 2]) && !year_prefixed(m, s - 1))
        return 0;                                  /* Su-2024, A/1990 */
    if (y < 1900 && !tx_in_table(m, "month_alone_prev", pw))
        return 0;
    tx_ymd v = {y, 1, 1};
    tx_count_year(m->st, y);
    tx_fmt_date(m->value, sizeof m->value, v, G_YEAR);
    tx_set_focus(m, v, G_YEAR, TX_STATED);
    return 1;
}

/* yrange(Y, YY): "1990-91", "1939-45": a range of years written with the
 * second's last two digits; two spans, "1990" and "91" (1991), as the
 * spec writes "2014-2015".  The first must pass as a year (fn_year). */
static int fn_yrange(tx_match *m)
{
    int y = tx_arg_int(m, 0, 0), y2 = y / 100 * 100 + tx_arg_int(m, 1, -1);
    const char *yy = m->a[1];
    if (y2 <= y)
        y2 += 100;                                  /* "1999-00" */
    if (!yy || y2 - y > 30)
        return 0;
    size_t end1 = (size_t)(m->a[0] - m->text) + m->al[0];
    if (!fn_year(m))
        return 0;
    snprintf(m->value2, sizeof m->value2, "%04d", y2);
    m->de = end1;
    m->s2 = (size_t)(yy - m->text);
    m->e2 = m->me;
    return 1;
}

/* The unit named by argument 1 ("week", "weekend", ...) of the anchor
 * moved by R (argument 0): from the DCT for rel(), from the date in focus
 * for frel().  The weekend is its week with "-WE". */
static int moved_unit(tx_match *m, int from_focus)
{
    int off = tx_rel_offset(m, 0);
    char u[12];
    tx_ymd a;
    tx_normkey(u, sizeof u, m->a[1], m->al[1]);
    int weekend = !strcmp(u, "weekend");
    const char *code = weekend ? "WE" : tx_arg_unit(m, 1);
    if (!code || (m->a[0] && isupper((unsigned char)m->a[0][0]) &&
                  isupper((unsigned char)m->a[1][0]) && !tx_sentence_initial(m, m->ms)))
        return 0;                           /* a title: "This Week With David Brinkley" */
    int g = tx_unit_gran(code);
    int known = from_focus ? tx_focus_anchor(m, g, &a)
                           : tx_deictic_anchor(m, g == G_WEEK ? G_DAY : g, &a);
    if (!known) {
        tx_fmt_unknown(m->value, sizeof m->value, g);
        if (weekend && !from_focus)
            snprintf(m->value, sizeof m->value, "XXXX-WXX-WE");
        return 1;
    }
    tx_shift(&a, code, off);
    tx_fmt_date(m->value, sizeof m->value, a, g);
    /* "last year", "the next day" is the date in focus after it: "down
     * from $450 million the year before" counts from "last year" */
    if (!weekend && (g == G_YEAR || g == G_MONTH || g == G_DAY))
        tx_set_focus(m, a, g, 0);
    if (weekend) {
        size_t n = strlen(m->value);
        snprintf(m->value + n, sizeof m->value - n, "-WE");
    }
    return 1;
}

static int after_quantity(const tx_match *m);

/* "$3 million last year", "last year's $1.55 billion": in a story about
 * a quarter or a half, an amount a year before is that of the period a
 * year earlier, as "a year earlier" is. */
static int amount_last_year(tx_match *m)
{
    int g = m->st->period_gran;
    if ((g != G_QUARTER && g != G_HALF) || tx_rel_offset(m, 0) != -1 ||
        !tx_arg_is(m, 1, "year"))
        return 0;
    size_t p = m->me;
    if (p + 3 < m->we && m->text[p] == '\'' && m->text[p + 1] == 's')
        p += 2;
    while (p < m->we && m->text[p] == ' ')
        p++;
    if (!after_quantity(m) && !(p < m->we && m->text[p] == '$'))
        return 0;
    tx_ymd v = m->st->period;
    v.y--;
    tx_fmt_date(m->value, sizeof m->value, v, g);
    return 1;
}

/* rel(R, U): "last week", "this year", "next month", counted from the DCT. */
static int fn_rel(tx_match *m)
{
    return amount_last_year(m) || moved_unit(m, 0);
}

/* fcur(U): the unit of the date in focus: "the start of the year" is the
 * focus's year, "the first day" its day. */
static int fn_fcur(tx_match *m)
{
    const char *code = tx_arg_unit(m, 0);
    tx_ymd a = {0, 1, 1};
    if (!code)
        return 0;
    int g = tx_unit_gran(code);
    /* the year: the story's, not one it looks ahead to ("the full year") */
    int known = g == G_YEAR ? tx_anchor_year(m, &a.y) : tx_focus_anchor(m, g, &a);
    if (!known)
        tx_fmt_unknown(m->value, sizeof m->value, g);
    else
        tx_fmt_date(m->value, sizeof m->value, a, g);
    return 1;
}

/* The date of a weekday: before (or on) the anchor for past-tense news,
 * after it with a future cue or "next" (rel 1), on or after it after a
 * deferral's "until" (rel 3).  The anchor is the DCT, in
 * reported speech the speech's day, and for "the previous Friday", "the
 * following Monday" the day in focus. */
static int weekday_date(tx_match *m, int wd, int rel, tx_ymd *out)
{
    tx_ymd a;
    int known = m->a[1] && (tx_arg_is(m, 1, "previous") || tx_arg_is(m, 1, "preceding") ||
                            tx_arg_is(m, 1, "following"))
        ? tx_focus_anchor(m, G_DAY, &a)
        : tx_in_quote(m) ? tx_day_anchor(m, &a) : tx_deictic_anchor(m, G_DAY, &a);
    if (!known)
        return 0;
    int cur = tx_weekday(a.y, a.m, a.d);
    long delta;
    if (rel == 2) {                          /* this: the anchor's ISO week */
        delta = wd - cur;
    } else if (rel > 0) {
        delta = (wd - cur + 7) % 7;
        if (delta == 0 && rel != 3)          /* 3: until, that day counts */
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

/* A weekday with 's names an event by its day ("Wednesday's ruling"):
 * news names so the days that have been, whatever the clause's tense. */
static int possessive(const tx_match *m)
{
    const char *p = m->text + m->me;
    return m->me + 2 <= m->we && ((p[0] == '\'' && p[1] == 's') ||
                                  (m->me + 4 <= m->we && !memcmp(p, "\xE2\x80\x99s", 4)));
}

static int weekday_rel(tx_match *m, int i)
{
    int dist;
    if (!m->a[i])
        return tx_until_ahead(m) || tx_copula_ahead(m) ? 3
                                                       : !possessive(m) && tx_tense(m, &dist) > 0;
    if (tx_arg_is(m, i, "this"))
        return 2;
    if (tx_arg_is(m, i, "that"))
        return 0;
    return tx_rel_offset(m, i);
}

/* "Black Friday", "the Sunday Times": a weekday inside a name. */
static int weekday_blocked(tx_match *m)
{
    char w[32];
    if (tx_prev_word(m, m->ms, w, sizeof w) && tx_in_table(m, "weekday_block", w))
        return 1;
    size_t p = m->me;
    while (p < m->we && m->text[p] == ' ')
        p++;
    return !strcmp(w, "the") && p < m->we && p > m->me &&
           isupper((unsigned char)m->text[p]);
}

/* weekday(W, R, D): W's date, R its relative word; D "before" or
 * "after" takes the day before or after it ("the day before last
 * Tuesday's hearing") */
static int fn_weekday(tx_match *m)
{
    const char *w = tx_lookup(m->st->r, "weekday", m->a[0], m->al[0]);
    tx_ymd v;
    if (!w || (!m->a[1] && !m->a[2] && weekday_blocked(m)))
        return 0;
    if (!weekday_date(m, atoi(w), weekday_rel(m, 1), &v)) {
        snprintf(m->value, sizeof m->value, "XXXX-WXX-%d", atoi(w));
        return !m->a[2];
    }
    tx_add_days(&v.y, &v.m, &v.d, tx_rel_offset(m, 2));
    tx_fmt_date(m->value, sizeof m->value, v, G_DAY);
    tx_set_focus(m, v, G_DAY, 0);
    return 1;
}

static const char *pod_code(const tx_match *m, int i)
{
    if (m->a[i] && m->al[i] <= 3 && isupper((unsigned char)m->a[i][0]))
        return m->a[i];                        /* a literal code: NI */
    return m->a[i] ? tx_lookup(m->st->r, "part_of_day", m->a[i], m->al[i]) : NULL;
}

/* wdpod(W, P, R): "Saturday evening" -> 2022-03-19TEV */
static int fn_wdpod(tx_match *m)
{
    const char *pod = pod_code(m, 1);
    const char *a1 = m->a[1];
    size_t l1 = m->al[1];
    if (!pod)
        return 0;
    m->a[1] = m->a[2];
    m->al[1] = m->al[2];
    m->a[2] = NULL;
    int ok = fn_weekday(m);
    m->a[2] = m->a[1];
    m->al[2] = m->al[1];
    m->a[1] = a1;
    m->al[1] = l1;
    if (!ok)
        return 0;
    size_t n = strlen(m->value);
    snprintf(m->value + n, sizeof m->value - n, "T%s", pod);
    return 1;
}

/* deictic(W, P): yesterday, today, tomorrow (W may be an offset), with an
 * optional part of the day. */
static int fn_deictic(tx_match *m)
{
    int off;
    tx_ymd a;
    if (m->a[0] && (isdigit((unsigned char)m->a[0][0]) || m->a[0][0] == '-')) {
        off = atoi(m->a[0]);
    } else {
        const char *v = tx_lookup(m->st->r, "deictic", m->a[0], m->al[0]);
        if (!v)
            return 0;
        off = atoi(v);
        if (tx_in_name(m))                          /* USA Today */
            return 0;
    }
    const char *pod = pod_code(m, 1);
    if (!tx_day_anchor(m, &a)) {
        if (off == 0 && !pod)
            snprintf(m->value, sizeof m->value, "PRESENT_REF");
        else
            snprintf(m->value, sizeof m->value, "XXXX-XX-XX%s%s",
                     pod ? "T" : "", pod ? pod : "");
        return 1;
    }
    tx_add_days(&a.y, &a.m, &a.d, off);
    tx_fmt_date(m->value, sizeof m->value, a, G_DAY);
    if (pod) {
        size_t n = strlen(m->value);
        snprintf(m->value + n, sizeof m->value - n, "T%s", pod);
    }
    return 1;
}

/* fpod(R, P): "the next morning", "that evening" */
static int fn_fpod(tx_match *m)
{
    const char *pod = pod_code(m, 1);
    tx_ymd a;
    if (!pod)
        return 0;
    if (!tx_focus_anchor(m, G_DAY, &a)) {
        snprintf(m->value, sizeof m->value, "XXXX-XX-XXT%s", pod);
        return 1;
    }
    tx_add_days(&a.y, &a.m, &a.d, tx_rel_offset(m, 0));
    tx_fmt_date(m->value, sizeof m->value, a, G_DAY);
    size_t n = strlen(m->value);
    snprintf(m->value + n, sizeof m->value - n, "T%s", pod);
    return 1;
}

/* A clock time belongs to the day just mentioned ("On March 3, at 9:15
 * pm"), else to the day deictic expressions count from. */
static void fmt_clock(tx_match *m, int h, int min)
{
    tx_ymd a;
    const ann_dates *st = m->st;
    if (st->has_day && st->day_pos >= m->ws && st->day_pos > 0 &&
        m->ms - st->day_pos <= CLOCK_REACH)
        tx_fmt_date(m->value, sizeof m->value, st->day, G_DAY);
    else if (tx_day_anchor(m, &a))
        tx_fmt_date(m->value, sizeof m->value, a, G_DAY);
    else
        snprintf(m->value, sizeof m->value, "XXXX-XX-XX");
    size_t n = strlen(m->value);
    snprintf(m->value + n, sizeof m->value - n, "T%02d:%02d", h, min);
}

/* Argument i read as a number of its own bytes only: "0800" is two
 * arguments, "08" and "00", with no separator for atoi to stop at (nine
 * digits at most: no int overflows). */
static int arg_digits(const tx_match *m, int i, int dflt)
{
    if (!m->a[i])
        return dflt;
    int v = 0;
    for (size_t k = 0; k < m->al[i] && k < 9 && isdigit((unsigned char)m->a[i][k]); k++)
        v = v * 10 + (m->a[i][k] - '0');
    return v;
}

/* The time of day of arguments i (the hour, or "noon", "midnight"), i+1
 * (the minutes) and i+2 (a.m. or p.m.); 0 when it is none. */
static int clock_args(const tx_match *m, int i, int *h, int *min)
{
    if (m->a[i] && !isdigit((unsigned char)m->a[i][0])) {
        *h = tx_arg_is(m, i, "midnight") ? 24 : 12;
        *min = 0;
        return 1;
    }
    *h = arg_digits(m, i, -1);
    *min = arg_digits(m, i + 1, 0);
    if (m->a[i + 2]) {
        int pm = tolower((unsigned char)m->a[i + 2][0]) == 'p';
        if (*h < 1 || *h > 12)
            return 0;
        if (pm && *h < 12)
            *h += 12;
        else if (!pm && *h == 12)
            *h = 0;
    }
    return *h >= 0 && *h <= 24 && *min <= 59;
}

/* time(H, M, AMPM): "10:30 a.m.", "noon" */
static int fn_time(tx_match *m)
{
    int h, min;
    if (!clock_args(m, 0, &h, &min) || tx_in_name(m))
        return 0;                                   /* "High Noon" */
    fmt_clock(m, h, min);
    return 1;
}

/* The day named by arguments i (a weekday or "yesterday", "today",
 * "tomorrow"), or i+1 and i+2 (a month and a day); 0 when unknown. */
static int day_args(tx_match *m, int i, tx_ymd *v)
{
    const char *w;
    int dist;
    if (m->a[i] && (w = tx_lookup(m->st->r, "weekday", m->a[i], m->al[i])) != NULL)
        return weekday_date(m, atoi(w), tx_until_ahead(m) ? 3 : tx_tense(m, &dist) > 0, v);
    if (m->a[i] && (w = tx_lookup(m->st->r, "deictic", m->a[i], m->al[i])) != NULL) {
        if (!tx_day_anchor(m, v))
            return 0;
        tx_add_days(&v->y, &v->m, &v->d, atoi(w));
        return 1;
    }
    int mon = tx_arg_month(m, i + 1), day = tx_arg_ordinal(m, i + 2);
    if (!mon || day < 1 || day > tx_mdays(2000, mon) || !tx_nearest_year(m, mon, day, &v->y))
        return 0;
    v->m = mon;
    v->d = day;
    return day <= tx_mdays(v->y, mon);
}

/* clockday(H, M, AMPM, DAY, MON, D): "10 p.m. Wednesday", "noon
 * Thursday", "5 p.m. EST Nov. 9": the time of day on the day after it. */
static int fn_clockday(tx_match *m)
{
    int h, min;
    tx_ymd v;
    if (!clock_args(m, 0, &h, &min))
        return 0;
    if (!day_args(m, 3, &v)) {
        snprintf(m->value, sizeof m->value, "XXXX-XX-XXT%02d:%02d", h, min);
        return 1;
    }
    tx_fmt_date(m->value, sizeof m->value, v, G_DAY);
    size_t n = strlen(m->value);
    snprintf(m->value + n, sizeof m->value - n, "T%02d:%02d", h, min);
    tx_set_focus(m, v, G_DAY, 0);
    return 1;
}

/* "a year earlier" in a story about a quarter, a half or a month (the
 * period the text stated last) is that period n years away ("1988-Q3"),
 * as TimeBank's business news has it: 1 when written so. */
static int period_years(tx_match *m, const char *u, long n)
{
    const ann_dates *st = m->st;
    if (strcmp(u, "Y") || n * n != 1 || !period_in_focus(m, "period"))
        return 0;
    tx_ymd v = st->period;
    v.y += (int)n;
    tx_fmt_date(m->value, sizeof m->value, v, st->period_gran);
    return 1;
}

/* The DCT shifted by sign * N units, at the unit's granularity ("two weeks
 * ago", "two weeks from now"); a vague or fractional count, or a time
 * unit, the past or the future reference. */
static int from_dct(tx_match *m, int sign)
{
    double n = 0;
    int known = tx_arg_num(m, 0, &n) == 1;
    const char *u = tx_arg_unit(m, 1);
    tx_ymd a;
    if (!u)
        return 0;
    int g = tx_unit_gran(u);
    if (!known || tx_is_time_unit(u) || n != (double)(long)n) {
        snprintf(m->value, sizeof m->value, sign < 0 ? "PAST_REF" : "FUTURE_REF");
        return 1;
    }
    if (period_years(m, u, sign * (long)n))
        return 1;
    if (!tx_deictic_anchor(m, g == G_WEEK ? G_DAY : g, &a)) {
        tx_fmt_unknown(m->value, sizeof m->value, g);
        return 1;
    }
    tx_shift(&a, u, sign * (long)n);
    tx_fmt_date(m->value, sizeof m->value, a, g);
    return 1;
}

/* ago(N, U): the DCT minus N units. */
static int fn_ago(tx_match *m)
{
    return from_dct(m, -1);
}

/* hence(N, U): the DCT plus N units ("a year from now"). */
static int fn_hence(tx_match *m)
{
    return from_dct(m, 1);
}

/* later(N, U, later|earlier|after|before): counted from the focus. */
static int fn_later(tx_match *m)
{
    double n = 0;
    int known = tx_arg_num(m, 0, &n) == 1;
    const char *u = tx_arg_unit(m, 1);
    int sign = tx_rel_offset(m, 2) < 0 ? -1 : 1;
    tx_ymd a;
    if (!u)
        return 0;
    int g = tx_unit_gran(u);
    if (!known || tx_is_time_unit(u) || n != (double)(long)n) {
        snprintf(m->value, sizeof m->value, sign < 0 ? "PAST_REF" : "FUTURE_REF");
        if (tx_is_time_unit(u) && tx_focus_anchor(m, G_DAY, &a))
            tx_fmt_date(m->value, sizeof m->value, a, G_DAY);
        return 1;
    }
    if (period_years(m, u, sign * (long)n))
        return 1;
    if (!tx_focus_anchor(m, g, &a)) {
        tx_fmt_unknown(m->value, sizeof m->value, g);
        return 1;
    }
    tx_shift(&a, u, sign * (long)n);
    tx_fmt_date(m->value, sizeof m->value, a, g);
    if (g == G_DAY || g == G_MONTH || g == G_YEAR)  /* a narrative step: the new focus */
        tx_set_focus(m, a, g, 0);
    return 1;
}

/* Is the word before the match a number, money or "times" ("$5bn a year",
 * "three times a day")?  Then "a year" is a frequency. */
static int after_quantity(const tx_match *m)
{
    char w[32];
    if (!tx_prev_word(m, m->ms, w, sizeof w))
        return 0;
    return isdigit((unsigned char)w[0]) || w[0] == '$' ||
           !strcmp(w, "times") || !strcmp(w, "once") || !strcmp(w, "twice") ||
           !strcmp(w, "percent") || !strcmp(w, "billion") || !strcmp(w, "million");
}

/* A count at s and a capitalized unit (argument u) right after an
 * opening quotation mark (``"60 Minutes"'', ``"48 Hours"''): a title, not
 * a duration; in running text a unit is lower case. */
static int quoted_title(const tx_match *m, int u, size_t s)
{
    if (!m->a[u] || !isupper((unsigned char)m->a[u][0]) || s <= m->ws)
        return 0;
    return m->text[s - 1] == '"' || m->text[s - 1] == '\'' ||
           (s - m->ws >= 3 && !memcmp(m->text + s - 3, "\xE2\x80\x9C", 3));
}

/* The start of the number just before the match ("48" of "48 Hours"),
 * else 0 (a quotation opened by "Days passed" is no title). */
static size_t count_before(const tx_match *m)
{
    size_t e = m->ms;
    if (e > m->ws && m->text[e - 1] == ' ')
        e--;
    size_t b = e;
    while (b > m->ws && isdigit((unsigned char)m->text[b - 1]))
        b--;
    return b < e ? b : 0;
}

/* dur(N, U) */
static int fn_dur(tx_match *m)
{
    double n = 0;
    int k = tx_arg_num(m, 0, &n);
    const char *u = tx_arg_unit(m, 1);
    if (!u || k < 0 || quoted_title(m, 1, m->ms))
        return 0;
    if (k == 1 && n == 1 && m->a[0] && tolower((unsigned char)m->a[0][0]) == 'a' &&
        m->al[0] <= 2 && after_quantity(m)) {
        strcpy(m->type, "SET");
        tx_fmt_dur(m->value, sizeof m->value, 1, 1, u);
        return 1;
    }
    tx_fmt_dur(m->value, sizeof m->value, k == 1, n, u);
    return 1;
}

/* ytd(N, U): "the first nine months", "the six months": a duration of
 * months that in business news is the year to date: the year, not a
 * quarter, is the period "a year earlier" then refers to. */
static int fn_ytd(tx_match *m)
{
    ann_dates *st = m->st;
    if (!fn_dur(m))
        return 0;
    if (st->period_gran == G_QUARTER || st->period_gran == G_HALF || st->period_gran == G_MONTH) {
        st->period.m = st->period.d = 1;
        st->period_gran = G_YEAR;
    }
    return 1;
}

/* dur2(N1, U1, N2, U2): "an hour and 45 minutes" -> PT1H45M */
static int fn_dur2(tx_match *m)
{
    double n1, n2;
    const char *u1 = tx_arg_unit(m, 1), *u2 = tx_arg_unit(m, 3);
    char a[24], b[24];
    if (!u1 || !u2 || tx_arg_num(m, 0, &n1) != 1 || tx_arg_num(m, 2, &n2) != 1 ||
        !strcmp(u1, "FN") || !strcmp(u2, "FN"))
        return 0;
    tx_fmt_num(a, sizeof a, n1);
    tx_fmt_num(b, sizeof b, n2);
    const char *c1 = !strcmp(u1, "MIN") ? "M" : u1, *c2 = !strcmp(u2, "MIN") ? "M" : u2;
    int t1 = tx_is_time_unit(u1), t2 = tx_is_time_unit(u2);
    if (t1 == t2)
        snprintf(m->value, sizeof m->value, "P%s%.10s%s%.10s%s", t1 ? "T" : "", a, c1, b, c2);
    else if (!t1)
        snprintf(m->value, sizeof m->value, "P%.10s%sT%.10s%s", a, c1, b, c2);
    else
        return 0;
    return 1;
}

/* durhalf(N, U): N and a half units; N = 0 for "half an hour". */
static int fn_durhalf(tx_match *m)
{
    double n = 0;
    const char *u = tx_arg_unit(m, 1);
    if (!u || tx_arg_num(m, 0, &n) != 1)
        return 0;
    char num[24];
    tx_fmt_num(num, sizeof num, n);
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
        tx_fmt_dur(m->value, sizeof m->value, 1, n + 0.5, u);
    if (!strcmp(m->value, "PT"))
        return 0;
    return 1;
}

/* frel(R, U): the day, week, month or year in focus moved by R. */
static int fn_frel(tx_match *m)
{
    return moved_unit(m, 1);
}

/* "one day": some day in the future after a modal ("could one day"),
 * a duration after "for"/"in", otherwise not a time expression. */
static int fn_oneday(tx_match *m)
{
    char w[32];
    tx_prev_word(m, m->ms, w, sizeof w);
    if (tx_in_table(m, "modal", w)) {
        strcpy(m->type, "DATE");
        strcpy(m->value, "FUTURE_REF");
        return 1;
    }
    if (tx_sentence_initial(m, m->ms))
        return 0;
    strcpy(m->type, "DURATION");
    strcpy(m->value, "P1D");
    return 1;
}

/* vague(U): "days" -> PXD */
static int fn_vague(tx_match *m)
{
    const char *u = tx_arg_unit(m, 0);
    size_t c = count_before(m);
    if (!u || !strcmp(u, "MIN") || !strcmp(u, "S") || (c && quoted_title(m, 0, c)))
        return 0;
    tx_fmt_dur(m->value, sizeof m->value, 0, 0, u);
    return 1;
}

/* setn(N, U): "every two weeks" -> P2W; "every morning" -> P1D */
static int fn_setn(tx_match *m)
{
    double n = 1;
    const char *u = tx_arg_unit(m, 1);
    if (!u) {
        u = "D";                      /* morning, evening, night */
        if (tx_arg_is(m, 1, "weekend"))
            u = "W";
    }
    if (tx_arg_num(m, 0, &n) != 1)
        return 0;
    tx_fmt_dur(m->value, sizeof m->value, 1, n, u);
    return 1;
}

/* set(WORD): daily, weekly ... but not "Daily" in a name ("the Daily
 * Mail", "Kyiv Daily Newsletter"). */
static int fn_set(tx_match *m)
{
    const char *v = tx_lookup(m->st->r, "set", m->a[0], m->al[0]);
    char w[32];
    if (!v)
        return 0;
    size_t p = m->me;
    while (p < m->we && m->text[p] == ' ')
        p++;
    int name_next = p > m->me && p < m->we && isupper((unsigned char)m->text[p]);
    if (isupper((unsigned char)m->text[m->ms]) && (!tx_sentence_initial(m, m->ms) || name_next))
        return 0;
    if (name_next && tx_next_word(m, m->me, w, sizeof w) && !tx_in_table(m, "weekday", w) &&
        !tx_in_table(m, "month", w))
        return 0;                   /* a paper: "the party daily Granma" */
    ann_strlcpy(m->value, v, sizeof m->value);
    return 1;
}

/* "at the time", "at that time": whatever the focus is. */
static int fn_ftime(tx_match *m)
{
    if (m->st->focus_gran == G_NONE || !m->st->focus_value[0])
        snprintf(m->value, sizeof m->value, "PAST_REF");
    else
        ann_strlcpy(m->value, m->st->focus_value, sizeof m->value);
    return 1;
}

/* The functions by the names rules.tsv calls them by. */
static const tx_norm norms[] = {
    {"date", fn_date},
    {"numdate", fn_numdate},
    {"holiday", fn_holiday},
    {"weekend", fn_weekend},
    {"weekof", fn_weekof},
    {"range", fn_range},
    {"month_rel", fn_month_rel},
    {"month_alone", fn_month_alone},
    {"season", fn_season},
    {"season_rel", fn_season_rel},
    {"quarter", fn_quarter},
    {"half", fn_half},
    {"period", fn_period},
    {"qend", fn_qend},
    {"qrel", fn_qrel},
    {"mday", fn_mday},
    {"yrange", fn_yrange},
    {"decade", fn_decade},
    {"century", fn_century},
    {"year", fn_year},
    {"rel", fn_rel},
    {"fcur", fn_fcur},
    {"weekday", fn_weekday},
    {"wdpod", fn_wdpod},
    {"deictic", fn_deictic},
    {"fpod", fn_fpod},
    {"time", fn_time},
    {"clockday", fn_clockday},
    {"ago", fn_ago},
    {"hence", fn_hence},
    {"later", fn_later},
    {"dur", fn_dur},
    {"ytd", fn_ytd},
    {"dur2", fn_dur2},
    {"durhalf", fn_durhalf},
    {"frel", fn_frel},
    {"oneday", fn_oneday},
    {"vague", fn_vague},
    {"setn", fn_setn},
    {"set", fn_set},
    {"ftime", fn_ftime},
};

const tx_norm *tx_norm_find(const char *name, size_t n)
{
    for (size_t i = 0; i < sizeof norms / sizeof *norms; i++)
        if (strlen(norms[i].name) == n && memcmp(norms[i].name, name, n) == 0)
            return &norms[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* value templates                                                     */

/* Append s[0..n) to the value being made (*len bytes); 0 when it
 * would not fit. */
static int put(char *v, size_t *len, const char *s, size_t n)
{
    if (*len + n >= TX_VALUE_MAX)
        return 0;
    memcpy(v + *len, s, n);
    *len += n;
    v[*len] = '\0';
    return 1;
}

/* The field of a date a template refers to: "XXXX" or "XX" when the
 * date is not known to it. */
static int put_ref(const tx_match *m, const tx_piece *p, char *v, size_t *len)
{
    const ann_dates *st = m->st;
    tx_ymd d = p->ref == TR_DCT ? st->dct : st->focus;
    int gran = p->ref == TR_DCT ? st->dct_gran : st->focus_gran;
    static const int need[] = {G_YEAR, G_MONTH, G_DAY};
    char buf[16];
    if (gran < need[p->field] || (p->field == TF_DAY && gran == G_WEEK))
        return put(v, len, "XXXX", p->field == TF_YEAR ? 4 : 2);
    int x = p->field == TF_YEAR ? d.y + p->add : p->field == TF_MONTH ? d.m : d.d;
    int k = snprintf(buf, sizeof buf, p->field == TF_YEAR ? "%04d" : "%02d", x);
    return put(v, len, buf, (size_t)k);
}

/* The value of rule ru's template for the match (its groups in ov): 0
 * when a group it names took no part or a word is not in its table. */
static int fill_template(tx_match *m, const tx_rule *ru, const PCRE2_SIZE *ov)
{
    size_t len = 0;
    for (size_t i = 0; i < ru->ntpl; i++) {
        const tx_piece *p = &ru->tpl[i];
        const char *s = NULL;
        size_t n = 0;
        if (p->kind == TP_GROUP || p->kind == TP_TABLE) {
            PCRE2_SIZE b = ov[2 * (1 + (uint32_t)p->group)];
            if (b == PCRE2_UNSET)
                return 0;
            s = m->text + b;
            n = ov[2 * (1 + (uint32_t)p->group) + 1] - b;
        }
        if (p->kind == TP_TABLE) {
            s = tx_lookup(m->st->r, p->text, s, n);
            if (!s)
                return 0;
            n = strlen(s);
        } else if (p->kind == TP_TEXT) {
            s = p->text;
            n = strlen(s);
        }
        if (!(p->kind == TP_REF ? put_ref(m, p, m->value, &len) : put(m->value, &len, s, n)))
            return 0;
    }
    return len > 0;
}

static int digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* The date a value names outright, and its granularity: "1989",
 * "1989-10", "1989-10-30", "1989-Q3", "1989-H2"; 0 for any other. */
static int value_date(const char *v, tx_ymd *d)
{
    size_t n = strlen(v);
    if (n < 4 || !digits(v, 4) || (n > 4 && v[4] != '-'))
        return G_NONE;
    d->y = atoi(v);
    d->m = d->d = 1;
    if (n == 4)
        return G_YEAR;
    if (n == 7 && (v[5] == 'Q' || v[5] == 'H') && v[6] >= '1' && v[6] <= (v[5] == 'Q' ? '4' : '2')) {
        d->m = (v[6] - '1') * (v[5] == 'Q' ? 3 : 6) + 1;
        return v[5] == 'Q' ? G_QUARTER : G_HALF;
    }
    if ((n != 7 && n != 10) || !digits(v + 5, 2) || (n == 10 && (v[7] != '-' || !digits(v + 8, 2))))
        return G_NONE;
    d->m = atoi(v + 5);
    d->d = n == 10 ? atoi(v + 8) : 1;
    if (d->m < 1 || d->m > 12 || d->d < 1 || d->d > tx_mdays(d->y, d->m))
        return G_NONE;
    return n == 10 ? G_DAY : G_MONTH;
}

/* Whether a template writes its date out from the text (no reference to
 * the DCT or the focus). */
static int template_stated(const tx_rule *ru)
{
    for (size_t i = 0; i < ru->ntpl; i++)
        if (ru->tpl[i].kind == TP_REF)
            return 0;
    return 1;
}

/* A template's value; a date it names outright becomes the focus, as
 * the dates of the functions do. */
static int template_value(tx_match *m, const tx_rule *ru, const PCRE2_SIZE *ov)
{
    tx_ymd d;
    if (!fill_template(m, ru, ov))
        return 0;
    int g = strcmp(m->type, "DATE") ? G_NONE : value_date(m->value, &d);
    if (g)
        tx_set_focus(m, d, g, template_stated(ru) ? TX_STATED : 0);
    return 1;
}

/* ------------------------------------------------------------------ */
/* the value of a match                                                */

int tx_normalize(tx_match *m, const tx_rule *ru, const PCRE2_SIZE *ov)
{
    m->ms = m->ds = ov[2];
    m->me = m->de = ov[3];
    m->e2 = 0;
    m->tense_known = m->quote = 0;
    ann_strlcpy(m->type, ru->type, sizeof m->type);
    m->value[0] = '\0';
    if (!ru->fn)
        return template_value(m, ru, ov);
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
    return ru->fn->fn(m) && m->value[0];
}
