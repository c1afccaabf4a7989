#include "number.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WIDE_LIMIT ((number_wide)1000000000000000 * 1000000000000000) /* 10^30 */

bool number_scan_decimal(const char *text, int decimals, number_wide *out,
                         const char **why)
{
	const char *p = text;
	bool negative = false;
	number_wide value = 0;
	int places = 0;
	bool seen_digit = false, seen_point = false;

	if (*p == '\0') {
		*why = "empty";
		return false;
	}
	if (*p == '-' || *p == '+') {
		negative = *p == '-';
		p++;
	}
	for (; *p; p++) {
		if (*p == '.') {
			if (seen_point) {
				*why = "a second decimal point";
				return false;
			}
			seen_point = true;
			continue;
		}
		if (*p < '0' || *p > '9') {
			if (*p == ',' || *p == '_')
				*why = "digit grouping is not accepted";
			else if (*p == 'e' || *p == 'E')
				*why = seen_digit ? "exponents are not accepted"
				                  : "not a number";
			else
				*why = seen_digit ? "trailing characters" : "not a number";
			return false;
		}
		seen_digit = true;
		if (seen_point && ++places > decimals) {
			*why = decimals == 0 ? "a fraction where a whole number is needed"
			                     : "too many decimal places";
			return false;
		}
		value = value * 10 + (*p - '0');
		if (value > WIDE_LIMIT) {
			*why = "too large";
			return false;
		}
	}
	if (!seen_digit) {
		*why = "not a number";
		return false;
	}
	for (; places < decimals; places++) {
		value *= 10;
		if (value > WIDE_LIMIT) {
			*why = "too large";
			return false;
		}
	}
	*out = negative ? -value : value;
	return true;
}

bool number_parse_scaled(const char *text, int decimals, int64_t min,
                         int64_t max, int64_t *out, const char **why)
{
	number_wide value;

	if (!number_scan_decimal(text, decimals, &value, why))
		return false;
	if (value < 0 && min >= 0) {
		*why = "negative";
		return false;
	}
	if (value < min) {
		*why = "too small";
		return false;
	}
	if (value > max) {
		*why = "too large";
		return false;
	}
	*out = (int64_t)value;
	return true;
}

bool number_parse_int64(const char *text, int64_t min, int64_t max,
                        int64_t *out, const char **why)
{
	return number_parse_scaled(text, 0, min, max, out, why);
}

bool number_parse_double(const char *text, double min, double max,
                         double *out, const char **why)
{
	number_wide ignored;
	char *end;
	double value;

	/* The scanner refuses NaN, infinities, hex and exponents; strtod then
	 * gives the nearest double of an already-valid decimal. */
	if (!number_scan_decimal(text, 15, &ignored, why))
		return false;
	errno = 0;
	value = strtod(text, &end);
	if (errno != 0 || *end != '\0' || !isfinite(value)) {
		*why = "out of range";
		return false;
	}
	if (value < 0 && min >= 0) {
		*why = "negative";
		return false;
	}
	if (value < min) {
		*why = "too small";
		return false;
	}
	if (value > max) {
		*why = "too large";
		return false;
	}
	*out = value;
	return true;
}

bool number_scan_scientific(const char *text, int decimals, number_wide *out,
                            bool *inexact, const char **why)
{
	const char *p = text;
	bool negative = false, seen_digit = false, seen_point = false;
	number_wide mantissa = 0, power = 1, remainder;
	int significant = 0, fraction = 0;
	long exponent = 0, shift;

	*inexact = false;
	if (*p == '-') {
		negative = true;
		p++;
	}
	for (; *p && *p != 'e' && *p != 'E'; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = true;
			continue;
		}
		if (*p < '0' || *p > '9') {
			*why = seen_digit ? "trailing characters" : "not a number";
			return false;
		}
		seen_digit = true;
		if (seen_point)
			fraction++;
		if (mantissa == 0 && *p == '0')
			continue; /* leading zeros carry no digits */
		if (++significant > 30) {
			*why = "more than 30 significant digits";
			return false;
		}
		mantissa = mantissa * 10 + (*p - '0');
	}
	if (!seen_digit) {
		*why = "not a number";
		return false;
	}
	if (*p) { /* exponent */
		bool exp_negative = false, exp_digit = false;
		p++;
		if (*p == '-' || *p == '+')
			exp_negative = *p++ == '-';
		for (; *p >= '0' && *p <= '9'; p++) {
			exp_digit = true;
			if (exponent < 1000)
				exponent = exponent * 10 + (*p - '0');
		}
		if (!exp_digit || *p) {
			*why = "a malformed exponent";
			return false;
		}
		if (exp_negative)
			exponent = -exponent;
	}
	shift = exponent - fraction + decimals;
	if (mantissa == 0) {
		*out = 0;
		return true;
	}
	if (shift >= 0) {
		for (; shift > 0; shift--) {
			mantissa *= 10;
			if (mantissa > WIDE_LIMIT) {
				*why = "too large";
				return false;
			}
		}
		*out = negative ? -mantissa : mantissa;
		return true;
	}
	if (shift < -36) { /* below half a unit of the last place: rounds to 0 */
		*inexact = true;
		*out = 0;
		return true;
	}
	for (; shift < 0; shift++)
		power *= 10;
	remainder = mantissa % power;
	mantissa /= power;
	if (remainder != 0)
		*inexact = true;
	if (remainder * 2 >= power)
		mantissa++; /* half away from zero, on the magnitude */
	*out = negative ? -mantissa : mantissa;
	return true;
}

/* Each kind's range and wording. min and max are scaled by 10^places. */
static const struct {
	const char *expected;
	const char *per;   /* after a reading in messages: " a month" */
	int places;
	int64_t min, max;
	bool min_excluded; /* the range is above min, not from it */
	bool one_is_all;   /* a bare 1 is 100% (shares); else it is ambiguous */
} share_kinds[NUMBER_SHARE_KIND_COUNT] = {
	[NUMBER_SHARE_BATCH] = {"a share from 0 to 1 or 0% to 100%", "", 6, 0, 1000000,
	                        false, true},
	[NUMBER_SHARE_PRICE] = {"a share of the sync price from 0 to 1 or 0% to 100%",
	                        "", 4, 0, 10000, false, true},
	[NUMBER_SHARE_STEP] = {"whole percents from 1% to 100% (or 0.01 to 1)", "", 2,
	                       1, 100, false, false},
	[NUMBER_SHARE_GROWTH] = {"a monthly growth above -100% and at most 1000% "
	                         "(0.08 or 8%)", " a month", 6, -1000000, 10000000, true,
	                         false},
	[NUMBER_SHARE_RATE] = {"a rate from 0 to 1 or 0% to 100%", "", 6, 0, 1000000,
	                       false, true},
	[NUMBER_SHARE_PROBABILITY] = {"a probability above 0 and at most 1 (0.99 or "
	                              "99%)", "", 6, 0, 1000000, true, true},
};

const char *number_share_expected(enum number_share kind)
{
	return share_kinds[kind].expected;
}

int number_share_places(enum number_share kind)
{
	return share_kinds[kind].places;
}

static bool share_in_range(enum number_share kind, number_wide v)
{
	return (share_kinds[kind].min_excluded ? v > share_kinds[kind].min
	                                       : v >= share_kinds[kind].min) &&
	       v <= share_kinds[kind].max;
}

/* value / 10^decimals as a decimal without trailing zeros: "800", "12.5". */
static void wide_text(number_wide value, int decimals, char *buf, size_t size)
{
	char digits[64];
	int n = 0, point;
	size_t used = 0;
	bool negative = value < 0;

	if (negative)
		value = -value;
	do {
		digits[n++] = (char)('0' + (int)(value % 10));
		value /= 10;
	} while (value > 0 && n < 62);
	while (n <= decimals)
		digits[n++] = '0';
	point = decimals;
	while (point > 0 && digits[0] == '0') { /* trailing zeros of the fraction */
		memmove(digits, digits + 1, (size_t)--n);
		point--;
	}
	if (negative && used + 1 < size)
		buf[used++] = '-';
	for (int i = n - 1; i >= 0 && used + 2 < size; i--) {
		buf[used++] = digits[i];
		if (i == point && point > 0)
			buf[used++] = '.';
	}
	buf[used] = '\0';
}

bool number_parse_share(enum number_share kind, const char *text, int64_t *out,
                        char *why, size_t size)
{
	const int places = share_kinds[kind].places;
	const char *per = share_kinds[kind].per;
	number_wide one = 1, v, as_percent = 0;
	size_t len = strlen(text);
	bool percent = len > 0 && text[len - 1] == '%', percent_ok;
	char number[128], fraction_text[64];
	const char *scan_why;

	for (int i = 0; i < places; i++)
		one *= 10;
	if (len >= sizeof number) {
		snprintf(why, size, "not a number");
		return false;
	}
	memcpy(number, text, len - percent);
	number[len - percent] = '\0';
	if (!number_scan_decimal(number, percent ? places - 2 : places, &v, &scan_why)) {
		snprintf(why, size, "%s", percent && !number[0] ? "not a number" : scan_why);
		return false;
	}
	if (!percent && (v > one || v < -one ||
	                 ((v == one || v == -one) && !share_kinds[kind].one_is_all))) {
		/* A bare number past 1 is a fraction no one means, or a percent
		 * written without its sign: say both, choose neither. */
		bool fraction_ok = share_in_range(kind, v);
		percent_ok = number_scan_decimal(number, places - 2, &as_percent, &scan_why) &&
		             share_in_range(kind, as_percent);
		wide_text(v, places - 2, fraction_text, sizeof fraction_text);
		if (fraction_ok && percent_ok)
			snprintf(why, size, "ambiguous: as a fraction that is %s%%%s, as a "
			         "percent %s%%%s; write %s%% or %s%%", fraction_text, per,
			         number, per, number, fraction_text);
		else if (percent_ok)
			snprintf(why, size, "as a fraction that is %s%%%s, out of range; for "
			         "%s%%%s write %s%%", fraction_text, per, number, per, number);
		else if (fraction_ok)
			snprintf(why, size, "ambiguous: as a fraction that is %s%%%s; write "
			         "%s%% to mean it", fraction_text, per, fraction_text);
		else
			snprintf(why, size, "out of range");
		return false;
	}
	if (!share_in_range(kind, v)) {
		snprintf(why, size, "%s", v > share_kinds[kind].max ? "too large"
		                          : v < 0 && share_kinds[kind].min >= 0 ? "negative"
		                          : "too small");
		return false;
	}
	*out = (int64_t)v;
	return true;
}
