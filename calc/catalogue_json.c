/* catalogue_to_json (catalogue_load.h): a loaded catalogue written back in
 * the schema of data/README.md, every key it holds. */
#include "catalogue_load.h"
#include "json_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEC6 1000000 /* rates and multipliers have six decimals */

static void add_rate(cJSON *obj, const char *key, rate r)
{
	char buf[64];

	rate_format(r, buf, sizeof buf);
	cJSON_AddRawToObject(obj, key, buf);
}

static void add_date(cJSON *obj, const char *key, date_days day)
{
	char buf[DATE_TEXT_SIZE];

	if (day == DATE_OPEN_END) {
		cJSON_AddNullToObject(obj, key);
		return;
	}
	date_format(day, buf);
	cJSON_AddStringToObject(obj, key, buf);
}

static void add_string(cJSON *obj, const char *key, const char *text)
{
	if (text)
		cJSON_AddStringToObject(obj, key, text);
}

static void add_labels(cJSON *obj, const char *key, unsigned labels)
{
	cJSON *list;

	if (!labels)
		return;
	list = cJSON_AddArrayToObject(obj, key);
	for (int i = 0; CONFIDENCE_LABELS[i]; i++)
		if (labels & (1u << i)) {
			char one[2] = {CONFIDENCE_LABELS[i], '\0'};
			cJSON_AddItemToArray(list, cJSON_CreateString(one));
		}
}

static void add_classes(cJSON *obj, const char *key, unsigned classes)
{
	cJSON *list = cJSON_AddArrayToObject(obj, key);

	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (classes & (1u << c))
			cJSON_AddItemToArray(list, cJSON_CreateString(
				token_class_name((enum token_class)c)));
}

static void add_multiplier(cJSON *obj, const char *key, int64_t num, int64_t den)
{
	rate m = {num * (DEC6 / den)};

	add_rate(obj, key, m);
}

static void add_tier(cJSON *obj, const struct price_tier *tier)
{
	cJSON *batch;

	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		const char *name = token_class_name((enum token_class)c);
		if (tier->sync.offered[c])
			add_rate(obj, name, tier->sync.rates[c]);
		else if (token_class_always_shown((enum token_class)c))
			cJSON_AddNullToObject(obj, name);
	}
	batch = cJSON_AddObjectToObject(obj, "batch");
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (tier->batch.offered[c] && !tier->batch_derived[c])
			add_rate(batch, token_class_name((enum token_class)c),
			         tier->batch.rates[c]);
}

static cJSON *service_tier_json(const struct service_tier *t)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", t->name);
	add_date(o, "from", t->from);
	add_date(o, "to", t->to);
	add_multiplier(o, "multiplier", t->num, t->den);
	if (t->stacks)
		cJSON_AddTrueToObject(o, "stacks");
	add_string(o, "source", t->source);
	add_labels(o, "confidence", t->confidence);
	add_string(o, "notes", t->notes);
	return o;
}

static cJSON *rate_table_json(const struct rate_limit_table *t)
{
	cJSON *o = cJSON_CreateObject(), *groups;
	char buf[16];

	add_date(o, "from", t->from);
	add_date(o, "to", t->to);
	add_string(o, "source", t->source);
	add_labels(o, "confidence", t->confidence);
	if (t->names) {
		cJSON *names = cJSON_AddArrayToObject(o, "tiers");
		for (size_t k = 0; k < t->name_count; k++) {
			cJSON *n = cJSON_CreateObject();
			char cap[64];
			cJSON_AddStringToObject(n, "name", t->names[k].name);
			if (t->names[k].capped) {
				money_format_exact(t->names[k].monthly_cap, cap, sizeof cap);
				cJSON_AddRawToObject(n, "monthly_spend_cap_usd", cap);
			} else if (t->names[k].cap_published) {
				cJSON_AddNullToObject(n, "monthly_spend_cap_usd");
			}
			cJSON_AddItemToArray(names, n);
		}
	}
	groups = cJSON_AddObjectToObject(o, "groups");
	for (size_t g = 0; g < t->group_count; g++) {
		cJSON *go = cJSON_AddObjectToObject(groups, t->groups[g].name);
		for (size_t i = 0; i < t->groups[g].tier_count; i++) {
			const struct tier_rate_limit *tl = &t->groups[g].tiers[i];
			cJSON *to = cJSON_AddObjectToObject(go, rate_limit_tier_text(t, tl->tier, buf));
			json_add_int(to, "rpm", tl->rpm);
			json_add_int(to, "itpm", tl->itpm);
			json_add_int(to, "otpm", tl->otpm);
		}
	}
	add_string(o, "notes", t->notes);
	return o;
}

static cJSON *provider_json(const struct provider *p)
{
	cJSON *o = cJSON_CreateObject(), *rule, *list;
	char buf[16];

	cJSON_AddStringToObject(o, "id", p->id);
	add_string(o, "name", p->name);
	add_string(o, "pricing_source", p->pricing_source);
	rule = cJSON_AddObjectToObject(o, "batch_rule");
	add_multiplier(rule, "multiplier", p->batch_num, p->batch_den);
	add_string(rule, "description", p->batch_rule);
	if (p->batch_round)
		cJSON_AddTrueToObject(rule, "round_derived");
	if (p->batch_limit_count) {
		list = cJSON_AddArrayToObject(o, "batch_limits");
		for (size_t i = 0; i < p->batch_limit_count; i++) {
			const struct batch_limits *b = &p->batch_limits[i];
			cJSON *bo = cJSON_CreateObject();
			add_date(bo, "from", b->from);
			add_date(bo, "to", b->to);
			if (b->max_requests)
				json_add_int(bo, "max_requests", b->max_requests);
			if (b->max_bytes)
				json_add_int(bo, "max_bytes", b->max_bytes);
			json_add_int(bo, "expiry_hours", b->expiry_hours);
			add_string(bo, "source", b->source);
			cJSON_AddItemToArray(list, bo);
		}
	}
	if (p->queue_limit_count) {
		list = cJSON_AddArrayToObject(o, "batch_queue_limits");
		for (size_t i = 0; i < p->queue_limit_count; i++) {
			const struct queue_limit_table *q = &p->queue_limits[i];
			cJSON *qo = cJSON_CreateObject(), *tiers;
			add_date(qo, "from", q->from);
			add_date(qo, "to", q->to);
			add_string(qo, "source", q->source);
			tiers = cJSON_AddObjectToObject(qo, "tiers");
			for (size_t k = 0; k < q->tier_count; k++) {
				snprintf(buf, sizeof buf, "%d", q->tiers[k].tier);
				json_add_int(tiers, buf, q->tiers[k].value);
			}
			cJSON_AddItemToArray(list, qo);
		}
	}
	if (p->rate_limit_count) {
		list = cJSON_AddArrayToObject(o, "rate_limits");
		for (size_t i = 0; i < p->rate_limit_count; i++)
			cJSON_AddItemToArray(list, rate_table_json(&p->rate_limits[i]));
	}
	if (p->tier_count) {
		list = cJSON_AddArrayToObject(o, "service_tiers");
		for (size_t i = 0; i < p->tier_count; i++)
			cJSON_AddItemToArray(list, service_tier_json(&p->tiers[i]));
	}
	return o;
}

static cJSON *price_json(const struct price_entry *pe)
{
	cJSON *entry = cJSON_CreateObject();

	add_date(entry, "from", pe->from);
	add_date(entry, "to", pe->to);
	add_tier(entry, &pe->standard);
	if (pe->has_long_context) {
		cJSON *lc = cJSON_AddObjectToObject(entry, "long_context");
		json_add_int(lc, "above_input_tokens", pe->long_context_above);
		if (pe->long_context_counts && pe->long_context_counts != TOKEN_PROMPT_CLASSES)
			add_classes(lc, "counts", pe->long_context_counts);
		add_tier(lc, &pe->long_context);
	}
	add_string(entry, "source", pe->source);
	add_labels(entry, "confidence", pe->confidence);
	if (pe->third_party)
		add_classes(entry, "third_party", pe->third_party);
	if (pe->unverified)
		add_classes(entry, "unverified", pe->unverified);
	add_string(entry, "notes", pe->notes);
	return entry;
}

static cJSON *model_json(const struct model *m)
{
	cJSON *o = cJSON_CreateObject(), *prices;

	cJSON_AddStringToObject(o, "id", m->id);
	cJSON_AddStringToObject(o, "provider", m->provider);
	add_string(o, "name", m->name);
	if (m->alias_count) {
		cJSON *aliases = cJSON_AddArrayToObject(o, "aliases");
		for (size_t a = 0; a < m->alias_count; a++)
			cJSON_AddItemToArray(aliases, cJSON_CreateString(m->aliases[a]));
	}
	add_string(o, "rate_limit_group", m->rate_limit_group);
	if (m->retired)
		add_date(o, "retired", m->retired_on);
	add_labels(o, "retired_confidence", m->retired_confidence);
	add_string(o, "successor", m->successor);
	if (m->context_window)
		json_add_int(o, "context_window", m->context_window);
	if (m->max_output)
		json_add_int(o, "max_output", m->max_output);
	if (m->tier_count || m->tier_ref_count) {
		cJSON *tiers = cJSON_AddArrayToObject(o, "service_tiers");
		for (size_t r = 0; r < m->tier_ref_count; r++)
			cJSON_AddItemToArray(tiers, cJSON_CreateString(m->tier_refs[r]));
		for (size_t i = 0; i < m->tier_count; i++)
			cJSON_AddItemToArray(tiers, service_tier_json(&m->tiers[i]));
	}
	prices = cJSON_AddArrayToObject(o, "prices");
	for (size_t e = 0; e < m->price_count; e++)
		cJSON_AddItemToArray(prices, price_json(&m->prices[e]));
	add_string(o, "notes", m->notes);
	return o;
}

cJSON *catalogue_to_json(const struct catalogue *cat)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *providers, *models;

	cJSON_AddNumberToObject(root, "schema_version", 1);
	cJSON_AddStringToObject(root, "catalogue_version", cat->version);
	cJSON_AddStringToObject(root, "currency", "USD");
	cJSON_AddStringToObject(root, "rate_unit", "USD per million tokens");
	providers = cJSON_AddArrayToObject(root, "providers");
	for (size_t i = 0; i < cat->provider_count; i++)
		cJSON_AddItemToArray(providers, provider_json(&cat->providers[i]));
	models = cJSON_AddArrayToObject(root, "models");
	for (size_t i = 0; i < cat->model_count; i++)
		cJSON_AddItemToArray(models, model_json(&cat->models[i]));
	return root;
}
