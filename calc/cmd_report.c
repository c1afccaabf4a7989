/*
 * batchcalc report: a report pack (CSV, gnuplot charts, index.html) of a
 * profile, written all or nothing into a directory (calc/report.h).
 *
 * This file reads the flags and the inputs and computes the figures every
 * section reads (struct report_input); what goes in the pack, its tables
 * and charts, is calc/report_sections.c. A new chart is one more section (or
 * one more table in a section) and one more chart description there.
 */
#include "commands.h"

#include "latency.h"
#include "ledger_report.h"
#include "recon_read.h"
#include "recon_report.h"
#include "report_bill.h"
#include "report_sections.h"
#include "tz.h"

#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc report [PROFILE] [-o DIR] [plan flags] [business flags]\n"
	"                        [--currency CODE --fx FILE | --fx-rate RATE]\n"
	"                        [--submit HH:MM --deadline HH:MM|Nh [--next-day]\n"
	"                         [--days DAYS] [--tz ZONE]]\n"
	"                        [--results FILE]... [--batches META.json]\n"
	"                        [--job-pattern REGEX] [--model MODEL]\n"
	"                        [--ledger LOCATION [--month YYYY-MM] [--forecast PROFILE]]\n"
	"                        [--since YYYY-MM-DD] [--until YYYY-MM-DD]\n"
	"                        [--bill COSTFILE]...\n"
	"                        [--as-of YYYY-MM-DD] [--month-days N] [--prices FILE]\n"
	"                        [--gnuplot PROGRAM]";

static const char summary[] =
	"Writes a report pack of PROFILE (default: the seed article's scenarios,\n"
	"built in) into DIR (default reports/): one CSV per table, summary.json, a\n"
	"data file and gnuplot script per chart rendered to PNG and SVG, and\n"
	"index.html. Files of the previous report in DIR are replaced only when the\n"
	"whole pack is written; other files in DIR are left alone. A JSON profile's\n"
	"\"business\" section (or the business flags, as for margin) adds gross\n"
	"margin, payback and runway; its \"plan\" section (or the plan flags, as for\n"
	"plan: --tier, --window-hours, --growth, ...) sets the limits and the growth\n"
	"projection. --submit and --deadline (as for sla, mon-fri unless --days) add\n"
	"the deadline and turnaround charts.\n"
	"--results (batch results files, read as reconcile reads them) adds the\n"
	"reconciled cost by job and each workload of PROFILE against its job;\n"
	"--ledger draws the same from the spend ledger's recorded figures, and each\n"
	"month of it against the forecast (--forecast PROFILE, default PROFILE).\n"
	"--bill (the provider's cost report, repeat it for usage reports and more\n"
	"pages) adds the bill check of batchcalc bill against --results or\n"
	"--ledger, whichever is given: billed, explained, the difference by cause,\n"
	"and billed vs explained by day.";

static void print_result(FILE *out, const struct report *r, const char *dir,
                         const struct report_result *res)
{
	const char *sep = dir[strlen(dir) - 1] == '/' ? "" : "/";

	fprintf(out, "%s\n", r->title);
	cli_wrap(out, r->stamp_text, CLI_WIDTH, "  ");
	fprintf(out, "\nwrote %s%sindex.html and:\n", dir, sep);
	for (int i = 0; i < res->file_count; i++)
		if (strcmp(res->files[i], "index.html") != 0)
			fprintf(out, "  %s%s%s\n", dir, sep, res->files[i]);
	fprintf(out, "  %s%s%s (the files above, for the next report)\n", dir, sep,
	        REPORT_MANIFEST);
	for (int i = 0; i < r->note_count; i++) {
		if (i == 0)
			fputc('\n', out);
		cli_wrap(out, r->notes[i], CLI_WIDTH, "  ");
	}
	if (!res->rendered && r->chart_count > 0) {
		fprintf(out, "\ncharts not rendered (gnuplot not found); to render them:\n"
		             "  cd %s", dir);
		for (int i = 0; i < r->chart_count; i++)
			fprintf(out, " &&\n    gnuplot %s.gp", r->charts[i]->name);
		fputc('\n', out);
	}
}

/* --submit, --deadline, --tz, --next-day, --days: all or none of the
 * schedule (--tz alone is a mistake, not a default). Weekdays, one batch, as
 * `sla` by default. */
static enum status sla_flags(struct report_input *in, const char *submit,
                             const char *deadline, const char *zone, bool next_day,
                             const char *days, struct diag *d)
{
	struct sla_run *s = &in->sla;
	enum status st;

	if (!submit && !deadline) {
		const char *alone = zone ? "--tz" : next_day ? "--next-day" : days ? "--days"
		                    : NULL;
		if (alone)
			return diag_set(d, STATUS_USAGE, "%s: expected with --submit and "
			                "--deadline, found it alone", alone);
		return STATUS_OK;
	}
	if (!submit || !deadline)
		return diag_set(d, STATUS_USAGE, "expected --submit HH:MM and --deadline "
		                "HH:MM|Nh together, found %s missing",
		                !submit ? "--submit" : "--deadline");
	if (!schedule_parse_clock(submit, &s->submit_minute))
		return diag_set(d, STATUS_USAGE, "--submit: expected a local time HH:MM "
		                "(00:00 to 23:59), found \"%s\"", submit);
	s->zone = zone ? zone : "UTC";
	s->batches = 1;
	s->next_day = next_day;
	if ((st = schedule_parse_deadline(s, deadline, d)) ||
	    (st = tz_check(s->zone, d)) ||
	    (st = schedule_parse_days(days ? days : "mon-fri", s->days, d)))
		return st;
	in->has_sla = true;
	return STATUS_OK;
}

/* The built-in latency profile under Anthropic's expiry on the as-of date,
 * then sla's own figures for the schedule. */
static enum status sla_setup(struct cli *ctx, struct sla_run *s, struct diag *d)
{
	const struct batch_limits *limits;
	enum status st;

	s->latency_origin = LATENCY_BUILTIN_ORIGIN;
	if ((st = latency_load_builtin(&s->profile, d)))
		return st;
	s->provider = catalogue_provider(&ctx->pricing.catalogue, "anthropic");
	limits = s->provider ? provider_batch_limits_on(s->provider, s->as_of) : NULL;
	if (!limits || limits->expiry_hours <= 0)
		return diag_set(d, STATUS_UNKNOWN_MODEL, "anthropic: expected batch "
		                "limits with an expiry in force on the --as-of date, "
		                "found none");
	s->profile.expiry_hours = (double)limits->expiry_hours;
	if ((st = schedule_build(s, d)))
		return st;
	return schedule_find_best(s, d);
}

/* --batches, --job-pattern and --model only say how to read --results;
 * --since and --until pick the batches of --results or the ledger's entries;
 * --month and --forecast go with --ledger. */
static enum status results_flags(struct report_input *in,
                                 const struct option_list *results,
                                 const struct recon_read_options *ro,
                                 const char *since, const char *until,
                                 const char *ledger, const char *month,
                                 const char *forecast, struct diag *d)
{
	const char *alone = ro->batches ? "--batches" : ro->job_pattern
	                    ? "--job-pattern" : ro->model ? "--model" : NULL;
	const char *period = since ? "--since" : until ? "--until" : NULL;

	if (ledger && results->count > 0)
		return diag_set(d, STATUS_USAGE, "--ledger: expected instead of --results "
		                "(one source of actual figures), found both");
	if (ledger && alone)
		return diag_set(d, STATUS_USAGE, "%s: expected with --results FILE, found it "
		                "with --ledger (the ledger's batches are read already)", alone);
	if (!ledger && (month || forecast))
		return diag_set(d, STATUS_USAGE, "%s: expected with --ledger LOCATION, found "
		                "it alone", month ? "--month" : "--forecast");
	if (month && period)
		return diag_set(d, STATUS_USAGE, "--month: expected alone, found with %s",
		                period);
	if (results->count == 0 && !ledger && (alone || period))
		return diag_set(d, STATUS_USAGE, "%s: expected with --results FILE, found "
		                "it alone", alone ? alone : period);
	in->has_results = results->count > 0 || ledger;
	return STATUS_OK;
}

/* One month of the ledger against one forecast month, summed over workloads. */
static enum status ledger_month(struct cli *ctx, struct report_input *in,
                                const struct ledger_view *v,
                                struct report_ledger_month *m, struct diag *d)
{
	int y = m->month / 12, mo = m->month % 12 + 1;
	date_days first = date_from_civil(y, mo, 1);
	struct recon_run run;
	struct recon_figures f;
	bool overflow = false;
	enum status st;

	/* The ledger's money is recorded; a forecast workload no price covers
	 * is listed (exit 4) and left out of the month's forecast and split. */
	if ((st = ledger_report_run(v, first, first + date_days_in_month(y, mo) - 1, &run,
	                            d)) == STATUS_OK &&
	    ((st = recon_figures_compute_partial(&ctx->pricing, &run, GROUP_JOB, in->forecast,
	                                         &f, d)) == STATUS_OK ||
	     st == STATUS_UNKNOWN_MODEL)) {
		st = STATUS_OK;
		m->actual = f.total;
		for (size_t w = 0; w < in->forecast->count; w++) {
			money parts[VARIANCE_FIGURES];
			if (f.forecast[w].forecast_unpriced) {
				m->forecast_unpriced++;
				continue;
			}
			variance_figures(&f.forecast[w].v, parts);
			for (int k = 0; k < VARIANCE_FIGURES; k++)
				m->parts[k] = money_add(m->parts[k], parts[k], &overflow);
		}
		recon_figures_release(&f);
		if (overflow)
			st = diag_set(d, STATUS_OVERFLOW, "a month's forecast does not fit");
	}
	recon_run_release(&run);
	return st;
}

/*
 * The ledger's entries of the period, as `ledger show` reads them (their
 * recorded money, never priced again), against the forecast as `reconcile
 * --forecast` sets them, and each month of them against one forecast month.
 */
static enum status ledger_read_report(struct cli *ctx, struct report_input *in,
                                      const char *location, const char *month,
                                      const char *since, const char *until,
                                      struct diag *d)
{
	struct recon_period period;
	struct ledger *l = NULL;
	struct ledger_view v;
	int months[240];
	char text[64];
	enum status st;

	memset(&v, 0, sizeof v);
	if (month) {
		char first[DATE_TEXT_SIZE];
		const char *why;
		snprintf(first, sizeof first, "%.7s-01", month);
		if (strlen(month) != 7 || !date_parse(first, &period.since, &why))
			return diag_set(d, STATUS_USAGE, "--month: expected a month YYYY-MM, "
			                "found \"%s\"", month);
		period.has = true;
		period.until = period.since + date_days_in_month(atoi(month), atoi(month + 5)) - 1;
	} else if ((st = recon_period_parse(ctx, since, until, &period, d))) {
		return st;
	}
	if ((st = ledger_open(ledger_db_location(location), LEDGER_READ, &l, d)) ||
	    (st = ledger_read(l, period.has ? period.since : INT32_MIN,
	                      period.has ? period.until : DATE_OPEN_END, &v, d)) ||
	    (st = ledger_report_run(&v, INT32_MIN, DATE_OPEN_END, &in->run, d)) ||
	    ((st = recon_figures_compute_partial(&ctx->pricing, &in->run, GROUP_JOB,
	                                         in->forecast, &in->recon, d)) &&
	     st != STATUS_UNKNOWN_MODEL))
		goto done;
	st = STATUS_OK; /* what no price covers is listed: the rest is shown */
	snprintf(in->period_note, sizeof in->period_note, "Reconciled cost: from the "
	         "spend ledger %s (%zu entr%s booked %s), the figures recorded when each "
	         "batch was added.", ledger_where(l), v.entry_count,
	         v.entry_count == 1 ? "y" : "ies",
	         period.has ? recon_period_text(&period, text) : "at any date");
	in->month_count = ledger_report_months(&v, months, sizeof months / sizeof months[0]);
	if (!(in->months = calloc(in->month_count ? in->month_count : 1, sizeof *in->months))) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < in->month_count && st == STATUS_OK; i++) {
		in->months[i].month = months[i];
		st = ledger_month(ctx, in, &v, &in->months[i], d);
	}
done:
	ledger_view_release(&v);
	ledger_close(l);
	return st;
}

/* The results files read and priced as `reconcile FILES --forecast PROFILE`
 * does: the report's profile is the forecast, at its as-of prices. */
static enum status results_read(struct cli *ctx, struct report_input *in,
                                const struct option_list *results,
                                const struct recon_read_options *ro,
                                const char *since, const char *until,
                                struct diag *d)
{
	struct recon_read_options read = *ro;
	struct keyset *keys;
	enum status st;

	read.as_of = in->as_of;
	if ((st = recon_period_parse(ctx, since, until, &read.period, d)))
		return st;
	if (!(keys = keyset_new(KEYSET_DEFAULT_BITS)))
		return diag_set(d, STATUS_IO, "out of memory");
	st = recon_read(&ctx->pricing, results->items, results->count, &read, keys,
	                &in->run, d);
	keyset_free(keys);
	/* Usage no price covers is listed and recorded (exit 4), the rest
	 * reconciled: the report shows everything it can price. */
	if (st == STATUS_OK &&
	    (st = recon_figures_compute_partial(&ctx->pricing, &in->run, GROUP_JOB,
	                                        in->forecast, &in->recon, d)) ==
	    STATUS_UNKNOWN_MODEL)
		st = STATUS_OK;
	if (st == STATUS_OK && read.period.has) {
		char period[64];
		snprintf(in->period_note, sizeof in->period_note, "Reconciled cost: "
		         "batches created %s only; %zu --results file%s read, %zu "
		         "outside the period not read.", recon_period_text(&read.period, period),
		         in->run.file_count, in->run.file_count == 1 ? "" : "s",
		         in->run.outside_count);
	}
	return st;
}

enum status cmd_report(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *as_of = NULL, *month_days = NULL, *prices = NULL;
	const char *submit = NULL, *deadline = NULL, *zone = NULL, *days = NULL;
	const char *currency = NULL, *fx_file = NULL, *fx_rate = NULL;
	bool next_day = false;
	struct plan_flags pf = {0};
	struct business_flags bf = {0};
	const char *since = NULL, *until = NULL;
	const char *ledger = NULL, *month = NULL, *forecast = NULL;
	struct profile forecast_profile;
	struct option_list results = {{NULL}, 0}, bill = {{NULL}, 0};
	struct report_bill rb;
	struct recon_read_options ro = {0};
	struct report_options opt = {"reports", "gnuplot"};
	bool help = false;
	const struct option_spec specs[] = {
		{"output", 'o', OPTION_VALUE, "DIR", "write the pack into DIR (default reports)", &opt.dir},
		{"submit", 0, OPTION_VALUE, "HH:MM", "local submission time of the batches (sla)", &submit},
		{"deadline", 0, OPTION_VALUE, "HH:MM|Nh", "local deadline, or hours after submission", &deadline},
		{"next-day", 0, OPTION_FLAG, NULL, "the HH:MM deadline is on the day after submission", &next_day},
		{"days", 0, OPTION_VALUE, "DAYS", "submission weekdays (default mon-fri)", &days},
		{"tz", 0, OPTION_VALUE, "ZONE", "IANA time zone of the times (default UTC)", &zone},
		{"results", 0, OPTION_LIST, "FILE", "a batch results file to reconcile (repeatable)", &results},
		{"batches", 0, OPTION_VALUE, "META.json", "batch objects: created dates and counts to check", &ro.batches},
		{"job-pattern", 0, OPTION_VALUE, "REGEX", "job = first group of this POSIX ERE in the key", &ro.job_pattern},
		{"model", 0, OPTION_VALUE, "MODEL", "model of result lines that name none (Bedrock, Gemini)", &ro.model},
		{"ledger", 0, OPTION_VALUE, "LOCATION", "actuals from the spend ledger (SQLite file or postgresql:// URI)", &ledger},
		{"month", 0, OPTION_VALUE, "YYYY-MM", "only ledger entries booked in that month", &month},
		{"forecast", 0, OPTION_VALUE, "PROFILE", "forecast each ledger month is set against (default PROFILE)", &forecast},
		{"bill", 0, OPTION_LIST, "COSTFILE", "the provider's cost report (repeatable): a bill check", &bill},
		{"since", 0, OPTION_VALUE, "YYYY-MM-DD", "only results of batches created on or after that day", &since},
		{"until", 0, OPTION_VALUE, "YYYY-MM-DD", "only results of batches created on or before that day", &until},
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "price on that day (default today)", &as_of},
		{"month-days", 0, OPTION_VALUE, "N", "days in a month (default 30)", &month_days},
		{"prices", 0, OPTION_VALUE, "FILE", "price catalogue (default: built-in)", &prices},
		{"prices-overlay", 0, OPTION_VALUE, "FILE", "merge FILE's prices and aliases on top", &ctx->overlay},
		{"gnuplot", 0, OPTION_VALUE, "PROGRAM", "render charts with PROGRAM (default gnuplot)", &opt.gnuplot},
		PLAN_OPTIONS(pf),
		BUSINESS_OPTIONS(bf),
		CLI_CURRENCY_OPTIONS(&currency, &fx_file, &fx_rate),
		OPTION_END,
	};
	const char *operands[1];
	int operand_count;
	struct report_input in;
	struct report r;
	struct report_result res;
	char title[512];
	enum status st;

	memset(&in, 0, sizeof in);
	in.ctx = ctx;
	in.pricing = &ctx->pricing;
	memset(&res, 0, sizeof res);
	memset(&forecast_profile, 0, sizeof forecast_profile);
	memset(&rb, 0, sizeof rb);
	plan_init(&in.plan);
	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if (!*opt.dir)
		return diag_set(d, STATUS_USAGE, "-o: expected a directory, found \"\"");
	if ((st = sla_flags(&in, submit, deadline, zone, next_day, days, d)) ||
	    (st = results_flags(&in, &results, &ro, since, until, ledger, month, forecast, d)))
		return st;
	/* A bad plan flag is a usage error, said before any file is read; the
	 * flags are applied once the profile's plan section is (below). */
	if ((st = plan_parse_flags(&in.plan, &pf, d)))
		return st;
	if ((st = cli_parse_date(ctx, "as-of", as_of, &in.as_of, d)) ||
	    (st = cli_parse_month_days(month_days, &in.month_days, d)) ||
	    (st = cli_parse_currency(ctx, currency, fx_file, fx_rate, d)) ||
	    (st = cli_load_catalogue(ctx, prices, d)))
		return st;
	ctx->pricing.day = in.as_of;
	st = operand_count ? profile_load_file(operands[0], &in.profile, d)
	                   : profile_load_builtin(&in.profile, d);
	if (st == STATUS_OK)
		st = pricing_day_compute_partial(&ctx->pricing, in.profile.workloads,
		                                 in.profile.count, in.profile.origin,
		                                 in.month_days, &in.est, d);
	cli_print_warnings(ctx); /* the estimate's, before the results' own */
	in.forecast = &in.profile;
	if (st == STATUS_OK && forecast &&
	    (st = profile_load_file(forecast, &forecast_profile, d)) == STATUS_OK)
		in.forecast = &forecast_profile;
	/* Before the plan: a wrong results file is said before its warnings. */
	if (st == STATUS_OK && ledger)
		st = ledger_read_report(ctx, &in, ledger, month, since, until, d);
	else if (st == STATUS_OK && in.has_results)
		st = results_read(ctx, &in, &results, &ro, since, until, d);
	if (st == STATUS_OK && bill.count > 0 &&
	    (st = report_bill_compute(ctx, &in, &bill, ledger, month, since, until, &rb,
	                              d)) == STATUS_OK)
		in.bill = &rb;
	if (st == STATUS_OK)
		st = business_load(&in.profile, &bf, &in.business, d);
	/* plan's own model on the same profile and figures (shared, not copied:
	 * the report owns them); the flag beats the profile's plan section. */
	in.plan.profile = in.profile;
	in.plan.business = in.business;
	in.plan.as_of = in.as_of;
	in.plan.month_days = in.month_days;
	in.sla.as_of = in.as_of;
	/* The flags beat the profile's plan section, as in `plan`. */
	if (st == STATUS_OK && (st = plan_load_section(&in.plan, d)) == STATUS_OK)
		st = plan_parse_flags(&in.plan, &pf, d);
	cli_print_warnings(ctx); /* the results' before the plan's */
	if (st == STATUS_OK)
		st = plan_compute(&ctx->pricing, &in.plan, &in.est, d);
	cli_print_warnings(ctx); /* before gnuplot's */
	if (st == STATUS_OK && in.has_sla)
		st = sla_setup(ctx, &in.sla, d);
	if (st != STATUS_OK) {
		report_bill_release(&rb);
		recon_figures_release(&in.recon);
		recon_run_release(&in.run);
		free(in.months);
		profile_release(&forecast_profile);
		free(in.sla.subs);
		plan_release(&in.plan);
		pricing_day_release(&in.est);
		profile_release(&in.profile);
		return st;
	}
	{
		/* The file's name, not where it sat on the machine that made the
		 * pack: the page is shown to people who never saw that path. */
		const char *slash = strncmp(in.profile.origin, "built-in ", 9) == 0
		                    ? NULL : strrchr(in.profile.origin, '/');
		snprintf(title, sizeof title, "Monthly cost of %s",
		         slash && slash[1] ? slash + 1 : in.profile.origin);
	}
	report_init(&r, title, ctx, in.as_of, &in.month_days);
	st = report_sections_build(&r, &in, d);
	/* The stamp names the exchange rates the figures used. */
	if (st == STATUS_OK)
		report_restamp(&r, ctx, in.as_of, &in.month_days);
	if (st == STATUS_OK)
		st = report_write(&r, &opt, &res, d);
	if (st == STATUS_OK) {
		if (!res.rendered && r.chart_count > 0)
			cli_warn("%s not found: charts not rendered (scripts written)",
			         opt.gnuplot);
		print_result(ctx->out, &r, opt.dir, &res);
	}
	report_result_release(&res);
	report_release(&r);
	report_bill_release(&rb);
	recon_figures_release(&in.recon);
	recon_run_release(&in.run);
	free(in.months);
	profile_release(&forecast_profile);
	free(in.sla.subs);
	plan_release(&in.plan);
	pricing_day_release(&in.est);
	profile_release(&in.profile);
	return st;
}
