/*
 * entities_alias.c - the end of a document's names (see entities_int.h):
 * a one-word name joins the one full name it begins or ends ("Mr. Xi",
 * "Hillary"), an acronym its expansion ("ISW"), a short form the
 * organization it begins ("Vestas"), and with the tagger one name keeps
 * one type through the document.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "entities_int.h"

char *en_slug(ann_buf *b, const char *s, size_t len)
{
    if (b->cap < len * 2 + 1)
        ann_grow((void **)&b->p, &b->cap, len * 2 + 1, 1);
    b->len = ann_slug_into(b->p, s, len);
    return b->p;
}

const char *en_last_word(const char *name)
{
    const char *sp = strrchr(name, ' ');
    return sp ? sp + 1 : name;
}

/* The claims made while the document was read name their speakers by the
 * ids of the time: from says where its mentions went (ann_claims_relink). */
static void move_mentions(const ann_doc *d, ann_entity *to, ann_entity *from)
{
    for (size_t k = 0; k < from->nmentions; k++)
        ann_entity_add_mention(to, from->mentions[k]);
    for (size_t k = 0; k < from->nroles; k++)
        ann_entity_add_role(to, from->roles[k]);
    from->nmentions = 0;   /* dropped by ann_doc_sort */
    from->merged = 1 + (size_t)(to - d->ents);
}

/* A word standing for an entity: a full name's last word, an
 * organization's initials.  Sorted by word and then entity, the first
 * entity with a word is one binary search away, so a document with
 * thousands of names does not cost millions of comparisons. */
typedef struct keyword {
    const char *s;
    size_t ent;
} keyword;

static int by_keyword(const void *a, const void *b)
{
    const keyword *x = a, *y = b;
    int c = strcmp(x->s, y->s);
    return c ? c : (x->ent > y->ent) - (x->ent < y->ent);
}

/* The index of the first keyword equal to s, or n. */
static size_t keyword_find(const keyword *v, size_t n, const char *s)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(v[mid].s, s) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && strcmp(v[lo].s, s) == 0 ? lo : n;
}

/* Whether e is an organization or a place no list holds: the model's
 * reading alone. */
static int unlisted_name(const ann_entity *e)
{
    return !e->listed &&
           ((e->cat == ANN_CAT_ACTOR && strcmp(e->type, "organization") == 0) || e->cat == ANN_CAT_PLACE);
}

/* A one-word name that may be a person's short form: a person, or a
 * name no list holds that the model read as an organization or place. */
static int one_word_candidate(const ann_entity *a)
{
    return a->nmentions && !strchr(a->name, ' ') && (a->person || unlisted_name(a));
}

/* The one-word candidates of d join the full names whose word v holds
 * (sorted), the first such full name, or only the one when unique. */
static void join_by_keyword(ann_doc *d, const keyword *v, size_t n, int unique)
{
    for (size_t i = 0; i < d->nents && n; i++) {
        ann_entity *a = &d->ents[i];
        if (!one_word_candidate(a))
            continue;
        size_t k = keyword_find(v, n, a->name);
        if (k == n || (unique && k + 1 < n && !strcmp(v[k + 1].s, a->name) && v[k + 1].ent != v[k].ent))
            continue;
        move_mentions(d, &d->ents[v[k].ent], a);
    }
}

/* name without its middle initials ("Michael R. Bloomberg", "George H.
 * W. Bush": words of one capital and a period, neither first nor last),
 * as a new string; NULL where it has none. */
static char *without_initials(const char *name)
{
    size_t n = strlen(name), o = 0;
    char *out = ann_xmalloc(n + 1);
    const char *first_end = strchr(name, ' '), *last = en_last_word(name);
    for (const char *p = name; *p;) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        int initial = p > name && p < last && len == 2 && p[0] >= 'A' && p[0] <= 'Z' && p[1] == '.';
        if (!initial) {
            if (o)
                out[o++] = ' ';
            memcpy(out + o, p, len);
            o += len;
        }
        p += len + (e != NULL);
    }
    out[o] = '\0';
    if (!first_end || o == n) {
        free(out);
        return NULL;
    }
    return out;
}

/* "Michael R. Bloomberg" and "Michael Bloomberg" in one document are one
 * person, the one without the initials: the form lists hold and most
 * documents write, so the id is the one other documents give him (a
 * document that writes only "David R. Cameron" keeps its id, as the
 * spec's do). */
static void merge_initial_variants(ann_doc *d)
{
    keyword *v = NULL;
    size_t n = 0;
    for (size_t i = 0; i < d->nents; i++) {
        ann_entity *a = &d->ents[i];
        if (!a->person || !a->nmentions || !strstr(a->name, ". "))
            continue;   /* no initial: nothing to make (most names) */
        char *bare = without_initials(a->name);
        if (!bare)
            continue;
        if (!v) {   /* the persons by name, made at the first name with initials */
            v = ann_xmalloc((d->nents + 1) * sizeof *v);
            for (size_t j = 0; j < d->nents; j++)
                if (d->ents[j].person && d->ents[j].nmentions)
                    v[n++] = (keyword){d->ents[j].name, j};
            qsort(v, n, sizeof *v, by_keyword);
        }
        size_t k = keyword_find(v, n, bare);
        free(bare);
        if (k == n || v[k].ent == i || !d->ents[v[k].ent].nmentions)
            continue;
        if (!a->listed)
            move_mentions(d, &d->ents[v[k].ent], a);
    }
    free(v);
}

/* Whether the word w, capitalized, occurs in d's text in lower case as a
 * word of its own ("north", "rich"): a common word, no surname.  Asked of
 * a few names a document. */
static int lower_in_text(const ann_doc *d, const char *w)
{
    size_t n = strlen(w);
    if (!n)
        return 0;
    char *low = ann_xstrdup(w);
    low[0] = (char)(low[0] - 'A' + 'a');
    int found = en_doc_has_word(d, low, n);
    free(low);
    return found;
}

/* "Rush Limbaugh" read as an organization in a document whose "Limbaugh"
 * the model reads as a person, six times: an organization in a person's
 * name's shape (person_like_org in entities.c; v holds their indexes)
 * whose last word is a person of the document alone, and no other full
 * name's last word nor a word the text writes in lower case ("Preston
 * North" after a misread "North"), is that person's full name ("Hulk Hogan", "Dee Dee
 * Myers"), and merge_one_words joins the surname to it.  The type is
 * rewritten in place: "person" is shorter than "organization", in the
 * same block. */
#define SURNAME_SCAN_BUDGET ((size_t)64 << 20)

static void surname_persons(ann_doc *d, const size_t *idx, size_t nidx)
{
    size_t n = 0;
    for (size_t j = 0; j < d->nents; j++)
        n += d->ents[j].person && d->ents[j].nmentions;
    if (!n)
        return;
    keyword *v = ann_xmalloc(n * sizeof *v);
    size_t k = 0;
    for (size_t j = 0; j < d->nents; j++)
        if (d->ents[j].person && d->ents[j].nmentions)
            v[k++] = (keyword){en_last_word(d->ents[j].name), j};
    qsort(v, n, sizeof *v, by_keyword);
    /* lower_in_text reads the whole text once a name: a budget of bytes
     * keeps a document of many megabytes and many such names linear */
    size_t budget = SURNAME_SCAN_BUDGET;
    for (size_t i = 0; i < nidx && budget >= d->len; i++) {
        ann_entity *e = &d->ents[idx[i]];
        budget -= d->len;
        if (e->listed || !e->nmentions || e->person || strcmp(e->type, "organization") != 0 ||
            !strchr(e->name, ' '))
            continue;
        /* the persons whose last word is e's: one, of one word, and no
         * common word */
        const char *last = en_last_word(e->name);
        size_t f = keyword_find(v, n, last);
        if (f == n || strchr(d->ents[v[f].ent].name, ' ') ||
            (f + 1 < n && strcmp(v[f + 1].s, v[f].s) == 0) || !(last[0] >= 'A' && last[0] <= 'Z') ||
            lower_in_text(d, last))
            continue;
        memcpy(e->type, "person", sizeof "person");
        e->person = 1;
    }
    free(v);
}

/* One-word persons join a full name of the document.  By the last word
 * first, a surname seen before its full name ("Zelensky's Sabotage ..."
 * then "Volodymyr Zelensky") joins the first full name that ends in it.
 * By the first word, a family name written first ("Mr. Xi" after "Xi
 * Jinping", "Mr. Ban" after "Ban Ki-moon") or a given name used alone
 * ("Hillary") joins the one full name that begins with it; where two
 * begin so, neither.  A word no list holds that the model read as an
 * organization or a place ("Pence Gives GOP A Boost" over "Mike Pence",
 * "an attorney for Pagliano" after "Bryan Pagliano") joins too.  Only the
 * one-word names lose mentions, so the full names that have some are
 * known before the first move. */
static void merge_one_words(ann_doc *d)
{
    size_t n = 0, bytes = 0, cand = 0;
    for (size_t j = 0; j < d->nents; j++) {
        const ann_entity *b = &d->ents[j];
        cand += one_word_candidate(b);
        if (b->person && b->nmentions && strchr(b->name, ' ')) {
            n++;
            bytes += strcspn(b->name, " ") + 1;
        }
    }
    if (!n || !cand)
        return;
    keyword *v = ann_xmalloc(n * sizeof *v);
    char *firsts = ann_xmalloc(bytes), *f = firsts;
    size_t k = 0;
    for (size_t j = 0; j < d->nents; j++)
        if (d->ents[j].person && d->ents[j].nmentions && strchr(d->ents[j].name, ' '))
            v[k++] = (keyword){en_last_word(d->ents[j].name), j};
    qsort(v, n, sizeof *v, by_keyword);
    join_by_keyword(d, v, n, 0);
    k = 0;
    for (size_t j = 0; j < d->nents; j++) {
        const ann_entity *b = &d->ents[j];
        if (!b->person || !b->nmentions || !strchr(b->name, ' '))
            continue;
        size_t len = strcspn(b->name, " ");
        memcpy(f, b->name, len);
        f[len] = '\0';
        v[k++] = (keyword){f, j};
        f += len + 1;
    }
    qsort(v, k, sizeof *v, by_keyword);
    join_by_keyword(d, v, k, 1);
    free(firsts);
    free(v);
}

/* Initials of the capitalized words of a name: "Institute for the Study of
 * War" -> "ISW". */
static void initials(const char *name, char *out, size_t cap)
{
    size_t o = 0;
    const char *p = name;
    while (*p && o + 1 < cap) {
        while (*p == ' ' || *p == '-')
            p++;
        if (*p >= 'A' && *p <= 'Z')
            out[o++] = *p;
        while (*p && *p != ' ' && *p != '-')
            p++;
    }
    out[o] = '\0';
}

/* Whether e is an organization of several words: what an acronym may
 * stand for. */
static int multiword_org(const ann_entity *e)
{
    return e->cat == ANN_CAT_ACTOR && strcmp(e->type, "organization") == 0 && strchr(e->name, ' ');
}

/* Where the name an acronym at sp defines would end: the text writes it
 * right before the acronym in brackets ("Bayerische Motoren Werke AG
 * (BMW)"); 0 where no bracket opens before it. */
static size_t definer_end(const ann_doc *d, ann_span sp)
{
    size_t p = sp.start;
    if (p < 2 || d->text[p - 1] != '(')
        return 0;
    return p - 1 - (d->text[p - 2] == ' ');
}

/* Where a mention of an organization ends, and the organization. */
typedef struct mention_end {
    size_t end, ent;
} mention_end;

static int by_end(const void *a, const void *b)
{
    size_t x = ((const mention_end *)a)->end, y = ((const mention_end *)b)->end;
    return x < y ? -1 : x > y;
}

/* The acronyms the text defines, each with the organization it stands
 * for, sorted by acronym; their number in *nout.  The ends of the
 * organizations' mentions are sorted once, so that a long text with many
 * entities and brackets costs n log n. */
static keyword *definitions(const ann_doc *d, const en_acronym *acr, size_t nacr, size_t *nout)
{
    size_t nb = 0, nm = 0, n = 0;
    for (size_t k = 0; k < nacr; k++)
        nb += definer_end(d, acr[k].span) != 0;
    *nout = 0;
    if (!nb)
        return NULL;
    for (size_t i = 0; i < d->nents; i++)
        nm += multiword_org(&d->ents[i]) ? d->ents[i].nmentions : 0;
    mention_end *ends = ann_xmalloc((nm + 1) * sizeof *ends);
    keyword *defs = ann_xmalloc(nb * sizeof *defs);
    for (size_t i = 0; i < d->nents; i++)
        for (size_t k = 0; multiword_org(&d->ents[i]) && k < d->ents[i].nmentions; k++)
            ends[n++] = (mention_end){d->ents[i].mentions[k].end, i};
    qsort(ends, n, sizeof *ends, by_end);
    for (size_t k = 0; k < nacr; k++) {
        mention_end key = {definer_end(d, acr[k].span), 0};
        const mention_end *hit = key.end ? bsearch(&key, ends, n, sizeof *ends, by_end) : NULL;
        if (hit)
            defs[(*nout)++] = (keyword){acr[k].text, hit->ent};
    }
    free(ends);
    qsort(defs, *nout, sizeof *defs, by_keyword);
    return defs;
}

#define INITIALS_CAP 16

/* Unknown all-caps words join the organization of several words the text
 * defines them by ("... AG (BMW)", then "BMW"), else the first whose
 * initials they are. */
static void settle_acronyms(ann_doc *d, const en_acronym *acr, size_t nacr, ann_buf *slug)
{
    if (!nacr)
        return;
    size_t ndef;
    keyword *defs = definitions(d, acr, nacr, &ndef);
    keyword *v = ann_xmalloc((d->nents + 1) * sizeof *v);
    char *ini = ann_xmalloc((d->nents + 1) * INITIALS_CAP);
    size_t n = 0;
    for (size_t i = 0; i < d->nents; i++) {
        if (!multiword_org(&d->ents[i]))
            continue;
        initials(d->ents[i].name, ini + n * INITIALS_CAP, INITIALS_CAP);
        v[n] = (keyword){ini + n * INITIALS_CAP, i};
        n++;
    }
    if (n)
        qsort(v, n, sizeof *v, by_keyword);
    for (size_t k = 0; k < nacr; k++) {
        const en_acronym *a = &acr[k];
        size_t j = keyword_find(defs, ndef, a->text), i = keyword_find(v, n, a->text);
        if (j < ndef) {
            ann_entity_add_mention(&d->ents[defs[j].ent], a->span);
        } else if (i < n) {
            ann_entity_add_mention(&d->ents[v[i].ent], a->span);
        } else if (a->tagged) {
            char *id = en_slug(slug, a->text, strlen(a->text));
            if (id[0])
                ann_entity_add_mention(ann_doc_entity(d, ANN_CAT_ACTOR, id, a->text, "organization"),
                                       a->span);
        }
    }
    free(defs);
    free(ini);
    free(v);
}

/* The first word of a name ("Vestas" of "Vestas Wind Systems A/S") in b,
 * valid until b is next used. */
static const char *first_word(ann_buf *b, const char *name)
{
    b->len = 0;
    ann_buf_add(b, name, strcspn(name, " "));
    return b->p;
}

/* A short form joins its full name: an unlisted one-word name that is the
 * first word of an organization of several ("Vestas" after "Vestas Wind
 * Systems"), whatever type the tagger gave it alone. */
/* Whether a is a one-word organization no list holds. */
static int unlisted_one_word_org(const ann_entity *a, ann_buf *slug)
{
    return a->cat == ANN_CAT_ACTOR && a->nmentions && !strchr(a->name, ' ') &&
           strcmp(a->type, "organization") == 0 &&
           strcmp(a->id, en_slug(slug, a->name, strlen(a->name))) == 0;
}

/* "City" after "Manchester City", "Stanley" after "Morgan Stanley": a
 * one-word organization no list holds joins the one organization of
 * several words that ends in it; where two end so, neither. */
static void merge_last_words(ann_doc *d, ann_buf *slug)
{
    keyword *v = ann_xmalloc((d->nents + 1) * sizeof *v);
    size_t n = 0;
    for (size_t j = 0; j < d->nents; j++) {
        const ann_entity *b = &d->ents[j];
        if (b->cat == ANN_CAT_ACTOR && strcmp(b->type, "organization") == 0 && b->nmentions &&
            strchr(b->name, ' '))
            v[n++] = (keyword){en_last_word(b->name), j};
    }
    if (n)
        qsort(v, n, sizeof *v, by_keyword);
    for (size_t i = 0; i < d->nents && n; i++) {
        ann_entity *a = &d->ents[i];
        if (!unlisted_one_word_org(a, slug))
            continue;
        size_t k = keyword_find(v, n, a->name);
        if (k < n && !(k + 1 < n && strcmp(v[k + 1].s, a->name) == 0))
            move_mentions(d, &d->ents[v[k].ent], a);
    }
    free(v);
}

static void merge_short_forms(ann_doc *d, ann_buf *name, ann_buf *slug)
{
    keyword *v = ann_xmalloc((d->nents + 1) * sizeof *v);
    char **keys = ann_xmalloc((d->nents + 1) * sizeof *keys);
    size_t n = 0;
    for (size_t j = 0; j < d->nents; j++) {
        const ann_entity *b = &d->ents[j];
        if (b->cat == ANN_CAT_ACTOR && strcmp(b->type, "organization") == 0 && b->nmentions &&
            strchr(b->name, ' ')) {
            keys[n] = ann_xstrdup(first_word(name, b->name));
            v[n] = (keyword){keys[n], j};
            n++;
        }
    }
    if (n)
        qsort(v, n, sizeof *v, by_keyword);
    for (size_t i = 0; i < d->nents && n; i++) {
        ann_entity *a = &d->ents[i];
        if (a->cat != ANN_CAT_ACTOR || strchr(a->name, ' ') || !a->nmentions ||
            strcmp(a->id, en_slug(slug, a->name, strlen(a->name))) != 0)
            continue;   /* several words, or a listed name with its own id */
        size_t k = keyword_find(v, n, a->name);
        if (k < n && v[k].ent != i)
            move_mentions(d, &d->ents[v[k].ent], a);
    }
    for (size_t k = 0; k < n; k++)
        free(keys[k]);
    free(keys);
    free(v);
    merge_last_words(d, slug);
}

/* The entity whose id is e's without the suffix "-" + e->type that
 * add_tagged and reread_known give a name read as another type than the
 * entity of its id; NULL where e's id has none or there is no such one. */
static ann_entity *unsuffixed(ann_doc *d, const ann_entity *e, ann_buf *slug)
{
    size_t n = strlen(e->id), t = strlen(e->type);
    if (n <= t + 1 || e->id[n - t - 1] != '-' || strcmp(e->id + n - t, e->type) != 0)
        return NULL;
    slug->len = 0;
    ann_buf_add(slug, e->id, n - t - 1);
    ann_entity *b = ann_doc_find_entity(d, slug->p);
    return b && b != e && b->nmentions ? b : NULL;
}

/* One document, one reading: a name the tagger read as a person here and
 * an organization there ("El Al") takes the reading of most of its
 * mentions (the first, when as many).  A place and an organization of one
 * name may both be (a city and its club): they stay apart. */
static void one_reading(ann_doc *d, ann_buf *slug)
{
    keyword *v = ann_xmalloc((d->nents + 1) * sizeof *v);
    size_t n = 0;
    for (size_t j = 0; j < d->nents; j++) {
        const ann_entity *e = &d->ents[j];
        if (e->cat == ANN_CAT_ACTOR && e->nmentions &&
            (e->person || strcmp(e->type, "organization") == 0))
            v[n++] = (keyword){e->name, j};
    }
    if (n)
        qsort(v, n, sizeof *v, by_keyword);
    for (size_t k = 0; k + 1 < n; k++) {
        ann_entity *a = &d->ents[v[k].ent], *b = &d->ents[v[k + 1].ent];
        if (strcmp(a->name, b->name) != 0 || a->person == b->person || !a->nmentions || !b->nmentions)
            continue;
        ann_entity *to = b->nmentions > a->nmentions ? b : a, *from = to == a ? b : a;
        /* where the reading that wins is the one with the suffixed id
         * (add_tagged's "trey-gowdy-person" beside "trey-gowdy"), the
         * name's own id takes it: it is the one claims and other
         * documents know */
        if (unsuffixed(d, to, slug) == from && ann_entity_retype(from, to->type) == 0) {
            ann_entity *t = to;
            to = from;
            from = t;
        }
        move_mentions(d, to, from);
    }
    free(v);
}

/* One document, one reading, where a place's name was also read as an
 * organization's (outside a sports page, where it stands for its club):
 * a city named for its government is still a place ("Sioux City", then
 * "far from Sioux City" read as a body).  The organization joins the
 * place where the place is a list's or has as many mentions; not the
 * other way round: a firm read once as a place ("Carrier furnaces") is
 * the firm.  An outlet's name read as an organization's ("FOX News") is
 * the outlet's. */
static void places_over_bodies(ann_doc *d, int sport, ann_buf *slug)
{
    for (size_t j = 0; j < d->nents; j++) {
        ann_entity *e = &d->ents[j];
        /* a list's name that ends in its type ("World Trade Organization")
         * has no suffix */
        if (!e->nmentions || e->listed || strcmp(e->type, "organization") != 0)
            continue;
        ann_entity *b = unsuffixed(d, e, slug);
        if (!b)
            continue;
        int place = b->cat == ANN_CAT_PLACE || strcmp(b->type, "country") == 0;
        if (b->cat == ANN_CAT_SOURCE ||
            (place && !sport && (b->listed || b->nmentions >= e->nmentions)))
            move_mentions(d, b, e);
    }
}

void en_settle_aliases(ann_doc *d, const en_acronym *acr, size_t nacr, const size_t *pshaped,
                       size_t npshaped, int tagged, int sport, ann_buf *name, ann_buf *slug)
{
    merge_initial_variants(d);
    surname_persons(d, pshaped, npshaped);
    merge_one_words(d);
    settle_acronyms(d, acr, nacr, slug);
    if (tagged) {
        merge_short_forms(d, name, slug);
        places_over_bodies(d, sport, slug);
        one_reading(d, slug);
    }
}
