#include "cost.h"

#include <inttypes.h>
#include <string.h>

int64_t token_counts_input_total(const struct token_counts *t)
{
	int64_t total = 0;

	/* Saturates rather than wraps: a prompt past INT64_MAX tokens is above
	 * every long-context threshold, and its cost overflows where it is
	 * priced (cost_at_tier), so nothing is lost by stopping at the limit. */
	if (__builtin_add_overflow(t->n[TOKEN_INPUT], t->n[TOKEN_CACHE_WRITE_5M], &total) ||
	    __builtin_add_overflow(total, t->n[TOKEN_CACHE_WRITE_1H], &total) ||
	    __builtin_add_overflow(total, t->n[TOKEN_CACHE_READ], &total))
		return INT64_MAX;
	return total;
}

int64_t token_counts_request_total(const struct token_counts *t)
{
	int64_t total = token_counts_input_total(t);

	if (total == INT64_MAX ||
	    __builtin_add_overflow(total, t->n[TOKEN_OUTPUT], &total))
		return INT64_MAX;
	return total;
}

int64_t cost_context_window(const struct model *m)
{
	(void)m; /* the catalogue has no per-model window yet */
	return COST_MAX_REQUEST_TOKENS;
}

enum status token_counts_from_total(int64_t total_input, int64_t cache_read,
                                    int64_t cache_write_5m,
                                    int64_t cache_write_1h, int64_t output,
                                    struct token_counts *out, struct diag *d)
{
	int64_t parts;

	if (total_input < 0 || cache_read < 0 || cache_write_5m < 0 ||
	    cache_write_1h < 0 || output < 0)
		return diag_set(d, STATUS_INPUT, "token counts cannot be negative");
	if (__builtin_add_overflow(cache_read, cache_write_5m, &parts) ||
	    __builtin_add_overflow(parts, cache_write_1h, &parts) || parts > total_input)
		return diag_set(d, STATUS_INPUT,
		                "the cache parts (%" PRId64 " read + %" PRId64
		                " written 5m + %" PRId64 " written 1h) exceed the "
		                "total input of %" PRId64 " tokens",
		                cache_read, cache_write_5m, cache_write_1h, total_input);
	memset(out, 0, sizeof *out);
	out->n[TOKEN_INPUT] = total_input - parts;
	out->n[TOKEN_CACHE_READ] = cache_read;
	out->n[TOKEN_CACHE_WRITE_5M] = cache_write_5m;
	out->n[TOKEN_CACHE_WRITE_1H] = cache_write_1h;
	out->n[TOKEN_OUTPUT] = output;
	return STATUS_OK;
}

enum status cost_at_tier(const struct price_tier *tier, const struct token_counts *t,
                         bool batch, struct cost_breakdown *out, struct diag *d)
{
	const struct rate_set *rates = batch ? &tier->batch : &tier->sync;
	bool overflow = false;

	memset(out, 0, sizeof *out);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		if (t->n[c] == 0)
			continue;
		if (t->n[c] < 0)
			return diag_set(d, STATUS_INPUT, "%s tokens cannot be negative",
			                token_class_name((enum token_class)c));
		if (!rates->offered[c])
			return diag_set(d, STATUS_INPUT,
			                "%" PRId64 " %s tokens, but the model has no %s%s "
			                "price", t->n[c], token_class_name((enum token_class)c),
			                batch ? "batch " : "",
			                token_class_name((enum token_class)c));
		out->by_class[c] = money_tokens_at(t->n[c], rates->rates[c], &overflow);
		out->total = money_add(out->total, out->by_class[c], &overflow);
		if (batch && tier->batch_derived[c])
			out->used_derived = true;
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the cost does not fit in 128 bits");
	return STATUS_OK;
}

enum status cost_request(const struct price_entry *p, const struct token_counts *t,
                         bool batch, struct cost_breakdown *out, struct diag *d)
{
	bool long_context = p->has_long_context &&
	                    token_counts_input_total(t) > p->long_context_above;
	enum status st = cost_at_tier(long_context ? &p->long_context : &p->standard,
	                              t, batch, out, d);

	out->long_context = long_context;
	return st;
}
