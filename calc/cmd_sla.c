/* batchcalc sla: when batch results come back, the chance a deadline is met,
 * what meeting a target costs, and calibration from real batches. */
#include "commands.h"

#include "batch_times.h"
#include "latency.h"
#include "profile.h"
#include "schedule.h"
#include "tz.h"
#include "../models/number.h"
#include "../models/sla.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc sla [LATENCY] --submit HH:MM --deadline HH:MM|Nh [--next-day]\n"
	"                     [--tz ZONE] [--days mon-fri] [--batches N]\n"
	"                     [--target P [--workloads PROFILE] [--month-days N]]\n"
	"                     [--provider ID] [--as-of YYYY-MM-DD]\n"
	"                     [--currency CODE --fx FILE | --fx-rate RATE]\n"
	"                     [--format table|csv|json] [--prices FILE] [-o FILE]\n"
	"       batchcalc sla [LATENCY] --calibrate BATCHES.json [--min-batches N]\n"
	"                     [-o FILE]";

static const char summary[] =
	"Turnaround of batches submitted at --submit (local time in --tz, on --days)\n"
	"against a deadline: the chance all --batches finish in time, p50/p90/p99\n"
	"turnaround, the share expected to expire, and the best time of day to\n"
	"submit a window of that length. Week figures average every submission over\n"
	"the 52 weeks from --as-of, so daylight saving is taken date by date.\n"
	"--target P routes to batch the weekday slots that meet the deadline with\n"
	"probability P, the rest sync, and prices it against all-sync and all-batch\n"
	"(expired work resubmitted sync), in --currency at the --as-of rate.\n"
	"--calibrate fits a latency profile to real batch objects (Anthropic or\n"
	"OpenAI). LATENCY (or --latency FILE) is a latency profile; default: the\n"
	"built-in Anthropic assumption.";

struct sla_cost_row {
	const struct workload *w;
	const struct model *model;
	money sync, batch, routed;
	money sync_shown, batch_shown, routed_shown; /* at the --as-of rate */
};

/* ---- the command line ---- */

/* "4 h", "3.5 h", "27 h" */
static const char *hours_text(double h, char buf[32])
{
	latency_hours_text(h, buf);
	strncat(buf, " h", 31 - strlen(buf));
	return buf;
}

/* ---- the model run ---- */

/* share (0..1) as parts per million, for exact money scaling */
static int64_t ppm(double share)
{
	return (int64_t)llround(share * SHARE_SCALE);
}

/*
 * --target: a weekday slot goes to batch when its p_meet reaches the target,
 * otherwise sync (the seed article's adaptive routing). Work in batch that
 * expires is not billed and is resubmitted sync. Submissions carry equal work.
 */
static enum status compute_target(struct pricing *pr, struct sla_run *r,
                                  const char *workloads_path, struct diag *d)
{
	int64_t batch_ppm = 0, resubmit_ppm = 0, all_resubmit_ppm;
	double on_time = 0.0;
	bool overflow = false;
	struct pricing_day est;
	enum status st;

	for (int k = 0; k < r->slot_count; k++) {
		struct sla_slot *slot = &r->slots[k];
		double weight = (double)slot->count / (double)r->sub_count;
		slot->to_batch = slot->s.p_meet >= r->target;
		if (slot->to_batch) {
			r->batch_share += weight;
			resubmit_ppm += ppm(weight * slot->s.expired_share);
			on_time += weight * slot->s.p_meet;
		} else {
			on_time += weight;
		}
	}
	r->routed_p_meet = on_time;
	batch_ppm = ppm(r->batch_share);
	all_resubmit_ppm = ppm(r->week.expired_share);
	st = workloads_path ? profile_load_file(workloads_path, &r->workloads, d)
	                    : profile_load_builtin(&r->workloads, d);
	if (st != STATUS_OK)
		return st;
	if ((st = pricing_day_compute(pr, r->workloads.workloads, r->workloads.count,
	                              r->workloads.origin, r->month_days, &est, d)))
		return st;
	if (!(r->costs = calloc(est.count ? est.count : 1, sizeof *r->costs))) {
		pricing_day_release(&est);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (size_t i = 0; i < est.count; i++) {
		struct sla_cost_row *row = &r->costs[i];
		const struct workload_estimate *e = &est.rows[i].e;

		row->w = est.rows[i].w;
		row->model = est.rows[i].model;
		/* e->sync and e->batch price the whole workload each way. */
		row->sync = e->sync;
		row->batch = money_add(
			money_scale(e->batch, SHARE_SCALE - all_resubmit_ppm, SHARE_SCALE, &overflow),
			money_scale(e->sync, all_resubmit_ppm, SHARE_SCALE, &overflow), &overflow);
		row->routed = money_add(
			money_scale(e->batch, batch_ppm - resubmit_ppm, SHARE_SCALE, &overflow),
			money_scale(e->sync, SHARE_SCALE - batch_ppm + resubmit_ppm, SHARE_SCALE,
			            &overflow), &overflow);
		r->total_sync = money_add(r->total_sync, row->sync, &overflow);
		r->total_batch = money_add(r->total_batch, row->batch, &overflow);
		r->total_routed = money_add(r->total_routed, row->routed, &overflow);
		row->sync_shown = fx_convert(row->sync, est.fx, &overflow);
		row->batch_shown = fx_convert(row->batch, est.fx, &overflow);
		row->routed_shown = fx_convert(row->routed, est.fx, &overflow);
	}
	r->total_sync_shown = fx_convert(r->total_sync, est.fx, &overflow);
	r->total_batch_shown = fx_convert(r->total_batch, est.fx, &overflow);
	r->total_routed_shown = fx_convert(r->total_routed, est.fx, &overflow);
	pricing_day_release(&est);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the workloads' total does not fit");
	return STATUS_OK;
}

/* ---- output ---- */

static const char *percent_text(double p, char buf[32])
{
	/* Tiny expired shares still show they are not zero. */
	if (p < 1 && p >= 0.99995)
		snprintf(buf, 32, ">99.99%%"); /* not certain: never shown as 100% */
	else if (p > 0 && p < 0.000000005)
		snprintf(buf, 32, "<0.000001%%");
	else if (p > 0 && p < 0.0001)
		snprintf(buf, 32, "%.6f%%", p * 100.0);
	else
		snprintf(buf, 32, "%.2f%%", p * 100.0);
	return buf;
}

static const char *quantile_text(double h, double expiry, char buf[32])
{
	/* Not reached before the expiry: more are expired than finished by then. */
	if (isinf(h))
		snprintf(buf, 32, ">%g", expiry);
	else
		snprintf(buf, 32, "%.2f", h);
	return buf;
}

static void utc_text(const struct sla_slot *slot, char *buf, size_t size)
{
	static const char *const names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri",
	                                     "Sat", "Sun"};
	size_t used = 0;
	char clock[8];

	buf[0] = '\0';
	for (int u = 0; u < slot->utc_count && used < size; u++) {
		int64_t m = slot->utc_minutes[u];
		used += (size_t)snprintf(buf + used, size - used, "%s%s %s",
		                         u ? ", " : "", names[m / 1440],
		                         schedule_clock_text((int)(m % 1440), clock));
	}
}

static void window_text(const struct sla_slot *slot, char *buf, size_t size)
{
	char a[32], b[32];

	hours_text(slot->window_min, a);
	if (fabs(slot->window_max - slot->window_min) < 1e-9) {
		snprintf(buf, size, "%s", a);
	} else {
		a[strlen(a) - 2] = '\0';
		snprintf(buf, size, "%s-%s", a, hours_text(slot->window_max, b));
	}
}

static void describe(const struct sla_run *r, char *buf, size_t size)
{
	char submit[8], deadline[8], days[64], hours[32];

	schedule_days_text(r->days, days, sizeof days);
	schedule_clock_text(r->submit_minute, submit);
	if (r->deadline_hours > 0)
		snprintf(buf, size, "submit %s %s on %s, results within %s", submit,
		         r->zone, days, hours_text(r->deadline_hours, hours));
	else
		snprintf(buf, size, "submit %s %s on %s, results by %s %s", submit,
		         r->zone, days, schedule_clock_text(r->deadline_minute, deadline),
		         r->next_day ? "the next day" : "the same day");
}

static void print_table(FILE *out, struct cli *ctx, const struct sla_run *r)
{
	static const char *const headers[] = {"slot", "submitted (UTC)", "window",
	                                      "p_meet", "p50 h", "p90 h", "p99 h",
	                                      "expired", "route"};
	static const bool right[] = {false, false, true, true, true, true, true,
	                             true, false};
	char line[300], from[DATE_TEXT_SIZE], buf[8][64];
	struct table t;
	int columns = r->target > 0 ? 9 : 8;

	describe(r, line, sizeof line);
	fprintf(out, "turnaround SLA: %s\n", line);
	date_format(r->as_of, from);
	fprintf(out, "latency profile %s%s\nexpiry %g h (%s batch limits in the "
	        "catalogue)\n",
	        r->latency_origin,
	        strcmp(r->latency_origin, LATENCY_BUILTIN_ORIGIN) == 0
	                ? " (an assumption to calibrate)" : "",
	        r->profile.expiry_hours, r->provider->id);
	fprintf(out, "52 weeks from %s: %zu submissions of %d batch%s (all must "
	        "finish: P(all) = P(one)^%d)\n", from, r->sub_count, r->batches,
	        r->batches == 1 ? "" : "es", r->batches);
	cli_stamp_text(out, ctx, r->as_of, r->target > 0 ? &r->month_days : NULL);
	fputc('\n', out);
	table_init(&t, columns, headers, right);
	for (int k = 0; k <= r->slot_count; k++) {
		const struct sla_slot *slot = k < r->slot_count ? &r->slots[k] : NULL;
		const struct sla_summary *s = slot ? &slot->s : &r->week;
		const char *cells[9];

		if (slot) {
			utc_text(slot, buf[0], 64);
			window_text(slot, buf[1], 64);
		} else {
			buf[0][0] = '\0';
			buf[1][0] = '\0';
		}
		cells[0] = slot ? latency_day_name(slot->weekday) : "week";
		cells[1] = buf[0];
		cells[2] = buf[1];
		cells[3] = percent_text(s->p_meet, buf[2]);
		cells[4] = quantile_text(s->p50_hours, r->profile.expiry_hours, buf[3]);
		cells[5] = quantile_text(s->p90_hours, r->profile.expiry_hours, buf[4]);
		cells[6] = quantile_text(s->p99_hours, r->profile.expiry_hours, buf[5]);
		cells[7] = percent_text(s->expired_share, buf[6]);
		cells[8] = slot ? (slot->to_batch ? "batch" : "sync") : "";
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	fprintf(out, "\nbest submission time for a window of %s: %s %s (p_meet %s)\n",
	        hours_text(r->window_nominal, buf[0]), schedule_clock_text(r->best_minute, buf[1]),
	        r->zone, percent_text(r->best_p_meet, buf[2]));
	if (r->target > 0) {
		static const char *const cost_headers[] = {"workload", "all sync",
		                                           "all batch", "routed"};
		static const bool cost_right[] = {false, true, true, true};
		struct table c;

		fprintf(out, "\ntarget p_meet %s: %s of submissions to batch, the rest "
		        "sync; on time %s\n", percent_text(r->target, buf[0]),
		        percent_text(r->batch_share, buf[1]),
		        percent_text(r->routed_p_meet, buf[2]));
		fprintf(out, "%s per month of %s\n(batch figures include expired "
		        "work resubmitted sync)\n",
		        ctx->pricing.currency.converting ? ctx->pricing.currency.code : "USD",
		        r->workloads.origin);
		table_init(&c, 4, cost_headers, cost_right);
		for (size_t i = 0; i <= r->workloads.count; i++) {
			bool total = i == r->workloads.count;
			const char *cells[4] = {
				total ? "total" : r->costs[i].w->name,
				cli_money_cents(total ? r->total_sync_shown
				                      : r->costs[i].sync_shown, buf[3]),
				cli_money_cents(total ? r->total_batch_shown
				                      : r->costs[i].batch_shown, buf[4]),
				cli_money_cents(total ? r->total_routed_shown
				                      : r->costs[i].routed_shown, buf[5])};
			table_add(&c, cells);
		}
		table_print(&c, out);
		table_release(&c);
	}
}

static void print_csv(FILE *out, const struct sla_run *r)
{
	static const char *const header[] = {
		"slot", "submissions", "utc_submit", "window_hours_min",
		"window_hours_max", "p_meet", "p50_hours", "p90_hours", "p99_hours",
		"expired_share", "best_submit", "route"};
	char buf[10][64];

	cli_csv_row(out, header, 12);
	for (int k = 0; k <= r->slot_count; k++) {
		const struct sla_slot *slot = k < r->slot_count ? &r->slots[k] : NULL;
		const struct sla_summary *s = slot ? &slot->s : &r->week;
		const double q[3] = {s->p50_hours, s->p90_hours, s->p99_hours};
		const char *cells[12];

		snprintf(buf[0], 64, "%zu", slot ? slot->count : r->sub_count);
		if (slot)
			utc_text(slot, buf[1], 64);
		else
			buf[1][0] = '\0';
		snprintf(buf[2], 64, "%.4f", slot ? slot->window_min : r->window_nominal);
		snprintf(buf[3], 64, "%.4f", slot ? slot->window_max : r->window_nominal);
		snprintf(buf[4], 64, "%.6f", s->p_meet);
		for (int i = 0; i < 3; i++) {
			if (isinf(q[i]))
				buf[5 + i][0] = '\0';
			else
				snprintf(buf[5 + i], 64, "%.4f", q[i]);
		}
		snprintf(buf[8], 64, "%.6f", s->expired_share);
		cells[0] = slot ? latency_day_name(slot->weekday) : "week";
		for (int i = 0; i < 9; i++)
			cells[1 + i] = buf[i];
		cells[10] = slot ? "" : schedule_clock_text(r->best_minute, buf[9]);
		cells[11] = slot && r->target > 0 ? (slot->to_batch ? "batch" : "sync") : "";
		cli_csv_row(out, cells, 12);
	}
}

/* Probabilities to 6 decimals and hours to 4: digits beyond are noise. */
static void json_number(cJSON *obj, const char *key, double v, double scale)
{
	if (isinf(v))
		cJSON_AddNullToObject(obj, key);
	else
		cJSON_AddNumberToObject(obj, key, round(v * scale) / scale);
}

static void json_summary(cJSON *obj, const struct sla_summary *s)
{
	json_number(obj, "p_meet", s->p_meet, 1e6);
	json_number(obj, "p50_hours", s->p50_hours, 1e4);
	json_number(obj, "p90_hours", s->p90_hours, 1e4);
	json_number(obj, "p99_hours", s->p99_hours, 1e4);
	json_number(obj, "expired_share", s->expired_share, 1e6);
}

static void print_json(FILE *out, struct cli *ctx, const struct sla_run *r)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *slots, *target;
	char buf[4][64];

	cJSON_AddStringToObject(root, "zone", r->zone);
	cJSON_AddStringToObject(root, "submit", schedule_clock_text(r->submit_minute, buf[0]));
	if (r->deadline_hours > 0) {
		cJSON_AddNullToObject(root, "deadline");
		json_number(root, "deadline_hours", r->deadline_hours, 1e4);
	} else {
		cJSON_AddStringToObject(root, "deadline", schedule_clock_text(r->deadline_minute, buf[0]));
		cJSON_AddNullToObject(root, "deadline_hours");
	}
	cJSON_AddBoolToObject(root, "next_day", r->next_day);
	schedule_days_text(r->days, buf[1], 64);
	cJSON_AddStringToObject(root, "days", buf[1]);
	cJSON_AddNumberToObject(root, "batches", r->batches);
	date_format(r->as_of, buf[2]);
	cJSON_AddStringToObject(root, "span_from", buf[2]);
	cJSON_AddNumberToObject(root, "span_weeks", SPAN_DAYS / 7);
	cJSON_AddNumberToObject(root, "submissions", (double)r->sub_count);
	cJSON_AddStringToObject(root, "latency_profile", r->latency_origin);
	cJSON_AddStringToObject(root, "provider", r->provider->id);
	json_number(root, "expiry_hours", r->profile.expiry_hours, 1e4);
	json_summary(root, &r->week);
	cJSON_AddStringToObject(root, "best_submit", schedule_clock_text(r->best_minute, buf[0]));
	json_number(root, "best_p_meet", r->best_p_meet, 1e6);
	json_number(root, "best_window_hours", r->window_nominal, 1e4);
	slots = cJSON_AddArrayToObject(root, "slots");
	for (int k = 0; k < r->slot_count; k++) {
		const struct sla_slot *slot = &r->slots[k];
		cJSON *o = cJSON_CreateObject(), *utc;

		cJSON_AddStringToObject(o, "day", latency_day_name(slot->weekday));
		cJSON_AddNumberToObject(o, "submissions", (double)slot->count);
		utc = cJSON_AddArrayToObject(o, "utc_submit");
		for (int u = 0; u < slot->utc_count; u++) {
			struct sla_slot one = *slot;
			one.utc_count = 1;
			one.utc_minutes[0] = slot->utc_minutes[u];
			utc_text(&one, buf[3], 64);
			cJSON_AddItemToArray(utc, cJSON_CreateString(buf[3]));
		}
		json_number(o, "window_hours_min", slot->window_min, 1e4);
		json_number(o, "window_hours_max", slot->window_max, 1e4);
		json_summary(o, &slot->s);
		if (r->target > 0)
			cJSON_AddStringToObject(o, "route", slot->to_batch ? "batch" : "sync");
		cJSON_AddItemToArray(slots, o);
	}
	if (r->target > 0) {
		cJSON *list;
		target = cJSON_AddObjectToObject(root, "target");
		json_number(target, "p_meet_target", r->target, 1e6);
		json_number(target, "batch_share", r->batch_share, 1e6);
		json_number(target, "routed_p_meet", r->routed_p_meet, 1e6);
		cJSON_AddStringToObject(target, "workloads_profile", r->workloads.origin);
		list = cJSON_AddArrayToObject(target, "workloads");
		for (size_t i = 0; i < r->workloads.count; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "name", r->costs[i].w->name);
			cJSON_AddStringToObject(o, "model", r->costs[i].model->id);
			cli_json_money_shown(o, ctx, "all_sync_usd", r->costs[i].sync,
			                     r->costs[i].sync_shown);
			cli_json_money_shown(o, ctx, "all_batch_usd", r->costs[i].batch,
			                     r->costs[i].batch_shown);
			cli_json_money_shown(o, ctx, "routed_usd", r->costs[i].routed,
			                     r->costs[i].routed_shown);
			cJSON_AddItemToArray(list, o);
		}
		cli_json_money_shown(target, ctx, "all_sync_usd", r->total_sync,
		                     r->total_sync_shown);
		cli_json_money_shown(target, ctx, "all_batch_usd", r->total_batch,
		                     r->total_batch_shown);
		cli_json_money_shown(target, ctx, "routed_usd", r->total_routed,
		                     r->total_routed_shown);
	}
	cJSON_AddItemToObject(root, "stamp", cli_stamp_json(ctx, r->as_of,
	                      r->target > 0 ? &r->month_days : NULL));
	cli_json_print(out, root);
	cJSON_Delete(root);
}

/* ---- --calibrate ---- */

static enum status calibrate(struct cli *ctx, struct sla_run *r, const char *path,
                             const char *min_text, struct diag *d)
{
	struct batch_times times;
	int64_t min_batches = 5;
	const char *why;
	size_t fitted = 0;
	double *hours;
	char comment[600];
	enum status st;

	if (min_text && !number_parse_int64(min_text, 2, 1000000, &min_batches, &why))
		return diag_set(d, STATUS_USAGE, "--min-batches: expected a whole number "
		                "from 2 to 1000000, found \"%s\" (%s)", min_text, why);
	if ((st = batch_times_load_file(path, &times, d)))
		return st;
	if (!(hours = calloc(times.count + 1, sizeof *hours))) {
		batch_times_release(&times);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (int h = 0; h < SLA_WEEK_HOURS && st == STATUS_OK; h++) {
		size_t n = 0;
		for (size_t i = 0; i < times.count; i++)
			if (sla_hour_of_week(times.items[i].created) == h)
				hours[n++] = times.items[i].hours;
		r->profile.batches[h] = (int64_t)n;
		if ((int64_t)n < min_batches)
			continue; /* too few: the prior stands */
		st = sla_fit(hours, n, &r->profile.bucket[h], d);
		fitted++;
	}
	if (st == STATUS_OK) {
		snprintf(comment, sizeof comment,
		         "Latency profile calibrated by batchcalc %s\n"
		         "from %s: %zu ended batch%s, %zu not ended (skipped).\n"
		         "Hours of the week with at least %lld batches (%zu of 168) are\n"
		         "fitted lognormals: median exp(mean ln t), p95 from the standard\n"
		         "deviation of ln t. The others keep the prior:\n%s.\n"
		         "batches: how many batches were created in that hour.",
		         BATCHCALC_VERSION, path, times.count,
		         times.count == 1 ? "" : "es", times.skipped,
		         (long long)min_batches, fitted, r->latency_origin);
		latency_write(ctx->out, &r->profile, comment);
		cli_wrapf(stderr, "  ", "batchcalc: calibrated %zu of 168 hours of the week "
		          "from %zu ended batch%s (%zu not ended, skipped); the rest keep the "
		          "prior", fitted, times.count, times.count == 1 ? "" : "es",
		        times.skipped);
	} else {
		diag_prefix(d, path);
	}
	free(hours);
	batch_times_release(&times);
	return st;
}

/* ---- the command ---- */

enum status cmd_sla(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *submit = NULL, *deadline = NULL, *zone = NULL, *days = NULL,
	           *batches = NULL, *target = NULL, *workloads = NULL,
	           *month_days = NULL, *provider = NULL, *as_of = NULL,
	           *format_text = NULL, *prices = NULL, *latency = NULL,
	           *calibrate_path = NULL, *min_batches = NULL, *currency = NULL,
	           *fx_file = NULL, *fx_rate = NULL;
	bool help = false, next_day = false;
	const struct option_spec specs[] = {
		{"submit", 0, OPTION_VALUE, "HH:MM", "local submission time", &submit},
		{"deadline", 0, OPTION_VALUE, "HH:MM|Nh", "local deadline, or hours after submission", &deadline},
		{"next-day", 0, OPTION_FLAG, NULL, "the HH:MM deadline is on the day after submission", &next_day},
		{"tz", 0, OPTION_VALUE, "ZONE", "IANA time zone of the times (default UTC)", &zone},
		{"days", 0, OPTION_VALUE, "DAYS", "submission weekdays (default mon-fri)", &days},
		{"batches", 0, OPTION_VALUE, "N", "batches per submission that must all finish (default 1)", &batches},
		{"target", 0, OPTION_VALUE, "P", "route to batch the slots meeting the deadline with probability P", &target},
		{"workloads", 0, OPTION_VALUE, "PROFILE", "workloads priced for --target (default: the seed's)", &workloads},
		{"month-days", 0, OPTION_VALUE, "N", "days in a month (default 30)", &month_days},
		{"latency", 0, OPTION_VALUE, "FILE", "latency profile (same as LATENCY)", &latency},
		{"provider", 0, OPTION_VALUE, "ID", "provider whose batch expiry caps turnaround (default anthropic)", &provider},
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "prices, expiry and the first day of the 52 weeks (default today)", &as_of},
		{"calibrate", 0, OPTION_VALUE, "BATCHES.json", "fit a latency profile to real batch objects", &calibrate_path},
		{"min-batches", 0, OPTION_VALUE, "N", "batches an hour of the week needs to be fitted (default 5)", &min_batches},
		CLI_CURRENCY_OPTIONS(&currency, &fx_file, &fx_rate),
		CLI_OUTPUT_OPTIONS(&format_text, &prices, ctx),
		OPTION_END,
	};
	const char *operands[1];
	int operand_count;
	enum format format;
	const struct batch_limits *limits;
	int64_t fx;
	struct sla_run r;
	enum status st;
	const char *why;

	memset(&r, 0, sizeof r);
	if ((st = options_parse(specs, argc, argv, operands, 1, &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	if (operand_count && latency)
		return diag_set(d, STATUS_USAGE, "expected the latency profile once, as "
		                "LATENCY or --latency, found both \"%s\" and \"%s\"",
		                operands[0], latency);
	if (operand_count)
		latency = operands[0];
	r.latency_origin = latency ? latency : LATENCY_BUILTIN_ORIGIN;
	if ((st = latency ? latency_load_file(latency, &r.profile, d)
	                  : latency_load_builtin(&r.profile, d)))
		return st;
	if (calibrate_path) {
		const char *other = submit ? "--submit" : deadline ? "--deadline" :
		                    zone ? "--tz" : days ? "--days" : batches ? "--batches" :
		                    target ? "--target" : format_text ? "--format" :
		                    currency ? "--currency" : fx_file ? "--fx" :
		                    fx_rate ? "--fx-rate" : NULL;
		if (other)
			return diag_set(d, STATUS_USAGE, "--calibrate: expected on its own "
			                "(with LATENCY, --min-batches and -o), found %s too",
			                other);
		return calibrate(ctx, &r, calibrate_path, min_batches, d);
	}
	if (min_batches)
		return diag_set(d, STATUS_USAGE, "--min-batches: expected with "
		                "--calibrate, found it alone");

	if (!submit || !deadline)
		return diag_set(d, STATUS_USAGE, "expected --submit HH:MM and --deadline "
		                "HH:MM|Nh (see 'batchcalc sla --help'), found %s missing",
		                !submit ? "--submit" : "--deadline");
	if (!schedule_parse_clock(submit, &r.submit_minute))
		return diag_set(d, STATUS_USAGE, "--submit: expected a local time HH:MM "
		                "(00:00 to 23:59), found \"%s\"", submit);
	r.next_day = next_day;
	r.zone = zone ? zone : "UTC";
	r.batches = 1;
	if ((st = schedule_parse_deadline(&r, deadline, d)) ||
	    (st = tz_check(r.zone, d)) ||
	    (st = schedule_parse_days(days ? days : "mon-fri", r.days, d)) ||
	    (st = cli_parse_date(ctx, "as-of", as_of, &ctx->pricing.day, d)) ||
	    (st = cli_parse_month_days(month_days, &r.month_days, d)) ||
	    (st = cli_parse_format(format_text, &format, d)) ||
	    (st = cli_parse_currency(ctx, currency, fx_file, fx_rate, d)))
		return st;
	if (batches) {
		int64_t n;
		if (!number_parse_int64(batches, 1, 10000, &n, &why))
			return diag_set(d, STATUS_USAGE, "--batches: expected a whole number "
			                "from 1 to 10000, found \"%s\" (%s)", batches, why);
		r.batches = (int)n;
	}
	if (target && !number_parse_double(target, 0.000001, 1, &r.target, &why))
		return diag_set(d, STATUS_USAGE, "--target: expected a probability above 0 "
		                "and at most 1 such as 0.99, found \"%s\" (%s)", target, why);
	if (workloads && !target)
		return diag_set(d, STATUS_USAGE, "--workloads: expected with --target, "
		                "found it alone");
	r.as_of = ctx->pricing.day;
	/* The rate is checked (and named in the stamp) even without --target. */
	if ((st = cli_load_catalogue(ctx, prices, d)) ||
	    (st = pricing_fx_on(&ctx->pricing, r.as_of, &fx, d)))
		return st;
	if (!(r.provider = catalogue_provider(&ctx->pricing.catalogue,
	                                      provider ? provider : "anthropic")))
		return diag_set(d, STATUS_USAGE, "--provider: expected a provider of the "
		                "catalogue, found \"%s\"", provider);
	limits = provider_batch_limits_on(r.provider, r.as_of);
	if (!limits || limits->expiry_hours <= 0)
		return diag_set(d, STATUS_UNKNOWN_MODEL, "%s: expected batch limits with "
		                "an expiry in force on the --as-of date, found none",
		                r.provider->id);
	r.profile.expiry_hours = (double)limits->expiry_hours;

	if ((st = schedule_build(&r, d)) == STATUS_OK &&
	    (st = schedule_find_best(&r, d)) == STATUS_OK &&
	    (r.target <= 0 || (st = compute_target(&ctx->pricing, &r, workloads, d)) == STATUS_OK)) {
		if (format == FORMAT_JSON)
			print_json(ctx->out, ctx, &r);
		else if (format == FORMAT_CSV)
			print_csv(ctx->out, &r);
		else
			print_table(ctx->out, ctx, &r);
	}
	free(r.subs);
	free(r.costs);
	profile_release(&r.workloads);
	return st;
}
