#include "date.h"

#include <stdio.h>

date_days date_from_civil(int year, int month, int day)
{
	int y = month <= 2 ? year - 1 : year;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (date_days)(era * 146097 + doe - 719468);
}

void date_to_civil(date_days days, int *year, int *month, int *day)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;

	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*day = d;
}

int date_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

static int two_digits(const char *p)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return -1;
	return (p[0] - '0') * 10 + (p[1] - '0');
}

bool date_parse(const char *text, date_days *out, const char **why)
{
	int hi, lo, month, day, year;

	hi = two_digits(text);
	lo = hi < 0 ? -1 : two_digits(text + 2);
	if (hi < 0 || lo < 0 || text[4] != '-' || (month = two_digits(text + 5)) < 0 ||
	    text[7] != '-' || (day = two_digits(text + 8)) < 0 || text[10] != '\0') {
		*why = "not a date in the form YYYY-MM-DD";
		return false;
	}
	year = hi * 100 + lo;
	if (year < 1900) {
		*why = "year before 1900";
		return false;
	}
	if (month < 1 || month > 12) {
		*why = "month out of range";
		return false;
	}
	if (day < 1 || day > date_days_in_month(year, month)) {
		*why = "no such day in that month";
		return false;
	}
	*out = date_from_civil(year, month, day);
	return true;
}

void date_format(date_days days, char buf[DATE_TEXT_SIZE])
{
	int y, m, d;

	date_to_civil(days, &y, &m, &d);
	snprintf(buf, DATE_TEXT_SIZE, "%04d-%02d-%02d", y % 10000, m, d);
}

int date_weekday(date_days days)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	int w = (days % 7 + 7 + 3) % 7;
	return w;
}
