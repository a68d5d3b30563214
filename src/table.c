/* table.c - growing the one hash table (see table.h). */
#include <stdlib.h>

#include "ann.h"
#include "table.h"

static void place(ann_table_slot *slot, size_t mask, uint64_t hash, size_t val)
{
    size_t i = (size_t)(hash ^ (hash >> 29)) & mask;
    while (slot[i].val)
        i = (i + 1) & mask;
    slot[i].hash = hash;
    slot[i].val = val;
}

void ann_table_put(ann_table *t, uint64_t hash, size_t item)
{
    size_t cap = t->slot ? t->mask + 1 : 0;
    if ((t->n + 1) * 2 > cap) {            /* at most half full: short probes */
        size_t ncap = cap ? cap * 2 : 16;
        ann_table_slot *ns = ann_xcalloc(ncap, sizeof *ns);
        for (size_t i = 0; i < cap; i++)
            if (t->slot[i].val)
                place(ns, ncap - 1, t->slot[i].hash, t->slot[i].val);
        free(t->slot);
        t->slot = ns;
        t->mask = ncap - 1;
    }
    place(t->slot, t->mask, hash, item + 1);
    t->n++;
}

void ann_table_free(ann_table *t)
{
    free(t->slot);
    t->slot = NULL;
    t->mask = t->n = 0;
}
