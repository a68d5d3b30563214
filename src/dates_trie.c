/*
 * dates_trie.c - the rule index (see dates_trie.h): the strings each rule
 * can begin with, merged into one trie, laid out for the scan, with the
 * tables of its first steps; and the walk that asks it.
 */
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates_prefix.h"
#include "dates_trie.h"
#include "table.h"
#include "tokenizer.h"

/* The depths a rule's strings are cut at, tried in turn until they fit
 * a budget of nodes.  Twelve bytes tell "three days" from "three people"
 * after "more than ": the rules of counted durations, with their
 * modifiers, number words and units, need some 15,000 nodes there, and a
 * shallower cut lets them be tried at nearly every "about" and "a". */
static const unsigned char pre_depth[] = {12, 8, 5, 3, 2, 1};
#define TX_PRE_BUDGET 20000
/* A deeper cut is worth it to the rules of few strings (holiday names that
 * begin like common words: "International ..."), and is cheap for them. */
#define TX_PRE_DEPTH 20
#define TX_PRE_SMALL 2000      /* nodes at twelve bytes that make a rule small */
#define TX_PRE_DEEP_BUDGET 4000

/* The bits of x: a popcount call costs more than the loads it spares. */
static unsigned ones(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555u);
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return (unsigned)((x * 0x0101010101010101u) >> 56);
}

int tx_trie_possible(const tx_trie *tr, const unsigned char *t, size_t n,
                     uint64_t *cand)
{
    size_t w = tr->setw;
    uint32_t node = 0;
    size_t i = 0;
    if (n >= 2) {
        uint32_t p = tr->pair[tr->cls[t[0]] * tr->ncls + tr->cls[t[1]]];
        if (!p)
            return 0;
        if (!(p & TX_SLOW)) {
            node = p;
            i = 2;
        }
    }
    /* a node's set has the rules of the strings that end on its path:
     * the last node reached has them all */
    for (; i < n; i++) {
        const tx_node *nd = &tr->node[node];
        unsigned k = tr->cls[t[i]];     /* class 0 has no bit */
        uint64_t below = nd->kids & (((uint64_t)1 << k) - 1);
        if (!((nd->kids >> k) & 1))
            break;
        node = nd->first + (below ? ones(below) : 0);
    }
    uint32_t acc = tr->node[node].acc;
    if (!acc)
        return 0;
    memcpy(cand, tr->accs + (size_t)acc * w, w * sizeof *cand);
    return 1;
}

/* Copy the scratch trie s into the rules' trie, rule in the sets of the
 * nodes where s's strings end.  Parents come before their children. */
static void pre_merge(tx_ptrie *t, size_t setw, const tx_ptrie *s, size_t rule)
{
    uint32_t *map = ann_xcalloc(s->nnode, sizeof *map);
    for (size_t n = 0; n < s->nnode; n++) {
        map[n] = n ? tx_ptrie_add(t, map[s->parent[n]], s->byte[n]) : 0;
        if (!s->acc[n])
            continue;
        uint32_t g = map[n];
        if (!t->acc[g]) {
            if (t->naccs == t->capaccs) {
                t->capaccs = t->capaccs * 2;
                t->accs = ann_xrealloc(t->accs, t->capaccs * setw * sizeof *t->accs);
            }
            memset(t->accs + t->naccs * setw, 0, setw * sizeof *t->accs);
            t->acc[g] = (uint32_t)t->naccs++;
        }
        t->accs[(size_t)t->acc[g] * setw + rule / 64] |= (uint64_t)1 << (rule % 64);
    }
    free(map);
}

/* The children of node p of b in byte order, into kids (room for 256:
 * one per byte); returns their number. */
static size_t pre_children(const tx_ptrie *b, uint32_t p, uint32_t *kids)
{
    size_t n = 0;
    if (p == 0) {                                /* the root's are a table */
        for (size_t c = 0; c < 256; c++)
            if (b->root[c])
                kids[n++] = b->root[c];
        return n;
    }
    for (uint32_t k = b->kid[p]; k; k = b->sib[k]) {   /* insertion sort: few */
        size_t j = n++;
        for (; j > 0 && b->byte[kids[j - 1]] > b->byte[k]; j--)
            kids[j] = kids[j - 1];
        kids[j] = k;
    }
    return n;
}

/* One class per byte on an edge of b (bytes are folded there), and every
 * text byte mapped to the class of its folded form. */
static void pre_classes(const tx_ptrie *b, tx_trie *t)
{
    unsigned char of[256] = {0};
    t->ncls = 1;                                 /* 0: on no edge */
    for (size_t i = 1; i < b->nnode; i++)
        of[b->byte[i]] = 1;
    for (size_t c = 0; c < 256; c++)
        if (of[c])
            of[c] = (unsigned char)t->ncls++;    /* at most 221 folded bytes */
    for (size_t c = 0; c < 256; c++)
        t->cls[c] = of[tx_fold((unsigned char)c)];
}

/* The child of node by class k, 0 if none. */
static uint32_t pre_child(const tx_trie *t, uint32_t node, unsigned char k)
{
    const tx_node *nd = &t->node[node];
    if (k >= TX_MAXCLS || !((nd->kids >> k) & 1))
        return 0;
    return nd->first + ones(nd->kids & (((uint64_t)1 << k) - 1));
}

static void deep_add(tx_trie *t, uint64_t key, uint64_t mult)
{
    uint64_t h = key * mult;
    size_t a = (size_t)(h >> (64 - TX_DEEP_BITS));
    size_t b = (size_t)(h >> (64 - 2 * TX_DEEP_BITS)) & (((size_t)1 << TX_DEEP_BITS) - 1);
    t->deep[a / 64] |= (uint64_t)1 << (a % 64);
    t->deep[b / 64] |= (uint64_t)1 << (b % 64);
}

/* Below node (at depth d, its path's classes in key, a byte each; up:
 * a string ends above it), the keys of the deep filter: where the first
 * string on a path ends, and a string that ends at four bytes stands for
 * every fifth byte after it. */
static void pre_deep(tx_trie *t, uint32_t node, size_t d, uint64_t key, int up)
{
    int here = !up && t->node[node].acc;    /* sets are of the whole path */
    if (d == 8) {
        deep_add(t, key, TX_DEEP8);
        return;
    }
    if (here && d == 4) {
        for (size_t c = 0; c < t->ncls; c++)
            deep_add(t, key | (uint64_t)c << 32, TX_DEEP5);
    } else if (here && d > 4) {
        deep_add(t, key & 0xFFFFFFFFFFu, TX_DEEP5);
    }
    const tx_node *nd = &t->node[node];
    uint32_t kid = nd->first;
    for (uint64_t bits = nd->kids; bits; bits &= bits - 1, kid++) {
        size_t c = (size_t)__builtin_ctzll(bits);
        pre_deep(t, kid, d + 1, key | (uint64_t)c << (8 * d), up || here);
    }
}

/* The first steps of every walk in tables: pair, with TX_SLOW where a
 * string ends before the second byte (whose rules it cannot tell),
 * two and three, and the deep filter. */
static void pre_pairs(tx_trie *t)
{
    size_t nc = t->ncls;
    t->pair = ann_xcalloc(nc * nc, sizeof *t->pair);
    for (size_t a = 0; a < nc; a++) {
        uint32_t one = pre_child(t, 0, (unsigned char)a);
        int slow = t->node[0].acc || (one && t->node[one].acc);
        for (size_t b = 0; b < nc; b++)
            t->pair[a * nc + b] = slow ? TX_SLOW
                                       : one ? pre_child(t, one, (unsigned char)b) : 0;
    }
    /* three[0]: no walk goes on; three[1]: a string ends before the
     * second byte, so within the three whatever they are */
    t->two = ann_xcalloc(nc * nc, sizeof *t->two);
    t->three = ann_xcalloc(2 + nc * nc, sizeof *t->three);
    t->three[1][0] = t->three[1][1] = ~(uint64_t)0;
    size_t nthree = 2;
    for (size_t ab = 0; ab < nc * nc; ab++) {
        uint32_t two = t->pair[ab];
        if (two == TX_SLOW) {
            t->two[ab] = 1;
            continue;
        }
        if (!two)
            continue;
        uint64_t *e = t->three[nthree];
        t->two[ab] = (uint16_t)nthree++;
        for (size_t c = 0; c < nc; c++) {
            uint32_t three = pre_child(t, two, (unsigned char)c);
            if (t->node[two].acc || (three && t->node[three].acc))
                e[1] |= (uint64_t)1 << c;
            if (three || ((e[1] >> c) & 1))
                e[0] |= (uint64_t)1 << c;
        }
    }
    t->three = ann_xrealloc(t->three, nthree * sizeof *t->three);
    t->deep = ann_xcalloc(((size_t)1 << TX_DEEP_BITS) / 64, sizeof *t->deep);
    pre_deep(t, 0, 0, 0, 0);
}

/* The rule sets of the runtime trie, each once: a node's is the union
 * of those on its path, and the nodes down a path share a few. */
typedef struct setmap {
    uint64_t *v;           /* w words per set; set 0 is empty */
    size_t n, cap, w;
    ann_table index;       /* ann_hash of a set's bytes -> its number */
} setmap;

/* The number of set s (w words), added if new; 0 for the empty set. */
static uint32_t set_put(setmap *m, const uint64_t *s)
{
    size_t k = 0, pos = 0, i;
    while (k < m->w && !s[k])
        k++;
    if (k == m->w)
        return 0;
    uint64_t h = ann_hash((const char *)s, m->w * sizeof *s);
    while ((i = ann_table_next(&m->index, h, &pos)) != ANN_TABLE_END)
        if (memcmp(m->v + i * m->w, s, m->w * sizeof *s) == 0)
            return (uint32_t)i;
    if (m->n == m->cap) {
        m->cap = m->cap * 2;
        m->v = ann_xrealloc(m->v, m->cap * m->w * sizeof *m->v);
    }
    memcpy(m->v + m->n * m->w, s, m->w * sizeof *s);
    ann_table_put(&m->index, h, m->n);
    return (uint32_t)m->n++;
}

/* Node nd (b's node old, under a path whose rules are up[0..w), set
 * number upset, with room after them for a set per level below) and,
 * depth first, the nodes below it: its children get the numbers from
 * *next on, then the subtree of each in turn. */
static void pre_place(const tx_ptrie *b, tx_trie *t, setmap *m, uint64_t *up,
                      uint32_t upset, uint32_t old, tx_node *nd, uint32_t *next)
{
    uint32_t kids[256];
    uint64_t *cum = up + m->w;
    for (size_t k = 0; k < m->w; k++)
        cum[k] = up[k] | (b->acc[old] ? b->accs[(size_t)b->acc[old] * m->w + k] : 0);
    size_t nk = pre_children(b, old, kids);
    nd->acc = b->acc[old] ? set_put(m, cum) : upset;   /* most nodes: their parent's */
    nd->first = *next;
    nd->kids = 0;
    *next += (uint32_t)nk;
    for (size_t k = 0; k < nk; k++)
        nd->kids |= (uint64_t)1 << t->cls[b->byte[kids[k]]];
    for (size_t k = 0; k < nk; k++)
        pre_place(b, t, m, cum, nd->acc, kids[k], &t->node[nd->first + k], next);
}

/* The built trie b in its runtime form.  With more classes than a node's
 * bits hold, the trie is one node whose set has every rule: each rule is
 * then tried everywhere, as if the trie were not. */
static void pre_freeze(tx_ptrie *b, tx_trie *t, size_t nrules)
{
    pre_classes(b, t);
    setmap m = {0};
    m.w = t->setw;
    m.n = 1;
    m.cap = 64;
    m.v = ann_xcalloc(m.cap * m.w, sizeof *m.v);
    uint64_t *all = ann_xcalloc((TX_PRE_DEPTH + 2) * m.w, sizeof *all);
    if (t->ncls > TX_MAXCLS) {
        memset(t->cls, 0, sizeof t->cls);
        t->ncls = 1;
        t->nnode = 1;
        t->node = ann_xcalloc(1, sizeof *t->node);
        for (size_t i = 0; i < nrules; i++)
            all[i / 64] |= (uint64_t)1 << (i % 64);
        t->node[0].acc = set_put(&m, all);
    } else {
        uint32_t next = 1;
        t->nnode = b->nnode;
        t->node = ann_xcalloc(t->nnode, sizeof *t->node);
        pre_place(b, t, &m, all, 0, 0, &t->node[0], &next);
    }
    free(all);
    ann_table_free(&m.index);
    t->accs = m.v;
    t->naccs = m.n;
    pre_pairs(t);
}

/* Index every rule by the strings it can begin with, as deep as the
 * budget allows; a rule whose pattern the walk does not understand gets
 * the empty string: it is tried everywhere. */
void tx_trie_build(tx_trie *tr, char *const *patterns, size_t n)
{
    tx_ptrie t, scratch;
    memset(&t, 0, sizeof t);
    memset(&scratch, 0, sizeof scratch);
    tx_pwalk *w = tx_pwalk_new(&scratch);
    memset(tr, 0, sizeof *tr);
    tr->setw = (n + 63) / 64;
    tx_ptrie_reset(&t);
    t.capaccs = 16;
    t.naccs = 1;                                    /* set 0: empty */
    t.accs = ann_xcalloc(t.capaccs * tr->setw, sizeof *t.accs);
    for (size_t i = 0; i < n; i++) {
        int rc = 0;
        size_t k = 0;
        for (; k < sizeof pre_depth && rc == 0; k++)
            rc = tx_prefixes(w, patterns[i], pre_depth[k], TX_PRE_BUDGET);
        if (rc == 1 && k == 1 && scratch.nnode < TX_PRE_SMALL &&
            tx_prefixes(w, patterns[i], TX_PRE_DEPTH, TX_PRE_DEEP_BUDGET) <= 0)
            rc = tx_prefixes(w, patterns[i], pre_depth[0], TX_PRE_BUDGET);
        if (rc <= 0) {
            tx_ptrie_reset(&scratch);
            scratch.acc[0] = 1;
        }
        pre_merge(&t, tr->setw, &scratch, i);
    }
    pre_freeze(&t, tr, n);
    tx_pwalk_free(w);
    tx_ptrie_free(&scratch);
    tx_ptrie_free(&t);
}

void tx_trie_free(tx_trie *t)
{
    free(t->node);
    free(t->pair);
    free(t->two);
    free(t->three);
    free(t->deep);
    free(t->accs);
    memset(t, 0, sizeof *t);
}
