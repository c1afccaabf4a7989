#include "litellm.h"

#include "json_read.h"
#include "../models/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LONG_CONTEXT_ABOVE 200000
#define DEC6 1000000

/* The LiteLLM field of each token class, standard and above 200K tokens. */
static const char *const class_fields[TOKEN_CLASS_COUNT] = {
	[TOKEN_INPUT] = "input_cost_per_token",
	[TOKEN_CACHE_WRITE_5M] = "cache_creation_input_token_cost",
	[TOKEN_CACHE_WRITE_1H] = "cache_creation_input_token_cost_above_1hr",
	[TOKEN_CACHE_READ] = "cache_read_input_token_cost",
	[TOKEN_OUTPUT] = "output_cost_per_token",
};

static const char *const batch_fields[TOKEN_CLASS_COUNT] = {
	[TOKEN_INPUT] = "input_cost_per_token_batches",
	[TOKEN_OUTPUT] = "output_cost_per_token_batches",
};

static bool priced_mode(const char *mode)
{
	/* "responses" entries (o1-pro, codex) are chat models LiteLLM serves
	 * through the Responses API; they are priced by tokens too. */
	return strcmp(mode, "chat") == 0 || strcmp(mode, "completion") == 0 ||
	       strcmp(mode, "responses") == 0;
}

bool litellm_detect(const cJSON *root)
{
	const cJSON *item;

	if (!cJSON_IsObject(root) || cJSON_GetObjectItemCaseSensitive(root, "schema_version"))
		return false;
	cJSON_ArrayForEach(item, root) {
		if (!cJSON_IsObject(item))
			return false;
		if (strcmp(item->string, "sample_spec") == 0 ||
		    cJSON_GetObjectItemCaseSensitive(item, "litellm_provider"))
			return true;
	}
	return false;
}

/* Reads one per-token price; a missing key or null leaves *offered false. */
static enum status read_price(const struct json_where *w, const cJSON *entry,
                              const char *field, rate *out, bool *offered,
                              struct litellm_report *report, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(entry, field);
	char text[64];
	const char *why = NULL;
	bool rounded = false;

	*offered = false;
	if (!v || cJSON_IsNull(v))
		return STATUS_OK;
	if (!cJSON_IsNumber(v) || !json_number_text(v, text, sizeof text) ||
	    !rate_parse_per_token(text, out, &rounded, &why)) {
		char expected[128];
		snprintf(expected, sizeof expected, "a price in USD per token%s%s%s",
		         why ? " (" : "", why ? why : "", why ? ")" : "");
		return json_fail(w, field, v, expected, d);
	}
	if (rounded) {
		if (report->rounded < LITELLM_ROUNDED_KEPT)
			snprintf(report->rounded_what[report->rounded],
			         sizeof report->rounded_what[0], "%s %s %s",
			         w->path, field, text);
		report->rounded++;
	}
	*offered = true;
	return STATUS_OK;
}

static enum status read_tier(const struct json_where *w, const cJSON *entry,
                             const char *suffix, struct price_tier *tier,
                             const struct price_tier *fallback,
                             struct litellm_report *report, struct diag *d)
{
	char field[128];
	enum status st;

	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		snprintf(field, sizeof field, "%s%s", class_fields[c], suffix);
		st = read_price(w, entry, field, &tier->sync.rates[c],
		                &tier->sync.offered[c], report, d);
		if (st != STATUS_OK)
			return st;
		/* A class the long-context tier does not name keeps its standard
		 * rate: LiteLLM then bills it at that rate above 200K too. */
		if (fallback && !tier->sync.offered[c]) {
			tier->sync.rates[c] = fallback->sync.rates[c];
			tier->sync.offered[c] = fallback->sync.offered[c];
		}
		if (!batch_fields[c])
			continue;
		snprintf(field, sizeof field, "%s%s", batch_fields[c], suffix);
		st = read_price(w, entry, field, &tier->batch.rates[c],
		                &tier->batch.offered[c], report, d);
		if (st != STATUS_OK)
			return st;
	}
	return STATUS_OK;
}

/* "azure/gpt-4o" -> "azure"; "claude-..." -> litellm_provider. */
static char *provider_of(const char *key, const cJSON *entry)
{
	const char *slash = strchr(key, '/');
	const cJSON *lp = cJSON_GetObjectItemCaseSensitive(entry, "litellm_provider");

	if (slash && slash != key)
		return strndup(key, (size_t)(slash - key));
	if (!cJSON_IsString(lp) || !lp->valuestring[0])
		return strdup("litellm");
	if (strncmp(lp->valuestring, "vertex_ai", 9) == 0)
		return strdup("vertex_ai"); /* "vertex_ai-language-models" and kin */
	return strdup(lp->valuestring);
}

static bool has_price(const cJSON *entry, const char *field)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(entry, field);
	return v && !cJSON_IsNull(v);
}

static bool id_seen(const struct catalogue *cat, const char *id)
{
	for (size_t i = 0; i < cat->model_count; i++)
		if (strcasecmp(cat->models[i].id, id) == 0)
			return true;
	return false;
}

static enum status add_provider(struct catalogue *cat, const char *id, size_t cap,
                                struct diag *d)
{
	struct provider *p;

	if (catalogue_provider(cat, id))
		return STATUS_OK;
	if (cat->provider_count == cap)
		return diag_set(d, STATUS_IO, "too many providers");
	p = &cat->providers[cat->provider_count++];
	p->id = strdup(id);
	p->batch_num = DEC6 / 2;
	p->batch_den = DEC6;
	p->batch_round = true;
	p->batch_rule = strdup("LiteLLM's file states no batch rule: a batch rate "
	                       "it does not publish (*_batches) is derived at 50% "
	                       "of the sync rate and flagged as derived");
	if (!p->id || !p->batch_rule)
		return diag_set(d, STATUS_IO, "out of memory");
	return STATUS_OK;
}

static enum status convert_entry(const struct json_where *w, const cJSON *entry,
                                 struct catalogue *cat, size_t provider_cap,
                                 struct litellm_report *report, struct diag *d)
{
	const cJSON *mode = cJSON_GetObjectItemCaseSensitive(entry, "mode");
	const cJSON *deprecated = cJSON_GetObjectItemCaseSensitive(entry, "deprecation_date");
	struct model *m;
	struct price_entry *pe;
	char field[128];
	enum status st;

	/* LiteLLM treats an entry without a mode as a chat model. */
	if (mode && !(cJSON_IsString(mode) && priced_mode(mode->valuestring))) {
		report->skipped_mode++;
		return STATUS_OK;
	}
	/* A missing price means "not priced per token"; a malformed one is an
	 * error (read_price says which), never a silent skip. */
	if (!has_price(entry, "input_cost_per_token") ||
	    !has_price(entry, "output_cost_per_token")) {
		report->skipped_unpriced++;
		return STATUS_OK;
	}
	if (id_seen(cat, entry->string)) /* keys differing only in case */
		return diag_set(d, STATUS_INPUT, "%s: %s: expected a model name used "
		                "once, found it twice (names ignore case)",
		                w->origin, w->path);
	m = &cat->models[cat->model_count++];
	m->prices = calloc(1, sizeof *m->prices);
	m->id = strdup(entry->string);
	m->provider = provider_of(entry->string, entry);
	if (!m->prices || !m->id || !m->provider)
		return diag_set(d, STATUS_IO, "out of memory");
	m->price_count = 1;
	pe = &m->prices[0];
	pe->from = 0;
	pe->to = DATE_OPEN_END;
	if (!(pe->source = strdup(w->origin)))
		return diag_set(d, STATUS_IO, "out of memory");
	if ((st = read_tier(w, entry, "", &pe->standard, NULL, report, d)))
		return st;
	snprintf(field, sizeof field, "%s_above_200k_tokens", class_fields[TOKEN_INPUT]);
	if (cJSON_GetObjectItemCaseSensitive(entry, field)) {
		pe->has_long_context = true;
		pe->long_context_above = LONG_CONTEXT_ABOVE;
		if ((st = read_tier(w, entry, "_above_200k_tokens", &pe->long_context,
		                    &pe->standard, report, d)))
			return st;
		report->long_context++;
	}
	if (pe->standard.batch.offered[TOKEN_INPUT] || pe->standard.batch.offered[TOKEN_OUTPUT])
		report->with_batches++;
	if (deprecated && !cJSON_IsNull(deprecated) &&
	    (st = json_date(w, entry, "deprecation_date", false, &m->retired_on,
	                    &m->retired, d)))
		return st;
	if ((st = add_provider(cat, m->provider, provider_cap, d)))
		return st;
	report->imported++;
	return STATUS_OK;
}

static void count_derived(const struct catalogue *cat, struct litellm_report *r)
{
	for (size_t i = 0; i < cat->model_count; i++) {
		const struct price_entry *pe = &cat->models[i].prices[0];
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			for (int t = 0; t < 2; t++) {
				const struct price_tier *tier = t ? &pe->long_context : &pe->standard;
				if (t && !pe->has_long_context)
					break;
				if (!tier->batch_derived[c])
					continue;
				r->derived++;
				/* Every provider here derives at exactly 50%. */
				if (tier->batch.rates[c].micro * 2 != tier->sync.rates[c].micro)
					r->derived_rounded++;
			}
		}
	}
}

enum status litellm_convert(const cJSON *root, const char *origin,
                            const char *version, struct catalogue *cat,
                            struct litellm_report *report, struct diag *d)
{
	size_t n = (size_t)cJSON_GetArraySize(root);
	const cJSON *entry;
	enum status st = STATUS_OK;

	memset(cat, 0, sizeof *cat);
	memset(report, 0, sizeof *report);
	cat->models = calloc(n ? n : 1, sizeof *cat->models);
	cat->providers = calloc(n ? n : 1, sizeof *cat->providers);
	cat->version = strdup(version);
	cat->origin = strdup(origin);
	if (!cat->models || !cat->providers || !cat->version || !cat->origin)
		st = diag_set(d, STATUS_IO, "out of memory");
	cJSON_ArrayForEach(entry, root) {
		struct json_where w = {origin, ""};
		if (st != STATUS_OK)
			break;
		if (strcmp(entry->string, "sample_spec") == 0)
			continue;
		snprintf(w.path, sizeof w.path, "%s", entry->string);
		report->entries++;
		if (!cJSON_IsObject(entry))
			st = json_fail(&w, NULL, entry, "an object of model fields", d);
		else
			st = convert_entry(&w, entry, cat, n, report, d);
	}
	if (st == STATUS_OK && cat->model_count == 0)
		st = diag_set(d, STATUS_INPUT, "%s: expected at least one chat or "
		              "completion model priced per token, found none", origin);
	if (st == STATUS_OK && (st = catalogue_finish(cat, d)) != STATUS_OK)
		diag_prefix(d, origin);
	if (st != STATUS_OK) {
		catalogue_release(cat);
		return st;
	}
	count_derived(cat, report);
	return STATUS_OK;
}
