/*
 * reader_html_meta.c - a page's title, authors, publisher, date and
 * JSON-LD article body, from what pages write for machines (schema.org
 * JSON-LD, OpenGraph and the other <meta> names of html/meta.tsv, <time>)
 * and, where that is missing, from what they write for readers (the
 * headline, the byline, a date near them, the date in the URL).
 *
 * The title is the page's headline: the <h1> when the meta titles agree
 * with it, else the meta title with the site's name cut off ("Story –
 * Site", "Site | Story").  Authors are names: "By", "Posted by", job
 * titles, credits and "No Author" go, "A and B", "A und B" are two
 * (html/bylines.tsv).  Of the sources (JSON-LD, meta names, the surest
 * byline element, a byline in the text; last, a date line, a copyright
 * line, a personal site's name) the first that writes a person's name
 * wins, the site's name, organizations and accounts coming after it;
 * comments and teasers name no author.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "date_parse.h"
#include "meta.h"
#include "reader_html.h"
#include "rules.h"
#include "utf8.h"

typedef struct strv {
    char **v;
    size_t n, cap;
} strv;

struct ann_html_meta {
    char *ld_title, *og_title, *tw_title, *title_tag, *h1, *h1_article, *hinted;
    strv h1s;                 /* the first <h1>s */
    char *site, *ld_publisher, *url;
    const char *logo;         /* an <h1> choose_title took for the site's name, not the headline */
    char *d_ld, *d_meta, *d_other, *d_time_pub, *d_time, *d_text, *d_time_any;
    char *d_after_h1, *d_updated, *d_short, *description, *d_described;
    int after_h1, texts_after_h1, short_texts, elems_after_h1;
    strv ld_authors, meta_authors;
    strv bylines;             /* of the surest byline element */
    strv person_byline;       /* of the first that names a person, if that names the site */
    strv text_byline;         /* of the first text that opens with a lead */
    strv copyright;           /* a person's name after "©", at most one */
    strv dateline;            /* a person's name in a date line, at most one */
    char *ld_body;
    char *title;             /* chosen, once */
    int in_article, byline_tries, date_tries, byline_score, in_body, lead_pending;
    xmlNode *comments;        /* the element around the comments we are in, or NULL */
    char author_label[4];     /* N of the twitter:labelN that says "Written by" */
    xmlNode *byline_node;     /* where the bylines were read */
    struct hint_cache *hints;
    const ann_html_rules *html;
    const ann_months *months;
    const ann_meta_rules *particles;
    const ann_rules *lexicon;
    xmlNode *root;            /* the page, alive until ann_html_meta_apply */
};

/* ---- strings ---------------------------------------------------------- */

/* A string with its whitespace collapsed and trimmed; NULL if empty. */
static char *clean(const char *s, size_t n)
{
    ann_textbuf t = {0};
    ann_textbuf_text(&t, s, n, ANN_WS_COLLAPSE);
    while (t.len > 0 && t.p[t.len - 1] == ' ')
        t.p[--t.len] = '\0';
    return t.p;
}

static void set_once(char **field, const char *s)
{
    if (!*field && s)
        *field = clean(s, strlen(s));
}

typedef struct text_walk {
    ann_textbuf t;
    ann_html_meta *m;        /* to leave out labels; NULL keeps them */
    int lines;               /* blocks become parts " | " (of a byline's text) */
    int sep;                 /* a block ended or began since the last text */
} text_walk;

static int is_block_tag(const char *name)
{
    static const char *const blocks[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6",
                                         "li", "br", "section", "header", "footer", "ul",
                                         "dd", "dt", "tr", "td", "table"};
    for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++)
        if (ann_html_is(name, blocks[i]))
            return 1;
    return 0;
}

static int text_enter(void *ctx, xmlNode *n)
{
    text_walk *w = ctx;
    if (n->type == XML_TEXT_NODE && n->content) {
        const char *c = (const char *)n->content;
        if (w->sep && w->t.len && c[strspn(c, " \t\r\n")]) {
            ann_textbuf_text(&w->t, " | ", 3, ANN_WS_COLLAPSE);
            w->sep = 0;
        }
        ann_textbuf_text(&w->t, c, strlen(c), ANN_WS_COLLAPSE);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    const char *name = (const char *)n->name;
    if (ann_html_is(name, "script") || ann_html_is(name, "style") ||
        ann_html_is(name, "template") ||
        (w->m && (ann_html_hints(w->m->html, &w->m->hints, ann_html_attr(n, "class"),
                                 ann_html_attr(n, "id")) & HH_LABEL)))
        return 0;
    if (ann_html_is(name, "br"))
        w->t.space = 1;
    w->sep |= w->lines && is_block_tag(name);
    return 1;
}

static void text_leave(void *ctx, xmlNode *n)
{
    text_walk *w = ctx;
    w->sep |= w->lines && n->type == XML_ELEMENT_NODE && is_block_tag((const char *)n->name);
}

/* The text of n's children as it reads, without scripts and styles (and
 * without labels, given m; with its blocks as parts " | ", given lines);
 * NULL if empty. */
static char *walk_text(ann_html_meta *m, xmlNode *n, int lines)
{
    text_walk w = {{0}, m, lines, 0};
    ann_xml_walker walker = {text_enter, text_leave, &w};
    for (xmlNode *c = n->children; c; c = c->next)
        ann_xml_walk(c, &walker);
    if (!w.t.p)
        return NULL;
    char *s = clean(w.t.p, w.t.len);
    free(w.t.p);
    return s;
}

static char *node_text(xmlNode *n)
{
    return walk_text(NULL, n, 0);
}

/* A byline's text, its blocks as parts: "Jane Doe | Jane writes on ..." */
static char *byline_text(xmlNode *n)
{
    return walk_text(NULL, n, 1);
}

/* A headline's text without a kicker, screen-reader labels or styles. */
static char *heading_text(ann_html_meta *m, xmlNode *n)
{
    return walk_text(m, n, 0);
}

static void strv_free(strv *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
    *v = (strv){0};
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* ---- names in bylines (html/bylines.tsv) -------------------------------- */

static size_t bword_at(const ann_html_meta *m, const char *s, char kind)
{
    return ann_html_byline_word(m->html, s, kind);
}

/* Does s hold a letter (any script's)? */
static int has_letter(const char *s)
{
    for (; *s; s++)
        if (((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z') || (unsigned char)*s >= 0xC3)
            return 1;
    return 0;
}

/* A name as bylines write it, alone: leads off, cut before a job title, a
 * date or a separator.  NULL if nothing like a name is left. */
static char *name_only(const ann_html_meta *m, const char *s)
{
    char *c = clean(s, strlen(s));
    if (!c)
        return NULL;
    /* after the last lead: "Posted on May 3 by marc"; not a particle of
     * names between two parts of a name ("Christoph von Ritter") */
    char *p = c;
    int credit = 0;    /* after "Edited by", "Foto:": someone else's name */
    for (char *q = c; *q; q++) {
        size_t k = 0;
        int cr = 0;
        if ((q == c || q[-1] == ' ') && ((k = bword_at(m, q, 'l')) != 0 ||
                                         (cr = (k = bword_at(m, q, 'r')) != 0))) {
            const char *prev = q - 1;
            while (prev > c && prev[-1] != ' ')
                prev--;
            if (!cr && q > c && prev >= c && *prev >= 'A' && *prev <= 'Z' &&
                ann_meta_particle(m->particles, q, strcspn(q, " ")))
                continue;
            credit = cr;
            q += k;
            while (*q == ' ' || *q == ':')
                q++;
            p = q;
            q--;
        }
    }
    if (credit) {
        free(c);
        return NULL;
    }
    /* "Foto: Jane Doe" is a credit, not a byline */
    size_t w = strcspn(p, " ");
    if (w > 1 && p[w - 1] == ':') {
        free(c);
        return NULL;
    }
    if (bword_at(m, p, 'n') && strlen(p) == bword_at(m, p, 'n')) {
        free(c);
        return NULL;
    }
    size_t end = strcspn(p, "|/\xE2\xC2(\n@");
    size_t words = 0;
    for (size_t i = 0; i < end; i++) {
        if (i > 0 && p[i - 1] != ' ' && p[i - 1] != ',')
            continue;
        /* a job title after two words of name ("Jane Doe Games Editor",
         * not "Staff Writer" or the surname "Jörg Staff") */
        if ((bword_at(m, p + i, 't') && words >= 2) || bword_at(m, p + i, 'c') ||
            (p[i] == '-' && p[i + 1] == ' ') || (p[i] >= '0' && p[i] <= '9')) {
            end = i;
            break;
        }
        words += p[i] != ' ';
    }
    while (end > 0 && (p[end - 1] == ' ' || p[end - 1] == ',' || p[end - 1] == '-' ||
                       p[end - 1] == '\'' || p[end - 1] == '"'))
        end--;
    while (end > 0 && (*p == '\'' || *p == '"'))   /* a name quoted in a list */
        p++, end--;
    char *name = end >= 2 && end < 80 && words <= 6 ? clean(p, end) : NULL;
    free(c);
    if (name && (strstr(name, "http") || name[strlen(name) - 1] == ':' ||
                 name[strlen(name) - 1] == '*' || !has_letter(name))) {
        free(name);
        name = NULL;
    }
    return name;
}

/* A job title anywhere in s ("Senior Reporters" after a comma). */
static int has_title_word(const ann_html_meta *m, const char *s)
{
    for (const char *p = s; *p; p++)
        if ((p == s || p[-1] == ' ') && bword_at(m, p, 't'))
            return 1;
    return 0;
}

/* Is s a month's name and nothing else? */
static int is_month_word(const ann_html_meta *m, const char *s)
{
    int month;
    size_t len = ann_page_month(m->months, s, &month);
    return len && !s[len];
}

/* A word that joins two names at q, " and ", " und ", or a slash between
 * spaces: its length with the spaces around it, 0 if none.  ("Jane
 * Doe/dpa" is a name and an agency: the name ends at the slash.) */
static size_t and_at(const ann_html_meta *m, const char *q)
{
    if (*q != ' ')
        return 0;
    if (q[1] == '/' && q[2] == ' ')
        return 3;
    size_t k = bword_at(m, q + 1, 'a');
    return k && q[1 + k] == ' ' ? k + 2 : 0;
}

/* "Text & Fotos: Jane Doe", "Interview: Jane Doe": where up to three
 * words before a colon hold a byline's lead (as "Text:" would), the names
 * come after it. */
static const char *after_label(const ann_html_meta *m, const char *s)
{
    const char *colon = strchr(s, ':');
    if (!colon || colon - s > 40)
        return s;
    size_t words = 0;
    int lead = 0;
    for (const char *w = s; w < colon;) {
        while (w < colon && *w == ' ')
            w++;
        size_t n = 0;
        while (w + n < colon && w[n] != ' ')
            n++;
        if (!n)
            break;
        words++;
        char buf[48];
        if (n + 2 <= sizeof buf) {
            memcpy(buf, w, n);
            memcpy(buf + n, ":", 2);
            size_t k = bword_at(m, buf, 'l');
            lead |= k == n || k == n + 1;
        }
        w += n;
    }
    return lead && words <= 3 ? colon + 1 : s;
}

/* Does s[0..n) read as a phrase rather than a name: after its leads, a
 * word in small letters that is no particle of names ("Ministerium für
 * Wirtschaft und Klimaschutz" is one name, not two)? */
static int is_phrase(const ann_html_meta *m, const char *s, size_t n)
{
    int leads = 1;
    for (size_t i = 0; i < n;) {
        while (i < n && s[i] == ' ')
            i++;
        size_t st = i, k;
        while (i < n && s[i] != ' ')
            i++;
        if (st == i)
            break;
        if (leads && (k = bword_at(m, s + st, 'l')) != 0) {
            i = st + k;
            continue;
        }
        leads = 0;
        if (s[st] >= 'a' && s[st] <= 'z' && !ann_meta_particle(m->particles, s + st, i - st))
            return 1;
    }
    return 0;
}

/* Character references left in a text that was escaped twice
 * ("O&#039;Donnell"), decoded in place. */
static void decode_refs(char *s)
{
    static const struct {
        const char *ref;
        char c;
    } named[] = {{"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}};
    char *o = s;
    for (const char *p = s; *p;) {
        unsigned long cp = 0;
        char *end = NULL;
        if (p[0] == '&' && p[1] == '#')
            cp = (p[2] | 0x20) == 'x' ? strtoul(p + 3, &end, 16) : strtoul(p + 2, &end, 10);
        if (end && *end == ';' && end > p + 2 && cp >= 0x20 && cp <= 0x10FFFF &&
            !(cp >= 0xD800 && cp <= 0xDFFF)) {
            o += ann_utf8_put((uint32_t)cp, o);   /* never longer than the reference */
            p = end + 1;
            continue;
        }
        size_t i = 0;
        while (i < sizeof named / sizeof *named && strncmp(p, named[i].ref, strlen(named[i].ref)))
            i++;
        if (i < sizeof named / sizeof *named) {
            *o++ = named[i].c;
            p += strlen(named[i].ref);
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
}

/* "Jane Doe and John Roe", "Jane Doe, John Roe" -> two names. */
static void add_names(const ann_html_meta *m, strv *v, const char *text)
{
    if (!text || !strncmp(text, "http", 4) || text[0] == '/')
        return;
    char *copy = ann_xstrdup(text);
    decode_refs(copy);
    const char *s = after_label(m, copy);
    const char *p = s;
    while (*p) {
        size_t k = strcspn(p, ",;|&"), and = 0;
        for (size_t j = 0; j < k && !and; j++)
            if ((and = and_at(m, p + j)) != 0 && !is_phrase(m, p, j))
                k = j;
            else
                and = 0;
        char *part = ann_xstrndup(p, k);
        char *name = p == s || !has_title_word(m, part) ? name_only(m, part) : NULL;
        free(part);
        if (name && is_month_word(m, name)) {    /* "juillet 2020" cut at the year */
            free(name);
            name = NULL;
        }
        int dup = 0;
        for (size_t i = 0; name && i < v->n; i++)
            dup |= !strcmp(v->v[i], name);
        if (name && !dup)
            ANN_PUSH(v->v, v->n, v->cap, name);
        else
            free(name);
        p += k;
        if (and)
            p += and;
        else if (*p)
            p++;
    }
    free(copy);
}

/* ---- <meta> ------------------------------------------------------------- */

static void on_meta(ann_html_meta *m, xmlNode *n)
{
    const char *content = ann_html_attr(n, "content");
    const char *key = ann_html_attr(n, "property");
    if (!content)
        content = ann_html_attr(n, "value");
    if (!key)
        key = ann_html_attr(n, "name");
    if (!key)
        key = ann_html_attr(n, "itemprop");
    if (!content || !key)
        return;
    /* twitter:label1 "Verfasst von", twitter:data1 "Jane Doe" (Yoast) */
    if (!strncasecmp(key, "twitter:label", 13) && strlen(key + 13) < sizeof m->author_label) {
        for (const char *w = content; *w; w++)
            if ((w == content || w[-1] == ' ') && bword_at(m, w, 'l'))
                strcpy(m->author_label, key + 13);
    } else if (!strncasecmp(key, "twitter:data", 12) && m->author_label[0] &&
               !strcmp(key + 12, m->author_label)) {
        add_names(m, &m->meta_authors, content);
    }
    switch (ann_html_meta_field(m->html, key)) {
    case HM_TITLE: set_once(&m->og_title, content); break;
    case HM_TITLE2: set_once(&m->tw_title, content); break;
    case HM_SITE: set_once(&m->site, content); break;
    case HM_DESCRIPTION: set_once(&m->description, content); break;
    case HM_URL: set_once(&m->url, content); break;
    case HM_PUBLISHED: set_once(&m->d_meta, content); break;
    case HM_DATE: set_once(&m->d_other, content); break;
    case HM_UPDATED: set_once(&m->d_updated, content); break;
    case HM_AUTHOR: add_names(m, &m->meta_authors, content); break;
    default: break;
    }
}

/* ---- schema.org JSON-LD ------------------------------------------------- */

static int ld_is_article(const cJSON *o)
{
    static const char *const types[] = {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle",
        "BlogPosting", "LiveBlogPosting", "Report", "ScholarlyArticle", "SocialMediaPosting",
        "TechArticle", "Review", "Recipe", "WebPage", "ItemPage", "AboutPage", "DiscussionForumPosting",
        "MedicalWebPage", "VideoObject", "HowTo"};
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "@type");
    const cJSON *one = cJSON_IsArray(t) ? t->child : t;
    for (; one; one = cJSON_IsArray(t) ? one->next : NULL) {
        if (!cJSON_IsString(one))
            continue;
        for (size_t i = 0; i < sizeof types / sizeof *types; i++)
            if (!strcmp(one->valuestring, types[i]))
                return i < 15 ? 2 : 1;  /* an article, or a page */
    }
    return 0;
}

/* A name, or the name of the node an {"@id": …} points to in the graph
 * (Yoast's WordPress graphs write authors so). */
static const char *ld_name_in(const cJSON *v, const cJSON *graph)
{
    if (cJSON_IsString(v))
        return v->valuestring;
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(v, "name");
    if (cJSON_IsString(name))
        return name->valuestring;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(v, "@id");
    if (!cJSON_IsString(id) || !graph)
        return NULL;
    for (const cJSON *o = graph->child; o; o = o->next) {
        const cJSON *oid = cJSON_GetObjectItemCaseSensitive(o, "@id");
        name = cJSON_GetObjectItemCaseSensitive(o, "name");
        if (o != v && cJSON_IsString(oid) && !strcmp(oid->valuestring, id->valuestring) &&
            cJSON_IsString(name))
            return name->valuestring;
    }
    return NULL;
}

static const char *ld_name(const cJSON *v)
{
    return ld_name_in(v, NULL);
}

static const char *ld_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void ld_object(ann_html_meta *m, const cJSON *o, const cJSON *graph)
{
    int kind = ld_is_article(o);
    if (!kind)
        return;
    /* a page's name is its title only when no article says otherwise */
    if (kind == 2)
        set_once(&m->ld_title, ld_str(o, "headline"));
    set_once(&m->d_ld, ld_str(o, "datePublished"));
    if (kind == 2 && !m->ld_body && ld_str(o, "articleBody"))
        m->ld_body = ann_xstrdup(ld_str(o, "articleBody"));
    const cJSON *pub = cJSON_GetObjectItemCaseSensitive(o, "publisher");
    set_once(&m->ld_publisher, ld_name(cJSON_IsArray(pub) ? pub->child : pub));
    const cJSON *au = cJSON_GetObjectItemCaseSensitive(o, "author");
    if (!au)
        au = cJSON_GetObjectItemCaseSensitive(o, "creator");
    if (m->ld_authors.n || !au)
        return;
    if (cJSON_IsArray(au)) {
        for (const cJSON *a = au->child; a; a = a->next)
            add_names(m, &m->ld_authors, ld_name_in(a, graph));
    } else {
        add_names(m, &m->ld_authors, ld_name_in(au, graph));
    }
}

/* A JSON-LD block: one object, an array of them, or an @graph. */
static void on_ld(ann_html_meta *m, xmlNode *script)
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
    if (!list)
        ld_object(m, j, NULL);
    for (const cJSON *o = list ? list->child : NULL; o; o = o->next)
        ld_object(m, o, list);
    cJSON_Delete(j);
}

/* ---- bylines and dates in the page -------------------------------------- */

/* How sure an element is a byline, 0 (rel or itemprop "author") to 2
 * (a class that only mentions an author); -1 if it is none. */
static int byline_rank(xmlNode *n, unsigned hints)
{
    const char *rel = ann_html_attr(n, "rel"), *ip = ann_html_attr(n, "itemprop");
    if ((rel && ann_html_is(rel, "author")) || (ip && !strcmp(ip, "author")))
        return 0;
    if (hints & HH_NOBYLINE)
        return -1;
    return (hints & HH_BYLINE1) ? 1 : (hints & HH_BYLINE) ? 2 : -1;
}

/* The text a name-bearing child gives: its content attribute for a
 * <meta itemprop="name">, else its text. */
static char *name_text(xmlNode *c)
{
    const char *content = ann_html_attr(c, "content");
    if (ann_html_is((const char *)c->name, "meta"))
        return content ? clean(content, strlen(content)) : NULL;
    return node_text(c);
}

static int author_tier(const ann_html_meta *m, const char *s);

/* The best tier of the names in v (5 if none). */
static int best_tier(const ann_html_meta *m, const strv *v)
{
    int best = 5;
    for (size_t i = 0; i < v->n; i++) {
        int t = author_tier(m, v->v[i]);
        best = t < best ? t : best;
    }
    return best;
}

/* The names in a byline element: a name-bearing child first (itemprop
 * "name", a link), else the element's text.  A surer byline, or one
 * inside an <article>, replaces what an earlier one gave, unless it names
 * only the site where that named someone else. */
/* Is n inside a link (a teaser of another article: its byline is that
 * article's)? */
static int in_link(const xmlNode *n)
{
    for (int up = 0; (n = n->parent) != NULL && up < 6; up++)
        if (n->type == XML_ELEMENT_NODE && ann_html_is((const char *)n->name, "a"))
            return 1;
    return 0;
}

static void on_byline(ann_html_meta *m, xmlNode *n, int rank)
{
    /* surest beside the headline, then inside an <article> */
    int score = m->after_h1 && m->elems_after_h1 < 20 ? rank * 2 - 2 : rank * 2 + !m->in_article;
    if (in_link(n))
        return;
    /* a less sure byline may still be the first to name a person where
     * the surest names the site */
    int person = !m->person_byline.n && m->bylines.n && best_tier(m, &m->bylines) == 3;
    if (m->bylines.n && score >= m->byline_score && !person)
        return;
    /* a link inside the byline already read replaces it, unless the byline
     * named more people ("By <a>A</a> and <a>B</a>") */
    int inside = 0;
    for (xmlNode *up = n->parent; up && m->byline_node && !inside; up = up->parent)
        inside = up == m->byline_node;
    xmlNode *best = NULL;
    int links = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *ip = ann_html_attr(c, "itemprop");
        links += ann_html_is((const char *)c->name, "a");
        if (!best && ((ip && !strcmp(ip, "name")) || ann_html_is((const char *)c->name, "a")))
            best = c;
    }
    if (links > 1)
        best = NULL;    /* "By <a>A</a> and <a>B</a>": the whole line */
    strv got = {0};
    char *s = best ? name_text(best) : byline_text(n);
    if (s && strlen(s) < 200)
        add_names(m, &got, s);
    /* a long text is an author's box with a biography: its first name */
    while (s && strlen(s) > 100 && got.n > 1)
        free(got.v[--got.n]);
    free(s);
    if (!got.n && best) {
        s = byline_text(n);
        if (s && strlen(s) < 200)
            add_names(m, &got, s);
        free(s);
    }
    if (person && got.n && score >= m->byline_score) {
        if (best_tier(m, &got) == 0)
            m->person_byline = got;
        else
            strv_free(&got);
        return;
    }
    if (!got.n || (inside && got.n < m->bylines.n) ||
        (best_tier(m, &got) == 3 && m->bylines.n && best_tier(m, &m->bylines) < 3)) {
        strv_free(&got);
        return;
    }
    strv_free(&m->bylines);
    m->bylines = got;
    m->byline_score = score;
    m->byline_node = n;
}

/* ---- dates in the page ------------------------------------------------- */

/* A date in an element the page marks as one: its text, else a datetime
 * or content attribute. */
static void on_date_elem(ann_html_meta *m, xmlNode *n)
{
    const char *a = ann_html_attr(n, "datetime");
    if (!a)
        a = ann_html_attr(n, "content");
    if (!a && ann_html_is((const char *)n->name, "abbr"))
        a = ann_html_attr(n, "title");
    char *iso = a ? ann_markup_date(m->months, a, strlen(a)) : NULL;
    if (!iso) {
        char *s = node_text(n);
        if (s && strlen(s) < 120)
            iso = ann_page_date(m->months, s, strlen(s));
        free(s);
    }
    if (iso && strlen(iso) == 10)
        m->d_text = iso;
    else
        free(iso);
}

/* Is the node inside a headline, <h1> or <h2> ("Von Sprachregeln und
 * Gender-Politik" is a title, no byline; a byline may be a lesser
 * heading)? */
static int in_heading(const xmlNode *n)
{
    for (int up = 0; n && up < 4; up++, n = n->parent)
        if (n->type == XML_ELEMENT_NODE && (n->name[0] | 0x20) == 'h' && n->name[1] >= '1' &&
            n->name[1] <= '2' && !n->name[2])
            return 1;
    return 0;
}

/* Is the text node the first thing its element shows (nothing but
 * blanks, comments or <br> before it)? */
static int starts_element(const xmlNode *n)
{
    for (const xmlNode *p = n->prev; p; p = p->prev) {
        if (p->type == XML_ELEMENT_NODE && !ann_html_is((const char *)p->name, "br"))
            return 0;
        if (p->type == XML_TEXT_NODE && p->content &&
            ((const char *)p->content)[strspn((const char *)p->content, " \t\r\n")])
            return 0;
    }
    return 1;
}

/* The line that follows a text node in its element, up to a <br>: "Von
 * <b>A</b> und <b>B</b>" after "Von".  NULL if it is long or empty. */
static char *rest_of_line(const xmlNode *n)
{
    ann_textbuf t = {0};
    for (xmlNode *c = n->next; c && t.len < 160; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && ann_html_is((const char *)c->name, "br"))
            break;
        char *s = c->type == XML_TEXT_NODE && c->content ? ann_xstrdup((const char *)c->content)
                  : c->type == XML_ELEMENT_NODE ? node_text(c) : NULL;
        if (s) {
            ann_textbuf_text(&t, s, strlen(s), ANN_WS_COLLAPSE);
            t.space = 1;
        }
        free(s);
    }
    char *line = t.p && t.len < 160 ? clean(t.p, t.len) : NULL;
    free(t.p);
    return line;
}

/* Bytes of blanks at s: spaces, colons and no-break spaces. */
static size_t lead_gap(const char *s)
{
    size_t i = 0;
    for (;;) {
        if (s[i] == ' ' || s[i] == ':' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
            i++;
        else if ((unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
            i += 2;
        else
            return i;
    }
}

/* A short text that starts its element with a byline lead and a capital:
 * "von Daniela Obers", "By Jane Doe" in a paragraph of its own; a lead
 * alone ("Von:", "By") takes the rest of its line, or the next text. */
static int is_given_name(const ann_html_meta *m, const char *w, size_t n);

/* Does a credit of others start at one of the words of s[0..n) ("Edited
 * by"), or is one of them one, as it would be with a colon ("Foto von
 * Jane Doe" is a photographer's credit)? */
static int credit_before(const ann_html_meta *m, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t w = 0;
        while (i + w < n && s[i + w] != ' ')
            w++;
        char buf[48];
        if (bword_at(m, s + i, 'r'))
            return 1;
        if (w && w + 2 <= sizeof buf) {
            memcpy(buf, s + i, w);
            memcpy(buf + w, ":", 2);
            if (bword_at(m, buf, 'r') == w + 1)
                return 1;
        }
        i += w + 1;
    }
    return 0;
}

static void on_text(ann_html_meta *m, xmlNode *n)
{
    const char *s = (const char *)n->content;
    while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
        s++;
    size_t len = strlen(s), k = 0;
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\n' || s[len - 1] == '\t' ||
                       s[len - 1] == '\r'))
        len--;
    if (len == 0)
        return;
    int after_lead = m->lead_pending;
    m->lead_pending = 0;
    if (len > 80)
        return;
    char *rest = NULL;
    int inner = 0;   /* "Blog Beitrag von Jane Doe": a lead after a few words */
    size_t from = 0; /* where the byline starts */
    if (!after_lead) {
        if (len < 2 || !starts_element(n) || in_heading(n))
            return;
        if (!(k = bword_at(m, s, 'l')) && len <= 60) {
            size_t words = 0;
            for (size_t i = 1; i < len && !k && words < 3; i++)
                if (s[i - 1] == ' ' && (words++, (k = bword_at(m, s + i, 'l')) != 0))
                    k += i, inner = 1, from = i;
        }
        if (!k || (inner && credit_before(m, s, from)))
            return;
        k += lead_gap(s + k);
        if (k >= len && inner)
            return;
        if (k >= len) {             /* "Von:" alone: the name follows */
            rest = rest_of_line(n);
            if (!rest) {
                m->lead_pending = 1;
                return;
            }
            s = rest;
            len = strlen(rest);
            k = 0;
            after_lead = 1;
        }
    }
    /* a name in capitals; after a lead alone in its element, an account's
     * name too ("by <a>delta201</a>") */
    if (!(s[k] >= 'A' && s[k] <= 'Z') && !((unsigned char)s[k] >= 0xC3) &&
        !(after_lead && !rest && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= '0' && s[k] <= '9')))) {
        free(rest);
        return;
    }
    char *line = after_lead ? ann_xasprintf("by %.*s", (int)len, s)
                            : ann_xstrndup(s + from, len - from);
    free(rest);
    strv got = {0};
    add_names(m, &got, line);
    free(line);
    if (inner && (got.n != 1 || best_tier(m, &got) != 0 ||
                  !is_given_name(m, got.v[0], strcspn(got.v[0], " "))))
        strv_free(&got);
    if (got.n && got.n <= 4 && best_tier(m, &got) < 3) {
        m->text_byline = got;
    } else {
        strv_free(&got);
    }
}

/* "04.02.2022 | 13:10 Uhr | Jane Doe": the person's name in a short
 * line of parts that gives the article's date, a last resort. */
static void on_dateline(ann_html_meta *m, const char *s)
{
    if (m->dateline.n || !strpbrk(s, "|"))
        return;
    strv got = {0};
    add_names(m, &got, s);
    for (size_t i = 0; i < got.n && !m->dateline.n; i++)
        if (author_tier(m, got.v[i]) == 0)
            ANN_PUSH(m->dateline.v, m->dateline.n, m->dateline.cap, ann_xstrdup(got.v[i]));
    strv_free(&got);
}

/* Is n inside a figure or its caption (a photo's credit)? */
static int in_figure(const xmlNode *n)
{
    for (int up = 0; n && up < 8; up++, n = n->parent)
        if (n->type == XML_ELEMENT_NODE && (ann_html_is((const char *)n->name, "figure") ||
                                            ann_html_is((const char *)n->name, "figcaption")))
            return 1;
    return 0;
}

static int is_given_name(const ann_html_meta *m, const char *w, size_t n);

/* Does s name a photo agency (html/bylines.tsv "picture") at a word's
 * start: "© Jane Roe - stock.adobe.com" credits a picture? */
static int names_picture_agency(const ann_html_meta *m, const char *s)
{
    for (const char *p = s; *p; p++)
        if ((p == s || strchr(" -/(|", p[-1])) && bword_at(m, p, 'p'))
            return 1;
    return 0;
}

/* "2006-2008 by Jane Doe" at p, where a text opens (after a parenthesis
 * closed, say): a footer's year or years followed by "by", a copyright
 * line without its sign.  Not in prose ("founded in 2019 by Jane Doe"). */
static int year_by(const char *s, const char *p)
{
    if (strspn(s, " \t\r\n()|.,-") != (size_t)(p - s) || strspn(p, "0123456789") != 4 ||
        !((p[0] == '1' && p[1] == '9') || (p[0] == '2' && p[1] == '0')))
        return 0;
    const char *q = p;
    while (*q && (strchr("0123456789-/ ", *q) || !strncmp(q, "\xE2\x80\x93", 3)))
        q += !strncmp(q, "\xE2\x80\x93", 3) ? 3 : 1;
    return q[-1] == ' ' && !strncmp(q, "by ", 3);
}

/* "© 2019 Jane Doe", "Copyright (c) 2012- Jane Doe. All rights reserved":
 * the person's name a copyright line gives, a last resort for the author
 * of a page that names none (a personal site's footer). */
static void on_copyright(ann_html_meta *m, xmlNode *n)
{
    const char *s = (const char *)n->content, *at = NULL;
    size_t len = strlen(s);
    if (len > 200)
        return;
    for (const char *p = s; *p && !at; p++)
        if (*p == '\xC2' && p[1] == '\xA9')
            at = p + 2;
        else if (*p == '(' && !strncasecmp(p, "(c)", 3))
            at = p + 3;
        else if ((*p | 0x20) == 'c' && !strncasecmp(p, "copyright", 9) && (p == s || p[-1] == ' '))
            at = p + 9;
        else if (year_by(s, p))
            at = p;
    if (!at || in_figure(n) || names_picture_agency(m, at))
        return;
    while (*at && (strchr(" \t\n\r-,:0123456789", *at) || !strncasecmp(at, "(c)", 3) ||
                   !strncasecmp(at, "copyright", 9) || !strncmp(at, "\xC2\xA9", 2) ||
                   !strncmp(at, "\xE2\x80\x93", 3)))
        at += !strncasecmp(at, "copyright", 9) ? 9 : !strncasecmp(at, "(c)", 3) ? 3
              : !strncmp(at, "\xE2\x80\x93", 3) ? 3 : !strncmp(at, "\xC2\xA9", 2) ? 2 : 1;
    /* "Gregory Szorc. All rights reserved": a period after a word ends it */
    size_t end = 0;
    while (at[end] && !(at[end] == '.' && end > 1 && at[end - 2] != ' ' &&
                        at[end - 1] >= 'a' && at[end - 1] <= 'z'))
        end++;
    char *line = ann_xasprintf("by %.*s", (int)(end < 80 ? end : 80), at);
    strv got = {0};
    add_names(m, &got, line);
    free(line);
    while (got.n > 1)   /* "© Jane Doe | Impressum" */
        free(got.v[--got.n]);
    if (got.n == 1 && author_tier(m, got.v[0]) == 0 &&
        is_given_name(m, got.v[0], strcspn(got.v[0], " "))) {
        m->copyright = got;
    } else {
        strv_free(&got);
    }
}

/* Does the element hold no byline of the article's (the comments), as a
 * block around others (not the page, not the article itself)? */
static int is_comments(const xmlNode *n, unsigned hints)
{
    const char *name = (const char *)n->name;
    return (hints & HH_NOBYLINE) && !ann_html_is(name, "body") && !ann_html_is(name, "html") &&
           !ann_html_is(name, "article") && !ann_html_is(name, "main");
}

static int scan_enter(void *ctx, xmlNode *n)
{
    ann_html_meta *m = ctx;
    if (n->type == XML_TEXT_NODE && n->content && m->in_body && !m->text_byline.n &&
        !m->comments)
        on_text(m, n);
    if (n->type == XML_TEXT_NODE && n->content && m->in_body && !m->copyright.n &&
        !m->comments)
        on_copyright(m, n);
    /* the first short text that is a date, anywhere */
    if (n->type == XML_TEXT_NODE && n->content && m->in_body && !m->d_short &&
        m->short_texts < 2000 && strlen((const char *)n->content) < 100) {
        m->short_texts++;
        m->d_short = ann_page_date(m->months, (const char *)n->content, strlen((const char *)n->content));
        if (m->d_short && !m->comments)
            on_dateline(m, (const char *)n->content);
    }
    /* the first date after the headline, in the next few texts (further
     * on, dates are the article's subject or teasers') */
    if (n->type == XML_TEXT_NODE && n->content && m->after_h1 && !m->d_after_h1 &&
        m->texts_after_h1 < 16) {
        const char *t = (const char *)n->content;
        size_t len = strlen(t), lead = strspn(t, " \t\r\n");
        m->texts_after_h1 += lead < len;
        /* a short text, or the dateline that starts a paragraph */
        m->d_after_h1 = ann_page_date(m->months, t, len < 100 ? len : lead + 40 < len ? lead + 40 : len);
        if (m->d_after_h1 && len < 100 && !m->comments)
            on_dateline(m, t);
    }
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (ann_html_is((const char *)n->name, "body"))
        m->in_body = 1;
    m->elems_after_h1 += m->after_h1;
    const char *name = (const char *)n->name;
    const char *type = ann_html_attr(n, "type"), *ip = ann_html_attr(n, "itemprop");
    const char *rel = ann_html_attr(n, "rel"), *cls = ann_html_attr(n, "class");
    const char *id = ann_html_attr(n, "id");
    unsigned hints = cls || id ? ann_html_hints(m->html, &m->hints, cls, id) : 0;
    if (!m->comments && is_comments(n, hints))
        m->comments = n;     /* the outermost; left in scan_leave */
    if (ann_html_is(name, "meta")) {
        on_meta(m, n);
    } else if (ann_html_is(name, "link")) {
        if (rel && ann_html_is(rel, "canonical"))
            set_once(&m->url, ann_html_attr(n, "href"));
    } else if (ann_html_is(name, "title")) {
        if (!m->title_tag)
            m->title_tag = node_text(n);
        return 0;
    } else if (ann_html_is(name, "script")) {
        if (type && ann_html_is(type, "application/ld+json"))
            on_ld(m, n);
        return 0;
    } else if (ann_html_is(name, "style") || ann_html_is(name, "template")) {
        return 0;
    } else if (ann_html_is(name, "h1")) {
        if (!m->h1)
            m->h1 = heading_text(m, n);
        if (m->h1s.n < 4) {
            char *t = heading_text(m, n);
            if (t)
                ANN_PUSH(m->h1s.v, m->h1s.n, m->h1s.cap, t);
        }
        if (m->in_article && !m->h1_article)
            m->h1_article = heading_text(m, n);
    } else if (ann_html_is(name, "time")) {
        const char *dt = ann_html_attr(n, "datetime");
        if (dt && (ann_html_attr(n, "pubdate") || (ip && !strcmp(ip, "datePublished"))))
            set_once(&m->d_time_pub, dt);
        if (dt && m->in_article)
            set_once(&m->d_time, dt);
        set_once(&m->d_time_any, dt);
    } else if (ann_html_is(name, "article")) {
        m->in_article++;
    }
    if (ip && !strcmp(ip, "datePublished") && !m->d_time_pub) {
        const char *c = ann_html_attr(n, "content");
        if (c)
            set_once(&m->d_time_pub, c);
        else if (!m->d_text && m->date_tries++ < 8)
            on_date_elem(m, n);
    }
    if (!m->hinted && (ann_html_is(name, "h1") || ann_html_is(name, "h2")) &&
        ((hints & HH_HEADLINE) || (ip && !strcmp(ip, "headline"))))
        m->hinted = heading_text(m, n);
    int rank = m->byline_tries < 32 && !m->comments ? byline_rank(n, hints) : -1;
    if (rank >= 0) {
        m->byline_tries++;
        on_byline(m, n, rank);
    }
    if (!m->d_text && m->date_tries < 8 && (hints & HH_DATE) && !(hints & HH_NODATE)) {
        m->date_tries++;
        on_date_elem(m, n);
    }
    return 1;
}

static void scan_leave(void *ctx, xmlNode *n)
{
    ann_html_meta *m = ctx;
    if (n == m->comments)
        m->comments = NULL;
    if (n->type == XML_ELEMENT_NODE && ann_html_is((const char *)n->name, "h1"))
        m->after_h1 = 1;
    if (n->type == XML_ELEMENT_NODE && ann_html_is((const char *)n->name, "article"))
        m->in_article--;
}

/* ---- the title ---------------------------------------------------------- */

static int word_char(char c)
{
    return c && !is_space(c) && !strchr(",.:;!?|()\"'-", c);
}

/* How many of a's words are in b, as a share of a's (case aside): as
 * whole words of b, or anywhere in it. */
static double overlap_in(const char *a, const char *b, int whole)
{
    size_t words = 0, found = 0;
    size_t nb = strlen(b);
    for (const char *p = a; *p;) {
        while (*p && !word_char(*p))
            p++;
        size_t k = 0;
        while (word_char(p[k]))
            k++;
        if (!k)
            break;
        words++;
        for (size_t i = 0; i + k <= nb; i++)
            if ((!whole || ((i == 0 || !word_char(b[i - 1])) && !word_char(b[i + k]))) &&
                !strncasecmp(b + i, p, k)) {
                found++;
                break;
            }
        p += k;
    }
    return words ? (double)found / (double)words : 0.0;
}

static double overlap(const char *a, const char *b)
{
    return overlap_in(a, b, 1);
}

/* The last, a bar without spaces ("NEWS WEB EASY|Headline"), is tried
 * only after the spaced ones: a part it cuts off must be the site's name
 * as any other. */
static const char *const title_seps[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                         " :: ", " \xC2\xBB ", " // ", " \xC2\xB7 ",
                                         " \xE2\x80\xA2 ", " \xE2\x80\xBA ", "|", NULL};

/* Is this part of a title the site's name? */
/* Letters and digits of s, lowercased (ASCII), into out. */
static size_t squeeze(const char *s, size_t n, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap; i++) {
        char c = s[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80)
            out[k++] = c;
        else if (c >= 'A' && c <= 'Z')
            out[k++] = (char)(c + 32);
    }
    out[k] = '\0';
    return k;
}

static size_t count_words(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += word_char(*p) && (p == s || !word_char(p[-1]));
    return n;
}

static int is_site_as(const char *part, size_t n, const ann_html_meta *m, int author)
{
    char *p = ann_xstrndup(part, n);
    int yes = 0;
    size_t words = count_words(p);
    const char *names[] = {m->site, m->ld_publisher, author ? NULL : m->logo};
    /* a title holds the site's name and more; an author's name that
     * holds it is a person's with a role ("Site-Experte Jane Doe") */
    for (size_t i = 0; i < 3 && !yes; i++)
        yes = names[i] && (overlap(p, names[i]) >= 0.8 ||
                           (!author && overlap(names[i], p) >= 0.8 &&
                            words <= count_words(names[i]) + 4));
    /* the host: "helge.at" in "Helge.at", "lastampa" in "La Stampa" */
    if (!yes && m->url && words <= 5) {
        const char *h = strstr(m->url, "://");
        h = h ? h + 3 : m->url;
        if (!strncasecmp(h, "www.", 4))
            h += 4;
        char sh[64], sp[256];
        size_t hl = squeeze(h, strcspn(h, "./:"), sh, sizeof sh);
        size_t pl = squeeze(p, strlen(p), sp, sizeof sp);
        /* a person's name may begin as the host does ("Helge Fahrnberger"
         * at helge.at): an author is the site only as one word, or all of
         * the host */
        yes = hl >= 3 && !strncmp(sp, sh, hl) && (!author || words == 1 || pl == hl);
    }
    free(p);
    return yes;
}

static int is_site(const char *part, size_t n, const ann_html_meta *m)
{
    return is_site_as(part, n, m, 0);
}

/* s with each no-break space a space: "&nbsp;|&nbsp;" parts a title as
 * " | " does. */
static char *nbsp_to_space(const char *s)
{
    char *c = ann_xstrdup(s), *o = c;
    for (const char *p = s; *p; p++)
        if (p[0] == '\xC2' && p[1] == '\xA0') {
            *o++ = ' ';
            p++;
        } else {
            *o++ = *p;
        }
    *o = '\0';
    return c;
}

/* The title without the site's name at its start or end. */
static char *strip_site(const char *title, const ann_html_meta *m)
{
    if (!title)
        return NULL;
    char *t = nbsp_to_space(title), *r = NULL;
    for (const char *const *sep = title_seps; *sep; sep++) {
        size_t sl = strlen(*sep);
        const char *first = strstr(t, *sep);
        if (!first)
            continue;
        const char *last = first;
        for (const char *q; (q = strstr(last + sl, *sep)) != NULL;)
            last = q;
        if (is_site(last + sl, strlen(last + sl), m))
            r = clean(t, (size_t)(last - t));
        else if (is_site(t, (size_t)(first - t), m))
            r = clean(first + sl, strlen(first + sl));
        if (r)
            break;
    }
    if (!r)
        r = clean(t, strlen(t));
    free(t);
    return r;
}

/* Is this heading the site's name (a logo in an <h1>)? */
static int site_heading(const char *h, const ann_html_meta *m)
{
    const char *names[] = {m->site, m->ld_publisher};
    for (size_t i = 0; i < 2; i++)
        if (names[i] && overlap(h, names[i]) >= 0.8 && overlap(names[i], h) >= 0.5)
            return 1;
    /* the last part of the <title> ("Post | Blog"), after a longer one */
    const char *t = m->title_tag;
    size_t hn = strlen(h);
    for (const char *const *sep = title_seps; t && *sep; sep++) {
        size_t sl = strlen(*sep);
        int equal = 0;
        size_t longest = 0;
        for (const char *p = t, *q; p; p = q ? q + sl : NULL) {
            q = strstr(p, *sep);
            size_t n = q ? (size_t)(q - p) : strlen(p);
            if (n == hn && !strncasecmp(p, h, n) && !q && p != t)
                equal = 1;
            else if (n > longest)
                longest = n;
            if (!q && p == t)
                break;
        }
        if (equal && longest > hn)
            return 1;
    }
    return 0;
}

static const char *choose_title(ann_html_meta *m)
{
    if (m->title)
        return m->title;
    const char *metas[] = {m->ld_title, m->og_title, m->tw_title, m->title_tag};
    const char *h = m->hinted ? m->hinted : m->h1_article ? m->h1_article : m->h1;
    /* a logo in an <h1>: the next <h1> may be the headline */
    for (size_t i = 0; h && site_heading(h, m) && i < m->h1s.n; i++) {
        m->logo = h;
        h = m->h1s.v[i];
    }
    if (h && site_heading(h, m)) {
        m->logo = h;
        h = NULL;
    }
    int any = 0, agree = 0;
    for (size_t i = 0; i < 4; i++) {
        if (!metas[i])
            continue;
        any = 1;
        agree |= h && (overlap_in(h, metas[i], 0) >= 0.6 || overlap_in(metas[i], h, 0) >= 0.6);
    }
    if (h && strlen(h) >= 3 && (agree || !any)) {
        m->title = strip_site(h, m);
        return m->title;
    }
    for (size_t i = 0; i < 4 && !m->title; i++)
        m->title = strip_site(metas[i], m);
    if (!m->title && h)
        m->title = ann_xstrdup(h);
    return m->title;
}

/* An account name rather than a person's ("christian.stadtfeld",
 * "wordpressadmin", "gabor_munier"): one word, no capital, or with a dot
 * or an underscore inside. */
static int is_handle(const char *s)
{
    int upper = 0;
    if (strchr(s, ' '))
        return 0;
    for (const char *p = s; *p; p++) {
        if (*p == ' ')
            return 0;
        if ((*p == '.' || *p == '_') && p != s && p[1])
            return 1;
        upper |= (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0xC3;
    }
    return !upper;
}

/* ---- the authors -------------------------------------------------------- */

/* An organization's word in s ("GmbH", "Redaktion", "News")? */
static int has_org_word(const ann_html_meta *m, const char *s)
{
    for (const char *p = s; *p; p++)
        if ((p == s || p[-1] == ' ' || p[-1] == '-') && bword_at(m, p, 'o'))
            return 1;
    return 0;
}

/* Written as a person's name: two to five words, the first and the last
 * capitalized, particles of names between ("Jose de la Cruz"), no
 * digits. */
static int written_as_person(const ann_html_meta *m, const char *s)
{
    size_t n = strlen(s), words = 0, i = 0;
    int last_upper = 0;
    while (i < n) {
        while (i < n && s[i] == ' ')
            i++;
        if (i >= n)
            break;
        size_t st = i, j = i;
        while (i < n && s[i] != ' ')
            i++;
        for (size_t k = st; k < i; k++)
            if ((s[k] >= '0' && s[k] <= '9') || strchr("@:/|()", s[k]))
                return 0;
        last_upper = ann_is_upper(ann_utf8_next(s, i, &j));
        if (!last_upper && (words == 0 || !ann_meta_particle(m->particles, s + st, i - st)))
            return 0;
        words++;
    }
    return words >= 2 && words <= 5 && last_upper;
}

/* How an author's name reads, best first: 0 a person's, 1 another name,
 * 2 an organization's or an account's, 3 the site's; 4 the headline's
 * words, no name. */
static const char *site_person(const ann_html_meta *m);

static int author_tier(const ann_html_meta *m, const char *s)
{
    if (is_site_as(s, strlen(s), m, 1)) {
        const char *person = site_person(m);
        return person && overlap(s, person) >= 0.8 ? 0 : 3;
    }
    /* a byline that repeats the headline ("Vanille-Porridge mit Apfel") */
    if (m->title && count_words(s) >= 3 && overlap(s, m->title) >= 0.8)
        return 4;
    if (is_handle(s) || has_org_word(m, s))
        return 2;
    return written_as_person(m, s) ? 0 : 1;
}

/* Is the word w[0..n) a given name (the lexicons' "given", not a weak
 * one: "Will", "May")? */
static int is_given_name(const ann_html_meta *m, const char *w, size_t n)
{
    ann_match g;
    return m->lexicon && ann_rules_lookup(m->lexicon, w, n, "given", &g) &&
           !strstr(g.attrs, "weak=1");
}

/* The site's name when it is a person's (a personal site, "Dr. Jane
 * Doe"): written as a name with a given name among its first two words. */
static const char *site_person(const ann_html_meta *m)
{
    const char *site = m->site ? m->site : m->ld_publisher;
    if (!site || !written_as_person(m, site))
        return NULL;
    for (const char *w = site; w && w - site < 40; w = strchr(w, ' ') ? strchr(w, ' ') + 1 : NULL)
        if (is_given_name(m, w, strcspn(w, " ")))
            return site;
    return NULL;
}

/* Does v name one of the document's authors? */
static int shares_name(const strv *v, const ann_doc *d)
{
    for (size_t i = 0; i < v->n; i++)
        for (size_t k = 0; k < d->nauthors; k++)
            if (!strcmp(v->v[i], d->authors[k]))
                return 1;
    return 0;
}

/* The authors: from the first source (JSON-LD, meta names, bylines from
 * the surest, a copyright line, the site's name if a person's) that names
 * a person written as a name; else one that names anyone but an
 * organization, an account or the site; and so on.  Of that source, the
 * names no worse than its best (or than another name). */
static void choose_authors(ann_doc *d, const ann_html_meta *m)
{
    const char *person = site_person(m);
    strv site = {(char **)&person, person ? 1 : 0, 0};
    /* the copyright line and the site's name only when the others name
     * no one but the site */
    const strv *srcs[] = {&m->ld_authors, &m->meta_authors, &m->bylines, &m->person_byline,
                          &m->text_byline, &m->dateline, &m->copyright, &site};
    const size_t nsrcs = sizeof srcs / sizeof *srcs, nlast = 3;
    /* rounds: the tier a name must reach, from the last-resort sources or the others */
    static const struct {
        int want, last;
    } rounds[] = {{0, 0}, {1, 0}, {2, 0}, {0, 1}, {3, 0}};
    for (size_t r = 0; r < sizeof rounds / sizeof *rounds; r++) {
        int want = rounds[r].want;
        size_t from = rounds[r].last ? nsrcs - nlast : 0, to = rounds[r].last ? nsrcs : nsrcs - nlast;
        for (size_t k = from; k < to; k++) {
            if (best_tier(m, srcs[k]) > want)
                continue;
            for (size_t i = 0; i < srcs[k]->n; i++)
                if (author_tier(m, srcs[k]->v[i]) <= want)
                    ann_doc_add_author(d, srcs[k]->v[i]);
            /* the other machine-written source (JSON-LD, meta names) may
             * name more of them */
            for (size_t j = 0; k < 2 && j < 2; j++)
                if (j != k && shares_name(srcs[j], d))
                    for (size_t i = 0; i < srcs[j]->n; i++)
                        if (author_tier(m, srcs[j]->v[i]) <= want)
                            ann_doc_add_author(d, srcs[j]->v[i]);
            return;
        }
    }
}

/* "robert.stitz", "jane_doe": an account of two words, the first a given
 * name, written as the name "Robert Stitz"; NULL otherwise. */
static char *account_name(const ann_html_meta *m, const char *a)
{
    size_t k = strcspn(a, "._"), n = strlen(a);
    if (k < 2 || k + 3 > n || strcspn(a + k + 1, "._") != n - k - 1)
        return NULL;
    for (size_t i = 0; i < n; i++)
        if (i != k && !((a[i] >= 'a' && a[i] <= 'z') || (a[i] >= 'A' && a[i] <= 'Z')))
            return NULL;
    char *s = ann_xstrdup(a);
    s[0] = (char)(s[0] & ~0x20);
    s[k] = ' ';
    s[k + 1] = (char)(s[k + 1] & ~0x20);
    if (!is_given_name(m, s, k)) {
        free(s);
        return NULL;
    }
    return s;
}

/* ---- the date in the URL ------------------------------------------------ */

/* "/2024/04/19/", "/2024-04-19-", "/20240419/": a date of the page. */
static char *url_date(const char *u)
{
    for (const char *p = u; p && *p; p++) {
        if (*p != '/' || !(p[1] == '1' || p[1] == '2'))
            continue;
        int y = 0, mo = 0, d = 0;
        char tail = 0;
        if (sscanf(p + 1, "%4d/%2d/%2d%c", &y, &mo, &d, &tail) >= 3 ||
            sscanf(p + 1, "%4d-%2d-%2d%c", &y, &mo, &d, &tail) >= 3) {
            if (y >= 1995 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 &&
                (tail == 0 || tail == '/' || tail == '-' || tail == '.' || tail == '_'))
                return ann_xasprintf("%04d-%02d-%02d", y, mo, d);
        }
    }
    return NULL;
}

/* The surest date that names a day; a month or year alone only when no
 * source names a day. */
static char *choose_date(const ann_html_meta *m)
{
    /* a <meta> "date" of a CMS is often its record's, not the article's:
     * the dates the page shows as the article's go first */
    const char *dates[] = {m->d_ld, m->d_meta, m->d_time_pub, m->d_text, m->d_time,
                           m->d_other, NULL, m->d_after_h1, m->d_time_any, m->d_short,
                           m->d_described, m->d_updated};
    char *partial = NULL;
    for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
        char *got = i == 6 ? (m->url ? url_date(m->url) : NULL)
                    : dates[i] ? ann_markup_date(m->months, dates[i], strlen(dates[i])) : NULL;
        if (got && strlen(got) == 10) {
            free(partial);
            return got;
        }
        if (got && !partial)
            partial = got;
        else
            free(got);
    }
    return partial;
}

/* ---- the interface ------------------------------------------------------ */

ann_html_meta *ann_html_meta_scan(xmlNode *root, const ann_reader_rules *rules)
{
    ann_html_meta *m = ann_xcalloc(1, sizeof *m);
    m->html = rules ? rules->html : NULL;
    m->months = rules ? rules->months : NULL;
    m->particles = rules ? rules->meta : NULL;
    m->lexicon = rules ? rules->lexicon : NULL;
    m->root = root;
    if (root) {
        ann_xml_walker w = {scan_enter, scan_leave, m};
        ann_xml_walk(root, &w);
    }
    /* "Press release of 18.10.2021 …" in the page's description */
    if (m->description)
        m->d_described = ann_page_date(m->months, m->description, strlen(m->description));
    return m;
}

const char *ann_html_meta_title(const ann_html_meta *m)
{
    return choose_title((ann_html_meta *)m);
}

const char *ann_html_meta_body(const ann_html_meta *m)
{
    return m->ld_body;
}

struct hint_cache *ann_html_meta_take_hints(ann_html_meta *m)
{
    struct hint_cache *c = m->hints;
    m->hints = NULL;
    return c;
}

/* An author written as a given name alone or as an account: the whole
 * name the page writes for it, else an account "robert.stitz" whose first
 * part is a given name as "Robert Stitz". */
static void complete_authors(ann_doc *d, const ann_html_meta *m)
{
    for (size_t i = 0; i < d->nauthors; i++) {
        char *full = ann_html_full_name(m->root, d->authors[i]);
        if (!full)
            full = account_name(m, d->authors[i]);
        if (!full)
            continue;
        int dup = 0;
        for (size_t k = 0; k < d->nauthors; k++)
            dup |= !strcmp(d->authors[k], full);
        if (dup) {
            free(full);
            continue;
        }
        free(d->authors[i]);
        d->authors[i] = full;
    }
}

void ann_html_meta_apply(ann_doc *d, const ann_html_meta *m)
{
    choose_authors(d, m);
    complete_authors(d, m);
    const char *pub = m->ld_publisher ? m->ld_publisher : m->site;
    if (pub && !d->publisher)
        d->publisher = ann_xstrdup(pub);
    if (!d->published)
        d->published = choose_date(m);
}

void ann_html_meta_free(ann_html_meta *m)
{
    if (!m)
        return;
    char *strs[] = {m->ld_title, m->og_title, m->tw_title, m->title_tag, m->h1,
                    m->h1_article, m->hinted, m->site, m->ld_publisher, m->url,
                    m->d_ld, m->d_meta, m->d_other, m->d_time_pub, m->d_time,
                    m->d_text, m->d_time_any, m->d_after_h1, m->d_updated, m->d_short,
                    m->description, m->d_described, m->ld_body, m->title};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        free(strs[i]);
    strv_free(&m->ld_authors);
    strv_free(&m->meta_authors);
    strv_free(&m->bylines);
    strv_free(&m->person_byline);
    strv_free(&m->text_byline);
    strv_free(&m->copyright);
    strv_free(&m->dateline);
    strv_free(&m->h1s);
    ann_html_hints_free(m->hints);
    free(m);
}
