/*
 * cli_inputs.c - the document id of each input of a run.  An id is the
 * file name without its extension, as the scorers expect (gold is matched
 * on it); but two inputs must not share one, and saved pages are often
 * all "index.html".  So where names clash, each input keeps the fewest
 * trailing directories that tell it from the others ("a/story",
 * "b/story"), and the extension where only it does ("x.txt", "x.html").
 * Inputs that still clash are one file named twice ("x.txt", "./x.txt"),
 * which is one document and keeps one id.
 *
 * Each round sorts the inputs not yet told apart by their key at that
 * level, so a million inputs named index.html cost a few sorts, not a
 * million comparisons each.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct input {
    size_t idx;                /* into the paths */
    char **comp;               /* the path's components, "." and "" left out */
    size_t ncomp;
    char *key;                 /* at the current level */
} input;

static void split(input *in, const char *path)
{
    size_t cap = 0;
    const char *p = path;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (n && !(n == 1 && p[0] == '.'))
            ANN_PUSH(in->comp, in->ncomp, cap, ann_xstrndup(p, n));
        p += n + (slash != NULL);
    }
}

/* The key of an input at a level: its last `dirs` directories and its
 * name, with or without the extension. */
static char *key_at(const input *in, size_t dirs, int ext)
{
    if (in->ncomp == 0)
        return ann_xstrdup("");
    const char *base = in->comp[in->ncomp - 1];
    const char *dot = strrchr(base, '.');
    size_t blen = !ext && dot && dot != base ? (size_t)(dot - base) : strlen(base);
    size_t have = in->ncomp - 1, first = have > dirs ? have - dirs : 0;
    ann_buf b = {0};
    ann_buf_add(&b, "", 0);
    for (size_t i = first; i < have; i++) {
        ann_buf_adds(&b, in->comp[i]);
        ann_buf_adds(&b, "/");
    }
    ann_buf_add(&b, base, blen);
    return b.p;
}

static int by_key(const void *a, const void *b)
{
    const input *x = *(input *const *)a, *y = *(input *const *)b;
    return strcmp(x->key, y->key);
}

/* One round: every input in v gets its key at (dirs, ext); those whose
 * key no other has are done (their id is that key) and leave v. */
static size_t round_of(input **v, size_t n, size_t dirs, int ext, char **ids)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i]->key);
        v[i]->key = key_at(v[i], dirs, ext);
    }
    qsort(v, n, sizeof *v, by_key);
    size_t kept = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && strcmp(v[j]->key, v[i]->key) == 0)
            j++;
        if (j - i == 1) {
            ids[v[i]->idx] = v[i]->key;
            v[i]->key = NULL;
        } else {
            for (size_t k = i; k < j; k++)
                v[kept++] = v[k];
        }
        i = j;
    }
    return kept;
}

/* Inputs with the same components are one file: they share the id of the
 * first, and only the first takes part in the rounds. */
static size_t drop_same_files(input **v, size_t n, size_t *same_as)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i]->key);
        v[i]->key = key_at(v[i], v[i]->ncomp, 1);
    }
    qsort(v, n, sizeof *v, by_key);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (kept && strcmp(v[kept - 1]->key, v[i]->key) == 0 &&
            v[kept - 1]->ncomp == v[i]->ncomp) {
            same_as[v[i]->idx] = v[kept - 1]->idx;
            continue;
        }
        v[kept++] = v[i];
    }
    return kept;
}

char **cli_input_ids(char *const *paths, size_t n)
{
    char **ids = ann_xcalloc(n ? n : 1, sizeof *ids);
    input *all = ann_xcalloc(n ? n : 1, sizeof *all);
    input **v = ann_xcalloc(n ? n : 1, sizeof *v);
    size_t *same_as = ann_xcalloc(n ? n : 1, sizeof *same_as);
    size_t maxdirs = 0, left = 0;
    for (size_t i = 0; i < n; i++) {
        same_as[i] = i;
        all[i].idx = i;
        split(&all[i], strcmp(paths[i], "-") == 0 ? "stdin" : paths[i]);
        if (all[i].ncomp > maxdirs + 1)
            maxdirs = all[i].ncomp - 1;
        v[i] = &all[i];
    }
    left = drop_same_files(v, n, same_as);
    for (int ext = 0; ext <= 1 && left; ext++)
        for (size_t dirs = 0; dirs <= maxdirs && left; dirs++)
            left = round_of(v, left, dirs, ext, ids);
    for (size_t i = 0; i < left; i++) {   /* cannot happen: kept for safety */
        ids[v[i]->idx] = v[i]->key;
        v[i]->key = NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (same_as[i] != i)
            ids[i] = ann_xstrdup(ids[same_as[i]]);
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < all[i].ncomp; k++)
            free(all[i].comp[k]);
        free(all[i].comp);
        free(all[i].key);
    }
    free(all);
    free(v);
    free(same_as);
    return ids;
}

void cli_input_ids_free(char **ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
}
