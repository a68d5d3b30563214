/*
 * test_compiled.c - the built-in rules compiled at build time (src/image.h)
 * against the same rules built at start-up: the tables the loaders build
 * now, saved, are byte for byte the binary's image (so the image is not
 * stale, and attaching loses nothing: saving the attached tables gives the
 * same bytes again); the output over the corpus and the test pages is the
 * same either way; a user's file has its kind built at run time, and only
 * its kind, with the same output as a start-up that builds every kind.
 *
 * Arguments, if any, are more files to compare the output over (the
 * development sets: tests/same_compiled.sh).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annotate.h"
#include "image.h"
#include "reader.h"
#include "test.h"
#include "writer.h"

static char err[1024];

static ann_engine *engine(int from_source, const char *const *rules, size_t n)
{
    ann_engine *e = from_source ? ann_engine_new_from_source(0, rules, n, err, sizeof err)
                                : ann_engine_new(0, rules, n, err, sizeof err);
    if (!e)
        fprintf(stderr, "engine: %s\n", err);
    CHECK(e != NULL);
    return e;
}

/* ---- the tables ------------------------------------------------------------ */

static void save(const ann_engine *e, ann_img *im, uint64_t *root)
{
    ann_img_init(im);
    ann_engine_save(e, im, root);
}

static void same_tables(void)
{
    ann_engine *src = engine(1, NULL, 0), *cmp = engine(0, NULL, 0);
    if (!src || !cmp)
        return;
    CHECK(ann_img_valid(&ann_compiled));
    CHECK_INT(src->compiled, 0);
    unsigned all = 0;
    for (int k = 0; k < ANN_IMG_NKINDS; k++) {
        CHECK(ann_compiled.root[k] != 0);   /* every kind is compiled */
        all |= 1u << k;
    }
    CHECK_INT(cmp->compiled, all);
    ann_img a, b;
    uint64_t ra[ANN_IMG_NKINDS], rb[ANN_IMG_NKINDS];
    save(src, &a, ra);
    save(cmp, &b, rb);
    /* what start-up builds now is the binary's image */
    CHECK_INT(a.len, ann_compiled.len);
    CHECK(a.len == ann_compiled.len && memcmp(a.p, ann_compiled.p, a.len) == 0);
    CHECK(memcmp(ra, ann_compiled.root, sizeof ra) == 0);
    /* and the attached tables are all of it */
    CHECK_INT(b.len, a.len);
    CHECK(a.len == b.len && memcmp(a.p, b.p, a.len) == 0);
    CHECK(memcmp(ra, rb, sizeof ra) == 0);
    ann_img_free(&a);
    ann_img_free(&b);
    ann_engine_free(src);
    ann_engine_free(cmp);
}

/* ---- the output ------------------------------------------------------------ */

/* The JSON of every document of path, annotated by e, appended to out. */
static void annotate_file(const ann_engine *e, const char *path, ann_buf *out)
{
    ann_reader *r = ann_reader_open(path, ANN_IN_AUTO, &e->reading, err, sizeof err);
    if (!r) {
        ann_buf_adds(out, "unreadable\n");
        return;
    }
    ann_write_opts o = {0};
    o.with_text = 1;
    ann_doc *d;
    int rc;
    while ((rc = ann_reader_next(r, &d, err, sizeof err)) != 0) {
        if (rc < 0 && !d) {
            ann_buf_adds(out, "error\n");
            break;
        }
        if (!d->error)
            ann_annotate(e, d);
        ann_writer_json.doc(out, d, &o);
        ann_doc_free(d);
    }
    ann_reader_close(r);
}

typedef struct paths {
    char **v;
    size_t n, cap;
} paths;

/* The files of dir (sorted, not descending), or dir itself. */
static void add_paths(paths *p, const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        ANN_PUSH(p->v, p->n, p->cap, ann_xstrdup(dir));
        return;
    }
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.')
            ANN_PUSH(p->v, p->n, p->cap, ann_xasprintf("%s/%s", dir, names[i]->d_name));
        free(names[i]);
    }
    if (n >= 0)
        free(names);
}

/* Do engines a and b write the same for every file of p? */
static int same_output(const ann_engine *a, const ann_engine *b, const paths *p)
{
    int same = 1;
    for (size_t i = 0; i < p->n; i++) {
        ann_buf x = {0}, y = {0};
        annotate_file(a, p->v[i], &x);
        annotate_file(b, p->v[i], &y);
        if (x.len != y.len || (x.len && memcmp(x.p, y.p, x.len) != 0)) {
            fprintf(stderr, "different output: %s\n", p->v[i]);
            same = 0;
        }
        ann_buf_free(&x);
        ann_buf_free(&y);
    }
    return same;
}

static void paths_free(paths *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
}

static void same_output_builtin(const paths *p)
{
    ann_engine *src = engine(1, NULL, 0), *cmp = engine(0, NULL, 0);
    if (src && cmp)
        CHECK(same_output(src, cmp, p));
    ann_engine_free(src);
    ann_engine_free(cmp);
}

/* ---- a user's rules --------------------------------------------------------- */

static char tmpdir[] = "/tmp/ann_compiled_XXXXXX";

/* Write text to tmpdir/rel, making its folder. */
static void put(const char *rel, const char *text)
{
    char *path = ann_xasprintf("%s/%s", tmpdir, rel);
    for (char *slash = strchr(path + strlen(tmpdir) + 1, '/'); slash;
         slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0700);
        *slash = '/';
    }
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    free(path);
}

/* With the user's rules tree holding only rel: the kinds built at run
 * time are those of want (bits of ANN_IMG_*), and the output over p is
 * what a start-up that builds all gives. */
static void user_file(const char *rel, const char *text, unsigned want, const paths *p)
{
    char root[64];
    snprintf(root, sizeof root, "%s/%s", tmpdir, rel);
    *strchr(root + strlen(tmpdir) + 1, '/') = '\0';
    put(rel, text);
    const char *rules[] = {root};
    ann_engine *src = engine(1, rules, 1), *cmp = engine(0, rules, 1);
    if (src && cmp) {
        unsigned all = (1u << ANN_IMG_NKINDS) - 1;
        CHECK_INT(cmp->compiled, all & ~want);
        if (!same_output(src, cmp, p))
            fprintf(stderr, "  ... with the user's %s\n", rel);
        CHECK(same_output(src, cmp, p));
    }
    ann_engine_free(src);
    ann_engine_free(cmp);
    char *path = ann_xasprintf("%s/%s", tmpdir, rel);
    unlink(path);
    *strrchr(path, '/') = '\0';
    rmdir(path);
    rmdir(root);
    free(path);
}

static void user_rules(const paths *p)
{
    if (!mkdtemp(tmpdir)) {
        CHECK(!"mkdtemp");
        return;
    }
    enum { R = 1u << ANN_IMG_RULES, D = 1u << ANN_IMG_DATES, C = 1u << ANN_IMG_CLAIMS,
           L = 1u << ANN_IMG_LANG, M = 1u << ANN_IMG_MONTHS, H = 1u << ANN_IMG_HTML };
    user_file("u1/lexicon/mine.tsv", "Kyslytsya\tactor\tperson\t-\n", R, p);
    user_file("u2/patterns/mine.jsonl",
              "{\"label\": \"organization\", \"pattern\": [{\"LOWER\": \"kremlin\"}]}\n", R, p);
    user_file("u3/tokenizer/abbreviations.txt", "Gov\n", R, p);
    user_file("u4/claims/cues.tsv", "zorbled\tCBP\n", R | C, p);
    user_file("u5/claims/words.tsv", "amid\tprep\n", C, p);
    user_file("u6/dates/normalization.tsv", "month\tbrumaire\t11\n", D, p);
    user_file("u7/lang/en.txt", "whilst\n", L, p);
    user_file("u8/meta/months.tsv", "brumaire\t11\ten\n", M, p);
    user_file("u9/html/hints.tsv", "storybody\tbody1\n", H, p);
    rmdir(tmpdir);
    /* no built-in rules: nothing compiled */
    ann_engine *e = ann_engine_new(1, NULL, 0, err, sizeof err);
    CHECK(e && e->compiled == 0);
    ann_engine_free(e);
}

int main(int argc, char **argv)
{
    same_tables();
    paths p = {0};
    add_paths(&p, "corpus");
    add_paths(&p, "tests/data/pages");
    add_paths(&p, "tests/data/formats");
    CHECK(p.n > 10);
    same_output_builtin(&p);
    user_rules(&p);
    paths more = {0};
    for (int i = 1; i < argc; i++)
        add_paths(&more, argv[i]);
    if (more.n > 0)
        same_output_builtin(&more);
    paths_free(&p);
    paths_free(&more);
    TEST_DONE();
}
