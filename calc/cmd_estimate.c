/* batchcalc estimate: what each workload of a profile costs per month. */
#include "commands.h"

#include "profile.h"

#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc estimate [PROFILE] [--as-of YYYY-MM-DD] [--month-days N]\n"
	"                          [--format table|csv|json] [--prices FILE] [-o FILE]";

static const char summary[] =
	"Prices every workload of PROFILE (CSV or JSON; default: the seed article's\n"
	"scenarios, built in) per month: sync (real-time API), batch, hybrid\n"
	"(batch_share to batch, the rest sync) and the savings of the hybrid plan.";

struct estimate_row {
	const struct workload *w;
	const struct model *model;
	struct workload_estimate e;
};

struct estimate {
	struct profile profile;
	struct estimate_row *rows;
	struct workload_estimate total;
	date_days as_of;
	struct ratio month_days;
	bool any_derived;
};

static enum status compute(struct cli *ctx, struct estimate *est, struct diag *d)
{
	bool overflow = false;

	est->rows = calloc(est->profile.count, sizeof *est->rows);
	if (!est->rows)
		return diag_set(d, STATUS_IO, "out of memory");
	est->total.requests_per_month.den = 1;
	for (size_t i = 0; i < est->profile.count; i++) {
		struct estimate_row *row = &est->rows[i];
		const struct price_entry *price;
		enum status st;
		char where[300];

		row->w = &est->profile.workloads[i];
		if (row->w->line)
			snprintf(where, sizeof where, "%s:%ld: workload %s", est->profile.origin,
			         row->w->line, row->w->name);
		else
			snprintf(where, sizeof where, "%s: workload %s", est->profile.origin,
			         row->w->name);
		st = cli_price(ctx, row->w->model, est->as_of, &row->model, &price, d);
		if (st == STATUS_OK)
			st = workload_estimate(row->w, price, est->month_days, &row->e, d);
		if (st != STATUS_OK) {
			diag_prefix(d, where);
			return st;
		}
		est->any_derived = est->any_derived || row->e.used_derived;
		est->total.sync = money_add(est->total.sync, row->e.sync, &overflow);
		est->total.batch = money_add(est->total.batch, row->e.batch, &overflow);
		est->total.hybrid = money_add(est->total.hybrid, row->e.hybrid, &overflow);
		est->total.savings = money_add(est->total.savings, row->e.savings, &overflow);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "%s: expected totals small enough for exact "
		                "128-bit picodollar arithmetic, found larger ones",
		                est->profile.origin);
	return STATUS_OK;
}

/* Total requests per month across rows, as a ratio (denominators are small). */
static struct ratio total_requests(const struct estimate *est, bool *overflow)
{
	struct ratio sum = {0, 1};

	for (size_t i = 0; i < est->profile.count; i++) {
		struct ratio r = est->rows[i].e.requests_per_month;
		int64_t a, b, den;
		if (__builtin_mul_overflow(sum.num, r.den, &a) ||
		    __builtin_mul_overflow(r.num, sum.den, &b) ||
		    __builtin_add_overflow(a, b, &sum.num) ||
		    __builtin_mul_overflow(sum.den, r.den, &den)) {
			*overflow = true;
			return sum;
		}
		sum.den = den;
		/* keep it small: divide by the common factor */
		for (int64_t x = sum.num, y = sum.den, g; ; ) {
			if (y == 0) {
				g = x < 0 ? -x : x;
				if (g > 1) {
					sum.num /= g;
					sum.den /= g;
				}
				break;
			}
			g = x % y;
			x = y;
			y = g;
		}
	}
	return sum;
}

static void print_table(FILE *out, struct cli *ctx, const struct estimate *est)
{
	static const char *const headers[] = {"workload", "requests", "sync",
	                                      "batch", "hybrid", "savings"};
	static const bool right[] = {false, true, true, true, true, true};
	static const char *const model_headers[] = {"workload", "model", "batch share",
	                                            "long-context requests"};
	static const bool model_right[] = {false, false, true, true};
	char buf[6][64];
	struct table t;
	bool overflow = false;
	bool any_long = false;

	fprintf(out, "monthly cost of %s\n", est->profile.origin);
	cli_stamp_text(out, ctx, est->as_of, &est->month_days);
	fprintf(out, "\nUSD per month\n");
	table_init(&t, 6, headers, right);
	for (size_t i = 0; i < est->profile.count; i++) {
		const struct estimate_row *row = &est->rows[i];
		const char *cells[6] = {row->w->name,
		                        cli_ratio_text(row->e.requests_per_month, 2, buf[0]),
		                        cli_money_cents(row->e.sync, buf[1]),
		                        cli_money_cents(row->e.batch, buf[2]),
		                        cli_money_cents(row->e.hybrid, buf[3]),
		                        cli_money_cents(row->e.savings, buf[4])};
		if (row->e.used_derived)
			strncat(buf[2], "*", 63 - strlen(buf[2]));
		any_long = any_long || row->e.long_context_share > 0;
		table_add(&t, cells);
	}
	{
		const char *cells[6] = {"total",
		                        cli_ratio_text(total_requests(est, &overflow), 2, buf[0]),
		                        cli_money_cents(est->total.sync, buf[1]),
		                        cli_money_cents(est->total.batch, buf[2]),
		                        cli_money_cents(est->total.hybrid, buf[3]),
		                        cli_money_cents(est->total.savings, buf[4])};
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);

	fputc('\n', out);
	table_init(&t, any_long ? 4 : 3, model_headers, model_right);
	for (size_t i = 0; i < est->profile.count; i++) {
		const struct estimate_row *row = &est->rows[i];
		struct ratio share = {row->w->batch_share, SHARE_SCALE / 100};
		const char *cells[4];

		cli_ratio_text(share, 2, buf[0]);
		strncat(buf[0], "%", 63 - strlen(buf[0]));
		snprintf(buf[1], 64, "%.2f%%", row->e.long_context_share * 100.0);
		cells[0] = row->w->name;
		cells[1] = row->model->id;
		cells[2] = buf[0];
		cells[3] = buf[1];
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	if (est->any_derived)
		fprintf(out, "\n* rests on a batch rate derived by the provider's rule, "
		             "not a published one (see 'batchcalc prices show MODEL')\n");
}

static void print_csv(FILE *out, const struct estimate *est)
{
	static const char *const header[] = {
		"workload", "model", "requests_per_month", "batch_share", "sync_usd_month",
		"batch_usd_month", "hybrid_usd_month", "savings_usd_month",
		"derived_batch_rates"};
	char buf[6][64];

	cli_csv_row(out, header, 9);
	for (size_t i = 0; i < est->profile.count; i++) {
		const struct estimate_row *row = &est->rows[i];
		struct ratio share = {row->w->batch_share, SHARE_SCALE};
		const char *cells[9];

		/* The same exact figures as the JSON output. */
		cells[0] = row->w->name;
		cells[1] = row->model->id;
		cells[2] = cli_ratio_exact(row->e.requests_per_month, buf[4]);
		cells[3] = cli_ratio_exact(share, buf[5]);
		cells[4] = cli_money_exact(row->e.sync, buf[0]);
		cells[5] = cli_money_exact(row->e.batch, buf[1]);
		cells[6] = cli_money_exact(row->e.hybrid, buf[2]);
		cells[7] = cli_money_exact(row->e.savings, buf[3]);
		cells[8] = row->e.used_derived ? "yes" : "no";
		cli_csv_row(out, cells, 9);
	}
}

static void print_json(FILE *out, struct cli *ctx, const struct estimate *est)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *list = cJSON_AddArrayToObject(root, "workloads");
	cJSON *total;
	bool overflow = false;

	for (size_t i = 0; i < est->profile.count; i++) {
		const struct estimate_row *row = &est->rows[i];
		struct ratio share = {row->w->batch_share, SHARE_SCALE};
		cJSON *w = cJSON_CreateObject();

		cJSON_AddStringToObject(w, "name", row->w->name);
		cJSON_AddStringToObject(w, "model", row->model->id);
		cli_json_ratio(w, "requests_per_month", row->e.requests_per_month);
		cli_json_ratio(w, "batch_share", share);
		cli_json_money(w, "sync_usd", row->e.sync);
		cli_json_money(w, "batch_usd", row->e.batch);
		cli_json_money(w, "hybrid_usd", row->e.hybrid);
		cli_json_money(w, "savings_usd", row->e.savings);
		cli_json_money(w, "sync_usd_per_request", row->e.request_sync);
		cli_json_money(w, "batch_usd_per_request", row->e.request_batch);
		cJSON_AddNumberToObject(w, "long_context_share", row->e.long_context_share);
		cJSON_AddBoolToObject(w, "derived_batch_rates", row->e.used_derived);
		cJSON_AddItemToArray(list, w);
	}
	total = cJSON_AddObjectToObject(root, "total");
	cli_json_ratio(total, "requests_per_month", total_requests(est, &overflow));
	cli_json_money(total, "sync_usd", est->total.sync);
	cli_json_money(total, "batch_usd", est->total.batch);
	cli_json_money(total, "hybrid_usd", est->total.hybrid);
	cli_json_money(total, "savings_usd", est->total.savings);
	cJSON_AddItemToObject(root, "stamp",
	                      cli_stamp_json(ctx, est->as_of, &est->month_days));
	cli_json_print(out, root);
	cJSON_Delete(root);
}

enum status cmd_estimate(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *as_of = NULL, *month_days = NULL, *format_text = NULL,
	           *prices = NULL;
	bool help = false;
	const struct option_spec specs[] = {
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "price on that day (default today)", &as_of},
		{"month-days", 0, OPTION_VALUE, "N", "days in a month (default 30)", &month_days},
		{"format", 0, OPTION_VALUE, "FORMAT", "table (default), csv or json", &format_text},
		{"prices", 0, OPTION_VALUE, "FILE", "price catalogue (default: built-in)", &prices},
		{"output", 'o', OPTION_VALUE, "FILE", "write to FILE (atomically) instead of stdout", &ctx->output},
		OPTION_END,
	};
	const char *operands[1];
	int operand_count;
	enum format format;
	struct estimate est;
	enum status st;

	memset(&est, 0, sizeof est);
	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if ((st = cli_parse_date(ctx, "as-of", as_of, &est.as_of, d)) ||
	    (st = cli_parse_month_days(month_days, &est.month_days, d)) ||
	    (st = cli_parse_format(format_text, &format, d)) ||
	    (st = cli_load_catalogue(ctx, prices, d)))
		return st;
	st = operand_count ? profile_load_file(operands[0], &est.profile, d)
	                   : profile_load_builtin(&est.profile, d);
	if (st == STATUS_OK)
		st = compute(ctx, &est, d);
	if (st == STATUS_OK) {
		if (format == FORMAT_JSON)
			print_json(ctx->out, ctx, &est);
		else if (format == FORMAT_CSV)
			print_csv(ctx->out, &est);
		else
			print_table(ctx->out, ctx, &est);
	}
	free(est.rows);
	profile_release(&est.profile);
	return st;
}
