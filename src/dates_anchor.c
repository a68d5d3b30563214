/*
 * dates_anchor.c - the reference time of the date annotator: what a
 * relative expression counts from, as the text goes on.  Deictic
 * expressions ("yesterday", "last week", "Saturday") count from the
 * document creation time (DCT), or in reported speech from the speech's
 * day; a date without its year ("March 3", "the third quarter") is placed
 * near the last date the text wrote out in full (else the DCT); narrative
 * ones ("the next day", "ten days later", "at the time") count from the
 * date in focus, the last the text named; "a year earlier" and "the
 * quarter" refer to the period in focus, the last quarter, half or month.
 */
#include <stdio.h>
#include <string.h>

#include "ann.h"
#include "dates_norm.h"

/* An explicit mention of year y: counted, because a year mentioned once
 * in passing ("agreed at Minsk in February 2015") is a flashback, not the
 * year the story is in. */
void tx_count_year(ann_dates *st, int y)
{
    if (y >= YEAR_MIN && y < YEAR_MIN + YEAR_SPAN && st->years[y - YEAR_MIN] < 255)
        st->years[y - YEAR_MIN]++;
}

static int year_count(const ann_dates *st, int y)
{
    return y >= YEAR_MIN && y < YEAR_MIN + YEAR_SPAN ? st->years[y - YEAR_MIN] : 0;
}

void tx_set_focus(tx_match *m, tx_ymd v, int gran, int how)
{
    ann_dates *st = m->st;
    st->focus = v;
    st->focus_gran = gran;
    if (how & TX_STATED) {
        st->ref = v;
        st->ref_gran = gran;
    }
    /* a quarter or a half is what a business story is about: a month
     * named in passing does not replace it */
    if (gran == G_QUARTER || gran == G_HALF ||
        (gran == G_MONTH && !(how & TX_SEASON) && st->period_gran != G_QUARTER &&
         st->period_gran != G_HALF)) {
        st->period = v;
        st->period_gran = gran;
    }
    ann_strlcpy(st->focus_value, m->value, sizeof st->focus_value);
    if (gran == G_DAY) {
        st->day = v;
        st->has_day = 1;
        st->day_pos = m->ms;
    }
    if (gran == G_DAY && !tx_in_quote(m)) {
        st->told = v;
        st->has_told = 1;
        st->told_pos = m->ms;
    }
}

/* The DCT, else the focus: what deictic expressions count from. */
int tx_deictic_anchor(const tx_match *m, int need, tx_ymd *a)
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
int tx_focus_anchor(const tx_match *m, int need, tx_ymd *a)
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
int tx_day_anchor(tx_match *m, tx_ymd *a)
{
    const ann_dates *st = m->st;
    int recent = st->has_told && m->ms - st->told_pos <= DAY_FOCUS_REACH &&
                 st->told_pos >= m->ws;
    if (recent && (st->dct_gran < G_DAY || tx_in_quote(m))) {
        *a = st->told;
        return 1;
    }
    if (st->dct_gran == G_DAY) {
        *a = st->dct;
        return 1;
    }
    if (recent) {
        *a = st->told;
        return 1;
    }
    return 0;
}

/* The date that dates without a year are placed near, and its
 * granularity: the reference time, but where it is a year mentioned once
 * in passing, the day in focus or else the DCT. */
static int near_anchor(const ann_dates *st, tx_ymd *a, int *g, int *dct)
{
    *dct = 0;
    int passing = st->ref_gran < G_DAY && year_count(st, st->ref.y) < 2 &&
                  !(st->dct_gran && st->dct.y == st->ref.y);
    if (passing && st->has_day) {
        *a = st->day;
        *g = G_DAY;
    } else if (st->ref_gran >= G_YEAR && !(passing && st->dct_gran >= G_YEAR)) {
        *a = st->ref;
        *g = st->ref_gran;
    } else if (st->dct_gran >= G_YEAR) {
        *a = st->dct;
        *g = st->dct_gran;
    } else {
        return 0;
    }
    *dct = !memcmp(a, &st->dct, sizeof *a) && *g == st->dct_gran;
    return 1;
}

int tx_anchor_year(const tx_match *m, int *year)
{
    const ann_dates *st = m->st;
    tx_ymd a;
    int g, dct;
    if (!near_anchor(st, &a, &g, &dct))
        return 0;
    /* a day placed near a year named in passing, or a year ahead of the
     * DCT (a forecast), says less of the year a story is in than the DCT */
    *year = a.y;
    if (st->dct_gran >= G_YEAR && !dct &&
        ((g == G_DAY && st->ref_gran < G_DAY) || a.y > st->dct.y))
        *year = st->dct.y;
    return 1;
}

/* The year for a month (and day) given without one: the one nearest the
 * reference time.  From the DCT it looks ahead only when the sentence
 * speaks of the future (news mostly reports the past, so a date ahead
 * must be clearly nearer); from a date of the story both ways alike (a
 * story goes on from its dates), but for a date past the DCT, which
 * must be clearly nearer without a future cue.  A verb in the past or
 * future tense all but settles which side of the DCT it is. */
int tx_nearest_year(tx_match *m, int mon, int day, int *year)
{
    const ann_dates *st = m->st;
    tx_ymd a;
    int g, dct;
    if (!near_anchor(st, &a, &g, &dct))
        return 0;
    if (g < G_MONTH) {
        *year = a.y;
        return 1;
    }
    if (g == G_MONTH)
        a.d = 15;
    int dist, tense = tx_tense(m, &dist), fut = tense > 0 || (!tense && tx_future_cue(m));
    long ad = tx_days(a.y, a.m, a.d);
    long now = st->dct_gran >= G_MONTH ? tx_days(st->dct.y, st->dct.m, st->dct.d) : 0;
    double best = 1e18;
    for (int y = a.y - 1; y <= a.y + 1; y++) {
        int d = day ? day : 15;
        if (d > tx_mdays(y, mon))
            continue;                 /* Feb 29 only in leap years */
        long at = tx_days(y, mon, d), dd = at - ad;
        double cost;
        if (dct)
            cost = dd >= 0 ? (fut ? dd : dd * 1.5) : (fut ? -dd * 3.0 : -dd);
        else
            cost = (dd >= 0 ? dd : -dd) * (now && at > now && !fut ? 1.5 : 1.0);
        if (now && ((tense > 0 && at < now) || (tense < 0 && at > now)))
            cost *= dist <= 3 ? 10 : 2; /* its verb says which side of the DCT */
        if (cost < best) {
            best = cost;
            *year = y;
        }
    }
    return best < 1e18;
}

/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" (a longer ISO timestamp is cut). */
static int parse_dct(const char *s, tx_ymd *v)
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

void tx_anchor_start(ann_dates *st, const char *dct)
{
    st->dct_gran = parse_dct(dct, &st->dct);
    if (st->dct_gran) {                  /* the DCT is the first focus */
        st->focus = st->ref = st->dct;
        st->focus_gran = st->ref_gran = st->dct_gran;
        tx_fmt_date(st->focus_value, sizeof st->focus_value, st->dct, st->dct_gran);
        if (st->dct_gran == G_DAY) {
            st->day = st->told = st->dct;
            st->has_day = st->has_told = 1;
        }
    }
}
