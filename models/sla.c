#include "sla.h"

#include <math.h>

double sla_normal_cdf(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

double sla_normal_quantile(double p)
{
	/* P. J. Acklam, "An algorithm for computing the inverse normal
	 * cumulative distribution function" (2003): relative error 1.15e-9,
	 * then one Halley step on the erfc-based CDF. */
	static const double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
	                            -2.759285104469687e+02, 1.383577518672690e+02,
	                            -3.066479806614716e+01, 2.506628277459239e+00};
	static const double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
	                            -1.556989798598866e+02, 6.680131188771972e+01,
	                            -1.328068155288572e+01};
	static const double c[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
	                            -2.400758277161838e+00, -2.549732539343734e+00,
	                            4.374664141464968e+00, 2.938163982698783e+00};
	static const double d[4] = {7.784695709041462e-03, 3.224671290700398e-01,
	                            2.445134137142996e+00, 3.754408661907416e+00};
	const double low = 0.02425;
	double x, q, r, e, u;

	if (p <= 0.0)
		return -INFINITY;
	if (p >= 1.0)
		return INFINITY;
	if (p < low) {
		q = sqrt(-2.0 * log(p));
		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	} else if (p <= 1.0 - low) {
		q = p - 0.5;
		r = q * q;
		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
		    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
	} else {
		q = sqrt(-2.0 * log1p(-p));
		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
		    ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	/* In the upper tail p is close to 1 and loses digits; refine against the
	 * complement there so the step does not undo the approximation. */
	if (x > 0.0)
		e = (1.0 - p) - 0.5 * erfc(x / sqrt(2.0));
	else
		e = sla_normal_cdf(x) - p;
	u = e * 2.5066282746310002 /* sqrt(2 pi) */ * exp(x * x / 2.0);
	return x - u / (1.0 + x * u / 2.0);
}

int sla_hour_of_week(int64_t utc_seconds)
{
	int64_t hours = utc_seconds >= 0 ? utc_seconds / 3600
	                                 : -((-utc_seconds + 3599) / 3600);
	/* 1970-01-01T00:00Z was a Thursday: hour 3 x 24 of the week. */
	int64_t h = (hours + 3 * 24) % SLA_WEEK_HOURS;

	return (int)(h < 0 ? h + SLA_WEEK_HOURS : h);
}

static double lognormal_cdf(const struct sla_turnaround *b, double t)
{
	double mu = log(b->median_hours);
	double sigma = (log(b->p95_hours) - mu) / SLA_Z95;

	if (t <= 0.0)
		return 0.0;
	return sla_normal_cdf((log(t) - mu) / sigma);
}

double sla_finish_by(const struct sla_turnaround *b, double expiry_hours,
                     double t_hours)
{
	return lognormal_cdf(b, t_hours < expiry_hours ? t_hours : expiry_hours);
}

double sla_expired_share(const struct sla_turnaround *b, double expiry_hours)
{
	/* 1 - Phi(z) as Phi(-z): no cancellation when the share is tiny. */
	double mu = log(b->median_hours);
	double sigma = (log(b->p95_hours) - mu) / SLA_Z95;

	return sla_normal_cdf(-(log(expiry_hours) - mu) / sigma);
}

double sla_meet(const struct sla_profile *p, const struct sla_submission *s,
                int batches)
{
	double one = sla_finish_by(&p->bucket[s->hour_of_week], p->expiry_hours,
	                           s->window_hours);

	return pow(one, batches);
}

/* mean over submissions of P(all batches finish within t hours) */
static double mixture_cdf(const struct sla_profile *p,
                          const struct sla_submission *s, size_t n, int batches,
                          double t)
{
	double sum = 0.0;

	for (size_t i = 0; i < n; i++)
		sum += pow(sla_finish_by(&p->bucket[s[i].hour_of_week],
		                         p->expiry_hours, t), batches);
	return sum / (double)n;
}

double sla_quantile(const struct sla_profile *p, const struct sla_submission *s,
                    size_t n, int batches, double q)
{
	double lo = 0.0, hi = p->expiry_hours;

	if (mixture_cdf(p, s, n, batches, hi) < q)
		return INFINITY;
	while (hi - lo > 1e-9) {
		double mid = lo + (hi - lo) / 2.0;
		if (mixture_cdf(p, s, n, batches, mid) < q)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

void sla_summarize(const struct sla_profile *p, const struct sla_submission *s,
                   size_t n, int batches, struct sla_summary *out)
{
	double meet = 0.0, expired = 0.0;

	for (size_t i = 0; i < n; i++) {
		meet += sla_meet(p, &s[i], batches);
		expired += sla_expired_share(&p->bucket[s[i].hour_of_week],
		                             p->expiry_hours);
	}
	out->p_meet = meet / (double)n;
	out->expired_share = expired / (double)n;
	out->p50_hours = sla_quantile(p, s, n, batches, 0.50);
	out->p90_hours = sla_quantile(p, s, n, batches, 0.90);
	out->p99_hours = sla_quantile(p, s, n, batches, 0.99);
}

bool sla_profile_has_interval(const struct sla_profile *p)
{
	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		if (!(p->median_low[h] > 0.0 && p->median_high[h] > 0.0))
			return false;
	return true;
}

void sla_profile_at_bound(const struct sla_profile *p, bool high,
                          struct sla_profile *out)
{
	if (out != p)
		*out = *p;
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		struct sla_turnaround *b = &out->bucket[h];
		double to = high ? p->median_high[h] : p->median_low[h];
		if (!(to > 0.0))
			continue;
		/* The same sigma: p95 / median is kept. */
		b->p95_hours = p->bucket[h].p95_hours * (to / p->bucket[h].median_hours);
		b->median_hours = to;
	}
}
