/* test_tokenizer.c - tokens, offsets, flags, sentence breaks, quotes,
 * markup residue, invalid UTF-8 and the code point index. */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "reader.h"
#include "test.h"
#include "tokenizer.h"
#include "utf8.h"

static ann_tokens toks;
static const char *src;

static void tok(const char *s)
{
    src = s;
    ann_tokenize_all(s, strlen(s), &toks);
}

/* Text of token i as a static string (tests only). */
static const char *tx(size_t i)
{
    static char buf[256];
    if (i >= toks.n)
        return "(none)";
    size_t n = toks.v[i].end - toks.v[i].start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, src + toks.v[i].start, n);
    buf[n] = '\0';
    return buf;
}

static int has(size_t i, uint32_t flag)
{
    return i < toks.n && (toks.v[i].flags & flag) != 0;
}

static void test_words(void)
{
    tok("Zelensky's don't Russia-Ukraine U.S.-Russian Feb. 21 Mr. Putin 1,000 3.5%");
    CHECK_STR(tx(0), "Zelensky");
    CHECK_STR(tx(1), "'s");
    CHECK(has(1, ANN_TF_POSS));
    CHECK_STR(tx(2), "don't");
    CHECK_STR(tx(3), "Russia-Ukraine");
    CHECK(has(3, ANN_TF_HYPHEN));
    CHECK_STR(tx(4), "U.S.");
    CHECK_STR(tx(5), "-");
    CHECK_STR(tx(6), "Russian");
    CHECK_STR(tx(7), "Feb.");
    CHECK(has(7, ANN_TF_ABBREV));
    CHECK_STR(tx(8), "21");
    CHECK_INT(toks.v[8].kind, ANN_TOK_NUMBER);
    CHECK(has(8, ANN_TF_DIGIT));
    CHECK_STR(tx(9), "Mr.");
    CHECK_STR(tx(10), "Putin");
    CHECK_STR(tx(11), "1,000");
    CHECK_INT(toks.v[11].kind, ANN_TOK_NUMBER);
    CHECK_STR(tx(12), "3.5");
    CHECK_STR(tx(13), "%");
    CHECK_INT(toks.n, 14);
}

static void test_flags_and_hashes(void)
{
    tok("NATO Zelensky iPhone kyiv");
    CHECK(has(0, ANN_TF_UPPER));
    CHECK(!has(0, ANN_TF_TITLE));
    CHECK(has(1, ANN_TF_TITLE));
    CHECK(!has(2, ANN_TF_TITLE));
    CHECK(has(3, ANN_TF_LOWER));
    CHECK(toks.v[1].hash == ann_hash("Zelensky", 8));
    CHECK(toks.v[1].lhash == ann_hash("zelensky", 8));
    CHECK(toks.v[0].lhash == ann_hash_lower("nato", 4));
    tok("Türkiye ÜBER");
    CHECK(toks.v[0].lhash == ann_hash("türkiye", strlen("türkiye")));
    CHECK(has(1, ANN_TF_UPPER));
    CHECK_INT(toks.v[0].ncp, 7);
}

static void test_offsets(void)
{
    const char *s = "“Ça va,” said Zelenskyy — in Kyiv.";
    tok(s);
    CHECK_STR(tx(0), "“");
    CHECK(has(0, ANN_TF_QOPEN));
    CHECK_STR(tx(1), "Ça");
    CHECK_INT(toks.v[1].start, 3);
    CHECK_STR(tx(4), "”");
    CHECK(has(4, ANN_TF_QCLOSE));
    CHECK_STR(tx(7), "—");
    CHECK_INT(toks.v[7].kind, ANN_TOK_DASH);
    /* byte to code point through a document's index */
    ann_doc *d = ann_doc_new("t", "t", ann_xstrdup(s), strlen(s));
    CHECK_INT(ann_doc_cp(d, toks.v[1].start), 1);
    CHECK_INT(ann_doc_cp(d, toks.v[6].start), 14);   /* Zelenskyy */
    CHECK_INT(d->chars, 34);
    ann_doc_free(d);
}

static void test_sentences(void)
{
    tok("Feb. 21 was cold. Mr. Putin spoke. David R. Cameron wrote it! Then "
        "the U.S. agreed.\n\nNew paragraph");
    size_t starts = 0;
    for (size_t i = 0; i < toks.n; i++)
        starts += has(i, ANN_TF_SENT_START);
    CHECK_INT(starts, 5);
    CHECK(has(0, ANN_TF_SENT_START));
    CHECK_STR(tx(5), "Mr.");
    CHECK(has(5, ANN_TF_SENT_START));
    CHECK(!has(6, ANN_TF_SENT_START));          /* Putin after Mr. */
    CHECK_STR(tx(10), "R.");
    CHECK(!has(11, ANN_TF_SENT_START));         /* Cameron after the initial R. */
    CHECK(has(toks.n - 2, ANN_TF_PARA_START));
    CHECK(has(toks.n - 3, ANN_TF_SENT_END));
    tok("He said: “We will win.” Then he left.");
    size_t then = 0;
    for (size_t i = 0; i < toks.n; i++)
        if (strcmp(tx(i), "Then") == 0)
            then = i;
    CHECK(has(then, ANN_TF_SENT_START));
    CHECK(has(then - 1, ANN_TF_QCLOSE));        /* the mark closes the sentence */
    CHECK(!has(then - 1, ANN_TF_SENT_START));
}

/* The index of the first token whose text is w, or toks.n. */
static size_t find_tok(const char *w)
{
    for (size_t i = 0; i < toks.n; i++)
        if (strcmp(tx(i), w) == 0)
            return i;
    return toks.n;
}

/* An abbreviation keeps its period and ends no sentence by itself; a
 * sentence starter after it begins one ("the U.S. The", "p.m. Then"),
 * other words go on ("U.S. Army", "p.m. Monday"), titles never end one;
 * "No." is an abbreviation only before a number; a clock time, a decimal
 * and a dotted run are no sentence breaks.  Each through the general path
 * and the plain run of words (a long lowercase run before the mark). */
static void test_abbreviation_ends(void)
{
    static const char *const lead[] = {"", "and so on and so on and so on "};
    for (size_t k = 0; k < 2; k++) {
        char buf[512];
        snprintf(buf, sizeof buf, "%sthey met at 3:45 p.m. Then he left for the U.S. The "
                 "talks with U.S. Army officers ended at 5 p.m. Monday. He joined Apple "
                 "Inc. It grew 3.5 percent. Gen. He Wei is No. 2 in the list. He said no. "
                 "No. We will not.", lead[k]);
        tok(buf);
        CHECK(!has(find_tok(":") + 1, ANN_TF_SENT_START));     /* 3:45 */
        CHECK(has(find_tok("Then"), ANN_TF_SENT_START));
        CHECK(has(find_tok("The"), ANN_TF_SENT_START));
        CHECK(!has(find_tok("Army"), ANN_TF_SENT_START));
        CHECK(!has(find_tok("Monday"), ANN_TF_SENT_START));
        CHECK(has(find_tok("It"), ANN_TF_SENT_START));
        CHECK_STR(tx(find_tok("Inc.")), "Inc.");
        CHECK(!has(find_tok("percent"), ANN_TF_SENT_START));   /* 3.5 */
        size_t gen = find_tok("Gen.");
        CHECK(has(gen, ANN_TF_SENT_START) && !has(gen + 1, ANN_TF_SENT_START));
        size_t no2 = find_tok("No.");
        CHECK(no2 < toks.n && !has(no2 + 1, ANN_TF_SENT_START));
        CHECK_STR(tx(no2 + 1), "2");
        size_t we = find_tok("We");
        CHECK_STR(tx(we - 2), "No");                           /* not before a number */
        CHECK_STR(tx(we - 1), ".");
        CHECK(has(we, ANN_TF_SENT_START));
    }
    /* a word glued to a period goes on the sentence: "(D-S.C.)" */
    tok("Rep. Jim Clyburn (D-S.C.) said so. It ended.");
    size_t c = find_tok("C.");
    CHECK(c < toks.n && !has(c, ANN_TF_SENT_START));
    CHECK(has(find_tok("It"), ANN_TF_SENT_START));
}

static void test_quotes(void)
{
    tok("\"Yes,\" he said. 'No,' she said. It's \"scare\" quotes.");
    CHECK(has(0, ANN_TF_QOPEN));
    CHECK(has(3, ANN_TF_QCLOSE));
    CHECK(has(7, ANN_TF_QOPEN | ANN_TF_SINGLE_Q));
    CHECK(has(7, ANN_TF_SINGLE_Q));
    CHECK_STR(tx(14), "It");              /* 's split off, as spaCy does */
    CHECK_STR(tx(15), "'s");
    CHECK(has(16, ANN_TF_QOPEN));
    CHECK(has(18, ANN_TF_QCLOSE));
    /* spun text: a closing glyph used to open after a colon */
    tok("They said:” No deal. ”");
    CHECK(has(3, ANN_TF_QOPEN));
    CHECK(has(toks.n - 1, ANN_TF_QCLOSE));
}

static void test_markup(void)
{
    tok("By [Ahmed Adel](#) and **President Joe Biden’s** team");
    CHECK_STR(tx(1), "[");
    CHECK_INT(toks.v[1].kind, ANN_TOK_MARKUP);
    CHECK_STR(tx(4), "](#)");
    CHECK_INT(toks.v[4].kind, ANN_TOK_MARKUP);
    CHECK_STR(tx(6), "**");
    CHECK_INT(toks.v[6].kind, ANN_TOK_MARKUP);
    CHECK_STR(tx(9), "Biden");
    CHECK_STR(tx(10), "’s");
    CHECK(has(10, ANN_TF_POSS));
    CHECK_STR(tx(11), "**");
    tok("see [...] the text");
    CHECK_INT(toks.v[1].kind, ANN_TOK_PUNCT);
    tok("Write to publications@globalresearch.ca or www.globalresearch.ca today");
    CHECK_STR(tx(2), "publications@globalresearch.ca");
    CHECK_STR(tx(4), "www.globalresearch.ca");
}

static void test_camel(void)
{
    tok("Serhiy KyslytsyaThe deputy, ReutersImpissed, McDonald YouTube DeSantis");
    CHECK_STR(tx(1), "Kyslytsya");
    CHECK_STR(tx(2), "The");
    CHECK_STR(tx(5), "Reuters");
    CHECK_STR(tx(6), "Impissed");
    CHECK_STR(tx(8), "McDonald");
    CHECK_STR(tx(9), "YouTube");
    CHECK_STR(tx(10), "DeSantis");
}

static void test_invalid_utf8(void)
{
    const char bad[] = "ok \xFF\xFE x \xE2\x80 y \xF0\x9F\x98\x80";
    ann_doc *d = ann_doc_from_bytes("b", "b", bad, sizeof bad - 1);
    CHECK_INT(d->nwarnings, 1);
    /* Python: "ok \ufffd\ufffd x \ufffd y 😀" */
    CHECK_INT(d->chars, 13);
    CHECK(strstr(d->text, "\xEF\xBF\xBD\xEF\xBF\xBD x \xEF\xBF\xBD y") != NULL);
    ann_tokenize_all(d->text, d->len, &toks);
    src = d->text;
    CHECK(has(1, ANN_TF_REPLACED));
    ann_doc_free(d);
    size_t i = 0;
    CHECK_INT(ann_utf8_next("\xC0\x80", 2, &i), ANN_REPLACEMENT);   /* overlong */
    CHECK_INT(i, 1);
    i = 0;
    CHECK_INT(ann_utf8_next("\xED\xA0\x80", 3, &i), ANN_REPLACEMENT); /* surrogate */
}

static void test_windows(void)
{
    /* windows end at paragraph breaks once min_bytes are covered */
    const char *s = "One two.\n\nThree four.\n\nFive six.";
    ann_tokenizer tz;
    ann_tokenizer_init(&tz, s, strlen(s), NULL);
    size_t total = 0, windows = 0;
    while (ann_tokenize_window(&tz, &toks, 5) > 0) {
        windows++;
        total += toks.n;
        CHECK(toks.v[0].flags & ANN_TF_PARA_START);
    }
    CHECK_INT(windows, 3);
    CHECK_INT(total, 9);
    /* a huge line with no spaces is cut into bounded tokens, in linear time */
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    memset(big, 'a', n);
    big[n] = '\0';
    ann_tokenize_all(big, n, &toks);
    CHECK(toks.n >= n / 4096);
    int bounded = 1;
    for (size_t k = 0; k < toks.n; k++)
        bounded &= toks.v[k].end - toks.v[k].start <= 4096;
    CHECK(bounded);
    free(big);
}

static void test_slug(void)
{
    char *s = ann_slug("Volodymyr Zelensky", 18);
    CHECK_STR(s, "volodymyr-zelensky");
    free(s);
    s = ann_slug("Türkiye", strlen("Türkiye"));
    CHECK_STR(s, "turkiye");
    free(s);
    s = ann_slug("Élysée Palace", strlen("Élysée Palace"));
    CHECK_STR(s, "elysee-palace");
    free(s);
    s = ann_slug("Łukasz O'Brien, Jr.", strlen("Łukasz O'Brien, Jr."));
    CHECK_STR(s, "lukasz-obrien-jr");
    free(s);
}

/* The scanner hashes and counts as it goes: its results must equal those
 * of the plain functions over the token's bytes, whatever the case mix. */
static void test_measure(void)
{
    const char *s = "abc ABC aBc Abc abcDef 1st 2024 Ab-cd O'Brien x.ca Ça ÇA çA "
                    "naïve NAÏVE Ωmega МОСКВА Москва e\xCC\x81t\xC3\xA9 Sept. Gov. "
                    "Xx. Unknownabbrev. Abcdefghijklmnop. mid-1990s";
    tok(s);
    int ok = 1;
    for (size_t i = 0; i < toks.n; i++) {
        const ann_token *t = &toks.v[i];
        size_t n = t->end - t->start;
        ok &= t->hash == ann_hash(s + t->start, n);
        ok &= t->lhash == ann_hash_lower(s + t->start, n);
        ok &= t->ncp == ann_utf8_count(s + t->start, n);
    }
    CHECK(ok);
    CHECK(has(0, ANN_TF_LOWER) && has(1, ANN_TF_UPPER) && !has(2, ANN_TF_TITLE));
    CHECK(has(3, ANN_TF_TITLE) && !has(4, ANN_TF_TITLE) && has(5, ANN_TF_LOWER));
    CHECK(has(6, ANN_TF_DIGIT) && has(7, ANN_TF_TITLE | ANN_TF_HYPHEN));
    /* listed abbreviations keep their period, unlisted words do not */
    size_t k = 0;
    while (k < toks.n && strcmp(tx(k), "Sept.") != 0)
        k++;
    CHECK_STR(tx(k), "Sept.");
    CHECK(has(k, ANN_TF_ABBREV));
    CHECK_STR(tx(k + 1), "Gov.");
    CHECK_STR(tx(k + 2), "Xx");
    CHECK_STR(tx(k + 4), "Unknownabbrev");
    CHECK_STR(tx(k + 6), "Abcdefghijklmnop");
}

/* Hashes go a word at a time where they can and a byte at a time where
 * they must (lowercasing non-ASCII): both ways must agree, at every length
 * and wherever the first non-ASCII byte falls. */
static void test_hash_ways(void)
{
    const char *s = "AbCdEfGhIjKlMnOpQrStUvWxYz\xC3\x87" "aB\xD0\x9C\xD0\xBC" "0123456789"
                    "\xC4\xB0XyZ";
    size_t n = strlen(s);
    int ok = 1;
    for (size_t a = 0; a <= n; a++)
        for (size_t b = a; b <= n; b++) {
            char *low = ann_utf8_lower(s + a, b - a);
            ok &= ann_hash_lower(s + a, b - a) == ann_hash(low, strlen(low));
            free(low);
            ok &= b == a || ann_hash(s + a, b - a) != ann_hash(s + a, b - a - 1);
        }
    CHECK(ok);
    CHECK(ann_hash("ab\0", 3) != ann_hash("ab", 2));
    CHECK(ann_hash("abcdefgh\0", 9) != ann_hash("abcdefgh", 8));
    CHECK(ann_hash("", 0) != ann_hash("\0", 1));
}

/* Plain ASCII words take a word-at-a-time path: words of every length up
 * to past its limit, in each case, before each kind of stop. */
static void test_plain_words(void)
{
    const char *stops[] = {" ", ".", ", ", "'s ", "\xC3\xA9 ", "-x ", ".x ", "\n"};
    char buf[128];
    int ok = 1;
    for (size_t len = 1; len <= 40; len++)
        for (int c = 0; c < 3; c++)
            for (size_t k = 0; k < sizeof stops / sizeof *stops; k++) {
                size_t i;
                for (i = 0; i < len; i++)
                    buf[i] = (char)((c == 1 || (c == 2 && i == 0) ? 'A' : 'a') + i % 26);
                strcpy(buf + len, stops[k]);
                tok(buf);
                const ann_token *t = &toks.v[0];
                size_t tn = t->end - t->start;
                ok &= t->start == 0 && tn >= len;
                ok &= t->hash == ann_hash(buf, tn) && t->lhash == ann_hash_lower(buf, tn);
                ok &= t->ncp == ann_utf8_count(buf, tn);
                if (tn == len)
                    ok &= has(0, c == 0 ? ANN_TF_LOWER : c == 1 ? (len > 1 ? ANN_TF_UPPER : ANN_TF_UPPER | ANN_TF_TITLE) : ANN_TF_TITLE);
            }
    CHECK(ok);
}

/* A plain word that ends the text is classified from a padded copy of
 * its last bytes: every length, with the text ending right after it. */
static void test_plain_words_at_end(void)
{
    char buf[64];
    int ok = 1;
    for (size_t len = 1; len <= 40; len++) {
        memcpy(buf, "go ", 3);
        for (size_t i = 0; i < len; i++)
            buf[3 + i] = (char)((i == 0 ? 'A' : 'a') + i % 26);
        ann_tokenize_all(buf, 3 + len, &toks);
        src = buf;
        ok &= toks.n == 2 && toks.v[1].start == 3 && toks.v[1].end == 3 + len;
        ok &= toks.v[1].hash == ann_hash(buf + 3, len) && toks.v[1].lhash == ann_hash_lower(buf + 3, len);
        ok &= has(1, ANN_TF_TITLE) && has(1, ANN_TF_SPACE_BEFORE);
    }
    CHECK(ok);
}

/* Words one blank apart and after ", " "; " ": " are made in a run of
 * their own: the same tokens and state as one at a time. */
static void test_plain_run(void)
{
    tok("He said alpha, Beta; GAMMA: 12 delta,\nepsilon, zeta: x. Eta (theta), iota");
    const char *want[] = {"He", "said", "alpha", ",", "Beta", ";", "GAMMA", ":", "12", "delta", ",",
                          "epsilon", ",", "zeta", ":", "x", ".", "Eta", "(", "theta", ")", ",", "iota"};
    size_t nw = sizeof want / sizeof *want;
    CHECK_INT(toks.n, nw);
    int ok = 1;
    for (size_t i = 0; i < nw && i < toks.n; i++) {
        const ann_token *t = &toks.v[i];
        ok &= strcmp(tx(i), want[i]) == 0;
        ok &= t->hash == ann_hash(src + t->start, t->end - t->start);
        ok &= has(i, ANN_TF_SPACE_BEFORE) == (i == 0 || src[t->start - 1] == ' ' || src[t->start - 1] == '\n');
        if (strchr(",;:", want[i][0]))
            ok &= t->kind == ANN_TOK_PUNCT && t->ncp == 1 && t->lhash == t->hash;
    }
    CHECK(ok);
    CHECK(has(4, ANN_TF_TITLE));
    CHECK(has(6, ANN_TF_UPPER));
    CHECK(has(8, ANN_TF_DIGIT));
    CHECK(has(11, ANN_TF_LINE_START));      /* after a comma: the sentence goes on */
    CHECK(!has(11, ANN_TF_SENT_START));
    CHECK(has(16, ANN_TF_SENT_END));
    CHECK(has(17, ANN_TF_SENT_START));

    /* a sentence's end and the capital after it go on in the run; what
     * is not ". " and an ASCII capital leaves it, as before */
    tok("It fell. The talks ended? It rose! We won. U.S. forces left. the end. 12 men. "
        "Its. Ab");
    const char *want2[] = {"It", "fell", ".", "The", "talks", "ended", "?", "It", "rose", "!",
                           "We", "won", ".", "U.S.", "forces", "left", ".", "the", "end", ".",
                           "12", "men", ".", "Its", ".", "Ab"};
    const size_t starts[] = {0, 3, 7, 10, 13, 20, 23, 25};
    nw = sizeof want2 / sizeof *want2;
    CHECK_INT(toks.n, nw);
    ok = 1;
    for (size_t i = 0; i < nw && i < toks.n; i++) {
        int start = 0;
        for (size_t k = 0; k < sizeof starts / sizeof *starts; k++)
            start |= starts[k] == i;
        int end = i + 1 == nw;
        for (size_t k = 0; k < sizeof starts / sizeof *starts; k++)
            end |= starts[k] == i + 1;
        ok &= strcmp(tx(i), want2[i]) == 0;
        ok &= has(i, ANN_TF_SENT_START) == start && has(i, ANN_TF_SENT_END) == end;
        ok &= toks.v[i].hash == ann_hash(src + toks.v[i].start, toks.v[i].end - toks.v[i].start);
        ok &= has(i, ANN_TF_SPACE_BEFORE) == (i == 0 || src[toks.v[i].start - 1] == ' ');
    }
    CHECK(ok);
}

/* ann_utf8_count goes eight bytes at a time: every length and alignment */
static void test_utf8_count(void)
{
    const char *s = "a\xC3\xA9" "b\xE2\x80\x9C\xF0\x9F\x98\x80" "cdefgh\x80\xBF\xFFij\xD0\x9C\xD0\xBCklmnopq";
    size_t n = strlen(s);
    int ok = 1;
    for (size_t a = 0; a <= n; a++)
        for (size_t b = a; b <= n; b++) {
            size_t want = 0;
            for (size_t i = a; i < b; i++)
                want += ((unsigned char)s[i] & 0xC0) != 0x80;
            ok &= ann_utf8_count(s + a, b - a) == want;
        }
    CHECK(ok);
}

/* A text need not end in a NUL (lexicon surfaces are slices of a line):
 * nothing past its length is read, nor counts ("Kyiv'" of "Kyiv's" ends
 * in a quotation mark, not a possessive).  The buffers are of the exact
 * size, so that ASan sees a read past them. */
static void test_unterminated(void)
{
    static const char *const cases[][3] = {
        {"Kyiv's", "5", "'"}, {"Kyiv\xE2\x80\x99s", "7", "\xE2\x80\x99"},
        {"Kyiv's", "6", "'s"}, {"U.S.", "3", "S"}, {"1,000", "2", ","},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t n = (size_t)atoi(cases[i][1]);
        char *buf = malloc(n);
        memcpy(buf, cases[i][0], n);
        src = buf;
        ann_tokenize_all(buf, n, &toks);
        CHECK(toks.n >= 1 && toks.v[toks.n - 1].end == n);
        CHECK_STR(tx(toks.n - 1), cases[i][2]);
        free(buf);
    }
}

int main(void)
{
    test_words();
    test_flags_and_hashes();
    test_offsets();
    test_sentences();
    test_abbreviation_ends();
    test_quotes();
    test_markup();
    test_camel();
    test_invalid_utf8();
    test_windows();
    test_slug();
    test_hash_ways();
    test_plain_words();
    test_plain_words_at_end();
    test_plain_run();
    test_measure();
    test_utf8_count();
    test_unterminated();
    ann_tokens_free(&toks);
    TEST_DONE();
}
