/*
 * test_dates.c - the date annotator: calendar arithmetic, the table of
 * cases in tests/data/dates/cases.tsv (text, DCT, expected span, type,
 * value), thread-safety of the shared rules, and the TimeML writer.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "dates.h"
#include "doc.h"
#include "test.h"
#include "dates_calendar.h"
#include "dates_norm.h"
#include "dates_rules.h"
#include "tokenizer.h"
#include "writer.h"

static ann_engine *engine;
static ann_date_rules *rules;

/* Annotate text with the date annotator alone, as the pipeline would. */
static ann_doc *annotate(const char *text, const char *dct)
{
    size_t n = strlen(text);
    char *copy = malloc(n + 1);
    memcpy(copy, text, n + 1);
    ann_doc *d = ann_doc_new("case", "case.txt", copy, n);
    ann_tokens toks = {0};
    ann_tokenize_all(d->text, d->len, &toks);
    ann_matches none;
    memset(&none, 0, sizeof none);
    if (toks.n > 0) {
        ann_window w = {d, d->text, toks.v, toks.n, &none};
        ann_dates *st = ann_dates_new(rules, dct);
        ann_dates_window(st, &w);
        ann_dates_free(st);
    }
    ann_tokens_free(&toks);
    return d;
}

/* ---- calendar arithmetic ------------------------------------------------ */

static void test_calendar(void)
{
    int y, m, d, wy, wn;
    CHECK_INT(tx_leap(2024), 1);
    CHECK_INT(tx_leap(2023), 0);
    CHECK_INT(tx_leap(1900), 0);
    CHECK_INT(tx_leap(2000), 1);
    CHECK_INT(tx_mdays(2024, 2), 29);
    CHECK_INT(tx_mdays(2023, 2), 28);
    CHECK_INT(tx_mdays(2023, 4), 30);
    CHECK_INT(tx_days(1970, 1, 1), 0);
    CHECK_INT(tx_days(2000, 3, 1), 11017);
    for (long z = -800000; z < 800000; z += 997) {    /* round trip */
        tx_civil(z, &y, &m, &d);
        if (tx_days(y, m, d) != z) {
            CHECK(tx_days(y, m, d) == z);
            break;
        }
    }
    CHECK_INT(tx_weekday(2022, 3, 21), 1);            /* a Monday */
    CHECK_INT(tx_weekday(2021, 1, 2), 6);
    CHECK_INT(tx_weekday(1970, 1, 1), 4);
    tx_isoweek(2021, 1, 2, &wy, &wn);                 /* year boundaries */
    CHECK(wy == 2020 && wn == 53);
    tx_isoweek(2024, 12, 30, &wy, &wn);
    CHECK(wy == 2025 && wn == 1);
    tx_isoweek(2022, 2, 21, &wy, &wn);
    CHECK(wy == 2022 && wn == 8);
    tx_isoweek(2026, 1, 1, &wy, &wn);
    CHECK(wy == 2026 && wn == 1);
    y = 2023, m = 1, d = 31;                          /* month ends clamp */
    tx_add_months(&y, &m, &d, 1);
    CHECK(y == 2023 && m == 2 && d == 28);
    y = 2024, m = 1, d = 31;
    tx_add_months(&y, &m, &d, 1);
    CHECK(y == 2024 && m == 2 && d == 29);
    y = 2020, m = 2, d = 29;                          /* a year after Feb 29 */
    tx_add_months(&y, &m, &d, 12);
    CHECK(y == 2021 && m == 2 && d == 28);
    y = 2022, m = 3, d = 31;
    tx_add_months(&y, &m, &d, -1);
    CHECK(y == 2022 && m == 2 && d == 28);
    y = 2022, m = 1, d = 15;
    tx_add_months(&y, &m, &d, -13);
    CHECK(y == 2020 && m == 12 && d == 15);
    y = 2024, m = 2, d = 28;
    tx_add_days(&y, &m, &d, 2);
    CHECK(y == 2024 && m == 3 && d == 1);
    y = 2020, m = 12, d = 31;
    tx_add_days(&y, &m, &d, 1);
    CHECK(y == 2021 && m == 1 && d == 1);
    tx_easter(2024, &m, &d);
    CHECK(m == 3 && d == 31);
    tx_easter(2025, &m, &d);
    CHECK(m == 4 && d == 20);
}

/* ---- the table of cases ------------------------------------------------- */

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0, k;
    char *p = malloc(cap);
    while ((k = fread(p + n, 1, cap - n - 1, f)) > 0) {
        n += k;
        if (cap - n < 2)
            p = realloc(p, cap *= 2);
    }
    fclose(f);
    p[n] = '\0';
    return p;
}

/* A backslash and an n in a case's text is a line break (two of them end
 * a paragraph): rewritten in place. */
static void unescape_breaks(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s++;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

static void run_case(const char *file, size_t line, char **f)
{
    unescape_breaks(f[0]);
    const char *text = f[0], *dct = strcmp(f[1], "-") ? f[1] : NULL;
    const char *want = f[2], *type = f[3], *value = f[4];
    const char *at = strstr(text, want);
    if (!at) {
        t_failed++;
        fprintf(stderr, "%s:%zu: FAIL: span \"%s\" not in the text\n", file, line, want);
        return;
    }
    size_t s = (size_t)(at - text), e = s + strlen(want);
    ann_doc *d = annotate(text, dct);
    const ann_date *hit = NULL, *overlap = NULL;
    for (size_t i = 0; i < d->ndates; i++) {
        const ann_date *x = &d->dates[i];
        if (x->span.start == s && x->span.end == e)
            hit = x;
        else if (x->span.start < e && s < x->span.end)
            overlap = x;
    }
    int ok;
    if (!strcmp(type, "NONE"))
        ok = !hit && !overlap;
    else
        ok = hit && !strcmp(hit->type, type) && !strcmp(hit->value, value);
    if (ok) {
        t_passed++;
    } else {
        t_failed++;
        fprintf(stderr, "%s:%zu: FAIL: \"%s\" (DCT %s): want \"%s\" %s %s, got",
                file, line, text, f[1], want, type, value);
        for (size_t i = 0; i < d->ndates; i++)
            fprintf(stderr, " [\"%.*s\" %s %s]",
                    (int)(d->dates[i].span.end - d->dates[i].span.start),
                    d->text + d->dates[i].span.start, d->dates[i].type,
                    d->dates[i].value);
        fprintf(stderr, "%s\n", d->ndates ? "" : " nothing");
    }
    ann_doc_free(d);
}

static size_t test_cases(const char *path)
{
    char *data = read_file(path);
    size_t line = 0, ncases = 0;
    if (!data) {
        t_failed++;
        fprintf(stderr, "%s: cannot read\n", path);
        return 0;
    }
    for (char *p = data; *p;) {
        char *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        line++;
        if (*p && *p != '#') {
            char *f[5];
            size_t n = 0;
            for (char *q = p; n < 5; n++) {
                f[n] = q;
                char *tab = strchr(q, '\t');
                if (!tab) {
                    n++;
                    break;
                }
                *tab = '\0';
                q = tab + 1;
            }
            if (n != 5) {
                t_failed++;
                fprintf(stderr, "%s:%zu: want 5 tab-separated fields\n", path, line);
            } else {
                run_case(path, line, f);
                ncases++;
            }
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    free(data);
    return ncases;
}

/* ---- shared rules, several threads -------------------------------------- */

static void *worker(void *arg)
{
    int *bad = arg;
    for (int i = 0; i < 50; i++) {
        ann_doc *d = annotate("On March 3 they met. The next day, talks resumed "
                              "for an hour and a half. Last Monday, they met again.",
                              "2022-03-21");
        if (d->ndates != 4 || strcmp(d->dates[1].value, "2022-03-04") ||
            strcmp(d->dates[3].value, "2022-03-14"))
            (*bad)++;
        ann_doc_free(d);
    }
    return NULL;
}

static void test_threads(void)
{
    pthread_t th[4];
    int bad[4] = {0};
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, worker, &bad[i]);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK_INT(bad[i], 0);
    }
}

/* Rules are JIT-compiled after TX_JIT_AFTER tries: threads that race to
 * the first uses of fresh rules, interpreted and compiled, must still
 * match alike; a rule is interpreted for its first tries and then has
 * its code. */
static void test_lazy_jit(void)
{
    char err[256];
    ann_date_rules *shared = rules;
    ann_engine *fresh = ann_engine_new(0, NULL, 0, err, sizeof err);
    rules = fresh ? fresh->date_rules : NULL;
    CHECK(rules != NULL);
    if (rules) {
        tx_rule *last = &rules->rules[rules->nrules - 1];
        CHECK_INT(tx_rule_jit(rules, last), 0);       /* one try: interpreted */
        test_threads();
        for (size_t i = 0; i < rules->nrules; i++) {
            for (unsigned k = 0; k < TX_JIT_AFTER; k++)
                (void)tx_rule_jit(rules, &rules->rules[i]);
            CHECK_INT(tx_rule_jit(rules, &rules->rules[i]), rules->jit);
        }
    }
    ann_engine_free(fresh);
    rules = shared;
}

/* ---- edge inputs -------------------------------------------------------- */

static void test_edges(void)
{
    ann_doc *d = annotate("", "2022-03-21");
    CHECK_INT(d->ndates, 0);
    ann_doc_free(d);
    d = annotate("2022", "garbage");          /* a bad DCT is no DCT */
    CHECK_INT(d->ndates, 1);
    ann_doc_free(d);
    d = annotate("yesterday", "2022-02-30");
    CHECK(d->ndates == 1 && !strcmp(d->dates[0].value, "XXXX-XX-XX"));
    ann_doc_free(d);
    /* a long run of digits and date words must not blow anything up */
    size_t n = 200000;
    char *big = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = "9 days March 2022, "[i % 19];
    big[n] = '\0';
    d = annotate(big, "2022-03-21");
    CHECK(d->ndates > 1000);
    ann_doc_free(d);
    free(big);
    char err[256];
    ann_engine *e2 = ann_engine_new(0, NULL, 0, err, sizeof err);  /* loads twice */
    CHECK(e2 != NULL && e2->date_rules != NULL);
    ann_engine_free(e2);
}

/* Where the scan may start a rule: after a word of eight letters or more
 * (the run is skipped eight bytes at a time), not inside [A-Za-z0-9_] runs
 * nor at an apostrophe glued to a word, after bytes of UTF-8 letters. */
static void test_word_starts(void)
{
    static const char *want[] = {"2022", "2022", "2021", "1999", "2019",
                                 "May 2018", "2017", "2016", "Yesterday"};
    const char *text =
        "Abcdefgh 2022 and abcdefgh2022 and abcdefghijklmnop_2022 and "
        "x\xE2\x80\x99" "2022 and don't 2021 and the_2020 and Abcdefghijklmno "
        "1999 and 'ninety 2019 and abcdefg\xE2\x80\x99s May 2018 and "
        "\xC3\xA9" "2017 and \xC3\x9C 2016 and Yesterday.";
    ann_doc *d = annotate(text, "2022-03-21");
    size_t n = sizeof want / sizeof *want;
    CHECK_INT(d->ndates, n);
    for (size_t i = 0; i < n && i < d->ndates; i++) {
        const ann_span *sp = &d->dates[i].span;
        char got[32];
        snprintf(got, sizeof got, "%.*s", (int)(sp->end - sp->start), text + sp->start);
        CHECK_STR(got, want[i]);
    }
    ann_doc_free(d);
}

/* The scan takes 64 bytes at a time: word starts, words glued across a
 * block's edge and dates that run past one are found wherever they fall,
 * up to the window's last byte. */
static void test_block_edges(void)
{
    char text[512];
    for (size_t k = 0; k < 140; k++) {
        size_t n = 0;
        for (size_t i = 0; i < k; i++)
            text[n++] = 'b';
        snprintf(text + n, sizeof text - n, "2021 and %.*sin March 2019 and 2020",
                 (int)(k % 7 * 2), "x x x x x x x ");
        ann_doc *d = annotate(text, "2022-03-21");
        static const char *const want[] = {"2021", "March 2019", "2020"};
        size_t skip = k > 0;
        CHECK_INT(d->ndates, 3 - skip);
        for (size_t i = 0; i + skip < 3 && i < d->ndates; i++) {
            const ann_span *sp = &d->dates[i].span;
            char got[32];
            snprintf(got, sizeof got, "%.*s", (int)(sp->end - sp->start), text + sp->start);
            CHECK_STR(got, want[i + skip]);
        }
        ann_doc_free(d);
    }
}

/* The three-byte look that skips most words must pass every text the
 * trie walk finds rules for. */
static void test_prefilter(void)
{
    static const char bytes[] = "aAdefhmnorstwyY019 '-.,/:\xE2\x80\x99";
    size_t nb = sizeof bytes - 1;
    uint64_t cand[8];
    size_t found = 0, bad = 0;
    CHECK(rules->pre.setw <= 8);
    for (size_t i = 0; i < nb * nb * nb && rules->pre.setw <= 8; i++) {
        unsigned char t[8] = {(unsigned char)bytes[i / (nb * nb)],
                              (unsigned char)bytes[i / nb % nb],
                              (unsigned char)bytes[i % nb], ' ', 'd', 'a', 'y', 's'};
        for (size_t n = 1; n <= sizeof t; n++) {
            if (!tx_trie_possible(&rules->pre, t, n, cand))
                continue;
            found++;
            bad += !tx_trie_maybe(&rules->pre, t, n);
        }
    }
    CHECK(found > 0);
    CHECK_INT(bad, 0);
}

/* The eight-byte filter must pass every text the walk finds rules for:
 * every path of the trie to depth 10, each followed by a few tails, at
 * every length. */
static void check_path(const tx_trie *tr, const unsigned char *rep,
                       unsigned char *t, size_t d, uint32_t node,
                       size_t *found, size_t *bad)
{
    static const char *const tails[] = {"", " ", "x", "0", " day", "s ago", "-0", "\xE2\x80\x99"};
    uint64_t cand[8];
    for (size_t j = 0; j < sizeof tails / sizeof *tails; j++) {
        size_t tl = strlen(tails[j]);
        memcpy(t + d, tails[j], tl);
        for (size_t n = 1; n <= d + tl; n++) {
            if (!tx_trie_possible(&rules->pre, t, n, cand))
                continue;
            (*found)++;
            *bad += !tx_trie_maybe(&rules->pre, t, n);
        }
    }
    if (d == 10)
        return;
    const tx_node *nd = &tr->node[node];
    for (unsigned k = 1; k < tr->ncls; k++)
        if ((nd->kids >> k) & 1) {
            t[d] = rep[k];
            check_path(tr, rep, t, d + 1,
                       nd->first + (uint32_t)__builtin_popcountll(nd->kids & (((uint64_t)1 << k) - 1)),
                       found, bad);
        }
}

static void test_deep_prefilter(void)
{
    const tx_trie *tr = &rules->pre;
    unsigned char rep[256] = {0}, t[32];
    size_t found = 0, bad = 0;
    for (size_t c = 256; c-- > 0;)
        rep[tr->cls[c]] = (unsigned char)c;
    CHECK(rules->pre.setw <= 8 && tr->ncls <= TX_MAXCLS);
    if (rules->pre.setw <= 8)
        check_path(tr, rep, t, 0, 0, &found, &bad);
    CHECK(found > 10000);
    CHECK_INT(bad, 0);
}

/* ---- what a rule's matches contain (dates_must.h) ----------------------- */

/* The strings read off small patterns: a run of exact parts (the longest
 * known string), alternatives, optional parts, lookarounds that match
 * nothing, and syntax the walk does not model (no filter). */
static void test_must_build(void)
{
    static const struct {
        const char *re;
        const char *want;       /* the strings, each in [], or "" for none */
    } cases[] = {
        {"(?:about )?([0-9]+) days ago", "[ days ago]"},
        {"([0-9]+) (later|earlier)", "[ later][ earlier]"},
        {"the (?:first|last) half", "[the first half][the last half]"},
        {"(?:year|month)s? ago", "[years ago][year ago][months ago][month ago]"},
        {"week(?=s)end", "[weekend]"},
        {"March\\x2D(?:[0-9]{2})", "[march-00]"},
        {"([0-9]{1,2})/([0-9]{1,2})", ""},                  /* "0" first, too short */
        {"next\\x{20}week", ""},                            /* \x{..}: not modelled */
        {"(?<name>now) or never", ""},
        {"today|now", "[today][now]"},
        {"to|at", ""},                                      /* short words: in most texts */
        {"in (?:the )?spring", "[in the spring][in spring]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tx_must mu;
        char got[256] = "";
        tx_must_build(&mu, cases[i].re);
        for (size_t k = 0; k < mu.n; k++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "[%.*s]", (int)mu.len[k],
                     (const char *)mu.s[k]);
        CHECK_STR(got, cases[i].want);
    }
    /* an unbounded repetition of digits: its digits do not count */
    tx_must mu;
    tx_must_build(&mu, "([0-9]+) days ago");
    const char *far = "1234567890123456789012345678901234567890 days ago";
    CHECK(mu.n == 1 && mu.reach < 20);
    CHECK_INT(tx_must_ok(&mu, (const unsigned char *)far, 0, strlen(far)), 1);
    const char *none = "12 people said the days were long ago";
    CHECK_INT(tx_must_ok(&mu, (const unsigned char *)none, 0, strlen(none)), 0);
}

/* Over texts of the bytes the rules care about, at every position: the
 * look passes wherever a rule's regex matches (it only spares calls that
 * fail), and the SSE2 path answers as the plain code does. */
static void test_must_sound(void)
{
    static const char *const bits[] = {
        " ", "  ", "three", " days", " ago", " later", "1,000", "25", "2021", " and a half",
        " and ", "-", "\xE2\x80\x93", "March", "MAY", " 3", "th", ",", ".", "the ", "last ",
        "Friday", " morning", "a.m.", " of ", "year", "s", "half", " on", "\n", "Q3", "'", "o",
        " three days ago ", " 25 years later,", " two and a half years ", " March 3-5, 2021 ",
        " 1990-91 ", " the first half of 2021 ", " Q3 2020 ", " every Friday ", " 10:30 a.m. ",
        " more than a year ago ", " many, many years ago ", " 1,500 days on.", " the 1990s ",
    };
    size_t nb = sizeof bits / sizeof *bits, cap = 300, bad = 0, differ = 0, hits = 0, cut = 0;
    char text[400];
    unsigned seed = 777;
    pcre2_match_data *md = pcre2_match_data_create(rules->maxgroups + 1, NULL);
    for (int round = 0; round < 150; round++) {
        size_t n = 0;
        while (n < cap) {
            seed = seed * 1103515245u + 12345u;
            const char *b = bits[(seed >> 16) % nb];
            size_t l = strlen(b);
            memcpy(text + n, b, l);
            n += l;
        }
        const unsigned char *t = (const unsigned char *)text;
        for (size_t i = 0; i < rules->nrules; i++) {
            const tx_must *mu = &rules->must[i];
            if (!mu->n)
                continue;
            for (size_t pos = 0; pos < n; pos++) {
                int ok = tx_must_ok(mu, t, pos, n);
                differ += ok != tx_must_ok_plain(mu, t, pos, n);
                cut += !ok;
                if (pcre2_match(rules->rules[i].re, t, n, pos, 0, md, NULL) > 0) {
                    hits++;
                    bad += !ok;
                }
            }
        }
    }
    pcre2_match_data_free(md);
    if (hits < 1000 || cut < 100000)
        fprintf(stderr, "must: %zu matches, %zu cut\n", hits, cut);
    CHECK(hits >= 1000 && cut >= 100000);
    CHECK_INT(bad, 0);
    CHECK_INT(differ, 0);
}

/* tx_nearest_year reads the tense of the clause only where it could
 * change the year: over verbs of each tense, DCTs through the year and
 * days through the months, the year is the one the full reading gives. */
static void test_year_tense(void)
{
    static const char *const verbs[] = {"will begin", "began", "begin", "had begun", "are to meet",
                                        "said the talks would end", "met", "is expected", "",
                                        /* a cue too far back for the tense: a future cue */
                                        "hopes that all of the many aides and staff and "
                                        "advisers from all over the whole wide world arrive"};
    static const char *const dcts[] = {NULL, "2021", "2021-06", "2021-01-01", "2021-02-28",
                                       "2021-04-19", "2021-07-15", "2021-10-31", "2021-12-31",
                                       "2024-02-29"};
    static const char *const months[] = {"January", "February", "March", "April", "May", "June",
                                         "July", "August", "September", "October", "November",
                                         "December"};
    static const int days[] = {0, 1, 15, 28, 29, 31};
    size_t asked = 0, differ = 0;
    for (size_t v = 0; v < sizeof verbs / sizeof *verbs; v++)
        for (size_t d = 0; d < sizeof dcts / sizeof *dcts; d++)
            for (int mon = 1; mon <= 12; mon++)
                for (size_t k = 0; k < sizeof days / sizeof *days; k++) {
                    char text[240];
                    int n = snprintf(text, sizeof text, "The envoys %s on %s %d. Then more.",
                                     verbs[v], months[mon - 1], days[k] ? days[k] : 1);
                    const char *at = strstr(text, months[mon - 1]);
                    ann_dates *st = ann_dates_new(rules, dcts[d]);
                    int y[2] = {0, 0}, ok[2];
                    for (int by = 0; by < 2; by++) {
                        tx_match m;
                        memset(&m, 0, sizeof m);
                        m.st = st;
                        m.text = text;
                        m.we = (size_t)n;
                        m.ms = m.ds = (size_t)(at - text);
                        m.me = m.de = m.ms + strlen(months[mon - 1]) + (days[k] ? 3 : 0);
                        ok[by] = tx_nearest_year_by(&m, mon, days[k], &y[by], by);
                    }
                    asked++;
                    differ += ok[0] != ok[1] || (ok[0] && y[0] != y[1]);
                    ann_dates_free(st);
                }
    CHECK(asked > 5000);
    CHECK_INT(differ, 0);
}

/* ---- the TimeML writer -------------------------------------------------- */

static void test_timeml(void)
{
    ann_doc *d = annotate("On March 3 <talks> & \"more\" began. The next day they "
                          "met for 90 minutes.\x01", "2022-03-21");
    d->published = strdup("2022-03-21");
    ann_buf out = {0};
    ann_write_opts o;                   /* the defaults: the writers read them */
    memset(&o, 0, sizeof o);
    /* one TimeML document, as --out-dir writes each */
    if (ann_writer_timeml.file_begin)
        ann_writer_timeml.file_begin(&out, &o);
    ann_writer_timeml.doc(&out, d, &o);
    if (ann_writer_timeml.file_end)
        ann_writer_timeml.file_end(&out, &o);
    xmlDoc *x = xmlReadMemory(out.p, (int)out.len, "t.timeml", NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR);
    CHECK(x != NULL);
    if (x) {
        xmlNode *root = xmlDocGetRootElement(x);
        CHECK(root && !strcmp((const char *)root->name, "TimeML"));
        int timex = 0, dct = 0;
        for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            if (!strcmp((const char *)c->name, "DCT") && c->children) {
                xmlChar *f = xmlGetProp(c->children, (const xmlChar *)"functionInDocument");
                dct = f && !strcmp((const char *)f, "CREATION_TIME");
                xmlFree(f);
            }
            if (!strcmp((const char *)c->name, "TEXT"))
                for (xmlNode *t = c->children; t; t = t->next)
                    if (t->type == XML_ELEMENT_NODE &&
                        !strcmp((const char *)t->name, "TIMEX3")) {
                        xmlChar *v = xmlGetProp(t, (const xmlChar *)"value");
                        xmlChar *tid = xmlGetProp(t, (const xmlChar *)"tid");
                        if (timex == 1)
                            CHECK_STR((const char *)v, "2022-03-04");
                        CHECK(tid != NULL);
                        xmlFree(v);
                        xmlFree(tid);
                        timex++;
                    }
        }
        CHECK_INT(timex, 3);
        CHECK(dct);
        xmlFreeDoc(x);
    }
    ann_buf_free(&out);
    ann_doc_free(d);
}

/* ---- quotations ------------------------------------------------------- */

/* The count tx_in_quote keeps from one match to the next must answer as
 * the plain scan back to the paragraph's start (at most 4000 bytes) did:
 * this is that scan, as it was. */
static int quote_by_scan(const tx_match *m)
{
    size_t lo = m->ms > m->ws + 4000 ? m->ms - 4000 : m->ws;
    int straight = 0, curly = 0;
    for (size_t p = m->ms; p > lo; p--) {
        const char *c = m->text + p - 1;
        if (c[0] == '\n' && p - 1 > lo && c[-1] == '\n')
            break;
        if (c[0] == '"')
            straight++;
        else if ((unsigned char)c[0] == 0xE2 && p + 1 < m->ms && (unsigned char)c[1] == 0x80) {
            if ((unsigned char)c[2] == 0x9C)
                curly++;
            else if ((unsigned char)c[2] == 0x9D)
                curly--;
        }
    }
    return (straight & 1) || curly > 0;
}

/* Texts of quotes, curly quotes (whole and cut), blank lines and runs of
 * letters long and short (paragraphs past 4000 bytes, marks in the
 * sixteen-byte steps and at their edges), asked at positions mostly in
 * order, sometimes back, sometimes at the same place twice. */
static void test_quotes(void)
{
    static const char *const bits[] = {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "\n", "\n\n",
                                       "\xE2\x80", "\x80\x9C", "a", "said ", "\x9D"};
    size_t cap = 40000, bad = 0;
    char *text = malloc(cap + 64);
    unsigned seed = 12345;
    for (int round = 0; round < 300 && text; round++) {
        size_t n = 0;
        while (n < cap) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 40;
            if (r < 10) {
                size_t k = strlen(bits[r]);
                memcpy(text + n, bits[r], k);
                n += k;
            } else {                    /* letters: mostly short runs, some long */
                size_t k = r < 38 ? r : (size_t)(r == 38 ? 700 : 4100) * (round % 3);
                memset(text + n, 'x', k < cap - n ? k : cap - n);
                n += k < cap - n ? k : cap - n;
            }
        }
        text[n] = '\0';
        tx_match m;
        memset(&m, 0, sizeof m);
        m.text = text;
        m.ws = (size_t)(round % 5) * 3;
        m.we = n;
        size_t pos = m.ws;
        for (int k = 0; k < 400; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) % 100;
            size_t step = r < 70 ? r : r < 90 ? r * 40 : 0;
            pos = r >= 97 && pos > 5000 ? pos - 5000 : pos + step;   /* now and then back */
            if (pos >= n)
                break;
            m.ms = pos;
            m.quote = 0;
            bad += tx_in_quote(&m) != quote_by_scan(&m);
        }
    }
    CHECK_INT(bad, 0);
    free(text);
}

int main(int argc, char **argv)
{
    char err[256];
    const char *cases = argc > 1 ? argv[1] : "tests/data/dates/cases.tsv";
    engine = ann_engine_new(0, NULL, 0, err, sizeof err);
    rules = engine ? engine->date_rules : NULL;
    if (!rules) {
        fprintf(stderr, "date rules: %s\n", err);
        t_failed++;
        TEST_DONE();
    }
    test_calendar();
    test_lazy_jit();
    size_t n = test_cases(cases);
    CHECK(n >= 150);
    test_threads();
    test_edges();
    test_word_starts();
    test_block_edges();
    test_prefilter();
    test_deep_prefilter();
    test_must_build();
    test_must_sound();
    test_year_tense();
    test_timeml();
    test_quotes();
    ann_engine_free(engine);
    xmlCleanupParser();
    TEST_DONE();
}
