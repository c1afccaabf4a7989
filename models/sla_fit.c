#include "sla_fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An hour whose batches carry less information than this (all censored far
 * below its median) has, for the shrinkage, no data of its own. */
#define MIN_INFORMATION 1e-9
#define MIN_SPREAD 0.01            /* sigma of ln t: p95 stays above the median */
#define TOLERANCE 1e-10            /* EM stops when no mu_h or sigma_h moves more */

/* The range a latency profile file can hold (calc/latency.h). */
#define MIN_MEDIAN_HOURS 0.001
#define MAX_HOURS 1000.0

double sla_fit_mills_ratio(double z)
{
	if (z > 30.0) {
		/* 1 - Phi(z) = phi(z)/z (1 - 1/z^2 + 3/z^4 - 15/z^6 + ...). */
		double r = 1.0 / (z * z);
		return z / (1.0 - r + 3.0 * r * r - 15.0 * r * r * r);
	}
	return exp(-0.5 * z * z) / 2.5066282746310002 / (0.5 * erfc(z / sqrt(2.0)));
}

/*
 * The hour effects delta_h = mu_h - c_h (c the shape) follow a random walk
 * around the week: delta_h - delta_h-1 ~ N(0, kappa^2), cyclic (Sunday
 * 23:00 neighbours Monday 00:00), with a flat prior on their level. So an
 * hour borrows from the hours near it, an hour with no batches is
 * interpolated from its neighbours, and noise (which does not vary
 * smoothly) is not taken for a weekly pattern. (Independent normal hour
 * effects were tried: with two batches an hour they read chance as pattern
 * in one history of ten, and still did not let an hour with plenty of
 * batches leave a misplaced step of the prior; own_hour() does that.)
 *
 * kappa is not plugged in but averaged over: every pair of shape (flat or
 * the prior's) and kappa on a fixed grid gets a weight proportional to
 * prior x likelihood of the hours' means (effects and level integrated
 * out). kappa's prior puts KAPPA_ZERO_PRIOR on kappa = 0 (no hour effects:
 * the shape at one level) and spreads the rest evenly over log kappa from
 * 0.001 to 3; the two shapes have even odds. So a weekly pattern is
 * believed only as far as the data show one: of 200 generated histories of
 * 300 batches with no pattern, 6 had an hour more than 10% off with 0.5 on
 * kappa = 0, and 3 with 0.8 (the level itself, from 300 draws, is that far
 * off about once in a hundred).
 */
#define KAPPA_GRID 36     /* 0, then 0.001 to 3 (10 points a decade) */
#define KAPPA_ZERO_PRIOR 0.8

static double kappa_at(int k)
{
	return k == 0 ? 0.0 : 0.001 * pow(3000.0, (double)(k - 1) / (KAPPA_GRID - 2));
}

/*
 * The posterior of the hour effects for one (shape, kappa): precision
 * P = L / kappa^2 + D, where L is the cycle's graph Laplacian and D holds
 * 1 / v_h for hours with data (0 otherwise). P is symmetric cyclic
 * tridiagonal: factored as the tridiagonal T plus a rank-one correction
 * (Sherman-Morrison), so a solve is O(hours).
 */
struct cyclic {
	double off;                   /* every off-diagonal entry, -1 / kappa^2 */
	double t[SLA_WEEK_HOURS];     /* T's diagonal */
	double m[SLA_WEEK_HOURS];     /* T's LU pivots */
	double l[SLA_WEEK_HOURS];     /* T's LU multipliers */
	double z[SLA_WEEK_HOURS];     /* T^-1 u */
	double gamma, vz;             /* u = (gamma, 0.., off), v = (1, 0.., off/gamma) */
	double log_det;               /* log det P */
};

static void tridiagonal_solve(const struct cyclic *c, const double *b, double *y)
{
	int n = SLA_WEEK_HOURS;

	y[0] = b[0];
	for (int i = 1; i < n; i++)
		y[i] = b[i] - c->l[i] * y[i - 1];
	y[n - 1] /= c->m[n - 1];
	for (int i = n - 2; i >= 0; i--)
		y[i] = (y[i] - c->off * y[i + 1]) / c->m[i];
}

static void cyclic_factor(struct cyclic *c, const double *diag, double kappa2)
{
	int n = SLA_WEEK_HOURS;
	double u[SLA_WEEK_HOURS] = {0};

	c->off = -1.0 / kappa2;
	c->gamma = -diag[0];
	for (int i = 0; i < n; i++)
		c->t[i] = diag[i];
	c->t[0] -= c->gamma;
	c->t[n - 1] -= c->off * c->off / c->gamma;
	c->m[0] = c->t[0];
	c->log_det = log(c->m[0]);
	for (int i = 1; i < n; i++) {
		c->l[i] = c->off / c->m[i - 1];
		c->m[i] = c->t[i] - c->l[i] * c->off;
		c->log_det += log(c->m[i]);
	}
	u[0] = c->gamma;
	u[n - 1] = c->off;
	tridiagonal_solve(c, u, c->z);
	c->vz = c->z[0] + c->off / c->gamma * c->z[n - 1];
	c->log_det += log(1.0 + c->vz);
}

static void cyclic_solve(const struct cyclic *c, const double *b, double *x)
{
	int n = SLA_WEEK_HOURS;
	double f;

	tridiagonal_solve(c, b, x);
	f = (x[0] + c->off / c->gamma * x[n - 1]) / (1.0 + c->vz);
	for (int i = 0; i < n; i++)
		x[i] -= f * c->z[i];
}

/*
 * The diagonal of P^-1 (P as last factored): T^-1's diagonal from T's
 * forward and backward pivots, 1 / (m_i + b_i - t_i), less the rank-one
 * correction T^-1 u v' T^-1 / (1 + v' T^-1 u).
 */
static void cyclic_diagonal(const struct cyclic *c, double *out)
{
	int n = SLA_WEEK_HOURS;
	double back[SLA_WEEK_HOURS], v[SLA_WEEK_HOURS] = {0}, w[SLA_WEEK_HOURS];

	back[n - 1] = c->t[n - 1];
	for (int i = n - 2; i >= 0; i--)
		back[i] = c->t[i] - c->off * c->off / back[i + 1];
	v[0] = 1.0;
	v[n - 1] = c->off / c->gamma;
	tridiagonal_solve(c, v, w);
	for (int h = 0; h < n; h++)
		out[h] = 1.0 / (c->m[h] + back[h] - c->t[h]) - c->z[h] * w[h] / (1.0 + c->vz);
}

/* One (shape, kappa): the hour effects' posterior mean and weight. */
struct hyper {
	double kappa2;
	double loglik;                 /* log of prior x likelihood, unnormalized */
	double weight;                 /* posterior weight, over every pair */
	double delta[SLA_WEEK_HOURS];  /* posterior mean of mu_h - c_h */
};

/*
 * Log of the likelihood of the hours' means r[h] (data minus the shape;
 * p[h] = 1 / v_h, 0 for an hour without data) given kappa, the effects and
 * the level integrated out; fills delta. The effects' posterior has
 * precision P = L / kappa^2 + D, L the cycle's graph Laplacian and D the
 * p[h] on its diagonal. Constants common to every pair are left out. var,
 * when not NULL, receives each hour's posterior variance of delta_h.
 */
static double hyper_fit(const double *r, const double *p, struct hyper *x,
                        struct cyclic *c, double *var)
{
	int n = SLA_WEEK_HOURS;
	double q = 0.0;

	if (x->kappa2 == 0.0) {
		double sw = 0.0, swr = 0.0, a;
		for (int h = 0; h < n; h++) {
			sw += p[h];
			swr += p[h] * r[h];
		}
		a = swr / sw;
		for (int h = 0; h < n; h++) {
			x->delta[h] = a;
			q += p[h] * (r[h] - a) * (r[h] - a);
			if (var)
				var[h] = 1.0 / sw;
		}
		return -0.5 * q - 0.5 * log(sw);
	} else {
		double diag[SLA_WEEK_HOURS], b[SLA_WEEK_HOURS];
		for (int h = 0; h < n; h++) {
			diag[h] = 2.0 / x->kappa2 + p[h];
			b[h] = p[h] * r[h];
		}
		cyclic_factor(c, diag, x->kappa2);
		cyclic_solve(c, b, x->delta);
		for (int h = 0; h < n; h++) {
			double step = x->delta[h] - x->delta[h == 0 ? n - 1 : h - 1];
			double e = r[h] - x->delta[h];
			q += step * step / x->kappa2 + p[h] * e * e;
		}
		if (var)
			cyclic_diagonal(c, var);
		/* The random walk's normalizing constant: its pseudo-determinant is
		 * n^2 / kappa^(2 (n - 1)); with the flat level's per-hour scale
		 * this leaves (1/2) log n - (n - 1) log kappa. */
		return -0.5 * q - 0.5 * c->log_det + 0.5 * log((double)n) -
		       0.5 * (n - 1) * log(x->kappa2);
	}
}

/*
 * An hour may also be unlike its neighbours and the shape (a peak that
 * starts an hour later than the prior says): with prior probability
 * OWN_PRIOR its log-median is its own, N(what the rest predict, OWN_SD^2)
 * wide. Its posterior probability of that comes from how far its own mean
 * ybar (variance v) lies from what the other hours predict; chance alone
 * rarely puts an hour 5 standard errors out, a misplaced step does.
 *
 * mean, var: the hour's posterior without this (its data counted with
 * precision `used`, as given to the smooth fit); replaced by the mixture.
 * *p: the probability the hour is its own.
 */
#define OWN_PRIOR 0.0001
#define OWN_SD 2.0
#define OWN_MIN_BATCHES 5.0  /* finished batches' worth: one slow batch is a tail,
                              * not an hour of its own */

static double log_normal_pdf(double x, double mean, double var)
{
	return -0.5 * (log(var) + (x - mean) * (x - mean) / var);
}

static void own_hour(double ybar, double v, double used, double *mean, double *var,
                     double *p)
{
	double rest_precision = 1.0 / *var - used, m, s, log_bf, shared, alone;
	double mean_n, var_n, mean_o, var_o;

	/* What the other hours predict: the posterior with the hour's own share
	 * of precision taken out (none left: they predict nothing). */
	if (!(rest_precision > 1e-12)) {
		m = ybar;
		s = 1e12;
	} else {
		m = (*mean / *var - used * ybar) / rest_precision;
		s = 1.0 / rest_precision;
	}
	log_bf = log_normal_pdf(ybar, m, v + s + OWN_SD * OWN_SD) -
	         log_normal_pdf(ybar, m, v + s);
	*p = 1.0 / (1.0 + (1.0 - OWN_PRIOR) / OWN_PRIOR * exp(-fmin(log_bf, 700.0)));
	/* Like its neighbours: the prediction and its data; its own: the same
	 * with the prediction OWN_SD wider. */
	var_n = 1.0 / (1.0 / s + 1.0 / v);
	mean_n = var_n * (m / s + ybar / v);
	var_o = 1.0 / (1.0 / (s + OWN_SD * OWN_SD) + 1.0 / v);
	mean_o = var_o * (m / (s + OWN_SD * OWN_SD) + ybar / v);
	shared = 1.0 - *p;
	alone = *p;
	*mean = shared * mean_n + alone * mean_o;
	*var = shared * (var_n + mean_n * mean_n) + alone * (var_o + mean_o * mean_o) -
	       *mean * *mean;
}

/* Sufficient statistics of one hour's completed data (E-step). */
struct hour_data {
	int64_t count;      /* batches, censored included */
	double information; /* finished batches' worth of information on mu */
	double s1, s2;      /* sum of E[ln t] and of E[(ln t)^2] */
};

static void expect(const struct sla_fit_observation *obs, size_t n,
                   const double *mu, const double *sigma, struct hour_data *hd)
{
	memset(hd, 0, SLA_WEEK_HOURS * sizeof *hd);
	for (size_t i = 0; i < n; i++) {
		int h = obs[i].hour_of_week;
		double y = log(obs[i].hours);
		struct hour_data *e = &hd[h];

		e->count++;
		if (!obs[i].censored) {
			e->information += 1.0;
			e->s1 += y;
			e->s2 += y * y;
		} else {
			double s = sigma[h], z = (y - mu[h]) / s, lambda = sla_fit_mills_ratio(z);
			double info = lambda * (lambda - z);

			/* Above the censoring point: mean mu + s lambda, second moment
			 * mu^2 + 2 mu s lambda + s^2 (1 + z lambda). */
			e->s1 += mu[h] + s * lambda;
			e->s2 += mu[h] * mu[h] + 2.0 * mu[h] * s * lambda +
			         s * s * (1.0 + z * lambda);
			e->information += info < 0.0 ? 0.0 : info > 1.0 ? 1.0 : info;
		}
	}
}

static double clamp(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

enum status sla_fit_profile(const struct sla_profile *prior,
                            const struct sla_fit_observation *obs, size_t n,
                            struct sla_fit *out, struct diag *d)
{
	double mu0[SLA_WEEK_HOURS], mu[SLA_WEEK_HOURS], sigma[SLA_WEEK_HOURS];
	double post_var[SLA_WEEK_HOURS], precision[SLA_WEEK_HOURS];
	double own_var[SLA_WEEK_HOURS], outlier[SLA_WEEK_HOURS] = {0};
	double r[2][SLA_WEEK_HOURS], res[SLA_WEEK_HOURS];
	struct hour_data hd[SLA_WEEK_HOURS];
	struct hyper *x;
	const int grid = 2 * KAPPA_GRID;
	struct cyclic c;
	double prior_var = 0.0, shift = 0.0, common = 0.0, level[2] = {0, 0};
	size_t finished = 0;

	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		if (obs[i].hour_of_week < 0 || obs[i].hour_of_week >= SLA_WEEK_HOURS ||
		    !(obs[i].hours > 0.0) || !isfinite(obs[i].hours))
			return diag_set(d, STATUS_INPUT, "batch %zu: expected an hour of the "
			                "week 0..167 and a positive finite time, found %d and %g",
			                i + 1, obs[i].hour_of_week, obs[i].hours);
		if (!obs[i].censored) {
			finished++;
			shift += log(obs[i].hours) -
			         log(prior->bucket[obs[i].hour_of_week].median_hours);
		}
	}
	if (finished == 0)
		return diag_set(d, STATUS_INPUT, "expected at least one batch that "
		                "finished, found %zu that all stopped before finishing "
		                "(a level cannot be learned from batches only known to be "
		                "slower than when they stopped)", n);
	if (!(x = malloc((size_t)grid * sizeof *x)))
		return diag_set(d, STATUS_IO, "out of memory");
	shift /= (double)finished;
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		double s0;
		mu0[h] = log(prior->bucket[h].median_hours);
		s0 = (log(prior->bucket[h].p95_hours) - mu0[h]) / SLA_Z95;
		prior_var += s0 * s0 / SLA_WEEK_HOURS;
	}
	/* Start from the prior moved to the finished batches' level. */
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		mu[h] = mu0[h] + shift;
		sigma[h] = sqrt(prior_var);
	}

	for (out->iterations = 1; out->iterations <= SLA_FIT_MAX_ITERATIONS;
	     out->iterations++) {
		double next_sigma[SLA_WEEK_HOURS], mean[SLA_WEEK_HOURS] = {0};
		double second[SLA_WEEK_HOURS] = {0}, var[SLA_WEEK_HOURS];
		double ll_max = -INFINITY, total = 0.0, residuals = 0.0, freedom = 0.0;
		double moved = 0.0;

		expect(obs, n, mu, sigma, hd);
		for (int h = 0; h < SLA_WEEK_HOURS; h++) {
			bool has = hd[h].information >= MIN_INFORMATION;
			/* An hour taken for its own counts toward the others only as far
			 * as it is not. */
			own_var[h] = has ? sigma[h] * sigma[h] / hd[h].information : INFINITY;
			precision[h] = has ? (1.0 - outlier[h]) / own_var[h] : 0.0;
			/* Shape 0 is flat, shape 1 the prior's. */
			r[0][h] = has ? hd[h].s1 / (double)hd[h].count : 0.0;
			r[1][h] = has ? r[0][h] - mu0[h] : 0.0;
		}
		for (int g = 0; g < grid; g++) {
			int shape = g / KAPPA_GRID, k = g % KAPPA_GRID;
			x[g].kappa2 = kappa_at(k) * kappa_at(k);
			x[g].loglik = hyper_fit(r[shape], precision, &x[g], &c, NULL) +
			              log(k == 0 ? KAPPA_ZERO_PRIOR
			                         : (1.0 - KAPPA_ZERO_PRIOR) / (KAPPA_GRID - 1));
			ll_max = fmax(ll_max, x[g].loglik);
		}
		for (int g = 0; g < grid; g++) {
			x[g].weight = exp(x[g].loglik - ll_max);
			total += x[g].weight;
		}
		for (int g = 0; g < grid; g++) {
			int shape = g >= grid / 2;
			x[g].weight /= total;
			if (x[g].weight < 1e-12)
				continue;
			hyper_fit(r[shape], precision, &x[g], &c, var);
			for (int h = 0; h < SLA_WEEK_HOURS; h++) {
				double e = (shape ? mu0[h] : 0.0) + x[g].delta[h];
				mean[h] += x[g].weight * e;
				second[h] += x[g].weight * (var[h] + e * e);
			}
		}
		for (int h = 0; h < SLA_WEEK_HOURS; h++) {
			double next = mean[h], v = second[h] - mean[h] * mean[h];
			if (isfinite(own_var[h]) && hd[h].information >= OWN_MIN_BATCHES)
				own_hour(r[0][h], own_var[h], precision[h], &next, &v, &outlier[h]);
			moved = fmax(moved, fabs(next - mu[h]));
			mu[h] = next;
			post_var[h] = v > 0.0 ? v : 0.0;
		}
		/* Spreads: each hour's residuals about its own mean (n - 1 degrees of
		 * freedom, so that hour effects and spread are not confused), pooled
		 * across hours and with the prior's. */
		for (int h = 0; h < SLA_WEEK_HOURS; h++) {
			double cnt = (double)hd[h].count, e = 0.0;
			if (hd[h].count > 1)
				e = hd[h].s2 - hd[h].s1 * hd[h].s1 / cnt;
			res[h] = e > 0.0 ? e : 0.0;
			residuals += res[h];
			freedom += hd[h].count > 1 ? cnt - 1.0 : 0.0;
		}
		common = (SLA_FIT_PRIOR_SPREAD_WEIGHT * prior_var + residuals) /
		         (SLA_FIT_PRIOR_SPREAD_WEIGHT + freedom);
		for (int h = 0; h < SLA_WEEK_HOURS; h++) {
			double own = hd[h].count > 1 ? (double)hd[h].count - 1.0 : 0.0;
			double s2 = (SLA_FIT_HOUR_SPREAD_WEIGHT * common + res[h]) /
			            (SLA_FIT_HOUR_SPREAD_WEIGHT + own);
			next_sigma[h] = fmax(sqrt(s2), MIN_SPREAD);
			moved = fmax(moved, fabs(next_sigma[h] - sigma[h]));
			sigma[h] = next_sigma[h];
		}
		if (moved < TOLERANCE) {
			out->converged = true;
			break;
		}
	}
	if (out->iterations > SLA_FIT_MAX_ITERATIONS)
		out->iterations = SLA_FIT_MAX_ITERATIONS;

	/* What the grid says, for the file's heading: the shapes' weights, the
	 * step, and each shape's level (its mean effect over the week, weighted
	 * within the shape, so it is stated even when the shape lost). */
	{
		double best[2] = {-INFINITY, -INFINITY}, sum[2] = {0, 0};

		for (int g = 0; g < grid; g++) {
			int shape = g >= grid / 2;
			if (shape)
				out->prior_shape_weight += x[g].weight;
			out->step_sd += x[g].weight * sqrt(x[g].kappa2);
			best[shape] = fmax(best[shape], x[g].loglik);
		}
		for (int g = 0; g < grid; g++) {
			int shape = g >= grid / 2;
			double w = exp(x[g].loglik - best[shape]), mean_delta = 0.0;
			for (int h = 0; h < SLA_WEEK_HOURS; h++)
				mean_delta += x[g].delta[h] / SLA_WEEK_HOURS;
			sum[shape] += w;
			level[shape] += w * mean_delta;
		}
		level[0] /= sum[0];
		level[1] /= sum[1];
	}
	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		out->own_hours += outlier[h] > 0.5;
	free(x);

	out->profile = *prior;
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		struct sla_turnaround *b = &out->profile.bucket[h];
		double se = sqrt(post_var[h]);

		/* Kept within what a profile file holds: 0.001 h to 1000 h. */
		b->median_hours = clamp(exp(mu[h]), MIN_MEDIAN_HOURS, MAX_HOURS / 2);
		b->p95_hours = clamp(exp(mu[h] + SLA_Z95 * sigma[h]),
		                     b->median_hours * exp(SLA_Z95 * MIN_SPREAD), MAX_HOURS);
		out->profile.median_low[h] = clamp(exp(mu[h] - SLA_Z975 * se),
		                                   MIN_MEDIAN_HOURS / 10, b->median_hours);
		out->profile.median_high[h] = clamp(exp(mu[h] + SLA_Z975 * se),
		                                    b->median_hours, MAX_HOURS);
		out->profile.batches[h] = hd[h].count;
		if (hd[h].count > 0)
			out->hours_with_batches++;
	}
	out->finished = finished;
	out->censored = n - finished;
	out->flat_median_hours = exp(level[0]);
	out->prior_factor = exp(level[1]);
	out->spread = sqrt(common);
	return STATUS_OK;
}
