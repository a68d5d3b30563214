/*
 * claims_verb.c - claims at verb cues: the content before the cue ("“…,” X
 * said", "…, X said") or after it ("X said that …", "X told Y: “…”",
 * "urged Y to …"), quoted phrases and "as" complements of naming verbs
 * ("calls it “a farce”", "described X as Y"), and the speaker beside the
 * cue, after it ("said X"), or in the subject of the sentence.
 *
 * Everything is shallow pattern work over tokens: the speaker is the noun
 * phrase next to the cue, the content runs to the end of the clause.
 */
#include <string.h>
#include <strings.h>

#include "ann.h"
#include "claims_int.h"

typedef struct cue_ctx {
    size_t i, ce, lo;
    size_t k;                /* cl_skip_adv_left(i - 1, lo): the word before
                              * the cue and what stands between them */
    const cl_cue *c;
    ann_span cue, sp;
    const char *medium;
    int nested, as_clause;
    int inverted;            /* a speaker was found after the cue ("said X") */
    int gap;                 /* the cue sits in a relative clause whose
                              * pronoun is the content's subject ("which
                              * officials said will …") */
} cue_ctx;

static const char *medium_of(const cl_view *v, const cl_cue *c)
{
    if ((c->cls & CL_TWITTER) && ann_doc_find_entity(v->doc, "twitter"))
        return "twitter";
    return NULL;
}

/* What follows "X said" when the content came before it: a short tail
 * ("told the British newspaper") and then the end of the sentence (1), a
 * comma that makes the attribution a parenthesis (2), or anything else
 * that shows the content is still to come (0).  *end: the closing token. */
/* Does a predicate go on at j: an auxiliary, a form of "be", a verb in
 * the past ("meant", "had", "decided")? */
static int predicate_at(const cl_view *v, size_t j)
{
    return auxiliary(v, j) || cl_negated_aux(v, j) || kind(v, j, CL_W_BE) ||
           (W(v, j) && (v->t[j].flags & ANN_TF_LOWER) &&
            (ends_with(v, j, "ed") || in_set(v, j, CL_S_PAST)));
}

/* Tokens of a relative clause after a speaker that ends the sentence. */
#define CL_REL_TAIL 40

/* Does a relative clause on a speaker after its cue open at j and end
 * the sentence ("…, said an official who spoke anonymously", "…, said
 * a handful of Democrats who point to his ties with labor")?  Its verbs
 * are its own, no cues; no quotation, colon or semicolon in it.  Sets
 * *end to the sentence's last token. */
static int relative_tail(const cl_view *v, size_t j, size_t *end)
{
    if (!(is(v, j, "who") || is(v, j, "whose")))
        return 0;
    for (size_t k = j + 1; k < v->n && k < j + CL_REL_TAIL; k++) {
        if (ss(v, k) || (v->t[k].flags & ANN_TF_PARA_START)) {
            *end = k - 1;
            return 1;
        }
        if (sentence_final(v, k)) {
            *end = k;
            return 1;
        }
        /* "said the staff member who succeeded him, Paul Manafort,
         * should be …": a clause that goes on, no speaker */
        if (v->t[k].kind == ANN_TOK_QUOTE || pc(v, k, ':') || pc(v, k, ';') ||
            (pc(v, k, ',') && predicate_at(v, k + 1)))
            return 0;
    }
    return 0;
}

static int post_tail(const cl_view *v, size_t j, size_t *end)
{
    size_t k = j;
    if (pc(v, k, '(') && cl_paren_close(v, k) != CL_NONE)
        k = cl_paren_close(v, k) + 1;   /* "said Rep. Jim Clyburn (D-S.C.), …" */
    for (; k < v->n && k < j + 25; k++) {
        if (ss(v, k) || (v->t[k].flags & ANN_TF_PARA_START)) {
            *end = k - 1;
            return 1;
        }
        if (sentence_final(v, k) || pc(v, k, ';')) {
            *end = k;
            return 1;
        }
        if (pc(v, k, ',')) {
            *end = k;
            return qopen(v, k + 1) ? 3 : 2;    /* “A,” X said, “B.” or X said, “B.” */
        }
        if (cl_cue_at(v, k) && k > j && (is(v, k - 1, "when") || is(v, k - 1, "after") ||
                                   is(v, k - 1, "before") || is(v, k - 1, "while")))
            continue;                            /* "told the BBC when asked …" */
        if (is(v, k, "that") || v->t[k].kind == ANN_TOK_QUOTE ||
            v->t[k].kind == ANN_TOK_PUNCT || cl_cue_at(v, k))
            return 0;
    }
    if (k >= v->n) {            /* the text ends the sentence: "said at 3 p.m." */
        *end = v->n - 1;
        return 1;
    }
    return 0;
}

/* Tokens the rest of an attribution's sentence may run to before a
 * quotation that continues it ("said X, a longtime adviser of … . “B”"). */
#define CL_REST 80

/* Tokens of a title in quotation marks inside such a rest. */
#define CL_TITLE 8

static int complementizer(const cl_view *v, size_t j);

/* “A,” X said. “B” — the second part belongs to the first when it has no
 * speaker of its own, also past the rest of the attribution's sentence
 * (an appositive, a relative clause) when that holds no quotation and no
 * cue.  next is the token after the speaker's phrase.  Returns the closing
 * mark to end on, or CL_NONE. */
static size_t split_rest(cl_view *v, size_t next)
{
    int relative = 0;            /* "said X, who said he left on good terms." */
    int participle = 0;          /* "said, pointing to the store." */
    int cue = 0;                 /* "said X, after Y declared him the victor." */
    for (size_t k = next; !qopen(v, k); k++) {
        /* a short title in the tail: "showing off the “Make America
         * Great Again” hat" */
        if (k > next && k + 1 < v->n && qopen(v, k + 1) &&
            W(v, k) && v->mate[k + 1] < k + 1 + CL_TITLE) {
            k = v->mate[k + 1];
            continue;
        }
        if (k >= v->n || k >= next + CL_REST || v->t[k].kind == ANN_TOK_QUOTE ||
            (v->t[k].flags & ANN_TF_PARA_START) || ss(v, k) ||
            (participle && (complementizer(v, k) || pc(v, k, ':'))))
            return CL_NONE;
        if (cl_cue_at(v, k) && (v->t[k].flags & ANN_TF_LOWER) && !relative &&
            !(k > 0 && is(v, k - 1, "to"))) {
            /* a participle set off by a comma whose object is no clause
             * ("pointing to the store", "asked about it", not "adding that
             * …"); a cue in an infinitive ("a term used to describe X") */
            if ((is_ing(v, k) || ends_with(v, k, "ed")) && k > 0 && pc(v, k - 1, ','))
                participle = 1;
            else
                cue = 1;
        }
        relative |= is(v, k, "who") || is(v, k, "which");
        /* “A,” X said. “B”, also after an abbreviation that holds the
         * sentence's period ("of Jacksonville, Fla. “B”"); “A,” said X,
         * an economist, “b …”.  A cue in the rest makes its own claim of
         * what follows it in the sentence, but a quotation that opens the
         * next sentence is still the first speaker's. */
        if ((sentence_final(v, k) || (W(v, k) && v->text[v->t[k].end - 1] == '.') ||
             (pc(v, k, ',') && k > next && !cue)) && qopen(v, k + 1)) {
            next = k + 1;
            break;
        }
    }
    if (!qopen(v, next) || v->used[next] || (v->t[next].flags & ANN_TF_PARA_START))
        return CL_NONE;
    size_t close = v->mate[next];
    if (cl_attributed_after(v, close))
        return CL_NONE;
    v->used[next] = 1;
    return close;
}

/* Tokens looked at for the comma that ends an opening phrase. */
#define CL_OPENER 40

/* Tokens a parenthesis set off by commas may hold ("X, via Y, had"). */
#define CL_COMMA_ASIDE 6

/* Does a comma in tokens [a, b) end a phrase, other than a short aside
 * that two commas set off ("The UK, via Operation Orbital, had …")? */
static int comma_between(const cl_view *v, size_t a, size_t b)
{
    if (b > a + CL_REST)
        return 1;               /* so long a stretch is no one clause */
    for (size_t k = a; k < b; k++) {
        if (!pc(v, k, ','))
            continue;
        size_t m = k + 1;
        while (m < b && m <= k + CL_COMMA_ASIDE && !pc(v, m, ','))
            m++;
        if (m >= b || !pc(v, m, ','))
            return 1;
        k = m;
    }
    return 0;
}

/* Does the quotation that the mark at cq closes open its sentence, or
 * follow another sentence or quotation? */
static int quote_opens(const cl_view *v, size_t cq)
{
    size_t o = v->mate[cq];
    return ss(v, o) || (o > 0 && (sentence_final(v, o - 1) || qclose(v, o - 1)));
}

/* Does a clause follow the prepositional phrase that opens the sentence
 * at s, before the comma at comma ("In a general election, he could win
 * the South, Sabato said"), or is all before that comma the phrase, the
 * verb's own ("In December 2021, Russia proposed …")?  A clause is a
 * comma after the phrase's first words and a subject and verb after it. */
static int opener_clause(const cl_view *v, size_t s, size_t comma)
{
    for (size_t k = s + 2; k + 3 < comma && k < s + CL_OPENER; k++)
        if (pc(v, k, ','))
            return !connector(v, k + 1) && !preposition(v, k + 1) && !pc(v, k + 1, ',');
    return 0;
}

/* "about half of the adjustment", "Around 30 to 70 people": "about" or
 * "around" before a number or a share opens a count, a subject, not a
 * phrase of the verb's. */
static int count_start(const cl_view *v, size_t j)
{
    return (is(v, j, "about") || is(v, j, "around")) && j + 1 < v->n &&
           (v->t[j + 1].kind == ANN_TOK_NUMBER || in_set(v, j + 1, CL_S_NUM));
}

/* The content stood before the cue: "“…,” X said", "…, said X", and the
 * parenthetical "…, X said, …".  Returns 0 when what stands before the
 * comma is no statement ("In December 2021, Russia proposed …"). */
static int post_claim(cl_view *v, size_t comma, int how, size_t tend, unsigned cue_cls,
                      ann_span cue, ann_span sp, const char *medium, int nested)
{
    size_t cq = qclose(v, comma) ? comma :
                (pc(v, comma, ',') && comma > 0 && qclose(v, comma - 1)) ? comma - 1 : CL_NONE;
    if (cq != CL_NONE) {
        size_t o = v->mate[cq];
        if (quote_opens(v, cq)) {
            ann_span content = { v->t[o].end, v->t[cq].start };
            size_t rest = split_rest(v, tend + 1);
            if (rest != CL_NONE)
                content.end = v->t[rest].start;
            v->used[o] = 1;
            if (!cl_first_person(v, sp) && content.end > content.start)
                cl_emit(v, ANN_CLAIM_DIRECT, content, cue, sp, medium, nested);
            return 1;
        }
    }
    /* a verb that only closes a quotation ("…,” he continued") */
    if (!(cue_cls & ~CL_INV))
        return 0;
    size_t s = cl_sent_start(v, cq != CL_NONE ? cq : comma);
    if (how == 2) {
        size_t after = tend + 1;
        if (comma > s && (is(v, comma - 1, "which") || is(v, comma - 1, "who")))
            s = after;
        else if ((kind(v, s, CL_W_STOP | CL_W_ADV) || ly_adverb(v, s)) && pc(v, s + 1, ','))
            s += 2;
        /* "The bill, the senator said, is dead": both sides; "In a
         * statement, X said, …": the opening phrase is the verb's */
        if (s != after && preposition(v, s) && !opener_clause(v, s, comma))
            s = after;          /* "In a television interview Wednesday, …" */
        cl_emit_tokens(v, s, cl_content_end(v, after, 0), cue, sp, medium, nested);
        return 1;
    }
    /* "According to the FBI summary, Mills asked …": the source of the
     * clause after the comma, no content of the verb after it */
    if (cl_cue_at(v, s) && (cl_cue_at(v, s)->cls & CL_ACCORD) && !comma_between(v, s + 1, comma))
        return 0;
    /* "As reported by X, investigators found …": so "as", a cue and its
     * agent (as_by_opener) */
    if (is(v, s, "as") && cl_cue_at(v, s + 1) && is(v, s + 1 + cl_cue_at(v, s + 1)->n, "by") &&
        !comma_between(v, s + 1, comma))
        return 0;
    /* "While the UK had trained 22,000 fighters, as noted by X": the
     * clause without the word that subordinates it */
    if (in_set(v, s, CL_S_SUB) && comma >= s + 5 && !comma_between(v, s + 1, comma))
        s++;
    else if (comma < s + 4 ||
             (preposition(v, s) && !opener_clause(v, s, comma) && !count_start(v, s)))
        return 0;                       /* but "About 270 people …, officials said" */
    /* "The deal “looks out for …,” X wrote. “That is unacceptable.”": a
     * mixed content split by its cue goes on in the quotation after it,
     * as a direct one does; only where the quotation opens on a word
     * inside the clause, not after a colon (a quotation of its own) */
    size_t o = cq != CL_NONE ? v->mate[cq] : CL_NONE;
    size_t rest = o != CL_NONE && o > s && W(v, o + 1) && !pc(v, o - 1, ':') ?
                  split_rest(v, tend + 1) : CL_NONE;
    cl_emit_tokens(v, s, rest != CL_NONE ? rest : comma, cue, sp, medium, nested);
    return 1;
}

/* Skips an addressee: "him", "reporters", "the Ukrainian president". */
static size_t skip_object(const cl_view *v, size_t j)
{
    if (kind(v, j, CL_W_OBJ))
        return j + 1;
    size_t b = cl_np_right(v, j, v->n, 0);
    if (b != CL_NONE && poss(v, b + 1) && qopen(v, b + 2))
        return v->mate[b + 2] + 1;      /* "told MSNBC’s “Morning Joe” that" */
    return b == CL_NONE ? j : b + 1;
}

/* An object not in the speaker lexicon ("the farmers", "the reform") when
 * what must follow it does: a determiner and a few plain words before
 * "to" (want_to) or an opening quotation mark. */
static size_t skip_object_before(const cl_view *v, size_t j, int want_to)
{
    size_t q = skip_object(v, j);
    if ((q > j && (want_to ? is(v, q, "to") : qopen(v, q))) ||
        !(kind(v, j, CL_W_DET) || np_mod(v, j)))
        return q;
    /* "urged the farmers to", and before "to" any noun: "urged colleagues
     * to"; before a quotation "called Wells Fargo’s behavior “…”" */
    for (size_t m = j + 1; m < v->n && m < j + 6; m++) {
        if (want_to ? is(v, m, "to") : qopen(v, m))
            return m > j + 1 || !kind(v, j, CL_W_DET) ? m : j;
        if (!(W(v, m) || poss(v, m)) || cl_cue_at(v, m) || kind(v, m, CL_W_STOP) || ss(v, m))
            break;
    }
    return q;
}

/* "that" introducing a clause, not the determiner of "that day". */
static int complementizer(const cl_view *v, size_t j)
{
    if (!is(v, j, "that") || (j > 0 && is(v, j - 1, "those")))
        return 0;                      /* "those that" is relative */
    return !time_noun(v, j + 1);
}

/* Steps over adverbs and "for the first time", which may stand even
 * between a verb and its object. */
static size_t skip_simple(const cl_view *v, size_t j)
{
    for (;;) {
        if ((is(v, j, "last") || is(v, j, "this") || is(v, j, "next")) &&
            time_noun(v, j + 1))
            j += 2;                                  /* "last week" */
        else if (j < v->n && adverbial(v, j) && !ss(v, j + 1) && !poss(v, j + 1))
            j++;                                     /* not "Monday's decision" */
        else if ((is(v, j, "on") || is(v, j, "at")) && in_set(v, j + 1, CL_S_ADVB) &&
                 capw(v, j + 1) && !ss(v, j + 2))
            j += 2;                                  /* "on Monday" */
        else if (j < v->n && (v->t[j].kind == ANN_TOK_NUMBER || W(v, j)) && time_noun(v, j + 1) &&
                 is(v, j + 2, "ago"))
            j += 3;                                  /* "two weeks ago" */
        else if (!is(v, j, "for"))
            return j;
        else if (time_noun(v, j + 1) && ends_with(v, j + 1, "s"))
            j += 2;                                  /* "has said for weeks" */
        else if (is(v, j + 1, "the") && is(v, j + 3, "time") &&
                 (is(v, j + 2, "first") || is(v, j + 2, "second") ||
                  is(v, j + 2, "last") || is(v, j + 2, "third")))
            j += 4;
        else
            return j;
    }
}

/* Tokens an aside between dashes after a cue may hold. */
#define CL_DASH_AHEAD 12

/* A cue word in title case after a capitalized word, not at a sentence's
 * start, is the last word of a name ("with The Associated Press", "to
 * The Washington Post"), not a verb of the phrase. */
static int cue_in_name(const cl_view *v, size_t m)
{
    return m > 0 && (v->t[m].flags & ANN_TF_TITLE) && !ss(v, m) && capw(v, m - 1) &&
           !ss(v, m - 1);
}

/* "at one point", "at some point": a cue word after "at" and a
 * determiner is a noun of a phrase of time ("at one point to wave to his
 * family", "saying at one point, “…”"). */
static int at_point(const cl_view *v, size_t m)
{
    /* the length first: a cue is looked at on many walks */
    return m > 1 && v->t[m - 2].end - v->t[m - 2].start == 2 && is(v, m - 2, "at") && !ss(v, m) &&
           (kind(v, m - 1, CL_W_DET) || is(v, m - 1, "one"));
}

/* Steps over "later", "in a 2023 interview", "on Monday" to what
 * introduces the content ("that", a colon, a quotation).  Returns j when
 * there is nothing to step over, CL_NONE when a phrase leads nowhere. */
static size_t skip_adverbials(const cl_view *v, size_t j)
{
    j = skip_simple(v, j);
    /* "said — on Twitter, as it happens — that …": an aside between dashes */
    if (j < v->n && v->t[j].kind == ANN_TOK_DASH) {
        size_t m = j + 1;
        while (m < v->n && m < j + CL_DASH_AHEAD && v->t[m].kind != ANN_TOK_DASH &&
               !sentence_final(v, m) && !ss(v, m) && !cl_cue_at(v, m))
            m++;
        if (m < v->n && v->t[m].kind == ANN_TOK_DASH && m > j + 1 &&
            (complementizer(v, m + 1) || pc(v, m + 1, ':') || qopen(v, m + 1)))
            return m + 1;
    }
    /* "agreed to begin …" is an infinitive, not a phrase to step over;
     * "at least six planes" a count, and so "about half of the
     * adjustment", "around 30 people" (count_start) */
    if ((!preposition(v, j) || is(v, j, "to") || (is(v, j, "at") && is(v, j + 1, "least")) ||
         count_start(v, j)) &&
        !pc(v, j, ','))
        return j;
    if (pc(v, j, ',') && (qopen(v, j + 1) || is(v, j + 1, "that")))
        return j;
    for (size_t m = j + 1; m < v->n && m < j + 15; m++) {
        if (ss(v, m) || (cl_cue_at(v, m) && !cue_in_name(v, m) && !at_point(v, m)) ||
            sentence_final(v, m) || pc(v, m, ';'))
            break;
        /* "said on ABC's “This Week” that …": a title, then the clause */
        if (qopen(v, m) && complementizer(v, v->mate[m] + 1))
            return v->mate[m] + 1;
        if (complementizer(v, m) || pc(v, m, ':') || qopen(v, m))
            return m;
        if (pc(v, m, ',') && qopen(v, m + 1))
            return m;
    }
    return CL_NONE;
}

/* A bare noun after the verb is a clause's subject ("said talks would
 * resume") only when an auxiliary soon follows; otherwise it is the
 * verb's object ("maintained contacts with both sides"). */
static int clause_follows(const cl_view *v, size_t j)
{
    /* "said disagreements broke out", "said long lines kept many": a plural
     * noun soon after and a word of an open class after it */
    for (size_t k = j; k < v->n && k < j + 3 && W(v, k); k++)
        if (ends_with(v, k, "s") && !ends_with(v, k, "ss") && open_word(v, k) &&
            open_word(v, k + 1) && !ends_with(v, k + 1, "s"))
            return 1;
    for (size_t k = j + 1; k < v->n && k < j + 12; k++) {
        /* "would", "aren't", and a verb in the past after a noun (not
         * after "who"), an adverb in -ly between: "said closed primaries
         * deny", "said emails contained", "said contractors eventually
         * built" */
        size_t p = ly_adverb(v, k - 1) && k - 1 > j ? k - 2 : k - 1;
        if (auxiliary(v, k) || cl_negated_aux(v, k) ||
            ((v->t[k].flags & ANN_TF_LOWER) && (ends_with(v, k, "ed") || in_set(v, k, CL_S_PAST)) &&
             (np_mod(v, p) || capw(v, p)) && !kind(v, p, CL_W_DET) && !in_set(v, p, CL_S_WH)))
            return 1;
        /* the predicate quoted after its subject: "says caucuses “are
         * such an unknown”", "said immigration reform “is a ‘when’
         * question”" */
        if (qopen(v, k) && (np_mod(v, k - 1) || capw(v, k - 1)) && !kind(v, k - 1, CL_W_DET) &&
            (auxiliary(v, k + 1) || cl_negated_aux(v, k + 1) || kind(v, k + 1, CL_W_BE)) &&
            (v->t[k + 1].flags & ANN_TF_LOWER))
            return 1;
        /* a number goes on the phrase: "said succeeding in 2016 is" */
        if ((!W(v, k) && v->t[k].kind != ANN_TOK_NUMBER) || ss(v, k) || cl_cue_at(v, k))
            return (k > j + 1 && cl_cue_at(v, k) && (v->t[k].flags & ANN_TF_LOWER) &&
                    !is(v, k - 1, "to")) ||
                   (W(v, k) && cl_negated_aux(v, k));
    }
    return 0;
}

/* Words between a bare clause's subject and its auxiliary. */
#define CL_SUBJ_AUX 6

/* Does an auxiliary follow j within a few words, with no punctuation and
 * no cue between ("praise from Putin would")? */
static int aux_soon(const cl_view *v, size_t j)
{
    for (size_t k = j + 1; k < v->n && k <= j + CL_SUBJ_AUX && W(v, k) && !ss(v, k); k++) {
        if (auxiliary(v, k) || cl_negated_aux(v, k))
            return 1;
        if (cl_cue_at(v, k))
            return 0;
    }
    return 0;
}

/* Can a bare clause ("said the talks failed") start at j? */
static int bare_ok(const cl_view *v, size_t j)
{
    if (j >= v->n || ss(v, j) || is(v, j, "to"))
        return 0;               /* "hopes to have finished": an infinitive */
    if (v->t[j].kind == ANN_TOK_NUMBER)
        return 1;
    /* "said comments from Rice were …", "said praise from Putin would
     * not …": a noun that is also a cue, plural or before an auxiliary */
    if (!W(v, j) || (cl_cue_at(v, j) && !((ends_with(v, j, "s") || aux_soon(v, j)) &&
                                          clause_follows(v, j))))
        return 0;
    if (kind(v, j, CL_W_PRON | CL_W_HEAD) && !kind(v, j, CL_W_OBJ))
        return 1;                      /* "said he'd go", "said people misunderstand" */
    if (!(cl_info(v, j) & CL_W_STOP))
        return !kind(v, j, CL_W_OBJ) && (capw(v, j) || clause_follows(v, j));
    /* "maintained a consistent position" is an object, "said a deal was
     * close" a clause, and so "said none of them would" */
    return in_set(v, j, CL_S_BARE) ? !(is(v, j, "a") || is(v, j, "an")) || clause_follows(v, j)
                                   : !kind(v, j, CL_W_OBJ) && clause_follows(v, j);
}

/* "published a report on April 1 that …", "maintained a consistent
 * position: …": the "that" or colon a few words after q that introduces
 * the content, or none_found. */
static size_t introducer_ahead(const cl_view *v, size_t q, size_t none_found)
{
    for (size_t m = q; m < v->n && m < q + 12; m++) {
        if ((m > q && ss(v, m)) || cl_cue_at(v, m) || v->t[m].kind == ANN_TOK_QUOTE)
            break;
        if (pc(v, m, ':') && m > q && (W(v, m + 1) || qopen(v, m + 1)))
            return m;
        if (v->t[m].kind == ANN_TOK_PUNCT)
            break;
        if (complementizer(v, m))
            return m;
    }
    return none_found;
}

/* Tokens from a cue to a quotation that a comma or colon sets off later
 * in its sentence. */
#define CL_QUOTE_AHEAD 40

/* "said on Twitter on Monday, in reference to her child, “…”", "told the
 * mayors who gathered in the city, “…”", "told Congress when asked about
 * it: “…”": past adjuncts, an addressee and its clause, the quotation
 * that a comma or colon sets off is the content.  Not past the sentence's
 * end, another quotation, a "that" of a clause, or a cue of its own
 * (but "when asked").  Returns the opening mark or CL_NONE. */
static size_t quote_ahead(const cl_view *v, size_t ce)
{
    /* most cues have no quotation in the rest of their sentence: a look
     * at token kinds and flags alone tells */
    size_t q = ce;
    while (q < v->n && q < ce + CL_QUOTE_AHEAD && v->t[q].kind != ANN_TOK_QUOTE &&
           !(q > ce && (v->t[q].flags & (ANN_TF_SENT_START | ANN_TF_PARA_START))))
        q++;
    if (q >= v->n || v->t[q].kind != ANN_TOK_QUOTE)
        return CL_NONE;
    for (size_t m = ce; m <= q; m++) {
        if (qopen(v, m) && m > ce && (pc(v, m - 1, ',') || pc(v, m - 1, ':')))
            return v->used[m] ? CL_NONE : m;
        if ((m > ce && ss(v, m)) || sentence_final(v, m) || pc(v, m, ';') ||
            v->t[m].kind == ANN_TOK_QUOTE || complementizer(v, m) ||
            (cl_cue_at(v, m) && !at_point(v, m) &&
             !(kind(v, m - 1, CL_W_DET) && !kind(v, m - 1, CL_W_PRON)) &&
             !(preposition(v, m - 1) && !is_ing(v, m)) &&   /* "in reference to her child" */
             !(is(v, m - 1, "when") || is(v, m - 1, "after") || is(v, m - 1, "while") ||
               is(v, m - 1, "before"))))
            return CL_NONE;
    }
    return CL_NONE;
}

/* Tokens of a phrase set before a bare clause after its cue. */
#define CL_FRONTED 15

/* "says despite being an alumna, she will root for Iowa", "says, win or
 * lose, he's staying": a phrase that a comma closes, then a clause with a
 * pronoun or a noun and an auxiliary for subject.  Returns the content's
 * first token (the phrase's, past a comma that opens it; the clause's
 * after a phrase of the verb's own, "said in a statement Monday, …"), or
 * CL_NONE. */
static size_t fronted_clause(const cl_view *v, size_t j)
{
    size_t a = pc(v, j, ',') ? j + 1 : j;
    for (size_t m = a + 1; m < v->n && m < a + CL_FRONTED; m++) {
        if (pc(v, m, ',')) {
            if (!((kind(v, m + 1, CL_W_PRON) && !kind(v, m + 1, CL_W_OBJ)) ||
                  ((capw(v, m + 1) || kind(v, m + 1, CL_W_DET)) && aux_soon(v, m + 1))))
                return CL_NONE;
            /* "said in a statement Monday, the dam …": the verb's phrase */
            return preposition(v, a) && !in_set(v, a, CL_S_SUB) ? m + 1 : a;
        }
        if (ss(v, m) || sentence_final(v, m) || cl_cue_at(v, m) || v->t[m].kind == ANN_TOK_QUOTE ||
            pc(v, m, ';') || pc(v, m, ':'))
            return CL_NONE;
    }
    return CL_NONE;
}

/* Words of an object before the noun that heads it. */
#define CL_ISSUE_HEAD 4

/* Does a noun of words.tsv class issue head the object at q ("concerns",
 * "serious questions", "the possibility")? */
static int issue_object(const cl_view *v, size_t q)
{
    for (size_t k = q; k < v->n && k < q + CL_ISSUE_HEAD && W(v, k); k++)
        if (in_set(v, k, CL_S_ISSUE))
            return 1;
    return 0;
}

/* The apostrophe of a plural's possessive ("Sanders’ Senate office"): a
 * mark that pairs with none, right after a word in -s. */
static int plural_poss(const cl_view *v, size_t m)
{
    return m > 0 && v->t[m].kind == ANN_TOK_QUOTE && v->mate[m] == CL_NONE &&
           !(v->t[m].flags & ANN_TF_SPACE_BEFORE) && W(v, m - 1) && ends_with(v, m - 1, "s");
}

/* Tokens from an addressee's first word to the "that" after it. */
#define CL_ADDRESSEE 15

/* "told a crowded banquet hall at a hotel in downtown Baltimore that …",
 * "complained to CBS News’ Charlie Rose that …", "wrote to Sanders’ Senate
 * office that …": an addressee the speaker lexicon does not know, and the
 * phrases after it, right after a verb that takes one (class O), or after
 * "to" for a verb that takes a clause; then "that" opens the content.
 * Not past punctuation but a possessive's and a comma right before "that"
 * ("told Bill O’Reilly of Fox News, that"), a cue or a quotation.
 * Returns the content's first token, or CL_NONE. */
static size_t addressee_that(const cl_view *v, const cl_cue *c, size_t ce)
{
    size_t a = ce;
    if (is(v, a, "to") && (c->cls & CL_CLAUSE))
        a++;
    else if (!(c->cls & CL_OBJ))
        return CL_NONE;
    if (!(kind(v, a, CL_W_DET | CL_W_OBJ | CL_W_HEAD) || capw(v, a)) || kind(v, a, CL_W_PRON))
        return CL_NONE;
    for (size_t m = a + 1; m < v->n && m < a + CL_ADDRESSEE; m++) {
        /* not a relative "that" ("to the drama that has surrounded …"),
         * nor a determiner ("to getting that story right") */
        if (complementizer(v, m))
            return (W(v, m + 1) || qopen(v, m + 1)) && !predicate_at(v, m + 1) && !is_ing(v, m - 1)
                   ? m + 1 : CL_NONE;
        if ((pc(v, m, ',') && complementizer(v, m + 1)) || plural_poss(v, m))
            continue;
        if (ss(v, m) || cl_cue_at(v, m) || v->t[m].kind == ANN_TOK_QUOTE ||
            (!W(v, m) && !poss(v, m) && v->t[m].kind != ANN_TOK_NUMBER))
            return CL_NONE;
    }
    return CL_NONE;
}

static int pronoun_subject(const cl_view *v, size_t p);

/* Tokens of a phrase after a cue before a bare clause's pronoun. */
#define CL_PP_CLAUSE 8

/* "said in an interview they pulled the listing", "said in a statement
 * Thursday night it would appeal": a phrase of the verb's own, with no
 * comma after it, then a clause that a subject pronoun and its verb
 * open.  j is the phrase's preposition; returns the pronoun or CL_NONE. */
static size_t phrase_then_clause(const cl_view *v, size_t j)
{
    if (!preposition(v, j) || is(v, j, "to") || is(v, j, "of"))
        return CL_NONE;
    for (size_t m = j + 1; m < v->n && m <= j + CL_PP_CLAUSE; m++) {
        if (m > j + 1 && pronoun_subject(v, m))
            return m;
        if (ss(v, m) || !(W(v, m) || poss(v, m) || v->t[m].kind == ANN_TOK_NUMBER) ||
            kind(v, m, CL_W_PRON) || (cl_cue_at(v, m) && !cue_in_name(v, m)))
            return CL_NONE;
    }
    return CL_NONE;
}

/* Is the "that" at q the subject of the clause, a verb right after it
 * ("said that was a mistake", "said that overlooked the benefits"), no
 * word that introduces one? */
static int that_subject(const cl_view *v, size_t q)
{
    size_t n = q + 1;
    if (!W(v, n) || !(v->t[n].flags & ANN_TF_LOWER))
        return 0;
    return auxiliary(v, n) || cl_negated_aux(v, n) || kind(v, n, CL_W_BE) ||
           ((ends_with(v, n, "ed") || in_set(v, n, CL_S_PAST)) && kind(v, n + 1, CL_W_DET) &&
            !kind(v, n + 1, CL_W_PRON));
}

/* The content after the cue: "that …", ": “…”", "him to …", a bare clause,
 * or the object of "demanded".  Returns its first token or CL_NONE. */
static size_t content_start(const cl_view *v, const cl_cue *c, size_t ce, int *np)
{
    *np = 0;
    if (c->cls & CL_TO) {
        /* "urged Russia to stop", and with no object "vowed to stop" */
        size_t q = skip_object_before(v, ce, 1);
        if (is(v, q, "to") && (W(v, q + 1) || qopen(v, q + 1)) && !is(v, q + 1, "the"))
            return q + 1;
        /* "warned Republicans not to block the nominee": the negation
         * is part of what was urged */
        if (is(v, q, "not") && is(v, q + 1, "to") && W(v, q + 2) && !is(v, q + 2, "the"))
            return q;
    }
    size_t q = ce;
    if ((c->cls & CL_OBJ) && !is(v, q, "that") && !qopen(v, q))
        q = skip_object(v, ce);
    /* "asked Trump how high …", "questioned whether …": a reported question */
    /* "explained how it grew", "described why": "how" and "why" after
     * any cue that takes a clause */
    if (is(v, q, "whether") || (q > ce && (c->cls & CL_OBJ) && in_set(v, q, CL_S_WH)) ||
        (q == ce && (c->cls & CL_CLAUSE) && (is(v, q, "how") || is(v, q, "why"))))
        /* not "told reporters when asked", "told them what to say" */
        return W(v, q + 1) && !is(v, q + 1, "to") &&
               !((v->t[q + 1].flags & ANN_TF_LOWER) && (ends_with(v, q + 1, "ed") || is_ing(v, q + 1)))
               ? q : quote_ahead(v, q);
    size_t after = q;
    q = skip_adverbials(v, q);
    if (q == CL_NONE && (c->cls & CL_BARE)) {
        size_t f = fronted_clause(v, after);
        if (f == CL_NONE)
            f = phrase_then_clause(v, after);
        if (f != CL_NONE)
            return f;
    }
    if (q == CL_NONE)
        return (c->cls & CL_CLAUSE) ? quote_ahead(v, after) : CL_NONE;
    /* "noted there had been progress", "noted they would": a pronoun
     * subject and an auxiliary make a clause even without "that" */
    if ((kind(v, q, CL_W_PRON) || is(v, q, "there")) && auxiliary(v, q + 1) &&
        !(c->cls & CL_NP))
        return q;
    if (!(c->cls & CL_BARE) && !is(v, q, "that") && !qopen(v, q) && !pc(v, q, ':') &&
        !(c->cls & CL_NP))
        q = introducer_ahead(v, q, q);
    if (is(v, q, "that"))
        return pc(v, q + 1, ',') ? q + 2 : that_subject(v, q) ? q : q + 1;
    if (pc(v, q, ':') || (pc(v, q, ',') && qopen(v, q + 1)))
        return q + 1;
    if (qopen(v, q))
        return q;
    /* a verb that takes both reads a clause first: "predicted Russia's
     * economy would grow by 3.2%, faster than …" runs past the comma an
     * object stops at ("predicted a Cruz win" is an object) */
    if ((c->cls & CL_NP) && q == skip_simple(v, ce) && W(v, q) && !is(v, q, "to") &&
        !is(v, q, "by") && !is(v, q, "of") && (!(c->cls & CL_ISSUE) || issue_object(v, q)) &&
        !((c->cls & CL_BARE) && bare_ok(v, q) && clause_follows(v, q))) {
        *np = 1;
        return q;
    }
    if (q == ce && !is(v, q, "that")) {
        size_t a = addressee_that(v, c, ce);
        if (a != CL_NONE)
            return a;
    }
    if ((c->cls & CL_BARE) && bare_ok(v, q)) {
        /* "told the farmers who came, “…”": an addressee not in the
         * speaker lexicon, then the quotation */
        size_t o = (c->cls & CL_OBJ) ? quote_ahead(v, q) : CL_NONE;
        return o != CL_NONE ? o : q;
    }
    /* "maintained a consistent position: …"; after an object, "that" is
     * rather a relative pronoun ("a peace that respects …") */
    if ((c->cls & CL_BARE) && !is(v, q, "that") && !pc(v, q, ':')) {
        size_t m = introducer_ahead(v, q, CL_NONE);
        if (m != CL_NONE && pc(v, m, ':'))
            return m + 1;
        /* past an addressee, "that" is no relative pronoun: "told a
         * Journal lunch group that …" */
        if (m != CL_NONE && (c->cls & CL_OBJ) && q > ce)
            return m + 1;
        /* "says if he wins, he will …", "said because it was late, they
         * …": a subordinate clause before the bare one */
        if (in_set(v, q, CL_S_SUB) && (m = fronted_clause(v, q)) != CL_NONE)
            return m;
    }
    return (c->cls & CL_CLAUSE) ? quote_ahead(v, q) : CL_NONE;
}

/* A cue word used as a noun: after a determiner ("the report titled"),
 * or before an auxiliary ("Russian demands are met"). */
/* Is token k an adjective: listed, or with a listed suffix ("-ous"), and
 * no noun that names a speaker ("official")? */
static int adjective(const cl_view *v, size_t k)
{
    if (!W(v, k) || kind(v, k, CL_W_HEAD))
        return 0;
    if (in_set(v, k, CL_S_ADJ))
        return 1;
    const ann_claim_rules *r = v->rules;
    size_t len = v->t[k].end - v->t[k].start;
    /* the suffixes are lowercase: a word's last byte, lowercased, turns
     * most of them away before a comparison */
    unsigned char last = (unsigned char)v->text[v->t[k].end - 1];
    if (last >= 'A' && last <= 'Z')
        last = (unsigned char)(last + 32);
    if (!(v->suffix_last[last / 64] >> (last % 64) & 1))
        return 0;
    for (size_t j = 0; j < r->nsuffixes; j++) {
        const char *sfx = r->suffixes[j];
        size_t n = 0;                   /* strlen, without a call: a few bytes */
        while (n < CL_MAXSUFFIX && sfx[n])
            n++;
        if (n && (unsigned char)sfx[n - 1] == last && len > n + 1 &&
            strncasecmp(v->text + v->t[k].end - n, sfx, n) == 0)
            return 1;
    }
    return 0;
}

/* Bytes of the longest word cl_base_form looks at. */
#define CL_FORM_MAX 32

/* Is token i with suffix added a word that heads a verb cue? */
static int cue_with(const cl_view *v, size_t i, const char *suffix)
{
    size_t n = v->t[i].end - v->t[i].start, k = strlen(suffix);
    char w[CL_FORM_MAX];
    if (n + k > sizeof w)
        return 0;
    memcpy(w, v->text + v->t[i].start, n);
    memcpy(w + n, suffix, k);
    return (cl_lookup(v->rules, ann_hash_lower(w, n + k)) >> CL_I_CUE_SHIFT & CL_V_CUE_MAX) != 0;
}

/* A cue word in its base form: a form of it in -s or -(e)d is a cue too
 * ("mention", "demand", "believe"), which "found", "told" and "said" have
 * not. */
int cl_base_form(const cl_view *v, size_t i)
{
    if (cl_cue_at(v, i)->n != 1 || ends_with(v, i, "s") || ends_with(v, i, "ed") || is_ing(v, i))
        return 0;
    return cue_with(v, i, "s") || cue_with(v, i, "ed") || cue_with(v, i, "d");
}

/* Words a subject's phrases may hold before a noun phrase inside them. */
#define CL_PHRASE_BACK 10

/* Is the determiner at p inside phrases after a plural noun, which may be
 * the subject of a verb after them ("observers in Virginia and around the
 * country say"), not so in "an extension on a court order"? */
static int plural_before_phrase(const cl_view *v, size_t p)
{
    if (p == 0 || !(preposition(v, p - 1) || connector(v, p - 1)))
        return 0;
    for (size_t k = p - 1; k > 0 && k + CL_PHRASE_BACK > p; k--) {
        size_t w = k - 1;
        if (ss(v, k) || !(W(v, w) || poss(v, w)) || cl_cue_at(v, w))
            return 0;
        if (ends_with(v, w, "s") && !ends_with(v, w, "ss") && (np_word(v, w) || open_word(v, w)))
            return 1;
    }
    return 0;
}

/* Words between a determiner and a noun it is read back to. */
#define CL_DET_BACK 3

/* Do a determiner and one to three lower-case singular words stand before
 * token i ("the first public", "a new")? */
static int det_phrase_before(const cl_view *v, size_t i)
{
    for (size_t k = i; k > 0 && k + CL_DET_BACK >= i; k--) {
        size_t p = k - 1;
        if (kind(v, p, CL_W_DET) && !kind(v, p, CL_W_PRON) && !in_set(v, p, CL_S_ALONE))
            return k < i && !ss(v, k) && !plural_before_phrase(v, p);
        if (!W(v, p) || !(v->t[p].flags & ANN_TF_LOWER) || ends_with(v, p, "s") ||
            !(open_word(v, p) || kind(v, p, CL_W_HEAD | CL_W_MOD | CL_W_ADV) ||
              in_set(v, p, CL_S_ADJ)) || auxiliary(v, p) || cl_negated_aux(v, p))
            return 0;           /* "The senator doesn't think" */
    }
    return 0;
}

/* Words of a subject between a relative pronoun and its cue. */
#define CL_REL_SUBJ 6

/* Does a relative pronoun open the words before the verb cue at i, its
 * subject between ("which officials say", "what many analysts said")? */
static int relative_subject(const cl_view *v, size_t i)
{
    /* "that the IG report could not": a base form after a singular noun
     * is no verb */
    if (!(cl_cue_at(v, i)->cls & CL_BARE) ||
        (cl_base_form(v, i) && !kind(v, i - 1, CL_W_PRON) && !ends_with(v, i - 1, "s")))
        return 0;
    for (size_t k = i - 1; k + 1 > 0 && k + CL_REL_SUBJ >= i && W(v, k); k--) {
        if (k + 1 < i && (is(v, k, "which") || is(v, k, "that") || is(v, k, "what") ||
                          is(v, k, "who") || is(v, k, "whom")))
            return 1;
        if (ss(v, k))
            break;
    }
    return 0;
}

/* A predicate right after a cue whose subject is missing: an auxiliary,
 * "be", or a verb in the past ("represented", "led"). */
static int gap_predicate(const cl_view *v, size_t p)
{
    if (!W(v, p) || !(v->t[p].flags & ANN_TF_LOWER))
        return 0;
    return auxiliary(v, p) || cl_negated_aux(v, p) || kind(v, p, CL_W_BE) ||
           ((ends_with(v, p, "ed") || in_set(v, p, CL_S_PAST)) && !cl_cue_at(v, p));
}

/* Words back from a noun to its determiner. */
#define CL_NOUN_DET 5

/* Is the word at n a common noun that a relative clause without its
 * pronoun may follow, its phrase inside the sentence that starts at lo
 * ("… — a probe", "refused, a step")?  Not a phrase that opens the
 * sentence: in "The first thing he said was …" and "The account Trump
 * retweeted was set up" the "was" is the sentence's own verb. */
static int noun_before_subject(const cl_view *v, size_t n, size_t lo)
{
    if (n <= lo || !open_word(v, n) || is_ing(v, n) || ends_with(v, n, "ed"))
        return 0;
    for (size_t d = n; d > lo && d + CL_NOUN_DET > n; d--) {
        if (kind(v, d - 1, CL_W_DET) && !kind(v, d - 1, CL_W_PRON))
            return d - 1 > lo;
        if (!(open_word(v, d - 1) || hyphen_word(v, d - 1)))
            return 0;
    }
    return 0;
}

/* Does a subject that a relative clause without its pronoun holds stand
 * before the cue at i ("a step they believe could help", "a probe the
 * agency said was")?  A subject pronoun, a name or a speaker's noun (a
 * name before a plural noun in -s is no subject of it: "Russian
 * demands"), after the noun the clause modifies. */
static int gap_subject(const cl_view *v, size_t i)
{
    if (i < 2 || ss(v, i))
        return 0;
    size_t h = i - 1;
    if (!((kind(v, h, CL_W_PRON) && !kind(v, h, CL_W_OBJ)) ||
          ((capw(v, h) || kind(v, h, CL_W_HEAD)) && !ends_with(v, i, "s"))))
        return 0;
    size_t lo = cl_sent_start(v, i), sa = cl_np_left(v, h, lo);
    return sa > lo && noun_before_subject(v, sa - 1, lo);
}

static int noun_use(const cl_view *v, size_t i, size_t ce)
{
    /* "a conservative think tank that …", "a radio talk show": the first
     * half of a compound noun */
    if (in_set(v, i + 1, CL_S_CMPD))
        return 1;
    /* "Trump's reality TV show, “The Apprentice,”", "his late night show
     * “Lopez Tonight”": a verb of evidence in its base form after a word
     * that could be no plural subject of it, before a quotation, is a
     * noun the title names (a verb of saying there is one: "Americans
     * say “no”") */
    if (i > 0 && !ss(v, i) && (cl_cue_at(v, i)->cls & CL_EVID) && cl_base_form(v, i) &&
        W(v, i - 1) && !ends_with(v, i - 1, "s") &&
        !kind(v, i - 1, CL_W_PRON) && (qopen(v, ce) || (pc(v, ce, ',') && qopen(v, ce + 1))))
        return 1;
    /* "one of 45 states", "only 10 states": a count before it */
    if (i > 0 && !ss(v, i) && ends_with(v, i, "s") && !ends_with(v, i, "ss") &&
        (v->t[i - 1].kind == ANN_TOK_NUMBER || in_set(v, i - 1, CL_S_NUM)))
        return 1;
    /* "than, say, Mr. Cruz's plan": a base form set off by commas, with
     * nothing before that could be its subject ("X, at a gaggle, said,"
     * has: a form that inverts is no base form) */
    if (i > 1 && pc(v, i - 1, ',') && pc(v, ce, ',') && ce == i + 1 &&
        !(cl_cue_at(v, i)->cls & CL_INV) && !ends_with(v, i, "s") &&
        !ends_with(v, i, "ed") && !is_ing(v, i) && !capw(v, i - 2) && !kind(v, i - 2, CL_W_HEAD | CL_W_PRON))
        return 1;
    /* "officials, called superdelegates, …": a naming participle, one
     * name after it and a comma or the end */
    if ((cl_cue_at(v, i)->cls & CL_QOBJ) && ends_with(v, i, "ed") && i > 0 && pc(v, i - 1, ',') &&
        !kind(v, ce, CL_W_OBJ)) {
        size_t b = cl_np_right(v, ce, v->n, 1);
        if (b != CL_NONE && (pc(v, b + 1, ',') || sentence_final(v, b + 1)))
            return 1;
    }
    /* "Russia's demands", "its diplomatic demands", "other states", "the
     * first public mention" */
    if (i > 0 && !ss(v, i) && ((poss(v, i - 1) && !cl_contracted_aux(v, i - 1)) ||
                               (!ends_with(v, i, "ed") && adjective(v, i - 1))))
        return 1;
    if (at_point(v, i))
        return 1;
    /* "the report", "those demonstrating": a noun or a participle after a
     * determiner; not after one that counts and stands alone as the
     * subject of a verb ("another says", "each said"; "another question"
     * is a noun still) */
    if (i > 0 && !ss(v, i) && kind(v, i - 1, CL_W_DET) && !is(v, i - 1, "her") &&
        !is(v, i - 1, "one") && !(quantifier(v, i - 1) && !cl_base_form(v, i)))
        return 1;
    /* "the first public mention of": a base form after a determiner and
     * singular words, which could be no subject of it */
    if (det_phrase_before(v, i) && cl_base_form(v, i))
        return 1;
    /* "restricted comments about …", "issued warnings": a plural noun,
     * the object of a verb in the past */
    if (i > 0 && !ss(v, i) && ends_with(v, i, "s") && !ends_with(v, i, "ss") &&
        (v->t[i - 1].flags & ANN_TF_LOWER) && ends_with(v, i - 1, "ed") && !cl_cue_at(v, i - 1) &&
        !kind(v, i - 1, CL_W_HEAD))
        return 1;
    /* "have demands that …", "some demands": no verb in -s after an
     * auxiliary or a plural quantifier ("another says" is one) */
    if (i > 0 && (auxiliary(v, i - 1) || (quantifier(v, i - 1) && !in_set(v, i - 1, CL_S_ALONE))) &&
        ends_with(v, i, "s") && !ends_with(v, i, "ss"))
        return 1;
    /* "Russian demands are met"; but "which officials say are met", and
     * "a step they believe could help", "a probe the agency said was",
     * where a subject pronoun, a name or a speaker's noun before a verb
     * (no plural noun in -s after a name) leaves the relative clause's
     * subject missing */
    return auxiliary(v, ce) && !is_ing(v, i) && !relative_subject(v, i) && !gap_subject(v, i);
}

/* Tokens of an object before the quoted name a naming verb gives it. */
#define CL_NAMED_OBJ 15

/* A quoted phrase as the object: "mentioned the “Anchorage terms”", and
 * for naming verbs "calls “the basis for talks”", "called the plan “a
 * farce”".  Returns the opening mark or CL_NONE. */
static size_t quoted_object(const cl_view *v, const cl_cue *c, size_t ce)
{
    size_t q = skip_simple(v, ce);
    if ((is(v, q, "the") || is(v, q, "a") || is(v, q, "an")) && qopen(v, q + 1)) {
        /* not "said the “operation” was going …", "a “neutral” Ukraine";
         * nor "blamed the “fog of war” for the failure …", "said the
         * “old model” of private clubs is in decline": a phrase that
         * completes the noun goes on with the noun phrase the quotation
         * opens (a phrase of place, time or agent, "mentioned the
         * “Anchorage terms” in his conditions", is the verb's) */
        size_t after = v->mate[q + 1] + 1;
        if (W(v, after) &&
            (!preposition(v, after) || is(v, after, "of") || is(v, after, "for") ||
             is(v, after, "against") || is(v, after, "about") || is(v, after, "on") ||
             is(v, after, "over")) &&
            !is(v, after, "and") && !is(v, after, "or"))
            return CL_NONE;
        return c->cls & (CL_CLAUSE | CL_NP | CL_QOBJ) ? q + 1 : CL_NONE;
    }
    if (!(c->cls & CL_QOBJ))
        return CL_NONE;
    if (qopen(v, q))
        return q;
    size_t o = skip_object_before(v, q, 0);
    if (qopen(v, o))
        return o;
    /* a longer object: "called Clinton's use of private servers “extremely
     * careless”", "called that “beyond preposterous”" */
    for (size_t m = q; m < v->n && m < q + CL_NAMED_OBJ; m++) {
        if (qopen(v, m))
            return m > q ? m : CL_NONE;
        /* a cue word after a possessive is a noun: "called Trump's
         * remarks “racist”" */
        if (!(W(v, m) || poss(v, m) || v->t[m].kind == ANN_TOK_NUMBER) || ss(v, m) ||
            (cl_cue_at(v, m) && !(m > q && poss(v, m - 1))) ||
            (m == q && preposition(v, m) && !connector(v, m)))
            return CL_NONE;
    }
    return CL_NONE;
}

/* "called it a disgrace", "branded the plan a failure": a naming verb's
 * object and the noun phrase it is called, without quotation marks.
 * Returns the object's first token or CL_NONE. */
static size_t named_object(const cl_view *v, const cl_cue *c, size_t ce)
{
    if (!(c->cls & CL_QOBJ) || !W(v, ce))
        return CL_NONE;
    /* "him", "it", "this", and a reflexive ("calls himself a socialist") */
    size_t b = kind(v, ce, CL_W_OBJ) || is(v, ce, "it") || in_set(v, ce, CL_S_ALONE) ||
               (kind(v, ce, CL_W_ADV) && (ends_with(v, ce, "self") || ends_with(v, ce, "selves"))) ?
               ce : cl_np_right(v, ce, v->n, 1);
    if (b == CL_NONE || b + 2 >= v->n || ss(v, b + 1))
        return CL_NONE;
    /* the name given: "a disgrace", "an outrage", "a “pathological liar”" */
    if ((is(v, b + 1, "a") || is(v, b + 1, "an") || is(v, b + 1, "the")) &&
        (open_word(v, b + 2) || capw(v, b + 2) || qopen(v, b + 2)))
        return ce;
    /* or one word that ends the clause, an adjective: "called him
     * divisive", "calls Clinton unqualified"; not a particle or a time
     * ("called him back", "called them yesterday") */
    size_t a = b + 1;
    if (ly_adverb(v, a) || is(v, a, "very"))
        a++;                            /* "called themselves very conservative" */
    return W(v, a) && (v->t[a].flags & ANN_TF_LOWER) && open_word(v, a) && !preposition(v, a) &&
           !adverbial(v, a) && !is_ing(v, a) && !cl_cue_at(v, a) && !auxiliary(v, a) &&
           !kind(v, a, CL_W_DET | CL_W_PRON | CL_W_OBJ | CL_W_STOP) &&
           (pc(v, a + 1, ',') || pc(v, a + 1, ';') || sentence_final(v, a + 1) ||
            is(v, a + 1, "and") || is(v, a + 1, "but") || a + 1 >= v->n) ? ce : CL_NONE;
}

/* "described the talks as a trap": from the object to the end of the
 * complement.  Returns the object's first token or CL_NONE. */
static size_t as_object(const cl_view *v, size_t ce)
{
    if (!W(v, ce) || is(v, ce, "as"))
        return CL_NONE;
    for (size_t m = ce + 1; m < v->n && m < ce + 10; m++) {
        if (ss(v, m) || cl_cue_at(v, m) || !(W(v, m) || poss(v, m)))
            return CL_NONE;
        if (is(v, m, "as"))
            return W(v, m + 1) || qopen(v, m + 1) ? ce : CL_NONE;
    }
    return CL_NONE;
}

/* "X, after noting P, left": a participle clause set off by commas ends
 * at its closing comma. */
static int parenthetical(const cl_view *v, size_t i)
{
    return is_ing(v, i) && i >= 2 && pc(v, i - 2, ',') &&
           (is(v, i - 1, "after") || is(v, i - 1, "while") || is(v, i - 1, "before") ||
            is(v, i - 1, "when") || is(v, i - 1, "since"));
}

/* "the European Union, which contended that P, is …": a cue in a
 * relative clause set off by commas, whose content ends at its comma. */
static int relative_cue(const cl_view *v, size_t k, size_t lo)
{
    return k != CL_NONE && k > lo && (is(v, k, "which") || is(v, k, "who")) && pc(v, k - 1, ',');
}

/* Content after the cue; the speaker is settled (or found after the
 * content, "While noting …, X contended"). */
/* The content [p, e) goes on in a clause coordinated by "and that" or
 * "but that" ("said he had spoken to Johnson and that he would …"): the
 * end of that clause, or CL_NONE when none follows or either clause holds
 * a quotation mark. */
static size_t and_that_end(const cl_view *v, size_t p, size_t e)
{
    size_t t = e;
    if (pc(v, t, ','))
        t++;
    if (!(is(v, t, "and") || is(v, t, "but")) || !is(v, t + 1, "that"))
        return CL_NONE;
    size_t e2 = cl_content_end(v, t + 2, 0);
    for (size_t k = p; k < e2; k++)
        if (v->t[k].kind == ANN_TOK_QUOTE)
            return CL_NONE;
    return e2;
}

/* Is a poll or a survey (words.tsv class data) in the speaker's phrase
 * before a cue of class F ("A CNN/ORC poll of South Carolina released on
 * Tuesday showed …")? */
static int data_subject(const cl_view *v, const cue_ctx *x)
{
    if (!(x->c->cls & CL_FIND) || x->sp.end > x->cue.start)
        return 0;
    for (size_t k = x->i; k > x->lo && v->t[k - 1].start >= x->sp.start; k--)
        if (in_set(v, k - 1, CL_S_DATA))
            return 1;
    return 0;
}

static void pre_claim(cl_view *v, cue_ctx *x)
{
    int np = 0;
    size_t p, qo = x->as_clause ? CL_NONE : quoted_object(v, x->c, x->ce);
    if (qo != CL_NONE && x->sp.end > x->sp.start) {
        v->used[x->i] = 1;
        /* "called Wells Fargo’s behavior “outrageous”", "branded the
         * reform “a betrayal”": the object and what it is called are the
         * claim (that it is outrageous), to the end of the clause; "calls
         * “the basis for talks”" the quotation */
        size_t ob = skip_simple(v, x->ce), qc = v->mate[qo];
        if ((x->c->cls & CL_QOBJ) && ob < qo) {
            size_t e = cl_content_end(v, ob, 1);
            /* "called Cruz the “ultimate hypocrite,” linking to …" */
            if (e > qc + 1 && (pc(v, qc + 1, ',') || pc(v, qc - 1, ',')))
                e = qc + 1;
            cl_emit_tokens(v, ob, e, x->cue, x->sp, x->medium, x->nested);
        } else
            cl_emit_tokens(v, qo, v->mate[qo] + 1, x->cue, x->sp, x->medium, x->nested);
        return;
    }
    if (!x->as_clause && (((x->c->cls & CL_AS) && as_object(v, x->ce) != CL_NONE) ||
                          named_object(v, x->c, x->ce) != CL_NONE)) {
        p = x->ce;
        np = 1;
    } else if (x->as_clause && pc(v, x->ce, ','))
        p = x->ce + 1;                          /* "as X highlighted, …" */
    else if (x->c->cls & (CL_CLAUSE | CL_BARE | CL_NP | CL_TO))
        p = content_start(v, x->c, x->ce, &np);
    else if (!(x->c->cls & ~CL_INV) && (pc(v, x->ce, ',') || pc(v, x->ce, ':')) &&
             qopen(v, x->ce + 1) && !v->used[x->ce + 1])
        p = x->ce + 1;                          /* "He continued, “…”" */
    else
        return;                                 /* Q, S: nothing else */
    /* "… talks unveiled¶Russia and Ukraine vote …": a content on the next
     * line follows a colon or "that" */
    if (p == CL_NONE || (p < v->n && (v->t[p].flags & ANN_TF_LINE_START) && !pc(v, p - 1, ':') &&
                         !is(v, p - 1, "that")))
        return;
    /* "…, said Matt Latimer, another speechwriter": the speaker after a
     * verb that inverts is no content */
    if (x->inverted && p == x->ce)
        return;
    /* "said it best", "said it again": an object, no clause */
    if (p == x->ce && (is(v, p, "it") || in_set(v, p, CL_S_ALONE)) &&
        ((in_set(v, p + 1, CL_S_ADVB) && !ss(v, p + 2) && !W(v, p + 2)) ||
         p + 1 >= v->n || v->t[p + 1].kind == ANN_TOK_PUNCT || is(v, p + 1, "best")))
        return;
    /* an opening participle's clause ends at its comma: "Confirming …,
     * the mayor left" */
    int opening = is_ing(v, x->i) && x->i > 0 &&
                  (x->i == cl_after_dateline(v, x->lo) || pc(v, x->i - 1, ','));
    size_t e = cl_content_end(v, p, (np && !x->as_clause) || parenthetical(v, x->i) ||
                                        relative_cue(v, x->k, x->lo) ||
                                        (opening && x->sp.end == x->sp.start) ||
                                        cl_fronted(v, x->lo, x->i));
    if (x->sp.end == x->sp.start) {
        size_t q = pc(v, e, ',') ? e + 1 : e;
        size_t b = q > 0 && (pc(v, q - 1, ',') || qclose(v, q - 1)) ?
                   cl_np_right(v, q, v->n, opening) : CL_NONE;
        /* the subject of the main clause: a cue follows it, or for an
         * opening participle any verb ("Confirming …, the mayor left") */
        size_t vb = b == CL_NONE ? CL_NONE : cl_skip_adv_right(v, b + 1);
        if (opening && b != CL_NONE && b > q + 1 && !W(v, vb) && open_word(v, b))
            vb = b--;                   /* "the mayor left": its verb was taken for a noun */
        if (b == CL_NONE || !(cl_cue_at(v, vb) || (opening && vb < v->n &&
                                                   (v->t[vb].flags & ANN_TF_LOWER) &&
                                                   W(v, vb) && !kind(v, vb, CL_W_STOP))))
            return;
        if (x->i == x->lo)
            cl_main_subject(v, &q, &b);
        x->sp = span(v, q, b);
    }
    /* "told Y that P and that Q", "says P but that Q": one statement in
     * two clauses, one claim from the first word of P to the last of Q;
     * a clause with a quotation in it is a claim of its own ("that “…”
     * and that …": the quotation keeps its kind) */
    size_t e2;
    while ((e2 = and_that_end(v, p, e)) != CL_NONE)
        e = e2;
    v->used[x->i] = 1;
    cl_emit_tokens(v, p, e, x->cue, x->sp, x->medium, x->nested);
    /* "said P: “Q”" is two claims, also when the rest of the sentence
     * comes between ("expressed a positive outlook for the talks, which
     * …: “We will not concede …”") */
    for (size_t m = e; m < v->n && m < e + CL_REST && !(m > e && ss(v, m)); m++) {
        if (pc(v, m, ':') && qopen(v, m + 1) && !v->used[m + 1]) {
            cl_emit_tokens(v, m + 1, v->mate[m + 1] + 1, x->cue, x->sp, x->medium, x->nested);
            v->used[m + 1] = 1;
            break;
        }
        if (v->t[m].kind == ANN_TOK_QUOTE || sentence_final(v, m) ||
            (m > e && cl_cue_at(v, m) && (v->t[m].flags & ANN_TF_LOWER)))
            break;
    }
    /* "told Y that “…” and that …": one cue, several contents */
    while (e + 1 < v->n && (is(v, e, "and") || (pc(v, e, ',') && is(v, e + 1, "and")))) {
        size_t t = is(v, e, "and") ? e + 1 : e + 2;
        if (!is(v, t, "that"))
            break;
        p = t + 1;
        e = cl_content_end(v, p, 0);
        cl_emit_tokens(v, p, e, x->cue, x->sp, x->medium, x->nested);
    }
}

/* Cues that attribute nothing, whatever their sentence: a noun ("the
 * report titled"), the author's "it is worth noting", an act reported
 * inside the content of the claim just made ("warned that Ukraine had
 * rejected the terms": part of it).  A fifth of the cues are such, told
 * before their sentence and subject are looked for. */
static int no_attribution(const cl_view *v, const cue_ctx *x)
{
    if (noun_use(v, x->i, x->ce))
        return 1;
    /* "It is worth noting that …", "It goes without saying that …": the
     * author's own */
    if (is_ing(v, x->i) && x->i > 0 && (is(v, x->i - 1, "worth") || is(v, x->i - 1, "without")))
        return 1;
    const cl_last *l = &v->st->last;
    return !(x->c->cls & CL_CLAUSE) && l->valid && l->end > x->cue.start &&
           v->doc->nclaims > v->claims_from &&
           v->doc->claims[v->doc->nclaims - 1].content.start <= x->cue.start;
}

/* "it was reported that" names no source; "the guarantees demanded by
 * Russia" is a participle that modifies a noun and attributes no clause
 * to it. */
static int no_agent(const cl_view *v, const cue_ctx *x, int passive)
{
    if (passive)
        return !(is(v, x->ce, "by") && (x->c->cls & CL_PASSIVE));
    return is(v, x->ce, "by") && !(x->c->cls & CL_PASSIVE) && ends_with(v, x->ce - 1, "ed");
}

/* “…,” X said <tail>: a quotation closed just before its speaker is the
 * content whatever the rest of the sentence holds ("she said several
 * months after her release, and …", "Trump said this month on CNBC"),
 * unless the cue opens a content of its own right after it ("said that",
 * "said:").  Returns the sentence's last token, or CL_NONE. */
static size_t quote_tail_end(const cl_view *v, size_t tail)
{
    size_t k = tail;
    int cue = 0;                /* a cue of the tail's own ("announcing that") */
    while (k < v->n && k < tail + CL_REST) {
        if (k > tail && (ss(v, k) || (v->t[k].flags & ANN_TF_LINE_START)))
            return k - 1;
        if (sentence_final(v, k))
            return k;
        cue |= cl_cue_at(v, k) != NULL;
        if (!cue && (complementizer(v, k) || pc(v, k, ':')))
            return CL_NONE;     /* "told the EU leaders at a summit that …" */
        /* a title in quotation marks: "said on CNN's “State of the Union.”" */
        k = qopen(v, k) ? v->mate[k] + 1 : k + 1;
    }
    return k - 1;
}

/* "Sooner or later, the governor told reporters, “it starts to pay
 * off.”": a statement split by its attribution, its second part a
 * quotation that goes on in lower case, is one claim from the first word
 * to the closing mark, as a split quotation is.  comma is the comma before
 * the speaker, tend the one before the quotation.  Returns 1 when that
 * made the claim. */
static int split_fragment(cl_view *v, const cue_ctx *x, size_t comma, size_t tend)
{
    size_t o = tend + 1;
    if (!pc(v, comma, ',') || !qopen(v, o) || !W(v, o + 1) || !(v->t[o + 1].flags & ANN_TF_LOWER))
        return 0;
    size_t s = cl_sent_start(v, comma);
    if (comma < s + 2 || in_set(v, s, CL_S_SUB) || cl_first_person(v, x->sp))
        return 0;
    v->used[x->i] = 1;
    v->used[o] = 1;
    cl_emit_tokens(v, s, v->mate[o] + 1, x->cue, x->sp, x->medium, x->nested);
    return 1;
}

/* The content stood before the comma (or closing mark) at comma, the
 * speaker's phrase ends before tail: "“…,” X said", "…, X told the BBC."
 * Returns 1 when that made the claim. */
/* Does a subject pronoun and its verb open a clause at p ("he was",
 * "they will", "she had")? */
static int pronoun_subject(const cl_view *v, size_t p)
{
    return kind(v, p, CL_W_PRON) && !kind(v, p, CL_W_OBJ) &&
           (auxiliary(v, p + 1) || cl_negated_aux(v, p + 1) || kind(v, p + 1, CL_W_BE) ||
            ((v->t[p + 1].flags & ANN_TF_LOWER) && (ends_with(v, p + 1, "ed") ||
                                                    in_set(v, p + 1, CL_S_PAST))));
}

/* Does a clause with a subject pronoun follow a verb of saying that
 * takes a bare one ("say he was", "said they will"), outside a
 * quotation (inside, the one quoted is the speaker)? */
static int pronoun_clause(const cl_view *v, const cue_ctx *x)
{
    return (x->c->cls & CL_BARE) && !x->nested && pronoun_subject(v, x->ce);
}

/* Tokens of a speaker's apposition after its comma. */
#define CL_APPOS_TAIL 40

/* Does an apposition open at j ("director of …", "who runs …", "45",
 * "adding that …") and the sentence end with it, no clause going on
 * after a comma ("The paradox, says X, historian at …, is that …") and
 * no quotation in it (the rest of a split quotation)? */
static int apposition_ends(const cl_view *v, size_t j)
{
    if (j >= v->n || !(W(v, j) || v->t[j].kind == ANN_TOK_NUMBER) || predicate_at(v, j))
        return 0;
    for (size_t k = j; k < v->n && k < j + CL_APPOS_TAIL; k++) {
        if (ss(v, k) || sentence_final(v, k))
            return 1;
        if (v->t[k].kind == ANN_TOK_QUOTE || pc(v, k, ';') || (pc(v, k, ',') && predicate_at(v, k + 1)))
            return 0;
    }
    return 0;
}

/* Words a gerund's object may hold before the verb of its clause. */
#define CL_GERUND_OBJ 4

/* Does the word in -ing at j open the subject of a clause ("…, he said,
 * replacing Clinton would be harder"): a predicate follows its object
 * before a "that", a pronoun or a comma ("adding that it was", "saying
 * it should" open clauses of their own)? */
static int gerund_subject(const cl_view *v, size_t j)
{
    for (size_t k = j + 1; k < v->n && k <= j + CL_GERUND_OBJ; k++) {
        if (!W(v, k) || is(v, k, "that") || kind(v, k, CL_W_PRON))
            return 0;
        if (auxiliary(v, k) || kind(v, k, CL_W_BE))
            return 1;
    }
    return 0;
}

static int content_before(cl_view *v, cue_ctx *x, size_t comma, size_t tail)
{
    size_t tend = 0;
    int how = post_tail(v, tail, &tend);
    int cq = qclose(v, comma) || (comma > 0 && qclose(v, comma - 1));
    if (cq && how == 0 && quote_opens(v, qclose(v, comma) ? comma : comma - 1)) {
        size_t e = quote_tail_end(v, tail);
        if (e != CL_NONE && e >= tail) {
            how = 1;
            tend = e;
        }
    }
    /* "…, said an official who spoke anonymously.": a relative clause on
     * the speaker ends the sentence (after a quotation, the rest of the
     * sentence may go on with it, as quote_tail_end reads) */
    if (how == 0 && !cq && x->inverted && relative_tail(v, tail, &tend))
        how = 1;
    if (pc(v, tail, '(') && cl_paren_close(v, tail) != CL_NONE)
        tail = cl_paren_close(v, tail) + 1;     /* "said X (D-S.C.), …" */
    if (how == 3 && !cq && split_fragment(v, x, comma, tend))
        return 1;
    /* “A,” X said, “B.” is split; "Remarking upon his “empathy,” X said,
     * “…”" has its content after the cue */
    if (how == 3)
        how = cq && quote_opens(v, qclose(v, comma) ? comma : comma - 1) ? 1 : 0;
    /* "…, said Brian Baker, a longtime adviser …": the comma after a
     * speaker that follows its cue opens the speaker's apposition */
    if (how == 2 && x->inverted && tend + 1 < v->n &&
        ((kind(v, tend + 1, CL_W_DET) && !kind(v, tend + 1, CL_W_PRON)) || capw(v, tend + 1)))
        how = 1;
    /* "…, said Dan Gerstein, director of …", "…, said X, who runs …",
     * "…, said X, 45", "…, said X, adding that …": after a speaker that
     * a verb which inverts put after it, a comma opens anything but the
     * rest of a clause the attribution splits ("The bill, said the
     * senator, is dead"); after a quotation, the rest of the sentence
     * may go on with the quotation ("“…,” said X, director of …. “…”") */
    if (how == 2 && x->inverted && (x->c->cls & CL_INV) && !cq && apposition_ends(v, tend + 1))
        how = 1;
    /* "The plan will fail, Fiorina said, adding that …": a cue's
     * participle after the attribution's comma is the speaker's next act,
     * not the rest of a clause the attribution splits (as "…, the Times
     * said, including speeches" is) */
    if (how == 2 && !cq && tend + 1 < v->n && W(v, tend + 1) &&
        (v->t[tend + 1].flags & ANN_TF_LOWER) && is_ing(v, tend + 1) && cl_cue_at(v, tend + 1) &&
        !gerund_subject(v, tend + 1))
        how = 1;
    /* "X told the British newspaper." is a tail; "X proposed a treaty."
     * is an object, and the content comes after the cue. */
    if (how && !cq && tail < tend && !(x->c->cls & CL_OBJ) && !preposition(v, tail) &&
        !adverbial(v, tail) && !(x->inverted && (is(v, tail, "who") || is(v, tail, "whose"))))
        how = 0;
    /* "While he was in jail, officials told him he had never been …":
     * after the addressee a clause of the cue's own */
    if (how && !cq && (x->c->cls & CL_OBJ) && tail == x->ce && kind(v, tail, CL_W_OBJ) &&
        pronoun_subject(v, tail + 1))
        how = 0;
    const char *medium = x->medium;
    if (!medium && how && tail <= tend)   /* “…,” he told the BBC. */
        medium = cl_source_in(v, span(v, tail, tend));
    if (how && post_claim(v, comma, how, tend, x->c->cls, x->cue, x->sp, medium, x->nested)) {
        v->used[x->i] = 1;
        return 1;
    }
    return 0;
}

/* A speaker that is one capitalized word opening its sentence, no
 * tagged actor or source, with the form of an adjective ("Unnamed
 * claims that …", "Dubious promises of …"): a word capitalized because it
 * opens the sentence, whose cue is a noun. */
static int lone_opener(cl_view *v, size_t sa, size_t head, size_t lo)
{
    return sa == head && (head == lo || (head == lo + 1 && qopen(v, lo))) &&
           (v->t[head].flags & ANN_TF_TITLE) && !kind(v, head, CL_W_HEAD | CL_W_PRON) &&
           (adjective(v, head) || ends_with(v, head, "ed")) &&
           !cl_is_entity(v, span(v, head, head));
}

/* "This is exactly what Putin said at a news conference: there are
 * options": after "what X said" a colon opens the content. */
static int what_colon(const cl_view *v, size_t sa, size_t ce)
{
    if (!is(v, sa - 1, "what") || is(v, ce, "as"))
        return 0;                   /* "what analysts described as X: …" names X */
    size_t m = introducer_ahead(v, ce, CL_NONE);
    return m != CL_NONE && pc(v, m, ':');
}

/* Items of a list a speaker's phrase may have ("the leaders of Ukraine,
 * France and Germany"). */
#define CL_LIST_ITEMS 6

/* The first token of the list of names whose last items are the
 * speaker's phrase [sa, head] ("France and Germany" in "the leaders of
 * Ukraine, France and Germany agreed"): its commas separate items and set
 * off nothing. */
static size_t list_left(const cl_view *v, size_t sa, size_t head, size_t lo)
{
    int joined = 0;
    if (!capw(v, sa) || !capw(v, head))
        return sa;              /* "…, senior EU and US officials told" */
    for (size_t k = sa; k < head; k++)
        joined |= is(v, k, "and") || is(v, k, "or");
    for (int n = 0; joined && n < CL_LIST_ITEMS && sa > lo + 1 && pc(v, sa - 1, ',') &&
                    (capw(v, sa - 2) || kind(v, sa - 2, CL_W_HEAD)); n++)
        sa = cl_np_left(v, sa - 2, lo);
    return sa;
}

/* Does a comma close the phrase at j within a few words ("confirmed by
 * X, represent"), before the sentence ends? */
static int comma_after(const cl_view *v, size_t j)
{
    for (size_t k = j + 1; k < v->n && k < j + CL_COMMA_ASIDE + 2; k++) {
        if (pc(v, k, ','))
            return 1;
        if (sentence_final(v, k) || ss(v, k) || v->t[k].kind == ANN_TOK_QUOTE)
            return 0;
    }
    return 0;
}

/* Who speaks: the agent of "as noted by X", the subject before the cue,
 * or "said X" after it.  Sets *comma when the content may stand before
 * the cue, and *tail past the speaker after it.  Returns 0 when the cue
 * attributes nothing ("if it concludes that"). */
/* Is the word at r a relative pronoun whose clause's subject stands
 * before the cue, and does a predicate follow the cue at once ("which
 * officials said will", "what she said is", "that critics say was")? */

/* Is the word at n, just before the speaker, the noun of a relative
 * clause without its pronoun, whose subject is missing after the cue ("a
 * probe the agency said was ongoing", "a step they believe could help",
 * "a decision they say allowed …")? */
static int zero_relative(const cl_view *v, const cue_ctx *x, size_t n)
{
    return (x->c->cls & CL_BARE) && gap_predicate(v, x->ce) && noun_before_subject(v, n, x->lo);
}

static int relative_gap(const cl_view *v, const cue_ctx *x, size_t r)
{
    if (!(x->c->cls & CL_BARE) ||
        !(is(v, r, "which") || is(v, r, "that") || is(v, r, "what") || is(v, r, "who") ||
          is(v, r, "whom")))
        return 0;
    /* "what" as an object ("adapt to what she said is growing demand"),
     * not the subject of a pseudo-cleft ("What he says is truth", "I
     * think what Trump is saying is dangerous"): what is said is judged */
    if (is(v, r, "what") &&
        (r == 0 || ss(v, r) || !W(v, r - 1) || !(v->t[r - 1].flags & ANN_TF_LOWER) ||
         cl_cue_at(v, r - 1) || in_set(v, r - 1, CL_S_SUB | CL_S_AUX) || kind(v, r - 1, CL_W_BE) ||
         is(v, r - 1, "that") || is(v, r - 1, "and") || is(v, r - 1, "but") || is(v, r - 1, "or")))
        return 0;
    /* "what Trump is saying is": the progressive is a pseudo-cleft too */
    if (is(v, r, "what") && is_ing(v, x->i))
        return 0;
    size_t p = x->ce;
    if (!W(v, p) || !(v->t[p].flags & ANN_TF_LOWER))
        return 0;
    if (auxiliary(v, p) || cl_negated_aux(v, p) || kind(v, p, CL_W_BE))
        return 1;
    /* a verb in the past: "which she said represented all her emails",
     * "that he said improved the economy" (not "what": "what he said
     * angered them" is the pseudo-cleft's object) */
    return !is(v, r, "what") && gap_predicate(v, p);
}

static int find_speaker(cl_view *v, cue_ctx *x, size_t k, size_t head,
                        int passive, size_t *comma, size_t *tail)
{
    size_t i = x->i, lo = x->lo, ce = x->ce;
    /* "X said by telephone": an active verb with a subject, "by" its
     * channel; "figures, confirmed by X, represent …" modifies a noun and
     * attributes no clause */
    int by_agent = is(v, ce, "by") && (x->c->cls & CL_PASSIVE) &&
                   (passive || (i > lo && is(v, i - 1, "as")) ||
                    head == CL_NONE || (i > lo && pc(v, i - 1, ',') && comma_after(v, ce)));
    if (by_agent) {
        /* "as noted by X", "was confirmed by X" */
        if (!passive && !(i > lo && is(v, i - 1, "as")))
            return 0;
        size_t b = cl_np_right(v, ce + 1, v->n, 1);
        if (b == CL_NONE)
            return 0;
        x->sp = span(v, ce + 1, b);
        *tail = b + 1;
        size_t j = passive ? k : i;
        if (j > lo && is(v, j - 1, "as"))
            j--;
        if (j > lo && (pc(v, j - 1, ',') || qclose(v, j - 1)))
            *comma = j - 1;
    } else if (head != CL_NONE) {
        if (in_set(v, head, CL_S_NONE))
            return 0;                   /* "anyone who proposes …" */
        size_t sa = list_left(v, cl_np_left(v, head, lo), head, lo);
        x->sp = span(v, sa, head);
        if (lone_opener(v, sa, head, lo))
            return 0;                   /* "Unwritten promises regarding …" */
        /* "superdelegates who have not announced": the relative pronoun
         * stands for the speaker too */
        if (head + 1 < i && (is(v, head + 1, "who") || is(v, head + 1, "whose") ||
                             is(v, head + 1, "which") || is(v, head + 1, "that")))
            x->sp.end = v->t[head + 1].end;
        /* "the changes, which officials said will go into effect", "what
         * analysts said was a sign of …": the relative pronoun is the
         * subject of the clause after the cue, the content */
        if (sa > lo && (relative_gap(v, x, sa - 1) || zero_relative(v, x, sa - 1))) {
            x->gap = 1;
            return 1;
        }
        /* "if it concludes that", "what X said was …"; but "what X calls
         * “…”" names the thing called */
        if (sa > lo && (is(v, sa - 1, "if") || is(v, sa - 1, "whether") ||
                        is(v, sa - 1, "unless") || is(v, sa - 1, "what")) &&
            !(is(v, sa - 1, "what") && (x->c->cls & CL_QOBJ)) && !what_colon(v, sa, x->ce))
            return 0;
        if (sa > lo && (pc(v, sa - 1, ',') || qclose(v, sa - 1)))
            *comma = sa - 1;
        else if (sa > lo && is(v, sa - 1, "as")) {
            x->as_clause = 1;
            if (sa > lo + 1 && pc(v, sa - 2, ',')) {
                *comma = sa - 2;
                /* "Podoliak expressed …, which, as Putin indicated, had
                 * continued": an aside; a "he" after it is Podoliak */
                x->nested = 1;
            }
        }
    } else if (i > lo && (pc(v, i - 1, ',') || qclose(v, i - 1))) {
        /* “…,” said Medinsky; a verb that inverts (class I) takes any
         * noun phrase after it: “…,” said a former senior official */
        size_t b = cl_np_right(v, ce, v->n, (x->c->cls & CL_INV) != 0);
        if (b != CL_NONE && !kind(v, ce, CL_W_PRON | CL_W_OBJ)) {
            *comma = i - 1;
            x->sp = span(v, ce, b);
            *tail = b + 1;
            /* a noun phrase that a comma or the sentence's end closes is
             * the speaker, even where no content stood before: "…, said
             * Matt Latimer, another speechwriter"; "said the days when …
             * are gone" is a clause */
            size_t rend;
            x->inverted = (x->c->cls & CL_INV) && (pc(v, b + 1, ',') || sentence_final(v, b + 1) ||
                                                   b + 1 >= v->n || relative_tail(v, b + 1, &rend));
        }
    }
    return 1;
}

/* Tokens of a phrase after a speaker and cue that ends their sentence. */
#define CL_ADJ_TAIL 12

/* Is all from after to the sentence's end a phrase the cue may take
 * ("about McCain", "in an interview on Friday"): it opens with a
 * preposition and holds no cue, quotation, colon or "that"? */
static int adjunct_tail(const cl_view *v, size_t after)
{
    /* "to People", "to a crowd of about 500": not an infinitive ("said
     * to be") */
    if (!preposition(v, after) ||
        (is(v, after, "to") && !capw(v, after + 1) &&
         !(kind(v, after + 1, CL_W_DET) && !kind(v, after + 1, CL_W_PRON))))
        return 0;
    for (size_t k = after + 1; k < v->n && k < after + CL_ADJ_TAIL; k++) {
        if (sentence_final(v, k) || ss(v, k))
            return 1;
        if (cl_cue_at(v, k) || v->t[k].kind == ANN_TOK_QUOTE || pc(v, k, ':') ||
            pc(v, k, ';') || is(v, k, "that"))
            return 0;
    }
    return 0;
}

/* “Who would have believed …?” Trump said.  A quotation that ends in a
 * question mark or a full stop ends its sentence for the tokenizer, yet a
 * sentence of nothing but a speaker and its cue ("Trump said.", "said
 * Trump, looking …") attributes it: the sentence of the cue at i, which
 * starts at lo, starts at the quotation then.  *head is the subject's
 * head for the sentence at lo when that was looked for on the way (else
 * it is left as it is): the cue wants it too when its sentence stays. */
static size_t quote_before(const cl_view *v, size_t i, size_t lo, size_t *head)
{
    if (lo < 2 || !qclose(v, lo - 1) || !sentence_final(v, lo - 2))
        return lo;
    const cl_cue *c = cl_cue_at(v, i);
    size_t after = i + c->n;
    if (i == lo) {                          /* “…?” said Trump */
        size_t b = cl_np_right(v, after, v->n, (c->cls & CL_INV) != 0);
        if (b == CL_NONE)
            return lo;
        after = b + 1;
    } else {                                /* “…?” Trump said */
        size_t h = *head = cl_subject_head(v, i, lo);
        if (h == CL_NONE || cl_np_left(v, h, lo) != lo)
            return lo;
    }
    if (after < v->n && !(pc(v, after, ',') && !qopen(v, after + 1)) &&
        !sentence_final(v, after) && !ss(v, after) && !adjunct_tail(v, after))
        return lo;                          /* "X said, “…”" has its own */
    return cl_sent_start(v, lo - 1);
}

/* "it shows he'd be awake", "this suggests that …": a verb of evidence
 * whose subject is a pronoun for a thing names no source. */
static int thing_shows(const cl_view *v, const cue_ctx *x)
{
    if (!(x->c->cls & CL_EVID) || x->sp.end <= x->sp.start)
        return 0;
    ann_span s = x->sp;
    size_t n = s.end - s.start;
    static const char *const things[] = { "it", "this", "that", "which" };
    for (size_t k = 0; k < sizeof things / sizeof things[0]; k++)
        if (n == strlen(things[k]) && strncasecmp(v->text + s.start, things[k], n) == 0)
            return 1;
    return 0;
}

/* Words back from a participle to the noun it modifies ("Macron's
 * message of the previous day urging …"). */
#define CL_NOUN_BACK 8

/* "reiterated Macron's message of the previous day urging Russia to
 * halt": a participle that modifies a noun of saying speaks for the
 * noun's possessor.  Sets *sp and returns 1 when one is found. */
static int message_author(const cl_view *v, size_t i, size_t lo, ann_span *sp)
{
    if (!is_ing(v, i) || i == 0 || pc(v, i - 1, ','))
        return 0;               /* "Scholz spoke, urging …": the subject's */
    for (size_t k = i - 1; k > lo + 1 && k + CL_NOUN_BACK > i; k--) {
        if (v->t[k].kind != ANN_TOK_WORD || (k < i - 1 && cl_cue_at(v, k)))
            return 0;
        if ((cl_info(v, k) & CL_W_NOUNCUE) && poss(v, k - 1) && head_ok(v, k - 2)) {
            *sp = span(v, cl_np_left(v, k - 2, lo), k - 2);
            return 1;
        }
    }
    return 0;
}

/* "…, forcing her to fend off Trump, said Brad Bannon, a Democratic
 * pollster.": after a comma, a verb that inverts (class I) followed by a
 * name or a speaker's noun phrase that the sentence's end or an
 * apposition ending it closes has its speaker after it, and what stands before the comma is the content, not a subject with
 * an aside ("The official, speaking anonymously, said the FBI had …",
 * whose noun phrase goes on with a verb). */
static int speaker_after(cl_view *v, const cue_ctx *x)
{
    size_t i = x->i, ce = x->ce;
    if (!(x->c->cls & CL_INV) || i <= x->lo || !pc(v, i - 1, ',') ||
        kind(v, ce, CL_W_PRON | CL_W_OBJ) || !(capw(v, ce) || kind(v, ce, CL_W_DET)) ||
        cl_in_date(v, v->t[ce].start))
        return 0;               /* "X, R-Ky., said Tuesday." */
    size_t b = cl_np_right(v, ce, v->n, 1);
    if (b == CL_NONE || !(capw(v, b) || kind(v, b, CL_W_HEAD)))
        return 0;
    size_t rend;
    if (b + 1 >= v->n || sentence_final(v, b + 1) || ss(v, b + 1) || relative_tail(v, b + 1, &rend))
        return 1;
    return pc(v, b + 1, ',') && apposition_ends(v, b + 2);
}

/* "As reported by Western Journalism, last year Seattle became …": "as",
 * a passive cue and its agent open the sentence, and the clause after the
 * agent's comma is the content, as after "According to X,".  tail is the
 * token after the agent.  Returns 1 when the claim is made. */
static int as_by_opener(cl_view *v, const cue_ctx *x, size_t tail)
{
    if (x->i != x->lo + 1 || !is(v, x->lo, "as") || !is(v, x->ce, "by") ||
        x->sp.end <= x->sp.start || !pc(v, tail, ',') || !(W(v, tail + 1) || qopen(v, tail + 1)))
        return 0;
    v->used[x->i] = 1;
    cl_emit_tokens(v, tail + 1, cl_content_end(v, tail + 1, 0), x->cue, x->sp, x->medium,
                   x->nested);
    return 1;
}

/* "Rubio was asked by moderator Gerard Baker whether …", "Asked by Matt
 * Lauer whether she had practiced, she said …", "was told by officials
 * that …": a verb that takes an addressee (class O) in the passive or
 * as a participle that opens its clause ("Asked", "When asked", ",
 * asked"), its agent after "by" the speaker, and what follows the agent
 * the content: a reported question ("whether", "if"), a "that" clause or
 * an infinitive.  Returns 1 when the claim is made. */
/* Words of an agent before the content it asks or tells. */
#define CL_AGENT 10

static int addressee_passive(cl_view *v, const cue_ctx *x, int passive)
{
    size_t i = x->i, ce = x->ce, lo = x->lo;
    if (!(x->c->cls & CL_OBJ) || !is(v, ce, "by") || is_ing(v, ce - 1) || ends_with(v, ce - 1, "s"))
        return 0;
    int opener = i == lo || (i > lo && (pc(v, i - 1, ',') || is(v, i - 1, "when") ||
                                        is(v, i - 1, "after") || is(v, i - 1, "once")));
    if (!passive && !opener)
        return 0;
    /* the agent: a noun phrase, or the words up to the content ("Fox
     * Business moderator Gerard Baker") */
    size_t b = cl_np_right(v, ce + 1, v->n, 1), p = ce + 1;
    while (p < v->n && p < ce + CL_AGENT && (W(v, p) || poss(v, p)) && !ss(v, p) &&
           !is(v, p, "whether") && !is(v, p, "if") && !complementizer(v, p) && !is(v, p, "to") &&
           !cl_cue_at(v, p))
        p++;
    if (b == CL_NONE || skip_simple(v, b + 1) != p) {
        if (p == ce + 1 || !(capw(v, p - 1) || kind(v, p - 1, CL_W_HEAD)))
            return 0;
        b = p - 1;
    }
    size_t start;
    if (is(v, p, "whether") || is(v, p, "if"))
        start = p;
    else if (complementizer(v, p) || (is(v, p, "to") && (v->t[p + 1].flags & ANN_TF_LOWER)))
        start = p + 1;
    else
        return 0;
    if (start >= v->n || !(W(v, start) || qopen(v, start)))
        return 0;
    v->used[i] = 1;
    /* a participle's clause ends at its comma: "Asked by X whether …, she said" */
    cl_emit_tokens(v, start, cl_content_end(v, start, !passive), x->cue, span(v, ce + 1, b),
                   x->medium, x->nested);
    return 1;
}

/* "what he calls corruption in politics", "which he describes as his
 * second home", "in what officials called a hate crime": a naming verb
 * (class Q or S) whose object is "what" or "which" before its subject;
 * the name it gives, after the cue (and "as"), is the content.  A name in
 * quotation marks is the quoted object's (quoted_object).  Returns 1
 * when the claim is made. */
static int naming_gap(cl_view *v, const cue_ctx *x)
{
    if (!(x->c->cls & (CL_QOBJ | CL_AS)) || x->sp.end <= x->sp.start || x->sp.end > x->cue.start)
        return 0;
    size_t r = x->i;
    while (r > x->lo && v->t[r - 1].start >= x->sp.start)
        r--;
    if (r == x->lo || !(is(v, r - 1, "what") || is(v, r - 1, "which")))
        return 0;
    /* a verb of class S names only through "as" ("which Kaine defended
     * people accused of …" names nothing) */
    size_t p = is(v, x->ce, "as") && (x->c->cls & CL_AS) ? x->ce + 1 : x->ce;
    if ((p == x->ce && !(x->c->cls & CL_QOBJ)) || p >= v->n || !W(v, p) || !(v->t[p].flags & ANN_TF_LOWER) || preposition(v, p) ||
        auxiliary(v, p) || kind(v, p, CL_W_BE | CL_W_PRON) || is(v, p, "to") ||
        (kind(v, p, CL_W_DET) && qopen(v, p + 1)))
        return 0;
    /* the name is a noun phrase: it ends at punctuation, a dash, or the
     * verb of the clause the "what" phrase sits in ("what former
     * employees called a “fraudulent scheme” took an uglier turn", "what
     * he calls political correctness, and has made …") */
    size_t e = p;
    while (e < v->n && !ss(v, e) && e < p + CL_NAMED_OBJ) {
        if (qopen(v, e)) {
            e = v->mate[e] + 1;
            continue;
        }
        if (!(W(v, e) || poss(v, e) || v->t[e].kind == ANN_TOK_NUMBER) ||
            (e > p && (auxiliary(v, e) || cl_negated_aux(v, e) || kind(v, e, CL_W_BE) ||
                       in_set(v, e, CL_S_PAST) || cl_cue_at(v, e))) ||
            ((is(v, e, "and") || is(v, e, "but")) &&
             (auxiliary(v, e + 1) || in_set(v, e + 1, CL_S_PAST) || ends_with(v, e + 1, "ed"))))
            break;
        e++;
    }
    if (e == p)
        return 0;
    v->used[x->i] = 1;
    cl_emit_tokens(v, p, e, x->cue, x->sp, x->medium, x->nested);
    return 1;
}

/* "Republicans continue to warn that …", "she appeared to imply …",
 * "Sexton was quick to point out …", "has tried to argue": the cue in the
 * infinitive of a verb or adjective of words.tsv class chain has the
 * subject of that word for its own.  k is the token left of the cue
 * past adverbs; returns the token left of the chain word and its
 * auxiliaries, or k when the cue stands in no such infinitive. */
static size_t chain_left(const cl_view *v, size_t i, size_t lo, size_t k)
{
    if (k == CL_NONE || k <= lo + 1 || !is(v, k, "to") || !(v->t[i].flags & ANN_TF_LOWER))
        return k;
    size_t r = cl_skip_adv_left(v, k - 1, lo);
    if (r == CL_NONE || r == lo || !in_set(v, r, CL_S_CHAIN))
        return k;
    /* "was quick to", "has tried to", "have been seeking to" */
    size_t q = cl_skip_adv_left(v, r - 1, lo);
    for (int n = 0; n < 2 && q != CL_NONE && q > lo && (kind(v, q, CL_W_BE) || auxiliary(v, q)); n++)
        q = cl_skip_adv_left(v, q - 1, lo);
    return q == CL_NONE ? k : q;
}

/* Does the sentence of the cue at i end in a question mark ("“Does she
 * know how much they make?”")? */
static int asked(const cl_view *v, size_t i)
{
    size_t e = i;
    while (e < v->n && !sentence_final(v, e) && !(e > i && ss(v, e)))
        e++;
    return pc(v, e, '?');
}

/* "“Trump will say anything,” she said", "said many voters would think
 * he lied", "said he never claimed that …", "said it led Republicans to
 * say that …", "“Does she know how much they make?”": a cue after a modal
 * (words.tsv class modal, "would have said" too) or a negation, in an
 * infinitive (not after a word of class chain, "continue to warn"), or
 * in a question, inside a quotation or the content of the claim just
 * made, is a supposed, future, denied or asked act, no report of one.
 * k is the token left of the cue past adverbs (cl_skip_adv_left steps
 * over modals and "not"), lo the sentence's first. */
static int unreported_inside(const cl_view *v, size_t i, size_t lo, size_t k)
{
    const cl_last *l = &v->st->last;
    if (!v->inq[i] && !(l->valid && l->end > v->t[i].start && v->doc->nclaims > v->claims_from &&
                        v->doc->claims[v->doc->nclaims - 1].content.start <= v->t[i].start))
        return 0;
    size_t m = k == CL_NONE ? i : k + 1;
    while (m < i && !in_set(v, m, CL_S_MODAL) && !is(v, m, "not") && !is(v, m, "never") &&
           !cl_negated_aux(v, m))
        m++;
    if (m < i)
        return 1;
    size_t a = i > lo ? cl_skip_adv_left(v, i - 1, lo) : CL_NONE;
    if (a != CL_NONE && a > lo && is(v, a, "to") &&
        !in_set(v, cl_skip_adv_left(v, a - 1, lo), CL_S_CHAIN))
        return 1;
    return asked(v, i);
}

/* Where is the content of the cue at i, and who speaks? */
void cl_on_cue(cl_view *v, size_t i)
{
    cue_ctx x;
    memset(&x, 0, sizeof x);
    x.i = i;
    x.c = cl_cue_at(v, i);
    x.ce = i + x.c->n;
    x.cue = span(v, i, x.ce - 1);
    /* The tests that refuse a cue read the view and change nothing, so
     * the cheapest come first: a fifth of the cues are refused before
     * their sentence, what stands before them and their subject are
     * looked for (each of those walks once, for the cue's sentence). */
    if (no_attribution(v, &x))
        return;
    const size_t unseen = CL_NONE - 1;          /* no token is there */
    size_t lo0 = cl_sent_start(v, i), head0 = unseen;
    x.lo = quote_before(v, i, lo0, &head0);
    x.medium = medium_of(v, x.c);
    x.nested = v->inq[i];
    size_t lo = x.lo, ce = x.ce;
    size_t k = x.k = chain_left(v, i, lo, i > lo ? cl_skip_adv_left(v, i - 1, lo) : CL_NONE);
    if (unreported_inside(v, i, lo, k))
        return;
    /* "was reported" is passive, "were urging" progressive, "was
     * critical of" an adjective's phrase (words.tsv class adj) */
    int passive = k != CL_NONE && kind(v, k, CL_W_BE) && !is_ing(v, i) && !in_set(v, i, CL_S_ADJ);
    /* an adjective of thought states one only with a "that" clause: "are
     * concerned that …", "were hopeful Tuesday that …" (not "concerned
     * about the economy", "a confident speech") */
    if (in_set(v, i, CL_S_ADJ) && !(x.c->cls & CL_NP) && !complementizer(v, skip_simple(v, ce)))
        return;
    if (addressee_passive(v, &x, passive) || no_agent(v, &x, passive))
        return;
    size_t head = x.lo == lo0 && head0 != unseen ? head0 : cl_subject_head_at(v, i, lo, k);
    if (head != CL_NONE && head + 1 < i && speaker_after(v, &x))
        head = CL_NONE;
    size_t dk = head != CL_NONE ? head : k;   /* "Gowdy last week said": no head, a date */
    if (dk != CL_NONE && cl_in_date(v, v->t[dk].start)) {
        /* "The report issued Friday said": the subject before the date;
         * "On Sunday, April 3, confirming": none */
        size_t d = dk;
        while (d > lo && cl_in_date(v, v->t[d - 1].start))
            d--;
        head = d > lo && d + 4 > i && (W(v, d - 1) || pc(v, d - 1, ')')) && !pc(v, d - 1, ',')
               ? cl_subject_head(v, d, lo) : CL_NONE;
        if (head != CL_NONE && cl_in_date(v, v->t[head].start))
            head = CL_NONE;
    }
    size_t comma = CL_NONE, tail = ce;
    if (!find_speaker(v, &x, k, head, passive, &comma, &tail) || thing_shows(v, &x) ||
        as_by_opener(v, &x, tail) || naming_gap(v, &x))
        return;
    if (x.gap) {
        v->used[i] = 1;
        cl_emit_tokens(v, ce, cl_content_end(v, ce, 1), x.cue, x.sp, x.medium, x.nested);
        return;
    }
    if (comma != CL_NONE) {
        if (content_before(v, &x, comma, tail))
            return;
        if (head == CL_NONE)
            x.sp.start = x.sp.end = 0;           /* "said X" wanted a tail */
    }
    if (x.sp.end == x.sp.start) {
        /* a verb coordinated with an earlier one: "… and again urged";
         * a clause of a subject pronoun right after a verb of saying, its
         * own subject too far ("Tom Emanuel of Laconia, N.H., stood at a
         * Bush event here to say he was leaning …") */
        if (!(k != CL_NONE && (is(v, k, "and") || pc(v, k, ',') || is(v, k, "but"))) &&
            !is_ing(v, i) && !pronoun_clause(v, &x))
            return;
        if (!message_author(v, i, lo, &x.sp) && !cl_sentence_speaker(v, lo, i, &x.sp))
            x.sp.start = x.sp.end = 0;
    }
    pre_claim(v, &x);
    /* "a poll showed a slimmer lead for Clinton": where no clause follows,
     * the findings are the object, as a class N verb's position is */
    cl_cue found;
    if (!v->used[i] && data_subject(v, &x)) {
        found = *x.c;
        found.cls |= CL_NP;
        x.c = &found;
        pre_claim(v, &x);
    }
}
