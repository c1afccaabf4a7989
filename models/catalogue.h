/*
 * catalogue: the price catalogue in memory, and every question asked of it.
 *
 * A catalogue holds providers (batch rule, batch limits, queue limits, sync rate
 * limits, service tiers, each dated) and models (id, aliases, context window,
 * retirement and successor, service tiers, dated price entries with their
 * source and confidence). It is filled by calc/catalogue_load.c from
 * data/prices.json (schema in data/README.md) and owns every string and array
 * inside it.
 *
 * Invariants, established by catalogue_finish():
 * - every rate is per million tokens, in micro-dollars (money.h);
 * - every batch rate is either published or derived from the provider's batch
 *   multiplier, and batch_derived[] says which;
 * - a model's price entries have half-open ranges [from, to) that do not
 *   overlap, sorted by `from`;
 * - ids and aliases are unique across the catalogue;
 * - a successor names a model of the catalogue, and following successors
 *   never comes back to where it started;
 * - every rate a service tier makes of a price entry (rate x multiplier,
 *   uplift included) is exact to the micro-dollar, so pricing at a tier
 *   never rounds (or the provider rounds derived rates, as imports do);
 * - price entries, models and providers never move once finished: an entry
 *   points to its model and a model to its provider.
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
	TOKEN_INPUT,           /* uncached prompt tokens */
	TOKEN_CACHE_WRITE_5M,  /* prompt tokens written to a 5-minute cache (Anthropic) */
	TOKEN_CACHE_WRITE_1H,  /* prompt tokens written to a 1-hour cache (Anthropic) */
	TOKEN_CACHE_WRITE_30M, /* written to a 30-minute cache (OpenAI, GPT-5.6 on) */
	TOKEN_CACHE_WRITE_12H, /* written to a 12-hour cache (OpenAI, GPT-6.2 Sol) */
	TOKEN_CACHE_READ,      /* prompt tokens read from the cache */
	TOKEN_OUTPUT,          /* output tokens, thinking included */
	TOKEN_CLASS_COUNT
};

/* "input", "cache_write_5m", ...: the names used in data/prices.json and JSON output. */
const char *token_class_name(enum token_class c);

/* Looks a class up by its name; false when there is none. */
bool token_class_parse(const char *name, enum token_class *out);

/*
 * The five classes of 2024-2025 are part of every output. The classes added
 * later (OpenAI's cache writes) are shown, and written to files, only where a
 * model sells them or a count uses them, so that everything priced without
 * them reads exactly as before they existed.
 */
bool token_class_always_shown(enum token_class c);

/* Bit c set: the prompt classes, every class but output. */
#define TOKEN_PROMPT_CLASSES ((1u << TOKEN_CLASS_COUNT) - 1u - (1u << TOKEN_OUTPUT))

/* Where a figure comes from: the labels of shared/reference/prices-2026-11.md,
 * one bit each. */
enum confidence_label {
	CONFIDENCE_PROVIDER = 1u << 0,    /* [P] read on the provider's own page */
	CONFIDENCE_GENAI_PRICES = 1u << 1, /* [G] pydantic/genai-prices */
	CONFIDENCE_LITELLM = 1u << 2,     /* [L] LiteLLM */
	CONFIDENCE_THIRD_PARTY = 1u << 3, /* [T] other tools and gateways quoting it */
	CONFIDENCE_DERIVED = 1u << 4,     /* [D] the provider's documented rule */
	CONFIDENCE_UNVERIFIED = 1u << 5,  /* [U] unverified or conflicting */
};
#define CONFIDENCE_LABELS "PGLTDU"

/* "P G L" for the bits set; "" for none. buf holds at least 12 bytes. */
const char *confidence_text(unsigned labels, char buf[12]);
/* Reads one label letter ("P", "G", ...); false for any other text. */
bool confidence_parse(const char *text, unsigned *bit);
/* Labelled, but not read on the provider's page: only others report it. */
bool confidence_third_party_only(unsigned labels);

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

struct model;
struct service_tier;

struct price_entry {
	date_days from, to; /* [from, to) */
	struct price_tier standard;
	/* A whole-request cliff: a request whose prompt tokens of the classes in
	 * long_context_counts (bit c for class c; 0 or every prompt class unless
	 * the provider's rule says otherwise) add up to more than long_context_above
	 * bills every token, output included, at the long tier. */
	bool has_long_context;
	int64_t long_context_above;
	unsigned long_context_counts;
	struct price_tier long_context;
	char *source;
	unsigned confidence;      /* enum confidence_label bits; 0: not stated */
	unsigned third_party;     /* bit c: only third parties report the class-c figure */
	unsigned unverified;      /* bit c: the class-c figure is [U] */
	char *notes;
	const struct model *model; /* the model this entry belongs to */
	/* Set on a copy priced at a service tier (price_entry_at_service()):
	 * the tiers applied, for what a command prints. NULL on catalogue
	 * entries. */
	const struct service_tier *service, *uplift;
};

/*
 * A way of being served billed as a multiple of the standard rates: Flex
 * (0.5x), Priority (2x), fast mode, and US-only inference. A tier that does
 * not stack is an alternative to standard and to batch (the request is sync
 * at tier x sync rates); one that stacks (US inference) multiplies every
 * rate, batch included, of whatever tier the request is on.
 */
struct service_tier {
	char *name;
	date_days from, to;
	int64_t num, den; /* multiplier num/den, den = 10^6 */
	bool stacks;
	char *source;
	unsigned confidence;
	char *notes;
};

struct provider;

struct model {
	char *id;
	char *provider;
	char *name;
	char **aliases;
	size_t alias_count;
	char *rate_limit_group; /* NULL when the provider's tables do not cover it */
	bool retired;
	date_days retired_on;
	unsigned retired_confidence;
	/* Traffic sent to a retired model from retired_on is served by this
	 * model and billed at its rates (Gemini 2.5 Pro -> 3.8 Flash). */
	char *successor;
	int64_t context_window;  /* input tokens a request may hold; 0 unknown */
	int64_t max_output;      /* output tokens of one request; 0 unknown */
	struct price_entry *prices;
	size_t price_count;
	/* Service tiers: the model's own dated entries, and the names of the
	 * provider's tiers that apply to it. */
	struct service_tier *tiers;
	size_t tier_count;
	char **tier_refs;
	size_t tier_ref_count;
	char *notes;
	const struct provider *owner; /* set by catalogue_finish() */
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

/* A named tier (Anthropic's Start, Build, Scale, Custom from 2026-06-26):
 * tier number k of a table is its k-th name. */
struct tier_name {
	char *name;
	bool cap_published;    /* the monthly spend cap is published */
	bool capped;           /* ... and is a cap, not "no cap" */
	money monthly_cap;     /* USD a month the organisation may spend */
};

struct rate_limit_table {
	date_days from, to;
	char *source;
	unsigned confidence;
	char *notes;
	struct tier_name *names; /* NULL: tiers are numbered "1".."99" */
	size_t name_count;
	struct rate_limit_group *groups;
	size_t group_count;
};

/* "Start" for a named tier, else the number as text. */
const char *rate_limit_tier_text(const struct rate_limit_table *t, int tier,
                                 char buf[16]);

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
	struct service_tier *tiers; /* dated; models name the ones they have */
	size_t tier_count;
};

struct catalogue {
	char *version;      /* catalogue_version: the date it was last checked */
	char *origin;       /* "built-in" or the file it came from */
	char checksum[17];  /* first 16 hex digits of the SHA-256 of the file's bytes */
	/* An overlay merged on top (calc/catalogue_load.h), or NULL. */
	char *overlay_origin, *overlay_version;
	char overlay_checksum[17];
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
 * A retired model with a successor is, from its retirement, served and billed
 * as the successor: *model is then the successor (and *routed_from, when
 * routed_from is not NULL, the model named; otherwise NULL). An unknown name
 * gives STATUS_UNKNOWN_MODEL with up to three suggestions; a date outside
 * every price entry gives STATUS_UNKNOWN_MODEL naming the range (and *model
 * is set).
 */
enum status catalogue_price_routed(const struct catalogue *cat, const char *name,
                                   date_days day, const struct model **model,
                                   const struct price_entry **price,
                                   const struct model **routed_from,
                                   struct diag *d);
enum status catalogue_price(const struct catalogue *cat, const char *name,
                            date_days day, const struct model **model,
                            const struct price_entry **price, struct diag *d);

/* The model that serves m's traffic on `day`: m, or its successor (followed
 * as far as it goes) once m is retired. */
const struct model *catalogue_route(const struct catalogue *cat,
                                    const struct model *m, date_days day);

/* The price in force for `name` on `day`, routed as catalogue_price() does;
 * NULL for an unknown model or a day without a price. Never fails loudly:
 * for readers that only need to know the tier of a request. */
const struct price_entry *catalogue_price_entry(const struct catalogue *cat,
                                                const char *name, date_days day);

const struct price_entry *model_price_on(const struct model *m, date_days day);

/*
 * The service tier `name` of model m in force on `day`: the model's own entry,
 * else the provider's entry of a tier the model names. STATUS_INPUT says what
 * the model offers when it has no such tier on that day.
 */
enum status model_service_tier(const struct model *m, const char *name,
                               date_days day, const struct service_tier **out,
                               struct diag *d);

/* The names of the tiers m offers on `day`, comma separated ("" for none). */
void model_service_tiers_text(const struct model *m, date_days day, char *buf,
                              size_t size);

/*
 * The price of m's traffic on `day` at the tiers a request or workload names:
 * `service` a tier that does not stack (flex, priority, fast, ...; NULL or
 * "standard" for none), `geo` "us" for the US-only inference uplift (NULL or
 * "global" for none). *out is base itself when no tier is named, else a
 * tiered copy written to *storage. STATUS_INPUT names what the model offers
 * when it has no such tier on that day.
 */
enum status price_at_tiers(const struct model *m, const struct price_entry *base,
                           const char *service, const char *geo, date_days day,
                           struct price_entry *storage, const struct price_entry **out,
                           struct diag *d);

/*
 * A copy of `base` priced at a service tier and/or a stacking uplift (either
 * may be NULL): sync rates x the tier's multiplier (batch rates unchanged: a
 * tier is an alternative to batch), then every rate x the uplift's. The copy
 * shares base's strings. STATUS_INPUT when a rate would need more than six
 * decimals (catalogue_finish() rules that out for a loaded catalogue), or
 * when `service` stacks or `uplift` does not.
 */
enum status price_entry_at_service(const struct price_entry *base,
                                   const struct service_tier *service,
                                   const struct service_tier *uplift,
                                   struct price_entry *out, struct diag *d);

const struct provider *catalogue_provider(const struct catalogue *cat,
                                          const char *id);

const struct batch_limits *provider_batch_limits_on(const struct provider *p,
                                                    date_days day);
const struct rate_limit_table *provider_rate_limits_on(const struct provider *p,
                                                       date_days day);
const struct queue_limit_table *provider_queue_limits_on(const struct provider *p,
                                                         date_days day);

#endif
