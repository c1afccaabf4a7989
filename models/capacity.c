#include "capacity.h"

#include <math.h>
#include <string.h>

__extension__ typedef __int128 wide;

int64_t capacity_ceil(struct ratio r)
{
	return r.num / r.den + (r.num % r.den > 0);
}

enum status capacity_requests_per_day(const struct workload *w,
                                      struct ratio month_days, struct ratio *out,
                                      struct diag *d)
{
	struct ratio per_month;
	enum status st = workload_requests_per_month(w, month_days, &per_month, d);

	if (st != STATUS_OK)
		return st;
	if (!ratio_mul(per_month, (struct ratio){month_days.den, month_days.num},
	                        out))
		return diag_set(d, STATUS_OVERFLOW,
		                "workload %s: requests per day do not fit", w->name);
	return STATUS_OK;
}

int64_t capacity_request_bytes(int64_t input_tokens, const struct capacity_settings *s)
{
	wide bytes = (wide)input_tokens * s->bytes_per_token;

	return (int64_t)((bytes + 99) / 100) + s->overhead_bytes;
}

const char *batch_bound_name(enum batch_bound b)
{
	return b == BOUND_REQUESTS ? "max_requests" : b == BOUND_BYTES ? "max_bytes" : "none";
}

static int64_t ceil_div(int64_t a, int64_t b)
{
	return a / b + (a % b > 0);
}

void capacity_pack(int64_t requests, int64_t request_bytes,
                   const struct batch_limits *lim, struct batch_packing *out)
{
	int64_t by_bytes = 0;

	memset(out, 0, sizeof *out);
	out->requests = requests;
	out->request_bytes = request_bytes;
	if (!lim)
		return;
	if (lim->max_bytes > 0) {
		by_bytes = request_bytes > 0 ? lim->max_bytes / request_bytes : INT64_MAX;
		if (by_bytes == 0) {
			out->request_too_large = true;
			out->bound = BOUND_BYTES;
			return;
		}
		out->batches_by_bytes = ceil_div(requests, by_bytes);
	}
	if (lim->max_requests > 0)
		out->batches_by_requests = ceil_div(requests, lim->max_requests);
	if (lim->max_requests > 0 && (by_bytes == 0 || lim->max_requests <= by_bytes)) {
		out->per_batch = lim->max_requests;
		out->bound = BOUND_REQUESTS;
	} else if (by_bytes > 0) {
		out->per_batch = by_bytes;
		out->bound = BOUND_BYTES;
	}
	if (out->per_batch > 0)
		out->batches = ceil_div(requests, out->per_batch);
}

void capacity_queue(int64_t requests, const struct queue_limit_table *t, int tier,
                    int64_t override_limit, struct queue_fit *out)
{
	memset(out, 0, sizeof *out);
	if (override_limit > 0) {
		out->known = true;
		out->limit = override_limit;
	}
	for (size_t i = 0; t && i < t->tier_count; i++) {
		if (t->tiers[i].tier == tier && !out->known) {
			out->known = true;
			out->limit = t->tiers[i].value;
		}
		if (requests <= t->tiers[i].value &&
		    (out->min_tier == 0 || t->tiers[i].tier < out->min_tier))
			out->min_tier = t->tiers[i].tier;
	}
	out->fits = out->known && requests <= out->limit;
}

const char *limit_name(enum limit_kind k)
{
	static const char *const names[] = {"rpm", "itpm", "otpm"};
	return names[k];
}

int64_t capacity_itpm_tokens(const struct workload *w)
{
	/* The prompt total less what is read from the cache. */
	return w->input_tokens - w->cache_read_tokens;
}

bool capacity_demand(const struct workload *w, struct ratio requests_per_day,
                     struct sync_demand *out)
{
	out->per_day[LIMIT_RPM] = requests_per_day;
	return ratio_mul(requests_per_day, (struct ratio){capacity_itpm_tokens(w), 1},
	                 &out->per_day[LIMIT_ITPM]) &&
	       ratio_mul(requests_per_day, (struct ratio){w->output_tokens, 1},
	                 &out->per_day[LIMIT_OTPM]);
}

bool capacity_demand_add(struct sync_demand *sum, const struct sync_demand *add)
{
	for (int k = 0; k < LIMIT_KINDS; k++)
		if (!ratio_add(sum->per_day[k], add->per_day[k], &sum->per_day[k]))
			return false;
	return true;
}

void capacity_fit(const struct sync_demand *demand, const struct tier_rate_limit *lim,
                  int64_t window_minutes, struct tier_fit *out)
{
	memset(out, 0, sizeof *out);
	out->limit[LIMIT_RPM] = lim->rpm;
	out->limit[LIMIT_ITPM] = lim->itpm;
	out->limit[LIMIT_OTPM] = lim->otpm;
	out->fits = true;
	for (int k = 0; k < LIMIT_KINDS; k++) {
		/* Demand per day <= limit x window, in integers:
		 * num <= limit x window x den. */
		const struct ratio r = demand->per_day[k];
		wide room = (wide)out->limit[k] * window_minutes * r.den;

		out->over[k] = r.num > room;
		out->fits = out->fits && !out->over[k];
		out->need[k] = (double)r.num / (double)r.den / (double)window_minutes;
		out->use[k] = out->limit[k] > 0 ? out->need[k] / (double)out->limit[k]
		                                : (r.num > 0 ? INFINITY : 0.0);
		if (out->use[k] > out->use[out->binding])
			out->binding = (enum limit_kind)k;
	}
}

int capacity_min_tier(const struct sync_demand *demand,
                      const struct rate_limit_group *g, int64_t window_minutes)
{
	int best = 0;

	for (size_t i = 0; g && i < g->tier_count; i++) {
		struct tier_fit fit;
		capacity_fit(demand, &g->tiers[i], window_minutes, &fit);
		if (fit.fits && (best == 0 || g->tiers[i].tier < best))
			best = g->tiers[i].tier;
	}
	return best;
}

/* The entry in force on day, else the latest that ended on or before it. */
#define LATEST_ON(array, count, day, stale)                                   \
	do {                                                                  \
		size_t best_ = (count);                                       \
		*(stale) = false;                                             \
		for (size_t i_ = 0; i_ < (count); i_++) {                     \
			if (date_in_range((day), (array)[i_].from, (array)[i_].to)) \
				return &(array)[i_];                          \
			if ((array)[i_].to <= (day) &&                        \
			    (best_ == (count) || (array)[i_].to > (array)[best_].to)) \
				best_ = i_;                                   \
		}                                                             \
		if (best_ == (count))                                         \
			return NULL;                                          \
		*(stale) = true;                                              \
		return &(array)[best_];                                       \
	} while (0)

const struct rate_limit_table *capacity_rate_table(const struct provider *p,
                                                   date_days day, bool *stale)
{
	LATEST_ON(p->rate_limits, p->rate_limit_count, day, stale);
}

const struct queue_limit_table *capacity_queue_table(const struct provider *p,
                                                     date_days day, bool *stale)
{
	LATEST_ON(p->queue_limits, p->queue_limit_count, day, stale);
}

const struct rate_limit_group *capacity_group(const struct rate_limit_table *t,
                                              const char *name)
{
	for (size_t i = 0; t && name && i < t->group_count; i++)
		if (strcmp(t->groups[i].name, name) == 0)
			return &t->groups[i];
	return NULL;
}

const struct tier_rate_limit *capacity_tier(const struct rate_limit_group *g,
                                            int tier)
{
	for (size_t i = 0; g && i < g->tier_count; i++)
		if (g->tiers[i].tier == tier)
			return &g->tiers[i];
	return NULL;
}

enum status capacity_grow(struct ratio requests_per_month, double factor,
                          int64_t *out, struct diag *d)
{
	double v = (double)requests_per_month.num / (double)requests_per_month.den *
	           factor;

	if (!(v >= 0) || v > (double)PROJECTION_MAX_REQUESTS)
		return diag_set(d, STATUS_OVERFLOW, "a month of grown volume (%.0f "
		                "requests) is beyond 10^15 requests", v);
	*out = (int64_t)llround(v); /* half away from zero, like money */
	return STATUS_OK;
}

enum status capacity_project(const struct workload *w,
                             const struct price_entry *const *prices, size_t count,
                             struct ratio month_days, double growth, double scale,
                             int months, struct projection_month *out,
                             int64_t *requests, struct diag *d)
{
	bool overflow = false;
	money cumulative = money_zero();

	for (int m = 0; m < months; m++) {
		struct projection_month *pm = &out[m];

		memset(pm, 0, sizeof *pm);
		pm->month = m + 1;
		pm->factor = pow(1.0 + growth, m);
		for (size_t i = 0; i < count; i++) {
			struct workload grown = w[i];
			struct workload_estimate e;
			struct ratio base;
			enum status st;

			if ((st = workload_requests_per_month(&w[i], month_days, &base, d)) ||
			    (st = capacity_grow(base, pm->factor * scale, &grown.volume, d)))
				return st;
			grown.period = PERIOD_MONTH;
			if (requests)
				requests[(size_t)m * count + i] = grown.volume;
			pm->requests += grown.volume;
			if (!prices[i])
				continue; /* no price: its requests count, its cost is unknown */
			/* Month 1 of the profile as it is costs what the estimate
			 * says, to the picodollar: priced from the workload itself,
			 * not from its request count rounded to a whole request. */
			if ((st = workload_estimate(pm->factor * scale == 1.0 ? &w[i] : &grown,
			                            prices[i], month_days, &e, d)))
				return st;
			pm->sync = money_add(pm->sync, e.sync, &overflow);
			pm->batch = money_add(pm->batch, e.batch, &overflow);
			pm->hybrid = money_add(pm->hybrid, e.hybrid, &overflow);
			pm->savings = money_add(pm->savings, e.savings, &overflow);
		}
		cumulative = money_add(cumulative, pm->savings, &overflow);
		pm->cumulative_savings = cumulative;
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the projected costs do not fit");
	return STATUS_OK;
}

int capacity_break_even(const struct projection_month *m, int months, money cost)
{
	if (cost.pico <= 0)
		return 0;
	for (int i = 0; i < months; i++)
		if (money_cmp(m[i].cumulative_savings, cost) >= 0)
			return m[i].month;
	return -1;
}

#define MAX_DAILY_VOLUME 1000000000000LL

enum status capacity_min_daily_volume(const struct workload *w,
                                      const struct price_entry *const *prices,
                                      size_t count, struct ratio month_days,
                                      double growth, int horizon, money cost,
                                      int64_t *volume, bool *found,
                                      struct diag *d)
{
	struct projection_month months[240];
	double base = 0;
	int64_t lo = 1, hi = MAX_DAILY_VOLUME;
	enum status st;

	*found = false;
	*volume = 0;
	if (horizon < 1 || horizon > 240)
		return diag_set(d, STATUS_INPUT, "expected a horizon of 1 to 240 "
		                "months, found %d", horizon);
	for (size_t i = 0; i < count; i++) {
		struct ratio r;
		if ((st = capacity_requests_per_day(&w[i], month_days, &r, d)))
			return st;
		base += (double)r.num / (double)r.den;
	}
	if (!(base > 0))
		return STATUS_OK;
	if (cost.pico <= 0) {
		*found = true;
		return STATUS_OK;
	}
	/* Does the largest volume pay at all? Then bisect: savings grow with
	 * volume (every request saves the same exact amount). */
	if ((st = capacity_project(w, prices, count, month_days, growth,
	                           (double)hi / base, horizon, months, NULL, d)))
		return st == STATUS_OVERFLOW ? STATUS_OK : st;
	if (capacity_break_even(months, horizon, cost) < 0)
		return STATUS_OK;
	while (lo < hi) {
		int64_t mid = lo + (hi - lo) / 2;
		if ((st = capacity_project(w, prices, count, month_days, growth,
		                           (double)mid / base, horizon, months, NULL, d)))
			return st;
		if (capacity_break_even(months, horizon, cost) >= 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*volume = lo;
	*found = true;
	return STATUS_OK;
}
