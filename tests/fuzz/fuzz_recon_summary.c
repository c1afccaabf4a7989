// Seeds: tests/cli/t0331-merge-summary-table/*.json tests/cli/t0667-merge-fx-rate/*.json tests/cli/t072*/*.summary.json tests/cli/t0323-merge-bad-summary/*.json
/*
 * Fuzzes merge's summary reader (calc/recon_summary.c), the file `reconcile
 * --emit-summary` writes: every count must come out a checked integer from 0
 * to RECON_SUMMARY_MAX (never a truncated or wrapped one), the keys go into
 * a small duplicate set, and a summary read, written again and read back
 * gives the same run.
 *
 * One promise differs from fuzz.h's: a summary whose stated duplicate_keys
 * and the duplicates among its own keys add up past RECON_SUMMARY_MAX is
 * STATUS_OVERFLOW (the sum is refused, not wrapped), so overflow is allowed
 * here when the message says so.
 */
#include "tests/fuzz/fuzz.h"
#include "calc/recon_summary.h"

#include <cJSON.h>

static void check_counts(const struct recon_run *run)
{
	const struct recon *r = &run->r;

	FUZZ_ASSERT(r->lines >= 0 && r->lines <= RECON_SUMMARY_MAX &&
	            r->malformed >= 0 && r->malformed <= RECON_SUMMARY_MAX &&
	            r->duplicates >= 0 && r->duplicates <= RECON_SUMMARY_MAX &&
	            run->unchecked_keys >= 0 && run->unchecked_keys <= RECON_SUMMARY_MAX,
	            "a top-level count out of range");
	for (size_t i = 0; i < r->error_count; i++)
		FUZZ_ASSERT(r->errors[i].count >= 0, "error count %lld",
		            (long long)r->errors[i].count);
	for (size_t i = 0; i < r->count; i++) {
		const struct recon_bucket *b = &r->buckets[i];
		FUZZ_ASSERT(b->billed >= 0, "billed %lld", (long long)b->billed);
		for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
			FUZZ_ASSERT(b->outcomes[o] >= 0, "outcome %d", o);
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
			FUZZ_ASSERT(b->tokens.n[c] >= 0, "tokens %d", c);
	}
	for (size_t i = 0; i < run->file_count; i++)
		FUZZ_ASSERT(run->files[i].lines >= 0 && run->files[i].lines <= RECON_SUMMARY_MAX,
		            "file %zu lines", i);
}

static void same(const struct recon_run *a, const struct recon_run *b)
{
	FUZZ_ASSERT(a->r.lines == b->r.lines && a->r.malformed == b->r.malformed &&
	            a->r.duplicates == b->r.duplicates &&
	            a->unchecked_keys == b->unchecked_keys, "top-level counts differ");
	FUZZ_ASSERT(a->file_count == b->file_count, "files %zu/%zu", a->file_count,
	            b->file_count);
	FUZZ_ASSERT(a->r.count == b->r.count, "buckets %zu/%zu", a->r.count, b->r.count);
	FUZZ_ASSERT(a->r.error_count == b->r.error_count, "error types %zu/%zu",
	            a->r.error_count, b->r.error_count);
	for (size_t i = 0; i < a->r.error_count; i++)
		FUZZ_ASSERT(a->r.errors[i].count == b->r.errors[i].count &&
		            strcmp(a->r.errors[i].type, b->r.errors[i].type) == 0,
		            "error type %zu differs", i);
	for (size_t i = 0; i < a->r.count; i++) {
		const struct recon_bucket *x = &a->r.buckets[i], *y = &b->r.buckets[i];
		FUZZ_ASSERT(strcmp(x->job, y->job) == 0 && strcmp(x->model, y->model) == 0 &&
		            strcmp(x->batch, y->batch) == 0 && x->day == y->day &&
		            x->long_context == y->long_context && x->billed == y->billed &&
		            memcmp(x->outcomes, y->outcomes, sizeof x->outcomes) == 0 &&
		            memcmp(&x->tokens, &y->tokens, sizeof x->tokens) == 0,
		            "bucket %zu differs after a round trip", i);
	}
}

static void fuzz_one(const char *text, size_t len)
{
	struct keyset *keys = keyset_new(10);
	struct recon_run run, back;
	struct diag d;
	char *again = NULL;
	enum status st;

	if (!keys)
		return;
	recon_run_init(&run);
	st = recon_summary_read_text(text, len, FUZZ_ORIGIN, &run, keys, &d);
	if (st == STATUS_OVERFLOW) {
		FUZZ_ASSERT(strstr(d.text, "expected the total over the summaries"),
		            "overflow: %s", d.text);
		fuzz_check_failure(st, &d, STATUS_OVERFLOW);
	} else if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
	} else {
		check_counts(&run);
		/* Buckets the file gave twice may add past what a summary holds:
		 * then it cannot be written, and says so. */
		st = recon_summary_format(&run, NULL, &again, &d);
		FUZZ_ASSERT(st == STATUS_OK || st == STATUS_OVERFLOW, "format: %s", d.text);
		if (st == STATUS_OK) {
			recon_run_init(&back);
			st = recon_summary_read_text(again, strlen(again), FUZZ_ORIGIN, &back,
			                             NULL, &d);
			FUZZ_ASSERT(st == STATUS_OK, "read back: %s\n%s", d.text, again);
			same(&run, &back);
			recon_run_release(&back);
			cJSON_free(again);
		}
	}
	recon_run_release(&run);
	keyset_free(keys);
}
