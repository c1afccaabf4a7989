#include "number.h"

#include <errno.h>
#include <math.h>
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
