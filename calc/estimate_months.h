/*
 * estimate_months: a workload profile's cost per calendar month over a
 * period, for `batchcalc estimate --since --until`.
 *
 * Every day of the period is priced with the price entry in force on that
 * day and converted with the exchange rate in force on that day, so a closed
 * month keeps its figures when prices or rates change later. A month's cost
 * is the sum over runs of days with the same price and rate of
 *   (monthly cost with a month of that calendar month's days) x days / days,
 * each run's USD figure rounded once at the picodollar and converted once.
 * A month only partly inside the period counts only its days inside it.
 */
#ifndef BATCHCALC_ESTIMATE_MONTHS_H
#define BATCHCALC_ESTIMATE_MONTHS_H

#include "cli.h"
#include "profile.h"

#define MONTH_FIGURES 4 /* sync, batch, hybrid, savings */

struct month_cost {
	int year, month;
	date_days first, last;     /* the days of the month inside the period */
	int days, days_in_month;
	money usd[MONTH_FIGURES];  /* the profile's total */
	money shown[MONTH_FIGURES];/* the same in the presentation currency */
	money *workload_usd;       /* [workload][figure], profile order */
	money *workload_shown;
	int64_t fx_first;          /* the rate on the first day (millionths) */
	bool fx_changed;           /* ... and it changed inside the month */
	bool used_derived;
};

struct month_costs {
	struct month_cost *months;
	size_t count;
	money usd[MONTH_FIGURES], shown[MONTH_FIGURES]; /* over the period */
	const struct model **models; /* per workload, as priced on `since` */
};

/* Prices the profile for every day of [since, until] (inclusive). */
enum status estimate_months(struct cli *ctx, const struct profile *profile,
                            date_days since, date_days until,
                            struct month_costs *out, struct diag *d);

void month_costs_release(struct month_costs *m);

#endif
