/*
 * batchcalc: what LLM inference costs on the real-time API and on the Batch
 * API, what that does to gross margin, and what batches actually cost.
 *
 * main() dispatches to one cmd_<name>() per command (calc/commands.h). A
 * command writes its result into a memory buffer; only when it succeeds is the
 * buffer written to stdout or, atomically, to -o FILE, so a failure never
 * leaves partial output. Errors go to stderr as "batchcalc: MESSAGE" with the
 * exit codes listed in the README.
 */
#include "catalogue_load.h"
#include "commands.h"
#include "files.h"
#include "../models/number.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct command {
	const char *name;
	command_fn run;
	const char *summary;
} commands[] = {
	{"quote", cmd_quote, "price one request, sync or batch"},
	{"estimate", cmd_estimate, "monthly sync, batch and hybrid cost of a workload profile"},
	{"margin", cmd_margin, "gross margin, runway and payback of moving inference to batch"},
	{"plan", cmd_plan, "batch packing, rate-limit fit, growth and payback of a profile"},
	{"sla", cmd_sla, "turnaround SLAs: chance a deadline is met, cost of a target"},
	{"reconcile", cmd_reconcile, "what batches cost, from their results files"},
	{"merge", cmd_merge, "combine reconcile --emit-summary files (shards)"},
	{"ledger", cmd_ledger, "record reconciled batches; show, close and export months"},
	{"bill", cmd_bill, "the provider's bill against the results, cause by cause"},
	{"report", cmd_report, "write CSV tables, gnuplot charts and an HTML summary"},
	{"profile", cmd_profile, "a workload profile from the providers' usage reports"},
	{"prices", cmd_prices, "list, show, check, import or diff price catalogues"},
};

#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void print_usage(FILE *out)
{
	fprintf(out,
	        "usage: batchcalc COMMAND [OPTIONS] [ARGS]\n"
	        "       batchcalc COMMAND --help\n"
	        "       batchcalc --version\n\n"
	        "Exact sync vs Batch API costs for LLM inference.\n\ncommands:\n");
	for (size_t i = 0; i < COMMAND_COUNT; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out, "\nexit codes: 0 ok, 1 I/O or internal error, 2 usage, 3 bad input,\n"
	             "  4 unknown model or no price, 5 overflow, 6 a requested check failed,\n"
	             "  7 the ledger refused\n");
}

/* Today in UTC; SOURCE_DATE_EPOCH (the reproducible-builds convention) pins
 * it, so that golden tests and re-runs of a report give the same figures.
 * A value that is not whole seconds since 1970 is an error, never ignored:
 * figures priced "today" instead of the pinned day would silently differ. An
 * empty value is unset. */
static enum status today(date_days *out, struct diag *d)
{
	const char *pinned = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	struct tm tm;

	if (pinned && *pinned) {
		int64_t v;
		const char *why;
		/* 253402300799 is 9999-12-31T23:59:59Z, the last day dates hold. */
		if (!number_parse_int64(pinned, 0, 253402300799LL, &v, &why))
			return diag_set(d, STATUS_USAGE, "SOURCE_DATE_EPOCH: expected whole "
			                "seconds since 1970-01-01 UTC, found \"%.60s\" (%s)",
			                pinned, why);
		now = (time_t)v;
	}
	gmtime_r(&now, &tm);
	*out = date_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return STATUS_OK;
}

/* The version and the date of the built-in catalogue's prices, so a report
 * can be traced to the data that produced it. */
static int print_version(struct diag *d)
{
	struct catalogue cat;

	if (catalogue_load_builtin(&cat, d) != STATUS_OK) {
		fprintf(stderr, "batchcalc: %s\n", d->text);
		return EXIT_IO;
	}
	printf("batchcalc %s\nbuilt-in catalogue %s (sha256 %s)\n", BATCHCALC_VERSION,
	       cat.version, cat.checksum);
	catalogue_release(&cat);
	return EXIT_OK;
}

static int finish(struct cli *ctx, char *buffer, size_t size, enum status st,
                  struct diag *d)
{
	/* A failed check (exit 6) still delivers the report it judged; a
	 * report of everything that could be priced, some usage not, is
	 * delivered too, and exit 4 says what is in none of its figures
	 * (models/pricing.h: whatever the command, one rule). */
	if (st == STATUS_OK || st == STATUS_THRESHOLD) {
		enum status failed = st;
		if (pricing_unpriced_count(&ctx->pricing))
			failed = pricing_unpriced_status(&ctx->pricing, d);
		st = STATUS_OK;
		if (ctx->output)
			st = file_write_atomic(ctx->output, buffer, size, d);
		else if (fwrite(buffer, 1, size, stdout) != size || fflush(stdout) != 0)
			st = diag_set(d, STATUS_IO, "cannot write to standard output");
		if (st == STATUS_OK)
			st = failed;
	}
	/* Warnings not printed yet come before the error, as they were met first. */
	cli_print_warnings(ctx);
	if (st != STATUS_OK) {
		/* FILE:LINE:COL and what was expected stay on the first line. */
		char text[sizeof d->text + 16];
		snprintf(text, sizeof text, "batchcalc: %s", d->text);
		cli_wrap(stderr, text, CLI_WIDTH, "  ");
	}
	free(buffer);
	cli_release(ctx);
	return cli_exit_code(st);
}

int main(int argc, char **argv)
{
	struct cli ctx;
	struct diag d;
	char *buffer = NULL;
	size_t size = 0;
	const char *name = argc > 1 ? argv[1] : NULL;
	date_days day = 0;
	enum status st;

	memset(&d, 0, sizeof d);
	/* "batchcalc help help" and "batchcalc help --help" are the usage. */
	if (name && strcmp(name, "help") == 0 && argc > 2 &&
	    (strcmp(argv[2], "help") == 0 || strcmp(argv[2], "--help") == 0 ||
	     strcmp(argv[2], "-h") == 0))
		argc = 2;
	if (name && strcmp(name, "help") == 0 && argc > 2) {
		/* "batchcalc help CMD" is "batchcalc CMD --help". */
		static char help_flag[] = "--help";
		argv[1] = argv[2];
		argv[2] = help_flag;
		argc = 3;
		name = argv[1];
	} else if (!name || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
	           strcmp(name, "help") == 0) {
		print_usage(name ? stdout : stderr);
		return name ? EXIT_OK : EXIT_USAGE;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0)
		return print_version(&d);
	for (size_t i = 0; i < COMMAND_COUNT; i++) {
		if (strcmp(name, commands[i].name) != 0)
			continue;
		if ((st = today(&day, &d))) {
			fprintf(stderr, "batchcalc: %s\n", d.text);
			return cli_exit_code(st);
		}
		cli_init(&ctx, day);
		ctx.out = open_memstream(&buffer, &size);
		if (!ctx.out) {
			fprintf(stderr, "batchcalc: out of memory\n");
			return EXIT_IO;
		}
		st = commands[i].run(argc - 1, argv + 1, &ctx, &d);
		if (fclose(ctx.out) != 0 && st == STATUS_OK)
			st = diag_set(&d, STATUS_IO, "out of memory");
		return finish(&ctx, buffer, size, st, &d);
	}
	fprintf(stderr, "batchcalc: unknown command \"%s\" (see 'batchcalc --help')\n",
	        name);
	return EXIT_USAGE;
}
