/*
 * lexicon.c - lexicon entries loaded from TSV, indexed by the hashes of
 * their first tokens, and matched token by token.  Also the small shared
 * pieces of the rule engine: the string pool and the token-hash multimap.
 *
 * Matching at a token costs a bit test for most tokens, which start no
 * entry; else a probe for the token's word, whose slot holds its one-token
 * entries and says whether a longer entry may begin with the next token;
 * only then a probe for the longer entries that begin with the same two
 * tokens.  None of it grows with the size of the lexicon.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "lexicon.h"
#include "utf8.h"

/* ------------------------------------------------------------------ */
/* string pool                                                          */

/* The pool hash's step: every input bit reaches the low bits, which pick
 * a slot in a power-of-two table. */
static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* A 4-byte load read as little-endian, whatever the machine. */
static inline uint32_t le32(uint32_t k)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return __builtin_bswap32(k);
#else
    return k;
#endif
}

/* The pool's own hash, eight bytes a step: loading interns some 100,000
 * strings, and FNV's byte-at-a-time loop was most of what that cost. */
static uint64_t pool_hash(const char *s, size_t n)
{
    uint64_t h = (uint64_t)n * 0x9e3779b97f4a7c15ULL;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = mix(h ^ w);
    }
    /* The 0 to 7 bytes left, little-endian, in at most three loads. */
    uint64_t w = 0;
    size_t i = 0;
    if (n & 4) {
        uint32_t k;
        memcpy(&k, s, 4);
        w = le32(k);
        i = 4;
    }
    if (n & 2) {
        w |= (uint64_t)((unsigned char)s[i] | (unsigned)(unsigned char)s[i + 1] << 8) << (8 * i);
        i += 2;
    }
    if (n & 1)
        w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return mix(h ^ w);
}

static void pool_grow(ann_strpool *p)
{
    size_t cap = p->cap ? p->cap * 2 : 256;
    ann_strpool_slot *slot = ann_xcalloc(cap, sizeof *slot);
    for (size_t i = 0; i < p->cap; i++) {
        if (!p->slot[i].off1)
            continue;
        size_t j = p->slot[i].hash & (cap - 1);
        while (slot[j].off1)
            j = (j + 1) & (cap - 1);
        slot[j] = p->slot[i];
    }
    free(p->slot);
    p->slot = slot;
    p->cap = cap;
}

uint32_t ann_strpool_intern(ann_strpool *p, const char *s, size_t n)
{
    if ((p->n + 1) * 2 > p->cap)
        pool_grow(p);
    uint64_t h = pool_hash(s, n);
    size_t mask = p->cap - 1, j = h & mask;
    for (; p->slot[j].off1; j = (j + 1) & mask) {
        const ann_strpool_slot *t = &p->slot[j];
        if (t->hash == h && t->n == n &&
            (n == 0 || memcmp(p->bytes + t->off1 - 1, s, n) == 0))
            return t->off1 - 1;
    }
    if (p->len + n + 2 > UINT32_MAX) {   /* offsets are 32 bits */
        fputs("annotate: out of memory (rule strings past 4 GB)\n", stderr);
        exit(2);
    }
    ann_grow((void **)&p->bytes, &p->capbytes, p->len + n + 1, 1);
    uint32_t off = (uint32_t)p->len;
    if (n > 0)   /* s may be NULL when n is 0 */
        memcpy(p->bytes + off, s, n);
    p->bytes[off + n] = '\0';
    p->len += n + 1;
    p->slot[j].off1 = off + 1;
    p->slot[j].n = (uint32_t)n;
    p->slot[j].hash = h;
    p->n++;
    return off;
}

void ann_strpool_free(ann_strpool *p)
{
    if (p->capbytes > 0)
        free(p->bytes);
    free(p->slot);
    memset(p, 0, sizeof *p);
}

/* ------------------------------------------------------------------ */
/* token-hash multimap                                                  */

/* Keys are token hashes, well mixed already (see the indexes below). */
static size_t htab_find(const ann_htab *h, uint64_t key)
{
    size_t j = key & (h->cap - 1);
    while (h->head[j] != ANN_HTAB_NONE && h->key[j] != key)
        j = (j + 1) & (h->cap - 1);
    return j;
}

static void htab_grow(ann_htab *h)
{
    ann_htab old = *h;
    h->cap = old.cap ? old.cap * 2 : 256;
    h->key = ann_xmalloc(h->cap * sizeof *h->key);
    h->head = ann_xmalloc(h->cap * sizeof *h->head);
    h->tail = ann_xmalloc(h->cap * sizeof *h->tail);
    for (size_t j = 0; j < h->cap; j++)
        h->head[j] = ANN_HTAB_NONE;
    for (size_t i = 0; i < old.cap; i++) {
        if (old.head[i] == ANN_HTAB_NONE)
            continue;
        size_t j = htab_find(h, old.key[i]);
        h->key[j] = old.key[i];
        h->head[j] = old.head[i];
        h->tail[j] = old.tail[i];
    }
    free(old.key);
    free(old.head);
    free(old.tail);
}

void ann_htab_add(ann_htab *h, uint64_t key, uint32_t val)
{
    if ((h->nkeys + 1) * 2 > h->cap)
        htab_grow(h);
    if (h->npost >= h->postcap) {
        size_t cap = h->postcap;
        ann_grow((void **)&h->val, &cap, h->npost + 1, sizeof *h->val);
        cap = h->postcap;
        ann_grow((void **)&h->next, &cap, h->npost + 1, sizeof *h->next);
        h->postcap = cap;
    }
    uint32_t p = (uint32_t)h->npost++;
    h->val[p] = val;
    h->next[p] = ANN_HTAB_NONE;
    size_t j = htab_find(h, key);
    if (h->head[j] == ANN_HTAB_NONE) {
        h->key[j] = key;
        h->head[j] = p;
        h->nkeys++;
    } else {
        h->next[h->tail[j]] = p;   /* append: values keep load order */
    }
    h->tail[j] = p;
}

uint32_t ann_htab_first(const ann_htab *h, uint64_t key)
{
    if (h->cap == 0)
        return ANN_HTAB_NONE;
    return h->head[htab_find(h, key)];
}

void ann_htab_free(ann_htab *h)
{
    free(h->key);
    free(h->head);
    free(h->tail);
    free(h->val);
    free(h->next);
    memset(h, 0, sizeof *h);
}

/* ------------------------------------------------------------------ */
/* shared helpers                                                       */

int ann_eq_lower(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    while (i < an && j < bn) {
        unsigned char x = (unsigned char)a[i], y = (unsigned char)b[j];
        if (x < 0x80 && y < 0x80) {
            /* Two ASCII bytes, two ASCII code points: no decoding. */
            if (x != y && (x >= 'A' && x <= 'Z' ? x + 32 : x) !=
                          (y >= 'A' && y <= 'Z' ? y + 32 : y))
                return 0;
            i++;
            j++;
            continue;
        }
        if (ann_to_lower(ann_utf8_next(a, an, &i)) !=
            ann_to_lower(ann_utf8_next(b, bn, &j)))
            return 0;
    }
    return i == an && j == bn;
}

/* ------------------------------------------------------------------ */
/* the lexicon                                                          */

typedef struct lex_tok {
    uint64_t hash, lhash;
    uint32_t start, end;       /* bytes in the entry's surface */
} lex_tok;

/* The strings of an entry are offsets into the pool (interned: two
 * entries with the same fields have the same offsets). */
typedef struct lex_entry {
    uint32_t surface, kind, type, id, attrs;
    uint32_t tok, ntok;        /* its tokens: lx->tok[tok .. tok+ntok) */
    uint32_t caps_ok;          /* may match text written in capitals */
} lex_entry;

#define LEX_NONE UINT32_MAX

/* An entry in a list of the index, with what rejects most candidates
 * without reading the entry, its tokens or its bytes, which are misses in
 * a row: its length, a hash of a token the key does not cover, and where
 * its token hashes are. */
typedef struct lex_post {
    uint64_t h;                /* pair: token 2's hash; lower: token 1's
                                * lowercase hash; 0 if none */
    uint64_t h0;               /* lower: token 0's exact hash */
    uint32_t entry;
    uint32_t tok;              /* the entry's tokens: lx->tok[tok ..) */
    uint32_t next;             /* LEX_NONE ends the list */
    uint16_t ntok;             /* at most LEX_MAX_SURFACE */
    uint8_t caps_ok;           /* lower: the entry's caps_ok */
    uint8_t pad;               /* 0: no byte of a compiled table is left undefined */
} lex_post;

/* Key and list head share a slot, so that a probe reads one cache line. */
typedef struct lex_slot {
    uint64_t key;
    uint32_t head, tail;       /* postings, in load order; head LEX_NONE = empty */
} lex_slot;

/* Hash -> entries, open addressing in a power-of-two table kept at most
 * half full. */
typedef struct lex_index {
    lex_slot *slot;
    size_t cap, nkeys;
    lex_post *post;
    size_t npost, postcap;
} lex_index;

/* A one-token entry: the fields of its match, offsets into the pool.
 * Two with the same fields are the same entry (the strings are interned).
 * A kind LEX_NONE ends a run of them. */
typedef struct lex_one {
    uint32_t kind, type, id, attrs, surface;
} lex_one;

/* A distinct first word of the entries: all that a token passing the bit
 * table needs, its first one-token entry included, in one slot of 64
 * bytes, a cache line.  Words of up to 8 bytes (most that match) are
 * compared with the slot's copy, longer ones with the table's bytes. */
typedef struct lex_word {
    uint64_t head;             /* the first 8 bytes, zero padded */
    uint64_t hash;             /* its token hash, for growing the table */
    uint32_t seconds;          /* bit (h >> 59) of the second token of each
                                * longer entry: most pair probes never happen */
    uint32_t off;              /* all of them: words.bytes[off .. off+n) */
    uint32_t rest;             /* its one-token entries after the first:
                                * lx->one[rest ..) up to one of kind
                                * LEX_NONE; LEX_NONE if none */
    uint16_t n;                /* bytes, at most LEX_MAX_SURFACE; 0 = empty */
    uint16_t has_one;          /* first holds an entry */
    lex_one first;
    uint32_t pad[3];           /* 0: to 64 bytes, none left undefined */
} lex_word;

/* The first words by bytes, open addressing in a power-of-two table kept
 * at most half full, a word's slot by its token hash.  The bytes are back
 * to back and followed by 16 zero bytes, so that a word is compared in
 * two loads. */
typedef struct lex_words {
    lex_word *slot;
    size_t cap, n;
    char *bytes;
    size_t nbytes, bytecap;
} lex_words;

/* A bit per first-token hash, in a table small enough to stay in cache:
 * most tokens of a text start no entry, and this turns them away before
 * any probe. */
typedef struct lex_bits {
    uint64_t *w;
    size_t nbits;              /* a power of two, >= 16 bits per key */
} lex_bits;

struct ann_lexicon {
    ann_strpool *pool;         /* not owned */
    const void *image;         /* the compiled tables the arrays point into
                                * (image.h), or NULL: they are owned */
    const ann_abbrevs *abbrevs;/* not owned: surfaces tokenize as documents do */
    lex_entry *e;
    size_t n, cap;
    lex_tok *tok;
    size_t ntok, tokcap;
    /* words: the first words of all entries, each with its one-token
     * entries (one) in load order.  pair: longer entries by their first
     * two tokens, so that a common first word ("Russian", "U.S.") does not
     * mean a long list.  lower: every entry by its first token's lowercase
     * hash, for text in capitals.  first: the first words again, as bits. */
    lex_words words;
    lex_one *one;
    size_t none, onecap;
    lex_index pair, lower;
    lex_bits first;
    ann_tokens scratch;        /* tokenizing surfaces while loading */
    /* The kind, type, id and attrs of the last line, interned (LEX_NONE:
     * none yet): the lines of a file mostly repeat them, and a compare is
     * cheaper than a probe. */
    uint32_t last[4];
    size_t lastn[4];
};

static void bits_resize(lex_bits *b, size_t nbits)
{
    free(b->w);
    b->w = ann_xcalloc(nbits / 64, sizeof *b->w);
    b->nbits = nbits;
}

ann_lexicon *ann_lexicon_new(ann_strpool *pool, const ann_abbrevs *abbrevs)
{
    ann_lexicon *lx = ann_xcalloc(1, sizeof *lx);
    lx->pool = pool;
    lx->abbrevs = abbrevs;
    for (size_t k = 0; k < 4; k++)
        lx->last[k] = LEX_NONE;
    bits_resize(&lx->first, 4096);   /* the matcher tests it unchecked */
    return lx;
}

static void index_free(lex_index *x)
{
    free(x->slot);
    free(x->post);
    memset(x, 0, sizeof *x);
}

void ann_lexicon_free(ann_lexicon *lx)
{
    if (!lx)
        return;
    if (lx->image) {             /* the arrays are the image's */
        free(lx);
        return;
    }
    free(lx->e);
    free(lx->tok);
    free(lx->words.slot);
    free(lx->words.bytes);
    free(lx->one);
    index_free(&lx->pair);
    index_free(&lx->lower);
    free(lx->first.w);
    ann_tokens_free(&lx->scratch);
    free(lx);
}

size_t ann_lexicon_count(const ann_lexicon *lx)
{
    return lx->n;
}

/* ------------------------------------------------------------------ */
/* the indexes                                                          */

/* Token hashes are well mixed in all their bits (see tokenizer.c): the
 * tables and the bit table take the low bits of a hash as its slot or
 * bit, with no mixing of their own (a mask is cheaper than a shift by a
 * variable count on every token). */

static void bits_set(lex_bits *b, uint64_t h)
{
    uint64_t k = h & (b->nbits - 1);
    b->w[k / 64] |= (uint64_t)1 << (k % 64);
}

/* Might a first token hash to h?  No: surely not. */
static int bits_test(const lex_bits *b, uint64_t h)
{
    uint64_t k = h & (b->nbits - 1);
    return (b->w[k / 64] >> (k % 64)) & 1;
}

/* Add the first token of the newest entry, growing the table (and setting
 * every entry's bit again) when it gets crowded. */
static void first_add(ann_lexicon *lx)
{
    lex_bits *b = &lx->first;
    if (lx->n * 16 > b->nbits) {
        size_t nbits = b->nbits * 2;
        while (lx->n * 16 > nbits)
            nbits *= 2;
        bits_resize(b, nbits);
        for (size_t i = 0; i + 1 < lx->n; i++)
            bits_set(b, lx->tok[lx->e[i].tok].hash);
    }
    bits_set(b, lx->tok[lx->e[lx->n - 1].tok].hash);
}

/* Room for one more key, so that a slot found next stays valid. */
static void index_reserve(lex_index *x)
{
    if ((x->nkeys + 1) * 2 <= x->cap)
        return;
    size_t cap = x->cap ? x->cap * 2 : 256;
    lex_slot *slot = ann_xcalloc(cap, sizeof *slot);   /* no byte undefined */
    for (size_t j = 0; j < cap; j++)
        slot[j].head = LEX_NONE;
    for (size_t i = 0; i < x->cap; i++) {
        if (x->slot[i].head == LEX_NONE)
            continue;
        size_t j = x->slot[i].key & (cap - 1);
        while (slot[j].head != LEX_NONE)
            j = (j + 1) & (cap - 1);
        slot[j] = x->slot[i];
    }
    free(x->slot);
    x->slot = slot;
    x->cap = cap;
}

/* The slot of key h: its list, or the empty slot where it goes. */
static size_t index_slot(const lex_index *x, uint64_t h)
{
    size_t mask = x->cap - 1;
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        const lex_slot *s = &x->slot[j];
        if (s->head == LEX_NONE || s->key == h)
            return j;
    }
}

/* First posting of key h, or LEX_NONE. */
static uint32_t index_first(const lex_index *x, uint64_t h)
{
    if (x->cap == 0)
        return LEX_NONE;
    return x->slot[index_slot(x, h)].head;
}

/* Append entry id to the list of slot j. */
static void index_push(lex_index *x, size_t j, uint64_t key, lex_post q)
{
    q.next = LEX_NONE;
    uint32_t p = (uint32_t)x->npost;
    ANN_PUSH(x->post, x->npost, x->postcap, q);
    lex_slot *s = &x->slot[j];
    if (s->head == LEX_NONE) {
        s->key = key;
        s->head = p;
        x->nkeys++;
    } else {
        x->post[s->tail].next = p;
    }
    s->tail = p;
}

/* The key of an entry of two tokens or more in the pair index. */
static uint64_t pair_key(uint64_t h0, uint64_t h1)
{
    return h0 * 0x9e3779b97f4a7c15ULL + h1;
}

/* The bit of a second token's hash in lex_word.seconds. */
static uint32_t second_bit(uint64_t h1)
{
    return (uint32_t)1 << (h1 >> 59);
}

/* Bytes k..15 of a 16-byte word masked off: lead_ones + 16 - k. */
static const unsigned char lead_ones[32] = {
    255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255};

/* Are a[0..n) and b[0..n) the same bytes?  wide: 16 bytes may be read
 * at both, whatever n is; then a short word takes no call and no loop. */
static inline int bytes_eq(const char *a, const char *b, size_t n, int wide)
{
    if (wide && n <= 16) {
        uint64_t a0, a1, b0, b1, m0, m1;
        memcpy(&a0, a, 8);
        memcpy(&a1, a + 8, 8);
        memcpy(&b0, b, 8);
        memcpy(&b1, b + 8, 8);
        memcpy(&m0, lead_ones + 16 - n, 8);
        memcpy(&m1, lead_ones + 24 - n, 8);
        return (((a0 ^ b0) & m0) | ((a1 ^ b1) & m1)) == 0;
    }
    return memcmp(a, b, n) == 0;
}

/* Is the word in slot s the bytes w[0..wn)?  wide: as for bytes_eq.  The
 * slot's first bytes reject most other words of the same length. */
static inline int word_is(const lex_words *ws, const lex_word *s,
                          const char *w, size_t wn, int wide)
{
    if (s->n != wn)
        return 0;
    if (wide && wn > 0) {
        /* The bytes past the word's first 8 shift out. */
        uint64_t a;
        memcpy(&a, w, 8);
        if (((a ^ s->head) << (8 * (8 - (wn < 8 ? wn : 8)))) != 0)
            return 0;
        if (wn <= 8)
            return 1;
    }
    return bytes_eq(w, ws->bytes + s->off, wn, wide);
}

/* The slot of the word w[0..wn) hashing to h: the word's, or the empty
 * slot where it goes. */
static inline size_t word_slot(const lex_words *ws, uint64_t h, const char *w,
                               size_t wn, int wide)
{
    size_t mask = ws->cap - 1;
    for (size_t j = h & mask;; j = (j + 1) & mask) {
        const lex_word *s = &ws->slot[j];
        if (s->n == 0 || word_is(ws, s, w, wn, wide))
            return j;
    }
}

static void words_grow(lex_words *ws)
{
    size_t cap = ws->cap ? ws->cap * 2 : 256;
    lex_word *slot = ann_xcalloc(cap, sizeof *slot);
    for (size_t i = 0; i < ws->cap; i++) {
        if (ws->slot[i].n == 0)
            continue;
        size_t j = ws->slot[i].hash & (cap - 1);
        while (slot[j].n != 0)
            j = (j + 1) & (cap - 1);
        slot[j] = ws->slot[i];
    }
    free(ws->slot);
    ws->slot = slot;
    ws->cap = cap;
}

/* The slot of the first word w[0..wn) (not empty), added if new. */
static size_t word_add(lex_words *ws, uint64_t h, const char *w, size_t wn)
{
    if ((ws->n + 1) * 2 > ws->cap)
        words_grow(ws);
    size_t j = word_slot(ws, h, w, wn, 0);
    lex_word *s = &ws->slot[j];
    if (s->n != 0)
        return j;
    /* 16 zero bytes stay past the last word for bytes_eq. */
    ann_grow((void **)&ws->bytes, &ws->bytecap, ws->nbytes + wn + 16, 1);
    memcpy(ws->bytes + ws->nbytes, w, wn);
    memset(ws->bytes + ws->nbytes + wn, 0, 16);
    s->hash = h;
    s->head = 0;
    memcpy(&s->head, w, wn < 8 ? wn : 8);
    s->seconds = 0;
    s->off = (uint32_t)ws->nbytes;
    s->n = (uint16_t)wn;
    s->rest = LEX_NONE;
    s->has_one = 0;
    ws->nbytes += wn;
    ws->n++;
    return j;
}

/* ------------------------------------------------------------------ */
/* loading                                                              */

/* Split s at tabs into at most max fields, each trimmed of spaces; returns
 * how many fields there are in all (which may exceed max). */
static size_t split_tabs(const char *s, size_t len, const char **f,
                         size_t *fl, size_t max)
{
    size_t nf = 0, start = 0;
    for (;;) {
        const char *tab = start < len ? memchr(s + start, '\t', len - start) : NULL;
        size_t i = tab ? (size_t)(tab - s) : len;
        if (nf < max) {
            size_t a = start, b = i;
            while (a < b && s[a] == ' ')
                a++;
            while (b > a && s[b - 1] == ' ')
                b--;
            f[nf] = s + a;
            fl[nf] = b - a;
        }
        nf++;
        if (!tab)
            return nf;
        start = i + 1;
    }
}

static int has_upper(const char *s, size_t n)
{
    for (size_t i = 0; i < n;)
        if (ann_is_upper(ann_utf8_next(s, n, &i)))
            return 1;
    return 0;
}

/* Do e and ne have the same fields?  Interned strings compare by pointer. */
static int lex_same(const lex_entry *e, const lex_entry *ne)
{
    return e->surface == ne->surface && e->kind == ne->kind &&
           e->type == ne->type && e->id == ne->id && e->attrs == ne->attrs;
}

/* Is an entry with these fields already in list p of index x? */
static int lex_has(const ann_lexicon *lx, const lex_index *x, uint32_t p,
                   const lex_entry *ne)
{
    for (; p != LEX_NONE; p = x->post[p].next)
        if (lex_same(&lx->e[x->post[p].entry], ne))
            return 1;
    return 0;
}

/* Add entry ne with tokens tk, and list it in the lower index; returns
 * its id. */
static uint32_t lex_push(ann_lexicon *lx, lex_entry *ne, const ann_tokens *tk)
{
    ne->tok = (uint32_t)lx->ntok;
    ne->ntok = (uint32_t)tk->n;
    for (size_t k = 0; k < tk->n; k++) {
        lex_tok t = {tk->v[k].hash, tk->v[k].lhash, (uint32_t)tk->v[k].start,
                     (uint32_t)tk->v[k].end};
        ANN_PUSH(lx->tok, lx->ntok, lx->tokcap, t);
    }
    uint32_t id = (uint32_t)lx->n;
    ANN_PUSH(lx->e, lx->n, lx->cap, *ne);
    first_add(lx);
    const ann_token *t0 = &tk->v[0];
    index_reserve(&lx->lower);
    size_t jl = index_slot(&lx->lower, t0->lhash);
    lex_post q = {tk->n > 1 ? t0[1].lhash : 0, t0->hash, id, ne->tok, LEX_NONE,
                  (uint16_t)ne->ntok, (uint8_t)ne->caps_ok, 0};
    index_push(&lx->lower, jl, t0->lhash, q);
    return id;
}

static int one_same(const lex_one *o, const lex_entry *ne)
{
    return o->surface == ne->surface && o->kind == ne->kind &&
           o->type == ne->type && o->id == ne->id && o->attrs == ne->attrs;
}

/* Append o to the run of one-token entries at *rest (LEX_NONE: none yet).
 * A run lies back to back, ended by an empty entry, so that a report walks
 * it without links; one not at the end of the array moves there first,
 * which the few entries per word keep cheap. */
static void run_append(ann_lexicon *lx, uint32_t *rest, lex_one o)
{
    static const lex_one end = {LEX_NONE, 0, 0, 0, 0};
    size_t k = 0;
    if (*rest != LEX_NONE) {
        while (lx->one[*rest + k].kind != LEX_NONE)
            k++;
        if (*rest + k + 1 == lx->none) {
            lx->one[*rest + k] = o;   /* the run ends the array */
            ANN_PUSH(lx->one, lx->none, lx->onecap, end);
            return;
        }
    }
    size_t to = lx->none;
    ann_grow((void **)&lx->one, &lx->onecap, to + k + 2, sizeof *lx->one);
    if (k > 0)
        memcpy(lx->one + to, lx->one + *rest, k * sizeof *lx->one);
    lx->one[to + k] = o;
    lx->one[to + k + 1] = end;
    lx->none = to + k + 2;
    *rest = (uint32_t)to;
}

/* Add the one-token entry ne under the word in slot wj, after its others,
 * unless it is among them already. */
static void one_add(ann_lexicon *lx, size_t wj, lex_entry *ne)
{
    lex_word *w = &lx->words.slot[wj];
    if (w->has_one && one_same(&w->first, ne))
        return;
    for (uint32_t p = w->rest; p != LEX_NONE && lx->one[p].kind != LEX_NONE; p++)
        if (one_same(&lx->one[p], ne))
            return;
    lex_push(lx, ne, &lx->scratch);
    lex_one o = {ne->kind, ne->type, ne->id, ne->attrs, ne->surface};
    if (!w->has_one) {
        w->first = o;
        w->has_one = 1;
    } else {
        run_append(lx, &w->rest, o);
    }
}

/* Add the entry ne of two tokens or more to the pair index, unless it is
 * there already; its first word is in slot wj. */
static void pair_add(ann_lexicon *lx, size_t wj, lex_entry *ne)
{
    const ann_token *t = lx->scratch.v;
    uint64_t key = pair_key(t[0].hash, t[1].hash);
    index_reserve(&lx->pair);
    size_t j = index_slot(&lx->pair, key);
    if (lex_has(lx, &lx->pair, lx->pair.slot[j].head, ne))
        return;
    uint32_t id = lex_push(lx, ne, &lx->scratch);
    lex_post q = {ne->ntok > 2 ? t[2].hash : 0, 0, id, ne->tok, LEX_NONE,
                  (uint16_t)ne->ntok, 0, 0};
    index_push(&lx->pair, j, key, q);
    lx->words.slot[wj].seconds |= second_bit(t[1].hash);
}

/* Field k of a line, s[0..n), interned; the pool is asked only when it
 * differs from the same field of the line before. */
static uint32_t intern_field(ann_lexicon *lx, int k, const char *s, size_t n)
{
    uint32_t c = lx->last[k];
    if (c != LEX_NONE && lx->lastn[k] == n && memcmp(ann_strpool_at(lx->pool, c), s, n) == 0)
        return c;
    c = ann_strpool_intern(lx->pool, s, n);
    lx->last[k] = c;
    lx->lastn[k] = n;
    return c;
}

/* The longest word tokenize_plain() takes: its lowercase form is made on
 * the stack. */
#define PLAIN_WORD 64

/* The case flags the tokenizer gives a word of n ASCII letters, up of them
 * upper case, the first one if first_up; 0 when the tokenizer might split
 * it or take it otherwise: only all lower case, all upper case, or a
 * capital then lower case is taken ("McDonald" could be camel-case glue,
 * see the tokenizer). */
static uint32_t plain_case(int first_up, size_t up, size_t n)
{
    if (!first_up)
        return up == 0 ? ANN_TF_LOWER : 0;
    if (up == 1)
        return ANN_TF_TITLE | (n == 1 ? ANN_TF_UPPER : 0);
    return up == n ? ANN_TF_UPPER : 0;
}

int ann_lexicon_tokenize_plain(const char *s, size_t n, ann_tokens *out)
{
    char low[PLAIN_WORD];
    out->n = 0;
    for (size_t i = 0; i < n;) {
        /* a word of ASCII letters, lowercased into low as it is read */
        size_t j = i, up = 0;
        for (; j < n && j - i < PLAIN_WORD; j++) {
            unsigned char c = (unsigned char)s[j], lc = c | 0x20;
            if ((unsigned char)(lc - 'a') >= 26)
                break;
            low[j - i] = (char)lc;
            up += c < 'a';
        }
        /* then the end, or one blank before the next word */
        if (j == i || (j < n && (s[j] != ' ' || j + 1 == n)))
            return 0;
        uint32_t f = plain_case((unsigned char)s[i] < 'a', up, j - i);
        if (!f)
            return 0;
        if (out->n == out->cap)
            ann_grow((void **)&out->v, &out->cap, out->n + 1, sizeof *out->v);
        ann_token *t = &out->v[out->n++];
        t->start = i;
        t->end = j;
        t->hash = ann_hash(s + i, j - i);
        t->lhash = up ? ann_hash(low, j - i) : t->hash;
        /* A word of a one-line text: the first begins the paragraph, the
         * line and the sentence, which the last ends; a word ends none. */
        t->flags = f | ANN_TF_SPACE_BEFORE |
                   (i == 0 ? ANN_TF_PARA_START | ANN_TF_LINE_START |
                             ANN_TF_SENT_START : 0);
        t->kind = ANN_TOK_WORD;
        t->ncp = (uint16_t)(j - i);
        i = j + 1;
    }
    if (out->n > 0)
        out->v[out->n - 1].flags |= ANN_TF_SENT_END;
    return 1;
}

/* Longer surfaces are not names; the bound keeps offsets in 32 bits. */
#define LEX_MAX_SURFACE 1024

int ann_lexicon_add_line(ann_lexicon *lx, const char *line, size_t len,
                         const char *name, size_t lineno,
                         char *err, size_t errlen)
{
    const char *f[5];
    size_t fl[5];
    size_t nf = split_tabs(line, len, f, fl, 5);
    if (nf < 4 || nf > 5) {
        ann_load_error(err, errlen, name, lineno,
                       "expected 4 or 5 tab-separated fields "
                       "(surface, kind, type, id[, attrs]), got %zu", nf);
        return -1;
    }
    static const char *const what[] = {"surface", "kind", "type", "id"};
    for (size_t k = 0; k < 4; k++)
        if (fl[k] == 0) {
            ann_load_error(err, errlen, name, lineno, "empty %s%s", what[k],
                           k == 3 ? " (use - for the slug of the surface)" : "");
            return -1;
        }
    if (fl[0] > LEX_MAX_SURFACE) {
        ann_load_error(err, errlen, name, lineno, "surface longer than %d bytes",
                       LEX_MAX_SURFACE);
        return -1;
    }
    if (!ann_lexicon_tokenize_plain(f[0], fl[0], &lx->scratch)) {
        lx->scratch.n = 0;
        ann_tokenize_with(lx->abbrevs, f[0], fl[0], &lx->scratch);
    }
    if (lx->scratch.n == 0) {
        ann_load_error(err, errlen, name, lineno, "surface has no words");
        return -1;
    }
    lex_entry ne;
    memset(&ne, 0, sizeof ne);
    ne.surface = ann_strpool_intern(lx->pool, f[0], fl[0]);
    ne.kind = intern_field(lx, 0, f[1], fl[1]);
    ne.type = intern_field(lx, 1, f[2], fl[2]);
    if (fl[3] == 1 && f[3][0] == '-') {
        char *slug = ann_slug(f[0], fl[0]);
        ne.id = ann_strpool_intern(lx->pool, slug, strlen(slug));
        free(slug);
    } else {
        ne.id = intern_field(lx, 2, f[3], fl[3]);
    }
    int noattrs = nf < 5 || (fl[4] == 1 && f[4][0] == '-');
    ne.attrs = intern_field(lx, 3, noattrs ? "" : f[4], noattrs ? 0 : fl[4]);
    /* A short all-lowercase word ("us", "who", "it") must not match the
     * acronym written in capitals ("US", "WHO", "IT"). */
    const ann_token *t0 = &lx->scratch.v[0];
    ne.caps_ok = !(lx->scratch.n == 1 && !has_upper(f[0], fl[0]) &&
                   t0->ncp <= 4);
    size_t wj = word_add(&lx->words, t0->hash, f[0] + t0->start,
                         t0->end - t0->start);
    if (lx->scratch.n == 1)
        one_add(lx, wj, &ne);
    else
        pair_add(lx, wj, &ne);
    return 0;
}

/* ------------------------------------------------------------------ */
/* matching                                                             */

/* Do the text tokens t[k0..e->ntok) spell entry e from its token k0 on?
 * caps: compare lowercased, the text being in capitals.  A name never
 * spans markup. */
static int lex_eq(const ann_lexicon *lx, const lex_entry *e, const char *text,
                  const ann_token *t, uint32_t k0, int caps)
{
    const lex_tok *et = lx->tok + e->tok;
    for (uint32_t k = k0; k < e->ntok; k++) {
        const ann_token *tk = &t[k];
        const char *a = text + tk->start;
        const char *b = ann_strpool_at(lx->pool, e->surface) + et[k].start;
        size_t an = tk->end - tk->start, bn = et[k].end - et[k].start;
        if (tk->kind == ANN_TOK_MARKUP)
            return 0;
        if (!caps) {
            if (tk->hash != et[k].hash ||
                ((an != bn || memcmp(a, b, an) != 0) &&
                 !((tk->flags & ANN_TF_INVISIBLE) && ann_eq_visible(a, an, b, bn))))
                return 0;
        } else if (tk->lhash != et[k].lhash ||
                   (tk->flags & (ANN_TF_TITLE | ANN_TF_LOWER)) ||
                   !ann_eq_lower(a, an, b, bn)) {
            return 0;
        }
    }
    return 1;
}

/* Do the text tokens t[k0..n) have the hashes of the entry tokens
 * et[k0..n)? */
static int hashes_eq(const lex_tok *et, const ann_token *t, uint32_t n,
                     uint32_t k0)
{
    for (uint32_t k = k0; k < n; k++)
        if (t[k].hash != et[k].hash)
            return 0;
    return 1;
}

/* Same hashes all along: the exact pass has reported it already. */
static int lex_exact_hashes(const ann_lexicon *lx, const lex_entry *e,
                            const ann_token *t)
{
    return hashes_eq(lx->tok + e->tok, t, e->ntok, 0);
}

void ann_sort_longest(ann_match *m, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        ann_match x = m[i];
        size_t j = i;
        for (; j > 0 && m[j - 1].last < x.last; j--)
            m[j] = m[j - 1];
        m[j] = x;
    }
}

/* The match of entry e at token i; str: the pool's bytes. */
static void lex_report(const char *str, const lex_entry *e, size_t i, ann_matches *out)
{
    ann_match m = {i, i + e->ntok, str + e->kind, str + e->type, str + e->id,
                   str + e->attrs, str + e->surface, 0};
    ANN_PUSH(out->v, out->n, out->cap, m);
}

/* The longer entries that begin with the tokens t[0..1]; returns whether
 * there were any. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int match_pairs(const ann_lexicon *lx, const char *text,
                       const ann_token *t, size_t left, ann_matches *out,
                       size_t i)
{
    const lex_index *x = &lx->pair;
    size_t base = out->n;
    for (uint32_t p = index_first(x, pair_key(t->hash, t[1].hash));
         p != LEX_NONE; p = x->post[p].next) {
        const lex_post *q = &x->post[p];
        if (q->ntok > left || (q->ntok > 2 && t[2].hash != q->h) ||
            !hashes_eq(lx->tok + q->tok, t, q->ntok, 3))
            continue;
        const lex_entry *e = &lx->e[q->entry];
        if (lex_eq(lx, e, text, t, 0, 0))
            lex_report(lx->pool->bytes, e, i, out);
    }
    return out->n > base;
}

/* Headlines: "UKRAINE REPORT" holds the entry "Ukraine".  Returns whether
 * an entry of two tokens or more was among those found. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int match_caps(const ann_lexicon *lx, const char *text,
                      const ann_token *t, size_t left, ann_matches *out,
                      size_t i)
{
    const lex_index *x = &lx->lower;
    int longer = 0;
    for (uint32_t p = index_first(x, t->lhash); p != LEX_NONE;
         p = x->post[p].next) {
        const lex_post *q = &x->post[p];
        if (q->ntok > left || !q->caps_ok || (q->ntok > 1 && t[1].lhash != q->h))
            continue;
        if (q->ntok == 1 ? t->hash == q->h0 : hashes_eq(lx->tok + q->tok, t, q->ntok, 0))
            continue;   /* the exact pass has reported it */
        const lex_entry *e = &lx->e[q->entry];
        if (lex_eq(lx, e, text, t, 0, 1)) {
            lex_report(lx->pool->bytes, e, i, out);
            longer |= q->ntok > 1;
        }
    }
    return longer;
}

static inline void report_one(const char *str, const lex_one *o, size_t i,
                              ann_matches *out)
{
    ann_match m = {i, i + 1, str + o->kind, str + o->type, str + o->id,
                   str + o->attrs, str + o->surface, 0};
    ANN_PUSH(out->v, out->n, out->cap, m);
}

/* The one-token entries of a word after its first, matched at token i. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static void report_rest(const ann_lexicon *lx, uint32_t p, size_t i,
                        ann_matches *out)
{
    for (const lex_one *o = &lx->one[p]; o->kind != LEX_NONE; o++)
        report_one(lx->pool->bytes, o, i, out);
}

/* Every entry at token t (the i-th), where left tokens remain and text
 * up to lim may be read; maybe: t passed the bit table.  One-token entries
 * come before longer ones here, not in load order: sorting the matches at
 * a token longest first, stably, restores the order.  Returns whether an
 * entry of two tokens or more matched (else there is nothing to sort). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline int match_token(const ann_lexicon *lx, const char *text,
                              const ann_token *t, size_t left, size_t lim,
                              int maybe, ann_matches *out, size_t i)
{
    int longer = 0;
    if (maybe && lx->words.cap != 0) {
        const lex_words *ws = &lx->words;
        const char *word = text + t->start;
        size_t wn = t->end - t->start;
        int wide = lim - t->start >= 16;
        char vis[64];
        if ((t->flags & ANN_TF_INVISIBLE) && wn <= sizeof vis) {
            wn = ann_visible_copy(vis, word, wn);   /* "Vladi\u00ADmir" is "Vladimir" */
            word = vis;
            wide = 0;
        }
        const lex_word *w = &ws->slot[word_slot(ws, t->hash, word, wn, wide)];
        if (w->n != 0) {
            if (w->has_one) {
                report_one(lx->pool->bytes, &w->first, i, out);
                if (w->rest != LEX_NONE)
                    report_rest(lx, w->rest, i, out);
            }
            if (left > 1 && (w->seconds & second_bit(t[1].hash)))
                longer = match_pairs(lx, text, t, left, out, i);
        }
    }
    if (t->flags & ANN_TF_UPPER)
        longer |= match_caps(lx, text, t, left, out, i);
    return longer;
}

void ann_lexicon_match_at(const ann_lexicon *lx, const char *text,
                          const ann_token *toks, size_t n, size_t i,
                          ann_matches *out)
{
    const ann_token *t = &toks[i];
    if (t->kind == ANN_TOK_MARKUP)
        return;
    int maybe = bits_test(&lx->first, t->hash);
    if (maybe || (t->flags & ANN_TF_UPPER))
        match_token(lx, text, t, n - i, toks[n - 1].end, maybe, out, i);
}

/* Tokens a window is scanned for at a time: the candidates of a block fit
 * on the stack. */
#define LEX_BLOCK 256

/* The word table outgrows the nearer caches: a candidate's slot is asked
 * for LEX_AHEAD candidates ahead, so that the misses of several
 * candidates overlap. */
#define LEX_AHEAD 8

#if defined(__GNUC__)
#define LEX_PREFETCH(p) __builtin_prefetch(p)
#else
#define LEX_PREFETCH(p) ((void)(p))
#endif


void ann_lexicon_match(const ann_lexicon *lx, const char *text,
                       const ann_token *toks, size_t n, ann_matches *out)
{
    if (n == 0)
        return;
    const lex_bits first = lx->first;
    /* In locals: the stores of matches might alias the tables' fields. */
    const lex_word *slot = lx->words.slot;
    size_t wmask = lx->words.cap - 1;
    int pf = lx->words.cap != 0;
    size_t lim = toks[n - 1].end;
    uint32_t cand[LEX_BLOCK];
    for (size_t b = 0; b < n; b += LEX_BLOCK) {
        size_t end = n - b < LEX_BLOCK ? n : b + LEX_BLOCK, nc = 0;
        /* Most tokens start no entry, and one bit says so.  Whether a token
         * is a candidate is as good as random: the list of candidates is
         * written without a branch, which a CPU would mispredict often. */
        const ann_token *t = toks + b, *te = toks + end;
        uint32_t k = 0;
        for (const ann_token *p = t; p < te; p++, k++) {
            /* The bit of the hash, or'd with the flags shifted so that
             * ANN_TF_UPPER is bit 0: whether a candidate is all it asks, the
             * candidate loop asks the bit table again. */
            uint64_t h = p->hash & (first.nbits - 1);
            cand[nc] = k;
            nc += ((first.w[h / 64] >> (h % 64)) | (p->flags / ANN_TF_UPPER)) & 1;
        }
        for (size_t c = 0; c < nc; c++) {
            if (pf && c + LEX_AHEAD < nc)
                LEX_PREFETCH(&slot[t[cand[c + LEX_AHEAD]].hash & wmask]);
            size_t i = b + cand[c], base = out->n;
            /* Markup passes the bit table rarely: it is turned away here,
             * not in the loop over every token. */
            if (toks[i].kind != ANN_TOK_MARKUP &&
                match_token(lx, text, &toks[i], n - i, lim,
                            bits_test(&first, toks[i].hash), out, i))
                ann_sort_longest(out->v + base, out->n - base);
        }
    }
}

/* The first one-token entry of kind (NULL: any) spelled exactly t[0]. */
static const lex_one *find_one(const ann_lexicon *lx, const char *text,
                               const ann_token *t, const char *kind)
{
    const lex_words *ws = &lx->words;
    if (ws->cap == 0 || t->kind == ANN_TOK_MARKUP)
        return NULL;
    const lex_word *w = &ws->slot[word_slot(ws, t->hash, text + t->start,
                                            t->end - t->start, 0)];
    if (!w->has_one)
        return NULL;
    const char *str = lx->pool->bytes;
    if (!kind || strcmp(str + w->first.kind, kind) == 0)
        return &w->first;
    for (uint32_t p = w->rest; p != LEX_NONE && lx->one[p].kind != LEX_NONE; p++)
        if (strcmp(str + lx->one[p].kind, kind) == 0)
            return &lx->one[p];
    return NULL;
}

/* The first entry of kind (NULL: any) of two tokens or more spelled
 * exactly t[0..n), or of any length in capitals when caps. */
static const lex_entry *lex_find(const ann_lexicon *lx, const char *text,
                                 const ann_token *t, size_t n,
                                 const char *kind, int caps)
{
    const lex_index *x = caps ? &lx->lower : &lx->pair;
    uint64_t key = caps ? t->lhash : pair_key(t[0].hash, t[1].hash);
    for (uint32_t p = index_first(x, key); p != LEX_NONE; p = x->post[p].next) {
        const lex_entry *e = &lx->e[x->post[p].entry];
        if (e->ntok != n || (kind && strcmp(ann_strpool_at(lx->pool, e->kind), kind) != 0))
            continue;
        if (caps && (!e->caps_ok || lex_exact_hashes(lx, e, t)))
            continue;
        if (lex_eq(lx, e, text, t, 0, caps))
            return e;
    }
    return NULL;
}

/* Names looked up of at most this many bytes are tokenized on the stack. */
#define LOOKUP_STACK 32

int ann_lexicon_lookup(const ann_lexicon *lx, const char *s, size_t len,
                       const char *kind, ann_match *out)
{
    /* A token holds a byte at least, so a short name has no more tokens than
     * bytes, and the tokenizer, which grows its array only when it is full,
     * never reallocates the stack's: no allocation for the dozens of look-ups
     * a document makes. */
    ann_token stack[LOOKUP_STACK];
    ann_tokens tk = {0};
    if (len <= LOOKUP_STACK) {
        tk.v = stack;
        tk.cap = LOOKUP_STACK;
    }
    ann_tokenize_with(lx->abbrevs, s, len, &tk);
    const lex_entry *e = NULL;
    const lex_one *o = NULL;
    if (tk.n == 1)
        o = find_one(lx, s, tk.v, kind);
    else if (tk.n > 1)
        e = lex_find(lx, s, tk.v, tk.n, kind, 0);
    if (!o && !e && tk.n > 0 && (tk.v[0].flags & ANN_TF_UPPER))
        e = lex_find(lx, s, tk.v, tk.n, kind, 1);
    size_t ntok = tk.n;
    if (tk.v != stack)
        ann_tokens_free(&tk);
    const char *str = lx->pool->bytes;
    if (e) {
        ann_match m = {0, e->ntok, str + e->kind, str + e->type, str + e->id,
                       str + e->attrs, str + e->surface, 0};
        *out = m;
    } else if (o) {
        ann_match m = {0, ntok, str + o->kind, str + o->type, str + o->id, str + o->attrs,
                       str + o->surface, 0};
        *out = m;
    }
    return e || o;
}

/* ------------------------------------------------------------------ */
/* compiled tables (image.h)                                            */

typedef struct lex_image {
    uint64_t e, n, tok, ntok;
    uint64_t words, wcap, wn, wbytes, wnbytes;
    uint64_t one, none;
    uint64_t index[2][4];      /* pair, lower: slots, cap, postings, count */
    uint64_t first, nbits;
} lex_image;

static void index_save(const lex_index *x, ann_img *im, uint64_t *h)
{
    h[0] = ann_img_put(im, x->slot, x->cap * sizeof *x->slot, 16);
    h[1] = x->cap;
    h[2] = ann_img_put(im, x->post, x->npost * sizeof *x->post, 16);
    h[3] = x->npost;
}

uint64_t ann_lexicon_save(const ann_lexicon *lx, ann_img *im)
{
    lex_image h;
    memset(&h, 0, sizeof h);
    h.e = ann_img_put(im, lx->e, lx->n * sizeof *lx->e, 16);
    h.n = lx->n;
    h.tok = ann_img_put(im, lx->tok, lx->ntok * sizeof *lx->tok, 16);
    h.ntok = lx->ntok;
    h.words = ann_img_put(im, lx->words.slot, lx->words.cap * sizeof *lx->words.slot, 64);
    h.wcap = lx->words.cap;
    h.wn = lx->words.n;
    /* and the 16 zero bytes after the last word */
    h.wbytes = lx->words.bytes ? ann_img_put(im, lx->words.bytes, lx->words.nbytes + 16, 16) : 0;
    h.wnbytes = lx->words.nbytes;
    h.one = ann_img_put(im, lx->one, lx->none * sizeof *lx->one, 16);
    h.none = lx->none;
    index_save(&lx->pair, im, h.index[0]);
    index_save(&lx->lower, im, h.index[1]);
    h.first = ann_img_put(im, lx->first.w, lx->first.nbits / 8, 64);
    h.nbits = lx->first.nbits;
    return ann_img_put(im, &h, sizeof h, 8);
}

static void index_attach(lex_index *x, const ann_image *im, const uint64_t *h)
{
    x->slot = (lex_slot *)ann_img_at(im, h[0]);
    x->cap = (size_t)h[1];
    x->nkeys = 0;             /* only loading counts them */
    x->post = (lex_post *)ann_img_at(im, h[2]);
    x->npost = x->postcap = (size_t)h[3];
}

ann_lexicon *ann_lexicon_attach(const ann_image *im, uint64_t root, ann_strpool *pool,
                                const ann_abbrevs *abbrevs)
{
    const lex_image *h = ann_img_at(im, root);
    ann_lexicon *lx = ann_xcalloc(1, sizeof *lx);
    lx->pool = pool;
    lx->abbrevs = abbrevs;
    lx->image = im;
    lx->e = (lex_entry *)ann_img_at(im, h->e);
    lx->n = lx->cap = (size_t)h->n;
    lx->tok = (lex_tok *)ann_img_at(im, h->tok);
    lx->ntok = lx->tokcap = (size_t)h->ntok;
    lx->words.slot = (lex_word *)ann_img_at(im, h->words);
    lx->words.cap = (size_t)h->wcap;
    lx->words.n = (size_t)h->wn;
    lx->words.bytes = (char *)ann_img_at(im, h->wbytes);
    lx->words.nbytes = lx->words.bytecap = (size_t)h->wnbytes;
    lx->one = (lex_one *)ann_img_at(im, h->one);
    lx->none = lx->onecap = (size_t)h->none;
    index_attach(&lx->pair, im, h->index[0]);
    index_attach(&lx->lower, im, h->index[1]);
    lx->first.w = (uint64_t *)ann_img_at(im, h->first);
    lx->first.nbits = (size_t)h->nbits;
    for (size_t k = 0; k < 4; k++)
        lx->last[k] = LEX_NONE;
    return lx;
}
