/* batchcalc prices import-litellm FILE | diff A B: catalogues from elsewhere. */
#include "prices_exchange.h"

#include "catalogue_load.h"

#include <stdlib.h>
#include <string.h>

enum status prices_import(struct cli *ctx, const char *path, enum import_kind kind,
                          struct diag *d)
{
	struct catalogue cat;
	struct litellm_report report;
	char today[DATE_TEXT_SIZE];
	cJSON *root;
	enum status st = catalogue_load_file(path, &cat, &report, d);
	bool genai = kind == IMPORT_GENAI_PRICES;

	if (st != STATUS_OK)
		return st;
	if (report.entries == 0 || (report.format != NULL) != genai) {
		const char *found = report.entries == 0 ? "a batchcalc catalogue"
		                    : report.format ? "a genai-prices data file"
		                                    : "a LiteLLM price file";
		catalogue_release(&cat);
		return diag_set(d, STATUS_INPUT, "%s: expected %s, found %s", path,
		                genai ? "a genai-prices v2 data file (an array of providers "
		                "with models)" : "a LiteLLM price file (an object of model "
		                "entries)", found);
	}
	/* The schema wants the date the figures were taken: the import date. */
	date_format(ctx->today, today);
	free(cat.version);
	if (!(cat.version = strdup(today))) {
		catalogue_release(&cat);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	cli_litellm_summary(path, &report);
	root = catalogue_to_json(&cat);
	cli_json_print(ctx->out, root);
	cJSON_Delete(root);
	catalogue_release(&cat);
	return STATUS_OK;
}

/* One disagreement: a model, a class, and each side's figure ("" = none). */
struct difference {
	const char *model;
	char class_name[48];
	char a[64], b[64];
};

struct differences {
	struct difference *items;
	size_t count, capacity;
	size_t compared, only_a, only_b;
};

static enum status add(struct differences *list, const char *model,
                       const char *class_name, const char *a, const char *b,
                       struct diag *d)
{
	struct difference *x;

	if (list->count == list->capacity) {
		size_t cap = list->capacity ? list->capacity * 2 : 32;
		struct difference *bigger = realloc(list->items, cap * sizeof *bigger);
		if (!bigger)
			return diag_set(d, STATUS_IO, "out of memory");
		list->items = bigger;
		list->capacity = cap;
	}
	x = &list->items[list->count++];
	x->model = model;
	snprintf(x->class_name, sizeof x->class_name, "%s", class_name);
	snprintf(x->a, sizeof x->a, "%s", a);
	snprintf(x->b, sizeof x->b, "%s", b);
	return STATUS_OK;
}

/* A rate as text, "*" marking a derived batch rate; "" when not offered. */
static const char *figure(const struct rate_set *set, const bool *derived,
                          int c, char buf[64])
{
	buf[0] = '\0';
	if (!set->offered[c])
		return buf;
	rate_format(set->rates[c], buf, 64);
	if (derived && derived[c])
		strncat(buf, "*", 63 - strlen(buf));
	return buf;
}

static enum status diff_tiers(struct differences *list, const char *model,
                              const char *prefix, const struct price_tier *a,
                              const struct price_tier *b, struct diag *d)
{
	for (int side = 0; side < 2; side++) {
		const struct rate_set *sa = side ? &a->batch : &a->sync;
		const struct rate_set *sb = side ? &b->batch : &b->sync;
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			char name[48], fa[64], fb[64];
			enum status st;

			if (sa->offered[c] == sb->offered[c] &&
			    (!sa->offered[c] || sa->rates[c].micro == sb->rates[c].micro))
				continue;
			snprintf(name, sizeof name, "%s%s%s", prefix, side ? "batch " : "",
			         token_class_name((enum token_class)c));
			st = add(list, model, name,
			         figure(sa, side ? a->batch_derived : NULL, c, fa),
			         figure(sb, side ? b->batch_derived : NULL, c, fb), d);
			if (st != STATUS_OK)
				return st;
		}
	}
	return STATUS_OK;
}

static enum status diff_model(struct differences *list, const struct model *ma,
                              const struct model *mb, date_days day,
                              struct diag *d)
{
	const struct price_entry *pa = model_price_on(ma, day);
	const struct price_entry *pb = model_price_on(mb, day);
	char ta[64], tb[64];
	enum status st;

	list->compared++;
	if (!pa || !pb)
		return pa == pb ? STATUS_OK
		                : add(list, ma->id, "price on the date", pa ? "priced" : "",
		                      pb ? "priced" : "", d);
	if ((st = diff_tiers(list, ma->id, "", &pa->standard, &pb->standard, d)))
		return st;
	if (pa->has_long_context != pb->has_long_context ||
	    (pa->has_long_context && pa->long_context_above != pb->long_context_above)) {
		snprintf(ta, sizeof ta, pa->has_long_context ? "%lld" : "",
		         (long long)pa->long_context_above);
		snprintf(tb, sizeof tb, pb->has_long_context ? "%lld" : "",
		         (long long)pb->long_context_above);
		if ((st = add(list, ma->id, "long-context above tokens", ta, tb, d)))
			return st;
	}
	if (pa->has_long_context && pb->has_long_context)
		return diff_tiers(list, ma->id, "long-context ", &pa->long_context,
		                  &pb->long_context, d);
	return STATUS_OK;
}

/* The model of `other` one of whose names (id or alias) is one of m's,
 * never a fuzzy match: catalogues differ in which name is the id
 * (claude-opus-4-5-20251101 here, claude-opus-4-5 in genai-prices). */
static const struct model *same_model(const struct catalogue *other,
                                      const struct model *m)
{
	enum model_match how;
	const struct model *found = catalogue_find_model(other, m->id, &how);

	if (found && (how == MATCH_ID || how == MATCH_ALIAS))
		return found;
	for (size_t a = 0; a < m->alias_count; a++) {
		found = catalogue_find_model(other, m->aliases[a], &how);
		if (found && (how == MATCH_ID || how == MATCH_ALIAS))
			return found;
	}
	return NULL;
}

static enum status compare(const struct catalogue *a, const struct catalogue *b,
                           date_days day, struct differences *list,
                           struct diag *d)
{
	enum status st = STATUS_OK;

	for (size_t i = 0; i < a->model_count && st == STATUS_OK; i++) {
		const struct model *ma = &a->models[i];
		const struct model *mb = same_model(b, ma);
		if (mb) {
			st = diff_model(list, ma, mb, day, d);
		} else {
			list->only_a++;
			st = add(list, ma->id, "model", "listed", "", d);
		}
	}
	for (size_t i = 0; i < b->model_count && st == STATUS_OK; i++) {
		const struct model *mb = &b->models[i];
		if (same_model(a, mb))
			continue;
		list->only_b++;
		st = add(list, mb->id, "model", "", "listed", d);
	}
	return st;
}

static void describe(FILE *out, const char *side, const struct catalogue *c)
{
	fprintf(out, "%s: catalogue %s (%s, sha256 %s)\n", side, c->version,
	        c->origin, c->checksum);
}

static cJSON *side_json(const struct catalogue *c)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "catalogue_version", c->version);
	cJSON_AddStringToObject(o, "catalogue_origin", c->origin);
	cJSON_AddStringToObject(o, "catalogue_sha256", c->checksum);
	return o;
}

static void print_diff(FILE *out, const struct catalogue *a,
                       const struct catalogue *b, date_days day,
                       const struct differences *list, enum format format)
{
	char when[DATE_TEXT_SIZE];

	date_format(day, when);
	if (format == FORMAT_CSV) {
		static const char *const header[] = {"model", "class", "a_usd_per_mtok",
		                                     "b_usd_per_mtok"};
		cli_csv_row(out, header, 4);
		for (size_t i = 0; i < list->count; i++) {
			const struct difference *x = &list->items[i];
			const char *row[4] = {x->model, x->class_name, x->a, x->b};
			cli_csv_row(out, row, 4);
		}
	} else if (format == FORMAT_JSON) {
		cJSON *root = cJSON_CreateObject(), *items;

		cJSON_AddItemToObject(root, "a", side_json(a));
		cJSON_AddItemToObject(root, "b", side_json(b));
		cJSON_AddStringToObject(root, "as_of", when);
		cli_json_int(root, "models_compared", (int64_t)list->compared);
		cli_json_int(root, "only_in_a", (int64_t)list->only_a);
		cli_json_int(root, "only_in_b", (int64_t)list->only_b);
		items = cJSON_AddArrayToObject(root, "differences");
		for (size_t i = 0; i < list->count; i++) {
			const struct difference *x = &list->items[i];
			cJSON *o = cJSON_CreateObject();
			size_t na = strlen(x->a), nb = strlen(x->b);
			bool rate_row = strcmp(x->class_name, "model") != 0 &&
			                strcmp(x->class_name, "price on the date") != 0;

			cJSON_AddStringToObject(o, "model", x->model);
			cJSON_AddStringToObject(o, "class", x->class_name);
			for (int s = 0; s < 2; s++) {
				const char *v = s ? x->b : x->a;
				size_t n = s ? nb : na;
				char num[64];
				const char *key = s ? "b" : "a";
				if (n == 0) {
					cJSON_AddNullToObject(o, key);
				} else if (!rate_row) {
					cJSON_AddStringToObject(o, key, v);
				} else {
					snprintf(num, sizeof num, "%.*s", (int)(v[n - 1] == '*' ? n - 1 : n), v);
					cJSON_AddRawToObject(o, key, num);
				}
				cJSON_AddBoolToObject(o, s ? "b_derived" : "a_derived",
				                      n > 0 && v[n - 1] == '*');
			}
			cJSON_AddItemToArray(items, o);
		}
		cli_json_print(out, root);
		cJSON_Delete(root);
	} else {
		static const char *const headers[] = {"model", "class", "A", "B"};
		static const bool right[] = {false, false, true, true};
		struct table t;

		describe(out, "A", a);
		describe(out, "B", b);
		fprintf(out, "rates in force on %s, USD per million tokens (* = derived "
		        "batch rate, - = none)\n", when);
		fprintf(out, "%zu models in both, %zu only in A, %zu only in B; %zu "
		        "differences\n", list->compared, list->only_a, list->only_b,
		        list->count);
		if (list->count == 0)
			return;
		fputc('\n', out);
		table_init(&t, 4, headers, right);
		for (size_t i = 0; i < list->count; i++) {
			const struct difference *x = &list->items[i];
			const char *row[4] = {x->model, x->class_name, x->a[0] ? x->a : "-",
			                      x->b[0] ? x->b : "-"};
			table_add(&t, row);
		}
		table_print(&t, out);
		table_release(&t);
	}
}

enum status prices_diff(struct cli *ctx, const char *path_a, const char *path_b,
                        date_days day, enum format format, struct diag *d)
{
	struct catalogue a, b;
	struct litellm_report ra, rb;
	struct differences list;
	enum status st;

	memset(&list, 0, sizeof list);
	if ((st = catalogue_load_file(path_a, &a, &ra, d)))
		return st;
	if ((st = catalogue_load_file(path_b, &b, &rb, d))) {
		catalogue_release(&a);
		return st;
	}
	if (ra.entries)
		cli_litellm_summary(path_a, &ra);
	if (rb.entries)
		cli_litellm_summary(path_b, &rb);
	st = compare(&a, &b, day, &list, d);
	if (st == STATUS_OK)
		print_diff(ctx->out, &a, &b, day, &list, format);
	free(list.items);
	catalogue_release(&a);
	catalogue_release(&b);
	return st;
}
