/* money: exact amounts, one rounding rule, overflow reported. */
#include "../../models/money.h"

#include "suite.h"

#include <string.h>

static money parse(const char *text)
{
	money m;
	const char *why;
	ck_assert_msg(money_parse(text, &m, &why), "cannot parse %s", text);
	return m;
}

static const char *cents(money m)
{
	static char buf[64];
	ck_assert(money_format(m, 2, false, buf, sizeof buf));
	return buf;
}

START_TEST(tokens_times_rate_is_exact)
{
	bool overflow = false;
	rate r;
	const char *why;
	char buf[64];

	ck_assert(rate_parse("0.0625", &r, &why));
	/* 7 tokens at $0.0625 per million = $0.0000004375 exactly. */
	money_format_exact(money_tokens_at(7, r, &overflow), buf, sizeof buf);
	ck_assert_str_eq(buf, "0.0000004375");
	ck_assert(!overflow);
}
END_TEST

START_TEST(a_million_request_costs_sum_to_the_cost_of_the_summed_tokens)
{
	bool overflow = false;
	rate in, out;
	const char *why;
	money sum = money_zero(), whole;
	int64_t tokens_in = 0, tokens_out = 0;

	ck_assert(rate_parse("3", &in, &why));
	ck_assert(rate_parse("15", &out, &why));
	srand(42);
	for (int i = 0; i < 1000000; i++) {
		int64_t a = rand() % 20000, b = rand() % 3000;
		sum = money_add(sum, money_add(money_tokens_at(a, in, &overflow),
		                               money_tokens_at(b, out, &overflow),
		                               &overflow), &overflow);
		tokens_in += a;
		tokens_out += b;
	}
	whole = money_add(money_tokens_at(tokens_in, in, &overflow),
	                  money_tokens_at(tokens_out, out, &overflow), &overflow);
	ck_assert(!overflow);
	ck_assert_int_eq(money_cmp(sum, whole), 0);
}
END_TEST

START_TEST(rounding_is_half_away_from_zero)
{
	ck_assert_str_eq(cents(parse("0.005")), "0.01");
	ck_assert_str_eq(cents(parse("0.004999999999")), "0.00");
	ck_assert_str_eq(cents(parse("-0.005")), "-0.01");
	ck_assert_str_eq(cents(parse("2.675")), "2.68"); /* 2.675 is not exact in binary */
	ck_assert_str_eq(cents(parse("-0.004")), "0.00"); /* no negative zero */
}
END_TEST

START_TEST(scale_rounds_once_at_the_picodollar)
{
	bool overflow = false;
	char buf[64];
	/* $0.057 per brief x 200 briefs a week x 30/7 weeks a month. */
	money m = money_scale(parse("11.4"), 30, 7, &overflow);

	money_format_exact(m, buf, sizeof buf);
	ck_assert_str_eq(buf, "48.857142857143");
	ck_assert_str_eq(cents(m), "48.86");
	ck_assert(!overflow);
}
END_TEST

START_TEST(overflow_is_sticky_and_never_wraps)
{
	bool overflow = false;
	money big = money_times(parse("100000000000000"), 1000000000000, &overflow);

	ck_assert(!overflow);
	money_times(big, 1000000000000, &overflow);
	ck_assert(overflow);
	overflow = false;
	money_add(big, money_times(big, 1000, &overflow), &overflow);
	ck_assert(overflow);
	money_add(parse("1"), parse("1"), &overflow);
	ck_assert_msg(overflow, "the flag is sticky");
}
END_TEST

START_TEST(format_groups_thousands)
{
	char buf[64];

	ck_assert(money_format(parse("1368.855"), 2, true, buf, sizeof buf));
	ck_assert_str_eq(buf, "1,368.86");
	ck_assert(money_format(parse("-1234567.8"), 0, true, buf, sizeof buf));
	ck_assert_str_eq(buf, "-1,234,568");
	ck_assert(!money_format(parse("1234567.8"), 2, true, buf, 5));
}
END_TEST

START_TEST(parse_refuses_what_is_not_plain_decimal)
{
	static const char *const bad[] = {"", "-", "1e5", "NaN", "inf", "0x10", "1,000",
	                                  "1.2.3", "1.0000000000001", " 1", "1 "};
	money m;
	const char *why;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!money_parse(bad[i], &m, &why), "accepted \"%s\"", bad[i]);
}
END_TEST

START_TEST(rates_keep_six_decimals)
{
	rate r;
	const char *why;
	char buf[32];

	ck_assert(rate_parse("0.0025", &r, &why));
	ck_assert_int_eq(r.micro, 2500);
	ck_assert(!rate_parse("0.0000001", &r, &why));
	ck_assert(!rate_parse("-1", &r, &why));
	ck_assert(rate_format((rate){1875000}, buf, sizeof buf));
	ck_assert_str_eq(buf, "1.875");
	ck_assert(rate_format((rate){3000000}, buf, sizeof buf));
	ck_assert_str_eq(buf, "3.00");
}
END_TEST

START_TEST(derived_rate_reports_inexact_halving)
{
	bool inexact = false;
	rate half = rate_scale((rate){2500}, 500000, 1000000, &inexact);

	ck_assert_int_eq(half.micro, 1250);
	ck_assert(!inexact);
	rate_scale((rate){1}, 500000, 1000000, &inexact);
	ck_assert(inexact);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		tokens_times_rate_is_exact,
		a_million_request_costs_sum_to_the_cost_of_the_summed_tokens,
		rounding_is_half_away_from_zero,
		scale_rounds_once_at_the_picodollar,
		overflow_is_sticky_and_never_wraps,
		format_groups_thousands,
		parse_refuses_what_is_not_plain_decimal,
		rates_keep_six_decimals,
		derived_rate_reports_inexact_halving,
	};
	return RUN_SUITE("money", tests);
}
