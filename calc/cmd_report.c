/*
 * batchcalc report: a report pack (CSV, gnuplot charts, index.html) of a
 * profile, written all or nothing into a directory (calc/report.h).
 *
 * What goes in the pack is the list `sections` below: each section fills one
 * or more tables from the figures of a command, and `charts` describes what
 * is drawn from which table. A new chart is one more section (or one more
 * table in a section) and one more chart description; see the README.
 */
#include "commands.h"

#include "business.h"
#include "estimate.h"
#include "latency.h"
#include "plan.h"
#include "recon_read.h"
#include "recon_report.h"
#include "report.h"
#include "schedule.h"
#include "tz.h"
#include "../models/margin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc report [PROFILE] [-o DIR] [--growth PCT]\n"
	"                        [--submit HH:MM --deadline HH:MM|Nh [--tz ZONE]]\n"
	"                        [--results FILE]... [--batches META.json]\n"
	"                        [--job-pattern REGEX] [--model MODEL]\n"
	"                        [--since YYYY-MM-DD] [--until YYYY-MM-DD]\n"
	"                        [--as-of YYYY-MM-DD] [--month-days N] [--prices FILE]\n"
	"                        [--gnuplot PROGRAM]";

static const char summary[] =
	"Writes a report pack of PROFILE (default: the seed article's scenarios,\n"
	"built in) into DIR (default reports/): one CSV per table, summary.json, a\n"
	"data file and gnuplot script per chart rendered to PNG and SVG, and\n"
	"index.html. Files of the previous report in DIR are replaced only when the\n"
	"whole pack is written; other files in DIR are left alone. A JSON profile's\n"
	"\"business\" section adds gross margin against batch share; its \"plan\"\n"
	"section (or --growth) sets the growth projection. --submit and --deadline\n"
	"(as for sla, on weekdays) add the deadline and turnaround charts.\n"
	"--results (batch results files, read as reconcile reads them) adds the\n"
	"reconciled cost by job and each workload of PROFILE against its job.";

/* What every section reads. */
struct report_input {
	struct estimate est;
	struct business business; /* the profile's "business" section, if any */
	struct plan plan;         /* plan_compute of the profile */
	bool has_sla;             /* --submit and --deadline given */
	struct sla_run sla;       /* schedule_build of them */
	bool has_results;         /* --results given */
	struct recon_run run;     /* the results files, read */
	struct recon_figures recon; /* priced, with PROFILE as the forecast */
	char period_note[200];    /* --since/--until: what was kept, or "" */
};

/* ---- the monthly cost per workload (estimate) ----------------------------- */

enum {
	COST_WORKLOAD, COST_REQUESTS, COST_SHARE, COST_SYNC, COST_BATCH, COST_HYBRID,
	COST_SAVINGS, COST_MODEL, COST_DERIVED, COST_COLUMNS
};

static const struct report_column cost_columns[COST_COLUMNS] = {
	{"workload", "workload", UNIT_TEXT},
	{"requests_per_month", "requests", UNIT_COUNT},
	{"batch_share_percent", "batch share", UNIT_PERCENT},
	{"sync_usd_month", "sync", UNIT_USD},
	{"batch_usd_month", "batch", UNIT_USD},
	{"hybrid_usd_month", "hybrid", UNIT_USD},
	{"savings_usd_month", "savings", UNIT_USD},
	{"model", "model", UNIT_TEXT},
	{"derived_batch_rates", "derived", UNIT_TEXT},
};

static enum status section_cost(struct report *r, const struct report_input *in,
                                struct diag *d)
{
	const struct estimate *est = &in->est;
	struct report_table *t = report_add_table(
		r, "cost-by-workload", "Monthly cost per workload",
		"USD per month: all on the real-time API (sync), all on the Batch API "
		"(batch), and the profile's plan (hybrid: batch share to batch, the rest "
		"sync); savings = sync - hybrid. \"derived\": a batch rate derived by the "
		"provider's rule, not published. The CSV has the exact figures.",
		cost_columns, COST_COLUMNS);
	char buf[COST_COLUMNS][64];
	const char *cells[COST_COLUMNS];
	bool overflow = false;

	(void)d;
	for (size_t i = 0; i < est->profile.count; i++) {
		const struct estimate_row *row = &est->rows[i];
		struct ratio share = {row->w->batch_share, SHARE_SCALE / 100};

		cells[COST_WORKLOAD] = row->w->name;
		cells[COST_MODEL] = row->model->id;
		cells[COST_REQUESTS] = cli_ratio_exact(row->e.requests_per_month, buf[0]);
		cells[COST_SHARE] = cli_ratio_exact(share, buf[1]);
		cells[COST_SYNC] = cli_money_exact(row->e.sync, buf[2]);
		cells[COST_BATCH] = cli_money_exact(row->e.batch, buf[3]);
		cells[COST_HYBRID] = cli_money_exact(row->e.hybrid, buf[4]);
		cells[COST_SAVINGS] = cli_money_exact(row->e.savings, buf[5]);
		cells[COST_DERIVED] = row->e.used_derived ? "yes" : "no";
		report_table_add(t, cells);
	}
	cells[COST_WORKLOAD] = "total";
	cells[COST_MODEL] = "";
	cells[COST_REQUESTS] = cli_ratio_exact(estimate_total_requests(est, &overflow),
	                                       buf[0]);
	cells[COST_SHARE] = "";
	cells[COST_SYNC] = cli_money_exact(est->total.sync, buf[2]);
	cells[COST_BATCH] = cli_money_exact(est->total.batch, buf[3]);
	cells[COST_HYBRID] = cli_money_exact(est->total.hybrid, buf[4]);
	cells[COST_SAVINGS] = cli_money_exact(est->total.savings, buf[5]);
	cells[COST_DERIVED] = est->total.used_derived ? "yes" : "no";
	report_table_footer(t, cells);
	return STATUS_OK;
}

static void headline_money(struct report *r, const char *key, const char *label,
                           money m)
{
	char exact[64], shown[64];

	report_cell_shown(UNIT_USD, cli_money_exact(m, exact), shown);
	report_add_headline(r, key, label, shown, exact);
}

static enum status section_headline(struct report *r, const struct report_input *in,
                                    struct diag *d)
{
	const struct workload_estimate *total = &in->est.total;
	double saved = money_ratio(total->savings, total->sync);
	char exact[64], shown[64];

	(void)d;
	headline_money(r, "sync_usd_month", "all sync, per month", total->sync);
	headline_money(r, "batch_usd_month", "all batch, per month", total->batch);
	headline_money(r, "hybrid_usd_month", "the plan (hybrid), per month",
	               total->hybrid);
	headline_money(r, "savings_usd_month", "saved by the plan, per month",
	               total->savings);
	/* A ratio, so a double is fine (money.h); 0 when nothing costs anything. */
	snprintf(exact, sizeof exact, "%.4f", isfinite(saved) ? saved * 100.0 : 0.0);
	snprintf(shown, sizeof shown, "%.1f%%", isfinite(saved) ? saved * 100.0 : 0.0);
	report_add_headline(r, "savings_percent", "saved, share of sync", shown, exact);
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
		"USD per month if every workload sent the same share of its requests "
		"to the Batch API, each priced exactly as in the table above.",
		share_columns, SHARE_COLUMNS);
	char buf[SHARE_COLUMNS][64];
	const char *cells[SHARE_COLUMNS];

	for (int percent = 0; percent <= 100; percent += SHARE_STEP_PERCENT) {
		struct workload_estimate e;
		struct ratio share = {percent, 1};
		double saved;
		enum status st;

		st = estimate_at_share(&in->est, (int64_t)percent * (SHARE_SCALE / 100), &e, d);
		if (st != STATUS_OK)
			return st;
		saved = money_ratio(e.savings, e.sync);
		cells[SHARE_PERCENT] = cli_ratio_exact(share, buf[0]);
		cells[SHARE_SYNC] = cli_money_exact(e.sync, buf[1]);
		cells[SHARE_HYBRID] = cli_money_exact(e.hybrid, buf[2]);
		cells[SHARE_SAVINGS] = cli_money_exact(e.savings, buf[3]);
		snprintf(buf[4], 64, "%.4f", isfinite(saved) ? saved * 100.0 : 0.0);
		cells[SHARE_SAVED] = buf[4];
		report_table_add(t, cells);
	}
	return STATUS_OK;
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

static enum status section_margin(struct report *r, const struct report_input *in,
                                  struct diag *d)
{
	const struct estimate *est = &in->est;
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
	if (!(bills = calloc(est->profile.count, sizeof *bills)))
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t i = 0; i < est->profile.count; i++) {
		bills[i].name = est->rows[i].w->name;
		bills[i].sync = est->rows[i].e.sync;
		bills[i].batch = est->rows[i].e.batch;
		bills[i].share = est->rows[i].w->batch_share;
	}
	/* The inputs `margin PROFILE` builds from the same business section. */
	memset(&base, 0, sizeof base);
	base.revenue = in->business.revenue;
	base.has_cash = in->business.has_cash;
	base.cash = in->business.cash;
	base.has_burn = in->business.has_burn;
	base.net_burn = in->business.net_burn;
	base.migration_cost = in->business.migration_cost;
	base.requests_per_month = est->total.requests_per_month;
	st = business_other_cogs(&in->business,
	                         margin_bills_sync(bills, est->profile.count, &overflow),
	                         &base.other_cogs, &assumed, d);
	if (st != STATUS_OK) {
		free(bills);
		return st;
	}
	t = report_add_table(
		r, "margin-by-batch-share", "Gross margin against batch share",
		assumed ? "Per month, at the profile's revenue, if every workload sent the "
		          "same share of its requests to the Batch API (margin --sweep "
		          "share). The profile gives no COGS: the other COGS are taken as "
		          "0, so the margins are those of inference alone."
		        : "Per month, at the profile's revenue and COGS, if every workload "
		          "sent the same share of its requests to the Batch API (margin "
		          "--sweep share).",
		margin_columns, MARGIN_COLUMNS);
	for (int percent = 0; percent <= 100; percent += SHARE_STEP_PERCENT) {
		int64_t share = (int64_t)percent * (SHARE_SCALE / 100);
		struct margin_result m;
		char buf[MARGIN_COLUMNS][64];
		const char *cells[MARGIN_COLUMNS];

		if ((st = margin_at_share(&base, bills, est->profile.count, share, 100,
		                          &m, d)))
			break;
		cells[MARGIN_SHARE] = cli_ratio_exact((struct ratio){percent, 1}, buf[0]);
		cells[MARGIN_BEFORE_USD] = cli_money_exact(
			margin_bills_sync(bills, est->profile.count, &overflow), buf[1]);
		cells[MARGIN_AFTER_USD] = cli_money_exact(
			margin_bills_after(bills, est->profile.count, share, &overflow), buf[2]);
		cells[MARGIN_SAVINGS] = cli_money_exact(m.savings_month, buf[3]);
		cells[MARGIN_BEFORE] = double_text(m.gross_margin_before * 100.0, buf[4]);
		cells[MARGIN_AFTER] = double_text(m.gross_margin_after * 100.0, buf[5]);
		cells[MARGIN_POINTS] = double_text(m.margin_points, buf[6]);
		report_table_add(t, cells);
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
	static char note[400];

	(void)d;
	snprintf(note, sizeof note, "USD per month, %.2f%% growth in volume a month "
	         "(--growth, or plan.growth_pct_month in a JSON profile; 0: flat), each "
	         "month priced from its whole request count exactly as `plan --growth` "
	         "does. Month 1 is the profile as it is.", p->growth * 100.0);
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
		report_table_add(t, cells);
	}
	lim = report_add_table(
		r, "limits-first-exceeded", "Month each limit is first exceeded",
		"The provider's rate limits at the plan's tier (RPM, ITPM, OTPM) for the "
		"plan's sync share (plan) and for every request on the real-time API (all "
		"sync), and its batch queue; a model is its workloads together, a provider "
		"all of its workloads. Limits not listed are not exceeded within the months "
		"projected, or the catalogue has no data for them. Marked on the chart "
		"above by a dashed line.",
		limit_columns, LIMIT_COLUMNS);
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
	return STATUS_OK;
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
	cells[SUM_DEADLINE] = s->deadline_hours > 0 ? "" :
	                      schedule_clock_text(s->deadline_minute, buf[1]);
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
	                     "day, the window kept at its length: the curve `sla` "
	                     "searches for the best submission time.",
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

static const struct report_column job_columns[JOB_COLUMNS] = {
	{"job", "job", UNIT_TEXT},
	{"requests", "requests", UNIT_COUNT},
	{"succeeded", "succeeded", UNIT_COUNT},
	{"failed", "failed", UNIT_COUNT},
	{"batch_usd", "batch (billed)", UNIT_USD},
	{"sync_usd", "sync (same tokens)", UNIT_USD},
	{"savings_usd", "savings", UNIT_USD},
};

enum { VAR_WORKLOAD, VAR_FORECAST, VAR_ACTUAL, VAR_DIFFERENCE, VAR_VOLUME,
       VAR_FAILURE, VAR_MIX, VAR_PRICE, VAR_COLUMNS };

/* The workload, then the figures in variance_figures() order. */
_Static_assert(VAR_COLUMNS == 1 + VARIANCE_FIGURES, "one column per variance figure");

static const struct report_column variance_columns[VAR_COLUMNS] = {
	{"workload", "workload", UNIT_TEXT},
	{"forecast_usd_month", "forecast", UNIT_USD},
	{"actual_usd", "actual", UNIT_USD},
	{"difference_usd", "difference", UNIT_USD},
	{"volume_usd", "volume", UNIT_USD},
	{"failure_usd", "failure", UNIT_USD},
	{"token_mix_usd", "token mix", UNIT_USD},
	{"price_usd", "price", UNIT_USD},
};

/* A job's row (or the total's) as cells; buf holds the numbers. */
static void job_cells(const struct recon_row *row, char buf[][64],
                      const char *cells[JOB_COLUMNS])
{
	bool overflow = false; /* sync >= batch, both already summed */
	int64_t succeeded = row->outcomes[RECON_SUCCEEDED];

	snprintf(buf[0], 64, "%lld", (long long)row->requests);
	snprintf(buf[1], 64, "%lld", (long long)succeeded);
	snprintf(buf[2], 64, "%lld", (long long)(row->requests - succeeded));
	cells[JOB_NAME] = row->name;
	cells[JOB_REQUESTS] = buf[0];
	cells[JOB_SUCCEEDED] = buf[1];
	cells[JOB_FAILED] = buf[2];
	cells[JOB_BATCH] = cli_money_exact(row->batch, buf[3]);
	cells[JOB_SYNC] = cli_money_exact(row->sync, buf[4]);
	cells[JOB_SAVINGS] = cli_money_exact(money_sub(row->sync, row->batch, &overflow),
	                                     buf[5]);
}

static enum status section_reconcile(struct report *r, const struct report_input *in,
                                     struct diag *d)
{
	const struct recon_figures *f = &in->recon;
	money parts[VARIANCE_FIGURES], total[VARIANCE_FIGURES];
	char buf[VAR_COLUMNS][64], exact[64], shown[64];
	const char *cells[VAR_COLUMNS];
	struct report_table *t;
	bool overflow = false;

	if (!in->has_results) {
		report_add_note(r, "Reconciled cost by job and actual against forecast: "
		                "not drawn, no batch results files given (--results "
		                "FILE).");
		return STATUS_OK;
	}
	if (*in->period_note)
		report_add_note(r, in->period_note);
	t = report_add_table(
		r, "reconciled-cost-by-job", "Reconciled cost by job",
		"USD, from the batch results files (--results), as `reconcile` reads "
		"them: what the Batch API billed for the succeeded requests (batch) and "
		"what the same tokens cost on the real-time API (sync), each batch at "
		"the prices of its created date (--batches), otherwise of the as-of date.",
		job_columns, JOB_COLUMNS);
	for (size_t i = 0; i < f->job_count; i++) {
		job_cells(&f->jobs[i], buf, cells);
		report_table_add(t, cells);
	}
	job_cells(&f->total, buf, cells);
	cells[JOB_NAME] = "total";
	report_table_footer(t, cells);

	t = report_add_table(
		r, "actual-vs-forecast", "Actual against forecast",
		"USD: each workload of the profile (one 30-day month, all batch, at the "
		"as-of prices) against the job of the same name in the results, as "
		"`reconcile --forecast` splits it: difference = volume + failure + token "
		"mix + price. Jobs no workload names are not compared.",
		variance_columns, VAR_COLUMNS);
	memset(total, 0, sizeof total);
	for (size_t i = 0; i < in->est.profile.count; i++) {
		variance_figures(&f->forecast[i].v, parts);
		cells[VAR_WORKLOAD] = f->forecast[i].w->name;
		for (int k = 0; k < VARIANCE_FIGURES; k++) {
			cells[k + 1] = cli_money_exact(parts[k], buf[k + 1]);
			total[k] = money_add(total[k], parts[k], &overflow);
		}
		report_table_add(t, cells);
	}
	cells[VAR_WORKLOAD] = "total";
	for (int k = 0; k < VARIANCE_FIGURES; k++)
		cells[k + 1] = cli_money_exact(total[k], buf[k + 1]);
	report_table_footer(t, cells);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the forecast total does not fit");

	headline_money(r, "reconciled_batch_usd", "reconciled batch cost (billed)",
	               f->total.batch);
	/* A ratio, so a double is fine (money.h). */
	snprintf(exact, sizeof exact, "%.4f", f->success * 100.0);
	snprintf(shown, sizeof shown, "%.1f%%", f->success * 100.0);
	report_add_headline(r, "reconciled_success_percent",
	                    "batch requests succeeded", shown, exact);
	return STATUS_OK;
}

/* ---- what the pack holds ------------------------------------------------- */

static const struct report_section {
	const char *name;
	enum status (*add)(struct report *r, const struct report_input *in,
	                   struct diag *d);
} sections[] = {
	{"headline", section_headline},
	{"cost", section_cost},
	{"share", section_share},
	{"margin", section_margin},
	{"growth", section_growth},
	{"sla", section_sla},
	{"reconcile", section_reconcile},
};

static const struct report_chart charts[] = {
	{.name = "cost-by-workload",
	 .title = "Monthly cost per workload: sync, batch and hybrid",
	 .xlabel = "workload", .ylabel = "USD per month", .kind = CHART_BARS,
	 .table = "cost-by-workload", .x = COST_WORKLOAD,
	 .series = {{COST_SYNC, STYLE_SYNC, false}, {COST_BATCH, STYLE_BATCH, false},
	            {COST_HYBRID, STYLE_HYBRID, false}},
	 .series_count = 3},
	{.name = "savings-by-batch-share",
	 .title = "Monthly cost and savings against batch share",
	 .xlabel = "share of requests sent to the Batch API", .ylabel = "USD per month",
	 .kind = CHART_LINES, .table = "savings-by-batch-share", .x = SHARE_PERCENT,
	 .series = {{SHARE_SYNC, STYLE_SYNC, false}, {SHARE_HYBRID, STYLE_HYBRID, false},
	            {SHARE_SAVINGS, STYLE_SAVINGS, false}},
	 .series_count = 3},
	{.name = "margin-by-batch-share",
	 .title = "Savings and gross margin against batch share",
	 .xlabel = "share of requests sent to the Batch API",
	 .ylabel = "savings, USD per month", .y2label = "gross margin (% of revenue)",
	 .kind = CHART_LINES, .table = "margin-by-batch-share", .x = MARGIN_SHARE,
	 .series = {{MARGIN_SAVINGS, STYLE_SAVINGS, false},
	            {MARGIN_BEFORE, STYLE_SYNC, true}, {MARGIN_AFTER, STYLE_HYBRID, true}},
	 .series_count = 3},
	{.name = "growth-projection",
	 .title = "Growth projection: monthly cost, and the month each limit is first exceeded",
	 .xlabel = "month (1 = the profile today)", .ylabel = "USD per month",
	 .kind = CHART_LINES, .table = "growth-projection", .x = GROWTH_MONTH,
	 .series = {{GROWTH_SYNC, STYLE_SYNC, false}, {GROWTH_BATCH, STYLE_BATCH, false},
	            {GROWTH_HYBRID, STYLE_HYBRID, false}},
	 .series_count = 3,
	 .marks = "limits-first-exceeded", .mark_x = LIMIT_MONTH,
	 .mark_label = LIMIT_MARKER},
	{.name = "sla-by-submission-hour",
	 .title = "Probability of meeting the deadline by submission hour",
	 .xlabel = "local submission hour (window kept at its length)",
	 .ylabel = "probability of meeting the deadline (%)",
	 .kind = CHART_LINES, .table = "sla-by-submission-hour", .x = HOUR_HOUR,
	 .series = {{HOUR_P_MEET, STYLE_BATCH, false}}, .series_count = 1,
	 .marks = "sla-summary", .mark_x = SUM_HOUR, .mark_label = SUM_MARKER},
	{.name = "sla-turnaround",
	 .title = "Turnaround distribution: share finished by hours after submission",
	 .xlabel = "hours after submission", .ylabel = "share of submissions finished (%)",
	 .kind = CHART_LINES, .table = "sla-turnaround", .x = CDF_HOURS,
	 .series = {{CDF_FINISHED, STYLE_BATCH, false}}, .series_count = 1,
	 .marks = "sla-times", .mark_x = TIMES_HOURS, .mark_label = TIMES_MARKER},
	{.name = "reconciled-cost-by-job",
	 .title = "Reconciled cost by job: batch (billed) vs sync (same tokens)",
	 .xlabel = "job", .ylabel = "USD", .kind = CHART_BARS,
	 .table = "reconciled-cost-by-job", .x = JOB_NAME,
	 .series = {{JOB_SYNC, STYLE_SYNC, false}, {JOB_BATCH, STYLE_BATCH, false}},
	 .series_count = 2},
	{.name = "actual-vs-forecast",
	 .title = "Actual batch cost against the forecast month, per workload",
	 .xlabel = "workload", .ylabel = "USD", .kind = CHART_BARS,
	 .table = "actual-vs-forecast", .x = VAR_WORKLOAD,
	 .series = {{VAR_FORECAST, STYLE_EXTRA1, false}, {VAR_ACTUAL, STYLE_BATCH, false}},
	 .series_count = 2},
};

static enum status build(struct report *r, const struct report_input *in,
                         struct diag *d)
{
	enum status st;

	for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++)
		if ((st = sections[i].add(r, in, d)))
			return st;
	for (size_t i = 0; i < sizeof charts / sizeof charts[0]; i++)
		if (report_find_table(r, charts[i].table))
			report_add_chart(r, &charts[i]);
	return STATUS_OK;
}

static void print_result(FILE *out, const struct report *r, const char *dir,
                         const struct report_result *res)
{
	const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";

	fprintf(out, "%s\n%s\n\nwrote %s%sindex.html and:\n", r->title, r->stamp_text,
	        dir, sep);
	for (int i = 0; i < res->file_count; i++)
		if (strcmp(res->files[i], "index.html") != 0)
			fprintf(out, "  %s%s%s\n", dir, sep, res->files[i]);
	fprintf(out, "  %s%s%s (the files above, for the next report)\n", dir, sep,
	        REPORT_MANIFEST);
	for (int i = 0; i < r->note_count; i++)
		fprintf(out, "%s%s\n", i ? "" : "\n", r->notes[i]);
	if (!res->rendered && r->chart_count > 0) {
		fprintf(out, "\ncharts not rendered (gnuplot not found); to render them:\n"
		             "  cd %s", dir);
		for (int i = 0; i < r->chart_count; i++)
			fprintf(out, " && gnuplot %s.gp", r->charts[i]->name);
		fputc('\n', out);
	}
}

/* --submit, --deadline, --tz: all or none of the schedule (--tz alone is
 * a mistake, not a default). Weekdays, one batch, as `sla` by default. */
static enum status sla_flags(struct report_input *in, const char *submit,
                             const char *deadline, const char *zone,
                             struct diag *d)
{
	struct sla_run *s = &in->sla;
	enum status st;

	if (!submit && !deadline) {
		if (zone)
			return diag_set(d, STATUS_USAGE, "--tz: expected with --submit and "
			                "--deadline, found it alone");
		return STATUS_OK;
	}
	if (!submit || !deadline)
		return diag_set(d, STATUS_USAGE, "expected --submit HH:MM and --deadline "
		                "HH:MM|Nh together, found %s missing",
		                !submit ? "--submit" : "--deadline");
	if (!schedule_parse_clock(submit, &s->submit_minute))
		return diag_set(d, STATUS_USAGE, "--submit: expected a local time HH:MM "
		                "(00:00 to 23:59), found \"%s\"", submit);
	s->zone = zone ? zone : "UTC";
	s->batches = 1;
	if ((st = schedule_parse_deadline(s, deadline, d)) ||
	    (st = tz_check(s->zone, d)) ||
	    (st = schedule_parse_days("mon-fri", s->days, d)))
		return st;
	in->has_sla = true;
	return STATUS_OK;
}

/* The built-in latency profile under Anthropic's expiry on the as-of date,
 * then sla's own figures for the schedule. */
static enum status sla_setup(struct cli *ctx, struct sla_run *s, struct diag *d)
{
	const struct batch_limits *limits;
	enum status st;

	s->latency_origin = LATENCY_BUILTIN_ORIGIN;
	if ((st = latency_load_builtin(&s->profile, d)))
		return st;
	s->provider = catalogue_provider(&ctx->catalogue, "anthropic");
	limits = s->provider ? provider_batch_limits_on(s->provider, s->as_of) : NULL;
	if (!limits || limits->expiry_hours <= 0)
		return diag_set(d, STATUS_UNKNOWN_MODEL, "anthropic: expected batch "
		                "limits with an expiry in force on the --as-of date, "
		                "found none");
	s->profile.expiry_hours = (double)limits->expiry_hours;
	if ((st = schedule_build(s, d)))
		return st;
	return schedule_find_best(s, d);
}

/* --batches, --job-pattern, --model, --since and --until only say how to
 * read --results. */
static enum status results_flags(struct report_input *in,
                                 const struct option_list *results,
                                 const struct recon_read_options *ro,
                                 const char *since, const char *until,
                                 struct diag *d)
{
	const char *alone = ro->batches ? "--batches" : ro->job_pattern
	                    ? "--job-pattern" : ro->model ? "--model" : since
	                    ? "--since" : until ? "--until" : NULL;

	if (results->count == 0 && alone)
		return diag_set(d, STATUS_USAGE, "%s: expected with --results FILE, found "
		                "it alone", alone);
	in->has_results = results->count > 0;
	return STATUS_OK;
}

/* The results files read and priced as `reconcile FILES --forecast PROFILE`
 * does: the report's profile is the forecast, at its as-of prices. */
static enum status results_read(struct cli *ctx, struct report_input *in,
                                const struct option_list *results,
                                const struct recon_read_options *ro,
                                const char *since, const char *until,
                                struct diag *d)
{
	struct recon_options opt;
	struct keyset *keys;
	enum status st;

	memset(&opt, 0, sizeof opt);
	opt.group = GROUP_JOB;
	opt.as_of = in->est.as_of;
	opt.forecast = &in->est.profile;
	if ((st = recon_period_parse(ctx, since, until, &opt, d)))
		return st;
	if (!(keys = keyset_new(KEYSET_DEFAULT_BITS)))
		return diag_set(d, STATUS_IO, "out of memory");
	st = recon_read(ctx, results->items, results->count, ro, &opt, keys, &in->run, d);
	keyset_free(keys);
	if (st == STATUS_OK)
		st = recon_figures_compute(ctx, &in->run, &opt, &in->recon, d);
	if (st == STATUS_OK && opt.has_period) {
		char period[64];
		snprintf(in->period_note, sizeof in->period_note, "Reconciled cost: "
		         "batches created %s only; %zu --results file%s read, %zu "
		         "outside the period not read.", recon_period_text(&opt, period),
		         in->run.file_count, in->run.file_count == 1 ? "" : "s",
		         in->run.outside_count);
	}
	return st;
}

enum status cmd_report(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *as_of = NULL, *month_days = NULL, *prices = NULL, *growth = NULL;
	const char *submit = NULL, *deadline = NULL, *zone = NULL;
	const char *since = NULL, *until = NULL;
	struct option_list results = {{NULL}, 0};
	struct recon_read_options ro = {0};
	struct business_flags no_flags = {0};
	struct report_options opt = {"reports", "gnuplot"};
	bool help = false;
	const struct option_spec specs[] = {
		{"output", 'o', OPTION_VALUE, "DIR", "write the pack into DIR (default reports)", &opt.dir},
		{"growth", 0, OPTION_VALUE, "PCT", "volume growth per month for the projection (default: the profile's plan, or 0)", &growth},
		{"submit", 0, OPTION_VALUE, "HH:MM", "local submission time of the batches (sla)", &submit},
		{"deadline", 0, OPTION_VALUE, "HH:MM|Nh", "local deadline, or hours after submission", &deadline},
		{"tz", 0, OPTION_VALUE, "ZONE", "IANA time zone of the times (default UTC)", &zone},
		{"results", 0, OPTION_LIST, "FILE", "a batch results file to reconcile (repeatable)", &results},
		{"batches", 0, OPTION_VALUE, "META.json", "batch objects: created dates and counts to check", &ro.batches},
		{"job-pattern", 0, OPTION_VALUE, "REGEX", "job = first group of this POSIX ERE in the key", &ro.job_pattern},
		{"model", 0, OPTION_VALUE, "MODEL", "model of result lines that name none (Bedrock, Gemini)", &ro.model},
		{"since", 0, OPTION_VALUE, "YYYY-MM-DD", "only results of batches created on or after that day", &since},
		{"until", 0, OPTION_VALUE, "YYYY-MM-DD", "only results of batches created on or before that day", &until},
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "price on that day (default today)", &as_of},
		{"month-days", 0, OPTION_VALUE, "N", "days in a month (default 30)", &month_days},
		{"prices", 0, OPTION_VALUE, "FILE", "price catalogue (default: built-in)", &prices},
		{"prices-overlay", 0, OPTION_VALUE, "FILE", "merge FILE's prices and aliases on top", &ctx->overlay},
		{"gnuplot", 0, OPTION_VALUE, "PROGRAM", "render charts with PROGRAM (default gnuplot)", &opt.gnuplot},
		OPTION_END,
	};
	const char *operands[1];
	int operand_count;
	struct report_input in;
	struct report r;
	struct report_result res;
	char title[512];
	enum status st;

	memset(&in, 0, sizeof in);
	memset(&res, 0, sizeof res);
	plan_init(&in.plan);
	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if (!*opt.dir)
		return diag_set(d, STATUS_USAGE, "-o: expected a directory, found \"\"");
	if ((st = sla_flags(&in, submit, deadline, zone, d)) ||
	    (st = results_flags(&in, &results, &ro, since, until, d)))
		return st;
	if ((st = cli_parse_date(ctx, "as-of", as_of, &in.est.as_of, d)) ||
	    (st = cli_parse_month_days(month_days, &in.est.month_days, d)) ||
	    (growth && (st = plan_parse_growth("growth", growth, &in.plan.growth, d))) ||
	    (st = cli_load_catalogue(ctx, prices, d)))
		return st;
	st = operand_count ? profile_load_file(operands[0], &in.est.profile, d)
	                   : profile_load_builtin(&in.est.profile, d);
	if (st == STATUS_OK)
		st = estimate_compute(ctx, &in.est, d);
	/* Before the plan: a wrong results file is said before its warnings. */
	if (st == STATUS_OK && in.has_results)
		st = results_read(ctx, &in, &results, &ro, since, until, d);
	if (st == STATUS_OK)
		st = business_load(&in.est.profile, &no_flags, &in.business, d);
	/* plan's own model on the same profile (shared, not copied: the
	 * estimate owns it); the flag beats the profile's plan section. */
	in.plan.profile = in.est.profile;
	in.plan.business = in.business;
	in.plan.as_of = in.est.as_of;
	in.plan.month_days = in.est.month_days;
	in.sla.as_of = in.est.as_of;
	if (st == STATUS_OK) {
		double flag_growth = in.plan.growth;
		st = plan_load_section(&in.plan, d);
		if (growth)
			in.plan.growth = flag_growth;
		in.plan.revenue_growth = in.plan.growth;
		in.plan.horizon = in.plan.months;
	}
	if (st == STATUS_OK && (st = plan_compute(ctx, &in.plan, d)) == STATUS_OK)
		plan_warn_stale(&in.plan);
	if (st == STATUS_OK && in.has_sla)
		st = sla_setup(ctx, &in.sla, d);
	if (st != STATUS_OK) {
		recon_figures_release(&in.recon);
		recon_run_release(&in.run);
		free(in.sla.subs);
		plan_release(&in.plan);
		estimate_release(&in.est);
		return st;
	}
	snprintf(title, sizeof title, "Monthly cost of %s", in.est.profile.origin);
	report_init(&r, title, ctx, in.est.as_of, &in.est.month_days);
	st = build(&r, &in, d);
	if (st == STATUS_OK)
		st = report_write(&r, &opt, &res, d);
	if (st == STATUS_OK) {
		if (!res.rendered && r.chart_count > 0)
			cli_warn("%s not found: charts not rendered (scripts written)",
			         opt.gnuplot);
		print_result(ctx->out, &r, opt.dir, &res);
	}
	report_result_release(&res);
	report_release(&r);
	recon_figures_release(&in.recon);
	recon_run_release(&in.run);
	free(in.sla.subs);
	plan_release(&in.plan);
	estimate_release(&in.est);
	return st;
}
