/*
 * entities_mend.c - the mends of the tagger's labels, before names are
 * made of them.  The tagger reads a window token by token and errs in ways
 * that rules can see: a name run on into the next ("House and Senate",
 * "U.S. Chamber of Commerce and"), cut short at an initial or a particle
 * ("Hubertus von Gruenberg"), a title or a place read into a person's name
 * ("Sindh Chief Minister"), an e-mail address or a party tag read as a
 * name.  Each mend is one such construction, and tests/test_entities.c
 * forces the misreading it is for (its misreadings table), so that a
 * retrained model does not hide a broken mend.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ann.h"
#include "entities_int.h"
#include "meta.h"
#include "tagger.h"

/* Label tokens [a, b) one person's name. */
static void label_person(uint8_t *labels, size_t a, size_t b)
{
    labels[a] = (uint8_t)tg_label(TG_PER, 0);
    for (size_t k = a + 1; k < b; k++)
        labels[k] = (uint8_t)tg_label(TG_PER, 1);
}

/* Whether token i is an initial: one capital letter and its period. */
int en_is_initial(const ann_window *w, size_t i)
{
    const ann_token *t = &w->tok[i];
    return t->end - t->start == 2 && w->text[t->start] >= 'A' && w->text[t->start] <= 'Z' &&
           w->text[t->start + 1] == '.';
}

/* Whether token i is "and", "or" or "&". */
static int is_conjunction(const ann_window *w, size_t i)
{
    return ann_tok_is(w->text, &w->tok[i], "and") || ann_tok_is(w->text, &w->tok[i], "or") ||
           ann_tok_is(w->text, &w->tok[i], "&");
}

/* Whether a name cannot go on from token i - 1 to token i: a tab (a
 * table's cells) or a paragraph break between, or a line break in text
 * taken from a page, whose lines are its blocks (plain text may be
 * wrapped inside a sentence). */
static int name_break(const ann_window *w, size_t i)
{
    const ann_token *t = &w->tok[i];
    if (t->flags & ANN_TF_PARA_START)
        return 1;
    if ((t->flags & ANN_TF_LINE_START) && w->doc->extracted_from &&
        !strcmp(w->doc->extracted_from, "html"))
        return 1;
    return memchr(w->text + w->tok[i - 1].end, '\t', t->start - w->tok[i - 1].end) != NULL;
}

/* The run of text without white space or brackets that byte p stands
 * in: where it starts, looked for at most max bytes back, and where it
 * ends (also at a comma), at most max bytes on.  Web and e-mail addresses
 * and party tags are such runs. */
size_t en_text_run_start(const char *x, size_t p, size_t max)
{
    size_t b = p;
    while (b > 0 && p - b < max && x[b - 1] != ' ' && x[b - 1] != '\n' && x[b - 1] != '\t' &&
           x[b - 1] != '(' && x[b - 1] != '<')
        b--;
    return b;
}

static size_t text_run_end(const char *x, size_t p, size_t max)
{
    size_t e = p;
    while (x[e] && e - p < max && x[e] != ' ' && x[e] != '\n' && x[e] != '\t' && x[e] != ')' &&
           x[e] != '>' && x[e] != ',')
        e++;
    return e;
}

/* Whether token i is part of an e-mail address: an "@" in its run of
 * text ("tobias.ellwood.mp@parliament.uk"). */
static int in_address(const ann_window *w, size_t i)
{
    size_t p = w->tok[i].start, b = en_text_run_start(w->text, p, 100), e = text_run_end(w->text, p, 200);
    return memchr(w->text + b, '@', e - b) != NULL;
}

/* The first "@" of a window's text at or after a point that only moves
 * forward: in_address reads the run around a token, up to 100 bytes back
 * and 200 on, and most tokens have no "@" so near (most windows none at
 * all), where the run need not be read (it was 0.9% of the run's
 * instructions, at every labelled token). */
typedef struct at_scan {
    const char *x;
    size_t hi;                 /* the end of the text looked at */
    size_t pos;                /* the first "@" at or after the last point asked, or hi */
} at_scan;

static at_scan at_scan_of(const ann_window *w)
{
    at_scan a = {w->text, 0, 0};
    if (w->n) {
        size_t hi = w->tok[w->n - 1].start + 200;
        a.hi = hi < w->doc->len ? hi : w->doc->len;
        a.pos = w->tok[0].start > 100 ? w->tok[0].start - 100 : 0;
        const char *q = a.pos < a.hi ? memchr(a.x + a.pos, '@', a.hi - a.pos) : NULL;
        a.pos = q ? (size_t)(q - a.x) : a.hi;
    }
    return a;
}

/* in_address, for tokens asked in order of position. */
static int in_address_at(at_scan *a, const ann_window *w, size_t i)
{
    size_t p = w->tok[i].start, lo = p > 100 ? p - 100 : 0;
    if (a->pos < lo) {
        const char *q = lo < a->hi ? memchr(a->x + lo, '@', a->hi - lo) : NULL;
        a->pos = q ? (size_t)(q - a->x) : a->hi;
    }
    return a->pos < a->hi && a->pos < p + 200 && in_address(w, i);
}

/* Whether token i is in a party and state tag ("Paul Ryan, R-Wis.,",
 * "(D-Calif.)", "R-S.C."): a run of text that opens with R, D or I, a
 * hyphen and a capital, twelve bytes at most. */
static int in_party_tag(const ann_window *w, size_t i)
{
    const char *x = w->text;
    size_t b = en_text_run_start(x, w->tok[i].start, 12);
    /* the run's opening first: most runs are no tag, and their end need
     * not be looked for (this, at every labelled token, was 0.5% of the
     * run's CPU time) */
    if (!((x[b] == 'R' || x[b] == 'D' || x[b] == 'I') && x[b + 1] == '-' && x[b + 2] >= 'A' &&
          x[b + 2] <= 'Z'))
        return 0;
    return text_run_end(x, b, 13) - b <= 12;
}

/* Whether token i is a contraction ("We've", "They’re", "I'll", "Don't"):
 * a word whose tail after an apostrophe (' or ’) is ll, ve, re, m, d or
 * t; "O'Neill" and "D'Souza" go on in capitals. */
static int is_contraction(const ann_window *w, size_t i)
{
    const ann_token *t = &w->tok[i];
    const char *x = w->text;
    size_t e = t->end, k = e;
    while (k > t->start && x[k - 1] >= 'a' && x[k - 1] <= 'z' && e - k < 2)
        k--;
    size_t tail = e - k;
    if (tail == 0 || k == t->start)
        return 0;
    int apos = x[k - 1] == '\'' ||
               (k >= t->start + 3 && !memcmp(x + k - 3, "\xE2\x80\x99", 3));
    if (!apos)
        return 0;
    return (tail == 2 && (!memcmp(x + k, "ll", 2) || !memcmp(x + k, "ve", 2) || !memcmp(x + k, "re", 2))) ||
           (tail == 1 && (x[k] == 'm' || x[k] == 'd' || x[k] == 't'));
}

/* Whether the name before token i is a person's ("Mary" + "J. Blige"),
 * or a given name alone of any type the model gave it ("Leon" + "E.
 * Panetta", read as two places; "David" + "Greenberg", an organization
 * and a person, after a line that names a university). */
static int given_before(const tinfo *ti, const uint8_t *labels, size_t i)
{
    if (tg_type(labels[i - 1]) == TG_PER)
        return 1;
    return !tg_inside(labels[i - 1]) && (ti[i - 1].f & (TI_GIVEN | TI_WEAK_GIVEN)) == TI_GIVEN;
}

/* Whether token j goes on with a firm's name: "&" or an organization's
 * head ("Edward D. Jones & Co", "Charles E. Smith Residential"). */
int en_firm_after(const ann_window *w, const tinfo *ti, size_t j)
{
    return j < w->n && (ann_tok_is(w->text, &w->tok[j], "&") || (ti[j].f & TI_ORGHEAD));
}

/* The mends of names the model gets wrong, at labelled token i.  "Mary
 * J. Blige", "Benjamin J. Rhodes": a person's name that goes on after a
 * space with an initial and more of a name is one name; the model learned
 * from wire text, where an initial mostly opens a name ("J. Ortiz" in a
 * result line), and started a second name there, of any type.  "Mr.
 * Podesta and Todd Stern": a person's name has no "and" inside (a firm's
 * may: "Procter and Gamble", a country's: "Trinidad and Tobago").  No name
 * goes on over a name_break ("Aldridge-Brownhills<TAB>Wendy Morton") or
 * has an e-mail address ("Tobias Ellwood tobias.ellwood.mp@parliament.uk"),
 * a contraction ("We've") or a party and state tag ("R-Wis.") in it. */
static void mend_at(const ann_window *w, const tinfo *ti, uint8_t *labels, size_t i, at_scan *at)
{
    int t = tg_type(labels[i]);
    if (in_address_at(at, w, i) || is_contraction(w, i) || in_party_tag(w, i)) {
        labels[i] = TG_O;
        if (i + 1 < w->n && tg_inside(labels[i + 1]))
            labels[i + 1] = (uint8_t)tg_label(tg_type(labels[i + 1]), 0);
        return;
    }
    if (i == 0)
        return;
    if (tg_inside(labels[i]) && name_break(w, i))
        labels[i] = (uint8_t)tg_label(t, 0);
    if (i + 1 >= w->n)
        return;
    if (!tg_inside(labels[i]) && w->tok[i].start == w->tok[i - 1].end + 1 &&
        w->text[w->tok[i - 1].end] == ' ' && given_before(ti, labels, i) &&
        !en_firm_after(w, ti, tg_span_end(labels, i, w->n)) &&
        ((en_is_initial(w, i) && tg_inside(labels[i + 1]) && tg_type(labels[i + 1]) == t) ||
         (t == TG_PER && tg_type(labels[i - 1]) != TG_PER && !(ti[i].f & TI_GIVEN) &&
          !ti[i].known && en_capitalized(&w->tok[i])))) {
        size_t j = tg_span_end(labels, i, w->n);
        if (tg_type(labels[i - 1]) != TG_PER)
            labels[i - 1] = (uint8_t)tg_label(TG_PER, 0);
        for (size_t k = i; k < j; k++)
            labels[k] = (uint8_t)tg_label(TG_PER, 1);
    } else if (t == TG_PER && tg_inside(labels[i]) && is_conjunction(w, i)) {
        labels[i] = TG_O;
        if (tg_type(labels[i + 1]) == TG_PER && tg_inside(labels[i + 1]))
            labels[i + 1] = (uint8_t)tg_label(TG_PER, 0);
    }
}

/* "Hold Melania Trump to ...": a listed person's full name inside the
 * name [i, j) of another type is a name of its own, from where it starts; one word before
 * it that a sentence opens, known as no name, is none.  Returns where the
 * person's name starts, or j. */
static size_t person_inside(const ann_window *w, const tinfo *ti, uint8_t *labels, size_t i, size_t j)
{
    if (tg_type(labels[i]) == TG_PER)
        return j;   /* "Begum Khaleda Zia": the model's person holds the name whole */
    for (size_t k = i + 1; k + 1 < j; k++) {
        const ann_match *km = en_match_of(w, ti[k].known);
        if (!km || km->last > j || km->last - km->first < 2 || en_known_class(km) != TG_PER)
            continue;
        if (k - i == 1 && (w->tok[i].flags & (ANN_TF_SENT_START | ANN_TF_LINE_START)) && !ti[i].known)
            labels[i] = TG_O;
        label_person(labels, k, j);
        return k;
    }
    return j;
}

/* Whether [i, j) has an unlisted person's name's shape: two or three
 * title-case words no list holds that open with a given name; strict,
 * none a title, demonym, never-name or common noun either (not "French"
 * "Roman Catholic Bishop"). */
static int person_run(const ann_window *w, const tinfo *ti, size_t i, size_t j, int strict)
{
    if (j - i < 2 || j - i > 3 || (ti[i].f & (TI_GIVEN | TI_WEAK_GIVEN)) != TI_GIVEN ||
        !en_person_shaped(w, ti, i, j))
        return 0;
    for (size_t k = i; k < j; k++)
        if (ti[k].known ||
            (strict && (ti[k].title || (ti[k].f & (TI_DEMONYM | TI_NONNAME | TI_COMMON)))))
            return 0;
    return 1;
}

/* "Treasurer" + "Josh Frydenberg", read as an organization and a
 * miscellaneous name: a person's name (person_run) right after a title is
 * the person's, and the title is its role, no name.  Whether [i, j) is
 * such and was relabelled. */
static int misc_person(const ann_window *w, const tinfo *ti, uint8_t *labels, size_t i, size_t j)
{
    if (!person_run(w, ti, i, j, 0))
        return 0;
    size_t q = i;
    const ann_match *tm = NULL;
    while (q > 0 && i - q < 4 && !(tm && tm->last == i))
        tm = en_match_of(w, ti[--q].title);
    if (!tm || tm->last != i)
        return 0;
    for (size_t k = q; k < i; k++)
        labels[k] = TG_O;
    label_person(labels, i, j);
    return 1;
}

/* "Democrat Walter Mondale", "Briton Tim Henman", read as one
 * miscellaneous name: a party member's word or a demonym, then a person's
 * name (person_run, strict), are the word (no name) and the person's
 * name.  Whether [i, j) is such and was relabelled. */
static int member_person(const ann_window *w, const tinfo *ti, uint8_t *labels, size_t i, size_t j)
{
    if (!(ti[i].f & (TI_MEMBER | TI_DEMONYM)) || ti[i].known || !person_run(w, ti, i + 1, j, 1))
        return 0;
    label_person(labels, i + 1, j);
    return 1;
}

/* "International Trade Secretary Liz Truss", "Cambridge Police
 * Commissioner Christine Elow": a name the model ran on over a title and
 * a given name is two, an office's and a person's; the title between is
 * the person's role, no name.  "President" + "Xi", read as two persons:
 * a title alone before a person is the person's role.  Then a listed
 * person inside a name (person_inside) is a name of its own. */
static void split_at_titles(const ann_window *w, const tinfo *ti, uint8_t *labels, size_t from,
                            size_t to)
{
    for (size_t i = from; i < to; i++) {
        if (!labels[i] || tg_inside(labels[i]))
            continue;
        size_t j = tg_span_end(labels, i, w->n);
        if (tg_type(labels[i]) == TG_MISC &&
            (misc_person(w, ti, labels, i, j) || member_person(w, ti, labels, i, j)))
            continue;
        const ann_match *whole = en_match_of(w, ti[i].title);
        if (whole && whole->last == j && tg_type(labels[i]) == TG_PER && j < w->n &&
            tg_type(labels[j]) == TG_PER && !tg_inside(labels[j]) && !(ti[i].f & TI_GIVEN)) {
            for (size_t q = i; q < j; q++)
                labels[q] = TG_O;
            i = j - 1;
            continue;
        }
        for (size_t k = i + 1; k + 1 < j; k++) {
            const ann_match *tm = en_match_of(w, ti[k].title);
            if (!tm || tm->last + 1 >= j || !(ti[tm->last].f & TI_GIVEN))
                continue;
            for (size_t q = k; q < tm->last; q++)
                labels[q] = TG_O;
            label_person(labels, tm->last, j);
            break;
        }
        size_t e = tg_span_end(labels, i, w->n), inner = person_inside(w, ti, labels, i, e);
        i = (inner < e ? inner : e) - 1;   /* on with the next name */
    }
}

/* "Kharkiv" + "Institute for Regional Studies", read as a place and an
 * organization: a place written right before an organization's head and
 * its connector ("Institute for", "School of") is the start of the
 * organization's name ("London School of Economics").  Not a country or
 * an abbreviation ("U.S. Department of Justice", "Ukraine Ministry of
 * Defence": a country's body, the country a mention of its own). */
static void place_opens_org(const ann_window *w, const tinfo *ti, uint8_t *labels, size_t i,
                            size_t to)
{
    while (i < to) {
        size_t j = tg_span_end(labels, i, w->n);
        if (tg_type(labels[i]) == TG_LOC && j + 1 < to && tg_type(labels[j]) == TG_ORG &&
            !tg_inside(labels[j]) && (ti[j].f & TI_ORGHEAD) && (ti[j + 1].f & TI_CONNECTOR) &&
            tg_inside(labels[j + 1]) && w->tok[j].start == w->tok[j - 1].end + 1) {
            int ok = 1;
            for (size_t k = i; k < j && ok; k++) {
                const ann_match *km = en_match_of(w, ti[k].known);
                ok = !(w->tok[k].flags & (ANN_TF_UPPER | ANN_TF_ABBREV)) &&
                     !(km && strcmp(km->kind, "place") != 0);
            }
            if (ok) {
                labels[i] = (uint8_t)tg_label(TG_ORG, 0);
                for (size_t k = i + 1; k <= j; k++)
                    labels[k] = (uint8_t)tg_label(TG_ORG, 1);
                j = tg_span_end(labels, i, w->n);
            }
        }
        i = j;
    }
}

static int bare_initial(const ann_window *w, size_t i);

/* Whether the word at k, inside a person's name on a headline, is a word
 * in lower case: one the document writes so elsewhere, or one news writes
 * so (meta/lowercase.txt: "Says", "Thinks"); not a given name or a
 * listed word. */
static int headline_word(ann_entities *st, const ann_window *w, const tinfo *ti, size_t k)
{
    const ann_token *t = &w->tok[k];
    return !(ti[k].f & TI_GIVEN) && !ti[k].known &&
           (tg_memo_lower(&st->tgmemo, t->lhash) ||
            ann_meta_lowercase(st->e->meta, w->text + t->start, t->end - t->start));
}

/* "Trevor Noah Says", "Paul Ryan Thinks About Donald Trump": on a line in
 * title case (a headline) the model runs a person's name on over the words
 * after it.  After two words of the name that are no initials ("Laurence
 * H. Tribe Says"), a word in lower case (headline_word) is no part of a
 * name, nor are the words after it, but where a listed person's name
 * starts again ("About" "Donald Trump"). */
static void cut_headline_run(ann_entities *st, const ann_window *w, const tinfo *ti,
                             uint8_t *labels, size_t i)
{
    size_t j = tg_span_end(labels, i, w->n), words = 0;
    if (tg_type(labels[i]) != TG_PER || j - i < 3 || !en_title_case_line(st, w, i))
        return;
    int open = 1;
    for (size_t k = i; k < j; k++) {
        const ann_match *km = en_match_of(w, ti[k].known);
        if (!open && km && en_known_class(km) == TG_PER && km->last <= j) {
            labels[k] = (uint8_t)tg_label(TG_PER, 0);
            open = 1;
        } else if (!open || (words >= 2 && headline_word(st, w, ti, k))) {
            labels[k] = TG_O;
            open = 0;
        }
        words += !en_is_initial(w, k) && !bare_initial(w, k);
    }
}

/* Whether tokens [a, b) are the lower-case particles of a person's name
 * ("von", "van der", "bin"; meta/particles.txt), each a space after the
 * token before it. */
static int particles_at(ann_entities *st, const ann_window *w, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++) {
        const ann_token *t = &w->tok[k];
        /* a lower-case word first: asked before every capitalized word,
         * the lookup (which turns long words away unhashed) was 1% of
         * the run's instructions before this test */
        if (!(t->flags & ANN_TF_LOWER) || t->start != w->tok[k - 1].end + 1 ||
            w->text[t->start - 1] != ' ' ||
            !ann_meta_particle(st->e->meta, w->text + t->start, t->end - t->start))
            return 0;
    }
    return 1;
}

/* Whether token i is one capital letter written without its period, as
 * Indian and Malaysian papers write initials ("M K Stalin"). */
static int bare_initial(const ann_window *w, size_t i)
{
    const ann_token *t = &w->tok[i];
    return t->end - t->start == 1 && w->text[t->start] >= 'A' && w->text[t->start] <= 'Z';
}

/* "K" + "Chandrashekar Rao", "B S" + "Yediyurappa", "S S" + "Sivasankar":
 * one to three capital letters without periods, then a capitalized word
 * the model read as a person's, or as a miscellaneous name after a letter
 * it read as a person, are one person's name (the model, trained on wire
 * text that writes "K. Chandrashekar", made the letter a person of its
 * own and the rest a thing).  Not before a head ("K Street", "E Award"),
 * a lone "A" or "I", which are words, nor letters after a capitalized
 * word, which belong to its name ("Vitamin A"); a listed name at the
 * letters is the list's. */
static void bare_initials(const ann_window *w, const tinfo *ti, const tg_ctx *c, uint8_t *labels)
{
    for (size_t k = 0; k < c->ncaps; k++) {
        size_t i = c->caps[k], e = i;
        if (!bare_initial(w, i) || ti[i].known || (i > 0 && en_capitalized(&w->tok[i - 1])))
            continue;
        while (e < w->n && e - i < 3 && bare_initial(w, e) && e + 1 < w->n && !name_break(w, e + 1))
            e++;
        if (e >= w->n || bare_initial(w, e) || !labels[e] || tg_inside(labels[e]) ||
            !(w->tok[e].flags & ANN_TF_TITLE) || (ti[e].f & (TI_ORGHEAD | TI_PLACEHEAD)) ||
            (tg_type(labels[e]) != TG_PER &&
             !(tg_type(labels[e]) == TG_MISC && labels[i] == tg_label(TG_PER, 0))))
            continue;
        char c0 = w->text[w->tok[i].start];
        if (e - i == 1 && (c0 == 'A' || c0 == 'I'))
            continue;
        size_t end = tg_span_end(labels, e, w->n);
        label_person(labels, i, end);
    }
}

/* Whether token i is a person's initials in one token: one to three
 * capital letters, each with its period ("F.", "F.W.", "J.R.R."). */
static int initials_token(const ann_window *w, size_t i)
{
    const ann_token *t = &w->tok[i];
    size_t n = t->end - t->start;
    if (n < 2 || n > 6 || n % 2)
        return 0;
    for (size_t k = 0; k < n; k += 2)
        if (!(w->text[t->start + k] >= 'A' && w->text[t->start + k] <= 'Z') ||
            w->text[t->start + k + 1] != '.')
            return 0;
    return 1;
}

/* "Hubertus" + "von" + "Gruenberg", read as a person and a place;
 * "Alfred von Schlieffen", "Leonardo da Vinci", where the given name or
 * the surname was left out: the model, trained on wire text where such
 * names are rare, ends a name at the particle.  A person's name, or a
 * given name no other list holds, or initials ("F.W." + "de Klerk", the
 * initials read as an organization), then one to three particles, then a
 * capitalized word, is one person's name, with what the model read from
 * that word on. */
static void particle_names(ann_entities *st, const ann_window *w, const tinfo *ti,
                           const tg_ctx *c, uint8_t *labels)
{
    for (size_t q = 0; q < c->ncaps; q++) {
        size_t k = c->caps[q];
        if (tg_type(labels[k]) == TG_PER && tg_inside(labels[k]))
            continue;
        /* the words before k: one to three lower-case ones, then the name;
         * the particles are looked up last, where the rest holds */
        for (size_t m = 1; m <= 3 && m + 1 <= k && (w->tok[k - m].flags & ANN_TF_LOWER); m++) {
            size_t p = k - m - 1;
            if (!en_capitalized(&w->tok[p]) ||
                !(tg_type(labels[p]) == TG_PER ||
                  (!labels[p] && (ti[p].f & (TI_GIVEN | TI_WEAK_GIVEN)) == TI_GIVEN && !ti[p].known) ||
                  (initials_token(w, p) && !ti[p].known)))
                continue;
            if (!particles_at(st, w, k - m, k))
                break;
            size_t s = p, e = labels[k] ? tg_span_end(labels, k, w->n) : k + 1;
            while (s > 0 && tg_inside(labels[s]))
                s--;
            label_person(labels, s, e);
            break;
        }
    }
}

/* The start of the name after the one at i in the run [i, to) of
 * labelled tokens (to when none): a mend that cut a name leaves tokens
 * outside between names. */
static size_t next_name(const uint8_t *labels, size_t i, size_t to, size_t n)
{
    i = tg_span_end(labels, i, n);
    while (i < to && !labels[i])
        i++;
    return i;
}

/* "U.S. Chamber of Commerce and" + "the AFL-CIO": a name the model ran
 * on into a connector before a word it did not take ends before the
 * connector; names end in a word of their own, not in "and", "of" or
 * "de", nor in any word all in lower case ("elevated Ms. Warren in the
 * Senate"), but a firm's legal form ("Barclays plc").  Nor does a
 * person's name of two words or more end in a weekday ("will meet
 * Foreign Minister Jose Miguel Insulza Monday"). */
static void cut_trailing_connectors(const ann_window *w, const tinfo *ti, uint8_t *labels,
                                    size_t i, size_t to)
{
    while (i < to) {
        size_t j = tg_span_end(labels, i, w->n);
        if (j - i >= 3 && tg_type(labels[i]) == TG_PER && (ti[j - 1].f & TI_DAY))
            labels[--j] = TG_O;
        while (j - 1 > i && (((ti[j - 1].f & TI_CONNECTOR) && !en_capitalized(&w->tok[j - 1])) ||
                             ((w->tok[j - 1].flags & ANN_TF_LOWER) && !(ti[j - 1].f & TI_LEGAL))))
            labels[--j] = TG_O;
        i = next_name(labels, i, to, w->n);
    }
}

/* "House and Senate", "House Republicans and Senate Democrats", read as
 * one organization: where the words after an "and" inside a name open a
 * listed name, and no listed name holds the whole ("Bosnia and
 * Herzegovina", "Procter and Gamble" have no listed part after "and"),
 * the "and" joins two names. */
static void split_at_and(const ann_window *w, const tinfo *ti, uint8_t *labels, size_t i,
                         size_t to)
{
    while (i < to) {
        size_t j = tg_span_end(labels, i, w->n);
        const ann_match *whole = en_match_of(w, ti[i].known);
        for (size_t k = i + 1; k + 1 < j && !(whole && whole->last >= j); k++) {
            const ann_match *next = en_match_of(w, ti[k + 1].known);
            if (ann_tok_is(w->text, &w->tok[k], "and") && next && next->last <= j &&
                tg_type(labels[i]) != TG_PER) {
                labels[k] = TG_O;
                labels[k + 1] = (uint8_t)tg_label(tg_type(labels[i]), 0);
                break;
            }
        }
        i = next_name(labels, i, to, w->n);
    }
}

/* The mends, run by run of labelled tokens: a run begins at a
 * capitalized word (tg_decode), so the walk goes from one to the next and
 * steps over the rest, which carry no label. */
void en_mend_labels(ann_entities *st, const ann_window *w, const tinfo *ti, const tg_ctx *c,
                        uint8_t *labels)
{
    size_t done = 0;
    at_scan at = at_scan_of(w);
    for (size_t k = 0; k < c->ncaps; k++) {
        size_t i = c->caps[k], j = i;
        if (i < done || !labels[i])
            continue;
        for (; j < w->n && labels[j]; j++)
            mend_at(w, ti, labels, j, &at);
        place_opens_org(w, ti, labels, i, j);
        split_at_titles(w, ti, labels, i, j);
        cut_trailing_connectors(w, ti, labels, i, j);
        split_at_and(w, ti, labels, i, j);
        for (size_t k = i; k < j; k++)
            if (labels[k] && !tg_inside(labels[k]))
                cut_headline_run(st, w, ti, labels, k);
        done = j;
    }
    particle_names(st, w, ti, c, labels);
    bare_initials(w, ti, c, labels);
}
