// Seeds: data/prices.json tests/cli/t*/prices*.json tests/cli/t*/*.jsonl
/*
 * Fuzzes the price catalogue loader (calc/catalogue_load.c, --prices FILE)
 * and the invariant checks of models/catalogue.c under it.
 *
 * A catalogue that loads is then used the way the commands use it: every
 * model is looked up by id and priced on the first day of each entry, and
 * one ordinary request is costed sync and batch, which must not fail for any
 * reason but a missing token class or an overflow.
 */
#include "tests/fuzz/catalogue_check.h"
#include "calc/catalogue_load.h"

static void fuzz_one(const char *text, size_t len)
{
	struct catalogue cat;
	struct diag d;
	enum status st = catalogue_load_text(text, len, FUZZ_ORIGIN, &cat, NULL, &d);

	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		return;
	}
	fuzz_check_catalogue(&cat);
	catalogue_release(&cat);
}
