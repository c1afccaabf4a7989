#include "ledger_focus.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

enum {
	F_BILLED_COST, F_BILLING_ACCOUNT_ID, F_BILLING_ACCOUNT_NAME, F_BILLING_CURRENCY,
	F_BILLING_PERIOD_END, F_BILLING_PERIOD_START, F_CHARGE_CATEGORY, F_CHARGE_CLASS,
	F_CHARGE_DESCRIPTION, F_CHARGE_FREQUENCY, F_CHARGE_PERIOD_END,
	F_CHARGE_PERIOD_START, F_CONSUMED_QUANTITY, F_CONSUMED_UNIT, F_CONTRACTED_COST,
	F_EFFECTIVE_COST, F_INVOICE_ISSUER_NAME, F_LIST_COST, F_LIST_UNIT_PRICE,
	F_PRICING_CATEGORY, F_PRICING_QUANTITY, F_PRICING_UNIT, F_PROVIDER_NAME,
	F_PUBLISHER_NAME, F_SERVICE_CATEGORY, F_SERVICE_NAME, F_SERVICE_SUBCATEGORY,
	F_SKU_ID, F_SKU_METER, F_SKU_PRICE_ID,
	X_BATCH_ID, X_JOB, X_MODEL, X_TOKEN_CLASS, X_SERVICE_TIER, X_CONTEXT_TIER,
	X_ADJUSTMENT_DATE, F_COLUMNS
};

static const char *const header[F_COLUMNS] = {
	"BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
	"BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeClass",
	"ChargeDescription", "ChargeFrequency", "ChargePeriodEnd", "ChargePeriodStart",
	"ConsumedQuantity", "ConsumedUnit", "ContractedCost", "EffectiveCost",
	"InvoiceIssuerName", "ListCost", "ListUnitPrice", "PricingCategory",
	"PricingQuantity", "PricingUnit", "ProviderName", "PublisherName",
	"ServiceCategory", "ServiceName", "ServiceSubcategory", "SkuId", "SkuMeter",
	"SkuPriceId",
	"x_BatchId", "x_Job", "x_Model", "x_TokenClass", "x_ServiceTier",
	"x_ContextTier", "x_AdjustmentDate",
};

/* Who ran the batch, and the service's name, by the results' format. */
static const struct {
	const char *format, *provider, *service;
} services[] = {
	{"anthropic", "Anthropic", "Claude API Message Batches"},
	{"openai", "OpenAI", "OpenAI Batch API"},
	{"gemini", "Google", "Gemini API Batch Mode"},
	{"bedrock", "Amazon Web Services", "Amazon Bedrock Batch Inference"},
};

/* A field: NULL is a FOCUS null (empty, unquoted); text is quoted when it
 * holds a comma, a quote or a line end (RFC 4180). */
static void field(FILE *out, const char *text, bool last)
{
	if (text && strpbrk(text, ",\"\r\n")) {
		fputc('"', out);
		for (const char *p = text; *p; p++) {
			if (*p == '"')
				fputc('"', out);
			fputc(*p, out);
		}
		fputc('"', out);
	} else if (text) {
		fputs(text, out);
	}
	fputs(last ? "\r\n" : ",", out);
}

static void row(FILE *out, const char *const *cells)
{
	for (int i = 0; i < F_COLUMNS; i++)
		field(out, cells[i], i == F_COLUMNS - 1);
}

static void instant(date_days day, char buf[32])
{
	char text[DATE_TEXT_SIZE];

	date_format(day, text);
	snprintf(buf, 32, "%sT00:00:00Z", text);
}

static date_days month_start(date_days day, int add)
{
	int y, m, dd;

	date_to_civil(day, &y, &m, &dd);
	m += add;
	if (m > 12) {
		m = 1;
		y++;
	}
	return date_from_civil(y, m, 1);
}

/* "cache_write_5m" -> "Cache Write 5m Tokens". */
static void meter(enum token_class c, char buf[64])
{
	const char *name = token_class_name(c);
	size_t o = 0;
	bool start = true;

	for (const char *p = name; *p && o < 48; p++) {
		if (*p == '_') {
			buf[o++] = ' ';
			start = true;
			continue;
		}
		buf[o++] = start ? (char)toupper((unsigned char)*p) : *p;
		start = false;
	}
	snprintf(buf + o, 64 - o, " Tokens");
}

static const char *money_text(money m, char buf[64])
{
	money_format_exact(m, buf, 64);
	return buf;
}

void ledger_focus_write(FILE *out, const struct ledger_view *v)
{
	row(out, header);
	for (size_t i = 0; i < v->figure_count; i++) {
		const struct ledger_figure *g = &v->figures[i];
		const struct ledger_entry *e = &v->entries[g->entry_index];
		const char *provider = NULL, *service = NULL;
		char billing_end[32], billing_start[32], charge_end[32], charge_start[32];
		char adjusted[DATE_TEXT_SIZE], sku[256], sku_price[300], from[DATE_TEXT_SIZE];

		for (size_t k = 0; k < sizeof services / sizeof services[0]; k++)
			if (strcmp(e->provider, services[k].format) == 0) {
				provider = services[k].provider;
				service = services[k].service;
			}
		/* Concatenated files of several providers: the model's maker. */
		if (!provider)
			provider = *g->publisher ? g->publisher : e->provider;
		if (!service)
			service = "Batch API";
		instant(month_start(g->booked, 1), billing_end);
		instant(month_start(g->booked, 0), billing_start);
		instant(g->price_day + 1, charge_end);
		instant(g->price_day, charge_start);
		date_format(g->booked, adjusted);
		if (g->price_from != DATE_OPEN_END)
			date_format(g->price_from, from);
		else
			snprintf(from, sizeof from, "unpriced");

		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			const struct ledger_class *k = &g->classes[c];
			const char *cells[F_COLUMNS];
			char buf[8][64], name[64], description[512];
			money unit = {k->sync_rate.micro}; /* micro-$/M tokens = pico-$/token */

			if (!*g->model || (k->tokens == 0 && money_is_zero(k->batch) &&
			                   money_is_zero(k->sync)))
				continue;
			meter((enum token_class)c, name);
			snprintf(sku, sizeof sku, "%s/%s%s/batch", g->model,
			         token_class_name((enum token_class)c),
			         g->long_context ? "/long-context" : "");
			snprintf(sku_price, sizeof sku_price, "%s@%s", sku, from);
			snprintf(description, sizeof description, "%s %s, %s%s (batch %s, job %s)",
			         g->model, name, service, g->adjustment ? ", correction" : "",
			         g->batch, g->job);
			snprintf(buf[0], 64, "%" PRId64, k->tokens);
			cells[F_BILLED_COST] = money_text(k->batch, buf[1]);
			cells[F_BILLING_ACCOUNT_ID] = e->provider;
			cells[F_BILLING_ACCOUNT_NAME] = provider;
			cells[F_BILLING_CURRENCY] = "USD";
			cells[F_BILLING_PERIOD_END] = billing_end;
			cells[F_BILLING_PERIOD_START] = billing_start;
			cells[F_CHARGE_CATEGORY] = "Usage";
			cells[F_CHARGE_CLASS] = g->adjustment ? "Correction" : NULL;
			cells[F_CHARGE_DESCRIPTION] = description;
			cells[F_CHARGE_FREQUENCY] = "Usage-Based";
			cells[F_CHARGE_PERIOD_END] = charge_end;
			cells[F_CHARGE_PERIOD_START] = charge_start;
			cells[F_CONSUMED_QUANTITY] = buf[0];
			cells[F_CONSUMED_UNIT] = "Tokens";
			cells[F_CONTRACTED_COST] = money_text(k->sync, buf[2]);
			cells[F_EFFECTIVE_COST] = cells[F_BILLED_COST];
			cells[F_INVOICE_ISSUER_NAME] = provider;
			cells[F_LIST_COST] = cells[F_CONTRACTED_COST];
			cells[F_LIST_UNIT_PRICE] = g->adjustment ? NULL : money_text(unit, buf[3]);
			cells[F_PRICING_CATEGORY] = "Standard";
			cells[F_PRICING_QUANTITY] = buf[0];
			cells[F_PRICING_UNIT] = "Tokens";
			cells[F_PROVIDER_NAME] = provider;
			cells[F_PUBLISHER_NAME] = *g->publisher ? g->publisher : provider;
			cells[F_SERVICE_CATEGORY] = "AI and Machine Learning";
			cells[F_SERVICE_NAME] = service;
			cells[F_SERVICE_SUBCATEGORY] = "Generative AI";
			cells[F_SKU_ID] = sku;
			cells[F_SKU_METER] = name;
			cells[F_SKU_PRICE_ID] = sku_price;
			cells[X_BATCH_ID] = g->batch;
			cells[X_JOB] = g->job;
			cells[X_MODEL] = g->model;
			cells[X_TOKEN_CLASS] = token_class_name((enum token_class)c);
			cells[X_SERVICE_TIER] = "batch";
			cells[X_CONTEXT_TIER] = g->long_context ? "long-context" : "standard";
			cells[X_ADJUSTMENT_DATE] = g->adjustment ? adjusted : NULL;
			row(out, cells);
		}
	}
}
