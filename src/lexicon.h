/*
 * lexicon.h - private to the rule engine (src/lexicon.c, src/pattern.c,
 * src/rules.c): the string pool and token-hash index both halves share,
 * and the lexicon of TSV entries.
 */
#ifndef ANN_LEXICON_H
#define ANN_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "image.h"
#include "rulefile.h"
#include "rules.h"
#include "tokenizer.h"

/* Interned strings: each distinct string is stored once, NUL-terminated,
 * in one buffer, and named by its offset there, so that the rule tables
 * hold no pointers and can be compiled into the binary (image.h).  The
 * buffer moves as it grows while loading; once loading is done a string
 * is bytes + its offset, and matches point there.  The slots keep each
 * string's hash and length so that a probe rarely reads bytes. */
typedef struct ann_strpool_slot {
    uint64_t hash;
    uint32_t off1;         /* offset + 1; 0 = an empty slot */
    uint32_t n;
} ann_strpool_slot;

typedef struct ann_strpool {
    ann_strpool_slot *slot;    /* open addressing, power-of-two cap */
    size_t cap, n;
    char *bytes;               /* owned when capbytes > 0 (else the image's) */
    size_t len, capbytes;
} ann_strpool;

/* The offset of s[0..n) in the pool, added if new. */
uint32_t ann_strpool_intern(ann_strpool *p, const char *s, size_t n);
void ann_strpool_free(ann_strpool *p);

static inline const char *ann_strpool_at(const ann_strpool *p, uint32_t off)
{
    return p->bytes + off;
}

/* A multimap from a token hash to small integers (entry or pattern ids),
 * values of one key kept in insertion order. */
#define ANN_HTAB_NONE UINT32_MAX
typedef struct ann_htab {
    uint64_t *key;
    uint32_t *head, *tail; /* first/last posting of the key; head NONE = empty */
    size_t cap, nkeys;
    uint32_t *val, *next;  /* postings */
    size_t npost, postcap;
} ann_htab;

void ann_htab_add(ann_htab *h, uint64_t key, uint32_t val);
/* First posting of key (ANN_HTAB_NONE if none); walk with h->next[p],
 * reading h->val[p]. */
uint32_t ann_htab_first(const ann_htab *h, uint64_t key);
void ann_htab_free(ann_htab *h);

/* Do a and b read the same once lowercased, code point by code point? */
int ann_eq_lower(const char *a, size_t an, const char *b, size_t bn);


typedef struct ann_lexicon ann_lexicon;

ann_lexicon *ann_lexicon_new(ann_strpool *pool, const ann_abbrevs *abbrevs);
void ann_lexicon_free(ann_lexicon *lx);
size_t ann_lexicon_count(const ann_lexicon *lx);
/* Add one TSV line (without its newline); comments and blank lines are the
 * caller's business.  Returns -1 with err set on a malformed line. */
int ann_lexicon_add_line(ann_lexicon *lx, const char *line, size_t len,
                         const char *name, size_t lineno,
                         char *err, size_t errlen);
/* The tokens ann_tokenize_all() makes of s[0..n), all their fields alike,
 * when s is plain ASCII words of one case pattern each with one blank
 * between them, made without the tokenizer's machinery (a load tokenizes
 * some 20,000 surfaces); else 0, and then out is unspecified. */
int ann_lexicon_tokenize_plain(const char *s, size_t n, ann_tokens *out);
/* Append every entry matching at token i (unsorted). */
void ann_lexicon_match_at(const ann_lexicon *lx, const char *text,
                          const ann_token *toks, size_t n, size_t i,
                          ann_matches *out);
/* Append every entry matching in toks[0..n), as ann_rules_match orders
 * them: by first token, longest first, else in load order. */
void ann_lexicon_match(const ann_lexicon *lx, const char *text,
                       const ann_token *toks, size_t n, ann_matches *out);
/* Stable sort of the n matches at one token, longest first; insertion
 * sort, because there are only a handful. */
void ann_sort_longest(ann_match *m, size_t n);
int ann_lexicon_lookup(const ann_lexicon *lx, const char *s, size_t len,
                       const char *kind, ann_match *out);

/* The lexicon's tables into an image, and back (image.h): attached, its
 * strings are the offsets of pool, whose bytes the caller sets. */
uint64_t ann_lexicon_save(const ann_lexicon *lx, ann_img *im);
ann_lexicon *ann_lexicon_attach(const ann_image *im, uint64_t root, ann_strpool *pool,
                                const ann_abbrevs *abbrevs);

#endif
