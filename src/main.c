/*
 * main.c - the command line: the options, their checks and the usage
 * text, then the run (cli_run.c) into the output (cli_out.c), and the exit
 * status: 0 all annotated, 1 some input unreadable, 2 usage or output
 * trouble.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "timing.h"

static const char usage_text[] =
    "Usage: annotate [OPTION]... [FILE]...\n"
    "Annotate news articles: actors, places, sources, dates (TIMEX3), claims and\n"
    "document metadata, one JSON object per document (JSON Lines) on standard output.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "Output:\n"
    "  -o, --output=FILE        write to FILE instead of standard output\n"
    "      --out-dir=DIR        write one DIR/ID.json per document (atomically)\n"
    "      --force              let --out-dir replace files that exist\n"
    "      --format=FMT         json (default), xml, html, timeml\n"
    "      --pretty             indent the JSON\n"
    "      --with-text          add the document text as doc.text\n"
    "      --line-buffered      flush the output after every document\n"
    "Input:\n"
    "      --input-format=FMT   auto (default), text, html, xml, jsonl\n"
    "      --dct=YYYY-MM-DD     date assumed for documents whose own date is not found\n"
    "Rules:\n"
    "      --rules=PATH         add rules: a folder laid out like the built-in rules\n"
    "                           tree, or one file (.tsv lexicon, .jsonl patterns);\n"
    "                           repeatable\n"
    "      --no-builtin-rules   leave every built-in rule file out\n"
    "Running:\n"
    "  -j, --jobs=N             annotate on N threads (default: number of processors)\n"
    "      --progress           show progress on standard error\n"
    "      --no-progress        never show progress\n"
    "  -q, --quiet              do not print warnings or messages about unreadable input\n"
    "      --timings            print the CPU time of each stage on standard error at the end\n"
    "  -h, --help               show this help and exit\n"
    "  -V, --version            show the version and exit\n"
    "\n"
    "Exit status: 0 if every input was annotated, 1 if some input could not be read\n"
    "(the others are still annotated), 2 on a usage error or when output fails.\n"
    "See annotate(1) for the output format.\n";

static _Noreturn void usage_error(const char *what, const char *arg)
{
    cli_error(NULL, "%s%s%s", what, arg ? ": " : "", arg ? arg : "");
    fputs("Try 'annotate --help' for more information.\n", stderr);
    exit(EXIT_TROUBLE);
}

/* ---- options --------------------------------------------------------------- */

/* Exactly YYYY-MM-DD, a year from 0001 to 9999 and a day of that month:
 * sscanf would take " 999", "+999" or "-001" for a year. */
static int valid_dct(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !(s[i] >= '0' && s[i] <= '9'))
            return 0;
    if (s[10] != '\0')
        return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static ann_input_format parse_in_fmt(const char *s)
{
    static const struct { const char *name; ann_input_format f; } t[] = {
        {"auto", ANN_IN_AUTO}, {"text", ANN_IN_TEXT}, {"txt", ANN_IN_TEXT},
        {"html", ANN_IN_HTML}, {"xml", ANN_IN_XML}, {"jsonl", ANN_IN_JSONL}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (strcmp(s, t[i].name) == 0)
            return t[i].f;
    usage_error("unknown input format (auto, text, html, xml, jsonl)", s);
}

static long parse_jobs(const char *s)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno || *end || n < 1 || n > 1024)
        usage_error("--jobs takes a number from 1 to 1024", s);
    return n;
}

enum { OPT_OUT_DIR = 256, OPT_FORCE, OPT_PRETTY, OPT_DCT, OPT_RULES, OPT_NO_BUILTIN, OPT_FORMAT,
       OPT_INPUT_FORMAT, OPT_WITH_TEXT, OPT_PROGRESS, OPT_NO_PROGRESS, OPT_LINE_BUFFERED,
       OPT_TIMINGS };

static const struct option long_opts[] = {
    {"output", required_argument, 0, 'o'},
    {"out-dir", required_argument, 0, OPT_OUT_DIR},
    {"force", no_argument, 0, OPT_FORCE},
    {"pretty", no_argument, 0, OPT_PRETTY},
    {"dct", required_argument, 0, OPT_DCT},
    {"rules", required_argument, 0, OPT_RULES},
    {"no-builtin-rules", no_argument, 0, OPT_NO_BUILTIN},
    {"format", required_argument, 0, OPT_FORMAT},
    {"input-format", required_argument, 0, OPT_INPUT_FORMAT},
    {"with-text", no_argument, 0, OPT_WITH_TEXT},
    {"line-buffered", no_argument, 0, OPT_LINE_BUFFERED},
    {"jobs", required_argument, 0, 'j'},
    {"progress", no_argument, 0, OPT_PROGRESS},
    {"no-progress", no_argument, 0, OPT_NO_PROGRESS},
    {"quiet", no_argument, 0, 'q'},
    {"timings", no_argument, 0, OPT_TIMINGS},
    {"help", no_argument, 0, 'h'},
    {"version", no_argument, 0, 'V'},
    {0, 0, 0, 0}};

/* The option getopt_long just refused, as the user wrote it: a long one
 * without its "=value", a short one by its letter (in "-rf" the word
 * argv[optind - 1] may still be the one before). */
static const char *option_named(char **argv)
{
    static char buf[64];
    const char *word = argv[optind - 1];
    if (strncmp(word, "--", 2) == 0) {
        size_t n = strcspn(word + 2, "=");
        int known = 0;
        for (const struct option *l = long_opts; l->name; l++)
            if (strlen(l->name) == n && strncmp(l->name, word + 2, n) == 0)
                known = l->val == optopt;
        if (optopt == 0 || known) {
            snprintf(buf, sizeof buf, "%.*s", (int)(n + 2 < 60 ? n + 2 : 60), word);
            return buf;
        }
    }
    snprintf(buf, sizeof buf, "-%c", optopt > 32 && optopt < 127 ? optopt : '?');
    return buf;
}

static void parse_args(int argc, char **argv, cli_options *o)
{
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:j:qhV", long_opts, NULL)) != -1) {
        switch (c) {
        case 'o': o->output = optarg; break;
        case OPT_OUT_DIR: o->out_dir = optarg; break;
        case OPT_FORCE: o->force = 1; break;
        case OPT_PRETTY: o->wopts.pretty = 1; break;
        case OPT_DCT:
            if (!valid_dct(optarg))
                usage_error("--dct takes a date YYYY-MM-DD (year 0001 to 9999)", optarg);
            o->dct = optarg;
            break;
        case OPT_RULES: ANN_PUSH(o->rules, o->nrules, o->caprules, optarg); break;
        case OPT_NO_BUILTIN: o->no_builtin = 1; break;
        case OPT_FORMAT:
            o->writer = ann_writer_find(optarg);
            if (!o->writer)
                usage_error("unknown output format (json, xml, html, timeml)", optarg);
            break;
        case OPT_INPUT_FORMAT: o->in_fmt = parse_in_fmt(optarg); break;
        case OPT_WITH_TEXT: o->wopts.with_text = 1; break;
        case OPT_LINE_BUFFERED: o->line_buffered = 1; break;
        case 'j': o->jobs = parse_jobs(optarg); break;
        case OPT_PROGRESS: o->progress = 1; break;
        case OPT_NO_PROGRESS: o->progress = 0; break;
        case 'q': o->quiet = 1; break;
        case OPT_TIMINGS: ann_timing_on = 1; break;
        case 'h': fputs(usage_text, stdout); exit(0);
        case 'V': printf("annotate %s\n", ANN_VERSION); exit(0);
        case ':': usage_error("option requires an argument", option_named(argv));
        default: usage_error("unknown option", option_named(argv));
        }
    }
    if (o->output && o->out_dir)
        usage_error("--output and --out-dir cannot be used together", NULL);
    if (o->force && !o->out_dir)
        usage_error("--force goes with --out-dir", NULL);
}

/* --timings: every thread's CPU time by stage, the start-up and the waits
 * between documents as "other". */
static void print_timings(void)
{
    double sec[ANN_T_N], all = 0;
    ann_time_totals(sec);
    for (int s = 0; s < ANN_T_N; s++)
        all += sec[s];
    fputs("annotate: CPU time by stage, all threads\n", stderr);
    for (int k = 1; k <= ANN_T_N; k++) {
        int s = k % ANN_T_N;      /* "other" last */
        fprintf(stderr, "  %-14s %9.3fs %6.1f%%\n", ann_time_name(s), sec[s],
                all > 0 ? 100 * sec[s] / all : 0.0);
    }
    fprintf(stderr, "  %-14s %9.3fs\n", "total", all);
}

static long default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > 64 ? 64 : n;
}

/* Each document allocates and frees some megabytes; glibc's default gives
 * the freed top of the heap back to the kernel and takes it again for the
 * next document, page fault by page fault (a third of the CPU time on a
 * batch of news articles).  Keeping up to 64 MB spares that; a block over
 * 32 MB (a huge document) still has its own mapping and leaves with it,
 * so the peak is what the largest document needs, as before. */
static void tune_malloc(void)
{
#ifdef __GLIBC__
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

int main(int argc, char **argv)
{
    tune_malloc();
    cli_options o = {0};
    o.progress = -1;
    o.jobs = 0;
    o.in_fmt = ANN_IN_AUTO;
    o.writer = &ann_writer_json;
    parse_args(argc, argv, &o);
    cli_quiet = o.quiet;
    if (o.jobs == 0)
        o.jobs = default_jobs();
    signal(SIGPIPE, SIG_IGN);
    xmlInitParser();   /* once, before any worker thread parses */

    char err[1024];
    ann_engine *e = ann_engine_new(o.no_builtin, o.rules, o.nrules, err, sizeof err);
    if (!e) {
        cli_error(NULL, "%s", err);
        free(o.rules);
        return EXIT_TROUBLE;
    }
    e->default_dct = o.dct;

    cli_sink s;
    if (cli_sink_open(&s, &o) < 0) {
        ann_engine_free(e);
        free(o.rules);
        return EXIT_TROUBLE;
    }
    char *stdin_only[] = {"-"};
    char **inputs = optind < argc ? argv + optind : stdin_only;
    size_t ninputs = optind < argc ? (size_t)(argc - optind) : 1;
    ann_time(ANN_T_OTHER);    /* start-up */
    int status = cli_run(&o, e, &s, inputs, ninputs);
    ann_time_done();
    if (ann_timing_on)
        print_timings();
    if (cli_sink_close(&s) != 0)
        status = EXIT_TROUBLE;
    ann_engine_free(e);
    free(o.rules);
    xmlCleanupParser();
    if (s.epipe) {
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
    }
    return status;
}
