/*
 * meta.c - title, authors, publisher and date of an article from its text.
 *
 * News text carries its metadata in a few conventional lines: the headline
 * first, a byline ("By X and Y"), a dateline ("Outlet, April 19, 2024"), a
 * closing signature ("Name March 21, 2022"), a credit ("The original source
 * of this article is X").  Each is a general line shape, looked for where
 * it usually stands: bylines and datelines near the top, signatures and
 * credits near the bottom.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date_parse.h"
#include "meta.h"
#include "utf8.h"

#define HEAD_LINES 16          /* where bylines and datelines are looked for */
#define TAIL_LINES 40          /* where signatures and credits are */
#define MAX_META_LINE 400      /* longer lines are prose, not metadata */

typedef struct {
    const char *p;
    size_t n;
} line;

/* ---- small string helpers ------------------------------------------------ */

static line trim(line l)
{
    while (l.n && (l.p[0] == ' ' || l.p[0] == '\t' || l.p[0] == '\r'))
        l.p++, l.n--;
    while (l.n && (l.p[l.n - 1] == ' ' || l.p[l.n - 1] == '\t' || l.p[l.n - 1] == '\r'))
        l.n--;
    /* NBSP at either end */
    while (l.n >= 2 && (unsigned char)l.p[0] == 0xC2 && (unsigned char)l.p[1] == 0xA0)
        l.p += 2, l.n -= 2;
    while (l.n >= 2 && (unsigned char)l.p[l.n - 2] == 0xC2 && (unsigned char)l.p[l.n - 1] == 0xA0)
        l.n -= 2;
    return l;
}

/* Copy of a line without Markdown residue: "[Name](#)" -> "Name", "**" gone. */
static char *plain(line l)
{
    char *out = ann_xmalloc(l.n + 1);
    size_t o = 0;
    for (size_t i = 0; i < l.n; i++) {
        char c = l.p[i];
        if (c == '*' || c == '_' || c == '[')
            continue;
        if (c == ']' && i + 1 < l.n && l.p[i + 1] == '(') {
            const char *close = memchr(l.p + i, ')', l.n - i);
            if (close) {
                i = (size_t)(close - l.p);
                continue;
            }
        }
        if (c == ']')
            continue;
        out[o++] = c;
    }
    out[o] = '\0';
    line t = trim((line){out, o});
    memmove(out, t.p, t.n);
    out[t.n] = '\0';
    return out;
}

static int starts_with_ci(line l, const char *s)
{
    size_t n = strlen(s);
    return l.n >= n && (l.p[0] | 0x20) == (s[0] | 0x20) && strncasecmp(l.p, s, n) == 0;
}

/* ---- names ----------------------------------------------------------------- */

static int is_particle(const char *w, size_t n)
{
    static const char *const p[] = {"van", "von", "de", "der", "den", "da", "di", "del",
                                     "la", "le", "bin", "ibn", "al", "el", "du", "dos", "ter"};
    for (size_t i = 0; i < sizeof p / sizeof *p; i++)
        if (strlen(p[i]) == n && strncmp(w, p[i], n) == 0)
            return 1;
    return 0;
}

/* A personal name: two to five words, each capitalized (or an initial, or
 * a particle like "van"), no digits. */
static int looks_like_name(const char *s)
{
    size_t words = 0, n = strlen(s), i = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t st = i;
        while (i < n && s[i] != ' ')
            i++;
        size_t j = st;
        uint32_t c = ann_utf8_next(s, i, &j);
        if (!ann_is_upper(c) && !is_particle(s + st, i - st))
            return 0;
        for (size_t k = st; k < i; k++)
            if ((s[k] >= '0' && s[k] <= '9') || s[k] == '@' || s[k] == ':' || s[k] == '/')
                return 0;
        words++;
    }
    return words >= 2 && words <= 5;
}

/* Split "A and B, C & D" into names; parts after a comma that are not
 * names ("columnist", "Reuters correspondent") end the list. */
static void add_authors(ann_doc *d, char *s)
{
    char *p = s;
    while (p && *p) {
        char *sep = NULL, *c;
        size_t skip = 0;
        if ((c = strstr(p, " and ")) && (!sep || c < sep))
            sep = c, skip = 5;
        if ((c = strstr(p, " & ")) && (!sep || c < sep))
            sep = c, skip = 3;
        if ((c = strchr(p, ',')) && (!sep || c < sep))
            sep = c, skip = 1;
        if (sep)
            *sep = '\0';
        line t = trim((line){p, strlen(p)});
        char *name = ann_xstrndup(t.p, t.n);
        int ok = looks_like_name(name);
        if (ok)
            ann_doc_add_author(d, name);
        free(name);
        if (!ok && d->nauthors)
            break;
        p = sep ? sep + skip : NULL;
    }
}

/* "By X" lines: the text after "By", with a trailing date cut off and given
 * back in date (if any). */
static int byline(ann_doc *d, line l, char date[11])
{
    l = trim(l);
    if (l.n > MAX_META_LINE || !(starts_with_ci(l, "by ") || starts_with_ci(l, "by:")))
        return 0;
    char *s = plain((line){l.p + 3, l.n - 3});
    char *p = s;
    if (*p == ':')
        p++;
    size_t at;
    date[0] = '\0';
    if (ann_find_full_date(p, strlen(p), date, &at))
        p[at] = '\0';
    size_t before = d->nauthors;
    add_authors(d, p);
    free(s);
    return d->nauthors > before;
}

/* Whether byline() could take l, a line split_lines trimmed: after its
 * own trim the line must start with "by", and that trim moves the start
 * only past a space, tab, CR or NBSP (split_lines' trim can leave a space
 * that stood behind an NBSP).  One byte, not a trim and two compares, for
 * each line of an article read from the bottom. */
static int may_be_byline(line l)
{
    unsigned char c = l.n ? (unsigned char)l.p[0] : 0;
    return (c | 0x20) == 'b' || c == ' ' || c == '\t' || c == '\r' || c == 0xC2;
}

/* A byline without "By": "Jane Corbin, Middle East correspondent" - a name,
 * a comma, and words that hold a title the lexicons know. */
static int role_byline(ann_doc *d, line l, const ann_rules *rules)
{
    const char *comma = memchr(l.p, ',', l.n);
    if (!rules || !comma || l.n > 100 || d->nauthors)
        return 0;
    char *name = plain((line){l.p, (size_t)(comma - l.p)});
    int found = 0;
    if (looks_like_name(name)) {
        const char *p = comma + 1, *end = l.p + l.n;
        while (p < end && !found) {
            while (p < end && *p == ' ')
                p++;
            const char *q = p;
            while (q < end && *q != ' ' && *q != ',')
                q++;
            ann_match m;
            found = q > p && ann_rules_lookup(rules, p, (size_t)(q - p), "title", &m);
            p = q + 1;
        }
        if (found)
            ann_doc_add_author(d, name);
    }
    free(name);
    return found;
}

/* ---- the line scans ---------------------------------------------------------- */

typedef struct {
    line *v;
    size_t n, cap;
} lines;

static void split_lines(const ann_doc *d, lines *out)
{
    const char *p = d->text, *end = d->text + d->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        line l = trim((line){p, (size_t)(le - p)});
        if (l.n)
            ANN_PUSH(out->v, out->n, out->cap, l);
        p = le + 1;
    }
}

static void set_published(ann_doc *d, const char *date)
{
    if (!d->published && date && date[0])
        d->published = ann_xstrdup(date);
}

/* "Outlet, April 19, 2024": a short name, a comma, a date and nothing else. */
static void dateline(ann_doc *d, line l)
{
    char date[11];
    size_t at, used;
    if (l.n > 120 || !(used = ann_find_full_date(l.p, l.n, date, &at)) || at < 3)
        return;
    if (at + used != l.n && !(at + used + 1 == l.n && l.p[l.n - 1] == '.'))
        return;
    char *head = plain((line){l.p, at});
    size_t hn = strlen(head);
    while (hn && (head[hn - 1] == ',' || head[hn - 1] == ' ' || head[hn - 1] == '-'))
        head[--hn] = '\0';
    size_t j = 0;
    uint32_t c = ann_utf8_next(head, hn, &j);
    if (hn && hn < 60 && ann_is_upper(c) && !strchr(head, '.') && !strchr(head, ':') &&
        !starts_with_ci((line){head, hn}, "by ")) {
        if (!d->publisher)
            d->publisher = ann_xstrdup(head);
        set_published(d, date);
    }
    free(head);
}

/* A wire-service dateline opens the first paragraph: "KYIV, Ukraine (AP) —",
 * "WASHINGTON (Reuters) -".  The agency in parentheses is the publisher. */
static void wire_dateline(ann_doc *d, line l)
{
    if (d->publisher)
        return;
    const char *open = memchr(l.p, '(', l.n < 80 ? l.n : 80);
    if (!open || open == l.p)
        return;
    /* the city is in capitals; a country after a comma need not be */
    const char *comma = memchr(l.p, ',', (size_t)(open - l.p));
    for (const char *q = l.p; q < (comma ? comma : open); q++)
        if (*q >= 'a' && *q <= 'z')
            return;
    const char *close = memchr(open, ')', l.n - (size_t)(open - l.p));
    if (!close || close - open < 3 || close - open > 40)
        return;
    const char *after = close + 1;
    while (after < l.p + l.n && *after == ' ')
        after++;
    /* a dash follows: "-", "–", "—" */
    if (after >= l.p + l.n || !(*after == '-' || (unsigned char)*after == 0xE2))
        return;
    d->publisher = ann_xstrndup(open + 1, (size_t)(close - open - 1));
}

/* Every lead below ends in "by ": one pass finds the lines worth three. */
static int has_by(line l)
{
    for (size_t k = 0; k + 3 <= l.n; k++)
        if ((l.p[k] | 0x20) == 'b' && (l.p[k + 1] | 0x20) == 'y' && l.p[k + 2] == ' ')
            return 1;
    return 0;
}

/* Reuters-style credits at the foot: "Reporting by A and B; Editing by C".
 * The reporters are the authors; editors are not. */
static void reporting_by(ann_doc *d, line l)
{
    static const char *const lead[] = {"Reporting by ", "Writing by ", "Additional reporting by "};
    if (d->nauthors || l.n > MAX_META_LINE || !has_by(l))
        return;
    for (size_t i = 0; i < sizeof lead / sizeof *lead; i++) {
        size_t n = strlen(lead[i]);
        const char *at = NULL;
        for (size_t k = 0; k + n <= l.n && !at; k++)
            if ((k == 0 || l.p[k - 1] == '(' || l.p[k - 1] == ' ') &&
                (l.p[k] | 0x20) == (lead[i][0] | 0x20) &&
                strncasecmp(l.p + k, lead[i], n) == 0)
                at = l.p + k + n;
        if (!at)
            continue;
        const char *end = at;
        while (end < l.p + l.n && *end != ';' && *end != ')' && *end != '.')
            end++;
        char *s = plain((line){at, (size_t)(end - at)});
        char *in = strstr(s, " in ");   /* "Reporting by X in Kyiv" */
        if (in)
            *in = '\0';
        add_authors(d, s);
        free(s);
        return;
    }
}

/* "The original source of this article is X" and its relatives. */
static void credit(ann_doc *d, line l)
{
    static const char *const lead[] = {"The original source of this article is ",
                                       "This article was originally published by ",
                                       "This article was originally published in ",
                                       "This article first appeared in ",
                                       "This article first appeared on ",
                                       "Originally published by ", "Originally published in ",
                                       "Originally published at ", "Published by "};
    if (d->publisher || l.n > MAX_META_LINE)
        return;
    for (size_t i = 0; i < sizeof lead / sizeof *lead; i++) {
        size_t n = strlen(lead[i]);
        if (l.n > n && starts_with_ci(l, lead[i])) {
            char *s = plain((line){l.p + n, l.n - n});
            size_t sn = strlen(s);
            while (sn && (s[sn - 1] == '.' || s[sn - 1] == ' '))
                s[--sn] = '\0';
            char *comma = strchr(s, ',');
            if (comma)
                *comma = '\0';
            if (*s)
                d->publisher = ann_xstrdup(s);
            free(s);
            return;
        }
    }
}

/* A closing signature: "David R. Cameron March 21, 2022". */
static void signature(ann_doc *d, line l)
{
    char date[11];
    size_t at, used;
    /* the date must end the line, and every date ends in a digit */
    if (l.n > 120 || l.n == 0 || !(l.p[l.n - 1] >= '0' && l.p[l.n - 1] <= '9'))
        return;
    if (!(used = ann_find_full_date(l.p, l.n, date, &at)) || at < 4 || at + used != l.n)
        return;
    char *name = plain((line){l.p, at});
    size_t nn = strlen(name);
    while (nn && (name[nn - 1] == ',' || name[nn - 1] == ' ' || name[nn - 1] == '-'))
        name[--nn] = '\0';
    if (looks_like_name(name)) {
        if (!d->nauthors)
            ann_doc_add_author(d, name);
        set_published(d, date);
    }
    free(name);
}

static void published_line(ann_doc *d, line l)
{
    static const char *const lead[] = {"Published:", "Published on", "Published", "Date:",
                                       "Posted on", "Posted:", "Updated:"};
    char date[11];
    size_t at;
    for (size_t i = 0; i < sizeof lead / sizeof *lead; i++)
        if (starts_with_ci(l, lead[i]) && l.n < 120 && ann_find_full_date(l.p, l.n, date, &at)) {
            set_published(d, date);
            return;
        }
}

#define MAX_TITLE 2000   /* bytes: a "first line" of megabytes is no title */

static void title(ann_doc *d, const lines *ls)
{
    if (d->title || ls->n == 0)
        return;
    line l = ls->v[0];
    while (l.n && l.p[0] == '#')
        l.p++, l.n--;
    l = trim(l);
    if (l.n > MAX_TITLE) {
        l.n = MAX_TITLE;
        while (l.n && ((unsigned char)l.p[l.n] & 0xC0) == 0x80)
            l.n--;   /* cut on a character boundary */
    }
    d->title = ann_xstrndup(l.p, l.n);
}

void ann_meta_extract(ann_doc *d, const ann_rules *rules)
{
    lines ls = {0};
    split_lines(d, &ls);
    title(d, &ls);
    int had_authors = d->nauthors > 0;
    char date[11];
    size_t head = ls.n < HEAD_LINES ? ls.n : HEAD_LINES;
    for (size_t i = 1; i < head; i++) {
        if (!had_authors && !d->nauthors && byline(d, ls.v[i], date))
            set_published(d, date);
        if (!had_authors && i <= 3)
            role_byline(d, ls.v[i], rules);
        dateline(d, ls.v[i]);
        published_line(d, ls.v[i]);
        wire_dateline(d, ls.v[i]);
    }
    /* No byline at the top: the last one in the article is its author's
     * (one further up may credit a quoted piece). */
    for (size_t i = ls.n; !had_authors && !d->nauthors && i > head; i--)
        if (may_be_byline(ls.v[i - 1]) && byline(d, ls.v[i - 1], date))
            break;
    size_t tail = ls.n > TAIL_LINES ? ls.n - TAIL_LINES : 1;
    for (size_t i = ls.n; i > tail; i--) {
        credit(d, ls.v[i - 1]);
        signature(d, ls.v[i - 1]);
        reporting_by(d, ls.v[i - 1]);
    }
    free(ls.v);
}
