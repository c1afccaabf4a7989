/* number: strict parsing, table-driven at the boundaries. */
#include "../../models/number.h"

#include "suite.h"

START_TEST(whole_numbers_at_their_limits)
{
	static const struct {
		const char *text;
		bool ok;
		int64_t value;
		const char *why;
	} cases[] = {
		{"0", true, 0, NULL},
		{"100", true, 100, NULL},
		{"+7", true, 7, NULL},
		{"1000000", true, 1000000, NULL},
		{"1000001", false, 0, "too large"},
		{"-1", false, 0, "negative"},
		{"1.5", false, 0, "a fraction where a whole number is needed"},
		{"1.", true, 1, NULL},
		{"", false, 0, "empty"},
		{"12abc", false, 0, "trailing characters"},
		{"abc", false, 0, "not a number"},
		{"1,000", false, 0, "digit grouping is not accepted"},
		{"1e3", false, 0, "exponents are not accepted"},
		{"NaN", false, 0, "not a number"},
		{"Infinity", false, 0, "not a number"},
		{"0x10", false, 0, "trailing characters"},
		{"99999999999999999999999999999999", false, 0, "too large"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t v = -42;
		const char *why = NULL;
		bool ok = number_parse_int64(cases[i].text, 0, 1000000, &v, &why);
		ck_assert_msg(ok == cases[i].ok, "\"%s\"", cases[i].text);
		if (ok)
			ck_assert_int_eq(v, cases[i].value);
		else
			ck_assert_str_eq(why, cases[i].why);
	}
}
END_TEST

START_TEST(scaled_decimals_keep_their_places)
{
	int64_t v;
	const char *why;

	ck_assert(number_parse_scaled("0.25", 6, 0, 1000000, &v, &why));
	ck_assert_int_eq(v, 250000);
	ck_assert(number_parse_scaled("1", 6, 0, 1000000, &v, &why));
	ck_assert_int_eq(v, 1000000);
	ck_assert(!number_parse_scaled("1.000001", 6, 0, 1000000, &v, &why));
	ck_assert_str_eq(why, "too large");
	ck_assert(!number_parse_scaled("0.0000001", 6, 0, 1000000, &v, &why));
	ck_assert_str_eq(why, "too many decimal places");
	ck_assert(number_parse_scaled("-2.5", 1, -100, 100, &v, &why));
	ck_assert_int_eq(v, -25);
}
END_TEST

START_TEST(doubles_refuse_nan_and_infinity)
{
	double v;
	const char *why;

	ck_assert(number_parse_double("0.99", 0, 1, &v, &why));
	ck_assert(v == 0.99);
	ck_assert(!number_parse_double("nan", 0, 1, &v, &why));
	ck_assert(!number_parse_double("inf", 0, 1, &v, &why));
	ck_assert(!number_parse_double("1.01", 0, 1, &v, &why));
	ck_assert_str_eq(why, "too large");
	ck_assert(number_parse_double("-100", -100, 1000, &v, &why));
	ck_assert(!number_parse_double("-100.5", -100, 1000, &v, &why));
	ck_assert_str_eq(why, "too small");
}
END_TEST

/* One reading: a fraction, or a percent with its sign; a bare number that
 * could be either is refused with both readings. */
START_TEST(shares_read_one_way_and_refuse_the_ambiguous)
{
	static const struct {
		enum number_share kind;
		const char *text;
		bool ok;
		int64_t value;
		const char *why;
	} cases[] = {
		{NUMBER_SHARE_BATCH, "0.5", true, 500000, NULL},
		{NUMBER_SHARE_BATCH, "50%", true, 500000, NULL},
		{NUMBER_SHARE_BATCH, "1", true, 1000000, NULL},
		{NUMBER_SHARE_BATCH, "100%", true, 1000000, NULL},
		{NUMBER_SHARE_BATCH, "0", true, 0, NULL},
		{NUMBER_SHARE_BATCH, "0%", true, 0, NULL},
		{NUMBER_SHARE_BATCH, "12.3456%", true, 123456, NULL},
		{NUMBER_SHARE_BATCH, "12.34567%", false, 0, "too many decimal places"},
		{NUMBER_SHARE_BATCH, "50", false, 0, "as a fraction that is 5000%, out of "
		 "range; for 50% write 50%"},
		{NUMBER_SHARE_BATCH, "101%", false, 0, "too large"},
		{NUMBER_SHARE_BATCH, "-5%", false, 0, "negative"},
		{NUMBER_SHARE_BATCH, "500", false, 0, "out of range"},
		{NUMBER_SHARE_BATCH, "%", false, 0, "not a number"},
		{NUMBER_SHARE_BATCH, "50%%", false, 0, "trailing characters"},
		{NUMBER_SHARE_BATCH, "", false, 0, "empty"},
		{NUMBER_SHARE_PRICE, "0.5", true, 5000, NULL},
		{NUMBER_SHARE_PRICE, "50%", true, 5000, NULL},
		{NUMBER_SHARE_PRICE, "50", false, 0, "as a fraction that is 5000%, out of "
		 "range; for 50% write 50%"},
		{NUMBER_SHARE_GROWTH, "0.1", true, 100000, NULL},
		{NUMBER_SHARE_GROWTH, "10%", true, 100000, NULL},
		{NUMBER_SHARE_GROWTH, "-0.5", true, -500000, NULL},
		{NUMBER_SHARE_GROWTH, "-100%", false, 0, "too small"},
		{NUMBER_SHARE_GROWTH, "1000%", true, 10000000, NULL},
		{NUMBER_SHARE_GROWTH, "8", false, 0, "ambiguous: as a fraction that is "
		 "800% a month, as a percent 8% a month; write 8% or 800%"},
		{NUMBER_SHARE_GROWTH, "1", false, 0, "ambiguous: as a fraction that is "
		 "100% a month, as a percent 1% a month; write 1% or 100%"},
		{NUMBER_SHARE_GROWTH, "-5", false, 0, "as a fraction that is -500% a "
		 "month, out of range; for -5% a month write -5%"},
		{NUMBER_SHARE_GROWTH, "12.5", false, 0, "as a fraction that is 1250% a "
		 "month, out of range; for 12.5% a month write 12.5%"},
		{NUMBER_SHARE_STEP, "0.1", true, 10, NULL},
		{NUMBER_SHARE_STEP, "10%", true, 10, NULL},
		{NUMBER_SHARE_STEP, "0.125", false, 0, "too many decimal places"},
		{NUMBER_SHARE_STEP, "0", false, 0, "too small"},
		{NUMBER_SHARE_RATE, "0.99", true, 990000, NULL},
		{NUMBER_SHARE_RATE, "99%", true, 990000, NULL},
		{NUMBER_SHARE_RATE, "99", false, 0, "as a fraction that is 9900%, out of "
		 "range; for 99% write 99%"},
		{NUMBER_SHARE_PROBABILITY, "0", false, 0, "too small"},
		{NUMBER_SHARE_PROBABILITY, "0.000001", true, 1, NULL},
		{NUMBER_SHARE_PROBABILITY, "1", true, 1000000, NULL},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int64_t v = -42;
		char why[200] = "";
		bool ok = number_parse_share(cases[i].kind, cases[i].text, &v, why,
		                             sizeof why);
		ck_assert_msg(ok == cases[i].ok, "\"%s\": %s", cases[i].text, why);
		if (ok)
			ck_assert_int_eq(v, cases[i].value);
		else
			ck_assert_str_eq(why, cases[i].why);
	}
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		whole_numbers_at_their_limits,
		scaled_decimals_keep_their_places,
		doubles_refuse_nan_and_infinity,
		shares_read_one_way_and_refuse_the_ambiguous,
	};
	return RUN_SUITE("number", tests);
}
