/*
 * batch_times: when real batches were created and when they ended, read from
 * the provider's own batch objects, for calibrating a latency profile.
 *
 * Accepted: one batch object, an array of them, or a list response
 * {"data": [...]} as both providers' list endpoints return.
 * - Anthropic Message Batch: created_at and ended_at are RFC 3339 strings
 *   ("2024-09-24T18:37:24.100435Z"); ended_at null means still processing.
 * - OpenAI Batch: created_at and completed_at are Unix seconds; completed_at
 *   null means not completed (in progress, failed, expired or cancelled).
 * Batches that have not ended are counted as skipped, not fitted: an expired
 * OpenAI batch only says its turnaround exceeded the window (a censored
 * observation this reader does not model).
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

struct batch_time {
	int64_t created;      /* seconds since the epoch, UTC (floor) */
	double hours;         /* ended - created, > 0 */
};

struct batch_times {
	struct batch_time *items;
	size_t count;
	size_t skipped;        /* batches that have not ended */
};

enum status batch_times_load_file(const char *path, struct batch_times *out,
                                  struct diag *d);
enum status batch_times_load_text(const char *text, size_t len,
                                  const char *origin, struct batch_times *out,
                                  struct diag *d);
void batch_times_release(struct batch_times *t);

/*
 * Parses an RFC 3339 date-time "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"
 * into seconds since the epoch (fraction kept in *fraction, 0 <= it < 1).
 */
bool batch_times_parse_rfc3339(const char *text, int64_t *seconds,
                               double *fraction, const char **why);

#endif
