#include "plan.h"

#include "cli.h"
#include "json_read.h"
#include "../models/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void plan_init(struct plan *p)
{
	memset(p, 0, sizeof *p);
	p->tier = 1;
	p->months = 12;
	p->horizon = p->months;
	p->settings.bytes_per_token = 400;
	p->settings.overhead_bytes = 200;
	p->settings.window_minutes = 24 * 60;
}

/* The profile's optional "plan" section: defaults a flag overrides. */
enum status plan_load_section(struct plan *p, struct diag *d)
{
	static const char *const keys[] = {"tier", "working_hours", "months",
	                                   "growth_per_month", NULL};
	struct json_where root = {p->profile.origin, ""}, w;
	const cJSON *section = p->profile.json
		? cJSON_GetObjectItemCaseSensitive(p->profile.json, "plan") : NULL;
	int64_t v, minutes;
	bool present;
	enum status st;

	if (!section)
		return STATUS_OK;
	json_child(&w, &root, "plan", -1);
	if (!cJSON_IsObject(section))
		return json_fail(&root, "plan", section, "an object", d);
	if ((st = json_only_keys(&w, section, keys, d)))
		return st;
	if ((st = json_int(&w, section, "tier", false, 1, 99, &v, &present, d)))
		return st;
	if (present)
		p->tier = (int)v;
	if ((st = json_scaled(&w, section, "working_hours", false, 2, 1, 2400, &v,
	                      &present, d)))
		return st;
	if (present) {
		minutes = v * 60;
		if (minutes % 100 != 0)
			return json_fail(&w, "working_hours",
			                 cJSON_GetObjectItemCaseSensitive(section, "working_hours"),
			                 "hours that make whole minutes", d);
		p->settings.window_minutes = minutes / 100;
	}
	if ((st = json_int(&w, section, "months", false, 1, MAX_MONTHS, &v, &present, d)))
		return st;
	if (present)
		p->months = (int)v;
	if ((st = json_share(&w, section, "growth_per_month", NUMBER_SHARE_GROWTH, &v,
	                     &present, d)))
		return st;
	if (present) {
		p->growth = (double)v / 1e6;
		p->growth_given = true;
	}
	return STATUS_OK;
}

enum status plan_parse_growth(const char *flag, const char *text, double *out,
                              struct diag *d)
{
	int64_t v = 0;
	enum status st = cli_parse_share(flag, text, &v, d);

	*out = (double)v / 1e6;
	return st;
}

static void tier_list(const struct rate_limit_group *g, char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < g->tier_count && used < size; i++) {
		int n = snprintf(buf + used, size - used, "%s%d", i ? ", " : "",
		                 g->tiers[i].tier);
		if (n > 0)
			used += (size_t)n;
	}
}

void plan_range_text(date_days from, date_days to, char buf[32])
{
	char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];

	date_format(from, a);
	if (to == DATE_OPEN_END)
		snprintf(buf, 32, "[%s, open)", a);
	else {
		date_format(to, b);
		snprintf(buf, 32, "[%s, %s)", a, b);
	}
}

/* Limits of one workload at the chosen tier, with the flags' overrides. */
static enum status find_limits(const struct pricing *pr, struct plan *p,
                               struct plan_row *r, struct diag *d)
{
	bool stale = false;
	const struct tier_rate_limit *t;
	char tiers[64], range[32];

	r->provider = catalogue_provider(&pr->catalogue, r->est->model->provider);
	if (!r->provider)
		return STATUS_OK;
	r->rates = capacity_rate_table(r->provider, p->as_of, &stale);
	if (r->rates && !p->rates_used) {
		p->rates_used = r->rates;
		p->rates_stale = stale;
	}
	r->group = capacity_group(r->rates, r->est->model->rate_limit_group);
	t = capacity_tier(r->group, p->tier);
	if (r->group && !t) {
		tier_list(r->group, tiers, sizeof tiers);
		plan_range_text(r->rates->from, r->rates->to, range);
		return diag_set(d, STATUS_USAGE, "--tier: expected a tier of %s's "
		                "rate-limit table %s for %s (%s), found %d",
		                r->provider->name, range, r->est->model->id, tiers, p->tier);
	}
	if (t)
		r->limits = *t;
	r->limits.tier = p->tier;
	if (p->rpm)
		r->limits.rpm = p->rpm;
	if (p->itpm)
		r->limits.itpm = p->itpm;
	if (p->otpm)
		r->limits.otpm = p->otpm;
	r->has_limits = t || (p->rpm && p->itpm && p->otpm);
	return STATUS_OK;
}

static enum status demand_of(const struct workload *w, struct ratio per_day,
                             struct sync_demand *out, struct diag *d)
{
	if (!capacity_demand(w, per_day, out))
		return diag_set(d, STATUS_OVERFLOW, "workload %s: the tokens a day do "
		                "not fit", w->name);
	return STATUS_OK;
}

/* Checks a day of `per_day` requests of workload r against its limits. */
static enum status check_day(struct plan *p, struct plan_row *r,
                             struct ratio per_day, struct tier_fit *all,
                             struct tier_fit *plan, struct queue_fit *queue,
                             int64_t *batch_requests, struct ratio *batch_day,
                             struct ratio *sync_day, struct sync_demand *demands,
                             struct diag *d)
{
	const struct workload *w = r->est->w;
	struct sync_demand all_d, plan_d;
	bool stale = false;
	const struct queue_limit_table *qt;
	enum status st;

	if (!ratio_mul(per_day, (struct ratio){w->batch_share, SHARE_SCALE}, batch_day) ||
	    !ratio_mul(per_day, (struct ratio){SHARE_SCALE - w->batch_share, SHARE_SCALE},
	               sync_day))
		return diag_set(d, STATUS_OVERFLOW, "workload %s: the requests a day "
		                "do not fit", w->name);
	if ((st = demand_of(w, per_day, &all_d, d)) ||
	    (st = demand_of(w, *sync_day, &plan_d, d)))
		return st;
	if (demands) {
		demands[0] = all_d;
		demands[1] = plan_d;
	}
	*batch_requests = capacity_ceil(*batch_day);
	if (r->has_limits) {
		capacity_fit(&all_d, &r->limits, p->settings.window_minutes, all);
		capacity_fit(&plan_d, &r->limits, p->settings.window_minutes, plan);
	}
	qt = r->provider ? capacity_queue_table(r->provider, p->as_of, &stale) : NULL;
	if (qt && !p->queue_used) {
		p->queue_used = qt;
		p->queue_stale = stale;
	}
	capacity_queue(*batch_requests, qt, p->tier, p->queue_limit, queue);
	return STATUS_OK;
}

static enum status add_to_total(struct plan *p, const struct plan_row *r,
                                struct diag *d)
{
	struct provider_total *pt = NULL;

	if (!r->provider)
		return STATUS_OK;
	for (size_t t = 0; t < p->total_count; t++)
		if (p->totals[t].provider == r->provider)
			pt = &p->totals[t];
	if (!pt) {
		if (p->total_count == MAX_PROVIDERS)
			return diag_set(d, STATUS_INPUT, "more than %d providers in one "
			                "profile", MAX_PROVIDERS);
		pt = &p->totals[p->total_count++];
		pt->provider = r->provider;
		pt->per_day.den = 1;
	}
	pt->workloads++;
	if (!ratio_add(pt->per_day, r->per_day, &pt->per_day))
		return diag_set(d, STATUS_OVERFLOW, "the total requests a day do not fit");
	pt->batch_requests += r->pack.requests;
	pt->batches += r->pack.batches;
	return STATUS_OK;
}

static enum status add_to_model(struct plan *p, const struct plan_row *r,
                                struct diag *d)
{
	struct model_total *mt = NULL;

	if (!r->est->model)
		return STATUS_OK; /* not in the catalogue: no limits to share */

	for (size_t t = 0; t < p->model_count; t++)
		if (p->models[t].row->est->model == r->est->model)
			mt = &p->models[t];
	if (!mt) {
		mt = &p->models[p->model_count++];
		mt->row = r;
		mt->all = r->all_demand;
		mt->plan = r->plan_demand;
		mt->workloads = 1;
		return STATUS_OK;
	}
	mt->workloads++;
	if (!capacity_demand_add(&mt->all, &r->all_demand) ||
	    !capacity_demand_add(&mt->plan, &r->plan_demand))
		return diag_set(d, STATUS_OVERFLOW, "model %s: the summed demand does "
		                "not fit", r->est->model->id);
	return STATUS_OK;
}

static enum status plan_rows(const struct pricing *pr, struct plan *p,
                             struct diag *d)
{
	enum status st;

	p->plan = calloc(p->profile.count, sizeof *p->plan);
	p->prices = calloc(p->profile.count, sizeof *p->prices);
	p->models = calloc(p->profile.count, sizeof *p->models);
	if (!p->plan || !p->prices || !p->models)
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t i = 0; i < p->profile.count; i++) {
		struct plan_row *r = &p->plan[i];
		const struct batch_limits *bl;
		int64_t batch_requests;

		r->est = &p->est->rows[i];
		/* Not priced: its requests count, its money is in no figure. A
		 * model the catalogue does not know has no limits either. */
		p->prices[i] = r->est->unpriced ? NULL : r->est->price;
		if ((r->est->model && (st = find_limits(pr, p, r, d))) ||
		    (st = capacity_requests_per_day(r->est->w, p->month_days, &r->per_day, d)))
			return st;
		if ((st = check_day(p, r, r->per_day, &r->all_sync, &r->plan_sync,
		                    &r->queue, &batch_requests, &r->batch_per_day,
		                    &r->sync_per_day, NULL, d)))
			return st;
		bl = r->provider ? provider_batch_limits_on(r->provider, p->as_of) : NULL;
		capacity_pack(batch_requests,
		              capacity_request_bytes(r->est->w->input_tokens, &p->settings),
		              bl, &r->pack);
		if ((st = demand_of(r->est->w, r->per_day, &r->all_demand, d)) ||
		    (st = demand_of(r->est->w, r->sync_per_day, &r->plan_demand, d)))
			return st;
		if (r->group) {
			r->min_tier = capacity_min_tier(&r->all_demand, r->group,
			                                p->settings.window_minutes);
			r->plan_min_tier = capacity_min_tier(&r->plan_demand, r->group,
			                                     p->settings.window_minutes);
		}
		if ((st = add_to_total(p, r, d)) || (st = add_to_model(p, r, d)))
			return st;
	}
	for (size_t t = 0; t < p->model_count; t++) {
		struct model_total *mt = &p->models[t];
		if (!mt->row->has_limits)
			continue;
		capacity_fit(&mt->all, &mt->row->limits, p->settings.window_minutes,
		             &mt->all_fit);
		capacity_fit(&mt->plan, &mt->row->limits, p->settings.window_minutes,
		             &mt->plan_fit);
		mt->min_tier = capacity_min_tier(&mt->all, mt->row->group,
		                                 p->settings.window_minutes);
	}
	for (size_t t = 0; t < p->total_count; t++) {
		struct provider_total *pt = &p->totals[t];
		bool stale = false;
		capacity_queue(pt->batch_requests,
		               capacity_queue_table(pt->provider, p->as_of, &stale),
		               p->tier, p->queue_limit, &pt->queue);
	}
	return STATUS_OK;
}

/* Adds one workload's demand of a month to its model's sums. */
static enum status add_month_demand(const struct plan *p, const struct plan_row *r,
                                    const struct sync_demand *demands,
                                    struct sync_demand *all, struct sync_demand *plan,
                                    struct diag *d)
{
	for (size_t t = 0; t < p->model_count; t++) {
		if (p->models[t].row->est->model != r->est->model)
			continue;
		if (p->models[t].row == r) { /* the first of the model starts the sum */
			all[t] = demands[0];
			plan[t] = demands[1];
		} else if (!capacity_demand_add(&all[t], &demands[0]) ||
		           !capacity_demand_add(&plan[t], &demands[1])) {
			return diag_set(d, STATUS_OVERFLOW, "model %s: the summed demand "
			                "does not fit", r->est->model->id);
		}
	}
	return STATUS_OK;
}

/* Records the first month a model's summed demand breaks a limit. */
static void model_month(const struct plan *p, struct model_total *mt, int month,
                        const struct sync_demand *all, const struct sync_demand *plan)
{
	struct tier_fit fa, fp;

	if (!mt->row->has_limits)
		return;
	capacity_fit(all, &mt->row->limits, p->settings.window_minutes, &fa);
	capacity_fit(plan, &mt->row->limits, p->settings.window_minutes, &fp);
	for (int k = 0; k < LIMIT_KINDS; k++) {
		if (fa.over[k] && !mt->first_all[k])
			mt->first_all[k] = month;
		if (fp.over[k] && !mt->first_plan[k])
			mt->first_plan[k] = month;
	}
}

/* Month by month: costs, margins, and the first month each limit breaks. */
static enum status project(struct plan *p, struct diag *d)
{
	size_t n = p->profile.count;
	int64_t *requests = calloc((size_t)p->months * n, sizeof *requests);
	int64_t month_batch[MAX_PROVIDERS] = {0};
	struct sync_demand *month_all = calloc(n, sizeof *month_all);
	struct sync_demand *month_plan = calloc(n, sizeof *month_plan);
	struct sync_demand demands[2];
	enum status st;

	if (!requests || !month_all || !month_plan) {
		free(requests);
		free(month_all);
		free(month_plan);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	st = capacity_project(p->profile.workloads, p->prices, n, p->month_days,
	                      p->growth, 1.0, p->months, p->month, requests, d);
	for (int m = 0; st == STATUS_OK && m < p->months; m++) {
		for (size_t i = 0; i < n; i++) {
			struct plan_row *r = &p->plan[i];
			struct tier_fit all, plan;
			struct queue_fit queue;
			struct ratio per_day, batch_day, sync_day;
			int64_t batch_requests;

			per_day.num = requests[(size_t)m * n + i];
			per_day.den = 1;
			memset(&all, 0, sizeof all);
			memset(&plan, 0, sizeof plan);
			if (!ratio_mul(per_day, (struct ratio){p->month_days.den,
			                                       p->month_days.num}, &per_day))
				st = diag_set(d, STATUS_OVERFLOW, "the grown requests a day "
				              "do not fit");
			if (st == STATUS_OK)
				st = check_day(p, r, per_day, &all, &plan, &queue,
				               &batch_requests, &batch_day, &sync_day,
				               demands, d);
			if (st == STATUS_OK)
				st = add_month_demand(p, r, demands, month_all, month_plan, d);
			if (st != STATUS_OK)
				break;
			for (int k = 0; k < LIMIT_KINDS; k++) {
				if (all.over[k] && !r->first_all_sync[k])
					r->first_all_sync[k] = m + 1;
				if (plan.over[k] && !r->first_plan[k])
					r->first_plan[k] = m + 1;
			}
			if (queue.known && !queue.fits && !r->first_queue)
				r->first_queue = m + 1;
			for (size_t t = 0; t < p->total_count; t++)
				if (p->totals[t].provider == r->provider)
					month_batch[t] += batch_requests;
		}
		for (size_t t = 0; t < p->total_count; t++) {
			struct provider_total *pt = &p->totals[t];
			if (pt->queue.known && month_batch[t] > pt->queue.limit &&
			    !pt->first_queue)
				pt->first_queue = m + 1;
			month_batch[t] = 0;
		}
		for (size_t t = 0; st == STATUS_OK && t < p->model_count; t++)
			model_month(p, &p->models[t], m + 1, &month_all[t], &month_plan[t]);
	}
	free(requests);
	free(month_all);
	free(month_plan);
	if (st != STATUS_OK)
		return st;
	/* A margin, a break-even month and a break-even volume need the money
	 * of every workload: with some not priced they are not computed
	 * (p->est->unpriced), never made from part of the bill. */
	if (p->business.has_revenue && !p->est->unpriced) {
		bool overflow = false, assumed;
		if ((st = business_other_cogs(&p->business, p->month[0].sync,
		                              &p->other_cogs, &assumed, d)))
			return st;
		p->has_margins = true;
		for (int m = 0; m < p->months; m++) {
			struct margin_inputs in;
			/* Revenue and the other COGS grow together; the factor is a
			 * double quantised to parts per billion, the money stays exact. */
			int64_t f = llround(pow(1.0 + p->revenue_growth, m) * 1e9);

			memset(&in, 0, sizeof in);
			in.revenue = money_scale(p->business.revenue, f, 1000000000, &overflow);
			in.other_cogs = money_scale(p->other_cogs, f, 1000000000, &overflow);
			in.inference_before = p->month[m].sync;
			in.inference_after = p->month[m].hybrid;
			if (overflow)
				return diag_set(d, STATUS_OVERFLOW, "the grown revenue does not fit");
			if (in.revenue.pico <= 0)
				in.revenue.pico = 1; /* shrunk to nothing: a picodollar */
			p->revenue[m] = in.revenue;
			if ((st = margin_compute(&in, &p->margin[m], d)))
				return st;
		}
	}
	p->break_even = p->business.has_migration && !p->est->unpriced
		? capacity_break_even(p->month, p->months, p->business.migration_cost) : -2;
	if (p->business.has_migration) {
		if (!p->est->unpriced &&
		    (st = capacity_min_daily_volume(p->profile.workloads, p->prices, n,
		                                    p->month_days, p->growth, p->horizon,
		                                    p->business.migration_cost,
		                                    &p->min_volume, &p->has_min_volume, d)))
			return st;
		/* Each priced workload alone still has its own. */
		for (size_t i = 0; i < n; i++)
			if (p->prices[i] &&
			    (st = capacity_min_daily_volume(&p->profile.workloads[i],
			                                    &p->prices[i], 1, p->month_days,
			                                    p->growth, p->horizon,
			                                    p->business.migration_cost,
			                                    &p->plan[i].min_volume,
			                                    &p->plan[i].has_min_volume, d)))
				return st;
	}
	return STATUS_OK;
}


/* The projection's money in the shown currency (see struct plan). */
static enum status plan_shown(struct pricing *pr, struct plan *p, struct diag *d)
{
	int year, month, day;
	int64_t fx;
	bool overflow = false;
	enum status st = pricing_fx_on(pr, p->as_of, &fx, d);

	if (st != STATUS_OK)
		return st;
	p->shown_day_rate = fx_convert(p->business.day_rate, fx, &overflow);
	p->shown_migration_cost = fx_convert(p->business.migration_cost, fx, &overflow);
	date_to_civil(p->as_of, &year, &month, &day);
	for (int k = 0; k < p->months; k++) {
		const struct projection_month *pm = &p->month[k];
		const money usd[PRICING_FIGURES] = {pm->sync, pm->batch, pm->hybrid,
		                                    pm->savings};
		money *shown = p->shown_month[k];
		int month0 = month - 1 + k;

		if ((st = pricing_fx_on(pr, date_from_civil(year + month0 / 12,
		                                            month0 % 12 + 1, 1),
		                        &p->fx[k], d)))
			return st;
		for (int f = 0; f < PRICING_FIGURES; f++)
			shown[f] = fx_convert(usd[f], p->fx[k], &overflow);
		shown[PLAN_CUMULATIVE] = money_add(
			k ? p->shown_month[k - 1][PLAN_CUMULATIVE] : money_zero(),
			shown[PRICING_SAVINGS], &overflow);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "a figure in %s does not fit",
		                pr->currency.code);
	return STATUS_OK;
}

/* A table used past its end: said once, with its dates and the override. */
static enum status warn_stale(struct pricing *pr, const struct plan *p,
                              struct diag *d)
{
	char range[32];
	enum status st = STATUS_OK;

	if (p->rates_stale) {
		plan_range_text(p->rates_used->from, p->rates_used->to, range);
		st = pricing_warn(pr, PRICING_STALE_TABLE, d, "no rate-limit table is in "
		                  "force on the date; using the latest on record, %s (set "
		                  "--rpm, --itpm, --otpm to override)", range);
	}
	if (st == STATUS_OK && p->queue_stale) {
		plan_range_text(p->queue_used->from, p->queue_used->to, range);
		st = pricing_warn(pr, PRICING_STALE_TABLE, d, "no batch queue table is in "
		                  "force on the date; using the latest on record, %s (set "
		                  "--queue-limit to override)", range);
	}
	return st;
}

enum status plan_compute(struct pricing *pr, struct plan *p,
                         const struct pricing_day *est, struct diag *d)
{
	enum status st;

	p->est = est;
	if ((st = plan_rows(pr, p, d)) ||
	    (st = project(p, d)) ||
	    (st = plan_shown(pr, p, d)))
		return st;
	return warn_stale(pr, p, d);
}

void plan_release(struct plan *p)
{
	free(p->plan);
	free(p->prices);
	free(p->models);
	p->plan = NULL;
	p->prices = NULL;
	p->models = NULL;
	p->est = NULL;
}

enum status plan_parse_flags(struct plan *p, const struct plan_flags *f,
                                    struct diag *d)
{
	const char *why = "";
	int64_t v;
	enum status st;

	if (f->tier) {
		if (!number_parse_int64(f->tier, 1, 99, &v, &why))
			return diag_set(d, STATUS_USAGE, "--tier: expected a rate-limit tier "
			                "number, found \"%s\" (%s)", f->tier, why);
		p->tier = (int)v;
	}
	if ((st = cli_parse_count("rpm", f->rpm, &p->rpm, d)) ||
	    (st = cli_parse_count("itpm", f->itpm, &p->itpm, d)) ||
	    (st = cli_parse_count("otpm", f->otpm, &p->otpm, d)) ||
	    (st = cli_parse_count("queue-limit", f->queue_limit, &p->queue_limit, d)) ||
	    (st = cli_parse_count("overhead-bytes", f->overhead,
	                          &p->settings.overhead_bytes, d)))
		return st;
	if ((f->rpm && p->rpm == 0) || (f->itpm && p->itpm == 0) ||
	    (f->otpm && p->otpm == 0) || (f->queue_limit && p->queue_limit == 0))
		return diag_set(d, STATUS_USAGE, "--rpm, --itpm, --otpm and --queue-limit "
		                "must be above 0");
	if (f->window) {
		if (!number_parse_scaled(f->window, 2, 1, 2400, &v, &why) || v * 60 % 100)
			return diag_set(d, STATUS_USAGE, "--window-hours: expected hours from "
			                "0.01 to 24 that make whole minutes, found \"%s\"",
			                f->window);
		p->settings.window_minutes = v * 60 / 100;
	}
	if (f->bytes_per_token &&
	    !number_parse_scaled(f->bytes_per_token, 2, 1, 10000,
	                         &p->settings.bytes_per_token, &why))
		return diag_set(d, STATUS_USAGE, "--bytes-per-token: expected a number "
		                "from 0.01 to 100 with at most 2 decimals, found \"%s\"",
		                f->bytes_per_token);
	if (f->growth) {
		if ((st = plan_parse_growth("growth", f->growth, &p->growth, d)))
			return st;
		p->growth_given = true;
	}
	if (f->months) {
		if (!number_parse_int64(f->months, 1, MAX_MONTHS, &v, &why))
			return diag_set(d, STATUS_USAGE, "--months: expected 1 to %d, found "
			                "\"%s\"", MAX_MONTHS, f->months);
		p->months = (int)v;
		p->growth_given = true;
	}
	p->horizon = p->months;
	if (f->horizon) {
		if (!number_parse_int64(f->horizon, 1, MAX_MONTHS, &v, &why))
			return diag_set(d, STATUS_USAGE, "--horizon: expected 1 to %d months, "
			                "found \"%s\"", MAX_MONTHS, f->horizon);
		p->horizon = (int)v;
	}
	p->revenue_growth = p->growth;
	if (f->revenue_growth &&
	    (st = plan_parse_growth("revenue-growth", f->revenue_growth, &p->revenue_growth, d)))
		return st;
	return STATUS_OK;
}
