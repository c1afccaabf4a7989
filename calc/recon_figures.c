#include "recon_figures.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *recon_group_name(enum recon_group g)
{
	static const char *const names[] = {"job", "model", "day", "month", "batch"};
	return names[g];
}

struct named {
	char name[128];
	size_t bucket;
};

static int named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->bucket > y->bucket) - (x->bucket < y->bucket);
}

static void group_name(const struct recon_bucket *b, enum recon_group g,
                       char name[128])
{
	char when[DATE_TEXT_SIZE];

	switch (g) {
	case GROUP_JOB:
		snprintf(name, 128, "%s", b->job);
		break;
	case GROUP_MODEL:
		snprintf(name, 128, "%s", *b->model ? b->model : "(no model)");
		break;
	case GROUP_DAY:
	case GROUP_MONTH:
		date_format(b->day, when);
		if (g == GROUP_MONTH)
			when[7] = '\0';
		snprintf(name, 128, "%s", when);
		break;
	case GROUP_BATCH:
		snprintf(name, 128, "%s", *b->batch ? b->batch : "(unknown batch)");
		break;
	}
}

/* a += b for every count and amount of a row. */
static void row_add(struct recon_row *a, const int64_t outcomes[],
                    int64_t billed, const struct token_counts *tokens,
                    const struct recon_priced *c, bool *overflow)
{
	for (int o = 0; o < RECON_OUTCOME_COUNT; o++) {
		*overflow |= __builtin_add_overflow(a->outcomes[o], outcomes[o],
		                                    &a->outcomes[o]);
		*overflow |= __builtin_add_overflow(a->requests, outcomes[o], &a->requests);
	}
	*overflow |= __builtin_add_overflow(a->billed, billed, &a->billed);
	for (int t = 0; t < TOKEN_CLASS_COUNT; t++)
		*overflow |= __builtin_add_overflow(a->tokens.n[t], tokens->n[t],
		                                    &a->tokens.n[t]);
	a->batch = money_add(a->batch, c->batch, overflow);
	a->sync = money_add(a->sync, c->sync, overflow);
	a->batch_shown = money_add(a->batch_shown, c->batch_shown, overflow);
	a->sync_shown = money_add(a->sync_shown, c->sync_shown, overflow);
}

/* The savings of a summed row: made once, here, for every writer. */
static void row_finish(struct recon_row *a, bool *overflow)
{
	a->savings = money_sub(a->sync, a->batch, overflow);
	a->savings_shown = money_sub(a->sync_shown, a->batch_shown, overflow);
}

/*
 * Sums buckets by group name, sorted by name. With skip_no_model, buckets
 * that name no model (failures) are left out. Returns the row count.
 */
static size_t aggregate(const struct recon *r, const struct recon_priced *costs,
                        enum recon_group g, bool skip_no_model,
                        struct recon_row **out, bool *overflow)
{
	struct named *names = calloc(r->count ? r->count : 1, sizeof *names);
	struct recon_row *rows = calloc(r->count ? r->count : 1, sizeof *rows);
	size_t n = 0, rows_used = 0;

	if (!names || !rows)
		abort(); /* bounded by RECON_MAX_BUCKETS: a few MB at most */
	for (size_t i = 0; i < r->count; i++) {
		if (skip_no_model && !*r->buckets[i].model)
			continue;
		group_name(&r->buckets[i], g, names[n].name);
		names[n++].bucket = i;
	}
	qsort(names, n, sizeof *names, named_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct recon_bucket *b = &r->buckets[names[i].bucket];
		const struct recon_priced *c = &costs[names[i].bucket];
		struct recon_row *a;

		if (rows_used == 0 || strcmp(rows[rows_used - 1].name, names[i].name) != 0) {
			a = &rows[rows_used++];
			memcpy(a->name, names[i].name, sizeof a->name);
		}
		a = &rows[rows_used - 1];
		row_add(a, b->outcomes, b->billed, &b->tokens, c, overflow);
		a->unpriced |= !c->priced && b->billed > 0;
		a->priced_any |= c->priced;
	}
	for (size_t i = 0; i < rows_used; i++)
		row_finish(&rows[i], overflow);
	free(names);
	*out = rows;
	return rows_used;
}

static void sum_rows(const struct recon_row *rows, size_t n, struct recon_row *total,
                     bool *overflow)
{
	memset(total, 0, sizeof *total);
	snprintf(total->name, sizeof total->name, "total");
	for (size_t i = 0; i < n; i++) {
		const struct recon_priced c = {rows[i].batch, rows[i].sync,
		                               rows[i].batch_shown, rows[i].sync_shown, true};
		row_add(total, rows[i].outcomes, rows[i].billed, &rows[i].tokens, &c,
		        overflow);
	}
	row_finish(total, overflow);
}

/* Each model no price covers, with its billed requests and tokens: never a
 * silent $0 (pricing_unpriced); `first` says why the first met is not
 * priced. */
static enum status warn_unpriced(struct pricing *pr, const struct recon *r,
                                 const struct recon_priced *costs,
                                 const struct diag *first, int *count,
                                 bool *overflow, struct diag *d)
{
	struct recon_row *rows;
	size_t n = aggregate(r, costs, GROUP_MODEL, true, &rows, overflow);
	enum status st = STATUS_OK;

	*count = 0;
	for (size_t i = 0; i < n && st == STATUS_OK; i++) {
		char tokens[PRICING_WARNING_SIZE] = "", words[64];
		enum token_class order[TOKEN_CLASS_COUNT];
		int classes = recon_token_shown(&rows[i].tokens, order);
		size_t used = 0;

		if (!rows[i].unpriced)
			continue;
		(*count)++;
		/* The classes it used, as the report's NOT PRICED list says them. */
		for (int k = 0; k < classes && used < sizeof tokens; k++) {
			int w;
			if (!rows[i].tokens.n[order[k]])
				continue;
			w = snprintf(tokens + used, sizeof tokens - used, "%s%" PRId64 " %s",
			             used ? ", " : "", rows[i].tokens.n[order[k]],
			             recon_token_words(order[k], words));
			used += w > 0 ? (size_t)w : 0;
		}
		st = pricing_unpriced(pr, PRICING_UNPRICED_MODEL, first, d, "%s: %" PRId64
		                      " billed request%s NOT PRICED: %s%s", rows[i].name,
		                      rows[i].billed, rows[i].billed == 1 ? "" : "s",
		                      used ? tokens : "no", " tokens");
	}
	free(rows);
	return st;
}

enum status recon_price_bucket(struct pricing *pr, const struct recon_bucket *b,
                               struct recon_bucket_price *out, struct diag *d)
{
	enum status st;

	memset(out, 0, sizeof *out);
	if ((st = pricing_lookup(pr, b->model, b->day, &out->model, &out->price, d)))
		return st;
	out->tier = b->long_context && out->price->has_long_context
	            ? &out->price->long_context : &out->price->standard;
	if ((st = cost_at_tier(out->tier, &b->tokens, true, &out->batch, d)) == STATUS_OK)
		st = cost_at_tier(out->tier, &b->tokens, false, &out->sync, d);
	if (st != STATUS_OK)
		diag_prefix(d, b->model);
	return st;
}

/*
 * Prices each bucket at its day and tier: the batch cost of its billed tokens
 * and the sync cost of the same tokens. Buckets of one model at one tier cost
 * the sum of their requests' costs exactly (money is linear), and the tier was
 * chosen per request when the line was read. Each is converted at the rate
 * in force on its day (the batch's created date), once per bucket. A costed
 * bucket (the ledger's) keeps the money it was recorded with.
 */
static enum status price_buckets(struct pricing *pr, const struct recon *r,
                                 struct recon_priced *costs, bool *overflow,
                                 int *count, struct diag *d)
{
	enum status result = STATUS_OK;
	struct diag first = {{0}};

	for (size_t i = 0; i < r->count; i++) {
		const struct recon_bucket *b = &r->buckets[i];
		struct recon_bucket_price bp;
		struct diag why;
		int64_t fx;
		enum status st;

		if (!b->costed && (!*b->model || b->billed == 0))
			continue;
		if (b->costed) {
			bp.batch.total = b->batch_cost;
			bp.sync.total = b->sync_cost;
		} else if ((st = recon_price_bucket(pr, b, &bp, &why)) != STATUS_OK) {
			if (st != STATUS_UNKNOWN_MODEL)
				return diag_set(d, st, "%s", why.text);
			if (result == STATUS_OK)
				first = why;
			result = STATUS_UNKNOWN_MODEL;
			continue;
		}
		if ((st = pricing_fx_on(pr, b->day, &fx, d)))
			return st;
		costs[i].batch = bp.batch.total;
		costs[i].sync = bp.sync.total;
		costs[i].batch_shown = fx_convert(bp.batch.total, fx, overflow);
		costs[i].sync_shown = fx_convert(bp.sync.total, fx, overflow);
		costs[i].priced = true;
	}
	*count = 0;
	if (result == STATUS_OK)
		return STATUS_OK;
	if (warn_unpriced(pr, r, costs, &first, count, overflow, d) != STATUS_OK)
		return STATUS_IO;
	return diag_set(d, STATUS_UNKNOWN_MODEL, "%d model%s cannot be priced; "
	                "first: %s", *count, *count == 1 ? "" : "s", first.text);
}

/* Most frequent first, then by name: the same order however lines were split. */
static int error_cmp(const void *a, const void *b)
{
	const struct recon_error_type *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->type, y->type);
}

/*
 * Actual against forecast for each workload of the profile: the workload's
 * name is the job. The forecast is one 30-day month at the prices of the
 * date of use, every request on the Batch API and succeeding.
 *
 * With `partial`, what no price covers does not stop it. A workload whose
 * model has no price has no forecast and no variance (recorded with
 * pricing_unpriced_workload), its actual still summed. Billed usage of the
 * job no price covers is left out of the actual and of everything the
 * variance splits, which is then of the priced part only (unpriced_billed
 * says how much is left out), never counted as $0 of actual.
 */
static enum status forecast_rows(struct pricing *pr, const struct recon *r,
                                 const struct recon_priced *costs,
                                 const struct profile *forecast, bool partial,
                                 struct recon_forecast_row *rows, struct diag *d)
{
	const struct ratio month = {30, 1};

	for (size_t i = 0; i < forecast->count; i++) {
		struct recon_forecast_row *row = &rows[i];
		const struct workload *w = &forecast->workloads[i];
		const struct model *m;
		const struct price_entry *p = NULL;
		struct price_entry uplifted;
		struct token_counts tf;
		struct cost_breakdown one, c;
		struct variance_input in;
		bool overflow = false;
		enum status st;

		memset(row, 0, sizeof *row);
		memset(&in, 0, sizeof in);
		row->w = w;
		/* All batch: a service tier does not apply, the US uplift does. */
		if ((st = pricing_lookup(pr, w->model, pr->day, &m, &p, d)) ||
		    (st = pricing_workload_fits(w, m, d)) ||
		    (st = price_at_tiers(m, p, NULL, w->inference_geo, pr->day, &uplifted,
		                         &p, d)) ||
		    (st = workload_requests_per_month(w, month, &row->forecast_requests, d)) ||
		    (st = workload_tokens(w, &tf, d)) ||
		    (st = cost_request(p, &tf, true, &one, d))) {
			char where[300];
			struct diag why = *d;

			if (st != STATUS_UNKNOWN_MODEL || !partial) {
				diag_prefix(d, w->name);
				return st;
			}
			snprintf(where, sizeof where, "%s: workload %s", forecast->origin,
			         w->name);
			diag_prefix(&why, where);
			row->forecast_unpriced = true;
			p = NULL;
			if ((st = workload_requests_per_month(w, month, &row->forecast_requests,
			                                      d)) ||
			    (st = pricing_unpriced_workload(pr, forecast->origin, w,
			                                    pricing_find_model(pr, w->model),
			                                    row->forecast_requests, &why, d)))
				return st;
		}
		in.forecast_per_request = row->forecast_unpriced ? money_zero() : one.total;
		in.forecast_requests = row->forecast_requests;
		for (size_t k = 0; k < r->count; k++) {
			const struct recon_bucket *b = &r->buckets[k];
			if (strcmp(b->job, w->name) != 0)
				continue;
			row->any_actual = true;
			if (b->billed > 0 && !costs[k].priced) {
				/* No price: in neither the actual nor the variance. */
				overflow |= __builtin_add_overflow(row->unpriced_billed, b->billed,
				                                   &row->unpriced_billed);
				continue;
			}
			for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
				overflow |= __builtin_add_overflow(in.actual_requests, b->outcomes[o],
				                                   &in.actual_requests);
			overflow |= __builtin_add_overflow(in.billed_requests, b->billed,
			                                   &in.billed_requests);
			for (int t = 0; t < TOKEN_CLASS_COUNT; t++)
				overflow |= __builtin_add_overflow(row->tokens.n[t], b->tokens.n[t],
				                                   &row->tokens.n[t]);
			in.actual = money_add(in.actual, costs[k].batch, &overflow);
			if (b->billed == 0 || !p)
				continue;
			/* The same requests, each at its own tier, at the forecast's rates. */
			st = cost_at_tier(b->long_context && p->has_long_context
			                  ? &p->long_context : &p->standard,
			                  &b->tokens, true, &c, d);
			if (st) {
				diag_prefix(d, w->name);
				return st;
			}
			in.actual_at_forecast_rates = money_add(in.actual_at_forecast_rates,
			                                        c.total, &overflow);
		}
		if (overflow)
			return diag_set(d, STATUS_OVERFLOW, "%s: a total does not fit", w->name);
		row->actual_requests = in.actual_requests;
		row->billed = in.billed_requests;
		row->actual_unpriced = row->unpriced_billed > 0 && in.billed_requests == 0;
		if (row->forecast_unpriced) {
			row->v.actual = in.actual; /* no forecast: nothing to split */
			continue;
		}
		if ((st = variance_split(&in, &row->v, d)))
			return st;
	}
	return STATUS_OK;
}

static enum status figures_compute(struct pricing *pr, struct recon_run *run,
                                   enum recon_group group,
                                   const struct profile *forecast, bool partial,
                                   struct recon_figures *f, struct diag *d)
{
	const struct recon *r = &run->r;
	struct recon_row *all = NULL;
	size_t all_count;
	bool overflow = r->overflow;
	int unpriced = 0;
	enum status st;

	memset(f, 0, sizeof *f);
	if (!(f->buckets = calloc(r->count ? r->count : 1, sizeof *f->buckets)))
		return diag_set(d, STATUS_IO, "out of memory");
	qsort(run->r.errors, r->error_count, sizeof r->errors[0], error_cmp);
	st = price_buckets(pr, r, f->buckets, &overflow, &unpriced, d);
	if (st == STATUS_UNKNOWN_MODEL && partial) {
		f->unpriced_models = (size_t)unpriced;
		f->unpriced = *d;
		st = STATUS_OK;
	}
	if (st != STATUS_OK) {
		recon_figures_release(f);
		return st;
	}
	f->model_count = aggregate(r, f->buckets, GROUP_MODEL, true, &f->models, &overflow);
	f->group_count = aggregate(r, f->buckets, group, false, &f->groups, &overflow);
	f->job_count = aggregate(r, f->buckets, GROUP_JOB, false, &f->jobs, &overflow);
	all_count = aggregate(r, f->buckets, GROUP_BATCH, false, &all, &overflow);
	sum_rows(all, all_count, &f->total, &overflow);
	f->total.unpriced = unpriced > 0;
	/* The total has a price when some job has one (none: NOT PRICED). */
	for (size_t i = 0; i < all_count; i++)
		f->total.priced_any |= !all[i].unpriced || all[i].priced_any;
	free(all);
	for (size_t i = 0; i < f->model_count; i++)
		overflow |= __builtin_add_overflow(f->model_requests, f->models[i].requests,
		                                   &f->model_requests);
	if (forecast) {
		f->forecast = calloc(forecast->count ? forecast->count : 1,
		                     sizeof *f->forecast);
		st = f->forecast ? forecast_rows(pr, r, f->buckets, forecast, partial,
		                                 f->forecast, d)
		                 : diag_set(d, STATUS_IO, "out of memory");
	}
	f->success = f->total.requests
	             ? (double)f->total.outcomes[RECON_SUCCEEDED] / (double)f->total.requests
	             : 1.0;
	if (st == STATUS_OK && overflow)
		st = diag_set(d, STATUS_OVERFLOW, "a total does not fit");
	if (st != STATUS_OK)
		recon_figures_release(f);
	return st;
}

enum status recon_figures_compute(struct pricing *pr, struct recon_run *run,
                                  enum recon_group group,
                                  const struct profile *forecast,
                                  struct recon_figures *f, struct diag *d)
{
	return figures_compute(pr, run, group, forecast, false, f, d);
}

enum status recon_figures_compute_partial(struct pricing *pr, struct recon_run *run,
                                          enum recon_group group,
                                          const struct profile *forecast,
                                          struct recon_figures *f, struct diag *d)
{
	enum status st = figures_compute(pr, run, group, forecast, true, f, d);

	if (st == STATUS_OK && f->unpriced_models) {
		*d = f->unpriced;
		return STATUS_UNKNOWN_MODEL;
	}
	return st;
}

void recon_figures_release(struct recon_figures *f)
{
	free(f->buckets);
	free(f->models);
	free(f->groups);
	free(f->jobs);
	free(f->forecast);
	memset(f, 0, sizeof *f);
}
