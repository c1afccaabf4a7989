/* bill: the difference between a bill and the results, split into causes
 * that add up to it exactly. */
#include "../../models/bill.h"

#include "suite.h"
#include <stdlib.h>
#include <string.h>

static money usd(const char *text)
{
	money m;
	const char *why;
	ck_assert_msg(money_parse(text, &m, &why), "%s: %s", text, why);
	return m;
}

static void ck_money(money m, const char *want)
{
	char buf[64];
	ck_assert(money_format_exact(m, buf, sizeof buf));
	ck_assert_str_eq(buf, want);
}

static struct bill_split split(const struct bill_cell *c)
{
	struct bill_split s;
	struct diag d;
	ck_assert_msg(bill_split_cell(c, &s, &d) == STATUS_OK, "%s", d.text);
	return s;
}

static void ck_sums(const struct bill_split *s)
{
	bool overflow = false;
	money sum = money_zero();

	for (int k = 0; k < BILL_CAUSE_COUNT; k++)
		sum = money_add(sum, s->cause[k], &overflow);
	ck_assert(!overflow);
	ck_assert(money_cmp(sum, s->difference) == 0);
	ck_assert(money_cmp(money_sub(s->billed, s->explained, &overflow), s->difference) == 0);
}

START_TEST(a_cell_the_results_do_not_hold_is_usage_not_in_results)
{
	struct bill_cell c = {BILL_CELL_TOKENS, true, usd("2.25"), 0, false, {0}, false, {0},
	                      false};
	struct bill_split s = split(&c);
	ck_money(s.cause[BILL_NOT_IN_RESULTS], "2.25");
	ck_sums(&s);
}
END_TEST

START_TEST(results_the_bill_has_no_money_for_are_missing_from_the_bill)
{
	struct bill_cell c = {BILL_CELL_TOKENS, false, {0}, 0, false, {0}, true, usd("1.5"),
	                      false};
	struct bill_split s = split(&c);
	ck_money(s.cause[BILL_MISSING_FROM_BILL], "-1.50");
	ck_money(s.difference, "-1.50");
	ck_sums(&s);
}
END_TEST

START_TEST(with_the_bills_tokens_price_and_volume_are_told_apart)
{
	/* billed 1.515 for tokens our rates make 1.50; the results explain 1.20 */
	struct bill_cell c = {BILL_CELL_TOKENS, true, usd("1.515"), 0, true, usd("1.50"),
	                      true, usd("1.20"), false};
	struct bill_split s = split(&c);
	ck_money(s.cause[BILL_PRICE], "0.015");
	ck_money(s.cause[BILL_NOT_IN_RESULTS], "0.30");
	ck_sums(&s);
	/* fewer tokens on the bill than in the results */
	c.at_our_prices = usd("1.00");
	c.billed = usd("1.00");
	s = split(&c);
	ck_money(s.cause[BILL_MISSING_FROM_BILL], "-0.20");
	ck_money(s.cause[BILL_PRICE], "0.00");
	ck_sums(&s);
}
END_TEST

START_TEST(without_the_bills_tokens_a_difference_is_volume)
{
	struct bill_cell c = {BILL_CELL_TOKENS, true, usd("1.515"), 0, false, {0}, true,
	                      usd("1.50"), false};
	struct bill_split s = split(&c);
	ck_money(s.cause[BILL_PRICE], "0.00");
	ck_money(s.cause[BILL_NOT_IN_RESULTS], "0.015");
	ck_sums(&s);
}
END_TEST

START_TEST(a_difference_within_half_a_cent_per_rounded_row_is_rounding)
{
	static const struct {
		const char *billed, *explained;
		int64_t rows;
		const char *rounding, *rest;
	} cases[] = {
		{"0.09", "0.089", 1, "0.001", "0.00"},
		{"0.09", "0.085", 1, "0.005", "0.00"},       /* exactly half a cent */
		{"0.09", "0.0849", 1, "0.00", "0.0051"},     /* just past it: not rounding */
		{"0.03", "0.03125", 1, "-0.00125", "0.00"},
		{"0.00", "0.005", 1, "-0.005", "0.00"},
		{"0.00", "0.0051", 1, "0.00", "-0.0051"},
		{"0.20", "0.19", 2, "0.01", "0.00"},         /* two rows: a cent */
		{"0.20", "0.19", 0, "0.00", "0.01"},         /* exact amounts: none */
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bill_cell c = {BILL_CELL_TOKENS, true, usd(cases[i].billed), cases[i].rows,
		                      false, {0}, true, usd(cases[i].explained), false};
		struct bill_split s = split(&c);
		bool overflow = false;
		money rest = money_add(s.cause[BILL_NOT_IN_RESULTS],
		                       s.cause[BILL_MISSING_FROM_BILL], &overflow);
		ck_money(s.cause[BILL_ROUNDING], cases[i].rounding);
		ck_money(rest, cases[i].rest);
		ck_sums(&s);
	}
}
END_TEST

START_TEST(non_token_rounding_and_unattributed_lines_are_their_own_causes)
{
	struct bill_cell c = {BILL_CELL_NON_TOKEN, true, usd("1.20"), 1, false, {0}, false, {0},
	                      false};
	struct bill_split s = split(&c);
	ck_money(s.cause[BILL_NON_TOKEN], "1.20");
	c.kind = BILL_CELL_ROUNDING;
	c.billed = usd("-0.01");
	s = split(&c);
	ck_money(s.cause[BILL_ROUNDING], "-0.01");
	c.kind = BILL_CELL_UNATTRIBUTED;
	c.billed = usd("0.10");
	s = split(&c);
	ck_money(s.cause[BILL_UNATTRIBUTED], "0.10");
	ck_sums(&s);
}
END_TEST

/* xorshift64*: reproducible inputs for the property below. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

START_TEST(causes_always_sum_to_the_difference_exactly)
{
	uint64_t seed = 0x9E3779B97F4A7C15ULL;
	struct bill_split total;
	bool overflow = false;

	memset(&total, 0, sizeof total);
	for (int i = 0; i < 200000; i++) {
		struct bill_cell c;
		struct bill_split s;
		uint64_t r = next(&seed);

		memset(&c, 0, sizeof c);
		c.kind = (enum bill_cell_kind)(r % 4);
		c.has_billed = (r >> 2) & 1;
		c.has_explained = (r >> 3) & 1;
		c.has_at_our_prices = (r >> 4) & 1;
		c.rounded_rows = (int64_t)((r >> 5) % 4);
		c.results_unpriced = (r >> 8) % 8 == 0;
		/* amounts up to $10,000 with every picodollar digit */
		c.billed.pico = (money_raw)(next(&seed) % 10000000000000000ULL);
		c.explained.pico = (money_raw)(next(&seed) % 10000000000000000ULL);
		c.at_our_prices.pico = (money_raw)(next(&seed) % 10000000000000000ULL);
		if ((r >> 7) & 1)
			c.billed.pico = -c.billed.pico / 1000; /* credits */
		s = split(&c);
		ck_sums(&s);
		bill_split_add(&total, &s, &overflow);
	}
	ck_assert(!overflow);
	ck_sums(&total);
}
END_TEST

/* Results usage without a price explains nothing, so its cell is not split
 * as if that usage cost $0: the whole difference is not_priced. */
START_TEST(a_cell_with_unpriced_results_is_all_not_priced)
{
	struct bill_cell c = {BILL_CELL_TOKENS, true, usd("1.35"), 0, true, usd("1.40"),
	                      false, {0}, true};
	struct bill_split s = split(&c);
	ck_money(s.difference, "1.35");
	ck_money(s.cause[BILL_NOT_PRICED], "1.35");
	ck_money(s.cause[BILL_NOT_IN_RESULTS], "0.00");
	ck_money(s.cause[BILL_PRICE], "0.00");
	ck_assert_str_eq(bill_cause_key(BILL_NOT_PRICED), "not_priced");
}
END_TEST

START_TEST(an_absurd_row_count_overflows_loudly)
{
	struct bill_cell c = {BILL_CELL_TOKENS, true, usd("1"), INT64_MAX, false, {0}, true,
	                      usd("2"), false};
	struct bill_split s;
	struct diag d;
	ck_assert_int_eq(bill_split_cell(&c, &s, &d), STATUS_OVERFLOW);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		a_cell_the_results_do_not_hold_is_usage_not_in_results,
		a_cell_with_unpriced_results_is_all_not_priced,
		results_the_bill_has_no_money_for_are_missing_from_the_bill,
		with_the_bills_tokens_price_and_volume_are_told_apart,
		without_the_bills_tokens_a_difference_is_volume,
		a_difference_within_half_a_cent_per_rounded_row_is_rounding,
		non_token_rounding_and_unattributed_lines_are_their_own_causes,
		causes_always_sum_to_the_difference_exactly,
		an_absurd_row_count_overflows_loudly,
	};
	return RUN_SUITE("bill", tests);
}
