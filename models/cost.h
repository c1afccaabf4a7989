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
#include <stddef.h>
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

/* Every token of a request, prompt (all classes) and output. INT64_MAX when
 * the sum does not fit. */
int64_t token_counts_request_total(const struct token_counts *t);

/* Does one request cross p's long-context cliff (the classes p counts add up
 * to more than its threshold)? False when p has no such tier. */
bool cost_is_long_context(const struct price_entry *p, const struct token_counts *t);

/*
 * The fallback context window: no model's is larger today (Llama 4 Scout's
 * 10M). It bounds a request of a model whose window the catalogue does not
 * know (context_window 0: gpt-6-sol, say) or a model it does not know at all.
 */
#define COST_MAX_REQUEST_TOKENS 10000000LL

/*
 * The prompt tokens one request of m can hold: the catalogue's context_window
 * (the largest any source gives), or COST_MAX_REQUEST_TOKENS when it is 0
 * (not known), when m is NULL (a model the catalogue does not know), or when
 * it is not above a long-context threshold of m's own prices (a price for
 * requests above the window says the window is wrong).
 */
int64_t cost_context_window(const struct model *m);

/*
 * Can one request of m (NULL: not in the catalogue) hold t? Its prompt
 * tokens (every prompt class) must fit in the context window, and so must
 * its output: Anthropic and OpenAI count the output inside the window,
 * Gemini beside it but up to a max_output far below the window, so no real
 * request has more of either. max_output itself is not a bound, as beta
 * headers raise it (Claude 3.7 Sonnet: 64K, 128K with one).
 * Usage above the window is corrupt data, never a request to price: a
 * results line claiming 2^63 input tokens would otherwise reconcile to
 * trillions of dollars. Fails with STATUS_INPUT: "expected at most N prompt
 * tokens in one request (the context window of ID), found M"; `name` names
 * the model when m is NULL.
 */
enum status cost_request_fits(const struct model *m, const char *name,
                              const struct token_counts *t, struct diag *d);

/* The text "the context window of ID" (or, without a window in the
 * catalogue, the fallback's reason) for a message about m or `name`. */
const char *cost_context_window_text(const struct model *m, const char *name,
                                     char *buf, size_t size);

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
