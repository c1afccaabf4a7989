#include "genai_prices.h"

#include "json_read.h"
#include "../models/money.h"
#include "../models/number.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DEC6 1000000

bool genai_detect(const cJSON *root)
{
	const cJSON *first = cJSON_IsArray(root) ? root->child : NULL;

	return cJSON_IsObject(first) &&
	       cJSON_IsString(cJSON_GetObjectItemCaseSensitive(first, "id")) &&
	       cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(first, "models"));
}

/* Does a match clause ({"equals": ...}, {"or": [...]}, ...) claim name?
 * Regex clauses are POSIX extended expressions here; one that does not
 * compile (Python-only syntax) claims nothing. */
static bool clause_matches(const cJSON *clause, const char *name, int depth)
{
	const cJSON *c = cJSON_IsObject(clause) ? clause->child : NULL, *item;
	size_t n, len = strlen(name);
	const char *v;

	if (!c || depth > 16)
		return false;
	if (cJSON_IsArray(c)) {
		bool any = false, all = true;
		cJSON_ArrayForEach(item, c) {
			bool m = clause_matches(item, name, depth + 1);
			any = any || m;
			all = all && m;
		}
		return strcmp(c->string, "or") == 0 ? any : strcmp(c->string, "and") == 0 && all;
	}
	if (!cJSON_IsString(c))
		return false;
	v = c->valuestring;
	n = strlen(v);
	if (strcmp(c->string, "equals") == 0)
		return strcmp(name, v) == 0;
	if (strcmp(c->string, "starts_with") == 0)
		return strncmp(name, v, n) == 0;
	if (strcmp(c->string, "ends_with") == 0)
		return len >= n && strcmp(name + len - n, v) == 0;
	if (strcmp(c->string, "contains") == 0)
		return strstr(name, v) != NULL;
	if (strcmp(c->string, "regex") == 0) {
		regex_t re;
		bool m;
		if (regcomp(&re, v, REG_EXTENDED | REG_NOSUB) != 0)
			return false;
		m = regexec(&re, name, 0, NULL, 0) == 0;
		regfree(&re);
		return m;
	}
	return false;
}

/* A name already used as an id or alias (ignoring case). */
static bool taken(const struct catalogue *cat, const char *name)
{
	for (size_t i = 0; i < cat->model_count; i++) {
		const struct model *m = &cat->models[i];
		if (strcasecmp(m->id, name) == 0)
			return true;
		for (size_t a = 0; a < m->alias_count; a++)
			if (strcasecmp(m->aliases[a], name) == 0)
				return true;
	}
	return false;
}

/* One price field: a number, or {"base": B, "tiers": [{"start", "price"}]}.
 * A tier sets *start (which must agree with the other fields') and the
 * long-tier rate. Returns false (counted by the caller) for a shape a price
 * entry cannot hold; a malformed number is an error. */
struct field {
	bool offered, tiered;
	rate base, tier;
	int64_t start;
};

static enum status read_number(const struct json_where *w, const char *key,
                               const cJSON *v, rate *out,
                               struct litellm_report *r, struct diag *d)
{
	char text[64];
	const char *why = NULL;
	number_wide micro;
	bool rounded = false;

	if (!cJSON_IsNumber(v) || !json_number_text(v, text, sizeof text) ||
	    !number_scan_scientific(text, RATE_DECIMALS, &micro, &rounded, &why) ||
	    micro < 0 || micro > INT64_MAX / 2) {
		char expected[128];
		snprintf(expected, sizeof expected, "a price in USD per million tokens%s%s%s",
		         why ? " (" : "", why ? why : "", why ? ")" : "");
		return json_fail(w, key, v, expected, d);
	}
	if (rounded) {
		if (r->rounded < LITELLM_ROUNDED_KEPT)
			snprintf(r->rounded_what[r->rounded], sizeof r->rounded_what[0],
			         "%s %s %s", w->path, key, text);
		r->rounded++;
	}
	out->micro = (int64_t)micro;
	return STATUS_OK;
}

static enum status read_field(const struct json_where *w, const cJSON *prices,
                              const char *key, struct field *f, bool *shape_ok,
                              struct litellm_report *r, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(prices, key);
	const cJSON *tiers, *tier;
	struct json_where tw;
	int64_t start;

	memset(f, 0, sizeof *f);
	if (!v || cJSON_IsNull(v))
		return STATUS_OK;
	f->offered = true;
	if (!cJSON_IsObject(v))
		return read_number(w, key, v, &f->base, r, d);
	json_child(&tw, w, key, -1);
	tiers = cJSON_GetObjectItemCaseSensitive(v, "tiers");
	if (!cJSON_IsArray(tiers))
		return json_fail(&tw, "tiers", tiers, "an array of tiers", d);
	{
		enum status st = read_number(&tw, "base", cJSON_GetObjectItemCaseSensitive(v, "base"),
		                             &f->base, r, d);
		if (st != STATUS_OK)
			return st;
	}
	if (cJSON_GetArraySize(tiers) == 0)
		return STATUS_OK;
	if (cJSON_GetArraySize(tiers) > 1) {
		*shape_ok = false; /* more than one cliff: not one long-context tier */
		return STATUS_OK;
	}
	tier = tiers->child;
	json_child(&tw, &tw, "tiers", 0);
	if (!cJSON_IsObject(tier))
		return json_fail(&tw, NULL, tier, "a tier object", d);
	{
		enum status st = json_int(&tw, tier, "start", true, 1, INT64_MAX / 2, &start,
		                          NULL, d);
		if (st == STATUS_OK)
			st = read_number(&tw, "price", cJSON_GetObjectItemCaseSensitive(tier, "price"),
			                 &f->tier, r, d);
		if (st != STATUS_OK)
			return st;
	}
	f->tiered = true;
	f->start = start;
	return STATUS_OK;
}

/* Fills a price entry's rates from one genai-prices price set. */
static enum status read_price_set(const struct json_where *w, const cJSON *prices,
                                  bool openai, struct price_entry *pe, bool *shape_ok,
                                  struct litellm_report *r, struct diag *d)
{
	static const struct {
		const char *key;
		enum token_class c;
	} fields[] = {
		{"input_mtok", TOKEN_INPUT},
		{"output_mtok", TOKEN_OUTPUT},
		{"cache_read_mtok", TOKEN_CACHE_READ},
		{"cache_write_1h_mtok", TOKEN_CACHE_WRITE_1H},
		{"cache_write_5m_mtok", TOKEN_CACHE_WRITE_5M},
		{"cache_write_mtok", TOKEN_CACHE_WRITE_5M},
	};
	int64_t start = 0;

	if (!cJSON_IsObject(prices))
		return json_fail(w, NULL, prices, "an object of prices", d);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		struct field f;
		enum token_class c = fields[i].c;
		enum status st;

		/* OpenAI's generic cache write is the 30-minute write (GPT-5.6 on). */
		if (i == 5 && openai)
			c = TOKEN_CACHE_WRITE_30M;
		if ((st = read_field(w, prices, fields[i].key, &f, shape_ok, r, d)))
			return st;
		if (!f.offered || pe->standard.sync.offered[c])
			continue; /* cache_write_5m_mtok wins over cache_write_mtok */
		pe->standard.sync.rates[c] = f.base;
		pe->standard.sync.offered[c] = true;
		if (!f.tiered)
			continue;
		if (start && start != f.start)
			*shape_ok = false; /* cliffs at two thresholds */
		start = f.start;
		pe->has_long_context = true;
		pe->long_context.sync.rates[c] = f.tier;
		pe->long_context.sync.offered[c] = true;
	}
	if (pe->has_long_context) {
		pe->long_context_above = start;
		pe->long_context_counts = TOKEN_PROMPT_CLASSES;
		/* A class without a tier keeps its base rate above the cliff. */
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
			if (!pe->long_context.sync.offered[c] && pe->standard.sync.offered[c]) {
				pe->long_context.sync.rates[c] = pe->standard.sync.rates[c];
				pe->long_context.sync.offered[c] = true;
			}
	}
	return STATUS_OK;
}

static int compare_from(const void *a, const void *b)
{
	const struct price_entry *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

/* The model's price entries, dated. Returns STATUS_OK with *count 0 when the
 * model cannot be held (its reason counted). */
static enum status read_prices(const struct json_where *w, const cJSON *model,
                               bool openai, struct model *m,
                               struct litellm_report *r, struct diag *d)
{
	const cJSON *prices = cJSON_GetObjectItemCaseSensitive(model, "prices"), *item;
	size_t n = cJSON_IsArray(prices) ? (size_t)cJSON_GetArraySize(prices) : 1, kept = 0;
	bool shape_ok = true;
	long index = 0;

	if (!cJSON_IsArray(prices) && !cJSON_IsObject(prices))
		return json_fail(w, "prices", prices, "a price object or a list of "
		                 "conditional prices", d);
	m->prices = calloc(n ? n : 1, sizeof *m->prices);
	if (!m->prices)
		return diag_set(d, STATUS_IO, "out of memory");
	if (cJSON_IsObject(prices)) {
		struct json_where pw;
		json_child(&pw, w, "prices", -1);
		enum status st = read_price_set(&pw, prices, openai, &m->prices[0], &shape_ok, r, d);
		if (st != STATUS_OK)
			return st;
		kept = 1;
	} else {
		cJSON_ArrayForEach(item, prices) {
			struct json_where pw;
			const cJSON *constraint = cJSON_GetObjectItemCaseSensitive(item, "constraint");
			struct price_entry *pe = &m->prices[kept];
			enum status st;

			json_child(&pw, w, "prices", index++);
			if (!cJSON_IsObject(item))
				return json_fail(&pw, NULL, item, "a conditional price", d);
			if (constraint && !cJSON_IsNull(constraint)) {
				struct json_where cw;
				json_child(&cw, &pw, "constraint", -1);
				if (!cJSON_GetObjectItemCaseSensitive(constraint, "start_date")) {
					r->skipped_time_of_day++;
					continue; /* an hour-of-day price is not a date */
				}
				if ((st = json_date(&cw, constraint, "start_date", true, &pe->from,
				                    NULL, d)))
					return st;
				r->dated++;
			}
			json_child(&pw, &pw, "prices", -1);
			if ((st = read_price_set(&pw, cJSON_GetObjectItemCaseSensitive(item, "prices"),
			                         openai, pe, &shape_ok, r, d)))
				return st;
			kept++;
		}
	}
	if (!shape_ok) {
		r->skipped_shape++;
		m->price_count = 0;
		return STATUS_OK;
	}
	/* Later conditions win on the same date (genai-prices tries them last
	 * to first): keep the last entry of each date, in date order. */
	qsort(m->prices, kept, sizeof *m->prices, compare_from);
	m->price_count = 0;
	for (size_t i = 0; i < kept; i++) {
		if (m->price_count && m->prices[m->price_count - 1].from == m->prices[i].from)
			m->price_count--;
		m->prices[m->price_count++] = m->prices[i];
	}
	for (size_t i = 0; i < m->price_count; i++) {
		struct price_entry *pe = &m->prices[i];
		pe->to = i + 1 < m->price_count ? m->prices[i + 1].from : DATE_OPEN_END;
		if (!pe->standard.sync.offered[TOKEN_INPUT] ||
		    !pe->standard.sync.offered[TOKEN_OUTPUT]) {
			r->skipped_unpriced++;
			m->price_count = 0;
			return STATUS_OK;
		}
	}
	return STATUS_OK;
}

/* Adds the "equals" and "starts_with" names of a match clause as aliases of
 * m, skipping names already used; counts what an alias cannot express. */
static enum status add_aliases(const cJSON *clause, const struct catalogue *cat,
                               struct model *m, size_t *cap,
                               struct litellm_report *r, int depth, struct diag *d)
{
	const cJSON *c = cJSON_IsObject(clause) ? clause->child : NULL, *item;

	if (!c || depth > 16)
		return STATUS_OK;
	if (strcmp(c->string, "or") == 0 && cJSON_IsArray(c)) {
		cJSON_ArrayForEach(item, c) {
			enum status st = add_aliases(item, cat, m, cap, r, depth + 1, d);
			if (st != STATUS_OK)
				return st;
		}
		return STATUS_OK;
	}
	if (!cJSON_IsString(c) || (strcmp(c->string, "equals") != 0 &&
	                           strcmp(c->string, "starts_with") != 0)) {
		r->rules_skipped++;
		return STATUS_OK;
	}
	if (strcasecmp(c->valuestring, m->id) == 0)
		return STATUS_OK;
	if (!c->valuestring[0] || taken(cat, c->valuestring)) {
		r->aliases_taken++;
		return STATUS_OK;
	}
	if (m->alias_count == *cap) {
		size_t bigger = *cap ? *cap * 2 : 4;
		char **more = realloc(m->aliases, bigger * sizeof *more);
		if (!more)
			return diag_set(d, STATUS_IO, "out of memory");
		m->aliases = more;
		*cap = bigger;
	}
	if (!(m->aliases[m->alias_count] = strdup(c->valuestring)))
		return diag_set(d, STATUS_IO, "out of memory");
	m->alias_count++;
	r->aliases++;
	return STATUS_OK;
}

static enum status add_provider(struct catalogue *cat, const cJSON *p,
                                struct diag *d)
{
	const cJSON *urls = cJSON_GetObjectItemCaseSensitive(p, "pricing_urls");
	const cJSON *name = cJSON_GetObjectItemCaseSensitive(p, "name");
	struct provider *out = &cat->providers[cat->provider_count++];

	out->id = strdup(cJSON_GetObjectItemCaseSensitive(p, "id")->valuestring);
	if (cJSON_IsString(name))
		out->name = strdup(name->valuestring);
	if (cJSON_IsArray(urls) && cJSON_IsString(urls->child))
		out->pricing_source = strdup(urls->child->valuestring);
	out->batch_num = DEC6 / 2;
	out->batch_den = DEC6;
	out->batch_round = true;
	out->batch_rule = strdup("genai-prices states no batch prices: every batch rate "
	                         "is derived at 50% of the sync rate and flagged as derived");
	if (!out->id || !out->batch_rule)
		return diag_set(d, STATUS_IO, "out of memory");
	return STATUS_OK;
}

/* Pass one: a model per priced entry, its id settled. */
static enum status convert_models(const cJSON *root, const char *origin,
                                  struct catalogue *cat, const cJSON **sources,
                                  size_t cap, struct litellm_report *r,
                                  struct diag *d)
{
	const cJSON *p;
	long pi = 0;

	cJSON_ArrayForEach(p, root) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(p, "id");
		const cJSON *models = cJSON_GetObjectItemCaseSensitive(p, "models"), *mj;
		struct json_where pw = {origin, ""};
		bool openai, provider_added = false;
		long mi = 0;

		snprintf(pw.path, sizeof pw.path, "[%ld]", pi++);
		if (!cJSON_IsObject(p) || !cJSON_IsString(id) || !id->valuestring[0])
			return json_fail(&pw, "id", id, "a provider with an id", d);
		if (!cJSON_IsArray(models))
			return json_fail(&pw, "models", models, "an array of models", d);
		openai = strcmp(id->valuestring, "openai") == 0;
		cJSON_ArrayForEach(mj, models) {
			const cJSON *mid = cJSON_GetObjectItemCaseSensitive(mj, "id");
			const cJSON *name = cJSON_GetObjectItemCaseSensitive(mj, "name");
			const cJSON *window = cJSON_GetObjectItemCaseSensitive(mj, "context_window");
			struct json_where mw;
			struct model *m;
			char full[300];
			enum status st;

			json_child(&mw, &pw, "models", mi++);
			r->entries++;
			if (!cJSON_IsObject(mj) || !cJSON_IsString(mid) || !mid->valuestring[0])
				return json_fail(&mw, "id", mid, "a model with an id", d);
			if (cat->model_count == cap)
				return diag_set(d, STATUS_IO, "too many models");
			m = &cat->models[cat->model_count];
			memset(m, 0, sizeof *m);
			if ((st = read_prices(&mw, mj, openai, m, r, d))) {
				cat->model_count++; /* released with the catalogue */
				return st;
			}
			if (m->price_count == 0) {
				free(m->prices);
				memset(m, 0, sizeof *m);
				continue;
			}
			/* A provider's own model keeps its id; a resold one is
			 * prefixed, and so is an id some earlier provider took. */
			snprintf(full, sizeof full, "%s/%s", id->valuestring, mid->valuestring);
			if (clause_matches(cJSON_GetObjectItemCaseSensitive(p, "model_match"),
			                   mid->valuestring, 0) && !taken(cat, mid->valuestring))
				snprintf(full, sizeof full, "%s", mid->valuestring);
			if (taken(cat, full)) {
				free(m->prices);
				memset(m, 0, sizeof *m);
				r->skipped_duplicate++;
				continue;
			}
			cat->model_count++;
			m->id = strdup(full);
			m->provider = strdup(id->valuestring);
			if (cJSON_IsString(name))
				m->name = strdup(name->valuestring);
			if (cJSON_IsNumber(window) && window->valuedouble >= 1 &&
			    window->valuedouble < 1e15)
				m->context_window = (int64_t)window->valuedouble;
			for (size_t e = 0; e < m->price_count; e++)
				if (!(m->prices[e].source = strdup(origin)))
					return diag_set(d, STATUS_IO, "out of memory");
			if (!m->id || !m->provider)
				return diag_set(d, STATUS_IO, "out of memory");
			sources[cat->model_count - 1] = strcmp(full, mid->valuestring) == 0 ? mj : NULL;
			r->imported++;
			if (m->prices[0].has_long_context)
				r->long_context++;
			if (!provider_added) {
				if ((st = add_provider(cat, p, d)))
					return st;
				provider_added = true;
				r->providers++;
			}
		}
	}
	return STATUS_OK;
}

enum status genai_convert(const cJSON *root, const char *origin,
                          const char *version, struct catalogue *cat,
                          struct litellm_report *report, struct diag *d)
{
	size_t cap = 0, providers = (size_t)cJSON_GetArraySize(root);
	const cJSON *p, **sources = NULL;
	enum status st = STATUS_OK;

	memset(cat, 0, sizeof *cat);
	memset(report, 0, sizeof *report);
	report->format = "genai-prices";
	cJSON_ArrayForEach(p, root)
		cap += (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(p, "models"));
	cat->models = calloc(cap ? cap : 1, sizeof *cat->models);
	cat->providers = calloc(providers ? providers : 1, sizeof *cat->providers);
	sources = calloc(cap ? cap : 1, sizeof *sources);
	cat->version = strdup(version);
	cat->origin = strdup(origin);
	if (!cat->models || !cat->providers || !sources || !cat->version || !cat->origin)
		st = diag_set(d, STATUS_IO, "out of memory");
	if (st == STATUS_OK)
		st = convert_models(root, origin, cat, sources, cap, report, d);
	/* Pass two: aliases, once every id is known, so none takes an id. */
	for (size_t i = 0; st == STATUS_OK && i < cat->model_count; i++) {
		size_t alias_cap = 0;
		if (sources[i])
			st = add_aliases(cJSON_GetObjectItemCaseSensitive(sources[i], "match"),
			                 cat, &cat->models[i], &alias_cap, report, 0, d);
	}
	free(sources);
	if (st == STATUS_OK && cat->model_count == 0)
		st = diag_set(d, STATUS_INPUT, "%s: expected at least one model priced "
		              "per token, found none", origin);
	if (st == STATUS_OK && (st = catalogue_finish(cat, d)) != STATUS_OK)
		diag_prefix(d, origin);
	if (st != STATUS_OK) {
		catalogue_release(cat);
		return st;
	}
	for (size_t i = 0; i < cat->model_count; i++)
		for (size_t e = 0; e < cat->models[i].price_count; e++)
			for (int t = 0; t < 2; t++) {
				const struct price_entry *pe = &cat->models[i].prices[e];
				const struct price_tier *tier = t ? &pe->long_context : &pe->standard;
				if (t && !pe->has_long_context)
					break;
				for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
					if (!tier->batch_derived[c])
						continue;
					report->derived++;
					if (tier->batch.rates[c].micro * 2 != tier->sync.rates[c].micro)
						report->derived_rounded++;
				}
			}
	return STATUS_OK;
}
