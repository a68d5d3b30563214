/*
 * writer_html.c - --format html: one self-contained page for the whole run
 * (inline CSS, a legend, no scripts, no external assets): its title is the
 * document's (or says how many there are), an index links to each
 * document, and each document is a <section> with its metadata, a "who
 * said what" table (each speaker, how many claims, the first one) and its
 * text, each annotation a coloured <mark> whose title tells its type, id
 * and value, and each claim labelled with its speaker as resolved (the
 * person "he" stands for, not "he") and its cue - in the manner of spaCy's
 * displaCy.  The head names every document, so the output holds the
 * sections until the run ends (see ann_writer.head).
 *
 * Each section is built as a libxml2 tree and serialized by libxml2's HTML
 * serializer, which escapes every text node and attribute: document text
 * is data, never markup.  The head is escaped by esc() below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "writer.h"

static const char head_top[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"generator\" content=\"annotate " ANN_VERSION "\">\n";

static const char head_style[] =
    "<style>\n"
    "body{font:15px/1.65 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d1d1f;"
    "background:#f4f4f6;margin:0 auto;max-width:62em;padding:1em 2em}\n"
    "header.run{position:sticky;top:0;background:#f4f4f6;padding:.4em 0;"
    "border-bottom:1px solid #ccc;z-index:1}\n"
    "header.run h1{font-size:1.2em;margin:.2em 0}\n"
    ".legend mark,.legend span{margin-right:.6em}\n"
    "section.doc{background:#fff;border:1px solid #ddd;border-radius:8px;"
    "padding:1em 1.6em;margin:1.4em 0}\n"
    "section.doc h2{font-size:1.3em;margin:.2em 0 .4em}\n"
    "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:0 1em;"
    "font-size:.85em;color:#555;margin:0 0 1em}\n"
    "dl.meta dt{font-weight:600}dl.meta dd{margin:0}\n"
    ".text{white-space:pre-wrap;overflow-wrap:break-word}\n"
    "mark{color:inherit;padding:.05em .25em;border-radius:.3em;"
    "box-decoration-break:clone;-webkit-box-decoration-break:clone}\n"
    "mark::after{content:attr(data-label);font-size:.62em;font-weight:700;"
    "letter-spacing:.03em;margin-left:.35em;opacity:.65;vertical-align:middle}\n"
    "mark.cont::after{content:none}\n"
    "mark.actor{background:#a8dcf7}mark.place{background:#bfeab5}"
    "mark.source{background:#e2c8f6}mark.date{background:#ffe07d}\n"
    ".claim{background:rgba(255,140,100,.13);border-bottom:2px solid #e0704f}\n"
    ".claim::before{content:attr(data-speaker) ' \\2192  ' attr(data-cue);"
    "font-size:.68em;font-weight:700;color:#fff;background:#e0704f;"
    "padding:.05em .4em;border-radius:.3em;margin-right:.3em;vertical-align:middle}\n"
    ".claim.cont::before{content:none}\n"
    ".cue{text-decoration:underline 2px #e0704f;text-underline-offset:3px}\n"
    "p.error{color:#b00020;font-weight:600}\n"
    "nav.index{background:#fff;border:1px solid #ddd;border-radius:8px;padding:.6em 1.6em;"
    "margin:1.4em 0}\n"
    "nav.index h2{font-size:1.1em;margin:.3em 0}nav.index li{margin:.15em 0}\n"
    "nav.index .id,table.who .id{color:#777;font-size:.85em;margin-left:.5em}\n"
    "table.who{border-collapse:collapse;font-size:.88em;margin:0 0 1em;width:100%}\n"
    "table.who caption{text-align:left;font-weight:600;margin:.2em 0}\n"
    "table.who th,table.who td{text-align:left;vertical-align:top;padding:.2em .6em;"
    "border-bottom:1px solid #eee}\n"
    "table.who td.n{text-align:right}\n"
    "ul.warnings{font-size:.8em;color:#8a6d00}\n"
    "</style>\n</head>\n<body>\n";

static const char legend[] =
    "<div class=\"legend\">"
    "<mark class=\"actor\" data-label=\"ACTOR\">actor</mark>"
    "<mark class=\"place\" data-label=\"PLACE\">place</mark>"
    "<mark class=\"source\" data-label=\"SOURCE\">source</mark>"
    "<mark class=\"date\" data-label=\"DATE\">date</mark>"
    "<span class=\"claim\" data-speaker=\"speaker\" data-cue=\"cue\">claim</span>"
    "</div></header>\n";

typedef struct hw {
    const ann_doc *d;
    xmlNode *cur;               /* where the next node goes */
} hw;

static void set(xmlNode *n, const char *name, const char *value)
{
    if (value)
        xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value);
}

static xmlNode *el(xmlNode *parent, const char *name, const char *text)
{
    xmlNode *n = xmlNewNode(NULL, (const xmlChar *)name);
    if (text)
        xmlAddChild(n, xmlNewText((const xmlChar *)text));
    return xmlAddChild(parent, n);
}

static char *span_text(const ann_doc *d, ann_span s)
{
    if (s.end <= s.start || s.end > d->len)
        return NULL;
    return ann_xstrndup(d->text + s.start, s.end - s.start);
}

static char *upper(const char *s)
{
    char *u = ann_xstrdup(s ? s : "");
    for (char *p = u; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return u;
}

static void open_entity(hw *h, xmlNode *m, const ann_inline *s)
{
    static const char *const cats[] = {"", "source", "actor", "place"};
    const ann_entity *e = &h->d->ents[s->item];
    char *label = upper(e->type);
    char *cls = ann_xasprintf("%s t-%s", cats[s->kind], e->type);
    char *title = ann_xasprintf("%s \xC2\xB7 %s \xC2\xB7 %s (%s)", cats[s->kind],
                                e->type, e->id, e->name);
    set(m, "class", cls);
    set(m, "data-label", label);
    set(m, "title", title);
    free(label);
    free(cls);
    free(title);
}

/* The speaker as the view names it: the actor or source the claim was
 * resolved to ("Vladimir Putin" where the text says "he"), else the words
 * that name it, else NULL. */
static char *speaker_name(const ann_doc *d, const ann_claim *c)
{
    if (c->speaker_id) {
        const ann_entity *e = ann_doc_find_entity(d, c->speaker_id);
        return ann_xstrdup(e && e->name && *e->name ? e->name : c->speaker_id);
    }
    return span_text(d, c->speaker);
}

/* The anchor of a document's section, and of its n-th claim. */
static char *anchor(const ann_doc *d, size_t claim)
{
    return claim == (size_t)-1 ? ann_xasprintf("doc-%s", d->id)
                               : ann_xasprintf("doc-%s-c%zu", d->id, claim + 1);
}

static void open_claim(hw *h, xmlNode *m, const ann_inline *s, int cue, int cont)
{
    static const char *const kinds[] = {"direct", "indirect", "mixed"};
    const ann_claim *c = &h->d->claims[s->item];
    const char *kind = kinds[c->kind <= ANN_CLAIM_MIXED ? c->kind : 0];
    char *speaker = span_text(h->d, c->speaker), *cuet = span_text(h->d, c->cue);
    char *name = speaker_name(h->d, c);
    char *cls = ann_xasprintf(cue ? "cue" : "claim %s", kind);
    char *title = ann_xasprintf("claim \xC2\xB7 %s \xC2\xB7 speaker: %s%s%s%s \xC2\xB7 cue: %s",
                                kind, speaker ? speaker : "-", c->speaker_id ? " (" : "",
                                c->speaker_id ? c->speaker_id : "", c->speaker_id ? ")" : "",
                                cuet ? cuet : "-");
    set(m, "class", cls);
    set(m, "title", title);
    if (!cue) {
        set(m, "data-speaker", name ? name : "?");
        set(m, "data-cue", cuet ? cuet : "");
    }
    if (!cue && !cont) {
        char *id = anchor(h->d, s->item);
        set(m, "id", id);
        free(id);
    }
    free(name);
    free(speaker);
    free(cuet);
    free(cls);
    free(title);
}

static void hw_open(void *ctx, const ann_inline *s, int cont)
{
    hw *h = ctx;
    int claim = s->kind == ANN_SPAN_CLAIM || s->kind == ANN_SPAN_CUE;
    xmlNode *m = el(h->cur, claim ? "span" : "mark", NULL);
    if (s->kind == ANN_SPAN_DATE) {
        const ann_date *t = &h->d->dates[s->item];
        char *title = ann_xasprintf("date \xC2\xB7 %s \xC2\xB7 %s", t->type, t->value);
        set(m, "class", "date");
        set(m, "data-label", t->type);
        set(m, "data-value", t->value);
        set(m, "title", title);
        free(title);
    } else if (claim) {
        open_claim(h, m, s, s->kind == ANN_SPAN_CUE, cont);
    } else {
        open_entity(h, m, s);
    }
    if (cont) {   /* the rest of a span cut by another's end: no second label */
        xmlChar *cls = xmlGetProp(m, (const xmlChar *)"class");
        char *c2 = ann_xasprintf("%s cont", cls ? (const char *)cls : "");
        set(m, "class", c2);
        free(c2);
        xmlFree(cls);
    }
    h->cur = m;
}

static void hw_close(void *ctx, const ann_inline *s)
{
    (void)s;
    hw *h = ctx;
    h->cur = h->cur->parent;
}

static void hw_text(void *ctx, const char *s, size_t n)
{
    hw *h = ctx;
    while (n > 0) {   /* libxml2 lengths are ints */
        size_t k = n < (1u << 30) ? n : (1u << 30);
        xmlAddChild(h->cur, xmlNewTextLen((const xmlChar *)s, (int)k));
        s += k;
        n -= k;
    }
}

static void meta_row(xmlNode *dl, const char *name, const char *value)
{
    if (!value)
        return;
    el(dl, "dt", name);
    el(dl, "dd", value);
}

static void doc_meta(hw *h, xmlNode *sec)
{
    const ann_doc *d = h->d;
    xmlNode *dl = el(sec, "dl", NULL);
    set(dl, "class", "meta");
    meta_row(dl, "id", d->id);
    meta_row(dl, "path", d->path);
    if (d->nauthors) {
        ann_buf au = {0};
        for (size_t i = 0; i < d->nauthors; i++) {
            ann_buf_adds(&au, i ? ", " : "");
            ann_buf_adds(&au, d->authors[i]);
        }
        meta_row(dl, "authors", au.p);
        ann_buf_free(&au);
    }
    meta_row(dl, "publisher", d->publisher);
    meta_row(dl, "published", d->published);
    meta_row(dl, "extracted from", d->extracted_from);
    size_t n[3] = {0, 0, 0};
    for (size_t i = 0; i < d->nents; i++)
        n[d->ents[i].cat <= ANN_CAT_SOURCE ? d->ents[i].cat : 0]++;
    char *counts = ann_xasprintf("%zu actors, %zu places, %zu sources, %zu dates, %zu claims, %zu characters",
                                 n[ANN_CAT_ACTOR], n[ANN_CAT_PLACE], n[ANN_CAT_SOURCE],
                                 d->ndates, d->nclaims, d->chars);
    meta_row(dl, "found", counts);
    free(counts);
}

/* ---- who said what ------------------------------------------------------ */

typedef struct who {
    char *name;                /* as the view names the speaker; NULL: none found */
    const char *key;           /* speaker id, else the name */
    size_t n, first;           /* claims, and the first one */
} who;

static int by_claims(const void *a, const void *b)
{
    const who *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* At most max code points of s, and an ellipsis if it had more. */
static char *cut(const char *s, size_t max)
{
    size_t i = 0, cps = 0;
    while (s[i] && cps < max) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        cps++;
    }
    return s[i] ? ann_xasprintf("%.*s\xE2\x80\xA6", (int)i, s) : ann_xstrdup(s);
}

static void who_row(const ann_doc *d, xmlNode *tbody, const who *w)
{
    const ann_claim *c = &d->claims[w->first];
    xmlNode *tr = el(tbody, "tr", NULL);
    xmlNode *td = el(tr, "td", w->name ? w->name : "(no speaker found)");
    if (c->speaker_id)
        set(el(td, "span", c->speaker_id), "class", "id");
    char *count = ann_xasprintf("%zu", w->n);
    set(el(tr, "td", count), "class", "n");
    free(count);
    char *text = span_text(d, c->content), *shown = cut(text ? text : "", 160);
    char *href = anchor(d, w->first), *link = ann_xasprintf("#%s", href);
    set(el(el(tr, "td", NULL), "a", shown), "href", link);
    free(text);
    free(shown);
    free(href);
    free(link);
}

/* Each speaker, how many claims, the first one (linked to its place);
 * the speakers with most claims first. */
static void who_said_what(const ann_doc *d, xmlNode *sec)
{
    if (!d->nclaims)
        return;
    who *v = ann_xcalloc(d->nclaims, sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < d->nclaims; i++) {
        char *name = speaker_name(d, &d->claims[i]);
        const char *key = d->claims[i].speaker_id ? d->claims[i].speaker_id : name ? name : "";
        size_t k = 0;
        while (k < n && strcmp(v[k].key, key) != 0)
            k++;
        if (k < n) {
            v[k].n++;
            free(name);
            continue;
        }
        v[n] = (who){name, NULL, 1, i};
        v[n].key = d->claims[i].speaker_id ? d->claims[i].speaker_id : name ? name : "";
        n++;
    }
    qsort(v, n, sizeof *v, by_claims);
    xmlNode *t = el(sec, "table", NULL);
    set(t, "class", "who");
    el(t, "caption", "Who said what");
    xmlNode *tr = el(el(t, "thead", NULL), "tr", NULL);
    el(tr, "th", "speaker");
    el(tr, "th", "claims");
    el(tr, "th", "first claim");
    xmlNode *tbody = el(t, "tbody", NULL);
    for (size_t k = 0; k < n; k++) {
        who_row(d, tbody, &v[k]);
        free(v[k].name);
    }
    free(v);
}

static xmlNode *build_section(hw *h, xmlNode *sec)
{
    const ann_doc *d = h->d;
    set(sec, "class", d->error ? "doc error" : "doc");
    char *id = anchor(d, (size_t)-1);
    set(sec, "id", id);
    free(id);
    el(sec, "h2", d->title && *d->title ? d->title : d->id);
    if (d->error) {
        meta_row(el(sec, "dl", NULL), "path", d->path);
        xmlSetProp(el(sec, "p", d->error), (const xmlChar *)"class", (const xmlChar *)"error");
        return sec;
    }
    doc_meta(h, sec);
    who_said_what(d, sec);
    static const ann_inline_ops ops = {hw_open, hw_close, hw_text};
    h->cur = el(sec, "div", NULL);
    set(h->cur, "class", "text");
    ann_inline_walk(d, (1u << ANN_SPAN_CLAIM) | (1u << ANN_SPAN_SOURCE) |
                       (1u << ANN_SPAN_ACTOR) | (1u << ANN_SPAN_PLACE) |
                       (1u << ANN_SPAN_DATE) | (1u << ANN_SPAN_CUE), &ops, h);
    if (d->nwarnings) {
        xmlNode *ul = el(sec, "ul", NULL);
        set(ul, "class", "warnings");
        for (size_t i = 0; i < d->nwarnings; i++)
            el(ul, "li", d->warnings[i]);
    }
    return sec;
}

/* The text of s with the characters HTML gives a meaning escaped. */
static void esc(ann_buf *out, const char *s)
{
    for (const char *run = s;; s++) {
        const char *e = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;"
                      : *s == '"' ? "&quot;" : NULL;
        if (!e && *s)
            continue;
        ann_buf_add(out, run, (size_t)(s - run));
        if (!*s)
            return;
        ann_buf_adds(out, e);
        run = s + 1;
    }
}

static const char *title_of(const ann_doc_ref *r)
{
    return r->title && *r->title ? r->title : r->id;
}

static void index_of(ann_buf *out, const ann_doc_ref *docs, size_t n)
{
    ann_buf_adds(out, "<nav class=\"index\"><h2>Documents</h2><ol>\n");
    for (size_t i = 0; i < n; i++) {
        ann_buf_adds(out, "<li><a href=\"#doc-");
        esc(out, docs[i].id);
        ann_buf_adds(out, "\">");
        esc(out, title_of(&docs[i]));
        ann_buf_adds(out, "</a><span class=\"id\">");
        esc(out, docs[i].id);
        ann_buf_adds(out, "</span></li>\n");
    }
    ann_buf_adds(out, "</ol></nav>\n");
}

/* The page's head: one document's title, or how many there are, and
 * with several an index of them. */
static void html_head(ann_buf *out, const ann_doc_ref *docs, size_t n, const ann_write_opts *o)
{
    (void)o;
    char *count = ann_xasprintf("%zu documents", n);
    const char *title = n == 1 ? title_of(&docs[0]) : count;
    ann_buf_adds(out, head_top);
    ann_buf_adds(out, "<title>");
    esc(out, title);
    ann_buf_adds(out, n == 1 ? "" : " \xC2\xB7 annotate");
    ann_buf_adds(out, "</title>\n");
    ann_buf_adds(out, head_style);
    ann_buf_adds(out, "<header class=\"run\"><h1>annotate");
    if (n != 1) {
        ann_buf_adds(out, " \xC2\xB7 ");
        esc(out, count);
    }
    ann_buf_adds(out, "</h1>");
    ann_buf_adds(out, legend);
    if (n > 1)
        index_of(out, docs, n);
    ann_buf_adds(out, "<main>\n");
    free(count);
}

static void html_doc(ann_buf *out, const ann_doc *d, const ann_write_opts *o)
{
    (void)o;
    htmlDocPtr doc = htmlNewDocNoDtD(NULL, NULL);
    xmlNode *sec = xmlNewDocNode(doc, NULL, (const xmlChar *)"section", NULL);
    xmlOutputBuffer *ob = xmlAllocOutputBuffer(NULL);
    if (!doc || !sec || !ob) {
        fputs("annotate: out of memory\n", stderr);
        exit(2);
    }
    xmlDocSetRootElement(doc, sec);
    hw h = {d, sec};
    build_section(&h, sec);
    htmlNodeDumpFormatOutput(ob, doc, sec, "UTF-8", 0);
    xmlOutputBufferFlush(ob);
    ann_buf_add(out, (const char *)xmlOutputBufferGetContent(ob),
                xmlOutputBufferGetSize(ob));
    ann_buf_adds(out, "\n");
    xmlOutputBufferClose(ob);
    xmlFreeDoc(doc);
}

static void html_end(ann_buf *out, const ann_write_opts *o)
{
    (void)o;
    ann_buf_adds(out, "</main>\n</body>\n</html>\n");
}

const ann_writer ann_writer_html = {"html", "html", NULL, html_doc, html_end,
                                    html_head, NULL, NULL};
