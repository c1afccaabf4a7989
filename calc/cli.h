/*
 * cli: what every command shares: exit codes, the buffered output that is
 * written only when a command succeeds, flag value parsing that names the
 * flag, warnings, and the pricing context (models/pricing.h) a command
 * prices with; the stamp, money text and the table, CSV and JSON helpers
 * every writer formats figures with.
 */
#ifndef BATCHCALC_CLI_H
#define BATCHCALC_CLI_H

#include "litellm.h"
#include "../models/catalogue.h"
#include "../models/date.h"
#include "../models/fx.h"
#include "../models/number.h"
#include "../models/pricing.h"
#include "../models/status.h"
#include "../models/workload.h"
#include "options.h"
#include "profile.h"

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
	EXIT_REFUSED = 7,       /* the ledger refused the change; nothing recorded */
};

int cli_exit_code(enum status st);

enum format { FORMAT_TABLE, FORMAT_CSV, FORMAT_JSON };

#define CLI_CURRENCY_OPTIONS(code, fx_file, fx_rate)                              \
	{"currency", 0, OPTION_VALUE, "CODE", "show money in CODE (with --fx or --fx-rate)", code}, \
	{"fx", 0, OPTION_VALUE, "FILE", "dated rates: CSV date,currency,rate (per USD)", fx_file}, \
	{"fx-rate", 0, OPTION_VALUE, "RATE", "one rate for every date: CODE per USD", fx_rate}

/*
 * What a command runs with. Every figure is priced through `pricing`
 * (models/pricing.h: the catalogue, the date of use, the shown currency and
 * the warnings met), never through the CLI; the CLI only loads what pricing
 * holds (cli_load_catalogue, cli_parse_currency) and prints its warnings
 * (cli_print_warnings), each once. USD is the base of every computation; a
 * command offers another currency with CLI_CURRENCY_OPTIONS in its option
 * table and one call to cli_parse_currency().
 */
struct cli {
	/* Buffered: main writes it out (or -o FILE) only on success, a failed
	 * check (exit 6), or with what no price covers listed (exit 4: the
	 * pricing's unpriced records, models/pricing.h). */
	FILE *out;
	const char *output;   /* -o FILE, or NULL for stdout */
	/* --prices-overlay FILE (else $BATCHCALC_PRICES_OVERLAY), merged on
	 * top of the catalogue a command loads. */
	const char *overlay;
	date_days today;
	struct pricing pricing;
	size_t warnings_printed; /* pricing.warnings[0..warnings_printed) are out */
};

/* A context for `today`: nothing loaded, USD, no output yet. */
void cli_init(struct cli *ctx, date_days today);

/* Frees what the context loaded (catalogue, exchange rates, warnings). */
void cli_release(struct cli *ctx);

/* --currency CODE with --fx FILE or --fx-rate RATE (all NULL: USD). */
enum status cli_parse_currency(struct cli *ctx, const char *code,
                               const char *fx_file, const char *fx_rate,
                               struct diag *d);

/* The JSON key or CSV column of a converted figure: the USD figure's key
 * with "usd" replaced by the lowercase code ("revenue_usd_month" ->
 * "revenue_eur_month"), or "_eur" appended to a key without "usd"
 * ("batch" -> "batch_eur"). */
const char *cli_currency_key(const struct cli *ctx, const char *usd_key,
                             char buf[64]);

/* Everything a command prints to stdout goes through ctx->out. */
typedef enum status (*command_fn)(int argc, char **argv, struct cli *ctx,
                                  struct diag *d);

/* Every line a command prints fits this many columns (CSV and JSON
 * records aside: they are data, not lines for a person). */
#define CLI_WIDTH 100

/* Writes text and a newline within `width` columns, each line broken at
 * its last space; each further line starts with `indent`. A word longer than a line (a
 * path) is kept whole rather than cut. */
void cli_wrap(FILE *out, const char *text, int width, const char *indent);

/* printf, then cli_wrap at CLI_WIDTH with `indent`. */
void cli_wrapf(FILE *out, const char *indent, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "batchcalc: warning: ...", wrapped at CLI_WIDTH. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints, on stderr, the pricing warnings not printed yet, in the order they
 * were met. Commands call it where a warning must come before other stderr
 * output; main calls it once more before the result or the error. */
void cli_print_warnings(struct cli *ctx);

/* The workloads of pd no price covers, each with its volume, sizes and
 * why, under "NOT PRICED (in no figure above): N workloads"; nothing when
 * every workload is priced. */
void cli_print_unpriced_workloads(FILE *out, const struct pricing_day *pd);

/* Loads --prices FILE (our schema, a LiteLLM price file or a genai-prices
 * data file, told apart by shape), or the built-in catalogue when path is
 * NULL, then merges the overlay (--prices-overlay, else the environment's
 * BATCHCALC_PRICES_OVERLAY) on top. A converted file's summary goes to
 * stderr (cli_litellm_summary). */
enum status cli_load_catalogue(struct cli *ctx, const char *path, struct diag *d);

/* One line on stderr saying what a LiteLLM or genai-prices conversion kept,
 * derived and skipped, and a warning per rate rounded to 6 decimals per
 * million. */
void cli_litellm_summary(const char *path, const struct litellm_report *r);

enum status cli_parse_format(const char *text, enum format *out, struct diag *d);

/* The flags every command that prices a profile shares, as text. */
struct common_flags {
	const char *as_of, *month_days, *format, *prices;
	const char *currency, *fx, *fx_rate;
};

/* Their rows of an option table (the last is -o FILE). */
/* --format, --prices and -o/--output: the last rows of most option tables. */
#define CLI_OUTPUT_OPTIONS(format, prices, ctx)                                  \
	{"format", 0, OPTION_VALUE, "FORMAT", "table (default), csv or json", (format)}, \
	{"prices", 0, OPTION_VALUE, "FILE", "price catalogue (default: built-in)", (prices)}, \
	{"prices-overlay", 0, OPTION_VALUE, "FILE", "merge FILE's prices and aliases on top", &(ctx)->overlay}, \
	{"output", 'o', OPTION_VALUE, "FILE", "write to FILE (atomically) instead of stdout", &(ctx)->output}

#define COMMON_OPTIONS(f, ctx)                                                   \
	{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "price on that day (default today)", &(f).as_of}, \
	{"month-days", 0, OPTION_VALUE, "N", "days in a month (default 30)", &(f).month_days}, \
	CLI_CURRENCY_OPTIONS(&(f).currency, &(f).fx, &(f).fx_rate),               \
	CLI_OUTPUT_OPTIONS(&(f).format, &(f).prices, ctx)

/* Converts the common flags (NULL: the defaults), the currency flags
 * (cli_parse_currency) and loads the catalogue; --as-of is the pricing's
 * date of use. */
enum status cli_parse_common(struct cli *ctx, const struct common_flags *f,
                             date_days *as_of, struct ratio *month_days,
                             enum format *format, struct diag *d);
/* A whole number of tokens or requests, >= 0; NULL text leaves *out alone. */
enum status cli_parse_count(const char *flag, const char *text, int64_t *out,
                            struct diag *d);
/*
 * The share and rate flags, each with its one reading (models/number.h
 * number_parse_share: 0.25 or 25%): the one table of them, for the parser and
 * the property test. Their --help value name is "N%". NULL-terminated.
 */
struct cli_share_flag {
	const char *flag;
	enum number_share kind;
};
extern const struct cli_share_flag cli_share_flags[];
/* A share flag's value into *out, scaled by 10^number_share_places; NULL
 * text leaves *out alone. */
enum status cli_parse_share(const char *flag, const char *text, int64_t *out,
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

/* num / den as a percentage with one decimal and `suffix` ("80.0%"), from
 * the exact amounts, rounded half away from zero like every shown figure;
 * `sign` puts a + before a figure >= 0. */
const char *cli_percent(money num, money den, const char *suffix, bool sign,
                        char buf[64]);

/* JSON output: money as an exact decimal number, and the document itself. */
#include <cJSON.h>
void cli_json_money(cJSON *obj, const char *key, money m);
/* usd under usd_key, then, when converting, shown (the same figure in the
 * presentation currency) under cli_currency_key(usd_key). */
void cli_json_money_shown(cJSON *obj, const struct cli *ctx, const char *usd_key,
                          money usd, money shown);
/* A whole number written exactly: cJSON holds numbers as doubles, which
 * would round counts above 2^53. */
void cli_json_int(cJSON *obj, const char *key, int64_t v);
/* A ratio as a JSON number with up to 6 decimals. */
void cli_json_ratio(cJSON *obj, const char *key, struct ratio r);
void cli_json_print(FILE *out, cJSON *root);

/* The stamp every result carries: catalogue version and checksum, the date
 * prices are taken on (CLI_EACH_DAY: each figure's own day), the month
 * convention, the currency and the exchange rate(s) used. */
#define CLI_EACH_DAY DATE_OPEN_END
void cli_stamp_text(FILE *out, const struct cli *ctx, date_days as_of,
                    const struct ratio *month_days);
/* The same stamp as one line (no newline), for files; the caller frees it. */
char *cli_stamp_line(const struct cli *ctx, date_days as_of,
                     const struct ratio *month_days);
cJSON *cli_stamp_json(const struct cli *ctx, date_days as_of,
                      const struct ratio *month_days);

/* A ratio as an exact decimal with trailing zeros dropped: "857.142857142857". */
const char *cli_ratio_exact(struct ratio r, char buf[64]);
/* A ratio as text with `decimals` places, grouped: "857.14", "15,000". */
const char *cli_ratio_text(struct ratio r, int decimals, char buf[64]);

/* Writes one CSV record (RFC 4180, via libcsv) of n fields, every field
 * quoted; a text field a spreadsheet would run as a formula gets a leading '
 * (models/text.h text_csv_formula), numbers stay numbers. Every CSV the tool
 * writes goes through here. */
void cli_csv_row(FILE *out, const char *const *fields, int n);

/* Writes a table: header row, then rows; numeric columns right-aligned. A
 * row wider than CLI_WIDTH whose last column is text wraps that cell onto
 * lines of its own, aligned under it. */
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
