/*
 * dates_rules.h - the date rules once loaded (dates_load.c): the word
 * tables of normalization.tsv, the compiled rules of rules.tsv with the
 * value each one gives (a named normalization function and its
 * arguments, or a value template), and the rule index.  After
 * ann_date_rules_new returns, all of it is read-only but the rules' JIT
 * code, made on first use (tx_rule_jit): worker threads share it.
 */
#ifndef ANN_DATES_RULES_H
#define ANN_DATES_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#include "annotate.h"
#include "dates_must.h"
#include "dates_trie.h"
#include "table.h"

#define TX_MAXARGS 6

struct tx_match;

/* A normalization function: given a match, 1 keeps it (having written
 * its type and value), 0 vetoes it.  Each has a name the rule files call
 * it by; the one table of them is in dates_norm.c. */
typedef int (*tx_norm_fn)(struct tx_match *m);
typedef struct tx_norm {
    const char *name;
    tx_norm_fn fn;
} tx_norm;

/* The function called name[0..n), or NULL. */
const tx_norm *tx_norm_find(const char *name, size_t n);

typedef struct tx_arg {
    int group;             /* capturing group of the rule, or -1 */
    char *lit;             /* literal argument when group < 0; NULL = absent */
} tx_arg;

/* A piece of a value template (see the header of rules.tsv). */
enum { TP_TEXT, TP_GROUP, TP_TABLE, TP_REF };
/* The dates a template may refer to, and their fields. */
enum { TR_DCT, TR_FOCUS };
enum { TF_YEAR, TF_MONTH, TF_DAY };

typedef struct tx_piece {
    int kind;
    int group;             /* TP_GROUP, TP_TABLE: the rule's group */
    char *text;            /* TP_TEXT: the text; TP_TABLE: the table */
    int ref, field, add;   /* TP_REF: the date, its field, a number added */
} tx_piece;

typedef struct tx_rule {
    char *name;
    char type[12];
    const tx_norm *fn;     /* the normalization function, or NULL: the template */
    size_t nargs;
    tx_arg args[TX_MAXARGS];
    tx_piece *tpl;         /* the value template */
    size_t ntpl;
    uint32_t ngroups;      /* capturing groups inside the rule */
    pcre2_code *re;        /* anchored; group 1 is the whole rule */
    atomic_int jit;        /* re is JIT-compiled: 1; cannot be: -1; not yet: 0 */
    atomic_uint tries;     /* matches run before it was JIT-compiled */
} tx_rule;

/* What a word says of the tense of its clause (the tables future_cue,
 * past_verb and not_past_after of normalization.tsv), asked of many
 * words around each date: one probe answers all. */
enum {
    TW_FUTURE = 1,         /* "will", "plans" */
    TW_FUTURE_HEAD = 2,    /* the first word of a two-word cue: "set to" */
    TW_PAST = 4,           /* "said", "met" */
    TW_NOT_PAST_AFTER = 8  /* after it an -ed word is no past tense: "be" */
};

typedef struct tx_wordclass {
    char *word;            /* normalized (tx_normkey) */
    unsigned flags;
} tx_wordclass;

typedef struct tx_entry {
    char *key;             /* "table\x1fword", word normalized (tx_normkey) */
    char *value;
} tx_entry;

struct ann_date_rules {
    tx_entry *ent;         /* the words of every table */
    size_t nent, capent;
    ann_table index;       /* ann_hash of an entry's key -> the entry */
    tx_rule *rules;
    size_t nrules;
    uint32_t maxgroups;    /* most capturing groups of one rule, its own included */
    int jit;               /* the JIT works here: rules are JIT-compiled on first use */
    pthread_mutex_t jit_lock; /* held while a rule is JIT-compiled */
    tx_trie pre;           /* the rule index: what the rules can start with */
    tx_must *must;         /* per rule: what its matches contain (dates_must.h) */
    tx_wordclass *wc;      /* the words of the tense tables */
    size_t nwc, capwc;
    ann_table wc_index;    /* ann_hash of a normalized word -> its class */
    size_t cue_tail;       /* the longest last word of a two-word future cue
                            * ("plans to"): a longer word ends none */
    const void *image;     /* the compiled tables these point into
                            * (dates_image.c), or NULL: all is owned */
};

/* Free what ann_date_rules_attach allocated (dates_image.c). */
void tx_image_free(ann_date_rules *r);

/* A rule runs in the interpreter for its first TX_JIT_AFTER matches, and
 * is JIT-compiled only then.  Compiling one costs about 290,000
 * instructions, as many as some 30 JIT matches save, and a document
 * tries many rules a few times only: a run on one news article compiled
 * some 35 rules, 60% of its instructions.  4 did best over one document,
 * the CoNLL dev set and 40 news documents (2, 6, 12 and 32 were tried);
 * over hundreds of documents it changes nothing. */
#define TX_JIT_AFTER 4u

/* Whether rule ru is to run by pcre2_jit_match (else pcre2_match).  Most
 * runs use few of the rules: each is JIT-compiled when it has been tried
 * TX_JIT_AFTER times, not at start-up, and this is the one place that
 * does it; threads may call it at once. */
int tx_rule_jit_now(const ann_date_rules *r, const tx_rule *ru);
static inline int tx_rule_jit(const ann_date_rules *r, const tx_rule *ru)
{
    if (!r->jit)
        return 0;
    int s = atomic_load_explicit(&ru->jit, memory_order_acquire);
    return s ? s > 0 : tx_rule_jit_now(r, ru);
}

/* Word -> value from a normalization table; NULL when absent.  The word is
 * matched case-insensitively, ’ as ', runs of white space as one space. */
const char *tx_lookup(const ann_date_rules *r, const char *table,
                      const char *word, size_t len);

/* The TW_ flags of the word w[0..n), 0 for most words. */
unsigned tx_word_class(const ann_date_rules *r, const char *w, size_t n);

/* The bytes of s (length n) for word lookup: ASCII lowercase, ’ -> ',
 * white space runs -> ' '.  Returns the length written (at most cap-1),
 * or 0 when s does not fit. */
size_t tx_normkey(char *out, size_t cap, const char *s, size_t n);

#endif
