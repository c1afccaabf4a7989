/*
 * number: strict parsing of the numbers users type into flags and files.
 *
 * In the spirit of OpenBSD's strtonum(3): the whole text must be the number
 * (no leading or trailing junk, no blank), signs and ranges are checked, and
 * NaN, infinities, exponents and hexadecimal are refused. On failure the
 * functions return false and set *why to a short phrase that completes
 * "expected a number, found ...: <why>".
 */
#ifndef BATCHCALC_NUMBER_H
#define BATCHCALC_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A whole number in [min, max]. "1,000" and "1_000" are refused. */
bool number_parse_int64(const char *text, int64_t min, int64_t max,
                        int64_t *out, const char **why);

/*
 * A decimal with at most `decimals` places, returned scaled: with decimals = 6,
 * "0.25" gives 250000. The scaled value must lie in [min, max].
 */
bool number_parse_scaled(const char *text, int decimals, int64_t min,
                         int64_t max, int64_t *out, const char **why);

/*
 * The scanner under all of the above and money_parse(): a plain decimal with at
 * most `decimals` places, scaled by 10^decimals into *out, which must stay
 * within +-10^30 (far beyond any real amount; the bound keeps later products
 * inside 128 bits).
 */
__extension__ typedef __int128 number_wide;
bool number_scan_decimal(const char *text, int decimals, number_wide *out,
                         const char **why);

/*
 * A decimal in JSON's number syntax, exponent allowed ("3e-06", "1.25E-5",
 * "0.000003"), scaled by 10^decimals and rounded half away from zero at that
 * place. *inexact is set when the rounding dropped a non-zero digit. This is
 * for figures other tools write (LiteLLM's per-token prices): the text is read
 * digit by digit, never through a double, so 3e-06 x 10^12 is exactly 3000000.
 */
bool number_scan_scientific(const char *text, int decimals, number_wide *out,
                            bool *inexact, const char **why);

/*
 * Shares and rates: one reading for every flag and profile field that takes
 * one (README "Shares and rates"). A number is a fraction ("0.25") or, with a
 * % sign, a percent ("25%"); both give the same value. A bare number that
 * reads as a plausible percent too (above 1, or exactly 1 where 1% is as
 * likely as 100%: growth, sweep steps) is refused, and the message states
 * both readings ("8" could be 800% or 8%), so a percent typed without its
 * sign never passes as a fraction a hundred times larger.
 */
enum number_share {
	NUMBER_SHARE_BATCH,       /* share of requests sent to batch, 0..1 */
	NUMBER_SHARE_PRICE,       /* batch price as a share of sync, 0..1 */
	NUMBER_SHARE_STEP,        /* sweep step: whole percents, 1%..100% */
	NUMBER_SHARE_GROWTH,      /* monthly growth, above -100%, at most 1000% */
	NUMBER_SHARE_RATE,        /* a success rate, 0..1 */
	NUMBER_SHARE_PROBABILITY, /* a probability above 0, at most 1 */
	NUMBER_SHARE_KIND_COUNT
};

/* Completes "expected ...": "a share from 0 to 1, or 0% to 100%". */
const char *number_share_expected(enum number_share kind);

/* The decimals of the fraction a kind keeps: values come scaled by
 * 10^places (6: 0.25 is 250000; the percent form has places - 2 decimals). */
int number_share_places(enum number_share kind);

/*
 * Parses text as a share or rate of the given kind into *out (the fraction
 * scaled by 10^number_share_places). On failure writes into why (size
 * bytes) what completes "found \"TEXT\" (...)": "too large", or for an
 * ambiguous bare number both of its readings.
 */
bool number_parse_share(enum number_share kind, const char *text, int64_t *out,
                        char *why, size_t size);

/* A finite decimal as a double (probabilities, growth rates): at most 15
 * decimals and below 10^15 in magnitude. */
bool number_parse_double(const char *text, double min, double max,
                         double *out, const char **why);

#endif
