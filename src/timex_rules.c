/*
 * timex_rules.c - loads the date resources under src/rules/dates/ (built
 * into the binary): normalization.tsv (word -> value tables),
 * fragments.tsv (named regex pieces) and rules.tsv (patterns with their
 * normalization functions), and compiles every rule into ONE alternation
 * so that a window is scanned once, whatever the number of rules.
 * After ann_date_rules_new returns, everything here is read-only but the
 * rules' JIT code, made on first use under a lock (tx_rule_jit): worker
 * threads share it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates.h"
#include "rulefile.h"
#include "timex.h"
#include "tokenizer.h"

/* A line-oriented view of the data files of one place in the rules tree
 * ("dates/rules.tsv": the built-in file, then the user's), read one after
 * the other as if they were one. */
typedef struct src {
    const ann_rule_src *all;   /* every date file the engine gathered */
    size_t nall, at;           /* at: the file being read */
    const char *tree;
    const char *name;          /* the file being read, for messages */
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
    const ann_rule_src *files;
    size_t nfiles;
    word *words;
    size_t nwords, capwords;
    frag *frags;
    size_t nfrags, capfrags;
    char *err;
    size_t errlen;
    int nojit;
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

/* Move s to the next file of its place, from index from; 0 when none is left. */
static int src_next_file(src *s, size_t from)
{
    for (s->at = from; s->at < s->nall; s->at++) {
        const ann_rule_src *f = &s->all[s->at];
        if (strcmp(f->tree, s->tree) == 0) {
            s->name = f->name;
            s->p = f->data;
            s->end = f->data + f->len;
            s->line = 0;
            if (f->len >= 3 && memcmp(f->data, "\xEF\xBB\xBF", 3) == 0)
                s->p += 3;             /* a BOM from a Windows editor */
            return 1;
        }
    }
    s->p = s->end = NULL;
    return 0;
}

static void src_open(const loader *L, src *s, const char *tree)
{
    memset(s, 0, sizeof *s);
    s->all = L->files;
    s->nall = L->nfiles;
    s->tree = tree;
    s->name = tree;
    src_next_file(s, 0);
}

/* Next non-comment, non-blank line split at tabs into at most max fields.
 * Returns the number of fields, 0 after the last file. */
static size_t next_line(src *s, ann_buf *buf, char **f, size_t max)
{
    for (;;) {
        if (s->p >= s->end) {
            if (!s->p || !src_next_file(s, s->at + 1))
                return 0;
            continue;
        }
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
        ann_buf_add(buf, b, (size_t)(e - b));
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

static int load_tables(loader *L)
{
    src s;
    src_open(L, &s, "dates/normalization.tsv");
    ann_buf buf = {0};
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
    src s;
    src_open(L, &s, "dates/fragments.tsv");
    ann_buf buf = {0};
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
                        ann_buf *out)
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
static int expand(loader *L, const src *s, const char *re, ann_buf *out, int depth)
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
                ann_buf_adds(out, "(?:");
                if (expand(L, s, L->frags[i].re, out, depth + 1) < 0)
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

static pcre2_code *compile(loader *L, const src *s, const char *re,
                           uint32_t options)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *c = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
                                  PCRE2_CASELESS | options, &ec, &off, NULL);
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

/* --- the prefilter ----------------------------------------------------
 * Trying every rule at every position is slow, and one alternation of all
 * rules is not much better (PCRE2 finds no first character to skip to).
 * So each rule is indexed by the words it can start with: the window is
 * cut into words, and at a word only the rules indexed under it run,
 * anchored, in file order.  Most words start no rule at all. */

static size_t new_set(ann_date_rules *r)
{
    if (r->nsets == r->capsets) {
        r->capsets = r->capsets ? r->capsets * 2 : 64;
        r->sets = ann_xrealloc(r->sets, r->capsets * r->setw * sizeof *r->sets);
    }
    memset(r->sets + r->nsets * r->setw, 0, r->setw * sizeof *r->sets);
    return r->nsets++;
}

static void set_bit(ann_date_rules *r, size_t set, size_t rule)
{
    r->sets[set * r->setw + rule / 64] |= (uint64_t)1 << (rule % 64);
}

static tx_trig *trig_slot(const ann_date_rules *r, uint64_t h)
{
    size_t mask = r->captrig - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask)
        if (r->trig[i].hash == h || !r->trig[i].hash)
            return &r->trig[i];
}

/* Index rule under the word with hash h. */
static void trig_put(ann_date_rules *r, uint64_t h, size_t rule)
{
    if (!h)
        h = 1;
    if ((r->ntrig + 1) * 2 > r->captrig) {
        tx_trig *old = r->trig;
        size_t oldcap = r->captrig;
        r->captrig = oldcap ? oldcap * 2 : 512;
        r->trig = ann_xcalloc(r->captrig, sizeof *r->trig);
        for (size_t i = 0; i < oldcap; i++)
            if (old[i].hash)
                *trig_slot(r, old[i].hash) = old[i];
        free(old);
    }
    tx_trig *t = trig_slot(r, h);
    if (!t->hash) {
        t->hash = h;
        t->set = new_set(r);
        r->ntrig++;
    }
    set_bit(r, t->set, rule);
}

const uint64_t *tx_rules_for_word(const ann_date_rules *r, const char *w, size_t n)
{
    uint64_t h = ann_hash_lower(w, n < TX_TRIG_KEY ? n : TX_TRIG_KEY);
    if (!h)
        h = 1;
    const tx_trig *t = trig_slot(r, h);
    return t->hash ? r->sets + t->set * r->setw : NULL;
}

static int is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The words a pattern can START with, by a walk over the regex syntax that
 * the rule files use: alternations, groups, optional items, lookarounds
 * (which match nothing), classes and escapes.  Words are keyed by their
 * first TX_TRIG_KEY letters, so "year" also stands for "years".  A rule
 * that can start with any letter (a class, \\w) is tried at every word. */
typedef struct fwalk {
    ann_date_rules *r;
    size_t rule;
    int any_word, digit, apos;
} fwalk;

static const char *fw_alt(fwalk *w, const char *p, int active, int *nullable);

static const char *skip_class(const char *p, int *letters, int *digits)
{
    p++;                                    /* '[' */
    if (*p == '^')
        p++;
    if (*p == ']')
        p++;
    for (; *p && *p != ']'; p++) {
        if (*p == '\\' && p[1])
            p++;
        else if (is_alpha((unsigned char)*p))
            *letters = 1;
        else if (*p >= '0' && *p <= '9')
            *digits = 1;
    }
    return *p ? p + 1 : p;
}

static const char *skip_quant(const char *p, int *nullable)
{
    if (*p == '?' || *p == '*')
        *nullable = 1;
    if (*p == '?' || *p == '*' || *p == '+') {
        p++;
    } else if (*p == '{') {
        if (p[1] == '0' || p[1] == ',')
            *nullable = 1;
        while (*p && *p != '}')
            p++;
        if (*p)
            p++;
    } else {
        return p;
    }
    if (*p == '?' || *p == '+')             /* lazy, possessive */
        p++;
    return p;
}

/* One item (atom and quantifier); *nullable tells if it can match "". */
static const char *fw_item(fwalk *w, const char *p, int active, int *nullable)
{
    *nullable = 0;
    if (*p == '(') {
        if (p[1] == '?' && (p[2] == '=' || p[2] == '!' ||
                            (p[2] == '<' && (p[3] == '=' || p[3] == '!')))) {
            int n;
            p = fw_alt(w, p + (p[2] == '<' ? 4 : 3), 0, &n);
            *nullable = 1;                  /* a lookaround matches nothing */
            return *p ? p + 1 : p;
        }
        p++;
        if (*p == '?') {                    /* (?: (?-i: (?i: (?| */
            while (*p && *p != ':' && *p != '|' && *p != ')')
                p++;
            if (*p == ')') {                /* an option setting: (?i) */
                *nullable = 1;
                return p + 1;
            }
            p++;
        }
        p = fw_alt(w, p, active, nullable);
        if (*p)
            p++;
    } else if (*p == '[') {
        int letters = 0, digits = 0;
        const char *b = p;
        p = skip_class(p, &letters, &digits);
        if (active && letters)
            w->any_word = 1;
        if (active && digits)
            w->digit = 1;
        if (active && (memchr(b, '\'', (size_t)(p - b)) || memchr(b, '\xE2', (size_t)(p - b))))
            w->apos = 1;
    } else if (*p == '\\' && p[1]) {
        char e = p[1];
        p += 2;
        if (e == 'b' || e == 'B' || e == 'A' || e == 'z' || e == 'Z' || e == 'G') {
            *nullable = 1;
            return p;
        }
        if (active && (e == 'w' || e == 'W' || e == 'S' || e == 'D'))
            w->any_word = w->digit = w->apos = 1;
        if (active && e == 'd')
            w->digit = 1;
    } else if (*p == '.') {
        if (active)
            w->any_word = w->digit = w->apos = 1;
        p++;
    } else if (*p == '^' || *p == '$') {
        *nullable = 1;
        return p + 1;
    } else if (is_alpha((unsigned char)*p)) {
        const char *b = p;                  /* a literal word */
        while (is_alpha((unsigned char)*p) && !strchr("?*{", p[1]))
            p++;
        if (p == b)
            p++;                            /* a single quantified letter */
        if (active) {
            size_t n = (size_t)(p - b);
            if (n < TX_TRIG_KEY && is_alpha((unsigned char)*p))
                w->any_word = 1;            /* "ab?c": give up */
            trig_put(w->r, ann_hash_lower(b, n < TX_TRIG_KEY ? n : TX_TRIG_KEY), w->rule);
        }
        if (p > b + 1 || !strchr("?*{", *p))
            return p;
    } else {
        if (active && *p >= '0' && *p <= '9')
            w->digit = 1;
        if (active && (*p == '\'' || (unsigned char)*p == 0xE2))
            w->apos = 1;
        p++;                                /* another literal byte */
    }
    return skip_quant(p, nullable);
}

static const char *fw_seq(fwalk *w, const char *p, int active, int *nullable)
{
    while (*p && *p != '|' && *p != ')') {
        int n;
        p = fw_item(w, p, active, &n);
        if (!n)
            active = 0;
    }
    *nullable = active;
    return p;
}

static const char *fw_alt(fwalk *w, const char *p, int active, int *nullable)
{
    *nullable = 0;
    for (;;) {
        int n;
        p = fw_seq(w, p, active, &n);
        *nullable |= n;
        if (*p != '|')
            return p;
        p++;
    }
}

static void add_triggers(ann_date_rules *r, size_t rule, const char *re)
{
    fwalk w = {r, rule, 0, 0, 0};
    int n;
    fw_alt(&w, re, 1, &n);
    if (w.any_word || n)
        set_bit(r, TX_SET_ANY, rule);
    if (w.digit)
        set_bit(r, TX_SET_DIGIT, rule);
    if (w.apos)
        set_bit(r, TX_SET_APOS, rule);
}

static void index_prefixes(ann_date_rules *r, char **expanded);

/* Index every rule by its first words, once all rules are known (the bit
 * sets are as wide as the number of rules). */
static void index_rules(ann_date_rules *r, char **expanded)
{
    r->setw = (r->nrules + 63) / 64;
    for (int i = 0; i < 3; i++)
        new_set(r);
    for (size_t i = 0; i < r->nrules; i++)
        add_triggers(r, i, expanded[i]);
    if (!r->trig)
        r->trig = ann_xcalloc(r->captrig = 1, sizeof *r->trig);
    index_prefixes(r, expanded);
}

/* --- the prefix trie --------------------------------------------------
 * The word index still leaves some 30 rules to try at every "the" and 10
 * at every "a", and a regex call that fails costs about as much as one
 * that matches.  So each rule is also reduced to the byte strings its
 * matches can begin with (at most TX_PRE_DEPTH bytes, ASCII lowercased as
 * the patterns are caseless), all kept in one trie, and a rule is tried
 * only where the text runs into a node that ends one of its strings.  The
 * strings come from a walk over the expanded pattern that stops a string
 * wherever it does not model the syntax (a class of many bytes, \w, a long
 * repetition): a stopped string lets every continuation through, so the
 * trie may keep a rule that cannot match but never drops one that can. */

/* The depths a rule's strings are cut at, tried in turn until they fit
 * a budget of nodes.  Twelve bytes tell "three days" from "three people"
 * after "more than ": the rules of counted durations, with their
 * modifiers, number words and units, need some 15,000 nodes there, and a
 * shallower cut lets them be tried at nearly every "about" and "a". */
static const unsigned char pre_depth[] = {12, 8, 5, 3, 2, 1};
#define TX_PRE_BUDGET 20000
/* A deeper cut is worth it to the rules of few strings (holiday names that
 * begin like common words: "International ..."), and is cheap for them. */
#define TX_PRE_DEPTH 20
#define TX_PRE_SMALL 2000      /* nodes at twelve bytes that make a rule small */
#define TX_PRE_DEEP_BUDGET 4000
#define TX_PRE_CLASS 40        /* a class of more bytes stops the string */

/* The byte the trie knows c by: letters in lowercase, and every digit as
 * '0' (the numbers in the patterns say little about the words that may
 * follow them, and ten branches per digit would fill the trie). */
static unsigned char fold(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return (unsigned char)(c - 'A' + 'a');
    return c >= '0' && c <= '9' ? '0' : c;
}

/* The trie while it is built: nodes numbered in the order they are made
 * (a parent before its children), the children of a node in a list.  A
 * list is short but for the root's, which is a table: apart from the
 * root few nodes have more than a handful of children, and the lists keep
 * the walk in a few small arrays where a hash table of edges would miss
 * the cache at every step. */
typedef struct ptrie {
    uint32_t root[256];    /* the root's children by byte; 0 = none */
    uint32_t *kid;         /* per node: its latest child, 0 = none */
    uint32_t *sib;         /* per node: its parent's child made before it */
    uint32_t *acc;         /* per node: its rule set in accs (a scratch trie: 1), 0 = none */
    uint32_t *parent;
    unsigned char *byte;   /* per node: the byte leading to it */
    unsigned char *depth;  /* per node: its distance from the root */
    size_t nnode, capnode;
    uint64_t *accs;        /* setw words per rule set; set 0 stays empty */
    size_t naccs, capaccs;
} ptrie;

static uint32_t trie_new_node(ptrie *t, uint32_t parent, unsigned char c)
{
    if (t->nnode == t->capnode) {
        t->capnode = t->capnode ? t->capnode * 2 : 256;
        t->kid = ann_xrealloc(t->kid, t->capnode * sizeof *t->kid);
        t->sib = ann_xrealloc(t->sib, t->capnode * sizeof *t->sib);
        t->acc = ann_xrealloc(t->acc, t->capnode * sizeof *t->acc);
        t->parent = ann_xrealloc(t->parent, t->capnode * sizeof *t->parent);
        t->byte = ann_xrealloc(t->byte, t->capnode);
        t->depth = ann_xrealloc(t->depth, t->capnode);
    }
    size_t n = t->nnode++;
    t->kid[n] = 0;
    t->sib[n] = 0;
    t->acc[n] = 0;
    t->parent[n] = parent;
    t->byte[n] = c;
    t->depth[n] = n ? (unsigned char)(t->depth[parent] + 1) : 0;
    return (uint32_t)n;
}

/* The child of node by byte c, made if new. */
static uint32_t trie_add(ptrie *t, uint32_t node, unsigned char c)
{
    if (node == 0) {
        if (!t->root[c])
            t->root[c] = trie_new_node(t, 0, c);
        return t->root[c];
    }
    for (uint32_t k = t->kid[node]; k; k = t->sib[k])
        if (t->byte[k] == c)
            return k;
    uint32_t ch = trie_new_node(t, node, c);
    t->sib[ch] = t->kid[node];
    t->kid[node] = ch;
    return ch;
}

static void trie_reset(ptrie *t)
{
    memset(t->root, 0, sizeof t->root);
    t->nnode = 0;
    trie_new_node(t, 0, 0);                     /* the root */
}

static void trie_free(ptrie *t)
{
    free(t->kid);
    free(t->sib);
    free(t->acc);
    free(t->parent);
    free(t->byte);
    free(t->depth);
    free(t->accs);
}

/* The bits of x: a popcount call costs more than the loads it spares. */
static unsigned ones(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555u);
    x = (x & 0x3333333333333333u) + ((x >> 2) & 0x3333333333333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
    return (unsigned)((x * 0x0101010101010101u) >> 56);
}

int tx_rules_possible(const ann_date_rules *r, const unsigned char *t,
                      size_t n, uint64_t *cand)
{
    const tx_trie *tr = &r->pre;
    size_t w = r->setw;
    uint32_t node = 0;
    size_t i = 0;
    if (n >= 2) {
        uint32_t p = tr->pair[tr->cls[t[0]] * tr->ncls + tr->cls[t[1]]];
        if (!p)
            return 0;
        if (!(p & TX_SLOW)) {
            node = p;
            i = 2;
        }
    }
    /* a node's set has the rules of the strings that end on its path:
     * the last node reached has them all */
    for (; i < n; i++) {
        const tx_node *nd = &tr->node[node];
        unsigned k = tr->cls[t[i]];     /* class 0 has no bit */
        uint64_t below = nd->kids & (((uint64_t)1 << k) - 1);
        if (!((nd->kids >> k) & 1))
            break;
        node = nd->first + (below ? ones(below) : 0);
    }
    uint32_t acc = tr->node[node].acc;
    if (!acc)
        return 0;
    memcpy(cand, tr->accs + (size_t)acc * w, w * sizeof *cand);
    return 1;
}

/* Sets of trie nodes: where the strings of a pattern can be after a part
 * of it.  A walk makes and drops thousands of them: their buffers are
 * recycled through the walk's pool rather than freed. */
typedef struct nset {
    uint32_t *v;
    size_t n, cap;
} nset;

static void ns_append(nset *d, const nset *s)
{
    if (!s->n)
        return;
    ann_grow((void **)&d->v, &d->cap, d->n + s->n, sizeof *d->v);
    memcpy(d->v + d->n, s->v, s->n * sizeof *s->v);
    d->n += s->n;
}

/* The walk of patterns into a scratch trie whose acc marks the nodes
 * where a string ends (1). */
typedef struct pwalk {
    ptrie *t;
    size_t depth;          /* strings are cut (and end) at this length */
    size_t budget;         /* nodes the scratch trie may have */
    int over, bad;         /* over the node budget; syntax not understood */
    nset *pool;            /* spare set buffers, empty */
    size_t npool, cappool;
    uint64_t *mark;        /* ns_uniq's bit per node; all 0 between calls */
    size_t capmark;
} pwalk;

static nset ns_take(pwalk *w)
{
    nset s = {0};
    return w->npool ? w->pool[--w->npool] : s;
}

static void ns_give(pwalk *w, nset *s)
{
    s->n = 0;
    if (s->cap)
        ANN_PUSH(w->pool, w->npool, w->cappool, *s);
    s->v = NULL;
    s->cap = 0;
}

/* Sort s and drop its duplicates, by a bitmap over the nodes: the sets
 * are large and the nodes few, so this beats sorting. */
static void ns_uniq(pwalk *w, nset *s)
{
    if (s->n < 2)
        return;
    size_t words = (w->t->nnode + 63) / 64;
    if (words > w->capmark) {
        w->mark = ann_xrealloc(w->mark, words * sizeof *w->mark);
        memset(w->mark + w->capmark, 0, (words - w->capmark) * sizeof *w->mark);
        w->capmark = words;
    }
    uint32_t lo = UINT32_MAX, hi = 0;
    for (size_t i = 0; i < s->n; i++) {
        uint32_t v = s->v[i];
        w->mark[v / 64] |= (uint64_t)1 << (v % 64);
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
    }
    size_t o = 0;
    for (size_t k = lo / 64; k <= hi / 64; k++) {
        for (uint64_t bits = w->mark[k]; bits; bits &= bits - 1)
            s->v[o++] = (uint32_t)(k * 64 + (size_t)__builtin_ctzll(bits));
        w->mark[k] = 0;
    }
    s->n = o;
}

static void pw_end(pwalk *w, const nset *s)
{
    for (size_t i = 0; i < s->n; i++)
        w->t->acc[s->v[i]] = 1;
}

/* Every node of in followed by the (folded) byte c. */
static void pw_step1(pwalk *w, const nset *in, unsigned char c, nset *out)
{
    ann_grow((void **)&out->v, &out->cap, out->n + in->n, sizeof *out->v);
    for (size_t i = 0; i < in->n && !w->over; i++) {
        uint32_t node = in->v[i];
        if (w->t->depth[node] >= w->depth) {
            w->t->acc[node] = 1;                /* long enough: cut */
            continue;
        }
        out->v[out->n++] = trie_add(w->t, node, c);
        if (w->t->nnode > w->budget)
            w->over = 1;
    }
}

/* Every node of in followed by one byte of set (256 bits). */
static void pw_step(pwalk *w, const nset *in, const uint64_t *set, nset *out)
{
    size_t nbytes = 0, last = 0;                /* few: no popcount call */
    for (size_t k = 0; k < 4; k++)
        for (uint64_t bits = set[k]; bits; bits &= bits - 1) {
            nbytes++;
            last = k * 64 + (size_t)__builtin_ctzll(bits);
        }
    if (nbytes == 1) {
        pw_step1(w, in, (unsigned char)last, out);
        return;
    }
    for (size_t i = 0; i < in->n && !w->over; i++) {
        uint32_t node = in->v[i];
        if (w->t->depth[node] >= w->depth) {
            w->t->acc[node] = 1;                /* long enough: cut */
            continue;
        }
        ann_grow((void **)&out->v, &out->cap, out->n + nbytes, sizeof *out->v);
        for (size_t k = 0; k < 4; k++)          /* only the bytes in set */
            for (uint64_t bits = set[k]; bits; bits &= bits - 1)
                out->v[out->n++] = trie_add(w->t, node,
                                            (unsigned char)(k * 64 + (size_t)__builtin_ctzll(bits)));
        if (w->t->nnode > w->budget)
            w->over = 1;
    }
}

static void set_byte(uint64_t *set, unsigned char c)
{
    c = fold(c);
    set[c / 64] |= (uint64_t)1 << (c % 64);
}

/* A bracketed class as a byte set; 0 when it is not worth modelling
 * (negated, \w inside, too many bytes). */
static int class_bytes(const char *p, const char **end, uint64_t *set)
{
    int ok = 1;
    memset(set, 0, 4 * sizeof *set);
    p++;
    if (*p == '^')
        ok = 0;
    int first = 1;
    for (; *p && (*p != ']' || first); first = 0) {
        unsigned char c = (unsigned char)*p++;
        if (c == '\\' && *p) {
            c = (unsigned char)*p++;
            if (c == 'd') {
                for (c = '0'; c <= '9'; c++)
                    set_byte(set, c);
                continue;
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9')) {
                ok = 0;                          /* \w, \s, \x.. */
                continue;
            }
        } else if (c == '[' && *p == ':') {
            ok = 0;                              /* [:alpha:] */
        }
        if (*p == '-' && p[1] && p[1] != ']' && p[1] != '\\') {
            unsigned char hi = (unsigned char)p[1];
            p += 2;
            for (unsigned x = c; x <= hi; x++)
                set_byte(set, (unsigned char)x);
        } else {
            set_byte(set, c);
        }
    }
    *end = *p ? p + 1 : p;
    size_t n = 0;
    for (size_t i = 0; i < 4; i++)
        n += (size_t)__builtin_popcountll(set[i]);
    return ok && *p && n <= TX_PRE_CLASS;
}

static const char *pw_alt(pwalk *w, const char *p, const nset *in, nset *out);

/* A group or lookaround at p ('('). */
static const char *pw_group(pwalk *w, const char *p, const nset *in, nset *out)
{
    const char *inner = p + 1;
    if (p[1] == '?') {
        const char *look = NULL;
        if (p[2] == '=' || p[2] == '!')
            look = p + 3;
        else if (p[2] == '<' && (p[3] == '=' || p[3] == '!'))
            look = p + 4;
        if (look) {                    /* matches nothing: skip it */
            nset none = {0}, junk = ns_take(w);
            const char *q = pw_alt(w, look, &none, &junk);
            ns_give(w, &junk);
            if (*q != ')')
                w->bad = 1;
            ns_append(out, in);
            return *q ? q + 1 : q;
        }
        const char *q = p + 2;         /* (?: (?-i: (?i) (?| */
        while (*q && *q != ':' && *q != '|' && *q != ')')
            q++;
        if (*q == ')') {
            ns_append(out, in);
            return q + 1;
        }
        if (!*q) {
            w->bad = 1;
            return q;
        }
        inner = q + 1;
    }
    const char *q = pw_alt(w, inner, in, out);
    if (*q != ')')
        w->bad = 1;
    return *q ? q + 1 : q;
}

/* One atom at p with the nodes in before it; out gets the nodes after. */
static const char *pw_atom(pwalk *w, const char *p, const nset *in, nset *out)
{
    uint64_t set[4] = {0, 0, 0, 0};
    switch (*p) {
    case '(':
        return pw_group(w, p, in, out);
    case '[': {
        const char *e;
        if (class_bytes(p, &e, set))
            pw_step(w, in, set, out);
        else
            pw_end(w, in);
        return e;
    }
    case '\\': {
        unsigned char c = (unsigned char)p[1];
        if (!c) {
            w->bad = 1;
            return p + 1;
        }
        if (strchr("bBAzZG", c)) {
            ns_append(out, in);
        } else if (c == 'd') {
            for (c = '0'; c <= '9'; c++)
                set_byte(set, c);
            pw_step(w, in, set, out);
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (c >= '0' && c <= '9')) {
            pw_end(w, in);                      /* \w, \s, \1 ... */
        } else {
            set_byte(set, c);
            pw_step(w, in, set, out);
        }
        return p + 2;
    }
    case '.':
        pw_end(w, in);
        return p + 1;
    case '^':
    case '$':
        ns_append(out, in);
        return p + 1;
    case '*': case '+': case '?':
        w->bad = 1;
        return p + 1;
    default:
        set_byte(set, (unsigned char)*p);
        pw_step(w, in, set, out);
        return p + 1;
    }
}

/* A quantifier at p: its bounds (max SIZE_MAX = none) and end; 0 if none. */
static int quantifier(const char *p, size_t *min, size_t *max, const char **end)
{
    if (*p == '?' || *p == '*' || *p == '+') {
        *min = *p == '+';
        *max = *p == '?' ? 1 : SIZE_MAX;
        p++;
    } else if (*p == '{' && p[1] >= '0' && p[1] <= '9') {
        char *e;
        *min = strtoul(p + 1, &e, 10);
        *max = *min;
        if (*e == ',') {
            *max = e[1] >= '0' && e[1] <= '9' ? strtoul(e + 1, &e, 10) : SIZE_MAX;
            if (*max == SIZE_MAX)
                e++;
        }
        if (*e != '}')
            return 0;
        p = e + 1;
    } else {
        return 0;
    }
    if (*p == '?' || *p == '+')                 /* lazy, possessive */
        p++;
    *end = p;
    return 1;
}

/* An atom and its quantifier.  Repetitions are followed until the strings
 * are as long as the walk goes (each adds a byte, or it adds nothing new);
 * the strings after the last one followed end there when more may come. */
static const char *pw_item(pwalk *w, const char *p, const nset *in, nset *out)
{
    nset cur = ns_take(w);
    const char *q = pw_atom(w, p, in, &cur), *qe;
    size_t min, max;
    if (!quantifier(q, &min, &max, &qe)) {
        ns_append(out, &cur);
        ns_give(w, &cur);
        return q;
    }
    size_t lim = max <= w->depth + 1 ? max : w->depth + 1;
    if (min == 0)
        ns_append(out, in);
    for (size_t i = 1; i <= lim; i++) {
        if (i == lim && (max > lim || min > lim)) {
            pw_end(w, &cur);
            break;
        }
        if (i >= min)
            ns_append(out, &cur);
        if (i == lim)
            break;
        nset next = ns_take(w);
        ns_uniq(w, &cur);
        pw_atom(w, p, &cur, &next);
        ns_give(w, &cur);
        cur = next;
    }
    ns_give(w, &cur);
    ns_uniq(w, out);
    return qe;
}

/* Whether p is a byte that stands for itself, not quantified: most of
 * the bytes of a pattern (the words of the tables), which pw_seq steps
 * over without the general machinery of pw_item. */
static int plain_byte(const char *p)
{
    size_t min, max;
    const char *e;
    if (!*p || strchr("([\\.^$*+?|)", *p))
        return 0;
    return !quantifier(p + 1, &min, &max, &e);
}

/* A sequence of items; the sets between them alternate in two buffers. */
static const char *pw_seq(pwalk *w, const char *p, const nset *in, nset *out)
{
    nset buf[2] = {ns_take(w), ns_take(w)};
    const nset *cur = in;
    for (int k = 0; *p && *p != '|' && *p != ')'; k ^= 1) {
        buf[k].n = 0;
        if (plain_byte(p))
            pw_step1(w, cur, fold((unsigned char)*p++), &buf[k]);
        else
            p = pw_item(w, p, cur, &buf[k]);
        cur = &buf[k];
    }
    ns_append(out, cur);
    ns_give(w, &buf[0]);
    ns_give(w, &buf[1]);
    return p;
}

static const char *pw_alt(pwalk *w, const char *p, const nset *in, nset *out)
{
    for (;;) {
        p = pw_seq(w, p, in, out);
        if (*p != '|')
            break;
        p++;
    }
    ns_uniq(w, out);
    return p;
}

/* The strings of pattern re, cut at depth bytes, into the scratch trie:
 * 1 on success, 0 over budget, -1 when the syntax is not understood. */
static int pw_pattern(pwalk *w, const char *re, size_t depth, size_t budget)
{
    uint32_t root = 0;
    nset start = {&root, 1, 1}, end = ns_take(w);
    w->depth = depth;
    w->budget = budget;
    w->over = w->bad = 0;
    trie_reset(w->t);
    const char *p = pw_alt(w, re, &start, &end);
    pw_end(w, &end);
    ns_give(w, &end);
    if (w->bad || *p)
        return -1;
    return w->over ? 0 : 1;
}

static void pw_free(pwalk *w)
{
    for (size_t i = 0; i < w->npool; i++)
        free(w->pool[i].v);
    free(w->pool);
    free(w->mark);
}

/* Copy the scratch trie s into the rules' trie, rule in the sets of the
 * nodes where s's strings end.  Parents come before their children. */
static void pre_merge(ptrie *t, size_t setw, const ptrie *s, size_t rule)
{
    uint32_t *map = ann_xcalloc(s->nnode, sizeof *map);
    for (size_t n = 0; n < s->nnode; n++) {
        map[n] = n ? trie_add(t, map[s->parent[n]], s->byte[n]) : 0;
        if (!s->acc[n])
            continue;
        uint32_t g = map[n];
        if (!t->acc[g]) {
            if (t->naccs == t->capaccs) {
                t->capaccs = t->capaccs * 2;
                t->accs = ann_xrealloc(t->accs, t->capaccs * setw * sizeof *t->accs);
            }
            memset(t->accs + t->naccs * setw, 0, setw * sizeof *t->accs);
            t->acc[g] = (uint32_t)t->naccs++;
        }
        t->accs[(size_t)t->acc[g] * setw + rule / 64] |= (uint64_t)1 << (rule % 64);
    }
    free(map);
}

/* The children of node p of b in byte order, into kids (room for 256:
 * one per byte); returns their number. */
static size_t pre_children(const ptrie *b, uint32_t p, uint32_t *kids)
{
    size_t n = 0;
    if (p == 0) {                                /* the root's are a table */
        for (size_t c = 0; c < 256; c++)
            if (b->root[c])
                kids[n++] = b->root[c];
        return n;
    }
    for (uint32_t k = b->kid[p]; k; k = b->sib[k]) {   /* insertion sort: few */
        size_t j = n++;
        for (; j > 0 && b->byte[kids[j - 1]] > b->byte[k]; j--)
            kids[j] = kids[j - 1];
        kids[j] = k;
    }
    return n;
}

/* One class per byte on an edge of b (bytes are folded there), and every
 * text byte mapped to the class of its folded form. */
static void pre_classes(const ptrie *b, tx_trie *t)
{
    unsigned char of[256] = {0};
    t->ncls = 1;                                 /* 0: on no edge */
    for (size_t i = 1; i < b->nnode; i++)
        of[b->byte[i]] = 1;
    for (size_t c = 0; c < 256; c++)
        if (of[c])
            of[c] = (unsigned char)t->ncls++;    /* at most 221 folded bytes */
    for (size_t c = 0; c < 256; c++)
        t->cls[c] = of[fold((unsigned char)c)];
}

/* The child of node by class k, 0 if none. */
static uint32_t pre_child(const tx_trie *t, uint32_t node, unsigned char k)
{
    const tx_node *nd = &t->node[node];
    if (k >= TX_MAXCLS || !((nd->kids >> k) & 1))
        return 0;
    return nd->first + ones(nd->kids & (((uint64_t)1 << k) - 1));
}

static void deep_add(tx_trie *t, uint64_t key, uint64_t mult)
{
    uint64_t h = key * mult;
    size_t a = (size_t)(h >> (64 - TX_DEEP_BITS));
    size_t b = (size_t)(h >> (64 - 2 * TX_DEEP_BITS)) & (((size_t)1 << TX_DEEP_BITS) - 1);
    t->deep[a / 64] |= (uint64_t)1 << (a % 64);
    t->deep[b / 64] |= (uint64_t)1 << (b % 64);
}

/* Below node (at depth d, its path's classes in key, a byte each; up:
 * a string ends above it), the keys of the deep filter: where the first
 * string on a path ends, and a string that ends at four bytes stands for
 * every fifth byte after it. */
static void pre_deep(tx_trie *t, uint32_t node, size_t d, uint64_t key, int up)
{
    int here = !up && t->node[node].acc;    /* sets are of the whole path */
    if (d == 8) {
        deep_add(t, key, TX_DEEP8);
        return;
    }
    if (here && d == 4) {
        for (size_t c = 0; c < t->ncls; c++)
            deep_add(t, key | (uint64_t)c << 32, TX_DEEP5);
    } else if (here && d > 4) {
        deep_add(t, key & 0xFFFFFFFFFFu, TX_DEEP5);
    }
    const tx_node *nd = &t->node[node];
    uint32_t kid = nd->first;
    for (uint64_t bits = nd->kids; bits; bits &= bits - 1, kid++) {
        size_t c = (size_t)__builtin_ctzll(bits);
        pre_deep(t, kid, d + 1, key | (uint64_t)c << (8 * d), up || here);
    }
}

/* The first steps of every walk in tables: pair, with TX_SLOW where a
 * string ends before the second byte (whose rules it cannot tell),
 * two and three, and the deep filter. */
static void pre_pairs(tx_trie *t)
{
    size_t nc = t->ncls;
    t->pair = ann_xcalloc(nc * nc, sizeof *t->pair);
    for (size_t a = 0; a < nc; a++) {
        uint32_t one = pre_child(t, 0, (unsigned char)a);
        int slow = t->node[0].acc || (one && t->node[one].acc);
        for (size_t b = 0; b < nc; b++)
            t->pair[a * nc + b] = slow ? TX_SLOW
                                       : one ? pre_child(t, one, (unsigned char)b) : 0;
    }
    /* three[0]: no walk goes on; three[1]: a string ends before the
     * second byte, so within the three whatever they are */
    t->two = ann_xcalloc(nc * nc, sizeof *t->two);
    t->three = ann_xcalloc(2 + nc * nc, sizeof *t->three);
    t->three[1][0] = t->three[1][1] = ~(uint64_t)0;
    size_t nthree = 2;
    for (size_t ab = 0; ab < nc * nc; ab++) {
        uint32_t two = t->pair[ab];
        if (two == TX_SLOW) {
            t->two[ab] = 1;
            continue;
        }
        if (!two)
            continue;
        uint64_t *e = t->three[nthree];
        t->two[ab] = (uint16_t)nthree++;
        for (size_t c = 0; c < nc; c++) {
            uint32_t three = pre_child(t, two, (unsigned char)c);
            if (t->node[two].acc || (three && t->node[three].acc))
                e[1] |= (uint64_t)1 << c;
            if (three || ((e[1] >> c) & 1))
                e[0] |= (uint64_t)1 << c;
        }
    }
    t->three = ann_xrealloc(t->three, nthree * sizeof *t->three);
    t->deep = ann_xcalloc(((size_t)1 << TX_DEEP_BITS) / 64, sizeof *t->deep);
    pre_deep(t, 0, 0, 0, 0);
}

/* The rule sets of the runtime trie, each once: a node's is the union
 * of those on its path, and the nodes down a path share a few. */
typedef struct setmap {
    uint64_t *v;           /* w words per set; set 0 is empty */
    size_t n, cap, w;
    uint32_t *slot;        /* open addressing: a set's number, 0 = free */
    size_t nslot;
} setmap;

static uint64_t set_hash(const uint64_t *s, size_t w)
{
    uint64_t h = 0;
    for (size_t k = 0; k < w; k++)
        h = (h ^ s[k]) * 0x9E3779B97F4A7C15u;
    return h ^ h >> 29;
}

static uint32_t *set_slot(const setmap *m, const uint64_t *s)
{
    size_t mask = m->nslot - 1;
    for (size_t i = (size_t)set_hash(s, m->w) & mask;; i = (i + 1) & mask)
        if (!m->slot[i] || memcmp(m->v + m->slot[i] * m->w, s, m->w * sizeof *s) == 0)
            return &m->slot[i];
}

/* The number of set s (w words), added if new; 0 for the empty set. */
static uint32_t set_put(setmap *m, const uint64_t *s)
{
    size_t k = 0;
    while (k < m->w && !s[k])
        k++;
    if (k == m->w)
        return 0;
    if ((m->n + 1) * 2 > m->nslot) {
        free(m->slot);
        m->nslot = m->nslot ? m->nslot * 2 : 256;
        m->slot = ann_xcalloc(m->nslot, sizeof *m->slot);
        for (uint32_t i = 1; i < m->n; i++)
            *set_slot(m, m->v + i * m->w) = i;
    }
    uint32_t *sl = set_slot(m, s);
    if (*sl)
        return *sl;
    if (m->n == m->cap) {
        m->cap = m->cap * 2;
        m->v = ann_xrealloc(m->v, m->cap * m->w * sizeof *m->v);
    }
    memcpy(m->v + m->n * m->w, s, m->w * sizeof *s);
    return *sl = (uint32_t)m->n++;
}

/* Node nd (b's node old, under a path whose rules are up[0..w), with
 * room after them for a set per level below) and, depth first, the nodes
 * below it: its children get the numbers from *next on, then the subtree
 * of each in turn. */
static void pre_place(const ptrie *b, tx_trie *t, setmap *m, uint64_t *up,
                      uint32_t old, tx_node *nd, uint32_t *next)
{
    uint32_t kids[256];
    uint64_t *cum = up + m->w;
    for (size_t k = 0; k < m->w; k++)
        cum[k] = up[k] | (b->acc[old] ? b->accs[(size_t)b->acc[old] * m->w + k] : 0);
    size_t nk = pre_children(b, old, kids);
    nd->acc = set_put(m, cum);
    nd->first = *next;
    nd->kids = 0;
    *next += (uint32_t)nk;
    for (size_t k = 0; k < nk; k++)
        nd->kids |= (uint64_t)1 << t->cls[b->byte[kids[k]]];
    for (size_t k = 0; k < nk; k++)
        pre_place(b, t, m, cum, kids[k], &t->node[nd->first + k], next);
}

/* The built trie b in its runtime form.  With more classes than a node's
 * bits hold, the trie is one node whose set has every rule: each rule is
 * then tried wherever the word index says, as if the trie were not. */
static void pre_freeze(ptrie *b, ann_date_rules *r)
{
    tx_trie *t = &r->pre;
    pre_classes(b, t);
    setmap m = {0};
    m.w = r->setw;
    m.n = 1;
    m.cap = 64;
    m.v = ann_xcalloc(m.cap * m.w, sizeof *m.v);
    uint64_t *all = ann_xcalloc((TX_PRE_DEPTH + 2) * m.w, sizeof *all);
    if (t->ncls > TX_MAXCLS) {
        memset(t->cls, 0, sizeof t->cls);
        t->ncls = 1;
        t->nnode = 1;
        t->node = ann_xcalloc(1, sizeof *t->node);
        for (size_t i = 0; i < r->nrules; i++)
            all[i / 64] |= (uint64_t)1 << (i % 64);
        t->node[0].acc = set_put(&m, all);
    } else {
        uint32_t next = 1;
        t->nnode = b->nnode;
        t->node = ann_xcalloc(t->nnode, sizeof *t->node);
        pre_place(b, t, &m, all, 0, &t->node[0], &next);
    }
    free(all);
    free(m.slot);
    t->accs = m.v;
    t->naccs = m.n;
    pre_pairs(t);
}

/* Index every rule by the strings it can begin with, as deep as the
 * budget allows; a rule whose pattern the walk does not understand gets
 * the empty string: it is tried wherever the word index says. */
static void index_prefixes(ann_date_rules *r, char **expanded)
{
    ptrie t, scratch;
    memset(&t, 0, sizeof t);
    memset(&scratch, 0, sizeof scratch);
    pwalk w;
    memset(&w, 0, sizeof w);
    w.t = &scratch;
    trie_reset(&t);
    t.capaccs = 16;
    t.naccs = 1;                                    /* set 0: empty */
    t.accs = ann_xcalloc(t.capaccs * r->setw, sizeof *t.accs);
    for (size_t i = 0; i < r->nrules; i++) {
        int rc = 0;
        size_t k = 0;
        for (; k < sizeof pre_depth && rc == 0; k++)
            rc = pw_pattern(&w, expanded[i], pre_depth[k], TX_PRE_BUDGET);
        if (rc > 0 && k == 1 && scratch.nnode < TX_PRE_SMALL &&
            pw_pattern(&w, expanded[i], TX_PRE_DEPTH, TX_PRE_DEEP_BUDGET) <= 0)
            rc = pw_pattern(&w, expanded[i], pre_depth[0], TX_PRE_BUDGET);
        if (rc <= 0) {
            trie_reset(&scratch);
            scratch.acc[0] = 1;
        }
        pre_merge(&t, r->setw, &scratch, i);
    }
    pre_freeze(&t, r);
    pw_free(&w);
    trie_free(&scratch);
    trie_free(&t);
}

static int load_rules(loader *L)
{
    src s;
    src_open(L, &s, "dates/rules.tsv");
    ann_buf buf = {0}, re = {0}, one = {0};
    char *fld[4];
    char **expanded = NULL;
    size_t n, cap = 0, nexp = 0, capexp = 0;
    int rc = 0;
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
        one.len = 0;              /* matches start and end on word edges */
        ann_buf_adds(&one, "(?<![A-Za-z0-9_])(");
        ann_buf_add(&one, re.p, re.len);
        ann_buf_adds(&one, ")(?![A-Za-z0-9_])");
        ru.re = compile(L, &s, one.p, PCRE2_ANCHORED);
        if (!ru.re) {
            rc = -1;
            break;
        }
        if (!L->nojit && L->r->nrules == 0) {  /* does the JIT work here? */
            if (pcre2_jit_compile(ru.re, PCRE2_JIT_COMPLETE) != 0)
                L->nojit = 1;             /* no: all interpreted */
            else
                ru.jit = 1;
        }
        pcre2_pattern_info(ru.re, PCRE2_INFO_CAPTURECOUNT, &ru.ngroups);
        if (ru.ngroups + 1 > L->r->maxgroups)
            L->r->maxgroups = ru.ngroups + 1;
        ru.ngroups--;                     /* not the rule's own group */
        ru.name = ann_xstrdup(fld[0]);
        snprintf(ru.type, sizeof ru.type, "%s", fld[1]);
        ANN_PUSH(L->r->rules, L->r->nrules, cap, ru);
        char *e = ann_xstrndup(re.p, re.len);
        ANN_PUSH(expanded, nexp, capexp, e);
        rc = parse_call(L, &s, &L->r->rules[L->r->nrules - 1], fld[3]);
    }
    if (rc == 0)
        index_rules(L->r, expanded);
    for (size_t i = 0; i < nexp; i++)
        free(expanded[i]);
    free(expanded);
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

ann_date_rules *ann_date_rules_new(const ann_rule_src *files, size_t nfiles,
                                   char *err, size_t errlen)
{
    char dummy[1];
    loader L;
    memset(&L, 0, sizeof L);
    L.files = files;
    L.nfiles = nfiles;
    L.r = ann_xcalloc(1, sizeof *L.r);
    pthread_mutex_init(&L.r->jit_lock, NULL);
    L.err = err ? err : dummy;
    L.errlen = err ? errlen : sizeof dummy;
    L.nojit = !ann_jit_ok();
    int rc = load_tables(&L);
    if (rc == 0)
        rc = load_fragments(&L);
    if (rc == 0)
        rc = load_rules(&L);
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
    for (size_t i = 0; i < r->captab; i++) {
        free(r->tab[i].key);
        free(r->tab[i].value);
    }
    free(r->tab);
    for (size_t i = 0; i < r->nrules; i++) {
        free(r->rules[i].name);
        for (size_t j = 0; j < r->rules[i].nargs; j++)
            free(r->rules[i].args[j].lit);
        pcre2_code_free(r->rules[i].re);
    }
    free(r->rules);
    free(r->trig);
    free(r->sets);
    free(r->pre.node);
    free(r->pre.pair);
    free(r->pre.two);
    free(r->pre.three);
    free(r->pre.deep);
    free(r->pre.accs);
    pthread_mutex_destroy(&r->jit_lock);
    free(r);
}

int tx_rule_jit_now(const ann_date_rules *r, const tx_rule *ru)
{
    /* the lock and the rule's code are the parts that change */
    ann_date_rules *mr = (ann_date_rules *)r;
    tx_rule *mru = (tx_rule *)ru;
    pthread_mutex_lock(&mr->jit_lock);
    int s = atomic_load_explicit(&mru->jit, memory_order_relaxed);
    if (!s) {               /* a JIT that fails (no memory): the interpreter */
        s = pcre2_jit_compile(mru->re, PCRE2_JIT_COMPLETE) == 0 ? 1 : -1;
        atomic_store_explicit(&mru->jit, s, memory_order_release);
    }
    pthread_mutex_unlock(&mr->jit_lock);
    return s > 0;
}
