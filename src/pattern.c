/*
 * pattern.c - spaCy Matcher/EntityRuler token patterns: parsing the JSONL
 * with cJSON, compiling each token spec into a list of conditions, indexing
 * patterns by what their first token can be, and matching.
 *
 * A pattern is a sequence of token specs, each with a repeat range (OP).
 * The longest match at a start token is found by simulating the sequence
 * as an NFA over positions: the set of positions reachable after spec k is
 * computed from the set after spec k-1.  That is greedy with full
 * backtracking, yet linear in the specs and never exponential; each token
 * test is done at most once per spec thanks to a small cache.
 */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <limits.h>
#include <pcre2.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "ann.h"
#include "pattern.h"
#include "utf8.h"

/* No name or phrase is longer; bounds the work a "*" can cause. */
#define PAT_MAXLEN 128
/* Enough for any sane regex over one token; a catastrophic one stops here. */
#define PAT_MATCH_LIMIT 200000u
#define PAT_DEPTH_LIMIT 10000u
#define PAT_HEAP_LIMIT_KIB 20000u

enum pat_attr {
    A_ORTH, A_LOWER, A_SHAPE, A_LENGTH,
    A_IS_TITLE, A_IS_UPPER, A_IS_LOWER, A_IS_DIGIT, A_IS_PUNCT, A_IS_ALPHA,
    A_IS_SENT_START
};

enum pat_op {
    C_IN,        /* value is one of v[] (a literal is a list of one) */
    C_NOT_IN,
    C_REGEX,
    C_CMP,       /* LENGTH against num, with cmp */
    C_BOOL       /* IS_* flag equals boolean */
};

enum pat_cmp { CMP_EQ, CMP_NE, CMP_GE, CMP_LE, CMP_GT, CMP_LT };

typedef struct pat_str {
    uint32_t s;                /* interned: its offset in the pool */
    size_t n;
    uint64_t hash;             /* ann_hash, or ann_hash_lower for LOWER */
} pat_str;

typedef struct pat_regex {
    pcre2_code *code;
    char *src;                 /* for the warning */
    atomic_int warned;         /* the only thing matching writes: once */
} pat_regex;

typedef struct pat_cond {
    int attr, op, cmp, boolean;
    long num;                  /* C_CMP */
    pat_str *v;                /* C_IN / C_NOT_IN on strings */
    long *nums;                /* C_IN / C_NOT_IN on LENGTH */
    size_t nv;
    pat_regex *re;             /* C_REGEX */
} pat_cond;

typedef struct pat_spec {
    pat_cond *c;
    size_t nc;
    unsigned min, max;         /* repeat range; max UINT_MAX = unbounded */
    int negate;                /* OP "!": one token that does not match */
} pat_spec;

typedef struct pattern {
    pat_spec *s;
    size_t ns;
    uint32_t kind, type, id, attrs;   /* interned: offsets in the pool */
    uint32_t need, forbid;     /* token flags the first token must (not) have */
} pattern;

struct ann_patterns {
    ann_strpool *pool;         /* not owned */
    const ann_abbrevs *abbrevs;/* not owned: phrases tokenize as documents do */
    pattern *p;
    size_t n, cap;
    ann_htab orth;             /* first token's exact hash -> pattern */
    ann_htab lower;            /* first token's lowercase hash -> pattern */
    uint32_t *any;             /* patterns tried at every token */
    size_t nany, anycap;
    pcre2_match_context *mctx; /* limits; read-only while matching */
};

/* Loading context: where we are, for error messages. */
typedef struct pat_ctx {
    ann_patterns *ps;
    const char *name;
    size_t line, tok;          /* tok: 1-based token spec, 0 = none */
    char *err;
    size_t errlen;
} pat_ctx;

ann_patterns *ann_patterns_new(ann_strpool *pool, const ann_abbrevs *abbrevs)
{
    ann_patterns *ps = ann_xcalloc(1, sizeof *ps);
    ps->pool = pool;
    ps->abbrevs = abbrevs;
    ps->mctx = pcre2_match_context_create(NULL);
    if (!ps->mctx) {
        fputs("annotate: out of memory\n", stderr);
        exit(2);
    }
    pcre2_set_match_limit(ps->mctx, PAT_MATCH_LIMIT);
    pcre2_set_depth_limit(ps->mctx, PAT_DEPTH_LIMIT);
    pcre2_set_heap_limit(ps->mctx, PAT_HEAP_LIMIT_KIB);
    return ps;
}

static void cond_free(pat_cond *c)
{
    free(c->v);
    free(c->nums);
    if (c->re) {
        pcre2_code_free(c->re->code);
        free(c->re->src);
        free(c->re);
    }
}

static void pattern_free(pattern *pt)
{
    for (size_t k = 0; k < pt->ns; k++) {
        for (size_t j = 0; j < pt->s[k].nc; j++)
            cond_free(&pt->s[k].c[j]);
        free(pt->s[k].c);
    }
    free(pt->s);
}

void ann_patterns_free(ann_patterns *ps)
{
    if (!ps)
        return;
    for (size_t i = 0; i < ps->n; i++)
        pattern_free(&ps->p[i]);
    free(ps->p);
    ann_htab_free(&ps->orth);
    ann_htab_free(&ps->lower);
    free(ps->any);
    pcre2_match_context_free(ps->mctx);
    free(ps);
}

size_t ann_patterns_count(const ann_patterns *ps)
{
    return ps->n;
}

void ann_pat_scratch_free(ann_pat_scratch *sc)
{
    pcre2_match_data_free(sc->md);
    free(sc->cur);
    free(sc->nxt);
    free(sc->val);
    free(sc->stamp);
    free(sc->buf);
    memset(sc, 0, sizeof *sc);
}

/* ------------------------------------------------------------------ */
/* parsing                                                              */

static int perr(pat_ctx *x, const char *fmt, const char *a, const char *b)
{
    char why[64];
    if (x->tok)
        snprintf(why, sizeof why, "token %zu: ", x->tok);
    else
        why[0] = '\0';
    /* fmt has up to two %s; the reason is assembled in one allocation so
     * that no fixed buffer limits how long a user's regex may be. */
    char *msg = ann_xasprintf(fmt, a ? a : "", b ? b : "");
    ann_load_error(x->err, x->errlen, x->name, x->line, "%s%s", why, msg);
    free(msg);
    return -1;
}

static const struct {
    const char *name;
    int attr;
} pat_attrs[] = {
    {"ORTH", A_ORTH}, {"TEXT", A_ORTH}, {"LOWER", A_LOWER},
    {"SHAPE", A_SHAPE}, {"LENGTH", A_LENGTH},
    {"IS_TITLE", A_IS_TITLE}, {"IS_UPPER", A_IS_UPPER},
    {"IS_LOWER", A_IS_LOWER}, {"IS_DIGIT", A_IS_DIGIT},
    {"IS_PUNCT", A_IS_PUNCT}, {"IS_ALPHA", A_IS_ALPHA},
    {"IS_SENT_START", A_IS_SENT_START},
};

/* spaCy upper-cases attribute names, so "lower" works as well as "LOWER". */
static int attr_by_name(const char *s)
{
    for (size_t i = 0; i < sizeof pat_attrs / sizeof pat_attrs[0]; i++)
        if (strcasecmp(s, pat_attrs[i].name) == 0)
            return pat_attrs[i].attr;
    return -1;
}

/* JSON numbers are doubles; a LENGTH needs no more than this, and the
 * clamp keeps the conversion defined for 1e300. */
static long to_long(double d)
{
    if (d != d)
        return 0;
    return d > 1e9 ? 1000000000L : d < -1e9 ? -1000000000L : (long)d;
}

/* LOWER values are hashed lowercased, so {"LOWER": "President"} matches
 * "president" too, where spaCy would silently never match. */
static pat_str make_str(pat_ctx *x, int attr, const char *s)
{
    pat_str v;
    v.n = strlen(s);
    v.s = ann_strpool_intern(x->ps->pool, s, v.n);
    v.hash = attr == A_LOWER ? ann_hash_lower(s, v.n) : ann_hash(s, v.n);
    return v;
}

/* The values of an IN / NOT_IN list, or of a literal (list of one). */
static int parse_values(pat_ctx *x, int attr, const cJSON *j, pat_cond *c)
{
    const cJSON *it;
    int list = cJSON_IsArray(j);
    size_t n = list ? (size_t)cJSON_GetArraySize(j) : 1;
    if (attr == A_LENGTH)
        c->nums = ann_xcalloc(n, sizeof *c->nums);
    else
        c->v = ann_xcalloc(n, sizeof *c->v);
    c->nv = 0;
    for (it = list ? j->child : j; it; it = list ? it->next : NULL) {
        if (attr == A_LENGTH) {
            if (!cJSON_IsNumber(it))
                return perr(x, "LENGTH values must be numbers", NULL, NULL);
            c->nums[c->nv++] = to_long(it->valuedouble);
        } else {
            if (!cJSON_IsString(it))
                return perr(x, "ORTH, TEXT, LOWER and SHAPE values must be strings",
                            NULL, NULL);
            c->v[c->nv++] = make_str(x, attr, it->valuestring);
        }
    }
    return 0;
}

static int compile_regex(pat_ctx *x, const char *src, pat_cond *c)
{
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)src, PCRE2_ZERO_TERMINATED,
                                   PCRE2_UTF, &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        char at[32];
        snprintf(at, sizeof at, " at offset %zu", (size_t)off);
        char *why = ann_xasprintf("%s%s", (const char *)msg, at);
        int rc = perr(x, "bad REGEX \"%s\": %s", src, why);
        free(why);
        return rc;
    }
    if (ann_jit_ok())
        pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);   /* no JIT: still works */
    c->re = ann_xcalloc(1, sizeof *c->re);
    c->re->code = re;
    c->re->src = ann_xstrdup(src);
    atomic_init(&c->re->warned, 0);
    return 0;
}

static int cmp_by_name(const char *s)
{
    static const char *const names[] = {"==", "!=", ">=", "<=", ">", "<"};
    for (int i = 0; i < 6; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

/* One key of a value dict: {"IN": [...]}, {"REGEX": "..."}, {">=": 3}. */
static int parse_op_value(pat_ctx *x, int attr, const cJSON *it, pat_cond *c)
{
    const char *k = it->string;
    int cmp = cmp_by_name(k);
    if (strcmp(k, "IN") == 0 || strcmp(k, "NOT_IN") == 0) {
        c->op = k[0] == 'I' ? C_IN : C_NOT_IN;
        if (!cJSON_IsArray(it))
            return perr(x, "%s expects a list", k, NULL);
        return parse_values(x, attr, it, c);
    }
    if (strcmp(k, "REGEX") == 0) {
        c->op = C_REGEX;
        if (attr == A_LENGTH || !cJSON_IsString(it))
            return perr(x, "REGEX expects a string, on ORTH, TEXT, LOWER or SHAPE",
                        NULL, NULL);
        return compile_regex(x, it->valuestring, c);
    }
    if (cmp < 0)
        return perr(x, "unknown operator \"%s\"", k, NULL);
    if (attr == A_LENGTH) {
        if (!cJSON_IsNumber(it))
            return perr(x, "%s expects a number", k, NULL);
        c->op = C_CMP;
        c->cmp = cmp;
        c->num = to_long(it->valuedouble);
        return 0;
    }
    if (cmp > CMP_NE || !cJSON_IsString(it))
        return perr(x, "%s on a string attribute expects a string (== or != only)",
                    k, NULL);
    c->op = cmp == CMP_EQ ? C_IN : C_NOT_IN;
    return parse_values(x, attr, it, c);
}

static void push_cond(pat_spec *sp, size_t *cap, const pat_cond *c)
{
    ANN_PUSH(sp->c, sp->nc, *cap, *c);
}

/* "ATTR": value -> one condition per operator in the value. */
static int parse_attr(pat_ctx *x, int attr, const cJSON *val, pat_spec *sp,
                      size_t *cap)
{
    const char *aname = val->string;
    pat_cond c;
    memset(&c, 0, sizeof c);
    c.attr = attr;
    if (attr >= A_IS_TITLE) {
        if (!cJSON_IsBool(val))
            return perr(x, "%s expects true or false", aname, NULL);
        c.op = C_BOOL;
        c.boolean = cJSON_IsTrue(val);
        push_cond(sp, cap, &c);
        return 0;
    }
    if (cJSON_IsObject(val)) {
        for (const cJSON *it = val->child; it; it = it->next) {
            memset(&c, 0, sizeof c);
            c.attr = attr;
            int rc = parse_op_value(x, attr, it, &c);
            push_cond(sp, cap, &c);   /* pushed even on error: freed with sp */
            if (rc < 0)
                return -1;
        }
        return 0;
    }
    if (attr == A_LENGTH && cJSON_IsNumber(val)) {
        c.op = C_CMP;
        c.cmp = CMP_EQ;
        c.num = to_long(val->valuedouble);
        push_cond(sp, cap, &c);
        return 0;
    }
    if (attr != A_LENGTH && cJSON_IsString(val)) {
        c.op = C_IN;
        int rc = parse_values(x, attr, val, &c);
        push_cond(sp, cap, &c);
        return rc;
    }
    return perr(x, "bad value for %s", aname, NULL);
}

/* OP: ? * + ! {n} {n,m} {n,} {,m} */
static int parse_quant(pat_ctx *x, const cJSON *op, pat_spec *sp)
{
    const char *s = cJSON_IsString(op) ? op->valuestring : NULL;
    sp->negate = 0;
    if (!s)
        return perr(x, "OP must be a string", NULL, NULL);
    if (strcmp(s, "?") == 0) { sp->min = 0; sp->max = 1; return 0; }
    if (strcmp(s, "*") == 0) { sp->min = 0; sp->max = UINT_MAX; return 0; }
    if (strcmp(s, "+") == 0) { sp->min = 1; sp->max = UINT_MAX; return 0; }
    if (strcmp(s, "!") == 0) { sp->min = 1; sp->max = 1; sp->negate = 1; return 0; }
    if (strcmp(s, "1") == 0) { sp->min = 1; sp->max = 1; return 0; }
    unsigned long lo = 0, hi = UINT_MAX;
    const char *p = s;
    char *end;
    if (*p++ != '{')
        goto bad;
    if (isdigit((unsigned char)*p)) {
        lo = strtoul(p, &end, 10);
        p = end;
    } else if (*p != ',') {
        goto bad;
    }
    if (*p == '}') {
        hi = lo;
    } else if (*p == ',') {
        p++;
        if (isdigit((unsigned char)*p)) {
            hi = strtoul(p, &end, 10);
            p = end;
        }
    }
    if (*p != '}' || p[1] != '\0' || lo > hi || lo > 1000 ||
        (hi != UINT_MAX && hi > 1000) || hi == 0)
        goto bad;
    sp->min = (unsigned)lo;
    sp->max = (unsigned)hi;
    return 0;
bad:
    return perr(x, "bad OP \"%s\" (want ? * + ! {n} {n,m} {n,} {,m})", s, NULL);
}

/* Cheap conditions first: flags and lengths before strings, regexes last. */
static int cond_cost(const pat_cond *c)
{
    if (c->op == C_REGEX)
        return 4;
    if (c->attr == A_SHAPE || c->attr == A_IS_ALPHA)
        return 3;
    if (c->op == C_IN || c->op == C_NOT_IN)
        return c->attr == A_LENGTH ? 1 : 2;
    return 0;
}

static void sort_conds(pat_spec *sp)
{
    for (size_t i = 1; i < sp->nc; i++) {
        pat_cond c = sp->c[i];
        size_t j = i;
        for (; j > 0 && cond_cost(&sp->c[j - 1]) > cond_cost(&c); j--)
            sp->c[j] = sp->c[j - 1];
        sp->c[j] = c;
    }
}

static int parse_spec(pat_ctx *x, const cJSON *obj, pat_spec *sp)
{
    size_t cap = 0;
    sp->min = sp->max = 1;
    if (!cJSON_IsObject(obj))
        return perr(x, "a token spec must be an object", NULL, NULL);
    for (const cJSON *it = obj->child; it; it = it->next) {
        if (strcasecmp(it->string, "OP") == 0) {
            if (parse_quant(x, it, sp) < 0)
                return -1;
            continue;
        }
        int attr = attr_by_name(it->string);
        if (attr < 0)
            return perr(x, "unknown token attribute \"%s\"", it->string, NULL);
        if (parse_attr(x, attr, it, sp, &cap) < 0)
            return -1;
    }
    sort_conds(sp);
    return 0;
}

/* A phrase pattern ("pattern": "Foreign Ministry"): one ORTH per token. */
static int parse_phrase(pat_ctx *x, const char *s, pattern *pt)
{
    ann_tokens tk = {0};
    ann_tokenize_with(x->ps->abbrevs, s, strlen(s), &tk);
    pt->s = ann_xcalloc(tk.n ? tk.n : 1, sizeof *pt->s);
    for (size_t k = 0; k < tk.n; k++) {
        pat_spec *sp = &pt->s[pt->ns++];
        sp->min = sp->max = 1;
        sp->c = ann_xcalloc(1, sizeof *sp->c);
        sp->nc = 1;
        sp->c->attr = A_ORTH;
        sp->c->op = C_IN;
        sp->c->v = ann_xcalloc(1, sizeof *sp->c->v);
        sp->c->nv = 1;
        size_t n = tk.v[k].end - tk.v[k].start;
        sp->c->v[0].s = ann_strpool_intern(x->ps->pool, s + tk.v[k].start, n);
        sp->c->v[0].n = n;
        sp->c->v[0].hash = tk.v[k].hash;
    }
    ann_tokens_free(&tk);
    return pt->ns ? 0 : perr(x, "\"pattern\" has no tokens", NULL, NULL);
}

static int parse_tokens(pat_ctx *x, const cJSON *arr, pattern *pt)
{
    size_t n = (size_t)cJSON_GetArraySize(arr);
    if (n == 0)
        return perr(x, "\"pattern\" is empty", NULL, NULL);
    pt->s = ann_xcalloc(n, sizeof *pt->s);
    for (const cJSON *it = arr->child; it; it = it->next) {
        x->tok = pt->ns + 1;
        pat_spec *sp = &pt->s[pt->ns++];
        if (parse_spec(x, it, sp) < 0)
            return -1;
    }
    x->tok = 0;
    return 0;
}

/* Labels as spaCy users write them map onto annotate's types; the kind
 * follows from the type (rules.h). */
static void label_type_kind(pat_ctx *x, const char *label, uint32_t *type,
                            uint32_t *kind)
{
    static const char *const alias[][2] = {
        {"per", "person"}, {"org", "organization"}, {"gpe", "place"},
        {"loc", "place"}, {"fac", "place"},
    };
    static const char *const kinds[][2] = {
        {"person", "actor"}, {"organization", "actor"}, {"country", "actor"},
        {"place", "place"}, {"outlet", "source"}, {"platform", "source"},
    };
    char *low = ann_xstrdup(label);
    for (char *p = low; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    const char *t = low;
    for (size_t i = 0; i < sizeof alias / sizeof alias[0]; i++)
        if (strcmp(t, alias[i][0]) == 0)
            t = alias[i][1];
    const char *k = t;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(t, kinds[i][0]) == 0)
            k = kinds[i][1];
    *type = ann_strpool_intern(x->ps->pool, t, strlen(t));
    *kind = ann_strpool_intern(x->ps->pool, k, strlen(k));
    free(low);
}

/* "attrs" as a string "k=v;k2=v2" or an object {"k": "v", "n": 3}. */
static int parse_attrs(pat_ctx *x, const cJSON *a, uint32_t *out)
{
    if (!a) {
        *out = ann_strpool_intern(x->ps->pool, "", 0);
        return 0;
    }
    if (cJSON_IsString(a)) {
        *out = ann_strpool_intern(x->ps->pool, a->valuestring,
                                  strlen(a->valuestring));
        return 0;
    }
    if (!cJSON_IsObject(a))
        return perr(x, "\"attrs\" must be a string or an object", NULL, NULL);
    char *s = ann_xstrdup("");
    for (const cJSON *it = a->child; it; it = it->next) {
        char *v = cJSON_IsString(it) ? ann_xstrdup(it->valuestring)
                                     : cJSON_PrintUnformatted(it);
        if (!v) {
            free(s);
            return perr(x, "bad \"attrs\"", NULL, NULL);
        }
        char *t = ann_xasprintf("%s%s%s=%s", s, *s ? ";" : "", it->string, v);
        if (cJSON_IsString(it))
            free(v);
        else
            cJSON_free(v);
        free(s);
        s = t;
    }
    *out = ann_strpool_intern(x->ps->pool, s, strlen(s));
    free(s);
    return 0;
}

static const char *opt_string(pat_ctx *x, const cJSON *root, const char *key,
                              int *bad)
{
    const cJSON *j = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!j)
        return NULL;
    if (!cJSON_IsString(j)) {
        perr(x, "\"%s\" must be a string", key, NULL);
        *bad = 1;
        return NULL;
    }
    return j->valuestring;
}

static int parse_pattern(pat_ctx *x, const cJSON *root, pattern *pt)
{
    int bad = 0;
    if (!cJSON_IsObject(root))
        return perr(x, "expected a JSON object", NULL, NULL);
    const char *label = opt_string(x, root, "label", &bad);
    const char *id = opt_string(x, root, "id", &bad);
    const char *kind = opt_string(x, root, "kind", &bad);
    const char *type = opt_string(x, root, "type", &bad);
    if (bad)
        return -1;
    if (!label || !*label)
        return perr(x, "missing \"label\"", NULL, NULL);
    label_type_kind(x, label, &pt->type, &pt->kind);
    if (type && *type)
        pt->type = ann_strpool_intern(x->ps->pool, type, strlen(type));
    if (kind && *kind)
        pt->kind = ann_strpool_intern(x->ps->pool, kind, strlen(kind));
    pt->id = ann_strpool_intern(x->ps->pool, id ? id : "", id ? strlen(id) : 0);
    if (parse_attrs(x, cJSON_GetObjectItemCaseSensitive(root, "attrs"),
                    &pt->attrs) < 0)
        return -1;
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(root, "pattern");
    if (cJSON_IsString(p))
        return parse_phrase(x, p->valuestring, pt);
    if (!cJSON_IsArray(p))
        return perr(x, "\"pattern\" must be a list of token objects or a string",
                    NULL, NULL);
    return parse_tokens(x, p, pt);
}

/* Index a pattern under what its first token can be: the ORTH or LOWER
 * values of a first spec that must match (OP absent, "+", {n,..}).
 * Anything else is tried at every token, so it should stay rare. */
static uint32_t flag_of(int attr)
{
    switch (attr) {
    case A_IS_TITLE:      return ANN_TF_TITLE;
    case A_IS_UPPER:      return ANN_TF_UPPER;
    case A_IS_LOWER:      return ANN_TF_LOWER;
    case A_IS_DIGIT:      return ANN_TF_DIGIT;
    case A_IS_SENT_START: return ANN_TF_SENT_START;
    default:              return 0;
    }
}

/* The flag tests of a first token that must match, as two masks: a cheap
 * filter for the patterns tried at every token. */
static void first_masks(pattern *pt)
{
    const pat_spec *sp = &pt->s[0];
    if (sp->min == 0 || sp->negate)
        return;
    for (size_t j = 0; j < sp->nc; j++)
        if (sp->c[j].op == C_BOOL) {
            if (sp->c[j].boolean)
                pt->need |= flag_of(sp->c[j].attr);
            else
                pt->forbid |= flag_of(sp->c[j].attr);
        }
}

static void index_pattern(ann_patterns *ps, uint32_t id)
{
    const pat_spec *sp = &ps->p[id].s[0];
    const pat_cond *best = NULL;
    first_masks(&ps->p[id]);
    for (size_t j = 0; sp->min >= 1 && !sp->negate && j < sp->nc; j++) {
        const pat_cond *c = &sp->c[j];
        if (c->op == C_IN && (c->attr == A_ORTH || c->attr == A_LOWER) &&
            (!best || c->attr == A_ORTH))
            best = c;
    }
    if (!best) {
        ANN_PUSH(ps->any, ps->nany, ps->anycap, id);
        return;
    }
    ann_htab *h = best->attr == A_ORTH ? &ps->orth : &ps->lower;
    for (size_t k = 0; k < best->nv; k++) {
        size_t d = 0;   /* "IN": ["us", "US"] under LOWER is one key */
        while (d < k && best->v[d].hash != best->v[k].hash)
            d++;
        if (d == k)
            ann_htab_add(h, best->v[k].hash, id);
    }
}

int ann_patterns_add_line(ann_patterns *ps, const char *line, size_t len,
                          const char *name, size_t lineno,
                          char *err, size_t errlen)
{
    pat_ctx x = {ps, name, lineno, 0, err, errlen};
    cJSON *root = cJSON_ParseWithLength(line, len);
    if (!root) {
        const char *e = cJSON_GetErrorPtr();
        size_t col = e && e >= line && e <= line + len ? (size_t)(e - line) + 1 : 1;
        ann_load_error(err, errlen, name, lineno, "bad JSON near column %zu", col);
        return -1;
    }
    pattern pt;
    memset(&pt, 0, sizeof pt);
    int rc = parse_pattern(&x, root, &pt);
    cJSON_Delete(root);
    if (rc < 0) {
        pattern_free(&pt);
        return -1;
    }
    ANN_PUSH(ps->p, ps->n, ps->cap, pt);
    index_pattern(ps, (uint32_t)(ps->n - 1));
    return 0;
}

/* ------------------------------------------------------------------ */
/* testing one token                                                    */

static char *scratch_buf(ann_pat_scratch *sc, size_t n)
{
    if (n + 1 > sc->bufcap)
        ann_grow((void **)&sc->buf, &sc->bufcap, n + 1, 1);
    return sc->buf;
}

/* spaCy's shape: letters X/x, digits d, anything else as is, and no more
 * than four of the same in a row ("Zelensky" -> "Xxxxx", "2024" -> "dddd"). */
static size_t shape_of(const char *s, size_t n, char *out)
{
    size_t o = 0, i = 0, run = 0;
    uint32_t last = 0;
    while (i < n) {
        size_t at = i;
        uint32_t cp = ann_utf8_next(s, n, &i);
        uint32_t sc = ann_is_letter(cp) ? (ann_is_upper(cp) ? 'X' : 'x')
                      : ann_is_digit(cp) ? 'd' : cp;
        run = sc == last ? run + 1 : 0;
        last = sc;
        if (run >= 4)
            continue;
        if (sc != cp || sc < 0x80) {
            out[o++] = (char)sc;
        } else {
            memcpy(out + o, s + at, i - at);
            o += i - at;
        }
    }
    return o;
}

static int is_alpha(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n;)
        if (!ann_is_letter(ann_utf8_next(s, n, &i)))
            return 0;
    return 1;
}

static int flag_attr(int attr, const char *s, size_t n, const ann_token *t)
{
    switch (attr) {
    case A_IS_TITLE:      return (t->flags & ANN_TF_TITLE) != 0;
    case A_IS_UPPER:      return (t->flags & ANN_TF_UPPER) != 0;
    case A_IS_LOWER:      return (t->flags & ANN_TF_LOWER) != 0;
    case A_IS_DIGIT:      return (t->flags & ANN_TF_DIGIT) != 0;
    case A_IS_SENT_START: return (t->flags & ANN_TF_SENT_START) != 0;
    case A_IS_PUNCT:
        return t->kind == ANN_TOK_PUNCT || t->kind == ANN_TOK_QUOTE ||
               t->kind == ANN_TOK_DASH;
    default:              return is_alpha(s, n);
    }
}

static int length_ok(const pat_cond *c, long len)
{
    if (c->op == C_CMP) {
        switch (c->cmp) {
        case CMP_EQ: return len == c->num;
        case CMP_NE: return len != c->num;
        case CMP_GE: return len >= c->num;
        case CMP_LE: return len <= c->num;
        case CMP_GT: return len > c->num;
        default:     return len < c->num;
        }
    }
    int in = 0;
    for (size_t k = 0; k < c->nv && !in; k++)
        in = c->nums[k] == len;
    return c->op == C_IN ? in : !in;
}

static int regex_ok(pat_regex *re, const char *s, size_t n,
                    ann_pat_scratch *sc, pcre2_match_context *mctx)
{
    if (!sc->md) {
        sc->md = pcre2_match_data_create(1, NULL);
        if (!sc->md) {
            fputs("annotate: out of memory\n", stderr);
            exit(2);
        }
    }
    int rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, 0, sc->md, mctx);
    if (rc >= 0)
        return 1;
    if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
        rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
        if (atomic_exchange(&re->warned, 1) == 0)
            fprintf(stderr, "annotate: warning: REGEX \"%s\" hit its match "
                    "limit; such tokens count as no match\n", re->src);
    }
    return 0;
}

/* Lowercase s into the scratch buffer (a code point grows to 4 bytes at
 * most, so 4n bytes always suffice). */
static size_t lower_into(ann_pat_scratch *sc, const char *s, size_t n,
                         char **out)
{
    char *b = scratch_buf(sc, 4 * n);
    size_t o = 0;
    for (size_t i = 0; i < n;)
        o += ann_utf8_put(ann_to_lower(ann_utf8_next(s, n, &i)), b + o);
    *out = b;
    return o;
}

static int str_cond_ok(const ann_patterns *ps, const pat_cond *c,
                       const char *s, size_t n, const ann_token *t,
                       ann_pat_scratch *sc)
{
    if (c->attr == A_SHAPE) {
        char *b = scratch_buf(sc, n);
        n = shape_of(s, n, b);
        s = b;
    }
    if (c->op == C_REGEX) {
        char *b;
        if (c->attr == A_LOWER) {
            n = lower_into(sc, s, n, &b);
            s = b;
        }
        return regex_ok(c->re, s, n, sc, ps->mctx);
    }
    int in = 0;
    for (size_t k = 0; k < c->nv && !in; k++) {
        const pat_str *v = &c->v[k];
        const char *vs = ann_strpool_at(ps->pool, v->s);
        if (c->attr == A_ORTH)
            in = t->hash == v->hash && v->n == n && memcmp(s, vs, n) == 0;
        else if (c->attr == A_LOWER)
            in = t->lhash == v->hash && ann_eq_lower(s, n, vs, v->n);
        else
            in = v->n == n && memcmp(s, vs, n) == 0;
    }
    return c->op == C_IN ? in : !in;
}

/* Does token t satisfy spec sp?  Patterns, like names, never take markup. */
static int spec_ok(const ann_patterns *ps, const pat_spec *sp,
                   const char *text, const ann_token *t, ann_pat_scratch *sc)
{
    if (t->kind == ANN_TOK_MARKUP)
        return 0;
    const char *s = text + t->start;
    size_t n = t->end - t->start;
    int ok = 1;
    for (size_t j = 0; j < sp->nc && ok; j++) {
        const pat_cond *c = &sp->c[j];
        if (c->op == C_BOOL)
            ok = flag_attr(c->attr, s, n, t) == c->boolean;
        else if (c->attr == A_LENGTH)
            ok = length_ok(c, (long)t->ncp);
        else
            ok = str_cond_ok(ps, c, s, n, t, sc);
    }
    return sp->negate ? !ok : ok;
}

/* ------------------------------------------------------------------ */
/* matching                                                             */

static void scratch_reserve(ann_pat_scratch *sc, size_t L)
{
    if (L + 1 <= sc->cap)
        return;
    size_t cap = PAT_MAXLEN + 1;
    /* The reach sets are kept all-zero between uses, so fresh zeroed
     * arrays replace the old ones. */
    free(sc->cur);
    free(sc->nxt);
    free(sc->val);
    free(sc->stamp);
    sc->cur = ann_xcalloc(cap, 1);
    sc->nxt = ann_xcalloc(cap, 1);
    sc->val = ann_xcalloc(cap, 1);
    sc->stamp = ann_xcalloc(cap, sizeof *sc->stamp);
    sc->gen = 0;
    sc->cap = cap;
}

/* Test of token q against spec sp, computed once per spec evaluation. */
static int tok_ok(const ann_patterns *ps, const pat_spec *sp, const char *text,
                  const ann_token *toks, size_t q, ann_pat_scratch *sc)
{
    if (sc->stamp[q] != sc->gen) {
        sc->val[q] = (unsigned char)spec_ok(ps, sp, text, &toks[q], sc);
        sc->stamp[q] = sc->gen;
    }
    return sc->val[q];
}

/* Forget the cached token tests: a new spec is being evaluated. */
static void next_gen(ann_pat_scratch *sc)
{
    if (++sc->gen == 0) {
        memset(sc->stamp, 0, sc->cap * sizeof *sc->stamp);
        sc->gen = 1;
    }
}

/* Positions reachable after sp from those in cur[0..hi] (tokens toks[0..L)),
 * written to nxt; returns the highest, or -1 if none. */
static long step(const ann_patterns *ps, const pat_spec *sp, const char *text,
                 const ann_token *toks, size_t L, const unsigned char *cur,
                 size_t hi, unsigned char *nxt, ann_pat_scratch *sc)
{
    long nhi = -1;
    size_t done_to = 0;   /* an unbounded run already covered up to here */
    int covered = 0;
    for (size_t p = 0; p <= hi; p++) {
        if (!cur[p])
            continue;
        if (sp->min == 0) {
            nxt[p] = 1;
            nhi = (long)p > nhi ? (long)p : nhi;
        }
        /* With no upper bound, a run from an earlier p has marked every
         * end a later p inside it could reach. */
        if (covered && p <= done_to)
            continue;
        size_t j = 1;
        for (; j <= sp->max && p + j <= L; j++) {
            if (!tok_ok(ps, sp, text, toks, p + j - 1, sc))
                break;
            if (j >= sp->min) {
                nxt[p + j] = 1;
                nhi = (long)(p + j) > nhi ? (long)(p + j) : nhi;
            }
        }
        if (sp->max == UINT_MAX) {
            covered = 1;
            done_to = p + j - 1;
        }
    }
    return nhi;
}

/* Length of the longest match of pt at toks[0] (L tokens available), 0 if
 * none: no empty matches.  tested: the caller has just tested toks[0]
 * against the first spec, and the cache holds the answer. */
static size_t pat_longest(const ann_patterns *ps, const pattern *pt,
                          const char *text, const ann_token *toks, size_t L,
                          int tested, ann_pat_scratch *sc)
{
    unsigned char *cur = sc->cur, *nxt = sc->nxt;
    long hi = 0;
    cur[0] = 1;
    for (size_t k = 0; k < pt->ns && hi >= 0; k++) {
        if (k > 0 || !tested)
            next_gen(sc);
        long nhi = step(ps, &pt->s[k], text, toks, L, cur, (size_t)hi, nxt, sc);
        memset(cur, 0, (size_t)hi + 1);
        unsigned char *tmp = cur;
        cur = nxt;
        nxt = tmp;
        hi = nhi;
    }
    if (hi < 0)
        return 0;
    memset(cur, 0, (size_t)hi + 1);
    return (size_t)hi;
}

static void try_pattern(const ann_patterns *ps, uint32_t id, const char *text,
                        const ann_token *toks, size_t i, size_t L,
                        ann_pat_scratch *sc, ann_matches *out)
{
    const pattern *pt = &ps->p[id];
    /* Most tries fail on the first token: settle that before setting up
     * the reach sets. */
    int tested = pt->s[0].min >= 1;
    if (tested) {
        next_gen(sc);
        if (!tok_ok(ps, &pt->s[0], text, toks + i, 0, sc))
            return;
    }
    size_t len = pat_longest(ps, pt, text, toks + i, L, tested, sc);
    if (len == 0)
        return;
    const char *str = ps->pool->bytes;
    ann_match m = {i, i + len, str + pt->kind, str + pt->type, str + pt->id,
                   str + pt->attrs, "", 1};
    ANN_PUSH(out->v, out->n, out->cap, m);
}

void ann_patterns_match_at(const ann_patterns *ps, const char *text,
                           const ann_token *toks, size_t n, size_t i,
                           ann_pat_scratch *sc, ann_matches *out)
{
    if (ps->n == 0)
        return;
    size_t L = n - i < PAT_MAXLEN ? n - i : PAT_MAXLEN;
    scratch_reserve(sc, L);
    const ann_token *t = &toks[i];
    for (uint32_t p = ann_htab_first(&ps->orth, t->hash); p != ANN_HTAB_NONE;
         p = ps->orth.next[p])
        try_pattern(ps, ps->orth.val[p], text, toks, i, L, sc, out);
    for (uint32_t p = ann_htab_first(&ps->lower, t->lhash); p != ANN_HTAB_NONE;
         p = ps->lower.next[p])
        try_pattern(ps, ps->lower.val[p], text, toks, i, L, sc, out);
    for (size_t k = 0; k < ps->nany; k++) {
        const pattern *pt = &ps->p[ps->any[k]];
        if ((t->flags & pt->need) == pt->need && !(t->flags & pt->forbid))
            try_pattern(ps, ps->any[k], text, toks, i, L, sc, out);
    }
}
