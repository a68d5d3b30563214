/*
 * reader_html_score.c - the score-based fallback of the extraction, after
 * Readability: every paragraph of some length scores its parent (and half
 * of it its grandparent) by its commas and length; the scores are scaled
 * down by link density and class/id hints; the best element and those of
 * its siblings that score near it (or read as prose) are the article;
 * inside them, blocks that look like lists of links or widgets go.
 */
#include <string.h>

#include "reader_html.h"

static int class_weight(const hnode *h)
{
    return ((h->hints & HH_GOOD) ? 25 : 0) - ((h->hints & HH_BAD) ? 25 : 0);
}

static double initial(const hnode *h)
{
    double s = class_weight(h);
    switch (h->kind) {
    case HK_DIV: case HK_SECTION: case HK_ARTICLE: case HK_MAIN: return s + 5;
    case HK_PRE: case HK_CELL: case HK_QUOTE: return s + 3;
    case HK_LIST: case HK_LI: case HK_DT: case HK_DD: case HK_BLOCK: return s - 3;
    case HK_H: return s - 5;
    default: return s;
    }
}

static void add_score(hpage *p, size_t i, double s)
{
    hnode *h = &p->v[i];
    if (!(h->flags & HF_SCORED)) {
        h->flags |= HF_SCORED;
        h->score = initial(h);
    }
    h->score += s;
}

/* A paragraph: <p>, <pre>, a cell, or a div with no blocks inside. */
static int is_para(const hnode *h)
{
    return h->kind == HK_P || h->kind == HK_PRE || h->kind == HK_CELL ||
           ((h->kind == HK_DIV || h->kind == HK_SECTION) && h->blocks == 0);
}

static double link_density(const hnode *h)
{
    return h->text ? (double)h->link / (double)h->text : 0.0;
}

/* Readability's conditional cleaning of lists, tables and divs. */
static int junk(const hnode *h)
{
    int w = class_weight(h);
    double cs = (h->flags & HF_SCORED) ? h->score : 0;
    if (w + cs < 0)
        return 1;
    if (h->commas >= 10)
        return 0;
    double ld = link_density(h);
    if (h->licount > h->pcount + 100 && h->kind != HK_LIST)
        return 1;
    if (h->text < 25)
        return 1;
    return (w < 25 && ld > 0.2) || (w >= 25 && ld > 0.5);
}

static int unsound(const hpage *p, size_t i, const void *ctx)
{
    (void)ctx;
    const hnode *h = &p->v[i];
    if (h->kind == HK_H)
        return class_weight(h) < 0 || link_density(h) > 0.33;
    if (h->kind == HK_TABLE || h->kind == HK_LIST || h->kind == HK_DIV || h->kind == HK_SECTION)
        return junk(h);
    return 0;
}

static void sanitize(hpage *p, size_t r)
{
    ann_hpage_stats(p, r, HF_CUT | HF_PRUNED);
    ann_hpage_prune(p, r, unsound, NULL);
}

size_t ann_html_score(hpage *p, size_t *roots, size_t max, int drop_unlikely)
{
    size_t b = p->body, end = p->v[b].end;
    for (size_t i = b; i < end; i++) {
        p->v[i].flags &= (unsigned short)~(HF_PRUNED | HF_SCORED);
        p->v[i].score = p->v[i].sub = 0;
    }
    if (drop_unlikely)
        for (size_t i = b + 1; i < end; i++) {
            hnode *h = &p->v[i];
            if ((h->hints & HH_UNLIKELY) && !(h->hints & HH_MAYBE) && h->kind != HK_ARTICLE &&
                h->kind != HK_MAIN && h->kind != HK_BODY) {
                h->flags |= HF_PRUNED;
                i = h->end - 1;
            }
        }
    ann_hpage_stats(p, b, HF_CUT | HF_PRUNED);
    for (size_t i = b + 1; i < end; i++) {
        hnode *h = &p->v[i];
        if (h->flags & HF_DEAD) {
            i = h->end - 1;
            continue;
        }
        if (!is_para(h) || h->text < 25 || h->parent == HN_NONE)
            continue;
        double s = 1 + (double)h->commas + (h->text / 100 < 3 ? (double)(h->text / 100) : 3);
        add_score(p, h->parent, s);
        size_t gp = p->v[h->parent].parent;
        if (gp != HN_NONE && gp >= b)
            add_score(p, gp, s / 2);
    }
    size_t best = HN_NONE;
    for (size_t i = b; i < end; i++) {
        hnode *h = &p->v[i];
        if (!(h->flags & HF_SCORED) || (h->flags & HF_DEAD))
            continue;
        h->score *= 1 - link_density(h);
        if (best == HN_NONE || h->score > p->v[best].score)
            best = i;
    }
    if (best == HN_NONE) {
        roots[0] = b;
        sanitize(p, b);
        return 1;
    }
    /* Up through wrappers that hold nothing more, so that an article
     * split into sibling blocks (one per paragraph group) is found whole. */
    while (best != b && p->v[best].parent != HN_NONE && p->v[best].parent != b &&
           p->v[p->v[best].parent].text <= p->v[best].text + 20)
        best = p->v[best].parent;
    for (size_t i = end; i-- > b;) {
        hnode *h = &p->v[i];
        if (h->flags & HF_DEAD)
            continue;
        double mine = (h->flags & HF_SCORED) ? h->score : 0;
        h->sub = mine > h->sub ? mine : h->sub;
        if (i > b && p->v[h->parent].sub < h->sub)
            p->v[h->parent].sub = h->sub;
    }
    /* the best element and its siblings that score near it or read as prose */
    size_t n = 0, up = p->v[best].parent;
    double top = p->v[best].sub;
    double threshold = top * 0.2 > 10 ? top * 0.2 : 10;
    if (up == HN_NONE || best == b) {
        roots[n++] = best;
    } else {
        for (size_t j = up + 1; j < p->v[up].end && n < max; j = p->v[j].end) {
            const hnode *s = &p->v[j];
            if (s->flags & HF_DEAD)
                continue;
            int keep = j == best || s->sub >= threshold;
            if (!keep && s->kind == HK_P) {
                double ld = link_density(s);
                keep = (s->text > 80 && ld < 0.25) || (s->text > 0 && s->text <= 80 && ld == 0);
            }
            if (keep)
                roots[n++] = j;
        }
    }
    for (size_t k = 0; k < n; k++)
        sanitize(p, roots[k]);
    return n;
}
