/*
 * workload: a recurring job described by volume and average token counts, and
 * what it costs per month on the real-time API, on the Batch API, and as a
 * hybrid that sends batch_share of it to batch.
 *
 * Months are a convention, not a calendar: month_days days (30 by default, the
 * seed article's), a week is 7 days and a year is 12 months. Requests per month
 * are kept as an exact ratio so that 200 a week is 6000/7 a month, not a
 * rounded 857.
 *
 * Request sizes: without input_tokens_p95 every request has the average size.
 * With it, total prompt sizes are lognormal with that mean and 95th percentile,
 * and the long-context cliff is priced over the distribution: the share of
 * requests above the threshold pays long-context rates on all its tokens. The
 * probabilities are binary floating point; the money stays exact (money.h).
 */
#ifndef BATCHCALC_WORKLOAD_H
#define BATCHCALC_WORKLOAD_H

#include "catalogue.h"
#include "cost.h"
#include "money.h"
#include "status.h"

#include <stdbool.h>
#include <stdint.h>

enum period { PERIOD_HOUR, PERIOD_DAY, PERIOD_WEEK, PERIOD_MONTH, PERIOD_YEAR };

bool period_parse(const char *text, enum period *out);
const char *period_name(enum period p);

struct ratio {
	int64_t num, den; /* den > 0 */
};

/* a + b, reduced to lowest terms; false (out untouched) when it does not fit. */
bool ratio_add(struct ratio a, struct ratio b, struct ratio *out);

/* a x b, reduced; false (out untouched) when it does not fit. */
bool ratio_mul(struct ratio a, struct ratio b, struct ratio *out);

#define SHARE_SCALE 1000000 /* batch_share in parts per million */

struct workload {
	char *name;
	char *model;                 /* as written; resolved against the catalogue */
	long line;                   /* where the profile defines it, 0 if built */
	int64_t volume;
	enum period period;
	int64_t input_tokens;        /* average TOTAL prompt, cached parts included */
	int64_t output_tokens;
	int64_t cache_read_tokens;
	int64_t cache_write_tokens;  /* 5-minute cache writes */
	int64_t cache_write_1h_tokens;
	int64_t cache_write_30m_tokens; /* OpenAI 30-minute cache writes */
	int64_t cache_write_12h_tokens; /* OpenAI 12-hour cache writes */
	char *service_tier;          /* NULL: standard (and batch) */
	char *inference_geo;         /* NULL: global; "us": US-only uplift */
	int64_t batch_share;         /* 0..SHARE_SCALE; SHARE_SCALE = all batch */
	int64_t input_tokens_p95;    /* 0: every request is the average size */
};

struct workload_estimate {
	struct ratio requests_per_month;
	money request_sync, request_batch; /* expected cost of one request */
	money sync, batch, hybrid, savings; /* per month; savings = sync - hybrid */
	double long_context_share;          /* requests above the cliff, 0..1 */
	bool used_derived;                  /* a derived batch rate was used */
};

/* Requests per month under a month of month_days days (an exact ratio). */
enum status workload_requests_per_month(const struct workload *w,
                                        struct ratio month_days,
                                        struct ratio *out, struct diag *d);

/*
 * Share of requests, and share of prompt tokens, above `threshold` when prompt
 * sizes are lognormal with the given mean and p95 (p95 >= mean; equal means
 * every request is the mean). Fails when no lognormal has that mean and p95:
 * its p95 is at most e^(1.645^2/2), about 3.87 times its mean.
 */
enum status lognormal_tail(double mean, double p95, double threshold,
                           double *request_share, double *token_share,
                           struct diag *d);

/* The request's exclusive token classes (cost.h) from the workload's
 * averages: the total prompt less every cache part. */
enum status workload_tokens(const struct workload *w, struct token_counts *out,
                            struct diag *d);

enum status workload_estimate(const struct workload *w,
                              const struct price_entry *price,
                              struct ratio month_days,
                              struct workload_estimate *out, struct diag *d);

/* The hybrid plan's cost: batch_share (parts per million) of `batch`, the
 * rest of `sync`, each part rounded at the picodollar. */
money workload_hybrid(money sync, money batch, int64_t batch_share,
                      bool *overflow);

void workload_release(struct workload *w);

#endif
