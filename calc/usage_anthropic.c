/*
 * Anthropic's usage and cost reports into usage rows (usage.h).
 *
 * - Usage report, GET /v1/organizations/usage_report/messages (legacy):
 *   {"data": [{"starting_at", "ending_at", "results": [R]}], "has_more",
 *   "next_page"}; R holds uncached_input_tokens, cache_creation.{ephemeral_5m,
 *   ephemeral_1h}_input_tokens, cache_read_input_tokens, output_tokens,
 *   server_tool_use.web_search_requests and, when grouped by them, model,
 *   service_tier, context_window, workspace_id, api_key_id. No request count.
 * - Cost report, GET /v1/organizations/cost_report (legacy): the same
 *   envelope; R holds amount (a decimal string in CENTS: "123.45" is $1.2345),
 *   currency, and with group_by[]=description cost_type, token_type, model,
 *   service_tier, context_window. Priority Tier costs are not in it.
 * - Usage and Cost Analytics API (beta, 2026-10): items {starting_at,
 *   ending_at, group{...}, usage{..., requests}} or {..., cost{amount (cents,
 *   fractional), currency, list_amount, requests}}.
 * - Console exports: claude_api_tokens_*.csv (usage, model ids, key and
 *   workspace names) and claude_api_cost_*.csv (model display names, dollars
 *   rounded to the cent per row, "--" placeholders, "≤ 200k", rows that
 *   repeat the same key, usage_type "message" that does not say the tier).
 * Result objects may omit the keys they would hold null.
 */
#include "usage_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static enum usage_tier tier_of(const char *s)
{
	static const struct { const char *name; enum usage_tier tier; } tiers[] = {
		{"standard", USAGE_TIER_STANDARD}, {"batch", USAGE_TIER_BATCH},
		{"priority", USAGE_TIER_PRIORITY}, {"priority_on_demand", USAGE_TIER_PRIORITY},
		{"flex", USAGE_TIER_FLEX}, {"flex_discount", USAGE_TIER_FLEX},
	};

	for (size_t i = 0; s && i < sizeof tiers / sizeof tiers[0]; i++)
		if (strcasecmp(s, tiers[i].name) == 0)
			return tiers[i].tier;
	/* null (not grouped by tier), or the Console's "message", which says
	 * nothing of the tier. */
	return USAGE_TIER_UNKNOWN;
}

/* "200k-1M" (API) or "> 200k" (Console): the long-context band. */
static bool long_window(const char *s)
{
	return s && (strstr(s, "1M") || strstr(s, "1m") || s[0] == '>');
}

/* Token types as the cost report (API) and the Console export name them. */
static bool class_of(const char *s, enum token_class *out)
{
	static const struct { const char *name; enum token_class cls; } names[] = {
		{"uncached_input_tokens", TOKEN_INPUT},
		{"cache_creation.ephemeral_5m_input_tokens", TOKEN_CACHE_WRITE_5M},
		{"cache_creation.ephemeral_1h_input_tokens", TOKEN_CACHE_WRITE_1H},
		{"cache_read_input_tokens", TOKEN_CACHE_READ},
		{"output_tokens", TOKEN_OUTPUT},
		{"input_no_cache", TOKEN_INPUT},
		{"input_cache_write_5m", TOKEN_CACHE_WRITE_5M},
		{"input_cache_write_1h", TOKEN_CACHE_WRITE_1H},
		/* before the TTL split (mid-2025) every write was a 5-minute one */
		{"input_cache_write", TOKEN_CACHE_WRITE_5M},
		{"input_cache_read", TOKEN_CACHE_READ},
		{"output", TOKEN_OUTPUT},
	};

	for (size_t i = 0; s && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(s, names[i].name) == 0) {
			*out = names[i].cls;
			return true;
		}
	return false;
}

static void scope_of(const char *workspace, const char *key, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s%s%s", workspace && *workspace ? "workspace " : "",
	         workspace && *workspace ? workspace : "",
	         workspace && *workspace && key && *key ? ", " : "",
	         key && *key ? "key " : "", key && *key ? key : "");
}

/* The grouping fields of a result (legacy) or of an item's group (analytics). */
struct group {
	const char *model, *tier, *window, *workspace, *key;
	const char *cost_type, *token_type, *description;
};

static enum status read_group(const struct json_where *w, const cJSON *obj,
                              struct group *g, struct diag *d)
{
	enum status st;

	memset(g, 0, sizeof *g);
	if ((st = usage_json_text(w, obj, "model", &g->model, d)) ||
	    (st = usage_json_text(w, obj, "service_tier", &g->tier, d)) ||
	    (st = usage_json_text(w, obj, "context_window", &g->window, d)) ||
	    (st = usage_json_text(w, obj, "workspace_id", &g->workspace, d)) ||
	    (st = usage_json_text(w, obj, "api_key_id", &g->key, d)) ||
	    (st = usage_json_text(w, obj, "cost_type", &g->cost_type, d)) ||
	    (st = usage_json_text(w, obj, "token_type", &g->token_type, d)))
		return st;
	return usage_json_text(w, obj, "description", &g->description, d);
}

static void proto_of(const struct group *g, date_days day, struct usage_row *p)
{
	memset(p, 0, sizeof *p);
	p->day = day;
	p->tier = tier_of(g->tier);
	p->long_context = long_window(g->window);
}

/* One object of token counts: a legacy usage result, or an analytics item's
 * usage. Zero counts add no row. */
static enum status usage_counts(struct usage_loader *l, const struct json_where *w,
                                const cJSON *obj, const struct group *g,
                                date_days day, bool with_requests)
{
	static const struct { const char *key, *sub; enum token_class cls; } counts[] = {
		{"uncached_input_tokens", NULL, TOKEN_INPUT},
		{"cache_creation", "ephemeral_5m_input_tokens", TOKEN_CACHE_WRITE_5M},
		{"cache_creation", "ephemeral_1h_input_tokens", TOKEN_CACHE_WRITE_1H},
		{"cache_read_input_tokens", NULL, TOKEN_CACHE_READ},
		{"output_tokens", NULL, TOKEN_OUTPUT},
	};
	char scope[300], where[400];
	struct usage_row p;
	enum status st;
	bool present;
	int64_t n;

	scope_of(g->workspace, g->key, scope, sizeof scope);
	usage_where_json(w, where, sizeof where);
	proto_of(g, day, &p);
	p.kind = USAGE_TOKENS;
	p.has_quantity = true;
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		const cJSON *holder = obj;
		struct json_where hw = *w;
		if (counts[i].sub) {
			holder = cJSON_GetObjectItemCaseSensitive(obj, counts[i].key);
			if (!holder || cJSON_IsNull(holder))
				continue;
			if (!cJSON_IsObject(holder))
				return json_fail(w, counts[i].key, holder, "an object of cache "
				                 "writes by TTL", l->d);
			json_child(&hw, w, counts[i].key, -1);
		}
		if ((st = usage_json_count(&hw, holder, counts[i].sub ? counts[i].sub
		                           : counts[i].key, &present, &n, l->d)))
			return st;
		if (!present || n == 0)
			continue;
		p.cls = counts[i].cls;
		p.quantity = n;
		if ((st = usage_add(l, &p, g->model, NULL, scope, where)))
			return st;
	}
	{
		const cJSON *tools = cJSON_GetObjectItemCaseSensitive(obj, "server_tool_use");
		if (tools && !cJSON_IsNull(tools)) {
			struct json_where tw;
			if (!cJSON_IsObject(tools))
				return json_fail(w, "server_tool_use", tools, "an object", l->d);
			json_child(&tw, w, "server_tool_use", -1);
			if ((st = usage_json_count(&tw, tools, "web_search_requests", &present,
			                           &n, l->d)))
				return st;
			if (present && n > 0) {
				p.kind = USAGE_CHARGE;
				p.quantity = n;
				if ((st = usage_add(l, &p, g->model, "web_search", scope, where)))
					return st;
			}
		}
	}
	if (with_requests) {
		if ((st = usage_json_count(w, obj, "requests", &present, &n, l->d)))
			return st;
		if (present) {
			p.kind = USAGE_REQUESTS;
			p.quantity = n;
			if ((st = usage_add(l, &p, g->model, NULL, scope, where)))
				return st;
		}
	}
	return STATUS_OK;
}

/* One amount: a legacy cost result, or an analytics item's cost (both in
 * cents). */
static enum status cost_amount(struct usage_loader *l, const struct json_where *w,
                               const cJSON *obj, const struct group *g,
                               date_days day)
{
	char scope[300], where[400];
	const char *currency, *item = NULL;
	struct usage_row p;
	enum status st;
	bool present;

	proto_of(g, day, &p);
	if ((st = usage_json_amount(w, obj, "amount", 10, &present, &p.amount, l->d)))
		return st;
	if (!present)
		return json_fail(w, "amount", cJSON_GetObjectItemCaseSensitive(obj, "amount"),
		                 "an amount in cents (a decimal string)", l->d);
	if ((st = usage_json_text(w, obj, "currency", &currency, l->d)))
		return st;
	if (currency && strcasecmp(currency, "USD") != 0)
		return json_fail(w, "currency", cJSON_GetObjectItemCaseSensitive(obj, "currency"),
		                 "USD (the only currency the report is documented to use)",
		                 l->d);
	p.has_amount = true;
	scope_of(g->workspace, g->key, scope, sizeof scope);
	usage_where_json(w, where, sizeof where);
	if (g->cost_type && strcmp(g->cost_type, "tokens") != 0) {
		p.kind = USAGE_CHARGE; /* web_search, code_execution, session_usage, ... */
		item = g->cost_type;
	} else if (g->model && class_of(g->token_type, &p.cls)) {
		p.kind = USAGE_TOKENS;
	} else {
		p.kind = USAGE_OTHER;
		item = !g->cost_type && !g->token_type ? "not grouped by description"
		       : g->description ? g->description : g->token_type ? g->token_type
		       : "tokens of no model";
	}
	return usage_add(l, &p, g->model, item, scope, where);
}

static enum status bucket_days(const struct json_where *w, const cJSON *b,
                               date_days *day, date_days *last, struct diag *d)
{
	const cJSON *start = cJSON_GetObjectItemCaseSensitive(b, "starting_at");
	const cJSON *end = cJSON_GetObjectItemCaseSensitive(b, "ending_at");
	date_days end_day, ignored;
	const char *why = "not a string";

	if (!cJSON_IsString(start) || !usage_parse_time(start->valuestring, day, &ignored, &why)) {
		char expected[160];
		snprintf(expected, sizeof expected, "an RFC 3339 time such as "
		         "2026-11-24T00:00:00Z (%s)", why);
		return json_fail(w, "starting_at", start, expected, d);
	}
	*last = *day;
	if (end && !cJSON_IsNull(end)) {
		if (!cJSON_IsString(end) || !usage_parse_time(end->valuestring, &ignored,
		                                               &end_day, &why))
			return json_fail(w, "ending_at", end, "an RFC 3339 time", d);
		if (end_day < *day)
			return json_fail(w, "ending_at", end, "a time after starting_at", d);
		*last = end_day;
	}
	return STATUS_OK;
}

bool usage_anthropic_json_shape(const cJSON *doc)
{
	const cJSON *data = cJSON_GetObjectItemCaseSensitive(doc, "data");

	return cJSON_IsArray(data) && !cJSON_GetObjectItemCaseSensitive(doc, "object") &&
	       (cJSON_GetObjectItemCaseSensitive(doc, "has_more") ||
	        (data->child && (cJSON_GetObjectItemCaseSensitive(data->child, "starting_at") ||
	                         cJSON_GetObjectItemCaseSensitive(data->child, "group"))));
}

static enum status read_bucket(struct usage_loader *l, const struct json_where *w,
                               const cJSON *b, bool *analytics)
{
	const cJSON *results = cJSON_GetObjectItemCaseSensitive(b, "results");
	const cJSON *group = cJSON_GetObjectItemCaseSensitive(b, "group");
	date_days day = 0, last = 0;
	struct group g;
	enum status st;
	long i = 0;
	const cJSON *r;

	if (!cJSON_IsObject(b))
		return json_fail(w, NULL, b, "a time bucket (an object)", l->d);
	if ((st = bucket_days(w, b, &day, &last, l->d)))
		return st;
	usage_cover(l, day, last);
	if (cJSON_IsArray(results)) {
		cJSON_ArrayForEach(r, results) {
			struct json_where rw;
			json_child(&rw, w, "results", i++);
			if (!cJSON_IsObject(r))
				return json_fail(&rw, NULL, r, "a result (an object)", l->d);
			if ((st = read_group(&rw, r, &g, l->d)))
				return st;
			st = cJSON_GetObjectItemCaseSensitive(r, "amount")
			     ? cost_amount(l, &rw, r, &g, day)
			     : usage_counts(l, &rw, r, &g, day, false);
			if (st)
				return st;
		}
		return STATUS_OK;
	}
	if (cJSON_IsObject(group)) {
		const cJSON *usage = cJSON_GetObjectItemCaseSensitive(b, "usage");
		const cJSON *cost = cJSON_GetObjectItemCaseSensitive(b, "cost");
		struct json_where gw, uw;

		*analytics = true;
		json_child(&gw, w, "group", -1);
		if ((st = read_group(&gw, group, &g, l->d)))
			return st;
		if (cJSON_IsObject(usage)) {
			json_child(&uw, w, "usage", -1);
			return usage_counts(l, &uw, usage, &g, day, true);
		}
		if (cJSON_IsObject(cost)) {
			json_child(&uw, w, "cost", -1);
			return cost_amount(l, &uw, cost, &g, day);
		}
		return json_fail(w, "usage", usage, "an object of counts (or \"cost\", an "
		                 "object with the amount)", l->d);
	}
	return json_fail(w, "results", results, "an array of results (or \"group\" with "
	                 "\"usage\" or \"cost\", as the analytics API returns)", l->d);
}

enum status usage_anthropic_json(struct usage_set *set, const struct usage_json *j,
                                 struct diag *d)
{
	struct usage_loader l;
	bool analytics = false;
	enum status st;

	if ((st = usage_loader_begin(&l, set, j->origin, "anthropic",
	                             "Anthropic report (Admin API JSON)", d)))
		return st;
	set->files[l.file].pages = j->count;
	for (size_t k = 0; st == STATUS_OK && k < j->count; k++) {
		struct json_where w;
		const cJSON *data, *b;
		long i = 0;

		usage_json_doc(j, k, &w);
		if (!usage_anthropic_json_shape(j->docs[k])) {
			st = json_fail(&w, NULL, j->docs[k], "another page of the Anthropic "
			               "report (an object with \"data\")", d);
			break;
		}
		data = cJSON_GetObjectItemCaseSensitive(j->docs[k], "data");
		cJSON_ArrayForEach(b, data) {
			struct json_where bw;
			json_child(&bw, &w, "data", i++);
			if ((st = read_bucket(&l, &bw, b, &analytics)))
				break;
		}
	}
	if (st == STATUS_OK) {
		struct usage_file *f = &set->files[l.file];
		f->format = analytics ? (f->money ? "Anthropic cost (analytics API JSON)"
		                                  : "Anthropic usage (analytics API JSON)")
		                      : (f->money ? "Anthropic cost report (Admin API JSON)"
		                                  : "Anthropic usage report (Admin API JSON)");
	}
	return usage_loader_end(&l, st);
}

static const char *const date_cols[] = {"usage_date_utc", NULL};
static const char *const usage_model_cols[] = {"model_version", NULL};
static const char *const cost_cols[] = {"cost_usd", NULL};

bool usage_anthropic_csv_shape(const struct usage_table *t)
{
	return usage_table_column(t, date_cols) >= 0 &&
	       (usage_table_column(t, usage_model_cols) >= 0 ||
	        usage_table_column(t, cost_cols) >= 0);
}

static enum status csv_day(const struct usage_table *t, size_t r, int c,
                           date_days *day, struct diag *d)
{
	const char *why;
	date_days ignored;

	if (!usage_parse_time(usage_table_text(t, r, c), day, &ignored, &why))
		return usage_table_fail(t, r, c, "a UTC date YYYY-MM-DD", why, d);
	return STATUS_OK;
}

static enum status console_usage(struct usage_loader *l, const struct usage_table *t)
{
	static const struct { const char *col; enum token_class cls; } counts[] = {
		{"usage_input_tokens_no_cache", TOKEN_INPUT},
		{"usage_input_tokens_cache_write_5m", TOKEN_CACHE_WRITE_5M},
		{"usage_input_tokens_cache_write_1h", TOKEN_CACHE_WRITE_1H},
		{"usage_input_tokens_cache_write", TOKEN_CACHE_WRITE_5M}, /* before the split */
		{"usage_input_tokens_cache_read", TOKEN_CACHE_READ},
		{"usage_output_tokens", TOKEN_OUTPUT},
		{"web_search_count", TOKEN_CLASS_COUNT},
	};
	enum { COUNTS = sizeof counts / sizeof counts[0] };
	static const char *const key_cols[] = {"api_key", NULL}, *const ws_cols[] = {"workspace", NULL},
	                         *const type_cols[] = {"usage_type", NULL},
	                         *const window_cols[] = {"context_window", NULL};
	int date = usage_table_column(t, date_cols), model = usage_table_column(t, usage_model_cols);
	int key = usage_table_column(t, key_cols), ws = usage_table_column(t, ws_cols);
	int type = usage_table_column(t, type_cols), window = usage_table_column(t, window_cols);
	int col[COUNTS];
	enum status st;

	for (size_t i = 0; i < COUNTS; i++) {
		const char *names[] = {counts[i].col, NULL};
		col[i] = usage_table_column(t, names);
	}
	if (col[0] < 0 || col[5] < 0)
		return diag_set(l->d, STATUS_INPUT, "%s:1:1: expected the Console usage "
		                "export's columns usage_input_tokens_no_cache and "
		                "usage_output_tokens, found a header without them", t->origin);
	for (size_t r = 1; r < t->count; r++) {
		struct usage_row p;
		char scope[300], where[300];

		memset(&p, 0, sizeof p);
		if ((st = csv_day(t, r, date, &p.day, l->d)))
			return st;
		p.tier = tier_of(usage_table_text(t, r, type));
		p.long_context = long_window(usage_table_text(t, r, window));
		p.has_quantity = true;
		scope_of(usage_table_text(t, r, ws), usage_table_text(t, r, key), scope,
		         sizeof scope);
		snprintf(where, sizeof where, "%s:%ld", t->origin, t->records[r].fields[0].line);
		for (size_t i = 0; i < COUNTS; i++) {
			const char *text = usage_table_text(t, r, col[i]), *why;
			if (col[i] < 0 || !*text)
				continue;
			if (!usage_parse_count(text, &p.quantity, &why))
				return usage_table_fail(t, r, col[i], "a whole count", why, l->d);
			if (p.quantity == 0)
				continue;
			p.kind = counts[i].cls == TOKEN_CLASS_COUNT ? USAGE_CHARGE : USAGE_TOKENS;
			p.cls = counts[i].cls == TOKEN_CLASS_COUNT ? TOKEN_INPUT : counts[i].cls;
			if ((st = usage_add(l, &p, usage_table_text(t, r, model),
			                    p.kind == USAGE_CHARGE ? "web_search" : NULL, scope, where)))
				return st;
		}
	}
	return STATUS_OK;
}

static enum status console_cost(struct usage_loader *l, const struct usage_table *t)
{
	static const char *const model_cols[] = {"model", NULL}, *const key_cols[] = {"api_key", NULL},
	                         *const ws_cols[] = {"workspace", NULL},
	                         *const type_cols[] = {"usage_type", NULL},
	                         *const window_cols[] = {"context_window", NULL},
	                         *const token_cols[] = {"token_type", NULL},
	                         *const cost_type_cols[] = {"cost_type", NULL};
	int date = usage_table_column(t, date_cols), model = usage_table_column(t, model_cols);
	int key = usage_table_column(t, key_cols), ws = usage_table_column(t, ws_cols);
	int type = usage_table_column(t, type_cols), window = usage_table_column(t, window_cols);
	int token = usage_table_column(t, token_cols), cost = usage_table_column(t, cost_cols);
	int cost_type = usage_table_column(t, cost_type_cols);
	enum status st;

	for (size_t r = 1; r < t->count; r++) {
		const char *ct = usage_table_text(t, r, cost_type), *tt, *why, *item = NULL;
		const char *name = usage_table_text(t, r, model);
		char scope[300], where[300];
		struct usage_row p;

		memset(&p, 0, sizeof p);
		if ((st = csv_day(t, r, date, &p.day, l->d)))
			return st;
		if (!usage_parse_amount(usage_table_text(t, r, cost), 12, &p.amount, &why))
			return usage_table_fail(t, r, cost, "an amount in USD", why, l->d);
		p.has_amount = true;
		p.rounded = true; /* the Console rounds each row to the cent */
		p.tier = tier_of(usage_table_text(t, r, type));
		p.long_context = long_window(usage_table_text(t, r, window));
		tt = usage_table_text(t, r, token);
		if (*ct && strcmp(ct, "token") != 0 && strcmp(ct, "tokens") != 0) {
			p.kind = USAGE_CHARGE; /* web_search, code_execution, ... */
			item = ct;
		} else if (*name && class_of(tt, &p.cls)) {
			p.kind = USAGE_TOKENS;
		} else {
			p.kind = USAGE_OTHER;
			item = *tt ? tt : "tokens of no model";
		}
		scope_of(usage_table_text(t, r, ws), usage_table_text(t, r, key), scope,
		         sizeof scope);
		snprintf(where, sizeof where, "%s:%ld", t->origin, t->records[r].fields[0].line);
		if ((st = usage_add(l, &p, name, item, scope, where)))
			return st;
	}
	return STATUS_OK;
}

enum status usage_anthropic_csv(struct usage_set *set, const struct usage_table *t,
                                struct diag *d)
{
	struct usage_loader l;
	bool usage = usage_table_column(t, usage_model_cols) >= 0;
	enum status st;

	if ((st = usage_loader_begin(&l, set, t->origin, "anthropic",
	                             usage ? "Anthropic Console usage export (CSV)"
	                                   : "Anthropic Console cost export (CSV)", d)))
		return st;
	st = usage ? console_usage(&l, t) : console_cost(&l, t);
	return usage_loader_end(&l, st);
}
