/*
 * cli: what every command shares: exit codes, the buffered output that is
 * written only when a command succeeds, flag value parsing that names the
 * flag, warnings, and the catalogue a command prices with.
 */
#ifndef BATCHCALC_CLI_H
#define BATCHCALC_CLI_H

#include "../models/catalogue.h"
#include "../models/date.h"
#include "../models/status.h"
#include "../models/workload.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define BATCHCALC_VERSION "0.1.0"

/* Exit codes, documented in the README. */
enum {
	EXIT_OK = 0,
	EXIT_IO = 1,            /* cannot write output, out of memory, internal */
	EXIT_USAGE = 2,         /* bad command line */
	EXIT_INPUT = 3,         /* malformed or invalid input file or value */
	EXIT_UNKNOWN_MODEL = 4, /* unknown model, or no price on that date */
	EXIT_OVERFLOW = 5,      /* a figure too large to hold exactly */
	EXIT_THRESHOLD = 6,     /* a check asked for on the command line failed */
};

int cli_exit_code(enum status st);

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

struct cli {
	FILE *out;            /* buffered: main writes it out only on success */
	const char *output;   /* -o FILE, or NULL for stdout */
	struct catalogue catalogue;
	bool have_catalogue;
	date_days today;
	const struct model *warned[64]; /* retired models already warned about */
	int warned_count;
};

/* Everything a command prints to stdout goes through ctx->out. */
typedef enum status (*command_fn)(int argc, char **argv, struct cli *ctx,
                                  struct diag *d);

void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Loads --prices FILE, or the built-in catalogue when path is NULL. */
enum status cli_load_catalogue(struct cli *ctx, const char *path, struct diag *d);

/* Looks up a model's price on `day`, warning on stderr when it is retired. */
enum status cli_price(struct cli *ctx, const char *name, date_days day,
                      const struct model **model, const struct price_entry **price,
                      struct diag *d);

enum status cli_parse_format(const char *text, enum format *out, struct diag *d);
/* A whole number of tokens or requests, >= 0; NULL text leaves *out alone. */
enum status cli_parse_count(const char *flag, const char *text, int64_t *out,
                            struct diag *d);
/* YYYY-MM-DD; NULL text gives today. */
enum status cli_parse_date(struct cli *ctx, const char *flag, const char *text,
                           date_days *out, struct diag *d);
/* Days per month: a positive decimal such as 30 or 30.4375; NULL gives 30. */
enum status cli_parse_month_days(const char *text, struct ratio *out,
                                 struct diag *d);

/* "30 days" or "30.4375 days", for the stamp beside every result. */
void cli_format_month(struct ratio month_days, char *buf, size_t size);

/* Money text: rounded to cents with grouping (tables) or exact (CSV, JSON). */
const char *cli_money_cents(money m, char buf[64]);
const char *cli_money_exact(money m, char buf[64]);

/* JSON output: money as an exact decimal number, and the document itself. */
#include <cJSON.h>
void cli_json_money(cJSON *obj, const char *key, money m);
/* A whole number written exactly: cJSON holds numbers as doubles, which
 * would round counts above 2^53. */
void cli_json_int(cJSON *obj, const char *key, int64_t v);
/* A ratio as a JSON number with up to 6 decimals. */
void cli_json_ratio(cJSON *obj, const char *key, struct ratio r);
void cli_json_print(FILE *out, cJSON *root);

/* The stamp every result carries: catalogue version and checksum, the date
 * prices are taken on, the month convention, the currency. */
void cli_stamp_text(FILE *out, const struct cli *ctx, date_days as_of,
                    const struct ratio *month_days);
cJSON *cli_stamp_json(const struct cli *ctx, date_days as_of,
                      const struct ratio *month_days);

/* A ratio as an exact decimal with trailing zeros dropped: "857.142857142857". */
const char *cli_ratio_exact(struct ratio r, char buf[64]);
/* A ratio as text with `decimals` places, grouped: "857.14", "15,000". */
const char *cli_ratio_text(struct ratio r, int decimals, char buf[64]);

/* Writes one CSV record (RFC 4180, via libcsv) of n fields. */
void cli_csv_row(FILE *out, const char *const *fields, int n);

/* Writes a table: header row, then rows; numeric columns right-aligned. */
struct table {
	int columns;
	const char *headers[12];
	bool right[12];
	char ***cells;  /* rows x columns, owned */
	int rows, capacity;
};
void table_init(struct table *t, int columns, const char *const *headers,
                const bool *right);
/* Adds a row; the strings are copied. */
void table_add(struct table *t, const char *const *cells);
void table_print(const struct table *t, FILE *out);
void table_release(struct table *t);

#endif
