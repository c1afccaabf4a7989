#include "profile.h"

#include "embedded.h"
#include "csv_read.h"
#include "files.h"
#include "json_read.h"
#include "../models/number.h"
#include "../models/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The columns a profile may have, in the order of struct workload. */
enum column {
	COL_NAME, COL_MODEL, COL_VOLUME, COL_PERIOD, COL_INPUT, COL_OUTPUT,
	COL_CACHE_READ, COL_CACHE_WRITE, COL_CACHE_WRITE_1H, COL_BATCH_SHARE,
	COL_INPUT_P95, COL_CACHE_WRITE_30M, COL_CACHE_WRITE_12H, COL_SERVICE_TIER,
	COL_INFERENCE_GEO, COLUMN_COUNT
};

static const struct {
	const char *name;
	bool required;
} columns[COLUMN_COUNT] = {
	{"name", true}, {"model", true}, {"volume", true}, {"period", true},
	{"input_tokens", true}, {"output_tokens", true},
	{"cache_read_tokens", false}, {"cache_write_tokens", false},
	{"cache_write_1h_tokens", false}, {"batch_share", false},
	{"input_tokens_p95", false}, {"cache_write_30m_tokens", false},
	{"cache_write_12h_tokens", false}, {"service_tier", false},
	{"inference_geo", false},
};

static int64_t *count_field(struct workload *w, enum column c)
{
	switch (c) {
	case COL_VOLUME: return &w->volume;
	case COL_INPUT: return &w->input_tokens;
	case COL_OUTPUT: return &w->output_tokens;
	case COL_CACHE_READ: return &w->cache_read_tokens;
	case COL_CACHE_WRITE: return &w->cache_write_tokens;
	case COL_CACHE_WRITE_1H: return &w->cache_write_1h_tokens;
	case COL_INPUT_P95: return &w->input_tokens_p95;
	case COL_CACHE_WRITE_30M: return &w->cache_write_30m_tokens;
	case COL_CACHE_WRITE_12H: return &w->cache_write_12h_tokens;
	default: return NULL;
	}
}

/*
 * Sets one field of a workload from text. On failure fills `expected` and
 * `why` (empty when there is nothing to add) for the caller, who knows where
 * the text came from.
 */
static bool set_field(struct workload *w, enum column c, const char *text,
                      const char **expected, char *why, size_t why_size)
{
	int64_t *n = count_field(w, c);
	const char *reason = NULL;
	bool ok;

	why[0] = '\0';
	switch (c) {
	case COL_NAME:
	case COL_MODEL:
		*expected = c == COL_NAME ? "a workload name" : "a model id";
		if (!text[0]) {
			snprintf(why, why_size, "empty");
			return false;
		}
		if (strlen(text) > PROFILE_MAX_NAME) {
			snprintf(why, why_size, "longer than " PROFILE_MAX_NAME_TEXT " bytes");
			return false;
		}
		free(c == COL_NAME ? w->name : w->model);
		if (c == COL_NAME)
			w->name = strdup(text);
		else
			w->model = strdup(text);
		return (c == COL_NAME ? w->name : w->model) != NULL;
	case COL_PERIOD:
		*expected = "a period (hour, day, week, month or year)";
		return period_parse(text, &w->period);
	case COL_SERVICE_TIER:
		/* A name the model's catalogue entry resolves when it is priced. */
		*expected = "a service tier name (standard, flex, priority, fast, ultrafast)";
		if (!text[0] || strlen(text) > 40 || strspn(text, "abcdefghijklmnopqrstuvwxyz"
		                                            "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		                                            "0123456789-_") != strlen(text))
			return false;
		free(w->service_tier);
		return (w->service_tier = strdup(text)) != NULL;
	case COL_INFERENCE_GEO:
		*expected = "an inference geo (global or us)";
		if (strcmp(text, "global") != 0 && strcmp(text, "us") != 0)
			return false;
		free(w->inference_geo);
		w->inference_geo = NULL;
		return strcmp(text, "global") == 0 || (w->inference_geo = strdup(text)) != NULL;
	case COL_BATCH_SHARE:
		/* One reading, as for every share (models/number.h). An empty cell is
		 * not "all batch": a blank in a spreadsheet is more often a figure
		 * not yet filled in than a decision. */
		*expected = number_share_expected(NUMBER_SHARE_BATCH);
		if (!text[0]) {
			snprintf(why, why_size, "empty: write 1 or 100%% for all batch, or "
			         "leave the column out");
			return false;
		}
		return number_parse_share(NUMBER_SHARE_BATCH, text, &w->batch_share, why,
		                          why_size);
	case COL_VOLUME:
		*expected = "a whole number of requests (at most 10^12 per period)";
		ok = number_parse_int64(text, 0, PROFILE_MAX_VOLUME, n, &reason);
		break;
	default:
		*expected = "a whole number of tokens (at most 100,000,000 per request)";
		ok = number_parse_int64(text, 0, PROFILE_MAX_TOKENS, n, &reason);
		break;
	}
	if (!ok)
		snprintf(why, why_size, "%s", reason);
	return ok;
}

static void workload_defaults(struct workload *w)
{
	memset(w, 0, sizeof *w);
	w->batch_share = SHARE_SCALE;
}

static enum status add_workload(struct profile *p, size_t *capacity,
                                struct workload **out, struct diag *d)
{
	if (p->count == *capacity) {
		size_t cap = *capacity ? *capacity * 2 : 8;
		struct workload *bigger = realloc(p->workloads, cap * sizeof *bigger);
		if (!bigger)
			return diag_set(d, STATUS_IO, "out of memory");
		p->workloads = bigger;
		*capacity = cap;
	}
	*out = &p->workloads[p->count++];
	workload_defaults(*out);
	return STATUS_OK;
}

/*
 * The names seen so far: an open-addressing hash set (FNV-1a, linear probing,
 * at most half full), so that checking names are unique stays linear in the
 * size of the profile. A pairwise check took 40 s on 100,000 rows.
 */
struct name_set {
	const char **slots;
	size_t size, used;
};

static size_t name_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

static bool name_set_insert(const char **slots, size_t size, const char *name)
{
	size_t i = name_hash(name) & (size - 1);

	for (; slots[i]; i = (i + 1) & (size - 1))
		if (strcmp(slots[i], name) == 0)
			return false;
	slots[i] = name;
	return true;
}

/* Adds name (not copied); STATUS_INPUT when it is already there. */
static enum status name_set_add(struct name_set *set, const char *name,
                                struct diag *d)
{
	if (2 * (set->used + 1) > set->size) {
		size_t size = set->size ? set->size * 2 : 64;
		const char **slots = calloc(size, sizeof *slots);

		if (!slots)
			return diag_set(d, STATUS_IO, "out of memory");
		for (size_t i = 0; i < set->size; i++)
			if (set->slots[i])
				name_set_insert(slots, size, set->slots[i]);
		free(set->slots);
		set->slots = slots;
		set->size = size;
	}
	if (!name_set_insert(set->slots, set->size, name))
		return STATUS_INPUT;
	set->used++;
	return STATUS_OK;
}

static void name_set_release(struct name_set *set)
{
	free(set->slots);
	memset(set, 0, sizeof *set);
}

/* Checks what no single field shows: names unique, cache parts within the total. */
static enum status check_workload(struct name_set *names, const struct workload *w,
                                  const char *where, struct diag *d)
{
	enum status st = name_set_add(names, w->name, d);

	if (st == STATUS_INPUT)
		return diag_set(d, STATUS_INPUT,
		                "%s: expected a unique workload name, found \"%s\" "
		                "again", where, w->name);
	if (st != STATUS_OK)
		return st;
	if (w->cache_read_tokens + w->cache_write_tokens + w->cache_write_1h_tokens +
	    w->cache_write_30m_tokens + w->cache_write_12h_tokens > w->input_tokens)
		return diag_set(d, STATUS_INPUT,
		                "%s: workload %s: expected cache_read_tokens + "
		                "cache_write_tokens + cache_write_1h_tokens%s to be part of "
		                "input_tokens (the total prompt), found more than it",
		                where, w->name,
		                w->cache_write_30m_tokens || w->cache_write_12h_tokens
		                ? " + cache_write_30m_tokens + cache_write_12h_tokens" : "");
	if (w->input_tokens_p95 != 0 && w->input_tokens_p95 < w->input_tokens)
		return diag_set(d, STATUS_INPUT,
		                "%s: workload %s: expected input_tokens_p95 to be at "
		                "least input_tokens (the mean), found %lld < %lld",
		                where, w->name, (long long)w->input_tokens_p95,
		                (long long)w->input_tokens);
	return STATUS_OK;
}

/* ---- CSV ---- */

/* A field of the record being read, kept until the record is complete so
 * that a wrong number of fields (an unquoted "1,000") is reported as such,
 * before any value is read in the wrong column. */
struct csv_field {
	char *text;
	long line, column;
};

struct csv_state {
	struct csv_reader reader;      /* first: the callbacks get its address */
	struct profile *p;
	size_t capacity;
	int field;                     /* index within the record */
	int width;                     /* fields in the header; 0 before it */
	int map[COLUMN_COUNT];         /* record position -> enum column */
	bool seen[COLUMN_COUNT];
	struct csv_field fields[COLUMN_COUNT + 1]; /* + the first one too many */
	struct name_set names;
};

/* Records the first error, at the start of the current field. */
static void csv_fail(struct csv_state *s, const char *message)
{
	csv_read_fail(&s->reader, s->reader.field_line, s->reader.field_column,
	              "%s", message);
}

static void on_header(struct csv_state *s, const char *text)
{
	char msg[400];
	int found = -1;

	/* Case-insensitive, as model names are: a spreadsheet's "Name" is name. */
	for (int c = 0; c < COLUMN_COUNT; c++)
		if (strcasecmp(text, columns[c].name) == 0)
			found = c;
	if (found < 0) {
		snprintf(msg, sizeof msg,
		         "expected a column name (name, model, volume, period, "
		         "input_tokens, output_tokens, cache_read_tokens, "
		         "cache_write_tokens, cache_write_1h_tokens, batch_share, "
		         "input_tokens_p95, cache_write_30m_tokens, "
		         "cache_write_12h_tokens, service_tier, inference_geo), "
		         "found \"%.60s\"", text);
		csv_fail(s, msg);
	} else if (s->seen[found]) {
		snprintf(msg, sizeof msg,
		         "expected each column once, found \"%s\" again", text);
		csv_fail(s, msg);
	} else {
		s->seen[found] = true;
		s->map[s->field] = found;
	}
}

static void forget_fields(struct csv_state *s)
{
	for (int i = 0; i <= COLUMN_COUNT; i++) {
		free(s->fields[i].text);
		s->fields[i].text = NULL;
	}
}

static void on_value(struct csv_state *s, const char *text)
{
	struct csv_field *f;

	if (s->field > s->width)
		return; /* counted; the first extra field is the one reported */
	f = &s->fields[s->field];
	f->line = s->reader.field_line;
	f->column = s->reader.field_column;
	/* A cell the tool wrote neutralised against CSV injection ('=x, cli.h
	 * cli_csv_row) reads back as it was, so a profile round-trips. */
	if (text[0] == '\'' && text_csv_formula(text + 1))
		text++;
	if (!(f->text = strdup(text))) {
		s->reader.status = diag_set(s->reader.d, STATUS_IO, "out of memory");
		return;
	}
}

static bool all_digits(const char *text, size_t min, size_t max)
{
	size_t n = strspn(text, "0123456789");
	return text[n] == '\0' && n >= min && n <= max;
}

/* A record with one field too many: says so at the extra field, and names an
 * unquoted number with a thousands separator when that is the likely cause. */
static void too_many_fields(struct csv_state *s)
{
	const struct csv_field *extra = &s->fields[s->width];
	char msg[400];
	int n = snprintf(msg, sizeof msg,
	                 "expected %d fields as in the header, found another: \"%.60s\"",
	                 s->width, extra->text);

	for (int i = 1; i <= s->width && n > 0 && (size_t)n < sizeof msg; i++)
		if (all_digits(s->fields[i - 1].text, 1, 3) &&
		    all_digits(s->fields[i].text, 3, 3)) {
			snprintf(msg + n, sizeof msg - (size_t)n, " (a number written with "
			         "a thousands separator, %s,%s? write %s%s, without the comma)",
			         s->fields[i - 1].text, s->fields[i].text,
			         s->fields[i - 1].text, s->fields[i].text);
			break;
		}
	csv_read_fail(&s->reader, extra->line, extra->column, "%s", msg);
}

/* A complete record of the right width: its fields into a new workload. */
static void take_record(struct csv_state *s)
{
	struct workload *w;
	char msg[600], where[300], why[300];
	const char *expected;

	if (add_workload(s->p, &s->capacity, &w, s->reader.d)) {
		s->reader.status = STATUS_IO;
		return;
	}
	w->line = s->fields[0].line;
	for (int i = 0; i < s->width; i++) {
		const struct csv_field *f = &s->fields[i];
		enum column c = (enum column)s->map[i];

		if (!f->text[0] && !columns[c].required && c != COL_BATCH_SHARE)
			continue; /* an empty optional count is 0, its default */
		if (!set_field(w, c, f->text, &expected, why, sizeof why)) {
			snprintf(msg, sizeof msg, "%s: expected %s, found \"%.60s\"%s%s%s",
			         columns[c].name, expected, f->text, why[0] ? " (" : "", why,
			         why[0] ? ")" : "");
			csv_read_fail(&s->reader, f->line, f->column, "%s", msg);
			return;
		}
	}
	snprintf(where, sizeof where, "%s:%ld", s->p->origin, w->line);
	s->reader.status = check_workload(&s->names, w, where, s->reader.d);
}

static void on_field(struct csv_reader *r, const char *text, size_t len)
{
	struct csv_state *s = (struct csv_state *)r;

	(void)len;
	if (s->width == 0 && s->field >= COLUMN_COUNT)
		csv_fail(s, "expected at most one column of each kind, found more "
		            "columns than there are");
	else if (s->width == 0)
		on_header(s, text);
	else
		on_value(s, text);
	s->field++;
}

static void on_record(struct csv_reader *r)
{
	struct csv_state *s = (struct csv_state *)r;
	char msg[200];

	if (s->width == 0) {
		for (int c = 0; c < COLUMN_COUNT; c++)
			if (columns[c].required && !s->seen[c]) {
				snprintf(msg, sizeof msg, "expected a header row with the "
				         "column \"%s\", found no such column", columns[c].name);
				s->reader.field_column = 1;
				csv_fail(s, msg);
				return;
			}
		s->width = s->field;
	} else if (s->reader.status != STATUS_OK) {
		/* out of memory while keeping a field */
	} else if (s->field > s->width) {
		too_many_fields(s);
	} else if (s->field < s->width) {
		snprintf(msg, sizeof msg,
		         "expected %d fields as in the header, found %d", s->width,
		         s->field);
		csv_read_fail(&s->reader, s->fields[0].line, 1, "%s", msg);
	} else {
		take_record(s);
	}
	forget_fields(s);
	s->field = 0;
}

static enum status load_csv(const char *text, size_t len, struct profile *p,
                            struct diag *d)
{
	struct csv_state s;

	memset(&s, 0, sizeof s);
	s.reader.on_field = on_field;
	s.reader.on_record = on_record;
	s.reader.origin = p->origin;
	s.reader.d = d;
	s.p = p;
	csv_read(&s.reader, text, len);
	forget_fields(&s);
	name_set_release(&s.names);
	if (s.reader.status == STATUS_OK && s.width == 0)
		return diag_set(d, STATUS_INPUT,
		                "%s:1:1: expected a header row (name,model,volume,period,"
		                "input_tokens,output_tokens), found an empty file",
		                p->origin);
	if (s.reader.status == STATUS_OK && p->count == 0)
		return diag_set(d, STATUS_INPUT,
		                "%s:%ld:1: expected at least one workload after the "
		                "header, found none", p->origin, s.reader.line);
	return s.reader.status;
}

/* ---- JSON ---- */

/* The sections a JSON profile may hold: the workloads, and those the
 * commands read themselves (business.c, plan.c), which check their own keys.
 * A new section is added here, or every profile holding it is refused. */
static const char *const json_sections[] = {"workloads", "business", "plan", NULL};

static enum status load_json_workloads(const char *text, size_t len,
                                       struct profile *p, struct name_set *names,
                                       struct diag *d)
{
	struct json_where root_where = {p->origin, ""};
	const cJSON *list, *item;
	const char *keys[COLUMN_COUNT + 1];
	size_t capacity = 0, index = 0;
	enum status st;

	for (int c = 0; c < COLUMN_COUNT; c++)
		keys[c] = columns[c].name;
	keys[COLUMN_COUNT] = NULL;
	if ((st = json_parse(p->origin, text, len, &p->json, d)))
		return st;
	if (!cJSON_IsObject(p->json))
		return json_fail(&root_where, NULL, p->json,
		                 "an object with a \"workloads\" array", d);
	list = cJSON_GetObjectItemCaseSensitive(p->json, "workloads");
	/* Unknown keys beside the workloads are refused; without workloads, a
	 * key is named only when it looks like a misspelt section: a results
	 * line or a price file given by mistake is better told what it lacks. */
	cJSON_ArrayForEach(item, p->json)
		if (list || text_closest(item->string, json_sections))
			if ((st = json_only_keys(&root_where, p->json, json_sections, d)))
				return st;
	if (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0)
		return json_fail(&root_where, "workloads", list,
		                 "a non-empty array of workloads", d);
	cJSON_ArrayForEach(item, list) {
		struct json_where w;
		struct workload *wl;
		const cJSON *field;

		json_child(&w, &root_where, "workloads", (long)index++);
		if (!cJSON_IsObject(item))
			return json_fail(&w, NULL, item, "a workload object", d);
		/* A misspelt key would leave its field at the default: refused. */
		if ((st = json_only_keys(&w, item, keys, d)))
			return st;
		if ((st = add_workload(p, &capacity, &wl, d)))
			return st;
		wl->line = 0;
		for (int c = 0; c < COLUMN_COUNT; c++) {
			const char *expected;
			char numtext[64], why[300];
			const char *value;

			field = cJSON_GetObjectItemCaseSensitive(item, columns[c].name);
			if (!field) {
				if (columns[c].required)
					return json_fail(&w, columns[c].name, NULL,
					                 "a value (the field is required)", d);
				continue;
			}
			if (cJSON_IsString(field)) {
				value = field->valuestring;
			} else if (cJSON_IsNumber(field) && c != COL_NAME && c != COL_MODEL &&
			           c != COL_PERIOD && c != COL_SERVICE_TIER &&
			           c != COL_INFERENCE_GEO &&
			           json_number_text(field, numtext, sizeof numtext)) {
				value = numtext;
			} else {
				set_field(wl, (enum column)c, "", &expected, why, sizeof why);
				return json_fail(&w, columns[c].name, field, expected, d);
			}
			if (!set_field(wl, (enum column)c, value, &expected, why, sizeof why)) {
				char exp[600];
				snprintf(exp, sizeof exp, "%s%s%s%s", expected, why[0] ? " (" : "",
				         why, why[0] ? ")" : "");
				return json_fail(&w, columns[c].name, field, exp, d);
			}
		}
		{
			char where[300];
			snprintf(where, sizeof where, "%s: %s", p->origin, w.path);
			if ((st = check_workload(names, wl, where, d)))
				return st;
		}
	}
	return STATUS_OK;
}

static enum status load_json(const char *text, size_t len, struct profile *p,
                             struct diag *d)
{
	struct name_set names = {NULL, 0, 0};
	enum status st = load_json_workloads(text, len, p, &names, d);

	name_set_release(&names);
	return st;
}

enum status profile_load_text(const char *text, size_t len, const char *origin,
                              struct profile *p, struct diag *d)
{
	size_t skip = 0;
	enum status st;

	memset(p, 0, sizeof *p);
	if ((st = file_check_text(origin, text, len, d)))
		return st;
	if (!(p->origin = strdup(origin)))
		return diag_set(d, STATUS_IO, "out of memory");
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		/* A UTF-8 byte order mark, as spreadsheets write; positions in
		 * messages are counted after it. */
		text += 3;
		len -= 3;
	}
	while (skip < len && (text[skip] == ' ' || text[skip] == '\t' ||
	                      text[skip] == '\r' || text[skip] == '\n'))
		skip++;
	if (skip < len && (text[skip] == '{' || text[skip] == '['))
		st = load_json(text, len, p, d);
	else
		st = load_csv(text, len, p, d);
	if (st != STATUS_OK)
		profile_release(p);
	return st;
}

/* profile_load_text in file_load()'s shape. */
static enum status load_text(const char *text, size_t len, const char *origin,
                             void *target, struct diag *d)
{
	return profile_load_text(text, len, origin, target, d);
}

enum status profile_load_file(const char *path, struct profile *p, struct diag *d)
{
	return file_load(path, load_text, p, d);
}

enum status profile_load_builtin(struct profile *p, struct diag *d)
{
	return profile_load_text((const char *)data_scenarios_seed_csv,
	                         data_scenarios_seed_csv_len,
	                         "built-in data/scenarios/seed.csv", p, d);
}

void profile_release(struct profile *p)
{
	for (size_t i = 0; i < p->count; i++)
		workload_release(&p->workloads[i]);
	free(p->workloads);
	free(p->origin);
	cJSON_Delete(p->json);
	memset(p, 0, sizeof *p);
}
