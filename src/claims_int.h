/*
 * claims_int.h - private to the claims annotator (src/claims*.c): the cue
 * lexicon and word table, the view of a window the finders work on, the
 * token predicates they share, and the functions its files call across.
 * Nothing here is part of the public API.
 */
#ifndef ANN_CLAIMS_INT_H
#define ANN_CLAIMS_INT_H

#include <stddef.h>
#include <stdint.h>

#include "claims.h"

#define CL_NONE ((size_t)-1)
#define CL_MAXCUE 4              /* words in the longest cue ("go on to say") */

/* Cue classes (src/rules/claims/cues.tsv). */
enum {
    CL_CLAUSE  = 1u << 0,   /* that-clause, quotation or colon after it */
    CL_BARE    = 1u << 1,   /* a bare clause as well */
    CL_OBJ     = 1u << 2,   /* an addressee may come first ("told reporters") */
    CL_TO      = 1u << 3,   /* object + to-infinitive ("urged Russia to") */
    CL_NP      = 1u << 4,   /* the object states the position ("demanded X") */
    CL_PASSIVE = 1u << 5,   /* "as noted by X" */
    CL_TWITTER = 1u << 6,   /* the channel is Twitter */
    CL_ACCORD  = 1u << 7,   /* "according to X, ..." */
    CL_QOBJ    = 1u << 8,   /* a quoted phrase is the content ("calls it “a farce”") */
    CL_AS      = 1u << 9,   /* object + "as" + complement ("described X as Y") */
    CL_INV     = 1u << 10,  /* stands before its speaker ("said Medinsky") */
    CL_EVID    = 1u << 11,  /* a thing may show it: "it shows" names no source */
    CL_ISSUE   = 1u << 12,  /* N only with a matter raised for object ("raised concerns") */
    CL_FIND    = 1u << 13   /* N when a poll or survey is the subject ("a poll showed a lead") */
};

/* Word kinds (src/rules/claims/speakers.tsv, nouns.tsv). */
enum {
    CL_W_HEAD = 1u << 0, CL_W_MOD = 1u << 1, CL_W_DET = 1u << 2,
    CL_W_PRON = 1u << 3, CL_W_OBJ = 1u << 4, CL_W_ADV = 1u << 5,
    CL_W_STOP = 1u << 6, CL_W_BE = 1u << 7, CL_W_NOUNCUE = 1u << 8,
    CL_W_CUEHEAD = 1u << 9, /* first word of some verb cue */
    /* A cue head that is a common function word ("is", "in", "as") and
     * starts only cues of two words or more ("is convinced", "in keeping
     * with") is found from the rarer second word, CL_W_CUETAIL, which the
     * scan of a window stops at instead: a tenth of the tokens is "in",
     * "is" or "as", and each stop costs a mispredicted branch and a
     * lookup. */
    CL_W_TAILED = 1u << 10, CL_W_CUETAIL = 1u << 11
};

/* The closed word classes of the grammar (src/rules/claims/words.tsv),
 * marked on the tokens once per window instead of comparing strings
 * around every cue.  Unlike the kinds above, a token gets these bits only
 * when it also has the listed word's length: equal lowercased hashes and
 * lengths mean the same word up to ASCII case, as a string comparison
 * would decide (a non-ASCII letter that lowercases to ASCII, like the
 * Kelvin sign, would change the length). */
enum {
    CL_S_PREP = 1u << 0,    /* "in", "during", "via": a phrase to step over */
    CL_S_ADVB = 1u << 1,    /* "later", "today": may stand after a cue */
    CL_S_TIME = 1u << 2,    /* "week", "morning" */
    CL_S_AUX = 1u << 3,     /* "has", "would", "were" */
    CL_S_QUANT = 1u << 4,   /* "many", "some" standing alone */
    CL_S_REQ = 1u << 5,     /* "demand", "appeal": nouns of asking */
    CL_S_BARE = 1u << 6,    /* "the", "it": may open a bare clause */
    CL_S_CONN = 1u << 7,    /* "of", "and": join a speaker's phrase */
    CL_S_FIRST = 1u << 8,   /* "I", "we", "you": never a source */
    CL_S_ADJ = 1u << 9,     /* "other", "future": an adjective */
    CL_S_ALONE = 1u << 10,  /* "her", "this": a determiner that may stand alone */
    CL_S_APPEAL = 1u << 11, /* "stop", "let": opens an appeal to someone */
    CL_S_SUB = 1u << 12,    /* "because", "despite": opens a clause before the main one */
    CL_S_NUM = 1u << 13,    /* "three", "half": a count or share */
    CL_S_NONE = 1u << 14,   /* "anyone", "nobody": names no source */
    CL_S_WH = 1u << 15,     /* "whether", "how": opens a reported question */
    CL_S_PAST = 1u << 16,   /* "built", "made": an irregular verb in the past */
    CL_S_DATA = 1u << 17,   /* "poll", "survey": a source of findings, "In a poll, …" */
    CL_S_ISSUE = 1u << 18,  /* "concerns", "possibility": a matter raised in speech */
    CL_S_CMPD = 1u << 19,   /* "tank": a cue word before it is a noun ("think tank") */
    CL_S_CHAIN = 1u << 20,  /* "continued", "seemed": its subject speaks in its infinitive */
    CL_S_MODAL = 1u << 21   /* "would", "might": a speech act it puts before is not reported */
};

#define CL_MAXSUFFIX 8          /* bytes of an adjective suffix ("-ous") */

typedef struct cl_cue {
    uint64_t h[CL_MAXCUE];  /* lowercased token hashes */
    unsigned n;             /* words */
    unsigned cls;
} cl_cue;

typedef struct cl_word {
    uint64_t h;             /* ann_hash_lower of the word */
    unsigned kind;          /* CL_W_* */
    unsigned sets;          /* CL_S_* */
    size_t len;             /* with sets: the listed word's length in bytes */
} cl_word;

/* What a token needs of a word, packed in a slot's info: kinds, sets, 1 +
 * the first of the verb cues it heads (the others follow; 0 for none), and
 * the length the sets want. */
#define CL_I_KIND 0xfffu        /* CL_W_* */
#define CL_I_SETS_SHIFT 12      /* CL_S_*, 22 bits */
#define CL_I_SETS 0x3fffffu
#define CL_I_CUE_SHIFT 34       /* 16 bits */
#define CL_I_LEN_SHIFT 50       /* length of a word with sets, 14 bits */
#define CL_I_MAXLEN 0x3fffu

/* A slot of the word table; info is 0 when it is free (every word has a
 * kind or a set). */
typedef struct cl_slot {
    uint64_t h;                 /* the word's hash */
    uint64_t info;              /* CL_I_* */
} cl_slot;

/* A lookup takes no branch that depends on the text and touches one
 * cache line: a word sits in the group of CL_PROBE slots its hash picks
 * (the table grows until each finds room), and a group is compared with
 * masks.  A token that is no word (near half the tokens,
 * most of them rare) is sent by a small bit filter to free slots past the
 * end, always in cache, instead of to a random slot whose cache miss would
 * cost more than all the rest.  Token hashes end with MurmurHash64A's
 * avalanche, so their bits are used as they are: the top ones pick the
 * slot, middle ones the filter bit. */
#define CL_PROBE 4
#define CL_LOAD 4               /* slots per word, at least */
#define CL_FILTER_BITS (1u << 14)
#define CL_FILTER_BIT(h) ((size_t)((h) >> 30) & (CL_FILTER_BITS - 1))
#define CL_GROUP(r, h) ((size_t)((h) >> (r)->shift) & ~(size_t)(CL_PROBE - 1))
struct ann_claim_rules {
    cl_cue *cues;           /* sorted by h[0], longer first */
    size_t ncues;
    cl_word *words;         /* sorted by h, one entry per word */
    size_t nwords;
    cl_slot *slots;         /* nslots, then CL_PROBE free ones; aligned */
    uint64_t *slots_mem;    /* the block slots are carved from */
    size_t nslots;          /* a power of two: a word's group is the top
                             * bits of its hash */
    unsigned shift;         /* 64 - log2(nslots) */
    uint64_t *filter;       /* CL_FILTER_BITS bits: some word may have this hash */
    uint64_t h_and, h_but;  /* lowercased hashes the content's end asks for */
    char (*suffixes)[CL_MAXSUFFIX + 1];   /* of adjectives ("ous"), lowercase */
    size_t nsuffixes;
    uint64_t *heads;        /* the same for cue heads and noun cues: the
                             * words the scan of a window must find */
    const void *image;      /* the compiled tables these point into
                             * (claims_image.c), or NULL: all is owned */
};

static inline int cl_filter_has(const uint64_t *f, uint64_t h)
{
    size_t bit = CL_FILTER_BIT(h);
    return (int)(f[bit / 64] >> (bit % 64)) & 1;
}

/* The info (CL_I_*) of the word whose hash is h, 0 for none: or-ed from
 * the slots by masks, not by branches, which the text would make
 * unpredictable. */
static inline uint64_t cl_lookup(const ann_claim_rules *r, uint64_t h)
{
    const cl_slot *s = &r->slots[cl_filter_has(r->filter, h) ? CL_GROUP(r, h) : r->nslots];
    return (s[0].info & -(uint64_t)(s[0].h == h)) | (s[1].info & -(uint64_t)(s[1].h == h)) |
           (s[2].info & -(uint64_t)(s[2].h == h)) | (s[3].info & -(uint64_t)(s[3].h == h));
}

/* The last claim made, so that a quotation which continues a statement
 * keeps its speaker and cue across sentences, paragraphs and windows. */
typedef struct cl_last {
    int valid;
    size_t end;             /* byte where the claim (cue, speaker, content) ends */
    ann_span cue, speaker;
    const char *speaker_id; /* the claim's, owned by the document */
    const char *medium_id;
} cl_last;

/* Where a given name of known gender starts (lexicon/given_names.tsv's
 * gender attribute), for telling what "he" and "she" refer to. */
typedef struct cl_given {
    size_t start;            /* byte of the name */
    char gender;             /* 'm' or 'f' */
} cl_given;

struct ann_claims {
    const ann_claim_rules *rules;
    cl_last last;
    size_t dates_seen;       /* doc->ndates when the window began: the dates
                              * annotator has added the window's after them */
    cl_given *given;         /* the document's so far, by start */
    size_t ngiven, capgiven;
};

/* Bytes of text per bucket of the view's mentions. */
#define CL_MENT_BYTES 32

/* A mention of an actor or source, for finding speakers and media. */
typedef struct cl_ment {
    size_t start, end;
    size_t order;            /* rank in the document's entity and mention order */
    const ann_entity *e;
} cl_ment;

/* What the view knows of a token's word: 0 until asked, then
 * CL_V_KNOWN with the kinds (CL_W_*) and, when the token has the listed
 * word's length, the sets (CL_S_*) from CL_V_SETS_SHIFT.  Most tokens are
 * never asked about, so a window looks up only its cue heads and what the
 * finders ask. */
#define CL_V_KNOWN ((uint64_t)1 << 63)
#define CL_V_SETS_SHIFT 12
/* Bits 34 to 49 hold 1 + the index of the verb cue that starts at the
 * token (0 for none): set for every token when the view is built, so a
 * per-token array of cue pointers need not be cleared and filled. */
#define CL_V_CUE_SHIFT 34
#define CL_V_CUE_MAX 0xffffu
#define CL_V_CUE_BITS ((uint64_t)CL_V_CUE_MAX << CL_V_CUE_SHIFT)

/* A window without its markup tokens, with what the finders need to know
 * about each token.  All arrays have n entries and one owner: the view. */
typedef struct cl_view {
    const ann_claim_rules *rules;
    ann_claims *st;
    ann_doc *doc;
    const char *text;
    const ann_token *t;      /* the window's tokens, or own when it has markup */
    size_t n;
    ann_token *own;          /* a copy without the markup tokens, or NULL */
    size_t *mate;            /* the other quotation mark of a pair, or CL_NONE */
    uint64_t *info;          /* CL_V_*, filled in when asked (cl_info);
                              * the cue bits, cue heads' and noun cues'
                              * kinds and non-words are set from the start */
    unsigned char *used;     /* cue already attributed / quotation consumed */
    unsigned char *inq;      /* inside a paired quotation: set at each
                              * token cl_find starts at, as it gets there */
    size_t *hot;             /* in order, the tokens where anything may start:
                              * quotation marks, line and paragraph starts,
                              * verb cues and noun cues */
    size_t nhot;
    size_t claims_from;      /* doc->nclaims when the window began */
    uint64_t suffix_last[4]; /* the last bytes of the adjective suffixes
                              * ("-ous"), a bit each: most words end in
                              * none of them */
    cl_ment *ments;          /* by CL_MENT_BYTES bucket of their start, made
                              * at the first question: the entities do not
                              * change while claims are found */
    size_t *ment_bucket;     /* bucket k is ments[ment_bucket[k] .. [k + 1]) */
    size_t nments, nbuckets;
    size_t ment_from;        /* byte where bucket 0 begins */
    size_t ment_len;         /* the longest mention */
    int ments_ready;
    cl_ment *persons;        /* by start: what he and she may refer to, made
                              * at the first question */
    size_t npersons;
    int persons_ready;
    ann_span *dates;         /* the window's dates by start, made at the
                              * first question: no speaker is a date */
    size_t ndates;
    int dates_ready;
} cl_view;

/* ---- what the view knows of a token --------------------------------------- */

/* Looks token i up and remembers what it found (claims_view.c). */
uint64_t cl_info_of(const cl_view *v, size_t i);

/* CL_V_* of token i. */
static inline uint64_t cl_info(const cl_view *v, size_t i)
{
    uint64_t x = v->info[i];
    return x ? x : cl_info_of(v, i);
}

/* The verb cue that starts at token i (i <= n), or NULL. */
static inline const cl_cue *cl_cue_at(const cl_view *v, size_t i)
{
    size_t c = (size_t)(v->info[i] >> CL_V_CUE_SHIFT & CL_V_CUE_MAX);
    return c ? &v->rules->cues[c - 1] : NULL;
}

/* ---- token predicates, shared by the finders ---------------------------- */

static inline int W(const cl_view *v, size_t i)
{
    return i < v->n && v->t[i].kind == ANN_TOK_WORD;
}

/* Is token i the word s up to ASCII case?  Asked for a few fixed words
 * around every cue, so kept inline: the length of the literal is known at
 * compile time and turns most tokens away before any byte is compared. */
__attribute__((always_inline))
static inline int is(const cl_view *v, size_t i, const char *s)
{
    return W(v, i) && ann_tok_is_ci(v->text, &v->t[i], s);
}

/* Is token i a word of the closed lists in set (CL_S_*)? */
static inline int in_set(const cl_view *v, size_t i, unsigned set)
{
    return i < v->n && (cl_info(v, i) >> CL_V_SETS_SHIFT & set);
}

static inline int pc(const cl_view *v, size_t i, char c)
{
    return i < v->n && v->t[i].kind == ANN_TOK_PUNCT &&
           v->t[i].end - v->t[i].start == 1 && v->text[v->t[i].start] == c;
}

static inline int ss(const cl_view *v, size_t i)
{
    return i < v->n && (v->t[i].flags & (ANN_TF_SENT_START | ANN_TF_PARA_START));
}

static inline int qopen(const cl_view *v, size_t i)
{
    return i < v->n && v->mate[i] != CL_NONE && v->mate[i] > i;
}

static inline int qclose(const cl_view *v, size_t i)
{
    return i < v->n && v->mate[i] != CL_NONE && v->mate[i] < i;
}

static inline int poss(const cl_view *v, size_t i)
{
    return i < v->n && (v->t[i].flags & ANN_TF_POSS);
}

/* The "'s" of "he's", "she's", "who's": after a subject pronoun it is
 * "is" or "has", never a possessive (that is "his", "her", "whose"), so
 * a verb after it has that pronoun for subject ("he's said", "she's
 * arguing").  "it's" and "that's" are left out: "it's said that" is a
 * passive with no source. */
static inline int cl_contracted_aux(const cl_view *v, size_t i)
{
    if (i == 0 || !poss(v, i) || !W(v, i - 1))
        return 0;
    const ann_token *t = &v->t[i - 1];
    return ann_tok_is_ci(v->text, t, "he") || ann_tok_is_ci(v->text, t, "she") ||
           ann_tok_is_ci(v->text, t, "who");
}

static inline int kind(const cl_view *v, size_t i, unsigned k)
{
    return W(v, i) && (cl_info(v, i) & k);
}

static inline int capw(const cl_view *v, size_t i)
{
    if (!W(v, i) || !(v->t[i].flags & (ANN_TF_TITLE | ANN_TF_UPPER)))
        return 0;
    /* "US" and "IT" are names, "us" and "it" are not */
    return !(cl_info(v, i) & CL_W_STOP) ||
           ((v->t[i].flags & ANN_TF_UPPER) && v->t[i].end - v->t[i].start >= 2);
}

/* A word a speaker's noun phrase is made of. */
static inline int np_word(const cl_view *v, size_t i)
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
static inline int head_ok(const cl_view *v, size_t i)
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

static inline int is_ing(const cl_view *v, size_t i)
{
    return ends_with(v, i, "ing");
}

/* A lower-case word with a hyphen inside: "pro-Trump", "anti-war". */
static inline int hyphen_word(const cl_view *v, size_t i)
{
    return W(v, i) && (v->t[i].flags & ANN_TF_HYPHEN) && v->text[v->t[i].start] >= 'a' &&
           v->text[v->t[i].start] <= 'z';
}

/* Lowercase words in -ly sit between a subject and its verb ("vehemently");
 * after a determiner, a possessive or a compound modifier one is a noun
 * ("the family", "a rally", "Trump's rally", "a pro-Trump rally"). */
static inline int ly_adverb(const cl_view *v, size_t i)
{
    return W(v, i) && (v->t[i].flags & ANN_TF_LOWER) && v->t[i].end - v->t[i].start >= 5 &&
           ends_with(v, i, "ly") && !(cl_info(v, i) & CL_W_HEAD) &&
           !(i > 0 && ((kind(v, i - 1, CL_W_DET) && !kind(v, i - 1, CL_W_PRON)) || poss(v, i - 1) ||
                       hyphen_word(v, i - 1)));
}

/* A lower-case word of the open classes (noun, adjective, verb): no
 * function word of speakers.tsv or words.tsv, no -ly adverb, no cue. */
static inline int open_word(const cl_view *v, size_t i)
{
    if (!W(v, i) || !(v->t[i].flags & ANN_TF_LOWER) || cl_cue_at(v, i))
        return 0;
    uint64_t x = cl_info(v, i);
    const unsigned sets = CL_S_PREP | CL_S_AUX | CL_S_ADVB | CL_S_BARE | CL_S_CONN |
                          CL_S_FIRST | CL_S_QUANT;
    return !(x & (CL_W_STOP | CL_W_DET | CL_W_PRON | CL_W_OBJ | CL_W_ADV | CL_W_BE)) &&
           !(x >> CL_V_SETS_SHIFT & sets) && !ly_adverb(v, i);
}

/* A word inside a speaker's noun phrase before its head: a name, a listed
 * word, an open-class word ("the anti-abortion movement"), a number ("52
 * percent of voters"). */
static inline int np_mod(const cl_view *v, size_t i)
{
    return np_word(v, i) || open_word(v, i) ||
           (i < v->n && v->t[i].kind == ANN_TOK_NUMBER) ||
           (hyphen_word(v, i) && !cl_cue_at(v, i));   /* "a pro-Trump rally" */
}

static inline int sentence_final(const cl_view *v, size_t i)
{
    if (i >= v->n || v->t[i].kind != ANN_TOK_PUNCT)
        return 0;
    char c = v->text[v->t[i].start];
    return c == '.' || c == '!' || c == '?' ||
           (v->t[i].end - v->t[i].start == 3 && memcmp(v->text + v->t[i].start, "\xE2\x80\xA6", 3) == 0);
}

static inline ann_span span(const cl_view *v, size_t a, size_t b)   /* tokens [a, b] */
{
    ann_span s = { v->t[a].start, v->t[b].end };
    return s;
}

static inline int connector(const cl_view *v, size_t i)
{
    return in_set(v, i, CL_S_CONN);
}

static inline int preposition(const cl_view *v, size_t j)
{
    return in_set(v, j, CL_S_PREP);
}

/* Words that may stand alone between a cue and its content ("announced
 * later it would …"). */
static inline int adverbial(const cl_view *v, size_t j)
{
    return in_set(v, j, CL_S_ADVB) || ly_adverb(v, j);
}

static inline int time_noun(const cl_view *v, size_t j)
{
    return in_set(v, j, CL_S_TIME);
}

static inline int auxiliary(const cl_view *v, size_t j)
{
    return in_set(v, j, CL_S_AUX);
}

/* "many", "some", "others" standing alone as a subject: "with many
 * saying …", "some argued …" (not "some officials"). */
static inline int quantifier(const cl_view *v, size_t k)
{
    return in_set(v, k, CL_S_QUANT);
}

/* Nouns of asking whose "for" phrase states what is asked. */
static inline int request_noun(const cl_view *v, size_t i)
{
    return in_set(v, i, CL_S_REQ);
}

/* ---- the files of the annotator ------------------------------------------ */

/* claims_rules.c */
/* The entry of the word whose lowercased hash is h, or NULL. */
const cl_word *cl_word_find(const ann_claim_rules *r, uint64_t h);
unsigned cl_word_kind(const ann_claim_rules *r, uint64_t h);

/* claims_view.c */
/* The view of window w: its tokens, and the verb cue at each cue head. */
void cl_view_build(cl_view *v, const ann_window *w);
void cl_view_free(cl_view *v);
/* Are the bytes of s one word of the sets (CL_S_*)? */
int cl_span_in_set(const cl_view *v, ann_span s, unsigned sets);

/* claims_link.c */
/* The id of the actor or source the speaker span names or, for he and
 * she, refers to; NULL for none.  Caller frees. */
char *cl_speaker_id(cl_view *v, ann_span sp);
/* Is byte b inside a date or time of the window ("On Sunday, …")? */
int cl_in_date(cl_view *v, size_t b);
/* Records the window's given names of known gender (claims_link.c). */
void cl_note_given(ann_claims *st, const ann_window *w);
/* Does an actor or source mention overlap s? */
int cl_is_entity(cl_view *v, ann_span s);
/* claims_verb.c: is the one-word verb cue at i in its base form, a form
 * of it in -s or -(e)d being a cue too ("mention"; not "said", "told")? */
int cl_base_form(const cl_view *v, size_t i);
/* Does a mention of a person end where s ends?  Sets *mention to it. */
int cl_person_ending(cl_view *v, ann_span s, ann_span *mention);
/* Does the last word of s end a mention of an actor or source anywhere
 * in the document so far ("Sanders" in a title, "Bernie Sanders" below)? */
int cl_names_actor(const cl_view *v, ann_span s);
/* The id of a source mentioned inside s, or NULL. */
const char *cl_source_in(cl_view *v, ann_span s);

/* claims.c */
/* Add a claim (spans in bytes); links speaker and medium to entities. */
void cl_emit(cl_view *v, ann_claim_kind kind, ann_span content, ann_span cue,
             ann_span speaker, const char *medium_id, int nested);

/* claims_quotes.c */
void cl_pair_quotes(cl_view *v);

/* claims_phrase.c: sentences and noun phrases */
size_t cl_sent_start(const cl_view *v, size_t j);
size_t cl_np_left(const cl_view *v, size_t h, size_t lo);
size_t cl_np_right(const cl_view *v, size_t p, size_t hi, int broad);
size_t cl_skip_adv_left(const cl_view *v, size_t k, size_t lo);
size_t cl_skip_adv_right(const cl_view *v, size_t j);
size_t cl_paren_open(const cl_view *v, size_t k, size_t lo);
int cl_negated_aux(const cl_view *v, size_t k);
size_t cl_paren_close(const cl_view *v, size_t k);
int cl_attribution_at(const cl_view *v, size_t j);
int cl_attributed_after(const cl_view *v, size_t close);
size_t cl_subject_head(const cl_view *v, size_t i, size_t lo);
size_t cl_subject_head_at(const cl_view *v, size_t i, size_t lo, size_t k);
int cl_sentence_speaker(cl_view *v, size_t lo, size_t i, ann_span *sp);
size_t cl_after_dateline(const cl_view *v, size_t p);
int cl_fronted(const cl_view *v, size_t lo, size_t i);
void cl_main_subject(const cl_view *v, size_t *q, size_t *b);

/* claims_content.c: content */
int cl_citation_dash(const cl_view *v, size_t j);
size_t cl_content_end(const cl_view *v, size_t p, int stop_comma);
int cl_first_person(const cl_view *v, ann_span sp);
void cl_emit_tokens(cl_view *v, size_t a, size_t b, ann_span cue,
                    ann_span sp, const char *medium, int nested);

/* claims_verb.c: verb cues */
void cl_on_cue(cl_view *v, size_t i);

/* claims_find.c */
void cl_find(cl_view *v);

#endif
