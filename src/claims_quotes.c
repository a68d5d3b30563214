/*
 * claims_quotes.c - pairs quotation marks in one linear pass.
 *
 * Double marks pair with double marks, single with single (a single pair
 * may sit inside a double one).  A quotation may run over paragraphs only
 * the way typesetters write it, with the same opening mark repeated at the
 * start of each new paragraph; a mark still open at the end of a paragraph that
 * is not continued that way is unbalanced and pairs with nothing, so a lost
 * closing mark never swallows the rest of the document.
 */

#include <string.h>

#include "ann.h"
#include "claims_int.h"

/* Paragraphs one quotation may span with repeated opening marks: long
 * speeches run to several, a runaway never goes further. */
#define MAX_QUOTE_PARAS 8

static void pair(cl_view *v, size_t a, size_t b)
{
    v->mate[a] = b;
    v->mate[b] = a;
}

/* A mark with space on both sides ("… outreach,' \" he told"), or with
 * only punctuation after it, opens nothing. */
static int floating(const cl_view *v, size_t i)
{
    return i + 1 >= v->n || (v->t[i + 1].flags & (ANN_TF_SPACE_BEFORE | ANN_TF_LINE_START)) ||
           v->t[i + 1].kind == ANN_TOK_PUNCT;
}

/* Are the marks at a and b the same character?  A quotation typed with
 * straight marks is not continued by a paragraph opening with a curly one. */
static int same_mark(const cl_view *v, size_t a, size_t b)
{
    size_t n = v->t[a].end - v->t[a].start;
    return v->t[b].end - v->t[b].start == n &&
           memcmp(v->text + v->t[a].start, v->text + v->t[b].start, n) == 0;
}

/* Does the paragraph at i go on with the sentence before it, a blank line
 * dropped into it ("Hopefully, the¶¶first attempts …", "According to¶¶my
 * personal expectations")?  A quotation open there goes on too. */
static int broken_sentence(const cl_view *v, size_t i)
{
    return i > 0 && v->t[i].kind == ANN_TOK_WORD && (v->t[i].flags & ANN_TF_LOWER) &&
           (v->t[i - 1].kind == ANN_TOK_WORD || ann_tok_is(v->text, &v->t[i - 1], ","));
}

/* Only the view's hot tokens are looked at: they hold every quotation
 * mark and paragraph start.  The view has no pairs yet (mate CL_NONE). */
void cl_pair_quotes(cl_view *v)
{
    size_t od = CL_NONE, os = CL_NONE;   /* the open double / single mark */
    size_t paras = 0;                     /* paragraphs od has run over */
    for (size_t h = 0; h < v->nhot; h++) {
        size_t i = v->hot[h];
        const ann_token *t = &v->t[i];
        int isq = t->kind == ANN_TOK_QUOTE;
        int single = (t->flags & ANN_TF_SINGLE_Q) != 0;
        if (t->flags & ANN_TF_PARA_START) {
            os = CL_NONE;
            if (od != CL_NONE) {
                if (isq && !single && (t->flags & ANN_TF_QOPEN) && same_mark(v, od, i) &&
                    ++paras < MAX_QUOTE_PARAS)
                    continue;    /* the quotation goes on: mark inside it */
                if (broken_sentence(v, i) && ++paras < MAX_QUOTE_PARAS)
                    continue;    /* "Hopefully, the¶¶first attempts …" */
                od = CL_NONE;
            }
        }
        if (!isq)
            continue;
        if (single) {
            if (t->flags & ANN_TF_QOPEN)
                os = i;
            else if (os != CL_NONE) {
                pair(v, os, i);
                os = CL_NONE;
            }
            continue;
        }
        if (t->flags & ANN_TF_QOPEN) {
            /* An opening mark while one is open: glued to the word before
             * it, or standing apart from both words ("outreach,' \" he
             * told"), it is a closing mark typed the wrong way; otherwise
             * the earlier mark was the stray one. */
            if (od != CL_NONE && (!(t->flags & ANN_TF_SPACE_BEFORE) || floating(v, i))) {
                pair(v, od, i);
                od = os = CL_NONE;
            } else {
                od = i;
                paras = 0;
            }
        } else if (od != CL_NONE) {
            pair(v, od, i);
            od = os = CL_NONE;
        }
    }
}
