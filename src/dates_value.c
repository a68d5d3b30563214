/*
 * dates_value.c - TIMEX3 values written (dates, weeks, decades,
 * durations) and the arguments of the normalization functions read
 * (months, ordinals, counts, units, relative words), with the unit
 * arithmetic they share.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates_norm.h"

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

void tx_fmt_date(char *out, size_t cap, tx_ymd v, int gran)
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
    case G_QUARTER: snprintf(out, cap, "%04d-Q%d", v.y, (v.m + 2) / 3); break;
    case G_HALF:  snprintf(out, cap, "%04d-H%d", v.y, (v.m + 5) / 6); break;
    case G_YEAR:  snprintf(out, cap, "%04d", v.y); break;
    case G_DEC:   snprintf(out, cap, "%03d", v.y / 10); break;
    case G_CENT:  snprintf(out, cap, "%02d", v.y / 100); break;
    default:      snprintf(out, cap, "XXXX"); break;
    }
}

/* The value of an expression whose anchor is unknown. */
void tx_fmt_unknown(char *out, size_t cap, int gran)
{
    static const char *const x[] = {"XXXX", "XX", "XXX", "XXXX", "XXXX-HX", "XXXX-QX",
                                    "XXXX-XX", "XXXX-WXX", "XXXX-XX-XX"};
    snprintf(out, cap, "%s", x[gran]);
}


int tx_arg_month(const tx_match *m, int i)
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
int tx_arg_ordinal(const tx_match *m, int i)
{
    if (!m->a[i])
        return 0;
    if (isdigit((unsigned char)m->a[i][0]))
        return atoi(m->a[i]);
    const char *v = tx_lookup(m->st->r, "ordinal", m->a[i], m->al[i]);
    return v ? atoi(v) : 0;
}

int tx_arg_int(const tx_match *m, int i, int dflt)
{
    return m->a[i] ? atoi(m->a[i]) : dflt;
}

int tx_arg_is(const tx_match *m, int i, const char *w)
{
    char k[32];
    return m->a[i] && tx_normkey(k, sizeof k, m->a[i], m->al[i]) &&
           strcmp(k, w) == 0;
}

/* A count: 1 with its value, 0 for a vague one ("several", "a few"),
 * -1 for none. */
int tx_arg_num(const tx_match *m, int i, double *v)
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
const char *tx_arg_unit(const tx_match *m, int i)
{
    if (!m->a[i])
        return NULL;
    const char *u = tx_lookup(m->st->r, "unit", m->a[i], m->al[i]);
    return u ? u : tx_lookup(m->st->r, "unit_pl", m->a[i], m->al[i]);
}

int tx_unit_gran(const char *u)
{
    if (!strcmp(u, "Y")) return G_YEAR;
    if (!strcmp(u, "M")) return G_MONTH;
    if (!strcmp(u, "W") || !strcmp(u, "FN") || !strcmp(u, "WE")) return G_WEEK;
    if (!strcmp(u, "DE")) return G_DEC;
    if (!strcmp(u, "CE")) return G_CENT;
    return G_DAY;
}

int tx_is_time_unit(const char *u)
{
    return !strcmp(u, "H") || !strcmp(u, "MIN") || !strcmp(u, "S");
}

/* Move a by n units of u. */
void tx_shift(tx_ymd *a, const char *u, long n)
{
    if (!strcmp(u, "Y"))       tx_add_months(&a->y, &a->m, &a->d, 12 * n);
    else if (!strcmp(u, "M"))  tx_add_months(&a->y, &a->m, &a->d, n);
    else if (!strcmp(u, "DE")) tx_add_months(&a->y, &a->m, &a->d, 120 * n);
    else if (!strcmp(u, "CE")) tx_add_months(&a->y, &a->m, &a->d, 1200 * n);
    else if (!strcmp(u, "W") || !strcmp(u, "WE")) tx_add_days(&a->y, &a->m, &a->d, 7 * n);
    else if (!strcmp(u, "FN")) tx_add_days(&a->y, &a->m, &a->d, 14 * n);
    else if (!strcmp(u, "D"))  tx_add_days(&a->y, &a->m, &a->d, n);
}

void tx_fmt_num(char *out, size_t cap, double v)
{
    if (cap >= 8 && v >= 0 && v <= 9999 && v == (double)(int)v)
        *put_dec(out, (int)v, 1) = '\0';   /* as %.10g writes it */
    else
        snprintf(out, cap, "%.10g", v);     /* counts are <= 1e6: exact */
}

/* P3W, PT90M, PXY, P2W for "a fortnight". */
void tx_fmt_dur(char *out, size_t cap, int known, double n, const char *u)
{
    char num[24];
    if (!strcmp(u, "FN")) {
        n *= 2;
        u = "W";
    }
    if (known)
        tx_fmt_num(num, sizeof num, n);
    else
        memcpy(num, "X", 2);
    const char *pre = "P";
    if (tx_is_time_unit(u)) {
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

int tx_rel_offset(const tx_match *m, int i)
{
    const char *v = m->a[i] ? tx_lookup(m->st->r, "relative", m->a[i], m->al[i]) : NULL;
    return v ? atoi(v) : 0;
}
