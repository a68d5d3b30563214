/*
 * tokenizer.h - turns a document's UTF-8 text into tokens with byte offsets,
 * kinds and flags, a window at a time, so that memory stays proportional to
 * the window and not to the document.
 *
 * Words keep internal apostrophes and hyphens ("don't", "Russia-Ukraine",
 * "Interfax-Ukraine" are one token each, flagged ANN_TF_HYPHEN when a hyphen
 * is inside).  A possessive 's / ’s is split off as its own token
 * (ANN_TF_POSS), as spaCy does, so "Zelensky's" yields "Zelensky" + "'s".
 * Abbreviations with their period ("Feb.", "Mr.", "U.S.", the initial "R.")
 * are one token.  Markdown residue ("**", "[", "](#)", "*") becomes
 * ANN_TOK_MARKUP tokens that annotators step over.
 */
#ifndef ANN_TOKENIZER_H
#define ANN_TOKENIZER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef enum {
    ANN_TOK_WORD,      /* letters (and digits, apostrophes, hyphens inside) */
    ANN_TOK_NUMBER,    /* digits with , and . inside: 1,000  3.5  2024 */
    ANN_TOK_PUNCT,     /* . , ; : ! ? ( ) [ ] … and the like */
    ANN_TOK_QUOTE,     /* " “ ” ‘ ’ ' « » used as quotation marks */
    ANN_TOK_DASH,      /* – — and a free-standing - */
    ANN_TOK_SYMBOL,    /* % $ € & @ # / and anything else */
    ANN_TOK_MARKUP     /* Markdown residue: ** * [ ](url) # headings */
} ann_tok_kind;

enum {
    ANN_TF_TITLE      = 1u << 0,  /* first letter upper, some lower letter after */
    ANN_TF_UPPER      = 1u << 1,  /* has letters, all upper case */
    ANN_TF_LOWER      = 1u << 2,  /* has letters, all lower case */
    ANN_TF_DIGIT      = 1u << 3,  /* all ASCII digits */
    ANN_TF_SENT_START = 1u << 4,  /* first token of a sentence */
    ANN_TF_PARA_START = 1u << 5,  /* first token after a blank line (or of the text) */
    ANN_TF_LINE_START = 1u << 6,  /* first token of a line */
    ANN_TF_SPACE_BEFORE = 1u << 7,/* white space (or start of text) right before */
    ANN_TF_QOPEN      = 1u << 8,  /* quotation mark that opens */
    ANN_TF_QCLOSE     = 1u << 9,  /* quotation mark that closes */
    ANN_TF_HYPHEN     = 1u << 10, /* word with a hyphen inside */
    ANN_TF_POSS       = 1u << 11, /* possessive 's ’s token */
    ANN_TF_ABBREV     = 1u << 12, /* word that ends with its abbreviation period */
    ANN_TF_SENT_END   = 1u << 13, /* last token of a sentence */
    ANN_TF_SINGLE_Q   = 1u << 14, /* single quotation mark (‘ ’ ') */
    ANN_TF_REPLACED   = 1u << 15, /* contains U+FFFD */
    ANN_TF_INVISIBLE  = 1u << 16  /* a word with a soft hyphen or zero-width
                                   * character inside, which its hashes skip */
};

typedef struct ann_token {
    size_t start, end;     /* byte offsets into the text */
    uint64_t hash;         /* ann_hash() of the exact bytes */
    uint64_t lhash;        /* ann_hash_lower() of words and upper-case tokens, else hash */
    uint32_t flags;
    uint16_t kind;         /* ann_tok_kind */
    uint16_t ncp;          /* code points, saturating at 65535 */
} ann_token;

typedef struct ann_tokens {
    ann_token *v;
    size_t n, cap;
} ann_tokens;

uint64_t ann_hash(const char *s, size_t n);
/* Hash of the lowercased form of s: equal to ann_hash(lowercase(s)). */
uint64_t ann_hash_lower(const char *s, size_t n);

/* Words that keep their period ("Feb.", "Gen.", "St."): the rules tree's
 * tokenizer/abbreviations.txt, one word a line without its period.  The
 * engine owns the set it loaded (built-in and user files); a tokenizer
 * given none uses the built-in file's. */
typedef struct ann_abbrevs ann_abbrevs;

ann_abbrevs *ann_abbrevs_new(void);
/* Add a word (no blank, no final period, under 16 bytes); -1 if it is not
 * one the tokenizer could ever look up. */
int ann_abbrevs_add(ann_abbrevs *a, const char *w, size_t n);
void ann_abbrevs_free(ann_abbrevs *a);

/* Streaming tokenizer over a text held by the caller. */
typedef struct ann_tokenizer {
    const ann_abbrevs *abbrevs;
    const char *text;
    size_t len;
    size_t pos;            /* next byte to look at */
    int at_line_start, at_para_start;
    int pending_end;       /* the last token could end a sentence */
    int dq_open, sq_open;  /* a double / single quotation is open */
    int prev_comma;
    uint32_t prev_flags;   /* flags of the last token emitted */
    int prev_kind;         /* -1 before the first token */
    size_t max_token;      /* a token longer than this is cut (hostile input) */
    size_t max_sentence;   /* tokens in a sentence before a forced break */
    size_t sent_tokens;
} ann_tokenizer;

/* abbrevs: the engine's set, or NULL for the built-in one. */
void ann_tokenizer_init(ann_tokenizer *tz, const char *text, size_t len,
                        const ann_abbrevs *abbrevs);

/* Append to out the tokens of the next window: whole paragraphs until at
 * least min_bytes of text are covered (or the text ends).  out is cleared
 * first.  Returns the number of tokens appended; 0 at the end of the text. */
size_t ann_tokenize_window(ann_tokenizer *tz, ann_tokens *out, size_t min_bytes);

/* Tokenize a whole short string (a lexicon entry, a test input), with
 * the given abbreviations (NULL: the built-in ones). */
void ann_tokenize_with(const ann_abbrevs *abbrevs, const char *text, size_t len,
                       ann_tokens *out);
void ann_tokenize_all(const char *text, size_t len, ann_tokens *out);

void ann_tokens_free(ann_tokens *t);

/* The bytes of an invisible character at p (n bytes left): a soft hyphen
 * U+00AD, a zero-width space, non-joiner or joiner U+200B-U+200D, a word
 * joiner U+2060, a zero-width no-break space U+FEFF; else 0.  Inside a
 * word they are not part of it: "Vladi\u00ADmir" is "Vladimir". */
size_t ann_invisible_at(const char *p, size_t n);
/* Do a (which may hold invisible characters) and b read the same
 * without them? */
int ann_eq_visible(const char *a, size_t an, const char *b, size_t bn);
/* s[0..n) without its invisible characters into out (n bytes room);
 * returns the length. */
size_t ann_visible_copy(char *out, const char *s, size_t n);

/* Convenience: does the token's text equal s (exactly / ASCII-case-insensitively)?
 * Inline, so that the length of a literal s folds to a constant: the
 * annotators ask this of nearly every token. */
static inline int ann_tok_is(const char *text, const ann_token *t, const char *s)
{
    size_t n = strlen(s);
    return t->end - t->start == n && memcmp(text + t->start, s, n) == 0;
}

static inline int ann_tok_is_ci(const char *text, const ann_token *t, const char *s)
{
    size_t n = strlen(s);
    if (t->end - t->start != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char a = text[t->start + i], b = s[i];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (b >= 'A' && b <= 'Z')
            b = (char)(b - 'A' + 'a');
        if (a != b)
            return 0;
    }
    return 1;
}

#endif
