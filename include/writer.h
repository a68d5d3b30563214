/*
 * writer.h - output formats.  Each writer renders into memory (so worker
 * threads can render in parallel and the main thread writes in input order):
 * begin once, one piece per document, end once.
 */
#ifndef ANN_WRITER_H
#define ANN_WRITER_H

#include "doc.h"

typedef struct ann_write_opts {
    int pretty;          /* indented JSON */
    int with_text;       /* add doc.text */
    /* Streaming: when flush is set, a writer that can hands on what it has
     * written so far, between two items, once out holds flush_at bytes:
     * flush(flush_ctx, out) takes them and empties out.  A huge document's
     * record then never is whole in memory. */
    void (*flush)(void *ctx, ann_buf *out);
    void *flush_ctx;
    size_t flush_at;
} ann_write_opts;

/* What a page's head says of each document it holds. */
typedef struct ann_doc_ref {
    const char *id;
    const char *title;               /* or NULL */
} ann_doc_ref;

typedef struct ann_writer {
    const char *name;                /* json, xml, html, timeml */
    const char *extension;           /* for --out-dir files */
    /* each may be NULL; append to out */
    void (*begin)(ann_buf *out, const ann_write_opts *o);
    void (*doc)(ann_buf *out, const ann_doc *d, const ann_write_opts *o);
    void (*end)(ann_buf *out, const ann_write_opts *o);
    /* A head that names the documents (the HTML view's title and index)
     * comes instead of begin: the output then holds the documents and
     * writes head, them and end once all are done. */
    void (*head)(ann_buf *out, const ann_doc_ref *docs, size_t n, const ann_write_opts *o);
    /* For a file of one document (--out-dir), when it is not framed as a
     * whole output is (TimeML: one <TimeML> root per file). */
    void (*file_begin)(ann_buf *out, const ann_write_opts *o);
    void (*file_end)(ann_buf *out, const ann_write_opts *o);
} ann_writer;

const ann_writer *ann_writer_find(const char *name);

extern const ann_writer ann_writer_json;
extern const ann_writer ann_writer_xml;
extern const ann_writer ann_writer_html;
extern const ann_writer ann_writer_timeml;

/* Inline markup over a document's text (writer_xml.c; the xml and html
 * writers share it): every span becomes open ... close around its text,
 * properly nested.  A span that crosses the end of an enclosing one is
 * closed there and opened again (cont = 1), so the markup stays well-formed.
 * Text comes with the characters XML 1.0 forbids replaced by U+FFFD. */
typedef enum {
    ANN_SPAN_CLAIM, ANN_SPAN_SOURCE, ANN_SPAN_ACTOR, ANN_SPAN_PLACE,
    ANN_SPAN_DATE, ANN_SPAN_CUE
} ann_span_kind;

typedef struct ann_inline {
    ann_span_kind kind;
    size_t start, end;     /* bytes into d->text */
    size_t item;           /* index into d->ents, d->dates or d->claims */
} ann_inline;

typedef struct ann_inline_ops {
    void (*open)(void *ctx, const ann_inline *s, int cont);
    void (*close)(void *ctx, const ann_inline *s);
    void (*text)(void *ctx, const char *s, size_t n);
} ann_inline_ops;

/* kinds: a mask of 1u << ann_span_kind. */
void ann_inline_walk(const ann_doc *d, unsigned kinds,
                     const ann_inline_ops *ops, void *ctx);

/* The xml and timeml writers write a document through libxml2's text
 * writer into memory (writer_xml.c): text a piece at a time, and, when
 * the output streams (ann_write_opts.flush), what the memory holds handed
 * on between two pieces once it is large. */
struct _xmlTextWriter;
struct _xmlBuffer;
typedef struct ann_xml_sink {
    struct _xmlTextWriter *w;
    struct _xmlBuffer *buf;
    ann_buf scratch;            /* a NUL-terminated copy for libxml2 */
    ann_buf *out;
    const ann_write_opts *o;
} ann_xml_sink;

/* A writer into memory for a document's part of out; exits when out of
 * memory. */
void ann_xml_sink_open(ann_xml_sink *x, ann_buf *out, const ann_write_opts *o);
/* Text, escaped. */
void ann_xml_sink_text(ann_xml_sink *x, const char *s, size_t n);
/* The rest of what was written, and a newline, into out; frees. */
void ann_xml_sink_close(ann_xml_sink *x);

#endif
