/*
 * date_parse.c - dates as pages and bylines write them, parsed into
 * YYYY-MM-DD: "April 19, 2024", "Apr. 19 2024", "19 April 2024",
 * "2024-04-19" and the date part of ISO timestamps.  Shared by the readers
 * (markup dates, reader_markup.c) and the metadata annotator (bylines,
 * datelines, meta.c), so that one parser decides what a written date is.
 */
#include <stdint.h>
#include <string.h>

#include "date_parse.h"

static const struct {
    char name[10];
    unsigned char len;
} months[12] = {{"january", 7}, {"february", 8}, {"march", 5}, {"april", 5}, {"may", 3},
                {"june", 4}, {"july", 4}, {"august", 6}, {"september", 9},
                {"october", 7}, {"november", 8}, {"december", 8}};

/* Whether the ASCII letter c can start a month name: j, f, m, a, s, o, n
 * or d in either case.  A bit test, not a search: ann_find_full_date asks it of
 * every byte of a line. */
static int month_initial(char c)
{
    unsigned l = (unsigned char)(c | 0x20) - 'a';
    const uint32_t initials = 1u << ('j' - 'a') | 1u << ('f' - 'a') | 1u << ('m' - 'a') |
                              1u << ('a' - 'a') | 1u << ('s' - 'a') | 1u << ('o' - 'a') |
                              1u << ('n' - 'a') | 1u << ('d' - 'a');
    return l < 26 && (initials >> l & 1);
}

/* s[0..n) are ASCII letters (month_at counted them): equal to the
 * lowercase lower, case aside. */
static int letters_eq(const char *s, const char *lower, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != lower[i])
            return 0;
    return 1;
}

/* Month from a name or its abbreviation ("Feb", "Feb.", "Sept"); 0 if none.
 * *len receives the bytes the name (and its period) take. */
static int month_at(const char *s, size_t n, size_t *len)
{
    size_t w = 0;
    while (w < n && w < 10 && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'))
        w++;
    if (w < 3 || w > 9 || !month_initial(s[0]))   /* most words: no month */
        return 0;
    for (int m = 0; m < 12; m++) {
        if ((s[0] | 0x20) != months[m].name[0])
            continue;
        size_t full = months[m].len;
        int ok = (w == full && letters_eq(s, months[m].name, w)) ||
                 (w == 3 && letters_eq(s, months[m].name, 3)) ||
                 (w == 4 && m == 8 && letters_eq(s, "sept", 4));
        if (ok) {
            *len = w + (w < full && w < n && s[w] == '.');
            return m + 1;
        }
    }
    return 0;
}

static size_t digits_at(const char *s, size_t n, size_t max, int *val)
{
    size_t i = 0;
    *val = 0;
    while (i < n && i < max && s[i] >= '0' && s[i] <= '9')
        *val = *val * 10 + (s[i++] - '0');
    return i;
}

static int valid_ymd(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static size_t skip_sp(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == ','))
        i++;
    return i;
}

/* "April 19, 2024" / "Apr. 19 2024" / "April 19th, 2024" */
static size_t month_day_year(const char *s, size_t n, int *y, int *m, int *d)
{
    size_t ml, i;
    *m = month_at(s, n, &ml);
    if (!*m)
        return 0;
    i = skip_sp(s, n, ml);
    size_t k = digits_at(s + i, n - i, 2, d);
    if (!k)
        return 0;
    i += k;
    if (i + 2 <= n && (strncmp(s + i, "st", 2) == 0 || strncmp(s + i, "nd", 2) == 0 ||
                       strncmp(s + i, "rd", 2) == 0 || strncmp(s + i, "th", 2) == 0))
        i += 2;
    i = skip_sp(s, n, i);
    k = digits_at(s + i, n - i, 4, y);
    return k == 4 ? i + 4 : 0;
}

/* "19 April 2024" */
static size_t day_month_year(const char *s, size_t n, int *y, int *m, int *d)
{
    size_t i = digits_at(s, n, 2, d), ml;
    if (!i || i >= n || s[i] != ' ')
        return 0;
    i++;
    *m = month_at(s + i, n - i, &ml);
    if (!*m)
        return 0;
    i = skip_sp(s, n, i + ml);
    size_t k = digits_at(s + i, n - i, 4, y);
    return k == 4 ? i + 4 : 0;
}

/* "2024-04-19", also the date part of an ISO timestamp */
static size_t iso_date(const char *s, size_t n, int *y, int *m, int *d)
{
    if (n < 10 || digits_at(s, n, 4, y) != 4 || s[4] != '-' ||
        digits_at(s + 5, n - 5, 2, m) != 2 || s[7] != '-' || digits_at(s + 8, n - 8, 2, d) != 2)
        return 0;
    return 10;
}

size_t ann_parse_full_date(const char *s, size_t n, char out[11])
{
    int y = 0, m = 0, d = 0;
    size_t used = month_day_year(s, n, &y, &m, &d);
    if (!used)
        used = day_month_year(s, n, &y, &m, &d);
    if (!used)
        used = iso_date(s, n, &y, &m, &d);
    if (!used || !valid_ymd(y, m, d))
        return 0;
    if (used < n && s[used] >= '0' && s[used] <= '9')
        return 0;
    /* valid_ymd bounded every field: four digits, two, two (no printf,
     * which costs more than the parse) */
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return used;
}

/* Whether s holds four digits in a row.  Every date ann_parse_full_date
 * reads has a four-digit year, so a line without them holds none: most
 * lines, turned away in one pass instead of a parse at every word. */
static int has_year(const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        run = s[i] >= '0' && s[i] <= '9' ? run + 1 : 0;
        if (run == 4)
            return 1;
    }
    return 0;
}

size_t ann_find_full_date(const char *s, size_t n, char out[11], size_t *at)
{
    if (!has_year(s, n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z'))
            continue;
        if (!(s[i] >= '0' && s[i] <= '9') && !month_initial(s[i]))
            continue;           /* a date starts with a day, year or month */
        size_t used = ann_parse_full_date(s + i, n - i, out);
        if (used) {
            *at = i;
            return used;
        }
    }
    return 0;
}
