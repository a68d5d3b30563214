/*
 * dates_scan.c - the date annotator's scan (TimeML TIMEX3,
 * HeidelTime-style rules kept as data under src/rules/dates/): every word
 * start of a window where the rule index lets a rule begin is tried with
 * those rules, in file order; the first that matches and whose value is
 * not vetoed wins, and the scan goes on after it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "dates_norm.h"

/* A JIT stack is an mmap of its largest size, and unmapping one per
 * document cost more than the matching.  So each thread keeps the last one
 * given back for the next document; the key's destructor frees it when the
 * thread ends. */
static pthread_once_t js_once = PTHREAD_ONCE_INIT;
static pthread_key_t js_key;

static void js_destroy(void *js) { pcre2_jit_stack_free(js); }

static void js_init(void) { pthread_key_create(&js_key, js_destroy); }

static pcre2_jit_stack *js_take(void)
{
    pthread_once(&js_once, js_init);
    pcre2_jit_stack *js = pthread_getspecific(js_key);
    if (js) {
        pthread_setspecific(js_key, NULL);
        return js;
    }
    return pcre2_jit_stack_create(32 * 1024, 512 * 1024, NULL);
}

static void js_give_back(pcre2_jit_stack *js)
{
    if (js && !pthread_getspecific(js_key) && pthread_setspecific(js_key, js) == 0)
        return;
    pcre2_jit_stack_free(js);
}

ann_dates *ann_dates_new(const ann_date_rules *r, const char *dct)
{
    ann_dates *st = ann_xcalloc(1, sizeof *st);
    st->r = r;
    st->md = pcre2_match_data_create(r->maxgroups + 1, NULL);
    st->mc = pcre2_match_context_create(NULL);
    st->js = r->jit ? js_take() : NULL;     /* the interpreter needs none */
    if (!st->md || !st->mc || (r->jit && !st->js)) {
        fputs("annotate: out of memory\n", stderr);
        exit(2);
    }
    if (st->js)
        pcre2_jit_stack_assign(st->mc, NULL, st->js);
    st->cand = ann_xcalloc(r->pre.setw ? r->pre.setw : 1, sizeof *st->cand);
    tx_anchor_start(st, dct);
    return st;
}

void ann_dates_free(ann_dates *st)
{
    if (!st)
        return;
    pcre2_match_data_free(st->md);
    pcre2_match_context_free(st->mc);
    if (st->js)
        js_give_back(st->js);
    free(st->cand);
    free(st);
}

/* Try, in file order, every rule the rule index allows at pos
 * (m->st->cand); the first that matches and whose value is not vetoed
 * wins. */
static int try_rules(tx_match *m, size_t pos)
{
    const ann_date_rules *r = m->st->r;
    const uint64_t *cand = m->st->cand;
    for (size_t k = 0; k < r->pre.setw; k++) {
        uint64_t bits = cand[k];
        while (bits) {
            size_t i = k * 64 + (size_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            const tx_rule *ru = &r->rules[i];
            if (!tx_must_ok(&r->must[i], (const unsigned char *)m->text, pos, m->we))
                continue;               /* none of what its matches contain */
            int rc = tx_rule_jit(r, ru)
                ? pcre2_jit_match(ru->re, (PCRE2_SPTR)m->text, m->we, pos, 0,
                                  m->st->md, m->st->mc)
                : pcre2_match(ru->re, (PCRE2_SPTR)m->text, m->we, pos, 0,
                              m->st->md, m->st->mc);
            if (rc > 0 && tx_normalize(m, ru, pcre2_get_ovector_pointer(m->st->md)))
                return 1;
        }
    }
    return 0;
}

/* The byte classes of the scan, ASCII as isalnum() and isalpha() are in
 * the C locale (the tool never sets another), one load per byte. */
enum { B_ALPHA = 1, B_DIGIT = 2, B_UNDER = 4, B_APOS = 8 };

#define BC(c) ((((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z' ? B_ALPHA : 0) | \
               ((c) >= '0' && (c) <= '9' ? B_DIGIT : 0) | \
               ((c) == '_' ? B_UNDER : 0) | ((c) == '\'' || (c) == 0xE2 ? B_APOS : 0))
#define BC4(c) BC(c), BC((c) + 1), BC((c) + 2), BC((c) + 3)
#define BC16(c) BC4(c), BC4((c) + 4), BC4((c) + 8), BC4((c) + 12)
#define BC64(c) BC16(c), BC16((c) + 16), BC16((c) + 32), BC16((c) + 48)
static const unsigned char bclass[256] = {BC64(0), BC64(64), BC64(128), BC64(192)};
#undef BC
#undef BC4
#undef BC16
#undef BC64

/* The bytes of [A-Za-z0-9_], which no rule's match may follow. */
static int ascii_wordc(unsigned char c)
{
    return bclass[c] & (B_ALPHA | B_DIGIT | B_UNDER);
}

/* Try the rules that can start at pos, a word start where a rule may
 * begin (a letter, a digit, an apostrophe) and the filters let a rule
 * start (tx_trie_maybe); 1 when a date was found. */
static int try_at(tx_match *m, size_t pos)
{
    const unsigned char *t = (const unsigned char *)m->text;
    if (t[pos] == 0xE2 && !(pos + 2 < m->we && t[pos + 1] == 0x80 && t[pos + 2] == 0x99))
        return 0;                       /* only ’ of the bytes from E2 */
    if (!tx_trie_possible(&m->st->r->pre, t + pos, m->we - pos, m->st->cand))
        return 0;
    return try_rules(m, pos);
}

/* Of the word starts base + i (bit i of starts), those the filters let a
 * rule start at.  Most fail the first: each filter runs on all the starts
 * at once, into a mask, where a branch per start would mispredict. */
static uint64_t filter_starts(const tx_trie *tr, const unsigned char *t,
                              size_t base, size_t end, uint64_t starts)
{
    uint64_t go = 0, deep = 0;
    for (uint64_t s = starts; s; s &= s - 1) {
        size_t i = (size_t)__builtin_ctzll(s);
        if (base + i + 8 > end) {       /* near the window's end: the walk tells */
            go |= (uint64_t)1 << i;
            continue;
        }
        uint64_t v = tx_trie_first3(tr, t + base + i);
        go |= (v >> 1) << i;
        deep |= (v & 1) << i;
    }
    for (uint64_t s = deep & ~go; s; s &= s - 1) {
        size_t i = (size_t)__builtin_ctzll(s);
        go |= (uint64_t)tx_trie_deep(tr, t + base + i) << i;
    }
    return go;
}

/* The bytes of t[0..64) as bit masks, bit i for t[i]: *may the letters,
 * digits and apostrophes (' and the first byte of ’), where a rule may
 * begin; *word the bytes of [A-Za-z0-9_], which no rule may follow.  A
 * loop per byte (and per word) mispredicts its exit at every word; these
 * masks are made without a branch. */
#ifdef ANN_SSE2
static void classify64(const unsigned char *t, uint64_t *may, uint64_t *word)
{
    const __m128i low = _mm_set1_epi8(0x20), under = _mm_set1_epi8('_');
    const __m128i apos = _mm_set1_epi8('\''), e2 = _mm_set1_epi8((char)0xE2);
    /* c in [lo, lo+n) as c + 128 - lo < -128 + n, signed */
    const __m128i abias = _mm_set1_epi8((char)(128 - 'a')), alim = _mm_set1_epi8((char)(-128 + 26));
    const __m128i dbias = _mm_set1_epi8((char)(128 - '0')), dlim = _mm_set1_epi8((char)(-128 + 10));
    uint64_t m = 0, w = 0;
    for (unsigned k = 0; k < 64; k += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + k));
        __m128i a = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(x, low), abias), alim);
        __m128i d = _mm_cmplt_epi8(_mm_add_epi8(x, dbias), dlim);
        __m128i ad = _mm_or_si128(a, d);
        __m128i q = _mm_or_si128(_mm_cmpeq_epi8(x, apos), _mm_cmpeq_epi8(x, e2));
        m |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(ad, q)) << k;
        w |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(ad, _mm_cmpeq_epi8(x, under))) << k;
    }
    *may = m;
    *word = w;
}
#else
/* A letter, a digit or the start of an apostrophe: where a rule may begin. */
static int may_start(unsigned char c)
{
    return bclass[c] & (B_ALPHA | B_DIGIT | B_APOS);
}

static void classify64(const unsigned char *t, uint64_t *may, uint64_t *word)
{
    uint64_t m = 0, w = 0;
    for (unsigned k = 0; k < 64; k++) {
        m |= (uint64_t)(may_start(t[k]) != 0) << k;
        w |= (uint64_t)(ascii_wordc(t[k]) != 0) << k;
    }
    *may = m;
    *word = w;
}
#endif

/* Every word start of the window where a rule may begin (a letter, a
 * digit, an apostrophe after no [A-Za-z0-9_]: the (?<![A-Za-z0-9_]) that
 * wraps every rule) is tried, but those inside a date found.  The text is
 * taken 64 bytes at a time, its word starts found as bits. */
void ann_dates_window(ann_dates *st, ann_window *w)
{
    if (!st || !w || w->n == 0)
        return;
    const unsigned char *t = (const unsigned char *)w->text;
    tx_match m;
    memset(&m, 0, sizeof m);
    m.st = st;
    m.text = w->text;
    m.ws = w->tok[0].start;
    m.we = w->tok[w->n - 1].end;
    size_t pos = m.ws;
    uint64_t prev = pos > 0 && ascii_wordc(t[pos - 1]);
    while (pos < m.we) {
        size_t base = pos, len = m.we - pos < 64 ? m.we - pos : 64;
        uint64_t may, word;
        if (len == 64) {
            classify64(t + base, &may, &word);
        } else {                        /* not past the text's end */
            unsigned char tail[64] = {0};
            memcpy(tail, t + base, len);
            classify64(tail, &may, &word);
        }
        uint64_t starts = may & ~(word << 1 | prev);
        prev = word >> 63;
        pos = base + len;
        starts = filter_starts(&st->r->pre, t, base, m.we, starts);
        while (starts) {
            size_t p = base + (size_t)__builtin_ctzll(starts);
            starts &= starts - 1;
            if (!try_at(&m, p) || m.me <= m.ms)
                continue;
            ann_span sp = {m.ds, m.de};
            ann_doc_add_date(w->doc, sp, m.type, m.value);
            if (m.e2) {                 /* the end of a range */
                ann_span sp2 = {m.s2, m.e2};
                ann_doc_add_date(w->doc, sp2, m.type, m.value2);
            }
            if (m.me >= base + len) {   /* on after the date */
                pos = m.me;
                prev = ascii_wordc(t[pos - 1]) != 0;
                break;
            }
            starts &= ~(uint64_t)0 << (m.me - base);
        }
    }
}
