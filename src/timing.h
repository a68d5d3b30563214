/*
 * timing.h - where the time goes, on request (--timings): the CPU time of
 * each thread charged to the stage it was in, stage by stage along the
 * pipeline, and added up over the threads at the end.  Off, a mark costs
 * one test of a flag.
 */
#ifndef ANN_TIMING_H
#define ANN_TIMING_H

#include <stdint.h>

enum {
    ANN_T_OTHER,       /* start-up, waiting for nothing in particular */
    ANN_T_READ,        /* reading and decoding input, HTML and XML included */
    ANN_T_META,        /* language and metadata */
    ANN_T_TOKENS,      /* the tokenizer */
    ANN_T_MATCH,       /* the rule engine: lexicons and patterns */
    ANN_T_ENTITIES,    /* entities, the name tagger among them */
    ANN_T_DATES,
    ANN_T_CLAIMS,
    ANN_T_WRITE,       /* the writer and the output */
    ANN_T_N
};

extern int ann_timing_on;      /* set before any thread starts */

/* Charge this thread's CPU time since its last mark to stage s. */
void ann_time_charge(int s);
static inline void ann_time(int s)
{
    if (ann_timing_on)
        ann_time_charge(s);
}

/* Add this thread's totals to everyone's (once, when it is done). */
void ann_time_done(void);
/* Everyone's totals so far, in seconds, and a stage's name. */
void ann_time_totals(double *sec);
const char *ann_time_name(int s);

#endif
