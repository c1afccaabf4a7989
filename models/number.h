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

/* A finite decimal as a double (probabilities, growth rates): at most 15
 * decimals and below 10^15 in magnitude. */
bool number_parse_double(const char *text, double min, double max,
                         double *out, const char **why);

#endif
