#include "estimate_months.h"

#include <stdlib.h>
#include <string.h>

/* A run of consecutive days sharing one price entry, one service tier (the
 * workload's, as in force that day) and one rate. */
struct run {
	const struct price_entry *price;    /* what the run is priced at */
	const struct price_entry *base;     /* the catalogue's entry */
	const struct service_tier *service, *uplift;
	struct price_entry tiered;
	int64_t fx;
	int days;
};

static void figures(const struct workload_estimate *e, money out[MONTH_FIGURES])
{
	out[0] = e->sync;
	out[1] = e->batch;
	out[2] = e->hybrid;
	out[3] = e->savings;
}

/* Adds one run of a workload to its month. */
static enum status add_run(const struct workload *w, const struct run *run,
                           struct month_cost *m, size_t index, bool *overflow,
                           struct diag *d)
{
	struct workload_estimate e;
	struct ratio month_days = {m->days_in_month, 1};
	money f[MONTH_FIGURES];
	enum status st = workload_estimate(w, run->price, month_days, &e, d);

	if (st != STATUS_OK)
		return st;
	m->used_derived = m->used_derived || e.used_derived;
	figures(&e, f);
	for (int k = 0; k < MONTH_FIGURES; k++) {
		money usd = money_scale(f[k], run->days, m->days_in_month, overflow);
		money shown = fx_convert(usd, run->fx, overflow);
		m->workload_usd[index * MONTH_FIGURES + (size_t)k] =
			money_add(m->workload_usd[index * MONTH_FIGURES + (size_t)k], usd, overflow);
		m->workload_shown[index * MONTH_FIGURES + (size_t)k] =
			money_add(m->workload_shown[index * MONTH_FIGURES + (size_t)k], shown, overflow);
		m->usd[k] = money_add(m->usd[k], usd, overflow);
		m->shown[k] = money_add(m->shown[k], shown, overflow);
	}
	return STATUS_OK;
}

static enum status price_month(struct cli *ctx, const struct profile *profile,
                               struct month_cost *m, const struct model **models,
                               bool *overflow, struct diag *d)
{
	enum status st;

	for (date_days day = m->first; day <= m->last; day++) {
		int64_t fx;
		if ((st = cli_fx_on(ctx, day, &fx, d)))
			return st;
		if (day == m->first)
			m->fx_first = fx;
		else if (fx != m->fx_first)
			m->fx_changed = true;
	}
	for (size_t i = 0; i < profile->count; i++) {
		const struct workload *w = &profile->workloads[i];
		struct run run;
		struct price_entry tiered;

		memset(&run, 0, sizeof run);
		for (date_days day = m->first; day <= m->last + 1; day++) {
			const struct price_entry *price = NULL, *base = NULL;
			const struct model *model;
			int64_t fx = 0;

			if (day <= m->last) {
				st = cli_price(ctx, w->model, day, &model, &base, d);
				if (st == STATUS_OK)
					st = price_at_tiers(model, base, w->service_tier,
					                    w->inference_geo, day, &tiered, &price, d);
				if (st == STATUS_OK)
					st = cli_fx_on(ctx, day, &fx, d);
				if (st != STATUS_OK) {
					char where[300];
					snprintf(where, sizeof where, "%s: workload %s",
					         profile->origin, w->name);
					diag_prefix(d, where);
					return st;
				}
				if (!models[i])
					models[i] = model;
			}
			if (run.days > 0 && (day > m->last || base != run.base || fx != run.fx ||
			                     (price != base &&
			                      (tiered.service != run.service ||
			                       tiered.uplift != run.uplift)))) {
				if ((st = add_run(w, &run, m, i, overflow, d)))
					return st;
				run.days = 0;
			}
			if (run.days == 0 && price) {
				run.base = base;
				run.service = price != base ? tiered.service : NULL;
				run.uplift = price != base ? tiered.uplift : NULL;
				run.tiered = tiered;
				run.price = price != base ? &run.tiered : base;
			}
			run.fx = fx;
			run.days++;
		}
	}
	return STATUS_OK;
}

enum status estimate_months(struct cli *ctx, const struct profile *profile,
                            date_days since, date_days until,
                            struct month_costs *out, struct diag *d)
{
	int y0, m0, d0, y1, m1, d1;
	bool overflow = false;
	enum status st = STATUS_OK;
	size_t n;

	memset(out, 0, sizeof *out);
	date_to_civil(since, &y0, &m0, &d0);
	date_to_civil(until, &y1, &m1, &d1);
	n = (size_t)((y1 - y0) * 12 + (m1 - m0) + 1);
	out->months = calloc(n, sizeof *out->months);
	out->models = calloc(profile->count ? profile->count : 1, sizeof *out->models);
	if (!out->months || !out->models)
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t k = 0; k < n && st == STATUS_OK; k++) {
		struct month_cost *m = &out->months[k];
		int month0 = m0 - 1 + (int)k;

		m->year = y0 + month0 / 12;
		m->month = month0 % 12 + 1;
		m->days_in_month = date_days_in_month(m->year, m->month);
		m->first = date_from_civil(m->year, m->month, 1);
		m->last = date_from_civil(m->year, m->month, m->days_in_month);
		if (m->first < since)
			m->first = since;
		if (m->last > until)
			m->last = until;
		m->days = m->last - m->first + 1;
		m->workload_usd = calloc(profile->count * MONTH_FIGURES, sizeof(money));
		m->workload_shown = calloc(profile->count * MONTH_FIGURES, sizeof(money));
		out->count = k + 1;
		if (!m->workload_usd || !m->workload_shown)
			return diag_set(d, STATUS_IO, "out of memory");
		st = price_month(ctx, profile, m, out->models, &overflow, d);
		for (int f = 0; f < MONTH_FIGURES && st == STATUS_OK; f++) {
			out->usd[f] = money_add(out->usd[f], m->usd[f], &overflow);
			out->shown[f] = money_add(out->shown[f], m->shown[f], &overflow);
		}
	}
	if (st == STATUS_OK && overflow)
		return diag_set(d, STATUS_OVERFLOW, "the period's total does not fit");
	return st;
}

void month_costs_release(struct month_costs *m)
{
	for (size_t k = 0; k < m->count; k++) {
		free(m->months[k].workload_usd);
		free(m->months[k].workload_shown);
	}
	free(m->months);
	free(m->models);
	memset(m, 0, sizeof *m);
}
