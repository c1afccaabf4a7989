/*
 * batchcalc bill: what the provider billed (its cost reports, calc/usage.c)
 * against what the batch results explain (calc/recon_read.c), or the spend
 * ledger's recorded batches (calc/bill_ledger.c), and, optionally, a forecast, per day, model and tier, with the difference split into named
 * causes (calc/bill_check.c, models/bill.c) that add up to it exactly.
 */
#include "commands.h"

#include "bill_check.h"
#include "bill_ledger.h"
#include "files.h"
#include "keyset.h"
#include "recon_read.h"
#include "recon_figures.h"
#include "recon_report.h"
#include "recon_run.h"
#include "usage.h"
#include "../models/number.h"
#include "../models/sha256.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc bill COSTFILE... [--results FILE]... [--batches META.json]\n"
	"                           [--ledger LOCATION] [--forecast PROFILE]\n"
	"                           [--month YYYY-MM | --since YYYY-MM-DD --until YYYY-MM-DD]\n"
	"                           [--tolerance N|N%] [--as-of YYYY-MM-DD]\n"
	"                           [--format table|csv|json] [--prices FILE]\n"
	"                           [--prices-overlay FILE] [-o FILE]";

static const char summary[] =
	"Reads the provider's bill (Anthropic cost report or Console cost export,\n"
	"OpenAI costs or Console cost export, Google Cloud Billing export; usage\n"
	"reports beside them add the bill's token counts) and compares it, per day,\n"
	"model and service tier, with what the batch results files explain at the\n"
	"catalogue's prices (read and dated as reconcile reads them), or with the\n"
	"batch cost the spend ledger recorded for each day (--ledger LOCATION, or\n"
	"BATCHCALC_LEDGER when set and no --results is given). The\n"
	"difference is split into causes that add up to it exactly: usage in no\n"
	"results file (sync traffic), batches missing from the bill, price\n"
	"differences at the same tokens, non-token charges, the provider's rounding\n"
	"to the cent, and money naming no model the catalogue knows. --tolerance\n"
	"exits 6 when the difference is larger (cents, or N% of the bill).";

/* --tolerance: N cents, or N% of the bill. */
struct tolerance {
	bool given, percent;
	int64_t cents;   /* whole cents */
	int64_t ppm;     /* percent in millionths of a percent (4 decimals x 100) */
};

static enum status parse_tolerance(const char *text, struct tolerance *t, struct diag *d)
{
	size_t n = strlen(text);
	const char *why;
	char buf[64];

	t->given = true;
	if (n > 0 && n < sizeof buf && text[n - 1] == '%') {
		memcpy(buf, text, n - 1);
		buf[n - 1] = '\0';
		t->percent = true;
		if (number_parse_scaled(buf, 4, 0, 1000000, &t->ppm, &why))
			return STATUS_OK;
		return diag_set(d, STATUS_USAGE, "--tolerance: expected a percentage from 0 "
		                "to 100 with at most 4 decimals (such as 0.5%%), found \"%s\" (%s)",
		                text, why);
	}
	if (number_parse_int64(text, 0, INT64_C(100000000000000), &t->cents, &why))
		return STATUS_OK;
	return diag_set(d, STATUS_USAGE, "--tolerance: expected whole cents (500 is $5.00) "
	                "or a percentage of the bill (0.5%%), found \"%s\" (%s)", text, why);
}

static money tolerance_usd(const struct tolerance *t, money billed, bool *overflow)
{
	if (!t->percent)
		return money_from_cents(t->cents);
	if (billed.pico < 0)
		billed.pico = -billed.pico;
	return money_scale(billed, t->ppm, 1000000, overflow); /* ppm: % x 10^4 */
}

static enum status parse_month(const char *text, date_days *since, date_days *until,
                               struct diag *d)
{
	char day[16];
	int year, month, mday;
	const char *why;

	if (strlen(text) == 7 && text[4] == '-') {
		snprintf(day, sizeof day, "%s-01", text);
		if (date_parse(day, since, &why)) {
			date_to_civil(*since, &year, &month, &mday);
			*until = *since + date_days_in_month(year, month) - 1;
			return STATUS_OK;
		}
	}
	return diag_set(d, STATUS_USAGE, "--month: expected a month YYYY-MM, found \"%s\"",
	                text);
}

static const char *kind_key(enum bill_cell_kind k)
{
	static const char *const keys[] = {"tokens", "non_token", "rounding", "unattributed"};
	return keys[k];
}

/* A label cut to the table's column (the full text is in CSV and JSON). */
static const char *short_label(const char *s, char buf[64])
{
	size_t n = strlen(s);

	if (n <= 36)
		return s;
	/* cut at a character boundary, then mark it */
	n = 33;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	snprintf(buf, 64, "%.*s...", (int)n, s);
	return buf;
}

struct run_info {
	const struct usage_set *set;
	const struct recon_run *results; /* NULL: none */
	const struct recon_figures *fig; /* the results priced, or NULL */
	const struct bill_ledger *ledger; /* NULL: none */
	const char *forecast_path;
	const struct tolerance *tol;
	money tolerance;
	bool exceeded;
	/* Results usage no price covers: the explained figures are the priced
	 * models' only, the not_priced cause shows, and the tolerance is not
	 * judged on them. */
	bool unpriced;
};

/* The causes shown: not_priced only when some results usage has no price. */
static int cause_count(const struct run_info *ri)
{
	return ri->unpriced ? BILL_CAUSE_COUNT : BILL_NOT_PRICED;
}

/* The ledger's line of the sources, and the closed months of the period. */
static void print_ledger_source(FILE *out, const struct bill_check *b,
                                const struct bill_ledger *bl)
{
	char adjusted[64] = "", m[64], on[DATE_TEXT_SIZE];

	if (bl->adjustments)
		snprintf(adjusted, sizeof adjusted, " (%zu of them %s)", bl->adjustments,
		         bl->adjustments == 1 ? "an adjustment" : "adjustments");
	cli_wrapf(out, "    ", "  spend ledger %s: %zu entr%s with usage in the period%s, "
	          "the batch cost recorded when each batch was added, by its usage day",
	          bl->where, bl->entries, bl->entries == 1 ? "y" : "ies", adjusted);
	for (size_t i = 0; i < bl->view.month_count; i++) {
		const struct ledger_month *c = &bl->view.months[i];
		date_days first = date_from_civil(c->year, c->month, 1);
		if (first > b->until || first + date_days_in_month(c->year, c->month) - 1 <
		    b->since)
			continue;
		date_format(c->closed_on, on);
		cli_wrapf(out, "    ", "  %04d-%02d is closed in the ledger (on %s, batch "
		          "total %s as closed)%s", c->year, c->month, on,
		          cli_money_cents(c->batch_cost, m), bl->adjustments ? "; adjustments "
		          "booked since count here, on the day of the usage they correct" : "");
	}
}

static void print_sources(FILE *out, const struct bill_check *b, const struct run_info *ri)
{
	const struct usage_set *set = ri->set;
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE], results[64] = "";

	date_format(b->since, from);
	date_format(b->until, to);
	if (ri->results)
		snprintf(results, sizeof results, " and %zu results file%s",
		         ri->results->file_count, ri->results->file_count == 1 ? "" : "s");
	else if (ri->ledger)
		snprintf(results, sizeof results, " and the spend ledger");
	cli_wrapf(out, "  ", "bill check of %zu report%s%s, %s to %s (%" PRId64 " day%s, UTC)",
	          set->file_count, set->file_count == 1 ? "" : "s", results, from, to,
	          b->days, b->days == 1 ? "" : "s");
	for (size_t i = 0; i < set->file_count; i++) {
		const struct usage_file *f = &set->files[i];
		char pages[32] = "", skipped[64] = "";
		if (f->pages > 1)
			snprintf(pages, sizeof pages, " in %zu pages", f->pages);
		if (f->skipped)
			snprintf(skipped, sizeof skipped, ", %zu row%s of other services not read",
			         f->skipped, f->skipped == 1 ? "" : "s");
		cli_wrapf(out, "    ", "  %s: %s, %zu row%s%s%s%s", f->path, f->format, f->rows,
		          f->rows == 1 ? "" : "s", pages, skipped,
		          f->converted ? ", converted to USD at its currency_conversion_rate" : "");
	}
	for (size_t i = 0; ri->results && i < ri->results->file_count; i++) {
		const struct recon_file *f = &ri->results->files[i];
		char day[DATE_TEXT_SIZE];
		date_format(f->day, day);
		cli_wrapf(out, "    ", "  %s: %s results, %" PRId64 " line%s, dated %s", f->name,
		          f->format, f->lines, f->lines == 1 ? "" : "s", day);
	}
	if (ri->ledger)
		print_ledger_source(out, b, ri->ledger);
}

static void print_table(FILE *out, struct cli *ctx, const struct bill_check *b,
                        const struct run_info *ri)
{
	static const char *const headers[] = {"day", "model or line", "tier", "billed",
	                                      "explained", "difference"};
	static const bool right[] = {false, false, false, true, true, true};
	struct table t;
	char m[3][64], day[DATE_TEXT_SIZE], cut[64];

	print_sources(out, b, ri);
	cli_stamp_text(out, ctx, CLI_EACH_DAY, NULL);
	fputc('\n', out);
	table_init(&t, 6, headers, right);
	for (size_t i = 0; i < b->line_count; i++) {
		const struct bill_line *l = &b->lines[i];
		const char *cells[6];
		date_format(l->day, day);
		cells[0] = day;
		cells[1] = short_label(l->label, cut);
		cells[2] = bill_line_tier(l);
		cells[3] = l->has_billed ? cli_money_cents(l->split.billed, m[0]) : "-";
		cells[4] = l->has_explained ? cli_money_cents(l->split.explained, m[1]) : "-";
		cells[5] = cli_money_cents(l->split.difference, m[2]);
		table_add(&t, cells);
	}
	{
		const char *cells[6] = {"total", ri->unpriced ? "explained: priced models only"
		                                              : "", "",
		                        cli_money_cents(b->total.billed, m[0]),
		                        cli_money_cents(b->total.explained, m[1]),
		                        cli_money_cents(b->total.difference, m[2])};
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);

	fprintf(out, "\ndifference by cause (USD)\n");
	{
		static const char *const h[] = {"cause", "USD"};
		static const bool r[] = {false, true};
		struct table c;
		table_init(&c, 2, h, r);
		for (int k = 0; k < cause_count(ri); k++) {
			const char *cells[2] = {bill_cause_words((enum bill_cause)k, ri->ledger != NULL),
			                        cli_money_cents(b->total.cause[k], m[0])};
			table_add(&c, cells);
		}
		{
			const char *cells[2] = {"total", cli_money_cents(b->total.difference, m[0])};
			table_add(&c, cells);
		}
		table_print(&c, out);
		table_release(&c);
	}
	if (b->forecast_count) {
		static const char *const h[] = {"model", "forecast", "billed", "explained"};
		static const bool r[] = {false, true, true, true};
		struct table f;
		fputc('\n', out);
		cli_wrapf(out, "  ", "against the forecast (%s, each day of the period at that "
		          "day's prices; tokens only)", ri->forecast_path);
		table_init(&f, 4, h, r);
		for (size_t i = 0; i < b->forecast_count; i++) {
			const struct bill_forecast_row *x = &b->forecast[i];
			/* NOT PRICED, never $0; "+": some days of it are not priced. */
			const char *cells[4] = {x->model, !x->priced_any ? "NOT PRICED"
			                        : cli_money_cents(x->forecast, m[0]),
			                        cli_money_cents(x->billed, m[1]),
			                        cli_money_cents(x->explained, m[2])};
			if (x->unpriced && x->priced_any)
				strncat(m[0], "+", 63 - strlen(m[0]));
			table_add(&f, cells);
		}
		{
			const char *cells[4] = {b->forecast_unpriced ? "total (priced only)" : "total",
			                        cli_money_cents(b->forecast_total, m[0]), "", ""};
			table_add(&f, cells);
		}
		table_print(&f, out);
		table_release(&f);
		if (b->forecast_unpriced)
			cli_wrapf(out, "  ", "(the forecast leaves out the days of %zu workload%s "
			          "without a price%s)", b->forecast_unpriced,
			          b->forecast_unpriced == 1 ? "" : "s",
			          "; + marks a model some of whose days are left out");
	}
	if (ri->fig)
		recon_report_print_unpriced(out, ctx, ri->fig);
	if (b->unmapped_count) {
		fputc('\n', out);
		cli_wrapf(out, "  ", "models the catalogue cannot name (their money is under "
		          "\"no model\", never priced at $0):");
		for (size_t i = 0; i < b->unmapped_count; i++) {
			const struct bill_unmapped *u = &b->unmapped[i];
			cli_wrapf(out, "    ", "  \"%s\": %zu row%s from %s, billed %s", u->model,
			          u->rows, u->rows == 1 ? "" : "s", u->where,
			          u->has_billed ? cli_money_cents(u->billed, m[0])
			                        : "nothing (tokens only)");
		}
	}
	fputc('\n', out);
	if (!ri->results && !ri->ledger)
		cli_wrapf(out, "  ", "no --results: nothing is explained, the whole bill is "
		          "\"not in any results file\"");
	else if (ri->ledger && ri->ledger->usage_count == 0)
		cli_wrapf(out, "  ", "the ledger records no batch used in the period: nothing "
		          "is explained, the whole bill is usage the ledger does not hold");
	if (b->rows_outside)
		cli_wrapf(out, "  ", "%zu row%s of the reports outside the period, not compared",
		          b->rows_outside, b->rows_outside == 1 ? "" : "s");
	if (!money_is_zero(b->ledger_outside))
		cli_wrapf(out, "  ", "%s of the ledger's batch cost is of days outside the "
		          "period, not compared", cli_money_cents(b->ledger_outside, m[0]));
	if (b->requests_outside)
		cli_wrapf(out, "  ", "%" PRId64 " billed request%s of the results dated outside "
		          "the period, not compared", b->requests_outside,
		          b->requests_outside == 1 ? "" : "s");
	if (b->cells_unpriced)
		cli_wrapf(out, "  ", "a price difference needs the bill's tokens on the same line "
		          "and tier: %zu matched cell%s (day, model, tier, token class) without "
		          "them count%s as volume", b->cells_unpriced,
		          b->cells_unpriced == 1 ? "" : "s", b->cells_unpriced == 1 ? "s" : "");
	if (ri->unpriced)
		cli_wrapf(out, "  ", "explained: the priced models only; %" PRId64 " billed "
		          "request%s of the results no price covers explain nothing, and the "
		          "bill lines they would explain are all \"%s\"", b->unpriced_requests,
		          b->unpriced_requests == 1 ? "" : "s",
		          bill_cause_text(BILL_NOT_PRICED));
	if (ri->tol->given && ri->unpriced)
		cli_wrapf(out, "  ", "tolerance %s: not judged, the difference leaves out the "
		          "results usage no price covers", cli_money_cents(ri->tolerance, m[0]));
	else if (ri->tol->given)
		cli_wrapf(out, "  ", "tolerance %s: the difference %s is %s",
		          cli_money_cents(ri->tolerance, m[0]),
		          cli_money_cents(b->total.difference, m[1]),
		          ri->exceeded ? "ABOVE it (exit 6)" : "within it");
}

static const char *line_money(bool has, money v, char buf[64])
{
	return has ? cli_money_exact(v, buf) : "";
}

static void print_csv(FILE *out, const struct cli *ctx, const struct bill_check *b,
                      const struct run_info *ri)
{
	const char *header[9 + BILL_CAUSE_COUNT];
	char keys[BILL_CAUSE_COUNT][40];
	int n = 0;

	(void)ctx;
	header[n++] = "day";
	header[n++] = "provider";
	header[n++] = "model_or_line";
	header[n++] = "tier";
	header[n++] = "kind";
	header[n++] = "billed_usd";
	header[n++] = "explained_usd";
	header[n++] = "difference_usd";
	for (int k = 0; k < cause_count(ri); k++) {
		snprintf(keys[k], sizeof keys[k], "%s_usd", bill_cause_key((enum bill_cause)k));
		header[n++] = keys[k];
	}
	cli_csv_row(out, header, n);
	for (size_t i = 0; i <= b->line_count; i++) {
		const struct bill_line *l = i < b->line_count ? &b->lines[i] : NULL;
		const struct bill_split *s = l ? &l->split : &b->total;
		const char *cells[8 + BILL_CAUSE_COUNT];
		char m[3 + BILL_CAUSE_COUNT][64], day[DATE_TEXT_SIZE];

		if (l)
			date_format(l->day, day);
		cells[0] = l ? day : ri->unpriced ? "total (explained: priced models only)"
		                          : "total";
		cells[1] = l ? l->provider : "";
		cells[2] = l ? l->label : "";
		cells[3] = l ? bill_line_tier(l) : "";
		cells[4] = l ? kind_key(l->kind) : "";
		cells[5] = line_money(!l || l->has_billed, s->billed, m[0]);
		cells[6] = line_money(!l || l->has_explained, s->explained, m[1]);
		cells[7] = cli_money_exact(s->difference, m[2]);
		for (int k = 0; k < cause_count(ri); k++)
			cells[8 + k] = cli_money_exact(s->cause[k], m[3 + k]);
		cli_csv_row(out, cells, 8 + cause_count(ri));
	}
}

static void json_causes(cJSON *o, const struct bill_split *s, const struct run_info *ri)
{
	cJSON *c = cJSON_AddObjectToObject(o, "causes");
	for (int k = 0; k < cause_count(ri); k++)
		cli_json_money(c, bill_cause_key((enum bill_cause)k), s->cause[k]);
}

static void print_json(FILE *out, struct cli *ctx, const struct bill_check *b,
                       const struct run_info *ri)
{
	cJSON *root = cJSON_CreateObject(), *period, *files, *lines, *unmapped;
	char day[DATE_TEXT_SIZE];

	period = cJSON_AddObjectToObject(root, "period");
	date_format(b->since, day);
	cJSON_AddStringToObject(period, "since", day);
	date_format(b->until, day);
	cJSON_AddStringToObject(period, "until", day);
	cli_json_int(period, "days", b->days);
	files = cJSON_AddArrayToObject(root, "files");
	for (size_t i = 0; i < ri->set->file_count; i++) {
		const struct usage_file *f = &ri->set->files[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", f->path);
		cJSON_AddStringToObject(o, "format", f->format);
		cJSON_AddStringToObject(o, "provider", f->provider);
		cli_json_int(o, "rows", (int64_t)f->rows);
		cli_json_int(o, "pages", (int64_t)f->pages);
		cli_json_int(o, "rows_of_other_services", (int64_t)f->skipped);
		cJSON_AddBoolToObject(o, "converted_to_usd", f->converted);
		cJSON_AddItemToArray(files, o);
	}
	if (ri->results) {
		cJSON *rf = cJSON_AddArrayToObject(root, "results_files");
		for (size_t i = 0; i < ri->results->file_count; i++) {
			const struct recon_file *f = &ri->results->files[i];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "name", f->name);
			cJSON_AddStringToObject(o, "format", f->format);
			cJSON_AddStringToObject(o, "batch", f->batch);
			date_format(f->day, day);
			cJSON_AddStringToObject(o, "dated", day);
			cli_json_int(o, "lines", f->lines);
			cJSON_AddItemToArray(rf, o);
		}
	}
	if (ri->ledger) {
		const struct bill_ledger *bl = ri->ledger;
		cJSON *lo = cJSON_AddObjectToObject(root, "ledger"), *months;
		cJSON_AddStringToObject(lo, "location", bl->where);
		cli_json_int(lo, "entries", (int64_t)bl->entries);
		cli_json_int(lo, "adjustments", (int64_t)bl->adjustments);
		cli_json_money(lo, "recorded_batch_usd", bl->recorded);
		cli_json_money(lo, "outside_period_usd", b->ledger_outside);
		months = cJSON_AddArrayToObject(lo, "closed_months");
		for (size_t i = 0; i < bl->view.month_count; i++) {
			const struct ledger_month *c = &bl->view.months[i];
			date_days first = date_from_civil(c->year, c->month, 1);
			char month[16];
			cJSON *o;
			if (first > b->until ||
			    first + date_days_in_month(c->year, c->month) - 1 < b->since)
				continue;
			o = cJSON_CreateObject();
			snprintf(month, sizeof month, "%04d-%02d", c->year, c->month);
			cJSON_AddStringToObject(o, "month", month);
			date_format(c->closed_on, day);
			cJSON_AddStringToObject(o, "closed_on", day);
			cli_json_money(o, "batch_usd_as_closed", c->batch_cost);
			cJSON_AddItemToArray(months, o);
		}
	}
	cli_json_money(root, "billed_usd", b->total.billed);
	if (ri->unpriced) {
		cJSON_AddTrueToObject(root, "explained_priced_models_only");
		cli_json_int(root, "unpriced_billed_requests", b->unpriced_requests);
	}
	cli_json_money(root, "explained_usd", b->total.explained);
	cli_json_money(root, "difference_usd", b->total.difference);
	json_causes(root, &b->total, ri);
	lines = cJSON_AddArrayToObject(root, "lines");
	for (size_t i = 0; i < b->line_count; i++) {
		const struct bill_line *l = &b->lines[i];
		cJSON *o = cJSON_CreateObject();
		date_format(l->day, day);
		cJSON_AddStringToObject(o, "day", day);
		cJSON_AddStringToObject(o, "provider", l->provider);
		cJSON_AddStringToObject(o, l->kind == BILL_CELL_TOKENS ? "model" : "line", l->label);
		cJSON_AddStringToObject(o, "tier", bill_line_tier(l));
		cJSON_AddStringToObject(o, "kind", kind_key(l->kind));
		if (l->has_billed)
			cli_json_money(o, "billed_usd", l->split.billed);
		else
			cJSON_AddNullToObject(o, "billed_usd");
		if (l->has_explained)
			cli_json_money(o, "explained_usd", l->split.explained);
		else
			cJSON_AddNullToObject(o, "explained_usd");
		cli_json_money(o, "difference_usd", l->split.difference);
		json_causes(o, &l->split, ri);
		cJSON_AddItemToArray(lines, o);
	}
	unmapped = cJSON_AddArrayToObject(root, "unmapped_models");
	for (size_t i = 0; i < b->unmapped_count; i++) {
		const struct bill_unmapped *u = &b->unmapped[i];
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "model", u->model);
		cJSON_AddStringToObject(o, "first_row", u->where);
		cli_json_int(o, "rows", (int64_t)u->rows);
		if (u->has_billed)
			cli_json_money(o, "billed_usd", u->billed);
		else
			cJSON_AddNullToObject(o, "billed_usd");
		cJSON_AddItemToArray(unmapped, o);
	}
	cli_json_int(root, "rows_outside_period", (int64_t)b->rows_outside);
	cli_json_int(root, "results_requests_outside_period", b->requests_outside);
	cli_json_int(root, "matched_without_bill_tokens", (int64_t)b->cells_unpriced);
	if (b->forecast_count) {
		cJSON *f = cJSON_AddObjectToObject(root, "forecast"), *models;
		cJSON_AddStringToObject(f, "profile", ri->forecast_path);
		cJSON_AddStringToObject(f, "price_date", "each day");
		if (b->forecast_unpriced) {
			cJSON_AddTrueToObject(f, "priced_workloads_only");
			cli_json_int(f, "unpriced_workloads", (int64_t)b->forecast_unpriced);
		}
		cli_json_money(f, "forecast_usd", b->forecast_total);
		models = cJSON_AddArrayToObject(f, "models");
		for (size_t i = 0; i < b->forecast_count; i++) {
			const struct bill_forecast_row *x = &b->forecast[i];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "model", x->model);
			if (!x->priced_any)
				cJSON_AddFalseToObject(o, "priced");
			else if (x->unpriced) /* some days of its workloads left out */
				cJSON_AddTrueToObject(o, "priced_days_only");
			if (x->priced_any) {
				cli_json_money(o, "forecast_usd", x->forecast);
				cli_json_money(o, "forecast_sync_usd", x->sync);
				cli_json_money(o, "forecast_batch_usd", x->batch);
			} else { /* never $0 */
				cJSON_AddNullToObject(o, "forecast_usd");
				cJSON_AddNullToObject(o, "forecast_sync_usd");
				cJSON_AddNullToObject(o, "forecast_batch_usd");
			}
			cli_json_money(o, "billed_usd", x->billed);
			cli_json_money(o, "explained_usd", x->explained);
			cJSON_AddItemToArray(models, o);
		}
	}
	if (ri->tol->given) {
		cJSON *t = cJSON_AddObjectToObject(root, "tolerance");
		cli_json_money(t, "usd", ri->tolerance);
		if (ri->unpriced) /* not judged on a partial explanation */
			cJSON_AddNullToObject(t, "exceeded");
		else
			cJSON_AddBoolToObject(t, "exceeded", ri->exceeded);
	}
	cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, CLI_EACH_DAY, NULL));
	cli_json_print(out, root);
	cJSON_Delete(root);
}

enum status cmd_bill(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *batches = NULL, *forecast = NULL, *month = NULL, *since = NULL,
	           *until = NULL, *tolerance = NULL, *as_of = NULL, *format_text = NULL,
	           *prices = NULL, *ledger = NULL;
	struct option_list results = {{0}, 0};
	bool help = false;
	const struct option_spec specs[] = {
		{"results", 0, OPTION_LIST, "FILE", "a batch results file (repeat it): what the bill should show", &results},
		{"batches", 0, OPTION_VALUE, "META.json", "batch objects: the created day of each results file", &batches},
		{"ledger", 0, OPTION_VALUE, "LOCATION", "the spend ledger's batches instead (SQLite file or postgresql:// URI)", &ledger},
		{"forecast", 0, OPTION_VALUE, "PROFILE", "also compare with PROFILE over the period", &forecast},
		{"month", 0, OPTION_VALUE, "YYYY-MM", "the period: one calendar month", &month},
		{"since", 0, OPTION_VALUE, "YYYY-MM-DD", "the period's first day (with --until)", &since},
		{"until", 0, OPTION_VALUE, "YYYY-MM-DD", "the period's last day", &until},
		{"tolerance", 0, OPTION_VALUE, "N|N%", "exit 6 when the difference exceeds N cents or N% of the bill", &tolerance},
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "the day of results files no batch object dates (default today)", &as_of},
		CLI_OUTPUT_OPTIONS(&format_text, &prices, ctx),
		OPTION_END,
	};
	const char *operands[64];
	int operand_count;
	struct tolerance tol = {false, false, 0, 0};
	struct recon_period period = {false, 0, 0};
	date_days as_of_day;
	struct recon_run run;
	struct recon_figures fig;
	struct usage_set set;
	struct profile profile;
	struct bill_options bo;
	struct bill_check check;
	struct bill_ledger bl;
	struct run_info ri;
	enum format format;
	bool overflow = false, have_run = false, have_fig = false, use_ledger;
	enum status st;

	if ((st = options_parse(specs, argc, argv, operands, 64, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if (operand_count == 0)
		return diag_set(d, STATUS_USAGE, "bill: expected at least one COSTFILE (the "
		                "provider's cost report)");
	if (month && (since || until))
		return diag_set(d, STATUS_USAGE, "--month: expected it alone, or --since and "
		                "--until, found both");
	if (!!since != !!until)
		return diag_set(d, STATUS_USAGE, "--since and --until: expected both (a bill "
		                "is checked over a closed period)");
	if (ledger && results.count > 0)
		return diag_set(d, STATUS_USAGE, "--ledger: expected instead of --results "
		                "(one source of what the bill should show), found both");
	if (batches && results.count == 0)
		return diag_set(d, STATUS_USAGE, "--batches: expected --results FILE with it");
	/* The ledger the ledger commands use when BATCHCALC_LEDGER names one, unless
	 * results files are given instead. */
	use_ledger = ledger || (results.count == 0 && getenv("BATCHCALC_LEDGER") &&
	                        *getenv("BATCHCALC_LEDGER"));
	if ((st = cli_parse_format(format_text, &format, d)))
		return st;
	if (tolerance && (st = parse_tolerance(tolerance, &tol, d)))
		return st;
	memset(&bo, 0, sizeof bo);
	if ((st = cli_parse_date(ctx, "as-of", as_of, &as_of_day, d)))
		return st;
	if (month) {
		if ((st = parse_month(month, &period.since, &period.until, d)))
			return st;
		period.has = true;
	} else if (since && (st = recon_period_parse(ctx, since, until, &period, d))) {
		return st;
	}
	bo.has_period = period.has;
	bo.since = period.since;
	bo.until = period.until;
	if ((st = cli_load_catalogue(ctx, prices, d)))
		return st;
	usage_set_init(&set);
	memset(&profile, 0, sizeof profile);
	memset(&run, 0, sizeof run);
	memset(&fig, 0, sizeof fig);
	memset(&bl, 0, sizeof bl);
	st = bill_load_reports(operands, operand_count, &set, d);
	if (st == STATUS_OK && forecast)
		st = profile_load_file(forecast, &profile, d);
	if (st == STATUS_OK && results.count > 0) {
		struct recon_read_options ro;
		struct keyset *keys = keyset_new(KEYSET_DEFAULT_BITS);

		/* reconcile's reading: with a period, only batches created in it */
		memset(&ro, 0, sizeof ro);
		ro.batches = batches;
		ro.as_of = as_of_day;
		ro.period = period;
		have_run = true;
		if (!keys)
			st = diag_set(d, STATUS_IO, "out of memory");
		else
			st = recon_read(&ctx->pricing, results.items, results.count, &ro, keys,
			                &run, d);
		keyset_free(keys);
		/* Priced as reconcile prices them: usage no price covers is listed
		 * and recorded (exit 4), and everything else is still checked. */
		if (st == STATUS_OK) {
			st = recon_figures_compute_partial(&ctx->pricing, &run, GROUP_MODEL, NULL,
			                                   &fig, d);
			if (st == STATUS_UNKNOWN_MODEL)
				st = STATUS_OK;
			have_fig = st == STATUS_OK;
		}
	}
	if (st == STATUS_OK && use_ledger)
		st = bill_ledger_read(ledger, period.has, period.since, period.until, &bl, d);
	if (st == STATUS_OK) {
		usage_map_models(&set, &ctx->pricing.catalogue);
		bo.results = have_run ? &run.r : NULL;
		bo.ledger = use_ledger ? bl.usage : NULL;
		bo.ledger_count = bl.usage_count;
		bo.forecast = forecast ? &profile : NULL;
		st = bill_check_compute(&ctx->pricing, &set, &bo, &check, d);
	}
	/* The explained total is reconcile's batch total, to the picodollar. */
	if (st == STATUS_OK && have_fig && check.requests_outside == 0 &&
	    money_cmp(check.total.explained, fig.total.batch) != 0) {
		char a[64], b[64];
		st = diag_set(d, STATUS_IO, "internal error: explained %s, reconcile's batch "
		              "total %s", cli_money_exact(check.total.explained, a),
		              cli_money_exact(fig.total.batch, b));
		bill_check_release(&check);
	}
	/* From the ledger: the recorded batch cost of the period's usage, to the
	 * picodollar (token classes summed as the batches' totals were). */
	if (st == STATUS_OK && use_ledger &&
	    money_cmp(money_add(check.total.explained, check.ledger_outside, &overflow),
	              bl.recorded) != 0) {
		char a[64], b[64];
		st = diag_set(d, STATUS_IO, "internal error: explained %s, the ledger's "
		              "recorded batch cost %s", cli_money_exact(check.total.explained, a),
		              cli_money_exact(bl.recorded, b));
		bill_check_release(&check);
	}
	if (st == STATUS_OK) {
		money diff = check.total.difference;
		memset(&ri, 0, sizeof ri);
		ri.set = &set;
		ri.results = have_run ? &run : NULL;
		ri.fig = have_fig ? &fig : NULL;
		ri.unpriced = check.unpriced_requests > 0;
		ri.ledger = use_ledger ? &bl : NULL;
		ri.forecast_path = forecast;
		ri.tol = &tol;
		if (diff.pico < 0)
			diff.pico = -diff.pico;
		if (tol.given) {
			ri.tolerance = tolerance_usd(&tol, check.total.billed, &overflow);
			ri.exceeded = !ri.unpriced && money_cmp(diff, ri.tolerance) > 0;
		}
		if (format == FORMAT_JSON)
			print_json(ctx->out, ctx, &check, &ri);
		else if (format == FORMAT_CSV)
			print_csv(ctx->out, ctx, &check, &ri);
		else
			print_table(ctx->out, ctx, &check, &ri);
		if (overflow)
			st = diag_set(d, STATUS_OVERFLOW, "--tolerance: too large a figure");
		else if (ri.exceeded)
			st = diag_set(d, STATUS_THRESHOLD, "bill: the difference %s is above the "
			              "tolerance %s", cli_money_cents(check.total.difference,
			                                              (char[64]){0}),
			              cli_money_cents(ri.tolerance, (char[64]){0}));
		bill_check_release(&check);
	}
	if (have_fig)
		recon_figures_release(&fig);
	if (have_run)
		recon_run_release(&run);
	bill_ledger_release(&bl);
	profile_release(&profile);
	usage_set_release(&set);
	return st;
}
