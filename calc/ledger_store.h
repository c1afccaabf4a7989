/*
 * ledger_store: the spend ledger's records on either database (ledger_db.h):
 * batches with their results files and figures, adjustments, closed months;
 * and the read API that everything showing the ledger uses (ledger show and
 * export, report --ledger, a bill check).
 *
 * What is recorded per batch: provider and id, created day (the day its
 * prices are of) and ended day, each results file's SHA-256 and the batch's
 * content checksum (the file's SHA-256; with several files, the SHA-256 of
 * their "name digest" lines in name order), the catalogue version and
 * checksum it was priced with, and per job x model x price day x context
 * tier: requests by outcome, and per token class the tokens, the batch cost
 * as billed and the sync cost of the same tokens with both rates.
 *
 * Invariants:
 * - Money is exact integers of picodollars in the database, never floating
 *   point; token classes are rows named by token_class_name(), so a new class
 *   needs no migration and one this binary does not know is refused.
 * - A batch id is recorded once. The same content again changes nothing; other
 *   content is refused unless the caller asks to adjust: then a batch in an
 *   open month is replaced, and one in a closed month gets an adjustment
 *   entry holding the difference, booked on the day it is made.
 * - Nothing is ever booked in a closed month, and recorded figures are never
 *   re-priced: showing the ledger reads the money that was recorded.
 * - Writes happen between ledger_begin_write and ledger_commit, under the
 *   ledger's one write lock; a failure anywhere means nothing was recorded.
 */
#ifndef BATCHCALC_LEDGER_STORE_H
#define BATCHCALC_LEDGER_STORE_H

#include "ledger_db.h"
#include "../models/catalogue.h"
#include "../models/money.h"
#include "../models/recon.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ledger; /* opaque: an open ledger whose schema is current */

/* Opens the ledger at a location (ledger_db.h) and brings its schema up to
 * date; LEDGER_CREATE creates it. */
enum status ledger_open(const char *location, enum ledger_access access,
                        struct ledger **out, struct diag *d);
void ledger_close(struct ledger *l);
const char *ledger_where(const struct ledger *l);
struct ledger_db *ledger_database(struct ledger *l);

/* One token class of a figure: its tokens, its part of the costs, and the
 * rates (micro-dollars per million tokens) it was priced at. */
struct ledger_class {
	int64_t tokens;
	money batch, sync;
	rate batch_rate, sync_rate;
};

/* One row of figures: an entry's requests and money for a job, model, price
 * day and context tier. An adjustment's figures are differences. */
struct ledger_figure {
	int64_t entry;          /* the entry it belongs to (ledger_entry.id) */
	size_t entry_index;     /* read: that entry's index in the view */
	const char *batch;      /* borrowed from the entry */
	char *job, *model;      /* model "" for failures that name none */
	char *publisher;        /* the model's provider in the catalogue, or "" */
	bool adjustment;
	date_days booked;       /* the day it counts on */
	date_days price_day;    /* the day whose prices it was priced at */
	date_days price_from;   /* the price entry used (its first day), or
	                           DATE_OPEN_END when nothing was priced */
	bool long_context;      /* the long-context tier's rates */
	int64_t outcomes[RECON_OUTCOME_COUNT], billed;
	struct ledger_class classes[TOKEN_CLASS_COUNT];
	money batch_cost, sync_cost;
};

struct ledger_file {
	char *name, *format;
	char sha256[65];
	int64_t lines;
};

struct ledger_error {
	char *type;
	int64_t requests;
};

/* A figure the provider states (batch object, manifest) against the lines. */
struct ledger_check {
	char *subject, *figure;
	int64_t stated, found;
};

/* A recorded entry: a batch's own (booked on its created day) or an
 * adjustment (booked on the day it was made). */
struct ledger_entry {
	int64_t id;
	char *batch, *provider;
	bool adjustment;
	date_days booked, created;
	bool has_ended;
	date_days ended;
	bool dated;                 /* its batch's created day came from --batches */
	char sha256[65];            /* content checksum the entry brought */
	char replaced[65];          /* an adjustment: the content it corrected */
	char *catalogue_version, *catalogue_origin;
	char catalogue_sha256[17];
	/* --prices-overlay (or BATCHCALC_PRICES_OVERLAY) merged on top when the
	 * batch was priced: origin NULL when none was */
	char *overlay_origin, *overlay_version;
	char overlay_sha256[17];
	int64_t lines, malformed, duplicates;
	struct ledger_file *files;
	size_t file_count;
	struct ledger_error *errors;
	size_t error_count;
	struct ledger_check *checks;
	size_t check_count;
};

struct ledger_month {
	int year, month;
	date_days closed_on;       /* the day it was closed */
	money batch_cost, sync_cost; /* its totals as closed */
	int64_t requests, entries;
};

/* What ledger_read finds for a period (entries booked in it). */
struct ledger_view {
	struct ledger_entry *entries;
	size_t entry_count;
	struct ledger_figure *figures; /* in entry order */
	size_t figure_count;
	struct ledger_month *months;   /* every closed month, oldest first */
	size_t month_count;
	void *by_id;                   /* private to ledger_store.c */
};

/* Entries booked from `since` to `until` (both included; INT32_MIN and
 * DATE_OPEN_END leave an end open), read in one snapshot. */
enum status ledger_read(struct ledger *l, date_days since, date_days until,
                        struct ledger_view *out, struct diag *d);
void ledger_view_release(struct ledger_view *v);

/* The closed month a day falls in, or NULL. */
const struct ledger_month *ledger_view_closed(const struct ledger_view *v,
                                              date_days day);

/*
 * The view as a bill shows it: by usage day (the price day, so an
 * adjustment counts on the day of the usage it corrects) x model x service
 * tier ("batch": every recorded request went through a Batch API) x context
 * tier x token class, summed; sorted by day, model, tier, class. Strings are
 * borrowed from the view.
 */
struct ledger_usage {
	date_days day;
	const char *model;
	const char *service_tier;
	bool long_context;
	enum token_class cls;
	int64_t tokens;
	money batch, sync;
};
enum status ledger_usage_by_day(const struct ledger_view *v, struct ledger_usage **out,
                                size_t *count, struct diag *d);

/* A batch to record, from its reconciliation (cmd_ledger.c). */
struct ledger_batch_in {
	const char *batch, *provider;
	date_days created;
	bool dated;               /* created from --batches, else --as-of */
	bool has_ended;
	date_days ended;
	char sha256[65];          /* content checksum */
	const struct ledger_file *files;
	size_t file_count;
	const struct catalogue *catalogue;
	int64_t lines, malformed, duplicates;
	const struct ledger_figure *figures; /* booked, entry, batch ignored */
	size_t figure_count;
	const struct ledger_error *errors;
	size_t error_count;
	const struct ledger_check *checks;
	size_t check_count;
};

enum ledger_outcome {
	LEDGER_RECORDED,   /* a new batch */
	LEDGER_UNCHANGED,  /* the same content was already recorded */
	LEDGER_REPLACED,   /* other content, month open: replaced (adjust) */
	LEDGER_ADJUSTED,   /* other content or a new batch in a closed month:
	                      an adjustment entry (adjust) */
};

struct ledger_result {
	enum ledger_outcome outcome;
	char previous[65];       /* the content checksum recorded before */
	date_days booked;        /* where the entry counts */
	/* What the entry booked (an adjustment: the difference), USD. */
	money batch, sync;
	int64_t requests;
};

enum status ledger_begin_write(struct ledger *l, struct diag *d);
enum status ledger_commit(struct ledger *l, struct diag *d);
void ledger_rollback(struct ledger *l);

/*
 * Records one batch inside the write transaction. Without `adjust`, other
 * content under a recorded id or a batch created in a closed month is
 * STATUS_REFUSED (naming both checksums, or the month). `today` books an
 * adjustment; `stamp` ("2026-11-25T10:04:05Z") says when it was recorded.
 */
enum status ledger_record(struct ledger *l, const struct ledger_batch_in *b,
                          bool adjust, date_days today, const char *stamp,
                          struct ledger_result *res, struct diag *d);

/*
 * Closes a month inside the write transaction, keeping its totals as they
 * are. Already closed: *already, and nothing changes.
 */
enum status ledger_close_month(struct ledger *l, int year, int month, date_days today,
                               const char *stamp, bool *already,
                               struct ledger_month *out, struct diag *d);

/* Exact money as picodollar integer text and back (what the columns hold). */
void ledger_money_text(money m, char buf[48]);
bool ledger_money_parse(const char *text, money *out);

#endif
