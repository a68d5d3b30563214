/*
 * cli.h - what the files of the command line share: main.c (options and
 * usage), cli_msg.c (messages on standard error), cli_inputs.c (the ids of
 * the inputs), cli_run.c (the batch: workers and ordered results),
 * cli_out.c (where results go: a stream, a page, or one file each) and
 * cli_outdir.c (the files of --out-dir, and the signals that clean up).
 */
#ifndef ANN_CLI_H
#define ANN_CLI_H

#include <stdatomic.h>
#include <stdio.h>

#include "annotate.h"
#include "reader.h"
#include "writer.h"

#define EXIT_UNREADABLE 1
#define EXIT_TROUBLE 2

typedef struct cli_options {
    const char *output;
    const char *out_dir;
    const char *dct;
    const char **rules;
    size_t nrules, caprules;
    int no_builtin;
    int quiet;
    int force;                 /* --force: --out-dir may replace existing files */
    int progress;              /* -1 auto, 0 off, 1 on */
    int line_buffered;         /* flush after every document */
    long jobs;
    ann_input_format in_fmt;
    const ann_writer *writer;
    ann_write_opts wopts;
} cli_options;

/* ---- messages (cli_msg.c) ----------------------------------------------- */

extern int cli_quiet;          /* -q: no warnings, no messages about input */

/* "annotate: PATH: reason\n" (PATH may be NULL) appended to out, every
 * control character of it written as an escape (\n, \t, \x1b), so that a
 * file name or a record cannot forge a line of its own. */
void cli_msg_add(ann_buf *out, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The same, written to standard error at once (unless -q). */
void cli_msg(const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* The same for trouble that -q does not silence (output, usage). */
void cli_error(const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- the inputs (cli_inputs.c) ------------------------------------------ */

/* The document id of each input: its file name without the extension
 * ("-" is "stdin"); where two different inputs have the same, the
 * directories that tell them apart are kept ("a/story", "b/story"), and
 * the extension if only it does.  One array of n strings (free with
 * cli_input_ids_free). */
char **cli_input_ids(char *const *paths, size_t n);
void cli_input_ids_free(char **ids, size_t n);

/* ---- results and where they go (cli_out.c) ------------------------------- */

/* A document once annotated and rendered: what the output needs of it. */
typedef struct cli_result {
    char *id;                  /* the document's id */
    char *title;               /* its title, or NULL */
    ann_buf out;               /* the rendered document */
    ann_buf msgs;              /* its lines for standard error, in order */
    size_t len;                /* bytes of text, for --progress */
    int failed;                /* no document: an input that could not be read */
} cli_result;

void cli_result_free(cli_result *r);

typedef struct cli_sink {
    FILE *f;                   /* the stream, or NULL with --out-dir */
    const char *name;          /* for messages */
    const char *dir;           /* --out-dir */
    int force;                 /* --force */
    const ann_writer *w;
    const ann_write_opts *wo;
    int flush;                 /* after every document (--line-buffered) */
    int failed;                /* an --out-dir file could not be written */
    atomic_int broken;         /* the stream failed: stop, say so once (a
                                * worker streaming a record may set it) */
    atomic_int epipe;          /* ...because the reader went away */
    struct cli_names *written; /* --out-dir: file names written in this run */
    struct cli_page *page;     /* a writer with a head: the documents held */
} cli_sink;

/* Open the output: standard output, -o FILE or --out-dir DIR.  0, or -1
 * with a message. */
int cli_sink_open(cli_sink *s, const cli_options *o);
void cli_sink_begin(cli_sink *s);
/* One document's result: its messages to standard error, its output to
 * the stream or its file. */
void cli_sink_doc(cli_sink *s, cli_result *r);
void cli_sink_end(cli_sink *s);
/* Does the output take a document's record in pieces, as it is written
 * (a stream, not --out-dir files or a page)? */
int cli_sink_streams(const cli_sink *s);
/* A piece of the record of the document due next: written, and out
 * emptied.  The rest of the record follows with cli_sink_doc. */
void cli_sink_stream(cli_sink *s, ann_buf *out);
/* Flush and close; the exit status it asks for (0 or EXIT_TROUBLE). */
int cli_sink_close(cli_sink *s);

/* Out-dir files (cli_outdir.c): written beside their final name and moved
 * into place; a SIGINT or SIGTERM meanwhile removes the temporary file. */
int cli_outdir_prepare(const char *dir);
void cli_outdir_signals(void);
/* Write pieces[0..n) as DIR/NAME.EXT; with force an existing file is
 * replaced, else it is an error.  0, or -1 with a message given. */
int cli_outdir_write(const char *dir, const char *name, const char *ext, int force,
                     const ann_buf *pieces, size_t n);
/* The id as one file name inside the directory ("a/story" -> "a_story",
 * ".x" -> "_.x"): a record can carry any id, and "/../x" must not write
 * outside --out-dir.  Caller frees. */
char *cli_outdir_name(const char *id);

/* ---- the batch (cli_run.c) ------------------------------------------------ */

/* Annotate every input and write the results in input order; the exit
 * status for the inputs (0 or EXIT_UNREADABLE). */
int cli_run(const cli_options *o, const ann_engine *e, cli_sink *s,
            char **inputs, size_t ninputs);

#endif
