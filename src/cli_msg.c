/*
 * cli_msg.c - messages on standard error, in the form grep and jq use:
 * "annotate: PATH: reason".  A message is one line whatever it quotes:
 * control characters in a file name, a record's id or a warning become
 * escapes, so that a name holding a newline cannot forge a second message
 * (or a terminal escape sequence reach the terminal).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_quiet;

/* s with each control character (and DEL) as an escape, appended to out. */
static void add_escaped(ann_buf *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != 0x7f)
            continue;
        ann_buf_add(out, run, (size_t)(s - run));
        char esc[5] = {'\\', 'x', hex[c >> 4], hex[c & 15], 0};
        if (c == '\n' || c == '\t' || c == '\r') {
            esc[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
            esc[2] = 0;
        }
        ann_buf_adds(out, esc);
        run = s + 1;
    }
    ann_buf_add(out, run, (size_t)(s - run));
}

static void vadd(ann_buf *out, const char *path, const char *fmt, va_list ap)
{
    ann_buf_adds(out, "annotate: ");
    if (path) {
        add_escaped(out, path);
        ann_buf_adds(out, ": ");
    }
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n > 0) {
        char *text = ann_xmalloc((size_t)n + 1);
        vsnprintf(text, (size_t)n + 1, fmt, ap);
        add_escaped(out, text);
        free(text);
    }
    ann_buf_adds(out, "\n");
}

void cli_msg_add(ann_buf *out, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(out, path, fmt, ap);
    va_end(ap);
}

static void vsay(const char *path, const char *fmt, va_list ap)
{
    ann_buf b = {0};
    vadd(&b, path, fmt, ap);
    fwrite(b.p, 1, b.len, stderr);
    ann_buf_free(&b);
}

void cli_msg(const char *path, const char *fmt, ...)
{
    if (cli_quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsay(path, fmt, ap);
    va_end(ap);
}

void cli_error(const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(path, fmt, ap);
    va_end(ap);
}
