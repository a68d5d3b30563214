/* writer_timeml.c - STUB: replaced by the timeml writer. */
#include "writer.h"

static void doc_stub(ann_buf *out, const ann_doc *d, const ann_write_opts *o) { (void)out; (void)d; (void)o; }
const ann_writer ann_writer_timeml = {"timeml", "timeml", 0, doc_stub, 0};
