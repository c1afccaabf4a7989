/* sla_fit: calibration recovers known turnarounds from generated histories
 * (issue 17): sparse and dense, with and without censoring. */
#include "../../calc/latency.h"
#include "../../models/sla_fit.h"

#include "suite.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A reproducible generator (xorshift64*), so draws are the same everywhere. */
static double uniform(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return ((double)((*state * 2685821657736338717ULL) >> 11) + 0.5) /
	       9007199254740992.0;
}

static struct sla_profile prior;

static void load_prior(void)
{
	struct diag d;

	ck_assert_int_eq(latency_load_builtin(&prior, &d), STATUS_OK);
}

/* How a history is made: the true median of each hour, one spread, and
 * what stops a batch before it finishes. */
struct truth {
	double median[SLA_WEEK_HOURS];
	double sigma;
	double expiry;        /* a batch not done by then is censored there */
	double cancel_share;  /* this share is cancelled at a uniform time in
	                       * [0, cancel_within] hours, if not done by then */
	double cancel_within;
};

static void flat_truth(struct truth *t, double median)
{
	memset(t, 0, sizeof *t);
	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		t->median[h] = median;
	t->sigma = 0.7;  /* p95 about 3.2 times the median */
	t->expiry = INFINITY;
}

/* n batches created at uniform times over four weeks. */
static void history(const struct truth *t, uint64_t seed, struct sla_fit_observation *obs,
                    size_t n)
{
	uint64_t state = seed * 0x9E3779B97F4A7C15ULL + 1;

	for (size_t i = 0; i < n; i++) {
		int h = (int)(uniform(&state) * 28 * 24) % SLA_WEEK_HOURS;
		double hours = t->median[h] * exp(t->sigma * sla_normal_quantile(uniform(&state)));
		double stop = t->expiry;

		if (t->cancel_share > 0 && uniform(&state) < t->cancel_share)
			stop = fmin(stop, uniform(&state) * t->cancel_within);
		obs[i].hour_of_week = h;
		obs[i].censored = hours > stop;
		obs[i].hours = obs[i].censored ? fmax(stop, 1.0 / 3600) : hours;
	}
}

/* The largest relative error of any hour's fitted median. */
static double worst_error(const struct sla_fit *f, const struct truth *t)
{
	double worst = 0.0;

	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		worst = fmax(worst, fabs(f->profile.bucket[h].median_hours / t->median[h] - 1));
	return worst;
}

/* Fits `histories` generated histories of n batches; returns how many have
 * every hour's median within `tolerance` of the truth. */
static int histories_within(const struct truth *t, size_t n, int histories,
                            double tolerance, double *censored_share)
{
	struct sla_fit_observation *obs = calloc(n, sizeof *obs);
	struct sla_fit *f = malloc(sizeof *f);
	size_t censored = 0;
	int good = 0;
	struct diag d;

	for (int k = 0; k < histories; k++) {
		history(t, (uint64_t)k + 1, obs, n);
		ck_assert_int_eq(sla_fit_profile(&prior, obs, n, f, &d), STATUS_OK);
		ck_assert(f->converged);
		censored += f->censored;
		good += worst_error(f, t) <= tolerance;
	}
	if (censored_share)
		*censored_share = (double)censored / (double)(n * (size_t)histories);
	free(obs);
	free(f);
	return good;
}

START_TEST(three_hundred_batches_of_a_2h_median_calibrate_every_hour_within_10_percent)
{
	struct truth t;

	/* The prior says 0.5 h to 6 h by hour; the team's batches take 2 h at any
	 * hour. About two batches an hour: the level comes from all of them. In
	 * simulation about 97 histories in 100 meet 10% at all 168 hours (a level
	 * estimated from 300 draws is itself 10% out about once in 100). */
	load_prior();
	flat_truth(&t, 2.0);
	ck_assert_int_ge(histories_within(&t, 300, 20, 0.10, NULL), 18);
	ck_assert_int_eq(histories_within(&t, 300, 20, 0.20, NULL), 20);
}
END_TEST

START_TEST(half_censored_at_the_24h_expiry_still_finds_the_median_within_15_percent)
{
	struct truth t;
	double share;

	/* A 24 h median capped by a 24 h expiry: half the batches expire, and
	 * only their having run 24 h is known. Dropping them would put every
	 * median near 14 h (the mean of ln t below its median is 0.8 sigma
	 * lower). */
	load_prior();
	flat_truth(&t, 24.0);
	t.expiry = 24.0;
	ck_assert_int_ge(histories_within(&t, 300, 10, 0.15, &share), 9);
	ck_assert_double_gt(share, 0.45);
	ck_assert_double_lt(share, 0.55);
}
END_TEST

START_TEST(batches_cancelled_early_still_count_as_slower_than_when_they_stopped)
{
	struct truth t;
	double share;

	/* Half the batches are cancelled at a random time in the first 4 h: the
	 * slow ones among them are censored, the fast ones finished first. */
	load_prior();
	flat_truth(&t, 2.0);
	t.cancel_share = 1.0;
	t.cancel_within = 4.0;
	ck_assert_int_ge(histories_within(&t, 300, 10, 0.15, &share), 9);
	ck_assert_double_gt(share, 0.25);
}
END_TEST

START_TEST(dense_history_in_the_prior_shape_recovers_every_hour)
{
	struct truth t;
	struct sla_fit_observation *obs = calloc(3000, sizeof *obs);
	struct sla_fit *f = malloc(sizeof *f);
	struct diag d;

	/* 3000 batches whose medians are the prior's times 1.5 (its Monday peak,
	 * its quiet weekends): the prior's shape wins and every hour is close. */
	load_prior();
	memset(&t, 0, sizeof t);
	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		t.median[h] = 1.5 * prior.bucket[h].median_hours;
	t.sigma = 0.7;
	t.expiry = INFINITY;
	history(&t, 7, obs, 3000);
	ck_assert_int_eq(sla_fit_profile(&prior, obs, 3000, f, &d), STATUS_OK);
	ck_assert_double_gt(f->prior_shape_weight, 0.99);
	ck_assert_double_eq_tol(f->prior_factor, 1.5, 0.05);
	ck_assert_double_lt(worst_error(f, &t), 0.10);
	ck_assert_int_eq(f->hours_with_batches, 168);
	free(obs);
	free(f);
}
END_TEST

START_TEST(dense_flat_history_overrules_the_prior_shape)
{
	struct truth t;

	load_prior();
	flat_truth(&t, 2.0);
	ck_assert_int_eq(histories_within(&t, 3000, 5, 0.10, NULL), 5);
}
END_TEST

START_TEST(batches_in_a_few_hours_inform_the_hours_near_them_most)
{
	struct sla_fit_observation obs[60];
	struct sla_fit f;
	struct truth t;
	struct diag d;
	const int tue = 24;

	/* 60 batches, all Tuesday 02:00-04:59 UTC, at 3 times the prior there
	 * (0.75 h). */
	load_prior();
	flat_truth(&t, 2.25);
	history(&t, 3, obs, 60);
	for (int i = 0; i < 60; i++)
		obs[i].hour_of_week = tue + 2 + i % 3;
	ck_assert_int_eq(sla_fit_profile(&prior, obs, 60, &f, &d), STATUS_OK);
	ck_assert_int_eq(f.hours_with_batches, 3);
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		const struct sla_profile *p = &f.profile;
		ck_assert_int_eq(p->batches[h], h >= tue + 2 && h <= tue + 4 ? 20 : 0);
		ck_assert(p->median_low[h] <= p->bucket[h].median_hours);
		ck_assert(p->median_high[h] >= p->bucket[h].median_hours);
	}
	/* Where the data are, the median is theirs... */
	ck_assert_double_eq_tol(f.profile.bucket[tue + 3].median_hours, 2.25, 0.25 * 2.25);
	/* ...and the interval grows with the distance from them. */
	ck_assert_double_lt(f.profile.median_high[tue + 3] / f.profile.median_low[tue + 3],
	                    f.profile.median_high[tue + 12] / f.profile.median_low[tue + 12]);
	ck_assert_double_lt(f.profile.median_high[tue + 12] / f.profile.median_low[tue + 12],
	                    f.profile.median_high[5 * 24] / f.profile.median_low[5 * 24]);
}
END_TEST

START_TEST(intervals_cover_the_true_median_about_95_percent_of_the_time)
{
	struct sla_fit_observation obs[300];
	struct sla_fit *f = malloc(sizeof *f);
	struct truth t;
	struct diag d;
	int covered = 0, total = 0;

	load_prior();
	flat_truth(&t, 2.0);
	for (uint64_t k = 1; k <= 10; k++) {
		history(&t, k, obs, 300);
		ck_assert_int_eq(sla_fit_profile(&prior, obs, 300, f, &d), STATUS_OK);
		for (int h = 0; h < SLA_WEEK_HOURS; h++, total++)
			covered += f->profile.median_low[h] <= 2.0 && 2.0 <= f->profile.median_high[h];
	}
	ck_assert_double_gt((double)covered / total, 0.90);
	free(f);
}
END_TEST

START_TEST(the_fit_is_deterministic)
{
	struct sla_fit_observation obs[300];
	struct sla_fit *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	struct truth t;
	struct diag d;

	load_prior();
	flat_truth(&t, 2.0);
	t.expiry = 3.0;
	history(&t, 11, obs, 300);
	ck_assert_int_eq(sla_fit_profile(&prior, obs, 300, a, &d), STATUS_OK);
	ck_assert_int_eq(sla_fit_profile(&prior, obs, 300, b, &d), STATUS_OK);
	ck_assert(memcmp(&a->profile, &b->profile, sizeof a->profile) == 0);
	free(a);
	free(b);
}
END_TEST

START_TEST(no_finished_batch_is_an_error_not_a_guess)
{
	struct sla_fit_observation obs[2] = {{5, 24.0, true}, {6, 24.0, true}};
	struct sla_fit f;
	struct diag d;

	load_prior();
	ck_assert_int_eq(sla_fit_profile(&prior, obs, 2, &f, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "expected at least one batch that finished, found 2 "
	                 "that all stopped before finishing (a level cannot be learned "
	                 "from batches only known to be slower than when they stopped)");
	obs[0].censored = false;
	obs[0].hours = 0.0;
	ck_assert_int_eq(sla_fit_profile(&prior, obs, 2, &f, &d), STATUS_INPUT);
	obs[0].hours = 1.0;
	ck_assert_int_eq(sla_fit_profile(&prior, obs, 2, &f, &d), STATUS_OK);
	/* One batch is a level, not a pattern: every hour follows it. */
	ck_assert_int_eq(f.hours_with_batches, 2);
	ck_assert(f.profile.bucket[100].median_hours > 0.0);
}
END_TEST

START_TEST(mills_ratio_is_finite_and_accurate_in_both_tails)
{
	/* phi(z) / (1 - Phi(z)): 0.7978845608 at 0, about z + 1/z far out. */
	ck_assert_double_eq_tol(sla_fit_mills_ratio(0.0), 0.7978845608028654, 1e-12);
	ck_assert_double_eq_tol(sla_fit_mills_ratio(-40.0), 0.0, 1e-300);
	for (double z = 29.5; z < 30.5; z += 0.25)
		ck_assert_double_eq_tol(sla_fit_mills_ratio(z), z + 1.0 / z - 2.0 / (z * z * z),
		                        1e-6);
	ck_assert(isfinite(sla_fit_mills_ratio(1e6)));
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		three_hundred_batches_of_a_2h_median_calibrate_every_hour_within_10_percent,
		half_censored_at_the_24h_expiry_still_finds_the_median_within_15_percent,
		batches_cancelled_early_still_count_as_slower_than_when_they_stopped,
		dense_history_in_the_prior_shape_recovers_every_hour,
		dense_flat_history_overrules_the_prior_shape,
		batches_in_a_few_hours_inform_the_hours_near_them_most,
		intervals_cover_the_true_median_about_95_percent_of_the_time,
		the_fit_is_deterministic,
		no_finished_batch_is_an_error_not_a_guess,
		mills_ratio_is_finite_and_accurate_in_both_tails,
	};
	return RUN_SUITE("sla_fit", tests);
}
