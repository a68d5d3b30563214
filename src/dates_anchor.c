/*
 * dates_anchor.c - the reference time of the date annotator: what a
 * relative expression counts from, as the text goes on.  Deictic
 * expressions ("yesterday", "last week", "Saturday") count from the
 * document creation time (DCT), or in reported speech from the speech's
 * day; a date without its year ("March 3", "the third quarter") is placed
 * near the last date the text wrote out in full (else the DCT), unless
 * that date labels an event ("the Dec. 21, 1988, bombing") or is a
 * flashback the text has left; narrative ones ("the next day", "ten days
 * later", "at the time") count from the date in focus, the last the text
 * named; "a year earlier" and "the quarter" refer to the period in focus,
 * the last quarter, half or month (not a forecast, nor an earlier
 * quarter named in passing).
 */
#include <ctype.h>
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

/* A date between a determiner and a noun ("the Dec. 21, 1988, bombing"):
 * the label of an event, told in passing. */
static int label_date(const tx_match *m)
{
    char w[16];
    size_t p = m->me;
    while (p < m->we && (m->text[p] == ',' || m->text[p] == ' '))
        p++;
    return p < m->we && islower((unsigned char)m->text[p]) &&
           tx_prev_word(m, m->ms, w, sizeof w) && tx_in_table(m, "label_det", w);
}

/* Is the quarter or half v aside from the period a report of results is
 * about?  So is one that begins after the DCT (a forecast: "the third
 * quarter of 1990"), and, while the period in focus is the quarter just
 * over by the DCT, an earlier one named without its year ("after a flat
 * second quarter"). */
static int period_aside(const ann_dates *st, tx_ymd v, int gran, int how)
{
    if (st->dct_gran < G_MONTH)
        return 0;
    long start = tx_days(v.y, v.m, 1);
    if (start > tx_days(st->dct.y, st->dct.m, st->dct.d))
        return 1;
    if (gran != G_QUARTER || (how & TX_STATED) || st->period_gran != G_QUARTER ||
        start >= tx_days(st->period.y, st->period.m, 1))
        return 0;
    tx_ymd last = st->dct;
    last.m = (last.m - 1) / 3 * 3 + 1;
    tx_add_months(&last.y, &last.m, &last.d, -3);
    return st->period.y == last.y && st->period.m == last.m;
}

void tx_set_focus(tx_match *m, tx_ymd v, int gran, int how)
{
    ann_dates *st = m->st;
    st->loose_pos = how & (TX_STATED | TX_SEASON) ? 0 : m->ms;
    if ((how & TX_STATED) && label_date(m))
        how &= ~TX_STATED;
    st->focus = v;
    st->focus_gran = gran;
    if (how & TX_STATED) {
        st->ref = v;
        st->ref_gran = gran;
        st->ref_pos = m->ms;
    }
    /* a quarter or a half is what a business story is about: a month
     * named in passing does not replace it */
    if (((gran == G_QUARTER || gran == G_HALF) && !period_aside(st, v, gran, how)) ||
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

/* Is the match in the clause of what was said on the day told before it
 * in its sentence, not the DCT ("said on March 3 that he had met the
 * envoy on Tuesday")? */
int tx_reported(const tx_match *m)
{
    const ann_dates *st = m->st;
    return st->has_told && st->told_pos >= m->ws && st->told_pos < m->ms &&
           st->dct_gran == G_DAY && memcmp(&st->told, &st->dct, sizeof st->dct) &&
           tx_that_after(m, st->told_pos);
}

/* The DCT, else the focus: what deictic expressions count from; in
 * reported speech the speech's day. */
int tx_deictic_anchor(const tx_match *m, int need, tx_ymd *a)
{
    const ann_dates *st = m->st;
    if (tx_reported(m)) {
        *a = st->told;
        return 1;
    }
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
    if (recent && (st->dct_gran < G_DAY || tx_in_quote(m) || tx_reported(m))) {
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

/* A reference time years away from the DCT, in a year the text names
 * once, is a flashback ("landed on Dec. 2, 1956"): the paragraphs after
 * the one that wrote it are back in the story's own time.  A story told
 * years after its events names their year again and again. */
static int flashback_over(const tx_match *m)
{
    const ann_dates *st = m->st;
    if (st->dct_gran < G_YEAR || st->ref_pos < m->ws || st->ref_pos >= m->ms ||
        (st->ref.y - st->dct.y <= 1 && st->dct.y - st->ref.y <= 1) ||
        year_count(st, st->ref.y) > 1)
        return 0;
    for (size_t p = st->ref_pos + 1; p < m->ms; p++)
        if (m->text[p] == '\n' && m->text[p - 1] == '\n')
            return 1;
    return 0;
}

/* The date that dates without a year are placed near, and its
 * granularity: the reference time, but where it is a year mentioned once
 * in passing, the day in focus or else the DCT, and where it is a
 * flashback the text has left, the DCT. */
static int near_anchor(const tx_match *m, tx_ymd *a, int *g, int *dct)
{
    const ann_dates *st = m->st;
    *dct = 0;
    if (flashback_over(m)) {
        *a = st->dct;
        *g = st->dct_gran;
        *dct = 1;
        return 1;
    }
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
    if (!near_anchor(m, &a, &g, &dct))
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
/* Of the years around a.y (the anchor, at granularity month or day;
 * dct: it is the DCT), the one whose day mon/day is cheapest from it,
 * for a clause of the given tense (its verb near: within three words)
 * and future cue; 0 when none has the day. */
static int pick_year(const ann_dates *st, tx_ymd a, int dct, int mon, int day,
                     int tense, int near, int fut, int *year)
{
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
            cost *= near ? 10 : 2;    /* its verb says which side of the DCT */
        if (cost < best) {
            best = cost;
            *year = y;
        }
    }
    return best < 1e18;
}

int tx_nearest_year(tx_match *m, int mon, int day, int *year)
{
    return tx_nearest_year_by(m, mon, day, year, 1);
}

int tx_nearest_year_by(tx_match *m, int mon, int day, int *year, int shortcut)
{
    const ann_dates *st = m->st;
    tx_ymd a;
    int g, dct;
    if (!near_anchor(m, &a, &g, &dct))
        return 0;
    /* months named without their year in one sentence are near each
     * other: "to $42 in June from $29 in March", "elected in November, in
     * office in January" (one with its year is the reference time) */
    if (st->focus_gran >= G_MONTH && st->loose_pos > 0 && tx_same_sentence(m, st->loose_pos)) {
        a = st->focus;
        g = st->focus_gran;
        dct = 0;
    }
    if (g < G_MONTH) {
        *year = a.y;
        return 1;
    }
    if (g == G_MONTH)
        a.d = 15;
    /* The tense is read from the words around (tx_tense, a walk over the
     * clause) only where it could change the year: most dates are nearest
     * their anchor in one year whatever the verb says.  The tenses a
     * clause can have: past or future, its verb near or not, or none,
     * with a future cue or without. */
    static const int cases[6][3] = {{1, 0, 1}, {1, 1, 1}, {-1, 0, 0}, {-1, 1, 0}, {0, 0, 0}, {0, 0, 1}};
    int y0 = 0, y1 = 0, same = shortcut;
    if (shortcut && !pick_year(st, a, dct, mon, day, cases[0][0], cases[0][1], cases[0][2], &y0))
        return 0;
    for (size_t k = 1; k < 6 && same; k++)
        same = pick_year(st, a, dct, mon, day, cases[k][0], cases[k][1], cases[k][2], &y1) &&
               y1 == y0;
    if (same) {
        *year = y0;
        return 1;
    }
    int dist, tense = tx_tense(m, &dist), fut = tense > 0 || (!tense && tx_future_cue(m));
    return pick_year(st, a, dct, mon, day, tense, dist <= 3, fut, year);
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
