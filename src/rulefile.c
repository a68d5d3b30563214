/*
 * rulefile.c - the one line reader of rule files (see rulefile.h): every
 * lexicon, pattern, cue list, date rule and table, built in or given with
 * --rules, comes through ann_rule_lines, so BOMs, CRLF, comments, NUL bytes
 * and bad UTF-8 are handled once and reported alike.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ann.h"
#include "rulefile.h"
#include "utf8.h"

void ann_load_error(char *err, size_t errlen, const char *name, size_t line,
                    const char *fmt, ...)
{
    if (!err || errlen == 0)
        return;
    int k = line ? snprintf(err, errlen, "%s:%zu: ", name, line)
                 : snprintf(err, errlen, "%s: ", name);
    if (k < 0 || (size_t)k >= errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
    va_end(ap);
}

/* Offset of the first byte of an invalid UTF-8 sequence, or n. */
static size_t invalid_utf8_at(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t at = i;
        if (ann_utf8_next(s, n, &i) == ANN_REPLACEMENT && i == at + 1)
            return at;
    }
    return n;
}

static int is_blank_byte(char c)
{
    return c == ' ' || c == '\t';
}

int ann_rule_lines(const ann_rule_src *src, ann_line_fn fn, void *ctx,
                   char *err, size_t errlen)
{
    const char *data = src->data;
    size_t len = src->len, pos = 0, lineno = 0;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;                         /* a BOM from a Windows editor */
    while (pos < len) {
        const char *line = data + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl != NULL);
        lineno++;
        if (!src->builtin && memchr(line, '\0', n)) {
            ann_load_error(err, errlen, src->name, lineno, "NUL byte in line");
            return -1;
        }
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
            n--;
        size_t lead = 0;
        while (lead < n && is_blank_byte(line[lead]))
            lead++;
        if (lead == n || line[lead] == '#')
            continue;
        size_t bad = src->builtin ? n : invalid_utf8_at(line, n);
        if (bad < n) {
            ann_load_error(err, errlen, src->name, lineno,
                           "invalid UTF-8 (byte 0x%02X at column %zu)",
                           (unsigned char)line[bad], bad + 1);
            return -1;
        }
        if (fn(ctx, line, n, src->name, lineno, err, errlen) < 0)
            return -1;
    }
    return 0;
}

size_t ann_rule_fields(const char *line, size_t len, ann_field *f, size_t max)
{
    size_t k = 0;
    const char *p = line, *end = line + len;
    while (k + 1 < max) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        if (!tab)
            break;
        f[k].s = p;
        f[k++].n = (size_t)(tab - p);
        p = tab + 1;
    }
    f[k].s = p;
    f[k++].n = (size_t)(end - p);
    return k;
}

char *ann_rule_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        ann_load_error(err, errlen, path, 0, "%s", strerror(errno));
        return NULL;
    }
    size_t cap = 0, n = 0;
    char *buf = NULL;
    const char *why = NULL;
    for (;;) {
        if (n + 65536 + 1 > cap)
            ann_grow((void **)&buf, &cap, n + 65536 + 1, 1);
        ssize_t got = read(fd, buf + n, cap - n - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            why = strerror(errno);
            break;
        }
        if (got == 0)
            break;
        if (memchr(buf + n, '\0', (size_t)got)) {
            why = "NUL byte: not a rule file";
            break;
        }
        n += (size_t)got;
        if (n > ANN_RULE_FILE_MAX) {
            why = "larger than 256 MiB: not a rule file";
            break;
        }
    }
    close(fd);
    if (why) {
        ann_load_error(err, errlen, path, 0, "%s", why);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}
