/*
 * test_formats.c - the HTML, XML and JSON Lines readers on the fixtures in
 * tests/data/formats/ (pages with navigation, scripts, JSON-LD and meta
 * tags; hostile XML; a JSON Lines file with bad lines), and the xml and
 * html writers, whose output must parse back with libxml2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "annotate.h"
#include "builtin_engine.h"
#include "date_parse.h"
#include "meta.h"
#include "reader.h"
#include "test.h"
#include "utf8.h"
#include "writer.h"

#define DATA "tests/data/formats/"

static ann_engine *engine;       /* the built-in rules, for the readers and meta */
static const ann_reader_rules *rules;

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    *n = 0;
    if (!f) {
        fprintf(stderr, "cannot open %s (run from the repository root)\n", path);
        return NULL;
    }
    char *b = NULL;
    size_t cap = 0;
    char chunk[4096];
    size_t k;
    while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
        ann_grow((void **)&b, &cap, *n + k + 1, 1);
        memcpy(b + *n, chunk, k);
        *n += k;
    }
    fclose(f);
    if (!b)
        b = ann_xcalloc(1, 1);
    b[*n] = '\0';
    return b;
}

static ann_doc *read_fixture(const char *name, char *err, size_t errlen)
{
    char path[256];
    snprintf(path, sizeof path, DATA "%s", name);
    size_t n;
    char *b = slurp(path, &n);
    if (!b)
        return NULL;
    ann_doc *d = strstr(name, ".xml") ? ann_xml_to_doc(rules, "fx", path, b, n, err, errlen)
                                      : ann_html_to_doc(rules, "fx", path, b, n, err, errlen);
    free(b);
    return d;
}

static int has(const ann_doc *d, const char *s)
{
    return d && strstr(d->text, s) != NULL;
}

static int has_author(const ann_doc *d, const char *name)
{
    for (size_t i = 0; d && i < d->nauthors; i++)
        if (strcmp(d->authors[i], name) == 0)
            return 1;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- HTML --------------------------------------------------------------- */

static void test_html_article(void)
{
    char err[256] = "";
    ann_doc *d = read_fixture("article.html", err, sizeof err);
    CHECK(d != NULL);
    if (!d)
        return;
    static const char *const hidden[] = {
        "SCRIPT_SHOULD_NOT_APPEAR", "SCRIPT2_SHOULD_NOT_APPEAR", "NAV_SHOULD_NOT_APPEAR",
        "HEADER_SHOULD_NOT_APPEAR", "FOOTER_SHOULD_NOT_APPEAR", "ASIDE_SHOULD_NOT_APPEAR",
        "FORM_SHOULD_NOT_APPEAR", "NOSCRIPT_SHOULD_NOT_APPEAR", "COMMENT_SHOULD_NOT_APPEAR",
        "font-family", "tracking", "@context", "Another story"};
    for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++)
        if (has(d, hidden[i])) {
            fprintf(stderr, "extracted text contains %s\n", hidden[i]);
            CHECK(!has(d, hidden[i]));
        }
    /* the article, with entities decoded and whitespace collapsed */
    CHECK(has(d, "ISTANBUL \xE2\x80\x94 Ukrainian and Russian negotiators met on Tuesday in the Dolmabah\xC3\xA7" "e Palace."));
    CHECK(has(d, "\xE2\x80\x9CWe have made progress,\xE2\x80\x9D said Mevl\xC3\xBCt"));
    /* <br> a line break, paragraphs blank lines, list items lines, <pre> kept */
    CHECK(has(d, "foreign minister.\nHe did not"));
    CHECK(has(d, "Palace.\n\n\xE2\x80\x9CWe"));
    CHECK(has(d, "First point.\nSecond point."));
    CHECK(has(d, "line one\nline two"));
    CHECK(!has(d, "Delegates in Istanbul."));   /* a figure's caption and credit go */
    CHECK(has(d, "Talks resume on Wednesday."));
    /* the headline is the first line, and only once */
    CHECK(strncmp(d->text, "Talks Stall in Istanbul as Kyiv and Moscow Trade Blame\n\n", 56) == 0);
    CHECK(strstr(d->text + 10, "Talks Stall in Istanbul as") == NULL);
    /* metadata: og:title, JSON-LD authors and publisher, published_time */
    CHECK_STR(d->title, "Talks Stall in Istanbul as Kyiv and Moscow Trade Blame");
    CHECK_INT(d->nauthors, 2);
    CHECK(has_author(d, "Jane Doe"));
    CHECK(has_author(d, "John Roe"));
    CHECK_STR(d->publisher, "Example Media Group");
    CHECK_STR(d->published, "2022-03-29");
    CHECK_STR(d->extracted_from, "html");
    CHECK(d->chars > 0 && d->chars < d->len);
    ann_doc_free(d);
}

static void test_html_meta(void)
{
    char err[256] = "";
    ann_doc *d = read_fixture("plain.html", err, sizeof err);
    CHECK(d != NULL);
    if (d) {
        CHECK(!has(d, "MENU_SHOULD_NOT_APPEAR"));
        CHECK(has(d, "Officials said more would follow & soon."));
        CHECK(has(d, "cell one cell two"));
        CHECK_STR(d->title, "Sanctions Widen After Summit");   /* the h1, not <title> */
        CHECK(has_author(d, "Alice Smith"));
        CHECK(has_author(d, "Bob Jones"));
        CHECK_STR(d->published, "2024-04-19");               /* "April 19, 2024" */
        CHECK(d->publisher == NULL);
    }
    ann_doc_free(d);
    d = read_fixture("byline.html", err, sizeof err);
    CHECK(d != NULL);
    if (d) {
        CHECK(has_author(d, "Maria Garcia"));
        CHECK_STR(d->published, "2023-11-05");               /* <time datetime> */
        CHECK(has(d, "The council approved the budget."));
    }
    ann_doc_free(d);
    d = read_fixture("broken.html", err, sizeof err);   /* recover mode */
    CHECK(d != NULL);
    CHECK(has(d, "Unclosed paragraph bold both text"));
    CHECK(has(d, "Deep"));
    ann_doc_free(d);
}

/* A page nested 100,000 levels deep: no stack overflow, linear time. */
static void test_html_deep(void)
{
    size_t depth = 100000;
    ann_buf b = {0};
    ann_buf_adds(&b, "<html><body>");
    for (size_t i = 0; i < depth; i++)
        ann_buf_adds(&b, i % 2 ? "<div>" : "<b>");
    ann_buf_adds(&b, "deep text");
    for (size_t i = 0; i < depth; i++)
        ann_buf_adds(&b, i % 2 ? "</div>" : "</b>");
    ann_buf_adds(&b, "</body></html>");
    char err[256] = "";
    double t = now();
    ann_doc *d = ann_html_to_doc(rules, "deep", "deep.html", b.p, b.len, err, sizeof err);
    CHECK(d != NULL);
    CHECK(has(d, "deep text"));
    CHECK(now() - t < 20.0);
    ann_doc_free(d);
    ann_buf_free(&b);
}

/* Many paragraphs: the extraction stays linear. */
static void test_html_large(void)
{
    ann_buf b = {0};
    ann_buf_adds(&b, "<html><body><article>");
    for (int i = 0; i < 50000; i++)
        ann_buf_adds(&b, "<p>Paragraph with <i>some</i> text &amp; entities.</p>\n");
    ann_buf_adds(&b, "</article></body></html>");
    char err[256] = "";
    double t = now();
    ann_doc *d = ann_html_to_doc(rules, "big", "big.html", b.p, b.len, err, sizeof err);
    CHECK(d != NULL);
    CHECK(d && d->len > 50000 * 30);
    CHECK(now() - t < 20.0);
    ann_doc_free(d);
    ann_buf_free(&b);
    d = ann_html_to_doc(rules, "empty", "empty.html", "", 0, err, sizeof err);
    CHECK(d != NULL && d->len == 0);
    ann_doc_free(d);
}

/* ---- XML ---------------------------------------------------------------- */

static void test_xml_hostile(void)
{
    char err[256] = "";
    double t = now();
    ann_doc *d = read_fixture("billion.xml", err, sizeof err);
    /* either refused or read without expansion: never large, never slow */
    CHECK(d == NULL || d->len < 10000);
    CHECK(d != NULL || err[0] != '\0');
    CHECK(now() - t < 5.0);
    ann_doc_free(d);

    err[0] = '\0';
    d = read_fixture("xxe.xml", err, sizeof err);
    CHECK(d != NULL);
    if (d) {
        CHECK(!has(d, "root:"));
        CHECK(!has(d, "/bin/"));
        CHECK(has(d, "Start"));
        CHECK(has(d, "\xE2\x80\x94 here"));   /* a short internal entity is put in */
        CHECK_STR(d->title, "Leak attempt");
    }
    ann_doc_free(d);

    err[0] = '\0';
    d = read_fixture("notwellformed.xml", err, sizeof err);
    CHECK(d == NULL);
    CHECK(strstr(err, "not well-formed XML") != NULL);
    CHECK(strstr(err, "line") != NULL);

    /* 100,000 levels: refused by the parser's depth limit, quickly */
    ann_buf b = {0};
    for (int i = 0; i < 100000; i++)
        ann_buf_adds(&b, "<a>");
    ann_buf_adds(&b, "x");
    for (int i = 0; i < 100000; i++)
        ann_buf_adds(&b, "</a>");
    t = now();
    d = ann_xml_to_doc(rules, "deep", "deep.xml", b.p, b.len, err, sizeof err);
    CHECK(d == NULL || has(d, "x"));
    CHECK(now() - t < 10.0);
    ann_doc_free(d);
    ann_buf_free(&b);

    /* a few hundred levels, under the limit: read iteratively */
    for (int i = 0; i < 200; i++)
        ann_buf_adds(&b, "<a>");
    ann_buf_adds(&b, "inner");
    for (int i = 0; i < 200; i++)
        ann_buf_adds(&b, "</a>");
    d = ann_xml_to_doc(rules, "deep", "deep.xml", b.p, b.len, err, sizeof err);
    CHECK(d != NULL && has(d, "inner"));
    ann_doc_free(d);
    ann_buf_free(&b);
}

static void test_xml_formats(void)
{
    char err[256] = "";
    ann_doc *d = read_fixture("tei.xml", err, sizeof err);
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->title, "Peace Talks Resume in Istanbul");
        CHECK(has_author(d, "Ahmed Adel"));
        CHECK_STR(d->publisher, "Global Research");
        CHECK_STR(d->published, "2024-04-19");
        CHECK(has(d, "Negotiators from Ukraine and Russia met in Istanbul on Tuesday."));
        CHECK(has(d, "five hours.\nA second round"));   /* <lb/> */
        CHECK(!has(d, "HEADER_SHOULD_NOT_APPEAR"));
        CHECK(strncmp(d->text, "Peace Talks Resume in Istanbul\n\nNegotiators", 43) == 0);
        CHECK_STR(d->extracted_from, "xml");
    }
    ann_doc_free(d);

    d = read_fixture("newsml.xml", err, sizeof err);
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->title, "Kyiv Rejects Ultimatum");
        CHECK(has_author(d, "Olena Petrenko"));
        CHECK_STR(d->publisher, "Example Wire");
        CHECK_STR(d->published, "2022-03-29");
        CHECK(has(d, "Ukraine rejected the demand on Tuesday."));
        CHECK(has(d, "\"We will not surrender,\" an official said."));
        CHECK(!has(d, "ninat"));
    }
    ann_doc_free(d);

    d = read_fixture("timeml.xml", err, sizeof err);
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->published, "1998-01-08");
        CHECK_STR(d->dct, "1998-01-08");
        CHECK(has(d, "The ministers met yesterday in Geneva."));
        CHECK(!has(d, "wsj_0001"));
        CHECK(!has(d, "01/08/1998"));
    }
    ann_doc_free(d);

    d = read_fixture("rss.xml", err, sizeof err);
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->title, "Summit Ends Without Deal");
        CHECK(has_author(d, "Sam Lee"));
        CHECK_STR(d->published, "2024-04-19");
        CHECK(has(d, "Leaders left the summit without a deal."));
        CHECK(!has(d, "<p>"));
    }
    ann_doc_free(d);
}

static void test_dates(void)
{
    static const char *const cases[][2] = {
        {"2022-03-29T18:04:00+03:00", "2022-03-29"}, {"2024-04", "2024-04"},
        {"2024", "2024"}, {"20240419T101500", "2024-04-19"}, {"  2024-04-19", "2024-04-19"},
        {"Fri, 19 Apr 2024 10:00:00 GMT", "2024-04-19"}, {"April 19, 2024", "2024-04-19"},
        {"2022-5-5 22:17:36", "2022-05-05"},
        {"2024-13-01", NULL}, {"yesterday", NULL}, {"123456789", NULL}, {"", NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *got = ann_markup_date(rules->months, cases[i][0], strlen(cases[i][0]));
        CHECK_STR(got, cases[i][1]);
        free(got);
    }
}

/* ---- metadata from plain text ------------------------------------------ */

static void test_full_dates(void)
{
    static const char *const cases[][3] = {
        {"April 19, 2024", "2024-04-19", "14"}, {"Apr. 19 2024 and", "2024-04-19", "12"},
        {"SEPT 3rd, 1999", "1999-09-03", "14"}, {"Sept. 3, 1999", "1999-09-03", "13"},
        {"sep 30 2001", "2001-09-30", "11"}, {"September 9th 2200", "2200-09-09", "18"},
        {"19 december 1800.", "1800-12-19", "16"}, {"2024-02-29T10:00", "2024-02-29", "10"},
        {"7 May 2023", "2023-05-07", "10"}, {"may 7, 2023", "2023-05-07", "11"},
        {"2023-02-29", NULL, "0"}, {"Feb 30, 2024", NULL, "0"}, {"June 1, 1799", NULL, "0"},
        {"Septembre 3, 1999", NULL, "0"}, {"Septemberr 3, 1999", NULL, "0"},
        {"Sep. 3, 19999", NULL, "0"}, {"Mayday 1, 2020", NULL, "0"}, {"Jul 4", NULL, "0"},
        {"Ju 4, 2020", NULL, "0"}, {"", NULL, "0"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[11] = "";
        size_t used = ann_parse_full_date(rules->months, cases[i][0], strlen(cases[i][0]), out);
        CHECK_INT(used, (size_t)atoi(cases[i][2]));
        if (cases[i][1])
            CHECK_STR(out, cases[i][1]);
    }
}

static ann_doc *meta_of(const char *text)
{
    ann_doc *d = ann_doc_new("m", "m", ann_xstrdup(text), strlen(text));
    ann_meta_extract(d, engine);
    return d;
}

/* Bylines at the foot, signatures and datelines, including the line
 * shapes the quick rejections in meta.c must still let through. */
static void test_text_meta(void)
{
    static const char body[] = "Para one.\nPara two.\nPara three.\nPara four.\nPara five.\n"
                               "Para six.\nPara seven.\nPara eight.\nPara nine.\nPara ten.\n"
                               "Para 11.\nPara 12.\nPara 13.\nPara 14.\nPara 15.\nPara 16.\n";
    ann_buf b = {0};
    ann_buf_adds(&b, "Title\n");
    ann_buf_adds(&b, body);
    ann_buf_adds(&b, "\xC2\xA0 by Jane Roe and John Doe, May 7, 2023\nLast words.\n");
    ann_doc *d = meta_of(b.p);
    CHECK_INT(d->nauthors, 2);
    CHECK(has_author(d, "Jane Roe") && has_author(d, "John Doe"));
    ann_doc_free(d);
    ann_buf_free(&b);

    ann_buf_adds(&b, "Title\n");
    ann_buf_adds(&b, body);
    ann_buf_adds(&b, "Baker 1999 notes.\nBY: Ann Lee\nEnd.\nDavid R. Cameron March 21, 2022\n");
    d = meta_of(b.p);
    CHECK(has_author(d, "Ann Lee") && !has_author(d, "David R. Cameron"));
    CHECK_STR(d->published, "2022-03-21");
    ann_doc_free(d);
    ann_buf_free(&b);

    d = meta_of("Title\nThe Herald, Sept. 3, 1999.\nText 2024 and 1999-09.\n");
    CHECK_STR(d->publisher, "The Herald");
    CHECK_STR(d->published, "1999-09-03");
    ann_doc_free(d);

    d = meta_of("Title\nText of 2024.\nDavid Cameron 2022-03-21 \nDavid Lee 21 March 2022x\n");
    CHECK_STR(d->published, "2022-03-21");
    CHECK(has_author(d, "David Cameron"));
    ann_doc_free(d);

    /* a closing name alone signs the article, if its first word is a given
     * name; not a list's next line, nor a letter's signature */
    d = meta_of("Title\nPara one.\nPara two.\nPara three.\nJane Roe\n");
    CHECK(has_author(d, "Jane Roe"));
    ann_doc_free(d);
    d = meta_of("Title\nPara one.\nPara two.\nPara three.\nRelated Articles\n");
    CHECK_INT(d->nauthors, 0);
    ann_doc_free(d);
    d = meta_of("Title\nResults one.\nResults two.\n67 Mike Hulbert , Steve Jurgenson ,\n"
                "John Gorman\n");
    CHECK_INT(d->nauthors, 0);
    ann_doc_free(d);
    d = meta_of("Title\nLetter one.\nLetter two.\nMy opinion.\nJohn Baker.\n");
    CHECK_INT(d->nauthors, 0);
    ann_doc_free(d);
}

/* ---- JSON Lines --------------------------------------------------------- */

static void test_jsonl(void)
{
    size_t n;
    char *all = slurp(DATA "lines.jsonl", &n);
    CHECK(all != NULL);
    if (!all)
        return;
    ann_doc *docs[16] = {0};
    char errs[16][256];
    size_t lineno = 0;
    for (char *line = all; *line && lineno < 16; ) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        errs[lineno][0] = '\0';
        docs[lineno] = ann_jsonl_to_doc(rules, "dir/lines.jsonl", lineno + 1, line, len,
                                        errs[lineno], sizeof errs[lineno]);
        lineno++;
        line += len + (nl != NULL);
    }
    CHECK_INT(lineno, 8);
    ann_doc *d = docs[0];
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->id, "a1");
        CHECK_STR(d->text, "NATO met in Brussels on Monday.");
        CHECK_STR(d->published, "2024-04-19");
        CHECK_STR(d->title, "NATO meets");
        CHECK_STR(d->publisher, "Example");
        CHECK(has_author(d, "Jane Doe") && has_author(d, "John Roe"));
        CHECK_STR(d->extracted_from, "jsonl");
        CHECK_STR(d->path, "dir/lines.jsonl");
    }
    CHECK(docs[1] && strcmp(docs[1]->id, "42") == 0);
    /* a bad line is an error document, its reason naming the line */
    CHECK(docs[2] && docs[2]->error && strncmp(errs[2], "line 3: invalid JSON", 20) == 0);
    CHECK(docs[3] && docs[3]->error && strcmp(errs[3], "line 4: not a JSON object") == 0);
    CHECK(docs[4] && docs[4]->error && strcmp(errs[4], "line 5: no \"text\" field") == 0);
    CHECK(docs[5] && docs[5]->error && strcmp(errs[5], "line 6: \"text\" is not a string") == 0);
    CHECK(docs[6] && docs[6]->error && strstr(errs[6], "text after the object") != NULL);
    CHECK(docs[4] && strcmp(docs[4]->id, "x") == 0);          /* its own id, though bad */
    CHECK(docs[2] && strncmp(docs[2]->id, "rec-", 4) == 0);   /* else one from the line */
    CHECK(docs[2] && docs[2]->error && strcmp(docs[2]->error, errs[2]) == 0);
    d = docs[7];
    CHECK(d != NULL && !d->error);
    if (d) {
        CHECK_STR(d->id, "rec-ea655eaa90a60ba4");
        CHECK(d->published == NULL);
        CHECK(d->nwarnings == 1);
    }
    /* escapes decode; an invalid byte becomes U+FFFD */
    char err[256];
    const char *esc = "{\"text\": \"Caf\\u00e9 \\ud83d\\ude00 \xff.\"}";
    d = ann_jsonl_to_doc(rules, "-", 9, esc, strlen(esc), err, sizeof err);
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->text, "Caf\xC3\xA9 \xF0\x9F\x98\x80 \xEF\xBF\xBD.");
        CHECK(strncmp(d->id, "rec-", 4) == 0 && strlen(d->id) == 20);
        CHECK_INT(d->chars, 9);
    }
    ann_doc_free(d);
    for (size_t i = 0; i < lineno; i++)
        ann_doc_free(docs[i]);
    free(all);
}

/* ---- writers ------------------------------------------------------------ */

static ann_span span_of(const ann_doc *d, const char *s, int nth)
{
    const char *p = d->text;
    for (int i = 0; i <= nth && p; i++) {
        p = strstr(p + (i ? 1 : 0), s);
    }
    size_t a = p ? (size_t)(p - d->text) : 0;
    return (ann_span){a, p ? a + strlen(s) : 0};
}

/* A document with nesting, a partial overlap, markup characters and a
 * control character, annotated by hand. */
static ann_doc *sample_doc(void)
{
    const char *text =
        "NATO & <script>alert(1)</script> \"chief\" Jens Stoltenberg said on Monday "
        "that Russia must leave Ukraine\x01 now.\nIn Kyiv, CNN reported it.";
    ann_doc *d = ann_doc_from_bytes("sample", "sample.txt", text, strlen(text));
    d->title = ann_xstrdup("A <title> & \"quotes\"");
    ann_doc_add_author(d, "Jane <Doe>");
    d->published = ann_xstrdup("2024-04-19");
    ann_entity *e = ann_doc_entity(d, ANN_CAT_ACTOR, "nato", "NATO", "organization");
    ann_entity_add_mention(e, span_of(d, "NATO", 0));
    e = ann_doc_entity(d, ANN_CAT_ACTOR, "jens-stoltenberg", "Jens Stoltenberg", "person");
    ann_entity_add_mention(e, span_of(d, "Jens Stoltenberg", 0));
    e = ann_doc_entity(d, ANN_CAT_ACTOR, "russia", "Russia", "country");
    ann_entity_add_mention(e, span_of(d, "Russia", 0));
    e = ann_doc_entity(d, ANN_CAT_ACTOR, "ukraine", "Ukraine", "country");
    ann_entity_add_mention(e, span_of(d, "Ukraine", 0));
    e = ann_doc_entity(d, ANN_CAT_PLACE, "kyiv", "Kyiv", "place");
    ann_entity_add_mention(e, span_of(d, "Kyiv", 0));
    e = ann_doc_entity(d, ANN_CAT_SOURCE, "cnn", "CNN", "outlet");
    ann_entity_add_mention(e, span_of(d, "CNN", 0));
    ann_doc_add_date(d, span_of(d, "Monday", 0), "DATE", "2024-04-15");
    ann_claim *c = ann_doc_add_claim(d);
    c->kind = ANN_CLAIM_INDIRECT;
    c->content = span_of(d, "Russia must leave Ukraine\x01 now", 0);
    c->cue = span_of(d, "said", 0);
    c->speaker = span_of(d, "Jens Stoltenberg", 0);
    c->speaker_id = ann_xstrdup("jens-stoltenberg");
    /* a claim that partly overlaps a place mention: "In Ky" ... */
    c = ann_doc_add_claim(d);
    c->kind = ANN_CLAIM_DIRECT;
    ann_span k = span_of(d, "Kyiv", 0);
    c->content = (ann_span){k.start - 3, k.start + 2};
    c->cue = span_of(d, "reported", 0);
    c->speaker = span_of(d, "CNN", 0);
    c->speaker_id = ann_xstrdup("cnn");
    ann_doc_sort(d);
    return d;
}

static int count_elements(xmlNode *root, const char *name)
{
    int n = 0;
    for (xmlNode *x = root; x; ) {
        if (x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0)
            n++;
        if (x->children && x->type == XML_ELEMENT_NODE) {
            x = x->children;
            continue;
        }
        while (x && x != root && !x->next)
            x = x->parent;
        x = x && x != root ? x->next : NULL;
    }
    return n;
}

static xmlNode *first_element(xmlNode *root, const char *name)
{
    for (xmlNode *x = root; x; ) {
        if (x->type == XML_ELEMENT_NODE && strcmp((const char *)x->name, name) == 0)
            return x;
        if (x->children && x->type == XML_ELEMENT_NODE) {
            x = x->children;
            continue;
        }
        while (x && x != root && !x->next)
            x = x->parent;
        x = x && x != root ? x->next : NULL;
    }
    return NULL;
}

static char *render(const ann_writer *w, const ann_doc *d)
{
    ann_write_opts o = {.pretty = 0, .with_text = 0};
    ann_buf out = {0};
    ann_doc_ref refs[2] = {{d->id, d->title}, {"broken", NULL}};
    if (w->head)
        w->head(&out, refs, 2, &o);
    else if (w->begin)
        w->begin(&out, &o);
    w->doc(&out, d, &o);
    ann_doc err = {0};
    err.id = "broken";
    err.path = "broken.txt";
    err.text = "";
    err.error = "cannot read <file> & more";
    w->doc(&out, &err, &o);
    if (w->end)
        w->end(&out, &o);
    return out.p;
}

static void test_writer_xml(void)
{
    ann_doc *d = sample_doc();
    char *out = render(&ann_writer_xml, d);
    xmlDoc *x = xmlReadMemory(out, (int)strlen(out), NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    CHECK(x != NULL);
    if (x) {
        xmlNode *root = xmlDocGetRootElement(x);
        CHECK_STR((const char *)root->name, "annotations");
        CHECK_INT(count_elements(root, "doc"), 2);
        CHECK_INT(count_elements(root, "actor"), 4);
        CHECK_INT(count_elements(root, "source"), 1);
        CHECK_INT(count_elements(root, "TIMEX3"), 1);
        /* the partial overlap: one of claim or place is split in two */
        CHECK_INT(count_elements(root, "claim") + count_elements(root, "place"), 4);
        CHECK(count_elements(root, "script") == 0);
        xmlNode *t = first_element(root, "TIMEX3");
        xmlChar *v = xmlGetProp(t, (const xmlChar *)"value");
        CHECK_STR((const char *)v, "2024-04-15");
        xmlFree(v);
        xmlNode *doc = first_element(root, "doc");
        v = xmlGetProp(doc, (const xmlChar *)"title");
        CHECK_STR((const char *)v, "A <title> & \"quotes\"");
        xmlFree(v);
        /* the claim nests the actors it contains */
        xmlNode *claim = first_element(root, "claim");
        CHECK_INT(count_elements(claim, "actor"), 2);
        v = xmlGetProp(claim, (const xmlChar *)"speaker-id");
        CHECK_STR((const char *)v, "jens-stoltenberg");
        xmlFree(v);
        /* the text comes back whole, the control character as U+FFFD */
        xmlChar *s = xmlNodeGetContent(first_element(root, "text"));
        const char *want = "leave Ukraine\xEF\xBF\xBD now.\nIn Kyiv, CNN reported it.";
        CHECK(s && strstr((const char *)s, want) != NULL);
        CHECK(s && strncmp((const char *)s, "NATO & <script>alert(1)</script>", 32) == 0);
        xmlFree(s);
        xmlNode *bad = doc->next;
        while (bad && bad->type != XML_ELEMENT_NODE)
            bad = bad->next;
        v = bad ? xmlGetProp(bad, (const xmlChar *)"error") : NULL;
        CHECK_STR((const char *)v, "cannot read <file> & more");
        xmlFree(v);
        xmlFreeDoc(x);
    }
    free(out);
    ann_doc_free(d);
}

static int attr_has(xmlNode *n, const char *name, const char *part)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    int ok = v && strstr((const char *)v, part) != NULL;
    xmlFree(v);
    return ok;
}

static void test_writer_html(void)
{
    ann_doc *d = sample_doc();
    char *out = render(&ann_writer_html, d);
    CHECK(strncmp(out, "<!DOCTYPE html>", 15) == 0);
    /* the document's markup is escaped, never live */
    CHECK(strstr(out, "<script") == NULL);
    CHECK(strstr(out, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
    CHECK(strstr(out, "NATO</mark> &amp; ") != NULL);
    CHECK(strstr(out, "cannot read &lt;file&gt; &amp; more") != NULL);
    /* self-contained: no external assets */
    CHECK(strstr(out, "src=") == NULL);
    CHECK(strstr(out, "<link") == NULL);
    CHECK(strstr(out, "http") == NULL);
    htmlDocPtr h = htmlReadMemory(out, (int)strlen(out), NULL, "UTF-8",
                                  HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    CHECK(h != NULL);
    if (h) {
        xmlNode *root = xmlDocGetRootElement(h);
        CHECK_INT(count_elements(root, "section"), 2);
        CHECK_INT(count_elements(root, "style"), 1);
        CHECK_INT(count_elements(root, "script"), 0);
        /* 6 entities + 1 date, the place split by the claim's end, legend 4 */
        CHECK_INT(count_elements(root, "mark"), 4 + 7 + 1);
        xmlNode *sec = first_element(root, "section");
        xmlNode *m = first_element(sec, "mark");
        CHECK(attr_has(m, "class", "actor"));
        CHECK(attr_has(m, "title", "nato"));
        CHECK(attr_has(m, "title", "organization"));
        xmlChar *s = xmlNodeGetContent(first_element(sec, "div"));
        CHECK(s && strstr((const char *)s, "NATO & <script>alert(1)</script>") != NULL);
        xmlFree(s);
        /* who said what: the speaker, one claim, linked to it */
        xmlNode *who = first_element(sec, "table");
        CHECK(who && attr_has(who, "class", "who"));
        xmlNode *a = who ? first_element(who, "a") : NULL;
        CHECK(a && attr_has(a, "href", "-c1"));
        xmlChar *w = who ? xmlNodeGetContent(who) : NULL;
        CHECK(w && strstr((const char *)w, "Jens Stoltenberg") != NULL);
        xmlFree(w);
        /* an index of both documents */
        CHECK_INT(count_elements(first_element(root, "nav"), "a"), 2);
        /* the claim shows speaker and cue; the cue is marked too */
        xmlNode *span = first_element(first_element(sec, "div"), "span");
        CHECK(span && attr_has(span, "class", "cue"));
        while (span && !attr_has(span, "class", "claim"))
            span = span->next;
        CHECK(span != NULL);
        if (span) {
            CHECK(attr_has(span, "class", "indirect"));
            CHECK(attr_has(span, "data-speaker", "Jens Stoltenberg"));
            CHECK(attr_has(span, "data-cue", "said"));
            CHECK(attr_has(span, "title", "jens-stoltenberg"));
            CHECK_INT(count_elements(span, "mark"), 2);
        }
        CHECK(strstr(out, "title=\"date \xC2\xB7 DATE \xC2\xB7 2024-04-15\"") != NULL);
        xmlFreeDoc(h);
    }
    free(out);
    ann_doc_free(d);
}

/* The spans come out properly nested whatever their overlaps. */
static int depth_now, depth_bad, opens, closes;
static void o_open(void *c, const ann_inline *s, int cont) { (void)c; (void)s; (void)cont; depth_now++; opens++; }
static void o_close(void *c, const ann_inline *s) { (void)c; (void)s; if (--depth_now < 0) depth_bad = 1; closes++; }
static void o_text(void *c, const char *s, size_t n) { ann_buf_add(c, s, n); }

static void test_inline_walk(void)
{
    const char *text = "abcdefghijklmnopqrstuvwxyz";
    ann_doc *d = ann_doc_from_bytes("w", "w", text, strlen(text));
    ann_entity *e = ann_doc_entity(d, ANN_CAT_ACTOR, "a", "A", "person");
    ann_entity_add_mention(e, (ann_span){0, 10});
    ann_entity_add_mention(e, (ann_span){20, 99});   /* past the end: clipped */
    ann_entity_add_mention(e, (ann_span){5, 5});     /* empty: dropped */
    ann_doc_add_date(d, (ann_span){5, 15}, "DATE", "2024");
    ann_doc_add_date(d, (ann_span){8, 12}, "DATE", "2024");
    ann_claim *c = ann_doc_add_claim(d);
    c->content = (ann_span){3, 22};
    ann_inline_ops ops = {o_open, o_close, o_text};
    ann_buf got = {0};
    ann_inline_walk(d, ~0u, &ops, &got);
    CHECK_STR(got.p, text);
    CHECK(depth_bad == 0 && depth_now == 0);
    CHECK_INT(opens, closes);
    CHECK(opens >= 5);
    ann_buf_free(&got);
    ann_doc_free(d);
}

/* The JSON writer prints by hand: its strings must be the bytes cJSON
 * prints (every control character, quote and backslash), the result must
 * parse, and --pretty must be the same object. */
static void test_writer_json(void)
{
    char title[160];
    size_t n = 0;
    for (int c = 1; c < 0x80; c++)
        title[n++] = (char)c;
    memcpy(title + n, "\xc3\xa9 \xe2\x80\x94 \xe2\x9c\x93", 10);
    title[n + 10] = '\0';
    ann_doc *d = sample_doc();
    free(d->title);
    d->title = ann_xstrdup(title);
    char *out = render(&ann_writer_json, d);
    cJSON *want = cJSON_CreateString(title);
    char *want_s = cJSON_PrintUnformatted(want);
    CHECK(strstr(out, want_s) != NULL);
    char *nl = strchr(out, '\n');
    CHECK(nl != NULL);
    cJSON *v = nl ? cJSON_ParseWithLength(out, (size_t)(nl - out)) : NULL;
    CHECK(v != NULL);
    cJSON *doc = cJSON_GetObjectItemCaseSensitive(v, "doc");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(doc, "title")), title);
    static const char *const keys[] = {"actors", "places", "sources", "dates",
                                       "claims", "warnings", "error"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        CHECK(cJSON_GetObjectItemCaseSensitive(v, keys[i]) != NULL);
    cJSON *claims = cJSON_GetObjectItemCaseSensitive(v, "claims");
    CHECK_INT(cJSON_GetArraySize(claims), 2);
    cJSON *c0 = cJSON_GetArrayItem(claims, 0);
    CHECK(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(c0, "medium")));
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
                  cJSON_GetObjectItemCaseSensitive(c0, "speaker"), "id")),
              "jens-stoltenberg");
    /* the broken document: every list empty, the error given */
    cJSON *e = nl ? cJSON_Parse(nl + 1) : NULL;
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "error")),
              "cannot read <file> & more");
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(e, "actors")), 0);
    /* --pretty: the same object, indented */
    ann_write_opts po = {.pretty = 1, .with_text = 1};
    ann_buf pretty = {0};
    ann_writer_json.doc(&pretty, d, &po);
    cJSON *p = cJSON_Parse(pretty.p);
    CHECK(p != NULL && strchr(pretty.p, '\t') != NULL);
    cJSON_DeleteItemFromObjectCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(p, "doc"), "text");
    CHECK(cJSON_Compare(p, v, 1));
    cJSON_Delete(p);
    ann_buf_free(&pretty);
    /* random titles: escapes at every offset of the sixteen- and eight-byte scans */
    static const char alphabet[] = "ab \"\\\n\t\x01\x1f/\x7f\xc3\xa9";
    srand(7);
    int same = 1;
    for (int k = 0; k < 3000 && same; k++) {
        char t[80];
        size_t len = (size_t)(rand() % 70) + 1;
        for (size_t i = 0; i < len; i++)   /* every other title: escapes far apart */
            t[i] = k % 2 && rand() % 16 ? 'a' : alphabet[rand() % (int)(sizeof alphabet - 1)];
        t[len] = '\0';
        free(d->title);
        d->title = ann_xstrdup(t);
        ann_buf one = {0};
        ann_write_opts co = {.pretty = 0, .with_text = 0};
        ann_writer_json.doc(&one, d, &co);
        cJSON *ts = cJSON_CreateString(t);
        char *tp = cJSON_PrintUnformatted(ts);
        same = strstr(one.p, tp) != NULL;
        cJSON_free(tp);
        cJSON_Delete(ts);
        ann_buf_free(&one);
    }
    CHECK(same);
    cJSON_Delete(e);
    cJSON_Delete(v);
    cJSON_free(want_s);
    cJSON_Delete(want);
    free(out);
    ann_doc_free(d);
}

/* The code point index of a long text mixing ASCII blocks, multibyte
 * blocks and runs of continuation bytes past the counters' 255-step flush:
 * every offset against a byte-by-byte count. */
static void test_doc_code_points(void)
{
    size_t len = 9000;
    char *text = malloc(len + 1);
    for (size_t i = 0; i < len; i++) {
        if (i < 300 || (i >= 4000 && i < 4100))
            text[i] = (char)('a' + i % 26);
        else if (i < 5000)
            text[i] = (char)(i % 7 ? 0x80 | (i & 0x3F) : 0xC3);   /* never valid: counting only */
        else
            text[i] = (char)(i % 3 == 0 ? 0xD0 : i % 3 == 1 ? 0x9C : 'x');
    }
    text[len] = '\0';
    ann_doc *d = ann_doc_new("cp", "cp", text, len);
    size_t want = 0;
    int ok = 1;
    for (size_t b = 0; b <= len; b++) {
        ok &= ann_doc_cp(d, b) == want;
        ok &= ann_utf8_count(text, b) == want;
        if (b < len)
            want += ((unsigned char)text[b] & 0xC0) != 0x80;
    }
    CHECK(ok);
    CHECK_INT(d->chars, want);
    ann_doc_free(d);
}

/* The JSON writer's span offsets against ann_doc_cp: spans starting and
 * ending in ASCII blocks, multibyte blocks, the partial last block and
 * inside a character, short and longer than a block. */
static void test_writer_span_offsets(void)
{
    size_t len = 0;
    char *text = malloc(700);
    while (len < 600) {
        if (len < 128 || (len >= 400 && len < 520)) {
            text[len] = (char)('a' + len % 26);
            len++;
        } else if (len < 400)
            len += (size_t)snprintf(text + len, 8, len % 5 ? "a" : "\xC3\xA9");
        else
            len += (size_t)snprintf(text + len, 8, len % 4 ? "x" : "\xE2\x80\x94");
    }
    text[len] = '\0';
    ann_doc *d = ann_doc_new("sp", "sp", text, len);
    ann_entity *e = ann_doc_entity(d, ANN_CAT_ACTOR, "e", "E", "person");
    static const size_t lens[] = {0, 1, 5, 17, 63, 64, 65, 130};
    for (size_t st = 0; st <= len; st += 3)
        for (size_t k = 0; k < sizeof lens / sizeof *lens; k++)
            ann_entity_add_mention(e, (ann_span){st, st + lens[k] <= len ? st + lens[k] : len});
    ann_write_opts o = {.pretty = 0, .with_text = 0};
    ann_buf out = {0};
    ann_writer_json.doc(&out, d, &o);
    cJSON *v = cJSON_Parse(out.p);
    cJSON *actor = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(v, "actors"), 0);
    cJSON *ms = cJSON_GetObjectItemCaseSensitive(actor, "mentions");
    CHECK_INT((size_t)cJSON_GetArraySize(ms), e->nmentions);
    int ok = 1;
    for (size_t i = 0; i < e->nmentions && ms; i++) {
        cJSON *m = cJSON_GetArrayItem(ms, (int)i);
        ok &= cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(m, "start")) ==
              (double)ann_doc_cp(d, e->mentions[i].start);
        ok &= cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(m, "end")) ==
              (double)ann_doc_cp(d, e->mentions[i].end);
    }
    CHECK(ok);
    cJSON_Delete(v);
    ann_buf_free(&out);
    ann_doc_free(d);
}

/* Decoding as the Unicode standard's maximal-subpart rule has it, a byte
 * at a time with no fast path: the oracle of the two tests below. */
static uint32_t plain_utf8_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *p = (const unsigned char *)s + *i;
    size_t left = n - *i, need = 0;
    uint32_t c = p[0], min = 0;
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    if (c >= 0xC2 && c <= 0xDF)
        need = 1, c &= 0x1F, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        need = 2, c &= 0x0F, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        need = 3, c &= 0x07, min = 0x10000;
    for (size_t k = 1; k <= need; k++) {
        unsigned char lo = 0x80, hi = 0xBF;
        if (k == 1 && p[0] == 0xE0) lo = 0xA0;
        if (k == 1 && p[0] == 0xED) hi = 0x9F;
        if (k == 1 && p[0] == 0xF0) lo = 0x90;
        if (k == 1 && p[0] == 0xF4) hi = 0x8F;
        if (k >= left || p[k] < lo || p[k] > hi) {
            *i += k;
            return ANN_REPLACEMENT;
        }
        c = (c << 6) | (p[k] & 0x3F);
    }
    *i += need ? need + 1 : 1;
    return need && c >= min ? c : ANN_REPLACEMENT;
}

/* ann_utf8_next() (the common sequences told without a loop) against the
 * oracle for every lead byte from 0x80 up, every byte after it and a third
 * at each edge of the ranges, whole and cut short. */
static void test_utf8_next(void)
{
    /* the third byte's values at the edges of the ranges that matter */
    static const unsigned char third[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F,
                                          0xA0, 0xB5, 0xBF, 0xC0, 0xE2, 0xFF};
    int ok = 1;
    for (unsigned a = 0x80; a < 0x100; a++)
        for (unsigned b = 0; b < 0x100; b++)
            for (size_t k = 0; k < sizeof third; k++) {
                char s[3] = {(char)a, (char)b, (char)third[k]};
                for (size_t n = 1; n <= 3; n++) {
                    size_t i = 0, j = 0;
                    ok &= ann_utf8_next(s, n, &i) == plain_utf8_next(s, n, &j) && i == j;
                }
            }
    CHECK(ok);
}

/* The reader's repair of invalid UTF-8 (ASCII skipped sixteen bytes at a
 * time, common sequences judged inline) against a plain decode of one
 * code point at a time: random mixes of ASCII, valid sequences of every
 * length, truncated ones, overlong and surrogate forms, stray bytes. */
static void test_utf8_repair(void)
{
    static const char *const parts[] = {
        "a", "word ", "0123456789abcdefXYZ", "\xC3\xA9", "\xE2\x80\x9C", "\xE2\x80",
        "\xEF\xBF\xBD", "\xEF\xBF\xBE", "\xED\x9F\xBF", "\xED\xA0\x80", "\xE0\xA0\x80",
        "\xE0\x80\xAF", "\xC0\xAF", "\xC2", "\x80", "\xBF", "\xF0\x9F\x98\x80", "\xF4\x90\x80\x80",
        "\xF0\x9F\x98", "\xFE", "\xFF", "\xE1\xBF\x80", "\xEE\x80\x80", "\xDF\xBF"};
    size_t nparts = sizeof parts / sizeof parts[0];
    unsigned seed = 12345;
    int ok = 1;
    for (int round = 0; round < 3000 && ok; round++) {
        char in[400];
        size_t n = 0;
        for (int k = 0; k < 1 + round % 40; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = parts[(seed >> 16) % nparts];
            size_t pn = strlen(p);
            if (n + pn >= sizeof in)
                break;
            memcpy(in + n, p, pn);
            n += pn;
        }
        char want[1200];
        size_t wn = 0, bad = 0;
        for (size_t i = 0; i < n;) {
            size_t at = i;
            uint32_t c = plain_utf8_next(in, n, &i);
            if (c == ANN_REPLACEMENT && !(i - at == 3 && memcmp(in + at, "\xEF\xBF\xBD", 3) == 0)) {
                memcpy(want + wn, "\xEF\xBF\xBD", 3);
                wn += 3;
                bad++;
            } else {
                memcpy(want + wn, in + at, i - at);
                wn += i - at;
            }
        }
        ann_doc *d = ann_doc_from_bytes("u", "u", in, n);
        ok &= d->len == wn && memcmp(d->text, want, wn) == 0;
        ok &= (d->nwarnings > 0) == (bad > 0);
        ann_doc_free(d);
    }
    CHECK(ok);
}

int main(void)
{
    engine = builtin_engine();
    rules = &engine->reading;
    xmlInitParser();
    test_html_article();
    test_html_meta();
    test_html_deep();
    test_html_large();
    test_xml_hostile();
    test_xml_formats();
    test_dates();
    test_full_dates();
    test_text_meta();
    test_jsonl();
    test_inline_walk();
    test_writer_json();
    test_doc_code_points();
    test_utf8_next();
    test_utf8_repair();
    test_writer_span_offsets();
    test_writer_xml();
    test_writer_html();
    xmlCleanupParser();
    ann_engine_free(engine);
    TEST_DONE();
}
