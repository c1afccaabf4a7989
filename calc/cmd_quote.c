/* batchcalc quote: the price of one request. */
#include "commands.h"

#include "../models/cost.h"

#include <string.h>

static const char synopsis[] =
	"batchcalc quote --model MODEL --input-tokens N [--output-tokens N]\n"
	"                       [--cache-read-tokens N] [--cache-write-tokens N]\n"
	"                       [--cache-write-1h-tokens N] [--cache-write-30m-tokens N]\n"
	"                       [--cache-write-12h-tokens N] [--batch | --service-tier TIER]\n"
	"                       [--inference-geo us] [--date YYYY-MM-DD]\n"
	"                       [--currency CODE --fx FILE | --fx-rate RATE]\n"
	"                       [--format table|csv|json] [--prices FILE]\n"
	"                       [--prices-overlay FILE] [-o FILE]";

static const char summary[] =
	"Prices one request. --input-tokens is the TOTAL prompt, cached parts\n"
	"included; the cache flags say how much of it was read from or written to\n"
	"the cache (5-minute and 1-hour writes: Anthropic; 30-minute and 12-hour\n"
	"writes: OpenAI). Without --batch the real-time (sync) price is quoted, at\n"
	"--service-tier (flex, priority, fast, ultrafast: what the model offers)\n"
	"when given; --inference-geo us adds the US-only inference uplift.";

struct quote {
	struct pricing_request r; /* the figures, USD and shown, made once */
	struct token_counts tokens;
	bool batch_mode;
	date_days day;
};

/* An amount already in the shown currency, 6 decimals, grouped. */
static const char *shown(money m, char buf[64])
{
	if (!money_format(m, 6, true, buf, 64))
		snprintf(buf, 64, "(too wide)");
	return buf;
}

static const struct rate_set *rates_of(const struct quote *q, bool batch)
{
	const struct price_tier *tier =
		q->r.sync.long_context ? &q->r.price->long_context : &q->r.price->standard;
	return batch ? &tier->batch : &tier->sync;
}

static bool derived(const struct quote *q, int c)
{
	const struct price_tier *tier =
		q->r.sync.long_context ? &q->r.price->long_context : &q->r.price->standard;
	return q->batch_mode && tier->batch_derived[c];
}

/* JSON lists the classic classes always, a later one (OpenAI's cache
 * writes) only when the model sells it or the request has some. */
static bool shown_class(const struct quote *q, const struct rate_set *rates, int c)
{
	return token_class_always_shown((enum token_class)c) || rates->offered[c] ||
	       q->tokens.n[c] != 0;
}

static void print_table(FILE *out, struct cli *ctx, const struct quote *q)
{
	const char *headers[4] = {"class", "tokens", "$/Mtok", "cost $"};
	char cost_header[16];
	static const bool right[] = {false, true, true, true};
	const struct rate_set *rates = rates_of(q, q->batch_mode);
	const struct cost_breakdown *cost = q->batch_mode ? &q->r.batch_shown
	                                                  : &q->r.sync_shown;
	bool any_derived = false;
	char tokens[64], rate_text[64], money_text[64];
	struct table t;

	cli_wrapf(out, "  ", "%s (%s, %s): one %s request%s", q->r.model->id,
	          q->r.model->name ? q->r.model->name : q->r.model->id, q->r.model->provider,
	        q->batch_mode ? "batch" : "sync",
	        q->r.sync.long_context ? ", long-context tier (whole request)" : "");
	if (q->r.price->service) {
		char m[64];
		fprintf(out, "service tier %s: the sync rates x %s (batch keeps its own "
		        "rates)\n", q->r.price->service->name,
		        cli_ratio_exact((struct ratio){q->r.price->service->num,
		                                       q->r.price->service->den}, m));
	}
	if (q->r.price->uplift) {
		char m[64];
		fprintf(out, "US-only inference: every rate x %s, batch included\n",
		        cli_ratio_exact((struct ratio){q->r.price->uplift->num,
		                                       q->r.price->uplift->den}, m));
	}
	cli_stamp_text(out, ctx, q->day, NULL);
	fputc('\n', out);
	if (ctx->pricing.currency.converting) {
		snprintf(cost_header, sizeof cost_header, "cost %s", ctx->pricing.currency.code);
		headers[3] = cost_header;
	}
	table_init(&t, 4, headers, right);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		const char *cells[4];
		if (!rates->offered[c] && q->tokens.n[c] == 0)
			continue;
		cli_ratio_text((struct ratio){q->tokens.n[c], 1}, 0, tokens);
		rate_format(rates->rates[c], rate_text, sizeof rate_text);
		if (derived(q, c)) {
			strncat(rate_text, "*", sizeof rate_text - strlen(rate_text) - 1);
			any_derived = true;
		}
		shown(cost->by_class[c], money_text);
		cells[0] = token_class_name((enum token_class)c);
		cells[1] = tokens;
		cells[2] = rate_text;
		cells[3] = money_text;
		table_add(&t, cells);
	}
	{
		const char *cells[4] = {"total", "", "", ""};
		cli_ratio_text((struct ratio){token_counts_input_total(&q->tokens) +
		                              q->tokens.n[TOKEN_OUTPUT], 1}, 0, tokens);
		shown(cost->total, money_text);
		cells[1] = tokens;
		cells[3] = money_text;
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	{
		char s[64], b[64], saved[64];
		shown(q->r.sync_shown.total, s);
		shown(q->r.batch_shown.total, b);
		shown(q->r.savings_shown, saved);
		fprintf(out, "\nsync %s, batch %s: batch saves %s per request\n", s, b, saved);
	}
	if (any_derived) {
		const struct provider *p = catalogue_provider(&ctx->pricing.catalogue,
		                                              q->r.model->provider);
		fprintf(out, "* derived, not published: the sync rate x %s by %s's batch "
		             "rule\n", cli_ratio_exact((struct ratio){p->batch_num, p->batch_den},
		                                       rate_text), p->name ? p->name : p->id);
	}
}

static void print_csv(FILE *out, const struct cli *ctx, const struct quote *q)
{
	const char *header[9] = {"model", "mode", "date", "class", "tokens",
	                         "rate_usd_per_mtok", "cost_usd", "rate_derived", NULL};
	int n = ctx->pricing.currency.converting ? 9 : 8;
	char converted_header[64], converted[64];
	const struct rate_set *rates = rates_of(q, q->batch_mode);
	const struct cost_breakdown *cost = q->batch_mode ? &q->r.batch : &q->r.sync;
	const struct cost_breakdown *cost_shown = q->batch_mode ? &q->r.batch_shown
	                                                        : &q->r.sync_shown;
	char when[DATE_TEXT_SIZE], tokens[32], rate_text[64], money_text[64];

	date_format(q->day, when);
	header[8] = cli_currency_key(ctx, "cost", converted_header);
	cli_csv_row(out, header, n);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		const char *row[9];
		if (!rates->offered[c] && q->tokens.n[c] == 0)
			continue;
		snprintf(tokens, sizeof tokens, "%lld", (long long)q->tokens.n[c]);
		rate_format(rates->rates[c], rate_text, sizeof rate_text);
		row[0] = q->r.model->id;
		row[1] = q->batch_mode ? "batch" : "sync";
		row[2] = when;
		row[3] = token_class_name((enum token_class)c);
		row[4] = tokens;
		row[5] = rate_text;
		row[6] = cli_money_exact(cost->by_class[c], money_text);
		row[7] = derived(q, c) ? "yes" : "no";
		row[8] = cli_money_exact(cost_shown->by_class[c], converted);
		cli_csv_row(out, row, n);
	}
}

static void print_json(FILE *out, struct cli *ctx, const struct quote *q)
{
	const struct rate_set *rates = rates_of(q, q->batch_mode);
	const struct cost_breakdown *cost = q->batch_mode ? &q->r.batch : &q->r.sync;
	const struct cost_breakdown *cost_shown = q->batch_mode ? &q->r.batch_shown
	                                                        : &q->r.sync_shown;
	cJSON *root = cJSON_CreateObject();
	cJSON *tokens = cJSON_AddObjectToObject(root, "tokens");
	cJSON *rate_obj, *costs, *derived_list;
	char rate_text[64];

	cJSON_AddStringToObject(root, "model", q->r.model->id);
	cJSON_AddStringToObject(root, "provider", q->r.model->provider);
	cJSON_AddStringToObject(root, "mode", q->batch_mode ? "batch" : "sync");
	cJSON_AddBoolToObject(root, "long_context", q->r.sync.long_context);
	if (q->r.price->service)
		cJSON_AddStringToObject(root, "service_tier", q->r.price->service->name);
	if (q->r.price->uplift)
		cJSON_AddStringToObject(root, "inference_geo", q->r.price->uplift->name);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (shown_class(q, rates, c))
			cli_json_int(tokens, token_class_name((enum token_class)c),
			             q->tokens.n[c]);
	rate_obj = cJSON_AddObjectToObject(root, "rates_usd_per_mtok");
	costs = cJSON_AddObjectToObject(root, "cost_by_class_usd");
	derived_list = cJSON_AddArrayToObject(root, "derived_rates");
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		const char *name = token_class_name((enum token_class)c);
		if (!shown_class(q, rates, c))
			continue;
		if (!rates->offered[c]) {
			cJSON_AddNullToObject(rate_obj, name);
		} else {
			rate_format(rates->rates[c], rate_text, sizeof rate_text);
			cJSON_AddRawToObject(rate_obj, name, rate_text);
		}
		cli_json_money(costs, name, cost->by_class[c]);
		if (derived(q, c))
			cJSON_AddItemToArray(derived_list, cJSON_CreateString(name));
	}
	cli_json_money(root, "cost_usd", cost->total);
	cli_json_money(root, "sync_cost_usd", q->r.sync.total);
	cli_json_money(root, "batch_cost_usd", q->r.batch.total);
	if (ctx->pricing.currency.converting) {
		char key[64];
		const char *keys[3] = {"cost_usd", "sync_cost_usd", "batch_cost_usd"};
		const money values[3] = {cost_shown->total, q->r.sync_shown.total,
		                         q->r.batch_shown.total};
		for (int i = 0; i < 3; i++)
			cli_json_money(root, cli_currency_key(ctx, keys[i], key), values[i]);
	}
	cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, q->day, NULL));
	cli_json_print(out, root);
	cJSON_Delete(root);
}

enum status cmd_quote(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *model = NULL, *input = NULL, *output = NULL, *cache_read = NULL,
	           *cache_write = NULL, *cache_write_1h = NULL, *cache_write_30m = NULL,
	           *cache_write_12h = NULL, *service_tier = NULL, *geo = NULL, *date = NULL,
	           *format_text = NULL, *prices = NULL, *currency = NULL,
	           *fx_file = NULL, *fx_rate = NULL;
	bool batch = false, help = false;
	const struct option_spec specs[] = {
		{"model", 0, OPTION_VALUE, "MODEL", "model id or alias (see 'batchcalc prices list')", &model},
		{"input-tokens", 0, OPTION_VALUE, "N", "total prompt tokens, cached ones included", &input},
		{"output-tokens", 0, OPTION_VALUE, "N", "output tokens, thinking included (default 0)", &output},
		{"cache-read-tokens", 0, OPTION_VALUE, "N", "part of the input read from the cache", &cache_read},
		{"cache-write-tokens", 0, OPTION_VALUE, "N", "part of the input written to a 5-minute cache", &cache_write},
		{"cache-write-1h-tokens", 0, OPTION_VALUE, "N", "part of the input written to a 1-hour cache", &cache_write_1h},
		{"cache-write-30m-tokens", 0, OPTION_VALUE, "N", "part written to a 30-minute cache (OpenAI)", &cache_write_30m},
		{"cache-write-12h-tokens", 0, OPTION_VALUE, "N", "part written to a 12-hour cache (OpenAI)", &cache_write_12h},
		{"batch", 0, OPTION_FLAG, NULL, "quote the Batch API price", &batch},
		{"service-tier", 0, OPTION_VALUE, "TIER", "real-time tier: flex, priority, fast, ultrafast", &service_tier},
		{"inference-geo", 0, OPTION_VALUE, "GEO", "us: US-only inference uplift (global: none)", &geo},
		{"date", 0, OPTION_VALUE, "YYYY-MM-DD", "price in force that day (default today)", &date},
		CLI_CURRENCY_OPTIONS(&currency, &fx_file, &fx_rate),
		CLI_OUTPUT_OPTIONS(&format_text, &prices, ctx),
		OPTION_END,
	};
	int64_t n_input = 0;
	struct token_counts parts;
	const char *operands[1];
	int operand_count;
	enum format format;
	struct quote q;
	enum status st;

	memset(&q, 0, sizeof q);
	memset(&parts, 0, sizeof parts);
	if ((st = options_parse(specs, argc, argv, operands, 0, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if (!model)
		return diag_set(d, STATUS_USAGE, "quote: --model is required");
	if (!input)
		return diag_set(d, STATUS_USAGE, "quote: --input-tokens is required");
	if (batch && service_tier)
		return diag_set(d, STATUS_USAGE, "--service-tier and --batch: expected one "
		                "of them (a service tier is an alternative to batch)");
	if (geo && strcmp(geo, "us") != 0 && strcmp(geo, "global") != 0)
		return diag_set(d, STATUS_USAGE, "--inference-geo: expected us or global, "
		                "found \"%s\"", geo);
	if ((st = cli_parse_count("input-tokens", input, &n_input, d)) ||
	    (st = cli_parse_count("output-tokens", output, &parts.n[TOKEN_OUTPUT], d)) ||
	    (st = cli_parse_count("cache-read-tokens", cache_read, &parts.n[TOKEN_CACHE_READ], d)) ||
	    (st = cli_parse_count("cache-write-tokens", cache_write,
	                          &parts.n[TOKEN_CACHE_WRITE_5M], d)) ||
	    (st = cli_parse_count("cache-write-1h-tokens", cache_write_1h,
	                          &parts.n[TOKEN_CACHE_WRITE_1H], d)) ||
	    (st = cli_parse_count("cache-write-30m-tokens", cache_write_30m,
	                          &parts.n[TOKEN_CACHE_WRITE_30M], d)) ||
	    (st = cli_parse_count("cache-write-12h-tokens", cache_write_12h,
	                          &parts.n[TOKEN_CACHE_WRITE_12H], d)) ||
	    (st = cli_parse_date(ctx, "date", date, &q.day, d)) ||
	    (st = cli_parse_format(format_text, &format, d)) ||
	    (st = cli_parse_currency(ctx, currency, fx_file, fx_rate, d)) ||
	    (st = pricing_fx_on(&ctx->pricing, q.day, &q.r.fx, d)))
		return st;
	if ((st = token_counts_from_parts(n_input, &parts, &q.tokens, d))) {
		diag_prefix(d, "quote");
		return STATUS_USAGE;
	}
	ctx->pricing.day = q.day;
	if ((st = cli_load_catalogue(ctx, prices, d)))
		return st;
	{
		const struct model *m;
		const struct price_entry *p;
		struct price_entry tiered;
		if ((st = pricing_lookup(&ctx->pricing, model, q.day, &m, &p, d)))
			return st;
		/* A request past the context window of the model serving it
		 * cannot exist: no price (cost_request_fits). */
		if ((st = cost_request_fits(m, model, &q.tokens, d))) {
			diag_prefix(d, token_counts_input_total(&q.tokens) > cost_context_window(m)
			               ? "--input-tokens" : "--output-tokens");
			return STATUS_USAGE;
		}
		/* A tier the model does not offer is a wrong flag (exit 2). */
		if ((service_tier || geo) &&
		    (st = price_at_tiers(m, p, service_tier, geo, q.day, &tiered, &p, d))) {
			diag_prefix(d, service_tier ? "--service-tier" : "--inference-geo");
			return STATUS_USAGE;
		}
	}
	if ((st = pricing_request_at(&ctx->pricing, model, service_tier, geo, &q.tokens,
	                             &q.r, d)))
		return st;
	q.batch_mode = batch;
	if (format == FORMAT_JSON)
		print_json(ctx->out, ctx, &q);
	else if (format == FORMAT_CSV)
		print_csv(ctx->out, ctx, &q);
	else
		print_table(ctx->out, ctx, &q);
	return STATUS_OK;
}
