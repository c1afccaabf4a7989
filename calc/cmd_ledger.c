/*
 * batchcalc ledger: a spend ledger finance can close a month on.
 *
 *   ledger add FILE...   reconcile results files exactly as `reconcile` does
 *                        and record each batch, once (calc/ledger_add.c)
 *   ledger show          the figures as `reconcile` prints them, from the
 *                        ledger alone (calc/recon_report.c on costed buckets)
 *   ledger close MONTH   freeze a month
 *   ledger export --focus  a FinOps FOCUS 1.2 CSV (calc/ledger_focus.h)
 *
 * One transaction per invocation: a failure anywhere (a bad file, a refused
 * batch, a full disk, a lost server) records nothing.
 */
#include "commands.h"

#include "ledger_add.h"
#include "ledger_focus.h"
#include "ledger_report.h"
#include "ledger_store.h"
#include "recon_report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char show_synopsis[] =
	"batchcalc ledger show [--month YYYY-MM | --since YYYY-MM-DD --until YYYY-MM-DD]\n"
	"                             [--by month|job|model|day|batch]\n"
	"                             [--currency CODE --fx FILE|--fx-rate RATE]\n"
	"                             [--format table|csv|json] [--ledger LOCATION] [-o FILE]";
static const char close_synopsis[] =
	"batchcalc ledger close YYYY-MM [--ledger LOCATION]";
static const char export_synopsis[] =
	"batchcalc ledger export --focus [--month YYYY-MM | --since YYYY-MM-DD\n"
	"                               --until YYYY-MM-DD] [--ledger LOCATION] [-o FILE]";

/* ---- periods: --month, or --since/--until ------------------------------- */

static enum status parse_month(const char *flag, const char *text, int *year, int *month,
                               struct diag *d)
{
	char day[DATE_TEXT_SIZE];
	date_days first;
	const char *why;

	snprintf(day, sizeof day, "%.7s-01", text);
	if (strlen(text) != 7 || !date_parse(day, &first, &why))
		return diag_set(d, STATUS_USAGE, "%s: expected a month YYYY-MM, found \"%s\"",
		                flag, text);
	*year = atoi(text);
	*month = atoi(text + 5);
	return STATUS_OK;
}

static enum status parse_period(struct cli *ctx, const char *month, const char *since,
                                const char *until, struct recon_options *opt,
                                struct diag *d)
{
	int y, m;
	enum status st;

	if (month && (since || until))
		return diag_set(d, STATUS_USAGE, "--month: expected alone, found with %s",
		                since ? "--since" : "--until");
	if (!month)
		return recon_period_parse(ctx, since, until, &opt->period, d);
	if ((st = parse_month("--month", month, &y, &m, d)))
		return st;
	opt->period.has = true;
	opt->period.since = date_from_civil(y, m, 1);
	opt->period.until = opt->period.since + date_days_in_month(y, m) - 1;
	return STATUS_OK;
}

/* ---- ledger show ----------------------------------------------------------- */

/* What the ledger adds to reconcile's report: entries, adjustments and the
 * closed months of the period, each checked against its totals as closed. */
static void print_ledger_head(FILE *out, const struct ledger_view *v,
                              const struct recon_options *opt)
{
	size_t batches = 0, adjustments = 0;
	bool overflow = false;
	char when[DATE_TEXT_SIZE], buf[3][64];

	for (size_t i = 0; i < v->entry_count; i++) {
		if (v->entries[i].adjustment)
			adjustments++;
		else
			batches++;
	}
	fprintf(out, "ledger: %zu batch%s, %zu adjustment%s\n", batches,
	        batches == 1 ? "" : "es", adjustments, adjustments == 1 ? "" : "s");
	for (size_t i = 0; i < v->entry_count; i++) {
		const struct ledger_entry *e = &v->entries[i];
		char made[DATE_TEXT_SIZE], created[DATE_TEXT_SIZE], digest[17];
		if (!e->adjustment)
			continue;
		date_format(e->booked, made);
		date_format(e->created, created);
		cli_wrapf(out, "    ", "  adjustment made %s to %s (created %s)", made, e->batch,
		          created);
		if (*e->replaced)
			fprintf(out, "    content sha256 %s", ledger_short_digest(e->replaced, digest));
		else
			fprintf(out, "    first recorded by it:");
		fprintf(out, " -> %s\n", ledger_short_digest(e->sha256, digest));
	}
	for (size_t i = 0; i < v->month_count; i++) {
		const struct ledger_month *m = &v->months[i];
		date_days first = date_from_civil(m->year, m->month, 1);
		money batch = money_zero(), sync = money_zero();
		int64_t requests = 0;
		if (opt->period.has && (first + date_days_in_month(m->year, m->month) - 1 <
		                        opt->period.since || first > opt->period.until))
			continue;
		for (size_t k = 0; k < v->figure_count; k++) {
			const struct ledger_figure *g = &v->figures[k];
			int y, mo, dd;
			date_to_civil(g->booked, &y, &mo, &dd);
			if (y != m->year || mo != m->month)
				continue;
			batch = money_add(batch, g->batch_cost, &overflow);
			sync = money_add(sync, g->sync_cost, &overflow);
			for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
				requests += g->outcomes[o];
		}
		date_format(m->closed_on, when);
		fprintf(out, "  %04d-%02d closed on %s: batch %s, sync %s USD, as closed\n",
		        m->year, m->month, when, cli_money_cents(m->batch_cost, buf[0]),
		        cli_money_cents(m->sync_cost, buf[1]));
		/* Only a month wholly inside the period can be compared. */
		if ((!opt->period.has ||
		     (first >= opt->period.since &&
		      first + date_days_in_month(m->year, m->month) - 1 <= opt->period.until)) &&
		    (money_cmp(batch, m->batch_cost) != 0 || money_cmp(sync, m->sync_cost) != 0 ||
		     requests != m->requests))
			cli_warn("%04d-%02d: the entries booked in it no longer add up to its "
			         "totals as closed (batch %s USD now): was the ledger edited "
			         "outside batchcalc?", m->year, m->month,
			         cli_money_cents(batch, buf[2]));
	}
	fputc('\n', out);
}

static enum status ledger_show(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *location = NULL, *month = NULL, *since = NULL, *until = NULL;
	const char *by = NULL, *format = NULL, *currency = NULL, *fx = NULL, *fx_rate = NULL;
	bool help = false;
	const struct option_spec specs[] = {
		{"month", 0, OPTION_VALUE, "YYYY-MM", "only entries booked in that month", &month},
		{"since", 0, OPTION_VALUE, "YYYY-MM-DD", "only entries booked on or after that day", &since},
		{"until", 0, OPTION_VALUE, "YYYY-MM-DD", "only entries booked on or before that day", &until},
		{"by", 0, OPTION_VALUE, "KEY", "job (default; month with a period), model, day, month or batch", &by},
		{"format", 0, OPTION_VALUE, "FORMAT", "table (default), csv or json", &format},
		CLI_CURRENCY_OPTIONS(&currency, &fx, &fx_rate),
		{"ledger", 0, OPTION_VALUE, "LOCATION", ledger_location_help, &location},
		{"output", 'o', OPTION_VALUE, "FILE", "write to FILE (atomically) instead of stdout", &ctx->output},
		OPTION_END,
	};
	const char *operands[1];
	int operand_count;
	struct recon_options opt;
	struct ledger *l = NULL;
	struct ledger_view v;
	struct recon_run run;
	bool one_day;
	enum status st;

	memset(&opt, 0, sizeof opt);
	memset(&v, 0, sizeof v);
	memset(&run, 0, sizeof run);
	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, show_synopsis, ledger_summary, specs);
		return STATUS_OK;
	}
	if (operand_count)
		return diag_set(d, STATUS_USAGE, "ledger show: unexpected argument \"%s\"",
		                operands[0]);
	if ((st = parse_period(ctx, month, since, until, &opt, d)) ||
	    (st = cli_parse_format(format, &opt.format, d)) ||
	    (st = recon_group_parse(by, &opt.group, d)) ||
	    (st = cli_parse_currency(ctx, currency, fx, fx_rate, d)))
		return st;
	if (opt.period.has && !by)
		opt.group = GROUP_MONTH;
	opt.as_of = ctx->today;
	if ((st = ledger_open(ledger_db_location(location), LEDGER_READ, &l, d)) ||
	    (st = ledger_read(l, opt.period.has ? opt.period.since : INT32_MIN,
	                      opt.period.has ? opt.period.until : DATE_OPEN_END, &v, d)) ||
	    (st = ledger_report_stamp(ctx, &v, d)) ||
	    (st = ledger_report_run(&v, INT32_MIN, DATE_OPEN_END, &run, d)))
		goto done;
	/* The day reconcile's stamp would name: the --as-of day when every batch
	 * was dated by it (the same day), else "each day". */
	one_day = v.entry_count > 0;
	for (size_t i = 0; i < v.entry_count; i++)
		one_day = one_day && !v.entries[i].dated &&
		          v.entries[i].created == v.entries[0].created;
	if (one_day)
		opt.as_of = v.entries[0].created;
	if (opt.format == FORMAT_TABLE)
		print_ledger_head(ctx->out, &v, &opt);
	st = recon_report(ctx, &run, &opt, d);
done:
	recon_run_release(&run);
	ledger_view_release(&v);
	ledger_close(l);
	return st;
}

/* ---- ledger close ---------------------------------------------------------- */

static enum status ledger_close_cmd(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *location = NULL;
	bool help = false, already = false;
	const struct option_spec specs[] = {
		{"ledger", 0, OPTION_VALUE, "LOCATION", ledger_location_help, &location},
		OPTION_END,
	};
	const char *operands[2];
	int operand_count, year, month, ty, tm, td;
	struct ledger *l = NULL;
	struct ledger_month closed;
	char stamp[32], when[DATE_TEXT_SIZE], buf[2][64];
	enum status st;

	if ((st = options_parse(specs, argc, argv, operands, 2, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, close_synopsis, ledger_summary, specs);
		return STATUS_OK;
	}
	if (operand_count != 1)
		return diag_set(d, STATUS_USAGE, "ledger close: expected one month YYYY-MM");
	if ((st = parse_month("ledger close", operands[0], &year, &month, d)))
		return st;
	date_to_civil(ctx->today, &ty, &tm, &td);
	if (year * 12 + month > ty * 12 + tm)
		return diag_set(d, STATUS_USAGE, "ledger close: expected a month that has begun, "
		                "found %s (today is %04d-%02d-%02d)", operands[0], ty, tm, td);
	ledger_stamp_now(stamp);
	if ((st = ledger_open(ledger_db_location(location), LEDGER_WRITE, &l, d)) ||
	    (st = ledger_begin_write(l, d)))
		goto done;
	st = ledger_close_month(l, year, month, ctx->today, stamp, &already, &closed, d);
	if (st == STATUS_OK)
		st = ledger_commit(l, d);
	else
		ledger_rollback(l);
	if (st != STATUS_OK)
		goto done;
	date_format(closed.closed_on, when);
	if (already)
		fprintf(ctx->out, "%s was already closed on %s: nothing changed\n", operands[0],
		        when);
	else
		cli_wrapf(ctx->out, "  ", "closed %s: %" PRId64 " entr%s, %" PRId64 " request%s, "
		          "batch %s USD, sync %s USD; from now on a batch created in %s is refused "
		          "(ledger add --adjust books it as an adjustment dated the day it is "
		          "made)", operands[0], closed.entries, closed.entries == 1 ? "y" : "ies",
		          closed.requests, closed.requests == 1 ? "" : "s",
		          cli_money_cents(closed.batch_cost, buf[0]),
		          cli_money_cents(closed.sync_cost, buf[1]), operands[0]);
done:
	ledger_close(l);
	return st;
}

/* ---- ledger export --------------------------------------------------------- */

static enum status ledger_export(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *location = NULL, *month = NULL, *since = NULL, *until = NULL;
	bool help = false, focus = false;
	const struct option_spec specs[] = {
		{"focus", 0, OPTION_FLAG, NULL, "a FinOps FOCUS 1.2 cost and usage CSV", &focus},
		{"month", 0, OPTION_VALUE, "YYYY-MM", "only entries booked in that month", &month},
		{"since", 0, OPTION_VALUE, "YYYY-MM-DD", "only entries booked on or after that day", &since},
		{"until", 0, OPTION_VALUE, "YYYY-MM-DD", "only entries booked on or before that day", &until},
		{"ledger", 0, OPTION_VALUE, "LOCATION", ledger_location_help, &location},
		{"output", 'o', OPTION_VALUE, "FILE", "write to FILE (atomically) instead of stdout", &ctx->output},
		OPTION_END,
	};
	const char *operands[1];
	int operand_count;
	struct recon_options opt;
	struct ledger *l = NULL;
	struct ledger_view v;
	enum status st;

	memset(&opt, 0, sizeof opt);
	memset(&v, 0, sizeof v);
	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, export_synopsis, ledger_summary, specs);
		return STATUS_OK;
	}
	if (operand_count)
		return diag_set(d, STATUS_USAGE, "ledger export: unexpected argument \"%s\"",
		                operands[0]);
	if (!focus)
		return diag_set(d, STATUS_USAGE, "ledger export: expected --focus (the one "
		                "format it writes)");
	if ((st = parse_period(ctx, month, since, until, &opt, d)))
		return st;
	if ((st = ledger_open(ledger_db_location(location), LEDGER_READ, &l, d)) ||
	    (st = ledger_read(l, opt.period.has ? opt.period.since : INT32_MIN,
	                      opt.period.has ? opt.period.until : DATE_OPEN_END, &v, d)))
		goto done;
	ledger_focus_write(ctx->out, &v);
done:
	ledger_view_release(&v);
	ledger_close(l);
	return st;
}

/* ---- dispatch ------------------------------------------------------------- */

static const struct {
	const char *name;
	command_fn run;
} subcommands[] = {
	{"add", ledger_add},
	{"show", ledger_show},
	{"close", ledger_close_cmd},
	{"export", ledger_export},
};

/* `ledger --help`: every subcommand's synopsis, and all their options once. */
static void print_help(FILE *out)
{
	char synopsis[2048];
	const struct option_spec all[] = {
		{"batches", 0, OPTION_VALUE, "META.json", "batch objects: created and ended dates (add)", NULL},
		{"batch-id", 0, OPTION_VALUE, "ID", "the batch the files belong to (add)", NULL},
		{"model", 0, OPTION_VALUE, "MODEL", "model of lines that name none (add)", NULL},
		{"job-pattern", 0, OPTION_VALUE, "REGEX", "job = first group of this POSIX ERE (add)", NULL},
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "date of batches --batches does not date (add)", NULL},
		{"adjust", 0, OPTION_FLAG, NULL, "record other content of a recorded batch (add)", NULL},
		{"strict", 0, OPTION_FLAG, NULL, "stop at the first malformed line (add)", NULL},
		{"threads", 0, OPTION_VALUE, "N", "threads per file (add)", NULL},
		{"prices", 0, OPTION_VALUE, "FILE", "price catalogue (add)", NULL},
		{"prices-overlay", 0, OPTION_VALUE, "FILE", "merge FILE's prices on top (add)", NULL},
		{"month", 0, OPTION_VALUE, "YYYY-MM", "only entries booked in that month (show, export)", NULL},
		{"since", 0, OPTION_VALUE, "YYYY-MM-DD", "entries booked on or after (show, export)", NULL},
		{"until", 0, OPTION_VALUE, "YYYY-MM-DD", "entries booked on or before (show, export)", NULL},
		{"by", 0, OPTION_VALUE, "KEY", "job, model, day, month or batch (show)", NULL},
		{"format", 0, OPTION_VALUE, "FORMAT", "table (default), csv or json (show)", NULL},
		{"currency", 0, OPTION_VALUE, "CODE", "show money in CODE (show)", NULL},
		{"fx", 0, OPTION_VALUE, "FILE", "dated rates: CSV date,currency,rate (show)", NULL},
		{"fx-rate", 0, OPTION_VALUE, "RATE", "one rate for every date (show)", NULL},
		{"focus", 0, OPTION_FLAG, NULL, "a FinOps FOCUS 1.2 CSV (export)", NULL},
		{"ledger", 0, OPTION_VALUE, "LOCATION", ledger_location_help, NULL},
		{"output", 'o', OPTION_VALUE, "FILE", "write to FILE (show, export)", NULL},
		OPTION_END,
	};

	snprintf(synopsis, sizeof synopsis, "%s\n       %s\n       %s\n       %s",
	         ledger_add_synopsis, show_synopsis, close_synopsis, export_synopsis);
	options_print_help(out, synopsis, ledger_summary, all);
}

enum status cmd_ledger(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *name = argc > 1 ? argv[1] : NULL;

	if (!name)
		return diag_set(d, STATUS_USAGE, "ledger: expected add, show, close or export "
		                "(see 'batchcalc ledger --help')");
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
		print_help(ctx->out);
		return STATUS_OK;
	}
	for (size_t i = 0; i < sizeof subcommands / sizeof subcommands[0]; i++)
		if (strcmp(name, subcommands[i].name) == 0)
			return subcommands[i].run(argc - 1, argv + 1, ctx, d);
	return diag_set(d, STATUS_USAGE, "ledger: expected add, show, close or export, "
	                "found \"%s\"", name);
}
