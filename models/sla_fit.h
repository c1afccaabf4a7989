/*
 * sla_fit: a latency profile (models/sla.h) learned from a team's own
 * batches, with every batch used and the fit's uncertainty kept.
 *
 * The model, on the log scale: a batch created in UTC hour-of-week h takes
 * ln t ~ N(mu_h, sigma_h^2), and
 *
 *   mu_h = c_h + s_h
 *
 * where c_h is a shape, either the prior profile's log-medians or flat (0),
 * and s_h a random walk around the week (s_h - s_h-1 ~ N(0, kappa^2),
 * Sunday 23:00 next to Monday 00:00) whose level is learned from every
 * batch. Each hour's estimate is its own batches' mean pulled toward what
 * the hours near it and the shape say, the more the fewer batches it has
 * (partial pooling); an hour with none is interpolated from its neighbours.
 * The shape and kappa are not chosen but averaged over: every (shape, kappa)
 * on a fixed grid is weighted by prior x marginal likelihood of the hours'
 * means (empirical Bayes on a grid; Bayesian model averaging of the two
 * shapes, even odds). kappa = 0, the shape at one level, has prior weight
 * 0.8: a weekly pattern beyond the shape must show in the data. So 300
 * batches with no weekly pattern overrule a prior that has one, while a
 * handful in quiet hours leave the prior's peaks in place at the team's
 * level. An hour with at least 5 batches whose mean lies far (about 5
 * standard errors) from what the rest predict is taken as its own (a peak
 * that starts an hour later than the prior says), with a small prior
 * probability so that chance rarely does it.
 *
 * Batches that stopped before finishing (expired, cancelled, still running
 * when listed) are right-censored at the time they stopped: their turnaround
 * is only known to exceed it. They enter through EM: each censored ln t is
 * replaced by its conditional mean and square given ln t > ln c under the
 * current fit (inverse Mills ratio), and it counts toward an hour's
 * precision only as much information as it carries (lambda (lambda - z) of
 * a finished batch's, where z = (ln c - mu_h) / sigma_h).
 *
 * Spreads: sigma_h^2 pools the hour's own residuals (about its own mean)
 * with the common spread as if that were SLA_FIT_HOUR_SPREAD_WEIGHT
 * batches, and the common spread pools every hour's residuals with the
 * prior's mean spread as if that were SLA_FIT_PRIOR_SPREAD_WEIGHT batches
 * (so two batches never claim a spread of zero).
 *
 * Uncertainty: each hour's log-median has a posterior variance (mixed over
 * the grid, the level's uncertainty included); the profile keeps the
 * median's 95% interval exp(mu_h +- 1.96 se_h). In simulation these cover
 * the true median at 87-98% of hours (less with heavy censoring).
 *
 * Deterministic (no sampling; fixed grids and iteration limits) and pure:
 * no I/O, no globals.
 */
#ifndef BATCHCALC_SLA_FIT_H
#define BATCHCALC_SLA_FIT_H

#include "sla.h"
#include "status.h"

#include <stdbool.h>
#include <stddef.h>

#define SLA_FIT_PRIOR_SPREAD_WEIGHT 5.0 /* batches' worth of the prior's spread */
#define SLA_FIT_HOUR_SPREAD_WEIGHT 20.0 /* batches' worth of the common spread */
#define SLA_FIT_MAX_ITERATIONS 2000
#define SLA_Z975 1.959963984540054      /* the standard normal's 97.5th percentile */

/* One batch seen. */
struct sla_fit_observation {
	int hour_of_week;  /* UTC bucket it was created in, 0..167 */
	double hours;      /* > 0: its turnaround, or how long it ran when censored */
	bool censored;     /* stopped before finishing: the turnaround exceeds hours */
};

struct sla_fit {
	/* Every bucket, batches (all, censored included) and the median's 95%
	 * interval; expiry_hours and provider copied from the prior. */
	struct sla_profile profile;
	size_t finished, censored;
	int hours_with_batches;   /* hours of the week with a batch of their own */
	int own_hours;            /* hours whose batches set them apart from the
	                           * hours near them and the shape */
	double prior_shape_weight;/* 0..1: the prior's shape against a flat one */
	double flat_median_hours; /* the flat shape's median, every hour */
	double prior_factor;      /* the prior shape's level: its medians times this */
	double step_sd;           /* kappa: posterior mean sd of the hour-to-hour
	                           * step of the effects (log scale) */
	double spread;            /* the common sigma of ln t */
	int iterations;
	bool converged;           /* EM settled within SLA_FIT_MAX_ITERATIONS */
};

/*
 * Fits n observations (at least one finished) to a profile, with `prior`
 * (all 168 buckets) as the shape to weigh and the spread to start from.
 * STATUS_INPUT when no batch finished (a level cannot be learned from
 * batches only known to be slow) or an observation is out of range.
 */
enum status sla_fit_profile(const struct sla_profile *prior,
                            const struct sla_fit_observation *obs, size_t n,
                            struct sla_fit *out, struct diag *d);

/* phi(z) / (1 - Phi(z)), the mean of a standard normal above z, less z's
 * share: finite for every finite z (an asymptotic series where erfc
 * underflows). */
double sla_fit_mills_ratio(double z);

#endif
