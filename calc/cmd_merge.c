/* batchcalc merge: the reduce step over summaries written by reconcile --emit-summary. */
#include "commands.h"

#include "recon_report.h"
#include "recon_summary.h"

#include <string.h>

static const char synopsis[] =
	"batchcalc merge SUMMARY... [--as-of YYYY-MM-DD]\n"
	"                       [--group-by job|model|day|month|batch]\n"
	"                       [--min-success RATE] [--emit-summary FILE]\n"
	"                       [--currency CODE --fx FILE|--fx-rate RATE]\n"
	"                       [--format table|csv|json] [--prices FILE] [-o FILE]";

static const char summary[] =
	"Combines the summaries that 'batchcalc reconcile --emit-summary' wrote for\n"
	"shards of the results (one per map task) and prints the same report one\n"
	"reconcile over all of them prints, duplicate keys across shards included.\n"
	"Prices are applied here, at each bucket's price date.";

enum status cmd_merge(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *emit = NULL;
	struct recon_flags flags = {0};
	bool help = false;
	const struct option_spec specs[] = {
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "date in the stamp (default today)", &flags.as_of},
		{"group-by", 0, OPTION_VALUE, "KEY", "job (default), model, day, month or batch", &flags.group},
		{"min-success", 0, OPTION_VALUE, "RATE", "exit 6 when the success rate is below RATE (0..1)", &flags.min_success},
		CLI_CURRENCY_OPTIONS(&flags.currency, &flags.fx, &flags.fx_rate),
		{"emit-summary", 0, OPTION_VALUE, "FILE", "also write the merged summary", &emit},
		CLI_OUTPUT_OPTIONS(&flags.format, &flags.prices, ctx),
		OPTION_END,
	};
	const char *operands[64];
	int operand_count;
	struct recon_options opt;
	struct recon_run run;
	struct keyset *keys = NULL;
	enum status st;

	memset(&opt, 0, sizeof opt);
	memset(&run, 0, sizeof run);
	if ((st = options_parse(specs, argc, argv, operands, 64, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if (operand_count == 0)
		return diag_set(d, STATUS_USAGE, "merge: expected at least one SUMMARY file");
	if ((st = recon_options_parse(ctx, &flags, &opt, d)))
		return st;
	recon_run_init(&run);
	/* The same fixed set as reconcile: duplicates across shards are found too. */
	if (!(keys = keyset_new(KEYSET_DEFAULT_BITS)))
		st = diag_set(d, STATUS_IO, "out of memory");
	for (int i = 0; i < operand_count && st == STATUS_OK; i++)
		st = recon_summary_read(operands[i], &run, keys, d);
	if (st == STATUS_OK && emit)
		st = recon_summary_write(emit, &run, keys, d);
	if (st == STATUS_OK)
		st = recon_report(ctx, &run, &opt, d);
	keyset_free(keys);
	recon_run_release(&run);
	return st;
}
