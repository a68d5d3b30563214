/*
 * writer_json.c - the JSON object of OUTPUT.md, built with cJSON.  Every key
 * is always present (empty list or null), so a jq filter never meets a
 * missing key; offsets are code points.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "writer.h"

/* Keys here are string literals: cJSON_AddItemToObjectCS keeps a pointer
 * instead of copying each key for each of thousands of spans. */
#define ADD(obj, key, item) cJSON_AddItemToObjectCS((obj), (key), (item))

static cJSON *str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* Offsets are whole numbers: written as raw digits, because cJSON prints
 * every number through printf("%.15g"), which dominated the writer. */
static void add_offset(cJSON *o, const char *key, size_t v)
{
    char buf[24], *p = buf + sizeof buf;
    *--p = '\0';
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    ADD(o, key, cJSON_CreateRaw(p));
}

/* {"start", "end", "text"} for a byte span of the document. */
static cJSON *span_obj(const ann_doc *d, ann_span s)
{
    cJSON *o = cJSON_CreateObject();
    char *text = ann_xstrndup(d->text + s.start, s.end - s.start);
    add_offset(o, "start", ann_doc_cp(d, s.start));
    add_offset(o, "end", ann_doc_cp(d, s.end));
    ADD(o, "text", cJSON_CreateString(text));
    free(text);
    return o;
}

static cJSON *doc_meta(const ann_doc *d, const ann_write_opts *o)
{
    cJSON *m = cJSON_CreateObject();
    ADD(m, "id", cJSON_CreateString(d->id));
    ADD(m, "path", cJSON_CreateString(d->path));
    ADD(m, "title", str_or_null(d->title));
    cJSON *a = cJSON_CreateArray();
    ADD(m, "authors", a);
    for (size_t i = 0; i < d->nauthors; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(d->authors[i]));
    ADD(m, "publisher", str_or_null(d->publisher));
    ADD(m, "published", str_or_null(d->published));
    add_offset(m, "chars", d->chars);
    if (o->with_text)
        ADD(m, "text", cJSON_CreateString(d->text));
    return m;
}

static cJSON *entity_obj(const ann_doc *d, const ann_entity *e)
{
    cJSON *o = cJSON_CreateObject();
    ADD(o, "id", cJSON_CreateString(e->id));
    ADD(o, "name", cJSON_CreateString(e->name));
    ADD(o, "type", cJSON_CreateString(e->type));
    if (e->cat == ANN_CAT_ACTOR) {
        cJSON *r = cJSON_CreateArray();
    ADD(o, "roles", r);
        for (size_t i = 0; i < e->nroles; i++)
            cJSON_AddItemToArray(r, cJSON_CreateString(e->roles[i]));
    }
    cJSON *m = cJSON_CreateArray();
    ADD(o, "mentions", m);
    for (size_t i = 0; i < e->nmentions; i++)
        cJSON_AddItemToArray(m, span_obj(d, e->mentions[i]));
    return o;
}

static cJSON *claim_obj(const ann_doc *d, const ann_claim *c)
{
    static const char *const kinds[] = {"direct", "indirect", "mixed"};
    cJSON *o = span_obj(d, c->content);
    ADD(o, "kind", cJSON_CreateString(kinds[c->kind]));
    ADD(o, "cue", c->cue.end > c->cue.start ? span_obj(d, c->cue)
                                                               : cJSON_CreateNull());
    if (c->speaker.end > c->speaker.start) {
        cJSON *s = span_obj(d, c->speaker);
        ADD(s, "id", str_or_null(c->speaker_id));
        ADD(o, "speaker", s);
    } else {
        ADD(o, "speaker", cJSON_CreateNull());
    }
    ADD(o, "medium", str_or_null(c->medium_id));
    return o;
}

/* Where each list item goes.  Pretty output is one indented tree.  Compact
 * output prints each entity, date or claim as soon as it is built and frees
 * it, so a huge document never exists twice over as a tree: memory stays at
 * the size of the output plus one item. */
typedef struct emit {
    ann_buf *out;
    cJSON *array;          /* pretty: the list being filled; NULL: compact */
    int first;
} emit;

static void put_json(ann_buf *out, cJSON *v)
{
    char *s = cJSON_PrintUnformatted(v);
    cJSON_Delete(v);
    if (!s) {
        fputs("annotate: out of memory\n", stderr);
        exit(2);
    }
    ann_buf_adds(out, s);
    cJSON_free(s);
}

static void list_open(emit *e, ann_buf *out, cJSON *root, const char *key)
{
    e->out = out;
    e->first = 1;
    e->array = NULL;
    if (root) {
        e->array = cJSON_CreateArray();
        ADD(root, key, e->array);
        return;
    }
    ann_buf_adds(out, ",\"");
    ann_buf_adds(out, key);
    ann_buf_adds(out, "\":[");
}

static void list_item(emit *e, cJSON *item)
{
    if (e->array) {
        cJSON_AddItemToArray(e->array, item);
        return;
    }
    if (!e->first)
        ann_buf_add(e->out, ",", 1);
    e->first = 0;
    put_json(e->out, item);
}

static void list_close(emit *e)
{
    if (!e->array)
        ann_buf_add(e->out, "]", 1);
}

static cJSON *date_obj(const ann_doc *d, const ann_date *t)
{
    cJSON *x = span_obj(d, t->span);
    ADD(x, "type", cJSON_CreateString(t->type));
    ADD(x, "value", cJSON_CreateString(t->value));
    return x;
}

/* Every list of OUTPUT.md, in its order, into root (pretty) or out. */
static void doc_lists(const ann_doc *d, ann_buf *out, cJSON *root)
{
    static const char *const cats[] = {"actors", "places", "sources"};
    emit e;
    for (int c = 0; c < 3; c++) {
        list_open(&e, out, root, cats[c]);
        for (size_t i = 0; i < d->nents; i++)
            if ((int)d->ents[i].cat == c)
                list_item(&e, entity_obj(d, &d->ents[i]));
        list_close(&e);
    }
    list_open(&e, out, root, "dates");
    for (size_t i = 0; i < d->ndates; i++)
        list_item(&e, date_obj(d, &d->dates[i]));
    list_close(&e);
    list_open(&e, out, root, "claims");
    for (size_t i = 0; i < d->nclaims; i++)
        list_item(&e, claim_obj(d, &d->claims[i]));
    list_close(&e);
    list_open(&e, out, root, "warnings");
    for (size_t i = 0; i < d->nwarnings; i++)
        list_item(&e, cJSON_CreateString(d->warnings[i]));
    list_close(&e);
}

static void write_doc(ann_buf *out, const ann_doc *d, const ann_write_opts *o)
{
    if (o->pretty) {
        cJSON *root = cJSON_CreateObject();
        ADD(root, "doc", doc_meta(d, o));
        doc_lists(d, NULL, root);
        ADD(root, "error", str_or_null(d->error));
        char *s = cJSON_Print(root);
        cJSON_Delete(root);
        if (!s) {
            fputs("annotate: out of memory\n", stderr);
            exit(2);
        }
        ann_buf_adds(out, s);
        cJSON_free(s);
    } else {
        ann_buf_adds(out, "{\"doc\":");
        put_json(out, doc_meta(d, o));
        doc_lists(d, out, NULL);
        ann_buf_adds(out, ",\"error\":");
        put_json(out, str_or_null(d->error));
        ann_buf_add(out, "}", 1);
    }
    ann_buf_add(out, "\n", 1);
}

const ann_writer ann_writer_json = {"json", "json", NULL, write_doc, NULL};
