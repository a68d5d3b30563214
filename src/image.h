/*
 * image.h - the built-in rules compiled at build time.  The build tool
 * (src/tools/compile_rules.c) loads src/rules/ with the loaders annotate
 * runs, and each kind writes what it built into one image of aligned
 * arrays (its save function); the binary holds the image as a C array
 * (build/rules_compiled.c) and each kind points its tables into it (its
 * attach function), read-only and in place: no line is parsed and no
 * index built at start-up.  A kind the user's --rules extend is built at
 * run time as before, from the embedded sources and the user's files.
 *
 * Inside the image an array is named by its offset (0: none, so that an
 * empty array attaches as NULL as it was), strings by the offset of their
 * first byte, NUL-terminated.  Arrays of structs are written as their
 * bytes: such a struct has no padding the compiler may leave undefined,
 * so that the same rules give the same image.
 */
#ifndef ANN_IMAGE_H
#define ANN_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "table.h"

/* The kinds with compiled tables, a bit each in ann_engine.compiled. */
enum {
    ANN_IMG_RULES,         /* lexicons (and the cue list as lexicon entries) */
    ANN_IMG_DATES,
    ANN_IMG_CLAIMS,
    ANN_IMG_LANG,
    ANN_IMG_MONTHS,
    ANN_IMG_HTML,
    ANN_IMG_NKINDS
};

/* An image being written (the build tool, the tests). */
typedef struct ann_img {
    unsigned char *p;
    size_t len, cap;
} ann_img;

/* Start an image with its header. */
void ann_img_init(ann_img *im);
/* Append n bytes at a multiple of align (a power of two, at most 64):
 * their offset, 0 when n is 0. */
uint64_t ann_img_put(ann_img *im, const void *data, size_t n, size_t align);
/* Append s[0..n) and a NUL: its offset (never 0). */
uint64_t ann_img_str(ann_img *im, const char *s, size_t n);
void ann_img_free(ann_img *im);

/* An image in use: its bytes (aligned to 64) and, per kind, the offset of
 * the kind's header, 0 for a kind not compiled. */
typedef struct ann_image {
    const unsigned char *p;
    size_t len;
    uint64_t root[ANN_IMG_NKINDS];
} ann_image;

/* The binary's image (build/rules_compiled.c); in the build tool, which
 * makes it, an empty one. */
extern const ann_image ann_compiled;

/* A hash table (table.h) in an image: its slots, mask and count. */
typedef struct ann_img_table {
    uint64_t slot, mask, n;
} ann_img_table;

ann_img_table ann_img_put_table(ann_img *im, const ann_table *t);

/* Is im an image this build can read (its header: magic, sizes)? */
int ann_img_valid(const ann_image *im);

static inline const void *ann_img_at(const ann_image *im, uint64_t off)
{
    return off ? (const void *)(im->p + off) : NULL;
}

/* ann_engine_new building every kind from its sources, as if no table
 * were compiled: the build tool, and the tests that compare the two. */
struct ann_engine;
struct ann_engine *ann_engine_new_from_source(int no_builtin, const char *const *user_rules,
                                              size_t nuser, char *err, size_t errlen);

/* Write the tables of every kind of e into im: root[k] (ANN_IMG_NKINDS
 * of them) the offset of kind k's header, 0 for a kind not compiled. */
void ann_engine_save(const struct ann_engine *e, ann_img *im, uint64_t *root);

/* The table x of im, its slots in place. */
static inline ann_table ann_img_table_at(const ann_image *im, const ann_img_table *x)
{
    ann_table t = {(ann_table_slot *)ann_img_at(im, x->slot), (size_t)x->mask, (size_t)x->n};
    return t;
}

/* Each kind's tables: save writes them into an image (the build tool)
 * and returns the offset of their header, 0 when they cannot be compiled;
 * attach makes them again from an image, pointing into it, NULL when it
 * cannot (then the engine loads the kind from its sources).  What attach
 * returns is freed by the kind's own free function. */
struct ann_rules;
struct ann_abbrevs;
struct ann_date_rules;
struct ann_claim_rules;
uint64_t ann_rules_save(const struct ann_rules *r, ann_img *im);
struct ann_rules *ann_rules_attach(const ann_image *im, uint64_t root,
                                   const struct ann_abbrevs *abbrevs);
uint64_t ann_date_rules_save(const struct ann_date_rules *r, ann_img *im);
struct ann_date_rules *ann_date_rules_attach(const ann_image *im, uint64_t root);
uint64_t ann_claim_rules_save(const struct ann_claim_rules *r, ann_img *im);
struct ann_claim_rules *ann_claim_rules_attach(const ann_image *im, uint64_t root);
struct ann_lang;
struct ann_months;
struct ann_html_rules;
uint64_t ann_lang_save(const struct ann_lang *l, ann_img *im);
struct ann_lang *ann_lang_attach(const ann_image *im, uint64_t root);
uint64_t ann_months_save(const struct ann_months *m, ann_img *im);
struct ann_months *ann_months_attach(const ann_image *im, uint64_t root);
uint64_t ann_html_rules_save(const struct ann_html_rules *h, ann_img *im);
struct ann_html_rules *ann_html_rules_attach(const ann_image *im, uint64_t root);

#endif
