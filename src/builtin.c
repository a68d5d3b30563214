/* builtin.c - lookup in the table of embedded rule files. */
#include <string.h>

#include "builtin.h"

const ann_builtin_file *ann_builtin_get(const char *name)
{
    for (size_t i = 0; i < ann_builtin_nfiles; i++)
        if (strcmp(ann_builtin_files[i].name, name) == 0)
            return &ann_builtin_files[i];
    return NULL;
}
