/*
 * test_cli.c - the pieces of the command line that need no process: the
 * ids of a run's inputs (unique, and as before where names differ), the
 * escaping of messages, the file name an id gets in --out-dir, and the ids
 * and errors of JSON Lines records (the same whatever block a record came
 * in).  The runs themselves are in the scripts of tests/cli.
 */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "cli.h"

static char **ids_of(char **paths, size_t n)
{
    return cli_input_ids(paths, n);
}

static void test_ids_unchanged(void)
{
    /* distinct names: the file name without its extension, as the
     * scorers expect */
    char *p[] = {"corpus/000_c0bde95ed06c11bd.txt", "x/y/page.html", "-", "notes", ".hidden.txt"};
    char **ids = ids_of(p, 5);
    CHECK_STR(ids[0], "000_c0bde95ed06c11bd");
    CHECK_STR(ids[1], "page");
    CHECK_STR(ids[2], "stdin");
    CHECK_STR(ids[3], "notes");
    CHECK_STR(ids[4], ".hidden");
    cli_input_ids_free(ids, 5);
    char *one[] = {"../shared/dev/conll2003_dev/docs/1163testa.txt"};
    ids = ids_of(one, 1);
    CHECK_STR(ids[0], "1163testa");
    cli_input_ids_free(ids, 1);
}

static void test_ids_clash(void)
{
    char *p[] = {"a/story.txt", "b/story.txt", "other.txt"};
    char **ids = ids_of(p, 3);
    CHECK_STR(ids[0], "a/story");
    CHECK_STR(ids[1], "b/story");
    CHECK_STR(ids[2], "other");
    cli_input_ids_free(ids, 3);

    /* saved pages: each keeps the fewest directories that tell it apart */
    char *q[] = {"site1/news/index.html", "site2/news/index.html", "site3/index.html",
                 "index.html"};
    ids = ids_of(q, 4);
    CHECK_STR(ids[0], "site1/news/index");
    CHECK_STR(ids[1], "site2/news/index");
    CHECK_STR(ids[2], "site3/index");
    CHECK_STR(ids[3], "index");
    for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
            CHECK(strcmp(ids[i], ids[j]) != 0);
    cli_input_ids_free(ids, 4);

    /* only the extension tells them apart */
    char *r[] = {"d/x.txt", "d/x.html"};
    ids = ids_of(r, 2);
    CHECK_STR(ids[0], "x.txt");
    CHECK_STR(ids[1], "x.html");
    cli_input_ids_free(ids, 2);

    /* one file named twice is one document, one id */
    char *s[] = {"a/x.txt", "./a/x.txt", "a//x.txt", "b/x.txt"};
    ids = ids_of(s, 4);
    CHECK_STR(ids[0], "a/x");
    CHECK_STR(ids[1], "a/x");
    CHECK_STR(ids[2], "a/x");
    CHECK_STR(ids[3], "b/x");
    cli_input_ids_free(ids, 4);
}

static void test_ids_many(void)
{
    /* 20,000 pages all named index.html, two levels deep */
    size_t n = 20000;
    char **p = malloc(n * sizeof *p);
    for (size_t i = 0; i < n; i++)
        p[i] = ann_xasprintf("site%zu/%s/index.html", i / 2, i % 2 ? "b" : "a");
    char **ids = ids_of(p, n);
    CHECK_STR(ids[0], "site0/a/index");
    CHECK_STR(ids[1], "site0/b/index");
    int unique = 1;
    for (size_t i = 1; i < n; i++)
        if (strcmp(ids[i], ids[i - 1]) == 0)
            unique = 0;
    CHECK(unique);
    cli_input_ids_free(ids, n);
    for (size_t i = 0; i < n; i++)
        free(p[i]);
    free(p);
}

static void test_messages(void)
{
    ann_buf b = {0};
    cli_msg_add(&b, "evil\nannotate: fake.txt: all good", "%s", "No such file or directory");
    CHECK_STR(b.p, "annotate: evil\\nannotate: fake.txt: all good: No such file or directory\n");
    b.len = 0;
    cli_msg_add(&b, "t\tab\x1b[31m\x7f", "warning: %s", "line\r\nbreak");
    CHECK_STR(b.p, "annotate: t\\tab\\x1b[31m\\x7f: warning: line\\r\\nbreak\n");
    b.len = 0;
    cli_msg_add(&b, NULL, "unknown option: %s", "-r");
    CHECK_STR(b.p, "annotate: unknown option: -r\n");
    b.len = 0;
    cli_msg_add(&b, "caf\xC3\xA9.txt", "ok");   /* UTF-8 stays as it is */
    CHECK_STR(b.p, "annotate: caf\xC3\xA9.txt: ok\n");
    ann_buf_free(&b);
}

static void test_outdir_names(void)
{
    char *n = cli_outdir_name("a/story");
    CHECK_STR(n, "a_story");
    free(n);
    n = cli_outdir_name("/../etc/passwd");
    CHECK_STR(n, "_.._etc_passwd");
    free(n);
    n = cli_outdir_name(".x");
    CHECK_STR(n, "_.x");
    free(n);
    n = cli_outdir_name("");
    CHECK_STR(n, "_");
    free(n);
}

static void test_jsonl_ids(void)
{
    const char *rec = "{\"text\": \"NATO met in Brussels.\"}";
    char err[256];
    /* the same record, in another block at another line: the same id */
    ann_doc *a = ann_jsonl_to_doc(NULL, "-", 1, rec, strlen(rec), err, sizeof err);
    ann_doc *b = ann_jsonl_to_doc(NULL, "part2.jsonl", 377, rec, strlen(rec), err, sizeof err);
    CHECK(a && b && !a->error && !b->error);
    CHECK(a && b && strcmp(a->id, b->id) == 0);
    CHECK(a && strncmp(a->id, "rec-", 4) == 0);
    const char *rec2 = "{\"text\": \"NATO met in Brussels!\"}";
    ann_doc *c = ann_jsonl_to_doc(NULL, "-", 2, rec2, strlen(rec2), err, sizeof err);
    CHECK(a && c && strcmp(a->id, c->id) != 0);
    ann_doc_free(a);
    ann_doc_free(b);
    ann_doc_free(c);

    /* a blank line is a record that went missing: an error document */
    a = ann_jsonl_to_doc(NULL, "-", 4, "  \t", 3, err, sizeof err);
    CHECK(a && a->error && strcmp(a->error, "line 4: blank line, no record") == 0);
    CHECK_INT(a ? a->len : 1, 0);
    ann_doc_free(a);

    CHECK(ann_jsonl_looks_like(rec, strlen(rec)));
    CHECK(!ann_jsonl_looks_like("{\"id\": 1}", 9));
    CHECK(!ann_jsonl_looks_like("{\"text\": \"x\"} y", 15));
    CHECK(!ann_jsonl_looks_like("{\"text\": \"x\"", 12));
    CHECK(ann_jsonl_looks_like("{\"text\": \"x\"}  \r", 16));
}

int main(void)
{
    test_ids_unchanged();
    test_ids_clash();
    test_ids_many();
    test_messages();
    test_outdir_names();
    test_jsonl_ids();
    TEST_DONE();
}
