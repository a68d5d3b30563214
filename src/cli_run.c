/*
 * cli_run.c - the batch: read every input, annotate its documents on
 * worker threads (inline with -j 1), and hand the results to the output in
 * input order, with what each has to say on standard error, so that the
 * output and the messages are the same, byte for byte, whatever -j.  Also
 * the progress line.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "timing.h"

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

/* A document in flight.  Once rendered, only its result is kept: the
 * thread that annotated it frees it, so the writing thread does no work
 * that could be parallel, and memory goes back to the arena it came from.
 * An input that could not be read is a slot with no document, so that its
 * message comes out in its place. */
typedef struct slot {
    ann_doc *doc;
    cli_result res;
    int done;
} slot;

/* The reading and writing thread sleeps while the workers annotate, and is
 * woken only when it has something to do: when the head of the ring and
 * half of it are done, or the workers are running out of documents.
 * Waking it for every document cost a context switch per document, which
 * on two cores was a tenth of the time.  Workers are signalled only when
 * one is idle, for the same reason. */
#define IN_FLIGHT_BYTES (16u << 20)   /* text read ahead, beyond one per worker */

/* A record is handed to the output a piece of this size at a time as it
 * is written (ann_write_opts.flush): a huge document's record, which can
 * be larger than its text, is never whole in memory. */
#define STREAM_BYTES (1u << 20)

typedef struct pool {
    const ann_engine *e;
    cli_sink *sink;
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
    pthread_cond_t turn;       /* next_write moved on: a streaming worker may go */
    int streamers;             /* workers waiting for their turn */
    ann_scratch *scratch;      /* -j 1: the reading thread's, which annotates */
} pool;

/* Where a worker streams the record of the document at place seq of the
 * input order (cli_sink_stream): once every document before it is out. */
typedef struct streamer {
    pool *p;
    size_t seq;
} streamer;

static void stream_out(void *ctx, ann_buf *out)
{
    streamer *st = ctx;
    pool *p = st->p;
    if (p->jobs) {
        pthread_mutex_lock(&p->mu);
        while (p->next_write != st->seq) {
            p->streamers++;
            pthread_cond_wait(&p->turn, &p->mu);
            p->streamers--;
        }
        pthread_mutex_unlock(&p->mu);
    }
    cli_sink_stream(p->sink, out);
}

/* Annotate and write the document of slot sl, place seq in the input
 * order; a record written to a stream goes out as it grows. */
static void render(pool *p, slot *sl, size_t seq, ann_scratch *sc)
{
    const ann_engine *e = p->e;
    const cli_sink *s = p->sink;
    ann_doc *d = sl->doc;
    if (!d)
        return;
    ann_time(ANN_T_OTHER);
    ann_annotate_with(e, d, sc);
    ann_write_opts wo = *s->wo;
    streamer st = {p, seq};
    if (cli_sink_streams(s)) {
        wo.flush = stream_out;
        wo.flush_ctx = &st;
        wo.flush_at = STREAM_BYTES;
    }
    s->w->doc(&sl->res.out, d, &wo);
    ann_time(ANN_T_WRITE);
    if (s->dir || s->page) {
        sl->res.id = ann_xstrdup(d->id);
        sl->res.title = d->title ? ann_xstrdup(d->title) : NULL;
    }
    sl->res.len = d->len;
    if (!cli_quiet)
        for (size_t i = 0; i < d->nwarnings; i++)
            cli_msg_add(&sl->res.msgs, d->path, "warning: %s", d->warnings[i]);
    ann_doc_free(d);
    sl->doc = NULL;
}

static void emit(pool *p, slot *sl)
{
    ann_time(ANN_T_OTHER);
    cli_sink_doc(p->sink, &sl->res);
    ann_time(ANN_T_WRITE);
    if (!sl->res.failed)
        p->prog->docs++;
    p->prog->bytes += (double)sl->res.len;
    progress_tick(p->prog, 0);
    cli_result_free(&sl->res);
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
    ann_scratch *sc = ann_scratch_new();
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next_work == p->next_read && !p->closing) {
            p->idle++;
            pthread_cond_wait(&p->work, &p->mu);
            p->idle--;
        }
        if (p->next_work == p->next_read)
            break;
        size_t seq = p->next_work++;
        slot *sl = &p->ring[seq % p->cap];
        pthread_mutex_unlock(&p->mu);
        slot mine = *sl;
        render(p, &mine, seq, sc);
        pthread_mutex_lock(&p->mu);
        *sl = mine;
        sl->done = 1;
        if (p->writer_waiting && writer_has_work(p))
            pthread_cond_signal(&p->finished);
    }
    pthread_mutex_unlock(&p->mu);
    ann_scratch_free(sc);
    ann_time_done();
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
        size_t len = sl->res.len;
        emit(p, sl);            /* only this thread touches a done slot */
        pthread_mutex_lock(&p->mu);
        p->next_write++;
        if (p->streamers)
            pthread_cond_broadcast(&p->turn);
        p->bytes -= len;
        wait = 0;
    }
    pthread_mutex_unlock(&p->mu);
}

/* Hand on a document (or, d NULL, an input that could not be read) with
 * the messages read so far; msgs is taken over. */
static void submit(pool *p, ann_doc *d, ann_buf *msgs, long jobs)
{
    slot in = {d, {0}, 0};
    in.res.msgs = *msgs;
    in.res.failed = d == NULL;
    in.res.len = d ? d->len : 0;
    memset(msgs, 0, sizeof *msgs);
    if (jobs <= 1) {
        render(p, &in, 0, p->scratch);
        emit(p, &in);
        return;
    }
    /* every worker gets a document; beyond that, the ring and the byte
     * budget bound what is read ahead */
    for (;;) {
        size_t inflight = p->next_read - p->next_write;
        if (inflight < p->jobs ||
            (inflight < p->cap && p->bytes + in.res.len <= IN_FLIGHT_BYTES))
            break;
        flush_ready(p, 1);
    }
    pthread_mutex_lock(&p->mu);
    p->ring[p->next_read % p->cap] = in;
    p->next_read++;
    p->bytes += in.res.len;
    if (p->idle)
        pthread_cond_signal(&p->work);
    pthread_mutex_unlock(&p->mu);
    flush_ready(p, 0);
}

static void note(ann_buf *msgs, const char *path, const char *what, const char *text)
{
    if (!cli_quiet)
        cli_msg_add(msgs, path, "%s%s", what, text);
}

/* Read every document of one input and hand it on; returns 0 or -1. */
static int process_input(pool *p, const cli_options *o, const char *path, const char *id)
{
    char err[512];
    ann_buf msgs = {0};
    ann_time(ANN_T_OTHER);
    ann_reader *r = ann_reader_open(path, o->in_fmt, &p->e->reading, err, sizeof err);
    ann_time(ANN_T_READ);
    if (!r) {
        note(&msgs, path, "", err);
        submit(p, NULL, &msgs, o->jobs);
        return -1;
    }
    ann_reader_set_id(r, id);
    int status = 0, rc;
    ann_doc *d;
    /* With --line-buffered a stream's records go out before the next read,
     * which may wait for input a long time (tail -f ... | annotate -). */
    int drain = o->line_buffered && o->jobs > 1 && ann_reader_may_wait(r);
    while (!p->sink->broken && (rc = ann_reader_next(r, &d, err, sizeof err)) != 0) {
        ann_time(ANN_T_READ);
        const char *guess = ann_reader_guess(r);
        if (guess)
            note(&msgs, path, "warning: ", guess);
        if (rc < 0) {
            note(&msgs, path, "", err);
            status = -1;
        }
        submit(p, d, &msgs, o->jobs);
        while (drain && p->next_write < p->next_read)
            flush_ready(p, 1);
        ann_time(ANN_T_OTHER);
        if (rc < 0 && !d)
            break;
    }
    ann_reader_close(r);
    return status;
}

/* Workers leave SIGINT and SIGTERM to the writing thread (cli_outdir.c). */
static void start_workers(pool *p, pthread_t *threads, long n)
{
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, &old);
    for (long i = 0; i < n; i++)
        if (pthread_create(&threads[i], NULL, worker, p) != 0) {
            cli_error(NULL, "cannot start worker threads");
            exit(EXIT_TROUBLE);
        }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

static void stop_workers(pool *p, pthread_t *threads, long n)
{
    flush_ready(p, 1);
    pthread_mutex_lock(&p->mu);
    p->closing = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mu);
    for (long i = 0; i < n; i++)
        pthread_join(threads[i], NULL);
    flush_ready(p, 1);
}

int cli_run(const cli_options *o, const ann_engine *e, cli_sink *s, char **inputs,
            size_t ninputs)
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
        pthread_cond_init(&p.turn, NULL);
        threads = ann_xcalloc((size_t)nthreads, sizeof *threads);
        start_workers(&p, threads, nthreads);
    } else {
        p.scratch = ann_scratch_new();
    }
    char **ids = cli_input_ids(inputs, ninputs);
    int status = 0;
    cli_sink_begin(s);
    for (size_t i = 0; i < ninputs && !s->broken; i++) {
        if (process_input(&p, o, inputs[i], ids[i]) < 0)
            status = EXIT_UNREADABLE;
        prog.inputs_done++;
    }
    if (nthreads) {
        stop_workers(&p, threads, nthreads);
        free(threads);
        free(p.ring);
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.work);
        pthread_cond_destroy(&p.finished);
        pthread_cond_destroy(&p.turn);
    }
    ann_scratch_free(p.scratch);
    cli_input_ids_free(ids, ninputs);
    cli_sink_end(s);
    progress_tick(&prog, 1);
    return status;
}
