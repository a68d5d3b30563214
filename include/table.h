/*
 * table.h - the one open-addressing hash table behind the rule engine's and
 * the annotators' indexes.  It maps a 64-bit hash (ann_hash, tokenizer.h:
 * the one string hash) to small integers, the positions of the items in
 * the owner's own array; the owner compares keys, so one table serves ids,
 * words, abbreviations and table keys alike.  Probing is linear; the table
 * doubles at half full, refilled from the stored hashes.
 *
 *     size_t pos = 0, i;
 *     while ((i = ann_table_next(&t, h, &pos)) != ANN_TABLE_END)
 *         if (equal(items[i], key)) return i;
 */
#ifndef ANN_TABLE_H
#define ANN_TABLE_H

#include <stddef.h>
#include <stdint.h>

#define ANN_TABLE_END ((size_t)-1)

typedef struct ann_table_slot {
    uint64_t hash;
    size_t val;            /* item + 1; 0 = an empty slot */
} ann_table_slot;

typedef struct ann_table {
    ann_table_slot *slot;  /* a power of two of them, or NULL when empty */
    size_t mask, n;
} ann_table;

/* Add item (duplicates allowed: the probe sees them in insertion order). */
void ann_table_put(ann_table *t, uint64_t hash, size_t item);

/* The next item whose hash is hash, or ANN_TABLE_END; *pos starts at 0. */
static inline size_t ann_table_next(const ann_table *t, uint64_t hash, size_t *pos)
{
    if (!t->slot)
        return ANN_TABLE_END;
    size_t i = *pos ? *pos : ((size_t)(hash ^ (hash >> 29)) & t->mask) + 1;
    for (;; i = (i & t->mask) + 1) {       /* i is slot index + 1 */
        const ann_table_slot *s = &t->slot[i - 1];
        if (!s->val)
            return ANN_TABLE_END;
        if (s->hash == hash) {
            *pos = (i & t->mask) + 1;
            return s->val - 1;
        }
    }
}

void ann_table_free(ann_table *t);

#endif
