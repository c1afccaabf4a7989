/* tz: local times in IANA zones to UTC, daylight saving included. */
#include "../../calc/tz.h"
#include "../../models/sla.h"

#include "suite.h"
#include <stdlib.h>
#include <string.h>

static int64_t utc(int y, int m, int d, int hh, int mm)
{
	return (int64_t)date_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

static int64_t convert(const char *zone, int y, int m, int d, int hh, int mm)
{
	struct tz_wall w = {date_from_civil(y, m, d), hh * 60 + mm};
	struct diag diag;
	int64_t out = 0;

	ck_assert_int_eq(tz_to_utc(zone, &w, 1, &out, &diag), STATUS_OK);
	return out;
}

START_TEST(sydney_two_am_falls_in_different_utc_hours_across_the_year)
{
	/* Monday 02:00 in Sydney is Sunday 15:00 UTC in summer (AEDT, +11)
	 * and Sunday 16:00 UTC in winter (AEST, +10): buckets 159 and 160. */
	int64_t summer = convert("Australia/Sydney", 2026, 1, 5, 2, 0);
	int64_t winter = convert("Australia/Sydney", 2026, 7, 6, 2, 0);

	ck_assert_int_eq(summer, utc(2026, 1, 4, 15, 0));
	ck_assert_int_eq(winter, utc(2026, 7, 5, 16, 0));
	ck_assert_int_eq(sla_hour_of_week(summer), 6 * 24 + 15);
	ck_assert_int_eq(sla_hour_of_week(winter), 6 * 24 + 16);
}
END_TEST

START_TEST(a_skipped_time_lands_past_the_jump)
{
	/* 2026-10-04: Sydney clocks go from 02:00 AEST to 03:00 AEDT. */
	ck_assert_int_eq(convert("Australia/Sydney", 2026, 10, 4, 2, 0),
	                 utc(2026, 10, 3, 16, 0));
	ck_assert_int_eq(convert("Australia/Sydney", 2026, 10, 4, 2, 30),
	                 utc(2026, 10, 3, 16, 30));
	/* the minute before the gap and the first minute after it */
	ck_assert_int_eq(convert("Australia/Sydney", 2026, 10, 4, 1, 59),
	                 utc(2026, 10, 3, 15, 59));
	ck_assert_int_eq(convert("Australia/Sydney", 2026, 10, 4, 3, 0),
	                 utc(2026, 10, 3, 16, 0));
}
END_TEST

START_TEST(a_repeated_time_is_its_first_occurrence)
{
	/* 2026-04-05: Sydney clocks go back from 03:00 AEDT to 02:00 AEST, so
	 * 02:30 happens at 15:30 UTC and again at 16:30 UTC. */
	ck_assert_int_eq(convert("Australia/Sydney", 2026, 4, 5, 2, 30),
	                 utc(2026, 4, 4, 15, 30));
	ck_assert_int_eq(convert("Australia/Sydney", 2026, 4, 5, 3, 0),
	                 utc(2026, 4, 4, 17, 0));
	ck_assert_int_eq(convert("America/New_York", 2026, 11, 1, 1, 30),
	                 utc(2026, 11, 1, 5, 30));
}
END_TEST

START_TEST(utc_and_fixed_zones_convert_plainly)
{
	ck_assert_int_eq(convert("UTC", 2026, 11, 25, 2, 0), utc(2026, 11, 25, 2, 0));
	ck_assert_int_eq(convert("Asia/Kolkata", 2026, 11, 25, 2, 0),
	                 utc(2026, 11, 24, 20, 30));
}
END_TEST

START_TEST(unknown_or_unsafe_zones_are_refused)
{
	static const char *const bad[] = {"Mars/Olympus_Mons", "", "/etc/passwd",
	                                  "../../etc/passwd", "Australia/../UTC",
	                                  "Australia", "Australia/", "-0500",
	                                  "Europe//London", "UTC\n"};
	struct diag d;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_int_eq(tz_check(bad[i], &d), STATUS_USAGE);
		ck_assert_ptr_nonnull(strstr(d.text, "unknown time zone"));
	}
	ck_assert_int_eq(tz_check("Australia/Sydney", &d), STATUS_OK);
}
END_TEST

START_TEST(tz_is_put_back_as_it_was)
{
	struct tz_wall w = {date_from_civil(2026, 1, 5), 120};
	struct diag d;
	int64_t out;

	setenv("TZ", "Europe/Paris", 1);
	ck_assert_int_eq(tz_to_utc("Australia/Sydney", &w, 1, &out, &d), STATUS_OK);
	ck_assert_str_eq(getenv("TZ"), "Europe/Paris");
	unsetenv("TZ");
	ck_assert_int_eq(tz_to_utc("Australia/Sydney", &w, 1, &out, &d), STATUS_OK);
	ck_assert_ptr_null(getenv("TZ"));
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		sydney_two_am_falls_in_different_utc_hours_across_the_year,
		a_skipped_time_lands_past_the_jump,
		a_repeated_time_is_its_first_occurrence,
		utc_and_fixed_zones_convert_plainly,
		unknown_or_unsafe_zones_are_refused,
		tz_is_put_back_as_it_was,
	};
	return RUN_SUITE("tz", tests);
}
