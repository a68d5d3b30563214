/*
 * cli_out.c - where results go, in input order: each document's messages
 * to standard error, its output to the stream (standard output or -o), to
 * a page that is written at the end (a writer with a head: the HTML view's
 * title and index need every document), or to a file of its own
 * (--out-dir, see cli_outdir.c).  A failed write stops the run: the
 * message is given once, and main exits with status 2.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "table.h"

/* File names written in this run (--out-dir): two documents with one name
 * would silently leave one file, so the second is an error. */
typedef struct cli_names {
    char **v;
    size_t n, cap;
    ann_table index;           /* ann_hash of a name -> its place in v */
} cli_names;

/* The documents of a page, held until its head can be written. */
typedef struct cli_page {
    ann_doc_ref *refs;
    size_t n, cap;
    ann_buf body;
} cli_page;

/* Add name; 0 if it was there already. */
static int names_add(cli_names *t, const char *name)
{
    size_t n = strlen(name), pos = 0, i;
    uint64_t h = ann_hash(name, n);
    while ((i = ann_table_next(&t->index, h, &pos)) != ANN_TABLE_END)
        if (strcmp(t->v[i], name) == 0)
            return 0;
    ann_table_put(&t->index, h, t->n);
    ANN_PUSH(t->v, t->n, t->cap, ann_xstrdup(name));
    return 1;
}

static void names_free(cli_names *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i]);
    free(t->v);
    ann_table_free(&t->index);
    free(t);
}

void cli_result_free(cli_result *r)
{
    free(r->id);
    free(r->title);
    ann_buf_free(&r->out);
    ann_buf_free(&r->msgs);
    memset(r, 0, sizeof *r);
}

static void write_failed(cli_sink *s)
{
    if (errno == EPIPE) {
        /* The reader went away (annotate ... | head): no message; main
         * lets the workers finish, frees everything, then ends by SIGPIPE
         * as the shell expects. */
        s->broken = s->epipe = 1;
        return;
    }
    if (!s->broken)
        cli_error(s->name, "write error: %s", strerror(errno));
    s->broken = 1;
}

static void sink_write(cli_sink *s, const char *p, size_t n)
{
    if (!s->broken && n && fwrite(p, 1, n, s->f) != n)
        write_failed(s);
}

int cli_sink_open(cli_sink *s, const cli_options *o)
{
    memset(s, 0, sizeof *s);
    s->f = stdout;
    s->name = "standard output";
    s->w = o->writer;
    s->wo = &o->wopts;
    s->flush = o->line_buffered;
    s->force = o->force;
    if (o->out_dir) {
        if (cli_outdir_prepare(o->out_dir) < 0)
            return -1;
        s->f = NULL;
        s->dir = s->name = o->out_dir;
        s->written = ann_xcalloc(1, sizeof *s->written);
        cli_outdir_signals();
        return 0;
    }
    if (o->output) {
        s->f = fopen(o->output, "w");
        s->name = o->output;
        if (!s->f) {
            cli_error(o->output, "%s", strerror(errno));
            return -1;
        }
    }
    if (s->w->head)
        s->page = ann_xcalloc(1, sizeof *s->page);
    /* Records are tens of kilobytes: with stdio's few kilobytes of buffer
     * each was written by two system calls.  A terminal still sees each
     * line as it is done, and so does a pipe with --line-buffered. */
    static char out_buffer[256 << 10];   /* glibc ignores the size without one */
    if (!isatty(fileno(s->f)) && !o->line_buffered)
        setvbuf(s->f, out_buffer, _IOFBF, sizeof out_buffer);
    return 0;
}

/* Begin or end of the stream (a page's head comes at its end). */
static void sink_edge(cli_sink *s, int end)
{
    if (s->dir || (s->page && !end))
        return;
    ann_buf b = {0};
    if (end && s->page) {
        s->w->head(&b, s->page->refs, s->page->n, s->wo);
        sink_write(s, b.p ? b.p : "", b.len);
        sink_write(s, s->page->body.p ? s->page->body.p : "", s->page->body.len);
        b.len = 0;
    }
    void (*fn)(ann_buf *, const ann_write_opts *) = end ? s->w->end : s->w->begin;
    if (fn)
        fn(&b, s->wo);
    sink_write(s, b.p ? b.p : "", b.len);
    ann_buf_free(&b);
}

void cli_sink_begin(cli_sink *s)
{
    sink_edge(s, 0);
}

void cli_sink_end(cli_sink *s)
{
    sink_edge(s, 1);
}

/* A file of its own: the document framed as a whole output would be. */
static void doc_file(cli_sink *s, const cli_result *r)
{
    char *name = cli_outdir_name(r->id);
    if (!names_add(s->written, name)) {
        char *path = ann_xasprintf("%s/%s.%s", s->dir, name, s->w->extension);
        cli_error(path, "a second document with this name (id \"%s\") in one run, not written",
                  r->id);
        free(path);
        s->failed = 1;
        free(name);
        return;
    }
    ann_buf piece[3] = {{0}, r->out, {0}};
    ann_doc_ref ref = {r->id, r->title};
    if (s->w->file_begin)
        s->w->file_begin(&piece[0], s->wo);
    else if (s->w->head)
        s->w->head(&piece[0], &ref, 1, s->wo);
    else if (s->w->begin)
        s->w->begin(&piece[0], s->wo);
    if (s->w->file_begin ? s->w->file_end != NULL : s->w->end != NULL)
        (s->w->file_begin ? s->w->file_end : s->w->end)(&piece[2], s->wo);
    if (cli_outdir_write(s->dir, name, s->w->extension, s->force, piece, 3) < 0)
        s->failed = 1;
    ann_buf_free(&piece[0]);
    ann_buf_free(&piece[2]);
    free(name);
}

int cli_sink_streams(const cli_sink *s)
{
    return s->f && !s->dir && !s->page;
}

void cli_sink_stream(cli_sink *s, ann_buf *out)
{
    sink_write(s, out->p ? out->p : "", out->len);
    out->len = 0;
}

void cli_sink_doc(cli_sink *s, cli_result *r)
{
    if (r->msgs.len && !cli_quiet)
        fwrite(r->msgs.p, 1, r->msgs.len, stderr);
    if (r->failed)
        return;
    if (s->dir) {
        doc_file(s, r);
    } else if (s->page) {
        cli_page *pg = s->page;
        ann_doc_ref ref = {r->id, r->title};
        r->id = r->title = NULL;          /* the page keeps them */
        ANN_PUSH(pg->refs, pg->n, pg->cap, ref);
        ann_buf_add(&pg->body, r->out.p ? r->out.p : "", r->out.len);
    } else {
        sink_write(s, r->out.p ? r->out.p : "", r->out.len);
        if (s->flush && !s->broken && fflush(s->f) != 0)
            write_failed(s);
    }
}

int cli_sink_close(cli_sink *s)
{
    if (s->f && !s->broken && (fflush(s->f) != 0 || ferror(s->f)))
        write_failed(s);
    if (s->f && s->f != stdout && fclose(s->f) != 0)
        write_failed(s);
    names_free(s->written);
    if (s->page) {
        for (size_t i = 0; i < s->page->n; i++) {
            free((char *)s->page->refs[i].id);
            free((char *)s->page->refs[i].title);
        }
        free(s->page->refs);
        ann_buf_free(&s->page->body);
        free(s->page);
    }
    return s->failed || s->broken ? EXIT_TROUBLE : 0;
}
