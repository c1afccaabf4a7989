#include "catalogue_load.h"
#include "catalogue_read.h"

#include "embedded.h"
#include "files.h"
#include "genai_prices.h"
#include "json_read.h"
#include "../models/number.h"
#include "../models/sha256.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEC6 1000000

/* The keys of each object of the schema (data/README.md). */
const char *const catalogue_root_keys[] = {"schema_version", "catalogue_version", "currency",
	"rate_unit", "providers", "models", "notes", NULL};
const char *const catalogue_provider_keys[] = {"id", "name", "pricing_source", "batch_rule",
	"batch_limits", "batch_queue_limits", "rate_limits", "service_tiers", "notes", NULL};
static const char *const rule_keys[] = {"multiplier", "description", "source",
	"round_derived", NULL};
static const char *const batch_limit_keys[] = {"from", "to", "max_requests", "max_bytes",
	"expiry_hours", "source", NULL};
static const char *const queue_keys[] = {"from", "to", "source", "tiers", NULL};
static const char *const rate_table_keys[] = {"from", "to", "source", "confidence",
	"tiers", "groups", "notes", NULL};
static const char *const tier_name_keys[] = {"name", "monthly_spend_cap_usd", NULL};
static const char *const tier_keys[] = {"rpm", "itpm", "otpm", NULL};
static const char *const service_keys[] = {"name", "from", "to", "multiplier", "stacks",
	"source", "confidence", "notes", NULL};
static const char *const model_keys[] = {"id", "provider", "name", "aliases",
	"rate_limit_group", "retired", "retired_source", "retired_confidence", "successor",
	"context_window", "max_output", "service_tiers", "prices", "notes", NULL};
static const char *const price_keys[] = {"from", "to", "input", "output", "cache_write_5m",
	"cache_write_1h", "cache_write_30m", "cache_write_12h", "cache_read", "batch",
	"long_context", "source", "confidence", "third_party", "unverified", "notes", NULL};
static const char *const long_keys[] = {"above_input_tokens", "counts", "input", "output",
	"cache_write_5m", "cache_write_1h", "cache_write_30m", "cache_write_12h",
	"cache_read", "batch", NULL};
static const char *const rate_keys[] = {"input", "output", "cache_write_5m",
	"cache_write_1h", "cache_write_30m", "cache_write_12h", "cache_read", NULL};

static enum status need(const struct json_where *w, const cJSON *obj,
                        const char *key, bool array, const cJSON **out,
                        struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (array ? !cJSON_IsArray(v) : !cJSON_IsObject(v))
		return json_fail(w, key, v, array ? "an array" : "an object", d);
	*out = v;
	return STATUS_OK;
}

/* Allocates an array of n zeroed elements (at least one, so NULL means failure). */
static void *alloc_array(size_t n, size_t size)
{
	return calloc(n ? n : 1, size);
}

static enum status read_dates(const struct json_where *w, const cJSON *obj,
                              date_days *from, date_days *to, struct diag *d)
{
	enum status st = json_date(w, obj, "from", true, from, NULL, d);

	*to = DATE_OPEN_END;
	if (st == STATUS_OK)
		st = json_date(w, obj, "to", false, to, NULL, d);
	if (st == STATUS_OK && *to <= *from)
		return json_fail(w, "to", cJSON_GetObjectItemCaseSensitive(obj, "to"),
		                 "a date after \"from\" (ranges are [from, to))", d);
	return st;
}

/* "confidence": ["P", "G"]: the labels of shared/reference/prices-2026-11.md. */
static enum status read_labels(const struct json_where *w, const cJSON *obj,
                               const char *key, unsigned *out, struct diag *d)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, key), *item;
	static const char expected[] = "an array of confidence labels (\"P\" provider "
		"page, \"G\" genai-prices, \"L\" LiteLLM, \"T\" third party, \"D\" "
		"derived by rule, \"U\" unverified)";

	*out = 0;
	if (!list || cJSON_IsNull(list))
		return STATUS_OK;
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0)
		return json_fail(w, key, list, expected, d);
	cJSON_ArrayForEach(item, list) {
		unsigned bit;
		if (!cJSON_IsString(item) || !confidence_parse(item->valuestring, &bit))
			return json_fail(w, key, list, expected, d);
		*out |= bit;
	}
	return STATUS_OK;
}

/* An array of token class names, as a bit set; prompt_only refuses output. */
static enum status read_classes(const struct json_where *w, const cJSON *obj,
                                const char *key, bool prompt_only, unsigned *out,
                                struct diag *d)
{
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(obj, key), *item;
	const char *expected = prompt_only
		? "a non-empty array of prompt token classes (input, cache_write_5m, "
		  "cache_write_1h, cache_write_30m, cache_write_12h, cache_read)"
		: "an array of token classes (input, cache_write_5m, cache_write_1h, "
		  "cache_write_30m, cache_write_12h, cache_read, output)";

	if (!list || cJSON_IsNull(list))
		return STATUS_OK;
	*out = 0;
	if (!cJSON_IsArray(list) || (prompt_only && cJSON_GetArraySize(list) == 0))
		return json_fail(w, key, list, expected, d);
	cJSON_ArrayForEach(item, list) {
		enum token_class c;
		if (!cJSON_IsString(item) || !token_class_parse(item->valuestring, &c) ||
		    (prompt_only && c == TOKEN_OUTPUT))
			return json_fail(w, key, list, expected, d);
		*out |= 1u << c;
	}
	return STATUS_OK;
}

static enum status read_rate_set(const struct json_where *w, const cJSON *obj,
                                 struct rate_set *set, struct diag *d)
{
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		enum status st = json_rate(w, obj, token_class_name((enum token_class)c),
		                           &set->rates[c], &set->offered[c], d);
		if (st != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

static enum status read_tier(const struct json_where *w, const cJSON *obj,
                             struct price_tier *tier, struct diag *d)
{
	const cJSON *batch = cJSON_GetObjectItemCaseSensitive(obj, "batch");
	struct json_where bw;
	enum status st = read_rate_set(w, obj, &tier->sync, d);

	if (st != STATUS_OK || !batch)
		return st;
	json_child(&bw, w, "batch", -1);
	if (!cJSON_IsObject(batch))
		return json_fail(w, "batch", batch, "an object of published batch rates", d);
	if ((st = json_only_keys(&bw, batch, rate_keys, d)))
		return st;
	return read_rate_set(&bw, batch, &tier->batch, d);
}

static enum status read_price(const struct json_where *w, const cJSON *obj,
                              struct price_entry *pe, struct diag *d)
{
	const cJSON *lc = cJSON_GetObjectItemCaseSensitive(obj, "long_context");
	struct json_where lw;
	enum status st;

	if ((st = json_only_keys(w, obj, price_keys, d)) ||
	    (st = read_dates(w, obj, &pe->from, &pe->to, d)) ||
	    (st = read_tier(w, obj, &pe->standard, d)) ||
	    (st = json_string(w, obj, "source", false, &pe->source, d)) ||
	    (st = read_labels(w, obj, "confidence", &pe->confidence, d)) ||
	    (st = read_classes(w, obj, "third_party", false, &pe->third_party, d)) ||
	    (st = read_classes(w, obj, "unverified", false, &pe->unverified, d)) ||
	    (st = json_string(w, obj, "notes", false, &pe->notes, d)))
		return st;
	if (!pe->standard.sync.offered[TOKEN_INPUT])
		return json_fail(w, "input", cJSON_GetObjectItemCaseSensitive(obj, "input"),
		                 "a rate in USD per million tokens", d);
	if (!pe->standard.sync.offered[TOKEN_OUTPUT])
		return json_fail(w, "output", cJSON_GetObjectItemCaseSensitive(obj, "output"),
		                 "a rate in USD per million tokens", d);
	if (!lc || cJSON_IsNull(lc))
		return STATUS_OK;
	json_child(&lw, w, "long_context", -1);
	if (!cJSON_IsObject(lc))
		return json_fail(w, "long_context", lc, "an object", d);
	pe->has_long_context = true;
	pe->long_context_counts = TOKEN_PROMPT_CLASSES;
	if ((st = json_only_keys(&lw, lc, long_keys, d)) ||
	    (st = json_int(&lw, lc, "above_input_tokens", true, 1, INT64_MAX / 2,
	                   &pe->long_context_above, NULL, d)) ||
	    (st = read_classes(&lw, lc, "counts", true, &pe->long_context_counts, d)) ||
	    (st = read_tier(&lw, lc, &pe->long_context, d)))
		return st;
	return STATUS_OK;
}

/* One dated service tier object. */
static enum status read_service_tier(const struct json_where *w, const cJSON *obj,
                                     struct service_tier *t, struct diag *d)
{
	const cJSON *stacks;
	enum status st;

	if (!cJSON_IsObject(obj))
		return json_fail(w, NULL, obj, "a service tier object", d);
	stacks = cJSON_GetObjectItemCaseSensitive(obj, "stacks");
	t->den = DEC6;
	if ((st = json_only_keys(w, obj, service_keys, d)) ||
	    (st = json_string(w, obj, "name", true, &t->name, d)) ||
	    (st = read_dates(w, obj, &t->from, &t->to, d)) ||
	    (st = json_scaled(w, obj, "multiplier", true, 6, 1, 100 * (int64_t)DEC6,
	                      &t->num, NULL, d)) ||
	    (st = json_string(w, obj, "source", false, &t->source, d)) ||
	    (st = read_labels(w, obj, "confidence", &t->confidence, d)) ||
	    (st = json_string(w, obj, "notes", false, &t->notes, d)))
		return st;
	if (stacks && !cJSON_IsBool(stacks))
		return json_fail(w, "stacks", stacks, "true or false", d);
	t->stacks = cJSON_IsTrue(stacks);
	if (!t->name[0] || strcmp(t->name, "standard") == 0 || strcmp(t->name, "batch") == 0)
		return json_fail(w, "name", cJSON_GetObjectItemCaseSensitive(obj, "name"),
		                 "a tier name other than \"standard\" and \"batch\"", d);
	return STATUS_OK;
}

/* A model's "service_tiers": names of the provider's tiers, or its own
 * dated tier objects. */
static enum status read_model_tiers(const struct json_where *w, const cJSON *list,
                                    struct model *m, struct diag *d)
{
	const cJSON *item;
	size_t n = (size_t)cJSON_GetArraySize(list);
	long index = 0;

	if (!cJSON_IsArray(list))
		return json_fail(w, "service_tiers", list, "an array of tier names and "
		                 "tier objects", d);
	m->tiers = alloc_array(n, sizeof *m->tiers);
	m->tier_refs = alloc_array(n, sizeof *m->tier_refs);
	if (!m->tiers || !m->tier_refs)
		return diag_set(d, STATUS_IO, "out of memory");
	cJSON_ArrayForEach(item, list) {
		struct json_where tw;
		enum status st;
		json_child(&tw, w, "service_tiers", index++);
		if (cJSON_IsString(item)) {
			if (!item->valuestring[0])
				return json_fail(&tw, NULL, item, "a tier name", d);
			if (!(m->tier_refs[m->tier_ref_count++] = strdup(item->valuestring)))
				return diag_set(d, STATUS_IO, "out of memory");
			continue;
		}
		m->tier_count++;
		if ((st = read_service_tier(&tw, item, &m->tiers[m->tier_count - 1], d)))
			return st;
	}
	return STATUS_OK;
}

/*
 * One model object. With `partial` (an overlay's model), only "id" is
 * required: the rest may come from the model it is merged into.
 */
enum status catalogue_read_model(const struct json_where *w, const cJSON *obj,
                                 struct model *m, bool partial, struct diag *d)
{
	const cJSON *aliases = cJSON_GetObjectItemCaseSensitive(obj, "aliases");
	const cJSON *tiers = cJSON_GetObjectItemCaseSensitive(obj, "service_tiers");
	const cJSON *prices = cJSON_GetObjectItemCaseSensitive(obj, "prices"), *item;
	enum status st;
	size_t i = 0;

	if (!cJSON_IsObject(obj))
		return json_fail(w, NULL, obj, "an object", d);
	if ((st = json_only_keys(w, obj, model_keys, d)) ||
	    (st = json_string(w, obj, "id", true, &m->id, d)) ||
	    (st = json_string(w, obj, "provider", !partial, &m->provider, d)) ||
	    (st = json_string(w, obj, "name", false, &m->name, d)) ||
	    (st = json_string(w, obj, "rate_limit_group", false, &m->rate_limit_group, d)) ||
	    (st = json_date(w, obj, "retired", false, &m->retired_on, &m->retired, d)) ||
	    (st = read_labels(w, obj, "retired_confidence", &m->retired_confidence, d)) ||
	    (st = json_string(w, obj, "successor", false, &m->successor, d)) ||
	    (st = json_int(w, obj, "context_window", false, 1, INT64_MAX / 2,
	                   &m->context_window, NULL, d)) ||
	    (st = json_int(w, obj, "max_output", false, 1, INT64_MAX / 2,
	                   &m->max_output, NULL, d)) ||
	    (st = json_string(w, obj, "notes", false, &m->notes, d)) ||
	    (!partial && (st = need(w, obj, "prices", true, &prices, d))))
		return st;
	if (prices && !cJSON_IsArray(prices))
		return json_fail(w, "prices", prices, "an array", d);
	if (tiers && (st = read_model_tiers(w, tiers, m, d)))
		return st;
	if (aliases) {
		if (!cJSON_IsArray(aliases))
			return json_fail(w, "aliases", aliases, "an array of strings", d);
		m->aliases = alloc_array((size_t)cJSON_GetArraySize(aliases), sizeof(char *));
		if (!m->aliases)
			return diag_set(d, STATUS_IO, "out of memory");
		cJSON_ArrayForEach(item, aliases) {
			struct json_where aw;
			json_child(&aw, w, "aliases", (long)m->alias_count);
			if (!cJSON_IsString(item) || !item->valuestring[0])
				return json_fail(&aw, NULL, item, "a non-empty string", d);
			if (!(m->aliases[m->alias_count++] = strdup(item->valuestring)))
				return diag_set(d, STATUS_IO, "out of memory");
		}
	}
	if (!prices)
		return STATUS_OK;
	m->prices = alloc_array((size_t)cJSON_GetArraySize(prices), sizeof *m->prices);
	if (!m->prices)
		return diag_set(d, STATUS_IO, "out of memory");
	cJSON_ArrayForEach(item, prices) {
		struct json_where pw;
		json_child(&pw, w, "prices", (long)i);
		if (!cJSON_IsObject(item))
			return json_fail(&pw, NULL, item, "an object", d);
		m->price_count = ++i;
		if ((st = read_price(&pw, item, &m->prices[i - 1], d)))
			return st;
	}
	return STATUS_OK;
}

static enum status read_full_model(const struct json_where *w, const cJSON *obj,
                                   struct model *m, struct diag *d)
{
	return catalogue_read_model(w, obj, m, false, d);
}

static bool number_tier(const char *key, int64_t *tier, const char **why)
{
	return number_parse_int64(key, 1, 99, tier, why);
}

/* Reads {"1": N, "2": N} tier maps. */
static enum status read_tier_values(const struct json_where *w, const cJSON *obj,
                                    struct tier_value **out, size_t *count,
                                    struct diag *d)
{
	const cJSON *item;

	if (!cJSON_IsObject(obj))
		return json_fail(w, NULL, obj, "an object of tiers", d);
	*out = alloc_array((size_t)cJSON_GetArraySize(obj), sizeof **out);
	if (!*out)
		return diag_set(d, STATUS_IO, "out of memory");
	cJSON_ArrayForEach(item, obj) {
		struct tier_value *tv = &(*out)[(*count)++];
		int64_t tier;
		const char *why;
		enum status st;
		if (!number_tier(item->string, &tier, &why))
			return json_fail(w, item->string, item, "a tier number as key", d);
		tv->tier = (int)tier;
		st = json_int(w, obj, item->string, true, 0, INT64_MAX / 2, &tv->value,
		              NULL, d);
		if (st)
			return st;
	}
	return STATUS_OK;
}

/* "tiers": [{"name": "Start", "monthly_spend_cap_usd": 500}, ...]: tier k is
 * the k-th name. A cap of null is "no cap"; a missing one is not published. */
static enum status read_tier_names(const struct json_where *w, const cJSON *list,
                                   struct rate_limit_table *t, struct diag *d)
{
	const cJSON *item;

	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0 ||
	    cJSON_GetArraySize(list) > 99)
		return json_fail(w, "tiers", list, "an array of 1 to 99 tier objects, "
		                 "lowest first", d);
	t->names = alloc_array((size_t)cJSON_GetArraySize(list), sizeof *t->names);
	if (!t->names)
		return diag_set(d, STATUS_IO, "out of memory");
	cJSON_ArrayForEach(item, list) {
		struct tier_name *n = &t->names[t->name_count];
		const cJSON *cap;
		struct json_where nw;
		enum status st;

		json_child(&nw, w, "tiers", (long)t->name_count++);
		if (!cJSON_IsObject(item))
			return json_fail(&nw, NULL, item, "a tier object", d);
		cap = cJSON_GetObjectItemCaseSensitive(item, "monthly_spend_cap_usd");
		if ((st = json_only_keys(&nw, item, tier_name_keys, d)) ||
		    (st = json_string(&nw, item, "name", true, &n->name, d)) ||
		    (st = json_money(&nw, item, "monthly_spend_cap_usd", false,
		                     &n->monthly_cap, &n->capped, d)))
			return st;
		n->cap_published = cap != NULL;
		for (size_t k = 0; k + 1 < t->name_count; k++)
			if (strcasecmp(t->names[k].name, n->name) == 0)
				return json_fail(&nw, "name", cJSON_GetObjectItemCaseSensitive(item, "name"),
				                 "a tier name used once", d);
	}
	return STATUS_OK;
}

/* A tier key: the number, or with named tiers the name's position. */
static bool tier_key(const struct rate_limit_table *t, const char *key, int64_t *tier)
{
	const char *why;

	if (!t->names)
		return number_tier(key, tier, &why);
	for (size_t k = 0; k < t->name_count; k++)
		if (strcmp(t->names[k].name, key) == 0) {
			*tier = (int64_t)k + 1;
			return true;
		}
	return false;
}

static enum status read_rate_limit_table(const struct json_where *w,
                                         const cJSON *obj,
                                         struct rate_limit_table *t,
                                         struct diag *d)
{
	const cJSON *groups = NULL, *group, *tier;
	const cJSON *names = NULL;
	enum status st;

	if (!cJSON_IsObject(obj))
		return json_fail(w, NULL, obj, "an object", d);
	names = cJSON_GetObjectItemCaseSensitive(obj, "tiers");
	if ((st = json_only_keys(w, obj, rate_table_keys, d)) ||
	    (st = read_dates(w, obj, &t->from, &t->to, d)) ||
	    (st = json_string(w, obj, "source", false, &t->source, d)) ||
	    (st = read_labels(w, obj, "confidence", &t->confidence, d)) ||
	    (st = json_string(w, obj, "notes", false, &t->notes, d)) ||
	    (names && (st = read_tier_names(w, names, t, d))) ||
	    (st = need(w, obj, "groups", false, &groups, d)))
		return st;
	t->groups = alloc_array((size_t)cJSON_GetArraySize(groups), sizeof *t->groups);
	if (!t->groups)
		return diag_set(d, STATUS_IO, "out of memory");
	cJSON_ArrayForEach(group, groups) {
		struct rate_limit_group *g = &t->groups[t->group_count++];
		struct json_where gw;

		json_child(&gw, w, "groups", -1);
		json_child(&gw, &gw, group->string, -1);
		if (!(g->name = strdup(group->string)))
			return diag_set(d, STATUS_IO, "out of memory");
		if (!cJSON_IsObject(group))
			return json_fail(&gw, NULL, group, "an object of tiers", d);
		g->tiers = alloc_array((size_t)cJSON_GetArraySize(group), sizeof *g->tiers);
		if (!g->tiers)
			return diag_set(d, STATUS_IO, "out of memory");
		cJSON_ArrayForEach(tier, group) {
			struct tier_rate_limit *tl = &g->tiers[g->tier_count++];
			struct json_where tw;
			int64_t n;

			json_child(&tw, &gw, tier->string, -1);
			if (!tier_key(t, tier->string, &n))
				return json_fail(&gw, tier->string, tier, t->names
				                 ? "a tier named in \"tiers\" as key"
				                 : "a tier number as key", d);
			if (!cJSON_IsObject(tier))
				return json_fail(&gw, tier->string, tier, "an object", d);
			tl->tier = (int)n;
			if ((st = json_only_keys(&tw, tier, tier_keys, d)) ||
			    (st = json_int(&tw, tier, "rpm", true, 1, INT64_MAX / 2, &tl->rpm, NULL, d)) ||
			    (st = json_int(&tw, tier, "itpm", true, 1, INT64_MAX / 2, &tl->itpm, NULL, d)) ||
			    (st = json_int(&tw, tier, "otpm", true, 1, INT64_MAX / 2, &tl->otpm, NULL, d)))
				return st;
		}
	}
	return STATUS_OK;
}

/* Reads one array of dated objects with a per-element reader. */
#define READ_DATED(w, obj, key, arr, count, body)                               \
	do {                                                                    \
		const cJSON *list_ = cJSON_GetObjectItemCaseSensitive(obj, key); \
		const cJSON *el_;                                               \
		if (!list_)                                                     \
			break;                                                  \
		if (!cJSON_IsArray(list_))                                      \
			return json_fail(w, key, list_, "an array", d);         \
		arr = alloc_array((size_t)cJSON_GetArraySize(list_), sizeof *arr); \
		if (!arr)                                                       \
			return diag_set(d, STATUS_IO, "out of memory");         \
		cJSON_ArrayForEach(el_, list_) {                                \
			struct json_where ew_;                                  \
			json_child(&ew_, w, key, (long)count);                  \
			count++;                                                \
			if ((st = body(&ew_, el_, &arr[count - 1], d)))         \
				return st;                                      \
		}                                                               \
	} while (0)

static enum status read_batch_limits(const struct json_where *w, const cJSON *obj,
                                     struct batch_limits *b, struct diag *d)
{
	enum status st;

	if (!cJSON_IsObject(obj))
		return json_fail(w, NULL, obj, "an object", d);
	if ((st = json_only_keys(w, obj, batch_limit_keys, d)) ||
	    (st = read_dates(w, obj, &b->from, &b->to, d)) ||
	    (st = json_int(w, obj, "max_requests", false, 1, INT64_MAX / 2, &b->max_requests, NULL, d)) ||
	    (st = json_int(w, obj, "max_bytes", false, 1, INT64_MAX / 2, &b->max_bytes, NULL, d)) ||
	    (st = json_int(w, obj, "expiry_hours", true, 1, 24 * 365, &b->expiry_hours, NULL, d)) ||
	    (st = json_string(w, obj, "source", false, &b->source, d)))
		return st;
	return STATUS_OK;
}

static enum status read_queue_limits(const struct json_where *w, const cJSON *obj,
                                     struct queue_limit_table *q, struct diag *d)
{
	struct json_where tw;
	enum status st;

	if (!cJSON_IsObject(obj))
		return json_fail(w, NULL, obj, "an object", d);
	json_child(&tw, w, "tiers", -1);
	if ((st = json_only_keys(w, obj, queue_keys, d)) ||
	    (st = read_dates(w, obj, &q->from, &q->to, d)) ||
	    (st = json_string(w, obj, "source", false, &q->source, d)))
		return st;
	return read_tier_values(&tw, cJSON_GetObjectItemCaseSensitive(obj, "tiers"),
	                        &q->tiers, &q->tier_count, d);
}

static enum status read_provider(const struct json_where *w, const cJSON *obj,
                                 struct provider *p, struct diag *d)
{
	const cJSON *rule = NULL;
	struct json_where rw;
	enum status st;

	if (!cJSON_IsObject(obj))
		return json_fail(w, NULL, obj, "an object", d);
	if ((st = json_only_keys(w, obj, catalogue_provider_keys, d)) ||
	    (st = json_string(w, obj, "id", true, &p->id, d)) ||
	    (st = json_string(w, obj, "name", false, &p->name, d)) ||
	    (st = json_string(w, obj, "pricing_source", false, &p->pricing_source, d)) ||
	    (st = need(w, obj, "batch_rule", false, &rule, d)))
		return st;
	json_child(&rw, w, "batch_rule", -1);
	p->batch_den = DEC6;
	if ((st = json_only_keys(&rw, rule, rule_keys, d)) ||
	    (st = json_scaled(&rw, rule, "multiplier", true, 6, 0, DEC6,
	                      &p->batch_num, NULL, d)) ||
	    (st = json_string(&rw, rule, "description", false, &p->batch_rule, d)))
		return st;
	{
		const cJSON *round = cJSON_GetObjectItemCaseSensitive(rule, "round_derived");
		if (round && !cJSON_IsBool(round))
			return json_fail(&rw, "round_derived", round, "true or false", d);
		p->batch_round = cJSON_IsTrue(round);
	}
	READ_DATED(w, obj, "batch_limits", p->batch_limits, p->batch_limit_count,
	           read_batch_limits);
	READ_DATED(w, obj, "batch_queue_limits", p->queue_limits,
	           p->queue_limit_count, read_queue_limits);
	READ_DATED(w, obj, "rate_limits", p->rate_limits, p->rate_limit_count,
	           read_rate_limit_table);
	READ_DATED(w, obj, "service_tiers", p->tiers, p->tier_count, read_service_tier);
	return STATUS_OK;
}

enum status catalogue_read(const struct json_where *w, const cJSON *root,
                           struct catalogue *cat, struct diag *d)
{
	int64_t schema;
	enum status st;

	if (!cJSON_IsObject(root))
		return json_fail(w, NULL, root, "a catalogue object", d);
	/* schema_version first: a file that is not a catalogue at all should
	 * say so, not list the keys it lacks. */
	if ((st = json_int(w, root, "schema_version", true, 1, 1, &schema, NULL, d)) ||
	    (st = json_only_keys(w, root, catalogue_root_keys, d)) ||
	    (st = json_string(w, root, "catalogue_version", true, &cat->version, d)))
		return st;
	{
		const cJSON *cur = cJSON_GetObjectItemCaseSensitive(root, "currency");
		if (cur && !(cJSON_IsString(cur) && strcmp(cur->valuestring, "USD") == 0))
			return json_fail(w, "currency", cur,
			                 "\"USD\" (every catalogue rate is in US dollars)", d);
	}
	READ_DATED(w, root, "providers", cat->providers, cat->provider_count,
	           read_provider);
	READ_DATED(w, root, "models", cat->models, cat->model_count, read_full_model);
	if (cat->provider_count == 0 || cat->model_count == 0)
		return diag_set(d, STATUS_INPUT,
		                "%s: expected \"providers\" and \"models\" arrays with at "
		                "least one entry each", w->origin);
	{
		size_t names = cat->model_count;
		for (size_t i = 0; i < cat->model_count; i++)
			names += cat->models[i].alias_count;
		if (cat->provider_count > CATALOGUE_MAX_PROVIDERS ||
		    names > CATALOGUE_MAX_NAMES)
			return diag_set(d, STATUS_INPUT,
			                "%s: expected at most %d providers and %d model ids "
			                "and aliases in all, found %zu and %zu", w->origin,
			                CATALOGUE_MAX_PROVIDERS, CATALOGUE_MAX_NAMES,
			                cat->provider_count, names);
	}
	st = catalogue_finish(cat, d);
	if (st != STATUS_OK)
		diag_prefix(d, w->origin);
	return st;
}

/* Parses text that has passed file_check_text(): a batchcalc catalogue, or a
 * LiteLLM or genai-prices file converted. */
static enum status load_root(cJSON *root, const char *origin, struct catalogue *cat,
                             struct litellm_report *report, struct diag *d)
{
	struct json_where w = {origin, ""};
	char named[300];
	enum status st;

	if (litellm_detect(root)) {
		snprintf(named, sizeof named, "%s, LiteLLM format", origin);
		return litellm_convert(root, named, "undated", cat, report, d);
	}
	if (genai_detect(root)) {
		snprintf(named, sizeof named, "%s, genai-prices format", origin);
		return genai_convert(root, named, "undated", cat, report, d);
	}
	st = catalogue_read(&w, root, cat, d);
	if (st == STATUS_OK && !(cat->origin = strdup(origin)))
		st = diag_set(d, STATUS_IO, "out of memory");
	return st;
}

void catalogue_stamp_checksum(const char *text, size_t len, char out[17])
{
	char hex[SHA256_HEX_SIZE];

	sha256_hex(text, len, hex);
	memcpy(out, hex, 16);
	out[16] = '\0';
}

enum status catalogue_load_text(const char *text, size_t len, const char *origin,
                                struct catalogue *cat,
                                struct litellm_report *report, struct diag *d)
{
	struct litellm_report unused;
	cJSON *root;
	enum status st;

	memset(cat, 0, sizeof *cat);
	if (!report)
		report = &unused;
	memset(report, 0, sizeof *report);
	if ((st = file_check_text(origin, text, len, d)) ||
	    (st = json_parse(origin, text, len, &root, d)))
		return st;
	st = load_root(root, origin, cat, report, d);
	cJSON_Delete(root);
	if (st != STATUS_OK) {
		catalogue_release(cat);
		return st;
	}
	catalogue_stamp_checksum(text, len, cat->checksum);
	return STATUS_OK;
}

enum status catalogue_load_file(const char *path, struct catalogue *cat,
                                struct litellm_report *report, struct diag *d)
{
	char *text;
	size_t len;
	enum status st = file_read_all(path, &text, &len, d);

	if (st != STATUS_OK)
		return st;
	st = catalogue_load_text(text, len, path, cat, report, d);
	free(text);
	return st;
}

enum status catalogue_load_builtin(struct catalogue *cat, struct diag *d)
{
	return catalogue_load_text((const char *)data_prices_json, data_prices_json_len,
	                           "built-in data/prices.json", cat, NULL, d);
}
