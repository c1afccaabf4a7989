/*
 * fx: exchange rates for presenting USD figures in another currency.
 *
 * Every computation in batchcalc is in USD; a figure is converted only when
 * it is shown. A rate is units of the currency per 1 USD, held as a decimal
 * with at most FX_DECIMALS places (millionths), so a conversion is exact
 * integer arithmetic: amount x rate / 10^6, rounded ONCE, half away from zero,
 * at the 10^-12 of the currency (money_scale). Tables then round that to
 * cents like any USD figure.
 *
 * A dated table holds rows (date, currency, rate); the rate in force on a day
 * is the row of that currency with the latest date on or before it. Invariant
 * after fx_table_finish(): rows sorted by currency then date, no currency with
 * two rows on one date.
 */
#ifndef BATCHCALC_FX_H
#define BATCHCALC_FX_H

#include "date.h"
#include "money.h"
#include "status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FX_DECIMALS 6
#define FX_SCALE 1000000

struct fx_row {
	date_days day;
	char currency[4];   /* ISO 4217 code, "EUR" */
	int64_t micro;      /* currency per USD, in millionths; > 0 */
	long line;          /* where it was read, for messages */
};

struct fx_table {
	struct fx_row *rows;
	size_t count;
};

/* Sorts the rows and refuses a currency given twice for one date. */
enum status fx_table_finish(struct fx_table *t, const char *origin,
                            struct diag *d);

/* The row in force for `currency` on `day`, or NULL when its first row is
 * later (or it has none). */
const struct fx_row *fx_rate_on(const struct fx_table *t, const char *currency,
                                date_days day);

/* The first row of `currency`, or NULL: for "no rate before ..." messages. */
const struct fx_row *fx_first(const struct fx_table *t, const char *currency);

/* usd x micro / 10^6, rounded once at the 10^-12 unit. */
money fx_convert(money usd, int64_t micro, bool *overflow);

void fx_table_release(struct fx_table *t);

#endif
