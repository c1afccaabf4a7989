/* batch_times: turnarounds, and when batches stopped before finishing, read
 * from Anthropic, OpenAI and Gemini batch listings (issue 17). */
#include "../../calc/batch_times.h"
#include "../../models/date.h"
#include "../../calc/latency.h"
#include "../../models/sla.h"
#include "../../models/sla_fit.h"

#include "suite.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Loads one file into a fresh list (what t held is released). */
static enum status load(const char *text, struct batch_times *t, struct diag *d)
{
	batch_times_release(t);
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
	struct batch_times t = {0};
	struct diag d;

	ck_assert_int_eq(load("{\"id\":\"msgbatch_1\",\"created_at\":\"2024-09-24T18:37:24Z\","
	                      "\"ended_at\":\"2024-09-24T19:07:24Z\"}", &t, &d), STATUS_OK);
	ck_assert_uint_eq(t.count, 1);
	ck_assert_double_eq_tol(t.items[0].hours, 0.5, 1e-12);
	ck_assert_int_eq(t.items[0].end, BATCH_FINISHED);
	ck_assert_str_eq(t.provider, "anthropic");
	batch_times_release(&t);
	ck_assert_int_eq(load("[{\"id\":\"batch_1\",\"created_at\":1711471533,"
	                      "\"completed_at\":1711479000},{\"id\":\"batch_2\","
	                      "\"created_at\":1711471533,\"completed_at\":null}]", &t, &d),
	                 STATUS_OK);
	/* The second, with no end, was still running when listed: censored at the
	 * latest time the file states. */
	ck_assert_uint_eq(t.count, 2);
	ck_assert_int_eq(t.items[1].end, BATCH_RUNNING);
	ck_assert_double_eq_tol(t.items[1].hours, (1711479000 - 1711471533) / 3600.0, 1e-9);
	ck_assert_uint_eq(t.ends[BATCH_RUNNING], 1);
	ck_assert_str_eq(t.provider, "openai");
	batch_times_release(&t);
	ck_assert_int_eq(load("{\"data\":[],\"has_more\":false}", &t, &d), STATUS_OK);
	ck_assert_uint_eq(t.count, 0);
	batch_times_release(&t);
}
END_TEST

START_TEST(anthropic_expired_and_cancelled_batches_are_censored_where_they_stopped)
{
	struct batch_times t = {0};
	struct diag d;
	const char *page =
		"{\"data\":["
		/* expired: ended at its expiry with requests expired */
		"{\"id\":\"msgbatch_a\",\"type\":\"message_batch\",\"processing_status\":\"ended\","
		"\"request_counts\":{\"processing\":0,\"succeeded\":90,\"errored\":0,"
		"\"canceled\":0,\"expired\":10},\"created_at\":\"2026-11-02T15:00:00Z\","
		"\"ended_at\":\"2026-11-03T15:00:05Z\",\"expires_at\":\"2026-11-03T15:00:00Z\","
		"\"cancel_initiated_at\":null,\"archived_at\":null,\"results_url\":null},"
		/* cancelled after 2 h: censored at the cancel, not the end */
		"{\"id\":\"msgbatch_b\",\"type\":\"message_batch\",\"processing_status\":\"ended\","
		"\"request_counts\":{\"processing\":0,\"succeeded\":40,\"errored\":0,"
		"\"canceled\":60,\"expired\":0},\"created_at\":\"2026-11-02T15:00:00Z\","
		"\"ended_at\":\"2026-11-02T17:10:00Z\",\"cancel_initiated_at\":"
		"\"2026-11-02T17:00:00Z\"},"
		/* a cancel that came after every request was done stopped nothing */
		"{\"id\":\"msgbatch_c\",\"processing_status\":\"ended\",\"request_counts\":"
		"{\"processing\":0,\"succeeded\":5,\"errored\":0,\"canceled\":0,\"expired\":0},"
		"\"created_at\":\"2026-11-02T15:00:00Z\",\"ended_at\":\"2026-11-02T16:00:00Z\","
		"\"cancel_initiated_at\":\"2026-11-02T16:00:01Z\"},"
		/* still running: censored when listed, but never past its expiry */
		"{\"id\":\"msgbatch_d\",\"processing_status\":\"in_progress\","
		"\"created_at\":\"2026-11-01T00:00:00Z\",\"ended_at\":null,"
		"\"expires_at\":\"2026-11-02T00:00:00Z\"},"
		"{\"id\":\"msgbatch_e\",\"processing_status\":\"canceling\","
		"\"created_at\":\"2026-11-03T14:00:00Z\",\"ended_at\":null,"
		"\"cancel_initiated_at\":\"2026-11-03T14:30:00Z\"}"
		"],\"has_more\":false,\"first_id\":\"msgbatch_a\",\"last_id\":\"msgbatch_e\"}";

	ck_assert_int_eq(load(page, &t, &d), STATUS_OK);
	ck_assert_uint_eq(t.count, 5);
	ck_assert_int_eq(t.items[0].end, BATCH_EXPIRED);
	ck_assert_double_eq_tol(t.items[0].hours, 24.0 + 5 / 3600.0, 1e-9);
	ck_assert_int_eq(t.items[1].end, BATCH_CANCELLED);
	ck_assert_double_eq_tol(t.items[1].hours, 2.0, 1e-9);
	ck_assert_int_eq(t.items[2].end, BATCH_FINISHED);
	ck_assert_double_eq_tol(t.items[2].hours, 1.0, 1e-9);
	ck_assert_int_eq(t.items[3].end, BATCH_RUNNING);
	ck_assert_double_eq_tol(t.items[3].hours, 24.0, 1e-9);
	ck_assert_int_eq(t.items[4].end, BATCH_CANCELLED);
	ck_assert_double_eq_tol(t.items[4].hours, 0.5, 1e-9);
	batch_times_release(&t);
}
END_TEST

START_TEST(openai_statuses_say_what_each_batch_tells)
{
	struct batch_times t = {0};
	struct diag d;
	const char *page =
		"{\"object\":\"list\",\"data\":["
		"{\"id\":\"batch_1\",\"object\":\"batch\",\"status\":\"completed\","
		"\"created_at\":1793700000,\"in_progress_at\":1793700005,"
		"\"finalizing_at\":1793707000,\"completed_at\":1793707200,"
		"\"expires_at\":1793786400,\"failed_at\":null,\"expired_at\":null,"
		"\"cancelling_at\":null,\"cancelled_at\":null},"
		"{\"id\":\"batch_2\",\"object\":\"batch\",\"status\":\"expired\","
		"\"created_at\":1793700000,\"expires_at\":1793786400,"
		"\"expired_at\":1793786400,\"completed_at\":null},"
		"{\"id\":\"batch_3\",\"object\":\"batch\",\"status\":\"cancelled\","
		"\"created_at\":1793700000,\"cancelling_at\":1793703600,"
		"\"cancelled_at\":1793704000},"
		"{\"id\":\"batch_4\",\"object\":\"batch\",\"status\":\"failed\","
		"\"created_at\":1793700000,\"failed_at\":1793700010},"
		"{\"id\":\"batch_5\",\"object\":\"batch\",\"status\":\"in_progress\","
		"\"created_at\":1793780000,\"in_progress_at\":1793780010,"
		"\"expires_at\":1793866400}"
		"],\"first_id\":\"batch_1\",\"last_id\":\"batch_5\",\"has_more\":false}";

	ck_assert_int_eq(load(page, &t, &d), STATUS_OK);
	ck_assert_uint_eq(t.count, 4);
	ck_assert_uint_eq(t.failed, 1);
	ck_assert_int_eq(t.items[0].end, BATCH_FINISHED);
	ck_assert_double_eq_tol(t.items[0].hours, 2.0, 1e-9);
	ck_assert_int_eq(t.items[1].end, BATCH_EXPIRED);
	ck_assert_double_eq_tol(t.items[1].hours, 24.0, 1e-9);
	ck_assert_int_eq(t.items[2].end, BATCH_CANCELLED);
	ck_assert_double_eq_tol(t.items[2].hours, 1.0, 1e-9);
	/* listed no earlier than the latest time stated: expired_at 1793786400 */
	ck_assert_int_eq(t.items[3].end, BATCH_RUNNING);
	ck_assert_double_eq_tol(t.items[3].hours, (1793786400 - 1793780000) / 3600.0, 1e-9);
	batch_times_release(&t);
	ck_assert_int_eq(load("[{\"created_at\":1,\"status\":\"done\"}]", &t, &d),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "b.json: [0].status: expected validating, failed, "
	                 "in_progress, finalizing, completed, expired, cancelling or "
	                 "cancelled (a Batch's status), found the string \"done\"");
}
END_TEST

START_TEST(gemini_operations_load_from_a_list_page_or_alone)
{
	struct batch_times t = {0};
	struct diag d;
	const char *page =
		"{\"operations\":["
		"{\"name\":\"batches/a\",\"metadata\":{\"@type\":\"type.googleapis.com/"
		"google.ai.generativelanguage.v1main.GenerateContentBatch\",\"model\":"
		"\"models/gemini-2.5-flash\",\"displayName\":\"nightly\",\"createTime\":"
		"\"2026-08-20T20:08:31.015405218Z\",\"endTime\":\"2026-08-20T22:08:31.015405218Z\","
		"\"updateTime\":\"2026-08-20T22:08:31.015405218Z\",\"batchStats\":"
		"{\"requestCount\":\"9\",\"successfulRequestCount\":\"9\"},\"state\":"
		"\"BATCH_STATE_SUCCEEDED\",\"name\":\"batches/a\"},\"done\":true,"
		"\"response\":{\"@type\":\"type.googleapis.com/google.ai.generativelanguage."
		"v1main.GenerateContentBatchOutput\",\"responsesFile\":\"files/batch-a\"}},"
		"{\"name\":\"batches/b\",\"metadata\":{\"createTime\":\"2026-08-20T20:00:00Z\","
		"\"endTime\":\"2026-08-22T20:00:00Z\",\"state\":\"BATCH_STATE_EXPIRED\"},"
		"\"done\":true},"
		"{\"name\":\"batches/c\",\"metadata\":{\"createTime\":\"2026-08-22T19:00:00Z\","
		"\"updateTime\":\"2026-08-22T19:30:00Z\",\"state\":\"BATCH_STATE_RUNNING\"}},"
		"{\"name\":\"batches/d\",\"metadata\":{\"createTime\":\"2026-08-22T19:00:00Z\","
		"\"state\":\"BATCH_STATE_FAILED\"},\"done\":true}"
		"],\"nextPageToken\":\"abc\"}";

	ck_assert_int_eq(load(page, &t, &d), STATUS_OK);
	ck_assert_str_eq(t.provider, "google");
	ck_assert_uint_eq(t.count, 3);
	ck_assert_uint_eq(t.failed, 1);
	ck_assert_int_eq(t.items[0].end, BATCH_FINISHED);
	ck_assert_double_eq_tol(t.items[0].hours, 2.0, 1e-6);
	ck_assert_int_eq(t.items[1].end, BATCH_EXPIRED);
	ck_assert_double_eq_tol(t.items[1].hours, 48.0, 1e-9);
	ck_assert_int_eq(t.items[2].end, BATCH_RUNNING);
	ck_assert_double_eq_tol(t.items[2].hours, 1.0, 1e-9); /* to endTime of b */
	batch_times_release(&t);
	/* An empty page is {}: proto3 JSON leaves the empty list out. */
	ck_assert_int_eq(load("{}", &t, &d), STATUS_OK);
	ck_assert_uint_eq(t.count, 0);
	ck_assert_int_eq(load("{\"metadata\":{\"createTime\":\"2026-08-20T20:00:00Z\","
	                      "\"state\":\"JOB_STATE_SUCCEEDED\"}}", &t, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "b.json: metadata.state: expected a BatchState "
	                 "(BATCH_STATE_PENDING, _RUNNING, _SUCCEEDED, _FAILED, _CANCELLED, "
	                 "_EXPIRED or _UNSPECIFIED), found the string \"JOB_STATE_SUCCEEDED\"");
}
END_TEST

START_TEST(pages_add_up_and_providers_do_not_mix)
{
	struct batch_times t = {0};
	struct diag d;
	const char *a = "{\"data\":[{\"created_at\":\"2026-11-02T15:00:00Z\","
	                "\"ended_at\":\"2026-11-02T16:00:00Z\"}]}";
	const char *b = "{\"data\":[{\"created_at\":1793700000,\"completed_at\":1793703600}]}";

	batch_times_init(&t);
	ck_assert_int_eq(batch_times_load_text(a, strlen(a), "p1.json", &t, &d), STATUS_OK);
	ck_assert_int_eq(batch_times_load_text(a, strlen(a), "p2.json", &t, &d), STATUS_OK);
	ck_assert_uint_eq(t.count, 2);
	ck_assert_int_eq(batch_times_load_text(b, strlen(b), "p3.json", &t, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p3.json: data[0]: expected batches of one provider "
	                 "(anthropic, as the first), found a batch of openai (calibrate "
	                 "each provider on its own)");
	ck_assert_uint_eq(t.count, 2); /* the earlier pages stay */
	batch_times_release(&t);
}
END_TEST

START_TEST(errors_name_the_json_path)
{
	struct batch_times t = {0};
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
	                 "3339 string (Anthropic) or Unix seconds (OpenAI), or a Gemini "
	                 "operation's metadata.createTime, found true");
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
	struct batch_times t = {0};
	struct sla_fit_observation obs[120];
	struct sla_profile prior;
	struct sla_fit *fit = malloc(sizeof *fit);
	struct diag d;

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
		obs[i].hour_of_week = sla_hour_of_week(t.items[i].created);
		obs[i].hours = t.items[i].hours;
		obs[i].censored = t.items[i].end != BATCH_FINISHED;
	}
	ck_assert_int_eq(latency_load_builtin(&prior, &d), STATUS_OK);
	ck_assert_int_eq(sla_fit_profile(&prior, obs, t.count, fit, &d), STATUS_OK);
	ck_assert_double_eq_tol(fit->profile.bucket[15].median_hours, 2.0, 0.2);
	ck_assert_double_eq_tol(fit->profile.bucket[15].p95_hours, 6.0, 0.9);
	ck_assert_int_eq(fit->profile.batches[15], 120);
	batch_times_release(&t);
	free(fit);
	free(text);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		rfc3339_times_with_fractions_and_offsets,
		malformed_times_are_refused,
		one_object_an_array_and_a_list_response_all_load,
		anthropic_expired_and_cancelled_batches_are_censored_where_they_stopped,
		openai_statuses_say_what_each_batch_tells,
		gemini_operations_load_from_a_list_page_or_alone,
		pages_add_up_and_providers_do_not_mix,
		errors_name_the_json_path,
		calibration_from_batch_objects_recovers_the_median,
	};
	return RUN_SUITE("batch_times", tests);
}
