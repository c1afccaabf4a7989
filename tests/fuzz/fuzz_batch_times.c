// Seeds: tests/cli/t02*/batches*.json tests/cli/t02*/*.json tests/cli/t032*/META.json
/*
 * Fuzzes the batch-object reader of `sla --calibrate` (calc/batch_times.c):
 * one Anthropic or OpenAI batch object, an array of them or a list response.
 * What loads holds ended batches only, each with a positive turnaround.
 */
#include "tests/fuzz/fuzz.h"
#include "calc/batch_times.h"

#include <math.h>

static void fuzz_one(const char *text, size_t len)
{
	struct batch_times t;
	struct diag d;
	enum status st = batch_times_load_text(text, len, FUZZ_ORIGIN, &t, &d);

	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		return;
	}
	for (size_t i = 0; i < t.count; i++)
		FUZZ_ASSERT(isfinite(t.items[i].hours) && t.items[i].hours > 0,
		            "batch %zu lasted %g hours", i, t.items[i].hours);
	batch_times_release(&t);
}
