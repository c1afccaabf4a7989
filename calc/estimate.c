#include "estimate.h"

#include <stdlib.h>
#include <string.h>

static void add_money(struct workload_estimate *total,
                      const struct workload_estimate *e, bool *overflow)
{
	total->sync = money_add(total->sync, e->sync, overflow);
	total->batch = money_add(total->batch, e->batch, overflow);
	total->hybrid = money_add(total->hybrid, e->hybrid, overflow);
	total->savings = money_add(total->savings, e->savings, overflow);
}

enum status estimate_compute(struct cli *ctx, struct estimate *est, struct diag *d)
{
	bool overflow = false;

	est->rows = calloc(est->profile.count ? est->profile.count : 1,
	                   sizeof *est->rows);
	if (!est->rows)
		return diag_set(d, STATUS_IO, "out of memory");
	est->total.requests_per_month.den = 1;
	for (size_t i = 0; i < est->profile.count; i++) {
		struct estimate_row *row = &est->rows[i];
		enum status st;
		char where[300];

		row->w = &est->profile.workloads[i];
		if (row->w->line)
			snprintf(where, sizeof where, "%s:%ld: workload %s", est->profile.origin,
			         row->w->line, row->w->name);
		else
			snprintf(where, sizeof where, "%s: workload %s", est->profile.origin,
			         row->w->name);
		st = cli_price(ctx, row->w->model, est->as_of, &row->model, &row->price, d);
		if (st == STATUS_OK)
			st = workload_estimate(row->w, row->price, est->month_days, &row->e, d);
		if (st != STATUS_OK) {
			diag_prefix(d, where);
			return st;
		}
		est->any_derived = est->any_derived || row->e.used_derived;
		add_money(&est->total, &row->e, &overflow);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the profile's total does not fit");
	return STATUS_OK;
}

struct ratio estimate_total_requests(const struct estimate *est, bool *overflow)
{
	struct ratio sum = {0, 1};

	for (size_t i = 0; i < est->profile.count; i++) {
		struct ratio r = est->rows[i].e.requests_per_month;
		int64_t a, b, den;
		if (__builtin_mul_overflow(sum.num, r.den, &a) ||
		    __builtin_mul_overflow(r.num, sum.den, &b) ||
		    __builtin_add_overflow(a, b, &sum.num) ||
		    __builtin_mul_overflow(sum.den, r.den, &den)) {
			*overflow = true;
			return sum;
		}
		sum.den = den;
		/* keep it small: divide by the common factor */
		for (int64_t x = sum.num, y = sum.den, g; ; ) {
			if (y == 0) {
				g = x < 0 ? -x : x;
				if (g > 1) {
					sum.num /= g;
					sum.den /= g;
				}
				break;
			}
			g = x % y;
			x = y;
			y = g;
		}
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
