/*
 * usage: the providers' own usage and cost reports, read into one shape.
 *
 * A provider's report says what it counted and billed: tokens by model, day
 * and service tier, request counts, money by line. Each format has its own
 * loader (calc/usage_anthropic.c, usage_openai.c, usage_google.c; the files
 * themselves are described in ../shared/reference/usage-reports.md and the
 * README), and every loader ends in the same rows:
 *
 *   day x provider x model x service tier x (token class | line item)
 *       x quantity and/or amount, with the source
 *
 * usage_load_text() tells the format by the content (JSON keys, CSV header
 * names), never by the file name or column order.
 *
 * Invariants of a loaded set:
 * - amounts are USD, exact (money.h): Anthropic's API cents are divided by 100
 *   exactly, OpenAI's dollars (number or string, any number of trailing
 *   zeros) and Google's costs are read from their decimal text; a report in
 *   another currency is converted at the rate the report itself states, or
 *   refused;
 * - token counts are exclusive classes (catalogue.h): OpenAI's inclusive
 *   input_tokens is split into uncached, cache read and cache write;
 * - a row is never dropped for being unknown: money the report does not
 *   attribute to a model and token class is kept as USAGE_OTHER, non-token
 *   charges (web search, code execution, storage, credits, tax) as
 *   USAGE_CHARGE; rows that repeat the same key are kept apart (a consumer
 *   sums them, never overwrites);
 * - a row's day is the UTC day its bucket starts on.
 * On failure a loader leaves the set as it found it.
 */
#ifndef BATCHCALC_USAGE_H
#define BATCHCALC_USAGE_H

#include "../models/catalogue.h"
#include "../models/date.h"
#include "../models/money.h"
#include "../models/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum usage_kind {
	USAGE_TOKENS,   /* tokens of one class (quantity) and/or what they cost */
	USAGE_REQUESTS, /* a request count (quantity) */
	USAGE_CHARGE,   /* a non-token charge: web search, code execution, storage,
	                   credits, tax (item says which) */
	USAGE_ROUNDING, /* the provider's own rounding line (Google "rounding error") */
	USAGE_OTHER,    /* money the report does not attribute to a model and a
	                   token class: not grouped, or a line not understood */
};

enum usage_tier {
	USAGE_TIER_STANDARD,
	USAGE_TIER_BATCH,
	USAGE_TIER_PRIORITY,
	USAGE_TIER_FLEX,
	USAGE_TIER_UNKNOWN, /* the report does not say (not grouped by it) */
	USAGE_TIER_COUNT
};

/* "standard", "batch", "priority", "flex", "unknown". */
const char *usage_tier_name(enum usage_tier t);

struct usage_row {
	date_days day;
	enum usage_kind kind;
	enum token_class cls;   /* USAGE_TOKENS */
	enum usage_tier tier;
	bool long_context;      /* the long-context band (Anthropic 200k-1M, ...) */
	bool rounded;           /* the amount was rounded to the cent on this row */
	bool has_quantity, has_amount;
	int64_t quantity;       /* tokens, requests, or units of a charge */
	money amount;           /* USD */
	const char *provider;   /* "anthropic", "openai", "google" */
	char *model;            /* as the report names it; "" for none */
	const char *model_id;   /* the catalogue's id (usage_map_models); NULL: unmapped */
	char *item;             /* what a charge or other line is; "" otherwise */
	char *scope;            /* workspace, project, API key, user; "" */
	char *where;            /* "FILE:LINE" or "FILE: json.path" */
	size_t file;            /* index into usage_set.files */
};

struct usage_file {
	char *path;
	const char *format;     /* "Anthropic cost report (Admin API JSON)", ... */
	const char *provider;
	bool money, tokens, requests; /* what its rows carry */
	date_days first, last;  /* UTC days its buckets cover (empty ones too);
	                           first > last when it has none */
	size_t rows;
	size_t pages;           /* JSON documents in the file */
	size_t skipped;         /* Google rows of services other than Gemini */
	bool converted;         /* amounts converted to USD at the report's rate */
};

/* Bounds that keep a hostile file from costing unbounded memory or time. */
#define USAGE_MAX_ROWS 5000000
#define USAGE_MAX_PAGES 100000
#define USAGE_MAX_COUNT 1000000000000000LL /* tokens or requests in one row */

struct usage_set {
	struct usage_row *rows;
	size_t count, capacity;
	struct usage_file *files;
	size_t file_count;
};

void usage_set_init(struct usage_set *set);
void usage_set_release(struct usage_set *set);

/*
 * Reads one report of any format (the text must have a NUL at text[len]):
 * Anthropic usage and cost reports (Admin API JSON, legacy and analytics;
 * Console CSV exports), OpenAI usage and costs (API JSON; Console CSV or
 * TSV exports) and Google Cloud Billing exports (BigQuery rows as JSON, JSON
 * Lines or CSV). JSON pages may be concatenated in one file or given as an
 * array. Errors name ORIGIN:LINE:COLUMN or ORIGIN: json.path.
 */
enum status usage_load_text(struct usage_set *set, const char *text, size_t len,
                            const char *origin, struct diag *d);
enum status usage_load_file(struct usage_set *set, const char *path,
                            struct diag *d);

/* The same, limited to one provider's formats (for their fuzz targets). */
enum status usage_anthropic_load(struct usage_set *set, const char *text,
                                 size_t len, const char *origin, struct diag *d);
enum status usage_openai_load(struct usage_set *set, const char *text,
                              size_t len, const char *origin, struct diag *d);
enum status usage_google_load(struct usage_set *set, const char *text,
                              size_t len, const char *origin, struct diag *d);

/*
 * Names every row's model in the catalogue: by id, alias or dated id
 * (catalogue_find_model), then by the model's display name ("Claude Sonnet
 * 4.5", as the Anthropic Console writes it), ignoring case. A row whose model
 * matches nothing keeps model_id NULL: it is listed by its users, never
 * dropped or priced at $0. Returns how many rows are unmapped.
 */
size_t usage_map_models(struct usage_set *set, const struct catalogue *cat);

#endif
