/* date: civil dates as days, strict parsing, half-open ranges, weekdays. */
#include "../../models/date.h"

#include "suite.h"

START_TEST(round_trips_every_day_of_four_centuries)
{
	date_days start = date_from_civil(1900, 1, 1), end = date_from_civil(2300, 1, 1);
	char buf[DATE_TEXT_SIZE];

	for (date_days d = start; d < end; d++) {
		int y, m, dd;
		date_days back;
		const char *why;
		date_to_civil(d, &y, &m, &dd);
		ck_assert_int_eq(date_from_civil(y, m, dd), d);
		date_format(d, buf);
		ck_assert(date_parse(buf, &back, &why));
		ck_assert_int_eq(back, d);
	}
	ck_assert_int_eq(date_from_civil(1970, 1, 1), 0);
	ck_assert_int_eq(date_from_civil(2026, 11, 25), 20782); /* 1795564800 s / 86400 */
}
END_TEST

START_TEST(parse_is_strict)
{
	static const char *const bad[] = {"2025-02-29", "2025-13-01", "2025-00-10",
	                                  "2025-1-01", "2025-01-01T00:00", "25-01-01",
	                                  "", "1899-12-31", "2025/01/01"};
	date_days d;
	const char *why;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!date_parse(bad[i], &d, &why), "accepted %s", bad[i]);
	ck_assert(date_parse("2024-02-29", &d, &why));
}
END_TEST

START_TEST(ranges_are_half_open_and_weekdays_known)
{
	date_days from = date_from_civil(2024, 12, 3);

	ck_assert(date_in_range(from, from, from + 1));
	ck_assert(!date_in_range(from + 1, from, from + 1));
	ck_assert(date_in_range(from, from, DATE_OPEN_END));
	ck_assert_int_eq(date_weekday(date_from_civil(2026, 11, 25)), 2); /* a Wednesday */
	ck_assert_int_eq(date_weekday(date_from_civil(1969, 12, 29)), 0); /* a Monday */
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		round_trips_every_day_of_four_centuries,
		parse_is_strict,
		ranges_are_half_open_and_weekdays_known,
	};
	return RUN_SUITE("date", tests);
}
