/* batchcalc prices list | show MODEL: what the catalogue holds. */
#include "commands.h"

#include "prices_exchange.h"

#include <string.h>
#include <strings.h>

static const char synopsis[] =
	"batchcalc prices list [--provider ID] [--date YYYY-MM-DD]\n"
	"                             [--format table|csv|json] [--prices FILE]\n"
	"       batchcalc prices show MODEL [--date YYYY-MM-DD] [--format table|json]\n"
	"                             [--prices FILE]\n"
	"       batchcalc prices import-litellm FILE [-o FILE]\n"
	"       batchcalc prices diff A B [--date YYYY-MM-DD] [--format table|csv|json]";

static const char summary[] =
	"Lists the models of the price catalogue with the rates in force on a date\n"
	"(default today), or shows one model: aliases, retirement, every dated price\n"
	"entry with sync and batch rates per token class (* = derived batch rate),\n"
	"its long-context tier, and its provider's batch and rate limits.\n"
	"import-litellm converts LiteLLM's model_prices_and_context_window.json into\n"
	"this catalogue's schema (--prices also takes such a file directly); diff\n"
	"lists every model and token class on which catalogues A and B disagree.";

static const char *rate_cell(const struct rate_set *set, const bool *derived,
                             enum token_class c, char buf[64])
{
	if (!set->offered[c])
		return "-";
	rate_format(set->rates[c], buf, 64);
	if (derived && derived[c])
		strncat(buf, "*", 63 - strlen(buf));
	return buf;
}

static void add_rates_json(cJSON *obj, const char *key, const struct rate_set *set)
{
	cJSON *o = cJSON_AddObjectToObject(obj, key);
	char buf[64];

	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		const char *name = token_class_name((enum token_class)c);
		if (!set->offered[c]) {
			cJSON_AddNullToObject(o, name);
		} else {
			rate_format(set->rates[c], buf, sizeof buf);
			cJSON_AddRawToObject(o, name, buf);
		}
	}
}

static cJSON *tier_json(const struct price_tier *tier)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *derived;

	add_rates_json(o, "sync", &tier->sync);
	add_rates_json(o, "batch", &tier->batch);
	derived = cJSON_AddArrayToObject(o, "batch_derived");
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (tier->batch_derived[c])
			cJSON_AddItemToArray(derived, cJSON_CreateString(
				token_class_name((enum token_class)c)));
	return o;
}

static cJSON *model_json(const struct model *m, date_days day, bool all_entries)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *aliases = cJSON_CreateArray(), *entries;
	char when[DATE_TEXT_SIZE];

	cJSON_AddStringToObject(o, "id", m->id);
	cJSON_AddStringToObject(o, "provider", m->provider);
	if (m->name)
		cJSON_AddStringToObject(o, "name", m->name);
	for (size_t a = 0; a < m->alias_count; a++)
		cJSON_AddItemToArray(aliases, cJSON_CreateString(m->aliases[a]));
	cJSON_AddItemToObject(o, "aliases", aliases);
	if (m->retired) {
		date_format(m->retired_on, when);
		cJSON_AddStringToObject(o, "retired", when);
	} else {
		cJSON_AddNullToObject(o, "retired");
	}
	entries = cJSON_AddArrayToObject(o, "prices");
	for (size_t e = 0; e < m->price_count; e++) {
		const struct price_entry *pe = &m->prices[e];
		cJSON *entry;
		if (!all_entries && !date_in_range(day, pe->from, pe->to))
			continue;
		entry = tier_json(&pe->standard);
		date_format(pe->from, when);
		cJSON_AddStringToObject(entry, "from", when);
		if (pe->to == DATE_OPEN_END) {
			cJSON_AddNullToObject(entry, "to");
		} else {
			date_format(pe->to, when);
			cJSON_AddStringToObject(entry, "to", when);
		}
		if (pe->has_long_context) {
			cJSON *lc = tier_json(&pe->long_context);
			cli_json_int(lc, "above_input_tokens", pe->long_context_above);
			cJSON_AddItemToObject(entry, "long_context", lc);
		}
		if (pe->source)
			cJSON_AddStringToObject(entry, "source", pe->source);
		cJSON_AddItemToArray(entries, entry);
	}
	return o;
}

static enum status prices_list(struct cli *ctx, const char *provider, date_days day,
                               enum format format)
{
	static const char *const headers[] = {"provider", "model", "input", "output",
	                                      "cache rd", "batch in", "batch out", "note"};
	static const bool right[] = {false, false, true, true, true, true, true, false};
	const struct catalogue *cat = &ctx->pricing.catalogue;
	char b[6][64], note[64];
	struct table t;
	cJSON *root = NULL, *list = NULL;

	if (format == FORMAT_JSON) {
		root = cJSON_CreateObject();
		list = cJSON_AddArrayToObject(root, "models");
	} else if (format == FORMAT_CSV) {
		static const char *const csv_header[] = {
			"provider", "model", "input_usd_per_mtok", "output_usd_per_mtok",
			"cache_write_5m_usd_per_mtok", "cache_write_1h_usd_per_mtok",
			"cache_read_usd_per_mtok", "batch_input_usd_per_mtok",
			"batch_output_usd_per_mtok", "retired"};
		cli_csv_row(ctx->out, csv_header, 10);
	} else {
		fprintf(ctx->out, "USD per million tokens (* = derived batch rate)\n");
		cli_stamp_text(ctx->out, ctx, day, NULL);
		fputc('\n', ctx->out);
		table_init(&t, 8, headers, right);
	}
	for (size_t i = 0; i < cat->model_count; i++) {
		const struct model *m = &cat->models[i];
		const struct price_entry *pe = model_price_on(m, day);
		const struct price_tier *tier;
		char when[DATE_TEXT_SIZE] = "";

		if (provider && strcasecmp(provider, m->provider) != 0)
			continue;
		if (!pe)
			continue; /* not yet released on that day */
		tier = &pe->standard;
		if (m->retired)
			date_format(m->retired_on, when);
		if (format == FORMAT_JSON) {
			cJSON_AddItemToArray(list, model_json(m, day, false));
		} else if (format == FORMAT_CSV) {
			const char *row[10] = {
				m->provider, m->id,
				rate_cell(&tier->sync, NULL, TOKEN_INPUT, b[0]),
				rate_cell(&tier->sync, NULL, TOKEN_OUTPUT, b[1]),
				rate_cell(&tier->sync, NULL, TOKEN_CACHE_WRITE_5M, b[2]),
				rate_cell(&tier->sync, NULL, TOKEN_CACHE_WRITE_1H, b[3]),
				rate_cell(&tier->sync, NULL, TOKEN_CACHE_READ, b[4]),
				rate_cell(&tier->batch, NULL, TOKEN_INPUT, b[5]),
				rate_cell(&tier->batch, NULL, TOKEN_OUTPUT, note),
				when};
			for (int c = 2; c < 9; c++)
				if (strcmp(row[c], "-") == 0)
					row[c] = "";
			cli_csv_row(ctx->out, row, 10);
		} else {
			char retired_note[64] = "";
			const char *cells[8];
			if (m->retired)
				snprintf(retired_note, sizeof retired_note, "%s %s",
				         day >= m->retired_on ? "retired" : "retires", when);
			if (pe->has_long_context) {
				snprintf(note, sizeof note, "%s%s>%lldK tier",
				         retired_note, retired_note[0] ? "; " : "",
				         (long long)(pe->long_context_above / 1000));
			} else {
				snprintf(note, sizeof note, "%s", retired_note);
			}
			cells[0] = m->provider;
			cells[1] = m->id;
			cells[2] = rate_cell(&tier->sync, NULL, TOKEN_INPUT, b[0]);
			cells[3] = rate_cell(&tier->sync, NULL, TOKEN_OUTPUT, b[1]);
			cells[4] = rate_cell(&tier->sync, NULL, TOKEN_CACHE_READ, b[2]);
			cells[5] = rate_cell(&tier->batch, tier->batch_derived, TOKEN_INPUT, b[3]);
			cells[6] = rate_cell(&tier->batch, tier->batch_derived, TOKEN_OUTPUT, b[4]);
			cells[7] = note;
			table_add(&t, cells);
		}
	}
	if (format == FORMAT_JSON) {
		cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, day, NULL));
		cli_json_print(ctx->out, root);
		cJSON_Delete(root);
	} else if (format == FORMAT_TABLE) {
		table_print(&t, ctx->out);
		table_release(&t);
	}
	return STATUS_OK;
}

static void print_tier(FILE *out, const char *title, const struct price_tier *tier)
{
	static const char *const headers[] = {"class", "sync", "batch"};
	static const bool right[] = {false, true, true};
	char a[64], b[64];
	struct table t;

	fprintf(out, "%s\n", title);
	table_init(&t, 3, headers, right);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		const char *cells[3] = {
			token_class_name((enum token_class)c),
			rate_cell(&tier->sync, NULL, (enum token_class)c, a),
			rate_cell(&tier->batch, tier->batch_derived, (enum token_class)c, b)};
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
}

static void print_limits(FILE *out, const struct catalogue *cat,
                         const struct model *m, date_days day)
{
	const struct provider *p = catalogue_provider(cat, m->provider);
	const struct batch_limits *bl = provider_batch_limits_on(p, day);
	const struct rate_limit_table *rl = provider_rate_limits_on(p, day);

	{
		char rule[4096];
		snprintf(rule, sizeof rule, "batch rule: %s",
		         p->batch_rule ? p->batch_rule : "(none stated)");
		fputc('\n', out);
		cli_wrap(out, rule, CLI_WIDTH, "  ");
	}
	if (bl) {
		fprintf(out, "batch limits: ");
		if (bl->max_requests)
			fprintf(out, "%lld requests, ", (long long)bl->max_requests);
		if (bl->max_bytes)
			fprintf(out, "%lld bytes, ", (long long)bl->max_bytes);
		fprintf(out, "expires after %lld h\n", (long long)bl->expiry_hours);
	} else {
		fprintf(out, "batch limits: none on record for that date\n");
	}
	if (!rl || !m->rate_limit_group) {
		fprintf(out, "sync rate limits: none on record for that date\n");
		return;
	}
	for (size_t g = 0; g < rl->group_count; g++) {
		if (strcmp(rl->groups[g].name, m->rate_limit_group) != 0)
			continue;
		fprintf(out, "sync rate limits (%s):", m->rate_limit_group);
		for (size_t i = 0; i < rl->groups[g].tier_count; i++) {
			const struct tier_rate_limit *tl = &rl->groups[g].tiers[i];
			fprintf(out, "%s tier %d %lld RPM / %lld ITPM / %lld OTPM",
			        i ? ";" : "", tl->tier, (long long)tl->rpm,
			        (long long)tl->itpm, (long long)tl->otpm);
		}
		fputc('\n', out);
	}
}

static enum status prices_show(struct cli *ctx, const char *name, date_days day,
                               enum format format, struct diag *d)
{
	const struct model *m = NULL;
	const struct price_entry *current = NULL;
	enum status st = pricing_lookup(&ctx->pricing, name, day, &m, &current, d);
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE], title[160];
	FILE *out = ctx->out;

	/* A model not yet priced on that day can still be shown. */
	if (st != STATUS_OK && !(st == STATUS_UNKNOWN_MODEL && m))
		return st;
	if (format == FORMAT_CSV)
		return diag_set(d, STATUS_USAGE,
		                "prices show: --format csv is not offered; use table "
		                "or json ('prices list --format csv' has every model)");
	if (format == FORMAT_JSON) {
		cJSON *root = model_json(m, day, true);
		cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, day, NULL));
		cli_json_print(out, root);
		cJSON_Delete(root);
		return STATUS_OK;
	}
	fprintf(out, "%s: %s (%s)\n", m->id, m->name ? m->name : m->id, m->provider);
	if (m->alias_count) {
		fprintf(out, "aliases:");
		for (size_t a = 0; a < m->alias_count; a++)
			fprintf(out, " %s", m->aliases[a]);
		fputc('\n', out);
	}
	if (m->retired) {
		date_format(m->retired_on, from);
		fprintf(out, "retired: %s (priced at its last list price after that)\n", from);
	}
	cli_stamp_text(out, ctx, day, NULL);
	for (size_t e = 0; e < m->price_count; e++) {
		const struct price_entry *pe = &m->prices[e];
		date_format(pe->from, from);
		if (pe->to == DATE_OPEN_END)
			snprintf(to, sizeof to, "open");
		else
			date_format(pe->to, to);
		snprintf(title, sizeof title, "\nUSD per million tokens, [%s, %s)%s:", from,
		         to, pe == current ? " (in force)" : "");
		print_tier(out, title, &pe->standard);
		if (pe->has_long_context) {
			snprintf(title, sizeof title,
			         "long-context tier: requests whose total input is above %lld "
			         "tokens bill every token at:",
			         (long long)pe->long_context_above);
			print_tier(out, title, &pe->long_context);
		}
		if (pe->source)
			fprintf(out, "source: %s\n", pe->source);
	}
	fprintf(out, "\n* derived batch rate, not published\n");
	print_limits(out, &ctx->pricing.catalogue, m, day);
	return STATUS_OK;
}

enum status cmd_prices(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *provider = NULL, *date = NULL, *format_text = NULL, *prices = NULL;
	bool help = false;
	const struct option_spec specs[] = {
		{"provider", 0, OPTION_VALUE, "ID", "only this provider (list)", &provider},
		{"date", 0, OPTION_VALUE, "YYYY-MM-DD", "rates in force that day (default today)", &date},
		CLI_OUTPUT_OPTIONS(&format_text, &prices, ctx),
		OPTION_END,
	};
	const char *operands[3];
	int operand_count;
	enum format format;
	date_days day;
	enum status st;

	if ((st = options_parse(specs, argc, argv, operands, 3, &operand_count, &help, d)))
		return st;
	if (help || operand_count == 0) {
		if (!help)
			return diag_set(d, STATUS_USAGE,
			                "prices: expected 'list', 'show MODEL', "
			                "'import-litellm FILE' or 'diff A B' (see "
			                "'batchcalc prices --help')");
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if ((st = cli_parse_date(ctx, "date", date, &day, d)) ||
	    (st = cli_parse_format(format_text, &format, d)))
		return st;
	if (strcmp(operands[0], "list") == 0) {
		if (operand_count > 1)
			return diag_set(d, STATUS_USAGE, "prices list: unexpected argument \"%s\"",
			                operands[1]);
		if ((st = cli_load_catalogue(ctx, prices, d)))
			return st;
		if (provider && !catalogue_provider(&ctx->pricing.catalogue, provider))
			return diag_set(d, STATUS_USAGE,
			                "--provider: expected a provider of the catalogue, "
			                "found \"%s\"", provider);
		return prices_list(ctx, provider, day, format);
	}
	if (strcmp(operands[0], "show") == 0) {
		if (operand_count != 2)
			return diag_set(d, STATUS_USAGE, "prices show: expected one MODEL");
		if ((st = cli_load_catalogue(ctx, prices, d)))
			return st;
		return prices_show(ctx, operands[1], day, format, d);
	}
	if (strcmp(operands[0], "import-litellm") == 0) {
		if (operand_count != 2)
			return diag_set(d, STATUS_USAGE, "prices import-litellm: expected one FILE");
		return prices_import_litellm(ctx, operands[1], d);
	}
	if (strcmp(operands[0], "diff") == 0) {
		if (operand_count != 3)
			return diag_set(d, STATUS_USAGE, "prices diff: expected two catalogues A B");
		return prices_diff(ctx, operands[1], operands[2], day, format, d);
	}
	return diag_set(d, STATUS_USAGE,
	                "prices: expected 'list', 'show MODEL', 'import-litellm FILE' "
	                "or 'diff A B', found \"%s\"", operands[0]);
}
