/* pricing: lookups on a date, warnings kept as data once each, rates on a
 * day, and the figures of a request, a day and a period in USD and shown
 * together, on the built-in catalogue, without any CLI. */
#include "../../calc/catalogue_load.h"
#include "../../calc/fx_load.h"
#include "../../models/pricing.h"

#include "suite.h"
#include <string.h>

static struct pricing pr;

static void setup(void)
{
	struct diag d;

	pricing_init(&pr, date_from_civil(2026, 11, 25));
	ck_assert_int_eq(catalogue_load_builtin(&pr.catalogue, &d), STATUS_OK);
	pr.have_catalogue = true;
}

static void teardown(void)
{
	pricing_release(&pr);
}

static struct workload make(const char *name, const char *model, int64_t volume,
                            enum period period, int64_t in, int64_t out)
{
	struct workload w;

	memset(&w, 0, sizeof w);
	w.name = (char *)name;
	w.model = (char *)model;
	w.volume = volume;
	w.period = period;
	w.input_tokens = in;
	w.output_tokens = out;
	w.batch_share = SHARE_SCALE / 2;
	w.line = 2;
	return w;
}

static bool money_eq(money a, money b)
{
	return a.pico == b.pico;
}

static void use_rates(const char *text)
{
	struct fx_table table = {NULL, 0};
	struct diag d;

	ck_assert_int_eq(fx_load_text(text, strlen(text), "rates.csv", &table, &d),
	                 STATUS_OK);
	ck_assert_int_eq(pricing_use_table(&pr, "EUR", "rates.csv", &table, &d),
	                 STATUS_OK);
}

START_TEST(a_retired_model_is_priced_and_warned_about_once)
{
	const struct model *m;
	const struct price_entry *p;
	struct diag d;

	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(pricing_lookup(&pr, "claude-3-5-sonnet-20241022", pr.day,
		                                &m, &p, &d), STATUS_OK);
	ck_assert_uint_eq(pr.warning_count, 1);
	ck_assert_int_eq(pr.warnings[0].kind, PRICING_RETIRED);
	ck_assert_str_eq(pr.warnings[0].text, "claude-3-5-sonnet-20241022 was retired "
	                 "by Anthropic on 2025-10-28; priced at its last list price");
	/* before its retirement it is a model like any other */
	ck_assert_int_eq(pricing_lookup(&pr, "claude-3-haiku-20240307",
	                                date_from_civil(2025, 1, 1), &m, &p, &d),
	                 STATUS_OK);
	ck_assert_uint_eq(pr.warning_count, 1);
}
END_TEST

START_TEST(an_unknown_model_is_an_error_not_a_warning)
{
	const struct model *m;
	const struct price_entry *p;
	struct diag d;

	ck_assert_int_eq(pricing_lookup(&pr, "gpt-9", pr.day, &m, &p, &d),
	                 STATUS_UNKNOWN_MODEL);
	ck_assert_ptr_nonnull(strstr(d.text, "unknown model \"gpt-9\""));
	ck_assert_uint_eq(pr.warning_count, 0);
	ck_assert_ptr_null(pricing_find_model(&pr, "gpt-9"));
	ck_assert_str_eq(pricing_find_model(&pr, "claude-3-5-haiku")->id,
	                 "claude-3-5-haiku-20241022");
}
END_TEST

START_TEST(the_same_warning_is_kept_once_and_others_in_order)
{
	struct diag d;

	ck_assert_int_eq(pricing_warn(&pr, PRICING_STALE_TABLE, &d, "table %d", 1), STATUS_OK);
	ck_assert_int_eq(pricing_warn(&pr, PRICING_UNPRICED, &d, "model x"), STATUS_OK);
	ck_assert_int_eq(pricing_warn(&pr, PRICING_STALE_TABLE, &d, "table %d", 1), STATUS_OK);
	/* the same words under another kind are another warning */
	ck_assert_int_eq(pricing_warn(&pr, PRICING_RETIRED, &d, "model x"), STATUS_OK);
	for (int i = 0; i < 20; i++)
		ck_assert_int_eq(pricing_warn(&pr, PRICING_UNPRICED, &d, "model %d", i),
		                 STATUS_OK);
	ck_assert_uint_eq(pr.warning_count, 23);
	ck_assert_str_eq(pr.warnings[0].text, "table 1");
	ck_assert_str_eq(pr.warnings[1].text, "model x");
	ck_assert_int_eq(pr.warnings[2].kind, PRICING_RETIRED);
	ck_assert_str_eq(pr.warnings[22].text, "model 19");
}
END_TEST

START_TEST(without_a_currency_every_rate_is_one_and_nothing_is_recorded)
{
	int64_t fx;
	struct diag d;

	ck_assert_int_eq(pricing_fx_on(&pr, date_from_civil(1990, 1, 1), &fx, &d), STATUS_OK);
	ck_assert_int_eq(fx, FX_SCALE);
	ck_assert_int_eq(pr.currency.used, 0);
	ck_assert_str_eq(pr.currency.code, "USD");
}
END_TEST

START_TEST(a_dated_rate_holds_from_its_row_until_the_next)
{
	int64_t fx;
	struct diag d;

	use_rates("date,currency,rate\n2026-01-02,EUR,0.9215\n2026-02-16,EUR,0.9302\n");
	ck_assert_int_eq(pricing_fx_on(&pr, date_from_civil(2026, 1, 1), &fx, &d),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "rates.csv: expected a rate for EUR on or before "
	                 "2026-01-01, found none (the first is of 2026-01-02)");
	ck_assert_int_eq(pricing_fx_on(&pr, date_from_civil(2026, 1, 2), &fx, &d), STATUS_OK);
	ck_assert_int_eq(fx, 921500);
	ck_assert_int_eq(pricing_fx_on(&pr, date_from_civil(2026, 2, 15), &fx, &d), STATUS_OK);
	ck_assert_int_eq(fx, 921500);
	ck_assert_int_eq(pr.currency.used, 1); /* one row so far: the stamp names it */
	ck_assert_int_eq(pricing_fx_on(&pr, date_from_civil(2026, 2, 16), &fx, &d), STATUS_OK);
	ck_assert_int_eq(fx, 930200);
	ck_assert_int_eq(pr.currency.used, 2); /* the stamp says "each date" */
}
END_TEST

START_TEST(a_table_without_the_currency_is_refused)
{
	static const char text[] = "date,currency,rate\n2026-01-02,GBP,0.79\n";
	struct fx_table table = {NULL, 0};
	struct diag d;

	ck_assert_int_eq(fx_load_text(text, strlen(text), "rates.csv", &table, &d),
	                 STATUS_OK);
	ck_assert_int_eq(pricing_use_table(&pr, "EUR", "rates.csv", &table, &d),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "rates.csv: expected rates for EUR, found none");
	ck_assert_ptr_null(table.rows); /* taken over, freed with the pricing */
}
END_TEST

/* The seed article's claims-triage request: 2,000 in, 300 out on Claude 3.5
 * Sonnet is $0.0105 sync and $0.00525 batch. */
START_TEST(a_request_is_priced_sync_and_batch_and_shown_at_the_days_rate)
{
	struct token_counts t = {{0}};
	struct pricing_request q;
	struct diag d;
	bool overflow = false;

	t.n[TOKEN_INPUT] = 2000;
	t.n[TOKEN_OUTPUT] = 300;
	pricing_use_rate(&pr, "GBP", 793100);
	ck_assert_int_eq(pricing_request_compute(&pr, "claude-3-5-sonnet-20241022", &t,
	                                         &q, &d), STATUS_OK);
	ck_assert_str_eq(q.model->id, "claude-3-5-sonnet-20241022");
	ck_assert(q.sync.total.pico == (money_raw)10500000000);
	ck_assert(q.batch.total.pico == (money_raw)5250000000);
	ck_assert_int_eq(q.fx, 793100);
	ck_assert(money_eq(q.sync_shown.total, fx_convert(q.sync.total, 793100, &overflow)));
	ck_assert(q.savings.pico == (money_raw)5250000000);
	ck_assert(money_eq(q.savings_shown, fx_convert(q.savings, 793100, &overflow)));
	ck_assert(money_eq(q.batch_shown.by_class[TOKEN_OUTPUT],
	                   fx_convert(q.batch.by_class[TOKEN_OUTPUT], 793100, &overflow)));
	ck_assert(!overflow);
	ck_assert_uint_eq(pr.warning_count, 1); /* retired on 2025-10-28 */
}
END_TEST

START_TEST(a_day_totals_its_rows_exactly_and_converts_once)
{
	struct workload ws[2] = {
		make("contract-review", "claude-3-5-sonnet-20241022", 500, PERIOD_DAY, 15000, 800),
		make("claims", "claude-3-5-sonnet-20241022", 50000, PERIOD_MONTH, 2000, 150),
	};
	struct pricing_day pd;
	struct workload_estimate at;
	struct diag d;
	bool overflow = false;
	money sum;

	pricing_use_rate(&pr, "EUR", 921500);
	ck_assert_int_eq(pricing_day_compute(&pr, ws, 2, "p.csv", (struct ratio){30, 1},
	                                     &pd, &d), STATUS_OK);
	ck_assert_uint_eq(pd.count, 2);
	/* the seed article: $855.00 and $412.50 sync a month */
	ck_assert(money_eq(pd.rows[0].e.sync, money_from_cents(85500)));
	ck_assert(money_eq(pd.rows[1].e.sync, money_from_cents(41250)));
	sum = money_add(pd.rows[0].e.sync, pd.rows[1].e.sync, &overflow);
	ck_assert(money_eq(pd.total.sync, sum));
	ck_assert_int_eq(pd.total.requests_per_month.num, 65000);
	ck_assert(money_eq(pd.rows[0].shown[PRICING_SYNC],
	                   fx_convert(pd.rows[0].e.sync, 921500, &overflow)));
	ck_assert(money_eq(pd.total_shown[PRICING_HYBRID],
	                   fx_convert(pd.total.hybrid, 921500, &overflow)));
	/* every share re-prices the rows: 0 is all sync, 1 all batch */
	ck_assert_int_eq(pricing_day_at_share(&pd, 0, &at, &d), STATUS_OK);
	ck_assert(money_eq(at.hybrid, pd.total.sync));
	ck_assert_int_eq(pricing_day_at_share(&pd, SHARE_SCALE, &at, &d), STATUS_OK);
	ck_assert(money_eq(at.hybrid, pd.total.batch));
	ck_assert_int_eq(pricing_day_at_share(&pd, SHARE_SCALE + 1, &at, &d), STATUS_INPUT);
	ck_assert_int_eq(pricing_day_at_share(&pd, -1, &at, &d), STATUS_INPUT);
	ck_assert(!overflow);
	pricing_day_release(&pd);
}
END_TEST

START_TEST(a_day_names_the_workload_it_cannot_price)
{
	struct workload ws[2] = {
		make("a", "claude-haiku-4-5", 10, PERIOD_DAY, 100, 10),
		make("b", "gpt-4-turbo-preview", 10, PERIOD_DAY, 100, 10),
	};
	struct pricing_day pd;
	struct diag d;

	ws[1].line = 3;
	ck_assert_int_eq(pricing_day_compute(&pr, ws, 2, "p.csv", (struct ratio){30, 1},
	                                     &pd, &d), STATUS_UNKNOWN_MODEL);
	ck_assert_ptr_nonnull(strstr(d.text, "p.csv:3: workload b: unknown model"));
	ck_assert_ptr_null(pd.rows); /* released */
}
END_TEST

START_TEST(a_day_before_the_first_rate_is_refused_after_the_prices)
{
	struct workload ws[1] = {make("a", "claude-haiku-4-5", 10, PERIOD_DAY, 100, 10)};
	struct pricing_day pd;
	struct diag d;

	use_rates("date,currency,rate\n2027-01-01,EUR,0.9\n");
	ck_assert_int_eq(pricing_day_compute(&pr, ws, 1, "p.csv", (struct ratio){30, 1},
	                                     &pd, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "rates.csv: expected a rate for EUR on or before "
	                 "2026-11-25, found none (the first is of 2027-01-01)");
}
END_TEST

/* o3's price cut of 2025-06-10 splits June: 9 days at $10/$40 ($140 a day for
 * 1,000 requests of 10,000 in and 1,000 out), 21 days at $2/$8 ($28 a day). */
START_TEST(a_period_prices_every_day_at_its_own_entry_and_rate)
{
	struct workload ws[1] = {make("daily", "o3", 1000, PERIOD_DAY, 10000, 1000)};
	struct pricing_months pm;
	struct diag d;
	bool overflow = false;

	use_rates("date,currency,rate\n2025-05-01,EUR,0.9\n2025-06-15,EUR,0.8\n");
	ck_assert_int_eq(pricing_months_compute(&pr, ws, 1, "o3.csv",
	                                        date_from_civil(2025, 5, 31),
	                                        date_from_civil(2025, 7, 1), &pm, &d),
	                 STATUS_OK);
	ck_assert_uint_eq(pm.count, 3);
	ck_assert_int_eq(pm.months[0].days, 1);
	ck_assert_int_eq(pm.months[0].days_in_month, 31);
	ck_assert(money_eq(pm.months[0].usd[PRICING_SYNC], money_from_cents(14000)));
	ck_assert(money_eq(pm.months[1].usd[PRICING_SYNC], money_from_cents(184800)));
	ck_assert(money_eq(pm.months[2].usd[PRICING_SYNC], money_from_cents(2800)));
	/* June: 9 days at $140 and 5 at $28 under 0.9, 16 at $28 under 0.8 */
	ck_assert(money_eq(pm.months[1].shown[PRICING_SYNC],
	                   money_add(fx_convert(money_from_cents(9 * 14000 + 5 * 2800),
	                                        900000, &overflow),
	                             fx_convert(money_from_cents(16 * 2800), 800000,
	                                        &overflow), &overflow)));
	ck_assert_int_eq(pm.months[1].fx_first, 900000);
	ck_assert(pm.months[1].fx_changed);
	ck_assert(!pm.months[2].fx_changed);
	ck_assert(money_eq(pm.usd[PRICING_SYNC], money_from_cents(14000 + 184800 + 2800)));
	ck_assert_str_eq(pm.models[0]->id, "o3");
	ck_assert(!overflow);
	pricing_months_release(&pm);
}
END_TEST

START_TEST(a_period_day_without_a_price_names_the_workload_and_the_day)
{
	struct workload ws[1] = {make("daily", "o3", 1000, PERIOD_DAY, 10000, 1000)};
	struct pricing_months pm;
	struct diag d;

	ck_assert_int_eq(pricing_months_compute(&pr, ws, 1, "o3.csv",
	                                        date_from_civil(2025, 4, 1),
	                                        date_from_civil(2025, 4, 30), &pm, &d),
	                 STATUS_UNKNOWN_MODEL);
	ck_assert_str_eq(d.text, "o3.csv: workload daily: model o3 has no price in "
	                 "force on 2025-04-01 (its prices begin 2025-04-16)");
	ck_assert_ptr_null(pm.months);
}
END_TEST

/* Unpriced usage never hides the rest: the priced rows keep their figures,
 * the total is theirs alone, and what is not priced is recorded once with
 * its volume, counted by kind, the first reason kept for exit 4's message. */
START_TEST(a_partial_day_keeps_the_priced_rows_and_records_the_rest_once)
{
	struct workload ws[3] = {
		make("a", "claude-haiku-4-5", 10, PERIOD_DAY, 100, 10),
		make("b", "gpt-4-turbo-preview", 10, PERIOD_DAY, 100, 10),
		make("c", "claude-haiku-4-5", 20, PERIOD_DAY, 100, 10),
	};
	struct pricing_day pd, again;
	struct diag d;
	bool overflow = false;

	ws[1].line = 3;
	ck_assert_uint_eq(pricing_unpriced_count(&pr), 0);
	ck_assert_int_eq(pricing_unpriced_status(&pr, &d), STATUS_OK);
	ck_assert_int_eq(pricing_day_compute_partial(&pr, ws, 3, "p.csv",
	                                             (struct ratio){30, 1}, &pd, &d),
	                 STATUS_OK);
	ck_assert_uint_eq(pd.unpriced, 1);
	ck_assert(pd.rows[1].unpriced);
	ck_assert_ptr_null(pd.rows[1].model);
	ck_assert_int_eq(pd.rows[1].e.requests_per_month.num, 300);
	ck_assert(money_is_zero(pd.rows[1].e.sync)); /* in no figure: never read */
	ck_assert(money_eq(pd.total.sync, money_add(pd.rows[0].e.sync, pd.rows[2].e.sync,
	                                            &overflow)));
	ck_assert_int_eq(pd.total.requests_per_month.num, 900); /* priced rows only */
	ck_assert_uint_eq(pr.warning_count, 1);
	ck_assert_int_eq(pr.warnings[0].kind, PRICING_UNPRICED);
	ck_assert_str_eq(pr.warnings[0].text, "p.csv: workload b (gpt-4-turbo-preview): "
	                 "300 requests a month NOT PRICED (not in the catalogue): 100 "
	                 "tokens in and 10 out each");
	/* The same workload priced again (the report prices its profile for
	 * more than one section) is still one. */
	ck_assert_int_eq(pricing_day_compute_partial(&pr, ws, 3, "p.csv",
	                                             (struct ratio){30, 1}, &again, &d),
	                 STATUS_OK);
	ck_assert_uint_eq(pricing_unpriced_count(&pr), 1);
	ck_assert_int_eq(pricing_unpriced_status(&pr, &d), STATUS_UNKNOWN_MODEL);
	ck_assert_ptr_nonnull(strstr(d.text, "1 workload cannot be priced; first: "
	                             "p.csv:3: workload b: unknown model"));
	ck_assert(!overflow);
	pricing_day_release(&again);
	pricing_day_release(&pd);
}
END_TEST

START_TEST(the_unpriced_status_counts_workloads_and_models_apart)
{
	struct diag why, d;

	diag_set(&why, STATUS_UNKNOWN_MODEL, "unknown model \"x\"");
	ck_assert_int_eq(pricing_unpriced(&pr, PRICING_UNPRICED_MODEL, &why, &d,
	                                  "x: 1 billed request NOT PRICED"), STATUS_OK);
	diag_set(&why, STATUS_UNKNOWN_MODEL, "unknown model \"y\"");
	ck_assert_int_eq(pricing_unpriced(&pr, PRICING_UNPRICED_MODEL, &why, &d,
	                                  "y: 2 billed requests NOT PRICED"), STATUS_OK);
	ck_assert_int_eq(pricing_unpriced(&pr, PRICING_UNPRICED_WORKLOAD, &why, &d,
	                                  "p.csv: workload w (y): NOT PRICED"), STATUS_OK);
	ck_assert_int_eq(pricing_unpriced_status(&pr, &d), STATUS_UNKNOWN_MODEL);
	ck_assert_str_eq(d.text, "1 workload and 2 models cannot be priced; first: "
	                 "unknown model \"x\"");
	ck_assert_uint_eq(pr.warning_count, 3);
}
END_TEST

/* o3's first price is of 2025-04-16: of April 1 to May 31 the first 15 days
 * are in no figure, and May is whole ($28 a day for 1,000 requests). */
START_TEST(a_partial_period_leaves_out_the_days_without_a_price)
{
	struct workload ws[2] = {
		make("daily", "o3", 1000, PERIOD_DAY, 10000, 1000),
		make("old", "gpt-4-turbo-preview", 10, PERIOD_DAY, 100, 10),
	};
	struct pricing_months pm;
	struct diag d;

	ck_assert_int_eq(pricing_months_compute_partial(&pr, ws, 2, "o3.csv",
	                                                date_from_civil(2025, 4, 1),
	                                                date_from_civil(2025, 5, 31),
	                                                &pm, &d), STATUS_OK);
	ck_assert_uint_eq(pm.count, 2);
	ck_assert_int_eq(pm.months[0].workload_unpriced_days[0], 15);
	ck_assert_int_eq(pm.months[0].workload_unpriced_days[1], 30);
	ck_assert_uint_eq(pm.months[0].unpriced, 2);
	ck_assert_int_eq(pm.months[1].workload_unpriced_days[0], 0);
	ck_assert_uint_eq(pm.months[1].unpriced, 1);
	ck_assert_int_eq(pm.unpriced_days[0], 15);
	ck_assert_int_eq(pm.unpriced_days[1], 61);
	ck_assert_uint_eq(pm.unpriced, 2);
	/* April: 15 days at $140 (before the cut of 2025-06-10) */
	ck_assert(money_eq(pm.months[0].usd[PRICING_SYNC], money_from_cents(15 * 14000)));
	ck_assert(money_eq(pm.months[1].usd[PRICING_SYNC], money_from_cents(31 * 14000)));
	ck_assert(money_is_zero(pm.months[0].workload_usd[1 * PRICING_FIGURES]));
	ck_assert_str_eq(pm.models[0]->id, "o3");
	ck_assert_ptr_null(pm.models[1]);
	ck_assert_uint_eq(pricing_unpriced_count(&pr), 2);
	ck_assert_str_eq(pr.warnings[0].text, "o3.csv: workload daily (o3): 15 of 61 "
	                 "days NOT PRICED (no price in force on those days): 30,000 "
	                 "requests a 30-day month, 10,000 tokens in and 1,000 out each");
	ck_assert_int_eq(pricing_unpriced_status(&pr, &d), STATUS_UNKNOWN_MODEL);
	ck_assert_str_eq(d.text, "2 workloads cannot be priced; first: o3.csv: workload "
	                 "daily: model o3 has no price in force on 2025-04-01 (its "
	                 "prices begin 2025-04-16)");
	pricing_months_release(&pm);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		a_retired_model_is_priced_and_warned_about_once,
		an_unknown_model_is_an_error_not_a_warning,
		the_same_warning_is_kept_once_and_others_in_order,
		without_a_currency_every_rate_is_one_and_nothing_is_recorded,
		a_dated_rate_holds_from_its_row_until_the_next,
		a_table_without_the_currency_is_refused,
		a_request_is_priced_sync_and_batch_and_shown_at_the_days_rate,
		a_day_totals_its_rows_exactly_and_converts_once,
		a_day_names_the_workload_it_cannot_price,
		a_day_before_the_first_rate_is_refused_after_the_prices,
		a_period_prices_every_day_at_its_own_entry_and_rate,
		a_period_day_without_a_price_names_the_workload_and_the_day,
		a_partial_day_keeps_the_priced_rows_and_records_the_rest_once,
		the_unpriced_status_counts_workloads_and_models_apart,
		a_partial_period_leaves_out_the_days_without_a_price,
	};
	return RUN_SUITE_WITH("pricing", tests, setup, teardown);
}
