/* recon_figures: a reconciliation priced without any CLI: each bucket at its
 * own day and rate, summed by model, grouping and job, unpriced tokens loud,
 * and the forecast split. Buckets are built by hand so that each figure can
 * be checked by hand. */
#include "../../calc/catalogue_load.h"
#include "../../calc/fx_load.h"
#include "../../calc/recon_figures.h"

#include "suite.h"
#include <string.h>

static struct pricing pr;
static struct recon_run run;

static void setup(void)
{
	struct diag d;

	pricing_init(&pr, date_from_civil(2026, 11, 25));
	ck_assert_int_eq(catalogue_load_builtin(&pr.catalogue, &d), STATUS_OK);
	pr.have_catalogue = true;
	recon_run_init(&run);
}

static void teardown(void)
{
	recon_run_release(&run);
	pricing_release(&pr);
}

/* `n` succeeded requests of `model` priced on `day`, job `job`, 1M uncached
 * input tokens in all: on claude-haiku-4-5 that is $0.50 batch, $1.00 sync. */
static void add(const char *job, const char *model, date_days day, int64_t n)
{
	struct recon_bucket b;
	struct diag d;

	memset(&b, 0, sizeof b);
	b.job = (char *)job;
	b.model = (char *)model;
	b.batch = (char *)"";
	b.day = day;
	b.outcomes[RECON_SUCCEEDED] = n;
	b.billed = n;
	b.tokens.n[TOKEN_INPUT] = 1000000;
	ck_assert_int_eq(recon_add(&run.r, &b, &d), STATUS_OK);
}

/* `n` errored requests of job `job`, naming no model, billing nothing. */
static void add_failed(const char *job, int64_t n)
{
	struct recon_bucket b;
	struct diag d;

	memset(&b, 0, sizeof b);
	b.job = (char *)job;
	b.model = (char *)"";
	b.batch = (char *)"";
	b.day = date_from_civil(2026, 2, 15);
	b.outcomes[RECON_ERRORED] = n;
	ck_assert_int_eq(recon_add(&run.r, &b, &d), STATUS_OK);
	ck_assert_int_eq(recon_add_error(&run.r, "overloaded_error", n, &d), STATUS_OK);
}

#define HAIKU "claude-haiku-4-5-20251001"

static money dollars(int64_t cents)
{
	return money_from_cents(cents);
}

static bool money_eq(money a, money b)
{
	return a.pico == b.pico;
}

/* fx-rates.csv's EUR rows: 0.9215 from 2026-01-02, 0.9302 from 2026-02-16. */
static void use_rates(void)
{
	static const char rates[] =
		"date,currency,rate\n2026-01-02,EUR,0.9215\n2026-02-16,EUR,0.9302\n";
	struct fx_table table = {NULL, 0};
	struct diag d;

	ck_assert_int_eq(fx_load_text(rates, strlen(rates), "rates.csv", &table, &d),
	                 STATUS_OK);
	ck_assert_int_eq(pricing_use_table(&pr, "EUR", "rates.csv", &table, &d),
	                 STATUS_OK);
}

START_TEST(each_bucket_is_converted_at_the_rate_of_its_own_day)
{
	struct recon_figures fig;
	struct diag d;
	bool overflow = false;

	use_rates();
	add("before", HAIKU, date_from_civil(2026, 2, 15), 2); /* between the rows */
	add("on", HAIKU, date_from_civil(2026, 2, 16), 2);     /* on the second row */
	ck_assert_int_eq(recon_figures_compute(&pr, &run, GROUP_JOB, NULL, &fig, &d),
	                 STATUS_OK);
	ck_assert_uint_eq(fig.job_count, 2);
	ck_assert_str_eq(fig.jobs[0].name, "before");
	ck_assert(money_eq(fig.jobs[0].batch, dollars(50)));
	ck_assert(money_eq(fig.jobs[0].batch_shown, fx_convert(dollars(50), 921500, &overflow)));
	ck_assert(money_eq(fig.jobs[0].sync_shown, fx_convert(dollars(100), 921500, &overflow)));
	ck_assert_str_eq(fig.jobs[1].name, "on");
	ck_assert(money_eq(fig.jobs[1].batch_shown, fx_convert(dollars(50), 930200, &overflow)));
	/* the total is the sum of the converted figures, each converted once */
	ck_assert(money_eq(fig.total.batch, dollars(100)));
	ck_assert(money_eq(fig.total.batch_shown,
	                   money_add(fig.jobs[0].batch_shown, fig.jobs[1].batch_shown,
	                             &overflow)));
	ck_assert(money_eq(fig.total.savings_shown,
	                   money_sub(fig.total.sync_shown, fig.total.batch_shown, &overflow)));
	ck_assert(!overflow);
	ck_assert_int_eq(pr.currency.used, 2); /* the stamp says "each date" */
	recon_figures_release(&fig);
}
END_TEST

START_TEST(a_batch_older_than_the_first_rate_is_refused_not_shown_in_usd)
{
	struct recon_figures fig;
	struct diag d;

	use_rates();
	add("old", HAIKU, date_from_civil(2026, 1, 1), 2);
	ck_assert_int_eq(recon_figures_compute(&pr, &run, GROUP_JOB, NULL, &fig, &d),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "rates.csv: expected a rate for EUR on or before "
	                 "2026-01-01, found none (the first is of 2026-01-02)");
	ck_assert_ptr_null(fig.buckets);
}
END_TEST

START_TEST(without_a_currency_shown_figures_are_the_usd_figures)
{
	struct recon_figures fig;
	struct diag d;

	add("a", HAIKU, date_from_civil(2026, 2, 15), 2);
	ck_assert_int_eq(recon_figures_compute(&pr, &run, GROUP_JOB, NULL, &fig, &d),
	                 STATUS_OK);
	ck_assert(money_eq(fig.total.batch_shown, fig.total.batch));
	ck_assert(money_eq(fig.total.sync_shown, dollars(100)));
	ck_assert(money_eq(fig.total.savings, dollars(50)));
	recon_figures_release(&fig);
}
END_TEST

START_TEST(rows_sum_by_model_grouping_and_job_and_failures_name_no_model)
{
	struct recon_figures fig;
	struct diag d;

	add("claims", HAIKU, date_from_civil(2026, 2, 15), 2);
	add("claims", HAIKU, date_from_civil(2026, 3, 1), 3);
	add("docs", "claude-sonnet-4-5-20250929", date_from_civil(2026, 3, 2), 1);
	add_failed("docs", 4);
	ck_assert_int_eq(recon_figures_compute(&pr, &run, GROUP_MONTH, NULL, &fig, &d),
	                 STATUS_OK);
	/* by model: the failures (no model) are left out */
	ck_assert_uint_eq(fig.model_count, 2);
	ck_assert_str_eq(fig.models[0].name, HAIKU);
	ck_assert_int_eq(fig.models[0].requests, 5);
	ck_assert(money_eq(fig.models[0].sync, dollars(200)));
	ck_assert_int_eq(fig.model_requests, 6);
	/* by month, sorted */
	ck_assert_uint_eq(fig.group_count, 2);
	ck_assert_str_eq(fig.groups[0].name, "2026-02");
	ck_assert_int_eq(fig.groups[0].requests, 6); /* 2 + the 4 failures */
	ck_assert_str_eq(fig.groups[1].name, "2026-03");
	/* by job */
	ck_assert_uint_eq(fig.job_count, 2);
	ck_assert_str_eq(fig.jobs[1].name, "docs");
	ck_assert_int_eq(fig.jobs[1].outcomes[RECON_ERRORED], 4);
	ck_assert_int_eq(fig.jobs[1].billed, 1);
	ck_assert_int_eq(fig.total.requests, 10);
	ck_assert(fig.success == 0.6);
	/* the ledger's view: every bucket priced, in the run's order */
	ck_assert(fig.buckets[0].priced);
	ck_assert(money_eq(fig.buckets[0].batch, dollars(50)));
	ck_assert(!fig.buckets[3].priced); /* nothing billed */
	recon_figures_release(&fig);
}
END_TEST

START_TEST(billed_tokens_no_price_covers_are_a_warning_and_an_error_never_zero)
{
	struct recon_figures fig;
	struct diag d;

	add("a", HAIKU, date_from_civil(2026, 2, 15), 2);
	add("b", "text-embedding-3-small", date_from_civil(2026, 2, 15), 2);
	ck_assert_int_eq(recon_figures_compute(&pr, &run, GROUP_JOB, NULL, &fig, &d),
	                 STATUS_UNKNOWN_MODEL);
	ck_assert_ptr_nonnull(strstr(d.text, "1 model cannot be priced; first: unknown "
	                             "model \"text-embedding-3-small\""));
	ck_assert_uint_eq(pr.warning_count, 1);
	ck_assert_int_eq(pr.warnings[0].kind, PRICING_UNPRICED);
	ck_assert_str_eq(pr.warnings[0].text, "text-embedding-3-small: 2 billed requests "
	                 "NOT PRICED: 1000000 uncached input tokens"); /* classes used */
	ck_assert_ptr_null(fig.models);
}
END_TEST

START_TEST(partial_figures_keep_what_can_be_priced_and_name_the_rest)
{
	struct recon_figures fig;
	struct diag d;

	add("a", HAIKU, date_from_civil(2026, 2, 15), 2);
	add("b", "text-embedding-3-small", date_from_civil(2026, 2, 15), 2);
	add("b", HAIKU, date_from_civil(2026, 2, 15), 1);
	ck_assert_int_eq(recon_figures_compute_partial(&pr, &run, GROUP_JOB, NULL, &fig, &d),
	                 STATUS_UNKNOWN_MODEL);
	ck_assert_ptr_nonnull(strstr(d.text, "1 model cannot be priced"));
	ck_assert_uint_eq(fig.unpriced_models, 1);
	ck_assert_uint_eq(fig.model_count, 2);
	/* the priced model whole, the other marked and never $0 in a total */
	ck_assert_str_eq(fig.models[0].name, HAIKU);
	ck_assert(!fig.models[0].unpriced && fig.models[0].priced_any);
	ck_assert(money_eq(fig.models[0].batch, dollars(100))); /* two buckets */
	ck_assert_str_eq(fig.models[1].name, "text-embedding-3-small");
	ck_assert(fig.models[1].unpriced && !fig.models[1].priced_any);
	ck_assert_int_eq(fig.models[1].tokens.n[TOKEN_INPUT], 1000000);
	/* job b is part priced: its money is haiku's alone */
	ck_assert_str_eq(fig.jobs[1].name, "b");
	ck_assert(fig.jobs[1].unpriced && fig.jobs[1].priced_any);
	ck_assert(money_eq(fig.jobs[1].batch, dollars(50)));
	ck_assert(fig.total.unpriced && fig.total.priced_any);
	ck_assert(money_eq(fig.total.batch, dollars(100)));
	ck_assert_int_eq(pr.warnings[0].kind, PRICING_UNPRICED);
	recon_figures_release(&fig);
}
END_TEST

START_TEST(partial_figures_with_nothing_priced_have_no_priced_total)
{
	struct recon_figures fig;
	struct diag d;

	add("b", "text-embedding-3-small", date_from_civil(2026, 2, 15), 2);
	ck_assert_int_eq(recon_figures_compute_partial(&pr, &run, GROUP_JOB, NULL, &fig, &d),
	                 STATUS_UNKNOWN_MODEL);
	/* the report shows the total NOT PRICED, never $0 */
	ck_assert(fig.total.unpriced && !fig.total.priced_any);
	ck_assert(fig.jobs[0].unpriced && !fig.jobs[0].priced_any);
	recon_figures_release(&fig);
}
END_TEST

START_TEST(later_token_classes_are_shown_only_when_used)
{
	struct token_counts none = {{0}}, used = {{0}};
	enum token_class order[TOKEN_CLASS_COUNT];
	char buf[64];

	ck_assert_int_eq(recon_token_shown(&none, order), TOKEN_CLASS_COUNT - 2);
	for (int k = 0; k < TOKEN_CLASS_COUNT - 2; k++)
		ck_assert(token_class_always_shown(order[k]));
	ck_assert_int_eq(order[TOKEN_CLASS_COUNT - 3], TOKEN_OUTPUT);
	used.n[TOKEN_CACHE_WRITE_12H] = 1;
	ck_assert_int_eq(recon_token_shown(&used, order), TOKEN_CLASS_COUNT - 1);
	ck_assert_int_eq(order[4], TOKEN_CACHE_WRITE_12H);
	ck_assert_int_eq(order[5], TOKEN_OUTPUT);
	ck_assert_str_eq(recon_token_key(TOKEN_CACHE_WRITE_30M, buf), "cache_write_30m_tokens");
	ck_assert(!recon_token_in_every_summary(TOKEN_CACHE_WRITE_30M));
	ck_assert(recon_token_in_every_summary(TOKEN_CACHE_WRITE_1H));
}
END_TEST

START_TEST(error_types_come_most_frequent_first_then_by_name)
{
	struct recon_figures fig;
	struct diag d;

	ck_assert_int_eq(recon_add_error(&run.r, "b", 1, &d), STATUS_OK);
	ck_assert_int_eq(recon_add_error(&run.r, "c", 5, &d), STATUS_OK);
	ck_assert_int_eq(recon_add_error(&run.r, "a", 1, &d), STATUS_OK);
	ck_assert_int_eq(recon_figures_compute(&pr, &run, GROUP_JOB, NULL, &fig, &d),
	                 STATUS_OK);
	ck_assert_str_eq(run.r.errors[0].type, "c");
	ck_assert_str_eq(run.r.errors[1].type, "a");
	ck_assert_str_eq(run.r.errors[2].type, "b");
	ck_assert(fig.success == 1.0); /* no requests */
	recon_figures_release(&fig);
}
END_TEST

/* The forecast is a 30-day month at the date of use's prices, all batch. */
START_TEST(a_forecast_workload_meets_the_job_of_its_name_and_the_parts_add_up)
{
	struct profile p;
	struct workload w;
	struct recon_figures fig;
	struct diag d;
	bool overflow = false;
	money parts;

	memset(&p, 0, sizeof p);
	memset(&w, 0, sizeof w);
	w.name = (char *)"claims";
	w.model = (char *)"claude-haiku-4-5";
	w.volume = 8;
	w.period = PERIOD_MONTH;
	w.input_tokens = 125000; /* within Haiku 4.5's 200K context window */
	w.batch_share = SHARE_SCALE;
	p.origin = (char *)"forecast.csv";
	p.workloads = &w;
	p.count = 1;
	add("claims", HAIKU, date_from_civil(2026, 2, 15), 5);
	ck_assert_int_eq(recon_figures_compute(&pr, &run, GROUP_JOB, &p, &fig, &d),
	                 STATUS_OK);
	/* 8 requests of 125,000 input at $0.50/M batch: $0.50 forecast */
	ck_assert(money_eq(fig.forecast[0].v.forecast, dollars(50)));
	ck_assert(money_eq(fig.forecast[0].v.actual, dollars(50)));
	ck_assert_int_eq(fig.forecast[0].actual_requests, 5);
	ck_assert(fig.forecast[0].any_actual);
	parts = money_add(money_add(fig.forecast[0].v.volume, fig.forecast[0].v.failure,
	                            &overflow),
	                  money_add(fig.forecast[0].v.mix, fig.forecast[0].v.price,
	                            &overflow), &overflow);
	ck_assert(money_eq(parts, fig.forecast[0].v.difference));
	ck_assert(!overflow);
	recon_figures_release(&fig);
}
END_TEST

START_TEST(reconcile_names_every_token_class_and_new_ones_flow_through)
{
	enum token_class order[TOKEN_CLASS_COUNT];
	bool seen[TOKEN_CLASS_COUNT] = {false};
	char buf[64];

	ck_assert_int_eq(recon_token_order(order), TOKEN_CLASS_COUNT);
	ck_assert_int_eq(order[0], TOKEN_INPUT);
	ck_assert_int_eq(order[1], TOKEN_CACHE_READ);
	for (int k = 0; k < TOKEN_CLASS_COUNT; k++) {
		ck_assert(!seen[order[k]]);
		seen[order[k]] = true;
		ck_assert_ptr_nonnull(strstr(recon_token_key(order[k], buf), "_tokens"));
	}
	ck_assert_str_eq(recon_token_words(TOKEN_CACHE_WRITE_5M, buf), "cache write 5m");
	ck_assert_str_eq(recon_token_header(TOKEN_INPUT, buf), "uncached in");
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		each_bucket_is_converted_at_the_rate_of_its_own_day,
		a_batch_older_than_the_first_rate_is_refused_not_shown_in_usd,
		without_a_currency_shown_figures_are_the_usd_figures,
		rows_sum_by_model_grouping_and_job_and_failures_name_no_model,
		billed_tokens_no_price_covers_are_a_warning_and_an_error_never_zero,
		partial_figures_keep_what_can_be_priced_and_name_the_rest,
		partial_figures_with_nothing_priced_have_no_priced_total,
		later_token_classes_are_shown_only_when_used,
		error_types_come_most_frequent_first_then_by_name,
		a_forecast_workload_meets_the_job_of_its_name_and_the_parts_add_up,
		reconcile_names_every_token_class_and_new_ones_flow_through,
	};
	return RUN_SUITE_WITH("recon_figures", tests, setup, teardown);
}
