/*
 * OpenAI's usage and costs into usage rows (usage.h).
 *
 * - Usage, GET /v1/organization/usage/completions: {"object": "page", "data":
 *   [{"object": "bucket", "start_time", "end_time", "results": [R]}]}; R is
 *   organization.usage.completions.result with input_tokens (ALL input,
 *   cached and cache-write tokens included), input_cached_tokens,
 *   input_cache_write_tokens (spec 2026-07), input_uncached_tokens (excluding
 *   cache writes), output_tokens, num_model_requests and, when grouped by
 *   them, model, batch (true: the Batch API), service_tier, project_id,
 *   user_id (not read: a person, not a workload), api_key_id. Older exports lack the cache-write and uncached
 *   fields: uncached is then input - cached.
 * - Costs, GET /v1/organization/costs: R is organization.costs.result with
 *   amount {value (dollars: a number, or a numeric string in live
 *   responses), currency ("usd")}, line_item (free text, no model field),
 *   project_id, api_key_id, quantity, quantity_unit.
 * - Console exports (Usage page, "Export"): the same fields flattened into
 *   CSV columns beside start_time_iso/end_time_iso; counts written as floats
 *   ("10.0"), booleans TRUE/FALSE once a spreadsheet has saved it (then often
 *   as TSV); a day without usage is a row of only the time columns.
 *
 * line_item is parsed as "[TIER | ]MODEL, CLASS[, long context]" with CLASS
 * input, cached input, cache writes or output (an optional "batch " before
 * it); a line without a tier word has an unknown tier (how Batch API spend
 * is labelled is not documented). Anything else is kept, not dropped:
 * non-token items (web search, storage) as charges, the rest as money no
 * model is named for.
 */
#include "usage_read.h"

#include "../models/number.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct counts {
	bool has_input, has_cached, has_write, has_uncached, has_output, has_requests;
	int64_t input, cached, write, uncached, output, requests;
	int batch;            /* -1 not grouped, 0 false, 1 true */
	const char *tier;     /* service_tier, or NULL */
	const char *model;
};

static enum usage_tier tier_of(const struct counts *c)
{
	if (c->batch == 1)
		return USAGE_TIER_BATCH;
	if (c->tier && strcasecmp(c->tier, "flex") == 0)
		return USAGE_TIER_FLEX;
	if (c->tier && (strcasecmp(c->tier, "priority") == 0 ||
	                strcasecmp(c->tier, "scale") == 0))
		return USAGE_TIER_PRIORITY;
	/* Without the batch grouping a "default" row may hold Batch API traffic
	 * too: what service_tier says on batch rows is not documented. */
	return c->batch == 0 ? USAGE_TIER_STANDARD : USAGE_TIER_UNKNOWN;
}

/*
 * Splits the inclusive input into exclusive classes. Returns NULL, or what is
 * wrong with the figures (the caller names where).
 */
static const char *split(struct counts *c)
{
	if (c->has_uncached) {
		if (!c->has_cached)
			c->cached = 0;
		if (!c->has_write)
			c->write = c->has_input ? c->input - c->uncached - c->cached : 0;
		if (c->write < 0)
			return "input_tokens: expected at least input_uncached_tokens + "
			       "input_cached_tokens";
		if (c->has_input && c->input != c->uncached + c->cached + c->write)
			return "input_tokens: expected input_uncached_tokens + "
			       "input_cached_tokens + input_cache_write_tokens (input_tokens "
			       "includes both)";
		return NULL;
	}
	if (!c->has_input)
		return NULL;
	if (!c->has_cached)
		c->cached = 0;
	if (!c->has_write)
		c->write = 0;
	c->uncached = c->input - c->cached - c->write;
	if (c->uncached < 0)
		return "input_tokens: expected at least input_cached_tokens + "
		       "input_cache_write_tokens (input_tokens includes them)";
	c->has_uncached = true;
	return NULL;
}

static enum status add_counts(struct usage_loader *l, date_days day,
                              const struct counts *c, const char *scope,
                              const char *where)
{
	const struct { bool has; int64_t n; enum token_class cls; } rows[] = {
		{c->has_uncached, c->uncached, TOKEN_INPUT},
		{c->has_uncached, c->cached, TOKEN_CACHE_READ},
		/* OpenAI's cache writes: the catalogue's 30-minute class, which
		 * GPT-5.6 and later price (as reconcile reads them, models/recon.c);
		 * a model without that rate leaves them unpriced, as before. */
		{c->has_uncached, c->write, TOKEN_CACHE_WRITE_30M},
		{c->has_output, c->output, TOKEN_OUTPUT},
	};
	struct usage_row p;
	enum status st;

	memset(&p, 0, sizeof p);
	p.day = day;
	p.tier = tier_of(c);
	p.has_quantity = true;
	p.kind = USAGE_TOKENS;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		if (!rows[i].has || rows[i].n == 0)
			continue;
		p.cls = rows[i].cls;
		p.quantity = rows[i].n;
		if ((st = usage_add(l, &p, c->model, NULL, scope, where)))
			return st;
	}
	if (c->has_requests) {
		p.kind = USAGE_REQUESTS;
		p.quantity = c->requests;
		return usage_add(l, &p, c->model, NULL, scope, where);
	}
	return STATUS_OK;
}

/* The workload a row belongs to: its project and API key (a user is a
 * person, not a workload). */
static void scope_of(const char *project, const char *key, char *buf, size_t size)
{
	const char *parts[2][2] = {{"project ", project}, {"key ", key}};
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < 2; i++) {
		if (!parts[i][1] || !*parts[i][1])
			continue;
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s%s",
		                      n ? ", " : "", parts[i][0], parts[i][1]);
		if (n >= size)
			return;
	}
}

/* What a cost line is. */
struct item {
	enum usage_kind kind;
	enum token_class cls;
	enum usage_tier tier;
	bool long_context;
	char model[200];
};

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && strncasecmp(s + n - k, suffix, k) == 0;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

/* Items that are not tokens of a model: tools, storage, sessions. */
static bool non_token(const char *s)
{
	static const char *const words[] = {
		"search", "storage", "tool call", "code interpreter", "container",
		"session", "file ",
	};
	char lower[256];
	size_t n = 0;

	for (; s[n] && n + 1 < sizeof lower; n++)
		lower[n] = (char)tolower((unsigned char)s[n]);
	lower[n] = '\0';
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strstr(lower, words[i]))
			return true;
	return false;
}

static void parse_item(const char *text, struct item *it)
{
	static const struct { const char *name; enum token_class cls; } classes[] = {
		{"input", TOKEN_INPUT}, {"input tokens", TOKEN_INPUT},
		{"uncached input", TOKEN_INPUT}, {"cached input", TOKEN_CACHE_READ},
		{"cached input tokens", TOKEN_CACHE_READ}, {"cache read", TOKEN_CACHE_READ},
		{"cache reads", TOKEN_CACHE_READ}, {"cache write", TOKEN_CACHE_WRITE_30M},
		{"cache writes", TOKEN_CACHE_WRITE_30M}, {"output", TOKEN_OUTPUT},
		{"output tokens", TOKEN_OUTPUT},
	};
	static const struct { const char *prefix; enum usage_tier tier; } tiers[] = {
		{"priority | ", USAGE_TIER_PRIORITY}, {"flex | ", USAGE_TIER_FLEX},
		{"batch | ", USAGE_TIER_BATCH}, {"scale | ", USAGE_TIER_PRIORITY},
	};
	const char *s = text, *comma, *cls;
	size_t n, model_len;

	memset(it, 0, sizeof *it);
	it->kind = USAGE_OTHER;
	/* How Batch API spend is labelled is not documented: a line without a
	 * tier word may hold batch traffic too. */
	it->tier = USAGE_TIER_UNKNOWN;
	for (size_t i = 0; i < sizeof tiers / sizeof tiers[0]; i++)
		if (starts_with(s, tiers[i].prefix)) {
			it->tier = tiers[i].tier;
			s += strlen(tiers[i].prefix);
		}
	n = strlen(s);
	if (ends_with(s, n, ", long context")) {
		it->long_context = true;
		n -= strlen(", long context");
	}
	comma = NULL;
	for (const char *p = s; p + 1 < s + n; p++)
		if (p[0] == ',' && p[1] == ' ')
			comma = p;
	if (!comma) {
		it->kind = non_token(text) ? USAGE_CHARGE : USAGE_OTHER;
		return;
	}
	cls = comma + 2;
	if (starts_with(cls, "batch ")) {
		it->tier = USAGE_TIER_BATCH;
		cls += 6;
	}
	model_len = (size_t)(comma - s);
	/* "gpt-audio-mini-2025-12-15 audio, input": audio, image and other
	 * modalities have rates the catalogue does not hold. */
	if (model_len >= 5 && strncasecmp(comma - 5, " text", 5) == 0)
		model_len -= 5;
	if (model_len == 0 || model_len >= sizeof it->model ||
	    memchr(s, ' ', model_len)) {
		it->kind = non_token(text) ? USAGE_CHARGE : USAGE_OTHER;
		return;
	}
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
		if (strlen(classes[i].name) == (size_t)(s + n - cls) &&
		    strncasecmp(cls, classes[i].name, (size_t)(s + n - cls)) == 0) {
			it->kind = USAGE_TOKENS;
			it->cls = classes[i].cls;
			memcpy(it->model, s, model_len);
			it->model[model_len] = '\0';
			return;
		}
	it->kind = non_token(text) ? USAGE_CHARGE : USAGE_OTHER;
}

/* A cost line: its amount and what its line item says. */
static enum status add_cost(struct usage_loader *l, date_days day, money amount,
                            const char *line_item, bool has_quantity,
                            int64_t quantity, const char *unit, const char *scope,
                            const char *where)
{
	struct usage_row p;
	struct item it;

	memset(&p, 0, sizeof p);
	p.day = day;
	p.amount = amount;
	p.has_amount = true;
	if (!line_item) {
		p.kind = USAGE_OTHER;
		p.tier = USAGE_TIER_UNKNOWN;
		return usage_add(l, &p, NULL, "not grouped by line item", scope, where);
	}
	parse_item(line_item, &it);
	p.kind = it.kind;
	p.cls = it.cls;
	p.tier = it.kind == USAGE_TOKENS ? it.tier : USAGE_TIER_UNKNOWN;
	p.long_context = it.long_context;
	if (has_quantity && (p.kind != USAGE_TOKENS || (unit && (strcmp(unit, "tokens") == 0 ||
	                                                          strcmp(unit, "1000_tokens") == 0)))) {
		bool thousands = unit && strcmp(unit, "1000_tokens") == 0;
		if (!thousands || quantity <= USAGE_MAX_COUNT / 1000) {
			p.has_quantity = true;
			p.quantity = thousands ? quantity * 1000 : quantity;
		}
	}
	return usage_add(l, &p, it.kind == USAGE_TOKENS ? it.model : NULL,
	                 it.kind == USAGE_TOKENS ? NULL : line_item, scope, where);
}

bool usage_openai_json_shape(const cJSON *doc)
{
	const cJSON *object = cJSON_GetObjectItemCaseSensitive(doc, "object");
	return cJSON_IsString(object) && strcmp(object->valuestring, "page") == 0;
}

static enum status json_unix(const struct json_where *w, const cJSON *b,
                             const char *key, bool required, date_days *day,
                             date_days *end_day, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(b, key);
	char text[64];
	int64_t s;
	const char *why;

	if (!v && !required) {
		*day = *end_day = INT32_MIN;
		return STATUS_OK;
	}
	if (!cJSON_IsNumber(v) || !json_number_text(v, text, sizeof text) ||
	    !number_parse_int64(text, 0, INT64_MAX, &s, &why) ||
	    !usage_day_of_unix(s, day, end_day))
		return json_fail(w, key, v, "Unix seconds (a whole number from 1970 on)", d);
	return STATUS_OK;
}

static enum status usage_result(struct usage_loader *l, const struct json_where *w,
                                const cJSON *r, date_days day)
{
	static const char *const keys[] = {
		"input_tokens", "input_cached_tokens", "input_cache_write_tokens",
		"input_uncached_tokens", "output_tokens", "num_model_requests"};
	struct counts c;
	const char *project, *key, *problem;
	const cJSON *batch = cJSON_GetObjectItemCaseSensitive(r, "batch");
	bool *has[6];
	int64_t *val[6];
	char scope[300], where[400];
	enum status st;

	memset(&c, 0, sizeof c);
	has[0] = &c.has_input, val[0] = &c.input;
	has[1] = &c.has_cached, val[1] = &c.cached;
	has[2] = &c.has_write, val[2] = &c.write;
	has[3] = &c.has_uncached, val[3] = &c.uncached;
	has[4] = &c.has_output, val[4] = &c.output;
	has[5] = &c.has_requests, val[5] = &c.requests;
	for (int i = 0; i < 6; i++)
		if ((st = usage_json_count(w, r, keys[i], has[i], val[i], l->d)))
			return st;
	if (!batch || cJSON_IsNull(batch))
		c.batch = -1;
	else if (cJSON_IsBool(batch))
		c.batch = cJSON_IsTrue(batch);
	else
		return json_fail(w, "batch", batch, "true, false or null", l->d);
	if ((st = usage_json_text(w, r, "model", &c.model, l->d)) ||
	    (st = usage_json_text(w, r, "service_tier", &c.tier, l->d)) ||
	    (st = usage_json_text(w, r, "project_id", &project, l->d)) ||
	    (st = usage_json_text(w, r, "api_key_id", &key, l->d)))
		return st;
	if ((problem = split(&c)))
		return diag_set(l->d, STATUS_INPUT, "%s: %s%s%s", w->origin, w->path,
		                w->path[0] ? "." : "", problem);
	scope_of(project, key, scope, sizeof scope);
	usage_where_json(w, where, sizeof where);
	return add_counts(l, day, &c, scope, where);
}

static enum status cost_result(struct usage_loader *l, const struct json_where *w,
                               const cJSON *r, date_days day)
{
	const cJSON *amount = cJSON_GetObjectItemCaseSensitive(r, "amount");
	const char *currency, *line_item, *project, *key, *unit;
	struct json_where aw;
	char scope[300], where[400];
	bool present, has_quantity;
	int64_t quantity = 0;
	money value;
	enum status st;

	if (!cJSON_IsObject(amount))
		return json_fail(w, "amount", amount, "an object {value, currency}", l->d);
	json_child(&aw, w, "amount", -1);
	if ((st = usage_json_amount(&aw, amount, "value", 12, &present, &value, l->d)))
		return st;
	if (!present)
		return json_fail(&aw, "value", cJSON_GetObjectItemCaseSensitive(amount, "value"),
		                 "an amount in dollars", l->d);
	if ((st = usage_json_text(&aw, amount, "currency", &currency, l->d)))
		return st;
	if (currency && strcasecmp(currency, "usd") != 0)
		return json_fail(&aw, "currency", cJSON_GetObjectItemCaseSensitive(amount, "currency"),
		                 "usd (amounts in another currency are not converted)", l->d);
	if ((st = usage_json_text(w, r, "line_item", &line_item, l->d)) ||
	    (st = usage_json_text(w, r, "project_id", &project, l->d)) ||
	    (st = usage_json_text(w, r, "api_key_id", &key, l->d)) ||
	    (st = usage_json_text(w, r, "quantity_unit", &unit, l->d)) ||
	    (st = usage_json_count(w, r, "quantity", &has_quantity, &quantity, l->d)))
		return st;
	scope_of(project, key, scope, sizeof scope);
	usage_where_json(w, where, sizeof where);
	return add_cost(l, day, value, line_item, has_quantity, quantity, unit, scope, where);
}

enum status usage_openai_json(struct usage_set *set, const struct usage_json *j,
                              struct diag *d)
{
	struct usage_loader l;
	enum status st;

	if ((st = usage_loader_begin(&l, set, j->origin, "openai",
	                             "OpenAI usage (API JSON)", d)))
		return st;
	set->files[l.file].pages = j->count;
	for (size_t k = 0; st == STATUS_OK && k < j->count; k++) {
		struct json_where w;
		const cJSON *data, *b;
		long i = 0;

		usage_json_doc(j, k, &w);
		data = cJSON_GetObjectItemCaseSensitive(j->docs[k], "data");
		if (!usage_openai_json_shape(j->docs[k]) || !cJSON_IsArray(data)) {
			st = json_fail(&w, NULL, j->docs[k], "another page of the OpenAI report "
			               "(an object with \"object\": \"page\" and \"data\")", d);
			break;
		}
		cJSON_ArrayForEach(b, data) {
			struct json_where bw;
			const cJSON *results = cJSON_GetObjectItemCaseSensitive(b, "results"), *r;
			date_days day, last, end_first, end_last;
			long n = 0;

			json_child(&bw, &w, "data", i++);
			if (!cJSON_IsObject(b) || !cJSON_IsArray(results)) {
				st = json_fail(&bw, NULL, b, "a bucket (an object with start_time "
				               "and results)", d);
				break;
			}
			if ((st = json_unix(&bw, b, "start_time", true, &day, &last, d)) ||
			    (st = json_unix(&bw, b, "end_time", false, &end_first, &end_last, d)))
				break;
			usage_cover(&l, day, end_last >= day ? end_last : day);
			cJSON_ArrayForEach(r, results) {
				struct json_where rw;
				const cJSON *object = cJSON_GetObjectItemCaseSensitive(r, "object");
				json_child(&rw, &bw, "results", n++);
				if (!cJSON_IsObject(r)) {
					st = json_fail(&rw, NULL, r, "a result (an object)", d);
				} else if (cJSON_IsString(object) &&
				           strcmp(object->valuestring, "organization.costs.result") == 0) {
					st = cost_result(&l, &rw, r, day);
				} else if (cJSON_IsString(object) &&
				           strcmp(object->valuestring,
				                  "organization.usage.completions.result") == 0) {
					st = usage_result(&l, &rw, r, day);
				} else if (!object && cJSON_GetObjectItemCaseSensitive(r, "amount")) {
					st = cost_result(&l, &rw, r, day);
				} else if (!object && cJSON_GetObjectItemCaseSensitive(r, "input_tokens")) {
					st = usage_result(&l, &rw, r, day);
				} else {
					st = json_fail(&rw, "object", object, "organization.usage."
					               "completions.result or organization.costs.result "
					               "(other usage endpoints are not read)", d);
				}
				if (st)
					break;
			}
			if (st)
				break;
		}
	}
	if (st == STATUS_OK && set->files[l.file].money)
		set->files[l.file].format = "OpenAI costs (API JSON)";
	return usage_loader_end(&l, st);
}

/* Console exports. */
static const char *const start_cols[] = {"start_time", NULL};
static const char *const start_iso_cols[] = {"start_time_iso", NULL};
static const char *const amount_cols[] = {"amount_value", NULL};

bool usage_openai_csv_shape(const struct usage_table *t)
{
	return usage_table_column(t, start_cols) >= 0 ||
	       usage_table_column(t, start_iso_cols) >= 0;
}

static enum status csv_days(const struct usage_table *t, size_t r, date_days *day,
                            date_days *last, struct diag *d)
{
	static const char *const end_cols[] = {"end_time", NULL};
	static const char *const end_iso_cols[] = {"end_time_iso", NULL};
	int start = usage_table_column(t, start_cols), iso = usage_table_column(t, start_iso_cols);
	int end = usage_table_column(t, end_cols), end_iso = usage_table_column(t, end_iso_cols);
	const char *text = usage_table_text(t, r, start), *why;
	date_days ignored, end_day;
	int64_t s;

	if (*text) {
		if (!usage_parse_count(text, &s, &why))
			return usage_table_fail(t, r, start, "Unix seconds", why, d);
		if (!usage_day_of_unix(s, day, &ignored))
			return usage_table_fail(t, r, start, "Unix seconds", "after 9999", d);
	} else if (!usage_parse_time(usage_table_text(t, r, iso), day, &ignored, &why)) {
		return usage_table_fail(t, r, iso, "a time such as 2025-10-05T00:00:00+00:00",
		                        why, d);
	}
	*last = *day;
	text = usage_table_text(t, r, end);
	if (*text && usage_parse_count(text, &s, &why) && usage_day_of_unix(s, &ignored, &end_day))
		*last = end_day;
	else if (!*text && usage_parse_time(usage_table_text(t, r, end_iso), &ignored,
	                                    &end_day, &why))
		*last = end_day;
	if (*last < *day)
		*last = *day;
	return STATUS_OK;
}

/* A CSV count column: absent or empty leaves *has false. */
static enum status csv_count(const struct usage_table *t, size_t r, const char *name,
                             bool *has, int64_t *out, struct diag *d)
{
	const char *names[] = {name, NULL}, *why;
	int c = usage_table_column(t, names);
	const char *text = usage_table_text(t, r, c);

	*has = *text != '\0';
	if (*has && !usage_parse_count(text, out, &why))
		return usage_table_fail(t, r, c, "a whole count", why, d);
	return STATUS_OK;
}

static const char *csv_text(const struct usage_table *t, size_t r, const char *name)
{
	const char *names[] = {name, NULL};
	const char *s = usage_table_text(t, r, usage_table_column(t, names));
	return *s ? s : NULL;
}

static enum status csv_activity(struct usage_loader *l, const struct usage_table *t)
{
	static const char *const keys[] = {
		"input_tokens", "input_cached_tokens", "input_cache_write_tokens",
		"input_uncached_tokens", "output_tokens", "num_model_requests"};
	static const char *const batch_cols[] = {"batch", NULL};
	int batch_col = usage_table_column(t, batch_cols);
	enum status st;

	for (size_t r = 1; r < t->count; r++) {
		struct counts c;
		bool *has[6];
		int64_t *val[6];
		bool any = false;
		const char *batch = usage_table_text(t, r, batch_col), *problem;
		char scope[300], where[300];
		date_days day, last;

		memset(&c, 0, sizeof c);
		has[0] = &c.has_input, val[0] = &c.input;
		has[1] = &c.has_cached, val[1] = &c.cached;
		has[2] = &c.has_write, val[2] = &c.write;
		has[3] = &c.has_uncached, val[3] = &c.uncached;
		has[4] = &c.has_output, val[4] = &c.output;
		has[5] = &c.has_requests, val[5] = &c.requests;
		if ((st = csv_days(t, r, &day, &last, l->d)))
			return st;
		usage_cover(l, day, last);
		for (int i = 0; i < 6; i++) {
			if ((st = csv_count(t, r, keys[i], has[i], val[i], l->d)))
				return st;
			any |= *has[i];
		}
		if (!any)
			continue; /* a day without usage */
		if (!*batch)
			c.batch = -1;
		else if (strcasecmp(batch, "true") == 0)
			c.batch = 1;
		else if (strcasecmp(batch, "false") == 0)
			c.batch = 0;
		else
			return usage_table_fail(t, r, batch_col, "true, false or nothing", NULL,
			                        l->d);
		c.model = csv_text(t, r, "model");
		c.tier = csv_text(t, r, "service_tier");
		snprintf(where, sizeof where, "%s:%ld", t->origin, t->records[r].fields[0].line);
		if ((problem = split(&c)))
			return diag_set(l->d, STATUS_INPUT, "%s: %s", where, problem);
		scope_of(csv_text(t, r, "project_name") ? csv_text(t, r, "project_name")
		                                        : csv_text(t, r, "project_id"),
		         csv_text(t, r, "api_key_id"), scope, sizeof scope);
		if ((st = add_counts(l, day, &c, scope, where)))
			return st;
	}
	return STATUS_OK;
}

static enum status csv_costs(struct usage_loader *l, const struct usage_table *t)
{
	static const char *const currency_cols[] = {"amount_currency", NULL};
	int amount = usage_table_column(t, amount_cols);
	int currency = usage_table_column(t, currency_cols);
	enum status st;

	for (size_t r = 1; r < t->count; r++) {
		const char *text = usage_table_text(t, r, amount), *why, *cur;
		char scope[300], where[300];
		date_days day, last;
		int64_t quantity = 0;
		bool has_quantity;
		money value;

		if ((st = csv_days(t, r, &day, &last, l->d)))
			return st;
		usage_cover(l, day, last);
		if (!*text)
			continue; /* a day without costs */
		if (!usage_parse_amount(text, 12, &value, &why))
			return usage_table_fail(t, r, amount, "an amount in dollars", why, l->d);
		cur = usage_table_text(t, r, currency);
		if (*cur && strcasecmp(cur, "usd") != 0)
			return usage_table_fail(t, r, currency, "usd (amounts in another "
			                        "currency are not converted)", NULL, l->d);
		if ((st = csv_count(t, r, "quantity", &has_quantity, &quantity, l->d)))
			return st;
		snprintf(where, sizeof where, "%s:%ld", t->origin, t->records[r].fields[0].line);
		scope_of(csv_text(t, r, "project_name") ? csv_text(t, r, "project_name")
		                                        : csv_text(t, r, "project_id"),
		         csv_text(t, r, "api_key_id"), scope, sizeof scope);
		if ((st = add_cost(l, day, value, csv_text(t, r, "line_item"), has_quantity,
		                   quantity, csv_text(t, r, "quantity_unit"), scope, where)))
			return st;
	}
	return STATUS_OK;
}

enum status usage_openai_csv(struct usage_set *set, const struct usage_table *t,
                             struct diag *d)
{
	struct usage_loader l;
	bool costs = usage_table_column(t, amount_cols) >= 0;
	enum status st;

	if ((st = usage_loader_begin(&l, set, t->origin, "openai",
	                             costs ? "OpenAI Console cost export (CSV)"
	                                   : "OpenAI Console activity export (CSV)", d)))
		return st;
	st = costs ? csv_costs(&l, t) : csv_activity(&l, t);
	return usage_loader_end(&l, st);
}
