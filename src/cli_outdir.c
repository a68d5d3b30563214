/*
 * cli_outdir.c - --out-dir: one file per document, written to a temporary
 * file beside its final name and moved into place, so that no reader ever
 * sees half a file.  A file that exists is not replaced unless --force
 * says so: it is moved in with link(), which fails if the name is taken,
 * so even a file that appears during the run is never overwritten.
 *
 * A SIGINT or SIGTERM removes the temporary file being written, then ends
 * the program by the same signal.  Only the writing thread writes files,
 * so at most one temporary file lives at a time: the handler's "list" is
 * one pointer, set and cleared with the signals blocked around it, and
 * read by the handler without allocating (unlink is async-signal-safe).
 * The worker threads block these signals, so the handler only ever runs
 * on the writing thread, between two of its steps.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static char *_Atomic live_tmp;    /* the temporary file being written, or NULL */

static void on_signal(int sig)
{
    char *tmp = atomic_load(&live_tmp);
    if (tmp)
        unlink(tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

void cli_outdir_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGINT);
    sigaddset(&sa.sa_mask, SIGTERM);
    sigaddset(&sa.sa_mask, SIGHUP);
    int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        struct sigaction old;
        /* a signal the shell told us to ignore (nohup, a background job)
         * stays ignored */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
}

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

int cli_outdir_prepare(const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0 && mkdir(dir, 0777) != 0) {
        cli_error(dir, "%s", strerror(errno));
        return -1;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        cli_error(dir, "not a directory");
        return -1;
    }
    if (access(dir, W_OK | X_OK) != 0) {
        cli_error(dir, "%s", strerror(errno));
        return -1;
    }
    return 0;
}

char *cli_outdir_name(const char *id)
{
    char *p = ann_xasprintf("%s%s", id[0] == '.' || id[0] == '\0' ? "_" : "", id);
    for (char *c = p; *c; c++)
        if (*c == '/' || *c == '\\')
            *c = '_';
    return p;
}

/* A temporary file in the directory, registered for the signal handler. */
static int make_tmp(char *tmp)
{
    sigset_t old;
    block_signals(&old);
    int fd = mkstemp(tmp);
    if (fd >= 0)
        atomic_store(&live_tmp, tmp);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return fd;
}

static void drop_tmp(char *tmp)
{
    unlink(tmp);                      /* gone already when moved into place */
    atomic_store(&live_tmp, NULL);
}

static int write_all(int fd, const ann_buf *pieces, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *p = pieces[i].p;
        size_t left = pieces[i].len;
        while (left > 0) {
            ssize_t w = write(fd, p, left);
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return -1;
            p += w;
            left -= (size_t)w;
        }
    }
    return 0;
}

/* Move tmp to final: replacing a file only with force. */
static int put_in_place(const char *tmp, const char *final, int force)
{
    if (force)
        return rename(tmp, final);
    if (link(tmp, final) == 0)
        return 0;
    if (errno == EEXIST)
        return -1;
    /* a file system without hard links: check, then rename (the check and
     * the rename are two steps here, the best such a system allows) */
    if (errno == EPERM || errno == ENOTSUP || errno == EOPNOTSUPP) {
        struct stat st;
        if (lstat(final, &st) == 0) {
            errno = EEXIST;
            return -1;
        }
        return rename(tmp, final);
    }
    return -1;
}

int cli_outdir_write(const char *dir, const char *name, const char *ext, int force,
                     const ann_buf *pieces, size_t n)
{
    char *final = ann_xasprintf("%s/%s.%s", dir, name, ext);
    char *tmp = ann_xasprintf("%s/.%s.%s.XXXXXX", dir, name, ext);
    int fd = make_tmp(tmp);
    int ok = fd >= 0 && write_all(fd, pieces, n) == 0;
    int err = errno;
    if (fd >= 0) {
        ok = fchmod(fd, 0644) == 0 && ok;
        if (close(fd) != 0 && ok) {
            ok = 0;
            err = errno;
        }
    }
    if (ok && put_in_place(tmp, final, force) != 0) {
        ok = 0;
        err = errno;
    }
    if (fd >= 0)
        drop_tmp(tmp);
    if (!ok) {
        if (err == EEXIST)
            cli_error(final, "file exists, not overwritten (--force replaces it)");
        else
            cli_error(final, "%s", strerror(err ? err : EIO));
    }
    free(final);
    free(tmp);
    return ok ? 0 : -1;
}
