#include "batch_times.h"

#include "files.h"
#include "json_read.h"
#include "../models/date.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool digits(const char *p, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return false;
		*out = *out * 10 + (p[i] - '0');
	}
	return true;
}

bool batch_times_parse_rfc3339(const char *text, int64_t *seconds,
                               double *fraction, const char **why)
{
	int year, month, day, hour, minute, second, oh, om;
	const char *p = text + 19;
	int64_t offset = 0;

	*fraction = 0.0;
	if (strlen(text) < 20 || !digits(text, 4, &year) || text[4] != '-' ||
	    !digits(text + 5, 2, &month) || text[7] != '-' ||
	    !digits(text + 8, 2, &day) || (text[10] != 'T' && text[10] != 't') ||
	    !digits(text + 11, 2, &hour) || text[13] != ':' ||
	    !digits(text + 14, 2, &minute) || text[16] != ':' ||
	    !digits(text + 17, 2, &second)) {
		*why = "not YYYY-MM-DDTHH:MM:SS with a zone";
		return false;
	}
	if (year < 1970 || month < 1 || month > 12 || day < 1 ||
	    day > date_days_in_month(year, month) || hour > 23 || minute > 59 ||
	    second > 60) {
		*why = "no such date or time";
		return false;
	}
	if (*p == '.') {
		double scale = 0.1;
		if (!(p[1] >= '0' && p[1] <= '9')) {
			*why = "a '.' without fraction digits";
			return false;
		}
		for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
			*fraction += (*p - '0') * scale;
	}
	if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		offset = 0;
	} else if ((*p == '+' || *p == '-') && strlen(p) == 6 &&
	           digits(p + 1, 2, &oh) && p[3] == ':' && digits(p + 4, 2, &om) &&
	           oh <= 23 && om <= 59) {
		offset = (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
	} else {
		*why = "no zone (Z or +HH:MM) at the end, or text after it";
		return false;
	}
	/* A leap second (:60) is read as the next second's start. */
	*seconds = (int64_t)date_from_civil(year, month, day) * 86400 +
	           hour * 3600 + minute * 60 + second - offset;
	return true;
}

/* Reads the time field `key`: an RFC 3339 string or Unix seconds, as wanted. */
static enum status read_time(const struct json_where *w, const cJSON *obj,
                             const char *key, bool unix_seconds, bool *present,
                             double *out, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	const char *why;
	int64_t s;
	double frac;
	char expected[200];

	*present = v && !cJSON_IsNull(v);
	if (!*present)
		return STATUS_OK;
	if (unix_seconds) {
		if (!cJSON_IsNumber(v) || v->valuedouble < 0 ||
		    v->valuedouble > 253402300799.0 || v->valuedouble != floor(v->valuedouble))
			return json_fail(w, key, v, "Unix seconds (a whole number >= 0, as "
			                 "OpenAI batch objects carry)", d);
		*out = v->valuedouble;
		return STATUS_OK;
	}
	if (!cJSON_IsString(v) ||
	    !batch_times_parse_rfc3339(v->valuestring, &s, &frac, &why)) {
		snprintf(expected, sizeof expected, "an RFC 3339 time such as "
		         "2024-09-24T18:37:24.100435Z%s%s%s", cJSON_IsString(v) ? " (" : "",
		         cJSON_IsString(v) ? why : "", cJSON_IsString(v) ? ")" : "");
		return json_fail(w, key, v, expected, d);
	}
	*out = (double)s + frac;
	return STATUS_OK;
}

static enum status read_batch(const struct json_where *w, const cJSON *item,
                              struct batch_times *out, size_t *capacity,
                              struct diag *d)
{
	const cJSON *created_v;
	bool unix_seconds, present;
	const char *end_key;
	double created = 0, ended = 0;
	enum status st;
	char expected[120];

	if (!cJSON_IsObject(item))
		return json_fail(w, NULL, item, "a batch object", d);
	created_v = cJSON_GetObjectItemCaseSensitive(item, "created_at");
	if (!cJSON_IsString(created_v) && !cJSON_IsNumber(created_v))
		return json_fail(w, "created_at", created_v, "created_at as an RFC 3339 "
		                 "string (Anthropic) or Unix seconds (OpenAI)", d);
	unix_seconds = cJSON_IsNumber(created_v);
	end_key = unix_seconds ? "completed_at" : "ended_at";
	if ((st = read_time(w, item, "created_at", unix_seconds, &present, &created, d)) ||
	    (st = read_time(w, item, end_key, unix_seconds, &present, &ended, d)))
		return st;
	if (!present) {
		out->skipped++;
		return STATUS_OK;
	}
	if (ended < created) {
		if (unix_seconds)
			snprintf(expected, sizeof expected, "a time not before created_at "
			         "(%.0f)", created);
		else
			snprintf(expected, sizeof expected, "a time not before created_at "
			         "(%.60s)", created_v->valuestring);
		return json_fail(w, end_key,
		                 cJSON_GetObjectItemCaseSensitive(item, end_key), expected, d);
	}
	if (out->count == *capacity) {
		size_t cap = *capacity ? *capacity * 2 : 64;
		struct batch_time *bigger = realloc(out->items, cap * sizeof *bigger);
		if (!bigger)
			return diag_set(d, STATUS_IO, "out of memory");
		out->items = bigger;
		*capacity = cap;
	}
	out->items[out->count].created = (int64_t)floor(created);
	/* A batch that ended in the second it began took under a second. */
	out->items[out->count].hours = fmax(ended - created, 1.0) / 3600.0;
	out->count++;
	return STATUS_OK;
}

enum status batch_times_load_text(const char *text, size_t len,
                                  const char *origin, struct batch_times *out,
                                  struct diag *d)
{
	struct json_where root = {origin, ""}, w;
	const cJSON *list, *item;
	cJSON *json;
	size_t capacity = 0;
	long index = 0;
	const char *list_key = "";
	enum status st;

	memset(out, 0, sizeof *out);
	if ((st = json_parse(origin, text, len, &json, d)))
		return st;
	list = json;
	if (cJSON_IsObject(json) && cJSON_GetObjectItemCaseSensitive(json, "data")) {
		list = cJSON_GetObjectItemCaseSensitive(json, "data");
		if (!cJSON_IsArray(list)) {
			st = json_fail(&root, "data", list, "an array of batch objects", d);
			goto done;
		}
		list_key = "data";
	}
	if (cJSON_IsArray(list)) {
		cJSON_ArrayForEach(item, list) {
			json_child(&w, &root, list_key, index++);
			if ((st = read_batch(&w, item, out, &capacity, d)))
				goto done;
		}
	} else {
		st = read_batch(&root, list, out, &capacity, d);
	}
done:
	cJSON_Delete(json);
	if (st != STATUS_OK)
		batch_times_release(out);
	return st;
}

/* batch_times_load_text in file_load()'s shape. */
static enum status load_text(const char *text, size_t len, const char *origin,
                             void *target, struct diag *d)
{
	return batch_times_load_text(text, len, origin, target, d);
}

enum status batch_times_load_file(const char *path, struct batch_times *out,
                                  struct diag *d)
{
	return file_load(path, load_text, out, d);
}

void batch_times_release(struct batch_times *t)
{
	free(t->items);
	memset(t, 0, sizeof *t);
}
