/*
 * test_limits.c - the limits that keep hostile input harmless, and the
 * fuzzers' findings replayed.
 *
 * Every file under tests/data/regress/TARGET/ (an input a fuzz target once
 * crashed on, or broke an invariant with) goes through the same target body
 * again (tests/fuzz/targets.h), each in a child process so that one failure
 * is reported by name and the others still run.  Then: the tokenizer's caps
 * on token, sentence and window length; user regexes that would backtrack
 * forever; a billion laughs and deep nesting in the markup readers.  Sizes
 * are kept small enough for valgrind; tests/cli/hostile.sh runs the big ones
 * through the binary.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"
#include "fuzz/targets.h"

#define REGRESS "tests/data/regress"

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0, got;
    char *p = malloc(cap);
    while (p && (got = fread(p + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap)
            p = realloc(p, cap *= 2);
    }
    fclose(f);
    *n = len;
    return p;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every saved input of one target, each in a child process. */
static void replay(const char *target, int (*fn)(const uint8_t *, size_t))
{
    char dir[256];
    snprintf(dir, sizeof dir, REGRESS "/%s", target);
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap)
            names = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_name);
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            size_t len = 0;
            char *data = read_file(path, &len);
            if (!data)
                _exit(3);
            fn((const uint8_t *)data, len);
            free(data);
            for (size_t k = i; k < n; k++)
                free(names[k]);
            free(names);
            exit(0);    /* not _exit: leak checkers report at exit */
        }
        int st = 0;
        int ok = pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0;
        if (!ok)
            fprintf(stderr, "regression input %s fails again (%s %d)\n", path,
                    WIFSIGNALED(st) ? "signal" : "exit",
                    WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
        CHECK(ok);
        free(names[i]);
    }
    free(names);
}

static char *repeat(const char *unit, size_t times)
{
    size_t u = strlen(unit);
    char *s = malloc(u * times + 1);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * u, unit, u);
    s[u * times] = '\0';
    return s;
}

/* ---- tokenizer ---------------------------------------------------------------- */

static size_t longest_token(const ann_tokens *t)
{
    size_t m = 0;
    for (size_t i = 0; i < t->n; i++)
        if (t->v[i].end - t->v[i].start > m)
            m = t->v[i].end - t->v[i].start;
    return m;
}

static void test_token_caps(void)
{
    static const char *const units[] = {"a", "-", "*", "_", "9", "\xc3\xa9", "\xe2\x80\x94", "a-",
                                        "a'", "1,"};
    ann_tokens t = {0};
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t bytes = 200000;
        char *s = repeat(units[u], bytes / strlen(units[u]));
        size_t len = strlen(s);
        ann_tokenize_all(s, len, &t);
        if (longest_token(&t) > 4096 + 4)
            fprintf(stderr, "unit \"%s\": a token of %zu bytes\n", units[u], longest_token(&t));
        CHECK(longest_token(&t) <= 4096 + 4);
        CHECK(t.n >= len / (4096 + 4));
        free(s);
    }
    ann_tokens_free(&t);
}

static void test_sentence_cap(void)
{
    /* 20,000 capitalized words and no punctuation: still sentences */
    char *s = repeat("Alpha Bravo Charlie Delta ", 5000);
    ann_tokens t = {0};
    ann_tokenize_all(s, strlen(s), &t);
    CHECK_INT(t.n, 20000);
    size_t run = 0, longest = 0;
    for (size_t i = 0; i < t.n; i++) {
        run = (t.v[i].flags & ANN_TF_SENT_START) ? 1 : run + 1;
        if (run > longest)
            longest = run;
    }
    CHECK(longest <= 1000);
    ann_tokens_free(&t);
    free(s);
}

static void test_window_bound(void)
{
    /* one line without paragraph breaks: windows still end */
    char *s = repeat("word, ", 100000);
    size_t len = strlen(s), min = 16 * 1024, windows = 0, widest = 0, total = 0;
    ann_tokenizer tz;
    ann_tokens t = {0};
    ann_tokenizer_init(&tz, s, len, NULL);
    while (ann_tokenize_window(&tz, &t, min) > 0) {
        size_t w = t.v[t.n - 1].end - t.v[0].start;
        if (w > widest)
            widest = w;
        windows++;
        total += t.n;
    }
    CHECK_INT(total, 200000);
    CHECK(windows >= len / (8 * min + 4096));
    CHECK(widest <= 8 * min + 4096);
    ann_tokens_free(&t);
    free(s);
}

static void test_quotes(void)
{
    char *s = repeat("\"", 100000);
    ann_tokens t = {0};
    ann_tokenize_all(s, strlen(s), &t);
    CHECK_INT(t.n, 100000);
    CHECK(t.n && t.v[0].kind == ANN_TOK_QUOTE && t.v[t.n - 1].kind == ANN_TOK_QUOTE);
    ann_tokens_free(&t);
    free(s);
}

/* ---- regex limits --------------------------------------------------------------- */

static void test_catastrophic_regex(void)
{
    static const char rule[] = "{\"label\":\"x\",\"pattern\":[{\"TEXT\":{\"REGEX\":\"^(a+)+$\"}}]}\n"
                               "{\"label\":\"y\",\"pattern\":[{\"LOWER\":{\"REGEX\":\"^(a|aa)+$\"}}]}\n";
    char err[512];
    ann_rules *r = ann_rules_new(NULL);
    int rc = ann_rules_load_buffer(r, "evil.jsonl", rule, sizeof rule - 1, err, sizeof err);
    CHECK_INT(rc, 0);
    /* one long token, and a few short ones that backtrack 2^28 ways */
    char *a = repeat("a", 4000);
    char *text = ann_xasprintf("%sb aaaaaaaaaaaaaaaaaaaaaaaaaaaab aaaaaaaaaaaaaaaaaaaaaaaaaaaab ok", a);
    ann_tokens t = {0};
    ann_matches m = {0};
    ann_tokenize_all(text, strlen(text), &t);
    ann_rules_match(r, text, t.v, t.n, &m);
    CHECK_INT(m.n, 0);     /* no token is all a's: nothing matches, and it ends */
    ann_matches_free(&m);
    ann_tokens_free(&t);
    ann_rules_free(r);
    free(text);
    free(a);
}

/* ---- markup readers --------------------------------------------------------------- */

static void test_billion_laughs(void)
{
    static const char xml[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
        "]>\n<article><title>Laughs</title><p>&lol9; and &lol3;</p></article>\n";
    char err[512];
    ann_doc *d = ann_xml_to_doc(&fz_get_engine()->reading, "laughs", "laughs.xml", xml,
                                sizeof xml - 1, err, sizeof err);
    /* refused, or read with the entities left out or cut short */
    CHECK(d == NULL || d->len < 1000000);
    ann_doc_free(d);
}

static void test_deep_nesting(void)
{
    size_t depth = 20000;
    char *open = repeat("<div><b>", depth), *close = repeat("</b></div>", depth);
    char *html = ann_xasprintf("<html><body>%sdeep text%s</body></html>", open, close);
    char err[512];
    const ann_reader_rules *rules = &fz_get_engine()->reading;
    ann_doc *d = ann_html_to_doc(rules, "deep", "deep.html", html, strlen(html), err, sizeof err);
    CHECK(d != NULL);
    if (d)
        fz_check_doc(d);
    ann_doc_free(d);
    free(html);
    char *x = ann_xasprintf("<?xml version=\"1.0\"?><a>%sdeep text%s</a>", open, close);
    d = ann_xml_to_doc(rules, "deep", "deep.xml", x, strlen(x), err, sizeof err);
    CHECK(d == NULL || d->len < strlen(x));   /* libxml2 stops at depth 256 */
    ann_doc_free(d);
    free(x);
    free(open);
    free(close);
}

int main(void)
{
    replay("tokenizer", fz_tokenizer);
    replay("html", fz_html);
    replay("xml", fz_xml);
    replay("jsonl", fz_jsonl);
    replay("rules", fz_rules);
    replay("dates", fz_dates);
    test_token_caps();
    test_sentence_cap();
    test_window_bound();
    test_quotes();
    test_catastrophic_regex();
    test_billion_laughs();
    test_deep_nesting();
    TEST_DONE();
}
