/* recon_report: a reconciliation's period and its money in another currency.
 * Buckets are built by hand so that each figure can be checked by hand. */
#include "../../calc/fx_load.h"
#include "../../calc/recon_report.h"

#include "suite.h"
#include <string.h>

static struct cli ctx;
static struct recon_run run;

static void setup(void)
{
	struct diag d;

	memset(&run, 0, sizeof run);
	cli_init(&ctx, date_from_civil(2026, 11, 25));
	ck_assert_int_eq(cli_load_catalogue(&ctx, NULL, &d), STATUS_OK);
	recon_init(&run.r);
}

static void teardown(void)
{
	recon_run_release(&run);
	cli_release(&ctx);
}

/* Two succeeded requests of claude-haiku-4-5 priced on `day`, job `job`:
 * 1M uncached input tokens costs $0.50 on the Batch API, $1.00 sync. */
static void add_bucket(const char *job, date_days day)
{
	struct recon_bucket b;
	struct diag d;

	memset(&b, 0, sizeof b);
	b.job = (char *)job;
	b.model = (char *)"claude-haiku-4-5-20251001";
	b.batch = (char *)"";
	b.day = day;
	b.outcomes[RECON_SUCCEEDED] = 2;
	b.billed = 2;
	b.tokens.n[TOKEN_INPUT] = 1000000;
	ck_assert_int_eq(recon_add(&run.r, &b, &d), STATUS_OK);
}

static money dollars(int64_t cents)
{
	return money_from_cents(cents);
}

static bool money_eq(money a, money b)
{
	return a.pico == b.pico;
}

START_TEST(a_period_includes_both_of_its_days_and_nothing_beyond)
{
	struct recon_flags f = {.since = "2026-10-01", .until = "2026-10-31"};
	struct recon_options opt;
	struct diag d;

	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &f, &opt, &d), STATUS_OK);
	ck_assert(opt.has_period);
	ck_assert(!recon_in_period(&opt, date_from_civil(2026, 9, 30)));
	ck_assert(recon_in_period(&opt, date_from_civil(2026, 10, 1)));
	ck_assert(recon_in_period(&opt, date_from_civil(2026, 10, 31)));
	ck_assert(!recon_in_period(&opt, date_from_civil(2026, 11, 1)));
	/* read by month unless asked otherwise */
	ck_assert_int_eq(opt.group, GROUP_MONTH);
}
END_TEST

START_TEST(one_end_of_a_period_leaves_the_other_open)
{
	struct recon_flags since = {.since = "2026-10-01", .group = "job"};
	struct recon_flags until = {.until = "2026-09-30"};
	struct recon_options opt;
	struct diag d;

	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &since, &opt, &d), STATUS_OK);
	ck_assert(recon_in_period(&opt, date_from_civil(2100, 1, 1)));
	ck_assert(!recon_in_period(&opt, date_from_civil(2026, 9, 30)));
	ck_assert_int_eq(opt.group, GROUP_JOB);
	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &until, &opt, &d), STATUS_OK);
	ck_assert(recon_in_period(&opt, date_from_civil(1990, 1, 1)));
	ck_assert(!recon_in_period(&opt, date_from_civil(2026, 10, 1)));
}
END_TEST

START_TEST(a_period_is_described_by_the_ends_it_has)
{
	struct recon_flags both = {.since = "2026-10-01", .until = "2026-10-31"};
	struct recon_flags since = {.since = "2026-10-01"};
	struct recon_flags until = {.until = "2026-09-30"};
	struct recon_options opt;
	struct diag d;
	char buf[64];

	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &both, &opt, &d), STATUS_OK);
	ck_assert_str_eq(recon_period_text(&opt, buf), "from 2026-10-01 to 2026-10-31");
	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &since, &opt, &d), STATUS_OK);
	ck_assert_str_eq(recon_period_text(&opt, buf), "from 2026-10-01");
	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &until, &opt, &d), STATUS_OK);
	ck_assert_str_eq(recon_period_text(&opt, buf), "to 2026-09-30");
}
END_TEST

START_TEST(no_period_counts_every_day)
{
	struct recon_flags f = {0};
	struct recon_options opt;
	struct diag d;

	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &f, &opt, &d), STATUS_OK);
	ck_assert(!opt.has_period);
	ck_assert(recon_in_period(&opt, date_from_civil(1970, 1, 1)));
	ck_assert_int_eq(opt.group, GROUP_JOB);
}
END_TEST

START_TEST(a_period_that_ends_before_it_starts_is_a_usage_error)
{
	struct recon_flags f = {.since = "2026-10-01", .until = "2026-09-30"};
	struct recon_options opt;
	struct diag d;

	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &f, &opt, &d), STATUS_USAGE);
	ck_assert_str_eq(d.text, "--until: expected a date on or after --since "
	                 "2026-10-01, found \"2026-09-30\"");
}
END_TEST

/* fx-rates.csv's EUR rows: 0.9215 from 2026-01-02, 0.9302 from 2026-02-16. */
static const char rates[] =
	"date,currency,rate\n2026-01-02,EUR,0.9215\n2026-02-16,EUR,0.9302\n";

/* The rows above as if read from rates.csv by --currency EUR --fx rates.csv. */
static void use_rates(struct diag *d)
{
	struct fx_table table = {NULL, 0};

	ck_assert_int_eq(fx_load_text(rates, strlen(rates), "rates.csv", &table, d),
	                 STATUS_OK);
	ck_assert_int_eq(pricing_use_table(&ctx.pricing, "EUR", "rates.csv", &table, d),
	                 STATUS_OK);
}

START_TEST(each_bucket_is_converted_at_the_rate_of_its_own_day)
{
	struct recon_flags f = {.currency = "EUR", .fx = "rates.csv"};
	struct recon_options opt;
	struct recon_figures fig;
	struct diag d;
	bool overflow = false;

	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &f, &opt, &d), STATUS_INPUT);
	/* the file does not exist here: load the same rows from text instead */
	use_rates(&d);
	add_bucket("before", date_from_civil(2026, 2, 15)); /* between the rows */
	add_bucket("on", date_from_civil(2026, 2, 16));     /* on the second row */
	ck_assert_int_eq(recon_figures_compute(&ctx, &run, &opt, &fig, &d), STATUS_OK);
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
	ck_assert(!overflow);
	ck_assert_int_eq(ctx.pricing.currency.used, 2); /* the stamp says "each date" */
	recon_figures_release(&fig);
}
END_TEST

START_TEST(a_batch_older_than_the_first_rate_is_refused_not_shown_in_usd)
{
	struct recon_options opt;
	struct recon_figures fig;
	struct diag d;

	memset(&opt, 0, sizeof opt);
	opt.as_of = ctx.today;
	use_rates(&d);
	add_bucket("old", date_from_civil(2026, 1, 1));
	ck_assert_int_eq(recon_figures_compute(&ctx, &run, &opt, &fig, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "rates.csv: expected a rate for EUR on or before "
	                 "2026-01-01, found none (the first is of 2026-01-02)");
}
END_TEST

START_TEST(without_a_currency_shown_figures_are_the_usd_figures)
{
	struct recon_options opt;
	struct recon_figures fig;
	struct diag d;

	memset(&opt, 0, sizeof opt);
	add_bucket("a", date_from_civil(2026, 2, 15));
	ck_assert_int_eq(recon_figures_compute(&ctx, &run, &opt, &fig, &d), STATUS_OK);
	ck_assert(money_eq(fig.total.batch_shown, fig.total.batch));
	ck_assert(money_eq(fig.total.sync_shown, dollars(100)));
	recon_figures_release(&fig);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		a_period_includes_both_of_its_days_and_nothing_beyond,
		one_end_of_a_period_leaves_the_other_open,
		a_period_is_described_by_the_ends_it_has,
		no_period_counts_every_day,
		a_period_that_ends_before_it_starts_is_a_usage_error,
		each_bucket_is_converted_at_the_rate_of_its_own_day,
		a_batch_older_than_the_first_rate_is_refused_not_shown_in_usd,
		without_a_currency_shown_figures_are_the_usd_figures,
	};
	return RUN_SUITE_WITH("recon_report", tests, setup, teardown);
}
