#include "recon_report.h"

#include "files.h"
#include "json_read.h"
#include "../models/number.h"
#include "../models/variance.h"

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
	const char *why;
	enum status st;

	if (f->min_success) {
		if (!number_parse_double(f->min_success, 0, 1, &opt->min_success, &why))
			return diag_set(d, STATUS_USAGE, "--min-success: expected a rate from 0 "
			                "to 1 such as 0.99, found \"%s\" (%s)", f->min_success, why);
		opt->have_min_success = true;
	}
	if ((st = cli_parse_date(ctx, "as-of", f->as_of, &opt->as_of, d)) ||
	    (st = cli_parse_format(f->format, &opt->format, d)) ||
	    (st = recon_group_parse(f->group, &opt->group, d)))
		return st;
	if ((st = recon_period_parse(ctx, f->since, f->until, opt, d)))
		return st;
	/* A period is read by month unless another grouping is asked for. */
	if (opt->has_period && !f->group)
		opt->group = GROUP_MONTH;
	if ((st = cli_parse_currency(ctx, f->currency, f->fx, f->fx_rate, d)))
		return st;
	return cli_load_catalogue(ctx, f->prices, d);
}

enum status recon_period_parse(struct cli *ctx, const char *since,
                               const char *until, struct recon_options *opt,
                               struct diag *d)
{
	enum status st;

	opt->has_period = since || until;
	opt->since = INT32_MIN;
	opt->until = DATE_OPEN_END;
	if ((since && (st = cli_parse_date(ctx, "since", since, &opt->since, d))) ||
	    (until && (st = cli_parse_date(ctx, "until", until, &opt->until, d))))
		return st;
	if (opt->since > opt->until)
		return diag_set(d, STATUS_USAGE, "--until: expected a date on or after "
		                "--since %s, found \"%s\"", since, until);
	return STATUS_OK;
}

const char *recon_period_text(const struct recon_options *opt, char buf[64])
{
	char from[DATE_TEXT_SIZE] = "", to[DATE_TEXT_SIZE] = "";
	bool open_start = opt->since == INT32_MIN, open_end = opt->until == DATE_OPEN_END;

	/* An open end is a sentinel, not a day: never format it. */
	if (!open_start)
		date_format(opt->since, from);
	if (!open_end)
		date_format(opt->until, to);
	snprintf(buf, 64, "%s%s%s%s%s", open_start ? "" : "from ", open_start ? "" : from,
	         !open_start && !open_end ? " " : "", open_end ? "" : "to ",
	         open_end ? "" : to);
	return buf;
}

bool recon_in_period(const struct recon_options *opt, date_days day)
{
	return !opt->has_period || (day >= opt->since && day <= opt->until);
}

static enum status file_append(struct recon_file **files, size_t *count,
                               const char *name, const char *format,
                               const char *batch, date_days day, int64_t lines,
                               struct diag *d)
{
	struct recon_file *more = realloc(*files, (*count + 1) * sizeof *more);
	struct recon_file *f;

	if (!more)
		return diag_set(d, STATUS_IO, "out of memory");
	*files = more;
	f = &more[*count];
	memset(f, 0, sizeof *f);
	f->name = strdup(name);
	f->format = strdup(format);
	f->batch = strdup(batch);
	f->day = day;
	f->lines = lines;
	if (!f->name || !f->format || !f->batch) {
		free(f->name);
		free(f->format);
		free(f->batch);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	(*count)++;
	return STATUS_OK;
}

enum status recon_run_add_file(struct recon_run *run, const char *name,
                               const char *format, const char *batch,
                               date_days day, int64_t lines, struct diag *d)
{
	return file_append(&run->files, &run->file_count, name, format, batch, day,
	                   lines, d);
}

enum status recon_run_add_outside(struct recon_run *run, const char *name,
                                  const char *batch, date_days day,
                                  struct diag *d)
{
	return file_append(&run->outside, &run->outside_count, name, "not read",
	                   batch, day, 0, d);
}

static void files_release(struct recon_file *files, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(files[i].name);
		free(files[i].format);
		free(files[i].batch);
		free(files[i].manifest);
	}
	free(files);
}

void recon_run_release(struct recon_run *run)
{
	files_release(run->files, run->file_count);
	files_release(run->outside, run->outside_count);
	for (size_t i = 0; i < run->check_count; i++)
		free(run->checks[i].subject);
	free(run->checks);
	recon_release(&run->r);
	memset(run, 0, sizeof *run);
}

enum status recon_run_add_check(struct recon_run *run, const char *subject,
                                const char *figure, int64_t stated, int64_t found,
                                struct diag *d)
{
	struct recon_check *more = realloc(run->checks,
	                                   (run->check_count + 1) * sizeof *more);

	if (!more)
		return diag_set(d, STATUS_IO, "out of memory");
	run->checks = more;
	more[run->check_count].subject = strdup(subject);
	if (!more[run->check_count].subject)
		return diag_set(d, STATUS_IO, "out of memory");
	more[run->check_count].figure = figure;
	more[run->check_count].stated = stated;
	more[run->check_count++].found = found;
	return STATUS_OK;
}

struct priced {
	money batch, sync;             /* USD */
	money batch_shown, sync_shown; /* at the rate of the bucket's day */
	bool priced;
};

struct named {
	char name[128];
	size_t bucket;
};

static int named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->bucket > y->bucket) - (x->bucket < y->bucket);
}

static void group_name(const struct recon_bucket *b, enum recon_group g,
                       char name[128])
{
	char when[DATE_TEXT_SIZE];

	switch (g) {
	case GROUP_JOB:
		snprintf(name, 128, "%s", b->job);
		break;
	case GROUP_MODEL:
		snprintf(name, 128, "%s", *b->model ? b->model : "(no model)");
		break;
	case GROUP_DAY:
	case GROUP_MONTH:
		date_format(b->day, when);
		if (g == GROUP_MONTH)
			when[7] = '\0';
		snprintf(name, 128, "%s", when);
		break;
	case GROUP_BATCH:
		snprintf(name, 128, "%s", *b->batch ? b->batch : "(unknown batch)");
		break;
	}
}

/*
 * Sums buckets by group name, sorted by name. With skip_no_model, buckets
 * that name no model (failures) are left out. Returns the row count.
 */
static size_t aggregate(const struct recon *r, const struct priced *costs,
                        enum recon_group g, bool skip_no_model, struct recon_row **out,
                        bool *overflow)
{
	struct named *names = calloc(r->count ? r->count : 1, sizeof *names);
	struct recon_row *rows = calloc(r->count ? r->count : 1, sizeof *rows);
	size_t n = 0, rows_used = 0;

	if (!names || !rows)
		abort(); /* bounded by RECON_MAX_BUCKETS: a few MB at most */
	for (size_t i = 0; i < r->count; i++) {
		if (skip_no_model && !*r->buckets[i].model)
			continue;
		group_name(&r->buckets[i], g, names[n].name);
		names[n++].bucket = i;
	}
	qsort(names, n, sizeof *names, named_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct recon_bucket *b = &r->buckets[names[i].bucket];
		const struct priced *c = &costs[names[i].bucket];
		struct recon_row *a;

		if (rows_used == 0 || strcmp(rows[rows_used - 1].name, names[i].name) != 0) {
			a = &rows[rows_used++];
			memcpy(a->name, names[i].name, sizeof a->name);
		}
		a = &rows[rows_used - 1];
		for (int o = 0; o < RECON_OUTCOME_COUNT; o++) {
			*overflow |= __builtin_add_overflow(a->outcomes[o], b->outcomes[o],
			                                    &a->outcomes[o]);
			*overflow |= __builtin_add_overflow(a->requests, b->outcomes[o],
			                                    &a->requests);
		}
		*overflow |= __builtin_add_overflow(a->billed, b->billed, &a->billed);
		for (int t = 0; t < TOKEN_CLASS_COUNT; t++)
			*overflow |= __builtin_add_overflow(a->tokens.n[t], b->tokens.n[t],
			                                    &a->tokens.n[t]);
		a->batch = money_add(a->batch, c->batch, overflow);
		a->sync = money_add(a->sync, c->sync, overflow);
		a->batch_shown = money_add(a->batch_shown, c->batch_shown, overflow);
		a->sync_shown = money_add(a->sync_shown, c->sync_shown, overflow);
		a->unpriced |= !c->priced && b->billed > 0;
		a->priced_any |= c->priced;
	}
	free(names);
	*out = rows;
	return rows_used;
}

static void sum_rows(const struct recon_row *rows, size_t n, struct recon_row *total,
                     bool *overflow)
{
	memset(total, 0, sizeof *total);
	snprintf(total->name, sizeof total->name, "total");
	for (size_t i = 0; i < n; i++) {
		for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
			*overflow |= __builtin_add_overflow(total->outcomes[o],
			                                    rows[i].outcomes[o],
			                                    &total->outcomes[o]);
		*overflow |= __builtin_add_overflow(total->requests, rows[i].requests,
		                                    &total->requests);
		*overflow |= __builtin_add_overflow(total->billed, rows[i].billed,
		                                    &total->billed);
		for (int t = 0; t < TOKEN_CLASS_COUNT; t++)
			*overflow |= __builtin_add_overflow(total->tokens.n[t],
			                                    rows[i].tokens.n[t],
			                                    &total->tokens.n[t]);
		total->batch = money_add(total->batch, rows[i].batch, overflow);
		total->sync = money_add(total->sync, rows[i].sync, overflow);
		total->batch_shown = money_add(total->batch_shown, rows[i].batch_shown,
		                               overflow);
		total->sync_shown = money_add(total->sync_shown, rows[i].sync_shown,
		                              overflow);
	}
}

/*
 * Prices each bucket at its day and tier: the batch cost of its billed tokens
 * and the sync cost of the same tokens. Buckets of one model at one tier cost
 * the sum of their requests' costs exactly (money is linear), and the tier was
 * chosen per request when the line was read. Each is converted at the rate
 * in force on its day (the batch's created date), once per bucket. Unknown
 * models are warned about with their tokens and make the result
 * STATUS_UNKNOWN_MODEL.
 */
static enum status price_buckets(struct cli *ctx, const struct recon *r,
                                 struct priced *costs, bool *overflow,
                                 int *unpriced_models, struct diag *d)
{
	enum status result = STATUS_OK;
	struct diag first = {{0}};

	*unpriced_models = 0;
	for (size_t i = 0; i < r->count; i++) {
		const struct recon_bucket *b = &r->buckets[i];
		const struct model *m;
		const struct price_entry *p;
		struct cost_breakdown batch, sync;
		struct diag why;
		int64_t fx;
		enum status st;

		if (!*b->model || b->billed == 0)
			continue;
		st = cli_price(ctx, b->model, b->day, &m, &p, &why);
		if (st == STATUS_OK) {
			const struct price_tier *tier = b->long_context && p->has_long_context
			                                ? &p->long_context : &p->standard;
			if ((st = cost_at_tier(tier, &b->tokens, true, &batch, &why)) == STATUS_OK)
				st = cost_at_tier(tier, &b->tokens, false, &sync, &why);
			if (st != STATUS_OK) {
				diag_prefix(&why, b->model);
				return diag_set(d, st, "%s", why.text);
			}
			if ((st = cli_fx_on(ctx, b->day, &fx, d)))
				return st;
			costs[i].batch = batch.total;
			costs[i].sync = sync.total;
			costs[i].batch_shown = fx_convert(batch.total, fx, overflow);
			costs[i].sync_shown = fx_convert(sync.total, fx, overflow);
			costs[i].priced = true;
			continue;
		}
		if (st != STATUS_UNKNOWN_MODEL)
			return diag_set(d, st, "%s", why.text);
		if (result == STATUS_OK)
			first = why;
		result = STATUS_UNKNOWN_MODEL;
	}
	if (result != STATUS_OK) {
		/* Loud: every unpriced model with its tokens, never a silent $0. */
		struct recon_row *rows;
		size_t n = aggregate(r, costs, GROUP_MODEL, true, &rows, overflow);
		int count = 0;

		for (size_t i = 0; i < n; i++) {
			char later[200] = "";
			if (!rows[i].unpriced)
				continue;
			count++;
			/* The later classes (OpenAI's cache writes) only when used. */
			if (rows[i].tokens.n[TOKEN_CACHE_WRITE_30M] ||
			    rows[i].tokens.n[TOKEN_CACHE_WRITE_12H])
				snprintf(later, sizeof later, ", %" PRId64 " cache write 30m, %"
				         PRId64 " cache write 12h",
				         rows[i].tokens.n[TOKEN_CACHE_WRITE_30M],
				         rows[i].tokens.n[TOKEN_CACHE_WRITE_12H]);
			cli_warn("%s: %" PRId64 " billed requests NOT PRICED: %" PRId64
			         " uncached input, %" PRId64 " cache read, %" PRId64
			         " cache write 5m, %" PRId64 " cache write 1h%s, %" PRId64
			         " output tokens", rows[i].name, rows[i].billed,
			         rows[i].tokens.n[TOKEN_INPUT], rows[i].tokens.n[TOKEN_CACHE_READ],
			         rows[i].tokens.n[TOKEN_CACHE_WRITE_5M],
			         rows[i].tokens.n[TOKEN_CACHE_WRITE_1H], later,
			         rows[i].tokens.n[TOKEN_OUTPUT]);
		}
		free(rows);
		*unpriced_models = count;
		return diag_set(d, STATUS_UNKNOWN_MODEL, "%d model%s cannot be priced; "
		                "first: %s", count, count == 1 ? "" : "s", first.text);
	}
	return STATUS_OK;
}

/* Most frequent first, then by name: the same order however lines were split. */
static int error_cmp(const void *a, const void *b)
{
	const struct recon_error_type *x = a, *y = b;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->type, y->type);
}

static const char *count_text(int64_t n, char buf[64])
{
	struct ratio r = {n, 1};
	return cli_ratio_text(r, 0, buf);
}

static const char *group_title(enum recon_group g)
{
	static const char *const titles[] = {"job", "model", "day", "month", "batch"};
	return titles[g];
}

/* The stamp's price date: --as-of when every file is priced on it, else
 * "each day" (each batch on its created date, listed with its file). */
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

	fprintf(out, "  period: batches created %s (closed months keep the prices of "
	        "their days)\n", recon_period_text(opt, period));
	for (size_t i = 0; i < run->outside_count; i++) {
		date_format(run->outside[i].day, when);
		fprintf(out, "  %s: batch %s created %s, outside the period: not read\n",
		        run->outside[i].name, run->outside[i].batch, when);
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

/* The later token classes (OpenAI's cache writes) are columns only when the
 * report has some, so reports without them read as before. */
static bool later_classes_used(const struct recon_row *total)
{
	return total->tokens.n[TOKEN_CACHE_WRITE_30M] || total->tokens.n[TOKEN_CACHE_WRITE_12H];
}

/* Why a model could not be priced, in a few words. */
static const char *unpriced_reason(const struct cli *ctx, const char *model)
{
	enum model_match how;

	return catalogue_find_model(&ctx->catalogue, model, &how)
	       ? "no price in force on the batch's date" : "not in the catalogue";
}

static void print_unpriced(FILE *out, const struct cli *ctx, const struct recon_figures *f)
{
	static const struct {
		enum token_class c;
		const char *name;
	} classes[] = {
		{TOKEN_INPUT, "uncached input"}, {TOKEN_CACHE_READ, "cache read"},
		{TOKEN_CACHE_WRITE_5M, "cache write 5m"}, {TOKEN_CACHE_WRITE_1H, "cache write 1h"},
		{TOKEN_CACHE_WRITE_30M, "cache write 30m"},
		{TOKEN_CACHE_WRITE_12H, "cache write 12h"}, {TOKEN_OUTPUT, "output"},
	};
	char buf[64];

	fprintf(out, "\nNOT PRICED: usage of %zu model%s in no money figure of this report\n",
	        f->unpriced_models, f->unpriced_models == 1 ? "" : "s");
	for (size_t i = 0; i < f->model_count; i++) {
		const struct recon_row *a = &f->models[i];
		if (!a->unpriced)
			continue;
		bool first = true;
		fprintf(out, "  %s (%s): %s billed request%s\n    tokens:", a->name,
		        unpriced_reason(ctx, a->name), count_text(a->billed, buf),
		        a->billed == 1 ? "" : "s");
		for (size_t k = 0; k < sizeof classes / sizeof classes[0]; k++)
			if (a->tokens.n[classes[k].c]) {
				fprintf(out, "%s %s %s", first ? "" : ",",
				        count_text(a->tokens.n[classes[k].c], buf), classes[k].name);
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
	const char *currency = ctx->currency.code;
	static const char *const token_headers[] = {
		"model", "requests", "uncached in", "cache read", "cache w 5m",
		"cache w 1h", "output"};
	static const bool token_right[] = {false, true, true, true, true, true, true};
	static const char *const cost_headers[] = {"model", "billed", "batch (billed)",
	                                           "sync (same tokens)", "savings"};
	static const bool cost_right[] = {false, true, true, true, true};
	const char *group_headers[] = {group_title(opt->group), "requests", "succeeded",
	                               "failed", "batch", "sync"};
	static const bool group_right[] = {false, true, true, true, true, true};
	static const char *const error_headers[] = {"error type", "requests"};
	static const bool error_right[] = {false, true};
	const struct recon *r = &run->r;
	char buf[8][64];
	struct table t;
	bool overflow = false;
	int64_t with_model = 0;

	fprintf(out, "reconciliation of %zu file%s, %s lines\n", run->file_count,
	        run->file_count == 1 ? "" : "s", count_text(r->lines, buf[0]));
	if (opt->has_period)
		print_period(out, run, opt);
	for (size_t i = 0; i < run->file_count; i++) {
		char when[DATE_TEXT_SIZE];
		date_format(run->files[i].day, when);
		fprintf(out, "  %s: %s, %s lines, %s%s%sprices of %s\n", run->files[i].name,
		        run->files[i].format, count_text(run->files[i].lines, buf[0]),
		        *run->files[i].batch ? "batch " : "", run->files[i].batch,
		        *run->files[i].batch ? ", " : "", when);
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

	if (model_count) {
		/* A later class (OpenAI's cache writes) is a column when used. */
		const char *headers[9];
		bool right[9];
		int n = 0, used30 = total->tokens.n[TOKEN_CACHE_WRITE_30M] != 0,
		    used12 = total->tokens.n[TOKEN_CACHE_WRITE_12H] != 0;
		for (int k = 0; k < 6; k++) {
			headers[n] = token_headers[k];
			right[n++] = token_right[k];
		}
		if (used30) {
			headers[n] = "cache w 30m";
			right[n++] = true;
		}
		if (used12) {
			headers[n] = "cache w 12h";
			right[n++] = true;
		}
		headers[n] = token_headers[6];
		right[n++] = token_right[6];
		fprintf(out, "\ntokens by model (exclusive classes; billed requests only)\n");
		table_init(&t, n, headers, right);
		for (size_t i = 0; i <= model_count; i++) {
			const struct recon_row *a = i < model_count ? &models[i] : total;
			const char *cells[9] = {a->name, count_text(a->requests, buf[0]),
			                        count_text(a->tokens.n[TOKEN_INPUT], buf[1]),
			                        count_text(a->tokens.n[TOKEN_CACHE_READ], buf[2]),
			                        count_text(a->tokens.n[TOKEN_CACHE_WRITE_5M], buf[3]),
			                        count_text(a->tokens.n[TOKEN_CACHE_WRITE_1H], buf[4])};
			int k = 6;
			if (used30)
				cells[k++] = count_text(a->tokens.n[TOKEN_CACHE_WRITE_30M], buf[6]);
			if (used12)
				cells[k++] = count_text(a->tokens.n[TOKEN_CACHE_WRITE_12H], buf[7]);
			cells[k] = count_text(a->tokens.n[TOKEN_OUTPUT], buf[5]);
			if (i == model_count)
				cells[1] = count_text(with_model, buf[0]);
			else
				with_model += a->requests;
			table_add(&t, cells);
		}
		table_print(&t, out);
		table_release(&t);

		fprintf(out, "\n%s by model\n", currency);
		table_init(&t, 5, cost_headers, cost_right);
		for (size_t i = 0; i <= model_count; i++) {
			const struct recon_row *a = i < model_count ? &models[i] : total;
			bool total_row = i == model_count;
			const char *cells[5] = {total_row && f->unpriced_models
			                        ? "total (priced models only)" : a->name,
			                        count_text(a->billed, buf[0]),
			                        row_money(a, a->batch_shown, buf[1]),
			                        row_money(a, a->sync_shown, buf[2]),
			                        row_money(a, money_sub(a->sync_shown, a->batch_shown,
			                                               &overflow), buf[3])};
			if (total_row) {
				cli_money_cents(a->batch_shown, buf[1]);
				cli_money_cents(a->sync_shown, buf[2]);
				cli_money_cents(money_sub(a->sync_shown, a->batch_shown, &overflow),
				                buf[3]);
			}
			table_add(&t, cells);
		}
		table_print(&t, out);
		table_release(&t);
	}
	if (total->requests > with_model)
		fprintf(out, "(%s failed requests name no model and bill nothing)\n",
		        count_text(total->requests - with_model, buf[0]));

	fprintf(out, "\nby %s (%s)\n", group_title(opt->group), currency);
	table_init(&t, 6, group_headers, group_right);
	for (size_t i = 0; i < group_count; i++) {
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
			        "not in its figures)\n", group_title(opt->group));
			break;
		}
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
		fprintf(out, "\nretry: %s requests of %s written to %s\n",
		        count_text(run->retry.written, buf[0]), run->retry.requests,
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
		print_unpriced(out, ctx, f);
	fprintf(out, "\ntotal (%s%s): batch (billed) %s, sync (same tokens) %s, savings %s\n",
	        currency, f->unpriced_models ? ", priced models only" : "",
	        cli_money_cents(total->batch_shown, buf[0]),
	        cli_money_cents(total->sync_shown, buf[1]),
	        cli_money_cents(money_sub(total->sync_shown, total->batch_shown,
	                                  &overflow), buf[2]));
}

/*
 * Actual against forecast for each workload of the profile: the workload's
 * name is the job. The forecast is one 30-day month at the prices of --as-of,
 * every request on the Batch API and succeeding.
 */
static enum status forecast_rows(struct cli *ctx, const struct recon *r,
                                 const struct priced *costs,
                                 const struct recon_options *opt,
                                 struct recon_forecast_row *rows, struct diag *d)
{
	const struct ratio month = {30, 1};

	for (size_t i = 0; i < opt->forecast->count; i++) {
		struct recon_forecast_row *row = &rows[i];
		const struct workload *w = &opt->forecast->workloads[i];
		const struct model *m;
		const struct price_entry *p;
		struct price_entry uplifted;
		struct token_counts tf;
		struct cost_breakdown one, c;
		struct variance_input in;
		bool overflow = false;
		enum status st;

		memset(row, 0, sizeof *row);
		memset(&in, 0, sizeof in);
		row->w = w;
		/* All batch: a service tier does not apply, the US uplift does. */
		if ((st = cli_price(ctx, w->model, opt->as_of, &m, &p, d)) ||
		    (st = price_at_tiers(m, p, NULL, w->inference_geo, opt->as_of, &uplifted,
		                         &p, d)) ||
		    (st = workload_requests_per_month(w, month, &row->forecast_requests, d)) ||
		    (st = workload_tokens(w, &tf, d)) ||
		    (st = cost_request(p, &tf, true, &one, d))) {
			diag_prefix(d, w->name);
			return st;
		}
		in.forecast_per_request = one.total;
		in.forecast_requests = row->forecast_requests;
		for (size_t k = 0; k < r->count; k++) {
			const struct recon_bucket *b = &r->buckets[k];
			if (strcmp(b->job, w->name) != 0)
				continue;
			row->any_actual = true;
			for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
				in.actual_requests += b->outcomes[o];
			in.billed_requests += b->billed;
			for (int t = 0; t < TOKEN_CLASS_COUNT; t++)
				row->tokens.n[t] += b->tokens.n[t];
			in.actual = money_add(in.actual, costs[k].batch, &overflow);
			if (b->billed == 0)
				continue;
			/* The same requests, each at its own tier, at the forecast's rates. */
			st = cost_at_tier(b->long_context && p->has_long_context
			                  ? &p->long_context : &p->standard,
			                  &b->tokens, true, &c, d);
			if (st) {
				diag_prefix(d, w->name);
				return st;
			}
			in.actual_at_forecast_rates = money_add(in.actual_at_forecast_rates,
			                                        c.total, &overflow);
		}
		if (overflow)
			return diag_set(d, STATUS_OVERFLOW, "%s: a total does not fit", w->name);
		row->actual_requests = in.actual_requests;
		row->billed = in.billed_requests;
		if ((st = variance_split(&in, &row->v, d)))
			return st;
	}
	return STATUS_OK;
}

/* tokens / requests, as text with 2 decimals ("-" with no requests). */
static const char *per_request(int64_t tokens, int64_t requests, char buf[64])
{
	struct ratio r = {tokens, requests};

	if (requests == 0) {
		snprintf(buf, 64, "-");
		return buf;
	}
	return cli_ratio_text(r, 2, buf);
}

/* A workload's variance row: name, forecast, actual, difference, then the parts. */
static void variance_cells(const struct recon_forecast_row *row,
                          const char *(*text)(money, char[64]), char buf[][64],
                          const char *cells[8])
{
	money figures[VARIANCE_FIGURES];

	variance_figures(&row->v, figures);
	cells[0] = row->w->name;
	for (int k = 0; k < VARIANCE_FIGURES; k++)
		cells[k + 1] = text(figures[k], buf[k]);
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
	fprintf(out, "\nforecast variance: %s, one 30-day month, all batch, at the "
	        "prices of %s\n", opt->forecast->origin, when);
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
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	fprintf(out, "\nUSD: difference = volume + failure + token mix + price\n");
	table_init(&t, 8, h2, r2);
	for (size_t i = 0; i < opt->forecast->count; i++) {
		const char *cells[8];
		variance_cells(&rows[i], cli_money_cents, buf, cells);
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
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
		cJSON_AddNumberToObject(w, "actual_requests", (double)row->actual_requests);
		cli_json_ratio(w, "forecast_requests", row->forecast_requests);
		cli_json_money(w, "forecast_usd", row->v.forecast);
		cli_json_money(w, "actual_usd", row->v.actual);
		cli_json_money(w, "difference_usd", row->v.difference);
		cli_json_money(w, "volume_usd", row->v.volume);
		cli_json_money(w, "failure_usd", row->v.failure);
		cli_json_money(w, "token_mix_usd", row->v.mix);
		cli_json_money(w, "price_usd", row->v.price);
	}
}

/* One CSV row: the counts, the USD money and, when converting, the money in
 * the presentation currency; the later token classes when the report has
 * some, and a "priced" column when some usage is not priced (yes, no, or
 * part for a group with such usage). An unpriced model's money is empty,
 * never 0. */
static void csv_agg(FILE *out, const char *section, const struct recon_row *a,
                    bool converting, bool later, bool unpriced, bool total_row)
{
	char buf[24][64];
	bool overflow = false, no_money = a->unpriced && !a->priced_any && !total_row;
	const char *cells[24];
	int n = 0, b = 0;
	const enum token_class classes[] = {TOKEN_INPUT, TOKEN_CACHE_READ,
		TOKEN_CACHE_WRITE_5M, TOKEN_CACHE_WRITE_1H, TOKEN_CACHE_WRITE_30M,
		TOKEN_CACHE_WRITE_12H, TOKEN_OUTPUT};
	const int64_t counts[] = {a->requests, a->outcomes[RECON_SUCCEEDED],
		a->outcomes[RECON_ERRORED], a->outcomes[RECON_CANCELED],
		a->outcomes[RECON_EXPIRED], a->billed};
	const money money_cells[] = {a->batch, a->sync, money_sub(a->sync, a->batch, &overflow),
		a->batch_shown, a->sync_shown, money_sub(a->sync_shown, a->batch_shown, &overflow)};

	cells[n++] = section;
	cells[n++] = a->name;
	/* Plain integers in CSV: no grouping commas. */
	for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++, b++) {
		snprintf(buf[b], 64, "%" PRId64, counts[k]);
		cells[n++] = buf[b];
	}
	for (size_t k = 0; k < sizeof classes / sizeof classes[0]; k++) {
		if (!later && (classes[k] == TOKEN_CACHE_WRITE_30M ||
		               classes[k] == TOKEN_CACHE_WRITE_12H))
			continue;
		snprintf(buf[b], 64, "%" PRId64, a->tokens.n[classes[k]]);
		cells[n++] = buf[b++];
	}
	for (int k = 0; k < (converting ? 6 : 3); k++, b++)
		cells[n++] = no_money ? "" : cli_money_exact(money_cells[k], buf[b]);
	if (unpriced)
		cells[n++] = !a->unpriced ? "yes" : no_money ? "no" : "part";
	cli_csv_row(out, cells, n);
}

static void print_csv(FILE *out, const struct cli *ctx,
                      const struct recon_options *opt, const struct recon_figures *f)
{
	const struct recon_forecast_row *forecast = f->forecast;
	bool converting = ctx->currency.converting;
	bool later = later_classes_used(&f->total), unpriced = f->unpriced_models > 0;
	char keys[3][64];
	const char *header[24];
	int n = 0;
	struct recon_row total = f->total;

	header[n++] = "section";
	header[n++] = "name";
	header[n++] = "requests";
	header[n++] = "succeeded";
	header[n++] = "errored";
	header[n++] = "canceled";
	header[n++] = "expired";
	header[n++] = "billed";
	header[n++] = "uncached_input_tokens";
	header[n++] = "cache_read_tokens";
	header[n++] = "cache_write_5m_tokens";
	header[n++] = "cache_write_1h_tokens";
	if (later) {
		header[n++] = "cache_write_30m_tokens";
		header[n++] = "cache_write_12h_tokens";
	}
	header[n++] = "output_tokens";
	header[n++] = "batch_usd";
	header[n++] = "sync_usd";
	header[n++] = "savings_usd";
	if (converting) {
		header[n++] = cli_currency_key(ctx, "batch", keys[0]);
		header[n++] = cli_currency_key(ctx, "sync", keys[1]);
		header[n++] = cli_currency_key(ctx, "savings", keys[2]);
	}
	if (unpriced)
		header[n++] = "priced";
	cli_csv_row(out, header, n);
	for (size_t i = 0; i < f->model_count; i++)
		csv_agg(out, "model", &f->models[i], converting, later, unpriced, false);
	for (size_t i = 0; i < f->group_count; i++)
		csv_agg(out, group_title(opt->group), &f->groups[i], converting, later, unpriced,
		        false);
	if (unpriced) {
		snprintf(total.name, sizeof total.name, "total (priced models only)");
		total.unpriced = true;
	}
	csv_agg(out, "total", &total, converting, later, unpriced, true);
	if (forecast) {
		/* A second table: one row per workload and part of the variance. */
		static const char *const head[] = {"workload", "forecast_usd", "actual_usd",
		                                   "difference_usd", "volume_usd", "failure_usd",
		                                   "token_mix_usd", "price_usd"};
		char buf[7][64];
		fputs("\r\n", out);
		cli_csv_row(out, head, 8);
		for (size_t i = 0; i < opt->forecast->count; i++) {
			const char *cells[8];
			variance_cells(&forecast[i], cli_money_exact, buf, cells);
			cli_csv_row(out, cells, 8);
		}
	}
}

static void json_tokens(cJSON *o, const struct recon_row *a)
{
	cJSON_AddNumberToObject(o, "uncached_input_tokens", (double)a->tokens.n[TOKEN_INPUT]);
	cJSON_AddNumberToObject(o, "cache_read_tokens", (double)a->tokens.n[TOKEN_CACHE_READ]);
	cJSON_AddNumberToObject(o, "cache_write_5m_tokens",
	                        (double)a->tokens.n[TOKEN_CACHE_WRITE_5M]);
	cJSON_AddNumberToObject(o, "cache_write_1h_tokens",
	                        (double)a->tokens.n[TOKEN_CACHE_WRITE_1H]);
	/* The later classes only when used (see token_class_always_shown). */
	if (a->tokens.n[TOKEN_CACHE_WRITE_30M])
		cJSON_AddNumberToObject(o, "cache_write_30m_tokens",
		                        (double)a->tokens.n[TOKEN_CACHE_WRITE_30M]);
	if (a->tokens.n[TOKEN_CACHE_WRITE_12H])
		cJSON_AddNumberToObject(o, "cache_write_12h_tokens",
		                        (double)a->tokens.n[TOKEN_CACHE_WRITE_12H]);
	cJSON_AddNumberToObject(o, "output_tokens", (double)a->tokens.n[TOKEN_OUTPUT]);
}

static void json_counts(cJSON *o, const struct recon_row *a)
{
	for (int i = 0; i < RECON_OUTCOME_COUNT; i++)
		cJSON_AddNumberToObject(o, recon_outcome_name((enum recon_outcome)i),
		                        (double)a->outcomes[i]);
}

/* Integers beyond 2^53 do not survive a JSON double: write them raw. */
static void json_put_int(cJSON *o, const char *key, int64_t n)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%" PRId64, n);
	cJSON_AddRawToObject(o, key, buf);
}

/* One file entry: the report's (lines as a number) or the summary's (raw). */
static cJSON *json_file(const struct recon_file *file, bool summary)
{
	char when[DATE_TEXT_SIZE];
	cJSON *f = cJSON_CreateObject();

	date_format(file->day, when);
	cJSON_AddStringToObject(f, "name", file->name);
	cJSON_AddStringToObject(f, "format", file->format);
	if (*file->batch || !summary)
		cJSON_AddStringToObject(f, "batch", file->batch);
	cJSON_AddStringToObject(f, "price_date", when);
	if (summary)
		json_put_int(f, "lines", file->lines);
	else
		cJSON_AddNumberToObject(f, "lines", (double)file->lines);
	return f;
}

/* batch_usd, sync_usd, and the same in the presentation currency; null for a
 * model that could not be priced, and "includes_unpriced" on a group whose
 * figures leave such usage out. */
static void json_row_money(cJSON *o, const struct cli *ctx, const struct recon_row *a)
{
	char key[64];

	if (a->unpriced) {
		cJSON_AddTrueToObject(o, "includes_unpriced");
	}
	cli_json_money(o, "batch_usd", a->batch);
	cli_json_money(o, "sync_usd", a->sync);
	if (ctx->currency.converting) {
		cli_json_money(o, cli_currency_key(ctx, "batch", key), a->batch_shown);
		cli_json_money(o, cli_currency_key(ctx, "sync", key), a->sync_shown);
	}
}

static void json_period(cJSON *root, const struct recon_run *run,
                        const struct recon_options *opt)
{
	cJSON *o = cJSON_AddObjectToObject(root, "period"), *list;
	char when[DATE_TEXT_SIZE];

	if (opt->since != INT32_MIN) {
		date_format(opt->since, when);
		cJSON_AddStringToObject(o, "since", when);
	}
	if (opt->until != DATE_OPEN_END) {
		date_format(opt->until, when);
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
	bool overflow = false;
	char key[64];

	files = cJSON_AddArrayToObject(root, "files");
	for (size_t i = 0; i < run->file_count; i++)
		cJSON_AddItemToArray(files, json_file(&run->files[i], false));
	if (opt->has_period)
		json_period(root, run, opt);
	cJSON_AddNumberToObject(root, "lines", (double)run->r.lines);
	json_counts(cJSON_AddObjectToObject(root, "counts"), total);
	cJSON_AddNumberToObject(root, "requests", (double)total->requests);
	cJSON_AddNumberToObject(root, "success_rate", f->success);
	cJSON_AddNumberToObject(root, "malformed_lines", (double)run->r.malformed);
	cJSON_AddNumberToObject(root, "duplicate_keys", (double)run->r.duplicates);
	cJSON_AddNumberToObject(root, "unchecked_keys", (double)run->unchecked_keys);
	o = cJSON_AddObjectToObject(root, "models");
	for (size_t i = 0; i < model_count; i++) {
		cJSON *m = cJSON_AddObjectToObject(o, models[i].name);
		cJSON_AddNumberToObject(m, "requests", (double)models[i].requests);
		cJSON_AddNumberToObject(m, "billed_requests", (double)models[i].billed);
		json_tokens(m, &models[i]);
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
		cJSON_AddNumberToObject(j, "requests", (double)jobs[i].requests);
		json_counts(j, &jobs[i]);
		json_row_money(j, ctx, &jobs[i]);
	}
	if (opt->group != GROUP_JOB) {
		o = cJSON_AddObjectToObject(root, "groups");
		cJSON_AddStringToObject(o, "by", group_title(opt->group));
		for (size_t i = 0; i < group_count; i++) {
			cJSON *g = cJSON_AddObjectToObject(o, groups[i].name);
			cJSON_AddNumberToObject(g, "requests", (double)groups[i].requests);
			json_counts(g, &groups[i]);
			json_row_money(g, ctx, &groups[i]);
		}
	}
	errors = cJSON_AddObjectToObject(root, "errors");
	for (size_t i = 0; i < run->r.error_count; i++)
		cJSON_AddNumberToObject(errors, run->r.errors[i].type,
		                        (double)run->r.errors[i].count);
	o = cJSON_AddArrayToObject(root, "checksums");
	for (size_t i = 0; i < run->check_count; i++) {
		const struct recon_check *c = &run->checks[i];
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "subject", c->subject);
		cJSON_AddStringToObject(item, "figure", c->figure);
		cJSON_AddNumberToObject(item, "stated", (double)c->stated);
		cJSON_AddNumberToObject(item, "found", (double)c->found);
		cJSON_AddNumberToObject(item, "difference", (double)(c->found - c->stated));
		cJSON_AddItemToArray(o, item);
	}
	o = cJSON_AddObjectToObject(root, "total");
	json_tokens(o, total);
	if (f->unpriced_models) {
		cJSON_AddTrueToObject(o, "priced_models_only");
		cli_json_int(o, "unpriced_models", (int64_t)f->unpriced_models);
	}
	json_row_money(o, ctx, total);
	cli_json_money(o, "savings_usd", money_sub(total->sync, total->batch, &overflow));
	if (ctx->currency.converting)
		cli_json_money(o, cli_currency_key(ctx, "savings", key),
		               money_sub(total->sync_shown, total->batch_shown, &overflow));
	if (f->forecast)
		json_forecast(root, opt, f->forecast);
	if (run->retry.out) {
		cJSON *retry = cJSON_AddObjectToObject(root, "retry");
		cJSON *list = cJSON_CreateArray();
		cJSON_AddStringToObject(retry, "requests", run->retry.requests);
		cJSON_AddStringToObject(retry, "out", run->retry.out);
		cJSON_AddNumberToObject(retry, "written", (double)run->retry.written);
		cJSON_AddNumberToObject(retry, "not_retried", (double)run->retry.not_retried);
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

/* With allow_unpriced, models that cannot be priced are kept as unpriced
 * rows (f->unpriced_models, f->unpriced) and the result is STATUS_OK; the
 * reason is left in d. */
static enum status figures_compute(struct cli *ctx, struct recon_run *run,
                                   const struct recon_options *opt,
                                   struct recon_figures *f, bool allow_unpriced,
                                   struct diag *d)
{
	const struct recon *r = &run->r;
	struct priced *costs = calloc(r->count ? r->count : 1, sizeof *costs);
	struct recon_row *all = NULL;
	size_t all_count;
	bool overflow = r->overflow;
	int unpriced = 0;
	enum status st;

	memset(f, 0, sizeof *f);
	if (!costs)
		return diag_set(d, STATUS_IO, "out of memory");
	qsort(run->r.errors, r->error_count, sizeof r->errors[0], error_cmp);
	st = price_buckets(ctx, r, costs, &overflow, &unpriced, d);
	if (st == STATUS_UNKNOWN_MODEL && allow_unpriced) {
		f->unpriced_models = (size_t)unpriced;
		f->unpriced = *d;
		st = STATUS_OK;
	}
	if (st != STATUS_OK) {
		free(costs);
		return st;
	}
	f->model_count = aggregate(r, costs, GROUP_MODEL, true, &f->models, &overflow);
	f->group_count = aggregate(r, costs, opt->group, false, &f->groups, &overflow);
	f->job_count = aggregate(r, costs, GROUP_JOB, false, &f->jobs, &overflow);
	all_count = aggregate(r, costs, GROUP_BATCH, false, &all, &overflow);
	sum_rows(all, all_count, &f->total, &overflow);
	free(all);
	if (opt->forecast) {
		f->forecast = calloc(opt->forecast->count ? opt->forecast->count : 1,
		                     sizeof *f->forecast);
		st = f->forecast ? forecast_rows(ctx, r, costs, opt, f->forecast, d)
		                 : diag_set(d, STATUS_IO, "out of memory");
	}
	free(costs);
	f->success = f->total.requests
	             ? (double)f->total.outcomes[RECON_SUCCEEDED] / (double)f->total.requests
	             : 1.0;
	if (st == STATUS_OK && overflow)
		st = diag_set(d, STATUS_OVERFLOW, "a total does not fit");
	if (st != STATUS_OK)
		recon_figures_release(f);
	return st;
}

enum status recon_figures_compute(struct cli *ctx, struct recon_run *run,
                                  const struct recon_options *opt,
                                  struct recon_figures *f, struct diag *d)
{
	return figures_compute(ctx, run, opt, f, false, d);
}

void recon_figures_release(struct recon_figures *f)
{
	free(f->models);
	free(f->groups);
	free(f->jobs);
	free(f->forecast);
	memset(f, 0, sizeof *f);
}

enum status recon_report(struct cli *ctx, struct recon_run *run,
                         const struct recon_options *opt, struct diag *d)
{
	struct recon_figures f;
	enum status st = figures_compute(ctx, run, opt, &f, true, d);

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
	if (f.unpriced_models) {
		/* The report above is whole for what could be priced: deliver it,
		 * and say (exit 4) that some usage is not in its figures. */
		ctx->deliver_unpriced = true;
		*d = f.unpriced;
		st = STATUS_UNKNOWN_MODEL;
	}
	recon_figures_release(&f);
	return st;
}

static const char *const token_keys[TOKEN_CLASS_COUNT] = {
	[TOKEN_INPUT] = "uncached_input_tokens",
	[TOKEN_CACHE_WRITE_5M] = "cache_write_5m_tokens",
	[TOKEN_CACHE_WRITE_1H] = "cache_write_1h_tokens",
	[TOKEN_CACHE_WRITE_30M] = "cache_write_30m_tokens",
	[TOKEN_CACHE_WRITE_12H] = "cache_write_12h_tokens",
	[TOKEN_CACHE_READ] = "cache_read_tokens",
	[TOKEN_OUTPUT] = "output_tokens",
};

enum status recon_summary_write(const char *path, const struct recon_run *run,
                                const struct keyset *keys, struct diag *d)
{
	cJSON *root = cJSON_CreateObject(), *files, *errors, *buckets;
	char *text;
	enum status st;

	json_put_int(root, "batchcalc_summary", 1);
	json_put_int(root, "lines", run->r.lines);
	json_put_int(root, "malformed_lines", run->r.malformed);
	json_put_int(root, "duplicate_keys", run->r.duplicates);
	json_put_int(root, "unchecked_keys", run->unchecked_keys);
	files = cJSON_AddArrayToObject(root, "files");
	for (size_t i = 0; i < run->file_count; i++)
		cJSON_AddItemToArray(files, json_file(&run->files[i], true));
	errors = cJSON_AddObjectToObject(root, "errors");
	for (size_t i = 0; i < run->r.error_count; i++)
		json_put_int(errors, run->r.errors[i].type, run->r.errors[i].count);
	if (keys && run->unchecked_keys == 0) {
		static const char hex[] = "0123456789abcdef";
		size_t n;
		uint64_t *fp = keyset_export(keys, &n);
		char *digits = fp ? malloc(n * 16 + 1) : NULL;
		if (!digits) {
			free(fp);
			cJSON_Delete(root);
			return diag_set(d, STATUS_IO, "out of memory");
		}
		for (size_t i = 0; i < n; i++)
			for (int k = 0; k < 16; k++)
				digits[i * 16 + (size_t)k] = hex[(fp[i] >> (60 - 4 * k)) & 0xf];
		digits[n * 16] = '\0';
		cJSON_AddStringToObject(root, "keys", digits);
		free(digits);
		free(fp);
	}
	buckets = cJSON_AddArrayToObject(root, "buckets");
	for (size_t i = 0; i < run->r.count; i++) {
		const struct recon_bucket *b = &run->r.buckets[i];
		char when[DATE_TEXT_SIZE];
		cJSON *o = cJSON_CreateObject();
		date_format(b->day, when);
		cJSON_AddStringToObject(o, "job", b->job);
		if (*b->model)
			cJSON_AddStringToObject(o, "model", b->model);
		if (*b->batch)
			cJSON_AddStringToObject(o, "batch", b->batch);
		cJSON_AddStringToObject(o, "price_date", when);
		cJSON_AddBoolToObject(o, "long_context", b->long_context);
		for (int k = 0; k < RECON_OUTCOME_COUNT; k++)
			json_put_int(o, recon_outcome_name((enum recon_outcome)k), b->outcomes[k]);
		json_put_int(o, "billed", b->billed);
		/* A later class (OpenAI's cache writes) only when used, so a
		 * summary without them reads as before they existed. */
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
			if (token_class_always_shown((enum token_class)c) || b->tokens.n[c])
				json_put_int(o, token_keys[c], b->tokens.n[c]);
		cJSON_AddItemToArray(buckets, o);
	}
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if (!text)
		return diag_set(d, STATUS_IO, "out of memory");
	st = file_write_atomic(path, text, strlen(text), d);
	cJSON_free(text);
	return st;
}

#define SUMMARY_MAX INT64_MAX / 4

/* Adds a summary's key fingerprints; one already there is a duplicate. */
static enum status read_keys(const struct json_where *w, const cJSON *keys,
                             struct recon_run *run, struct keyset *set,
                             struct diag *d)
{
	const char *text = keys->valuestring;
	size_t len = strlen(text);

	if (len % 16 != 0)
		return json_fail(w, "keys", keys, "16 hex digits per key", d);
	for (size_t i = 0; i < len; i += 16) {
		uint64_t fp = 0;
		for (size_t k = 0; k < 16; k++) {
			char c = text[i + k];
			int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
			if (v < 0)
				return json_fail(w, "keys", keys, "16 hex digits per key", d);
			fp = fp << 4 | (uint64_t)v;
		}
		if (fp == 0 || fp >> 63)
			return json_fail(w, "keys", keys, "key fingerprints below 2^63, not 0", d);
		switch (keyset_insert(set, fp, false)) {
		case KEYSET_SEEN: run->r.duplicates++; break;
		case KEYSET_FULL: run->unchecked_keys++; break;
		case KEYSET_NEW: break;
		}
	}
	return STATUS_OK;
}

enum status recon_summary_read(const char *path, struct recon_run *run,
                               struct keyset *set, struct diag *d)
{
	struct json_where top = {path, ""}, w;
	cJSON *root = NULL, *item;
	char *text = NULL;
	size_t len;
	int64_t version = 0, lines = 0, malformed = 0, duplicates = 0, unchecked = 0;
	long index = 0;
	enum status st;

	if ((st = file_read_all(path, &text, &len, d)) ||
	    (st = json_parse(path, text, len, &root, d)))
		goto done;
	if ((st = json_int(&top, root, "batchcalc_summary", true, 1, 1, &version, NULL, d)) ||
	    (st = json_int(&top, root, "lines", true, 0, SUMMARY_MAX, &lines, NULL, d)) ||
	    (st = json_int(&top, root, "malformed_lines", true, 0, SUMMARY_MAX, &malformed, NULL, d)) ||
	    (st = json_int(&top, root, "duplicate_keys", true, 0, SUMMARY_MAX, &duplicates, NULL, d)) ||
	    (st = json_int(&top, root, "unchecked_keys", true, 0, SUMMARY_MAX, &unchecked, NULL, d)))
		goto done;
	run->r.lines += lines;
	run->r.malformed += malformed;
	run->r.duplicates += duplicates;
	run->unchecked_keys += unchecked;
	{
		cJSON *keys = cJSON_GetObjectItemCaseSensitive(root, "keys");
		if (keys && !cJSON_IsString(keys)) {
			st = json_fail(&top, "keys", keys, "a string of hex digits", d);
			goto done;
		}
		if (keys && set && (st = read_keys(&top, keys, run, set, d)))
			goto done;
	}
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "files")) {
		char *name = NULL, *format = NULL, *batch = NULL;
		date_days day = 0;
		int64_t n = 0;
		json_child(&w, &top, "files", index++);
		if (!(st = json_string(&w, item, "name", true, &name, d)) &&
		    !(st = json_string(&w, item, "format", true, &format, d)) &&
		    !(st = json_string(&w, item, "batch", false, &batch, d)) &&
		    !(st = json_date(&w, item, "price_date", true, &day, NULL, d)) &&
		    !(st = json_int(&w, item, "lines", true, 0, SUMMARY_MAX, &n, NULL, d)))
			st = recon_run_add_file(run, name, format, batch ? batch : "", day, n, d);
		free(name);
		free(format);
		free(batch);
		if (st)
			goto done;
	}
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "errors")) {
		json_child(&w, &top, "errors", -1);
		if (!cJSON_IsNumber(item) || item->valuedouble < 0) {
			st = json_fail(&w, item->string, item, "a count", d);
			goto done;
		}
		if ((st = recon_add_error(&run->r, item->string, (int64_t)item->valuedouble, d)))
			goto done;
	}
	index = 0;
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "buckets")) {
		struct recon_bucket b;
		cJSON *lc = cJSON_GetObjectItemCaseSensitive(item, "long_context");
		memset(&b, 0, sizeof b);
		json_child(&w, &top, "buckets", index++);
		st = json_string(&w, item, "job", true, &b.job, d);
		/* An empty model (failures) or batch (unknown) is left out. */
		if (!st)
			st = json_string(&w, item, "model", false, &b.model, d);
		if (!st)
			st = json_string(&w, item, "batch", false, &b.batch, d);
		if (!st && ((!b.model && !(b.model = strdup(""))) ||
		            (!b.batch && !(b.batch = strdup("")))))
			st = diag_set(d, STATUS_IO, "out of memory");
		if (!st)
			st = json_date(&w, item, "price_date", true, &b.day, NULL, d);
		for (int k = 0; !st && k < RECON_OUTCOME_COUNT; k++)
			st = json_int(&w, item, recon_outcome_name((enum recon_outcome)k), true,
			              0, SUMMARY_MAX, &b.outcomes[k], NULL, d);
		if (!st)
			st = json_int(&w, item, "billed", true, 0, SUMMARY_MAX, &b.billed, NULL, d);
		for (int c = 0; !st && c < TOKEN_CLASS_COUNT; c++)
			st = json_int(&w, item, token_keys[c],
			              token_class_always_shown((enum token_class)c), 0,
			              SUMMARY_MAX, &b.tokens.n[c], NULL, d);
		if (!st && !cJSON_IsBool(lc))
			st = json_fail(&w, "long_context", lc, "true or false", d);
		if (!st) {
			b.long_context = cJSON_IsTrue(lc);
			st = recon_add(&run->r, &b, d);
		}
		free(b.job);
		free(b.model);
		free(b.batch);
		if (st)
			goto done;
	}
done:
	cJSON_Delete(root);
	free(text);
	return st;
}
