/*
 * dates_prefix.c - the byte strings a date rule's matches can begin with:
 * a walk over the expanded pattern (alternations, groups, classes,
 * escapes, quantifiers, lookarounds, which match nothing) that follows
 * every string to a given depth into a trie (see dates_prefix.h).  The
 * rule index (dates_trie.c) keeps a rule only where the text runs into
 * one of its strings.
 */
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates_prefix.h"

#define TX_PRE_CLASS 40        /* a class of more bytes stops the string */

static uint32_t new_node(tx_ptrie *t, uint32_t parent, unsigned char c)
{
    if (t->nnode == t->capnode) {
        t->capnode = t->capnode ? t->capnode * 2 : 256;
        t->kid = ann_xrealloc(t->kid, t->capnode * sizeof *t->kid);
        t->sib = ann_xrealloc(t->sib, t->capnode * sizeof *t->sib);
        t->acc = ann_xrealloc(t->acc, t->capnode * sizeof *t->acc);
        t->parent = ann_xrealloc(t->parent, t->capnode * sizeof *t->parent);
        t->byte = ann_xrealloc(t->byte, t->capnode);
        t->depth = ann_xrealloc(t->depth, t->capnode);
    }
    size_t n = t->nnode++;
    t->kid[n] = 0;
    t->sib[n] = 0;
    t->acc[n] = 0;
    t->parent[n] = parent;
    t->byte[n] = c;
    t->depth[n] = n ? (unsigned char)(t->depth[parent] + 1) : 0;
    return (uint32_t)n;
}

uint32_t tx_ptrie_add(tx_ptrie *t, uint32_t node, unsigned char c)
{
    if (node == 0) {
        if (!t->root[c])
            t->root[c] = new_node(t, 0, c);
        return t->root[c];
    }
    for (uint32_t k = t->kid[node]; k; k = t->sib[k])
        if (t->byte[k] == c)
            return k;
    uint32_t ch = new_node(t, node, c);
    t->sib[ch] = t->kid[node];
    t->kid[node] = ch;
    return ch;
}

void tx_ptrie_reset(tx_ptrie *t)
{
    memset(t->root, 0, sizeof t->root);
    t->nnode = 0;
    new_node(t, 0, 0);                     /* the root */
}

void tx_ptrie_free(tx_ptrie *t)
{
    free(t->kid);
    free(t->sib);
    free(t->acc);
    free(t->parent);
    free(t->byte);
    free(t->depth);
    free(t->accs);
}

/* Sets of trie nodes: where the strings of a pattern can be after a part
 * of it.  A walk makes and drops thousands of them: their buffers are
 * recycled through the walk's pool rather than freed. */
typedef struct nset {
    uint32_t *v;
    size_t n, cap;
} nset;

static void ns_append(nset *d, const nset *s)
{
    if (!s->n)
        return;
    ann_grow((void **)&d->v, &d->cap, d->n + s->n, sizeof *d->v);
    memcpy(d->v + d->n, s->v, s->n * sizeof *s->v);
    d->n += s->n;
}

struct tx_pwalk {
    tx_ptrie *t;
    size_t depth;          /* strings are cut (and end) at this length */
    size_t budget;         /* nodes the scratch trie may have */
    int over, bad;         /* over the node budget; syntax not understood */
    int cut;               /* a string was cut at the depth */
    nset *pool;            /* spare set buffers, empty */
    size_t npool, cappool;
    uint64_t *mark;        /* ns_uniq's bit per node; all 0 between calls */
    size_t capmark;
};

typedef struct tx_pwalk pwalk;

static nset ns_take(pwalk *w)
{
    nset s = {0};
    return w->npool ? w->pool[--w->npool] : s;
}

static void ns_give(pwalk *w, nset *s)
{
    s->n = 0;
    if (s->cap)
        ANN_PUSH(w->pool, w->npool, w->cappool, *s);
    s->v = NULL;
    s->cap = 0;
}

/* Sort s and drop its duplicates, by a bitmap over the nodes: the sets
 * are large and the nodes few, so this beats sorting. */
static void ns_uniq(pwalk *w, nset *s)
{
    if (s->n < 2)
        return;
    size_t words = (w->t->nnode + 63) / 64;
    if (words > w->capmark) {
        w->mark = ann_xrealloc(w->mark, words * sizeof *w->mark);
        memset(w->mark + w->capmark, 0, (words - w->capmark) * sizeof *w->mark);
        w->capmark = words;
    }
    uint32_t lo = UINT32_MAX, hi = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t v = s->v[i];
        w->mark[v / 64] |= (uint64_t)1 << (v % 64);
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
    }
    size_t o = 0;
    for (size_t k = lo / 64; k <= hi / 64; k++) {
        for (uint64_t bits = w->mark[k]; bits; bits &= bits - 1)
            s->v[o++] = (uint32_t)(k * 64 + (size_t)__builtin_ctzll(bits));
        w->mark[k] = 0;
    }
    s->n = o;
}

static void pw_end(pwalk *w, const nset *s)
{
    for (size_t i = 0; i < s->n; i++)
        w->t->acc[s->v[i]] = 1;
}

/* Whether the string at node is as long as the walk goes: then it ends
 * there (it is cut) and goes no further. */
static int cut_at(pwalk *w, uint32_t node)
{
    if (w->t->depth[node] < w->depth)
        return 0;
    w->t->acc[node] = 1;
    w->cut = 1;
    return 1;
}

/* Every node of in followed by the (folded) byte c. */
static void pw_step1(pwalk *w, const nset *in, unsigned char c, nset *out)
{
    ann_grow((void **)&out->v, &out->cap, out->n + in->n, sizeof *out->v);
    for (size_t i = 0; i < in->n && !w->over; i++) {
        uint32_t node = in->v[i];
        if (cut_at(w, node))
            continue;
        out->v[out->n++] = tx_ptrie_add(w->t, node, c);
        if (w->t->nnode > w->budget)
            w->over = 1;
    }
}

/* Every node of in followed by one byte of set (256 bits). */
static void pw_step(pwalk *w, const nset *in, const uint64_t *set, nset *out)
{
    size_t nbytes = 0, last = 0;                /* few: no popcount call */
    for (size_t k = 0; k < 4; k++)
        for (uint64_t bits = set[k]; bits; bits &= bits - 1) {
            nbytes++;
            last = k * 64 + (size_t)__builtin_ctzll(bits);
        }
    if (nbytes == 1) {
        pw_step1(w, in, (unsigned char)last, out);
        return;
    }
    for (size_t i = 0; i < in->n && !w->over; i++) {
        uint32_t node = in->v[i];
        if (cut_at(w, node))
            continue;
        ann_grow((void **)&out->v, &out->cap, out->n + nbytes, sizeof *out->v);
        for (size_t k = 0; k < 4; k++)          /* only the bytes in set */
            for (uint64_t bits = set[k]; bits; bits &= bits - 1)
                out->v[out->n++] = tx_ptrie_add(w->t, node,
                                            (unsigned char)(k * 64 + (size_t)__builtin_ctzll(bits)));
        if (w->t->nnode > w->budget)
            w->over = 1;
    }
}

static void set_byte(uint64_t *set, unsigned char c)
{
    c = tx_fold(c);
    set[c / 64] |= (uint64_t)1 << (c % 64);
}

/* A bracketed class as a byte set, folded; 0 when it is not worth
 * modelling (negated, \w or a byte escape inside, too many bytes). */
static int class_bytes(const char *p, const char **end, uint64_t *set)
{
    uint64_t raw[4];
    unsigned kinds;
    memset(set, 0, 4 * sizeof *set);
    if (!tx_class(p, end, raw, &kinds) || (kinds & (TX_CLASS_NEG | TX_CLASS_ESC | TX_CLASS_BYTE)))
        return 0;
    for (unsigned c = 0; c < 256; c++)
        if (raw[c / 64] >> (c % 64) & 1)
            set_byte(set, (unsigned char)c);
    size_t n = 0;
    for (size_t i = 0; i < 4; i++)
        n += (size_t)__builtin_popcountll(set[i]);
    return n <= TX_PRE_CLASS;
}

static const char *pw_alt(pwalk *w, const char *p, const nset *in, nset *out);

/* A group or lookaround at p ('('). */
static const char *pw_group(pwalk *w, const char *p, const nset *in, nset *out)
{
    const char *inner = p + 1;
    if (p[1] == '?') {
        const char *look = NULL;
        if (p[2] == '=' || p[2] == '!')
            look = p + 3;
        else if (p[2] == '<' && (p[3] == '=' || p[3] == '!'))
            look = p + 4;
        if (look) {                    /* matches nothing: skip it */
            nset none = {0}, junk = ns_take(w);
            const char *q = pw_alt(w, look, &none, &junk);
            ns_give(w, &junk);
            if (*q != ')')
                w->bad = 1;
            ns_append(out, in);
            return *q ? q + 1 : q;
        }
        const char *q = p + 2;         /* (?: (?-i: (?i) (?| */
        while (*q && *q != ':' && *q != '|' && *q != ')')
            q++;
        if (*q == ')') {
            ns_append(out, in);
            return q + 1;
        }
        if (!*q) {
            w->bad = 1;
            return q;
        }
        inner = q + 1;
    }
    const char *q = pw_alt(w, inner, in, out);
    if (*q != ')')
        w->bad = 1;
    return *q ? q + 1 : q;
}

/* One atom at p with the nodes in before it; out gets the nodes after. */
static const char *pw_atom(pwalk *w, const char *p, const nset *in, nset *out)
{
    uint64_t set[4] = {0, 0, 0, 0};
    switch (*p) {
    case '(':
        return pw_group(w, p, in, out);
    case '[': {
        const char *e;
        if (class_bytes(p, &e, set))
            pw_step(w, in, set, out);
        else
            pw_end(w, in);
        return e;
    }
    case '\\': {
        unsigned char c = (unsigned char)p[1];
        if (!c) {
            w->bad = 1;
            return p + 1;
        }
        if (strchr("bBAzZG", c)) {
            ns_append(out, in);
        } else if (c == 'd') {
            for (c = '0'; c <= '9'; c++)
                set_byte(set, c);
            pw_step(w, in, set, out);
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (c >= '0' && c <= '9')) {
            pw_end(w, in);                      /* \w, \s, \1 ... */
        } else {
            set_byte(set, c);
            pw_step(w, in, set, out);
        }
        return p + 2;
    }
    case '.':
        pw_end(w, in);
        return p + 1;
    case '^':
    case '$':
        ns_append(out, in);
        return p + 1;
    case '*': case '+': case '?':
        w->bad = 1;
        return p + 1;
    default:
        set_byte(set, (unsigned char)*p);
        pw_step(w, in, set, out);
        return p + 1;
    }
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c |= 0x20;
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int tx_hex_byte(const char *p, const char **end)
{
    int v = 0, k = 0;
    while (k < 2 && hexval((unsigned char)p[k]) >= 0)
        v = v * 16 + hexval((unsigned char)p[k++]);
    *end = p + k;
    return k ? v : -1;
}

static void raw_bit(uint64_t *set, unsigned c)
{
    set[c / 64] |= (uint64_t)1 << (c % 64);
}

int tx_escape_class(int c, uint64_t *set)
{
    uint64_t s[4] = {0, 0, 0, 0};
    int lc = c | 0x20;
    if (lc == 'd' || lc == 'w')
        for (unsigned x = '0'; x <= '9'; x++)
            raw_bit(s, x);
    if (lc == 'w') {
        for (unsigned x = 'a'; x <= 'z'; x++) {
            raw_bit(s, x);
            raw_bit(s, x - 32);
        }
        raw_bit(s, '_');
    }
    if (lc == 's') {
        static const char sp[] = " \t\n\v\f\r";
        for (const char *q = sp; *q; q++)
            raw_bit(s, (unsigned char)*q);
    }
    if (lc != 'd' && lc != 'w' && lc != 's')
        return 0;
    for (size_t k = 0; k < 4; k++)
        set[k] |= c == lc ? s[k] : ~s[k];
    return 1;
}

int tx_escape_byte(const char *p, const char **end)
{
    static const char from[] = "ntrfea", to[] = "\n\t\r\f\x1b\x07";
    *end = p + 1;
    if (*p == 'x')
        return tx_hex_byte(p + 1, end);
    const char *k = *p ? strchr(from, *p) : NULL;
    if (k)
        return (unsigned char)to[k - from];
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || !*p)
        return -1;
    return (unsigned char)*p;
}

/* One member of a class at p: a byte (by itself or by escape, *lo) or a
 * class escape (added to set, *lo -1); *end after it; 0 when it is not
 * understood. */
static int class_member(const char *p, const char **end, uint64_t *set, int *lo, unsigned *kinds)
{
    if (*p == '\\') {
        if (tx_escape_class((unsigned char)p[1], set)) {
            if (p[1] != 'd')
                *kinds |= TX_CLASS_ESC;
            *lo = -1;
            *end = p + 2;
            return 1;
        }
        unsigned char c = (unsigned char)p[1];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            *kinds |= TX_CLASS_BYTE;     /* not "\." or "\-", which are the byte itself */
        *lo = tx_escape_byte(p + 1, end);
        return *lo >= 0;
    }
    *lo = (unsigned char)*p;
    *end = p + 1;
    return !(*p == '[' && p[1] == ':');
}

int tx_class(const char *p, const char **end, uint64_t *set, unsigned *kinds)
{
    int ok = 1, first = 1;
    memset(set, 0, 4 * sizeof *set);
    *kinds = 0;
    p++;
    if (*p == '^') {
        *kinds |= TX_CLASS_NEG;
        p++;
    }
    for (; *p && (*p != ']' || first); first = 0) {
        int lo, hi;
        const char *q;
        if (!class_member(p, &q, set, &lo, kinds)) {
            ok = 0;
            p = q > p ? q : p + 1;        /* on to the closing bracket */
            continue;
        }
        p = q;
        if (lo < 0)
            continue;
        hi = lo;
        if (*p == '-' && p[1] && p[1] != ']') {
            if (!class_member(p + 1, &q, set, &hi, kinds) || hi < 0)
                ok = 0;
            p = q;
        }
        for (int c = lo; c <= hi; c++)
            raw_bit(set, (unsigned)c);
    }
    *end = *p ? p + 1 : p;
    if (*kinds & TX_CLASS_NEG)
        for (size_t k = 0; k < 4; k++)
            set[k] = ~set[k];
    return ok && *p;
}

int tx_quantifier(const char *p, size_t *min, size_t *max, const char **end)
{
    if (*p == '?' || *p == '*' || *p == '+') {
        *min = *p == '+';
        *max = *p == '?' ? 1 : SIZE_MAX;
        p++;
    } else if (*p == '{' && p[1] >= '0' && p[1] <= '9') {
        char *e;
        *min = strtoul(p + 1, &e, 10);
        *max = *min;
        if (*e == ',') {
            *max = e[1] >= '0' && e[1] <= '9' ? strtoul(e + 1, &e, 10) : SIZE_MAX;
            if (*max == SIZE_MAX)
                e++;
        }
        if (*e != '}')
            return 0;
        p = e + 1;
    } else {
        return 0;
    }
    if (*p == '?' || *p == '+')                 /* lazy, possessive */
        p++;
    *end = p;
    return 1;
}

/* An atom and its quantifier.  Repetitions are followed until the strings
 * are as long as the walk goes (each adds a byte, or it adds nothing new);
 * the strings after the last one followed end there when more may come. */
static const char *pw_item(pwalk *w, const char *p, const nset *in, nset *out)
{
    nset cur = ns_take(w);
    const char *q = pw_atom(w, p, in, &cur), *qe;
    size_t min, max;
    if (!tx_quantifier(q, &min, &max, &qe)) {
        ns_append(out, &cur);
        ns_give(w, &cur);
        return q;
    }
    size_t lim = max <= w->depth + 1 ? max : w->depth + 1;
    if (lim < max)
        w->cut = 1;                             /* more may come than the depth */
    if (min == 0)
        ns_append(out, in);
    for (size_t i = 1; i <= lim; i++) {
        if (i == lim && (max > lim || min > lim)) {
            pw_end(w, &cur);
            break;
        }
        if (i >= min)
            ns_append(out, &cur);
        if (i == lim)
            break;
        nset next = ns_take(w);
        ns_uniq(w, &cur);
        pw_atom(w, p, &cur, &next);
        ns_give(w, &cur);
        cur = next;
    }
    ns_give(w, &cur);
    ns_uniq(w, out);
    return qe;
}

/* Whether p is a byte that stands for itself, not quantified: most of
 * the bytes of a pattern (the words of the tables), which pw_seq steps
 * over without the general machinery of pw_item. */
static int plain_byte(const char *p)
{
    size_t min, max;
    const char *e;
    if (!*p || strchr("([\\.^$*+?|)", *p))
        return 0;
    return !tx_quantifier(p + 1, &min, &max, &e);
}

/* A sequence of items; the sets between them alternate in two buffers. */
static const char *pw_seq(pwalk *w, const char *p, const nset *in, nset *out)
{
    nset buf[2] = {ns_take(w), ns_take(w)};
    const nset *cur = in;
    for (int k = 0; *p && *p != '|' && *p != ')'; k ^= 1) {
        buf[k].n = 0;
        if (plain_byte(p))
            pw_step1(w, cur, tx_fold((unsigned char)*p++), &buf[k]);
        else
            p = pw_item(w, p, cur, &buf[k]);
        cur = &buf[k];
    }
    ns_append(out, cur);
    ns_give(w, &buf[0]);
    ns_give(w, &buf[1]);
    return p;
}

static const char *pw_alt(pwalk *w, const char *p, const nset *in, nset *out)
{
    for (;;) {
        p = pw_seq(w, p, in, out);
        if (*p != '|')
            break;
        p++;
    }
    ns_uniq(w, out);
    return p;
}

int tx_prefixes(pwalk *w, const char *re, size_t depth, size_t budget)
{
    uint32_t root = 0;
    nset start = {&root, 1, 1}, end = ns_take(w);
    w->depth = depth;
    w->budget = budget;
    w->over = w->bad = w->cut = 0;
    tx_ptrie_reset(w->t);
    const char *p = pw_alt(w, re, &start, &end);
    pw_end(w, &end);
    ns_give(w, &end);
    if (w->bad || *p)
        return -1;
    return w->over ? 0 : w->cut ? 1 : 2;
}

void tx_pwalk_free(pwalk *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->npool; i++)
        free(w->pool[i].v);
    free(w->pool);
    free(w->mark);
    free(w);
}

pwalk *tx_pwalk_new(tx_ptrie *scratch)
{
    pwalk *w = ann_xcalloc(1, sizeof *w);
    w->t = scratch;
    return w;
}
