/* variance: the parts of actual - forecast add up to it exactly. */
#include "../../models/variance.h"

#include "suite.h"
#include <stdlib.h>

static money parts(const struct variance *v)
{
	bool overflow = false;
	money m = money_add(v->volume, v->failure, &overflow);
	m = money_add(m, v->mix, &overflow);
	m = money_add(m, v->price, &overflow);
	ck_assert(!overflow);
	return m;
}

START_TEST(parts_sum_to_the_difference_with_a_fractional_forecast_volume)
{
	/* 200 a week is 6000/7 a month: the one rounding, and still exact parts. */
	struct variance_input in = {money_from_cents(3), {6000, 7}, 900, 880,
	                            money_from_cents(2700), money_from_cents(2650)};
	struct variance v;
	struct diag d;

	ck_assert_int_eq(variance_split(&in, &v, &d), STATUS_OK);
	ck_assert_int_eq(money_cmp(parts(&v), v.difference), 0);
	ck_assert_int_eq(money_cmp(v.difference,
	                           money_sub(v.actual, v.forecast, &(bool){false})), 0);
	/* 20 failed requests at 3 cents: failure is -60 cents exactly. */
	ck_assert_int_eq(money_cmp(v.failure, money_from_cents(-60)), 0);
}
END_TEST

START_TEST(no_actual_requests_is_all_volume)
{
	struct variance_input in = {money_from_cents(10), {300, 1}, 0, 0, money_zero(),
	                            money_zero()};
	struct variance v;
	struct diag d;

	ck_assert_int_eq(variance_split(&in, &v, &d), STATUS_OK);
	ck_assert_int_eq(money_cmp(v.volume, money_from_cents(-3000)), 0);
	ck_assert(money_is_zero(v.failure) && money_is_zero(v.mix) && money_is_zero(v.price));
}
END_TEST

START_TEST(same_tokens_at_other_rates_is_all_price)
{
	/* 100 requests as forecast, all succeeded, same tokens, 10% dearer. */
	struct variance_input in = {money_from_cents(5), {100, 1}, 100, 100,
	                            money_from_cents(500), money_from_cents(550)};
	struct variance v;
	struct diag d;

	ck_assert_int_eq(variance_split(&in, &v, &d), STATUS_OK);
	ck_assert(money_is_zero(v.volume) && money_is_zero(v.failure) && money_is_zero(v.mix));
	ck_assert_int_eq(money_cmp(v.price, money_from_cents(50)), 0);
}
END_TEST

START_TEST(more_billed_than_requests_is_refused)
{
	struct variance_input in = {money_from_cents(5), {1, 1}, 1, 2, money_zero(),
	                            money_zero()};
	struct variance v;
	struct diag d;

	ck_assert_int_eq(variance_split(&in, &v, &d), STATUS_INPUT);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		parts_sum_to_the_difference_with_a_fractional_forecast_volume,
		no_actual_requests_is_all_volume,
		same_tokens_at_other_rates_is_all_price,
		more_billed_than_requests_is_refused,
	};
	return RUN_SUITE("variance", tests);
}
