// Seeds: tests/fixtures/genai-prices-excerpt.json
/*
 * Fuzzes the genai-prices importer (calc/genai_prices.c) through
 * catalogue_load_text(), as --prices and `prices import-genai-prices` reach
 * it. Its seed is a real genai-prices v2 excerpt, so mutations stay near that
 * format (arrays of providers, conditional prices, tiers, match rules). What
 * loads has counts that add up, and every model is priced on its own entry's
 * first day and costs a request (catalogue_check.h).
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
	if (rep.format)
		FUZZ_ASSERT(rep.imported + rep.skipped_unpriced + rep.skipped_shape +
		            rep.skipped_duplicate <= rep.entries,
		            "imported %zu + skipped %zu + %zu + %zu of %zu models", rep.imported,
		            rep.skipped_unpriced, rep.skipped_shape, rep.skipped_duplicate,
		            rep.entries);
	fuzz_check_catalogue(&cat);
	catalogue_release(&cat);
}
