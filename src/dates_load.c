/*
 * dates_load.c - loading the date rules (src/rules/dates/ and the user's
 * dates/ files, all read through the one line reader, ann_rule_lines):
 * normalization.tsv into word tables (and the classes of the words the
 * tense of a clause is read from), fragments.tsv into named regex pieces,
 * rules.tsv into compiled rules, each with the value it gives (a named
 * normalization function and its arguments, or a value template); then
 * the rule index over them (dates_trie.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates.h"
#include "dates_rules.h"
#include "rulefile.h"
#include "tokenizer.h"

typedef struct word {      /* a table word as written, for @table */
    char *table, *word;
} word;

typedef struct frag {
    char *name, *re;
} frag;

typedef struct loader {
    ann_date_rules *r;
    size_t caprules;
    word *words;
    size_t nwords, capwords;
    frag *frags;
    size_t nfrags, capfrags;
    char **expanded;       /* per rule: its pattern, fragments and tables expanded */
    size_t nexp, capexp;
    ann_buf line, re, one; /* scratch */
    const char *name;      /* the file and line being read, for messages */
    size_t lineno;
    char *err;
    size_t errlen;
    int nojit;
} loader;

/* "PATH:LINE: what" of the line being read, into the caller's err; -1. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int fail(loader *L, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ann_load_error(L->err, L->errlen, L->name, L->lineno, "%s", msg);
    return -1;
}

/* ---- the word tables ---------------------------------------------------- */

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

/* "table\x1fword" with the word normalized; its length, 0 if too long. */
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

static tx_entry *find_entry(const ann_date_rules *r, const char *key, size_t n)
{
    uint64_t h = ann_hash(key, n);
    size_t pos = 0, i;
    while ((i = ann_table_next(&r->index, h, &pos)) != ANN_TABLE_END)
        if (strcmp(r->ent[i].key, key) == 0)
            return &r->ent[i];
    return NULL;
}

const char *tx_lookup(const ann_date_rules *r, const char *table,
                      const char *w, size_t n)
{
    char key[96];
    size_t k = make_key(key, sizeof key, table, w, n);
    const tx_entry *e = k ? find_entry(r, key, k) : NULL;
    return e ? e->value : NULL;
}

static void put_entry(ann_date_rules *r, const char *key, size_t n, const char *value)
{
    tx_entry *e = find_entry(r, key, n);
    if (e) {                        /* a later line overrides */
        free(e->value);
        e->value = ann_xstrdup(value);
        return;
    }
    tx_entry ne = {ann_xstrdup(key), ann_xstrdup(value)};
    ANN_PUSH(r->ent, r->nent, r->capent, ne);
    ann_table_put(&r->index, ann_hash(key, n), r->nent - 1);
}

/* ---- the words of the tense tables ---------------------------------------- */

static tx_wordclass *find_class(const ann_date_rules *r, const char *w, size_t n)
{
    size_t pos = 0, i;
    uint64_t h = ann_hash(w, n);
    while ((i = ann_table_next(&r->wc_index, h, &pos)) != ANN_TABLE_END)
        if (strlen(r->wc[i].word) == n && memcmp(r->wc[i].word, w, n) == 0)
            return &r->wc[i];
    return NULL;
}

unsigned tx_word_class(const ann_date_rules *r, const char *w, size_t n)
{
    char k[32];
    size_t kn = tx_normkey(k, sizeof k, w, n);
    const tx_wordclass *c = kn ? find_class(r, k, kn) : NULL;
    return c ? c->flags : 0;
}

static void add_class(ann_date_rules *r, const char *w, size_t n, unsigned flags)
{
    tx_wordclass *c = find_class(r, w, n);
    if (!c) {
        tx_wordclass nc = {ann_xstrndup(w, n), 0};
        ANN_PUSH(r->wc, r->nwc, r->capwc, nc);
        ann_table_put(&r->wc_index, ann_hash(w, n), r->nwc - 1);
        c = &r->wc[r->nwc - 1];
    }
    c->flags |= flags;
}

/* Index the words of the tables the tense of a clause is read from; a
 * two-word cue marks its first word, and its last sets cue_tail. */
static void index_tense_words(loader *L)
{
    static const struct { const char *table; unsigned flags; } tabs[] = {
        {"future_cue", TW_FUTURE}, {"past_verb", TW_PAST}, {"not_past_after", TW_NOT_PAST_AFTER},
    };
    for (size_t i = 0; i < L->nwords; i++)
        for (size_t t = 0; t < sizeof tabs / sizeof *tabs; t++) {
            char k[96];
            if (strcmp(L->words[i].table, tabs[t].table) != 0)
                continue;
            size_t n = tx_normkey(k, sizeof k, L->words[i].word, strlen(L->words[i].word));
            const char *sp = memchr(k, ' ', n);
            if (!sp) {
                add_class(L->r, k, n, tabs[t].flags);
            } else if (tabs[t].flags == TW_FUTURE) {
                add_class(L->r, k, (size_t)(sp - k), TW_FUTURE_HEAD);
                if (strlen(sp + 1) > L->r->cue_tail)
                    L->r->cue_tail = strlen(sp + 1);
            }
        }
}

/* ---- reading the files -------------------------------------------------- */

/* The line, copied into L->line, cut at runs of tabs (several tabs align
 * columns): at most max fields.  Returns their number, max + 1 when there
 * are more. */
static size_t split(loader *L, const char *line, size_t len, char **f, size_t max)
{
    L->line.len = 0;
    ann_buf_add(&L->line, line, len);
    size_t n = 0;
    for (char *q = L->line.p;;) {
        if (n == max)
            return max + 1;
        f[n++] = q;
        char *t = strchr(q, '\t');
        if (!t)
            return n;
        *t = '\0';
        q = t + 1;
        while (*q == '\t')
            q++;
    }
}

/* The fields of a line of file name (for messages), as split() cuts them. */
static size_t line_fields(loader *L, const char *line, size_t len, const char *name,
                          size_t lineno, char **f, size_t max)
{
    L->name = name;
    L->lineno = lineno;
    return split(L, line, len, f, max);
}

static int table_line(void *ctx, const char *line, size_t len, const char *name,
                      size_t lineno, char *err, size_t errlen)
{
    loader *L = ctx;
    char *f[3], key[96];
    (void)err, (void)errlen;
    if (line_fields(L, line, len, name, lineno, f, 3) != 3)
        return fail(L, "want table<TAB>word<TAB>value");
    size_t k = make_key(key, sizeof key, f[0], f[1], strlen(f[1]));
    if (!k)
        return fail(L, "word too long");
    put_entry(L->r, key, k, f[2]);
    word w = {ann_xstrdup(f[0]), ann_xstrdup(f[1])};
    ANN_PUSH(L->words, L->nwords, L->capwords, w);
    return 0;
}

static int fragment_line(void *ctx, const char *line, size_t len, const char *name,
                         size_t lineno, char *err, size_t errlen)
{
    loader *L = ctx;
    char *f[2];
    (void)err, (void)errlen;
    if (line_fields(L, line, len, name, lineno, f, 2) != 2)
        return fail(L, "want name<TAB>regex");
    frag fr = {ann_xstrdup(f[0]), ann_xstrdup(f[1])};
    ANN_PUSH(L->frags, L->nfrags, L->capfrags, fr);
    return 0;
}

/* ---- patterns: %fragments and @tables ----------------------------------- */

static int by_length_desc(const void *a, const void *b)
{
    size_t la = strlen(*(char *const *)a), lb = strlen(*(char *const *)b);
    return la < lb ? 1 : la > lb ? -1 : strcmp(*(char *const *)a, *(char *const *)b);
}

static int has_table(const loader *L, const char *name, size_t n)
{
    for (size_t i = 0; i < L->nwords; i++)
        if (strlen(L->words[i].table) == n && memcmp(L->words[i].table, name, n) == 0)
            return 1;
    return 0;
}

/* @table: the table's words as a regex alternation, longest first so that
 * "Christmas Eve" is preferred to "Christmas". */
static int expand_table(loader *L, const char *name, size_t n, ann_buf *out)
{
    char **v = NULL;
    size_t nv = 0, cap = 0;
    for (size_t i = 0; i < L->nwords; i++)
        if (strlen(L->words[i].table) == n &&
            memcmp(L->words[i].table, name, n) == 0)
            ANN_PUSH(v, nv, cap, L->words[i].word);
    if (nv == 0) {
        free(v);
        return fail(L, "unknown table @%.*s", (int)n, name);
    }
    qsort(v, nv, sizeof *v, by_length_desc);
    ann_buf_adds(out, "(?:");
    for (size_t i = 0; i < nv; i++) {
        if (i)
            ann_buf_adds(out, "|");
        for (const char *c = v[i]; *c; c++) {
            if (*c == '\'')
                ann_buf_adds(out, "(?:'|\xE2\x80\x99)");
            else {
                if (strchr("\\^$.|?*+()[]{}", *c))
                    ann_buf_add(out, "\\", 1);
                ann_buf_add(out, c, 1);
            }
        }
    }
    ann_buf_adds(out, ")");
    free(v);
    return 0;
}

static int is_name(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
}

/* Replace %Fragment and @table references, recursively. */
static int expand(loader *L, const char *re, ann_buf *out, int depth)
{
    if (depth > 8)
        return fail(L, "fragments nest too deeply (a cycle?)");
    for (const char *p = re; *p;) {
        if ((*p == '%' || *p == '@') && is_name((unsigned char)p[1]) &&
            !(p > re && p[-1] == '\\')) {
            const char *b = p + 1, *e = b;
            while (is_name((unsigned char)*e))
                e++;
            size_t n = (size_t)(e - b);
            if (*p == '@') {
                if (expand_table(L, b, n, out) < 0)
                    return -1;
            } else {
                size_t i;
                for (i = 0; i < L->nfrags; i++)
                    if (strlen(L->frags[i].name) == n &&
                        memcmp(L->frags[i].name, b, n) == 0)
                        break;
                if (i == L->nfrags)
                    return fail(L, "unknown fragment %%%.*s", (int)n, b);
                ann_buf_adds(out, "(?:");
                if (expand(L, L->frags[i].re, out, depth + 1) < 0)
                    return -1;
                ann_buf_adds(out, ")");
            }
            p = e;
            continue;
        }
        ann_buf_add(out, p, 1);
        p++;
    }
    return 0;
}

static pcre2_code *compile(loader *L, const char *re, uint32_t options)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
                                  PCRE2_CASELESS | options, &ec, &off, NULL);
    if (!c) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ec, msg, sizeof msg);
        fail(L, "bad pattern at offset %zu: %s", (size_t)off, (char *)msg);
    }
    return c;
}

/* ---- values: a function call or a template ------------------------------ */

/* "fn(a,b,c)": the function and its arguments ($N, a literal, or "-"). */
static int parse_call(loader *L, tx_rule *ru, char *call)
{
    char *open = strchr(call, '('), *close = strrchr(call, ')');
    if (!open || !close || close < open || close[1])
        return fail(L, "want function(args) or value=template, got \"%s\"", call);
    *open = *close = '\0';
    ru->fn = tx_norm_find(call, strlen(call));
    if (!ru->fn)
        return fail(L, "unknown normalization function \"%s\"", call);
    for (char *a = open + 1; *a;) {
        char *comma = strchr(a, ',');
        if (comma)
            *comma = '\0';
        if (ru->nargs == TX_MAXARGS)
            return fail(L, "more than %d arguments", TX_MAXARGS);
        tx_arg *g = &ru->args[ru->nargs++];
        g->group = -1;
        if (a[0] == '$') {
            g->group = atoi(a + 1);
            if (g->group < 1 || (uint32_t)g->group > ru->ngroups)
                return fail(L, "%s: the pattern has no group %s", ru->name, a);
        } else if (strcmp(a, "-") != 0) {
            g->lit = ann_xstrdup(a);
        }
        if (!comma)
            break;
        a = comma + 1;
    }
    return 0;
}

static void add_piece(tx_rule *ru, size_t *cap, tx_piece p)
{
    ANN_PUSH(ru->tpl, ru->ntpl, *cap, p);
}

static int piece_group(loader *L, const tx_rule *ru, const char *s, size_t n, int *group)
{
    char *end;
    long g = strtol(s, &end, 10);
    if (n == 0 || end != s + n || g < 1 || (uint32_t)g > ru->ngroups)
        return fail(L, "%s: the pattern has no group %.*s", ru->name, (int)n, s);
    *group = (int)g;
    return 0;
}

/* A date reference "dct.year", "focus.month-1": its piece. */
static int piece_ref(loader *L, const tx_rule *ru, const char *s, size_t n, tx_piece *p)
{
    static const char *const refs[] = {"dct", "focus"};
    static const char *const fields[] = {"year", "month", "day"};
    const char *dot = memchr(s, '.', n), *e = s + n;
    p->kind = TP_REF;
    p->ref = p->field = -1;
    for (size_t i = 0; dot && i < 2; i++)
        if ((size_t)(dot - s) == strlen(refs[i]) && !memcmp(s, refs[i], (size_t)(dot - s)))
            p->ref = (int)i;
    const char *f = dot ? dot + 1 : e, *fe = f;
    while (fe < e && *fe >= 'a' && *fe <= 'z')
        fe++;
    for (size_t i = 0; i < 3; i++)
        if ((size_t)(fe - f) == strlen(fields[i]) && !memcmp(f, fields[i], (size_t)(fe - f)))
            p->field = (int)i;
    int ok = p->ref >= 0 && p->field >= 0;
    if (ok && fe < e) {                          /* dct.year-1 */
        char *end;
        long v = strtol(fe, &end, 10);
        ok = (*fe == '+' || *fe == '-') && end == e && v >= -9999 && v <= 9999;
        p->add = (int)v;
    }
    if (!ok)
        return fail(L, "%s: unknown reference %%{%.*s} (want dct.year, focus.month, "
                    "dct.year-1 ...)", ru->name, (int)n, s);
    return 0;
}

/* What follows a '%' at s: the piece it makes and the length it takes. */
static int parse_piece(loader *L, const tx_rule *ru, const char *s, tx_piece *p, size_t *used)
{
    memset(p, 0, sizeof *p);
    if (*s >= '1' && *s <= '9') {               /* %1 */
        p->kind = TP_GROUP;
        *used = 1;
        return piece_group(L, ru, s, 1, &p->group);
    }
    if (*s == '{') {                             /* %{...} */
        const char *e = strchr(s, '}');
        if (!e)
            return fail(L, "%s: %%{ without }", ru->name);
        const char *b = s + 1, *colon = memchr(b, ':', (size_t)(e - b));
        *used = (size_t)(e - s) + 1;
        if (colon) {                             /* %{table:N} */
            p->kind = TP_TABLE;
            if (!has_table(L, b, (size_t)(colon - b)))
                return fail(L, "%s: unknown table %.*s", ru->name, (int)(colon - b), b);
            p->text = ann_xstrndup(b, (size_t)(colon - b));
            return piece_group(L, ru, colon + 1, (size_t)(e - colon - 1), &p->group);
        }
        if (*b >= '0' && *b <= '9') {
            p->kind = TP_GROUP;
            return piece_group(L, ru, b, (size_t)(e - b), &p->group);
        }
        return piece_ref(L, ru, b, (size_t)(e - b), p);
    }
    const char *e = s;                           /* %dct.year */
    while ((*e >= 'a' && *e <= 'z') || (*e == '.' && e[1] >= 'a' && e[1] <= 'z'))
        e++;
    *used = (size_t)(e - s);
    if (e == s)
        return fail(L, "%s: a lone %% (write %%%% for the character)", ru->name);
    return piece_ref(L, ru, s, (size_t)(e - s), p);
}

/* "value=P%1Y": the template's pieces, text between them. */
static int parse_template(loader *L, tx_rule *ru, const char *t)
{
    size_t cap = 0;
    while (*t) {
        const char *pct = strchr(t, '%');
        size_t n = pct ? (size_t)(pct - t) : strlen(t);
        if (pct && pct[1] == '%')
            n++;                                 /* %% is a % */
        if (n) {
            tx_piece p = {TP_TEXT, 0, ann_xstrndup(t, n), 0, 0, 0};
            add_piece(ru, &cap, p);
        }
        t += n;
        if (pct && pct[1] == '%') {
            t++;
            continue;
        }
        if (!pct)
            break;
        tx_piece p;
        size_t used = 0;
        int rc = parse_piece(L, ru, t + 1, &p, &used);
        if (rc == 0 || p.text)
            add_piece(ru, &cap, p);              /* the rule frees it */
        if (rc < 0)
            return -1;
        t += 1 + used;
    }
    if (ru->ntpl == 0)
        return fail(L, "%s: an empty value", ru->name);
    return 0;
}

/* ---- rules -------------------------------------------------------------- */

/* The rule's pattern, compiled: anchored, its match on word edges, its
 * own group 1. */
static int compile_rule(loader *L, tx_rule *ru, const char *pattern)
{
    L->re.len = 0;
    if (expand(L, pattern, &L->re, 0) < 0)
        return -1;
    L->one.len = 0;
    ann_buf_adds(&L->one, "(?<![A-Za-z0-9_])(");
    ann_buf_add(&L->one, L->re.p, L->re.len);
    ann_buf_adds(&L->one, ")(?![A-Za-z0-9_])");
    ru->re = compile(L, L->one.p, PCRE2_ANCHORED);
    if (!ru->re)
        return -1;
    if (!L->nojit && L->r->nrules == 0) {  /* does the JIT work here? */
        if (pcre2_jit_compile(ru->re, PCRE2_JIT_COMPLETE) != 0)
            L->nojit = 1;             /* no: all interpreted */
        else
            ru->jit = 1;
    }
    pcre2_pattern_info(ru->re, PCRE2_INFO_CAPTURECOUNT, &ru->ngroups);
    if (ru->ngroups + 1 > L->r->maxgroups)
        L->r->maxgroups = ru->ngroups + 1;
    ru->ngroups--;                     /* not the rule's own group */
    char *e = ann_xstrndup(L->re.p, L->re.len);
    ANN_PUSH(L->expanded, L->nexp, L->capexp, e);
    return 0;
}

static int rule_line(void *ctx, const char *line, size_t len, const char *name,
                     size_t lineno, char *err, size_t errlen)
{
    loader *L = ctx;
    char *f[4];
    (void)err, (void)errlen;
    if (line_fields(L, line, len, name, lineno, f, 4) != 4)
        return fail(L, "want name<TAB>type<TAB>pattern<TAB>function(args) or value=template");
    tx_rule ru;
    memset(&ru, 0, sizeof ru);
    ru.name = ann_xstrdup(f[0]);
    snprintf(ru.type, sizeof ru.type, "%s", f[1]);
    int rc = compile_rule(L, &ru, f[2]);
    if (rc == 0)
        rc = strncmp(f[3], "value=", 6) == 0 ? parse_template(L, &ru, f[3] + 6)
                                             : parse_call(L, &ru, f[3]);
    /* pushed even when bad: ann_date_rules_free frees what it holds */
    ANN_PUSH(L->r->rules, L->r->nrules, L->caprules, ru);
    return rc;
}

/* Feed every file of one place in the rules tree to fn. */
static int read_place(loader *L, const ann_rule_src *files, size_t nfiles,
                      const char *tree, ann_line_fn fn)
{
    for (size_t i = 0; i < nfiles; i++)
        if (strcmp(files[i].tree, tree) == 0 &&
            ann_rule_lines(&files[i], fn, L, L->err, L->errlen) < 0)
            return -1;
    return 0;
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
    for (size_t i = 0; i < L->nexp; i++)
        free(L->expanded[i]);
    free(L->expanded);
    ann_buf_free(&L->line);
    ann_buf_free(&L->re);
    ann_buf_free(&L->one);
}

ann_date_rules *ann_date_rules_new(const ann_rule_src *files, size_t nfiles,
                                   char *err, size_t errlen)
{
    char dummy[1];
    loader L;
    memset(&L, 0, sizeof L);
    L.r = ann_xcalloc(1, sizeof *L.r);
    pthread_mutex_init(&L.r->jit_lock, NULL);
    L.err = err ? err : dummy;
    L.errlen = err ? errlen : sizeof dummy;
    L.nojit = !ann_jit_ok();
    int rc = read_place(&L, files, nfiles, "dates/normalization.tsv", table_line);
    if (rc == 0)
        index_tense_words(&L);
    if (rc == 0)
        rc = read_place(&L, files, nfiles, "dates/fragments.tsv", fragment_line);
    if (rc == 0)
        rc = read_place(&L, files, nfiles, "dates/rules.tsv", rule_line);
    if (rc == 0)
        tx_trie_build(&L.r->pre, L.expanded, L.nexp);
    if (rc == 0) {
        L.r->must = ann_xcalloc(L.nexp ? L.nexp : 1, sizeof *L.r->must);
        for (size_t i = 0; i < L.nexp; i++)
            tx_must_build(&L.r->must[i], L.expanded[i]);
    }
    L.r->jit = !L.nojit;
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
    if (r->image) {
        tx_image_free(r);
        return;
    }
    for (size_t i = 0; i < r->nent; i++) {
        free(r->ent[i].key);
        free(r->ent[i].value);
    }
    free(r->ent);
    ann_table_free(&r->index);
    for (size_t i = 0; i < r->nwc; i++)
        free(r->wc[i].word);
    free(r->wc);
    ann_table_free(&r->wc_index);
    for (size_t i = 0; i < r->nrules; i++) {
        tx_rule *ru = &r->rules[i];
        free(ru->name);
        for (size_t j = 0; j < ru->nargs; j++)
            free(ru->args[j].lit);
        for (size_t j = 0; j < ru->ntpl; j++)
            free(ru->tpl[j].text);
        free(ru->tpl);
        pcre2_code_free(ru->re);
    }
    free(r->rules);
    free(r->must);
    tx_trie_free(&r->pre);
    pthread_mutex_destroy(&r->jit_lock);
    free(r);
}

int tx_rule_jit_now(const ann_date_rules *r, const tx_rule *ru)
{
    /* the lock and the rule's code are the parts that change */
    ann_date_rules *mr = (ann_date_rules *)r;
    tx_rule *mru = (tx_rule *)ru;
    if (atomic_fetch_add_explicit(&mru->tries, 1, memory_order_relaxed) < TX_JIT_AFTER)
        return 0;
    pthread_mutex_lock(&mr->jit_lock);
    int s = atomic_load_explicit(&mru->jit, memory_order_relaxed);
    if (!s) {               /* a JIT that fails (no memory): the interpreter */
        s = pcre2_jit_compile(mru->re, PCRE2_JIT_COMPLETE) == 0 ? 1 : -1;
        atomic_store_explicit(&mru->jit, s, memory_order_release);
    }
    pthread_mutex_unlock(&mr->jit_lock);
    return s > 0;
}
