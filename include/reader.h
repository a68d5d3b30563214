/*
 * reader.h - input: files or standard input, read in fixed-size chunks,
 * decoded as UTF-8 (an invalid byte becomes U+FFFD and a warning), as plain
 * text, HTML, XML or JSON Lines.  One document at a time.
 */
#ifndef ANN_READER_H
#define ANN_READER_H

#include "doc.h"

typedef enum {
    ANN_IN_AUTO,     /* by extension, then by sniffing the first bytes */
    ANN_IN_TEXT,
    ANN_IN_HTML,
    ANN_IN_XML,
    ANN_IN_JSONL
} ann_input_format;

typedef struct ann_reader ann_reader;

/* What the readers know, loaded by the engine from the rules tree and
 * owned by it (ann_engine.reading): the class and id hints, byline words
 * and meta names of html/, the month names of meta/months.tsv and the
 * particles of names of meta/particles.txt, the lexicons (given names
 * tell a person's name from a site's).  Read only, so threads share it;
 * a NULL pointer (or member) knows nothing of its kind, and the readers
 * still read. */
typedef struct ann_html_rules ann_html_rules;
typedef struct ann_months ann_months;
struct ann_meta_rules;
struct ann_rules;
typedef struct ann_reader_rules {
    const ann_html_rules *html;
    const ann_months *months;
    const struct ann_meta_rules *meta;
    const struct ann_rules *lexicon;
} ann_reader_rules;

/* Open path ("-" = standard input) to read with rules, which must outlive
 * the reader.  NULL and err on failure. */
ann_reader *ann_reader_open(const char *path, ann_input_format fmt,
                            const ann_reader_rules *rules, char *err, size_t errlen);
/* The next document: 1 and *out set; 0 at the end; -1 when this document
 * (or the whole input) could not be read, with the reason in err.  For JSON
 * Lines a bad line gives -1 and *out set to an error document (doc->error),
 * and the next call goes on with the next line. */
int ann_reader_next(ann_reader *r, ann_doc **out, char *err, size_t errlen);
void ann_reader_close(ann_reader *r);
/* Can a read wait for more input (a pipe, a terminal), where a regular
 * file has all of its documents at hand? */
int ann_reader_may_wait(const ann_reader *r);
/* The id of the input's document (by default from its path, see
 * ann_doc_id_from_path), set before the first read. */
void ann_reader_set_id(ann_reader *r, const char *id);
/* When the format was guessed from the content (JSON Lines on standard
 * input or in a .json file), what was guessed, once, after the read that
 * guessed it; NULL otherwise. */
const char *ann_reader_guess(ann_reader *r);

/* Decode bytes (any encoding damage replaced) into a new document. */
ann_doc *ann_doc_from_bytes(const char *id, const char *path,
                            const char *bytes, size_t n);
/* "dir/file.txt" -> "file" (caller frees). */
char *ann_doc_id_from_path(const char *path);

/* Format readers (reader_html.c, reader_xml.c, reader_jsonl.c): they turn
 * raw bytes into a document whose text is the extracted article and whose
 * metadata fields are set from the markup where it has them. */
ann_doc *ann_html_to_doc(const ann_reader_rules *rules, const char *id, const char *path,
                         const char *bytes, size_t n, char *err, size_t errlen);
ann_doc *ann_xml_to_doc(const ann_reader_rules *rules, const char *id, const char *path,
                        const char *bytes, size_t n, char *err, size_t errlen);
/* One JSON Lines record {"id":…, "text":…, "published":…, "title":…}.
 * Always a document: for a bad line (blank, not an object, no text) one
 * with doc->error set to the reason (also in err), "line N: …".  A record
 * without an id gets "rec-" and a hash of the line. */
ann_doc *ann_jsonl_to_doc(const ann_reader_rules *rules, const char *path, size_t lineno,
                          const char *line, size_t n, char *err, size_t errlen);
/* Is the line one JSON object with a "text" string (a JSON Lines record)? */
int ann_jsonl_looks_like(const char *line, size_t n);

/* Shared by the markup readers (defined in reader_markup.c): extracted text
 * built with HTML-like whitespace rules, and dates as markup writes them. */
typedef struct ann_textbuf {
    char *p;
    size_t len, cap;
    int brk;               /* pending break: 1 newline, 2 blank line */
    int space;             /* pending space */
} ann_textbuf;

enum { ANN_WS_COLLAPSE, ANN_WS_PARAS, ANN_WS_PRE };
/* Append text: COLLAPSE turns each whitespace run into one space, PARAS
 * also makes a run with two newlines a paragraph break, PRE keeps it. */
void ann_textbuf_text(ann_textbuf *t, const char *s, size_t n, int ws);
void ann_textbuf_break(ann_textbuf *t, int level);
/* The document: the title is put first unless the text begins with it;
 * frees the buffer. */
ann_doc *ann_textbuf_doc(ann_textbuf *t, const char *id, const char *path,
                         const char *title, const char *from);
/* Visit root and its descendants in document order: enter() says whether
 * to go into a node's children, leave() follows once they are done.
 * Iterative through the parent pointers, so depth costs no stack (hostile
 * markup nests 100,000 deep).  Nodes are libxml2's xmlNode. */
struct _xmlNode;
typedef struct ann_xml_walker {
    int (*enter)(void *ctx, struct _xmlNode *n);
    void (*leave)(void *ctx, struct _xmlNode *n);
    void *ctx;
} ann_xml_walker;
void ann_xml_walk(struct _xmlNode *root, const ann_xml_walker *w);

/* "2024-04-19T10:00Z", "20240419", "April 19, 2024", "Fri, 19 Apr 2024"
 * -> "2024-04-19" (or "2024-04", "2024"); NULL when not a date.  Month
 * names are those of m (NULL: none). */
char *ann_markup_date(const ann_months *m, const char *s, size_t n);

#endif
