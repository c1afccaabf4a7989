/*
 * business: the business figures `margin` and `plan` read, from a JSON
 * profile's "business" section and from flags (flags win).
 *
 *   "business": {
 *     "revenue_usd_month": 100000,        or "arr_usd": 1200000 (/ 12)
 *     "cogs_usd_month": 20000,            total COGS, inference included, or
 *     "non_inference_cogs_usd_month": 10000,
 *     "cash_usd": 500000, "net_burn_usd_month": 40000,
 *     "migration": {"engineer_days": 10, "day_rate_usd": 800}
 *   }
 *
 * Amounts are plain decimals in USD (numbers or strings, at most 12
 * decimals). Revenue must be above 0; COGS, cash and the migration figures 0
 * or more; net burn may be negative (a profit). Errors name the JSON path
 * (FILE: business.cogs_usd_month: ...) or the flag.
 */
#ifndef BATCHCALC_BUSINESS_H
#define BATCHCALC_BUSINESS_H

#include "options.h"
#include "profile.h"
#include "../models/money.h"

#include <stdbool.h>
#include <stdint.h>

struct business {
	bool has_revenue, has_cogs, has_other_cogs, has_cash, has_burn;
	money revenue;     /* per month */
	money cogs;        /* per month, total with inference */
	money other_cogs;  /* per month, without inference */
	money cash, net_burn;
	bool has_migration;
	int64_t engineer_days; /* hundredths of a day */
	money day_rate;
	money migration_cost;  /* engineer days x day rate */
};

/* The flag values, as text, that override the profile's figures. */
struct business_flags {
	const char *revenue, *arr, *cogs, *other_cogs, *cash, *burn,
	           *migration_days, *day_rate;
};

#define BUSINESS_OPTIONS(f)                                                        \
	{"revenue", 0, OPTION_VALUE, "USD", "monthly revenue", &(f).revenue},          \
	{"arr", 0, OPTION_VALUE, "USD", "annual recurring revenue (revenue = ARR / 12)", &(f).arr}, \
	{"cogs", 0, OPTION_VALUE, "USD", "monthly COGS, inference included", &(f).cogs}, \
	{"other-cogs", 0, OPTION_VALUE, "USD", "monthly COGS without inference", &(f).other_cogs}, \
	{"cash", 0, OPTION_VALUE, "USD", "cash in the bank (for runway)", &(f).cash},  \
	{"burn", 0, OPTION_VALUE, "USD", "monthly net burn today (for runway)", &(f).burn}, \
	{"migration-days", 0, OPTION_VALUE, "N", "engineer days the move to batch takes", &(f).migration_days}, \
	{"day-rate", 0, OPTION_VALUE, "USD", "cost of one engineer day", &(f).day_rate}

/*
 * Fills b from the profile's "business" section (a CSV profile, or a JSON
 * one without it, leaves b empty), then from the flags. STATUS_INPUT names
 * the JSON path; STATUS_USAGE names the flag.
 */
enum status business_load(const struct profile *p, const struct business_flags *f,
                          struct business *b, struct diag *d);

/*
 * The non-inference COGS: given directly, or total COGS minus the inference
 * bill today. STATUS_INPUT when the total is below the inference bill. With
 * neither, 0 and *assumed is set.
 */
enum status business_other_cogs(const struct business *b, money inference,
                                money *out, bool *assumed, struct diag *d);

#endif
