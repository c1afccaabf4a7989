/*
 * Google Cloud Billing exports into usage rows (usage.h).
 *
 * The Gemini API and Vertex AI have no usage or cost API of their own: spend
 * flows into Cloud Billing, exported to BigQuery (table
 * gcp_billing_export_v1_<ACCOUNT>). Teams hand over a query's rows saved as
 * JSON (an array, or one object a line) or CSV. A row has service.description,
 * sku.description, usage_start_time (hourly, UTC), project.id, cost (in the
 * billing currency, before credits), currency, currency_conversion_rate (USD
 * to that currency), usage.amount and usage.unit (tokens: "count"),
 * credits[] (negative amounts), cost_type (regular, tax, adjustment,
 * rounding error). CSV columns are the same names, dotted or with "_".
 *
 * Rows of services other than the Gemini API (formerly Generative Language
 * API) and Vertex AI are not LLM usage: they are counted in the file's
 * `skipped`, not read. A SKU's text is the only place the model, the token
 * class and the tier are written ("Generate content input token count gemini
 * 2.5 flash text batch"): the model is the words from "gemini" on, joined by
 * '-'; batch and flex are trailing words; image, audio and video tokens are
 * kept as money no catalogue rate matches. No request counts exist here.
 */
#include "usage_read.h"

#include "../models/number.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct sku {
	enum usage_kind kind;
	enum token_class cls;
	enum usage_tier tier;
	bool long_context;
	char model[128];
};

static bool has_word(const char *const *words, size_t n, const char *word)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(words[i], word) == 0)
			return true;
	return false;
}

static void parse_sku(const char *text, struct sku *s)
{
	static const char *const stop[] = {
		"text", "image", "images", "audio", "video", "batch", "flex", "priority",
		"input", "output", "short", "long", "thinking", "token", "tokens", "count",
		"caching", "cached", "predictions", "-", "for", "with", "context", "hours",
	};
	char lower[512], *words[64], *save = NULL;
	size_t n = 0, len = 0;

	memset(s, 0, sizeof *s);
	s->kind = USAGE_OTHER;
	s->tier = USAGE_TIER_STANDARD;
	for (; text[len] && len + 1 < sizeof lower; len++)
		lower[len] = (char)tolower((unsigned char)text[len]);
	lower[len] = '\0';
	if (strstr(lower, "storage") || strstr(lower, "grounding") || strstr(lower, "search")) {
		s->kind = USAGE_CHARGE;
		return;
	}
	for (char *w = strtok_r(lower, " ,()", &save); w && n < 64; w = strtok_r(NULL, " ,()", &save))
		words[n++] = w;
	if (has_word((const char *const *)words, n, "image") ||
	    has_word((const char *const *)words, n, "images") ||
	    has_word((const char *const *)words, n, "audio") ||
	    has_word((const char *const *)words, n, "video"))
		return; /* a modality the catalogue's rates are not for */
	if (has_word((const char *const *)words, n, "cached"))
		s->cls = TOKEN_CACHE_READ;
	else if (has_word((const char *const *)words, n, "output"))
		s->cls = TOKEN_OUTPUT;
	else if (has_word((const char *const *)words, n, "input"))
		s->cls = TOKEN_INPUT;
	else
		return;
	if (has_word((const char *const *)words, n, "batch"))
		s->tier = USAGE_TIER_BATCH;
	else if (has_word((const char *const *)words, n, "flex"))
		s->tier = USAGE_TIER_FLEX;
	else if (has_word((const char *const *)words, n, "priority"))
		s->tier = USAGE_TIER_PRIORITY;
	for (size_t i = 0; i + 1 < n; i++)
		if (strcmp(words[i], "long") == 0 &&
		    (strcmp(words[i + 1], "input") == 0 || strcmp(words[i + 1], "context") == 0))
			s->long_context = true;
	for (size_t i = 0; i < n; i++) {
		size_t used = 0;
		if (strcmp(words[i], "gemini") != 0)
			continue;
		for (size_t k = i; k < n && !has_word(stop, sizeof stop / sizeof stop[0], words[k]); k++) {
			int wrote = snprintf(s->model + used, sizeof s->model - used, "%s%s",
			                     used ? "-" : "", words[k]);
			if (wrote < 0 || (size_t)wrote >= sizeof s->model - used) {
				s->model[0] = '\0';
				return;
			}
			used += (size_t)wrote;
		}
		s->kind = USAGE_TOKENS;
		return;
	}
}

static bool contains(const char *s, const char *word)
{
	size_t n = strlen(word);

	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return true;
	return false;
}

/* Gemini API (formerly Generative Language API) and Vertex AI rows; a row
 * that names no service is read. */
static bool llm_service(const char *service)
{
	return !service || contains(service, "gemini") ||
	       contains(service, "generative language") || contains(service, "vertex ai");
}

/* cost in `currency` to USD: cost / currency_conversion_rate (USD to the
 * billing currency), rounded half away from zero at the picodollar. */
static bool to_usd(money cost, const char *currency, const char *rate_text,
                   money *usd, bool *converted, const char **why)
{
	number_wide per_usd;
	bool inexact, overflow = false;

	*converted = false;
	if (strcasecmp(currency, "USD") == 0) {
		*usd = cost;
		return true;
	}
	if (!rate_text || !*rate_text) {
		*why = "no currency_conversion_rate to convert it to USD";
		return false;
	}
	if (!number_scan_scientific(rate_text, 9, &per_usd, &inexact, why))
		return false;
	if (per_usd <= 0 || per_usd > (number_wide)INT64_MAX) {
		*why = "a currency_conversion_rate that is not above 0";
		return false;
	}
	*usd = money_scale(cost, 1000000000, (int64_t)per_usd, &overflow);
	*converted = true;
	if (overflow)
		*why = "too large";
	return !overflow;
}

/* One row, its fields read and checked. */
struct gcp_row {
	const char *service, *sku, *project, *cost_type;
	date_days day, last;
	money cost;           /* USD */
	bool has_usage;
	int64_t usage;        /* usage.amount when usage.unit is "count" */
	bool converted;
};

static enum status add_row(struct usage_loader *l, const struct gcp_row *g,
                           const char *where)
{
	struct usage_row p;
	struct sku s;
	char scope[256];

	memset(&p, 0, sizeof p);
	p.day = g->day;
	p.amount = g->cost;
	p.has_amount = true;
	snprintf(scope, sizeof scope, "%s%s", g->project ? "project " : "",
	         g->project ? g->project : "");
	usage_cover(l, g->day, g->last);
	l->set->files[l->file].converted |= g->converted;
	if (g->cost_type && strcasecmp(g->cost_type, "regular") != 0) {
		p.kind = strcasecmp(g->cost_type, "rounding error") == 0 ? USAGE_ROUNDING
		                                                          : USAGE_CHARGE;
		p.tier = USAGE_TIER_UNKNOWN;
		return usage_add(l, &p, NULL, g->cost_type, scope, where);
	}
	parse_sku(g->sku, &s);
	p.kind = s.kind;
	p.cls = s.cls;
	p.tier = s.kind == USAGE_TOKENS ? s.tier : USAGE_TIER_UNKNOWN;
	p.long_context = s.long_context;
	if (s.kind == USAGE_TOKENS && g->has_usage) {
		p.has_quantity = true;
		p.quantity = g->usage;
	}
	return usage_add(l, &p, s.kind == USAGE_TOKENS ? s.model : NULL,
	                 s.kind == USAGE_TOKENS ? NULL : g->sku, scope, where);
}

static enum status add_credit(struct usage_loader *l, const struct gcp_row *g,
                              money amount, const char *name, const char *where)
{
	struct usage_row p;
	char item[200], scope[256];

	memset(&p, 0, sizeof p);
	p.day = g->day;
	p.kind = USAGE_CHARGE;
	p.tier = USAGE_TIER_UNKNOWN;
	p.amount = amount;
	p.has_amount = true;
	snprintf(item, sizeof item, "credit%s%.150s", name ? ": " : "", name ? name : "");
	snprintf(scope, sizeof scope, "%s%s", g->project ? "project " : "",
	         g->project ? g->project : "");
	return usage_add(l, &p, NULL, item, scope, where);
}

bool usage_google_json_shape(const cJSON *doc)
{
	return cJSON_GetObjectItemCaseSensitive(doc, "sku") ||
	       cJSON_GetObjectItemCaseSensitive(doc, "billing_account_id") ||
	       cJSON_GetObjectItemCaseSensitive(doc, "usage_start_time");
}

/* obj.key.sub as text, for nested records ({"sku": {"description": ...}}). */
static enum status nested_text(const struct json_where *w, const cJSON *obj,
                               const char *key, const char *sub, const char **out,
                               struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	struct json_where cw;

	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return STATUS_OK;
	if (!cJSON_IsObject(v))
		return json_fail(w, key, v, "an object", d);
	json_child(&cw, w, key, -1);
	return usage_json_text(&cw, v, sub, out, d);
}

static enum status json_row(struct usage_loader *l, const struct json_where *w,
                            const cJSON *row)
{
	const cJSON *start = cJSON_GetObjectItemCaseSensitive(row, "usage_start_time");
	const cJSON *end = cJSON_GetObjectItemCaseSensitive(row, "usage_end_time");
	const cJSON *usage = cJSON_GetObjectItemCaseSensitive(row, "usage");
	const cJSON *credits = cJSON_GetObjectItemCaseSensitive(row, "credits"), *c;
	const cJSON *rate_v = cJSON_GetObjectItemCaseSensitive(row, "currency_conversion_rate");
	const char *currency, *unit = NULL, *why = "not a string";
	char rate_text[64] = "", where[400];
	struct gcp_row g;
	date_days ignored;
	bool present;
	money cost;
	enum status st;
	long i = 0;

	memset(&g, 0, sizeof g);
	if ((st = nested_text(w, row, "service", "description", &g.service, l->d)))
		return st;
	if (!llm_service(g.service)) {
		l->set->files[l->file].skipped++;
		return STATUS_OK;
	}
	if ((st = nested_text(w, row, "sku", "description", &g.sku, l->d)) ||
	    (st = nested_text(w, row, "project", "id", &g.project, l->d)) ||
	    (st = usage_json_text(w, row, "cost_type", &g.cost_type, l->d)) ||
	    (st = usage_json_text(w, row, "currency", &currency, l->d)))
		return st;
	if (!g.sku)
		return json_fail(w, "sku", cJSON_GetObjectItemCaseSensitive(row, "sku"),
		                 "an object with the SKU's description", l->d);
	if (!cJSON_IsString(start) || !usage_parse_time(start->valuestring, &g.day,
	                                                 &ignored, &why))
		return json_fail(w, "usage_start_time", start, "a UTC time such as "
		                 "2026-11-24T08:00:00Z", l->d);
	g.last = g.day;
	if (cJSON_IsString(end) && usage_parse_time(end->valuestring, &ignored, &g.last, &why) &&
	    g.last < g.day)
		g.last = g.day;
	if ((st = usage_json_amount(w, row, "cost", 12, &present, &cost, l->d)))
		return st;
	if (!present)
		return json_fail(w, "cost", cJSON_GetObjectItemCaseSensitive(row, "cost"),
		                 "the cost in the billing currency", l->d);
	if (!currency)
		return json_fail(w, "currency", cJSON_GetObjectItemCaseSensitive(row, "currency"),
		                 "the billing currency (USD, EUR, ...)", l->d);
	if (rate_v && !cJSON_IsNull(rate_v) && !json_number_text(rate_v, rate_text, sizeof rate_text))
		return json_fail(w, "currency_conversion_rate", rate_v, "a number", l->d);
	if (!to_usd(cost, currency, rate_text, &g.cost, &g.converted, &why)) {
		char expected[200];
		snprintf(expected, sizeof expected, "an amount that converts to USD (%s)", why);
		return json_fail(w, "cost", cJSON_GetObjectItemCaseSensitive(row, "cost"),
		                 expected, l->d);
	}
	if (usage && !cJSON_IsNull(usage)) {
		struct json_where uw;
		if (!cJSON_IsObject(usage))
			return json_fail(w, "usage", usage, "an object {amount, unit}", l->d);
		json_child(&uw, w, "usage", -1);
		if ((st = usage_json_text(&uw, usage, "unit", &unit, l->d)))
			return st;
		if (unit && strcmp(unit, "count") == 0 &&
		    (st = usage_json_count(&uw, usage, "amount", &g.has_usage, &g.usage, l->d)))
			return st;
	}
	usage_where_json(w, where, sizeof where);
	if ((st = add_row(l, &g, where)))
		return st;
	if (!credits || cJSON_IsNull(credits))
		return STATUS_OK;
	if (!cJSON_IsArray(credits))
		return json_fail(w, "credits", credits, "an array of credits", l->d);
	cJSON_ArrayForEach(c, credits) {
		struct json_where cw;
		const char *name;
		money amount, usd;
		bool converted;

		json_child(&cw, w, "credits", i++);
		if (!cJSON_IsObject(c))
			return json_fail(&cw, NULL, c, "a credit {name, amount}", l->d);
		if ((st = usage_json_text(&cw, c, "name", &name, l->d)) ||
		    (st = usage_json_amount(&cw, c, "amount", 12, &present, &amount, l->d)))
			return st;
		if (!present)
			continue;
		if (!to_usd(amount, currency, rate_text, &usd, &converted, &why))
			return json_fail(&cw, "amount", cJSON_GetObjectItemCaseSensitive(c, "amount"),
			                 "an amount that converts to USD", l->d);
		usage_where_json(&cw, where, sizeof where);
		if ((st = add_credit(l, &g, usd, name, where)))
			return st;
	}
	return STATUS_OK;
}

enum status usage_google_json(struct usage_set *set, const struct usage_json *j,
                              struct diag *d)
{
	struct usage_loader l;
	enum status st;

	if ((st = usage_loader_begin(&l, set, j->origin, "google",
	                             "Google Cloud Billing export (JSON)", d)))
		return st;
	set->files[l.file].pages = j->count;
	for (size_t k = 0; st == STATUS_OK && k < j->count; k++) {
		struct json_where w;
		usage_json_doc(j, k, &w);
		if (!usage_google_json_shape(j->docs[k]))
			st = json_fail(&w, NULL, j->docs[k], "another billing export row (an "
			               "object with sku and usage_start_time)", d);
		else
			st = json_row(&l, &w, j->docs[k]);
	}
	return usage_loader_end(&l, st);
}

static const char *const sku_cols[] = {"sku.description", "sku_description", NULL};
static const char *const start_cols[] = {"usage_start_time", NULL};

bool usage_google_csv_shape(const struct usage_table *t)
{
	return usage_table_column(t, sku_cols) >= 0 && usage_table_column(t, start_cols) >= 0;
}

static enum status csv_rows(struct usage_loader *l, const struct usage_table *t)
{
	static const char *const service_cols[] = {"service.description", "service_description", NULL};
	static const char *const end_cols[] = {"usage_end_time", NULL};
	static const char *const project_cols[] = {"project.id", "project_id", NULL};
	static const char *const cost_cols[] = {"cost", NULL};
	static const char *const currency_cols[] = {"currency", NULL};
	static const char *const rate_cols[] = {"currency_conversion_rate", NULL};
	static const char *const amount_cols[] = {"usage.amount", "usage_amount", NULL};
	static const char *const unit_cols[] = {"usage.unit", "usage_unit", NULL};
	static const char *const type_cols[] = {"cost_type", NULL};
	static const char *const credit_cols[] = {"credits_amount", NULL};
	int service = usage_table_column(t, service_cols), sku = usage_table_column(t, sku_cols);
	int start = usage_table_column(t, start_cols), end = usage_table_column(t, end_cols);
	int project = usage_table_column(t, project_cols), cost = usage_table_column(t, cost_cols);
	int currency = usage_table_column(t, currency_cols), rate_col = usage_table_column(t, rate_cols);
	int amount = usage_table_column(t, amount_cols), unit = usage_table_column(t, unit_cols);
	int type = usage_table_column(t, type_cols), credit = usage_table_column(t, credit_cols);
	enum status st;

	if (cost < 0 || currency < 0)
		return diag_set(l->d, STATUS_INPUT, "%s:1:1: expected the billing export's "
		                "columns cost and currency, found a header without them",
		                t->origin);
	for (size_t r = 1; r < t->count; r++) {
		struct gcp_row g;
		const char *why, *cur = usage_table_text(t, r, currency);
		char where[300];
		date_days ignored;
		money value;

		memset(&g, 0, sizeof g);
		g.service = *usage_table_text(t, r, service) ? usage_table_text(t, r, service) : NULL;
		if (!llm_service(g.service)) {
			l->set->files[l->file].skipped++;
			continue;
		}
		g.sku = usage_table_text(t, r, sku);
		if (!*g.sku)
			return usage_table_fail(t, r, sku, "the SKU's description", NULL, l->d);
		if (!usage_parse_time(usage_table_text(t, r, start), &g.day, &ignored, &why))
			return usage_table_fail(t, r, start, "a UTC time such as "
			                        "2026-11-24 08:00:00 UTC", why, l->d);
		g.last = g.day;
		if (usage_parse_time(usage_table_text(t, r, end), &ignored, &g.last, &why) &&
		    g.last < g.day)
			g.last = g.day;
		g.project = *usage_table_text(t, r, project) ? usage_table_text(t, r, project) : NULL;
		g.cost_type = *usage_table_text(t, r, type) ? usage_table_text(t, r, type) : NULL;
		if (!usage_parse_amount(usage_table_text(t, r, cost), 12, &value, &why))
			return usage_table_fail(t, r, cost, "the cost in the billing currency",
			                        why, l->d);
		if (!*cur)
			return usage_table_fail(t, r, currency, "the billing currency", NULL, l->d);
		if (!to_usd(value, cur, usage_table_text(t, r, rate_col), &g.cost, &g.converted, &why))
			return usage_table_fail(t, r, rate_col, "a currency_conversion_rate above 0",
			                        why, l->d);
		if (strcmp(usage_table_text(t, r, unit), "count") == 0 &&
		    *usage_table_text(t, r, amount)) {
			if (!usage_parse_count(usage_table_text(t, r, amount), &g.usage, &why))
				return usage_table_fail(t, r, amount, "a whole count of tokens", why,
				                        l->d);
			g.has_usage = true;
		}
		snprintf(where, sizeof where, "%s:%ld", t->origin, t->records[r].fields[0].line);
		if ((st = add_row(l, &g, where)))
			return st;
		if (*usage_table_text(t, r, credit)) {
			money credits, usd;
			bool converted;
			if (!usage_parse_amount(usage_table_text(t, r, credit), 12, &credits, &why) ||
			    !to_usd(credits, cur, usage_table_text(t, r, rate_col), &usd, &converted, &why))
				return usage_table_fail(t, r, credit, "an amount", why, l->d);
			if ((st = add_credit(l, &g, usd, NULL, where)))
				return st;
		}
	}
	return STATUS_OK;
}

enum status usage_google_csv(struct usage_set *set, const struct usage_table *t,
                             struct diag *d)
{
	struct usage_loader l;
	enum status st;

	if ((st = usage_loader_begin(&l, set, t->origin, "google",
	                             "Google Cloud Billing export (CSV)", d)))
		return st;
	return usage_loader_end(&l, csv_rows(&l, t));
}
