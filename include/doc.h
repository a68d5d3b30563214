/*
 * doc.h - the annotated document: its text, its metadata and the lists the
 * annotators fill.  One owner: the document frees everything it holds.
 */
#ifndef ANN_DOC_H
#define ANN_DOC_H

#include "ann.h"
#include "table.h"

/* Entity categories map onto the three output lists. */
typedef enum { ANN_CAT_ACTOR, ANN_CAT_PLACE, ANN_CAT_SOURCE } ann_cat;

typedef struct ann_entity {
    char *id;              /* lowercase ASCII slug, stable across documents */
    char *name;            /* canonical display name */
    char *type;            /* person, organization, country, place, outlet, platform */
                           /* (one allocation, made by ann_doc_entity, holds all
                            * three and the first few mentions) */
    ann_cat cat;
    int person;            /* an actor of type person: asked of every entity, often */
    int listed;            /* made from a list's entry, not from the tagger alone */
    size_t merged;         /* 1 + the index of the entity its mentions were moved
                            * to at the document's end, 0 if none; good until
                            * ann_doc_sort drops it */
    char **roles;          /* titles seen with the name, in order, no duplicates */
    size_t nroles, caproles;
    ann_span *mentions;    /* byte spans, kept sorted by start; grow them only
                            * with ann_entity_add_mention */
    size_t nmentions, capmentions;
} ann_entity;

typedef struct ann_date {
    ann_span span;
    char type[12];         /* DATE, TIME, DURATION, SET */
    char value[40];        /* TIMEX3 value: 2024-04-19, P3W, PRESENT_REF ... */
} ann_date;

typedef enum { ANN_CLAIM_DIRECT, ANN_CLAIM_INDIRECT, ANN_CLAIM_MIXED } ann_claim_kind;

typedef struct ann_claim {
    ann_claim_kind kind;
    ann_span content;
    ann_span cue;          /* start == end when there is no cue */
    ann_span speaker;      /* start == end when there is no speaker */
    char *speaker_id;      /* actor or source id, or NULL */
    char *medium_id;       /* source through which it was said, or NULL */
} ann_claim;

typedef struct ann_doc {
    char *id;              /* file name without its extension */
    char *path;            /* as given on the command line ("-" for stdin) */
    char *text;            /* valid UTF-8, NUL-terminated (invalid input bytes became U+FFFD) */
    size_t len;            /* bytes in text */
    size_t chars;          /* code points in text */
    size_t *cp_index;      /* code points before each ANN_CP_BLOCK-byte block (top bit: the block is ASCII) */
    size_t ncp_index;

    /* metadata; NULL when unknown */
    char *title;
    char **authors;
    size_t nauthors, capauthors;
    char *publisher;
    char *published;       /* YYYY-MM-DD (or YYYY-MM, YYYY) */
    char *dct;             /* the date relative expressions are resolved against */
    char lang[8];          /* ISO 639-1 code ("en"), "" when not known (lang.c) */

    ann_entity *ents;      /* actors, places and sources together */
    size_t nents, capents;
    ann_table ids;         /* id -> index into ents (doc.c) */
    ann_date *dates;
    size_t ndates, capdates;
    ann_claim *claims;
    size_t nclaims, capclaims;
    char **warnings;
    size_t nwarnings, capwarnings;

    char *extracted_from;  /* "html", "xml", "jsonl" or NULL for plain text */
    char *error;           /* set when the input could not be annotated: the reason */
} ann_doc;

/* A byte offset becomes a code point offset by one index look-up and a scan
 * of less than a block: small blocks make the writers' conversions cheap for
 * one size_t of index per 64 bytes of text. */
#define ANN_CP_BLOCK 64
/* Marks a block of one-byte characters in cp_index (no count reaches it). */
#define ANN_CP_ASCII ((size_t)1 << (sizeof(size_t) * 8 - 1))

/* Takes ownership of text (len bytes, valid UTF-8, NUL-terminated) and
 * builds the code point index. */
ann_doc *ann_doc_new(const char *id, const char *path, char *text, size_t len);
void ann_doc_free(ann_doc *d);

/* Code point offset of byte offset b (b must be on a character boundary). */
size_t ann_doc_cp(const ann_doc *d, size_t b);

void ann_doc_warn(ann_doc *d, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void ann_doc_add_author(ann_doc *d, const char *name);

/* Find the entity with this id in category cat, or create it. */
ann_entity *ann_doc_entity(ann_doc *d, ann_cat cat, const char *id,
                           const char *name, const char *type);
ann_entity *ann_doc_find_entity(const ann_doc *d, const char *id);
/* Add a mention (ignored if the same span is already there). */
void ann_entity_add_mention(ann_entity *e, ann_span s);
void ann_entity_add_role(ann_entity *e, const char *role);
/* Give an entity another type (its id and name stay; an actor stays an
 * actor): 0, or -1 where the type is longer than the one it has, whose
 * bytes it takes ("organization" may become "person"). */
int ann_entity_retype(ann_entity *e, const char *type);

ann_date *ann_doc_add_date(ann_doc *d, ann_span s, const char *type, const char *value);
ann_claim *ann_doc_add_claim(ann_doc *d);

/* Metadata comes from file names, markup and JSON fields, none of which
 * promise valid UTF-8: the reader repairs every string field with this
 * before the document goes on. */
void ann_doc_repair_meta(ann_doc *d);

/* Put entities in order of first mention, dates and claims in document order. */
void ann_doc_sort(ann_doc *d);

#endif
