/*
 * csv_read: CSV through libcsv, fed a byte at a time so that every field
 * knows the line and column where it began, for errors of the form
 * FILE:LINE:COLUMN. Lines starting with '#' where a record would start are
 * comments; CRLF line ends are fine; a NUL byte, a stray quote or an
 * unterminated quote is an error. Callers strip a UTF-8 BOM first. The
 * separator is the comma unless the caller sets another (a tab, for exports
 * a spreadsheet saved as TSV).
 *
 * Small files only (profiles, latency tables): the byte-at-a-time feeding is
 * for exact positions, not speed.
 */
#ifndef BATCHCALC_CSV_READ_H
#define BATCHCALC_CSV_READ_H

#include "../models/status.h"

#include <stdbool.h>
#include <stddef.h>

struct csv_reader {
	/* Set by the caller. Callbacks report an error by setting status (and
	 * the diag); reading stops at the first. */
	void (*on_field)(struct csv_reader *r, const char *text, size_t len);
	void (*on_record)(struct csv_reader *r);
	const char *origin;
	struct diag *d;
	enum status status;
	char delim;                    /* field separator; 0 is the comma */
	/* Kept by csv_read. */
	long line, column;             /* of the byte being fed */
	long field_line, field_column; /* where the current field began */
	bool awaiting_field, after_record;
};

/* Sets r->status to STATUS_INPUT with "ORIGIN:LINE:COLUMN: message" unless an
 * error is already recorded. */
void csv_read_fail(struct csv_reader *r, long line, long column,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Reads text, calling back per field and per record; returns r->status. */
enum status csv_read(struct csv_reader *r, const char *text, size_t len);

#endif
