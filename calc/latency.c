#include "latency.h"

#include "csv_read.h"
#include "embedded.h"
#include "files.h"
#include "../models/number.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const day_names[7] = {"mon", "tue", "wed", "thu", "fri",
                                         "sat", "sun"};

const char *latency_day_name(int day)
{
	return day >= 0 && day < 7 ? day_names[day] : "?";
}

int latency_day_parse(const char *text)
{
	for (int i = 0; i < 7; i++)
		if (strcasecmp(text, day_names[i]) == 0)
			return i;
	return -1;
}

enum field { F_PROVIDER, F_DAY, F_HOUR, F_MEDIAN, F_P95, F_BATCHES, F_LOW, F_HIGH,
             FIELD_COUNT };
static const char *const field_names[FIELD_COUNT] = {
	"provider", "day", "hour_utc", "median_hours", "p95_hours", "batches",
	"median_low_hours", "median_high_hours"};
#define FIELD_LIST "provider, day, hour_utc, median_hours, p95_hours, batches, " \
                   "median_low_hours, median_high_hours"

struct reader {
	struct csv_reader csv;  /* first: the callbacks get its address */
	struct sla_profile *p;
	long record_line;
	bool header_done;
	int field, width;
	int column_field[FIELD_COUNT];  /* the field of each column */
	int field_column[FIELD_COUNT];  /* the column of each field, -1: absent */
	char cell[FIELD_COUNT][64];
	long cell_column[FIELD_COUNT];
	bool seen[SLA_WEEK_HOURS];
	long seen_line[SLA_WEEK_HOURS];
	long provider_line;
	int rows;
};

static void on_header_field(struct reader *r, const char *text)
{
	int f;

	for (f = 0; f < FIELD_COUNT; f++)
		if (strcmp(text, field_names[f]) == 0)
			break;
	if (f == FIELD_COUNT) {
		csv_read_fail(&r->csv, r->csv.field_line, r->csv.field_column,
		        "expected a column of a latency profile (" FIELD_LIST "), found "
		        "\"%.60s\"", text);
	} else if (r->field_column[f] >= 0) {
		csv_read_fail(&r->csv, r->csv.field_line, r->csv.field_column,
		        "expected each column once, found \"%s\" again (first column %d)",
		        text, r->field_column[f] + 1);
	} else {
		r->field_column[f] = r->field;
		r->column_field[r->field] = f;
	}
}

static void on_field(struct csv_reader *csv, const char *text, size_t len)
{
	struct reader *r = (struct reader *)csv;

	if (r->field >= (r->header_done ? r->width : FIELD_COUNT)) {
		csv_read_fail(&r->csv, r->csv.field_line, r->csv.field_column,
		        "expected %s fields, found another: \"%.60s\"",
		        r->header_done ? "only the header's" : "at most 8", text);
	} else if (!r->header_done) {
		on_header_field(r, text);
	} else {
		int f = r->column_field[r->field];
		if (r->field == 0)
			r->record_line = r->csv.field_line;
		r->cell_column[f] = r->csv.field_column;
		if (len >= sizeof r->cell[0])
			csv_read_fail(&r->csv, r->csv.field_line, r->csv.field_column,
			        "%s: expected a short value, found \"%.60s\"",
			        field_names[f], text);
		else
			memcpy(r->cell[f], text, len + 1);
	}
	r->field++;
}

/* Checks one field of a row; false (with the error set) when it is bad. */
static bool field_ok(struct reader *r, enum field f, bool ok, const char *expected,
                     const char *why)
{
	char msg[200];

	if (ok)
		return true;
	snprintf(msg, sizeof msg, "%s: expected %s, found", field_names[f], expected);
	csv_read_fail(&r->csv, r->record_line, r->cell_column[f], "%s \"%s\"", msg,
	              r->cell[f]);
	if (why) {
		size_t n = strlen(r->csv.d->text);
		snprintf(r->csv.d->text + n, sizeof r->csv.d->text - n, " (%s)", why);
	}
	return false;
}

/* A catalogue provider id as written: lowercase letters, digits, '-', '_'. */
static bool provider_id_ok(const char *text)
{
	size_t n = strlen(text);

	if (n == 0 || n >= SLA_PROVIDER_SIZE)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= '0' && text[i] <= '9') ||
		      text[i] == '-' || text[i] == '_'))
			return false;
	return true;
}

static bool has(const struct reader *r, enum field f)
{
	return r->field_column[f] >= 0;
}

static void on_row(struct reader *r)
{
	const char *why = NULL;
	int day, h;
	int64_t hour, batches = 0;
	double median, p95, low = 0.0, high = 0.0;
	char expected[96];
	bool ok;

	if (has(r, F_PROVIDER)) {
		ok = provider_id_ok(r->cell[F_PROVIDER]);
		if (!field_ok(r, F_PROVIDER, ok, "a provider id of the catalogue such as "
		              "anthropic, openai or google", NULL))
			return;
		snprintf(expected, sizeof expected, "the same provider on every row "
		         "(\"%s\" on line %ld)", r->p->provider, r->provider_line);
		ok = r->rows == 0 || strcmp(r->p->provider, r->cell[F_PROVIDER]) == 0;
		if (!field_ok(r, F_PROVIDER, ok, expected, NULL))
			return;
		if (r->rows == 0) {
			snprintf(r->p->provider, sizeof r->p->provider, "%s", r->cell[F_PROVIDER]);
			r->provider_line = r->record_line;
		}
	}
	/* Each parse runs before its check reads `why`. */
	ok = (day = latency_day_parse(r->cell[F_DAY])) >= 0;
	if (!field_ok(r, F_DAY, ok, "mon, tue, wed, thu, fri, sat or sun", NULL))
		return;
	ok = number_parse_int64(r->cell[F_HOUR], 0, 23, &hour, &why);
	if (!field_ok(r, F_HOUR, ok, "an hour from 0 to 23", why))
		return;
	ok = number_parse_double(r->cell[F_MEDIAN], 0.001, 1000, &median, &why);
	if (!field_ok(r, F_MEDIAN, ok, "hours from 0.001 to 1000", why))
		return;
	ok = number_parse_double(r->cell[F_P95], 0.001, 1000, &p95, &why);
	if (!field_ok(r, F_P95, ok, "hours from 0.001 to 1000", why))
		return;
	snprintf(expected, sizeof expected, "more hours than median_hours (%s)",
	         r->cell[F_MEDIAN]);
	if (!field_ok(r, F_P95, p95 > median, expected, NULL))
		return;
	if (has(r, F_BATCHES) && r->cell[F_BATCHES][0]) {
		ok = number_parse_int64(r->cell[F_BATCHES], 0, INT64_MAX / 2, &batches, &why);
		if (!field_ok(r, F_BATCHES, ok, "a whole number >= 0", why))
			return;
	}
	if (has(r, F_LOW) && (r->cell[F_LOW][0] || r->cell[F_HIGH][0])) {
		snprintf(expected, sizeof expected, "hours from 0.0001 to median_hours (%s)",
		         r->cell[F_MEDIAN]);
		ok = number_parse_double(r->cell[F_LOW], 0.0001, 1000, &low, &why);
		if (!field_ok(r, F_LOW, ok && low <= median, expected, ok ? NULL : why))
			return;
		snprintf(expected, sizeof expected, "hours from median_hours (%s) to 1000",
		         r->cell[F_MEDIAN]);
		ok = number_parse_double(r->cell[F_HIGH], 0.0001, 1000, &high, &why);
		if (!field_ok(r, F_HIGH, ok && high >= median, expected, ok ? NULL : why))
			return;
	}
	h = day * 24 + (int)hour;
	snprintf(expected, sizeof expected, "each hour of the week once (first on "
	         "line %ld)", r->seen_line[h]);
	if (!field_ok(r, F_DAY, !r->seen[h], expected, NULL))
		return;
	r->seen[h] = true;
	r->seen_line[h] = r->record_line;
	r->p->bucket[h].median_hours = median;
	r->p->bucket[h].p95_hours = p95;
	r->p->batches[h] = batches;
	r->p->median_low[h] = low;
	r->p->median_high[h] = high;
	r->rows++;
}

static void on_record(struct csv_reader *csv)
{
	struct reader *r = (struct reader *)csv;

	if (!r->header_done) {
		static const enum field required[] = {F_DAY, F_HOUR, F_MEDIAN, F_P95};
		r->width = r->field;
		r->header_done = true;
		for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
			if (!has(r, required[i])) {
				csv_read_fail(&r->csv, r->csv.field_line, 1, "expected the column "
				              "\"%s\" in the header, found none",
				              field_names[required[i]]);
				break;
			}
		if (has(r, F_LOW) != has(r, F_HIGH))
			csv_read_fail(&r->csv, r->csv.field_line, 1, "expected the columns "
			              "median_low_hours and median_high_hours together, found "
			              "only %s", has(r, F_LOW) ? "median_low_hours"
			                                        : "median_high_hours");
	} else {
		if (r->field < r->width) {
			csv_read_fail(&r->csv, r->record_line, 1,
			        "expected %d fields as in the header, found %d", r->width,
			        r->field);
		} else {
			on_row(r);
		}
	}
	r->field = 0;
}

enum status latency_load_text(const char *text, size_t len, const char *origin,
                              struct sla_profile *p, struct diag *d)
{
	struct reader r;

	memset(&r, 0, sizeof r);
	for (int f = 0; f < FIELD_COUNT; f++)
		r.field_column[f] = -1;
	memset(p->provider, 0, sizeof p->provider);
	r.csv.on_field = on_field;
	r.csv.on_record = on_record;
	r.csv.origin = origin;
	r.csv.d = d;
	r.p = p;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3; /* a UTF-8 byte order mark, as spreadsheets write */
		len -= 3;
	}
	if (csv_read(&r.csv, text, len) == STATUS_OK && r.rows < SLA_WEEK_HOURS) {
		if (!r.header_done) {
			csv_read_fail(&r.csv, r.csv.line, 1, "expected a header row (day,"
			              "hour_utc,median_hours,p95_hours,...), found none");
		} else {
			for (int h = 0; h < SLA_WEEK_HOURS; h++)
				if (!r.seen[h]) {
					csv_read_fail(&r.csv, r.csv.line, 1, "expected a row for every "
					              "hour of the week (168), found none for %s "
					              "hour_utc %d", day_names[h / 24], h % 24);
					break;
				}
		}
	}
	return r.csv.status;
}

/* latency_load_text in file_load()'s shape. */
static enum status load_text(const char *text, size_t len, const char *origin,
                             void *target, struct diag *d)
{
	return latency_load_text(text, len, origin, target, d);
}

enum status latency_load_file(const char *path, struct sla_profile *p,
                              struct diag *d)
{
	return file_load(path, load_text, p, d);
}

enum status latency_load_builtin(struct sla_profile *p, struct diag *d)
{
	return latency_load_text((const char *)data_latency_anthropic_csv,
	                         data_latency_anthropic_csv_len,
	                         LATENCY_BUILTIN_ORIGIN, p, d);
}

const char *latency_hours_text(double h, char buf[32])
{
	size_t n;

	snprintf(buf, 32, "%.4f", h);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

/* The 4-decimal text of h, and the value it reads back as. */
static double written(double h, char buf[32])
{
	latency_hours_text(h, buf);
	return strtod(buf, NULL);
}

void latency_write(FILE *out, const struct sla_profile *p, const char *comment)
{
	const char *line = comment;
	bool provider = p->provider[0] != '\0', interval = sla_profile_has_interval(p);

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		fprintf(out, "# %.*s\n", (int)n, line);
		line += n + (end ? 1 : 0);
	}
	fprintf(out, "%sday,hour_utc,median_hours,p95_hours,batches%s\n",
	        provider ? "provider," : "",
	        interval ? ",median_low_hours,median_high_hours" : "");
	for (int h = 0; h < SLA_WEEK_HOURS; h++) {
		char median[32], p95[32], low[32], high[32];
		double m = written(p->bucket[h].median_hours, median);

		/* Rounding must not break what the loader checks. */
		if (written(p->bucket[h].p95_hours, p95) <= m)
			written(m + 0.0001, p95);
		if (provider)
			fprintf(out, "%s,", p->provider);
		fprintf(out, "%s,%d,%s,%s,%lld", day_names[h / 24], h % 24, median, p95,
		        (long long)p->batches[h]);
		if (interval) {
			double lo = written(p->median_low[h], low);
			if (lo > m || lo < 0.0001)
				written(lo > m ? m : 0.0001, low);
			if (written(p->median_high[h], high) < m)
				written(m, high);
			fprintf(out, ",%s,%s", low, high);
		}
		fputc('\n', out);
	}
}
