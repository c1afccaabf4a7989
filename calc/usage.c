#include "usage.h"

#include "files.h"
#include "usage_read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *usage_tier_name(enum usage_tier t)
{
	static const char *const names[USAGE_TIER_COUNT] = {
		"standard", "batch", "priority", "flex", "unknown"};
	return t < USAGE_TIER_COUNT ? names[t] : "unknown";
}

void usage_set_init(struct usage_set *set)
{
	memset(set, 0, sizeof *set);
}

void usage_set_release(struct usage_set *set)
{
	for (size_t i = 0; i < set->count; i++) {
		free(set->rows[i].model);
		free(set->rows[i].item);
		free(set->rows[i].scope);
		free(set->rows[i].where);
	}
	for (size_t i = 0; i < set->file_count; i++)
		free(set->files[i].path);
	free(set->rows);
	free(set->files);
	memset(set, 0, sizeof *set);
}

void usage_json_doc(const struct usage_json *j, size_t k, struct json_where *w)
{
	w->origin = j->origin;
	if (j->named)
		snprintf(w->path, sizeof w->path, "[%zu]", k);
	else
		w->path[0] = '\0';
}

enum provider_mask {
	ANTHROPIC = 1, OPENAI = 2, GOOGLE = 4, ALL = 7
};

static const char formats_text[] =
	"a provider's usage or cost report (Anthropic Admin API or Console export, "
	"OpenAI usage or costs, Google Cloud Billing export)";

static void json_release(struct usage_json *j)
{
	for (size_t i = 0; i < j->count; i++)
		cJSON_Delete(j->docs[i]);
	free(j->docs);
}

/* Every document of the file, an array of pages unpacked into its pages. */
static enum status json_read_all(const char *text, size_t len, const char *origin,
                                 struct usage_json *j, struct diag *d)
{
	size_t offset = 0, cap = 0;
	enum status st = STATUS_OK;
	cJSON *doc;

	memset(j, 0, sizeof *j);
	j->origin = origin;
	for (;;) {
		if ((st = json_parse_next(origin, text, len, &offset, &doc, d)) || !doc)
			break;
		if (j->count >= USAGE_MAX_PAGES) {
			cJSON_Delete(doc);
			st = diag_set(d, STATUS_INPUT, "%s: expected at most %d JSON "
			              "documents, found more", origin, USAGE_MAX_PAGES);
			break;
		}
		if (j->count == cap) {
			size_t bigger = cap ? cap * 2 : 8;
			cJSON **more = realloc(j->docs, bigger * sizeof *more);
			if (!more) {
				cJSON_Delete(doc);
				st = diag_set(d, STATUS_IO, "out of memory");
				break;
			}
			j->docs = more;
			cap = bigger;
		}
		j->docs[j->count++] = doc;
	}
	if (st == STATUS_OK && j->count == 0)
		st = diag_set(d, STATUS_INPUT, "%s: expected %s, found an empty file",
		              origin, formats_text);
	if (st == STATUS_OK && j->count == 1 && cJSON_IsArray(j->docs[0])) {
		/* [page, page, ...]: `jq -s` of saved pages, or an array of rows. */
		cJSON *array = j->docs[0];
		size_t n = (size_t)cJSON_GetArraySize(array), k = 0;
		cJSON **items = malloc((n ? n : 1) * sizeof *items);

		if (!items) {
			st = diag_set(d, STATUS_IO, "out of memory");
		} else {
			while (array->child) {
				items[k++] = cJSON_DetachItemViaPointer(array, array->child);
			}
			cJSON_Delete(array);
			free(j->docs);
			j->docs = items;
			j->count = k;
			j->named = true;
			if (k == 0)
				st = diag_set(d, STATUS_INPUT, "%s: top level: expected %s, "
				              "found an empty array", origin, formats_text);
		}
	} else if (j->count > 1) {
		j->named = true;
	}
	for (size_t k = 0; st == STATUS_OK && k < j->count; k++) {
		struct json_where w;
		usage_json_doc(j, k, &w);
		if (!cJSON_IsObject(j->docs[k]))
			st = json_fail(&w, NULL, j->docs[k], "an object (a report page or "
			               "a billing export row)", d);
		else
			st = json_check_keys(&w, j->docs[k], d);
	}
	if (st != STATUS_OK) {
		json_release(j);
		memset(j, 0, sizeof *j);
	}
	return st;
}

/* What the first line says, for a message about a file nobody recognised. */
static void first_line(const char *text, size_t len, char *buf, size_t size)
{
	size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0, n = 0;

	for (; i < len && text[i] != '\n' && text[i] != '\r' && n + 1 < size && n < 60; i++)
		buf[n++] = text[i];
	buf[n] = '\0';
}

static bool blank(const char *text, size_t len)
{
	size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' ||
	                   text[i] == '\n'))
		i++;
	return i == len;
}

static enum status load(struct usage_set *set, const char *text, size_t len,
                        const char *origin, int allowed, struct diag *d)
{
	enum status st;

	if ((st = file_check_text(origin, text, len, d)))
		return st;
	if (blank(text, len))
		return diag_set(d, STATUS_INPUT, "%s: expected %s, found an empty file",
		                origin, formats_text);
	if (usage_looks_json(text, len)) {
		struct usage_json j;
		const cJSON *first;

		if ((st = json_read_all(text, len, origin, &j, d)))
			return st;
		first = j.docs[0];
		if ((allowed & ANTHROPIC) && usage_anthropic_json_shape(first))
			st = usage_anthropic_json(set, &j, d);
		else if ((allowed & OPENAI) && usage_openai_json_shape(first))
			st = usage_openai_json(set, &j, d);
		else if ((allowed & GOOGLE) && usage_google_json_shape(first))
			st = usage_google_json(set, &j, d);
		else
			st = diag_set(d, STATUS_INPUT, "%s: %s: expected %s, found an object "
			              "whose keys match none of them", origin,
			              j.named ? "[0]" : "top level", formats_text);
		json_release(&j);
		return st;
	}
	{
		struct usage_table t;
		char line[64];

		if ((st = usage_table_read(text, len, origin, usage_csv_delim(text, len), &t, d)))
			return st;
		if ((allowed & ANTHROPIC) && usage_anthropic_csv_shape(&t))
			st = usage_anthropic_csv(set, &t, d);
		else if ((allowed & OPENAI) && usage_openai_csv_shape(&t))
			st = usage_openai_csv(set, &t, d);
		else if ((allowed & GOOGLE) && usage_google_csv_shape(&t))
			st = usage_google_csv(set, &t, d);
		else {
			first_line(text, len, line, sizeof line);
			st = diag_set(d, STATUS_INPUT, "%s:1:1: expected %s, found a first "
			              "line \"%s\" whose columns match none of them", origin,
			              formats_text, line);
		}
		usage_table_release(&t);
		return st;
	}
}

enum status usage_load_text(struct usage_set *set, const char *text, size_t len,
                            const char *origin, struct diag *d)
{
	return load(set, text, len, origin, ALL, d);
}

enum status usage_anthropic_load(struct usage_set *set, const char *text,
                                 size_t len, const char *origin, struct diag *d)
{
	return load(set, text, len, origin, ANTHROPIC, d);
}

enum status usage_openai_load(struct usage_set *set, const char *text,
                              size_t len, const char *origin, struct diag *d)
{
	return load(set, text, len, origin, OPENAI, d);
}

enum status usage_google_load(struct usage_set *set, const char *text,
                              size_t len, const char *origin, struct diag *d)
{
	return load(set, text, len, origin, GOOGLE, d);
}

static enum status load_into(const char *text, size_t len, const char *origin,
                             void *target, struct diag *d)
{
	return usage_load_text(target, text, len, origin, d);
}

enum status usage_load_file(struct usage_set *set, const char *path,
                            struct diag *d)
{
	return file_load(path, load_into, set, d);
}

/* A display name with case and runs of blanks folded: "Claude  sonnet 4.5"
 * is "claude sonnet 4.5". */
static void fold_name(const char *s, char *out, size_t size)
{
	size_t n = 0;
	bool blank = false;

	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && n + 2 < size; s++) {
		if (*s == ' ' || *s == '\t') {
			blank = true;
			continue;
		}
		if (blank)
			out[n++] = ' ';
		blank = false;
		out[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s + ('a' - 'A') : *s);
	}
	out[n] = '\0';
}

static const struct model *find(const struct catalogue *cat, const char *name)
{
	enum model_match how;
	const struct model *m = catalogue_find_model(cat, name, &how);

	char want[256], have[256];

	if (m)
		return m;
	fold_name(name, want, sizeof want);
	for (size_t i = 0; i < cat->model_count; i++) {
		if (!cat->models[i].name)
			continue;
		fold_name(cat->models[i].name, have, sizeof have);
		if (strcmp(want, have) == 0)
			return &cat->models[i];
	}
	return NULL;
}

size_t usage_map_models(struct usage_set *set, const struct catalogue *cat)
{
	size_t unmapped = 0;
	const char *last_name = NULL;
	const struct model *last = NULL;

	for (size_t i = 0; i < set->count; i++) {
		struct usage_row *r = &set->rows[i];
		const struct model *m;

		r->model_id = NULL;
		if (!r->model[0])
			continue;
		/* Reports repeat a model row after row: remember the last answer. */
		if (last_name && strcmp(last_name, r->model) == 0)
			m = last;
		else
			m = find(cat, r->model);
		last_name = r->model;
		last = m;
		if (m)
			r->model_id = m->id;
		else
			unmapped++;
	}
	return unmapped;
}
