/*
 * train_tagger - learn the name tagger's weights (src/rules/tagger/
 * weights.tsv) from documents with gold names, with the features and
 * decoder of src/tagger.c and the built-in rules, exactly as annotate
 * reads text at run time.  `make train` runs it.
 *
 *     train_tagger [OPTIONS] DOCS GOLD[:REPEAT] ...
 *
 * DOCS is a directory of ID.txt files, GOLD their gold in the JSON Lines
 * shape of the evaluation kit (actors, places, sources with code point
 * mentions); REPEAT weights a small set by reading it that many times an
 * epoch, and REPEAT 0 only measures the set (never trained on).  Persons
 * are PER; organizations, outlets and platforms ORG; countries and places
 * LOC; capitals outside the gold's names MISC (see misc_labels).
 *
 * Greedy averaged perceptron, learning on its own predicted history.  The
 * second pass reads what the first made of each word elsewhere in the
 * document; to learn how far to trust that, its training documents are
 * tagged by first-pass models that did not see them (five folds), whose
 * held-out F1 is printed.  Same data, same bytes: documents are visited in
 * an order fixed by a seeded generator and features are written sorted.
 *
 *   -o OUT        the model file (default: standard output)
 *   -e EPOCHS     passes over the data (10)
 *   -cv           hold the second pass out too and print its F1
 *   -s SEED       the order's seed: tells a change from the spread of orders
 *   -k ORDERS     the final models: the mean of this many orders' (4)
 *   -m MIN_COUNT  leave out features seen fewer times (1: none left out)
 *   -p PRUNE      leave out rows whose weights all round below it (5)
 *   -d FILE       write the held-out labels (token, gold, label, line start)
 *   -t FILE       write the labels of the measured sets (token, gold, label, offset)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "annotate.h"
#include "reader.h"
#include "tagger.h"

#define FOLDS 5

typedef struct tdoc {
    ann_doc *doc;
    ann_tokens toks;
    ann_matches matches;
    uint8_t *gold;             /* per token */
    uint8_t *pass1;            /* first-pass labels from a model that did not see it */
    int fold;
    int copy;                  /* a repeat that shares the first's data */
} tdoc;

/* ---- weights being learned ------------------------------------------------------ */

typedef struct wslot {
    uint64_t key;              /* 0: empty */
    float w[TG_NLABELS];
    double u[TG_NLABELS];      /* sum of step * update, for the average */
} wslot;

typedef struct model {
    wslot *slot;
    size_t cap, n;
    double step;
} model;

static wslot *wfind(const model *m, uint64_t key)
{
    size_t i = (size_t)key & (m->cap - 1);
    while (m->slot[i].key && m->slot[i].key != key)
        i = (i + 1) & (m->cap - 1);
    return &m->slot[i];
}

static wslot *wget(model *m, uint64_t key)
{
    if ((m->n + 1) * 2 > m->cap) {
        model old = *m;
        m->cap = old.cap ? old.cap * 2 : 1 << 16;
        m->slot = ann_xcalloc(m->cap, sizeof *m->slot);
        for (size_t i = 0; i < old.cap; i++)
            if (old.slot[i].key)
                *wfind(m, old.slot[i].key) = old.slot[i];
        free(old.slot);
    }
    wslot *s = wfind(m, key);
    if (!s->key) {
        s->key = key;
        m->n++;
    }
    return s;
}

static void model_free(model *m)
{
    free(m->slot);
    memset(m, 0, sizeof *m);
}

typedef struct learn {
    model *m;
    const uint8_t *gold;
    int update;
    const model *seen;         /* features seen min_count times or more (NULL: all) */
} learn;

/* -m: a feature seen fewer times than this in the training documents is
 * left out: it rarely helps, and makes most of the model (2 halves it, for
 * a fifth of a point of F1). */
static double min_count = 1;
static const char *dump_cv, *dump_test;   /* -d, -t: labels written for study */
static int prune = 5;          /* -p: rows whose weights are all smaller are left out (5: half the rows, no loss measured) */

/* The token's features with the label features before them, in g. */
static size_t with_labels(int prev, int prev2, const uint64_t *f, size_t nf, uint64_t *g)
{
    tg_label_features(prev, prev2, g);
    memcpy(g + TG_NLABELFEATS, f, nf * sizeof *f);
    return nf + TG_NLABELFEATS;
}

static int count_choose(void *user, size_t i, int prev, int prev2, unsigned allowed,
                        const uint64_t *f0, size_t nf0)
{
    learn *L = user;
    uint64_t f[TG_MAX_FEATS + TG_NLABELFEATS];
    size_t nf = with_labels(prev, prev2, f0, nf0, f);
    (void)allowed;
    for (size_t k = 0; k < nf; k++)
        wget(L->m, f[k])->w[0] += 1;
    return L->gold[i];
}

static int learn_choose(void *user, size_t i, int prev, int prev2, unsigned allowed,
                        const uint64_t *f0, size_t nf0)
{
    learn *L = user;
    uint64_t f[TG_MAX_FEATS + TG_NLABELFEATS];
    size_t nf = with_labels(prev, prev2, f0, nf0, f);
    double score[TG_NLABELS] = {0};
    for (size_t k = 0; k < nf && L->m->cap; k++) {
        const wslot *s = wfind(L->m, f[k]);
        if (s->key)
            for (int l = 0; l < TG_NLABELS; l++)
                score[l] += s->w[l];
    }
    int best = -1;
    for (int l = 0; l < TG_NLABELS; l++)
        if ((allowed >> l & 1) && (best < 0 || score[l] > score[best]))
            best = l;
    if (L->update) {
        L->m->step++;
        int g = L->gold[i];
        if (best != g) {
            for (size_t k = 0; k < nf; k++) {
                if (L->seen) {
                    const wslot *c = wfind(L->seen, f[k]);
                    if (!c->key || c->w[0] < min_count)
                        continue;
                }
                wslot *s = wget(L->m, f[k]);
                s->w[g] += 1;
                s->u[g] += L->m->step;
                s->w[best] -= 1;
                s->u[best] -= L->m->step;
            }
        }
    }
    return best;
}

/* The averaged weights replace the last ones (training is over). */
static void average(model *m)
{
    for (size_t i = 0; i < m->cap; i++) {
        wslot *s = &m->slot[i];
        if (!s->key)
            continue;
        for (int l = 0; l < TG_NLABELS; l++)
            s->w[l] = (float)(s->w[l] - s->u[l] / (m->step + 1));
    }
}

/* ---- reading the data ------------------------------------------------------------ */

static int label_of(const char *cat, const char *type)
{
    if (strcmp(cat, "actors") == 0 && strcmp(type, "person") == 0)
        return TG_PER;
    if (strcmp(cat, "actors") == 0 && strcmp(type, "country") == 0)
        return TG_LOC;
    if (strcmp(cat, "places") == 0)
        return TG_LOC;
    return TG_ORG;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    ann_buf b = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        ann_buf_add(&b, chunk, got);
    fclose(f);
    *len = b.len;
    if (!b.p)
        b.p = ann_xstrdup("");
    return b.p;
}

/* Gold labels of d's tokens from one gold record; mentions that do not
 * fall on token boundaries are left out (counted in *skipped). */
static void gold_labels(tdoc *t, const cJSON *rec, size_t *kept, size_t *skipped)
{
    ann_doc *d = t->doc;
    size_t *byte_of = ann_xmalloc((d->chars + 1) * sizeof *byte_of);
    size_t cp = 0;
    for (size_t b = 0; b < d->len; b++)
        if (((unsigned char)d->text[b] & 0xC0) != 0x80)
            byte_of[cp++] = b;
    byte_of[cp] = d->len;
    t->gold = ann_xcalloc(t->toks.n + 1, 1);
    static const char *const cats[] = {"actors", "places", "sources"};
    for (size_t c = 0; c < 3; c++) {
        const cJSON *ents = cJSON_GetObjectItemCaseSensitive(rec, cats[c]), *e;
        cJSON_ArrayForEach(e, ents) {
            const cJSON *type = cJSON_GetObjectItemCaseSensitive(e, "type");
            int ty = label_of(cats[c], cJSON_IsString(type) ? type->valuestring : "");
            const cJSON *ms = cJSON_GetObjectItemCaseSensitive(e, "mentions"), *m;
            cJSON_ArrayForEach(m, ms) {
                double s = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(m, "start"));
                double en = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(m, "end"));
                if (!(s >= 0 && en > s && en <= (double)d->chars)) {
                    (*skipped)++;
                    continue;
                }
                size_t bs = byte_of[(size_t)s], be = byte_of[(size_t)en];
                size_t first = SIZE_MAX, last = SIZE_MAX;
                for (size_t k = 0; k < t->toks.n; k++) {
                    if (t->toks.v[k].start == bs)
                        first = k;
                    if (t->toks.v[k].end == be)
                        last = k;
                }
                if (first == SIZE_MAX || last == SIZE_MAX || last < first) {
                    (*skipped)++;
                    continue;
                }
                if (first == last) {
                    t->gold[first] = (uint8_t)tg_label(ty, 3);
                } else {
                    t->gold[first] = (uint8_t)tg_label(ty, 0);
                    for (size_t k = first + 1; k < last; k++)
                        t->gold[k] = (uint8_t)tg_label(ty, 1);
                    t->gold[last] = (uint8_t)tg_label(ty, 2);
                }
                (*kept)++;
            }
        }
    }
    free(byte_of);
}

/* The gold has no MISC: capitalized words outside its names, where a
 * capital says a name (not at a sentence start, not in a headline or a
 * line in title case, not a word the lexicon knows is no name), stand in
 * for it ("German", "World Cup", "Monday" alike). */
static void misc_labels(tdoc *t)
{
    tg_ctx c = {0};
    tg_ctx_init(&c, t->doc->text, t->toks.v, t->toks.n, &t->matches, 1);
    for (size_t i = 0; i < t->toks.n; i++) {
        const ann_token *k = &t->toks.v[i];
        if (t->gold[i] || !tg_candidate(&c, i, TG_O) || (k->flags & (ANN_TF_SENT_START | ANN_TF_UPPER)) ||
            (i > 0 && (t->toks.v[i - 1].flags & ANN_TF_QOPEN)) ||
            (c.line[i] & (TG_LN_CAPS | TG_LN_TITLE)) || (c.lex[i] & TG_LX_NONNAME))
            continue;
        int cont = i > 0 && tg_type(t->gold[i - 1]) == TG_MISC && !(k->flags & ANN_TF_LINE_START);
        t->gold[i] = (uint8_t)tg_label(TG_MISC, cont ? 1 : 0);
    }
    tg_ctx_free(&c);
}

static void read_set(const ann_engine *e, const char *dir, const char *gold, int repeat,
                     tdoc **docs, size_t *n, size_t *cap)
{
    size_t len;
    char *data = slurp(gold, &len);
    if (!data) {
        fprintf(stderr, "train_tagger: cannot read %s\n", gold);
        exit(2);
    }
    size_t kept = 0, skipped = 0, ndocs = 0, lost = 0;
    for (char *line = data, *nl; line && *line; line = nl) {
        nl = strchr(line, '\n');
        if (nl)
            *nl++ = '\0';
        cJSON *rec = cJSON_Parse(line);
        if (!rec)
            continue;
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(rec, "doc"), "id");
        if (!cJSON_IsString(id)) {
            cJSON_Delete(rec);
            continue;
        }
        char *path = ann_xasprintf("%s/%s.txt", dir, id->valuestring);
        char err[512];
        ann_reader *r = ann_reader_open(path, ANN_IN_TEXT, &e->reading, err, sizeof err);
        ann_doc *d = NULL;
        if (!r || ann_reader_next(r, &d, err, sizeof err) != 1) {
            fprintf(stderr, "train_tagger: %s\n", err);
            exit(2);
        }
        ann_reader_close(r);
        free(path);
        tdoc t = {0};
        t.doc = d;
        ann_tokenizer tz;
        ann_tokenizer_init(&tz, d->text, d->len, e->abbrevs);
        ann_tokens win = {0};
        /* one window, as annotate reads a document of this size */
        while (ann_tokenize_window(&tz, &win, e->window_bytes) > 0) {
            for (size_t k = 0; k < win.n; k++)
                ANN_PUSH(t.toks.v, t.toks.n, t.toks.cap, win.v[k]);
            if (t.toks.n != win.n)
                lost++;
        }
        ann_tokens_free(&win);
        ann_rules_match(e->rules, d->text, t.toks.v, t.toks.n, &t.matches);
        gold_labels(&t, rec, &kept, &skipped);
        misc_labels(&t);
        t.pass1 = ann_xcalloc(t.toks.n + 1, 1);
        t.fold = repeat ? (int)(*n % FOLDS) : -2;
        for (int k = 0; k < (repeat ? repeat : 1); k++) {
            tdoc c = t;
            c.copy = k > 0;
            ANN_PUSH(*docs, *n, *cap, c);
        }
        ndocs++;
        cJSON_Delete(rec);
    }
    free(data);
    fprintf(stderr, "train_tagger: %s: %zu documents (x%d), %zu mentions, %zu not on token "
            "boundaries%s\n", gold, ndocs, repeat, kept, skipped,
            lost ? ", some longer than a window" : "");
}

/* ---- training -------------------------------------------------------------------- */

static uint64_t rng_seed = 0x2545F4914F6CDD1Dull, rng_state;

static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* The context of document t for pass p (second pass: hints from pass1). */
static tg_memo ctx_memo;      /* the document's, while its context is in use */

static void ctx_of(tg_ctx *c, const tdoc *t, int p)
{
    tg_ctx_init(c, t->doc->text, t->toks.v, t->toks.n, &t->matches, 1);
    if (p > 0) {
        tg_memo_clear(&ctx_memo);
        tg_memo_add(&ctx_memo, c, t->pass1);
        tg_ctx_hints(c, &ctx_memo, t->pass1);
    }
}

/* Train pass p on the documents whose fold is not skip (-1: all). */
static void train(model *m, tdoc *docs, size_t n, int p, int skip, int epochs)
{
    size_t *order = ann_xmalloc(n * sizeof *order);
    uint8_t *labels = NULL;
    size_t caplab = 0;
    tg_ctx c = {0};
    model seen = {0};
    for (size_t k = 0; k < n; k++) {
        tdoc *t = &docs[k];
        if (t->fold == skip || t->fold == -2)
            continue;
        ann_grow((void **)&labels, &caplab, t->toks.n + 1, 1);
        ctx_of(&c, t, p);
        learn L = {&seen, t->gold, 0, NULL};
        tg_decode(&c, p, count_choose, &L, labels);
    }
    /* only the training documents are shuffled: a set that is only
     * measured leaves the model as it is without it */
    size_t nt = 0;
    for (size_t i = 0; i < n; i++)
        nt += docs[i].fold != -2;
    rng_state = rng_seed;
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t i = 0, k = 0; i < n; i++)
            if (docs[i].fold != -2)
                order[k++] = i;
        for (size_t i = nt; i > 1; i--) {
            size_t j = (size_t)(rng() % i), x = order[i - 1];
            order[i - 1] = order[j];
            order[j] = x;
        }
        for (size_t k = 0; k < nt; k++) {
            tdoc *t = &docs[order[k]];
            if (t->fold == skip || t->fold == -2)
                continue;
            ann_grow((void **)&labels, &caplab, t->toks.n + 1, 1);
            ctx_of(&c, t, p);
            learn L = {m, t->gold, 1, &seen};
            tg_decode(&c, p, learn_choose, &L, labels);
        }
    }
    model_free(&seen);
    average(m);
    tg_ctx_free(&c);
    free(labels);
    free(order);
}

/* Add the weights of b, divided by k, to a. */
static void add_scaled(model *a, const model *b, double k)
{
    for (size_t i = 0; i < b->cap; i++) {
        const wslot *s = &b->slot[i];
        if (!s->key)
            continue;
        wslot *t = wget(a, s->key);
        for (int l = 0; l < TG_NLABELS; l++)
            t->w[l] += (float)(s->w[l] / k);
    }
}

/* The final model of pass p: the mean of models trained on every
 * document in `orders` orders (seeds 1, 2, ... after -s).  A single order's
 * model swings by half a point of F1 with the order; the mean does not. */
static void train_orders(model *m, tdoc *docs, size_t n, int p, int epochs, int orders)
{
    uint64_t seed = rng_seed;
    for (int k = 0; k < orders; k++) {
        model one = {0};
        rng_seed = seed + 2 * (uint64_t)k;
        train(&one, docs, n, p, -1, epochs);
        add_scaled(m, &one, orders);
        model_free(&one);
    }
    rng_seed = seed;
}

/* Spans of labels: count those of a in b (same first, last and type). */
/* Spans of labels: count those of a in b (same first, last and type), by
 * type in same[type] and na[type] (index 0: all). */
static void spans(const uint8_t *a, const uint8_t *b, size_t n, size_t *same, size_t *na)
{
    for (size_t i = 0; i < n; i++) {
        if (!a[i] || tg_inside(a[i]) || tg_type(a[i]) == TG_MISC)
            continue;
        size_t j = tg_span_end(a, i, n);
        int ty = tg_type(a[i]);
        na[0]++;
        na[ty]++;
        if (b[i] && !tg_inside(b[i]) && tg_type(b[i]) == ty && tg_span_end(b, i, n) == j) {
            same[0]++;
            same[ty]++;
        }
    }
}

static double f1(size_t ok, size_t ng, size_t ns)
{
    return ng + ns ? 2.0 * (double)ok / (double)(ng + ns) : 0;
}

/* Held-out span F1 of labels against gold over the training documents,
 * each tagged by a model that did not see it: the figure to improve the
 * features by, with no development set in the loop. */
static void report_cv(const tdoc *docs, size_t n, int p, uint8_t *const *labels, int test)
{
    size_t ok[TG_NTYPES + 1] = {0}, ng[TG_NTYPES + 1] = {0}, ns[TG_NTYPES + 1] = {0}, dummy[TG_NTYPES + 1] = {0};
    for (size_t k = 0; k < n; k++) {
        if (docs[k].copy || (docs[k].fold == -2) != test)
            continue;
        spans(docs[k].gold, labels[k], docs[k].toks.n, ok, ng);
        spans(labels[k], docs[k].gold, docs[k].toks.n, dummy, ns);
    }
    if (dump_cv) {
        FILE *f = fopen(dump_cv, "w");
        for (size_t k = 0; f && k < n; k++) {
            if (docs[k].copy)
                continue;
            for (size_t i = 0; i < docs[k].toks.n; i++) {
                const ann_token *t = &docs[k].toks.v[i];
                fprintf(f, "%.*s\t%d\t%d\t%d\n", (int)(t->end - t->start), docs[k].doc->text + t->start,
                        docs[k].gold[i], labels[k][i], (t->flags & ANN_TF_LINE_START) != 0);
            }
            fputs("\n", f);
        }
        if (f)
            fclose(f);
    }
    double P = ns[0] ? (double)ok[0] / ns[0] : 0, R = ng[0] ? (double)ok[0] / ng[0] : 0;
    fprintf(stderr, "train_tagger: held-out pass %d: P %.4f R %.4f F1 %.4f (PER %.4f ORG %.4f LOC %.4f)\n",
            p + 1, P, R, f1(ok[0], ng[0], ns[0]), f1(ok[TG_PER], ng[TG_PER], ns[TG_PER]),
            f1(ok[TG_ORG], ng[TG_ORG], ns[TG_ORG]), f1(ok[TG_LOC], ng[TG_LOC], ns[TG_LOC]));
}

/* First-pass labels of the fold's documents by a model that did not see them. */
static void jackknife(tdoc *docs, size_t n, int epochs)
{
    for (int fold = 0; fold < FOLDS; fold++) {
        model m = {0};
        train(&m, docs, n, 0, fold, epochs);
        tg_ctx c = {0};
        for (size_t k = 0; k < n; k++) {
            tdoc *t = &docs[k];
            if (t->fold != fold)
                continue;
            ctx_of(&c, t, 0);
            learn L = {&m, t->gold, 0, NULL};
            tg_decode(&c, 0, learn_choose, &L, t->pass1);
        }
        tg_ctx_free(&c);
        model_free(&m);
    }
    uint8_t **labels = ann_xmalloc(n * sizeof *labels);
    for (size_t k = 0; k < n; k++)
        labels[k] = docs[k].pass1;
    report_cv(docs, n, 0, labels, 0);
    free(labels);
}

/* With -cv: the second pass held out as well (five more trainings). */
static void cv_second(tdoc *docs, size_t n, int epochs)
{
    uint8_t **labels = ann_xmalloc(n * sizeof *labels);
    for (size_t k = 0; k < n; k++)
        labels[k] = ann_xcalloc(docs[k].toks.n + 1, 1);
    for (int fold = 0; fold < FOLDS; fold++) {
        model m = {0};
        train(&m, docs, n, 1, fold, epochs);
        tg_ctx c = {0};
        for (size_t k = 0; k < n; k++) {
            if (docs[k].fold != fold)
                continue;
            ctx_of(&c, &docs[k], 1);
            learn L = {&m, docs[k].gold, 0, NULL};
            tg_decode(&c, 1, learn_choose, &L, labels[k]);
        }
        tg_ctx_free(&c);
        model_free(&m);
    }
    report_cv(docs, n, 1, labels, 0);
    for (size_t k = 0; k < n; k++)
        free(labels[k]);
    free(labels);
}

/* Documents read with REPEAT 0 are only measured: both passes of the final
 * models, as at run time. */
static void test_sets(tdoc *docs, size_t n, model *m1, model *m2)
{
    uint8_t **labels = ann_xcalloc(n, sizeof *labels);
    tdoc *sub = ann_xmalloc((n + 1) * sizeof *sub);
    size_t ns = 0;
    tg_ctx c = {0};
    for (size_t k = 0; k < n; k++) {
        tdoc *t = &docs[k];
        if (t->fold != -2)
            continue;
        uint8_t *l = ann_xcalloc(t->toks.n + 1, 1);
        ctx_of(&c, t, 0);
        learn L = {m1, t->gold, 0, NULL};
        tg_decode(&c, 0, learn_choose, &L, t->pass1);
        ctx_of(&c, t, 1);
        L.m = m2;
        tg_decode(&c, 1, learn_choose, &L, l);
        labels[ns] = l;
        sub[ns++] = *t;
    }
    if (ns && dump_test) {
        FILE *f = fopen(dump_test, "w");
        for (size_t k = 0; f && k < ns; k++) {
            fprintf(f, "#%s\n", sub[k].doc->id);
            for (size_t i = 0; i < sub[k].toks.n; i++) {
                const ann_token *t = &sub[k].toks.v[i];
                fprintf(f, "%.*s\t%d\t%d\t%zu\n", (int)(t->end - t->start), sub[k].doc->text + t->start,
                        sub[k].gold[i], labels[k][i], ann_doc_cp(sub[k].doc, t->start));
            }
        }
        if (f)
            fclose(f);
    }
    if (ns) {
        fprintf(stderr, "train_tagger: measured on %zu documents not trained on:\n", ns);
        report_cv(sub, ns, 1, labels, 1);
    }
    for (size_t k = 0; k < ns; k++)
        free(labels[k]);
    free(labels);
    free(sub);
    tg_ctx_free(&c);
}

/* ---- writing ----------------------------------------------------------------------- */

typedef struct qrow {
    uint64_t key;
    int16_t w[TG_NW];
} qrow;

static int by_key(const void *a, const void *b)
{
    const qrow *x = a, *y = b;
    return (x->key > y->key) - (x->key < y->key);
}

/* The weights as int16, outside's taken off each label's (the run time
 * scores outside 0), scaled so that the largest is QMAX.  Rows that round
 * to all zeros are left out. */
#define QMAX 4095.0

static size_t write_pass(FILE *out, const model *m, int p)
{
    double mx = 0;
    for (size_t i = 0; i < m->cap; i++)
        for (int l = 1; m->slot[i].key && l < TG_NLABELS; l++)
            if (fabs(m->slot[i].w[l] - m->slot[i].w[0]) > mx)
                mx = fabs(m->slot[i].w[l] - m->slot[i].w[0]);
    double scale = mx > 0 ? QMAX / mx : 1;
    qrow *rows = ann_xmalloc((m->n + 1) * sizeof *rows);
    size_t nr = 0;
    for (size_t i = 0; i < m->cap; i++) {
        const wslot *s = &m->slot[i];
        if (!s->key)
            continue;
        qrow r = {s->key, {0}};
        int big = 0;
        for (int l = 0; l < TG_NW; l++) {
            r.w[l] = (int16_t)lround((s->w[l + 1] - s->w[0]) * scale);
            big |= abs(r.w[l]) >= prune;
        }
        if (big)
            rows[nr++] = r;
    }
    qsort(rows, nr, sizeof *rows, by_key);
    fprintf(out, "pass %d\n", p + 1);
    for (size_t i = 0; i < nr; i++) {
        fprintf(out, "%016llx\t", (unsigned long long)rows[i].key);
        for (int l = 0; l < TG_NW; l++)
            fprintf(out, l ? " %d" : "%d", rows[i].w[l]);
        fputc('\n', out);
    }
    free(rows);
    return nr;
}

int main(int argc, char **argv)
{
    int epochs = 10, cv = 0, orders = 4;
    const char *outpath = NULL;
    int a = 1;
    for (; a < argc && argv[a][0] == '-'; a++) {
        if (strcmp(argv[a], "-e") == 0 && a + 1 < argc)
            epochs = atoi(argv[++a]);
        else if (strcmp(argv[a], "-o") == 0 && a + 1 < argc)
            outpath = argv[++a];
        else if (strcmp(argv[a], "-cv") == 0)
            cv = 1;
        else if (strcmp(argv[a], "-d") == 0 && a + 1 < argc)
            dump_cv = argv[++a];
        else if (strcmp(argv[a], "-t") == 0 && a + 1 < argc)
            dump_test = argv[++a];
        else if (strcmp(argv[a], "-p") == 0 && a + 1 < argc)
            prune = atoi(argv[++a]);
        else if (strcmp(argv[a], "-m") == 0 && a + 1 < argc)
            min_count = atof(argv[++a]);
        else if (strcmp(argv[a], "-k") == 0 && a + 1 < argc)
            orders = atoi(argv[++a]);
        else if (strcmp(argv[a], "-s") == 0 && a + 1 < argc)
            rng_seed = strtoull(argv[++a], NULL, 0) | 1;
        else
            break;
    }
    if (argc - a < 2 || (argc - a) % 2 || epochs < 1) {
        fprintf(stderr, "usage: train_tagger [-e EPOCHS] [-k ORDERS] [-cv] [-m MIN_COUNT] [-p PRUNE] [-d FILE] [-t FILE] [-s SEED] [-o OUT] DOCS GOLD[:REPEAT] ...\n");
        return 2;
    }
    char err[512];
    /* the built-in rules, and an empty model in place of the built-in one,
     * which may be stale (of other labels or features) */
    char empty[] = "/tmp/train_tagger-XXXXXX";
    int fd = mkstemp(empty);
    FILE *ef = fd >= 0 ? fdopen(fd, "w") : NULL;
    char labels0[128];
    tg_labels_line(labels0, sizeof labels0);
    if (!ef) {
        perror("train_tagger: temporary model");
        return 2;
    }
    fprintf(ef, "%s: empty\nfeatures\t%d\n%s\npass 1\n", ANN_TAGGER_MAGIC, TG_FEATURES, labels0);
    fclose(ef);
    const char *user[] = {empty};
    ann_engine *e = ann_engine_new(0, user, 1, err, sizeof err);
    remove(empty);
    if (!e) {
        fprintf(stderr, "train_tagger: %s\n", err);
        return 2;
    }
    clock_t t0 = clock();
    tdoc *docs = NULL;
    size_t n = 0, cap = 0;
    for (; a + 1 < argc; a += 2) {
        char *gold = ann_xstrdup(argv[a + 1]);
        char *colon = strrchr(gold, ':');
        int repeat = 1;
        if (colon && colon[1] >= '0' && colon[1] <= '9') {
            repeat = atoi(colon + 1);
            *colon = '\0';
        }
        read_set(e, argv[a], gold, repeat, &docs, &n, &cap);
        free(gold);
    }
    jackknife(docs, n, epochs);
    if (cv)
        cv_second(docs, n, epochs);
    model m1 = {0}, m2 = {0};
    train_orders(&m1, docs, n, 0, epochs, orders);
    train_orders(&m2, docs, n, 1, epochs, orders);
    test_sets(docs, n, &m1, &m2);
    FILE *out = outpath ? fopen(outpath, "w") : stdout;
    if (!out) {
        perror(outpath);
        return 2;
    }
    fprintf(out, "%s: averaged perceptron, %d epochs, made by src/tools/train_tagger.c (make train)\n",
            ANN_TAGGER_MAGIC, epochs);
    char labels[128];
    tg_labels_line(labels, sizeof labels);
    fprintf(out, "# HASH<TAB>weights of the labels below (outside: 0); features and hashes: src/tagger.c\n"
                 "features\t%d\n%s\n", TG_FEATURES, labels);
    size_t n1 = write_pass(out, &m1, 0), n2 = write_pass(out, &m2, 1);
    if (out != stdout && fclose(out) != 0) {
        perror(outpath);
        return 2;
    }
    fprintf(stderr, "train_tagger: %zu + %zu features, %.1f s\n", n1, n2,
            (double)(clock() - t0) / CLOCKS_PER_SEC);
    model_free(&m1);
    model_free(&m2);
    tg_memo_free(&ctx_memo);
    for (size_t k = 0; k < n; k++) {
        if (!docs[k].copy) {
            ann_doc_free(docs[k].doc);
            ann_tokens_free(&docs[k].toks);
            ann_matches_free(&docs[k].matches);
            free(docs[k].gold);
            free(docs[k].pass1);
        }
    }
    free(docs);
    ann_engine_free(e);
    return 0;
}
