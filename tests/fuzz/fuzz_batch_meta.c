// Seeds: tests/cli/t032*/META.json tests/cli/t02*/batches*.json tests/cli/t057*/*.json tests/cli/t058*/*.json
/*
 * Fuzzes reconcile's --batches reader (calc/batch_meta.c): batch objects of
 * either provider, alone, in an array or in a list response. What loads is
 * then looked up by its own ids, as the checksums do.
 */
#include "tests/fuzz/fuzz.h"
#include "calc/batch_meta.h"

static void fuzz_one(const char *text, size_t len)
{
	struct batch_meta_list l;
	struct diag d;
	enum status st = batch_meta_load_text(text, len, FUZZ_ORIGIN, &l, &d);

	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		return;
	}
	for (size_t i = 0; i < l.count; i++) {
		const struct batch_meta *m = &l.items[i];
		FUZZ_ASSERT(m->id && batch_meta_find(&l, m->id), "batch %zu not found by id", i);
		FUZZ_ASSERT(m->figure_count >= 0 && m->figure_count <= BATCH_FIGURES,
		            "%d figures", m->figure_count);
	}
	batch_meta_release(&l);
}
