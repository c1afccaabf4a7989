/* cli: the keys under which CSV and JSON carry money in another currency,
 * and the rate handed out for a day, without any output around them. */
#include "../../calc/cli.h"

#include "suite.h"
#include <string.h>

static struct cli converting(const char *code, const char *fx_rate)
{
	struct cli ctx;
	struct diag d;

	memset(&ctx, 0, sizeof ctx);
	ck_assert_int_eq(cli_parse_currency(&ctx, code, NULL, fx_rate, &d), STATUS_OK);
	return ctx;
}

START_TEST(usd_in_the_middle_of_a_key_becomes_the_lowercase_code)
{
	struct cli ctx = converting("EUR", "0.92");
	char buf[64];

	ck_assert_str_eq(cli_currency_key(&ctx, "revenue_usd_month", buf),
	                 "revenue_eur_month");
	ck_assert_str_eq(cli_currency_key(&ctx, "inference_usd_month_before", buf),
	                 "inference_eur_month_before");
}
END_TEST

START_TEST(usd_at_either_end_of_a_key_is_replaced_in_place)
{
	struct cli ctx = converting("GBP", "0.79");
	char buf[64];

	ck_assert_str_eq(cli_currency_key(&ctx, "cash_usd", buf), "cash_gbp");
	ck_assert_str_eq(cli_currency_key(&ctx, "usd_total", buf), "gbp_total");
}
END_TEST

START_TEST(a_key_without_usd_gets_the_code_appended)
{
	struct cli ctx = converting("JPY", "155.5");
	char buf[64];

	ck_assert_str_eq(cli_currency_key(&ctx, "batch", buf), "batch_jpy");
	ck_assert_str_eq(cli_currency_key(&ctx, "cost", buf), "cost_jpy");
}
END_TEST

START_TEST(the_money_and_its_converted_twin_sit_side_by_side_in_json)
{
	struct cli ctx = converting("EUR", "0.9215");
	bool overflow = false;
	money usd = money_from_cents(800000), shown;
	cJSON *obj = cJSON_CreateObject();
	char *text;

	shown = fx_convert(usd, ctx.currency.fixed, &overflow);
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

	memset(&ctx, 0, sizeof ctx);
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
		usd_in_the_middle_of_a_key_becomes_the_lowercase_code,
		usd_at_either_end_of_a_key_is_replaced_in_place,
		a_key_without_usd_gets_the_code_appended,
		the_money_and_its_converted_twin_sit_side_by_side_in_json,
		without_a_currency_only_the_usd_key_is_written,
	};
	return RUN_SUITE("cli", tests);
}
