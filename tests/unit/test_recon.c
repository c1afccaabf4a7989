/* recon: provider rules per line, billing per outcome, exact mergeable totals. */
#include "../../calc/catalogue_load.h"
#include "../../models/cost.h"
#include "../../models/recon.h"

#include "suite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct recon_parser parser;

static struct recon_line parse(const char *text)
{
	struct recon_line l;
	struct jscan_error err;

	ck_assert_msg(recon_parse_line(&parser, text, text + strlen(text), &l, &err),
	              "refused %s: expected %s", text, err.expected);
	return l;
}

static bool refuses(const char *text, const char **expected)
{
	struct recon_line l;
	struct jscan_error err;
	bool ok = recon_parse_line(&parser, text, text + strlen(text), &l, &err);
	*expected = err.expected;
	return !ok;
}

static void setup(void)
{
	recon_parser_init(&parser);
}

START_TEST(anthropic_input_excludes_cache_and_writes_split_by_ttl)
{
	struct recon_line l = parse(
		"{\"custom_id\":\"a-1\",\"result\":{\"type\":\"succeeded\",\"message\":{"
		"\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[],\"usage\":{"
		"\"input_tokens\":10,\"cache_creation_input_tokens\":200,"
		"\"cache_read_input_tokens\":3000,\"cache_creation\":{"
		"\"ephemeral_5m_input_tokens\":150,\"ephemeral_1h_input_tokens\":50},"
		"\"output_tokens\":12}}}}");

	ck_assert_int_eq(l.provider, RECON_ANTHROPIC);
	ck_assert_int_eq(l.outcome, RECON_SUCCEEDED);
	ck_assert(l.billed);
	ck_assert_int_eq(l.tokens.n[TOKEN_INPUT], 10);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_READ], 3000);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_WRITE_5M], 150);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_WRITE_1H], 50);
	ck_assert_int_eq(l.tokens.n[TOKEN_OUTPUT], 12);
}
END_TEST

START_TEST(anthropic_files_before_the_split_bill_writes_at_five_minutes)
{
	struct recon_line l = parse(
		"{\"custom_id\":\"a-1\",\"result\":{\"type\":\"succeeded\",\"message\":{"
		"\"model\":\"claude-3-5-sonnet-20241022\",\"usage\":{\"input_tokens\":10,"
		"\"cache_creation_input_tokens\":200,\"output_tokens\":1}}}}");

	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_WRITE_5M], 200);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_WRITE_1H], 0);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_READ], 0);
}
END_TEST

START_TEST(anthropic_failures_are_not_billed_and_name_their_type)
{
	struct recon_line l = parse(
		"{\"custom_id\":\"doc-0043\",\"result\":{\"type\":\"errored\",\"error\":{"
		"\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
		"\"message\":\"x\"},\"request_id\":null}}}");
	char type[64];

	ck_assert_int_eq(l.outcome, RECON_ERRORED);
	ck_assert(!l.billed);
	/* The discriminator is result.error.error.type, not result.error.type. */
	ck_assert(jscan_string(&l.error_type, type, sizeof type) > 0);
	ck_assert_str_eq(type, "overloaded_error");
	l = parse("{\"custom_id\":\"d\",\"result\":{\"type\":\"canceled\"}}");
	ck_assert_int_eq(l.outcome, RECON_CANCELED);
	ck_assert(!l.billed);
	l = parse("{\"custom_id\":\"d\",\"result\":{\"type\":\"expired\"}}");
	ck_assert_int_eq(l.outcome, RECON_EXPIRED);
	ck_assert(!l.billed);
}
END_TEST

START_TEST(cache_split_that_disagrees_with_its_total_is_refused)
{
	const char *why;

	ck_assert(refuses("{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\","
	                  "\"message\":{\"model\":\"m\",\"usage\":{\"input_tokens\":1,"
	                  "\"output_tokens\":1,\"cache_creation_input_tokens\":5,"
	                  "\"cache_creation\":{\"ephemeral_5m_input_tokens\":1,"
	                  "\"ephemeral_1h_input_tokens\":1}}}}}", &why));
	ck_assert(strstr(why, "cache_creation") != NULL);
}
END_TEST

START_TEST(openai_success_is_status_2xx_not_a_null_error)
{
	struct recon_line l = parse(
		"{\"id\":\"batch_req_457\",\"custom_id\":\"request-5\",\"response\":{"
		"\"status_code\":400,\"request_id\":\"req_abc\",\"body\":{\"error\":{"
		"\"message\":\"max_tokens is too large\",\"type\":\"invalid_request_error\","
		"\"param\":\"max_tokens\",\"code\":null}}},\"error\":null}");
	char type[64];

	ck_assert_int_eq(l.provider, RECON_OPENAI);
	ck_assert_int_eq(l.outcome, RECON_ERRORED);
	ck_assert(!l.billed);
	ck_assert(jscan_string(&l.error_type, type, sizeof type) > 0);
	ck_assert_str_eq(type, "invalid_request_error");
}
END_TEST

START_TEST(openai_prompt_tokens_include_cached_tokens)
{
	struct recon_line l = parse(
		"{\"id\":\"batch_req_456\",\"custom_id\":\"request-1\",\"response\":{"
		"\"status_code\":200,\"request_id\":\"req_789\",\"body\":{\"object\":"
		"\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[],"
		"\"usage\":{\"prompt_tokens\":2006,\"completion_tokens\":300,"
		"\"total_tokens\":2306,\"prompt_tokens_details\":{\"cached_tokens\":1920}}}},"
		"\"error\":null}");

	ck_assert(l.billed);
	ck_assert_int_eq(l.tokens.n[TOKEN_INPUT], 86);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_READ], 1920);
	ck_assert_int_eq(l.tokens.n[TOKEN_OUTPUT], 300);
}
END_TEST

START_TEST(openai_responses_and_embeddings_bodies_count_too)
{
	struct recon_line l = parse(
		"{\"custom_id\":\"r\",\"response\":{\"status_code\":200,\"body\":{"
		"\"object\":\"response\",\"model\":\"gpt-4.1-mini\",\"usage\":{"
		"\"input_tokens\":100,\"input_tokens_details\":{\"cached_tokens\":40},"
		"\"output_tokens\":7,\"total_tokens\":107}}},\"error\":null}");

	ck_assert_int_eq(l.tokens.n[TOKEN_INPUT], 60);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_READ], 40);
	ck_assert_int_eq(l.tokens.n[TOKEN_OUTPUT], 7);
	l = parse("{\"custom_id\":\"e\",\"response\":{\"status_code\":200,\"body\":{"
	          "\"object\":\"list\",\"data\":[],\"model\":\"text-embedding-3-small\","
	          "\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}},\"error\":null}");
	ck_assert_int_eq(l.tokens.n[TOKEN_INPUT], 8);
	ck_assert_int_eq(l.tokens.n[TOKEN_OUTPUT], 0);
}
END_TEST

START_TEST(openai_cache_writes_are_thirty_minute_writes_inside_the_prompt)
{
	const char *expected;
	struct recon_line l = parse(
		"{\"custom_id\":\"c\",\"response\":{\"status_code\":200,\"body\":{"
		"\"object\":\"chat.completion\",\"model\":\"gpt-5.6-sol\",\"usage\":{"
		"\"prompt_tokens\":12000,\"completion_tokens\":300,\"prompt_tokens_details\":{"
		"\"cached_tokens\":8000,\"cache_write_tokens\":2000}}}},\"error\":null}");

	/* prompt_tokens holds cached and written tokens: 12000 - 8000 - 2000. */
	ck_assert_int_eq(l.tokens.n[TOKEN_INPUT], 2000);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_READ], 8000);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_WRITE_30M], 2000);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_WRITE_5M], 0);
	l = parse("{\"custom_id\":\"r\",\"response\":{\"status_code\":200,\"body\":{"
	          "\"object\":\"response\",\"model\":\"gpt-5.6-sol\",\"usage\":{"
	          "\"input_tokens\":4000,\"input_tokens_details\":{\"cached_tokens\":1000,"
	          "\"cache_write_tokens\":500},\"output_tokens\":100}}},\"error\":null}");
	ck_assert_int_eq(l.tokens.n[TOKEN_INPUT], 2500);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_WRITE_30M], 500);
	/* Writes and reads beyond the prompt are refused. */
	ck_assert(refuses("{\"custom_id\":\"c\",\"response\":{\"status_code\":200,\"body\":{"
	                  "\"model\":\"gpt-5.6-sol\",\"usage\":{\"prompt_tokens\":100,"
	                  "\"completion_tokens\":1,\"prompt_tokens_details\":{"
	                  "\"cached_tokens\":80,\"cache_write_tokens\":30}}}},\"error\":null}",
	                  &expected));
	ck_assert_str_eq(expected, "cached and cache-write tokens at most the prompt tokens");
}
END_TEST

START_TEST(openai_expired_and_cancelled_lines_have_no_response)
{
	struct recon_line l = parse(
		"{\"id\":\"batch_req_123\",\"custom_id\":\"request-3\",\"response\":null,"
		"\"error\":{\"code\":\"batch_expired\",\"message\":\"This request could not "
		"be executed before the completion window expired.\"}}");

	ck_assert_int_eq(l.outcome, RECON_EXPIRED);
	ck_assert(!l.billed);
	l = parse("{\"custom_id\":\"r\",\"response\":null,\"error\":{\"code\":"
	          "\"batch_cancelled\",\"message\":\"\"}}");
	ck_assert_int_eq(l.outcome, RECON_CANCELED);
}
END_TEST

START_TEST(gemini_prompt_includes_cached_and_thoughts_are_output)
{
	struct recon_line l = parse(
		"{\"key\":\"g-1\",\"response\":{\"candidates\":[],\"modelVersion\":"
		"\"gemini-2.5-flash\",\"usageMetadata\":{\"promptTokenCount\":1000,"
		"\"cachedContentTokenCount\":600,\"candidatesTokenCount\":50,"
		"\"thoughtsTokenCount\":25,\"totalTokenCount\":1075}}}");

	ck_assert_int_eq(l.provider, RECON_GEMINI);
	ck_assert_int_eq(l.tokens.n[TOKEN_INPUT], 400);
	ck_assert_int_eq(l.tokens.n[TOKEN_CACHE_READ], 600);
	ck_assert_int_eq(l.tokens.n[TOKEN_OUTPUT], 75);
}
END_TEST

START_TEST(bedrock_records_carry_anthropic_usage_or_an_error_code)
{
	struct recon_line l = parse(
		"{\"recordId\":\"CALL0000001\",\"modelInput\":{},\"modelOutput\":{"
		"\"model\":\"claude-3-haiku-20240307\",\"usage\":{\"input_tokens\":5,"
		"\"output_tokens\":6}}}");

	ck_assert_int_eq(l.provider, RECON_BEDROCK);
	ck_assert(l.billed);
	ck_assert_int_eq(l.tokens.n[TOKEN_INPUT], 5);
	l = parse("{\"recordId\":\"CALL0000002\",\"modelInput\":{},\"error\":{"
	          "\"errorCode\":400,\"errorMessage\":\"bad\"}}");
	ck_assert_int_eq(l.outcome, RECON_ERRORED);
	ck_assert_int_eq(l.error_type.kind, JSCAN_NUMBER);
}
END_TEST

START_TEST(a_line_of_no_known_shape_is_refused)
{
	const char *why;

	ck_assert(refuses("{\"id\":1}", &why));
	ck_assert(strstr(why, "custom_id") != NULL);
	ck_assert(refuses("{\"custom_id\":\"a\",\"result\":{\"type\":\"done\"}}", &why));
	ck_assert(refuses("{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\","
	                  "\"message\":{\"model\":\"m\",\"usage\":{\"input_tokens\":1.5,"
	                  "\"output_tokens\":1}}}}", &why));
}
END_TEST

START_TEST(job_is_the_key_minus_a_trailing_separator_and_number)
{
	static const char *const cases[][2] = {
		{"claims-triage-0000042", "claims-triage"}, {"doc-001", "doc"},
		{"a_7", "a"}, {"request1", "request1"}, {"2024", RECON_PER_REQUEST_JOB},
		{"x-", "x-"}, {"-5", "-5"}, {"v1.2", "v1"},
		/* a counter before the name */
		{"0042-claims-triage", "claims-triage"}, {"7_doc", "doc"},
		{"0042-", "0042-"},
		/* keys that share nothing: one row for all of them */
		{"0", RECON_PER_REQUEST_JOB}, {"000123", RECON_PER_REQUEST_JOB},
		{"3f2a9c1e-7b4d-4e2a-9f1c-0a1b2c3d4e5f", RECON_PER_REQUEST_JOB},
		{"3F2A9C1E-7B4D-4E2A-9F1C-0A1B2C3D4E5F", RECON_PER_REQUEST_JOB},
		{"12345678-7b4d-4e2a-9f1c-0a1b2c3d4e5f", RECON_PER_REQUEST_JOB},
		{"3f2a9c1e-7b4d-4e2a-9f1c-012345678901", RECON_PER_REQUEST_JOB},
		{"0042-3f2a9c1e-7b4d-4e2a-9f1c-0a1b2c3d4e5f", RECON_PER_REQUEST_JOB},
		{"9f86d081884c7d659a2feaa0c55ad015", RECON_PER_REQUEST_JOB},
		/* not a UUID: a dash out of place, or a letter past f */
		{"3f2a9c1e7-b4d-4e2a-9f1c-0a1b2c3d4e5f", "3f2a9c1e7-b4d-4e2a-9f1c-0a1b2c3d4e5f"},
		{"cafe", "cafe"}, {"deadbeefg0000000", "deadbeefg0000000"},
	};
	char buf[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		recon_job_of(cases[i][0], buf, sizeof buf);
		ck_assert_str_eq(buf, cases[i][1]);
	}
}
END_TEST

START_TEST(only_transient_failures_are_retryable)
{
	static const char *const yes[] = {"overloaded_error", "api_error", "rate_limit_error",
	                                  "timeout_error", "server_error", "rate_limit_exceeded",
	                                  "RESOURCE_EXHAUSTED", "ThrottlingException",
	                                  "429", "500", "599", "408"};
	static const char *const no[] = {"invalid_request_error", "authentication_error",
	                                 "billing_error", "permission_error", "not_found_error",
	                                 "400", "499", "600", "", "ValidationException"};

	for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
		ck_assert_msg(recon_retryable(yes[i]), "%s", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		ck_assert_msg(!recon_retryable(no[i]), "%s", no[i]);
}
END_TEST

static struct recon_bucket delta(const char *job, int64_t input, enum recon_outcome o)
{
	struct recon_bucket b;

	memset(&b, 0, sizeof b);
	b.job = (char *)job;
	b.model = (char *)"claude-sonnet-4-5";
	b.batch = (char *)"";
	b.outcomes[o] = 1;
	b.billed = o == RECON_SUCCEEDED;
	if (b.billed) {
		b.tokens.n[TOKEN_INPUT] = input;
		b.tokens.n[TOKEN_OUTPUT] = 10;
	}
	return b;
}

START_TEST(merging_shards_gives_the_totals_of_one_pass)
{
	struct recon whole, a, b;
	struct diag d;

	recon_init(&whole);
	recon_init(&a);
	recon_init(&b);
	for (int i = 0; i < 1000; i++) {
		struct recon_bucket x = delta(i % 3 ? "j" : "k", i, (enum recon_outcome)(i % 4));
		ck_assert_int_eq(recon_add(&whole, &x, &d), STATUS_OK);
		ck_assert_int_eq(recon_add(i < 400 ? &a : &b, &x, &d), STATUS_OK);
	}
	ck_assert_int_eq(recon_merge(&a, &b, &d), STATUS_OK);
	ck_assert_uint_eq(a.count, whole.count);
	for (size_t i = 0; i < whole.count; i++) {
		const struct recon_bucket *w = &whole.buckets[i];
		bool found = false;
		for (size_t k = 0; k < a.count; k++)
			if (strcmp(a.buckets[k].job, w->job) == 0) {
				found = true;
				ck_assert(memcmp(a.buckets[k].outcomes, w->outcomes, sizeof w->outcomes) == 0);
				ck_assert(memcmp(&a.buckets[k].tokens, &w->tokens, sizeof w->tokens) == 0);
				ck_assert_int_eq(a.buckets[k].billed, w->billed);
			}
		ck_assert(found);
	}
	recon_release(&whole);
	recon_release(&a);
	recon_release(&b);
}
END_TEST

START_TEST(buckets_are_bounded_and_the_rest_are_other_jobs)
{
	struct recon r;
	struct diag d;
	char job[32];

	recon_init(&r);
	for (int i = 0; i <= RECON_MAX_BUCKETS; i++) {
		struct recon_bucket x;
		snprintf(job, sizeof job, "job%d", i);
		x = delta(job, 1, RECON_SUCCEEDED);
		ck_assert_int_eq(recon_add(&r, &x, &d), STATUS_OK);
	}
	ck_assert(r.groups_capped);
	ck_assert_uint_eq(r.count, RECON_MAX_BUCKETS + 1); /* the cap plus "(other jobs)" */
	recon_release(&r);
}
END_TEST

/* Cost per outcome: what each kind of line adds to the bill. */
START_TEST(only_succeeded_requests_are_billed_and_the_cliff_is_per_request)
{
	struct catalogue cat;
	struct diag d;
	const struct model *m;
	const struct price_entry *p;
	struct cost_breakdown one, two, sum_cost, batch;
	struct token_counts small = {{0}}, big = {{0}}, sum;
	char buf[64];

	ck_assert_int_eq(catalogue_load_builtin(&cat, &d), STATUS_OK);
	ck_assert_int_eq(catalogue_price(&cat, "claude-sonnet-4-5", date_from_civil(2026, 1, 1),
	                                 &m, &p, &d), STATUS_OK);
	/* A succeeded line: 1,000 input + 100 output at batch $1.50 / $7.50. */
	struct recon_line l = parse(
		"{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\",\"message\":{"
		"\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":1000,"
		"\"output_tokens\":100}}}}");
	ck_assert_int_eq(cost_request(p, &l.tokens, true, &batch, &d), STATUS_OK);
	money_format_exact(batch.total, buf, sizeof buf);
	ck_assert_str_eq(buf, "0.00225");
	/* Errored, canceled and expired lines carry no billed tokens. */
	l = parse("{\"custom_id\":\"a\",\"result\":{\"type\":\"expired\"}}");
	ck_assert(!l.billed);
	ck_assert_int_eq(cost_request(p, &l.tokens, true, &batch, &d), STATUS_OK);
	ck_assert(money_is_zero(batch.total));

	/* Two requests of 150,000 stay standard, though their sum crosses 200,000. */
	small.n[TOKEN_INPUT] = 150000;
	big.n[TOKEN_INPUT] = 200001; /* one over the threshold */
	ck_assert_int_eq(cost_request(p, &small, true, &one, &d), STATUS_OK);
	ck_assert(!one.long_context);
	ck_assert_int_eq(cost_request(p, &big, true, &two, &d), STATUS_OK);
	ck_assert(two.long_context);
	big.n[TOKEN_INPUT] = 200000; /* exactly at it: standard */
	ck_assert_int_eq(cost_request(p, &big, true, &two, &d), STATUS_OK);
	ck_assert(!two.long_context);
	/* Per-tier sums price exactly as the sum of the requests. */
	sum = small;
	sum.n[TOKEN_INPUT] += small.n[TOKEN_INPUT];
	ck_assert_int_eq(cost_at_tier(&p->standard, &sum, true, &sum_cost, &d), STATUS_OK);
	ck_assert_int_eq(money_cmp(sum_cost.total, money_add(one.total, one.total,
	                                                     &(bool){false})), 0);
	catalogue_release(&cat);
}
END_TEST

START_TEST(request_lines_of_each_provider_are_named_not_parsed)
{
	static const struct { const char *line, *names; } cases[] = {
		{"{\"custom_id\":\"r-1\",\"params\":{\"model\":\"claude-sonnet-4-5\","
		 "\"max_tokens\":1024,\"messages\":[]}}", "Anthropic batch request"},
		{"{\"custom_id\":\"r-1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
		 "\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[]}}", "OpenAI batch input"},
		{"{\"key\":\"r-1\",\"request\":{\"contents\":[]}}", "Gemini batch request"},
		{"{\"recordId\":\"r-1\",\"modelInput\":{\"messages\":[]}}", "Bedrock input"},
	};
	const char *expected;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert(refuses(cases[i].line, &expected));
		ck_assert_msg(strstr(expected, cases[i].names), "%s", expected);
	}
	/* A Bedrock output record repeats its modelInput: it is a result. */
	ck_assert_int_eq(parse("{\"recordId\":\"r-1\",\"modelInput\":{},\"modelOutput\":"
	                       "{\"model\":\"m\",\"usage\":{\"input_tokens\":1,"
	                       "\"output_tokens\":2}}}").provider, RECON_BEDROCK);
}
END_TEST

START_TEST(text_that_is_not_utf8_is_refused_at_its_byte)
{
	const char *line = "{\"custom_id\":\"doc-\x80\",\"result\":{\"type\":\"expired\"}}";
	struct recon_line l;
	struct jscan_error err;

	ck_assert(!recon_parse_line(&parser, line, line + strlen(line), &l, &err));
	ck_assert_uint_eq(err.offset, 18);
	ck_assert_str_eq(err.expected, "UTF-8 text in the request key");
	/* Escaped non-ASCII is UTF-8 once decoded, and passes. */
	ck_assert_int_eq(parse("{\"custom_id\":\"caf\\u00e9\",\"result\":{\"type\":"
	                       "\"expired\"}}").outcome, RECON_EXPIRED);
	ck_assert_int_eq(parse("{\"custom_id\":\"caf\xc3\xa9\",\"result\":{\"type\":"
	                       "\"expired\"}}").outcome, RECON_EXPIRED);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		anthropic_input_excludes_cache_and_writes_split_by_ttl,
		anthropic_files_before_the_split_bill_writes_at_five_minutes,
		anthropic_failures_are_not_billed_and_name_their_type,
		cache_split_that_disagrees_with_its_total_is_refused,
		openai_success_is_status_2xx_not_a_null_error,
		openai_prompt_tokens_include_cached_tokens,
		openai_responses_and_embeddings_bodies_count_too,
		openai_cache_writes_are_thirty_minute_writes_inside_the_prompt,
		openai_expired_and_cancelled_lines_have_no_response,
		gemini_prompt_includes_cached_and_thoughts_are_output,
		bedrock_records_carry_anthropic_usage_or_an_error_code,
		a_line_of_no_known_shape_is_refused,
		job_is_the_key_minus_a_trailing_separator_and_number,
		only_transient_failures_are_retryable,
		merging_shards_gives_the_totals_of_one_pass,
		buckets_are_bounded_and_the_rest_are_other_jobs,
		only_succeeded_requests_are_billed_and_the_cliff_is_per_request,
		request_lines_of_each_provider_are_named_not_parsed,
		text_that_is_not_utf8_is_refused_at_its_byte,
	};
	return RUN_SUITE_WITH("recon", tests, setup, NULL);
}
