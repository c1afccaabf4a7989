/* batchcalc estimate: what each workload of a profile costs per month. */
#include "commands.h"


#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc estimate [PROFILE] [--as-of YYYY-MM-DD] [--month-days N]\n"
	"                          [--since YYYY-MM-DD --until YYYY-MM-DD]\n"
	"                          [--currency CODE --fx FILE | --fx-rate RATE]\n"
	"                          [--format table|csv|json] [--prices FILE]\n"
	"                          [--prices-overlay FILE] [-o FILE]";

static const char summary[] =
	"Prices every workload of PROFILE (CSV or JSON; default: the seed article's\n"
	"scenarios, built in) per month: sync (real-time API), batch, hybrid\n"
	"(batch_share to batch, the rest sync) and the savings of the hybrid plan.\n"
	"With --since and --until (inclusive) the cost is given per calendar month:\n"
	"each day is priced with the prices and exchange rate in force that day, so\n"
	"a closed month never re-prices; a month partly inside the period counts\n"
	"its days inside it.\n"
	"PROFILE: CSV with the header name,model,volume,period,input_tokens,\n"
	"output_tokens (optional: cache_read_tokens, cache_write_tokens,\n"
	"cache_write_1h_tokens, cache_write_30m_tokens, cache_write_12h_tokens,\n"
	"batch_share as 0.8 or 80%, input_tokens_p95, service_tier, inference_geo),\n"
	"or JSON {\"workloads\": [...]} with the same keys; every column, key, unit\n"
	"and the business and plan sections: man batchcalc, PROFILE FORMAT.";

/* "sync_eur": the JSON key or CSV column of a converted figure. */
static const char *converted_key(const struct cli *ctx, enum pricing_figure f,
                                 const char *suffix, char buf[64])
{
	char usd_key[64];

	snprintf(usd_key, sizeof usd_key, "%s_usd%s", pricing_figure_name(f), suffix);
	return cli_currency_key(ctx, usd_key, buf);
}

/* The currency of tables: the shown one. */
static const char *shown_code(const struct cli *ctx)
{
	return ctx->pricing.currency.converting ? ctx->pricing.currency.code : "USD";
}

/* What `estimate` shows for one day: the profile and its figures, made once
 * by pricing_day_compute; the writers below only format them. */
struct estimate {
	const struct profile *profile;
	struct pricing_day day;
};

/* The model a row names: the catalogue's id, or the profile's text. */
static const char *row_model(const struct pricing_workload *row)
{
	return row->model ? row->model->id : row->w->model;
}

static void print_table(FILE *out, struct cli *ctx, const struct estimate *est)
{
	static const char *const headers[] = {"workload", "requests", "sync",
	                                      "batch", "hybrid", "savings"};
	static const bool right[] = {false, true, true, true, true, true};
	static const char *const model_headers[] = {"workload", "model", "batch share",
	                                            "long-context requests"};
	static const bool model_right[] = {false, false, true, true};
	const struct pricing_day *pd = &est->day;
	char buf[6][64];
	struct table t;
	bool any_long = false;

	fprintf(out, "monthly cost of %s\n", est->profile->origin);
	cli_stamp_text(out, ctx, pd->day, &pd->month_days);
	fprintf(out, "\n%s per month\n", shown_code(ctx));
	table_init(&t, 6, headers, right);
	for (size_t i = 0; i <= pd->count; i++) {
		bool total = i == pd->count;
		const struct pricing_workload *row = total ? NULL : &pd->rows[i];
		const money *fig = total ? pd->total_shown : row->shown;
		const char *cells[6];

		cells[0] = total ? (pd->unpriced ? "total (priced workloads only)" : "total")
		                 : row->w->name;
		cells[1] = cli_ratio_text(total ? pd->total.requests_per_month
		                                : row->e.requests_per_month, 2, buf[0]);
		for (int f = 0; f < PRICING_FIGURES; f++)
			cells[2 + f] = !total && row->unpriced ? "NOT PRICED"
			               : cli_money_cents(fig[f], buf[1 + f]);
		if (!total && !row->unpriced && row->e.used_derived)
			strncat(buf[2], "*", 63 - strlen(buf[2]));
		any_long = any_long || (!total && row->e.long_context_share > 0);
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);

	fputc('\n', out);
	table_init(&t, any_long ? 4 : 3, model_headers, model_right);
	for (size_t i = 0; i < pd->count; i++) {
		const struct pricing_workload *row = &pd->rows[i];
		struct ratio share = {row->w->batch_share, SHARE_SCALE / 100};
		const char *cells[4];

		cli_ratio_text(share, 2, buf[0]);
		strncat(buf[0], "%", 63 - strlen(buf[0]));
		snprintf(buf[1], 64, "%.2f%%", row->e.long_context_share * 100.0);
		cells[0] = row->w->name;
		cells[1] = row_model(row);
		cells[2] = buf[0];
		cells[3] = row->unpriced ? "-" : buf[1];
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	cli_print_unpriced_workloads(out, pd);
	if (pd->total.used_derived)
		cli_wrapf(out, "  ", "\n* rests on a batch rate derived by the provider's rule, "
		          "not a published one (see 'batchcalc prices show MODEL')");
}

static void print_csv(FILE *out, const struct cli *ctx, const struct estimate *est)
{
	static const char *const header[] = {
		"workload", "model", "requests_per_month", "batch_share", "sync_usd_month",
		"batch_usd_month", "hybrid_usd_month", "savings_usd_month",
		"derived_batch_rates"};
	const struct pricing_day *pd = &est->day;
	bool converting = ctx->pricing.currency.converting;
	int n = converting ? 13 : 9;
	char buf[10][64];
	const char *cells[14];

	memcpy(cells, header, sizeof header);
	for (int f = 0; f < PRICING_FIGURES && converting; f++)
		cells[9 + f] = converted_key(ctx, (enum pricing_figure)f, "_month", buf[6 + f]);
	/* A "priced" column only when some workload is not priced. */
	if (pd->unpriced)
		cells[n] = "priced";
	cli_csv_row(out, cells, n + (pd->unpriced ? 1 : 0));
	for (size_t i = 0; i < pd->count; i++) {
		const struct pricing_workload *row = &pd->rows[i];
		struct ratio share = {row->w->batch_share, SHARE_SCALE};

		if (row->unpriced) {
			/* Empty money, never 0. */
			const char *none[14] = {row->w->name, row->w->model,
				cli_ratio_exact(row->e.requests_per_month, buf[4]),
				cli_ratio_exact(share, buf[5]), "", "", "", "", "",
				"", "", "", "", ""};
			none[n] = "no";
			cli_csv_row(out, none, n + 1);
			continue;
		}

		/* The same exact figures as the JSON output. */
		cells[0] = row->w->name;
		cells[1] = row->model->id;
		cells[2] = cli_ratio_exact(row->e.requests_per_month, buf[4]);
		cells[3] = cli_ratio_exact(share, buf[5]);
		cells[4] = cli_money_exact(row->e.sync, buf[0]);
		cells[5] = cli_money_exact(row->e.batch, buf[1]);
		cells[6] = cli_money_exact(row->e.hybrid, buf[2]);
		cells[7] = cli_money_exact(row->e.savings, buf[3]);
		cells[8] = row->e.used_derived ? "yes" : "no";
		for (int f = 0; f < PRICING_FIGURES && converting; f++)
			cells[9 + f] = cli_money_exact(row->shown[f], buf[6 + f]);
		cells[n] = "yes";
		cli_csv_row(out, cells, n + (pd->unpriced ? 1 : 0));
	}
}

/* "sync_usd" ... and, when converting, "sync_eur" ... */
static void add_figures(cJSON *obj, const struct cli *ctx, const money *usd,
                        const money *shown)
{
	char key[64];

	for (int f = 0; f < PRICING_FIGURES; f++) {
		snprintf(key, sizeof key, "%s_usd", pricing_figure_name((enum pricing_figure)f));
		cli_json_money(obj, key, usd[f]);
	}
	for (int f = 0; f < PRICING_FIGURES && ctx->pricing.currency.converting; f++)
		cli_json_money(obj, converted_key(ctx, (enum pricing_figure)f, "", key),
		               shown[f]);
}

static void print_json(FILE *out, struct cli *ctx, const struct estimate *est)
{
	const struct pricing_day *pd = &est->day;
	cJSON *root = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(root, "workloads");
	cJSON *total;
	money usd[PRICING_FIGURES];

	for (size_t i = 0; i < pd->count; i++) {
		const struct pricing_workload *row = &pd->rows[i];
		struct ratio share = {row->w->batch_share, SHARE_SCALE};
		cJSON *w = cJSON_CreateObject();
		char key[64];

		cJSON_AddStringToObject(w, "name", row->w->name);
		cJSON_AddStringToObject(w, "model", row_model(row));
		cli_json_ratio(w, "requests_per_month", row->e.requests_per_month);
		cli_json_ratio(w, "batch_share", share);
		if (row->w->service_tier)
			cJSON_AddStringToObject(w, "service_tier", row->w->service_tier);
		if (row->w->inference_geo)
			cJSON_AddStringToObject(w, "inference_geo", row->w->inference_geo);
		if (row->unpriced) {
			/* Never $0: the money of a workload not priced is null. */
			cJSON_AddFalseToObject(w, "priced");
			cJSON_AddStringToObject(w, "why_not_priced", row->why.text);
			for (int f = 0; f < PRICING_FIGURES; f++) {
				snprintf(key, sizeof key, "%s_usd",
				         pricing_figure_name((enum pricing_figure)f));
				cJSON_AddNullToObject(w, key);
			}
			cJSON_AddItemToArray(list, w);
			continue;
		}
		pricing_figures_of(&row->e, usd);
		for (int f = 0; f < PRICING_FIGURES; f++) {
			snprintf(key, sizeof key, "%s_usd", pricing_figure_name((enum pricing_figure)f));
			cli_json_money(w, key, usd[f]);
		}
		cli_json_money(w, "sync_usd_per_request", row->e.request_sync);
		cli_json_money(w, "batch_usd_per_request", row->e.request_batch);
		for (int f = 0; f < PRICING_FIGURES && ctx->pricing.currency.converting; f++)
			cli_json_money(w, converted_key(ctx, (enum pricing_figure)f, "", key),
			               row->shown[f]);
		cJSON_AddNumberToObject(w, "long_context_share", row->e.long_context_share);
		cJSON_AddBoolToObject(w, "derived_batch_rates", row->e.used_derived);
		cJSON_AddItemToArray(list, w);
	}
	total = cJSON_AddObjectToObject(root, "total");
	if (pd->unpriced) {
		cJSON_AddTrueToObject(total, "priced_workloads_only");
		cli_json_int(total, "unpriced_workloads", (int64_t)pd->unpriced);
	}
	cli_json_ratio(total, "requests_per_month", pd->total.requests_per_month);
	pricing_figures_of(&pd->total, usd);
	add_figures(total, ctx, usd, pd->total_shown);
	cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, pd->day, &pd->month_days));
	cli_json_print(out, root);
	cJSON_Delete(root);
}

/* ---- by month (--since / --until) ---- */

static void month_label(const struct pricing_month *m, char buf[16])
{
	snprintf(buf, 16, "%04d-%02d", m->year, m->month);
}

/* Whether any workload has a priced day in month m. */
static bool month_priced_any(const struct pricing_month *m, size_t workloads)
{
	for (size_t i = 0; i < workloads; i++)
		if (m->workload_unpriced_days[i] < m->days)
			return true;
	return false;
}

/* Workloads with days not priced: in no figure on those days. */
static void print_unpriced_days(FILE *out, const struct cli *ctx,
                                const struct profile *p, date_days since,
                                date_days until, const struct pricing_months *mc)
{
	char buf[3][64];

	fprintf(out, "\nNOT PRICED (in no figure above on those days): %zu workload%s\n",
	        mc->unpriced, mc->unpriced == 1 ? "" : "s");
	for (size_t i = 0; i < p->count; i++) {
		const struct workload *w = &p->workloads[i];
		struct ratio requests;
		struct diag ignored;

		if (!mc->unpriced_days[i])
			continue;
		if (workload_requests_per_month(w, (struct ratio){30, 1}, &requests,
		                                &ignored) != STATUS_OK)
			requests = (struct ratio){0, 1};
		cli_wrapf(out, "    ", "  %s (%s): %d of %d day%s, %s request%s a 30-day month, "
		          "%s tokens in, %s out: %s", w->name, w->model, mc->unpriced_days[i],
		          until - since + 1, until == since ? "" : "s",
		          cli_ratio_text(requests, 2, buf[0]),
		          requests.num == requests.den ? "" : "s",
		          cli_ratio_text((struct ratio){w->input_tokens, 1}, 0, buf[1]),
		          cli_ratio_text((struct ratio){w->output_tokens, 1}, 0, buf[2]),
		          pricing_find_model(&ctx->pricing, w->model)
		          ? "no price in force on those days" : "not in the catalogue");
	}
}

static void print_months_table(FILE *out, struct cli *ctx, const struct profile *p,
                               date_days since, date_days until,
                               const struct pricing_months *mc)
{
	static const char *const headers[] = {"month", "days", "sync", "batch",
	                                      "hybrid", "savings", "rate"};
	static const bool right[] = {false, true, true, true, true, true, true};
	bool converting = ctx->pricing.currency.converting;
	bool any_derived = false, any_change = false;
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE], buf[7][64];
	struct table t;

	date_format(since, from);
	date_format(until, to);
	fprintf(out, "cost of %s by month, %s to %s\n", p->origin, from, to);
	cli_stamp_text(out, ctx, CLI_EACH_DAY, NULL);
	fprintf(out, "each day is priced and converted with the prices and rate in "
	             "force that day;\na month is its calendar days\n\n%s\n",
	        shown_code(ctx));
	table_init(&t, converting ? 7 : 6, headers, right);
	for (size_t k = 0; k < mc->count; k++) {
		const struct pricing_month *m = &mc->months[k];
		bool none = !month_priced_any(m, p->count);
		const char *cells[7];

		month_label(m, buf[0]);
		snprintf(buf[1], 64, "%d/%d", m->days, m->days_in_month);
		cells[0] = buf[0];
		cells[1] = buf[1];
		/* NOT PRICED, never $0; "+": some workload's days are left out. */
		for (int f = 0; f < PRICING_FIGURES; f++) {
			cells[2 + f] = none ? "NOT PRICED" : cli_money_cents(m->shown[f], buf[2 + f]);
			if (m->unpriced && !none)
				strncat(buf[2 + f], "+", 63 - strlen(buf[2 + f]));
		}
		if (m->used_derived)
			strncat(buf[3], "*", 63 - strlen(buf[3]));
		cli_ratio_exact((struct ratio){m->fx_first, FX_SCALE}, buf[6]);
		if (m->fx_changed)
			strncat(buf[6], "+", 63 - strlen(buf[6]));
		cells[6] = buf[6];
		any_derived = any_derived || m->used_derived;
		any_change = any_change || m->fx_changed;
		table_add(&t, cells);
	}
	{
		const char *cells[7] = {mc->unpriced ? "total (priced workloads only)"
		                                     : "total", "", "", "", "", "", ""};
		for (int f = 0; f < PRICING_FIGURES; f++)
			cells[2 + f] = cli_money_cents(mc->shown[f], buf[2 + f]);
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	if (mc->unpriced) {
		fprintf(out, "(+: the month leaves out days of a workload that could not be "
		             "priced)\n");
		print_unpriced_days(out, ctx, p, since, until, mc);
	}
	if (converting)
		cli_wrapf(out, "  ", "\nrate: %s per USD on the month's first day in the period%s",
		          ctx->pricing.currency.code, any_change ? " (+ = it changed later "
		          "in the month; each day uses its own)" : "");
	if (any_derived)
		fprintf(out, "\n* rests on a batch rate derived by the provider's rule, "
		             "not a published one\n");
}

static void print_months_csv(FILE *out, const struct cli *ctx,
                             const struct profile *p, const struct pricing_months *mc)
{
	bool converting = ctx->pricing.currency.converting;
	int n = converting ? 12 : 8;
	char buf[12][64];
	const char *cells[13] = {"month", "first_day", "last_day", "workload",
	                         "sync_usd", "batch_usd", "hybrid_usd", "savings_usd"};

	for (int f = 0; f < PRICING_FIGURES && converting; f++)
		cells[8 + f] = converted_key(ctx, (enum pricing_figure)f, "", buf[8 + f]);
	/* A "priced" column only when some day is not priced: yes, part, no. */
	if (mc->unpriced)
		cells[n++] = "priced";
	cli_csv_row(out, cells, n);
	for (size_t k = 0; k < mc->count; k++) {
		const struct pricing_month *m = &mc->months[k];
		char label[16], first[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE];

		month_label(m, label);
		date_format(m->first, first);
		date_format(m->last, last);
		for (size_t i = 0; i <= p->count; i++) {
			/* one row per workload, then the month's total */
			const money *usd = i < p->count
			                   ? &m->workload_usd[i * PRICING_FIGURES] : m->usd;
			const money *cur = i < p->count
			                   ? &m->workload_shown[i * PRICING_FIGURES] : m->shown;
			int gap = i < p->count ? m->workload_unpriced_days[i]
			          : m->unpriced ? (month_priced_any(m, p->count) ? 1 : m->days)
			          : 0;
			/* Empty money, never 0, for what has no priced day. */
			bool none = gap == m->days;

			cells[0] = label;
			cells[1] = first;
			cells[2] = last;
			cells[3] = i < p->count ? p->workloads[i].name : "total";
			for (int f = 0; f < PRICING_FIGURES; f++) {
				cells[4 + f] = none ? "" : cli_money_exact(usd[f], buf[f]);
				if (converting)
					cells[8 + f] = none ? "" : cli_money_exact(cur[f], buf[4 + f]);
			}
			if (mc->unpriced)
				cells[n - 1] = !gap ? "yes" : none ? "no" : "part";
			cli_csv_row(out, cells, n);
		}
	}
}

/* Never $0: the money of what has no priced day is null. */
static void null_figures(cJSON *obj)
{
	char key[64];

	for (int f = 0; f < PRICING_FIGURES; f++) {
		snprintf(key, sizeof key, "%s_usd", pricing_figure_name((enum pricing_figure)f));
		cJSON_AddNullToObject(obj, key);
	}
}

static void print_months_json(FILE *out, struct cli *ctx, const struct profile *p,
                              date_days since, date_days until,
                              const struct pricing_months *mc)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *months = cJSON_AddArrayToObject(root, "months"), *total;
	char when[DATE_TEXT_SIZE];

	date_format(since, when);
	cJSON_AddStringToObject(root, "since", when);
	date_format(until, when);
	cJSON_AddStringToObject(root, "until", when);
	for (size_t k = 0; k < mc->count; k++) {
		const struct pricing_month *m = &mc->months[k];
		cJSON *o = cJSON_CreateObject(), *list;
		char label[16];

		month_label(m, label);
		cJSON_AddStringToObject(o, "month", label);
		date_format(m->first, when);
		cJSON_AddStringToObject(o, "first_day", when);
		date_format(m->last, when);
		cJSON_AddStringToObject(o, "last_day", when);
		cli_json_int(o, "days", m->days);
		cli_json_int(o, "days_in_month", m->days_in_month);
		if (m->unpriced)
			cJSON_AddTrueToObject(o, "priced_workloads_only");
		if (month_priced_any(m, p->count))
			add_figures(o, ctx, m->usd, m->shown);
		else
			null_figures(o);
		if (ctx->pricing.currency.converting) {
			cli_json_ratio(o, "rate_first_day", (struct ratio){m->fx_first, FX_SCALE});
			cJSON_AddBoolToObject(o, "rate_changed_in_month", m->fx_changed);
		}
		cJSON_AddBoolToObject(o, "derived_batch_rates", m->used_derived);
		list = cJSON_AddArrayToObject(o, "workloads");
		for (size_t i = 0; i < p->count; i++) {
			cJSON *w = cJSON_CreateObject();
			int gap = m->workload_unpriced_days[i];
			cJSON_AddStringToObject(w, "name", p->workloads[i].name);
			cJSON_AddStringToObject(w, "model", mc->models[i] ? mc->models[i]->id
			                                                  : p->workloads[i].model);
			if (gap) {
				cli_json_int(w, "unpriced_days", gap);
				cJSON_AddBoolToObject(w, "priced", gap < m->days);
			}
			if (gap == m->days) {
				null_figures(w);
			} else {
				add_figures(w, ctx, &m->workload_usd[i * PRICING_FIGURES],
				            &m->workload_shown[i * PRICING_FIGURES]);
			}
			cJSON_AddItemToArray(list, w);
		}
		cJSON_AddItemToArray(months, o);
	}
	total = cJSON_AddObjectToObject(root, "total");
	if (mc->unpriced) {
		cJSON_AddTrueToObject(total, "priced_workloads_only");
		cli_json_int(total, "unpriced_workloads", (int64_t)mc->unpriced);
	}
	add_figures(total, ctx, mc->usd, mc->shown);
	cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, CLI_EACH_DAY, NULL));
	cli_json_print(out, root);
	cJSON_Delete(root);
}

/* --since / --until: both, in order, and nothing that fixes a single day. */
static enum status parse_period(struct cli *ctx, const char *since_text,
                                const char *until_text, const char *as_of,
                                const char *month_days, date_days *since,
                                date_days *until, struct diag *d)
{
	enum status st;

	if (!since_text != !until_text)
		return diag_set(d, STATUS_USAGE, "--since and --until: expected both "
		                "(the period is [since, until], both days included)");
	if (as_of || month_days)
		return diag_set(d, STATUS_USAGE, "--%s: does not apply with --since/--until "
		                "(each day is priced on itself; a month is its calendar "
		                "days)", as_of ? "as-of" : "month-days");
	if ((st = cli_parse_date(ctx, "since", since_text, since, d)) ||
	    (st = cli_parse_date(ctx, "until", until_text, until, d)))
		return st;
	if (*until < *since)
		return diag_set(d, STATUS_USAGE, "--until: expected a date on or after "
		                "--since %s, found \"%s\"", since_text, until_text);
	if (*until - *since > 3660)
		return diag_set(d, STATUS_USAGE, "--since/--until: expected at most ten "
		                "years, found %d days", *until - *since + 1);
	return STATUS_OK;
}

static enum status estimate_by_month(struct cli *ctx, const struct profile *p,
                                     date_days since, date_days until,
                                     enum format format, struct diag *d)
{
	struct pricing_months mc;
	enum status st = pricing_months_compute_partial(&ctx->pricing, p->workloads,
	                                                p->count, p->origin, since,
	                                                until, &mc, d);

	if (st != STATUS_OK)
		return st;
	if (format == FORMAT_JSON)
		print_months_json(ctx->out, ctx, p, since, until, &mc);
	else if (format == FORMAT_CSV)
		print_months_csv(ctx->out, ctx, p, &mc);
	else
		print_months_table(ctx->out, ctx, p, since, until, &mc);
	pricing_months_release(&mc);
	return STATUS_OK;
}

static enum status estimate_on_day(struct cli *ctx, const struct profile *p,
                                   struct ratio month_days, enum format format,
                                   struct diag *d)
{
	struct estimate est = {p, {0}};
	enum status st = pricing_day_compute_partial(&ctx->pricing, p->workloads, p->count,
	                                             p->origin, month_days, &est.day, d);

	if (st != STATUS_OK)
		return st;
	if (format == FORMAT_JSON)
		print_json(ctx->out, ctx, &est);
	else if (format == FORMAT_CSV)
		print_csv(ctx->out, ctx, &est);
	else
		print_table(ctx->out, ctx, &est);
	/* Workloads not priced were recorded by the pricing: main delivers
	 * this whole report and exits 4 (models/pricing.h). */
	pricing_day_release(&est.day);
	return st;
}

enum status cmd_estimate(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *as_of = NULL, *month_days = NULL, *format_text = NULL,
	           *prices = NULL, *since_text = NULL, *until_text = NULL,
	           *currency = NULL, *fx_file = NULL, *fx_rate = NULL;
	bool help = false;
	const struct option_spec specs[] = {
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "price on that day (default today)", &as_of},
		{"month-days", 0, OPTION_VALUE, "N", "days in a month (default 30)", &month_days},
		{"since", 0, OPTION_VALUE, "YYYY-MM-DD", "first day of a period, shown by month", &since_text},
		{"until", 0, OPTION_VALUE, "YYYY-MM-DD", "last day of the period (included)", &until_text},
		CLI_CURRENCY_OPTIONS(&currency, &fx_file, &fx_rate),
		CLI_OUTPUT_OPTIONS(&format_text, &prices, ctx),
		OPTION_END,
	};
	const char *operands[1];
	int operand_count;
	enum format format;
	struct profile profile;
	struct ratio days;
	date_days since = 0, until = 0;
	bool by_month;
	enum status st;

	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	by_month = since_text || until_text;
	if ((by_month && (st = parse_period(ctx, since_text, until_text, as_of,
	                                    month_days, &since, &until, d))) ||
	    (st = cli_parse_date(ctx, "as-of", as_of, &ctx->pricing.day, d)) ||
	    (st = cli_parse_month_days(month_days, &days, d)) ||
	    (st = cli_parse_format(format_text, &format, d)) ||
	    (st = cli_parse_currency(ctx, currency, fx_file, fx_rate, d)) ||
	    (st = cli_load_catalogue(ctx, prices, d)))
		return st;
	st = operand_count ? profile_load_file(operands[0], &profile, d)
	                   : profile_load_builtin(&profile, d);
	if (st != STATUS_OK)
		return st;
	st = by_month ? estimate_by_month(ctx, &profile, since, until, format, d)
	              : estimate_on_day(ctx, &profile, days, format, d);
	profile_release(&profile);
	return st;
}
