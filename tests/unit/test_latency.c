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
	ck_assert(strncmp(buf, "# first line\n# second line\nday,", 31) == 0);
	ck_assert_int_eq(latency_load_text(buf, len, "w.csv", &q, &d), STATUS_OK);
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		ck_assert_double_eq(q.bucket[h].median_hours, p.bucket[h].median_hours);
		ck_assert_double_eq(q.bucket[h].p95_hours, p.bucket[h].p95_hours);
		ck_assert_int_eq(q.batches[h], p.batches[h]);
	}
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
	};
	return RUN_SUITE("latency", tests);
}
