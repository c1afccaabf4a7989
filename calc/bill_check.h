/*
 * bill_check: the provider's bill (usage.h) against the batch results
 * (recon_read.h) and, optionally, a forecast profile, for `batchcalc bill`
 * and the report pack.
 *
 * The bill's rows and the results' buckets become cells of one day, model,
 * tier and token class (models/bill.h splits each); cells are summed into the
 * lines shown, one per day, model and tier (and one per non-token charge or
 * unattributed line), and into the total. Matching rules:
 * - results are Batch API traffic, dated as reconcile dates them (the batch's
 *   created day from --batches, else --as-of), priced at the catalogue's batch
 *   rates of that day; or, from the spend ledger (bill_ledger.h), the batch
 *   cost recorded for each usage day, never priced again; they match the bill's batch-tier cell of the same day,
 *   model, class and context band, or, where the bill does not say the tier
 *   (Anthropic Console cost export, OpenAI cost line items), its cell of
 *   unknown tier;
 * - the period is --month or --since/--until, else the days the cost reports
 *   cover; bill rows and results outside it are counted, not compared;
 * - the bill's tokens (a usage report given beside the cost report, or the
 *   quantity of a cost line) are priced at the catalogue's rates of their tier
 *   to tell a price difference from a volume one;
 * - a model of the bill the catalogue cannot name is listed with its money
 *   (cause "unattributed"), never dropped or priced at $0.
 */
#ifndef BATCHCALC_BILL_CHECK_H
#define BATCHCALC_BILL_CHECK_H

#include "ledger_store.h"
#include "profile.h"
#include "usage.h"
#include "../models/bill.h"
#include "../models/pricing.h"
#include "../models/recon.h"

struct bill_line {
	date_days day;
	const char *provider;
	char *label;             /* model id, or the charge or line as written */
	enum usage_tier tier;
	enum bill_cell_kind kind;
	bool has_billed;         /* a money line (else "-" in tables, null in JSON) */
	bool has_explained;
	struct bill_split split;
};

struct bill_unmapped {
	char *model;             /* as the report names it */
	char *where;             /* its first row */
	size_t rows;
	bool has_billed;
	money billed;
};

struct bill_forecast_row {
	const char *model;       /* catalogue id, or the profile's text */
	money sync, batch;       /* the forecast for the period, by tier */
	money forecast;          /* sync + batch: the workloads' hybrid */
	money billed, explained; /* the lines of that model (tokens) */
	/* Days of its workloads without a price: in none of the figures, so the
	 * forecast is of the priced days only (none: nothing priced). */
	bool unpriced, priced_any;
};

struct bill_check {
	date_days since, until;
	int64_t days;
	struct bill_line *lines;
	size_t line_count;
	struct bill_split total;
	struct bill_unmapped *unmapped;
	size_t unmapped_count;
	size_t rows_outside;        /* bill rows outside the period */
	int64_t requests_outside;   /* billed results requests dated outside it */
	money ledger_outside;       /* recorded batch cost dated outside it */
	size_t cells_priced;        /* matched cells whose bill tokens were priced */
	size_t cells_unpriced;      /* matched cells without: price taken to agree */
	/* Results usage no price covers (recorded with pricing_unpriced by the
	 * reconciliation's figures): its billed requests, and the bill's cells
	 * it would explain, whose difference is all cause not_priced. */
	int64_t unpriced_requests;
	size_t cells_not_priced;
	bool has_results;           /* results files or the ledger explain */
	/* --forecast */
	struct bill_forecast_row *forecast;
	size_t forecast_count;
	money forecast_total;
	size_t forecast_unpriced;   /* workloads with days without a price */
};

struct bill_options {
	bool has_period;
	date_days since, until;
	const struct recon *results;     /* NULL: nothing explained, unless */
	const struct ledger_usage *ledger; /* the ledger's recorded usage */
	size_t ledger_count;
	const struct profile *forecast;  /* NULL: no forecast */
};

/*
 * Compares, pricing with pr's catalogue. The forecast is each workload's
 * hybrid cost on every day of the period at that day's prices, by calendar
 * month (pricing_months_compute), split by tier: its batch share of the
 * all-batch figure is the batch part, the rest the sync part. STATUS_INPUT
 * when the files hold no money (only usage reports) or nothing in the
 * period; STATUS_OVERFLOW when a sum does not fit.
 */
enum status bill_check_compute(struct pricing *pr, const struct usage_set *set,
                               const struct bill_options *o, struct bill_check *out,
                               struct diag *d);
void bill_check_release(struct bill_check *b);

/* A cause in words, for what explained the bill: bill_cause_text(), or with
 * the ledger (the same cause keys) "usage the ledger does not hold ...". */
const char *bill_cause_words(enum bill_cause c, bool from_ledger);

/* A line's tier as tables show it: "standard", "batch", ..., or "charge",
 * "rounding", "no model" for the lines that are not tokens. */
const char *bill_line_tier(const struct bill_line *l);

/* Reads cost and usage reports into set ("-" is standard input); a report
 * given twice (the same bytes) is refused: it would be billed twice. */
enum status bill_load_reports(const char *const *paths, int count,
                              struct usage_set *set, struct diag *d);

#endif
