/*
 * money: exact amounts of money and per-million-token rates.
 *
 * An amount is a signed count of picodollars (1e-12 USD) held in a 128-bit
 * integer. The scale is chosen so that any token count times any catalogue
 * rate is exact: rates carry six decimals of a dollar per million tokens, and
 * tokens x (micro-dollars per million tokens) = picodollars. Sums of per-request
 * costs therefore equal the cost of the summed tokens to the last picodollar,
 * and only presentation rounds.
 *
 * Invariants:
 * - Every operation that can overflow takes a sticky flag (`bool *overflow`)
 *   that it sets and never clears; callers test it once at the end, as SQLite
 *   does for its decimal arithmetic. A result computed after overflow is 0.
 * - There is one rounding rule, half away from zero, used by money_scale()
 *   (at the picodollar) and money_format() (at the shown decimals).
 * - Binary floating point never holds a stored amount; money_to_double() is for
 *   ratios such as a gross margin.
 */
#ifndef BATCHCALC_MONEY_H
#define BATCHCALC_MONEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

__extension__ typedef __int128 money_raw;

#define MONEY_DECIMALS 12           /* picodollars */
#define RATE_DECIMALS 6             /* micro-dollars per million tokens */

typedef struct { money_raw pico; } money;

/* A price per million tokens, in micro-dollars per million tokens. */
typedef struct { int64_t micro; } rate;

static inline money money_zero(void) { money m = {0}; return m; }

/* Whole cents, for tests and flags given in cents. */
money money_from_cents(int64_t cents);

money money_add(money a, money b, bool *overflow);
money money_sub(money a, money b, bool *overflow);

/* tokens x r: exact, since tokens x micro-dollars per million = picodollars. */
money money_tokens_at(int64_t tokens, rate r, bool *overflow);

/* a x num / den, rounded half away from zero at the picodollar. den > 0. */
money money_scale(money a, int64_t num, int64_t den, bool *overflow);

/* a x n, exact. */
money money_times(money a, int64_t n, bool *overflow);

int money_cmp(money a, money b);
static inline bool money_is_zero(money a) { return a.pico == 0; }

/* a / b as a double (a ratio; NaN when b is zero). */
double money_ratio(money a, money b);
double money_to_double(money a);

/*
 * Writes a rounded to `decimals` places (0..12), half away from zero, as
 * "-1234.50"; with `group` true the integer part is grouped "1,234.50".
 * Returns false when the buffer is too small.
 */
bool money_format(money a, int decimals, bool group, char *buf, size_t size);

/* Writes a with every significant decimal (at least two): "0.0105", "855.00". */
bool money_format_exact(money a, char *buf, size_t size);

/*
 * Parses a plain decimal ("1234", "-0.5", "12.345678901234"): at most 12
 * decimals, no exponent, no grouping. On failure returns false and points
 * *why at a short reason such as "more than 12 decimal places".
 */
bool money_parse(const char *text, money *out, const char **why);

/* Parses a rate in dollars per million tokens: at most 6 decimals, >= 0. */
bool rate_parse(const char *text, rate *out, const char **why);

/*
 * Parses a price in USD per ONE token, as LiteLLM writes it ("3e-06",
 * "1.875e-05"), into a rate per million tokens: 3e-06 gives 3.00 exactly.
 * A price with more than 6 decimals per million is rounded half away from
 * zero at the micro-dollar and *rounded is set, so the caller can say so.
 */
bool rate_parse_per_token(const char *text, rate *out, bool *rounded,
                          const char **why);

/* Writes a rate with its significant decimals, at least two: "3.00", "0.0625". */
bool rate_format(rate r, char *buf, size_t size);

/* r x num / den rounded half away from zero at the micro-dollar; sets *inexact
 * when rounding changed the value (a derived rate that cannot be held exactly). */
rate rate_scale(rate r, int64_t num, int64_t den, bool *inexact);

#endif
