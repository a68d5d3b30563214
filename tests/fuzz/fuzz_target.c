/*
 * fuzz_target.c - the libFuzzer entry point; fuzz.sh builds it once per
 * target with -DFZ_TARGET=fz_NAME (the bodies are in targets.h).
 */
#include "targets.h"

#ifndef FZ_TARGET
#error "build with -DFZ_TARGET=fz_tokenizer (or fz_html, fz_xml, fz_jsonl, fz_rules, fz_dates)"
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Load the built-in rules before the first input, so that rules that do
 * not load stop the run with a message instead of a "crash" artifact. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
#ifdef FZ_ENGINE
    char err[1024];
    fz_engine = ann_engine_new(0, NULL, 0, err, sizeof err);
    if (!fz_engine) {
        fprintf(stderr, "fuzz: cannot load the built-in rules: %s\n", err);
        exit(2);
    }
    atexit(fz_engine_free);
#endif
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return FZ_TARGET(data, size);
}
