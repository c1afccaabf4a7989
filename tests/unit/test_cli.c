/* cli: the keys under which CSV and JSON carry money in another currency,
 * and the rate handed out for a day, without any output around them. */
#include "../../calc/cli.h"

#include "suite.h"
#include <string.h>

static struct cli converting(const char *code, const char *fx_rate)
{
	struct cli ctx;
	struct diag d;

	cli_init(&ctx, date_from_civil(2026, 11, 25));
	ck_assert_int_eq(cli_parse_currency(&ctx, code, NULL, fx_rate, &d), STATUS_OK);
	return ctx;
}

/* usd anywhere in a key becomes the lowercase code, in place; a key without
 * usd gets the code appended. */
START_TEST(a_usd_key_becomes_its_currency_key)
{
	static const struct {
		const char *code, *rate, *usd_key, *key;
	} cases[] = {
		{"EUR", "0.92", "revenue_usd_month", "revenue_eur_month"},
		{"EUR", "0.92", "inference_usd_month_before", "inference_eur_month_before"},
		{"GBP", "0.79", "cash_usd", "cash_gbp"},
		{"GBP", "0.79", "usd_total", "gbp_total"},
		{"JPY", "155.5", "batch", "batch_jpy"},
		{"JPY", "155.5", "cost", "cost_jpy"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct cli ctx = converting(cases[i].code, cases[i].rate);
		char buf[64];

		ck_assert_str_eq(cli_currency_key(&ctx, cases[i].usd_key, buf), cases[i].key);
	}
}
END_TEST

START_TEST(the_money_and_its_converted_twin_sit_side_by_side_in_json)
{
	struct cli ctx = converting("EUR", "0.9215");
	bool overflow = false;
	money usd = money_from_cents(800000), shown;
	cJSON *obj = cJSON_CreateObject();
	char *text;

	shown = fx_convert(usd, ctx.pricing.currency.fixed, &overflow);
	cli_json_money_shown(obj, &ctx, "migration_cost_usd", usd, shown);
	text = cJSON_PrintUnformatted(obj);
	ck_assert_str_eq(text, "{\"migration_cost_usd\":8000.00,\"migration_cost_eur\":7372.00}");
	ck_assert(!overflow);
	cJSON_free(text);
	cJSON_Delete(obj);
}
END_TEST

START_TEST(without_a_currency_only_the_usd_key_is_written)
{
	struct cli ctx;
	cJSON *obj = cJSON_CreateObject();
	char *text;

	cli_init(&ctx, date_from_civil(2026, 11, 25));
	cli_json_money_shown(obj, &ctx, "cash_usd", money_from_cents(100), money_from_cents(100));
	text = cJSON_PrintUnformatted(obj);
	ck_assert_str_eq(text, "{\"cash_usd\":1.00}");
	cJSON_free(text);
	cJSON_Delete(obj);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		a_usd_key_becomes_its_currency_key,
		the_money_and_its_converted_twin_sit_side_by_side_in_json,
		without_a_currency_only_the_usd_key_is_written,
	};
	return RUN_SUITE("cli", tests);
}
