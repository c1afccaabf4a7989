/*
 * recon_figures: a reconciliation priced. Every figure `reconcile`, `merge`
 * and `report --results` show is made here, once, from a struct recon_run
 * and a pricing (models/pricing.h), without any CLI: each bucket priced at
 * its own day (the batch's created date) and tier, batch as billed and sync
 * for the same tokens, converted at that day's rate; the buckets summed by
 * model, by the asked grouping and by job; and, with a forecast profile,
 * each workload against the job of its name, the difference split into
 * volume, failure, token mix and price (models/variance.h). The writers
 * (recon_report.h) only format these.
 *
 * Unpriced billed tokens (an unknown model, or no price on the day) are never
 * $0: each such model is a PRICING_UNPRICED warning with its tokens, and the
 * result is STATUS_UNKNOWN_MODEL. A total past int64 or 128-bit money is
 * STATUS_OVERFLOW here, so the writers hold no overflow flags.
 *
 * For a ledger: `buckets` keeps every bucket's priced figures, in the run's
 * bucket order (run->r.buckets[i] is buckets[i]): job x model x batch x day x
 * tier, with its outcomes and tokens per class in the run, and its batch and
 * sync cost, USD and shown, here. A costed bucket (recon_bucket.costed: the
 * ledger's recorded figures) keeps its money and is never priced again; it is
 * only converted at its day's rate.
 */
#ifndef BATCHCALC_RECON_FIGURES_H
#define BATCHCALC_RECON_FIGURES_H

#include "profile.h"
#include "recon_run.h"
#include "../models/pricing.h"
#include "../models/variance.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum recon_group { GROUP_JOB, GROUP_MODEL, GROUP_DAY, GROUP_MONTH, GROUP_BATCH };

/* "job", "model", "day", "month", "batch". */
const char *recon_group_name(enum recon_group g);

/* One bucket priced at its day and tier. */
struct recon_priced {
	money batch, sync;             /* USD: as billed, and the same tokens sync */
	money batch_shown, sync_shown; /* converted at the rate of the bucket's day */
	bool priced;                   /* false: nothing billed, or no price */
};

/* One row of a report table: the sum of the buckets sharing a name. */
struct recon_row {
	char name[128];
	int64_t outcomes[RECON_OUTCOME_COUNT];
	int64_t requests, billed;
	struct token_counts tokens;
	money batch, sync, savings;                   /* USD; savings = sync - batch */
	money batch_shown, sync_shown, savings_shown; /* sums of converted buckets */
	bool unpriced;   /* some billed usage could not be priced (not in the money) */
	bool priced_any; /* some billed usage was priced */
};

/* A workload of the forecast against the job of the same name (USD). */
struct recon_forecast_row {
	const struct workload *w;
	struct variance v;
	struct ratio forecast_requests;
	int64_t actual_requests, billed;
	struct token_counts tokens;
	bool any_actual;
	/* recon_figures_compute_partial: the workload's model has no price (no
	 * forecast: v holds the actual only, nothing is split); and the job's
	 * billed requests no price covers, left out of the actual and of every
	 * figure above, which are then of the priced part only. */
	bool forecast_unpriced;
	int64_t unpriced_billed;
	/* Every billed request of the job is one no price covers: its actual
	 * is not known (NOT PRICED), never $0. */
	bool actual_unpriced;
};

/* Everything a reconciliation report shows, priced: rows sorted by name. */
struct recon_figures {
	struct recon_priced *buckets;        /* one per run bucket, same order */
	struct recon_row *models, *groups, *jobs;
	size_t model_count, group_count, job_count;
	struct recon_row total;
	int64_t model_requests;              /* requests of the model rows */
	struct recon_forecast_row *forecast; /* one per forecast workload, or NULL */
	double success;                      /* succeeded / requests; 1 with none */
	/* recon_figures_compute_partial only: the models whose usage could not
	 * be priced (their rows have `unpriced` set; every money figure is the
	 * priced models' alone), and why, for the first. */
	size_t unpriced_models;
	struct diag unpriced;
};

/*
 * One bucket priced as every report prices it: its model's price entry on
 * its day, the tier its lines chose (the long-context one only when the
 * requests crossed the cliff and the entry has one), batch as billed and
 * sync for the same tokens, per class and in total, USD. An unknown model or
 * no price on the day is STATUS_UNKNOWN_MODEL (a retired model a pricing
 * warning). The ledger records exactly these figures.
 */
struct recon_bucket_price {
	const struct model *model;
	const struct price_entry *price;
	const struct price_tier *tier;
	struct cost_breakdown batch, sync;
};
enum status recon_price_bucket(struct pricing *pr, const struct recon_bucket *b,
                               struct recon_bucket_price *out, struct diag *d);

/*
 * Prices run (see above) and sums it by model (buckets naming one), by
 * `group` and by job. With `forecast` (may be NULL), each of its workloads
 * is one 30-day month at pr->day's prices, every request on the Batch API
 * and succeeding, against the job of its name. Sorts the run's error types,
 * most frequent first, so that their order never depends on how the lines
 * were split. *f is left released on failure.
 */
enum status recon_figures_compute(struct pricing *pr, struct recon_run *run,
                                  enum recon_group group,
                                  const struct profile *forecast,
                                  struct recon_figures *f, struct diag *d);

/*
 * The same, but unpriced usage does not stop it: the figures are made for
 * what can be priced, f->unpriced_models counts the models left out (each
 * still a PRICING_UNPRICED warning), and the result is STATUS_UNKNOWN_MODEL
 * with *f filled (release it), so that a report can show everything it can
 * and still say that it is not whole. Any other failure leaves *f released.
 */
enum status recon_figures_compute_partial(struct pricing *pr, struct recon_run *run,
                                          enum recon_group group,
                                          const struct profile *forecast,
                                          struct recon_figures *f, struct diag *d);

void recon_figures_release(struct recon_figures *f);

#endif
