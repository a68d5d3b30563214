/*
 * test_lang.c - the language detector: news sentences of several
 * languages and scripts, texts too short or too mixed to tell (left
 * unknown, so read with the English rules as before), a word cut by the
 * 8 KB sample, and which languages the rules cover.
 */
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "lang.h"
#include "reader.h"

static ann_lang *L;

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
    CHECK(ann_lang_has_rules("en"));
    CHECK(ann_lang_has_rules(""));      /* unknown: read as before */
    CHECK(ann_lang_has_rules(NULL));
    CHECK(!ann_lang_has_rules("fr"));
    CHECK(!ann_lang_has_rules("e"));
    CHECK(!ann_lang_has_rules("enx"));
    CHECK(!ann_lang_has_rules("zh"));
}

int main(void)
{
    char err[256];
    L = ann_lang_new(err, sizeof err);
    CHECK(L != NULL);
    if (!L) {
        fprintf(stderr, "%s\n", err);
        TEST_DONE();
    }
    test_languages();
    test_unknown();
    test_sample_edge();
    test_has_rules();
    ann_lang_free(L);
    TEST_DONE();
}
