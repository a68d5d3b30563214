/*
 * test.h - the whole unit test framework: checks that count, report the
 * failing expression with file and line, and a closing "N passed, N failed".
 */
#ifndef ANN_TEST_H
#define ANN_TEST_H

#include <stdio.h>
#include <string.h>

static int t_passed, t_failed;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (cond) t_passed++;                                               \
        else { t_failed++;                                                  \
            fprintf(stderr, "%s:%d: FAIL: %s\n", __FILE__, __LINE__, #cond); } \
    } while (0)

#define CHECK_STR(got, want)                                                \
    do {                                                                    \
        const char *g_ = (got), *w_ = (want);                               \
        if ((g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0)) \
            t_passed++;                                                     \
        else { t_failed++;                                                  \
            fprintf(stderr, "%s:%d: FAIL: %s: got \"%s\", want \"%s\"\n",   \
                    __FILE__, __LINE__, #got, g_ ? g_ : "(null)",           \
                    w_ ? w_ : "(null)"); }                                  \
    } while (0)

#define CHECK_INT(got, want)                                                \
    do {                                                                    \
        long long g_ = (long long)(got), w_ = (long long)(want);            \
        if (g_ == w_) t_passed++;                                           \
        else { t_failed++;                                                  \
            fprintf(stderr, "%s:%d: FAIL: %s: got %lld, want %lld\n",       \
                    __FILE__, __LINE__, #got, g_, w_); }                    \
    } while (0)

/* The last line of every test program; tests/run.sh adds them up. */
#define TEST_DONE()                                                         \
    do {                                                                    \
        printf("%d passed, %d failed\n", t_passed, t_failed);               \
        return t_failed ? 1 : 0;                                            \
    } while (0)

#endif
