// Seeds: tests/cli/t02*/batches*.json tests/cli/t02*/*.json tests/cli/t032*/META.json tests/cli/t08*/*.json tests/cli/t09*/*.json examples/sla-*-page1.json
/*
 * Fuzzes the batch-listing reader of `sla --calibrate` (calc/batch_times.c):
 * one Anthropic, OpenAI or Gemini batch object, an array of them or a list
 * page. What loads holds batches of one provider, each with a positive
 * time; then the fit (models/sla_fit.c) on what loaded must give a profile
 * the latency loader takes back, whatever the times.
 */
#include "tests/fuzz/fuzz.h"
#include "calc/batch_times.h"
#include "calc/latency.h"
#include "models/sla_fit.h"

#include <math.h>

/* Small enough that every input is fitted quickly. */
#define FIT_AT_MOST 40

static void check_fit(const struct batch_times *t)
{
	struct sla_fit_observation obs[FIT_AT_MOST];
	static struct sla_profile prior, back;
	static struct sla_fit fit;
	struct diag d;
	size_t finished = 0, len = 0;
	char *buf = NULL;
	enum status st;
	FILE *out;

	FUZZ_ASSERT(latency_load_builtin(&prior, &d) == STATUS_OK, "%s", d.text);
	for (size_t i = 0; i < t->count; i++) {
		obs[i].hour_of_week = sla_hour_of_week(t->items[i].created);
		obs[i].hours = t->items[i].hours;
		obs[i].censored = t->items[i].end != BATCH_FINISHED;
		finished += !obs[i].censored;
	}
	st = sla_fit_profile(&prior, obs, t->count, &fit, &d);
	FUZZ_ASSERT(st == (finished ? STATUS_OK : STATUS_INPUT), "status %d: %s", (int)st,
	            d.text);
	if (st != STATUS_OK)
		return;
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		const struct sla_profile *p = &fit.profile;
		FUZZ_ASSERT(isfinite(p->bucket[h].median_hours) &&
		            p->bucket[h].median_hours >= 0.001 &&
		            p->bucket[h].p95_hours > p->bucket[h].median_hours &&
		            p->bucket[h].p95_hours <= 1000 &&
		            p->median_low[h] > 0 && p->median_low[h] <= p->bucket[h].median_hours &&
		            p->median_high[h] >= p->bucket[h].median_hours,
		            "hour %d: median %g p95 %g interval %g-%g", h,
		            p->bucket[h].median_hours, p->bucket[h].p95_hours,
		            p->median_low[h], p->median_high[h]);
	}
	out = open_memstream(&buf, &len);
	FUZZ_ASSERT(out != NULL, "open_memstream");
	latency_write(out, &fit.profile, "fuzz");
	fclose(out);
	st = latency_load_text(buf, len, "written", &back, &d);
	FUZZ_ASSERT(st == STATUS_OK, "the written profile does not load: %s", d.text);
	free(buf);
}

static void fuzz_one(const char *text, size_t len)
{
	struct batch_times t;
	struct diag d;
	enum status st;

	batch_times_init(&t);
	st = batch_times_load_text(text, len, FUZZ_ORIGIN, &t, &d);
	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		batch_times_release(&t);
		return;
	}
	FUZZ_ASSERT(t.count == 0 || t.provider != NULL, "%zu batches of no provider", t.count);
	for (size_t i = 0; i < t.count; i++)
		FUZZ_ASSERT(isfinite(t.items[i].hours) && t.items[i].hours > 0,
		            "batch %zu lasted %g hours", i, t.items[i].hours);
	if (t.count > 0 && t.count <= FIT_AT_MOST)
		check_fit(&t);
	batch_times_release(&t);
}
