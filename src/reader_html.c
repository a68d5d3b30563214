/*
 * reader_html.c - saved web pages: the article text and the page's metadata
 * (meta tags, bylines, schema.org JSON-LD), with libxml2's HTML parser in
 * recover mode and no network.  Also the pieces the XML reader shares: the
 * text buffer with HTML whitespace rules and the markup date parser.
 *
 * Trees are walked iteratively through parent pointers, never recursively:
 * a page nested 100,000 levels deep must not overflow the stack.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "meta.h"
#include "reader.h"

/* ---- the text buffer ---------------------------------------------------- */

static void tb_add(ann_textbuf *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap)
        ann_grow((void **)&t->p, &t->cap, t->len + n + 1, 1);
    memcpy(t->p + t->len, s, n);
    t->len += n;
    t->p[t->len] = '\0';
}

/* Before the next visible character: the pending break or space.  Nothing
 * at the very start, so the text never begins with blank lines. */
static void tb_flush(ann_textbuf *t)
{
    if (t->len == 0) {
        t->brk = t->space = 0;
        return;
    }
    if (t->brk) {
        int have = 0;   /* newlines already at the end (from <pre>) */
        while ((size_t)have < t->len && have < t->brk && t->p[t->len - 1 - have] == '\n')
            have++;
        /* trailing spaces before a line break are noise */
        while (have == 0 && t->len > 0 && t->p[t->len - 1] == ' ')
            t->len--;
        for (int i = have; i < t->brk; i++)
            tb_add(t, "\n", 1);
    } else if (t->space && t->p[t->len - 1] != '\n' && t->p[t->len - 1] != ' ') {
        tb_add(t, " ", 1);
    }
    t->brk = t->space = 0;
}

void ann_textbuf_break(ann_textbuf *t, int level)
{
    if (level > t->brk)
        t->brk = level;
}

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whitespace at s[i], including U+00A0 (libxml2 decodes &nbsp; to it):
 * its length in bytes, 0 if none. */
static size_t ws_len(const char *s, size_t n, size_t i)
{
    if (is_ws((unsigned char)s[i]))
        return 1;
    if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

void ann_textbuf_text(ann_textbuf *t, const char *s, size_t n, int ws)
{
    if (ws == ANN_WS_PRE) {
        if (n == 0)
            return;
        tb_flush(t);
        tb_add(t, s, n);
        return;
    }
    size_t i = 0;
    while (i < n) {
        size_t w = ws_len(s, n, i);
        if (w) {
            int newlines = 0;
            while (i < n && (w = ws_len(s, n, i)) != 0) {
                newlines += s[i] == '\n';
                i += w;
            }
            t->space = 1;
            if (ws == ANN_WS_PARAS && newlines >= 2)
                ann_textbuf_break(t, 2);
            continue;
        }
        size_t j = i + 1;
        while (j < n && !ws_len(s, n, j))
            j++;
        tb_flush(t);
        tb_add(t, s + i, j - i);
        i = j;
    }
}

/* Does the text begin with the title (as its whole first line)? */
static int starts_with_line(const char *text, size_t len, const char *line)
{
    size_t n = strlen(line);
    return n <= len && memcmp(text, line, n) == 0 && (n == len || text[n] == '\n');
}

ann_doc *ann_textbuf_doc(ann_textbuf *t, const char *id, const char *path,
                         const char *title, const char *from)
{
    while (t->len > 0 && is_ws((unsigned char)t->p[t->len - 1]))
        t->len--;
    ann_textbuf out = {0};
    if (title && *title && !(t->p && starts_with_line(t->p, t->len, title))) {
        ann_textbuf_text(&out, title, strlen(title), ANN_WS_COLLAPSE);
        ann_textbuf_break(&out, 2);
    }
    if (t->len) {
        tb_flush(&out);
        tb_add(&out, t->p, t->len);
    }
    ann_doc *d = ann_doc_from_bytes(id, path, out.p ? out.p : "", out.len);
    free(out.p);
    free(t->p);
    memset(t, 0, sizeof *t);
    d->extracted_from = ann_xstrdup(from);
    if (title && *title)
        d->title = ann_xstrdup(title);
    return d;
}

/* ---- dates -------------------------------------------------------------- */

static int digits(const char *s, size_t n, size_t at, size_t k)
{
    if (at + k > n)
        return -1;
    int v = 0;
    for (size_t i = at; i < at + k; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* YYYY, YYYY-MM, YYYY-MM-DD (and what follows), or YYYYMMDD. */
static char *iso_date(const char *s, size_t n)
{
    int y = digits(s, n, 0, 4);
    if (y < 1000)
        return NULL;
    int m = -1, d = -1;
    if (n > 4 && s[4] == '-') {
        m = digits(s, n, 5, 2);
        if (m >= 0 && n > 7 && s[7] == '-')
            d = digits(s, n, 8, 2);
    } else if (n >= 8 && digits(s, n, 4, 4) >= 0) {
        m = digits(s, n, 4, 2);
        d = digits(s, n, 6, 2);
        if (n > 8 && s[8] >= '0' && s[8] <= '9')
            return NULL;   /* a longer number, not a date */
    } else if (n > 4 && s[4] >= '0' && s[4] <= '9') {
        return NULL;
    }
    if (m == -1)
        return ann_xasprintf("%04d", y);
    if (m < 1 || m > 12)
        return NULL;
    if (d == -1)
        return ann_xasprintf("%04d-%02d", y, m);
    if (d < 1 || d > 31)
        return NULL;
    return ann_xasprintf("%04d-%02d-%02d", y, m, d);
}

char *ann_markup_date(const char *s, size_t n)
{
    while (n > 0 && is_ws((unsigned char)*s))
        s++, n--;
    char *iso = iso_date(s, n);
    if (iso)
        return iso;
    /* RFC 822 (RSS): "Fri, 19 Apr 2024 10:00:00 GMT" - skip the weekday. */
    const char *comma = memchr(s, ',', n < 12 ? n : 12);
    for (int pass = 0; pass < 2; pass++) {
        char out[11];
        if (ann_parse_full_date(s, n, out))
            return ann_xstrdup(out);
        if (!comma)
            break;
        n -= (size_t)(comma + 1 - s);
        s = comma + 1;
        while (n > 0 && is_ws((unsigned char)*s))
            s++, n--;
    }
    return NULL;
}

/* ---- page metadata ------------------------------------------------------ */

typedef struct page {
    char *og_title, *ld_title, *h1, *title_tag, *tw_title;
    char *site, *ld_publisher;
    char *date_meta, *date_ld, *date_other, *date_time;
    char **authors;             /* from meta tags */
    size_t nauthors, capauthors;
    char **ld_authors;
    size_t nld, capld;
    char *byline;
    xmlNode **articles;         /* outermost <article> elements */
    size_t narticles, caparticles;
    xmlNode *main, *body;
} page;

static void page_free(page *p)
{
    char **strs[] = {&p->og_title, &p->ld_title, &p->h1, &p->title_tag, &p->tw_title,
                     &p->site, &p->ld_publisher, &p->date_meta, &p->date_ld,
                     &p->date_other, &p->date_time, &p->byline};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        free(*strs[i]);
    for (size_t i = 0; i < p->nauthors; i++)
        free(p->authors[i]);
    for (size_t i = 0; i < p->nld; i++)
        free(p->ld_authors[i]);
    free(p->authors);
    free(p->ld_authors);
    free(p->articles);
}

/* A string with its whitespace collapsed and trimmed; NULL if empty. */
static char *clean(const char *s, size_t n)
{
    ann_textbuf t = {0};
    ann_textbuf_text(&t, s, n, ANN_WS_COLLAPSE);
    return t.p;
}

static void set_once(char **field, const char *s)
{
    if (!*field && s)
        *field = clean(s, strlen(s));
}

static const char *attr(xmlNode *n, const char *name)
{
    for (xmlAttr *a = n->properties; a; a = a->next)
        if (a->children && a->children->content && strcasecmp((const char *)a->name, name) == 0)
            return (const char *)a->children->content;
    return NULL;
}

static char *node_text(xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (!c)
        return NULL;
    char *s = clean((const char *)c, strlen((const char *)c));
    xmlFree(c);
    return s;
}

static int looks_like_url(const char *s)
{
    return strncmp(s, "http:", 5) == 0 || strncmp(s, "https:", 6) == 0 || s[0] == '/';
}

/* "Jane Doe and John Roe", "Jane Doe, John Roe" -> two authors. */
static void add_names(char ***v, size_t *n, size_t *cap, const char *s)
{
    if (!s || looks_like_url(s))
        return;
    const char *p = s;
    while (*p) {
        size_t k = strcspn(p, ",;|");
        const char *and = strstr(p, " and ");
        if (and && (size_t)(and - p) < k)
            k = (size_t)(and - p);
        char *name = clean(p, k);
        if (name && strlen(name) < 80) {
            int dup = 0;
            for (size_t i = 0; i < *n; i++)
                dup |= strcmp((*v)[i], name) == 0;
            if (!dup) {
                ANN_PUSH(*v, *n, *cap, name);
                name = NULL;
            }
        }
        free(name);
        p += k;
        if (strncmp(p, " and ", 5) == 0)
            p += 5;
        else if (*p)
            p++;
    }
}

static void on_meta(page *p, xmlNode *n)
{
    const char *content = attr(n, "content");
    const char *key = attr(n, "property");
    if (!key)
        key = attr(n, "name");
    if (!key)
        key = attr(n, "itemprop");
    if (!content || !key)
        return;
    if (!strcasecmp(key, "og:title"))
        set_once(&p->og_title, content);
    else if (!strcasecmp(key, "twitter:title"))
        set_once(&p->tw_title, content);
    else if (!strcasecmp(key, "og:site_name"))
        set_once(&p->site, content);
    else if (!strcasecmp(key, "article:published_time"))
        set_once(&p->date_meta, content);
    else if (!strcasecmp(key, "date") || !strcasecmp(key, "pubdate") ||
             !strcasecmp(key, "publishdate") || !strcasecmp(key, "publish-date") ||
             !strcasecmp(key, "dc.date") || !strcasecmp(key, "dc.date.issued") ||
             !strcasecmp(key, "dcterms.date") || !strcasecmp(key, "datePublished") ||
             !strcasecmp(key, "citation_publication_date") ||
             !strcasecmp(key, "parsely-pub-date") || !strcasecmp(key, "sailthru.date"))
        set_once(&p->date_other, content);
    else if (!strcasecmp(key, "author") || !strcasecmp(key, "article:author") ||
             !strcasecmp(key, "dc.creator") || !strcasecmp(key, "citation_author") ||
             !strcasecmp(key, "parsely-author"))
        add_names(&p->authors, &p->nauthors, &p->capauthors, content);
}

/* ---- schema.org JSON-LD ------------------------------------------------- */

static int ld_is_article(const cJSON *o)
{
    static const char *const types[] = {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle",
        "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle"};
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    const cJSON *one = t;
    if (cJSON_IsArray(t))
        one = t->child;
    for (; one; one = cJSON_IsArray(t) ? one->next : NULL) {
        if (!cJSON_IsString(one))
            continue;
        for (size_t i = 0; i < sizeof types / sizeof *types; i++)
            if (strcmp(one->valuestring, types[i]) == 0)
                return 1;
    }
    return 0;
}

static const char *ld_name(const cJSON *v)
{
    if (cJSON_IsString(v))
        return v->valuestring;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(v, "name");
    return cJSON_IsString(name) ? name->valuestring : NULL;
}

static const char *ld_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void ld_article(page *p, const cJSON *o)
{
    if (!ld_is_article(o))
        return;
    set_once(&p->ld_title, ld_str(o, "headline"));
    set_once(&p->date_ld, ld_str(o, "datePublished"));
    const cJSON *pub = cJSON_GetObjectItemCaseSensitive(o, "publisher");
    set_once(&p->ld_publisher, ld_name(cJSON_IsArray(pub) ? pub->child : pub));
    const cJSON *au = cJSON_GetObjectItemCaseSensitive(o, "author");
    if (p->nld)
        return;
    if (cJSON_IsArray(au)) {
        for (const cJSON *a = au->child; a; a = a->next)
            add_names(&p->ld_authors, &p->nld, &p->capld, ld_name(a));
    } else {
        add_names(&p->ld_authors, &p->nld, &p->capld, ld_name(au));
    }
}

/* A JSON-LD block: one object, an array of them, or an @graph. */
static void on_ld(page *p, xmlNode *script)
{
    xmlChar *c = xmlNodeGetContent(script);
    if (!c)
        return;
    cJSON *j = cJSON_ParseWithLength((const char *)c, strlen((const char *)c));
    xmlFree(c);
    if (!j)
        return;
    const cJSON *list = cJSON_IsArray(j) ? j : NULL;
    const cJSON *graph = cJSON_GetObjectItemCaseSensitive(j, "@graph");
    if (cJSON_IsArray(graph))
        list = graph;
    if (!list) {
        ld_article(p, j);
    } else {
        for (const cJSON *o = list->child; o; o = o->next)
            ld_article(p, o);
    }
    cJSON_Delete(j);
}

/* ---- the walks ---------------------------------------------------------- */

void ann_xml_walk(xmlNode *root, const ann_xml_walker *w)
{
    xmlNode *n = root;
    while (n) {
        if (w->enter(w->ctx, n) && n->type == XML_ELEMENT_NODE && n->children) {
            n = n->children;
            continue;
        }
        for (;;) {
            if (w->leave)
                w->leave(w->ctx, n);
            if (n == root)
                return;
            if (n->next) {
                n = n->next;
                break;
            }
            n = n->parent;
        }
    }
}

static int has_class_word(xmlNode *n, const char *word)
{
    const char *c = attr(n, "class");
    return c && strstr(c, word) != NULL;
}

static void on_byline(page *p, xmlNode *n)
{
    char *s = node_text(n);
    if (!s)
        return;
    char *b = s;
    if (!strncasecmp(b, "by ", 3))
        b += 3;
    else if (!strncasecmp(b, "written by ", 11))
        b += 11;
    /* cut at a separator: "Jane Doe | March 3" */
    static const char *const seps[] = {"|", "\xE2\x80\xA2", "\xC2\xB7", "\n", " - ", " on "};
    for (size_t i = 0; i < sizeof seps / sizeof *seps; i++) {
        char *at = strstr(b, seps[i]);
        if (at)
            *at = '\0';
    }
    if (*b && strlen(b) < 80 && !strpbrk(b, "0123456789"))
        p->byline = clean(b, strlen(b));
    free(s);
}

typedef struct scan {
    page *p;
    xmlNode *article;           /* the outermost <article> we are in */
    int byline_tries;           /* each try reads a subtree: a few only */
} scan;

static int scan_enter(void *ctx, xmlNode *n)
{
    scan *sc = ctx;
    page *p = sc->p;
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    const char *name = (const char *)n->name;
    const char *type = attr(n, "type"), *role = attr(n, "role");
    const char *rel = attr(n, "rel"), *ip = attr(n, "itemprop");
    if (!strcasecmp(name, "meta")) {
        on_meta(p, n);
    } else if (!strcasecmp(name, "title")) {
        if (!p->title_tag)
            p->title_tag = node_text(n);
        return 0;
    } else if (!strcasecmp(name, "script")) {
        if (type && !strcasecmp(type, "application/ld+json"))
            on_ld(p, n);
        return 0;
    } else if (!strcasecmp(name, "style") || !strcasecmp(name, "template")) {
        return 0;
    } else if (!strcasecmp(name, "h1") && !p->h1) {
        p->h1 = node_text(n);
    } else if (!strcasecmp(name, "time") && attr(n, "datetime")) {
        if (attr(n, "pubdate") || (ip && !strcmp(ip, "datePublished")))
            set_once(&p->date_other, attr(n, "datetime"));
        set_once(&p->date_time, attr(n, "datetime"));
    } else if (!strcasecmp(name, "body")) {
        if (!p->body)
            p->body = n;
    } else if (!strcasecmp(name, "main") || (role && !strcasecmp(role, "main"))) {
        if (!p->main)
            p->main = n;
    } else if (!strcasecmp(name, "article") && !sc->article) {
        ANN_PUSH(p->articles, p->narticles, p->caparticles, n);
        sc->article = n;
    }
    if (!p->byline && sc->byline_tries < 8 &&
        ((rel && !strcasecmp(rel, "author")) || (ip && !strcmp(ip, "author")) ||
         has_class_word(n, "byline") || has_class_word(n, "author"))) {
        sc->byline_tries++;
        on_byline(p, n);
    }
    return 1;
}

static void scan_leave(void *ctx, xmlNode *n)
{
    scan *sc = ctx;
    if (n == sc->article)
        sc->article = NULL;
}

/* One pass over the whole page for its metadata and the article roots. */
static void scan_page(page *p, xmlNode *root)
{
    scan sc = {p, NULL, 0};
    ann_xml_walker w = {scan_enter, scan_leave, &sc};
    ann_xml_walk(root, &w);
}

/* ---- the article text --------------------------------------------------- */

enum { K_INLINE, K_DROP, K_LINE, K_PARA, K_CELL, K_PRE };

static int in_list(const char *name, const char *const *list)
{
    for (; *list; list++)
        if (!strcasecmp(name, *list))
            return 1;
    return 0;
}

static int html_kind(xmlNode *n, int in_article)
{
    static const char *const drop[] = {
        "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe",
        "svg", "template", "button", "select", "textarea", "object", "embed",
        "canvas", "audio", "video", "head", "title", "meta", "link", "dialog",
        "math", "map", NULL};
    static const char *const para[] = {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "dl",
        "table", "figure", "section", "article", "header", "address", "hr",
        "main", "details", NULL};
    static const char *const line[] = {
        "div", "li", "br", "tr", "dt", "dd", "figcaption", "caption", "summary",
        "legend", "fieldset", "center", "tbody", "thead", "tfoot", NULL};
    static const char *const hidden_roles[] = {
        "navigation", "banner", "contentinfo", "complementary", "search", NULL};
    const char *name = (const char *)n->name;
    const char *role = attr(n, "role"), *aria = attr(n, "aria-hidden");
    if (in_list(name, drop) || attr(n, "hidden") || (aria && !strcmp(aria, "true")) ||
        (role && in_list(role, hidden_roles)))
        return K_DROP;
    /* A page header is navigation; an article's header holds its headline,
     * byline and date, which the annotators want. */
    if (!strcasecmp(name, "header"))
        return in_article ? K_PARA : K_DROP;
    if (!strcasecmp(name, "pre"))
        return K_PRE;
    if (!strcasecmp(name, "td") || !strcasecmp(name, "th"))
        return K_CELL;
    if (in_list(name, para))
        return K_PARA;
    if (in_list(name, line))
        return K_LINE;
    return K_INLINE;
}

typedef struct extract {
    ann_textbuf t;
    int pre;                    /* <pre> depth */
    int article;                /* <article> depth */
} extract;

static int extract_enter(void *ctx, xmlNode *n)
{
    extract *x = ctx;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            ann_textbuf_text(&x->t, (const char *)n->content, strlen((const char *)n->content),
                             x->pre ? ANN_WS_PRE : ANN_WS_COLLAPSE);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE)
        return 0;   /* comments, processing instructions */
    int k = html_kind(n, x->article > 0);
    if (k == K_DROP)
        return 0;
    if (!strcasecmp((const char *)n->name, "article"))
        x->article++;
    switch (k) {
    case K_LINE: ann_textbuf_break(&x->t, 1); break;
    case K_PARA: ann_textbuf_break(&x->t, 2); break;
    case K_CELL: x->t.space = 1; break;
    case K_PRE: ann_textbuf_break(&x->t, 2); x->pre++; break;
    }
    return 1;
}

static void extract_leave(void *ctx, xmlNode *n)
{
    extract *x = ctx;
    if (n->type != XML_ELEMENT_NODE)
        return;
    int is_article = !strcasecmp((const char *)n->name, "article");
    int k = html_kind(n, x->article - is_article > 0);
    if (k == K_DROP)
        return;   /* dropped articles were never counted */
    x->article -= is_article;
    switch (k) {
    case K_LINE: ann_textbuf_break(&x->t, 1); break;
    case K_PARA: ann_textbuf_break(&x->t, 2); break;
    case K_CELL: x->t.space = 1; break;
    case K_PRE: ann_textbuf_break(&x->t, 2); x->pre--; break;
    }
}

static ann_textbuf extract_text(xmlNode *root)
{
    extract x = {{0}, 0, 0};
    ann_xml_walker w = {extract_enter, extract_leave, &x};
    if (root)
        ann_xml_walk(root, &w);
    return x.t;
}

/* The article: the longest <article>, else <main>, else the body - unless
 * the candidate holds under a third of the page's text (a teaser box). */
static ann_textbuf article_text(const page *p, xmlNode *top)
{
    ann_textbuf body = extract_text(p->body ? p->body : top);
    ann_textbuf best = {0};
    for (size_t i = 0; i < p->narticles; i++) {
        ann_textbuf a = extract_text(p->articles[i]);
        if (a.len > best.len) {
            free(best.p);
            best = a;
        } else {
            free(a.p);
        }
    }
    if (best.len == 0 || best.len * 3 < body.len) {
        free(best.p);
        best = extract_text(p->main);
        if (best.len == 0 || best.len * 3 < body.len) {
            free(best.p);
            return body;
        }
    }
    free(body.p);
    return best;
}

/* ---- the reader --------------------------------------------------------- */

static const char *first_of(const char *a, const char *b, const char *c, const char *d)
{
    return a ? a : b ? b : c ? c : d;
}

static void set_meta(ann_doc *d, const page *p)
{
    if (p->nld) {
        for (size_t i = 0; i < p->nld; i++)
            ann_doc_add_author(d, p->ld_authors[i]);
    } else if (p->nauthors) {
        for (size_t i = 0; i < p->nauthors; i++)
            ann_doc_add_author(d, p->authors[i]);
    } else if (p->byline) {
        ann_doc_add_author(d, p->byline);
    }
    const char *pub = p->ld_publisher ? p->ld_publisher : p->site;
    if (pub)
        d->publisher = ann_xstrdup(pub);
    const char *dates[] = {p->date_meta, p->date_ld, p->date_other, p->date_time};
    for (size_t i = 0; i < 4 && !d->published; i++)
        if (dates[i])
            d->published = ann_markup_date(dates[i], strlen(dates[i]));
}

ann_doc *ann_html_to_doc(const char *id, const char *path, const char *bytes,
                         size_t n, char *err, size_t errlen)
{
    if (n > INT_MAX) {
        snprintf(err, errlen, "HTML file too large (over 2 GiB)");
        return NULL;
    }
    ann_textbuf empty = {0};
    if (n == 0)
        return ann_textbuf_doc(&empty, id, path, NULL, "html");
    xmlInitParser();
    /* XML_PARSE_HUGE lifts the depth limit of 256: pages with unclosed
     * <font> or <div> tags nest deeper, and past the limit the parser stops
     * and the article is lost.  HTML has no entity expansion for the other
     * limits to guard, and the walks here are iterative. */
    htmlDocPtr doc = htmlReadMemory(bytes, (int)n, NULL, NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NONET |
                                    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                    XML_PARSE_HUGE);
    if (!doc) {
        snprintf(err, errlen, "could not parse the HTML");
        return NULL;
    }
    xmlNode *top = xmlDocGetRootElement(doc);
    page p;
    memset(&p, 0, sizeof p);
    if (top)
        scan_page(&p, top);
    ann_textbuf text = top ? article_text(&p, top) : empty;
    /* <title> often ends with the site's name: the cleaner ones first */
    const char *title = first_of(p.og_title, p.ld_title, p.h1,
                                 p.title_tag ? p.title_tag : p.tw_title);
    ann_doc *d = ann_textbuf_doc(&text, id, path, title, "html");
    set_meta(d, &p);
    page_free(&p);
    xmlFreeDoc(doc);
    return d;
}
