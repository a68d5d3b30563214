/*
 * test_rules.c - the rule engine: lexicon and pattern loading (buffers,
 * files, malformed input), every token attribute and operator, longest and
 * overlapping matches, capitals, select, lookup, attrs, threads.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ann.h"
#include "annotate.h"
#include "builtin.h"
#include "lexicon.h"
#include "meta.h"
#include "rules.h"
#include "test.h"
#include "tokenizer.h"

static char err[512];

/* A rule set from one buffer; NULL (and a failed check) if it does not load. */
static ann_rules *rules(const char *name, const char *data)
{
    ann_rules *r = ann_rules_new(NULL);
    err[0] = '\0';
    int rc = ann_rules_load_buffer(r, name, data, strlen(data), err, sizeof err);
    if (rc != 0) {
        fprintf(stderr, "load %s: %s\n", name, err);
        CHECK(rc == 0);
    }
    return r;
}

/* Every match in s as "span=type" joined by " | ", in the order reported. */
static const char *show_m(const char *s, const ann_tokens *tk,
                          const ann_matches *m)
{
    static char out[2048];
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < m->n && o < sizeof out; i++) {
        const ann_match *x = &m->v[i];
        size_t a = tk->v[x->first].start, b = tk->v[x->last - 1].end;
        int k = snprintf(out + o, sizeof out - o, "%s%.*s=%s", i ? " | " : "",
                         (int)(b - a), s + a, x->type);
        if (k < 0)
            break;
        o += (size_t)k;
    }
    return out;
}

static ann_tokens tk;
static ann_matches ms;

/* Match s and show the result. */
static const char *run(const ann_rules *r, const char *s)
{
    tk.n = 0;
    ann_tokenize_all(s, strlen(s), &tk);
    ms.n = 0;
    ann_rules_match(r, s, tk.v, tk.n, &ms);
    return show_m(s, &tk, &ms);
}

/* One pattern line against s; the rules live until the next call, so that
 * the strings of ms stay valid. */
static ann_rules *last;

static const char *pat(const char *json, const char *s)
{
    ann_rules_free(last);
    last = rules("t.jsonl", json);
    return run(last, s);
}

/* The error a malformed buffer gives. */
static const char *bad(const char *name, const char *data)
{
    ann_rules *r = ann_rules_new(NULL);
    err[0] = '\0';
    int rc = ann_rules_load_buffer(r, name, data, strlen(data), err, sizeof err);
    CHECK(rc == -1);
    ann_rules_free(r);
    return err;
}

static int has_prefix(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void test_lexicon(void)
{
    ann_rules *r = rules("t.tsv",
        "# comment\n"
        "Ukraine\tactor\tcountry\tukraine\tiso=ua\n"
        "New York\tplace\tplace\t-\n"
        "New York Times\tsource\toutlet\tnyt\n"
        "York\tplace\tplace\tyork\n"
        "Georgia\tactor\tcountry\tgeorgia\n"
        "Georgia\tplace\tplace\tgeorgia-us\n"
        "Georgia\tplace\tplace\tgeorgia-us\n"        /* exact duplicate */
        "us\tnonname\t-\t-\n"
        "U.S.\tactor\tcountry\tunited-states\n"
        "Bosnia and Herzegovina\tactor\tcountry\tbih\n");
    CHECK_INT(ann_rules_count(r), 9);
    CHECK_STR(run(r, "Ukraine said"), "Ukraine=country");
    CHECK_STR(ms.v[0].kind, "actor");
    CHECK_STR(ms.v[0].id, "ukraine");
    CHECK_STR(ms.v[0].attrs, "iso=ua");
    CHECK_STR(ms.v[0].surface, "Ukraine");
    CHECK_INT(ms.v[0].pattern, 0);
    /* longest first, overlaps included, in order of first token */
    CHECK_STR(run(r, "the New York Times reported"),
              "New York Times=outlet | New York=place | York=place");
    CHECK_STR(ms.v[1].id, "new-york");                  /* "-": the slug */
    CHECK_STR(ms.v[1].attrs, "");
    CHECK_INT(ms.v[0].first, 1);
    CHECK_INT(ms.v[0].last, 4);
    /* same surface, two kinds: both kept, the duplicate once */
    CHECK_STR(run(r, "in Georgia"), "Georgia=country | Georgia=place");
    /* case-sensitive */
    CHECK_STR(run(r, "new york ukraine"), "");
    CHECK_STR(run(r, "the U.S. and Bosnia and Herzegovina"),
              "U.S.=country | Bosnia and Herzegovina=country");
    /* capitals: headlines */
    CHECK_STR(run(r, "UKRAINE REPORT"), "UKRAINE=country");
    CHECK_STR(run(r, "NEW YORK TIMES"),
              "NEW YORK TIMES=outlet | NEW YORK=place | YORK=place");
    CHECK_STR(run(r, "NEW York"), "York=place");       /* mixed: not a headline */
    CHECK_STR(run(r, "US troops"), "");                /* the acronym is not "us" */
    CHECK_STR(run(r, "let us go"), "us=-");
    /* a name never spans markup */
    CHECK_STR(run(r, "New **York** Times"), "York=place");
    ann_rules_free(r);
}

/* The lexicon's indexes: one-token entries under their word, longer ones
 * under their first two tokens, a bit table in front; the string pool's
 * blocks.  Whatever the layout, matches at a token come longest first and
 * in load order among equal lengths. */
static void test_lexicon_index(void)
{
    ann_rules *r = rules("t.tsv",
        "Russian Federation\tactor\tcountry\tru\n"
        "Russian\tdemonym\tfirst\t-\n"
        "Russian Foreign Ministry\tactor\tministry\t-\n"
        "Russian Federation\tplace\tsecond\tru-place\n"
        "Russian\tdemonym\tsecond\t-\n"
        "Russian Federation\tactor\tcountry\tru\n"        /* duplicate */
        "Russian Foreign\tx\tthird\t-\n"
        "Russian Federation Council\tactor\tcouncil\t-\n");
    CHECK_INT(ann_rules_count(r), 7);
    CHECK_STR(run(r, "the Russian Federation Council met"),
              "Russian Federation Council=council | Russian Federation=country | "
              "Russian Federation=second | Russian=first | Russian=second");
    CHECK_STR(run(r, "Russian Foreign Ministry"),
              "Russian Foreign Ministry=ministry | Russian Foreign=third | "
              "Russian=first | Russian=second");
    /* the window ends after the first word */
    CHECK_STR(run(r, "the Russian"), "Russian=first | Russian=second");
    CHECK_STR(run(r, "Russian federation"), "Russian=first | Russian=second");
    CHECK_STR(run(r, "RUSSIAN FEDERATION"),
              "RUSSIAN FEDERATION=country | RUSSIAN FEDERATION=second | "
              "RUSSIAN=first | RUSSIAN=second");
    CHECK_STR(run(r, "Federation Council"), "");
    ann_match m;
    CHECK_INT(ann_rules_lookup(r, "Russian Federation", 18, "place", &m), 1);
    CHECK_STR(m.id, "ru-place");
    CHECK_INT(ann_rules_lookup(r, "Russian Federation Council", 26, NULL, &m), 1);
    CHECK_STR(m.type, "council");
    CHECK_INT(ann_rules_lookup(r, "Russian Foreign", 15, "actor", &m), 0);
    ann_rules_free(r);
    r = rules("t.tsv", "Türkiye\tactor\tcountry\t-\nA-B Corp\tactor\torg\t-\n");
    CHECK_STR(run(r, "TÜRKIYE, A-B CORP"), "TÜRKIYE=country | A-B CORP=org");
    CHECK_STR(run(r, "TüRKIYE"), "");
    ann_rules_free(r);

    /* Enough entries that every table grows several times over. */
    ann_buf b = {0};
    for (unsigned i = 0; i < 5000; i++) {
        char line[128];
        snprintf(line, sizeof line, "W%u\tone\tt%u\t-\nW%u V%u\ttwo\tt%u\t-\n",
                 i, i % 7, i, i, i % 7);
        ann_buf_adds(&b, line);
    }
    /* A string longer than a pool block holds, and one across blocks. */
    char *big = ann_xmalloc(70001);
    for (size_t i = 0; i < 70000; i++)
        big[i] = (char)('a' + i % 26);
    big[70000] = '\0';
    ann_buf_adds(&b, "Longattrs\tk\tt\t-\tv=");
    ann_buf_adds(&b, big);
    ann_buf_adds(&b, "\n");
    r = rules("big.tsv", b.p);
    CHECK_INT(ann_rules_count(r), 10001);
    CHECK_STR(run(r, "W0 V0 W4999 V4999 W2500 V7 W5000 V5000"),
              "W0 V0=t0 | W0=t0 | W4999 V4999=t1 | W4999=t1 | W2500=t1");
    CHECK(ms.n == 5 && ms.v[0].kind == ms.v[2].kind);  /* interned once */
    CHECK_STR(run(r, "Longattrs"), "Longattrs=t");
    CHECK(ms.n == 1 && strlen(ms.v[0].attrs) == 70002 &&
          strcmp(ms.v[0].attrs + 2, big) == 0);
    free(big);
    ann_buf_free(&b);
    ann_rules_free(r);
}

/* Match s from a buffer of its exact length, so that ASan sees a read
 * past the text; the result as run() shows it. */
static const char *run_exact(const ann_rules *r, const char *s)
{
    size_t n = strlen(s);
    char *buf = ann_xmalloc(n ? n : 1);
    memcpy(buf, s, n);
    tk.n = 0;
    ann_tokenize_all(buf, n, &tk);
    ms.n = 0;
    ann_rules_match(r, buf, tk.v, tk.n, &ms);
    const char *out = show_m(buf, &tk, &ms);
    free(buf);
    return out;
}

/* The word table: words of up to 8 bytes compared in the slot, longer ones
 * 16 bytes at a time or, near the end of the text, byte by byte; words
 * alike in their first 8 bytes; a word that starts only longer entries.
 * The same with a pattern loaded, when the lexicon is asked token by token. */
static void test_lexicon_words(void)
{
    static const char *const lex =
        "Kyiv\tplace\tk4\t-\n"
        "Kyi\tplace\tk3\t-\n"
        "Kyivska\tplace\tk7\t-\n"
        "Zelensky\tactor\tz8\t-\n"
        "Netherland\tplace\tn10\t-\n"
        "Netherlands\tplace\tn11\t-\n"
        "Abcdefghijklmnop\tx\ta16\t-\n"
        "Abcdefghijklmnoq\tx\tb16\t-\n"
        "Constantinopolitan\tx\tc18\t-\n"
        "Sri Lanka\tactor\tsl\t-\n"
        "Sri Lanka Freedom Party\tactor\tslfp\t-\n";
    static const char *const text[][2] = {
        {"Kyiv Kyi Kyivs Kyivska", "Kyiv=k4 | Kyi=k3 | Kyivska=k7"},
        {"Zelensky Zelenskyy Zelensk", "Zelensky=z8"},
        {"Netherlands Netherland Netherlandz", "Netherlands=n11 | Netherland=n10"},
        {"Abcdefghijklmnoq Abcdefghijklmnop Abcdefghijklmnopq",
         "Abcdefghijklmnoq=b16 | Abcdefghijklmnop=a16"},
        {"Constantinopolitan Constantinopolitans Constantinopolitan",
         "Constantinopolitan=c18 | Constantinopolitan=c18"},
        {"Sri Lanka Freedom Party and Sri Lankan Sri", "Sri Lanka Freedom Party=slfp | Sri Lanka=sl"},
        {"Netherland", "Netherland=n10"},
        {"in Abcdefghijklmnop", "Abcdefghijklmnop=a16"},
        {"Sri Lanka", "Sri Lanka=sl"},
        {"Sri", ""},
    };
    for (int with_pattern = 0; with_pattern < 2; with_pattern++) {
        ann_rules *r = rules("t.tsv", lex);
        if (with_pattern) {
            const char *p = "{\"label\":\"zz\",\"pattern\":[{\"ORTH\":\"qqq\"}]}\n";
            CHECK(ann_rules_load_buffer(r, "p.jsonl", p, strlen(p), err, sizeof err) == 0);
        }
        for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
            CHECK_STR(run_exact(r, text[i][0]), text[i][1]);
        ann_match m;
        CHECK_INT(ann_rules_lookup(r, "Constantinopolitan", 18, NULL, &m), 1);
        CHECK_STR(m.type, "c18");
        CHECK_INT(ann_rules_lookup(r, "Kyivs", 5, NULL, &m), 0);
        CHECK_INT(ann_rules_lookup(r, "Sri", 3, NULL, &m), 0);
        CHECK_INT(ann_rules_lookup(r, "Sri Lanka", 9, "actor", &m), 1);
        CHECK_STR(m.type, "sl");
        ann_rules_free(r);
    }
}

/* One-token entries of one word are kept together, whatever lines and
 * files come between them: the table moves a word's run when it grows.
 * They come in load order, an exact duplicate once, in capitals too. */
static void test_lexicon_runs(void)
{
    ann_rules *r = rules("a.tsv",
        "Kyiv\tplace\ta1\t-\n"
        "Lviv\tplace\tb1\t-\n"
        "Kyiv\tactor\ta2\t-\n"
        "Kyiv Oblast\tplace\tko\t-\n");
    static const char *const more[] = {
        "Odesa\tplace\to1\t-\nKyiv\tplace\ta3\t-\nKyiv\tplace\ta1\t-\n",
        "Lviv\tactor\tb2\t-\nKharkiv\tplace\th1\t-\nKyiv\tx\ta4\t-\n",
        "Kyiv\tactor\ta2\t-\nKyiv\ty\ta5\t-\nLviv\ty\tb3\t-\n"};
    for (size_t i = 0; i < sizeof more / sizeof *more; i++)
        CHECK(ann_rules_load_buffer(r, "b.tsv", more[i], strlen(more[i]), err, sizeof err) == 0);
    /* enough other words between that the word table grows */
    ann_buf b = {0};
    for (unsigned i = 0; i < 3000; i++) {
        char line[64];
        snprintf(line, sizeof line, "Q%u\tq\tq\t-\n%s", i, i == 1500 ? "Kyiv\tz\ta6\t-\n" : "");
        ann_buf_adds(&b, line);
    }
    CHECK(ann_rules_load_buffer(r, "c.tsv", b.p, b.len, err, sizeof err) == 0);
    ann_buf_free(&b);
    CHECK_INT(ann_rules_count(r), 3000 + 12);
    CHECK_STR(run(r, "Kyiv and Lviv"),
              "Kyiv=a1 | Kyiv=a2 | Kyiv=a3 | Kyiv=a4 | Kyiv=a5 | Kyiv=a6 | "
              "Lviv=b1 | Lviv=b2 | Lviv=b3");
    CHECK_STR(run(r, "KYIV OBLAST"),
              "KYIV OBLAST=ko | KYIV=a1 | KYIV=a2 | KYIV=a3 | KYIV=a4 | KYIV=a5 | KYIV=a6");
    CHECK_STR(run(r, "Odesa Kharkiv Q0 Q2999 Q3000"), "Odesa=o1 | Kharkiv=h1 | Q0=q | Q2999=q");
    ann_match m;
    CHECK_INT(ann_rules_lookup(r, "Kyiv", 4, "actor", &m), 1);
    CHECK_STR(m.type, "a2");
    CHECK_INT(ann_rules_lookup(r, "Kyiv", 4, "z", &m), 1);
    CHECK_STR(m.type, "a6");
    CHECK_INT(ann_rules_lookup(r, "Kyiv", 4, NULL, &m), 1);
    CHECK_STR(m.type, "a1");
    CHECK_INT(ann_rules_lookup(r, "Lviv", 4, "y", &m), 1);
    CHECK_STR(m.type, "b3");
    ann_rules_free(r);
}

/* Do the fast path and the tokenizer agree on s, whenever the fast path
 * takes it?  Returns whether it took it; a disagreement is counted in
 * plain_differ (one check for all, not one per surface). */
static ann_tokens fast, slow;
static size_t plain_differ;

static int plain_agrees(const char *s, size_t n)
{
    if (!ann_lexicon_tokenize_plain(s, n, &fast))
        return 0;
    slow.n = 0;
    ann_tokenize_all(s, n, &slow);
    int same = fast.n == slow.n;
    for (size_t k = 0; same && k < fast.n; k++) {
        const ann_token *a = &fast.v[k], *b = &slow.v[k];
        same = a->start == b->start && a->end == b->end && a->hash == b->hash &&
               a->lhash == b->lhash && a->flags == b->flags &&
               a->kind == b->kind && a->ncp == b->ncp;
    }
    if (!same) {
        fprintf(stderr, "tokenize_plain differs on \"%.*s\"\n", (int)n, s);
        plain_differ++;
    }
    return 1;
}

/* The loader's fast tokenizing of plain surfaces gives the tokenizer's
 * tokens, over every built-in surface and the edge cases it turns away. */
static void test_tokenize_plain(void)
{
    size_t taken = 0, lines = 0;
    for (size_t i = 0; i < ann_builtin_nfiles; i++) {
        const ann_builtin_file *f = &ann_builtin_files[i];
        if (strncmp(f->name, "lexicon/", 8) != 0)
            continue;
        for (const char *p = f->data, *end = f->data + f->len; p < end;) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *le = nl ? nl : end;
            const char *tab = memchr(p, '\t', (size_t)(le - p));
            if (tab && *p != '#') {
                lines++;
                taken += (size_t)plain_agrees(p, (size_t)(tab - p));
            }
            p = le + 1;
        }
    }
    CHECK(lines > 10000);
    CHECK(taken * 4 > lines * 3);      /* most surfaces are plain */
    CHECK_INT(plain_differ, 0);
    static const char *const odd[] = {
        "a", "A", "I", "Ab", "AB", "aB", "NATO", "Nato", "nato", "McDonald",
        "iPhone", "WhatsApp", "Kyslytsya", "KyslytsyaThe", "New York",
        "new york CITY", "New  York", "New York ", " New", "U.S.", "Mr",
        "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnop", "ABCDEFGHIJKLMNOPQRSTUVWXYZAB",
        "AbcdefghijklmnopqrstuvwxyzabcdefghijklmnopQrst", "Fifty1", "X Y Z",
        "S", "Sri Lanka Freedom Party", "don't", "Russia-Ukraine", "Z\xC3\xBCrich",
        "", "a\tb", "a\nb",
    };
    size_t plain = 0;
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++)
        plain += (size_t)plain_agrees(odd[i], strlen(odd[i]));
    CHECK_INT(plain, 18);
    CHECK_INT(plain_differ, 0);
    CHECK_INT(ann_lexicon_tokenize_plain("McDonald", 8, &fast), 0);
    CHECK_INT(ann_lexicon_tokenize_plain("New  York", 9, &fast), 0);
    CHECK_INT(ann_lexicon_tokenize_plain("U.S.", 4, &fast), 0);
    ann_tokens_free(&fast);
    ann_tokens_free(&slow);
}

/* Lines that repeat the fields of the line before share its strings; a
 * field that changes back and forth is still itself. */
static void test_lexicon_fields(void)
{
    ann_rules *r = rules("f.tsv",
        "Kyiv\tplace\tcity\tkyiv\tname=Kyiv\n"
        "Kiev\tplace\tcity\tkyiv\tname=Kyiv\n"
        "Lviv\tplace\tcity\t-\tname=Lviv\n"
        "Odesa\tplace\tport\todesa\t-\n"
        "Odessa\tplacex\tport\todesa\n"
        "Kharkiv\tplace\tcity\tkharkiv\tname=Kyiv\n");
    ann_matches m = {0};
    ann_tokens t = {0};
    const char *s = "Kyiv Kiev Lviv Odesa Odessa Kharkiv";
    ann_tokenize_all(s, strlen(s), &t);
    ann_rules_match(r, s, t.v, t.n, &m);
    CHECK_INT(m.n, 6);
    if (m.n == 6) {
        CHECK(m.v[0].kind == m.v[1].kind && m.v[0].attrs == m.v[1].attrs &&
              m.v[0].id == m.v[1].id);
        CHECK(m.v[1].kind == m.v[5].kind && m.v[0].attrs == m.v[5].attrs);
        CHECK_STR(m.v[2].id, "lviv");
        CHECK_STR(m.v[2].attrs, "name=Lviv");
        CHECK_STR(m.v[3].type, "port");
        CHECK_STR(m.v[3].attrs, "");
        CHECK_STR(m.v[4].kind, "placex");
        CHECK(m.v[3].attrs == m.v[4].attrs && m.v[3].id == m.v[4].id);
        CHECK_STR(m.v[5].kind, "place");
        CHECK_STR(m.v[5].type, "city");
        CHECK_STR(m.v[5].id, "kharkiv");
    }
    ann_tokens_free(&t);
    ann_matches_free(&m);
    ann_rules_free(r);
}

static void test_pattern_attrs(void)
{
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"Kyiv\"}]}", "Kyiv kyiv KYIV"), "Kyiv=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"TEXT\":\"Kyiv\"}]}", "kyiv Kyiv"), "Kyiv=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LOWER\":\"kyiv\"}]}", "Kyiv kyiv KYIV"),
              "Kyiv=x | kyiv=x | KYIV=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"lower\":\"kyiv\"}]}", "Kyiv"), "Kyiv=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_TITLE\":true}]}", "a Kyiv NATO"), "Kyiv=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_TITLE\":false,\"IS_ALPHA\":true}]}",
                  "a Kyiv NATO"), "a=x | NATO=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_UPPER\":true}]}", "a Kyiv NATO"), "NATO=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_LOWER\":true}]}", "a Kyiv NATO"), "a=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_DIGIT\":true}]}", "in 2024 or 3.5"), "2024=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_PUNCT\":true}]}", "yes, no \u2014 \"ok\""),
              ",=x | \u2014=x | \"=x | \"=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_ALPHA\":true}]}", "a1 b 22"), "b=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_SENT_START\":true}]}",
                  "One two. Three four."), "One=x | Three=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"SHAPE\":\"Xxxxx\"}]}",
                  "Zelensky Kyiv Putin"), "Zelensky=x | Putin=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"SHAPE\":\"dddd\"}]}", "in 2024 or 12345 or 12"),
              "2024=x | 12345=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"SHAPE\":\"X.X.\"}]}", "the U.S. and U.K."),
              "U.S.=x | U.K.=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LENGTH\":2}]}", "a to the"), "to=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LENGTH\":{\">=\":3}}]}", "a to the"), "the=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LENGTH\":{\">\":1,\"<\":3}}]}", "a to the"), "to=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LENGTH\":{\"<=\":2,\"!=\":1}}]}", "a to the"), "to=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LENGTH\":{\"==\":1}}]}", "a to the"), "a=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LENGTH\":{\"IN\":[1,3]}}]}", "a to the"), "a=x | the=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":{\"IN\":[\"Kyiv\",\"Kiev\"]}}]}",
                  "Kiev or Kyiv or kyiv"), "Kiev=x | Kyiv=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LOWER\":{\"IN\":[\"kyiv\",\"KIEV\"]}}]}",
                  "Kiev or KYIV"), "Kiev=x | KYIV=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_ALPHA\":true,\"LOWER\":{\"NOT_IN\":[\"or\",\"and\"]}}]}",
                  "Kiev or Kyiv"), "Kiev=x | Kyiv=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":{\"==\":\"or\"}}]}", "Kiev or Kyiv"), "or=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":{\"!=\":\"or\"}}]}", "Kiev or"), "Kiev=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":{\"REGEX\":\"^Ky\"}}]}", "Kyiv kyiv Kyrgyz"),
              "Kyiv=x | Kyrgyz=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LOWER\":{\"REGEX\":\"^ky\"}}]}", "Kyiv KYIV ok"),
              "Kyiv=x | KYIV=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"SHAPE\":{\"REGEX\":\"^X+$\"}}]}", "NATO Kyiv EU"),
              "NATO=x | EU=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"TEXT\":{\"REGEX\":\"ь\"}}]}", "Київ Львів"), "Львів=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{}]}", "a b"), "a=x | b=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LOWER\":\"President\"}]}", "president"),
              "president=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"LENGTH\":{\"<\":1e300}}]}", "ab"), "ab=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"Kyiv\",\"IS_SENT_START\":false}]}",
                  "Kyiv is far. I like Kyiv"), "Kyiv=x");
    CHECK_INT(ms.v[0].first, 6);
}

static void test_pattern_ops(void)
{
    const char *said = "{\"label\":\"person\",\"pattern\":[{\"IS_TITLE\":true,\"OP\":\"+\"},{\"LOWER\":\"said\"}]}";
    CHECK_STR(pat(said, "and Boris Johnson said"),
              "Boris Johnson said=person | Johnson said=person");
    /* "+" gives back a token so the next spec can match */
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"IS_TITLE\":true,\"OP\":\"+\"},{\"IS_TITLE\":true},{\"LOWER\":\"said\"}]}",
                  "Boris Johnson said"), "Boris Johnson said=x");
    const char *pres = "{\"label\":\"person\",\"pattern\":[{\"LOWER\":\"president\"},{\"IS_TITLE\":true,\"OP\":\"+\"}]}";
    CHECK_STR(pat(pres, "President Volodymyr Zelensky said"),
              "President Volodymyr Zelensky=person");
    CHECK_STR(ms.v[0].kind, "actor");
    CHECK_INT(ms.v[0].pattern, 1);
    CHECK_STR(ms.v[0].surface, "");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\"},{\"ORTH\":\"b\",\"OP\":\"?\"},{\"ORTH\":\"c\"}]}",
                  "a c a b c a b b c"), "a c=x | a b c=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\"},{\"ORTH\":\"b\",\"OP\":\"*\"}]}",
                  "a b b c"), "a b b=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\"},{\"ORTH\":\"b\",\"OP\":\"!\"}]}",
                  "a b a c"), "a c=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\"},{\"ORTH\":\"b\",\"OP\":\"{2}\"}]}",
                  "a b a b b b"), "a b b=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\"},{\"ORTH\":\"b\",\"OP\":\"{2,3}\"}]}",
                  "a b a b b b b"), "a b b b=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\"},{\"ORTH\":\"b\",\"OP\":\"{2,}\"}]}",
                  "a b a b b b b"), "a b b b b=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\"},{\"ORTH\":\"b\",\"OP\":\"{,2}\"}]}",
                  "a b b b"), "a b b=x");
    /* an optional first token: not indexed, tried everywhere; no empty match */
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"the\",\"OP\":\"?\"},{\"IS_UPPER\":true}]}",
                  "the EU and NATO"), "the EU=x | EU=x | NATO=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"z\",\"OP\":\"*\"}]}", "a b"), "");
    /* {}* spans anything but markup */
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"from\"},{\"OP\":\"*\"},{\"ORTH\":\"to\"}]}",
                  "from a to b to c"), "from a to b to=x");
    CHECK_STR(pat("{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"from\"},{\"OP\":\"*\"},{\"ORTH\":\"to\"}]}",
                  "from a ** to"), "");
    /* phrase patterns, label mapping, kind/type/attrs/id */
    CHECK_STR(pat("{\"label\":\"ORG\",\"pattern\":\"Foreign Ministry\",\"id\":\"mfa\","
                  "\"attrs\":{\"country\":\"ua\",\"n\":3}}", "the Foreign Ministry said"),
              "Foreign Ministry=organization");
    CHECK_STR(ms.v[0].kind, "actor");
    CHECK_STR(ms.v[0].id, "mfa");
    CHECK_STR(ms.v[0].attrs, "country=ua;n=3");
    CHECK_STR(pat("{\"label\":\"x\",\"kind\":\"cue\",\"type\":\"speech\",\"attrs\":\"a=1\","
                  "\"pattern\":[{\"LOWER\":\"said\"}]}", "he said"), "said=speech");
    CHECK_STR(ms.v[0].kind, "cue");
    CHECK_STR(ms.v[0].id, "");
    CHECK_STR(ms.v[0].attrs, "a=1");
    CHECK_STR(pat("{\"label\":\"outlet\",\"pattern\":[{\"ORTH\":\"Reuters\"}]}", "Reuters"), "Reuters=outlet");
    CHECK_STR(ms.v[0].kind, "source");
}

/* Lexicon entries and patterns together: longest first at each token. */
static void test_mixed(void)
{
    ann_rules *r = ann_rules_new(NULL);
    const char *lex = "Johnson\tactor\tperson\tjohnson\n";
    const char *pats = "{\"label\":\"person\",\"pattern\":[{\"IS_TITLE\":true,\"OP\":\"+\"},{\"LOWER\":\"said\"}]}\n"
                       "{\"label\":\"cue\",\"pattern\":[{\"LOWER\":\"said\"}]}\n";
    CHECK_INT(ann_rules_load_buffer(r, "a.tsv", lex, strlen(lex), err, sizeof err), 0);
    CHECK_INT(ann_rules_load_buffer(r, "b.jsonl", pats, strlen(pats), err, sizeof err), 0);
    CHECK_INT(ann_rules_count(r), 3);
    CHECK_STR(run(r, "Boris Johnson said"),
              "Boris Johnson said=person | Johnson said=person | Johnson=person | said=cue");
    ann_rules_free(r);
}

static void test_load_errors(void)
{
    CHECK_STR(bad("x.tsv", "# c\nUkraine\tactor\tcountry\n"),
              "x.tsv:2: expected 4 or 5 tab-separated fields (surface, kind, type, id[, attrs]), got 3");
    CHECK(has_prefix(bad("x.tsv", "a\tb\tc\td\te\tf\n"), "x.tsv:1: expected 4 or 5"));
    CHECK_STR(bad("x.tsv", "ok\tk\tt\ti\n\n\tactor\tcountry\tx\n"), "x.tsv:3: empty surface");
    CHECK(has_prefix(bad("x.tsv", "Kyiv\tplace\tplace\t\n"), "x.tsv:1: empty id"));
    CHECK_STR(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\"}]}\n{\"label\": \n"),
              "x.jsonl:2: bad JSON near column 9");
    CHECK_STR(bad("x.jsonl", "[1,2]\n"), "x.jsonl:1: expected a JSON object");
    CHECK_STR(bad("x.jsonl", "{\"pattern\":[{\"ORTH\":\"a\"}]}\n"), "x.jsonl:1: missing \"label\"");
    CHECK_STR(bad("x.jsonl", "{\"label\":\"x\"}\n"),
              "x.jsonl:1: \"pattern\" must be a list of token objects or a string");
    CHECK_STR(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[]}\n"), "x.jsonl:1: \"pattern\" is empty");
    CHECK_STR(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\"},{\"POS\":\"PROPN\"}]}\n"),
              "x.jsonl:1: token 2: unknown token attribute \"POS\"");
    CHECK(has_prefix(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\",\"OP\":\"++\"}]}\n"),
                     "x.jsonl:1: token 1: bad OP \"++\""));
    CHECK(has_prefix(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[{\"ORTH\":\"a\",\"OP\":\"{3,1}\"}]}\n"),
                     "x.jsonl:1: token 1: bad OP"));
    CHECK(has_prefix(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[{\"ORTH\":{\"REGEX\":\"(ab\"}}]}\n"),
                     "x.jsonl:1: token 1: bad REGEX \"(ab\": missing closing parenthesis"));
    CHECK_STR(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[{\"IS_TITLE\":\"yes\"}]}\n"),
              "x.jsonl:1: token 1: IS_TITLE expects true or false");
    CHECK_STR(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[{\"LENGTH\":\"3\"}]}\n"),
              "x.jsonl:1: token 1: bad value for LENGTH");
    CHECK_STR(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[{\"ORTH\":{\"FUZZY\":\"a\"}}]}\n"),
              "x.jsonl:1: token 1: unknown operator \"FUZZY\"");
    CHECK_STR(bad("x.jsonl", "{\"label\":\"x\",\"pattern\":[{\"ORTH\":{\"IN\":[\"a\",1]}}]}\n"),
              "x.jsonl:1: token 1: ORTH, TEXT, LOWER and SHAPE values must be strings");
    CHECK_STR(bad("x.jsonl", "{\"label\":\"x\",\"id\":7,\"pattern\":[{\"ORTH\":\"a\"}]}\n"),
              "x.jsonl:1: \"id\" must be a string");
    CHECK_STR(bad("x.tsv", "a\tb\tc\td\n\xEF\xBB\xBFno\n"),
              "x.tsv:2: expected 4 or 5 tab-separated fields (surface, kind, type, id[, attrs]), got 1");
}

/* A user's rule file, loaded alone by an engine without the built-in rules:
 * 0, or -1 with the reason in err. */
static int load_file(const char *path)
{
    ann_engine *e = ann_engine_new(1, &path, 1, err, sizeof err);
    ann_engine_free(e);
    return e ? 0 : -1;
}

static void test_files(void)
{
    const char *good[] = {"tests/data/rules/good.tsv", "tests/data/rules/good.jsonl",
                          "tests/data/rules/sniffed"};
    ann_engine *e = ann_engine_new(1, good, 3, err, sizeof err);
    CHECK(e != NULL);
    if (!e)
        return;
    ann_rules *r = e->rules;
    CHECK_INT(ann_rules_count(r), 6);
    CHECK_STR(run(r, "President Zelensky of Ukraine told the Kyiv Independent and NATO"),
              "President Zelensky=person | Ukraine=country | Kyiv Independent=outlet | NATO=organization");
    CHECK_STR(ms.v[0].id, "president-x");

    ann_engine_free(e);

    CHECK_INT(load_file("tests/data/rules/bad_fields.tsv"), -1);
    CHECK(has_prefix(err, "tests/data/rules/bad_fields.tsv:4: expected 4 or 5"));
    CHECK_INT(load_file("tests/data/rules/bad_attr.jsonl"), -1);
    CHECK_STR(err, "tests/data/rules/bad_attr.jsonl:3: token 2: unknown token attribute \"POS\"");
    CHECK_INT(load_file("tests/data/rules/bad_json.jsonl"), -1);
    CHECK(has_prefix(err, "tests/data/rules/bad_json.jsonl:2: bad JSON"));
    CHECK_INT(load_file("tests/data/rules/bad_regex.jsonl"), -1);
    CHECK(has_prefix(err, "tests/data/rules/bad_regex.jsonl:1: token 1: bad REGEX"));
    CHECK_INT(load_file("tests/data/rules/missing.tsv"), -1);
    CHECK_STR(err, "tests/data/rules/missing.tsv: No such file or directory");

    e = ann_engine_new(0, NULL, 0, err, sizeof err);
    if (!e)
        fprintf(stderr, "builtin: %s\n", err);
    CHECK(e != NULL && ann_rules_count(e->rules) > 0);
    ann_engine_free(e);
}

/* How many times needle occurs in the file. */
static int count_in_file(FILE *f, const char *needle)
{
    char line[1024];
    int n = 0;
    rewind(f);
    while (fgets(line, sizeof line, f))
        n += strstr(line, needle) != NULL;
    return n;
}

static void test_catastrophic_regex(void)
{
    ann_rules *r = rules("t.jsonl",
        "{\"label\":\"x\",\"pattern\":[{\"ORTH\":{\"REGEX\":\"^(a|aa)+$\"}}]}\n"
        "{\"label\":\"y\",\"pattern\":[{\"ORTH\":{\"REGEX\":\"^(a+)+[bc]$\"}}]}\n");
    char s[512];
    memset(s, 'a', 100);
    strcpy(s + 100, "1 and aab ");
    memcpy(s + 110, s, 110);       /* the bad token twice */
    s[220] = '\0';
    /* catch stderr to see that each regex warns once */
    FILE *log = tmpfile();
    fflush(stderr);
    int saved = dup(2);
    CHECK(log && saved >= 0 && dup2(fileno(log), 2) >= 0);
    clock_t t0 = clock();
    const char *got = run(r, s);
    run(r, s);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    CHECK_STR(got, "aab=y | aab=y");
    CHECK(secs < 5.0);
    CHECK_INT(count_in_file(log, "REGEX \"^(a|aa)+$\" hit its match limit"), 1);
    CHECK_INT(count_in_file(log, "REGEX \"^(a+)+[bc]$\" hit its match limit"), 1);
    fclose(log);
    ann_rules_free(r);
}

static void test_select(void)
{
    ann_rules *r = rules("t.tsv",
        "New York\tplace\tplace\t-\n"
        "New York Times\tsource\toutlet\tnyt\n"
        "York\tplace\tplace\tyork\n"
        "Times\tsource\toutlet\ttimes\n"
        "Georgia\tactor\tcountry\tgeorgia\n"
        "Georgia\tplace\tplace\tgeorgia-us\n");
    run(r, "the New York Times in Georgia");
    ann_matches_select(&ms, NULL);
    CHECK_STR(show_m("the New York Times in Georgia", &tk, &ms),
              "New York Times=outlet | Georgia=country");
    run(r, "the New York Times in Georgia");
    static const char *const places[] = {"place", NULL};
    ann_matches_select(&ms, places);
    CHECK_STR(show_m("the New York Times in Georgia", &tk, &ms), "New York=place | Georgia=place");
    /* out of order input is sorted first */
    run(r, "the New York Times in Georgia");
    ann_match tmp = ms.v[0];
    ms.v[0] = ms.v[ms.n - 1];
    ms.v[ms.n - 1] = tmp;
    ann_matches_select(&ms, NULL);
    CHECK_STR(show_m("the New York Times in Georgia", &tk, &ms),
              "New York Times=outlet | Georgia=place");
    static const char *const none[] = {"nothing", NULL};
    run(r, "the New York Times");
    ann_matches_select(&ms, none);
    CHECK_INT(ms.n, 0);
    ann_rules_free(r);
}

static void test_lookup(void)
{
    ann_rules *r = rules("t.tsv",
        "Georgia\tactor\tcountry\tgeorgia\n"
        "Georgia\tplace\tplace\tgeorgia-us\n"
        "New York Times\tsource\toutlet\tnyt\n");
    ann_match m;
    CHECK_INT(ann_rules_lookup(r, "Georgia", 7, NULL, &m), 1);
    CHECK_STR(m.id, "georgia");
    CHECK_INT(ann_rules_lookup(r, "Georgia", 7, "place", &m), 1);
    CHECK_STR(m.id, "georgia-us");
    CHECK_INT(m.first, 0);
    CHECK_INT(m.last, 1);
    CHECK_INT(ann_rules_lookup(r, "Georgia", 7, "source", &m), 0);
    CHECK_INT(ann_rules_lookup(r, "New York Times", 14, NULL, &m), 1);
    CHECK_INT(m.last, 3);
    CHECK_STR(m.type, "outlet");
    CHECK_INT(ann_rules_lookup(r, "NEW YORK TIMES", 14, NULL, &m), 1);
    CHECK_STR(m.surface, "New York Times");
    CHECK_INT(ann_rules_lookup(r, "New York", 8, NULL, &m), 0);
    CHECK_INT(ann_rules_lookup(r, "georgia", 7, NULL, &m), 0);
    CHECK_INT(ann_rules_lookup(r, "", 0, NULL, &m), 0);
    ann_rules_free(r);
}

static void test_attr(void)
{
    char v[16];
    CHECK_INT(ann_attr("iso=ua;name=Ukraine", "iso", v, sizeof v), 1);
    CHECK_STR(v, "ua");
    CHECK_INT(ann_attr("iso=ua;name=Ukraine", "name", v, sizeof v), 1);
    CHECK_STR(v, "Ukraine");
    CHECK_INT(ann_attr("iso=ua;name=Ukraine", "is", v, sizeof v), 0);
    CHECK_INT(ann_attr("isox=1;iso=ua", "iso", v, sizeof v), 1);
    CHECK_STR(v, "ua");
    CHECK_INT(ann_attr("", "iso", v, sizeof v), 0);
    CHECK_INT(ann_attr("flag;k=", "flag", v, sizeof v), 1);
    CHECK_STR(v, "");
    CHECK_INT(ann_attr("k=0123456789abcdefghij", "k", v, 8), 1);
    CHECK_STR(v, "0123456");
    CHECK_INT(ann_attr("role=President", "role", NULL, 0), 1);
}

/* Many threads match on one rule set at once and agree. */
static ann_rules *shared;
static const char *thread_text = "President Volodymyr Zelensky said the NEW YORK TIMES lied";

static void *worker(void *arg)
{
    ann_tokens t = {0};
    ann_matches m = {0};
    ann_tokenize_all(thread_text, strlen(thread_text), &t);
    size_t *n = arg;
    for (int k = 0; k < 200; k++) {
        m.n = 0;
        ann_rules_match(shared, thread_text, t.v, t.n, &m);
    }
    *n = m.n;
    ann_matches_free(&m);
    ann_tokens_free(&t);
    return NULL;
}

static void test_threads(void)
{
    shared = rules("t.jsonl",
        "{\"label\":\"person\",\"pattern\":[{\"LOWER\":\"president\"},{\"IS_TITLE\":true,\"OP\":\"+\"}]}\n"
        "{\"label\":\"x\",\"pattern\":[{\"IS_UPPER\":true,\"ORTH\":{\"REGEX\":\"^[A-Z]+$\"},\"OP\":\"+\"}]}\n");
    pthread_t th[4];
    size_t n[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, worker, &n[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    for (int i = 0; i < 4; i++)
        CHECK_INT(n[i], 4);
    ann_rules_free(shared);
}

/* meta/lowercase.txt is searched in place, by bisection of its lines
 * (meta.c): after its header of comments, one word a line, in lower case,
 * sorted by bytes without repeats; and a word of it is found. */
static void test_lowercase_words_sorted(void)
{
    const ann_builtin_file *f = ann_builtin_get("meta/lowercase.txt");
    CHECK(f != NULL);
    if (!f)
        return;
    const char *p = f->data, *end = f->data + f->len, *prev = NULL;
    size_t nprev = 0, n = 0, bad = 0;
    while (p < end && *p == '#') {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        for (size_t i = 0; i < len; i++)
            bad += !(p[i] >= 'a' && p[i] <= 'z');
        if (prev) {
            int c = memcmp(prev, p, nprev < len ? nprev : len);
            bad += c > 0 || (c == 0 && nprev >= len);
        }
        bad += len == 0;
        prev = p, nprev = len, n++;
        p = nl ? nl + 1 : end;
    }
    CHECK(n > 1000);
    CHECK_INT((long)bad, 0);
    char err[256];
    ann_engine *e = ann_engine_new(0, NULL, 0, err, sizeof err);
    CHECK(e && ann_meta_lowercase(e->meta, "Debris", 6) && ann_meta_lowercase(e->meta, "aback", 5) &&
          !ann_meta_lowercase(e->meta, "Zelensky", 8) && !ann_meta_lowercase(e->meta, "debri", 5));
    ann_engine_free(e);
}

int main(void)
{
    test_lowercase_words_sorted();
    test_lexicon();
    test_lexicon_index();
    test_lexicon_words();
    test_lexicon_runs();
    test_tokenize_plain();
    test_lexicon_fields();
    test_pattern_attrs();
    test_pattern_ops();
    test_mixed();
    test_load_errors();
    test_files();
    test_catastrophic_regex();
    test_select();
    test_lookup();
    test_attr();
    test_threads();
    ann_rules_free(last);
    ann_tokens_free(&tk);
    ann_matches_free(&ms);
    TEST_DONE();
}
