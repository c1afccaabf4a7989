#include "usage_read.h"

#include "csv_read.h"
#include "../models/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum status usage_loader_begin(struct usage_loader *l, struct usage_set *set,
                               const char *origin, const char *provider,
                               const char *format, struct diag *d)
{
	struct usage_file *more, *f;

	l->set = set;
	l->d = d;
	l->first_row = set->count;
	more = realloc(set->files, (set->file_count + 1) * sizeof *more);
	if (!more)
		return diag_set(d, STATUS_IO, "out of memory");
	set->files = more;
	f = &set->files[set->file_count];
	memset(f, 0, sizeof *f);
	if (!(f->path = strdup(origin)))
		return diag_set(d, STATUS_IO, "out of memory");
	f->format = format;
	f->provider = provider;
	f->first = DATE_OPEN_END;
	f->last = INT32_MIN;
	l->file = set->file_count++;
	return STATUS_OK;
}

static void row_release(struct usage_row *r)
{
	free(r->model);
	free(r->item);
	free(r->scope);
	free(r->where);
}

enum status usage_loader_end(struct usage_loader *l, enum status st)
{
	struct usage_set *set = l->set;

	if (st == STATUS_OK)
		return st;
	while (set->count > l->first_row)
		row_release(&set->rows[--set->count]);
	if (set->file_count == l->file + 1) {
		free(set->files[l->file].path);
		set->file_count--;
	}
	return st;
}

static char *copy(const char *s)
{
	return strdup(s ? s : "");
}

enum status usage_add(struct usage_loader *l, const struct usage_row *proto,
                      const char *model, const char *item, const char *scope,
                      const char *where)
{
	struct usage_set *set = l->set;
	struct usage_file *f = &set->files[l->file];
	struct usage_row *r;

	if (set->count >= USAGE_MAX_ROWS)
		return diag_set(l->d, STATUS_INPUT, "%s: expected at most %d rows in "
		                "all the reports, found more", f->path, USAGE_MAX_ROWS);
	if (set->count == set->capacity) {
		size_t cap = set->capacity ? set->capacity * 2 : 256;
		struct usage_row *bigger = realloc(set->rows, cap * sizeof *bigger);
		if (!bigger)
			return diag_set(l->d, STATUS_IO, "out of memory");
		set->rows = bigger;
		set->capacity = cap;
	}
	r = &set->rows[set->count];
	*r = *proto;
	r->model = copy(model);
	r->item = copy(item);
	r->scope = copy(scope);
	r->where = copy(where);
	r->model_id = NULL;
	r->provider = f->provider;
	r->file = l->file;
	if (!r->model || !r->item || !r->scope || !r->where) {
		row_release(r);
		return diag_set(l->d, STATUS_IO, "out of memory");
	}
	set->count++;
	f->rows++;
	f->money |= r->has_amount;
	f->tokens |= r->kind == USAGE_TOKENS && r->has_quantity;
	f->requests |= r->kind == USAGE_REQUESTS;
	usage_cover(l, r->day, r->day);
	return STATUS_OK;
}

void usage_cover(struct usage_loader *l, date_days first, date_days last)
{
	struct usage_file *f = &l->set->files[l->file];

	if (first < f->first)
		f->first = first;
	if (last > f->last)
		f->last = last;
}

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

/* Reports cover 1970 to 9999 (Unix seconds cannot say earlier). */
#define UNIX_MAX ((int64_t)2932896 * 86400) /* 9999-12-31 + 1 day */

bool usage_day_of_unix(int64_t seconds, date_days *day, date_days *end_day)
{
	if (seconds < 0 || seconds >= UNIX_MAX)
		return false;
	*day = (date_days)(seconds / 86400);
	*end_day = seconds == 0 ? 0 : (date_days)((seconds - 1) / 86400);
	return true;
}

bool usage_parse_time(const char *text, date_days *day, date_days *end_day,
                      const char **why)
{
	int year, month, mday, hour = 0, minute = 0, second = 0, oh, om;
	const char *p = text + 10;
	int64_t offset = 0, seconds;

	*why = "not a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM:SSZ";
	if (strlen(text) < 10 || !digits(text, 4, &year) || text[4] != '-' ||
	    !digits(text + 5, 2, &month) || text[7] != '-' || !digits(text + 8, 2, &mday))
		return false;
	if (year < 1970 || month < 1 || month > 12 || mday < 1 ||
	    mday > date_days_in_month(year, month)) {
		*why = "no such date";
		return false;
	}
	if (*p == 'T' || *p == 't' || *p == ' ') {
		if (!digits(p + 1, 2, &hour) || p[3] != ':' || !digits(p + 4, 2, &minute))
			return false;
		p += 6;
		if (*p == ':') {
			if (!digits(p + 1, 2, &second))
				return false;
			p += 3;
			if (*p == '.') {
				if (!(p[1] >= '0' && p[1] <= '9'))
					return false;
				for (p++; *p >= '0' && *p <= '9'; p++)
					;
			}
		}
		if (hour > 23 || minute > 59 || second > 60) {
			*why = "no such time";
			return false;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (strcmp(p, " UTC") == 0) {
			p += 4;
		} else if ((*p == '+' || *p == '-') && digits(p + 1, 2, &oh) &&
		           (p[3] == ':' ? digits(p + 4, 2, &om) : digits(p + 3, 2, &om)) &&
		           oh <= 23 && om <= 59) {
			offset = (*p == '-' ? -1 : 1) * (oh * 3600 + om * 60);
			p += p[3] == ':' ? 6 : 5;
		}
	}
	if (*p != '\0') {
		*why = "text after the time (or a zone other than Z, UTC or +HH:MM)";
		return false;
	}
	/* A leap second (:60) is read as the next second's start. */
	seconds = (int64_t)date_from_civil(year, month, mday) * 86400 + hour * 3600 +
	          minute * 60 + second - offset;
	if (!usage_day_of_unix(seconds, day, end_day)) {
		*why = "before 1970";
		return false;
	}
	return true;
}

bool usage_parse_count(const char *text, int64_t *out, const char **why)
{
	char whole[32];
	const char *point = strchr(text, '.');
	size_t n = point ? (size_t)(point - text) : strlen(text);

	if (point) {
		/* Console exports write counts as floats ("10.0"). */
		if (!point[1]) {
			*why = "a '.' without digits after it";
			return false;
		}
		for (const char *p = point + 1; *p; p++)
			if (*p != '0') {
				*why = *p >= '1' && *p <= '9' ? "a fraction where a whole "
				       "number is needed" : "trailing characters";
				return false;
			}
	}
	if (n >= sizeof whole) {
		*why = "too large";
		return false;
	}
	memcpy(whole, text, n);
	whole[n] = '\0';
	return number_parse_int64(whole, 0, USAGE_MAX_COUNT, out, why);
}

bool usage_parse_amount(const char *text, int decimals, money *out,
                        const char **why)
{
	char buf[128];
	size_t n = strlen(text);
	number_wide v;
	bool inexact;

	if (n == 0 || n >= sizeof buf) {
		*why = n ? "too long" : "empty";
		return false;
	}
	memcpy(buf, text, n + 1);
	/* Trailing zeros of a fraction carry nothing ("0.8958740000000000"), and
	 * would count against the scanner's 30 significant digits. */
	if (strchr(buf, '.') && !strpbrk(buf, "eE")) {
		while (n > 0 && buf[n - 1] == '0')
			buf[--n] = '\0';
		if (n > 0 && buf[n - 1] == '.')
			buf[--n] = '\0';
	}
	if (!number_scan_scientific(buf, decimals, &v, &inexact, why))
		return false;
	if (v > (number_wide)1000000000000 * 1000000000000 ||
	    v < -(number_wide)1000000000000 * 1000000000000) {
		*why = "more than 10^12 dollars";
		return false;
	}
	out->pico = v;
	return true;
}

enum status usage_json_count(const struct json_where *w, const cJSON *obj,
                             const char *key, bool *present, int64_t *out,
                             struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char text[64], expected[128];
	const char *why = "not a number";

	*present = v && !cJSON_IsNull(v);
	if (!*present)
		return STATUS_OK;
	if (json_number_text(v, text, sizeof text) && usage_parse_count(text, out, &why))
		return STATUS_OK;
	snprintf(expected, sizeof expected, "a whole count from 0 to 10^15 (%s)", why);
	return json_fail(w, key, v, expected, d);
}

enum status usage_json_amount(const struct json_where *w, const cJSON *obj,
                              const char *key, int decimals, bool *present,
                              money *out, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char text[128], expected[160];
	const char *why = "not a number";

	*present = v && !cJSON_IsNull(v);
	if (!*present)
		return STATUS_OK;
	if ((cJSON_IsString(v) || cJSON_IsNumber(v)) &&
	    json_number_text(v, text, sizeof text) &&
	    usage_parse_amount(text, decimals, out, &why))
		return STATUS_OK;
	snprintf(expected, sizeof expected, "an amount in %s, a number or a decimal "
	         "string (%s)", decimals == 10 ? "cents" : "dollars", why);
	return json_fail(w, key, v, expected, d);
}

enum status usage_json_text(const struct json_where *w, const cJSON *obj,
                            const char *key, const char **out, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (!v || cJSON_IsNull(v))
		return STATUS_OK;
	if (!cJSON_IsString(v))
		return json_fail(w, key, v, "a string or null", d);
	*out = v->valuestring;
	return STATUS_OK;
}

void usage_where_json(const struct json_where *w, char *buf, size_t size)
{
	snprintf(buf, size, "%s: %s", w->origin, w->path[0] ? w->path : "top level");
}

/* Reading a CSV export whole. */
struct table_reader {
	struct csv_reader csv; /* first: the callbacks get its address */
	struct usage_table *t;
	struct usage_field *fields;
	size_t count, capacity;
};

static void on_field(struct csv_reader *r, const char *text, size_t len)
{
	struct table_reader *tr = (struct table_reader *)r;
	struct usage_field *f;

	if (tr->count == tr->capacity) {
		size_t cap = tr->capacity ? tr->capacity * 2 : 16;
		struct usage_field *bigger;
		if (cap > 4096) {
			csv_read_fail(r, r->field_line, r->field_column,
			              "expected at most 4096 fields a record, found more");
			return;
		}
		if (!(bigger = realloc(tr->fields, cap * sizeof *bigger))) {
			r->status = diag_set(r->d, STATUS_IO, "out of memory");
			return;
		}
		tr->fields = bigger;
		tr->capacity = cap;
	}
	f = &tr->fields[tr->count];
	if (!(f->text = malloc(len + 1))) {
		r->status = diag_set(r->d, STATUS_IO, "out of memory");
		return;
	}
	memcpy(f->text, text, len);
	f->text[len] = '\0';
	f->line = r->field_line;
	f->column = r->field_column;
	tr->count++;
}

static void drop_fields(struct usage_field *fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(fields[i].text);
	free(fields);
}

static void on_record(struct csv_reader *r)
{
	struct table_reader *tr = (struct table_reader *)r;
	struct usage_table *t = tr->t;
	struct usage_record *rec;
	bool blank = tr->count == 1 && tr->fields[0].text[0] == '\0';

	if (blank || tr->count == 0) { /* a blank line */
		drop_fields(tr->fields, tr->count);
		tr->fields = NULL;
		tr->count = tr->capacity = 0;
		return;
	}
	/* Empty fields past the header's are a spreadsheet's trailing
	 * separators (seen in real exports); a value there is an error. */
	while (t->count > 0 && tr->count > t->records[0].count &&
	       tr->fields[tr->count - 1].text[0] == '\0')
		free(tr->fields[--tr->count].text);
	if (t->count > 0 && tr->count > t->records[0].count) {
		const struct usage_field *f = &tr->fields[t->records[0].count];
		csv_read_fail(r, f->line, f->column, "expected at most %zu fields (the "
		              "header's), found %zu", t->records[0].count, tr->count);
		return;
	}
	if (t->count >= (size_t)USAGE_MAX_ROWS) {
		csv_read_fail(r, r->field_line, r->field_column, "expected at most %d "
		              "records, found more", USAGE_MAX_ROWS);
		return;
	}
	if (t->count == t->capacity) {
		size_t cap = t->capacity ? t->capacity * 2 : 64;
		struct usage_record *bigger = realloc(t->records, cap * sizeof *bigger);
		if (!bigger) {
			r->status = diag_set(r->d, STATUS_IO, "out of memory");
			return;
		}
		t->records = bigger;
		t->capacity = cap;
	}
	rec = &t->records[t->count++];
	rec->fields = tr->fields;
	rec->count = tr->count;
	tr->fields = NULL;
	tr->count = tr->capacity = 0;
}

enum status usage_table_read(const char *text, size_t len, const char *origin,
                             char delim, struct usage_table *t, struct diag *d)
{
	struct table_reader tr;
	enum status st;

	memset(t, 0, sizeof *t);
	t->origin = origin;
	memset(&tr, 0, sizeof tr);
	tr.t = t;
	tr.csv.on_field = on_field;
	tr.csv.on_record = on_record;
	tr.csv.origin = origin;
	tr.csv.d = d;
	tr.csv.delim = delim;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	st = csv_read(&tr.csv, text, len);
	drop_fields(tr.fields, tr.count);
	if (st == STATUS_OK && t->count == 0)
		st = diag_set(d, STATUS_INPUT, "%s:1:1: expected a header row, found an "
		              "empty file", origin);
	if (st != STATUS_OK)
		usage_table_release(t);
	return st;
}

void usage_table_release(struct usage_table *t)
{
	for (size_t i = 0; i < t->count; i++)
		drop_fields(t->records[i].fields, t->records[i].count);
	free(t->records);
	t->records = NULL;
	t->count = t->capacity = 0;
}

/* Compares a header name, blanks around it ignored. */
static bool header_is(const char *text, const char *name)
{
	size_t n = strlen(name);

	while (*text == ' ' || *text == '\t')
		text++;
	if (strncasecmp(text, name, n) != 0)
		return false;
	for (text += n; *text == ' ' || *text == '\t'; text++)
		;
	return *text == '\0';
}

int usage_table_column(const struct usage_table *t, const char *const *names)
{
	const struct usage_record *h = &t->records[0];

	for (; *names; names++)
		for (size_t c = 0; c < h->count; c++)
			if (header_is(h->fields[c].text, *names))
				return (int)c;
	return -1;
}

const char *usage_table_text(const struct usage_table *t, size_t r, int c)
{
	const struct usage_record *rec = &t->records[r];
	const char *s;

	if (c < 0 || (size_t)c >= rec->count)
		return "";
	s = rec->fields[c].text;
	return strcmp(s, "--") == 0 ? "" : s;
}

enum status usage_table_fail(const struct usage_table *t, size_t r, int c,
                             const char *expected, const char *why,
                             struct diag *d)
{
	const struct usage_record *rec = &t->records[r];
	const struct usage_field *f;
	char found[80];

	if (c < 0 || (size_t)c >= rec->count) {
		f = &rec->fields[0];
		return diag_set(d, STATUS_INPUT, "%s:%ld:1: expected %s, found an empty "
		                "field", t->origin, f->line, expected);
	}
	f = &rec->fields[c];
	snprintf(found, sizeof found, "%.60s", f->text);
	return diag_set(d, STATUS_INPUT, "%s:%ld:%ld: %.60s: expected %s, found \"%s\"%s%s%s",
	                t->origin, f->line, f->column, t->records[0].fields[c].text,
	                expected, found, why ? " (" : "", why ? why : "", why ? ")" : "");
}

bool usage_looks_json(const char *text, size_t len)
{
	size_t i = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	while (i < len && strchr(" \t\r\n", text[i]) && text[i])
		i++;
	return i < len && (text[i] == '{' || text[i] == '[');
}

char usage_csv_delim(const char *text, size_t len)
{
	bool tab = false, comma = false;

	for (size_t i = 0; i < len && text[i] != '\n' && text[i] != '\r'; i++) {
		tab |= text[i] == '\t';
		comma |= text[i] == ',';
	}
	return tab && !comma ? '\t' : ',';
}
