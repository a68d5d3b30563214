/*
 * timing.c - per-stage CPU time (see timing.h): a thread's own clock,
 * read at each mark; thread-local sums, added to the totals under a lock
 * when the thread is done.
 */
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "timing.h"

int ann_timing_on;

static _Thread_local uint64_t last_ns;
static _Thread_local uint64_t mine[ANN_T_N];
static uint64_t total[ANN_T_N];
static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t thread_ns(void)
{
    struct timespec t;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t) != 0)
        return 0;
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

void ann_time_charge(int s)
{
    uint64_t now = thread_ns();
    mine[s] += now - last_ns;   /* the first mark of a thread: all it did before */
    last_ns = now;
}

void ann_time_done(void)
{
    if (!ann_timing_on)
        return;
    ann_time_charge(ANN_T_OTHER);
    pthread_mutex_lock(&total_lock);
    for (int s = 0; s < ANN_T_N; s++)
        total[s] += mine[s];
    pthread_mutex_unlock(&total_lock);
    memset(mine, 0, sizeof mine);
}

void ann_time_totals(double *sec)
{
    pthread_mutex_lock(&total_lock);
    for (int s = 0; s < ANN_T_N; s++)
        sec[s] = (double)total[s] / 1e9;
    pthread_mutex_unlock(&total_lock);
}

const char *ann_time_name(int s)
{
    static const char *const names[ANN_T_N] = {"other", "reader", "metadata", "tokenizer",
                                               "rule matching", "entities", "dates",
                                               "claims", "writer"};
    return s >= 0 && s < ANN_T_N ? names[s] : "?";
}
