#include "money.h"

#include "number.h"

#include <string.h>

#define PICO_PER_CENT ((money_raw)10000000000) /* 1e10 */
__extension__ typedef unsigned __int128 money_uraw;

#define RAW_MAX ((money_raw)(((money_uraw)1 << 127) - 1))

static money make(money_raw pico)
{
	money m;
	m.pico = pico;
	return m;
}

money money_from_cents(int64_t cents)
{
	return make((money_raw)cents * PICO_PER_CENT);
}

money money_add(money a, money b, bool *overflow)
{
	money_raw r;

	if (__builtin_add_overflow(a.pico, b.pico, &r)) {
		*overflow = true;
		return money_zero();
	}
	return make(r);
}

money money_sub(money a, money b, bool *overflow)
{
	money_raw r;

	if (__builtin_sub_overflow(a.pico, b.pico, &r)) {
		*overflow = true;
		return money_zero();
	}
	return make(r);
}

money money_tokens_at(int64_t tokens, rate r, bool *overflow)
{
	(void)overflow; /* two 64-bit factors cannot overflow 128 bits */
	return make((money_raw)tokens * r.micro);
}

static money_raw magnitude(money_raw v)
{
	return v < 0 ? -v : v;
}

/* Multiplies without __builtin_mul_overflow on 128 bits, which clang lowers to
 * a compiler-rt routine that libgcc does not have. */
static bool mul_checked(money_raw a, int64_t b, money_raw *out)
{
	money_raw mb = magnitude(b);

	if (a == -RAW_MAX - 1) /* has no positive counterpart */
		return b == 0 || b == 1 ? (*out = a * b, true) : false;
	if (mb != 0 && magnitude(a) > RAW_MAX / mb)
		return false;
	*out = a * b;
	return true;
}

money money_times(money a, int64_t n, bool *overflow)
{
	money_raw r;

	if (!mul_checked(a.pico, n, &r)) {
		*overflow = true;
		return money_zero();
	}
	return make(r);
}

/* num / den rounded half away from zero; den > 0. */
static money_raw divide_rounded(money_raw num, money_raw den)
{
	money_raw q = num / den, rem = num % den;

	if (magnitude(rem) * 2 >= den)
		q += num < 0 ? -1 : 1;
	return q;
}

money money_scale(money a, int64_t num, int64_t den, bool *overflow)
{
	money_raw product;

	if (den <= 0 || !mul_checked(a.pico, num, &product)) {
		*overflow = true;
		return money_zero();
	}
	return make(divide_rounded(product, den));
}

int money_cmp(money a, money b)
{
	return (a.pico > b.pico) - (a.pico < b.pico);
}

double money_to_double(money a)
{
	/* Split so that the integer dollars convert exactly where they can. */
	money_raw unit = (money_raw)1000000000000;
	return (double)(a.pico / unit) + (double)(a.pico % unit) / 1e12;
}

double money_ratio(money a, money b)
{
	if (b.pico == 0)
		return 0.0 / 0.0;
	return money_to_double(a) / money_to_double(b);
}

/* Writes the decimal digits of v (v >= 0) into buf backwards from end. */
static char *digits_backwards(money_uraw v, char *end)
{
	do {
		*--end = (char)('0' + (int)(v % 10));
		v /= 10;
	} while (v != 0);
	return end;
}

static money_uraw pow10_wide(int n)
{
	money_uraw p = 1;
	while (n-- > 0)
		p *= 10;
	return p;
}

/* Formats |v| / 10^decimals with the given decimals, sign and grouping. */
static bool format_scaled(bool negative, money_uraw v, int decimals,
                          bool group, char *buf, size_t size)
{
	char tmp[128];
	char *end = tmp + sizeof tmp;
	money_uraw unit = pow10_wide(decimals);
	money_uraw whole = v / unit, frac = v % unit;
	char *p = end;
	size_t len;
	int i;

	if (decimals > 0) {
		for (i = 0; i < decimals; i++) {
			*--p = (char)('0' + (int)(frac % 10));
			frac /= 10;
		}
		*--p = '.';
	}
	if (group) {
		int n = 0;
		do {
			if (n > 0 && n % 3 == 0)
				*--p = ',';
			*--p = (char)('0' + (int)(whole % 10));
			whole /= 10;
			n++;
		} while (whole != 0);
	} else {
		p = digits_backwards(whole, p);
	}
	if (negative)
		*--p = '-';
	len = (size_t)(end - p);
	if (len + 1 > size)
		return false;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return true;
}

bool money_format(money a, int decimals, bool group, char *buf, size_t size)
{
	money_uraw v;
	money_raw unit;
	bool negative;

	if (decimals < 0 || decimals > MONEY_DECIMALS)
		return false;
	unit = (money_raw)pow10_wide(MONEY_DECIMALS - decimals);
	/* The one rounding rule: half away from zero. */
	v = (money_uraw)magnitude(divide_rounded(a.pico, unit));
	negative = a.pico < 0 && v != 0;
	return format_scaled(negative, v, decimals, group, buf, size);
}

bool money_format_exact(money a, char *buf, size_t size)
{
	int decimals = MONEY_DECIMALS;
	money_raw v = a.pico;

	while (decimals > 2 && v % 10 == 0) {
		v /= 10;
		decimals--;
	}
	return format_scaled(a.pico < 0, (money_uraw)magnitude(v),
	                     decimals, false, buf, size);
}

bool money_parse(const char *text, money *out, const char **why)
{
	number_wide v;

	if (!number_scan_decimal(text, MONEY_DECIMALS, &v, why))
		return false;
	*out = make(v);
	return true;
}

bool rate_parse(const char *text, rate *out, const char **why)
{
	int64_t micro;

	if (!number_parse_scaled(text, RATE_DECIMALS, 0, INT64_MAX / 2, &micro, why))
		return false;
	out->micro = micro;
	return true;
}

bool rate_parse_per_token(const char *text, rate *out, bool *rounded,
                          const char **why)
{
	number_wide micro;

	/* USD per token x 10^6 tokens x 10^6 micro-dollars = 12 decimal places. */
	if (!number_scan_scientific(text, 2 * RATE_DECIMALS, &micro, rounded, why))
		return false;
	if (micro < 0) {
		*why = "negative";
		return false;
	}
	if (micro > INT64_MAX / 2) {
		*why = "too large";
		return false;
	}
	out->micro = (int64_t)micro;
	return true;
}

bool rate_format(rate r, char *buf, size_t size)
{
	int decimals = RATE_DECIMALS;
	int64_t v = r.micro;

	while (decimals > 2 && v % 10 == 0) {
		v /= 10;
		decimals--;
	}
	return format_scaled(r.micro < 0, (money_uraw)magnitude(v),
	                     decimals, false, buf, size);
}

rate rate_scale(rate r, int64_t num, int64_t den, bool *inexact)
{
	money_raw product = (money_raw)r.micro * num;
	rate out;

	out.micro = (int64_t)divide_rounded(product, den);
	if ((money_raw)out.micro * den != product)
		*inexact = true;
	return out;
}
