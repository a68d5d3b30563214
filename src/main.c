/*
 * main.c - the command line: options, the batch loop, worker threads that
 * annotate in parallel while results are written in input order, and the
 * exit status (0 all annotated, 1 some input unreadable, 2 usage or output
 * trouble).
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "annotate.h"
#include "reader.h"
#include "writer.h"

#define EXIT_UNREADABLE 1
#define EXIT_TROUBLE 2

typedef struct options {
    const char *output;
    const char *out_dir;
    const char *dct;
    const char **rules;
    size_t nrules, caprules;
    int no_builtin;
    int quiet;
    int progress;              /* -1 auto, 0 off, 1 on */
    int line_buffered;         /* flush after every document */
    long jobs;
    ann_input_format in_fmt;
    const ann_writer *writer;
    ann_write_opts wopts;
} options;

static const char usage_text[] =
    "Usage: annotate [OPTION]... [FILE]...\n"
    "Annotate news articles: actors, places, sources, dates (TIMEX3), claims and\n"
    "document metadata, one JSON object per document (JSON Lines) on standard output.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Output:\n"
    "  -o, --output=FILE        write to FILE instead of standard output\n"
    "      --out-dir=DIR        write one DIR/ID.json per document (atomically)\n"
    "      --format=FMT         json (default), xml, html, timeml\n"
    "      --pretty             indent the JSON\n"
    "      --with-text          add the document text as doc.text\n"
    "      --line-buffered      flush the output after every document\n"
    "Input:\n"
    "      --input-format=FMT   auto (default), text, html, xml, jsonl\n"
    "      --dct=YYYY-MM-DD     date assumed for documents whose own date is not found\n"
    "Rules:\n"
    "      --rules=FILE         add a lexicon (.tsv) or pattern (.jsonl) file; repeatable\n"
    "      --no-builtin-rules   leave the built-in lexicons and patterns out\n"
    "Running:\n"
    "  -j, --jobs=N             annotate on N threads (default: number of processors)\n"
    "      --progress           show progress on standard error\n"
    "      --no-progress        never show progress\n"
    "  -q, --quiet              do not print warnings or messages about unreadable input\n"
    "  -h, --help               show this help and exit\n"
    "  -V, --version            show the version and exit\n"
    "\n"
    "Exit status: 0 if every input was annotated, 1 if some input could not be read\n"
    "(the others are still annotated), 2 on a usage error or when output fails.\n"
    "See annotate(1) for the output format.\n";

static int quiet;

static void msg(const char *path, const char *fmt, const char *reason)
{
    if (quiet)
        return;
    if (path)
        fprintf(stderr, "annotate: %s: ", path);
    else
        fputs("annotate: ", stderr);
    fprintf(stderr, fmt, reason);
    fputc('\n', stderr);
}

static _Noreturn void usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "annotate: %s%s%s\nTry 'annotate --help' for more information.\n", what,
            arg ? ": " : "", arg ? arg : "");
    exit(EXIT_TROUBLE);
}

/* ---- options --------------------------------------------------------------- */

static int valid_dct(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static ann_input_format parse_in_fmt(const char *s)
{
    static const struct { const char *name; ann_input_format f; } t[] = {
        {"auto", ANN_IN_AUTO}, {"text", ANN_IN_TEXT}, {"txt", ANN_IN_TEXT},
        {"html", ANN_IN_HTML}, {"xml", ANN_IN_XML}, {"jsonl", ANN_IN_JSONL}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (strcmp(s, t[i].name) == 0)
            return t[i].f;
    usage_error("unknown input format (auto, text, html, xml, jsonl)", s);
}

static long parse_jobs(const char *s)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno || *end || n < 1 || n > 1024)
        usage_error("--jobs takes a number from 1 to 1024", s);
    return n;
}

enum { OPT_OUT_DIR = 256, OPT_PRETTY, OPT_DCT, OPT_RULES, OPT_NO_BUILTIN, OPT_FORMAT,
       OPT_INPUT_FORMAT, OPT_WITH_TEXT, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_LINE_BUFFERED };

static const struct option long_opts[] = {
    {"output", required_argument, 0, 'o'},
    {"out-dir", required_argument, 0, OPT_OUT_DIR},
    {"pretty", no_argument, 0, OPT_PRETTY},
    {"dct", required_argument, 0, OPT_DCT},
    {"rules", required_argument, 0, OPT_RULES},
    {"no-builtin-rules", no_argument, 0, OPT_NO_BUILTIN},
    {"format", required_argument, 0, OPT_FORMAT},
    {"input-format", required_argument, 0, OPT_INPUT_FORMAT},
    {"with-text", no_argument, 0, OPT_WITH_TEXT},
    {"line-buffered", no_argument, 0, OPT_LINE_BUFFERED},
    {"jobs", required_argument, 0, 'j'},
    {"progress", no_argument, 0, OPT_PROGRESS},
    {"no-progress", no_argument, 0, OPT_NO_PROGRESS},
    {"quiet", no_argument, 0, 'q'},
    {"help", no_argument, 0, 'h'},
    {"version", no_argument, 0, 'V'},
    {0, 0, 0, 0}};

static void parse_args(int argc, char **argv, options *o)
{
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:j:qhV", long_opts, NULL)) != -1) {
        switch (c) {
        case 'o': o->output = optarg; break;
        case OPT_OUT_DIR: o->out_dir = optarg; break;
        case OPT_PRETTY: o->wopts.pretty = 1; break;
        case OPT_DCT:
            if (!valid_dct(optarg))
                usage_error("--dct takes a date YYYY-MM-DD", optarg);
            o->dct = optarg;
            break;
        case OPT_RULES: ANN_PUSH(o->rules, o->nrules, o->caprules, optarg); break;
        case OPT_NO_BUILTIN: o->no_builtin = 1; break;
        case OPT_FORMAT:
            o->writer = ann_writer_find(optarg);
            if (!o->writer)
                usage_error("unknown output format (json, xml, html, timeml)", optarg);
            break;
        case OPT_INPUT_FORMAT: o->in_fmt = parse_in_fmt(optarg); break;
        case OPT_WITH_TEXT: o->wopts.with_text = 1; break;
        case OPT_LINE_BUFFERED: o->line_buffered = 1; break;
        case 'j': o->jobs = parse_jobs(optarg); break;
        case OPT_PROGRESS: o->progress = 1; break;
        case OPT_NO_PROGRESS: o->progress = 0; break;
        case 'q': o->quiet = 1; break;
        case 'h': fputs(usage_text, stdout); exit(0);
        case 'V': printf("annotate %s\n", ANN_VERSION); exit(0);
        case ':': usage_error("option requires an argument", argv[optind - 1]);
        default: usage_error("unknown option", argv[optind - 1]);
        }
    }
    if (o->output && o->out_dir)
        usage_error("--output and --out-dir cannot be used together", NULL);
}

/* ---- output -------------------------------------------------------------- */

typedef struct sink {
    FILE *f;                   /* the stream, or NULL with --out-dir */
    const char *name;          /* for messages */
    const char *dir;
    const ann_writer *w;
    const ann_write_opts *wo;
    int flush;                 /* after every document (--line-buffered) */
    int failed;                /* an --out-dir file could not be written */
    int broken;                /* the stream failed: stop, say so once */
    int epipe;                 /* ...because the reader went away */
} sink;

/* A failed write stops the run: the message is given once, the inputs not
 * yet read are left alone, and main unwinds and exits with status 2. */
static void write_failed(sink *s)
{
    if (errno == EPIPE) {
        /* The reader went away (annotate ... | head): no message; main
         * lets the workers finish, frees everything, then ends by SIGPIPE
         * as the shell expects. */
        s->broken = s->epipe = 1;
        return;
    }
    if (!s->broken)
        fprintf(stderr, "annotate: %s: write error: %s\n", s->name, strerror(errno));
    s->broken = 1;
}

static void sink_write(sink *s, const char *p, size_t n)
{
    if (!s->broken && n && fwrite(p, 1, n, s->f) != n)
        write_failed(s);
}

/* One file per document: written beside its final name and renamed, so an
 * interrupted run never leaves a half-written ID.json behind. */
/* The id as one file name inside the directory: a JSON Lines record can
 * carry any id, and "/../x" must not write outside --out-dir. */
static char *file_part(const char *id)
{
    char *p = ann_xasprintf("%s%s", id[0] == '.' || id[0] == '\0' ? "_" : "", id);
    for (char *c = p; *c; c++)
        if (*c == '/' || *c == '\\')
            *c = '_';
    return p;
}

static void write_doc_file(sink *s, const char *id, const ann_buf *b)
{
    char *name = file_part(id);
    char *final = ann_xasprintf("%s/%s.%s", s->dir, name, s->w->extension);
    char *tmp = ann_xasprintf("%s/.%s.%s.XXXXXX", s->dir, name, s->w->extension);
    free(name);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    int ok = f != NULL;
    ann_buf pre = {0}, post = {0};
    if (ok) {
        if (s->w->begin)
            s->w->begin(&pre, s->wo);
        if (s->w->end)
            s->w->end(&post, s->wo);
        ok = fwrite(pre.p ? pre.p : "", 1, pre.len, f) == pre.len &&
             fwrite(b->p, 1, b->len, f) == b->len &&
             fwrite(post.p ? post.p : "", 1, post.len, f) == post.len;
        ok = (fclose(f) == 0) && ok;
    } else if (fd >= 0) {
        close(fd);
    }
    if (ok && rename(tmp, final) == 0) {
        chmod(final, 0644);
    } else {
        fprintf(stderr, "annotate: %s: %s\n", final, strerror(errno ? errno : EIO));
        unlink(tmp);
        s->failed = 1;
    }
    ann_buf_free(&pre);
    ann_buf_free(&post);
    free(final);
    free(tmp);
}

static void sink_doc(sink *s, const char *id, const ann_buf *b)
{
    if (s->dir) {
        write_doc_file(s, id, b);
        return;
    }
    sink_write(s, b->p ? b->p : "", b->len);
    if (s->flush && !s->broken && fflush(s->f) != 0)
        write_failed(s);
}

static void sink_edge(sink *s, int end)
{
    if (s->dir)
        return;
    ann_buf b = {0};
    void (*fn)(ann_buf *, const ann_write_opts *) = end ? s->w->end : s->w->begin;
    if (fn)
        fn(&b, s->wo);
    sink_write(s, b.p ? b.p : "", b.len);
    ann_buf_free(&b);
}

static int check_out_dir(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0) {
        fprintf(stderr, "annotate: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "annotate: %s: not a directory\n", dir);
        return -1;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        fprintf(stderr, "annotate: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    return 0;
}

/* ---- progress --------------------------------------------------------------- */

typedef struct progress {
    int on;
    size_t total_inputs, inputs_done, docs;
    double bytes;
    struct timespec start, last;
} progress;

static double since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void progress_tick(progress *p, int final)
{
    if (!p->on || (!final && since(&p->last) < 0.2))
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    double secs = since(&p->start);
    double mbs = secs > 0 ? p->bytes / 1e6 / secs : 0;
    double left = p->inputs_done ? secs / (double)p->inputs_done *
                                       (double)(p->total_inputs - p->inputs_done) : 0;
    fprintf(stderr, "\r\033[Kannotate: %zu/%zu inputs, %zu documents, %.1f MB/s, %.0fs left",
            p->inputs_done, p->total_inputs, p->docs, mbs, left);
    if (final)
        fputc('\n', stderr);
}

/* ---- the work: inline with -j 1, else a pool with ordered results ---------- */

/* A document in flight.  Once rendered, only its id (for --out-dir) and
 * size (for --progress) are kept: the thread that annotated it frees it,
 * so the writing thread does no work that could be parallel, and memory
 * goes back to the arena it came from. */
typedef struct slot {
    ann_doc *doc;
    char *id;
    size_t len;
    ann_buf out;
    int done;
} slot;

/* The reading and writing thread sleeps while the workers annotate, and is
 * woken only when it has something to do: when the head of the ring and
 * half of it are done, or the workers are running out of documents.
 * Waking it for every document cost a context switch per document, which
 * on two cores was a tenth of the time.  Workers are signalled only when
 * one is idle, for the same reason. */
#define IN_FLIGHT_BYTES (16u << 20)   /* text read ahead, beyond one per worker */

typedef struct pool {
    const ann_engine *e;
    sink *sink;
    progress *prog;
    pthread_mutex_t mu;
    pthread_cond_t work, finished;
    slot *ring;
    size_t cap;                /* ring size: documents in flight at most */
    size_t next_read, next_work, next_write;
    size_t bytes;              /* text of the documents in flight */
    size_t jobs;
    int idle;                  /* workers waiting for a document */
    int writer_waiting;
    int closing;
} pool;

static void render(const ann_engine *e, const sink *s, slot *sl)
{
    ann_doc *d = sl->doc;
    ann_annotate(e, d);
    s->w->doc(&sl->out, d, s->wo);
    sl->id = s->dir ? ann_xstrdup(d->id) : NULL;
    sl->len = d->len;
    ann_doc_free(d);
    sl->doc = NULL;
}

static void emit(pool *p, slot *sl)
{
    sink_doc(p->sink, sl->id, &sl->out);
    p->prog->docs++;
    p->prog->bytes += (double)sl->len;
    progress_tick(p->prog, 0);
    free(sl->id);
    ann_buf_free(&sl->out);
    memset(sl, 0, sizeof *sl);
}

/* Under the lock: is it worth waking the writer?  Its head is done, and
 * either half the ring is done behind it or no document waits for a
 * worker (so the writer must read more, or is draining). */
static int writer_has_work(const pool *p)
{
    size_t n = 0, inflight = p->next_read - p->next_write;
    while (n < inflight && p->ring[(p->next_write + n) % p->cap].done)
        n++;
    return n > 0 && (n * 2 >= inflight || p->next_work == p->next_read);
}

static void *worker(void *arg)
{
    pool *p = arg;
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next_work == p->next_read && !p->closing) {
            p->idle++;
            pthread_cond_wait(&p->work, &p->mu);
            p->idle--;
        }
        if (p->next_work == p->next_read)
            break;
        slot *sl = &p->ring[p->next_work++ % p->cap];
        pthread_mutex_unlock(&p->mu);
        slot mine = {sl->doc, NULL, 0, {0}, 0};
        render(p->e, p->sink, &mine);
        pthread_mutex_lock(&p->mu);
        *sl = mine;
        sl->done = 1;
        if (p->writer_waiting && writer_has_work(p))
            pthread_cond_signal(&p->finished);
    }
    pthread_mutex_unlock(&p->mu);
    return NULL;
}

/* Write every finished result at the head of the ring; with wait, block
 * until the head is finished (the ring is full, or we are draining). */
static void flush_ready(pool *p, int wait)
{
    pthread_mutex_lock(&p->mu);
    while (p->next_write < p->next_read) {
        slot *sl = &p->ring[p->next_write % p->cap];
        if (!sl->done) {
            if (!wait)
                break;
            p->writer_waiting = 1;
            pthread_cond_wait(&p->finished, &p->mu);
            p->writer_waiting = 0;
            continue;
        }
        pthread_mutex_unlock(&p->mu);
        size_t len = sl->len;
        emit(p, sl);            /* only this thread touches a done slot */
        pthread_mutex_lock(&p->mu);
        p->next_write++;
        p->bytes -= len;
        wait = 0;
    }
    pthread_mutex_unlock(&p->mu);
}

static void submit(pool *p, ann_doc *d, long jobs)
{
    if (jobs <= 1) {
        slot sl = {d, NULL, 0, {0}, 1};
        render(p->e, p->sink, &sl);
        emit(p, &sl);
        return;
    }
    /* every worker gets a document; beyond that, the ring and the byte
     * budget bound what is read ahead */
    for (;;) {
        size_t inflight = p->next_read - p->next_write;
        if (inflight < p->jobs ||
            (inflight < p->cap && p->bytes + d->len <= IN_FLIGHT_BYTES))
            break;
        flush_ready(p, 1);
    }
    pthread_mutex_lock(&p->mu);
    slot *sl = &p->ring[p->next_read % p->cap];
    sl->doc = d;
    sl->done = 0;
    p->next_read++;
    p->bytes += d->len;
    if (p->idle)
        pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    flush_ready(p, 0);
}

/* Read every document of one input and hand it on; returns 0 or -1. */
static int process_input(pool *p, const options *o, const char *path)
{
    char err[512];
    ann_reader *r = ann_reader_open(path, o->in_fmt, err, sizeof err);
    if (!r) {
        msg(path, "%s", err);
        return -1;
    }
    int status = 0, rc;
    ann_doc *d;
    /* With --line-buffered a stream's records go out before the next read,
     * which may wait for input a long time (tail -f ... | annotate -). */
    int drain = o->line_buffered && o->jobs > 1 && ann_reader_may_wait(r);
    while (!p->sink->broken && (rc = ann_reader_next(r, &d, err, sizeof err)) != 0) {
        if (rc < 0) {
            msg(path, "%s", err);
            status = -1;
        }
        if (d) {
            if (!quiet)
                for (size_t i = 0; i < d->nwarnings; i++)
                    msg(path, "warning: %s", d->warnings[i]);
            submit(p, d, o->jobs);
            while (drain && p->next_write < p->next_read)
                flush_ready(p, 1);
        }
        if (rc < 0 && !d)
            break;
    }
    ann_reader_close(r);
    return status;
}

static long default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : n;
}

static int run(const options *o, const ann_engine *e, sink *s, char **inputs, size_t ninputs)
{
    progress prog = {0};
    prog.total_inputs = ninputs;
    prog.on = o->progress == 1 || (o->progress < 0 && ninputs >= 50 && isatty(2));
    clock_gettime(CLOCK_MONOTONIC, &prog.start);
    pool p = {.e = e, .sink = s, .prog = &prog};
    pthread_t *threads = NULL;
    long nthreads = o->jobs > 1 ? o->jobs : 0;
    if (nthreads) {
        p.cap = (size_t)nthreads * 16;
        p.jobs = (size_t)nthreads;
        p.ring = ann_xcalloc(p.cap, sizeof *p.ring);
        pthread_mutex_init(&p.mu, NULL);
        pthread_cond_init(&p.work, NULL);
        pthread_cond_init(&p.finished, NULL);
        threads = ann_xcalloc((size_t)nthreads, sizeof *threads);
        for (long i = 0; i < nthreads; i++)
            if (pthread_create(&threads[i], NULL, worker, &p) != 0) {
                fputs("annotate: cannot start worker threads\n", stderr);
                exit(EXIT_TROUBLE);
            }
    }
    int status = 0;
    sink_edge(s, 0);
    for (size_t i = 0; i < ninputs && !s->broken; i++) {
        if (process_input(&p, o, inputs[i]) < 0)
            status = EXIT_UNREADABLE;
        prog.inputs_done++;
    }
    if (nthreads) {
        flush_ready(&p, 1);
        pthread_mutex_lock(&p.mu);
        p.closing = 1;
        pthread_cond_broadcast(&p.work);
        pthread_mutex_unlock(&p.mu);
        for (long i = 0; i < nthreads; i++)
            pthread_join(threads[i], NULL);
        flush_ready(&p, 1);
        free(threads);
        free(p.ring);
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.work);
        pthread_cond_destroy(&p.finished);
    }
    sink_edge(s, 1);
    progress_tick(&prog, 1);
    return status;
}

int main(int argc, char **argv)
{
    options o = {0};
    o.progress = -1;
    o.jobs = 0;
    o.in_fmt = ANN_IN_AUTO;
    o.writer = &ann_writer_json;
    parse_args(argc, argv, &o);
    quiet = o.quiet;
    if (o.jobs == 0)
        o.jobs = default_jobs();
    signal(SIGPIPE, SIG_IGN);
    xmlInitParser();   /* once, before any worker thread parses */

    char err[1024];
    ann_engine *e = ann_engine_new(o.no_builtin, o.rules, o.nrules, err, sizeof err);
    if (!e) {
        fprintf(stderr, "annotate: %s\n", err);
        free(o.rules);
        return EXIT_TROUBLE;
    }
    e->default_dct = o.dct;

    sink s = {stdout, "standard output", NULL, o.writer, &o.wopts, o.line_buffered, 0, 0, 0};
    if (o.out_dir) {
        if (check_out_dir(o.out_dir) < 0) {
            ann_engine_free(e);
            free(o.rules);
            return EXIT_TROUBLE;
        }
        s.f = NULL;
        s.dir = o.out_dir;
        s.name = o.out_dir;
    } else if (o.output) {
        s.f = fopen(o.output, "w");
        s.name = o.output;
        if (!s.f) {
            fprintf(stderr, "annotate: %s: %s\n", o.output, strerror(errno));
            ann_engine_free(e);
            free(o.rules);
            return EXIT_TROUBLE;
        }
    }

    /* Records are tens of kilobytes: with stdio's few kilobytes of buffer
     * each was written by two system calls.  A terminal still sees each
     * line as it is done, and so does a pipe with --line-buffered. */
    static char out_buffer[256 << 10];   /* glibc ignores the size without one */
    if (s.f && !isatty(fileno(s.f)) && !o.line_buffered)
        setvbuf(s.f, out_buffer, _IOFBF, sizeof out_buffer);

    char *stdin_only[] = {"-"};
    char **inputs = optind < argc ? argv + optind : stdin_only;
    size_t ninputs = optind < argc ? (size_t)(argc - optind) : 1;
    int status = run(&o, e, &s, inputs, ninputs);

    if (s.f && !s.broken && (fflush(s.f) != 0 || ferror(s.f)))
        write_failed(&s);
    if (s.f && s.f != stdout && fclose(s.f) != 0)
        write_failed(&s);
    if (s.failed || s.broken)
        status = EXIT_TROUBLE;
    ann_engine_free(e);
    free(o.rules);
    xmlCleanupParser();
    if (s.epipe) {
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
    }
    return status;
}
