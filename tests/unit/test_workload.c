/* workload: requests per month, monthly sync/batch/hybrid cost, the cliff over a distribution. */
#include "../../models/workload.h"

#include "suite.h"

#include <math.h>
#include <string.h>

static const struct ratio thirty = {30, 1};

static struct price_entry claude_35_sonnet(void)
{
	struct price_entry p;

	memset(&p, 0, sizeof p);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		p.standard.sync.offered[c] = p.standard.batch.offered[c] = true;
	p.standard.sync.rates[TOKEN_INPUT].micro = 3000000;
	p.standard.sync.rates[TOKEN_OUTPUT].micro = 15000000;
	p.standard.batch.rates[TOKEN_INPUT].micro = 1500000;
	p.standard.batch.rates[TOKEN_OUTPUT].micro = 7500000;
	return p;
}

static struct workload make(const char *name, int64_t volume, enum period period,
                            int64_t in, int64_t out)
{
	struct workload w;

	memset(&w, 0, sizeof w);
	w.name = (char *)name;
	w.volume = volume;
	w.period = period;
	w.input_tokens = in;
	w.output_tokens = out;
	w.batch_share = SHARE_SCALE;
	return w;
}

static const char *cents(money m)
{
	static char buf[4][64];
	static int next;
	char *b = buf[next++ % 4];
	money_format(m, 2, false, b, 64);
	return b;
}

static struct workload_estimate estimate(const struct workload *w)
{
	struct price_entry p = claude_35_sonnet();
	struct workload_estimate e;
	struct diag d;

	ck_assert_msg(workload_estimate(w, &p, thirty, &e, &d) == STATUS_OK, "%s", d.text);
	return e;
}

START_TEST(seed_scenarios_come_out_to_the_cent)
{
	struct workload contract = make("contract-review", 500, PERIOD_DAY, 15000, 800);
	struct workload claims = make("claims-classification", 50000, PERIOD_MONTH, 2000, 150);
	struct workload research = make("research-agent", 200, PERIOD_WEEK, 9000, 2000);
	struct workload triage = make("claims-triage", 5000, PERIOD_MONTH, 2000, 300);
	struct workload_estimate e;

	e = estimate(&contract);
	ck_assert_str_eq(cents(e.sync), "855.00");
	ck_assert_str_eq(cents(e.batch), "427.50");
	ck_assert_str_eq(cents(e.savings), "427.50");
	e = estimate(&claims);
	ck_assert_str_eq(cents(e.sync), "412.50");
	ck_assert_str_eq(cents(e.batch), "206.25");
	/* The article's 10,400 a month is wrong: 200 a week is 6000/7 a month. */
	e = estimate(&research);
	ck_assert_int_eq(e.requests_per_month.num, 6000);
	ck_assert_int_eq(e.requests_per_month.den, 7);
	ck_assert_str_eq(cents(e.sync), "48.86");
	ck_assert_str_eq(cents(e.batch), "24.43");
	/* The case study's $0.15 a claim is wrong: it is $0.0105. */
	e = estimate(&triage);
	ck_assert_str_eq(cents(e.request_sync), "0.01");
	{
		char buf[64];
		money_format_exact(e.request_sync, buf, sizeof buf);
		ck_assert_str_eq(buf, "0.0105");
	}
	ck_assert_str_eq(cents(e.sync), "52.50");
	ck_assert_str_eq(cents(e.batch), "26.25");
}
END_TEST

START_TEST(periods_convert_under_the_month_convention)
{
	struct { enum period p; int64_t num, den; } cases[] = {
		{PERIOD_HOUR, 720, 1}, {PERIOD_DAY, 30, 1}, {PERIOD_WEEK, 30, 7},
		{PERIOD_MONTH, 1, 1}, {PERIOD_YEAR, 1, 12},
	};
	struct diag d;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct workload w = make("w", 1, cases[i].p, 1, 1);
		struct ratio r;
		ck_assert_int_eq(workload_requests_per_month(&w, thirty, &r, &d), STATUS_OK);
		ck_assert_msg(r.num * cases[i].den == cases[i].num * r.den, "%s",
		              period_name(cases[i].p));
	}
	{
		struct workload w = make("w", 1, PERIOD_DAY, 1, 1);
		struct ratio r, julian = {304375, 10000};
		ck_assert_int_eq(workload_requests_per_month(&w, julian, &r, &d), STATUS_OK);
		ck_assert_int_eq(r.num, 304375);
		ck_assert_int_eq(r.den, 10000);
	}
}
END_TEST

START_TEST(hybrid_lies_between_batch_and_sync)
{
	struct workload w = make("w", 1000, PERIOD_DAY, 3000, 400);
	struct workload_estimate e;

	w.batch_share = 750000;
	e = estimate(&w);
	/* 30,000 a month at $0.015 sync, $0.0075 batch; 3/4 of it to batch. */
	ck_assert_str_eq(cents(e.sync), "450.00");
	ck_assert_str_eq(cents(e.batch), "225.00");
	ck_assert_str_eq(cents(e.hybrid), "281.25");
	ck_assert_str_eq(cents(e.savings), "168.75");
	w.batch_share = 0;
	e = estimate(&w);
	ck_assert_int_eq(money_cmp(e.hybrid, e.sync), 0);
	ck_assert(money_is_zero(e.savings));
}
END_TEST

START_TEST(lognormal_tail_matches_its_definition)
{
	double requests, tokens;
	struct diag d;

	/* p95 equal to the mean: every request is the mean. */
	ck_assert_int_eq(lognormal_tail(1000, 1000, 500, &requests, &tokens, &d), STATUS_OK);
	ck_assert(requests == 1.0 && tokens == 1.0);
	/* A threshold at the p95 leaves 5% of requests above it. */
	ck_assert_int_eq(lognormal_tail(120000, 240000, 240000, &requests, &tokens, &d), STATUS_OK);
	ck_assert_msg(fabs(requests - 0.05) < 1e-9, "%.12f", requests);
	ck_assert(tokens > requests); /* the big requests carry more than their share */
	/* More spread, more requests over a high threshold. */
	{
		double wider;
		ck_assert_int_eq(lognormal_tail(120000, 300000, 240000, &wider, &tokens, &d), STATUS_OK);
		ck_assert(wider > 0.05);
	}
	ck_assert_int_eq(lognormal_tail(1000, 3880, 500, &requests, &tokens, &d), STATUS_INPUT);
	ck_assert_int_eq(lognormal_tail(1000, 999, 500, &requests, &tokens, &d), STATUS_INPUT);
}
END_TEST

START_TEST(cliff_over_a_distribution_costs_more_than_at_the_average)
{
	struct price_entry p = claude_35_sonnet();
	struct workload w = make("w", 1000, PERIOD_DAY, 120000, 1000);
	struct workload_estimate flat, spread;
	struct diag d;

	p.has_long_context = true;
	p.long_context_above = 200000;
	p.long_context.sync = p.standard.sync;
	p.long_context.batch = p.standard.batch;
	p.long_context.sync.rates[TOKEN_INPUT].micro = 6000000;
	p.long_context.sync.rates[TOKEN_OUTPUT].micro = 22500000;
	p.long_context.batch.rates[TOKEN_INPUT].micro = 3000000;
	p.long_context.batch.rates[TOKEN_OUTPUT].micro = 11250000;
	ck_assert_int_eq(workload_estimate(&w, &p, thirty, &flat, &d), STATUS_OK);
	ck_assert(flat.long_context_share == 0.0);
	w.input_tokens_p95 = 240000;
	ck_assert_int_eq(workload_estimate(&w, &p, thirty, &spread, &d), STATUS_OK);
	ck_assert(spread.long_context_share > 0.05);
	ck_assert_int_gt(money_cmp(spread.sync, flat.sync), 0);
	ck_assert_int_gt(money_cmp(spread.batch, flat.batch), 0);
	ck_assert_int_lt(money_cmp(spread.batch, spread.sync), 0);
}
END_TEST

START_TEST(volume_overflow_is_reported)
{
	struct workload w = make("huge", INT64_MAX / 2, PERIOD_HOUR, 1, 1);
	struct price_entry p = claude_35_sonnet();
	struct workload_estimate e;
	struct diag d;

	ck_assert_int_eq(workload_estimate(&w, &p, thirty, &e, &d), STATUS_OVERFLOW);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		seed_scenarios_come_out_to_the_cent,
		periods_convert_under_the_month_convention,
		hybrid_lies_between_batch_and_sync,
		lognormal_tail_matches_its_definition,
		cliff_over_a_distribution_costs_more_than_at_the_average,
		volume_overflow_is_reported,
	};
	return RUN_SUITE("workload", tests);
}
