/*
 * reader_xml.c - XML articles: the text content, with title, authors and
 * date from the elements of the common formats (TEI, NewsML-G2, NITF,
 * TimeML, RSS, Atom), anything else by its text alone.
 *
 * Hostile input: the parser runs without entity substitution (no
 * XML_PARSE_NOENT), without loading a DTD or external entity (no DTDLOAD,
 * NONET) and with its default limits (no XML_PARSE_HUGE: depth 256, 10 MB
 * text nodes).  Entity references stay nodes that this reader does not
 * descend into; a short internal entity (&mdash; declared in the file) is
 * put in as its text, up to a total budget, so a billion laughs stays a few
 * bytes and an external entity is never read.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "reader.h"

#define ENTITY_MAX 64                 /* bytes of one entity put in */
#define ENTITY_BUDGET (64 * 1024)     /* bytes of entities per document */

typedef enum { F_GENERIC, F_TEI, F_NEWSML, F_NITF, F_TIMEML, F_RSS, F_ATOM } xml_format;

typedef struct xctx {
    ann_textbuf t;
    const ann_reader_rules *rules;
    xmlDoc *doc;
    xml_format fmt;
    size_t budget;              /* entity bytes still allowed */
} xctx;

static const char *lname(const xmlNode *n)
{
    return (const char *)n->name;
}

static int is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp(lname(n), name) == 0;
}

static xmlNode *child(xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

/* child(child(n, a), b)... along a path "a/b/c". */
static xmlNode *path_of(xmlNode *n, const char *path)
{
    char part[64];
    while (n && *path) {
        size_t k = strcspn(path, "/");
        if (k >= sizeof part)
            return NULL;
        memcpy(part, path, k);
        part[k] = '\0';
        n = child(n, part);
        path += k + (path[k] == '/');
    }
    return n;
}

/* The next node in document order below root; skip: not into n. */
static xmlNode *next_node(xmlNode *n, xmlNode *root, int skip)
{
    if (!skip && n->type == XML_ELEMENT_NODE && n->children)
        return n->children;
    while (n && n != root) {
        if (n->next)
            return n->next;
        n = n->parent;
    }
    return NULL;
}

/* The first element called name at or below root, in document order. */
static xmlNode *find(xmlNode *root, const char *name)
{
    for (xmlNode *n = root; n; n = next_node(n, root, 0))
        if (is(n, name))
            return n;
    return NULL;
}

static const char *get_attr(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

/* An entity reference: the text of a short internal entity, else nothing. */
static void on_entity(xctx *x, xmlNode *ref, int ws)
{
    xmlEntity *e = xmlGetDocEntity(x->doc, ref->name);
    if (!e || e->etype != XML_INTERNAL_GENERAL_ENTITY || !e->content)
        return;
    const char *c = (const char *)e->content;
    size_t n = strlen(c);
    if (n > ENTITY_MAX || n > x->budget || strpbrk(c, "&<"))
        return;
    x->budget -= n;
    ann_textbuf_text(&x->t, c, n, ws);
}

/* Element-only content (no text of its own besides blanks)?  Then its
 * children are blocks: in mixed content they are inline markup. */
static int element_only(xmlNode *n)
{
    /* asked once per child: the answer is kept in the node, ours to use */
    static char yes, no;
    if (n->_private)
        return n->_private == &yes;
    int only = 1;
    for (const xmlNode *c = n->children; c && only; c = c->next) {
        if (c->type == XML_ENTITY_REF_NODE)
            only = 0;
        else if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
                 c->content[strspn((const char *)c->content, " \t\r\n")])
            only = 0;
    }
    n->_private = only ? &yes : &no;
    return only;
}

static int in_names(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcmp(name, *list))
            return 1;
    return 0;
}

/* What an element is for the text: 0 inline, 1 line, 2 paragraph, -1 drop. */
static int xml_kind(const xctx *x, xmlNode *n)
{
    static const char *const drop[] = {
        "teiHeader", "facsimile", "fw", "itemMeta", "contentMeta", "rightsInfo",
        "catalogRef", "DCT", "docdata", "pubdata", "script", "style",
        "MAKEINSTANCE", "TLINK", "SLINK", "ALINK", "link", NULL};
    static const char *const paras[] = {
        "p", "para", "div", "head", "title", "headline", "hl1", "hl2", "section",
        "byline", "dateline", "abstract", "lg", "sp", "list", "table", "item",
        "entry", "block", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
        "description", "summary", "content", "TITLE", NULL};
    static const char *const lines[] = {"lb", "br", "l", "li", "row", "tr", NULL};
    const char *name = lname(n);
    if (in_names(name, drop))
        return -1;
    /* <head> is a heading in TEI, the document head in NITF and XHTML */
    if (!strcmp(name, "head") && x->fmt != F_TEI && x->fmt != F_GENERIC)
        return -1;
    if (in_names(name, paras))
        return 2;
    if (in_names(name, lines))
        return 1;
    return n->parent && n->parent->type == XML_ELEMENT_NODE && element_only(n->parent);
}

/* The text under root: a walk (an XML tree may be deep) whose elements
 * become the breaks their kind asks for. */
typedef struct xtext {
    xctx *x;
    xmlNode *root;
    int ws;
} xtext;

static int xtext_enter(void *ctx, xmlNode *n)
{
    xtext *t = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            ann_textbuf_text(&t->x->t, (const char *)n->content,
                             strlen((const char *)n->content), t->ws);
    } else if (n->type == XML_ENTITY_REF_NODE) {
        on_entity(t->x, n, t->ws);    /* never into its children: the expansion */
    } else if (n->type == XML_ELEMENT_NODE) {
        int k = n == t->root ? 2 : xml_kind(t->x, n);
        if (k > 0)
            ann_textbuf_break(&t->x->t, k);
        return k >= 0;
    }
    return 0;
}

static void xtext_leave(void *ctx, xmlNode *n)
{
    xtext *t = ctx;
    if (n->type == XML_ELEMENT_NODE && n != t->root) {
        int k = xml_kind(t->x, n);
        if (k > 0)
            ann_textbuf_break(&t->x->t, k);
    }
}

static void xml_text(xctx *x, xmlNode *root, int ws)
{
    xtext t = {x, root, ws};
    ann_xml_walker w = {xtext_enter, xtext_leave, &t};
    ann_xml_walk(root, &w);
}

/* The text of one element on one line (for titles and names). */
static char *text_of(xctx *x, xmlNode *n)
{
    if (!n)
        return NULL;
    ann_textbuf saved = x->t;
    memset(&x->t, 0, sizeof x->t);
    xml_text(x, n, ANN_WS_COLLAPSE);
    ann_textbuf one = x->t;
    x->t = saved;
    if (!one.p)
        return NULL;
    /* breaks inside (a <lb/> in a title) become single spaces */
    ann_textbuf flat = {0};
    ann_textbuf_text(&flat, one.p, one.len, ANN_WS_COLLAPSE);
    free(one.p);
    return flat.p;
}

static void set_str(char **field, char *s)
{
    if (!*field && s && *s)
        *field = s;
    else
        free(s);
}

static void set_date(const xctx *x, ann_doc *d, const char *s)
{
    if (!d->published && s)
        d->published = ann_markup_date(x->rules ? x->rules->months : NULL, s, strlen(s));
}

static void set_date_of(xctx *x, ann_doc *d, xmlNode *n)
{
    if (d->published || !n)
        return;
    const char *a = get_attr(n, "when");
    if (!a)
        a = get_attr(n, "norm");
    if (!a)
        a = get_attr(n, "value");
    if (a) {
        set_date(x, d, a);
        return;
    }
    char *s = text_of(x, n);
    set_date(x, d, s);
    free(s);
}

/* "By Jane Doe" -> "Jane Doe". */
static void add_author_text(ann_doc *d, char *s)
{
    if (!s)
        return;
    const char *a = s;
    if (!strncasecmp(a, "by ", 3))
        a += 3;
    if (*a && strlen(a) < 80)
        ann_doc_add_author(d, a);
    free(s);
}

static void add_authors(xctx *x, ann_doc *d, xmlNode *parent, const char *name)
{
    for (xmlNode *c = parent ? parent->children : NULL; c; c = c->next) {
        if (!is(c, name))
            continue;
        xmlNode *nm = child(c, "name");
        if (!nm)
            nm = child(c, "persName");
        const char *lit = get_attr(c, "literal");
        add_author_text(d, lit ? ann_xstrdup(lit) : text_of(x, nm ? nm : c));
    }
}

/* ---- formats ------------------------------------------------------------ */

static xml_format detect(const xmlNode *root)
{
    static const struct { const char *root; xml_format f; } formats[] = {
        {"TEI", F_TEI}, {"teiCorpus", F_TEI}, {"newsMessage", F_NEWSML},
        {"newsItem", F_NEWSML}, {"NewsML", F_NEWSML}, {"nitf", F_NITF},
        {"TimeML", F_TIMEML}, {"rss", F_RSS}, {"RDF", F_RSS}, {"feed", F_ATOM},
        {"entry", F_ATOM}};
    for (size_t i = 0; i < sizeof formats / sizeof *formats; i++)
        if (strcmp(lname(root), formats[i].root) == 0)
            return formats[i].f;
    return F_GENERIC;
}

/* TEI: teiHeader/fileDesc holds title, authors, publisher and date. */
static xmlNode *tei(xctx *x, ann_doc *d, xmlNode *root)
{
    xmlNode *fd = path_of(find(root, "teiHeader"), "fileDesc");
    set_str(&d->title, text_of(x, path_of(fd, "titleStmt/title")));
    add_authors(x, d, path_of(fd, "titleStmt"), "author");
    set_str(&d->publisher, text_of(x, path_of(fd, "publicationStmt/publisher")));
    set_date_of(x, d, path_of(fd, "publicationStmt/date"));
    set_date_of(x, d, find(path_of(fd, "sourceDesc"), "date"));
    xmlNode *text = is(root, "TEI") ? child(root, "text") : NULL;
    return text ? text : root;
}

/* NITF (also inside a NewsML item): head/docdata, body.head, body. */
static xmlNode *nitf(xctx *x, ann_doc *d, xmlNode *root)
{
    xmlNode *head = child(root, "head");
    set_str(&d->title, text_of(x, child(head, "title")));
    set_str(&d->title, text_of(x, find(root, "hl1")));
    xmlNode *by = find(root, "byline");
    xmlNode *person = find(by, "person");
    if (by && !d->nauthors)
        add_author_text(d, text_of(x, person ? person : by));
    xmlNode *pubdata = child(head, "pubdata");
    const char *pub = get_attr(pubdata, "name");
    if (pub)
        set_str(&d->publisher, ann_xstrdup(pub));
    set_date_of(x, d, path_of(head, "docdata/date.issue"));
    set_date(x, d, get_attr(pubdata, "date.publication"));
    set_date_of(x, d, find(root, "story.date"));
    xmlNode *body = child(root, "body");
    return body ? body : root;
}

/* NewsML-G2: contentMeta and itemMeta, the article in inlineXML. */
static xmlNode *newsml(xctx *x, ann_doc *d, xmlNode *root)
{
    xmlNode *item = is(root, "newsItem") ? root : find(root, "newsItem");
    if (!item)
        item = root;
    xmlNode *cm = child(item, "contentMeta"), *im = child(item, "itemMeta");
    set_str(&d->title, text_of(x, child(cm, "headline")));
    add_authors(x, d, cm, "creator");
    if (!d->nauthors)
        add_author_text(d, text_of(x, child(cm, "by")));
    xmlNode *prov = child(im, "provider");
    const char *lit = get_attr(prov, "literal");
    set_str(&d->publisher, lit ? ann_xstrdup(lit) : text_of(x, child(prov, "name")));
    set_date_of(x, d, child(cm, "contentCreated"));
    set_date_of(x, d, child(im, "firstCreated"));
    set_date_of(x, d, child(im, "versionCreated"));
    xmlNode *in = find(item, "inlineXML");
    xmlNode *inner = find(in, "nitf");
    if (inner)
        return nitf(x, d, inner);
    inner = find(in, "body");
    if (inner || in)
        return inner ? inner : in;
    inner = find(item, "contentSet");
    return inner ? inner : item;
}

/* TimeML: the DCT is the date relative expressions resolve against. */
static xmlNode *timeml(xctx *x, ann_doc *d, xmlNode *root)
{
    const char *v = get_attr(child(find(root, "DCT"), "TIMEX3"), "value");
    set_date(x, d, v);
    if (d->published && !d->dct)
        d->dct = ann_xstrdup(d->published);
    set_str(&d->title, text_of(x, child(root, "TITLE")));
    xmlNode *text = find(root, "TEXT");
    return text ? text : root;
}

/* Feed text is often escaped HTML ("&lt;p&gt;..."): read it as HTML. */
static void feed_text(xctx *x, xmlNode *n)
{
    char *s = text_of(x, n);
    if (!s)
        return;
    ann_textbuf_break(&x->t, 2);
    if (strchr(s, '<')) {
        char err[64];
        ann_doc *h = ann_html_to_doc(x->rules, "", "", s, strlen(s), err, sizeof err);
        if (h)
            ann_textbuf_text(&x->t, h->text, h->len, ANN_WS_PARAS);
        ann_doc_free(h);
    } else {
        ann_textbuf_text(&x->t, s, strlen(s), ANN_WS_COLLAPSE);
    }
    free(s);
}

static void feed_entry(xctx *x, ann_doc *d, xmlNode *e, int only)
{
    static const char *const bodies[] = {"encoded", "content", "description", "summary"};
    xmlNode *title = child(e, "title");
    if (only) {
        set_str(&d->title, text_of(x, title));
        xmlNode *au = child(e, "author");
        if (!au)
            au = child(e, "creator");
        xmlNode *nm = child(au, "name");
        if (au)
            add_author_text(d, text_of(x, nm ? nm : au));
        static const char *const dates[] = {"pubDate", "published", "date", "updated"};
        for (size_t i = 0; i < 4; i++)
            set_date_of(x, d, child(e, dates[i]));
    } else {
        feed_text(x, title);
    }
    for (size_t i = 0; i < 4; i++) {
        xmlNode *b = child(e, bodies[i]);
        if (b) {
            feed_text(x, b);
            break;
        }
    }
}

/* RSS and Atom: one entry is an article; several are read in turn. */
static void feed(xctx *x, ann_doc *d, xmlNode *root)
{
    const char *entry = x->fmt == F_RSS ? "item" : "entry";
    xmlNode *list = x->fmt == F_RSS ? child(root, "channel") : root;
    if (x->fmt == F_RSS && (!list || !child(list, "item")))
        list = root;   /* RSS 1.0: items beside the channel */
    if (is(root, "entry")) {
        feed_entry(x, d, root, 1);
        return;
    }
    size_t count = 0;
    for (xmlNode *c = list ? list->children : NULL; c; c = c->next)
        count += is(c, entry);
    if (count != 1) {
        xmlNode *ch = x->fmt == F_RSS ? child(root, "channel") : root;
        set_str(&d->title, text_of(x, child(ch, "title")));
    }
    for (xmlNode *c = list ? list->children : NULL; c; c = c->next)
        if (is(c, entry))
            feed_entry(x, d, c, count == 1);
}

static xmlNode *generic(xctx *x, ann_doc *d, xmlNode *root)
{
    static const char *const titles[] = {"title", "headline", "hl1", "h1"};
    static const char *const dates[] = {"pubDate", "published", "date", "dateline"};
    for (size_t i = 0; i < 4; i++)
        set_str(&d->title, text_of(x, find(root, titles[i])));
    for (size_t i = 0; i < 4; i++)
        set_date_of(x, d, find(root, dates[i]));
    return root;
}

/* ---- the reader --------------------------------------------------------- */

static xmlDoc *parse(const char *bytes, size_t n, char *err, size_t errlen)
{
    xmlParserCtxt *ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        snprintf(err, errlen, "out of memory in the XML parser");
        return NULL;
    }
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, bytes, (int)n, NULL, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc || !xmlDocGetRootElement(doc)) {
        xmlError *e = xmlCtxtGetLastError(ctxt);
        const char *msg = e && e->message ? e->message : "no root element\n";
        int len = (int)strcspn(msg, "\n");
        snprintf(err, errlen, "not well-formed XML: line %d: %.*s", e ? e->line : 0, len, msg);
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    return doc;
}

ann_doc *ann_xml_to_doc(const ann_reader_rules *rules, const char *id, const char *path,
                        const char *bytes, size_t n, char *err, size_t errlen)
{
    if (n > INT_MAX) {
        snprintf(err, errlen, "XML file too large (over 2 GiB)");
        return NULL;
    }
    xmlInitParser();
    xmlDoc *doc = parse(bytes, n, err, errlen);
    if (!doc)
        return NULL;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (is(root, "html")) {   /* XHTML: a web page */
        xmlFreeDoc(doc);
        return ann_html_to_doc(rules, id, path, bytes, n, err, errlen);
    }
    xctx x = {{0}, rules, doc, detect(root), ENTITY_BUDGET};
    /* metadata goes on a scratch document until the text is known */
    ann_doc *meta = ann_doc_from_bytes(id, path, "", 0);
    xmlNode *text = root;
    int ws = ANN_WS_PARAS;
    switch (x.fmt) {
    case F_TEI: text = tei(&x, meta, root); break;
    case F_NITF: text = nitf(&x, meta, root); break;
    case F_NEWSML: text = newsml(&x, meta, root); break;
    case F_TIMEML: text = timeml(&x, meta, root); break;
    case F_RSS: case F_ATOM: feed(&x, meta, root); text = NULL; break;
    case F_GENERIC: text = generic(&x, meta, root); break;
    }
    if (text)
        xml_text(&x, text, ws);
    ann_doc *d = ann_textbuf_doc(&x.t, id, path, meta->title, "xml");
    for (size_t i = 0; i < meta->nauthors; i++)
        ann_doc_add_author(d, meta->authors[i]);
    d->publisher = meta->publisher;
    d->published = meta->published;
    d->dct = meta->dct;
    meta->publisher = meta->published = meta->dct = NULL;
    ann_doc_free(meta);
    xmlFreeDoc(doc);
    return d;
}
