/* usage: every provider's usage and cost report read into one shape. */
#include "../../calc/catalogue_load.h"
#include "../../calc/files.h"
#include "../../calc/usage.h"

#include "suite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct usage_set set;
static struct catalogue cat;

static void setup(void)
{
	struct diag d;
	usage_set_init(&set);
	ck_assert_msg(catalogue_load_builtin(&cat, &d) == STATUS_OK, "%s", d.text);
}

static void teardown(void)
{
	usage_set_release(&set);
	catalogue_release(&cat);
}

static void load_ok(const char *text)
{
	struct diag d;
	enum status st = usage_load_text(&set, text, strlen(text), "t", &d);
	ck_assert_msg(st == STATUS_OK, "%s", d.text);
}

static void load_fixture(const char *name)
{
	char path[256];
	struct diag d;
	enum status st;

	snprintf(path, sizeof path, "tests/fixtures/%s", name);
	st = usage_load_file(&set, path, &d);
	ck_assert_msg(st == STATUS_OK, "%s", d.text);
}

/* Loads text that must fail; returns the message. */
static const char *load_fails(const char *text)
{
	static struct diag d;
	size_t rows = set.count, files = set.file_count;
	enum status st = usage_load_text(&set, text, strlen(text), "t", &d);

	ck_assert_int_eq(st, STATUS_INPUT);
	ck_assert_uint_eq(set.count, rows);        /* the set as it was */
	ck_assert_uint_eq(set.file_count, files);
	return d.text;
}

static date_days day_of(const char *text)
{
	date_days day;
	const char *why;
	ck_assert(date_parse(text, &day, &why));
	return day;
}

static const char *money_text(money m)
{
	static char buf[4][64];
	static int next;
	char *b = buf[next++ % 4];
	ck_assert(money_format_exact(m, b, 64));
	return b;
}

/* The sum of the amounts (and of the quantities) of matching rows. */
static money amount_of(enum usage_kind kind, int cls)
{
	money sum = money_zero();
	bool overflow = false;

	for (size_t i = 0; i < set.count; i++)
		if (set.rows[i].kind == kind && set.rows[i].has_amount &&
		    (cls < 0 || (int)set.rows[i].cls == cls))
			sum = money_add(sum, set.rows[i].amount, &overflow);
	ck_assert(!overflow);
	return sum;
}

static int64_t quantity_of(enum usage_kind kind, int cls)
{
	int64_t sum = 0;

	for (size_t i = 0; i < set.count; i++)
		if (set.rows[i].kind == kind && set.rows[i].has_quantity &&
		    (cls < 0 || (int)set.rows[i].cls == cls))
			sum += set.rows[i].quantity;
	return sum;
}

static const struct usage_row *find_row(enum usage_kind kind, int cls, const char *item)
{
	for (size_t i = 0; i < set.count; i++)
		if (set.rows[i].kind == kind && (cls < 0 || (int)set.rows[i].cls == cls) &&
		    (!item || strcmp(set.rows[i].item, item) == 0))
			return &set.rows[i];
	ck_abort_msg("no such row");
	return NULL;
}

START_TEST(anthropic_usage_report_gives_exclusive_classes_by_day_model_and_tier)
{
	load_fixture("anthropic-usage-report.json");
	/* four non-zero classes; the zero 1h write and web searches add no row */
	ck_assert_uint_eq(set.count, 4);
	ck_assert_str_eq(set.files[0].format, "Anthropic usage report (Admin API JSON)");
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_INPUT), 1840213);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_CACHE_WRITE_5M), 120400);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_CACHE_READ), 9630000);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_OUTPUT), 402118);
	for (size_t i = 0; i < set.count; i++) {
		ck_assert_int_eq(set.rows[i].day, day_of("2026-11-24"));
		ck_assert_int_eq(set.rows[i].tier, USAGE_TIER_BATCH);
		ck_assert_str_eq(set.rows[i].model, "claude-sonnet-4-5-20250929");
		ck_assert(!set.rows[i].has_amount);
	}
	ck_assert(set.files[0].tokens && !set.files[0].money && !set.files[0].requests);
	ck_assert_int_eq(set.files[0].first, day_of("2026-11-24"));
	ck_assert_int_eq(set.files[0].last, day_of("2026-11-24")); /* ending_at excluded */
}
END_TEST

START_TEST(anthropic_cost_report_cents_are_divided_by_100_exactly)
{
	load_fixture("anthropic-cost-report.json");
	ck_assert_str_eq(set.files[0].format, "Anthropic cost report (Admin API JSON)");
	ck_assert_uint_eq(set.count, 4);
	/* "276.03195" cents is $2.7603195; the four make $7.4464545 (the
	 * reference's "$7.4466345" is an addition slip: 2.7603195 + 0.22575 +
	 * 1.4445 + 3.015885 = 7.4464545) */
	ck_assert_str_eq(money_text(amount_of(USAGE_TOKENS, TOKEN_INPUT)), "2.7603195");
	ck_assert_str_eq(money_text(amount_of(USAGE_TOKENS, -1)), "7.4464545");
	ck_assert_int_eq(find_row(USAGE_TOKENS, TOKEN_CACHE_WRITE_5M, NULL)->tier,
	                 USAGE_TIER_BATCH);
	ck_assert(!find_row(USAGE_TOKENS, TOKEN_OUTPUT, NULL)->rounded);
}
END_TEST

START_TEST(anthropic_cost_lines_that_are_not_tokens_are_kept_as_charges)
{
	load_ok("{\"data\":[{\"starting_at\":\"2026-11-24T00:00:00Z\",\"ending_at\":\"2026-11-25T00:00:00Z\","
	        "\"results\":[{\"amount\":\"7\",\"currency\":\"USD\",\"cost_type\":\"web_search\","
	        "\"token_type\":null,\"model\":null,\"service_tier\":null},"
	        "{\"amount\":\"12.5\",\"currency\":\"USD\",\"cost_type\":\"code_execution\"},"
	        /* not grouped by description: money no model is named for */
	        "{\"amount\":\"100\",\"currency\":\"USD\"}]}],\"has_more\":false,\"next_page\":null}");
	ck_assert_str_eq(money_text(find_row(USAGE_CHARGE, -1, "web_search")->amount), "0.07");
	ck_assert_str_eq(money_text(find_row(USAGE_CHARGE, -1, "code_execution")->amount), "0.125");
	ck_assert_str_eq(money_text(find_row(USAGE_OTHER, -1, NULL)->amount), "1.00");
	ck_assert_str_eq(find_row(USAGE_OTHER, -1, NULL)->item, "not grouped by description");
}
END_TEST

static const char page1[] =
	"{\"data\":[{\"starting_at\":\"2026-11-01T00:00:00Z\",\"ending_at\":\"2026-11-02T00:00:00Z\","
	"\"results\":[{\"uncached_input_tokens\":100,\"output_tokens\":10,\"model\":\"claude-haiku-4-5\","
	"\"service_tier\":\"standard\"}]}],\"has_more\":true,\"next_page\":\"page_MjAy\"}";
static const char page2[] =
	"{\"data\":[{\"starting_at\":\"2026-11-02T00:00:00Z\",\"ending_at\":\"2026-11-03T00:00:00Z\","
	"\"results\":[]},{\"starting_at\":\"2026-11-03T00:00:00Z\",\"ending_at\":\"2026-11-04T00:00:00Z\","
	"\"results\":[{\"uncached_input_tokens\":200,\"output_tokens\":20,\"model\":\"claude-haiku-4-5\","
	"\"service_tier\":\"batch\",\"context_window\":\"200k-1M\"}]}],\"has_more\":false,\"next_page\":null}";

START_TEST(pages_concatenated_or_in_an_array_read_alike)
{
	char text[2048];
	const char *msg;

	snprintf(text, sizeof text, "%s\n%s\n", page1, page2);
	load_ok(text);
	ck_assert_uint_eq(set.count, 4);
	ck_assert_uint_eq(set.files[0].pages, 2);
	/* the empty bucket of 2026-11-02 is covered too */
	ck_assert_int_eq(set.files[0].first, day_of("2026-11-01"));
	ck_assert_int_eq(set.files[0].last, day_of("2026-11-03"));
	ck_assert(set.rows[3].long_context && set.rows[3].tier == USAGE_TIER_BATCH);
	snprintf(text, sizeof text, "[%s,%s]", page1, page2);
	load_ok(text);
	ck_assert_uint_eq(set.count, 8);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_int_eq(set.rows[i].day, set.rows[i + 4].day);
		ck_assert_int_eq(set.rows[i].quantity, set.rows[i + 4].quantity);
	}
	/* a fault in the second page is named by its place */
	snprintf(text, sizeof text, "%s%s", page1,
	         "{\"data\":[{\"starting_at\":\"2026-11-02\",\"results\":[{\"output_tokens\":-1}]}]}");
	msg = load_fails(text);
	ck_assert_msg(strstr(msg, "t: [1].data[0].results[0].output_tokens: expected a "
	                     "whole count") != NULL, "%s", msg);
	/* a syntax error names the line of the whole file */
	snprintf(text, sizeof text, "%s\n{\"data\": [}", page1);
	msg = load_fails(text);
	ck_assert_msg(strncmp(msg, "t:2:11: expected valid JSON", 27) == 0, "%s", msg);
}
END_TEST

START_TEST(analytics_items_carry_request_counts)
{
	load_ok("{\"data\":[{\"starting_at\":\"2026-11-24T00:00:00Z\",\"ending_at\":\"2026-11-25T00:00:00Z\","
	        "\"group\":{\"model\":\"claude-sonnet-4-5\",\"service_tier\":\"batch\"},"
	        "\"usage\":{\"uncached_input_tokens\":3000,\"cache_creation\":{\"ephemeral_5m_input_tokens\":0,"
	        "\"ephemeral_1h_input_tokens\":500},\"cache_read_input_tokens\":0,\"output_tokens\":700,"
	        "\"requests\":4,\"server_tool_use\":{\"web_search_requests\":2}}},"
	        "{\"starting_at\":\"2026-11-24T00:00:00Z\",\"ending_at\":\"2026-11-25T00:00:00Z\","
	        "\"group\":{\"model\":\"claude-sonnet-4-5\",\"service_tier\":\"batch\","
	        "\"cost_type\":\"tokens\",\"token_type\":\"output_tokens\"},"
	        "\"cost\":{\"amount\":\"0.525\",\"currency\":\"USD\",\"list_amount\":\"1.05\","
	        "\"requests\":null}}],\"has_more\":false,\"next_page\":null}");
	ck_assert_str_eq(set.files[0].format, "Anthropic cost (analytics API JSON)");
	ck_assert_int_eq(quantity_of(USAGE_REQUESTS, -1), 4);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_CACHE_WRITE_1H), 500);
	ck_assert_int_eq(find_row(USAGE_CHARGE, -1, "web_search")->quantity, 2);
	/* fractional cents: 0.525 cents is $0.00525 */
	ck_assert_str_eq(money_text(amount_of(USAGE_TOKENS, TOKEN_OUTPUT)), "0.00525");
}
END_TEST

START_TEST(console_cost_export_real_file_keeps_every_row_and_maps_display_names)
{
	money total;
	size_t unmapped;

	load_fixture("claude_api_cost_2026_02_08_to_2026_02_15.csv");
	ck_assert_str_eq(set.files[0].format, "Anthropic Console cost export (CSV)");
	ck_assert_uint_eq(set.count, 24);
	total = amount_of(USAGE_TOKENS, -1);
	ck_assert_str_eq(money_text(total), "19.90");
	ck_assert_str_eq(money_text(find_row(USAGE_CHARGE, -1, "web_search")->amount), "0.07");
	ck_assert_str_eq(find_row(USAGE_CHARGE, -1, "web_search")->model, "");
	/* the repeated key: both 5-minute write rows of 2026-02-12 are kept */
	ck_assert_str_eq(money_text(amount_of(USAGE_TOKENS, TOKEN_CACHE_WRITE_5M)), "5.31");
	for (size_t i = 0; i < set.count; i++) {
		ck_assert(set.rows[i].rounded);
		ck_assert_int_eq(set.rows[i].tier, USAGE_TIER_UNKNOWN); /* "message" */
		ck_assert(!set.rows[i].long_context);                   /* "≤ 200k" */
		ck_assert_str_eq(set.rows[i].scope, "workspace Default, key chat-key");
	}
	unmapped = usage_map_models(&set, &cat);
	ck_assert_uint_eq(unmapped, 0);
	ck_assert_str_eq(set.rows[1].model, "Claude Haiku 4.5");
	ck_assert_str_eq(set.rows[1].model_id, "claude-haiku-4-5-20251001");
	ck_assert_str_eq(set.rows[5].model_id, "claude-sonnet-4-5-20250929");
	ck_assert_int_eq(set.files[0].first, day_of("2026-02-12"));
	ck_assert_int_eq(set.files[0].last, day_of("2026-02-15"));
}
END_TEST

START_TEST(console_usage_export_reads_counts_by_header_name)
{
	/* columns out of the documented order, the old single write column */
	load_ok("model_version,usage_date_utc,workspace,api_key,usage_type,context_window,"
	        "usage_input_tokens_no_cache,usage_input_tokens_cache_write,"
	        "usage_input_tokens_cache_read,usage_output_tokens,web_search_count\n"
	        "claude-haiku-4-5-20251001,2026-08-30,Default,ci,batch,≤ 200k,1000,200,300,40,3\n"
	        "claude-haiku-4-5-20251001,2026-08-30 14:00,Default,ci,standard,> 200k,10.0,0,0,4,\n");
	ck_assert_str_eq(set.files[0].format, "Anthropic Console usage export (CSV)");
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_INPUT), 1010);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_CACHE_WRITE_5M), 200);
	ck_assert_int_eq(find_row(USAGE_CHARGE, -1, "web_search")->quantity, 3);
	ck_assert_int_eq(find_row(USAGE_TOKENS, TOKEN_INPUT, NULL)->tier, USAGE_TIER_BATCH);
	ck_assert(set.rows[set.count - 1].long_context);
	ck_assert_int_eq(set.rows[set.count - 1].tier, USAGE_TIER_STANDARD);
	ck_assert_str_eq(set.rows[0].where, "t:2");
	ck_assert_str_eq(load_fails("usage_date_utc,model_version,usage_input_tokens_no_cache,"
	                            "usage_output_tokens\n2026-08-30,m,1.5,1\n"),
	                 "t:2:14: usage_input_tokens_no_cache: expected a whole count, found "
	                 "\"1.5\" (a fraction where a whole number is needed)");
	ck_assert_str_eq(load_fails("usage_date_utc,model_version,usage_input_tokens_no_cache,"
	                            "usage_output_tokens\n2026-02-30,m,1,1\n"),
	                 "t:2:1: usage_date_utc: expected a UTC date YYYY-MM-DD, found "
	                 "\"2026-02-30\" (no such date)");
}
END_TEST

START_TEST(openai_usage_splits_the_inclusive_input)
{
	load_fixture("openai-usage-completions.json");
	ck_assert_str_eq(set.files[0].format, "OpenAI usage (API JSON)");
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_INPUT), 4000000);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_CACHE_READ), 1200000);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_CACHE_WRITE_5M), 0);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_OUTPUT), 640000);
	ck_assert_int_eq(quantity_of(USAGE_REQUESTS, -1), 2000);
	ck_assert_int_eq(set.rows[0].tier, USAGE_TIER_STANDARD); /* batch: false */
	ck_assert_int_eq(set.rows[0].day, day_of("2026-11-24"));
}
END_TEST

START_TEST(openai_usage_without_the_uncached_field_subtracts_the_cache)
{
	load_ok("{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1759622400,"
	        "\"end_time\":1759708800,\"results\":[{\"object\":\"organization.usage.completions.result\","
	        "\"input_tokens\":59200,\"input_cached_tokens\":5760,\"output_tokens\":10646,"
	        "\"num_model_requests\":10,\"model\":\"gpt-4o-2024-08-06\",\"batch\":true}]}],"
	        "\"has_more\":false,\"next_page\":null}");
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_INPUT), 53440);
	ck_assert_int_eq(set.rows[0].tier, USAGE_TIER_BATCH);
	ck_assert_str_eq(load_fails("{\"object\":\"page\",\"data\":[{\"object\":\"bucket\","
	                            "\"start_time\":1759622400,\"results\":[{\"object\":"
	                            "\"organization.usage.completions.result\",\"input_tokens\":100,"
	                            "\"input_cached_tokens\":10,\"input_cache_write_tokens\":0,"
	                            "\"input_uncached_tokens\":80,\"output_tokens\":1,"
	                            "\"num_model_requests\":1}]}]}"),
	                 "t: data[0].results[0].input_tokens: expected input_uncached_tokens + "
	                 "input_cached_tokens + input_cache_write_tokens (input_tokens includes "
	                 "both)");
}
END_TEST

START_TEST(openai_costs_read_numbers_and_strings_and_parse_line_items)
{
	load_fixture("openai-costs.json");
	ck_assert_str_eq(set.files[0].format, "OpenAI costs (API JSON)");
	ck_assert_str_eq(money_text(amount_of(USAGE_TOKENS, -1)), "2.31");
	ck_assert_str_eq(money_text(amount_of(USAGE_TOKENS, TOKEN_OUTPUT)), "1.28"); /* "1.28" */
	ck_assert_int_eq(find_row(USAGE_TOKENS, TOKEN_CACHE_READ, NULL)->quantity, 1200000);
	ck_assert_str_eq(find_row(USAGE_TOKENS, TOKEN_CACHE_READ, NULL)->model,
	                 "gpt-5-mini-2025-08-07");
	usage_set_release(&set);
	load_ok("{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":1795478400,"
	        "\"results\":["
	        "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":\"0.003835980000000000000000000000\",\"currency\":\"usd\"},\"line_item\":\"priority | gpt-5-2025-08-07, output\"},"
	        "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":2,\"currency\":\"usd\"},\"line_item\":\"gpt-4.1, cached input, long context\"},"
	        "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":0.5,\"currency\":\"usd\"},\"line_item\":\"gpt-4o-mini-2024-07-18, batch input\",\"quantity\":2000,\"quantity_unit\":\"1000_tokens\"},"
	        "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":0.1,\"currency\":\"usd\"},\"line_item\":\"web search tool calls\"},"
	        "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":0.2,\"currency\":\"usd\"},\"line_item\":\"gpt-audio-mini-2025-12-15 audio, input\"},"
	        "{\"object\":\"organization.costs.result\",\"amount\":{\"value\":0.3,\"currency\":\"usd\"},\"line_item\":null,\"organization_id\":\"org-1\"}"
	        "]}]}");
	ck_assert_uint_eq(set.count, 6);
	ck_assert_str_eq(money_text(set.rows[0].amount), "0.00383598");
	ck_assert_int_eq(set.rows[0].tier, USAGE_TIER_PRIORITY);
	ck_assert(set.rows[1].kind == USAGE_TOKENS && set.rows[1].cls == TOKEN_CACHE_READ &&
	          set.rows[1].long_context);
	ck_assert(set.rows[2].tier == USAGE_TIER_BATCH && set.rows[2].quantity == 2000000);
	ck_assert_int_eq(set.rows[3].kind, USAGE_CHARGE);
	ck_assert_str_eq(set.rows[3].item, "web search tool calls");
	ck_assert_int_eq(set.rows[4].kind, USAGE_OTHER); /* audio: no catalogue rate */
	ck_assert_int_eq(set.rows[5].kind, USAGE_OTHER);
	ck_assert_str_eq(set.rows[5].item, "not grouped by line item");
	ck_assert_str_eq(load_fails("{\"object\":\"page\",\"data\":[{\"object\":\"bucket\","
	                            "\"start_time\":1,\"results\":[{\"object\":\"organization.costs.result\","
	                            "\"amount\":{\"value\":\"NaN\",\"currency\":\"usd\"}}]}]}"),
	                 "t: data[0].results[0].amount.value: expected an amount in dollars, a "
	                 "number or a decimal string (not a number), found the string \"NaN\"");
	ck_assert_str_eq(load_fails("{\"object\":\"page\",\"data\":[{\"object\":\"bucket\","
	                            "\"start_time\":1,\"results\":[{\"object\":\"organization.usage."
	                            "embeddings.result\",\"input_tokens\":1}]}]}"),
	                 "t: data[0].results[0].object: expected organization.usage.completions."
	                 "result or organization.costs.result (other usage endpoints are not "
	                 "read), found the string \"organization.usage.embeddings.result\"");
}
END_TEST

START_TEST(openai_console_exports_real_tsv)
{
	load_fixture("openai-console-activity-2025-10.tsv");
	ck_assert_str_eq(set.files[0].format, "OpenAI Console activity export (CSV)");
	ck_assert_int_eq(quantity_of(USAGE_REQUESTS, -1), 53);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_INPUT), 53440 + 38072 + 5783 + 80992 +
	                                                         124784 + 22688);
	ck_assert_int_eq(quantity_of(USAGE_TOKENS, TOKEN_CACHE_READ), 5760 + 8192);
	ck_assert_int_eq(set.rows[0].tier, USAGE_TIER_STANDARD); /* FALSE */
	ck_assert_int_eq(set.files[0].first, day_of("2025-10-05"));
	ck_assert_int_eq(set.files[0].last, day_of("2025-10-11"));
	ck_assert_str_eq(set.rows[0].scope, "project proj_4BhNtYH0z7dWbBtzhibxa65W, "
	                 "key key_OYRZfEkH5R9CNgtY");
	ck_assert_uint_eq(usage_map_models(&set, &cat), 0); /* dated ids */
	ck_assert_str_eq(set.rows[0].model_id, "gpt-4o");
	load_fixture("openai-console-cost-2025-10.tsv");
	ck_assert_str_eq(set.files[1].format, "OpenAI Console cost export (CSV)");
	ck_assert_str_eq(money_text(amount_of(USAGE_OTHER, -1)), "2.98595375");
	ck_assert_int_eq(set.files[1].last, day_of("2025-10-12")); /* an empty day counts */
}
END_TEST

START_TEST(google_billing_rows_read_the_sku_text)
{
	static const struct {
		const char *sku;
		enum usage_kind kind;
		int cls;
		enum usage_tier tier;
		const char *model;
	} cases[] = {
		{"Generate content input token count gemini 2.5 flash text batch", USAGE_TOKENS,
		 TOKEN_INPUT, USAGE_TIER_BATCH, "gemini-2.5-flash"},
		{"Generate content output token count gemini 2.5 flash lite text", USAGE_TOKENS,
		 TOKEN_OUTPUT, USAGE_TIER_STANDARD, "gemini-2.5-flash-lite"},
		{"Generate content cached input token count gemini 2.5 pro short input text",
		 USAGE_TOKENS, TOKEN_CACHE_READ, USAGE_TIER_STANDARD, "gemini-2.5-pro"},
		{"GenerateContent text output token count for Gemini 2.0 Flash", USAGE_TOKENS,
		 TOKEN_OUTPUT, USAGE_TIER_STANDARD, "gemini-2.0-flash"},
		{"Gemini 2.5 Pro Thinking Text Output - Predictions", USAGE_TOKENS, TOKEN_OUTPUT,
		 USAGE_TIER_STANDARD, "gemini-2.5-pro"},
		{"Generate content input token count gemini 2.5 flash image", USAGE_OTHER, -1,
		 USAGE_TIER_UNKNOWN, ""},
		{"Cached content storage token hours gemini 2.5 pro", USAGE_CHARGE, -1,
		 USAGE_TIER_UNKNOWN, ""},
		{"Grounding with Google Search", USAGE_CHARGE, -1, USAGE_TIER_UNKNOWN, ""},
	};
	char text[512];

	load_fixture("gcp-billing-export.jsonl");
	ck_assert_str_eq(set.files[0].format, "Google Cloud Billing export (JSON)");
	ck_assert_uint_eq(set.count, 1);
	ck_assert_int_eq(set.rows[0].quantity, 3000000);
	ck_assert_str_eq(money_text(set.rows[0].amount), "0.45");
	ck_assert_str_eq(set.rows[0].scope, "project acme-batch");
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		usage_set_release(&set);
		snprintf(text, sizeof text, "{\"service\":{\"description\":\"Gemini API\"},"
		         "\"sku\":{\"description\":\"%s\"},\"usage_start_time\":"
		         "\"2026-11-24T23:00:00-02:00\",\"cost\":1,\"currency\":\"USD\"}", cases[i].sku);
		load_ok(text);
		ck_assert_msg(set.rows[0].kind == cases[i].kind, "%s", cases[i].sku);
		if (cases[i].cls >= 0)
			ck_assert_msg((int)set.rows[0].cls == cases[i].cls, "%s", cases[i].sku);
		ck_assert_msg(set.rows[0].tier == cases[i].tier, "%s", cases[i].sku);
		ck_assert_str_eq(set.rows[0].model, cases[i].model);
		ck_assert_int_eq(set.rows[0].day, day_of("2026-11-25")); /* in UTC */
	}
}
END_TEST

START_TEST(google_credits_other_services_currencies_and_rounding)
{
	load_ok("[{\"service\":{\"description\":\"Compute Engine\"},\"sku\":{\"description\":\"N2 core\"},"
	        "\"usage_start_time\":\"2026-11-24T08:00:00Z\",\"cost\":5,\"currency\":\"USD\"},"
	        "{\"service\":{\"description\":\"Gemini API\"},\"sku\":{\"description\":"
	        "\"Generate content output token count gemini 2.5 flash text\"},"
	        "\"usage_start_time\":\"2026-11-24T08:00:00Z\",\"cost\":\"2.3\",\"currency\":\"EUR\","
	        "\"currency_conversion_rate\":0.92,\"usage\":{\"amount\":\"1000000\",\"unit\":\"count\"},"
	        "\"credits\":[{\"name\":\"Free tier\",\"amount\":-0.46}]},"
	        "{\"service\":{\"description\":\"Gemini API\"},\"sku\":{\"description\":\"x\"},"
	        "\"usage_start_time\":\"2026-11-24T08:00:00Z\",\"cost\":-0.01,\"currency\":\"USD\","
	        "\"cost_type\":\"rounding error\"}]");
	ck_assert_uint_eq(set.files[0].skipped, 1);
	ck_assert(set.files[0].converted);
	ck_assert_uint_eq(set.count, 3);
	ck_assert_str_eq(money_text(set.rows[0].amount), "2.50"); /* 2.3 EUR / 0.92 */
	ck_assert_str_eq(money_text(set.rows[1].amount), "-0.50");
	ck_assert_str_eq(set.rows[1].item, "credit: Free tier");
	ck_assert_int_eq(set.rows[2].kind, USAGE_ROUNDING);
	load_ok("service.description,sku.description,usage_start_time,project.id,cost,currency,"
	        "usage.amount,usage.unit,credits_amount\n"
	        "Gemini API,Generate content input token count gemini 2.5 flash text,"
	        "2026-11-24 08:00:00 UTC,acme,4.5E-7,USD,3,count,-1E-7\n"
	        "Compute Engine,N2 core,2026-11-24 08:00:00 UTC,acme,9,USD,,,\n");
	ck_assert_str_eq(set.files[1].format, "Google Cloud Billing export (CSV)");
	ck_assert_uint_eq(set.files[1].skipped, 1);
	ck_assert_str_eq(money_text(set.rows[3].amount), "0.00000045");
	ck_assert_int_eq(set.rows[3].quantity, 3);
	ck_assert_str_eq(set.rows[4].item, "credit");
	ck_assert_str_eq(money_text(set.rows[4].amount), "-0.0000001");
	ck_assert_str_eq(load_fails("{\"sku\":{\"description\":\"x\"},\"usage_start_time\":"
	                            "\"2026-11-24T08:00:00Z\",\"cost\":1,\"currency\":\"EUR\"}"),
	                 "t: cost: expected an amount that converts to USD (no "
	                 "currency_conversion_rate to convert it to USD), found the number 1");
}
END_TEST

START_TEST(unknown_files_and_unmappable_models)
{
	ck_assert_str_eq(load_fails("name,model,volume\nx,y,1\n"),
	                 "t:1:1: expected a provider's usage or cost report (Anthropic Admin "
	                 "API or Console export, OpenAI usage or costs, Google Cloud Billing "
	                 "export), found a first line \"name,model,volume\" whose columns match "
	                 "none of them");
	ck_assert_str_eq(load_fails("{\"workloads\": []}"),
	                 "t: top level: expected a provider's usage or cost report (Anthropic "
	                 "Admin API or Console export, OpenAI usage or costs, Google Cloud "
	                 "Billing export), found an object whose keys match none of them");
	ck_assert_str_eq(load_fails(""), "t: expected a provider's usage or cost report "
	                 "(Anthropic Admin API or Console export, OpenAI usage or costs, Google "
	                 "Cloud Billing export), found an empty file");
	load_ok("usage_date_utc,model,token_type,cost_usd,cost_type\n"
	        "2026-02-12,Claude Sonnet 9,output,1.00,token\n"
	        "2026-02-12,claude  SONNET 4.5,output,1.00,token\n");
	ck_assert_uint_eq(usage_map_models(&set, &cat), 1);
	ck_assert_ptr_null(set.rows[0].model_id);
	ck_assert_str_eq(set.rows[1].model_id, "claude-sonnet-4-5-20250929");
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		anthropic_usage_report_gives_exclusive_classes_by_day_model_and_tier,
		anthropic_cost_report_cents_are_divided_by_100_exactly,
		anthropic_cost_lines_that_are_not_tokens_are_kept_as_charges,
		pages_concatenated_or_in_an_array_read_alike,
		analytics_items_carry_request_counts,
		console_cost_export_real_file_keeps_every_row_and_maps_display_names,
		console_usage_export_reads_counts_by_header_name,
		openai_usage_splits_the_inclusive_input,
		openai_usage_without_the_uncached_field_subtracts_the_cache,
		openai_costs_read_numbers_and_strings_and_parse_line_items,
		openai_console_exports_real_tsv,
		google_billing_rows_read_the_sku_text,
		google_credits_other_services_currencies_and_rounding,
		unknown_files_and_unmappable_models,
	};
	return RUN_SUITE_WITH("usage", tests, setup, teardown);
}
