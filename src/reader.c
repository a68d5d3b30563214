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
    const ann_reader_rules *rules;
    int done;
    ann_buf ahead;         /* bytes read and not yet used: JSON Lines, or a guess's look */
    size_t pos, scan;      /* JSON Lines: where the next line starts, how far it was searched */
    int eof;               /* the input has nothing more to read */
    size_t lineno;
    const char *guess;     /* what the content said, until taken */
};

/* The end of the run of ASCII bytes at i: sixteen bytes at a time under
 * SSE2, else eight. */
static size_t ascii_end(const char *in, size_t n, size_t i)
{
#ifdef ANN_SSE2
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
        unsigned m = (unsigned)_mm_movemask_epi8(v);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
#endif
    for (; n - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, in + i, 8);
        if (w & 0x8080808080808080ull)
            break;
    }
    while (i < n && (unsigned char)in[i] < 0x80)
        i++;
    return i;
}

/* Where the first invalid UTF-8 sequence at or after i begins (n if none);
 * *next is where it ends.  A U+FFFD in the input counts as valid. */
static size_t next_invalid(const char *in, size_t n, size_t i, size_t *next)
{
    while ((i = ascii_end(in, n, i)) < n) {
        size_t k = ann_utf8_common((const unsigned char *)in + i, n - i);
        if (k) {
            i += k;
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

ann_reader *ann_reader_open(const char *path, ann_input_format fmt,
                            const ann_reader_rules *rules, char *err, size_t errlen)
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
    r->rules = rules;
    return r;
}

void ann_reader_set_id(ann_reader *r, const char *id)
{
    free(r->id);
    r->id = ann_xstrdup(id);
}

const char *ann_reader_guess(ann_reader *r)
{
    const char *g = r->guess;
    r->guess = NULL;
    return g;
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
    free(r->ahead.p);
    free(r);
}

/* read(), again when a signal interrupts it; -1 with err on an error. */
static ssize_t read_some(int fd, char *p, size_t n, char *err, size_t errlen)
{
    for (;;) {
        ssize_t got = read(fd, p, n);
        if (got >= 0 || errno != EINTR) {
            if (got < 0)
                snprintf(err, errlen, "read error: %s", strerror(errno));
            return got;
        }
    }
}

/* Text read whole, made valid UTF-8 where it is not: in a second buffer,
 * only then. */
static void repair(ann_buf *b, size_t *bad, size_t *first_bad)
{
    size_t next;
    if (next_invalid(b->p, b->len, 0, &next) == b->len)
        return;
    ann_buf fixed = {0};
    ann_grow((void **)&fixed.p, &fixed.cap, b->len + b->len / 8 + 16, 1);
    decode(&fixed, b->p, b->len, bad, first_bad);
    free(b->p);
    *b = fixed;
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
    *out = r->ahead;                   /* what a guess at the format read */
    memset(&r->ahead, 0, sizeof r->ahead);
    const char *nul = out->len ? memchr(out->p, '\0', out->len) : NULL;
    if (nul) {
        snprintf(err, errlen, "binary file (NUL byte at offset %zu), skipped",
                 (size_t)(nul - out->p));
        return -1;
    }
    /* A regular file says how big it is: one allocation, no doublings. */
    struct stat st;
    size_t want = CHUNK;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size < SIZE_MAX / 2)
        want = (size_t)st.st_size + 1;
    ann_grow((void **)&out->p, &out->cap, want, 1);
    while (!r->eof) {
        if (out->cap - out->len < 2)    /* the file grew, or its size is unknown */
            ann_grow((void **)&out->p, &out->cap, out->len + CHUNK, 1);
        ssize_t got = read_some(fd, out->p + out->len, out->cap - out->len - 1, err, errlen);
        if (got < 0)
            return -1;
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
    if (!raw)
        repair(out, bad, first_bad);
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
    ann_input_format fmt = !raw ? ANN_IN_TEXT : r->fmt == ANN_IN_AUTO ? sniff(b.p, b.len) : r->fmt;
    if (fmt != ANN_IN_HTML && fmt != ANN_IN_XML) {
        /* the text is the bytes read, not a copy of them */
        if (raw)
            repair(&b, &bad, &first_bad);
        d = ann_doc_new(r->id, r->path, b.p, b.len);
        warn_bad(d, bad, first_bad);
    } else {
        d = fmt == ANN_IN_HTML ? ann_html_to_doc(r->rules, r->id, r->path, b.p, b.len, err, errlen)
                               : ann_xml_to_doc(r->rules, r->id, r->path, b.p, b.len, err, errlen);
        free(b.p);
        if (!d)
            return -1;
    }
    *out = d;
    return 1;
}

/* Read up to CHUNK more bytes into r->ahead; sets r->eof at the end.
 * -1 with err on a read error. */
static int read_more(ann_reader *r, char *err, size_t errlen)
{
    ann_buf *b = &r->ahead;
    if (b->cap - b->len < CHUNK + 1)
        ann_grow((void **)&b->p, &b->cap, b->len + CHUNK + 1, 1);
    ssize_t got = read_some(fileno(r->f), b->p + b->len, CHUNK, err, errlen);
    if (got < 0)
        return -1;
    r->eof = got == 0;
    b->len += (size_t)got;
    return 0;
}

/* The next line of the input (its newline and a CR before it cut) at
 * *line, n bytes, valid until the next call: 1; 0 at the end; -1 with err
 * on a read error.  Read straight from the file descriptor, as a guess at
 * the format may have read the first bytes already. */
static int read_line(ann_reader *r, const char **line, size_t *n, char *err, size_t errlen)
{
    ann_buf *b = &r->ahead;
    for (;;) {
        const char *nl = b->len > r->scan ? memchr(b->p + r->scan, '\n', b->len - r->scan) : NULL;
        if (nl || (r->eof && r->pos < b->len)) {
            size_t end = nl ? (size_t)(nl - b->p) : b->len;
            *line = b->p + r->pos;
            *n = end - r->pos;
            if (*n && (*line)[*n - 1] == '\r')
                (*n)--;
            r->pos = r->scan = nl ? end + 1 : end;
            return 1;
        }
        if (r->eof)
            return 0;
        r->scan = b->len;
        if (r->pos > 0) {                 /* keep only the line being read */
            memmove(b->p, b->p + r->pos, b->len - r->pos);
            b->len -= r->pos;
            r->scan -= r->pos;
            r->pos = 0;
        }
        if (read_more(r, err, errlen) < 0)
            return -1;
    }
}

static int next_line(ann_reader *r, ann_doc **out, char *err, size_t errlen)
{
    const char *line;
    size_t len;
    int rc = read_line(r, &line, &len, err, errlen);
    if (rc <= 0) {
        r->done = 1;
        return rc;
    }
    r->lineno++;
    char why[256];
    /* A bad line (a blank one too) becomes an error document, so that
     * output lines stay aligned with input lines, and the stream goes on. */
    ann_doc *d = ann_jsonl_to_doc(r->rules, r->path, r->lineno, line, len, why, sizeof why);
    *out = d;
    if (!d->error)
        return 1;
    snprintf(err, errlen, "record %s, %s", d->id, d->error);
    return -1;
}

/* An input whose name does not tell its format (standard input, .json, no
 * extension) is JSON Lines if its first line is a JSON object with a
 * "text" string, as no article is.  Only the first line is read for this,
 * and only if the input starts with "{"; the bytes stay in r->ahead. */
static int guess_jsonl(ann_reader *r, char *err, size_t errlen)
{
    ann_buf *b = &r->ahead;
    while (b->len < 3 && !r->eof)
        if (read_more(r, err, errlen) < 0)
            return -1;
    size_t bom = b->len >= 3 && memcmp(b->p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, i = bom;
    for (;;) {
        while (i < b->len && strchr(" \t\r\n", b->p[i]) && b->p[i])
            i++;
        if (i < b->len || r->eof)
            break;
        if (read_more(r, err, errlen) < 0)
            return -1;
    }
    if (i >= b->len || b->p[i] != '{')
        return 0;
    size_t scan = i;
    const char *nl;
    while (!(nl = memchr(b->p + scan, '\n', b->len - scan)) && !r->eof &&
           !memchr(b->p + scan, '\0', b->len - scan)) {
        scan = b->len;
        if (read_more(r, err, errlen) < 0)
            return -1;
    }
    size_t end = nl ? (size_t)(nl - b->p) : b->len;
    if (!ann_jsonl_looks_like(b->p + i, end - i))
        return 0;
    r->fmt = ANN_IN_JSONL;
    r->pos = r->scan = bom;
    r->guess = "read as JSON Lines (the first line is a JSON object with \"text\"); "
               "--input-format text reads it as one text";
    return 1;
}

int ann_reader_next(ann_reader *r, ann_doc **out, char *err, size_t errlen)
{
    *out = NULL;
    if (r->done)
        return 0;
    if (r->fmt == ANN_IN_AUTO && r->lineno == 0 && !r->eof && guess_jsonl(r, err, errlen) < 0) {
        r->done = 1;
        return -1;
    }
    int rc = r->fmt == ANN_IN_JSONL ? next_line(r, out, err, errlen)
                                    : next_whole(r, out, err, errlen);
    if (*out)
        ann_doc_repair_meta(*out);
    return rc;
}
