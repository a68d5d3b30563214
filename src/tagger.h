/*
 * tagger.h - the learned name tagger: a greedy averaged perceptron over
 * BIO labels (person, organization, location; everything else outside),
 * its features, its decoder (tagger.c) and its model (tagger_model.c).
 *
 * Only the neighbourhoods of capitalized words are decoded: a lower-case
 * word is read only between two parts of a name ("Bank of England").  A
 * token's features are its words and shapes and those of its neighbours,
 * the rule engine's matches around it (lexicon kinds and types, given
 * names, titles, speech verbs, organization heads), its line (headline,
 * capitals, table) and, in the second pass, what the first pass made of
 * the same word elsewhere in the document.  Features are 64-bit hashes;
 * the model maps a hash to one int16 weight per label but outside, whose
 * score is 0 (a perceptron's choice is the same when every label's weight
 * of a feature has the outside one's taken off).
 *
 * The model file (src/rules/tagger/weights.tsv, or a user's via --rules,
 * read by ann_tagger_load from the engine's loader, engine.c) is text: a
 * header line, "features N" (the version of the features it was trained
 * with), the "labels" line, then per pass "pass N" and one line per
 * feature, "HASH<TAB>w1 w2 ... w8" (HASH: 16 hex digits; w: the weights of
 * the labels in the order of the "labels" line).  src/tools/train_tagger.c
 * writes it; the built-in one is compiled into a ready table at build time
 * (src/tools/tagger_table.c), so only a user's model is read at run time.
 */
#ifndef ANN_TAGGER_H
#define ANN_TAGGER_H

#include <stddef.h>
#include <stdint.h>

#include "ann.h"
#include "rules.h"
#include "tokenizer.h"

/* The first line of every model file. */
#define ANN_TAGGER_MAGIC "# annotate name tagger"

/* Labels: outside, then for each type its positions: B I (the first word
 * of a name, a later one) or, with TG_NPOS 4, B I L U (first, inside,
 * last, only).  BILOU measured no better than BIO here, for twice the
 * weights. */
#define TG_NPOS 2
#define TG_O 0
#define TG_NTYPES 4
#define TG_NLABELS (1 + TG_NTYPES * TG_NPOS)
/* Weights a feature has: outside's is 0. */
#define TG_NW (TG_NLABELS - 1)
/* The version of the features (tg_features): a model made with others is
 * refused.  Raise it with any change to what a feature hash means. */
#define TG_FEATURES 2

/* The coarse types of names (0: outside).  MISC (nationalities, events,
 * works, products) is learned so that it is told from the others, and is
 * never written out: the spec does not tag such words. */
enum { TG_PER = 1, TG_ORG = 2, TG_LOC = 3, TG_MISC = 4 };

static inline int tg_type(int label)
{
    return label ? (label - 1) / TG_NPOS + 1 : 0;
}

/* 0 B, 1 I, 2 L, 3 U */
static inline int tg_pos(int label)
{
    return (label - 1) % TG_NPOS;
}

static inline int tg_label(int type, int pos)
{
    if (TG_NPOS == 2)
        pos = pos == 3 ? 0 : pos == 2 ? 1 : pos;
    return (type - 1) * TG_NPOS + 1 + pos;
}

/* Whether the label goes on with the name before it (I, L). */
static inline int tg_inside(int label)
{
    return label && (tg_pos(label) == 1 || tg_pos(label) == 2);
}

/* Whether a name can go on after it (BIO: any; BILOU: B, I, which must). */
static inline int tg_open(int label)
{
    return label && (TG_NPOS == 2 || tg_pos(label) <= 1);
}

static inline int tg_allowed(int prev, int label)
{
    if (tg_inside(label))
        return tg_open(prev) && tg_type(prev) == tg_type(label);
    return TG_NPOS == 2 || !tg_open(prev);
}

/* The end of the name that starts at i (labels[i] is B or U). */
static inline size_t tg_span_end(const uint8_t *labels, size_t i, size_t n)
{
    size_t j = i + 1;
    if (tg_pos(labels[i]) == 3)
        return j;
    while (j < n && tg_inside(labels[j]) && tg_type(labels[j]) == tg_type(labels[i]))
        if (tg_pos(labels[j++]) == 2)
            break;
    return j;
}

#define TG_PASSES 2
/* Features of a token: some thirty; the lexicon bits of a token and its
 * neighbours, which could be many more, stop at TG_MAX_FEATS - 24, room
 * for the rest. */
#define TG_MAX_FEATS 96

/* A feature's hash from its template and value: one multiplication, the
 * high half folded into the low one, which picks the model's slot. */
static inline uint64_t tg_feat(int tmpl, uint64_t v)
{
    uint64_t x = (v ^ (uint64_t)tmpl * 0x9E3779B97F4A7C15ull) * 0xD6E8FEB86659FD93ull;
    return x ^ x >> 32;
}

/* The label features: a bias, the label before, the two before.  They
 * read nothing else, so a model sums their weights for each pair of
 * labels once (tg_model.trans) and tg_features leaves them out. */
#define TG_NLABELFEATS 3
static inline void tg_label_features(int prev, int prev2, uint64_t *f)
{
    f[0] = tg_feat(1, 0);
    f[1] = tg_feat(2, (uint64_t)prev);
    f[2] = tg_feat(3, (uint64_t)prev * 16 + (uint64_t)prev2);
}

/* Templates of the features of tg_features; 1 to TG_NLABELFEATS are the
 * label features. */
enum {
    F_W0 = TG_NLABELFEATS + 1, F_WM1, F_WP1, F_WM2, F_WP2, F_SH0, F_SHM1, F_SHP1, F_SH01,
    F_SUF2, F_SUF3, F_SUF4, F_PRE3, F_PREV_SH, F_PREV_W, F_WM1_W0, F_W0_WP1, F_POS, F_LINE,
    F_LEN, F_LINEPAT, F_LEX_SH, F_LEX, F_LEXM1, F_LEXP1, F_RUN_POS,
    F_RUN_BEFORE, F_RUN_AFTER, F_RUN_LAST, F_RUN_FIRST, F_HINT, F_HINT_PREV, F_HINTM1,
    F_HINTP1, F_HINT_TYPE, F_HINT_LOWER, F_FIRST, F_FIRST0, F_PAT_TYPE, F_ACRO, F_TOPIC, F_TOPIC_LEX, F_TOPIC_LINE
};

/* The features of small domains (a token's position and case, its line's
 * bits, its length, its place in a run of capitals, one lexicon bit of it
 * or a neighbour) are a quarter of a token's, and a few hundred in all:
 * at run time each is an index into a dense array of their rows, made
 * from the table with it (tg_dense_feature gives the feature of each
 * index; tg_model.dense), in place of a hash and a probe of the table.
 * The trainer and the table see the same features as hashes. */
#define TG_LX_BITS_N 24            /* TG_LX_BITS, below: the lexicon bits */
enum {
    TG_D_POS = 0,                  /* pos_val, its 8 bits packed (tg_pos_index) */
    TG_D_LINE = TG_D_POS + 256,    /* line bits * 4 + title and upper case */
    TG_D_LEN = TG_D_LINE + 128,    /* 0 to 8 */
    TG_D_RUN_POS = TG_D_LEN + 9,   /* 0 to 15 */
    TG_D_LEX = TG_D_RUN_POS + 16,  /* a lexicon bit of the token, of the one before, after */
    TG_D_LEXM1 = TG_D_LEX + TG_LX_BITS_N,
    TG_D_LEXP1 = TG_D_LEXM1 + TG_LX_BITS_N,
    TG_NDENSE = TG_D_LEXP1 + TG_LX_BITS_N
};

/* The value of F_POS from its dense index, and back: the flags of
 * pos_val (bits 0, 1, 4 to 6, 10, 12, and 20) packed into 8 bits. */
static inline unsigned tg_pos_index(uint64_t v)
{
    return (unsigned)((v & 3) | (v >> 4 & 7) << 2 | (v >> 10 & 1) << 5 | (v >> 12 & 1) << 6 |
                      (v >> 20 & 1) << 7);
}

static inline uint64_t tg_pos_value(unsigned k)
{
    return (uint64_t)((k & 3) | (k >> 2 & 7) << 4 | (k >> 5 & 1) << 10 | (k >> 6 & 1) << 12 |
                      (k >> 7 & 1) << 20);
}

/* The feature (as tg_features hashes it) of dense index k < TG_NDENSE. */
static inline uint64_t tg_dense_feature(unsigned k)
{
    if (k < TG_D_LINE)
        return tg_feat(F_POS, tg_pos_value(k - TG_D_POS));
    if (k < TG_D_LEN)
        return tg_feat(F_LINE, (uint64_t)((k - TG_D_LINE) >> 2) << 8 | ((k - TG_D_LINE) & 3));
    if (k < TG_D_RUN_POS)
        return tg_feat(F_LEN, k - TG_D_LEN);
    if (k < TG_D_LEX)
        return tg_feat(F_RUN_POS, k - TG_D_RUN_POS);
    if (k < TG_D_LEXM1)
        return tg_feat(F_LEX, k - TG_D_LEX);
    if (k < TG_D_LEXP1)
        return tg_feat(F_LEXM1, k - TG_D_LEXM1);
    return tg_feat(F_LEXP1, k - TG_D_LEXP1);
}

/* One pass's weights: an open-addressing table from a feature's hash to
 * its row of weights.  The slot is the hash's low bits, probed on; check
 * holds the high half | 1 (0: an empty slot). */
typedef struct tg_table {
    const uint32_t *check;
    const int16_t (*w)[TG_NW];     /* per slot: the weights of labels 1.. */
    size_t mask;                   /* slots - 1 */
    size_t n;                      /* features held */
} tg_table;

typedef struct tg_model {
    tg_table pass[TG_PASSES];
    int npasses;
    /* per pass, label before and label before it: the label features' weights */
    int32_t trans[TG_PASSES][TG_NLABELS][TG_NLABELS][TG_NW];
    /* per pass, the rows of the features of small domains by dense index
     * (tg_dense_rows; 16-byte aligned) */
    const int16_t (*dense[TG_PASSES])[TG_NW];
} tg_model;

/* The rows of table tb for the features of small domains, rows[k] that of
 * dense index k (zeros where the table has not got it). */
void tg_dense_rows(const tg_table *tb, int16_t (*rows)[TG_NW]);

/* The built-in model, made at build time from src/rules/tagger/weights.tsv
 * by src/tools/tagger_table.c (build/tagger_data.c). */
extern const tg_model tg_builtin_model;

typedef struct ann_tagger ann_tagger;

/* "labels\tB-PER I-PER ...": the labels line of a model file. */
void tg_labels_line(char *out, size_t cap);

ann_tagger *ann_tagger_new(void);
void ann_tagger_free(ann_tagger *t);
/* Use the built-in model (in place: nothing is read or copied). */
void ann_tagger_use_builtin(ann_tagger *t);
/* Use the tables of m, which outlive t. */
void tg_use_model(ann_tagger *t, const tg_model *m);
/* Whether data looks like a model file (its first line is the magic). */
int ann_tagger_is_model(const char *data, size_t len);
/* Read a model file, replacing what t held.  -1 with "NAME:LINE: reason"
 * in err when it is malformed. */
int ann_tagger_load(ann_tagger *t, const char *name, const char *data, size_t len,
                    char *err, size_t errlen);
/* The tables of t (for the build tool that writes them as C). */
const tg_model *ann_tagger_model(const ann_tagger *t);
/* Features in the model, over its passes (0: nothing loaded). */
size_t ann_tagger_size(const ann_tagger *t);
int ann_tagger_passes(const ann_tagger *t);
/* The sums of the weights of the n features f of pass p after the labels
 * prev and prev2 (with the label features'), in score[TG_NLABELS]
 * (score[0], outside, is 0); with SSE2 a row a load, and a feature the
 * model has not got adds an empty slot's row of zeros in place of a branch. */
void ann_tagger_score(const ann_tagger *t, int p, int prev, int prev2, const uint64_t *f, size_t n,
                      int32_t *score);
/* ann_tagger_score of the features f[0..n) and the dense ones d[0..nd). */
void ann_tagger_score_split(const ann_tagger *t, int p, int prev, int prev2, const uint64_t *f,
                            size_t n, const uint16_t *d, size_t nd, int32_t *score);
/* The plain sums of the weights of the n features f alone. */
void tg_score_plain(const ann_tagger *t, int p, const uint64_t *f, size_t n, int32_t *score);

/* What the document has said so far: for each word (lowercase hash), how
 * often the first pass gave it each coarse type (0: outside).  Kept by the
 * caller across the windows of one document. */
#define TG_LOWER (TG_NTYPES + 1)
typedef struct tg_memo_slot {
    uint64_t key;              /* 0: empty */
    uint16_t count[TG_NTYPES + 2];     /* by type; [TG_LOWER]: written in lower case */
} tg_memo_slot;

typedef struct tg_memo tg_memo;
struct tg_memo {
    tg_memo_slot *slot;
    size_t cap, n;
    uint32_t *used;            /* the n slots taken, which tg_memo_clear
                                * empties: the table (cap/2 of them, up to
                                * ~100 KB) was wiped whole for every document */
    uint64_t filter[64];       /* a bit per 1/4096 of the keys */
};

void tg_memo_clear(tg_memo *m);
void tg_memo_free(tg_memo *m);
/* How often the document writes in lower case a word it also capitalizes
 * (lhash: the word's ann_token.lhash); 0 for a word never capitalized. */
unsigned tg_memo_lower(const tg_memo *m, uint64_t lhash);

/* Everything the features read about one window, made by tg_ctx_init. */
typedef struct tg_ctx {
    const char *text;
    const ann_token *tok;
    size_t n;
    uint32_t *lex;             /* TG_LX_... bits per token, from the rule matches */
    uint8_t *line;             /* TG_LN_... bits per token, from its line */
    uint8_t *hint;             /* per token: the memo's word for it (second pass),
                                * and TG_REDO where the second pass reads again */
    uint8_t *first;            /* per token: the first pass's label (second pass) */
    uint32_t *pat;             /* per token: the pattern of its line (0: a line of prose) */
    uint64_t *shape;           /* per token: hash of its shape, 0 = not yet made */
    uint8_t *capw;             /* per token: a capitalized word ("Paris", "AT&T", "eBay") */
    size_t *caps, ncaps;       /* the capitalized words, in order */
    uint8_t *fig;              /* per token: a figure (a number, a word that starts
                                * with a digit), whose word value is its shape */
    uint16_t allowed[2][TG_NLABELS];   /* the labels allowed after a label, by capw */
    size_t cap;
    int first_window;          /* the window starts the document */
    uint64_t topic;            /* the document's section word (topic_of), from its first window */
    const struct tg_memo *memo;    /* the second pass's, set by tg_ctx_hints */
    /* run time only (ann_tagger_tag): the features of small domains as
     * dense indexes (see TG_NDENSE), those of the token decoded last */
    int dense;
    uint16_t dfeat[TG_MAX_FEATS];
    size_t ndfeat;
} tg_ctx;

#define TG_REDO 0x80u

/* Bits of tg_ctx.lex: known names by type and position, and one-token
 * cues.  B: a name starts here, I: goes on here, E: ends here. */
enum {
    TG_LX_PER_B = 1u << 0, TG_LX_ORG_B = 1u << 1, TG_LX_CTRY_B = 1u << 2,
    TG_LX_PLACE_B = 1u << 3, TG_LX_SRC_B = 1u << 4,
    TG_LX_PER_I = 1u << 5, TG_LX_ORG_I = 1u << 6, TG_LX_CTRY_I = 1u << 7,
    TG_LX_PLACE_I = 1u << 8, TG_LX_SRC_I = 1u << 9,
    TG_LX_KNOWN_E = 1u << 10, TG_LX_AMBIG = 1u << 11,
    TG_LX_GIVEN = 1u << 12, TG_LX_WEAK_GIVEN = 1u << 13, TG_LX_DEMONYM = 1u << 14,
    TG_LX_NONNAME = 1u << 15, TG_LX_WEAK_NONNAME = 1u << 16, TG_LX_CUE = 1u << 17,
    TG_LX_CUE_INV = 1u << 18, TG_LX_ORGHEAD = 1u << 19, TG_LX_CONNECTOR = 1u << 20,
    TG_LX_DOCWORD = 1u << 21, TG_LX_TITLE_B = 1u << 22, TG_LX_TITLE_E = 1u << 23,
    TG_LX_BITS = 24,
    TG_LX_KNOWN_B = TG_LX_PER_B | TG_LX_ORG_B | TG_LX_CTRY_B | TG_LX_PLACE_B | TG_LX_SRC_B
};

/* Bits of tg_ctx.line. */
enum {
    TG_LN_CAPS = 1 << 0,       /* a line in capitals (a headline) */
    TG_LN_TABLE = 1 << 1,      /* a line of figures: results, standings, prices */
    TG_LN_FIRST = 1 << 2,      /* the first line of the document */
    TG_LN_SHORT = 1 << 3,      /* a line of six tokens or fewer */
    TG_LN_TITLE = 1 << 4       /* a line in title case ("Talks Stall Again in Istanbul") */
};

/* Fill c for the window toks[0..n) and its rule matches m. */
void tg_ctx_init(tg_ctx *c, const char *text, const ann_token *toks, size_t n,
                 const ann_matches *m, int first_window);
/* Before the second pass: c->hint from the memo, c->first from the first
 * pass's labels. */
void tg_ctx_hints(tg_ctx *c, const tg_memo *memo, const uint8_t *labels);
void tg_ctx_free(tg_ctx *c);
/* A zeroed context holding c's per-token arrays (for a next document). */
void tg_ctx_keep_arrays(tg_ctx *to, const tg_ctx *c);
/* Make c's line arrays (capw, caps, fig, line, pat) again, with the SSE2 path
 * where built and fast, else one token at a time: for the tests. */
void tg_ctx_lines(tg_ctx *c, int fast);

/* The shape of token t of text, one code point at a time (the features'
 * shape of a word: its classes of characters, tagger.c); with SSE2,
 * tg_shape_fast takes an ASCII token of 16 bytes or fewer at once, 16
 * bytes from its start readable, and gives 0 for any other. */
uint64_t tg_shape_plain(const char *text, const ann_token *t);
#ifdef ANN_SSE2
uint64_t tg_shape_fast(const char *text, const ann_token *t);
#endif

/* Whether token i is decoded, given the label before it. */
int tg_candidate(const tg_ctx *c, size_t i, int prev);
/* The features of token i in pass p (0 or 1) after label prev (but the
 * label features, tg_label_features):
 * written to f[TG_MAX_FEATS], their number returned. */
size_t tg_features(tg_ctx *c, size_t i, int p, int prev, uint64_t *f);
/* The same features, but those of small domains as dense indexes in
 * d[0..*nd); the others' hashes in f, their number returned. */
size_t tg_features_split(tg_ctx *c, size_t i, int p, int prev, uint64_t *f, uint16_t *d,
                         size_t *nd);

/* Greedy decoding: labels[0..n) of the window, for pass p.  choose() is
 * given each decoded token's labels before, features and the labels it may
 * take (bit l: label l) and returns one (the model's best at run time; the
 * trainer learns in it).  A label may not follow the one before against
 * the scheme (I- after another type), and a name starts at a capitalized
 * word.  The second pass decodes only the tokens marked TG_REDO and those
 * after them that a changed label leaves, the others keep the first's. */
typedef int (*tg_choose_fn)(void *user, size_t i, int prev, int prev2, unsigned allowed,
                            const uint64_t *f, size_t nf);
void tg_decode(tg_ctx *c, int p, tg_choose_fn choose, void *user, uint8_t *labels);
/* The best of the allowed labels for the scores. */
int tg_best(const int32_t *score, unsigned allowed);
/* Count the first pass's labels of the window into the memo. */
void tg_memo_add(tg_memo *m, const tg_ctx *c, const uint8_t *labels);

/* Both passes with the model t (a window: labels[0..n)). */
void ann_tagger_tag(const ann_tagger *t, tg_ctx *c, tg_memo *memo, uint8_t *labels);

#endif
