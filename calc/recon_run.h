/*
 * recon_run: what one reconciliation holds before it is priced: the totals
 * of the lines (models/recon.h), the files read or left out by the period,
 * the checksums the providers state, and what a retry file took. Both ways
 * of filling one end here: reading results files (recon_read.h) and adding
 * up summaries (recon_summary.h, for `merge`); pricing it is
 * recon_figures.h's, writing it recon_report.h's. Nothing here prints.
 *
 * Ownership: a run owns every string and array in it (names are copied on
 * the way in); recon_run_release frees them and leaves the run empty.
 */
#ifndef BATCHCALC_RECON_RUN_H
#define BATCHCALC_RECON_RUN_H

#include "../models/date.h"
#include "../models/recon.h"
#include "../models/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* The batches a reconciliation counts, by created date: [since, until],
 * both days included, either end open (INT32_MIN, DATE_OPEN_END). */
struct recon_period {
	bool has;               /* false: every batch counts */
	date_days since, until;
};

/* Does a batch created on `day` count? (Always, without a period.) */
bool recon_period_contains(const struct recon_period *p, date_days day);

/* "from 2026-10-01 to 2026-10-31", "from 2026-10-01", "to 2026-09-30". */
const char *recon_period_text(const struct recon_period *p, char buf[64]);

/* An empty run (recon_init on its totals). */
void recon_run_init(struct recon_run *run);

/* Adds a file entry (strings copied); recon_run_add_outside() lists a file
 * left out by the period. */
enum status recon_run_add_file(struct recon_run *run, const char *name,
                               const char *format, const char *batch,
                               date_days day, int64_t lines, struct diag *d);
enum status recon_run_add_outside(struct recon_run *run, const char *name,
                                  const char *batch, date_days day,
                                  struct diag *d);

/* Adds a checksum line (subject copied; figure must be a static string). */
enum status recon_run_add_check(struct recon_run *run, const char *subject,
                                const char *figure, int64_t stated, int64_t found,
                                struct diag *d);

void recon_run_release(struct recon_run *run);

/*
 * How reconciliation names token classes. The order shown: uncached input,
 * cache read, cache writes, output, then any class without words here, under
 * its catalogue name (token_class_name), so a new class flows through every
 * table, CSV, JSON and summary. recon_token_order fills order[] and returns
 * TOKEN_CLASS_COUNT.
 */
int recon_token_order(enum token_class order[TOKEN_CLASS_COUNT]);
/* "uncached_input_tokens", "cache_read_tokens", ...: JSON and CSV keys. */
const char *recon_token_key(enum token_class c, char buf[64]);
/* "uncached input", "cache write 5m": in a sentence. */
const char *recon_token_words(enum token_class c, char buf[64]);
/* "uncached in", "cache w 5m": a table header. */
const char *recon_token_header(enum token_class c, char buf[64]);
/*
 * The classes a report shows: recon_token_order without the later classes
 * (OpenAI's 30-minute and 12-hour cache writes, token_class_always_shown)
 * that `used` (the report's total) has none of, so a report without them
 * reads as before they existed. Returns how many.
 */
int recon_token_shown(const struct token_counts *used,
                      enum token_class order[TOKEN_CLASS_COUNT]);
/* Whether summaries have always carried the class (so it is required); the
 * later classes are written only when used, and read as 0 when missing. */
bool recon_token_in_every_summary(enum token_class c);

#endif
