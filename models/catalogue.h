/*
 * catalogue: the price catalogue in memory, and every question asked of it.
 *
 * A catalogue holds providers (batch rule, batch limits, queue limits, sync rate
 * limits, each dated) and models (id, aliases, retirement, dated price entries).
 * It is filled by calc/catalogue_load.c from data/prices.json (schema in
 * data/README.md) and owns every string and array inside it.
 *
 * Invariants, established by catalogue_finish():
 * - every rate is per million tokens, in micro-dollars (money.h);
 * - every batch rate is either published or derived from the provider's batch
 *   multiplier, and batch_derived[] says which;
 * - a model's price entries have half-open ranges [from, to) that do not
 *   overlap, sorted by `from`;
 * - ids and aliases are unique across the catalogue.
 */
#ifndef BATCHCALC_CATALOGUE_H
#define BATCHCALC_CATALOGUE_H

#include "date.h"
#include "money.h"
#include "status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exclusive token classes: a request's tokens are split so that none counts twice. */
enum token_class {
	TOKEN_INPUT,          /* uncached prompt tokens */
	TOKEN_CACHE_WRITE_5M, /* prompt tokens written to a 5-minute cache */
	TOKEN_CACHE_WRITE_1H, /* prompt tokens written to a 1-hour cache */
	TOKEN_CACHE_READ,     /* prompt tokens read from the cache */
	TOKEN_OUTPUT,         /* output tokens, thinking included */
	TOKEN_CLASS_COUNT
};

/* "input", "cache_write_5m", ...: the names used in data/prices.json and JSON output. */
const char *token_class_name(enum token_class c);

struct rate_set {
	rate rates[TOKEN_CLASS_COUNT];
	bool offered[TOKEN_CLASS_COUNT]; /* false: the provider sells no such token */
};

/* Sync and batch rates of one context tier. */
struct price_tier {
	struct rate_set sync;
	struct rate_set batch;
	bool batch_derived[TOKEN_CLASS_COUNT]; /* derived by the provider's rule */
};

struct price_entry {
	date_days from, to; /* [from, to) */
	struct price_tier standard;
	/* A whole-request cliff: a request whose total input is above
	 * long_context_above tokens bills every token at the long tier. */
	bool has_long_context;
	int64_t long_context_above;
	struct price_tier long_context;
	char *source;
};

struct model {
	char *id;
	char *provider;
	char *name;
	char **aliases;
	size_t alias_count;
	char *rate_limit_group; /* NULL when the provider's tables do not cover it */
	bool retired;
	date_days retired_on;
	struct price_entry *prices;
	size_t price_count;
};

struct batch_limits {
	date_days from, to;
	int64_t max_requests; /* 0: not published */
	int64_t max_bytes;    /* 0: not published */
	int64_t expiry_hours;
	char *source;
};

struct tier_value {
	int tier;
	int64_t value;
};

struct tier_rate_limit {
	int tier;
	int64_t rpm, itpm, otpm;
};

struct rate_limit_group {
	char *name;
	struct tier_rate_limit *tiers;
	size_t tier_count;
};

struct rate_limit_table {
	date_days from, to;
	char *source;
	struct rate_limit_group *groups;
	size_t group_count;
};

struct queue_limit_table {
	date_days from, to;
	char *source;
	struct tier_value *tiers; /* requests waiting per tier */
	size_t tier_count;
};

struct provider {
	char *id;
	char *name;
	char *pricing_source;
	/* Batch rate = sync rate x num / den where not published. */
	int64_t batch_num, batch_den;
	/* A derived rate with more than 6 decimals is rounded half away from
	 * zero (set for imported catalogues whose rates are that fine); when
	 * false such a rate is an error, so a curated catalogue publishes it. */
	bool batch_round;
	char *batch_rule;
	struct batch_limits *batch_limits;
	size_t batch_limit_count;
	struct queue_limit_table *queue_limits;
	size_t queue_limit_count;
	struct rate_limit_table *rate_limits;
	size_t rate_limit_count;
};

struct catalogue {
	char *version;      /* catalogue_version: the date it was last checked */
	char *origin;       /* "built-in" or the file it came from */
	char checksum[17];  /* first 16 hex digits of the SHA-256 of the file's bytes */
	struct provider *providers;
	size_t provider_count;
	struct model *models;
	size_t model_count;
};

/* How a name matched a model, for the notes printed beside a figure. */
enum model_match {
	MATCH_ID,
	MATCH_ALIAS,
	MATCH_PREFIX_STRIPPED, /* "anthropic/claude-..." */
	MATCH_DATE_STRIPPED,   /* "gpt-4o-2024-08-06" priced as gpt-4o */
	MATCH_DATE_ADDED       /* "claude-3-5-haiku" finds claude-3-5-haiku-20241022 */
};

/*
 * Checks the invariants above, sorts price entries and derives the batch rates
 * the provider does not publish. Returns STATUS_INPUT with the offending model
 * or provider named in d.
 */
enum status catalogue_finish(struct catalogue *cat, struct diag *d);

/* Frees everything the catalogue owns, and the struct's contents (not cat itself). */
void catalogue_release(struct catalogue *cat);

/*
 * Finds a model by id, alias, "provider/" prefix, a dated id whose date is
 * unknown (priced as its family), or a family name whose dated id is known.
 * Matching ignores case; an exact id or alias always wins. Returns NULL when nothing matches; *how says how it matched.
 */
const struct model *catalogue_find_model(const struct catalogue *cat,
                                         const char *name,
                                         enum model_match *how);

/*
 * Fills up to `max` ids closest to `name` (edit distance over ids and aliases,
 * closest first, ties by catalogue order). Returns how many.
 */
size_t catalogue_suggest(const struct catalogue *cat, const char *name,
                         const char **out, size_t max);

/*
 * The model lookup every command uses: finds the model and its price on `day`.
 * An unknown name gives STATUS_UNKNOWN_MODEL with up to three suggestions; a
 * date outside every price entry gives STATUS_UNKNOWN_MODEL naming the range.
 */
enum status catalogue_price(const struct catalogue *cat, const char *name,
                            date_days day, const struct model **model,
                            const struct price_entry **price, struct diag *d);

const struct price_entry *model_price_on(const struct model *m, date_days day);

const struct provider *catalogue_provider(const struct catalogue *cat,
                                          const char *id);

const struct batch_limits *provider_batch_limits_on(const struct provider *p,
                                                    date_days day);
const struct rate_limit_table *provider_rate_limits_on(const struct provider *p,
                                                       date_days day);
const struct queue_limit_table *provider_queue_limits_on(const struct provider *p,
                                                         date_days day);

#endif
