#include "report_bill.h"

#include "recon_report.h"
#include "report_sections.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The period: --month, or --since/--until with an open end closed at the
 * days the cost reports cover (a bill is checked over days it has). */
static enum status bill_period(struct cli *ctx, const struct usage_set *set,
                               const char *month, const char *since,
                               const char *until, struct bill_options *bo,
                               struct diag *d)
{
	struct recon_period p;
	enum status st;

	if (month) {
		char first[DATE_TEXT_SIZE];
		const char *why;
		int y, m, dd;
		snprintf(first, sizeof first, "%.7s-01", month);
		if (strlen(month) != 7 || !date_parse(first, &bo->since, &why))
			return diag_set(d, STATUS_USAGE, "--month: expected a month YYYY-MM, "
			                "found \"%s\"", month);
		date_to_civil(bo->since, &y, &m, &dd);
		bo->until = bo->since + date_days_in_month(y, m) - 1;
		bo->has_period = true;
		return STATUS_OK;
	}
	if ((st = recon_period_parse(ctx, since, until, &p, d)) || !p.has)
		return st;
	bo->has_period = true;
	bo->since = p.since;
	bo->until = p.until;
	if (p.since == INT32_MIN || p.until == DATE_OPEN_END) {
		date_days first = DATE_OPEN_END, last = INT32_MIN;
		for (size_t i = 0; i < set->file_count; i++) {
			if (!set->files[i].money || set->files[i].first > set->files[i].last)
				continue;
			first = set->files[i].first < first ? set->files[i].first : first;
			last = set->files[i].last > last ? set->files[i].last : last;
		}
		if (p.since == INT32_MIN)
			bo->since = first;
		if (p.until == DATE_OPEN_END)
			bo->until = last;
		if (bo->since > bo->until)
			return diag_set(d, STATUS_INPUT, "--bill: expected money on the days "
			                "of --since/--until, found the cost reports cover none");
	}
	return STATUS_OK;
}

enum status report_bill_compute(struct cli *ctx, const struct report_input *in,
                                const struct option_list *costfiles,
                                const char *ledger, const char *month,
                                const char *since, const char *until,
                                struct report_bill *out, struct diag *d)
{
	struct bill_options bo;
	enum status st;

	memset(out, 0, sizeof *out);
	memset(&bo, 0, sizeof bo);
	usage_set_init(&out->set);
	if ((st = bill_load_reports(costfiles->items, costfiles->count, &out->set, d)) ||
	    (st = bill_period(ctx, &out->set, month, since, until, &bo, d)))
		return st;
	usage_map_models(&out->set, &ctx->pricing.catalogue);
	if (ledger) {
		if ((st = bill_ledger_read(ledger, bo.has_period, bo.since, bo.until,
		                           &out->ledger, d)))
			return st;
		out->from_ledger = true;
		bo.ledger = out->ledger.usage;
		bo.ledger_count = out->ledger.usage_count;
	} else if (in->has_results) {
		out->from_results = true;
		bo.results = &in->run.r;
	}
	if ((st = bill_check_compute(&ctx->pricing, &out->set, &bo, &out->check, d)))
		return st;
	/* The same figures as `bill`: what the results explain is reconcile's
	 * batch total of them, to the picodollar. */
	if (out->from_results && out->check.requests_outside == 0 &&
	    money_cmp(out->check.total.explained, in->recon.total.batch) != 0) {
		char a[64], b[64];
		return diag_set(d, STATUS_IO, "internal error: the bill's explained %s, "
		                "reconcile's batch total %s",
		                cli_money_exact(out->check.total.explained, a),
		                cli_money_exact(in->recon.total.batch, b));
	}
	return STATUS_OK;
}

void report_bill_release(struct report_bill *b)
{
	bill_check_release(&b->check);
	bill_ledger_release(&b->ledger);
	usage_set_release(&b->set);
	memset(b, 0, sizeof *b);
}

/* ---- the section ---------------------------------------------------------- */

enum { CHECK_FIGURE, CHECK_USD, CHECK_KEY, CHECK_COLUMNS };

static const struct report_column check_columns[CHECK_COLUMNS] = {
	{"figure", "figure", UNIT_TEXT},
	{"usd", "USD", UNIT_USD},
	{"json_key", "in bill's JSON", UNIT_TEXT},
};

/* The day, the three sums, then one column per cause (bill.h's order). */
enum { DAY_DAY, DAY_BILLED, DAY_EXPLAINED, DAY_DIFFERENCE, DAY_CAUSE,
       DAY_COLUMNS = DAY_CAUSE + BILL_CAUSE_COUNT };

static const struct report_column day_columns[DAY_COLUMNS] = {
	{"day", "day", UNIT_TEXT},
	{"billed_usd", "billed", UNIT_USD},
	{"explained_usd", "explained", UNIT_USD},
	{"difference_usd", "difference", UNIT_USD},
	{"not_in_results_usd", "not in results", UNIT_USD},
	{"missing_from_bill_usd", "missing from bill", UNIT_USD},
	{"price_usd", "price", UNIT_USD},
	{"non_token_usd", "non-token", UNIT_USD},
	{"rounding_usd", "rounding", UNIT_USD},
	{"unattributed_usd", "no model", UNIT_USD},
	{"not_priced_usd", "not priced", UNIT_USD},
};

/* The causes shown: not_priced only when some results usage has no price
 * (as `bill` shows them). */
static int causes_shown(const struct bill_check *b)
{
	return b->unpriced_requests > 0 ? BILL_CAUSE_COUNT : BILL_NOT_PRICED;
}

/* The causes of each line are in `bill --format csv`: here the page keeps
 * its width for the model names. */
enum { LINE_DAY, LINE_LABEL, LINE_TIER, LINE_BILLED, LINE_EXPLAINED, LINE_DIFFERENCE,
       LINE_COLUMNS };

static const struct report_column line_columns[LINE_COLUMNS] = {
	{"day", "day", UNIT_TEXT},
	{"model_or_line", "model or line", UNIT_TEXT},
	{"tier", "tier", UNIT_TEXT},
	{"billed_usd", "billed", UNIT_USD},
	{"explained_usd", "explained", UNIT_USD},
	{"difference_usd", "difference", UNIT_USD},
};

_Static_assert(DAY_COLUMNS <= REPORT_MAX_COLUMNS && LINE_COLUMNS <= REPORT_MAX_COLUMNS,
               "a column per cause fits a table");

static const struct report_chart bill_chart = {
	.name = "bill-by-day",
	.title = "The provider's bill against what the batches explain, by day",
	.xlabel = "day (UTC)", .ylabel = "USD", .kind = CHART_BARS,
	.table = "bill-by-day", .x = DAY_DAY,
	.series = {{DAY_BILLED, STYLE_EXTRA1}, {DAY_EXPLAINED, STYLE_BATCH}},
	.series_count = 2,
};

/* The lines a page shows before "(N more in bill-lines.csv)". */
#define BILL_SHOWN_LINES 25

/* Whether a money report covers the day (else its billed figure is not
 * known, which is not $0). */
static bool day_covered(const struct usage_set *set, date_days day)
{
	for (size_t i = 0; i < set->file_count; i++)
		if (set->files[i].money && set->files[i].first <= day &&
		    day <= set->files[i].last)
			return true;
	return false;
}

/* billed, explained, difference and (causes) the causes, from cells[0]. */
static void split_cells(const struct bill_split *s, bool has_billed, bool has_explained,
                        bool causes, char buf[][64], const char **cells)
{
	cells[0] = has_billed ? cli_money_exact(s->billed, buf[0]) : "";
	cells[1] = has_explained ? cli_money_exact(s->explained, buf[1]) : "";
	cells[2] = cli_money_exact(s->difference, buf[2]);
	for (int k = 0; causes && k < BILL_CAUSE_COUNT; k++)
		cells[3 + k] = cli_money_exact(s->cause[k], buf[3 + k]);
}

static void section_check(struct report *r, const struct report_bill *rb,
                          const char *explained_by)
{
	static char note[1400];
	const struct bill_check *b = &rb->check;
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE], buf[64], key[64], what[200];
	const char *cells[CHECK_COLUMNS];
	struct report_table *t;
	size_t used;

	date_format(b->since, from);
	date_format(b->until, to);
	used = (size_t)snprintf(note, sizeof note,
		"USD, %s to %s (%lld day%s, UTC): what the provider billed (--bill: %zu "
		"report%s) against %s, split as `batchcalc bill` splits it: the causes "
		"add up to the difference exactly.", from, to, (long long)b->days,
		b->days == 1 ? "" : "s", rb->set.file_count,
		rb->set.file_count == 1 ? "" : "s", explained_by);
	if (b->rows_outside && used < sizeof note)
		used += (size_t)snprintf(note + used, sizeof note - used, " %zu row%s of the "
		                         "reports outside the period, not compared.",
		                         b->rows_outside, b->rows_outside == 1 ? "" : "s");
	if (b->requests_outside && used < sizeof note)
		used += (size_t)snprintf(note + used, sizeof note - used, " %lld billed "
		                         "request%s of the results dated outside the period, "
		                         "not compared.", (long long)b->requests_outside,
		                         b->requests_outside == 1 ? "" : "s");
	if (b->cells_unpriced && used < sizeof note)
		snprintf(note + used, sizeof note - used, " Where the bill gives no token "
		         "counts for a line and tier (%zu cell%s), a price difference cannot "
		         "be told from a volume one: it counts as volume.", b->cells_unpriced,
		         b->cells_unpriced == 1 ? "" : "s");
	t = report_add_table(r, "bill-check",
	                     "The provider's bill against what the batches explain",
	                     note, check_columns, CHECK_COLUMNS);
	cells[CHECK_FIGURE] = "billed by the provider";
	cells[CHECK_USD] = cli_money_exact(b->total.billed, buf);
	cells[CHECK_KEY] = "billed_usd";
	report_table_add(t, cells);
	snprintf(what, sizeof what, "explained by %s", rb->from_ledger ? "the ledger's "
	         "recorded batches" : rb->from_results ? "the batch results" : "nothing "
	         "(no --results or --ledger)");
	cells[CHECK_FIGURE] = what;
	cells[CHECK_USD] = cli_money_exact(b->total.explained, buf);
	cells[CHECK_KEY] = "explained_usd";
	report_table_add(t, cells);
	cells[CHECK_FIGURE] = "difference (billed - explained), the causes below summed";
	cells[CHECK_USD] = cli_money_exact(b->total.difference, buf);
	cells[CHECK_KEY] = "difference_usd";
	report_table_add(t, cells);
	for (int k = 0; k < causes_shown(b); k++) {
		snprintf(key, sizeof key, "causes.%s", bill_cause_key((enum bill_cause)k));
		snprintf(what, sizeof what, "cause: %s",
		         bill_cause_words((enum bill_cause)k, rb->from_ledger));
		cells[CHECK_FIGURE] = what;
		cells[CHECK_USD] = cli_money_exact(b->total.cause[k], buf);
		cells[CHECK_KEY] = key;
		report_table_add(t, cells);
	}
	for (size_t i = 0; i < b->unmapped_count; i++) {
		const struct bill_unmapped *u = &b->unmapped[i];
		char text[700];
		snprintf(text, sizeof text, "The bill names a model the catalogue cannot "
		         "name: \"%s\" (%zu row%s from %s), billed %s: under \"no model\", never "
		         "priced at $0.", u->model, u->rows, u->rows == 1 ? "" : "s", u->where,
		         u->has_billed ? cli_money_cents(u->billed, buf) : "nothing (tokens only)");
		report_add_warning(r, "bill-check", text);
	}
}

static enum status section_days(struct report *r, const struct report_bill *rb,
                                struct diag *d)
{
	const struct bill_check *b = &rb->check;
	char buf[DAY_COLUMNS][64], day[DATE_TEXT_SIZE];
	const char *cells[DAY_COLUMNS];
	struct report_table *t;
	bool overflow = false;
	size_t i = 0;

	t = report_add_table(
		r, "bill-by-day", "The bill check by day",
		"USD: every day of the period, the lines of the day added up (billed is "
		"empty on a day no cost report covers: not known, not $0).",
		day_columns, DAY_CAUSE + causes_shown(b));
	t->blank = "not known"; /* billed: no cost report covers the day */
	/* Lines are sorted by day: one pass. */
	for (date_days x = b->since; x <= b->until; x++) {
		struct bill_split s;
		memset(&s, 0, sizeof s);
		for (; i < b->line_count && b->lines[i].day == x; i++)
			bill_split_add(&s, &b->lines[i].split, &overflow);
		date_format(x, day);
		cells[DAY_DAY] = day;
		split_cells(&s, day_covered(&rb->set, x), rb->from_ledger || rb->from_results,
		            true, buf, cells + 1);
		report_table_add(t, cells);
	}
	cells[DAY_DAY] = "total";
	split_cells(&b->total, true, rb->from_ledger || rb->from_results, true, buf,
	            cells + 1);
	report_table_footer(t, cells);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the bill by day does not fit");
	/* The section adds its own chart (its table exists now): the bill check
	 * lives in this file, not in report_sections.c's charts[]. */
	report_add_chart(r, &bill_chart);
	return STATUS_OK;
}

static void section_lines(struct report *r, const struct report_bill *rb)
{
	const struct bill_check *b = &rb->check;
	char buf[LINE_COLUMNS][64], day[DATE_TEXT_SIZE];
	const char *cells[LINE_COLUMNS];
	struct report_table *t;

	t = report_add_table(
		r, "bill-lines", "The bill check line by line",
		"USD, as `batchcalc bill` prints it: one line per day, model and service "
		"tier, and one per non-token charge or line naming no model; empty where "
		"the bill has no money line, or nothing explains it (each line's causes: "
		"`batchcalc bill --format csv`).",
		line_columns, LINE_COLUMNS);
	t->blank = "none"; /* no money line, or nothing explains it: not a price */
	for (size_t i = 0; i < b->line_count; i++) {
		const struct bill_line *l = &b->lines[i];
		date_format(l->day, day);
		cells[LINE_DAY] = day;
		cells[LINE_LABEL] = l->label;
		cells[LINE_TIER] = bill_line_tier(l);
		split_cells(&l->split, l->has_billed, l->has_explained, false, buf,
		            cells + LINE_BILLED);
		report_table_add(t, cells);
	}
	cells[LINE_DAY] = "total";
	cells[LINE_LABEL] = cells[LINE_TIER] = "";
	split_cells(&b->total, true, rb->from_ledger || rb->from_results, false, buf,
	            cells + LINE_BILLED);
	report_table_footer(t, cells);
	t->shown_max = BILL_SHOWN_LINES;
}

/* A headline in USD (the bill is never converted: it is the provider's). */
static void headline_usd(struct report *r, const char *key, const char *label, money m,
                         const char *detail)
{
	char exact[64], shown[64];

	cli_money_exact(m, exact);
	report_cell_shown("$", UNIT_USD, exact, shown);
	report_add_headline(r, key, label, shown, exact, detail);
}

enum status report_section_bill(struct report *r, const struct report_input *in,
                                struct diag *d)
{
	const struct report_bill *rb = in->bill;
	const struct bill_check *b;
	char explained_by[300], period[80], from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
	enum status st;

	if (!rb)
		return STATUS_OK;
	b = &rb->check;
	if (rb->from_ledger)
		snprintf(explained_by, sizeof explained_by, "the batch cost the spend ledger "
		         "%s recorded for each usage day (%zu entr%s, as `bill --ledger` reads "
		         "it)", rb->ledger.where, rb->ledger.entries,
		         rb->ledger.entries == 1 ? "y" : "ies");
	else if (rb->from_results)
		snprintf(explained_by, sizeof explained_by, "what the batch results "
		         "(--results) explain at the catalogue's batch rates of each batch's "
		         "day, as `bill --results` reads them");
	else
		snprintf(explained_by, sizeof explained_by, "nothing: no --results or "
		         "--ledger, so the whole bill is usage not in any results file");
	section_check(r, rb, explained_by);
	if ((st = section_days(r, rb, d)))
		return st;
	section_lines(r, rb);
	date_format(b->since, from);
	date_format(b->until, to);
	snprintf(period, sizeof period, "%s to %s", from, to);
	headline_usd(r, "bill_billed_usd", "billed by the provider (USD)", b->total.billed,
	             period);
	headline_usd(r, "bill_explained_usd", "of it explained by the batches (USD)",
	             b->total.explained, NULL);
	headline_usd(r, "bill_difference_usd", "billed minus explained (USD)",
	             b->total.difference, NULL);
	return STATUS_OK;
}
