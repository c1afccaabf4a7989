/* What was spent, in a report pack: reconciled cost by job, actual against
 * forecast, and the ledger month by month (report_sections_impl.h). */
#include "report_sections_impl.h"

#include "latency.h"
#include "recon_report.h"
#include "../models/margin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- reconciled cost and actual against forecast (reconcile) ------------- */

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

enum status report_section_reconcile(struct report *r, const struct report_input *in,
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

enum status report_section_ledger(struct report *r, const struct report_input *in,
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
