/*
 * writer_timeml.c - --format timeml: each document as a TimeML 1.2.1
 * document, the form TempEval-3 corpora and tools (the TempEval-3
 * evaluation toolkit, HeidelTime's output) use:
 *
 *   <?xml version="1.0" encoding="UTF-8"?>
 *   <TimeMLCollection>
 *   <TimeML>
 *   <DOCID>000_c0bde95ed06c11bd</DOCID>
 *   <DCT><TIMEX3 tid="t0" type="DATE" value="2024-04-19" temporalFunction="false"
 *     functionInDocument="CREATION_TIME">2024-04-19</TIMEX3></DCT>
 *   <TEXT>… in <TIMEX3 tid="t1" type="DATE" value="2022-03">March 2022</TIMEX3> …</TEXT>
 *   </TimeML>
 *   </TimeMLCollection>
 *
 * TimeML has one article per document, so a stream of several is one
 * XML document whose root, <TimeMLCollection>, holds a <TimeML> element
 * per article (well-formed, whatever the count); with --out-dir each
 * article is a TimeML document of its own, ID.timeml, as TempEval tools
 * read them.  The text inside <TEXT> is the document text exactly, apart
 * from characters XML cannot carry, which become U+FFFD one for one.
 * Written with libxml2's xmlTextWriter, which does the escaping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "writer.h"

typedef struct tw {
    ann_xml_sink s;
    const ann_doc *d;
} tw;

static void tw_open(void *ctx, const ann_inline *s, int cont)
{
    tw *x = ctx;
    const ann_date *t = &x->d->dates[s->item];
    char tid[32];
    (void)cont;                 /* dates never cross each other */
    snprintf(tid, sizeof tid, "t%zu", s->item + 1);
    xmlTextWriterStartElement(x->s.w, (const xmlChar *)"TIMEX3");
    xmlTextWriterWriteAttribute(x->s.w, (const xmlChar *)"tid", (const xmlChar *)tid);
    xmlTextWriterWriteAttribute(x->s.w, (const xmlChar *)"type", (const xmlChar *)t->type);
    xmlTextWriterWriteAttribute(x->s.w, (const xmlChar *)"value", (const xmlChar *)t->value);
}

static void tw_close(void *ctx, const ann_inline *s)
{
    (void)s;
    xmlTextWriterFullEndElement(((tw *)ctx)->s.w);
}

static void tw_text(void *ctx, const char *s, size_t n)
{
    ann_xml_sink_text(&((tw *)ctx)->s, s, n);
}

/* The document creation time: the article's own date, else --dct. */
static void write_dct(tw *x, const ann_doc *d)
{
    const char *dct = d->published ? d->published : d->dct;
    if (!dct)
        return;
    xmlTextWriterStartElement(x->s.w, (const xmlChar *)"DCT");
    xmlTextWriterStartElement(x->s.w, (const xmlChar *)"TIMEX3");
    xmlTextWriterWriteAttribute(x->s.w, (const xmlChar *)"tid", (const xmlChar *)"t0");
    xmlTextWriterWriteAttribute(x->s.w, (const xmlChar *)"type", (const xmlChar *)"DATE");
    xmlTextWriterWriteAttribute(x->s.w, (const xmlChar *)"value", (const xmlChar *)dct);
    xmlTextWriterWriteAttribute(x->s.w, (const xmlChar *)"temporalFunction",
                                (const xmlChar *)"false");
    xmlTextWriterWriteAttribute(x->s.w, (const xmlChar *)"functionInDocument",
                                (const xmlChar *)"CREATION_TIME");
    tw_text(x, dct, strlen(dct));
    xmlTextWriterEndElement(x->s.w);
    xmlTextWriterEndElement(x->s.w);
    xmlTextWriterWriteString(x->s.w, (const xmlChar *)"\n");
}

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

static void timeml_file_begin(ann_buf *out, const ann_write_opts *o)
{
    (void)o;
    xmlInitParser();   /* before worker threads use libxml2 */
    ann_buf_adds(out, xml_decl);
}

static void timeml_begin(ann_buf *out, const ann_write_opts *o)
{
    timeml_file_begin(out, o);
    ann_buf_adds(out, "<TimeMLCollection>\n");
}

static void timeml_end(ann_buf *out, const ann_write_opts *o)
{
    (void)o;
    ann_buf_adds(out, "</TimeMLCollection>\n");
}

static void timeml_doc(ann_buf *out, const ann_doc *d, const ann_write_opts *o)
{
    static const ann_inline_ops ops = {tw_open, tw_close, tw_text};
    tw x;
    ann_xml_sink_open(&x.s, out, o);
    x.d = d;
    xmlTextWriterStartElement(x.s.w, (const xmlChar *)"TimeML");
    xmlTextWriterWriteString(x.s.w, (const xmlChar *)"\n");
    xmlTextWriterWriteElement(x.s.w, (const xmlChar *)"DOCID",
                              (const xmlChar *)(d->id ? d->id : ""));
    xmlTextWriterWriteString(x.s.w, (const xmlChar *)"\n");
    write_dct(&x, d);
    xmlTextWriterStartElement(x.s.w, (const xmlChar *)"TEXT");
    if (!d->error)
        ann_inline_walk(d, 1u << ANN_SPAN_DATE, &ops, &x);
    xmlTextWriterFullEndElement(x.s.w);
    xmlTextWriterWriteString(x.s.w, (const xmlChar *)"\n");
    xmlTextWriterEndElement(x.s.w);
    ann_xml_sink_close(&x.s);
}

const ann_writer ann_writer_timeml = {"timeml", "timeml", timeml_begin, timeml_doc, timeml_end,
                                      NULL, timeml_file_begin, NULL};
