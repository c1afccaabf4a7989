/*
 * report: a report pack (tables, charts, headline figures) described as data,
 * and written as a directory a person can open: RFC 4180 CSV per table,
 * summary.json, a gnuplot data file and editable script per chart rendered to
 * PNG and SVG, and a self-contained index.html.
 *
 * A command fills a `struct report`: tables with their rows (exact figures as
 * text), charts as static descriptions that name the table and columns they
 * draw, headline figures. Nothing in it knows which command the figures came
 * from, so a new chart is one table and one chart description (README,
 * "report").
 *
 * Writing is all or nothing: every file goes into a temporary directory beside
 * DIR; only when all of them are written and every chart rendered are they
 * moved into DIR, one rename each. The previous pack's files, listed in
 * DIR/batchcalc-report.manifest, are then removed unless written again; any
 * other file in DIR is left alone.
 */
#ifndef BATCHCALC_REPORT_H
#define BATCHCALC_REPORT_H

#include "cli.h"

#include <cJSON.h>
#include <stdbool.h>

#define REPORT_MANIFEST "batchcalc-report.manifest"
#define REPORT_MAX_COLUMNS 12
#define REPORT_MAX_SERIES 6

/* How a column's exact text is shown in HTML; CSV and JSON keep it exact. */
enum report_unit {
	UNIT_TEXT,    /* as is */
	UNIT_COUNT,   /* a decimal count, shown to 2 places, grouped */
	UNIT_USD,     /* dollars, shown to the cent */
	UNIT_PERCENT, /* a percentage, shown to 1 place */
};

struct report_column {
	const char *name;  /* CSV header, with the unit: "sync_usd_month" */
	const char *label; /* HTML header and chart legend: "sync" */
	enum report_unit unit;
};

/* A table: static column descriptions, rows of exact text. */
struct report_table {
	const char *name;  /* file stem: NAME.csv */
	const char *title;
	const char *note;  /* a sentence under the title, or NULL */
	const struct report_column *columns;
	int column_count;
	struct table rows;       /* the cells, owned (cli.h) */
	char *footer[REPORT_MAX_COLUMNS]; /* a total row for HTML, or NULL[0] */
	int shown_max;           /* HTML shows at most this many rows (0: all) */
	/* With --currency: each row's cells in the currency (the USD columns
	 * converted at their date of use, the rest as they are), for the page
	 * and the charts; the CSV keeps USD and adds the converted columns.
	 * A table never converted stays in USD, and says so. */
	bool converted;
	struct table shown;
	char *footer_shown[REPORT_MAX_COLUMNS];
	const char *empty;       /* HTML instead of a table with no rows, or NULL */
	/* What an empty USD cell means on the page: NULL is "NOT PRICED" (no
	 * price covers it); a table where empty means absent says so ("none",
	 * "not known"). The CSV keeps every empty cell empty. */
	const char *blank;
};

enum chart_kind {
	CHART_BARS,  /* grouped bars: one group per row, labelled by column x */
	CHART_LINES, /* lines with points: x is numeric */
};

/* What a series stands for; each meaning has one look in every chart
 * (style.gp's line style of the same number). */
enum series_style {
	STYLE_SYNC = 1, STYLE_BATCH, STYLE_HYBRID, STYLE_SAVINGS, STYLE_EXTRA1,
	STYLE_EXTRA2,
};

struct report_series {
	int column;               /* the table column drawn */
	enum series_style style;
};

/* A chart: which table and columns it draws, and how it is labelled. */
struct report_chart {
	const char *name;   /* file stem: NAME.dat, NAME.gp, NAME.png, NAME.svg */
	const char *title;
	const char *xlabel; /* with units: "batch share (%)" */
	const char *ylabel; /* with units: "USD per month" */
	enum chart_kind kind;
	const char *table;  /* the table's name */
	int x;              /* column of bar labels or x values */
	struct report_series series[REPORT_MAX_SERIES]; /* one bar set or line each */
	int series_count;
	/* The value axis spans the figures, not 0 (money) or 0..100 (a
	 * percentage): for a change of a few points that is the point. */
	bool zoom;
	/* Lines: a vertical marker at the x of each row of table `marks` whose
	 * column mark_x is a number, labelled with column mark_label (rows at
	 * the same x share one marker). NULL: none. */
	const char *marks;
	int mark_x, mark_label;
};

struct report_headline {
	char *key;    /* summary.json key: "sync_usd_month" */
	char *label;  /* "sync cost per month"; NULL: in summary.json only */
	char *shown;  /* "$1,368.86" */
	char *exact;  /* a JSON number: "1368.857142857143", or "null" */
	char *detail; /* a line under the figure on the page, or NULL */
};

struct report {
	char *title;        /* "Monthly cost of built-in data/scenarios/seed.csv" */
	char *stamp_text;   /* one line: batchcalc version, catalogue, as-of, ... */
	char money_prefix[8]; /* before a shown amount: "$", or "EUR " */
	const struct cli *ctx; /* the currency, for converted column names */
	cJSON *stamp;       /* the same as JSON (cli_stamp_json), owned */
	struct report_table tables[24];
	int table_count;
	const struct report_chart *charts[24];
	int chart_count;
	struct report_headline headlines[32];
	int headline_count;
	/* A warning and the table whose figures it affects (NULL: the whole
	 * pack): shown at the top of the page and beside that table, and in
	 * summary.json. */
	struct report_warning {
		char *text;
		const char *table;
	} warnings[32];
	int warning_count;
	/* One line each: a section left out and why ("no business figures: ..."). */
	char *notes[16];
	int note_count;
};

/* Where and how to write; filled by the command from its options. */
struct report_options {
	const char *dir;     /* DIR; created when missing (its parent must exist) */
	const char *gnuplot; /* program to render with (searched in PATH) */
};

/* What was written, for the command's output. */
struct report_result {
	bool rendered;      /* false: gnuplot not found, charts not rendered */
	char *files[128];   /* names inside DIR, owned, in writing order */
	int file_count;
};

/* Builds the stamp from the command's context (cli_stamp_text/_json). */
void report_init(struct report *r, const char *title, const struct cli *ctx,
                 date_days as_of, const struct ratio *month_days);

/* Adds a table and returns it, for report_table_add. */
struct report_table *report_add_table(struct report *r, const char *name,
                                      const char *title, const char *note,
                                      const struct report_column *columns,
                                      int column_count);
/* Adds a row; the strings are copied. */
void report_table_add(struct report_table *t, const char *const *cells);
/* Adds a row with its cells in the currency (report_table.shown). */
void report_table_add_shown(struct report_table *t, const char *const *cells,
                            const char *const *shown);
/* The stamp again, once the figures have used their exchange rates. */
void report_restamp(struct report *r, const struct cli *ctx, date_days as_of,
                    const struct ratio *month_days);
/* Sets the total row shown in HTML; the strings are copied. */
void report_table_footer(struct report_table *t, const char *const *cells);
/* The same, with the row in the currency (a converted table). */
void report_table_footer_shown(struct report_table *t, const char *const *cells,
                               const char *const *shown);

/* Adds a chart; the description is static and its table must exist. A
 * table with no rows gets a note instead (nothing to draw). */
void report_add_chart(struct report *r, const struct report_chart *chart);

/* label NULL: a figure for summary.json, not a card on the page. */
void report_add_headline(struct report *r, const char *key, const char *label,
                         const char *shown, const char *exact, const char *detail);

/* Adds a warning affecting the figures of `table` (a table's name, or NULL
 * for the whole pack); the text is copied. */
void report_add_warning(struct report *r, const char *table, const char *text);

/* Adds a one-line note (a section skipped, and why); the text is copied. */
void report_add_note(struct report *r, const char *text);

const struct report_table *report_find_table(const struct report *r,
                                             const char *name);

/*
 * Writes the pack into opt->dir all or nothing (see above). Failing to write,
 * or gnuplot failing, leaves DIR as it was. gnuplot's warnings are passed on
 * with cli_warn. A missing gnuplot is not an error: the scripts are written
 * and res->rendered is false.
 */
enum status report_write(const struct report *r, const struct report_options *opt,
                         struct report_result *res, struct diag *d);

void report_result_release(struct report_result *res);
void report_release(struct report *r);

/* Shown text of an exact cell: "$1,234.50", "12.5%", "857.14" (money
 * after `prefix`, "$" or the currency's); an empty amount is one no price
 * covers: "NOT PRICED" (the CSV keeps it empty, never 0). */
const char *report_cell_shown(const char *prefix, enum report_unit unit,
                              const char *exact, char buf[64]);
/* The cell the page and the charts show: converted when the table is. */
const char *report_cell(const struct report_table *t, int row, int column);
/* The prefix of t's money: r's currency when t is converted, else "$". */
const char *report_money_prefix(const struct report *r, const struct report_table *t);

/* Internal to the writers (report_html.c, report_chart.c). */
bool report_html_write(FILE *out, const struct report *r, const char *dir,
                       bool rendered);
void report_chart_write_data(FILE *out, const struct report *r,
                             const struct report_chart *c);
void report_chart_write_script(FILE *out, const struct report *r,
                               const struct report_chart *c);
void report_chart_write_style(FILE *out, const struct report *r);
/* Runs `gnuplot NAME.gp` in dir; STATUS_OK with *found false when the
 * program cannot be found. */
enum status report_chart_render(const char *gnuplot, const char *dir,
                                const char *script, bool *found, struct diag *d);

#endif
