/*
 * profile: workload profiles from CSV (libcsv) or JSON (cJSON).
 *
 * CSV: a header row, then one workload a row. Required columns
 *   name,model,volume,period,input_tokens,output_tokens
 * optional cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,
 * batch_share, input_tokens_p95, cache_write_30m_tokens and
 * cache_write_12h_tokens (OpenAI's cache writes), service_tier (flex,
 * priority, fast, ultrafast: the tier of the real-time share) and
 * inference_geo (global or us). Lines starting with '#' are comments. A UTF-8
 * BOM and CRLF line ends are accepted.
 * JSON: {"workloads": [{"name": ..., the same fields}], ...}; the whole tree is
 * kept for the sections later commands read (business figures, schedules).
 *
 * Errors name FILE:LINE:COLUMN (CSV) or FILE: JSON.PATH and what was expected.
 */
#ifndef BATCHCALC_PROFILE_H
#define BATCHCALC_PROFILE_H

#include "../models/status.h"
#include "../models/workload.h"

#include <cJSON.h>
#include <stddef.h>

/* Largest counts accepted: beyond them a figure is a typo, not a workload. */
#define PROFILE_MAX_TOKENS 100000000LL        /* per request */
#define PROFILE_MAX_VOLUME 1000000000000LL    /* per period */
/* Names and model ids are shown in tables: a longer one is not a name. */
#define PROFILE_MAX_NAME 200
#define PROFILE_MAX_NAME_TEXT "200"


struct profile {
	char *origin;
	struct workload *workloads;
	size_t count;
	cJSON *json; /* the parsed JSON profile, or NULL for CSV */
};

enum status profile_load_text(const char *text, size_t len, const char *origin,
                              struct profile *p, struct diag *d);
enum status profile_load_file(const char *path, struct profile *p, struct diag *d);
/* The seed article's scenarios, compiled in (data/scenarios/seed.csv). */
enum status profile_load_builtin(struct profile *p, struct diag *d);
void profile_release(struct profile *p);

#endif
