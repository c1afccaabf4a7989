#include "cli.h"

#include "catalogue_load.h"
#include "fx_load.h"
#include "json_read.h"
#include "../models/margin.h"
#include "../models/number.h"
#include "../models/text.h"

#include <csv.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

int cli_exit_code(enum status st)
{
	switch (st) {
	case STATUS_OK: return EXIT_OK;
	case STATUS_IO: return EXIT_IO;
	case STATUS_USAGE: return EXIT_USAGE;
	case STATUS_INPUT: return EXIT_INPUT;
	case STATUS_UNKNOWN_MODEL: return EXIT_UNKNOWN_MODEL;
	case STATUS_OVERFLOW: return EXIT_OVERFLOW;
	case STATUS_THRESHOLD: return EXIT_THRESHOLD;
	case STATUS_REFUSED: return EXIT_REFUSED;
	}
	return EXIT_IO;
}

void cli_wrap(FILE *out, const char *text, int width, const char *indent)
{
	int room = width;

	while ((int)strlen(text) > room) {
		const char *cut = NULL;
		for (const char *p = text + room; p > text && !cut; p--)
			if (*p == ' ')
				cut = p;
		if (!cut && !(cut = strchr(text + room, ' ')))
			break; /* one long word: kept whole */
		fwrite(text, 1, (size_t)(cut - text), out);
		fprintf(out, "\n%s", indent);
		text = cut + 1;
		room = width - (int)strlen(indent);
	}
	fprintf(out, "%s\n", text);
}

void cli_wrapf(FILE *out, const char *indent, const char *fmt, ...)
{
	char text[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	cli_wrap(out, text, CLI_WIDTH, indent);
}

void cli_warn(const char *fmt, ...)
{
	char text[4096];
	va_list ap;
	int n;

	n = snprintf(text, sizeof text, "batchcalc: warning: ");
	va_start(ap, fmt);
	vsnprintf(text + n, sizeof text - (size_t)n, fmt, ap);
	va_end(ap);
	cli_wrap(stderr, text, CLI_WIDTH, "  ");
}

void cli_litellm_summary(const char *path, const struct litellm_report *r)
{
	size_t shown = r->rounded < LITELLM_ROUNDED_KEPT ? r->rounded : LITELLM_ROUNDED_KEPT;
	size_t disagree = r->tier_disagree < LITELLM_ROUNDED_KEPT ? r->tier_disagree
	                                                          : LITELLM_ROUNDED_KEPT;
	char text[4096 + 512];

	if (r->format) {
		snprintf(text, sizeof text, "batchcalc: %s: genai-prices data file: %zu "
		         "models in %zu providers, %zu imported (%zu with a long-context "
		         "tier, %zu dated price changes, %zu aliases from match rules), %zu "
		         "batch rates derived at 50%% and flagged; skipped %zu not priced per "
		         "token, %zu with tiers an entry cannot hold, %zu ids already taken, "
		         "%zu hour-of-day prices, %zu match rules an alias cannot express, "
		         "%zu aliases already taken", path, r->entries, r->providers,
		         r->imported, r->long_context, r->dated, r->aliases, r->derived,
		         r->skipped_unpriced, r->skipped_shape, r->skipped_duplicate,
		         r->skipped_time_of_day, r->rules_skipped, r->aliases_taken);
		cli_wrap(stderr, text, CLI_WIDTH, "  ");
	} else {
		char other[64] = "";
		if (r->long_context_other)
			snprintf(other, sizeof other, ", %zu with a >128K or >272K tier",
			         r->long_context_other);
		snprintf(text, sizeof text, "batchcalc: %s: LiteLLM price file: %zu entries, "
		         "%zu models imported (%zu with published batch rates, %zu with a "
		         ">200K tier%s), %zu batch rates derived at 50%% and flagged; skipped "
		         "%zu not chat/completion, %zu not priced per token", path, r->entries,
		         r->imported, r->with_batches, r->long_context, other, r->derived,
		         r->skipped_mode, r->skipped_unpriced);
		cli_wrap(stderr, text, CLI_WIDTH, "  ");
		if (r->service_tiers || r->tier_inexact) {
			snprintf(text, sizeof text, "batchcalc: %s: %zu service tiers (flex, "
			         "priority, fast, us) kept as multipliers; %zu left out, their "
			         "rates no exact multiple of the input rate", path,
			         r->service_tiers, r->tier_inexact);
			cli_wrap(stderr, text, CLI_WIDTH, "  ");
		}
	}
	for (size_t i = 0; i < disagree; i++)
		cli_warn("%s: %s rate is not the tier's multiple of the standard rate "
		         "(rounded in the source?); the multiple is used", path,
		         r->disagree_what[i]);
	if (r->tier_disagree > disagree)
		cli_warn("%s: %zu more service-tier rates off their multiple", path,
		         r->tier_disagree - disagree);
	for (size_t i = 0; i < r->suspect_1h && i < LITELLM_ROUNDED_KEPT; i++)
		cli_warn("%s: %s is not 2x the input rate, Anthropic's rule: check it "
		         "before adopting it", path, r->suspect_what[i]);
	if (r->suspect_1h > LITELLM_ROUNDED_KEPT)
		cli_warn("%s: %zu more 1-hour cache writes off 2x input", path,
		         r->suspect_1h - LITELLM_ROUNDED_KEPT);
	for (size_t i = 0; i < shown; i++)
		cli_warn("%s: %s has more than 6 decimals per million tokens; "
		         "rounded half away from zero", path, r->rounded_what[i]);
	if (r->rounded > shown)
		cli_warn("%s: %zu more rates rounded the same way", path,
		         r->rounded - shown);
	if (r->derived_rounded)
		cli_warn("%s: %zu derived batch rates (half of a rate with 6 decimals) "
		         "rounded half away from zero to 6 decimals", path,
		         r->derived_rounded);
}

void cli_init(struct cli *ctx, date_days today)
{
	memset(ctx, 0, sizeof *ctx);
	ctx->today = today;
	pricing_init(&ctx->pricing, today);
}

void cli_print_warnings(struct cli *ctx)
{
	const struct pricing *pr = &ctx->pricing;

	for (; ctx->warnings_printed < pr->warning_count; ctx->warnings_printed++)
		cli_warn("%s", pr->warnings[ctx->warnings_printed].text);
}

enum status cli_load_catalogue(struct cli *ctx, const char *path, struct diag *d)
{
	struct pricing *pr = &ctx->pricing;
	enum status st;
	struct litellm_report litellm;
	const char *overlay = ctx->overlay;

	if (pr->have_catalogue)
		return STATUS_OK;
	if (!overlay && (overlay = getenv("BATCHCALC_PRICES_OVERLAY")) && !*overlay)
		overlay = NULL;
	if (!path) {
		st = catalogue_load_builtin(&pr->catalogue, d);
	} else {
		st = catalogue_load_file(path, &pr->catalogue, &litellm, d);
		if (st == STATUS_OK && litellm.entries)
			cli_litellm_summary(path, &litellm);
	}
	if (st == STATUS_OK && overlay &&
	    (st = catalogue_apply_overlay_file(&pr->catalogue, overlay, d)) != STATUS_OK)
		catalogue_release(&pr->catalogue);
	pr->have_catalogue = st == STATUS_OK;
	return st;
}

void cli_release(struct cli *ctx)
{
	pricing_release(&ctx->pricing);
}

enum status cli_parse_currency(struct cli *ctx, const char *code,
                               const char *fx_file, const char *fx_rate,
                               struct diag *d)
{
	struct pricing *pr = &ctx->pricing;
	const char *why;
	int64_t micro;
	struct fx_table table = {NULL, 0};

	if (!code) {
		if (fx_file || fx_rate)
			return diag_set(d, STATUS_USAGE, "--%s: expected --currency CODE "
			                "to say which currency the rates are in",
			                fx_file ? "fx" : "fx-rate");
		return STATUS_OK;
	}
	if (!fx_valid_code(code))
		return diag_set(d, STATUS_USAGE, "--currency: expected a code of three "
		                "capital letters such as EUR, found \"%s\"", code);
	memcpy(pr->currency.code, code, 4);
	if (fx_file && fx_rate)
		return diag_set(d, STATUS_USAGE, "--fx and --fx-rate: expected one of "
		                "them, found both");
	if (!fx_file && !fx_rate) {
		if (strcmp(code, "USD") == 0)
			return STATUS_OK;
		return diag_set(d, STATUS_USAGE, "--currency %s: expected --fx FILE or "
		                "--fx-rate RATE (%s per USD)", code, code);
	}
	if (fx_rate) {
		if (!fx_parse_rate(fx_rate, &micro, &why))
			return diag_set(d, STATUS_USAGE, "--fx-rate: expected %s per USD, "
			                "> 0 with at most 6 decimals, found \"%s\" (%s)",
			                code, fx_rate, why);
		pricing_use_rate(pr, code, micro);
		return STATUS_OK;
	}
	if (fx_load_file(fx_file, &table, d) != STATUS_OK)
		return STATUS_INPUT;
	return pricing_use_table(pr, code, fx_file, &table, d);
}

const char *cli_currency_key(const struct cli *ctx, const char *usd_key,
                             char buf[64])
{
	const char *usd = strstr(usd_key, "usd");
	const char *upper = ctx->pricing.currency.code;
	char code[4];

	for (int i = 0; i < 4; i++)
		code[i] = (char)(upper[i] >= 'A' && upper[i] <= 'Z'
		                 ? upper[i] - 'A' + 'a' : upper[i]);
	if (usd)
		snprintf(buf, 64, "%.*s%s%s", (int)(usd - usd_key), usd_key, code, usd + 3);
	else
		snprintf(buf, 64, "%s_%s", usd_key, code);
	return buf;
}

enum status cli_parse_format(const char *text, enum format *out, struct diag *d)
{
	if (!text || strcmp(text, "table") == 0)
		*out = FORMAT_TABLE;
	else if (strcmp(text, "csv") == 0)
		*out = FORMAT_CSV;
	else if (strcmp(text, "json") == 0)
		*out = FORMAT_JSON;
	else
		return diag_set(d, STATUS_USAGE,
		                "--format: expected table, csv or json, found \"%s\"", text);
	return STATUS_OK;
}

enum status cli_parse_common(struct cli *ctx, const struct common_flags *f,
                             date_days *as_of, struct ratio *month_days,
                             enum format *format, struct diag *d)
{
	enum status st;

	if ((st = cli_parse_date(ctx, "as-of", f->as_of, as_of, d)) ||
	    (st = cli_parse_month_days(f->month_days, month_days, d)) ||
	    (st = cli_parse_format(f->format, format, d)) ||
	    (st = cli_parse_currency(ctx, f->currency, f->fx, f->fx_rate, d)))
		return st;
	ctx->pricing.day = *as_of;
	return cli_load_catalogue(ctx, f->prices, d);
}

enum status cli_parse_count(const char *flag, const char *text, int64_t *out,
                            struct diag *d)
{
	const char *why;

	if (!text)
		return STATUS_OK;
	if (!number_parse_int64(text, 0, INT64_MAX / 1000, out, &why))
		return diag_set(d, STATUS_USAGE,
		                "--%s: expected a whole number >= 0, found \"%s\" (%s)",
		                flag, text, why);
	return STATUS_OK;
}

const struct cli_share_flag cli_share_flags[] = {
	{"batch-share", NUMBER_SHARE_BATCH},     /* margin */
	{"batch-price", NUMBER_SHARE_PRICE},     /* margin */
	{"step", NUMBER_SHARE_STEP},             /* margin --sweep */
	{"growth", NUMBER_SHARE_GROWTH},         /* plan, report */
	{"revenue-growth", NUMBER_SHARE_GROWTH}, /* plan */
	{"min-success", NUMBER_SHARE_RATE},      /* reconcile, merge */
	{"target", NUMBER_SHARE_PROBABILITY},    /* sla */
	{"p-meet", NUMBER_SHARE_PROBABILITY},    /* sla */
	{NULL, NUMBER_SHARE_BATCH},
};

enum status cli_parse_share(const char *flag, const char *text, int64_t *out,
                            struct diag *d)
{
	const struct cli_share_flag *f = cli_share_flags;
	char why[256];

	while (f->flag && strcmp(f->flag, flag) != 0)
		f++;
	if (!f->flag)
		return diag_set(d, STATUS_IO, "internal error: --%s has no share rule", flag);
	if (!text)
		return STATUS_OK;
	if (!number_parse_share(f->kind, text, out, why, sizeof why))
		return diag_set(d, STATUS_USAGE, "--%s: expected %s, found \"%.60s\" (%s)",
		                flag, number_share_expected(f->kind), text, why);
	return STATUS_OK;
}

enum status cli_parse_date(struct cli *ctx, const char *flag, const char *text,
                           date_days *out, struct diag *d)
{
	const char *why;

	if (!text) {
		*out = ctx->today;
		return STATUS_OK;
	}
	if (!date_parse(text, out, &why))
		return diag_set(d, STATUS_USAGE, "--%s: expected a date YYYY-MM-DD, "
		                "found \"%s\" (%s)", flag, text, why);
	return STATUS_OK;
}

enum status cli_parse_month_days(const char *text, struct ratio *out,
                                 struct diag *d)
{
	const char *why;
	int64_t scaled;

	out->num = 30;
	out->den = 1;
	if (!text)
		return STATUS_OK;
	if (!number_parse_scaled(text, 4, 280000, 310000, &scaled, &why))
		return diag_set(d, STATUS_USAGE,
		                "--month-days: expected days per month from 28 to 31 "
		                "with at most 4 decimals, found \"%s\" (%s)", text, why);
	out->num = scaled;
	out->den = 10000;
	while (out->den > 1 && out->num % 10 == 0) {
		out->num /= 10;
		out->den /= 10;
	}
	return STATUS_OK;
}

void cli_format_month(struct ratio month_days, char *buf, size_t size)
{
	money m = money_scale(money_from_cents(100), month_days.num, month_days.den,
	                      &(bool){false});
	char text[64];

	money_format_exact(m, text, sizeof text);
	/* "30.00" reads as money: trim a zero fraction. */
	size_t n = strlen(text);
	if (n > 3 && strcmp(text + n - 3, ".00") == 0)
		text[n - 3] = '\0';
	snprintf(buf, size, "%s days", text);
}

const char *cli_money_cents(money m, char buf[64])
{
	if (!money_format(m, 2, true, buf, 64))
		snprintf(buf, 64, "(too wide)");
	return buf;
}

const char *cli_money_exact(money m, char buf[64])
{
	if (!money_format_exact(m, buf, 64))
		snprintf(buf, 64, "(too wide)");
	return buf;
}

const char *cli_percent(money num, money den, const char *suffix, bool sign,
                        char buf[64])
{
	bool overflow = false;
	money q = margin_muldiv(num, money_from_cents(10000), den, &overflow);
	size_t n;

	buf[0] = sign && q.pico >= 0 ? '+' : '\0';
	if (overflow || !money_format(q, 1, true, buf + (buf[0] != '\0'), 48))
		snprintf(buf, 64, "(too wide)");
	n = strlen(buf);
	snprintf(buf + n, 64 - n, "%s", suffix);
	return buf;
}

void cli_csv_row(FILE *out, const char *const *fields, int n)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', out);
		if (text_csv_formula(fields[i])) {
			/* A workload named =HYPERLINK(...) must reach finance's
			 * spreadsheet as text, not as a live formula (OWASP CSV
			 * injection): a leading ' inside the quotes makes it text.
			 * The quoting is csv_fwrite's: every " doubled. */
			fputs("\"'", out);
			for (const char *c = fields[i]; *c; c++) {
				if (*c == '"')
					fputc('"', out);
				fputc(*c, out);
			}
			fputc('"', out);
			continue;
		}
		csv_fwrite(out, fields[i], strlen(fields[i]));
	}
	/* RFC 4180 records end with CRLF; spreadsheets and csv readers expect it. */
	fputs("\r\n", out);
}

void table_init(struct table *t, int columns, const char *const *headers,
                const bool *right)
{
	memset(t, 0, sizeof *t);
	t->columns = columns;
	for (int c = 0; c < columns; c++) {
		t->headers[c] = headers[c];
		t->right[c] = right[c];
	}
}

void table_add(struct table *t, const char *const *cells)
{
	if (t->rows == t->capacity) {
		int cap = t->capacity ? t->capacity * 2 : 16;
		char ***bigger = realloc(t->cells, (size_t)cap * sizeof *bigger);
		if (!bigger)
			abort(); /* a table of a few rows: out of memory here is fatal */
		t->cells = bigger;
		t->capacity = cap;
	}
	t->cells[t->rows] = calloc((size_t)t->columns, sizeof(char *));
	if (!t->cells[t->rows])
		abort();
	for (int c = 0; c < t->columns; c++)
		if (!(t->cells[t->rows][c] = strdup(cells[c] ? cells[c] : "")))
			abort();
	t->rows++;
}

void table_print(const struct table *t, FILE *out)
{
	size_t width[12], before = 0, room;
	int last = t->columns - 1;

	for (int c = 0; c < t->columns; c++) {
		width[c] = strlen(t->headers[c]);
		for (int r = 0; r < t->rows; r++)
			if (strlen(t->cells[r][c]) > width[c])
				width[c] = strlen(t->cells[r][c]);
		if (c < last)
			before += width[c] + 2;
	}
	/* A text last column that would pass CLI_WIDTH wraps within what is
	 * left of it (at least 10 columns). */
	room = before + 10 < CLI_WIDTH ? CLI_WIDTH - before : 10;
	if (last >= 0 && !t->right[last] && width[last] > room)
		width[last] = room;
	for (int r = -1; r < t->rows; r++) {
		char line[1024], indent[1024];
		size_t used = 0;

		for (int c = 0; c < t->columns && used < sizeof line; c++) {
			const char *cell = r < 0 ? t->headers[c] : t->cells[r][c];
			int n = snprintf(line + used, sizeof line - used,
			                 t->right[c] ? "%s%*s" : "%s%-*s", c ? "  " : "",
			                 (int)width[c], cell);
			if (n > 0)
				used += (size_t)n;
		}
		if (used >= sizeof line)
			used = sizeof line - 1;
		line[used] = '\0';
		while (used > 0 && line[used - 1] == ' ')
			line[--used] = '\0'; /* no trailing blanks after a short last cell */
		if (before < sizeof indent) {
			memset(indent, ' ', before);
			indent[before] = '\0';
		} else {
			indent[0] = '\0';
		}
		cli_wrap(out, line, (int)(before + width[last]), indent);
	}
}

void table_release(struct table *t)
{
	for (int r = 0; r < t->rows; r++) {
		for (int c = 0; c < t->columns; c++)
			free(t->cells[r][c]);
		free(t->cells[r]);
	}
	free(t->cells);
	memset(t, 0, sizeof *t);
}

void cli_json_money(cJSON *obj, const char *key, money m)
{
	char buf[64];

	cJSON_AddRawToObject(obj, key, cli_money_exact(m, buf));
}

void cli_json_money_shown(cJSON *obj, const struct cli *ctx, const char *usd_key,
                          money usd, money shown)
{
	char key[64];

	cli_json_money(obj, usd_key, usd);
	if (ctx->pricing.currency.converting)
		cli_json_money(obj, cli_currency_key(ctx, usd_key, key), shown);
}

void cli_json_int(cJSON *obj, const char *key, int64_t v)
{
	json_add_int(obj, key, v);
}

const char *cli_ratio_text(struct ratio r, int decimals, char buf[64])
{
	bool overflow = false;
	money m = money_scale(money_from_cents(100), r.num, r.den, &overflow);
	size_t n;

	if (overflow || !money_format(m, decimals, true, buf, 64)) {
		snprintf(buf, 64, "(too wide)");
		return buf;
	}
	/* Whole numbers read better without ".00". */
	n = strlen(buf);
	if (decimals > 0 && n > (size_t)decimals + 1) {
		bool zeros = true;
		for (size_t i = n - (size_t)decimals; i < n; i++)
			zeros = zeros && buf[i] == '0';
		if (zeros)
			buf[n - (size_t)decimals - 1] = '\0';
	}
	return buf;
}

const char *cli_ratio_exact(struct ratio r, char buf[64])
{
	bool overflow = false;
	money m = money_scale(money_from_cents(100), r.num, r.den, &overflow);
	size_t n;

	/* num/den in dollars is exact to 12 decimals; drop trailing zeros. */
	if (overflow || !money_format_exact(m, buf, 64)) {
		snprintf(buf, 64, "0");
		return buf;
	}
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

void cli_json_ratio(cJSON *obj, const char *key, struct ratio r)
{
	char buf[64];

	cJSON_AddRawToObject(obj, key, cli_ratio_exact(r, buf));
}

void cli_json_print(FILE *out, cJSON *root)
{
	char *text = cJSON_Print(root);

	if (text) {
		fputs(text, out);
		fputc('\n', out);
		cJSON_free(text);
	}
}

/* "USD", or the currency and the rate(s) the figures were converted with. */
static const char *stamp_currency(const struct cli *ctx, char *buf, size_t size)
{
	const struct pricing_currency *c = &ctx->pricing.currency;
	char rate_text[64], when[DATE_TEXT_SIZE];

	if (!c->converting)
		return "USD";
	cli_ratio_exact((struct ratio){c->used_micro, FX_SCALE}, rate_text);
	date_format(c->used_day, when);
	if (!c->source)
		snprintf(buf, size, "%s (USD x %s, --fx-rate)", c->code, rate_text);
	else if (c->used > 1)
		snprintf(buf, size, "%s (USD x the %s rate in force on each date shown)",
		         c->code, c->source);
	else
		snprintf(buf, size, "%s (USD x %s, %s rate of %s)", c->code, rate_text,
		         c->source, when);
	return buf;
}

char *cli_stamp_line(const struct cli *ctx, date_days as_of,
                     const struct ratio *month_days)
{
	char when[DATE_TEXT_SIZE], month[64], currency[512], *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		abort(); /* a line of text: out of memory here is fatal */
	if (as_of == CLI_EACH_DAY)
		snprintf(when, sizeof when, "each day");
	else
		date_format(as_of, when);
	fprintf(f, "catalogue %s (%s, sha256 %s), prices as of %s",
	        ctx->pricing.catalogue.version, ctx->pricing.catalogue.origin,
	        ctx->pricing.catalogue.checksum, when);
	if (month_days) {
		cli_format_month(*month_days, month, sizeof month);
		fprintf(f, ", month = %s", month);
	}
	fprintf(f, ", %s", stamp_currency(ctx, currency, sizeof currency));
	if (fclose(f) != 0)
		abort();
	return text;
}

void cli_stamp_text(FILE *out, const struct cli *ctx, date_days as_of,
                    const struct ratio *month_days)
{
	char *line = cli_stamp_line(ctx, as_of, month_days);
	char *dates = strstr(line, "), prices as of ");

	/* Too long for one line: the catalogue, then the dates and currency. */
	if (strlen(line) > CLI_WIDTH && dates) {
		dates[1] = '\0';
		cli_wrap(out, line, CLI_WIDTH, "  ");
		cli_wrap(out, dates + 3, CLI_WIDTH, "  ");
	} else {
		cli_wrap(out, line, CLI_WIDTH, "  ");
	}
	free(line);
	if (ctx->pricing.catalogue.overlay_origin)
		cli_wrapf(out, "  ", "prices overlay %s (catalogue %s, sha256 %s) merged on top",
		          ctx->pricing.catalogue.overlay_origin,
		          ctx->pricing.catalogue.overlay_version,
		          ctx->pricing.catalogue.overlay_checksum);
}

cJSON *cli_stamp_json(const struct cli *ctx, date_days as_of,
                      const struct ratio *month_days)
{
	cJSON *stamp = cJSON_CreateObject();
	char when[DATE_TEXT_SIZE];

	if (as_of == CLI_EACH_DAY)
		snprintf(when, sizeof when, "each day");
	else
		date_format(as_of, when);
	cJSON_AddStringToObject(stamp, "batchcalc_version", BATCHCALC_VERSION);
	cJSON_AddStringToObject(stamp, "catalogue_version", ctx->pricing.catalogue.version);
	cJSON_AddStringToObject(stamp, "catalogue_origin", ctx->pricing.catalogue.origin);
	cJSON_AddStringToObject(stamp, "catalogue_sha256", ctx->pricing.catalogue.checksum);
	if (ctx->pricing.catalogue.overlay_origin) {
		const struct catalogue *c = &ctx->pricing.catalogue;
		cJSON *o = cJSON_AddObjectToObject(stamp, "catalogue_overlay");
		cJSON_AddStringToObject(o, "origin", c->overlay_origin);
		cJSON_AddStringToObject(o, "catalogue_version", c->overlay_version);
		cJSON_AddStringToObject(o, "sha256", c->overlay_checksum);
	}
	cJSON_AddStringToObject(stamp, "as_of", when);
	if (month_days)
		cli_json_ratio(stamp, "month_days", *month_days);
	cJSON_AddStringToObject(stamp, "currency",
	                        ctx->pricing.currency.converting ? ctx->pricing.currency.code : "USD");
	if (ctx->pricing.currency.converting) {
		const struct pricing_currency *c = &ctx->pricing.currency;
		cJSON *fx = cJSON_AddObjectToObject(stamp, "fx");
		cJSON_AddStringToObject(fx, "base", "USD");
		cJSON_AddStringToObject(fx, "source", c->source ? c->source : "--fx-rate");
		if (c->used == 1) {
			cli_json_ratio(fx, "rate_per_usd", (struct ratio){c->used_micro, FX_SCALE});
			if (c->source) {
				date_format(c->used_day, when);
				cJSON_AddStringToObject(fx, "rate_date", when);
			}
		} else {
			cJSON_AddStringToObject(fx, "rate_per_usd", "the rate in force on each date shown");
		}
	}
	return stamp;
}

void cli_print_unpriced_workloads(FILE *out, const struct pricing_day *pd)
{
	char buf[3][64];

	if (!pd->unpriced)
		return;
	fprintf(out, "\nNOT PRICED (in no figure above): %zu workload%s\n", pd->unpriced,
	        pd->unpriced == 1 ? "" : "s");
	for (size_t i = 0; i < pd->count; i++) {
		const struct pricing_workload *row = &pd->rows[i];
		if (!row->unpriced)
			continue;
		cli_wrapf(out, "    ", "  %s (%s): %s request%s a month, %s tokens in, %s out: "
		          "%s", row->w->name, row->w->model,
		          cli_ratio_text(row->e.requests_per_month, 2, buf[0]),
		          row->e.requests_per_month.num == row->e.requests_per_month.den ? "" : "s",
		          cli_ratio_text((struct ratio){row->w->input_tokens, 1}, 0, buf[1]),
		          cli_ratio_text((struct ratio){row->w->output_tokens, 1}, 0, buf[2]),
		          row->model ? "no price in force on the date" : "not in the catalogue");
	}
}
