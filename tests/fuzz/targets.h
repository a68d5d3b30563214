/*
 * targets.h - the bodies of the fuzz targets, shared by the libFuzzer
 * drivers (tests/fuzz/fuzz_NAME.c, built by tests/fuzz/fuzz.sh) and by
 * tests/test_limits.c, which replays every input saved under
 * tests/data/regress/NAME/ in make check (plain, sanitizers, valgrind).
 *
 * Each target takes arbitrary bytes, runs one part of the program on them
 * and checks the invariants the rest of the program relies on; a broken
 * invariant aborts, so the fuzzer reports it like a crash.
 *
 *   tokenizer  ann_tokenizer over the bytes (window size from the length)
 *   html       ann_html_to_doc, then the document's invariants
 *   xml        ann_xml_to_doc, then the document's invariants
 *   jsonl      ann_jsonl_to_doc on each line
 *   rules      ann_rules_load_buffer (.tsv, .jsonl or sniffed, from the
 *              first byte), then matching the rules against text
 *   dates      the whole pipeline (ann_annotate: metadata, entities, dates
 *              with their normalizer, claims) on the bytes as a plain-text
 *              document, then every writer; the JSON must parse
 */
#ifndef ANN_FUZZ_TARGETS_H
#define ANN_FUZZ_TARGETS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "annotate.h"
#include "reader.h"
#include "rules.h"
#include "tokenizer.h"
#include "writer.h"

static void fz_fail(const char *what, size_t a, size_t b)
{
    fprintf(stderr, "fuzz invariant broken: %s (%zu, %zu)\n", what, a, b);
    abort();
}

#define FZ_CHECK(cond, a, b)                                                \
    do {                                                                    \
        if (!(cond))                                                        \
            fz_fail(#cond, (size_t)(a), (size_t)(b));                       \
    } while (0)

/* Strict UTF-8: no overlongs, surrogates or code points past U+10FFFF. */
static int fz_valid_utf8(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t need;
        unsigned lo = 0x80, hi = 0xBF;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) lo = 0xA0;
            if (c == 0xED) hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;
        } else {
            return 0;
        }
        if (n - i <= need)
            return 0;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t k = 2; k <= need; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return 0;
        i += need + 1;
    }
    return 1;
}

static int fz_boundary(const ann_doc *d, size_t b)
{
    return b == d->len || (b < d->len && ((unsigned char)d->text[b] & 0xC0) != 0x80);
}

static void fz_check_str(const char *s)
{
    if (s)
        FZ_CHECK(fz_valid_utf8(s, strlen(s)), strlen(s), 0);
}

/* What every reader promises: valid UTF-8 text, NUL-terminated at len,
 * and (after ann_doc_repair_meta, which reader.c applies to whatever a
 * format reader returns) valid UTF-8 metadata. */
static void fz_check_doc(ann_doc *d)
{
    ann_doc_repair_meta(d);
    FZ_CHECK(d->text != NULL, 0, 0);
    FZ_CHECK(d->text[d->len] == '\0', d->len, 0);
    FZ_CHECK(fz_valid_utf8(d->text, d->len), d->len, 0);
    FZ_CHECK(d->id != NULL, 0, 0);
    fz_check_str(d->title);
    fz_check_str(d->publisher);
    fz_check_str(d->published);
    for (size_t i = 0; i < d->nauthors; i++)
        fz_check_str(d->authors[i]);
}

static void fz_check_span(const ann_doc *d, ann_span s)
{
    FZ_CHECK(s.start <= s.end, s.start, s.end);
    FZ_CHECK(s.end <= d->len, s.end, d->len);
    FZ_CHECK(fz_boundary(d, s.start), s.start, d->len);
    FZ_CHECK(fz_boundary(d, s.end), s.end, d->len);
}

/* What the annotators promise the writers: spans inside the text, on
 * character boundaries. */
static void fz_check_annotations(const ann_doc *d)
{
    for (size_t i = 0; i < d->nents; i++) {
        const ann_entity *e = &d->ents[i];
        FZ_CHECK(e->id && e->name, i, 0);
        fz_check_str(e->id);
        fz_check_str(e->name);
        for (size_t k = 0; k < e->nroles; k++)
            fz_check_str(e->roles[k]);
        for (size_t k = 0; k < e->nmentions; k++)
            fz_check_span(d, e->mentions[k]);
    }
    for (size_t i = 0; i < d->ndates; i++) {
        const ann_date *t = &d->dates[i];
        fz_check_span(d, t->span);
        FZ_CHECK(memchr(t->value, '\0', sizeof t->value) != NULL, i, 0);
        FZ_CHECK(memchr(t->type, '\0', sizeof t->type) != NULL, i, 0);
    }
    for (size_t i = 0; i < d->nclaims; i++) {
        const ann_claim *c = &d->claims[i];
        fz_check_span(d, c->content);
        fz_check_span(d, c->cue);
        fz_check_span(d, c->speaker);
    }
    for (size_t i = 0; i < d->nwarnings; i++)
        fz_check_str(d->warnings[i]);
}

static char *fz_copy(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

/* ---- tokenizer ------------------------------------------------------------ */

static void fz_tokens_check(const char *text, size_t len, const ann_tokens *t, size_t *prev_end,
                            int valid)
{
    for (size_t i = 0; i < t->n; i++) {
        const ann_token *k = &t->v[i];
        FZ_CHECK(k->start < k->end, k->start, k->end);
        FZ_CHECK(k->end <= len, k->end, len);
        FZ_CHECK(k->start >= *prev_end, k->start, *prev_end);
        FZ_CHECK(k->end - k->start <= 4096 + 4, k->start, k->end);
        FZ_CHECK(k->kind <= ANN_TOK_MARKUP, k->kind, i);
        /* a word with an invisible character inside ("deci<U+00AD>sion") is
         * hashed without it, as the word it is (tokenizer.c) */
        FZ_CHECK((k->flags & ANN_TF_INVISIBLE) ||
                     k->hash == ann_hash(text + k->start, k->end - k->start),
                 k->start, k->end);
        if (valid) {
            FZ_CHECK(((unsigned char)text[k->start] & 0xC0) != 0x80, k->start, 0);
            FZ_CHECK(k->end == len || ((unsigned char)text[k->end] & 0xC0) != 0x80, k->end, 0);
        }
        *prev_end = k->end;
    }
}

static int fz_tokenizer(const uint8_t *data, size_t size)
{
    static const size_t windows[] = {1, 7, 64, 1024, 256 * 1024};
    char *text = fz_copy(data, size);
    int valid = fz_valid_utf8(text, size);
    ann_tokenizer tz;
    ann_tokens t = {0};
    size_t prev_end = 0, rounds = 0, total = 0;
    ann_tokenizer_init(&tz, text, size, NULL);
    size_t win = windows[size % (sizeof windows / sizeof *windows)];
    while (ann_tokenize_window(&tz, &t, win) > 0) {
        fz_tokens_check(text, size, &t, &prev_end, valid);
        total += t.n;
        FZ_CHECK(++rounds <= size + 1, rounds, size);
        /* the sentence cap: no run of more than 1000 tokens without a start */
        size_t run = 0;
        for (size_t i = 0; i < t.n; i++) {
            run = (t.v[i].flags & ANN_TF_SENT_START) ? 1 : run + 1;
            FZ_CHECK(run <= 1000 + 1, run, i);
        }
    }
    FZ_CHECK(total <= size, total, size);
    ann_tokenize_all(text, size, &t);
    prev_end = 0;
    fz_tokens_check(text, size, &t, &prev_end, valid);
    (void)ann_hash_lower(text, size);
    ann_tokens_free(&t);
    free(text);
    return 0;
}

/* ---- readers ---------------------------------------------------------------- */

/* The reader refuses a file with a NUL byte before any parser sees it. */
static int fz_has_nul(const uint8_t *data, size_t size)
{
    return size && memchr(data, '\0', size) != NULL;
}

static ann_engine *fz_engine;

static void fz_engine_free(void)
{
    ann_engine_free(fz_engine);
    fz_engine = NULL;
}

static const ann_engine *fz_get_engine(void)
{
    if (!fz_engine) {
        char err[1024];
        fz_engine = ann_engine_new(0, NULL, 0, err, sizeof err);
        if (!fz_engine) {
            fprintf(stderr, "fuzz: cannot load the built-in rules: %s\n", err);
            abort();
        }
        atexit(fz_engine_free);
    }
    return fz_engine;
}

/* A markup reader on the bytes, then the document's invariants; a refusal
 * must come with a terminated message. */
typedef ann_doc *(*fz_reader)(const ann_reader_rules *, const char *, const char *,
                              const char *, size_t, char *, size_t);

static int fz_markup(fz_reader read, const char *path, const uint8_t *data, size_t size)
{
    char err[512];
    if (fz_has_nul(data, size))
        return 0;
    err[0] = '\0';
    ann_doc *d = read(&fz_get_engine()->reading, "fuzz", path, (const char *)data, size, err,
                      sizeof err);
    if (d) {
        fz_check_doc(d);
        ann_doc_free(d);
    } else {
        FZ_CHECK(memchr(err, '\0', sizeof err) != NULL, 0, 0);
    }
    return 0;
}

static int fz_html(const uint8_t *data, size_t size)
{
    return fz_markup(ann_html_to_doc, "fuzz.html", data, size);
}

static int fz_xml(const uint8_t *data, size_t size)
{
    return fz_markup(ann_xml_to_doc, "fuzz.xml", data, size);
}

static int fz_jsonl(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data, *end = s + size;
    size_t lineno = 0;
    if (fz_has_nul(data, size))
        return 0;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end;
        char *line = fz_copy((const uint8_t *)s, (size_t)(le - s));
        char err[256];
        err[0] = '\0';
        ann_doc *d = ann_jsonl_to_doc(&fz_get_engine()->reading, "fuzz.jsonl", ++lineno, line,
                                      (size_t)(le - s), err, sizeof err);
        if (d) {
            fz_check_doc(d);
            ann_doc_free(d);
        }
        free(line);
        s = le + 1;
    }
    return 0;
}

/* ---- rules -------------------------------------------------------------------- */

static const char fz_sample[] =
    "President Volodymyr Zelensky told Reuters on Monday, April 15, 2024 that "
    "\"peace is possible\". The U.S. and Russia's foreign minister Sergey Lavrov "
    "met in Istanbul. aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab 1,000 3.5%\n\n"
    "KYIV, Ukraine (AP) - Ukrainian officials said.";

static void fz_match_text(const ann_rules *r, const char *text, size_t len)
{
    ann_tokens t = {0};
    ann_matches m = {0};
    ann_tokenize_all(text, len, &t);
    ann_rules_match(r, text, t.v, t.n, &m);
    for (size_t i = 0; i < m.n; i++) {
        FZ_CHECK(m.v[i].first <= m.v[i].last, m.v[i].first, m.v[i].last);
        FZ_CHECK(m.v[i].last <= t.n, m.v[i].last, t.n);
        FZ_CHECK(m.v[i].kind && m.v[i].type && m.v[i].id && m.v[i].attrs, i, 0);
    }
    ann_matches_select(&m, NULL);
    for (size_t i = 1; i < m.n; i++)
        FZ_CHECK(m.v[i].first >= m.v[i - 1].last, m.v[i].first, m.v[i - 1].last);
    ann_matches_free(&m);
    ann_tokens_free(&t);
}

static int fz_rules(const uint8_t *data, size_t size)
{
    static const char *const names[] = {"fuzz.tsv", "fuzz.jsonl", "fuzz"};
    if (size < 1)
        return 0;
    const char *name = names[data[0] % 3];
    char *buf = fz_copy(data + 1, size - 1);
    char err[512];
    err[0] = '\0';
    ann_rules *r = ann_rules_new(NULL);
    if (ann_rules_load_buffer(r, name, buf, size - 1, err, sizeof err) == 0) {
        fz_match_text(r, fz_sample, sizeof fz_sample - 1);
        if (fz_valid_utf8(buf, size - 1))
            fz_match_text(r, buf, size - 1);
        ann_match m;
        (void)ann_rules_lookup(r, "Zelensky", 8, NULL, &m);
        (void)ann_rules_count(r);
    } else {
        FZ_CHECK(memchr(err, '\0', sizeof err) != NULL, 0, 0);
    }
    ann_rules_free(r);
    free(buf);
    return 0;
}

/* ---- the whole pipeline (dates and everything else) ------------------------- */

static int fz_dates(const uint8_t *data, size_t size)
{
    static const char *const dcts[] = {NULL, "2024-04-19", "1999-12-31", "2000-02-29"};
    if (fz_has_nul(data, size))
        return 0;
    ann_engine *e = (ann_engine *)fz_get_engine();
    e->default_dct = dcts[size % 4];
    ann_doc *d = ann_doc_from_bytes("fuzz", "fuzz.txt", (const char *)data, size);
    fz_check_doc(d);
    ann_annotate(e, d);
    fz_check_doc(d);
    fz_check_annotations(d);

    static const ann_writer *const writers[] = {&ann_writer_json, &ann_writer_xml,
                                                &ann_writer_html, &ann_writer_timeml};
    for (size_t w = 0; w < sizeof writers / sizeof *writers; w++) {
        ann_write_opts o = {.pretty = (int)(size & 1), .with_text = (int)((size >> 1) & 1)};
        ann_buf b = {0};
        ann_doc_ref ref = {d->id, d->title};
        if (writers[w]->head)
            writers[w]->head(&b, &ref, 1, &o);
        else if (writers[w]->begin)
            writers[w]->begin(&b, &o);
        if (writers[w]->doc)
            writers[w]->doc(&b, d, &o);
        if (writers[w]->end)
            writers[w]->end(&b, &o);
        if (w == 0) {   /* JSON: one valid object */
            cJSON *j = cJSON_ParseWithLength(b.p ? b.p : "", b.len);
            FZ_CHECK(j != NULL, b.len, 0);
            cJSON_Delete(j);
        }
        ann_buf_free(&b);
    }
    e->default_dct = NULL;
    ann_doc_free(d);
    return 0;
}

#endif
