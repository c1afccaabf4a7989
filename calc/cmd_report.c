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

#include "estimate.h"
#include "report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc report [PROFILE] [-o DIR] [--as-of YYYY-MM-DD] [--month-days N]\n"
	"                        [--prices FILE] [--gnuplot PROGRAM]";

static const char summary[] =
	"Writes a report pack of PROFILE (default: the seed article's scenarios,\n"
	"built in) into DIR (default reports/): one CSV per table, summary.json, a\n"
	"data file and gnuplot script per chart rendered to PNG and SVG, and\n"
	"index.html. Files of the previous report in DIR are replaced only when the\n"
	"whole pack is written; other files in DIR are left alone.";

/* What every section reads. */
struct report_input {
	struct estimate est;
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
	cells[COST_DERIVED] = est->any_derived ? "yes" : "no";
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

/* ---- what the pack holds ------------------------------------------------- */

static const struct report_section {
	const char *name;
	enum status (*add)(struct report *r, const struct report_input *in,
	                   struct diag *d);
} sections[] = {
	{"headline", section_headline},
	{"cost", section_cost},
	{"share", section_share},
};

static const struct report_chart charts[] = {
	{"cost-by-workload", "Monthly cost per workload: sync, batch and hybrid",
	 "workload", "USD per month", CHART_BARS, "cost-by-workload",
	 COST_WORKLOAD,
	 {{COST_SYNC, STYLE_SYNC}, {COST_BATCH, STYLE_BATCH}, {COST_HYBRID, STYLE_HYBRID}},
	 3},
	{"savings-by-batch-share", "Monthly cost and savings against batch share",
	 "share of requests sent to the Batch API", "USD per month", CHART_LINES,
	 "savings-by-batch-share", SHARE_PERCENT,
	 {{SHARE_SYNC, STYLE_SYNC}, {SHARE_HYBRID, STYLE_HYBRID},
	  {SHARE_SAVINGS, STYLE_SAVINGS}},
	 3},
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
	if (!res->rendered && r->chart_count > 0) {
		fprintf(out, "\ncharts not rendered (gnuplot not found); to render them:\n"
		             "  cd %s", dir);
		for (int i = 0; i < r->chart_count; i++)
			fprintf(out, " && gnuplot %s.gp", r->charts[i]->name);
		fputc('\n', out);
	}
}

enum status cmd_report(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *as_of = NULL, *month_days = NULL, *prices = NULL;
	struct report_options opt = {"reports", "gnuplot"};
	bool help = false;
	const struct option_spec specs[] = {
		{"output", 'o', OPTION_VALUE, "DIR", "write the pack into DIR (default reports)", &opt.dir},
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "price on that day (default today)", &as_of},
		{"month-days", 0, OPTION_VALUE, "N", "days in a month (default 30)", &month_days},
		{"prices", 0, OPTION_VALUE, "FILE", "price catalogue (default: built-in)", &prices},
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
	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if (!*opt.dir)
		return diag_set(d, STATUS_USAGE, "-o: expected a directory, found \"\"");
	if ((st = cli_parse_date(ctx, "as-of", as_of, &in.est.as_of, d)) ||
	    (st = cli_parse_month_days(month_days, &in.est.month_days, d)) ||
	    (st = cli_load_catalogue(ctx, prices, d)))
		return st;
	st = operand_count ? profile_load_file(operands[0], &in.est.profile, d)
	                   : profile_load_builtin(&in.est.profile, d);
	if (st == STATUS_OK)
		st = estimate_compute(ctx, &in.est, d);
	if (st != STATUS_OK) {
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
	estimate_release(&in.est);
	return st;
}
