/*
 * reader_markup.c - what the HTML and XML readers share: the text buffer
 * that applies HTML's whitespace rules and paragraph breaks, the document
 * made from it, dates as markup writes them, and the iterative tree walk.
 */
#include <string.h>

#include <libxml/tree.h>

#include "date_parse.h"
#include "reader.h"

/* ---- the text buffer ---------------------------------------------------- */

static void tb_add(ann_textbuf *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap)
        ann_grow((void **)&t->p, &t->cap, t->len + n + 1, 1);
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

/* Before the next visible character: the pending break or space.  Nothing
 * at the very start, so the text never begins with blank lines. */
static void tb_flush(ann_textbuf *t)
{
    if (t->len == 0) {
        t->brk = t->space = 0;
        return;
    }
    if (t->brk) {
        int have = 0;   /* newlines already at the end (from <pre>) */
        while ((size_t)have < t->len && have < t->brk && t->p[t->len - 1 - have] == '\n')
            have++;
        /* trailing spaces before a line break are noise */
        while (have == 0 && t->len > 0 && t->p[t->len - 1] == ' ')
            t->len--;
        for (int i = have; i < t->brk; i++)
            tb_add(t, "\n", 1);
    } else if (t->space && t->p[t->len - 1] != '\n' && t->p[t->len - 1] != ' ') {
        tb_add(t, " ", 1);
    }
    t->brk = t->space = 0;
}

void ann_textbuf_break(ann_textbuf *t, int level)
{
    if (level > t->brk)
        t->brk = level;
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whitespace at s[i], including U+00A0 (libxml2 decodes &nbsp; to it):
 * its length in bytes, 0 if none. */
static size_t ws_len(const char *s, size_t n, size_t i)
{
    if (is_ws((unsigned char)s[i]))
        return 1;
    if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

void ann_textbuf_text(ann_textbuf *t, const char *s, size_t n, int ws)
{
    if (ws == ANN_WS_PRE) {
        if (n == 0)
            return;
        tb_flush(t);
        tb_add(t, s, n);
        return;
    }
    size_t i = 0;
    while (i < n) {
        size_t w = ws_len(s, n, i);
        if (w) {
            int newlines = 0;
            while (i < n && (w = ws_len(s, n, i)) != 0) {
                newlines += s[i] == '\n';
                i += w;
            }
            t->space = 1;
            if (ws == ANN_WS_PARAS && newlines >= 2)
                ann_textbuf_break(t, 2);
            continue;
        }
        size_t j = i + 1;
        while (j < n && !ws_len(s, n, j))
            j++;
        tb_flush(t);
        tb_add(t, s + i, j - i);
        i = j;
    }
}

/* Does the text begin with the title (as its whole first line)? */
static int starts_with_line(const char *text, size_t len, const char *line)
{
    size_t n = strlen(line);
    return n <= len && memcmp(text, line, n) == 0 && (n == len || text[n] == '\n');
}

ann_doc *ann_textbuf_doc(ann_textbuf *t, const char *id, const char *path,
                         const char *title, const char *from)
{
    while (t->len > 0 && is_ws((unsigned char)t->p[t->len - 1]))
        t->len--;
    ann_textbuf out = {0};
    if (title && *title && !(t->p && starts_with_line(t->p, t->len, title))) {
        ann_textbuf_text(&out, title, strlen(title), ANN_WS_COLLAPSE);
        ann_textbuf_break(&out, 2);
    }
    if (t->len) {
        tb_flush(&out);
        tb_add(&out, t->p, t->len);
    }
    ann_doc *d = ann_doc_from_bytes(id, path, out.p ? out.p : "", out.len);
    free(out.p);
    free(t->p);
    memset(t, 0, sizeof *t);
    d->extracted_from = ann_xstrdup(from);
    if (title && *title)
        d->title = ann_xstrdup(title);
    return d;
}

/* ---- markup dates -------------------------------------------------------------- */

static int digits(const char *s, size_t n, size_t at, size_t k)
{
    if (at + k > n)
        return -1;
    int v = 0;
    for (size_t i = at; i < at + k; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* One or two digits at s[at]: their value, with *len their count; -1 if
 * none, or if a third digit follows. */
static int one_or_two(const char *s, size_t n, size_t at, size_t *len)
{
    *len = 0;
    int v = 0;
    while (at + *len < n && *len < 3 && s[at + *len] >= '0' && s[at + *len] <= '9')
        v = v * 10 + (s[at + (*len)++] - '0');
    return *len >= 1 && *len <= 2 ? v : -1;
}

/* YYYY, YYYY-MM, YYYY-MM-DD (and what follows; a month or day of one
 * digit too: "2022-5-5"), or YYYYMMDD. */
static char *iso_date(const char *s, size_t n)
{
    int y = digits(s, n, 0, 4);
    if (y < 1000)
        return NULL;
    int m = -1, d = -1;
    if (n > 4 && s[4] == '-') {
        size_t ml, dl;
        m = one_or_two(s, n, 5, &ml);
        if (m >= 0 && n > 5 + ml && s[5 + ml] == '-')
            d = one_or_two(s, n, 6 + ml, &dl);
    } else if (n >= 8 && digits(s, n, 4, 4) >= 0) {
        m = digits(s, n, 4, 2);
        d = digits(s, n, 6, 2);
        if (n > 8 && s[8] >= '0' && s[8] <= '9')
            return NULL;   /* a longer number, not a date */
    } else if (n > 4 && s[4] >= '0' && s[4] <= '9') {
        return NULL;
    }
    if (m == -1)
        return ann_xasprintf("%04d", y);
    if (m < 1 || m > 12)
        return NULL;
    if (d == -1)
        return ann_xasprintf("%04d-%02d", y, m);
    if (d < 1 || d > 31)
        return NULL;
    return ann_xasprintf("%04d-%02d-%02d", y, m, d);
}

char *ann_markup_date(const ann_months *m, const char *s, size_t n)
{
    while (n > 0 && is_ws((unsigned char)*s))
        s++, n--;
    char *iso = iso_date(s, n);
    if (iso)
        return iso;
    /* RFC 822 (RSS): "Fri, 19 Apr 2024 10:00:00 GMT" - skip the weekday. */
    const char *comma = memchr(s, ',', n < 12 ? n : 12);
    for (int pass = 0; pass < 2; pass++) {
        char out[11];
        if (ann_parse_full_date(m, s, n, out))
            return ann_xstrdup(out);
        if (!comma)
            break;
        n -= (size_t)(comma + 1 - s);
        s = comma + 1;
        while (n > 0 && is_ws((unsigned char)*s))
            s++, n--;
    }
    return NULL;
}

/* ---- the walk ---------------------------------------------------------- */

void ann_xml_walk(xmlNode *root, const ann_xml_walker *w)
{
    xmlNode *n = root;
    while (n) {
        if (w->enter(w->ctx, n) && n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (w->leave)
                w->leave(w->ctx, n);
            if (n == root)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}
