/* test_tagger.c - the name tagger: its model file (read, rejected with
 * NAME:LINE, replaced at run time), its features and scores, its decoding
 * (where names may start, which labels may follow which), and the built-in
 * model's reading of the cases it was made for. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "builtin_engine.h"
#include "entity_checks.h"
#include "reader.h"
#include "tagger.h"
#include "test.h"

static ann_engine *eng;

/* A model file: the header, the features and labels lines and body. */
static char *model_text(const char *body)
{
    char labels[128];
    tg_labels_line(labels, sizeof labels);
    return ann_xasprintf("%s: test\nfeatures\t%d\n%s\n%s", ANN_TAGGER_MAGIC, TG_FEATURES, labels, body);
}

static int load(ann_tagger *t, const char *body, char *err, size_t errlen)
{
    char *m = model_text(body);
    int rc = ann_tagger_load(t, "m.tsv", m, strlen(m), err, errlen);
    free(m);
    return rc;
}

static void test_model_file(void)
{
    ann_tagger *t = ann_tagger_new();
    char err[256];
    CHECK(ann_tagger_is_model(ANN_TAGGER_MAGIC "\n", strlen(ANN_TAGGER_MAGIC) + 1));
    CHECK(!ann_tagger_is_model("Putin\tactor\tperson\t-\n", 21));
    CHECK_INT(load(t, "pass 1\n00000000000000ff\t-2 3 4 5 6 7 8 9\n"
                      "pass 2\n00000000000000ff\t0 0 0 0 0 0 0 -32768\n"
                      "0000000000000100\t32767 0 0 0 0 0 0 0\n", err, sizeof err), 0);
    CHECK_INT(ann_tagger_passes(t), 2);
    CHECK_INT(ann_tagger_size(t), 3);
    uint64_t f[3] = {0xff, 0x1234, 0xff};     /* the second is in no table */
    int32_t score[TG_NLABELS];
    ann_tagger_score(t, 0, TG_O, TG_O, f, 3, score);
    CHECK_INT(score[0], 0);                   /* outside scores 0 */
    CHECK_INT(score[1], -4);
    CHECK_INT(score[8], 18);
    /* sums past 16 bits */
    ann_tagger_score(t, 1, TG_O, TG_O, f, 3, score);
    CHECK_INT(score[8], -65536);
    uint64_t many[TG_MAX_FEATS];
    for (size_t k = 0; k < TG_MAX_FEATS; k++)
        many[k] = k % 2 ? 0x100 : 0xff;
    int32_t plain[TG_NLABELS];
    ann_tagger_score(t, 1, TG_O, TG_O, many, TG_MAX_FEATS, score);
    tg_score_plain(t, 1, many, TG_MAX_FEATS, plain);
    CHECK_INT(score[1], 32767 * TG_MAX_FEATS / 2);
    CHECK_INT(score[8], -32768 * TG_MAX_FEATS / 2);
    CHECK(memcmp(score, plain, sizeof score) == 0);
    /* malformed models: each named by file and line, and nothing kept */
    static const struct { const char *body; int line; } bad[] = {
        {"00000000000000ff\t1 2 3 4 5 6 7 8\n", 4},          /* no "pass 1" */
        {"pass 1\n00000000000000ff\t1 2 3\n", 5},             /* too few weights */
        {"pass 1\n00000000000000ff\t1 2 3 4 5 6 7 8 9\n", 5}, /* too many */
        {"pass 1\n00000000000000ff\t1 2 3 4 5 6 7 40000\n", 5},/* not int16 */
        {"pass 1\n0000000000000xff\t1 2 3 4 5 6 7 8\n", 5},   /* not hex */
        {"pass 1\nff\t1 2 3 4 5 6 7 8\n", 5},                 /* short hash */
        {"pass 2\n00000000000000ff\t1 2 3 4 5 6 7 8\n", 4},   /* pass 2 first */
        {"", 3},                                                 /* no pass at all */
    };
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        err[0] = '\0';
        CHECK_INT(load(t, bad[k].body, err, sizeof err), -1);
        char want[32];
        snprintf(want, sizeof want, "m.tsv:%d:", bad[k].line);
        CHECK(strncmp(err, want, strlen(want)) == 0);
        CHECK_INT(ann_tagger_passes(t), 0);
    }
    /* labels of another program; features of another version; no features line */
    char *other = ann_xasprintf("%s\nfeatures\t%d\nlabels\tB-PER I-PER\npass 1\n", ANN_TAGGER_MAGIC, TG_FEATURES);
    CHECK_INT(ann_tagger_load(t, "o.tsv", other, strlen(other), err, sizeof err), -1);
    CHECK(strstr(err, "o.tsv:3: labels") != NULL);
    free(other);
    char labels[128];
    tg_labels_line(labels, sizeof labels);
    char *old = ann_xasprintf("%s\nfeatures\t1\n%s\npass 1\n", ANN_TAGGER_MAGIC, labels);
    CHECK_INT(ann_tagger_load(t, "v.tsv", old, strlen(old), err, sizeof err), -1);
    CHECK(strstr(err, "v.tsv:2: features of another version") != NULL);
    free(old);
    old = ann_xasprintf("%s\n%s\npass 1\n00000000000000ff\t1 2 3 4 5 6 7 8\n", ANN_TAGGER_MAGIC, labels);
    CHECK_INT(ann_tagger_load(t, "w.tsv", old, strlen(old), err, sizeof err), -1);
    CHECK(strstr(err, "w.tsv:4: expected \"features\"") != NULL);
    free(old);
    /* not a model, a NUL inside, a BOM before the magic */
    CHECK_INT(ann_tagger_load(t, "x.tsv", "hello\n", 6, err, sizeof err), -1);
    char nul[] = ANN_TAGGER_MAGIC "\n\0";
    CHECK_INT(ann_tagger_load(t, "n.tsv", nul, sizeof nul - 1, err, sizeof err), -1);
    char *m = model_text("pass 1\n00000000000000ff\t1 2 3 4 5 6 7 8\r\n");
    char *bom = ann_xasprintf("\xEF\xBB\xBF%s", m);
    CHECK_INT(ann_tagger_load(t, "b.tsv", bom, strlen(bom), err, sizeof err), 0);
    CHECK_INT(ann_tagger_size(t), 1);
    free(bom);
    free(m);
    ann_tagger_free(t);
}

/* The built-in model is there, has both passes, and is the table the
 * loader makes of src/rules/tagger/weights.tsv (compiled at build time). */
static void test_builtin(void)
{
    CHECK_INT(ann_tagger_passes(eng->tagger), 2);
    CHECK(ann_tagger_size(eng->tagger) > 10000);
    FILE *f = fopen("src/rules/tagger/weights.tsv", "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    ann_buf b = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        ann_buf_add(&b, chunk, got);
    fclose(f);
    ann_tagger *t = ann_tagger_new();
    char err[256];
    CHECK_INT(ann_tagger_load(t, "weights.tsv", b.p, b.len, err, sizeof err), 0);
    const tg_model *m = ann_tagger_model(t), *bi = &tg_builtin_model;
    CHECK_INT(m->npasses, bi->npasses);
    for (int p = 0; p < m->npasses && p < bi->npasses; p++) {
        const tg_table *x = &m->pass[p], *y = &bi->pass[p];
        CHECK_INT(x->mask, y->mask);
        CHECK_INT(x->n, y->n);
        if (x->mask != y->mask)
            continue;
        size_t same = 0;
        for (size_t i = 0; i <= x->mask; i++)
            same += x->check[i] == y->check[i] && memcmp(x->w[i], y->w[i], sizeof x->w[i]) == 0;
        CHECK_INT(same, x->mask + 1);
        /* and the rows of the features of small domains */
        CHECK(memcmp(m->dense[p], bi->dense[p], TG_NDENSE * sizeof *m->dense[p]) == 0);
    }
    ann_tagger_free(t);
    ann_buf_free(&b);
}

/* Labels of a text by the built-in model. */
static void tag(const char *s, ann_tokens *t, uint8_t **lab)
{
    ann_tokenize_all(s, strlen(s), t);
    ann_matches m = {0};
    ann_rules_match(eng->rules, s, t->v, t->n, &m);
    tg_ctx c = {0};
    tg_memo memo = {0};
    tg_ctx_init(&c, s, t->v, t->n, &m, 1);
    *lab = ann_xcalloc(t->n + 1, 1);
    ann_tagger_tag(eng->tagger, &c, &memo, *lab);
    tg_ctx_free(&c);
    tg_memo_free(&memo);
    ann_matches_free(&m);
}

static void test_decoding(void)
{
    /* a name starts at a capital; I- follows only its own type */
    const char *s = "the talks of the bank and the Bank of England went on , said "
                    "Mark Carney , in London on Friday at the central bank of england";
    ann_tokens t = {0};
    uint8_t *lab;
    tag(s, &t, &lab);
    int prev = TG_O;
    for (size_t i = 0; i < t.n; i++) {
        const ann_token *k = &t.v[i];
        if (lab[i] && !tg_inside(lab[i]))
            CHECK(k->flags & (ANN_TF_TITLE | ANN_TF_UPPER));
        if (tg_inside(lab[i]))
            CHECK(tg_type(prev) == tg_type(lab[i]));
        /* lower-case words outside names are never decoded */
        if ((k->flags & ANN_TF_LOWER) && prev == TG_O)
            CHECK_INT(lab[i], TG_O);
        prev = lab[i];
    }
    free(lab);
    ann_tokens_free(&t);
    /* tg_best keeps to the allowed labels */
    int32_t score[TG_NLABELS] = {0};
    score[tg_label(TG_ORG, 1)] = 100;
    score[tg_label(TG_PER, 0)] = 5;
    unsigned after_o = 0;
    for (int l = 0; l < TG_NLABELS; l++)
        if (tg_allowed(TG_O, l))
            after_o |= 1u << l;
    CHECK_INT(tg_best(score, after_o), tg_label(TG_PER, 0));
    CHECK(!tg_allowed(tg_label(TG_PER, 0), tg_label(TG_ORG, 1)));
    CHECK(tg_allowed(tg_label(TG_ORG, 0), tg_label(TG_ORG, 1)));
}

/* What a choice saw, for the tests below. */
typedef struct seen {
    size_t same, cases, dense_same;
    int p;
    uint64_t trail;            /* of the tokens read and their labels before, in order */
} seen;

/* The model's choice; on the way, the run-time sums (SSE2 where built
 * with it, the label features' weights summed per pair at load) against
 * the plain sums of every feature, the label features among them. */
static int checked_choose(void *user, size_t i, int prev, int prev2, unsigned allowed,
                          const uint64_t *f, size_t nf)
{
    seen *sn = user;
    int32_t a[TG_NLABELS], b[TG_NLABELS];
    uint64_t g[TG_MAX_FEATS + TG_NLABELFEATS];
    sn->trail = sn->trail * 1000003u + i * 81 + (uint64_t)prev * 9 + (uint64_t)prev2;
    ann_tagger_score(eng->tagger, sn->p, prev, prev2, f, nf, a);
    tg_label_features(prev, prev2, g);
    memcpy(g + TG_NLABELFEATS, f, nf * sizeof *f);
    tg_score_plain(eng->tagger, sn->p, g, nf + TG_NLABELFEATS, b);
    sn->same += memcmp(a, b, sizeof a) == 0;
    sn->cases++;
    return tg_best(a, allowed);
}

static int by_value(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The features of token i as the run time makes them, the small domains'
 * as dense indexes (tg_features_split), against all as hashes: the same
 * features, and the same sums.  Counted in sn->dense_same. */
static void check_split(tg_ctx *c, seen *sn, size_t i, int p, int prev, int prev2,
                        const uint64_t *f, size_t nf)
{
    uint64_t g[TG_MAX_FEATS], all[TG_MAX_FEATS];
    uint16_t d[TG_MAX_FEATS];
    size_t nd = 0, ng = tg_features_split(c, i, p, prev, g, d, &nd);
    int ok = ng + nd == nf;
    for (size_t k = 0; ok && k < nd; k++)
        ok = d[k] < TG_NDENSE;
    if (ok) {
        memcpy(all, g, ng * sizeof *g);
        for (size_t k = 0; k < nd; k++)
            all[ng + k] = tg_dense_feature(d[k]);
        uint64_t want[TG_MAX_FEATS];
        memcpy(want, f, nf * sizeof *f);
        qsort(all, nf, sizeof *all, by_value);
        qsort(want, nf, sizeof *want, by_value);
        ok = memcmp(all, want, nf * sizeof *f) == 0 && nd > 0;
    }
    int32_t a[TG_NLABELS], b[TG_NLABELS];
    ann_tagger_score(eng->tagger, p, prev, prev2, f, nf, a);
    ann_tagger_score_split(eng->tagger, p, prev, prev2, g, ng, d, nd, b);
    sn->dense_same += ok && memcmp(a, b, sizeof a) == 0;
}

/* Token i read in pass p: its features, checked against the split ones,
 * and the label they choose. */
static int read_plain(tg_ctx *c, seen *sn, size_t i, int p, int prev, int prev2)
{
    uint64_t f[TG_MAX_FEATS];
    size_t nf = tg_features(c, i, p, prev, f);
    check_split(c, sn, i, p, prev, prev2, f, nf);
    return checked_choose(sn, i, prev, prev2, c->allowed[c->capw[i]][prev], f, nf);
}

/* The first pass as a plain loop over every token: read at a capitalized
 * word or after a name that may go on. */
static void decode_first_plain(tg_ctx *c, seen *sn, uint8_t *labels)
{
    int prev = TG_O, prev2 = TG_O;
    for (size_t i = 0; i < c->n; i++) {
        int l = TG_O;
        if ((c->capw[i] || tg_open(prev)) && tg_candidate(c, i, prev))
            l = read_plain(c, sn, i, 0, prev, prev2);
        labels[i] = (uint8_t)l;
        prev2 = prev;
        prev = l;
    }
}

/* The second pass as a plain loop over every token: the first pass's
 * label where the token is not marked and still follows, else read. */
static void decode_again_plain(tg_ctx *c, seen *sn, uint8_t *labels)
{
    int prev = TG_O, prev2 = TG_O;
    for (size_t i = 0; i < c->n; i++) {
        int l = TG_O;
        if (!(c->hint[i] & TG_REDO) && tg_allowed(prev, c->first[i]))
            l = c->first[i];
        else if (tg_candidate(c, i, prev))
            l = read_plain(c, sn, i, 1, prev, prev2);
        labels[i] = (uint8_t)l;
        prev2 = prev;
        prev = l;
    }
}

/* Over a document with names read two ways: the run-time sums equal the
 * plain ones in both passes; the first pass, which goes from capitalized
 * word to capitalized word, reads the same tokens after the same labels
 * and labels as the plain loop; and the second pass, which reads only the
 * marked tokens and those a change leaves, labels as the plain loop. */
static void test_score_paths(void)
{
    const char *s = "SOCCER - LEEDS BEAT CHELSEA\nLeicestershire beat Somerset by an innings . "
                    "Rotor Volgograd drew with Spartak Moscow , said Lynda Bennett of Quarnex "
                    "Holdings in Phoenix .\nMoscow 2 Volgograd 1\nSpartak Moscow 0 Leeds 3\n"
                    "Bennett said Quarnex would build in Moscow , and Leeds beat Spartak .\n"
                    "QH shares rose , the Bank of England said .";
    ann_tokens t = {0};
    ann_tokenize_all(s, strlen(s), &t);
    ann_matches m = {0};
    ann_rules_match(eng->rules, s, t.v, t.n, &m);
    tg_ctx c = {0};
    tg_memo memo = {0};
    tg_ctx_init(&c, s, t.v, t.n, &m, 1);
    uint8_t *lab = ann_xcalloc(t.n + 1, 1), *plain = ann_xcalloc(t.n + 1, 1);
    seen sn = {0, 0, 0, 0, 0}, sp = {0, 0, 0, 0, 0};
    tg_decode(&c, 0, checked_choose, &sn, lab);
    CHECK(sn.cases > 10);
    decode_first_plain(&c, &sp, plain);
    CHECK(memcmp(lab, plain, t.n) == 0);
    CHECK_INT(sp.cases, sn.cases);
    CHECK(sp.trail == sn.trail);
    size_t inside = 0;
    for (size_t i = 0; i < t.n; i++)
        inside += !c.capw[i] && lab[i] != TG_O;    /* "of" in "Bank of England" */
    CHECK(inside > 0);
    tg_memo_add(&memo, &c, lab);
    tg_ctx_hints(&c, &memo, lab);
    size_t redo = 0;
    for (size_t i = 0; i < t.n; i++)
        redo += (c.hint[i] & TG_REDO) != 0;
    CHECK(redo > 0);
    sn.p = 1;
    size_t first = sn.cases;
    tg_decode(&c, 1, checked_choose, &sn, lab);
    CHECK(sn.cases > first);
    size_t again = sn.cases;
    decode_again_plain(&c, &sn, plain);
    CHECK(memcmp(lab, plain, t.n) == 0);
    CHECK_INT(sn.same, sn.cases);
    /* every token the plain loops read, in both passes */
    CHECK_INT(sp.dense_same, sp.cases);
    CHECK_INT(sn.dense_same, sn.cases - again);
    free(lab);
    free(plain);
    tg_memo_free(&memo);
    tg_ctx_free(&c);
    ann_matches_free(&m);
    ann_tokens_free(&t);
}

/* The sums of the run time (with SSE2, four slots' checks at once and an
 * empty slot's row for a missing feature) against the plain look-up where
 * they could part: runs of slots longer than four, a run that wraps past
 * the table's end, missing features that land in a run or past it, and a
 * check that is in the table at another slot. */
static void test_score_probe(void)
{
    static const struct {
        unsigned home, count;
    } runs[] = {{10, 7}, {61, 6}, {30, 1}};
    char body[4096], err[256];
    uint64_t f[32];
    int16_t want[32][TG_NW];
    size_t nf = 0, o = (size_t)snprintf(body, sizeof body, "pass 1\n");
    for (size_t r = 0; r < sizeof runs / sizeof *runs; r++)
        for (unsigned k = 0; k < runs[r].count; k++, nf++) {
            /* checks are the high half | 1: even ones, all different */
            f[nf] = (uint64_t)(0x1000 + 2 * nf) << 32 | runs[r].home;
            o += (size_t)snprintf(body + o, sizeof body - o, "%016llx\t", (unsigned long long)f[nf]);
            for (int l = 0; l < TG_NW; l++) {
                want[nf][l] = (int16_t)((l & 1 ? -1 : 1) * (int)(nf * 10 + (size_t)l + 1));
                o += (size_t)snprintf(body + o, sizeof body - o, l ? " %d" : "%d", want[nf][l]);
            }
            o += (size_t)snprintf(body + o, sizeof body - o, "\n");
        }
    ann_tagger *t = ann_tagger_new();
    CHECK_INT(load(t, body, err, sizeof err), 0);
    const int32_t *trans = ann_tagger_model(t)->trans[0][0][0];
    size_t held = nf;
    /* missing: in a run, after one, at the end, and a held check elsewhere */
    static const unsigned homes[] = {10, 12, 16, 17, 61, 63, 0, 2, 3, 4, 30, 31, 40};
    for (size_t k = 0; k < sizeof homes / sizeof *homes; k++)
        f[nf++] = (uint64_t)(0x9000 + 2 * k) << 32 | homes[k];
    f[nf++] = (f[3] & ~(uint64_t)0xFFFFFFFF) | 45;
    size_t same = 0, right = 0;
    for (size_t k = 0; k <= nf; k++) {
        /* each feature alone, then all of them */
        const uint64_t *g = k < nf ? &f[k] : f;
        size_t n = k < nf ? 1 : nf;
        int32_t a[TG_NLABELS], b[TG_NLABELS];
        ann_tagger_score(t, 0, 0, 0, g, n, a);
        tg_score_plain(t, 0, g, n, b);
        for (int l = 0; l < TG_NW; l++)
            b[l + 1] += trans[l];
        same += memcmp(a, b, sizeof a) == 0;
        int ok = a[0] == 0;
        for (int l = 0; k < nf && l < TG_NW; l++)
            ok &= a[l + 1] == trans[l] + (k < held ? want[k][l] : 0);
        right += ok || k == nf;
    }
    CHECK_INT(same, nf + 1);
    CHECK_INT(right, nf + 1);
    ann_tagger_free(t);
}

/* The line arrays four tokens at a time (SSE2, lines of prose) against
 * one at a time, over lines drawn at random from pools of words that put
 * them on either side of each threshold (in capitals, in title case, a
 * table of figures): capitalized words ("eBay", not "4-38"), figures,
 * words of 3, 4 and 5 letters, possessives, marks, letters past ASCII;
 * lines of 1, 2, 7, 40 and 41 tokens and more; windows that start
 * mid-line, at each of four alignments. */
static void test_line_paths(void)
{
    static const char *const pool[4][12] = {
        {"talks", "stall", "in", "the", "said", "eBay", "4-38", "'s", ",", "\"", "année", "iPhone"},
        {"MOSCOW", "IBM", "U.S.", "LEEDS", "ÉCOLE", "AT", "PUTIN", "NATO", "-", "3rd", "SAYS", "said"},
        {"Kent", "Bank", "Iran", "Zürich", "McDonald", "England", "of", "stall", "said", "Talks", "(", ")"},
        {"2024", "1,200", "4-38", "3", "Leeds", "12:30", "-", "Kent", "83", "and", "X", "$"}};
    static const size_t lens[] = {1, 2, 7, 40, 41, 42, 43, 44, 57, 90, 121};
    ann_buf b = {0};
    uint32_t r = 12345;
    for (int line = 0; line < 400; line++) {
        r = r * 1103515245u + 12345u;
        size_t len = lens[(r >> 8) % (sizeof lens / sizeof *lens)];
        int style = (int)((r >> 20) % 4), mix = (int)((r >> 24) % 8);
        for (size_t k = 0; k < len; k++) {
            r = r * 1103515245u + 12345u;
            /* mostly the line's own pool, some of another */
            int p = (int)(r >> 28) % 8 < mix ? style : (int)((r >> 12) % 4);
            ann_buf_adds(&b, pool[p][(r >> 16) % 12]);
            ann_buf_adds(&b, k + 1 < len ? " " : "\n");
        }
    }
    ann_tokens t = {0};
    ann_tokenize_all(b.p, b.len, &t);
    CHECK(t.n > 5000);
    size_t same = 0, runs = 0, caps = 0, title = 0, table = 0, pats = 0, prose = 0;
    size_t figs = 0;
    for (size_t from = 0; from < 4; from++) {
        tg_ctx c = {0}, d = {0};
        size_t n = t.n - from;
        tg_ctx_init(&c, b.p, t.v + from, n, NULL, 1);
        tg_ctx_init(&d, b.p, t.v + from, n, NULL, 1);
        tg_ctx_lines(&c, 1);
        tg_ctx_lines(&d, 0);
        same += c.ncaps == d.ncaps && memcmp(c.capw, d.capw, n) == 0 &&
                memcmp(c.caps, d.caps, c.ncaps * sizeof *c.caps) == 0 &&
                memcmp(c.fig, d.fig, n) == 0 &&
                memcmp(c.line, d.line, n) == 0 && memcmp(c.pat, d.pat, n * sizeof *c.pat) == 0;
        runs++;
        for (size_t i = 0; i < n; i++) {
            figs += c.fig[i];
            int long_line = c.pat[i] == 0 && !(c.line[i] & TG_LN_SHORT);
            caps += long_line && (c.line[i] & TG_LN_CAPS);
            title += long_line && (c.line[i] & TG_LN_TITLE);
            table += long_line && (c.line[i] & TG_LN_TABLE);
            pats += c.pat[i] != 0;
            prose += long_line && !(c.line[i] & (TG_LN_CAPS | TG_LN_TITLE | TG_LN_TABLE));
        }
        tg_ctx_free(&c);
        tg_ctx_free(&d);
    }
    CHECK_INT(same, runs);
    /* each kind of line is there, long ones among them */
    CHECK(caps > 100 && title > 100 && table > 100 && pats > 100 && prose > 100);
    /* figures among them ("4-38", "3rd", "1,200") */
    CHECK(figs > 1000);
    ann_tokens_free(&t);
    ann_buf_free(&b);
}

/* A token's shape at once (SSE2: ASCII, 16 bytes or fewer) against one
 * code point at a time: classes, runs of one class, the cap of 12 runs,
 * and the tokens it must leave to the plain loop (past ASCII, longer). */
static void test_shape_paths(void)
{
    const char *s = "McDonald 4-38 U.S. eBay iPhone a1b2c3d4e5f6g7h8 AT&T x Zürich O'Neill "
                    "abcdefghijklmnop abcdefghijklmnopq A.B.C.D.E.F.G.H. 12:30 ... Vladi\xC2\xADmir "
                    "$5 ELECTION-2024 r2d2 X-Men " "                                   .";
    ann_tokens t = {0};
    ann_tokenize_all(s, strlen(s), &t);
    size_t fast = 0, same = 0, left = 0;
    for (size_t i = 0; i < t.n; i++) {
        const ann_token *x = &t.v[i];
        uint64_t plain = tg_shape_plain(s, x);
        CHECK(plain != 0);
#ifdef ANN_SSE2
        if (x->end - x->start > 16 || x->start + 16 > t.v[t.n - 1].end)
            continue;
        uint64_t f = tg_shape_fast(s, x);
        fast += f != 0;
        same += f == plain;
        left += f == 0;
#else
        (void)fast;
        (void)same;
        (void)left;
#endif
    }
#ifdef ANN_SSE2
    CHECK(fast >= 15);
    CHECK_INT(same, fast);
    CHECK(left >= 2);          /* Zürich, Vladi-mir */
#endif
    /* 12 runs at most: the 13th class changes nothing */
    ann_token a = t.v[5], b2 = a;
    CHECK_INT((int)(a.end - a.start), 16);
    b2.end = a.start + 12;
    uint64_t twelve = tg_shape_plain(s, &b2);
    b2.end = a.start + 13;
    CHECK(tg_shape_plain(s, &b2) == twelve);
    b2.end = a.start + 11;
    CHECK(tg_shape_plain(s, &b2) != twelve);
    ann_tokens_free(&t);
}

/* The same input gives the same features, whatever came before. */
static void test_features(void)
{
    const char *s = "Leicestershire beat Somerset by an innings .\nSomerset 83 and 174 , Kent 108-3 .";
    ann_tokens t = {0};
    ann_tokenize_all(s, strlen(s), &t);
    ann_matches m = {0};
    ann_rules_match(eng->rules, s, t.v, t.n, &m);
    tg_ctx c = {0};
    tg_ctx_init(&c, s, t.v, t.n, &m, 1);
    uint64_t f1[TG_MAX_FEATS], f2[TG_MAX_FEATS];
    size_t n1 = tg_features(&c, 2, 0, TG_O, f1);
    (void)tg_features(&c, 0, 0, TG_O, f2);
    size_t n2 = tg_features(&c, 2, 0, TG_O, f2);
    CHECK(n1 > 10 && n1 <= TG_MAX_FEATS);
    CHECK_INT(n1, n2);
    CHECK(memcmp(f1, f2, n1 * sizeof *f1) == 0);
    /* the label before is a feature */
    n2 = tg_features(&c, 2, 0, tg_label(TG_ORG, 0), f2);
    CHECK(n1 == n2 && memcmp(f1, f2, n1 * sizeof *f1) != 0);
    /* the second pass reads more */
    tg_memo memo = {0};
    uint8_t *lab = ann_xcalloc(t.n + 1, 1);
    tg_memo_add(&memo, &c, lab);
    tg_ctx_hints(&c, &memo, lab);
    CHECK(tg_features(&c, 2, 1, TG_O, f2) > n1);
    /* every lexicon bit on a token and its neighbours: still in bounds */
    uint64_t big[TG_MAX_FEATS + 8];
    for (size_t k = 0; k < 4; k++)
        c.lex[k] = (1u << TG_LX_BITS) - 1;
    big[TG_MAX_FEATS] = 0xA5A5;
    CHECK(tg_features(&c, 2, 1, tg_label(TG_ORG, 0), big) <= TG_MAX_FEATS);
    CHECK(big[TG_MAX_FEATS] == 0xA5A5);
    /* the table line gets its line bits */
    CHECK(c.line[t.n - 1] & TG_LN_TABLE);
    CHECK(!(c.line[0] & TG_LN_TABLE));
    free(lab);
    tg_memo_free(&memo);
    tg_ctx_free(&c);
    ann_matches_free(&m);
    ann_tokens_free(&t);
}

static int has_feature(const uint64_t *f, size_t n, uint64_t h)
{
    for (size_t k = 0; k < n; k++)
        if (f[k] == h)
            return 1;
    return 0;
}

/* A word's affixes are its lowercase code points, read a byte at a time
 * where its last four (first three) bytes are ASCII, else decoded: the
 * values by their definition, for words of both kinds and of both at
 * once ("Zürich": an ASCII suffix, a prefix past ASCII), in lower case
 * and in capitals. */
static void test_affixes(void)
{
    const char *s = "Paris and CAFÉ and Zürich and Ab and Abc and NATO and PARIS";
    ann_tokens t = {0};
    ann_tokenize_all(s, strlen(s), &t);
    ann_matches m = {0};
    tg_ctx c = {0};
    tg_ctx_init(&c, s, t.v, t.n, &m, 1);
    CHECK_INT(t.n, 13);
    uint64_t f[TG_MAX_FEATS];
    const uint64_t B = 0x110000;
    /* Paris: "is", "ris", "aris"; "par" */
    size_t n = tg_features(&c, 0, 0, TG_O, f);
    CHECK(has_feature(f, n, tg_feat(F_SUF2, 's' * B + 'i' + 2)));
    CHECK(has_feature(f, n, tg_feat(F_SUF3, ('s' * B + 'i') * B + 'r' + 3)));
    CHECK(has_feature(f, n, tg_feat(F_SUF4, (('s' * B + 'i') * B + 'r') * B + 'a' + 4)));
    CHECK(has_feature(f, n, tg_feat(F_PRE3, ('p' * B + 'a') * B + 'r')));
    /* CAFÉ: "fé", "afé" (four code points: no suffix of four); "caf" */
    n = tg_features(&c, 2, 0, TG_O, f);
    CHECK(has_feature(f, n, tg_feat(F_SUF2, 0xE9 * B + 'f' + 2)));
    CHECK(has_feature(f, n, tg_feat(F_SUF3, (0xE9 * B + 'f') * B + 'a' + 3)));
    CHECK(!has_feature(f, n, tg_feat(F_SUF4, ((0xE9 * B + 'f') * B + 'a') * B + 'c' + 4)));
    CHECK(has_feature(f, n, tg_feat(F_PRE3, ('c' * B + 'a') * B + 'f')));
    /* Zürich: "ch", "ich", "rich"; "zür" */
    n = tg_features(&c, 4, 0, TG_O, f);
    CHECK(has_feature(f, n, tg_feat(F_SUF4, (('h' * B + 'c') * B + 'i') * B + 'r' + 4)));
    CHECK(has_feature(f, n, tg_feat(F_PRE3, ('z' * B + 0xFC) * B + 'r')));
    /* Ab: none; Abc: "bc", no prefix */
    uint64_t g[TG_MAX_FEATS];
    size_t ng = tg_features(&c, 6, 0, TG_O, g);
    CHECK(!has_feature(g, ng, tg_feat(F_SUF2, 'b' * B + 'a' + 2)));
    n = tg_features(&c, 8, 0, TG_O, f);
    CHECK(has_feature(f, n, tg_feat(F_SUF2, 'c' * B + 'b' + 2)));
    CHECK(!has_feature(f, n, tg_feat(F_SUF3, ('c' * B + 'b') * B + 'a' + 3)));
    CHECK(!has_feature(f, n, tg_feat(F_PRE3, ('a' * B + 'b') * B + 'c')));
    /* capitals in the four ASCII bytes read at once, lowercased: NATO
     * "ot", "ota" (no suffix of four); PARIS as Paris */
    n = tg_features(&c, 10, 0, TG_O, f);
    CHECK(has_feature(f, n, tg_feat(F_SUF2, 'o' * B + 't' + 2)));
    CHECK(has_feature(f, n, tg_feat(F_SUF3, ('o' * B + 't') * B + 'a' + 3)));
    CHECK(!has_feature(f, n, tg_feat(F_SUF4, (('o' * B + 't') * B + 'a') * B + 'n' + 4)));
    n = tg_features(&c, 12, 0, TG_O, f);
    CHECK(has_feature(f, n, tg_feat(F_SUF2, 's' * B + 'i' + 2)));
    CHECK(has_feature(f, n, tg_feat(F_SUF4, (('s' * B + 'i') * B + 'r') * B + 'a' + 4)));
    CHECK(has_feature(f, n, tg_feat(F_PRE3, ('p' * B + 'a') * B + 'r')));
    tg_ctx_free(&c);
    ann_matches_free(&m);
    ann_tokens_free(&t);
}

/* ---- through the pipeline ------------------------------------------------------ */

static const char *type_of(const ann_doc *d, const char *text)
{
    const ann_entity *e = with_mention(d, text);
    return e ? e->type : NULL;
}

/* A user's model replaces the built-in one (--rules FILE): one that reads
 * every capital as outside finds no unknown name. */
static void test_user_model(void)
{
    char path[] = "/tmp/annotate-test-model-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    /* every label but outside far below it on the bias, a label feature */
    uint64_t bias[TG_NLABELFEATS];
    tg_label_features(TG_O, TG_O, bias);
    char labels[128];
    tg_labels_line(labels, sizeof labels);
    fprintf(f, "%s: everything is outside\nfeatures\t%d\n%s\npass 1\n%016llx\t"
               "-30000 -30000 -30000 -30000 -30000 -30000 -30000 -30000\n",
            ANN_TAGGER_MAGIC, TG_FEATURES, labels, (unsigned long long)bias[0]);
    fclose(f);
    char err[512];
    const char *files[] = {path};
    ann_engine *e = ann_engine_new(0, files, 1, err, sizeof err);
    CHECK(e != NULL);
    if (e) {
        CHECK_INT(ann_tagger_passes(e->tagger), 1);
        ann_doc *d = run_with(e, "Ognyan Petrovski and Bartholomew Quennell met in Sofia.");
        CHECK(with_mention(d, "Bartholomew Quennell") == NULL);
        CHECK(with_mention(d, "Sofia") == NULL);   /* listed, but read as no name */
        ann_doc_free(d);
        ann_engine_free(e);
    }
    /* a broken model stops the engine with its name and line */
    f = fopen(path, "w");
    fprintf(f, "%s\nfeatures\t%d\nlabels\tO\n", ANN_TAGGER_MAGIC, TG_FEATURES);
    fclose(f);
    e = ann_engine_new(0, files, 1, err, sizeof err);
    CHECK(e == NULL);
    CHECK(strstr(err, path) != NULL && strstr(err, ":3:") != NULL);
    ann_engine_free(e);
    remove(path);
}

static void test_built_in_reading(void)
{
    /* unknown names of every type, from context */
    ann_doc *d = run_with(eng, "Lynda Bennett, a Republican candidate, spoke in Phoenix on Monday. "
                               "Bennett said Quarnex Holdings would build a plant there.");
    CHECK_STR(type_of(d, "Lynda Bennett"), "person");
    const ann_entity *b = with_mention(d, "Lynda Bennett");
    CHECK_STR(b ? b->id : NULL, "lynda-bennett");
    CHECK(b && with_mention(d, "Bennett") == b);          /* the surname joins */
    CHECK_STR(type_of(d, "Quarnex Holdings"), "organization");
    CHECK_STR(type_of(d, "Phoenix"), "place");
    CHECK(with_mention(d, "Republican") == NULL);         /* MISC is never written */
    ann_doc_free(d);
    /* a short form joins its full name */
    d = run_with(eng, "Shares of Vestas Wind Systems A/S rose 3 percent. Vestas said orders grew.");
    const ann_entity *v = with_mention(d, "Vestas Wind Systems");
    CHECK(v && with_mention(d, "Vestas") == v);
    ann_doc_free(d);
    /* a place that names a club is an organization, with an id that says so */
    d = run_with(eng, "SOCCER - LEEDS BEAT CHELSEA\nOn Saturday, Rotor Volgograd drew 1-1 with Spartak Moscow.");
    CHECK_STR(type_of(d, "LEEDS"), "organization");
    CHECK_STR(type_of(d, "Rotor Volgograd"), "organization");
    CHECK_STR(type_of(d, "Spartak Moscow"), "organization");
    CHECK(with_mention(d, "Moscow") == NULL && with_mention(d, "Volgograd") == NULL);
    const ann_entity *l = with_mention(d, "LEEDS");
    CHECK(l && strcmp(l->id, "leeds") != 0);
    ann_doc_free(d);
    /* a table of results: names in it are tagged as in prose */
    d = run_with(eng, "CRICKET - ENGLISH COUNTY CHAMPIONSHIP SCORES .\n"
                      "Somerset 83 and 174 ( P. Simmons 4-38 ) , Leicestershire 296 .\n"
                      "Leicestershire 22 points , Somerset 4 .\n");
    CHECK_STR(type_of(d, "Somerset"), "organization");
    CHECK_STR(type_of(d, "Leicestershire"), "organization");
    CHECK_STR(type_of(d, "P. Simmons"), "person");
    CHECK(with_mention(d, "ENGLISH") == NULL);
    ann_doc_free(d);
    /* a headline in capitals */
    d = run_with(eng, "PUTIN MEETS ERDOGAN IN ANKARA\n\nThe two leaders met on Monday.");
    CHECK_STR(type_of(d, "PUTIN"), "person");
    CHECK_STR(type_of(d, "ANKARA"), "place");
    ann_doc_free(d);
}

/* The capitalized-word bit of the token whose text is w. */
static int capw_of(const tg_ctx *c, const ann_tokens *t, const char *s, const char *w)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].end - t->v[i].start == strlen(w) && memcmp(s + t->v[i].start, w, strlen(w)) == 0)
            return c->capw[i];
    return -1;
}

/* Random strings are no names; names with inner capitals and digits are
 * still names. */
static void test_scrambled(void)
{
    const char *s = "Officials at McDonald and eBay said H1N1 and SARS-CoV-2 spread . "
                    "Key XTSAGqm5DIkVH9g9xmnyr and gQQr050W0Fq follow .";
    ann_tokens t = {0};
    ann_tokenize_all(s, strlen(s), &t);
    tg_ctx c = {0};
    tg_ctx_init(&c, s, t.v, t.n, NULL, 1);
    CHECK_INT(capw_of(&c, &t, s, "McDonald"), 1);
    CHECK_INT(capw_of(&c, &t, s, "eBay"), 1);
    CHECK_INT(capw_of(&c, &t, s, "H1N1"), 1);
    CHECK_INT(capw_of(&c, &t, s, "SARS-CoV-2"), 1);
    CHECK_INT(capw_of(&c, &t, s, "XTSAGqm5DIkVH9g9xmnyr"), 0);
    CHECK_INT(capw_of(&c, &t, s, "gQQr050W0Fq"), 0);
    for (size_t k = 0; k < c.ncaps; k++)
        CHECK(c.capw[c.caps[k]]);
    tg_ctx_free(&c);
    ann_tokens_free(&t);
    /* through the pipeline: lines of base64 give no names */
    ann_doc *d = run_with(eng, "Attachment\n\nKkhL5Zs+GhzzebBnGi4VIiywUOExaq3gQ75TbkvWsG1n3JoHfP/aumx/BxlMmdrQr/jf5JmbNgae\n"
                               "XTSAGqm5DIkVH9g9xmnyrHIJyYacAAo/gQQr050W0FqftX1YiX/CYy7SFjH75qATP2ACxrQoia4i\n");
    CHECK_INT(d->nents, 0);
    ann_doc_free(d);
}

int main(void)
{
    eng = builtin_engine();
    test_model_file();
    test_builtin();
    test_decoding();
    test_features();
    test_affixes();
    test_score_paths();
    test_score_probe();
    test_line_paths();
    test_shape_paths();
    test_user_model();
    test_built_in_reading();
    test_scrambled();
    ann_engine_free(eng);
    TEST_DONE();
}
