/* batchcalc plan: batch packing, sync feasibility per rate-limit tier, growth
 * and the payback of the migration to batch. */
#include "commands.h"

#include "plan.h"
#include "../models/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc plan [PROFILE] [--tier N] [--rpm N] [--itpm N] [--otpm N]\n"
	"                      [--queue-limit N] [--window-hours H] [--bytes-per-token B]\n"
	"                      [--overhead-bytes N] [--growth N%] [--months N]\n"
	"                      [--horizon N] [--revenue-growth N%] [business flags]\n"
	"                      [--as-of YYYY-MM-DD] [--month-days N]\n"
	"                      [--currency CODE --fx FILE | --fx-rate RATE]\n"
	"                      [--format table|csv|json] [--prices FILE] [-o FILE]";

static const char summary[] =
	"For each workload of PROFILE (default: the seed article's scenarios) on the\n"
	"provider's dated limits: how many batches one daily submission needs and\n"
	"whether it fits the tier's batch queue; whether the traffic fits the tier's\n"
	"RPM / ITPM / OTPM on the real-time API, the binding limit and the lowest\n"
	"tier that fits; with --growth, month by month cost, margin, the month each\n"
	"limit is first exceeded and the month the migration is paid back; and the\n"
	"smallest daily volume at which batching pays for the migration.";

/* ---- output ---- */

static const char *count_text(int64_t n, char buf[64])
{
	return cli_ratio_text((struct ratio){n, 1}, 0, buf);
}

/* A per-minute rate with one decimal, grouped: "347,222.2". */
static const char *rate_text(double v, char buf[64])
{
	return cli_ratio_text((struct ratio){(int64_t)llround(v * 10.0), 10}, 1, buf);
}

static const char *use_text(double v, char buf[64])
{
	if (isinf(v))
		snprintf(buf, 64, "no limit");
	else
		snprintf(buf, 64, "%.0f%%", v * 100.0);
	return buf;
}

/* n, or `none` when n is 0 (no tier fits, no month breaks a limit). */
static const char *number_or(int n, const char *none, char buf[64])
{
	if (n > 0)
		snprintf(buf, 64, "%d", n);
	else
		snprintf(buf, 64, "%s", none);
	return buf;
}

static void print_assumptions(FILE *out, const struct plan *p)
{
	char a[64], range[32];

	fprintf(out, "\nassumptions (each can be changed by the flag named):\n");
	fprintf(out, "  request bytes: prompt tokens x %s bytes (--bytes-per-token) + %s "
	             "bytes of JSON (--overhead-bytes)\n",
	        cli_ratio_text((struct ratio){p->settings.bytes_per_token, 100}, 2, a),
	        count_text(p->settings.overhead_bytes, (char[64]){0}));
	fprintf(out, "  batch: one submission a day, all of a day's batch requests "
	             "waiting at once\n");
	fprintf(out, "  sync: traffic spread evenly over a %s-minute working window "
	             "(--window-hours);\n        ITPM counts uncached input + cache "
	             "writes, not cache reads\n",
	        count_text(p->settings.window_minutes, a));
	{
		/* A named tier (Anthropic's Start, Build, ... from 2026-06-26) and
		 * its monthly spend cap. */
		const struct rate_limit_table *t = p->rates_used;
		char name[80] = "", cap[64];
		if (t && t->names && p->tier >= 1 && (size_t)p->tier <= t->name_count) {
			const struct tier_name *n = &t->names[p->tier - 1];
			snprintf(name, sizeof name, " = %s, monthly spend cap %s%s", n->name,
			         n->capped ? "$" : "", n->capped ? cli_money_cents(n->monthly_cap, cap)
			         : n->cap_published ? "no cap" : "not published");
		}
		fprintf(out, "  tier: %d%s (--tier)%s%s%s%s\n", p->tier, name,
		        p->rpm ? ", RPM set by --rpm" : "", p->itpm ? ", ITPM by --itpm" : "",
		        p->otpm ? ", OTPM by --otpm" : "",
		        p->queue_limit ? ", queue by --queue-limit" : "");
	}
	if (p->rates_used) {
		plan_range_text(p->rates_used->from, p->rates_used->to, range);
		fprintf(out, "  rate limits: the table of %s%s\n", range,
		        p->rates_stale ? ", the latest on record (none is in force)" : "");
	}
	if (p->queue_used) {
		plan_range_text(p->queue_used->from, p->queue_used->to, range);
		fprintf(out, "  batch queue limits: the table of %s%s\n", range,
		        p->queue_stale ? ", the latest on record (none is in force)" : "");
	}
	fprintf(out, "  workloads on one model share its rate limits (checked together); "
	             "the batch\n        queue is shared by a provider's models\n");
	if (p->growth_given)
		fprintf(out, "  growth: %.2f%% a month in volume (--growth), %.2f%% in "
		             "revenue and other COGS\n        (--revenue-growth); month 1 "
		             "is today's volume; months are rounded to whole requests\n",
		        p->growth * 100.0, p->revenue_growth * 100.0);
}

/* The model a row names: the catalogue's id, or the profile's text. */
static const char *row_model(const struct plan_row *r)
{
	return r->est->model ? r->est->model->id : r->est->w->model;
}

/* Margins (and the break-even) are not computed: some workload has no
 * price, and they need the money of every one. */
static bool margins_unpriced(const struct plan *p)
{
	return p->business.has_revenue && p->est->unpriced;
}

/* With a table of the provider's in force that gives no figure, the figure
 * is not published; without any table there is no data. */
static const char *missing_text(const struct plan *p, const struct provider *provider,
                                bool queue)
{
	bool stale = true;
	bool in_force = provider &&
	                (queue ? capacity_queue_table(provider, p->as_of, &stale) != NULL
	                       : capacity_rate_table(provider, p->as_of, &stale) != NULL) &&
	                !stale;
	return in_force ? "not published" : "no data";
}

static const char *queue_text(const struct plan *p, const struct provider *provider,
                              const struct queue_fit *q, char buf[64])
{
	char limit[64];

	if (!q->known)
		return missing_text(p, provider, true);
	snprintf(buf, 64, "%s (%s)", q->fits ? "fits" : "over",
	         count_text(q->limit, limit));
	return buf;
}

static void print_packing(FILE *out, const struct plan *p)
{
	static const char *const headers[] = {"workload", "requests/day", "to batch",
	                                      "bytes/req", "batches", "bound", "queue",
	                                      "queue tier"};
	static const bool right[] = {false, true, true, true, true, false, false, true};
	struct table t;
	char b[8][64];

	fprintf(out, "\nbatch packing: one submission a day; queue at tier %d\n", p->tier);
	table_init(&t, 8, headers, right);
	for (size_t i = 0; i < p->profile.count; i++) {
		const struct plan_row *r = &p->plan[i];
		const char *cells[8];

		cells[0] = r->est->w->name;
		cells[1] = cli_ratio_text(r->per_day, 2, b[1]);
		cells[2] = count_text(r->pack.requests, b[2]);
		cells[3] = count_text(r->pack.request_bytes, b[3]);
		if (!r->est->model) {
			/* No provider: neither its batch limits nor its queue. */
			cells[4] = "?";
			cells[5] = "-";
			cells[6] = "unknown model";
			cells[7] = "-";
			table_add(&t, cells);
			continue;
		}
		if (r->pack.request_too_large)
			cells[4] = "too big";
		else if (r->pack.per_batch == 0)
			cells[4] = "no limit";
		else
			cells[4] = count_text(r->pack.batches, b[4]);
		cells[5] = r->pack.requests == 0 ? "-"
		         : r->pack.bound == BOUND_BYTES ? "bytes"
		         : r->pack.bound == BOUND_REQUESTS ? "count" : "-";
		cells[6] = queue_text(p, r->provider, &r->queue, b[6]);
		cells[7] = r->queue.known ? number_or(r->queue.min_tier, "none", b[7]) : "-";
		table_add(&t, cells);
	}
	for (size_t i = 0; i < p->total_count; i++) {
		const struct provider_total *pt = &p->totals[i];
		const char *cells[8];

		if (pt->workloads < 2)
			continue;
		snprintf(b[0], 64, "total %s", pt->provider->id);
		cells[0] = b[0];
		cells[1] = cli_ratio_text(pt->per_day, 2, b[1]);
		cells[2] = count_text(pt->batch_requests, b[2]);
		cells[3] = "";
		cells[4] = count_text(pt->batches, b[4]);
		cells[5] = "";
		cells[6] = queue_text(p, pt->provider, &pt->queue, b[6]);
		cells[7] = pt->queue.known ? number_or(pt->queue.min_tier, "none", b[7]) : "-";
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	for (size_t i = 0; i < p->profile.count; i++) {
		const struct plan_row *r = &p->plan[i];
		if (r->pack.bound == BOUND_BYTES && r->pack.batches_by_requests &&
		    r->pack.batches > r->pack.batches_by_requests)
			fprintf(out, "%s: the byte limit binds: %s requests of %s bytes fit "
			             "in a batch;\n  the request limit alone would need %s\n",
			        r->est->w->name, count_text(r->pack.per_batch, b[0]),
			        count_text(r->pack.request_bytes, b[1]),
			        count_text(r->pack.batches_by_requests, b[2]));
		if (r->pack.request_too_large)
			fprintf(out, "%s: one request (%s bytes) is above the batch byte "
			             "limit\n", r->est->w->name,
			        count_text(r->pack.request_bytes, b[0]));
		if (!r->est->model)
			cli_wrapf(out, "  ", "%s: %s is not in the catalogue: its provider's batch "
			          "and rate limits are unknown, and it is in no provider's "
			          "total", r->est->w->name, r->est->w->model);
	}
}

static void print_sync(FILE *out, const struct plan *p, bool plan_share)
{
	static const char *const headers[] = {"workload", "RPM", "use", "ITPM", "use",
	                                      "OTPM", "use", "fits", "min tier"};
	static const bool right[] = {false, true, true, true, true, true, true, false, true};
	struct table t;
	char b[9][64];
	bool any = false;

	for (size_t i = 0; i < p->profile.count; i++)
		any = any || (plan_share && p->plan[i].est->w->batch_share < SHARE_SCALE &&
		              p->plan[i].est->w->batch_share > 0);
	if (plan_share && !any)
		return;
	if (plan_share)
		fprintf(out, "\nthe plan's sync share (1 - batch_share) on the real-time "
		             "API, tier %d, needs per minute:\n", p->tier);
	else
		fprintf(out, "\nall requests on the real-time API, tier %d, need per "
		             "minute (* the binding limit):\n", p->tier);
	table_init(&t, 9, headers, right);
	for (size_t i = 0; i < p->profile.count; i++) {
		const struct plan_row *r = &p->plan[i];
		const struct tier_fit *f = plan_share ? &r->plan_sync : &r->all_sync;
		const char *cells[9] = {r->est->w->name, "", "", "", "", "", "", "", ""};

		if (plan_share && r->est->w->batch_share == SHARE_SCALE)
			continue; /* nothing of it stays on the real-time API */
		if (!r->has_limits) {
			cells[7] = !r->est->model ? "unknown model"
			                          : missing_text(p, r->provider, false);
			table_add(&t, cells);
			continue;
		}
		for (int k = 0; k < LIMIT_KINDS; k++) {
			cells[1 + 2 * k] = rate_text(f->need[k], b[1 + 2 * k]);
			use_text(f->use[k], b[2 + 2 * k]);
			/* A blank where others have the mark keeps the % signs aligned. */
			strncat(b[2 + 2 * k], k == (int)f->binding ? "*" : " ",
			        63 - strlen(b[2 + 2 * k]));
			cells[2 + 2 * k] = b[2 + 2 * k];
		}
		cells[7] = f->fits ? "yes" : "no";
		cells[8] = r->group ? number_or(plan_share ? r->plan_min_tier : r->min_tier,
		                                "none", b[8]) : "-";
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	for (size_t i = 0; i < p->model_count; i++) {
		const struct model_total *mt = &p->models[i];
		const struct tier_fit *f = plan_share ? &mt->plan_fit : &mt->all_fit;

		if (mt->workloads < 2 || !mt->row->has_limits)
			continue;
		fprintf(out, "together on %s (%zu workloads, one set of limits):\n  ",
		        mt->row->est->model->id, mt->workloads);
		for (int k = 0; k < LIMIT_KINDS; k++)
			fprintf(out, "%s %s %s%s, ", k == 0 ? "RPM" : k == 1 ? "ITPM" : "OTPM",
			        rate_text(f->need[k], b[0]), use_text(f->use[k], b[1]),
			        k == (int)f->binding ? "*" : "");
		fprintf(out, "%s", f->fits ? "fits" : "does not fit");
		if (!plan_share && mt->row->group)
			fprintf(out, ", min tier %s", number_or(mt->min_tier, "none", b[2]));
		fputc('\n', out);
	}
	if (plan_share)
		return;
	/* The limits used, once per distinct set. */
	for (size_t i = 0; i < p->profile.count; i++) {
		const struct plan_row *r = &p->plan[i];
		bool seen = false;
		if (!r->has_limits)
			continue;
		for (size_t j = 0; j < i; j++)
			seen = seen || (p->plan[j].has_limits &&
			                p->plan[j].group == r->group);
		if (seen)
			continue;
		char name[32] = "";
		if (r->rates && r->rates->names)
			snprintf(name, sizeof name, " = %s", rate_limit_tier_text(r->rates, p->tier,
			                                                          (char[16]){0}));
		fprintf(out, "tier %d%s%s%s%s: %s RPM = %s requests a day, %s ITPM, %s OTPM\n",
		        p->tier, name, r->group ? " (" : "", r->group ? r->group->name : "",
		        r->group ? ")" : "", count_text(r->limits.rpm, b[0]),
		        count_text(r->limits.rpm * p->settings.window_minutes, b[3]),
		        count_text(r->limits.itpm, b[1]), count_text(r->limits.otpm, b[2]));
	}
}

/* The rates of the growth table, one entry per run of months sharing one:
 * "0.852 in month 1, 0.9302 in months 2-4". */
static void print_month_rates(FILE *out, const struct cli *ctx,
                              const struct plan *p)
{
	size_t column;
	char text[64];

	column = (size_t)fprintf(out, "%s per USD on each month's first day (month 1 "
	                         "is the --as-of month):", ctx->pricing.currency.code);
	for (int m = 0, first = 0; m < p->months; m++) {
		char entry[128];
		int n;

		if (m + 1 < p->months && p->fx[m + 1] == p->fx[first])
			continue;
		cli_ratio_exact((struct ratio){p->fx[first], FX_SCALE}, text);
		n = first == m ? snprintf(entry, sizeof entry, " %s in month %d", text, first + 1)
		               : snprintf(entry, sizeof entry, " %s in months %d-%d", text,
		                          first + 1, m + 1);
		if (column + (size_t)n + 1 > 80) {
			fputs("\n ", out);
			column = 1;
		}
		column += (size_t)fprintf(out, "%s%s", entry, m + 1 < p->months ? "," : "\n");
		first = m + 1;
	}
	fprintf(out, "cumulative: the months' savings added up, each at its month's rate\n");
}

static void print_growth(FILE *out, const struct cli *ctx, const struct plan *p)
{
	static const char *const headers[] = {"month", "requests", "sync", "batch",
	                                      "hybrid", "savings", "cumulative",
	                                      "margin sync", "margin plan"};
	static const bool right[] = {true, true, true, true, true, true, true, true, true};
	struct table t;
	char b[9][64];

	fprintf(out, "\ngrowth: %.2f%% a month, %s per month%s\n", p->growth * 100.0,
	        ctx->pricing.currency.converting ? ctx->pricing.currency.code : "USD",
	        p->est->unpriced ? " (requests: every workload; money: the priced "
	                           "workloads only)" : "");
	table_init(&t, p->has_margins || margins_unpriced(p) ? 9 : 7, headers, right);
	for (int m = 0; m < p->months; m++) {
		const struct projection_month *pm = &p->month[m];
		const char *cells[9];

		snprintf(b[0], 64, "%d", pm->month);
		cells[0] = b[0];
		cells[1] = count_text(pm->requests, b[8]);
		for (int f = 0; f < PLAN_FIGURES; f++)
			cells[2 + f] = cli_money_cents(p->shown_month[m][f], b[1 + f]);
		if (p->has_margins) {
			cells[7] = cli_percent(p->margin[m].gross_profit_before,
			                       p->revenue[m], "%", false, b[6]);
			cells[8] = cli_percent(p->margin[m].gross_profit_after,
			                       p->revenue[m], "%", false, b[7]);
		} else if (margins_unpriced(p)) {
			cells[7] = cells[8] = "NOT PRICED"; /* they need every workload */
		}
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	if (ctx->pricing.currency.converting)
		print_month_rates(out, ctx, p);

	fprintf(out, "\nfirst month a limit is exceeded (- = not within %d month%s, ? = no "
	             "data):\nplan = the plan's sync share and batch queue; all sync = "
	             "every request on the real-time API;\na model id is its workloads "
	             "together\n", p->months, p->months == 1 ? "" : "s");
	{
		static const char *const lh[] = {"workload", "plan RPM", "ITPM", "OTPM",
		                                 "queue", "all sync RPM", "ITPM", "OTPM"};
		static const bool lr[] = {false, true, true, true, true, true, true, true};
		table_init(&t, 8, lh, lr);
		for (size_t i = 0; i < p->profile.count; i++) {
			const struct plan_row *r = &p->plan[i];
			const char *cells[8] = {r->est->w->name};
			for (int k = 0; k < LIMIT_KINDS; k++) {
				cells[1 + k] = r->has_limits ? number_or(r->first_plan[k], "-", b[k]) : "?";
				cells[5 + k] = r->has_limits ? number_or(r->first_all_sync[k], "-", b[4 + k]) : "?";
			}
			cells[4] = r->queue.known ? number_or(r->first_queue, "-", b[3]) : "?";
			table_add(&t, cells);
		}
		for (size_t i = 0; i < p->model_count; i++) {
			const struct model_total *mt = &p->models[i];
			const char *cells[8] = {row_model(mt->row), "", "", "", "", "", "", ""};
			if (mt->workloads < 2 || !mt->row->has_limits)
				continue;
			for (int k = 0; k < LIMIT_KINDS; k++) {
				cells[1 + k] = number_or(mt->first_plan[k], "-", b[k]);
				cells[5 + k] = number_or(mt->first_all[k], "-", b[4 + k]);
			}
			table_add(&t, cells);
		}
		for (size_t i = 0; i < p->total_count; i++) {
			const struct provider_total *pt = &p->totals[i];
			const char *cells[8] = {b[0], "", "", "", "", "", "", ""};
			if (pt->workloads < 2)
				continue;
			snprintf(b[0], 64, "total %s", pt->provider->id);
			cells[4] = pt->queue.known ? number_or(pt->first_queue, "-", b[3]) : "?";
			table_add(&t, cells);
		}
		table_print(&t, out);
		table_release(&t);
	}
}

static void print_payback(FILE *out, const struct plan *p)
{
	char a[64], b[64];

	if (!p->business.has_migration) {
		fprintf(out, "\nno migration effort given (--migration-days, --day-rate): "
		             "no break-even\n");
		return;
	}
	fprintf(out, "\nmigration: %s engineer days x %s = %s\n",
	        cli_ratio_text((struct ratio){p->business.engineer_days, 100}, 2, a),
	        cli_money_cents(p->shown_day_rate, b),
	        cli_money_cents(p->shown_migration_cost, (char[64]){0}));
	if (p->est->unpriced) {
		cli_wrapf(out, "  ", "break-even: not computed, nor the daily volume at which "
		          "batching pays for the migration with this profile's mix: they "
		          "need the savings of every workload (%zu NOT PRICED)", p->est->unpriced);
	} else if (p->break_even > 0)
		fprintf(out, "break-even: month %d (cumulative savings reach the "
		             "migration cost)\n", p->break_even);
	else if (p->break_even == 0)
		fprintf(out, "break-even: at once (nothing to pay back)\n");
	else
		fprintf(out, "break-even: not within %d month%s\n", p->months,
		        p->months == 1 ? "" : "s");
	if (p->est->unpriced)
		; /* said above */
	else if (p->has_min_volume)
		fprintf(out, "batching pays for the migration within %d month%s from %s "
		             "request%s a day (this profile's mix)\n", p->horizon,
		        p->horizon == 1 ? "" : "s", count_text(p->min_volume, a),
		        p->min_volume == 1 ? "" : "s");
	else
		fprintf(out, "batching never pays for the migration within %d month%s "
		             "(no saving per request)\n", p->horizon, p->horizon == 1 ? "" : "s");
	for (size_t i = 0; i < p->profile.count; i++) {
		const struct plan_row *r = &p->plan[i];
		if (r->est->unpriced)
			fprintf(out, "  %s alone: NOT PRICED\n", r->est->w->name);
		else if (r->has_min_volume)
			fprintf(out, "  %s alone: from %s requests a day\n", r->est->w->name,
			        count_text(r->min_volume, a));
		else
			fprintf(out, "  %s alone: never (no saving per request)\n",
			        r->est->w->name);
	}
}

static void print_table(FILE *out, struct cli *ctx, const struct plan *p)
{
	fprintf(out, "capacity plan of %s\n", p->profile.origin);
	cli_stamp_text(out, ctx, p->as_of, &p->month_days);
	print_packing(out, p);
	print_sync(out, p, false);
	print_sync(out, p, true);
	if (p->growth_given)
		print_growth(out, ctx, p);
	print_payback(out, p);
	print_assumptions(out, p);
	cli_print_unpriced_workloads(out, p->est);
}

static void json_month(cJSON *obj, const char *key, int month)
{
	if (month > 0)
		cli_json_int(obj, key, month);
	else
		cJSON_AddNullToObject(obj, key);
}

static void json_queue(cJSON *obj, const struct queue_fit *queue)
{
	cJSON *q = cJSON_AddObjectToObject(obj, "queue");

	if (!queue->known) {
		cJSON_AddNullToObject(q, "fits");
		return;
	}
	cli_json_int(q, "limit", queue->limit);
	cJSON_AddBoolToObject(q, "fits", queue->fits);
	json_month(q, "min_tier", queue->min_tier);
}

/* {"plan": {rpm, itpm, otpm}, "all_sync": {...}}; returns the "plan" object. */
static cJSON *json_first_exceeded(cJSON *obj, const int *plan, const int *all)
{
	cJSON *first = cJSON_AddObjectToObject(obj, "first_exceeded_month");
	cJSON *plan_first = cJSON_AddObjectToObject(first, "plan");
	cJSON *all_first = cJSON_AddObjectToObject(first, "all_sync");

	for (int k = 0; k < LIMIT_KINDS; k++) {
		json_month(plan_first, limit_name((enum limit_kind)k), plan[k]);
		json_month(all_first, limit_name((enum limit_kind)k), all[k]);
	}
	return plan_first;
}

static cJSON *json_fit(const struct plan_row *r, const struct tier_fit *f, int min_tier)
{
	cJSON *o = cJSON_CreateObject(), *need, *use;

	if (!r->has_limits) {
		cJSON_AddNullToObject(o, "feasible");
		return o;
	}
	cJSON_AddBoolToObject(o, "feasible", f->fits);
	cJSON_AddStringToObject(o, "binding_limit", limit_name(f->binding));
	need = cJSON_AddObjectToObject(o, "need_per_minute");
	use = cJSON_AddObjectToObject(o, "utilisation");
	for (int k = 0; k < LIMIT_KINDS; k++) {
		cJSON_AddNumberToObject(need, limit_name((enum limit_kind)k), f->need[k]);
		cJSON_AddNumberToObject(use, limit_name((enum limit_kind)k), f->use[k]);
	}
	if (r->group && min_tier > 0)
		cli_json_int(o, "min_tier", min_tier);
	else
		cJSON_AddNullToObject(o, "min_tier");
	return o;
}

static void print_json(FILE *out, struct cli *ctx, const struct plan *p)
{
	static const char *const keys[PLAN_FIGURES] = {
		"sync_usd", "batch_usd", "hybrid_usd", "savings_usd",
		"cumulative_savings_usd"};
	cJSON *root = cJSON_CreateObject(), *list, *months, *assume;
	char range[32];

	if (p->est->unpriced) {
		/* The money of the months is the priced workloads'; margins and
		 * the break-even, which need every workload's, are null. */
		cJSON_AddTrueToObject(root, "priced_workloads_only");
		cli_json_int(root, "unpriced_workloads", (int64_t)p->est->unpriced);
	}
	list = cJSON_AddArrayToObject(root, "workloads");
	for (size_t i = 0; i < p->profile.count; i++) {
		const struct plan_row *r = &p->plan[i];
		cJSON *w = cJSON_CreateObject();

		cJSON_AddStringToObject(w, "name", r->est->w->name);
		cJSON_AddStringToObject(w, "model", row_model(r));
		if (r->est->unpriced) {
			cJSON_AddFalseToObject(w, "priced");
			cJSON_AddStringToObject(w, "why_not_priced", r->est->why.text);
		}
		cli_json_ratio(w, "requests_per_day", r->per_day);
		cli_json_ratio(w, "batch_requests_per_day", r->batch_per_day);
		cli_json_ratio(w, "sync_requests_per_day", r->sync_per_day);
		cli_json_int(w, "request_bytes", r->pack.request_bytes);
		if (r->est->model && r->pack.per_batch > 0 && !r->pack.request_too_large)
			cli_json_int(w, "batches_per_submission", r->pack.batches);
		else
			cJSON_AddNullToObject(w, "batches_per_submission");
		cli_json_int(w, "batches_by_requests", r->pack.batches_by_requests);
		cli_json_int(w, "batches_by_bytes", r->pack.batches_by_bytes);
		if (r->est->model)
			cJSON_AddStringToObject(w, "batch_bound", batch_bound_name(r->pack.bound));
		else
			cJSON_AddNullToObject(w, "batch_bound");
		json_queue(w, &r->queue);
		/* sync_feasible: the whole volume on the real-time API. */
		if (r->has_limits) {
			cJSON_AddBoolToObject(w, "sync_feasible", r->all_sync.fits);
			cJSON_AddStringToObject(w, "binding_limit", limit_name(r->all_sync.binding));
		} else {
			cJSON_AddNullToObject(w, "sync_feasible");
			cJSON_AddNullToObject(w, "binding_limit");
		}
		json_month(w, "min_tier", r->group ? r->min_tier : 0);
		cJSON_AddItemToObject(w, "all_sync", json_fit(r, &r->all_sync, r->min_tier));
		cJSON_AddItemToObject(w, "plan_sync", json_fit(r, &r->plan_sync, r->plan_min_tier));
		json_month(json_first_exceeded(w, r->first_plan, r->first_all_sync),
		           "queue", r->first_queue);
		if (p->business.has_migration && r->has_min_volume)
			cli_json_int(w, "break_even_requests_per_day", r->min_volume);
		else
			cJSON_AddNullToObject(w, "break_even_requests_per_day");
		cJSON_AddItemToArray(list, w);
	}
	list = cJSON_AddArrayToObject(root, "totals");
	for (size_t i = 0; i < p->total_count; i++) {
		const struct provider_total *pt = &p->totals[i];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "provider", pt->provider->id);
		cli_json_ratio(o, "requests_per_day", pt->per_day);
		cli_json_int(o, "batch_requests_per_submission", pt->batch_requests);
		cli_json_int(o, "batches_per_submission", pt->batches);
		json_queue(o, &pt->queue);
		json_month(o, "queue_first_exceeded_month", pt->first_queue);
		cJSON_AddItemToArray(list, o);
	}
	list = cJSON_AddArrayToObject(root, "model_totals");
	for (size_t i = 0; i < p->model_count; i++) {
		const struct model_total *mt = &p->models[i];
		cJSON *o;

		if (mt->workloads < 2)
			continue;
		o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "model", row_model(mt->row));
		cli_json_int(o, "workloads", (int64_t)mt->workloads);
		cJSON_AddItemToObject(o, "all_sync", json_fit(mt->row, &mt->all_fit, mt->min_tier));
		cJSON_AddItemToObject(o, "plan_sync", json_fit(mt->row, &mt->plan_fit, 0));
		json_first_exceeded(o, mt->first_plan, mt->first_all);
		cJSON_AddItemToArray(list, o);
	}
	months = cJSON_AddArrayToObject(root, "months");
	for (int m = 0; m < p->months; m++) {
		const struct projection_month *pm = &p->month[m];
		cJSON *o = cJSON_CreateObject();
		cli_json_int(o, "month", pm->month);
		cJSON_AddNumberToObject(o, "volume_factor", pm->factor);
		cli_json_int(o, "requests", pm->requests);
		const money usd[PLAN_FIGURES] = {pm->sync, pm->batch, pm->hybrid,
		                                 pm->savings, pm->cumulative_savings};
		for (int f = 0; f < PLAN_FIGURES; f++)
			cli_json_money_shown(o, ctx, keys[f], usd[f], p->shown_month[m][f]);
		if (ctx->pricing.currency.converting)
			cli_json_ratio(o, "rate_first_day", (struct ratio){p->fx[m], FX_SCALE});
		if (p->has_margins) {
			cJSON_AddNumberToObject(o, "gross_margin_sync", p->margin[m].gross_margin_before);
			cJSON_AddNumberToObject(o, "gross_margin_plan", p->margin[m].gross_margin_after);
		} else if (margins_unpriced(p)) {
			cJSON_AddNullToObject(o, "gross_margin_sync");
			cJSON_AddNullToObject(o, "gross_margin_plan");
		}
		cJSON_AddItemToArray(months, o);
	}
	if (p->business.has_migration) {
		cli_json_money_shown(root, ctx, "migration_cost_usd",
		                     p->business.migration_cost, p->shown_migration_cost);
		if (p->break_even >= 0)
			cli_json_int(root, "break_even_month", p->break_even);
		else
			cJSON_AddNullToObject(root, "break_even_month");
		if (p->has_min_volume)
			cli_json_int(root, "break_even_requests_per_day", p->min_volume);
		else
			cJSON_AddNullToObject(root, "break_even_requests_per_day");
	}
	assume = cJSON_AddObjectToObject(root, "assumptions");
	cli_json_int(assume, "tier", p->tier);
	if (p->rates_used && p->rates_used->names && p->tier >= 1 &&
	    (size_t)p->tier <= p->rates_used->name_count) {
		const struct tier_name *n = &p->rates_used->names[p->tier - 1];
		cJSON_AddStringToObject(assume, "tier_name", n->name);
		/* null with published true is "no cap"; with false, not published. */
		if (n->capped)
			cli_json_money(assume, "monthly_spend_cap_usd", n->monthly_cap);
		else
			cJSON_AddNullToObject(assume, "monthly_spend_cap_usd");
		cJSON_AddBoolToObject(assume, "monthly_spend_cap_published", n->cap_published);
	}
	cli_json_ratio(assume, "bytes_per_token",
	               (struct ratio){p->settings.bytes_per_token, 100});
	cli_json_int(assume, "overhead_bytes", p->settings.overhead_bytes);
	cli_json_int(assume, "window_minutes", p->settings.window_minutes);
	cli_json_int(assume, "submissions_per_day", 1);
	cJSON_AddNumberToObject(assume, "growth_per_month", p->growth);
	cJSON_AddNumberToObject(assume, "revenue_growth_per_month", p->revenue_growth);
	cli_json_int(assume, "months", p->months);
	cli_json_int(assume, "horizon_months", p->horizon);
	if (p->rates_used) {
		plan_range_text(p->rates_used->from, p->rates_used->to, range);
		cJSON_AddStringToObject(assume, "rate_limit_table", range);
		cJSON_AddBoolToObject(assume, "rate_limit_table_expired", p->rates_stale);
	}
	if (p->queue_used) {
		plan_range_text(p->queue_used->from, p->queue_used->to, range);
		cJSON_AddStringToObject(assume, "queue_limit_table", range);
		cJSON_AddBoolToObject(assume, "queue_limit_table_expired", p->queue_stale);
	}
	cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, p->as_of, &p->month_days));
	cli_json_print(out, root);
	cJSON_Delete(root);
}

static void print_csv(FILE *out, const struct plan *p)
{
	static const char *const header[] = {
		"workload", "model", "requests_per_day", "request_bytes",
		"batches_per_submission", "batch_bound", "queue_fits", "sync_feasible",
		"binding_limit", "utilisation", "min_tier"};
	char b[11][64];

	cli_csv_row(out, header, 11);
	for (size_t i = 0; i < p->profile.count; i++) {
		const struct plan_row *r = &p->plan[i];
		const char *cells[11];

		cells[0] = r->est->w->name;
		cells[1] = row_model(r);
		cells[2] = cli_ratio_exact(r->per_day, b[2]);
		snprintf(b[3], 64, "%lld", (long long)r->pack.request_bytes);
		cells[3] = b[3];
		snprintf(b[4], 64, "%lld", (long long)r->pack.batches);
		cells[4] = r->est->model && r->pack.per_batch > 0 ? b[4] : "";
		cells[5] = r->est->model ? batch_bound_name(r->pack.bound) : "";
		cells[6] = !r->queue.known ? "" : r->queue.fits ? "yes" : "no";
		cells[7] = !r->has_limits ? "" : r->all_sync.fits ? "yes" : "no";
		cells[8] = r->has_limits ? limit_name(r->all_sync.binding) : "";
		snprintf(b[9], 64, "%.6f", r->all_sync.use[r->all_sync.binding]);
		cells[9] = r->has_limits ? b[9] : "";
		snprintf(b[10], 64, "%d", r->min_tier);
		cells[10] = r->group && r->min_tier ? b[10] : r->group ? "none" : "";
		cli_csv_row(out, cells, 11);
	}
}

enum status cmd_plan(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	struct common_flags cf = {0};
	struct business_flags bf = {0};
	struct plan_flags pf = {0};
	bool help = false;
	const struct option_spec specs[] = {
		PLAN_OPTIONS(pf),
		BUSINESS_OPTIONS(bf),
		COMMON_OPTIONS(cf, ctx),
		OPTION_END,
	};
	const char *operands[1];
	int operand_count;
	enum format format;
	struct plan p;
	struct pricing_day est = {0};
	enum status st;

	plan_init(&p);
	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if ((st = cli_parse_common(ctx, &cf, &p.as_of, &p.month_days, &format, d)))
		return st;
	st = operand_count ? profile_load_file(operands[0], &p.profile, d)
	                   : profile_load_builtin(&p.profile, d);
	if (st != STATUS_OK)
		return st;
	if ((st = plan_load_section(&p, d)) ||
	    (st = plan_parse_flags(&p, &pf, d)) ||
	    (st = business_load(&p.profile, &bf, &p.business, d)) ||
	    (st = pricing_day_compute_partial(&ctx->pricing, p.profile.workloads,
	                                      p.profile.count, p.profile.origin,
	                                      p.month_days, &est, d)) ||
	    (st = plan_compute(&ctx->pricing, &p, &est, d)))
		goto done;
	if (format == FORMAT_JSON)
		print_json(ctx->out, ctx, &p);
	else if (format == FORMAT_CSV)
		print_csv(ctx->out, &p);
	else
		print_table(ctx->out, ctx, &p);
done:
	plan_release(&p);
	pricing_day_release(&est);
	profile_release(&p.profile);
	return st;
}
