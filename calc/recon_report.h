/*
 * recon_report: the reconciliation report, what `reconcile` and `merge`
 * print: the flags both share, and the table, CSV and JSON writers. The
 * figures come from recon_figures.h, made once; the writers only format
 * them. `reconcile` and `merge` both end here, so one pass and a merge of
 * shards print the same figures.
 */
#ifndef BATCHCALC_RECON_REPORT_H
#define BATCHCALC_RECON_REPORT_H

#include "cli.h"
#include "profile.h"
#include "recon_figures.h"
#include "recon_run.h"

#include <stdint.h>

struct recon_options {
	enum format format;
	enum recon_group group;
	bool have_min_success;
	double min_success;  /* 0..1 */
	date_days as_of;     /* for the stamp, and the forecast's prices */
	/* --forecast: one month (30 days) of each workload, its name a job */
	const struct profile *forecast;
	/* --since/--until: only batches created in the period are counted */
	struct recon_period period;
};

/* The rows of a group table a terminal or a page shows: a screenful. */
#define RECON_SHOWN_GROUPS 25

/* The flags reconcile and merge share, as text (NULL: not given). */
struct recon_flags {
	const char *as_of, *format, *group, *min_success, *prices;
	const char *since, *until;
	const char *currency, *fx, *fx_rate;
};

enum status recon_group_parse(const char *text, enum recon_group *out,
                              struct diag *d);

/* Converts the shared flags, loads the catalogue and the exchange rates;
 * --as-of is the pricing's date of use. */
enum status recon_options_parse(struct cli *ctx, const struct recon_flags *f,
                                struct recon_options *opt, struct diag *d);

/* --since/--until (either may be NULL: that end open). */
enum status recon_period_parse(struct cli *ctx, const char *since,
                               const char *until, struct recon_period *period,
                               struct diag *d);

/*
 * Prices run (recon_figures_compute_partial) and writes the report to
 * ctx->out. Unknown models (or no price on the day) are recorded by the
 * pricing (pricing_unpriced) with their requests and tokens and are listed
 * in the report, never at $0; the report shows everything it could price
 * and labels its totals "priced models only" (main then exits 4). A
 * success rate under --min-success gives STATUS_THRESHOLD after the report
 * is written.
 */
/* Each model of f no price covers, with its billed requests and tokens,
 * under "NOT PRICED: usage of N models in no money figure of this report";
 * nothing when every model is priced. */
void recon_report_print_unpriced(FILE *out, const struct cli *ctx,
                                 const struct recon_figures *f);

enum status recon_report(struct cli *ctx, struct recon_run *run,
                         const struct recon_options *opt, struct diag *d);

#endif
