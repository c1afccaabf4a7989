/* capacity: batch packing, rate-limit fit, growth and payback, at the
 * boundaries (exactly at a limit fits, one more does not). */
#include "../../models/capacity.h"

#include "suite.h"
#include <stdlib.h>
#include <string.h>

/* Anthropic's batch limits: 100,000 requests or 256 MB a batch. */
static const struct batch_limits anthropic = {0, DATE_OPEN_END, 100000, 268435456,
                                              24, NULL};
/* Sonnet 4.x, late-2025 tiers 1 and 2. */
static struct tier_rate_limit sonnet_tiers[] = {
	{1, 50, 30000, 8000}, {2, 1000, 450000, 90000},
};
static const struct rate_limit_group sonnet = {"sonnet-4", sonnet_tiers, 2};

START_TEST(exactly_max_requests_is_one_batch_and_one_more_is_two)
{
	struct batch_packing p;

	capacity_pack(100000, 1000, &anthropic, &p);
	ck_assert_int_eq(p.batches, 1);
	ck_assert_int_eq(p.bound, BOUND_REQUESTS);
	capacity_pack(100001, 1000, &anthropic, &p);
	ck_assert_int_eq(p.batches, 2);
	ck_assert_int_eq(p.batches_by_requests, 2);
}
END_TEST

START_TEST(issue_example_needs_three_batches_by_count)
{
	struct batch_packing p;

	/* 250,000 requests a day at 100,000 a batch: 3 batches whenever the
	 * bytes do not bind (requests of at most 2,684 bytes). */
	capacity_pack(250000, 2684, &anthropic, &p);
	ck_assert_int_eq(p.batches_by_requests, 3);
	ck_assert_int_eq(p.batches, 3);
	/* At 4 bytes a token + 200 bytes of JSON, 2,000 tokens are 8,200 bytes:
	 * 32,736 fit in 256 MB, so the bytes bind and 8 batches are needed. */
	struct capacity_settings s = {400, 200, 1440};
	capacity_pack(250000, capacity_request_bytes(2000, &s), &anthropic, &p);
	ck_assert_int_eq(p.request_bytes, 8200);
	ck_assert_int_eq(p.per_batch, 32736);
	ck_assert_int_eq(p.batches_by_requests, 3);
	ck_assert_int_eq(p.batches, 8);
	ck_assert_int_eq(p.bound, BOUND_BYTES);
}
END_TEST

START_TEST(bytes_limit_is_inclusive_and_a_request_above_it_is_too_large)
{
	struct batch_packing p;

	/* 2,684.35456 bytes a request fit 100,000 in 256 MB; 2,685 do not. */
	capacity_pack(100000, 2684, &anthropic, &p);
	ck_assert_int_eq(p.batches, 1);
	capacity_pack(100000, 2685, &anthropic, &p);
	ck_assert_int_eq(p.batches, 2);
	capacity_pack(1, 268435456, &anthropic, &p);
	ck_assert(!p.request_too_large);
	ck_assert_int_eq(p.batches, 1);
	capacity_pack(1, 268435457, &anthropic, &p);
	ck_assert(p.request_too_large);
}
END_TEST

START_TEST(request_bytes_round_up_the_token_bytes)
{
	struct capacity_settings s = {125, 0, 1440}; /* 1.25 bytes a token */

	ck_assert_int_eq(capacity_request_bytes(4, &s), 5);
	ck_assert_int_eq(capacity_request_bytes(5, &s), 7); /* 6.25 -> 7 */
}
END_TEST

/* n requests a day of `in` ITPM tokens and `out` output tokens each. */
static struct sync_demand demand(int64_t num, int64_t den, int64_t in, int64_t out)
{
	struct workload w;
	struct sync_demand dm;

	memset(&w, 0, sizeof w);
	w.input_tokens = in;
	w.output_tokens = out;
	ck_assert(capacity_demand(&w, (struct ratio){num, den}, &dm));
	return dm;
}

START_TEST(fifty_rpm_is_72000_a_day_exactly)
{
	struct sync_demand dm = demand(72000, 1, 0, 0);
	struct tier_fit f;

	capacity_fit(&dm, &sonnet_tiers[0], 1440, &f);
	ck_assert(f.fits);
	ck_assert(f.use[LIMIT_RPM] == 1.0);
	dm = demand(72001, 1, 0, 0);
	capacity_fit(&dm, &sonnet_tiers[0], 1440, &f);
	ck_assert(!f.fits);
	ck_assert(f.over[LIMIT_RPM]);
	ck_assert_int_eq(f.binding, LIMIT_RPM);
	/* A fraction of a request over: 72,000 and 1/7 a day. */
	dm = demand(504001, 7, 0, 0);
	capacity_fit(&dm, &sonnet_tiers[0], 1440, &f);
	ck_assert(!f.fits);
}
END_TEST

START_TEST(a_shorter_window_needs_a_higher_rate)
{
	struct sync_demand dm = demand(30000, 1, 0, 0);
	struct tier_fit f;

	capacity_fit(&dm, &sonnet_tiers[0], 600, &f); /* 10 h x 50 RPM = 30,000 */
	ck_assert(f.fits);
	capacity_fit(&dm, &sonnet_tiers[0], 599, &f);
	ck_assert(!f.fits);
}
END_TEST

START_TEST(issue_example_is_not_feasible_at_tier_1_and_binds_on_itpm)
{
	struct sync_demand dm = demand(250000, 1, 2000, 200);
	struct tier_fit f;

	capacity_fit(&dm, &sonnet_tiers[0], 1440, &f);
	ck_assert(!f.fits);
	ck_assert(f.over[LIMIT_RPM]);
	ck_assert_int_eq(f.binding, LIMIT_ITPM); /* 347,222 of 30,000 */
	ck_assert_int_eq(capacity_min_tier(&dm, &sonnet, 1440), 2);
	dm = demand(1000 * 1440 + 1, 1, 2000, 200); /* above tier 2's RPM too */
	ck_assert_int_eq(capacity_min_tier(&dm, &sonnet, 1440), 0);
}
END_TEST

START_TEST(demands_of_workloads_on_one_model_add_up_to_the_limit)
{
	struct sync_demand a = demand(36000, 1, 0, 0), b = demand(36000, 1, 0, 0);
	struct tier_fit f;

	/* Two halves of 50 RPM fit together exactly; one more request does not. */
	ck_assert(capacity_demand_add(&a, &b));
	capacity_fit(&a, &sonnet_tiers[0], 1440, &f);
	ck_assert(f.fits);
	b = demand(1, 1, 0, 0);
	ck_assert(capacity_demand_add(&a, &b));
	capacity_fit(&a, &sonnet_tiers[0], 1440, &f);
	ck_assert(!f.fits);
}
END_TEST

START_TEST(cache_reads_do_not_count_against_itpm)
{
	struct workload w;

	memset(&w, 0, sizeof w);
	w.input_tokens = 3000;
	w.cache_read_tokens = 2000;
	w.cache_write_tokens = 500;
	ck_assert_int_eq(capacity_itpm_tokens(&w), 1000);
}
END_TEST

START_TEST(queue_limit_is_inclusive_and_names_the_lowest_tier)
{
	struct tier_value tiers[] = {{2, 200000}, {1, 100000}, {3, 300000}};
	struct queue_limit_table t = {0, DATE_OPEN_END, NULL, tiers, 3};
	struct queue_fit q;

	capacity_queue(100000, &t, 1, 0, &q);
	ck_assert(q.known && q.fits);
	ck_assert_int_eq(q.min_tier, 1);
	capacity_queue(100001, &t, 1, 0, &q);
	ck_assert(!q.fits);
	ck_assert_int_eq(q.min_tier, 2);
	capacity_queue(300001, &t, 1, 0, &q);
	ck_assert_int_eq(q.min_tier, 0);
	capacity_queue(100001, &t, 1, 100001, &q); /* --queue-limit */
	ck_assert(q.fits);
}
END_TEST

START_TEST(an_expired_table_is_used_as_the_latest_and_flagged_stale)
{
	struct rate_limit_table tables[] = {
		{.from = date_from_civil(2025, 1, 1), .to = date_from_civil(2025, 10, 1)},
		{.from = date_from_civil(2025, 10, 1), .to = date_from_civil(2026, 6, 26)},
	};
	struct provider p;
	bool stale;

	memset(&p, 0, sizeof p);
	p.rate_limits = tables;
	p.rate_limit_count = 2;
	ck_assert_ptr_eq(capacity_rate_table(&p, date_from_civil(2026, 6, 25), &stale),
	                 &tables[1]);
	ck_assert(!stale);
	ck_assert_ptr_eq(capacity_rate_table(&p, date_from_civil(2026, 6, 26), &stale),
	                 &tables[1]);
	ck_assert(stale);
	ck_assert_ptr_eq(capacity_rate_table(&p, date_from_civil(2024, 1, 1), &stale),
	                 NULL);
}
END_TEST

START_TEST(ratios_multiply_and_add_reduced_and_refuse_overflow)
{
	struct ratio r;

	/* 200 a week is 6000/7 a month; a 30-day month makes it 200/7 a day. */
	ck_assert(ratio_mul((struct ratio){6000, 7}, (struct ratio){1, 30}, &r));
	ck_assert_int_eq(r.num, 200);
	ck_assert_int_eq(r.den, 7);
	ck_assert(ratio_add((struct ratio){1, 6}, (struct ratio){1, 3}, &r));
	ck_assert_int_eq(r.num, 1);
	ck_assert_int_eq(r.den, 2);
	ck_assert(!ratio_mul((struct ratio){INT64_MAX / 2, 1}, (struct ratio){3, 1}, &r));
	ck_assert_int_eq(r.num, 1); /* untouched */
}
END_TEST

START_TEST(grown_requests_round_half_away_from_zero)
{
	struct diag d;
	int64_t n;

	ck_assert_int_eq(capacity_grow((struct ratio){6000, 7}, 1.0, &n, &d), STATUS_OK);
	ck_assert_int_eq(n, 857);
	ck_assert_int_eq(capacity_grow((struct ratio){5, 2}, 1.0, &n, &d), STATUS_OK);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(capacity_grow((struct ratio){1000, 1}, 1e20, &n, &d),
	                 STATUS_OVERFLOW);
}
END_TEST

/* $3 / $15 sync, $1.50 / $7.50 batch, no cache, no long context. */
static void sonnet_price(struct price_entry *p)
{
	memset(p, 0, sizeof *p);
	p->from = 0;
	p->to = DATE_OPEN_END;
	p->standard.sync.rates[TOKEN_INPUT].micro = 3000000;
	p->standard.sync.rates[TOKEN_OUTPUT].micro = 15000000;
	p->standard.batch.rates[TOKEN_INPUT].micro = 1500000;
	p->standard.batch.rates[TOKEN_OUTPUT].micro = 7500000;
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		p->standard.sync.offered[c] = p->standard.batch.offered[c] = true;
}

static struct workload one_k_prompt(void)
{
	struct workload w;

	memset(&w, 0, sizeof w);
	w.name = (char *)"w";
	w.volume = 1000;
	w.period = PERIOD_DAY;
	w.input_tokens = 1000; /* $0.003 sync, $0.0015 batch: saves $0.0015 */
	w.batch_share = SHARE_SCALE;
	return w;
}

START_TEST(break_even_month_is_the_first_whose_cumulative_savings_reach_the_cost)
{
	struct price_entry price;
	const struct price_entry *prices[1] = {&price};
	struct workload w = one_k_prompt();
	struct projection_month m[3];
	struct diag d;

	sonnet_price(&price);
	/* 30,000 requests a month save $45.00 a month. */
	ck_assert_int_eq(capacity_project(&w, prices, 1, (struct ratio){30, 1}, 0.0,
	                                  1.0, 3, m, NULL, &d), STATUS_OK);
	ck_assert_int_eq(money_cmp(m[0].savings, money_from_cents(4500)), 0);
	ck_assert_int_eq(capacity_break_even(m, 3, money_from_cents(9000)), 2);
	ck_assert_int_eq(capacity_break_even(m, 3, money_from_cents(9001)), 3);
	ck_assert_int_eq(capacity_break_even(m, 3, money_from_cents(13501)), -1);
	ck_assert_int_eq(capacity_break_even(m, 3, money_zero()), 0);
}
END_TEST

START_TEST(growth_compounds_monthly_and_prices_each_rounded_month)
{
	struct price_entry price;
	const struct price_entry *prices[1] = {&price};
	struct workload w = one_k_prompt();
	struct projection_month m[3];
	int64_t requests[3];
	struct diag d;

	sonnet_price(&price);
	ck_assert_int_eq(capacity_project(&w, prices, 1, (struct ratio){30, 1}, 0.1,
	                                  1.0, 3, m, requests, &d), STATUS_OK);
	ck_assert_int_eq(requests[0], 30000);
	ck_assert_int_eq(requests[1], 33000);
	ck_assert_int_eq(requests[2], 36300);
	ck_assert_int_eq(m[2].requests, 36300);
	/* 36,300 x $0.003 */
	ck_assert_int_eq(money_cmp(m[2].sync, money_from_cents(10890)), 0);
}
END_TEST

START_TEST(smallest_paying_volume_is_exact_at_the_boundary)
{
	struct price_entry price;
	const struct price_entry *prices[1] = {&price};
	struct workload w = one_k_prompt();
	struct diag d;
	int64_t volume;
	bool found;

	sonnet_price(&price);
	/* $45 over one month at $0.0015 a request = 30,000 a month = 1,000 a day. */
	ck_assert_int_eq(capacity_min_daily_volume(&w, prices, 1, (struct ratio){30, 1},
	                                           0.0, 1, money_from_cents(4500),
	                                           &volume, &found, &d), STATUS_OK);
	ck_assert(found);
	ck_assert_int_eq(volume, 1000);
	w.batch_share = 0; /* nothing moves: nothing is saved */
	ck_assert_int_eq(capacity_min_daily_volume(&w, prices, 1, (struct ratio){30, 1},
	                                           0.0, 1, money_from_cents(4500),
	                                           &volume, &found, &d), STATUS_OK);
	ck_assert(!found);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		exactly_max_requests_is_one_batch_and_one_more_is_two,
		issue_example_needs_three_batches_by_count,
		bytes_limit_is_inclusive_and_a_request_above_it_is_too_large,
		request_bytes_round_up_the_token_bytes,
		fifty_rpm_is_72000_a_day_exactly,
		a_shorter_window_needs_a_higher_rate,
		issue_example_is_not_feasible_at_tier_1_and_binds_on_itpm,
		demands_of_workloads_on_one_model_add_up_to_the_limit,
		cache_reads_do_not_count_against_itpm,
		queue_limit_is_inclusive_and_names_the_lowest_tier,
		an_expired_table_is_used_as_the_latest_and_flagged_stale,
		ratios_multiply_and_add_reduced_and_refuse_overflow,
		grown_requests_round_half_away_from_zero,
		break_even_month_is_the_first_whose_cumulative_savings_reach_the_cost,
		growth_compounds_monthly_and_prices_each_rounded_month,
		smallest_paying_volume_is_exact_at_the_boundary,
	};
	return RUN_SUITE("capacity", tests);
}
