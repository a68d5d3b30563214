/*
 * gencorpus.c - the benchmark corpus, built deterministically from the seed
 * articles: each seed is written again and again, every copy with its names,
 * places, months, weekdays, years, days and other numbers rotated, so that
 * no two documents are the same and the annotators see the usual mix.
 *
 *   gencorpus OUTDIR TOTAL_BYTES BIGFILE SEED...
 *
 * writes OUTDIR/000000.txt, 000001.txt, ... (one article each) until
 * TOTAL_BYTES are written, and the same articles, separated by blank lines,
 * into the single document BIGFILE (skipped when BIGFILE is "-").  Prints
 * "FILES BYTES LARGEST" on standard output.  No randomness: the same seeds
 * and size give the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Words that are swapped within their group: copy k replaces member i by
 * member (i + k) mod n.  Ukraine and Russia stay: they are the topic. */
static const char *const surnames[] = {
    "Putin", "Zelensky", "Zelenskyy", "Macron", "Scholz", "Kyslytsya", "Medinsky",
    "Lavrov", "Johnson", "Biden", "Trump", "Podoliak", "Blinken", "Erdogan",
    "Kuleba", "Stoltenberg", "Sunak", "Merkel", "Orban", "Duda", "Peskov",
    "Shoigu", "Yermak", "Sullivan", NULL};
static const char *const given[] = {
    "Vladimir", "Volodymyr", "Emmanuel", "Olaf", "Sergey", "Boris", "Joe",
    "Donald", "Antony", "Dmytro", "Recep", "Jens", "Rishi", "Angela", "Viktor",
    "Andrzej", "Dmitry", "Andriy", "Jake", "Mykhailo", NULL};
static const char *const cities[] = {
    "Istanbul", "Kyiv", "Moscow", "Kiev", "Minsk", "Mariupol", "Anchorage",
    "Washington", "Geneva", "Ankara", "Warsaw", "Berlin", "Paris", "London",
    "Kharkiv", "Odesa", "Brussels", "Vienna", "Helsinki", "Riyadh", NULL};
static const char *const countries[] = {
    "Belarus", "China", "Turkey", "Crimea", "France", "Germany", "Poland",
    "Hungary", "Finland", "Georgia", "Moldova", "Austria", "Romania", "Slovakia",
    "India", "Brazil", "Israel", "Iran", NULL};
static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", NULL};
static const char *const weekdays[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", NULL};
static const char *const *const groups[] = {surnames, given, cities, countries, months,
                                            weekdays, NULL};

typedef struct {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 65536;
        while (cap < b->len + n)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p) {
            perror("gencorpus");
            exit(2);
        }
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static int is_alpha(unsigned char c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static const char *swap_word(const char *w, size_t n, unsigned long k)
{
    for (size_t g = 0; groups[g]; g++) {
        size_t count = 0, hit = (size_t)-1;
        for (const char *const *m = groups[g]; *m; m++, count++)
            if (strlen(*m) == n && memcmp(*m, w, n) == 0)
                hit = count;
        if (hit != (size_t)-1)
            return groups[g][(hit + k) % count];
    }
    return NULL;
}

/* Copy k of a seed text. */
static void vary(buf *out, const char *s, size_t n, unsigned long k)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        /* a word: ASCII letters not glued to other letters (UTF-8 or ASCII) */
        if (is_alpha(c) && (i == 0 || !(is_alpha((unsigned char)s[i - 1]) ||
                                        (unsigned char)s[i - 1] >= 0x80))) {
            size_t j = i;
            while (j < n && is_alpha((unsigned char)s[j]))
                j++;
            const char *w = (j < n && (unsigned char)s[j] >= 0x80) ? NULL
                                                                    : swap_word(s + i, j - i, k);
            if (w)
                put(out, w, strlen(w));
            else
                put(out, s + i, j - i);
            i = j;
            continue;
        }
        if (is_digit(c) && (i == 0 || !is_digit((unsigned char)s[i - 1]))) {
            size_t j = i;
            unsigned long v = 0;
            while (j < n && is_digit((unsigned char)s[j]) && j - i < 9)
                v = v * 10 + (unsigned long)(s[j++] - '0');
            while (j < n && is_digit((unsigned char)s[j]))
                j++;
            char num[64];
            size_t len = j - i;
            if (len == 4 && v >= 1990 && v <= 2030) {
                snprintf(num, sizeof num, "%lu", v + k % 7 - 3);   /* 1987..2033 */
                put(out, num, strlen(num));
            } else if (len <= 2 && v >= 1 && v <= 31) {
                snprintf(num, sizeof num, s[i] == '0' ? "%02lu" : "%lu", k ? (v - 1 + k) % 28 + 1 : v);
                put(out, num, strlen(num));
            } else {
                for (size_t d = 0; d < len && d < sizeof num - 1; d++) {
                    int x = (s[i + d] - '0' + (int)(k % 10)) % 10;
                    if (d == 0 && x == 0 && len > 1)
                        x = 1;
                    num[d] = (char)('0' + x);
                }
                put(out, num, len < sizeof num - 1 ? len : sizeof num - 1);
            }
            i = j;
            continue;
        }
        put(out, s + i, 1);
        i++;
    }
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    buf b = {0};
    char tmp[65536];
    size_t got;
    while ((got = fread(tmp, 1, sizeof tmp, f)) > 0)
        put(&b, tmp, got);
    fclose(f);
    *n = b.len;
    return b.p;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: gencorpus OUTDIR TOTAL_BYTES BIGFILE SEED...\n");
        return 2;
    }
    const char *dir = argv[1];
    unsigned long long total = strtoull(argv[2], NULL, 10);
    const char *bigpath = argv[3];
    int nseeds = argc - 4;
    char **seed = calloc((size_t)nseeds, sizeof *seed);
    size_t *seedlen = calloc((size_t)nseeds, sizeof *seedlen);
    for (int i = 0; i < nseeds; i++)
        seed[i] = slurp(argv[4 + i], &seedlen[i]);

    FILE *big = strcmp(bigpath, "-") ? fopen(bigpath, "wb") : NULL;
    if (strcmp(bigpath, "-") && !big) {
        perror(bigpath);
        return 2;
    }
    unsigned long long written = 0;
    size_t largest = 0;
    unsigned long files = 0;
    buf doc = {0};
    char path[4096];
    while (written < total) {
        int s = (int)(files % (unsigned long)nseeds);
        unsigned long k = files / (unsigned long)nseeds;
        doc.len = 0;
        vary(&doc, seed[s], seedlen[s], k);
        while (doc.len && doc.p[doc.len - 1] == '\n')
            doc.len--;
        put(&doc, "\n", 1);
        snprintf(path, sizeof path, "%s/%06lu.txt", dir, files);
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(doc.p, 1, doc.len, f) != doc.len || fclose(f) != 0) {
            perror(path);
            return 2;
        }
        if (big && ((files && fwrite("\n", 1, 1, big) != 1) ||
                    fwrite(doc.p, 1, doc.len, big) != doc.len)) {
            perror(bigpath);
            return 2;
        }
        written += doc.len;
        if (doc.len > largest)
            largest = doc.len;
        files++;
    }
    if (big && fclose(big) != 0) {
        perror(bigpath);
        return 2;
    }
    printf("%lu %llu %zu\n", files, written, largest);
    for (int i = 0; i < nseeds; i++)
        free(seed[i]);
    free(seed);
    free(seedlen);
    free(doc.p);
    return 0;
}
