/*
 * writer_xml.c - --format xml: each document's text with its annotations as
 * inline elements (<actor>, <place>, <source>, <TIMEX3>, <claim>), written
 * with libxml2's xmlTextWriter.  Also the span nesting both markup writers
 * share (ann_inline_walk).
 *
 *   <annotations>
 *   <doc id="…" path="…" title="…" authors="A; B" publisher="…" published="…">
 *   <text>… <actor id="nato" type="organization">NATO</actor> …</text>
 *   </doc>
 *   </annotations>
 *
 * The text inside <text> is the document text exactly, so its string value
 * gives back every offset (apart from characters XML cannot carry, which
 * become U+FFFD, one for one).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "utf8.h"
#include "writer.h"

/* ---- span nesting ------------------------------------------------------- */

static size_t back_to_char(const char *s, size_t i)
{
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static void add_span(ann_inline **v, size_t *n, size_t *cap, const ann_doc *d,
                     ann_span_kind kind, ann_span s, size_t item)
{
    size_t a = s.start < d->len ? back_to_char(d->text, s.start) : d->len;
    size_t b = s.end < d->len ? back_to_char(d->text, s.end) : d->len;
    if (b < s.end && s.end < d->len)   /* end inside a character: take all of it */
        ann_utf8_next(d->text, d->len, &b);
    if (a >= b)
        return;
    ann_inline x = {kind, a, b, item};
    ANN_PUSH(*v, *n, *cap, x);
}

/* By start, the longer first, then claims outside entities outside dates. */
static int cmp_span(const void *pa, const void *pb)
{
    const ann_inline *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return a->item < b->item ? -1 : a->item > b->item;
}

static size_t collect(const ann_doc *d, unsigned kinds, ann_inline **out)
{
    ann_inline *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < d->nents; i++) {
        const ann_entity *e = &d->ents[i];
        ann_span_kind k = e->cat == ANN_CAT_ACTOR ? ANN_SPAN_ACTOR
                        : e->cat == ANN_CAT_PLACE ? ANN_SPAN_PLACE : ANN_SPAN_SOURCE;
        if (kinds & (1u << k))
            for (size_t m = 0; m < e->nmentions; m++)
                add_span(&v, &n, &cap, d, k, e->mentions[m], i);
    }
    for (size_t i = 0; i < d->ndates && (kinds & (1u << ANN_SPAN_DATE)); i++)
        add_span(&v, &n, &cap, d, ANN_SPAN_DATE, d->dates[i].span, i);
    for (size_t i = 0; i < d->nclaims; i++) {
        if (kinds & (1u << ANN_SPAN_CLAIM))
            add_span(&v, &n, &cap, d, ANN_SPAN_CLAIM, d->claims[i].content, i);
        if (kinds & (1u << ANN_SPAN_CUE))
            add_span(&v, &n, &cap, d, ANN_SPAN_CUE, d->claims[i].cue, i);
    }
    if (n > 1)
        qsort(v, n, sizeof *v, cmp_span);
    *out = v;
    return n;
}

/* XML 1.0 allows tab, newline, CR, U+0020-U+D7FF, U+E000-U+FFFD and above;
 * anything else (a stray control character) goes out as U+FFFD. */
static void emit_text(const ann_inline_ops *ops, void *ctx, const char *s, size_t n)
{
    size_t run = 0, i = 0;
    while (i < n) {
        size_t at = i;
        uint32_t c = ann_utf8_next(s, n, &i);
        int ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c < 0xFFFE);
        if (ok && !(c == ANN_REPLACEMENT && i - at != 3))
            continue;
        if (at > run)
            ops->text(ctx, s + run, at - run);
        ops->text(ctx, "\xEF\xBF\xBD", 3);
        run = i;
    }
    if (n > run)
        ops->text(ctx, s + run, n - run);
}

/* Close everything down to the lowest open span that ends at p; the ones
 * above it that go on are opened again at once. */
static void close_at(const ann_inline_ops *ops, void *ctx, const ann_inline **stack,
                     size_t *depth, size_t p, const ann_inline **reopen)
{
    size_t low = *depth;
    for (size_t i = 0; i < *depth; i++)
        if (stack[i]->end <= p) {
            low = i;
            break;
        }
    if (low == *depth)
        return;
    size_t nre = 0;
    while (*depth > low) {
        const ann_inline *s = stack[--*depth];
        ops->close(ctx, s);
        if (s->end > p)
            reopen[nre++] = s;
    }
    while (nre > 0) {   /* in their original order, outermost first */
        const ann_inline *s = reopen[--nre];
        ops->open(ctx, s, 1);
        stack[(*depth)++] = s;
    }
}

void ann_inline_walk(const ann_doc *d, unsigned kinds,
                     const ann_inline_ops *ops, void *ctx)
{
    ann_inline *v;
    size_t n = collect(d, kinds, &v);
    const ann_inline **stack = ann_xmalloc((n + 1) * sizeof *stack);
    const ann_inline **reopen = ann_xmalloc((n + 1) * sizeof *reopen);
    size_t depth = 0, pos = 0, next = 0;
    for (;;) {
        size_t p = d->len;
        if (next < n && v[next].start < p)
            p = v[next].start;
        for (size_t i = 0; i < depth; i++)
            if (stack[i]->end < p)
                p = stack[i]->end;
        if (p > pos)
            emit_text(ops, ctx, d->text + pos, p - pos);
        pos = p;
        close_at(ops, ctx, stack, &depth, p, reopen);
        while (next < n && v[next].start == p) {
            ops->open(ctx, &v[next], 0);
            stack[depth++] = &v[next++];
        }
        if (next >= n && depth == 0) {
            if (d->len > pos)
                emit_text(ops, ctx, d->text + pos, d->len - pos);
            break;
        }
    }
    free(stack);
    free(reopen);
    free(v);
}

/* ---- the writer --------------------------------------------------------- */

/* A piece of text libxml2 is given at a time: a long run of text is not
 * copied whole into the scratch buffer, and the output may stream
 * between two pieces. */
#define XML_PIECE (64u << 10)

void ann_xml_sink_open(ann_xml_sink *x, ann_buf *out, const ann_write_opts *o)
{
    memset(x, 0, sizeof *x);
    x->buf = xmlBufferCreate();
    x->w = x->buf ? xmlNewTextWriterMemory(x->buf, 0) : NULL;
    if (!x->w) {
        fputs("annotate: out of memory\n", stderr);
        exit(2);
    }
    x->out = out;
    x->o = o;
}

/* Streaming: what the memory holds, out and on, once it is large. */
static void sink_stream(ann_xml_sink *x)
{
    if (!x->o || !x->o->flush || (size_t)xmlBufferLength(x->buf) < x->o->flush_at)
        return;
    xmlTextWriterFlush(x->w);
    ann_buf_add(x->out, (const char *)xmlBufferContent(x->buf), (size_t)xmlBufferLength(x->buf));
    xmlBufferEmpty(x->buf);
    x->o->flush(x->o->flush_ctx, x->out);
}

void ann_xml_sink_text(ann_xml_sink *x, const char *s, size_t n)
{
    while (n > 0) {
        size_t k = n;
        if (k > XML_PIECE) {   /* cut before a character, not inside one */
            k = XML_PIECE;
            while (k > 1 && ((unsigned char)s[k] & 0xC0) == 0x80)
                k--;
        }
        x->scratch.len = 0;
        ann_buf_add(&x->scratch, s, k);
        xmlTextWriterWriteString(x->w, (const xmlChar *)x->scratch.p);
        sink_stream(x);
        s += k;
        n -= k;
    }
}

void ann_xml_sink_close(ann_xml_sink *x)
{
    xmlFreeTextWriter(x->w);   /* flushes into buf */
    ann_buf_add(x->out, (const char *)xmlBufferContent(x->buf), (size_t)xmlBufferLength(x->buf));
    ann_buf_adds(x->out, "\n");
    xmlBufferFree(x->buf);
    ann_buf_free(&x->scratch);
}

typedef struct xw {
    ann_xml_sink s;
    const ann_doc *d;
} xw;

static void scratch_add(void *ctx, const char *s, size_t n)
{
    ann_buf_add(&((xw *)ctx)->s.scratch, s, n);
}

/* s[0..n) as an attribute value: escaped here, because libxml2 writes
 * every non-ASCII character of an attribute as a character reference when
 * it is not writing a whole document. */
static void attr_n(xw *x, const char *name, const char *s, size_t n)
{
    static const ann_inline_ops ops = {NULL, NULL, scratch_add};
    x->s.scratch.len = 0;
    ann_buf_add(&x->s.scratch, "", 0);
    emit_text(&ops, x, s, n);
    ann_buf esc = {0};
    ann_buf_add(&esc, "", 0);
    for (const char *p = x->s.scratch.p; *p; p++) {
        switch (*p) {
        case '&': ann_buf_adds(&esc, "&amp;"); break;
        case '<': ann_buf_adds(&esc, "&lt;"); break;
        case '>': ann_buf_adds(&esc, "&gt;"); break;
        case '"': ann_buf_adds(&esc, "&quot;"); break;
        case '\t': ann_buf_adds(&esc, "&#9;"); break;
        case '\n': ann_buf_adds(&esc, "&#10;"); break;
        case '\r': ann_buf_adds(&esc, "&#13;"); break;
        default: ann_buf_add(&esc, p, 1);
        }
    }
    xmlTextWriterStartAttribute(x->s.w, (const xmlChar *)name);
    xmlTextWriterWriteRaw(x->s.w, (const xmlChar *)esc.p);
    xmlTextWriterEndAttribute(x->s.w);
    ann_buf_free(&esc);
}

static void attr(xw *x, const char *name, const char *value)
{
    if (value)
        attr_n(x, name, value, strlen(value));
}

static void attr_span(xw *x, const char *name, ann_span s)
{
    if (s.end > s.start && s.end <= x->d->len)
        attr_n(x, name, x->d->text + s.start, s.end - s.start);
}

static void xw_open(void *ctx, const ann_inline *s, int cont)
{
    static const char *const kinds[] = {"direct", "indirect", "mixed"};
    xw *x = ctx;
    const ann_doc *d = x->d;
    if (s->kind == ANN_SPAN_DATE) {
        const ann_date *t = &d->dates[s->item];
        char tid[32];
        snprintf(tid, sizeof tid, "t%zu", s->item + 1);
        xmlTextWriterStartElement(x->s.w, (const xmlChar *)"TIMEX3");
        attr(x, "tid", tid);
        attr(x, "type", t->type);
        attr(x, "value", t->value);
    } else if (s->kind == ANN_SPAN_CLAIM || s->kind == ANN_SPAN_CUE) {
        const ann_claim *c = &d->claims[s->item];
        xmlTextWriterStartElement(x->s.w, (const xmlChar *)(s->kind == ANN_SPAN_CLAIM ? "claim" : "cue"));
        attr(x, "kind", kinds[c->kind <= ANN_CLAIM_MIXED ? c->kind : 0]);
        attr_span(x, "speaker", c->speaker);
        attr(x, "speaker-id", c->speaker_id);
        attr_span(x, "cue", c->cue);
    } else {
        const ann_entity *e = &d->ents[s->item];
        const char *el = s->kind == ANN_SPAN_ACTOR ? "actor"
                       : s->kind == ANN_SPAN_PLACE ? "place" : "source";
        xmlTextWriterStartElement(x->s.w, (const xmlChar *)el);
        attr(x, "id", e->id);
        if (s->kind != ANN_SPAN_PLACE)
            attr(x, "type", e->type);
    }
    if (cont)   /* the second part of a span that crossed another's end */
        attr(x, "continued", "yes");
}

static void xw_close(void *ctx, const ann_inline *s)
{
    (void)s;
    xmlTextWriterFullEndElement(((xw *)ctx)->s.w);
}

static void xw_text(void *ctx, const char *s, size_t n)
{
    ann_xml_sink_text(&((xw *)ctx)->s, s, n);
}

static void doc_attrs(xw *x, const ann_doc *d)
{
    attr(x, "id", d->id);
    attr(x, "path", d->path);
    if (d->error) {
        attr(x, "error", d->error);
        return;
    }
    attr(x, "title", d->title);
    ann_buf au = {0};
    for (size_t i = 0; i < d->nauthors; i++) {
        if (i)
            ann_buf_adds(&au, "; ");
        ann_buf_adds(&au, d->authors[i]);
    }
    attr(x, "authors", au.p);
    ann_buf_free(&au);
    attr(x, "publisher", d->publisher);
    attr(x, "published", d->published);
    char chars[32];
    snprintf(chars, sizeof chars, "%zu", d->chars);
    attr(x, "chars", chars);
}

static void xml_begin(ann_buf *out, const ann_write_opts *o)
{
    (void)o;
    xmlInitParser();   /* before worker threads use libxml2 */
    ann_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<annotations>\n");
}

static void xml_doc(ann_buf *out, const ann_doc *d, const ann_write_opts *o)
{
    static const ann_inline_ops ops = {xw_open, xw_close, xw_text};
    xw x;
    ann_xml_sink_open(&x.s, out, o);
    x.d = d;
    xmlTextWriterStartElement(x.s.w, (const xmlChar *)"doc");
    doc_attrs(&x, d);
    if (!d->error) {
        xmlTextWriterStartElement(x.s.w, (const xmlChar *)"text");
        ann_inline_walk(d, (1u << ANN_SPAN_CLAIM) | (1u << ANN_SPAN_SOURCE) |
                           (1u << ANN_SPAN_ACTOR) | (1u << ANN_SPAN_PLACE) |
                           (1u << ANN_SPAN_DATE), &ops, &x);
        xmlTextWriterFullEndElement(x.s.w);
    }
    xmlTextWriterEndElement(x.s.w);
    ann_xml_sink_close(&x.s);
}

static void xml_end(ann_buf *out, const ann_write_opts *o)
{
    (void)o;
    ann_buf_adds(out, "</annotations>\n");
}

const ann_writer ann_writer_xml = {"xml", "xml", xml_begin, xml_doc, xml_end, NULL, NULL, NULL};
