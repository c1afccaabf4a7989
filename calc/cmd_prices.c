/* batchcalc prices list | show MODEL: what the catalogue holds. */
#include "commands.h"

#include "prices_exchange.h"
#include "prices_view.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char synopsis[] =
	"batchcalc prices list [--provider ID] [--date YYYY-MM-DD]\n"
	"                             [--format table|csv|json] [--prices FILE]\n"
	"                             [--prices-overlay FILE]\n"
	"       batchcalc prices show MODEL [--date YYYY-MM-DD] [--format table|json]\n"
	"                             [--prices FILE] [--prices-overlay FILE]\n"
	"       batchcalc prices check [--max-age DAYS] [--date YYYY-MM-DD]\n"
	"                             [--format table|json] [--prices FILE]\n"
	"                             [--prices-overlay FILE]\n"
	"       batchcalc prices import-litellm FILE [-o FILE]\n"
	"       batchcalc prices import-genai-prices FILE [-o FILE]\n"
	"       batchcalc prices diff A B [--date YYYY-MM-DD] [--format table|csv|json]";

static const char summary[] =
	"Lists the models of the price catalogue with the rates in force on a date\n"
	"(default today), or shows one model: aliases, context window, retirement\n"
	"and successor, service tiers, every dated price entry with sync and batch\n"
	"rates per token class (* = derived batch rate), its long-context tier, its\n"
	"source and confidence, and its provider's batch and rate limits.\n"
	"check says how old the catalogue is on --date (exit 6 past --max-age) and\n"
	"lists the figures only third parties report. import-litellm and\n"
	"import-genai-prices convert LiteLLM's model_prices_and_context_window.json\n"
	"and genai-prices' v2 data.json into this catalogue's schema (--prices also\n"
	"takes either directly); diff lists every model and token class on which\n"
	"catalogues A and B (any of the three kinds) disagree.";

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

/* A class to show for a tier: the classic ones always, a later one when the
 * tier sells it. */
static bool tier_shows(const struct price_tier *tier, int c)
{
	return token_class_always_shown((enum token_class)c) || tier->sync.offered[c] ||
	       tier->batch.offered[c];
}

static void add_rates_json(cJSON *obj, const char *key, const struct rate_set *set,
                           const struct price_tier *tier)
{
	cJSON *o = cJSON_AddObjectToObject(obj, key);
	char buf[64];

	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		const char *name = token_class_name((enum token_class)c);
		if (!tier_shows(tier, c))
			continue;
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

	add_rates_json(o, "sync", &tier->sync, tier);
	add_rates_json(o, "batch", &tier->batch, tier);
	derived = cJSON_AddArrayToObject(o, "batch_derived");
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (tier->batch_derived[c])
			cJSON_AddItemToArray(derived, cJSON_CreateString(
				token_class_name((enum token_class)c)));
	return o;
}

/* "1.1" for a multiplier of num/den. */
static const char *multiplier_text(int64_t num, int64_t den, char buf[64])
{
	return cli_ratio_exact((struct ratio){num, den}, buf);
}

static cJSON *service_tier_json(const struct service_tier *t, bool own)
{
	cJSON *o = cJSON_CreateObject();
	char buf[64];

	cJSON_AddStringToObject(o, "name", t->name);
	prices_json_date(o, "from", t->from);
	prices_json_date(o, "to", t->to);
	cJSON_AddRawToObject(o, "multiplier", multiplier_text(t->num, t->den, buf));
	cJSON_AddBoolToObject(o, "stacks", t->stacks);
	cJSON_AddStringToObject(o, "defined_by", own ? "model" : "provider");
	if (t->source)
		cJSON_AddStringToObject(o, "source", t->source);
	prices_json_labels(o, "confidence", t->confidence);
	return o;
}

/* Calls fn for each service tier entry that applies to m: its own, and the
 * provider's entries of the names it lists (unless it has its own). */
static void each_tier(const struct model *m,
                      void (*fn)(const struct service_tier *, bool, void *), void *arg)
{
	for (size_t i = 0; i < m->tier_count; i++)
		fn(&m->tiers[i], true, arg);
	for (size_t r = 0; m->owner && r < m->tier_ref_count; r++) {
		bool own = false;
		for (size_t i = 0; i < m->tier_count; i++)
			own = own || strcmp(m->tiers[i].name, m->tier_refs[r]) == 0;
		for (size_t i = 0; !own && i < m->owner->tier_count; i++)
			if (strcmp(m->owner->tiers[i].name, m->tier_refs[r]) == 0)
				fn(&m->owner->tiers[i], false, arg);
	}
}

static void tier_to_json(const struct service_tier *t, bool own, void *arg)
{
	cJSON_AddItemToArray(arg, service_tier_json(t, own));
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
	if (all_entries) {
		if (m->retired_confidence)
			prices_json_labels(o, "retired_confidence", m->retired_confidence);
		if (m->successor)
			cJSON_AddStringToObject(o, "successor", m->successor);
		if (m->context_window)
			cli_json_int(o, "context_window", m->context_window);
		if (m->max_output)
			cli_json_int(o, "max_output", m->max_output);
		if (m->tier_count || m->tier_ref_count)
			each_tier(m, tier_to_json, cJSON_AddArrayToObject(o, "service_tiers"));
		if (m->notes)
			cJSON_AddStringToObject(o, "notes", m->notes);
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
			if (all_entries)
				prices_json_classes(lc, "counts", pe->long_context_counts
				                 ? pe->long_context_counts : TOKEN_PROMPT_CLASSES);
			cJSON_AddItemToObject(entry, "long_context", lc);
		}
		if (pe->source)
			cJSON_AddStringToObject(entry, "source", pe->source);
		if (all_entries) {
			prices_json_labels(entry, "confidence", pe->confidence);
			cJSON_AddBoolToObject(entry, "third_party_only",
			                      confidence_third_party_only(pe->confidence));
			prices_json_classes(entry, "third_party", pe->third_party);
			prices_json_classes(entry, "unverified", pe->unverified);
			if (pe->notes)
				cJSON_AddStringToObject(entry, "notes", pe->notes);
		}
		cJSON_AddItemToArray(entries, entry);
	}
	return o;
}

/* Any model listed on `day` sells class c: its CSV column is then shown. */
static bool any_offers(const struct catalogue *cat, const char *provider,
                       date_days day, int c)
{
	for (size_t i = 0; i < cat->model_count; i++) {
		const struct price_entry *pe = model_price_on(&cat->models[i], day);
		if (pe && (!provider || strcasecmp(provider, cat->models[i].provider) == 0) &&
		    pe->standard.sync.offered[c])
			return true;
	}
	return false;
}

static enum status prices_list(struct cli *ctx, const char *provider, date_days day,
                               enum format format)
{
	static const char *const headers[] = {"provider", "model", "input", "output",
	                                      "cache rd", "batch in", "batch out", "note"};
	static const bool right[] = {false, false, true, true, true, true, true, false};
	/* The classic CSV columns, then a later class's when a model sells it. */
	static const int csv_classes[] = {TOKEN_INPUT, TOKEN_OUTPUT, TOKEN_CACHE_WRITE_5M,
	                                  TOKEN_CACHE_WRITE_1H, TOKEN_CACHE_READ,
	                                  TOKEN_CACHE_WRITE_30M, TOKEN_CACHE_WRITE_12H};
	const struct catalogue *cat = &ctx->pricing.catalogue;
	char b[6][64], note[160];
	bool extra[2] = {false, false};
	struct table t;
	cJSON *root = NULL, *list = NULL;

	if (format == FORMAT_JSON) {
		root = cJSON_CreateObject();
		list = cJSON_AddArrayToObject(root, "models");
	} else if (format == FORMAT_CSV) {
		const char *csv_header[12] = {
			"provider", "model", "input_usd_per_mtok", "output_usd_per_mtok",
			"cache_write_5m_usd_per_mtok", "cache_write_1h_usd_per_mtok",
			"cache_read_usd_per_mtok", "batch_input_usd_per_mtok",
			"batch_output_usd_per_mtok", "retired"};
		int n = 10;
		extra[0] = any_offers(cat, provider, day, TOKEN_CACHE_WRITE_30M);
		extra[1] = any_offers(cat, provider, day, TOKEN_CACHE_WRITE_12H);
		if (extra[0])
			csv_header[n++] = "cache_write_30m_usd_per_mtok";
		if (extra[1])
			csv_header[n++] = "cache_write_12h_usd_per_mtok";
		cli_csv_row(ctx->out, csv_header, n);
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
			char cells[7][64];
			const char *row[12];
			int n = 0;
			row[n++] = m->provider;
			row[n++] = m->id;
			for (int k = 0; k < 7; k++) {
				if (k >= 5 && !extra[k - 5])
					continue;
				row[n] = rate_cell(&tier->sync, NULL, (enum token_class)csv_classes[k],
				                   cells[k]);
				if (k == 4) {
					/* the batch columns sit after cache read */
					row[n + 1] = rate_cell(&tier->batch, NULL, TOKEN_INPUT, b[0]);
					row[n + 2] = rate_cell(&tier->batch, NULL, TOKEN_OUTPUT, b[1]);
					row[n + 3] = when;
					n += 3;
				}
				n++;
			}
			for (int c = 2; c < n; c++)
				if (c != 9 && strcmp(row[c], "-") == 0)
					row[c] = "";
			cli_csv_row(ctx->out, row, n);
		} else {
			char retired_note[100] = "";
			const char *cells[8];
			/* The successor's name is in 'prices show': an id may be
			 * longer than the column leaves room for. */
			if (m->retired)
				snprintf(retired_note, sizeof retired_note, "%s %s%s",
				         day >= m->retired_on ? "retired" : "retires", when,
				         m->successor ? ", rerouted" : "");
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

/* Writes "LABEL: text", folded at word boundaries so no line passes 100
 * columns; continuation lines are indented two spaces. */
static void print_folded(FILE *out, const char *label, const char *text)
{
	char line[4096];

	snprintf(line, sizeof line, "%s: %s", label, text);
	cli_wrap(out, line, CLI_WIDTH, "  ");
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
		if (!tier_shows(tier, c))
			continue;
		const char *cells[3] = {
			token_class_name((enum token_class)c),
			rate_cell(&tier->sync, NULL, (enum token_class)c, a),
			rate_cell(&tier->batch, tier->batch_derived, (enum token_class)c, b)};
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
}

/* "input + cache_read" for a set of classes; "total input" for all prompt classes. */
static const char *counts_text(unsigned counts, char *buf, size_t size)
{
	size_t n = 0;

	if (counts == 0 || counts == TOKEN_PROMPT_CLASSES)
		return "total input";
	buf[0] = '\0';
	for (int c = 0; c < TOKEN_CLASS_COUNT && n < size; c++)
		if (counts & (1u << c))
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? " + " : "",
			                      token_class_name((enum token_class)c));
	return buf;
}

static void print_confidence(FILE *out, const struct price_entry *pe)
{
	char labels[12], list[200];

	if (!pe->confidence)
		return;
	confidence_text(pe->confidence, labels);
	fprintf(out, "confidence: [%s]%s\n", labels,
	        confidence_third_party_only(pe->confidence)
	        ? " THIRD PARTY ONLY: not read on the provider's own page" : "");
	if (pe->third_party)
		fprintf(out, "third party only: %s\n",
		        prices_classes_text(pe->third_party, list, sizeof list));
	if (pe->unverified)
		fprintf(out, "unverified [U]: %s\n", prices_classes_text(pe->unverified, list, sizeof list));
}

struct tier_print {
	FILE *out;
	date_days day;
	int count;
};

static void print_one_tier(const struct service_tier *t, bool own, void *arg)
{
	struct tier_print *tp = arg;
	char mult[64], from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE] = "open", labels[12];

	(void)own;
	date_format(t->from, from);
	if (t->to != DATE_OPEN_END)
		date_format(t->to, to);
	fprintf(tp->out, "%s  %-10s %sx%s [%s, %s)%s%s%s\n", tp->count++ ? "" : "",
	        t->name, multiplier_text(t->num, t->den, mult),
	        t->stacks ? " on every tier, batch included" : " of sync (not with batch)",
	        from, to, t->confidence ? " [" : "",
	        t->confidence ? confidence_text(t->confidence, labels) : "",
	        t->confidence ? "]" : "");
}

static void print_limits(FILE *out, const struct catalogue *cat,
                         const struct model *m, date_days day)
{
	const struct provider *p = catalogue_provider(cat, m->provider);
	const struct batch_limits *bl = provider_batch_limits_on(p, day);
	const struct rate_limit_table *rl = provider_rate_limits_on(p, day);
	char range[64], from[DATE_TEXT_SIZE], buf[16];
	bool group = false;

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
	if (!rl) {
		fprintf(out, "sync rate limits: none on record for that date\n");
		return;
	}
	date_format(rl->from, from);
	snprintf(range, sizeof range, "the table of %s", from);
	if (rl->names) {
		fprintf(out, "account tiers (%s), monthly spend cap:\n ", range);
		for (size_t k = 0; k < rl->name_count; k++) {
			char cap[64];
			const struct tier_name *n = &rl->names[k];
			if (n->capped)
				cli_money_cents(n->monthly_cap, cap);
			fprintf(out, "%s %s %s%s", k ? ";" : "", n->name,
			        n->capped ? "$" : "",
			        n->capped ? cap : n->cap_published ? "no cap" : "not published");
		}
		fputc('\n', out);
	}
	for (size_t g = 0; m->rate_limit_group && g < rl->group_count; g++) {
		if (strcmp(rl->groups[g].name, m->rate_limit_group) != 0)
			continue;
		group = true;
		{
			char line[4096];
			size_t n = (size_t)snprintf(line, sizeof line, "sync rate limits (%s):",
			                            m->rate_limit_group);
			for (size_t i = 0; i < rl->groups[g].tier_count && n < sizeof line; i++) {
				const struct tier_rate_limit *tl = &rl->groups[g].tiers[i];
				n += (size_t)snprintf(line + n, sizeof line - n,
				                      "%s tier %s %lld RPM / %lld ITPM / %lld OTPM",
				                      i ? ";" : "", rate_limit_tier_text(rl, tl->tier, buf),
				                      (long long)tl->rpm, (long long)tl->itpm,
				                      (long long)tl->otpm);
			}
			cli_wrap(out, line, CLI_WIDTH, "  ");
		}
	}
	if (!group)
		fprintf(out, "sync rate limits: not published for %s in %s\n", m->id, range);
}

static enum status prices_show(struct cli *ctx, const char *name, date_days day,
                               enum format format, struct diag *d)
{
	const struct model *m = NULL;
	const struct price_entry *current = NULL;
	enum model_match how;
	enum status st;
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE], title[200], counts[200];
	FILE *out = ctx->out;

	/* The model named, not its successor: show describes the entry. */
	if (!(m = catalogue_find_model(&ctx->pricing.catalogue, name, &how))) {
		st = pricing_lookup(&ctx->pricing, name, day, &m, &current, d);
		return st == STATUS_OK ? diag_set(d, STATUS_IO, "lookup disagrees") : st;
	}
	current = model_price_on(m, day);
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
	if (m->context_window || m->max_output) {
		char window[64], output[64];
		cli_ratio_text((struct ratio){m->context_window, 1}, 0, window);
		cli_ratio_text((struct ratio){m->max_output, 1}, 0, output);
		fprintf(out, "context window: %s tokens; largest output: %s%s\n",
		        m->context_window ? window : "not known",
		        m->max_output ? output : "not known", m->max_output ? " tokens" : "");
	}
	if (m->retired) {
		char labels[12], text[300];
		date_format(m->retired_on, from);
		if (m->successor)
			snprintf(text, sizeof text, "%s; from then its requests are served by %s "
			         "and billed at its rates", from, m->successor);
		else
			snprintf(text, sizeof text, "%s (priced at its last list price after "
			         "that)", from);
		if (m->retired_confidence) {
			size_t n = strlen(text);
			snprintf(text + n, sizeof text - n, " [%s]",
			         confidence_text(m->retired_confidence, labels));
		}
		print_folded(out, "retired", text);
	}
	if (m->tier_count || m->tier_ref_count) {
		struct tier_print tp = {out, day, 0};
		fprintf(out, "service tiers (x the standard rates):\n");
		each_tier(m, print_one_tier, &tp);
	}
	if (m->notes)
		print_folded(out, "note", m->notes);
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
			         "long-context tier: requests whose %s is above %lld "
			         "tokens bill every token at:",
			         counts_text(pe->long_context_counts, counts, sizeof counts),
			         (long long)pe->long_context_above);
			print_tier(out, title, &pe->long_context);
		}
		if (pe->source)
			fprintf(out, "source: %s\n", pe->source);
		print_confidence(out, pe);
		if (pe->notes)
			print_folded(out, "note", pe->notes);
	}
	fprintf(out, "\n* derived batch rate, not published\n");
	print_limits(out, &ctx->pricing.catalogue, m, day);
	return STATUS_OK;
}

enum status cmd_prices(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *provider = NULL, *date = NULL, *format_text = NULL, *prices = NULL,
	           *max_age_text = NULL;
	bool help = false;
	const struct option_spec specs[] = {
		{"provider", 0, OPTION_VALUE, "ID", "only this provider (list)", &provider},
		{"date", 0, OPTION_VALUE, "YYYY-MM-DD", "rates in force that day (default today)", &date},
		{"max-age", 0, OPTION_VALUE, "DAYS", "check: the oldest a catalogue may be (default 60)", &max_age_text},
		CLI_OUTPUT_OPTIONS(&format_text, &prices, ctx),
		OPTION_END,
	};
	const char *operands[3];
	int operand_count;
	enum format format;
	int64_t max_age = 60;
	date_days day;
	enum status st;

	if ((st = options_parse(specs, argc, argv, operands, 3, &operand_count, &help, d)))
		return st;
	if (help || operand_count == 0) {
		if (!help)
			return diag_set(d, STATUS_USAGE,
			                "prices: expected 'list', 'show MODEL', 'check', "
			                "'import-litellm FILE', 'import-genai-prices FILE' or "
			                "'diff A B' (see 'batchcalc prices --help')");
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if ((st = cli_parse_date(ctx, "date", date, &day, d)) ||
	    (st = cli_parse_format(format_text, &format, d)) ||
	    (st = cli_parse_count("max-age", max_age_text, &max_age, d)))
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
	if (strcmp(operands[0], "check") == 0) {
		if (operand_count != 1)
			return diag_set(d, STATUS_USAGE, "prices check: unexpected argument \"%s\"",
			                operands[1]);
		if (format == FORMAT_CSV)
			return diag_set(d, STATUS_USAGE, "prices check: --format csv is not "
			                "offered; use table or json");
		if ((st = cli_load_catalogue(ctx, prices, d)))
			return st;
		return prices_check(ctx, day, max_age, format, d);
	}
	if (strcmp(operands[0], "import-litellm") == 0 ||
	    strcmp(operands[0], "import-genai-prices") == 0) {
		if (operand_count != 2)
			return diag_set(d, STATUS_USAGE, "prices %s: expected one FILE", operands[0]);
		return prices_import(ctx, operands[1], strcmp(operands[0], "import-litellm") == 0
		                     ? IMPORT_LITELLM : IMPORT_GENAI_PRICES, d);
	}
	if (strcmp(operands[0], "diff") == 0) {
		if (operand_count != 3)
			return diag_set(d, STATUS_USAGE, "prices diff: expected two catalogues A B");
		return prices_diff(ctx, operands[1], operands[2], day, format, d);
	}
	return diag_set(d, STATUS_USAGE,
	                "prices: expected 'list', 'show MODEL', 'check', 'import-litellm "
	                "FILE', 'import-genai-prices FILE' or 'diff A B', found \"%s\"",
	                operands[0]);
}
