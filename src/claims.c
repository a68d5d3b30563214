/* claims.c - STUB: replaced by the claims annotator. */
#include <stdlib.h>

#include "ann.h"
#include "claims.h"

struct ann_claim_rules { int unused; };
struct ann_claims { int unused; };

ann_claim_rules *ann_claim_rules_new(char *err, size_t errlen) { (void)err; (void)errlen; return ann_xcalloc(1, sizeof(ann_claim_rules)); }
void ann_claim_rules_free(ann_claim_rules *r) { free(r); }
ann_claims *ann_claims_new(const ann_claim_rules *r) { (void)r; return ann_xcalloc(1, sizeof(ann_claims)); }
void ann_claims_window(ann_claims *st, ann_window *w) { (void)st; (void)w; }
void ann_claims_free(ann_claims *st) { free(st); }
