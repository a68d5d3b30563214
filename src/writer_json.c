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

static cJSON *doc_obj(const ann_doc *d, const ann_write_opts *o)
{
    cJSON *root = cJSON_CreateObject();
    ADD(root, "doc", doc_meta(d, o));
    static const char *const lists[] = {"actors", "places", "sources"};
    cJSON *cat[3];
    for (int i = 0; i < 3; i++)
        ADD(root, lists[i], cat[i] = cJSON_CreateArray());
    for (size_t i = 0; i < d->nents; i++)
        cJSON_AddItemToArray(cat[d->ents[i].cat], entity_obj(d, &d->ents[i]));
    cJSON *dates = cJSON_CreateArray();
    ADD(root, "dates", dates);
    for (size_t i = 0; i < d->ndates; i++) {
        const ann_date *t = &d->dates[i];
        cJSON *x = span_obj(d, t->span);
        ADD(x, "type", cJSON_CreateString(t->type));
        ADD(x, "value", cJSON_CreateString(t->value));
        cJSON_AddItemToArray(dates, x);
    }
    cJSON *claims = cJSON_CreateArray();
    ADD(root, "claims", claims);
    for (size_t i = 0; i < d->nclaims; i++)
        cJSON_AddItemToArray(claims, claim_obj(d, &d->claims[i]));
    cJSON *w = cJSON_CreateArray();
    ADD(root, "warnings", w);
    for (size_t i = 0; i < d->nwarnings; i++)
        cJSON_AddItemToArray(w, cJSON_CreateString(d->warnings[i]));
    ADD(root, "error", str_or_null(d->error));
    return root;
}

static void write_doc(ann_buf *out, const ann_doc *d, const ann_write_opts *o)
{
    cJSON *root = doc_obj(d, o);
    char *s = o->pretty ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!s) {
        fputs("annotate: out of memory\n", stderr);
        exit(2);
    }
    ann_buf_adds(out, s);
    ann_buf_add(out, "\n", 1);
    cJSON_free(s);
}

const ann_writer ann_writer_json = {"json", "json", NULL, write_doc, NULL};
