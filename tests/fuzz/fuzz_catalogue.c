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
#include "tests/fuzz/fuzz.h"
#include "calc/catalogue_load.h"
#include "models/cost.h"

static void cost_one(const struct price_entry *pe)
{
	struct token_counts t = {{1000, 0, 0, 200, 300}};
	struct cost_breakdown sync, batch;
	struct diag d;
	enum status a = cost_request(pe, &t, false, &sync, &d);
	enum status b = cost_request(pe, &t, true, &batch, &d);

	FUZZ_ASSERT(a == STATUS_OK || a == STATUS_INPUT || a == STATUS_OVERFLOW,
	            "sync cost status %d", (int)a);
	FUZZ_ASSERT(b == STATUS_OK || b == STATUS_INPUT || b == STATUS_OVERFLOW,
	            "batch cost status %d", (int)b);
}

static void fuzz_one(const char *text, size_t len)
{
	struct catalogue cat;
	struct diag d;
	enum status st = catalogue_load_text(text, len, FUZZ_ORIGIN, &cat, NULL, &d);

	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		return;
	}
	for (size_t i = 0; i < cat.model_count; i++) {
		const struct model *m = &cat.models[i];
		for (size_t j = 0; j < m->price_count; j++) {
			const struct model *found;
			const struct price_entry *pe;
			st = catalogue_price(&cat, m->id, m->prices[j].from, &found, &pe, &d);
			FUZZ_ASSERT(st == STATUS_OK && found == m,
			            "%s not priced on its own entry's first day: %s",
			            m->id, d.text);
			cost_one(pe);
		}
	}
	catalogue_release(&cat);
}
