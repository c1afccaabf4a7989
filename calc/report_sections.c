#include "report_sections_impl.h"

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
void sections_add_row(const struct report_input *in, struct report_table *t,
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
enum status sections_as_of_rate(const struct report_input *in, int64_t *fx,
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

	if ((st = sections_as_of_rate(in, &fx, d)))
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
		sections_add_row(in, t, cells, fx, &overflow);
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

	if ((st = sections_as_of_rate(in, &fx, d)))
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

	if ((st = sections_as_of_rate(in, &fx, d)))
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
		sections_add_row(in, t, cells, fx, &overflow);
	}
	return overflow ? diag_set(d, STATUS_OVERFLOW, "a cost does not fit") : STATUS_OK;
}

/* A double figure (a margin, in percent or points) for a CSV cell: 12
 * significant digits, enough to tell any two cents of a margin apart. */
const char *sections_double_text(double v, char buf[64])
{
	snprintf(buf, 64, "%.12g", v == 0.0 ? 0.0 : v); /* no "-0" */
	return buf;
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
				sections_double_text(p->margin[m].gross_margin_before * 100.0, buf[2]);
			cells[MONTH_MARGIN_PLAN] =
				sections_double_text(p->margin[m].gross_margin_after * 100.0, buf[3]);
			cells[MONTH_MARGIN_POINTS] = sections_double_text(p->margin[m].margin_points, buf[4]);
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

/* ---- what the pack holds ------------------------------------------------- */

static const struct report_section {
	const char *name;
	enum status (*add)(struct report *r, const struct report_input *in,
	                   struct diag *d);
} sections[] = {
	{"margin headline", report_headline_margin},
	{"headline", section_headline},
	{"cost", section_cost},
	{"share", section_share},
	{"margin", report_section_margin},
	{"growth", section_growth},
	{"sla", report_section_sla},
	{"reconcile", report_section_reconcile},
	{"bill", report_section_bill}, /* beside actual against forecast */
	{"ledger", report_section_ledger},
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
