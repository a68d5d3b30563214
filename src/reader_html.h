/*
 * reader_html.h - the HTML reader's parts, private to them (and to the
 * engine, which loads their rules): the page as a table of its elements
 * (reader_html.c builds it and the statistics the others read), the class
 * and id hints and byline words (reader_html_hints.c), the encoding
 * (reader_html_encoding.c), the metadata (reader_html_meta.c), the main
 * content (reader_html_extract.c, with the score-based fallback of
 * reader_html_score.c).
 */
#ifndef ANN_READER_HTML_H
#define ANN_READER_HTML_H

#include <stddef.h>
#include <strings.h>

#include <libxml/tree.h>

#include "reader.h"

#define HN_NONE ((size_t)-1)

/* What an element is for the extraction. */
enum {
    HK_INLINE,          /* span, b, em, font, unknown tags: part of a line */
    HK_A,
    HK_BR,
    /* text blocks: their text is a paragraph of its own */
    HK_P, HK_H, HK_LI, HK_DT, HK_DD, HK_QUOTE, HK_PRE, HK_CELL, HK_CAPTION,
    /* containers: blocks that hold other blocks */
    HK_DIV, HK_SECTION, HK_ARTICLE, HK_MAIN, HK_HEADER, HK_LIST, HK_TABLE,
    HK_ROW, HK_BODY, HK_BLOCK,
    HK_DROP             /* never text: script, style, nav, forms, media */
};
#define HK_IS_TEXTBLOCK(k) ((k) >= HK_P && (k) <= HK_CAPTION)
#define HK_IS_BLOCK(k) ((k) >= HK_P && (k) < HK_DROP)

/* Roles a class or id gives an element (reader_html_hints.c). */
enum {
    HH_DROP = 1u << 0,       /* boilerplate: navigation, sharing, related, comments */
    HH_BODY1 = 1u << 1,      /* the article body, from the surest hint ... */
    HH_BODY2 = 1u << 2,
    HH_BODY3 = 1u << 3,
    HH_BODY4 = 1u << 4,      /* ... to the vaguest */
    HH_GOOD = 1u << 5,       /* scores up in the fallback */
    HH_BAD = 1u << 6,        /* scores down */
    HH_UNLIKELY = 1u << 7,   /* not the article, unless also MAYBE */
    HH_MAYBE = 1u << 8,
    HH_TEASER = 1u << 9,     /* a teaser of another article */
    HH_LABEL = 1u << 10,     /* in a headline, not the headline (a kicker) */
    HH_HEADLINE = 1u << 11,  /* the article's headline */
    HH_BYLINE1 = 1u << 12,   /* surely a byline */
    HH_BYLINE = 1u << 13,    /* probably a byline */
    HH_DATE = 1u << 14,      /* may hold the article's date */
    HH_NOBYLINE = 1u << 15,  /* not the article's byline (comments) */
    HH_NODATE = 1u << 16     /* not the article's date (comments, updates) */
};

/* Flags of an element. */
enum {
    HF_CUT = 1u << 0,        /* never text (its tag, hidden): for good */
    HF_PRUNED = 1u << 1,     /* cut by the current try of the extraction */
    HF_INPARA = 1u << 2,     /* inside a text block */
    HF_KEEPLOOSE = 1u << 3,  /* its loose text (not in a text block) is kept */
    HF_SCORED = 1u << 4,     /* a candidate of the score-based fallback */
    HF_DEAD = 1u << 5,       /* under a skipped node (ann_hpage_stats) */
    HF_SOFT = 1u << 6        /* boilerplate by its tag or hidden, unless it holds the article */
};

typedef struct hnode {
    xmlNode *x;
    size_t parent;           /* index, HN_NONE at the root */
    size_t end;              /* the subtree is [index, end) */
    size_t owner;            /* nearest block ancestor (itself if a block) */
    unsigned char kind;      /* HK_* */
    unsigned char level;     /* 1-6 for h1-h6 */
    unsigned short flags;    /* HF_* */
    unsigned hints;          /* HH_* */
    size_t own, owncommas;   /* characters and commas of its own text nodes */
    /* The subtree, without what is cut or pruned (ann_hpage_stats): */
    size_t text, link;       /* characters; of them inside links */
    size_t links, shortlinks;/* links with text; of them under 10 characters */
    size_t commas;
    size_t ptext;            /* characters inside <p> */
    size_t loose, looselink; /* text that is in no text block, if this is its block */
    size_t kids;             /* element children left */
    size_t pcount, licount;  /* <p> and <li> elements */
    size_t blocks;           /* block elements below it */
    double score;            /* score-based fallback */
    double sub;              /* the best score in the subtree */
} hnode;

typedef struct hpage {
    hnode *v;
    size_t n, cap;
    size_t body;             /* <body>, else the root */
    const ann_html_rules *rules;
    struct hint_cache *hints;
} hpage;

/* ---- reader_html.c --------------------------------------------------- */

/* The element table of the tree at root, in document order, with the
 * hints of rules (NULL: none).  hints: the page's cache of them so far
 * (the metadata scan's, which asked about the same elements), or NULL;
 * the table takes it. */
void ann_hpage_build(hpage *p, xmlNode *root, const ann_html_rules *rules,
                     struct hint_cache *hints);
void ann_hpage_free(hpage *p);
/* Recount the statistics of the subtree at r, leaving out nodes with any
 * of the flags in skip. */
void ann_hpage_stats(hpage *p, size_t r, unsigned skip);
/* After ann_hpage_stats(p, r, ...): prune (HF_PRUNED) each node below r
 * that is not skipped and that bad() finds bad; the subtrees of those
 * pruned or skipped are not visited. */
void ann_hpage_prune(hpage *p, size_t r, int (*bad)(const hpage *p, size_t i, const void *ctx),
                     const void *ctx);
/* Characters of a text as it will read (a whitespace run counts one),
 * and its commas, added to *chars and *commas. */
void ann_hpage_count_text(const char *s, size_t *chars, size_t *commas);
/* The table index of an element, HN_NONE for other nodes. */
size_t ann_hpage_index(const xmlNode *x);
/* Does the element have an element sibling after it that is not skipped? */
int ann_hpage_has_next(const hpage *p, size_t i, unsigned skip);
const char *ann_html_attr(const xmlNode *n, const char *name);
/* Is s the name lit, up to ASCII case (strcasecmp)?  The first bytes are
 * compared inline, or-ed with 0x20, which no two names that strcasecmp
 * finds equal tell apart: most names differ there, and a call a name
 * compared was a twentieth of reading a page. */
static inline int ann_html_is(const char *s, const char *lit)
{
    return ((unsigned char)s[0] | 0x20) == ((unsigned char)lit[0] | 0x20) && !strcasecmp(s, lit);
}

/* ---- reader_html_names.c --------------------------------------------- */

/* The whole name the page at root writes for an author given as a lone
 * given name ("Henry") or an account ("christian.stadtfeld"), most often
 * written; NULL if none or two tie.  The caller frees it. */
char *ann_html_full_name(xmlNode *root, const char *author);

/* ---- reader_html_hints.c --------------------------------------------- */

/* The rules tree's html/hints.tsv, html/bylines.tsv and html/meta.tsv
 * files (see their headers), loaded by the engine.  NULL and err ("PATH:LINE: why") on a
 * bad line. */
struct ann_rule_src;
ann_html_rules *ann_html_rules_new(const struct ann_rule_src *srcs, size_t n, char *err,
                                   size_t errlen);
void ann_html_rules_free(ann_html_rules *h);
/* The HH_* roles of an element's class and id (cached per page; NULL
 * rules give none). */
unsigned ann_html_hints(const ann_html_rules *h, struct hint_cache **cache, const char *cls,
                        const char *id);
void ann_html_hints_free(struct hint_cache *cache);
/* The byline words of html/bylines.tsv of a kind ('l' lead, 't' title,
 * 'c' cut, 'n' none, 'a' and, 'o' org, 'r' credit) at s, whole words, case aside
 * (but for joining words of one or two letters): the length of the first
 * that matches, 0 if none. */
size_t ann_html_byline_word(const ann_html_rules *h, const char *s, char kind);
/* The field of html/meta.tsv a <meta> element's name gives its content
 * (the first line that matches), or -1. */
enum { HM_TITLE, HM_TITLE2, HM_SITE, HM_DESCRIPTION, HM_URL, HM_PUBLISHED, HM_DATE,
       HM_UPDATED, HM_AUTHOR, HM_NONE };
int ann_html_meta_field(const ann_html_rules *h, const char *key);
/* Does hay hold needle, case aside?  (NULL holds nothing.) */
int ann_html_has_ci(const char *hay, const char *needle);

/* ---- reader_html_encoding.c ------------------------------------------ */

/* The page's bytes as UTF-8 (a new buffer, *len bytes, NUL-terminated):
 * the encoding from a byte order mark, else valid UTF-8, else the page's
 * declaration, else windows-1252.  Decisions the reader should know of
 * are written into note (empty when none). */
char *ann_html_utf8(const char *bytes, size_t n, size_t *len, char *note, size_t notelen);

/* ---- reader_html_meta.c ---------------------------------------------- */

typedef struct ann_html_meta ann_html_meta;
/* Read the page's metadata: meta tags, JSON-LD, <time>, bylines, <h1>,
 * with what the readers know (rules: NULL knows nothing). */
ann_html_meta *ann_html_meta_scan(xmlNode *root, const ann_reader_rules *rules);
/* Title, authors, publisher and date into the document. */
const char *ann_html_meta_title(const ann_html_meta *m);
void ann_html_meta_apply(ann_doc *d, const ann_html_meta *m);
/* JSON-LD articleBody, or NULL. */
const char *ann_html_meta_body(const ann_html_meta *m);
/* The scan's cache of class and id hints, the caller's now (m keeps none). */
struct hint_cache *ann_html_meta_take_hints(ann_html_meta *m);
void ann_html_meta_free(ann_html_meta *m);

/* ---- reader_html_extract.c ------------------------------------------- */

/* The article text of the page into out. */
void ann_html_extract(hpage *p, const char *ld_body, ann_textbuf *out);

/* ---- reader_html_score.c --------------------------------------------- */

/* The score-based fallback (Readability's method): marks the chosen roots
 * with HF_SCORED, prunes inside them with HF_PRUNED; returns the number
 * of roots, their indexes in roots[0..max). */
size_t ann_html_score(hpage *p, size_t *roots, size_t max, int drop_unlikely);

#endif
