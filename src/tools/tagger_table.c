/*
 * tagger_table - write the name tagger's built-in model as C: the tables
 * that ann_tagger_load would build from the model file, as const arrays,
 * so that annotate uses them in place and reads no model at start-up.
 * Build-time tool (the Makefile runs it):
 *     tagger_table src/rules/tagger/weights.tsv > tagger_data.c
 * It reads the file with the program's own loader (src/tagger_model.c),
 * so the slots are where the run time looks.  A model the loader refuses
 * (of other labels or features: stale until `make train`) gives an empty
 * model and a warning, so that the trainer can still be built.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tagger.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t n = 0, cap = 0, got;
    do {
        if (n + 65536 > cap) {
            cap = (n + 65536) * 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
    } while (got > 0);
    fclose(f);
    *len = n;
    return buf;
}

static void write_pass(const tg_table *tb, int p)
{
    size_t cap = tb->mask + 1;
    printf("static const uint32_t check%d[%zu] = {", p, cap);
    for (size_t i = 0; i < cap; i++)
        printf(tb->check[i] ? "%s0x%x" : "%s%u", i == 0 ? "\n" : i % 16 ? "," : ",\n", tb->check[i]);
    printf("};\n");
    /* only the rows of the features held: the rest are zero, as the SSE2
     * sums want an empty slot's row to be (tagger_model.c) */
    printf("static _Alignas(16) const int16_t rows%d[%zu][TG_NW] = {", p, cap);
    for (size_t i = 0; i < cap; i++) {
        if (!tb->check[i])
            continue;
        printf("\n[%zu]={", i);
        for (int l = 0; l < TG_NW; l++)
            printf(l ? ",%d" : "%d", tb->w[i][l]);
        printf("},");
    }
    printf("};\n");
}

/* The rows of the features of small domains of pass p, by dense index. */
static void write_dense(const tg_table *tb, int p)
{
    static int16_t rows[TG_NDENSE][TG_NW];
    tg_dense_rows(tb, rows);
    printf("static _Alignas(16) const int16_t dense%d[TG_NDENSE][TG_NW] = {", p);
    for (size_t k = 0; k < TG_NDENSE; k++) {
        printf("\n{");
        for (int l = 0; l < TG_NW; l++)
            printf(l ? ",%d" : "%d", rows[k][l]);
        printf("},");
    }
    printf("};\n");
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: tagger_table MODEL > tagger_data.c\n");
        return 2;
    }
    size_t len = 0;
    char *data = slurp(argv[1], &len);
    if (!data) {
        perror(argv[1]);
        return 2;
    }
    ann_tagger *t = ann_tagger_new();
    char err[512];
    if (ann_tagger_load(t, argv[1], data, len, err, sizeof err) < 0)
        fprintf(stderr, "tagger_table: warning: %s: the built-in tagger is empty (make train)\n", err);
    free(data);
    const tg_model *m = ann_tagger_model(t);
    printf("/* made by src/tools/tagger_table.c from %s: do not edit */\n"
           "#include \"tagger.h\"\n\n", argv[1]);
    for (int p = 0; p < m->npasses; p++) {
        write_pass(&m->pass[p], p);
        write_dense(&m->pass[p], p);
    }
    if (m->npasses < TG_PASSES)
        printf("static const uint32_t no_check[1];\n"
               "static _Alignas(16) const int16_t no_dense[TG_NDENSE][TG_NW];\n");
    printf("\nconst tg_model tg_builtin_model = {{");
    for (int p = 0; p < TG_PASSES; p++) {
        if (p < m->npasses)
            printf("\n    {check%d, rows%d, %zu, %zu},", p, p, m->pass[p].mask, m->pass[p].n);
        else
            printf("\n    {no_check, NULL, 0, 0},");
    }
    printf("\n}, %d, {", m->npasses);
    for (int p = 0; p < TG_PASSES; p++) {
        printf("\n  {");
        for (int a = 0; a < TG_NLABELS; a++) {
            printf("\n    {");
            for (int b = 0; b < TG_NLABELS; b++) {
                printf("{");
                for (int l = 0; l < TG_NW; l++)
                    printf(l ? ",%d" : "%d", (int)m->trans[p][a][b][l]);
                printf("},");
            }
            printf("},");
        }
        printf("},");
    }
    printf("}, {");
    for (int p = 0; p < TG_PASSES; p++)
        if (p < m->npasses)
            printf("dense%d, ", p);
        else
            printf("no_dense, ");
    printf("}};\n");
    ann_tagger_free(t);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("tagger_table");
        return 2;
    }
    return 0;
}
