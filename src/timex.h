/*
 * timex.h - internals of the date annotator, shared by src/dates.c (the
 * matcher and the normalization functions), src/timex_rules.c (loading the
 * data under src/rules/dates/) and src/timex.c (calendar arithmetic).
 * Nothing here is used outside those files and their unit test.
 */
#ifndef ANN_TIMEX_H
#define ANN_TIMEX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "annotate.h"

/* --- calendar arithmetic (proleptic Gregorian, any year) ---------------- */

int tx_leap(int y);
int tx_mdays(int y, int m);                 /* days in month m of year y */
long tx_days(int y, int m, int d);          /* days since 1970-01-01 */
void tx_civil(long days, int *y, int *m, int *d);
int tx_weekday(int y, int m, int d);        /* 1 = Monday .. 7 = Sunday */
void tx_isoweek(int y, int m, int d, int *wy, int *wn);
void tx_add_days(int *y, int *m, int *d, long n);
/* Add n months; the day is clamped to the new month ("Jan 31" + 1 month
 * is Feb 28 or 29), as every calendar library does. */
void tx_add_months(int *y, int *m, int *d, long n);
void tx_easter(int y, int *m, int *d);      /* Western (Gregorian) Easter */

/* --- the loaded resources ------------------------------------------------ */

#define TX_MAXARGS 4

typedef struct tx_arg {
    int group;             /* capturing group of the rule, or -1 */
    char *lit;             /* literal argument when group < 0; NULL = absent */
} tx_arg;

typedef struct tx_rule {
    char *name;
    char type[12];
    int fn;                /* index into the normalization function table */
    size_t nargs;
    tx_arg args[TX_MAXARGS];
    uint32_t ngroups;      /* capturing groups inside the rule */
    pcre2_code *re;        /* anchored; group 1 is the whole rule */
    atomic_int jit;        /* re is JIT-compiled: 1; cannot be: -1; not yet: 0 */
} tx_rule;

typedef struct tx_entry {
    char *key;             /* "table\x1fword", word normalized (tx_normkey) */
    char *value;
} tx_entry;

/* The prefilter: the rules that can start with a given word, digit or
 * apostrophe, as bit sets over the rule numbers. */
typedef struct tx_trig {
    uint64_t hash;         /* ann_hash_lower of the word's first TX_TRIG_KEY letters; 0 = empty */
    size_t set;            /* index of its bit set in sets */
} tx_trig;

#define TX_TRIG_KEY 4

/* The second prefilter: a trie of the byte strings (letters lowercased,
 * digits as '0') that the matches of each rule can begin with, derived from
 * the patterns at load time (see timex_rules.c).  A node's rule set holds
 * the rules one of whose strings ends there.  The walk runs at many words
 * of the text, and the trie is out of the cache by then (the other
 * annotators run between two windows): so a step is one load of a 16-byte
 * node, bytes are mapped to a few classes (the bytes the strings use), a
 * node's children are consecutive, found by the bit of their class, and
 * the nodes are laid out depth first with each node's children right
 * after its first sibling's subtree: a string's tail (one child per node,
 * as most deep nodes are) is one run of nodes. */
typedef struct tx_node {
    uint64_t kids;         /* bit k: a child by class k */
    uint32_t first;        /* its first child; the others follow in class order */
    uint32_t acc;          /* its rule set in accs, 0 = none */
} tx_node;

#define TX_MAXCLS 64       /* classes that fit in kids; more: one node */

#define TX_SLOW 0x80000000u /* in pair: walk from the root (a string ends early) */

typedef struct tx_trie {
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

struct ann_date_rules {
    tx_entry *tab;         /* open addressing, power-of-two size */
    size_t ntab, captab;
    tx_rule *rules;
    size_t nrules;
    uint32_t maxgroups;    /* most capturing groups of one rule, its own included */
    int jit;               /* the JIT works here: rules are JIT-compiled on first use */
    pthread_mutex_t jit_lock; /* held while a rule is JIT-compiled */
    tx_trig *trig;         /* open addressing */
    size_t ntrig, captrig;
    uint64_t *sets;        /* setw words per set: 0 digit, 1 apostrophe, 2 any word, then per trigger */
    size_t nsets, capsets, setw;
    tx_trie pre;           /* the byte strings rules can start with */
};

/* Whether rule ru is to run by pcre2_jit_match (else pcre2_match).  Most
 * runs use few of the rules: each is JIT-compiled when first needed, not
 * at start-up, and this is the one place that does it; threads may call it
 * at once. */
int tx_rule_jit_now(const ann_date_rules *r, const tx_rule *ru);
static inline int tx_rule_jit(const ann_date_rules *r, const tx_rule *ru)
{
    if (!r->jit)
        return 0;
    int s = atomic_load_explicit(&ru->jit, memory_order_acquire);
    return s ? s > 0 : tx_rule_jit_now(r, ru);
}

/* The rules that may start at a word (NULL: none), a digit, an apostrophe. */
const uint64_t *tx_rules_for_word(const ann_date_rules *r, const char *w, size_t n);
/* Set cand (setw words) to the rules whose matches may begin with the
 * text t[0..n): every rule that can match there is in it.  Returns 0, and
 * leaves cand alone, when there is none. */
int tx_rules_possible(const ann_date_rules *r, const unsigned char *t,
                      size_t n, uint64_t *cand);
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
 * tx_rules_possible would be, 3 when a string ends within the three bytes
 * (the walk must tell), 1 when the walk would go on (tx_rules_deep may
 * tell).  Most walks end there, and this look is cheap enough to make at
 * every word of the text. */
static inline unsigned tx_rules_first3(const ann_date_rules *r, const unsigned char *t)
{
    const tx_trie *tr = &r->pre;
    const uint64_t *e = tr->three[tr->two[(size_t)tr->cls[t[0]] * tr->ncls + tr->cls[t[1]]]];
    unsigned k = tr->cls[t[2]];
    return (unsigned)((e[0] >> k) & 1) | (unsigned)((e[1] >> k) & 1) << 1;
}

/* The second, at a text of eight bytes or more where the first says 1
 * (after "the ", "that "): 0 when tx_rules_possible would be.  A walk
 * finds rules only where a string ends on its path: after the first
 * three bytes, at four to seven the five-byte prefixes tell, later the
 * walk has passed eight bytes. */
static inline int tx_rules_deep(const ann_date_rules *r, const unsigned char *t)
{
    const tx_trie *tr = &r->pre;
    const unsigned char *c = tr->cls;
    uint64_t k = (uint64_t)c[t[0]] | (uint64_t)c[t[1]] << 8 | (uint64_t)c[t[2]] << 16 |
                 (uint64_t)c[t[3]] << 24 | (uint64_t)c[t[4]] << 32 | (uint64_t)c[t[5]] << 40 |
                 (uint64_t)c[t[6]] << 48 | (uint64_t)c[t[7]] << 56;
    return tx_deep_has(tr, k & 0xFFFFFFFFFFu, TX_DEEP5) | tx_deep_has(tr, k, TX_DEEP8);
}

/* 0 when tx_rules_possible would be: the two filters. */
static inline int tx_rules_maybe(const ann_date_rules *r, const unsigned char *t, size_t n)
{
    if (n < 3)
        return 1;
    unsigned v = tx_rules_first3(r, t);
    if (v != 1 || n < 8)
        return v != 0;
    return tx_rules_deep(r, t);
}

#define TX_SET_DIGIT 0
#define TX_SET_APOS 1
#define TX_SET_ANY 2

/* Names of the normalization functions, in the order src/dates.c
 * dispatches on; the loader maps the names in rules.tsv to indexes. */
extern const char *const tx_fn_names[];
extern const size_t tx_nfn;

/* Word -> value from a normalization table; NULL when absent.  The word is
 * matched case-insensitively, ’ as ', runs of white space as one space. */
const char *tx_lookup(const ann_date_rules *r, const char *table,
                      const char *word, size_t len);

/* The bytes of s (length n) for word lookup: ASCII lowercase, ’ -> ',
 * white space runs -> ' '.  Returns the length written (at most cap-1),
 * or 0 when s does not fit. */
size_t tx_normkey(char *out, size_t cap, const char *s, size_t n);

#endif
