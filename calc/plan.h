/*
 * plan: the capacity plan of a profile (models/capacity.h applied to its
 * workloads on the catalogue's dated limits), shared by `plan`, which prints
 * it, and `report`, which draws the growth projection from it.
 *
 * A `struct plan` is filled in four steps: plan_init (the defaults), the
 * profile and business figures loaded by the caller, plan_load_section (the
 * JSON profile's "plan" section) and the caller's flags, then plan_compute
 * on the profile's figures (pricing_day_compute, made once by the caller):
 * per workload batch packing, queue and sync feasibility; per provider and
 * per model the same for their sums; month by month the projection
 * (capacity_project), margins when revenue is known, and the first month
 * each limit is exceeded; the payback of the migration; and the projection's
 * money in the shown currency. It never prints: a limit table used past its
 * end is a PRICING_STALE_TABLE warning of the pricing.
 *
 * A workload the pricing could not price (est->rows[i].unpriced) counts in
 * every request figure and in none of the money, which is then of the priced
 * workloads only; what needs the money of every workload (the margins, the
 * break-even month and the mix's break-even volume) is not computed. A model
 * the catalogue does not know has no provider, limits or batch packing.
 *
 * Invariant after plan_compute: month[0..months-1] is capacity_project's
 * projection, shown[] the same money converted, and every first_* month is 0
 * (never within `months`) or the first month, 1-based, whose whole-request
 * demand breaks that limit.
 */
#ifndef BATCHCALC_PLAN_H
#define BATCHCALC_PLAN_H

#include "business.h"
#include "profile.h"
#include "../models/capacity.h"
#include "../models/margin.h"
#include "../models/pricing.h"

#define MAX_MONTHS 120

/* A growth month's money: the four pricing figures, then the running total
 * of the savings. */
enum { PLAN_CUMULATIVE = PRICING_FIGURES, PLAN_FIGURES };

struct plan_row {
	const struct pricing_workload *est;
	const struct provider *provider;
	const struct rate_limit_table *rates;
	const struct rate_limit_group *group;
	struct tier_rate_limit limits;  /* at the chosen tier, overrides applied */
	bool has_limits;
	struct ratio per_day, batch_per_day, sync_per_day;
	struct batch_packing pack;
	struct queue_fit queue;
	struct tier_fit all_sync, plan_sync;
	int min_tier, plan_min_tier;
	struct sync_demand all_demand, plan_demand;
	/* First month (1-based) each limit is exceeded; 0: never within months. */
	int first_all_sync[LIMIT_KINDS], first_plan[LIMIT_KINDS], first_queue;
	bool has_min_volume;
	int64_t min_volume;
};

/* All workloads of one provider: its batch queue is shared by every model. */
struct provider_total {
	const struct provider *provider;
	size_t workloads;
	struct ratio per_day;
	int64_t batch_requests, batches;
	struct queue_fit queue;
	int first_queue; /* first month the summed submission is over the queue */
};

#define MAX_PROVIDERS 16

/* All workloads of one model: they draw on the same rate limits. */
struct model_total {
	const struct plan_row *row; /* the first workload: model, limits */
	size_t workloads;
	struct sync_demand all, plan;
	struct tier_fit all_fit, plan_fit;
	int min_tier;
	int first_all[LIMIT_KINDS], first_plan[LIMIT_KINDS]; /* 0: never */
};

struct plan {
	struct profile profile;
	struct provider_total totals[MAX_PROVIDERS];
	size_t total_count;
	struct model_total *models; /* one per distinct model, profile.count room */
	size_t model_count;
	const struct pricing_day *est; /* the profile priced on as_of, borrowed */
	struct plan_row *plan;
	const struct price_entry **prices; /* NULL: that workload is not priced */
	struct business business;
	struct capacity_settings settings;
	int tier;
	int64_t rpm, itpm, otpm, queue_limit; /* overrides; 0: none */
	double growth, revenue_growth;
	bool growth_given;
	int months, horizon;
	struct projection_month month[MAX_MONTHS];
	struct margin_result margin[MAX_MONTHS];
	money revenue[MAX_MONTHS];
	bool has_margins;
	money other_cogs;
	int break_even;
	bool has_min_volume;
	int64_t min_volume;
	date_days as_of;
	struct ratio month_days;
	/* The tables used (the first met), and whether past their end. */
	const struct rate_limit_table *rates_used;
	const struct queue_limit_table *queue_used;
	bool rates_stale, queue_stale;
	/* The projection's money as shown: growth month k (0-based) at the rate
	 * in force on its first day, month 0 being the as-of month; the
	 * migration at the as-of rate. shown_month[k][PLAN_CUMULATIVE] adds up the
	 * converted months' savings, as a ledger in that currency would (so it
	 * equals the USD running total converted only while the rate holds).
	 * The same figures as USD without a currency. */
	int64_t fx[MAX_MONTHS];
	money shown_month[MAX_MONTHS][PLAN_FIGURES];
	money shown_day_rate, shown_migration_cost;
};

/* Tier 1, 12 months, 4 bytes a token, 200 bytes of JSON, a 24-hour window. */
void plan_init(struct plan *p);

/* The profile's optional "plan" section (tier, working_hours, months,
 * growth_per_month): defaults a flag overrides. Errors name the JSON path. */
enum status plan_load_section(struct plan *p, struct diag *d);

/* --FLAG's monthly growth (0.08 or 8%, above -100%, at most 1000%) as a
 * fraction; STATUS_USAGE naming --FLAG otherwise. */
enum status plan_parse_growth(const char *flag, const char *text, double *out,
                              struct diag *d);

/* Computes every figure above from `est`, the profile's workloads priced on
 * p->as_of (kept by pointer: it must outlive the plan). */
enum status plan_compute(struct pricing *pr, struct plan *p,
                         const struct pricing_day *est, struct diag *d);

/* "[2025-01-01, 2026-06-26)" or "[2025-01-01, open)". */
void plan_range_text(date_days from, date_days to, char buf[32]);

/* Frees what plan_compute allocated; the profile stays the caller's. */
void plan_release(struct plan *p);

/* The flags of `plan` that change its figures, as text; `report` takes
 * them too. */
struct plan_flags {
	const char *tier, *rpm, *itpm, *otpm, *queue_limit, *window, *bytes_per_token,
	           *overhead, *growth, *months, *horizon, *revenue_growth;
};

#define PLAN_OPTIONS(f)                                                            \
	{"tier", 0, OPTION_VALUE, "N", "rate-limit tier (default 1)", &(f).tier}, \
	{"rpm", 0, OPTION_VALUE, "N", "requests per minute, instead of the table's", &(f).rpm}, \
	{"itpm", 0, OPTION_VALUE, "N", "input tokens per minute, instead of the table's", &(f).itpm}, \
	{"otpm", 0, OPTION_VALUE, "N", "output tokens per minute, instead of the table's", &(f).otpm}, \
	{"queue-limit", 0, OPTION_VALUE, "N", "batch requests that may wait, instead of the table's", &(f).queue_limit}, \
	{"window-hours", 0, OPTION_VALUE, "H", "hours a day the sync traffic runs (default 24)", &(f).window}, \
	{"bytes-per-token", 0, OPTION_VALUE, "B", "bytes of request per prompt token (default 4)", &(f).bytes_per_token}, \
	{"overhead-bytes", 0, OPTION_VALUE, "N", "JSON bytes around each batch request (default 200)", &(f).overhead}, \
	{"growth", 0, OPTION_VALUE, "N%", "volume growth a month, 0.08 or 8%, above -100% (default 0)", &(f).growth}, \
	{"months", 0, OPTION_VALUE, "N", "months to project (default 12)", &(f).months}, \
	{"horizon", 0, OPTION_VALUE, "N", "months batching has to pay back in (default --months)", &(f).horizon}, \
	{"revenue-growth", 0, OPTION_VALUE, "N%", "revenue growth a month (default --growth)", &(f).revenue_growth}

/* Applies the flags given (NULL: unchanged) to p; --growth and --months
 * set growth_given. STATUS_USAGE names a bad flag. */
enum status plan_parse_flags(struct plan *p, const struct plan_flags *f,
                             struct diag *d);

#endif
