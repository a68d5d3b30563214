/*
 * claims_phrase.c - the phrases around a cue: where the sentence holding a
 * token starts, the speaker's noun phrase to the left of a cue or to the
 * right of it ("said X"), what may stand between a subject and its verb
 * (adverbs, appositives, relative clauses), and the subject of the
 * sentence for a verb that has none beside it (coordinated verbs, opening
 * participles).  Each walk is bounded by its sentence, and a quotation is
 * crossed in one step through its paired mark.
 */
#include <string.h>

#include "ann.h"
#include "claims_int.h"

/* A sentence of the view, in tokens, at most: a quotation holds its
 * sentence together (“A. B,” X said: the sentence of "said" starts at the
 * opening mark), but a run of quotations with no break outside them (one
 * long paragraph of "“…,” X said “…,” X said …", whose forced breaks may
 * all fall inside quotations) would make the sentence the window, and
 * every walk to its start as long as the window. */
#define CL_SENT_MAX 1000

/* First token of the sentence holding token j; a quotation is one step.
 * Past CL_SENT_MAX tokens back, the last sentence start before j, inside
 * a quotation or not (the tokenizer breaks a sentence at 1000 tokens):
 * a walk costs a bounded number of steps. */
size_t cl_sent_start(const cl_view *v, size_t j)
{
    size_t j0 = j;
    while (j > 0 && j < v->n && j + CL_SENT_MAX > j0) {
        if (ss(v, j))
            return j;
        if (qclose(v, j - 1))
            j = v->mate[j - 1];
        else
            j--;
    }
    if (j == 0 || j >= v->n)
        return 0;
    for (j = j0; j > 0 && !ss(v, j); j--)
        ;
    return j;
}

/* The first token of the speaker phrase that ends at head h, not before lo:
 * "a senior EU official", "the leaders of the EU and its member states",
 * "President Erdogan's spokesman". */
size_t cl_np_left(const cl_view *v, size_t h, size_t lo)
{
    size_t j = h, len = 1;
    if (kind(v, h, CL_W_PRON))
        return h;
    while (j > lo && !ss(v, j) && len < 12) {
        size_t k = j - 1;
        if (poss(v, k) && k > lo && np_word(v, k - 1)) {
            j = k - 1;
            len += 2;
        } else if (np_mod(v, k)) {
            j = k;
            len++;
        } else if (kind(v, k, CL_W_DET) && !kind(v, k, CL_W_PRON)) {
            j = k;
            /* "the leaders of the EU", and a noun no list holds after its
             * determiner: "the organizer of a rally" */
            if (k > lo + 1 && !ss(v, k) && connector(v, k - 1) &&
                (np_word(v, k - 2) || (k > lo + 2 && is(v, k - 1, "of") && open_word(v, k - 2) &&
                                       kind(v, k - 3, CL_W_DET) && !kind(v, k - 3, CL_W_PRON)))) {
                j = k - 2;
                len += 3;
                continue;
            }
            break;
        } else if (connector(v, k) && k > lo && !ss(v, k) &&
                   (np_mod(v, k - 1) || quantifier(v, k - 1))) {
            j = k - 1;                  /* "a bartender in Ohio", "many of whom" */
            len += 2;
        } else {
            if (quantifier(v, k) && !ss(v, j) && v->t[j].kind != ANN_TOK_NUMBER)
                j = k;                  /* "some Democrats", not "some 56 percent" */
            break;
        }
    }
    return j;
}

/* The last token of a speaker phrase that starts at p (before hi), or
 * CL_NONE when what stands there names nobody.  broad: any noun after a
 * determiner heads it ("said a former senior law enforcement official"),
 * as it may where a cue has just been read; elsewhere only names and
 * listed nouns do ("On the day …, Macron called"). */
size_t cl_np_right(const cl_view *v, size_t p, size_t hi, int broad)
{
    size_t j = p, last = CL_NONE;
    int headed = 0, det = 0;
    if (p >= hi)
        return CL_NONE;
    if (kind(v, p, CL_W_PRON))
        return p;
    if (in_set(v, p, CL_S_QUANT | CL_S_NUM) && is(v, p + 1, "of") && p + 2 < hi) {
        headed = capw(v, p) || kind(v, p, CL_W_HEAD);
        last = j++;             /* "one of those advisers", "some of his aides" */
        det = broad;
    } else if (kind(v, j, CL_W_DET)) {
        j++;
        det = broad;
    } else if (broad && open_word(v, p)) {
        /* a title without a determiner before a name: "said lobbyist Jim
         * Smith", "says political scientist Ann Lee" */
        size_t m = p;
        while (m < hi && m < p + 3 && open_word(v, m))
            m++;
        det = capw(v, m) && !ss(v, m);
    }
    while (j < hi && j - p < 12 && !(j > p && ss(v, j))) {
        if (poss(v, j) && last != CL_NONE) {
            j++;
            det = broad;        /* "NATO's informed secretary general" */
        }
        else if (np_word(v, j) || (det && open_word(v, j))) {
            /* after a determiner any noun heads it: "a former senior law
             * enforcement official" */
            headed |= capw(v, j) || kind(v, j, CL_W_HEAD) || (det && open_word(v, j));
            last = j++;
        } else if (connector(v, j) && last != CL_NONE &&
                   (np_word(v, j + 1) || kind(v, j + 1, CL_W_DET)))
            j += kind(v, j + 1, CL_W_DET) ? 2 : 1;
        else if (det && cl_cue_at(v, j) && (v->t[j].flags & ANN_TF_LOWER) && ends_with(v, j, "ed") &&
                 (np_word(v, j + 1) || open_word(v, j + 1)))
            j++;                /* "NATO's informed secretary general" */
        else if (v->t[j].kind == ANN_TOK_NUMBER && (det || j == p))
            j++;                /* "a 2008 Clinton veteran", "2012 nominee Mitt Romney" */
        else
            break;
    }
    return headed ? last : CL_NONE;
}

/* "don't", "didn’t", "won't": an auxiliary with its negation. */
int cl_negated_aux(const cl_view *v, size_t k)
{
    return W(v, k) && (ends_with(v, k, "n't") || ends_with(v, k, "n\xE2\x80\x99t"));
}

/* Words a phrase between a subject and its verb may hold after its
 * preposition: "on Thursday", "in a statement", "at a rally in Ohio". */
#define CL_ADJUNCT 6

/* The preposition of a phrase that ends at k and stands after a subject
 * ("Gov. Mike Pence on Thursday blamed", "officials at the meeting
 * said"), or CL_NONE.  The word before the preposition must be able to
 * end a subject: a name, a listed noun, a pronoun. */
static size_t adjunct_left(const cl_view *v, size_t k, size_t lo)
{
    for (size_t p = k; p > lo && p + CL_ADJUNCT > k; p--) {
        if (preposition(v, p) && !connector(v, p)) {
            /* "Feinstein (D-Calif.) on Monday said": a name's short
             * parenthesis before the phrase */
            if (p > lo && p < k && (capw(v, p - 1) || kind(v, p - 1, CL_W_HEAD | CL_W_PRON) ||
                                    (pc(v, p - 1, ')') && cl_paren_open(v, p - 1, lo) != CL_NONE)) &&
                !ss(v, p))
                return p;
            /* "officials familiar with the matter", "people close to X":
             * an adjective between the noun and its phrase */
            return p > lo + 1 && p < k && open_word(v, p - 1) && !ss(v, p - 1) &&
                   kind(v, p - 2, CL_W_HEAD) && !kind(v, p - 2, CL_W_PRON) ? p - 1 : CL_NONE;
        }
        if (!(np_mod(v, p) || kind(v, p, CL_W_DET) || in_set(v, p, CL_S_ADVB | CL_S_TIME) ||
              (poss(v, p) && p < k) || (p == k && p > lo && W(v, p) && poss(v, p - 1))) || ss(v, p))
            return CL_NONE;             /* "familiar with Cruz’s thinking" */
    }
    return CL_NONE;
}

/* Skips leftwards over what may sit between a subject and its verb ("also",
 * "has", "vehemently", "for his part").  Returns the token before those, or
 * CL_NONE when the sentence starts first. */
/* Tokens an aside between two dashes may hold. */
#define CL_DASH_ASIDE 30

/* The dash that opens the aside the dash at k closes ("X — and Y —"),
 * after a word, with words, numbers, commas and possessives between, a
 * verb of the aside's own too ("Many speakers at the service — including
 * Muslims, Christians, Catholics, Jews — said", "Joyce — who is listed as
 * an attorney in Illinois but doesn't practice law — told"), or CL_NONE. */
static size_t dash_open(const cl_view *v, size_t k, size_t lo)
{
    for (size_t o = k; o > lo + 1 && o + CL_DASH_ASIDE > k; o--) {
        if (v->t[o - 1].kind == ANN_TOK_DASH)   /* "said in her memoirs—that …—": content */
            return o - 1 < k - 1 && W(v, o - 2) && !is(v, o, "that") ? o - 1 : CL_NONE;
        if (ss(v, o - 1) || !(W(v, o - 1) || pc(v, o - 1, ',') || poss(v, o - 1) ||
                              v->t[o - 1].kind == ANN_TOK_NUMBER))
            return CL_NONE;
    }
    return CL_NONE;
}

size_t cl_skip_adv_left(const cl_view *v, size_t k, size_t lo)
{
    for (;;) {
        if (k < lo || k == CL_NONE)
            return CL_NONE;
        if (kind(v, k, CL_W_ADV) || ly_adverb(v, k) || cl_negated_aux(v, k)) {
            if (k == lo)
                return CL_NONE;
            k--;
        } else if (is(v, k, "part") && k >= lo + 2 && kind(v, k - 1, CL_W_DET) &&
                   is(v, k - 2, "for")) {
            if (k - 2 == lo)
                return CL_NONE;
            k -= 3;
        } else if (pc(v, k, ')')) {
            size_t o = cl_paren_open(v, k, lo);
            if (o == CL_NONE || o == lo || !capw(v, o - 1))
                return k;
            k = o - 1;              /* "Gov. Phil Bryant (R) said" */
        } else if (v->t[k].kind == ANN_TOK_DASH) {
            size_t o = dash_open(v, k, lo);
            if (o == CL_NONE || o == lo)
                return k;
            k = o - 1;              /* "Democrats — and some Republicans — say" */
        } else {
            size_t p = adjunct_left(v, k, lo);
            if (p == CL_NONE)
                return k;
            k = p - 1;              /* "Pence on Thursday blamed" */
        }
    }
}

/* Tokens a parenthesis after a name may hold: "(D-S.C.)", "(R)". */
#define CL_PAREN 8

/* The "(" of the short parenthesis that the ")" at k closes, not before
 * lo, or CL_NONE. */
size_t cl_paren_open(const cl_view *v, size_t k, size_t lo)
{
    for (size_t o = k; o > lo && o + CL_PAREN > k; o--)
        if (pc(v, o - 1, '('))
            return o - 1;
        else if (pc(v, o - 1, ')') || ss(v, o - 1))
            return CL_NONE;
    return CL_NONE;
}

/* The ")" of the short parenthesis that opens at k, or CL_NONE. */
size_t cl_paren_close(const cl_view *v, size_t k)
{
    for (size_t c = k + 1; c < v->n && c < k + CL_PAREN; c++)
        if (pc(v, c, ')'))
            return c;
        else if (pc(v, c, '(') || ss(v, c))
            return CL_NONE;
    return CL_NONE;
}

size_t cl_skip_adv_right(const cl_view *v, size_t j)
{
    while (j < v->n && (kind(v, j, CL_W_ADV) || ly_adverb(v, j)))
        j++;
    return j;
}

/* Tokens an appositive after a speaker may run to ("X, the head of …,"). */
#define CL_APPOS 40

/* Can an appositive start at j: "the parliamentary leader", "a former
 * adviser", "Ukraine's foreign minister"? */
static int appositive_start(const cl_view *v, size_t j)
{
    /* "the head of …", "Ukraine's envoy", "director of …" */
    return (kind(v, j, CL_W_DET) && !kind(v, j, CL_W_PRON)) || capw(v, j) ||
           (kind(v, j, CL_W_HEAD) && !kind(v, j, CL_W_PRON | CL_W_STOP));
}

/* c is a comma after a speaker: the comma that closes an appositive
 * there and is followed by a verb cue, or CL_NONE. */
static size_t appositive_cue(const cl_view *v, size_t c)
{
    if (!pc(v, c, ',') || !appositive_start(v, c + 1))
        return CL_NONE;
    for (size_t m = c + 1; m < v->n && m < c + CL_APPOS; m++) {
        if (ss(v, m) || v->t[m].kind == ANN_TOK_QUOTE || cl_cue_at(v, m) ||
            pc(v, m, ';') || pc(v, m, ':'))
            return CL_NONE;
        if (pc(v, m, ',')) {
            size_t k = cl_skip_adv_right(v, m + 1);
            return k < v->n && cl_cue_at(v, k) && !(cl_cue_at(v, k)->cls & CL_ACCORD) ? m : CL_NONE;
        }
    }
    return CL_NONE;
}

/* Does a new attribution start at j: "saying", "said X", "he added"? */
int cl_attribution_at(const cl_view *v, size_t j)
{
    if (j >= v->n)
        return 0;
    if (cl_cue_at(v, j) && !(v->t[j].flags & (ANN_TF_TITLE | ANN_TF_UPPER)))
        return 1;
    size_t b = cl_np_right(v, j, v->n, 1);
    if (b == CL_NONE)
        return 0;
    size_t k = b + 1;      /* "Russia could expect" is no attribution */
    size_t ac = appositive_cue(v, k);
    if (ac != CL_NONE)
        k = ac + 1;        /* "X, the head of …, said" */
    while (k < v->n && (ly_adverb(v, k) || is(v, k, "also")))
        k++;
    return k < v->n && cl_cue_at(v, k) && !(cl_cue_at(v, k)->cls & CL_ACCORD);
}

/* Tokens from a closing quotation to the cue past a speaker's apposition. */
#define CL_APPOS_AFTER 24

/* A closing quotation with its own speaker after it ("…,” he said). */
int cl_attributed_after(const cl_view *v, size_t close)
{
    size_t j = close + 1;
    if (pc(v, j, ','))
        j++;
    if (j >= v->n || ss(v, j))
        return 0;
    /* "…,” he said"; "…,” Fred Kagan, director of the project at the
     * institute, said": a name's apposition between two commas */
    int commas = 0;
    for (size_t k = j; k < v->n && k < j + (commas ? CL_APPOS_AFTER : 10); k++) {
        if (cl_cue_at(v, k) && !(cl_cue_at(v, k)->cls & CL_ACCORD) && !v->used[k])
            return 1;
        if (pc(v, k, ',') && k > j && capw(v, k - 1) && !commas)
            commas = 1;
        else if (pc(v, k, ',') && commas == 1)
            commas = 2;
        else if (!W(v, k) && !poss(v, k) && !(commas == 1 && v->t[k].kind == ANN_TOK_NUMBER))
            return 0;
    }
    return 0;
}

/* Words a relative clause between a subject and its verb may hold. */
#define CL_RELATIVE 12

/* The "who", "whose", "which" or "that" of a relative clause that ends
 * at k, right after a subject ("the officials whose laws were struck
 * down say"), or CL_NONE.  No punctuation inside it. */
static size_t relative_left(const cl_view *v, size_t k, size_t lo)
{
    for (size_t r = k; r > lo && r + CL_RELATIVE > k; r--) {
        if (!W(v, r) || ss(v, r))
            return CL_NONE;
        if (r < k && (is(v, r, "who") || is(v, r, "whose") || is(v, r, "which") || is(v, r, "that"))) {
            /* the pronoun is the clause's subject, or "whose": not "the bill
             * that Christie said" */
            if (!is(v, r, "whose") && (capw(v, r + 1) || kind(v, r + 1, CL_W_DET | CL_W_PRON)))
                return CL_NONE;
            return capw(v, r - 1) || kind(v, r - 1, CL_W_HEAD) ||
                   (ends_with(v, r - 1, "s") && open_word(v, r - 1)) ? r : CL_NONE;
        }
    }
    return CL_NONE;
}

/* A common noun that heads a subject: an open-class word, and one in -ing
 * or -ed only after a determiner ("the ruling", "those surveyed"), which
 * tells it from a verb ("he kept repeating", "Trump tweeted and said"). */
static int noun_head(const cl_view *v, size_t k, size_t lo)
{
    if (!open_word(v, k) || v->t[k].end - v->t[k].start < 2 || (k > lo && is(v, k - 1, "to")))
        return 0;
    /* "Exit polling", "recent polling": a source of findings in -ing
     * (words.tsv class data) is a noun without a determiner too */
    if (ends_with(v, k, "ing") && in_set(v, k, CL_S_DATA))
        return 1;
    if (ends_with(v, k, "ing") || ends_with(v, k, "ed"))
        return k > lo && (kind(v, k - 1, CL_W_DET) || poss(v, k - 1));
    if (kind(v, k, CL_W_HEAD) || (ends_with(v, k, "s") && !ends_with(v, k, "ss")))
        return 1;          /* "officials", "voters", "Democratic leaners" */
    /* a singular noun wants its determiner: "the network", "a new poll",
     * not "future states", "other states" (adjectives before a noun) */
    for (size_t j = k; j > lo && j + 6 > k; j--) {
        size_t p = j - 1;
        if (kind(v, p, CL_W_DET) || poss(v, p) || v->t[p].kind == ANN_TOK_NUMBER ||
            (capw(v, p) && !ss(v, p)))
            return 1;          /* "Russian television", "Cologne police" */
        if (!np_mod(v, p))
            return 0;
    }
    return 0;
}

/* A share or a count as the subject: "One in three said", "42% say",
 * "About 4 in 10 say", "most of them said". */
static int number_head(const cl_view *v, size_t k, size_t lo)
{
    if (k >= v->n)
        return 0;
    if (v->t[k].kind == ANN_TOK_NUMBER || in_set(v, k, CL_S_NUM) ||
        (v->t[k].kind == ANN_TOK_SYMBOL && v->text[v->t[k].start] == '%'))
        return 1;
    return (kind(v, k, CL_W_OBJ) || is(v, k, "whom")) && k > lo + 1 && is(v, k - 1, "of") &&
           (quantifier(v, k - 2) || in_set(v, k - 2, CL_S_NUM));   /* "many of whom say" */
}

static int quantifier_head(const cl_view *v, size_t k, size_t lo)
{
    if (!quantifier(v, k))
        return 0;
    return k == lo || !(np_word(v, k - 1) || kind(v, k - 1, CL_W_DET) || auxiliary(v, k - 1));
}

/* The head of the subject left of the cue at i, or CL_NONE: "Blinken
 * said", "the delegation, among other provisions, demanded". */
size_t cl_subject_head(const cl_view *v, size_t i, size_t lo)
{
    return cl_subject_head_at(v, i, lo, i > lo ? cl_skip_adv_left(v, i - 1, lo) : CL_NONE);
}

/* The same, k being cl_skip_adv_left(v, i - 1, lo) (CL_NONE when i is
 * lo), which a cue has found already. */
size_t cl_subject_head_at(const cl_view *v, size_t i, size_t lo, size_t k)
{
    if (k != CL_NONE && k > lo && kind(v, k, CL_W_BE) && (is_ing(v, i) || in_set(v, i, CL_S_ADJ))) {
        k = cl_skip_adv_left(v, k - 1, lo);        /* "officials were urging" */
        /* "Republicans have been critical of": an adjective's cue */
        if (k != CL_NONE && k > lo && auxiliary(v, k) && in_set(v, i, CL_S_ADJ))
            k = cl_skip_adv_left(v, k - 1, lo);
    }
    if (k != CL_NONE && k > lo && cl_contracted_aux(v, k))
        k = k - 1;                                 /* "he's said", "she's been urging" */
    if (k != CL_NONE && k > lo && qopen(v, k))
        k = cl_skip_adv_left(v, k - 1, lo);        /* X "demanded …" */
    if (k != CL_NONE && k > lo && (is(v, k, "which") || is(v, k, "who"))) {
        k = k - 1;                              /* "a Declaration which said" */
        if (pc(v, k, ',') && k > lo)
            k--;                                /* "Zelensky, who had said" */
    }
    if (k == CL_NONE)
        return CL_NONE;
    /* "Mr. Manafort, citing “the magic of Trump,” said": a participle and
     * its quotation set off after the subject */
    if (qclose(v, k) && v->mate[k] > lo + 2) {
        size_t o = v->mate[k];
        if (is_ing(v, o - 1) && pc(v, o - 2, ',') && o - 2 > lo) {
            size_t h = cl_skip_adv_left(v, o - 3, lo);
            if (h != CL_NONE && head_ok(v, h) && !kind(v, h, CL_W_PRON))
                return h;
        }
    }
    /* "Cuban-Americans polled said", "a poll released Friday found": a
     * participle after its noun */
    if (k > lo && (v->t[k].flags & ANN_TF_LOWER) && ends_with(v, k, "ed") &&
        (capw(v, k - 1) || (ends_with(v, k - 1, "s") && open_word(v, k - 1)) ||
         (kind(v, k - 1, CL_W_HEAD) && !kind(v, k - 1, CL_W_PRON))))
        k--;
    /* "The officials whose laws were struck down say", "Republicans who
     * have praised his candidacy warned": a relative clause with no commas,
     * its noun before "who", "whose", "which" or "that" (a name or a
     * pronoun right before the cue is the clause's own subject) */
    size_t rel = capw(v, k) || kind(v, k, CL_W_PRON) ? CL_NONE : relative_left(v, k, lo);
    if (rel != CL_NONE)
        return rel - 1;
    /* a participle's subject is rather a name or a listed noun: "march
     * down the street saying" */
    if (head_ok(v, k) || quantifier_head(v, k, lo) || (!is_ing(v, i) && noun_head(v, k, lo)) ||
        number_head(v, k, lo))
        return k;
    /* "new fundraising reports show": a plural cue word right before a
     * verb cue that agrees with it is that verb's subject, a noun */
    if (cl_cue_at(v, k) && k + 1 == i && cl_cue_at(v, i) && k > lo && !ss(v, k) &&
        ends_with(v, k, "s") && !ends_with(v, k, "ss") && (v->t[k].flags & ANN_TF_LOWER) &&
        !ends_with(v, i, "s") && !is_ing(v, i))
        return k;
    /* "The RAND report lists": a cue word after a determiner is a noun */
    if (cl_cue_at(v, k) && k > lo && !ss(v, k) && !kind(v, k - 1, CL_W_PRON) &&
        (kind(v, k - 1, CL_W_DET) || np_word(v, k - 1) ||
         (k - 1 > lo && open_word(v, k - 1) && kind(v, k - 2, CL_W_DET) &&
          !kind(v, k - 2, CL_W_PRON))))     /* "A news report said" */
        return k;
    if (!pc(v, k, ','))
        return CL_NONE;
    /* ", among other things,", an appositive ("X, the leader of …, said")
     * or a relative clause ("X, which has been welcomed …, calls for") */
    int cue_inside = 0;
    for (size_t c = k; c > lo && c + CL_APPOS > k; c--) {
        if (qclose(v, c - 1) && v->mate[c - 1] > lo) {
            c = v->mate[c - 1] + 1;     /* "X, citing “…,” said" */
            continue;
        }
        if (v->t[c - 1].kind == ANN_TOK_QUOTE)
            return CL_NONE;
        cue_inside |= cl_cue_at(v, c - 1) != NULL;
        if (pc(v, c - 1, ',')) {
            /* "X, who …, said", "X, while assuming …, revealed" */
            /* "Bush, the former governor, met Trump, calling him …": a
             * predicate after the comma is the subject's own, which
             * stands before it; before a finite cue a verb in the past
             * there is a participle set off ("The poll, released
             * Tuesday, found …") */
            if (k - c >= 2 && W(v, c) && (v->t[c].flags & ANN_TF_LOWER) &&
                (auxiliary(v, c) || kind(v, c, CL_W_BE) ||
                 ((ends_with(v, c, "ed") || in_set(v, c, CL_S_PAST)) && is_ing(v, i))) &&
                !is(v, c + 1, "by"))
                return cl_subject_head(v, c, lo);
            int relative = is(v, c, "which") || is(v, c, "who") || is(v, c, "whose") ||
                           preposition(v, c) || (is_ing(v, c) && (v->t[c].flags & ANN_TF_LOWER)) ||
                           (W(v, c) && (v->t[c].flags & ANN_TF_LOWER) &&
                            (ends_with(v, c, "ed") || in_set(v, c, CL_S_PAST)) &&
                            is(v, c + 1, "by"));   /* "The aides, led by X, told" */
            if (!relative && (cue_inside || (k - c > 10 && !appositive_start(v, c))))
                return CL_NONE;
            size_t h = c - 1 > lo ? cl_skip_adv_left(v, c - 2, lo) : CL_NONE;
            /* "One attendee, who like others spoke …, said" */
            return h != CL_NONE && (head_ok(v, h) || noun_head(v, h, lo)) &&
                   !kind(v, h, CL_W_PRON) ? h : CL_NONE;
        }
    }
    return CL_NONE;
}

/* Where the text after a dateline begins ("SELMA, Ala. — The mayor …",
 * "WASHINGTON (AP) — …"): a paragraph that opens with a word in capitals
 * and, a few names and commas on, a dash.  p when there is none. */
size_t cl_after_dateline(const cl_view *v, size_t p)
{
    if (p >= v->n || !(v->t[p].flags & ANN_TF_PARA_START) || !(v->t[p].flags & ANN_TF_UPPER) ||
        v->t[p].end - v->t[p].start < 3)
        return p;
    for (size_t k = p + 1; k < v->n && k < p + 8; k++) {
        if (v->t[k].kind == ANN_TOK_DASH)
            return k + 1;
        if (!capw(v, k) && !pc(v, k, ',') && !pc(v, k, '(') && !pc(v, k, ')'))
            return p;
    }
    return p;
}

/* Does the cue at i stand in a clause set before the main one, that the
 * sentence at lo opens ("Because polls indicated that …, there is",
 * "Despite Trump's claims that …, firms"): no comma between? */
int cl_fronted(const cl_view *v, size_t lo, size_t i)
{
    size_t p = cl_after_dateline(v, lo);
    if (qopen(v, p))
        p++;
    if (!in_set(v, p, CL_S_SUB))
        return 0;
    for (size_t k = p + 1; k < i; k++)
        if (pc(v, k, ',') || v->t[k].kind == ANN_TOK_QUOTE)
            return 0;
    return 1;
}

/* The last token of the subject's noun phrase at p, before the cue at i:
 * a name or a listed noun, or for a verb coordinated with the subject's own
 * any noun after the determiner that opens the sentence ("His ex-wife
 * agreed, but also contended"); not for a participle ("This framing is
 * useful for countering …").  CL_NONE for none. */
static size_t subject_np(const cl_view *v, size_t p, size_t i, size_t lo)
{
    size_t b = cl_np_right(v, p, i, 0);
    if (b == CL_NONE && p == cl_after_dateline(v, lo) && kind(v, p, CL_W_DET) && !is_ing(v, i))
        b = cl_np_right(v, p, i, 1);
    return b;
}

/* "Macron called him and urged him to …", "Zelensky rejected it, saying
 * …": the subject at the start of the sentence, or the speaker of the claim
 * just made in it. */
int cl_sentence_speaker(cl_view *v, size_t lo, size_t i, ann_span *sp)
{
    const cl_last *l = &v->st->last;
    if (l->valid && l->end > v->t[lo].start && l->end <= v->t[i].start) {
        *sp = l->speaker;
        return 1;
    }
    size_t p = cl_after_dateline(v, lo);
    if (qopen(v, p))
        p++;
    /* "And then Trump went …, saying": the author's linking words */
    for (int n = 0; n < 2 && p + 1 < i && !pc(v, p + 1, ',') &&
                    (is(v, p, "and") || is(v, p, "but") || is(v, p, "so") || is(v, p, "yet") ||
                     in_set(v, p, CL_S_ADVB)) && !cl_in_date(v, v->t[p].start); n++)
        p++;
    /* step over introductory phrases and relative clauses: "On Feb. 28,
     * at the request of X, who had agreed to …, Macron …" */
    for (int round = 0; round < 3 && p < i; round++) {
        if ((!kind(v, p, CL_W_STOP | CL_W_ADV) && !ly_adverb(v, p) && !is_ing(v, p) &&
             !cl_in_date(v, v->t[p].start)) || kind(v, p, CL_W_PRON))
            break;                      /* "On Sunday, April 3, confirming …"; "He …, saying" */
        size_t b = kind(v, p, CL_W_DET) ? subject_np(v, p, i, lo) : CL_NONE;
        if (b != CL_NONE && !pc(v, b + 1, ','))
            break;                      /* "The crisis deepened, …" */
        size_t c = p;
        while (c < i && c < p + 15 && !pc(v, c, ','))
            c++;
        if (!pc(v, c, ','))
            break;
        p = c + 1;
    }
    if (p == i)
        return 0;               /* "On Sunday, confirming …, X said": X, after it */
    /* any noun after the determiner that opens the sentence, for a verb
     * coordinated with its own: "His ex-wife agreed, but also contended";
     * not for a participle ("This framing is useful for countering …") */
    size_t b = subject_np(v, p, i, lo);
    if (b == CL_NONE || (!np_word(v, b) && pc(v, b + 1, ',')))
        return 0;               /* "This framing, countering …": a thing */
    *sp = span(v, p, b);
    return 1;
}

/* "Advising X to …, the Times reported, officials were urging …": the
 * subject of an opening participle is that of the main clause, past a
 * parenthetical attribution.  [*q, *b] is the noun phrase after the
 * participle clause, moved when a parenthesis stands there. */
void cl_main_subject(const cl_view *v, size_t *q, size_t *b)
{
    size_t k = cl_skip_adv_right(v, *b + 1);
    if (!cl_cue_at(v, k) || !pc(v, k + cl_cue_at(v, k)->n, ','))
        return;
    size_t q2 = k + cl_cue_at(v, k)->n + 1, b2 = cl_np_right(v, q2, v->n, 0);
    if (b2 == CL_NONE)
        return;
    k = cl_skip_adv_right(v, b2 + 1);
    if (auxiliary(v, k) || (cl_cue_at(v, k) && !(cl_cue_at(v, k)->cls & CL_ACCORD))) {
        *q = q2;
        *b = b2;
    }
}
