/*
 * report_sections: what a report pack holds (`batchcalc report`, calc/
 * cmd_report.c): one section function per group of tables, each filling its
 * rows from the figures a command computes (pricing_day, plan, schedule,
 * recon_figures), never from a copy of their arithmetic; and the charts
 * drawn from those tables. calc/report.c turns the tables and charts into
 * CSV, gnuplot data and scripts, the HTML page and summary.json.
 *
 * Adding a chart: describe its table (a `struct report_column` array: CSV
 * name with unit, HTML label, unit) and write one section function that
 * fills the rows from a command's figures (exact text: cli_money_exact,
 * cli_ratio_exact); add the section to `sections[]` and one `struct
 * report_chart` to `charts[]` (file stem, title, axis labels with units,
 * CHART_BARS or CHART_LINES, table name, x column, the series columns with
 * their style; optionally zoom for a value axis that spans the figures, and
 * marks, mark_x, mark_label naming a table whose rows become labelled
 * dashed vertical lines). A section whose inputs are absent adds a note with
 * report_add_note instead of a table. Everything else follows from the
 * descriptions.
 */
#ifndef BATCHCALC_REPORT_SECTIONS_H
#define BATCHCALC_REPORT_SECTIONS_H

#include "business.h"
#include "plan.h"
#include "recon_figures.h"
#include "recon_run.h"
#include "report.h"
#include "schedule.h"
#include "../models/pricing.h"

struct report_bill;

/* What every section reads. */
struct report_input {
	struct cli *ctx;          /* for the currency's column names */
	struct pricing *pricing;  /* ctx's: the currency, its rates, the warnings */
	struct profile profile;   /* PROFILE, or the built-in seed scenarios */
	date_days as_of;
	struct ratio month_days;
	struct pricing_day est;   /* the profile priced on as_of: every section's */
	struct business business; /* the profile's "business" section, if any */
	struct plan plan;         /* plan_compute of the profile */
	bool has_sla;             /* --submit and --deadline given */
	struct sla_run sla;       /* schedule_build of them */
	bool has_results;         /* --results or --ledger given */
	struct recon_run run;     /* the results files, read (or the ledger's) */
	struct recon_figures recon; /* priced, with `forecast` */
	const struct profile *forecast; /* PROFILE, or report --forecast's */
	char period_note[600];    /* --since/--until, --ledger: what was kept */
	/* --ledger: each month booked against one month of the forecast */
	struct report_ledger_month {
		int month;                     /* year * 12 + month - 1 */
		struct recon_row actual;
		money parts[VARIANCE_FIGURES]; /* variance_figures(), workloads summed */
		size_t forecast_unpriced;      /* workloads no price covers, left out */
	} *months;
	size_t month_count;
	/* --bill: the provider's bill checked (report_bill.h), or NULL */
	const struct report_bill *bill;
};

/* Adds every section's tables and notes to r, then the charts of the tables
 * that exist. */
enum status report_sections_build(struct report *r,
                                  const struct report_input *in, struct diag *d);

#endif
