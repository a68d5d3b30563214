/*
 * reader_html_encoding.c - a page's bytes made UTF-8 before the parser
 * sees them, so that libxml2 never guesses.  The order is the one that is
 * right most often: a byte order mark; bytes that are valid UTF-8 (a page
 * saved from a browser is UTF-8 whatever its <meta> still says: valid
 * UTF-8 wins over a declaration it contradicts); the declared charset;
 * windows-1252, the web's default.  Whatever is not decodable becomes
 * U+FFFD, and the decision is told when it overrules the page.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reader_html.h"
#include "utf8.h"

/* Non-ASCII sequences in s: how many, and how many are invalid UTF-8.
 * ASCII is passed eight bytes a step: markup is nearly all of a page. */
static void utf8_census(const char *s, size_t n, size_t *multi, size_t *bad)
{
    *multi = *bad = 0;
    for (size_t i = 0; i < n;) {
        uint64_t w;
        if (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080ull))) {
            i += 8;
            continue;
        }
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t at = i;
        uint32_t c = ann_utf8_next(s, n, &i);
        (*multi)++;
        if (c == ANN_REPLACEMENT && !(i - at == 3 && !memcmp(s + at, "\xEF\xBF\xBD", 3)))
            (*bad)++;
    }
}

/* The charset a <meta> declares in the first 4 KB ("charset=x" in either
 * form), lowercased into out; "" if none. */
static void declared(const char *s, size_t n, char *out, size_t cap)
{
    out[0] = '\0';
    size_t look = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 8 < look; i++) {
        if ((s[i] | 0x20) != 'c' || strncasecmp(s + i, "charset", 7))
            continue;
        size_t j = i + 7;
        while (j < look && s[j] == ' ')
            j++;
        if (j >= look || s[j] != '=')
            continue;
        while (j < look && (s[j] == ' ' || s[j] == '=' || s[j] == '"' || s[j] == '\''))
            j++;
        size_t k = 0;
        while (j < look && k + 1 < cap &&
               ((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z' ? 1 : (s[j] >= '0' && s[j] <= '9') ||
                s[j] == '-' || s[j] == '_' || s[j] == ':' || s[j] == '.'))
            out[k++] = (char)(s[j] >= 'A' && s[j] <= 'Z' ? s[j] + 32 : s[j]), j++;
        out[k] = '\0';
        if (k)
            return;
    }
}

static int is_utf8_name(const char *e)
{
    return !strcmp(e, "utf-8") || !strcmp(e, "utf8");
}

/* Latin-1 and ASCII labels mean windows-1252 on the web (WHATWG). */
static const char *iconv_name(const char *e)
{
    if (!*e || !strcmp(e, "iso-8859-1") || !strcmp(e, "latin1") || !strcmp(e, "latin-1") ||
        !strcmp(e, "us-ascii") || !strcmp(e, "ascii") || !strcmp(e, "iso8859-1"))
        return "WINDOWS-1252";
    if (!strcmp(e, "gb2312") || !strcmp(e, "gbk"))
        return "GB18030";
    return e;
}

/* Append s[0..n) converted from the charset to UTF-8; 0 if iconv does not
 * know the charset.  An undecodable byte becomes U+FFFD and is counted. */
static int convert(ann_buf *out, const char *charset, const char *s, size_t n, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return 0;
    char *in = (char *)s;
    size_t left = n;
    ann_grow((void **)&out->p, &out->cap, out->len + n * 2 + 16, 1);
    while (left > 0) {
        char *o = out->p + out->len;
        size_t room = out->cap - out->len - 1;
        size_t r = iconv(cd, &in, &left, &o, &room);
        out->len = (size_t)(o - out->p);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            ann_grow((void **)&out->p, &out->cap, out->cap + left * 2 + 16, 1);
        } else {    /* EILSEQ or EINVAL: one byte lost */
            ann_buf_add(out, "\xEF\xBF\xBD", 3);
            in++;
            left--;
            (*bad)++;
        }
    }
    iconv_close(cd);
    ann_buf_add(out, "", 0);
    return 1;
}

/* Valid UTF-8 copied, each invalid sequence replaced with U+FFFD. */
static void repair(ann_buf *out, const char *s, size_t n)
{
    ann_grow((void **)&out->p, &out->cap, n + n / 8 + 16, 1);
    for (size_t i = 0; i < n;) {
        size_t run = i;
        while (i < n && (unsigned char)s[i] < 0x80)
            i++;
        ann_buf_add(out, s + run, i - run);
        if (i >= n)
            break;
        size_t at = i;
        uint32_t c = ann_utf8_next(s, n, &i);
        if (c == ANN_REPLACEMENT && !(i - at == 3 && !memcmp(s + at, "\xEF\xBF\xBD", 3)))
            ann_buf_add(out, "\xEF\xBF\xBD", 3);
        else
            ann_buf_add(out, s + at, i - at);
    }
    ann_buf_add(out, "", 0);
}

char *ann_html_utf8(const char *s, size_t n, size_t *len, char *note, size_t notelen)
{
    ann_buf out = {0};
    note[0] = '\0';
    char decl[40];
    declared(s, n, decl, sizeof decl);
    if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) {
        repair(&out, s + 3, n - 3);
        *len = out.len;
        return out.p;
    }
    size_t bad = 0, multi = 0;
    if (n >= 2 && (!memcmp(s, "\xFF\xFE", 2) || !memcmp(s, "\xFE\xFF", 2)) &&
        convert(&out, s[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE", s + 2, n - 2, &bad)) {
        *len = out.len;
        return out.p;
    }
    utf8_census(s, n, &multi, &bad);
    /* Valid UTF-8 with some non-ASCII: UTF-8, whatever is declared.  A
     * declared UTF-8 page with a few bad bytes stays UTF-8 too; one whose
     * non-ASCII is mostly invalid was saved in another encoding. */
    int utf8 = bad == 0 || (bad * 4 < multi && (!decl[0] || is_utf8_name(decl)));
    if (utf8) {
        if (bad == 0 && multi > 0 && decl[0] && !is_utf8_name(decl))
            snprintf(note, notelen, "the page declares charset %s but is valid UTF-8: read as UTF-8",
                     decl);
        else if (bad)
            snprintf(note, notelen,
                     "%zu invalid UTF-8 sequence%s replaced with U+FFFD", bad, bad == 1 ? "" : "s");
        if (bad == 0) {     /* nothing to repair: the bytes as they are */
            ann_buf_add(&out, s, n);
            *len = out.len;
            return out.p;
        }
        repair(&out, s, n);
        *len = out.len;
        return out.p;
    }
    const char *cs = is_utf8_name(decl) ? "WINDOWS-1252" : iconv_name(decl);
    size_t lost = 0;
    if (!convert(&out, cs, s, n, &lost)) {
        snprintf(note, notelen, "unknown charset %s: read as windows-1252", decl);
        convert(&out, "WINDOWS-1252", s, n, &lost);
    } else if (is_utf8_name(decl)) {
        snprintf(note, notelen, "the page declares UTF-8 but is not (%zu of %zu non-ASCII "
                 "sequences invalid): read as windows-1252", bad, multi);
    }
    if (lost && !note[0])
        snprintf(note, notelen, "%zu byte%s not valid in %s replaced with U+FFFD", lost,
                 lost == 1 ? "" : "s", cs);
    *len = out.len;
    return out.p;
}
