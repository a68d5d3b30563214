/*
 * reader_html.c - saved web pages: the bytes made UTF-8, parsed with
 * libxml2's HTML parser in recover mode (no network, its messages caught
 * and turned into the document's warnings), the page's elements put in a
 * table with the counts the extraction reads, and the document made from
 * the article text and the page's metadata.
 *
 * Trees are walked iteratively (ann_xml_walk), never recursively: a page
 * nested 100,000 levels deep must not overflow the stack.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "reader_html.h"

/* ---- the element table ----------------------------------------------- */

static const struct {
    const char *name;
    unsigned char kind;
} tags[] = {
    {"a", HK_A}, {"br", HK_BR}, {"wbr", HK_INLINE},
    {"p", HK_P}, {"h1", HK_H}, {"h2", HK_H}, {"h3", HK_H}, {"h4", HK_H}, {"h5", HK_H},
    {"h6", HK_H}, {"li", HK_LI}, {"dt", HK_DT}, {"dd", HK_DD}, {"blockquote", HK_QUOTE},
    {"pre", HK_PRE}, {"td", HK_CELL}, {"th", HK_CELL}, {"caption", HK_CAPTION},
    {"summary", HK_P},
    {"div", HK_DIV}, {"section", HK_SECTION}, {"article", HK_ARTICLE}, {"main", HK_MAIN},
    {"header", HK_HEADER}, {"ul", HK_LIST}, {"ol", HK_LIST}, {"dl", HK_LIST},
    {"table", HK_TABLE}, {"tr", HK_ROW}, {"tbody", HK_ROW}, {"thead", HK_ROW},
    {"tfoot", HK_ROW}, {"body", HK_BODY}, {"html", HK_BLOCK}, {"center", HK_BLOCK},
    {"details", HK_BLOCK}, {"hgroup", HK_BLOCK}, {"address", HK_BLOCK}, {"hr", HK_BLOCK},
    {"form", HK_BLOCK}, {"fieldset", HK_BLOCK},
    /* never text: code, styles, navigation, controls, media and their captions */
    {"script", HK_DROP}, {"style", HK_DROP}, {"noscript", HK_DROP}, {"nav", HK_DROP},
    {"footer", HK_DROP}, {"aside", HK_DROP}, {"iframe", HK_DROP}, {"svg", HK_DROP},
    {"template", HK_DROP}, {"button", HK_DROP}, {"select", HK_DROP},
    {"textarea", HK_DROP}, {"object", HK_DROP}, {"embed", HK_DROP}, {"canvas", HK_DROP},
    {"audio", HK_DROP}, {"video", HK_DROP}, {"head", HK_DROP}, {"title", HK_DROP},
    {"meta", HK_DROP}, {"link", HK_DROP}, {"dialog", HK_DROP}, {"math", HK_DROP},
    {"map", HK_DROP}, {"menu", HK_DROP}, {"figure", HK_DROP}, {"figcaption", HK_DROP},
    {"picture", HK_DROP}, {"input", HK_DROP}, {"label", HK_DROP}, {"legend", HK_DROP},
    {"option", HK_DROP}, {"frame", HK_DROP}, {"frameset", HK_DROP}, {"applet", HK_DROP},
    {"marquee", HK_DROP}, {"time", HK_DROP}, {"datalist", HK_DROP}, {"output", HK_DROP},
    {"progress", HK_DROP}, {"source", HK_DROP}, {"track", HK_DROP}, {"area", HK_DROP},
};

static unsigned char kind_of(const char *name, int *level)
{
    *level = 0;
    for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
        if (ann_html_is(name, tags[i].name)) {
            if (tags[i].kind == HK_H)
                *level = name[1] - '0';
            return tags[i].kind;
        }
    return HK_INLINE;
}

const char *ann_html_attr(const xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (a->children && a->children->content && ann_html_is((const char *)a->name, name))
            return (const char *)a->children->content;
    return NULL;
}

size_t ann_hpage_index(const xmlNode *x)
{
    if (!x || x->type != XML_ELEMENT_NODE || !x->_private)
        return HN_NONE;
    return (size_t)(uintptr_t)x->_private - 1;
}

/* Hidden from the reader: the hidden attribute, aria-hidden, an inline
 * style that hides. */
static int hidden(const xmlNode *x)
{
    const char *aria = ann_html_attr(x, "aria-hidden");
    const char *style = ann_html_attr(x, "style");
    if (ann_html_attr(x, "hidden") || (aria && !strcmp(aria, "true")))
        return 1;
    if (!style)
        return 0;
    /* "display:none", "display: none", "visibility:hidden" */
    for (const char *s = style; (s = strpbrk(s, "dv")) != NULL; s++) {
        const char *v = NULL;
        if (!strncasecmp(s, "display", 7))
            v = s + 7;
        else if (!strncasecmp(s, "visibility", 10))
            v = s + 10;
        if (!v)
            continue;
        while (*v == ' ' || *v == ':')
            v++;
        if (!strncasecmp(v, "none", 4) || !strncasecmp(v, "hidden", 6))
            return 1;
    }
    return 0;
}

/* Characters of a text node as it will read: whitespace runs count one. */
void ann_hpage_count_text(const char *s, size_t *chars, size_t *commas)
{
    int ws = 1;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if (*u == ' ' || *u == '\n' || *u == '\t' || *u == '\r' ||
            (*u == 0xC2 && u[1] == 0xA0)) {
            if (!ws)
                (*chars)++;
            ws = 1;
            u += *u == 0xC2;
            continue;
        }
        ws = 0;
        if ((*u & 0xC0) != 0x80)
            (*chars)++;
        *commas += *u == ',' || (*u == 0xEF && u[1] == 0xBC && u[2] == 0x8C) ||
                   (*u == 0xE3 && u[1] == 0x80 && u[2] == 0x81);
    }
}

static int soft_tag(const char *name)
{
    static const char *const soft[] = {"nav", "header", "footer", "aside", "menu", "dialog",
                                       "noscript"};
    for (size_t i = 0; i < sizeof soft / sizeof *soft; i++)
        if (ann_html_is(name, soft[i]))
            return 1;
    return 0;
}

typedef struct build {
    hpage *p;
    size_t cur;
    int in_article;
} build;

static int build_enter(void *ctx, xmlNode *x)
{
    build *b = ctx;
    hpage *p = b->p;
    if (x->type == XML_TEXT_NODE || x->type == XML_CDATA_SECTION_NODE) {
        if (x->content && b->cur != HN_NONE) {
            hnode *h = &p->v[b->cur];
            ann_hpage_count_text((const char *)x->content, &h->own, &h->owncommas);
        }
        return 0;
    }
    if (x->type != XML_ELEMENT_NODE)
        return 0;
    hnode h;
    memset(&h, 0, sizeof h);
    int level;
    h.x = x;
    h.parent = b->cur;
    h.kind = kind_of((const char *)x->name, &level);
    h.level = (unsigned char)level;
    if (h.kind == HK_HEADER && !b->in_article)
        h.kind = HK_DROP;     /* a page's header is navigation, an article's its headline */
    /* Navigation and page furniture, or hidden: boilerplate, unless the
     * parser put the article inside (libxml2 2.9 knows no HTML5 and may
     * nest a page's rest in an unclosed <nav>): the extraction decides. */
    if (h.kind == HK_DROP && soft_tag((const char *)x->name))
        h.flags |= HF_SOFT;
    else if (h.kind == HK_DROP)
        h.flags |= HF_CUT;
    else if (hidden(x))
        h.flags |= HF_SOFT;
    h.hints = ann_html_hints(p->rules, &p->hints, ann_html_attr(x, "class"),
                             ann_html_attr(x, "id"));
    size_t i = p->n;
    ANN_PUSH(p->v, p->n, p->cap, h);
    x->_private = (void *)(uintptr_t)(i + 1);
    if (h.kind == HK_BODY && p->body == HN_NONE)
        p->body = i;
    if (h.kind == HK_ARTICLE)
        b->in_article++;
    b->cur = i;
    return !(h.flags & HF_CUT);
}

static void build_leave(void *ctx, xmlNode *x)
{
    build *b = ctx;
    size_t i = ann_hpage_index(x);
    if (i == HN_NONE)
        return;
    hpage *p = b->p;
    p->v[i].end = p->n;
    b->in_article -= p->v[i].kind == HK_ARTICLE;
    b->cur = p->v[i].parent;
}

void ann_hpage_build(hpage *p, xmlNode *root, const ann_html_rules *rules,
                     struct hint_cache *hints)
{
    memset(p, 0, sizeof *p);
    p->body = HN_NONE;
    p->rules = rules;
    p->hints = hints;
    build b = {p, HN_NONE, 0};
    ann_xml_walker w = {build_enter, build_leave, &b};
    ann_xml_walk(root, &w);
    if (p->body == HN_NONE)
        p->body = 0;
    for (size_t i = 0; i < p->n; i++) {
        hnode *h = &p->v[i];
        size_t up = h->parent;
        h->owner = HK_IS_BLOCK(h->kind) || up == HN_NONE ? i : p->v[up].owner;
        if (HK_IS_TEXTBLOCK(h->kind) || (up != HN_NONE && (p->v[up].flags & HF_INPARA)))
            h->flags |= HF_INPARA;
    }
}

void ann_hpage_free(hpage *p)
{
    for (size_t i = 0; i < p->n; i++)
        p->v[i].x->_private = NULL;
    free(p->v);
    ann_html_hints_free(p->hints);
    memset(p, 0, sizeof *p);
}

int ann_hpage_has_next(const hpage *p, size_t i, unsigned skip)
{
    size_t up = p->v[i].parent;
    for (size_t j = p->v[i].end; up != HN_NONE && j < p->v[up].end; j = p->v[j].end)
        if (!(p->v[j].flags & skip))
            return 1;
    return 0;
}

void ann_hpage_prune(hpage *p, size_t r, int (*bad)(const hpage *p, size_t i, const void *ctx),
                     const void *ctx)
{
    for (size_t i = r + 1; i < p->v[r].end; i++) {
        hnode *h = &p->v[i];
        if (!(h->flags & HF_DEAD)) {
            if (!bad(p, i, ctx))
                continue;
            h->flags |= HF_PRUNED;
        }
        i = h->end - 1;   /* past a subtree skipped or pruned */
    }
}

/* The subtree's counts, children before parents: the table is in document
 * order, so walking it backwards adds every node to its parent after its
 * own descendants were added to it. */
void ann_hpage_stats(hpage *p, size_t r, unsigned skip)
{
    size_t end = p->v[r].end, dead_until = r;
    for (size_t i = r; i < end; i++) {
        hnode *h = &p->v[i];
        h->flags &= (unsigned short)~HF_DEAD;
        if (i < dead_until || (h->flags & skip)) {
            h->flags |= HF_DEAD;
            if (h->end > dead_until)
                dead_until = h->end;
        }
        h->commas = h->owncommas;
        h->text = h->own;
        h->link = h->links = h->shortlinks = h->ptext = h->kids = 0;
        h->pcount = h->licount = h->blocks = 0;
        h->loose = h->looselink = 0;
    }
    for (size_t i = end; i-- > r;) {
        hnode *h = &p->v[i];
        if (h->flags & HF_DEAD) {
            h->text = h->commas = 0;
            continue;
        }
        if (h->kind == HK_A) {
            h->link = h->text;
            h->links = h->text > 0;
            h->shortlinks = h->text > 0 && h->text < 10;
        }
        if (h->kind == HK_P) {
            h->ptext = h->text;
            h->pcount++;
        }
        h->licount += h->kind == HK_LI;
        if (!(h->flags & HF_INPARA) && h->owner >= r) {
            hnode *o = &p->v[h->owner];
            o->loose += h->own;
            if (h->kind == HK_A || (h->parent != HN_NONE && p->v[h->parent].kind == HK_A))
                o->looselink += h->own;
        }
        if (i == r)
            continue;
        hnode *up = &p->v[h->parent];
        up->text += h->text;
        up->link += h->link;
        up->links += h->links;
        up->shortlinks += h->shortlinks;
        up->commas += h->commas;
        up->ptext += h->ptext;
        up->pcount += h->pcount;
        up->licount += h->licount;
        up->blocks += h->blocks + (HK_IS_BLOCK(h->kind) && h->kind != HK_BR);
        up->kids++;
    }
}

/* ---- libxml2's messages ---------------------------------------------- */

typedef struct parse_log {
    size_t count;
    char first[200];
} parse_log;

/* Unknown tags are HTML5's (libxml2 2.9 knows HTML 4): not the page's fault. */
static void on_error(void *ctx, xmlErrorPtr e)
{
    parse_log *log = ctx;
    if (!e || e->code == XML_HTML_UNKNOWN_TAG)
        return;
    if (log->count++ == 0) {
        char msg[160];
        snprintf(msg, sizeof msg, "%s", e->message ? e->message : "error");
        size_t k = strlen(msg);
        while (k > 0 && (msg[k - 1] == '\n' || msg[k - 1] == ' '))
            msg[--k] = '\0';
        snprintf(log->first, sizeof log->first, "line %d: %s", e->line, msg);
    }
}

/* Messages outside a parse (encoding handlers) come here unformatted. */
static void on_generic(void *ctx, const char *fmt, ...)
{
    parse_log *log = ctx;
    if (log->count++ == 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(log->first, sizeof log->first, fmt, ap);
        va_end(ap);
        size_t k = strlen(log->first);
        while (k > 0 && (log->first[k - 1] == '\n' || log->first[k - 1] == ' '))
            log->first[--k] = '\0';
    }
}

/* Parse UTF-8 bytes.  The handlers are libxml2's per-thread globals: set
 * for this parse on this thread and put back after it. */
static htmlDocPtr parse(const char *utf8, size_t n, parse_log *log)
{
    xmlStructuredErrorFunc old_s = xmlStructuredError;
    void *old_sctx = xmlStructuredErrorContext;
    xmlGenericErrorFunc old_g = xmlGenericError;
    void *old_gctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(log, on_error);
    xmlSetGenericErrorFunc(log, on_generic);
    /* XML_PARSE_HUGE lifts the depth limit of 256: pages with unclosed
     * <font> or <div> tags nest deeper, and past the limit the parser stops
     * and the article is lost.  HTML has no entity expansion for the other
     * limits to guard, and the walks here are iterative. */
    htmlDocPtr doc = htmlReadMemory(utf8, (int)n, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NONET | XML_PARSE_HUGE);
    xmlSetStructuredErrorFunc(old_sctx, old_s);
    xmlSetGenericErrorFunc(old_gctx, old_g);
    return doc;
}

/* ---- the reader -------------------------------------------------------- */

/* Under 250 characters from a page of 10 KB or more, or under one in a
 * thousand of its bytes: the extraction likely missed the article. */
static void warn_tiny(ann_doc *d, size_t text, size_t bytes)
{
    if ((text < 250 && bytes >= 10240) || text * 1000 < bytes)
        ann_doc_warn(d, "only %zu characters of text extracted from a page of %zu KB",
                     text, (bytes + 1023) / 1024);
}

ann_doc *ann_html_to_doc(const ann_reader_rules *rules, const char *id, const char *path,
                         const char *bytes, size_t n, char *err, size_t errlen)
{
    if (n > INT_MAX / 2) {
        snprintf(err, errlen, "HTML file too large (over 1 GiB)");
        return NULL;
    }
    ann_textbuf empty = {0};
    if (n == 0)
        return ann_textbuf_doc(&empty, id, path, NULL, "html");
    char note[256];
    size_t len;
    char *utf8 = ann_html_utf8(bytes, n, &len, note, sizeof note);
    xmlInitParser();
    parse_log log = {0, ""};
    htmlDocPtr doc = parse(utf8, len, &log);
    free(utf8);
    if (!doc) {
        snprintf(err, errlen, "could not parse the HTML%s%s", log.count ? ": " : "", log.first);
        return NULL;
    }
    xmlNode *top = xmlDocGetRootElement(doc);
    ann_html_meta *meta = ann_html_meta_scan(top, rules);
    ann_textbuf text = {0};
    if (top) {
        hpage page;
        /* the metadata scan asked for the hints of most elements: matching
         * every class and id word of a page against html/hints.tsv twice
         * was a twentieth of the reading of a page */
        ann_hpage_build(&page, top, rules ? rules->html : NULL, ann_html_meta_take_hints(meta));
        ann_html_extract(&page, ann_html_meta_body(meta), &text);
        ann_hpage_free(&page);
    }
    size_t chars = text.len;
    ann_doc *d = ann_textbuf_doc(&text, id, path, ann_html_meta_title(meta), "html");
    ann_html_meta_apply(d, meta);
    ann_html_meta_free(meta);
    xmlFreeDoc(doc);
    if (note[0])
        ann_doc_warn(d, "%s", note);
    if (log.count)
        ann_doc_warn(d, "HTML parser: %zu message%s, the first at %s", log.count,
                     log.count == 1 ? "" : "s", log.first);
    warn_tiny(d, chars, n);
    return d;
}
