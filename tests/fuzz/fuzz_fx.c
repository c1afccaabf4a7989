// Seeds: tests/fixtures/fx-rates.csv tests/cli/t06*/*fx*.csv
/*
 * Fuzzes the exchange-rate table reader of --fx FILE (calc/fx_load.c). A
 * table that loads is sorted, has valid codes and positive rates, and every
 * row is the one in force for its own currency on its own date.
 */
#include "tests/fuzz/fuzz.h"
#include "calc/fx_load.h"

static void fuzz_one(const char *text, size_t len)
{
	struct fx_table t;
	struct diag d;
	enum status st = fx_load_text(text, len, FUZZ_ORIGIN, &t, &d);

	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		return;
	}
	for (size_t i = 0; i < t.count; i++) {
		const struct fx_row *r = &t.rows[i];
		FUZZ_ASSERT(fx_valid_code(r->currency), "row %zu: bad code", i);
		FUZZ_ASSERT(r->micro > 0, "row %zu: rate %lld", i, (long long)r->micro);
		FUZZ_ASSERT(fx_rate_on(&t, r->currency, r->day) == r,
		            "row %zu not in force on its own date", i);
	}
	fx_table_release(&t);
}
