/* doc.c - the annotated document and the lists it owns. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "doc.h"
#include "tokenizer.h"
#include "utf8.h"

/* Whether the ANN_CP_BLOCK bytes at p are all ASCII: most blocks of news
 * text are, and need no count. */
static int block_ascii(const char *p)
{
#ifdef ANN_SSE2
    const __m128i *q = (const __m128i *)(const void *)p;
    __m128i v = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(q), _mm_loadu_si128(q + 1)),
                             _mm_or_si128(_mm_loadu_si128(q + 2), _mm_loadu_si128(q + 3)));
    return _mm_movemask_epi8(v) == 0;
#else
    uint64_t acc = 0;
    for (size_t i = 0; i < ANN_CP_BLOCK; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, sizeof w);
        acc |= w;
    }
    return (acc & 0x8080808080808080ULL) == 0;
#endif
}

ann_doc *ann_doc_new(const char *id, const char *path, char *text, size_t len)
{
    ann_doc *d = ann_xcalloc(1, sizeof *d);
    d->id = ann_xstrdup(id ? id : "");
    d->path = ann_xstrdup(path ? path : "");
    d->text = text;
    d->len = len;
    /* Code points before each block: a byte offset becomes a code point
     * offset with one lookup and a scan of at most one block. */
    d->ncp_index = len / ANN_CP_BLOCK + 1;
    d->cp_index = ann_xmalloc(d->ncp_index * sizeof *d->cp_index);
    size_t cps = 0, full = len / ANN_CP_BLOCK;
    for (size_t b = 0; b < full; b++) {
        const char *p = text + b * ANN_CP_BLOCK;
        if (block_ascii(p)) {
            d->cp_index[b] = cps | ANN_CP_ASCII;
            cps += ANN_CP_BLOCK;
        } else {
            size_t n = ann_utf8_count(p, ANN_CP_BLOCK);
            d->cp_index[b] = cps | (n == ANN_CP_BLOCK ? ANN_CP_ASCII : 0);
            cps += n;
        }
    }
    size_t rest = len - full * ANN_CP_BLOCK;
    size_t n = ann_utf8_count(text + full * ANN_CP_BLOCK, rest);
    d->cp_index[full] = cps | (n == rest ? ANN_CP_ASCII : 0);
    d->chars = cps + n;
    return d;
}

size_t ann_doc_cp(const ann_doc *d, size_t b)
{
    if (b > d->len)
        b = d->len;
    size_t blk = b / ANN_CP_BLOCK;
    size_t from = blk * ANN_CP_BLOCK;
    size_t v = d->cp_index[blk];
    if (v & ANN_CP_ASCII)       /* most blocks: one byte, one code point */
        return (v & ~ANN_CP_ASCII) + (b - from);
    return v + ann_utf8_count(d->text + from, b - from);
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Most entities have a handful of mentions: the first ones live in the
 * entity's one block, before its three strings, which spares a document
 * an allocation and a free for most of its entities. */
#define INLINE_MENTIONS 4

static ann_span *inline_mentions(const ann_entity *e)
{
    return (ann_span *)(void *)(e->id - INLINE_MENTIONS * sizeof(ann_span));
}

static void entity_free(ann_entity *e)
{
    if (e->mentions != inline_mentions(e))
        free(e->mentions);
    free(inline_mentions(e));   /* the block: mentions, id, name, type */
    free_strv(e->roles, e->nroles);
}

void ann_doc_free(ann_doc *d)
{
    if (!d)
        return;
    free(d->id);
    free(d->path);
    free(d->text);
    free(d->cp_index);
    free(d->title);
    free_strv(d->authors, d->nauthors);
    free(d->publisher);
    free(d->published);
    free(d->dct);
    for (size_t i = 0; i < d->nents; i++)
        entity_free(&d->ents[i]);
    free(d->ents);
    ann_table_free(&d->ids);
    free(d->dates);
    for (size_t i = 0; i < d->nclaims; i++) {
        free(d->claims[i].speaker_id);
        free(d->claims[i].medium_id);
    }
    free(d->claims);
    free_strv(d->warnings, d->nwarnings);
    free(d->extracted_from);
    free(d->error);
    free(d);
}

void ann_doc_warn(ann_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    ANN_PUSH(d->warnings, d->nwarnings, d->capwarnings, ann_xstrdup(buf));
}

void ann_doc_add_author(ann_doc *d, const char *name)
{
    for (size_t i = 0; i < d->nauthors; i++)
        if (strcmp(d->authors[i], name) == 0)
            return;
    ANN_PUSH(d->authors, d->nauthors, d->capauthors, ann_xstrdup(name));
}

/* The id index (one table, see table.h) keeps finding an entity by id O(1)
 * however many a document holds. */
ann_entity *ann_doc_find_entity(const ann_doc *d, const char *id)
{
    uint64_t h = ann_hash(id, strlen(id));
    size_t pos = 0, i;
    while ((i = ann_table_next(&d->ids, h, &pos)) != ANN_TABLE_END)
        if (strcmp(d->ents[i].id, id) == 0)
            return &d->ents[i];
    return NULL;
}

static void index_ids(ann_doc *d)
{
    ann_table_free(&d->ids);
    for (size_t i = 0; i < d->nents; i++)
        ann_table_put(&d->ids, ann_hash(d->ents[i].id, strlen(d->ents[i].id)), i);
}

ann_entity *ann_doc_entity(ann_doc *d, ann_cat cat, const char *id,
                           const char *name, const char *type)
{
    ann_entity *known = ann_doc_find_entity(d, id);
    if (known)
        return known;
    ann_grow((void **)&d->ents, &d->capents, d->nents + 1, sizeof *d->ents);
    ann_entity *e = &d->ents[d->nents++];
    memset(e, 0, sizeof *e);
    /* one block for the first mentions and the three strings: a document
     * makes dozens of entities */
    size_t il = strlen(id) + 1, nl = strlen(name) + 1, tl = strlen(type) + 1;
    size_t ml = INLINE_MENTIONS * sizeof(ann_span);
    char *p = ann_xmalloc(ml + il + nl + tl);
    e->mentions = (ann_span *)(void *)p;
    e->capmentions = INLINE_MENTIONS;
    p += ml;
    e->id = memcpy(p, id, il);
    e->name = memcpy(p + il, name, nl);
    e->type = memcpy(p + il + nl, type, tl);
    e->cat = cat;
    e->person = cat == ANN_CAT_ACTOR && strcmp(type, "person") == 0;
    ann_table_put(&d->ids, ann_hash(id, il - 1), d->nents - 1);
    return e;
}

int ann_entity_retype(ann_entity *e, const char *type)
{
    size_t n = strlen(type);
    if (n > strlen(e->type))
        return -1;      /* the type's bytes are in the entity's one block */
    memcpy(e->type, type, n + 1);
    e->person = e->cat == ANN_CAT_ACTOR && strcmp(type, "person") == 0;
    return 0;
}

void ann_entity_add_mention(ann_entity *e, ann_span s)
{
    /* Mentions arrive nearly in order: search from the end. */
    size_t i = e->nmentions;
    while (i > 0 && e->mentions[i - 1].start > s.start)
        i--;
    if (i > 0 && e->mentions[i - 1].start == s.start && e->mentions[i - 1].end == s.end)
        return;
    if (e->nmentions == e->capmentions && e->mentions == inline_mentions(e)) {
        ann_span *v = ann_xmalloc(2 * e->capmentions * sizeof *v);
        e->mentions = memcpy(v, e->mentions, e->nmentions * sizeof *v);
        e->capmentions *= 2;
    } else if (e->nmentions == e->capmentions) {
        ann_grow((void **)&e->mentions, &e->capmentions, e->nmentions + 1, sizeof *e->mentions);
    }
    if (i < e->nmentions)
        memmove(e->mentions + i + 1, e->mentions + i, (e->nmentions - i) * sizeof *e->mentions);
    e->mentions[i] = s;
    e->nmentions++;
}

void ann_entity_add_role(ann_entity *e, const char *role)
{
    for (size_t i = 0; i < e->nroles; i++)
        if (strcmp(e->roles[i], role) == 0)
            return;
    ANN_PUSH(e->roles, e->nroles, e->caproles, ann_xstrdup(role));
}

/* TIMEX3 years have four digits: a value whose year has more ("next
 * year" against --dct 9999-12-31 is 10000) gets its year written as
 * unknown (10000-01-01 -> XXXX-01-01) rather than a value no reader of
 * TIMEX3 takes. */
static void bound_year(char *v)
{
    size_t n = 0;
    while (v[n] >= '0' && v[n] <= '9')
        n++;
    if (n <= 4)
        return;
    memmove(v + 4, v + n, strlen(v + n) + 1);
    memcpy(v, "XXXX", 4);
}

ann_date *ann_doc_add_date(ann_doc *d, ann_span s, const char *type, const char *value)
{
    ann_grow((void **)&d->dates, &d->capdates, d->ndates + 1, sizeof *d->dates);
    ann_date *t = &d->dates[d->ndates++];
    memset(t, 0, sizeof *t);
    t->span = s;
    ann_strlcpy(t->type, type, sizeof t->type);
    ann_strlcpy(t->value, value, sizeof t->value);
    if (t->value[0] >= '0' && t->value[0] <= '9')
        bound_year(t->value);
    return t;
}

ann_claim *ann_doc_add_claim(ann_doc *d)
{
    ann_grow((void **)&d->claims, &d->capclaims, d->nclaims + 1, sizeof *d->claims);
    ann_claim *c = &d->claims[d->nclaims++];
    memset(c, 0, sizeof *c);
    return c;
}

static size_t first_start(const ann_entity *e)
{
    return e->nmentions ? e->mentions[0].start : (size_t)-1;
}

static int by_first_mention(const void *a, const void *b)
{
    size_t xs = first_start(a), ys = first_start(b);
    return (xs > ys) - (xs < ys);
}

static int by_date_start(const void *a, const void *b)
{
    const ann_date *x = a, *y = b;
    if (x->span.start != y->span.start)
        return (x->span.start > y->span.start) - (x->span.start < y->span.start);
    return (x->span.end > y->span.end) - (x->span.end < y->span.end);
}

static int by_claim_start(const void *a, const void *b)
{
    const ann_claim *x = a, *y = b;
    if (x->content.start != y->content.start)
        return (x->content.start > y->content.start) - (x->content.start < y->content.start);
    return (x->content.end > y->content.end) - (x->content.end < y->content.end);
}

/* Whether n items of size sz are already in cmp's order: entities are
 * made at their first mention and dates and claims found in document
 * order, so they mostly are, and a check is cheaper than a sort. */
static int sorted(const void *v, size_t n, size_t sz, int (*cmp)(const void *, const void *))
{
    const char *p = v;
    for (size_t i = 1; i < n; i++)
        if (cmp(p + (i - 1) * sz, p + i * sz) > 0)
            return 0;
    return 1;
}

void ann_doc_sort(ann_doc *d)
{
    /* Entities without mentions (all merged away) are dropped here. */
    size_t k = 0;
    for (size_t i = 0; i < d->nents; i++) {
        if (d->ents[i].nmentions == 0) {
            entity_free(&d->ents[i]);
            continue;
        }
        d->ents[k++] = d->ents[i];
    }
    int moved = k != d->nents;
    d->nents = k;
    /* qsort is not stable; first mentions are distinct spans, so no ties
     * between entities that both have mentions. */
    int in_order = 1;
    for (size_t i = 1; i < d->nents && in_order; i++)
        in_order = first_start(&d->ents[i - 1]) < first_start(&d->ents[i]);
    if (!in_order) {
        qsort(d->ents, d->nents, sizeof *d->ents, by_first_mention);
        moved = 1;
    }
    if (moved)
        index_ids(d);        /* indexes moved */
    if (d->ndates && !sorted(d->dates, d->ndates, sizeof *d->dates, by_date_start))
        qsort(d->dates, d->ndates, sizeof *d->dates, by_date_start);
    if (d->nclaims && !sorted(d->claims, d->nclaims, sizeof *d->claims, by_claim_start))
        qsort(d->claims, d->nclaims, sizeof *d->claims, by_claim_start);
}

void ann_doc_repair_meta(ann_doc *d)
{
    char **fields[] = {&d->id, &d->path, &d->title, &d->publisher, &d->published, &d->error};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        ann_utf8_repair(fields[i]);
    for (size_t i = 0; i < d->nauthors; i++)
        ann_utf8_repair(&d->authors[i]);
    for (size_t i = 0; i < d->nwarnings; i++)
        ann_utf8_repair(&d->warnings[i]);
}
