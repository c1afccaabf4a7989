#include "litellm.h"

#include "json_read.h"
#include "../models/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEC6 1000000

/* The LiteLLM field of each token class, standard and above the cliff.
 * OpenAI's cache write (30-minute) has the 5-minute write's field. */
static const char *const class_fields[TOKEN_CLASS_COUNT] = {
	[TOKEN_INPUT] = "input_cost_per_token",
	[TOKEN_CACHE_WRITE_5M] = "cache_creation_input_token_cost",
	[TOKEN_CACHE_WRITE_1H] = "cache_creation_input_token_cost_above_1hr",
	[TOKEN_CACHE_READ] = "cache_read_input_token_cost",
	[TOKEN_OUTPUT] = "output_cost_per_token",
};

/* The long-context suffixes LiteLLM uses, and their thresholds. */
static const struct {
	const char *suffix;
	int64_t above;
} cliffs[] = {
	{"_above_128k_tokens", 128000},
	{"_above_200k_tokens", 200000},
	{"_above_272k_tokens", 272000},
};

/* The class a LiteLLM field fills for this entry. */
static enum token_class field_class(int c, bool openai)
{
	return c == TOKEN_CACHE_WRITE_5M && openai ? TOKEN_CACHE_WRITE_30M
	                                           : (enum token_class)c;
}

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
                             const char *suffix, bool openai, struct price_tier *tier,
                             const struct price_tier *fallback,
                             struct litellm_report *report, struct diag *d)
{
	char field[128];
	enum status st;

	for (int f = 0; f < TOKEN_CLASS_COUNT; f++) {
		int c = (int)field_class(f, openai);
		if (!class_fields[f])
			continue;
		snprintf(field, sizeof field, "%s%s", class_fields[f], suffix);
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
		if (!batch_fields[f])
			continue;
		snprintf(field, sizeof field, "%s%s", batch_fields[f], suffix);
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

/* max_input_tokens and max_output_tokens: the context window and the
 * largest output, when they are whole numbers. */
static enum status read_limits(const struct json_where *w, const cJSON *entry,
                               struct model *m, struct diag *d)
{
	const cJSON *in = cJSON_GetObjectItemCaseSensitive(entry, "max_input_tokens");
	const cJSON *out = cJSON_GetObjectItemCaseSensitive(entry, "max_output_tokens");
	enum status st = STATUS_OK;

	if (cJSON_IsNumber(in))
		st = json_int(w, entry, "max_input_tokens", false, 1, INT64_MAX / 2,
		              &m->context_window, NULL, d);
	if (st == STATUS_OK && cJSON_IsNumber(out))
		st = json_int(w, entry, "max_output_tokens", false, 1, INT64_MAX / 2,
		              &m->max_output, NULL, d);
	return st;
}

static enum status add_tier(struct model *m, const char *name, int64_t num,
                            bool stacks, const char *origin,
                            struct litellm_report *report, struct diag *d)
{
	struct service_tier *more = realloc(m->tiers, (m->tier_count + 1) * sizeof *more);
	struct service_tier *t;

	if (!more)
		return diag_set(d, STATUS_IO, "out of memory");
	m->tiers = more;
	t = &m->tiers[m->tier_count++];
	memset(t, 0, sizeof *t);
	t->name = strdup(name);
	t->source = strdup(origin);
	t->from = 0;
	t->to = DATE_OPEN_END;
	t->num = num;
	t->den = DEC6;
	t->stacks = stacks;
	if (!t->name || !t->source)
		return diag_set(d, STATUS_IO, "out of memory");
	report->service_tiers++;
	return STATUS_OK;
}

/* The *_flex / *_priority rates as a multiplier of the standard ones, and
 * provider_specific_entry's uplifts. */
static enum status read_service_tiers(const struct json_where *w, const cJSON *entry,
                                      struct model *m, const struct price_entry *pe,
                                      struct litellm_report *report, struct diag *d)
{
	static const char *const names[] = {"flex", "priority"};
	const cJSON *specific = cJSON_GetObjectItemCaseSensitive(entry, "provider_specific_entry");
	bool openai = strcmp(m->provider, "openai") == 0;
	enum status st;

	for (int k = 0; k < 2; k++) {
		char field[128];
		struct price_tier tier;
		int64_t base = pe->standard.sync.rates[TOKEN_INPUT].micro, num;

		memset(&tier, 0, sizeof tier);
		snprintf(field, sizeof field, "%s_%s", class_fields[TOKEN_INPUT], names[k]);
		if (!cJSON_GetObjectItemCaseSensitive(entry, field))
			continue;
		snprintf(field, sizeof field, "_%s", names[k]);
		if ((st = read_tier(w, entry, field, openai, &tier, NULL, report, d)))
			return st;
		if (!tier.sync.offered[TOKEN_INPUT] || base == 0 ||
		    (money_raw)tier.sync.rates[TOKEN_INPUT].micro * DEC6 % base != 0) {
			report->tier_inexact++;
			continue;
		}
		num = (int64_t)((money_raw)tier.sync.rates[TOKEN_INPUT].micro * DEC6 / base);
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			bool inexact = false;
			rate want;
			if (!tier.sync.offered[c] || !pe->standard.sync.offered[c])
				continue;
			want = rate_scale(pe->standard.sync.rates[c], num, DEC6, &inexact);
			if (want.micro == tier.sync.rates[c].micro)
				continue;
			if (report->tier_disagree < LITELLM_ROUNDED_KEPT)
				snprintf(report->disagree_what[report->tier_disagree],
				         sizeof report->disagree_what[0], "%s %s %s",
				         w->path, names[k], token_class_name((enum token_class)c));
			report->tier_disagree++;
		}
		if ((st = add_tier(m, names[k], num, false, w->origin, report, d)))
			return st;
	}
	if (cJSON_IsObject(specific)) {
		static const struct { const char *key, *name; bool stacks; } uplifts[] = {
			{"us", "us", true}, {"fast", "fast", false}};
		for (size_t k = 0; k < sizeof uplifts / sizeof uplifts[0]; k++) {
			struct json_where sw;
			int64_t num;
			if (!cJSON_GetObjectItemCaseSensitive(specific, uplifts[k].key))
				continue;
			json_child(&sw, w, "provider_specific_entry", -1);
			if ((st = json_scaled(&sw, specific, uplifts[k].key, true, 6, 1,
			                      100 * (int64_t)DEC6, &num, NULL, d)) ||
			    (st = add_tier(m, uplifts[k].name, num, uplifts[k].stacks,
			                   w->origin, report, d)))
				return st;
		}
	}
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
	bool openai;
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
	openai = strcmp(m->provider, "openai") == 0;
	if ((st = read_tier(w, entry, "", openai, &pe->standard, NULL, report, d)))
		return st;
	for (size_t k = 0; k < sizeof cliffs / sizeof cliffs[0]; k++) {
		snprintf(field, sizeof field, "%s%s", class_fields[TOKEN_INPUT], cliffs[k].suffix);
		if (!cJSON_GetObjectItemCaseSensitive(entry, field))
			continue;
		/* One cliff per entry: the lowest LiteLLM gives. */
		pe->has_long_context = true;
		pe->long_context_above = cliffs[k].above;
		pe->long_context_counts = TOKEN_PROMPT_CLASSES;
		if ((st = read_tier(w, entry, cliffs[k].suffix, openai, &pe->long_context,
		                    &pe->standard, report, d)))
			return st;
		if (cliffs[k].above == 200000)
			report->long_context++;
		else
			report->long_context_other++;
		break;
	}
	if ((st = read_limits(w, entry, m, d)) ||
	    (st = read_service_tiers(w, entry, m, pe, report, d)))
		return st;
	if (strcmp(m->provider, "anthropic") == 0 &&
	    pe->standard.sync.offered[TOKEN_CACHE_WRITE_1H] &&
	    pe->standard.sync.rates[TOKEN_CACHE_WRITE_1H].micro !=
	    2 * pe->standard.sync.rates[TOKEN_INPUT].micro) {
		char text[64];
		rate_format(pe->standard.sync.rates[TOKEN_CACHE_WRITE_1H], text, sizeof text);
		if (report->suspect_1h < LITELLM_ROUNDED_KEPT)
			snprintf(report->suspect_what[report->suspect_1h],
			         sizeof report->suspect_what[0], "%s 1-hour cache write %s",
			         w->path, text);
		report->suspect_1h++;
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
