/* sla: the turnaround model's properties (issue 4). */
#include "../../calc/latency.h"
#include "../../models/sla.h"

#include "suite.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

static const struct sla_turnaround peak = {6.0, 20.0};
static const struct sla_turnaround quiet = {0.5, 1.5};

START_TEST(inverse_normal_round_trips_through_the_cdf)
{
	ck_assert_double_eq_tol(sla_normal_quantile(0.975), 1.959963984540054, 1e-14);
	ck_assert_double_eq_tol(sla_normal_quantile(0.5), 0.0, 1e-15);
	ck_assert_double_eq_tol(sla_normal_quantile(0.95), SLA_Z95, 1e-14);
	/* across the approximation's three regions and their borders */
	for (double lp = -12; lp <= -0.31; lp += 0.01) {
		double p = pow(10, lp);
		ck_assert_double_eq_tol(sla_normal_cdf(sla_normal_quantile(p)), p, p * 1e-12);
		/* 1 - p itself is rounded; below 1e-4 that rounding dominates */
		if (p >= 1e-4)
			ck_assert_double_eq_tol(sla_normal_quantile(1 - p),
			                        -sla_normal_quantile(p), 1e-10);
	}
	ck_assert_double_eq_tol(sla_normal_cdf(sla_normal_quantile(0.02425)), 0.02425, 1e-15);
	ck_assert(isinf(sla_normal_quantile(0.0)) && sla_normal_quantile(0.0) < 0);
	ck_assert(isinf(sla_normal_quantile(1.0)) && sla_normal_quantile(1.0) > 0);
}
END_TEST

START_TEST(median_and_p95_are_where_the_profile_says)
{
	ck_assert_double_eq_tol(sla_finish_by(&peak, 24, 6.0), 0.5, 1e-15);
	ck_assert_double_eq_tol(sla_finish_by(&peak, 24, 20.0), 0.95, 1e-14);
	ck_assert(sla_finish_by(&peak, 24, 0.0) == 0.0);
}
END_TEST

START_TEST(p_meet_never_falls_as_the_deadline_moves_later)
{
	const struct sla_turnaround *buckets[2] = {&peak, &quiet};

	for (int b = 0; b < 2; b++) {
		double last = 0.0;
		for (double t = 0.0; t <= 48.0; t += 0.05) {
			double p = sla_finish_by(buckets[b], 24, t);
			ck_assert_msg(p >= last, "p_meet fell from %g to %g at %g h", last, p, t);
			ck_assert(p >= 0.0 && p <= 1.0);
			last = p;
		}
	}
}
END_TEST

START_TEST(deadline_past_expiry_gives_one_minus_expired_share)
{
	double expired = sla_expired_share(&peak, 24);

	ck_assert(expired > 0.02 && expired < 0.04); /* about 3% on the Monday peak */
	/* exactly at the expiry, one hour over, a day over */
	ck_assert_double_eq_tol(sla_finish_by(&peak, 24, 24.0), 1.0 - expired, 1e-15);
	ck_assert_double_eq_tol(sla_finish_by(&peak, 24, 25.0), 1.0 - expired, 1e-15);
	ck_assert_double_eq_tol(sla_finish_by(&peak, 24, 48.0), 1.0 - expired, 1e-15);
	/* one minute before it, the deadline still binds */
	ck_assert(sla_finish_by(&peak, 24, 24.0 - 1.0 / 60) < 1.0 - expired);
}
END_TEST

START_TEST(all_of_n_batches_is_one_batch_to_the_nth)
{
	struct sla_profile p;
	struct sla_submission s = {10, 3.0};

	p.expiry_hours = 24;
	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		p.bucket[h] = peak;
	ck_assert_double_eq_tol(sla_meet(&p, &s, 5), pow(sla_meet(&p, &s, 1), 5), 1e-15);
	/* the last of n finishes at F^-1(q^(1/n)) */
	ck_assert_double_eq_tol(sla_finish_by(&peak, 24, sla_quantile(&p, &s, 1, 4, 0.5)),
	                        pow(0.5, 0.25), 1e-9);
}
END_TEST

START_TEST(quantiles_of_one_bucket_are_the_lognormal_quantiles)
{
	struct sla_profile p;
	struct sla_submission s = {0, 4.0};
	double sigma = (log(20.0) - log(6.0)) / SLA_Z95;

	p.expiry_hours = 24;
	p.bucket[0] = peak;
	ck_assert_double_eq_tol(sla_quantile(&p, &s, 1, 1, 0.5), 6.0, 1e-8);
	ck_assert_double_eq_tol(sla_quantile(&p, &s, 1, 1, 0.9),
	                        6.0 * exp(sigma * sla_normal_quantile(0.9)), 1e-8);
	/* 3% expire, so the 99th percentile is never reached */
	ck_assert(isinf(sla_quantile(&p, &s, 1, 1, 0.99)));
}
END_TEST

START_TEST(hour_of_week_starts_on_monday_utc)
{
	ck_assert_int_eq(sla_hour_of_week(0), 72);               /* Thu 1970-01-01 */
	ck_assert_int_eq(sla_hour_of_week(1795392000), 0);       /* Mon 2026-11-23 00:00Z */
	ck_assert_int_eq(sla_hour_of_week(1795392000 - 1), 167); /* Sun 23:59:59 */
	ck_assert_int_eq(sla_hour_of_week(-1), 71);
}
END_TEST

START_TEST(off_peak_beats_peak_on_the_default_profile)
{
	struct sla_profile p;
	struct diag d;
	const int monday_10_et = 15, saturday_10_et = 5 * 24 + 15;

	ck_assert_int_eq(latency_load_builtin(&p, &d), STATUS_OK);
	p.expiry_hours = 24;
	for (double t = 0.25; t <= 24; t += 0.25) {
		struct sla_submission on = {monday_10_et, t}, off = {saturday_10_et, t};
		ck_assert(sla_meet(&p, &off, 1) > sla_meet(&p, &on, 1));
	}
	ck_assert(sla_expired_share(&p.bucket[saturday_10_et], 24) <
	          sla_expired_share(&p.bucket[monday_10_et], 24));
}
END_TEST

START_TEST(an_interval_moves_every_median_and_keeps_the_spread)
{
	struct sla_profile p, slow, fast;
	struct diag d;
	struct sla_submission s = {15, 4.0};

	ck_assert_int_eq(latency_load_builtin(&p, &d), STATUS_OK);
	p.expiry_hours = 24;
	ck_assert(!sla_profile_has_interval(&p));
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		p.median_low[h] = p.bucket[h].median_hours / 2;
		p.median_high[h] = p.bucket[h].median_hours * 2;
	}
	ck_assert(sla_profile_has_interval(&p));
	sla_profile_at_bound(&p, true, &slow);
	sla_profile_at_bound(&p, false, &fast);
	ck_assert_double_eq_tol(slow.bucket[15].median_hours, 12.0, 1e-12);
	ck_assert_double_eq_tol(slow.bucket[15].p95_hours, 40.0, 1e-12);
	ck_assert_double_eq_tol(fast.bucket[15].median_hours, 3.0, 1e-12);
	ck_assert_double_eq_tol(fast.bucket[15].p95_hours, 10.0, 1e-12);
	/* Slower medians can only lower the chance of a deadline. */
	ck_assert_double_lt(sla_meet(&slow, &s, 1), sla_meet(&p, &s, 1));
	ck_assert_double_lt(sla_meet(&p, &s, 1), sla_meet(&fast, &s, 1));
	p.median_low[7] = 0.0; /* one hour without: no interval at all */
	ck_assert(!sla_profile_has_interval(&p));
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		inverse_normal_round_trips_through_the_cdf,
		median_and_p95_are_where_the_profile_says,
		p_meet_never_falls_as_the_deadline_moves_later,
		deadline_past_expiry_gives_one_minus_expired_share,
		all_of_n_batches_is_one_batch_to_the_nth,
		quantiles_of_one_bucket_are_the_lognormal_quantiles,
		hour_of_week_starts_on_monday_utc,
		off_peak_beats_peak_on_the_default_profile,
		an_interval_moves_every_median_and_keeps_the_spread,
	};
	return RUN_SUITE("sla", tests);
}
