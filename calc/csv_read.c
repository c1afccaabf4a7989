#include "csv_read.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>

void csv_read_fail(struct csv_reader *r, long line, long column,
                   const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	if (r->status != STATUS_OK)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->status = diag_set(r->d, STATUS_INPUT, "%s:%ld:%ld: %s", r->origin, line,
	                     column, msg);
}

struct feed {
	struct csv_reader *r;
	int fields; /* in the current record */
};

static void field_cb(void *data, size_t len, void *arg)
{
	struct feed *f = arg;

	if (f->r->status == STATUS_OK)
		f->r->on_field(f->r, data ? data : "", data ? len : 0);
	f->fields++;
	f->r->awaiting_field = true;
	f->r->after_record = false;
}

static void record_cb(int terminator, void *arg)
{
	struct feed *f = arg;

	(void)terminator;
	f->r->awaiting_field = true;
	f->r->after_record = true;
	if (f->r->status == STATUS_OK)
		f->r->on_record(f->r);
	f->fields = 0;
}

enum status csv_read(struct csv_reader *r, const char *text, size_t len)
{
	struct csv_parser parser;
	struct feed f = {r, 0};
	bool at_line_start = true, in_comment = false;

	r->line = r->column = r->field_line = r->field_column = 1;
	r->awaiting_field = r->after_record = true;
	if (csv_init(&parser, CSV_STRICT | CSV_APPEND_NULL | CSV_STRICT_FINI) != 0)
		return r->status = diag_set(r->d, STATUS_IO, "out of memory");
	if (r->delim)
		csv_set_delim(&parser, (unsigned char)r->delim);
	for (size_t i = 0; i < len && r->status == STATUS_OK; i++) {
		unsigned char c = (unsigned char)text[i];
		bool ends_line = c == '\n' || c == '\r';

		if (at_line_start && f.fields == 0 && c == '#')
			in_comment = true;
		if (!in_comment && r->awaiting_field && !(r->after_record && ends_line)) {
			r->field_line = r->line;
			r->field_column = r->column;
			r->awaiting_field = false;
		}
		if (c == '\0')
			csv_read_fail(r, r->line, r->column, "expected text, found a NUL byte");
		else if (!in_comment && csv_parse(&parser, &c, 1, field_cb, record_cb, &f) != 1)
			csv_read_fail(r, r->line, r->column, "expected well-formed CSV (a "
			              "quote may only open a field or close it), found a "
			              "stray quote or character");
		if (c == '\n') {
			r->line++;
			r->column = 1;
			at_line_start = true;
			in_comment = false;
		} else {
			r->column++;
			at_line_start = false;
		}
	}
	if (r->status == STATUS_OK && csv_fini(&parser, field_cb, record_cb, &f) != 0)
		csv_read_fail(r, r->field_line, r->field_column, "expected a closing "
		              "quote, found the end of the file");
	csv_free(&parser);
	return r->status;
}
