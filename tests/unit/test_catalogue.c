/* catalogue: lookups by id, alias, prefix and date; dated prices; derived rates. */
#include "../../calc/catalogue_load.h"
#include "../../models/catalogue.h"

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
	ck_assert_str_eq(d.text, "bad.json: models[0].prices[0]: unknown key \"cache_reed\": "
	                         "expected one of the keys from, to, input, output, "
	                         "cache_write_5m, cache_write_1h, cache_write_30m, "
	                         "cache_write_12h, cache_read, batch, long_context, "
	                         "source, confidence, third_party, unverified, notes");
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
	ck_assert_uint_gt(c.model_count, 20);
	catalogue_release(&c);
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
	};
	return RUN_SUITE("catalogue", tests);
}
