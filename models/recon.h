/*
 * recon: what one line of a batch results file says, and the exact totals of
 * many lines.
 *
 * recon_parse_line() reads one line of any of the four providers' results
 * files (../shared/reference/batch-formats.md) with jscan: it validates the
 * whole line and keeps only the key, the outcome, the model, the usage and the
 * error type. Each provider's rules are applied here and nowhere else:
 * - Anthropic: result.type is the outcome; input_tokens EXCLUDES cache tokens;
 *   cache writes split 5m/1h by usage.cache_creation, and files from before
 *   that split (2025-08) bill every write at the 5-minute rate; the error type
 *   is result.error.error.type; only succeeded requests are billed.
 * - OpenAI: success is response.status_code 2xx (not error == null);
 *   prompt_tokens / input_tokens INCLUDE cached_tokens; a null response with
 *   error.code batch_expired / batch_cancelled is expired / canceled; only 2xx
 *   requests are billed (an expired batch bills the requests that completed).
 * - Gemini: promptTokenCount INCLUDES cachedContentTokenCount; thoughts are
 *   billed as output.
 * - Bedrock: modelOutput is an Anthropic Messages response.
 * Token counts leave here exclusive (cost.h), so nothing is counted twice.
 *
 * A struct recon holds totals in buckets keyed by (job, model, batch, price
 * day, long-context tier): every figure a report shows is a sum of buckets,
 * and two recons merge exactly (recon_merge), which is what makes threads,
 * shards and `batchcalc merge` give the same figures as one pass.
 * Invariants: the number of buckets is at most RECON_MAX_BUCKETS (beyond it,
 * new jobs are counted under RECON_OTHER_JOB and `groups_capped` is set);
 * counts never wrap (the sticky `overflow` flag).
 */
#ifndef BATCHCALC_RECON_H
#define BATCHCALC_RECON_H

#include "cost.h"
#include "date.h"
#include "jscan.h"
#include "status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum recon_provider {
	RECON_ANTHROPIC,
	RECON_OPENAI,
	RECON_GEMINI,
	RECON_BEDROCK,
	RECON_PROVIDER_COUNT
};

enum recon_outcome {
	RECON_SUCCEEDED,
	RECON_ERRORED,
	RECON_CANCELED,
	RECON_EXPIRED,
	RECON_OUTCOME_COUNT
};

/* "anthropic", ...; "succeeded", ... */
const char *recon_provider_name(enum recon_provider p);
const char *recon_outcome_name(enum recon_outcome o);

struct recon_line {
	enum recon_provider provider;
	enum recon_outcome outcome;
	bool billed;
	struct jscan_value key;        /* custom_id, key or recordId */
	struct jscan_value model;      /* absent on most failures */
	struct jscan_value error_type; /* string or number; absent unless errored */
	struct token_counts tokens;    /* exclusive classes; zero unless billed */
};

struct recon_parser {
	struct jscan js;
	struct jscan_value values[64];
};

void recon_parser_init(struct recon_parser *p);

/*
 * Parses one line (without its line end). On failure returns false and fills
 * err: the offset of the fault in the line and what was expected there. A
 * batch *request* line of any provider (Anthropic params, OpenAI body,
 * Gemini request, Bedrock modelInput without modelOutput) is refused with a
 * message naming it, and so is a key, model or error type that is not UTF-8
 * (at the offending byte).
 */
bool recon_parse_line(struct recon_parser *p, const char *line, const char *end,
                      struct recon_line *out, struct jscan_error *err);

/*
 * The job of a request id: the name its requests share. The id minus a
 * trailing separator (- _ . : / or #) and number ("claims-triage-0000042" ->
 * "claims-triage", "doc-001" -> "doc"), or minus a leading number and
 * separator ("0042-claims-triage" -> "claims-triage"). An id that names
 * nothing shared (a number, a UUID, a long hex digest) is put with every such
 * id under RECON_PER_REQUEST_JOB, so that a file keyed by UUID is one row,
 * not a row per request. Any other id is its own job. Writes into buf.
 */
#define RECON_PER_REQUEST_JOB "(per-request keys, not grouped)"
void recon_job_of(const char *key, char *buf, size_t size);

/*
 * Whether a failure of this type is worth retrying: overloaded, server
 * (api), rate limit or timeout errors, in each provider's spelling, and HTTP
 * 408, 429 and 5xx. Expired, canceled and missing requests are always
 * retried; the caller decides those.
 */
bool recon_retryable(const char *type);

#define RECON_MAX_BUCKETS 20000
#define RECON_MAX_ERROR_TYPES 256
#define RECON_OTHER_JOB "(other jobs)"
#define RECON_OTHER_ERRORS "(other types)"

struct recon_bucket {
	char *job, *model, *batch; /* model "" when the line names none */
	date_days day;             /* prices in force on this day */
	bool long_context;         /* the requests crossed the long-context cliff */
	int64_t outcomes[RECON_OUTCOME_COUNT];
	int64_t billed;            /* billed requests */
	struct token_counts tokens; /* billed tokens, exclusive classes */
	/* Figures priced once and kept (the ledger): the batch cost as billed and
	 * the sync cost of the same tokens, USD, summed like the counts. A report
	 * of costed buckets shows these and never asks the catalogue again. */
	bool costed;
	money batch_cost, sync_cost;
};

struct recon_error_type {
	char *type;
	int64_t count;
};

struct recon {
	struct recon_bucket *buckets;
	size_t count, capacity;
	uint32_t *slots; /* open addressing: bucket index + 1, 0 empty */
	size_t slot_count;
	struct recon_error_type errors[RECON_MAX_ERROR_TYPES];
	size_t error_count;
	int64_t lines, malformed, duplicates;
	int64_t provider_lines[RECON_PROVIDER_COUNT];
	bool groups_capped, error_types_capped, overflow;
};

void recon_init(struct recon *r);
void recon_release(struct recon *r);

/*
 * Adds delta (its key fields name the bucket; its counts are added). Strings
 * are copied. Returns STATUS_IO when memory runs out.
 */
enum status recon_add(struct recon *r, const struct recon_bucket *delta,
                      struct diag *d);

/* Counts n failures of the given type. */
enum status recon_add_error(struct recon *r, const char *type, int64_t n,
                            struct diag *d);

/* Adds everything in src to dst: buckets, error types and line counts. */
enum status recon_merge(struct recon *dst, const struct recon *src,
                        struct diag *d);

#endif
