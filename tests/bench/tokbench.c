/*
 * tokbench.c - the tokenizer alone: reads each file given (whole, outside
 * the timing) and tokenizes it window by window as the pipeline does, then
 * prints "BYTES TOKENS SECONDS" (tokenizing time only).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tokenizer.h"

#define WINDOW_BYTES (256 * 1024)   /* as in src/annotate.c */

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    char *text = NULL;
    size_t cap = 0;
    unsigned long long bytes = 0, tokens = 0;
    double secs = 0;
    ann_tokens toks = {0};
    for (int a = 1; a < argc; a++) {
        FILE *f = fopen(argv[a], "rb");
        if (!f) {
            perror(argv[a]);
            return 2;
        }
        size_t len = 0, got;
        for (;;) {
            if (cap - len < 65536 + 1) {
                cap = cap ? cap * 2 : 1 << 20;
                text = realloc(text, cap);
                if (!text) {
                    perror("tokbench");
                    return 2;
                }
            }
            got = fread(text + len, 1, cap - len - 1, f);
            if (got == 0)
                break;
            len += got;
        }
        fclose(f);
        text[len] = '\0';
        double t0 = now();
        ann_tokenizer tz;
        ann_tokenizer_init(&tz, text, len, NULL);
        size_t n;
        while ((n = ann_tokenize_window(&tz, &toks, WINDOW_BYTES)) > 0)
            tokens += n;
        secs += now() - t0;
        bytes += len;
    }
    printf("%llu %llu %.4f\n", bytes, tokens, secs);
    ann_tokens_free(&toks);
    free(text);
    return 0;
}
