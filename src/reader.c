/*
 * reader.c - input files: read whole, repaired to valid UTF-8 where they
 * are not, dispatched by format.  A reader yields one document at a
 * time, so a corpus is never held in memory; a JSON Lines file yields one
 * document per line.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "reader.h"
#include "utf8.h"

#define CHUNK (64 * 1024)

struct ann_reader {
    FILE *f;
    char *path;
    char *id;
    ann_input_format fmt;
    int done;
    char *line;            /* JSON Lines: the current line */
    size_t linecap;
    size_t lineno;
};

/* Where the first invalid UTF-8 sequence at or after i begins (n if none);
 * *next is where it ends.  A U+FFFD in the input counts as valid.  ASCII
 * is checked eight bytes at a time. */
static size_t next_invalid(const char *in, size_t n, size_t i, size_t *next)
{
    while (i < n) {
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, in + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i == n)
            break;
        if ((unsigned char)in[i] < 0x80) {
            i++;
            continue;
        }
        size_t at = i;
        if (ann_utf8_next(in, n, &i) == ANN_REPLACEMENT &&
            !(i - at == 3 && memcmp(in + at, "\xEF\xBF\xBD", 3) == 0)) {
            *next = i;
            return at;
        }
    }
    *next = n;
    return n;
}

/* Append in[0..n) to out, each invalid sequence replaced with U+FFFD:
 * valid text is copied in runs as long as possible. */
static void decode(ann_buf *out, const char *in, size_t n, size_t *bad, size_t *first_bad)
{
    size_t run = 0, next;
    for (size_t at; (at = next_invalid(in, n, run, &next)) < n; run = next) {
        if (*bad == 0)
            *first_bad = at;
        (*bad)++;
        ann_buf_add(out, in + run, at - run);
        ann_buf_add(out, "\xEF\xBF\xBD", 3);
    }
    ann_buf_add(out, in + run, n - run);
}

static void warn_bad(ann_doc *d, size_t bad, size_t first_bad)
{
    if (bad)
        ann_doc_warn(d, "%zu invalid UTF-8 sequence%s replaced with U+FFFD (first at byte %zu)",
                     bad, bad == 1 ? "" : "s", first_bad);
}

ann_doc *ann_doc_from_bytes(const char *id, const char *path, const char *in, size_t n)
{
    ann_buf out = {0};
    size_t bad = 0, first_bad = 0;
    ann_buf_add(&out, "", 0);
    decode(&out, in, n, &bad, &first_bad);
    out.p[out.len] = '\0';
    ann_doc *d = ann_doc_new(id, path, out.p, out.len);
    warn_bad(d, bad, first_bad);
    return d;
}

char *ann_doc_id_from_path(const char *path)
{
    if (strcmp(path, "-") == 0)
        return ann_xstrdup("stdin");
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return ann_xstrndup(base, n);
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    if (n < e)
        return 0;
    for (size_t i = 0; i < e; i++) {
        char c = path[n - e + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != ext[i])
            return 0;
    }
    return 1;
}

static ann_input_format format_from_name(const char *path)
{
    if (has_ext(path, ".html") || has_ext(path, ".htm") || has_ext(path, ".xhtml"))
        return ANN_IN_HTML;
    if (has_ext(path, ".xml"))
        return ANN_IN_XML;
    if (has_ext(path, ".jsonl") || has_ext(path, ".ndjson"))
        return ANN_IN_JSONL;
    if (has_ext(path, ".txt") || has_ext(path, ".text") || has_ext(path, ".md"))
        return ANN_IN_TEXT;
    return ANN_IN_AUTO;
}

/* Markup announces itself in its first bytes; anything else is text. */
static ann_input_format sniff(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
        i++;
    const char *p = s + i;
    size_t left = n - i;
    if (left >= 5 && (strncasecmp(p, "<!doc", 5) == 0 || strncasecmp(p, "<html", 5) == 0))
        return ANN_IN_HTML;
    if (left >= 5 && strncmp(p, "<?xml", 5) == 0) {
        size_t look = left < 1024 ? left : 1024;
        for (size_t j = 0; j + 5 <= look; j++)
            if (strncasecmp(p + j, "<html", 5) == 0)
                return ANN_IN_HTML;
        return ANN_IN_XML;
    }
    return ANN_IN_TEXT;
}

ann_reader *ann_reader_open(const char *path, ann_input_format fmt, char *err, size_t errlen)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s", strerror(errno));
        return NULL;
    }
    ann_reader *r = ann_xcalloc(1, sizeof *r);
    r->f = f;
    r->path = ann_xstrdup(path);
    r->id = ann_doc_id_from_path(path);
    r->fmt = fmt == ANN_IN_AUTO ? format_from_name(path) : fmt;
    return r;
}

int ann_reader_may_wait(const ann_reader *r)
{
    struct stat st;
    return fstat(fileno(r->f), &st) != 0 || !S_ISREG(st.st_mode);
}

void ann_reader_close(ann_reader *r)
{
    if (!r)
        return;
    if (r->f && r->f != stdin)
        fclose(r->f);
    free(r->path);
    free(r->id);
    free(r->line);
    free(r);
}

/* Read the whole input into out, straight from the file descriptor: the
 * stdio buffer would be one more copy of every byte.  Text is then
 * repaired to valid UTF-8 if it must be (a second buffer, only then);
 * markup is kept raw for its parser.  Returns -1 with err set on a read
 * error or a NUL byte (binary file), found as the bytes arrive so that a
 * large binary file is not read to its end. */
static int slurp(ann_reader *r, ann_buf *out, int raw, size_t *bad, size_t *first_bad,
                 char *err, size_t errlen)
{
    int fd = fileno(r->f);
    /* A regular file says how big it is: one allocation, no doublings. */
    struct stat st;
    size_t want = CHUNK;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size < SIZE_MAX / 2)
        want = (size_t)st.st_size + 1;
    ann_grow((void **)&out->p, &out->cap, want, 1);
    for (;;) {
        if (out->cap - out->len < 2)    /* the file grew, or its size is unknown */
            ann_grow((void **)&out->p, &out->cap, out->len + CHUNK, 1);
        ssize_t got = read(fd, out->p + out->len, out->cap - out->len - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            snprintf(err, errlen, "read error: %s", strerror(errno));
            return -1;
        }
        if (got == 0)
            break;
        const char *nul = memchr(out->p + out->len, '\0', (size_t)got);
        if (nul) {
            snprintf(err, errlen, "binary file (NUL byte at offset %zu), skipped",
                     (size_t)(nul - out->p));
            return -1;
        }
        out->len += (size_t)got;
    }
    size_t next;
    if (!raw && next_invalid(out->p, out->len, 0, &next) < out->len) {
        ann_buf fixed = {0};
        ann_grow((void **)&fixed.p, &fixed.cap, out->len + out->len / 8 + 16, 1);
        decode(&fixed, out->p, out->len, bad, first_bad);
        free(out->p);
        *out = fixed;
    }
    ann_buf_add(out, "", 0);
    out->p[out->len] = '\0';
    return 0;
}

static int next_whole(ann_reader *r, ann_doc **out, char *err, size_t errlen)
{
    ann_buf b = {0};
    size_t bad = 0, first_bad = 0;
    int raw = r->fmt != ANN_IN_TEXT;
    r->done = 1;
    if (slurp(r, &b, raw, &bad, &first_bad, err, errlen) < 0) {
        free(b.p);
        return -1;
    }
    ann_doc *d;
    if (!raw) {
        d = ann_doc_new(r->id, r->path, b.p, b.len);
        warn_bad(d, bad, first_bad);
    } else {
        ann_input_format fmt = r->fmt == ANN_IN_AUTO ? sniff(b.p, b.len) : r->fmt;
        if (fmt == ANN_IN_HTML)
            d = ann_html_to_doc(r->id, r->path, b.p, b.len, err, errlen);
        else if (fmt == ANN_IN_XML)
            d = ann_xml_to_doc(r->id, r->path, b.p, b.len, err, errlen);
        else
            d = ann_doc_from_bytes(r->id, r->path, b.p, b.len);
        free(b.p);
        if (!d)
            return -1;
    }
    *out = d;
    return 1;
}

static int next_line(ann_reader *r, ann_doc **out, char *err, size_t errlen)
{
    for (;;) {
        errno = 0;
        ssize_t n = getline(&r->line, &r->linecap, r->f);
        if (n < 0) {
            r->done = 1;
            if (ferror(r->f)) {
                snprintf(err, errlen, "read error: %s", strerror(errno));
                return -1;
            }
            return 0;
        }
        r->lineno++;
        size_t len = (size_t)n;
        while (len > 0 && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r'))
            len--;
        size_t i = 0;
        while (i < len && (r->line[i] == ' ' || r->line[i] == '\t'))
            i++;
        if (i == len)
            continue;   /* blank lines separate nothing */
        char why[256];
        ann_doc *d = ann_jsonl_to_doc(r->path, r->lineno, r->line, len, why, sizeof why);
        if (d) {
            *out = d;
            return 1;
        }
        /* The stream goes on: the bad line becomes an error document so
         * that output lines stay aligned with input lines. */
        char *id = ann_xasprintf("%s-%zu", r->id, r->lineno);
        d = ann_doc_new(id, r->path, ann_xstrdup(""), 0);
        free(id);
        d->error = ann_xstrdup(why);     /* the record reader names the line */
        snprintf(err, errlen, "%s", why);
        *out = d;
        return -1;
    }
}

int ann_reader_next(ann_reader *r, ann_doc **out, char *err, size_t errlen)
{
    *out = NULL;
    if (r->done)
        return 0;
    int rc = r->fmt == ANN_IN_JSONL ? next_line(r, out, err, errlen)
                                    : next_whole(r, out, err, errlen);
    if (*out)
        ann_doc_repair_meta(*out);
    return rc;
}
