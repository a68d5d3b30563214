/*
 * dates_norm.h - the state of the date annotator while it reads one
 * document, and the match being normalized: shared by the scan
 * (dates_scan.c), the reference time (dates_anchor.c), the text around a
 * match (dates_context.c), the value writers and argument readers
 * (dates_value.c) and the normalization functions (dates_norm.c).
 */
#ifndef ANN_DATES_NORM_H
#define ANN_DATES_NORM_H

#include <stddef.h>
#include <stdint.h>

#include "dates.h"
#include "dates_calendar.h"
#include "dates_rules.h"

/* Years whose mentions are counted, from YEAR_MIN. */
#define YEAR_MIN 1500
#define YEAR_SPAN 600

/* Granularities, coarse to fine.  A half or a quarter of a year is kept
 * as the date of its first day. */
enum { G_NONE, G_CENT, G_DEC, G_YEAR, G_HALF, G_QUARTER, G_MONTH, G_WEEK, G_DAY };

typedef struct tx_ymd {
    int y, m, d;
} tx_ymd;

struct ann_dates {
    const ann_date_rules *r;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    pcre2_jit_stack *js;
    uint64_t *cand;            /* setw words: the rules the prefix trie allows */
    tx_ymd dct;
    int dct_gran;
    tx_ymd ref;                /* the last date written out in full (its year
                                * given), else the DCT: what dates without
                                * a year are placed near */
    int ref_gran;
    size_t ref_pos;            /* where the text wrote it */
    tx_ymd focus;              /* the date in focus: the last the text named */
    int focus_gran;
    size_t loose_pos;          /* where it was named, if without its year
                                * and not a season; else 0 */
    tx_ymd period;             /* the last quarter, half or month the text
                                * named: the period "a year earlier" and "the
                                * quarter" refer to */
    int period_gran;
    char focus_value[40];      /* its TIMEX3 value ("2022-SP" too) */
    tx_ymd day;                /* the last date in focus known to the day */
    int has_day;
    size_t day_pos;            /* where it was mentioned */
    tx_ymd told;               /* the last day named outside quotations: the
                                * day of the speech a quotation reports, which
                                * its "yesterday" and "Monday" count from */
    int has_told;
    size_t told_pos;
    unsigned char years[YEAR_SPAN]; /* explicit mentions per year, saturating */
};

/* The longest TIMEX3 value, its NUL included. */
#define TX_VALUE_MAX 40

/* One match being normalized. */
typedef struct tx_match {
    ann_dates *st;
    const char *text;
    size_t ws, we;             /* the window */
    size_t ms, me;             /* the match */
    size_t ds, de;             /* the date it gives: the match, unless cut */
    size_t s2, e2;             /* a second date it gives (a range's end); e2 0: none */
    char value2[TX_VALUE_MAX];
    const char *a[TX_MAXARGS]; /* arguments; NULL when absent */
    size_t al[TX_MAXARGS];
    char type[12];
    char value[TX_VALUE_MAX];
    int tense, tense_dist;     /* tx_tense's answer, once asked */
    int tense_known;
    int quote;                 /* tx_in_quote's answer + 1, 0 = not asked */
    /* The quotation marks counted back from the last match asked about
     * (dates_context.c), kept for the next: qpos that match, qbreak the
     * paragraph break before it (0 = none after ws, or 4000 bytes before
     * it), and after that qstraight " and qcurly “ less ”. */
    size_t qpos, qbreak;
    int qstraight, qcurly;
} tx_match;

/* A day-based focus further back than this is not "the" day any more. */
#define DAY_FOCUS_REACH 2000
/* How far back a date still owns a clock time (about a sentence). */
#define CLOCK_REACH 200

/* --- the text around the match (dates_context.c) ------------------------ */

/* The word just before (after) position pos, normalized for lookup into
 * out, "" if none; its length. */
size_t tx_prev_word(const tx_match *m, size_t pos, char *out, size_t cap);
size_t tx_next_word(const tx_match *m, size_t pos, char *out, size_t cap);
/* Whether word w (normalized) is in the normalization table. */
int tx_in_table(const tx_match *m, const char *table, const char *w);
/* Does a sentence start at pos (nothing but white space, an opening quote
 * or markup since the last sentence end)? */
int tx_sentence_initial(const tx_match *m, size_t pos);
/* A capitalized match right after a capitalized word, mid-sentence: part
 * of a name ("Arab Spring", "USA Today"). */
int tx_in_name(const tx_match *m);
/* Inside quotation marks?  Counted from the start of the paragraph. */
int tx_in_quote(tx_match *m);
/* The tense of the clause the match is in, from the verb nearest it
 * (after it, before it, else the verb of a clause it opens): 1 future
 * ("will", "is scheduled to", "plans"), -1 past ("said", "met",
 * "announced"), 0 not known; *dist the words between. */
int tx_tense(tx_match *m, int *dist);
/* tx_tense says the future, or says nothing and a word of the sentence
 * before the match points to the future. */
int tx_future_cue(tx_match *m);
/* Is the word "that" among the first three words from position from (a
 * date), with no sentence end between it and the match: the date is the
 * day of a speech the match is reported in ("said on March 3 that ...")? */
int tx_that_after(const tx_match *m, size_t from);
/* Is position pos (before the match, at most 300 bytes back) in the
 * match's sentence? */
int tx_same_sentence(const tx_match *m, size_t pos);
/* A day after "until" that a word before it puts ahead of the DCT: a
 * deferral or a deadline ("postponed until Tuesday", "has until 9 a.m.
 * Tuesday"), whatever the tense of its verb. */
int tx_until_ahead(const tx_match *m);
int tx_copula_ahead(const tx_match *m);

/* --- the reference time (dates_anchor.c) -------------------------------- */

/* The DCT "YYYY-MM-DD", "YYYY-MM" or "YYYY" into st, as the first focus. */
void tx_anchor_start(ann_dates *st, const char *dct);
/* An explicit mention of year y. */
void tx_count_year(ann_dates *st, int y);
/* The match, with value v at granularity gran, is the new date in focus;
 * how: TX_STATED when the text wrote it out in full (with its year): the
 * new reference time, TX_SEASON for a season (no period of the business
 * calendar). */
#define TX_STATED 1
#define TX_SEASON 2
void tx_set_focus(tx_match *m, tx_ymd v, int gran, int how);
/* What deictic expressions count from: the DCT, else the focus; in
 * reported speech (tx_reported) the speech's day. */
int tx_deictic_anchor(const tx_match *m, int need, tx_ymd *a);
/* The focus at granularity need or finer, else the DCT. */
int tx_focus_anchor(const tx_match *m, int need, tx_ymd *a);
/* In the clause of what was said on a day told before it in its
 * sentence ("said on March 3 that ..."), not on the DCT? */
int tx_reported(const tx_match *m);
/* For "yesterday" and the clock times: the day they count from. */
int tx_day_anchor(tx_match *m, tx_ymd *a);
/* The year for a month (and day, 0 = none) given without one. */
int tx_nearest_year(tx_match *m, int mon, int day, int *year);
/* The same, shortcut 0: the tense read always, as the test that compares
 * the two needs (tx_nearest_year reads it only where it could matter). */
int tx_nearest_year_by(tx_match *m, int mon, int day, int *year, int shortcut);
/* The year of the date a part of a year given without one ("the third
 * quarter") is in: the focus's, unless it was a year named in passing. */
int tx_anchor_year(const tx_match *m, int *year);

/* --- values and arguments (dates_value.c) ------------------------------- */

/* v at granularity gran: "2022-03-21", "2022-W12", "2022-03", "2022",
 * "202" (a decade), "20" (a century). */
void tx_fmt_date(char *out, size_t cap, tx_ymd v, int gran);
/* The value of an expression whose anchor is unknown: "XXXX-XX" ... */
void tx_fmt_unknown(char *out, size_t cap, int gran);
void tx_fmt_num(char *out, size_t cap, double v);
/* A duration of n units u (a unit code), "X" for n when not known:
 * P3W, PT90M, PXY, P2W for "a fortnight". */
void tx_fmt_dur(char *out, size_t cap, int known, double n, const char *u);

/* Argument i read as a month (1-12, 0 if not), an ordinal day, an
 * integer (dflt when absent), the word w, a count (1 with its value, 0 a
 * vague one, -1 none), a unit code (Y M W D H MIN S DE CE FN), an offset
 * of the relative table ("last" -1). */
int tx_arg_month(const tx_match *m, int i);
int tx_arg_ordinal(const tx_match *m, int i);
int tx_arg_int(const tx_match *m, int i, int dflt);
int tx_arg_is(const tx_match *m, int i, const char *w);
int tx_arg_num(const tx_match *m, int i, double *v);
const char *tx_arg_unit(const tx_match *m, int i);
int tx_rel_offset(const tx_match *m, int i);
/* The granularity of a unit code; whether it is an hour, minute or second. */
int tx_unit_gran(const char *u);
int tx_is_time_unit(const char *u);
/* Move a by n units of u. */
void tx_shift(tx_ymd *a, const char *u, long n);

/* --- the value of a match (dates_norm.c) --------------------------------- */

/* The value rule ru gives the match m (its arguments filled in from ov,
 * the match's offsets): 1 when kept, its type and value in m. */
int tx_normalize(tx_match *m, const tx_rule *ru, const PCRE2_SIZE *ov);

#endif
