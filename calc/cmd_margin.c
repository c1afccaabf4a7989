/* batchcalc margin: what moving inference to batch does to gross margin,
 * runway and the payback of the migration.
 * Over 800 lines on purpose: the command's table, CSV and JSON writers of
 * its one margin_result, and of the --sweep tables, kept side by side so a
 * figure added to one is seen missing from the others (issue 13's rule is
 * that writers only format; splitting them apart is how they drift). */
#include "commands.h"

#include "business.h"
#include "profile.h"
#include "../models/margin.h"
#include "../models/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc margin [PROFILE | --inference USD] (--revenue USD | --arr USD)\n"
	"                        [--cogs USD | --other-cogs USD] [--cash USD --burn USD]\n"
	"                        [--migration-days N --day-rate USD] [--batch-share N%]\n"
	"                        [--batch-price N%] [--sweep share|volume] [--step N%]\n"
	"                        [--as-of YYYY-MM-DD] [--month-days N]\n"
	"                        [--currency CODE --fx FILE | --fx-rate RATE]\n"
	"                        [--format table|csv|json] [--prices FILE] [-o FILE]";

static const char summary[] =
	"Gross margin before (inference on the real-time API) and after moving the\n"
	"batch share to the Batch API: COGS, margin and its change in points,\n"
	"savings, the revenue that would earn the same gross profit, runway, payback\n"
	"of the migration, cost per request. Inference comes from PROFILE's\n"
	"workloads (business figures from its \"business\" section) or --inference.\n"
	"--sweep share tabulates batch share 0..100%; --sweep volume tabulates volume\n"
	"growth 0..300% at fixed revenue. Business figures are in USD; --currency\n"
	"shows every amount at the rate in force on --as-of. Shares are fractions\n"
	"or percents (0.5 or 50%); a bare number above 1 is refused as ambiguous.";

struct margin_run {
	struct profile profile;
	bool have_profile;
	struct pricing_day est;   /* the profile's workloads priced on as_of */
	struct margin_bill *bills;
	size_t bill_count;
	struct business business;
	bool other_assumed, share_overridden;
	int64_t share;        /* --batch-share, parts per million */
	int64_t batch_price;  /* --batch-price, in 10,000ths of the sync price */
	struct margin_inputs in;
	struct margin_result r;
	date_days as_of;
	struct ratio month_days;
	enum { SWEEP_NONE, SWEEP_SHARE, SWEEP_VOLUME } sweep;
	int64_t step;         /* --step, in percent (hundredths) */
	/* The money above as shown: each USD figure converted once at the
	 * --as-of rate (fx, millionths; the same figures without --currency).
	 * Ratios are never taken from these, only from the USD figures. */
	int64_t fx;
	struct margin_inputs in_shown;
	struct margin_result r_shown;
	money cogs_shown, day_rate_shown, inference_change_shown, cogs_change_shown;
};

/* Converts every money figure of the run for display (see margin_run). */
static enum status compute_shown(struct cli *ctx, struct margin_run *m,
                                 struct diag *d)
{
	struct margin_inputs *in = &m->in_shown;
	struct margin_result *r = &m->r_shown;
	bool overflow = false;
	enum status st = pricing_fx_on(&ctx->pricing, m->as_of, &m->fx, d);

	if (st != STATUS_OK)
		return st;
	*in = m->in;
	*r = m->r;
	m->cogs_shown = m->business.cogs;
	m->day_rate_shown = m->business.day_rate;
	m->inference_change_shown = money_sub(m->in.inference_after,
	                                      m->in.inference_before, &overflow);
	m->cogs_change_shown = money_sub(m->r.cogs_after, m->r.cogs_before, &overflow);
	{
		money *const figures[] = {
			&in->revenue, &in->other_cogs, &in->inference_before,
			&in->inference_after, &in->cash, &in->net_burn, &in->migration_cost,
			&r->cogs_before, &r->cogs_after, &r->gross_profit_before,
			&r->gross_profit_after, &r->savings_month, &r->savings_year,
			&r->revenue_equivalent, &r->burn_after, &r->per_request_before,
			&r->per_request_after, &m->cogs_shown, &m->day_rate_shown,
			&m->inference_change_shown, &m->cogs_change_shown};
		for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++)
			*figures[i] = fx_convert(*figures[i], m->fx, &overflow);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "a figure in %s does not fit",
		                ctx->pricing.currency.code);
	return STATUS_OK;
}

static enum status parse_flags(struct margin_run *m, const char *share,
                               const char *batch_price, const char *sweep,
                               const char *step, struct diag *d)
{
	enum status st;

	m->share = SHARE_SCALE;
	m->batch_price = 5000;
	if ((st = cli_parse_share("batch-share", share, &m->share, d)) ||
	    (st = cli_parse_share("batch-price", batch_price, &m->batch_price, d)))
		return st;
	m->share_overridden = share != NULL;
	if (!sweep)
		m->sweep = SWEEP_NONE;
	else if (strcmp(sweep, "share") == 0)
		m->sweep = SWEEP_SHARE;
	else if (strcmp(sweep, "volume") == 0)
		m->sweep = SWEEP_VOLUME;
	else
		return diag_set(d, STATUS_USAGE, "--sweep: expected share or volume, "
		                "found \"%s\"", sweep);
	m->step = m->sweep == SWEEP_VOLUME ? 25 : 10;
	return cli_parse_share("step", step, &m->step, d);
}

static enum status gather_bills(struct cli *ctx, struct margin_run *m,
                                const char *inference, struct diag *d)
{
	enum status st;
	bool overflow = false;

	if (inference) {
		const char *why = NULL;
		money sync;
		if (!money_parse(inference, &sync, &why) || sync.pico < 0)
			return diag_set(d, STATUS_USAGE, "--inference: expected the monthly "
			                "inference bill in USD, 0 or more, found \"%s\"%s%s%s",
			                inference, why ? " (" : "", why ? why : "",
			                why ? ")" : "");
		if (!(m->bills = calloc(1, sizeof *m->bills)))
			return diag_set(d, STATUS_IO, "out of memory");
		m->bill_count = 1;
		m->bills[0].name = "inference";
		m->bills[0].sync = sync;
		m->bills[0].batch = money_scale(sync, m->batch_price, 10000, &overflow);
		m->bills[0].share = m->share;
		return overflow ? diag_set(d, STATUS_OVERFLOW, "--inference is too large")
		                : STATUS_OK;
	}
	if ((st = pricing_day_compute_partial(&ctx->pricing, m->profile.workloads,
	                                      m->profile.count, m->profile.origin,
	                                      m->month_days, &m->est, d)))
		return st;
	if (!(m->bills = calloc(m->profile.count ? m->profile.count : 1,
	                        sizeof *m->bills)))
		return diag_set(d, STATUS_IO, "out of memory");
	/* The priced workloads' bills; a workload without a price is in none
	 * (never $0), and the inference is then partial (margin.h). */
	for (size_t i = 0; i < m->profile.count; i++) {
		const struct pricing_workload *row = &m->est.rows[i];
		struct margin_bill *b = &m->bills[m->bill_count];
		if (row->unpriced)
			continue;
		b->name = row->w->name;
		b->sync = row->e.sync;
		b->batch = row->e.batch;
		b->share = m->share_overridden ? m->share : row->w->batch_share;
		m->bill_count++;
	}
	m->in.requests_per_month = m->est.total.requests_per_month;
	m->in.inference_partial = m->est.unpriced > 0;
	return STATUS_OK;
}

static const char *points_of(const struct margin_result *r, money revenue,
                             const char *suffix, char buf[64])
{
	bool overflow = false;
	money change = money_sub(r->gross_profit_after, r->gross_profit_before,
	                         &overflow);
	return cli_percent(change, revenue, suffix, true, buf);
}

static const char *months(double v, char buf[64])
{
	snprintf(buf, 64, "%.1f months", v);
	return buf;
}

/* What a figure that needs the whole inference bill shows when part of it
 * has no price: never a figure made of part of the bill. */
#define NOT_COMPUTED "NOT PRICED"

/* The other COGS are unknown when they are derived from a total COGS and
 * part of the inference it holds has no price. */
static bool other_unknown(const struct margin_run *m)
{
	return m->r.partial && m->business.has_cogs && !m->business.has_other_cogs;
}

/* Says, once, which figures are missing and why. */
static void print_partial(FILE *out, const struct margin_run *m)
{
	cli_wrapf(out, "  ", "\nnot computed (NOT PRICED above): COGS, gross profit, "
	          "margins, %sthe revenue equivalent, the cost per request, the burn and "
	          "runway after and the payback, which need the inference of every "
	          "workload; %zu workload%s not priced (listed below). Inference and "
	          "savings are of the priced workloads only.",
	          other_unknown(m) ? "the other COGS, " : "", m->est.unpriced,
	          m->est.unpriced == 1 ? " is" : "s are");
}

static const char *runway_text(const struct margin_result *r, bool after, char buf[64])
{
	if (after && r->partial)
		return NOT_COMPUTED;
	if (after ? r->runway_unlimited_after : r->runway_unlimited_before)
		return "unlimited (no net burn)";
	return months(after ? r->runway_after : r->runway_before, buf);
}

static void print_assumptions(FILE *out, const struct margin_run *m)
{
	char a[64], b[64];
	struct ratio share = {m->share, SHARE_SCALE / 100};
	struct ratio price = {m->batch_price, 100};

	fprintf(out, "\nassumptions:\n");
	if (m->sweep == SWEEP_SHARE) {
		fprintf(out, "  inference before: %s, all on the real-time API\n",
		        m->have_profile ? m->profile.origin : "--inference");
		fprintf(out, "  after: the row's batch share of every bill to batch%s\n",
		        m->have_profile ? "" : ", batch at the --batch-price share of sync");
	} else if (m->have_profile) {
		fprintf(out, "  inference before: the workloads of %s, all on the "
		             "real-time API\n", m->profile.origin);
		if (m->share_overridden)
			fprintf(out, "  after: %s%% of every workload to batch (--batch-share)\n",
			        cli_ratio_text(share, 2, a));
		else
			fprintf(out, "  after: each workload's batch_share to batch, the rest "
			             "sync\n");
	} else {
		fprintf(out, "  inference before: %s a month (--inference), all on the "
		             "real-time API\n", cli_money_cents(m->in_shown.inference_before, a));
		fprintf(out, "  after: %s%% of it to batch (--batch-share), batch at %s%% "
		             "of the sync price (--batch-price)\n",
		        cli_ratio_text(share, 2, a), cli_ratio_text(price, 2, b));
	}
	if (m->other_assumed)
		fprintf(out, "  non-inference COGS: 0 (not given: --cogs or --other-cogs)\n");
	else if (other_unknown(m))
		fprintf(out, "  non-inference COGS: COGS %s - an inference bill not all "
		             "priced: unknown\n", cli_money_cents(m->cogs_shown, a));
	else if (m->business.has_cogs)
		fprintf(out, "  non-inference COGS: COGS %s - inference %s\n",
		        cli_money_cents(m->cogs_shown, a),
		        cli_money_cents(m->in_shown.inference_before, b));
	if (m->business.has_migration)
		fprintf(out, "  migration: %s engineer days x %s a day\n",
		        cli_ratio_text((struct ratio){m->business.engineer_days, 100}, 2, a),
		        cli_money_cents(m->day_rate_shown, b));
	if (m->sweep == SWEEP_VOLUME)
		fprintf(out, "  volume sweep: the inference bills grow with volume;\n"
		             "        revenue and non-inference COGS stay as they are\n");
}

static void print_table(FILE *out, struct cli *ctx, const struct margin_run *m)
{
	static const bool right[] = {false, true, true, true};
	/* Money from the shown figures; percentages from the exact USD ones. */
	const struct margin_result *r = &m->r, *s = &m->r_shown;
	const struct margin_inputs *in = &m->in_shown;
	char b[4][64], per_month[32];
	const char *headers[] = {"per month", "before", "after", "change"};
	struct table t;

	if (ctx->pricing.currency.converting) {
		snprintf(per_month, sizeof per_month, "%s per month", ctx->pricing.currency.code);
		headers[0] = per_month;
	}
	fprintf(out, "gross margin before and after moving to batch\n");
	cli_stamp_text(out, ctx, m->as_of, m->have_profile ? &m->month_days : NULL);
	fputc('\n', out);
	table_init(&t, 4, headers, right);
#define ROW(label, x, y, z) \
	do { const char *c_[4] = {label, x, y, z}; table_add(&t, c_); } while (0)
	ROW("revenue", cli_money_cents(in->revenue, b[0]),
	    cli_money_cents(in->revenue, b[1]), "");
	ROW(r->partial ? "inference (priced workloads only)" : "inference",
	    cli_money_cents(in->inference_before, b[0]),
	    cli_money_cents(in->inference_after, b[1]),
	    cli_money_cents(m->inference_change_shown, b[2]));
	if (other_unknown(m))
		ROW("other COGS", NOT_COMPUTED, NOT_COMPUTED, "");
	else
		ROW("other COGS", cli_money_cents(in->other_cogs, b[0]),
		    cli_money_cents(in->other_cogs, b[1]), "");
	if (r->partial) {
		ROW("COGS", NOT_COMPUTED, NOT_COMPUTED, "");
		ROW("gross profit", NOT_COMPUTED, NOT_COMPUTED, "");
		ROW("gross margin", NOT_COMPUTED, NOT_COMPUTED, "");
		ROW("inference / revenue", NOT_COMPUTED, NOT_COMPUTED, "");
	} else {
		ROW("COGS", cli_money_cents(s->cogs_before, b[0]),
		    cli_money_cents(s->cogs_after, b[1]),
		    cli_money_cents(m->cogs_change_shown, b[2]));
		ROW("gross profit", cli_money_cents(s->gross_profit_before, b[0]),
		    cli_money_cents(s->gross_profit_after, b[1]),
		    cli_money_cents(s->savings_month, b[2]));
		ROW("gross margin", cli_percent(r->gross_profit_before, m->in.revenue, "%", false, b[0]),
		    cli_percent(r->gross_profit_after, m->in.revenue, "%", false, b[1]),
		    points_of(r, m->in.revenue, " points", b[2]));
		ROW("inference / revenue",
		    cli_percent(m->in.inference_before, m->in.revenue, "%", false, b[0]),
		    cli_percent(m->in.inference_after, m->in.revenue, "%", false, b[1]), "");
	}
	if (r->has_per_request) {
		money_format(s->per_request_before, 6, true, b[0], 64);
		money_format(s->per_request_after, 6, true, b[1], 64);
		ROW("cost per request", b[0], b[1], "");
	}
	if (r->has_runway) {
		ROW("net burn", cli_money_cents(in->net_burn, b[0]),
		    r->partial ? NOT_COMPUTED : cli_money_cents(s->burn_after, b[1]), "");
		ROW("runway", runway_text(r, false, b[0]), runway_text(r, true, b[1]), "");
	}
#undef ROW
	table_print(&t, out);
	table_release(&t);

	fprintf(out, "\nsavings%s: %s a month, %s a year\n",
	        r->partial ? " (priced workloads only)" : "",
	        cli_money_cents(s->savings_month, b[0]),
	        cli_money_cents(s->savings_year, b[1]));
	if (r->has_revenue_equivalent)
		fprintf(out, "revenue that would earn the same gross profit: %s a month "
		             "(savings / %s margin after)\n",
		        cli_money_cents(s->revenue_equivalent, b[0]),
		        cli_percent(r->gross_profit_after, m->in.revenue, "%", false, b[1]));
	if (m->business.has_migration) {
		if (r->partial)
			fprintf(out, "payback of the migration (%s): not computed (the savings "
			             "of workloads not priced are unknown)\n",
			        cli_money_cents(in->migration_cost, b[0]));
		else if (r->has_payback)
			fprintf(out, "payback of the migration (%s): %s\n",
			        cli_money_cents(in->migration_cost, b[0]),
			        months(r->payback_months, b[1]));
		else
			fprintf(out, "payback of the migration (%s): never (no savings)\n",
			        cli_money_cents(in->migration_cost, b[0]));
	}
	if (r->partial)
		print_partial(out, m);
	print_assumptions(out, m);
	cli_print_unpriced_workloads(out, &m->est);
}

static void json_optional_number(cJSON *obj, const char *key, bool has, double v)
{
	if (has)
		cJSON_AddNumberToObject(obj, key, v);
	else
		cJSON_AddNullToObject(obj, key);
}

/* Sweep rows: share (parts per million) and volume (percent of today). */
struct sweep_point {
	int64_t share, volume;
};

static size_t sweep_points(const struct margin_run *m, struct sweep_point *p,
                           size_t max)
{
	size_t n = 0;
	int64_t last = m->sweep == SWEEP_SHARE ? 100 : 300;

	for (int64_t x = 0; n < max; x += m->step) {
		if (x > last)
			x = last;
		p[n].share = m->sweep == SWEEP_SHARE ? x * (SHARE_SCALE / 100) : -1;
		p[n].volume = m->sweep == SWEEP_SHARE ? 100 : 100 + x;
		n++;
		if (x == last)
			break;
	}
	return n;
}

static enum status print_sweep(FILE *out, struct cli *ctx,
                               const struct margin_run *m, enum format format,
                               struct diag *d)
{
	const char *headers[12] = {
		"batch_share", "volume_growth", "inference_before_usd_month",
		"inference_after_usd_month", "gross_margin_before", "gross_margin_after",
		"margin_points", "savings_usd_month"};
	static const char *const share_headers[] = {
		"batch share", "inference before", "inference after",
		"margin before", "margin after", "points", "savings"};
	static const char *const volume_headers[] = {
		"volume growth", "inference before", "inference after",
		"margin before", "margin after", "points", "savings"};
	static const bool right[] = {true, true, true, true, true, true, true};
	struct sweep_point pts[128];
	size_t n = sweep_points(m, pts, 128);
	cJSON *root = NULL, *list = NULL;
	struct table t;
	enum status st;
	bool converting = ctx->pricing.currency.converting;
	int columns = converting ? 11 : 8;
	char keys[3][64];

	if (format == FORMAT_JSON) {
		root = cJSON_CreateObject();
		cJSON_AddStringToObject(root, "sweep", m->sweep == SWEEP_SHARE ? "share"
		                                                               : "volume");
		list = cJSON_AddArrayToObject(root, "rows");
	} else if (format == FORMAT_CSV) {
		for (int k = 0; k < 3 && converting; k++)
			headers[8 + k] = cli_currency_key(ctx, headers[k < 2 ? 2 + k : 7], keys[k]);
		/* A "priced" column only when some workload is not: its bills are
		 * in no figure of a row ("part"). */
		if (m->r.partial)
			headers[columns] = "priced";
		cli_csv_row(out, headers, columns + (m->r.partial ? 1 : 0));
	} else {
		fprintf(out, "gross margin by %s%s%s\n",
		        m->sweep == SWEEP_SHARE ? "batch share" : "volume growth",
		        converting ? ", money in " : "", converting ? ctx->pricing.currency.code : "");
		cli_stamp_text(out, ctx, m->as_of, m->have_profile ? &m->month_days : NULL);
		fputc('\n', out);
		table_init(&t, 7, m->sweep == SWEEP_SHARE ? share_headers : volume_headers,
		           right);
	}
	for (size_t i = 0; i < n; i++) {
		struct margin_result r;
		struct margin_inputs in = m->in;
		bool overflow = false;
		char b[11][64];
		money shown[3]; /* inference before, after, savings */
		struct ratio share = {pts[i].share < 0 ? m->share : pts[i].share, SHARE_SCALE};
		struct ratio growth = {pts[i].volume - 100, 100};

		if ((st = margin_at_share(&m->in, m->bills, m->bill_count, pts[i].share,
		                           pts[i].volume, &r, d))) {
			if (root)
				cJSON_Delete(root);
			else if (format == FORMAT_TABLE)
				table_release(&t);
			return st;
		}
		in.inference_before = money_scale(margin_bills_sync(m->bills, m->bill_count, &overflow),
		                                  pts[i].volume, 100, &overflow);
		in.inference_after = money_sub(in.inference_before, r.savings_month,
		                               &overflow);
		shown[0] = fx_convert(in.inference_before, m->fx, &overflow);
		shown[1] = fx_convert(in.inference_after, m->fx, &overflow);
		shown[2] = fx_convert(r.savings_month, m->fx, &overflow);
		if (overflow) {
			if (root)
				cJSON_Delete(root);
			else if (format == FORMAT_TABLE)
				table_release(&t);
			return diag_set(d, STATUS_OVERFLOW, "the inference bill at %s%% "
			                "volume does not fit", cli_ratio_text(
			                (struct ratio){pts[i].volume, 1}, 0, b[0]));
		}
		if (pts[i].share < 0 && !m->share_overridden && m->have_profile)
			snprintf(b[0], 64, "profile");
		else
			cli_ratio_exact(share, b[0]);
		cli_ratio_exact(growth, b[1]);
		if (format == FORMAT_JSON) {
			cJSON *row = cJSON_CreateObject();
			if (strcmp(b[0], "profile") == 0)
				cJSON_AddStringToObject(row, "batch_share", "profile");
			else
				cli_json_ratio(row, "batch_share", share);
			cli_json_ratio(row, "volume_growth", growth);
			cli_json_money_shown(row, ctx, "inference_before_usd_month",
			                     in.inference_before, shown[0]);
			cli_json_money_shown(row, ctx, "inference_after_usd_month",
			                     in.inference_after, shown[1]);
			json_optional_number(row, "gross_margin_before", !r.partial,
			                     r.gross_margin_before);
			json_optional_number(row, "gross_margin_after", !r.partial,
			                     r.gross_margin_after);
			json_optional_number(row, "margin_points", !r.partial, r.margin_points);
			cli_json_money_shown(row, ctx, "savings_usd_month", r.savings_month,
			                     shown[2]);
			cJSON_AddItemToArray(list, row);
		} else if (format == FORMAT_CSV) {
			const char *cells[12] = {b[0], b[1],
			                         cli_money_exact(in.inference_before, b[2]),
			                         cli_money_exact(in.inference_after, b[3]), b[4],
			                         b[5], b[6], cli_money_exact(r.savings_month, b[7]),
			                         cli_money_exact(shown[0], b[8]),
			                         cli_money_exact(shown[1], b[9]),
			                         cli_money_exact(shown[2], b[10])};
			snprintf(b[4], 64, "%.15g", r.gross_margin_before);
			snprintf(b[5], 64, "%.15g", r.gross_margin_after);
			snprintf(b[6], 64, "%.15g", r.margin_points);
			for (int k = 4; k < 7 && r.partial; k++)
				cells[k] = ""; /* a margin needs the whole bill */
			cells[columns] = "part";
			cli_csv_row(out, cells, columns + (r.partial ? 1 : 0));
		} else {
			const char *cells[7];
			if (m->sweep == SWEEP_SHARE)
				cli_ratio_text((struct ratio){share.num, SHARE_SCALE / 100}, 0, b[0]);
			else
				cli_ratio_text((struct ratio){pts[i].volume - 100, 1}, 0, b[0]);
			snprintf(b[0] + strlen(b[0]), 8, "%%");
			cells[0] = b[0];
			cells[1] = cli_money_cents(shown[0], b[2]);
			cells[2] = cli_money_cents(shown[1], b[3]);
			cells[3] = cli_percent(r.gross_profit_before, in.revenue, "%", false, b[4]);
			cells[4] = cli_percent(r.gross_profit_after, in.revenue, "%", false, b[5]);
			cells[5] = points_of(&r, in.revenue, "", b[6]);
			for (int k = 3; k < 6 && r.partial; k++)
				cells[k] = NOT_COMPUTED;
			cells[6] = cli_money_cents(shown[2], b[7]);
			table_add(&t, cells);
		}
	}
	if (format == FORMAT_JSON) {
		if (m->r.partial) {
			cJSON_AddTrueToObject(root, "priced_workloads_only");
			cli_json_int(root, "unpriced_workloads", (int64_t)m->est.unpriced);
		}
		cJSON_AddItemToObject(root, "stamp",
		                      cli_stamp_json(ctx, m->as_of,
		                                     m->have_profile ? &m->month_days : NULL));
		cli_json_print(out, root);
		cJSON_Delete(root);
	} else if (format == FORMAT_TABLE) {
		table_print(&t, out);
		table_release(&t);
		if (m->r.partial)
			cli_wrapf(out, "  ", "\ninference and savings: of the priced workloads "
			          "only; margins: not computed, they need the inference of every "
			          "workload (%zu NOT PRICED, listed below)", m->est.unpriced);
		print_assumptions(out, m);
		cli_print_unpriced_workloads(out, &m->est);
	}
	return STATUS_OK;
}


/* A money figure, or null under its key (and its converted key) when it
 * needs inference that has no price. */
static void json_money_known(cJSON *obj, const struct cli *ctx, const char *key,
                             bool known, money usd, money shown)
{
	char ckey[64];

	if (known) {
		cli_json_money_shown(obj, ctx, key, usd, shown);
		return;
	}
	cJSON_AddNullToObject(obj, key);
	if (ctx->pricing.currency.converting)
		cJSON_AddNullToObject(obj, cli_currency_key(ctx, key, ckey));
}

static void print_json(FILE *out, struct cli *ctx, const struct margin_run *m)
{
	const struct margin_result *r = &m->r, *s = &m->r_shown;
	const struct margin_inputs *in = &m->in_shown;
	cJSON *root = cJSON_CreateObject(), *assume;
	bool known = !r->partial;

	if (r->partial) {
		/* Inference and savings are the priced workloads'; what needs the
		 * whole bill is null. */
		cJSON_AddTrueToObject(root, "priced_workloads_only");
		cli_json_int(root, "unpriced_workloads", (int64_t)m->est.unpriced);
	}
	cli_json_money_shown(root, ctx, "revenue_usd_month", m->in.revenue, in->revenue);
	cli_json_money_shown(root, ctx, "inference_usd_month_before",
	                     m->in.inference_before, in->inference_before);
	cli_json_money_shown(root, ctx, "inference_usd_month_after",
	                     m->in.inference_after, in->inference_after);
	json_money_known(root, ctx, "other_cogs_usd_month", !other_unknown(m),
	                 m->in.other_cogs, in->other_cogs);
	json_money_known(root, ctx, "cogs_usd_month_before", known, r->cogs_before,
	                 s->cogs_before);
	json_money_known(root, ctx, "cogs_usd_month_after", known, r->cogs_after,
	                 s->cogs_after);
	json_money_known(root, ctx, "gross_profit_usd_month_before", known,
	                 r->gross_profit_before, s->gross_profit_before);
	json_money_known(root, ctx, "gross_profit_usd_month_after", known,
	                 r->gross_profit_after, s->gross_profit_after);
	json_optional_number(root, "gross_margin_before", known, r->gross_margin_before);
	json_optional_number(root, "gross_margin_after", known, r->gross_margin_after);
	json_optional_number(root, "margin_points", known, r->margin_points);
	cli_json_money_shown(root, ctx, "savings_usd_month",
	                     r->savings_month, s->savings_month);
	cli_json_money_shown(root, ctx, "savings_usd_year",
	                     r->savings_year, s->savings_year);
	if (r->has_revenue_equivalent)
		cli_json_money_shown(root, ctx, "revenue_equivalent_usd_month",
		                     r->revenue_equivalent, s->revenue_equivalent);
	else
		cJSON_AddNullToObject(root, "revenue_equivalent_usd_month");
	json_optional_number(root, "inference_share_of_revenue_before", known,
	                     r->inference_per_revenue_before);
	json_optional_number(root, "inference_share_of_revenue_after", known,
	                     r->inference_per_revenue_after);
	if (r->has_per_request) {
		cli_json_ratio(root, "requests_per_month", m->in.requests_per_month);
		cli_json_money_shown(root, ctx, "cost_per_request_usd_before",
		                     r->per_request_before, s->per_request_before);
		cli_json_money_shown(root, ctx, "cost_per_request_usd_after",
		                     r->per_request_after, s->per_request_after);
	}
	if (r->has_runway) {
		cli_json_money_shown(root, ctx, "cash_usd", m->in.cash, in->cash);
		cli_json_money_shown(root, ctx, "net_burn_usd_month_before",
		                     m->in.net_burn, in->net_burn);
		json_money_known(root, ctx, "net_burn_usd_month_after", known,
		                 r->burn_after, s->burn_after);
		/* null: nothing burns, the runway has no end (or, partial, the
		 * runway after is not known). */
		json_optional_number(root, "runway_months_before",
		                     !r->runway_unlimited_before, r->runway_before);
		json_optional_number(root, "runway_months_after",
		                     known && !r->runway_unlimited_after, r->runway_after);
	}
	if (m->business.has_migration) {
		cli_json_money_shown(root, ctx, "migration_cost_usd",
		                     m->in.migration_cost, in->migration_cost);
		json_optional_number(root, "payback_months", r->has_payback,
		                     r->payback_months);
	}
	if (r->partial) {
		cJSON *list = cJSON_AddArrayToObject(root, "unpriced");
		for (size_t i = 0; i < m->est.count; i++) {
			const struct pricing_workload *row = &m->est.rows[i];
			cJSON *o;
			if (!row->unpriced)
				continue;
			o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "name", row->w->name);
			cJSON_AddStringToObject(o, "model", row->w->model);
			cli_json_ratio(o, "requests_per_month", row->e.requests_per_month);
			cJSON_AddStringToObject(o, "why_not_priced", row->why.text);
			cJSON_AddItemToArray(list, o);
		}
	}
	if (r->cogs_exceed_revenue)
		cJSON_AddBoolToObject(root, "negative_gross_margin", true);
	assume = cJSON_AddObjectToObject(root, "assumptions");
	cJSON_AddStringToObject(assume, "inference_source",
	                        m->have_profile ? m->profile.origin : "--inference");
	if (m->have_profile && !m->share_overridden)
		cJSON_AddStringToObject(assume, "batch_share", "profile");
	else
		cli_json_ratio(assume, "batch_share", (struct ratio){m->share, SHARE_SCALE});
	if (!m->have_profile)
		cli_json_ratio(assume, "batch_price_of_sync",
		               (struct ratio){m->batch_price, 10000});
	cJSON_AddBoolToObject(assume, "non_inference_cogs_assumed_zero", m->other_assumed);
	cJSON_AddItemToObject(root, "stamp",
	                      cli_stamp_json(ctx, m->as_of,
	                                     m->have_profile ? &m->month_days : NULL));
	cli_json_print(out, root);
	cJSON_Delete(root);
}

/* A money row of the CSV (before may be absent: NULL) and, when converting,
 * the same row in the currency under the converted key; empty cells, never
 * 0, for a figure not `known` (it needs inference that has no price). */
static void csv_money(FILE *out, const struct cli *ctx, const char *key, bool known,
                      const money *before, money after, const money *before_shown,
                      money after_shown)
{
	char b[3][64];
	const char *cells[3] = {key, before && known ? cli_money_exact(*before, b[0]) : "",
	                        known ? cli_money_exact(after, b[1]) : ""};

	cli_csv_row(out, cells, 3);
	if (!ctx->pricing.currency.converting)
		return;
	cells[0] = cli_currency_key(ctx, key, b[2]);
	cells[1] = before && known ? cli_money_exact(*before_shown, b[0]) : "";
	cells[2] = known ? cli_money_exact(after_shown, b[1]) : "";
	cli_csv_row(out, cells, 3);
}

static void print_csv(FILE *out, const struct cli *ctx, const struct margin_run *m)
{
	static const char *const header[] = {"figure", "before", "after"};
	const struct margin_result *r = &m->r, *s = &m->r_shown;
	const struct margin_inputs *in = &m->in, *ins = &m->in_shown;
	bool known = !r->partial;
	char b[2][64];

#define ROW(label, x, y) \
	do { const char *c_[3] = {label, x, y}; cli_csv_row(out, c_, 3); } while (0)
	cli_csv_row(out, header, 3);
	csv_money(out, ctx, "revenue_usd_month", true, &in->revenue, in->revenue,
	          &ins->revenue, ins->revenue);
	/* With workloads not priced: the priced workloads' inference. */
	csv_money(out, ctx, "inference_usd_month", true, &in->inference_before,
	          in->inference_after, &ins->inference_before, ins->inference_after);
	csv_money(out, ctx, "other_cogs_usd_month", !other_unknown(m), &in->other_cogs,
	          in->other_cogs, &ins->other_cogs, ins->other_cogs);
	csv_money(out, ctx, "cogs_usd_month", known, &r->cogs_before, r->cogs_after,
	          &s->cogs_before, s->cogs_after);
	csv_money(out, ctx, "gross_profit_usd_month", known, &r->gross_profit_before,
	          r->gross_profit_after, &s->gross_profit_before, s->gross_profit_after);
	snprintf(b[0], 64, "%.15g", r->gross_margin_before);
	snprintf(b[1], 64, "%.15g", r->gross_margin_after);
	ROW("gross_margin", known ? b[0] : "", known ? b[1] : "");
	snprintf(b[1], 64, "%.15g", r->margin_points);
	ROW("margin_points", "", known ? b[1] : "");
	csv_money(out, ctx, "savings_usd_month", true, NULL, r->savings_month, NULL,
	          s->savings_month);
	csv_money(out, ctx, "savings_usd_year", true, NULL, r->savings_year, NULL,
	          s->savings_year);
	if (r->has_revenue_equivalent)
		csv_money(out, ctx, "revenue_equivalent_usd_month", true, NULL,
		          r->revenue_equivalent, NULL, s->revenue_equivalent);
	if (r->has_per_request)
		csv_money(out, ctx, "cost_per_request_usd", true, &r->per_request_before,
		          r->per_request_after, &s->per_request_before,
		          s->per_request_after);
	if (r->has_runway) {
		snprintf(b[0], 64, "%.15g", r->runway_before);
		snprintf(b[1], 64, "%.15g", r->runway_after);
		ROW("runway_months", r->runway_unlimited_before ? "unlimited" : b[0],
		    !known ? "" : r->runway_unlimited_after ? "unlimited" : b[1]);
	}
	if (m->business.has_migration) {
		snprintf(b[1], 64, "%.15g", r->payback_months);
		ROW("payback_months", "", !known ? "" : r->has_payback ? b[1] : "never");
	}
	if (!known) {
		/* The inference and savings above are the priced workloads'. */
		snprintf(b[1], 64, "%zu", m->est.unpriced);
		ROW("unpriced_workloads", "", b[1]);
	}
#undef ROW
}

enum status cmd_margin(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	struct common_flags cf = {0};
	const char *inference = NULL, *share = NULL,
	           *batch_price = NULL, *sweep = NULL, *step = NULL;
	struct business_flags bf = {0};
	bool help = false;
	const struct option_spec specs[] = {
		{"inference", 0, OPTION_VALUE, "USD", "monthly inference bill today (instead of PROFILE)", &inference},
		BUSINESS_OPTIONS(bf),
		{"batch-share", 0, OPTION_VALUE, "N%", "share moved to batch, 0.8 or 80% (default: the profile's, or all)", &share},
		{"batch-price", 0, OPTION_VALUE, "N%", "with --inference: batch price as a share of sync (default 50%)", &batch_price},
		{"sweep", 0, OPTION_VALUE, "WHAT", "tabulate over batch share (share) or volume growth (volume)", &sweep},
		{"step", 0, OPTION_VALUE, "N%", "sweep step (default 10% for share, 25% for volume)", &step},
		COMMON_OPTIONS(cf, ctx),
		OPTION_END,
	};
	const char *operands[1];
	int operand_count;
	enum format format;
	struct margin_run m;
	enum status st;
	char a[64];

	memset(&m, 0, sizeof m);
	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if (operand_count && inference)
		return diag_set(d, STATUS_USAGE, "give either PROFILE or --inference, not both");
	if (operand_count && batch_price)
		return diag_set(d, STATUS_USAGE, "--batch-price applies to --inference; "
		                "a profile's workloads are priced at their models' batch "
		                "rates");
	if (!operand_count && !inference)
		return diag_set(d, STATUS_USAGE, "margin needs the inference bill: a "
		                "PROFILE of workloads or --inference USD");
	if ((st = cli_parse_common(ctx, &cf, &m.as_of, &m.month_days, &format, d)) ||
	    (st = parse_flags(&m, share, batch_price, sweep, step, d)))
		return st;
	if (operand_count) {
		if ((st = profile_load_file(operands[0], &m.profile, d)))
			return st;
		m.have_profile = true;
	}
	if ((st = business_load(m.have_profile ? &m.profile : NULL, &bf, &m.business, d)))
		goto done;
	if (!m.business.has_revenue) {
		st = diag_set(d, STATUS_USAGE, "margin needs the monthly revenue: "
		              "--revenue, --arr, or business.revenue_usd_month in a JSON "
		              "profile");
		goto done;
	}
	if (m.business.has_cash != m.business.has_burn) {
		st = diag_set(d, STATUS_USAGE, "runway needs both the cash (--cash) and "
		              "the monthly net burn (--burn)");
		goto done;
	}
	if ((st = gather_bills(ctx, &m, inference, d)))
		goto done;
	{
		bool overflow = false;
		m.in.revenue = m.business.revenue;
		m.in.inference_before = margin_bills_sync(m.bills, m.bill_count, &overflow);
		m.in.inference_after = margin_bills_after(m.bills, m.bill_count, -1, &overflow);
		if (overflow) {
			st = diag_set(d, STATUS_OVERFLOW, "the inference bill does not fit");
			goto done;
		}
	}
	m.in.has_cash = m.business.has_cash;
	m.in.cash = m.business.cash;
	m.in.has_burn = m.business.has_burn;
	m.in.net_burn = m.business.net_burn;
	m.in.migration_cost = m.business.migration_cost;
	if ((st = business_other_cogs(&m.business, m.in.inference_before,
	                              &m.in.other_cogs, &m.other_assumed, d)) ||
	    (st = margin_compute(&m.in, &m.r, d)) ||
	    (st = compute_shown(ctx, &m, d)))
		goto done;
	cli_print_warnings(ctx); /* the pricing's first: they were met first */
	if (m.r.gross_profit_before.pico < 0 || m.r.gross_profit_after.pico < 0)
		cli_warn("COGS is above revenue (%s a month) %s: the gross margin is "
		         "negative", cli_money_cents(m.in_shown.revenue, a),
		         m.r.gross_profit_after.pico >= 0 ? "before the move"
		         : m.r.gross_profit_before.pico >= 0 ? "after the move"
		         : "before and after the move");
	if (m.sweep != SWEEP_NONE)
		st = print_sweep(ctx->out, ctx, &m, format, d);
	else if (format == FORMAT_JSON)
		print_json(ctx->out, ctx, &m);
	else if (format == FORMAT_CSV)
		print_csv(ctx->out, ctx, &m);
	else
		print_table(ctx->out, ctx, &m);
done:
	free(m.bills);
	pricing_day_release(&m.est);
	if (m.have_profile)
		profile_release(&m.profile);
	return st;
}
