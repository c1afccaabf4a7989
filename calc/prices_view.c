/* The catalogue's figures in words and JSON, shared by the `prices`
 * subcommands, and `prices check` (prices_view.h). */
#include "prices_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void prices_json_labels(cJSON *o, const char *key, unsigned labels)
{
	cJSON *list = cJSON_AddArrayToObject(o, key);

	for (int i = 0; CONFIDENCE_LABELS[i]; i++)
		if (labels & (1u << i)) {
			char one[2] = {CONFIDENCE_LABELS[i], '\0'};
			cJSON_AddItemToArray(list, cJSON_CreateString(one));
		}
}

void prices_json_classes(cJSON *o, const char *key, unsigned classes)
{
	cJSON *list = cJSON_AddArrayToObject(o, key);

	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (classes & (1u << c))
			cJSON_AddItemToArray(list, cJSON_CreateString(
				token_class_name((enum token_class)c)));
}

void prices_json_date(cJSON *o, const char *key, date_days day)
{
	char when[DATE_TEXT_SIZE];

	if (day == DATE_OPEN_END) {
		cJSON_AddNullToObject(o, key);
		return;
	}
	date_format(day, when);
	cJSON_AddStringToObject(o, key, when);
}

/* A class list as text: "cache_read, cache_write_1h". */
const char *prices_classes_text(unsigned classes, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int c = 0; c < TOKEN_CLASS_COUNT && n < size; c++)
		if (classes & (1u << c))
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
			                      token_class_name((enum token_class)c));
	return buf;
}

/* One line of `prices check`: a model whose entry in force rests on third
 * parties, in whole or for some figures. */
struct check_row {
	const struct model *m;
	const struct price_entry *pe;
};

enum status prices_check(struct cli *ctx, date_days day, int64_t max_age,
                                enum format format, struct diag *d)
{
	const struct catalogue *cat = &ctx->pricing.catalogue;
	struct check_row *rows = calloc(cat->model_count ? cat->model_count : 1, sizeof *rows);
	date_days version;
	const char *why;
	char when[DATE_TEXT_SIZE], labels[12], list[200], list2[200];
	size_t n = 0, priced = 0;
	int64_t age;
	bool stale, dated = date_parse(cat->version, &version, &why);

	if (!rows)
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t i = 0; i < cat->model_count; i++) {
		const struct price_entry *pe = model_price_on(&cat->models[i], day);
		if (!pe)
			continue;
		priced++;
		if (confidence_third_party_only(pe->confidence) || pe->third_party ||
		    pe->unverified)
			rows[n++] = (struct check_row){&cat->models[i], pe};
	}
	age = dated ? (int64_t)day - version : 0;
	stale = !dated || age > max_age;
	date_format(day, when);
	if (format == FORMAT_JSON) {
		cJSON *root = cJSON_CreateObject(), *items;
		cJSON_AddStringToObject(root, "catalogue_version", cat->version);
		cJSON_AddStringToObject(root, "date", when);
		if (dated)
			cli_json_int(root, "age_days", age);
		else
			cJSON_AddNullToObject(root, "age_days");
		cli_json_int(root, "max_age_days", max_age);
		cJSON_AddBoolToObject(root, "stale", stale);
		cli_json_int(root, "models_priced", (int64_t)priced);
		items = cJSON_AddArrayToObject(root, "third_party");
		for (size_t i = 0; i < n; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "model", rows[i].m->id);
			prices_json_date(o, "entry_from", rows[i].pe->from);
			prices_json_labels(o, "confidence", rows[i].pe->confidence);
			cJSON_AddBoolToObject(o, "third_party_only",
			                      confidence_third_party_only(rows[i].pe->confidence));
			prices_json_classes(o, "third_party", rows[i].pe->third_party);
			prices_json_classes(o, "unverified", rows[i].pe->unverified);
			cJSON_AddItemToArray(items, o);
		}
		cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, day, NULL));
		cli_json_print(ctx->out, root);
		cJSON_Delete(root);
	} else {
		static const char *const headers[] = {"model", "entry from", "confidence",
		                                      "third party only", "unverified"};
		static const bool right[] = {false, false, false, false, false};
		struct table t;
		cli_stamp_text(ctx->out, ctx, day, NULL);
		if (dated)
			fprintf(ctx->out, "catalogue checked %s: %lld days old on %s (limit %lld): %s\n",
			        cat->version, (long long)age, when, (long long)max_age,
			        stale ? "STALE" : "current");
		else
			fprintf(ctx->out, "catalogue version \"%s\" is not a date: its age is "
			        "unknown (STALE)\n", cat->version);
		fprintf(ctx->out, "%zu models priced on %s; %zu rest wholly or partly on "
		        "third parties or unverified figures:\n\n", priced, when, n);
		table_init(&t, 5, headers, right);
		for (size_t i = 0; i < n; i++) {
			char from[DATE_TEXT_SIZE];
			const struct price_entry *pe = rows[i].pe;
			const char *cells[5];
			date_format(pe->from, from);
			cells[0] = rows[i].m->id;
			cells[1] = from;
			cells[2] = confidence_text(pe->confidence, labels);
			cells[3] = confidence_third_party_only(pe->confidence)
			           ? "every figure" : prices_classes_text(pe->third_party, list, sizeof list);
			cells[4] = prices_classes_text(pe->unverified, list2, sizeof list2);
			table_add(&t, cells);
		}
		table_print(&t, ctx->out);
		table_release(&t);
	}
	free(rows);
	if (stale) {
		cli_warn("catalogue %s is %s on %s (--max-age %lld): update it "
		         "('batchcalc prices import-genai-prices' or import-litellm, "
		         "then 'prices diff')", cat->version, dated ? "older than allowed"
		         : "undated", when, (long long)max_age);
		return diag_set(d, STATUS_THRESHOLD, "the catalogue is older than --max-age "
		                "%lld days on %s", (long long)max_age, when);
	}
	return STATUS_OK;
}
