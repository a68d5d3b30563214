/*
 * tagger.c - the learned name tagger (see tagger.h): what the features
 * read of a window, the document's memory, the features of a token, and
 * greedy decoding in two passes (the model: tagger_model.c).
 *
 * The run time and the trainer (src/tools/train_tagger.c) share every
 * function here, so a model sees at run time exactly the features it was
 * trained on.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "tagger.h"
#include "utf8.h"

/* The built-in model is in build/tagger_data.c, which the build tool
 * (linked with tagger_model.c, not with this file) writes. */
void ann_tagger_use_builtin(ann_tagger *t)
{
    tg_use_model(t, &tg_builtin_model);
}

/* ---- the document's memory ---------------------------------------------------- */

static tg_memo_slot *memo_find(const tg_memo *m, uint64_t key)
{
    size_t mask = m->cap - 1, i = (size_t)(key ^ key >> 29) & mask;
    while (m->slot[i].key && m->slot[i].key != key)
        i = (i + 1) & mask;
    return &m->slot[i];
}

unsigned tg_memo_lower(const tg_memo *m, uint64_t lhash)
{
    if (!m->cap)
        return 0;
    const tg_memo_slot *s = memo_find(m, lhash | 1);
    return s->key ? s->count[TG_LOWER] : 0;
}

static void memo_count(tg_memo *m, uint64_t key, int type)
{
    key |= 1;      /* 0 marks an empty slot */
    if ((m->n + 1) * 2 > m->cap) {
        tg_memo old = *m;
        m->cap = old.cap ? old.cap * 2 : 256;
        m->slot = ann_xcalloc(m->cap, sizeof *m->slot);
        m->used = ann_xmalloc(m->cap / 2 * sizeof *m->used);
        for (size_t k = 0; k < old.n; k++) {
            tg_memo_slot *s = memo_find(m, old.slot[old.used[k]].key);
            *s = old.slot[old.used[k]];
            m->used[k] = (uint32_t)(s - m->slot);
        }
        free(old.slot);
        free(old.used);
    }
    tg_memo_slot *s = memo_find(m, key);
    if (!s->key) {
        s->key = key;
        m->used[m->n++] = (uint32_t)(s - m->slot);
    }
    if (s->count[type] < UINT16_MAX)
        s->count[type]++;
}

void tg_memo_clear(tg_memo *m)
{
    for (size_t k = 0; k < m->n; k++)
        m->slot[m->used[k]] = (tg_memo_slot){0};
    m->n = 0;
    memset(m->filter, 0, sizeof m->filter);
}

void tg_memo_free(tg_memo *m)
{
    free(m->slot);
    free(m->used);
    *m = (tg_memo){0};
}

static void allowed_init(tg_ctx *c);

/* ---- what the features read ---------------------------------------------------- */

static int cap_word(const char *text, const ann_token *t)
{
    if (t->kind != ANN_TOK_WORD || (t->flags & (ANN_TF_LOWER | ANN_TF_DIGIT | ANN_TF_POSS)))
        return 0;
    if (t->flags & (ANN_TF_TITLE | ANN_TF_UPPER))
        return 1;
    /* "eBay", "iPhone"; not "4-38" */
    for (size_t k = t->start; k < t->end; k++)
        if (text[k] >= 'A' && text[k] <= 'Z')
            return 1;
    return 0;
}

/* What a rule match's kind and type say, as TG_LX_ bits at its first
 * token (the "B" bits; "I" bits are B << 5). */
static uint32_t known_bit(const ann_match *m)
{
    const char *k = m->kind, *t = m->type;
    if (k[0] == 'a' && strcmp(k, "actor") == 0)
        return t[0] == 'p' ? TG_LX_PER_B : t[0] == 'c' ? TG_LX_CTRY_B : TG_LX_ORG_B;
    if (k[0] == 'p' && strcmp(k, "place") == 0)
        return TG_LX_PLACE_B;
    if (k[0] == 's' && strcmp(k, "source") == 0)
        return TG_LX_SRC_B;
    return 0;
}

/* Most attributes a match has are a name and a role, which hold none of
 * the keys asked for here: strstr turns them away at once, where
 * ann_attr walks the items one by one (ann_attr finds a key only where
 * its bytes are in the text). */
static int attr_is_on(const char *attrs, const char *key)
{
    char v[4];
    return attrs && attrs[0] && strstr(attrs, key) && ann_attr(attrs, key, v, sizeof v) &&
           strcmp(v, "1") == 0;
}

/* One-token cues and name parts, and titles (which may span tokens). */
static uint32_t word_bits(const ann_match *m)
{
    const char *k = m->kind;
    switch (k[0]) {
    case 'g':
        if (strcmp(k, "given") == 0)
            return TG_LX_GIVEN | (attr_is_on(m->attrs, "weak") ? TG_LX_WEAK_GIVEN : 0);
        break;
    case 'd':
        if (strcmp(k, "demonym") == 0)
            return TG_LX_DEMONYM;
        if (strcmp(k, "docword") == 0)
            return TG_LX_DOCWORD;
        break;
    case 'n':
        if (strcmp(k, "nonname") == 0)
            return TG_LX_NONNAME | (attr_is_on(m->attrs, "weak") ? TG_LX_WEAK_NONNAME : 0);
        break;
    case 'c':
        if (strcmp(k, "cue") == 0)
            return TG_LX_CUE | (attr_is_on(m->attrs, "inv") ? TG_LX_CUE_INV : 0);
        if (strcmp(k, "connector") == 0)
            return TG_LX_CONNECTOR;
        break;
    case 'o':
        if (strcmp(k, "orghead") == 0)
            return TG_LX_ORGHEAD;
        break;
    }
    return 0;
}

/* The TG_LX_ bits a match gives its first token, its later ones and its
 * last. */
typedef struct lex_kind {
    const char *kind, *type, *attrs;
    uint32_t first, inner, last;
    int one;                   /* only a one-token match gives them */
} lex_kind;

static void lex_kind_of(const ann_match *m, lex_kind *k)
{
    *k = (lex_kind){m->kind, m->type, m->attrs, 0, 0, 0, 0};
    uint32_t b = known_bit(m);
    if (b) {
        k->first = b;
        /* neither is on without a value "1": most names' attrs
         * ("iso=fr;name=France") have no '1', found in one pass where the
         * two keys were each looked for in a string read from far away */
        if (m->attrs && strchr(m->attrs, '1') &&
            (attr_is_on(m->attrs, "ambiguous") || attr_is_on(m->attrs, "alias_only")))
            k->first |= TG_LX_AMBIG;
        k->inner = b << 5;
        k->last = TG_LX_KNOWN_E;
    } else if (strcmp(m->kind, "title") == 0) {
        k->first = TG_LX_TITLE_B;
        k->last = TG_LX_TITLE_E;
    } else {
        k->first = word_bits(m);
        k->one = 1;
    }
}

/* A window has a few kinds of match many times over: the bits of each are
 * worked out once, kept by the pointers of its kind, type and attributes
 * (which the rules own while their matches live), in a small table. */
static void lex_bits(tg_ctx *c, const ann_matches *ms)
{
    lex_kind seen[64];
    memset(seen, 0, sizeof seen);
    memset(c->lex, 0, c->n * sizeof *c->lex);
    for (size_t k = 0; ms && k < ms->n; k++) {
        const ann_match *m = &ms->v[k];
        if (m->first >= c->n || m->last > c->n || m->last <= m->first)
            continue;
        uintptr_t h = (uintptr_t)m->kind ^ (uintptr_t)m->type * 31 ^ (uintptr_t)m->attrs * 131;
        lex_kind *kd = &seen[(h ^ h >> 7) & 63];
        if (kd->kind != m->kind || kd->type != m->type || kd->attrs != m->attrs)
            lex_kind_of(m, kd);
        if (kd->one && m->last - m->first != 1)
            continue;
        c->lex[m->first] |= kd->first;
        for (size_t j = m->first + 1; j < m->last; j++)
            c->lex[j] |= kd->inner;
        c->lex[m->last - 1] |= kd->last;
    }
}

/* A line longer than this has no pattern: it is prose. */
#define PAT_MAX 40

/* What a line's TG_LN_ bits are made of. */
typedef struct line_counts {
    size_t words, upper, nums, long_words, long_caps;
} line_counts;

/* Token b into the counts of its line, its capitalized-word bit (capw,
 * caps) and its figure bit (fig, which word_val reads); its class in the
 * line's pattern returned.  Whether a token is a word, a capital, a
 * figure is as good as random: it is counted, listed and classed without
 * a branch, which a CPU would mispredict often (every token passes here). */
static inline uint32_t line_token(tg_ctx *c, size_t b, line_counts *lc)
{
    const ann_token *t = &c->tok[b];
    uint32_t fl = t->flags;
    unsigned char ch = (unsigned char)c->text[t->start];
    int word = t->kind == ANN_TOK_WORD;
    int figure = (t->kind == ANN_TOK_NUMBER) | (word & ((unsigned)ch - '0' < 10u));
    int maybe = word & !(fl & (ANN_TF_LOWER | ANN_TF_DIGIT | ANN_TF_POSS));
    int cap = maybe & ((fl & (ANN_TF_TITLE | ANN_TF_UPPER)) != 0);
    if (maybe && !cap)
        cap = cap_word(c->text, t);     /* "eBay", "4-38": rare */
    c->capw[b] = (uint8_t)cap;
    c->caps[c->ncaps] = b;
    c->ncaps += (size_t)cap;
    c->fig[b] = (uint8_t)figure;
    int num = figure | ((fl & ANN_TF_DIGIT) != 0);
    int w2 = (!num) & word & (t->ncp >= 2), lw = w2 & (t->ncp > 3);
    lc->nums += (size_t)num;
    lc->words += (size_t)w2;
    lc->upper += (size_t)(w2 & ((fl & ANN_TF_UPPER) != 0));
    lc->long_words += (size_t)lw;
    lc->long_caps += (size_t)(lw & ((fl & (ANN_TF_TITLE | ANN_TF_UPPER)) != 0));
    uint32_t cl = word ? (cap ? 'X' : 'x') : ch;
    return figure ? 'd' : cl;
}

#ifdef ANN_SSE2
_Static_assert(offsetof(ann_token, kind) == offsetof(ann_token, flags) + 4 &&
               offsetof(ann_token, ncp) == offsetof(ann_token, flags) + 6 &&
               sizeof(((ann_token *)0)->flags) == 4,
               "a token's flags, kind and length in code points make one 8-byte word");

static inline __m128i flags_kind_ncp(const ann_token *t)
{
    return _mm_loadl_epi64((const __m128i *)(const void *)((const char *)t + offsetof(ann_token, flags)));
}

static inline size_t sum4(__m128i v)
{
    int32_t x[4];
    _mm_storeu_si128((__m128i *)(void *)x, v);
    return (size_t)x[0] + (size_t)x[1] + (size_t)x[2] + (size_t)x[3];
}

/* line_token for tokens [a, b) of a line, four at a time, the class of
 * token k in cls[k - a] where cls is not NULL (a short line's pattern);
 * the first token not done is returned (the last b - a % 4 are left).  A
 * token's flags, kind and length are one load, and its tests a mask and
 * a compare each, for the four at once: one at a time, this loop over
 * every token was 3% of the run. */
static size_t line_four(tg_ctx *c, size_t a, size_t b, line_counts *lc, uint8_t *cls)
{
    const __m128i zero = _mm_setzero_si128(), low16 = _mm_set1_epi32(0xFFFF);
    const __m128i tu_bits = _mm_set1_epi32(ANN_TF_TITLE | ANN_TF_UPPER);
    const __m128i ldp_bits = _mm_set1_epi32(ANN_TF_LOWER | ANN_TF_DIGIT | ANN_TF_POSS);
    __m128i notnum = zero, words = zero, upper = zero, lw = zero, lcap = zero;
    size_t k = a, ncaps = c->ncaps, *caps = c->caps;
    for (; k + 4 <= b; k += 4) {
        const ann_token *t = c->tok + k;
        __m128 x = _mm_castsi128_ps(_mm_unpacklo_epi64(flags_kind_ncp(t), flags_kind_ncp(t + 1)));
        __m128 y = _mm_castsi128_ps(_mm_unpacklo_epi64(flags_kind_ncp(t + 2), flags_kind_ncp(t + 3)));
        __m128i fl = _mm_castps_si128(_mm_shuffle_ps(x, y, _MM_SHUFFLE(2, 0, 2, 0)));
        __m128i kn = _mm_castps_si128(_mm_shuffle_ps(x, y, _MM_SHUFFLE(3, 1, 3, 1)));
        __m128i kind = _mm_and_si128(kn, low16), ncp = _mm_srli_epi32(kn, 16);
        __m128i ch = _mm_set_epi32((unsigned char)c->text[t[3].start], (unsigned char)c->text[t[2].start],
                                   (unsigned char)c->text[t[1].start], (unsigned char)c->text[t[0].start]);
        __m128i word = _mm_cmpeq_epi32(kind, _mm_set1_epi32(ANN_TOK_WORD));
        __m128i d0 = _mm_and_si128(_mm_cmpgt_epi32(ch, _mm_set1_epi32('0' - 1)),
                                   _mm_cmplt_epi32(ch, _mm_set1_epi32('9' + 1)));
        __m128i figure = _mm_or_si128(_mm_cmpeq_epi32(kind, _mm_set1_epi32(ANN_TOK_NUMBER)),
                                      _mm_and_si128(word, d0));
        __m128i tu_none = _mm_cmpeq_epi32(_mm_and_si128(fl, tu_bits), zero);
        __m128i maybe = _mm_and_si128(word, _mm_cmpeq_epi32(_mm_and_si128(fl, ldp_bits), zero));
        /* not a number: not a figure and not all digits */
        __m128i nn = _mm_andnot_si128(figure, _mm_cmpeq_epi32(_mm_and_si128(fl, _mm_set1_epi32(ANN_TF_DIGIT)), zero));
        __m128i w2 = _mm_and_si128(nn, _mm_and_si128(word, _mm_cmpgt_epi32(ncp, _mm_set1_epi32(1))));
        __m128i l = _mm_and_si128(w2, _mm_cmpgt_epi32(ncp, _mm_set1_epi32(3)));
        __m128i up_none = _mm_cmpeq_epi32(_mm_and_si128(fl, _mm_set1_epi32(ANN_TF_UPPER)), zero);
        notnum = _mm_sub_epi32(notnum, nn);
        words = _mm_sub_epi32(words, w2);
        upper = _mm_sub_epi32(upper, _mm_andnot_si128(up_none, w2));
        lw = _mm_sub_epi32(lw, l);
        lcap = _mm_sub_epi32(lcap, _mm_andnot_si128(tu_none, l));
        unsigned cap = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_andnot_si128(tu_none, maybe)));
        unsigned rare = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_and_si128(tu_none, maybe)));
        for (; rare; rare &= rare - 1)
            cap |= (unsigned)cap_word(c->text, &t[__builtin_ctz(rare)]) << __builtin_ctz(rare);
        /* a byte a token: x86 is little-endian */
        uint32_t capw = (cap & 1) | (cap & 2) << 7 | (cap & 4) << 14 | (cap & 8) << 21;
        memcpy(c->capw + k, &capw, sizeof capw);
        for (unsigned j = 0; j < 4; j++) {
            caps[ncaps] = k + j;
            ncaps += cap >> j & 1;
        }
        unsigned fg = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(figure));
        uint32_t figs = (fg & 1) | (fg & 2) << 7 | (fg & 4) << 14 | (fg & 8) << 21;
        memcpy(c->fig + k, &figs, sizeof figs);
        if (cls) {
            /* line_token's classes: a figure 'd', a word 'X' or 'x', else its first byte */
            const __m128i bit = _mm_set_epi32(8, 4, 2, 1);
            __m128i capv = _mm_cmpeq_epi32(_mm_and_si128(_mm_set1_epi32((int)cap), bit), bit);
            __m128i wcl = _mm_or_si128(_mm_and_si128(capv, _mm_set1_epi32('X')),
                                       _mm_andnot_si128(capv, _mm_set1_epi32('x')));
            __m128i cl = _mm_or_si128(_mm_and_si128(word, wcl), _mm_andnot_si128(word, ch));
            cl = _mm_or_si128(_mm_and_si128(figure, _mm_set1_epi32('d')), _mm_andnot_si128(figure, cl));
            cl = _mm_packus_epi16(_mm_packs_epi32(cl, cl), cl);
            int32_t four = _mm_cvtsi128_si32(cl);
            memcpy(cls + (k - a), &four, sizeof four);
        }
    }
    c->ncaps = ncaps;
    lc->nums += (k - a) - sum4(notnum);
    lc->words += sum4(words);
    lc->upper += sum4(upper);
    lc->long_words += sum4(lw);
    lc->long_caps += sum4(lcap);
    return k;
}
#endif

/* Random strings pasted into a text (base64, hashes, keys) have capitals
 * but are no names: a word whose letters change from lower to upper case,
 * or between letters and digits, four times or more inside it
 * ("XTSAGqm5DIkVH9g9") is taken for one.  Names change three times at
 * most ("McDonald", "GlaxoSmithKline", "H1N1", "SARS-CoV-2").  Without
 * this, a page of base64 made a name of nearly every word: 390,000
 * entities and twelve times the input's size in memory. */
static int scrambled(const char *text, const ann_token *t)
{
    if (t->end - t->start < 8)
        return 0;
    int changes = 0, prev = 0;
    for (size_t k = t->start; k < t->end; k++) {
        unsigned char ch = (unsigned char)text[k];
        int cl = ch >= 'a' && ch <= 'z' ? 1 : ch >= 'A' && ch <= 'Z' ? 2 : ch >= '0' && ch <= '9' ? 3 : 0;
        if (!cl)
            continue;
        changes += prev && cl != prev && !(prev == 2 && cl == 1);
        prev = cl;
    }
    return changes >= 4;
}

/* Take the scrambled words out of the capitalized ones. */
static void drop_scrambled(tg_ctx *c)
{
    size_t n = 0;
    for (size_t k = 0; k < c->ncaps; k++) {
        size_t i = c->caps[k];
        if (scrambled(c->text, &c->tok[i]))
            c->capw[i] = 0;
        else
            c->caps[n++] = i;
    }
    c->ncaps = n;
}

/* The TG_LN_ bits of every line of the window, each token's capitalized
 * word bit (capw) and figure bit (fig), and the pattern of each short line: the classes of its
 * tokens (a capitalized word, a lower-case one, a figure, a mark), runs
 * written once, hashed.  The rows of a table share one ("Burnley 2
 * Walsall 1"), and the second pass learns what the names in lines of a
 * pattern were.  fast: the SSE2 path where built (tg_ctx_lines). */
static void line_bits(tg_ctx *c, int fast)
{
    size_t a = 0;
    c->ncaps = 0;
    int first = c->first_window;
    (void)fast;
    while (a < c->n) {
        size_t b = a + 1;
        while (b < c->n && !(c->tok[b].flags & ANN_TF_LINE_START))
            b++;
        line_counts lc = {0, 0, 0, 0, 0};
        uint32_t pat = 0;
        /* the classes of a short line's tokens, for its pattern */
        uint8_t cls[PAT_MAX], *pc = b - a > PAT_MAX ? NULL : cls;
        size_t k = a;
#ifdef ANN_SSE2
        if (fast)
            k = line_four(c, a, b, &lc, pc);
#endif
        for (; k < b; k++) {
            uint32_t cl = line_token(c, k, &lc);
            if (pc)
                pc[k - a] = (uint8_t)cl;
        }
        if (pc) {
            uint32_t h = 2166136261u, last = 0;
            for (k = 0; k < b - a; k++) {
                uint32_t cl = cls[k];
                uint32_t nh = (h ^ cl) * 16777619u;
                h = cl != last ? nh : h;
                last = cl;
            }
            pat = b - a < 2 ? 0 : h | 1;
        }
        uint8_t v = 0;
        if (lc.words >= 2 && lc.upper * 10 >= lc.words * 8)
            v |= TG_LN_CAPS;
        if (lc.nums >= 2 && lc.nums * 4 >= b - a)
            v |= TG_LN_TABLE;
        if (first)
            v |= TG_LN_FIRST;
        if (b - a <= 6)
            v |= TG_LN_SHORT;
        if (lc.long_words >= 3 && lc.long_caps * 10 >= lc.long_words * 8 && !(v & TG_LN_CAPS))
            v |= TG_LN_TITLE;
        memset(c->line + a, v, b - a);
        if (pat)
            for (size_t k = a; k < b; k++)
                c->pat[k] = pat;
        else
            memset(c->pat + a, 0, (b - a) * sizeof *c->pat);
        first = 0;
        a = b;
    }
}

void tg_ctx_lines(tg_ctx *c, int fast)
{
    line_bits(c, fast);
}

/* A newswire headline's section word ("SOCCER - LEEDS BEAT CHELSEA",
 * "CRICKET - ..."): the word in capitals before a dash that opens the
 * document; 0 when there is none. */
static uint64_t topic_of(const tg_ctx *c)
{
    if (c->n < 3 || !(c->tok[0].flags & ANN_TF_UPPER) || c->tok[0].kind != ANN_TOK_WORD ||
        (c->tok[1].kind != ANN_TOK_DASH && !(c->tok[1].end - c->tok[1].start == 1 && c->text[c->tok[1].start] == '-')))
        return 0;
    return c->tok[0].lhash | 1;
}

/* The per-token arrays, which grow together. */
static void ctx_arrays_free(tg_ctx *c)
{
    free(c->lex);
    free(c->line);
    free(c->hint);
    free(c->first);
    free(c->shape);
    free(c->pat);
    free(c->capw);
    free(c->caps);
    free(c->fig);
}

void tg_ctx_init(tg_ctx *c, const char *text, const ann_token *toks, size_t n,
                 const ann_matches *m, int first_window)
{
    if (c->cap < n + 1) {
        size_t cap = n + 1;
        ctx_arrays_free(c);
        c->capw = ann_xmalloc(cap);
        c->caps = ann_xmalloc(cap * sizeof *c->caps);
        c->fig = ann_xmalloc(cap);
        c->pat = ann_xmalloc(cap * sizeof *c->pat);
        c->first = ann_xmalloc(cap);
        c->lex = ann_xmalloc(cap * sizeof *c->lex);
        c->line = ann_xmalloc(cap);
        c->hint = ann_xmalloc(cap);
        c->shape = ann_xmalloc(cap * sizeof *c->shape);
        c->cap = cap;
    }
    c->text = text;
    c->tok = toks;
    c->n = n;
    c->first_window = first_window;
    c->memo = NULL;
    c->dense = 0;
    c->ndfeat = 0;
    lex_bits(c, m);
    line_bits(c, 1);
    drop_scrambled(c);
    allowed_init(c);
    if (first_window)
        c->topic = topic_of(c);
    memset(c->hint, 0, n);
    memset(c->first, 0, n);    /* until tg_ctx_hints: the second pass's */
    memset(c->shape, 0, n * sizeof *c->shape);
}

void tg_ctx_keep_arrays(tg_ctx *to, const tg_ctx *c)
{
    *to = (tg_ctx){0};
    to->lex = c->lex, to->line = c->line, to->hint = c->hint, to->first = c->first;
    to->pat = c->pat, to->shape = c->shape, to->capw = c->capw, to->caps = c->caps;
    to->fig = c->fig;
    to->cap = c->cap;
}

void tg_ctx_free(tg_ctx *c)
{
    ctx_arrays_free(c);
    memset(c, 0, sizeof *c);
}

/* The memo's key of a line pattern (never a word's, whose hashes are 64 bits). */
static uint64_t pat_key(uint32_t pat)
{
    return (uint64_t)pat << 32 | 0x5A7ull;
}

/* The memo's key of the initials of a name ("ISW" of "Institute for the
 * Study of War"). */
static uint64_t acro_key(const char *s, size_t n)
{
    return ann_hash(s, n) * 0x9E3779B97F4A7C15ull ^ 0xAC20ull;
}

/* The memo's word on a token: 0 none; else 1 + the type most often given
 * (0 outside), plus 4 when the document has given it more than one. */
static uint8_t hint_of(const tg_memo_slot *s)
{
    int best = 0, kinds = 0;
    for (int k = 0; k <= TG_NTYPES; k++) {
        kinds += s->count[k] != 0;
        if (s->count[k] > s->count[best])
            best = k;
    }
    return (uint8_t)(1 + best + (kinds > 1 ? 8 : 0));
}

/* Whether the memo's slot holds more than one reading. */
static int mixed(const tg_memo_slot *s)
{
    int kinds = 0;
    for (int k = 0; k <= TG_NTYPES; k++)
        kinds += s->count[k] != 0;
    return kinds > 1;
}

/* Whether type is the reading of more than half the slot's words. */
static int majority(const tg_memo_slot *s, int type)
{
    unsigned tot = 0;
    for (int k = 0; k <= TG_NTYPES; k++)
        tot += s->count[k];
    return s->count[type] * 2u > tot;
}

void tg_ctx_hints(tg_ctx *c, const tg_memo *memo, const uint8_t *labels)
{
    c->memo = memo;
    memcpy(c->first, labels, c->n);
    memset(c->hint, 0, c->n);
    if (!memo->n)
        return;
    for (size_t k = 0; k < c->ncaps; k++) {
        size_t i = c->caps[k];
        const ann_token *t = &c->tok[i];
        const tg_memo_slot *s = memo_find(memo, t->lhash | 1);
        /* hint_of's 8 is mixed(s): the slot's counts are read once */
        uint8_t h = s->key ? hint_of(s) : 0;
        if (s->key)
            c->hint[i] = (uint8_t)((c->hint[i] & TG_REDO) | h);
        /* the second pass reads again only where the document reads a word,
         * a table's names or an acronym's name in more than one way: elsewhere
         * it would only say what the first said (it changes 1 label in 100) */
        int redo = (h & 8) && !majority(s, tg_type(labels[i]));
        if (!redo && c->pat[i] && (c->line[i] & (TG_LN_TABLE | TG_LN_SHORT))) {
            const tg_memo_slot *ps = memo_find(memo, pat_key(c->pat[i]));
            redo = ps->key && mixed(ps) && !majority(ps, tg_type(labels[i]));
        }
        if (!redo && (t->flags & ANN_TF_UPPER) && t->ncp >= 2 && t->ncp <= 6)
            redo = memo_find(memo, acro_key(c->text + t->start, t->end - t->start))->key != 0;
        if (redo)
            c->hint[i] |= TG_REDO;
    }
}

/* A name of several words of the first pass: its capitals' initials. */
static void memo_initials(tg_memo *m, const tg_ctx *c, size_t a, size_t b, int type)
{
    char ini[16];
    size_t k = 0;
    for (size_t i = a; i < b && k < sizeof ini; i++) {
        char ch = c->text[c->tok[i].start];
        if (ch >= 'A' && ch <= 'Z')
            ini[k++] = ch;
    }
    if (k >= 2 && k < sizeof ini)
        memo_count(m, acro_key(ini, k), type);
}

void tg_memo_add(tg_memo *m, const tg_ctx *c, const uint8_t *labels)
{
    /* names start at capitalized words */
    for (size_t k = 0; k < c->ncaps; k++) {
        size_t i = c->caps[k];
        int l = labels[i];
        if (l && !tg_inside(l)) {
            size_t j = tg_span_end(labels, i, c->n);
            if (j - i >= 2)
                memo_initials(m, c, i, j, tg_type(l));
            if (c->pat[i])
                memo_count(m, pat_key(c->pat[i]), tg_type(l));
        }
        uint64_t key = c->tok[i].lhash | 1;
        memo_count(m, key, tg_type(l));
        m->filter[key >> 58] |= (uint64_t)1 << (key >> 52 & 63);
    }
    /* "Silver was at 521 cents" beside "silver": the same word in lower
     * case says a capital is the sentence's.  Most lower-case words are in
     * no name: a bit per 1/4096 of the hashes spares most look-ups.  Which
     * pass it is as good as random: they are listed without a branch, a
     * block at a time, then looked up. */
    uint16_t cand[256];
    for (size_t b = 0; b < c->n && m->n; b += 256) {
        size_t end = c->n - b < 256 ? c->n : b + 256, nc = 0;
        for (size_t i = b; i < end; i++) {
            const ann_token *t = &c->tok[i];
            uint64_t k = t->lhash | 1;
            cand[nc] = (uint16_t)(i - b);
            nc += (size_t)(((t->flags & ANN_TF_LOWER) != 0) & (t->kind == ANN_TOK_WORD) &
                           (m->filter[k >> 58] >> (k >> 52 & 63)));
        }
        for (size_t j = 0; j < nc; j++) {
            tg_memo_slot *s = memo_find(m, c->tok[b + cand[j]].lhash | 1);
            if (s->key && s->count[TG_LOWER] < UINT16_MAX)
                s->count[TG_LOWER]++;
        }
    }
}

/* ---- features ---------------------------------------------------------------- */

_Static_assert(TG_LX_BITS == TG_LX_BITS_N, "a dense row for each lexicon bit");

#define feat tg_feat

#define V_NONE 0x5A17u         /* a neighbour past the window's edge */

/* The class of a code point in a shape. */
static uint32_t shape_class(uint32_t cp)
{
    if (ann_is_upper(cp))
        return 'X';
    if (ann_is_lower(cp) || ann_is_letter(cp))
        return 'x';
    if (ann_is_digit(cp))
        return 'd';
    return cp < 128 ? cp : 'o';
}

/* The short shape of a token: upper X, lower x, digit d, anything else
 * itself, runs of one class written once ("McDonald" -> XxXx, "4-38" ->
 * d-d, "U.S." -> X.X.), at most 12 runs, hashed. */
#define SHAPE_RUNS 12
#define SHAPE_H0 1469598103934665603ull
#define SHAPE_MUL 1099511628211ull

uint64_t tg_shape_plain(const char *text, const ann_token *t)
{
    uint64_t h = SHAPE_H0;
    uint32_t last = 0;
    size_t k = t->start, nclass = 0;
    while (k < t->end && nclass < SHAPE_RUNS) {
        unsigned char b = (unsigned char)text[k];
        uint32_t cl;
        if (b < 0x80) {        /* ASCII is never invisible */
            k++;
            cl = b >= 'A' && b <= 'Z' ? 'X' : b >= 'a' && b <= 'z' ? 'x' : b >= '0' && b <= '9' ? 'd' : b;
        } else {
            size_t inv = (t->flags & ANN_TF_INVISIBLE) ? ann_invisible_at(text + k, t->end - k) : 0;
            if (inv) {
                k += inv;      /* "Vladi\u00ADmir" has the shape of "Vladimir" */
                continue;
            }
            cl = shape_class(ann_utf8_next(text, t->end, &k));
        }
        if (cl == last)
            continue;
        last = cl;
        nclass++;
        h = (h ^ cl) * SHAPE_MUL;
    }
    return h | 1;
}

#ifdef ANN_SSE2
/* The bytes of v from 'lo' to 'hi' (ASCII, so a signed compare will do). */
static inline __m128i bytes_in(__m128i v, char lo, char hi)
{
    return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(lo - 1))),
                         _mm_cmplt_epi8(v, _mm_set1_epi8((char)(hi + 1))));
}

/* The shape of an ASCII token of 16 bytes or fewer, whose 16 bytes from
 * its start can be read: the class of every byte at once, the starts of
 * runs a bit mask; only the runs are hashed one at a time.  Else 0, and
 * the plain loop does it (a shape is never 0).  Each decoded token and
 * its neighbours want one: a byte at a time, that was 2% of the run. */
static uint64_t shape_sse2(const char *text, const ann_token *t)
{
    size_t len = t->end - t->start;
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(text + t->start));
    unsigned in = (1u << len) - 1;
    if ((unsigned)_mm_movemask_epi8(v) & in)
        return 0;              /* a byte past ASCII */
    __m128i up = bytes_in(v, 'A', 'Z'), lo = bytes_in(v, 'a', 'z'), dg = bytes_in(v, '0', '9');
    __m128i any = _mm_or_si128(up, _mm_or_si128(lo, dg));
    __m128i cl = _mm_or_si128(_mm_andnot_si128(any, v),
                              _mm_or_si128(_mm_and_si128(up, _mm_set1_epi8('X')),
                                           _mm_or_si128(_mm_and_si128(lo, _mm_set1_epi8('x')),
                                                        _mm_and_si128(dg, _mm_set1_epi8('d')))));
    /* a run starts where the class is not the one before (0 before the
     * first, as the plain loop's "last") */
    unsigned runs = ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(cl, _mm_slli_si128(cl, 1))) & in;
    unsigned char c[16];
    _mm_storeu_si128((__m128i *)(void *)c, cl);
    uint64_t h = SHAPE_H0;
    for (int n = 0; runs && n < SHAPE_RUNS; n++, runs &= runs - 1)
        h = (h ^ c[__builtin_ctz(runs)]) * SHAPE_MUL;
    return h | 1;
}
#endif

/* The shape of token i of the window, made once a window, when first read. */
static uint64_t shape_of(tg_ctx *c, size_t i)
{
    if (c->shape[i])
        return c->shape[i];
    const ann_token *t = &c->tok[i];
    uint64_t h = 0;
#ifdef ANN_SSE2
    if (t->end - t->start <= 16 && t->start + 16 <= c->tok[c->n - 1].end)
        h = shape_sse2(c->text, t);
#endif
    c->shape[i] = h ? h : tg_shape_plain(c->text, t);
    return c->shape[i];
}

#ifdef ANN_SSE2
uint64_t tg_shape_fast(const char *text, const ann_token *t)
{
    return shape_sse2(text, t);
}
#endif

/* A word's value for the word features: its lowercase form; a number
 * (or a word that starts with a digit) is only its shape. */
static inline uint64_t word_val(tg_ctx *c, size_t i)
{
    /* fig: line_bits has asked it of every token (a load of the text less) */
    if (c->fig[i])
        return shape_of(c, i) ^ 0xD16u;
    return c->tok[i].lhash;
}

/* The lowercase code point that starts at s[*b] (before e); *b past it. */
static uint32_t lower_next(const char *s, size_t *b, size_t e)
{
    unsigned char ch = (unsigned char)s[*b];
    if (ch < 0x80) {
        (*b)++;
        return ch >= 'A' && ch <= 'Z' ? ch | 0x20u : ch;
    }
    return ann_to_lower(ann_utf8_next(s, e, b));
}

static inline uint64_t ascii_lower(unsigned char ch)
{
    return (unsigned)(ch - 'A') < 26u ? ch | 0x20u : ch;
}

/* A word's affixes as numbers made of their lowercase code points:
 * suf[k - 2] of its last k (k = 2, 3, 4) and *pre of its first three,
 * each 0 unless the word has more code points than the affix.  Where the
 * last four bytes of a word are ASCII, they are its last four code
 * points, and so its first three where those are: most words' affixes
 * are read a byte at a time, without the walk over UTF-8 (which was 2% of
 * the run's instructions, callgrind). */
/* Four ASCII bytes (none from 0x80) with A-Z made a-z, as ascii_lower
 * each: a byte is a capital where adding 0x3F reaches 0x80 and adding
 * 0x25 does not (no carry leaves a byte below 0x80). */
static inline uint32_t lower4(uint32_t x)
{
    uint32_t ge_a = (x + 0x3F3F3F3Fu) & 0x80808080u, gt_z = (x + 0x25252525u) & 0x80808080u;
    return x | (ge_a & ~gt_z) >> 2;
}

static void affixes(const tg_ctx *c, const ann_token *t, uint64_t suf[3], uint64_t *pre)
{
    suf[0] = suf[1] = suf[2] = *pre = 0;
    if (t->kind != ANN_TOK_WORD || t->ncp <= 2)
        return;
    const char *s = c->text;
    const unsigned char *u = (const unsigned char *)s;
    uint64_t v = 0;
    size_t e = t->end;
    if (e - t->start >= 4 && !((u[e - 1] | u[e - 2] | u[e - 3] | u[e - 4]) & 0x80)) {
        /* the four bytes lowercased at once, the last in the top byte */
        uint32_t x = lower4((uint32_t)u[e - 4] | (uint32_t)u[e - 3] << 8 |
                            (uint32_t)u[e - 2] << 16 | (uint32_t)u[e - 1] << 24);
        v = (x >> 24) * 0x110000 + (x >> 16 & 0xFF);      /* k = 2: ncp > 2 here */
        suf[0] = v + 2;
        if (t->ncp > 3) {
            v = v * 0x110000 + (x >> 8 & 0xFF);
            suf[1] = v + 3;
        }
        if (t->ncp > 4)
            suf[2] = v * 0x110000 + (x & 0xFF) + 4;
    } else {
        for (size_t k = 1; k <= 4 && k < t->ncp; k++) {
            size_t b = e - 1;
            while (b > t->start && ((unsigned char)s[b] & 0xC0) == 0x80)
                b--;
            e = b;
            v = v * 0x110000 + lower_next(s, &b, t->end);
            if (k >= 2)
                suf[k - 2] = v + k;
        }
    }
    if (t->ncp <= 3)
        return;
    size_t b = t->start;
    if (!((u[b] | u[b + 1] | u[b + 2]) & 0x80)) {
        *pre = (ascii_lower(u[b]) * 0x110000 + ascii_lower(u[b + 1])) * 0x110000 + ascii_lower(u[b + 2]);
        return;
    }
    v = 0;
    for (int k = 0; k < 3; k++)
        v = v * 0x110000 + lower_next(s, &b, t->end);
    *pre = v;
}

int tg_candidate(const tg_ctx *c, size_t i, int prev)
{
    const ann_token *t = &c->tok[i];
    if (c->capw[i]) {
        /* "The talks", "He said": a word that is never a name, opening a
         * sentence before a lower-case word, opens nothing */
        return tg_open(prev) || !(t->flags & ANN_TF_SENT_START) ||
               (c->lex[i] & (TG_LX_NONNAME | TG_LX_WEAK_NONNAME | TG_LX_KNOWN_B)) != TG_LX_NONNAME ||
               !(i + 1 < c->n && (c->tok[i + 1].flags & ANN_TF_LOWER));
    }
    if (!tg_open(prev) || (t->flags & ANN_TF_SENT_START))
        return 0;
    if (!(t->kind == ANN_TOK_WORD || (t->end - t->start == 1 && c->text[t->start] == '&')))
        return 0;
    /* the word after a name goes on with it only before another capital
     * ("Bank of England", "AT & T", "People 's Daily", "Bank of the West",
     * "van der Sar"): elsewhere it is outside 99 times in 100 */
    if (i + 1 < c->n && c->capw[i + 1])
        return 1;
    const ann_token *u = &c->tok[i + 1 < c->n ? i + 1 : i];
    return i + 2 < c->n && c->capw[i + 2] && u->kind == ANN_TOK_WORD && u->ncp <= 3 &&
           !(u->flags & ANN_TF_SENT_START);
}

/* Position and case of a token: sentence, line and paragraph start,
 * title case or capitals, after a quotation mark or a bracket. */
static uint64_t pos_val(const tg_ctx *c, size_t i)
{
    const ann_token *t = &c->tok[i];
    uint64_t v = (t->flags & (ANN_TF_SENT_START | ANN_TF_LINE_START | ANN_TF_PARA_START |
                              ANN_TF_TITLE | ANN_TF_UPPER | ANN_TF_ABBREV | ANN_TF_HYPHEN));
    if (i > 0 && (c->tok[i - 1].flags & ANN_TF_QOPEN))
        v |= 1u << 20;
    return v;
}

/* A feature of a small domain: its dense index base + k in d where d is
 * given (run time), else its hash feat(tmpl, v) in f. */
#define SMALL(tmpl, v, base, k)                          \
    do {                                                 \
        if (d)                                           \
            d[nd++] = (uint16_t)((base) + (k));          \
        else                                             \
            f[n++] = feat(tmpl, v);                      \
    } while (0)

/* tg_features, with the features of small domains in d when it is not
 * NULL (tg_features_split); inlined into both, so that each has only its
 * own branch. */
__attribute__((always_inline))
static inline size_t features(tg_ctx *c, size_t i, int p, int prev, uint64_t *f, uint16_t *d,
                              size_t *ndp)
{
    size_t n = 0, nd = 0, N = c->n;
    const ann_token *t = &c->tok[i];
    uint64_t w0 = word_val(c, i), sh0 = shape_of(c, i);
    uint64_t wm1 = i > 0 ? word_val(c, i - 1) : V_NONE, wp1 = i + 1 < N ? word_val(c, i + 1) : V_NONE;
    uint64_t shm1 = i > 0 ? shape_of(c, i - 1) : V_NONE, shp1 = i + 1 < N ? shape_of(c, i + 1) : V_NONE;
    f[n++] = feat(F_W0, w0);
    f[n++] = feat(F_WM1, wm1);
    f[n++] = feat(F_WP1, wp1);
    f[n++] = feat(F_WM2, i > 1 ? word_val(c, i - 2) : V_NONE);
    f[n++] = feat(F_WP2, i + 2 < N ? word_val(c, i + 2) : V_NONE);
    f[n++] = feat(F_SH0, sh0);
    f[n++] = feat(F_SHM1, shm1);
    f[n++] = feat(F_SHP1, shp1);
    f[n++] = feat(F_SH01, sh0 * 31 + shp1 * 7 + shm1);
    uint64_t suf[3], pre;
    affixes(c, t, suf, &pre);
    for (int k = 0; k < 3; k++)
        if (suf[k])
            f[n++] = feat(F_SUF2 + k, suf[k]);
    if (pre)
        f[n++] = feat(F_PRE3, pre);
    f[n++] = feat(F_PREV_SH, sh0 * 16 + (uint64_t)prev);
    f[n++] = feat(F_PREV_W, w0 * 16 + (uint64_t)prev);
    f[n++] = feat(F_WM1_W0, wm1 * 0x100000001B3ull ^ w0);
    f[n++] = feat(F_W0_WP1, w0 * 0x100000001B3ull ^ wp1);
    uint64_t pv = pos_val(c, i);
    SMALL(F_POS, pv, TG_D_POS, tg_pos_index(pv));
    uint32_t tu = t->flags & (ANN_TF_TITLE | ANN_TF_UPPER);
    SMALL(F_LINE, (uint64_t)c->line[i] << 8 | tu, TG_D_LINE, (unsigned)c->line[i] * 4 + tu);
    SMALL(F_LEN, t->ncp < 8 ? t->ncp : 8, TG_D_LEN, t->ncp < 8 ? t->ncp : 8);
    if (c->pat[i])
        f[n++] = feat(F_LINEPAT, (uint64_t)c->pat[i] << 1 | ((t->flags & ANN_TF_LINE_START) != 0));
    if (c->capw[i]) {
        /* the run of capitalized words the token is in: where in it, and
         * the words around it ("... beat Somerset", "Prime Minister John Major said") */
        size_t a = i, b = i + 1;
        while (a > 0 && i - a < 8 && c->capw[a - 1])
            a--;
        while (b < N && b - i < 8 && c->capw[b])
            b++;
        size_t before = i - a < 3 ? i - a : 3, after = b - i - 1 < 3 ? b - i - 1 : 3;
        SMALL(F_RUN_POS, before * 4 + after, TG_D_RUN_POS, before * 4 + after);
        f[n++] = feat(F_RUN_BEFORE, a > 0 ? word_val(c, a - 1) : V_NONE);
        f[n++] = feat(F_RUN_AFTER, b < N ? word_val(c, b) : V_NONE);
        if (b - a > 1) {
            f[n++] = feat(F_RUN_LAST, word_val(c, b - 1));
            f[n++] = feat(F_RUN_FIRST, word_val(c, a));
        }
    }

    /* the lexicon bits of the token and its neighbours, each a feature */
    uint32_t lx = c->lex[i];
    for (uint32_t x = lx; x && n + nd < TG_MAX_FEATS - 24; x &= x - 1)
        SMALL(F_LEX, (uint64_t)__builtin_ctz(x), TG_D_LEX, (unsigned)__builtin_ctz(x));
    if (lx)
        f[n++] = feat(F_LEX_SH, (uint64_t)lx * 0x100000001B3ull ^ sh0);
    /* a sports page types a city as its club, a market report a country
     * as itself: the document's section word, alone, with the token's
     * known names and with its line */
    if (c->topic) {
        f[n++] = feat(F_TOPIC, c->topic);
        f[n++] = feat(F_TOPIC_LEX, c->topic * 31 + (c->lex[i] & (TG_LX_KNOWN_B | TG_LX_KNOWN_B << 5)));
        f[n++] = feat(F_TOPIC_LINE, c->topic * 31 + c->line[i]);
    }
    for (uint32_t x = i > 0 ? c->lex[i - 1] : 0; x && n + nd < TG_MAX_FEATS - 24; x &= x - 1)
        SMALL(F_LEXM1, (uint64_t)__builtin_ctz(x), TG_D_LEXM1, (unsigned)__builtin_ctz(x));
    for (uint32_t x = i + 1 < N ? c->lex[i + 1] : 0; x && n + nd < TG_MAX_FEATS - 24; x &= x - 1)
        SMALL(F_LEXP1, (uint64_t)__builtin_ctz(x), TG_D_LEXP1, (unsigned)__builtin_ctz(x));
    if (p > 0) {
        uint64_t h = c->hint[i] & ~TG_REDO;
        f[n++] = feat(F_HINT, h);
        f[n++] = feat(F_HINT_PREV, h * 16 + (uint64_t)prev);
        f[n++] = feat(F_HINTM1, i > 0 ? c->hint[i - 1] & ~TG_REDO : V_NONE);
        f[n++] = feat(F_HINTP1, i + 1 < N ? c->hint[i + 1] & ~TG_REDO : V_NONE);
        /* stacking: what the first pass made of the token and its neighbours */
        f[n++] = feat(F_FIRST, (uint64_t)c->first[i] << 16 | (uint64_t)(i > 0 ? c->first[i - 1] : 31) << 8 |
                                   (i + 1 < N ? c->first[i + 1] : 31));
        f[n++] = feat(F_FIRST0, c->first[i]);
        if (c->capw[i]) {
            const tg_memo_slot *ms = c->memo && c->memo->n ? memo_find(c->memo, t->lhash | 1) : NULL;
            if (ms && ms->key) {
                unsigned tot = 0;
                for (int k = 0; k <= TG_NTYPES; k++)
                    tot += ms->count[k];
                for (int k = 0; k <= TG_NTYPES; k++) {
                    if (!ms->count[k])
                        continue;
                    unsigned share = ms->count[k] == tot ? 3 : ms->count[k] * 2 > tot ? 2 : 1;
                    f[n++] = feat(F_HINT_TYPE, (uint64_t)k * 4 + share);
                }
                if (ms->count[TG_LOWER])
                    f[n++] = feat(F_HINT_LOWER, (uint64_t)(t->flags & (ANN_TF_SENT_START | ANN_TF_LINE_START)));
            }
            /* an acronym: what the name of its initials was */
            if ((t->flags & ANN_TF_UPPER) && t->ncp >= 2 && t->ncp <= 6 && ms) {
                const tg_memo_slot *as = memo_find(c->memo, acro_key(c->text + t->start, t->end - t->start));
                f[n++] = feat(F_ACRO, as->key ? hint_of(as) : 0);
            }
            /* what the names in lines of this pattern were */
            const tg_memo_slot *ps = c->pat[i] && c->memo && c->memo->n ? memo_find(c->memo, pat_key(c->pat[i])) : NULL;
            if (ps && ps->key)
                f[n++] = feat(F_PAT_TYPE, (uint64_t)hint_of(ps) << 1 | ((t->flags & ANN_TF_LINE_START) != 0));
        }
    }
    *ndp = nd;
    return n;
}
#undef SMALL

size_t tg_features(tg_ctx *c, size_t i, int p, int prev, uint64_t *f)
{
    size_t nd;
    return features(c, i, p, prev, f, NULL, &nd);
}

size_t tg_features_split(tg_ctx *c, size_t i, int p, int prev, uint64_t *f, uint16_t *d,
                         size_t *nd)
{
    return features(c, i, p, prev, f, d, nd);
}


/* ---- decoding --------------------------------------------------------------------- */

int tg_best(const int32_t *score, unsigned allowed)
{
    int best = -1;
    for (unsigned a = allowed & ((1u << TG_NLABELS) - 1); a; a &= a - 1) {
        int l = __builtin_ctz(a);
        if (best < 0 || score[l] > score[best])
            best = l;
    }
    return best;
}

/* The labels a token may take after prev (bit l: label l), by whether it
 * is a capitalized word: a name starts at a capitalized word, and MISC
 * (learned from capitals alone) goes on over no other. */
static void allowed_init(tg_ctx *c)
{
    for (int cap = 0; cap < 2; cap++)
        for (int prev = 0; prev < TG_NLABELS; prev++) {
            unsigned a = 0;
            for (int l = 0; l < TG_NLABELS; l++)
                if (tg_allowed(prev, l) && (cap || l == TG_O || (tg_inside(l) && tg_type(l) != TG_MISC)))
                    a |= 1u << l;
            c->allowed[cap][prev] = (uint16_t)a;
        }
}

static int decode_one(tg_ctx *c, int p, size_t i, int prev, int prev2, tg_choose_fn choose,
                      void *user)
{
    uint64_t f[TG_MAX_FEATS];
    if (!tg_candidate(c, i, prev))
        return TG_O;
    size_t nf = c->dense ? tg_features_split(c, i, p, prev, f, c->dfeat, &c->ndfeat)
                         : tg_features(c, i, p, prev, f);
    return choose(user, i, prev, prev2, c->allowed[c->capw[i]][prev], f, nf);
}

/* The second pass: the first's labels but where a token is marked
 * TG_REDO; after one, the tokens whose first label no longer follows are
 * read again, until one whose label does. */
static void decode_again(tg_ctx *c, tg_choose_fn choose, void *user, uint8_t *labels)
{
    memcpy(labels, c->first, c->n);
    size_t done = 0;
    for (size_t k = 0; k < c->ncaps; k++) {
        size_t i = c->caps[k];
        if (i < done || !(c->hint[i] & TG_REDO))
            continue;
        for (; i < c->n; i++) {
            int prev = i > 0 ? labels[i - 1] : TG_O, prev2 = i > 1 ? labels[i - 2] : TG_O;
            if (!(c->hint[i] & TG_REDO) && tg_allowed(prev, c->first[i]))
                break;
            labels[i] = (uint8_t)decode_one(c, 1, i, prev, prev2, choose, user);
        }
        done = i;
    }
}

/* The first pass: a token is read at a capitalized word and after a name
 * that may go on, outside elsewhere.  So the walk goes from capitalized
 * word to capitalized word (one token in seven), on over the tokens a
 * name reaches, and steps over the rest, which stay outside. */
static void decode_first(tg_ctx *c, tg_choose_fn choose, void *user, uint8_t *labels)
{
    memset(labels, TG_O, c->n);
    size_t done = 0;
    for (size_t k = 0; k < c->ncaps; k++) {
        size_t i = c->caps[k];
        if (i < done)
            continue;
        int prev = i > 0 ? labels[i - 1] : TG_O, prev2 = i > 1 ? labels[i - 2] : TG_O;
        for (; i < c->n && (c->capw[i] || tg_open(prev)); i++) {
            int l = decode_one(c, 0, i, prev, prev2, choose, user);
            labels[i] = (uint8_t)l;
            prev2 = prev;
            prev = l;
        }
        done = i;
    }
}

void tg_decode(tg_ctx *c, int p, tg_choose_fn choose, void *user, uint8_t *labels)
{
    if (p > 0)
        decode_again(c, choose, user, labels);
    else
        decode_first(c, choose, user, labels);
}

typedef struct run_user {
    const ann_tagger *t;
    const tg_ctx *c;           /* its dense features: the token's (decode_one) */
    int p;
} run_user;

static int run_choose(void *user, size_t i, int prev, int prev2, unsigned allowed,
                      const uint64_t *f, size_t nf)
{
    const run_user *u = user;
    int32_t score[TG_NLABELS];
    (void)i;
    ann_tagger_score_split(u->t, u->p, prev, prev2, f, nf, u->c->dfeat, u->c->ndfeat, score);
    return tg_best(score, allowed);
}

/* The features of small domains go to the dense rows (TG_NDENSE): a
 * quarter of a token's features, each a hash and a probe of the table
 * less.  Whole run, 60 bench documents: 1.4% fewer instructions
 * (callgrind); CPU time (paired runs, 1,200 documents, 31 pairs) 0.996 of
 * before, within the noise of a shared machine. */
void ann_tagger_tag(const ann_tagger *t, tg_ctx *c, tg_memo *memo, uint8_t *labels)
{
    run_user u = {t, c, 0};
    c->dense = 1;
    tg_decode(c, 0, run_choose, &u, labels);
    if (ann_tagger_passes(t) >= 2) {
        tg_memo_add(memo, c, labels);
        tg_ctx_hints(c, memo, labels);
        u.p = 1;
        tg_decode(c, 1, run_choose, &u, labels);
    }
    c->dense = 0;
}
