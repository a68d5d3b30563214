/*
 * image.c - writing an image of compiled tables, and checking one before
 * it is used (see image.h).
 */
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "image.h"

/* The header: a magic word, then the sizes of the types the kinds' arrays
 * are made of, so that an image is never read by a build it does not fit. */
typedef struct img_header {
    char magic[8];
    uint32_t sizes[4];
} img_header;

static void header_of(img_header *h)
{
    memset(h, 0, sizeof *h);
    memcpy(h->magic, "annimg1", 8);
    h->sizes[0] = (uint32_t)sizeof(void *);
    h->sizes[1] = (uint32_t)sizeof(size_t);
    h->sizes[2] = (uint32_t)sizeof(unsigned);
    h->sizes[3] = (uint32_t)sizeof(long);
}

void ann_img_init(ann_img *im)
{
    memset(im, 0, sizeof *im);
    img_header h;
    header_of(&h);
    ann_img_put(im, &h, sizeof h, 8);
}

uint64_t ann_img_put(ann_img *im, const void *data, size_t n, size_t align)
{
    if (n == 0)
        return 0;
    size_t at = (im->len + align - 1) & ~(align - 1);
    ann_grow((void **)&im->p, &im->cap, at + n, 1);
    memset(im->p + im->len, 0, at - im->len);
    memcpy(im->p + at, data, n);
    im->len = at + n;
    return at;
}

uint64_t ann_img_str(ann_img *im, const char *s, size_t n)
{
    ann_grow((void **)&im->p, &im->cap, im->len + n + 1, 1);
    uint64_t at = im->len;
    if (n > 0)
        memcpy(im->p + at, s, n);
    im->p[at + n] = '\0';
    im->len += n + 1;
    return at;
}

ann_img_table ann_img_put_table(ann_img *im, const ann_table *t)
{
    ann_img_table x = {0, t->mask, t->n};
    if (t->slot)
        x.slot = ann_img_put(im, t->slot, (t->mask + 1) * sizeof *t->slot, 8);
    return x;
}

void ann_img_free(ann_img *im)
{
    free(im->p);
    memset(im, 0, sizeof *im);
}

int ann_img_valid(const ann_image *im)
{
    img_header h;
    header_of(&h);
    return im->p && im->len >= sizeof h && memcmp(im->p, &h, sizeof h) == 0;
}
