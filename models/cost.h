/*
 * cost: what tokens cost at a price entry, sync or batch.
 *
 * Token counts are exclusive (catalogue.h): uncached input, cache writes and
 * cache reads never overlap, so no token is charged twice. Callers convert a
 * provider's inclusive counts (OpenAI prompt_tokens, a total prompt size) with
 * token_counts_from_total() first.
 *
 * The long-context tier is a whole-request cliff (Anthropic, OpenAI, Gemini):
 * when one request's prompt tokens of the classes the provider counts (by
 * default all of them: uncached + cache writes + cache reads) are above the
 * threshold (100K, 200K, 272K: data), every token of that request bills at the
 * long-context rates. So cost_request() must see one request, never a sum;
 * cost_at_tier() prices a sum whose tier the caller already knows.
 */
#ifndef BATCHCALC_COST_H
#define BATCHCALC_COST_H

#include "catalogue.h"
#include "money.h"
#include "status.h"

#include <stdbool.h>
#include <stdint.h>

struct token_counts {
	int64_t n[TOKEN_CLASS_COUNT];
};

struct cost_breakdown {
	money by_class[TOKEN_CLASS_COUNT];
	money total;
	bool long_context;  /* the request crossed the long-context cliff */
	bool used_derived;  /* a derived batch rate priced a non-zero count */
};

/* Total prompt tokens of a request: uncached + cache writes + cache reads
 * (counts >= 0); INT64_MAX when the sum does not fit. */
int64_t token_counts_input_total(const struct token_counts *t);

/* Does one request cross p's long-context cliff (the classes p counts add up
 * to more than its threshold)? False when p has no such tier. */
bool cost_is_long_context(const struct price_entry *p, const struct token_counts *t);

/*
 * Splits a TOTAL prompt size into exclusive classes: parts holds the cache
 * classes and the output (its TOKEN_INPUT is ignored); uncached input = total
 * - every cache class. Fails (STATUS_INPUT) when a count is negative or the
 * cache parts exceed the total.
 */
enum status token_counts_from_parts(int64_t total_input, const struct token_counts *parts,
                                    struct token_counts *out, struct diag *d);

/* token_counts_from_parts() for the Anthropic classes alone. */
enum status token_counts_from_total(int64_t total_input, int64_t cache_read,
                                    int64_t cache_write_5m,
                                    int64_t cache_write_1h, int64_t output,
                                    struct token_counts *out, struct diag *d);

/*
 * Prices tokens at one tier. Fails with STATUS_INPUT when a non-zero count
 * falls in a class the provider does not sell (OpenAI has no cache writes),
 * and with STATUS_OVERFLOW when the total does not fit.
 */
enum status cost_at_tier(const struct price_tier *tier, const struct token_counts *t,
                         bool batch, struct cost_breakdown *out, struct diag *d);

/* Prices one request, choosing its tier by the long-context cliff. */
enum status cost_request(const struct price_entry *p, const struct token_counts *t,
                         bool batch, struct cost_breakdown *out, struct diag *d);

#endif
