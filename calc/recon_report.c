/* reconcile's and merge's writers (recon_report.h).
 * Over 800 lines on purpose: the table, CSV and JSON writers of the one
 * recon_figures, side by side so that a figure added to one is seen missing
 * from the others; every figure is made in recon_figures.c, none here. */
#include "recon_report.h"

#include "../models/number.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum status recon_group_parse(const char *text, enum recon_group *out,
                              struct diag *d)
{
	static const char *const names[] = {"job", "model", "day", "month", "batch"};

	for (int i = 0; i < 5; i++)
		if (text && strcmp(text, names[i]) == 0) {
			*out = (enum recon_group)i;
			return STATUS_OK;
		}
	if (!text) {
		*out = GROUP_JOB;
		return STATUS_OK;
	}
	return diag_set(d, STATUS_USAGE, "--group-by: expected job, model, day, month "
	                "or batch, found \"%s\"", text);
}

enum status recon_options_parse(struct cli *ctx, const struct recon_flags *f,
                                struct recon_options *opt, struct diag *d)
{
	enum status st;

	if (f->min_success) {
		int64_t share;
		if ((st = cli_parse_share("min-success", f->min_success, &share, d)))
			return st;
		opt->min_success = (double)share / 1e6;
		opt->have_min_success = true;
	}
	if ((st = cli_parse_date(ctx, "as-of", f->as_of, &opt->as_of, d)) ||
	    (st = cli_parse_format(f->format, &opt->format, d)) ||
	    (st = recon_group_parse(f->group, &opt->group, d)))
		return st;
	/* The date of use: files of unknown date, and the forecast's prices. */
	ctx->pricing.day = opt->as_of;
	if ((st = recon_period_parse(ctx, f->since, f->until, &opt->period, d)))
		return st;
	/* A period is read by month unless another grouping is asked for. */
	if (opt->period.has && !f->group)
		opt->group = GROUP_MONTH;
	if ((st = cli_parse_currency(ctx, f->currency, f->fx, f->fx_rate, d)))
		return st;
	return cli_load_catalogue(ctx, f->prices, d);
}

enum status recon_period_parse(struct cli *ctx, const char *since,
                               const char *until, struct recon_period *period,
                               struct diag *d)
{
	enum status st;

	period->has = since || until;
	period->since = INT32_MIN;
	period->until = DATE_OPEN_END;
	if ((since && (st = cli_parse_date(ctx, "since", since, &period->since, d))) ||
	    (until && (st = cli_parse_date(ctx, "until", until, &period->until, d))))
		return st;
	if (period->since > period->until)
		return diag_set(d, STATUS_USAGE, "--until: expected a date on or after "
		                "--since %s, found \"%s\"", since, until);
	return STATUS_OK;
}

static const char *count_text(int64_t n, char buf[64])
{
	struct ratio r = {n, 1};
	return cli_ratio_text(r, 0, buf);
}

static date_days stamp_day(const struct recon_run *run,
                           const struct recon_options *opt)
{
	for (size_t i = 0; i < run->file_count; i++)
		if (run->files[i].day != opt->as_of)
			return CLI_EACH_DAY;
	return opt->as_of;
}

/* The period, and the files left out by it (their batch's created date). */
static void print_period(FILE *out, const struct recon_run *run,
                         const struct recon_options *opt)
{
	char period[64], when[DATE_TEXT_SIZE];

	cli_wrapf(out, "    ", "  period: batches created %s (closed months keep the "
	          "prices of their days)", recon_period_text(&opt->period, period));
	for (size_t i = 0; i < run->outside_count; i++) {
		date_format(run->outside[i].day, when);
		cli_wrapf(out, "    ", "  %s: batch %s created %s, outside the period: not read",
		        run->outside[i].name, run->outside[i].batch, when);
	}
}

/* Tokens by model, one column per class shown (recon_token_shown). */
/* The table holds the model names and the token classes used; when they do
 * not fit CLI_WIDTH side by side, the classes are split over tables of their
 * own, each beginning with the model again. */
static void print_tokens(FILE *out, const struct recon_figures *f)
{
	enum token_class order[TOKEN_CLASS_COUNT];
	int classes = recon_token_shown(&f->total.tokens, order);
	char names[TOKEN_CLASS_COUNT][64], buf[2 + TOKEN_CLASS_COUNT][64];
	size_t name_width = strlen("model"), requests_width = strlen("requests");
	size_t width[TOKEN_CLASS_COUNT];
	const char *header[TOKEN_CLASS_COUNT];

	for (int k = 0; k < classes; k++)
		width[k] = strlen(header[k] = recon_token_header(order[k], names[k]));
	for (size_t i = 0; i <= f->model_count; i++) {
		const struct recon_row *a = i == f->model_count ? &f->total : &f->models[i];
		size_t n = strlen(count_text(i == f->model_count ? f->model_requests
		                             : a->requests, buf[0]));
		name_width = strlen(a->name) > name_width ? strlen(a->name) : name_width;
		requests_width = n > requests_width ? n : requests_width;
		for (int k = 0; k < classes; k++) {
			n = strlen(count_text(a->tokens.n[order[k]], buf[0]));
			width[k] = n > width[k] ? n : width[k];
		}
	}
	fprintf(out, "\ntokens by model (exclusive classes; billed requests only)\n");
	for (int first = 0, last; first < classes || first == 0; first = last) {
		const char *headers[2 + TOKEN_CLASS_COUNT] = {"model", "requests"};
		bool right[2 + TOKEN_CLASS_COUNT] = {false, true};
		int lead = first == 0 ? 2 : 1; /* the requests once, in the first */
		size_t used = name_width + (first == 0 ? 2 + requests_width : 0);
		struct table t;

		for (last = first; last < classes &&
		     (last == first || used + 2 + width[last] <= CLI_WIDTH); last++) {
			used += 2 + width[last];
			headers[lead + last - first] = header[last];
			right[lead + last - first] = true;
		}
		if (first > 0)
			fputc('\n', out);
		table_init(&t, lead + last - first, headers, right);
		for (size_t i = 0; i <= f->model_count; i++) {
			bool total = i == f->model_count;
			const struct recon_row *a = total ? &f->total : &f->models[i];
			const char *cells[2 + TOKEN_CLASS_COUNT] = {a->name};

			/* The total counts the requests that name a model. */
			if (first == 0)
				cells[1] = count_text(total ? f->model_requests : a->requests, buf[1]);
			for (int k = first; k < last; k++)
				cells[lead + k - first] = count_text(a->tokens.n[order[k]],
				                                     buf[2 + k]);
			table_add(&t, cells);
		}
		table_print(&t, out);
		table_release(&t);
		if (classes == 0)
			break;
	}
}

/* A row's money in a table: "NOT PRICED" for a row none of whose usage
 * could be priced, and a "+" after a figure that leaves such usage out. */
static const char *row_money(const struct recon_row *a, money m, char buf[64])
{
	if (a->unpriced && !a->priced_any) {
		snprintf(buf, 64, "NOT PRICED");
		return buf;
	}
	cli_money_cents(m, buf);
	if (a->unpriced)
		strncat(buf, "+", 63 - strlen(buf));
	return buf;
}

/* Why a model could not be priced, in a few words. */
static const char *unpriced_reason(const struct cli *ctx, const char *model)
{
	enum model_match how;

	return catalogue_find_model(&ctx->pricing.catalogue, model, &how)
	       ? "no price in force on the batch's date" : "not in the catalogue";
}

void recon_report_print_unpriced(FILE *out, const struct cli *ctx,
                                 const struct recon_figures *f)
{
	char buf[64], words[64];

	if (!f->unpriced_models)
		return;
	fprintf(out, "\nNOT PRICED: usage of %zu model%s in no money figure of this report\n",
	        f->unpriced_models, f->unpriced_models == 1 ? "" : "s");
	for (size_t i = 0; i < f->model_count; i++) {
		const struct recon_row *a = &f->models[i];
		enum token_class order[TOKEN_CLASS_COUNT];
		int classes = recon_token_shown(&a->tokens, order);
		bool first = true;

		if (!a->unpriced)
			continue;
		fprintf(out, "  %s (%s): %s billed request%s\n    tokens:", a->name,
		        unpriced_reason(ctx, a->name), count_text(a->billed, buf),
		        a->billed == 1 ? "" : "s");
		for (int k = 0; k < classes; k++)
			if (a->tokens.n[order[k]]) {
				fprintf(out, "%s %s %s", first ? "" : ",",
				        count_text(a->tokens.n[order[k]], buf),
				        recon_token_words(order[k], words));
				first = false;
			}
		fprintf(out, "%s\n", first ? " none" : "");
	}
}

static void print_table(FILE *out, struct cli *ctx, const struct recon_run *run,
                        const struct recon_options *opt,
                        const struct recon_figures *f)
{
	const struct recon_row *models = f->models, *groups = f->groups;
	const struct recon_row *total = &f->total;
	size_t model_count = f->model_count, group_count = f->group_count;
	const char *currency = ctx->pricing.currency.code;
	static const char *const cost_headers[] = {"model", "billed", "batch (billed)",
	                                           "sync (same tokens)", "savings"};
	static const bool cost_right[] = {false, true, true, true, true};
	const char *group_headers[] = {recon_group_name(opt->group), "requests", "succeeded",
	                               "failed", "batch", "sync"};
	static const bool group_right[] = {false, true, true, true, true, true};
	static const char *const error_headers[] = {"error type", "requests"};
	static const bool error_right[] = {false, true};
	const struct recon *r = &run->r;
	char buf[8][64];
	struct table t;

	fprintf(out, "reconciliation of %zu file%s, %s line%s\n", run->file_count,
	        run->file_count == 1 ? "" : "s", count_text(r->lines, buf[0]),
	        r->lines == 1 ? "" : "s");
	if (opt->period.has)
		print_period(out, run, opt);
	for (size_t i = 0; i < run->file_count; i++) {
		char when[DATE_TEXT_SIZE];
		date_format(run->files[i].day, when);
		char line[1024];
		snprintf(line, sizeof line, "  %s: %s, %s line%s, %s%s%sprices of %s",
		         run->files[i].name, run->files[i].format,
		         count_text(run->files[i].lines, buf[0]),
		         run->files[i].lines == 1 ? "" : "s",
		         *run->files[i].batch ? "batch " : "", run->files[i].batch,
		         *run->files[i].batch ? ", " : "", when);
		cli_wrap(out, line, CLI_WIDTH, "    ");
	}
	cli_stamp_text(out, ctx, stamp_day(run, opt), NULL);
	fprintf(out, "\nrequests %s: succeeded %s, errored %s, canceled %s, expired %s; "
	        "success %.2f%%\n", count_text(total->requests, buf[0]),
	        count_text(total->outcomes[RECON_SUCCEEDED], buf[1]),
	        count_text(total->outcomes[RECON_ERRORED], buf[2]),
	        count_text(total->outcomes[RECON_CANCELED], buf[3]),
	        count_text(total->outcomes[RECON_EXPIRED], buf[4]), f->success * 100.0);
	fprintf(out, "malformed lines %s, duplicate keys %s", count_text(r->malformed, buf[0]),
	        count_text(r->duplicates, buf[1]));
	if (run->unchecked_keys)
		fprintf(out, " (%s keys past the set's capacity unchecked)",
		        count_text(run->unchecked_keys, buf[2]));
	fputc('\n', out);

	if (model_count)
		print_tokens(out, f);
	if (model_count) {

		fprintf(out, "\n%s by model\n", currency);
		table_init(&t, 5, cost_headers, cost_right);
		for (size_t i = 0; i <= model_count; i++) {
			bool total_row = i == model_count;
			const struct recon_row *a = total_row ? total : &models[i];
			const char *cells[5] = {total_row && f->unpriced_models
			                        ? "total (priced models only)" : a->name,
			                        count_text(a->billed, buf[0])};
			/* A total with nothing priced is NOT PRICED too, never $0. */
			if (total_row && (!a->unpriced || a->priced_any)) {
				cells[2] = cli_money_cents(a->batch_shown, buf[1]);
				cells[3] = cli_money_cents(a->sync_shown, buf[2]);
				cells[4] = cli_money_cents(a->savings_shown, buf[3]);
			} else {
				cells[2] = row_money(a, a->batch_shown, buf[1]);
				cells[3] = row_money(a, a->sync_shown, buf[2]);
				cells[4] = row_money(a, a->savings_shown, buf[3]);
			}
			table_add(&t, cells);
		}
		table_print(&t, out);
		table_release(&t);
	}
	if (total->requests > f->model_requests)
		fprintf(out, "(%s failed request%s no model and bill%s nothing)\n",
		        count_text(total->requests - f->model_requests, buf[0]),
		        total->requests - f->model_requests == 1 ? " names" : "s name",
		        total->requests - f->model_requests == 1 ? "s" : "");

	fprintf(out, "\nby %s (%s)\n", recon_group_name(opt->group), currency);
	table_init(&t, 6, group_headers, group_right);
	/* A screenful: --format csv or json lists every group. */
	for (size_t i = 0; i < group_count && i < RECON_SHOWN_GROUPS; i++) {
		const struct recon_row *a = &groups[i];
		const char *cells[6] = {a->name, count_text(a->requests, buf[0]),
		                        count_text(a->outcomes[RECON_SUCCEEDED], buf[1]),
		                        count_text(a->requests - a->outcomes[RECON_SUCCEEDED], buf[2]),
		                        row_money(a, a->batch_shown, buf[3]),
		                        row_money(a, a->sync_shown, buf[4])};
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	for (size_t i = 0; f->unpriced_models && i < group_count; i++)
		if (groups[i].unpriced && groups[i].priced_any) {
			fprintf(out, "(+: the %s also has usage that could not be priced, "
			        "not in its figures)\n", recon_group_name(opt->group));
			break;
		}
	if (group_count > RECON_SHOWN_GROUPS)
		fprintf(out, "(%zu more; --format csv lists them all)\n",
		        group_count - RECON_SHOWN_GROUPS);
	if (r->groups_capped)
		fprintf(out, "(more than %d groups: later new jobs are counted as \"%s\")\n",
		        RECON_MAX_BUCKETS, RECON_OTHER_JOB);

	if (run->check_count) {
		static const char *const check_headers[] = {"checksum of", "figure", "stated",
		                                            "found", "difference"};
		static const bool check_right[] = {false, false, true, true, true};
		fprintf(out, "\nchecksums (what the provider states against the lines)\n");
		table_init(&t, 5, check_headers, check_right);
		for (size_t i = 0; i < run->check_count; i++) {
			const struct recon_check *c = &run->checks[i];
			const char *cells[5] = {c->subject, c->figure, count_text(c->stated, buf[0]),
			                        count_text(c->found, buf[1]),
			                        c->found == c->stated ? "ok"
			                        : count_text(c->found - c->stated, buf[2])};
			table_add(&t, cells);
		}
		table_print(&t, out);
		table_release(&t);
	}

	if (run->retry.out) {
		fprintf(out, "\nretry: %s request%s of %s written to %s\n",
		        count_text(run->retry.written, buf[0]),
		        run->retry.written == 1 ? "" : "s", run->retry.requests,
		        run->retry.out);
		if (run->retry.not_retried)
			fprintf(out, "not retried (the failure would repeat): %s\n",
			        count_text(run->retry.not_retried, buf[0]));
		for (int i = 0; i < run->retry.listed_count; i++)
			fprintf(out, "  %s  %s\n", run->retry.listed[i].key,
			        run->retry.listed[i].type);
		if (run->retry.not_retried > run->retry.listed_count)
			fprintf(out, "  (and %s more)\n",
			        count_text(run->retry.not_retried - run->retry.listed_count, buf[0]));
	}

	if (r->error_count) {
		fprintf(out, "\nfailures by type\n");
		table_init(&t, 2, error_headers, error_right);
		for (size_t i = 0; i < r->error_count; i++) {
			const char *cells[2] = {r->errors[i].type,
			                        count_text(r->errors[i].count, buf[0])};
			table_add(&t, cells);
		}
		table_print(&t, out);
		table_release(&t);
	}
	if (f->unpriced_models)
		recon_report_print_unpriced(out, ctx, f);
	if (total->unpriced && !total->priced_any)
		fprintf(out, "\ntotal (%s): NOT PRICED, no usage has a price\n", currency);
	else
		fprintf(out, "\ntotal (%s%s): batch (billed) %s, sync (same tokens) %s, "
		        "savings %s\n", currency, f->unpriced_models ? ", priced models only" : "",
		        cli_money_cents(total->batch_shown, buf[0]),
		        cli_money_cents(total->sync_shown, buf[1]),
		        cli_money_cents(total->savings_shown, buf[2]));
}

/*
 * Actual against forecast for each workload of the profile: the workload's
 * name is the job. The forecast is one 30-day month at the prices of --as-of,
 * every request on the Batch API and succeeding.
 */
static const char *per_request(int64_t tokens, int64_t requests, char buf[64])
{
	struct ratio r = {tokens, requests};

	if (requests == 0) {
		snprintf(buf, 64, "-");
		return buf;
	}
	return cli_ratio_text(r, 2, buf);
}

/* A workload's variance row: name, forecast, actual, difference, then the
 * parts. Without a forecast price every figure but the actual is `none`
 * (NOT PRICED, or empty in CSV), never $0; in a table (`mark`) a figure
 * that leaves out usage of the job no price covers gets a "+". */
static void variance_cells(const struct recon_forecast_row *row,
                          const char *(*text)(money, char[64]), const char *none,
                          bool mark, char buf[][64], const char *cells[8])
{
	money figures[VARIANCE_FIGURES];

	variance_figures(&row->v, figures);
	cells[0] = row->w->name;
	for (int k = 0; k < VARIANCE_FIGURES; k++) {
		if (row->forecast_unpriced && k != 1) {
			cells[k + 1] = none;
			continue;
		}
		cells[k + 1] = text(figures[k], buf[k]);
		if (mark && row->unpriced_billed && k != 0)
			strncat(buf[k], "+", 63 - strlen(buf[k]));
	}
}

/* Whether some row of the forecast is not whole (no forecast price, or
 * usage of its job no price covers). */
static bool forecast_partial(const struct recon_options *opt,
                             const struct recon_forecast_row *rows)
{
	for (size_t i = 0; i < opt->forecast->count; i++)
		if (rows[i].forecast_unpriced || rows[i].unpriced_billed)
			return true;
	return false;
}

static void print_forecast_table(FILE *out, const struct recon_options *opt,
                                 const struct recon_forecast_row *rows)
{
	static const char *const h1[] = {"workload", "requests", "forecast", "input/req",
	                                 "forecast", "output/req", "forecast"};
	static const bool r1[] = {false, true, true, true, true, true, true};
	static const char *const h2[] = {"workload", "forecast", "actual", "difference",
	                                 "volume", "failure", "token mix", "price"};
	static const bool r2[] = {false, true, true, true, true, true, true, true};
	char buf[8][64], when[DATE_TEXT_SIZE];
	struct table t;

	date_format(opt->as_of, when);
	fputc('\n', out);
	cli_wrapf(out, "  ", "forecast variance: %s, one 30-day month, all batch, at the "
	          "prices of %s", opt->forecast->origin, when);
	table_init(&t, 7, h1, r1);
	for (size_t i = 0; i < opt->forecast->count; i++) {
		const struct recon_forecast_row *row = &rows[i];
		const char *cells[7] = {
			row->w->name, count_text(row->actual_requests, buf[0]),
			cli_ratio_text(row->forecast_requests, 2, buf[1]),
			per_request(token_counts_input_total(&row->tokens), row->billed, buf[2]),
			count_text(row->w->input_tokens, buf[3]),
			per_request(row->tokens.n[TOKEN_OUTPUT], row->billed, buf[4]),
			count_text(row->w->output_tokens, buf[5])};
		if (row->unpriced_billed) /* the priced part only, as below */
			strncat(buf[0], "+", 63 - strlen(buf[0]));
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	fprintf(out, "\nUSD: difference = volume + failure + token mix + price\n");
	table_init(&t, 8, h2, r2);
	for (size_t i = 0; i < opt->forecast->count; i++) {
		const char *cells[8];
		variance_cells(&rows[i], cli_money_cents, "NOT PRICED", true, buf, cells);
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	for (size_t i = 0; i < opt->forecast->count; i++) {
		char n[64];
		if (rows[i].forecast_unpriced)
			cli_wrapf(out, "  ", "%s: %s is not priced on %s: no forecast, nothing "
			          "to split", rows[i].w->name, rows[i].w->model, when);
		if (rows[i].unpriced_billed)
			cli_wrapf(out, "  ", "%s+: incomplete, the priced part only: %s billed "
			          "request%s of the job no price covers %s in no figure of it",
			          rows[i].w->name, count_text(rows[i].unpriced_billed, n),
			          rows[i].unpriced_billed == 1 ? "" : "s",
			          rows[i].unpriced_billed == 1 ? "is" : "are");
	}
}

static void json_forecast(cJSON *root, const struct recon_options *opt,
                          const struct recon_forecast_row *rows)
{
	cJSON *o = cJSON_AddObjectToObject(root, "forecast");
	char when[DATE_TEXT_SIZE];

	date_format(opt->as_of, when);
	cJSON_AddStringToObject(o, "profile", opt->forecast->origin);
	cJSON_AddStringToObject(o, "price_date", when);
	for (size_t i = 0; i < opt->forecast->count; i++) {
		const struct recon_forecast_row *row = &rows[i];
		cJSON *w = cJSON_AddObjectToObject(o, row->w->name);
		static const char *const keys[VARIANCE_FIGURES] = {
			"forecast_usd", "actual_usd", "difference_usd", "volume_usd",
			"failure_usd", "token_mix_usd", "price_usd"};
		money figures[VARIANCE_FIGURES];

		cli_json_int(w, "actual_requests", row->actual_requests);
		cli_json_ratio(w, "forecast_requests", row->forecast_requests);
		if (row->forecast_unpriced)
			cJSON_AddFalseToObject(w, "forecast_priced");
		if (row->unpriced_billed) {
			/* Every figure of the row is of the priced part only. */
			cJSON_AddTrueToObject(w, "priced_part_only");
			cli_json_int(w, "unpriced_billed_requests", row->unpriced_billed);
		}
		variance_figures(&row->v, figures);
		for (int k = 0; k < VARIANCE_FIGURES; k++)
			if (row->forecast_unpriced && k != 1)
				cJSON_AddNullToObject(w, keys[k]); /* never $0 */
			else
				cli_json_money(w, keys[k], figures[k]);
	}
}

/* A CSV row: section, name, requests, the outcomes, billed, the token
 * classes, then batch, sync and savings in USD and in the shown currency. */
#define CSV_COLUMNS (3 + RECON_OUTCOME_COUNT + 1 + TOKEN_CLASS_COUNT + 7)

/* A count in CSV: a plain integer, no grouping commas. */
static const char *csv_count(int64_t n, char buf[64])
{
	snprintf(buf, 64, "%" PRId64, n);
	return buf;
}

/*
 * The row's money in the presentation currency after the USD columns; the
 * token classes of `shown`. When some usage is not priced (`unpriced`), a
 * last "priced" column: yes, no, or part for a group with such usage; the
 * money of a row none of whose usage is priced is empty, never 0.
 */
static void csv_agg(FILE *out, const char *section, const struct recon_row *a,
                    bool converting, const struct token_counts *shown,
                    bool unpriced)
{
	enum token_class order[TOKEN_CLASS_COUNT];
	int classes = recon_token_shown(shown, order), n = 0;
	char buf[CSV_COLUMNS][64];
	const char *cells[CSV_COLUMNS];
	bool no_money = a->unpriced && !a->priced_any; /* a total too: never $0 */

	cells[n++] = section;
	cells[n++] = a->name;
	cells[n] = csv_count(a->requests, buf[n]);
	n++;
	for (int o = 0; o < RECON_OUTCOME_COUNT; o++, n++)
		cells[n] = csv_count(a->outcomes[o], buf[n]);
	cells[n] = csv_count(a->billed, buf[n]);
	n++;
	for (int k = 0; k < classes; k++, n++)
		cells[n] = csv_count(a->tokens.n[order[k]], buf[n]);
	{
		const money figures[] = {a->batch, a->sync, a->savings,
		                         a->batch_shown, a->sync_shown, a->savings_shown};
		for (int k = 0; k < (converting ? 6 : 3); k++, n++)
			cells[n] = no_money ? "" : cli_money_exact(figures[k], buf[n]);
	}
	if (unpriced)
		cells[n++] = !a->unpriced ? "yes" : no_money ? "no" : "part";
	cli_csv_row(out, cells, n);
}

static void print_csv(FILE *out, const struct cli *ctx,
                      const struct recon_options *opt, const struct recon_figures *f)
{
	const struct recon_forecast_row *forecast = f->forecast;
	bool converting = ctx->pricing.currency.converting;
	enum token_class order[TOKEN_CLASS_COUNT];
	int classes = recon_token_shown(&f->total.tokens, order), n = 0;
	char keys[CSV_COLUMNS][64];
	const char *header[CSV_COLUMNS];
	const struct token_counts *shown = &f->total.tokens;
	bool unpriced = f->unpriced_models > 0;
	struct recon_row total = f->total;

	header[n++] = "section";
	header[n++] = "name";
	header[n++] = "requests";
	for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
		header[n++] = recon_outcome_name((enum recon_outcome)o);
	header[n++] = "billed";
	for (int k = 0; k < classes; k++, n++)
		header[n] = recon_token_key(order[k], keys[n]);
	header[n++] = "batch_usd";
	header[n++] = "sync_usd";
	header[n++] = "savings_usd";
	if (converting) {
		header[n] = cli_currency_key(ctx, "batch", keys[n]);
		n++;
		header[n] = cli_currency_key(ctx, "sync", keys[n]);
		n++;
		header[n] = cli_currency_key(ctx, "savings", keys[n]);
		n++;
	}
	if (unpriced)
		header[n++] = "priced";
	cli_csv_row(out, header, n);
	for (size_t i = 0; i < f->model_count; i++)
		csv_agg(out, "model", &f->models[i], converting, shown, unpriced);
	for (size_t i = 0; i < f->group_count; i++)
		csv_agg(out, recon_group_name(opt->group), &f->groups[i], converting, shown,
		        unpriced);
	if (unpriced)
		snprintf(total.name, sizeof total.name, "total (priced models only)");
	csv_agg(out, "total", &total, converting, shown, unpriced);
	if (forecast) {
		/* A second table: one row per workload and part of the variance. */
		static const char *const head[] = {"workload", "forecast_usd", "actual_usd",
		                                   "difference_usd", "volume_usd", "failure_usd",
		                                   "token_mix_usd", "price_usd", "priced"};
		/* "priced" only when a row is not whole: yes; part (usage of the
		 * job no price covers is in no figure); no (no forecast price). */
		int columns = forecast_partial(opt, forecast) ? 9 : 8;
		char buf[7][64];
		fputs("\r\n", out);
		cli_csv_row(out, head, columns);
		for (size_t i = 0; i < opt->forecast->count; i++) {
			const char *cells[9];
			variance_cells(&forecast[i], cli_money_exact, "", false, buf, cells);
			cells[8] = forecast[i].forecast_unpriced ? "no"
			           : forecast[i].unpriced_billed ? "part" : "yes";
			cli_csv_row(out, cells, columns);
		}
	}
}

/* The classes of `shown` (the report's total): the later ones when used. */
static void json_tokens(cJSON *o, const struct recon_row *a,
                        const struct token_counts *shown)
{
	enum token_class order[TOKEN_CLASS_COUNT];
	int classes = recon_token_shown(shown, order);
	char key[64];

	for (int k = 0; k < classes; k++)
		cli_json_int(o, recon_token_key(order[k], key), a->tokens.n[order[k]]);
}

static void json_counts(cJSON *o, const struct recon_row *a)
{
	for (int i = 0; i < RECON_OUTCOME_COUNT; i++)
		cli_json_int(o, recon_outcome_name((enum recon_outcome)i), a->outcomes[i]);
}

static cJSON *json_file(const struct recon_file *file)
{
	char when[DATE_TEXT_SIZE];
	cJSON *f = cJSON_CreateObject();

	date_format(file->day, when);
	cJSON_AddStringToObject(f, "name", file->name);
	cJSON_AddStringToObject(f, "format", file->format);
	cJSON_AddStringToObject(f, "batch", file->batch);
	cJSON_AddStringToObject(f, "price_date", when);
	cli_json_int(f, "lines", file->lines);
	return f;
}

/* batch_usd, sync_usd, and the same in the presentation currency;
 * "includes_unpriced" on a row whose figures leave some usage out. */
static void json_row_money(cJSON *o, const struct cli *ctx, const struct recon_row *a)
{
	char key[64];

	if (a->unpriced)
		cJSON_AddTrueToObject(o, "includes_unpriced");
	if (a->unpriced && !a->priced_any) {
		/* None of its usage has a price: null, never $0. */
		cJSON_AddNullToObject(o, "batch_usd");
		cJSON_AddNullToObject(o, "sync_usd");
		if (ctx->pricing.currency.converting) {
			cJSON_AddNullToObject(o, cli_currency_key(ctx, "batch", key));
			cJSON_AddNullToObject(o, cli_currency_key(ctx, "sync", key));
		}
		return;
	}
	cli_json_money(o, "batch_usd", a->batch);
	cli_json_money(o, "sync_usd", a->sync);
	if (ctx->pricing.currency.converting) {
		cli_json_money(o, cli_currency_key(ctx, "batch", key), a->batch_shown);
		cli_json_money(o, cli_currency_key(ctx, "sync", key), a->sync_shown);
	}
}

static void json_period(cJSON *root, const struct recon_run *run,
                        const struct recon_options *opt)
{
	cJSON *o = cJSON_AddObjectToObject(root, "period"), *list;
	char when[DATE_TEXT_SIZE];

	if (opt->period.since != INT32_MIN) {
		date_format(opt->period.since, when);
		cJSON_AddStringToObject(o, "since", when);
	}
	if (opt->period.until != DATE_OPEN_END) {
		date_format(opt->period.until, when);
		cJSON_AddStringToObject(o, "until", when);
	}
	list = cJSON_AddArrayToObject(o, "files_outside");
	for (size_t i = 0; i < run->outside_count; i++) {
		cJSON *f = cJSON_CreateObject();
		date_format(run->outside[i].day, when);
		cJSON_AddStringToObject(f, "name", run->outside[i].name);
		cJSON_AddStringToObject(f, "batch", run->outside[i].batch);
		cJSON_AddStringToObject(f, "created", when);
		cJSON_AddItemToArray(list, f);
	}
}

static void print_json(FILE *out, struct cli *ctx, const struct recon_run *run,
                       const struct recon_options *opt, const struct recon_figures *f)
{
	const struct recon_row *models = f->models, *groups = f->groups, *jobs = f->jobs;
	const struct recon_row *total = &f->total;
	size_t model_count = f->model_count, group_count = f->group_count;
	size_t job_count = f->job_count;
	cJSON *root = cJSON_CreateObject(), *o, *files, *errors;
	char key[64];

	files = cJSON_AddArrayToObject(root, "files");
	for (size_t i = 0; i < run->file_count; i++)
		cJSON_AddItemToArray(files, json_file(&run->files[i]));
	if (opt->period.has)
		json_period(root, run, opt);
	cli_json_int(root, "lines", run->r.lines);
	json_counts(cJSON_AddObjectToObject(root, "counts"), total);
	cli_json_int(root, "requests", total->requests);
	cJSON_AddNumberToObject(root, "success_rate", f->success);
	cli_json_int(root, "malformed_lines", run->r.malformed);
	cli_json_int(root, "duplicate_keys", run->r.duplicates);
	cli_json_int(root, "unchecked_keys", run->unchecked_keys);
	o = cJSON_AddObjectToObject(root, "models");
	for (size_t i = 0; i < model_count; i++) {
		cJSON *m = cJSON_AddObjectToObject(o, models[i].name);
		cli_json_int(m, "requests", models[i].requests);
		cli_json_int(m, "billed_requests", models[i].billed);
		json_tokens(m, &models[i], &total->tokens);
		if (models[i].unpriced && !models[i].priced_any) {
			/* Never $0: the money of a model that cannot be priced is null. */
			cJSON_AddFalseToObject(m, "priced");
			cJSON_AddStringToObject(m, "why_not_priced",
			                        unpriced_reason(ctx, models[i].name));
			cJSON_AddNullToObject(m, "batch_usd");
			cJSON_AddNullToObject(m, "sync_usd");
		} else {
			json_row_money(m, ctx, &models[i]);
		}
	}
	o = cJSON_AddObjectToObject(root, "jobs");
	for (size_t i = 0; i < job_count; i++) {
		cJSON *j = cJSON_AddObjectToObject(o, jobs[i].name);
		cli_json_int(j, "requests", jobs[i].requests);
		json_counts(j, &jobs[i]);
		json_row_money(j, ctx, &jobs[i]);
	}
	if (opt->group != GROUP_JOB) {
		o = cJSON_AddObjectToObject(root, "groups");
		cJSON_AddStringToObject(o, "by", recon_group_name(opt->group));
		for (size_t i = 0; i < group_count; i++) {
			cJSON *g = cJSON_AddObjectToObject(o, groups[i].name);
			cli_json_int(g, "requests", groups[i].requests);
			json_counts(g, &groups[i]);
			json_row_money(g, ctx, &groups[i]);
		}
	}
	errors = cJSON_AddObjectToObject(root, "errors");
	for (size_t i = 0; i < run->r.error_count; i++)
		cli_json_int(errors, run->r.errors[i].type, run->r.errors[i].count);
	o = cJSON_AddArrayToObject(root, "checksums");
	for (size_t i = 0; i < run->check_count; i++) {
		const struct recon_check *c = &run->checks[i];
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "subject", c->subject);
		cJSON_AddStringToObject(item, "figure", c->figure);
		cli_json_int(item, "stated", c->stated);
		cli_json_int(item, "found", c->found);
		cli_json_int(item, "difference", c->found - c->stated);
		cJSON_AddItemToArray(o, item);
	}
	o = cJSON_AddObjectToObject(root, "total");
	json_tokens(o, total, &total->tokens);
	if (f->unpriced_models) {
		cJSON_AddTrueToObject(o, "priced_models_only");
		cli_json_int(o, "unpriced_models", (int64_t)f->unpriced_models);
	}
	json_row_money(o, ctx, total);
	if (total->unpriced && !total->priced_any) {
		cJSON_AddNullToObject(o, "savings_usd");
		if (ctx->pricing.currency.converting)
			cJSON_AddNullToObject(o, cli_currency_key(ctx, "savings", key));
	} else {
		cli_json_money(o, "savings_usd", total->savings);
		if (ctx->pricing.currency.converting)
			cli_json_money(o, cli_currency_key(ctx, "savings", key),
			               total->savings_shown);
	}
	if (f->forecast)
		json_forecast(root, opt, f->forecast);
	if (run->retry.out) {
		cJSON *retry = cJSON_AddObjectToObject(root, "retry");
		cJSON *list = cJSON_CreateArray();
		cJSON_AddStringToObject(retry, "requests", run->retry.requests);
		cJSON_AddStringToObject(retry, "out", run->retry.out);
		cli_json_int(retry, "written", run->retry.written);
		cli_json_int(retry, "not_retried", run->retry.not_retried);
		for (int i = 0; i < run->retry.listed_count; i++) {
			cJSON *item = cJSON_CreateObject();
			cJSON_AddStringToObject(item, "key", run->retry.listed[i].key);
			cJSON_AddStringToObject(item, "type", run->retry.listed[i].type);
			cJSON_AddItemToArray(list, item);
		}
		cJSON_AddItemToObject(retry, "not_retried_listed", list);
	}
	cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, stamp_day(run, opt), NULL));
	cli_json_print(out, root);
	cJSON_Delete(root);
}

enum status recon_report(struct cli *ctx, struct recon_run *run,
                         const struct recon_options *opt, struct diag *d)
{
	struct recon_figures f;
	enum status st = recon_figures_compute_partial(&ctx->pricing, run, opt->group,
	                                               opt->forecast, &f, d);

	if (st == STATUS_UNKNOWN_MODEL)
		st = STATUS_OK; /* f.unpriced_models: reported below */
	if (st != STATUS_OK)
		return st;
	if (opt->format == FORMAT_JSON) {
		print_json(ctx->out, ctx, run, opt, &f);
	} else if (opt->format == FORMAT_CSV) {
		print_csv(ctx->out, ctx, opt, &f);
	} else {
		print_table(ctx->out, ctx, run, opt, &f);
		if (f.forecast)
			print_forecast_table(ctx->out, opt, f.forecast);
	}
	if (opt->have_min_success && f.success < opt->min_success)
		st = diag_set(d, STATUS_THRESHOLD, "success rate %.4f is below "
		              "--min-success %.4f", f.success, opt->min_success);
	/* Models not priced were recorded by the pricing: main delivers the
	 * report above, whole for what could be priced, and exits 4. */
	recon_figures_release(&f);
	return st;
}

