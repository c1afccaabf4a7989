// Seeds: tests/fixtures/litellm-excerpt.json tests/cli/t06*/litellm*.json tests/cli/t060*/*.json
/*
 * Fuzzes the LiteLLM importer (calc/litellm.c) through catalogue_load_text(),
 * as --prices and `prices import-litellm` reach it. Its seeds are LiteLLM
 * files, so mutations stay near that format rather than batchcalc's own
 * (fuzz_catalogue). What loads has counts that add up, and every model is
 * priced on its own entry's first day
 * and costs a request (catalogue_check.h).
 */
#include "tests/fuzz/catalogue_check.h"
#include "calc/catalogue_load.h"
#include "calc/litellm.h"

static void fuzz_one(const char *text, size_t len)
{
	struct catalogue cat;
	struct litellm_report rep;
	struct diag d;
	enum status st = catalogue_load_text(text, len, FUZZ_ORIGIN, &cat, &rep, &d);

	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		return;
	}
	if (rep.entries)
		FUZZ_ASSERT(rep.imported + rep.skipped_mode + rep.skipped_unpriced <= rep.entries,
		            "imported %zu + skipped %zu + %zu of %zu entries", rep.imported,
		            rep.skipped_mode, rep.skipped_unpriced, rep.entries);
	fuzz_check_catalogue(&cat);
	catalogue_release(&cat);
}
