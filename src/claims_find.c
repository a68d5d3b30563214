/*
 * claims_find.c - finds attributions in a window: verb cues with the
 * content before them ("“…,” X said", "…, X said") or after them ("X said
 * that …", "X told Y: “…”", "urged Y to …"), quoted phrases and "as"
 * complements of naming verbs ("calls it “a farce”", "described X as Y"),
 * "according to X, …", noun cues ("Zelensky's confidence that …", "its
 * demand for …"), headlines "Source: content", and quotations that continue
 * the statement before them.  Speakers are found past adverbs, appositives
 * and relative clauses, and for coordinated verbs and opening participles
 * in the subject of the sentence.
 *
 * Everything is shallow pattern work over tokens: the speaker is the noun
 * phrase next to the cue, the content runs to the end of the clause.  Each
 * scan is bounded by its sentence, and a quotation is crossed in one step
 * through its paired mark, so the work stays linear in practice.
 */
#include <string.h>
#include <strings.h>

#include "ann.h"
#include "claims_int.h"

/* ---- token predicates --------------------------------------------------- */

static inline int W(const cl_view *v, size_t i)
{
    return i < v->n && v->t[i].kind == ANN_TOK_WORD;
}

/* Is token i the word s up to ASCII case?  Asked for a few fixed words
 * around every cue, so kept inline: the length of the literal is known at
 * compile time and turns most tokens away before any byte is compared. */
static inline int is(const cl_view *v, size_t i, const char *s)
{
    return W(v, i) && ann_tok_is_ci(v->text, &v->t[i], s);
}

/* Is token i a word of the closed lists in set (CL_S_*)? */
static inline int in_set(const cl_view *v, size_t i, unsigned set)
{
    return i < v->n && (cl_info(v, i) >> CL_V_SETS_SHIFT & set);
}

static int pc(const cl_view *v, size_t i, char c)
{
    return i < v->n && v->t[i].kind == ANN_TOK_PUNCT &&
           v->t[i].end - v->t[i].start == 1 && v->text[v->t[i].start] == c;
}

static int ss(const cl_view *v, size_t i)
{
    return i < v->n && (v->t[i].flags & (ANN_TF_SENT_START | ANN_TF_PARA_START));
}

static int qopen(const cl_view *v, size_t i)
{
    return i < v->n && v->mate[i] != CL_NONE && v->mate[i] > i;
}

static int qclose(const cl_view *v, size_t i)
{
    return i < v->n && v->mate[i] != CL_NONE && v->mate[i] < i;
}

static int poss(const cl_view *v, size_t i)
{
    return i < v->n && (v->t[i].flags & ANN_TF_POSS);
}

static inline int kind(const cl_view *v, size_t i, unsigned k)
{
    return W(v, i) && (cl_info(v, i) & k);
}

static int capw(const cl_view *v, size_t i)
{
    if (!W(v, i) || !(v->t[i].flags & (ANN_TF_TITLE | ANN_TF_UPPER)))
        return 0;
    /* "US" and "IT" are names, "us" and "it" are not */
    return !(cl_info(v, i) & CL_W_STOP) ||
           ((v->t[i].flags & ANN_TF_UPPER) && v->t[i].end - v->t[i].start >= 2);
}

/* A word a speaker's noun phrase is made of. */
static int np_word(const cl_view *v, size_t i)
{
    if (!W(v, i))
        return 0;
    if (capw(v, i))
        return 1;
    if ((cl_info(v, i) & CL_W_STOP) || cl_cue_at(v, i))
        return 0;
    return (cl_info(v, i) & (CL_W_HEAD | CL_W_MOD)) != 0;
}

/* A word that can end a speaker's noun phrase. */
static int head_ok(const cl_view *v, size_t i)
{
    if (kind(v, i, CL_W_PRON))
        return 1;
    if (!np_word(v, i) || (cl_cue_at(v, i) && !capw(v, i)))
        return 0;
    return capw(v, i) || (cl_info(v, i) & CL_W_HEAD);
}

static inline int ends_with(const cl_view *v, size_t i, const char *suf)
{
    size_t n = strlen(suf), len = v->t[i].end - v->t[i].start;
    return len > n + 1 && memcmp(v->text + v->t[i].end - n, suf, n) == 0;
}

static int is_ing(const cl_view *v, size_t i)
{
    return ends_with(v, i, "ing");
}

/* Lowercase words in -ly sit between a subject and its verb ("vehemently"). */
static int ly_adverb(const cl_view *v, size_t i)
{
    return W(v, i) && (v->t[i].flags & ANN_TF_LOWER) && v->t[i].end - v->t[i].start >= 5 &&
           ends_with(v, i, "ly") && !(cl_info(v, i) & CL_W_HEAD);
}

static int sentence_final(const cl_view *v, size_t i)
{
    if (i >= v->n || v->t[i].kind != ANN_TOK_PUNCT)
        return 0;
    char c = v->text[v->t[i].start];
    return c == '.' || c == '!' || c == '?' ||
           (v->t[i].end - v->t[i].start == 3 && memcmp(v->text + v->t[i].start, "\xE2\x80\xA6", 3) == 0);
}

static ann_span span(const cl_view *v, size_t a, size_t b)   /* tokens [a, b] */
{
    ann_span s = { v->t[a].start, v->t[b].end };
    return s;
}

/* ---- sentences and noun phrases ----------------------------------------- */

/* First token of the sentence holding token j; a quotation is one step. */
static size_t sent_start(const cl_view *v, size_t j)
{
    while (j > 0 && j < v->n) {
        if (ss(v, j))
            return j;
        if (qclose(v, j - 1))
            j = v->mate[j - 1];
        else
            j--;
    }
    return 0;
}

static int connector(const cl_view *v, size_t i)
{
    return in_set(v, i, CL_S_CONN);
}

/* The first token of the speaker phrase that ends at head h, not before lo:
 * "a senior EU official", "the leaders of the EU and its member states",
 * "President Erdogan's spokesman". */
static size_t np_left(const cl_view *v, size_t h, size_t lo)
{
    size_t j = h, len = 1;
    if (kind(v, h, CL_W_PRON))
        return h;
    while (j > lo && !ss(v, j) && len < 12) {
        size_t k = j - 1;
        if (poss(v, k) && k > lo && np_word(v, k - 1)) {
            j = k - 1;
            len += 2;
        } else if (np_word(v, k)) {
            j = k;
            len++;
        } else if (kind(v, k, CL_W_DET) && !kind(v, k, CL_W_PRON)) {
            j = k;
            if (k > lo + 1 && !ss(v, k) && connector(v, k - 1) && np_word(v, k - 2)) {
                j = k - 2;
                len += 3;
                continue;
            }
            break;
        } else if (connector(v, k) && k > lo && !ss(v, k) && np_word(v, k - 1)) {
            j = k - 1;
            len += 2;
        } else
            break;
    }
    return j;
}

/* The last token of a speaker phrase that starts at p (before hi), or
 * CL_NONE when what stands there names nobody. */
static size_t np_right(const cl_view *v, size_t p, size_t hi)
{
    size_t j = p, last = CL_NONE;
    int headed = 0;
    if (p >= hi)
        return CL_NONE;
    if (kind(v, p, CL_W_PRON))
        return p;
    if (kind(v, j, CL_W_DET))
        j++;
    while (j < hi && j - p < 12 && !(j > p && ss(v, j))) {
        if (poss(v, j) && last != CL_NONE)
            j++;
        else if (np_word(v, j)) {
            headed |= capw(v, j) || kind(v, j, CL_W_HEAD);
            last = j++;
        } else if (connector(v, j) && last != CL_NONE &&
                   (np_word(v, j + 1) || kind(v, j + 1, CL_W_DET)))
            j += kind(v, j + 1, CL_W_DET) ? 2 : 1;
        else
            break;
    }
    return headed ? last : CL_NONE;
}

/* Skips leftwards over what may sit between a subject and its verb ("also",
 * "has", "vehemently", "for his part").  Returns the token before those, or
 * CL_NONE when the sentence starts first. */
static size_t skip_adv_left(const cl_view *v, size_t k, size_t lo)
{
    for (;;) {
        if (k < lo || k == CL_NONE)
            return CL_NONE;
        if (kind(v, k, CL_W_ADV) || ly_adverb(v, k)) {
            if (k == lo)
                return CL_NONE;
            k--;
        } else if (is(v, k, "part") && k >= lo + 2 && kind(v, k - 1, CL_W_DET) &&
                   is(v, k - 2, "for")) {
            if (k - 2 == lo)
                return CL_NONE;
            k -= 3;
        } else
            return k;
    }
}

static size_t skip_adv_right(const cl_view *v, size_t j)
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
    return (kind(v, j, CL_W_DET) && !kind(v, j, CL_W_PRON)) || capw(v, j);
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
            size_t k = skip_adv_right(v, m + 1);
            return k < v->n && cl_cue_at(v, k) && !(cl_cue_at(v, k)->cls & CL_ACCORD) ? m : CL_NONE;
        }
    }
    return CL_NONE;
}

/* Does a new attribution start at j: "saying", "said X", "he added"? */
static int attribution_at(const cl_view *v, size_t j)
{
    if (j >= v->n)
        return 0;
    if (cl_cue_at(v, j) && !(v->t[j].flags & (ANN_TF_TITLE | ANN_TF_UPPER)))
        return 1;
    size_t b = np_right(v, j, v->n);
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

/* A closing quotation with its own speaker after it ("…,” he said). */
static int attributed_after(const cl_view *v, size_t close)
{
    size_t j = close + 1;
    if (pc(v, j, ','))
        j++;
    if (j >= v->n || ss(v, j))
        return 0;
    for (size_t k = j; k < v->n && k < j + 10; k++) {
        if (cl_cue_at(v, k) && !(cl_cue_at(v, k)->cls & CL_ACCORD) && !v->used[k])
            return 1;
        if (!W(v, k) && !poss(v, k))
            return 0;
    }
    return 0;
}

/* ---- content ------------------------------------------------------------ */

/* " — ISW, June 23" closing a headline or a list item: a citation. */
static int citation_dash(const cl_view *v, size_t j)
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

/* One past the last token of the content that starts at p: the end of the
 * clause, the sentence, or the quotation the content sits in. */
static size_t content_end(const cl_view *v, size_t p, int stop_comma)
{
    /* "and" and "but" by hash and length, not by their bytes: the walk
     * passes every token of the content */
    const uint64_t h_and = v->rules->h_and, h_but = v->rules->h_but;
    size_t j = p;
    while (j < v->n) {
        if (j > p && (ss(v, j) || (v->t[j].flags & ANN_TF_LINE_START)))
            break;
        if (v->mate[j] != CL_NONE) {
            if (v->mate[j] < j)
                break;                 /* closes a quotation around us */
            j = v->mate[j] + 1;
            if (j < v->n && !ss(v, j) && attribution_at(v, j))
                break;                 /* “…” adding that, “…,” X told */
            continue;
        }
        if (v->t[j].kind == ANN_TOK_PUNCT) {
            char c = v->text[v->t[j].start];
            if (c == ';' || (c == ':' && j > p + 1))
                break;
            if (c == ',' && ((stop_comma && !list_goes_on(v, j)) || attribution_at(v, j + 1)))
                break;
            if (c == ',' && (is(v, j + 1, "which") || is(v, j + 1, "who")) && pc(v, j + 2, ','))
                break;
        }
        if (j > p + 2 && v->t[j].kind == ANN_TOK_DASH && citation_dash(v, j))
            break;
        const ann_token *t = &v->t[j];
        int is_and = 0, is_but = 0;
        if (t->kind == ANN_TOK_WORD && t->end - t->start == 3) {
            is_and = t->lhash == h_and;
            is_but = t->lhash == h_but;
        }
        /* an object ends at "but": "proclaims peace but sets …" */
        if (stop_comma && j > p && is_but)
            break;
        if (j > p && (is_and || is_but) && (is(v, j + 1, "that") ||
            (j + 1 < v->n && cl_cue_at(v, j + 1) ? (cl_cue_at(v, j + 1)->cls & (CL_BARE | CL_OBJ)) != 0 :
                                             attribution_at(v, j + 1))))
            break;                     /* "and said", "and that", "and X said" */
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
    size_t words = 0;
    for (size_t i = a; i < b; i++)
        words += v->t[i].kind == ANN_TOK_WORD || v->t[i].kind == ANN_TOK_NUMBER;
    if (words < 2)
        return 0;
    out->start = v->t[a].start;
    out->end = v->t[b - 1].end;
    *k = quoted ? ANN_CLAIM_MIXED : ANN_CLAIM_INDIRECT;
    return 1;
}

/* I, we and you outside a quotation are the author; inside, the
 * speaker's own asides ("I think"): neither names a source. */
static int first_person(const cl_view *v, ann_span sp)
{
    return cl_span_in_set(v, sp, CL_S_FIRST);
}

static const char *medium_of(const cl_view *v, const cl_cue *c)
{
    if ((c->cls & CL_TWITTER) && ann_doc_find_entity(v->doc, "twitter"))
        return "twitter";
    return NULL;
}

static void emit_tokens(cl_view *v, size_t a, size_t b, ann_span cue,
                        ann_span sp, const char *medium, int nested)
{
    ann_claim_kind k;
    ann_span content;
    if (first_person(v, sp) || !make_content(v, a, b, &k, &content))
        return;
    cl_emit(v, k, content, cue, sp, medium, nested);
}

/* ---- the speaker of a clause whose verb has none next to it -------------- */

/* "Macron called him and urged him to …", "Zelensky rejected it, saying
 * …": the subject at the start of the sentence, or the speaker of the claim
 * just made in it. */
static int sentence_speaker(const cl_view *v, size_t lo, size_t i, ann_span *sp)
{
    const cl_last *l = &v->st->last;
    if (l->valid && l->end > v->t[lo].start && l->end <= v->t[i].start) {
        *sp = l->speaker;
        return 1;
    }
    size_t p = lo;
    if (qopen(v, p))
        p++;
    /* step over introductory phrases and relative clauses: "On Feb. 28,
     * at the request of X, who had agreed to …, Macron …" */
    for (int round = 0; round < 3 && p < i; round++) {
        if (!kind(v, p, CL_W_STOP | CL_W_ADV) && !ly_adverb(v, p) && !is_ing(v, p))
            break;
        size_t b = kind(v, p, CL_W_DET) ? np_right(v, p, i) : CL_NONE;
        if (b != CL_NONE && !pc(v, b + 1, ','))
            break;                      /* "The crisis deepened, …" */
        size_t c = p;
        while (c < i && c < p + 15 && !pc(v, c, ','))
            c++;
        if (!pc(v, c, ','))
            break;
        p = c + 1;
    }
    size_t b = np_right(v, p, i);
    if (b == CL_NONE)
        return 0;
    *sp = span(v, p, b);
    return 1;
}

/* ---- verb cues ----------------------------------------------------------- */

/* What follows "X said" when the content came before it: a short tail
 * ("told the British newspaper") and then the end of the sentence (1), a
 * comma that makes the attribution a parenthesis (2), or anything else
 * that shows the content is still to come (0).  *end: the closing token. */
static int post_tail(const cl_view *v, size_t j, size_t *end)
{
    for (size_t k = j; k < v->n && k < j + 25; k++) {
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
    if (j >= v->n) {
        *end = v->n - 1;
        return 1;
    }
    return 0;
}

/* “A,” X said. “B” — the second part belongs to the first when it has no
 * speaker of its own.  Returns the closing mark to end on, or CL_NONE. */
static size_t split_rest(cl_view *v, size_t next)
{
    if (!qopen(v, next) || v->used[next] || (v->t[next].flags & ANN_TF_PARA_START))
        return CL_NONE;
    size_t close = v->mate[next];
    if (attributed_after(v, close))
        return CL_NONE;
    v->used[next] = 1;
    return close;
}

static int preposition(const cl_view *v, size_t j)
{
    return in_set(v, j, CL_S_PREP);
}

/* The content stood before the cue: "“…,” X said", "…, said X", and the
 * parenthetical "…, X said, …".  Returns 0 when what stands before the
 * comma is no statement ("In December 2021, Russia proposed …"). */
static int post_claim(cl_view *v, size_t comma, int how, size_t tend,
                      ann_span cue, ann_span sp, const char *medium, int nested)
{
    size_t cq = qclose(v, comma) ? comma :
                (pc(v, comma, ',') && comma > 0 && qclose(v, comma - 1)) ? comma - 1 : CL_NONE;
    if (cq != CL_NONE) {
        size_t o = v->mate[cq];
        if (ss(v, o) || (o > 0 && (sentence_final(v, o - 1) || qclose(v, o - 1)))) {
            ann_span content = { v->t[o].end, v->t[cq].start };
            size_t rest = split_rest(v, tend + 1);
            if (rest != CL_NONE)
                content.end = v->t[rest].start;
            v->used[o] = 1;
            if (!first_person(v, sp) && content.end > content.start)
                cl_emit(v, ANN_CLAIM_DIRECT, content, cue, sp, medium, nested);
            return 1;
        }
    }
    size_t s = sent_start(v, cq != CL_NONE ? cq : comma);
    if (how == 2) {
        size_t after = tend + 1;
        if (comma > s && (is(v, comma - 1, "which") || is(v, comma - 1, "who")))
            s = after;
        else if ((kind(v, s, CL_W_STOP | CL_W_ADV) || ly_adverb(v, s)) && pc(v, s + 1, ','))
            s += 2;
        if (s != after && (comma < s + 3 || preposition(v, s)))
            return 0;
        emit_tokens(v, s, content_end(v, after, 0), cue, sp, medium, nested);
        return 1;
    }
    if (comma < s + 4 || preposition(v, s))
        return 0;
    emit_tokens(v, s, comma, cue, sp, medium, nested);
    return 1;
}

/* Skips an addressee: "him", "reporters", "the Ukrainian president". */
static size_t skip_object(const cl_view *v, size_t j)
{
    if (kind(v, j, CL_W_OBJ))
        return j + 1;
    size_t b = np_right(v, j, v->n);
    return b == CL_NONE ? j : b + 1;
}

/* An object not in the speaker lexicon ("the farmers", "the reform") when
 * what must follow it does: a determiner and a few plain words before
 * "to" (want_to) or an opening quotation mark. */
static size_t skip_object_before(const cl_view *v, size_t j, int want_to)
{
    size_t q = skip_object(v, j);
    if (q > j || !kind(v, j, CL_W_DET))
        return q;
    for (size_t m = j + 1; m < v->n && m < j + 6; m++) {
        if (want_to ? is(v, m, "to") : qopen(v, m))
            return m > j + 1 ? m : j;
        if (!W(v, m) || cl_cue_at(v, m) || kind(v, m, CL_W_STOP) || ss(v, m))
            break;
    }
    return j;
}

/* Words that may stand alone between a cue and its content ("announced
 * later it would …"). */
static int adverbial(const cl_view *v, size_t j)
{
    return in_set(v, j, CL_S_ADVB) || ly_adverb(v, j);
}

static int time_noun(const cl_view *v, size_t j)
{
    return in_set(v, j, CL_S_TIME);
}

/* "that" introducing a clause, not the determiner of "that day". */
static int complementizer(const cl_view *v, size_t j)
{
    if (!is(v, j, "that") || (j > 0 && is(v, j - 1, "those")))
        return 0;                      /* "those that" is relative */
    return !time_noun(v, j + 1);
}

/* Steps over "later", "in a 2023 interview", "on Monday" to what
 * introduces the content ("that", a colon, a quotation).  Returns j when
 * there is nothing to step over, CL_NONE when a phrase leads nowhere. */
/* Steps over adverbs and "for the first time", which may stand even
 * between a verb and its object. */
static size_t skip_simple(const cl_view *v, size_t j)
{
    for (;;) {
        if ((is(v, j, "last") || is(v, j, "this") || is(v, j, "next")) &&
            time_noun(v, j + 1))
            j += 2;                                  /* "last week" */
        else if (j < v->n && adverbial(v, j) && !ss(v, j + 1))
            j++;
        else if (j < v->n && (v->t[j].kind == ANN_TOK_NUMBER || W(v, j)) && time_noun(v, j + 1) &&
                 is(v, j + 2, "ago"))
            j += 3;                                  /* "two weeks ago" */
        else if (is(v, j, "for") && is(v, j + 1, "the") && is(v, j + 3, "time") &&
                 (is(v, j + 2, "first") || is(v, j + 2, "second") ||
                  is(v, j + 2, "last") || is(v, j + 2, "third")))
            j += 4;
        else
            return j;
    }
}

static size_t skip_adverbials(const cl_view *v, size_t j)
{
    j = skip_simple(v, j);
    /* "agreed to begin …" is an infinitive, not a phrase to step over */
    if ((!preposition(v, j) || is(v, j, "to")) && !pc(v, j, ','))
        return j;
    if (pc(v, j, ',') && (qopen(v, j + 1) || is(v, j + 1, "that")))
        return j;
    for (size_t m = j + 1; m < v->n && m < j + 15; m++) {
        if (ss(v, m) || cl_cue_at(v, m) || sentence_final(v, m) || pc(v, m, ';'))
            break;
        if (complementizer(v, m) || pc(v, m, ':') || qopen(v, m))
            return m;
        if (pc(v, m, ',') && qopen(v, m + 1))
            return m;
    }
    return CL_NONE;
}

static int auxiliary(const cl_view *v, size_t j)
{
    return in_set(v, j, CL_S_AUX);
}

/* A bare noun after the verb is a clause's subject ("said talks would
 * resume") only when an auxiliary soon follows; otherwise it is the
 * verb's object ("maintained contacts with both sides"). */
static int clause_follows(const cl_view *v, size_t j)
{
    for (size_t k = j + 1; k < v->n && k < j + 8; k++) {
        if (auxiliary(v, k))
            return 1;
        if (!W(v, k) || ss(v, k) || cl_cue_at(v, k))
            return 0;
    }
    return 0;
}

/* Can a bare clause ("said the talks failed") start at j? */
static int bare_ok(const cl_view *v, size_t j)
{
    if (j >= v->n || ss(v, j))
        return 0;
    if (v->t[j].kind == ANN_TOK_NUMBER)
        return 1;
    if (!W(v, j) || cl_cue_at(v, j))
        return 0;
    if (!(cl_info(v, j) & CL_W_STOP))
        return !kind(v, j, CL_W_OBJ) && (capw(v, j) || clause_follows(v, j));
    /* "maintained a consistent position" is an object, "said a deal was
     * close" a clause */
    if (is(v, j, "a") || is(v, j, "an"))
        return clause_follows(v, j);
    return in_set(v, j, CL_S_BARE);
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

/* The content after the cue: "that …", ": “…”", "him to …", a bare clause,
 * or the object of "demanded".  Returns its first token or CL_NONE. */
static size_t content_start(const cl_view *v, const cl_cue *c, size_t ce, int *np)
{
    *np = 0;
    if (c->cls & CL_TO) {
        size_t q = skip_object_before(v, ce, 1);
        if (q > ce && is(v, q, "to") && !is(v, q + 1, "the"))
            return q + 1;
    }
    size_t q = ce;
    if ((c->cls & CL_OBJ) && !is(v, q, "that") && !qopen(v, q))
        q = skip_object(v, ce);
    q = skip_adverbials(v, q);
    if (q == CL_NONE)
        return CL_NONE;
    /* "noted there had been progress", "noted they would": a pronoun
     * subject and an auxiliary make a clause even without "that" */
    if ((kind(v, q, CL_W_PRON) || is(v, q, "there")) && auxiliary(v, q + 1) &&
        !(c->cls & CL_NP))
        return q;
    if (!(c->cls & CL_BARE) && !is(v, q, "that") && !qopen(v, q) && !pc(v, q, ':') &&
        !(c->cls & CL_NP))
        q = introducer_ahead(v, q, q);
    if (is(v, q, "that"))
        return pc(v, q + 1, ',') ? q + 2 : q + 1;
    if (pc(v, q, ':') || (pc(v, q, ',') && qopen(v, q + 1)))
        return q + 1;
    if (qopen(v, q))
        return q;
    if ((c->cls & CL_NP) && q == skip_simple(v, ce) && W(v, q) && !is(v, q, "to") &&
        !is(v, q, "by") && !is(v, q, "of")) {
        *np = 1;
        return q;
    }
    if ((c->cls & CL_BARE) && bare_ok(v, q))
        return q;
    /* "maintained a consistent position: …"; after an object, "that" is
     * rather a relative pronoun ("a peace that respects …") */
    if ((c->cls & CL_BARE) && !is(v, q, "that") && !pc(v, q, ':')) {
        size_t m = introducer_ahead(v, q, CL_NONE);
        if (m != CL_NONE && pc(v, m, ':'))
            return m + 1;
    }
    return CL_NONE;
}

/* "many", "some", "others" standing alone as a subject: "with many
 * saying …", "some argued …" (not "some officials"). */
static int quantifier(const cl_view *v, size_t k)
{
    return in_set(v, k, CL_S_QUANT);
}

static int quantifier_head(const cl_view *v, size_t k, size_t lo)
{
    if (!quantifier(v, k))
        return 0;
    return k == lo || !(np_word(v, k - 1) || kind(v, k - 1, CL_W_DET) || auxiliary(v, k - 1));
}

/* The head of the subject left of the cue at i, or CL_NONE: "Blinken
 * said", "the delegation, among other provisions, demanded". */
static size_t subject_head(const cl_view *v, size_t i, size_t lo)
{
    size_t k = i > lo ? skip_adv_left(v, i - 1, lo) : CL_NONE;
    if (k != CL_NONE && k > lo && kind(v, k, CL_W_BE) && is_ing(v, i))
        k = skip_adv_left(v, k - 1, lo);        /* "officials were urging" */
    if (k != CL_NONE && k > lo && qopen(v, k))
        k = skip_adv_left(v, k - 1, lo);        /* X "demanded …" */
    if (k != CL_NONE && k > lo && (is(v, k, "which") || is(v, k, "who"))) {
        k = k - 1;                              /* "a Declaration which said" */
        if (pc(v, k, ',') && k > lo)
            k--;                                /* "Zelensky, who had said" */
    }
    if (k == CL_NONE)
        return CL_NONE;
    if (head_ok(v, k) || quantifier_head(v, k, lo))
        return k;
    /* "The RAND report lists": a cue word after a determiner is a noun */
    if (cl_cue_at(v, k) && k > lo && !ss(v, k) && !kind(v, k - 1, CL_W_PRON) &&
        (kind(v, k - 1, CL_W_DET) || np_word(v, k - 1)))
        return k;
    if (!pc(v, k, ','))
        return CL_NONE;
    /* ", among other things,", an appositive ("X, the leader of …, said")
     * or a relative clause ("X, which has been welcomed …, calls for") */
    int cue_inside = 0;
    for (size_t c = k; c > lo && c + CL_APPOS > k; c--) {
        if (v->t[c - 1].kind == ANN_TOK_QUOTE)
            return CL_NONE;
        cue_inside |= cl_cue_at(v, c - 1) != NULL;
        if (pc(v, c - 1, ',')) {
            int relative = is(v, c, "which") || is(v, c, "who");
            if (!relative && (cue_inside || (k - c > 10 && !appositive_start(v, c))))
                return CL_NONE;
            size_t h = c - 1 > lo ? skip_adv_left(v, c - 2, lo) : CL_NONE;
            return h != CL_NONE && head_ok(v, h) && !kind(v, h, CL_W_PRON) ? h : CL_NONE;
        }
    }
    return CL_NONE;
}

/* A cue word used as a noun: after a determiner ("the report titled"),
 * or before an auxiliary ("Russian demands are met"). */
static int noun_use(const cl_view *v, size_t i, size_t ce)
{
    if (i > 0 && !ss(v, i) && kind(v, i - 1, CL_W_DET) &&
        !is(v, i - 1, "her") && !is(v, i - 1, "one"))
        return 1;
    /* "have demands that …", "some demands": no verb in -s after an
     * auxiliary or a plural quantifier */
    if (i > 0 && (auxiliary(v, i - 1) || quantifier(v, i - 1)) &&
        ends_with(v, i, "s") && !ends_with(v, i, "ss"))
        return 1;
    return auxiliary(v, ce) && !is_ing(v, i);
}

typedef struct cue_ctx {
    size_t i, ce, lo;
    const cl_cue *c;
    ann_span cue, sp;
    const char *medium;
    int nested, as_clause;
} cue_ctx;

/* A quoted phrase as the object: "mentioned the “Anchorage terms”", and
 * for naming verbs "calls “the basis for talks”", "called the plan “a
 * farce”".  Returns the opening mark or CL_NONE. */
static size_t quoted_object(const cl_view *v, const cl_cue *c, size_t ce)
{
    size_t q = skip_simple(v, ce);
    if ((is(v, q, "the") || is(v, q, "a") || is(v, q, "an")) && qopen(v, q + 1)) {
        /* not "said the “operation” was going …", "a “neutral” Ukraine" */
        size_t after = v->mate[q + 1] + 1;
        if (W(v, after) && !preposition(v, after) && !is(v, after, "and") &&
            !is(v, after, "or"))
            return CL_NONE;
        return c->cls & (CL_CLAUSE | CL_NP | CL_QOBJ) ? q + 1 : CL_NONE;
    }
    if (!(c->cls & CL_QOBJ))
        return CL_NONE;
    if (qopen(v, q))
        return q;
    q = skip_object_before(v, q, 0);
    return qopen(v, q) ? q : CL_NONE;
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

/* "Advising X to …, the Times reported, officials were urging …": the
 * subject of an opening participle is that of the main clause, past a
 * parenthetical attribution.  [*q, *b] is the noun phrase after the
 * participle clause, moved when a parenthesis stands there. */
static void main_subject(const cl_view *v, size_t *q, size_t *b)
{
    size_t k = skip_adv_right(v, *b + 1);
    if (!cl_cue_at(v, k) || !pc(v, k + cl_cue_at(v, k)->n, ','))
        return;
    size_t q2 = k + cl_cue_at(v, k)->n + 1, b2 = np_right(v, q2, v->n);
    if (b2 == CL_NONE)
        return;
    k = skip_adv_right(v, b2 + 1);
    if (auxiliary(v, k) || (cl_cue_at(v, k) && !(cl_cue_at(v, k)->cls & CL_ACCORD))) {
        *q = q2;
        *b = b2;
    }
}

/* "X, after noting P, left": a participle clause set off by commas ends
 * at its closing comma. */
static int parenthetical(const cl_view *v, size_t i)
{
    return is_ing(v, i) && i >= 2 && pc(v, i - 2, ',') &&
           (is(v, i - 1, "after") || is(v, i - 1, "while") || is(v, i - 1, "before") ||
            is(v, i - 1, "when") || is(v, i - 1, "since"));
}

/* Content after the cue; the speaker is settled (or found after the
 * content, "While noting …, X contended"). */
static void pre_claim(cl_view *v, cue_ctx *x)
{
    int np = 0;
    size_t p, qo = x->as_clause ? CL_NONE : quoted_object(v, x->c, x->ce);
    if (qo != CL_NONE && x->sp.end > x->sp.start) {
        v->used[x->i] = 1;
        emit_tokens(v, qo, v->mate[qo] + 1, x->cue, x->sp, x->medium, x->nested);
        return;
    }
    if (!x->as_clause && (x->c->cls & CL_AS) && as_object(v, x->ce) != CL_NONE) {
        p = x->ce;
        np = 1;
    } else if (x->as_clause && pc(v, x->ce, ','))
        p = x->ce + 1;                          /* "as X highlighted, …" */
    else if (x->c->cls & (CL_CLAUSE | CL_BARE | CL_NP | CL_TO))
        p = content_start(v, x->c, x->ce, &np);
    else
        return;                                 /* Q, S: nothing else */
    if (p == CL_NONE)
        return;
    size_t e = content_end(v, p, (np && !x->as_clause) || parenthetical(v, x->i));
    if (x->sp.end == x->sp.start) {
        size_t q = pc(v, e, ',') ? e + 1 : e;
        size_t b = q > 0 && (pc(v, q - 1, ',') || qclose(v, q - 1)) ?
                   np_right(v, q, v->n) : CL_NONE;
        if (b == CL_NONE || !cl_cue_at(v, skip_adv_right(v, b + 1)))
            return;
        if (x->i == x->lo)
            main_subject(v, &q, &b);
        x->sp = span(v, q, b);
    }
    v->used[x->i] = 1;
    emit_tokens(v, p, e, x->cue, x->sp, x->medium, x->nested);
    if (pc(v, e, ':') && qopen(v, e + 1))        /* "said P: “Q”" is two claims */
        emit_tokens(v, e + 1, v->mate[e + 1] + 1, x->cue, x->sp, x->medium, x->nested);
    /* "told Y that “…” and that …": one cue, several contents */
    while (e + 1 < v->n && (is(v, e, "and") || (pc(v, e, ',') && is(v, e + 1, "and")))) {
        size_t t = is(v, e, "and") ? e + 1 : e + 2;
        if (!is(v, t, "that"))
            break;
        p = t + 1;
        e = content_end(v, p, 0);
        emit_tokens(v, p, e, x->cue, x->sp, x->medium, x->nested);
    }
}

/* Cues that attribute nothing: "it was reported that", a noun ("the
 * report titled"), an act reported inside the content of the claim just
 * made ("warned that Ukraine had rejected the terms": part of it). */
static int no_attribution(const cl_view *v, const cue_ctx *x, int passive)
{
    if (passive && !(is(v, x->ce, "by") && (x->c->cls & CL_PASSIVE)))
        return 1;
    if (noun_use(v, x->i, x->ce))
        return 1;
    const cl_last *l = &v->st->last;
    return !(x->c->cls & CL_CLAUSE) && l->valid && l->end > x->cue.start &&
           v->doc->nclaims > v->claims_from &&
           v->doc->claims[v->doc->nclaims - 1].content.start <= x->cue.start;
}

/* The content stood before the comma (or closing mark) at comma, the
 * speaker's phrase ends before tail: "“…,” X said", "…, X told the BBC."
 * Returns 1 when that made the claim. */
static int content_before(cl_view *v, cue_ctx *x, size_t comma, size_t tail)
{
    size_t tend = 0;
    int how = post_tail(v, tail, &tend);
    int cq = qclose(v, comma) || (comma > 0 && qclose(v, comma - 1));
    if (how == 3)
        how = cq ? 1 : 0;
    /* "X told the British newspaper." is a tail; "X proposed a treaty."
     * is an object, and the content comes after the cue. */
    if (how && tail < tend && !(x->c->cls & CL_OBJ) && !preposition(v, tail) &&
        !adverbial(v, tail))
        how = 0;
    const char *medium = x->medium;
    if (!medium && how && tail <= tend)   /* “…,” he told the BBC. */
        medium = cl_source_in(v, span(v, tail, tend));
    if (how && post_claim(v, comma, how, tend, x->cue, x->sp, medium, x->nested)) {
        v->used[x->i] = 1;
        return 1;
    }
    return 0;
}

/* Who speaks: the agent of "as noted by X", the subject before the cue,
 * or "said X" after it.  Sets *comma when the content may stand before
 * the cue, and *tail past the speaker after it.  Returns 0 when the cue
 * attributes nothing ("if it concludes that"). */
static int find_speaker(const cl_view *v, cue_ctx *x, size_t k, size_t head,
                        int passive, size_t *comma, size_t *tail)
{
    size_t i = x->i, lo = x->lo, ce = x->ce;
    if (is(v, ce, "by") && (x->c->cls & CL_PASSIVE)) {
        /* "as noted by X", "was confirmed by X"; "figures, confirmed by
         * X, represent …" modifies a noun and attributes no clause */
        if (!passive && !(i > lo && is(v, i - 1, "as")))
            return 0;
        size_t b = np_right(v, ce + 1, v->n);
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
        size_t sa = np_left(v, head, lo);
        x->sp = span(v, sa, head);
        /* "if it concludes that", "what X said was …"; but "what X calls
         * “…”" names the thing called */
        if (sa > lo && (is(v, sa - 1, "if") || is(v, sa - 1, "whether") ||
                        is(v, sa - 1, "unless") || is(v, sa - 1, "what")) &&
            !(is(v, sa - 1, "what") && (x->c->cls & CL_QOBJ)))
            return 0;
        if (sa > lo && (pc(v, sa - 1, ',') || qclose(v, sa - 1)) && !pc(v, k, ','))
            *comma = sa - 1;
        else if (sa > lo && is(v, sa - 1, "as")) {
            x->as_clause = 1;
            if (sa > lo + 1 && pc(v, sa - 2, ','))
                *comma = sa - 2;
        }
    } else if (i > lo && (pc(v, i - 1, ',') || qclose(v, i - 1))) {
        size_t b = np_right(v, ce, v->n);        /* “…,” said Medinsky */
        if (b != CL_NONE && !kind(v, ce, CL_W_PRON | CL_W_OBJ)) {
            *comma = i - 1;
            x->sp = span(v, ce, b);
            *tail = b + 1;
        }
    }
    return 1;
}

/* Where is the content of the cue at i, and who speaks? */
static void on_cue(cl_view *v, size_t i)
{
    cue_ctx x;
    memset(&x, 0, sizeof x);
    x.i = i;
    x.c = cl_cue_at(v, i);
    x.ce = i + x.c->n;
    x.lo = sent_start(v, i);
    x.cue = span(v, i, x.ce - 1);
    x.medium = medium_of(v, x.c);
    x.nested = v->inq[i];
    size_t lo = x.lo, ce = x.ce;
    size_t k = i > lo ? skip_adv_left(v, i - 1, lo) : CL_NONE;
    size_t head = subject_head(v, i, lo);
    size_t comma = CL_NONE, tail = ce;
    /* "was reported" is passive, "were urging" progressive */
    int passive = k != CL_NONE && kind(v, k, CL_W_BE) && !is_ing(v, i);

    if (no_attribution(v, &x, passive))
        return;
    if (!find_speaker(v, &x, k, head, passive, &comma, &tail))
        return;
    if (comma != CL_NONE) {
        if (content_before(v, &x, comma, tail))
            return;
        if (head == CL_NONE)
            x.sp.start = x.sp.end = 0;           /* "said X" wanted a tail */
    }
    if (x.sp.end == x.sp.start) {
        /* a verb coordinated with an earlier one: "… and again urged" */
        if (!(k != CL_NONE && (is(v, k, "and") || pc(v, k, ',') || is(v, k, "but"))) &&
            !is_ing(v, i))
            return;
        if (!sentence_speaker(v, lo, i, &x.sp))
            x.sp.start = x.sp.end = 0;
    }
    pre_claim(v, &x);
}

/* "According to X, …" and "…, according to X." */
static void on_according(cl_view *v, size_t i)
{
    const cl_cue *c = cl_cue_at(v, i);
    size_t ce = i + c->n, b = ce;
    if (is(v, ce, "which"))
        return;
    while (b < v->n && b < ce + 15 && !pc(v, b, ',') && !sentence_final(v, b) &&
           !(b > ce && ss(v, b)) && v->t[b].kind != ANN_TOK_QUOTE)
        b++;
    if (b == ce)
        return;
    ann_span cue = span(v, i, ce - 1), sp = span(v, ce, b - 1);
    int nested = v->inq[i];
    v->used[i] = 1;
    if (pc(v, b, ',')) {
        size_t p = b + 1;
        emit_tokens(v, p, content_end(v, p, 0), cue, sp, NULL, nested);
    } else if (i > 0 && pc(v, i - 1, ',')) {
        size_t s = sent_start(v, i - 1);
        emit_tokens(v, s, i - 1, cue, sp, NULL, nested);
    }
}

/* ---- noun cues, headlines, continued quotations -------------------------- */

/* Nouns of asking whose "for" phrase states what is asked. */
static int request_noun(const cl_view *v, size_t i)
{
    return in_set(v, i, CL_S_REQ);
}

/* "Zelensky's confidence that …", "Its conclusion is unequivocal: …",
 * "the Russian narrative that …". */
static void on_noun(cl_view *v, size_t i)
{
    size_t q = i + 1, p;
    if (i == 0)
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
        sp = span(v, np_left(v, k - 1, sent_start(v, k - 1)), k - 1);
    else if (is(v, k, "its") || is(v, k, "his") || is(v, k, "her") || is(v, k, "their") ||
             (capw(v, k) && !ss(v, k)))
        sp = span(v, k, k);
    else
        return;
    emit_tokens(v, p, content_end(v, p, 0), span(v, i, i), sp, NULL, v->inq[i]);
}

/* A line that opens with a source and a colon: "ISW: Putin's positions …". */
static void on_headline(cl_view *v, size_t i)
{
    size_t j = i;
    while (j < v->n && j < i + 4 && capw(v, j) && !cl_cue_at(v, j))
        j++;
    if (j == i || !pc(v, j, ':') || j + 1 >= v->n ||
        (v->t[j + 1].flags & ANN_TF_LINE_START))
        return;
    ann_span sp = span(v, i, j - 1);
    if (!cl_is_entity(v, sp))
        return;
    size_t e = j + 1;
    while (e < v->n && !(v->t[e].flags & ANN_TF_LINE_START) && !(e > j + 3 && citation_dash(v, e)))
        e++;
    emit_tokens(v, j + 1, e, span(v, j, j), sp, NULL, 0);
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

/* A quotation that opens a sentence with no speaker of its own continues
 * the statement just before it: same speaker, same cue. */
static void on_quote(cl_view *v, size_t o)
{
    const cl_last *l = &v->st->last;
    if (v->used[o] || !ss(v, o) || v->inq[o] || !l->valid)
        return;
    size_t close = v->mate[o];
    if (attributed_after(v, close) || !adjacent(v, l->end, v->t[o].start))
        return;
    ann_span content = { v->t[o].end, v->t[close].start };
    if (content.end <= content.start)
        return;
    v->used[o] = 1;
    cl_emit(v, ANN_CLAIM_DIRECT, content, l->cue, l->speaker, l->medium_id, 0);
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
        if (qopen(v, i))
            on_quote(v, i);
        if (v->t[i].flags & ANN_TF_LINE_START)
            on_headline(v, i);
        if (cl_cue_at(v, i) && !v->used[i]) {
            if (cl_cue_at(v, i)->cls & CL_ACCORD)
                on_according(v, i);
            else if ((v->t[i].flags & ANN_TF_LOWER) || (ss(v, i) && is_ing(v, i)))
                on_cue(v, i);        /* "Advising X to …, Y said" */
        }
        /* every noun cue passed the scan's filter and is looked up: a
         * line start whose word is not known yet is none */
        if (v->info[i] & CL_W_NOUNCUE)
            on_noun(v, i);
    }
}
