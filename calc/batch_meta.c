#include "batch_meta.h"

#include "files.h"
#include "json_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_COUNT (INT64_MAX / 4)

static enum status add_figure(const struct json_where *w, const cJSON *obj,
                              const char *key, const char *name,
                              struct batch_meta *m, struct diag *d)
{
	int64_t v;
	bool present;
	enum status st = json_int(w, obj, key, false, 0, MAX_COUNT, &v, &present, d);

	if (st == STATUS_OK && present && m->figure_count < BATCH_FIGURES) {
		m->figures[m->figure_count].name = name;
		m->figures[m->figure_count++].value = v;
	}
	return st;
}

/* The UTC day of a time: an RFC 3339 string (Anthropic, its first ten
 * characters) or Unix seconds (OpenAI). 0: absent or null; -1: malformed. */
static int time_day(const cJSON *v, date_days *out)
{
	const char *why;

	if (!v || cJSON_IsNull(v))
		return 0;
	if (cJSON_IsString(v)) {
		char day[DATE_TEXT_SIZE];
		snprintf(day, sizeof day, "%.10s", v->valuestring);
		return strlen(v->valuestring) >= 20 && date_parse(day, out, &why) ? 1 : -1;
	}
	if (cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble < 253402300800.0) {
		*out = (date_days)((int64_t)v->valuedouble / 86400);
		return 1;
	}
	return -1;
}

static enum status load_one(const struct json_where *w, const cJSON *obj,
                            struct batch_meta *m, struct diag *d)
{
	static const char *const anthropic[] = {"processing", "succeeded", "errored",
	                                        "canceled", "expired"};
	static const char *const anthropic_names[] = {
		"request_counts.processing", "request_counts.succeeded",
		"request_counts.errored", "request_counts.canceled",
		"request_counts.expired"};
	const cJSON *created = cJSON_GetObjectItemCaseSensitive(obj, "created_at");
	const cJSON *counts = cJSON_GetObjectItemCaseSensitive(obj, "request_counts");
	const cJSON *usage = cJSON_GetObjectItemCaseSensitive(obj, "usage");
	/* When it ended: Anthropic ended_at; OpenAI the time of its end state. */
	static const char *const ends[] = {"ended_at", "completed_at", "expired_at",
	                                   "cancelled_at", "failed_at"};
	struct json_where cw, uw;
	enum status st;

	memset(m, 0, sizeof *m);
	if ((st = json_string(w, obj, "id", true, &m->id, d)))
		return st;
	if (time_day(created, &m->created) != 1)
		return json_fail(w, "created_at", created, cJSON_IsString(created)
		                 ? "an RFC 3339 time" : "an RFC 3339 time or Unix seconds", d);
	for (size_t i = 0; i < sizeof ends / sizeof ends[0] && !m->has_ended; i++) {
		const cJSON *end = cJSON_GetObjectItemCaseSensitive(obj, ends[i]);
		int got = time_day(end, &m->ended);
		if (got < 0)
			return json_fail(w, ends[i], end, "an RFC 3339 time, Unix seconds or null", d);
		m->has_ended = got == 1;
	}
	if ((st = json_string(w, obj, "processing_status", false, &m->status, d)) ||
	    (!m->status && (st = json_string(w, obj, "status", false, &m->status, d))))
		return st;
	json_child(&cw, w, "request_counts", -1);
	if (cJSON_IsObject(counts) && cJSON_GetObjectItemCaseSensitive(counts, "total")) {
		if ((st = add_figure(&cw, counts, "total", "request_counts.total", m, d)) ||
		    (st = add_figure(&cw, counts, "completed", "request_counts.completed", m, d)) ||
		    (st = add_figure(&cw, counts, "failed", "request_counts.failed", m, d)))
			return st;
	} else if (cJSON_IsObject(counts)) {
		for (int i = 0; i < 5; i++)
			if ((st = add_figure(&cw, counts, anthropic[i], anthropic_names[i], m, d)))
				return st;
	}
	json_child(&uw, w, "usage", -1);
	if (cJSON_IsObject(usage) &&
	    ((st = add_figure(&uw, usage, "input_tokens", "usage.input_tokens", m, d)) ||
	     (st = add_figure(&uw, usage, "output_tokens", "usage.output_tokens", m, d))))
		return st;
	return STATUS_OK;
}

enum status batch_meta_load(const char *path, struct batch_meta_list *out,
                            struct diag *d)
{
	char *text = NULL;
	size_t len;
	enum status st;

	memset(out, 0, sizeof *out);
	if ((st = file_read_all(path, &text, &len, d)) == STATUS_OK)
		st = batch_meta_load_text(text, len, path, out, d);
	free(text);
	return st;
}

enum status batch_meta_load_text(const char *text, size_t len, const char *origin,
                                 struct batch_meta_list *out, struct diag *d)
{
	struct json_where top = {origin, ""}, w;
	cJSON *root = NULL, *list, *item;
	size_t n;
	long index = 0;
	enum status st;

	memset(out, 0, sizeof *out);
	if ((st = json_parse(origin, text, len, &root, d)))
		goto done;
	list = cJSON_IsArray(root) ? root : cJSON_GetObjectItemCaseSensitive(root, "data");
	if (list && !cJSON_IsArray(list)) {
		st = json_fail(&top, "data", list, "an array of batch objects", d);
		goto done;
	}
	n = list ? (size_t)cJSON_GetArraySize(list) : 1;
	if (!(out->items = calloc(n ? n : 1, sizeof *out->items))) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	if (!list) {
		st = load_one(&top, root, &out->items[0], d);
		out->count = 1;
		goto done;
	}
	cJSON_ArrayForEach(item, list) {
		json_child(&w, &top, list == root ? "" : "data", index++);
		st = load_one(&w, item, &out->items[out->count++], d);
		if (st)
			break;
	}
done:
	cJSON_Delete(root);
	if (st)
		batch_meta_release(out);
	return st;
}

const struct batch_meta *batch_meta_find(const struct batch_meta_list *l,
                                         const char *id)
{
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(l->items[i].id, id) == 0)
			return &l->items[i];
	return NULL;
}

void batch_meta_release(struct batch_meta_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		free(l->items[i].id);
		free(l->items[i].status);
	}
	free(l->items);
	memset(l, 0, sizeof *l);
}

enum status bedrock_manifest_load(const char *path, struct batch_meta *out,
                                  struct diag *d)
{
	static const char *const keys[] = {"totalRecordCount", "processedRecordCount",
	                                   "successRecordCount", "errorRecordCount",
	                                   "inputTokenCount", "outputTokenCount"};
	struct json_where top = {path, ""};
	cJSON *root = NULL;
	char *text = NULL;
	size_t len;
	enum status st;

	memset(out, 0, sizeof *out);
	if ((st = file_read_all(path, &text, &len, d)) == STATUS_OK &&
	    (st = json_parse(path, text, len, &root, d)) == STATUS_OK)
		for (int i = 0; i < 6 && st == STATUS_OK; i++)
			st = add_figure(&top, root, keys[i], keys[i], out, d);
	cJSON_Delete(root);
	free(text);
	return st;
}
