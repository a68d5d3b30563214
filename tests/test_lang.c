/*
 * test_lang.c - the language detector: news sentences of several
 * languages and scripts, texts too short or too mixed to tell (left
 * unknown, so read with the English rules as before), a word cut by the
 * 8 KB sample, which languages the rules cover, and a user's rules tree
 * that adds a language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "annotate.h"
#include "lang.h"
#include "reader.h"

static const ann_lang *L;

static const char *lang_of(const char *text)
{
    static char got[8];
    ann_doc *d = ann_doc_from_bytes("t", "t.txt", text, strlen(text));
    ann_lang_detect(L, d);
    memcpy(got, d->lang, sizeof got);
    ann_doc_free(d);
    return got;
}

static void test_languages(void)
{
    CHECK_STR(lang_of("The minister said that the talks with Russia were over and that "
                      "there would be no more meetings this year."), "en");
    CHECK_STR(lang_of("Le ministre a déclaré que les négociations avec la Russie sont "
                      "terminées et qu'il n'y aura pas de nouvelle réunion cette année."), "fr");
    CHECK_STR(lang_of("Der Minister sagte, dass die Gespräche mit Russland beendet seien und "
                      "es in diesem Jahr keine weiteren Treffen geben werde."), "de");
    CHECK_STR(lang_of("El ministro dijo que las conversaciones con Rusia han terminado y que "
                      "no habrá más reuniones este año."), "es");
    CHECK_STR(lang_of("Ministr uvedl, že jednání s Ruskem skončila a že letos už nebude "
                      "žádné další setkání, jak je podle něj jasné."), "cs");
    CHECK_STR(lang_of("Министр заявил, что переговоры с Россией закончились и что в этом "
                      "году больше не будет встреч, но это только начало."), "ru");
    CHECK_STR(lang_of("俄罗斯总统普京周一在莫斯科表示，和平谈判将在伊斯坦布尔继续进行。"), "zh");
    CHECK_STR(lang_of("子どもへの体罰を禁止する法律ができることになりました。東京では多くの人が話しています。"),
              "ja");
    CHECK_STR(lang_of("러시아 대통령은 월요일 모스크바에서 평화 회담이 계속될 것이라고 말했다."), "ko");
    CHECK_STR(lang_of("Ο υπουργός δήλωσε ότι οι συνομιλίες με τη Ρωσία ολοκληρώθηκαν."), "el");
}

static void test_unknown(void)
{
    CHECK_STR(lang_of(""), "");
    CHECK_STR(lang_of("Talks."), "");
    CHECK_STR(lang_of("NATO met in Brussels on Monday."), "");     /* too few words to tell */
    CHECK_STR(lang_of("1996-08-30 6-3 6-4 6-2 12.71 4:08.22"), "");
    /* a results table: names and numbers, one English word */
    CHECK_STR(lang_of("Romania - Viorel Moldovan ( 21st minute ) , Dan Petrescu ( 65th ) , "
                      "Dan Galca ( 77th ) in Bucharest in August"), "");
}

static void test_sample_edge(void)
{
    /* English past the 8 KB sample is not looked at; a word cut by the
     * sample's end is not counted */
    size_t n = 40000;
    char *t = malloc(n + 1);
    memset(t, 'x', n);
    for (size_t i = 0; i + 1 < n; i += 50)
        t[i] = ' ';
    const char *tail = " the and of to is that for with was were";
    memcpy(t + n - strlen(tail), tail, strlen(tail));
    t[n] = '\0';
    CHECK_STR(lang_of(t), "");
    free(t);
}

static void test_has_rules(void)
{
    CHECK(ann_lang_has_rules(L, "en"));
    CHECK(ann_lang_has_rules(L, ""));      /* unknown: read as before */
    CHECK(ann_lang_has_rules(L, NULL));
    CHECK(!ann_lang_has_rules(L, "fr"));
    CHECK(!ann_lang_has_rules(L, "e"));
    CHECK(!ann_lang_has_rules(L, "enx"));
    CHECK(!ann_lang_has_rules(L, "zh"));
    CHECK(ann_lang_has_rules(NULL, NULL));
    CHECK(!ann_lang_has_rules(NULL, "en"));
}

/* A user's rules tree adds a language the rules cover, and words. */
static void test_user_tree(void)
{
    char dir[] = "/tmp/annotate-lang.XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0);
        return;
    }
    char *sub = ann_xasprintf("%s/lang", dir), *cov = ann_xasprintf("%s/covered.tsv", sub),
         *eo = ann_xasprintf("%s/eo.txt", sub);
    mkdir(sub, 0777);
    FILE *f = fopen(cov, "w");
    fputs("# mine\nfr\n", f);
    fclose(f);
    f = fopen(eo, "w");
    fputs("kaj\nestas\nla\nde\nen\nke\n", f);
    fclose(f);
    const char *user[] = {dir};
    char err[256];
    ann_engine *e = ann_engine_new(0, user, 1, err, sizeof err);
    CHECK(e != NULL);
    if (e) {
        CHECK(ann_lang_has_rules(e->lang, "fr"));
        CHECK(ann_lang_has_rules(e->lang, "en"));
        const ann_lang *keep = L;
        L = e->lang;
        CHECK_STR(lang_of("La lingvo estas facila kaj la homoj de la mondo parolas ĝin, "
                          "ke ili komprenu unu la alian en la tuta mondo."), "eo");
        L = keep;
        ann_engine_free(e);
    }
    /* a bad line is refused with its place */
    f = fopen(eo, "w");
    fputs("kaj\ntwo words\n", f);
    fclose(f);
    e = ann_engine_new(0, user, 1, err, sizeof err);
    CHECK(e == NULL && strstr(err, "eo.txt:2: ") != NULL);
    ann_engine_free(e);
    /* without the built-in rules: no lists, no language, all read as before */
    e = ann_engine_new(1, NULL, 0, err, sizeof err);
    CHECK(e != NULL);
    if (e) {
        const ann_lang *keep = L;
        L = e->lang;
        CHECK_STR(lang_of("Le ministre a déclaré que les négociations avec la Russie sont "
                          "terminées et qu'il n'y aura pas de nouvelle réunion cette année."), "");
        L = keep;
        ann_engine_free(e);
    }
    remove(eo);
    remove(cov);
    rmdir(sub);
    rmdir(dir);
    free(sub);
    free(cov);
    free(eo);
}

static const ann_engine *E;

/* The actors' names of a French text, "|"-joined: in a language the rules
 * do not cover only listed names are taken (no tagger, titles or runs of
 * capitals: English evidence), and no claims. */
static void test_uncovered_entities(void)
{
    const char *text = "Le ministre Jean Dupontel a rencontré Emmanuel Macron à Paris. "
                       "Selon lui, les négociations avec la Russie sont terminées et il "
                       "n'y aura pas de nouvelle réunion cette année, a-t-il déclaré.\n";
    ann_doc *d = ann_doc_from_bytes("fr", "fr.txt", text, strlen(text));
    ann_annotate(E, d);
    CHECK_STR(d->lang, "fr");
    ann_buf names = {0};
    for (size_t i = 0; i < d->nents; i++) {
        if (names.len)
            ann_buf_adds(&names, "|");
        ann_buf_adds(&names, d->ents[i].id);
    }
    CHECK_STR(names.p ? names.p : "", "emmanuel-macron|paris");
    CHECK_INT(d->nclaims, 0);
    CHECK(d->nwarnings == 1 && strstr(d->warnings[0], "only listed names") != NULL);
    ann_buf_free(&names);
    ann_doc_free(d);
}

int main(void)
{
    char err[256];
    ann_engine *e = ann_engine_new(0, NULL, 0, err, sizeof err);
    CHECK(e != NULL && e->lang != NULL);
    if (!e || !e->lang) {
        fprintf(stderr, "%s\n", e ? "no lang lists" : err);
        TEST_DONE();
    }
    L = e->lang;
    E = e;
    test_uncovered_entities();
    test_languages();
    test_unknown();
    test_sample_edge();
    test_has_rules();
    test_user_tree();
    ann_engine_free(e);
    TEST_DONE();
}
