/* batch_times: turnarounds read from Anthropic and OpenAI batch objects. */
#include "../../calc/batch_times.h"
#include "../../models/date.h"
#include "../../models/sla.h"

#include "suite.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static enum status load(const char *text, struct batch_times *t, struct diag *d)
{
	return batch_times_load_text(text, strlen(text), "b.json", t, d);
}

START_TEST(rfc3339_times_with_fractions_and_offsets)
{
	int64_t s;
	double frac;
	const char *why;
	int64_t base = (int64_t)date_from_civil(2024, 9, 24) * 86400 + 18 * 3600 +
	               37 * 60 + 24;

	ck_assert(batch_times_parse_rfc3339("2024-09-24T18:37:24.100435Z", &s, &frac, &why));
	ck_assert_int_eq(s, base);
	ck_assert_double_eq_tol(frac, 0.100435, 1e-12);
	ck_assert(batch_times_parse_rfc3339("2024-09-25T04:37:24+10:00", &s, &frac, &why));
	ck_assert_int_eq(s, base);
	ck_assert(batch_times_parse_rfc3339("2024-09-24T13:37:24-05:00", &s, &frac, &why));
	ck_assert_int_eq(s, base);
}
END_TEST

START_TEST(malformed_times_are_refused)
{
	static const char *const bad[] = {
		"2024-09-24T18:37:24", "2024-09-24 18:37:24Z", "2024-02-30T00:00:00Z",
		"2024-09-24T24:00:00Z", "2024-09-24T18:37:24.Z", "2024-09-24T18:37:24Zjunk",
		"2024-09-24T18:37:24+1000", "yesterday", ""};
	int64_t s;
	double frac;
	const char *why;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!batch_times_parse_rfc3339(bad[i], &s, &frac, &why),
		              "accepted %s", bad[i]);
}
END_TEST

START_TEST(one_object_an_array_and_a_list_response_all_load)
{
	struct batch_times t;
	struct diag d;

	ck_assert_int_eq(load("{\"id\":\"msgbatch_1\",\"created_at\":\"2024-09-24T18:37:24Z\","
	                      "\"ended_at\":\"2024-09-24T19:07:24Z\"}", &t, &d), STATUS_OK);
	ck_assert_uint_eq(t.count, 1);
	ck_assert_double_eq_tol(t.items[0].hours, 0.5, 1e-12);
	batch_times_release(&t);
	ck_assert_int_eq(load("[{\"id\":\"batch_1\",\"created_at\":1711471533,"
	                      "\"completed_at\":1711479000},{\"id\":\"batch_2\","
	                      "\"created_at\":1711471533,\"completed_at\":null}]", &t, &d),
	                 STATUS_OK);
	ck_assert_uint_eq(t.count, 1);
	ck_assert_uint_eq(t.skipped, 1);
	batch_times_release(&t);
	ck_assert_int_eq(load("{\"data\":[{\"created_at\":\"2024-09-24T18:37:24Z\","
	                      "\"ended_at\":null}],\"has_more\":false}", &t, &d), STATUS_OK);
	ck_assert_uint_eq(t.count, 0);
	ck_assert_uint_eq(t.skipped, 1);
	batch_times_release(&t);
}
END_TEST

START_TEST(errors_name_the_json_path)
{
	struct batch_times t;
	struct diag d;

	ck_assert_int_eq(load("{\"data\":[{\"created_at\":\"2024-09-24T18:37:24Z\","
	                      "\"ended_at\":\"2024-09-24T18:37:23Z\"}]}", &t, &d),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "b.json: data[0].ended_at: expected a time not before "
	                 "created_at (2024-09-24T18:37:24Z), found the string "
	                 "\"2024-09-24T18:37:23Z\"");
	ck_assert_int_eq(load("[{\"created_at\":1,\"completed_at\":2},"
	                      "{\"created_at\":\"2024-13-01T00:00:00Z\"}]", &t, &d),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "b.json: [1].created_at: expected an RFC 3339 time "
	                 "such as 2024-09-24T18:37:24.100435Z (no such date or time), "
	                 "found the string \"2024-13-01T00:00:00Z\"");
	ck_assert_int_eq(load("{\"created_at\":true}", &t, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "b.json: created_at: expected created_at as an RFC "
	                 "3339 string (Anthropic) or Unix seconds (OpenAI), found true");
}
END_TEST

START_TEST(calibration_from_batch_objects_recovers_the_median)
{
	/* 120 OpenAI batches created Mondays 15:00-15:59 UTC with turnarounds
	 * spread as a lognormal of median 2 h and p95 6 h (quantile grid). */
	const int64_t monday = (int64_t)date_from_civil(2026, 11, 23) * 86400 + 15 * 3600;
	double sigma = (log(6.0) - log(2.0)) / SLA_Z95;
	size_t size = 1 << 16, used = 0;
	char *text = malloc(size);
	struct batch_times t;
	struct sla_turnaround fit;
	struct diag d;
	double hours[120];

	used += (size_t)snprintf(text, size, "{\"object\":\"list\",\"data\":[");
	for (int i = 0; i < 120; i++) {
		double h = 2.0 * exp(sigma * sla_normal_quantile((i + 0.5) / 120.0));
		int64_t created = monday + i * 29;
		used += (size_t)snprintf(text + used, size - used,
		                         "%s{\"id\":\"batch_%d\",\"created_at\":%lld,"
		                         "\"completed_at\":%lld}", i ? "," : "", i,
		                         (long long)created,
		                         (long long)(created + (int64_t)llround(h * 3600)));
	}
	snprintf(text + used, size - used, "]}");
	ck_assert_int_eq(load(text, &t, &d), STATUS_OK);
	ck_assert_uint_eq(t.count, 120);
	for (size_t i = 0; i < t.count; i++) {
		ck_assert_int_eq(sla_hour_of_week(t.items[i].created), 15);
		hours[i] = t.items[i].hours;
	}
	ck_assert_int_eq(sla_fit(hours, t.count, &fit, &d), STATUS_OK);
	ck_assert_double_eq_tol(fit.median_hours, 2.0, 0.2);
	ck_assert_double_eq_tol(fit.p95_hours, 6.0, 0.6);
	batch_times_release(&t);
	free(text);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		rfc3339_times_with_fractions_and_offsets,
		malformed_times_are_refused,
		one_object_an_array_and_a_list_response_all_load,
		errors_name_the_json_path,
		calibration_from_batch_objects_recovers_the_median,
	};
	return RUN_SUITE("batch_times", tests);
}
