/*
 * dates_must.c - the strings every match of a date rule contains and the
 * reach of its matches (see dates_must.h): a walk over the expanded
 * pattern, the syntax the rule files use (that of dates_prefix.c), that
 * gives each part of it what it is known to match; and the look at the
 * text before a rule's regex is run.
 */
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates_must.h"
#include "dates_prefix.h"

/* A set of folded strings: each match of a part is one of them (exact),
 * or holds one of them (must); ok 0 when there is no such set that fits. */
typedef struct sset {
    int ok;
    size_t n;
    unsigned char len[TX_MUST_N];
    unsigned char s[TX_MUST_N][TX_MUST_LEN];
} sset;

/* What a part of a pattern is known to match. */
typedef struct info {
    sset exact, must;
    size_t fixed;          /* its bytes outside unbounded repetitions, at most */
    uint64_t alpha[4];     /* the bytes it may match (either case) */
    uint64_t elastic[4];   /* those of its unbounded repetitions */
    int unbound;           /* no bound on its length is known */
} info;

typedef struct parser {
    const char *p;
    int bad;               /* syntax not understood */
} parser;

#define TX_RUNS 32         /* runs of exact parts followed at once in a sequence */

static void sset_add(sset *a, const unsigned char *s, size_t n)
{
    if (!a->ok)
        return;
    for (size_t i = 0; i < a->n; i++)
        if (a->len[i] == n && memcmp(a->s[i], s, n) == 0)
            return;
    if (a->n == TX_MUST_N || n > TX_MUST_LEN) {
        a->ok = 0;
        return;
    }
    memcpy(a->s[a->n], s, n);
    a->len[a->n++] = (unsigned char)n;
}

static void sset_union(sset *a, const sset *b)
{
    if (!b->ok)
        a->ok = 0;
    for (size_t i = 0; a->ok && i < b->n; i++)
        sset_add(a, b->s[i], b->len[i]);
}

/* Every string of a followed by every string of b. */
static void sset_product(const sset *a, const sset *b, sset *out)
{
    unsigned char buf[2 * TX_MUST_LEN];
    memset(out, 0, sizeof *out);
    out->ok = a->ok && b->ok;
    for (size_t i = 0; out->ok && i < a->n; i++)
        for (size_t j = 0; out->ok && j < b->n; j++) {
            memcpy(buf, a->s[i], a->len[i]);
            memcpy(buf + a->len[i], b->s[j], b->len[j]);
            sset_add(out, buf, (size_t)a->len[i] + b->len[j]);
        }
}

static size_t sset_minlen(const sset *a)
{
    size_t m = a->n ? TX_MUST_LEN : 0;
    for (size_t i = 0; i < a->n; i++)
        m = a->len[i] < m ? a->len[i] : m;
    return m;
}

/* Keep c in *best when it tells more: its shortest string longer, or as
 * long with fewer strings.  A set holding "" tells nothing. */
static void consider(sset *best, const sset *c)
{
    size_t mc = c->ok ? sset_minlen(c) : 0, mb = best->ok ? sset_minlen(best) : 0;
    if (mc > mb || (mc > 0 && mc == mb && c->n < best->n))
        *best = *c;
}

static void set_bit(uint64_t *set, unsigned c)
{
    set[c / 64] |= (uint64_t)1 << (c % 64);
}

static int has_bit(const uint64_t *set, unsigned c)
{
    return (int)((set[c / 64] >> (c % 64)) & 1);
}

static void info_empty(info *in)
{
    memset(in, 0, sizeof *in);
    in->exact.ok = 1;
    in->exact.n = 1;                 /* "" */
}

/* A part whose matches are not known: one byte, or more (unbound). */
static void info_unknown(info *in, int unbound)
{
    memset(in, 0, sizeof *in);
    in->fixed = 1;
    in->unbound = unbound;
    memset(in->alpha, 0xFF, sizeof in->alpha);
}

/* One byte of set (256 bits), the pattern being caseless. */
static void info_bytes(info *in, const uint64_t *set)
{
    memset(in, 0, sizeof *in);
    in->fixed = 1;
    in->exact.ok = 1;
    for (unsigned c = 0; c < 256; c++) {
        if (!has_bit(set, c))
            continue;
        unsigned char f = tx_fold((unsigned char)c);
        sset_add(&in->exact, &f, 1);
        set_bit(in->alpha, c);
        if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            set_bit(in->alpha, c ^ 0x20);
    }
}

static void info_byte(info *in, unsigned char c)
{
    uint64_t set[4] = {0, 0, 0, 0};
    set_bit(set, c);
    info_bytes(in, set);
}

static size_t sat_add(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* A bracketed class at p ('['); 0 when not understood. */
static int class_set(parser *ps, uint64_t *set)
{
    unsigned kinds;
    return tx_class(ps->p, &ps->p, set, &kinds);
}

static void alt_info(parser *ps, info *out);

/* A group or a lookaround at ps->p ('('). */
static void group_info(parser *ps, info *out)
{
    const char *p = ps->p + 1;
    int look = 0;
    if (*p == '?') {
        if (p[1] == '=' || p[1] == '!') {
            look = 1;
            p += 2;
        } else if (p[1] == '<' && (p[2] == '=' || p[2] == '!')) {
            look = 1;
            p += 3;
        } else {                     /* (?: (?-i: (?| (?i) */
            const char *q = p + 1;
            while (*q == '-' || (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))
                q++;
            if (*q == ')') {
                ps->p = q + 1;
                info_empty(out);
                return;
            }
            if (*q != ':' && *q != '|') {
                ps->bad = 1;
                return;
            }
            p = q + 1;
        }
    }
    ps->p = p;
    alt_info(ps, out);
    if (*ps->p != ')') {
        ps->bad = 1;
        return;
    }
    ps->p++;
    if (look)                        /* matches nothing */
        info_empty(out);
}

static void atom_info(parser *ps, info *out)
{
    const char *p = ps->p;
    uint64_t set[4] = {0, 0, 0, 0};
    int c;
    switch (*p) {
    case '(':
        group_info(ps, out);
        return;
    case '[':
        if (class_set(ps, set)) {
            info_bytes(out, set);
        } else {
            ps->bad = 1;
        }
        return;
    case '\\':
        if (!p[1] || (strchr("xpPkgNo", p[1]) && p[2] && strchr("{<'", p[2]))) {
            ps->bad = 1;                 /* \x{..}, \p{..}, \k<..>: not modelled */
        } else if (strchr("bBAzZG", p[1])) {
            info_empty(out);
            ps->p = p + 2;
        } else if (tx_escape_class((unsigned char)p[1], set)) {
            info_bytes(out, set);
            ps->p = p + 2;
        } else if ((c = tx_escape_byte(p + 1, &ps->p)) >= 0) {
            info_byte(out, (unsigned char)c);
        } else {                     /* \1, \p{..}, \R ... */
            info_unknown(out, 1);
            ps->p = p + 2;
        }
        return;
    case '.':
        info_unknown(out, 0);
        ps->p = p + 1;
        return;
    case '^':
    case '$':
        info_empty(out);
        ps->p = p + 1;
        return;
    case '*': case '+': case '?': case '{':
        ps->bad = 1;
        return;
    default:
        info_byte(out, (unsigned char)*p);
        ps->p = p + 1;
        return;
    }
}

/* An atom and its quantifier. */
static void item_info(parser *ps, info *out)
{
    size_t min, max;
    const char *e;
    atom_info(ps, out);
    if (ps->bad || !tx_quantifier(ps->p, &min, &max, &e))
        return;
    ps->p = e;
    sset one = out->exact;
    if (min == 0)
        out->must.ok = 0;
    else
        consider(&out->must, &one);
    if (min == 0 && max == 1) {
        static const unsigned char none[1];
        sset_add(&out->exact, none, 0);
    } else if (min == max && min >= 2 && min <= 4) {
        for (size_t i = 1; i < min; i++) {
            sset t = out->exact;
            sset_product(&t, &one, &out->exact);
        }
    } else if (min != 1 || max != 1) {
        out->exact.ok = 0;
    }
    if (max == SIZE_MAX) {           /* its bytes may come in any number */
        for (size_t k = 0; k < 4; k++)
            out->elastic[k] |= out->alpha[k];
        out->fixed = 0;
    } else {
        out->fixed = out->fixed && max > SIZE_MAX / out->fixed ? SIZE_MAX : out->fixed * max;
    }
}

/* The best set a part's matches are known to hold. */
static void must_of(const info *in, sset *m)
{
    *m = in->must;
    consider(m, &in->exact);
}

/* A sequence of items.  Its must is the best of its items' and of the
 * strings of each run of exact items ("later" after " "). */
static void seq_info(parser *ps, info *out)
{
    sset *run = ann_xcalloc(TX_RUNS, sizeof *run);
    size_t nrun = 0;
    info *it = ann_xmalloc(sizeof *it);
    info_empty(out);
    while (*ps->p && *ps->p != '|' && *ps->p != ')' && !ps->bad) {
        item_info(ps, it);
        if (ps->bad)
            break;
        out->fixed = sat_add(out->fixed, it->fixed);
        out->unbound |= it->unbound;
        for (size_t k = 0; k < 4; k++) {
            out->alpha[k] |= it->alpha[k];
            out->elastic[k] |= it->elastic[k];
        }
        sset t = out->exact;
        sset_product(&t, &it->exact, &out->exact);
        consider(&out->must, &it->must);
        if (!it->exact.ok) {
            nrun = 0;
            continue;
        }
        size_t k = 0;
        for (size_t i = 0; i < nrun; i++) {
            sset_product(&run[i], &it->exact, &t);
            if (t.ok)
                run[k++] = t;
        }
        nrun = k;
        if (nrun < TX_RUNS)
            run[nrun++] = it->exact;
        for (size_t i = 0; i < nrun; i++)
            consider(&out->must, &run[i]);
    }
    free(it);
    free(run);
}

static void alt_info(parser *ps, info *out)
{
    info *b = ann_xmalloc(sizeof *b);
    sset m, bm;
    seq_info(ps, out);
    must_of(out, &m);
    while (*ps->p == '|' && !ps->bad) {
        ps->p++;
        seq_info(ps, b);
        must_of(b, &bm);
        sset_union(&m, &bm);
        sset_union(&out->exact, &b->exact);
        out->fixed = out->fixed > b->fixed ? out->fixed : b->fixed;
        out->unbound |= b->unbound;
        for (size_t k = 0; k < 4; k++) {
            out->alpha[k] |= b->alpha[k];
            out->elastic[k] |= b->elastic[k];
        }
    }
    out->must = m;
    free(b);
}

/* A set is worth a look when its strings are not all short words: a
 * string of one or two letters, digits or spaces is in most stretches
 * of text. */
static int useful(const sset *m)
{
    if (!m->ok || m->n == 0)
        return 0;
    for (size_t i = 0; i < m->n; i++) {
        int plain = 1;
        for (size_t j = 0; j < m->len[i]; j++)
            plain &= (m->s[i][j] >= 'a' && m->s[i][j] <= 'z') || m->s[i][j] == ' ' ||
                     m->s[i][j] == '0';
        if (m->len[i] == 0 || (plain && m->len[i] < 3))
            return 0;
    }
    return 1;
}

/* The elastic bytes as at most TX_MUST_RANGES ranges, the closest merged
 * (a range may take more bytes than the set: they only let the reach run
 * on); 0 when the ranges would take most bytes. */
static int elastic_ranges(const uint64_t *set, tx_must *mu)
{
    unsigned lo[256], hi[256], n = 0, cover = 0;
    for (unsigned c = 0; c < 256; c++) {
        if (!has_bit(set, c))
            continue;
        if (n && hi[n - 1] == c - 1)
            hi[n - 1] = c;
        else
            lo[n] = hi[n] = c, n++;
    }
    while (n > TX_MUST_RANGES) {            /* merge across the smallest gap */
        unsigned g = 1;
        for (unsigned i = 1; i < n - 1; i++)
            if (lo[i + 1] - hi[i] < lo[g] - hi[g - 1])
                g = i + 1;
        hi[g - 1] = hi[g];
        memmove(lo + g, lo + g + 1, (n - g - 1) * sizeof *lo);
        memmove(hi + g, hi + g + 1, (n - g - 1) * sizeof *hi);
        n--;
    }
    for (unsigned i = 0; i < n; i++) {
        mu->lo[i] = (unsigned char)lo[i];
        mu->hi[i] = (unsigned char)hi[i];
        cover += hi[i] - lo[i] + 1;
    }
    mu->nrange = n;
    return cover <= 128;
}

void tx_must_build(tx_must *mu, const char *re)
{
    parser ps = {re, 0};
    info *top = ann_xmalloc(sizeof *top);
    sset m;
    memset(mu, 0, sizeof *mu);
    alt_info(&ps, top);
    must_of(top, &m);
    if (!ps.bad && !*ps.p && !top->unbound && top->fixed < UINT32_MAX && useful(&m) &&
        elastic_ranges(top->elastic, mu)) {
        mu->reach = (uint32_t)top->fixed;
        mu->n = (uint32_t)m.n;
        memcpy(mu->len, m.len, sizeof mu->len);
        memcpy(mu->s, m.s, sizeof mu->s);
        for (size_t k = 0; k < m.n; k++) {
            mu->f0[k] = m.s[k][0];
            mu->f1[k] = m.len[k] > 1 ? m.s[k][1] : 0;
        }
    }
    free(top);
}

/* ---- the look at the text ------------------------------------------------ */

static int is_elastic(const tx_must *mu, unsigned char c)
{
    for (size_t r = 0; r < mu->nrange; r++)
        if ((unsigned)(c - mu->lo[r]) <= (unsigned)(mu->hi[r] - mu->lo[r]))
            return 1;
    return 0;
}

/* Where a match from pos ends by: at the (reach + 1)th byte that is not
 * elastic, or at we. */
static size_t must_end_plain(const tx_must *mu, const unsigned char *t, size_t j, size_t we)
{
    for (size_t left = mu->reach; j < we; j++)
        if (!is_elastic(mu, t[j]) && left-- == 0)
            break;
    return j;
}

/* Is string k at t[o..), folded? */
static int must_at(const tx_must *mu, size_t k, const unsigned char *t, size_t o)
{
    size_t i = 0;
    while (i < mu->len[k] && tx_fold(t[o + i]) == mu->s[k][i])
        i++;
    return i == mu->len[k];
}

/* Is one of the strings within [j, q)? */
static int must_in_plain(const tx_must *mu, const unsigned char *t, size_t j, size_t q)
{
    for (size_t k = 0; k < mu->n; k++)
        for (size_t o = j; o + mu->len[k] <= q; o++)
            if (must_at(mu, k, t, o))
                return 1;
    return 0;
}

int tx_must_ok_plain(const tx_must *mu, const unsigned char *t, size_t pos, size_t we)
{
    return !mu->n || must_in_plain(mu, t, pos, must_end_plain(mu, t, pos, we));
}

#ifdef ANN_SSE2
/* The bytes of x, folded as tx_fold does: A-Z to a-z, digits to '0'. */
static __m128i fold16(__m128i x)
{
    const __m128i ubias = _mm_set1_epi8((char)(128 - 'A')), ulim = _mm_set1_epi8((char)(-128 + 26));
    const __m128i dbias = _mm_set1_epi8((char)(128 - '0')), dlim = _mm_set1_epi8((char)(-128 + 10));
    __m128i up = _mm_cmplt_epi8(_mm_add_epi8(x, ubias), ulim);
    __m128i dig = _mm_cmplt_epi8(_mm_add_epi8(x, dbias), dlim);
    x = _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20)));
    return _mm_or_si128(_mm_andnot_si128(dig, x), _mm_and_si128(dig, _mm_set1_epi8('0')));
}

/* must_end_plain, sixteen bytes a step: the bytes that are not elastic
 * as a mask, counted. */
static size_t must_end(const tx_must *mu, const unsigned char *t, size_t j, size_t we)
{
    __m128i bias[TX_MUST_RANGES], lim[TX_MUST_RANGES];
    for (size_t r = 0; r < mu->nrange; r++) {
        bias[r] = _mm_set1_epi8((char)(128 - mu->lo[r]));
        lim[r] = _mm_set1_epi8((char)(-128 + (mu->hi[r] - mu->lo[r] + 1)));
    }
    size_t left = mu->reach;
    for (; j + 16 <= we; j += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + j)), el = _mm_setzero_si128();
        for (size_t r = 0; r < mu->nrange; r++)
            el = _mm_or_si128(el, _mm_cmplt_epi8(_mm_add_epi8(x, bias[r]), lim[r]));
        unsigned other = ~(unsigned)_mm_movemask_epi8(el) & 0xFFFF;
        size_t cnt = (size_t)__builtin_popcount(other);
        if (cnt > left) {
            while (left--)
                other &= other - 1;
            return j + (size_t)__builtin_ctz(other);
        }
        left -= cnt;
    }
    for (; j < we; j++)
        if (!is_elastic(mu, t[j]) && left-- == 0)
            break;
    return j;
}

/* must_in_plain, sixteen starts a step: where a string's first two bytes
 * are, as a mask; those are compared in full. */
static int must_in(const tx_must *mu, const unsigned char *t, size_t j, size_t q, size_t we)
{
    for (; j + 17 <= we && j < q; j += 16) {
        __m128i a = fold16(_mm_loadu_si128((const __m128i *)(const void *)(t + j)));
        __m128i b = fold16(_mm_loadu_si128((const __m128i *)(const void *)(t + j + 1)));
        for (size_t k = 0; k < mu->n; k++) {
            __m128i e = _mm_cmpeq_epi8(a, _mm_set1_epi8((char)mu->f0[k]));
            if (mu->len[k] > 1)
                e = _mm_and_si128(e, _mm_cmpeq_epi8(b, _mm_set1_epi8((char)mu->f1[k])));
            for (unsigned bits = (unsigned)_mm_movemask_epi8(e); bits; bits &= bits - 1) {
                size_t o = j + (size_t)__builtin_ctz(bits);
                if (o + mu->len[k] <= q && must_at(mu, k, t, o))
                    return 1;
            }
        }
    }
    return j < q && must_in_plain(mu, t, j, q);
}

/* A match reaches reach bytes at least (each byte counts once at most):
 * a string found within them, as most strings that begin a rule are
 * ("the "), spares the count. */
int tx_must_ok(const tx_must *mu, const unsigned char *t, size_t pos, size_t we)
{
    if (!mu->n)
        return 1;
    size_t near = we - pos < mu->reach ? we : pos + mu->reach;
    if (must_in(mu, t, pos, near, we))
        return 1;
    size_t q = must_end(mu, t, pos, we);
    size_t from = near - pos >= TX_MUST_LEN ? near - (TX_MUST_LEN - 1) : pos;
    return q > near && must_in(mu, t, from, q, we);
}
#else
int tx_must_ok(const tx_must *mu, const unsigned char *t, size_t pos, size_t we)
{
    return tx_must_ok_plain(mu, t, pos, we);
}
#endif
