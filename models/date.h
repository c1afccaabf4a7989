/*
 * date: calendar dates as whole days since 1970-01-01 (proleptic Gregorian).
 *
 * Prices, limits and exchange rates carry half-open validity ranges
 * [from, to) of such days; a missing end is DATE_OPEN_END. The conversions are
 * Howard Hinnant's days_from_civil / civil_from_days, exact for every date a
 * catalogue can name.
 */
#ifndef BATCHCALC_DATE_H
#define BATCHCALC_DATE_H

#include <stdbool.h>
#include <stdint.h>

typedef int32_t date_days;

#define DATE_OPEN_END INT32_MAX
#define DATE_TEXT_SIZE 11 /* "YYYY-MM-DD" and NUL */

date_days date_from_civil(int year, int month, int day);
void date_to_civil(date_days days, int *year, int *month, int *day);

/* Parses exactly "YYYY-MM-DD" with a real day of that month (years 1900-9999). */
bool date_parse(const char *text, date_days *out, const char **why);

void date_format(date_days days, char buf[DATE_TEXT_SIZE]);

/* 0 = Monday ... 6 = Sunday. */
int date_weekday(date_days days);

/* True when day lies in [from, to). */
static inline bool date_in_range(date_days day, date_days from, date_days to)
{
	return day >= from && day < to;
}

int date_days_in_month(int year, int month);

#endif
