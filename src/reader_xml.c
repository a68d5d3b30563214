/* reader_xml.c - STUB: replaced by the libxml2 XML reader. */
#include <stdio.h>
#include "reader.h"

ann_doc *ann_xml_to_doc(const char *id, const char *path, const char *bytes, size_t n, char *err, size_t errlen)
{ (void)id; (void)path; (void)bytes; (void)n; snprintf(err, errlen, "XML input not supported yet"); return NULL; }
