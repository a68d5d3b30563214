/* test_entities.c - actors, places, sources through the whole pipeline with
 * the built-in rules: spans hold the name only, context rejects names inside
 * longer names, unknown names are found from evidence, aliases join. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotate.h"
#include "builtin_engine.h"
#include "entity_checks.h"
#include "reader.h"
#include "tagger.h"
#include "test.h"
#include "user_rules.h"

static ann_engine *eng;

static ann_doc *run(const char *text)
{
    return run_with(eng, text);
}

static const char *id_of(const ann_doc *d, const char *text)
{
    const ann_entity *e = with_mention(d, text);
    return e ? e->id : NULL;
}

static const char *type_of(const ann_doc *d, const char *text)
{
    const ann_entity *e = with_mention(d, text);
    return e ? e->type : NULL;
}

static int has_role(const ann_entity *e, const char *role)
{
    for (size_t i = 0; e && i < e->nroles; i++)
        if (strcmp(e->roles[i], role) == 0)
            return 1;
    return 0;
}

/* Each word of none ("|" between them) is no mention in text, each of
 * some is one. */
static void expect_names(const char *text, const char *none, const char *some)
{
    ann_doc *d = run(text);
    for (int want = 0; want < 2; want++) {
        for (const char *p = want ? some : none; p && *p;) {
            size_t n = strcspn(p, "|");
            char *m = ann_xstrndup(p, n);
            if ((with_mention(d, m) != NULL) != want)
                fprintf(stderr, "   %s: %s\n", want ? "no mention" : "a mention", m);
            CHECK((with_mention(d, m) != NULL) == want);
            free(m);
            p += n + (p[n] == '|');
        }
    }
    ann_doc_free(d);
}

static void test_known_and_aliases(void)
{
    ann_doc *d = run("Ukrainian President Volodymyr Zelensky spoke on Monday. "
                     "Zelensky's office said the talks would go on. Zelenskyy agreed.");
    const ann_entity *z = with_mention(d, "Volodymyr Zelensky");
    CHECK(z != NULL);
    CHECK_STR(id_of(d, "Zelensky"), "volodymyr-zelensky");
    CHECK_STR(id_of(d, "Zelenskyy"), "volodymyr-zelensky");
    CHECK(z && z->nmentions == 3);
    CHECK(has_role(z, "President"));
    CHECK(with_mention(d, "Ukrainian") == NULL);        /* demonyms are not mentions */
    CHECK(with_mention(d, "Zelensky's") == NULL);       /* possessive outside the span */
    ann_doc_free(d);
}

static void test_unknown_person(void)
{
    ann_doc *d = run("Foreign Minister Ognyan Petrovski met reporters in the capital. "
                     "The talks failed, Petrovski said later.");
    const ann_entity *p = with_mention(d, "Ognyan Petrovski");
    CHECK(p != NULL);
    CHECK_STR(p ? p->id : NULL, "ognyan-petrovski");
    CHECK_STR(p ? p->type : NULL, "person");
    CHECK(has_role(p, "Foreign Minister"));
    CHECK_STR(id_of(d, "Petrovski"), "ognyan-petrovski");
    ann_doc_free(d);
    /* a given name is evidence enough; a speech verb vouches for a surname */
    d = run("Analysts quoted by Anneliese Vorkapić disagreed. Yesterday Kowalczyk said no.");
    CHECK_STR(id_of(d, "Anneliese Vorkapić"), "anneliese-vorkapic");
    CHECK_STR(id_of(d, "Kowalczyk"), "kowalczyk");
    ann_doc_free(d);
    /* a middle initial or two inside a name, at a sentence's start too */
    d = run("Mary J. Blige sang. Later Michael J. Fox and George H. W. Bush came, "
            "with Ondrej P. Vrabec.");
    CHECK_STR(id_of(d, "Mary J. Blige"), "mary-j-blige");
    CHECK_STR(id_of(d, "Michael J. Fox"), "michael-j-fox");
    CHECK_STR(id_of(d, "George H. W. Bush"), "george-h-w-bush");
    CHECK_STR(id_of(d, "Ondrej P. Vrabec"), "ondrej-p-vrabec");
    CHECK(with_mention(d, "J. Blige") == NULL && with_mention(d, "Mary") == NULL);
    ann_doc_free(d);
    /* a given name the model read as a place before the initial, not a
     * firm's name after it */
    d = run("''No websites, no calls to the White House,'' said Jeremy Bash, who was the chief "
            "of staff to Leon E. Panetta, then the C.I.A. director. You can find more details "
            "in Matthew M. Chingos's analysis of the plan.");
    CHECK_STR(id_of(d, "Leon E. Panetta"), "leon-e-panetta");
    CHECK_STR(id_of(d, "Matthew M. Chingos"), "matthew-m-chingos");
    CHECK(with_mention(d, "Leon") == NULL && with_mention(d, "Matthew") == NULL);
    ann_doc_free(d);
    d = run("Michael Ancell, banking industry analyst at Edward D. Jones & Co, said so.");
    CHECK(with_mention(d, "Edward D. Jones") == NULL);
    ann_doc_free(d);
    /* after a middle initial the model read as a second name, and before
     * a title-case heading: two people joined by "and" are two, and an
     * honorific alone at a paragraph's start is nobody */
    d = run("Trade talks\n\n\"It was a place where both sides found some common ground,\" "
            "said Rachel K. Whitmore, a former aide to President Bill Clinton. (Ms. Whitmore "
            "is now the chair of Mrs. Clinton's campaign.)\n\nMr. Whitmore and Daniel "
            "Fenwick, the State Department's trade envoy, began long negotiations with "
            "Japan.\n\n\"That,\" he added, \"makes life a lot harder for our farmers and "
            "their children.\"\n\nWorking With Japan.\n\nMr. Obama and Hillary Clinton "
            "never tire of telling the story of Osaka.");
    CHECK_STR(id_of(d, "Rachel K. Whitmore"), "rachel-k-whitmore");
    CHECK(with_mention(d, "Whitmore and Daniel Fenwick") == NULL);
    CHECK_STR(id_of(d, "Daniel Fenwick"), "daniel-fenwick");
    CHECK(with_mention(d, "Mr.") == NULL);
    ann_doc_free(d);
    /* headings in title case, of their own or run in before a colon: their
     * words are names only where the text writes them so elsewhere; the
     * parts of a web address are none */
    d = run("Examining the Record\n\nFULL TEXT.\n\nThe council has met 40 times this year, and Maria Lopez, "
            "its chair, said it would meet again.\n\nLittle Relief for Refugees: The refugee "
            "crisis is the sort of issue the council was made to tackle.\n\nLimited Tools to "
            "Fight Terrorism: The council was set up when wars broke out among nations.\n\n"
            "Working With Lopez: Maria Lopez has led the council since 2014. See "
            "https://example.org/Paris and pic.twitter.com/QxTrW2 for more.");
    CHECK(with_mention(d, "Record") == NULL && with_mention(d, "Little Relief") == NULL);
    CHECK(with_mention(d, "FULL TEXT") == NULL);
    CHECK(with_mention(d, "Limited Tools") == NULL);
    CHECK(with_mention(d, "Paris") == NULL && with_mention(d, "QxTrW2") == NULL);
    CHECK_STR(id_of(d, "Lopez"), "maria-lopez");
    ann_doc_free(d);
    /* a table's cells: no name over a tab, no name in an e-mail address */
    d = run("List of members\n\nAldridge-Brownhills\tWendy Morton\twendy.morton.mp@parliament.uk\n"
            "Arundel and South Downs\tAndrew Griffith\tAndrew@GriffithMP.com\n");
    CHECK(with_mention(d, "Wendy Morton") != NULL);
    CHECK(with_mention(d, "Aldridge-Brownhills\tWendy Morton") == NULL);
    CHECK(with_mention(d, "South Downs\tAndrew Griffith\tAndrew") == NULL);
    ann_doc_free(d);
    /* a page's table read as one line, cells parted by spaces only */
    d = run("List of members\n\nBournemouth East Tobias Ellwood tobias.ellwood.mp@parliament.uk "
            "Bournemouth West Conor Burns conor.burns.mp@parliament.uk\n");
    for (size_t i = 0; i < d->nents; i++)
        for (size_t k = 0; k < d->ents[i].nmentions; k++)
            CHECK(d->ents[i].mentions[k].end <= d->len && !memchr(d->text + d->ents[i].mentions[k].start, '@',
                  d->ents[i].mentions[k].end - d->ents[i].mentions[k].start + 1));
    ann_doc_free(d);
    /* a headline in title case, a long one, and an article opening a paragraph */
    d = run("Trump Was Headed to the Summit But Diverted to Avoid Bad Optics.\n\n"
            "The New York Post reports that Donald Trump's team changed plans.");
    CHECK(with_mention(d, "Avoid") == NULL && with_mention(d, "Summit But Diverted") == NULL);
    CHECK(with_mention(d, "The") == NULL && with_mention(d, "New York Post") != NULL);
    ann_doc_free(d);
    d = run("Talks on the Border\n\nThe Russia/Ukraine talks and U.S./Mexico trade went on in Paris.");
    CHECK(with_mention(d, "Ukraine") != NULL && with_mention(d, "Mexico") != NULL);
    CHECK(with_mention(d, "Paris") != NULL);
    ann_doc_free(d);
    /* an office run on into a title and a person is an office and a person */
    d = run("\u201CThese crimes hurt people who feel they have no voice,\u201D said Cambridge "
            "Police Commissioner Christine Elow. \u201CWe shine a light on it.\u201D");
    CHECK_STR(id_of(d, "Christine Elow"), "christine-elow");
    CHECK(has_role(with_mention(d, "Christine Elow"), "Commissioner"));
    CHECK(with_mention(d, "Cambridge Police Commissioner Christine Elow") == NULL);
    ann_doc_free(d);
    d = run("Schools will reopen, New York City Mayor Bill de Blasio said on Monday.");
    CHECK(has_role(with_mention(d, "Bill de Blasio"), "Mayor"));
    ann_doc_free(d);
    /* a family name written first joins its full name, a title alone
     * before a person is the person's role; a given name two full names
     * begin with joins neither */
    d = run("Chinese President Xi Jinping met Ban Ki-moon on Monday. Later Mr. Xi said the talks "
            "went well, and Mr. Ban agreed. President Xi left.");
    CHECK_STR(id_of(d, "Xi"), "xi-jinping");
    CHECK_STR(id_of(d, "Ban"), "ban-ki-moon");
    CHECK(with_mention(d, "President") == NULL);
    ann_doc_free(d);
    d = run("John Kerry met John Boehner on Monday. John said nothing.");
    CHECK(id_of(d, "John") == NULL || (strcmp(id_of(d, "John"), "john-kerry") != 0 &&
                                       strcmp(id_of(d, "John"), "john-boehner") != 0));
    ann_doc_free(d);
    /* a dateline's state as the wires abbreviate it is the state */
    d = run("FLINT, Mich., Oct. 4 (UPI) -- The rally in Albany, N.Y., and one in Selma, Ala., went on.");
    CHECK_STR(id_of(d, "Mich."), "michigan");
    CHECK_STR(id_of(d, "N.Y."), "new-york");
    CHECK_STR(id_of(d, "Ala."), "alabama");
    ann_doc_free(d);
    /* a listed person's full name inside a name the model typed otherwise
     * is the person, and a one-word reading of it joins her */
    d = run("Hold Melania Trump to her husband's standards.\n\nMelania would discuss her "
            "history, Donald Trump said.");
    CHECK_STR(id_of(d, "Melania Trump"), "melania-trump");
    CHECK_STR(id_of(d, "Melania"), "melania-trump");
    CHECK(with_mention(d, "Hold Melania Trump") == NULL);
    ann_doc_free(d);
    /* a surname the model read as a place after "from" joins its person;
     * a listed place of the same word stays a place */
    d = run("Jerome Turner scored twice for Leeds on Saturday. A cross from Turner set up the "
            "third goal.");
    CHECK_STR(id_of(d, "Turner"), "jerome-turner");
    ann_doc_free(d);
    d = run("A statue of George Washington stands in Washington, and Washington is busy.");
    CHECK_STR(id_of(d, "Washington"), "washington");
    ann_doc_free(d);
    /* a dateline's place in capitals stays a place */
    d = run("The Latest: Trump urges supporters.\n\nWASHINGTON (AP) \u2014 The Latest on the race.");
    CHECK_STR(id_of(d, "WASHINGTON"), "washington");
    ann_doc_free(d);
    /* a party and state tag is nobody */
    d = run("House Speaker Paul Ryan, R-Wis., said no. Supporters such as Bob Corker, R-Tenn., "
            "and Lindsey Graham, R-S.C., agreed.");
    CHECK(with_mention(d, "R-Wis") == NULL && with_mention(d, "R-Tenn") == NULL);
    CHECK(with_mention(d, "R-S") == NULL && with_mention(d, "C.") == NULL);
    CHECK(with_mention(d, "Lindsey Graham") != NULL);
    ann_doc_free(d);
    /* contractions are nobody; names with an apostrophe stay */
    d = run("We've seen it. They\u2019re gone, she said. I'll go. Don't worry, said Jane O'Neill. "
            "D'Souza spoke. You'll see.");
    CHECK(with_mention(d, "They\u2019re") == NULL && with_mention(d, "I'll") == NULL);
    CHECK(with_mention(d, "You'll") == NULL && with_mention(d, "We've") == NULL);
    CHECK(with_mention(d, "Jane O'Neill") != NULL && with_mention(d, "D'Souza") != NULL);
    ann_doc_free(d);
    /* a word a sentence capitalizes that the text also writes in lower
     * case is that word */
    d = run("Mix the flour and sugar. Silver fell 3 cents, and silver futures closed lower.");
    CHECK(with_mention(d, "Silver") == NULL);
    ann_doc_free(d);
    /* an adverb in -ly before a comma, a verb before a determiner, that
     * open a sentence, are words; a given name so placed stays a name */
    d = run("Famously, the oven was cold. Pour the batter into a pan. Check your oven. "
            "Kelly, the cook, laughed.");
    CHECK(with_mention(d, "Famously") == NULL && with_mention(d, "Pour") == NULL);
    CHECK(with_mention(d, "Check") == NULL);
    ann_doc_free(d);
    /* sentence adverbs and interjections before a comma are nobody */
    d = run("Personally, I liked it. Ugh, the servers were down. Woah, said Jane Doe.");
    CHECK(with_mention(d, "Personally") == NULL && with_mention(d, "Ugh") == NULL);
    CHECK(with_mention(d, "Woah") == NULL && with_mention(d, "Jane Doe") != NULL);
    ann_doc_free(d);
    /* programs named like names are nobody, though a speech verb follows */
    d = run("Obamacare premiums went up in Ohio, Medicaid said in a letter.");
    CHECK(with_mention(d, "Medicaid") == NULL && with_mention(d, "Obamacare") == NULL);
    ann_doc_free(d);
    /* pronouns and sentence words are never people */
    d = run("He said no. They said yes. While talks went on, We waited.");
    CHECK_INT(d->nents, 0);
    ann_doc_free(d);
}

static void test_organizations(void)
{
    ann_doc *d = run("Experts at the Institute for the Study of War (ISW) agree. "
                     "ISW analysts wrote it. The Kharkiv Institute for Regional Studies did too. "
                     "The Ministry of Strategic Industries replied.");
    CHECK_STR(id_of(d, "Institute for the Study of War"), id_of(d, "ISW"));
    CHECK(with_mention(d, "Kharkiv") == NULL);          /* inside a longer name */
    CHECK_STR(type_of(d, "Kharkiv Institute for Regional Studies"), "organization");
    CHECK(with_mention(d, "Ministry of Strategic Industries") != NULL);
    ann_doc_free(d);

    /* a place's name goes on with no head and connector: read as a place
     * (and "Policy Studies" as a person), these are organizations */
    d = run("Schools\n\nOfficials at the Kyiv Center for Policy Studies said so.");
    CHECK_STR(type_of(d, "Kyiv Center for Policy Studies"), "organization");
    CHECK(with_mention(d, "Policy Studies") == NULL);
    ann_doc_free(d);
    /* a name ending in an organization's head is the organization's,
     * read as a person or a place; not a head that ends places and
     * surnames too ("West Bank", "Margaret Court") */
    d = run("Schools\n\nStudents sued Trump University in San Diego, and Seth McKee, a "
            "political scientist at Texas Tech University, said so. The fan of Margaret "
            "Court and the West Bank were there.");
    CHECK_STR(type_of(d, "Trump University"), "organization");
    CHECK_STR(type_of(d, "Texas Tech University"), "organization");
    CHECK_STR(type_of(d, "Margaret Court"), "person");
    CHECK_STR(type_of(d, "West Bank"), "place");
    ann_doc_free(d);
    /* an institution's head goes on with "of" into the name after it;
     * not into a title before a person, nor a listed name's own "of" */
    d = run("Signatories\n\nDeirdre McCloskey, University of Illinois at Chicago\n"
            "Uday Mehta, City University of New York\n\nJock Finlayson, head of policy "
            "at the Business Council of British Columbia, said so. The Awami League of "
            "Prime Minister Sheikh Hasina won, the Brennan Center for Justice noted.");
    CHECK(with_mention(d, "University of Illinois") != NULL);
    CHECK(with_mention(d, "City University of New York") != NULL);
    CHECK(with_mention(d, "Business Council of British Columbia") != NULL);
    CHECK(with_mention(d, "New York") == NULL && with_mention(d, "British Columbia") == NULL);
    CHECK(with_mention(d, "Awami League") != NULL);
    CHECK(with_mention(d, "Brennan Center for Justice") != NULL);
    ann_doc_free(d);
    /* no name ends in "of" */
    d = run("Proposals are few, said Mr. Burman of the Tax Policy Center.");
    CHECK(with_mention(d, "Burman") != NULL && with_mention(d, "Burman of") == NULL);
    ann_doc_free(d);
}

/* The place of a dateline in capitals, which the model reads as a club:
 * a listed city before a dash, any name before a comma, a listed place and
 * a dash; and the dateline's place is the place throughout the story.  A
 * word before a dash alone is no dateline's ("RTRS - Golf"). */
static void test_datelines(void)
{
    ann_doc *d = run("A mosque feels the spotlight\n\nFORT PIERCE, Fla. - Two days before the "
                     "vote, people gathered.\n\nPeople in Fort Pierce said the last time anyone "
                     "came was years ago, and the Fort Pierce mosque has drawn crowds.\n\n"
                     "Trump accepts nomination\n\nCLEVELAND - Donald Trump painted a dark "
                     "picture.\n\nRTRS - Golf: Norman sacks his caddie.");
    const ann_entity *e = with_mention(d, "FORT PIERCE");
    CHECK_STR(e ? e->type : NULL, "place");
    CHECK(e && e->nmentions == 3);
    CHECK_STR(type_of(d, "CLEVELAND"), "place");
    CHECK_STR(type_of(d, "RTRS"), "organization");
    ann_doc_free(d);
}

static void test_sources(void)
{
    ann_doc *d = run("The Wall Street Journal reported the plan. The Journal said the "
                     "talks stalled, Reuters added, citing a post on Telegram.");
    const ann_entity *j = with_mention(d, "Wall Street Journal");
    CHECK(j && j->cat == ANN_CAT_SOURCE);
    CHECK_STR(id_of(d, "Journal"), j ? j->id : "?");
    CHECK(with_mention(d, "Wall Street") == NULL);
    CHECK_STR(type_of(d, "Telegram"), "platform");
    CHECK(with_mention(d, "Reuters") != NULL);
    ann_doc_free(d);
}

static void test_compounds_and_documents(void)
{
    ann_doc *d = run("The UK-led coalition met in Cairo. Russia-Ukraine talks and "
                     "U.S.-Russian ties were on the agenda of the Cairo-based group. "
                     "The Istanbul agreements and the Budapest Memorandum were cited "
                     "in the Russo-Ukraine War.");
    CHECK_STR(id_of(d, "UK"), "united-kingdom");
    CHECK_STR(id_of(d, "Russia"), "russia");
    CHECK_STR(id_of(d, "Ukraine"), "ukraine");
    CHECK_STR(id_of(d, "U.S."), "united-states");
    const ann_entity *c = with_mention(d, "Cairo");
    CHECK(c && c->nmentions == 2);
    CHECK(with_mention(d, "Istanbul") == NULL);
    CHECK(with_mention(d, "Budapest") == NULL);
    /* a name the model read that ends in a document's word is a law's, no
     * actor, nor is a name inside it one; a word that also ends events'
     * names (weak=1) leaves the name */
    expect_names("Requests under the Freedom of Information Act rose. The Voting Rights Act "
                 "was gutted and the Helms Amendment stayed, Clinton said.",
                 "Freedom of Information Act|Voting Rights Act|Helms Amendment|Helms", NULL);
    expect_names("Clinton spoke at the Democratic National Convention on Monday.", NULL,
                 "Democratic National Convention");
    /* the compound before "War" is the name of a war */
    const ann_entity *u = with_mention(d, "Ukraine");
    CHECK(u && u->nmentions == 1);
    ann_doc_free(d);
    /* names of several words joined by a hyphen, each its own mention */
    d = run("Poll\n\nA Washington Post-ABC News poll and a New York Times-CBS News poll agreed. "
            "The New York-based group met at the Costa Rica-Nicaragua border.");
    static const char *const joined[][2] = {
        {"Washington Post", "outlet"}, {"ABC News", "outlet"}, {"New York Times", "outlet"},
        {"CBS News", "outlet"}, {"New York", "place"}, {"Costa Rica", "country"},
        {"Nicaragua", "country"},
    };
    for (size_t k = 0; k < sizeof joined / sizeof *joined; k++)
        CHECK_STR(type_of(d, joined[k][0]), joined[k][1]);
    CHECK(with_mention(d, "Washington") == NULL);
    CHECK(with_mention(d, "CBS") == NULL);
    ann_doc_free(d);
}

/* A capitalized common noun (an abbreviation in capitals, a religion, a
 * feast) is no name where it stands; a name it is part of stays. */
static void test_common_nouns(void)
{
    expect_names("Training a single large NLP model on a GPU costs as much as a car, "
                 "researchers said. The PAC spent $5 million on TV ads, and the SUV maker "
                 "Determined AI said the GDP figures came out at 10:00 GMT.",
                 "NLP|GPU|PAC|TV|SUV|GDP|GMT", "Determined AI");
    expect_names("Voters without a photo ID were turned away, the VP said, and the VAT rose.",
                 "ID|VP|VAT", NULL);
    expect_names("Le Pen played to fears about migrants, Islam and economic stagnation before "
                 "Christmas, and Islam Karimov said so.",
                 "Islam|Christmas", "Islam Karimov");
    expect_names("There are many ways to improve Python's performance on Linux, Stack Overflow "
                 "users said, and Apple's iPhone and Android phones run them.",
                 "Python|Linux|iPhone|Android", "Apple");
    expect_names("Obama spoke in the State of the Union on Tuesday, after the Great Recession, "
                 "as the Super Bowl began at 8 p.m. Eastern Standard Time.",
                 "State|Union|Great Recession|Super Bowl|Eastern Standard Time", "Obama");
    expect_names("Millennials have the same pocketbook focus as Baby Boomers, a staid Mormon said.",
                 "Millennials|Baby Boomers|Mormon", NULL);
}

/* On a headline in title case, a person's name the model ran on over the
 * words after it ends before a word the text writes in lower case. */
static void test_headline_runs(void)
{
    ann_doc *d = run("Paul Ryan Thinks About Donald Trump\n\nPaul Ryan thinks about the "
                     "candidate often, he said, and he thinks it is fine.");
    CHECK(with_mention(d, "Paul Ryan Thinks About Donald Trump") == NULL);
    const ann_entity *e = with_mention(d, "Paul Ryan");
    CHECK(e && e->nmentions == 2);
    CHECK(with_mention(d, "Donald Trump") != NULL);
    ann_doc_free(d);
}

/* How one name is read in one text: its type ("-": no such mention) and,
 * where given, its id. */
typedef struct reading {
    const char *text, *mention, *type, *id;
} reading;

static const reading readings[] = {
    /* a listed organization the model reads as a place is the organization
     * (the spec names the White House and the Kremlin bodies); a name listed
     * as a body and as a territory is read as the model reads it */
#define SEATS "Schools\n\nThe White House said on Monday that the president would fly to " \
              "the Kremlin. Voters in Republika Srpska and officials of the Republika Srpska met."
    {SEATS, "White House", "organization", NULL},
    {SEATS, "Kremlin", "organization", "kremlin"},
    {SEATS, "Republika Srpska", "place", NULL},
    /* after an honorific, one word a list holds as a place or an outlet is a
     * person's surname */
#define HONORIFIC "Aides were arguing, recalled Mr. Rhodes. As for Mr. Bloomberg, Forbes put " \
                  "his net worth at $45 billion."
    {HONORIFIC, "Rhodes", "person", NULL},
    {HONORIFIC, "Bloomberg", "person", NULL},
    {HONORIFIC, "Forbes", "outlet", NULL},
    /* a word before a weekday is part of a day's name ("Super Tuesday"), but
     * not a name after "the", nor a person's name, where the weekday says when */
#define DAYS "Clinton won the string of contests known as Super Tuesday. Sales rose after " \
             "Black Friday. It was the cold spot of the Prairies Monday morning, and " \
             "President Obama Monday signed the bill."
    {DAYS, "Super", "-", NULL},
    {DAYS, "Black", "-", NULL},
    {DAYS, "Prairies", "place", NULL},
    {DAYS, "Obama", "person", NULL},
    /* a listed place before a party member's word is the place ("a New
     * Hampshire Democrat"), not a body's name ("Wyoming Republican Party") */
#define MEMBERS "Schools\n\nTrump won the South Carolina Republican primary, and a New " \
                "Hampshire Democrat said so. Peter Hoekstra, a Michigan Republican, agreed " \
                "with the Wyoming Republican Party."
    {MEMBERS, "New Hampshire", "place", NULL},
    {MEMBERS, "New Hampshire Democrat", "-", NULL},
    {MEMBERS, "Michigan", "place", NULL},
    {MEMBERS, "South Carolina", "place", NULL},
    {MEMBERS, "Wyoming Republican Party", "organization", NULL},
    /* a person's name before a building's word names the building ("Trump
     * Tower"), not where the word is a surname too ("Jerry Hall") */
    {"Megyn Kelly was seen entering Trump Tower in New York City.", "Trump Tower", "place", NULL},
    {"Megyn Kelly was seen entering Trump Tower in New York City.", "Trump", "-", NULL},
    {"He announced his engagement to former supermodel Jerry Hall, who is the ex-wife of "
     "Mick Jagger.", "Jerry Hall", "person", NULL},
    /* where a place of residence stands after a person's name and age, a
     * word no list holds is the place; not a person's name after the age */
#define RESIDENCE "Jayden F. Snow, 22, Pana, was arrested. Melissa Roloson, 32, of Sodus, was " \
                  "arrested. Asked how his ban would affect Khan, 45, Trump said no."
    {RESIDENCE, "Pana", "place", NULL},
    {RESIDENCE, "Sodus", "place", NULL},
    {RESIDENCE, "Trump", "person", NULL},
    /* a given name the model left out before a surname it read as a
     * person's is the person's first name (a numbered list's heading) */
#define LISTED "Latinas in 2015\n\n9\nSelenis Leyva Got Real About Being Called \"A Real " \
               "Woman.\"\n\nGetty.\n\nThe star Selenis Leyva opened up about it. The actress " \
               "explained why.\n\n10\nMaria Hinojosa Explained Why She Felt \"Invisible\" As " \
               "A Child.\n\nGetty.\n\nAward-winning journalist Maria Hinojosa articulated " \
               "the impact of not feeling visible while growing up in the United States.\n"
    {LISTED, "Hinojosa", "-", NULL},
    {LISTED, "Maria Hinojosa", "person", "maria-hinojosa"},
    /* an acronym in brackets after an organization's name stands for it,
     * there and later, whatever its initials ("AG" is none of BMW's) */
#define DEFINED "German carmaker Bayerische Motoren Werke AG (BMW) said profits rose. BMW " \
                "shares gained, and Vestfold Marine Holdings Ltd (VMH) said VMH would hire."
    {DEFINED, "BMW", "organization", "bmw"},
    {DEFINED, "Bayerische Motoren Werke AG", "organization", "bmw"},
    {DEFINED, "VMH", "organization", "vestfold-marine-holdings-ltd"},
    /* "the House" after the Senate or Congress is the House of Representatives */
    {"The Senate on Thursday passed the bill, and the House would vote next week.", "House",
     "organization", "united-states-house-of-representatives"},
    /* a surface two lists hold goes to the one whose context the text
     * holds: India's news agency and Congress party, Pakistan's PTI, the
     * US Congress */
#define INDIA "Modi meets Xi\n\nNEW DELHI, Oct 23 (PTI) Prime Minister Narendra Modi held " \
              "talks. Congress leader Rahul Gandhi criticised the meeting."
#define PAKISTAN "Khan rally\n\nISLAMABAD - Imran Khan's PTI held a rally. Congress passed the bill."
    {INDIA, "PTI", "outlet", "press-trust-of-india"},
    {INDIA, "Congress", "organization", "indian-national-congress"},
    {PAKISTAN, "PTI", "organization", "pakistan-tehreek-e-insaf"},
    {PAKISTAN, "Congress", "organization", "united-states-congress"},
    /* a person's name with middle initials and without them are one
     * person, the id without them; alone, a name keeps its initials */
#define INITIALS "Talks\n\nRachel K. Whitmore spoke first. Later Rachel Whitmore left, and " \
                 "Daniel P. Fenwick stayed."
    {INITIALS, "Rachel K. Whitmore", "person", "rachel-whitmore"},
    {INITIALS, "Rachel Whitmore", "person", "rachel-whitmore"},
    {INITIALS, "Daniel P. Fenwick", "person", "daniel-p-fenwick"},
    /* a name no list holds before an age in commas is a person's */
    {"The tennis star was sidelined, and his older brother Khaleel, 22, started the fund "
     "page earlier this month.", "Khaleel", "person", NULL},
    /* outlets of fashion, sports and fact-checking */
    {"\"There was a previous marriage,\" Trump told Vogue last year, and Politifact traced "
     "the story.", "Vogue", "outlet", "vogue"},
    {"\"There was a previous marriage,\" Trump told Vogue last year, and Politifact traced "
     "the story.", "Politifact", "outlet", "politifact"},
    /* an initial alone names no one */
    {"\u201cThis is the just and moral thing to do,\u201d he said.\n\nX.\n\nFinally, Sanders "
     "said he would act.", "X.", "-", NULL},
    /* a word that opens a sentence alone before a comma is a word, not a
     * name in apposition, nor one the text writes elsewhere */
#define OPENS "Both have been doing it in the last two budgets. Granted, I am more vocal " \
              "about it. Hamdy, a mother of three, said so. Bernie Sanders spoke. Sanders, " \
              "the senator, agreed."
    {OPENS, "Granted", "-", NULL},
    {OPENS, "Hamdy", "person", NULL},
    {OPENS, "Sanders", "person", "bernie-sanders"},
    /* a US state by its nickname is the state */
#define NICKNAMES "The competition for second in the Granite State will be fierce. The " \
                  "Buckeye State is one of 45 states, and Sanders won in the Badger State."
    {NICKNAMES, "Granite State", "place", "new-hampshire"},
    {NICKNAMES, "Buckeye State", "place", "ohio"},
    {NICKNAMES, "Badger State", "place", "wisconsin"},
};

/* Whether d holds the mention with the type and id a reading says. */
static void check_reading(const ann_doc *d, const char *mention, const char *type, const char *id)
{
    const ann_entity *e = with_mention(d, mention);
    if (strcmp(type, "-") == 0)
        CHECK_STR(e ? e->id : "(none)", "(none)");
    else
        CHECK_STR(e ? e->type : mention, type);
    if (id)
        CHECK_STR(e ? e->id : NULL, id);
}

static void test_readings(void)
{
    for (size_t i = 0; i < sizeof readings / sizeof *readings; i++) {
        const reading *r = &readings[i];
        ann_doc *d = run(r->text);
        check_reading(d, r->mention, r->type, r->id);
        ann_doc_free(d);
    }
}

/* ---- the mends, each given the misreading it is for ------------------------------- */

/* The misreading forced on the tagger's labels: runs of tokens and their
 * labels ("Mary=B-PER J.=B-LOC Blige=I-LOC"), each set where it first
 * occurs in a window, runs apart by " | "; and how many runs were set. */
static const char *forced;
static size_t forced_hits;

static int label_named(const char *s, size_t n)
{
    static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
    if (n == 1 && s[0] == 'O')
        return TG_O;
    for (int t = 0; t < 4; t++)
        if (n == 2 + strlen(types[t]) && (s[0] == 'B' || s[0] == 'I') && s[1] == '-' &&
            !memcmp(s + 2, types[t], n - 2))
            return tg_label(TG_PER + t, s[0] == 'I');
    return -1;
}

/* The n-th "token=LABEL" item of the run at p: its token text, and its
 * label (-1 for a malformed item, which fails the check of forced_hits;
 * -2 past the run's end). */
static int forced_item(const char *p, size_t n, const char **tok, size_t *len)
{
    for (;; n--) {
        while (*p == ' ')
            p++;
        const char *end = p + strcspn(p, " ");
        if (p == end || *p == '|')
            return -2;
        if (n == 0) {
            const char *eq = memchr(p, '=', (size_t)(end - p));
            if (!eq)
                return -1;
            *tok = p;
            *len = (size_t)(eq - p);
            return label_named(eq + 1, (size_t)(end - eq - 1));
        }
        p = end;
    }
}

/* The run at p, set where it first occurs in w. */
static void relabel_run(const char *p, const ann_window *w, uint8_t *labels)
{
    size_t k = 0, len;
    const char *tok;
    while (forced_item(p, k, &tok, &len) != -2)
        k++;
    for (size_t i = 0; i + k <= w->n; i++) {
        size_t j = 0;
        for (; j < k && forced_item(p, j, &tok, &len) >= 0; j++) {
            const ann_token *t = &w->tok[i + j];
            if (t->end - t->start != len || memcmp(w->text + t->start, tok, len))
                break;
        }
        if (j < k)
            continue;
        for (j = 0; j < k; j++)
            labels[i + j] = (uint8_t)forced_item(p, j, &tok, &len);
        forced_hits++;
        return;
    }
}

static void relabel(const ann_window *w, uint8_t *labels)
{
    for (const char *p = forced; p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
        relabel_run(p, w, labels);
}

/* How many runs forced has. */
static size_t forced_runs(void)
{
    size_t n = 1;
    for (const char *p = forced; (p = strchr(p, '|')) != NULL; p++)
        n++;
    return n;
}

typedef struct misreading {
    const char *text, *reading;         /* a text, the model's misreading of it */
    const char *mention, *type, *id;    /* what the mends make of it, as in reading */
} misreading;

static const misreading misreadings[] = {
    /* a middle initial goes on with its person's name, whatever the model
     * made of the initial or of the given name before it */
    {"Mary J. Blige sang.", "Mary=B-PER J.=B-LOC Blige=I-LOC", "Mary J. Blige", "person",
     "mary-j-blige"},
    {"He was chief of staff to Leon E. Panetta, then the director.",
     "Leon=B-LOC E.=B-PER Panetta=I-PER", "Leon E. Panetta", "person", "leon-e-panetta"},
    /* but not before a firm's "&" */
    {"Michael Ancell, an analyst at Edward D. Jones & Co, said so.",
     "Edward=B-PER D.=B-PER Jones=I-PER &=B-ORG Co=I-ORG", "Edward D. Jones", "-", NULL},
    /* a given name the model typed otherwise before a person's surname */
    {"A line that names a university.\nDavid Greenberg wrote the book.",
     "David=B-ORG Greenberg=B-PER", "David Greenberg", "person", "david-greenberg"},
    /* no "and" inside a person's name */
    {"Mr. Whitmore and Daniel Fenwick began talks with Japan.",
     "Whitmore=B-PER and=I-PER Daniel=I-PER Fenwick=I-PER", "Daniel Fenwick", "person", NULL},
    {"Mr. Whitmore and Daniel Fenwick began talks with Japan.",
     "Whitmore=B-PER and=I-PER Daniel=I-PER Fenwick=I-PER", "Whitmore and Daniel Fenwick", "-",
     NULL},
    /* no name over a table's cells */
    {"Constituency\tMember\nWalsall\tWendy Morton\n", "Walsall=B-PER Wendy=I-PER Morton=I-PER",
     "Wendy Morton", "person", NULL},
    /* a contraction is no name */
    {"\"We've won,\" she said.", "We've=B-ORG", "We've", "-", NULL},
    /* a listed person inside a name of another type is the person */
    {"Hold Melania Trump to her husband's standards.", "Hold=B-ORG Melania=I-ORG Trump=I-ORG",
     "Melania Trump", "person", "melania-trump"},
    {"Hold Melania Trump to her husband's standards.", "Hold=B-ORG Melania=I-ORG Trump=I-ORG",
     "Hold Melania Trump", "-", NULL},
    /* an office run on into a person's name is the person's role; a title
     * alone before a person too */
    {"International Trade Secretary Liz Truss flew to Delhi.",
     "International=B-PER Trade=I-PER Secretary=I-PER Liz=I-PER Truss=I-PER", "Liz Truss",
     "person", NULL},
    {"The talks ended when President Xi left.", "President=B-PER Xi=B-PER", "President", "-",
     NULL},
    {"The talks ended when President Xi left.", "President=B-PER Xi=B-PER", "Xi", "person", NULL},
    /* a place before an organization's head and connector opens it */
    {"The Kharkiv Institute for Regional Studies did too.",
     "Kharkiv=B-LOC Institute=B-ORG for=I-ORG Regional=I-ORG Studies=I-ORG",
     "Kharkiv Institute for Regional Studies", "organization", NULL},
    /* a person's name run on over a title-case headline ends at a word the
     * text writes in lower case */
    {"Paul Ryan Thinks About Donald Trump\n\nPaul Ryan thinks about the candidate often.",
     "Paul=B-PER Ryan=I-PER Thinks=I-PER About=I-PER Donald=I-PER Trump=I-PER", "Donald Trump",
     "person", NULL},
    /* or a word news writes in lower case (meta/lowercase.txt), after two
     * words of the name that are no initials */
    {"Ruth Denholm Unleashed On Her Critics\n\nThe speech ran long.",
     "Ruth=B-PER Denholm=I-PER Unleashed=I-PER", "Ruth Denholm", "person", "ruth-denholm"},
    {"Laurence H. Tribe Unleashed On Critics\n\nThe professor spoke on Monday.",
     "Laurence=B-PER H.=I-PER Tribe=I-PER Unleashed=I-PER", "Laurence H. Tribe", "person", NULL},
    /* a name that ends in an organization's head is an organization */
    {"The Clinton Foundation paid for it.", "Clinton=B-PER Foundation=I-PER",
     "Clinton Foundation", "organization", NULL},
    /* the White House is a body, whatever the model's type */
    {"The White House said so.", "White=B-LOC House=I-LOC", "White House", "organization",
     NULL},
    /* a listed place in a dateline stays a place */
    {"The Latest\n\nWASHINGTON (AP) \u2014 The Latest on the race.", "WASHINGTON=B-ORG",
     "WASHINGTON", "place", "washington"},
    /* a person's name or a given name, a particle and a capitalized word
     * are one person's name; not after an organization's name */
    {"Chairman Hubertus von Gruenberg would step down.",
     "Hubertus=B-PER von=O Gruenberg=B-LOC", "Hubertus von Gruenberg", "person", NULL},
    {"The plan of Alfred von Schlieffen failed.", "Alfred=O von=O Schlieffen=B-LOC",
     "Alfred von Schlieffen", "person", NULL},
    {"A drawing by Leonardo da Vinci was sold.", "Leonardo=B-PER da=O Vinci=O",
     "Leonardo da Vinci", "person", "leonardo-da-vinci"},
    {"The Banco de Mexico cut rates.", "Banco=B-ORG de=O Mexico=B-LOC", "Mexico", "country",
     NULL},
    /* a name ends in a word of its own, not in a connector */
    {"The U.S. Chamber of Commerce and the AFL-CIO were split.",
     "U.S.=B-ORG Chamber=I-ORG of=I-ORG Commerce=I-ORG and=I-ORG", "U.S. Chamber of Commerce",
     "organization", NULL},
    /* an "and" before a listed name joins two names; not inside a listed
     * name, nor before words no list holds */
    {"Lawmakers in the House and Senate Democrats agreed.",
     "House=B-ORG and=I-ORG Senate=I-ORG Democrats=I-ORG", "House and Senate Democrats", "-",
     NULL},
    {"Lawmakers in the House and Senate Democrats agreed.",
     "House=B-ORG and=I-ORG Senate=I-ORG Democrats=I-ORG", "House", "organization", NULL},
    {"Bosnia and Herzegovina signed.", "Bosnia=B-LOC and=I-LOC Herzegovina=I-LOC",
     "Bosnia and Herzegovina", "country", NULL},
    {"Shares of Procter and Gamble rose.", "Procter=B-ORG and=I-ORG Gamble=I-ORG",
     "Procter and Gamble", "organization", NULL},
    /* a name that opens with a natural feature's or a fort's word is a place */
    {"Officials said levees near Lake Pontchartrain had failed.", "Lake=B-PER Pontchartrain=I-PER",
     "Lake Pontchartrain", "place", NULL},
    {"Troops from Fort Hood waited.", "Fort=B-PER Hood=I-PER", "Fort Hood", "place", NULL},
    /* the head of an appositive types a name no list holds; a noun of
     * firms and people alike leaves a person a person */
    {"The minister said Ibama, the country's environmental agency, would hire inspectors.",
     "Ibama=B-PER", "Ibama", "organization", NULL},
    {"Kherovo, a port city in the south, was shelled.", "Kherovo=B-PER", "Kherovo", "place",
     NULL},
    {"Dellmore, a former aide to the governor, testified.", "Dellmore=B-ORG", "Dellmore",
     "person", NULL},
    {"Keith Hutto, a plumbing contractor who attended the rally, agreed.",
     "Keith=B-PER Hutto=I-PER", "Keith Hutto", "person", NULL},
    {"Vestrix, a Danish wind turbine maker, rose.", "Vestrix=B-PER", "Vestrix", "person", NULL},
    {"Vestrix, a Danish wind turbine maker, rose.", "Vestrix=B-LOC", "Vestrix", "organization",
     NULL},
    /* a month's name before a day is a date's */
    {"Gaza\n\nCAIRO, Jan 5 (Reuters) - Talks resumed, Jan Hatzius said.", "Jan=B-PER 5=O",
     "Jan", "-", NULL},
    {"Gaza\n\nCAIRO, Jan 5 (Reuters) - Talks resumed, Jan Hatzius said.", "Jan=B-PER 5=O",
     "Jan Hatzius", "person", NULL},
    /* a name that opens with a given name and has no organization's
     * head is a person's, whatever the model's type; not a firm's */
    {"Bush\n\nThe Jeb Bush campaign is releasing a new ad.", "Jeb=B-ORG Bush=I-ORG", "Jeb Bush",
     "person", "jeb-bush"},
    {"Brokers\n\nAn analyst at Edward Jones & Co said so.", "Edward=B-ORG Jones=I-ORG &=O Co=O",
     "Edward Jones", "organization", NULL},
    /* a one-word organization joins the one organization that ends in it */
    {"City top\n\nManchester City beat Brentford 3-1, and City manager Pep Guardiola was happy.",
     "Manchester=B-ORG City=I-ORG | and=O City=B-ORG", "City", "organization", "manchester-city"},
    {"Games\n\nThe Boston Mets and Seattle Mets met, and fans said Mets games sell out.",
     "Boston=B-ORG Mets=I-ORG | Seattle=B-ORG Mets=I-ORG | said=O Mets=B-ORG", "Mets",
     "organization", "mets"},
    /* a listed firm and its legal form are the firm */
    {"Oil\n\nChevron Corp and Exxon Corp. rose.", "Chevron=B-ORG Corp=I-ORG", "Chevron Corp",
     "organization", "chevron"},
    /* a listed name whose context the document lacks is another's: the
     * model's reading stands, not the list's id, nor nothing */
    {"Budget\n\nLawmakers in the General Assembly voted on the state budget.",
     "General=B-ORG Assembly=I-ORG", "General Assembly", "organization", "general-assembly"},
    /* of two list entries with the same words, the one of the class the
     * model read: the rainforest and the company */
    {"Shares\n\nAmazon.com rose. Loggers cleared land in the Amazon.", "the=O Amazon=B-LOC",
     "Amazon", "place", "amazon-rainforest"},
    {"Shares\n\nLoggers cleared land. Amazon.com rose, and Amazon said so.", "and=O Amazon=B-ORG",
     "Amazon", "organization", "amazon"},
    /* a place's name read on over a head and its connector is an
     * organization's (was a test on one model's reading) */
    {"Schools\n\nAna Ruiz teaches at the Lviv School of Economics and Law, she said.",
     "Lviv=B-LOC School=I-LOC of=I-LOC Economics=I-LOC and=I-LOC Law=I-LOC",
     "Lviv School of Economics and Law", "organization", NULL},
    /* "Journal" alone, with no full name before it, is nothing where the
     * model reads no name: the list's short form makes none */
    {"The journal was closed. The Journal of Democracy is an academic title.",
     "The=O Journal=O of=O Democracy=O", "Journal", "-", NULL},
    /* the credits' names are persons */
    {"Chips\n\nThe deal was reviewed. Reporting by Krystal Hu in San Francisco; Editing by "
     "Lisa Shumaker", "by=O Krystal=B-ORG Hu=I-ORG", "Krystal Hu", "person", NULL},
    /* no name ends in a word in lower case, but a firm's legal form */
    {"Themes\n\nThe themes elevated Ms. Warren in the Senate last year.",
     "Warren=B-PER in=I-PER", "Warren", "person", NULL},
    {"Themes\n\nThe themes elevated Ms. Warren in the Senate last year.",
     "Warren=B-PER in=I-PER", "Warren in", "-", NULL},
    {"Banks\n\nShares in Barclays plc rose on Tuesday.", "Barclays=B-ORG plc=I-ORG",
     "Barclays plc", "organization", NULL},
    /* a listed place in capitals before a colon opens a dateline, as
     * Indian and Australian papers write it: the place, not a club */
    {"Lockdown\n\nBRISBANE: Queensland Premier Annastacia Palaszczuk announced a lockdown.",
     "BRISBANE=B-ORG", "BRISBANE", "place", "brisbane"},
    /* an organization of title-case words no list holds whose last word
     * is a person of the document is that person's full name */
    {"Radio\n\nRush Limbaugh spoke on the radio. Limbaugh then said Sanders erred.",
     "Rush=B-ORG Limbaugh=I-ORG | Limbaugh=B-PER then=O", "Rush Limbaugh", "person",
     "rush-limbaugh"},
    {"Radio\n\nRush Limbaugh spoke on the radio. Limbaugh then said Sanders erred.",
     "Rush=B-ORG Limbaugh=I-ORG | Limbaugh=B-PER then=O", "Limbaugh", "person", "rush-limbaugh"},
    /* a listed place before a capitalized title and a name is the place
     * whose office it is, not a body of its name; a club before its
     * captain stays the club */
    {"Prices\n\nSindh Chief Minister Murad Ali Shah also spoke on Monday.",
     "Sindh=B-ORG Chief=O Minister=O Murad=B-PER Ali=I-PER Shah=I-PER",
     "Sindh", "place", "sindh"},
    {"Final\n\nLiverpool captain Jordan Henderson lifted the trophy.", "Liverpool=B-ORG",
     "Liverpool", "organization", "liverpool-organization"},
    /* capital letters without periods and the name after them are one
     * person's, as Indian papers write initials; not after a capitalized
     * word, nor a lone "A" */
    {"Talks\n\nTelangana chief minister K Chandrashekar Rao met him on Monday.",
     "K=B-PER Chandrashekar=B-MISC Rao=I-MISC", "K Chandrashekar Rao", "person",
     "k-chandrashekar-rao"},
    {"Talks\n\nKarnataka chief minister B S Yediyurappa did not attend.",
     "B=B-PER S=O Yediyurappa=B-MISC", "B S Yediyurappa", "person", "b-s-yediyurappa"},
    {"Pills\n\nHe took Vitamin A Supplements daily.", "Vitamin=B-MISC A=I-MISC Supplements=B-MISC",
     "A Supplements", "-", NULL},
    {"Pills\n\nThey said A Chandler Group report was due.", "A=O Chandler=B-MISC Group=I-MISC",
     "A Chandler Group", "-", NULL},
    /* initials, a particle and a capitalized word are one person's name */
    {"Vote\n\nF.W. de Klerk became deputy president in Pretoria.", "F.W.=B-ORG de=O Klerk=O",
     "F.W. de Klerk", "person", "f-w-de-klerk"},
    /* a given name and a surname read as a miscellaneous name after a
     * title are a person's, the title the role */
    {"Budget\n\nGovernor Kathy Hochul signed the budget on Friday.",
     "Governor=B-ORG Kathy=B-MISC Hochul=I-MISC", "Kathy Hochul", "person", "kathy-hochul"},
    {"Budget\n\nGovernor Kathy Hochul signed the budget on Friday.",
     "Governor=B-ORG Kathy=B-MISC Hochul=I-MISC", "Governor", "-", NULL},
    /* a one-word reading of a person's surname joins the person */
    {"Jerome Turner scored twice. A cross from Turner set up the goal.", "from=O Turner=B-LOC",
     "Turner", "person", "jerome-turner"},
    /* a sentence's first word before an object pronoun or "how" is its
     * verb ("Move it", "Notice how"); a name before "told him" stays */
    {"Water it weekly. Move it outdoors in May.", "Move=B-PER", "Move", "-", NULL},
    {"The room is bright. Notice how the light falls.", "Notice=B-PER", "Notice", "-", NULL},
    {"The room is bright. Haskins told him so.", "Haskins=B-PER", "Haskins", "person", NULL},
    /* a word news writes in lower case (meta/lowercase.txt) opening a
     * sentence is the word; not where the document capitalizes it inside
     * a sentence, nor before no lower-case word */
    {"Debris fell on the road.", "Debris=B-PER", "Debris", "-", NULL},
    {"Silver said so. Nate Silver wrote it.", "Silver=B-PER said=O", "Silver", "person", NULL},
    {"Silver 2 Gold 1", "Silver=B-ORG", "Silver", "organization", NULL},
    /* a party member's word or a demonym read into one miscellaneous name
     * with a person's name: the person's name stands; not a title's words */
    {"In 1984, Democrat Walter Mondale, who promised higher taxes, lost.",
     "Democrat=B-MISC Walter=I-MISC Mondale=I-MISC", "Walter Mondale", "person", "walter-mondale"},
    {"Men confessed to killing the French Roman Catholic Bishop Pierre Claverie.",
     "French=B-MISC Roman=I-MISC Catholic=I-MISC Bishop=I-MISC Pierre=B-PER Claverie=I-PER",
     "Roman Catholic Bishop", "-", NULL},
    /* a person's name ends before a weekday, and a weekday alone is none */
    {"Albright will meet Foreign Minister Jose Miguel Insulza Monday for talks.",
     "Jose=B-PER Miguel=I-PER Insulza=I-PER Monday=I-PER", "Jose Miguel Insulza", "person",
     "jose-miguel-insulza"},
    {"Pope Francis on Saturday urged calm.", "Francis=B-PER on=I-PER Saturday=I-PER", "Francis",
     "person", NULL},
    {"They met on Monday to talk.", "Monday=B-PER", "Monday", "-", NULL},
    /* a letter alone is no name */
    {"Standings in Division B after four rounds.", "B=B-ORG", "B", "-", NULL},
    /* a sports role before a name is the person's title */
    {"That is what we aim for.\nCoach Berti Vogts has called up his squad.",
     "Coach=B-PER Berti=I-PER Vogts=I-PER", "Berti Vogts", "person", "berti-vogts"},
    /* a country read as an organization is the country, but for a club
     * of its name in a table or in brackets after a player */
    {"Clinton served as America's top diplomat.", "America=B-ORG", "America", "country",
     "united-states"},
    {"Trump would ban them from entering the U.S. next year.", "U.S.=B-ORG", "U.S.", "country",
     "united-states"},
    {"Guingamp 2 Monaco 1\nLens 0 Metz 1\n", "Monaco=B-ORG", "Monaco", "organization",
     "monaco-organization"},
    {"Enzo Scifo ( Monaco ) scored twice.", "Monaco=B-ORG", "Monaco", "organization",
     "monaco-organization"},
    /* a listed place, even one that may be a person's name, read as an
     * organization is the place, but on a sports page (a sports word) */
    {"He later flew back to Washington on Air Force Two.", "Washington=B-ORG", "Washington",
     "place", "washington"},
    {"The convention is three months away, in Cleveland.", "Cleveland=B-ORG", "Cleveland",
     "place", "cleveland"},
    {"Liverpool beat Chelsea in the semifinal on Sunday.", "Liverpool=B-ORG", "Liverpool",
     "organization", "liverpool-organization"},
    {"Barrichello finished fifth for Jordan at the Belgian Grand Prix.", "Jordan=B-ORG", "Jordan",
     "organization", "jordan-organization"},
    /* a listed place before a title and a name is the place, whatever the
     * model's class; a listed firm's name of two words is no person's */
    {"He said fellow candidate Texas Senator Ted Cruz had far to go.", "Texas=B-PER", "Texas",
     "place", "texas"},
    {"The big banks do more. Goldman Sachs, Morgan Stanley and others lend.",
     "Goldman=B-PER Sachs=I-PER", "Goldman Sachs", "organization", "goldman-sachs"},
};

static void test_misreadings_mended(void)
{
    eng->relabel = relabel;
    for (size_t i = 0; i < sizeof misreadings / sizeof *misreadings; i++) {
        const misreading *r = &misreadings[i];
        forced = r->reading;
        forced_hits = 0;
        ann_doc *d = run(r->text);
        CHECK(forced_hits == forced_runs());   /* the misreading was given */
        check_reading(d, r->mention, r->type, r->id);
        ann_doc_free(d);
    }
    eng->relabel = NULL;
}

/* One reading of a name, under the name's own id: the headline's
 * organization and the body's person are the person "trey-gowdy", not
 * "trey-gowdy-person". */
static void test_one_reading_id(void)
{
    eng->relabel = relabel;
    forced = "Trey=B-ORG Gowdy=I-ORG :=O";
    forced_hits = 0;
    ann_doc *d = run("Trey Gowdy: Benghazi Probe Helped Reveal Email Use\n\nRep. Trey Gowdy said "
                     "on Monday that the probe was fair. Rep. Trey Gowdy added that it was over.");
    CHECK(forced_hits == 1);
    const ann_entity *e = with_mention(d, "Trey Gowdy");
    CHECK(e && e->nmentions == 3);
    CHECK_STR(e ? e->id : NULL, "trey-gowdy");
    CHECK_STR(e ? e->type : NULL, "person");
    ann_doc_free(d);
    eng->relabel = NULL;
}

/* A listed name that is a function word of the document's language
 * opening a sentence is the word ("Oder": "or"); elsewhere the name. */
static void test_function_word_names(void)
{
    ann_doc *d = run("Titel\n\nIch weiß nicht, ob er kommt, und sie sagt es mir auch nicht. Oder "
                     "doch? Wir fahren an die Oder, denn die Stadt ist nicht weit. Seine Frau ist "
                     "auch dabei, und wir sind froh.");
    CHECK_STR(d->lang, "de");
    const ann_entity *oder = with_mention(d, "Oder");
    CHECK(oder && oder->nmentions == 1 && d->text[oder->mentions[0].start - 1] == ' ' &&
          strncmp(d->text + oder->mentions[0].start - 4, "die ", 4) == 0);
    CHECK(with_mention(d, "Seine") == NULL);
    ann_doc_free(d);
}

/* One document, one reading: a name read as a place in one place and as
 * an organization in another is the place outside a sports page, the
 * club and the city on one. */
static void test_place_read_as_body(void)
{
    static const char *const texts[] = {
        "Refugees settled in Clarkston over the years.\nThanks, Clarkston, for welcoming them.",
        "Refugees settled in Clarkston over the years.\nThanks, Clarkston, for the semifinal.",
    };
    eng->relabel = relabel;
    forced = "in=O Clarkston=B-LOC | Thanks=O ,=O Clarkston=B-ORG";
    for (int k = 0; k < 2; k++) {
        forced_hits = 0;
        ann_doc *d = run(texts[k]);
        CHECK(forced_hits == 2);
        const ann_entity *place = ann_doc_find_entity(d, "clarkston");
        const ann_entity *club = ann_doc_find_entity(d, "clarkston-organization");
        CHECK(place && strcmp(place->type, "place") == 0);
        CHECK(place && place->nmentions == (k == 0 ? 2u : 1u));
        CHECK(k == 0 ? !club || club->nmentions == 0 : club && club->nmentions == 1);
        ann_doc_free(d);
    }
    eng->relabel = NULL;
}

/* A user's meta/lowercase.txt adds to the built-in words; a word in
 * capitals there is refused with PATH:LINE. */
static void test_user_lowercase(void)
{
    char dir[] = "/tmp/annotate-lower.XXXXXX", path[256];
    int made = user_rules_tree(dir, "meta", "lowercase.txt", "# mine, not sorted\nzorblat\nabc\n",
                               path, sizeof path);
    CHECK(made == 0);
    if (made != 0)
        return;
    ann_engine *e = user_rules_engine(dir);
    CHECK(e != NULL);
    if (e) {
        e->relabel = relabel;
        forced = "Zorblat=B-PER";
        ann_doc *d = run_with(e, "Zorblat fell on the road.");
        CHECK(with_mention(d, "Zorblat") == NULL);
        ann_doc_free(d);
        forced = "Debris=B-PER";                 /* the built-in words stay */
        d = run_with(e, "Debris fell on the road.");
        CHECK(with_mention(d, "Debris") == NULL);
        ann_doc_free(d);
        eng->relabel = relabel;                   /* not without the user's */
        forced = "Zorblat=B-PER";
        d = run("Zorblat fell on the road.");
        CHECK(with_mention(d, "Zorblat") != NULL);
        eng->relabel = NULL;
        ann_doc_free(d);
    }
    ann_engine_free(e);
    user_rules_write(path, "zorblat\nZorb\n");
    CHECK(user_rules_refused(dir, path, 2, "want one word in lower case"));
    user_rules_remove(dir, "meta", path);
}

/* The offices of Commonwealth, Irish and Indian papers are titles: the
 * person's roles, no names ("Treasurer" was an organization). */
static void test_commonwealth_titles(void)
{
    ann_doc *d = run("CANBERRA: Treasurer Josh Frydenberg will hand down the budget. Shadow "
                     "Treasurer Jim Chalmers said so, and Chief Health Officer Jeannette Young "
                     "agreed.\n\nTamil Nadu chief minister M.K. Stalin opened it.");
    CHECK(has_role(with_mention(d, "Josh Frydenberg"), "Treasurer"));
    CHECK(has_role(with_mention(d, "Jim Chalmers"), "Shadow Treasurer"));
    CHECK(has_role(with_mention(d, "Jeannette Young"), "Chief Health Officer"));
    CHECK(has_role(with_mention(d, "M.K. Stalin"), "chief minister"));
    CHECK(with_mention(d, "Treasurer") == NULL);
    CHECK(with_mention(d, "Health") == NULL);
    ann_doc_free(d);
}

static void test_west_and_titles(void)
{
    ann_doc *d = run("The West hesitated, but the West Bank was calm. "
                     "NATO Secretary General Jens Stoltenberg said allies agreed.");
    CHECK_STR(id_of(d, "West"), "the-west");
    CHECK(with_mention(d, "West Bank") != NULL);
    CHECK_STR(id_of(d, "NATO"), "nato");
    const ann_entity *s = with_mention(d, "Jens Stoltenberg");
    CHECK(has_role(s, "Secretary General"));
    ann_doc_free(d);
}

static void test_quoted_titles_and_caps(void)
{
    ann_doc *d = run("A RAND report titled \"Overextending and Unbalancing Russia\" came out.\n\n"
                     "UKRAINE REPORT\n\nMichael Jordan visited Amman, Jordan.");
    const ann_entity *r = with_mention(d, "Russia");
    CHECK(r == NULL);                                   /* inside a quoted title */
    CHECK_STR(id_of(d, "UKRAINE"), "ukraine");          /* headlines in capitals */
    const ann_entity *j = with_mention(d, "Jordan");
    CHECK(j == NULL || strcmp(j->id, "jordan") != 0 || j->nmentions == 1);
    ann_doc_free(d);
}

/* The quotation and line around a name are remembered as the window goes
 * forward: several names in one quotation, then in the next ones. */
static void test_names_in_a_row_of_quotations(void)
{
    ann_doc *d = run("A book titled \"Why Russia and Ukraine Fight\" sold well. \"Russia will "
                     "win,\" he said. Ukraine disagreed, and \"Kyiv Stands\" was the reply of Kyiv.");
    const ann_entity *r = with_mention(d, "Russia");
    CHECK(r && r->nmentions == 1 && d->text[r->mentions[0].start - 1] == '"');
    const ann_entity *u = with_mention(d, "Ukraine");
    CHECK(u && u->nmentions == 1 && strncmp(d->text + u->mentions[0].end, " disagreed", 10) == 0);
    const ann_entity *k = with_mention(d, "Kyiv");
    CHECK(k && k->nmentions == 2);
    ann_doc_free(d);
    /* one entity for every spelling of an id, however often it comes back */
    d = run("Türkiye hosted. Turkey agreed. Türkiye signed. Turkey left.");
    const ann_entity *t = with_mention(d, "Turkey");
    CHECK(t && t->nmentions == 4);
    CHECK(t && with_mention(d, "Türkiye") == t);
    ann_doc_free(d);
}

/* Tokens are looked at through bit sets, 64 tokens a word: names, titles,
 * quotations and sentence starts at every offset from a word's edge. */
static void test_names_at_every_offset(void)
{
    const char *tail = "so \"Overextending and Unbalancing Russia\" came out. Ukrainian "
                       "President Volodymyr Zelensky visited Kyiv.";
    for (size_t k = 0; k < 140; k++) {
        size_t n = k * 3 + strlen(tail) + 1;
        char *text = malloc(n);
        for (size_t i = 0; i < k; i++)
            memcpy(text + i * 3, "so ", 3);
        strcpy(text + k * 3, tail);
        ann_doc *d = run(text);
        CHECK(with_mention(d, "Russia") == NULL);
        const ann_entity *z = with_mention(d, "Volodymyr Zelensky");
        CHECK(z && z->nmentions == 1 && has_role(z, "President"));
        const ann_entity *c = with_mention(d, "Kyiv");
        CHECK(c && c->nmentions == 1);
        ann_doc_free(d);
        free(text);
    }
}

static void test_ids_across_documents(void)
{
    /* the same lexicon entity gets the same id whatever the spelling */
    ann_doc *a = run("Türkiye hosted the talks.");
    ann_doc *b = run("Turkey hosted the talks.");
    CHECK_STR(id_of(a, "Türkiye"), id_of(b, "Turkey"));
    ann_doc_free(a);
    ann_doc_free(b);
}

/* Credits at the foot name the authors: the reporters, not the editors,
 * in any of the leads, and a line without one names nobody. */
static void test_reporting_credits(void)
{
    ann_doc *d = run("Kyiv talks stall\n\nTalks stalled on Thursday, officials said.\n\n"
                     "Reporting by Olena Harmash and Tom Balmforth in Kyiv; "
                     "Editing by Mark Heinrich\n");
    CHECK_INT(d->nauthors, 2);
    if (d->nauthors == 2) {
        CHECK_STR(d->authors[0], "Olena Harmash");
        CHECK_STR(d->authors[1], "Tom Balmforth");
    }
    ann_doc_free(d);
    d = run("Talks stall again\n\nThe talks stalled, officials said.\n\n"
            "(Writing by Bob Jones; Editing by Alex Richardson)\n");
    CHECK_INT(d->nauthors, 1);
    if (d->nauthors == 1)
        CHECK_STR(d->authors[0], "Bob Jones");
    ann_doc_free(d);
    d = run("Kyiv talks stall\n\nStandby power was cut by noon, officials said.\n\n"
            "Editing by Mark Heinrich\n");
    CHECK_INT(d->nauthors, 0);
    ann_doc_free(d);
    /* the lead that comes first in leads.tsv wins wherever it stands in
     * the line, in any case; a lead inside a word ("Rewriting by") is none */
    d = run("Talks stall again\n\nThe talks stalled, officials said.\n\n"
            "(Rewriting by Carl Holt; Writing by Ann Lee; REPORTING BY Bob Jones)\n");
    CHECK_INT(d->nauthors, 1);
    if (d->nauthors == 1)
        CHECK_STR(d->authors[0], "Bob Jones");
    ann_doc_free(d);
}

/* At the end of the document a surname joins the first full name that
 * ends in it, and an acronym the first organization it abbreviates, when
 * several would do. */
static void test_end_merges_take_the_first(void)
{
    ann_doc *d = run("Officials met on Monday, said Karlsson, who leads the group.\n\n"
                     "Later, Anna Karlsson and the Institute for Peace Research spoke. "
                     "The IPR said it would wait. Erik Karlsson, a lawyer, said nothing. "
                     "The Institute of Polar Research also spoke.\n");
    CHECK_STR(id_of(d, "Karlsson"), "anna-karlsson");
    CHECK_STR(id_of(d, "Erik Karlsson"), "erik-karlsson");
    CHECK_STR(id_of(d, "IPR"), "institute-for-peace-research");
    CHECK_STR(id_of(d, "Institute of Polar Research"), "institute-of-polar-research");
    ann_doc_free(d);
}

/* The id index grows from its own slots: every id is found across the
 * doublings, a second ann_doc_entity returns the first entity, and ids that
 * share a hash (DJB2: "Ez" and "FY") stay apart. */
static void test_id_index_growth(void)
{
    ann_doc *d = ann_doc_new("t", "t", ann_xstrdup(""), 0);
    char id[32];
    for (size_t i = 0; i < 1000; i++) {
        snprintf(id, sizeof id, "e%zu", i);
        ann_entity *e = ann_doc_entity(d, ANN_CAT_ACTOR, id, id, "person");
        ann_entity_add_mention(e, (ann_span){i, i + 1});
    }
    ann_doc_entity(d, ANN_CAT_ACTOR, "Ez", "Ez", "person");
    ann_doc_entity(d, ANN_CAT_ACTOR, "FY", "FY", "person");
    CHECK_INT(d->nents, 1002);
    for (size_t i = 0; i < 1000; i += 7) {
        snprintf(id, sizeof id, "e%zu", i);
        ann_entity *e = ann_doc_find_entity(d, id);
        CHECK(e && strcmp(e->id, id) == 0);
        CHECK(ann_doc_entity(d, ANN_CAT_ACTOR, id, "x", "place") == e);
    }
    CHECK_STR(ann_doc_find_entity(d, "Ez")->id, "Ez");
    CHECK_STR(ann_doc_find_entity(d, "FY")->id, "FY");
    CHECK(ann_doc_find_entity(d, "e1000") == NULL);
    CHECK_INT(d->nents, 1002);
    ann_doc_free(d);
}

/* ann_slug_into writes what ann_slug returns. */
static void test_slug_into(void)
{
    const char *names[] = {"Volodymyr Zelensky", "T\xC3\xBCrkiye", "O'Brien", "", "--", "\xC5\x81ukasz  X-1"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        size_t n = strlen(names[i]);
        char *a = ann_slug(names[i], n), *b = malloc(n * 2 + 1);
        size_t len = ann_slug_into(b, names[i], n);
        CHECK_STR(b, a);
        CHECK_INT(len, strlen(a));
        free(a);
        free(b);
    }
}

/* ---- names that need their context (issue 16, item 5) ------------------------- */

static int has_id(const ann_doc *d, const char *id)
{
    for (size_t i = 0; i < d->nents; i++)
        if (d->ents[i].nmentions && strcmp(d->ents[i].id, id) == 0)
            return 1;
    return 0;
}

static int has_person(const ann_doc *d)
{
    for (size_t i = 0; i < d->nents; i++)
        if (d->ents[i].nmentions && d->ents[i].person)
            return 1;
    return 0;
}

static void test_ambiguous_need_context(void)
{
    /* an acronym that is also a technical word */
    ann_doc *d = run("Subscribe to our RSS feed for updates, or read the RSS page.");
    CHECK(!has_id(d, "rashtriya-swayamsevak-sangh"));
    ann_doc_free(d);
    d = run("The RSS, the Hindu nationalist group close to Modi, met in Nagpur, India.");
    CHECK_STR(id_of(d, "RSS"), "rashtriya-swayamsevak-sangh");
    ann_doc_free(d);
    /* a short form that is part of other names */
    d = run("The photos are licensed under Creative Commons and hosted on Wikimedia Commons. "
            "Commons has millions of files.");
    CHECK(!has_id(d, "house-of-commons"));
    CHECK(with_mention(d, "Commons") == NULL || strcmp(id_of(d, "Commons"), "house-of-commons") != 0);
    ann_doc_free(d);
    d = run("MPs in the Commons voted with the government, the Speaker said.");
    CHECK_STR(id_of(d, "Commons"), "house-of-commons");
    ann_doc_free(d);
    /* a US state's General Assembly is not the UN's */
    d = run("The Virginia General Assembly passed the bill on Tuesday. Lawmakers in the "
            "General Assembly of North Carolina agreed.");
    CHECK(!has_id(d, "united-nations-general-assembly"));
    ann_doc_free(d);
    d = run("The UN General Assembly met in New York. The General Assembly voted.");
    CHECK_STR(id_of(d, "General Assembly"), "united-nations-general-assembly");
    ann_doc_free(d);
    /* a title word before an organization's head */
    d = run("Arsenal lead the Premier League after beating Chelsea.");
    CHECK(!has_id(d, "league"));
    CHECK(with_mention(d, "League") == NULL);
    const ann_entity *p = with_mention(d, "Premier League");
    CHECK(p == NULL || !p->person);
    ann_doc_free(d);
    /* a compass word inside a longer name */
    d = run("She studied at the University of West of England in Bristol.");
    CHECK(!has_id(d, "the-west"));
    ann_doc_free(d);
    /* one surface, two entries: the one whose context the document holds */
    d = run("Primary results\n\nTrump won in Georgia on Tuesday, while Clinton led in Atlanta.");
    CHECK_STR(id_of(d, "Georgia"), "georgia-us-state");
    ann_doc_free(d);
    d = run("Tbilisi talks\n\nGeorgia and Russia fought a war in 2008, its president said in Tbilisi.");
    CHECK_STR(id_of(d, "Georgia"), "georgia");
    ann_doc_free(d);
}

static void test_credit_lines(void)
{
    ann_doc *d = run("President Joe Biden speaks in Washington. (Photo by Alex Wong/Getty Images)");
    CHECK(with_mention(d, "Alex Wong") == NULL);
    CHECK(with_mention(d, "Joe Biden") != NULL);
    ann_doc_free(d);
    d = run("The minister arrives in Kyiv.\nAlex Wong/Getty Images\n\nTalks began on Monday.");
    CHECK(with_mention(d, "Alex Wong") == NULL);
    ann_doc_free(d);
    d = run("Protesters gather in Paris. Reuters/Kevin Lamarque\n\nPhoto: Jane Okonkwo\n\n"
            "Credit: Marta Ilyenko");
    CHECK(with_mention(d, "Kevin Lamarque") == NULL);
    CHECK(with_mention(d, "Jane Okonkwo") == NULL);
    CHECK(with_mention(d, "Marta Ilyenko") == NULL);
    CHECK(!has_person(d));
    ann_doc_free(d);
}

/* Soft hyphens and zero-width characters inside words: the names match as
 * without them, and the spans still cover the characters as written. */
static void test_invisible_characters(void)
{
    const char *s = "Russian President Vladi\u00ADmir Putin met Volo\u200Bdymyr Zelensky "
                    "and Ognyan Petro\u00ADvski in Istan\u2060bul.";
    ann_doc *d = run(s);
    const ann_entity *p = with_mention(d, "Vladi\u00ADmir Putin");
    CHECK_STR(p ? p->id : NULL, "vladimir-putin");
    CHECK_STR(id_of(d, "Volo\u200Bdymyr Zelensky"), "volodymyr-zelensky");
    CHECK_STR(id_of(d, "Istan\u2060bul"), "istanbul");
    const ann_entity *o = with_mention(d, "Ognyan Petro\u00ADvski");
    CHECK_STR(o ? o->id : NULL, "ognyan-petrovski");
    CHECK_STR(o ? o->name : NULL, "Ognyan Petrovski");
    /* offsets unchanged: the mention covers the soft hyphen */
    const char *at = strstr(s, "Vladi");
    CHECK(p && p->mentions[0].start == (size_t)(at - s) &&
          p->mentions[0].end == (size_t)(at - s) + strlen("Vladi\u00ADmir Putin"));
    ann_doc_free(d);
    /* the tokenizer: one word, its hashes those of the word without it */
    ann_tokens t = {0};
    const char *w = "Vladi\u00ADmir \u00ADlead trail\u200B";
    ann_tokenize_all(w, strlen(w), &t);
    CHECK(t.n >= 3);
    CHECK(t.n >= 1 && (t.v[0].flags & ANN_TF_INVISIBLE) && t.v[0].end == strlen("Vladi\u00ADmir"));
    CHECK(t.n >= 1 && t.v[0].hash == ann_hash("Vladimir", 8) && t.v[0].lhash == ann_hash_lower("Vladimir", 8));
    CHECK_INT(t.n >= 1 ? t.v[0].ncp : 0, 8);
    CHECK(t.n >= 1 && (t.v[0].flags & ANN_TF_TITLE));
    /* not inside a word: at its start or end it is no part of it */
    size_t lead = 0;
    for (size_t k = 0; k < t.n; k++)
        if (t.v[k].end - t.v[k].start == 4 && memcmp(w + t.v[k].start, "lead", 4) == 0)
            lead = 1;
    CHECK(lead);
    ann_tokens_free(&t);
    CHECK(ann_eq_visible("Vladi\u00ADmir", strlen("Vladi\u00ADmir"), "Vladimir", 8));
    CHECK(!ann_eq_visible("Vladi\u00ADmi", strlen("Vladi\u00ADmi"), "Vladimir", 8));
    CHECK(ann_eq_visible("a\u200B\u200Cb", strlen("a\u200B\u200Cb"), "ab", 2));
    CHECK_INT(ann_invisible_at("\u00AD", 2), 2);
    CHECK_INT(ann_invisible_at("\u00AD", 1), 0);
    CHECK_INT(ann_invisible_at("\u2060", 3), 3);
    CHECK_INT(ann_invisible_at("\u2061", 3), 0);
}

/* Whether two documents' entities are the same: ids, names, types,
 * mentions and roles, in order. */
static int same_entities(const ann_doc *a, const ann_doc *b)
{
    if (a->nents != b->nents)
        return 0;
    for (size_t i = 0; i < a->nents; i++) {
        const ann_entity *x = &a->ents[i], *y = &b->ents[i];
        if (strcmp(x->id, y->id) || strcmp(x->name, y->name) || strcmp(x->type, y->type) ||
            x->nmentions != y->nmentions || x->nroles != y->nroles)
            return 0;
        for (size_t k = 0; k < x->nmentions; k++)
            if (x->mentions[k].start != y->mentions[k].start ||
                x->mentions[k].end != y->mentions[k].end)
                return 0;
        for (size_t k = 0; k < x->nroles; k++)
            if (strcmp(x->roles[k], y->roles[k]))
                return 0;
    }
    return a->ndates == b->ndates && a->nclaims == b->nclaims;
}

/* A thread's scratch keeps the name finder's state from one document to
 * the next (ann_entities_reset): what one document leaves in it (names,
 * acronyms, the tagger's memo, a longer window) changes nothing of the
 * next, which reads as it does alone. */
static void test_scratch_reuse(void)
{
    static const char *const texts[] = {
        "Ukrainian President Volodymyr Zelensky spoke on Monday. Zelensky's office said "
        "the talks would go on, the BBC reported. NATO and the North Atlantic Treaty "
        "Organization (NATO) met in Brussels.",
        "Mr. Johnson said on Tuesday that Boris Johnson would not resign. Johnson, 59, "
        "told the BBC: \"I will stay.\" The EU and Apple Inc. declined to comment.",
        "Die Regierung in Berlin hat am Montag beschlossen, dass Angela Merkel spricht.",
        "",
        "ZELENSKY MEETS BIDEN\n\nJoe Biden met Zelensky. Biden said the US would help.",
        /* a word the memo of one document reads one way, the next another */
        "Jordan Peterson spoke. Jordan said it. Jordan laughed. Jordan left, and Jordan "
        "came back. Jordan Peterson said so. Jordan agreed with Jordan Smith.",
        "Talks in Jordan went on. Jordan and Syria agreed; in Jordan, Amman welcomed it. "
        "Jordan said so.",
    };
    size_t n = sizeof texts / sizeof *texts;
    ann_doc *alone[sizeof texts / sizeof *texts];
    for (size_t i = 0; i < n; i++)
        alone[i] = run(texts[i]);
    ann_scratch *s = ann_scratch_new();
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < n; i++) {
            size_t k = round ? n - 1 - i : i;
            ann_doc *d = ann_doc_from_bytes("t", "t", texts[k], strlen(texts[k]));
            ann_annotate_with(eng, d, s);
            CHECK(same_entities(d, alone[k]));
            ann_doc_free(d);
        }
    ann_scratch_free(s);
    for (size_t i = 0; i < n; i++)
        ann_doc_free(alone[i]);
}

int main(void)
{
    eng = builtin_engine();
    test_known_and_aliases();
    test_unknown_person();
    test_organizations();
    test_datelines();
    test_commonwealth_titles();
    test_sources();
    test_compounds_and_documents();
    test_common_nouns();
    test_headline_runs();
    test_readings();
    test_misreadings_mended();
    test_place_read_as_body();
    test_function_word_names();
    test_one_reading_id();
    test_user_lowercase();
    test_west_and_titles();
    test_quoted_titles_and_caps();
    test_names_in_a_row_of_quotations();
    test_ids_across_documents();
    test_names_at_every_offset();
    test_reporting_credits();
    test_end_merges_take_the_first();
    test_id_index_growth();
    test_slug_into();
    test_ambiguous_need_context();
    test_credit_lines();
    test_invisible_characters();
    test_scratch_reuse();
    ann_engine_free(eng);
    TEST_DONE();
}
