/* recon_report: the flags reconcile and merge share, read into the options
 * and the period the reader and the figures take. */
#include "../../calc/recon_report.h"

#include "suite.h"
#include <string.h>

static struct cli ctx;

static void setup(void)
{
	struct diag d;

	cli_init(&ctx, date_from_civil(2026, 11, 25));
	ck_assert_int_eq(cli_load_catalogue(&ctx, NULL, &d), STATUS_OK);
}

static void teardown(void)
{
	cli_release(&ctx);
}

START_TEST(a_period_includes_both_of_its_days_and_nothing_beyond)
{
	struct recon_flags f = {.since = "2026-10-01", .until = "2026-10-31"};
	struct recon_options opt;
	struct diag d;

	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &f, &opt, &d), STATUS_OK);
	ck_assert(opt.period.has);
	ck_assert(!recon_period_contains(&opt.period, date_from_civil(2026, 9, 30)));
	ck_assert(recon_period_contains(&opt.period, date_from_civil(2026, 10, 1)));
	ck_assert(recon_period_contains(&opt.period, date_from_civil(2026, 10, 31)));
	ck_assert(!recon_period_contains(&opt.period, date_from_civil(2026, 11, 1)));
	/* read by month unless asked otherwise */
	ck_assert_int_eq(opt.group, GROUP_MONTH);
	/* --as-of (default today) is the date of use: the forecast's prices */
	ck_assert_int_eq(ctx.pricing.day, date_from_civil(2026, 11, 25));
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
	ck_assert(recon_period_contains(&opt.period, date_from_civil(2100, 1, 1)));
	ck_assert(!recon_period_contains(&opt.period, date_from_civil(2026, 9, 30)));
	ck_assert_int_eq(opt.group, GROUP_JOB);
	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &until, &opt, &d), STATUS_OK);
	ck_assert(recon_period_contains(&opt.period, date_from_civil(1990, 1, 1)));
	ck_assert(!recon_period_contains(&opt.period, date_from_civil(2026, 10, 1)));
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
	ck_assert_str_eq(recon_period_text(&opt.period, buf), "from 2026-10-01 to 2026-10-31");
	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &since, &opt, &d), STATUS_OK);
	ck_assert_str_eq(recon_period_text(&opt.period, buf), "from 2026-10-01");
	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &until, &opt, &d), STATUS_OK);
	ck_assert_str_eq(recon_period_text(&opt.period, buf), "to 2026-09-30");
}
END_TEST

START_TEST(no_period_counts_every_day)
{
	struct recon_flags f = {0};
	struct recon_options opt;
	struct diag d;

	memset(&opt, 0, sizeof opt);
	ck_assert_int_eq(recon_options_parse(&ctx, &f, &opt, &d), STATUS_OK);
	ck_assert(!opt.period.has);
	ck_assert(recon_period_contains(&opt.period, date_from_civil(1970, 1, 1)));
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

int main(void)
{
	const TTest *const tests[] = {
		a_period_includes_both_of_its_days_and_nothing_beyond,
		one_end_of_a_period_leaves_the_other_open,
		a_period_is_described_by_the_ends_it_has,
		no_period_counts_every_day,
		a_period_that_ends_before_it_starts_is_a_usage_error,
	};
	return RUN_SUITE_WITH("recon_report", tests, setup, teardown);
}
