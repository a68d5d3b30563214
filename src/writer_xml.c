/* writer_xml.c - STUB: replaced by the xml writer. */
#include "writer.h"

static void doc_stub(ann_buf *out, const ann_doc *d, const ann_write_opts *o) { (void)out; (void)d; (void)o; }
const ann_writer ann_writer_xml = {"xml", "xml", 0, doc_stub, 0};
