/* latency: turnaround profiles read strictly, written back faithfully. */
#include "../../calc/latency.h"

#include "suite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A full profile (168 rows) with row `skip` left out and `extra` appended. */
static char *profile_text(int skip, const char *extra)
{
	static const char *const days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	size_t size = 16384, used = 0;
	char *text = malloc(size);

	used += (size_t)snprintf(text, size, "# comment\r\nday,hour_utc,median_hours,p95_hours\r\n");
	for (int h = 0; h < 168; h++)
		if (h != skip)
			used += (size_t)snprintf(text + used, size - used, "%s,%d,1,3\r\n",
			                         days[h / 24], h % 24);
	snprintf(text + used, size - used, "%s", extra);
	return text;
}

static enum status load(const char *text, struct sla_profile *p, struct diag *d)
{
	return latency_load_text(text, strlen(text), "p.csv", p, d);
}

START_TEST(the_builtin_profile_covers_every_hour_of_the_week)
{
	struct sla_profile p;
	struct diag d;

	ck_assert_int_eq(latency_load_builtin(&p, &d), STATUS_OK);
	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		ck_assert(p.bucket[h].p95_hours > p.bucket[h].median_hours);
	ck_assert_double_eq(p.bucket[5 * 24 + 12].median_hours, 0.5); /* Saturday */
	ck_assert_double_eq(p.bucket[15].median_hours, 6.0);          /* Monday peak */
}
END_TEST

START_TEST(a_missing_hour_is_named)
{
	struct sla_profile p;
	struct diag d;
	char *text = profile_text(30, "");

	ck_assert_int_eq(load(text, &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:170:1: expected a row for every hour of the "
	                 "week (168), found none for tue hour_utc 6");
	free(text);
}
END_TEST

START_TEST(a_bad_field_names_line_and_column)
{
	struct sla_profile p;
	struct diag d;
	char *text = profile_text(167, "sun,23,2,1.5\n");

	ck_assert_int_eq(load(text, &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:170:10: p95_hours: expected more hours than "
	                 "median_hours (2), found \"1.5\"");
	free(text);
	text = profile_text(167, "sun,24,2,3\n");
	ck_assert_int_eq(load(text, &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:170:5: hour_utc: expected an hour from 0 to "
	                 "23, found \"24\" (too large)");
	free(text);
}
END_TEST

START_TEST(an_hour_given_twice_is_refused)
{
	struct sla_profile p;
	struct diag d;
	char *text = profile_text(-1, "mon,0,1,3\n");

	ck_assert_int_eq(load(text, &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:171:1: day: expected each hour of the week "
	                 "once (first on line 3), found \"mon\"");
	free(text);
}
END_TEST

START_TEST(written_profiles_load_back_the_same)
{
	struct sla_profile p, q;
	struct diag d;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_int_eq(latency_load_builtin(&p, &d), STATUS_OK);
	p.batches[7] = 12;
	latency_write(f, &p, "first line\nsecond line");
	fclose(f);
	ck_assert(strncmp(buf, "# first line\n# second line\nprovider,day,", 40) == 0);
	ck_assert_int_eq(latency_load_text(buf, len, "w.csv", &q, &d), STATUS_OK);
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		ck_assert_double_eq(q.bucket[h].median_hours, p.bucket[h].median_hours);
		ck_assert_double_eq(q.bucket[h].p95_hours, p.bucket[h].p95_hours);
		ck_assert_int_eq(q.batches[h], p.batches[h]);
	}
	ck_assert_str_eq(q.provider, "anthropic");
	free(buf);
}
END_TEST

/* A calibrated profile's rows, in a column order of its own. */
static char *calibrated_text(const char *header, const char *(*row)(int h, char *buf))
{
	size_t size = 32768, used = 0;
	char *text = malloc(size), line[128];

	used += (size_t)snprintf(text, size, "%s\n", header);
	for (int h = 0; h < 168; h++)
		used += (size_t)snprintf(text + used, size - used, "%s\n", row(h, line));
	return text;
}

static const char *good_row(int h, char *buf)
{
	static const char *const days[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
	snprintf(buf, 128, "1.5,%s,%d,openai,4,%d,1.2,1.9", days[h / 24], h % 24, h % 5);
	return buf;
}

static const char *mixed_row(int h, char *buf)
{
	good_row(h, buf);
	if (h == 100)
		memcpy(strstr(buf, "openai"), "google", 6);
	return buf;
}

static const char *bad_interval_row(int h, char *buf)
{
	good_row(h, buf);
	if (h == 5)
		memcpy(strstr(buf, ",1.2,"), ",1.6,", 5);
	return buf;
}

START_TEST(columns_are_found_by_name_with_provider_and_interval)
{
	const char *header = "median_hours,day,hour_utc,provider,p95_hours,batches,"
	                     "median_low_hours,median_high_hours";
	struct sla_profile p;
	struct diag d;
	char *text = calibrated_text(header, good_row);

	ck_assert_int_eq(load(text, &p, &d), STATUS_OK);
	ck_assert_str_eq(p.provider, "openai");
	ck_assert(sla_profile_has_interval(&p));
	ck_assert_double_eq(p.bucket[30].median_hours, 1.5);
	ck_assert_double_eq(p.median_low[30], 1.2);
	ck_assert_double_eq(p.median_high[30], 1.9);
	ck_assert_int_eq(p.batches[30], 0);
	ck_assert_int_eq(p.batches[31], 1);
	free(text);
}
END_TEST

START_TEST(a_profile_of_two_providers_or_a_bad_interval_is_refused)
{
	const char *header = "median_hours,day,hour_utc,provider,p95_hours,batches,"
	                     "median_low_hours,median_high_hours";
	struct sla_profile p;
	struct diag d;
	char *text = calibrated_text(header, mixed_row);

	ck_assert_int_eq(load(text, &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:102:11: provider: expected the same provider on "
	                 "every row (\"openai\" on line 2), found \"google\"");
	free(text);
	text = calibrated_text(header, bad_interval_row);
	ck_assert_int_eq(load(text, &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:7:22: median_low_hours: expected hours from "
	                 "0.0001 to median_hours (1.5), found \"1.6\"");
	free(text);
}
END_TEST

START_TEST(the_header_must_name_known_columns_each_once)
{
	struct sla_profile p;
	struct diag d;

	ck_assert_int_eq(load("day,hour_utc,median,p95_hours\n", &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:1:14: expected a column of a latency profile "
	                 "(provider, day, hour_utc, median_hours, p95_hours, batches, "
	                 "median_low_hours, median_high_hours), found \"median\"");
	ck_assert_int_eq(load("day,hour_utc,day\n", &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:1:14: expected each column once, found \"day\" "
	                 "again (first column 1)");
	ck_assert_int_eq(load("day,hour_utc,median_hours\n", &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:1:1: expected the column \"p95_hours\" in the "
	                 "header, found none");
	ck_assert_int_eq(load("day,hour_utc,median_hours,p95_hours,median_low_hours\n",
	                      &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:1:1: expected the columns median_low_hours and "
	                 "median_high_hours together, found only median_low_hours");
	ck_assert_int_eq(load("# nothing but a comment\n", &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:2:1: expected a header row (day,hour_utc,"
	                 "median_hours,p95_hours,...), found none");
}
END_TEST

START_TEST(rounding_to_four_decimals_never_breaks_a_written_profile)
{
	struct sla_profile p, q;
	struct diag d;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	ck_assert_int_eq(latency_load_builtin(&p, &d), STATUS_OK);
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		/* figures that round onto each other at 4 decimals */
		p.bucket[h].median_hours = 0.00100004;
		p.bucket[h].p95_hours = 0.00100006;
		p.median_low[h] = 0.00100001;
		p.median_high[h] = 0.00100003;
	}
	f = open_memstream(&buf, &len);
	latency_write(f, &p, NULL);
	fclose(f);
	ck_assert_int_eq(latency_load_text(buf, len, "w.csv", &q, &d), STATUS_OK);
	ck_assert(q.bucket[0].p95_hours > q.bucket[0].median_hours);
	ck_assert(q.median_low[0] <= q.bucket[0].median_hours);
	ck_assert(q.median_high[0] >= q.bucket[0].median_hours);
	free(buf);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		the_builtin_profile_covers_every_hour_of_the_week,
		a_missing_hour_is_named,
		a_bad_field_names_line_and_column,
		an_hour_given_twice_is_refused,
		written_profiles_load_back_the_same,
		columns_are_found_by_name_with_provider_and_interval,
		a_profile_of_two_providers_or_a_bad_interval_is_refused,
		the_header_must_name_known_columns_each_once,
		rounding_to_four_decimals_never_breaks_a_written_profile,
	};
	return RUN_SUITE("latency", tests);
}
