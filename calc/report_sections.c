#include "report_sections.h"

#include "latency.h"
#include "recon_report.h"
#include "report_bill.h"
#include "../models/margin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The table beside which a pricing warning is shown: the figures it
 * affects (a workload not priced is in none of the cost table's, usage of a
 * model not priced in none of the reconciled cost's). */
static const char *warned_table(const struct report_input *in,
                                const struct pricing_warning *w)
{
	size_t n = in->forecast ? strlen(in->forecast->origin) : 0;

	/* A workload of another forecast profile (report --forecast): the
	 * figures against the forecast, not the cost table. */
	if (w->kind == PRICING_UNPRICED && w->what == PRICING_UNPRICED_WORKLOAD &&
	    in->forecast && in->forecast != &in->profile &&
	    strncmp(w->text, in->forecast->origin, n) == 0 && w->text[n] == ':')
		return "actual-vs-forecast";
	switch (w->kind) {
	case PRICING_RETIRED: return "cost-by-workload";
	case PRICING_ROUTED: return "cost-by-workload";
	case PRICING_UNPRICED:
		return w->what == PRICING_UNPRICED_WORKLOAD ? "cost-by-workload"
		                                             : "reconciled-cost-by-job";
	case PRICING_STALE_TABLE: return "limits-first-exceeded";
	default: return NULL;
	}
}

/* "priced workloads only (1 NOT PRICED)" under a total, or NULL. */
static const char *priced_only(const struct report_input *in, char buf[64])
{
	if (!in->est.unpriced)
		return NULL;
	if (in->est.unpriced == in->est.count)
		snprintf(buf, 64, "no workload has a price");
	else
		snprintf(buf, 64, "priced workloads only (%zu NOT PRICED)", in->est.unpriced);
	return buf;
}

/* Whether no workload has a price: the priced part is then nothing, and
 * its totals are NOT PRICED too, never $0. */
static bool none_priced(const struct report_input *in)
{
	return in->est.count > 0 && in->est.unpriced == in->est.count;
}

/* ---- another currency --------------------------------------------------- */

/* Converts the USD columns of `cells` at `fx` (millionths of the currency
 * per USD) into shown[], the other cells as they are; buf holds the text. */
static void convert_cells(const struct report_table *t, const char *const *cells,
                          int64_t fx, char buf[][64], const char **shown,
                          bool *overflow)
{
	for (int c = 0; c < t->column_count; c++) {
		money m;
		const char *why;
		shown[c] = cells[c];
		if (t->columns[c].unit == UNIT_USD && money_parse(cells[c], &m, &why))
			shown[c] = cli_money_exact(fx_convert(m, fx, overflow), buf[c]);
	}
}

/* Adds a row in USD, and in the currency at `fx` when converting. */
static void add_row(const struct report_input *in, struct report_table *t,
                    const char *const *cells, int64_t fx, bool *overflow)
{
	char buf[REPORT_MAX_COLUMNS][64];
	const char *shown[REPORT_MAX_COLUMNS];

	if (!in->pricing->currency.converting) {
		report_table_add(t, cells);
		return;
	}
	convert_cells(t, cells, fx, buf, shown, overflow);
	report_table_add_shown(t, cells, shown);
}

static void add_footer(const struct report_input *in, struct report_table *t,
                       const char *const *cells, int64_t fx, bool *overflow)
{
	char buf[REPORT_MAX_COLUMNS][64];
	const char *shown[REPORT_MAX_COLUMNS];

	if (!in->pricing->currency.converting) {
		report_table_footer(t, cells);
		return;
	}
	convert_cells(t, cells, fx, buf, shown, overflow);
	report_table_footer_shown(t, cells, shown);
}

/* The rate of the as-of date: the estimate's figures' date of use. */
static enum status as_of_rate(const struct report_input *in, int64_t *fx,
                              struct diag *d)
{
	return pricing_fx_on(in->pricing, in->as_of, fx, d);
}

/* A headline amount: shown in the currency at `fx`, exact in USD under
 * key and, when converting, in the currency under its key ("_eur"). */
static void headline_money(struct report *r, const struct report_input *in,
                           const char *key, const char *label, money m, int64_t fx,
                           const char *detail)
{
	char exact[64], shown[64], converted[64], ckey[64];
	bool overflow = false;
	money in_currency;

	if (none_priced(in)) {
		report_add_headline(r, key, label, "NOT PRICED", "null", detail);
		if (in->pricing->currency.converting)
			report_add_headline(r, cli_currency_key(in->ctx, key, ckey), NULL,
			                    "NOT PRICED", "null", NULL);
		return;
	}
	in_currency = fx_convert(m, fx, &overflow);

	report_cell_shown(r->money_prefix, UNIT_USD, cli_money_exact(in_currency, converted),
	                  shown);
	report_add_headline(r, key, label, shown, cli_money_exact(m, exact), detail);
	if (in->pricing->currency.converting)
		report_add_headline(r, cli_currency_key(in->ctx, key, ckey), NULL, shown,
		                    converted, NULL);
}

/* ---- the monthly cost per workload (estimate) ----------------------------- */

enum {
	COST_WORKLOAD, COST_REQUESTS, COST_SHARE, COST_SYNC, COST_BATCH, COST_HYBRID,
	COST_SAVINGS, COST_MODEL, COST_DERIVED, COST_COLUMNS
};

/* The last column ("priced") only when some workload has no price. */
static const struct report_column cost_columns[COST_COLUMNS + 1] = {
	{"workload", "workload", UNIT_TEXT},
	{"requests_per_month", "requests", UNIT_COUNT},
	{"batch_share_percent", "batch share", UNIT_PERCENT},
	{"sync_usd_month", "sync", UNIT_USD},
	{"batch_usd_month", "batch", UNIT_USD},
	{"hybrid_usd_month", "hybrid", UNIT_USD},
	{"savings_usd_month", "savings", UNIT_USD},
	{"model", "model", UNIT_TEXT},
	{"derived_batch_rates", "derived", UNIT_TEXT},
	{"priced", "priced", UNIT_TEXT},
};

static enum status section_cost(struct report *r, const struct report_input *in,
                                struct diag *d)
{
	const struct pricing_day *est = &in->est;
#define COST_NOTE \
	"USD per month: all on the real-time API (sync), all on the Batch API " \
	"(batch), and the profile's plan (hybrid: batch share to batch, the rest " \
	"sync); savings = sync - hybrid. \"derived\": a batch rate derived by the " \
	"provider's rule, not published. The CSV has the exact figures."
	struct report_table *t = report_add_table(
		r, "cost-by-workload", "Monthly cost per workload",
		est->unpriced ? COST_NOTE " A workload without a price is NOT PRICED (empty "
		                "in the CSV) and in no total: the totals are of the priced "
		                "workloads only."
		              : COST_NOTE,
		cost_columns, COST_COLUMNS + (est->unpriced ? 1 : 0));
#undef COST_NOTE
	char buf[COST_COLUMNS][64];
	const char *cells[COST_COLUMNS + 1];
	bool overflow = false;
	int64_t fx;
	enum status st;

	if ((st = as_of_rate(in, &fx, d)))
		return st;
	for (size_t i = 0; i < est->count; i++) {
		const struct pricing_workload *row = &est->rows[i];
		struct ratio share = {row->w->batch_share, SHARE_SCALE / 100};

		cells[COST_WORKLOAD] = row->w->name;
		cells[COST_MODEL] = row->model ? row->model->id : row->w->model;
		cells[COST_REQUESTS] = cli_ratio_exact(row->e.requests_per_month, buf[0]);
		cells[COST_SHARE] = cli_ratio_exact(share, buf[1]);
		cells[COST_SYNC] = cli_money_exact(row->e.sync, buf[2]);
		cells[COST_BATCH] = cli_money_exact(row->e.batch, buf[3]);
		cells[COST_HYBRID] = cli_money_exact(row->e.hybrid, buf[4]);
		cells[COST_SAVINGS] = cli_money_exact(row->e.savings, buf[5]);
		cells[COST_DERIVED] = row->e.used_derived ? "yes" : "no";
		cells[COST_COLUMNS] = row->unpriced ? "no" : "yes";
		if (row->unpriced) {
			/* Empty, never 0: the page says NOT PRICED. */
			cells[COST_SYNC] = cells[COST_BATCH] = cells[COST_HYBRID] =
				cells[COST_SAVINGS] = cells[COST_DERIVED] = "";
		}
		add_row(in, t, cells, fx, &overflow);
	}
	cells[COST_WORKLOAD] = est->unpriced ? "total (priced only)" : "total";
	cells[COST_MODEL] = "";
	cells[COST_REQUESTS] = cli_ratio_exact(est->total.requests_per_month, buf[0]);
	cells[COST_SHARE] = "";
	cells[COST_SYNC] = cli_money_exact(est->total.sync, buf[2]);
	cells[COST_BATCH] = cli_money_exact(est->total.batch, buf[3]);
	cells[COST_HYBRID] = cli_money_exact(est->total.hybrid, buf[4]);
	cells[COST_SAVINGS] = cli_money_exact(est->total.savings, buf[5]);
	cells[COST_DERIVED] = est->total.used_derived ? "yes" : "no";
	cells[COST_COLUMNS] = none_priced(in) ? "no" : "part";
	if (none_priced(in))
		cells[COST_SYNC] = cells[COST_BATCH] = cells[COST_HYBRID] =
			cells[COST_SAVINGS] = cells[COST_DERIVED] = "";
	add_footer(in, t, cells, fx, &overflow);
	return overflow ? diag_set(d, STATUS_OVERFLOW, "a cost does not fit") : STATUS_OK;
}

static enum status section_headline(struct report *r, const struct report_input *in,
                                    struct diag *d)
{
	const struct workload_estimate *total = &in->est.total;
	double saved = money_ratio(total->savings, total->sync);
	char exact[64], shown[64], only[64];
	int64_t fx;
	enum status st;

	if ((st = as_of_rate(in, &fx, d)))
		return st;
	/* With workloads not priced: the priced ones' totals, and said so. */
	headline_money(r, in, "sync_usd_month", "all sync, per month", total->sync, fx,
	               priced_only(in, only));
	headline_money(r, in, "batch_usd_month", "all batch, per month", total->batch, fx,
	               priced_only(in, only));
	headline_money(r, in, "hybrid_usd_month", "the plan (hybrid), per month",
	               total->hybrid, fx, priced_only(in, only));
	headline_money(r, in, "savings_usd_month", "saved by the plan, per month",
	               total->savings, fx, priced_only(in, only));
	/* A ratio, so a double is fine (money.h); 0 when nothing costs anything. */
	snprintf(exact, sizeof exact, "%.4f", isfinite(saved) ? saved * 100.0 : 0.0);
	snprintf(shown, sizeof shown, "%.1f%%", isfinite(saved) ? saved * 100.0 : 0.0);
	if (none_priced(in))
		report_add_headline(r, "savings_percent", "saved, share of sync",
		                    "NOT PRICED", "null", priced_only(in, only));
	else
		report_add_headline(r, "savings_percent", "saved, share of sync", shown,
		                    exact, priced_only(in, only));
	if (in->est.unpriced) {
		snprintf(exact, sizeof exact, "%zu", in->est.unpriced);
		report_add_headline(r, "unpriced_workloads", NULL, exact, exact, NULL);
	}
	return STATUS_OK;
}

/* ---- savings against batch share ----------------------------------------- */

#define SHARE_STEP_PERCENT 10

enum { SHARE_PERCENT, SHARE_SYNC, SHARE_HYBRID, SHARE_SAVINGS, SHARE_SAVED,
       SHARE_COLUMNS };

static const struct report_column share_columns[SHARE_COLUMNS] = {
	{"batch_share_percent", "batch share", UNIT_PERCENT},
	{"sync_usd_month", "all sync", UNIT_USD},
	{"hybrid_usd_month", "hybrid", UNIT_USD},
	{"savings_usd_month", "savings", UNIT_USD},
	{"savings_percent", "saved", UNIT_PERCENT},
};

static enum status section_share(struct report *r, const struct report_input *in,
                                 struct diag *d)
{
	struct report_table *t = report_add_table(
		r, "savings-by-batch-share", "Savings against batch share",
		in->est.unpriced
		? "USD per month if every workload sent the same share of its requests "
		  "to the Batch API, each priced exactly as in the table above: the "
		  "priced workloads only."
		: "USD per month if every workload sent the same share of its requests "
		  "to the Batch API, each priced exactly as in the table above.",
		share_columns, SHARE_COLUMNS);
	char buf[SHARE_COLUMNS][64];
	const char *cells[SHARE_COLUMNS];
	bool overflow = false;
	int64_t fx;
	enum status st;

	if ((st = as_of_rate(in, &fx, d)))
		return st;

	for (int percent = 0; percent <= 100; percent += SHARE_STEP_PERCENT) {
		struct workload_estimate e;
		struct ratio share = {percent, 1};
		double saved;

		st = pricing_day_at_share(&in->est, (int64_t)percent * (SHARE_SCALE / 100), &e, d);
		if (st != STATUS_OK)
			return st;
		saved = money_ratio(e.savings, e.sync);
		cells[SHARE_PERCENT] = cli_ratio_exact(share, buf[0]);
		cells[SHARE_SYNC] = cli_money_exact(e.sync, buf[1]);
		cells[SHARE_HYBRID] = cli_money_exact(e.hybrid, buf[2]);
		cells[SHARE_SAVINGS] = cli_money_exact(e.savings, buf[3]);
		snprintf(buf[4], 64, "%.4f", isfinite(saved) ? saved * 100.0 : 0.0);
		cells[SHARE_SAVED] = buf[4];
		if (none_priced(in)) /* NOT PRICED, never $0 */
			cells[SHARE_SYNC] = cells[SHARE_HYBRID] = cells[SHARE_SAVINGS] =
				cells[SHARE_SAVED] = "";
		add_row(in, t, cells, fx, &overflow);
	}
	return overflow ? diag_set(d, STATUS_OVERFLOW, "a cost does not fit") : STATUS_OK;
}

/* ---- gross margin against batch share (margin --sweep share) ---------- */

enum { MARGIN_SHARE, MARGIN_BEFORE_USD, MARGIN_AFTER_USD, MARGIN_SAVINGS,
       MARGIN_BEFORE, MARGIN_AFTER, MARGIN_POINTS, MARGIN_COLUMNS };

static const struct report_column margin_columns[MARGIN_COLUMNS] = {
	{"batch_share_percent", "batch share", UNIT_PERCENT},
	{"inference_before_usd_month", "inference, all sync", UNIT_USD},
	{"inference_after_usd_month", "inference at this share", UNIT_USD},
	{"savings_usd_month", "savings", UNIT_USD},
	{"gross_margin_before_percent", "margin, all sync", UNIT_PERCENT},
	{"gross_margin_after_percent", "margin at this share", UNIT_PERCENT},
	{"margin_change_points", "change (points)", UNIT_COUNT},
};

/* A double figure (a margin, in percent or points) for a CSV cell: 12
 * significant digits, enough to tell any two cents of a margin apart. */
static const char *double_text(double v, char buf[64])
{
	snprintf(buf, 64, "%.12g", v == 0.0 ? 0.0 : v); /* no "-0" */
	return buf;
}

/* The inputs `margin PROFILE` builds from the same business section, and
 * the profile's bills (*count of them: the priced workloads'; with some not
 * priced the inference is partial, margin.h); *bills is the caller's to
 * free. */
static enum status margin_setup(const struct report_input *in,
                                struct margin_inputs *base,
                                struct margin_bill **bills, size_t *count,
                                bool *assumed, struct diag *d)
{
	const struct pricing_day *est = &in->est;
	bool overflow = false;
	enum status st;

	if (!(*bills = calloc(est->count ? est->count : 1, sizeof **bills)))
		return diag_set(d, STATUS_IO, "out of memory");
	*count = 0;
	for (size_t i = 0; i < est->count; i++) {
		struct margin_bill *b = &(*bills)[*count];
		if (est->rows[i].unpriced)
			continue;
		b->name = est->rows[i].w->name;
		b->sync = est->rows[i].e.sync;
		b->batch = est->rows[i].e.batch;
		b->share = est->rows[i].w->batch_share;
		(*count)++;
	}
	memset(base, 0, sizeof *base);
	base->revenue = in->business.revenue;
	base->has_cash = in->business.has_cash;
	base->cash = in->business.cash;
	base->has_burn = in->business.has_burn;
	base->net_burn = in->business.net_burn;
	base->migration_cost = in->business.migration_cost;
	base->requests_per_month = est->total.requests_per_month;
	base->inference_partial = est->unpriced > 0;
	st = business_other_cogs(&in->business,
	                         margin_bills_sync(*bills, *count, &overflow),
	                         &base->other_cogs, assumed, d);
	if (st == STATUS_OK && overflow)
		st = diag_set(d, STATUS_OVERFLOW, "the inference bill does not fit");
	if (st != STATUS_OK) {
		free(*bills);
		*bills = NULL;
	}
	return st;
}

static const char *months_text(double v, char buf[64])
{
	snprintf(buf, 64, "%.1f months", v);
	return buf;
}

/* The margin headlines when some workload has no price: a margin, the
 * payback and the runway after need the whole inference bill, so they are
 * NOT PRICED (null in summary.json), never made from part of it; the
 * runway before needs no inference. */
static enum status headline_margin_partial(struct report *r,
                                           const struct report_input *in,
                                           const struct margin_result *m)
{
	char detail[128], exact[64], a[64];

	snprintf(detail, sizeof detail, "needs every workload's inference: %zu NOT PRICED",
	         in->est.unpriced);
	report_add_headline(r, "gross_margin_before_percent", "gross margin, all sync",
	                    "NOT PRICED", "null", detail);
	report_add_headline(r, "gross_margin_after_percent", "gross margin with the plan",
	                    "NOT PRICED", "null", detail);
	report_add_headline(r, "margin_change_points", NULL, "NOT PRICED", "null", NULL);
	if (in->business.has_migration)
		report_add_headline(r, "payback_months", "payback", "NOT PRICED", "null",
		                    detail);
	if (m->has_runway) {
		const char *before = m->runway_unlimited_before ? "unlimited"
		                     : months_text(m->runway_before, a);
		report_add_headline(r, "runway_months_after", "runway with the plan",
		                    "NOT PRICED", "null", detail);
		snprintf(exact, sizeof exact, "%.12g", m->runway_before);
		report_add_headline(r, "runway_months_before", NULL, before,
		                    m->runway_unlimited_before ? "null" : exact, NULL);
	}
	return STATUS_OK;
}

/* The founder's figures first: gross margin all sync and with the plan (each
 * workload at its own batch share), the change in points, payback and
 * runway, as `margin PROFILE` prints them. */
static enum status headline_margin(struct report *r, const struct report_input *in,
                                   struct diag *d)
{
	struct margin_inputs base;
	struct margin_bill *bills;
	struct margin_result m;
	bool assumed, overflow = false;
	char exact[64], shown[64], detail[128], a[64], b[64];
	size_t count;
	money change;
	enum status st;

	if (!in->business.has_revenue)
		return STATUS_OK;
	if ((st = margin_setup(in, &base, &bills, &count, &assumed, d)))
		return st;
	st = margin_at_share(&base, bills, count, -1, 100, &m, d);
	free(bills);
	if (st != STATUS_OK)
		return st;
	if (m.partial)
		return headline_margin_partial(r, in, &m);
	snprintf(exact, sizeof exact, "%.12g", m.gross_margin_before * 100.0);
	cli_percent(m.gross_profit_before, base.revenue, "%", false, shown);
	report_add_headline(r, "gross_margin_before_percent",
	                    assumed ? "gross margin of inference, all sync"
	                            : "gross margin, all sync", shown, exact, NULL);
	change = money_sub(m.gross_profit_after, m.gross_profit_before, &overflow);
	snprintf(exact, sizeof exact, "%.12g", m.gross_margin_after * 100.0);
	cli_percent(m.gross_profit_after, base.revenue, "%", false, shown);
	snprintf(detail, sizeof detail, "%s",
	         cli_percent(change, base.revenue, " points", true, a));
	report_add_headline(r, "gross_margin_after_percent",
	                    assumed ? "gross margin of inference, with the plan"
	                            : "gross margin with the plan", shown, exact, detail);
	snprintf(exact, sizeof exact, "%.12g", m.margin_points);
	report_add_headline(r, "margin_change_points", NULL, a, exact, NULL);
	if (in->business.has_migration) {
		int64_t fx;
		if ((st = as_of_rate(in, &fx, d)))
			return st;
		snprintf(detail, sizeof detail, "of %s%s migration", r->money_prefix,
		         cli_money_cents(fx_convert(base.migration_cost, fx, &overflow), b));
		if (m.has_payback) {
			snprintf(exact, sizeof exact, "%.12g", m.payback_months);
			report_add_headline(r, "payback_months", "payback",
			                    months_text(m.payback_months, shown), exact, detail);
		} else {
			report_add_headline(r, "payback_months", "payback", "never", "null",
			                    "no savings to pay it");
		}
	}
	if (m.has_runway) {
		const char *before = m.runway_unlimited_before ? "unlimited"
		                     : months_text(m.runway_before, a);
		snprintf(detail, sizeof detail, "all sync: %s", before);
		snprintf(exact, sizeof exact, "%.12g", m.runway_after);
		report_add_headline(r, "runway_months_after", "runway with the plan",
		                    m.runway_unlimited_after ? "unlimited"
		                    : months_text(m.runway_after, b),
		                    m.runway_unlimited_after ? "null" : exact, detail);
		snprintf(exact, sizeof exact, "%.12g", m.runway_before);
		report_add_headline(r, "runway_months_before", NULL, before,
		                    m.runway_unlimited_before ? "null" : exact, NULL);
	}
	return overflow ? diag_set(d, STATUS_OVERFLOW, "the gross profit does not fit")
	                : STATUS_OK;
}

static enum status section_margin(struct report *r, const struct report_input *in,
                                  struct diag *d)
{
	struct margin_bill *bills;
	struct margin_inputs base;
	struct report_table *t;
	bool overflow = false, assumed;
	enum status st;

	if (!in->business.has_revenue) {
		report_add_note(r, "Gross margin against batch share: not drawn, the "
		                "profile has no revenue (business.revenue_usd_month in a "
		                "JSON profile); revenue is never assumed.");
		return STATUS_OK;
	}
	int64_t fx;
	size_t count;

	if (in->est.unpriced) {
		report_add_note(r, "Gross margin against batch share: not drawn, a margin "
		                "needs the inference of every workload and some have no "
		                "price (NOT PRICED in the cost table).");
		return STATUS_OK;
	}
	if ((st = as_of_rate(in, &fx, d)) ||
	    (st = margin_setup(in, &base, &bills, &count, &assumed, d)))
		return st;
	t = report_add_table(
		r, "margin-by-batch-share", "Gross margin against batch share",
		assumed ? "Per month, at the profile's revenue, if every workload sent the "
		          "same share of its requests to the Batch API (`margin --sweep "
		          "share`). The profile gives no COGS: the other COGS are taken as "
		          "0, so the margins are those of inference alone."
		        : "Per month, at the profile's revenue and COGS, if every workload "
		          "sent the same share of its requests to the Batch API (`margin "
		          "--sweep share`).",
		margin_columns, MARGIN_COLUMNS);
	for (int percent = 0; percent <= 100; percent += SHARE_STEP_PERCENT) {
		int64_t share = (int64_t)percent * (SHARE_SCALE / 100);
		struct margin_result m;
		char buf[MARGIN_COLUMNS][64];
		const char *cells[MARGIN_COLUMNS];

		if ((st = margin_at_share(&base, bills, count, share, 100, &m, d)))
			break;
		cells[MARGIN_SHARE] = cli_ratio_exact((struct ratio){percent, 1}, buf[0]);
		cells[MARGIN_BEFORE_USD] = cli_money_exact(
			margin_bills_sync(bills, count, &overflow), buf[1]);
		cells[MARGIN_AFTER_USD] = cli_money_exact(
			margin_bills_after(bills, count, share, &overflow), buf[2]);
		cells[MARGIN_SAVINGS] = cli_money_exact(m.savings_month, buf[3]);
		cells[MARGIN_BEFORE] = double_text(m.gross_margin_before * 100.0, buf[4]);
		cells[MARGIN_AFTER] = double_text(m.gross_margin_after * 100.0, buf[5]);
		cells[MARGIN_POINTS] = double_text(m.margin_points, buf[6]);
		add_row(in, t, cells, fx, &overflow);
	}
	free(bills);
	if (st == STATUS_OK && overflow)
		st = diag_set(d, STATUS_OVERFLOW, "the inference bill does not fit");
	return st;
}

/* ---- the growth projection (plan --growth) ------------------------------ */

enum { GROWTH_MONTH, GROWTH_REQUESTS, GROWTH_SYNC, GROWTH_BATCH, GROWTH_HYBRID,
       GROWTH_SAVINGS, GROWTH_CUMULATIVE, GROWTH_COLUMNS };

static const struct report_column growth_columns[GROWTH_COLUMNS] = {
	{"month", "month", UNIT_COUNT},
	{"requests_per_month", "requests", UNIT_COUNT},
	{"sync_usd_month", "sync", UNIT_USD},
	{"batch_usd_month", "batch", UNIT_USD},
	{"hybrid_usd_month", "hybrid", UNIT_USD},
	{"savings_usd_month", "savings", UNIT_USD},
	{"cumulative_savings_usd", "cumulative savings", UNIT_USD},
};

enum { MONTH_MARGIN_MONTH, MONTH_MARGIN_REVENUE, MONTH_MARGIN_SYNC, MONTH_MARGIN_PLAN,
       MONTH_MARGIN_POINTS, MONTH_MARGIN_COLUMNS };

static const struct report_column margin_month_columns[MONTH_MARGIN_COLUMNS] = {
	{"month", "month", UNIT_COUNT},
	{"revenue_usd_month", "revenue", UNIT_USD},
	{"gross_margin_sync_percent", "margin, all sync", UNIT_PERCENT},
	{"gross_margin_plan_percent", "margin, plan", UNIT_PERCENT},
	{"margin_change_points", "change (points)", UNIT_COUNT},
};

enum { LIMIT_WHO, LIMIT_TRAFFIC, LIMIT_LIMIT, LIMIT_MONTH, LIMIT_MARKER,
       LIMIT_COLUMNS };

static const struct report_column limit_columns[LIMIT_COLUMNS] = {
	{"workload", "workload, model or provider", UNIT_TEXT},
	{"traffic", "traffic", UNIT_TEXT},
	{"limit", "limit", UNIT_TEXT},
	{"first_exceeded_month", "first exceeded (month)", UNIT_COUNT},
	{"marker", "marked on the chart as", UNIT_TEXT},
};

static void limit_row(struct report_table *t, const char *who, const char *traffic,
                      const char *limit, int month)
{
	char buf[2][160];
	const char *cells[LIMIT_COLUMNS] = {who, traffic, limit, buf[0], buf[1]};

	if (month <= 0)
		return; /* not within the months projected */
	snprintf(buf[0], sizeof buf[0], "%d", month);
	snprintf(buf[1], sizeof buf[1], "%s %s %s", who, traffic, limit);
	report_table_add(t, cells);
}

static const char *upper_limit_name(enum limit_kind k)
{
	static const char *const names[LIMIT_KINDS] = {"RPM", "ITPM", "OTPM"};
	return names[k];
}

static enum status section_growth(struct report *r, const struct report_input *in,
                                  struct diag *d)
{
	const struct plan *p = &in->plan;
	struct report_table *t, *lim;
	static char note[900];
	bool overflow = false;
	snprintf(note, sizeof note, "USD per month, %.2f%% growth in volume a month "
	         "(--growth, or plan.growth_per_month in a JSON profile; 0: flat), each "
	         "later month priced from its whole request count exactly as `plan "
	         "--growth` does. Month 1 is the profile as it is, and costs what "
	         "the monthly cost per workload says, to the cent (in USD).%s%s",
	         p->growth * 100.0, in->pricing->currency.converting
	         ? " In the currency each month is at the rate in force on its first "
	           "day, as `plan` shows it, so month 1 differs from the cost table "
	           "(at the as-of date's rate) when the rate changed in between; the "
	           "cumulative savings are the converted months added up." : "",
	         in->est.unpriced ? " The requests are every workload's; the money is "
	                            "the priced workloads' only." : "");
	t = report_add_table(r, "growth-projection", "Growth projection", note,
	                     growth_columns, GROWTH_COLUMNS);
	for (int m = 0; m < p->months; m++) {
		const struct projection_month *pm = &p->month[m];
		char buf[GROWTH_COLUMNS][64];
		const char *cells[GROWTH_COLUMNS];

		snprintf(buf[0], 64, "%d", pm->month);
		snprintf(buf[1], 64, "%lld", (long long)pm->requests);
		cells[GROWTH_MONTH] = buf[0];
		cells[GROWTH_REQUESTS] = buf[1];
		cells[GROWTH_SYNC] = cli_money_exact(pm->sync, buf[2]);
		cells[GROWTH_BATCH] = cli_money_exact(pm->batch, buf[3]);
		cells[GROWTH_HYBRID] = cli_money_exact(pm->hybrid, buf[4]);
		cells[GROWTH_SAVINGS] = cli_money_exact(pm->savings, buf[5]);
		cells[GROWTH_CUMULATIVE] = cli_money_exact(pm->cumulative_savings, buf[6]);
		if (none_priced(in)) {
			/* The requests are known, no money is: NOT PRICED. */
			cells[GROWTH_SYNC] = cells[GROWTH_BATCH] = cells[GROWTH_HYBRID] =
				cells[GROWTH_SAVINGS] = cells[GROWTH_CUMULATIVE] = "";
			report_table_add(t, cells);
		} else if (in->pricing->currency.converting) {
			/* Month k at the rate of its first day, the cumulative
			 * savings the converted months added up (a ledger in the
			 * currency), as `plan --currency` shows them. */
			char conv[GROWTH_COLUMNS][64];
			const char *shown[GROWTH_COLUMNS];
			const money *pm_shown = p->shown_month[m];
			for (int c = 0; c < GROWTH_COLUMNS; c++)
				shown[c] = cells[c];
			shown[GROWTH_SYNC] = cli_money_exact(pm_shown[PRICING_SYNC], conv[GROWTH_SYNC]);
			shown[GROWTH_BATCH] = cli_money_exact(pm_shown[PRICING_BATCH], conv[GROWTH_BATCH]);
			shown[GROWTH_HYBRID] = cli_money_exact(pm_shown[PRICING_HYBRID],
			                                       conv[GROWTH_HYBRID]);
			shown[GROWTH_SAVINGS] = cli_money_exact(pm_shown[PRICING_SAVINGS],
			                                        conv[GROWTH_SAVINGS]);
			shown[GROWTH_CUMULATIVE] = cli_money_exact(pm_shown[PLAN_CUMULATIVE],
			                                           conv[GROWTH_CUMULATIVE]);
			report_table_add_shown(t, cells, shown);
		} else {
			report_table_add(t, cells);
		}
	}
	if (p->has_margins) {
		/* What --revenue-growth changes: the margin month by month, as
		 * `plan` prints it, revenue and the other COGS grown together. */
		static char margin_note[600];
		struct report_table *mt;
		snprintf(margin_note, sizeof margin_note,
		         "Gross margin each month of the projection, as `plan` prints it: "
		         "revenue and the other COGS grow %.2f%% a month (--revenue-growth, "
		         "default the volume's --growth), inference costs as projected "
		         "above, all sync against the plan's batch share. In USD.",
		         p->revenue_growth * 100.0);
		mt = report_add_table(r, "margin-by-month", "Gross margin by month",
		                      margin_note, margin_month_columns, MONTH_MARGIN_COLUMNS);
		for (int m = 0; m < p->months; m++) {
			char buf[MONTH_MARGIN_COLUMNS][64];
			const char *cells[MONTH_MARGIN_COLUMNS];

			snprintf(buf[0], 64, "%d", p->month[m].month);
			cells[MONTH_MARGIN_MONTH] = buf[0];
			cells[MONTH_MARGIN_REVENUE] = cli_money_exact(p->revenue[m], buf[1]);
			cells[MONTH_MARGIN_SYNC] =
				double_text(p->margin[m].gross_margin_before * 100.0, buf[2]);
			cells[MONTH_MARGIN_PLAN] =
				double_text(p->margin[m].gross_margin_after * 100.0, buf[3]);
			cells[MONTH_MARGIN_POINTS] = double_text(p->margin[m].margin_points, buf[4]);
			report_table_add(mt, cells);
		}
	}
	{
		static char limits_note[500];
		snprintf(limits_note, sizeof limits_note,
		         "The provider's rate limits at tier %d (RPM, ITPM, OTPM; --tier or "
		         "plan.tier) for the plan's sync share (plan) and for every request "
		         "on the real-time API (all sync), spread over %.4g hours a day "
		         "(--window-hours or plan.working_hours), and its batch queue; a "
		         "model is its workloads together, a provider all of its "
		         "workloads. Limits not listed are not exceeded within the months "
		         "projected, or the catalogue has no data for them. Marked on the "
		         "growth chart by a dashed line.", p->tier,
		         (double)p->settings.window_minutes / 60.0);
		lim = report_add_table(r, "limits-first-exceeded",
		                       "Month each limit is first exceeded", limits_note,
		                       limit_columns, LIMIT_COLUMNS);
	}
	lim->empty = "No limit is exceeded within the months projected (or the "
	             "catalogue has no limits for these providers).";
	for (size_t i = 0; i < p->profile.count; i++) {
		const struct plan_row *row = &p->plan[i];
		for (int k = 0; row->has_limits && k < LIMIT_KINDS; k++) {
			limit_row(lim, row->est->w->name, "plan", upper_limit_name(k),
			          row->first_plan[k]);
			limit_row(lim, row->est->w->name, "all sync", upper_limit_name(k),
			          row->first_all_sync[k]);
		}
		if (row->queue.known)
			limit_row(lim, row->est->w->name, "batch", "queue", row->first_queue);
	}
	for (size_t i = 0; i < p->model_count; i++) {
		const struct model_total *mt = &p->models[i];
		for (int k = 0; mt->workloads >= 2 && mt->row->has_limits && k < LIMIT_KINDS;
		     k++) {
			limit_row(lim, mt->row->est->model->id, "plan", upper_limit_name(k),
			          mt->first_plan[k]);
			limit_row(lim, mt->row->est->model->id, "all sync", upper_limit_name(k),
			          mt->first_all[k]);
		}
	}
	for (size_t i = 0; i < p->total_count; i++) {
		const struct provider_total *pt = &p->totals[i];
		if (pt->workloads >= 2 && pt->queue.known)
			limit_row(lim, pt->provider->id, "batch", "queue", pt->first_queue);
	}
	return overflow ? diag_set(d, STATUS_OVERFLOW, "a projected cost does not fit")
	                : STATUS_OK;
}

/* ---- turnaround and deadlines (sla) -------------------------------------- */

/* Probabilities to 4 decimals of a percent and hours to 4 decimals: the
 * precision `sla --format json` prints them with. */
static const char *percent_cell(double p, char buf[64])
{
	snprintf(buf, 64, "%.4f", round(p * 1e6) / 1e4 + 0.0);
	return buf;
}

static const char *hours_cell(double h, char buf[64])
{
	char text[32];

	if (isinf(h))
		return ""; /* past the expiry: the batch is more likely expired */
	snprintf(buf, 64, "%s", latency_hours_text(h, text));
	return buf;
}

enum { SUM_SUBMIT, SUM_DEADLINE, SUM_WINDOW, SUM_P_MEET, SUM_P50, SUM_P90, SUM_P99,
       SUM_EXPIRED, SUM_BEST, SUM_BEST_P, SUM_HOUR, SUM_MARKER, SUM_COLUMNS };

static const struct report_column sla_summary_columns[SUM_COLUMNS] = {
	{"submit_local", "submitted", UNIT_TEXT},
	{"deadline_local", "deadline", UNIT_TEXT},
	{"window_hours", "window (h)", UNIT_COUNT},
	{"p_meet_percent", "p_meet", UNIT_PERCENT},
	{"p50_hours", "p50 (h)", UNIT_COUNT},
	{"p90_hours", "p90 (h)", UNIT_COUNT},
	{"p99_hours", "p99 (h)", UNIT_COUNT},
	{"expired_percent", "expired", UNIT_PERCENT},
	{"best_submit_local", "best time", UNIT_TEXT},
	{"best_p_meet_percent", "p_meet then", UNIT_PERCENT},
	{"submit_hour_local", "hour", UNIT_COUNT},
	{"marker", "marked as", UNIT_TEXT},
};

enum { HOUR_HOUR, HOUR_TIME, HOUR_P_MEET, HOUR_COLUMNS };

static const struct report_column sla_hour_columns[HOUR_COLUMNS] = {
	{"submit_hour_local", "hour", UNIT_COUNT},
	{"submit_local", "submitted", UNIT_TEXT},
	{"p_meet_percent", "chance of meeting the deadline", UNIT_PERCENT},
};

enum { CDF_HOURS, CDF_FINISHED, CDF_COLUMNS };

static const struct report_column sla_cdf_columns[CDF_COLUMNS] = {
	{"hours_after_submission", "hours", UNIT_COUNT},
	{"finished_percent", "finished", UNIT_PERCENT},
};

enum { TIMES_WHAT, TIMES_HOURS, TIMES_MARKER, TIMES_COLUMNS };

static const struct report_column sla_times_columns[TIMES_COLUMNS] = {
	{"what", "what", UNIT_TEXT},
	{"hours_after_submission", "hours after submission", UNIT_COUNT},
	{"marker", "marked as", UNIT_TEXT},
};

#define CDF_STEP_HOURS 0.5

static enum status section_sla(struct report *r, const struct report_input *in,
                               struct diag *d)
{
	const struct sla_run *s = &in->sla;
	static char note[400];
	char buf[SUM_COLUMNS][64], days[64];
	const char *cells[SUM_COLUMNS];
	struct report_table *t;
	enum status st;

	if (!in->has_sla) {
		report_add_note(r, "Deadline and turnaround charts: not drawn, no "
		                "schedule given (--submit HH:MM --deadline HH:MM [--tz "
		                "ZONE]).");
		return STATUS_OK;
	}
	schedule_days_text(s->days, days, sizeof days);
	snprintf(note, sizeof note, "Batches submitted at the local time in %s on %s, "
	         "every such day of the 52 weeks from the as-of date, on the %s "
	         "latency profile, capped by %s's batch expiry (%g h): the figures of "
	         "`sla --format json` (week). The hour marks the submission on the "
	         "chart below.", s->zone, days, s->latency_origin, s->provider->id,
	         s->profile.expiry_hours);
	t = report_add_table(r, "sla-summary", "Meeting the deadline", note,
	                     sla_summary_columns, SUM_COLUMNS);
	cells[SUM_SUBMIT] = schedule_clock_text(s->submit_minute, buf[0]);
	/* "06:00", "06:00 next day" or "14 h after" (--deadline 14h). */
	if (s->deadline_hours > 0) {
		char hours[32];
		snprintf(buf[1], 64, "%s h after", latency_hours_text(s->deadline_hours, hours));
	} else {
		char clock[16];
		snprintf(buf[1], 64, "%s%s", schedule_clock_text(s->deadline_minute, clock),
		         s->next_day ? " next day" : "");
	}
	cells[SUM_DEADLINE] = buf[1];
	cells[SUM_WINDOW] = hours_cell(s->window_nominal, buf[2]);
	cells[SUM_P_MEET] = percent_cell(s->week.p_meet, buf[3]);
	cells[SUM_P50] = hours_cell(s->week.p50_hours, buf[4]);
	cells[SUM_P90] = hours_cell(s->week.p90_hours, buf[5]);
	cells[SUM_P99] = hours_cell(s->week.p99_hours, buf[6]);
	cells[SUM_EXPIRED] = percent_cell(s->week.expired_share, buf[7]);
	cells[SUM_BEST] = schedule_clock_text(s->best_minute, buf[8]);
	cells[SUM_BEST_P] = percent_cell(s->best_p_meet, buf[9]);
	cells[SUM_HOUR] = hours_cell(s->submit_minute / 60.0, buf[10]);
	snprintf(buf[11], 64, "submitted %s", cells[SUM_SUBMIT]);
	cells[SUM_MARKER] = buf[11];
	report_table_add(t, cells);

	t = report_add_table(r, "sla-by-submission-hour",
	                     "Probability of meeting the deadline by submission hour",
	                     "The same dates submitting at each whole hour of the local "
	                     "day, the window kept at its length: the curve the best "
	                     "submission time is read from.",
	                     sla_hour_columns, HOUR_COLUMNS);
	for (int hour = 0; hour < 24; hour++) {
		double p;
		if ((st = schedule_p_meet_at(s, hour * 60, &p, d)))
			return st;
		snprintf(buf[0], 64, "%d", hour);
		cells[HOUR_HOUR] = buf[0];
		cells[HOUR_TIME] = schedule_clock_text(hour * 60, buf[1]);
		cells[HOUR_P_MEET] = percent_cell(p, buf[2]);
		report_table_add(t, cells);
	}

	t = report_add_table(r, "sla-turnaround", "Turnaround distribution",
	                     "Share of the submissions at the time asked whose batches "
	                     "have all finished, by hours after submission, up to the "
	                     "expiry: work not finished then expires (not billed, to be "
	                     "resubmitted).",
	                     sla_cdf_columns, CDF_COLUMNS);
	for (int k = 0; k * CDF_STEP_HOURS <= s->profile.expiry_hours + 1e-9; k++) {
		double hours = k * CDF_STEP_HOURS;
		cells[CDF_HOURS] = hours_cell(hours, buf[0]);
		cells[CDF_FINISHED] = percent_cell(schedule_finish_by(s, hours), buf[1]);
		report_table_add(t, cells);
	}

	t = report_add_table(r, "sla-times", "The deadline and the expiry",
	                     "Hours after submission, marked on the turnaround chart.",
	                     sla_times_columns, TIMES_COLUMNS);
	hours_cell(s->window_nominal, buf[0]);
	snprintf(buf[1], 64, "deadline (%s h)", buf[0]);
	cells[TIMES_WHAT] = "deadline";
	cells[TIMES_HOURS] = buf[0];
	cells[TIMES_MARKER] = buf[1];
	report_table_add(t, cells);
	hours_cell(s->profile.expiry_hours, buf[2]);
	snprintf(buf[3], 64, "expiry (%s h)", buf[2]);
	cells[TIMES_WHAT] = "expiry";
	cells[TIMES_HOURS] = buf[2];
	cells[TIMES_MARKER] = buf[3];
	report_table_add(t, cells);
	return STATUS_OK;
}

/* ---- reconciled cost and actual against forecast (reconcile) ------------- */

enum { JOB_NAME, JOB_REQUESTS, JOB_SUCCEEDED, JOB_FAILED, JOB_BATCH, JOB_SYNC,
       JOB_SAVINGS, JOB_COLUMNS };

/* The last column ("priced": yes, part or no) only when some usage of the
 * results has no price. */
static const struct report_column job_columns[JOB_COLUMNS + 1] = {
	{"job", "job", UNIT_TEXT},
	{"requests", "requests", UNIT_COUNT},
	{"succeeded", "succeeded", UNIT_COUNT},
	{"failed", "failed", UNIT_COUNT},
	{"batch_usd", "batch (billed)", UNIT_USD},
	{"sync_usd", "sync (same tokens)", UNIT_USD},
	{"savings_usd", "savings", UNIT_USD},
	{"priced", "priced", UNIT_TEXT},
};

enum { VAR_WORKLOAD, VAR_FORECAST, VAR_ACTUAL, VAR_DIFFERENCE, VAR_VOLUME,
       VAR_FAILURE, VAR_MIX, VAR_PRICE, VAR_COLUMNS };

/* The workload, then the figures in variance_figures() order. */
_Static_assert(VAR_COLUMNS == 1 + VARIANCE_FIGURES, "one column per variance figure");

/* The last column ("priced": yes; part, the job has usage no price covers,
 * left out of every figure of the row; no, no forecast price) only when some
 * row is not whole. */
static const struct report_column variance_columns[VAR_COLUMNS + 1] = {
	{"workload", "workload", UNIT_TEXT},
	{"forecast_usd_month", "forecast", UNIT_USD},
	{"actual_usd", "actual", UNIT_USD},
	{"difference_usd", "difference", UNIT_USD},
	{"volume_usd", "volume", UNIT_USD},
	{"failure_usd", "failure", UNIT_USD},
	{"token_mix_usd", "token mix", UNIT_USD},
	{"price_usd", "price", UNIT_USD},
	{"priced", "priced", UNIT_TEXT},
};

/* A job's row (or the total's) as cells; buf holds the numbers. */
static void job_cells(const struct recon_row *row, char buf[][64],
                      const char *cells[JOB_COLUMNS + 1], bool shown)
{
	int64_t succeeded = row->outcomes[RECON_SUCCEEDED];

	snprintf(buf[0], 64, "%lld", (long long)row->requests);
	snprintf(buf[1], 64, "%lld", (long long)succeeded);
	snprintf(buf[2], 64, "%lld", (long long)(row->requests - succeeded));
	cells[JOB_NAME] = row->name;
	cells[JOB_REQUESTS] = buf[0];
	cells[JOB_SUCCEEDED] = buf[1];
	cells[JOB_FAILED] = buf[2];
	/* shown: in the currency, each batch at its created date's rate. */
	cells[JOB_BATCH] = cli_money_exact(shown ? row->batch_shown : row->batch, buf[3]);
	cells[JOB_SYNC] = cli_money_exact(shown ? row->sync_shown : row->sync, buf[4]);
	cells[JOB_SAVINGS] = cli_money_exact(shown ? row->savings_shown : row->savings,
	                                     buf[5]);
	/* Empty, never 0, for a job none of whose usage has a price. */
	if (row->unpriced && !row->priced_any)
		cells[JOB_BATCH] = cells[JOB_SYNC] = cells[JOB_SAVINGS] = "";
	cells[JOB_COLUMNS] = !row->unpriced ? "yes" : row->priced_any ? "part" : "no";
}

static enum status section_reconcile(struct report *r, const struct report_input *in,
                                     struct diag *d)
{
	const struct recon_figures *f = &in->recon;
	money parts[VARIANCE_FIGURES], total[VARIANCE_FIGURES];
	char buf[VAR_COLUMNS][64], exact[64], shown[64];
	const char *cells[VAR_COLUMNS + 1];
	struct report_table *t;
	bool overflow = false, partial = false;
	size_t summed = 0;

	if (!in->has_results) {
		report_add_note(r, "Reconciled cost by job and actual against forecast: "
		                "not drawn, no batch results files given (--results "
		                "FILE).");
		return STATUS_OK;
	}
	if (*in->period_note)
		report_add_note(r, in->period_note);
#define JOB_NOTE \
		"USD, from the batch results files (--results), as `reconcile` reads " \
		"them: what the Batch API billed for the succeeded requests (batch) and " \
		"what the same tokens cost on the real-time API (sync), each batch at " \
		"the prices of its created date (--batches), otherwise of the as-of date."
	t = report_add_table(
		r, "reconciled-cost-by-job", "Reconciled cost by job",
		f->unpriced_models
		? JOB_NOTE " Priced: part, the job also has usage no price covers, in "
		  "none of its figures; no, none of its usage has a price (NOT PRICED, "
		  "empty in the CSV). The total is of the priced usage only."
		: JOB_NOTE,
		job_columns, JOB_COLUMNS + (f->unpriced_models ? 1 : 0));
#undef JOB_NOTE
	for (size_t i = 0; i <= f->job_count; i++) {
		const struct recon_row *row = i < f->job_count ? &f->jobs[i] : &f->total;
		char sbuf[JOB_COLUMNS][64];
		const char *conv[JOB_COLUMNS + 1];
		job_cells(row, buf, cells, false);
		job_cells(row, sbuf, conv, true);
		if (i == f->job_count) {
			cells[JOB_NAME] = conv[JOB_NAME] = f->unpriced_models
			                                   ? "total (priced only)" : "total";
			if (in->pricing->currency.converting)
				report_table_footer_shown(t, cells, conv);
			else
				report_table_footer(t, cells);
		} else if (in->pricing->currency.converting) {
			report_table_add_shown(t, cells, conv);
		} else {
			report_table_add(t, cells);
		}
	}
	t->shown_max = RECON_SHOWN_GROUPS; /* the CSV has every job */

	{
		/* A forecast that matches no job compares with nothing: every
		 * actual is $0.00 and the difference all "volume". Say so beside
		 * the table and in the notes, naming what did not match. */
		static char note[1200], unmatched[600];
		size_t used = 0, missing = 0;

		unmatched[0] = '\0';
		for (size_t i = 0; i < in->forecast->count; i++) {
			if (f->forecast[i].any_actual)
				continue;
			if (used < sizeof unmatched)
				used += (size_t)snprintf(unmatched + used, sizeof unmatched - used,
				                         "%s%s", missing ? ", " : "",
				                         f->forecast[i].w->name);
			missing++;
		}
		snprintf(note, sizeof note,
		         "USD: each workload of the profile (one 30-day month, all batch, at "
		         "the as-of prices) against the job of the same name in the results, "
		         "in USD as `reconcile --forecast` splits it: difference = volume + "
		         "failure + token mix + price. Jobs no workload names are not "
		         "compared.%s%s%s",
		         missing ? " Matching no job in the results (actual $0.00): " : "",
		         missing ? unmatched : "", missing ? "." : "");
		for (size_t i = 0; i < in->forecast->count; i++)
			partial = partial || f->forecast[i].forecast_unpriced ||
			          f->forecast[i].unpriced_billed;
		t = report_add_table(r, "actual-vs-forecast", "Actual against forecast",
		                     note, variance_columns, VAR_COLUMNS + (partial ? 1 : 0));
		if (missing == in->forecast->count && missing > 0) {
			char text[800];
			snprintf(text, sizeof text, "Actual against forecast: no workload of "
			         "the profile names a job of the results, so nothing was "
			         "compared (every actual is $0.00). A job is the key's prefix "
			         "(or --job-pattern); name the workloads after the jobs.");
			report_add_note(r, text);
		} else if (missing > 0) {
			char text[800];
			snprintf(text, sizeof text, "Actual against forecast: %zu workload%s "
			         "of the profile match%s no job of the results (actual $0.00): "
			         "%s.", missing, missing == 1 ? "" : "s",
			         missing == 1 ? "es" : "", unmatched);
			report_add_note(r, text);
		}
	}
	memset(total, 0, sizeof total);
	for (size_t i = 0; i < in->forecast->count; i++) {
		const struct recon_forecast_row *row = &f->forecast[i];
		char text[300], n[64];

		variance_figures(&row->v, parts);
		cells[VAR_WORKLOAD] = row->w->name;
		for (int k = 0; k < VARIANCE_FIGURES; k++) {
			/* No forecast price: only the actual, empty (NOT PRICED)
			 * elsewhere; no price for any billed usage of the job: only
			 * the forecast. Either row is in no total, which stays
			 * forecast - actual. */
			bool known = k == 0 ? !row->forecast_unpriced
			             : k == 1 ? !row->actual_unpriced
			             : !row->forecast_unpriced && !row->actual_unpriced;
			cells[k + 1] = known ? cli_money_exact(parts[k], buf[k + 1]) : "";
			if (!row->forecast_unpriced && !row->actual_unpriced)
				total[k] = money_add(total[k], parts[k], &overflow);
		}
		summed += !row->forecast_unpriced && !row->actual_unpriced;
		cells[VAR_COLUMNS] = row->forecast_unpriced || row->actual_unpriced ? "no"
		                     : row->unpriced_billed ? "part" : "yes";
		report_table_add(t, cells);
		if (row->actual_unpriced) {
			snprintf(text, sizeof text, "%s: actual NOT PRICED: no price covers "
			         "any of the %s billed request%s of the job.", row->w->name,
			         cli_ratio_text((struct ratio){row->unpriced_billed, 1}, 0, n),
			         row->unpriced_billed == 1 ? "" : "s");
			report_add_warning(r, "actual-vs-forecast", text);
		} else if (row->unpriced_billed) {
			snprintf(text, sizeof text, "%s: incomplete, the priced part only: %s "
			         "billed request%s of the job no price covers %s in none of "
			         "its figures.", row->w->name,
			         cli_ratio_text((struct ratio){row->unpriced_billed, 1}, 0, n),
			         row->unpriced_billed == 1 ? "" : "s",
			         row->unpriced_billed == 1 ? "is" : "are");
			report_add_warning(r, "actual-vs-forecast", text);
		}
	}
	cells[VAR_WORKLOAD] = partial ? "total (priced only)" : "total";
	for (int k = 0; k < VARIANCE_FIGURES; k++) /* no row summed: NOT PRICED */
		cells[k + 1] = summed || !partial ? cli_money_exact(total[k], buf[k + 1]) : "";
	cells[VAR_COLUMNS] = summed ? "part" : "no";
	report_table_footer(t, cells);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the forecast total does not fit");

	/* Converted batch by batch at each one's created date, as reconcile
	 * does: the total of what was shown, not the total converted once. */
	{
		char exact2[64], shown2[64], ckey[64];
		report_cell_shown(r->money_prefix, UNIT_USD,
		                  cli_money_exact(f->total.batch_shown, exact2), shown2);
		/* Nothing priced: NOT PRICED (null), never $0. */
		bool none = f->total.unpriced && !f->total.priced_any;
		report_add_headline(r, "reconciled_batch_usd", "reconciled batch cost (billed)",
		                    none ? "NOT PRICED" : shown2,
		                    none ? "null" : cli_money_exact(f->total.batch, exact),
		                    f->unpriced_models ? "priced models only" : NULL);
		if (in->pricing->currency.converting)
			report_add_headline(r, cli_currency_key(in->ctx, "reconciled_batch_usd",
			                                        ckey), NULL,
			                    none ? "NOT PRICED" : shown2,
			                    none ? "null" : exact2, NULL);
	}
	if (f->unpriced_models) {
		snprintf(exact, sizeof exact, "%zu", f->unpriced_models);
		report_add_headline(r, "unpriced_models", NULL, exact, exact, NULL);
	}
	/* A ratio, so a double is fine (money.h). */
	snprintf(exact, sizeof exact, "%.4f", f->success * 100.0);
	snprintf(shown, sizeof shown, "%.1f%%", f->success * 100.0);
	report_add_headline(r, "reconciled_success_percent",
	                    "batch requests succeeded", shown, exact, NULL);
	return STATUS_OK;
}

/* ---- the ledger, month by month (report --ledger) ------------------------ */

enum { MON_MONTH, MON_REQUESTS, MON_FAILED, MON_BATCH, MON_SYNC, MON_FORECAST,
       MON_DIFFERENCE, MON_VOLUME, MON_FAILURE, MON_MIX, MON_PRICE, MON_COLUMNS };

static const struct report_column month_columns[MON_COLUMNS] = {
	{"month", "month", UNIT_TEXT},
	{"requests", "requests", UNIT_COUNT},
	{"failed", "failed", UNIT_COUNT},
	{"batch_usd", "batch (billed)", UNIT_USD},
	{"sync_usd", "sync (same tokens)", UNIT_USD},
	{"forecast_usd_month", "forecast", UNIT_USD},
	{"difference_usd", "difference", UNIT_USD},
	{"volume_usd", "volume", UNIT_USD},
	{"failure_usd", "failure", UNIT_USD},
	{"token_mix_usd", "token mix", UNIT_USD},
	{"price_usd", "price", UNIT_USD},
};

/* The positions of the forecast and its parts in variance_figures() order. */
_Static_assert(MON_PRICE - MON_FORECAST + 1 == VARIANCE_FIGURES - 1,
               "forecast, difference and the four parts, actual left out");

static enum status section_ledger(struct report *r, const struct report_input *in,
                                  struct diag *d)
{
	char buf[MON_COLUMNS][64];
	const char *cells[MON_COLUMNS];
	struct report_table *t;

	/* Every month has the same forecast: its workloads no price covers. */
	size_t unpriced = in->month_count ? in->months[0].forecast_unpriced : 0;
	bool none = unpriced > 0 && unpriced == in->forecast->count;
	static char note[700];

	(void)d;
	if (!in->months)
		return STATUS_OK;
	snprintf(note, sizeof note,
	         "USD: what the Batch API billed for the entries booked in each month of "
	         "the ledger (adjustments in the month they were made) and the sync cost "
	         "of the same tokens, as recorded, never re-priced; against one 30-day "
	         "month of the forecast profile, split as reconcile --forecast splits it "
	         "(difference = volume + failure + token mix + price).%s",
	         none ? " No workload of the forecast has a price: the forecast and its "
	                "split are NOT PRICED (empty in the CSV)."
	         : unpriced ? " The forecast and its split are of the priced workloads "
	                      "only: a workload no price covers is in neither (see the "
	                      "warnings)." : "");
	t = report_add_table(r, "ledger-by-month",
	                     "The ledger month by month, against the forecast", note,
	                     month_columns, MON_COLUMNS);
	for (size_t i = 0; i < in->month_count; i++) {
		const struct report_ledger_month *m = &in->months[i];
		snprintf(buf[MON_MONTH], 64, "%04d-%02d", m->month / 12, m->month % 12 + 1);
		snprintf(buf[MON_REQUESTS], 64, "%lld", (long long)m->actual.requests);
		snprintf(buf[MON_FAILED], 64, "%lld", (long long)(m->actual.requests -
		         m->actual.outcomes[RECON_SUCCEEDED]));
		cells[MON_MONTH] = buf[MON_MONTH];
		cells[MON_REQUESTS] = buf[MON_REQUESTS];
		cells[MON_FAILED] = buf[MON_FAILED];
		cells[MON_BATCH] = cli_money_exact(m->actual.batch, buf[MON_BATCH]);
		cells[MON_SYNC] = cli_money_exact(m->actual.sync, buf[MON_SYNC]);
		/* variance_figures(): forecast, actual, difference, then the parts. */
		cells[MON_FORECAST] = none ? "" : cli_money_exact(m->parts[0], buf[MON_FORECAST]);
		for (int k = 2; k < VARIANCE_FIGURES; k++)
			cells[MON_DIFFERENCE + k - 2] = none ? "" :
				cli_money_exact(m->parts[k], buf[MON_DIFFERENCE + k - 2]);
		report_table_add(t, cells);
	}
	return STATUS_OK;
}

/* ---- what the pack holds ------------------------------------------------- */

static const struct report_section {
	const char *name;
	enum status (*add)(struct report *r, const struct report_input *in,
	                   struct diag *d);
} sections[] = {
	{"margin headline", headline_margin},
	{"headline", section_headline},
	{"cost", section_cost},
	{"share", section_share},
	{"margin", section_margin},
	{"growth", section_growth},
	{"sla", section_sla},
	{"reconcile", section_reconcile},
	{"bill", report_section_bill}, /* beside actual against forecast */
	{"ledger", section_ledger},
};

static const struct report_chart charts[] = {
	{.name = "cost-by-workload",
	 .title = "Monthly cost per workload: sync, batch and hybrid",
	 .xlabel = "workload", .ylabel = "USD per month", .kind = CHART_BARS,
	 .table = "cost-by-workload", .x = COST_WORKLOAD,
	 .series = {{COST_SYNC, STYLE_SYNC}, {COST_BATCH, STYLE_BATCH},
	            {COST_HYBRID, STYLE_HYBRID}},
	 .series_count = 3},
	{.name = "savings-by-batch-share",
	 .title = "Monthly cost and savings against batch share",
	 .xlabel = "share of requests sent to the Batch API", .ylabel = "USD per month",
	 .kind = CHART_LINES, .table = "savings-by-batch-share", .x = SHARE_PERCENT,
	 .series = {{SHARE_SYNC, STYLE_SYNC}, {SHARE_HYBRID, STYLE_HYBRID},
	            {SHARE_SAVINGS, STYLE_SAVINGS}},
	 .series_count = 3},
	/* Margin alone, zoomed to its figures: 79% to 82% is the news, and the
	 * savings in dollars have their own chart above. */
	{.name = "margin-by-batch-share",
	 .title = "Gross margin against batch share",
	 .xlabel = "share of requests sent to the Batch API",
	 .ylabel = "gross margin (% of revenue)", .zoom = true,
	 .kind = CHART_LINES, .table = "margin-by-batch-share", .x = MARGIN_SHARE,
	 .series = {{MARGIN_BEFORE, STYLE_SYNC}, {MARGIN_AFTER, STYLE_HYBRID}},
	 .series_count = 2},
	/* All sync against the plan: all batch is in the table, and where the
	 * plan is all batch its line would hide behind the plan's. */
	{.name = "growth-projection",
	 .title = "Growth projection: monthly cost, and the month each limit is first exceeded",
	 .xlabel = "month (1 = the profile today)", .ylabel = "USD per month",
	 .kind = CHART_LINES, .table = "growth-projection", .x = GROWTH_MONTH,
	 .series = {{GROWTH_SYNC, STYLE_SYNC}, {GROWTH_HYBRID, STYLE_HYBRID}},
	 .series_count = 2,
	 .marks = "limits-first-exceeded", .mark_x = LIMIT_MONTH,
	 .mark_label = LIMIT_MARKER},
	/* What the plan saves, month after month: not flat even when the
	 * volume is. */
	{.name = "cumulative-savings",
	 .title = "Savings of the plan added up, month by month",
	 .xlabel = "month (1 = the profile today)", .ylabel = "USD saved since month 1",
	 .kind = CHART_LINES, .table = "growth-projection", .x = GROWTH_MONTH,
	 .series = {{GROWTH_CUMULATIVE, STYLE_SAVINGS}}, .series_count = 1},
	{.name = "sla-by-submission-hour",
	 .title = "Probability of meeting the deadline by submission hour",
	 .xlabel = "local submission hour (window kept at its length)",
	 .ylabel = "probability of meeting the deadline (%)",
	 .kind = CHART_LINES, .table = "sla-by-submission-hour", .x = HOUR_HOUR,
	 .series = {{HOUR_P_MEET, STYLE_BATCH}}, .series_count = 1,
	 .marks = "sla-summary", .mark_x = SUM_HOUR, .mark_label = SUM_MARKER},
	{.name = "sla-turnaround",
	 .title = "Turnaround distribution: share finished by hours after submission",
	 .xlabel = "hours after submission", .ylabel = "share of submissions finished (%)",
	 .kind = CHART_LINES, .table = "sla-turnaround", .x = CDF_HOURS,
	 .series = {{CDF_FINISHED, STYLE_BATCH}}, .series_count = 1,
	 .marks = "sla-times", .mark_x = TIMES_HOURS, .mark_label = TIMES_MARKER},
	{.name = "reconciled-cost-by-job",
	 .title = "Reconciled cost by job: batch (billed) vs sync (same tokens)",
	 .xlabel = "job", .ylabel = "USD", .kind = CHART_BARS,
	 .table = "reconciled-cost-by-job", .x = JOB_NAME,
	 .series = {{JOB_SYNC, STYLE_SYNC}, {JOB_BATCH, STYLE_BATCH}},
	 .series_count = 2},
	{.name = "actual-vs-forecast",
	 .title = "Actual batch cost against the forecast month, per workload",
	 .xlabel = "workload", .ylabel = "USD", .kind = CHART_BARS,
	 .table = "actual-vs-forecast", .x = VAR_WORKLOAD,
	 .series = {{VAR_FORECAST, STYLE_EXTRA1}, {VAR_ACTUAL, STYLE_BATCH}},
	 .series_count = 2},
	{.name = "ledger-by-month",
	 .title = "The ledger by month: billed, sync and the forecast month",
	 .xlabel = "month booked", .ylabel = "USD", .kind = CHART_BARS,
	 .table = "ledger-by-month", .x = MON_MONTH,
	 .series = {{MON_SYNC, STYLE_SYNC}, {MON_BATCH, STYLE_BATCH},
	            {MON_FORECAST, STYLE_EXTRA1}},
	 .series_count = 3},
};

enum status report_sections_build(struct report *r,
                                  const struct report_input *in, struct diag *d)
{
	enum status st;

	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if ((st = sections[i].add(r, in, d)))
			return st;
	if (pricing_unpriced_count(in->pricing)) {
		/* Said on the page and on stdout: what is in no money figure. */
		struct diag why;
		char text[DIAG_SIZE + 160];
		pricing_unpriced_status(in->pricing, &why);
		snprintf(text, sizeof text, "NOT PRICED (in no money figure, never $0; "
		         "listed beside the tables it is left out of, whose totals are of "
		         "the priced part only): %s", why.text);
		report_add_note(r, text);
	}
	/* Each warning pricing met, beside the table whose figures it affects. */
	for (size_t i = 0; i < in->pricing->warning_count; i++) {
		const struct pricing_warning *w = &in->pricing->warnings[i];
		const char *table = warned_table(in, w);
		report_add_warning(r, table && report_find_table(r, table) ? table : NULL,
		                   w->text);
	}
	for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++) {
		if (!report_find_table(r, charts[i].table))
			continue;
		/* Flat lines say nothing the table does not: at 0% growth the
		 * cumulative savings are the chart. */
		if (strcmp(charts[i].name, "growth-projection") == 0 && in->plan.growth == 0) {
			report_add_note(r, "Monthly cost over the months: not drawn, the "
			                "volume does not grow (--growth N%, or "
			                "plan.growth_per_month in a JSON profile); every month "
			                "costs what month 1 does.");
			continue;
		}
		report_add_chart(r, &charts[i]);
	}
	return STATUS_OK;
}

