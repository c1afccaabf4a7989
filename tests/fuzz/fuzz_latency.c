// Seeds: data/latency/anthropic.csv tests/cli/t02*/*.csv tests/cli/t08*/*.csv tests/cli/t09*/*.csv examples/*latency*.csv
/*
 * Fuzzes the latency profile reader of `sla --latency` (calc/latency.c).
 * A profile that loads has all 168 hours with 0 < median < p95 <= 1000,
 * any interval around its median, a provider id of [a-z0-9_-] (or none),
 * and writes out as text that loads back the same.
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
	for (int i = 0; i < SLA_WEEK_HOURS; i++)
		FUZZ_ASSERT((p.median_low[i] == 0 && p.median_high[i] == 0) ||
		            (p.median_low[i] > 0 && p.median_low[i] <= p.bucket[i].median_hours &&
		             p.median_high[i] >= p.bucket[i].median_hours),
		            "hour %d: interval %g-%g around %g", i, p.median_low[i],
		            p.median_high[i], p.bucket[i].median_hours);
	FUZZ_ASSERT(strspn(p.provider, "abcdefghijklmnopqrstuvwxyz0123456789_-") ==
	            strlen(p.provider), "provider \"%s\"", p.provider);
	{
		static struct sla_profile back;
		char *buf = NULL;
		size_t n = 0;
		FILE *out = open_memstream(&buf, &n);
		FUZZ_ASSERT(out != NULL, "open_memstream");
		latency_write(out, &p, NULL);
		fclose(out);
		st = latency_load_text(buf, n, "written", &back, &d);
		FUZZ_ASSERT(st == STATUS_OK, "the profile written back does not load: %s",
		            d.text);
		FUZZ_ASSERT(strcmp(back.provider, p.provider) == 0, "provider %s became %s",
		            p.provider, back.provider);
		free(buf);
	}
}
