/*
 * annotate.h - the pipeline: an engine holds everything loaded once (rules,
 * date and claim resources, options) and annotates one document at a time.
 * The engine is read-only while documents are annotated, so worker threads
 * share one.
 *
 * Data flows one way:  reader -> tokenizer -> rule engine -> annotators
 * (meta, entities, dates, claims) -> writer.
 */
#ifndef ANN_ANNOTATE_H
#define ANN_ANNOTATE_H

#include "doc.h"
#include "reader.h"
#include "rules.h"
#include "tokenizer.h"

typedef struct ann_date_rules ann_date_rules;
typedef struct ann_claim_rules ann_claim_rules;
typedef struct ann_tagger ann_tagger;
typedef struct ann_lang ann_lang;
typedef struct ann_meta_rules ann_meta_rules;

/* Text per tokenizer window: whole paragraphs up to this much at a time. */
#define ANN_WINDOW_BYTES (256 * 1024)

struct ann_window;

typedef struct ann_engine {
    ann_abbrevs *abbrevs;      /* the tokenizer's */
    ann_rules *rules;
    ann_date_rules *date_rules;
    ann_claim_rules *claim_rules;
    ann_tagger *tagger;        /* the learned name tagger (tagger/weights.tsv) */
    ann_lang *lang;            /* the language detector's lists */
    ann_months *months;        /* month names of written dates (meta/months.tsv) */
    ann_meta_rules *meta;      /* leads of metadata lines, particles of names (meta/) */
    ann_html_rules *html;      /* class and id hints, byline words (html/) */
    ann_reader_rules reading;  /* what the readers are given (reader.h) */
    const char *default_dct;   /* --dct: YYYY-MM-DD, or NULL */
    size_t window_bytes;       /* text per tokenizer window */
    unsigned compiled;         /* the kinds whose tables were compiled at build
                                * time (bits 1 << ANN_IMG_*, src/image.h) */
    /* NULL in the program.  The entity tests set it: it is called on the
     * tagger's labels of each window (src/tagger.h) before they are mended,
     * so that a mend is tried on the misreading it is for, whatever a
     * retrained model happens to read. */
    void (*relabel)(const struct ann_window *w, uint8_t *labels);
} ann_engine;

/* What an annotator sees: one window of tokens and every rule match in it. */
typedef struct ann_window {
    ann_doc *doc;
    const char *text;          /* == doc->text */
    const ann_token *tok;
    size_t n;
    const ann_matches *matches;
} ann_window;

/* Load the built-in rules tree (unless no_builtin), then each of the
 * user's: a folder laid out like the rules tree, or a lone lexicon or
 * pattern file (engine.c).  On failure returns NULL and writes the reason
 * ("PATH:LINE: why") to err. */
ann_engine *ann_engine_new(int no_builtin, const char *const *user_rules,
                           size_t nuser, char *err, size_t errlen);
void ann_engine_free(ann_engine *e);

/* Metadata, then every window through the annotators, then ann_doc_sort. */
void ann_annotate(const ann_engine *e, ann_doc *d);

/* What a thread's documents use one after another (the token and match
 * arrays, warm in the cache): one per thread, never shared. */
typedef struct ann_scratch ann_scratch;
ann_scratch *ann_scratch_new(void);
void ann_scratch_free(ann_scratch *s);
/* ann_annotate with the calling thread's scratch. */
void ann_annotate_with(const ann_engine *e, ann_doc *d, ann_scratch *s);

#endif
