/*
 * dates_prefix.h - the byte strings a date rule's matches can begin with,
 * read off its expanded pattern by a walk over the regex syntax the rule
 * files use, into a trie: the build-time half of the rule index
 * (dates_trie.c turns the tries of all rules into the runtime filter).
 */
#ifndef ANN_DATES_PREFIX_H
#define ANN_DATES_PREFIX_H

#include <stddef.h>
#include <stdint.h>

/* The byte the trie knows c by: letters in lowercase, and every digit as
 * '0' (the numbers in the patterns say little about the words that may
 * follow them, and ten branches per digit would fill the trie). */
static inline unsigned char tx_fold(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c - 'A' + 'a');
    return c >= '0' && c <= '9' ? '0' : c;
}

/* The trie while it is built: nodes numbered in the order they are made
 * (a parent before its children), the children of a node in a list.  A
 * list is short but for the root's, which is a table: apart from the
 * root few nodes have more than a handful of children, and the lists keep
 * the walk in a few small arrays where a hash table of edges would miss
 * the cache at every step. */
typedef struct tx_ptrie {
    uint32_t root[256];    /* the root's children by byte; 0 = none */
    uint32_t *kid;         /* per node: its latest child, 0 = none */
    uint32_t *sib;         /* per node: its parent's child made before it */
    uint32_t *acc;         /* per node: its rule set in accs (a scratch trie: 1), 0 = none */
    uint32_t *parent;
    unsigned char *byte;   /* per node: the byte leading to it */
    unsigned char *depth;  /* per node: its distance from the root */
    size_t nnode, capnode;
    uint64_t *accs;        /* setw words per rule set; set 0 stays empty */
    size_t naccs, capaccs;
} tx_ptrie;

/* The child of node by byte c, made if new. */
uint32_t tx_ptrie_add(tx_ptrie *t, uint32_t node, unsigned char c);
/* Empty the trie but for its root. */
void tx_ptrie_reset(tx_ptrie *t);
void tx_ptrie_free(tx_ptrie *t);

/* A walk of patterns into a scratch trie whose acc marks the nodes where
 * a string ends (1); it keeps its buffers from one pattern to the next. */
typedef struct tx_pwalk tx_pwalk;

tx_pwalk *tx_pwalk_new(tx_ptrie *scratch);
void tx_pwalk_free(tx_pwalk *w);

/* The strings of pattern re (ASCII letters lowercased, as the patterns
 * are caseless; digits folded), cut at depth bytes, into the walk's
 * scratch trie: 2 when none was cut at the depth (a deeper walk would
 * give the same), 1 when some were, 0 when they need more than budget
 * nodes, -1 when the syntax is not understood.  A string stops wherever the
 * walk does not model the syntax (a class of many bytes, \w, a long
 * repetition): a stopped string lets every continuation through, so the
 * strings may admit a text the pattern cannot match, never the reverse. */
int tx_prefixes(tx_pwalk *w, const char *re, size_t depth, size_t budget);

/* A quantifier at p (? * + {n} {n,} {n,m}, lazy or possessive): its
 * bounds (max SIZE_MAX = none) and *end after it; 0 if there is none. */
int tx_quantifier(const char *p, size_t *min, size_t *max, const char **end);

/* The byte of the escape \xHH whose hex digits (one or two) begin at p,
 * *end after them; -1 when there are none. */
int tx_hex_byte(const char *p, const char **end);

/* The bytes of the class escape \c (\d \w \s or a complement) added to
 * set; 0 when c names none of them. */
int tx_escape_class(int c, uint64_t *set);

/* The byte the escape after a backslash at p stands for (\n, \x2D, \.),
 * *end after it; -1 when it is another kind of escape. */
int tx_escape_byte(const char *p, const char **end);

/* What a bracketed class holds beyond plain bytes, ranges and \d: the
 * walks model different parts of the syntax and refuse the rest. */
enum {
    TX_CLASS_NEG = 1,      /* [^...] */
    TX_CLASS_ESC = 2,      /* \w \s \D \W \S */
    TX_CLASS_BYTE = 4      /* a byte by a letter escape: \n, \x2D */
};

/* The bracketed class at p ('[') as the 256-bit set of the bytes it
 * matches (complemented when negated), what it holds in *kinds, *end
 * after its ']' (at the NUL when there is none); 0 when a part of it is
 * not understood ([:alpha:], \p{..}) or it is not closed. */
int tx_class(const char *p, const char **end, uint64_t *set, unsigned *kinds);

#endif
