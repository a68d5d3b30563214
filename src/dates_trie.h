/*
 * dates_trie.h - the rule index of the date annotator: which rules may
 * match at a position of the text, told from its first bytes.  Each rule
 * is reduced to the byte strings its matches can begin with (see
 * dates_prefix.h), all kept in one trie, and a rule is tried only where
 * the text runs into a node that ends one of its strings.  A regex call
 * that fails costs about as much as one that matches, and most words of
 * a text begin no date: the filters below turn most of them away in a
 * table look or two.
 */
#ifndef ANN_DATES_TRIE_H
#define ANN_DATES_TRIE_H

#include <stddef.h>
#include <stdint.h>

/* A node of the runtime trie.  The walk runs at many words of the text,
 * and the trie is out of the cache by then (the other annotators run
 * between two windows): so a step is one load of a 16-byte node, bytes
 * are mapped to a few classes (the bytes the strings use), a node's
 * children are consecutive, found by the bit of their class, and the
 * nodes are laid out depth first with each node's children right after
 * its first sibling's subtree: a string's tail (one child per node, as
 * most deep nodes are) is one run of nodes. */
typedef struct tx_node {
    uint64_t kids;         /* bit k: a child by class k */
    uint32_t first;        /* its first child; the others follow in class order */
    uint32_t acc;          /* its rule set in accs, 0 = none */
} tx_node;

#define TX_MAXCLS 64       /* classes that fit in kids; more: one node */

#define TX_SLOW 0x80000000u /* in pair: walk from the root (a string ends early) */

typedef struct tx_trie {
    size_t setw;           /* 64-bit words of a rule set: one bit per rule */
    unsigned char cls[256]; /* text byte -> class, folded; 0 = on no edge */
    size_t ncls;           /* classes, 0 included: the width of a row */
    tx_node *node;         /* node 0 is the root */
    size_t nnode;
    uint32_t *pair;        /* ncls x ncls: the node after two bytes by their
                            * classes, 0 = none */
    uint16_t *two;         /* ncls x ncls: the first two bytes' entry in
                            * three, 0 = no walk goes on */
    uint64_t (*three)[2];  /* per pair of first bytes, bit k of [0]: a walk
                            * goes on past a third byte of class k or a
                            * string ends within the three; of [1]: the
                            * latter.  Most walks end there, and both tables
                            * fit in a few kilobytes */
    uint64_t *deep;        /* TX_DEEP_BITS bits: a Bloom filter of the
                            * walks that reach eight bytes (TX_DEEP8) and of
                            * the five-byte prefixes of the strings that end
                            * at four to seven (TX_DEEP5) */
    uint64_t *accs;        /* setw words per rule set; set 0 is empty */
    size_t naccs;
} tx_trie;

/* Index the n expanded patterns (rule i is bit i of the sets). */
void tx_trie_build(tx_trie *t, char *const *patterns, size_t n);
void tx_trie_free(tx_trie *t);

/* Set cand (setw words) to the rules whose matches may begin with the
 * text t[0..n): every rule that can match there is in it.  Returns 0, and
 * leaves cand alone, when there is none. */
int tx_trie_possible(const tx_trie *tr, const unsigned char *t, size_t n,
                     uint64_t *cand);

/* The filters of the trie's first eight bytes, two probes per key. */
#define TX_DEEP_BITS 16
#define TX_DEEP5 0x9E3779B97F4A7C15u    /* multipliers: one per kind of key */
#define TX_DEEP8 0xC2B2AE3D27D4EB4Fu

static inline int tx_deep_has(const tx_trie *tr, uint64_t key, uint64_t mult)
{
    uint64_t h = key * mult;
    size_t a = (size_t)(h >> (64 - TX_DEEP_BITS));
    size_t b = (size_t)(h >> (64 - 2 * TX_DEEP_BITS)) & (((size_t)1 << TX_DEEP_BITS) - 1);
    return (int)((tr->deep[a / 64] >> (a % 64)) & (tr->deep[b / 64] >> (b % 64)) & 1);
}

/* The first filter, at a text of three bytes or more: 0 when
 * tx_trie_possible would be, 3 when a string ends within the three bytes
 * (the walk must tell), 1 when the walk would go on (tx_trie_deep may
 * tell).  Most walks end there, and this look is cheap enough to make at
 * every word of the text. */
static inline unsigned tx_trie_first3(const tx_trie *tr, const unsigned char *t)
{
    const uint64_t *e = tr->three[tr->two[(size_t)tr->cls[t[0]] * tr->ncls + tr->cls[t[1]]]];
    unsigned k = tr->cls[t[2]];
    return (unsigned)((e[0] >> k) & 1) | (unsigned)((e[1] >> k) & 1) << 1;
}

/* The second, at a text of eight bytes or more where the first says 1
 * (after "the ", "that "): 0 when tx_trie_possible would be.  A walk
 * finds rules only where a string ends on its path: after the first
 * three bytes, at four to seven the five-byte prefixes tell, later the
 * walk has passed eight bytes. */
static inline int tx_trie_deep(const tx_trie *tr, const unsigned char *t)
{
    const unsigned char *c = tr->cls;
    uint64_t k = (uint64_t)c[t[0]] | (uint64_t)c[t[1]] << 8 | (uint64_t)c[t[2]] << 16 |
                 (uint64_t)c[t[3]] << 24 | (uint64_t)c[t[4]] << 32 | (uint64_t)c[t[5]] << 40 |
                 (uint64_t)c[t[6]] << 48 | (uint64_t)c[t[7]] << 56;
    return tx_deep_has(tr, k & 0xFFFFFFFFFFu, TX_DEEP5) | tx_deep_has(tr, k, TX_DEEP8);
}

/* 0 when tx_trie_possible would be: the two filters. */
static inline int tx_trie_maybe(const tx_trie *tr, const unsigned char *t, size_t n)
{
    if (n < 3)
        return 1;
    unsigned v = tx_trie_first3(tr, t);
    if (v != 1 || n < 8)
        return v != 0;
    return tx_trie_deep(tr, t);
}

#endif
