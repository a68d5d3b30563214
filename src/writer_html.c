/*
 * writer_html.c - --format html: one self-contained page for the whole run
 * (inline CSS, a legend, no external assets), one <section> per document
 * with its metadata and its text, each annotation a coloured <mark> whose
 * title tells its type, id and value, and each claim with its speaker and
 * cue - in the manner of spaCy's displaCy.
 *
 * Each section is built as a libxml2 tree and serialized by libxml2's HTML
 * serializer, which escapes every text node and attribute: document text
 * is data, never markup.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "writer.h"

static const char head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<meta name=\"generator\" content=\"annotate " ANN_VERSION "\">\n"
    "<title>annotate</title>\n<style>\n"
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
    "ul.warnings{font-size:.8em;color:#8a6d00}\n"
    "</style>\n</head>\n<body>\n"
    "<header class=\"run\"><h1>annotate</h1><div class=\"legend\">"
    "<mark class=\"actor\" data-label=\"ACTOR\">actor</mark>"
    "<mark class=\"place\" data-label=\"PLACE\">place</mark>"
    "<mark class=\"source\" data-label=\"SOURCE\">source</mark>"
    "<mark class=\"date\" data-label=\"DATE\">date</mark>"
    "<span class=\"claim\" data-speaker=\"speaker\" data-cue=\"cue\">claim</span>"
    "</div></header>\n<main>\n";

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

static void open_claim(hw *h, xmlNode *m, const ann_inline *s, int cue)
{
    static const char *const kinds[] = {"direct", "indirect", "mixed"};
    const ann_claim *c = &h->d->claims[s->item];
    const char *kind = kinds[c->kind <= ANN_CLAIM_MIXED ? c->kind : 0];
    char *speaker = span_text(h->d, c->speaker), *cuet = span_text(h->d, c->cue);
    char *cls = ann_xasprintf(cue ? "cue" : "claim %s", kind);
    char *title = ann_xasprintf("claim \xC2\xB7 %s \xC2\xB7 speaker: %s%s%s%s \xC2\xB7 cue: %s",
                                kind, speaker ? speaker : "-", c->speaker_id ? " (" : "",
                                c->speaker_id ? c->speaker_id : "", c->speaker_id ? ")" : "",
                                cuet ? cuet : "-");
    set(m, "class", cls);
    set(m, "title", title);
    if (!cue) {
        set(m, "data-speaker", speaker ? speaker : "?");
        set(m, "data-cue", cuet ? cuet : "");
    }
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
        open_claim(h, m, s, s->kind == ANN_SPAN_CUE);
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

static xmlNode *build_section(hw *h, xmlNode *sec)
{
    const ann_doc *d = h->d;
    set(sec, "class", d->error ? "doc error" : "doc");
    char *anchor = ann_xasprintf("doc-%s", d->id);
    set(sec, "id", anchor);
    free(anchor);
    el(sec, "h2", d->title && *d->title ? d->title : d->id);
    if (d->error) {
        meta_row(el(sec, "dl", NULL), "path", d->path);
        xmlSetProp(el(sec, "p", d->error), (const xmlChar *)"class", (const xmlChar *)"error");
        return sec;
    }
    doc_meta(h, sec);
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

static void html_begin(ann_buf *out, const ann_write_opts *o)
{
    (void)o;
    xmlInitParser();   /* before worker threads build trees */
    ann_buf_adds(out, head);
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

const ann_writer ann_writer_html = {"html", "html", html_begin, html_doc, html_end, NULL, NULL, NULL};
