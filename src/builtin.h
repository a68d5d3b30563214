/*
 * builtin.h - the files under src/rules/, compiled into the binary by
 * src/tools/embed.c so that annotate needs no data path at run time.
 */
#ifndef ANN_BUILTIN_H
#define ANN_BUILTIN_H

#include <stddef.h>

typedef struct ann_builtin_file {
    const char *name;            /* path below src/rules/, e.g. "lexicon/countries.tsv" */
    const char *data;            /* contents, NUL-terminated */
    size_t len;                  /* bytes, without the NUL */
} ann_builtin_file;

extern const ann_builtin_file ann_builtin_files[];
extern const size_t ann_builtin_nfiles;

/* The file with this name, or NULL. */
const ann_builtin_file *ann_builtin_get(const char *name);

#endif
