/*
 * meta.c - title, authors, publisher and date of an article from its text.
 *
 * News text carries its metadata in a few conventional lines: the headline
 * first, a byline ("By X and Y"), a dateline ("Outlet, April 19, 2024"), a
 * closing signature ("Name March 21, 2022"), a credit ("The original source
 * of this article is X").  Each is a general line shape, looked for where
 * it usually stands: bylines and datelines near the top, signatures and
 * credits near the bottom (a closing name alone, "Jane Doe", only when its
 * first word is a given name of the lexicons).  The leads of those lines
 * ("By", "Reporting by", "Published:") and the particles of names ("van",
 * "de") are data, meta/leads.tsv and meta/particles.txt; the month names
 * are the date parser's (meta/months.tsv).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "annotate.h"
#include "date_parse.h"
#include "meta.h"
#include "rulefile.h"
#include "table.h"
#include "utf8.h"

#define HEAD_LINES 16          /* where bylines and datelines are looked for */
#define TAIL_LINES 40          /* where signatures and credits are */
#define MAX_META_LINE 400      /* longer lines are prose, not metadata */

typedef struct {
    const char *p;
    size_t n;
} line;

/* ---- the rules: meta/leads.tsv, meta/particles.txt, meta/lowercase.txt ---- */

enum { LEAD_BYLINE, LEAD_CREDIT, LEAD_PUBLISHER, LEAD_DATE, NLEADKINDS };

typedef struct lead {
    char *s;
    size_t n;
    int kind;
} lead;

typedef struct word {
    const char *s;
    size_t n;
} word;

/* A set of words, one a line of its file; longest: the longest word's
 * bytes, so that most words asked are turned away unhashed. */
typedef struct word_set {
    char **w;
    size_t n, cap, longest;
    ann_table index;           /* ann_hash of the word as stored */
} word_set;

struct ann_meta_rules {
    lead *leads;               /* in the order of the files */
    size_t nleads, capleads;
    unsigned char byline_first[256];   /* first bytes of the byline leads, either case */
    unsigned char credit_first[256];   /* the same for the credit leads */
    word_set particles;        /* as written ("van", "de") */
    /* The words news writes in lower case: twelve thousand, which a hash
     * table took 10M instructions to build at every start (three times
     * the rest of the start-up) and an array of the lines 3M.  The
     * built-in file is written sorted (make train; tests/test_rules.c
     * checks it), so it is searched in place, its lines never split:
     * builtin[0, nbuiltin) is its text after the header.  A user's words
     * are copied into a sorted array (copies: freed with the rules). */
    const char *builtin;
    size_t nbuiltin;
    word *lowercase;
    size_t nlowercase, caplowercase;
    char **copies;
    size_t ncopies, capcopies;
};

/* What the scans know: the meta/ rules, the month names, the lexicons. */
typedef struct know {
    const ann_meta_rules *meta;
    const ann_months *months;
    const ann_rules *rules;
} know;

static int lead_line(void *ctx, const char *s, size_t len, const char *name, size_t lineno,
                     char *err, size_t errlen)
{
    static const char *const kinds[NLEADKINDS] = {"byline", "credit", "publisher", "date"};
    ann_meta_rules *r = ctx;
    ann_field f[2];
    size_t nf = ann_rule_fields(s, len, f, 2);
    int k = 0;
    while (nf == 2 && k < NLEADKINDS &&
           !(strlen(kinds[k]) == f[1].n && !memcmp(kinds[k], f[1].s, f[1].n)))
        k++;
    if (nf != 2 || f[0].n == 0 || k == NLEADKINDS) {
        ann_load_error(err, errlen, name, lineno,
                       "want a lead and its kind (byline, credit, publisher or date), "
                       "tab-separated");
        return -1;
    }
    lead l = {ann_xstrndup(f[0].s, f[0].n), f[0].n, k};
    if (k == LEAD_BYLINE || k == LEAD_CREDIT) {
        unsigned char c = (unsigned char)l.s[0];
        unsigned char *first = k == LEAD_BYLINE ? r->byline_first : r->credit_first;
        first[c] = 1;
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            first[c ^ 0x20] = 1;
    }
    ANN_PUSH(r->leads, r->nleads, r->capleads, l);
    return 0;
}

static int word_line(word_set *ws, const char *s, size_t len, const char *name, size_t lineno,
                     char *err, size_t errlen)
{
    if (memchr(s, ' ', len) || memchr(s, '\t', len)) {
        ann_load_error(err, errlen, name, lineno, "want one word");
        return -1;
    }
    ann_table_put(&ws->index, ann_hash(s, len), ws->n);
    if (len > ws->longest)
        ws->longest = len;
    ANN_PUSH(ws->w, ws->n, ws->cap, ann_xstrndup(s, len));
    return 0;
}

static int particle_line(void *ctx, const char *s, size_t len, const char *name,
                         size_t lineno, char *err, size_t errlen)
{
    return word_line(&((ann_meta_rules *)ctx)->particles, s, len, name, lineno, err, errlen);
}

static int lowercase_line(void *ctx, const char *s, size_t len, const char *name,
                          size_t lineno, char *err, size_t errlen)
{
    ann_meta_rules *r = ctx;
    for (size_t i = 0; i < len; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' ' || s[i] == '\t') {
            ann_load_error(err, errlen, name, lineno, "want one word in lower case");
            return -1;
        }
    char *copy = ann_xstrndup(s, len);   /* the user's file is freed after loading */
    ANN_PUSH(r->copies, r->ncopies, r->capcopies, copy);
    word w = {copy, len};
    ANN_PUSH(r->lowercase, r->nlowercase, r->caplowercase, w);
    return 0;
}

/* The built-in word list's text after its header of comments. */
static void builtin_lowercase(ann_meta_rules *r, const ann_rule_src *src)
{
    const char *p = src->data, *end = src->data + src->len;
    while (p < end && (*p == '#' || *p == '\n')) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    r->builtin = p;
    r->nbuiltin = (size_t)(end - p);
}

static int word_cmp(const void *a, const void *b)
{
    const word *x = a, *y = b;
    int c = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Sort the lower-case words for bsearch, unless they are already: the
 * built-in file is written sorted, a user's need not be. */
static void sort_lowercase(ann_meta_rules *r)
{
    for (size_t i = 1; i < r->nlowercase; i++)
        if (word_cmp(&r->lowercase[i - 1], &r->lowercase[i]) > 0) {
            qsort(r->lowercase, r->nlowercase, sizeof *r->lowercase, word_cmp);
            break;
        }
}

ann_meta_rules *ann_meta_rules_new(const ann_rule_src *srcs, size_t n, char *err,
                                   size_t errlen)
{
    ann_meta_rules *r = ann_xcalloc(1, sizeof *r);
    for (size_t i = 0; i < n; i++) {
        const char *t = srcs[i].tree;
        if (srcs[i].builtin && !r->builtin && !strcmp(t, "meta/lowercase.txt")) {
            builtin_lowercase(r, &srcs[i]);
            continue;
        }
        ann_line_fn fn = !strcmp(t, "meta/leads.tsv")       ? lead_line
                         : !strcmp(t, "meta/lowercase.txt") ? lowercase_line
                                                            : particle_line;
        if (ann_rule_lines(&srcs[i], fn, r, err, errlen) < 0) {
            ann_meta_rules_free(r);
            return NULL;
        }
    }
    sort_lowercase(r);
    return r;
}

static void word_set_free(word_set *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->w[i]);
    free(ws->w);
    ann_table_free(&ws->index);
}

/* Whether ws holds w[0..n), whose hash is h. */
static int word_set_has(const word_set *ws, const char *w, size_t n, uint64_t h)
{
    size_t pos = 0, i;
    while ((i = ann_table_next(&ws->index, h, &pos)) != ANN_TABLE_END)
        if (strlen(ws->w[i]) == n && memcmp(w, ws->w[i], n) == 0)
            return 1;
    return 0;
}

void ann_meta_rules_free(ann_meta_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nleads; i++)
        free(r->leads[i].s);
    free(r->leads);
    word_set_free(&r->particles);
    free(r->lowercase);
    for (size_t i = 0; i < r->ncopies; i++)
        free(r->copies[i]);
    free(r->copies);
    free(r);
}

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

int ann_meta_particle(const ann_meta_rules *r, const char *w, size_t n)
{
    /* most words asked are longer than any particle: no hash */
    return r && n <= r->particles.longest && word_set_has(&r->particles, w, n, ann_hash(w, n));
}

/* Whether the sorted lines of text[0, len) hold key: a binary search on
 * bytes, each probe widened to the line it falls in. */
static int sorted_lines_have(const char *text, size_t len, const word *key)
{
    size_t lo = 0, hi = len;                    /* lo and hi start lines */
    while (lo < hi) {
        size_t s = lo + (hi - lo) / 2;
        while (s > lo && text[s - 1] != '\n')
            s--;
        const char *nl = memchr(text + s, '\n', len - s);
        size_t e = nl ? (size_t)(nl - text) : len;
        word line = {text + s, e - s};
        int c = word_cmp(key, &line);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = s;
        else
            lo = e + 1;
    }
    return 0;
}

int ann_meta_lowercase(const ann_meta_rules *r, const char *w, size_t n)
{
    char low[64];
    if (!r || n > sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] | 0x20 : w[i]);
    word key = {low, n};
    return (r->nbuiltin && sorted_lines_have(r->builtin, r->nbuiltin, &key)) ||
           (r->nlowercase && bsearch(&key, r->lowercase, r->nlowercase, sizeof key, word_cmp));
}

static int is_particle(const know *k, const char *w, size_t n)
{
    return ann_meta_particle(k->meta, w, n);
}

/* A personal name: two to five words, each capitalized (or an initial, or
 * a particle like "van"), no digits. */
static int looks_like_name(const know *kn, const char *s)
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
        if (!ann_is_upper(c) && !is_particle(kn, s + st, i - st))
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
static void add_authors(const know *k, ann_doc *d, char *s)
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
        int ok = looks_like_name(k, name);
        if (ok)
            ann_doc_add_author(d, name);
        free(name);
        if (!ok && d->nauthors)
            break;
        p = sep ? sep + skip : NULL;
    }
}

/* The byline lead that opens l, followed by a space or a colon: its
 * length, 0 if none. */
static size_t byline_lead(const know *k, line l)
{
    for (size_t i = 0; k->meta && i < k->meta->nleads; i++) {
        const lead *ld = &k->meta->leads[i];
        if (ld->kind == LEAD_BYLINE && l.n > ld->n && starts_with_ci(l, ld->s) &&
            (l.p[ld->n] == ' ' || l.p[ld->n] == ':'))
            return ld->n;
    }
    return 0;
}

/* "By X" lines: the text after "By", with a trailing date cut off and given
 * back in date (if any). */
static int byline(const know *k, ann_doc *d, line l, char date[11])
{
    l = trim(l);
    size_t lead = l.n > MAX_META_LINE ? 0 : byline_lead(k, l);
    if (!lead)
        return 0;
    char *s = plain((line){l.p + lead + 1, l.n - lead - 1});
    char *p = s;
    if (*p == ':')
        p++;
    size_t at;
    date[0] = '\0';
    if (ann_find_full_date(k->months, p, strlen(p), date, &at))
        p[at] = '\0';
    size_t before = d->nauthors;
    add_authors(k, d, p);
    free(s);
    return d->nauthors > before;
}

/* Whether byline() could take l, a line split_lines trimmed: after its
 * own trim the line must start with a byline lead, and that trim moves
 * the start only past a space, tab, CR or NBSP (split_lines' trim can
 * leave a space that stood behind an NBSP).  One byte, not a trim and
 * compares, for each line of an article read from the bottom. */
static int may_be_byline(const know *k, line l)
{
    unsigned char c = l.n ? (unsigned char)l.p[0] : 0;
    return (k->meta && k->meta->byline_first[c]) || c == ' ' || c == '\t' || c == '\r' ||
           c == 0xC2;
}

/* A byline without "By": "Jane Corbin, Middle East correspondent" - a name,
 * a comma, and words that hold a title the lexicons know. */
static int role_byline(const know *k, ann_doc *d, line l)
{
    const ann_rules *rules = k->rules;
    const char *comma = memchr(l.p, ',', l.n);
    if (!rules || !comma || l.n > 100 || d->nauthors)
        return 0;
    char *name = plain((line){l.p, (size_t)(comma - l.p)});
    int found = 0;
    if (looks_like_name(k, name)) {
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
static void dateline(const know *k, ann_doc *d, line l)
{
    char date[11];
    size_t at, used;
    if (l.n > 120 || !(used = ann_find_full_date(k->months, l.p, l.n, date, &at)) || at < 3)
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

/* Are a[0..n) and b[0..n) the same up to ASCII case, as strncasecmp
 * decides in the C locale (b has no NUL before n)?  Inline: most places
 * differ at the first or second byte. */
static inline int same_ci(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
        if (x >= 'A' && x <= 'Z')
            x |= 0x20;
        if (y >= 'A' && y <= 'Z')
            y |= 0x20;
        if (x != y)
            return 0;
    }
    return 1;
}

/* Where the first credit lead of the file that stands in l, as words of
 * their own, does so first ("… (Reporting by A; Editing by B)"): the
 * byte after it and its blank, or NULL.  One pass over the line for all
 * the leads, stopping only at a byte that may begin one: the last lines
 * of every document without a byline are read, and a pass a lead over
 * every byte cost a short article more than the rest of its metadata
 * (a twentieth of the whole run over CoNLL's). */
static const char *credit_at(const ann_meta_rules *m, line l)
{
    const lead *best = m->leads + m->nleads;    /* none yet */
    const char *at = NULL;
    for (size_t j = 0; j < l.n; j++) {
        if (!(j == 0 || l.p[j - 1] == ' ' || l.p[j - 1] == '(') ||
            !m->credit_first[(unsigned char)l.p[j]])
            continue;
        /* a later place counts only for a lead before the one found */
        for (const lead *ld = m->leads; ld < best; ld++) {
            size_t n = ld->n;
            if (ld->kind == LEAD_CREDIT && j + n < l.n && same_ci(l.p + j, ld->s, n) &&
                l.p[j + n] == ' ') {
                best = ld;
                at = l.p + j + n + 1;
                break;
            }
        }
    }
    return at;
}

/* Reuters-style credits at the foot: "Reporting by A and B; Editing by C".
 * The reporters are the authors; editors are not. */
static void reporting_by(const know *k, ann_doc *d, line l)
{
    if (d->nauthors || l.n > MAX_META_LINE || !k->meta)
        return;
    const char *at = credit_at(k->meta, l);
    if (!at)
        return;
    const char *end = at;
    while (end < l.p + l.n && *end != ';' && *end != ')' && *end != '.')
        end++;
    char *s = plain((line){at, (size_t)(end - at)});
    char *in = strstr(s, " in ");   /* "Reporting by X in Kyiv" */
    if (in)
        *in = '\0';
    add_authors(k, d, s);
    free(s);
}

/* "The original source of this article is X" and its relatives. */
static void credit(const know *k, ann_doc *d, line l)
{
    if (d->publisher || l.n > MAX_META_LINE)
        return;
    for (size_t i = 0; k->meta && i < k->meta->nleads; i++) {
        const lead *ld = &k->meta->leads[i];
        size_t n = ld->n + 1;
        if (ld->kind == LEAD_PUBLISHER && l.n > n && starts_with_ci(l, ld->s) &&
            l.p[ld->n] == ' ') {
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
static void signature(const know *k, ann_doc *d, line l)
{
    char date[11];
    size_t at, used;
    /* the date must end the line, and every date ends in a digit */
    if (l.n > 120 || l.n == 0 || !(l.p[l.n - 1] >= '0' && l.p[l.n - 1] <= '9'))
        return;
    if (!(used = ann_find_full_date(k->months, l.p, l.n, date, &at)) || at < 4 ||
        at + used != l.n)
        return;
    char *name = plain((line){l.p, at});
    size_t nn = strlen(name);
    while (nn && (name[nn - 1] == ',' || name[nn - 1] == ' ' || name[nn - 1] == '-'))
        name[--nn] = '\0';
    if (looks_like_name(k, name)) {
        if (!d->nauthors)
            ann_doc_add_author(d, name);
        set_published(d, date);
    }
    free(name);
}

/* A closing signature of a name alone, the article's last line: "Marina
 * Mucha".  A name of two to five words whose first is a given name of the
 * lexicons (weak ones too: a capitalized word follows), so that a last
 * line like "Related Articles" is none. */
static void closing_name(const know *k, ann_doc *d, line l, line before)
{
    /* not a list's next line ("..., Steve Jurgenson ,\nBryan Gorman"); no
     * period (a letter's signature, "John Roe.", signs a letter, not the
     * page) */
    char end = before.n ? before.p[before.n - 1] : 0;
    if (d->nauthors || l.n > 60 || !k->rules || l.p[l.n - 1] == '.' || end == ',' ||
        end == ';' || end == '-')
        return;
    char *name = plain(l);
    ann_match g;
    if (looks_like_name(k, name) &&
        ann_rules_lookup(k->rules, name, strcspn(name, " "), "given", &g))
        ann_doc_add_author(d, name);
    free(name);
}

static void published_line(const know *k, ann_doc *d, line l)
{
    char date[11];
    size_t at;
    for (size_t i = 0; k->meta && i < k->meta->nleads; i++)
        if (k->meta->leads[i].kind == LEAD_DATE && starts_with_ci(l, k->meta->leads[i].s) &&
            l.n < 120 && ann_find_full_date(k->months, l.p, l.n, date, &at)) {
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

void ann_meta_extract(ann_doc *d, const ann_engine *e)
{
    know k = {e ? e->meta : NULL, e ? e->months : NULL, e ? e->rules : NULL};
    lines ls = {0};
    split_lines(d, &ls);
    title(d, &ls);
    int had_authors = d->nauthors > 0;
    char date[11];
    size_t head = ls.n < HEAD_LINES ? ls.n : HEAD_LINES;
    for (size_t i = 1; i < head; i++) {
        if (!had_authors && !d->nauthors && byline(&k, d, ls.v[i], date))
            set_published(d, date);
        if (!had_authors && i <= 3)
            role_byline(&k, d, ls.v[i]);
        dateline(&k, d, ls.v[i]);
        published_line(&k, d, ls.v[i]);
        wire_dateline(d, ls.v[i]);
    }
    /* No byline at the top: the last one in the article is its author's
     * (one further up may credit a quoted piece). */
    for (size_t i = ls.n; !had_authors && !d->nauthors && i > head; i--)
        if (may_be_byline(&k, ls.v[i - 1]) && byline(&k, d, ls.v[i - 1], date))
            break;
    size_t tail = ls.n > TAIL_LINES ? ls.n - TAIL_LINES : 1;
    for (size_t i = ls.n; i > tail; i--) {
        credit(&k, d, ls.v[i - 1]);
        signature(&k, d, ls.v[i - 1]);
        reporting_by(&k, d, ls.v[i - 1]);
    }
    if (!had_authors && ls.n > 3)
        closing_name(&k, d, ls.v[ls.n - 1], ls.v[ls.n - 2]);
    free(ls.v);
}
