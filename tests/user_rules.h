/*
 * user_rules.h - a user's rules tree for the tests of --rules DIR: one
 * file in a new temporary folder, written again as a test goes on.
 */
#ifndef ANN_TEST_USER_RULES_H
#define ANN_TEST_USER_RULES_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

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

#endif
