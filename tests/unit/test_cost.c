/* cost: exclusive token classes, sync and batch, the long-context cliff. */
#include "../../models/cost.h"

#include "suite.h"

#include <string.h>

static struct rate_set rates(int64_t in, int64_t w5, int64_t w1, int64_t rd, int64_t out)
{
	struct rate_set s;
	int64_t v[TOKEN_CLASS_COUNT] = {
		[TOKEN_INPUT] = in, [TOKEN_CACHE_WRITE_5M] = w5, [TOKEN_CACHE_WRITE_1H] = w1,
		[TOKEN_CACHE_WRITE_30M] = -1, [TOKEN_CACHE_WRITE_12H] = -1,
		[TOKEN_CACHE_READ] = rd, [TOKEN_OUTPUT] = out};

	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		s.rates[c].micro = v[c] < 0 ? 0 : v[c];
		s.offered[c] = v[c] >= 0;
	}
	return s;
}

/* Sonnet 4.5: $3/$15, writes 3.75/6, reads 0.30; >200K: $6/$22.50, 7.50/12, 0.60. */
static struct price_entry sonnet(void)
{
	struct price_entry p;

	memset(&p, 0, sizeof p);
	p.standard.sync = rates(3000000, 3750000, 6000000, 300000, 15000000);
	p.standard.batch = rates(1500000, 1875000, 3000000, 150000, 7500000);
	p.standard.batch_derived[TOKEN_CACHE_READ] = true;
	p.has_long_context = true;
	p.long_context_above = 200000;
	/* This fixture's long tier sells no 5-minute writes (-1), to test that. */
	p.long_context.sync = rates(6000000, -1, 12000000, 600000, 22500000);
	p.long_context.batch = rates(3000000, -1, 6000000, 300000, 11250000);
	return p;
}

static struct token_counts counts(int64_t total, int64_t read, int64_t w5, int64_t w1,
                                  int64_t out)
{
	struct token_counts t;
	struct diag d;

	ck_assert_int_eq(token_counts_from_total(total, read, w5, w1, out, &t, &d), STATUS_OK);
	return t;
}

static const char *exact(money m)
{
	static char buf[64];
	money_format_exact(m, buf, sizeof buf);
	return buf;
}

START_TEST(cached_tokens_are_never_counted_twice)
{
	struct price_entry p = sonnet();
	struct token_counts t = counts(2000, 1500, 0, 0, 300);
	struct cost_breakdown c;
	struct diag d;

	ck_assert_int_eq(t.n[TOKEN_INPUT], 500);
	ck_assert_int_eq(cost_request(&p, &t, false, &c, &d), STATUS_OK);
	/* 500 x 3 + 1500 x 0.30 + 300 x 15, per million. */
	ck_assert_str_eq(exact(c.by_class[TOKEN_INPUT]), "0.0015");
	ck_assert_str_eq(exact(c.by_class[TOKEN_CACHE_READ]), "0.00045");
	ck_assert_str_eq(exact(c.total), "0.00645");
	ck_assert(!c.long_context);
}
END_TEST

START_TEST(cache_parts_above_the_total_are_refused)
{
	struct token_counts t;
	struct diag d;

	ck_assert_int_eq(token_counts_from_total(1000, 800, 300, 0, 0, &t, &d), STATUS_INPUT);
	ck_assert_int_eq(token_counts_from_total(1000, 800, 200, 0, 0, &t, &d), STATUS_OK);
	ck_assert_int_eq(t.n[TOKEN_INPUT], 0);
	ck_assert_int_eq(token_counts_from_total(-1, 0, 0, 0, 0, &t, &d), STATUS_INPUT);
}
END_TEST

START_TEST(long_context_tier_applies_to_whole_request)
{
	struct price_entry p = sonnet();
	struct cost_breakdown c;
	struct diag d;
	struct token_counts at = counts(200000, 50000, 0, 0, 1000);
	struct token_counts over = counts(200001, 50000, 0, 0, 1000);

	/* Exactly at the threshold: standard rates. */
	ck_assert_int_eq(cost_request(&p, &at, false, &c, &d), STATUS_OK);
	ck_assert(!c.long_context);
	ck_assert_str_eq(exact(c.total), "0.48");  /* 150000x3 + 50000x0.3 + 1000x15 */
	/* One token over: every token, output and cache reads too, at the long rates. */
	ck_assert_int_eq(cost_request(&p, &over, false, &c, &d), STATUS_OK);
	ck_assert(c.long_context);
	ck_assert_str_eq(exact(c.total), "0.952506"); /* 150001x6 + 50000x0.6 + 1000x22.5 */
	ck_assert_int_eq(cost_request(&p, &over, true, &c, &d), STATUS_OK);
	ck_assert_str_eq(exact(c.total), "0.476253");
}
END_TEST

START_TEST(the_provider_rule_says_which_tokens_count_toward_the_cliff)
{
	struct price_entry p = sonnet();
	struct token_counts t;
	struct token_counts parts;
	struct cost_breakdown c;
	struct diag d;

	/* 150000 uncached + 60000 read: 210000 in all, above 200000. */
	t = counts(210000, 60000, 0, 0, 0);
	ck_assert(cost_is_long_context(&p, &t));
	/* A rule that counts uncached input alone: 150000, not above. */
	p.long_context_counts = 1u << TOKEN_INPUT;
	ck_assert(!cost_is_long_context(&p, &t));
	ck_assert_int_eq(cost_request(&p, &t, false, &c, &d), STATUS_OK);
	ck_assert(!c.long_context);
	/* 0 is the default rule: every prompt class, output never. */
	p.long_context_counts = 0;
	t = counts(100000, 0, 0, 0, 500000);
	ck_assert(!cost_is_long_context(&p, &t));

	/* OpenAI's cache writes are prompt classes too, split off the total. */
	memset(&parts, 0, sizeof parts);
	parts.n[TOKEN_CACHE_WRITE_30M] = 150000;
	parts.n[TOKEN_CACHE_WRITE_12H] = 50001;
	ck_assert_int_eq(token_counts_from_parts(200001, &parts, &t, &d), STATUS_OK);
	ck_assert_int_eq(t.n[TOKEN_INPUT], 0);
	ck_assert_int_eq(token_counts_input_total(&t), 200001);
	ck_assert(cost_is_long_context(&p, &t));
	ck_assert_int_eq(token_counts_from_parts(200000, &parts, &t, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "the cache parts (0 read + 0 written 5m + 0 written 1h + "
	                         "150000 written 30m + 50001 written 12h) exceed the total "
	                         "input of 200000 tokens");
	/* This fixture sells no 30-minute writes: an error, never $0. */
	ck_assert_int_eq(token_counts_from_parts(200001, &parts, &t, &d), STATUS_OK);
	ck_assert_int_eq(cost_request(&p, &t, false, &c, &d), STATUS_INPUT);
}
END_TEST

START_TEST(batch_is_half_and_flags_derived_rates)
{
	struct price_entry p = sonnet();
	struct cost_breakdown sync, batch;
	struct diag d;
	struct token_counts t = counts(2000, 1000, 0, 0, 300);

	ck_assert_int_eq(cost_request(&p, &t, false, &sync, &d), STATUS_OK);
	ck_assert_int_eq(cost_request(&p, &t, true, &batch, &d), STATUS_OK);
	ck_assert_str_eq(exact(money_scale(sync.total, 1, 2, &(bool){false})), exact(batch.total));
	ck_assert(batch.used_derived);
	ck_assert(!sync.used_derived);
	t = counts(2000, 0, 0, 0, 300); /* no cache read: the derived rate priced nothing */
	ck_assert_int_eq(cost_request(&p, &t, true, &batch, &d), STATUS_OK);
	ck_assert(!batch.used_derived);
}
END_TEST

START_TEST(a_class_the_provider_does_not_sell_is_an_error)
{
	struct price_entry p = sonnet();
	struct cost_breakdown c;
	struct diag d;
	struct token_counts t = counts(300000, 0, 100, 0, 0);

	/* The long tier of this fixture sells no 5-minute writes. */
	ck_assert_int_eq(cost_request(&p, &t, false, &c, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "100 cache_write_5m tokens, but the model has no "
	                         "cache_write_5m price");
}
END_TEST

START_TEST(zero_tokens_cost_nothing_even_where_unsold)
{
	struct price_entry p = sonnet();
	struct cost_breakdown c;
	struct diag d;
	struct token_counts t = counts(0, 0, 0, 0, 0);

	ck_assert_int_eq(cost_request(&p, &t, true, &c, &d), STATUS_OK);
	ck_assert(money_is_zero(c.total));
}
END_TEST

/* A request's tokens, every class and the output; a sum past int64
 * saturates instead of wrapping below it. */
START_TEST(request_total_counts_every_class_and_saturates)
{
	struct token_counts t = {{0}};
	struct model m = {0};

	t.n[TOKEN_INPUT] = 1000;
	t.n[TOKEN_CACHE_READ] = 200;
	t.n[TOKEN_CACHE_WRITE_5M] = 30;
	t.n[TOKEN_CACHE_WRITE_1H] = 4;
	t.n[TOKEN_OUTPUT] = 5;
	ck_assert_int_eq(token_counts_request_total(&t), 1239);
	t.n[TOKEN_OUTPUT] = INT64_MAX;
	ck_assert_int_eq(token_counts_request_total(&t), INT64_MAX);
	t.n[TOKEN_OUTPUT] = 0;
	t.n[TOKEN_INPUT] = INT64_MAX;
	ck_assert_int_eq(token_counts_request_total(&t), INT64_MAX);
	ck_assert_int_eq(cost_context_window(&m), COST_MAX_REQUEST_TOKENS);
}
END_TEST

/* The window is the catalogue's figure when it has one, the fallback bound
 * when it has none (0) or the model is unknown; the prompt (every prompt
 * class) and the output must each fit in it, the boundary included. */
START_TEST(context_window_bounds_the_prompt_and_the_output_of_one_request)
{
	struct token_counts t = {{0}};
	struct model m = {0};
	struct diag d;

	m.id = (char *)"claude-haiku-4-5-20251001";
	ck_assert_int_eq(cost_context_window(NULL), COST_MAX_REQUEST_TOKENS);
	ck_assert_int_eq(cost_context_window(&m), COST_MAX_REQUEST_TOKENS);
	m.context_window = 200000;
	ck_assert_int_eq(cost_context_window(&m), 200000);

	t.n[TOKEN_INPUT] = 150000;
	t.n[TOKEN_CACHE_READ] = 40000;
	t.n[TOKEN_CACHE_WRITE_30M] = 10000;
	t.n[TOKEN_OUTPUT] = 64000; /* beside the prompt, as Gemini counts it */
	ck_assert_int_eq(cost_request_fits(&m, "haiku", &t, &d), STATUS_OK);
	t.n[TOKEN_CACHE_WRITE_12H] = 1;
	ck_assert_int_eq(cost_request_fits(&m, "haiku", &t, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "expected at most 200000 prompt tokens in one request "
	                         "(the context window of claude-haiku-4-5-20251001), "
	                         "found 200001");
	memset(&t, 0, sizeof t);
	t.n[TOKEN_OUTPUT] = 200001;
	ck_assert_int_eq(cost_request_fits(&m, "haiku", &t, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "expected at most 200000 output tokens in one request "
	                         "(the context window of claude-haiku-4-5-20251001), "
	                         "found 200001");
	/* No window known: the fallback, and the message says why. */
	t.n[TOKEN_OUTPUT] = 0;
	t.n[TOKEN_INPUT] = INT64_MAX;
	ck_assert_int_eq(cost_request_fits(NULL, "house-model", &t, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "expected at most 10000000 prompt tokens in one request "
	                         "(no model's context window is larger; the catalogue has "
	                         "none usable for house-model), found 9223372036854775807 "
	                         "or more");
	t.n[TOKEN_INPUT] = COST_MAX_REQUEST_TOKENS;
	ck_assert_int_eq(cost_request_fits(NULL, "house-model", &t, &d), STATUS_OK);
}
END_TEST

/* A price for requests above the window says the window is wrong (LiteLLM's
 * 200K for Claude Sonnet 4.5 beside its >200K tier): the fallback holds. */
START_TEST(a_window_below_the_models_own_long_context_tier_is_not_used)
{
	struct price_entry p = sonnet();
	struct model m = {0};

	m.id = (char *)"vertex_ai/claude-sonnet-4-5@20250929";
	m.context_window = 200000;
	m.prices = &p;
	m.price_count = 1;
	ck_assert_int_eq(cost_context_window(&m), COST_MAX_REQUEST_TOKENS);
	m.context_window = 200001;
	ck_assert_int_eq(cost_context_window(&m), 200001);
	p.has_long_context = false;
	m.context_window = 200000;
	ck_assert_int_eq(cost_context_window(&m), 200000);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		request_total_counts_every_class_and_saturates,
		context_window_bounds_the_prompt_and_the_output_of_one_request,
		a_window_below_the_models_own_long_context_tier_is_not_used,
		cached_tokens_are_never_counted_twice,
		cache_parts_above_the_total_are_refused,
		long_context_tier_applies_to_whole_request,
		the_provider_rule_says_which_tokens_count_toward_the_cliff,
		batch_is_half_and_flags_derived_rates,
		a_class_the_provider_does_not_sell_is_an_error,
		zero_tokens_cost_nothing_even_where_unsold,
	};
	return RUN_SUITE("cost", tests);
}
