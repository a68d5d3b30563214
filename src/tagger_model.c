/*
 * tagger_model.c - the name tagger's model (see tagger.h): its table, the
 * sums of a token's feature weights, and its file, read at run time only
 * for a user's model.  The built-in model is the same table made at build
 * time (src/tools/tagger_table.c reads src/rules/tagger/weights.tsv with
 * ann_tagger_load and writes the arrays as C), used in place, read-only.
 *
 * A table is open addressing: the slot of a feature is its hash's low
 * bits, probed on; a check array (the hash's high half) says whether the
 * slot holds the feature, and only then is its row of weights read, so a
 * feature the model has not got costs a look at 4 bytes.  An empty slot's
 * row is all zeros, which the SSE2 sums rely on (score_sse2).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "tagger.h"

struct ann_tagger {
    tg_model m;
    /* a loaded model's arrays (NULL: the built-in model's, or none) */
    uint32_t *own_check[TG_PASSES];
    int16_t (*own_w[TG_PASSES])[TG_NW];
    /* a loaded model's rows of the features of small domains (tagger.h) */
    _Alignas(16) int16_t own_dense[TG_PASSES][TG_NDENSE][TG_NW];
};

/* The dense rows of a pass the model has not got. */
static _Alignas(16) const int16_t no_dense[TG_NDENSE][TG_NW];

/* The table of a pass the model has not got: every look-up misses. */
static const uint32_t no_check[1];

void tg_labels_line(char *out, size_t cap)
{
    static const char *const type[] = {"", "PER", "ORG", "LOC", "MISC"}, pos[] = "BILU";
    size_t o = (size_t)snprintf(out, cap, "labels\t");
    for (int l = 1; l < TG_NLABELS && o < cap; l++)
        o += (size_t)snprintf(out + o, cap - o, "%s%c-%s", l > 1 ? " " : "", pos[tg_pos(l)],
                              type[tg_type(l)]);
}

static void tables_free(ann_tagger *t)
{
    for (int p = 0; p < TG_PASSES; p++) {
        free(t->own_check[p]);
        free(t->own_w[p]);
        t->own_check[p] = NULL;
        t->own_w[p] = NULL;
        t->m.pass[p] = (tg_table){no_check, NULL, 0, 0};
        t->m.dense[p] = no_dense;
    }
    t->m.npasses = 0;
}

ann_tagger *ann_tagger_new(void)
{
    ann_tagger *t = ann_xcalloc(1, sizeof(ann_tagger));
    tables_free(t);
    return t;
}

void ann_tagger_free(ann_tagger *t)
{
    if (!t)
        return;
    tables_free(t);
    free(t);
}

void tg_use_model(ann_tagger *t, const tg_model *m)
{
    tables_free(t);
    t->m = *m;
    for (int p = 0; p < TG_PASSES; p++)
        if (!t->m.dense[p])
            t->m.dense[p] = no_dense;
}

const tg_model *ann_tagger_model(const ann_tagger *t)
{
    return &t->m;
}

size_t ann_tagger_size(const ann_tagger *t)
{
    size_t n = 0;
    for (int p = 0; t && p < t->m.npasses; p++)
        n += t->m.pass[p].n;
    return n;
}

int ann_tagger_passes(const ann_tagger *t)
{
    return t ? t->m.npasses : 0;
}

int ann_tagger_is_model(const char *data, size_t len)
{
    size_t k = strlen(ANN_TAGGER_MAGIC);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    return len >= k && memcmp(data, ANN_TAGGER_MAGIC, k) == 0;
}

static uint32_t slot_check(uint64_t h)
{
    return (uint32_t)(h >> 32) | 1u;
}

/* The row of weights of the feature whose check is c, looked for from
 * slot i on, or NULL when the model has not got it. */
static inline const int16_t *table_row_at(const tg_table *tb, uint32_t c, size_t i)
{
    for (;;) {
        uint32_t s = tb->check[i];
        if (s == c)
            return tb->w[i];
        if (!s)
            return NULL;
        i = (i + 1) & tb->mask;
    }
}

/* The row of weights of feature h, or NULL when the model has not got it. */
static inline const int16_t *table_row(const tg_table *tb, uint64_t h)
{
    return table_row_at(tb, slot_check(h), (size_t)h & tb->mask);
}

/* Each the row the table gives the feature's hash, as a look-up would at
 * every token. */
void tg_dense_rows(const tg_table *tb, int16_t (*rows)[TG_NW])
{
    for (unsigned k = 0; k < TG_NDENSE; k++) {
        const int16_t *w = table_row(tb, tg_dense_feature(k));
        if (w)
            memcpy(rows[k], w, sizeof rows[k]);
        else
            memset(rows[k], 0, sizeof rows[k]);
    }
}

/* The weights of the label features, summed for each pair of labels
 * before: one row at run time in place of three. */
static void sum_label_features(tg_model *m)
{
    memset(m->trans, 0, sizeof m->trans);
    for (int p = 0; p < m->npasses; p++)
        for (int a = 0; a < TG_NLABELS; a++)
            for (int b = 0; b < TG_NLABELS; b++) {
                uint64_t f[TG_NLABELFEATS];
                tg_label_features(a, b, f);
                for (int k = 0; k < TG_NLABELFEATS; k++) {
                    const int16_t *w = table_row(&m->pass[p], f[k]);
                    for (int l = 0; w && l < TG_NW; l++)
                        m->trans[p][a][b][l] += w[l];
                }
            }
}

/* ---- reading a model file ------------------------------------------------------ */

static void load_error(char *err, size_t errlen, const char *name, size_t line, const char *why)
{
    if (err && errlen)
        snprintf(err, errlen, "%s:%zu: %s", name, line, why);
}

/* The number of feature lines after each "pass N" line, to size the tables. */
static void count_lines(const char *data, size_t len, size_t *count)
{
    int p = -1;
    for (size_t pos = 0; pos < len;) {
        const char *line = data + pos, *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        if (n >= 6 && memcmp(line, "pass ", 5) == 0 && line[5] >= '1' && line[5] <= '0' + TG_PASSES)
            p = line[5] - '1';
        else if (p >= 0 && n > 0 && line[0] != '#')
            count[p]++;
    }
}

/* "HASH<TAB>w1 w2 ..." into pass p's table; -1 when malformed.  No strtol,
 * no copy: a model has tens of thousands of lines. */
static int feature_line(ann_tagger *t, int p, const char *line, size_t n)
{
    if (n < 17 || line[16] != '\t')
        return -1;
    uint64_t h = 0;
    for (int k = 0; k < 16; k++) {
        char ch = line[k];
        int v = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
        if (v < 0)
            return -1;
        h = h << 4 | (uint64_t)v;
    }
    int16_t w[TG_NW];
    size_t i = 17;
    for (int k = 0; k < TG_NW; k++) {
        if (k > 0) {
            if (i >= n || line[i] != ' ')
                return -1;
            i++;
        }
        int neg = i < n && line[i] == '-';
        i += (size_t)neg;
        long v = 0;
        size_t d0 = i;
        while (i < n && line[i] >= '0' && line[i] <= '9' && i - d0 < 6)
            v = v * 10 + (line[i++] - '0');
        if (i == d0 || v > 32767 + neg)
            return -1;
        w[k] = (int16_t)(neg ? -v : v);
    }
    while (i < n && (line[i] == ' ' || line[i] == '\t'))
        i++;
    if (i != n)
        return -1;
    tg_table *tb = &t->m.pass[p];
    uint32_t c = slot_check(h);
    size_t s = (size_t)h & tb->mask;
    while (t->own_check[p][s] && t->own_check[p][s] != c)
        s = (s + 1) & tb->mask;
    if (!t->own_check[p][s])
        tb->n++;
    t->own_check[p][s] = c;
    memcpy(t->own_w[p][s], w, sizeof w);
    return 0;
}

/* Tables for count[p] features a pass: at most half full, so that a
 * feature the model has not got is told at the first or second slot. */
static void tables_new(ann_tagger *t, const size_t *count)
{
    for (int p = 0; p < TG_PASSES; p++) {
        size_t cap = 64;
        while (cap < count[p] * 2)
            cap *= 2;
        t->own_check[p] = ann_xcalloc(cap, sizeof *t->own_check[p]);
        t->own_w[p] = ann_xcalloc(cap, sizeof *t->own_w[p]);
        t->m.pass[p] = (tg_table){t->own_check[p], (const int16_t(*)[TG_NW])t->own_w[p], cap - 1, 0};
    }
}

/* A header line ("features N", "labels ..."); 0 when it is one and right,
 * -1 with the error when it is wrong, 1 when it is none. */
static int header_line(const char *line, size_t n, int *seen, const char **why)
{
    char want[128];
    if (n > 9 && memcmp(line, "features\t", 9) == 0) {
        snprintf(want, sizeof want, "features\t%d", TG_FEATURES);
        *why = "features of another version of this program (make train learns them again)";
    } else if (n > 7 && memcmp(line, "labels\t", 7) == 0) {
        tg_labels_line(want, sizeof want);
        *why = "labels differ from this program's";
    } else {
        return 1;
    }
    if (n != strlen(want) || memcmp(line, want, n) != 0)
        return -1;
    *seen |= line[0] == 'f' ? 1 : 2;
    return 0;
}

int ann_tagger_load(ann_tagger *t, const char *name, const char *data, size_t len,
                    char *err, size_t errlen)
{
    if (!ann_tagger_is_model(data, len)) {
        load_error(err, errlen, name, 1, "not a tagger model (no \"" ANN_TAGGER_MAGIC "\" line)");
        return -1;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;         /* a BOM from a Windows editor */
        len -= 3;
    }
    if (memchr(data, '\0', len)) {
        load_error(err, errlen, name, 1, "NUL byte in the model");
        return -1;
    }
    size_t count[TG_PASSES] = {0};
    count_lines(data, len, count);
    tables_free(t);
    tables_new(t, count);
    int p = -1, headers = 0;
    size_t lineno = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = data + pos, *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + 1;
        lineno++;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (n == 0 || line[0] == '#')
            continue;
        const char *why = NULL;
        int h = p < 0 ? header_line(line, n, &headers, &why) : 1;
        if (h < 0) {
            load_error(err, errlen, name, lineno, why);
            goto fail;
        } else if (h == 0) {
            continue;
        } else if (n == 6 && memcmp(line, "pass ", 5) == 0 && line[5] >= '1' &&
                   line[5] <= '0' + TG_PASSES) {
            p = line[5] - '1';
            if (p > t->m.npasses) {
                load_error(err, errlen, name, lineno, "passes out of order");
                goto fail;
            }
            if (p == t->m.npasses)
                t->m.npasses++;
        } else if (p < 0 || headers != 3) {
            load_error(err, errlen, name, lineno, "expected \"features\", \"labels\" and then \"pass 1\"");
            goto fail;
        } else if (feature_line(t, p, line, n) < 0) {
            load_error(err, errlen, name, lineno, "expected HASH (16 hex digits), a tab and a weight per label");
            goto fail;
        }
    }
    if (!t->m.npasses) {
        load_error(err, errlen, name, lineno, "no \"pass 1\"");
        goto fail;
    }
    sum_label_features(&t->m);
    for (int p = 0; p < t->m.npasses; p++) {
        tg_dense_rows(&t->m.pass[p], t->own_dense[p]);
        t->m.dense[p] = (const int16_t(*)[TG_NW])t->own_dense[p];
    }
    return 0;
fail:
    tables_free(t);
    return -1;
}

/* ---- sums of weights ------------------------------------------------------------ */

void tg_score_plain(const ann_tagger *t, int p, const uint64_t *f, size_t n, int32_t *score)
{
    const tg_table *tb = &t->m.pass[p];
    int32_t a[TG_NLABELS] = {0};
    for (size_t k = 0; k < n; k++) {
        const int16_t *w = table_row(tb, f[k]);
        if (!w)
            continue;
        for (int l = 0; l < TG_NW; l++)
            a[l + 1] += w[l];
    }
    memcpy(score, a, sizeof a);
}

#ifdef ANN_SSE2
/* A row of eight weights is one load, widened to two sums of four: the
 * plain loop's eight adds are six instructions. */
_Static_assert(TG_NW == 8, "a row of weights is one 128-bit load");

static const int16_t zero_row[TG_NW];

/* The row where the look-up of feature h stops: four slots' checks are
 * compared at once, and the first slot that holds h or is empty ends it,
 * as in table_row (a feature is never past an empty slot).  An empty
 * slot's row is all zeros (tables_new's calloc, tagger_table.c's rows of
 * the features held only), so a feature the model has not got adds
 * nothing, and no branch guesses whether it is there: about half the
 * look-ups miss, at random, and table_row's branches were guessed wrong
 * that often.  Against table_row: 3% more instructions, 4% less CPU time
 * over the whole run (paired runs, 400 news documents). */
static inline const int16_t *stop_row(const tg_table *tb, uint64_t h)
{
    uint32_t c = slot_check(h);
    size_t i = (size_t)h & tb->mask;
    const __m128i want = _mm_set1_epi32((int)c);
    while (i + 4 <= tb->mask + 1) {
        __m128i s = _mm_loadu_si128((const __m128i *)(const void *)(tb->check + i));
        __m128i hit = _mm_cmpeq_epi32(s, want);
        __m128i empty = _mm_cmpeq_epi32(s, _mm_setzero_si128());
        unsigned stop = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_or_si128(hit, empty)));
        if (stop)
            return tb->w[i + (unsigned)__builtin_ctz(stop)];
        /* four slots of other features (one look-up in twenty): the run
         * goes on from the fifth, four at a time */
        i = (i + 4) & tb->mask;
    }
    const int16_t *w = table_row_at(tb, c, i);   /* the table's end */
    return w ? w : zero_row;
}

static void score_sse2(const tg_table *tb, const int32_t *trans, const uint64_t *f, size_t n,
                       const int16_t (*dense)[TG_NW], const uint16_t *d, size_t nd, int32_t *score)
{
    /* The table is too big for the cache, and a token's forty features
     * fall all over it: their slots' checks and rows are asked for first,
     * all at once, so that the sums below wait for memory once, not forty
     * times (3% of the run's CPU time). */
    if (tb->w)
        for (size_t k = 0; k < n; k++) {
            size_t i = (size_t)f[k] & tb->mask;
            _mm_prefetch((const char *)&tb->check[i], _MM_HINT_T0);
            _mm_prefetch((const char *)tb->w[i], _MM_HINT_T0);
        }
    /* A row is widened by pmaddwd against 1,0,1,0... and 0,1,0,1...:
     * its even and its odd weights, each a 32-bit lane, exactly (a weight
     * times 1 plus another times 0), in two instructions where unpacking
     * and shifting took four.  The even and odd sums are put back in
     * label order once, at the end (60 bench documents: -0.9% of the
     * run's instructions). */
    const __m128i even = _mm_set1_epi32(1), odd = _mm_set1_epi32(1 << 16);
    __m128i se = _mm_setzero_si128(), so = _mm_setzero_si128();
    for (size_t k = 0; k < n; k++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)stop_row(tb, f[k]));
        se = _mm_add_epi32(se, _mm_madd_epi16(v, even));
        so = _mm_add_epi32(so, _mm_madd_epi16(v, odd));
    }
    for (size_t k = 0; k < nd; k++) {
        __m128i v = _mm_load_si128((const __m128i *)(const void *)dense[d[k]]);
        se = _mm_add_epi32(se, _mm_madd_epi16(v, even));
        so = _mm_add_epi32(so, _mm_madd_epi16(v, odd));
    }
    __m128i lo = _mm_loadu_si128((const __m128i *)(const void *)trans);
    __m128i hi = _mm_loadu_si128((const __m128i *)(const void *)(trans + 4));
    lo = _mm_add_epi32(lo, _mm_unpacklo_epi32(se, so));
    hi = _mm_add_epi32(hi, _mm_unpackhi_epi32(se, so));
    score[0] = 0;
    _mm_storeu_si128((__m128i *)(void *)(score + 1), lo);
    _mm_storeu_si128((__m128i *)(void *)(score + 5), hi);
}
#endif

void ann_tagger_score_split(const ann_tagger *t, int p, int prev, int prev2, const uint64_t *f,
                            size_t n, const uint16_t *d, size_t nd, int32_t *score)
{
    const int32_t *trans = t->m.trans[p][prev][prev2];
#ifdef ANN_SSE2
    score_sse2(&t->m.pass[p], trans, f, n, t->m.dense[p], d, nd, score);
#else
    tg_score_plain(t, p, f, n, score);
    for (size_t k = 0; k < nd; k++)
        for (int l = 0; l < TG_NW; l++)
            score[l + 1] += t->m.dense[p][d[k]][l];
    for (int l = 0; l < TG_NW; l++)
        score[l + 1] += trans[l];
#endif
}

void ann_tagger_score(const ann_tagger *t, int p, int prev, int prev2, const uint64_t *f, size_t n,
                      int32_t *score)
{
    ann_tagger_score_split(t, p, prev, prev2, f, n, NULL, 0, score);
}
