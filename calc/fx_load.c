#include "fx_load.h"

#include "files.h"
#include "../models/number.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FX_MAX_RATE (1000000000LL * FX_SCALE) /* 10^9 units per USD */

bool fx_parse_rate(const char *text, int64_t *micro, const char **why)
{
	if (!number_parse_scaled(text, FX_DECIMALS, 0, FX_MAX_RATE, micro, why))
		return false;
	if (*micro == 0) {
		*why = "a rate of 0";
		return false;
	}
	return true;
}

bool fx_valid_code(const char *text)
{
	if (strlen(text) != 3)
		return false;
	for (int i = 0; i < 3; i++)
		if (text[i] < 'A' || text[i] > 'Z')
			return false;
	return true;
}

struct line_fields {
	char text[3][64];
	int count;
	bool too_long;
};

static void on_field(void *data, size_t len, void *arg)
{
	struct line_fields *f = arg;

	if (f->count < 3) {
		if (len >= sizeof f->text[0])
			f->too_long = true;
		snprintf(f->text[f->count], sizeof f->text[0], "%.*s", (int)len,
		         data ? (const char *)data : "");
	}
	f->count++;
}

/* Splits one line into fields (RFC 4180 quoting, via libcsv). */
static bool split_line(const char *line, size_t len, struct line_fields *f)
{
	struct csv_parser parser;
	bool ok;

	memset(f, 0, sizeof *f);
	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return false;
	ok = csv_parse(&parser, line, len, on_field, NULL, f) == len &&
	     csv_fini(&parser, on_field, NULL, f) == 0;
	csv_free(&parser);
	return ok;
}

static enum status add_row(struct fx_table *t, size_t *capacity, const char *origin,
                           long line, const struct line_fields *f, struct diag *d)
{
	struct fx_row *r;
	const char *why = NULL;

	if (t->count == *capacity) {
		size_t cap = *capacity ? *capacity * 2 : 32;
		struct fx_row *bigger = realloc(t->rows, cap * sizeof *bigger);
		if (!bigger)
			return diag_set(d, STATUS_IO, "out of memory");
		t->rows = bigger;
		*capacity = cap;
	}
	r = &t->rows[t->count];
	r->line = line;
	if (f->count != 3)
		return diag_set(d, STATUS_INPUT, "%s:%ld: expected 3 fields "
		                "(date,currency,rate), found %d", origin, line, f->count);
	if (!date_parse(f->text[0], &r->day, &why))
		return diag_set(d, STATUS_INPUT, "%s:%ld: date: expected YYYY-MM-DD, "
		                "found \"%s\" (%s)", origin, line, f->text[0], why);
	if (!fx_valid_code(f->text[1]))
		return diag_set(d, STATUS_INPUT, "%s:%ld: currency: expected a code of "
		                "three capital letters such as EUR, found \"%s\"",
		                origin, line, f->text[1]);
	memcpy(r->currency, f->text[1], 4);
	if (!fx_parse_rate(f->text[2], &r->micro, &why))
		return diag_set(d, STATUS_INPUT, "%s:%ld: rate: expected units per USD, "
		                "> 0 with at most 6 decimals, found \"%s\" (%s)", origin,
		                line, f->text[2], why);
	t->count++;
	return STATUS_OK;
}

enum status fx_load_text(const char *text, size_t len, const char *origin,
                         struct fx_table *t, struct diag *d)
{
	size_t capacity = 0, at = 0;
	long line = 0;
	bool header = false;
	enum status st = STATUS_OK;

	memset(t, 0, sizeof *t);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		at = 3;
	while (at < len && st == STATUS_OK) {
		const char *start = text + at, *nl = memchr(start, '\n', len - at);
		size_t n = nl ? (size_t)(nl - start) : len - at;
		struct line_fields f;

		at += n + (nl ? 1 : 0);
		line++;
		if (n > 0 && start[n - 1] == '\r')
			n--;
		if (n == 0 || start[0] == '#')
			continue;
		if (!split_line(start, n, &f) || f.too_long) {
			st = diag_set(d, STATUS_INPUT, "%s:%ld: expected well-formed CSV "
			              "fields of under 64 bytes, found \"%.*s\"", origin,
			              line, (int)(n < 40 ? n : 40), start);
		} else if (!header) {
			if (f.count != 3 || strcmp(f.text[0], "date") != 0 ||
			    strcmp(f.text[1], "currency") != 0 || strcmp(f.text[2], "rate") != 0)
				st = diag_set(d, STATUS_INPUT, "%s:%ld: expected the header "
				              "date,currency,rate, found \"%.*s\"", origin,
				              line, (int)(n < 60 ? n : 60), start);
			header = true;
		} else {
			st = add_row(t, &capacity, origin, line, &f, d);
		}
	}
	if (st == STATUS_OK && t->count == 0)
		st = diag_set(d, STATUS_INPUT, "%s: expected a header and at least one "
		              "rate, found none", origin);
	if (st == STATUS_OK)
		st = fx_table_finish(t, origin, d);
	if (st != STATUS_OK)
		fx_table_release(t);
	return st;
}

/* fx_load_text in file_load()'s shape. */
static enum status load_text(const char *text, size_t len, const char *origin,
                             void *target, struct diag *d)
{
	return fx_load_text(text, len, origin, target, d);
}

enum status fx_load_file(const char *path, struct fx_table *t, struct diag *d)
{
	return file_load(path, load_text, t, d);
}
