// Seeds: data/latency/anthropic.csv tests/cli/t02*/*.csv
/*
 * Fuzzes the latency profile reader of `sla --latency` (calc/latency.c).
 * A profile that loads has all 168 hours with 0 < median < p95 <= 1000.
 */
#include "tests/fuzz/fuzz.h"
#include "calc/latency.h"

#include <math.h>

static void fuzz_one(const char *text, size_t len)
{
	struct sla_profile p;
	struct diag d;
	enum status st;

	memset(&p, 0, sizeof p);
	st = latency_load_text(text, len, FUZZ_ORIGIN, &p, &d);
	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		return;
	}
	for (int i = 0; i < SLA_WEEK_HOURS; i++)
		FUZZ_ASSERT(isfinite(p.bucket[i].median_hours) && p.bucket[i].median_hours > 0 &&
		            p.bucket[i].p95_hours > p.bucket[i].median_hours && p.bucket[i].p95_hours <= 1000,
		            "hour %d: median %g p95 %g", i, p.bucket[i].median_hours,
		            p.bucket[i].p95_hours);
}
