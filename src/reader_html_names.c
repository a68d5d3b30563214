/*
 * reader_html_names.c - an author's whole name, where the byline or the
 * page's metadata gives only part of it: a given name alone ("Henry",
 * which the page writes elsewhere as "Henry Steinhau") or an account
 * name ("christian.stadtfeld", written "Christian P. Stadtfeld" under a
 * photo).  The page's texts and its images' alt and title attributes are
 * searched for the part followed by the rest of a name; the spelling the
 * page writes most often wins, none where two tie.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reader_html.h"
#include "utf8.h"

#define MAX_FOUND 16

typedef struct found {
    char *name;     /* as first written, or the first not in capitals */
    size_t count;
} found;

typedef struct search {
    const char *first, *last;   /* last NULL: any capitalized word */
    size_t nfirst, nlast;
    found f[MAX_FOUND];
    size_t n;
} search;

static int name_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80 || c == '-' ||
           c == '\'';
}

static int is_capital(const char *s, size_t len)
{
    size_t j = 0;
    return len && ann_is_upper(ann_utf8_next(s, len, &j));
}

static int all_capitals(const char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            return 0;
    return 1;
}

static void note(search *s, const char *at, size_t len)
{
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->f[i].name) == len && !strncasecmp(s->f[i].name, at, len)) {
            s->f[i].count++;
            /* "Henry Steinhau" rather than "HENRY STEINHAU" */
            if (all_capitals(s->f[i].name))
                memcpy(s->f[i].name, at, len);
            return;
        }
    if (s->n < MAX_FOUND) {
        s->f[s->n].name = ann_xstrndup(at, len);
        s->f[s->n++].count = 1;
    }
}

/* The rest of a name after the part at t[i..): an initial ("P.") may
 * come first; the word that ends it is capitalized (or is s->last).
 * Its end, or 0. */
static size_t rest_at(const search *s, const char *t, size_t i, size_t n)
{
    size_t sp = i;
    while (i < n && t[i] == ' ')
        i++;
    if (i == sp || i - sp > 2)
        return 0;
    /* an initial */
    if (i + 2 < n && t[i] >= 'A' && t[i] <= 'Z' && t[i + 1] == '.' && t[i + 2] == ' ') {
        i += 3;
        while (i < n && t[i] == ' ')
            i++;
    }
    size_t w = i;
    while (i < n && name_byte((unsigned char)t[i]))
        i++;
    if (i - w < 2 || t[i - 1] == '-' || !is_capital(t + w, i - w))
        return 0;
    if (s->last && (i - w != s->nlast || strncasecmp(t + w, s->last, s->nlast)))
        return 0;
    return i;
}

static void search_text(search *s, const char *t)
{
    size_t n = strlen(t);
    for (size_t i = 0; i + s->nfirst < n; i++) {
        if ((i && name_byte((unsigned char)t[i - 1])) || strncasecmp(t + i, s->first, s->nfirst) ||
            name_byte((unsigned char)t[i + s->nfirst]))
            continue;
        size_t end = rest_at(s, t, i + s->nfirst, n);
        if (end)
            note(s, t + i, end - i);
    }
}

static int names_enter(void *ctx, xmlNode *n)
{
    search *s = ctx;
    if (n->type == XML_TEXT_NODE && n->content) {
        search_text(s, (const char *)n->content);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    const char *name = (const char *)n->name;
    if (ann_html_is(name, "script") || ann_html_is(name, "style") || ann_html_is(name, "head"))
        return 0;
    const char *attrs[] = {"alt", "title"};
    for (size_t k = 0; k < 2; k++) {
        const char *v = ann_html_attr(n, attrs[k]);
        if (v)
            search_text(s, v);
    }
    return 1;
}

static void names_leave(void *ctx, xmlNode *n)
{
    (void)ctx;
    (void)n;
}

/* The parts of an account name "first.last", "first_last", "first-last":
 * two words of letters. */
static int handle_parts(const char *a, size_t *nfirst, const char **last)
{
    size_t k = strcspn(a, "._-");
    if (k < 2 || !a[k] || strcspn(a + k + 1, "._-") != strlen(a + k + 1) || strlen(a + k + 1) < 2)
        return 0;
    for (const char *p = a; *p; p++)
        if (!name_byte((unsigned char)*p) && *p != '.' && *p != '_')
            return 0;
    *nfirst = k;
    *last = a + k + 1;
    return 1;
}

char *ann_html_full_name(xmlNode *root, const char *author)
{
    search s = {0};
    s.first = author;
    if (strchr(author, ' ') || !root)
        return NULL;
    if (handle_parts(author, &s.nfirst, &s.last)) {
        s.nlast = strlen(s.last);
    } else {
        /* a given name alone, written as one: "Henry", not "DITIB" or "admin" */
        s.nfirst = strlen(author);
        if (s.nfirst < 3 || !is_capital(author, s.nfirst) || all_capitals(author))
            return NULL;
        for (const char *p = author; *p; p++)
            if (!name_byte((unsigned char)*p) || *p == '-' || *p == '\'')
                return NULL;
    }
    ann_xml_walker w = {names_enter, names_leave, &s};
    ann_xml_walk(root, &w);
    size_t best = 0, tie = 0;
    char *name = NULL;
    for (size_t i = 0; i < s.n; i++) {
        if (s.f[i].count > best) {
            best = s.f[i].count;
            name = s.f[i].name;
            tie = 0;
        } else if (s.f[i].count == best) {
            tie = 1;
        }
    }
    for (size_t i = 0; i < s.n; i++)
        if (s.f[i].name != name || tie)
            free(s.f[i].name);
    return tie ? NULL : name;
}
