/*
 * user_rules.h - a user's rules tree for the tests of --rules DIR: one
 * file in a new temporary folder, written again as a test goes on.
 */
#ifndef ANN_TEST_USER_RULES_H
#define ANN_TEST_USER_RULES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annotate.h"

/* Write text to path, replacing the file; 0 or -1. */
static inline int user_rules_write(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (!fp)
        return -1;
    fputs(text, fp);
    return fclose(fp) == 0 ? 0 : -1;
}

/* Make dir (a mkdtemp template, filled in) with the one file
 * dir/sub/name holding text; its path in path.  0 or -1. */
static inline int user_rules_tree(char *dir, const char *sub, const char *name,
                                  const char *text, char *path, size_t cap)
{
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, cap, "%s/%s", dir, sub);
    if (mkdir(path, 0700) != 0)
        return -1;
    snprintf(path, cap, "%s/%s/%s", dir, sub, name);
    return user_rules_write(path, text);
}

/* The engine with the built-in rules and the user's tree dir, or NULL
 * with the loader's message on standard error. */
static inline ann_engine *user_rules_engine(const char *dir)
{
    char err[512];
    ann_engine *e = ann_engine_new(0, &dir, 1, err, sizeof err);
    if (!e)
        fprintf(stderr, "   %s: %s\n", dir, err);
    return e;
}

/* Whether an engine with the user's tree dir is refused, its message
 * "PATH:LINE: why..." for the file path. */
static inline int user_rules_refused(const char *dir, const char *path, int line, const char *why)
{
    char err[512], want[600];
    ann_engine *e = ann_engine_new(0, &dir, 1, err, sizeof err);
    ann_engine_free(e);
    snprintf(want, sizeof want, "%s:%d: %s", path, line, why);
    return e == NULL && strncmp(err, want, strlen(want)) == 0;
}

/* Remove the tree's one file path, its folder sub and dir. */
static inline void user_rules_remove(const char *dir, const char *sub, const char *path)
{
    char folder[300];
    remove(path);
    snprintf(folder, sizeof folder, "%s/%s", dir, sub);
    rmdir(folder);
    rmdir(dir);
}

#endif
