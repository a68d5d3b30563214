/*
 * lowercase_words - learn the words news writes in lower case
 * (src/rules/meta/lowercase.txt) from the training splits' texts.  `make
 * train` runs it.
 *
 *     lowercase_words [-o OUT] DIR ...
 *
 * The name tagger reads a capitalized word that opens a sentence, alone,
 * as a name more often than it should ("Debris fell", "Polls show",
 * "Overwhelmingly, voters ..."): it has seen too few of them in its
 * training to know the word.  The texts know it: a word that they write in
 * lower case and never capitalize alone inside a sentence of prose is a
 * word, not a one-word name.  (Alone: "Medicine" in "School of Medicine"
 * is part of a name, not one; prose: a line of mostly lower-case words,
 * not a title-case headline.)  The name finder (entities.c, sentence_word)
 * takes such a word at a sentence's start for the word, where the
 * document does not capitalize it inside a sentence itself.
 *
 * DIR holds ID.txt documents, read with the built-in rules' tokenizer as
 * annotate reads them.  A word qualifies when written in lower case at
 * least MIN_LOWER times and capitalized alone inside prose never; it is
 * of ASCII letters only, three or more.  Same texts, same bytes: the list
 * is sorted.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "annotate.h"
#include "rulefile.h"
#include "table.h"
#include "tokenizer.h"

#define MIN_LOWER 2
#define MIN_LEN 3
#define MAX_LEN 40
#define PROSE_SHARE 0.6       /* of a line's words in lower case: prose */

typedef struct word {
    char *w;                   /* lower case */
    size_t lower, capital;     /* in lower case; capitalized alone in prose */
} word;

typedef struct counts {
    word *v;
    size_t n, cap;
    ann_table index;           /* ann_hash of w */
} counts;

static word *word_of(counts *c, const char *s, size_t n)
{
    char low[MAX_LEN];
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(s[i] | 0x20);
    uint64_t h = ann_hash(low, n);
    size_t pos = 0, i;
    while ((i = ann_table_next(&c->index, h, &pos)) != ANN_TABLE_END)
        if (strlen(c->v[i].w) == n && memcmp(c->v[i].w, low, n) == 0)
            return &c->v[i];
    word w = {ann_xstrndup(low, n), 0, 0};
    ann_table_put(&c->index, h, c->n);
    ANN_PUSH(c->v, c->n, c->cap, w);
    return &c->v[c->n - 1];
}

/* Whether t is a word of MIN_LEN to MAX_LEN ASCII letters. */
static int plain_word(const char *text, const ann_token *t)
{
    size_t n = t->end - t->start;
    if (t->kind != ANN_TOK_WORD || n < MIN_LEN || n >= MAX_LEN)
        return 0;
    for (size_t i = t->start; i < t->end; i++)
        if (((unsigned char)text[i] | 0x20) < 'a' || ((unsigned char)text[i] | 0x20) > 'z')
            return 0;
    return 1;
}

static int capital(const ann_token *t)
{
    return t->kind == ANN_TOK_WORD && (t->flags & (ANN_TF_TITLE | ANN_TF_UPPER));
}

/* Count the words of the line tok[a, b). */
static void count_line(counts *c, const char *text, const ann_token *tok, size_t ntok, size_t a,
                       size_t b)
{
    size_t words = 0, lower = 0;
    for (size_t i = a; i < b; i++)
        if (tok[i].kind == ANN_TOK_WORD) {
            words++;
            lower += (tok[i].flags & ANN_TF_LOWER) != 0;
        }
    int prose = words > 0 && (double)lower >= PROSE_SHARE * (double)words;
    for (size_t i = a; i < b; i++) {
        const ann_token *t = &tok[i];
        if (!plain_word(text, t))
            continue;
        if (t->flags & ANN_TF_LOWER)
            word_of(c, text + t->start, t->end - t->start)->lower++;
        else if (prose && capital(t) && !(t->flags & (ANN_TF_SENT_START | ANN_TF_LINE_START)) &&
                 !(i > 0 && capital(&tok[i - 1])) && !(i + 1 < ntok && capital(&tok[i + 1])))
            word_of(c, text + t->start, t->end - t->start)->capital++;
    }
}

static void count_text(counts *c, const ann_engine *e, const char *text, size_t len,
                       ann_tokens *toks)
{
    ann_tokenizer tz;
    ann_tokenizer_init(&tz, text, len, e->abbrevs);
    while (ann_tokenize_window(&tz, toks, ANN_WINDOW_BYTES) > 0) {
        size_t a = 0;
        for (size_t i = 1; i <= toks->n; i++)
            if (i == toks->n || (toks->v[i].flags & ANN_TF_LINE_START)) {
                count_line(c, text, toks->v, toks->n, a, i);
                a = i;
            }
    }
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_word(const void *a, const void *b)
{
    return strcmp(((const word *)a)->w, ((const word *)b)->w);
}

/* The ID.txt files of dir, sorted; NULL when it cannot be read. */
static char **txt_files(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    for (struct dirent *de; (de = readdir(d));) {
        size_t k = strlen(de->d_name);
        if (k > 4 && strcmp(de->d_name + k - 4, ".txt") == 0) {
            char *p = ann_xmalloc(strlen(dir) + k + 2);
            sprintf(p, "%s/%s", dir, de->d_name);
            ANN_PUSH(v, *n, cap, p);
        }
    }
    closedir(d);
    if (*n)
        qsort(v, *n, sizeof *v, by_name);
    return v;
}

static int count_dir(counts *c, const ann_engine *e, const char *dir, ann_tokens *toks)
{
    size_t n;
    char **files = txt_files(dir, &n), err[512];
    if (!files) {
        fprintf(stderr, "lowercase_words: %s: cannot read the directory\n", dir);
        return -1;
    }
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        char *text = ann_rule_read_file(files[i], &len, err, sizeof err);
        if (!text) {
            fprintf(stderr, "lowercase_words: %s\n", err);
            rc = -1;
        } else {
            count_text(c, e, text, len, toks);
            free(text);
        }
        free(files[i]);
    }
    free(files);
    return rc;
}

static int write_list(counts *c, FILE *out, int argc, char **argv, int first)
{
    qsort(c->v, c->n, sizeof *c->v, by_word);
    fputs("# meta/lowercase.txt - words news writes in lower case, one a line: written so\n"
          "# at least twice and never capitalized alone inside a sentence of prose in the\n"
          "# training texts.  A one-word name no list holds that opens a sentence and is\n"
          "# one of these is the word (\"Debris fell\"), unless the document capitalizes\n"
          "# it inside a sentence.  Learned by src/tools/lowercase_words.c (make train)\n"
          "# from:", out);
    for (int i = first; i < argc; i++) {
        const char *s = strstr(argv[i], "dev/");
        fprintf(out, " %s", s ? s + 4 : argv[i]);
    }
    fputs("\n", out);
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].lower >= MIN_LOWER && c->v[i].capital == 0)
            fprintf(out, "%s\n", c->v[i].w);
    return ferror(out) ? -1 : 0;
}

int main(int argc, char **argv)
{
    const char *outname = NULL;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-o") == 0) {
        outname = argv[2];
        first = 3;
    }
    if (first >= argc) {
        fputs("usage: lowercase_words [-o OUT] DIR ...\n", stderr);
        return 2;
    }
    char err[512];
    ann_engine *e = ann_engine_new(0, NULL, 0, err, sizeof err);
    if (!e) {
        fprintf(stderr, "lowercase_words: %s\n", err);
        return 2;
    }
    counts c = {0};
    ann_tokens toks = {0};
    int rc = 0;
    for (int i = first; i < argc; i++)
        rc |= count_dir(&c, e, argv[i], &toks);
    FILE *out = outname ? fopen(outname, "w") : stdout;
    if (!out) {
        fprintf(stderr, "lowercase_words: %s: cannot write\n", outname);
        rc = -1;
    } else {
        rc |= write_list(&c, out, argc, argv, first);
        if (outname && fclose(out) != 0)
            rc = -1;
    }
    for (size_t i = 0; i < c.n; i++)
        free(c.v[i].w);
    free(c.v);
    ann_table_free(&c.index);
    ann_tokens_free(&toks);
    ann_engine_free(e);
    return rc ? 1 : 0;
}
