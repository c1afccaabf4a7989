/*
 * batch_times: when real batches were created and how long they ran, read
 * from the providers' own batch listings, for calibrating a latency profile
 * (sla --calibrate, models/sla_fit.h).
 *
 * A file is one batch object, an array of them, or one page of a list
 * response, exactly as the provider returns it; several pages are several
 * files, loaded one after another into the same list. All batches must be
 * of one provider.
 * - Anthropic Message Batch ("type": "message_batch"; the list endpoint
 *   returns {"data": [...], "has_more", "first_id", "last_id"}):
 *   created_at, ended_at, cancel_initiated_at are RFC 3339 strings or null;
 *   processing_status in_progress, canceling or ended; request_counts
 *   {processing, succeeded, errored, canceled, expired}.
 * - OpenAI Batch ("object": "batch"; list: {"object": "list", "data": [...]}):
 *   Unix-second timestamps created_at, in_progress_at, finalizing_at,
 *   completed_at, failed_at, expired_at, cancelling_at, cancelled_at; status
 *   validating, failed, in_progress, finalizing, completed, expired,
 *   cancelling or cancelled.
 * - Gemini batch operation (batches.get returns an Operation whose metadata
 *   is the GenerateContentBatch; batches.list returns {"operations": [...],
 *   "nextPageToken"}, and {} when empty): metadata.createTime, endTime,
 *   updateTime are RFC 3339 strings; metadata.state BATCH_STATE_PENDING,
 *   _RUNNING, _SUCCEEDED, _FAILED, _CANCELLED, _EXPIRED or _UNSPECIFIED. A
 *   bare GenerateContentBatch (its fields at the top level) is read too.
 *
 * What each batch says about turnaround:
 * - finished (Anthropic ended with nothing expired and no cancel that
 *   stopped work; OpenAI completed; Gemini succeeded): its turnaround, end
 *   minus creation (at least one second);
 * - expired (Anthropic request_counts.expired > 0, OpenAI expired, Gemini
 *   expired): censored at the time it ended: the turnaround exceeds it;
 * - cancelled (Anthropic cancel_initiated_at set and some request
 *   canceled, or still canceling; OpenAI cancelling or cancelled; Gemini
 *   cancelled): censored at the cancel (OpenAI cancelling_at, Gemini
 *   endTime), since it would have run on;
 * - still running when listed: censored at the time of listing, taken as
 *   the latest time any batch of the same file states (never expires_at, a
 *   promise, not an observation), which the listing cannot predate;
 * - failed (OpenAI failed, Gemini failed: never ran): counted, not used.
 * Without a status, the ends present say which it is.
 *
 * Errors name the file and the JSON path: "FILE: data[3].ended_at: expected
 * ..., found ...".
 */
#ifndef BATCHCALC_BATCH_TIMES_H
#define BATCHCALC_BATCH_TIMES_H

#include "../models/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum batch_end {
	BATCH_FINISHED,  /* turnaround known */
	BATCH_EXPIRED,   /* censored: the provider's expiry stopped it */
	BATCH_CANCELLED, /* censored: cancelled before finishing */
	BATCH_RUNNING,   /* censored: still running when listed */
	BATCH_END_COUNT
};

struct batch_time {
	int64_t created;      /* seconds since the epoch, UTC (floor) */
	double hours;         /* turnaround, or how long it ran when censored; > 0 */
	enum batch_end end;
};

struct batch_times {
	struct batch_time *items;
	size_t count, capacity;
	const char *provider;   /* "anthropic", "openai" or "google"; NULL until
	                         * the first batch */
	size_t ends[BATCH_END_COUNT]; /* batches by how they ended */
	size_t failed;          /* never ran: not a turnaround, not kept */
};

/* An empty list. */
void batch_times_init(struct batch_times *t);

/* Adds the batches of one file (one object, an array or a list page) to t.
 * On error t keeps what earlier files added. */
enum status batch_times_load_file(const char *path, struct batch_times *t,
                                  struct diag *d);
enum status batch_times_load_text(const char *text, size_t len,
                                  const char *origin, struct batch_times *t,
                                  struct diag *d);
void batch_times_release(struct batch_times *t);

/* "finished", "expired", "cancelled", "still running". */
const char *batch_end_name(enum batch_end end);

/*
 * Parses an RFC 3339 date-time "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"
 * into seconds since the epoch (fraction kept in *fraction, 0 <= it < 1).
 */
bool batch_times_parse_rfc3339(const char *text, int64_t *seconds,
                               double *fraction, const char **why);

#endif
