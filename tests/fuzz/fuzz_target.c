/*
 * fuzz_target.c - the libFuzzer entry point; fuzz.sh builds it once per
 * target with -DFZ_TARGET=fz_NAME (the bodies are in targets.h).
 */
#include "targets.h"

#ifndef FZ_TARGET
#error "build with -DFZ_TARGET=fz_tokenizer (or fz_html, fz_xml, fz_jsonl, fz_rules, fz_dates)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return FZ_TARGET(data, size);
}
