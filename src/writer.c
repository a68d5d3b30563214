/* writer.c - the output buffer and the table of writers. */
#include <stdlib.h>
#include <string.h>

#include "writer.h"

const ann_writer *ann_writer_find(const char *name)
{
    static const ann_writer *const all[] = {
        &ann_writer_json, &ann_writer_xml, &ann_writer_html, &ann_writer_timeml};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}
