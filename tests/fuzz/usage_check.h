/*
 * usage_check: what a successfully loaded usage report promises (usage.h),
 * shared by the usage loaders' fuzz targets, and the promise of a failure:
 * the set is left as it was (here: empty).
 */
#ifndef BATCHCALC_FUZZ_USAGE_CHECK_H
#define BATCHCALC_FUZZ_USAGE_CHECK_H

#include "tests/fuzz/fuzz.h"
#include "calc/usage.h"

typedef enum status (*usage_loader_fn)(struct usage_set *, const char *, size_t,
                                       const char *, struct diag *);

static inline void fuzz_usage(usage_loader_fn load, const char *provider,
                              const char *text, size_t len)
{
	struct usage_set set;
	struct diag d;
	enum status st;
	money big = money_from_cents(100000000000000LL); /* $10^12 */

	usage_set_init(&set);
	st = load(&set, text, len, FUZZ_ORIGIN, &d);
	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		FUZZ_ASSERT(set.count == 0 && set.file_count == 0, "failure left %zu rows",
		            set.count);
		usage_set_release(&set);
		return;
	}
	FUZZ_ASSERT(set.file_count == 1, "%zu files", set.file_count);
	FUZZ_ASSERT(strcmp(set.files[0].provider, provider) == 0, "provider %s",
	            set.files[0].provider);
	FUZZ_ASSERT(set.files[0].rows == set.count, "row count");
	for (size_t i = 0; i < set.count; i++) {
		const struct usage_row *r = &set.rows[i];
		money neg = {-big.pico};
		FUZZ_ASSERT(r->kind <= USAGE_OTHER && r->tier < USAGE_TIER_COUNT &&
		            r->cls < TOKEN_CLASS_COUNT, "row %zu: bad enum", i);
		FUZZ_ASSERT(r->day >= set.files[0].first && r->day <= set.files[0].last,
		            "row %zu outside the covered days", i);
		FUZZ_ASSERT(!r->has_quantity || (r->quantity >= 0 &&
		            r->quantity <= USAGE_MAX_COUNT), "row %zu: quantity", i);
		FUZZ_ASSERT(!r->has_amount || (money_cmp(r->amount, big) <= 0 &&
		            money_cmp(r->amount, neg) >= 0), "row %zu: amount", i);
		FUZZ_ASSERT(r->has_quantity || r->has_amount, "row %zu holds nothing", i);
		/* money for tokens names its model (else it is USAGE_OTHER); a
		 * usage report not grouped by model counts tokens of none */
		FUZZ_ASSERT(r->kind != USAGE_TOKENS || !r->has_amount || r->model[0],
		            "row %zu: money for tokens of no model", i);
		FUZZ_ASSERT(r->model && r->item && r->scope && r->where && r->file == 0 &&
		            r->model_id == NULL, "row %zu: fields", i);
	}
	usage_set_release(&set);
}

#endif
