/*
 * timex_rules.c - loads the date resources under src/rules/dates/ (built
 * into the binary): normalization.tsv (word -> value tables),
 * fragments.tsv (named regex pieces) and rules.tsv (patterns with their
 * normalization functions), and compiles every rule into ONE alternation
 * so that a window is scanned once, whatever the number of rules.
 * After ann_date_rules_new returns, everything here is read-only: worker
 * threads share it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "builtin.h"
#include "dates.h"
#include "timex.h"

/* A growable string: the expanded patterns have no useful upper bound. */
typedef struct str {
    char *p;
    size_t len, cap;
} str;

static void str_add(str *s, const char *p, size_t n)
{
    if (s->len + n + 1 > s->cap)
        ann_grow((void **)&s->p, &s->cap, s->len + n + 1, 1);
    memcpy(s->p + s->len, p, n);
    s->len += n;
    s->p[s->len] = '\0';
}

static void str_adds(str *s, const char *p) { str_add(s, p, strlen(p)); }

/* A line-oriented view of one data file, for error messages. */
typedef struct src {
    const char *name;
    const char *p, *end;
    size_t line;
} src;

typedef struct word {      /* a table word as written, for @table */
    char *table, *word;
} word;

typedef struct frag {
    char *name, *re;
} frag;

typedef struct loader {
    ann_date_rules *r;
    word *words;
    size_t nwords, capwords;
    frag *frags;
    size_t nfrags, capfrags;
    char *err;
    size_t errlen;
} loader;

static int fail(loader *L, const src *s, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(L->err, L->errlen, "%s:%zu: ", s->name, s->line);
    if (n >= 0 && (size_t)n < L->errlen) {
        va_start(ap, fmt);
        vsnprintf(L->err + n, L->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Next non-comment, non-blank line split at tabs into at most max fields.
 * Returns the number of fields, 0 at the end of the file. */
static size_t next_line(src *s, str *buf, char **f, size_t max)
{
    while (s->p < s->end) {
        const char *nl = memchr(s->p, '\n', (size_t)(s->end - s->p));
        const char *e = nl ? nl : s->end;
        const char *b = s->p;
        s->p = nl ? nl + 1 : s->end;
        s->line++;
        while (e > b && (e[-1] == '\r' || e[-1] == ' '))
            e--;
        if (e == b || *b == '#')
            continue;
        buf->len = 0;
        str_add(buf, b, (size_t)(e - b));
        size_t n = 0;
        char *q = buf->p;
        while (n < max) {
            f[n++] = q;
            char *t = strchr(q, '\t');
            if (!t)
                break;
            *t = '\0';
            q = t + 1;
            while (*q == '\t')      /* several tabs align columns */
                q++;
        }
        return n;
    }
    return 0;
}

static uint64_t hash_key(const char *s)
{
    return ann_hash(s, strlen(s));
}

size_t tx_normkey(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = 1;
            continue;
        }
        if (space && o > 0) {
            if (o + 1 >= cap)
                return 0;
            out[o++] = ' ';
        }
        space = 0;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0x99) {
            c = '\'';                       /* ’ */
            i += 2;
        } else if (c >= 'A' && c <= 'Z') {
            c = (unsigned char)(c - 'A' + 'a');
        }
        if (o + 1 >= cap)
            return 0;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return o;
}

static size_t make_key(char *out, size_t cap, const char *table,
                       const char *w, size_t n)
{
    size_t tl = strlen(table);
    if (tl + 2 >= cap)
        return 0;
    memcpy(out, table, tl);
    out[tl] = '\x1f';
    size_t k = tx_normkey(out + tl + 1, cap - tl - 1, w, n);
    return k ? tl + 1 + k : 0;
}

static tx_entry *slot(const ann_date_rules *r, const char *key)
{
    size_t mask = r->captab - 1;
    for (size_t i = (size_t)hash_key(key) & mask;; i = (i + 1) & mask)
        if (!r->tab[i].key || strcmp(r->tab[i].key, key) == 0)
            return &r->tab[i];
}

const char *tx_lookup(const ann_date_rules *r, const char *table,
                      const char *w, size_t n)
{
    char key[96];
    if (!make_key(key, sizeof key, table, w, n))
        return NULL;
    tx_entry *e = slot(r, key);
    return e->key ? e->value : NULL;
}

static void tab_put(ann_date_rules *r, const char *key, const char *value)
{
    if ((r->ntab + 1) * 2 > r->captab) {      /* keep the load under 1/2 */
        tx_entry *old = r->tab;
        size_t oldcap = r->captab;
        r->captab = oldcap ? oldcap * 2 : 256;
        r->tab = ann_xcalloc(r->captab, sizeof *r->tab);
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].key)
                *slot(r, old[i].key) = old[i];
        free(old);
    }
    tx_entry *e = slot(r, key);
    if (e->key) {                   /* a later line overrides */
        free(e->value);
        e->value = ann_xstrdup(value);
        return;
    }
    e->key = ann_xstrdup(key);
    e->value = ann_xstrdup(value);
    r->ntab++;
}

static const ann_builtin_file *data_file(loader *L, const char *name)
{
    const ann_builtin_file *f = ann_builtin_get(name);
    if (!f)
        snprintf(L->err, L->errlen, "%s: missing built-in file", name);
    return f;
}

static int load_tables(loader *L)
{
    const ann_builtin_file *f = data_file(L, "dates/normalization.tsv");
    if (!f)
        return -1;
    src s = {f->name, f->data, f->data + f->len, 0};
    str buf = {0};
    char *fld[3];
    size_t n;
    int rc = 0;
    while ((n = next_line(&s, &buf, fld, 3)) > 0) {
        char key[96];
        if (n != 3) {
            rc = fail(L, &s, "want table<TAB>word<TAB>value");
            break;
        }
        if (!make_key(key, sizeof key, fld[0], fld[1], strlen(fld[1]))) {
            rc = fail(L, &s, "word too long");
            break;
        }
        tab_put(L->r, key, fld[2]);
        word w = {ann_xstrdup(fld[0]), ann_xstrdup(fld[1])};
        ANN_PUSH(L->words, L->nwords, L->capwords, w);
    }
    free(buf.p);
    return rc;
}

static int load_fragments(loader *L)
{
    const ann_builtin_file *f = data_file(L, "dates/fragments.tsv");
    if (!f)
        return -1;
    src s = {f->name, f->data, f->data + f->len, 0};
    str buf = {0};
    char *fld[2];
    size_t n;
    int rc = 0;
    while ((n = next_line(&s, &buf, fld, 2)) > 0) {
        if (n != 2) {
            rc = fail(L, &s, "want name<TAB>regex");
            break;
        }
        frag fr = {ann_xstrdup(fld[0]), ann_xstrdup(fld[1])};
        ANN_PUSH(L->frags, L->nfrags, L->capfrags, fr);
    }
    free(buf.p);
    return rc;
}

static int by_length_desc(const void *a, const void *b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    return la < lb ? 1 : la > lb ? -1 : strcmp(*(char *const *)a, *(char *const *)b);
}

/* @table: the table's words as a regex alternation, longest first so that
 * "Christmas Eve" is preferred to "Christmas". */
static int expand_table(loader *L, const src *s, const char *name, size_t n,
                        str *out)
{
    char **v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t i = 0; i < L->nwords; i++)
        if (strlen(L->words[i].table) == n &&
            memcmp(L->words[i].table, name, n) == 0)
            ANN_PUSH(v, nv, cap, L->words[i].word);
    if (nv == 0) {
        free(v);
        return fail(L, s, "unknown table @%.*s", (int)n, name);
    }
    qsort(v, nv, sizeof *v, by_length_desc);
    str_adds(out, "(?:");
    for (size_t i = 0; i < nv; i++) {
        if (i)
            str_adds(out, "|");
        for (const char *c = v[i]; *c; c++) {
            if (*c == '\'')
                str_adds(out, "(?:'|\xE2\x80\x99)");
            else {
                if (strchr("\\^$.|?*+()[]{}", *c))
                    str_add(out, "\\", 1);
                str_add(out, c, 1);
            }
        }
    }
    str_adds(out, ")");
    free(v);
    return 0;
}

static int is_name(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

/* Replace %Fragment and @table references, recursively. */
static int expand(loader *L, const src *s, const char *re, str *out, int depth)
{
    if (depth > 8)
        return fail(L, s, "fragments nest too deeply (a cycle?)");
    for (const char *p = re; *p;) {
        if ((*p == '%' || *p == '@') && is_name((unsigned char)p[1]) &&
            !(p > re && p[-1] == '\\')) {
            const char *b = p + 1, *e = b;
            while (is_name((unsigned char)*e))
                e++;
            size_t n = (size_t)(e - b);
            if (*p == '@') {
                if (expand_table(L, s, b, n, out) < 0)
                    return -1;
            } else {
                size_t i;
                for (i = 0; i < L->nfrags; i++)
                    if (strlen(L->frags[i].name) == n &&
                        memcmp(L->frags[i].name, b, n) == 0)
                        break;
                if (i == L->nfrags)
                    return fail(L, s, "unknown fragment %%%.*s", (int)n, b);
                str_adds(out, "(?:");
                if (expand(L, s, L->frags[i].re, out, depth + 1) < 0)
                    return -1;
                str_adds(out, ")");
            }
            p = e;
            continue;
        }
        str_add(out, p, 1);
        p++;
    }
    return 0;
}

static pcre2_code *compile(loader *L, const src *s, const char *re)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
                                  PCRE2_CASELESS, &ec, &off, NULL);
    if (!c) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        fail(L, s, "bad pattern at offset %zu: %s", (size_t)off, (char *)msg);
    }
    return c;
}

/* "fn(a,b,c)": the function and its arguments ($N, a literal, or "-"). */
static int parse_call(loader *L, const src *s, tx_rule *ru, char *call)
{
    char *open = strchr(call, '('), *close = strrchr(call, ')');
    if (!open || !close || close < open || close[1])
        return fail(L, s, "want function(args), got \"%s\"", call);
    *open = *close = '\0';
    ru->fn = -1;
    for (size_t i = 0; i < tx_nfn; i++)
        if (strcmp(tx_fn_names[i], call) == 0)
            ru->fn = (int)i;
    if (ru->fn < 0)
        return fail(L, s, "unknown normalization function \"%s\"", call);
    for (char *a = open + 1; *a;) {
        char *comma = strchr(a, ',');
        if (comma)
            *comma = '\0';
        if (ru->nargs == TX_MAXARGS)
            return fail(L, s, "more than %d arguments", TX_MAXARGS);
        tx_arg *g = &ru->args[ru->nargs++];
        g->group = -1;
        if (a[0] == '$') {
            g->group = atoi(a + 1);
            if (g->group < 1 || (uint32_t)g->group > ru->ngroups)
                return fail(L, s, "%s: the pattern has no group %s", ru->name, a);
        } else if (strcmp(a, "-") != 0) {
            g->lit = ann_xstrdup(a);
        }
        if (!comma)
            break;
        a = comma + 1;
    }
    return 0;
}

static int load_rules(loader *L, str *all)
{
    const ann_builtin_file *f = data_file(L, "dates/rules.tsv");
    if (!f)
        return -1;
    src s = {f->name, f->data, f->data + f->len, 0};
    str buf = {0}, re = {0}, one = {0};
    char *fld[4];
    size_t n, cap = 0;
    int rc = 0;
    uint32_t group = 1;
    str_adds(all, "(?<![A-Za-z0-9_])(?:");
    while (rc == 0 && (n = next_line(&s, &buf, fld, 4)) > 0) {
        if (n != 4) {
            rc = fail(L, &s, "want name<TAB>type<TAB>pattern<TAB>function(args)");
            break;
        }
        tx_rule ru;
        memset(&ru, 0, sizeof ru);
        re.len = 0;
        if ((rc = expand(L, &s, fld[2], &re, 0)) < 0)
            break;
        one.len = 0;
        str_adds(&one, "(?<![A-Za-z0-9_])(");
        str_add(&one, re.p, re.len);
        str_adds(&one, ")(?![A-Za-z0-9_])");
        ru.alone = compile(L, &s, one.p);
        if (!ru.alone) {
            rc = -1;
            break;
        }
        pcre2_pattern_info(ru.alone, PCRE2_INFO_CAPTURECOUNT, &ru.ngroups);
        ru.ngroups--;                     /* not the rule's own group */
        ru.name = ann_xstrdup(fld[0]);
        snprintf(ru.type, sizeof ru.type, "%s", fld[1]);
        ru.base = group;
        group += ru.ngroups + 1;
        ANN_PUSH(L->r->rules, L->r->nrules, cap, ru);
        rc = parse_call(L, &s, &L->r->rules[L->r->nrules - 1], fld[3]);
        if (L->r->nrules > 1)
            str_adds(all, "|");
        str_adds(all, "(");
        str_add(all, re.p, re.len);
        str_adds(all, ")");
    }
    str_adds(all, ")(?![A-Za-z0-9_])");
    L->r->ngroups = group - 1;
    free(buf.p);
    free(re.p);
    free(one.p);
    return rc;
}

static void loader_free(loader *L)
{
    for (size_t i = 0; i < L->nwords; i++) {
        free(L->words[i].table);
        free(L->words[i].word);
    }
    free(L->words);
    for (size_t i = 0; i < L->nfrags; i++) {
        free(L->frags[i].name);
        free(L->frags[i].re);
    }
    free(L->frags);
}

ann_date_rules *ann_date_rules_new(char *err, size_t errlen)
{
    char dummy[1];
    loader L;
    memset(&L, 0, sizeof L);
    L.r = ann_xcalloc(1, sizeof *L.r);
    L.err = err ? err : dummy;
    L.errlen = err ? errlen : sizeof dummy;
    str all = {0};
    int rc = load_tables(&L);
    if (rc == 0)
        rc = load_fragments(&L);
    if (rc == 0)
        rc = load_rules(&L, &all);
    if (rc == 0) {
        src s = {"dates/rules.tsv", NULL, NULL, 0};
        L.r->re = compile(&L, &s, all.p);
        if (!L.r->re)
            rc = -1;
        else
            pcre2_jit_compile(L.r->re, PCRE2_JIT_COMPLETE); /* else interpreted */
    }
    free(all.p);
    loader_free(&L);
    if (rc < 0) {
        ann_date_rules_free(L.r);
        return NULL;
    }
    return L.r;
}

void ann_date_rules_free(ann_date_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->captab; i++) {
        free(r->tab[i].key);
        free(r->tab[i].value);
    }
    free(r->tab);
    for (size_t i = 0; i < r->nrules; i++) {
        free(r->rules[i].name);
        for (size_t j = 0; j < r->rules[i].nargs; j++)
            free(r->rules[i].args[j].lit);
        pcre2_code_free(r->rules[i].alone);
    }
    free(r->rules);
    pcre2_code_free(r->re);
    free(r);
}
