/*
 * batchcalc reconcile: what batches actually cost, from their results files
 * (read by calc/recon_read.c, priced by calc/recon_figures.c, written by
 * calc/recon_report.c; --emit-summary by calc/recon_summary.c),
 * and the requests to retry.
 */
#include "commands.h"

#include "recon_read.h"
#include "recon_report.h"
#include "recon_summary.h"
#include "keyset.h"
#include "../models/jscan.h"
#include "../models/number.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char synopsis[] =
	"batchcalc reconcile FILE... [--as-of YYYY-MM-DD] [--batch-id ID]\n"
	"                           [--batches META.json] [--model MODEL]\n"
	"                           [--job-pattern REGEX] [--forecast PROFILE]\n"
	"                           [--requests FILE --retry-out FILE]\n"
	"                           [--group-by job|model|day|month|batch]\n"
	"                           [--min-success RATE] [--strict] [--threads N]\n"
	"                           [--since YYYY-MM-DD] [--until YYYY-MM-DD]\n"
	"                           [--currency CODE --fx FILE|--fx-rate RATE]\n"
	"                           [--emit-summary FILE] [--format table|csv|json]\n"
	"                           [--prices FILE] [-o FILE]";

static const char summary[] =
	"Reads batch results files (Anthropic Message Batches results, OpenAI Batch\n"
	"output and error files, Gemini batch output, Bedrock .jsonl.out; .gz read\n"
	"transparently, '-' for standard input) and reports requests by outcome,\n"
	"tokens by model in exclusive classes, the batch cost as billed and the sync\n"
	"cost of the same tokens, cost by job, and failures by type. Malformed lines\n"
	"are reported as FILE:LINE:COLUMN and skipped (--strict stops at the first).\n"
	"A batch is priced, and converted with --currency, on its created date\n"
	"(--batches; otherwise --as-of). --since/--until keep the batches created\n"
	"in the period (both days included; --batches must date every file) and\n"
	"group by month unless --group-by says otherwise.";

/*
 * Copies the requests of the original batch input file whose result is
 * missing, expired, canceled or a retryable failure to `out`, byte for byte,
 * as a ready batch input file. Written to a temporary file beside `out` and
 * renamed, so a failure leaves no half file.
 */
static enum status write_retry(const struct keyset *keys, struct recon_run *run,
                               struct diag *d)
{
	static const char *const key_path[] = {"custom_id"};
	const char *in_path = run->retry.requests, *out_path = run->retry.out;
	struct jscan js;
	struct jscan_value key;
	struct jscan_error err;
	char tmp[4096], *line = NULL, text[512];
	size_t cap = 0;
	ssize_t len;
	int64_t number = 0;
	enum status st = STATUS_OK;
	FILE *in, *out;
	int fd;

	if (run->unchecked_keys)
		return diag_set(d, STATUS_INPUT, "--retry-out: more keys than the set "
		                "holds (%zu), so missing results cannot be told apart",
		                keyset_capacity(keys));
	if (!(in = fopen(in_path, "rb")))
		return diag_set(d, STATUS_INPUT, "%s: cannot open: %s", in_path, strerror(errno));
	snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", out_path);
	if ((fd = mkstemp(tmp)) < 0 || !(out = fdopen(fd, "wb"))) {
		if (fd >= 0)
			close(fd);
		fclose(in);
		return diag_set(d, STATUS_IO, "%s: cannot create: %s", out_path, strerror(errno));
	}
	jscan_compile(&js, key_path, 1);
	while (st == STATUS_OK && (len = getline(&line, &cap, in)) > 0) {
		const char *end = line + len;
		number++;
		while (end > line && (end[-1] == '\n' || end[-1] == '\r'))
			end--;
		if (end == line)
			continue;
		if (!jscan_scan(&js, line, end, &key, &err))
			st = diag_set(d, STATUS_INPUT, "%s:%" PRId64 ":%zu: expected %s", in_path,
			              number, err.offset + 1, err.expected);
		else if (key.kind != JSCAN_STRING || jscan_string(&key, text, sizeof text) < 0)
			st = diag_set(d, STATUS_INPUT, "%s:%" PRId64 ":1: expected a request with "
			              "a custom_id of at most 511 bytes", in_path, number);
		else if (!keyset_marked(keys, keyset_hash(text, strlen(text)))) {
			if (fwrite(line, 1, (size_t)(end - line), out) != (size_t)(end - line) ||
			    fputc('\n', out) == EOF)
				st = diag_set(d, STATUS_IO, "%s: cannot write", out_path);
			run->retry.written++;
		}
	}
	if (st == STATUS_OK && ferror(in))
		st = diag_set(d, STATUS_INPUT, "%s: cannot read", in_path);
	free(line);
	fclose(in);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0)
		st = st ? st : diag_set(d, STATUS_IO, "%s: cannot write", out_path);
	fclose(out);
	if (st == STATUS_OK && rename(tmp, out_path) != 0)
		st = diag_set(d, STATUS_IO, "%s: cannot write: %s", out_path, strerror(errno));
	if (st != STATUS_OK)
		unlink(tmp);
	return st;
}

enum status cmd_reconcile(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *forecast = NULL, *requests = NULL, *retry_out = NULL,
	           *threads_text = NULL, *emit = NULL;
	struct recon_flags flags = {0};
	struct recon_read_options ro = {0};
	bool help = false;
	const struct option_spec specs[] = {
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "price files of unknown date on that day (default today)", &flags.as_of},
		{"batches", 0, OPTION_VALUE, "META.json", "batch objects: created dates and counts to check", &ro.batches},
		{"forecast", 0, OPTION_VALUE, "PROFILE", "compare each workload (a job) with a month of PROFILE", &forecast},
		{"requests", 0, OPTION_VALUE, "FILE", "the batch input file the results answer", &requests},
		{"retry-out", 0, OPTION_VALUE, "FILE", "write the requests to retry there", &retry_out},
		{"batch-id", 0, OPTION_VALUE, "ID", "the batch the files belong to (default: from the file name)", &ro.batch_id},
		{"model", 0, OPTION_VALUE, "MODEL", "model of lines that name none (Bedrock, Gemini)", &ro.model},
		{"job-pattern", 0, OPTION_VALUE, "REGEX", "job = first group of this POSIX ERE in the key", &ro.job_pattern},
		{"group-by", 0, OPTION_VALUE, "KEY", "job (default; month with a period), model, day, month or batch", &flags.group},
		{"min-success", 0, OPTION_VALUE, "RATE", "exit 6 when the success rate is below RATE (0..1)", &flags.min_success},
		{"strict", 0, OPTION_FLAG, NULL, "stop at the first malformed line", &ro.strict},
		{"threads", 0, OPTION_VALUE, "N", "threads per file (default: CPUs, at most 8)", &threads_text},
		{"since", 0, OPTION_VALUE, "YYYY-MM-DD", "only batches created on or after that day", &flags.since},
		{"until", 0, OPTION_VALUE, "YYYY-MM-DD", "only batches created on or before that day", &flags.until},
		CLI_CURRENCY_OPTIONS(&flags.currency, &flags.fx, &flags.fx_rate),
		{"emit-summary", 0, OPTION_VALUE, "FILE", "also write a summary for 'batchcalc merge'", &emit},
		CLI_OUTPUT_OPTIONS(&flags.format, &flags.prices, ctx),
		OPTION_END,
	};
	const char *operands[64];
	int operand_count;
	struct recon_options opt;
	struct recon_run run;
	struct keyset *keys;
	struct profile profile;
	int64_t threads = 0;
	const char *why;
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
		return diag_set(d, STATUS_USAGE, "reconcile: expected at least one results "
		                "FILE ('-' for standard input)");
	if (!requests != !retry_out)
		return diag_set(d, STATUS_USAGE, "--requests and --retry-out go together");
	if (threads_text && !number_parse_int64(threads_text, 1, RECON_READ_MAX_THREADS,
	                                        &threads, &why))
		return diag_set(d, STATUS_USAGE, "--threads: expected 1 to %d, found \"%s\" (%s)",
		                RECON_READ_MAX_THREADS, threads_text, why);
	if ((st = recon_options_parse(ctx, &flags, &opt, d)))
		return st;
	memset(&profile, 0, sizeof profile);
	if (forecast) {
		if ((st = profile_load_file(forecast, &profile, d)))
			return st;
		opt.forecast = &profile;
	}
	ro.threads = (int)threads;
	ro.split_small = threads_text != NULL;
	ro.as_of = opt.as_of;
	ro.period = opt.period;
	if (!(keys = keyset_new(KEYSET_DEFAULT_BITS)))
		st = diag_set(d, STATUS_IO, "out of memory");
	else
		st = recon_read(&ctx->pricing, operands, operand_count, &ro, keys, &run, d);
	run.retry.requests = requests;
	run.retry.out = retry_out;
	if (st == STATUS_OK && retry_out)
		st = write_retry(keys, &run, d);
	if (st == STATUS_OK && emit)
		st = recon_summary_write(emit, &run, keys, d);
	if (st == STATUS_OK)
		st = recon_report(ctx, &run, &opt, d);
	keyset_free(keys);
	profile_release(&profile);
	recon_run_release(&run);
	return st;
}
