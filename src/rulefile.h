/*
 * rulefile.h - reading rule files: the one line reader every kind of
 * knowledge is loaded through, built in or the user's, and the errors it
 * reports ("PATH:LINE: what").
 *
 * A rule file is UTF-8 text, one rule a line.  A byte-order mark at the
 * start, a CR before each LF and trailing blanks are dropped; blank lines
 * and lines whose first non-blank byte is '#' are comments.  A NUL byte or
 * invalid UTF-8 is an error: a rule's strings reach the output, and the
 * output must stay valid JSON.
 */
#ifndef ANN_RULEFILE_H
#define ANN_RULEFILE_H

#include <stddef.h>

/* Rule files are read whole; a bound keeps `--rules /dev/urandom` or a
 * pipe that never ends from eating the memory. */
#define ANN_RULE_FILE_MAX ((size_t)256 << 20)

/* One rule file, its bytes in memory. */
typedef struct ann_rule_src {
    const char *name;      /* for messages: "src/rules/dates/rules.tsv", "my/dates/rules.tsv" */
    const char *tree;      /* its place in the rules tree: "dates/rules.tsv" */
    const char *data;
    size_t len;
    int builtin;           /* built in: checked for NUL and UTF-8 when built */
} ann_rule_src;

/* Called for each rule line (without its end, never blank or a comment);
 * returns 0, or -1 having written the reason into err with ann_load_error. */
typedef int (*ann_line_fn)(void *ctx, const char *line, size_t len,
                           const char *name, size_t lineno,
                           char *err, size_t errlen);

/* Feed fn every rule line of src, numbered from 1; stop at the first error. */
int ann_rule_lines(const ann_rule_src *src, ann_line_fn fn, void *ctx,
                   char *err, size_t errlen);

/* A line's tab-separated fields: at most max, the last keeps any further
 * tabs.  Returns the number of fields (at least 1). */
typedef struct ann_field {
    const char *s;
    size_t n;
} ann_field;
size_t ann_rule_fields(const char *line, size_t len, ann_field *f, size_t max);

/* Write "NAME:LINE: reason" into err (LINE 0: "NAME: reason"). */
void ann_load_error(char *err, size_t errlen, const char *name, size_t line,
                    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* The whole file at path in a new buffer (*len bytes, NUL-terminated);
 * NULL with "PATH: reason" in err when it cannot be read, holds a NUL byte
 * (found as the bytes arrive, so /dev/zero fails at once) or is larger
 * than ANN_RULE_FILE_MAX. */
char *ann_rule_read_file(const char *path, size_t *len, char *err, size_t errlen);

#endif
