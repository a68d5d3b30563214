/*
 * entities_int.h - what the name finder (entities.c), the mends of the
 * tagger's labels (entities_mend.c) and the settling of aliases at the end
 * of a document (entities_alias.c) share: the name finder's state and what
 * it knows of each token.
 */
#ifndef ANN_ENTITIES_INT_H
#define ANN_ENTITIES_INT_H

#include <stddef.h>
#include <stdint.h>

#include "ann.h"
#include "doc.h"
#include "entities.h"
#include "tagger.h"

/* An all-caps word the name finder met and could not place: at the end of
 * the document it joins the organization its letters are the initials of. */
typedef struct en_acronym {
    ann_span span;
    char *text;
    int tagged;                /* the tagger read it as an organization: kept alone too */
} en_acronym;

/* What the rule matches say about one token.  Matches are named by index
 * + 1 into the window's matches (0: none): half the size of two pointers,
 * and a window of text holds far fewer than 2^32 matches. */
typedef struct tinfo {
    uint32_t known;            /* longest actor/place/source match starting here */
    uint32_t title;            /* longest title match starting here */
    uint32_t f;                /* TI_... of the one-token matches here */
} tinfo;

enum {
    TI_GIVEN = 1 << 0, TI_WEAK_GIVEN = 1 << 1, TI_DEMONYM = 1 << 2, TI_NONNAME = 1 << 3,
    TI_WEAK_NONNAME = 1 << 4, TI_CUE = 1 << 5, TI_CUE_INV = 1 << 6, TI_ORGHEAD = 1 << 7,
    TI_CONNECTOR = 1 << 8, TI_DOCWORD = 1 << 9, TI_CREDIT = 1 << 10, TI_WEAK_ORGHEAD = 1 << 11,
    TI_OF_HEAD = 1 << 12, TI_COMMON = 1 << 13, TI_WEAK_DOCWORD = 1 << 14,
    TI_DAY = 1 << 15, TI_MEMBER = 1 << 16, TI_PLACEHEAD = 1 << 17,
    TI_WEAK_PLACEHEAD = 1 << 18, TI_PLACEOPEN = 1 << 19,
    TI_CLASS_PER = 1 << 20, TI_CLASS_ORG = 1 << 21, TI_CLASS_LOC = 1 << 22,
    TI_CLASS_WEAK = 1 << 23, TI_LEGAL = 1 << 24
};

/* Persons by surname and by full name, so that a later "Johnson" finds
 * "Boris Johnson" in O(1); filled lazily from the document's entities. */
typedef struct name_slot {
    const char *key;           /* in the entity's name, which outlives this state */
    size_t len;                /* of key */
    size_t ent;                /* index into doc->ents */
} name_slot;

/* Every match of a window asks what its kind and attribute strings say,
 * and the same strings come back thousands of times.  The rules do not
 * change while a document is annotated, so an answer is remembered by the
 * string's address; direct-mapped tables, where a clash only costs asking
 * again.  An attrs string keeps the answers to all the flags asked of it. */
#define MEMO_BITS 8
#define MEMO_SLOTS (1u << MEMO_BITS)

/* The on/off attributes the name finder reads ("ambiguous=1"). */
enum { A_AMBIGUOUS, A_ALIAS_ONLY, A_WEAK, A_INV, A_HONORIFIC, A_OF, A_DAY };
/* Not an on/off attribute: the attrs string has a "context=" item
 * (context_ok), remembered with them. */
enum { A_CONTEXT = 7 };

typedef struct memo {
    const char *s;             /* an attrs string */
    unsigned char on;          /* bit 1 << A_...: on */
} memo;

/* The answers of context_ok by attrs string, for the document. */
#define CTX_BITS 4
typedef struct ctx_slot {
    const char *attrs;
    int ok;
} ctx_slot;

#define KIND_BITS 6
#define KIND_SLOTS (1u << KIND_BITS)

typedef struct kind_memo {
    const char *s;             /* a kind string */
    int code;
} kind_memo;

/* Known names repeat: the same lexicon id (one interned string) comes back
 * dozens of times a document.  Its entity is remembered by the string's
 * address, direct-mapped; entities do not move before ann_doc_sort, which
 * runs after the last window. */
#define ID_BITS 8
#define ID_SLOTS (1u << ID_BITS)

typedef struct id_slot {
    const char *id;
    size_t ent;                /* index into doc->ents */
} id_slot;

/* in_quoted_title and title_case_line look at the segment around a token
 * (back to the quotation mark or sentence start, the whole line).  Their
 * callers go forward through the window, so the segment bounds are kept
 * and moved forward instead of found again by a scan for every name. */
typedef struct segs {
    size_t qpos, qopen;        /* the last quote-open or sentence start at or before qpos (or 0) */
    size_t qa, qfrom, qb;      /* last quoted-title answer: tokens (qa, qb), good for first in [qfrom, qb] */
    int qv, qset;
    size_t la, lb;             /* last title_case_line answer: the line [la, lb] */
    int lv, lset;
} segs;

struct ann_entities {
    const ann_engine *e;
    tinfo *ti;                 /* per window, kept to spare an allocation per window */
    size_t capti;
    /* A bit per token of the window (and one past its end, always set):
     * whether the name finder has to look at it, and whether it is markup.
     * Most tokens are plain words, stepped over 64 at a time. */
    uint64_t *look, *markup;
    uint64_t *qs;              /* and whether it opens a quotation or a sentence */
    size_t caplook;
    segs seg;
    id_slot ids[ID_SLOTS];
    en_acronym *acr;           /* unknown all-caps words, settled at the end */
    size_t nacr, capacr;
    size_t *pshaped;           /* organizations in a person's name's shape (ents indexes) */
    size_t npshaped, cappshaped;
    name_slot *names;
    size_t nnames, capnames;   /* capnames: a power of two, or 0 */
    size_t indexed;            /* doc->ents[0..indexed) are in names */
    memo memo[MEMO_SLOTS];
    kind_memo kinds[KIND_SLOTS];
    ctx_slot ctx[1u << CTX_BITS];
    /* Names, roles and slugs are looked up far more often than kept (the
     * document copies what it keeps): their text is made in these. */
    ann_buf name, role, slug;
    /* The tagger's view of the window and what the document said so far. */
    tg_ctx tg;
    tg_memo tgmemo;
    uint8_t *labels;
    size_t caplabels, windows;
    /* The capitalized words of the window not made so by a sentence or
     * line start, by hash: where named_elsewhere looks (built when first
     * asked, in the window numbered capsof; see index_caps). */
    size_t *cap_head, *cap_next, *cap_tok;
    size_t cap_nhead, cap_nnext, cap_ntok, cap_mask, capsof;
    size_t dateline;           /* 1 + the index of the dateline's place in doc->ents, or 0 */
    int sport;                 /* a word of sports.tsv seen: a sports page */
};

/* The token helpers both halves of the name finder read. */
static inline int en_capitalized(const ann_token *t)
{
    return t->kind == ANN_TOK_WORD && (t->flags & (ANN_TF_TITLE | ANN_TF_UPPER)) &&
           !(t->flags & ANN_TF_POSS);
}

static inline const ann_match *en_match_of(const ann_window *w, uint32_t k)
{
    return k ? &w->matches->v[k - 1] : NULL;
}

/* entities.c: whether token i's line is set in title case (a headline:
 * its capitals say nothing about names); a known name's lexicon type in
 * the tagger's classes; whether tokens [s, e) have a person's name's
 * shape. */
int en_title_case_line(ann_entities *st, const ann_window *w, size_t i);
int en_known_class(const ann_match *m);
int en_person_shaped(const ann_window *w, const tinfo *ti, size_t s, size_t e);

/* entities_mend.c: the mends of the tagger's labels of a window, before
 * names are made of them (c: the tagger's view, whose capitalized tokens
 * open the runs); and what the name finder asks of the same kind: whether
 * token i is an initial ("J."), whether a firm's "&" or head follows token
 * j, where the run of letters and digits around x[p] starts. */
void en_mend_labels(ann_entities *st, const ann_window *w, const tinfo *ti, const tg_ctx *c,
                    uint8_t *labels);
int en_is_initial(const ann_window *w, size_t i);
int en_firm_after(const ann_window *w, const tinfo *ti, size_t j);
size_t en_text_run_start(const char *x, size_t p, size_t max);

/* The slug of s[0, len) in b, which keeps its memory from call to call. */
char *en_slug(ann_buf *b, const char *s, size_t len);

/* The last word of a name ("Johnson" of "Boris Johnson"). */
const char *en_last_word(const char *name);
/* Whether d's text holds word[0..n) as a word of its own, its case as
 * written (entities.c). */
int en_doc_has_word(const ann_doc *d, const char *word, size_t n);

/* The document's aliases settled at its end: organizations in a person's
 * name's shape (pshaped, indexes of d->ents) persons where the document
 * reads their last word alone as one, one-word names join the full name
 * they begin or end, acronyms their expansions; with the tagger, short
 * forms the organization they begin, and one name one type (outside a
 * sports page, a place's name read as an organization's is the place's).
 * name and slug are scratch buffers. */
void en_settle_aliases(ann_doc *d, const en_acronym *acr, size_t nacr, const size_t *pshaped,
                       size_t npshaped, int tagged, int sport, ann_buf *name, ann_buf *slug);

#endif
