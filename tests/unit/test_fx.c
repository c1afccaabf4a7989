/* fx: the rate in force on a day, and exact conversion with one rounding. */
#include "../../calc/fx_load.h"
#include "../../models/fx.h"

#include "suite.h"
#include <stdlib.h>
#include <string.h>

static const char table_text[] =
	"date,currency,rate\n"
	"2026-02-16,EUR,0.9302\n"   /* out of order on purpose */
	"2026-01-02,EUR,0.9215\n"
	"2026-01-02,GBP,0.7931\n";

static struct fx_table table;

static void load(void)
{
	struct diag d;
	ck_assert_msg(fx_load_text(table_text, strlen(table_text), "t.csv", &table, &d)
	              == STATUS_OK, "%s", d.text);
}

static void unload(void)
{
	fx_table_release(&table);
}

static int64_t rate_on(const char *currency, const char *day_text)
{
	date_days day;
	const char *why;
	const struct fx_row *r;

	ck_assert(date_parse(day_text, &day, &why));
	r = fx_rate_on(&table, currency, day);
	return r ? r->micro : -1;
}

START_TEST(the_rate_in_force_is_the_latest_row_on_or_before_the_day)
{
	ck_assert_int_eq(rate_on("EUR", "2026-01-01"), -1);      /* before the first */
	ck_assert_int_eq(rate_on("EUR", "2026-01-02"), 921500);  /* on a row's date */
	ck_assert_int_eq(rate_on("EUR", "2026-02-15"), 921500);  /* between two rows */
	ck_assert_int_eq(rate_on("EUR", "2026-02-16"), 930200);  /* the next row */
	ck_assert_int_eq(rate_on("EUR", "2030-01-01"), 930200);  /* after the last */
	ck_assert_int_eq(rate_on("GBP", "2026-02-16"), 793100);  /* per currency */
	ck_assert_int_eq(rate_on("CHF", "2026-02-16"), -1);
}
END_TEST

START_TEST(conversion_is_exact_and_rounds_once_half_away_from_zero)
{
	bool overflow = false;
	money m;
	const char *why;
	char buf[64];

	/* $840 x 0.9215 = 774.06 exactly */
	ck_assert(money_parse("840", &m, &why));
	money_format_exact(fx_convert(m, 921500, &overflow), buf, sizeof buf);
	ck_assert_str_eq(buf, "774.06");
	/* 1e-12 x 0.5 = 0.5e-12: half a unit rounds away from zero, both signs */
	ck_assert(money_parse("0.000000000001", &m, &why));
	money_format_exact(fx_convert(m, 500000, &overflow), buf, sizeof buf);
	ck_assert_str_eq(buf, "0.000000000001");
	ck_assert(money_parse("-0.000000000001", &m, &why));
	money_format_exact(fx_convert(m, 500000, &overflow), buf, sizeof buf);
	ck_assert_str_eq(buf, "-0.000000000001");
	/* 0.4e-12 rounds to zero */
	ck_assert(money_parse("0.000000000001", &m, &why));
	money_format_exact(fx_convert(m, 400000, &overflow), buf, sizeof buf);
	ck_assert_str_eq(buf, "0.00");
	ck_assert(!overflow);
}
END_TEST

START_TEST(a_table_names_the_line_of_a_bad_row)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{"date,currency,rate\n2026-01-02,EUR,0\n",
		 "t.csv:2: rate: expected units per USD, > 0 with at most 6 decimals, found \"0\" (a rate of 0)"},
		{"date,currency,rate\n2026-01-02,EUR,0.92155555\n",
		 "t.csv:2: rate: expected units per USD, > 0 with at most 6 decimals, found \"0.92155555\" (too many decimal places)"},
		{"date,currency,rate\n2026-02-30,EUR,0.9\n",
		 "t.csv:2: date: expected YYYY-MM-DD, found \"2026-02-30\" (no such day in that month)"},
		{"date,currency,rate\n2026-01-02,Eur,0.9\n",
		 "t.csv:2: currency: expected a code of three capital letters such as EUR, found \"Eur\""},
		{"day,currency,rate\n", "t.csv:1: expected the header date,currency,rate, found \"day,currency,rate\""},
		{"date,currency,rate\n", "t.csv: expected a header and at least one rate, found none"},
		{"date,currency,rate\n2026-01-02,EUR\n", "t.csv:2: expected 3 fields (date,currency,rate), found 2"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct fx_table t;
		struct diag d;
		ck_assert(fx_load_text(cases[i].text, strlen(cases[i].text), "t.csv", &t, &d)
		          == STATUS_INPUT);
		ck_assert_str_eq(d.text, cases[i].message);
	}
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		the_rate_in_force_is_the_latest_row_on_or_before_the_day,
		conversion_is_exact_and_rounds_once_half_away_from_zero,
		a_table_names_the_line_of_a_bad_row,
	};
	return RUN_SUITE_WITH("fx", tests, load, unload);
}
