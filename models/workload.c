#include "workload.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const period_names[] = {"hour", "day", "week", "month", "year"};

bool period_parse(const char *text, enum period *out)
{
	for (int p = 0; p <= PERIOD_YEAR; p++)
		if (strcasecmp(text, period_names[p]) == 0) { /* "Day", as in a sheet */
			*out = (enum period)p;
			return true;
		}
	return false;
}

const char *period_name(enum period p)
{
	return period_names[p];
}

static int64_t gcd(int64_t a, int64_t b)
{
	if (a < 0)
		a = -a;
	while (b != 0) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

bool ratio_add(struct ratio a, struct ratio b, struct ratio *out)
{
	int64_t x, y, num, den, g;

	if (__builtin_mul_overflow(a.num, b.den, &x) ||
	    __builtin_mul_overflow(b.num, a.den, &y) ||
	    __builtin_add_overflow(x, y, &num) ||
	    __builtin_mul_overflow(a.den, b.den, &den))
		return false;
	g = gcd(num, den);
	if (g > 1) {
		num /= g;
		den /= g;
	}
	out->num = num;
	out->den = den;
	return true;
}

bool ratio_mul(struct ratio a, struct ratio b, struct ratio *out)
{
	int64_t g1 = gcd(a.num, b.den), g2 = gcd(b.num, a.den), num, den;

	/* Cross-reduce first so that exact products stay small. */
	if (g1 > 1) {
		a.num /= g1;
		b.den /= g1;
	}
	if (g2 > 1) {
		b.num /= g2;
		a.den /= g2;
	}
	if (__builtin_mul_overflow(a.num, b.num, &num) ||
	    __builtin_mul_overflow(a.den, b.den, &den) || den <= 0)
		return false;
	out->num = num;
	out->den = den;
	return true;
}

enum status workload_requests_per_month(const struct workload *w,
                                        struct ratio month_days,
                                        struct ratio *out, struct diag *d)
{
	int64_t num = w->volume, den = 1;
	bool bad = false;

	switch (w->period) {
	case PERIOD_HOUR:
		bad = __builtin_mul_overflow(num, 24 * month_days.num, &num);
		den = month_days.den;
		break;
	case PERIOD_DAY:
		bad = __builtin_mul_overflow(num, month_days.num, &num);
		den = month_days.den;
		break;
	case PERIOD_WEEK:
		bad = __builtin_mul_overflow(num, month_days.num, &num) ||
		      __builtin_mul_overflow(month_days.den, 7, &den);
		break;
	case PERIOD_MONTH:
		break;
	case PERIOD_YEAR:
		den = 12;
		break;
	}
	if (bad)
		return diag_set(d, STATUS_OVERFLOW,
		                "expected requests per month that fit in 64 bits, "
		                "found more");
	out->num = num;
	out->den = den;
	return STATUS_OK;
}

static double normal_cdf(double x)
{
	return 0.5 * erfc(-x / sqrt(2.0));
}

enum status lognormal_tail(double mean, double p95, double threshold,
                           double *request_share, double *token_share,
                           struct diag *d)
{
	const double z95 = 1.6448536269514722;
	double gap, disc, sigma, mu;

	if (!(mean > 0) || !(p95 >= mean))
		return diag_set(d, STATUS_INPUT,
		                "input_tokens_p95 (%.0f) must be at least the mean "
		                "input_tokens (%.0f)", p95, mean);
	gap = log(p95 / mean);
	disc = z95 * z95 - 2.0 * gap;
	if (disc < 0)
		return diag_set(d, STATUS_INPUT,
		                "input_tokens_p95 (%.0f) is more than 3.87 times the "
		                "mean (%.0f): no lognormal size distribution has that "
		                "shape", p95, mean);
	if (gap == 0) {
		*request_share = mean > threshold ? 1.0 : 0.0;
		*token_share = *request_share;
		return STATUS_OK;
	}
	/* mean = e^(mu + sigma^2/2) and p95 = e^(mu + z95 sigma): the smaller root. */
	sigma = z95 - sqrt(disc);
	mu = log(mean) - sigma * sigma / 2.0;
	*request_share = 1.0 - normal_cdf((log(threshold) - mu) / sigma);
	/* E[X; X > t] / E[X] for a lognormal. */
	*token_share = normal_cdf((mu + sigma * sigma - log(threshold)) / sigma);
	return STATUS_OK;
}

#define WEIGHT_SCALE 1000000000 /* shares as parts per billion */

static int64_t to_weight(double share)
{
	return (int64_t)llround(share * WEIGHT_SCALE);
}

/* Expected cost of one request, sync or batch. */
static enum status expected_request_cost(const struct workload *w,
                                         const struct price_entry *price,
                                         const struct token_counts *t,
                                         double request_share, double token_share,
                                         bool batch, money *out, bool *derived,
                                         struct diag *d)
{
	struct token_counts prompt = *t, answer;
	struct cost_breakdown std_in, long_in, std_out, long_out;
	bool overflow = false;
	enum status st;
	money m;

	if (!price->has_long_context || w->input_tokens_p95 == 0) {
		st = cost_request(price, t, batch, &std_in, d);
		*out = std_in.total;
		*derived = *derived || std_in.used_derived;
		return st;
	}
	memset(&answer, 0, sizeof answer);
	answer.n[TOKEN_OUTPUT] = t->n[TOKEN_OUTPUT];
	prompt.n[TOKEN_OUTPUT] = 0;
	if ((st = cost_at_tier(&price->standard, &prompt, batch, &std_in, d)) ||
	    (st = cost_at_tier(&price->long_context, &prompt, batch, &long_in, d)) ||
	    (st = cost_at_tier(&price->standard, &answer, batch, &std_out, d)) ||
	    (st = cost_at_tier(&price->long_context, &answer, batch, &long_out, d)))
		return st;
	/* Prompt classes scale with request size; output does not. */
	m = money_scale(std_in.total, WEIGHT_SCALE - to_weight(token_share),
	                WEIGHT_SCALE, &overflow);
	m = money_add(m, money_scale(long_in.total, to_weight(token_share),
	                             WEIGHT_SCALE, &overflow), &overflow);
	m = money_add(m, money_scale(std_out.total, WEIGHT_SCALE - to_weight(request_share),
	                             WEIGHT_SCALE, &overflow), &overflow);
	m = money_add(m, money_scale(long_out.total, to_weight(request_share),
	                             WEIGHT_SCALE, &overflow), &overflow);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "expected a request cost small enough for exact "
		                "128-bit picodollar arithmetic, found a larger one");
	*derived = *derived || std_in.used_derived || long_in.used_derived ||
	           std_out.used_derived || long_out.used_derived;
	*out = m;
	return STATUS_OK;
}

enum status workload_tokens(const struct workload *w, struct token_counts *out,
                            struct diag *d)
{
	struct token_counts parts;

	memset(&parts, 0, sizeof parts);
	parts.n[TOKEN_CACHE_READ] = w->cache_read_tokens;
	parts.n[TOKEN_CACHE_WRITE_5M] = w->cache_write_tokens;
	parts.n[TOKEN_CACHE_WRITE_1H] = w->cache_write_1h_tokens;
	parts.n[TOKEN_CACHE_WRITE_30M] = w->cache_write_30m_tokens;
	parts.n[TOKEN_CACHE_WRITE_12H] = w->cache_write_12h_tokens;
	parts.n[TOKEN_OUTPUT] = w->output_tokens;
	return token_counts_from_parts(w->input_tokens, &parts, out, d);
}

enum status workload_estimate(const struct workload *w,
                              const struct price_entry *price,
                              struct ratio month_days,
                              struct workload_estimate *out, struct diag *d)
{
	struct token_counts t;
	bool overflow = false;
	double request_share = 0, token_share = 0;
	enum status st;

	memset(out, 0, sizeof *out);
	st = workload_tokens(w, &t, d);
	if (st == STATUS_OK)
		st = workload_requests_per_month(w, month_days, &out->requests_per_month, d);
	if (st == STATUS_OK && price->has_long_context) {
		if (w->input_tokens_p95 > 0)
			st = lognormal_tail((double)w->input_tokens, (double)w->input_tokens_p95,
			                    (double)price->long_context_above,
			                    &request_share, &token_share, d);
		else
			request_share = token_share =
				cost_is_long_context(price, &t) ? 1.0 : 0.0;
	}
	if (st == STATUS_OK)
		st = expected_request_cost(w, price, &t, request_share, token_share,
		                           false, &out->request_sync, &out->used_derived, d);
	if (st == STATUS_OK)
		st = expected_request_cost(w, price, &t, request_share, token_share,
		                           true, &out->request_batch, &out->used_derived, d);
	if (st != STATUS_OK)
		return st;
	out->long_context_share = request_share;
	out->sync = money_scale(out->request_sync, out->requests_per_month.num,
	                        out->requests_per_month.den, &overflow);
	out->batch = money_scale(out->request_batch, out->requests_per_month.num,
	                         out->requests_per_month.den, &overflow);
	out->hybrid = workload_hybrid(out->sync, out->batch, w->batch_share, &overflow);
	out->savings = money_sub(out->sync, out->hybrid, &overflow);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW,
		                "expected a monthly cost small enough for exact "
		                "128-bit picodollar arithmetic, found a larger one");
	return STATUS_OK;
}

money workload_hybrid(money sync, money batch, int64_t batch_share,
                      bool *overflow)
{
	/* One rounding, of the saving, so that batch <= hybrid <= sync holds to
	 * the picodollar (rounding the batch and sync parts separately could
	 * put a hybrid of two equal figures a picodollar above both). */
	money saving = money_scale(money_sub(sync, batch, overflow), batch_share,
	                           SHARE_SCALE, overflow);
	return money_sub(sync, saving, overflow);
}

void workload_release(struct workload *w)
{
	free(w->name);
	free(w->model);
	free(w->service_tier);
	free(w->inference_geo);
	memset(w, 0, sizeof *w);
}
