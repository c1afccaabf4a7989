/* genai_prices: a real genai-prices v2 excerpt converted, dates, tiers and names. */
#include "../../calc/catalogue_load.h"
#include "../../models/cost.h"

#include "suite.h"
#include <stdlib.h>
#include <string.h>

#define FIXTURE "tests/fixtures/genai-prices-excerpt.json"

static struct catalogue cat;
static struct litellm_report report;
static struct diag d;

static void load(void)
{
	enum status st = catalogue_load_file(FIXTURE, &cat, &report, &d);
	ck_assert_msg(st == STATUS_OK, "%s", d.text);
}

static date_days day(const char *text)
{
	date_days v;
	const char *why;
	ck_assert(date_parse(text, &v, &why));
	return v;
}

/* Input rate in micro-dollars of `name` on `when`, or -1 without a price. */
static int64_t input_on(const char *name, const char *when)
{
	const struct model *m;
	const struct price_entry *p;

	if (catalogue_price(&cat, name, day(when), &m, &p, &d) != STATUS_OK)
		return -1;
	return p->standard.sync.rates[TOKEN_INPUT].micro;
}

START_TEST(start_dates_become_half_open_entries)
{
	load();
	ck_assert_ptr_nonnull(report.format);
	ck_assert_str_eq(cat.version, "undated");
	/* genai-prices' own (wrong) step for Sonnet 5: imported as it is, so
	 * that 'prices diff' shows it. */
	ck_assert_int_eq(input_on("claude-sonnet-5", "2026-08-31"), 2000000);
	ck_assert_int_eq(input_on("claude-sonnet-5", "2026-09-01"), 3000000);
	ck_assert_int_eq(input_on("gpt-5.6-luna", "2026-07-29"), 1000000);
	ck_assert_int_eq(input_on("gpt-5.6-luna", "2026-07-30"), 200000);
	ck_assert_int_eq(input_on("o3", "2025-06-09"), 10000000);
	ck_assert_int_eq(input_on("o3", "2025-06-10"), 2000000);
	ck_assert_int_eq(input_on("gemini-3.6-flash", "2027-01-01"), 1500000);
	ck_assert_uint_eq(report.dated, 5);
	catalogue_release(&cat);
}
END_TEST

START_TEST(one_tier_prices_become_a_whole_request_cliff)
{
	const struct model *m;
	const struct price_entry *p;

	load();
	ck_assert_int_eq(catalogue_price(&cat, "gpt-5.6-luna", day("2026-08-01"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert(p->has_long_context);
	ck_assert_int_eq(p->long_context_above, 272000);
	/* OpenAI's generic cache write is the 30-minute write. */
	ck_assert_int_eq(p->standard.sync.rates[TOKEN_CACHE_WRITE_30M].micro, 250000);
	ck_assert(!p->standard.sync.offered[TOKEN_CACHE_WRITE_5M]);
	ck_assert_int_eq(p->long_context.sync.rates[TOKEN_OUTPUT].micro, 1800000);
	/* No batch prices in genai-prices: every batch rate derived. */
	ck_assert(p->standard.batch_derived[TOKEN_INPUT]);
	/* The tier of Opus 4.6 ends with its entry, on 2026-03-13. */
	ck_assert_int_eq(catalogue_price(&cat, "claude-opus-4-6", day("2026-03-12"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert(p->has_long_context);
	ck_assert_int_eq(p->long_context.sync.rates[TOKEN_CACHE_WRITE_1H].micro, 20000000);
	ck_assert_int_eq(catalogue_price(&cat, "claude-opus-4-6", day("2026-03-13"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert(!p->has_long_context);
	catalogue_release(&cat);
}
END_TEST

START_TEST(match_rules_become_aliases_and_resold_models_are_prefixed)
{
	enum model_match how;
	const struct model *m;

	load();
	m = catalogue_find_model(&cat, "gpt-5.6", &how);
	ck_assert_str_eq(m->id, "gpt-5.6-sol");
	ck_assert_int_eq(how, MATCH_ALIAS);
	ck_assert_str_eq(catalogue_find_model(&cat, "claude-opus-4.7", &how)->id,
	                 "claude-opus-4-7");
	/* Google resells Claude: its entry is prefixed, Anthropic's keeps the id. */
	ck_assert_str_eq(catalogue_find_model(&cat, "google/claude-opus-4-7", &how)->provider,
	                 "google");
	ck_assert_str_eq(catalogue_find_model(&cat, "claude-opus-4-7", &how)->provider,
	                 "anthropic");
	ck_assert_ptr_nonnull(catalogue_find_model(&cat, "openrouter/anthropic/claude-sonnet-4",
	                                           &how));
	ck_assert_int_eq(catalogue_find_model(&cat, "gpt-5.4", &how)->context_window, 1050000);
	/* Not priced per output token, and an hour-of-day price: counted. */
	ck_assert_ptr_null(catalogue_find_model(&cat, "text-embedding-3-small", &how));
	ck_assert_uint_eq(report.skipped_unpriced, 1);
	ck_assert_uint_eq(report.skipped_time_of_day, 1);
	ck_assert_uint_eq(report.imported, 14);
	catalogue_release(&cat);
}
END_TEST

START_TEST(an_imported_catalogue_survives_a_round_trip)
{
	struct catalogue again;
	cJSON *json;
	char *text;
	const struct model *m;
	const struct price_entry *p;

	load();
	json = catalogue_to_json(&cat);
	text = cJSON_Print(json);
	cJSON_Delete(json);
	ck_assert_int_eq(catalogue_load_text(text, strlen(text), "again", &again, NULL, &d),
	                 STATUS_OK);
	free(text);
	ck_assert_uint_eq(again.model_count, cat.model_count);
	ck_assert_int_eq(catalogue_price(&again, "gpt-5.6-luna", day("2026-07-30"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert_int_eq(p->long_context.batch.rates[TOKEN_CACHE_WRITE_30M].micro, 250000);
	ck_assert(p->long_context.batch_derived[TOKEN_CACHE_WRITE_30M]);
	catalogue_release(&again);
	catalogue_release(&cat);
}
END_TEST

START_TEST(a_file_of_another_shape_is_not_genai_prices)
{
	const char *text = "[{\"id\": \"x\", \"models\": [{\"id\": \"m\", \"prices\": "
	                   "{\"input_mtok\": \"cheap\", \"output_mtok\": 1}}]}]";

	ck_assert_int_eq(catalogue_load_text(text, strlen(text), "g.json", &cat, &report, &d),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "g.json, genai-prices format: [0].models[0].prices.input_mtok: "
	                         "expected a price in USD per million tokens, found the string "
	                         "\"cheap\"");
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		start_dates_become_half_open_entries,
		one_tier_prices_become_a_whole_request_cliff,
		match_rules_become_aliases_and_resold_models_are_prefixed,
		an_imported_catalogue_survives_a_round_trip,
		a_file_of_another_shape_is_not_genai_prices,
	};
	return RUN_SUITE("genai_prices", tests);
}
