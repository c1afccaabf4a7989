#include "recon_summary.h"

#include "files.h"
#include "json_read.h"

#include <cJSON.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ------------------------------------------------------------- */

/* Integers beyond 2^53 do not survive a JSON double: write them raw. */
static void put_int(cJSON *o, const char *key, int64_t n, bool *too_large)
{
	char buf[32];

	*too_large = *too_large || n > RECON_SUMMARY_MAX;
	snprintf(buf, sizeof buf, "%" PRId64, n);
	cJSON_AddRawToObject(o, key, buf);
}

static cJSON *file_entry(const struct recon_file *file, bool *too_large)
{
	char when[DATE_TEXT_SIZE];
	cJSON *f = cJSON_CreateObject();

	date_format(file->day, when);
	cJSON_AddStringToObject(f, "name", file->name);
	cJSON_AddStringToObject(f, "format", file->format);
	if (*file->batch)
		cJSON_AddStringToObject(f, "batch", file->batch);
	cJSON_AddStringToObject(f, "price_date", when);
	put_int(f, "lines", file->lines, too_large);
	return f;
}

static cJSON *bucket_entry(const struct recon_bucket *b, bool *too_large)
{
	char when[DATE_TEXT_SIZE];
	cJSON *o = cJSON_CreateObject();

	date_format(b->day, when);
	cJSON_AddStringToObject(o, "job", b->job);
	if (*b->model)
		cJSON_AddStringToObject(o, "model", b->model);
	if (*b->batch)
		cJSON_AddStringToObject(o, "batch", b->batch);
	cJSON_AddStringToObject(o, "price_date", when);
	cJSON_AddBoolToObject(o, "long_context", b->long_context);
	for (int k = 0; k < RECON_OUTCOME_COUNT; k++)
		put_int(o, recon_outcome_name((enum recon_outcome)k), b->outcomes[k], too_large);
	put_int(o, "billed", b->billed, too_large);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		char key[64];
		/* A later class only when used, so a summary without it reads as
		 * one written before it existed. */
		if (!recon_token_in_every_summary((enum token_class)c) && !b->tokens.n[c])
			continue;
		put_int(o, recon_token_key((enum token_class)c, key), b->tokens.n[c],
		        too_large);
	}
	return o;
}

/* "keys": 16 hex digits per fingerprint, in one string. */
static enum status add_keys(cJSON *root, const struct keyset *keys, struct diag *d)
{
	static const char hex[] = "0123456789abcdef";
	size_t n;
	uint64_t *fp = keyset_export(keys, &n);
	char *digits = fp ? malloc(n * 16 + 1) : NULL;

	if (!digits) {
		free(fp);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 16; k++)
			digits[i * 16 + (size_t)k] = hex[(fp[i] >> (60 - 4 * k)) & 0xf];
	digits[n * 16] = '\0';
	cJSON_AddStringToObject(root, "keys", digits);
	free(digits);
	free(fp);
	return STATUS_OK;
}

enum status recon_summary_format(const struct recon_run *run,
                                 const struct keyset *keys, char **text,
                                 struct diag *d)
{
	cJSON *root = cJSON_CreateObject(), *files, *errors, *buckets;
	bool too_large = false;
	enum status st = STATUS_OK;

	*text = NULL;
	put_int(root, "batchcalc_summary", 1, &too_large);
	put_int(root, "lines", run->r.lines, &too_large);
	put_int(root, "malformed_lines", run->r.malformed, &too_large);
	put_int(root, "duplicate_keys", run->r.duplicates, &too_large);
	put_int(root, "unchecked_keys", run->unchecked_keys, &too_large);
	files = cJSON_AddArrayToObject(root, "files");
	for (size_t i = 0; i < run->file_count; i++)
		cJSON_AddItemToArray(files, file_entry(&run->files[i], &too_large));
	errors = cJSON_AddObjectToObject(root, "errors");
	for (size_t i = 0; i < run->r.error_count; i++)
		put_int(errors, run->r.errors[i].type, run->r.errors[i].count, &too_large);
	if (keys && run->unchecked_keys == 0)
		st = add_keys(root, keys, d);
	buckets = cJSON_AddArrayToObject(root, "buckets");
	for (size_t i = 0; i < run->r.count; i++)
		cJSON_AddItemToArray(buckets, bucket_entry(&run->r.buckets[i], &too_large));
	if (st == STATUS_OK && (too_large || run->r.overflow))
		st = diag_set(d, STATUS_OVERFLOW, "expected every count of the summary "
		              "to be at most %" PRId64 ", found a larger one",
		              (int64_t)RECON_SUMMARY_MAX);
	if (st == STATUS_OK && !(*text = cJSON_PrintUnformatted(root)))
		st = diag_set(d, STATUS_IO, "out of memory");
	cJSON_Delete(root);
	return st;
}

enum status recon_summary_write(const char *path, const struct recon_run *run,
                                const struct keyset *keys, struct diag *d)
{
	char *text;
	enum status st = recon_summary_format(run, keys, &text, d);

	if (st != STATUS_OK) {
		diag_prefix(d, path);
		return st;
	}
	st = file_write_atomic(path, text, strlen(text), d);
	cJSON_free(text);
	return st;
}

/* ---- reading ------------------------------------------------------------- */

/* A count of the summary: a whole number from 0 to RECON_SUMMARY_MAX. */
static enum status read_count(const struct json_where *w, const cJSON *obj,
                              const char *key, int64_t *out, struct diag *d)
{
	return json_int(w, obj, key, true, 0, RECON_SUMMARY_MAX, out, NULL, d);
}

/* *total += n, refused (not wrapped) past what a summary holds. */
static enum status add_count(const char *origin, const char *key, int64_t *total,
                             int64_t n, struct diag *d)
{
	if (n > RECON_SUMMARY_MAX - *total)
		return diag_set(d, STATUS_OVERFLOW, "%s: %s: expected the total over the "
		                "summaries to be at most %" PRId64 ", found %" PRId64
		                " + %" PRId64, origin, key, (int64_t)RECON_SUMMARY_MAX,
		                *total, n);
	*total += n;
	return STATUS_OK;
}

/* Adds a summary's key fingerprints; one already there is a duplicate. */
static enum status read_keys(const struct json_where *w, const cJSON *keys,
                             struct recon_run *run, struct keyset *set,
                             struct diag *d)
{
	const char *text = keys->valuestring;
	size_t len = strlen(text);
	int64_t duplicates = 0, unchecked = 0;
	enum status st;

	if (len % 16 != 0)
		return json_fail(w, "keys", keys, "16 hex digits per key", d);
	for (size_t i = 0; i < len; i += 16) {
		uint64_t fp = 0;
		for (size_t k = 0; k < 16; k++) {
			char c = text[i + k];
			int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
			if (v < 0)
				return json_fail(w, "keys", keys, "16 hex digits per key", d);
			fp = fp << 4 | (uint64_t)v;
		}
		if (fp == 0 || fp >> 63)
			return json_fail(w, "keys", keys, "key fingerprints below 2^63, not 0", d);
		switch (keyset_insert(set, fp, false)) {
		case KEYSET_SEEN: duplicates++; break;
		case KEYSET_FULL: unchecked++; break;
		case KEYSET_NEW: break;
		}
	}
	if ((st = add_count(w->origin, "keys", &run->r.duplicates, duplicates, d)))
		return st;
	return add_count(w->origin, "keys", &run->unchecked_keys, unchecked, d);
}

static enum status read_file_entry(const struct json_where *w, const cJSON *item,
                                   struct recon_run *run, struct diag *d)
{
	char *name = NULL, *format = NULL, *batch = NULL;
	date_days day = 0;
	int64_t n = 0;
	enum status st;

	if (!(st = json_string(w, item, "name", true, &name, d)) &&
	    !(st = json_string(w, item, "format", true, &format, d)) &&
	    !(st = json_string(w, item, "batch", false, &batch, d)) &&
	    !(st = json_date(w, item, "price_date", true, &day, NULL, d)) &&
	    !(st = read_count(w, item, "lines", &n, d)))
		st = recon_run_add_file(run, name, format, batch ? batch : "", day, n, d);
	free(name);
	free(format);
	free(batch);
	return st;
}

static enum status read_bucket(const struct json_where *w, const cJSON *item,
                               struct recon_run *run, struct diag *d)
{
	struct recon_bucket b;
	cJSON *lc = cJSON_GetObjectItemCaseSensitive(item, "long_context");
	int64_t total;
	enum status st;

	memset(&b, 0, sizeof b);
	st = json_string(w, item, "job", true, &b.job, d);
	/* An empty model (failures) or batch (unknown) is left out. */
	if (!st)
		st = json_string(w, item, "model", false, &b.model, d);
	if (!st)
		st = json_string(w, item, "batch", false, &b.batch, d);
	if (!st && ((!b.model && !(b.model = strdup(""))) ||
	            (!b.batch && !(b.batch = strdup("")))))
		st = diag_set(d, STATUS_IO, "out of memory");
	if (!st)
		st = json_date(w, item, "price_date", true, &b.day, NULL, d);
	for (int k = 0; !st && k < RECON_OUTCOME_COUNT; k++)
		st = read_count(w, item, recon_outcome_name((enum recon_outcome)k),
		                &b.outcomes[k], d);
	if (!st)
		st = read_count(w, item, "billed", &b.billed, d);
	for (int c = 0; !st && c < TOKEN_CLASS_COUNT; c++) {
		char key[64];
		/* A class added since summaries began may be missing: 0 tokens. */
		st = json_int(w, item, recon_token_key((enum token_class)c, key),
		              recon_token_in_every_summary((enum token_class)c), 0,
		              RECON_SUMMARY_MAX, &b.tokens.n[c], NULL, d);
	}
	if (!st && !cJSON_IsBool(lc))
		st = json_fail(w, "long_context", lc, "true or false", d);
	/* As in a results line, more tokens than the billed requests can hold
	 * (COST_MAX_REQUEST_TOKENS each) is corrupt data, never priced. */
	total = token_counts_request_total(&b.tokens);
	if (!st && total > 0 &&
	    (b.billed == 0 || (total - 1) / b.billed >= COST_MAX_REQUEST_TOKENS))
		st = diag_set(d, STATUS_INPUT, "%s: %s: expected at most %lld tokens per "
		              "billed request (a context window), found %lld tokens for "
		              "%lld billed request%s", w->origin, w->path,
		              (long long)COST_MAX_REQUEST_TOKENS, (long long)total,
		              (long long)b.billed, b.billed == 1 ? "" : "s");
	if (!st) {
		b.long_context = cJSON_IsTrue(lc);
		st = recon_add(&run->r, &b, d);
	}
	free(b.job);
	free(b.model);
	free(b.batch);
	return st;
}

/* An optional member that must be an array ("files", "buckets") or an
 * object ("errors") when it is there; NULL when it is not. */
static enum status member(const struct json_where *top, const cJSON *root,
                          const char *key, bool array, const cJSON **out,
                          struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);

	*out = v;
	if (!v || (array ? cJSON_IsArray(v) : cJSON_IsObject(v)))
		return STATUS_OK;
	return json_fail(top, key, v, array ? "an array" : "an object", d);
}

static enum status read_tree(const char *origin, const cJSON *root,
                             struct recon_run *run, struct keyset *set,
                             struct diag *d)
{
	struct json_where top = {origin, ""}, w;
	const cJSON *files, *errors, *buckets, *keys, *item;
	int64_t version = 0, lines = 0, malformed = 0, duplicates = 0, unchecked = 0;
	long index = 0;
	enum status st;

	if (!cJSON_IsObject(root))
		return json_fail(&top, NULL, root, "a summary object", d);
	if ((st = json_int(&top, root, "batchcalc_summary", true, 1, 1, &version, NULL, d)) ||
	    (st = read_count(&top, root, "lines", &lines, d)) ||
	    (st = read_count(&top, root, "malformed_lines", &malformed, d)) ||
	    (st = read_count(&top, root, "duplicate_keys", &duplicates, d)) ||
	    (st = read_count(&top, root, "unchecked_keys", &unchecked, d)) ||
	    (st = member(&top, root, "files", true, &files, d)) ||
	    (st = member(&top, root, "errors", false, &errors, d)) ||
	    (st = member(&top, root, "buckets", true, &buckets, d)))
		return st;
	keys = cJSON_GetObjectItemCaseSensitive(root, "keys");
	if (keys && !cJSON_IsString(keys))
		return json_fail(&top, "keys", keys, "a string of hex digits", d);
	/* Checked sums: a merge past what a summary holds is refused, never
	 * wrapped to a negative count. */
	if ((st = add_count(origin, "lines", &run->r.lines, lines, d)) ||
	    (st = add_count(origin, "malformed_lines", &run->r.malformed, malformed, d)) ||
	    (st = add_count(origin, "duplicate_keys", &run->r.duplicates, duplicates, d)) ||
	    (st = add_count(origin, "unchecked_keys", &run->unchecked_keys, unchecked, d)))
		return st;
	if (keys && set && (st = read_keys(&top, keys, run, set, d)))
		return st;
	cJSON_ArrayForEach(item, files) {
		json_child(&w, &top, "files", index++);
		if ((st = read_file_entry(&w, item, run, d)))
			return st;
	}
	json_child(&w, &top, "errors", -1);
	cJSON_ArrayForEach(item, errors) {
		int64_t n;
		/* A count like every other: 1.5 or 1e300 is refused, not truncated. */
		if ((st = read_count(&w, errors, item->string, &n, d)) ||
		    (st = recon_add_error(&run->r, item->string, n, d)))
			return st;
	}
	index = 0;
	cJSON_ArrayForEach(item, buckets) {
		json_child(&w, &top, "buckets", index++);
		if ((st = read_bucket(&w, item, run, d)))
			return st;
	}
	return STATUS_OK;
}

enum status recon_summary_read_text(const char *text, size_t len,
                                    const char *origin, struct recon_run *run,
                                    struct keyset *keys, struct diag *d)
{
	cJSON *root = NULL;
	enum status st = json_parse(origin, text, len, &root, d);

	if (st == STATUS_OK)
		st = read_tree(origin, root, run, keys, d);
	cJSON_Delete(root);
	return st;
}

enum status recon_summary_read(const char *path, struct recon_run *run,
                               struct keyset *keys, struct diag *d)
{
	char *text = NULL;
	size_t len;
	enum status st = file_read_all(path, &text, &len, d);

	if (st == STATUS_OK)
		st = recon_summary_read_text(text, len, path, run, keys, d);
	free(text);
	return st;
}
