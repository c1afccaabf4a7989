/* catalogue: lookups by id, alias, prefix and date; dated prices; derived rates. */
#include "../../calc/catalogue_load.h"
#include "../../models/catalogue.h"
#include "../../models/cost.h"

#include "suite.h"

#include <string.h>

/* A small catalogue with the shapes that matter: a price change, a retired
 * model, a long-context tier, a published and a derived batch rate. */
static const char fixture[] =
	"{\"schema_version\": 1, \"catalogue_version\": \"2026-01-01\",\n"
	" \"providers\": [\n"
	"  {\"id\": \"anthropic\", \"batch_rule\": {\"multiplier\": 0.5},\n"
	"   \"batch_limits\": [{\"from\": \"2024-12-17\", \"to\": null, \"max_requests\": 100000,\n"
	"                      \"max_bytes\": 268435456, \"expiry_hours\": 24}]},\n"
	"  {\"id\": \"openai\", \"batch_rule\": {\"multiplier\": 0.5}}],\n"
	" \"models\": [\n"
	"  {\"id\": \"claude-3-5-haiku-20241022\", \"provider\": \"anthropic\",\n"
	"   \"aliases\": [\"claude-3-5-haiku-latest\"], \"retired\": \"2026-02-19\",\n"
	"   \"prices\": [\n"
	"    {\"from\": \"2024-12-03\", \"to\": null, \"input\": 0.8, \"output\": 4, \"cache_read\": 0.08,\n"
	"     \"batch\": {\"input\": 0.4, \"output\": 2}},\n"
	"    {\"from\": \"2024-10-22\", \"to\": \"2024-12-03\", \"input\": 1, \"output\": 5}]},\n"
	"  {\"id\": \"claude-sonnet-4-5-20250929\", \"provider\": \"anthropic\",\n"
	"   \"aliases\": [\"claude-sonnet-4-5\"],\n"
	"   \"prices\": [{\"from\": \"2025-09-29\", \"input\": 3, \"output\": 15,\n"
	"     \"cache_write_5m\": 3.75, \"cache_write_1h\": 6, \"cache_read\": 0.3,\n"
	"     \"batch\": {\"input\": 1.5, \"output\": 7.5},\n"
	"     \"long_context\": {\"above_input_tokens\": 200000, \"input\": 6, \"output\": 22.5,\n"
	"       \"cache_read\": \"0.6\"}}]},\n"
	"  {\"id\": \"gpt-4o\", \"provider\": \"openai\",\n"
	"   \"prices\": [{\"from\": \"2024-05-13\", \"input\": 2.5, \"output\": 10, \"cache_read\": 1.25,\n"
	"     \"cache_write_5m\": null}]}]}\n";

static struct catalogue cat;
static struct diag d;

static void load(void)
{
	enum status st = catalogue_load_text(fixture, strlen(fixture), "fixture", &cat, NULL, &d);
	ck_assert_msg(st == STATUS_OK, "%s", d.text);
}

static void unload(void)
{
	catalogue_release(&cat);
}

static date_days day(const char *text)
{
	date_days v;
	const char *why;
	ck_assert(date_parse(text, &v, &why));
	return v;
}

static const char *found(const char *name, enum model_match *how)
{
	const struct model *m = catalogue_find_model(&cat, name, how);
	return m ? m->id : "(none)";
}

START_TEST(finds_by_id_alias_prefix_and_date)
{
	enum model_match how;

	load();
	ck_assert_str_eq(found("claude-sonnet-4-5-20250929", &how), "claude-sonnet-4-5-20250929");
	ck_assert_int_eq(how, MATCH_ID);
	ck_assert_str_eq(found("CLAUDE-SONNET-4-5", &how), "claude-sonnet-4-5-20250929");
	ck_assert_int_eq(how, MATCH_ALIAS);
	ck_assert_str_eq(found("anthropic/claude-sonnet-4-5", &how), "claude-sonnet-4-5-20250929");
	ck_assert_int_eq(how, MATCH_PREFIX_STRIPPED);
	ck_assert_str_eq(found("gpt-4o-2024-08-06", &how), "gpt-4o");
	ck_assert_int_eq(how, MATCH_DATE_STRIPPED);
	ck_assert_str_eq(found("claude-3-5-haiku", &how), "claude-3-5-haiku-20241022");
	ck_assert_int_eq(how, MATCH_DATE_ADDED);
	ck_assert_str_eq(found("gpt-4", &how), "(none)");
	ck_assert_str_eq(found("claude-sonnet-4-5-2025", &how), "(none)");
	unload();
}
END_TEST

START_TEST(unknown_model_is_an_error_with_suggestions_never_zero)
{
	const struct model *m = NULL;
	const struct price_entry *p = NULL;

	load();
	ck_assert_int_eq(catalogue_price(&cat, "claude-sonet-4-5", day("2026-01-01"), &m, &p, &d),
	                 STATUS_UNKNOWN_MODEL);
	ck_assert_str_eq(d.text, "unknown model \"claude-sonet-4-5\"; did you mean "
	                         "claude-sonnet-4-5?");
	ck_assert_int_eq(catalogue_price(&cat, "llama-3", day("2026-01-01"), &m, &p, &d),
	                 STATUS_UNKNOWN_MODEL);
	ck_assert(strstr(d.text, "not in price catalogue 2026-01-01"));
	unload();
}
END_TEST

START_TEST(price_ranges_are_half_open)
{
	const struct model *m;
	const struct price_entry *p;

	load();
	ck_assert_int_eq(catalogue_price(&cat, "claude-3-5-haiku-latest", day("2024-12-02"),
	                                 &m, &p, &d), STATUS_OK);
	ck_assert_int_eq(p->standard.sync.rates[TOKEN_INPUT].micro, 1000000);
	ck_assert_int_eq(catalogue_price(&cat, "claude-3-5-haiku-latest", day("2024-12-03"),
	                                 &m, &p, &d), STATUS_OK);
	ck_assert_int_eq(p->standard.sync.rates[TOKEN_INPUT].micro, 800000);
	ck_assert_int_eq(catalogue_price(&cat, "claude-3-5-haiku-latest", day("2024-10-21"),
	                                 &m, &p, &d), STATUS_UNKNOWN_MODEL);
	ck_assert_str_eq(d.text, "model claude-3-5-haiku-20241022 has no price in force on "
	                         "2024-10-21 (its prices begin 2024-10-22)");
	unload();
}
END_TEST

START_TEST(retired_model_keeps_its_last_price)
{
	const struct model *m;
	const struct price_entry *p;

	load();
	ck_assert_int_eq(catalogue_price(&cat, "claude-3-5-haiku-20241022", day("2026-11-25"),
	                                 &m, &p, &d), STATUS_OK);
	ck_assert(m->retired);
	ck_assert_int_eq(m->retired_on, day("2026-02-19"));
	ck_assert_int_eq(p->standard.sync.rates[TOKEN_OUTPUT].micro, 4000000);
	unload();
}
END_TEST

START_TEST(unpublished_batch_rates_are_derived_and_flagged)
{
	const struct model *m;
	const struct price_entry *p;

	load();
	ck_assert_int_eq(catalogue_price(&cat, "claude-sonnet-4-5", day("2026-01-01"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert(!p->standard.batch_derived[TOKEN_INPUT]);
	ck_assert(p->standard.batch_derived[TOKEN_CACHE_READ]);
	ck_assert_int_eq(p->standard.batch.rates[TOKEN_CACHE_READ].micro, 150000);
	ck_assert_int_eq(p->standard.batch.rates[TOKEN_CACHE_WRITE_1H].micro, 3000000);
	/* The long tier derives its batch rates from its own sync rates. */
	ck_assert(p->long_context.batch_derived[TOKEN_OUTPUT]);
	ck_assert_int_eq(p->long_context.batch.rates[TOKEN_OUTPUT].micro, 11250000);
	ck_assert(!p->long_context.sync.offered[TOKEN_CACHE_WRITE_5M]);
	ck_assert(!p->long_context.batch.offered[TOKEN_CACHE_WRITE_5M]);
	/* A class the provider does not sell stays unsold in batch too. */
	ck_assert_int_eq(catalogue_price(&cat, "gpt-4o", day("2026-01-01"), &m, &p, &d), STATUS_OK);
	ck_assert(!p->standard.batch.offered[TOKEN_CACHE_WRITE_5M]);
	unload();
}
END_TEST

START_TEST(provider_limits_are_dated)
{
	const struct provider *p;

	load();
	p = catalogue_provider(&cat, "anthropic");
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_null(provider_batch_limits_on(p, day("2024-12-16")));
	ck_assert_int_eq(provider_batch_limits_on(p, day("2024-12-17"))->max_requests, 100000);
	ck_assert_ptr_null(provider_rate_limits_on(p, day("2026-01-01")));
	unload();
}
END_TEST

static enum status load_broken(const char *text)
{
	struct catalogue c;
	enum status st = catalogue_load_text(text, strlen(text), "bad.json", &c, NULL, &d);
	if (st == STATUS_OK)
		catalogue_release(&c);
	return st;
}

START_TEST(malformed_catalogues_name_the_json_path)
{
	ck_assert_int_eq(load_broken("{\"schema_version\": 1, \"catalogue_version\": \"x\", "
	                             "\"providers\": [{\"id\": \"a\", \"batch_rule\": "
	                             "{\"multiplier\": 0.5}}], \"models\": [{\"id\": \"m\", "
	                             "\"provider\": \"a\", \"prices\": [{\"from\": \"2025-01-01\", "
	                             "\"input\": \"abc\", \"output\": 1}]}]}"),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "bad.json: models[0].prices[0].input: expected a rate in USD "
	                         "per million tokens (>= 0, at most 6 decimals) or null (not a "
	                         "number), found the string \"abc\"");
	ck_assert_int_eq(load_broken("{\"schema_version\": 1,\n \"catalogue_version\": }"),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "bad.json:2:23: expected valid JSON, found \"}\"");
	ck_assert_int_eq(load_broken("{\"schema_version\": 2, \"catalogue_version\": \"x\"}"),
	                 STATUS_INPUT);
	ck_assert(strstr(d.text, "schema_version"));
	/* A misspelt class would otherwise leave cache reads unpriced. */
	ck_assert_int_eq(load_broken("{\"schema_version\": 1, \"catalogue_version\": \"x\", "
	                             "\"providers\": [{\"id\": \"a\", \"batch_rule\": "
	                             "{\"multiplier\": 0.5}}], \"models\": [{\"id\": \"m\", "
	                             "\"provider\": \"a\", \"prices\": [{\"from\": \"2025-01-01\", "
	                             "\"input\": 1, \"output\": 1, \"cache_reed\": 0.1}]}]}"),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "bad.json: models[0].prices[0].cache_reed: unknown key; "
	                         "did you mean cache_read?");
}
END_TEST

START_TEST(overlapping_prices_and_duplicate_names_are_refused)
{
	const char *overlap =
		"{\"schema_version\": 1, \"catalogue_version\": \"x\", \"providers\": [{\"id\": "
		"\"a\", \"batch_rule\": {\"multiplier\": 0.5}}], \"models\": [{\"id\": \"m\", "
		"\"provider\": \"a\", \"prices\": [{\"from\": \"2025-01-01\", \"input\": 1, "
		"\"output\": 1}, {\"from\": \"2025-06-01\", \"input\": 1, \"output\": 1}]}]}";
	const char *dup =
		"{\"schema_version\": 1, \"catalogue_version\": \"x\", \"providers\": [{\"id\": "
		"\"a\", \"batch_rule\": {\"multiplier\": 0.5}}], \"models\": [{\"id\": \"m\", "
		"\"provider\": \"a\", \"prices\": [{\"from\": \"2025-01-01\", \"input\": 1, "
		"\"output\": 1}]}, {\"id\": \"n\", \"aliases\": [\"M\"], \"provider\": \"a\", "
		"\"prices\": [{\"from\": \"2025-01-01\", \"input\": 1, \"output\": 1}]}]}";

	ck_assert_int_eq(load_broken(overlap), STATUS_INPUT);
	ck_assert_str_eq(d.text, "bad.json: model m: price entries overlap");
	ck_assert_int_eq(load_broken(dup), STATUS_INPUT);
	ck_assert_str_eq(d.text, "bad.json: model n: alias M is already taken");
}
END_TEST

START_TEST(builtin_catalogue_loads_and_is_stamped)
{
	struct catalogue c;

	ck_assert_int_eq(catalogue_load_builtin(&c, &d), STATUS_OK);
	ck_assert_uint_eq(strlen(c.checksum), 16);
	ck_assert_uint_gt(c.model_count, 70);
	ck_assert_str_eq(c.version, "2026-11-30");
	/* Every figure of the built-in catalogue says where it comes from. */
	for (size_t i = 0; i < c.model_count; i++)
		for (size_t e = 0; e < c.models[i].price_count; e++) {
			const struct price_entry *pe = &c.models[i].prices[e];
			ck_assert_msg(pe->source && pe->confidence, "%s entry %zu has no source "
			              "or confidence", c.models[i].id, e);
		}
	catalogue_release(&c);
}
END_TEST

/* The 2026 shapes: service tiers (provider's and a model's own), an uplift,
 * a successor, confidence labels, a >100K band counting reads and writes,
 * named rate-limit tiers with spend caps. */
static const char fixture_2026[] =
	"{\"schema_version\": 1, \"catalogue_version\": \"2026-11-30\",\n"
	" \"providers\": [\n"
	"  {\"id\": \"anthropic\", \"batch_rule\": {\"multiplier\": 0.5},\n"
	"   \"service_tiers\": [{\"name\": \"us\", \"from\": \"2026-02-01\", \"multiplier\": 1.1,\n"
	"                      \"stacks\": true, \"confidence\": [\"G\", \"L\"]}],\n"
	"   \"rate_limits\": [{\"from\": \"2026-06-26\", \"to\": null,\n"
	"     \"tiers\": [{\"name\": \"Start\", \"monthly_spend_cap_usd\": 500},\n"
	"               {\"name\": \"Scale\", \"monthly_spend_cap_usd\": 200000},\n"
	"               {\"name\": \"Custom\", \"monthly_spend_cap_usd\": null},\n"
	"               {\"name\": \"Evaluation\"}],\n"
	"     \"groups\": {\"fable-5\": {\"Scale\": {\"rpm\": 4000, \"itpm\": 4000000,\n"
	"                                         \"otpm\": 800000}}}}]},\n"
	"  {\"id\": \"google\", \"batch_rule\": {\"multiplier\": 0.5},\n"
	"   \"service_tiers\": [{\"name\": \"priority\", \"from\": \"2025-11-18\",\n"
	"                      \"multiplier\": 1.8}]}],\n"
	" \"models\": [\n"
	"  {\"id\": \"claude-haiku-5-5\", \"provider\": \"anthropic\", \"context_window\": 1000000,\n"
	"   \"service_tiers\": [\"us\", {\"name\": \"fast\", \"from\": \"2026-10-07\",\n"
	"                      \"to\": \"2027-01-01\", \"multiplier\": 2}],\n"
	"   \"prices\": [{\"from\": \"2026-10-07\", \"input\": 0.1, \"output\": 0.5,\n"
	"     \"cache_write_5m\": 0.125, \"cache_read\": 0.01, \"confidence\": [\"P\", \"T\"],\n"
	"     \"third_party\": [\"cache_read\"], \"unverified\": [\"cache_write_5m\"],\n"
	"     \"long_context\": {\"above_input_tokens\": 100000,\n"
	"       \"counts\": [\"input\", \"cache_read\", \"cache_write_5m\"],\n"
	"       \"input\": 0.5, \"output\": 2.5, \"cache_write_5m\": 0.625, \"cache_read\": 0.05}}]},\n"
	"  {\"id\": \"gemini-3.8-flash\", \"provider\": \"google\", \"service_tiers\": [\"priority\"],\n"
	"   \"prices\": [{\"from\": \"2026-09-02\", \"input\": 0.75, \"output\": 3.75,\n"
	"     \"confidence\": [\"T\"]}]},\n"
	"  {\"id\": \"gemini-2.5-pro\", \"provider\": \"google\", \"retired\": \"2026-12-01\",\n"
	"   \"successor\": \"gemini-3.8-flash\", \"aliases\": [\"gemini-2.5-pro-preview-06-05\"],\n"
	"   \"prices\": [{\"from\": \"2025-06-17\", \"input\": 1.25, \"output\": 10}]}]}\n";

static void load_2026(void)
{
	enum status st = catalogue_load_text(fixture_2026, strlen(fixture_2026), "fixture",
	                                     &cat, NULL, &d);
	ck_assert_msg(st == STATUS_OK, "%s", d.text);
}

START_TEST(a_retired_model_with_a_successor_is_billed_as_the_successor)
{
	const struct model *m, *from;
	const struct price_entry *p;

	load_2026();
	ck_assert_int_eq(catalogue_price_routed(&cat, "gemini-2.5-pro", day("2026-11-30"),
	                                        &m, &p, &from, &d), STATUS_OK);
	ck_assert_str_eq(m->id, "gemini-2.5-pro");
	ck_assert_ptr_null(from);
	ck_assert_int_eq(p->standard.sync.rates[TOKEN_INPUT].micro, 1250000);
	/* From the retirement on, by an alias too: the successor's rates. */
	ck_assert_int_eq(catalogue_price_routed(&cat, "gemini-2.5-pro-preview-06-05",
	                                        day("2026-12-01"), &m, &p, &from, &d),
	                 STATUS_OK);
	ck_assert_str_eq(m->id, "gemini-3.8-flash");
	ck_assert_str_eq(from->id, "gemini-2.5-pro");
	ck_assert_int_eq(p->standard.sync.rates[TOKEN_INPUT].micro, 750000);
	ck_assert_ptr_eq(catalogue_price_entry(&cat, "gemini-2.5-pro", day("2026-12-01")), p);
	unload();
}
END_TEST

START_TEST(service_tiers_multiply_sync_and_uplifts_multiply_everything)
{
	const struct model *m;
	const struct price_entry *p, *at;
	struct price_entry storage;
	char text[256];

	load_2026();
	ck_assert_int_eq(catalogue_price(&cat, "claude-haiku-5-5", day("2026-11-30"), &m, &p, &d),
	                 STATUS_OK);
	/* fast 2x on sync only; us 1.1x on sync and batch. */
	ck_assert_int_eq(price_at_tiers(m, p, "fast", "us", day("2026-11-30"), &storage, &at, &d),
	                 STATUS_OK);
	ck_assert_ptr_eq(at, &storage);
	ck_assert_int_eq(at->standard.sync.rates[TOKEN_INPUT].micro, 220000);
	ck_assert_int_eq(at->standard.batch.rates[TOKEN_INPUT].micro, 55000);
	ck_assert_int_eq(at->long_context.sync.rates[TOKEN_OUTPUT].micro, 5500000);
	ck_assert_str_eq(at->service->name, "fast");
	/* No tier named: the catalogue's entry itself. */
	ck_assert_int_eq(price_at_tiers(m, p, "standard", "global", day("2026-11-30"),
	                                &storage, &at, &d), STATUS_OK);
	ck_assert_ptr_eq(at, p);
	/* A tier's dates are its own: fast ends 2027-01-01. */
	ck_assert_int_eq(price_at_tiers(m, p, "fast", NULL, day("2027-01-01"), &storage, &at,
	                                &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "model claude-haiku-5-5 has no service tier \"fast\" on "
	                         "2027-01-01 (it offers us)");
	ck_assert_int_eq(price_at_tiers(m, p, "us", NULL, day("2026-11-30"), &storage, &at, &d),
	                 STATUS_INPUT);
	ck_assert_int_eq(price_at_tiers(m, p, NULL, "fast", day("2026-11-30"), &storage, &at, &d),
	                 STATUS_INPUT);
	model_service_tiers_text(m, day("2026-11-30"), text, sizeof text);
	ck_assert_str_eq(text, "fast, us");
	/* The provider's tier, named by the model. */
	ck_assert_int_eq(catalogue_price(&cat, "gemini-3.8-flash", day("2026-11-30"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert_int_eq(price_at_tiers(m, p, "priority", NULL, day("2026-11-30"), &storage,
	                                &at, &d), STATUS_OK);
	ck_assert_int_eq(at->standard.sync.rates[TOKEN_OUTPUT].micro, 6750000);
	unload();
}
END_TEST

START_TEST(confidence_band_rule_and_named_tiers_are_data)
{
	const struct model *m;
	const struct price_entry *p;
	const struct rate_limit_table *t;
	struct token_counts tok;
	char labels[12], buf[16];

	load_2026();
	ck_assert_int_eq(catalogue_price(&cat, "claude-haiku-5-5", day("2026-11-30"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert_int_eq(m->context_window, 1000000);
	ck_assert_str_eq(confidence_text(p->confidence, labels), "P T");
	ck_assert(!confidence_third_party_only(p->confidence));
	ck_assert_uint_eq(p->third_party, 1u << TOKEN_CACHE_READ);
	ck_assert_uint_eq(p->unverified, 1u << TOKEN_CACHE_WRITE_5M);
	/* Reads and writes count toward the band, output does not. */
	memset(&tok, 0, sizeof tok);
	tok.n[TOKEN_INPUT] = 50000;
	tok.n[TOKEN_CACHE_READ] = 40000;
	tok.n[TOKEN_CACHE_WRITE_5M] = 10000;
	tok.n[TOKEN_OUTPUT] = 900000;
	ck_assert(!cost_is_long_context(p, &tok));
	tok.n[TOKEN_CACHE_WRITE_5M]++;
	ck_assert(cost_is_long_context(p, &tok));
	ck_assert_int_eq(catalogue_price(&cat, "gemini-3.8-flash", day("2026-11-30"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert(confidence_third_party_only(p->confidence));
	t = provider_rate_limits_on(catalogue_provider(&cat, "anthropic"), day("2026-11-30"));
	ck_assert_uint_eq(t->name_count, 4);
	ck_assert_str_eq(rate_limit_tier_text(t, 2, buf), "Scale");
	ck_assert_str_eq(rate_limit_tier_text(t, 7, buf), "7");
	ck_assert(t->names[0].capped && t->names[0].monthly_cap.pico == money_from_cents(50000).pico);
	ck_assert(t->names[2].cap_published && !t->names[2].capped); /* no cap */
	ck_assert(!t->names[3].cap_published);                      /* not published */
	ck_assert_int_eq(t->groups[0].tiers[0].tier, 2);
	unload();
}
END_TEST

START_TEST(an_overlay_adds_aliases_and_prices_and_keeps_both_stamps)
{
	const char *overlay =
		"{\"schema_version\": 1, \"catalogue_version\": \"2026-12-01\",\n"
		" \"models\": [{\"id\": \"claude-haiku-5-5\", \"aliases\": [\"cheap\"]},\n"
		"  {\"id\": \"gemini-3.8-flash\", \"prices\": [{\"from\": \"2026-09-02\",\n"
		"    \"input\": 0.5, \"output\": 3}]},\n"
		"  {\"id\": \"house-1\", \"provider\": \"google\", \"prices\": [{\"from\": \"2026-01-01\",\n"
		"    \"input\": 1, \"output\": 2}]}]}";
	const char *broken = "{\"schema_version\": 1, \"catalogue_version\": \"x\", "
	                     "\"models\": [{\"id\": \"z\", \"prise\": 1}]}";
	const struct model *m;
	const struct price_entry *p;
	char checksum[17];

	load_2026();
	memcpy(checksum, cat.checksum, sizeof checksum);
	ck_assert_int_eq(catalogue_apply_overlay(&cat, overlay, strlen(overlay), "mine.json", &d),
	                 STATUS_OK);
	ck_assert_str_eq(cat.version, "2026-11-30");
	ck_assert_str_eq(cat.checksum, checksum);
	ck_assert_str_eq(cat.overlay_origin, "mine.json");
	ck_assert_str_eq(cat.overlay_version, "2026-12-01");
	ck_assert_uint_eq(strlen(cat.overlay_checksum), 16);
	ck_assert_int_eq(catalogue_price(&cat, "cheap", day("2026-11-30"), &m, &p, &d), STATUS_OK);
	ck_assert_str_eq(m->id, "claude-haiku-5-5");
	ck_assert_uint_eq(m->tier_count, 1);          /* the rest of the model is kept */
	ck_assert_int_eq(catalogue_price(&cat, "gemini-3.8-flash", day("2026-11-30"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert_int_eq(p->standard.sync.rates[TOKEN_INPUT].micro, 500000);
	ck_assert_int_eq(catalogue_price(&cat, "house-1", day("2026-11-30"), &m, &p, &d),
	                 STATUS_OK);
	/* The routing of the base still holds, to the overlay's price. */
	ck_assert_int_eq(catalogue_price(&cat, "gemini-2.5-pro", day("2026-12-01"), &m, &p, &d),
	                 STATUS_OK);
	ck_assert_int_eq(p->standard.sync.rates[TOKEN_OUTPUT].micro, 3000000);
	/* A broken overlay leaves the catalogue as it was. */
	ck_assert_int_eq(catalogue_apply_overlay(&cat, broken, strlen(broken), "bad.json", &d),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "bad.json: models[0].prise: unknown key; did you mean prices?");
	ck_assert_str_eq(cat.overlay_origin, "mine.json");
	unload();
}
END_TEST

START_TEST(successor_loops_and_inexact_tier_rates_are_refused)
{
	const char *loop =
		"{\"schema_version\": 1, \"catalogue_version\": \"x\", \"providers\": [{\"id\": "
		"\"a\", \"batch_rule\": {\"multiplier\": 0.5}}], \"models\": [{\"id\": \"m\", "
		"\"provider\": \"a\", \"retired\": \"2026-01-01\", \"successor\": \"n\", "
		"\"prices\": [{\"from\": \"2025-01-01\", \"input\": 1, \"output\": 1}]}, "
		"{\"id\": \"n\", \"provider\": \"a\", \"retired\": \"2026-01-01\", "
		"\"successor\": \"m\", \"prices\": [{\"from\": \"2025-01-01\", \"input\": 1, "
		"\"output\": 1}]}]}";
	const char *inexact =
		"{\"schema_version\": 1, \"catalogue_version\": \"x\", \"providers\": [{\"id\": "
		"\"a\", \"batch_rule\": {\"multiplier\": 0.5}}], \"models\": [{\"id\": \"m\", "
		"\"provider\": \"a\", \"service_tiers\": [{\"name\": \"x\", \"from\": "
		"\"2025-01-01\", \"multiplier\": 1.1}], \"prices\": [{\"from\": \"2025-01-01\", "
		"\"input\": 0.000002, \"output\": 1}]}]}";

	ck_assert_int_eq(load_broken(loop), STATUS_INPUT);
	ck_assert_str_eq(d.text, "bad.json: model m: its successors lead back to it");
	ck_assert_int_eq(load_broken(inexact), STATUS_INPUT);
	ck_assert_str_eq(d.text, "bad.json: model m: the x input rate would need more than "
	                         "6 decimals");
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		finds_by_id_alias_prefix_and_date,
		unknown_model_is_an_error_with_suggestions_never_zero,
		price_ranges_are_half_open,
		retired_model_keeps_its_last_price,
		unpublished_batch_rates_are_derived_and_flagged,
		provider_limits_are_dated,
		malformed_catalogues_name_the_json_path,
		overlapping_prices_and_duplicate_names_are_refused,
		builtin_catalogue_loads_and_is_stamped,
		a_retired_model_with_a_successor_is_billed_as_the_successor,
		service_tiers_multiply_sync_and_uplifts_multiply_everything,
		confidence_band_rule_and_named_tiers_are_data,
		an_overlay_adds_aliases_and_prices_and_keeps_both_stamps,
		successor_loops_and_inexact_tier_rates_are_refused,
	};
	return RUN_SUITE("catalogue", tests);
}
