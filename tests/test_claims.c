/*
 * test_claims.c - the claims annotator on small hand-made documents: each
 * construction of the annotation guidelines with its content, cue, speaker
 * and kind, speaker and medium linking, and hostile input.
 */
#include <stdlib.h>
#include <string.h>

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ann.h"
#include "annotate.h"
#include "builtin.h"
#include "claims.h"
#include "claims_int.h"
#include "doc.h"
#include "rulefile.h"
#include "rules.h"
#include "tokenizer.h"
#include "test.h"
#include "user_rules.h"

static ann_engine *engine;
static ann_claim_rules *rules;

static ann_doc *annotate_text(const char *body);

/* A ring of strings so that checks can take span texts without leaks. */
static char *ring[16];
static size_t ringpos;

static const char *text_of(const ann_doc *d, ann_span s)
{
    size_t k = ringpos++ % 16;
    free(ring[k]);
    ring[k] = ann_xstrndup(d->text + s.start, s.end - s.start);
    return ring[k];
}

static ann_doc *new_doc(const char *text)
{
    return ann_doc_new("t", "t.txt", ann_xstrdup(text), strlen(text));
}

/* Tag every occurrence of name as a mention of entity id. */
static void tag(ann_doc *d, ann_cat cat, const char *id, const char *type, const char *name)
{
    ann_entity *e = ann_doc_entity(d, cat, id, name, type);
    size_t n = strlen(name);
    for (const char *p = strstr(d->text, name); p; p = strstr(p + n, name)) {
        ann_span s = { (size_t)(p - d->text), (size_t)(p - d->text) + n };
        ann_entity_add_mention(e, s);
    }
}

/* Runs the annotator over the document in windows of about min_bytes. */
static void annotate_doc(ann_doc *d, size_t min_bytes)
{
    ann_claims *st = ann_claims_new(rules);
    ann_tokenizer tz;
    ann_tokens toks = {0};
    ann_matches m = {0};
    ann_tokenizer_init(&tz, d->text, d->len, NULL);
    while (ann_tokenize_window(&tz, &toks, min_bytes) > 0) {
        ann_window w = { d, d->text, toks.v, toks.n, &m };
        ann_claims_window(st, &w);
    }
    ann_tokens_free(&toks);
    ann_claims_free(st);
    ann_doc_sort(d);
}

static ann_doc *run(const char *text)
{
    ann_doc *d = new_doc(text);
    annotate_doc(d, 1 << 20);
    return d;
}

/* The claim whose content is exactly s, or NULL. */
static const ann_claim *find(const ann_doc *d, const char *s)
{
    for (size_t i = 0; i < d->nclaims; i++)
        if (strcmp(text_of(d, d->claims[i].content), s) == 0)
            return &d->claims[i];
    return NULL;
}

/* Checks one claim: content, kind, cue and speaker texts. */
#define EXPECT(d, want_content, want_kind, want_cue, want_spk)                                       \
    do {                                                                    \
        const ann_claim *c_ = find(d, want_content);                             \
        CHECK(c_ != NULL);                                                  \
        if (!c_) {                                                          \
            for (size_t i_ = 0; i_ < (d)->nclaims; i_++)                    \
                fprintf(stderr, "   have: [%s]\n",                          \
                        text_of(d, (d)->claims[i_].content));               \
            break;                                                          \
        }                                                                   \
        CHECK_INT(c_->kind, want_kind);                                     \
        CHECK_STR(text_of(d, c_->cue), want_cue);                           \
        CHECK_STR(text_of(d, c_->speaker), want_spk);                       \
    } while (0)

enum { DIR = ANN_CLAIM_DIRECT, IND = ANN_CLAIM_INDIRECT, MIX = ANN_CLAIM_MIXED };

static void test_direct(void)
{
    ann_doc *d = run("“We will not give up,” Zelensky said. Later that day, "
                     "Blinken said: \"The talks must go on.\"\n");
    CHECK_INT(d->nclaims, 2);
    EXPECT(d, "We will not give up,", DIR, "said", "Zelensky");
    EXPECT(d, "The talks must go on.", DIR, "said", "Blinken");
    ann_doc_free(d);

    d = run("\"Ukraine is not a NATO member,\" said Medinsky, the head of the "
            "Russian team.\n");
    EXPECT(d, "Ukraine is not a NATO member,", DIR, "said", "Medinsky");
    ann_doc_free(d);

    /* several sentences, single quotes inside double */
    d = run("“He told us ‘never again’. Then he left,” the official added.\n");
    EXPECT(d, "He told us ‘never again’. Then he left,", DIR, "added", "the official");
    ann_doc_free(d);
}

static void test_split_and_paragraphs(void)
{
    ann_doc *d = run("“We’ll be looking to see what Ukraine wants,” Blinken said. "
                     "“And if it concludes that, we will help.”\n");
    CHECK_INT(d->nclaims, 1);
    EXPECT(d, "We’ll be looking to see what Ukraine wants,” Blinken said. "
              "“And if it concludes that, we will help.", DIR, "said", "Blinken");
    ann_doc_free(d);

    /* the opening mark repeated on the next paragraph: one quotation */
    d = run("Kuleba said: “The first part.\n\n“The second part.”\n\nNext.\n");
    EXPECT(d, "The first part.\n\n“The second part.", DIR, "said", "Kuleba");
    ann_doc_free(d);

    /* a quotation that continues the statement before it keeps its cue */
    d = run("The Russian delegation warned that Ukraine had rejected the terms. "
            "“Next time we come for six regions.”\n");
    EXPECT(d, "Ukraine had rejected the terms", IND, "warned", "The Russian delegation");
    EXPECT(d, "Next time we come for six regions.", DIR, "warned", "The Russian delegation");
    ann_doc_free(d);
}

static void test_reported(void)
{
    ann_doc *d = run("Blinken said that the war must end soon. Medinsky said he "
                     "expected the corridors to open. The UN estimates 6.5 million "
                     "people have fled.\n");
    EXPECT(d, "the war must end soon", IND, "said", "Blinken");
    EXPECT(d, "he expected the corridors to open", IND, "said", "Medinsky");
    EXPECT(d, "6.5 million people have fled", IND, "estimates", "The UN");
    ann_doc_free(d);

    d = run("In a phone call, Boris Johnson warned President Zelenskyy that "
            "Putin was a \"liar and a bully\" who would use talks.\n");
    EXPECT(d, "Putin was a \"liar and a bully\" who would use talks", MIX,
           "warned", "Boris Johnson");
    ann_doc_free(d);

    d = run("They were not discussing a timeframe for easing sanctions, they said.\n");
    EXPECT(d, "They were not discussing a timeframe for easing sanctions", IND,
           "said", "they");
    ann_doc_free(d);

    /* "X told Y that “…” and that …": two claims, one cue */
    d = run("Johnson told the Ukrainian president that \"any deal was going to be "
            "sordid\" and that it would be a victory for him.\n");
    EXPECT(d, "any deal was going to be sordid", DIR, "told", "Johnson");
    EXPECT(d, "it would be a victory for him", IND, "told", "Johnson");
    ann_doc_free(d);

    /* an addressee and a time between cue and clause */
    d = run("Putin told Scholz there would be a third meeting in the next few days.\n");
    EXPECT(d, "there would be a third meeting in the next few days", IND, "told", "Putin");
    ann_doc_free(d);

    d = run("Arakhamia said in a 2023 interview that the British leader encouraged "
            "the end of negotiations.\n");
    EXPECT(d, "the British leader encouraged the end of negotiations", IND, "said",
           "Arakhamia");
    ann_doc_free(d);
}

static void test_according_and_as(void)
{
    ann_doc *d = run("According to the Elysée, he asked that Russia stop all strikes. "
                     "The talks failed, according to a French official.\n");
    EXPECT(d, "he asked that Russia stop all strikes", IND, "According to", "the Elysée");
    EXPECT(d, "The talks failed", IND, "according to", "a French official");
    EXPECT(d, "Russia stop all strikes", IND, "asked", "he");
    ann_doc_free(d);

    d = run("But as Foreign Affairs magazine highlighted, the West was never "
            "interested in peace.\n");
    EXPECT(d, "the West was never interested in peace", IND, "highlighted",
           "Foreign Affairs magazine");
    ann_doc_free(d);
}

static void test_speech_acts_and_nouns(void)
{
    ann_doc *d = run("Macron called him and urged him to stop the advance and agree to "
                     "a ceasefire.\n");
    EXPECT(d, "stop the advance and agree to a ceasefire", IND, "urged", "Macron");
    ann_doc_free(d);

    d = run("Zelensky rejected the offer to make the concession, saying that most "
            "Ukrainians wanted to join NATO.\n");
    EXPECT(d, "the offer to make the concession", IND, "rejected", "Zelensky");
    EXPECT(d, "most Ukrainians wanted to join NATO", IND, "saying", "Zelensky");
    ann_doc_free(d);

    d = run("Another factor was Zelensky's confidence that, with Western support, "
            "he would be able to defeat Russia. Its conclusion is unequivocal: "
            "the war aims are unchanged.\n");
    EXPECT(d, "with Western support, he would be able to defeat Russia", IND,
           "confidence", "Zelensky");
    EXPECT(d, "the war aims are unchanged", IND, "conclusion", "Its");
    ann_doc_free(d);
}

static void test_nominal_speakers(void)
{
    ann_doc *d = run("\"There's a disconnect here,\" a senior EU official told the "
                     "Financial Times. Western diplomats contended that a deal was "
                     "unlikely. US intelligence officials believe Putin would "
                     "invade.\n");
    EXPECT(d, "There's a disconnect here,", DIR, "told", "a senior EU official");
    EXPECT(d, "a deal was unlikely", IND, "contended", "Western diplomats");
    EXPECT(d, "Putin would invade", IND, "believe", "US intelligence officials");
    ann_doc_free(d);
}

static void test_not_claims(void)
{
    ann_doc *d = run("Russia launched a \"special military operation\" in February. "
                     "It was reported that the talks had failed. The talks "
                     "reportedly failed. Putin wants to keep the \"realities on the "
                     "ground\". If it concludes that peace is possible, fine.\n");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);

    /* an unbalanced mark never swallows the rest of the document */
    d = run("\"This quotation never closes, Putin said.\n\nA new paragraph. "
            "Kuleba said that the talks went well.\n");
    EXPECT(d, "the talks went well", IND, "said", "Kuleba");
    int inside = 1;
    for (size_t i = 0; i < d->nclaims; i++)
        inside &= d->claims[i].content.end <= 40 || d->claims[i].content.start > 40;
    CHECK(inside);
    ann_doc_free(d);
}

static void test_nested_and_headline(void)
{
    ann_doc *d = new_doc("ISW: Putin's positions equal the 2022 war aims — ISW, June 23\n\n"
                         "\"When we returned, Boris Johnson came to Kiev and said that "
                         "we won't sign anything,\" Arakhamia revealed.\n");
    tag(d, ANN_CAT_ACTOR, "institute-for-the-study-of-war", "organization", "ISW");
    tag(d, ANN_CAT_ACTOR, "boris-johnson", "person", "Boris Johnson");
    tag(d, ANN_CAT_ACTOR, "davyd-arakhamia", "person", "Arakhamia");
    annotate_doc(d, 1 << 20);
    EXPECT(d, "Putin's positions equal the 2022 war aims", IND, ":", "ISW");
    EXPECT(d, "When we returned, Boris Johnson came to Kiev and said that we won't "
              "sign anything,", DIR, "revealed", "Arakhamia");
    EXPECT(d, "we won't sign anything", IND, "said", "Boris Johnson");
    const ann_claim *c = find(d, "we won't sign anything");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "boris-johnson") == 0);
    ann_doc_free(d);
}

static void test_linking(void)
{
    ann_doc *d = new_doc("Dominic Raab spoke on Monday. \"We will not engage,\" he "
                         "told the BBC. Kuleba tweeted that the meeting was over.\n");
    tag(d, ANN_CAT_ACTOR, "dominic-raab", "person", "Dominic Raab");
    tag(d, ANN_CAT_ACTOR, "dmytro-kuleba", "person", "Kuleba");
    tag(d, ANN_CAT_SOURCE, "bbc", "outlet", "BBC");
    ann_doc_entity(d, ANN_CAT_SOURCE, "twitter", "Twitter", "platform");
    annotate_doc(d, 1 << 20);
    const ann_claim *c = find(d, "We will not engage,");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(text_of(d, c->speaker), "he");
        CHECK_STR(c->speaker_id, "dominic-raab");
        CHECK_STR(c->medium_id, "bbc");
    }
    c = find(d, "the meeting was over");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(c->speaker_id, "dmytro-kuleba");
        CHECK_STR(c->medium_id, "twitter");
    }
    ann_doc_free(d);
}

/* Speakers and media whose mentions start far (many buckets of the
 * mention index) before the end of the phrase, mentions that overlap, and
 * a window that starts in the middle of the document. */
static void test_linking_far(void)
{
    ann_doc *d = new_doc("Opening paragraph about nothing in particular at all.\n\n"
                         "NATO Secretary General Jens Stoltenberg told the BBC that "
                         "the alliance would hold.\n");
    /* the same end as Jens Stoltenberg, and first in document order */
    tag(d, ANN_CAT_ACTOR, "secretary-general", "person", "Secretary General Jens Stoltenberg");
    tag(d, ANN_CAT_SOURCE, "nato", "organization", "NATO");
    tag(d, ANN_CAT_ACTOR, "jens-stoltenberg", "person", "Jens Stoltenberg");
    tag(d, ANN_CAT_SOURCE, "bbc", "outlet", "BBC");
    tag(d, ANN_CAT_PLACE, "alliance", "region", "alliance");
    annotate_doc(d, 10);                 /* one paragraph a window */
    const ann_claim *c = find(d, "the alliance would hold");
    CHECK(c != NULL);
    if (c) {
        CHECK_STR(text_of(d, c->speaker), "NATO Secretary General Jens Stoltenberg");
        CHECK_STR(c->speaker_id, "secretary-general");
        CHECK_STR(c->medium_id, "bbc");
    }
    ann_doc_free(d);
}

/* He and she are the person mentioned last before them: in an earlier
 * window, in the same one, of two mentions that start together the later
 * entity's, and for a quotation that continues a statement made in an
 * earlier window, the person before that statement. */
static void test_he_she(void)
{
    ann_doc *d = new_doc("Anna Berg met Carl Dahl in Kyiv.\n\n"
                         "“We are ready,” he said.\n\n"
                         "“We will stay.”\n\n"
                         "Eva Lund arrived. She said that the talks would go on.\n");
    tag(d, ANN_CAT_ACTOR, "anna-berg", "person", "Anna Berg");
    tag(d, ANN_CAT_ACTOR, "carl-dahl", "person", "Carl Dahl");
    tag(d, ANN_CAT_ACTOR, "kyiv-council", "organization", "Kyiv");
    tag(d, ANN_CAT_ACTOR, "eva-lund", "person", "Eva Lund");
    tag(d, ANN_CAT_ACTOR, "eva", "person", "Eva");
    annotate_doc(d, 10);                 /* one paragraph a window */
    const ann_claim *c = find(d, "We are ready,");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "carl-dahl") == 0);
    c = find(d, "We will stay.");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "carl-dahl") == 0);
    c = find(d, "the talks would go on");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "eva") == 0);
    ann_doc_free(d);
}

/* "he" after an aside's attribution, after a possessor in an apposition,
 * after a quotation that ends the sentence before, and after a speaker
 * that is a description. */
static void test_he_salience(void)
{
    ann_doc *d = new_doc("Olaf Scholz spoke.\n\nOn March 13, Mykhailo Podoliak, Volodymyr "
                         "Zelenskyy's adviser, expressed hope for the talks, which, as Vladimir "
                         "Putin indicated, had continued: \"We will not concede.\" In a tweet, he "
                         "said Russia was listening: \"Our demands are clear.\"\n");
    tag(d, ANN_CAT_ACTOR, "olaf-scholz", "person", "Olaf Scholz");
    tag(d, ANN_CAT_ACTOR, "mykhailo-podolyak", "person", "Mykhailo Podoliak");
    tag(d, ANN_CAT_ACTOR, "volodymyr-zelensky", "person", "Volodymyr Zelenskyy");
    tag(d, ANN_CAT_ACTOR, "vladimir-putin", "person", "Vladimir Putin");
    annotate_doc(d, 1 << 20);
    const ann_claim *c = find(d, "Russia was listening");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "mykhailo-podolyak") == 0);
    c = find(d, "Our demands are clear.");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "mykhailo-podolyak") == 0);
    ann_doc_free(d);

    d = new_doc("Boris Johnson warned Zelenskyy that Vladimir Putin was a liar. The British "
                "prime minister also told MPs it was inconceivable. London was sure of it, he "
                "added.\n");
    tag(d, ANN_CAT_ACTOR, "boris-johnson", "person", "Boris Johnson");
    tag(d, ANN_CAT_ACTOR, "vladimir-putin", "person", "Vladimir Putin");
    annotate_doc(d, 1 << 20);
    c = find(d, "London was sure of it");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "boris-johnson") == 0);
    ann_doc_free(d);
}

/* "he" and "she" agree with the gender of the given name a person was
 * named with (lexicon/given_names.tsv), through the whole pipeline. */
static void test_he_she_gender(void)
{
    ann_doc *d = annotate_text("Hillary Clinton met Boris Johnson in London.\n\nShe said the "
                               "talks went well. He said they did not.");
    const ann_claim *c = find(d, "the talks went well");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "hillary-clinton") == 0);
    c = find(d, "they did not");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "boris-johnson") == 0);
    ann_doc_free(d);
    /* a name of no known gender agrees with either */
    d = annotate_text("Kim Darroch met Boris Johnson.\n\nShe said the talks went well.");
    c = find(d, "the talks went well");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "boris-johnson") != 0);
    ann_doc_free(d);
}

/* Markdown residue is stepped over: a line that starts with markup starts
 * on the next token, and markup between words is not there. */
static void test_markup(void)
{
    ann_doc *d = run("**Kuleba said** that the talks had failed.\n\n"
                     "* “We will keep trying,” he *said*.\n");
    EXPECT(d, "the talks had failed", IND, "said", "Kuleba");
    EXPECT(d, "We will keep trying,", DIR, "said", "he");
    ann_doc_free(d);
}

/* Every word of the lexicon is found with its kinds, whatever slot it took;
 * other hashes find nothing. */
static void test_word_table(void)
{
    for (size_t i = 0; i < rules->nwords; i++) {
        const cl_word *w = &rules->words[i];
        CHECK_INT((int)cl_word_kind(rules, w->h), (int)(w->kind & CL_I_KIND));
        CHECK(cl_word_find(rules, w->h) == w);
    }
    char buf[32];
    size_t found = 0;
    for (unsigned k = 0; k < 20000; k++) {
        int n = snprintf(buf, sizeof buf, "qx%uzv", k);
        uint64_t h = ann_hash_lower(buf, (size_t)n);
        found += cl_word_find(rules, h) == NULL && cl_word_kind(rules, h) != 0;
    }
    CHECK_INT((int)found, 0);
    CHECK_INT((int)cl_word_kind(rules, 0), cl_word_find(rules, 0) ? 1 : 0);
    CHECK(cl_word_kind(rules, ann_hash_lower("said", 4)) & CL_W_CUEHEAD);
    CHECK(cl_word_kind(rules, ann_hash_lower("THE", 3)) & CL_W_DET);
}

/* Cues headed by a function word ("is convinced", "in keeping with") are
 * found from their second word, also across markup and paragraphs, at
 * the start and the end of the text. */
static void test_tailed_cues(void)
{
    CHECK(cl_word_kind(rules, ann_hash_lower("is", 2)) & CL_W_TAILED);
    CHECK(cl_word_kind(rules, ann_hash_lower("convinced", 9)) & CL_W_CUETAIL);
    CHECK(!(cl_word_kind(rules, ann_hash_lower("said", 4)) & CL_W_TAILED));
    ann_doc *d = run("Kuleba is convinced that the talks had failed.\n\n"
                     "The minister was **confident** that Russia would pay.\n\n"
                     "In keeping with the report, officials said prices rose.\n\n"
                     "He is\n\nconvinced that it works.\n\n"
                     "Kuleba is convinced");
    EXPECT(d, "the talks had failed", IND, "is convinced", "Kuleba");
    EXPECT(d, "Russia would pay", IND, "was **confident", "The minister");
    EXPECT(d, "officials said prices rose", IND, "In keeping with", "the report");
    EXPECT(d, "it works", IND, "is\n\nconvinced", "He");
    ann_doc_free(d);
    d = run("is convinced that it is so");
    CHECK_INT((int)d->nclaims, 0);
    ann_doc_free(d);
    d = run("convinced");
    CHECK_INT((int)d->nclaims, 0);
    ann_doc_free(d);
}

/* Quotations open in one window continue into the next only through a
 * repeated opening mark; per-document state carries the last speaker. */
static void test_windows(void)
{
    ann_doc *d = new_doc("Kuleba said that the talks had failed.\n\n"
                         "“We will keep trying.”\n\nSomething else entirely here.\n");
    annotate_doc(d, 10);                 /* one paragraph a window */
    EXPECT(d, "the talks had failed", IND, "said", "Kuleba");
    EXPECT(d, "We will keep trying.", DIR, "said", "Kuleba");
    ann_doc_free(d);
}

/* 100,000 quotation marks in a row, and as many cues: linear, and sane. */
static void test_hostile(void)
{
    size_t n = 100000;
    char *s = ann_xmalloc(n * 7 + 64);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        s[k++] = '"';
    memcpy(s + k, " said Putin. ", 13);
    k += 13;
    for (size_t i = 0; i < n / 10; i++) {
        memcpy(s + k, "said, ", 6);
        k += 6;
    }
    s[k++] = '\n';
    s[k] = '\0';
    ann_doc *d = ann_doc_new("h", "h.txt", s, k);
    annotate_doc(d, 1 << 16);
    int sane = d->nclaims < n;
    for (size_t i = 0; i < d->nclaims; i++)
        sane &= d->claims[i].content.end <= d->len &&
                d->claims[i].content.end - d->claims[i].content.start < 4096;
    CHECK(sane);
    ann_doc_free(d);
}

static void test_coordination_and_relatives(void)
{
    /* the subject of the first verb speaks for the coordinated cue, past
     * adverbs, introductory phrases and relative clauses */
    ann_doc *d = run("Since the summit ended, the ministers of the bloc have met twice "
                     "and have repeatedly urged Moscow to withdraw its troops.\n");
    EXPECT(d, "withdraw its troops", IND, "urged", "the ministers of the bloc");
    ann_doc_free(d);

    d = run("On Tuesday, at the invitation of the mayor, who had hoped to host the "
            "summit, Schmidt spoke with the envoy and, in a short call, urged him "
            "to lift the blockade. The envoy met them again and again urged "
            "Tehran to release the prisoners.\n");
    EXPECT(d, "lift the blockade", IND, "urged", "Schmidt");
    EXPECT(d, "release the prisoners", IND, "urged", "The envoy");
    CHECK(find(d, "day with the rebels") == NULL);
    ann_doc_free(d);

    /* "X, who had said …": the antecedent speaks; "for the first time" and
     * "last week" stand between a verb and its content */
    d = run("Novak, who had already suggested that the treaty could be revised, "
            "raised for the first time the idea of a joint commission. Novak "
            "signaled two weeks ago and reiterated last week that the border "
            "would stay closed.\n");
    EXPECT(d, "the treaty could be revised", IND, "suggested", "Novak");
    EXPECT(d, "the idea of a joint commission", IND, "raised", "Novak");
    EXPECT(d, "the border would stay closed", IND, "reiterated", "Novak");
    ann_doc_free(d);

    /* a progressive is no passive */
    d = run("Senior officials were urging the premier to resign from office.\n");
    EXPECT(d, "resign from office", IND, "urging", "Senior officials");
    ann_doc_free(d);

    /* "with many saying": a quantifier alone is the speaker */
    d = run("Prices rose, with many saying the sanctions had failed.\n");
    EXPECT(d, "the sanctions had failed", IND, "saying", "many");
    ann_doc_free(d);
}

static void test_appositive_and_participle(void)
{
    /* a long appositive between speaker and cue ends the clause before it */
    ann_doc *d = run("Although the ministry denies that the strike hit a school, "
                     "Petra Novak, the regional governor and head of the emergency "
                     "committee set up after the floods began, said in an interview "
                     "that the school was destroyed.\n");
    EXPECT(d, "the strike hit a school", IND, "denies", "the ministry");
    EXPECT(d, "the school was destroyed", IND, "said", "Petra Novak");
    ann_doc_free(d);

    /* an opening participle takes the main clause's subject, past a
     * parenthetical attribution */
    d = run("Advising the farmers to sell their grain early, the Daily Mail "
            "reported, senior ministers were urging the cabinet to cut the "
            "tariffs.\n");
    EXPECT(d, "sell their grain early", IND, "Advising", "senior ministers");
    EXPECT(d, "cut the tariffs", IND, "urging", "senior ministers");
    ann_doc_free(d);
}

static void test_objects_and_nouns(void)
{
    /* a cue word after a determiner or before an auxiliary is a noun */
    ann_doc *d = run("The Brookings report lists several measures to weaken the "
                     "economy. The Brookings report titled \"Plan B\" was published "
                     "in May. Both sides have demands that will be hard to meet. "
                     "Western demands are clear.\n");
    EXPECT(d, "several measures to weaken the economy", IND, "lists", "The Brookings report");
    CHECK_INT(d->nclaims, 1);
    ann_doc_free(d);

    /* ... or after a plural quantifier */
    d = run("The opposition also has some demands that will be hard to meet.\n");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);

    /* a noun of asking with a possessor: its "for" phrase is the content */
    d = run("The rebels rejected the plan and repeated their demand for a full "
            "amnesty. The outbreak calls for caution.\n");
    EXPECT(d, "a full amnesty", IND, "demand", "their");
    /* a speech act's object ends where a coordinated cue begins */
    EXPECT(d, "the plan", IND, "rejected", "The rebels");
    CHECK_INT(d->nclaims, 2);
    ann_doc_free(d);

    /* a bare noun or "a" after the verb is its object unless a clause follows */
    d = run("Novak maintained close contacts with both sides. Novak maintained a "
            "firm position on the talks. Novak maintained talks would resume. "
            "Officials said a deal was close.\n");
    EXPECT(d, "talks would resume", IND, "maintained", "Novak");
    EXPECT(d, "a deal was close", IND, "said", "Officials");
    CHECK_INT(d->nclaims, 2);
    ann_doc_free(d);

    /* an object runs over a list, and ends at "but" */
    d = run("The declaration calls for a truce, prisoner exchanges, and respect for "
            "borders—but offers no timetable. The government proclaims its "
            "commitment to peace but rejects every proposal.\n");
    EXPECT(d, "a truce, prisoner exchanges, and respect for borders", IND,
           "calls for", "The declaration");
    EXPECT(d, "its commitment to peace", IND, "proclaims", "The government");
    ann_doc_free(d);

    /* a list may hold words that are cues elsewhere ("state") */
    d = run("The declaration, which has been welcomed in several capitals, calls for "
            "elections, a census, and respect for state borders.\n");
    EXPECT(d, "elections, a census, and respect for state borders", IND, "calls for",
           "The declaration");
    ann_doc_free(d);

    /* an object and a colon: what follows the colon is the content */
    d = run("Novak has maintained a steady line on the dispute: the border will "
            "not be redrawn. Novak maintained a peace that respects the border.\n");
    EXPECT(d, "the border will not be redrawn", IND, "maintained", "Novak");
    CHECK_INT(d->nclaims, 1);
    ann_doc_free(d);

    /* a clause without "that" after a verb that otherwise wants one: only
     * with a pronoun subject and an auxiliary; "note" takes a bare clause
     * or its object ("noted the progress": that there is progress) */
    d = run("Novak for his part, after noting there had been some progress in the "
            "talks, left the room. The envoy confirmed the progress in the talks.\n");
    EXPECT(d, "there had been some progress in the talks", IND, "noting", "Novak");
    CHECK_INT(d->nclaims, 1);
    ann_doc_free(d);

    /* a reduced relative "confirmed by X" attributes no clause */
    d = run("Figures, confirmed by the ministry, show a rise in prices.\n");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
}

static void test_naming_verbs(void)
{
    /* a quoted phrase as the object is the content, quoted */
    ann_doc *d = run("This is what Novak calls “the price of peace” in his speeches. "
                     "Novak also mentioned the “spring agreement” in his address. "
                     "Critics branded the reform “a betrayal”.\n");
    EXPECT(d, "the price of peace", DIR, "calls", "Novak");
    EXPECT(d, "spring agreement", DIR, "mentioned", "Novak");
    EXPECT(d, "the reform “a betrayal", MIX, "branded", "Critics");
    ann_doc_free(d);

    /* ... but not a quoted subject or a quoted modifier */
    d = run("Novak said the “operation” was going well. The plan called for a "
            "“neutral” state with its own army.\n");
    EXPECT(d, "the “operation” was going well", MIX, "said", "Novak");
    CHECK(find(d, "operation") == NULL);
    CHECK(find(d, "neutral") == NULL);
    ann_doc_free(d);

    /* object + "as" + complement */
    d = run("The minister described the talks as a trap for the opposition.\n");
    EXPECT(d, "the talks as a trap for the opposition", IND, "described", "The minister");
    ann_doc_free(d);
}

/* The one list of speech cues: every form of claims/cues.tsv is a lexicon
 * entry of kind cue for the entities annotator, inv=1 where its classes
 * have I; a form the old entities list had and the claims list lacked
 * ("joked") now gives the claim and the actor. */
static int cue_form_line(void *ctx, const char *s, size_t n, const char *name,
                         size_t lineno, char *err, size_t errlen)
{
    (void)name, (void)lineno, (void)err, (void)errlen;
    ann_field f[2];
    ann_match m;
    int *bad = ctx;
    ann_rule_fields(s, n, f, 2);
    char inv[4] = "";
    if (!ann_rules_lookup(engine->rules, f[0].s, f[0].n, "cue", &m)) {
        fprintf(stderr, "   no cue entry: %.*s\n", (int)f[0].n, f[0].s);
        (*bad)++;
    } else if (ann_attr(m.attrs, "inv", inv, sizeof inv) != (memchr(f[1].s, 'I', f[1].n) != NULL)) {
        fprintf(stderr, "   inv wrong: %.*s\n", (int)f[0].n, f[0].s);
        (*bad)++;
    }
    return 0;
}

static void test_one_cue_list(void)
{
    const ann_builtin_file *f = ann_builtin_get("claims/cues.tsv");
    CHECK(f != NULL);
    CHECK(ann_builtin_get("lexicon/cues.tsv") == NULL);
    if (!f)
        return;
    ann_rule_src src = {f->name, f->name, f->data, f->len, 1};
    int bad = 0;
    CHECK_INT(ann_rule_lines(&src, cue_form_line, &bad, NULL, 0), 0);
    CHECK_INT(bad, 0);
    ann_match m;
    char inv[4] = "";
    CHECK(ann_rules_lookup(engine->rules, "said", 4, "cue", &m) &&
          ann_attr(m.attrs, "inv", inv, sizeof inv) && strcmp(inv, "1") == 0);
    CHECK(ann_rules_lookup(engine->rules, "told", 4, "cue", &m) &&
          !ann_attr(m.attrs, "inv", inv, sizeof inv));

    const char *text = "Headline\n\nIvan Petrov joked that the talks were over.\n";
    ann_doc *d = ann_doc_new("t", "t.txt", ann_xstrdup(text), strlen(text));
    ann_annotate(engine, d);
    EXPECT(d, "the talks were over", IND, "joked", "Ivan Petrov");
    CHECK(d->nclaims == 1 && d->claims[0].speaker_id &&
          strcmp(d->claims[0].speaker_id, "ivan-petrov") == 0);
    ann_doc_free(d);
}

/* A claim names its speaker by the id of an entity of the document, also
 * where the entity it was made with joined another at the document's end
 * (a surname before the full name: "brafman" into "benjamin-brafman"). */
static void test_speaker_ids_settled(void)
{
    ann_doc *d = new_doc("Brafman said the case was weak. Reporters waited outside.\n\n"
                         "The defense lawyer Benjamin Brafman has tried many cases.");
    ann_annotate(engine, d);
    CHECK(d->nclaims >= 1 && d->claims[0].speaker_id &&
          strcmp(d->claims[0].speaker_id, "benjamin-brafman") == 0);
    for (size_t i = 0; i < d->nclaims; i++)
        CHECK(!d->claims[i].speaker_id || ann_doc_find_entity(d, d->claims[i].speaker_id));
    ann_doc_free(d);
}

/* A user's tree: a cue of class I becomes an inverting cue entry, a word
 * of words.tsv joins its class; a bad class is refused with PATH:LINE. */
static void test_user_cues(void)
{
    char dir[] = "/tmp/annotate-cues.XXXXXX", path[256], err[512];
    int made = user_rules_tree(dir, "claims", "cues.tsv", "# mine\nzorbled\tCI\n", path,
                               sizeof path);
    CHECK(made == 0);
    if (made != 0)
        return;
    ann_engine *e = user_rules_engine(dir);
    CHECK(e != NULL);
    ann_match m;
    char inv[4] = "";
    CHECK(e && ann_rules_lookup(e->rules, "zorbled", 7, "cue", &m) &&
          ann_attr(m.attrs, "inv", inv, sizeof inv));
    ann_engine_free(e);
    user_rules_write(path, "zorbled\tC\nzorbed\tCX\n");
    CHECK(user_rules_refused(dir, path, 2, "want a form"));
    unlink(path);

    /* the grammar's word classes: a first-person word is never a speaker */
    snprintf(path, sizeof path, "%s/claims/words.tsv", dir);
    user_rules_write(path, "zorbo\tfirst\n");
    const char *text = "Headline\n\nZorbo said that the talks were over.\n", *user = dir;
    for (int mine = 0; mine < 2; mine++) {
        e = ann_engine_new(0, &user, (size_t)mine, err, sizeof err);
        CHECK(e != NULL);
        if (!e)
            break;
        ann_doc *d = ann_doc_new("t", "t.txt", ann_xstrdup(text), strlen(text));
        ann_annotate(e, d);
        CHECK_INT(d->nclaims, mine ? 0 : 1);
        ann_doc_free(d);
        ann_engine_free(e);
    }
    user_rules_write(path, "zorbo\tfirst\nzorba\tnoun\n");
    CHECK(user_rules_refused(dir, path, 2, "want a word, a tab and a class"));
    user_rules_remove(dir, "claims", path);
}

/* Wire text writes its quotation marks '' and ``; a sentence that ends
 * inside such a quotation ends there, not at the next word. */
static void test_wire_quotes(void)
{
    ann_doc *d = run("''We don't believe troops are the answer,'' Ben Rhodes said Sunday. "
                     "He said: ``We will win.'' Then he left.\n");
    EXPECT(d, "We don't believe troops are the answer,", DIR, "said", "Ben Rhodes");
    EXPECT(d, "We will win.", DIR, "said", "He");
    CHECK_INT(d->nclaims, 2);
    ann_doc_free(d);
}

/* The document body through the whole pipeline (entities, dates, claims),
 * after a headline line, as a user would try it. */
static ann_doc *annotate_text(const char *body)
{
    char *text = ann_xasprintf("Headline\n\n%s\n", body);
    ann_doc *d = ann_doc_new("t", "t.txt", text, strlen(text));
    ann_annotate(engine, d);
    return d;
}

/* Issue 13, each sentence a new user tried. */
static void test_issue_sentences(void)
{
    /* a clock time, a.m. and p.m. cut nothing */
    ann_doc *d = annotate_text("\"We will win,\" Biden said at 3:45 p.m.");
    EXPECT(d, "We will win,", DIR, "said", "Biden");
    CHECK_INT(d->nclaims, 1);
    ann_doc_free(d);
    d = annotate_text("\"We will win,\" Biden said at 3 p.m.");
    EXPECT(d, "We will win,", DIR, "said", "Biden");
    ann_doc_free(d);
    d = annotate_text("Police said the man was arrested at 6:15 a.m. on Monday.");
    EXPECT(d, "the man was arrested at 6:15 a.m. on Monday", IND, "said", "Police");
    ann_doc_free(d);
    d = annotate_text("Officials said the U.S. had agreed. The No. 2 official said the deal, worth "
                      "3.5 billion, was done.");
    EXPECT(d, "the U.S. had agreed", IND, "said", "Officials");
    EXPECT(d, "the deal, worth 3.5 billion, was done", IND, "said", "The No. 2 official");
    ann_doc_free(d);

    /* speakers that are noun phrases, not list entries */
    static const char *const nps[][2] = {
        {"The mayor said the budget would be cut.", "The mayor"},
        {"The governor said the budget would be cut.", "The governor"},
        {"The company said the budget would be cut.", "The company"},
        {"A bartender in Ohio said the budget would be cut.", "A bartender in Ohio"},
        {"Two senior officials said the budget would be cut.", "Two senior officials"},
        {"The campaign said the budget would be cut.", "The campaign"},
        {"The email said the budget would be cut.", "The email"},
        {"31 percent of voters said the budget would be cut.", "31 percent of voters"},
    };
    for (size_t k = 0; k < sizeof nps / sizeof nps[0]; k++) {
        d = annotate_text(nps[k][0]);
        EXPECT(d, "the budget would be cut", IND, "said", nps[k][1]);
        ann_doc_free(d);
    }
    d = annotate_text("In a statement on Monday, the company said it would appeal.");
    EXPECT(d, "it would appeal", IND, "said", "the company");
    ann_doc_free(d);

    /* "he" is the speaker of the attribution just made, not the person
     * named last */
    d = annotate_text("Antony Blinken said after meeting Vladimir Putin that the talks had "
                      "stalled. \"We are not there yet,\" he said.");
    const ann_claim *c = find(d, "We are not there yet,");
    CHECK(c && c->speaker_id && strcmp(c->speaker_id, "antony-blinken") == 0);
    ann_doc_free(d);

    /* a banner addresses Biden; a date, a dateline and "Asked about" are
     * no speakers */
    d = annotate_text("President Biden: Stop Funding the Policing of Our Students");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    d = annotate_text("On Sunday, April 3, confirming in an interview that the talks would go "
                      "on, Blinken said that the war must end.");
    EXPECT(d, "the talks would go on", IND, "confirming", "Blinken");
    EXPECT(d, "the war must end", IND, "said", "Blinken");
    ann_doc_free(d);
    d = annotate_text("SELMA, Ala. — Confirming that the budget would be cut, the mayor left.");
    EXPECT(d, "the budget would be cut", IND, "Confirming", "the mayor");
    ann_doc_free(d);
    d = annotate_text("Asked about the talks, Putin said they were over.");
    EXPECT(d, "they were over", IND, "said", "Putin");
    CHECK_INT(d->nclaims, 1);
    ann_doc_free(d);
}

/* Issue 13's constructions: material between speaker and cue, opening
 * adjuncts, verb complements, nominal cues, colons, the cue after the
 * content. */
static void test_issue_constructions(void)
{
    static const char *const cases[][4] = {
        /* text, content, cue, speaker */
        {"Sen. Smith, 92, said in an interview that he would retire.", "he would retire", "said", "Sen. Smith"},
        {"Sen. Smith, who chairs the panel, said he would retire.", "he would retire", "said", "Sen. Smith"},
        {"In a statement Monday, the senator said he would retire.", "he would retire", "said", "the senator"},
        {"The senator told reporters that the bill was dead.", "the bill was dead", "told", "The senator"},
        {"The senator warned that the bill was dead.", "the bill was dead", "warned", "The senator"},
        {"The senator vowed to kill the bill.", "kill the bill", "vowed", "The senator"},
        {"The senator urged colleagues to kill the bill.", "kill the bill", "urged", "The senator"},
        {"The senator denied that he had lied.", "he had lied", "denied", "The senator"},
        {"The senator called the bill a disgrace.", "the bill a disgrace", "called", "The senator"},
        {"According to the senator, the bill is dead.", "the bill is dead", "According to", "the senator"},
        {"The bill is dead, according to the senator.", "The bill is dead", "according to", "the senator"},
        {"The senator's statement: the bill is dead.", "the bill is dead", "statement", "The senator"},
        {"The bill is dead, the senator said.", "The bill is dead", "said", "the senator"},
        {"The bill is dead, said the senator.", "The bill is dead", "said", "the senator"},
        {"The bill, the senator said, is dead.", "The bill, the senator said, is dead", "said", "the senator"},
        {"\"The bill is dead,\" said a former senior Senate aide.", "The bill is dead,", "said",
         "a former senior Senate aide"},
        {"The senator has long said that the bill is dead.", "the bill is dead", "said", "The senator"},
        {"The senator doesn't think the bill will pass.", "the bill will pass", "think", "The senator"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ann_doc *d = annotate_text(cases[k][0]);
        const ann_claim *c = find(d, cases[k][1]);
        if (!c)
            fprintf(stderr, "   in: %s\n", cases[k][0]);
        EXPECT(d, cases[k][1], strchr(cases[k][0], '"') ? DIR : IND, cases[k][2], cases[k][3]);
        ann_doc_free(d);
    }
    /* a split quotation goes on past the appositive after its speaker */
    ann_doc *d = annotate_text("\"You can ID early voters,\" said Rick Tyler, a spokesman for "
                               "the campaign. \"You know who they are.\"");
    EXPECT(d, "You can ID early voters,\" said Rick Tyler, a spokesman for the campaign. "
              "\"You know who they are.", DIR, "said", "Rick Tyler");
    ann_doc_free(d);
    /* a transcript's speakers */
    d = annotate_text("WALLACE: Do you see those two as equivalent?\n\nPENCE: Well, look, "
                      "they are not.");
    EXPECT(d, "Do you see those two as equivalent", IND, ":", "WALLACE");
    EXPECT(d, "Well, look, they are not", IND, ":", "PENCE");
    ann_doc_free(d);
    d = annotate_text("CLARIFICATION: The first sentence has been clarified.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
}

/* More constructions the finder learned, one sentence each. */
static void test_more_constructions(void)
{
    static const char *const cases[][4] = {
        /* text, content, cue, speaker */
        {"The officials whose laws were struck down say the real change has come.",
         "the real change has come", "say", "The officials whose"},
        {"Some 56 percent of voters polled said they were less likely to vote.",
         "they were less likely to vote", "said", "56 percent of voters"},
        {"Mr. Manafort, citing ''the magic of Trump,'' said the candidate could win.",
         "the candidate could win", "said", "Mr. Manafort"},
        {"Gov. Phil Bryant (R) said he expects an appeal.", "he expects an appeal", "said",
         "Gov. Phil Bryant"},
        {"Gov. Mike Pence on Thursday blamed the media for the story.", "the media for the story",
         "blamed", "Gov. Mike Pence"},
        {"One in three said the party does not care.", "the party does not care", "said",
         "One in three"},
        {"Because exit polls indicated that Trump was ahead, there is a sense of doom.",
         "Trump was ahead", "indicated", "exit polls"},
        {"A Democratic aide said comments from Rice were consistent.",
         "comments from Rice were consistent", "said", "A Democratic aide"},
        {"Three former employees said disagreements broke out within the firm.",
         "disagreements broke out within the firm", "said", "Three former employees"},
        {"Blinken said that Zelensky—one of the leaders, not a stooge—had the power to act.",
         "Zelensky—one of the leaders, not a stooge—had the power to act", "said", "Blinken"},
        {"The mayor said it would fail, and the governor said it would pass.",
         "it would fail", "said", "The mayor"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        ann_doc *d = annotate_text(cases[k][0]);
        if (!find(d, cases[k][1]))
            fprintf(stderr, "   in: %s\n", cases[k][0]);
        EXPECT(d, cases[k][1], IND, cases[k][2], cases[k][3]);
        ann_doc_free(d);
    }
    /* a quotation that is all of the content ends at its closing mark */
    ann_doc *d = annotate_text("Johnson stated, \"We should keep the sanctions,\" showing that he "
                               "never wanted peace.");
    EXPECT(d, "We should keep the sanctions,", DIR, "stated", "Johnson");
    ann_doc_free(d);
    /* a colon at the end of the attribution's sentence: its quotation too */
    d = annotate_text("Podoliak expressed a positive outlook for the talks, which resumed on "
                      "Monday: \"We will not concede.\"");
    EXPECT(d, "We will not concede.", DIR, "expressed", "Podoliak");
    ann_doc_free(d);
    /* "He said he hoped that …": one claim, the speaker's own */
    d = annotate_text("Cavusoglu spoke after the meeting. He said he hoped that the talks would go on.");
    EXPECT(d, "he hoped that the talks would go on", IND, "said", "He");
    CHECK(find(d, "the talks would go on") == NULL);
    ann_doc_free(d);
}

/* Constructions of the second round of issue 13, one case each: text,
 * content, kind, cue, speaker. */
static const char *const round2[][5] = {
    /* a quotation closed before its speaker, whatever the tail */
    {"“It never crossed my mind,” she said several months after her release, and a big "
     "reason was the rise of Trump.", "It never crossed my mind,", "direct", "said", "she"},
    {"\"Let us debate,\" Trump said this month on CNBC.", "Let us debate,", "direct", "said",
     "Trump"},
    {"\"We need to step away,\" Pence said on CNN's \"State of the Union.\"",
     "We need to step away,", "direct", "said", "Pence"},
    /* a closing mark typed apart from both words */
    {"\"I've been insulted with the term 'outreach,' \" he told the group.",
     "I've been insulted with the term 'outreach,' ", "direct", "told", "he"},
    /* a quotation credited by a dash and a name that ends the line */
    {"“Maybe we can build a wall around him.” ― Steve Quinlan.\n",
     "Maybe we can build a wall around him.", "direct", "―", "Steve Quinlan"},
    {"“He can’t even answer a question.”— Julie A. Diaz Martinez\n",
     "He can’t even answer a question.", "direct", "—", "Julie A. Diaz Martinez"},
    /* a quotation that ends its sentence with ? or . and a sentence of
     * nothing but its speaker and cue */
    {"“Who would have believed we would win?” Trump said, looking out on the crowd.",
     "Who would have believed we would win?", "direct", "said", "Trump"},
    /* a speaker set off by a phrase, the quotation after a comma */
    {"Hillary Clinton, at a later press gaggle, said, “I’ve been briefed.”",
     "I’ve been briefed.", "direct", "said", "Hillary Clinton"},
    /* a noun that is also a cue opens a bare clause before its auxiliary */
    {"Trump said praise from Putin would not affect his policy.",
     "praise from Putin would not affect his policy", "indirect", "said", "Trump"},
    /* "note" takes a bare clause */
    {"They noted his attorney offered a deal.", "his attorney offered a deal", "indirect",
     "noted", "They"},
    /* a naming verb's object and what it is called */
    {"Warren called Wells Fargo’s behavior “outrageous.”", "Wells Fargo’s behavior “outrageous",
     "mixed", "called", "Warren"},
    /* a paragraph opening with a curly mark continues no straight one */
    {"\"Melanie thought it was wrong. She was calm.\n\n“It never crossed my mind,” she said.",
     "It never crossed my mind,", "direct", "said", "she"},
    /* an object and its infinitive, the content the infinitive, which
     * stops at "and" with an adverb and a cue */
    {"She urges her husband to come out of the car and repeatedly says, \"Don't.\"",
     "come out of the car", "indirect", "urges", "She"},
    /* "according to X" set off after a statement: X's apposition after it */
    {"Training can be effective, according to Craig Bryan, head of the center.",
     "Training can be effective", "indirect", "according to", "Craig Bryan"},
    {"When training is tailored to the veteran, it can be effective, according to Craig Bryan.",
     "When training is tailored to the veteran, it can be effective", "indirect",
     "according to", "Craig Bryan"},
    /* a quotation whose sentence a blank line breaks goes on */
    {"Lavrov said, \"I base my opinion on them. Hopefully, the\n\nfirst attempts will prevail.\"",
     "I base my opinion on them. Hopefully, the\n\nfirst attempts will prevail.", "direct", "said",
     "Lavrov"},
    /* "what X said …:" and the content after the colon */
    {"This is exactly what Putin said at one of his news conferences: there are options.",
     "there are options", "indirect", "said", "Putin"},
    /* a clause before "as noted by X" without its subordinator, an aside
     * set off by commas inside it; a participle in the agent's phrase */
    {"While the UK, via Operation Orbital, had trained 22,000 fighters, as noted by NATO's "
     "informed secretary general.", "the UK, via Operation Orbital, had trained 22,000 fighters",
     "indirect", "noted", "NATO's informed secretary general"},
    /* a speaker after its cue, and the speaker's apposition */
    {"Its first ad could start this week, said Brian Baker, a longtime adviser to the family.",
     "Its first ad could start this week", "indirect", "said", "Brian Baker"},
    /* an object ends before a relative clause set off by a comma */
    {"Some Democrats question the wisdom of committing to Scott, who has never faced a race or "
     "raised money.", "the wisdom of committing to Scott", "indirect", "question", "Some Democrats"},
    /* the content ends at the author's "although" and at a verb in the
     * past coordinated with the cue, not with a cue of the content's own */
    {"He claimed that paying no income taxes was smart, although he refused to release them.",
     "paying no income taxes was smart", "indirect", "claimed", "He"},
    {"Trump tweeted that Machado was a fraud and encouraged Americans to check her out.",
     "Machado was a fraud", "indirect", "tweeted", "Trump"},
    {"His office said he had expressed concern and urged a lifting of the siege.",
     "he had expressed concern and urged a lifting of the siege", "indirect", "said", "His office"},
    /* a cue in a relative clause set off by commas; "many of whom" */
    {"Apple's tax bill levied by the European Union, which contended that Ireland undertaxed "
     "the company, is a good example.", "Ireland undertaxed the company", "indirect", "contended",
     "the European Union"},
    {"He met families of victims, many of whom say the claims are unfounded.",
     "the claims are unfounded", "indirect", "say", "many of whom"},
    /* a verb coordinated with the subject's own, the subject any noun */
    {"His ex-wife agreed, but also contended that she should keep her privacy.",
     "she should keep her privacy", "indirect", "contended", "His ex-wife"},
    /* a reported question after an addressee, or "whether" */
    {"Hannity asked Trump how high the wall would be.", "how high the wall would be", "indirect",
     "asked", "Hannity"},
    {"Lawmakers also asked whether the deals required cooperation.",
     "whether the deals required cooperation", "indirect", "asked", "Lawmakers"},
    /* the author's ", while …" ends a content */
    {"Some voters said he had made a good case, while other voters said they had heard nothing.",
     "he had made a good case", "indirect", "said", "Some voters"},
    /* a quoted name set off by a comma ends the content */
    {"Trump called Cruz the \"ultimate hypocrite,\" linking to a story about him.",
     "Cruz the \"ultimate hypocrite", "mixed", "called", "Trump"},
    /* a statement split by its attribution, its end a quotation in lower case */
    {"Sooner or later, the governor told reporters, \"it starts to pay off.\"",
     "Sooner or later, the governor told reporters, \"it starts to pay off", "mixed", "told",
     "the governor"},
    /* a noun of saying as a verb's object, a colon and a quotation */
    {"Leonid Slutsky likewise gave an upbeat assessment of the talks: \"Progress may grow.\"",
     "Progress may grow.", "direct", "assessment", "Leonid Slutsky"},
    /* a headline in title case: its first capitalized cue is a verb */
    {"Obama Says African-American Museum Will Tell of 'Suffering and Delight.'",
     "African-American Museum Will Tell of 'Suffering and Delight", "mixed", "Says", "Obama"},
    {"Clinton Hid Past Health Problems From Public, Former White House Doctor Says.",
     "Clinton Hid Past Health Problems From Public", "indirect", "Says",
     "Former White House Doctor"},
};

static void test_round2(void)
{
    for (size_t k = 0; k < sizeof round2 / sizeof round2[0]; k++) {
        ann_doc *d = annotate_text(round2[k][0]);
        const char *kinds[] = { "direct", "indirect", "mixed" };
        int want = 0;
        while (want < 2 && strcmp(kinds[want], round2[k][2]) != 0)
            want++;
        if (!find(d, round2[k][1]))
            fprintf(stderr, "   in: %s\n", round2[k][0]);
        EXPECT(d, round2[k][1], (int)DIR + want, round2[k][3], round2[k][4]);
        ann_doc_free(d);
    }
    /* not when the cue has a content of its own after the tail */
    ann_doc *d = annotate_text("Hailing them as purported \"masters of their destinies,\" "
                               "President Biden told the EU leaders at a summit that the war "
                               "would be long.");
    CHECK(find(d, "masters of their destinies,") == NULL);
    ann_doc_free(d);
    /* a plural cue word after a verb in the past is its object */
    d = annotate_text("Though she called the behavior “outrageous,” Clinton restricted comments "
                      "about banks to a few words.");
    CHECK_INT(d->nclaims, 1);
    ann_doc_free(d);
    /* a thing that shows names no source; "worth noting" is the author's */
    d = annotate_text("Trump shamed her, saying it shows he'd be awake for a call. It is worth "
                      "noting that this is the first time. This suggests that talks failed.");
    CHECK_INT(d->nclaims, 1);
    EXPECT(d, "it shows he'd be awake for a call", IND, "saying", "Trump");
    ann_doc_free(d);
    d = annotate_text("The poll shows that Clinton leads.");
    EXPECT(d, "Clinton leads", IND, "shows", "The poll");
    ann_doc_free(d);
    /* a transcript whose paragraphs open with a quotation mark */
    d = annotate_text("\"WALLACE: Will she be there?\n\n\"PENCE: She will not be there.\n");
    EXPECT(d, "Will she be there", IND, ":", "WALLACE");
    EXPECT(d, "She will not be there", IND, ":", "PENCE");
    ann_doc_free(d);
    /* a pronoun that names no one in particular; an adjective that opens
     * the sentence, before a cue that is a noun */
    d = annotate_text("The lesson should haunt anyone who proposes a quick ceasefire. Dubious "
                      "promises regarding expansion have become a standard element.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    /* an addressee with a show's title; a content on the next line only
     * after a colon or "that" */
    d = annotate_text("Johnson tells MSNBC’s “Morning Joe” on Friday that the case remains open.");
    EXPECT(d, "the case remains open", IND, "tells", "Johnson");
    ann_doc_free(d);
    d = annotate_text("Russia’s threat to the talks unveiled\n\nRussia and Ukraine vote for an exchange.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    d = annotate_text("NATO Secretary General Jens Stoltenberg said that\n\n\"NATO allies have "
                      "supported Ukraine,\" adding that aid had grown.");
    EXPECT(d, "NATO allies have supported Ukraine,", DIR, "said", "NATO Secretary General Jens Stoltenberg");
    ann_doc_free(d);
    /* an opening phrase and "according to X,": the content after it */
    d = annotate_text("In the first quarter of the year, according to the agency, sales rose sharply.");
    EXPECT(d, "sales rose sharply", IND, "according to", "the agency");
    ann_doc_free(d);
    /* "state" is a noun */
    d = annotate_text("The New York state attorney general is looking into it. State troopers "
                      "said nothing.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    /* "what X described as Y: …" names Y; a real paragraph ends a quotation */
    d = annotate_text("He engaged in what analysts described as old tactics: lowering expectations.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    d = annotate_text("Lavrov said, \"I base my opinion on them.\n\nThe talks went on.\" Then he left.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    /* a participle after a noun of saying speaks for its possessor */
    d = annotate_text("Scholz spoke with Putin and reiterated Macron's message of the previous day "
                      "urging Russia to halt its military action.");
    EXPECT(d, "halt its military action", IND, "urging", "Macron");
    ann_doc_free(d);
    /* a list of names is one speaker, its commas set off nothing */
    d = annotate_text("Putin launched the war after the measures he and the leaders of Ukraine, "
                      "France and Germany agreed at Minsk to end the conflict, the paper said.");
    CHECK(find(d, "Putin launched the war after the measures he and the leaders of Ukraine") == NULL);
    ann_doc_free(d);
    /* a base form after a determiner and singular words is a noun; not
     * after phrases that follow a plural subject */
    d = annotate_text("That was the first public mention of the fact that talks had begun. A very "
                      "important rule that the court made is unclear.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    d = annotate_text("Political observers in Virginia and around the country say Scott deserves it.");
    CHECK(find(d, "Scott deserves it") != NULL);
    ann_doc_free(d);
    d = annotate_text("The study found that voters were purged.");
    EXPECT(d, "voters were purged", IND, "found", "The study");
    ann_doc_free(d);
    /* no question: "when asked", "what to say" */
    d = annotate_text("He told reporters when asked about it. RT told them what to say.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    /* a speaker's sentence with a content of its own after the cue */
    d = annotate_text("“We will win.” Trump said the party would lose.");
    EXPECT(d, "the party would lose", IND, "said", "Trump");
    CHECK(find(d, "We will win.") == NULL);
    ann_doc_free(d);
    d = annotate_text("“It is over.” Podoliak said, “The talks failed.”");
    EXPECT(d, "The talks failed.", DIR, "said", "Podoliak");
    ann_doc_free(d);
    /* "than, say, X": a base form set off by commas is no cue */
    d = annotate_text("It costs more than, say, Mr. Cruz's plan would.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    /* a noun in a title-case line is no verb, nor a cue in a sentence */
    d = annotate_text("In-depth Report: UKRAINE REPORT");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    d = annotate_text("Obama was there. Says who? Nobody Says Anything Like That Here.");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    /* a dash that goes on with the sentence credits nobody */
    d = annotate_text("“It was all a show,” she said — and he agreed.");
    CHECK_INT(d->nclaims, 1);
    ann_doc_free(d);
}

/* Constructions learned from the training split's misses (round 3): a
 * bare clause told by an irregular verb in the past, a number inside its
 * subject; a quotation set off by a comma or colon later in the cue's
 * sentence, past adjuncts, an addressee's clause or "when asked". */
/* Each row of a table of cases { kind, body, content, cue, speaker }
 * through the whole pipeline (annotate_text): that claim is found. */
static void expect_rows(const char *const (*rows)[5], size_t n)
{
    for (size_t k = 0; k < n; k++) {
        ann_doc *d = annotate_text(rows[k][1]);
        if (!find(d, rows[k][2]))
            fprintf(stderr, "   in: %s\n", rows[k][1]);
        int kind = rows[k][0][0] == 'd' ? DIR : rows[k][0][0] == 'm' ? MIX : IND;
        EXPECT(d, rows[k][2], kind, rows[k][3], rows[k][4]);
        ann_doc_free(d);
    }
}

/* Bodies of which each attributes want statements. */
static void expect_count(const char *const *bodies, size_t n, size_t want)
{
    for (size_t k = 0; k < n; k++) {
        ann_doc *d = annotate_text(bodies[k]);
        if (d->nclaims != want)
            fprintf(stderr, "   in: %s\n", bodies[k]);
        CHECK_INT(d->nclaims, want);
        ann_doc_free(d);
    }
}

/* Bodies of which none attributes anything. */
static void expect_none(const char *const *bodies, size_t n)
{
    expect_count(bodies, n, 0);
}

/* Constructions learned from the training split's misses (round 3), one
 * claim each: kind (d, i, m), text, content, cue, speaker. */
static const char *const round3[][5] = {
    {"i", "The union chief said builders quietly took a cut in their bids.",
     "builders quietly took a cut in their bids", "said", "The union chief"},
    {"i", "The aides said more than 2 million donors gave money.",
     "more than 2 million donors gave money", "said", "The aides"},
    {"i", "The mayor said winning in 2024 is much harder.", "winning in 2024 is much harder",
     "said", "The mayor"},
    {"d", "The mayor said on the radio on Friday, in a reply to a caller, \"We will rebuild.\"",
     "We will rebuild.", "said", "The mayor"},
    {"d", "The mayor told the farmers who came to the hall, \"The dam will hold.\"",
     "The dam will hold.", "told", "The mayor"},
    {"d", "The mayor told the council when asked about the dam: \"It will hold.\"",
     "It will hold.", "told", "The mayor"},
    /* a title without a determiner before the name after the cue */
    {"i", "The dam will hold, said engineer Ann Lee.", "The dam will hold", "said", "engineer Ann Lee"},
    {"i", "The dam will hold, says hydraulic engineer Ann Lee.", "The dam will hold", "says",
     "hydraulic engineer Ann Lee"},
    /* a quotation that ends its sentence, then speaker, cue, phrase */
    {"d", "\"Will the dam hold?\" Ann Lee asked about the flood.", "Will the dam hold?", "asked", "Ann Lee"},
    {"d", "\"The dam will hold.\" Ann Lee said in an interview.", "The dam will hold.", "said", "Ann Lee"},
    /* a date between the subject and its cue, a participle before it */
    {"i", "The survey released Friday found that the dam would hold.", "the dam would hold", "found",
     "The survey"},
    {"i", "The engineer Friday said the dam would hold.", "the dam would hold", "said", "The engineer"},
    /* "how" and "why" after a cue that takes a clause */
    {"i", "The engineer explained how the dam broke.", "how the dam broke", "explained", "The engineer"},
    /* asides between dashes, a title in quotation marks before "that" */
    {"i", "Engineers — and some mayors — say that the dam will hold.", "the dam will hold", "say",
     "Engineers"},
    {"i", "The engineer said — on the radio, as it happens — that the dam will hold.",
     "the dam will hold", "said", "The engineer"},
    {"i", "The engineer said on CBS's “Face the Nation” that the dam will hold.",
     "the dam will hold", "said", "The engineer"},
    /* "by" after an active verb with a subject is its channel */
    {"d", "\"The dam will hold,\" Ann Lee, now 81, said by telephone.", "The dam will hold,", "said",
     "Ann Lee"},
    {"i", "Ann Lee said by email that the dam will hold.", "the dam will hold", "said", "Ann Lee"},
    /* an adjective and its phrase after the subject's noun */
    {"i", "The dam will hold, officials familiar with the project said.", "The dam will hold", "said",
     "officials"},
    {"i", "Aides close to the mayor say the dam will hold.", "the dam will hold", "say", "Aides"},
    /* a phrase set off before the bare clause after the cue */
    {"i", "The engineer says, rain or shine, the dam will hold.", "rain or shine, the dam will hold",
     "says", "The engineer"},
    {"i", "The engineer says despite the rain, the dam will hold.", "despite the rain, the dam will hold",
     "says", "The engineer"},
    {"i", "The engineer said in a statement on Monday, the dam would hold.", "the dam would hold", "said",
     "The engineer"},
    /* a noun that is a cue word heads the subject after a modifier */
    {"i", "A safety report said the dam would hold.", "the dam would hold", "said", "A safety report"},
    /* "according to X" after a quotation, after a dash, and a long source */
    {"i", "The dam had 15 cracks — including two deep ones — according to the state inspectors.",
     "The dam had 15 cracks — including two deep ones", "according to", "the state inspectors"},
    {"i", "According to early results of a survey of engineers conducted for the state by a firm in "
     "Ohio, the dam will hold.", "the dam will hold", "According to",
     "early results of a survey of engineers conducted for the state by a firm in Ohio"},
    /* a weekday after a preposition between the cue and a bare clause;
     * "at least" opens a count, no phrase */
    {"i", "The engineer told the council on Monday the dam would hold.", "the dam would hold", "told",
     "The engineer"},
    {"i", "The engineer reported at least six cracks appeared overnight.",
     "at least six cracks appeared overnight", "reported", "The engineer"},
    {"i", "A source familiar with the mayor's thinking said the dam would hold.", "the dam would hold",
     "said", "A source"},
    /* a conjunction that opens the sentence is the author's */
    {"i", "And the dam will hold for years, the engineer said.", "the dam will hold for years", "said",
     "the engineer"},
    /* an opening prepositional phrase, then a clause: a statement */
    {"i", "In a dry year, the dam could fail before July, the engineer said.",
     "In a dry year, the dam could fail before July", "said", "the engineer"},
    {"i", "After the rains of last spring, the engineer said, the dam was weak.",
     "the dam was weak", "said", "the engineer"},
    /* a quotation split by its cue, past a participle after the
     * speaker, past "asked about …", past a short title, after the
     * comma that ends the speaker's apposition */
    {"d", "\"The dam held,\" the engineer said, pointing to the river. \"It will hold again.\"",
     "The dam held,\" the engineer said, pointing to the river. \"It will hold again.", "said",
     "the engineer"},
    {"d", "\"The dam held,\" the engineer said, asked about the flood. \"It will hold again.\"",
     "The dam held,\" the engineer said, asked about the flood. \"It will hold again.", "said",
     "the engineer"},
    {"d", "“The dam held,” she said, wearing the “Dams Are Forever” hat. “It will hold.”",
     "The dam held,” she said, wearing the “Dams Are Forever” hat. “It will hold.", "said", "she"},
    {"d", "\"The risk,\" said Ann Lee, an engineer who runs the dam, \"is the flood.\"",
     "The risk,\" said Ann Lee, an engineer who runs the dam, \"is the flood.", "said", "Ann Lee"},
    /* a verb that only closes quotations opens one after a comma */
    {"d", "She continued, “The dam will hold.”", "The dam will hold.", "continued", "She"},
    /* a quoted phrase in an opening participle's object is no split
     * quotation: the cue's content follows it */
    {"d", "Praising the dam's \"great strength,\" Ann Lee said, \"It will hold.\"", "It will hold.",
     "said", "Ann Lee"},
    /* past an addressee and an adverb, the quotation */
    {"d", "Ann Lee told the River Times news desk simply, \"It held.\"", "It held.", "told", "Ann Lee"},
    /* a participle's subject past the author's linking words */
    {"i", "And then Ann Lee went on the radio, saying the dam would hold.", "the dam would hold",
     "saying", "Ann Lee"},
    /* a headline "X to Y: …" */
    {"i", "Obama to Dam Builders: The Dam Will Hold", "The Dam Will Hold", ":", "Obama"},
    /* "according to X" after a quotation that ends in a comma */
    {"m", "The dam became “the pride of the valley,” according to Ann Lee.",
     "The dam became “the pride of the valley", "according to", "Ann Lee"},
    /* a naming verb's longer object before the quoted name */
    {"m", "The mayor called the engineer's plan for the river dam “a fantasy.”",
     "the engineer's plan for the river dam “a fantasy", "called", "The mayor"},
};

static void test_round3(void)
{
    expect_rows(round3, sizeof round3 / sizeof round3[0]);
    /* none of these attributes anything: an opening phrase alone is the
     * verb's; "how to" reports no question; a participle and its agent
     * that modify a noun; an object that no verb follows */
    static const char *const none[] = {
        "In the dry year of 2022, the engineer warned the council.",
        "The engineer explained how to fix the dam.",
        "The figures, confirmed by the engineer, show a rise.",
        "The mayor maintained close ties with builders in 2024.",
    };
    expect_none(none, sizeof none / sizeof none[0]);
    /* "adding that …" ends a split quotation and makes its own claim */
    ann_doc *d = annotate_text("\"The dam held,\" the engineer said, adding that it was old. \"It will hold again.\"");
    EXPECT(d, "The dam held,", DIR, "said", "the engineer");
    EXPECT(d, "it was old", IND, "adding", "the engineer");
    ann_doc_free(d);
    /* a quotation that opens the next paragraph goes on with the
     * statement, past the rest of the attribution's sentence; not past a
     * sentence of the author's */
    d = run("\"The dam held,\" the engineer said to loud cheers.\n\n\"It will hold again.\"\n");
    EXPECT(d, "The dam held,", DIR, "said", "the engineer");
    EXPECT(d, "It will hold again.", DIR, "said", "the engineer");
    ann_doc_free(d);
    d = annotate_text("\"The dam held,\" the engineer said to loud cheers. The crowd left. \"It will hold.\"");
    EXPECT(d, "The dam held,", DIR, "said", "the engineer");
    ann_doc_free(d);
    /* a quotation that opens a paragraph, its speaker after it past a
     * long apposition that opens with a title: no continuation of the
     * claim before */
    d = run("Others voiced doubts that the dam would hold.\n\n\"Nothing we do now would help,\" Ann "
            "Lee, director of the Dam Project at the hawkish River Institute, said in an interview.\n");
    EXPECT(d, "Nothing we do now would help,", DIR, "said", "Ann Lee");
    ann_doc_free(d);
    /* a quotation past another cue of its own is that cue's */
    d = annotate_text("The mayor said on Friday, as the chief warned, \"The dam will hold.\"");
    CHECK(!find(d, "The dam will hold.") || strcmp(text_of(d, find(d, "The dam will hold.")->cue), "said") != 0);
    ann_doc_free(d);
}

/* Constructions learned from the training split's misses (round 4), one
 * claim each: kind (d, i, m), text, content, cue, speaker. */
static const char *const round4[][5] = {
    /* a determiner that counts stands alone as the subject */
    {"i", "One engineer praised the dam, while another said it would fail.", "it would fail", "said",
     "another"},
    {"i", "Another says the dam will hold.", "the dam will hold", "says", "Another"},
    {"d", "\"The dam will hold,\" another said.", "The dam will hold,", "said", "another"},
    {"i", "Each said the dam would hold.", "the dam would hold", "said", "Each"},
};

static void test_round4(void)
{
    expect_rows(round4, sizeof round4 / sizeof round4[0]);
    /* none of these attributes anything: a cue word in its base form
     * after "another" is a noun; a participle after "those" */
    static const char *const none[] = {
        "The dam was discussed in another report about the river.",
        "The permit is revoked for those demonstrating anger at the dam.",
    };
    expect_none(none, sizeof none / sizeof none[0]);
    /* an interview's labels of one capital letter, a transcript's of two
     * words in capitals; a lone label is an editor's note */
    ann_doc *d = run("Q: Will the dam hold?\n\nA: It will hold for years.\n");
    EXPECT(d, "Will the dam hold", IND, ":", "Q");
    EXPECT(d, "It will hold for years", IND, ":", "A");
    ann_doc_free(d);
    d = run("ANN LEE: The dam will hold.\n\nJOE DOE: For how long?\n");
    EXPECT(d, "The dam will hold", IND, ":", "ANN LEE");
    ann_doc_free(d);
    d = run("The dam is old.\n\nA: the dam held in 1990.\n");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    /* a headline "X: …" whose X ends in a noun that names a source, a
     * cue word too; not a credit line that names a name, not a line of
     * a longer paragraph */
    d = run("River council: The dam will hold for years\n\nBody.\n");
    EXPECT(d, "The dam will hold for years", IND, ":", "River council");
    ann_doc_free(d);
    d = run("Report: Dam to close for repairs\n\nBody.\n");
    EXPECT(d, "Dam to close for repairs", IND, ":", "Report");
    ann_doc_free(d);
    d = run("The dam\n\nThe dam is old.\n\nSource: River Times\n");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    d = run("The dam\n\nThe dam is old and\nPoll: the dam is loved.\n");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
}

/* A whole document, its first line its title, through the pipeline. */
static ann_doc *annotate_all(const char *text)
{
    char *t = ann_xstrdup(text);
    ann_doc *d = ann_doc_new("t", "t.txt", t, strlen(t));
    ann_annotate(engine, d);
    return d;
}

/* Round 5, read from polnear_train's errors: each case a sentence of
 * the shape found there, with its kind, content, cue and speaker. */
static const char *const round5[][5] = {
    /* "said P and that Q", "says P but that Q": one statement in two
     * clauses is one claim; with a quotation in either, two (above) */
    {"i", "Reid told reporters that he had spoken to the secretary and that the "
          "deportations would pause.",
     "he had spoken to the secretary and that the deportations would pause", "told", "Reid"},
    {"i", "Rubio says he opposes gun violence but that the president’s plans won’t help "
          "prevent it.",
     "he opposes gun violence but that the president’s plans won’t help prevent it", "says",
     "Rubio"},
    /* a relative pronoun the subject of the clause after the cue: the
     * clause is the content, the relative clause's subject the speaker */
    {"i", "The policy changes, which officials said will go into effect in the next few "
          "months, will not apply to all.",
     "will go into effect in the next few months", "said", "officials"},
    {"i", "The sailors were released, displaying what many analysts said was a sign of "
          "improving relations.",
     "was a sign of improving relations", "said", "many analysts"},
    /* a year or a count inside the speaker after the cue */
    {"d", "“She didn’t like that,” said a 2008 Clinton veteran. “She cut down the prep "
          "time.”",
     "She didn’t like that,” said a 2008 Clinton veteran. “She cut down the prep time.",
     "said", "a 2008 Clinton veteran"},
    {"d", "“We will win,” said 2012 nominee Mitt Romney.", "We will win,", "said",
     "2012 nominee Mitt Romney"},
    /* a naming verb's object may hold a cue word after a possessive */
    {"m", "Ryan called Trump’s remarks about a judge “racist,” an extraordinary rebuke.",
     "Trump’s remarks about a judge “racist", "called", "Ryan"},
    /* "…, said X, director of …": the comma after an inverted speaker
     * opens an apposition that ends the sentence; "…, argued X, meant
     * little" goes on */
    {"i", "The race will be tight, said Dan Gerstein, director of Gotham Ghostwriters.",
     "The race will be tight", "said", "Dan Gerstein"},
    {"i", "The program is hardly formal, but it has a loyal following, said Ms. Gil, who "
          "runs it.",
     "The program is hardly formal, but it has a loyal following", "said", "Ms. Gil"},
    {"i", "Even his access to Putin, argued Kyslytsya, meant little in practice.",
     "Even his access to Putin, argued Kyslytsya, meant little in practice", "argued",
     "Kyslytsya"},
    /* "shot back" closes a quotation; "implied" takes a bare clause */
    {"d", "“Jeb wants to be a tough guy tonight,” Trump shot back.",
     "Jeb wants to be a tough guy tonight,", "shot back", "Trump"},
    {"i", "He implied a federal judge was biased because of his heritage.",
     "a federal judge was biased because of his heritage", "implied", "He"},
    /* "for weeks" between a cue and its bare clause */
    {"i", "Cruz has said for weeks he is the only candidate who can beat Trump.",
     "he is the only candidate who can beat Trump", "said", "Cruz"},
    /* a plural cue word right before a verb cue that agrees is a noun */
    {"i", "More than 40 percent of that money arrived in February, new fundraising reports "
          "show.",
     "More than 40 percent of that money arrived in February", "show",
     "new fundraising reports"},
    /* "In <a poll>, …": the poll the source of the clause after its
     * comma; when a cue of the sentence attributes it, that cue */
    {"i", "In an early-October CBS News poll, she led Mr. Sanders 56 percent to 32 percent.",
     "she led Mr. Sanders 56 percent to 32 percent", "In", "an early-October CBS News poll"},
    {"i", "In the same poll, most Republicans said they backed the ban.",
     "they backed the ban", "said", "most Republicans"},
    /* a quotation that ends its sentence, attributed by "X said to
     * <a name or a noun phrase>." in the next */
    {"d", "“Sometimes us ex-diplomats need our fix!” Clinton said to People.",
     "Sometimes us ex-diplomats need our fix!", "said", "Clinton"},
    {"d", "\"How do you control these banks?\" Trump said to a crowd of about 500.",
     "How do you control these banks?", "said", "Trump"},
    /* a subject pronoun's clause after a verb of saying whose subject is
     * too far for the walk: the sentence's subject speaks */
    {"i", "Tom Emanuel of Laconia stood at a Bush event here to say he was leaning toward "
          "Mr. Trump.",
     "he was leaning toward Mr. Trump", "say", "Tom Emanuel of Laconia"},
    /* a subordinate clause and its comma before the bare clause */
    {"i", "Beck said if Trump wins, he would impose a dictatorship.",
     "if Trump wins, he would impose a dictatorship", "said", "Beck"},
    /* "…, according to X, …" inside a clause that goes on after it */
    {"i", "Among the precedents at risk, according to Ms. Epstein, are 16 involving business "
          "activity.",
     "Among the precedents at risk, according to Ms. Epstein, are 16 involving business "
     "activity", "according to", "Ms. Epstein"},
    /* after an opening clause and its comma, a cue with an addressee and
     * a clause of its own after it */
    {"i", "While he was in jail, immigration officials told him he had never been a citizen.",
     "he had never been a citizen", "told", "immigration officials"},
    /* a headline in title case whose verb is an irregular past */
    {"i", "After Obama’s Speech, Trump Said The 11 Words Everyone Was Thinking\n\nBody.",
     "The 11 Words Everyone Was Thinking", "Said", "Trump"},
    /* an opening participle's phrase before "…, according to X" */
    {"i", "Boasting 108,000 residents, the county leaners seem enamored with Trump, "
          "according to Politico.",
     "the county leaners seem enamored with Trump", "according to", "Politico"},
    /* "raise" (class R) states a position with a matter raised for object */
    {"i", "Putin raised the possibility of Ukraine obtaining security guarantees.",
     "the possibility of Ukraine obtaining security guarantees", "raised", "Putin"},
};

/* Round 6, from the training split's misses: a date and "earlier" between
 * a subject and its verb; a speaker's noun no list holds with its "of"
 * phrase, a noun in -ly, a compound modifier. */
static const char *const round6[][5] = {
    {"i", "Gowdy earlier Thursday said the committee has conducted 75 interviews.",
     "the committee has conducted 75 interviews", "said", "Gowdy"},
    {"i", "Gowdy last week said the committee has conducted 75 interviews.",
     "the committee has conducted 75 interviews", "said", "Gowdy"},
    {"i", "Even the organizer of a pro-Trump rally said the city's rules increased the risk.",
     "the city's rules increased the risk", "said", "the organizer of a pro-Trump rally"},
    {"i", "A member of the family suggested they tweet a picture.",
     "they tweet a picture", "suggested", "A member of the family"},
    /* a cue's participle after "X said," is X's next act; a clause before
     * a speaker's predicate after its appositive is the subject's */
    {"i", "The plan will fail, Fiorina said, adding that it was bad.",
     "The plan will fail", "said", "Fiorina"},
    {"i", "The plan will fail, Fiorina said, adding that it was bad.",
     "it was bad", "adding", "Fiorina"},
    {"i", "Bush, the former governor, met Trump, calling him a loser.",
     "him a loser", "calling", "Bush"},
    /* a colon before a word in lower case goes on with the clause */
    {"i", "Mexican officials now say they have chosen a new strategy: to stand up for Mexicans.",
     "they have chosen a new strategy: to stand up for Mexicans", "say", "Mexican officials"},
};

static void test_round6(void)
{
    expect_rows(round6, sizeof round6 / sizeof round6[0]);
    /* "think" in "think tank" is no verb */
    static const char *const none[] = {
        "She works at a conservative think tank that receives funding from the military.",
        "He heads a Washington think tank that opposes the war.",
        "Last week said nothing about it.",
    };
    expect_none(none, sizeof none / sizeof none[0]);
    /* the rest of a clause the attribution splits: a participle that is
     * no cue, a gerund that opens the rest's subject */
    ann_doc *d = annotate_text("The emails were on many topics, the Times said, including speeches.");
    CHECK(find(d, "The emails were on many topics, the Times said, including speeches") != NULL);
    ann_doc_free(d);
    d = annotate_text("That transition was seamless, he said, replacing Clinton would be harder.");
    CHECK(find(d, "That transition was seamless") == NULL);
    ann_doc_free(d);
}

/* Round 13, from reading polnear_train's errors: one row per rule, in
 * the shape of round5 (kind, text, content, cue, speaker). */
static const char *const round13[][5] = {
    /* the subject with its aside stays the speaker where a clause or a
     * date follows the verb */
    {"i", "The official, speaking anonymously, said the FBI had secured his cooperation.",
     "the FBI had secured his cooperation", "said", "The official"},
    {"d", "“The veto will be overridden,” Mitch McConnell, R-Ky., said Tuesday.",
     "The veto will be overridden,", "said", "Mitch McConnell"},
    /* after a show's title the sentence's own verb has the subject for
     * speaker; the clause after "according to X," is its claim (the
     * texts of round13_not below) */
    {"i", "Sam Solovey, a contestant on Trump's reality TV show, \"The Apprentice,\" who went on "
          "to run a firm, said his boss was kind.",
     "his boss was kind", "said", "Sam Solovey"},
    {"i", "According to the FBI summary, Mills asked the employee to delete emails.",
     "Mills asked the employee to delete emails", "According to", "the FBI summary"},
    /* "…, said X, an apposition.": an inverting verb after a comma whose
     * speaker follows it; the sentence before the comma is the content,
     * not a subject with an aside before the verb */
    {"i", "That would create a summer of agony for Clinton, forcing her to fend off both "
          "Trump and Sanders, said Brad Bannon, a Democratic pollster.",
     "That would create a summer of agony for Clinton, forcing her to fend off both Trump "
     "and Sanders",
     "said", "Brad Bannon"},
    {"i", "Cruz also lacks support from his colleagues in Congress, whom he has alienated, "
          "said Larry Sabato, director of the Center for Politics.",
     "Cruz also lacks support from his colleagues in Congress, whom he has alienated", "said",
     "Larry Sabato"},
    /* an addressee the speaker lexicon does not know, with its phrases,
     * after "told", or after "to" for a verb of saying: "that" opens the
     * content, the addressee is none of it */
    {"i", "Ben Carson told a crowded banquet hall at a hotel in downtown Baltimore that he is "
          "not giving up.",
     "he is not giving up", "told", "Ben Carson"},
    {"i", "Sanders complained to CBS News’ Charlie Rose that linking him to the massacre was "
          "unfair.",
     "linking him to the massacre was unfair", "complained", "Sanders"},
    {"i", "The American Legion wrote to Sanders’ Senate office that it did not have permission.",
     "it did not have permission", "wrote", "The American Legion"},
    /* "defended" states a position as "praised" does, its object the
     * content, with "as" its complement ("defended the comments as …") */
    {"i", "Hillary Clinton defended her record as secretary of state.",
     "her record as secretary of state", "defended", "Hillary Clinton"},
    /* a poll or a survey states its findings in the object of "showed"
     * and "found" (class F) */
    {"i", "A Quinnipiac University poll showed a slimmer lead for Clinton.",
     "a slimmer lead for Clinton", "showed", "A Quinnipiac University poll"},
    {"i", "The April survey found Clinton leading Sanders by seven points.",
     "Clinton leading Sanders by seven points", "found", "The April survey"},
    /* a count or a quantifier with "of" heads the speaker after an
     * inverting verb, as before a verb */
    {"d", "“There won't be a path for Bernie to succeed,” said one of those advisers.",
     "There won't be a path for Bernie to succeed,", "said", "one of those advisers"},
    {"i", "The race is over, said some of the advisers.", "The race is over", "said",
     "some of the advisers"},
    /* "hopes", "doubts", "suspects" take a bare clause as "believes"
     * does, with "that" or without */
    {"i", "Christie hopes his latest celebrity endorsement will give him the boost he needs.",
     "his latest celebrity endorsement will give him the boost he needs", "hopes", "Christie"},
    {"i", "Many experts suspect those losses were generated in part by tax breaks.",
     "those losses were generated in part by tax breaks", "suspect", "Many experts"},
    /* a longer aside between dashes, with commas and verbs of its own,
     * between the subject and its verb */
    {"i", "Joyce — who is listed as an attorney in Illinois but doesn’t actively practice "
          "law — told The Huffington Post he’s not planning an appeal.",
     "he’s not planning an appeal", "told", "Joyce"},
    {"i", "Democratic leaders — and, in particular, Senate Minority Leader Harry Reid — "
          "insisted that any package include a delay.",
     "any package include a delay", "insisted", "Democratic leaders"},
};

/* Round 13's texts where a stretch is no claim: a show's title after
 * "show", a clause between dashes that is the content of the verb before
 * it, an "according to X" phrase before its clause's comma, a relative
 * "that" after an addressee. */
static const char *const round13_not[][2] = {
    {"Sam Solovey, a contestant on Trump's reality TV show, \"The Apprentice,\" who went on "
     "to run a firm, said his boss was kind.",
     "The Apprentice,"},
    {"What Merkel said in her memoirs—that the agreements served to give Ukraine time to "
     "prepare—suggests that leaders knew it.",
     "leaders knew it"},
    {"According to the FBI summary, Mills asked the employee to delete emails.",
     "According to the FBI summary"},
    {"The latest hiccup added to the drama that has surrounded the campaign.",
     "has surrounded the campaign"},
};

static void test_round13(void)
{
    expect_rows(round13, sizeof round13 / sizeof round13[0]);
    for (size_t k = 0; k < sizeof round13_not / sizeof round13_not[0]; k++) {
        ann_doc *d = annotate_text(round13_not[k][0]);
        if (find(d, round13_not[k][1]))
            fprintf(stderr, "   in: %s\n", round13_not[k][0]);
        CHECK(find(d, round13_not[k][1]) == NULL);
        ann_doc_free(d);
    }
    /* none of these attributes anything: the title after a late night
     * "show"; "to" opens an infinitive or a phrase, never a bare clause;
     * the object of "found" states nothing when no poll found it; the
     * forms a war's news uses of a fight are no cues */
    static const char *const none[] = {
        "Lopez spoke about the end of his TBS late night show “Lopez Tonight.”",
        "Fields did not reply to a request for comment Tuesday.",
        "A plurality of refugees admitted to the United States from all destinations are "
        "Christian.",
        "Mr. Romney found a way to win.",
        "Ukraine is defending its territory, and troops defend the city.",
    };
    expect_none(none, sizeof none / sizeof none[0]);
    /* a count before "of" still opens a subject that a participle's
     * claim takes for its speaker */
    ann_doc *d = annotate_text("Hundreds of pro-Sanders demonstrators marched through Center "
                               "City on Monday, chanting \"Bernie or Jill, No Hill,\" raising "
                               "fresh questions.");
    CHECK(find(d, "Bernie or Jill, No Hill,") != NULL);
    ann_doc_free(d);
}

/* Round 14, from the training split's misses: one claim each, kind (d,
 * i, m), text, content, cue, speaker. */
static const char *const round14[][5] = {
    /* a split quotation goes on past a cue in the attribution's sentence
     * and past an abbreviation that holds the sentence's period */
    {"d", "\"We will win,\" Trump said at his party, two hours after the networks "
          "declared him the victor. \"You will be so happy.\"",
     "We will win,\" Trump said at his party, two hours after the networks declared him "
     "the victor. \"You will be so happy.", "said", "Trump"},
    {"d", "\"She seemed more transparent,\" said Rachel Woolard, 20, of Jacksonville, Fla. "
          "\"He has the politician's approach.\"",
     "She seemed more transparent,\" said Rachel Woolard, 20, of Jacksonville, Fla. \"He "
     "has the politician's approach.", "said", "Rachel Woolard"},
    /* an object ends where a second verb of its speaker opens a verb
     * phrase; an adjective in -ed before its noun is no such verb */
    {"i", "Trump defended his mother and refused to repudiate the senators.", "his mother",
     "defended", "Trump"},
    {"i", "Smith criticized the rigged and biased system.", "the rigged and biased system",
     "criticized", "Smith"},
    /* a naming verb's object and one word, an adjective, that names it;
     * a reflexive object */
    {"i", "Sen. Bernie Sanders called him divisive and accused him of lying.", "him divisive",
     "called", "Sen. Bernie Sanders"},
    {"i", "Sanders calls himself a democratic socialist.", "himself a democratic socialist",
     "calls", "Sanders"},
    {"i", "Many Iowa voters called themselves very conservative.",
     "themselves very conservative", "called", "Many Iowa voters"},
    /* "reported" in the past: its object states what was reported */
    {"i", "The online retail giant reported a profit of $1.78 per share.",
     "a profit of $1.78 per share", "reported", "The online retail giant"},
    /* verbs of manner of speaking and of complaint */
    {"i", "Trump bragged that he would win Iowa.", "he would win Iowa", "bragged", "Trump"},
    {"i", "Sanders railed against the trade deal.", "the trade deal", "railed against",
     "Sanders"},
    {"d", "“If they were serious, they would have gone to the bill,” Toomey fumed on Tuesday.",
     "If they were serious, they would have gone to the bill,", "fumed", "Toomey"},
    /* a person or a pronoun that opens the clause, a verb phrase with no
     * cue, a colon, and a quotation that ends the sentence */
    {"d", "Donald Trump spoke in Ohio. Trump leaned in and boomed: “Let’s defeat her.”",
     "Let’s defeat her.", "leaned in and boomed:", "Trump"},
    {"d", "She addressed the supporters again: “We will win.”", "We will win.",
     "addressed the supporters again:", "She"},
    /* a retweet: its object is the message passed on */
    {"i", "Scarborough retweeted the message.", "the message", "retweeted", "Scarborough"},
    /* "chided" criticizes */
    {"i", "Sanders chided Clinton for her vote.", "Clinton for her vote", "chided", "Sanders"},
    /* a clause ends at ", but" and a pronoun that opens the author's own */
    {"i", "Clinton said she will not call on Mr. Sanders to withdraw, but she has bristled at "
          "the idea.",
     "she will not call on Mr. Sanders to withdraw", "said", "Clinton"},
    {"i", "Rubio said the real extremist is Clinton, and he railed against the moderators.",
     "the real extremist is Clinton", "said", "Rubio"},
    {"i", "Clinton assured him it was done without his knowledge, but Mr. Obama was furious.",
     "it was done without his knowledge", "assured", "Clinton"},
    {"i", "Peskov said the teams were halfway there, but there were nuances.",
     "the teams were halfway there, but there were nuances", "said", "Peskov"},
};

static void test_round14(void)
{
    expect_rows(round14, sizeof round14 / sizeof round14[0]);
    /* a cue in the rest before a comma keeps the quotation after it */
    ann_doc *d = annotate_text("\"It is over,\" Smith said, as Jones told reporters, \"It "
                               "is not.\"");
    CHECK(find(d, "It is over,") != NULL);
    ann_doc_free(d);
    /* no name is given by a time after the object */
    static const char *const none[] = {"She called them yesterday.",
                                       "Toxic fumes filled the room after the fire.",
                                       "It was simple: “Win.”",
                                       "The plan was simple: “Win.”"};
    expect_none(none, sizeof none / sizeof none[0]);
}

/* Round 15, from the training split's misses: one claim each, kind (d,
 * i, m), text, content, cue, speaker. */
static const char *const round15[][5] = {
    /* a relative pronoun the subject of a verb in the past right after
     * the cue: the relative clause's subject speaks */
    {"i", "Clinton gave the emails to the State Department, which she said represented all "
          "her work-related emails.",
     "represented all her work-related emails", "said", "she"},
    {"i", "He touted the tax cuts that he said improved the economy of Indiana.",
     "improved the economy of Indiana", "said", "he"},
    /* a quotation that a determiner opens and a phrase completing its
     * noun goes on: the noun phrase, not the quotation alone */
    {"m", "Clinton blamed the “fog of war” for the failure of the U.S. to aid the employees.",
     "the “fog of war” for the failure of the U.S. to aid the employees", "blamed", "Clinton"},
    {"m", "Deutch said the “old model” of private golf clubs is in decline.",
     "the “old model” of private golf clubs is in decline", "said", "Deutch"},
    {"d", "Putin mentioned the “Anchorage terms” in his conditions.", "Anchorage terms",
     "mentioned", "Putin"},
    /* a cue word that ends a name in a phrase after the cue ("Press",
     * "Post") is no verb that stops the walk to "that" */
    {"i", "Ginsburg said in an interview with The Associated Press last week that she did not "
          "want it.",
     "she did not want it", "said", "Ginsburg"},
    /* "about" or "around" before a number opens a count, the subject of
     * a bare clause, not a phrase to step over */
    {"i", "The budget office said about half of the adjustment reflected revenue losses.",
     "about half of the adjustment reflected revenue losses", "said", "The budget office"},
    {"i", "McAuliffe has said about 20 people have indicated an interest in the seat.",
     "about 20 people have indicated an interest in the seat", "said", "McAuliffe"},
    /* "As reported by X," opening the sentence: X's claim is the clause
     * after the comma, and no cue in that clause takes the opener */
    {"i", "As reported by Western Journalism, last year Seattle became the first major city "
          "to mandate a $15 minimum wage.",
     "last year Seattle became the first major city to mandate a $15 minimum wage", "reported",
     "Western Journalism"},
    {"i", "As reported by Western Journalism, investigators found over 2,200 emails containing "
          "classified information.",
     "investigators found over 2,200 emails containing classified information", "reported",
     "Western Journalism"},
    /* a verb that takes an addressee, in the passive or as a participle
     * opening its clause, with its agent: the agent asks or tells */
    {"i", "Rubio was asked by Fox Business moderator Gerard Baker whether his plan was "
          "conservative.",
     "whether his plan was conservative", "asked", "Fox Business moderator Gerard Baker"},
    {"i", "Asked by Matt Lauer whether she had practiced her speech, she smiled.",
     "whether she had practiced her speech", "Asked", "Matt Lauer"},
    {"i", "When asked by a reporter on Thursday if that remains his view, he nodded.",
     "if that remains his view", "asked", "a reporter"},
    {"i", "He was told by officials that the plan had failed.", "the plan had failed", "told",
     "officials"},
    /* a relative clause without its pronoun after a noun inside the
     * sentence, its subject missing after the cue; and "whom" */
    {"i", "It was the inquiry into the breach — a probe the agency said was ongoing this month.",
     "was ongoing this month", "said", "the agency"},
    {"i", "He refused to endorse her, a step they believe could help unify the party.",
     "could help unify the party", "believe", "they"},
    {"i", "Canova attacked Wasserman Schultz, whom many progressives believed was tilting the "
          "primary.",
     "was tilting the primary", "believed", "many progressives"},
    /* a bare clause whose predicate is quoted after its subject */
    {"m", "Dayton says caucuses “are such an unknown” because many things can come up.",
     "caucuses “are such an unknown” because many things can come up", "says", "Dayton"},
    /* a naming verb whose object is "what" or "which" before its
     * subject: the name given is the content, a noun phrase */
    {"i", "Sanders is fighting what he calls corruption in politics.", "corruption in politics",
     "calls", "he"},
    {"i", "He touted his wins in Florida, which he describes as his second home.",
     "his second home", "describes", "he"},
    {"i", "The shooting, in what officials called a hate crime, shocked the city.",
     "a hate crime", "called", "officials"},
    /* "predict" states a position by its object too; a verb that takes
     * a clause as well reads the clause first, past a comma */
    {"i", "Patrick predicted a Cruz win in Texas.", "a Cruz win in Texas", "predicted",
     "Patrick"},
    {"i", "The IMF predicted Russia's economy would grow by 3.2%, faster than the US.",
     "Russia's economy would grow by 3.2%, faster than the US", "predicted", "The IMF"},
    /* a speaker after its cue with a relative clause that ends the
     * sentence: the clause before the comma is the content */
    {"i", "Mr. Obama warned the Chinese leader not to move, said an American official who was "
          "briefed on the talks.",
     "Mr. Obama warned the Chinese leader not to move", "said", "an American official"},
    {"i", "The plan will fail, said an official who spoke anonymously.", "The plan will fail",
     "said", "an official"},
    {"i", "Lewandowski said the staff member who succeeded him, Paul Manafort, should be fired.",
     "the staff member who succeeded him, Paul Manafort, should be fired", "said",
     "Lewandowski"},
    /* "point to" cites what backs a position, as "cite" does */
    {"i", "As proof, she pointed to attacks on her campaign funded by two billionaires.",
     "attacks on her campaign funded by two billionaires", "pointed to", "she"},
    {"i", "Critics point to Saudi charities that fund militant cells.",
     "Saudi charities that fund militant cells", "point to", "Critics"},
    /* verb phrases of criticism, and "make the case" that */
    {"i", "Rubio was taking aim at his past support for Justice Sonia Sotomayor.",
     "his past support for Justice Sonia Sotomayor", "taking aim at", "Rubio"},
    {"i", "Mr. Sanders took issue with recent criticism of his policy.",
     "recent criticism of his policy", "took issue with", "Mr. Sanders"},
    {"i", "Davis lashed out at the GOP nominee.", "the GOP nominee", "lashed out at", "Davis"},
    {"i", "Obama will make the case that Clinton is qualified.", "Clinton is qualified",
     "make the case", "Obama"},
    /* verbs whose object states or cites a position */
    {"i", "Arpaio vouched for Trump's proposal to build a wall.",
     "Trump's proposal to build a wall", "vouched for", "Arpaio"},
    {"i", "Mr. Rubio quickly distanced himself from the bill.", "the bill",
     "distanced himself from", "Mr. Rubio"},
    {"i", "Sanders has made no secret of his frustration with the title.",
     "his frustration with the title", "made no secret of", "Sanders"},
    {"i", "Crowley was alluding to the chair's rumored ambitions.", "the chair's rumored ambitions",
     "alluding to", "Crowley"},
    /* an adjective's cue after "be": no passive, its subject speaks */
    {"i", "Republicans have been critical of Clinton’s use of personal email.",
     "Clinton’s use of personal email", "critical of", "Republicans"},
    {"i", "Earlier Sunday, Trump was critical of Obama’s leadership.", "Obama’s leadership",
     "critical of", "Trump"},
    /* an adjective of thought with a "that" clause */
    {"i", "Some Clinton backers are concerned that momentum could carry him.",
     "momentum could carry him", "concerned", "Some Clinton backers"},
    {"i", "Trump allies were hopeful Tuesday that the problems would be forgotten.",
     "the problems would be forgotten", "hopeful", "Trump allies"},
    {"i", "Her father worried that too many voters limit the news they read.",
     "too many voters limit the news they read", "worried", "Her father"},
    /* agreement, warnings of a danger, and a message tweeted */
    {"i", "Former President Bill Clinton agreed with the analysis.", "the analysis",
     "agreed with", "Former President Bill Clinton"},
    {"i", "Doctors warned of the risk of an outbreak.", "the risk of an outbreak", "warned of",
     "Doctors"},
    {"i", "Clinton tweeted congratulations to Sanders.", "congratulations to Sanders", "tweeted",
     "Clinton"},
    /* more phrases of criticism and rejection */
    {"i", "Rubio pushed back on those claims.", "those claims", "pushed back on", "Rubio"},
    {"i", "City officials have since balked at the owner's proposal to build a hotel.",
     "the owner's proposal to build a hotel", "balked at", "City officials"},
    {"i", "Clinton ripped into Sanders for a range of policy positions.",
     "Sanders for a range of policy positions", "ripped into", "Clinton"},
    /* phrases of holding to, retracting or opposing a position */
    {"i", "Trump doubled down on his comments about Curiel.", "his comments about Curiel",
     "doubled down on", "Trump"},
    {"i", "A Clinton campaign official later walked back the comments.", "the comments",
     "walked back", "A Clinton campaign official"},
    {"i", "Hillary Clinton came out against the Cadillac tax.", "the Cadillac tax",
     "came out against", "Hillary Clinton"},
    {"i", "Ted Cruz apologized for his campaign's suggestion that Carson was out.",
     "his campaign's suggestion that Carson was out", "apologized for", "Ted Cruz"},
    {"i", "Clinton talked up her 50-state strategy.", "her 50-state strategy", "talked up",
     "Clinton"},
    /* a count that opens the content before ", X said" */
    {"i", "About 270 people have been resettled, officials said.",
     "About 270 people have been resettled", "said", "officials"},
    /* one word that names a matter raised is a content of its own */
    {"i", "Clinton has expressed concerns.", "concerns", "expressed", "Clinton"},
    /* "reference" cites as "point to" does */
    {"i", "Gowdy referenced a 2015 inspector general's report on email retention.",
     "a 2015 inspector general's report on email retention", "referenced", "Gowdy"},
    /* a cue word after a preposition or a determiner is a noun, no verb
     * that stops the walk from a cue to its quotation */
    {"d", "Clinton said on Twitter, in answer to her critics, “We will win.”", "We will win.",
     "said", "Clinton"},
    /* "at one point" is a phrase of time, its "point" no cue */
    {"d", "Cruz mocked him, saying at one point, “The answer is not simply to yell.”",
     "The answer is not simply to yell.", "saying", "Cruz"},
    /* "polling" names a source of findings without a determiner */
    {"i", "Exit polling showed that Clinton won every group except voters under 30.",
     "Clinton won every group except voters under 30", "showed", "Exit polling"},
    {"i", "But the same polling suggests that Mr. Trump could do well.", "Mr. Trump could do well",
     "suggests", "the same polling"},
    {"m", "He said immigration reform \"is a question of when.\"",
     "immigration reform \"is a question of when", "said", "He"},
};

static void test_round15(void)
{
    expect_rows(round15, sizeof round15 / sizeof round15[0]);
    ann_doc *d = annotate_text("As reported by Western Journalism, investigators found over "
                               "2,200 emails.");
    CHECK(find(d, "reported by Western Journalism") == NULL);
    ann_doc_free(d);
    /* a phrase that opens the sentence: its verb follows the cue; a
     * noun cue before an auxiliary is a noun still */
    static const char *const none[] = {"The first thing he said was that he loves her.",
                                       "The account Trump retweeted was set up as a trap.",
                                       "The four “loopholes” he cited are “the ability to lose.”",
                                       "The AP report was misleading.",
                                       "It named four cases in which Kaine defended people.",
                                       "He stopped at one point to wave to his family.",
                                       "That is Ukraine's official reference point for talks.",
                                       "Voters were worried about the economy.",
                                       "The remark worried some analysts."};
    expect_none(none, sizeof none / sizeof none[0]);
}

/* Constructions learned from the training split's misses (round 16),
 * one claim each: kind (d, i, m), text, content, cue, speaker. */
static const char *const round16[][5] = {
    /* "'s" after "he", "she", "who" is "is" or "has", no possessive: the
     * pronoun is the subject of the verb after it */
    {"i", "While he's said he will fight on, the senator must decide.", "he will fight on",
     "said", "he"},
    {"i", "She's been arguing that the talks failed.", "the talks failed", "arguing", "She"},
    /* a mixed content split by its cue goes on in the quotation after
     * it, as a direct one does */
    {"m", "The deal “looks out for the funds first,” the senator wrote. “That is unacceptable.”",
     "The deal “looks out for the funds first,” the senator wrote. “That is unacceptable",
     "wrote", "the senator"},
    /* a cue in the infinitive of a verb or adjective of class chain has
     * its subject for speaker */
    {"i", "Republicans continue to warn that the deal was a mistake.", "the deal was a mistake",
     "warn", "Republicans"},
    {"i", "Sexton was quick to point out that not all supporters agreed.",
     "not all supporters agreed", "point out", "Sexton"},
    {"i", "She has tried to argue that the plan works.", "the plan works", "argue", "She"},
    /* the examples after an object's comma belong to it */
    {"i", "Rendell blamed several factors, including budget cuts and the rise of protests.",
     "several factors, including budget cuts and the rise of protests", "blamed", "Rendell"},
    /* a phrase of the verb's own, then a clause a subject pronoun opens */
    {"i", "The group said in a statement Thursday night it would appeal the ruling.",
     "it would appeal the ruling", "said", "The group"},
    /* cues.tsv classes: a bare clause after "revealed", "indicated",
     * "hinted", "disclosed"; the object of "laments" states a position */
    {"i", "She revealed her husband had taken her last name.", "her husband had taken her last name",
     "revealed", "She"},
    {"i", "The pope laments a throwaway culture.", "a throwaway culture", "laments", "The pope"},
    /* a relative clause after a subject of one word that opens the
     * sentence */
    {"i", "Republicans who oppose the plan warned that the talks failed.", "the talks failed",
     "warned", "Republicans who"},
    /* a day that a possessive follows opens the clause, it is no
     * adverb to step over */
    {"i", "Hawkins said Monday's decision will make the choice more stark.",
     "Monday's decision will make the choice more stark", "said", "Hawkins"},
    /* a participle and its agent set off by commas after the subject */
    {"i", "The aides, led by campaign manager Terry Sullivan, told the group that they would not "
          "win Iowa.",
     "they would not win Iowa", "told", "The aides"},
    /* a name's short parenthesis, then a date or a phrase of time */
    {"i", "Feinstein (D-Calif.) last week said Clinton was not the originator.",
     "Clinton was not the originator", "said", "Feinstein"},
    {"i", "Feinstein (D-Calif.) on Monday said Clinton was not the originator.",
     "Clinton was not the originator", "said", "Feinstein"},
    /* "that" with a verb right after it is the clause's subject */
    {"i", "Some advocates said that overlooked the potential benefits.",
     "that overlooked the potential benefits", "said", "Some advocates"},
    {"i", "He said that was a mistake.", "that was a mistake", "said", "He"},
    {"i", "The poll, released Tuesday, found that Clinton leads in Ohio.", "Clinton leads in Ohio",
     "found", "The poll"},
    /* a negated infinitive after the addressee of "urged", "warned" */
    {"i", "Obama warned Republicans not to block the nominee.", "not to block the nominee",
     "warned", "Obama"},
    /* a colon goes on with the content before a word on its line */
    {"i", "Many Latinos said it falls flat for one reason: The pride he feels is not shared.",
     "it falls flat for one reason: The pride he feels is not shared", "said", "Many Latinos"},
};

static void test_round16(void)
{
    expect_rows(round16, sizeof round16 / sizeof round16[0]);
    /* "it's said" is a passive with no source; a wish or a refusal to
     * say states nothing */
    static const char *const none[] = {"It's said that the talks failed.",
                                       "He declined to say that the plan works.",
                                       "He wants to say that the plan works."};
    expect_none(none, sizeof none / sizeof none[0]);
    /* a speech act after a modal inside a reported statement is a
     * supposed one: the statement alone is the claim */
    ann_doc *d = annotate_text("She said many voters would think that he lied.");
    CHECK_INT(d->nclaims, 1);
    EXPECT(d, "many voters would think that he lied", IND, "said", "She");
    ann_doc_free(d);
    /* ... and inside a quotation; in an infinitive, or in a question,
     * the act is not reported either; after a word of class chain it is */
    static const char *const one[] = {
        "“Voters will say that he lied,” she said.",
        "She said the timing led Republicans to say that Democrats were hiding her.",
        "“Does she know how much they make? I make $20 an hour,” he said."};
    expect_count(one, sizeof one / sizeof one[0], 1);
    d = annotate_text("She said Republicans continue to warn that the deal was a mistake.");
    EXPECT(d, "the deal was a mistake", IND, "warn", "Republicans");
    ann_doc_free(d);
    /* and after a negation: a denied act */
    d = annotate_text("She said he never claimed that the talks failed.");
    CHECK_INT(d->nclaims, 1);
    EXPECT(d, "he never claimed that the talks failed", IND, "said", "She");
    ann_doc_free(d);
}

static void test_round5(void)
{
    expect_rows(round5, sizeof round5 / sizeof round5[0]);
    /* none of these attributes anything: a base form after a singular
     * noun is no verb; "states" is a noun as "state" is; "raise" with
     * money or rates; "said to be"; a noun cue's "that" before a verb */
    static const char *const none[] = {
        "She kept the emails, which the State IG report could not find.",
        "Kasich is campaigning in Massachusetts and Vermont, states that vote on March 1.",
        "The campaign raised more than $26 million, and the Fed may raise rates too quickly.",
        "\"It is over.\" He was said to be furious.",
    };
    expect_none(none, sizeof none / sizeof none[0]);
    /* one claim, not two */
    ann_doc *d = run("The race will be tight, said Dan Gerstein, director of Gotham "
                     "Ghostwriters.\n");
    CHECK_INT(d->nclaims, 1);
    ann_doc_free(d);
    d = run("Reid told reporters that he had spoken to the secretary and that the "
            "deportations would pause.\n");
    CHECK_INT(d->nclaims, 1);
    ann_doc_free(d);
    /* a pseudo-cleft judges what was said; a relative "that"; a claim of
     * its own under "In the same poll" */
    d = run("He smiled. What he says is truth, and the crowd knows it.\n");
    CHECK(find(d, "is truth") == NULL);
    ann_doc_free(d);
    d = run("He believed the Internet polls that showed him victorious.\n");
    CHECK(find(d, "showed him victorious") == NULL);
    ann_doc_free(d);
    d = run("In the same poll, most Republicans said they backed the ban.\n");
    CHECK(find(d, "most Republicans said they backed the ban") == NULL);
    ann_doc_free(d);
    /* a title "X: …" whose X ends a name tagged in the text (names in a
     * title in title case are not tagged); not a name the text lacks */
    d = annotate_all("Sanders: Clinton Email Story Has Moved.\n\nDemocratic candidate "
                     "Bernie Sanders spoke on Sunday.\n");
    CHECK_INT(d->nclaims, 1);
    EXPECT(d, "Clinton Email Story Has Moved", IND, ":", "Sanders");
    ann_doc_free(d);
    d = annotate_all("Live Updates: Clinton Email Story Has Moved.\n\nDemocratic candidate "
                     "Bernie Sanders spoke on Sunday.\n");
    CHECK_INT(d->nclaims, 0);
    ann_doc_free(d);
    /* a source after "according to" that ends in a date (the dates
     * annotator tells): the date and the words leading to it are left
     * out of the speaker */
    d = annotate_text("Trump leads the field with 22 percent, according to a Suffolk "
                      "University poll released Sunday.");
    EXPECT(d, "Trump leads the field with 22 percent", IND, "according to",
           "a Suffolk University poll");
    ann_doc_free(d);
    d = annotate_text("Rick Santorum also delivered paid speeches, according to an NBC "
                      "report at the time.");
    EXPECT(d, "Rick Santorum also delivered paid speeches", IND, "according to",
           "an NBC report");
    ann_doc_free(d);
    /* a quotation after a colon that a person's name ends, the rest of
     * the sentence: hers, the colon its cue; not a phrase of a headline */
    d = annotate_text("The surge does not surprise pollster Ann Selzer: “Lesser-known "
                      "candidates have seen the biggest boost.”");
    EXPECT(d, "Lesser-known candidates have seen the biggest boost.", DIR, ":", "Ann Selzer");
    ann_doc_free(d);
    d = annotate_text("Senator Ann Selzer spoke.\n\nAnn Selzer: ‘Of Course’ The Dam Will Hold");
    CHECK(find(d, "Of Course") == NULL);
    ann_doc_free(d);
}

int main(void)
{
    char err[256];
    engine = ann_engine_new(0, NULL, 0, err, sizeof err);
    rules = engine ? engine->claim_rules : NULL;
    CHECK(rules != NULL);
    if (!rules) {
        fprintf(stderr, "%s\n", err);
        TEST_DONE();
    }
    test_direct();
    test_wire_quotes();
    test_split_and_paragraphs();
    test_reported();
    test_according_and_as();
    test_speech_acts_and_nouns();
    test_nominal_speakers();
    test_not_claims();
    test_nested_and_headline();
    test_coordination_and_relatives();
    test_appositive_and_participle();
    test_objects_and_nouns();
    test_naming_verbs();
    test_linking();
    test_linking_far();
    test_he_she();
    test_he_salience();
    test_he_she_gender();
    test_markup();
    test_word_table();
    test_tailed_cues();
    test_windows();
    test_hostile();
    test_one_cue_list();
    test_issue_sentences();
    test_issue_constructions();
    test_more_constructions();
    test_round2();
    test_round3();
    test_round4();
    test_round5();
    test_round6();
    test_round13();
    test_round14();
    test_round15();
    test_round16();
    test_user_cues();
    test_speaker_ids_settled();
    ann_engine_free(engine);
    for (size_t i = 0; i < 16; i++)
        free(ring[i]);
    TEST_DONE();
}
