/*
 * engine.c - loading the engine: every rule file, built in or the user's,
 * is placed in the rules tree (lexicon/, patterns/, claims/, dates/,
 * tokenizer/, lang/, meta/, html/, tagger/) and handed to the one loader of
 * its kind, in an order that lets a kind use the kinds before it (lexicon
 * surfaces are tokenized with the abbreviations).  Built-in files come
 * first, then each --rules argument in order, so a user's file adds to or
 * overrides the built-in file of the same place.
 *
 * `--rules DIR` is a tree laid out like src/rules/; `--rules FILE` is a
 * lexicon or a pattern file, told apart by its name or first line, or the
 * name tagger's model (its first line says so), which replaces the
 * built-in one.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "annotate.h"
#include "builtin.h"
#include "claims.h"
#include "date_parse.h"
#include "dates.h"
#include "image.h"
#include "lang.h"
#include "meta.h"
#include "reader_html.h"
#include "rulefile.h"
#include "tagger.h"

/* ---- the loaders of each kind ------------------------------------------ */

typedef int (*kind_load)(ann_engine *e, const ann_rule_src *srcs, size_t n,
                         char *err, size_t errlen);

/* The compiled tables of kind k (image.h), a bit in ann_engine.compiled. */
#define IMG(k) (1u << ANN_IMG_##k)

static int abbrev_line(void *ctx, const char *line, size_t len, const char *name,
                       size_t lineno, char *err, size_t errlen)
{
    if (ann_abbrevs_add(ctx, line, len) < 0) {
        ann_load_error(err, errlen, name, lineno,
                       "want one word without its period, under 16 bytes, and maybe a tab and a class (num, title)");
        return -1;
    }
    return 0;
}

static int starter_line(void *ctx, const char *line, size_t len, const char *name,
                        size_t lineno, char *err, size_t errlen)
{
    if (ann_abbrevs_add_starter(ctx, line, len) < 0) {
        ann_load_error(err, errlen, name, lineno, "want one word, under 16 bytes");
        return -1;
    }
    return 0;
}

static int load_abbrevs(ann_engine *e, const ann_rule_src *srcs, size_t n,
                        char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++) {
        int starters = strcmp(srcs[i].tree, "tokenizer/starters.txt") == 0;
        if (ann_rule_lines(&srcs[i], starters ? starter_line : abbrev_line, e->abbrevs,
                           err, errlen) < 0)
            return -1;
    }
    return 0;
}

/* The compiled tables of kind k, when the engine uses them. */
static uint64_t compiled_root(const ann_engine *e, int k)
{
    return e->compiled & (1u << k) ? ann_compiled.root[k] : 0;
}

/* Lexicons and patterns fill one rule set, matched together. */
static int load_rules(ann_engine *e, const ann_rule_src *srcs, size_t n,
                      char *err, size_t errlen)
{
    uint64_t root = compiled_root(e, ANN_IMG_RULES);
    if (root) {
        ann_rules_free(e->rules);
        e->rules = ann_rules_attach(&ann_compiled, root, e->abbrevs);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        int pat = strncmp(srcs[i].tree, "patterns/", 9) == 0;
        if ((pat ? ann_rules_load_patterns : ann_rules_load_lexicon)(e->rules, &srcs[i], err,
                                                                      errlen) < 0)
            return -1;
    }
    return 0;
}

static int load_dates(ann_engine *e, const ann_rule_src *srcs, size_t n,
                      char *err, size_t errlen)
{
    uint64_t root = compiled_root(e, ANN_IMG_DATES);
    if (root && (e->date_rules = ann_date_rules_attach(&ann_compiled, root)) != NULL)
        return 0;
    e->compiled &= ~IMG(DATES);   /* this PCRE2 cannot read the image's regexes */
    e->date_rules = ann_date_rules_new(srcs, n, err, errlen);
    return e->date_rules ? 0 : -1;
}

static int load_claims(ann_engine *e, const ann_rule_src *srcs, size_t n,
                       char *err, size_t errlen)
{
    uint64_t root = compiled_root(e, ANN_IMG_CLAIMS);
    e->claim_rules = root ? ann_claim_rules_attach(&ann_compiled, root)
                          : ann_claim_rules_new(srcs, n, err, errlen);
    if (!e->claim_rules)
        return -1;
    /* one list of speech cues: the entities annotator reads them as
     * lexicon entries of kind "cue" (the compiled lexicon has them) */
    for (size_t i = 0; i < n && !(e->compiled & IMG(RULES)); i++)
        if (strcmp(srcs[i].tree, "claims/cues.tsv") == 0 &&
            ann_claim_cues_to_lexicon(e->rules, &srcs[i], err, errlen) < 0)
            return -1;
    return 0;
}

static int load_lang(ann_engine *e, const ann_rule_src *srcs, size_t n,
                     char *err, size_t errlen)
{
    uint64_t root = compiled_root(e, ANN_IMG_LANG);
    e->lang = root ? ann_lang_attach(&ann_compiled, root) : ann_lang_new(srcs, n, err, errlen);
    return e->lang ? 0 : -1;
}

static int load_months(ann_engine *e, const ann_rule_src *srcs, size_t n,
                       char *err, size_t errlen)
{
    uint64_t root = compiled_root(e, ANN_IMG_MONTHS);
    e->months = root ? ann_months_attach(&ann_compiled, root)
                     : ann_months_new(srcs, n, err, errlen);
    return e->months ? 0 : -1;
}

static int load_meta(ann_engine *e, const ann_rule_src *srcs, size_t n,
                     char *err, size_t errlen)
{
    e->meta = ann_meta_rules_new(srcs, n, err, errlen);
    return e->meta ? 0 : -1;
}

static int load_html(ann_engine *e, const ann_rule_src *srcs, size_t n,
                     char *err, size_t errlen)
{
    uint64_t root = compiled_root(e, ANN_IMG_HTML);
    e->html = root ? ann_html_rules_attach(&ann_compiled, root)
                   : ann_html_rules_new(srcs, n, err, errlen);
    return e->html ? 0 : -1;
}

/* A model replaces the one before (the built-in one, a table compiled in,
 * or an earlier user's): only the last is read. */
static int load_tagger(ann_engine *e, const ann_rule_src *srcs, size_t n,
                       char *err, size_t errlen)
{
    if (n == 0)
        return 0;
    const ann_rule_src *s = &srcs[n - 1];
    return ann_tagger_load(e->tagger, s->name, s->data, s->len, err, errlen);
}

/* ---- the kinds of rule files ------------------------------------------- */

/* In loading order.  A place ending in '/' is a folder of files with the
 * extension; any other place is one file.  feeds: the compiled tables the
 * files of the place are in; a user's file there has them built at run
 * time instead (lexicon surfaces are tokenized with the abbreviations, and
 * the cue list is a lexicon too). */
static const struct kind {
    const char *place;
    const char *ext;
    kind_load load;
    unsigned feeds;
} kinds[] = {
    {"tokenizer/abbreviations.txt", NULL, load_abbrevs, IMG(RULES)},
    {"tokenizer/starters.txt", NULL, load_abbrevs, IMG(RULES)},
    {"lexicon/", ".tsv", load_rules, IMG(RULES)},
    {"patterns/", ".jsonl", load_rules, IMG(RULES)},
    {"dates/normalization.tsv", NULL, load_dates, IMG(DATES)},
    {"dates/fragments.tsv", NULL, load_dates, IMG(DATES)},
    {"dates/rules.tsv", NULL, load_dates, IMG(DATES)},
    {"claims/cues.tsv", NULL, load_claims, IMG(CLAIMS) | IMG(RULES)},
    {"claims/speakers.tsv", NULL, load_claims, IMG(CLAIMS)},
    {"claims/nouns.tsv", NULL, load_claims, IMG(CLAIMS)},
    {"claims/words.tsv", NULL, load_claims, IMG(CLAIMS)},
    {"lang/", ".txt", load_lang, IMG(LANG)},
    {"lang/scripts.tsv", NULL, load_lang, IMG(LANG)},
    {"lang/covered.tsv", NULL, load_lang, IMG(LANG)},
    {"meta/months.tsv", NULL, load_months, IMG(MONTHS)},
    {"meta/leads.tsv", NULL, load_meta, 0},
    {"meta/particles.txt", NULL, load_meta, 0},
    {"meta/lowercase.txt", NULL, load_meta, 0},
    {"html/hints.tsv", NULL, load_html, IMG(HTML)},
    {"html/bylines.tsv", NULL, load_html, IMG(HTML)},
    {"html/meta.tsv", NULL, load_html, IMG(HTML)},
    {"tagger/weights.tsv", NULL, load_tagger, 0},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The kind of a place in the tree, or -1. */
static int kind_of(const char *tree)
{
    for (size_t k = 0; k < NKINDS; k++) {
        const char *p = kinds[k].place;
        size_t n = strlen(p);
        if (p[n - 1] != '/' ? strcmp(tree, p) == 0
                            : strncmp(tree, p, n) == 0 && !strchr(tree + n, '/') &&
                                  ends_with(tree, kinds[k].ext))
            return (int)k;
    }
    return -1;
}

/* ---- gathering the files ----------------------------------------------- */

typedef struct gathered {
    ann_rule_src *v;
    size_t n, cap;
    char **owned;          /* names, places and data read from disk */
    size_t nowned, capowned;
} gathered;

static char *own(gathered *g, char *s)
{
    ANN_PUSH(g->owned, g->nowned, g->capowned, s);
    return s;
}

static void add_src(gathered *g, char *name, char *tree, char *data, size_t len)
{
    ann_rule_src s = {name, tree, data, len, 0};
    ANN_PUSH(g->v, g->n, g->cap, s);
}

static void gather_builtin(gathered *g)
{
    for (size_t i = 0; i < ann_builtin_nfiles; i++) {
        const ann_builtin_file *f = &ann_builtin_files[i];
        if (kind_of(f->name) < 0)
            continue;
        /* Name errors by the source path, where a developer can fix them. */
        ann_rule_src s = {own(g, ann_xasprintf("src/rules/%s", f->name)), f->name,
                          f->data, f->len, 1};
        ANN_PUSH(g->v, g->n, g->cap, s);
    }
}

static int gather_file(gathered *g, const char *path, const char *tree,
                       char *err, size_t errlen)
{
    size_t len = 0;
    char *data = ann_rule_read_file(path, &len, err, errlen);
    if (!data)
        return -1;
    own(g, data);
    /* A lone file is a lexicon or a pattern file; its place only tells
     * the kind, and messages name it by its path. */
    if (!tree)
        tree = ann_tagger_is_model(data, len)           ? "tagger/weights.tsv"
               : ann_rules_is_patterns(path, data, len) ? "patterns/user.jsonl"
                                                        : "lexicon/user.tsv";
    add_src(g, own(g, ann_xstrdup(path)), own(g, ann_xstrdup(tree)), data, len);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Editors' backups, hidden files and notes are not rules. */
static int skipped(const char *name)
{
    return name[0] == '.' || ends_with(name, "~") || strncmp(name, "README", 6) == 0 ||
           ends_with(name, ".md");
}

static int gather_tree(gathered *g, const char *root, const char *rel, int depth,
                       char *err, size_t errlen);

/* One entry of a tree: a folder is walked, a file must have a place. */
static int gather_entry(gathered *g, const char *root, const char *rel, int depth,
                        char *err, size_t errlen)
{
    char *path = ann_xasprintf("%s/%s", root, rel);
    struct stat st;
    int rc = 0;
    if (stat(path, &st) != 0) {
        ann_load_error(err, errlen, path, 0, "%s", strerror(errno));
        rc = -1;
    } else if (S_ISDIR(st.st_mode)) {
        rc = gather_tree(g, root, rel, depth + 1, err, errlen);
    } else if (kind_of(rel) < 0) {
        ann_load_error(err, errlen, path, 0,
                       "no rule file belongs here (see `man annotate`, RULES)");
        rc = -1;
    } else {
        rc = gather_file(g, path, rel, err, errlen);
    }
    free(path);
    return rc;
}

static int gather_tree(gathered *g, const char *root, const char *rel, int depth,
                       char *err, size_t errlen)
{
    char *dir = rel ? ann_xasprintf("%s/%s", root, rel) : ann_xstrdup(root);
    DIR *d = depth > 2 ? NULL : opendir(dir);
    if (!d) {
        ann_load_error(err, errlen, dir, 0, "%s",
                       depth > 2 ? "folders nested too deep for a rules tree" : strerror(errno));
        free(dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        if (!skipped(de->d_name))
            ANN_PUSH(names, n, cap, ann_xstrdup(de->d_name));
    closedir(d);
    if (n > 1)   /* the same order everywhere; qsort may not be given NULL */
        qsort(names, n, sizeof *names, by_name);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        char *r = rel ? ann_xasprintf("%s/%s", rel, names[i]) : ann_xstrdup(names[i]);
        if (rc == 0)
            rc = gather_entry(g, root, r, depth, err, errlen);
        free(r);
        free(names[i]);
    }
    free(names);
    free(dir);
    return rc;
}

static int gather_user(gathered *g, const char *path, char *err, size_t errlen)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t n = strlen(path);
        while (n > 1 && path[n - 1] == '/')
            n--;
        char *root = ann_xstrndup(path, n);
        int rc = gather_tree(g, root, NULL, 0, err, errlen);
        free(root);
        return rc;
    }
    return gather_file(g, path, NULL, err, errlen);
}

static void gathered_free(gathered *g)
{
    for (size_t i = 0; i < g->nowned; i++)
        free(g->owned[i]);
    free(g->owned);
    free(g->v);
}

/* ---- the engine -------------------------------------------------------- */

/* Each loader gets every file of its kind at once (the date and claim
 * tables are built from all their files together); kinds that share a
 * loader are one group. */
static int load_all(ann_engine *e, const gathered *g, char *err, size_t errlen)
{
    ann_rule_src *batch = ann_xmalloc((g->n + 1) * sizeof *batch);
    int *kind = ann_xmalloc((g->n + 1) * sizeof *kind);   /* each file's, found once */
    for (size_t i = 0; i < g->n; i++)
        kind[i] = kind_of(g->v[i].tree);
    int rc = 0;
    for (size_t k = 0; k < NKINDS && rc == 0; k++) {
        if (k > 0 && kinds[k].load == kinds[k - 1].load)
            continue;
        size_t nb = 0;
        for (size_t j = k; j < NKINDS && kinds[j].load == kinds[k].load; j++)
            for (size_t i = 0; i < g->n; i++)
                if (kind[i] == (int)j)
                    batch[nb++] = g->v[i];
        rc = kinds[k].load(e, batch, nb, err, errlen);
    }
    free(kind);
    free(batch);
    return rc;
}

/* The kinds whose compiled tables serve: those the binary has, but for
 * the kinds a user's file feeds. */
static unsigned compiled_kinds(const gathered *g)
{
    if (!ann_img_valid(&ann_compiled))
        return 0;
    unsigned c = 0;
    for (int k = 0; k < ANN_IMG_NKINDS; k++)
        if (ann_compiled.root[k])
            c |= 1u << k;
    for (size_t i = 0; i < g->n; i++)
        if (!g->v[i].builtin)
            c &= ~kinds[kind_of(g->v[i].tree)].feeds;
    return c;
}

static ann_engine *engine_new(int no_builtin, int from_source, const char *const *user_rules,
                              size_t nuser, char *err, size_t errlen)
{
    ann_engine *e = ann_xcalloc(1, sizeof *e);
    e->window_bytes = ANN_WINDOW_BYTES;
    e->abbrevs = ann_abbrevs_new();
    e->rules = ann_rules_new(e->abbrevs);
    e->tagger = ann_tagger_new();
    if (!no_builtin)
        ann_tagger_use_builtin(e->tagger);   /* compiled in (a user's model replaces it) */
    gathered g = {0};
    int rc = 0;
    if (!no_builtin)
        gather_builtin(&g);
    for (size_t i = 0; i < nuser && rc == 0; i++)
        rc = gather_user(&g, user_rules[i], err, errlen);
    if (!no_builtin && !from_source)
        e->compiled = compiled_kinds(&g);
    if (rc == 0)
        rc = load_all(e, &g, err, errlen);
    gathered_free(&g);
    e->reading = (ann_reader_rules){e->html, e->months, e->meta, e->rules};
    if (rc < 0) {
        ann_engine_free(e);
        return NULL;
    }
    return e;
}

ann_engine *ann_engine_new(int no_builtin, const char *const *user_rules,
                           size_t nuser, char *err, size_t errlen)
{
    return engine_new(no_builtin, 0, user_rules, nuser, err, errlen);
}

ann_engine *ann_engine_new_from_source(int no_builtin, const char *const *user_rules,
                                       size_t nuser, char *err, size_t errlen)
{
    return engine_new(no_builtin, 1, user_rules, nuser, err, errlen);
}

void ann_engine_save(const ann_engine *e, ann_img *im, uint64_t *root)
{
    for (int k = 0; k < ANN_IMG_NKINDS; k++)
        root[k] = 0;
    root[ANN_IMG_RULES] = ann_rules_save(e->rules, im);
    root[ANN_IMG_DATES] = ann_date_rules_save(e->date_rules, im);
    root[ANN_IMG_CLAIMS] = ann_claim_rules_save(e->claim_rules, im);
    root[ANN_IMG_LANG] = ann_lang_save(e->lang, im);
    root[ANN_IMG_MONTHS] = ann_months_save(e->months, im);
    root[ANN_IMG_HTML] = ann_html_rules_save(e->html, im);
}

void ann_engine_free(ann_engine *e)
{
    if (!e)
        return;
    ann_rules_free(e->rules);
    ann_date_rules_free(e->date_rules);
    ann_claim_rules_free(e->claim_rules);
    ann_lang_free(e->lang);
    ann_months_free(e->months);
    ann_meta_rules_free(e->meta);
    ann_html_rules_free(e->html);
    ann_tagger_free(e->tagger);
    ann_abbrevs_free(e->abbrevs);
    free(e);
}
