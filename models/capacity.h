/*
 * capacity: will a workload fit the provider's limits, as it is and as it
 * grows, and when does moving it to batch pay for itself?
 *
 * Three questions, each against the catalogue's dated limits (catalogue.h):
 * - batch packing: how many batches one submission needs, given the most
 *   requests and bytes a batch may hold (request bytes are estimated from the
 *   prompt size with a stated bytes-per-token figure and JSON overhead), and
 *   whether the submission fits the tier's processing-queue limit;
 * - sync feasibility: the requests, input tokens and output tokens per minute
 *   the real-time traffic needs, spread evenly over a working window, against
 *   a tier's RPM / ITPM / OTPM; the binding limit is the most used one;
 * - growth: requests per month compounding at a monthly rate, each month's
 *   bill priced exactly by workload_estimate() from that month's whole
 *   request count, cumulative savings against the migration effort.
 *
 * Invariants:
 * - Every feasibility test is exact integer arithmetic on the exact request
 *   rate (a ratio): a demand exactly at a limit fits, one request more does
 *   not. Utilisations are doubles, for display only.
 * - ITPM counts uncached input and cache writes; cache reads do not count
 *   (Anthropic, current models; see shared/reference/batch-formats.md).
 * - Growth factors are doubles; money never is. A month's requests are the
 *   base monthly requests x factor, rounded half away from zero to a whole
 *   request, and that count is what is priced and checked.
 */
#ifndef BATCHCALC_CAPACITY_H
#define BATCHCALC_CAPACITY_H

#include "catalogue.h"
#include "money.h"
#include "status.h"
#include "workload.h"

#include <stdbool.h>
#include <stdint.h>

struct capacity_settings {
	int64_t bytes_per_token; /* hundredths of a byte per prompt token (400 = 4) */
	int64_t overhead_bytes;  /* JSON around each request in a batch file */
	int64_t window_minutes;  /* minutes a day the sync traffic runs, 1..1440 */
};

/* Whole requests needed for a ratio of requests: the ceiling. */
int64_t capacity_ceil(struct ratio r);

/* Requests per day of a workload under the month convention. */
enum status capacity_requests_per_day(const struct workload *w,
                                      struct ratio month_days, struct ratio *out,
                                      struct diag *d);

/* Bytes of one batch request: ceil(prompt tokens x bytes per token) + overhead. */
int64_t capacity_request_bytes(int64_t input_tokens, const struct capacity_settings *s);

enum batch_bound { BOUND_NONE, BOUND_REQUESTS, BOUND_BYTES };
const char *batch_bound_name(enum batch_bound b); /* "max_requests", "max_bytes" */

struct batch_packing {
	int64_t requests;            /* in one submission */
	int64_t request_bytes;
	int64_t per_batch;           /* requests one batch can hold */
	int64_t batches_by_requests; /* 0 when the provider sets no such limit */
	int64_t batches_by_bytes;
	int64_t batches;             /* what the submission needs */
	enum batch_bound bound;      /* the limit that sets per_batch */
	bool request_too_large;      /* one request alone is above max_bytes */
};

/* Packs `requests` requests of request_bytes each into batches under lim. */
void capacity_pack(int64_t requests, int64_t request_bytes,
                   const struct batch_limits *lim, struct batch_packing *out);

struct queue_fit {
	bool known;       /* a queue limit applies at the tier */
	int64_t limit;
	bool fits;        /* requests <= limit */
	int min_tier;     /* lowest tier of the table that holds them; 0: none */
};

/* Checks `requests` waiting at once against the tier's queue limit (or
 * override_limit when > 0). */
void capacity_queue(int64_t requests, const struct queue_limit_table *t, int tier,
                    int64_t override_limit, struct queue_fit *out);

enum limit_kind { LIMIT_RPM, LIMIT_ITPM, LIMIT_OTPM, LIMIT_KINDS };
const char *limit_name(enum limit_kind k); /* "rpm", "itpm", "otpm" */

/* What traffic asks of the rate limits, per day: requests, tokens counting
 * against ITPM, output tokens. Sums of workloads add (capacity_demand_add). */
struct sync_demand {
	struct ratio per_day[LIMIT_KINDS];
};

/* The demand of requests_per_day requests of w; false when it does not fit. */
bool capacity_demand(const struct workload *w, struct ratio requests_per_day,
                     struct sync_demand *out);
/* sum += add; false when it does not fit. */
bool capacity_demand_add(struct sync_demand *sum, const struct sync_demand *add);

struct tier_fit {
	int64_t limit[LIMIT_KINDS];
	double need[LIMIT_KINDS];  /* per minute, averaged over the window */
	double use[LIMIT_KINDS];   /* need / limit */
	bool over[LIMIT_KINDS];
	bool fits;
	enum limit_kind binding;   /* the most used limit */
};

/* Tokens per request that count against ITPM: uncached input + cache writes. */
int64_t capacity_itpm_tokens(const struct workload *w);

/* Checks demand over window_minutes against one tier's limits. */
void capacity_fit(const struct sync_demand *demand, const struct tier_rate_limit *lim,
                  int64_t window_minutes, struct tier_fit *out);

/* The lowest tier of the group whose limits hold the demand; 0 when none. */
int capacity_min_tier(const struct sync_demand *demand,
                      const struct rate_limit_group *g, int64_t window_minutes);

/* The table in force on `day`; when none is, the latest that ended before
 * it, with *stale set (the caller says so). NULL when there is neither. */
const struct rate_limit_table *capacity_rate_table(const struct provider *p,
                                                   date_days day, bool *stale);
const struct queue_limit_table *capacity_queue_table(const struct provider *p,
                                                     date_days day, bool *stale);
const struct rate_limit_group *capacity_group(const struct rate_limit_table *t,
                                              const char *name);
const struct tier_rate_limit *capacity_tier(const struct rate_limit_group *g,
                                            int tier);

/* ---- growth ---- */

struct projection_month {
	int month;              /* 1 = the profile as it is */
	double factor;          /* (1 + growth)^(month - 1) */
	int64_t requests;       /* of every workload that month, whole */
	money sync, batch, hybrid, savings, cumulative_savings;
};

/*
 * Base monthly requests x factor, rounded half away from zero to a whole
 * request. STATUS_OVERFLOW beyond PROJECTION_MAX_REQUESTS.
 */
#define PROJECTION_MAX_REQUESTS 1000000000000000LL /* 10^15 a month */
enum status capacity_grow(struct ratio requests_per_month, double factor,
                          int64_t *out, struct diag *d);

/*
 * Projects `months` months of the workloads (each priced at prices[i]; a
 * NULL price, a workload without one, counts in the requests and in none of
 * the money, which is then of the priced workloads only) with
 * volumes scaled by `scale` and growing by `growth` a month (-1 < growth).
 * A month at the profile's own volume (factor x scale = 1: month 1 at scale
 * 1) costs exactly what workload_estimate says of the profile; the others
 * are priced from their whole request counts.
 * Fills out[0..months-1] and, when requests is not NULL,
 * requests[month * count + i] with each workload's requests that month.
 */
enum status capacity_project(const struct workload *w,
                             const struct price_entry *const *prices, size_t count,
                             struct ratio month_days, double growth, double scale,
                             int months, struct projection_month *out,
                             int64_t *requests, struct diag *d);

/* First month whose cumulative savings reach cost (0 when cost is 0); -1 when
 * none of the months does. */
int capacity_break_even(const struct projection_month *m, int months, money cost);

/*
 * The smallest whole number of requests a day (the workloads' mix kept) at
 * which the cumulative savings over `horizon` months reach `cost`. *found is
 * false when no volume up to 10^12 a day does (no saving per request).
 */
enum status capacity_min_daily_volume(const struct workload *w,
                                      const struct price_entry *const *prices,
                                      size_t count, struct ratio month_days,
                                      double growth, int horizon, money cost,
                                      int64_t *volume, bool *found,
                                      struct diag *d);

#endif
