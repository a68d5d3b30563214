/*
 * builtin_engine.h - the engine with the built-in rules, as the unit tests
 * that annotate whole documents load it: a test binary that cannot load
 * them says why and exits 1 (none of its checks could mean anything).
 */
#ifndef ANN_TEST_BUILTIN_ENGINE_H
#define ANN_TEST_BUILTIN_ENGINE_H

#include <stdio.h>
#include <stdlib.h>

#include "annotate.h"

static inline ann_engine *builtin_engine(void)
{
    char err[512];
    ann_engine *e = ann_engine_new(0, NULL, 0, err, sizeof err);
    if (!e) {
        fprintf(stderr, "cannot load the built-in rules: %s\n", err);
        exit(1);
    }
    return e;
}

#endif
