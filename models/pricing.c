#include "pricing.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the context -------------------------------------------------------- */

void pricing_init(struct pricing *pr, date_days day)
{
	memset(pr, 0, sizeof *pr);
	pr->day = day;
	memcpy(pr->currency.code, "USD", 4);
}

void pricing_release(struct pricing *pr)
{
	if (pr->have_catalogue)
		catalogue_release(&pr->catalogue);
	pr->have_catalogue = false;
	fx_table_release(&pr->currency.table);
	free(pr->warnings);
	pr->warnings = NULL;
	pr->warning_count = pr->warning_capacity = 0;
	memset(pr->unpriced, 0, sizeof pr->unpriced);
}

void pricing_use_rate(struct pricing *pr, const char *code, int64_t micro)
{
	snprintf(pr->currency.code, sizeof pr->currency.code, "%s", code);
	pr->currency.converting = true;
	pr->currency.source = NULL;
	pr->currency.fixed = micro;
}

enum status pricing_use_table(struct pricing *pr, const char *code,
                              const char *source, struct fx_table *table,
                              struct diag *d)
{
	struct pricing_currency *c = &pr->currency;

	snprintf(c->code, sizeof c->code, "%s", code);
	c->converting = true;
	c->source = source;
	fx_table_release(&c->table);
	c->table = *table;
	memset(table, 0, sizeof *table);
	if (!fx_first(&c->table, c->code))
		return diag_set(d, STATUS_INPUT, "%s: expected rates for %s, found none",
		                source, c->code);
	return STATUS_OK;
}

/* Adds the warning unless the same one is there; *added says which. */
static enum status warn_v(struct pricing *pr, enum pricing_warning_kind kind,
                          struct diag *d, bool *added, const char *fmt, va_list ap)
{
	struct pricing_warning w;

	*added = false;
	w.kind = kind;
	w.what = PRICING_UNPRICED_WORKLOAD;
	vsnprintf(w.text, sizeof w.text, fmt, ap);
	for (size_t i = 0; i < pr->warning_count; i++)
		if (pr->warnings[i].kind == kind && strcmp(pr->warnings[i].text, w.text) == 0)
			return STATUS_OK;
	if (pr->warning_count == pr->warning_capacity) {
		size_t cap = pr->warning_capacity ? pr->warning_capacity * 2 : 8;
		struct pricing_warning *more = realloc(pr->warnings, cap * sizeof *more);
		if (!more)
			return diag_set(d, STATUS_IO, "out of memory");
		pr->warnings = more;
		pr->warning_capacity = cap;
	}
	pr->warnings[pr->warning_count++] = w;
	*added = true;
	return STATUS_OK;
}

enum status pricing_warn(struct pricing *pr, enum pricing_warning_kind kind,
                         struct diag *d, const char *fmt, ...)
{
	va_list ap;
	bool added;
	enum status st;

	va_start(ap, fmt);
	st = warn_v(pr, kind, d, &added, fmt, ap);
	va_end(ap);
	return st;
}

enum status pricing_unpriced(struct pricing *pr, enum pricing_unpriced_kind what,
                             const struct diag *why, struct diag *d,
                             const char *fmt, ...)
{
	va_list ap;
	bool added;
	enum status st;

	va_start(ap, fmt);
	st = warn_v(pr, PRICING_UNPRICED, d, &added, fmt, ap);
	va_end(ap);
	if (st != STATUS_OK || !added)
		return st;
	pr->warnings[pr->warning_count - 1].what = what;
	if (pricing_unpriced_count(pr) == 0)
		pr->unpriced_why = *why;
	pr->unpriced[what]++;
	return STATUS_OK;
}

size_t pricing_unpriced_count(const struct pricing *pr)
{
	size_t n = 0;

	for (int k = 0; k < PRICING_UNPRICED_KINDS; k++)
		n += pr->unpriced[k];
	return n;
}

enum status pricing_unpriced_status(const struct pricing *pr, struct diag *d)
{
	static const char *const nouns[PRICING_UNPRICED_KINDS] = {"workload", "model"};
	char what[128] = "";
	size_t used = 0;

	if (pricing_unpriced_count(pr) == 0)
		return STATUS_OK;
	/* "1 workload", "2 models", "1 workload and 2 models" */
	for (int k = 0; k < PRICING_UNPRICED_KINDS; k++) {
		if (!pr->unpriced[k])
			continue;
		used += (size_t)snprintf(what + used, sizeof what - used, "%s%zu %s%s",
		                         used ? " and " : "", pr->unpriced[k], nouns[k],
		                         pr->unpriced[k] == 1 ? "" : "s");
	}
	return diag_set(d, STATUS_UNKNOWN_MODEL, "%s cannot be priced; first: %s", what,
	                pr->unpriced_why.text);
}

/* ---- questions ---------------------------------------------------------- */

enum status pricing_lookup(struct pricing *pr, const char *name, date_days day,
                           const struct model **model,
                           const struct price_entry **price, struct diag *d)
{
	const struct model *from;
	enum status st = catalogue_price_routed(&pr->catalogue, name, day, model, price,
	                                        &from, d);
	const struct model *m = *model;
	const struct provider *p;
	char when[DATE_TEXT_SIZE];

	if (st == STATUS_OK && from) {
		p = catalogue_provider(&pr->catalogue, from->provider);
		date_format(from->retired_on, when);
		return pricing_warn(pr, PRICING_ROUTED, d, "%s was retired by %s on %s; "
		                    "its requests are served by %s and billed at %s's "
		                    "rates", from->id, p && p->name ? p->name : from->provider,
		                    when, m->id, m->id);
	}
	if (st != STATUS_OK || !m->retired || day < m->retired_on)
		return st;
	p = catalogue_provider(&pr->catalogue, m->provider);
	date_format(m->retired_on, when);
	return pricing_warn(pr, PRICING_RETIRED, d, "%s was retired by %s on %s; "
	                    "priced at its last list price", m->id,
	                    p && p->name ? p->name : m->provider, when);
}

const struct model *pricing_find_model(const struct pricing *pr, const char *name)
{
	enum model_match how;

	return catalogue_find_model(&pr->catalogue, name, &how);
}

enum status pricing_fx_on(struct pricing *pr, date_days day, int64_t *micro,
                          struct diag *d)
{
	struct pricing_currency *c = &pr->currency;
	const struct fx_row *row = NULL;
	date_days row_day = day;

	*micro = FX_SCALE;
	if (!c->converting)
		return STATUS_OK;
	if (c->source) {
		row = fx_rate_on(&c->table, c->code, day);
		if (!row) {
			char when[DATE_TEXT_SIZE], first[DATE_TEXT_SIZE];
			date_format(day, when);
			date_format(fx_first(&c->table, c->code)->day, first);
			return diag_set(d, STATUS_INPUT, "%s: expected a rate for %s on or "
			                "before %s, found none (the first is of %s)",
			                c->source, c->code, when, first);
		}
		*micro = row->micro;
		row_day = row->day;
	} else {
		*micro = c->fixed;
	}
	/* The stamp names one rate, or says "each date" once two were used. */
	if (c->used == 0 || (c->used == 1 && (c->used_micro != *micro ||
	                                      (row && c->used_day != row_day))))
		c->used++;
	c->used_micro = *micro;
	c->used_day = row_day;
	return STATUS_OK;
}

/* ---- figures ------------------------------------------------------------ */

const char *pricing_figure_name(enum pricing_figure f)
{
	static const char *const names[PRICING_FIGURES] = {"sync", "batch", "hybrid",
	                                                   "savings"};
	return f < PRICING_FIGURES ? names[f] : "?";
}

void pricing_figures_of(const struct workload_estimate *e,
                        money out[PRICING_FIGURES])
{
	out[PRICING_SYNC] = e->sync;
	out[PRICING_BATCH] = e->batch;
	out[PRICING_HYBRID] = e->hybrid;
	out[PRICING_SAVINGS] = e->savings;
}

/* Every amount of a breakdown at one rate, each converted once. */
static void convert_breakdown(const struct cost_breakdown *usd, int64_t fx,
                              struct cost_breakdown *out, bool *overflow)
{
	*out = *usd;
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		out->by_class[c] = fx_convert(usd->by_class[c], fx, overflow);
	out->total = fx_convert(usd->total, fx, overflow);
}

enum status pricing_request_compute(struct pricing *pr, const char *name,
                                    const struct token_counts *t,
                                    struct pricing_request *out,
                                    struct diag *d)
{
	return pricing_request_at(pr, name, NULL, NULL, t, out, d);
}

enum status pricing_request_at(struct pricing *pr, const char *name,
                               const char *service, const char *geo,
                               const struct token_counts *t,
                               struct pricing_request *out, struct diag *d)
{
	bool overflow = false;
	enum status st;

	memset(out, 0, sizeof *out);
	if ((st = pricing_lookup(pr, name, pr->day, &out->model, &out->price, d)) ||
	    (st = price_at_tiers(out->model, out->price, service, geo, pr->day,
	                         &out->tiered, &out->price, d)) ||
	    (st = cost_request(out->price, t, false, &out->sync, d)) ||
	    (st = cost_request(out->price, t, true, &out->batch, d)) ||
	    (st = pricing_fx_on(pr, pr->day, &out->fx, d)))
		return st;
	convert_breakdown(&out->sync, out->fx, &out->sync_shown, &overflow);
	convert_breakdown(&out->batch, out->fx, &out->batch_shown, &overflow);
	out->savings = money_sub(out->sync.total, out->batch.total, &overflow);
	out->savings_shown = fx_convert(out->savings, out->fx, &overflow);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the cost in %s does not fit",
		                pr->currency.code);
	return STATUS_OK;
}

/* "p.csv:3: workload a", or "p.csv: workload a" (with_line false, or a
 * workload built without a line). */
static void workload_where(const char *origin, const struct workload *w,
                           bool with_line, char *buf, size_t size)
{
	if (with_line && w->line)
		snprintf(buf, size, "%s:%ld: workload %s", origin, w->line, w->name);
	else
		snprintf(buf, size, "%s: workload %s", origin, w->name);
}

/* A count or a ratio as text, grouped, to 2 decimals, ".00" dropped. */
static const char *ratio_text(struct ratio r, char buf[64])
{
	bool overflow = false;
	money m = money_scale(money_from_cents(100), r.num, r.den, &overflow);
	size_t n;

	if (overflow || !money_format(m, 2, true, buf, 64))
		snprintf(buf, 64, "(too wide)");
	n = strlen(buf);
	if (n > 3 && strcmp(buf + n - 3, ".00") == 0)
		buf[n - 3] = '\0';
	return buf;
}

enum status pricing_unpriced_workload(struct pricing *pr, const char *origin,
                                      const struct workload *w, const struct model *m,
                                      struct ratio requests, const struct diag *why,
                                      struct diag *d)
{
	char a[64], b[64], c[64];

	return pricing_unpriced(pr, PRICING_UNPRICED_WORKLOAD, why, d,
	                        "%s: workload %s (%s): %s request%s a month NOT PRICED "
	                        "(%s): %s tokens in and %s out each", origin, w->name,
	                        w->model, ratio_text(requests, a),
	                        requests.num == requests.den ? "" : "s",
	                        m ? "no price in force on the date" : "not in the catalogue",
	                        ratio_text((struct ratio){w->input_tokens, 1}, b),
	                        ratio_text((struct ratio){w->output_tokens, 1}, c));
}

enum status pricing_workload_fits(const struct workload *w, const struct model *m,
                                  struct diag *d)
{
	/* As cost_request_fits(), with the profile's column named: the prompt
	 * (input_tokens holds every prompt class) and the output must each fit
	 * in the window. */
	const struct { const char *column, *part; int64_t tokens; } sizes[] = {
		{"input_tokens", "prompt", w->input_tokens},
		{"input_tokens_p95", "prompt", w->input_tokens_p95},
		{"output_tokens", "output", w->output_tokens},
	};
	int64_t window = cost_context_window(m);
	char why[160];

	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (sizes[i].tokens > window)
			return diag_set(d, STATUS_INPUT, "expected at most %lld %s tokens in "
			                "one request (%s), found %s = %lld", (long long)window,
			                sizes[i].part,
			                cost_context_window_text(m, w->model, why, sizeof why),
			                sizes[i].column, (long long)sizes[i].tokens);
	return STATUS_OK;
}

static void add_figures(struct workload_estimate *total,
                        const struct workload_estimate *e, bool *overflow)
{
	total->sync = money_add(total->sync, e->sync, overflow);
	total->batch = money_add(total->batch, e->batch, overflow);
	total->hybrid = money_add(total->hybrid, e->hybrid, overflow);
	total->savings = money_add(total->savings, e->savings, overflow);
	total->used_derived = total->used_derived || e->used_derived;
}

static void convert_figures(const struct workload_estimate *e, int64_t fx,
                            money out[PRICING_FIGURES], bool *overflow)
{
	pricing_figures_of(e, out);
	for (int f = 0; f < PRICING_FIGURES; f++)
		out[f] = fx_convert(out[f], fx, overflow);
}

static enum status day_compute(struct pricing *pr, const struct workload *ws,
                               size_t n, const char *origin, struct ratio month_days,
                               bool partial, struct pricing_day *out, struct diag *d)
{
	bool overflow = false, requests_fit = true;
	enum status st = STATUS_OK;

	memset(out, 0, sizeof *out);
	out->day = pr->day;
	out->month_days = month_days;
	out->total.requests_per_month.den = 1;
	out->rows = calloc(n ? n : 1, sizeof *out->rows);
	if (!out->rows)
		return diag_set(d, STATUS_IO, "out of memory");
	out->count = n;
	for (size_t i = 0; i < n && st == STATUS_OK; i++) {
		struct pricing_workload *row = &out->rows[i];

		row->w = &ws[i];
		st = pricing_lookup(pr, row->w->model, pr->day, &row->model, &row->price, d);
		if (st == STATUS_OK)
			st = pricing_workload_fits(row->w, row->model, d);
		if (st == STATUS_OK)
			st = price_at_tiers(row->model, row->price, row->w->service_tier,
			                    row->w->inference_geo, pr->day, &row->tiered,
			                    &row->price, d);
		if (st == STATUS_OK)
			st = workload_estimate(row->w, row->price, month_days, &row->e, d);
		if (st == STATUS_UNKNOWN_MODEL && partial) {
			/* Listed as not priced, never at $0; its volume is known. */
			char where[300];
			workload_where(origin, row->w, true, where, sizeof where);
			row->unpriced = true;
			row->why = *d;
			diag_prefix(&row->why, where);
			row->price = NULL;
			out->unpriced++;
			st = workload_requests_per_month(row->w, month_days,
			                                 &row->e.requests_per_month, d);
			if (st == STATUS_OK)
				st = pricing_unpriced_workload(pr, origin, row->w, row->model,
				                               row->e.requests_per_month,
				                               &row->why, d);
			continue;
		}
		if (st != STATUS_OK) {
			char where[300];
			workload_where(origin, row->w, true, where, sizeof where);
			diag_prefix(d, where);
			break;
		}
		add_figures(&out->total, &row->e, &overflow);
		requests_fit = requests_fit &&
		               ratio_add(out->total.requests_per_month,
		                         row->e.requests_per_month,
		                         &out->total.requests_per_month);
	}
	if (st == STATUS_OK && overflow)
		st = diag_set(d, STATUS_OVERFLOW, "the profile's total does not fit");
	if (st == STATUS_OK && !requests_fit)
		st = diag_set(d, STATUS_OVERFLOW, "the profile's total of requests a "
		              "month does not fit");
	if (st == STATUS_OK)
		st = pricing_fx_on(pr, pr->day, &out->fx, d);
	if (st == STATUS_OK) {
		for (size_t i = 0; i < n; i++)
			if (!out->rows[i].unpriced)
				convert_figures(&out->rows[i].e, out->fx, out->rows[i].shown,
				                &overflow);
		convert_figures(&out->total, out->fx, out->total_shown, &overflow);
		if (overflow)
			st = diag_set(d, STATUS_OVERFLOW, "the total in %s does not fit",
			              pr->currency.code);
	}
	if (st != STATUS_OK)
		pricing_day_release(out);
	return st;
}

enum status pricing_day_compute(struct pricing *pr, const struct workload *ws,
                                size_t n, const char *origin,
                                struct ratio month_days, struct pricing_day *out,
                                struct diag *d)
{
	return day_compute(pr, ws, n, origin, month_days, false, out, d);
}

enum status pricing_day_compute_partial(struct pricing *pr, const struct workload *ws,
                                        size_t n, const char *origin,
                                        struct ratio month_days,
                                        struct pricing_day *out, struct diag *d)
{
	return day_compute(pr, ws, n, origin, month_days, true, out, d);
}

enum status pricing_day_at_share(const struct pricing_day *pd, int64_t share,
                                 struct workload_estimate *total, struct diag *d)
{
	bool overflow = false;

	if (share < 0 || share > SHARE_SCALE)
		return diag_set(d, STATUS_INPUT, "batch share: expected 0..%d ppm, "
		                "found %lld", SHARE_SCALE, (long long)share);
	memset(total, 0, sizeof *total);
	total->requests_per_month = pd->total.requests_per_month;
	for (size_t i = 0; i < pd->count; i++) {
		const struct pricing_workload *row = &pd->rows[i];
		struct workload w = *row->w; /* shallow: only batch_share changes */
		struct workload_estimate e;
		enum status st;

		if (row->unpriced)
			continue;
		w.batch_share = share;
		if ((st = workload_estimate(&w, row->price, pd->month_days, &e, d)))
			return st;
		add_figures(total, &e, &overflow);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the profile's total does not fit");
	return STATUS_OK;
}

void pricing_day_release(struct pricing_day *pd)
{
	free(pd->rows);
	memset(pd, 0, sizeof *pd);
}

/* ---- by calendar month -------------------------------------------------- */

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

/* Adds one run of workload `index` to its month. */
static enum status add_run(const struct workload *w, const struct run *run,
                           struct pricing_month *m, size_t index, bool *overflow,
                           struct diag *d)
{
	struct workload_estimate e;
	struct ratio month_days = {m->days_in_month, 1};
	money f[PRICING_FIGURES];
	enum status st = workload_estimate(w, run->price, month_days, &e, d);

	if (st != STATUS_OK)
		return st;
	m->used_derived = m->used_derived || e.used_derived;
	pricing_figures_of(&e, f);
	for (int k = 0; k < PRICING_FIGURES; k++) {
		size_t at = index * PRICING_FIGURES + (size_t)k;
		money usd = money_scale(f[k], run->days, m->days_in_month, overflow);
		money shown = fx_convert(usd, run->fx, overflow);

		m->workload_usd[at] = money_add(m->workload_usd[at], usd, overflow);
		m->workload_shown[at] = money_add(m->workload_shown[at], shown, overflow);
		m->usd[k] = money_add(m->usd[k], usd, overflow);
		m->shown[k] = money_add(m->shown[k], shown, overflow);
	}
	return STATUS_OK;
}

/* Prices month m of every workload, a run of days at a time. With `gaps`
 * (partial), a day without a price for a workload is left out of its
 * figures and counted in m->workload_unpriced_days, its reason kept in
 * gaps[workload] for the first such day; otherwise it fails. */
static enum status price_month(struct pricing *pr, const struct workload *ws,
                               size_t n, const char *origin,
                               struct pricing_month *m, const struct model **models,
                               struct diag *gaps, bool *overflow, struct diag *d)
{
	enum status st;

	/* The rates first: a day without one fails before any price is asked. */
	for (date_days day = m->first; day <= m->last; day++) {
		int64_t fx;
		if ((st = pricing_fx_on(pr, day, &fx, d)))
			return st;
		if (day == m->first)
			m->fx_first = fx;
		else if (fx != m->fx_first)
			m->fx_changed = true;
	}
	for (size_t i = 0; i < n; i++) {
		const struct workload *w = &ws[i];
		struct run run;
		struct price_entry tiered;

		memset(&run, 0, sizeof run);
		for (date_days day = m->first; day <= m->last + 1; day++) {
			const struct price_entry *price = NULL, *base = NULL;
			const struct model *model;
			int64_t fx = 0;
			bool gap = false;

			if (day <= m->last) {
				struct diag why;
				st = pricing_lookup(pr, w->model, day, &model, &base, &why);
				/* Every model serving it: a retirement may route it. */
				if (st == STATUS_OK)
					st = pricing_workload_fits(w, model, &why);
				if (st == STATUS_OK)
					st = price_at_tiers(model, base, w->service_tier,
					                    w->inference_geo, day, &tiered, &price,
					                    &why);
				if (st == STATUS_OK)
					st = pricing_fx_on(pr, day, &fx, &why);
				if (st != STATUS_OK) {
					char where[300];
					workload_where(origin, w, false, where, sizeof where);
					diag_prefix(&why, where);
					if (st != STATUS_UNKNOWN_MODEL || !gaps) {
						*d = why;
						return st;
					}
					/* Not priced that day: in none of the figures. */
					if (!m->workload_unpriced_days[i] && !gaps[i].text[0])
						gaps[i] = why;
					gap = true;
					base = NULL;
				}
				if (!gap && !models[i])
					models[i] = model;
			}
			if (run.days > 0 && (day > m->last || gap || base != run.base ||
			                     fx != run.fx ||
			                     (price != base &&
			                      (tiered.service != run.service ||
			                       tiered.uplift != run.uplift)))) {
				if ((st = add_run(w, &run, m, i, overflow, d)))
					return st;
				run.days = 0;
			}
			if (day > m->last)
				break;
			if (gap) {
				m->workload_unpriced_days[i]++;
				continue;
			}
			if (run.days == 0) {
				run.base = base;
				run.service = price != base ? tiered.service : NULL;
				run.uplift = price != base ? tiered.uplift : NULL;
				run.tiered = tiered;
				run.price = price != base ? &run.tiered : base;
			}
			run.fx = fx;
			run.days++;
		}
		if (m->workload_unpriced_days[i])
			m->unpriced++;
	}
	return STATUS_OK;
}

static enum status months_compute(struct pricing *pr, const struct workload *ws,
                                  size_t n, const char *origin, date_days since,
                                  date_days until, bool partial,
                                  struct pricing_months *out, struct diag *d)
{
	int y0, m0, d0, y1, m1, d1;
	bool overflow = false;
	enum status st = STATUS_OK;
	struct diag *gaps = NULL;
	size_t count;

	memset(out, 0, sizeof *out);
	date_to_civil(since, &y0, &m0, &d0);
	date_to_civil(until, &y1, &m1, &d1);
	count = (size_t)((y1 - y0) * 12 + (m1 - m0) + 1);
	out->months = calloc(count, sizeof *out->months);
	out->models = calloc(n ? n : 1, sizeof *out->models);
	out->unpriced_days = calloc(n ? n : 1, sizeof *out->unpriced_days);
	if (partial)
		gaps = calloc(n ? n : 1, sizeof *gaps);
	if (!out->months || !out->models || !out->unpriced_days || (partial && !gaps))
		st = diag_set(d, STATUS_IO, "out of memory");
	for (size_t k = 0; k < count && st == STATUS_OK; k++) {
		struct pricing_month *m = &out->months[k];
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
		m->workload_usd = calloc(n * PRICING_FIGURES + 1, sizeof(money));
		m->workload_shown = calloc(n * PRICING_FIGURES + 1, sizeof(money));
		m->workload_unpriced_days = calloc(n ? n : 1, sizeof(int));
		out->count = k + 1;
		if (!m->workload_usd || !m->workload_shown || !m->workload_unpriced_days) {
			st = diag_set(d, STATUS_IO, "out of memory");
			break;
		}
		st = price_month(pr, ws, n, origin, m, out->models, gaps, &overflow, d);
		for (int f = 0; f < PRICING_FIGURES && st == STATUS_OK; f++) {
			out->usd[f] = money_add(out->usd[f], m->usd[f], &overflow);
			out->shown[f] = money_add(out->shown[f], m->shown[f], &overflow);
		}
		for (size_t i = 0; i < n && st == STATUS_OK; i++)
			out->unpriced_days[i] += m->workload_unpriced_days[i];
	}
	for (size_t i = 0; i < n && st == STATUS_OK; i++) {
		char a[64], b[64], c[64];
		struct ratio requests;

		if (!out->unpriced_days[i])
			continue;
		out->unpriced++;
		if ((st = workload_requests_per_month(&ws[i], (struct ratio){30, 1},
		                                      &requests, d)))
			break;
		st = pricing_unpriced(pr, PRICING_UNPRICED_WORKLOAD, &gaps[i], d,
		                      "%s: workload %s (%s): %d of %d day%s NOT PRICED (%s): "
		                      "%s request%s a 30-day month, %s tokens in and %s out "
		                      "each", origin, ws[i].name, ws[i].model,
		                      out->unpriced_days[i], until - since + 1,
		                      until == since ? "" : "s",
		                      pricing_find_model(pr, ws[i].model)
		                      ? "no price in force on those days"
		                      : "not in the catalogue",
		                      ratio_text(requests, a),
		                      requests.num == requests.den ? "" : "s",
		                      ratio_text((struct ratio){ws[i].input_tokens, 1}, b),
		                      ratio_text((struct ratio){ws[i].output_tokens, 1}, c));
	}
	free(gaps);
	if (st == STATUS_OK && overflow)
		st = diag_set(d, STATUS_OVERFLOW, "the period's total does not fit");
	if (st != STATUS_OK)
		pricing_months_release(out);
	return st;
}

enum status pricing_months_compute(struct pricing *pr, const struct workload *ws,
                                   size_t n, const char *origin, date_days since,
                                   date_days until, struct pricing_months *out,
                                   struct diag *d)
{
	return months_compute(pr, ws, n, origin, since, until, false, out, d);
}

enum status pricing_months_compute_partial(struct pricing *pr,
                                           const struct workload *ws, size_t n,
                                           const char *origin, date_days since,
                                           date_days until,
                                           struct pricing_months *out,
                                           struct diag *d)
{
	return months_compute(pr, ws, n, origin, since, until, true, out, d);
}

void pricing_months_release(struct pricing_months *m)
{
	for (size_t k = 0; k < m->count; k++) {
		free(m->months[k].workload_usd);
		free(m->months[k].workload_shown);
		free(m->months[k].workload_unpriced_days);
	}
	free(m->months);
	free(m->models);
	free(m->unpriced_days);
	memset(m, 0, sizeof *m);
}
