/* The founder's figures of a report pack: gross margin, payback and runway
 * cards, and gross margin against batch share (report_sections_impl.h). */
#include "report_sections_impl.h"

#include "latency.h"
#include "recon_report.h"
#include "../models/margin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- gross margin against batch share (margin --sweep share) ---------- */

static const struct report_column margin_columns[MARGIN_COLUMNS] = {
	{"batch_share_percent", "batch share", UNIT_PERCENT},
	{"inference_before_usd_month", "inference, all sync", UNIT_USD},
	{"inference_after_usd_month", "inference at this share", UNIT_USD},
	{"savings_usd_month", "savings", UNIT_USD},
	{"gross_margin_before_percent", "margin, all sync", UNIT_PERCENT},
	{"gross_margin_after_percent", "margin at this share", UNIT_PERCENT},
	{"margin_change_points", "change (points)", UNIT_COUNT},
};


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
enum status report_headline_margin(struct report *r, const struct report_input *in,
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
		if ((st = sections_as_of_rate(in, &fx, d)))
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

enum status report_section_margin(struct report *r, const struct report_input *in,
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
	if ((st = sections_as_of_rate(in, &fx, d)) ||
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
		cells[MARGIN_BEFORE] = sections_double_text(m.gross_margin_before * 100.0, buf[4]);
		cells[MARGIN_AFTER] = sections_double_text(m.gross_margin_after * 100.0, buf[5]);
		cells[MARGIN_POINTS] = sections_double_text(m.margin_points, buf[6]);
		sections_add_row(in, t, cells, fx, &overflow);
	}
	free(bills);
	if (st == STATUS_OK && overflow)
		st = diag_set(d, STATUS_OVERFLOW, "the inference bill does not fit");
	return st;
}
