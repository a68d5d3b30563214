/*
 * dates_must.h - what every match of a date rule contains, read off its
 * expanded pattern at load time: a few strings one of which each match
 * holds (" ago"; " later", " earlier", " after", " before"), and how far
 * a match can reach.  The rule index (dates_trie.h) tells a rule from
 * the first bytes of the text; this tells it from the rest: the rules of
 * counted durations share their first words ("three days", "more than a
 * year") and differ after them.  Six regex calls in ten failed after a
 * trie hit, each running JIT code that was out of the cache (a rule's is
 * 5 to 25 KB); this look, a few SSE2 steps over the text the match could
 * cover, spares seven in ten of those calls.
 */
#ifndef ANN_DATES_MUST_H
#define ANN_DATES_MUST_H

#include <stddef.h>
#include <stdint.h>

#define TX_MUST_N 8        /* strings of a set, at most */
#define TX_MUST_LEN 24     /* bytes of a string, at most */
#define TX_MUST_RANGES 4   /* ranges of elastic bytes, at most */

typedef struct tx_must {
    unsigned char lo[TX_MUST_RANGES], hi[TX_MUST_RANGES];
                           /* bytes a match may hold any number of (those
                            * of its unbounded repetitions: the digits of
                            * [0-9]+), in ranges that take them all, and
                            * which do not count against reach */
    uint32_t nrange;
    uint32_t reach;        /* a match holds at most this many other bytes */
    uint32_t n;            /* strings; 0: no filter, try the rule */
    unsigned char len[TX_MUST_N];
    unsigned char f0[TX_MUST_N], f1[TX_MUST_N]; /* their first two bytes, in
                            * the look's first cache line */
    unsigned char s[TX_MUST_N][TX_MUST_LEN];  /* folded as tx_fold does */
} tx_must;

/* What the expanded pattern re requires of its matches, into *mu (n 0
 * when nothing useful is known or the syntax is not understood).  The
 * strings and the reach may admit a text the pattern cannot match, never
 * the reverse. */
void tx_must_build(tx_must *mu, const char *re);

/* 0 when no match of the rule can begin at t[pos] in a text that ends at
 * we: none of its strings is within its reach from pos. */
int tx_must_ok(const tx_must *mu, const unsigned char *t, size_t pos, size_t we);
/* The same, by the plain code that the SSE2 path sits beside (for the
 * test that compares them). */
int tx_must_ok_plain(const tx_must *mu, const unsigned char *t, size_t pos, size_t we);

#endif
