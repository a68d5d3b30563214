/*
 * reader_html_extract.c - the article of a page and nothing else, after
 * trafilatura's method on the element table of reader_html.c:
 *
 *   1. the article body is looked for by the class and id hints of
 *      html/hints.tsv, surest first (then <article>, then vaguer ones);
 *   2. inside it, boilerplate goes by the same hints (navigation, sharing,
 *      related links, comments, bylines, captions), unless that would take
 *      six sevenths of the text (a hint on a wrapper), and blocks whose text
 *      is mostly links go by link density;
 *   3. its text is that of its text blocks (paragraphs, headings, lists,
 *      quotes, tables), and of loose text only where it reads as prose;
 *   4. when no hint finds a body with text, the whole page is pruned so;
 *   5. the result is compared with the score-based fallback
 *      (reader_html_score.c, Readability's method), which wins when it
 *      finds much more; a page with little text at all takes its JSON-LD
 *      articleBody when that is longer.
 *
 * Language plays no part: every decision is tags, hints, lengths and the
 * share of text in links.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reader_html.h"

#define MIN_SIZE 250         /* less than this is not an article's text */

/* ---- writing the text ------------------------------------------------- */

typedef struct emit {
    const hpage *p;
    unsigned skip;
    int loose_all;
    int counting;            /* count characters only: out->len is the count */
    ann_textbuf *t;
    int pre, head;           /* <pre> and heading depth */
    size_t head_mark;        /* text length before a heading still last, or -1 */
    size_t blocks;           /* paragraphs written */
} emit;

static int brk_level(int kind)
{
    switch (kind) {
    case HK_P: case HK_H: case HK_QUOTE: case HK_LIST: case HK_TABLE: case HK_SECTION:
    case HK_ARTICLE: case HK_HEADER: case HK_MAIN: case HK_BLOCK: case HK_PRE:
        return 2;
    case HK_DIV: case HK_LI: case HK_BR: case HK_ROW: case HK_DT: case HK_DD:
    case HK_CAPTION: case HK_BODY:
        return 1;
    default:
        return 0;
    }
}

/* Loose text (in no text block) reads as prose: long enough, few links. */
static int loose_kept(const hnode *o)
{
    return o->loose >= 80 && o->looselink * 2 < o->loose;
}

static int text_kept(const emit *e, const hnode *h)
{
    return (h->flags & HF_INPARA) || e->loose_all || loose_kept(&e->p->v[h->owner]);
}

/* n characters were written after before: count the paragraph, and mind a
 * heading that might end up last. */
static void wrote(emit *e, size_t before, int fresh)
{
    if (e->t->len <= before)
        return;
    e->blocks += fresh;
    if (!e->head)
        e->head_mark = (size_t)-1;
    else if (e->head_mark == (size_t)-1)
        e->head_mark = before;
}

static int emit_enter(void *ctx, xmlNode *x)
{
    emit *e = ctx;
    if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
        size_t i = ann_hpage_index(x->parent);
        if (e->counting || i == HN_NONE || !x->content || !text_kept(e, &e->p->v[i]))
            return 0;
        size_t before = e->t->len;
        int fresh = e->t->brk || before == 0;
        ann_textbuf_text(e->t, (const char *)x->content, strlen((const char *)x->content),
                         e->pre ? ANN_WS_PRE : ANN_WS_COLLAPSE);
        wrote(e, before, fresh);
        return 0;
    }
    size_t i = ann_hpage_index(x);
    if (i == HN_NONE || (e->p->v[i].flags & e->skip))
        return 0;
    const hnode *h = &e->p->v[i];
    int k = h->kind;
    if (k == HK_CELL)
        e->t->space = 1;
    else
        ann_textbuf_break(e->t, brk_level(k));
    e->pre += k == HK_PRE;
    e->head += k == HK_H;
    /* counting: the element's own text at once, from the table */
    if (e->counting && h->own && text_kept(e, h)) {
        size_t before = e->t->len;
        int fresh = e->t->brk || before == 0;
        e->t->len += h->own + (before > 0);
        e->t->brk = e->t->space = 0;
        wrote(e, before, fresh);
    }
    return 1;
}

static void emit_leave(void *ctx, xmlNode *x)
{
    emit *e = ctx;
    size_t i = ann_hpage_index(x);
    if (i == HN_NONE || (e->p->v[i].flags & e->skip))
        return;
    int k = e->p->v[i].kind;
    if (k == HK_CELL)
        e->t->space = 1;
    else
        ann_textbuf_break(e->t, brk_level(k));
    e->pre -= k == HK_PRE;
    e->head -= k == HK_H;
}

/* Text of the subtree at r; a heading left last (its section pruned) goes.
 * Counting, out->len becomes the number of characters it would have. */
static size_t emit_mode(const hpage *p, size_t r, unsigned skip, int loose_all, int counting,
                        ann_textbuf *out)
{
    emit e = {p, skip | HF_CUT, loose_all, counting, out, 0, 0, (size_t)-1, 0};
    ann_xml_walker w = {emit_enter, emit_leave, &e};
    if (!(p->v[r].flags & e.skip))
        ann_xml_walk(p->v[r].x, &w);
    if (e.head_mark != (size_t)-1 && e.head_mark < out->len) {
        out->len = e.head_mark;
        if (out->p)
            out->p[out->len] = '\0';
        e.blocks--;
    }
    return e.blocks;
}

static size_t emit_into(const hpage *p, size_t r, unsigned skip, int loose_all, ann_textbuf *out)
{
    return emit_mode(p, r, skip, loose_all, 0, out);
}

/* ---- pruning inside a candidate ------------------------------------------ */

static void clear(hpage *p, size_t r, unsigned flags)
{
    for (size_t i = r; i < p->v[r].end; i++)
        p->v[i].flags &= (unsigned short)~flags;
}

static int prunable(int kind)
{
    return kind != HK_BODY && kind != HK_ARTICLE && kind != HK_MAIN && kind != HK_H;
}

/* Boilerplate by its class or id; not an element that holds six sevenths
 * of the text: the hint named a wrapper of the whole. */
static int hinted_out(const hpage *p, size_t i, const void *ctx)
{
    const hnode *h = &p->v[i];
    size_t total = *(const size_t *)ctx;
    /* "entry-content widget": the body hint wins */
    return (h->hints & (HH_DROP | HH_TEASER)) && !(h->hints & (HH_BODY1 | HH_BODY2)) &&
           prunable(h->kind) && h->text * 7 < total * 6;
}

static void prune_hints(hpage *p, size_t r)
{
    ann_hpage_stats(p, r, HF_CUT | HF_PRUNED);
    size_t total = p->v[r].text;
    ann_hpage_prune(p, r, hinted_out, &total);
}

/* trafilatura's link density test: short blocks made mostly of links, or
 * of many short links, are navigation. */
static int link_dense(const hpage *p, size_t i)
{
    const hnode *h = &p->v[i];
    if (h->links == 1 && h->link > 100 && h->link * 10 > h->text * 9)
        return 1;
    /* "Read more: <a>another story</a>": a short lead and a link */
    if (h->links == 1 && h->text < 250 && h->link * 5 >= h->text * 3 && h->text - h->link < 30)
        return 1;
    int next = ann_hpage_has_next(p, i, HF_CUT | HF_PRUNED);
    size_t limit = h->kind == HK_P ? (next ? 30 : 60) : (next ? 100 : 300);
    if (h->text >= limit || h->links == 0)
        return 0;
    return h->link * 5 > h->text * 4 || (h->links > 1 && h->shortlinks * 5 > h->links * 4);
}

struct link_test {
    int kind, backtrack;
};

static int links_only(const hpage *p, size_t i, const void *ctx)
{
    const struct link_test *t = ctx;
    const hnode *h = &p->v[i];
    return h->kind == t->kind &&
           (link_dense(p, i) ||
            (t->backtrack && h->links && h->text > 0 && h->text < 100 && h->kids >= 2));
}

static void prune_links(hpage *p, size_t r, int kind, int backtrack)
{
    struct link_test t = {kind, backtrack};
    ann_hpage_stats(p, r, HF_CUT | HF_PRUNED);
    ann_hpage_prune(p, r, links_only, &t);
}

/* Tables of links (lists of articles laid out as tables). */
static void prune_tables(hpage *p, size_t r)
{
    ann_hpage_stats(p, r, HF_CUT | HF_PRUNED);
    for (size_t i = r + 1; i < p->v[r].end; i++) {
        hnode *h = &p->v[i];
        if (h->kind != HK_TABLE || (h->flags & HF_DEAD) || !h->links || h->text < 250)
            continue;
        if (h->text < 1000 ? h->link * 5 > h->text * 4 : h->link * 2 > h->text) {
            h->flags |= HF_PRUNED;
            i = h->end - 1;
        }
    }
}

/* Boilerplate out of the subtree at r, adding to what is pruned there. */
static void prune_more(hpage *p, size_t r)
{
    prune_hints(p, r);
    for (int pass = 0; pass < 2; pass++) {
        prune_links(p, r, HK_DIV, 1);
        prune_links(p, r, HK_LIST, 0);
        prune_links(p, r, HK_P, 0);
    }
    prune_tables(p, r);
    ann_hpage_stats(p, r, HF_CUT | HF_PRUNED);
}

static void prune(hpage *p, size_t r)
{
    clear(p, r, HF_PRUNED);
    prune_more(p, r);
}

/* ---- finding the body ---------------------------------------------------- */

static int body_kind(int k)
{
    return k == HK_DIV || k == HK_SECTION || k == HK_ARTICLE || k == HK_MAIN;
}

static int has_itemprop_body(const hnode *h)
{
    const char *ip = ann_html_attr(h->x, "itemprop");
    return ip && ann_html_has_ci(ip, "articlebody");
}

/* The first element of the tier in document order, not under a cut. */
static size_t find_tier(const hpage *p, int tier)
{
    static const unsigned bits[] = {HH_BODY1, 0, HH_BODY2, HH_BODY3, HH_BODY4};
    size_t b = p->body;
    for (size_t i = b; i < p->v[b].end; i++) {
        const hnode *h = &p->v[i];
        if (h->flags & HF_CUT) {
            i = h->end - 1;
            continue;
        }
        if (!body_kind(h->kind))
            continue;
        switch (tier) {
        case 0:
            if ((h->hints & HH_BODY1) || has_itemprop_body(h))
                return i;
            break;
        case 1:
            if (h->kind == HK_ARTICLE)
                return i;
            break;
        case 4:
            if ((h->hints & HH_BODY4) || h->kind == HK_MAIN)
                return i;
            break;
        default:
            if (h->hints & bits[tier])
                return i;
        }
    }
    return HN_NONE;
}

/* ---- candidates, measured before one is written ---------------------------- */

/* A way to the article: its roots and what is pruned under them, with the
 * characters and paragraphs it gives. */
typedef struct choice {
    size_t roots[64], n;
    unsigned char *pruned;   /* a byte for each element of the body */
    size_t chars, blocks;
} choice;

static void measure(hpage *p, choice *c, int loose_all)
{
    size_t b = p->body, span = p->v[b].end - b;
    ann_textbuf t = {0};
    c->blocks = 0;
    for (size_t i = 0; i < c->n; i++) {
        ann_textbuf_break(&t, 2);
        c->blocks += emit_mode(p, c->roots[i], HF_PRUNED, loose_all, 1, &t);
    }
    c->chars = t.len;
    if (!c->pruned)
        c->pruned = ann_xmalloc(span ? span : 1);
    for (size_t i = 0; i < span; i++)
        c->pruned[i] = (p->v[b + i].flags & HF_PRUNED) != 0;
}

static void choice_free(choice *c)
{
    free(c->pruned);
    memset(c, 0, sizeof *c);
}

static void take(choice *into, choice *from)
{
    choice_free(into);
    *into = *from;
    memset(from, 0, sizeof *from);
}

/* Write the chosen text: the pruned flags as they were when measured. */
static void write_choice(hpage *p, const choice *c, int loose_all, ann_textbuf *out)
{
    size_t b = p->body, span = p->v[b].end - b;
    for (size_t i = 0; i < span; i++)
        p->v[b + i].flags = (unsigned short)((p->v[b + i].flags & ~HF_PRUNED) |
                                             (c->pruned[i] ? HF_PRUNED : 0));
    for (size_t i = 0; i < c->n; i++) {
        ann_textbuf_break(out, 2);
        emit_into(p, c->roots[i], HF_PRUNED, loose_all, out);
    }
}

/* trafilatura's loop: the first candidate that yields more than one
 * paragraph. */
static void by_hints(hpage *p, int loose_all, choice *out)
{
    for (int tier = 0; tier < 5; tier++) {
        size_t r = find_tier(p, tier);
        if (r == HN_NONE)
            continue;
        prune(p, r);
        choice c = {.roots = {r}, .n = 1};
        measure(p, &c, loose_all);
        if (c.blocks > 1) {
            take(out, &c);
            return;
        }
        choice_free(&c);
    }
}

/* The score-based fallback: Readability retries without dropping the
 * unlikely candidates when the first try is short. */
static void by_scores(hpage *p, int loose_all, choice *out)
{
    for (int drop = 1; drop >= 0; drop--) {
        choice c = {0};
        c.n = ann_html_score(p, c.roots, 64, drop);
        for (size_t i = 0; i < c.n; i++)
            prune_more(p, c.roots[i]);
        measure(p, &c, loose_all);
        if (c.chars >= MIN_SIZE || drop == 0) {
            take(out, &c);
            return;
        }
        choice_free(&c);
    }
}

/* Page furniture (<nav>, <header>, <aside>, hidden blocks) goes, unless it
 * holds most of the page's paragraphs: then the parser nested the article
 * in it, and it is a container like any other. */
static void settle_soft(hpage *p, size_t b)
{
    size_t all = p->v[b].ptext;
    for (size_t i = b; i < p->v[b].end; i++) {
        hnode *h = &p->v[i];
        if (h->flags & HF_CUT) {
            i = h->end - 1;
        } else if (h->flags & HF_SOFT) {
            h->flags &= (unsigned short)~HF_SOFT;
            if (h->ptext * 2 > all && h->ptext >= MIN_SIZE) {
                if (h->kind == HK_DROP)
                    h->kind = HK_BLOCK;
            } else {
                h->flags |= HF_CUT;
                i = h->end - 1;
            }
        }
    }
}

void ann_html_extract(hpage *p, const char *ld_body, ann_textbuf *out)
{
    memset(out, 0, sizeof *out);
    if (p->n == 0)
        return;
    size_t b = p->body;
    ann_hpage_stats(p, b, HF_CUT);
    settle_soft(p, b);
    ann_hpage_stats(p, b, HF_CUT);
    /* Few paragraphs on the whole page: its text is in <div>s. */
    int loose_all = p->v[b].ptext < 3 * MIN_SIZE;
    choice main = {0}, alt = {0};
    by_hints(p, loose_all, &main);
    if (main.chars < MIN_SIZE) {
        choice wild = {.roots = {b}, .n = 1};
        prune(p, b);
        measure(p, &wild, loose_all);
        if (wild.chars > main.chars)
            take(&main, &wild);
        choice_free(&wild);
    }
    by_scores(p, loose_all, &alt);
    /* trafilatura's comparison: the fallback only when it finds much more */
    if (alt.chars > 2 * main.chars)
        take(&main, &alt);
    choice_free(&alt);
    if (main.n)
        write_choice(p, &main, loose_all, out);
    choice_free(&main);
    if (out->len < MIN_SIZE && ld_body && strlen(ld_body) > out->len) {
        free(out->p);
        memset(out, 0, sizeof *out);
        ann_textbuf_text(out, ld_body, strlen(ld_body), ANN_WS_PARAS);
    }
}
