/* writer.c - the output buffer and the table of writers. */
#include <stdlib.h>
#include <string.h>

#include "writer.h"

void ann_buf_add(ann_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        ann_grow((void **)&b->p, &b->cap, b->len + n + 1, 1);
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void ann_buf_adds(ann_buf *b, const char *s)
{
    ann_buf_add(b, s, strlen(s));
}

void ann_buf_free(ann_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

const ann_writer *ann_writer_find(const char *name)
{
    static const ann_writer *const all[] = {
        &ann_writer_json, &ann_writer_xml, &ann_writer_html, &ann_writer_timeml};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        if (strcmp(all[i]->name, name) == 0)
            return all[i];
    return NULL;
}
