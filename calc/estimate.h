/*
 * estimate: a profile priced per workload and in total, per month.
 *
 * Shared by `estimate` (which prints it) and `report` (which tabulates and
 * charts it), so both show the same exact figures. Each row keeps the price
 * entry it was priced at, so that the same workload can be priced again with
 * another batch share (estimate_at_share) without a second catalogue lookup.
 *
 * Invariant after estimate_compute: total is the exact sum of the rows.
 */
#ifndef BATCHCALC_ESTIMATE_H
#define BATCHCALC_ESTIMATE_H

#include "cli.h"
#include "profile.h"

struct estimate_row {
	const struct workload *w;
	const struct model *model;
	const struct price_entry *price; /* the catalogue's, or &tiered */
	struct price_entry tiered; /* at the workload's service tier / geo */
	struct workload_estimate e;
	/* With estimate.allow_unpriced: the workload's model has no price on
	 * the date (model NULL when unknown); e has only requests_per_month. */
	bool unpriced;
	struct diag why;
};

struct estimate {
	struct profile profile;     /* loaded by the caller */
	struct estimate_row *rows;  /* profile.count rows, owned */
	struct workload_estimate total; /* used_derived: any row used a derived rate */
	date_days as_of;
	struct ratio month_days;
	int64_t fx;                 /* presentation currency per USD, millionths */
	/* Set by the caller: a workload whose model cannot be priced is kept as
	 * an unpriced row (never at $0) instead of failing the estimate; the
	 * total is then the priced workloads' and `unpriced` counts the rest. */
	bool allow_unpriced;
	size_t unpriced;
};

/*
 * Prices every workload of p on as_of through cli_price (so retired models
 * are warned about once), naming the workload on error. Fills *rows (one per
 * workload; the caller frees it) and *total: requests_per_month, sync,
 * batch, hybrid and savings summed, used_derived if any row used a derived
 * rate. For commands that hold a profile of their own (margin, plan).
 */
enum status estimate_profile(struct cli *ctx, const struct profile *p,
                             date_days as_of, struct ratio month_days,
                             struct estimate_row **rows,
                             struct workload_estimate *total, struct diag *d);

/* Prices every workload of est->profile on est->as_of (warning once per
 * retired model); errors name the workload and where the profile defines it. */
enum status estimate_compute(struct cli *ctx, struct estimate *est, struct diag *d);

/* Total requests per month across rows, as an exact ratio. */
struct ratio estimate_total_requests(const struct estimate *est, bool *overflow);

/*
 * The profile's total as if every workload sent `share` (0..SHARE_SCALE) of
 * its volume to batch: each workload priced again by workload_estimate, so
 * share 0 gives the sync total and SHARE_SCALE the batch total, exactly.
 */
enum status estimate_at_share(const struct estimate *est, int64_t share,
                              struct workload_estimate *total, struct diag *d);

/* Frees the rows and the profile. */
void estimate_release(struct estimate *est);

#endif
