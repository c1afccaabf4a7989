/* litellm: a real LiteLLM excerpt converted entry by entry, exactly. */
#include "../../calc/catalogue_load.h"
#include "../../models/number.h"

#include "suite.h"
#include <stdlib.h>
#include <string.h>

#define FIXTURE "tests/fixtures/litellm-excerpt.json"

static struct catalogue cat;
static struct litellm_report report;

static void load(void)
{
	struct diag d;
	enum status st = catalogue_load_file(FIXTURE, &cat, &report, &d);
	ck_assert_msg(st == STATUS_OK, "%s", d.text);
}

static void unload(void)
{
	catalogue_release(&cat);
}

/* "-" for a class not offered; a trailing "*" for a derived batch rate. */
static const char *show(const struct rate_set *set, const bool *derived,
                        enum token_class c, char buf[64])
{
	if (!set->offered[c])
		return "-";
	rate_format(set->rates[c], buf, 64);
	if (derived && derived[c])
		strcat(buf, "*");
	return buf;
}

/* The rates of one tier as "in out cw5m cw1h read | batch in out cw5m cw1h read". */
static const char *tier_text(const struct price_tier *t)
{
	static char line[512];
	char b[64];

	line[0] = '\0';
	for (int side = 0; side < 2; side++) {
		for (int i = 0; i < 5; i++) {
			static const enum token_class order[] = {
				TOKEN_INPUT, TOKEN_OUTPUT, TOKEN_CACHE_WRITE_5M,
				TOKEN_CACHE_WRITE_1H, TOKEN_CACHE_READ};
			strcat(line, show(side ? &t->batch : &t->sync,
			                  side ? t->batch_derived : NULL, order[i], b));
			strcat(line, " ");
		}
		if (!side)
			strcat(line, "| ");
	}
	line[strlen(line) - 1] = '\0';
	return line;
}

static const struct {
	const char *id, *provider, *standard, *long_context, *retired;
} expected[] = {
	{"ai21.jamba-1-5-large-v1:0", "bedrock",
	 "2.00 8.00 - - - | 1.00* 4.00* - - -", NULL, NULL},
	{"amazon.nova-2-lite-v1:0", "bedrock_converse",
	 "0.30 2.50 - - 0.075 | 0.15* 1.25* - - 0.0375*", NULL, NULL},
	/* 0.546875 / 2 = 0.2734375 has 7 decimals: rounded, still flagged. */
	{"amazon.nova-2-pro-preview-20251202-v1:0", "bedrock_converse",
	 "2.1875 17.50 - - 0.546875 | 1.09375* 8.75* - - 0.273438*", NULL, NULL},
	{"azure/us/o3-mini-2025-01-31", "azure",
	 "1.21 4.84 - - 0.605 | 0.605 2.42 - - 0.3025*", NULL, NULL},
	{"azure/us/o4-mini-2025-04-16", "azure",
	 "1.21 4.84 - - 0.31 | 0.605* 2.42* - - 0.155*", NULL, NULL},
	{"azure_ai/Phi-4", "azure_ai",
	 "0.125 0.50 - - - | 0.0625* 0.25* - - -", NULL, NULL},
	{"claude-sonnet-4-5-20250929", "anthropic",
	 "3.00 15.00 3.75 6.00 0.30 | 1.50* 7.50* 1.875* 3.00* 0.15*",
	 "6.00 22.50 7.50 12.00 0.60 | 3.00* 11.25* 3.75* 6.00* 0.30*", NULL},
	{"claude-sonnet-4-6", "anthropic",
	 "3.00 15.00 3.75 6.00 0.30 | 1.50* 7.50* 1.875* 3.00* 0.15*", NULL, NULL},
	{"claude-sonnet-4-5-20250929-v1:0", "bedrock",
	 "3.00 15.00 3.75 6.00 0.30 | 1.50* 7.50* 1.875* 3.00* 0.15*",
	 "6.00 22.50 7.50 12.00 0.60 | 3.00* 11.25* 3.75* 6.00* 0.30*", NULL},
	{"claude-opus-4-1-20250805", "anthropic",
	 "15.00 75.00 18.75 30.00 1.50 | 7.50* 37.50* 9.375* 15.00* 0.75*", NULL,
	 "2026-08-05"},
	{"claude-opus-4-5-20251101", "anthropic",
	 "5.00 25.00 6.25 10.00 0.50 | 2.50* 12.50* 3.125* 5.00* 0.25*", NULL, NULL},
	{"command-r", "cohere_chat", "0.15 0.60 - - - | 0.075* 0.30* - - -", NULL, NULL},
	{"command-r7b-12-2024", "cohere_chat",
	 "0.0375 0.15 - - - | 0.01875* 0.075* - - -", NULL, NULL},
	/* litellm_provider "azure" with no prefix in the key. */
	{"computer-use-preview", "azure", "3.00 12.00 - - - | 1.50* 6.00* - - -", NULL, NULL},
	{"deepseek-chat", "deepseek", "0.28 0.42 - - 0.028 | 0.14* 0.21* - - 0.014*", NULL, NULL},
	{"fireworks_ai/gpt-oss-120b", "fireworks_ai",
	 "0.15 0.60 - - 0.015 | 0.075* 0.30* - - 0.0075*", NULL, NULL},
	/* The >200K tier names no cache write, so none is offered there either. */
	{"gemini/gemini-2.5-pro", "gemini",
	 "1.25 10.00 - - 0.125 | 0.625* 5.00* - - 0.0625*",
	 "2.50 15.00 - - 0.25 | 1.25* 7.50* - - 0.125*", NULL},
	/* "vertex_ai-language-models" folds to vertex_ai; published batches. */
	{"gemini-2.5-pro", "vertex_ai",
	 "1.25 10.00 - - 0.125 | 0.625 5.00 - - 0.0625*",
	 "2.50 15.00 - - 0.25 | 1.25* 7.50* - - 0.125*", NULL},
	{"gpt-4o-mini", "openai", "0.15 0.60 - - 0.075 | 0.075 0.30 - - 0.0375*", NULL, NULL},
	{"gpt-4o-search-preview", "openai",
	 "2.50 10.00 - - 1.25 | 1.25 5.00 - - 0.625*", NULL, NULL},
	/* No 1-hour write above 200K in the file: the standard 6.00 stays. */
	{"vertex_ai/claude-sonnet-4-5@20250929", "vertex_ai",
	 "3.00 15.00 3.75 6.00 0.30 | 1.50 7.50 1.875* 3.00* 0.15*",
	 "6.00 22.50 7.50 6.00 0.60 | 3.00* 11.25* 3.75* 3.00* 0.30*", NULL},
};

#define EXPECTED_COUNT (sizeof expected / sizeof expected[0])

START_TEST(every_priced_chat_entry_converts_exactly)
{
	ck_assert_uint_eq(cat.model_count, EXPECTED_COUNT);
	for (size_t i = 0; i < EXPECTED_COUNT; i++) {
		const struct model *m = &cat.models[i];
		const struct price_entry *pe = &m->prices[0];
		char when[DATE_TEXT_SIZE];

		ck_assert_str_eq(m->id, expected[i].id);
		ck_assert_str_eq(m->provider, expected[i].provider);
		ck_assert_uint_eq(m->price_count, 1);
		ck_assert_msg(strcmp(tier_text(&pe->standard), expected[i].standard) == 0,
		              "%s: %s", m->id, tier_text(&pe->standard));
		ck_assert_msg(pe->has_long_context == (expected[i].long_context != NULL),
		              "%s long context", m->id);
		if (pe->has_long_context) {
			ck_assert_int_eq(pe->long_context_above, 200000);
			ck_assert_msg(strcmp(tier_text(&pe->long_context),
			                     expected[i].long_context) == 0,
			              "%s >200K: %s", m->id, tier_text(&pe->long_context));
		}
		ck_assert(m->retired == (expected[i].retired != NULL));
		if (m->retired) {
			date_format(m->retired_on, when);
			ck_assert_str_eq(when, expected[i].retired);
		}
	}
}
END_TEST

START_TEST(non_token_entries_are_skipped_and_counted)
{
	ck_assert_uint_eq(report.entries, 32);
	ck_assert_uint_eq(report.imported, 21);
	/* image_generation x5, audio_transcription x2, embedding x2, realtime x1 */
	ck_assert_uint_eq(report.skipped_mode, 10);
	/* dashscope/qwen-flash: chat, but priced by tiered_pricing only */
	ck_assert_uint_eq(report.skipped_unpriced, 1);
	ck_assert_uint_eq(report.with_batches, 5);
	ck_assert_uint_eq(report.long_context, 5);
	ck_assert_uint_eq(report.rounded, 0);
	ck_assert_uint_eq(report.derived, 81);
	ck_assert_uint_eq(report.derived_rounded, 1); /* 0.546875 / 2 */
	ck_assert_ptr_nonnull(catalogue_provider(&cat, "openai"));
	ck_assert_str_eq(cat.version, "undated");
}
END_TEST

START_TEST(a_sub_micro_per_million_price_is_rounded_and_reported)
{
	static const char text[] =
		"{\"m\": {\"litellm_provider\": \"x\", \"mode\": \"chat\","
		" \"input_cost_per_token\": 1.2345675e-06,"
		" \"output_cost_per_token\": 2.9999999999999999e-06}}";
	struct catalogue c;
	struct litellm_report r;
	struct diag d;
	char buf[64];

	ck_assert(catalogue_load_text(text, strlen(text), "t", &c, &r, &d) == STATUS_OK);
	rate_format(c.models[0].prices[0].standard.sync.rates[TOKEN_INPUT], buf, sizeof buf);
	ck_assert_str_eq(buf, "1.234568");
	rate_format(c.models[0].prices[0].standard.sync.rates[TOKEN_OUTPUT], buf, sizeof buf);
	ck_assert_str_eq(buf, "3.00");
	ck_assert_uint_eq(r.rounded, 2);
	ck_assert_str_eq(r.rounded_what[0], "m input_cost_per_token 1.2345675e-06");
	catalogue_release(&c);
}
END_TEST

START_TEST(scientific_text_scales_without_a_double)
{
	static const struct {
		const char *text;
		long long micro;
		bool inexact;
	} cases[] = {
		{"3e-06", 3000000, false},
		{"3E-6", 3000000, false},
		{"0.000003", 3000000, false},
		{"1.875e-05", 18750000, false},
		{"5.46875e-07", 546875, false},
		{"0.0", 0, false},
		{"1e-12", 1, false},             /* exactly one micro per million */
		{"4e-13", 0, true},              /* below half: rounds to 0 */
		{"5e-13", 1, true},              /* exactly half: away from zero */
		{"1.5e-12", 2, true},
		{"1e-400", 0, true},
		{"2.9999999999999999e-06", 3000000, true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		number_wide v;
		bool inexact;
		const char *why;
		ck_assert_msg(number_scan_scientific(cases[i].text, 12, &v, &inexact, &why),
		              "%s: %s", cases[i].text, why);
		ck_assert_msg((long long)v == cases[i].micro, "%s gave %lld", cases[i].text,
		              (long long)v);
		ck_assert_msg(inexact == cases[i].inexact, "%s inexact", cases[i].text);
	}
}
END_TEST

START_TEST(scientific_text_refuses_what_is_not_a_json_number)
{
	static const char *const bad[] = {"", "e5", "1e", "1e+", "1.2.3", "0x10", "1e5x",
	                                  "nan", "inf", "1,5"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		number_wide v;
		bool inexact;
		const char *why;
		ck_assert_msg(!number_scan_scientific(bad[i], 12, &v, &inexact, &why),
		              "accepted \"%s\"", bad[i]);
	}
}
END_TEST

START_TEST(the_imported_catalogue_reloads_with_the_same_flags)
{
	cJSON *json = catalogue_to_json(&cat);
	char *text = cJSON_Print(json);
	struct catalogue again;
	struct litellm_report r;
	struct diag d;

	ck_assert(catalogue_load_text(text, strlen(text), "again", &again, &r, &d) == STATUS_OK);
	ck_assert_uint_eq(r.entries, 0);
	ck_assert_uint_eq(again.model_count, cat.model_count);
	for (size_t i = 0; i < cat.model_count; i++) {
		char a[512];
		strcpy(a, tier_text(&cat.models[i].prices[0].standard));
		ck_assert_str_eq(a, tier_text(&again.models[i].prices[0].standard));
	}
	catalogue_release(&again);
	cJSON_free(text);
	cJSON_Delete(json);
}
END_TEST

/* The entries of 2026 (a real excerpt): cliffs at 272K, OpenAI's cache
 * writes, service tiers as multipliers, and the traps the file carries. */
START_TEST(twenty_twenty_six_entries_keep_their_shapes_and_traps)
{
	struct catalogue c;
	struct litellm_report r;
	struct diag d;
	const struct model *m;
	const struct price_entry *p, *at;
	struct price_entry storage;
	date_days today = date_from_civil(2026, 11, 30);

	ck_assert_int_eq(catalogue_load_file("tests/fixtures/litellm-2026-excerpt.json", &c, &r,
	                                     &d), STATUS_OK);
	ck_assert_int_eq(catalogue_price(&c, "gpt-5.6-luna", today, &m, &p, &d), STATUS_OK);
	ck_assert_int_eq(p->long_context_above, 272000);
	ck_assert_int_eq(p->standard.sync.rates[TOKEN_CACHE_WRITE_30M].micro, 1250000);
	ck_assert(!p->standard.sync.offered[TOKEN_CACHE_WRITE_5M]);
	ck_assert_int_eq(m->context_window, 1050000);
	/* flex at 0.5x of sync, from the *_flex rates. */
	ck_assert_int_eq(price_at_tiers(m, p, "flex", NULL, today, &storage, &at, &d), STATUS_OK);
	ck_assert_int_eq(at->standard.sync.rates[TOKEN_OUTPUT].micro, 3000000);
	/* OpenAI's rounded cents in LiteLLM: gpt-5.4 flex cached 1.3e-07 is named,
	 * and the multiple (0.125) is what is used. */
	ck_assert_int_eq(catalogue_price(&c, "gpt-5.4", today, &m, &p, &d), STATUS_OK);
	ck_assert_int_eq(price_at_tiers(m, p, "flex", NULL, today, &storage, &at, &d), STATUS_OK);
	ck_assert_int_eq(at->standard.sync.rates[TOKEN_CACHE_READ].micro, 125000);
	ck_assert_uint_eq(r.tier_disagree, 1);
	ck_assert_str_eq(r.disagree_what[0], "gpt-5.4 flex cache_read");
	/* fast 6x and the stacking US uplift of provider_specific_entry. */
	ck_assert_int_eq(catalogue_price(&c, "claude-opus-4-7", today, &m, &p, &d), STATUS_OK);
	ck_assert_int_eq(price_at_tiers(m, p, "fast", "us", today, &storage, &at, &d), STATUS_OK);
	ck_assert_int_eq(at->standard.sync.rates[TOKEN_INPUT].micro, 33000000);
	/* LiteLLM's claude-3-haiku 1-hour write (6e-06) is not 2x input: named. */
	ck_assert_uint_eq(r.suspect_1h, 1);
	ck_assert_str_eq(r.suspect_what[0], "claude-3-haiku-20240307 1-hour cache write 6.00");
	ck_assert_uint_eq(r.long_context_other, 2);
	catalogue_release(&c);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		every_priced_chat_entry_converts_exactly,
		non_token_entries_are_skipped_and_counted,
		a_sub_micro_per_million_price_is_rounded_and_reported,
		scientific_text_scales_without_a_double,
		scientific_text_refuses_what_is_not_a_json_number,
		the_imported_catalogue_reloads_with_the_same_flags,
		twenty_twenty_six_entries_keep_their_shapes_and_traps,
	};
	return RUN_SUITE_WITH("litellm", tests, load, unload);
}
