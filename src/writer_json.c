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

static cJSON *str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* {"start", "end", "text"} for a byte span of the document. */
static cJSON *span_obj(const ann_doc *d, ann_span s)
{
    cJSON *o = cJSON_CreateObject();
    char *text = ann_xstrndup(d->text + s.start, s.end - s.start);
    cJSON_AddNumberToObject(o, "start", (double)ann_doc_cp(d, s.start));
    cJSON_AddNumberToObject(o, "end", (double)ann_doc_cp(d, s.end));
    cJSON_AddStringToObject(o, "text", text);
    free(text);
    return o;
}

static cJSON *doc_meta(const ann_doc *d, const ann_write_opts *o)
{
    cJSON *m = cJSON_CreateObject();
    cJSON_AddStringToObject(m, "id", d->id);
    cJSON_AddStringToObject(m, "path", d->path);
    cJSON_AddItemToObject(m, "title", str_or_null(d->title));
    cJSON *a = cJSON_AddArrayToObject(m, "authors");
    for (size_t i = 0; i < d->nauthors; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(d->authors[i]));
    cJSON_AddItemToObject(m, "publisher", str_or_null(d->publisher));
    cJSON_AddItemToObject(m, "published", str_or_null(d->published));
    cJSON_AddNumberToObject(m, "chars", (double)d->chars);
    if (o->with_text)
        cJSON_AddStringToObject(m, "text", d->text);
    return m;
}

static cJSON *entity_obj(const ann_doc *d, const ann_entity *e)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", e->id);
    cJSON_AddStringToObject(o, "name", e->name);
    cJSON_AddStringToObject(o, "type", e->type);
    if (e->cat == ANN_CAT_ACTOR) {
        cJSON *r = cJSON_AddArrayToObject(o, "roles");
        for (size_t i = 0; i < e->nroles; i++)
            cJSON_AddItemToArray(r, cJSON_CreateString(e->roles[i]));
    }
    cJSON *m = cJSON_AddArrayToObject(o, "mentions");
    for (size_t i = 0; i < e->nmentions; i++)
        cJSON_AddItemToArray(m, span_obj(d, e->mentions[i]));
    return o;
}

static cJSON *claim_obj(const ann_doc *d, const ann_claim *c)
{
    static const char *const kinds[] = {"direct", "indirect", "mixed"};
    cJSON *o = span_obj(d, c->content);
    cJSON_AddStringToObject(o, "kind", kinds[c->kind]);
    cJSON_AddItemToObject(o, "cue", c->cue.end > c->cue.start ? span_obj(d, c->cue)
                                                               : cJSON_CreateNull());
    if (c->speaker.end > c->speaker.start) {
        cJSON *s = span_obj(d, c->speaker);
        cJSON_AddItemToObject(s, "id", str_or_null(c->speaker_id));
        cJSON_AddItemToObject(o, "speaker", s);
    } else {
        cJSON_AddItemToObject(o, "speaker", cJSON_CreateNull());
    }
    cJSON_AddItemToObject(o, "medium", str_or_null(c->medium_id));
    return o;
}

static cJSON *doc_obj(const ann_doc *d, const ann_write_opts *o)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddItemToObject(root, "doc", doc_meta(d, o));
    static const char *const lists[] = {"actors", "places", "sources"};
    cJSON *cat[3];
    for (int i = 0; i < 3; i++)
        cat[i] = cJSON_AddArrayToObject(root, lists[i]);
    for (size_t i = 0; i < d->nents; i++)
        cJSON_AddItemToArray(cat[d->ents[i].cat], entity_obj(d, &d->ents[i]));
    cJSON *dates = cJSON_AddArrayToObject(root, "dates");
    for (size_t i = 0; i < d->ndates; i++) {
        const ann_date *t = &d->dates[i];
        cJSON *x = span_obj(d, t->span);
        cJSON_AddStringToObject(x, "type", t->type);
        cJSON_AddStringToObject(x, "value", t->value);
        cJSON_AddItemToArray(dates, x);
    }
    cJSON *claims = cJSON_AddArrayToObject(root, "claims");
    for (size_t i = 0; i < d->nclaims; i++)
        cJSON_AddItemToArray(claims, claim_obj(d, &d->claims[i]));
    cJSON *w = cJSON_AddArrayToObject(root, "warnings");
    for (size_t i = 0; i < d->nwarnings; i++)
        cJSON_AddItemToArray(w, cJSON_CreateString(d->warnings[i]));
    cJSON_AddItemToObject(root, "error", str_or_null(d->error));
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
