#include "bill_check.h"

#include "files.h"
#include "../models/sha256.h"


#include <stdlib.h>
#include <string.h>

/* One day, provider, kind, label, tier, token class and context band. */
struct cell {
	date_days day;
	const char *provider;
	const char *label;
	enum bill_cell_kind kind;
	enum usage_tier tier;
	enum token_class cls;
	bool long_context;
	/* the bill */
	bool has_billed;
	money billed;
	int64_t rounded_rows;
	bool has_usage_tokens;   /* counted by a usage report */
	int64_t usage_tokens;
	int64_t cost_rows, cost_rows_counted, cost_tokens; /* quantities of money lines */
	/* the results */
	bool has_explained;
	money explained;
	bool results_unpriced; /* they hold usage of it no price covers */
};

struct cells {
	struct cell *items;
	size_t count, capacity;
};

static int cell_cmp(const void *pa, const void *pb)
{
	const struct cell *a = pa, *b = pb;
	int c;

	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	if ((c = strcmp(a->provider, b->provider)))
		return c;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if ((c = strcmp(a->label, b->label)))
		return c;
	if (a->tier != b->tier)
		return a->tier < b->tier ? -1 : 1;
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	return (int)a->long_context - (int)b->long_context;
}

/* Whether two cells fall on the same line (all but class and band). */
static bool same_line(const struct cell *a, const struct cell *b)
{
	return a->day == b->day && strcmp(a->provider, b->provider) == 0 &&
	       a->kind == b->kind && strcmp(a->label, b->label) == 0 && a->tier == b->tier;
}

static enum status push(struct cells *cs, const struct cell *c, struct diag *d)
{
	if (cs->count == cs->capacity) {
		size_t cap = cs->capacity ? cs->capacity * 2 : 256;
		struct cell *more = realloc(cs->items, cap * sizeof *more);
		if (!more)
			return diag_set(d, STATUS_IO, "out of memory");
		cs->items = more;
		cs->capacity = cap;
	}
	cs->items[cs->count++] = *c;
	return STATUS_OK;
}

static void cell_add(struct cell *dst, const struct cell *src, bool *overflow)
{
	dst->has_billed |= src->has_billed;
	dst->billed = money_add(dst->billed, src->billed, overflow);
	*overflow |= __builtin_add_overflow(dst->rounded_rows, src->rounded_rows,
	                                    &dst->rounded_rows);
	dst->has_usage_tokens |= src->has_usage_tokens;
	*overflow |= __builtin_add_overflow(dst->usage_tokens, src->usage_tokens,
	                                    &dst->usage_tokens);
	*overflow |= __builtin_add_overflow(dst->cost_rows, src->cost_rows, &dst->cost_rows);
	*overflow |= __builtin_add_overflow(dst->cost_rows_counted, src->cost_rows_counted,
	                                    &dst->cost_rows_counted);
	*overflow |= __builtin_add_overflow(dst->cost_tokens, src->cost_tokens,
	                                    &dst->cost_tokens);
	dst->has_explained |= src->has_explained;
	dst->explained = money_add(dst->explained, src->explained, overflow);
	dst->results_unpriced |= src->results_unpriced;
}

/* Sorts and sums cells of the same key. */
static void merge(struct cells *cs, bool *overflow)
{
	size_t out = 0;

	if (cs->count == 0)
		return;
	qsort(cs->items, cs->count, sizeof *cs->items, cell_cmp);
	for (size_t i = 1; i < cs->count; i++) {
		if (cell_cmp(&cs->items[out], &cs->items[i]) == 0)
			cell_add(&cs->items[out], &cs->items[i], overflow);
		else
			cs->items[++out] = cs->items[i];
	}
	cs->count = out + 1;
}

static enum status note_unmapped(struct bill_check *b, const struct usage_row *r,
                                 bool *overflow, struct diag *d)
{
	struct bill_unmapped *u, *more;

	for (size_t i = 0; i < b->unmapped_count; i++) {
		u = &b->unmapped[i];
		if (strcmp(u->model, r->model) != 0)
			continue;
		u->rows++;
		if (r->has_amount) {
			u->has_billed = true;
			u->billed = money_add(u->billed, r->amount, overflow);
		}
		return STATUS_OK;
	}
	more = realloc(b->unmapped, (b->unmapped_count + 1) * sizeof *more);
	if (!more)
		return diag_set(d, STATUS_IO, "out of memory");
	b->unmapped = more;
	u = &b->unmapped[b->unmapped_count];
	memset(u, 0, sizeof *u);
	u->model = strdup(r->model);
	u->where = strdup(r->where);
	if (!u->model || !u->where) {
		free(u->model);
		free(u->where);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	b->unmapped_count++;
	u->rows = 1;
	u->has_billed = r->has_amount;
	u->billed = r->has_amount ? r->amount : money_zero();
	return STATUS_OK;
}

/* The bill's rows in the period as cells (not yet merged). */
static enum status bill_cells(struct bill_check *b, const struct usage_set *set,
                              struct cells *cs, bool *overflow, struct diag *d)
{
	enum status st;

	for (size_t i = 0; i < set->count; i++) {
		const struct usage_row *r = &set->rows[i];
		struct cell c;

		if (r->kind == USAGE_REQUESTS || (!r->has_amount && r->kind != USAGE_TOKENS))
			continue; /* counts, not money: not part of a bill */
		if (r->day < b->since || r->day > b->until) {
			b->rows_outside++;
			continue;
		}
		memset(&c, 0, sizeof c);
		c.day = r->day;
		c.provider = r->provider;
		c.tier = r->tier;
		switch (r->kind) {
		case USAGE_TOKENS:
			if (!r->model_id) {
				if (r->model[0] && (st = note_unmapped(b, r, overflow, d)))
					return st;
				if (!r->has_amount)
					continue; /* tokens of an unknown model: listed only */
				c.kind = BILL_CELL_UNATTRIBUTED;
				c.label = r->model[0] ? r->model : "tokens of no model";
				c.tier = USAGE_TIER_UNKNOWN;
				break;
			}
			c.kind = BILL_CELL_TOKENS;
			c.label = r->model_id;
			c.cls = r->cls;
			c.long_context = r->long_context;
			break;
		case USAGE_CHARGE:
			c.kind = BILL_CELL_NON_TOKEN;
			c.label = r->item;
			c.tier = USAGE_TIER_UNKNOWN;
			break;
		case USAGE_ROUNDING:
			c.kind = BILL_CELL_ROUNDING;
			c.label = r->item;
			c.tier = USAGE_TIER_UNKNOWN;
			break;
		default:
			c.kind = BILL_CELL_UNATTRIBUTED;
			c.label = r->model[0] ? r->model : r->item;
			c.tier = USAGE_TIER_UNKNOWN;
			break;
		}
		if (r->has_amount) {
			c.has_billed = true;
			c.billed = r->amount;
			c.rounded_rows = r->rounded;
			c.cost_rows = 1;
			if (r->kind == USAGE_TOKENS && r->has_quantity) {
				c.cost_rows_counted = 1;
				c.cost_tokens = r->quantity;
			}
		} else if (r->kind == USAGE_TOKENS) {
			c.has_usage_tokens = true;
			c.usage_tokens = r->quantity;
		}
		if ((st = push(cs, &c, d)))
			return st;
	}
	merge(cs, overflow);
	return STATUS_OK;
}

static struct cell *find(struct cells *cs, const struct cell *key)
{
	return cs->count ? bsearch(key, cs->items, cs->count, sizeof *cs->items, cell_cmp)
	                 : NULL;
}

/* A bucket of the results no price covers: it explains nothing, and the
 * bill's cells of its model on its day (batch, or of unknown tier) are
 * marked, their difference not_priced (models/bill.h). A model the catalogue
 * does not know has no such cells: the bill names it under "no model". */
static enum status mark_unpriced(struct bill_check *b, const struct catalogue *cat,
                                 const struct recon_bucket *k, struct cells *cs,
                                 struct cells *extra, bool *overflow, struct diag *d)
{
	enum model_match how;
	const struct model *m = catalogue_find_model(cat, k->model, &how);

	*overflow |= __builtin_add_overflow(b->unpriced_requests, k->billed,
	                                    &b->unpriced_requests);
	if (!m)
		return STATUS_OK;
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		static const enum usage_tier tiers[] = {USAGE_TIER_BATCH, USAGE_TIER_UNKNOWN};
		struct cell key;
		bool marked = false;

		if (k->tokens.n[c] == 0)
			continue;
		memset(&key, 0, sizeof key);
		key.day = k->day;
		key.provider = m->provider;
		key.kind = BILL_CELL_TOKENS;
		key.label = m->id;
		key.cls = (enum token_class)c;
		/* Without a price the context band is unknown: either one. */
		for (int t = 0; t < 2; t++)
			for (int band = 0; band < 2; band++) {
				struct cell *hit;
				key.tier = tiers[t];
				key.long_context = band;
				if ((hit = find(cs, &key))) {
					hit->results_unpriced = true;
					marked = true;
				}
			}
		if (marked)
			continue;
		key.tier = USAGE_TIER_BATCH;
		key.long_context = false;
		key.results_unpriced = true;
		if (push(extra, &key, d) != STATUS_OK) /* cs stays sorted for find() */
			return STATUS_IO;
	}
	return STATUS_OK;
}

/* Explained money of one day, model, class and band, into its cell: the
 * bill's batch cell with money, else (a bill that does not say the tier
 * holds batch traffic too) its cell of unknown tier with money, else the
 * batch cell of a usage report's tokens; else a new cell in `extra`. */
static enum status explain(struct cells *cs, struct cells *extra, date_days day,
                           const struct model *m, enum token_class cls,
                           bool long_context, money amount, bool *overflow,
                           struct diag *d)
{
	struct cell key, *hit;

	memset(&key, 0, sizeof key);
	key.day = day;
	key.provider = m->provider;
	key.kind = BILL_CELL_TOKENS;
	key.label = m->id;
	key.tier = USAGE_TIER_BATCH;
	key.cls = cls;
	key.long_context = long_context;
	if (!(hit = find(cs, &key)) || !hit->has_billed) {
		struct cell *unknown;
		key.tier = USAGE_TIER_UNKNOWN;
		if ((unknown = find(cs, &key)) && unknown->has_billed)
			hit = unknown;
		key.tier = USAGE_TIER_BATCH;
	}
	if (hit) {
		hit->has_explained = true;
		hit->explained = money_add(hit->explained, amount, overflow);
		return STATUS_OK;
	}
	key.has_explained = true;
	key.explained = amount;
	return push(extra, &key, d);
}

/* The cells `extra` holds, merged into cs. */
static enum status add_extra(struct cells *cs, struct cells *extra, enum status st,
                             bool *overflow, struct diag *d)
{
	merge(extra, overflow);
	for (size_t i = 0; i < extra->count && st == STATUS_OK; i++)
		st = push(cs, &extra->items[i], d);
	free(extra->items);
	if (st == STATUS_OK)
		merge(cs, overflow);
	return st;
}

/* The results' billed tokens at the catalogue's batch rates, into the cells. */
static enum status explained_cells(struct pricing *pr, struct bill_check *b,
                                   const struct recon *r, struct cells *cs,
                                   bool *overflow, struct diag *d)
{
	struct cells extra = {NULL, 0, 0};
	enum status st = STATUS_OK;

	for (size_t i = 0; i < r->count && st == STATUS_OK; i++) {
		const struct recon_bucket *k = &r->buckets[i];
		const struct model *m;
		const struct price_entry *p;
		const struct price_tier *tier;
		struct cost_breakdown cost;

		if (!*k->model || k->billed == 0)
			continue;
		if (k->day < b->since || k->day > b->until) {
			*overflow |= __builtin_add_overflow(b->requests_outside, k->billed,
			                                    &b->requests_outside);
			continue;
		}
		st = catalogue_price(&pr->catalogue, k->model, k->day, &m, &p, d);
		if (st == STATUS_UNKNOWN_MODEL) {
			/* Listed by the reconciliation's figures (pricing_unpriced). */
			st = mark_unpriced(b, &pr->catalogue, k, cs, &extra, overflow, d);
			continue;
		}
		if (st != STATUS_OK)
			break;
		tier = k->long_context && p->has_long_context ? &p->long_context : &p->standard;
		if ((st = cost_at_tier(tier, &k->tokens, true, &cost, d)))
			break;
		for (int c = 0; c < TOKEN_CLASS_COUNT && st == STATUS_OK; c++) {
			if (k->tokens.n[c] == 0 && money_is_zero(cost.by_class[c]))
				continue;
			st = explain(cs, &extra, k->day, m, (enum token_class)c,
			             k->long_context && p->has_long_context, cost.by_class[c],
			             overflow, d);
		}
	}
	return add_extra(cs, &extra, st, overflow, d);
}

/*
 * The ledger's recorded batch cost, into the cells: the money as recorded,
 * never priced again. The catalogue only names the model (its id and
 * provider, routed as reconcile routes it), so that it meets the bill's
 * rows of the same model.
 */
static enum status ledger_cells(struct pricing *pr, struct bill_check *b,
                                const struct ledger_usage *u, size_t count,
                                struct cells *cs, bool *overflow, struct diag *d)
{
	struct cells extra = {NULL, 0, 0};
	enum status st = STATUS_OK;

	for (size_t i = 0; i < count && st == STATUS_OK; i++) {
		const struct model *m;
		const struct price_entry *p;

		if (u[i].day < b->since || u[i].day > b->until) {
			b->ledger_outside = money_add(b->ledger_outside, u[i].batch, overflow);
			continue;
		}
		if (catalogue_price(&pr->catalogue, u[i].model, u[i].day, &m, &p, d) !=
		    STATUS_OK) {
			char day[DATE_TEXT_SIZE], why[DIAG_SIZE];
			date_format(u[i].day, day);
			snprintf(why, sizeof why, "%s", d->text);
			st = diag_set(d, STATUS_UNKNOWN_MODEL, "ledger: \"%s\" (recorded for "
			              "%s) is not a model of the catalogue on that day, so its "
			              "bill's rows cannot be found: %s", u[i].model, day, why);
			break;
		}
		st = explain(cs, &extra, u[i].day, m, u[i].cls, u[i].long_context,
		             u[i].batch, overflow, d);
	}
	return add_extra(cs, &extra, st, overflow, d);
}

/* X: the bill's own tokens of a matched cell at the catalogue's rates of its
 * tier, when the bill counts them and says the tier. */
static bool at_our_prices(const struct catalogue *cat, const struct cell *c,
                          money *out, bool *overflow)
{
	const struct model *m;
	const struct price_entry *p;
	const struct price_tier *tier;
	const struct rate_set *rates;
	struct diag ignored;
	int64_t tokens;

	if (c->has_usage_tokens)
		tokens = c->usage_tokens;
	else if (c->cost_rows > 0 && c->cost_rows_counted == c->cost_rows)
		tokens = c->cost_tokens;
	else
		return false;
	if ((c->tier != USAGE_TIER_STANDARD && c->tier != USAGE_TIER_BATCH) ||
	    catalogue_price(cat, c->label, c->day, &m, &p, &ignored) != STATUS_OK)
		return false;
	if (c->long_context && !p->has_long_context)
		return false;
	tier = c->long_context ? &p->long_context : &p->standard;
	rates = c->tier == USAGE_TIER_BATCH ? &tier->batch : &tier->sync;
	if (!rates->offered[c->cls])
		return false;
	*out = money_tokens_at(tokens, rates->rates[c->cls], overflow);
	return true;
}

static enum status add_line(struct bill_check *b, const struct cell *c, size_t *cap,
                            struct diag *d)
{
	struct bill_line *l;

	if (b->line_count == *cap) {
		size_t bigger = *cap ? *cap * 2 : 64;
		struct bill_line *more = realloc(b->lines, bigger * sizeof *more);
		if (!more)
			return diag_set(d, STATUS_IO, "out of memory");
		b->lines = more;
		*cap = bigger;
	}
	l = &b->lines[b->line_count];
	memset(l, 0, sizeof *l);
	if (!(l->label = strdup(c->label)))
		return diag_set(d, STATUS_IO, "out of memory");
	b->line_count++;
	l->day = c->day;
	l->provider = c->provider;
	l->tier = c->tier;
	l->kind = c->kind;
	return STATUS_OK;
}

static enum status lines_of(struct pricing *pr, struct bill_check *b,
                            const struct cells *cs, bool *overflow, struct diag *d)
{
	size_t cap = 0, last = 0;
	enum status st;

	for (size_t i = 0; i < cs->count; i++) {
		const struct cell *c = &cs->items[i];
		struct bill_cell in;
		struct bill_split s;
		struct bill_line *l;

		/* A usage report's tokens that no money line and no result meet
		 * carry no money either way: not a line of the bill. */
		if (!c->has_billed && !c->has_explained)
			continue;
		if (b->line_count == 0 || !same_line(&cs->items[last], c))
			if ((st = add_line(b, c, &cap, d)))
				return st;
		last = i;
		l = &b->lines[b->line_count - 1];
		memset(&in, 0, sizeof in);
		in.kind = c->kind;
		in.has_billed = c->has_billed;
		in.billed = c->billed;
		in.rounded_rows = c->rounded_rows;
		in.has_explained = c->has_explained;
		in.explained = c->explained;
		in.results_unpriced = c->results_unpriced;
		if (c->results_unpriced && c->has_billed)
			b->cells_not_priced++;
		if (c->kind == BILL_CELL_TOKENS && c->has_billed && c->has_explained) {
			in.has_at_our_prices = at_our_prices(&pr->catalogue, c,
			                                     &in.at_our_prices, overflow);
			if (in.has_at_our_prices)
				b->cells_priced++;
			else
				b->cells_unpriced++;
		}
		if ((st = bill_split_cell(&in, &s, d)))
			return st;
		l->has_billed |= c->has_billed;
		l->has_explained |= c->has_explained;
		bill_split_add(&l->split, &s, overflow);
		bill_split_add(&b->total, &s, overflow);
	}
	return STATUS_OK;
}

/* Each workload of the profile on every day of the period, by model. */
static enum status forecast_rows(struct pricing *pr, struct bill_check *b,
                                 const struct profile *profile, bool *overflow,
                                 struct diag *d)
{
	struct pricing_months pm;
	enum status st;

	if ((st = pricing_months_compute_partial(pr, profile->workloads, profile->count,
	                                         profile->origin, b->since, b->until,
	                                         &pm, d)))
		return st;
	b->forecast_unpriced = pm.unpriced;
	b->forecast = calloc(profile->count ? profile->count : 1, sizeof *b->forecast);
	if (!b->forecast) {
		pricing_months_release(&pm);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (size_t w = 0; w < profile->count; w++) {
		struct bill_forecast_row *f = NULL;
		money hybrid = money_zero(), all_batch = money_zero(), batch;

		for (size_t k = 0; k < pm.count; k++) {
			const money *fig = &pm.months[k].workload_usd[w * PRICING_FIGURES];
			hybrid = money_add(hybrid, fig[PRICING_HYBRID], overflow);
			all_batch = money_add(all_batch, fig[PRICING_BATCH], overflow);
		}
		/* the batch share of the all-batch cost; the rest of the hybrid is
		 * sync, so the two parts add up to the hybrid exactly */
		batch = money_scale(all_batch, profile->workloads[w].batch_share, SHARE_SCALE,
		                    overflow);
		/* A workload never priced in the period has no catalogue id. */
		const char *model = pm.models[w] ? pm.models[w]->id
		                                 : profile->workloads[w].model;
		for (size_t k = 0; k < b->forecast_count; k++)
			if (strcmp(b->forecast[k].model, model) == 0)
				f = &b->forecast[k];
		if (!f) {
			f = &b->forecast[b->forecast_count++];
			f->model = model;
		}
		f->unpriced |= pm.unpriced_days[w] > 0;
		f->priced_any |= pm.unpriced_days[w] < b->until - b->since + 1;
		f->batch = money_add(f->batch, batch, overflow);
		f->sync = money_add(f->sync, money_sub(hybrid, batch, overflow), overflow);
		f->forecast = money_add(f->forecast, hybrid, overflow);
		b->forecast_total = money_add(b->forecast_total, hybrid, overflow);
	}
	pricing_months_release(&pm);
	for (size_t k = 0; k < b->forecast_count; k++)
		for (size_t i = 0; i < b->line_count; i++) {
			const struct bill_line *l = &b->lines[i];
			if (l->kind != BILL_CELL_TOKENS || strcmp(l->label, b->forecast[k].model))
				continue;
			b->forecast[k].billed = money_add(b->forecast[k].billed, l->split.billed,
			                                  overflow);
			b->forecast[k].explained = money_add(b->forecast[k].explained,
			                                     l->split.explained, overflow);
		}
	return STATUS_OK;
}

enum status bill_check_compute(struct pricing *pr, const struct usage_set *set,
                               const struct bill_options *o, struct bill_check *b,
                               struct diag *d)
{
	struct cells cs = {NULL, 0, 0};
	bool overflow = false, money_seen = false;
	enum status st;

	memset(b, 0, sizeof *b);
	b->has_results = o->results != NULL || o->ledger != NULL;
	for (size_t i = 0; i < set->count && !money_seen; i++)
		money_seen = set->rows[i].has_amount;
	if (!money_seen)
		return diag_set(d, STATUS_INPUT, "bill: expected a cost report (money), "
		                "found only usage reports (token counts): give the cost "
		                "report too (or use 'batchcalc profile from-usage')");
	if (o->has_period) {
		b->since = o->since;
		b->until = o->until;
	} else {
		/* the days the cost reports cover */
		b->since = DATE_OPEN_END;
		b->until = INT32_MIN;
		for (size_t i = 0; i < set->file_count; i++) {
			if (!set->files[i].money)
				continue;
			if (set->files[i].first < b->since)
				b->since = set->files[i].first;
			if (set->files[i].last > b->until)
				b->until = set->files[i].last;
		}
	}
	b->days = (int64_t)b->until - b->since + 1;
	st = bill_cells(b, set, &cs, &overflow, d);
	if (st == STATUS_OK && o->results)
		st = explained_cells(pr, b, o->results, &cs, &overflow, d);
	else if (st == STATUS_OK && o->ledger)
		st = ledger_cells(pr, b, o->ledger, o->ledger_count, &cs, &overflow, d);
	if (st == STATUS_OK && cs.count == 0)
		st = diag_set(d, STATUS_INPUT, "bill: expected money in the period, found "
		              "none (%zu row%s of the reports lie outside it)", b->rows_outside,
		              b->rows_outside == 1 ? "" : "s");
	if (st == STATUS_OK)
		st = lines_of(pr, b, &cs, &overflow, d);
	if (st == STATUS_OK && o->forecast)
		st = forecast_rows(pr, b, o->forecast, &overflow, d);
	free(cs.items);
	if (st == STATUS_OK && overflow)
		st = diag_set(d, STATUS_OVERFLOW, "bill: a total does not fit");
	if (st != STATUS_OK)
		bill_check_release(b);
	return st;
}

void bill_check_release(struct bill_check *b)
{
	for (size_t i = 0; i < b->line_count; i++)
		free(b->lines[i].label);
	for (size_t i = 0; i < b->unmapped_count; i++) {
		free(b->unmapped[i].model);
		free(b->unmapped[i].where);
	}
	free(b->lines);
	free(b->unmapped);
	free(b->forecast);
	memset(b, 0, sizeof *b);
}

enum status bill_load_reports(const char *const *paths, int count,
                              struct usage_set *set, struct diag *d)
{
	char (*sums)[SHA256_HEX_SIZE] = calloc(count > 0 ? (size_t)count : 1, sizeof *sums);
	enum status st = STATUS_OK;

	if (!sums)
		return diag_set(d, STATUS_IO, "out of memory");
	for (int i = 0; i < count && st == STATUS_OK; i++) {
		char *text;
		size_t len;

		if ((st = file_read_all(paths[i], &text, &len, d)))
			break;
		sha256_hex(text, len, sums[i]);
		for (int k = 0; k < i && st == STATUS_OK; k++)
			if (strcmp(sums[k], sums[i]) == 0)
				st = diag_set(d, STATUS_INPUT, "%s: expected each report once, found "
				              "the same bytes as %s (a page given twice would be "
				              "billed twice)", paths[i], paths[k]);
		if (st == STATUS_OK)
			st = usage_load_text(set, text, len, strcmp(paths[i], "-") ? paths[i]
			                                                          : "<stdin>", d);
		free(text);
	}
	free(sums);
	return st;
}

const char *bill_line_tier(const struct bill_line *l)
{
	switch (l->kind) {
	case BILL_CELL_NON_TOKEN:
		return "charge";
	case BILL_CELL_ROUNDING:
		return "rounding";
	case BILL_CELL_UNATTRIBUTED:
		return "no model";
	default:
		return usage_tier_name(l->tier);
	}
}

const char *bill_cause_words(enum bill_cause c, bool from_ledger)
{
	if (from_ledger && c == BILL_NOT_IN_RESULTS)
		return "usage the ledger does not hold (sync traffic, other tiers)";
	if (from_ledger && c == BILL_MISSING_FROM_BILL)
		return "batches in the ledger, missing from the bill";
	return bill_cause_text(c);
}
