/*
 * batchcalc profile from-usage: a workload profile from the providers' own
 * usage reports (read by calc/usage.c, built by calc/usage_profile.c), ready
 * for estimate, margin, plan and report.
 */
#include "commands.h"

#include "keyset.h"
#include "recon_read.h"
#include "recon_report.h"
#include "recon_run.h"
#include "usage.h"
#include "usage_profile.h"

#include <string.h>

static const char synopsis[] =
	"batchcalc profile from-usage FILE... [--results FILE]... [--batches META.json]\n"
	"                             [--assume-input-tokens N] [--by model|scope]\n"
	"                             [--since YYYY-MM-DD] [--until YYYY-MM-DD]\n"
	"                             [--prices FILE] [--prices-overlay FILE] [-o FILE]";

static const char summary[] =
	"Reads the providers' usage reports (Anthropic Admin API usage or analytics\n"
	"JSON and Console exports, OpenAI usage JSON and Console activity exports,\n"
	"Google Cloud Billing exports) and writes a workload profile (CSV): one\n"
	"workload per model and workspace, project or API key, with requests per\n"
	"day, tokens per request by class and today's batch share from the service\n"
	"tier. Requests come from the report's own counts; where it has none, from\n"
	"the tokens per request of the same model in --results files, or from the\n"
	"prompt size you state with --assume-input-tokens. Days are --since..--until\n"
	"or the days the reports cover.";

static enum status read_results(struct cli *ctx, const struct option_list *files,
                                const char *batches, struct recon_run *run,
                                struct diag *d)
{
	struct recon_read_options ro;
	struct keyset *keys;
	enum status st;

	memset(&ro, 0, sizeof ro);
	ro.batches = batches;
	ro.as_of = ctx->today;
	if (!(keys = keyset_new(KEYSET_DEFAULT_BITS)))
		return diag_set(d, STATUS_IO, "out of memory");
	st = recon_read(&ctx->pricing, files->items, files->count, &ro, keys, run, d);
	keyset_free(keys);
	return st;
}

enum status cmd_profile(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *batches = NULL, *assume = NULL, *by = NULL, *since = NULL,
	           *until = NULL, *prices = NULL;
	struct option_list results = {{0}, 0};
	bool help = false;
	const struct option_spec specs[] = {
		{"results", 0, OPTION_LIST, "FILE", "batch results of the same models: their tokens per request", &results},
		{"batches", 0, OPTION_VALUE, "META.json", "batch objects of the --results files", &batches},
		{"assume-input-tokens", 0, OPTION_VALUE, "N", "prompt tokens a request, where the reports count no requests", &assume},
		{"by", 0, OPTION_VALUE, "KEY", "scope (per model and workspace, project or key; default) or model", &by},
		{"since", 0, OPTION_VALUE, "YYYY-MM-DD", "first day of the period (default: the reports' first)", &since},
		{"until", 0, OPTION_VALUE, "YYYY-MM-DD", "last day of the period (default: the reports' last)", &until},
		{"prices", 0, OPTION_VALUE, "FILE", "price catalogue that names the models (default: built-in)", &prices},
		{"prices-overlay", 0, OPTION_VALUE, "FILE", "merge FILE's prices and aliases on top", &ctx->overlay},
		{"output", 'o', OPTION_VALUE, "FILE", "write the profile to FILE (atomically) instead of stdout", &ctx->output},
		OPTION_END,
	};
	const char *operands[64];
	int operand_count;
	struct usage_profile_options o;
	struct usage_set set;
	struct usage_profile profile;
	struct recon_run run;
	enum status st;

	if ((st = options_parse(specs, argc, argv, operands, 64, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if (operand_count == 0 || strcmp(operands[0], "from-usage") != 0)
		return diag_set(d, STATUS_USAGE, "profile: expected 'from-usage FILE...'%s%s%s "
		                "(see 'batchcalc profile --help')", operand_count ? ", found \"" : "",
		                operand_count ? operands[0] : "", operand_count ? "\"" : "");
	if (operand_count == 1)
		return diag_set(d, STATUS_USAGE, "profile from-usage: expected at least one "
		                "usage report FILE");
	memset(&o, 0, sizeof o);
	o.by_scope = true;
	if (by && strcmp(by, "model") == 0)
		o.by_scope = false;
	else if (by && strcmp(by, "scope") != 0)
		return diag_set(d, STATUS_USAGE, "--by: expected scope or model, found \"%s\"", by);
	if (assume && (st = cli_parse_count("assume-input-tokens", assume,
	                                    &o.assume_input_tokens, d)))
		return st;
	if (assume && (o.assume_input_tokens < 1 || o.assume_input_tokens > 100000000))
		return diag_set(d, STATUS_USAGE, "--assume-input-tokens: expected a prompt size "
		                "from 1 to 100,000,000 tokens, found \"%s\"", assume);
	if (batches && results.count == 0)
		return diag_set(d, STATUS_USAGE, "--batches: expected --results FILE with it");
	if (since || until) {
		struct recon_period period;
		if ((st = recon_period_parse(ctx, since, until, &period, d)))
			return st;
		if (!since || !until)
			return diag_set(d, STATUS_USAGE, "--since and --until: expected both (a "
			                "profile's days per request need a closed period)");
		o.has_period = true;
		o.since = period.since;
		o.until = period.until;
	}
	if ((st = cli_load_catalogue(ctx, prices, d)))
		return st;
	o.cat = &ctx->pricing.catalogue;
	usage_set_init(&set);
	memset(&run, 0, sizeof run);
	for (int i = 1; i < operand_count && st == STATUS_OK; i++)
		st = usage_load_file(&set, operands[i], d);
	if (st == STATUS_OK && results.count > 0) {
		st = read_results(ctx, &results, batches, &run, d);
		o.results = &run.r;
	}
	if (st == STATUS_OK) {
		usage_map_models(&set, &ctx->pricing.catalogue);
		st = usage_profile_build(&set, &o, &profile, d);
	}
	if (st == STATUS_OK) {
		for (size_t i = 0; i < profile.count; i++) {
			const struct usage_profile_row *r = &profile.rows[i];
			if (!r->mapped)
				cli_warn("%s: model \"%s\" is not in the catalogue: estimate will "
				         "refuse it until it is priced (--prices FILE)", r->w.name,
				         r->w.model);
			if (r->source == REQUESTS_ASSUMED)
				cli_warn("%s: %lld request%s in %lld day%s ASSUMED from "
				         "--assume-input-tokens %lld", r->w.name, (long long)r->requests,
				         r->requests == 1 ? "" : "s", (long long)profile.days,
				         profile.days == 1 ? "" : "s", (long long)o.assume_input_tokens);
		}
		usage_profile_write(ctx->out, &profile);
		usage_profile_release(&profile);
	}
	if (results.count > 0)
		recon_run_release(&run);
	usage_set_release(&set);
	return st;
}
