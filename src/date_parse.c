/*
 * date_parse.c - dates as pages and bylines write them, parsed into
 * YYYY-MM-DD, with the month names of meta/months.tsv: the English grammar
 * ("April 19, 2024", "Apr. 19 2024", "19 April 2024", "2024-04-19" and the
 * date part of ISO timestamps) and the looser one of the dates pages show
 * in many languages ("8. Dezember 2010", "5 de mayo de 2022",
 * "19.10.2021").  Shared by the readers (markup dates, reader_markup.c;
 * the HTML reader's date lines) and the metadata annotator (bylines,
 * datelines, meta.c), so that one parser decides what a written date is.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "date_parse.h"
#include "image.h"
#include "rulefile.h"
#include "table.h"
#include "tokenizer.h"
#include "utf8.h"

/* ---- the month names (meta/months.tsv) -------------------------------- */

typedef struct month_name {
    char *name;              /* ASCII letters lowercased, without a period */
    size_t len;
    int month;               /* 1 to 12 */
    int abbrev;              /* written with a period in the file */
    int english;             /* read by the English grammar */
} month_name;

struct ann_months {
    month_name *v;
    size_t n, cap;
    ann_table index;         /* ann_hash of the name */
    uint32_t en_initials;    /* first letters (a-z) of the English names */
    size_t en_min, en_max;   /* their shortest and longest */
    const void *image;       /* the compiled tables these point into, or NULL */
};

static void lower_ascii(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'Z')
            s[i] = (char)(s[i] + 32);
}

/* Does the comma-separated list hold the code? */
static int list_has(const char *list, size_t n, const char *code)
{
    size_t k = strlen(code);
    for (size_t i = 0; i + k <= n; i++)
        if ((i == 0 || list[i - 1] == ',') && !memcmp(list + i, code, k) &&
            (i + k == n || list[i + k] == ','))
            return 1;
    return 0;
}

static int month_line(void *ctx, const char *line, size_t len, const char *name,
                      size_t lineno, char *err, size_t errlen)
{
    ann_months *m = ctx;
    ann_field f[3];
    size_t nf = ann_rule_fields(line, len, f, 3);
    int month = 0;
    for (size_t i = 0; nf == 3 && i < f[1].n && i < 3; i++)
        month = f[1].s[i] >= '0' && f[1].s[i] <= '9' ? month * 10 + (f[1].s[i] - '0') : 99;
    size_t n = f[0].n;
    int abbrev = n > 0 && f[0].s[n - 1] == '.';
    n -= (size_t)abbrev;
    if (nf != 3 || n == 0 || f[1].n == 0 || f[1].n > 2 || month < 1 || month > 12 ||
        f[2].n == 0 || memchr(f[0].s, ' ', n)) {
        ann_load_error(err, errlen, name, lineno,
                       "want a name, a month from 1 to 12 and languages, tab-separated");
        return -1;
    }
    month_name mn = {ann_utf8_lower(f[0].s, n), 0, month, abbrev, list_has(f[2].s, f[2].n, "en")};
    n = mn.len = strlen(mn.name);
    ann_table_put(&m->index, ann_hash(mn.name, n), m->n);
    if (mn.english) {
        unsigned c = (unsigned char)mn.name[0] - 'a';
        if (c < 26)
            m->en_initials |= 1u << c;
        if (!m->en_min || n < m->en_min)
            m->en_min = n;
        if (n > m->en_max)
            m->en_max = n;
    }
    ANN_PUSH(m->v, m->n, m->cap, mn);
    return 0;
}

ann_months *ann_months_new(const ann_rule_src *srcs, size_t n, char *err, size_t errlen)
{
    ann_months *m = ann_xcalloc(1, sizeof *m);
    for (size_t i = 0; i < n; i++)
        if (ann_rule_lines(&srcs[i], month_line, m, err, errlen) < 0) {
            ann_months_free(m);
            return NULL;
        }
    return m;
}

void ann_months_free(ann_months *m)
{
    if (!m)
        return;
    if (m->image) {          /* the names and the index are the image's */
        free(m->v);
        free(m);
        return;
    }
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i].name);
    free(m->v);
    ann_table_free(&m->index);
    free(m);
}

/* The compiled tables (image.h). */
typedef struct months_image {
    uint64_t v, n;           /* month_img */
    ann_img_table index;
    uint64_t en_initials, en_min, en_max;
} months_image;

typedef struct month_img {
    uint64_t name, len, month, abbrev, english;
} month_img;

uint64_t ann_months_save(const ann_months *m, ann_img *im)
{
    months_image h;
    memset(&h, 0, sizeof h);
    month_img *v = ann_xcalloc(m->n, sizeof *v);
    for (size_t i = 0; i < m->n; i++) {
        const month_name *mn = &m->v[i];
        month_img x = {ann_img_str(im, mn->name, mn->len), mn->len, (uint64_t)mn->month,
                       (uint64_t)mn->abbrev, (uint64_t)mn->english};
        v[i] = x;
    }
    h.v = ann_img_put(im, v, m->n * sizeof *v, 8);
    h.n = m->n;
    free(v);
    h.index = ann_img_put_table(im, &m->index);
    h.en_initials = m->en_initials;
    h.en_min = m->en_min;
    h.en_max = m->en_max;
    return ann_img_put(im, &h, sizeof h, 8);
}

ann_months *ann_months_attach(const ann_image *im, uint64_t root)
{
    const months_image *h = ann_img_at(im, root);
    ann_months *m = ann_xcalloc(1, sizeof *m);
    m->image = im;
    const month_img *v = ann_img_at(im, h->v);
    m->n = m->cap = (size_t)h->n;
    m->v = ann_xcalloc(m->n, sizeof *m->v);
    for (size_t i = 0; i < m->n; i++) {
        month_name mn = {(char *)ann_img_at(im, v[i].name), (size_t)v[i].len, (int)v[i].month,
                         (int)v[i].abbrev, (int)v[i].english};
        m->v[i] = mn;
    }
    m->index = ann_img_table_at(im, &h->index);
    m->en_initials = (uint32_t)h->en_initials;
    m->en_min = (size_t)h->en_min;
    m->en_max = (size_t)h->en_max;
    return m;
}

/* The name that w[0..n) is, case aside; of the English grammar's names
 * only, if english.  NULL if none. */
static const month_name *find_month(const ann_months *m, const char *w, size_t n, int english)
{
    char buf[64], *low = buf;
    if (!m || n == 0 || n > sizeof buf)
        return NULL;
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        ascii &= (unsigned char)w[i] < 0x80;
    if (ascii) {
        memcpy(buf, w, n);
        lower_ascii(buf, n);
    } else {
        low = ann_utf8_lower(w, n);
        n = strlen(low);
    }
    const month_name *found = NULL;
    size_t pos = 0, i;
    while (!found && (i = ann_table_next(&m->index, ann_hash(low, n), &pos)) != ANN_TABLE_END)
        if (m->v[i].len == n && !memcmp(m->v[i].name, low, n) && (!english || m->v[i].english))
            found = &m->v[i];
    if (low != buf)
        free(low);
    return found;
}

/* Whether the ASCII letter c can start an English month name.  A bit
 * test, not a search: ann_find_full_date asks it of every byte of a line. */
static int month_initial(const ann_months *m, char c)
{
    unsigned l = (unsigned char)(c | 0x20) - 'a';
    return m && l < 26 && (m->en_initials >> l & 1);
}

/* Month from an English name or its abbreviation ("Feb", "Feb.", "Sept");
 * 0 if none.  *len receives the bytes the name (and its period) take. */
static int month_at(const ann_months *m, const char *s, size_t n, size_t *len)
{
    if (!m)
        return 0;
    size_t w = 0, max = m->en_max;
    while (w < n && w <= max && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'))
        w++;
    if (w < m->en_min || w > max || !month_initial(m, s[0]))   /* most words: no month */
        return 0;
    const month_name *mn = find_month(m, s, w, 1);
    if (!mn)
        return 0;
    *len = w + (mn->abbrev && w < n && s[w] == '.');
    return mn->month;
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
static size_t month_day_year(const ann_months *names, const char *s, size_t n, int *y,
                             int *m, int *d)
{
    size_t ml, i;
    *m = month_at(names, s, n, &ml);
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
static size_t day_month_year(const ann_months *names, const char *s, size_t n, int *y,
                             int *m, int *d)
{
    size_t i = digits_at(s, n, 2, d), ml;
    if (!i || i >= n || s[i] != ' ')
        return 0;
    i++;
    *m = month_at(names, s + i, n - i, &ml);
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

size_t ann_parse_full_date(const ann_months *names, const char *s, size_t n, char out[11])
{
    int y = 0, m = 0, d = 0;
    size_t used = month_day_year(names, s, n, &y, &m, &d);
    if (!used)
        used = day_month_year(names, s, n, &y, &m, &d);
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

size_t ann_find_full_date(const ann_months *names, const char *s, size_t n, char out[11],
                          size_t *at)
{
    if (!has_year(s, n))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z'))
            continue;
        if (!(s[i] >= '0' && s[i] <= '9') && !month_initial(names, s[i]))
            continue;           /* a date starts with a day, year or month */
        size_t used = ann_parse_full_date(names, s + i, n - i, out);
        if (used) {
            *at = i;
            return used;
        }
    }
    return 0;
}

/* ---- the dates of pages ------------------------------------------------ */

/* The letters of a word at s, any script's: their bytes. */
static size_t word_len(const char *s)
{
    size_t i = 0;
    for (;;) {
        unsigned char c = (unsigned char)s[i];
        if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
            i++;
            continue;
        }
        if (c < 0x80)
            return i;
        size_t j = i;
        if (!ann_is_letter(ann_utf8_next(s, i + 4, &j)))
            return i;
        i = j;
    }
}

/* Does a letter or a digit end s[0..i)? */
static int letter_before(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    unsigned char c = (unsigned char)s[i - 1];
    if (c < 0x80)
        return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
    size_t at = i - 1;
    while (at > 0 && i - at < 4 && ((unsigned char)s[at] & 0xC0) == 0x80)
        at--;
    size_t j = at;
    return ann_is_letter(ann_utf8_next(s, i, &j));
}

size_t ann_page_month(const ann_months *m, const char *s, int *month)
{
    size_t w = word_len(s);
    const month_name *mn = w >= 3 ? find_month(m, s, w, 0) : NULL;
    if (!mn)
        return 0;
    *month = mn->month;
    return w + (s[w] == '.');
}

/* A number of one to four digits at s: its value and length. */
static size_t num_at(const char *s, int *v)
{
    size_t k = 0;
    *v = 0;
    while (k < 5 && s[k] >= '0' && s[k] <= '9')
        *v = *v * 10 + (s[k++] - '0');
    return k;
}

static size_t skip_filler(const char *s)
{
    size_t i = 0;
    for (;;) {
        while (s[i] == ' ' || s[i] == ',' || s[i] == '.' || s[i] == '\t' || s[i] == '\n' ||
               ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0))
            i += (unsigned char)s[i] == 0xC2 ? 2 : 1;
        if ((s[i] | 0x20) == 'd' && (s[i + 1] | 0x20) == 'e' && s[i + 2] == ' ')
            i += 3;     /* "5 de mayo de 2022" */
        else
            return i;
    }
}

static char *ymd(int y, int mo, int d)
{
    if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31)
        return NULL;
    return ann_xasprintf("%04d-%02d-%02d", y, mo, d);
}

/* "19.10.2021", "2021-10-19", "19/10/2021" (day first unless that cannot
 * be) at s[i]. */
static char *numeric_date(const char *s)
{
    int a, b, c;
    size_t k1 = num_at(s, &a);
    char sep = s[k1];
    if (sep != '.' && sep != '/' && sep != '-')
        return NULL;
    size_t k2 = num_at(s + k1 + 1, &b);
    if (!k2 || s[k1 + 1 + k2] != sep)
        return NULL;
    size_t k3 = num_at(s + k1 + k2 + 2, &c);
    if (k1 == 4 && k2 <= 2 && k3 >= 1 && k3 <= 2)
        return ymd(a, b, c);
    if (k1 <= 2 && k2 <= 2 && k3 == 4)
        return sep == '/' && b > 12 ? ymd(c, a, b) : ymd(c, b, a);
    return NULL;
}

/* "8. Dezember 2010", "30 septembre 2018", "5 de mayo de 2022" at a day;
 * "Dezember 8, 2010" at a month. */
static char *written_date(const ann_months *m, const char *s)
{
    int d, y, mo;
    size_t k = num_at(s, &d), ml;
    if (k >= 1 && k <= 2) {
        size_t i = k + skip_filler(s + k);
        if ((ml = ann_page_month(m, s + i, &mo)) != 0) {
            i += ml;
            i += skip_filler(s + i);
            if (num_at(s + i, &y) == 4)
                return ymd(y, mo, d);
        }
        return NULL;
    }
    if ((ml = ann_page_month(m, s, &mo)) != 0) {
        size_t i = ml + skip_filler(s + ml);
        k = num_at(s + i, &d);
        if (k < 1 || k > 2)
            return NULL;
        i += k;
        if (s[i] && strchr("snrt", s[i]) && s[i + 1] && strchr("tdh", s[i + 1]))
            i += 2;     /* 1st, 2nd, 3rd, 4th */
        i += skip_filler(s + i);
        if (num_at(s + i, &y) == 4)
            return ymd(y, mo, d);
    }
    return NULL;
}

char *ann_page_date(const ann_months *m, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80 || letter_before(s, i))
            continue;
        char *got = NULL;
        if (s[i] >= '0' && s[i] <= '9')
            got = numeric_date(s + i);
        if (!got && ((s[i] >= '0' && s[i] <= '9') || word_len(s + i) > 0))
            got = written_date(m, s + i);
        if (got)
            return got;
    }
    return NULL;
}
