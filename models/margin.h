/*
 * margin: what a change in inference cost does to gross margin, runway and
 * the payback of the migration that brings it.
 *
 * Everything is per month. Gross margin = (revenue - COGS) / revenue, where
 * COGS = the non-inference COGS + inference. The "before" plan is the
 * inference bill today (everything on the real-time API, or what the caller
 * says); the "after" plan is the bill once the batch share has moved.
 *
 * Invariants:
 * - Money stays exact (money.h); every ratio (margins, runway, payback) is a
 *   double computed once, at the end, from exact amounts (money_ratio), so
 *   the seed article's 80% -> 85% comes out as exactly 0.8 and 0.85, and the
 *   change in points is computed from the exact change in gross profit.
 * - Revenue is above zero and no amount is negative (margin_compute refuses
 *   the rest with STATUS_INPUT). COGS above revenue is allowed: a negative
 *   gross margin is a real state of many AI products; margin_result says so
 *   and the command warns.
 */
#ifndef BATCHCALC_MARGIN_H
#define BATCHCALC_MARGIN_H

#include "money.h"
#include "status.h"
#include "workload.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct margin_inputs {
	money revenue;          /* per month, > 0 */
	money other_cogs;       /* non-inference COGS per month, >= 0 */
	money inference_before; /* per month, >= 0 */
	money inference_after;  /* per month, >= 0 */
	bool has_cash, has_burn;
	money cash;             /* >= 0 */
	money net_burn;         /* per month before the change; <= 0: profitable */
	money migration_cost;   /* one-off effort of moving to batch, >= 0 */
	struct ratio requests_per_month; /* num 0: unknown (no per-request cost) */
	/* Some inference has no price (models/pricing.h): the two inference
	 * bills are of the priced workloads only. */
	bool inference_partial;
};

struct margin_result {
	money cogs_before, cogs_after;
	money gross_profit_before, gross_profit_after;
	double gross_margin_before, gross_margin_after; /* fractions: 0.8 */
	double margin_points;   /* (after - before) x 100 */
	money savings_month, savings_year; /* year = 12 months */
	/* Revenue that would earn the monthly savings as gross profit at the
	 * margin after: savings / gross_margin_after. Absent when that margin is
	 * not positive. */
	bool has_revenue_equivalent;
	money revenue_equivalent;
	/* Runway = cash / net burn, in months; absent without cash and burn. A
	 * burn at or below zero is not a runway but a profit: *_unlimited. */
	bool has_runway;
	money burn_after;
	double runway_before, runway_after;
	bool runway_unlimited_before, runway_unlimited_after;
	/* Months of savings that pay the migration; absent when there is no
	 * saving to pay it with. */
	bool has_payback;
	double payback_months;
	bool has_per_request;
	money per_request_before, per_request_after;
	double inference_per_revenue_before, inference_per_revenue_after;
	bool cogs_exceed_revenue; /* before or after: the margin is negative */
	/* inference_partial: only the savings (of the priced workloads) and the
	 * runway before are figures. COGS, gross profit, margins, the revenue
	 * equivalent, the burn and runway after, the payback and the cost per
	 * request need the whole inference bill: they are not computed (left 0,
	 * their has_* false), never taken from part of the bill. */
	bool partial;
};

/*
 * Computes every figure above. STATUS_INPUT when revenue is not above zero
 * or an amount is negative; STATUS_OVERFLOW when a figure does not fit.
 */
enum status margin_compute(const struct margin_inputs *in,
                           struct margin_result *out, struct diag *d);

/*
 * a x b / c rounded half away from zero at the picodollar (c != 0): the
 * money-by-money scaling that money_scale() cannot do with int64 factors.
 * Sets *overflow when the product does not fit 128 bits.
 */
money margin_muldiv(money a, money b, money c, bool *overflow);

/* One inference bill of a sweep: a workload (or --inference) all on the
 * real-time API (sync) and all on the Batch API (batch), per month. */
struct margin_bill {
	const char *name;
	money sync, batch;
	int64_t share; /* its own batch share, parts per million */
};

/* The bills' sum all sync (the "before" inference bill). */
money margin_bills_sync(const struct margin_bill *b, size_t n, bool *overflow);

/* The bills' sum when `share` (parts per million; < 0: each bill's own) goes
 * to batch, each bill split by workload_hybrid (the "after" bill). */
money margin_bills_after(const struct margin_bill *b, size_t n, int64_t share,
                         bool *overflow);

/*
 * Margin figures of `base` (revenue, other COGS, cash, ...) with the bills
 * scaled by volume_pct / 100 and `share` to batch (< 0: each bill's own):
 * one point of `margin --sweep share|volume`, for every caller that draws it.
 */
enum status margin_at_share(const struct margin_inputs *base,
                            const struct margin_bill *b, size_t n, int64_t share,
                            int64_t volume_pct, struct margin_result *out,
                            struct diag *d);

#endif
