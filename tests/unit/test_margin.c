/* margin: gross margin, runway and payback from exact money. */
#include "../../models/margin.h"

#include "suite.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

static money usd(int64_t dollars)
{
	return money_from_cents(dollars * 100);
}

static struct margin_inputs seed(void)
{
	struct margin_inputs in;

	/* The seed article: $100K revenue, $20K COGS of which $10K inference,
	 * batch halves the inference bill. */
	memset(&in, 0, sizeof in);
	in.revenue = usd(100000);
	in.other_cogs = usd(10000);
	in.inference_before = usd(10000);
	in.inference_after = usd(5000);
	return in;
}

START_TEST(seed_example_is_80_to_85_percent_exactly)
{
	struct margin_inputs in = seed();
	struct margin_result r;
	struct diag d;

	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(r.gross_margin_before == 0.8);
	ck_assert(r.gross_margin_after == 0.85);
	/* Not 0.85 - 0.8 = 0.04999999999999993: points come from exact money. */
	ck_assert(r.margin_points == 5.0);
	ck_assert_int_eq(money_cmp(r.savings_month, usd(5000)), 0);
	ck_assert_int_eq(money_cmp(r.savings_year, usd(60000)), 0);
	ck_assert_int_eq(money_cmp(r.cogs_after, usd(15000)), 0);
	ck_assert(!r.cogs_exceed_revenue);
}
END_TEST

START_TEST(revenue_equivalent_is_savings_over_margin_after)
{
	struct margin_inputs in = seed();
	struct margin_result r;
	struct diag d;
	char buf[64];

	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(r.has_revenue_equivalent);
	/* 5000 / 0.85 = 5882.352941176470588..., rounded at the picodollar. */
	money_format_exact(r.revenue_equivalent, buf, sizeof buf);
	ck_assert_str_eq(buf, "5882.352941176471");
}
END_TEST

START_TEST(revenue_zero_or_negative_is_refused)
{
	struct margin_inputs in = seed();
	struct margin_result r;
	struct diag d;

	in.revenue = money_zero();
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_INPUT);
	ck_assert_ptr_nonnull(strstr(d.text, "revenue above 0"));
	in.revenue = money_from_cents(-1);
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_INPUT);
	in.revenue = money_from_cents(1); /* one cent is a revenue */
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
}
END_TEST

START_TEST(cogs_equal_to_revenue_is_zero_margin_and_one_cent_more_is_negative)
{
	struct margin_inputs in = seed();
	struct margin_result r;
	struct diag d;

	in.other_cogs = usd(90000); /* 90K + 10K inference = revenue */
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(r.gross_margin_before == 0.0);
	ck_assert(!r.cogs_exceed_revenue);
	in.other_cogs = money_add(usd(90000), money_from_cents(1), &(bool){false});
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(r.gross_margin_before < 0.0);
	ck_assert(r.cogs_exceed_revenue);
}
END_TEST

START_TEST(runway_grows_by_the_savings_and_ends_when_burn_does)
{
	struct margin_inputs in = seed();
	struct margin_result r;
	struct diag d;

	in.has_cash = in.has_burn = true;
	in.cash = usd(600000);
	in.net_burn = usd(50000);
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(r.runway_before == 12.0);
	ck_assert(fabs(r.runway_after - 600000.0 / 45000.0) < 1e-12);
	/* Savings exactly equal to the burn: nothing burns any more. */
	in.net_burn = usd(5000);
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(!r.runway_unlimited_before);
	ck_assert(r.runway_unlimited_after);
}
END_TEST

START_TEST(payback_is_cost_over_monthly_savings_and_never_without_savings)
{
	struct margin_inputs in = seed();
	struct margin_result r;
	struct diag d;

	in.migration_cost = usd(8000);
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(r.has_payback);
	ck_assert(r.payback_months == 1.6);
	in.inference_after = in.inference_before;
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(!r.has_payback);
	ck_assert(!r.has_revenue_equivalent);
}
END_TEST

START_TEST(cost_per_request_divides_by_the_exact_monthly_count)
{
	struct margin_inputs in = seed();
	struct margin_result r;
	struct diag d;
	char buf[64];

	in.requests_per_month = (struct ratio){6000, 7}; /* 200 a week */
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(r.has_per_request);
	money_format_exact(r.per_request_before, buf, sizeof buf);
	ck_assert_str_eq(buf, "11.666666666667"); /* 10000 x 7 / 6000 */
}
END_TEST

/* Part of the bill without a price: the savings of the priced part and the
 * runway before are figures; nothing that needs the whole bill is made
 * from the part of it. */
START_TEST(a_partial_bill_gives_its_savings_and_no_margin)
{
	struct margin_inputs in = seed();
	struct margin_result r;
	struct diag d;

	in.inference_partial = true;
	in.has_cash = in.has_burn = true;
	in.cash = usd(300000);
	in.net_burn = usd(30000);
	in.migration_cost = usd(2000);
	in.requests_per_month = (struct ratio){1000, 1};
	ck_assert_int_eq(margin_compute(&in, &r, &d), STATUS_OK);
	ck_assert(r.partial);
	ck_assert_int_eq(money_cmp(r.savings_month, usd(5000)), 0);
	ck_assert_int_eq(money_cmp(r.savings_year, usd(60000)), 0);
	ck_assert(r.has_runway);
	ck_assert(r.runway_before == 10.0);
	ck_assert(money_is_zero(r.cogs_before) && money_is_zero(r.gross_profit_after));
	ck_assert(r.gross_margin_before == 0.0 && r.margin_points == 0.0);
	ck_assert(!r.has_payback && !r.has_revenue_equivalent && !r.has_per_request);
	ck_assert(money_is_zero(r.burn_after));
	ck_assert(!r.cogs_exceed_revenue);
}
END_TEST

START_TEST(muldiv_rounds_half_away_from_zero_and_reports_overflow)
{
	bool overflow = false;
	money one_pico = {1}, two_pico = {2}, three = {3}, huge;

	/* 1 x 1 / 2 = 0.5 picodollar -> 1; -1 x 1 / 2 -> -1. */
	ck_assert(margin_muldiv(one_pico, one_pico, two_pico, &overflow).pico == 1);
	ck_assert(margin_muldiv((money){-1}, one_pico, two_pico, &overflow).pico == -1);
	ck_assert(margin_muldiv(one_pico, one_pico, three, &overflow).pico == 0);
	ck_assert(!overflow);
	huge.pico = (money_raw)1 << 100;
	margin_muldiv(huge, huge, three, &overflow);
	ck_assert(overflow);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		seed_example_is_80_to_85_percent_exactly,
		revenue_equivalent_is_savings_over_margin_after,
		revenue_zero_or_negative_is_refused,
		cogs_equal_to_revenue_is_zero_margin_and_one_cent_more_is_negative,
		runway_grows_by_the_savings_and_ends_when_burn_does,
		payback_is_cost_over_monthly_savings_and_never_without_savings,
		cost_per_request_divides_by_the_exact_monthly_count,
		a_partial_bill_gives_its_savings_and_no_margin,
		muldiv_rounds_half_away_from_zero_and_reports_overflow,
	};
	return RUN_SUITE("margin", tests);
}
