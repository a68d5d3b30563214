/*
 * reader_jsonl.c - one JSON Lines record {"id", "text", "title", "authors",
 * "publisher", "published"} into a document.  A bad line (blank, not JSON,
 * no text) is an error for that line only: it becomes a document with an
 * error, so that the output keeps one line per input line, and the stream
 * goes on, so one broken record does not stop a stream of millions.
 *
 * A record without an id gets one made from its content: the same record
 * gets the same id however the stream was cut into blocks (GNU parallel,
 * Hadoop), where a line number would start again in every block.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "reader.h"

static const char *str_field(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* "rec-" and 64 bits of FNV-1a over the line: not a cryptographic hash,
 * but ample to tell apart the records of any corpus.  Not ann_hash: an id
 * must stay the same from one version of the program to the next, where
 * the tables' hash may change for speed. */
static char *content_id(const char *line, size_t n)
{
    uint64_t h = 14695981039346656037ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)line[i]) * 1099511628211ull;
    return ann_xasprintf("rec-%016llx", (unsigned long long)h);
}

/* "id" as given (a string, or an integer like 17), or NULL. */
static char *record_id(const cJSON *o)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "id");
    if (cJSON_IsString(v) && v->valuestring[0])
        return ann_xstrdup(v->valuestring);
    if (cJSON_IsNumber(v) && fabs(v->valuedouble) < 9e15 &&
        v->valuedouble == floor(v->valuedouble))
        return ann_xasprintf("%.0f", v->valuedouble);
    return NULL;
}

static void set_authors(ann_doc *d, const cJSON *o)
{
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "authors");
    if (!a)
        a = cJSON_GetObjectItemCaseSensitive(o, "author");
    if (cJSON_IsString(a) && a->valuestring[0]) {
        ann_doc_add_author(d, a->valuestring);
    } else if (cJSON_IsArray(a)) {
        for (const cJSON *e = a->child; e; e = e->next)
            if (cJSON_IsString(e) && e->valuestring[0])
                ann_doc_add_author(d, e->valuestring);
    }
}

static ann_doc *record_doc(const ann_reader_rules *rules, const cJSON *o, const char *path,
                           size_t lineno, const char *id, char *err, size_t errlen)
{
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(o, "text");
    if (!text) {
        snprintf(err, errlen, "line %zu: no \"text\" field", lineno);
        return NULL;
    }
    if (!cJSON_IsString(text)) {
        snprintf(err, errlen, "line %zu: \"text\" is not a string", lineno);
        return NULL;
    }
    ann_doc *d = ann_doc_from_bytes(id, path, text->valuestring, strlen(text->valuestring));
    d->extracted_from = ann_xstrdup("jsonl");
    const char *title = str_field(o, "title");
    if (title && title[0])
        d->title = ann_xstrdup(title);
    const char *publisher = str_field(o, "publisher");
    if (publisher && publisher[0])
        d->publisher = ann_xstrdup(publisher);
    set_authors(d, o);
    const char *published = str_field(o, "published");
    if (published && published[0]) {
        d->published = ann_markup_date(rules ? rules->months : NULL, published,
                                       strlen(published));
        if (!d->published)
            ann_doc_warn(d, "line %zu: \"published\" is not a date: %.40s", lineno, published);
    }
    return d;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\r\n", s[i]) || !s[i])
            return 0;
    return 1;
}

/* Parse the line; NULL (and err) when it is not one JSON object. */
static cJSON *parse_object(const char *line, size_t n, size_t lineno, char *err, size_t errlen)
{
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    if (!o) {
        size_t at = end && end >= line && end <= line + n ? (size_t)(end - line) : 0;
        snprintf(err, errlen, "line %zu: invalid JSON near byte %zu", lineno, at + 1);
        return NULL;
    }
    /* cJSON stops after the first value: anything but blanks after it */
    size_t rest = (size_t)(end - line);
    while (rest < n && strchr(" \t\r\n", line[rest]) && line[rest])
        rest++;
    if (rest < n)
        snprintf(err, errlen, "line %zu: invalid JSON: text after the object at byte %zu",
                 lineno, rest + 1);
    else if (!cJSON_IsObject(o))
        snprintf(err, errlen, "line %zu: not a JSON object", lineno);
    else
        return o;
    cJSON_Delete(o);
    return NULL;
}

ann_doc *ann_jsonl_to_doc(const ann_reader_rules *rules, const char *path, size_t lineno,
                          const char *line, size_t n, char *err, size_t errlen)
{
    cJSON *o = NULL;
    if (blank(line, n))
        snprintf(err, errlen, "line %zu: blank line, no record", lineno);
    else
        o = parse_object(line, n, lineno, err, errlen);
    char *id = o ? record_id(o) : NULL;
    if (!id)
        id = content_id(line, n);
    ann_doc *d = o ? record_doc(rules, o, path, lineno, id, err, errlen) : NULL;
    if (!d) {
        d = ann_doc_new(id, path, ann_xstrdup(""), 0);
        d->error = ann_xstrdup(err);
    }
    free(id);
    cJSON_Delete(o);
    return d;
}

int ann_jsonl_looks_like(const char *line, size_t n)
{
    const char *end = NULL;
    cJSON *o = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    int yes = cJSON_IsObject(o) && cJSON_IsString(cJSON_GetObjectItemCaseSensitive(o, "text")) &&
              blank(end, n - (size_t)(end - line));
    cJSON_Delete(o);
    return yes;
}
