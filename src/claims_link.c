/*
 * claims_link.c - links a claim's speaker and medium to the document's
 * entities: the actor or source mentioned inside a span (found through an
 * index of the window's mentions by where they start), and the person a
 * "he" or "she" refers to, by salience and by the gender of the given
 * names the document's persons were named with.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "claims_int.h"
#include "rules.h"

/* The first of the n items of array a (each size bytes) whose start
 * (a size_t at offset off) is key or more: items are sorted by start. */
static size_t first_from_key(const void *a, size_t n, size_t size, size_t off, size_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2, start;
        memcpy(&start, (const char *)a + mid * size + off, sizeof start);
        if (start < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}


/* The first of e's mentions (sorted by start) that starts at or after b. */
static size_t first_from(const ann_entity *e, size_t b)
{
    return first_from_key(e->mentions, e->nmentions, sizeof *e->mentions,
                          offsetof(ann_span, start), b);
}

/* The window's mentions of actors and sources, to be found by where they
 * start.  Speakers and media stand in the window, so earlier windows'
 * mentions are left out: a huge document costs each window only its own
 * mentions.  Which of several mentions entity_in prefers does not depend
 * on their order, so buckets of CL_MENT_BYTES need no sorting inside. */
static void index_mentions(cl_view *v)
{
    const ann_doc *d = v->doc;
    size_t from = v->n ? v->t[0].start : 0, to = v->n ? v->t[v->n - 1].end : 0;
    size_t nb = (to - from) / CL_MENT_BYTES + 1;
    size_t *at = ann_xcalloc(nb + 2, sizeof *at);  /* at[k + 2]: bucket k's count */
    cl_ment *all = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < d->nents; i++) {
        const ann_entity *e = &d->ents[i];
        if (e->cat == ANN_CAT_PLACE)
            continue;
        for (size_t m = first_from(e, from); m < e->nmentions && e->mentions[m].start < to; m++) {
            /* document order of entities, then of mentions: the tie-break */
            cl_ment cm = { e->mentions[m].start, e->mentions[m].end, (i << 24) | (m & 0xFFFFFF), e };
            ANN_PUSH(all, n, cap, cm);
            at[(cm.start - from) / CL_MENT_BYTES + 2]++;
            if (cm.end > cm.start && cm.end - cm.start > v->ment_len)
                v->ment_len = cm.end - cm.start;
        }
    }
    for (size_t k = 2; k < nb + 2; k++)
        at[k] += at[k - 1];
    /* at[k + 1] is where bucket k begins; placing moves it to its end */
    v->ments = ann_xmalloc((n ? n : 1) * sizeof *v->ments);
    for (size_t j = 0; j < n; j++)
        v->ments[at[(all[j].start - from) / CL_MENT_BYTES + 1]++] = all[j];
    free(all);
    v->ment_bucket = at;
    v->nments = n;
    v->nbuckets = nb;
    v->ment_from = from;
    v->ments_ready = 1;
}

/* The actor or source with a mention inside span s, preferring the mention
 * that ends last (the head of "NATO Secretary General Jens Stoltenberg"),
 * and of those the first in document order. */
static const ann_entity *entity_in(cl_view *v, ann_span s, int sources_only)
{
    if (!v->ments_ready)
        index_mentions(v);
    if (s.end <= v->ment_from || v->nments == 0)
        return NULL;
    /* a mention that starts ment_len before s or earlier cannot reach it */
    size_t lo = s.start > v->ment_from + v->ment_len ?
                (s.start - v->ment_len - v->ment_from) / CL_MENT_BYTES : 0;
    size_t hi = (s.end - 1 - v->ment_from) / CL_MENT_BYTES + 1;
    if (hi > v->nbuckets)
        hi = v->nbuckets;
    const cl_ment *best = NULL;
    for (size_t j = lo < hi ? v->ment_bucket[lo] : 0; lo < hi && j < v->ment_bucket[hi]; j++) {
        const cl_ment *m = &v->ments[j];
        if (m->start >= s.end || m->end <= s.start ||
            (sources_only && m->e->cat != ANN_CAT_SOURCE))
            continue;
        if (!best || m->end > best->end || (m->end == best->end && m->order < best->order))
            best = m;
    }
    return best ? best->e : NULL;
}

static int is_person(const ann_entity *e)
{
    return e->cat == ANN_CAT_ACTOR && e->type && strcmp(e->type, "person") == 0;
}

/* The value of an attrs string's "gender" item ("weak=1;gender=m"), one
 * letter, or 0: read by hand, as ann_attr's rules would, for every given
 * name of a document. */
static char gender_attr(const char *a)
{
    for (const char *p = a; *p; p++) {
        while (*p == ' ')
            p++;
        if (strncmp(p, "gender", 6) == 0) {
            const char *q = p + 6;
            while (*q == ' ')
                q++;
            if (*q == '=' && (q[1] == 'm' || q[1] == 'f') && (q[2] == ';' || q[2] == '\0'))
                return q[1];
        }
        p = strchr(p, ';');
        if (!p)
            break;
    }
    return 0;
}

void cl_note_given(ann_claims *st, const ann_window *w)
{
    const ann_matches *m = w->matches;
    for (size_t k = 0; m && k < m->n; k++) {
        const ann_match *x = &m->v[k];
        char g;
        if (x->kind[0] != 'g' || !x->attrs[0] || strcmp(x->kind, "given") != 0 ||
            !(g = gender_attr(x->attrs)))
            continue;
        cl_given cg = { w->tok[x->first].start, g };
        if (st->ngiven && st->given[st->ngiven - 1].start >= cg.start)
            continue;           /* in order, once */
        ANN_PUSH(st->given, st->ngiven, st->capgiven, cg);
    }
}

/* Mentions of a person looked at for a given name: a person is named in
 * full when the text brings them in, and a bound keeps a pronoun's cost
 * flat however often the person is named. */
#define CL_GENDER_MENTIONS 4

/* The gender of a person whose mention starts with a given name of known
 * gender ("Boris Johnson"), or 0. */
static char gender_of(const cl_view *v, const ann_entity *e)
{
    const ann_claims *st = v->st;
    for (size_t m = 0; m < e->nmentions && m < CL_GENDER_MENTIONS; m++) {
        size_t k = first_from_key(st->given, st->ngiven, sizeof *st->given,
                                  offsetof(cl_given, start), e->mentions[m].start);
        if (k < st->ngiven && st->given[k].start == e->mentions[m].start)
            return st->given[k].gender;
    }
    return 0;
}

/* Can "he" (g 'm') or "she" ('f') refer to person e? */
static int agrees(const cl_view *v, const ann_entity *e, char g)
{
    char h = g ? gender_of(v, e) : 0;
    return !h || h == g;
}

/* The last person mentioned before byte b whom "he" (g 'm') or "she"
 * ('f') may refer to.  Of two mentions that start together, the later
 * entity's. */
static const ann_entity *last_person(const cl_view *v, size_t b, char g)
{
    const ann_doc *d = v->doc;
    const ann_entity *best = NULL;
    size_t best_start = 0;
    for (size_t i = 0; i < d->nents; i++) {
        const ann_entity *e = &d->ents[i];
        if (!is_person(e) || !agrees(v, e, g))
            continue;
        size_t m = first_from(e, b);    /* mentions are sorted: the last before b */
        if (m > 0 && (!best || e->mentions[m - 1].start >= best_start)) {
            best = e;
            best_start = e->mentions[m - 1].start;
        }
    }
    return best;
}

static int cmp_ment(const void *a, const void *b)
{
    const cl_ment *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The window's person mentions, and each person's last one before the
 * window, by start: a he or she speaker costs a binary search, not a walk
 * over every entity of a huge document. */
static void index_persons(cl_view *v)
{
    const ann_doc *d = v->doc;
    size_t cap = 0;
    for (size_t i = 0; i < d->nents; i++) {
        const ann_entity *e = &d->ents[i];
        if (!is_person(e))
            continue;
        size_t m = first_from(e, v->t[0].start);
        for (m -= m > 0; m < e->nmentions && e->mentions[m].start < v->t[v->n - 1].end; m++) {
            cl_ment cm = { e->mentions[m].start, e->mentions[m].end, i, e };
            ANN_PUSH(v->persons, v->npersons, cap, cm);
        }
    }
    if (v->npersons)    /* qsort(NULL, 0, ...) is undefined behaviour */
        qsort(v->persons, v->npersons, sizeof *v->persons, cmp_ment);
    v->persons_ready = 1;
}

/* Person mentions looked back over for one of the pronoun's gender. */
#define CL_PERSONS_BACK 64

/* last_person for b in the window. */
static const ann_entity *window_person(cl_view *v, size_t b, char g)
{
    if (b < v->t[0].start)
        return last_person(v, b, g);     /* a speaker from an earlier window */
    if (!v->persons_ready)
        index_persons(v);
    size_t lo = first_from_key(v->persons, v->npersons, sizeof *v->persons,
                               offsetof(cl_ment, start), b);
    for (size_t k = lo, n = 0; k > 0 && n < CL_PERSONS_BACK; k--, n++)
        if (agrees(v, v->persons[k - 1].e, g))
            return v->persons[k - 1].e;
    return NULL;
}

/* The first token of the window that starts at or after byte b. */
static size_t token_from(const cl_view *v, size_t b)
{
    return first_from_key(v->t, v->n, sizeof *v->t, offsetof(ann_token, start), b);
}

/* The subject among the person mentions that start in [from, to): the
 * last that opens the sentence or follows a comma (the main clause's,
 * after an opening phrase: "While Putin held a rally, Zelenskyy gave …"),
 * else the first. */
static const ann_entity *subject_person_in(cl_view *v, size_t from, size_t to, char g)
{
    if (!v->persons_ready)
        index_persons(v);
    size_t lo = first_from_key(v->persons, v->npersons, sizeof *v->persons,
                               offsetof(cl_ment, start), from);
    const ann_entity *first = NULL, *subject = NULL;
    for (size_t k = lo; k < v->npersons && v->persons[k].start < to; k++) {
        if (!agrees(v, v->persons[k].e, g))
            continue;
        if (!first)
            first = v->persons[k].e;
        size_t i = token_from(v, v->persons[k].start), j = token_from(v, v->persons[k].end);
        /* not a possessor: "Podoliak, Zelenskyy's adviser, …" */
        if (i < v->n && (ss(v, i) || (i > 0 && pc(v, i - 1, ','))) && !poss(v, j))
            subject = v->persons[k].e;
    }
    return subject ? subject : first;
}

/* Claims looked back over for the speaker a description stood for. */
#define CL_SPEAKERS_BACK 3

/* "Boris Johnson warned … . The British prime minister also told MPs … .
 * …, he added.": the last attribution's speaker is a description that
 * names nobody, so the person who spoke in one of the few claims before
 * it, within the window, is the one meant. */
static const ann_entity *earlier_speaker(cl_view *v, size_t b, char g)
{
    const ann_doc *d = v->doc;
    for (size_t k = d->nclaims, n = 0; k > v->claims_from && n < CL_SPEAKERS_BACK; k--, n++) {
        const ann_claim *c = &d->claims[k - 1];
        if (c->speaker.start >= b || !c->speaker_id)
            continue;
        const ann_entity *e = ann_doc_find_entity(d, c->speaker_id);
        if (e && is_person(e) && agrees(v, e, g))
            return e;
    }
    return NULL;
}

/* What a "he" or "she" at byte b refers to, by salience: the subject
 * among the persons named earlier in its sentence, else the speaker of
 * the attribution just made, else the subject of the sentence before,
 * else, when the attribution just made has a description for speaker,
 * the person who spoke before it, else the last person named. */
static const ann_entity *salient_person(cl_view *v, size_t b, char g)
{
    if (b < v->t[0].start)
        return last_person(v, b, g);     /* a speaker from an earlier window */
    size_t i = token_from(v, b);
    size_t lo = i < v->n ? cl_sent_start(v, i) : 0;
    const ann_entity *e = subject_person_in(v, v->t[lo].start, b, g);
    if (e)
        return e;
    /* the sentence before, over a quotation that ends it in one step */
    size_t prev = lo > 0 && qclose(v, lo - 1) ? v->mate[lo - 1] : lo - (lo > 0);
    size_t plo = lo > 0 ? cl_sent_start(v, prev) : lo;
    const cl_last *l = &v->st->last;
    if (l->valid && l->speaker_id && l->end >= v->t[plo].start && l->end <= b) {
        e = ann_doc_find_entity(v->doc, l->speaker_id);
        if (e && is_person(e) && agrees(v, e, g))
            return e;
    }
    e = plo < lo ? subject_person_in(v, v->t[plo].start, v->t[lo].start, g) : NULL;
    if (!e && l->valid && !l->speaker_id && l->end >= v->t[plo].start && l->end <= b)
        e = earlier_speaker(v, b, g);   /* "The British prime minister also told …" */
    return e ? e : window_person(v, b, g);
}

static inline int is_word_ci(const char *text, ann_span s, const char *w)
{
    size_t n = strlen(w);
    if (s.end - s.start != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[s.start + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return 0;
    }
    return 1;
}

char *cl_speaker_id(cl_view *v, ann_span sp)
{
    const ann_doc *d = v->doc;
    const ann_entity *e = NULL;
    if (is_word_ci(d->text, sp, "he"))
        e = salient_person(v, sp.start, 'm');
    else if (is_word_ci(d->text, sp, "she"))
        e = salient_person(v, sp.start, 'f');
    else
        e = entity_in(v, sp, 0);
    return e ? ann_xstrdup(e->id) : NULL;
}

const char *cl_source_in(cl_view *v, ann_span s)
{
    const ann_entity *e = entity_in(v, s, 1);
    return e ? e->id : NULL;
}

int cl_is_entity(cl_view *v, ann_span s)
{
    return entity_in(v, s, 0) != NULL;
}

int cl_person_ending(cl_view *v, ann_span s, ann_span *mention)
{
    if (!v->ments_ready)
        index_mentions(v);
    if (s.end <= v->ment_from || v->nments == 0)
        return 0;
    size_t lo = s.start > v->ment_from + v->ment_len ?
                (s.start - v->ment_len - v->ment_from) / CL_MENT_BYTES : 0;
    size_t hi = (s.end - 1 - v->ment_from) / CL_MENT_BYTES + 1;
    if (hi > v->nbuckets)
        hi = v->nbuckets;
    for (size_t j = lo < hi ? v->ment_bucket[lo] : 0; lo < hi && j < v->ment_bucket[hi]; j++) {
        const cl_ment *m = &v->ments[j];
        if (m->end == s.end && m->start < s.end && m->e->person) {
            mention->start = m->start;
            mention->end = m->end;
            return 1;
        }
    }
    return 0;
}

int cl_names_actor(const cl_view *v, ann_span s)
{
    const ann_doc *d = v->doc;
    size_t w = s.end;
    while (w > s.start && d->text[w - 1] != ' ')
        w--;
    size_t wlen = s.end - w;
    if (wlen < 3)
        return 0;
    for (size_t i = 0; i < d->nents; i++) {
        const ann_entity *e = &d->ents[i];
        if (e->cat == ANN_CAT_PLACE)
            continue;
        for (size_t m = 0; m < e->nmentions; m++) {
            ann_span ms = e->mentions[m];
            if (ms.end - ms.start >= wlen && memcmp(d->text + ms.end - wlen, d->text + w, wlen) == 0 &&
                (ms.end - ms.start == wlen || d->text[ms.end - wlen - 1] == ' '))
                return 1;
        }
    }
    return 0;
}

static int cmp_span(const void *a, const void *b)
{
    const ann_span *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* The window's dates are those the dates annotator added since the last
 * window (it runs first on each window). */
static void index_dates(cl_view *v)
{
    const ann_doc *d = v->doc;
    size_t from = v->st->dates_seen < d->ndates ? v->st->dates_seen : d->ndates;
    v->ndates = d->ndates - from;
    v->dates = ann_xmalloc((v->ndates ? v->ndates : 1) * sizeof *v->dates);
    for (size_t k = 0; k < v->ndates; k++)
        v->dates[k] = d->dates[from + k].span;
    if (v->ndates)
        qsort(v->dates, v->ndates, sizeof *v->dates, cmp_span);
    v->dates_ready = 1;
}

int cl_in_date(cl_view *v, size_t b)
{
    if (!v->dates_ready)
        index_dates(v);
    /* the first date that starts after b */
    size_t lo = first_from_key(v->dates, v->ndates, sizeof *v->dates, offsetof(ann_span, start),
                               b + 1);
    /* dates do not nest: the one before is the only one that may hold b */
    return lo > 0 && v->dates[lo - 1].end > b;
}

/* The entity that holds the mentions of the one with id now, or NULL
 * when no entity has that id. */
static const ann_entity *holder(const ann_doc *d, const char *id)
{
    const ann_entity *e = ann_doc_find_entity(d, id);
    for (size_t n = 0; e && !e->nmentions && e->merged && n < d->nents; n++)
        e = &d->ents[e->merged - 1];
    return e;
}

static void relink_id(const ann_doc *d, char **id)
{
    const ann_entity *e = *id ? holder(d, *id) : NULL;
    if (e && strcmp(e->id, *id) != 0) {
        free(*id);
        *id = ann_xstrdup(e->id);
    }
}

void ann_claims_relink(ann_doc *d)
{
    for (size_t i = 0; i < d->nclaims; i++) {
        relink_id(d, &d->claims[i].speaker_id);
        relink_id(d, &d->claims[i].medium_id);
    }
}
