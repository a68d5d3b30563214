/*
 * entities.c - actors, places and sources.
 *
 * Two sources of names.  Known names come from the lexicons through the rule
 * engine; they are accepted unless context says the words are part of
 * something else (a longer name, the name of a treaty, a quoted title) or,
 * for ambiguous and alias-only entries, unless context fails to confirm
 * them (the tagger's reading, the full name before, context= words).
 * Unknown names are the learned tagger's (tagger.c): it types the names no
 * list holds and rereads a listed one only where it reads it as another
 * class (a city as its club).  Without a model, unknown names are runs of
 * capitalized words that have evidence of being a person (a given name, a
 * title before, a speech verb beside, the byline) or the form of an
 * organization ("... Institute", "Ministry of ...").  Surnames join full
 * names as the document goes; the other aliases are settled at its end
 * (entities_alias.c).
 */
#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ann.h"
#include "date_parse.h"
#include "entities.h"
#include "entities_int.h"
#include "lang.h"
#include "meta.h"
#include "tagger.h"
#include "utf8.h"

#define MAX_NAME_TOKENS 8      /* a "name" longer than this is prose in capitals */
#define MAX_ROLE_TOKENS 10


ann_entities *ann_entities_new(const ann_engine *e)
{
    ann_entities *st = ann_xcalloc(1, sizeof *st);
    st->e = e;
    return st;
}

/* The arrays that only grow, kept from one document to the next: a state
 * made afresh for every document allocated them all again (and the tagger's
 * memo doubled its way up again), while malloc and free were ~2.7% of the
 * run.  Everything else goes back to zero, as from ann_entities_new; the
 * kept arrays are written before they are read, but for the names table
 * and the memo, which are cleared. */
typedef struct kept {
    tinfo *ti;
    size_t capti;
    uint64_t *look, *markup, *qs;
    size_t caplook;
    en_acronym *acr;
    size_t capacr;
    size_t *pshaped;
    size_t cappshaped;
    name_slot *names;
    size_t capnames;
    ann_buf name, role, slug;
    tg_ctx tg;
    tg_memo tgmemo;
    uint8_t *labels;
    size_t caplabels;
    size_t *cap_head, *cap_next, *cap_tok;
    size_t cap_nhead, cap_nnext, cap_ntok;
} kept;

void ann_entities_reset(ann_entities *st)
{
    for (size_t i = 0; i < st->nacr; i++)
        free(st->acr[i].text);
    if (st->nnames)
        memset(st->names, 0, st->capnames * sizeof *st->names);
    tg_memo_clear(&st->tgmemo);
    kept k = {st->ti, st->capti, st->look, st->markup, st->qs, st->caplook, st->acr, st->capacr,
              st->pshaped, st->cappshaped, st->names, st->capnames, st->name, st->role, st->slug, {0}, st->tgmemo, st->labels,
              st->caplabels, st->cap_head, st->cap_next, st->cap_tok, st->cap_nhead,
              st->cap_nnext, st->cap_ntok};
    tg_ctx_keep_arrays(&k.tg, &st->tg);
    const ann_engine *e = st->e;
    memset(st, 0, sizeof *st);
    st->e = e;
    st->ti = k.ti, st->capti = k.capti;
    st->look = k.look, st->markup = k.markup, st->qs = k.qs, st->caplook = k.caplook;
    st->acr = k.acr, st->capacr = k.capacr;
    st->pshaped = k.pshaped, st->cappshaped = k.cappshaped;
    st->names = k.names, st->capnames = k.capnames;
    st->name = k.name, st->role = k.role, st->slug = k.slug;
    st->name.len = st->role.len = st->slug.len = 0;
    st->tg = k.tg;
    st->tgmemo = k.tgmemo;
    st->labels = k.labels, st->caplabels = k.caplabels;
    st->cap_head = k.cap_head, st->cap_next = k.cap_next, st->cap_tok = k.cap_tok;
    st->cap_nhead = k.cap_nhead, st->cap_nnext = k.cap_nnext, st->cap_ntok = k.cap_ntok;
}

void ann_entities_free(ann_entities *st)
{
    if (!st)
        return;
    for (size_t i = 0; i < st->nacr; i++)
        free(st->acr[i].text);
    free(st->acr);
    free(st->pshaped);
    free(st->names);
    free(st->ti);
    free(st->look);
    free(st->markup);
    free(st->qs);
    ann_buf_free(&st->name);
    ann_buf_free(&st->role);
    ann_buf_free(&st->slug);
    tg_ctx_free(&st->tg);
    tg_memo_free(&st->tgmemo);
    free(st->labels);
    free(st->cap_head);
    free(st->cap_next);
    free(st->cap_tok);
    free(st);
}

/* ---- token helpers ----------------------------------------------------------- */

static int is_word(const ann_token *t)
{
    return t->kind == ANN_TOK_WORD;
}

static int is_the(const ann_window *w, size_t i)
{
    return i < w->n && (ann_tok_is(w->text, &w->tok[i], "the") || ann_tok_is(w->text, &w->tok[i], "The"));
}

/* The text of tokens [from, to) in b, valid until b is next used; names
 * and roles leave invisible characters out ("Vladi\u00ADmir"). */
static char *tok_text(ann_buf *b, const ann_window *w, size_t from, size_t to)
{
    const char *p = w->text + w->tok[from].start;
    size_t n = w->tok[to - 1].end - w->tok[from].start, k = 0;
    b->len = 0;
    ann_buf_add(b, "", 0);
    while (k < n) {
        size_t run = k;
        while (run < n && (unsigned char)p[run] < 0xC2)
            run++;
        while (run < n && !ann_invisible_at(p + run, n - run))
            run++;
        ann_buf_add(b, p + k, run - k);
        k = run + (run < n ? ann_invisible_at(p + run, n - run) : 0);
    }
    return b->p;
}

/* The slug of s in st's buffer, valid until the next slug. */
static char *slug_of(ann_entities *st, const char *s, size_t len)
{
    return en_slug(&st->slug, s, len);
}

/* The top bits of a pointer's Fibonacci hash. */
static size_t ptr_hash(const void *p, unsigned bits)
{
    return (size_t)(((uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ull) >> (64 - bits));
}

/* Whether some item of attrs has the value "1" after its first '=': no
 * flag can be on without one.  Most attrs strings ("iso=us;name=United
 * States", one per entity) have none, and each is read once a document. */
static int has_one_value(const char *attrs)
{
    for (const char *q = strchr(attrs, '='); q; q = strchr(q + 1, '='))
        if (q[1] == '1' && (q[2] == ';' || q[2] == '\0'))
            return 1;
    return 0;
}

/* The A_... attributes that are on ("key=1") in attrs, read in one pass
 * with ann_attr's rules: items split at ';', keys trimmed of spaces, the
 * first item with a key counts, and the value is exactly "1". */
static unsigned attr_flags(const char *attrs)
{
    static const char *const names[] = {"ambiguous", "alias_only", "weak", "inv", "honorific", "of",
                                        "day"};
    static const size_t lens[] = {9, 10, 4, 3, 9, 2, 3};
    unsigned seen = 0, on = 0;
    const char *p = attrs;
    if (!has_one_value(attrs))
        return 0;
    while (*p) {
        size_t n = strcspn(p, ";");
        const char *eq = memchr(p, '=', n), *k = p;
        size_t kn = eq ? (size_t)(eq - p) : n;
        while (kn > 0 && k[kn - 1] == ' ')
            kn--;
        while (kn > 0 && *k == ' ') {
            k++;
            kn--;
        }
        for (unsigned a = 0; a < sizeof names / sizeof *names; a++) {
            if (!(seen >> a & 1) && kn == lens[a] && memcmp(k, names[a], kn) == 0) {
                seen |= 1u << a;
                if (eq && p + n - eq == 2 && eq[1] == '1')
                    on |= 1u << a;
            }
        }
        p += n + (p[n] == ';');
    }
    return on;
}

/* The memo is asked before the string is read: the strings lie all over
 * the rules' pool, where a read is a cache miss. */
static inline unsigned attrs_on(ann_entities *st, const char *attrs)
{
    if (!attrs)
        return 0;
    memo *x = &st->memo[ptr_hash(attrs, MEMO_BITS)];
    if (x->s != attrs)
        *x = (memo){attrs, (unsigned char)(attr_flags(attrs) |
                                           (strstr(attrs, "context=") ? 1u << A_CONTEXT : 0))};
    return x->on;
}

static inline int attr_on_memo(ann_entities *st, const ann_match *m, int a)
{
    return (attrs_on(st, m->attrs) >> a) & 1;
}

/* A line set in title case ("West Was Lukewarm to Peace Talks") says nothing
 * about names through capitals.  Lines split the window into segments, so
 * the answer for the last one asked about serves every token in it. */
int en_title_case_line(ann_entities *st, const ann_window *w, size_t i)
{
    segs *sg = &st->seg;
    if (sg->lset && sg->la <= i && i <= sg->lb)
        return sg->lv;
    size_t a = i, b = i, words = 0, caps = 0;
    while (a > 0 && !(w->tok[a].flags & ANN_TF_LINE_START))
        a--;
    while (b + 1 < w->n && !(w->tok[b + 1].flags & ANN_TF_LINE_START))
        b++;
    int v = 0;
    if (b - a <= 40) {
        for (size_t k = a; k <= b; k++) {
            if (!is_word(&w->tok[k]) || w->tok[k].ncp <= 3)
                continue;
            words++;
            caps += en_capitalized(&w->tok[k]) != 0;
        }
        v = words >= 3 && caps * 10 >= words * 8;
    }
    sg->la = a;
    sg->lb = b;
    sg->lv = v;
    sg->lset = 1;
    return v;
}

/* ---- reading the rule matches --------------------------------------------------- */

/* The kinds of match the name finder reads.  Every match of the window
 * passes here, so a kind is told by its first byte before one strcmp. */
enum { K_ENTITY, K_TITLE, K_OTHER, K_GIVEN, K_DEMONYM, K_NONNAME, K_CUE,
       K_ORGHEAD, K_CONNECTOR, K_DOCWORD, K_CREDIT, K_COMMON, K_MEMBER, K_PLACEHEAD,
       K_PLACEOPEN, K_CLASSNOUN, K_LEGAL, K_SPORT, K_COUNT };

/* What a one-token match of a kind says: a bit always, and one more for
 * each of up to two attributes that is on ("weak", "inv"; an
 * organization's head "weak" or "of", a non-name "weak" or "day"). */
static const uint32_t kind_bit[K_COUNT] = {
    [K_GIVEN] = TI_GIVEN, [K_DEMONYM] = TI_DEMONYM, [K_NONNAME] = TI_NONNAME, [K_CUE] = TI_CUE,
    [K_ORGHEAD] = TI_ORGHEAD, [K_CONNECTOR] = TI_CONNECTOR, [K_DOCWORD] = TI_DOCWORD,
    [K_CREDIT] = TI_CREDIT, [K_COMMON] = TI_COMMON, [K_MEMBER] = TI_MEMBER,
    [K_PLACEHEAD] = TI_PLACEHEAD, [K_PLACEOPEN] = TI_PLACEOPEN, [K_LEGAL] = TI_LEGAL,
};
static const uint32_t kind_attr_bit[K_COUNT] = {
    [K_GIVEN] = TI_WEAK_GIVEN, [K_NONNAME] = TI_WEAK_NONNAME, [K_CUE] = TI_CUE_INV,
    [K_ORGHEAD] = TI_WEAK_ORGHEAD, [K_DOCWORD] = TI_WEAK_DOCWORD,
    [K_PLACEHEAD] = TI_WEAK_PLACEHEAD,
};
static const unsigned char kind_attr[K_COUNT] = {
    [K_GIVEN] = A_WEAK, [K_NONNAME] = A_WEAK, [K_CUE] = A_INV, [K_ORGHEAD] = A_WEAK,
    [K_DOCWORD] = A_WEAK, [K_PLACEHEAD] = A_WEAK,
};
static const uint32_t kind_attr2_bit[K_COUNT] = {[K_ORGHEAD] = TI_OF_HEAD, [K_NONNAME] = TI_DAY};
static const unsigned char kind_attr2[K_COUNT] = {[K_ORGHEAD] = A_OF, [K_NONNAME] = A_DAY};

static int kind_code(const char *k)
{
    static const struct { const char *name; int code; } kinds[] = {
        {"actor", K_ENTITY}, {"place", K_ENTITY}, {"source", K_ENTITY},
        {"title", K_TITLE}, {"given", K_GIVEN}, {"demonym", K_DEMONYM},
        {"nonname", K_NONNAME}, {"cue", K_CUE}, {"orghead", K_ORGHEAD},
        {"connector", K_CONNECTOR}, {"docword", K_DOCWORD}, {"credit", K_CREDIT},
        {"common", K_COMMON}, {"member", K_MEMBER}, {"placehead", K_PLACEHEAD},
        {"placeopen", K_PLACEOPEN}, {"classnoun", K_CLASSNOUN}, {"legal", K_LEGAL},
        {"sport", K_SPORT},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (kinds[i].name[0] == k[0] && strcmp(kinds[i].name, k) == 0)
            return kinds[i].code;
    return K_OTHER;
}

static int kind_of(ann_entities *st, const char *kind)
{
    kind_memo *x = &st->kinds[ptr_hash(kind, KIND_BITS)];
    if (x->s != kind)
        *x = (kind_memo){kind, kind_code(kind)};
    return x->code;
}

static int context_ok(ann_entities *st, const ann_doc *d, const ann_match *m);

/* Of two entries of one surface, whether m is the better reading than o:
 * "Georgia" the US state (context=Atlanta,Ga.,...) where the document
 * speaks of its neighbours, else the country; an unambiguous entry before
 * an ambiguous one. */
static int better_twin(ann_entities *st, const ann_doc *d, const ann_match *m, const ann_match *o)
{
    int mc = attr_on_memo(st, m, A_CONTEXT), oc = attr_on_memo(st, o, A_CONTEXT);
    if (mc != oc) {
        int held = context_ok(st, d, mc ? m : o);
        return mc ? held : !held;
    }
    return attr_on_memo(st, o, A_AMBIGUOUS) && !attr_on_memo(st, m, A_AMBIGUOUS);
}

static void index_matches(ann_entities *st, const ann_window *w, tinfo *ti)
{
    const ann_match *v = w->matches->v;
    uint64_t *look = st->look;
    /* 56 bytes a match: a window's worth cannot come near 2^32 - 1 */
    size_t n = w->matches->n < UINT32_MAX ? w->matches->n : UINT32_MAX - 1;
    for (size_t k = 0; k < n; k++) {
        const ann_match *m = &v[k];
        tinfo *t = &ti[m->first];
        size_t len = m->last - m->first;
        int code = kind_of(st, m->kind);
        if (code == K_ENTITY) {
            /* longest wins; among equals, the one whose context the
             * document holds, else the unambiguous one */
            const ann_match *o = en_match_of(w, t->known);
            if (!o || len > o->last - o->first ||
                (len == o->last - o->first && better_twin(st, w->doc, m, o)))
                t->known = (uint32_t)(k + 1);
            look[m->first >> 6] |= (uint64_t)1 << (m->first & 63);
        } else if (code == K_TITLE) {
            const ann_match *o = en_match_of(w, t->title);
            if (!o || len > o->last - o->first)
                t->title = (uint32_t)(k + 1);
            look[m->first >> 6] |= (uint64_t)1 << (m->first & 63);
        } else if (code == K_COMMON) {
            /* "State of the Union", "Great Recession": every word of a
             * common noun of several words is one */
            for (size_t q = m->first; q < m->last; q++)
                ti[q].f |= TI_COMMON;
        } else if (code == K_SPORT) {
            st->sport = 1;      /* the document is a sports page (sports.tsv) */
        } else if (code == K_CLASSNOUN) {
            if (len == 1)
                t->f |= (m->type[0] == 'o' ? TI_CLASS_ORG
                         : strcmp(m->type, "place") == 0 ? TI_CLASS_LOC : TI_CLASS_PER) |
                        (attrs_on(st, m->attrs) >> A_WEAK & 1 ? TI_CLASS_WEAK : 0);
        } else if (len == 1) {
            /* no branch on the kind: most are connectors, the rest mixed */
            unsigned a = attrs_on(st, m->attrs), on = a >> kind_attr[code] & 1,
                     on2 = a >> kind_attr2[code] & 1;
            t->f |= (uint32_t)(kind_bit[code] | (kind_attr_bit[code] & -on) |
                               (kind_attr2_bit[code] & -on2));
        }
    }
}

/* ---- adding entities ---------------------------------------------------------- */

static ann_cat cat_of(const char *kind)
{
    return strcmp(kind, "place") == 0 ? ANN_CAT_PLACE
           : strcmp(kind, "source") == 0 ? ANN_CAT_SOURCE : ANN_CAT_ACTOR;
}

static ann_entity *new_known(ann_doc *d, const ann_match *m, const char *id,
                             const char *surface, size_t slen)
{
    char name[256];
    if (!ann_attr(m->attrs, "name", name, sizeof name)) {
        size_t n = strnlen(surface, slen < sizeof name - 1 ? slen : sizeof name - 1);
        memcpy(name, surface, n);
        name[n] = '\0';
    }
    ann_entity *e = ann_doc_entity(d, cat_of(m->kind), id, name, m->type);
    e->listed = 1;
    return e;
}

static id_slot *id_slot_of(ann_entities *st, const char *id)
{
    uint64_t h = (uint64_t)(uintptr_t)id * 0x9E3779B97F4A7C15ull;
    return &st->ids[h >> (64 - ID_BITS)];
}

static ann_entity *add_known(ann_entities *st, ann_doc *d, const ann_match *m,
                             const char *surface, size_t slen, ann_span s)
{
    /* Most mentions are of an entity seen before: the name is worked out
     * only for a new one. */
    ann_entity *e;
    id_slot *x = id_slot_of(st, m->id);
    if (x->id == m->id) {      /* before m->id is read: see attr_on_memo */
        e = &d->ents[x->ent];
    } else if (m->id[0]) {
        e = ann_doc_find_entity(d, m->id);
        if (!e)
            e = new_known(d, m, m->id, surface, slen);
        x->id = m->id;
        x->ent = (size_t)(e - d->ents);
    } else {
        char *slug = slug_of(st, surface, slen);
        e = ann_doc_find_entity(d, slug);
        if (!e)
            e = new_known(d, m, slug, surface, slen);
    }
    ann_entity_add_mention(e, s);
    return e;
}

static ann_entity *add_unknown(ann_entities *st, ann_doc *d, const char *name, const char *type,
                               ann_span s)
{
    char *id = slug_of(st, name, strlen(name));
    if (!id[0])
        return NULL;
    ann_entity *e = ann_doc_entity(d, strcmp(type, "place") == 0 ? ANN_CAT_PLACE : ANN_CAT_ACTOR,
                                   id, name, type);
    ann_entity_add_mention(e, s);
    return e;
}

/* ---- context tests for known names ------------------------------------------ */

/* The last k in (lo, i] whose bit is set, or lo when none. */
static size_t prev_set(const uint64_t *bits, size_t lo, size_t i)
{
    if (i <= lo)
        return lo;
    size_t k = i >> 6;
    uint64_t b = bits[k] & (~(uint64_t)0 >> (63 - (i & 63)));
    while (!b) {
        if (k * 64 <= lo)
            return lo;
        b = bits[--k];
    }
    size_t r = k * 64 + 63 - (size_t)__builtin_clzll(b);
    return r > lo ? r : lo;
}

/* The last quotation mark that opens, or sentence start, at or before
 * first (token 0 when none).  The window's names come in order, so the
 * scan back stops at the last name asked about and takes its answer. */
static size_t quote_or_sentence_start(ann_entities *st, const ann_window *w, size_t first)
{
    segs *sg = &st->seg;
    size_t stop = first < sg->qpos ? 0 : sg->qpos;
    size_t a = prev_set(st->qs, stop, first);
    if (first < sg->qpos)
        return a;
    if (a == sg->qpos && !(w->tok[a].flags & (ANN_TF_QOPEN | ANN_TF_SENT_START)))
        a = sg->qopen;     /* none since the last name: its answer holds */
    sg->qpos = first;
    sg->qopen = a;
    return a;
}

/* Inside quotation marks that hold a title in title case ("Overextending and
 * Unbalancing Russia"), a name is part of the title. */
static int in_quoted_title(ann_entities *st, const ann_window *w, size_t first)
{
    segs *sg = &st->seg;
    size_t a = quote_or_sentence_start(st, w, first), b = first;
    if (!(w->tok[a].flags & ANN_TF_QOPEN))
        return 0;
    /* the quotation's end found for an earlier name serves every name up to it */
    if (sg->qset && sg->qa == a && sg->qfrom <= first && first <= sg->qb)
        return sg->qv;
    while (b < w->n && !(w->tok[b].flags & (ANN_TF_QCLOSE | ANN_TF_SENT_END)))
        b++;
    int v = 0;
    if (b < w->n && (w->tok[b].flags & ANN_TF_QCLOSE)) {
        size_t words = 0, caps = 0;
        for (size_t k = a + 1; k < b; k++) {
            if (!is_word(&w->tok[k]))
                continue;
            words++;
            caps += en_capitalized(&w->tok[k]) || w->tok[k].ncp <= 3;
        }
        v = words >= 3 && caps == words;
    }
    sg->qa = a;
    sg->qfrom = first;
    sg->qb = b;
    sg->qv = v;
    sg->qset = 1;
    return v;
}

/* The next word after a match makes it part of a longer name: an
 * organization ("Kyiv School ...") or a document, treaty or war. */
static int part_of_longer_name(const ann_window *w, const tinfo *ti, size_t last)
{
    if (last >= w->n)
        return 0;
    const ann_token *t = &w->tok[last];
    if (t->flags & ANN_TF_SENT_START)
        return 0;
    if ((ti[last].f & TI_DOCWORD))
        return 1;
    if (t->kind == ANN_TOK_WORD && (t->flags & ANN_TF_HYPHEN) == 0 && (ti[last].f & TI_ORGHEAD) &&
        en_capitalized(t) && !ti[last].known)
        return 1;
    /* "Minsk II", "the Minsk I and II agreements" */
    return ann_tok_is(w->text, t, "I") || ann_tok_is(w->text, t, "II") ||
           ann_tok_is(w->text, t, "III") || ann_tok_is(w->text, t, "IV");
}

static int ambiguous_ok(ann_entities *st, const ann_window *w, const tinfo *ti,
                        const ann_match *m)
{
    size_t f = m->first, l = m->last;
    int the = f > 0 && is_the(w, f - 1);
    if (strcmp(m->kind, "source") == 0) {
        static const char *const after[] = {"magazine", "newspaper", "reported", "reports",
                                            "said", "says", "wrote", "writes", "told", "daily"};
        if (l < w->n)
            for (size_t i = 0; i < sizeof after / sizeof *after; i++)
                if (ann_tok_is(w->text, &w->tok[l], after[i]))
                    return 1;
        return the && !(l < w->n && en_capitalized(&w->tok[l]) && !ti[l].known);
    }
    if (the)
        return !(l < w->n && en_capitalized(&w->tok[l]) && !(w->tok[l].flags & ANN_TF_SENT_START));
    if (en_title_case_line(st, w, f))
        return 0;
    int cap_before = f > 0 && en_capitalized(&w->tok[f - 1]) && !(w->tok[f].flags & ANN_TF_SENT_START);
    int cap_after = l < w->n && en_capitalized(&w->tok[l]) && !(w->tok[l].flags & ANN_TF_SENT_START);
    return !cap_before && !cap_after && !(w->tok[f].flags & ANN_TF_SENT_START);
}

/* "the Journal", "the Alliance": a short form counts only after the full
 * name, or after one of the bodies its attrs name ("after=european-union"
 * lets "the Commission" follow "the EU"). */
static int alias_ok(const ann_doc *d, const ann_match *m)
{
    char after[256];
    if (m->id[0] && ann_doc_find_entity(d, m->id))
        return 1;
    if (!ann_attr(m->attrs, "after", after, sizeof after))
        return 0;
    for (char *p = after, *next; p && *p; p = next) {
        next = strchr(p, ',');
        if (next)
            *next++ = '\0';
        if (ann_doc_find_entity(d, p))
            return 1;
    }
    return 0;
}

/* Whether the document holds word as a word (its case as written). */
int en_doc_has_word(const ann_doc *d, const char *word, size_t n)
{
    const char *p = d->text, *end = d->text + d->len;
    while (n && (size_t)(end - p) >= n) {
        const char *q = memchr(p, word[0], (size_t)(end - p) - n + 1);
        if (!q)
            return 0;
        int before = q > d->text && ((unsigned char)q[-1] >= 0x80 || isalnum((unsigned char)q[-1]));
        int after = q + n < end && ((unsigned char)q[n] >= 0x80 || isalnum((unsigned char)q[n]));
        if (!before && !after && memcmp(q, word, n) == 0)
            return 1;
        p = q + 1;
    }
    return 0;
}

/* "context=India,Hindu,BJP": a list name that is also a common word or
 * another's name ("RSS" the feed, "Commons" the image library) takes its
 * identity only in a document that holds one of these words.  Answers are
 * kept by the attrs string for the document. */
static int context_ok(ann_entities *st, const ann_doc *d, const ann_match *m)
{
    /* asked of every known name: the memo spares a read of the string */
    if (!attr_on_memo(st, m, A_CONTEXT))
        return 1;
    ctx_slot *x = &st->ctx[ptr_hash(m->attrs, CTX_BITS)];
    if (x->attrs == m->attrs)
        return x->ok;
    char words[512];
    int ok = 0;
    if (ann_attr(m->attrs, "context", words, sizeof words))
        for (char *p = words, *next; p && *p && !ok; p = next) {
            next = strchr(p, ',');
            size_t n = next ? (size_t)(next - p) : strlen(p);
            if (next)
                next++;
            ok = en_doc_has_word(d, p, n);
        }
    *x = (ctx_slot){m->attrs, ok};
    return ok;
}

/* Whether the one-word name at i, opening a sentence in title case, is a
 * function word of the document's language there: "Oder" ("or") opening
 * a German sentence, not the river; "Para" ("for") a Spanish one, not the
 * Brazilian state (lang/XX.txt). */
static int function_word_at(const ann_entities *st, const ann_window *w, size_t i)
{
    const ann_token *t = &w->tok[i];
    if ((t->flags & (ANN_TF_TITLE | ANN_TF_UPPER)) != ANN_TF_TITLE || !w->doc->lang[0])
        return 0;
    if (!(t->flags & (ANN_TF_SENT_START | ANN_TF_LINE_START)) &&
        !(i > 0 && (w->tok[i - 1].flags & ANN_TF_QOPEN)))
        return 0;
    return ann_lang_function_word(st->e->lang, w->doc->lang, w->text + t->start, t->end - t->start);
}

static int accept_known(ann_entities *st, const ann_window *w, const tinfo *ti,
                        const ann_match *m)
{
    if (!context_ok(st, w->doc, m))
        return 0;
    if (m->last - m->first == 1 && function_word_at(st, w, m->first))
        return 0;
    if (attr_on_memo(st, m, A_ALIAS_ONLY))
        return alias_ok(w->doc, m);
    if (attr_on_memo(st, m, A_AMBIGUOUS) && !ambiguous_ok(st, w, ti, m))
        return 0;
    if (part_of_longer_name(w, ti, m->last))
        return 0;
    return !in_quoted_title(st, w, m->first);
}

/* ---- names inside hyphenated compounds --------------------------------------- */

/* The listed actor, place or source the text [p, q) names, added as a
 * mention: 1, or 0 where no list holds it (or holds it only as a short
 * form or an ambiguous word, which a compound's part gives no context
 * for). */
static int known_part(ann_entities *st, ann_window *w, size_t p, size_t q)
{
    static const char *const kinds[] = {"actor", "place", "source"};
    ann_match m;
    /* most parts ("so-called", "long-term") are in no lexicon at all:
     * one look-up of any kind says so for the three */
    if (q <= p || !ann_rules_lookup(st->e->rules, w->text + p, q - p, NULL, &m))
        return 0;
    for (size_t k = 0; k < 3; k++)
        if (ann_rules_lookup(st->e->rules, w->text + p, q - p, kinds[k], &m) &&
            !attr_on_memo(st, &m, A_ALIAS_ONLY) && !attr_on_memo(st, &m, A_AMBIGUOUS)) {
            add_known(st, w->doc, &m, w->text + p, q - p, (ann_span){p, q});
            return 1;
        }
    return 0;
}

/* The end of the part of token t that starts at p: its next hyphen or its end. */
static size_t part_end(const ann_window *w, const ann_token *t, size_t p)
{
    while (p < t->end && w->text[p] != '-')
        p++;
    return p;
}

/* "UK-led", "Russia-Ukraine", "Cairo-based": look each part up on its own;
 * the number of parts found. */
static size_t compound_parts(ann_entities *st, ann_window *w, const tinfo *ti, size_t i)
{
    const ann_token *t = &w->tok[i];
    size_t found = 0;
    if (part_of_longer_name(w, ti, i + 1))
        return 0;
    for (size_t p = t->start; p < t->end; p = part_end(w, t, p) + 1)
        found += (size_t)known_part(st, w, p, part_end(w, t, p));
    return found;
}

/* Whether tokens [a, b) are capitalized words of one line. */
static int caps_on_line(const ann_window *w, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (!en_capitalized(&w->tok[k]) || (k > a && (w->tok[k].flags & ANN_TF_LINE_START)))
            return 0;
    return b > a;
}

/* Names joined by a hyphen, each of words outside it: "Washington
 * Post-ABC News poll", "New York Times-CBS News poll".  At token i, the
 * listed name made of the words from i to the first part of a hyphenated
 * word within three, its mention added; then the hyphenated word's other
 * parts, the last with up to three capitalized words after it ("ABC
 * News").  The token after the last one read, or 0 where there is no
 * such name at i. */
static size_t hyphen_join(ann_entities *st, ann_window *w, const tinfo *ti, size_t i)
{
    size_t h = i + 1;
    while (h < w->n && h <= i + 3 && !(w->tok[h].flags & ANN_TF_HYPHEN))
        h++;
    if (h >= w->n || h > i + 3 || !caps_on_line(w, i, h + 1))
        return 0;
    const ann_match *km = en_match_of(w, ti[i].known);
    const ann_token *t = &w->tok[h];
    if ((km && km->last > h) || !known_part(st, w, w->tok[i].start, part_end(w, t, t->start)))
        return 0;
    size_t next = h + 1;
    for (size_t p = part_end(w, t, t->start) + 1; p < t->end; p = part_end(w, t, p) + 1) {
        size_t q = part_end(w, t, p), m = 0;
        if (q == t->end)
            for (m = 3; m > 0; m--)
                if (h + m < w->n && caps_on_line(w, h, h + m + 1) &&
                    known_part(st, w, p, w->tok[h + m].end))
                    break;
        if (m)
            next = h + m + 1;
        else
            known_part(st, w, p, q);
    }
    return next;
}

/* ---- roles ---------------------------------------------------------------------- */

/* ", the head of the Russian team," after a name: the role up to the comma. */
static void appositive_role(ann_entities *st, ann_window *w, const tinfo *ti, size_t after,
                            ann_entity *e)
{
    if (after + 2 >= w->n || !ann_tok_is(w->text, &w->tok[after], ","))
        return;
    size_t k = after + 1;
    if (is_the(w, k) || ann_tok_is(w->text, &w->tok[k], "a") || ann_tok_is(w->text, &w->tok[k], "an"))
        k++;
    size_t start = k, end = k;
    int has_title = 0;
    while (end < w->n && end - start < MAX_ROLE_TOKENS && is_word(&w->tok[end])) {
        has_title |= ti[end].title != 0;
        end++;
    }
    if (!has_title || end >= w->n || end == start)
        return;
    if (!ann_tok_is(w->text, &w->tok[end], ",") && !ann_tok_is(w->text, &w->tok[end], "."))
        return;
    ann_entity_add_role(e, tok_text(&st->role, w, start, end));
}

/* ---- unknown names ---------------------------------------------------------------- */

static int person_entity(const ann_entity *e)
{
    return e->person;
}


static size_t key_hash(const char *s, size_t n)
{
    size_t h = 5381;
    for (size_t i = 0; i < n; i++)
        h = h * 33 + (unsigned char)s[i];
    return h;
}

static name_slot *name_find(ann_entities *st, const char *s, size_t n)
{
    size_t mask = st->capnames - 1, i = key_hash(s, n) & mask;
    while (st->names[i].key && !(st->names[i].len == n && memcmp(st->names[i].key, s, n) == 0))
        i = (i + 1) & mask;
    return &st->names[i];
}

static void name_put(ann_entities *st, const char *s, size_t n, size_t ent)
{
    if ((st->nnames + 1) * 2 > st->capnames) {
        name_slot *old = st->names;
        size_t oldcap = st->capnames;
        st->capnames = oldcap ? oldcap * 2 : 64;
        st->names = ann_xcalloc(st->capnames, sizeof *st->names);
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].key)
                *name_find(st, old[i].key, old[i].len) = old[i];
        free(old);
    }
    name_slot *sl = name_find(st, s, n);
    if (!sl->key) {     /* the first person with this name keeps it */
        sl->key = s;
        sl->len = n;
        sl->ent = ent;
        st->nnames++;
    }
}

/* A person already in the document whose surname (or full name) this is. */
static ann_entity *person_by_surname(ann_entities *st, ann_doc *d, const char *s, size_t n)
{
    for (; st->indexed < d->nents; st->indexed++) {
        const ann_entity *e = &d->ents[st->indexed];
        if (!person_entity(e))
            continue;
        const char *lw = en_last_word(e->name);
        name_put(st, lw, strlen(lw), st->indexed);
        name_put(st, e->name, strlen(e->name), st->indexed);
    }
    if (!st->capnames)
        return NULL;
    name_slot *sl = name_find(st, s, n);
    return sl->key ? &d->ents[sl->ent] : NULL;
}

static int is_author(const ann_doc *d, const char *name)
{
    for (size_t i = 0; i < d->nauthors; i++)
        if (strcmp(d->authors[i], name) == 0)
            return 1;
    return 0;
}

/* Whether the text of tokens [from, to) holds an ASCII digit: eight bytes
 * at a time, with the "has a byte between" word trick (a byte above 0x7F
 * is never flagged). */
static int has_digit(const ann_window *w, size_t from, size_t to)
{
    const uint64_t ones = 0x0101010101010101ull, low7 = ones * 0x7F, highs = ones * 0x80;
    size_t i = w->tok[from].start, end = w->tok[to - 1].end;
    for (; i + 8 <= end; i += 8) {
        uint64_t x;
        memcpy(&x, w->text + i, 8);
        uint64_t lo = x & low7;
        if (((ones * (127 + ':') - lo) & ~x & (lo + ones * (127 - '/')) & highs) != 0)
            return 1;
    }
    for (; i < end; i++)
        if (w->text[i] >= '0' && w->text[i] <= '9')
            return 1;
    return 0;
}

/* Whether [s, e) has an organization's head and a connector inside
 * ("Centre for Research on ...", "Lviv School of Economics"). */
static int head_and_connector(const tinfo *ti, size_t s, size_t e)
{
    for (size_t k = s; k + 2 < e; k++)
        if ((ti[k].f & TI_ORGHEAD) && (ti[k + 1].f & TI_CONNECTOR))
            return 1;
    return 0;
}

/* Organization by form: its head word ends it, or "Ministry of ..." opens it. */
static int org_form(const tinfo *ti, size_t s, size_t e)
{
    return (e - s >= 2 && (ti[e - 1].f & TI_ORGHEAD)) || head_and_connector(ti, s, e);
}

typedef struct evidence {
    const ann_match *title;    /* a title right before */
    size_t title_first;
} evidence;

static int speech_beside(const ann_window *w, const tinfo *ti, size_t s, size_t e)
{
    if (e < w->n && (ti[e].f & TI_CUE))
        return 1;
    if (e + 1 < w->n && ann_tok_is(w->text, &w->tok[e], ",") && (ti[e + 1].f & TI_CUE))
        return 0;
    /* "said Medinsky", but not "told MPs": only verbs that invert */
    return s > 0 && (ti[s - 1].f & TI_CUE_INV) && !(w->tok[s].flags & ANN_TF_SENT_START);
}

static void add_role(ann_entities *st, ann_window *w, ann_entity *e, const evidence *ev)
{
    if (!ev->title || !e || attr_on_memo(st, ev->title, A_HONORIFIC))
        return;   /* "Mr." vouches for a name but is no role */
    ann_entity_add_role(e, tok_text(&st->role, w, ev->title_first, ev->title->last));
}

/* A single capitalized word: a known person's surname, or a new person
 * when a title or a speech verb vouches for it. */
static void single_word(ann_entities *st, ann_window *w, const tinfo *ti, size_t s,
                        const evidence *ev)
{
    const ann_token *t = &w->tok[s];
    if ((ti[s].f & TI_NONNAME) || (ti[s].f & TI_DEMONYM) || ti[s].title || (ti[s].f & TI_CUE) || t->ncp < 2)
        return;
    ann_span sp = {t->start, t->end};
    ann_entity *e = person_by_surname(st, w->doc, w->text + t->start, t->end - t->start);
    if (!e && (t->flags & ANN_TF_UPPER) && t->ncp >= 2 && t->ncp <= 6) {
        en_acronym a = {sp, ann_xstrndup(w->text + t->start, t->end - t->start), 0};
        ANN_PUSH(st->acr, st->nacr, st->capacr, a);
        return;
    }
    /* "He said", "Negotiations continue": at a sentence start only a title
     * vouches for a lone capitalized word */
    int starts = (t->flags & ANN_TF_SENT_START) || (s > 0 && (w->tok[s - 1].flags & ANN_TF_QOPEN));
    int vouched = ev->title || (speech_beside(w, ti, s, s + 1) && !starts);
    if (!e && vouched && (t->flags & ANN_TF_TITLE)) {
        e = add_unknown(st, w->doc, tok_text(&st->name, w, s, s + 1), "person", sp);
    }
    if (e) {
        ann_entity_add_mention(e, sp);
        add_role(st, w, e, ev);
        appositive_role(st, w, ti, s + 1, e);
    }
}

/* A run of two or more capitalized words. */
static void name_run(ann_entities *st, ann_window *w, const tinfo *ti, size_t s, size_t e,
                     const evidence *ev)
{
    while (s < e && ((ti[s].f & TI_NONNAME) || (ti[s].f & TI_CONNECTOR) || is_the(w, s)) &&
           (is_the(w, s) || !org_form(ti, s, e)))
        s++;   /* "However Boris Johnson": the sentence word is not the name */
    if (s < e && (ti[s].f & TI_DOCWORD))
        return;   /* "Charter on Strategic Partnership": a document */
    while (e > s && (ti[e - 1].f & TI_CONNECTOR))
        e--;
    if (s >= e || has_digit(w, s, e))
        return;
    if (e - s == 1) {
        single_word(st, w, ti, s, ev);
        return;
    }
    /* st->name: the halves of a run split below make their own */
    char *name = tok_text(&st->name, w, s, e);
    ann_span sp = {w->tok[s].start, w->tok[e - 1].end};
    ann_entity *ent = NULL;
    if (org_form(ti, s, e)) {
        ent = add_unknown(st, w->doc, name, "organization", sp);
    } else {
        int connectors = 0;
        for (size_t k = s; k < e; k++)
            connectors += (ti[k].f & TI_CONNECTOR) && !ann_tok_is(w->text, &w->tok[k], "de") &&
                          !ann_tok_is(w->text, &w->tok[k], "van") && !ann_tok_is(w->text, &w->tok[k], "von") &&
                          !ann_tok_is(w->text, &w->tok[k], "al") && !ann_tok_is(w->text, &w->tok[k], "bin");
        int person = e - s <= 4 && !connectors && !(ti[s].f & TI_DEMONYM) &&
                     (((ti[s].f & TI_GIVEN) && !(ti[s].f & TI_WEAK_GIVEN)) || ev->title || is_author(w->doc, name) ||
                      speech_beside(w, ti, s, e) ||
                      person_by_surname(st, w->doc, name, strlen(name)));
        if (person) {
            ent = person_by_surname(st, w->doc, name, strlen(name));
            if (ent)
                ann_entity_add_mention(ent, sp);
            else
                ent = add_unknown(st, w->doc, name, "person", sp);
        } else if (connectors) {
            /* "Samuel Charap and Sergey Radchenko": each side on its own */
            size_t k = s;
            while (k < e && !(ti[k].f & TI_CONNECTOR))
                k++;
            evidence none = {0};
            name_run(st, w, ti, s, k, ev);
            name_run(st, w, ti, k + 1, e, &none);
            return;
        }
    }
    if (ent && person_entity(ent)) {
        add_role(st, w, ent, ev);
        appositive_role(st, w, ti, e, ent);
    }
}

/* Where a run of capitalized words ends: at a non-capital, at punctuation,
 * at a sentence start, at a known name or a title. */
static size_t run_end(const ann_window *w, const tinfo *ti, size_t s)
{
    size_t e = s + 1;
    while (e < w->n && e - s < MAX_NAME_TOKENS) {
        const ann_token *t = &w->tok[e];
        /* a weak non-name goes on a name: "Theresa May", "Sunday Times" */
        if (t->flags & ANN_TF_SENT_START || ti[e].known || ti[e].title ||
            ((ti[e].f & TI_NONNAME) && !(ti[e].f & TI_WEAK_NONNAME)))
            break;
        if (en_capitalized(t) && !(t->flags & ANN_TF_HYPHEN)) {
            e++;
            continue;
        }
        if ((ti[e].f & TI_CONNECTOR) && e + 1 < w->n && en_capitalized(&w->tok[e + 1]) && !ti[e + 1].known)
        {
            e++;
            continue;
        }
        break;
    }
    return e;
}

/* ---- the window ------------------------------------------------------------------ */

/* A title ("President", "Foreign Minister") right before a name; a country,
 * organization or demonym may stand before the title ("US Secretary of State"). */
static size_t take_title(const ann_window *w, const tinfo *ti, size_t i, evidence *ev)
{
    const ann_match *m = en_match_of(w, ti[i].title);
    size_t next = m->last;
    if (next < w->n && (en_capitalized(&w->tok[next]) || ti[next].known) &&
        !(w->tok[next].flags & ANN_TF_SENT_START)) {
        ev->title = m;
        ev->title_first = i;
    }
    return next;
}

static void known_name(ann_entities *st, ann_window *w, const tinfo *ti, const ann_match *m,
                       size_t end, evidence *ev)
{
    ann_span sp = {w->tok[m->first].start, w->tok[(end ? end : m->last) - 1].end};
    ann_entity *e = add_known(st, w->doc, m, w->text + sp.start, sp.end - sp.start, sp);
    if (person_entity(e)) {
        add_role(st, w, e, ev);
        appositive_role(st, w, ti, m->last, e);
    }
}

/* ---- names the tagger found ------------------------------------------------------- */

/* A known name's lexicon type in the tagger's classes. */
int en_known_class(const ann_match *m)
{
    /* the first byte before strcmp: asked ~600 times a document, most
     * kinds and types differ there (callgrind: strcmp's calls from here
     * were 0.24% of the run's instructions) */
    const char *k = m->kind, *t = m->type;
    if (k[0] == 'p' && strcmp(k, "place") == 0)
        return TG_LOC;
    if (k[0] == 's' && strcmp(k, "source") == 0)
        return TG_ORG;
    if (t[0] == 'p' && strcmp(t, "person") == 0)
        return TG_PER;
    return t[0] == 'c' && strcmp(t, "country") == 0 ? TG_LOC : TG_ORG;
}

/* Whether the listed name [km) stands where a club's does: on a line of
 * results or standings, or alone in brackets. */
static int club_line(const ann_entities *st, const ann_window *w, const ann_match *km)
{
    if (st->tg.line[km->first] & TG_LN_TABLE)
        return 1;
    return km->first > 0 && km->last < w->n && ann_tok_is(w->text, &w->tok[km->first - 1], "(") &&
           ann_tok_is(w->text, &w->tok[km->last], ")");
}

static const char *const class_type[] = {"", "person", "organization", "place"};

/* Whether tokens [s, e) open a dateline: in capitals at a paragraph's
 * start, before a comma, a bracket, a dash or a colon ("WASHINGTON (AP)
 * --", "FLINT, Mich., Oct. 4", "KYIV -", and "MUMBAI:", "BRISBANE:" as
 * Indian, Pakistani and Australian papers write it). */
static int dateline_at(const ann_window *w, size_t s, size_t e)
{
    if (!(w->tok[s].flags & ANN_TF_PARA_START) || e >= w->n)
        return 0;
    for (size_t k = s; k < e; k++)
        if (!(w->tok[k].flags & ANN_TF_UPPER))
            return 0;
    const ann_token *t = &w->tok[e];
    return t->kind == ANN_TOK_DASH || ann_tok_is(w->text, t, ",") || ann_tok_is(w->text, t, "(") ||
           ann_tok_is(w->text, t, "-") || ann_tok_is(w->text, t, ":");
}



/* Whether a place entry of the window's entity kinds covers the tokens of
 * km too ("Republika Srpska", listed as a body and as a territory: the
 * tagger's reading chooses).  Asked only where a listed organization is
 * read as a place, a few times a document at most. */
static int place_twin(ann_entities *st, const ann_window *w, const ann_match *km)
{
    for (size_t k = 0; k < w->matches->n; k++) {
        const ann_match *m = &w->matches->v[k];
        if (m != km && m->first == km->first && m->last == km->last &&
            kind_of(st, m->kind) == K_ENTITY && en_known_class(m) == TG_LOC)
            return 1;
    }
    return 0;
}

/* Whether tokens [s, e), in capitals at a paragraph's start, are the
 * place of a dateline the model read as another class: a listed place
 * before a comma, bracket or dash ("CLEVELAND --", an ambiguous name the
 * model reads as the city's club), or any name before a comma, a listed
 * place and a dash or bracket ("CHICO, Calif. -", "OSCEOLA, Iowa --").  Not
 * a word before a dash alone ("RTRS - Golf", "RUGBY UNION -"). */
static int dateline_place(const ann_window *w, const tinfo *ti, const ann_match *km, size_t s,
                          size_t e)
{
    if (!dateline_at(w, s, e))
        return 0;
    if (km && km->last == e && en_known_class(km) == TG_LOC)
        return 1;
    if (!ann_tok_is(w->text, &w->tok[e], ",") || e + 1 >= w->n)
        return 0;
    const ann_match *pm = en_match_of(w, ti[e + 1].known);
    if (!pm || en_known_class(pm) != TG_LOC || pm->last >= w->n)
        return 0;
    const ann_token *t = &w->tok[pm->last];
    return t->kind == ANN_TOK_DASH || ann_tok_is(w->text, t, "-") || ann_tok_is(w->text, t, "(");
}

/* A listed name the tagger reads as another class ("Leeds beat Chelsea":
 * the club, not the city): an entity of its own, whose id says which. */
static void reread_known(ann_entities *st, ann_window *w, const ann_match *km, int type)
{
    ann_span sp = {w->tok[km->first].start, w->tok[km->last - 1].end};
    char *name = tok_text(&st->name, w, km->first, km->last);
    const char *base = km->id[0] ? km->id : slug_of(st, name, strlen(name));
    char *id = ann_xasprintf("%s-%s", base, class_type[type]);
    ann_entity *e = ann_doc_entity(w->doc, type == TG_LOC ? ANN_CAT_PLACE : ANN_CAT_ACTOR, id, name,
                                   class_type[type]);
    free(id);
    ann_entity_add_mention(e, sp);
}

/* A photo or video credit: "Alex Wong/Getty Images", "Reuters/Kevin
 * Lamarque", "Photo by Alex Wong", "(Credit: Alex Wong)".  The name is the
 * photographer's signature, not a mention of a person in the story. */
static int credit_line(const ann_window *w, const tinfo *ti, size_t s, size_t e)
{
    const ann_token *t = w->tok;
    if (e + 1 < w->n && ann_tok_is(w->text, &t[e], "/") && t[e].start == t[e - 1].end &&
        (en_capitalized(&t[e + 1]) || ti[e + 1].known))
        return 1;
    if (s >= 2 && ann_tok_is(w->text, &t[s - 1], "/") && t[s - 1].end == t[s].start &&
        (en_capitalized(&t[s - 2]) || ti[s - 2].known))
        return 1;
    /* a credit word, then "by" or a colon, before the name's capitals */
    size_t k = s;
    while (k > 0 && s - k < 4 && en_capitalized(&t[k - 1]) && !(t[k].flags & ANN_TF_LINE_START))
        k--;
    size_t at = k;
    if (k > 0 && (ann_tok_is(w->text, &t[k - 1], "by") || ann_tok_is(w->text, &t[k - 1], ":")))
        k--;
    return k < at && k > 0 && (ti[k - 1].f & TI_CREDIT) && !(t[at].flags & ANN_TF_LINE_START);
}

/* An unknown name of the tagger's type; when its slug is taken by an
 * entity of another type ("Spartak" the person and the club), the id
 * says which.  The dateline's place is the place throughout the story
 * ("FORT PIERCE, Fla. -" ... "people in Fort Pierce"), where the model
 * goes on reading it as it read the dateline, as a club. */
static ann_entity *add_tagged(ann_entities *st, ann_doc *d, const char *name, const char *type,
                              ann_span s)
{
    char *id = slug_of(st, name, strlen(name));
    if (!id[0])
        return NULL;
    ann_entity *e = ann_doc_find_entity(d, id);
    if (e && st->dateline && e == &d->ents[st->dateline - 1] && strcmp(type, "organization") == 0) {
        ann_entity_add_mention(e, s);
        return e;
    }
    if (e && strcmp(e->type, type) != 0) {
        char *alt = ann_xasprintf("%s-%s", id, type);
        e = ann_doc_entity(d, strcmp(type, "place") == 0 ? ANN_CAT_PLACE : ANN_CAT_ACTOR, alt, name, type);
        free(alt);
        ann_entity_add_mention(e, s);
        return e;
    }
    return add_unknown(st, d, name, type, s);
}

/* Whether token k may stand in a heading in title case: no figure, no
 * word of four letters or more in lower case. */
static int heading_word(const ann_window *w, size_t k)
{
    const ann_token *t = &w->tok[k];
    if (t->kind == ANN_TOK_NUMBER || (w->text[t->start] >= '0' && w->text[t->start] <= '9'))
        return 0;
    return !is_word(t) || t->ncp < 4 || (t->flags & (ANN_TF_TITLE | ANN_TF_UPPER));
}

/* Whether token i is on a heading inside the text, in title case (every
 * word of four letters or more capitalized, no figures, no list's
 * commas): a paragraph of its own ("Human Rights.", "Clinton Was Headed
 * to ER But Diverted to Avoid Bad Optics.") or the words that open a
 * paragraph up to a colon ("Limited Tools to Fight Terrorism: The United
 * Nations was ...").  A line of more than a dozen tokens needs four long
 * words: prose has lower-case ones.  The walks stop at the first word
 * that cannot be a heading's, in prose the next or the one after.
 * [*from, *to) is the heading. */
#define HEADING_MAX 40
static int on_heading(const ann_window *w, size_t i, size_t *from, size_t *to)
{
    size_t a = i, b = i + 1, longs = 0, commas = 0;
    for (;;) {
        if (!heading_word(w, a) || i - a > HEADING_MAX)
            return 0;
        if ((w->tok[a].flags & ANN_TF_LINE_START) || a == 0)
            break;
        a--;
    }
    if (!(w->tok[a].flags & ANN_TF_PARA_START))
        return 0;
    for (; b < w->n && !(w->tok[b].flags & ANN_TF_LINE_START) && !ann_tok_is(w->text, &w->tok[b], ":"); b++)
        if (!heading_word(w, b) || b - a > HEADING_MAX)
            return 0;
    int own = b == w->n || (w->tok[b].flags & ANN_TF_PARA_START);
    int runin = b < w->n && ann_tok_is(w->text, &w->tok[b], ":") && b - a >= 2;
    if (!own && !runin)
        return 0;
    for (size_t k = a; k < b; k++) {
        commas += ann_tok_is(w->text, &w->tok[k], ",");
        longs += is_word(&w->tok[k]) && w->tok[k].ncp >= 4;
    }
    if (commas > 1 || longs < (b - a > 12 ? 4u : 1u))
        return 0;
    *from = a;
    *to = b;
    return 1;
}

/* The window's capitalized words not made so by a sentence or line start,
 * chained by hash: head[h & mask] is 1 + the first entry, next[e] 1 + the
 * one after (0 ends a chain), tok[e] the entry's token. */
static void index_caps(ann_entities *st, const ann_window *w)
{
    size_t n = 0, slots = 64;
    while (slots < 2 * st->tg.ncaps)
        slots *= 2;
    ann_grow((void **)&st->cap_head, &st->cap_nhead, slots, sizeof *st->cap_head);
    ann_grow((void **)&st->cap_next, &st->cap_nnext, st->tg.ncaps + 1, sizeof *st->cap_next);
    ann_grow((void **)&st->cap_tok, &st->cap_ntok, st->tg.ncaps + 1, sizeof *st->cap_tok);
    memset(st->cap_head, 0, slots * sizeof *st->cap_head);
    for (size_t k = 0; k < st->tg.ncaps; k++) {
        size_t i = st->tg.caps[k];
        const ann_token *t = &w->tok[i];
        if (!en_capitalized(t) || (t->flags & (ANN_TF_SENT_START | ANN_TF_LINE_START)))
            continue;
        size_t h = (size_t)t->lhash & (slots - 1);
        st->cap_tok[n] = i;
        st->cap_next[n] = st->cap_head[h];
        st->cap_head[h] = ++n;
    }
    st->cap_mask = slots - 1;
    st->capsof = st->windows;
}

/* Whether the words [s, j) are written elsewhere in the window, outside
 * [a, b), capitalized where a sentence or line does not make them so.
 * An index, not a walk over the window: a page of many headings would
 * walk it once for each. */
static int named_elsewhere(ann_entities *st, const ann_window *w, size_t s, size_t j, size_t a,
                           size_t b)
{
    if (st->capsof != st->windows)
        index_caps(st, w);
    uint64_t h = w->tok[s].lhash;
    size_t len = j - s;
    for (size_t e = st->cap_head[h & st->cap_mask]; e; e = st->cap_next[e - 1]) {
        size_t k = st->cap_tok[e - 1], m = 1;
        if (w->tok[k].lhash != h || (k >= a && k < b) || k + len > w->n)
            continue;
        while (m < len && w->tok[k + m].lhash == w->tok[s + m].lhash)
            m++;
        if (m == len)
            return 1;
    }
    return 0;
}

/* Whether the word at s reads as an adverb in -ly before a comma
 * ("Famously,", "Realistically,") or as a verb before a determiner, an
 * object pronoun or "how" ("Pour the", "Check your", "Move it", "Notice
 * how"), where a sentence opens with it: a name is followed by none of
 * these but through a verb. */
static int opens_as_word(const ann_window *w, size_t s)
{
    static const char *const dets[] = {"the", "a", "an", "your", "our", "this", "these",
                                       "those", "their", "his", "her", "its", "my", "some", "all",
                                       "it", "them", "him", "me", "us", "how"};
    const ann_token *t = &w->tok[s], *u = &w->tok[s + 1];
    size_t n = t->end - t->start;
    if (t->ncp >= 6 && w->text[t->end - 2] == 'l' && w->text[t->end - 1] == 'y' &&
        ann_tok_is(w->text, u, ","))
        return 1;
    if (!(u->flags & ANN_TF_LOWER) || n < 3)
        return 0;
    for (size_t k = 0; k < sizeof dets / sizeof dets[0]; k++)
        if (ann_tok_is(w->text, u, dets[k]))
            return 1;
    return 0;
}

/* Whether the one word at s that the model read as a name, no list
 * holding it, is a word that a sentence or line opening capitalizes:
 * - one the lists say is never a name ("The" before "New York Post"; not
 *   "OR" in "Portland OR 5.60", in capitals, nor "the Archives" inside a
 *   sentence);
 * - one the document also writes in lower case ("Silver fell 3 cents"
 *   beside "silver futures", "Schools will reopen"): one document, one
 *   reading;
 * - an adverb in -ly before a comma or a verb before a determiner
 *   (opens_as_word: "Famously,", "Pour the batter");
 * - before a lower-case word, one that news writes in lower case
 *   (meta/lowercase.txt, learned from the training texts: "Debris fell",
 *   "Polls show") and this document capitalizes nowhere inside a sentence
 *   (not "Price said" after "Tom Price"; not a club at the head of a
 *   results line, "Reading 2 Bury 1").
 * A known given name so placed ("Kelly, the cook,") stays a name. */
static int sentence_word(ann_entities *st, const ann_window *w, const tinfo *ti, size_t s)
{
    const ann_token *t = &w->tok[s];
    if (!(t->flags & (ANN_TF_SENT_START | ANN_TF_LINE_START)) || (t->flags & ANN_TF_UPPER))
        return 0;
    if ((ti[s].f & TI_NONNAME) && !(ti[s].f & TI_WEAK_NONNAME))
        return 1;
    if (ti[s].f & TI_GIVEN)
        return 0;
    if (tg_memo_lower(&st->tgmemo, t->lhash) || (s + 2 < w->n && opens_as_word(w, s)))
        return 1;
    return s + 1 < w->n && (w->tok[s + 1].flags & ANN_TF_LOWER) &&
           ann_meta_lowercase(st->e->meta, w->text + t->start, t->end - t->start) &&
           !named_elsewhere(st, w, s, s + 1, s, s + 1);
}

/* Whether token i is a building's word that is no surname too (placehead,
 * not weak: "Tower", "Plaza"; not "Hall", "Field"). */
static int building_head(const tinfo *ti, size_t i)
{
    return (ti[i].f & (TI_PLACEHEAD | TI_WEAK_PLACEHEAD)) == TI_PLACEHEAD;
}

/* Whether tokens k, k + 1, k + 2 are an age in commas (", 22,"), of at
 * most digits figures. */
static int age_in_commas(const ann_window *w, size_t k, size_t digits)
{
    return k + 2 < w->n && ann_tok_is(w->text, &w->tok[k], ",") &&
           w->tok[k + 1].kind == ANN_TOK_NUMBER && w->tok[k + 1].ncp <= digits &&
           ann_tok_is(w->text, &w->tok[k + 2], ",");
}

/* Whether the one word at s stands where a place of residence does after
 * a person's name and age: ", 30, of Quincy", ", 30, Bulpitt, was
 * arrested" (a comma after it without "of": not "Khan, 45, Trump said"). */
static int residence_at(const ann_window *w, size_t s)
{
    size_t k = s;
    int of = k > 0 && ann_tok_is(w->text, &w->tok[k - 1], "of");
    k -= (size_t)of;
    if (k < 3 || !age_in_commas(w, k - 3, 3))
        return 0;
    return of || (s + 1 < w->n && ann_tok_is(w->text, &w->tok[s + 1], ","));
}

/* Whether every token of [s, e) is part of a common noun. */
static int all_common(const tinfo *ti, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++)
        if (!(ti[k].f & TI_COMMON))
            return 0;
    return 1;
}


/* Whether a title starts at token i and a capitalized word follows it
 * ("Prime Minister Sheikh Hasina"; not "Justice" in "the Brennan Center
 * for Justice noted"). */
static int title_before_name(const ann_window *w, const tinfo *ti, size_t i)
{
    const ann_match *tm = en_match_of(w, ti[i].title);
    return tm && tm->last < w->n && en_capitalized(&w->tok[tm->last]);
}

/* The type that context gives the name [s, j) the model read as type:
 * "Mr. Rhodes said", "Mr. Bloomberg's campaign": after an honorific, one
 * word a list holds as a place, an organization or an outlet is a
 * person's surname (*km, the listed name, is then none); "Mekhi's older
 * brother Khaleel, 22, started": a name no list holds before an age is a
 * person's; "Hayley N. Hull, 30, Bulpitt, was arrested", "Melissa
 * Roloson, 32, of Sodus": a word no list holds where the place of
 * residence stands is the place, unless the document has it as a
 * person's name. */
/* The words that end an appositive's noun phrase after its head ("Ibama,
 * the country's environmental agency, said"; "..., a firm based in").  */
static int appositive_stop(const ann_window *w, size_t k)
{
    static const char *const stops[] = {"of", "in", "for", "that", "which", "who", "whose",
                                        "based", "with", "at", "on", "to", "from", "and", "or",
                                        "led", "run", "owned", "known", "founded", "where"};
    const ann_token *t = &w->tok[k];
    if (t->kind == ANN_TOK_PUNCT)
        return 1;
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++)
        if (ann_tok_is(w->text, t, stops[i]))
            return 1;
    return 0;
}

/* The type an appositive after a name gives it, 0 for none: ", the
 * country's environmental agency" an organization's, ", a port city" a
 * place's, ", a former aide" a person's.  The phrase opens with an
 * article or a possessive and ends, within eight words, in a noun of a
 * class (classnoun in name_parts.tsv) before a comma, a full stop or a
 * word that goes on after the head ("of", "based", "which"). */
static int appositive_type(const ann_window *w, const tinfo *ti, size_t j, int *weak)
{
    if (j + 3 >= w->n || !ann_tok_is(w->text, &w->tok[j], ","))
        return 0;
    size_t k = j + 1;
    const ann_token *t = &w->tok[k];
    if (!(is_the(w, k) || ann_tok_is(w->text, t, "a") || ann_tok_is(w->text, t, "an") ||
          ann_tok_is(w->text, t, "its") || ann_tok_is(w->text, t, "their") ||
          (k + 1 < w->n && (ann_tok_is(w->text, &w->tok[k + 1], "'s") ||
                            ann_tok_is(w->text, &w->tok[k + 1], "\xE2\x80\x99s")))))
        return 0;
    size_t end = k + 1;
    while (end < w->n && end - k < 9 && !appositive_stop(w, end))
        end++;
    if (end >= w->n || end - k >= 9)
        return 0;
    uint32_t f = ti[end - 1].f;
    if (w->tok[end - 1].flags & (ANN_TF_TITLE | ANN_TF_UPPER))
        return 0;
    *weak = (f & TI_CLASS_WEAK) != 0;
    return f & TI_CLASS_ORG ? TG_ORG : f & TI_CLASS_LOC ? TG_LOC : f & TI_CLASS_PER ? TG_PER : 0;
}

static int type_by_context(ann_entities *st, const ann_window *w, const tinfo *ti,
                           const evidence *ev, const ann_match **km, size_t s, size_t j, int type)
{
    const ann_match *m = *km;
    if (m && j - s == 1 && m->last == j && ev->title && attr_on_memo(st, ev->title, A_HONORIFIC) &&
        en_known_class(m) != TG_PER) {
        *km = NULL;
        return TG_PER;
    }
    if (m)
        return type;
    if (type != TG_PER && age_in_commas(w, j, 2))   /* "Khaleel, 22," */
        return TG_PER;
    /* a person's name stays one before a noun of firms and people alike
     * ("Keith Hutto, a plumbing contractor", "a policy maker") */
    int weak = 0, apposed = appositive_type(w, ti, j, &weak);
    if (apposed && !(type == TG_PER && weak))
        return apposed;
    if (type == TG_PER && j - s == 1 && residence_at(w, s) &&
        !person_by_surname(st, w->doc, w->text + w->tok[s].start, w->tok[s].end - w->tok[s].start))
        return TG_LOC;
    return type;
}

/* The place of a dateline [s, j) (dateline_place), which it keeps through
 * the story (add_tagged).  Returns the token after it. */
static size_t dateline_name(ann_entities *st, ann_window *w, const ann_match *km, size_t s,
                            size_t j)
{
    ann_span sp = {w->tok[s].start, w->tok[j - 1].end};
    ann_entity *e = km && km->last == j && en_known_class(km) == TG_LOC
                        ? add_known(st, w->doc, km, w->text + sp.start, sp.end - sp.start, sp)
                        : add_tagged(st, w->doc, tok_text(&st->name, w, s, j), "place", sp);
    if (e && strcmp(e->type, "place") == 0)
        st->dateline = 1 + (size_t)(e - w->doc->ents);
    return j;
}

/* Whether a sentence's stop (., ! or ?, a closing quotation mark after it)
 * ends the text before token s, not an abbreviation's period. */
static int sentence_stop_before(const ann_window *w, size_t s)
{
    size_t k = s;
    while (k > 0 && (w->tok[k - 1].flags & ANN_TF_QCLOSE))
        k--;
    if (k == 0)
        return 0;
    const ann_token *p = &w->tok[k - 1];
    return !(p->flags & ANN_TF_ABBREV) && (ann_tok_is(w->text, p, ".") ||
                                          ann_tok_is(w->text, p, "!") || ann_tok_is(w->text, p, "?"));
}

/* Whether the one word at s, no list's, is a word that opens a sentence
 * or a paragraph (not a line: wire text breaks its lines in sentences,
 * "Phil/Mickelson ,") before a comma ("Granted, most Republicans",
 * "Overnight, Faso became", "Tyranny, to them, is personal"): no given
 * name, in no capitals, written
 * capitalized nowhere else in the window where a sentence does not make it
 * so, no surname of a person the document names, and no apposition after
 * the comma ("Stormfront, the most prominent site", "Tilde, an early
 * user", "Hull, 30,"). */
static int opens_alone(ann_entities *st, const ann_window *w, const tinfo *ti, size_t s)
{
    const ann_token *t = &w->tok[s];
    if (!(t->flags & (ANN_TF_SENT_START | ANN_TF_PARA_START)) || (t->flags & ANN_TF_UPPER) ||
        (ti[s].f & TI_GIVEN) || s + 2 >= w->n || !ann_tok_is(w->text, &w->tok[s + 1], ","))
        return 0;
    if (!(t->flags & ANN_TF_PARA_START) && !sentence_stop_before(w, s))
        return 0;   /* "Ashcroft v. Iqbal, which", "Phil/Mickelson ,": no sentence ends there */
    const ann_token *u = &w->tok[s + 2];
    if (u->kind == ANN_TOK_NUMBER || ann_tok_is(w->text, u, "the") || ann_tok_is(w->text, u, "a") ||
        ann_tok_is(w->text, u, "an"))
        return 0;
    return !named_elsewhere(st, w, s, s + 1, s, s + 1) &&
           !person_by_surname(st, w->doc, w->text + t->start, t->end - t->start);
}

/* Whether the name [s, j) the model read, km the listed name at s, is
 * none:
 * - "X." on a paragraph of its own (an embedded post's stub), "S." cut
 *   from its name: an initial alone names no one, nor a letter ("Division
 *   B", "Proleter ( Z )", a reference list's "Halloran ME , L"), nor a
 *   weekday alone ("met on Monday", cut from "Jose Miguel Insulza Monday");
 * - "Super Tuesday", "Black Friday": one word no list holds, no given name
 *   nor a person's name the document has, right before a weekday is part
 *   of the day's name; not after "the", where the weekday says when ("the
 *   Prairies Monday morning");
 * - "AI", "URL", "GMT", "Islam", "State" of the "Union": a name the model
 *   read inside a capitalized common noun (common_nouns.tsv);
 * - "Granted, most Republicans ...": a word that opens a sentence alone
 *   before a comma (opens_alone);
 * - "Voting Rights Act", "Equal Rights Amendment", "Clean Power Plan": a
 *   name no list holds whole that ends in a document's word names a law,
 *   plan or treaty, no actor, nor is a name inside it one; not a word that
 *   also heads an organization ("Clinton Global Initiative") or ends
 *   places' and events' names (weak=1: "Lee's Summit"). */
static int no_name(ann_entities *st, const ann_window *w, const tinfo *ti, const ann_match *km,
                   size_t s, size_t j)
{
    if (!km && j - s == 1 &&
        (en_is_initial(w, s) || w->tok[s].end - w->tok[s].start == 1 || (ti[s].f & TI_DAY)))
        return 1;
    if (!km && j - s == 1 && j < w->n && (ti[j].f & TI_DAY) && en_capitalized(&w->tok[j]) &&
        !(ti[s].f & TI_GIVEN) && !(s > 0 && is_the(w, s - 1)) &&
        !person_by_surname(st, w->doc, w->text + w->tok[s].start, w->tok[s].end - w->tok[s].start))
        return 1;
    if (!km && all_common(ti, s, j))
        return 1;
    if (!km && j - s == 1 && opens_alone(st, w, ti, s))
        return 1;
    return (!km || km->last < j) && j - s >= 2 && (ti[j - 1].f & TI_DOCWORD) &&
           !(ti[j - 1].f & (TI_ORGHEAD | TI_WEAK_DOCWORD));
}

/* "Trump Tower", "Trump International Hotel": a name [s, *j) the model
 * read as a person's that ends in a building's word (placehead), or goes
 * on into capitalized words the model read as no name, the last of them
 * such a word (*j moves past it), names the building: TG_LOC, the person
 * not mentioned in it.  Else TG_PER. */
static int building_name(const ann_window *w, const tinfo *ti, const uint8_t *lab, size_t s,
                         size_t *j)
{
    size_t e = *j, k = e;
    if (e - s >= 2 && building_head(ti, e - 1))
        return TG_LOC;
    if (e >= w->n || lab[e])
        return TG_PER;
    while (k < w->n && k - e < 3 && !lab[k] && en_capitalized(&w->tok[k]) && !ti[k].known &&
           w->tok[k].start == w->tok[k - 1].end + 1 && !(w->tok[k].flags & ANN_TF_SENT_START))
        k++;
    while (k > e && !building_head(ti, k - 1))
        k--;
    if (k == e)
        return TG_PER;
    *j = k;
    return TG_LOC;
}

/* A name the tagger found at i, of its type: a listed name keeps its id
 * and fine type unless the tagger reads it as another class; an unknown
 * one gets the slug of its words (a person's surname joins the full name
 * before it).  Returns the token after it. */
/* Of two list entries with the same words ("Amazon" the company and the
 * rainforest), the one of the class the model read, where index_matches
 * chose the other by the lists alone; else m.  The matches are sorted by
 * first token, longest first: the twins are neighbours. */
static const ann_match *twin_of_class(ann_entities *st, const ann_window *w, const ann_match *m,
                                      int type)
{
    const ann_match *v = w->matches->v, *end = v + w->matches->n;
    const ann_match *lo = m;
    while (lo > v && lo[-1].first == m->first && lo[-1].last == m->last)
        lo--;
    for (const ann_match *o = lo; o < end && o->first == m->first && o->last == m->last; o++)
        if (o != m && kind_of(st, o->kind) == K_ENTITY && en_known_class(o) == type &&
            context_ok(st, w->doc, o))
            return o;
    return m;
}

/* "CAIRO, Jan 5 (Reuters)", "on May 3": a month's name (meta/months.tsv)
 * a space before a number of one or two digits is a date's, not a name
 * ("Jan" read as a person's). */
static int month_before_day(ann_entities *st, const ann_window *w, size_t s)
{
    const ann_token *t = &w->tok[s], *u = &w->tok[s + 1];
    int month;
    return s + 1 < w->n && u->kind == ANN_TOK_NUMBER && u->end - u->start <= 2 &&
           u->start == t->end + 1 + (w->text[t->end] == '.') &&
           ann_page_month(st->e->months, w->text + t->start, &month) == t->end - t->start;
}

/* Whether tokens [a, b) are all legal forms of firms ("AG", "Inc."). */
static int legal_tail(const tinfo *ti, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (!(ti[k].f & TI_LEGAL))
            return 0;
    return a < b;
}

/* Whether tokens [s, e) are words in title case, none an organization's
 * or a place's head: the shape of a person's name (a listed word after
 * the first is a surname: "Michael Bloomberg", "Michael Jackson"). */
int en_person_shaped(const ann_window *w, const tinfo *ti, size_t s, size_t e)
{
    for (size_t k = s; k < e; k++)
        if (!(w->tok[k].flags & ANN_TF_TITLE) || w->tok[k].kind != ANN_TOK_WORD ||
            (ti[k].f & (TI_ORGHEAD | TI_PLACEHEAD | TI_CONNECTOR)))
            return 0;
    return 1;
}

/* Whether the organization no list holds at [s, e) has a person's full
 * name's shape: two or three title-case words, none a head, a demonym, a
 * title, a common noun or a listed name ("Rush Limbaugh"; not "Floridians
 * Jeb Bush", "Actress Rosario Dawson", "Action Network"), nor before a
 * firm's "&" or head.  en_settle_aliases makes it a person where the
 * document reads its last word alone as one. */
static int person_like_org(const ann_window *w, const tinfo *ti, size_t s, size_t e)
{
    if (e - s < 2 || e - s > 3 || !en_person_shaped(w, ti, s, e) || en_firm_after(w, ti, e))
        return 0;
    for (size_t k = s; k < e; k++)
        if (ti[k].known || ti[k].title ||
            (ti[k].f & (TI_DEMONYM | TI_NONNAME | TI_COMMON | TI_MEMBER | TI_CLASS_PER |
                        TI_CLASS_ORG | TI_CLASS_LOC)))
            return 0;
    return 1;
}

/* A name the tagger found, as the mends below it see it: tokens [s, j)
 * of the type the evidence gives, km the listed name at s (NULL: none or
 * not this one), tm the title before it, legal_end the end of a legal form
 * after a listed firm (0: none). */
typedef struct tspan {
    size_t s, j, legal_end;
    int type;
    const ann_match *km, *tm;
} tspan;

/* Where the name of the run at i starts and what it is at first sight:
 * without "the", after a title that is a role, the listed name at its
 * start if the document's context is that name's and one of the model's
 * class, the type the context gives. */
static void tagged_start(ann_entities *st, ann_window *w, const tinfo *ti, const uint8_t *lab,
                         size_t i, evidence *ev, tspan *n)
{
    n->j = tg_span_end(lab, i, w->n);
    n->s = i;
    n->legal_end = 0;
    n->type = tg_type(lab[i]);
    while (n->s + 1 < n->j && is_the(w, n->s))
        n->s++;   /* the spec leaves "the" out */
    size_t s = n->s, j = n->j;
    n->tm = en_match_of(w, ti[s].title);
    /* "Dean Headley": a title that is also a given name stays before one
     * word; "Premier League": a title before an organization's head is its name */
    if (n->tm && n->tm->last < j && en_capitalized(&w->tok[n->tm->last]) &&
        !((ti[s].f & (TI_GIVEN | TI_ORGHEAD) || ti[j - 1].f & TI_ORGHEAD) && n->tm->last + 1 == j)) {
        ev->title = n->tm;   /* "President Bill Clinton": the title is a role */
        ev->title_first = s;
        n->s = s = n->tm->last;
    }
    /* a listed name whose context= the document does not hold is not
     * that name: the model's reading of the words stands */
    n->km = en_match_of(w, ti[s].known);
    if (n->km && !context_ok(st, w->doc, n->km))
        n->km = NULL;
    if (n->km && en_known_class(n->km) != n->type)
        n->km = twin_of_class(st, w, n->km, n->type);
    n->type = type_by_context(st, w, ti, ev, &n->km, s, j, n->type);
}

/* Whether the run n is no name at all (the words of a heading, a word a
 * sentence capitalizes, a month, an honorific alone, a compound of listed
 * names). */
static int tagged_none(ann_entities *st, ann_window *w, const tinfo *ti, const tspan *n)
{
    size_t s = n->s, j = n->j;
    int type = n->type;
    const ann_match *km = n->km, *tm = n->tm;
    /* a name no list holds, on a heading in title case, is a name only
     * where the text writes it so elsewhere: the model, which learned
     * headlines in capitals, reads most words of such a line as names
     * ("Limited Tools", "Climate Change", "FULL TEXT").  An acronym
     * ("RTRS - Golf :") and a person with a given name ("Caryn Wilson")
     * stay. */
    size_t ha, hb;
    int short_caps = j - s == 1 && (w->tok[s].flags & ANN_TF_UPPER) && w->tok[s].ncp <= 6;
    if (!km && !short_caps && !(type == TG_PER && (ti[s].f & TI_GIVEN)) &&
        on_heading(w, s, &ha, &hb) && !named_elsewhere(st, w, s, j, ha, hb))
        return 1;
    if (!km && j - s == 1 && sentence_word(st, w, ti, s))
        return 1;
    if (j - s == 1 && month_before_day(st, w, s))
        return 1;
    if (no_name(st, w, ti, km, s, j))
        return 1;
    /* "Mr." alone, read as a name after a heading: an honorific is no
     * name (other titles alone may be: "Dalai Lama", "Queen 's Park") */
    if (tm && tm->last >= j && !km && attr_on_memo(st, tm, A_HONORIFIC))
        return 1;
    /* "Russia-Ukraine": listed names inside a compound are its mentions */
    return !km && j - s == 1 && (w->tok[s].flags & ANN_TF_HYPHEN) &&
           compound_parts(st, w, ti, s) != 0;
}

/* The type the words of the run give where the model's is wrong. */
static int tagged_type(const ann_window *w, const tinfo *ti, const tspan *n)
{
    size_t s = n->s, j = n->j;
    const ann_match *km = n->km;
    int type = n->type;
    /* "Clinton Foundation", "Trump University" read as a person, "Texas
     * Tech University" as a place: a name no list holds whole that ends in
     * an organization's head is an organization's; not a head that also
     * ends places, buildings and surnames ("West Bank", "World Trade
     * Center", "Margaret Court": weak=1 in name_parts.tsv).  Read as a
     * place, a head and its connector inside make one too ("Lviv School
     * of Economics and Law") */
    if (!(km && km->last >= j) && j - s >= 2 &&
        (((type == TG_PER || type == TG_LOC) && (ti[j - 1].f & TI_ORGHEAD) &&
          !(ti[j - 1].f & TI_WEAK_ORGHEAD)) ||
         (type == TG_LOC && head_and_connector(ti, s, j))))
        type = TG_ORG;
    /* "Jeb Bush" read as an organization (before "campaign", as a
     * candidate's name is used): a name of two or three capitalized words
     * no list holds that opens with a given name and has no
     * organization's head is a person's; not before a firm's "&" or head
     * ("Edward Jones & Co"); listed firms named after people ("Morgan
     * Stanley") keep their entry */
    if (type == TG_ORG && !km && j - s >= 2 && j - s <= 3 &&
        (ti[s].f & (TI_GIVEN | TI_WEAK_GIVEN)) == TI_GIVEN && !en_firm_after(w, ti, j) &&
        en_person_shaped(w, ti, s, j))
        type = TG_PER;
    /* "Lake Pontchartrain", "Mount Rushmore", "Fort Hood" read as a
     * person: a name that opens with the word of a natural feature or a
     * fort (placeopen in name_parts.tsv) is a place's, listed or not (a
     * listed place read as a person is otherwise one: "Mr. Washington") */
    if (type == TG_PER && j - s >= 2 && (ti[s].f & TI_PLACEOPEN))
        type = TG_LOC;
    return type;
}

/* The run's end where the model's is wrong: a name goes on after an
 * institution's "of" and "for", stops before a party member's word, a
 * listed firm's legal form and run-on words; a person's does not run
 * into a building's head. */
static void tagged_end(ann_entities *st, const ann_window *w, const tinfo *ti, const uint8_t *lab,
                       tspan *n)
{
    size_t s = n->s, j = n->j;
    const ann_match *km = n->km;
    int type = n->type;
    /* "University of" "New Hampshire", "Mr. Burman of" "the Tax Policy
     * Center": no name ends in "of"; the model that ended one there read
     * an institution's name on as the next ("National Democratic Party of
     * Germany"), else the name ends before it */
    if (j - s >= 2 && ann_tok_is(w->text, &w->tok[j - 1], "of")) {
        if ((type == TG_ORG || type == TG_LOC) && (ti[j - 2].f & TI_OF_HEAD) && j < w->n &&
            lab[j] && !tg_inside(lab[j]) && !title_before_name(w, ti, j) && !(km && km->last > j)) {
            type = TG_ORG;
            j = tg_span_end(lab, j, w->n);
        } else {
            j--;
        }
    }
    /* "Kharkiv Institute" "for" "Regional Studies": an organization's head
     * and "for" go on into the name after them, and a head of an
     * institution (of=1 in name_parts.tsv) and "of" ("University" "of"
     * "Illinois", "Maurer School" "of" "Law"); not a firm's "of" nor any
     * "and" ("Daniels Inc of St. Petersburg", "Bank System Inc. and
     * Norwest Corp."), nor into a title ("the Awami League of Prime
     * Minister Sheikh Hasina") or out of a listed name that goes on ("Union
     * of Soviet Socialist Republics"); read as a place ("Kharkiv
     * Institute"), it is the organization still: no place's name goes on so */
    while ((type == TG_ORG || type == TG_LOC) && j + 1 < w->n && (ti[j - 1].f & TI_ORGHEAD) &&
           (ann_tok_is(w->text, &w->tok[j], "for") ||
            ((ti[j - 1].f & TI_OF_HEAD) && ann_tok_is(w->text, &w->tok[j], "of"))) &&
           lab[j + 1] && !tg_inside(lab[j + 1]) && !title_before_name(w, ti, j + 1) &&
           !(km && km->last > j) &&
           !(tg_type(lab[j + 1]) == TG_PER && (ti[j + 1].f & TI_GIVEN)) &&
           !(w->tok[j + 1].flags & ANN_TF_SENT_START)) {
        type = TG_ORG;
        j = tg_span_end(lab, j + 1, w->n);
    }
    /* "Iowa Democrats", "a Texas Republican", "the South Carolina
     * Republican primary": a listed place before a party member's word
     * (name_parts.tsv) is the place, whatever the model read the run as;
     * not a body's name ("South Carolina Democratic Party") */
    if (km && km->last < j && en_known_class(km) == TG_LOC && (ti[km->last].f & TI_MEMBER) &&
        !org_form(ti, s, j)) {
        j = km->last;
        type = TG_LOC;
    }
    /* "Bayerische Motoren Werke AG", "Chevron Corp": a listed firm's name
     * and the legal form after it (legal in name_parts.tsv) are the firm's
     * mention */
    if (km && km->last < j && en_known_class(km) == TG_ORG && strcmp(km->kind, "actor") == 0 &&
        legal_tail(ti, km->last, j)) {
        n->legal_end = j;
        j = km->last;
    }
    /* A listed name run on into more words is cut back to it ("NATO War
     * Agenda", "Vladimir Putin Istanbul"), unless the words make a longer
     * name of it ("Bank of England") or a place names a team or firm
     * ("Real Madrid", "Boston Red Sox"); the rest is read on its own. */
    if (km && km->last < j && en_known_class(km) != TG_LOC && !org_form(ti, s, j) &&
        !building_head(ti, j - 1) &&
        !attr_on_memo(st, km, A_AMBIGUOUS) && !attr_on_memo(st, km, A_ALIAS_ONLY))
        j = km->last;
    if (type == TG_PER)
        type = building_name(w, ti, lab, s, &j);
    n->j = j;
    n->type = type;
}

/* The listed name n->km where the run holds it all: its mention, or the
 * name reread as the model's class (a city for its club); the token after
 * it, or 0 where the run is a name of its own. */
static size_t tagged_known(ann_entities *st, ann_window *w, const tinfo *ti, tspan *n,
                           evidence *ev)
{
    size_t s = n->s, j = n->j, legal_end = n->legal_end;
    const ann_match *km = n->km;
    int type = n->type;
    int kc = en_known_class(km);
    if ((!legal_end && part_of_longer_name(w, ti, km->last)) || in_quoted_title(st, w, km->first))
        return km->last;   /* the context says it is part of another name, or not this one */
    /* a country or a place the model reads as an organization outside a
     * sports page: the place itself (below), an ambiguous one too (its
     * other reading is a person's: "Cleveland", "Orlando") */
    int seat = kc == TG_LOC && type == TG_ORG && !st->sport && !club_line(st, w, km);
    /* an ambiguous name is confirmed by the tagger's reading of it;
     * a short form needs the full name before ("the Commission") */
    int ok = attr_on_memo(st, km, A_ALIAS_ONLY) ? alias_ok(w->doc, km)
             : !attr_on_memo(st, km, A_AMBIGUOUS) || kc == type || seat ||
                   ambiguous_ok(st, w, ti, km);
    /* a listed person's full name is the person whatever the model's
     * class ("Melania Trump" read as an organization): the metonymy
     * reread_known is for (a city for its club) is not a person's (a
     * surname alone may be a firm's: "Ford"); nor a dateline's
     * ("WASHINGTON (AP) --"); nor an organization's read as a place
     * ("the White House said", "flew to the Kremlin"): the seat of a
     * government or a firm's building is the body, the spec resolves
     * no metonymy there, unless the list says the name is ambiguous;
     * nor a listed place's before a capitalized title and a name
     * ("Sindh Chief Minister Murad Ali Shah", "Kerala Governor"): the
     * place whose office it is, not a body of the place's name, nor a
     * person ("Texas Senator Ted Cruz"); nor a country's or a place's
     * read as an organization (seat: "America's top diplomat", "flew back
     * to Washington"): a state is a country by any of its names and a
     * city named for its government is still a place; a name stands for
     * its club or team on a sports page (a word of sports.tsv: "Leeds
     * beat Chelsea"), in a table or in brackets after a player ("Guingamp
     * 2 Monaco 1", "Enzo Scifo ( Monaco )"); nor a listed organization's
     * name of two words or more read as a person's ("Goldman Sachs,
     * Morgan Stanley"): it is a firm's surname alone that may be a
     * person's ("Ford") */
    if (ok && (kc == type || km->last > j || strcmp(km->kind, "source") == 0 ||
               (kc == TG_PER && km->last - km->first >= 2) ||
               (kc == TG_LOC && dateline_at(w, s, km->last)) ||
               seat ||
               (kc == TG_ORG && type == TG_PER && km->last - km->first >= 2) ||
               (kc == TG_LOC && type != TG_LOC && km->last == j && j < w->n &&
                en_capitalized(&w->tok[j]) && title_before_name(w, ti, j)) ||
               (kc == TG_ORG && type == TG_LOC && !attr_on_memo(st, km, A_AMBIGUOUS) &&
                !attr_on_memo(st, km, A_ALIAS_ONLY) && !place_twin(st, w, km)))) {
        known_name(st, w, ti, km, legal_end, ev);
        return legal_end ? legal_end : km->last;
    }
    if (ok) {
        reread_known(st, w, km, type);
        return km->last;
    }
    n->j = km->last;   /* not the listed name: a name of its own */
    return 0;
}

/* A name no list holds: a person (joining the full name of its surname),
 * an acronym (settled at the end of the document) or another entity. */
static void tagged_unlisted(ann_entities *st, ann_window *w, const tinfo *ti, const tspan *n,
                            const evidence *ev)
{
    size_t s = n->s, j = n->j;
    int type = n->type;
    char *name = tok_text(&st->name, w, s, j);
    ann_span sp = {w->tok[s].start, w->tok[j - 1].end};
    const ann_token *t = &w->tok[s];
    /* a name the byline or the credits give ("Reporting by Krystal Hu",
     * read as an organization's) is a person's */
    if (type != TG_PER && j - s >= 2 && is_author(w->doc, name))
        type = TG_PER;
    if (type == TG_PER) {
        if (credit_line(w, ti, s, j))
            return;
        ann_entity *e = person_by_surname(st, w->doc, name, strlen(name));
        if (e)
            ann_entity_add_mention(e, sp);
        else
            e = add_tagged(st, w->doc, name, "person", sp);
        if (e) {
            add_role(st, w, e, ev);
            appositive_role(st, w, ti, j, e);
        }
    } else if (type == TG_ORG && j - s == 1 && (t->flags & ANN_TF_UPPER) && t->ncp >= 2 && t->ncp <= 6) {
        /* an acronym joins its expansion at the end of the document */
        en_acronym a = {sp, ann_xstrdup(name), 1};
        ANN_PUSH(st->acr, st->nacr, st->capacr, a);
    } else {
        ann_entity *e = add_tagged(st, w->doc, name, class_type[type], sp);
        if (e && type == TG_ORG && person_like_org(w, ti, s, j)) {
            size_t at = (size_t)(e - w->doc->ents);
            ANN_PUSH(st->pshaped, st->npshaped, st->cappshaped, at);
        }
    }
}

/* The name the tagger's labels make at token i, read against the lists
 * and the context; the token after what it took. */
static size_t tagged_name(ann_entities *st, ann_window *w, const tinfo *ti, const uint8_t *lab,
                          size_t i, evidence *ev)
{
    tspan n;
    tagged_start(st, w, ti, lab, i, ev, &n);
    if (n.type != TG_LOC && dateline_place(w, ti, n.km, n.s, n.j))
        return dateline_name(st, w, n.km, n.s, n.j);
    if (tagged_none(st, w, ti, &n))
        return n.j;
    n.type = tagged_type(w, ti, &n);
    tagged_end(st, w, ti, lab, &n);
    if (n.km && n.km->last >= n.j) {
        size_t end = tagged_known(st, w, ti, &n, ev);
        if (end)
            return end;
    }
    tagged_unlisted(st, w, ti, &n, ev);
    return n.j;
}


/* The tagger's labels of the window (NULL without a model); the first
 * token of each name is looked at. */
static const uint8_t *tag_window(ann_entities *st, const ann_window *w, const tinfo *ti)
{
    const ann_tagger *tg = st->e->tagger;
    if (!tg || !ann_tagger_passes(tg))
        return NULL;
    ann_grow((void **)&st->labels, &st->caplabels, w->n + 1, 1);
    tg_ctx_init(&st->tg, w->text, w->tok, w->n, w->matches, st->windows == 0);
    ann_tagger_tag(tg, &st->tg, &st->tgmemo, st->labels);
    if (st->e->relabel)
        st->e->relabel(w, st->labels);
    en_mend_labels(st, w, ti, &st->tg, st->labels);
    /* a name starts at a capitalized word (tg_decode) */
    for (size_t k = 0; k < st->tg.ncaps; k++) {
        size_t i = st->tg.caps[k];
        if (st->labels[i] && !tg_inside(st->labels[i]) && tg_type(st->labels[i]) != TG_MISC)
            st->look[i >> 6] |= (uint64_t)1 << (i & 63);
    }
    return st->labels;
}

/* A zeroed tinfo for each token and one past the end. */
static tinfo *window_tinfo(ann_entities *st, size_t n)
{
    ann_grow((void **)&st->ti, &st->capti, n + 1, sizeof *st->ti);
    memset(st->ti, 0, (n + 1) * sizeof *st->ti);
    return st->ti;
}

/* What token_bits asks of a token's flags. */
#define QS_FLAGS (ANN_TF_QOPEN | ANN_TF_SENT_START)
#define LOOK_FLAGS (ANN_TF_HYPHEN | ANN_TF_TITLE | ANN_TF_UPPER)

typedef struct tbits {
    uint64_t look, markup, qs;
} tbits;

/* Tokens [from, to) one at a time: the tail of a block of 64. */
static void tbits_one(const ann_token *tok, size_t from, size_t to, size_t base, tbits *b)
{
    for (size_t i = from; i < to; i++) {
        b->qs |= (uint64_t)((tok[i].flags & QS_FLAGS) != 0) << (i - base);
        b->look |= (uint64_t)((tok[i].flags & LOOK_FLAGS) != 0) << (i - base);
        b->markup |= (uint64_t)(tok[i].kind == ANN_TOK_MARKUP) << (i - base);
    }
}

#ifdef ANN_SSE2
/* A token's flags and kind lie in one 8-byte word: four tokens give two
 * vectors, and the three tests are a mask and a compare each, for the
 * four at once.  Every token of the window passes here, one at a time it
 * was a tenth of the entities' time. */
_Static_assert(offsetof(ann_token, kind) == offsetof(ann_token, flags) + 4 &&
               sizeof(((ann_token *)0)->flags) == 4 && sizeof(((ann_token *)0)->kind) == 2,
               "a token's flags and kind make one 8-byte word");

static __m128i flags_kind(const ann_token *t)
{
    return _mm_loadl_epi64((const __m128i *)(const void *)((const char *)t + offsetof(ann_token, flags)));
}

static void tbits_four(const ann_token *tok, size_t from, size_t to, size_t base, tbits *b)
{
    const __m128i qm = _mm_set1_epi32(QS_FLAGS), lm = _mm_set1_epi32(LOOK_FLAGS);
    const __m128i km = _mm_set1_epi32(0xFFFF), mk = _mm_set1_epi32(ANN_TOK_MARKUP);
    const __m128i zero = _mm_setzero_si128();
    for (size_t i = from; i < to; i += 4) {
        const ann_token *t = tok + i;
        __m128 a = _mm_castsi128_ps(_mm_unpacklo_epi64(flags_kind(t), flags_kind(t + 1)));
        __m128 c = _mm_castsi128_ps(_mm_unpacklo_epi64(flags_kind(t + 2), flags_kind(t + 3)));
        __m128i f = _mm_castps_si128(_mm_shuffle_ps(a, c, _MM_SHUFFLE(2, 0, 2, 0)));
        __m128i k = _mm_castps_si128(_mm_shuffle_ps(a, c, _MM_SHUFFLE(3, 1, 3, 1)));
        unsigned q = 0xF ^ (unsigned)_mm_movemask_ps(_mm_castsi128_ps(
                               _mm_cmpeq_epi32(_mm_and_si128(f, qm), zero)));
        unsigned l = 0xF ^ (unsigned)_mm_movemask_ps(_mm_castsi128_ps(
                               _mm_cmpeq_epi32(_mm_and_si128(f, lm), zero)));
        unsigned m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(
                         _mm_cmpeq_epi32(_mm_and_si128(k, km), mk)));
        b->qs |= (uint64_t)q << (i - base);
        b->look |= (uint64_t)l << (i - base);
        b->markup |= (uint64_t)m << (i - base);
    }
}
#endif

/* The look and markup bits of the tokens themselves: hyphenated and
 * capitalized words are looked at (index_matches adds the starts of
 * known names and titles). */
static void token_bits(ann_entities *st, const ann_window *w)
{
    size_t n = w->n, nw = n / 64 + 1, cap = st->caplook, cap2 = st->caplook;
    ann_grow((void **)&st->look, &st->caplook, nw, sizeof *st->look);
    ann_grow((void **)&st->markup, &cap, nw, sizeof *st->markup);
    ann_grow((void **)&st->qs, &cap2, nw, sizeof *st->qs);
    for (size_t k = 0; k < nw; k++) {
        size_t from = k * 64, to = from + 64 < n ? from + 64 : n, mid = from;
        tbits b = {0, 0, 0};
#ifdef ANN_SSE2
        mid = from + (to - from) / 4 * 4;
        tbits_four(w->tok, from, mid, from, &b);
#endif
        tbits_one(w->tok, mid, to, from, &b);
        st->look[k] = b.look;
        st->markup[k] = b.markup;
        st->qs[k] = b.qs;
    }
    st->look[n >> 6] |= (uint64_t)1 << (n & 63);   /* the end stops every scan */
}

/* The first token at or after i to look at (n when none). */
static size_t next_look(const uint64_t *look, size_t i)
{
    size_t k = i >> 6;
    uint64_t bits = look[k] & (~(uint64_t)0 << (i & 63));
    while (!bits)
        bits = look[++k];
    return k * 64 + (size_t)__builtin_ctzll(bits);
}

/* Whether tokens [i, j) hold one that is not markup: it ends the reach
 * of a title. */
static int lapse_in(const uint64_t *markup, size_t i, size_t j)
{
    while (i < j) {
        size_t k = i >> 6, lo = i & 63, hi = j - k * 64 < 64 ? j - k * 64 : 64;
        uint64_t mask = (hi == 64 ? ~(uint64_t)0 : ((uint64_t)1 << hi) - 1) & (~(uint64_t)0 << lo);
        if (~markup[k] & mask)
            return 1;
        i = k * 64 + hi;
    }
    return 0;
}

/* Whether token i, written with no space before it, is inside a web
 * address ("https://example.org/Paris", "pic.twitter.com/P2qX",
 * "www.example.com/Berlin"): its run of text from the last space holds
 * "://", starts with "www.", has a domain ("x.com") before a slash or an
 * "@" ("jane.doe@example.org").  "Russia/Ukraine" has none. */
static int in_url(const ann_window *w, size_t i)
{
    const char *x = w->text;
    size_t e = w->tok[i].start, b = en_text_run_start(x, e, 300);
    if (e - b >= 4 && (x[b] == 'w' || x[b] == 'W') && !strncasecmp(x + b, "www.", 4))
        return 1;
    size_t tld = 0;     /* 1 + the lowercase letters after the last dot, 0 none */
    for (size_t k = b; k < e; k++) {
        if (x[k] == ':' && k + 2 < e && x[k + 1] == '/' && x[k + 2] == '/')
            return 1;
        if ((x[k] == '/' && tld >= 3) || x[k] == '@')   /* a dot and two letters */
            return 1;
        tld = x[k] == '.' ? 1 : tld && x[k] >= 'a' && x[k] <= 'z' ? tld + 1 : 0;
    }
    return 0;
}

void ann_entities_window(ann_entities *st, ann_window *w)
{
    tinfo *ti = window_tinfo(st, w->n);
    memset(&st->seg, 0, sizeof st->seg);
    token_bits(st, w);
    index_matches(st, w, ti);
    /* In a language the rules are not written for, only the lists speak:
     * the tagger, titles and runs of capitals are English evidence. */
    int covered = ann_lang_has_rules(st->e->lang, w->doc->lang);
    const uint8_t *lab = covered ? tag_window(st, w, ti) : NULL;
    st->windows++;
    evidence ev = {0};
    size_t i = 0;
    for (;;) {
        size_t j = next_look(st->look, i);
        if (lapse_in(st->markup, i, j))
            ev.title = NULL;
        i = j;
        if (i >= w->n)
            break;
        const ann_token *t = &w->tok[i];
        if ((!(t->flags & ANN_TF_SPACE_BEFORE) && i > 0 && in_url(w, i)) || w->text[t->end] == '@') {
            i++;
            continue;
        }
        size_t joined = hyphen_join(st, w, ti, i);
        if (joined) {
            ev.title = NULL;
            i = joined;
            continue;
        }
        const ann_match *km = en_match_of(w, ti[i].known);
        if (lab && lab[i] && !tg_inside(lab[i]) && tg_type(lab[i]) != TG_MISC) {
            i = tagged_name(st, w, ti, lab, i, &ev);
            ev.title = NULL;
            continue;
        }
        /* a known name that context rejects ("Kyiv School of Economics")
         * is read again as the start of an unknown one; where the tagger
         * read a capitalized word as no name ("U.S. Open": an event), the
         * list does not make it one */
        if (km && (!lab || tg_inside(lab[i]) || !en_capitalized(t)) && accept_known(st, w, ti, km)) {
            known_name(st, w, ti, en_match_of(w, ti[i].known), 0, &ev);
            ev.title = NULL;
            i = km->last;
            continue;
        }
        if (ti[i].title && covered) {
            i = take_title(w, ti, i, &ev);
            continue;
        }
        if (t->flags & ANN_TF_HYPHEN) {
            /* "al-Ansari" after "Majed al-Ansari": a surname, not a compound */
            ann_entity *p = person_by_surname(st, w->doc, w->text + t->start, t->end - t->start);
            if (p)
                ann_entity_add_mention(p, (ann_span){t->start, t->end});
            else
                compound_parts(st, w, ti, i);
            ev.title = NULL;
            i++;
            continue;
        }
        if (en_capitalized(t) && !lab && covered) {
            /* a known name context rejected reads as an unknown one: part
             * of a longer name, or an acronym the text defines ("RSF") */
            size_t from = km && part_of_longer_name(w, ti, km->last) ? km->last - 1 : i;
            size_t e = run_end(w, ti, from);
            name_run(st, w, ti, i, e, &ev);
            ev.title = NULL;
            i = e;
            continue;
        }
        if (t->kind != ANN_TOK_MARKUP)
            ev.title = NULL;
        i++;
    }
}

void ann_entities_finish(ann_entities *st, ann_doc *d)
{
    en_settle_aliases(d, st->acr, st->nacr, st->pshaped, st->npshaped,
                      st->e->tagger && ann_tagger_passes(st->e->tagger), st->sport, &st->name,
                      &st->slug);
}
