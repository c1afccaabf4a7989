/*
 * recon_report: prices a struct recon (models/recon.h) with the catalogue and
 * writes the reconciliation report, and reads and writes the mergeable
 * summaries of `reconcile --emit-summary`. `reconcile` and `merge` both end
 * here, so one pass and a merge of shards print the same figures.
 *
 * Summary file (JSON, exact integers; money is never stored, it is priced at
 * report time from the buckets):
 *   {"batchcalc_summary": 1, "lines": N, "malformed_lines": N,
 *    "duplicate_keys": N, "unchecked_keys": N,
 *    "files": [{"name", "format", "batch", "price_date", "lines"}],
 *    "keys": "0a1b...": 16 hex digits per request-key fingerprint,
 *    (an empty "model" or "batch" is left out)
 *    "errors": {"TYPE": N},
 *    "buckets": [{"job", "model", "batch", "price_date", "long_context",
 *                 "succeeded", "errored", "canceled", "expired", "billed",
 *                 "uncached_input_tokens", "cache_read_tokens",
 *                 "cache_write_5m_tokens", "cache_write_1h_tokens",
 *                 "output_tokens"}]}
 */
#ifndef BATCHCALC_RECON_REPORT_H
#define BATCHCALC_RECON_REPORT_H

#include "cli.h"
#include "keyset.h"
#include "profile.h"
#include "../models/recon.h"
#include "../models/variance.h"

#include <stdint.h>

enum recon_group { GROUP_JOB, GROUP_MODEL, GROUP_DAY, GROUP_MONTH, GROUP_BATCH };

struct recon_file {
	char *name;
	char *format;  /* provider of its lines, "mixed" or "empty" */
	char *batch;   /* batch id, "" when unknown */
	date_days day; /* prices in force on this day */
	int64_t lines;
	/* this file's own totals, for the checksums (not kept in summaries) */
	int64_t outcomes[RECON_OUTCOME_COUNT];
	int64_t input_tokens, output_tokens; /* billed; input = all prompt classes */
	char *manifest; /* Bedrock manifest.json.out beside it, or NULL */
};

/* A figure the provider states (batch object, manifest) against the lines. */
struct recon_check {
	char *subject; /* batch id or manifest path */
	const char *figure;
	int64_t stated, found;
};

#define RETRY_LISTED 20

/* --requests/--retry-out: what was written, and the failures not retried. */
struct recon_retry {
	const char *requests, *out;  /* NULL: no retry file asked for */
	int64_t written;             /* requests written to `out` */
	int64_t not_retried;         /* non-retryable failures */
	struct { char key[128]; char type[64]; } listed[RETRY_LISTED];
	int listed_count;
};

struct recon_run {
	struct recon r;
	struct recon_file *files;
	size_t file_count;
	int64_t unchecked_keys; /* keys beyond the duplicate set's capacity */
	struct recon_check *checks;
	size_t check_count;
	struct recon_retry retry;
	/* --since/--until: files of batches created outside the period, not read */
	struct recon_file *outside;
	size_t outside_count;
};

struct recon_options {
	enum format format;
	enum recon_group group;
	bool have_min_success;
	double min_success;  /* 0..1 */
	date_days as_of;     /* for the stamp, and the forecast's prices */
	/* --forecast: one month (30 days) of each workload, its name a job */
	const struct profile *forecast;
	/* --since/--until: only batches created in [since, until] are counted */
	bool has_period;
	date_days since, until;
};

/* The flags reconcile and merge share, as text (NULL: not given). */
struct recon_flags {
	const char *as_of, *format, *group, *min_success, *prices;
	const char *since, *until;
	const char *currency, *fx, *fx_rate;
};

/* One row of a report table: the sum of the buckets sharing a name. Money is
 * USD; *_shown is the same in the presentation currency (cli.h), each bucket
 * converted at the rate of its own price date. */
struct recon_row {
	char name[128];
	int64_t outcomes[RECON_OUTCOME_COUNT];
	int64_t requests, billed;
	struct token_counts tokens;
	money batch, sync;
	money batch_shown, sync_shown;
	bool unpriced;    /* some billed usage could not be priced */
	bool priced_any;  /* some billed usage was priced */
};

/* A workload of --forecast against the job of the same name (USD). */
struct recon_forecast_row {
	const struct workload *w;
	struct variance v;
	struct ratio forecast_requests;
	int64_t actual_requests, billed;
	struct token_counts tokens;
	bool any_actual;
};

/* Everything a reconciliation report shows, priced: rows sorted by name. */
struct recon_figures {
	struct recon_row *models, *groups, *jobs;
	size_t model_count, group_count, job_count;
	struct recon_row total;
	struct recon_forecast_row *forecast; /* one per forecast workload, or NULL */
	double success;                      /* succeeded / requests; 1 with none */
	/* recon_report() only: models whose usage could not be priced (their
	 * rows have unpriced set; the money shown is the priced models'), and
	 * the reason for the first. */
	size_t unpriced_models;
	struct diag unpriced;
};

enum status recon_group_parse(const char *text, enum recon_group *out,
                              struct diag *d);

/* Converts the shared flags, loads the catalogue and the exchange rates. */
enum status recon_options_parse(struct cli *ctx, const struct recon_flags *f,
                                struct recon_options *opt, struct diag *d);

/* --since/--until (either may be NULL: that end open) into opt. */
enum status recon_period_parse(struct cli *ctx, const char *since,
                               const char *until, struct recon_options *opt,
                               struct diag *d);
/* "from 2026-10-01 to 2026-10-31", "from 2026-10-01", "to 2026-09-30". */
const char *recon_period_text(const struct recon_options *opt, char buf[64]);

/* Does a batch created on `day` count? (Always, without a period.) */
bool recon_in_period(const struct recon_options *opt, date_days day);

/* Adds a file entry (strings copied); recon_run_add_outside() lists a file
 * left out by the period. */
enum status recon_run_add_file(struct recon_run *run, const char *name,
                               const char *format, const char *batch,
                               date_days day, int64_t lines, struct diag *d);
enum status recon_run_add_outside(struct recon_run *run, const char *name,
                                  const char *batch, date_days day,
                                  struct diag *d);
void recon_run_release(struct recon_run *run);

/* Adds a checksum line (subject copied; figure must be a static string). */
enum status recon_run_add_check(struct recon_run *run, const char *subject,
                                const char *figure, int64_t stated, int64_t found,
                                struct diag *d);

/*
 * Prices every bucket (each at its own date, and converted at that date's
 * rate) and sums them by model, by opt->group and by job, and the forecast
 * rows. Unknown models (or no price on the day) are listed on stderr with
 * their tokens and give STATUS_UNKNOWN_MODEL. Sorts the error types (most
 * frequent first) so that the order never depends on how lines were split.
 */
enum status recon_figures_compute(struct cli *ctx, struct recon_run *run,
                                  const struct recon_options *opt,
                                  struct recon_figures *f, struct diag *d);
void recon_figures_release(struct recon_figures *f);

/*
 * Prices every bucket and writes the report to ctx->out. Unknown models (or
 * no price on the day) are listed on stderr and in the report with their
 * requests and tokens, never at $0; the report shows everything it could
 * price, labels its totals "priced models only", sets ctx->deliver_unpriced
 * and gives STATUS_UNKNOWN_MODEL. A success rate under --min-success gives
 * STATUS_THRESHOLD after the report is written. Sorts the error types (most
 * frequent first) so that the order never depends on how lines were split.
 */
enum status recon_report(struct cli *ctx, struct recon_run *run,
                         const struct recon_options *opt, struct diag *d);

/*
 * keys (may be NULL) adds "keys": the fingerprints of every request key seen,
 * 16 hex digits each, so that merge finds duplicates across shards too. They
 * are left out when some keys went unchecked.
 */
enum status recon_summary_write(const char *path, const struct recon_run *run,
                                const struct keyset *keys, struct diag *d);
/* Reads a summary and adds it to run; its keys go into `keys`, and a key
 * another summary had already counts as a duplicate. */
enum status recon_summary_read(const char *path, struct recon_run *run,
                               struct keyset *keys, struct diag *d);

#endif
