/*
 * claims_find.c - the walk over a window's tokens that starts every
 * finder: verb cues (claims_verb.c), "according to X, …", noun cues
 * ("Zelensky's confidence that …", "its demand for …"), headlines
 * "Source: content", quotations credited by a dash ("“…” ― Name"), and
 * quotations that continue the statement before them.
 */
#include <string.h>

#include "ann.h"
#include "claims_int.h"

/* Does a clause follow the opening phrase that starts at s ("When this
 * training is tailored, it can be effective, according to …"), or is all
 * before the comma at c that phrase ("In the first quarter, according to
 * X, sales rose")? */
/* Tokens looked at for the comma that ends an opening phrase. */
#define CL_OPENER 40

static int clause_after_opener(const cl_view *v, size_t s, size_t c)
{
    for (size_t k = s + 1; k + 4 < c && k < s + CL_OPENER; k++)
        if (pc(v, k, ','))
            return 1;
    return 0;
}

/* Tokens a source after "according to" may have before its comma
 * ("early results of exit polls conducted for the AP by Edison
 * Research"). */
#define CL_ACCORD_SOURCE 30

/* "According to X, …" and "…, according to X." */
static void on_according(cl_view *v, size_t i)
{
    const cl_cue *c = cl_cue_at(v, i);
    size_t ce = i + c->n, b = ce;
    if (is(v, ce, "which") || in_set(v, ce, CL_S_FIRST))
        return;                 /* "according to my expectations" cites nobody */
    while (b < v->n && b < ce + CL_ACCORD_SOURCE && !pc(v, b, ',') && !sentence_final(v, b) &&
           !(b > ce && ss(v, b)) && v->t[b].kind != ANN_TOK_QUOTE)
        b++;
    if (b == ce)
        return;
    /* "a poll released Sunday", "an NBC report at the time": the date
     * and the words that lead to it are no part of the source (a speaker
     * that ends in a date is refused) */
    size_t se = b - 1;
    while (se > ce && cl_in_date(v, v->t[se].start))
        se--;
    if (se < b - 1)
        while (se > ce && (preposition(v, se) ||
                           ((v->t[se].flags & ANN_TF_LOWER) && ends_with(v, se, "ed"))))
            se--;
    ann_span cue = span(v, i, ce - 1), sp = span(v, ce, se);
    int nested = v->inq[i];
    v->used[i] = 1;
    /* "…, according to Craig Bryan, head of the center": set off after a
     * statement, it attributes the statement, and what follows its comma
     * is the source's apposition; so after a quotation that ends in a
     * comma ("…,” according to X") and after an aside between dashes */
    size_t sep = i > 0 && (pc(v, i - 1, ',') || v->t[i - 1].kind == ANN_TOK_DASH ||
                           (qclose(v, i - 1) && i > 1 && pc(v, i - 2, ','))) ? i - 1 : CL_NONE;
    size_t s = sep != CL_NONE ? cl_sent_start(v, sep) : i;
    /* "Notably absent, according to members …, was any mention of …",
     * "His criticism, according to X, was …": the clause goes on after
     * the source's comma, one claim across the attribution */
    if (sep != CL_NONE && pc(v, sep, ',') && s + 1 < sep && pc(v, b, ',') &&
        (kind(v, b + 1, CL_W_BE) || auxiliary(v, b + 1)) && (v->t[b + 1].flags & ANN_TF_LOWER)) {
        cl_emit_tokens(v, s, cl_content_end(v, b + 1, 0), cue, sp, NULL, nested);
        return;
    }
    /* "Boasting 108,000 residents …, the GOP leaners seem enamored with
     * Trump, according to Politico": the participle's phrase is the
     * author's */
    if (s < i && is_ing(v, s) && sep != CL_NONE) {
        size_t c = s + 1;
        while (c + 4 < sep && c < s + CL_OPENER && !pc(v, c, ','))
            c++;
        if (pc(v, c, ',') && c + 4 < sep)
            s = c + 1;
    }
    if (s < i && s + 4 <= i - 1 && !pc(v, s + 1, ',') && (!preposition(v, s) || clause_after_opener(v, s, i - 1))) {
        cl_emit_tokens(v, s, i - 1, cue, sp, NULL, nested);
        return;
    }
    if (pc(v, b, ',')) {
        size_t p = b + 1;
        if (is_ing(v, p) && (v->t[p].flags & ANN_TF_LOWER)) {
            /* "According to X, writing for Y: …": the content after the colon */
            while (p < v->n && !pc(v, p, ':') && !ss(v, p) && p < b + 15)
                p++;
            if (!pc(v, p, ':'))
                return;
            p++;
        }
        cl_emit_tokens(v, p, cl_content_end(v, p, 0), cue, sp, NULL, nested);
    } else if (i > 0 && pc(v, i - 1, ',')) {
        size_t s = cl_sent_start(v, i - 1);
        cl_emit_tokens(v, s, i - 1, cue, sp, NULL, nested);
    }
}

/* "Zelensky's confidence that …", "Its conclusion is unequivocal: …",
 * "the Russian narrative that …". */
/* Words between a noun of saying and its colon ("of the talks"). */
#define CL_NOUN_TAIL 6

/* "Leonid Slutsky likewise gave an upbeat assessment of the talks: “…”":
 * a verb, a noun of saying that is its object and, a short phrase on, a
 * colon and a quotation.  The quotation is the claim, the verb's subject
 * its speaker.  Returns 1 when that made the claim. */
static int object_noun(cl_view *v, size_t i)
{
    size_t d = i, c = i + 1;
    while (d > 0 && d + 3 > i && !kind(v, d - 1, CL_W_DET))
        d--;                            /* "an upbeat assessment" */
    if (d == 0 || !kind(v, d - 1, CL_W_DET) || kind(v, d - 1, CL_W_PRON) || d - 1 == 0)
        return 0;
    size_t verb = d - 2, lo = cl_sent_start(v, verb);
    if (!W(v, verb) || !(v->t[verb].flags & ANN_TF_LOWER) || kind(v, verb, CL_W_STOP) ||
        preposition(v, verb) || verb <= lo)
        return 0;
    while (c < v->n && c < i + 1 + CL_NOUN_TAIL && !pc(v, c, ':') && (W(v, c) || poss(v, c)))
        c++;
    if (!pc(v, c, ':') || !qopen(v, c + 1) || v->used[c + 1])
        return 0;
    size_t head = cl_subject_head(v, verb, lo);
    if (head == CL_NONE)
        return 0;
    ann_span sp = span(v, cl_np_left(v, head, lo), head);
    v->used[c + 1] = 1;
    cl_emit_tokens(v, c + 1, v->mate[c + 1] + 1, span(v, i, i), sp, NULL, v->inq[i]);
    return 1;
}

/* Tokens between "In" and its noun, and between the noun and its comma. */
#define CL_IN_NOUN 10
#define CL_IN_TAIL 8

/* "In an NBC News/Wall Street Journal poll released Monday, 50 percent
 * chose Clinton": a sentence that opens with "In" and a noun of a source
 * of findings (words.tsv class data) names the source of the clause
 * after the comma (cue "In", speaker the noun phrase to its noun),
 * unless a cue in the rest of the sentence attributes it ("In the same
 * poll, 31% of Republicans said …"). */
static int in_source(cl_view *v, size_t i)
{
    if (!in_set(v, i, CL_S_DATA) || v->inq[i])
        return 0;
    size_t s = cl_after_dateline(v, cl_sent_start(v, i)), c = i + 1;
    if (!is(v, s, "in") || i <= s + 1 || i > s + CL_IN_NOUN)
        return 0;
    for (size_t k = s + 1; k < i; k++)
        if (pc(v, k, ',') || v->t[k].kind == ANN_TOK_QUOTE || sentence_final(v, k) ||
            cl_cue_at(v, k))
            return 0;
    while (c < v->n && c <= i + CL_IN_TAIL && !pc(v, c, ',')) {
        if (v->t[c].kind == ANN_TOK_QUOTE || sentence_final(v, c) || ss(v, c) || cl_cue_at(v, c))
            return 0;
        c++;
    }
    if (!pc(v, c, ','))
        return 0;
    size_t e = cl_content_end(v, c + 1, 0);
    for (size_t k = c + 1; k < v->n && !ss(v, k) && !sentence_final(v, k); k++)
        if (cl_cue_at(v, k) || (v->info[k] & CL_W_NOUNCUE))
            return 0;
    cl_emit_tokens(v, c + 1, e, span(v, s, s), span(v, s + 1, i), NULL, 0);
    return 1;
}

static void on_noun(cl_view *v, size_t i)
{
    size_t q = i + 1, p;
    if (i == 0 || object_noun(v, i) || in_source(v, i))
        return;
    /* "the polls that showed him winning", "comments that were echoed":
     * a "that" before a verb is a relative pronoun, no clause of saying */
    if (is(v, q, "that") && W(v, q + 1) && (v->t[q + 1].flags & ANN_TF_LOWER) &&
        (auxiliary(v, q + 1) || cl_negated_aux(v, q + 1) || kind(v, q + 1, CL_W_BE) ||
         ends_with(v, q + 1, "ed") || in_set(v, q + 1, CL_S_PAST) || cl_cue_at(v, q + 1)))
        return;
    if (is(v, q, "that"))
        p = pc(v, q + 1, ',') ? q + 2 : q + 1;
    else if (pc(v, q, ':'))
        p = q + 1;
    else if (kind(v, q, CL_W_BE) && W(v, q + 1) && pc(v, q + 2, ':'))
        p = q + 3;
    else if (is(v, q, "according") && is(v, q + 1, "to") && is(v, q + 2, "which"))
        p = q + 3;
    else if (is(v, q, "for") && request_noun(v, i) && W(v, q + 1) &&
             (poss(v, i - 1) || kind(v, i - 1, CL_W_DET)))
        p = q + 1;                     /* "Ukraine's demand for a guarantee" */
    else
        return;
    size_t k = i - 1;
    ann_span sp;
    if (poss(v, k) && k > 0 && head_ok(v, k - 1))
        sp = span(v, cl_np_left(v, k - 1, cl_sent_start(v, k - 1)), k - 1);
    else if (is(v, k, "its") || is(v, k, "his") || is(v, k, "her") || is(v, k, "their") ||
             (capw(v, k) && !ss(v, k)))
        sp = span(v, k, k);
    else
        return;
    size_t e = cl_content_end(v, p, cl_fronted(v, cl_sent_start(v, i), i));
    cl_emit_tokens(v, p, e, span(v, i, i), sp, NULL, v->inq[i]);
}

/* Words of a transcript's speaker label ("JAKE TAPPER:"). */
#define CL_LABEL 3

/* The colon of a transcript's speaker label that opens the line at i,
 * after a quotation mark that opens a quoted transcript's paragraph
 * ("\"WALLACE: …"), or 0: up to CL_LABEL words in capitals ("WALLACE:",
 * "JAKE TAPPER:"), or an interview's one capital letter ("Q:", "A:"). */
static size_t label_at(const cl_view *v, size_t i)
{
    if (i < v->n && v->t[i].kind == ANN_TOK_QUOTE)
        i++;
    if (i + 1 < v->n && W(v, i) && v->t[i].end - v->t[i].start == 1 && pc(v, i + 1, ':') &&
        (v->t[i].flags & (ANN_TF_UPPER | ANN_TF_TITLE)))
        return i + 1;
    size_t k = i;
    while (k < v->n && k < i + CL_LABEL && (v->t[k].flags & ANN_TF_UPPER) && W(v, k) &&
           v->t[k].end - v->t[k].start > 2 && !kind(v, k, CL_W_STOP))
        k++;
    return k > i && pc(v, k, ':') ? k : 0;
}

/* Tokens a dialogue's next label is looked for in. */
#define CL_DIALOGUE 400

/* Is the label at i one of a dialogue: another label opens a line after
 * it, or before it, nearby?  A lone one ("CLARIFICATION:") is an
 * editor's note. */
static int dialogue(const cl_view *v, size_t i)
{
    for (size_t k = i + 1; k < v->n && k < i + CL_DIALOGUE; k++)
        if ((v->t[k].flags & ANN_TF_LINE_START) && label_at(v, k))
            return 1;
    for (size_t k = i; k > 0 && k + CL_DIALOGUE > i; k--)
        if ((v->t[k - 1].flags & ANN_TF_LINE_START) && label_at(v, k - 1))
            return 1;
    return 0;
}

/* A noun of speakers.tsv that names who speaks ("poll", "camp"), no
 * pronoun. */
static int source_noun(const cl_view *v, size_t j)
{
    return kind(v, j, CL_W_HEAD) && !kind(v, j, CL_W_PRON);
}

/* Is [a, e) a name and no statement: three words or fewer, each
 * capitalized ("Source: Foreign Affairs", "Report: UKRAINE REPORT")? */
static int name_only(const cl_view *v, size_t a, size_t e)
{
    size_t words = 0;
    for (size_t k = a; k < e; k++) {
        if (!W(v, k))
            continue;
        if (++words > 3 || !(v->t[k].flags & (ANN_TF_TITLE | ANN_TF_UPPER)))
            return 0;
    }
    return 1;
}

/* Does token i open the document's first line, its title? */
static int title_line(const cl_view *v, size_t i)
{
    size_t b = v->t[i].start;
    if (i > 0 || b > 16)
        return 0;
    for (size_t x = 0; x < b; x++)
        if (v->text[x] != ' ' && v->text[x] != '\n' && v->text[x] != '\r' && v->text[x] != '\t')
            return 0;
    return 1;
}

/* Words of whom a headline "X to Y: …" addresses. */
#define CL_HEAD_TO 8

/* A line that opens with a source and a colon: "ISW: Putin's positions …". */
static void on_headline(cl_view *v, size_t i)
{
    if (v->t[i].kind == ANN_TOK_QUOTE && label_at(v, i))
        i++;
    size_t j = i, label = label_at(v, i);
    /* names, and a noun that names a source last ("Poll:", "Clinton
     * camp:", "Report:" although a cue word) */
    while (j < v->n && j < i + 4 && (capw(v, j) || (j > i && source_noun(v, j))) &&
           (!cl_cue_at(v, j) || (pc(v, j + 1, ':') && source_noun(v, j))) &&
           !(j > i && (v->t[j].flags & ANN_TF_LINE_START)))
        j++;
    if (label == i + 1)
        j = label;                      /* "Q:", "A:" */
    ann_span sp = span(v, i, j > i ? j - 1 : i);
    /* "Clinton to Planned Parenthood: …", "Obama To Asians Worried About
     * …: …": the speaker and, after "to", whom the line addresses */
    if (j > i && is(v, j, "to") && capw(v, j + 1)) {
        size_t m = j + 1;
        while (m < v->n && m < j + 1 + CL_HEAD_TO && !pc(v, m, ':') && W(v, m) && !cl_cue_at(v, m) &&
               !(v->t[m].flags & ANN_TF_LINE_START))
            m++;
        if (pc(v, m, ':'))
            j = m;
    }
    if (j == i || !pc(v, j, ':') || j + 1 >= v->n ||
        (v->t[j + 1].flags & ANN_TF_LINE_START))
        return;
    size_t e = j + 1;
    while (e < v->n && !(v->t[e].flags & ANN_TF_LINE_START) && !(e > j + 3 && cl_citation_dash(v, e)))
        e++;
    /* a tagged actor or source, a transcript's speaker ("WALLACE:"), or
     * in a headline (a paragraph of one line) a noun that names a source
     * ("Poll: Trump leads in Ohio"), or in the title a name that ends a
     * tagged one in the text ("Sanders: Clinton Email Story Has Moved",
     * where names in title case are not tagged, and "Bernie Sanders"
     * below; in the body "Carson: A miracle." heads a list item) */
    int headline = (v->t[i].flags & ANN_TF_PARA_START) &&
                   (e >= v->n || (v->t[e].flags & ANN_TF_PARA_START));
    if (!cl_is_entity(v, sp) && !(label == j && dialogue(v, i)) &&
        !(headline && source_noun(v, j - 1) && !name_only(v, j + 1, e)) &&
        !(title_line(v, i) && capw(v, j - 1) && !name_only(v, j + 1, e) && cl_names_actor(v, sp)))
        return;
    /* "President Biden: Stop Funding …" addresses him */
    if (in_set(v, j + 1, CL_S_APPEAL))
        return;
    cl_emit_tokens(v, j + 1, e, span(v, j, j), sp, NULL, 0);
}

/* Is there nothing but punctuation and space between byte a and byte b?
 * Looks at most a short stretch: a long gap is never "nothing". */
static int adjacent(const cl_view *v, size_t a, size_t b)
{
    if (b < a || b - a > 64)
        return 0;
    for (size_t x = a; x < b; x++) {
        unsigned char ch = (unsigned char)v->text[x];
        if ((ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
            return 0;
    }
    return 1;
}

/* Tokens a name that credits a quotation may have ("Julie A. Diaz
 * Martinez"). */
#define CL_CREDIT 8

/* “…” ― Steve Quinlan: a quotation credited by a dash and a name that
 * ends the line, as collections of readers' words and epigraphs write it.
 * Returns 1 when that made the claim. */
static int on_credit(cl_view *v, size_t o)
{
    size_t close = v->mate[o], d = close + 1, b = d + 1, last = CL_NONE;
    if (pc(v, d, '.') || pc(v, d, ','))
        d++, b++;
    if (v->used[o] || d >= v->n || v->t[d].kind != ANN_TOK_DASH || (v->t[d].flags & ANN_TF_LINE_START))
        return 0;
    for (; b < v->n && b < d + 1 + CL_CREDIT && !(v->t[b].flags & ANN_TF_LINE_START); b++) {
        if (capw(v, b) && !cl_cue_at(v, b))
            last = b;
        else if (!(pc(v, b, '.') && last != CL_NONE))
            return 0;                   /* "— the rest of the sentence" */
    }
    if (last == CL_NONE || (b < v->n && !(v->t[b].flags & ANN_TF_LINE_START)))
        return 0;
    ann_span content = { v->t[o].end, v->t[close].start };
    v->used[o] = 1;
    cl_emit(v, ANN_CLAIM_DIRECT, content, span(v, d, d), span(v, d + 1, last), NULL, v->inq[o]);
    return 1;
}

/* Tokens of the rest of an attribution's sentence after its claim. */
#define CL_CLAIM_TAIL 30

/* Is all between byte b, where the last claim ended, and the quotation
 * mark at o the rest of that claim's sentence ("he said to an enormous
 * cheer.¶¶“…”"): words of one sentence, no quotation mark, no cue? */
static int rest_of_sentence(const cl_view *v, size_t b, size_t o)
{
    size_t k = o;
    while (k > 0 && o - k < CL_CLAIM_TAIL && v->t[k - 1].start >= b) {
        k--;
        if (v->t[k].kind == ANN_TOK_QUOTE || cl_cue_at(v, k) || (k + 1 < o && ss(v, k + 1)))
            return 0;
    }
    return k < o && (k == 0 || v->t[k - 1].start < b) && sentence_final(v, o - 1);
}

/* Is token k a verb cue in lower case that attributes something (not
 * "points", which only closes a quotation)? */
static int said_at(const cl_view *v, size_t k)
{
    return cl_cue_at(v, k) && (v->t[k].flags & ANN_TF_LOWER) && (cl_cue_at(v, k)->cls & ~CL_INV);
}

/* Lower-case words of a verb phrase between a speaker and a colon
 * ("leaned in and boomed", "went even further"). */
#define CL_COLON_VP 8

/* "Trump leaned in and boomed: “…”", "In an interview, Trump went even
 * further: “…”", "She addressed the supporters again: “…”": a person's
 * name or a pronoun that opens the clause, a few words in lower case with
 * no cue, and a colon before the quotation.  Returns the speaker's last
 * token, or CL_NONE; *sp is the speaker's span. */
static size_t colon_subject(cl_view *v, size_t colon, ann_span *sp)
{
    size_t lo = cl_after_dateline(v, cl_sent_start(v, colon)), h = colon;
    while (h > lo && h + CL_COLON_VP > colon && W(v, h - 1) &&
           (v->t[h - 1].flags & ANN_TF_LOWER) && !said_at(v, h - 1) && !is(v, h - 1, "that") &&
           !kind(v, h - 1, CL_W_PRON))
        h--;
    if (h == colon || h == lo || !W(v, h - 1))
        return CL_NONE;
    size_t head = h - 1, np = cl_np_left(v, head, lo);
    if (np == CL_NONE || (np > lo && !pc(v, np - 1, ',')))
        return CL_NONE;                 /* the subject opens the clause */
    if (kind(v, head, CL_W_PRON) && !kind(v, head, CL_W_OBJ) && !in_set(v, head, CL_S_FIRST) &&
        !is(v, head, "it") && !in_set(v, head, CL_S_ALONE)) {
        *sp = span(v, head, head);
        return head;
    }
    return capw(v, head) && cl_person_ending(v, span(v, head, head), sp) ? head : CL_NONE;
}

/* A quotation that opens a sentence with no speaker of its own continues
 * the statement just before it: same speaker, same cue. */
/* "… doesn't surprise Republican pollster Daron Shaw: “…”", "Here's
 * Clinton in 1992: “…”" has no cue, "Continued Stone: “…”" one that
 * only closes quotations: a quotation after a colon that a person's
 * name ends is that person's, the colon its cue. */
static void on_colon_quote(cl_view *v, size_t o)
{
    if (o < 2 || !pc(v, o - 1, ':') || v->used[o] || v->inq[o] || !W(v, o - 2))
        return;
    ann_span sp;
    size_t close = v->mate[o];
    /* the quotation ends the sentence: "Sanders: ‘Of Course’ Clinton Is
     * Qualified" quotes a phrase of a headline */
    size_t after = close + 1;
    if (after < v->n && !ss(v, after) && !(v->t[after].flags & ANN_TF_LINE_START) &&
        !sentence_final(v, after))
        return;
    if (cl_attributed_after(v, close))
        return;
    if (!capw(v, o - 2)) {
        size_t head = colon_subject(v, o - 1, &sp);
        ann_span content = { v->t[o].end, v->t[close].start };
        if (head == CL_NONE || content.end <= content.start)
            return;
        v->used[o] = 1;
        cl_emit(v, ANN_CLAIM_DIRECT, content, span(v, head + 1, o - 1), sp, NULL, 0);
        return;
    }
    if (!cl_person_ending(v, span(v, o - 2, o - 2), &sp))
        return;
    ann_span content = { v->t[o].end, v->t[close].start };
    if (content.end <= content.start)
        return;
    v->used[o] = 1;
    cl_emit(v, ANN_CLAIM_DIRECT, content, span(v, o - 1, o - 1), sp, NULL, 0);
}

static void on_quote(cl_view *v, size_t o)
{
    const cl_last *l = &v->st->last;
    if (v->used[o] || !ss(v, o) || v->inq[o] || !l->valid)
        return;
    size_t close = v->mate[o];
    if (cl_attributed_after(v, close) ||
        !(adjacent(v, l->end, v->t[o].start) || rest_of_sentence(v, l->end, o)))
        return;
    ann_span content = { v->t[o].end, v->t[close].start };
    if (content.end <= content.start)
        return;
    v->used[o] = 1;
    cl_emit(v, ANN_CLAIM_DIRECT, content, l->cue, l->speaker, l->medium_id, 0);
}

/* Words a headline may have, looked at to tell one in title case. */
#define CL_HEADLINE 40

/* Is token i the first cue of a headline written in title case ("Obama
 * Says Museum Will Tell of …", "…, Former White House Doctor Says"): a
 * paragraph of one line whose words, but for a few short function words,
 * are capitalized.  There a capitalized cue is a verb, and the cues after
 * it are inside its content. */
static int title_case_cue(const cl_view *v, size_t i)
{
    size_t a = i, caps = 0, low = 0;
    /* a headline's verb is in the present or the past: "Says", "Vowed",
     * "Said", "Told"; "In-depth Report:" is a noun */
    if (!(ends_with(v, i, "s") && !ends_with(v, i, "ss")) && !ends_with(v, i, "ed") &&
        (cl_cue_at(v, i)->n != 1 || is_ing(v, i) || cl_base_form(v, i)))
        return 0;
    while (a > 0 && a + CL_HEADLINE > i && !(v->t[a].flags & ANN_TF_LINE_START))
        if (cl_cue_at(v, --a))
            return 0;
    if (!(v->t[a].flags & ANN_TF_PARA_START))
        return 0;
    size_t k = a;
    for (; k < v->n && k < a + CL_HEADLINE; k++) {
        if (k > a && (v->t[k].flags & ANN_TF_LINE_START))
            break;
        if (W(v, k)) {
            if (v->t[k].flags & (ANN_TF_TITLE | ANN_TF_UPPER))
                caps++;
            else
                low++;
        }
    }
    if (k < v->n && !(v->t[k].flags & ANN_TF_PARA_START))
        return 0;               /* too long, or a line of a longer paragraph */
    return caps >= 3 && low * 4 <= caps;
}

/* What lies inside a pair is known as the walk reaches it: pairs nest, so
 * the ranges of the marks that open outside every earlier pair cover it,
 * and the finders ask only about the token they start at. */
void cl_find(cl_view *v)
{
    const uint64_t starts = CL_V_CUE_BITS | CL_W_NOUNCUE;
    size_t until = 0;            /* the end of the outermost pair open here */
    for (size_t h = 0; h < v->nhot; h++) {
        size_t i = v->hot[h];
        /* an unpaired mark or a paragraph start starts nothing */
        if (v->mate[i] == CL_NONE && !(v->t[i].flags & ANN_TF_LINE_START) &&
            !(v->info[i] & starts))
            continue;
        v->inq[i] = i < until;
        if (i >= until && qopen(v, i))
            until = v->mate[i];
        if (qopen(v, i) && !on_credit(v, i)) {
            on_colon_quote(v, i);
            on_quote(v, i);
        }
        if (v->t[i].flags & ANN_TF_LINE_START)
            on_headline(v, i);
        if (cl_cue_at(v, i) && !v->used[i]) {
            if (cl_cue_at(v, i)->cls & CL_ACCORD)
                on_according(v, i);
            else if ((v->t[i].flags & ANN_TF_LOWER) ||
                     ((v->t[i].flags & ANN_TF_TITLE) && !ss(v, i) && title_case_cue(v, i)) ||
                     (is_ing(v, i) && (ss(v, i) || (i > 0 && v->t[i - 1].kind == ANN_TOK_DASH &&
                                                   cl_after_dateline(v, cl_sent_start(v, i)) == i))) ||
                     (ss(v, i) && is(v, i + cl_cue_at(v, i)->n, "by")))
                cl_on_cue(v, i);        /* "Advising X to …, Y said", after a dateline too;
                                         * "Asked by X whether …, Y said" */
        }
        /* every noun cue passed the scan's filter and is looked up: a
         * line start whose word is not known yet is none */
        if (v->info[i] & CL_W_NOUNCUE)
            on_noun(v, i);
    }
}
