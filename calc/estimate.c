#include "estimate.h"

#include <stdlib.h>
#include <string.h>

/* Adds the four monthly figures of e to total. */
static void add_money(struct workload_estimate *total,
                      const struct workload_estimate *e, bool *overflow)
{
	total->sync = money_add(total->sync, e->sync, overflow);
	total->batch = money_add(total->batch, e->batch, overflow);
	total->hybrid = money_add(total->hybrid, e->hybrid, overflow);
	total->savings = money_add(total->savings, e->savings, overflow);
}

static enum status estimate_rows(struct cli *ctx, const struct profile *p,
                                 date_days as_of, struct ratio month_days,
                                 bool allow_unpriced, size_t *unpriced,
                                 struct estimate_row **rows,
                                 struct workload_estimate *total, struct diag *d)
{
	bool overflow = false, requests_fit = true;

	memset(total, 0, sizeof *total);
	total->requests_per_month.den = 1;
	*rows = calloc(p->count ? p->count : 1, sizeof **rows);
	if (!*rows)
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t i = 0; i < p->count; i++) {
		struct estimate_row *row = &(*rows)[i];
		enum status st;
		char where[300];

		row->w = &p->workloads[i];
		if (row->w->line)
			snprintf(where, sizeof where, "%s:%ld: workload %s", p->origin,
			         row->w->line, row->w->name);
		else
			snprintf(where, sizeof where, "%s: workload %s", p->origin,
			         row->w->name);
		st = cli_price(ctx, row->w->model, as_of, &row->model, &row->price, d);
		if (st == STATUS_OK)
			st = price_at_tiers(row->model, row->price, row->w->service_tier,
			                    row->w->inference_geo, as_of, &row->tiered,
			                    &row->price, d);
		if (st == STATUS_OK)
			st = workload_estimate(row->w, row->price, month_days, &row->e, d);
		if (st == STATUS_UNKNOWN_MODEL && allow_unpriced) {
			/* Listed as not priced, never at $0; its volume is known. */
			row->unpriced = true;
			row->why = *d;
			diag_prefix(&row->why, where);
			(*unpriced)++;
			if ((st = workload_requests_per_month(row->w, month_days,
			                                      &row->e.requests_per_month, d)))
				return st;
			continue;
		}
		if (st != STATUS_OK) {
			diag_prefix(d, where);
			return st;
		}
		total->used_derived = total->used_derived || row->e.used_derived;
		add_money(total, &row->e, &overflow);
		/* The total of requests is only shown; on overflow it stops growing. */
		requests_fit = requests_fit &&
		               ratio_add(total->requests_per_month, row->e.requests_per_month,
		                         &total->requests_per_month);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the profile's total does not fit");
	return STATUS_OK;
}

enum status estimate_profile(struct cli *ctx, const struct profile *p,
                             date_days as_of, struct ratio month_days,
                             struct estimate_row **rows,
                             struct workload_estimate *total, struct diag *d)
{
	size_t unpriced = 0;

	return estimate_rows(ctx, p, as_of, month_days, false, &unpriced, rows, total, d);
}

enum status estimate_compute(struct cli *ctx, struct estimate *est, struct diag *d)
{
	est->unpriced = 0;
	return estimate_rows(ctx, &est->profile, est->as_of, est->month_days,
	                     est->allow_unpriced, &est->unpriced, &est->rows,
	                     &est->total, d);
}

struct ratio estimate_total_requests(const struct estimate *est, bool *overflow)
{
	struct ratio sum = {0, 1};

	for (size_t i = 0; i < est->profile.count; i++)
		if (!ratio_add(sum, est->rows[i].e.requests_per_month, &sum)) {
			*overflow = true;
			break;
		}
	return sum;
}

enum status estimate_at_share(const struct estimate *est, int64_t share,
                              struct workload_estimate *total, struct diag *d)
{
	bool overflow = false;

	if (share < 0 || share > SHARE_SCALE)
		return diag_set(d, STATUS_INPUT, "batch share: expected 0..%d ppm, "
		                "found %lld", SHARE_SCALE, (long long)share);
	memset(total, 0, sizeof *total);
	total->requests_per_month = estimate_total_requests(est, &overflow);
	for (size_t i = 0; i < est->profile.count; i++) {
		const struct estimate_row *row = &est->rows[i];
		struct workload w = *row->w; /* shallow: only batch_share changes */
		struct workload_estimate e;
		enum status st;

		w.batch_share = share;
		if (row->unpriced)
			continue;
		if ((st = workload_estimate(&w, row->price, est->month_days, &e, d)))
			return st;
		total->used_derived = total->used_derived || e.used_derived;
		add_money(total, &e, &overflow);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the profile's total does not fit");
	return STATUS_OK;
}

void estimate_release(struct estimate *est)
{
	free(est->rows);
	est->rows = NULL;
	profile_release(&est->profile);
}
