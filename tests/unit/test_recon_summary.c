/* recon_summary: what reconcile --emit-summary writes merge reads back
 * exactly, every count is a checked integer, and adding summaries up never
 * wraps. */
#include "../../calc/files.h"
#include "../../calc/recon_summary.h"

#include "suite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct recon_run run;

static void setup(void)
{
	recon_run_init(&run);
}

static void teardown(void)
{
	recon_run_release(&run);
}

static enum status read_text(const char *text, struct diag *d)
{
	return recon_summary_read_text(text, strlen(text), "s.json", &run, NULL, d);
}

/* A summary with every count `lines` and one error type counted `errors`. */
static char *summary(const char *lines, const char *errors)
{
	static char buf[1024];

	snprintf(buf, sizeof buf, "{\"batchcalc_summary\": 1, \"lines\": %s, "
	         "\"malformed_lines\": 0, \"duplicate_keys\": 0, \"unchecked_keys\": 0, "
	         "\"errors\": {\"overloaded_error\": %s}}", lines, errors);
	return buf;
}

START_TEST(a_summary_written_reads_back_the_same)
{
	struct recon_run back;
	struct recon_bucket b;
	struct keyset *keys = keyset_new(12), *keys_back = keyset_new(12);
	char path[] = "/tmp/test_recon_summary.XXXXXX";
	struct diag d;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	memset(&b, 0, sizeof b);
	b.job = (char *)"claims";
	b.model = (char *)"claude-haiku-4-5-20251001";
	b.batch = (char *)"msgbatch_01A";
	b.day = date_from_civil(2026, 2, 10);
	b.outcomes[RECON_SUCCEEDED] = 2;
	b.billed = 2;
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		b.tokens.n[c] = 1000 + c;
	b.tokens.n[TOKEN_OUTPUT] = (int64_t)1 << 60; /* past 2^53: written raw */
	ck_assert_int_eq(recon_add(&run.r, &b, &d), STATUS_OK);
	ck_assert_int_eq(recon_add_error(&run.r, "overloaded_error", 3, &d), STATUS_OK);
	ck_assert_int_eq(recon_run_add_file(&run, "part-0", "anthropic", "msgbatch_01A",
	                                    b.day, 5, &d), STATUS_OK);
	run.r.lines = 5;
	run.r.malformed = 1;
	keyset_insert(keys, 0x1234, false);
	ck_assert_int_eq(recon_summary_write(path, &run, keys, &d), STATUS_OK);

	recon_run_init(&back);
	ck_assert_int_eq(recon_summary_read(path, &back, keys_back, &d), STATUS_OK);
	ck_assert_int_eq(back.r.lines, 5);
	ck_assert_int_eq(back.r.malformed, 1);
	ck_assert_uint_eq(back.r.count, 1);
	ck_assert_str_eq(back.r.buckets[0].batch, "msgbatch_01A");
	ck_assert(memcmp(&back.r.buckets[0].tokens, &b.tokens, sizeof b.tokens) == 0);
	ck_assert_int_eq(back.r.errors[0].count, 3);
	ck_assert_uint_eq(back.file_count, 1);
	ck_assert_int_eq(back.files[0].lines, 5);
	/* the same summary again: its key is now a duplicate */
	ck_assert_int_eq(recon_summary_read(path, &back, keys_back, &d), STATUS_OK);
	ck_assert_int_eq(back.r.duplicates, 1);
	ck_assert_int_eq(back.r.lines, 10);
	recon_run_release(&back);
	keyset_free(keys);
	keyset_free(keys_back);
	unlink(path);
}
END_TEST

/* The defect: error counts were read as doubles, so 1.5 became 1 and 1e300 a
 * negative number. Now each is a count like any other. */
START_TEST(an_error_count_that_is_not_a_whole_number_is_bad_input)
{
	static const struct { const char *count, *why; } cases[] = {
		{"1.5", "s.json: errors.overloaded_error: expected a whole number"},
		{"1e300", "s.json: errors.overloaded_error: expected a whole number"},
		{"-1", "s.json: errors.overloaded_error: expected a whole number (negative)"},
		{"2305843009213693952", "s.json: errors.overloaded_error: expected a whole number"},
		{"\"x\"", "s.json: errors.overloaded_error: expected a whole number"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag d;

		recon_run_release(&run);
		recon_run_init(&run);
		ck_assert_int_eq(read_text(summary("1", cases[i].count), &d), STATUS_INPUT);
		ck_assert_msg(strncmp(d.text, cases[i].why, strlen(cases[i].why)) == 0,
		              "%s: %s", cases[i].count, d.text);
		ck_assert_uint_eq(run.r.error_count, 0);
	}
}
END_TEST

START_TEST(the_largest_count_a_summary_holds_is_read_exactly)
{
	struct diag d;

	ck_assert_int_eq(read_text(summary("2305843009213693951", "2305843009213693951"), &d),
	                 STATUS_OK);
	ck_assert_int_eq(run.r.lines, RECON_SUMMARY_MAX);
	ck_assert_int_eq(run.r.errors[0].count, RECON_SUMMARY_MAX);
}
END_TEST

/* The defect: merging summaries whose line counts add past the cap wrapped
 * to a negative count. Now the summary that crosses it is an overflow. */
START_TEST(line_counts_that_add_past_the_cap_are_refused_not_wrapped)
{
	struct diag d;

	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(read_text(summary("576460752303423487", "1"), &d), STATUS_OK);
	ck_assert_int_eq(run.r.lines, 4 * (int64_t)576460752303423487);
	ck_assert_int_eq(read_text(summary("576460752303423487", "1"), &d), STATUS_OVERFLOW);
	ck_assert_str_eq(d.text, "s.json: lines: expected the total over the summaries "
	                 "to be at most 2305843009213693951, found 2305843009213693948 + "
	                 "576460752303423487");
	ck_assert_int_gt(run.r.lines, 0);
}
END_TEST

START_TEST(members_of_the_wrong_kind_are_bad_input)
{
	static const char *const cases[][2] = {
		{"{\"batchcalc_summary\": 1, \"lines\": 1, \"malformed_lines\": 0, "
		 "\"duplicate_keys\": 0, \"unchecked_keys\": 0, \"errors\": [1]}",
		 "s.json: errors: expected an object, found an array"},
		{"{\"batchcalc_summary\": 1, \"lines\": 1, \"malformed_lines\": 0, "
		 "\"duplicate_keys\": 0, \"unchecked_keys\": 0, \"files\": 5}",
		 "s.json: files: expected an array, found the number 5"},
		{"[1]", "s.json: top level: expected a summary object, found an array"},
		{"{\"batchcalc_summary\": 2}",
		 "s.json: batchcalc_summary: expected a whole number"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag d;

		ck_assert_int_eq(read_text(cases[i][0], &d), STATUS_INPUT);
		ck_assert_msg(strncmp(d.text, cases[i][1], strlen(cases[i][1])) == 0,
		              "%s", d.text);
	}
}
END_TEST

START_TEST(a_count_past_what_a_summary_holds_is_never_written)
{
	char path[] = "/tmp/test_recon_summary.XXXXXX";
	struct diag d;
	char *text;
	size_t len;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	unlink(path);
	run.r.lines = RECON_SUMMARY_MAX + 1;
	ck_assert_int_eq(recon_summary_write(path, &run, NULL, &d), STATUS_OVERFLOW);
	ck_assert_int_ne(file_read_all(path, &text, &len, &d), STATUS_OK);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		a_summary_written_reads_back_the_same,
		an_error_count_that_is_not_a_whole_number_is_bad_input,
		the_largest_count_a_summary_holds_is_read_exactly,
		line_counts_that_add_past_the_cap_are_refused_not_wrapped,
		members_of_the_wrong_kind_are_bad_input,
		a_count_past_what_a_summary_holds_is_never_written,
	};
	return RUN_SUITE_WITH("recon_summary", tests, setup, teardown);
}
