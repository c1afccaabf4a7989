/*
 * catalogue_check: what a successfully loaded catalogue promises, shared by
 * the batchcalc, LiteLLM and genai-prices catalogue fuzz targets: every model
 * is priced by its id on the first day of each of its entries (as its
 * successor, once it is retired to one), and one ordinary request
 * costs sync and batch without failing for any reason but a missing token
 * class or an overflow.
 */
#ifndef BATCHCALC_FUZZ_CATALOGUE_CHECK_H
#define BATCHCALC_FUZZ_CATALOGUE_CHECK_H

#include "tests/fuzz/fuzz.h"
#include "models/catalogue.h"
#include "models/cost.h"

static inline void fuzz_cost_one(const struct price_entry *pe)
{
	struct token_counts t = {{[TOKEN_INPUT] = 1000, [TOKEN_CACHE_READ] = 200,
	                          [TOKEN_OUTPUT] = 300}};
	struct cost_breakdown sync, batch;
	struct diag d;
	enum status a = cost_request(pe, &t, false, &sync, &d);
	enum status b = cost_request(pe, &t, true, &batch, &d);

	FUZZ_ASSERT(a == STATUS_OK || a == STATUS_INPUT || a == STATUS_OVERFLOW,
	            "sync cost status %d", (int)a);
	FUZZ_ASSERT(b == STATUS_OK || b == STATUS_INPUT || b == STATUS_OVERFLOW,
	            "batch cost status %d", (int)b);
}

static inline void fuzz_check_catalogue(const struct catalogue *cat)
{
	struct diag d;

	for (size_t i = 0; i < cat->model_count; i++) {
		const struct model *m = &cat->models[i];
		for (size_t j = 0; j < m->price_count; j++) {
			const struct model *found;
			const struct price_entry *pe;
			enum status st = catalogue_price(cat, m->id, m->prices[j].from,
			                                 &found, &pe, &d);
			/* A retired model with a successor is priced as the
			 * successor from its retirement on. */
			const struct model *served = catalogue_route(cat, m, m->prices[j].from);
			FUZZ_ASSERT((st == STATUS_OK && found == served) ||
			            (served != m && st == STATUS_UNKNOWN_MODEL),
			            "%s not priced on its own entry's first day: %s",
			            m->id, d.text);
			if (st == STATUS_OK)
				fuzz_cost_one(pe);
		}
	}
}

#endif
