/*
 * sla: when batch results come back, and how likely a deadline is met.
 *
 * A latency profile gives, for each hour of the week in UTC (0 = Monday
 * 00:00-00:59 UTC ... 167 = Sunday 23:00-23:59 UTC), the turnaround of a batch
 * submitted in that hour as a lognormal distribution named by its median and
 * 95th percentile, in hours. The provider's expiry is a hard cap: a batch not
 * finished `expiry_hours` after creation is expired (not billed, to be
 * resubmitted). So for a batch submitted in bucket b,
 *   P(finished within t hours) = F_b(min(t, expiry))
 *   expired share              = 1 - F_b(expiry)
 * where F_b is the lognormal CDF, computed analytically with erfc().
 *
 * Several batches that must all finish are taken as independent draws from
 * the same bucket: P(all n finish within t) = P(one)^n, and their common
 * turnaround (the last to finish) has the quantile F^-1(q^(1/n)).
 *
 * A profile may carry, per hour, the 95% interval of its median (from a fit,
 * models/sla_fit.h), and names the provider whose batches it describes.
 *
 * A schedule is a list of submissions (bucket, hours until the deadline);
 * week figures weight every submission equally. A quantile that lies past
 * the expiry (the batch is more likely expired than finished by then) is
 * INFINITY.
 *
 * Pure: no I/O, no globals; probabilities are doubles, never money.
 */
#ifndef BATCHCALC_SLA_H
#define BATCHCALC_SLA_H

#include "status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SLA_WEEK_HOURS 168
#define SLA_Z95 1.6448536269514722 /* the standard normal's 95th percentile */

struct sla_turnaround {
	double median_hours; /* > 0 */
	double p95_hours;    /* > median_hours */
};

#define SLA_PROVIDER_SIZE 32

struct sla_profile {
	struct sla_turnaround bucket[SLA_WEEK_HOURS];
	int64_t batches[SLA_WEEK_HOURS]; /* batches created in that hour behind it */
	/* The median's 95% interval, low < median < high; 0 when not stated. */
	double median_low[SLA_WEEK_HOURS], median_high[SLA_WEEK_HOURS];
	char provider[SLA_PROVIDER_SIZE]; /* catalogue provider id; "" unnamed */
	double expiry_hours;             /* > 0 */
};

struct sla_submission {
	int hour_of_week;     /* the UTC bucket the batch is created in */
	double window_hours;  /* from creation to the deadline, > 0 */
};

struct sla_summary {
	double p_meet;        /* P(every batch finishes by the deadline) */
	double p50_hours, p90_hours, p99_hours; /* of the last batch to finish */
	double expired_share; /* expected share of the work that expires */
};

/* The standard normal CDF, via erfc (accurate in both tails). */
double sla_normal_cdf(double z);

/* Its inverse for p in (0, 1): Acklam's rational approximation refined by one
 * Halley step, good to about 1e-15 relative. */
double sla_normal_quantile(double p);

/* Hour of the week (0 = Monday 00:00 UTC) of a time in seconds since the epoch. */
int sla_hour_of_week(int64_t utc_seconds);

/* P(one batch finishes within t hours), with the expiry cap. */
double sla_finish_by(const struct sla_turnaround *b, double expiry_hours,
                     double t_hours);

double sla_expired_share(const struct sla_turnaround *b, double expiry_hours);

/* P(all `batches` finish by the deadline) for one submission. */
double sla_meet(const struct sla_profile *p, const struct sla_submission *s,
                int batches);

/*
 * The q-quantile (0 < q < 1) of the turnaround of the last of `batches`
 * batches, over the equally weighted mixture of n submissions: the t with
 * mean(P(all finish within t)) = q, found by bisection to 1e-9 hours.
 * INFINITY when q is not reached before the expiry.
 */
double sla_quantile(const struct sla_profile *p, const struct sla_submission *s,
                    size_t n, int batches, double q);

/* p_meet, quantiles and expired share over n >= 1 equally weighted submissions. */
void sla_summarize(const struct sla_profile *p, const struct sla_submission *s,
                   size_t n, int batches, struct sla_summary *out);

/* True when every hour states the 95% interval of its median. */
bool sla_profile_has_interval(const struct sla_profile *p);

/*
 * p with every hour's median moved to the end of its 95% interval (high:
 * slower, the pessimistic profile; otherwise faster), the spread of each
 * hour kept: the profiles an interval for p_meet is computed on. Hours
 * without an interval stay as they are.
 */
void sla_profile_at_bound(const struct sla_profile *p, bool high,
                          struct sla_profile *out);

#endif
