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

/* What one file's batches are read into, before they join the list. */
struct page {
	struct batch_times *t;
	double listed;          /* the latest time the file states */
	size_t first;           /* this file's first item in t */
};

static const char *const end_names[BATCH_END_COUNT] = {
	"finished", "expired", "cancelled", "still running"};

const char *batch_end_name(enum batch_end end)
{
	return end < BATCH_END_COUNT ? end_names[end] : "?";
}

/*
 * Reads the time field `key`: an RFC 3339 string or Unix seconds, as wanted.
 * A missing key or null is absent. Every time read counts toward the time
 * of listing unless it is a promise (expires_at: never read here).
 */
static enum status read_time(const struct json_where *w, const cJSON *obj,
                             const char *key, bool unix_seconds, bool *present,
                             double *out, struct page *pg, struct diag *d)
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
	} else {
		if (!cJSON_IsString(v) ||
		    !batch_times_parse_rfc3339(v->valuestring, &s, &frac, &why)) {
			snprintf(expected, sizeof expected, "an RFC 3339 time such as "
			         "2024-09-24T18:37:24.100435Z%s%s%s",
			         cJSON_IsString(v) ? " (" : "", cJSON_IsString(v) ? why : "",
			         cJSON_IsString(v) ? ")" : "");
			return json_fail(w, key, v, expected, d);
		}
		*out = (double)s + frac;
	}
	if (*out > pg->listed)
		pg->listed = *out;
	return STATUS_OK;
}

/* expires_at (a promise, not an observation: it does not move the time of
 * listing), as hours after the creation; INFINITY when absent. */
static enum status read_expiry(const struct json_where *w, const cJSON *obj,
                               bool unix_seconds, double created, double *hours,
                               struct diag *d)
{
	struct page scratch = {NULL, -INFINITY, 0};
	bool present;
	double t = 0;
	enum status st = read_time(w, obj, "expires_at", unix_seconds, &present, &t,
	                           &scratch, d);

	*hours = present && t > created ? (t - created) / 3600.0 : INFINITY;
	return st;
}

/* An end time that must not precede the creation. */
static enum status read_end(const struct json_where *w, const cJSON *obj,
                            const char *key, bool unix_seconds, double created,
                            const cJSON *created_v, bool *present, double *out,
                            struct page *pg, struct diag *d)
{
	char expected[120];
	enum status st;

	if ((st = read_time(w, obj, key, unix_seconds, present, out, pg, d)))
		return st;
	if (!*present || *out >= created)
		return STATUS_OK;
	if (unix_seconds)
		snprintf(expected, sizeof expected, "a time not before created_at (%.0f)",
		         created);
	else
		snprintf(expected, sizeof expected, "a time not before %s (%.60s)",
		         created_v->string, created_v->valuestring);
	return json_fail(w, key, cJSON_GetObjectItemCaseSensitive(obj, key), expected, d);
}

/* The status string `key` as one of `names` (NULL-terminated): its index, or
 * -1 when the key is missing or null. */
static enum status read_status(const struct json_where *w, const cJSON *obj,
                               const char *key, const char *const *names,
                               const char *expected, int *out, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = -1;
	if (!v || cJSON_IsNull(v))
		return STATUS_OK;
	if (cJSON_IsString(v))
		for (int i = 0; names[i]; i++)
			if (strcmp(v->valuestring, names[i]) == 0) {
				*out = i;
				return STATUS_OK;
			}
	return json_fail(w, key, v, expected, d);
}

/* A request count: a whole number >= 0, or absent (-1). */
static enum status read_count(const struct json_where *w, const cJSON *counts,
                              const char *key, int64_t *out, struct diag *d)
{
	bool present;

	*out = -1;
	if (!counts)
		return STATUS_OK;
	return json_int(w, counts, key, false, 0, INT64_MAX / 2, out, &present, d);
}

static enum status one_provider(struct batch_times *t, const char *provider,
                                const struct json_where *w, struct diag *d)
{
	if (t->provider && strcmp(t->provider, provider) != 0)
		return diag_set(d, STATUS_INPUT, "%s: %s: expected batches of one provider "
		                "(%s, as the first), found a batch of %s (calibrate each "
		                "provider on its own)", w->origin, w->path[0] ? w->path
		                : "top level", t->provider, provider);
	t->provider = provider;
	return STATUS_OK;
}

/* A batch that never ran: counted, not kept. */
static enum status add_failed(struct page *pg, const char *provider,
                              const struct json_where *w, struct diag *d)
{
	enum status st = one_provider(pg->t, provider, w, d);

	if (st == STATUS_OK)
		pg->t->failed++;
	return st;
}

static enum status add(struct page *pg, const char *provider,
                       const struct json_where *w, double created, double ended,
                       enum batch_end end, struct diag *d)
{
	struct batch_times *t = pg->t;
	enum status st;

	if ((st = one_provider(t, provider, w, d)))
		return st;
	if (t->count == t->capacity) {
		size_t cap = t->capacity ? t->capacity * 2 : 64;
		struct batch_time *bigger = realloc(t->items, cap * sizeof *bigger);
		if (!bigger)
			return diag_set(d, STATUS_IO, "out of memory");
		t->items = bigger;
		t->capacity = cap;
	}
	t->items[t->count].created = (int64_t)floor(created);
	/* A batch that ended in the second it began took under a second. A
	 * running one holds its hours to expiry here (`ended` is that many hours,
	 * or INFINITY) until the file's time of listing is known. */
	t->items[t->count].hours = end == BATCH_RUNNING ? ended
	                           : fmax(ended - created, 1.0) / 3600.0;
	t->items[t->count].end = end;
	t->count++;
	return STATUS_OK;
}

static enum status read_anthropic(const struct json_where *w, const cJSON *item,
                                  const cJSON *created_v, struct page *pg,
                                  struct diag *d)
{
	static const char *const states[] = {"in_progress", "canceling", "ended", NULL};
	const cJSON *counts = cJSON_GetObjectItemCaseSensitive(item, "request_counts");
	struct json_where cw;
	double created = 0, ended = 0, cancelled = 0, archived = 0, t;
	bool has_end, has_cancel, present;
	int64_t expired, canceled;
	int status;
	enum status st;

	json_child(&cw, w, "request_counts", -1);
	if ((st = read_time(w, item, "created_at", false, &present, &created, pg, d)) ||
	    (st = read_status(w, item, "processing_status", states, "in_progress, "
	                      "canceling or ended (a Message Batch's processing_status)",
	                      &status, d)) ||
	    (st = read_end(w, item, "ended_at", false, created, created_v, &has_end,
	                   &ended, pg, d)) ||
	    (st = read_end(w, item, "cancel_initiated_at", false, created, created_v,
	                   &has_cancel, &cancelled, pg, d)) ||
	    (st = read_time(w, item, "archived_at", false, &present, &archived, pg, d)))
		return st;
	if (counts && !cJSON_IsNull(counts) && !cJSON_IsObject(counts))
		return json_fail(w, "request_counts", counts, "an object of request counts", d);
	if (!cJSON_IsObject(counts))
		counts = NULL;
	if ((st = read_count(&cw, counts, "expired", &expired, d)) ||
	    (st = read_count(&cw, counts, "canceled", &canceled, d)))
		return st;
	if (status < 0)
		status = has_end ? 2 : 0;
	if (status == 2 && !has_end)
		return json_fail(w, "ended_at", cJSON_GetObjectItemCaseSensitive(item, "ended_at"),
		                 "the time an ended batch ended", d);
	if (status == 2) {
		if (expired > 0)
			return add(pg, "anthropic", w, created, ended, BATCH_EXPIRED, d);
		/* A cancel that came after every request was done stopped nothing. */
		if (has_cancel && canceled != 0)
			return add(pg, "anthropic", w, created, cancelled, BATCH_CANCELLED, d);
		return add(pg, "anthropic", w, created, ended, BATCH_FINISHED, d);
	}
	if (status == 1 && has_cancel)
		return add(pg, "anthropic", w, created, cancelled, BATCH_CANCELLED, d);
	if ((st = read_expiry(w, item, false, created, &t, d)))
		return st;
	return add(pg, "anthropic", w, created, t, BATCH_RUNNING, d);
}

static enum status read_openai(const struct json_where *w, const cJSON *item,
                               const cJSON *created_v, struct page *pg,
                               struct diag *d)
{
	enum { VALIDATING, FAILED, IN_PROGRESS, FINALIZING, COMPLETED, EXPIRED,
	       CANCELLING, CANCELLED };
	static const char *const states[] = {"validating", "failed", "in_progress",
	                                     "finalizing", "completed", "expired",
	                                     "cancelling", "cancelled", NULL};
	static const char *const stamps[] = {"in_progress_at", "finalizing_at",
	                                     "failed_at", NULL};
	double created = 0, completed = 0, expired = 0, cancelling = 0, cancelled = 0, t;
	bool has_completed, has_expired, has_cancelling, has_cancelled, present;
	int status;
	enum status st;

	if ((st = read_time(w, item, "created_at", true, &present, &created, pg, d)) ||
	    (st = read_status(w, item, "status", states, "validating, failed, "
	                      "in_progress, finalizing, completed, expired, cancelling "
	                      "or cancelled (a Batch's status)", &status, d)) ||
	    (st = read_end(w, item, "completed_at", true, created, created_v,
	                   &has_completed, &completed, pg, d)) ||
	    (st = read_end(w, item, "expired_at", true, created, created_v,
	                   &has_expired, &expired, pg, d)) ||
	    (st = read_end(w, item, "cancelling_at", true, created, created_v,
	                   &has_cancelling, &cancelling, pg, d)) ||
	    (st = read_end(w, item, "cancelled_at", true, created, created_v,
	                   &has_cancelled, &cancelled, pg, d)))
		return st;
	for (int i = 0; stamps[i]; i++)
		if ((st = read_end(w, item, stamps[i], true, created, created_v, &present,
		                   &t, pg, d)))
			return st;
	if (status < 0) {
		bool failed = cJSON_GetObjectItemCaseSensitive(item, "failed_at") &&
		              !cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(item, "failed_at"));
		status = has_completed ? COMPLETED : has_expired ? EXPIRED
		         : has_cancelled ? CANCELLED : failed ? FAILED : IN_PROGRESS;
	}
	switch (status) {
	case COMPLETED:
		if (!has_completed)
			return json_fail(w, "completed_at",
			                 cJSON_GetObjectItemCaseSensitive(item, "completed_at"),
			                 "the time a completed batch completed", d);
		return add(pg, "openai", w, created, completed, BATCH_FINISHED, d);
	case EXPIRED:
		if (!has_expired)
			return json_fail(w, "expired_at",
			                 cJSON_GetObjectItemCaseSensitive(item, "expired_at"),
			                 "the time an expired batch expired", d);
		return add(pg, "openai", w, created, expired, BATCH_EXPIRED, d);
	case CANCELLING:
	case CANCELLED:
		if (has_cancelling || has_cancelled)
			return add(pg, "openai", w, created,
			           has_cancelling ? cancelling : cancelled, BATCH_CANCELLED, d);
		break;
	case FAILED:
		return add_failed(pg, "openai", w, d);
	default:
		break;
	}
	if ((st = read_expiry(w, item, true, created, &t, d)))
		return st;
	return add(pg, "openai", w, created, t, BATCH_RUNNING, d);
}

static enum status read_gemini(const struct json_where *w, const cJSON *item,
                               struct page *pg, struct diag *d)
{
	enum { UNSPECIFIED, PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED, EXPIRED };
	static const char *const states[] = {
		"BATCH_STATE_UNSPECIFIED", "BATCH_STATE_PENDING", "BATCH_STATE_RUNNING",
		"BATCH_STATE_SUCCEEDED", "BATCH_STATE_FAILED", "BATCH_STATE_CANCELLED",
		"BATCH_STATE_EXPIRED", NULL};
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(item, "metadata");
	const cJSON *created_v;
	struct json_where mw = *w;
	double created = 0, ended = 0, updated = 0;
	bool has_end, has_update, present;
	int status;
	enum status st;

	if (cJSON_IsObject(meta))
		json_child(&mw, w, "metadata", -1);
	else
		meta = item;
	created_v = cJSON_GetObjectItemCaseSensitive(meta, "createTime");
	if ((st = read_time(&mw, meta, "createTime", false, &present, &created, pg, d)))
		return st;
	if (!present)
		return json_fail(&mw, "createTime", created_v, "the time the batch was "
		                 "created (a Gemini batch's createTime)", d);
	if ((st = read_status(&mw, meta, "state", states, "a BatchState "
	                      "(BATCH_STATE_PENDING, _RUNNING, _SUCCEEDED, _FAILED, "
	                      "_CANCELLED, _EXPIRED or _UNSPECIFIED)", &status, d)) ||
	    (st = read_end(&mw, meta, "endTime", false, created, created_v, &has_end,
	                   &ended, pg, d)) ||
	    (st = read_end(&mw, meta, "updateTime", false, created, created_v,
	                   &has_update, &updated, pg, d)))
		return st;
	if (status < 0)
		status = has_end ? SUCCEEDED : RUNNING;
	if (!has_end && (status == SUCCEEDED || status == CANCELLED || status == EXPIRED)) {
		if (!has_update)
			return json_fail(&mw, "endTime",
			                 cJSON_GetObjectItemCaseSensitive(meta, "endTime"),
			                 "the time a finished, cancelled or expired batch ended "
			                 "(endTime or updateTime)", d);
		ended = updated;
	}
	switch (status) {
	case SUCCEEDED:
		return add(pg, "google", w, created, ended, BATCH_FINISHED, d);
	case EXPIRED:
		return add(pg, "google", w, created, ended, BATCH_EXPIRED, d);
	case CANCELLED:
		return add(pg, "google", w, created, ended, BATCH_CANCELLED, d);
	case FAILED:
		return add_failed(pg, "google", w, d);
	default:
		/* No expires_at: the 48 h expiry is the catalogue's, not the batch's. */
		return add(pg, "google", w, created, INFINITY, BATCH_RUNNING, d);
	}
}

static enum status read_batch(const struct json_where *w, const cJSON *item,
                              struct page *pg, struct diag *d)
{
	const cJSON *created_v, *meta;

	if (!cJSON_IsObject(item))
		return json_fail(w, NULL, item, "a batch object", d);
	meta = cJSON_GetObjectItemCaseSensitive(item, "metadata");
	if ((cJSON_IsObject(meta) && cJSON_GetObjectItemCaseSensitive(meta, "createTime")) ||
	    cJSON_GetObjectItemCaseSensitive(item, "createTime"))
		return read_gemini(w, item, pg, d);
	created_v = cJSON_GetObjectItemCaseSensitive(item, "created_at");
	if (cJSON_IsString(created_v))
		return read_anthropic(w, item, created_v, pg, d);
	if (cJSON_IsNumber(created_v))
		return read_openai(w, item, created_v, pg, d);
	return json_fail(w, "created_at", created_v, "created_at as an RFC 3339 "
	                 "string (Anthropic) or Unix seconds (OpenAI), or a Gemini "
	                 "operation's metadata.createTime", d);
}

/* A Gemini list page: only the keys of a ListOperationsResponse ({} when
 * empty, as proto3 JSON leaves an empty list out). */
static bool gemini_list(const cJSON *json)
{
	const cJSON *child;

	if (!cJSON_IsObject(json))
		return false;
	cJSON_ArrayForEach(child, json)
		if (strcmp(child->string, "operations") != 0 &&
		    strcmp(child->string, "nextPageToken") != 0 &&
		    strcmp(child->string, "unreachable") != 0)
			return false;
	return true;
}

void batch_times_init(struct batch_times *t)
{
	memset(t, 0, sizeof *t);
}

enum status batch_times_load_text(const char *text, size_t len,
                                  const char *origin, struct batch_times *t,
                                  struct diag *d)
{
	struct json_where root = {origin, ""}, w;
	struct page pg = {t, -INFINITY, t->count};
	const cJSON *list, *item;
	cJSON *json;
	long index = 0;
	const char *list_key = "";
	size_t failed = t->failed;
	const char *provider = t->provider;
	enum status st;

	if ((st = json_parse(origin, text, len, &json, d)))
		return st;
	list = json;
	if (cJSON_IsObject(json) && cJSON_GetObjectItemCaseSensitive(json, "data"))
		list_key = "data";
	else if (gemini_list(json))
		list_key = "operations";
	if (list_key[0]) {
		list = cJSON_GetObjectItemCaseSensitive(json, list_key);
		if (list && !cJSON_IsArray(list)) {
			st = json_fail(&root, list_key, list, "an array of batch objects", d);
			goto done;
		}
	}
	if (cJSON_IsArray(list)) {
		cJSON_ArrayForEach(item, list) {
			json_child(&w, &root, list_key, index++);
			if ((st = read_batch(&w, item, &pg, d)))
				goto done;
		}
	} else if (list) {
		st = read_batch(&root, list, &pg, d);
	}
	/* Batches still running were so when the file was listed: no earlier
	 * than the latest time it states, and (a batch runs no longer) no later
	 * than its own expiry. */
	for (size_t i = pg.first; i < t->count; i++)
		if (t->items[i].end == BATCH_RUNNING)
			t->items[i].hours = fmin(fmax(pg.listed - (double)t->items[i].created,
			                              1.0) / 3600.0, t->items[i].hours);
done:
	cJSON_Delete(json);
	if (st != STATUS_OK) {
		t->count = pg.first; /* what earlier files added stays */
		t->failed = failed;
		t->provider = provider;
	} else {
		for (size_t i = pg.first; i < t->count; i++)
			t->ends[t->items[i].end]++;
	}
	return st;
}

/* batch_times_load_text in file_load()'s shape. */
static enum status load_text(const char *text, size_t len, const char *origin,
                             void *target, struct diag *d)
{
	return batch_times_load_text(text, len, origin, target, d);
}

enum status batch_times_load_file(const char *path, struct batch_times *t,
                                  struct diag *d)
{
	return file_load(path, load_text, t, d);
}

void batch_times_release(struct batch_times *t)
{
	free(t->items);
	memset(t, 0, sizeof *t);
}
