/*
 * usage_read: what the usage report loaders (calc/usage_*.c) share: adding
 * rows to a set, the strict parsers for the figures reports hold, and a CSV
 * export read whole into a table addressed by header name.
 *
 * Reports are parsed by key or header name, never by position. Figures are
 * read from their text: counts are whole numbers (a console export's "10.0"
 * is 10; "10.5" is an error), amounts are decimals read exactly and rounded
 * only at the picodollar (OpenAI writes up to 30 decimals), and NaN,
 * infinities and hexadecimal are refused.
 */
#ifndef BATCHCALC_USAGE_READ_H
#define BATCHCALC_USAGE_READ_H

#include "json_read.h"
#include "usage.h"

#include <cJSON.h>

/* One file being read into a set. */
struct usage_loader {
	struct usage_set *set;
	size_t file;          /* index of the file's entry */
	size_t first_row;     /* rows before this file: a failure truncates to it */
	struct diag *d;
};

/* Opens the file's entry (path and format copied as given). */
enum status usage_loader_begin(struct usage_loader *l, struct usage_set *set,
                               const char *origin, const char *provider,
                               const char *format, struct diag *d);
/* On failure drops the file's rows and entry, so the set is as before. */
enum status usage_loader_end(struct usage_loader *l, enum status st);

/* Adds a row like `proto` (its strings copied; NULL is ""). */
enum status usage_add(struct usage_loader *l, const struct usage_row *proto,
                      const char *model, const char *item, const char *scope,
                      const char *where);

/* Counts a UTC day as covered by the file (an empty bucket too). */
void usage_cover(struct usage_loader *l, date_days first, date_days last);

/*
 * The UTC day of a time as reports write it: "YYYY-MM-DD", "YYYY-MM-DD
 * HH:MM[:SS[.fraction]]" (UTC, optionally followed by " UTC"), or RFC 3339
 * with Z or an offset ("2026-11-24T08:00:00-05:00" is the 24th in UTC).
 * *end_day is the day of the instant just before it (for an exclusive end).
 */
bool usage_parse_time(const char *text, date_days *day, date_days *end_day,
                      const char **why);
/* Unix seconds (whole) to the UTC day, and the day just before them. */
bool usage_day_of_unix(int64_t seconds, date_days *day, date_days *end_day);

/* A whole count in [0, USAGE_MAX_COUNT]; "10.0" and "10.000" are 10. */
bool usage_parse_count(const char *text, int64_t *out, const char **why);

/*
 * A decimal amount (exponent allowed: BigQuery writes 4.5E-7) scaled to
 * picodollars from `decimals` places: 12 for dollars, 10 for cents. Rounded
 * half away from zero at the picodollar; at most 10^12 in magnitude.
 */
bool usage_parse_amount(const char *text, int decimals, money *out,
                        const char **why);

/* JSON fields: a missing key or null leaves *present false. Counts may be
 * numbers or numeric strings; text fields must be strings. */
enum status usage_json_count(const struct json_where *w, const cJSON *obj,
                             const char *key, bool *present, int64_t *out,
                             struct diag *d);
enum status usage_json_amount(const struct json_where *w, const cJSON *obj,
                              const char *key, int decimals, bool *present,
                              money *out, struct diag *d);
enum status usage_json_text(const struct json_where *w, const cJSON *obj,
                            const char *key, const char **out, struct diag *d);

/* "FILE: path" for a row's where. */
void usage_where_json(const struct json_where *w, char *buf, size_t size);

/* A CSV export held whole: records of fields with where each began. */
struct usage_field {
	char *text;
	long line, column;
};

struct usage_record {
	struct usage_field *fields;
	size_t count;
};

struct usage_table {
	const char *origin;
	struct usage_record *records; /* records[0] is the header */
	size_t count, capacity;
};

/* Reads CSV (or TSV when delim is '\t'); a record wider than the header is
 * an error unless the extra fields are empty, a narrower one reads as empty
 * fields. */
enum status usage_table_read(const char *text, size_t len, const char *origin,
                             char delim, struct usage_table *t, struct diag *d);
void usage_table_release(struct usage_table *t);

/* The index of the first of `names` (NULL-terminated) in the header, or -1;
 * header names are compared ignoring case and surrounding blanks. */
int usage_table_column(const struct usage_table *t, const char *const *names);

/* The text of record r's field c: "" when c < 0 or the record is short;
 * a console's "--" placeholder also reads as "". */
const char *usage_table_text(const struct usage_table *t, size_t r, int c);

/* Fails naming ORIGIN:LINE:COLUMN of record r's field c (its header name too). */
enum status usage_table_fail(const struct usage_table *t, size_t r, int c,
                             const char *expected, const char *why,
                             struct diag *d);

/*
 * A JSON report: its documents (API pages), in file order. When the file
 * holds more than one (pages concatenated, or an array of them) they are
 * named [0], [1], ... in paths, as `jq -s` would make them.
 */
struct usage_json {
	const char *origin;
	cJSON **docs;
	size_t count;
	bool named;
};

/* The path of document k: "[k]" when named, else the top level. */
void usage_json_doc(const struct usage_json *j, size_t k, struct json_where *w);

/* The formats of each provider: whether a document or a CSV header is one of
 * its reports, and the reader of each (calc/usage_<provider>.c). */
bool usage_anthropic_json_shape(const cJSON *doc);
bool usage_anthropic_csv_shape(const struct usage_table *t);
enum status usage_anthropic_json(struct usage_set *set, const struct usage_json *j,
                                 struct diag *d);
enum status usage_anthropic_csv(struct usage_set *set, const struct usage_table *t,
                                struct diag *d);
bool usage_openai_json_shape(const cJSON *doc);
bool usage_openai_csv_shape(const struct usage_table *t);
enum status usage_openai_json(struct usage_set *set, const struct usage_json *j,
                              struct diag *d);
enum status usage_openai_csv(struct usage_set *set, const struct usage_table *t,
                             struct diag *d);
bool usage_google_json_shape(const cJSON *doc);
bool usage_google_csv_shape(const struct usage_table *t);
enum status usage_google_json(struct usage_set *set, const struct usage_json *j,
                              struct diag *d);
enum status usage_google_csv(struct usage_set *set, const struct usage_table *t,
                             struct diag *d);

/* Whether text (after a BOM) starts like JSON: '{' or '['. */
bool usage_looks_json(const char *text, size_t len);

/* The separator of a CSV export: a tab when the first line has one and no
 * comma (a spreadsheet's TSV), else the comma. */
char usage_csv_delim(const char *text, size_t len);

#endif
