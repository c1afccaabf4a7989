#include "cost.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Sum of the classes in `mask`, saturating at INT64_MAX. */
static int64_t sum_classes(const struct token_counts *t, unsigned mask)
{
	int64_t total = 0;

	/* Saturates rather than wraps: a prompt past INT64_MAX tokens is above
	 * every long-context threshold, and its cost overflows where it is
	 * priced (cost_at_tier), so nothing is lost by stopping at the limit. */
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if ((mask & (1u << c)) && __builtin_add_overflow(total, t->n[c], &total))
			return INT64_MAX;
	return total;
}

int64_t token_counts_input_total(const struct token_counts *t)
{
	return sum_classes(t, TOKEN_PROMPT_CLASSES);
}

int64_t token_counts_request_total(const struct token_counts *t)
{
	return sum_classes(t, TOKEN_PROMPT_CLASSES | (1u << TOKEN_OUTPUT));
}

int64_t cost_context_window(const struct model *m)
{
	if (!m || m->context_window <= 0)
		return COST_MAX_REQUEST_TOKENS;
	/* A window at or below a long-context threshold of the model's own
	 * prices contradicts them: requests above the threshold are billed, so
	 * they exist (LiteLLM gives Claude Sonnet 4.5 200K beside its >200K
	 * tier). The window is then as good as unknown. */
	for (size_t i = 0; i < m->price_count; i++)
		if (m->prices[i].has_long_context &&
		    m->prices[i].long_context_above >= m->context_window)
			return COST_MAX_REQUEST_TOKENS;
	return m->context_window;
}

const char *cost_context_window_text(const struct model *m, const char *name,
                                     char *buf, size_t size)
{
	if (m && cost_context_window(m) == m->context_window)
		snprintf(buf, size, "the context window of %.60s", m->id);
	else
		snprintf(buf, size, "no model's context window is larger; the catalogue "
		         "has none usable for %.60s", m ? m->id : name);
	return buf;
}

enum status cost_request_fits(const struct model *m, const char *name,
                              const struct token_counts *t, struct diag *d)
{
	int64_t window = cost_context_window(m);
	int64_t prompt = token_counts_input_total(t);
	bool output = prompt <= window;
	int64_t found = output ? t->n[TOKEN_OUTPUT] : prompt;
	char why[160];

	if (found <= window)
		return STATUS_OK;
	return diag_set(d, STATUS_INPUT, "expected at most %" PRId64 " %s tokens in one "
	                "request (%s), found %" PRId64 "%s", window,
	                output ? "output" : "prompt",
	                cost_context_window_text(m, name, why, sizeof why), found,
	                found == INT64_MAX ? " or more" : "");
}

bool cost_is_long_context(const struct price_entry *p, const struct token_counts *t)
{
	/* No classes named is the default rule: every prompt class counts. */
	return p->has_long_context &&
	       sum_classes(t, p->long_context_counts ? p->long_context_counts
	                                             : TOKEN_PROMPT_CLASSES) >
	       p->long_context_above;
}

enum status token_counts_from_parts(int64_t total_input, const struct token_counts *parts,
                                    struct token_counts *out, struct diag *d)
{
	int64_t cached = 0;
	char text[300];
	size_t n = 0;

	if (total_input < 0)
		return diag_set(d, STATUS_INPUT, "token counts cannot be negative");
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (c != TOKEN_INPUT && parts->n[c] < 0)
			return diag_set(d, STATUS_INPUT, "token counts cannot be negative");
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (c != TOKEN_INPUT && c != TOKEN_OUTPUT &&
		    __builtin_add_overflow(cached, parts->n[c], &cached))
			cached = INT64_MAX;
	if (cached > total_input) {
		/* The classic wording names the three Anthropic parts; a newer
		 * class is named only when it is used. */
		n += (size_t)snprintf(text, sizeof text, "%" PRId64 " read + %" PRId64
		                      " written 5m + %" PRId64 " written 1h",
		                      parts->n[TOKEN_CACHE_READ], parts->n[TOKEN_CACHE_WRITE_5M],
		                      parts->n[TOKEN_CACHE_WRITE_1H]);
		if (parts->n[TOKEN_CACHE_WRITE_30M] && n < sizeof text)
			n += (size_t)snprintf(text + n, sizeof text - n, " + %" PRId64
			                      " written 30m", parts->n[TOKEN_CACHE_WRITE_30M]);
		if (parts->n[TOKEN_CACHE_WRITE_12H] && n < sizeof text)
			snprintf(text + n, sizeof text - n, " + %" PRId64 " written 12h",
			         parts->n[TOKEN_CACHE_WRITE_12H]);
		return diag_set(d, STATUS_INPUT, "the cache parts (%s) exceed the total "
		                "input of %" PRId64 " tokens", text, total_input);
	}
	*out = *parts;
	out->n[TOKEN_INPUT] = total_input - cached;
	return STATUS_OK;
}

enum status token_counts_from_total(int64_t total_input, int64_t cache_read,
                                    int64_t cache_write_5m,
                                    int64_t cache_write_1h, int64_t output,
                                    struct token_counts *out, struct diag *d)
{
	struct token_counts parts;

	memset(&parts, 0, sizeof parts);
	parts.n[TOKEN_CACHE_READ] = cache_read;
	parts.n[TOKEN_CACHE_WRITE_5M] = cache_write_5m;
	parts.n[TOKEN_CACHE_WRITE_1H] = cache_write_1h;
	parts.n[TOKEN_OUTPUT] = output;
	return token_counts_from_parts(total_input, &parts, out, d);
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
	bool long_context = cost_is_long_context(p, t);
	enum status st = cost_at_tier(long_context ? &p->long_context : &p->standard,
	                              t, batch, out, d);

	out->long_context = long_context;
	return st;
}
