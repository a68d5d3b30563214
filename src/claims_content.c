/*
 * claims_content.c - the content of a claim: where it ends (the clause,
 * the sentence, the quotation it sits in, or a new attribution), how much
 * of it is kept and of what kind (direct, indirect, mixed), and the claim
 * made of it.
 */
#include <string.h>

#include "ann.h"
#include "claims_int.h"

/* " — ISW, June 23" closing a headline or a list item: a citation. */
int cl_citation_dash(const cl_view *v, size_t j)
{
    if (v->t[j].kind != ANN_TOK_DASH || !(v->t[j].flags & ANN_TF_SPACE_BEFORE) ||
        !capw(v, j + 1))
        return 0;
    for (size_t k = j + 2; k < v->n && k < j + 10; k++)
        if (ss(v, k) || (v->t[k].flags & ANN_TF_LINE_START))
            return 1;
    return j + 10 >= v->n;
}

/* The comma at j separates the items of a list that ends the clause
 * ("a ceasefire, talks, and respect for borders"): an "and" or "or" comes,
 * and the last item runs to the end of the clause without a comma. */
static int list_goes_on(const cl_view *v, size_t j)
{
    size_t m = j + 1, last = CL_NONE;
    if (is(v, m, "who") || is(v, m, "which") || is(v, m, "whose"))
        return 0;                      /* "Scott, who has never faced … or raised" */
    for (; m < v->n && m < j + 40 && !ss(v, m); m++) {
        if (v->t[m].kind == ANN_TOK_QUOTE)
            return 0;
        if (is(v, m, "and") || is(v, m, "or"))
            last = m;
        else if (sentence_final(v, m) || pc(v, m, ';') || is(v, m, "but") ||
                 v->t[m].kind == ANN_TOK_DASH)
            break;                     /* the clause the list ends */
        else if (pc(v, m, ',') && last != CL_NONE && !(is(v, m + 1, "and") || is(v, m + 1, "or")))
            return 0;
        else if (v->t[m].kind == ANN_TOK_PUNCT && !pc(v, m, ','))
            return 0;
    }
    return last != CL_NONE && m - last < 15;
}

/* Does the comma at j open the examples of the object before it ("several
 * factors, including budget cuts", "the tweets, as well as the prayers",
 * "issues, such as trade")?  They belong to the object. */
static int examples_follow(const cl_view *v, size_t j)
{
    return is(v, j + 1, "including") ||
           (is(v, j + 1, "as") && is(v, j + 2, "well") && is(v, j + 3, "as")) ||
           (is(v, j + 1, "such") && is(v, j + 2, "as"));
}

/* Does a verb in the past open a verb phrase at a ("refused to repudiate",
 * "challenged him", "offered a plan"): a word in -ed or an irregular past
 * form, with an object, an infinitive or a phrase after it; not an
 * adjective in -ed before its noun ("the rigged and biased system")? */
static int past_phrase(const cl_view *v, size_t a)
{
    if (!W(v, a) || !(v->t[a].flags & ANN_TF_LOWER) ||
        !(ends_with(v, a, "ed") || in_set(v, a, CL_S_PAST)))
        return 0;
    return kind(v, a + 1, CL_W_DET | CL_W_PRON) || capw(v, a + 1) || is(v, a + 1, "to") ||
           preposition(v, a + 1);
}

/* Tokens an aside between two dashes may hold. */
#define CL_DASHED 40

/* The dash that closes an aside opened by the dash at j, in the same
 * sentence and quotation, or CL_NONE. */
static size_t dash_pair(const cl_view *v, size_t j)
{
    for (size_t k = j + 1; k < v->n && k < j + CL_DASHED; k++) {
        if (ss(v, k) || v->t[k].kind == ANN_TOK_QUOTE || sentence_final(v, k) || pc(v, k, ';'))
            return CL_NONE;
        if (v->t[k].kind == ANN_TOK_DASH)
            return k;
    }
    return CL_NONE;
}

/* One past the last token of the content that starts at p: the end of the
 * clause, the sentence, or the quotation the content sits in. */
size_t cl_content_end(const cl_view *v, size_t p, int stop_comma)
{
    /* "and" and "but" by hash and length, not by their bytes: the walk
     * passes every token of the content */
    const uint64_t h_and = v->rules->h_and, h_but = v->rules->h_but;
    size_t j = p;
    /* a cue of the content's own: "said he had expressed concern and urged
     * …" coordinates "urged" with it, not with the cue */
    int own_cue = 0;
    while (j < v->n) {
        if (j > p && (ss(v, j) || (v->t[j].flags & ANN_TF_LINE_START)))
            break;
        if (v->mate[j] != CL_NONE) {
            if (v->mate[j] < j)
                break;                 /* closes a quotation around us */
            size_t o = j;
            j = v->mate[j] + 1;
            if (j < v->n && !ss(v, j) && cl_attribution_at(v, j))
                break;                 /* “…” adding that, “…,” X told */
            if (o == p && (j >= v->n || pc(v, j, ',') || pc(v, j, ';') || sentence_final(v, j) ||
                           pc(v, j - 2, ',')))
                break;                 /* said, “…,” showing that: the quotation is all */
            if (stop_comma && pc(v, j - 2, ',') && W(v, j) && (v->t[j].flags & ANN_TF_LOWER) &&
                is_ing(v, j))
                break;                 /* called Cruz the “ultimate hypocrite,” linking */
            continue;
        }
        if (v->t[j].kind == ANN_TOK_DASH && j > p) {
            size_t d = dash_pair(v, j);
            if (d != CL_NONE) {
                j = d + 1;             /* "Zelensky—one of the leaders, not …—had" */
                continue;
            }
        }
        if (v->t[j].kind == ANN_TOK_PUNCT) {
            char c = v->text[v->t[j].start];
            /* a colon goes on with the clause before a word on its line
             * ("they have chosen a new strategy: to stand up for …", "it
             * falls flat for one reason: The pride he feels …", "a
             * powerful new weapon: Donald Trump"); not before a
             * quotation ("X said P: “Q”" is two claims) or a new line */
            if (c == ';' || (c == ':' && j > p + 1 &&
                             !(W(v, j + 1) && !(v->t[j + 1].flags & ANN_TF_LINE_START))))
                break;
            if (c == ',' && ((stop_comma && !list_goes_on(v, j) && !examples_follow(v, j)) ||
                             cl_attribution_at(v, j + 1)))
                break;
            if (c == ',' && (is(v, j + 1, "which") || is(v, j + 1, "who")) && pc(v, j + 2, ','))
                break;
            /* "…, although he again refused …", "…, while other voters
             * said …": the author's contrast */
            if (c == ',' && j > p && (is(v, j + 1, "although") || is(v, j + 1, "though") ||
                                      is(v, j + 1, "whereas") || is(v, j + 1, "while")))
                break;
        }
        if (j > p + 2 && v->t[j].kind == ANN_TOK_DASH && cl_citation_dash(v, j))
            break;
        const ann_token *t = &v->t[j];
        int is_and = 0, is_but = 0;
        if (t->kind == ANN_TOK_WORD && t->end - t->start == 3) {
            is_and = t->lhash == h_and;
            is_but = t->lhash == h_but;
        }
        /* an object ends at "but": "proclaims peace but sets …"; a clause
         * at ", but" or ", and" and a pronoun that opens a clause of the
         * author's: "said she would not call on him to withdraw, but she
         * has bristled at …" (not "…, but there were nuances"), and at ",
         * but" and a name ("…, but Mr. Obama was furious") */
        if (j > p && (is_but || is_and) &&
            ((stop_comma && is_but) ||
             (pc(v, j - 1, ',') && ((kind(v, j + 1, CL_W_PRON) && !kind(v, j + 1, CL_W_OBJ) &&
                                     !is(v, j + 1, "it") && !in_set(v, j + 1, CL_S_FIRST)) ||
                                    (is_but && capw(v, j + 1))))))
            break;
        size_t a = j + 1;
        if ((is_and || is_but) && j > p)
            a = cl_skip_adv_right(v, j + 1);   /* "and repeatedly says" */
        if (j > p && (is_and || is_but) && (is(v, a, "that") ||
            (a < v->n && cl_cue_at(v, a) ?
                 stop_comma || (cl_cue_at(v, a)->cls & (CL_BARE | CL_OBJ)) != 0 ||
                 ((v->t[a].flags & ANN_TF_LOWER) && ends_with(v, a, "ed") && !own_cue) :
                 cl_attribution_at(v, a))))
            break;                     /* "and said", "and encouraged", "and that", "and X said" */
        /* an object ends where a second verb of its speaker comes:
         * "defended his mother and refused to repudiate …" */
        if (stop_comma && j > p && is_and && past_phrase(v, a))
            break;
        own_cue |= cl_cue_at(v, j) && (v->t[j].flags & ANN_TF_LOWER);
        j++;
    }
    return j;
}

static int trailing(const cl_view *v, size_t i)
{
    const ann_token *t = &v->t[i];
    if (t->kind == ANN_TOK_DASH)
        return 1;
    if (t->kind != ANN_TOK_PUNCT)
        return 0;
    char c = v->text[t->start];
    return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' ||
           c == '?' || sentence_final(v, i);
}

/* Tokens [a, b) as content: direct when one quotation is all of it (every
 * character between the marks), else first word to last word, mixed when
 * quotation marks are inside.  Returns 0 when too little is left. */
static int make_content(cl_view *v, size_t a, size_t b, ann_claim_kind *k, ann_span *out)
{
    while (b > a && trailing(v, b - 1))
        b--;
    if (b > a + 1 && qopen(v, a) && v->mate[a] == b - 1) {
        out->start = v->t[a].end;
        out->end = v->t[b - 1].start;
        *k = ANN_CLAIM_DIRECT;
        v->used[a] = 1;
        return out->end > out->start;
    }
    int quoted = 0;
    for (size_t i = a; i < b; i++)
        quoted |= v->mate[i] != CL_NONE;
    while (b > a && (trailing(v, b - 1) || v->t[b - 1].kind == ANN_TOK_QUOTE))
        b--;
    while (a < b && (v->t[a].kind == ANN_TOK_QUOTE || trailing(v, a)))
        a++;
    /* "And they found …, he said": a conjunction that opens the sentence
     * joins it to the author's last, it is no part of the content */
    if (a + 1 < b && ss(v, a) && (is(v, a, "and") || is(v, a, "or")) && W(v, a + 1))
        a++;
    size_t words = 0;
    for (size_t i = a; i < b; i++)
        words += v->t[i].kind == ANN_TOK_WORD || v->t[i].kind == ANN_TOK_NUMBER;
    /* "the crime alleged and is insufficient": a content opens no way
     * with a conjunction */
    /* one word is a content when it names a matter raised (words.tsv
     * class issue: "expressed concern", "voiced doubts") */
    if ((words < 2 && !(words == 1 && b == a + 1 && in_set(v, a, CL_S_ISSUE))) ||
        is(v, a, "and") || is(v, a, "or"))
        return 0;
    out->start = v->t[a].start;
    out->end = v->t[b - 1].end;
    *k = quoted ? ANN_CLAIM_MIXED : ANN_CLAIM_INDIRECT;
    return 1;
}

/* I, we and you outside a quotation are the author; inside, the
 * speaker's own asides ("I think"): neither names a source. */
int cl_first_person(const cl_view *v, ann_span sp)
{
    return cl_span_in_set(v, sp, CL_S_FIRST);
}

void cl_emit_tokens(cl_view *v, size_t a, size_t b, ann_span cue,
                    ann_span sp, const char *medium, int nested)
{
    ann_claim_kind k;
    ann_span content;
    if (cl_first_person(v, sp) || !make_content(v, a, b, &k, &content))
        return;
    cl_emit(v, k, content, cue, sp, medium, nested);
}
