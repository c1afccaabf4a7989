#include "sla_write.h"

#include "latency.h"

#include <math.h>
#include <string.h>

/* "4 h", "3.5 h", "27 h" */
static const char *hours_text(double h, char buf[32])
{
	latency_hours_text(h, buf);
	strncat(buf, " h", 31 - strlen(buf));
	return buf;
}


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

/* A probability as the user wrote it, in percent: "95%", "99.9999%". */
static const char *target_text(double p, char buf[32])
{
	snprintf(buf, 32, "%.10g%%", p * 100.0);
	return buf;
}

/* One end of an interval, to 0.1%: the interval is a guide, not a figure. */
static const char *bound_text(double p, char buf[16])
{
	if (p >= 0.9995)
		snprintf(buf, 16, ">99.9");
	else if (p < 0.0005)
		snprintf(buf, 16, "<0.1");
	else
		snprintf(buf, 16, "%.1f", p * 100.0);
	return buf;
}

/* "81.2-88.0%", or "" without an interval. */
static const char *interval_text(double low, double high, char buf[32])
{
	char a[16], b[16];

	if (isnan(low)) {
		buf[0] = '\0';
		return buf;
	}
	bound_text(low, a);
	bound_text(high, b);
	if (strcmp(a, b) == 0)
		snprintf(buf, 32, "%s%%", a);
	else
		snprintf(buf, 32, "%s-%s%%", a, b);
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

static const char *const week_day_names[7] = {"Mon", "Tue", "Wed", "Thu", "Fri",
                                              "Sat", "Sun"};

static void utc_text(const struct sla_slot *slot, char *buf, size_t size)
{
	size_t used = 0;
	char clock[8];

	buf[0] = '\0';
	for (int u = 0; u < slot->utc_count && used < size; u++) {
		int64_t m = slot->utc_minutes[u];
		used += (size_t)snprintf(buf + used, size - used, "%s%s %s",
		                         u ? ", " : "", week_day_names[m / 1440],
		                         schedule_clock_text((int)(m % 1440), clock));
	}
}

/* "4 h", "3.5 h"; with `coarse`, to 2 decimals ("7.08 h" for 7 h 5 min). */
static const char *window_hours_text(double h, bool coarse, char buf[32])
{
	return hours_text(coarse ? round(h * 100.0) / 100.0 : h, buf);
}

static void window_text(const struct sla_slot *slot, bool coarse, char *buf,
                        size_t size)
{
	char a[32], b[32];

	window_hours_text(slot->window_min, coarse, a);
	if (fabs(slot->window_max - slot->window_min) < 1e-9) {
		snprintf(buf, size, "%s", a);
	} else {
		a[strlen(a) - 2] = '\0';
		snprintf(buf, size, "%s-%s", a, window_hours_text(slot->window_max, coarse, b));
	}
}

/* "02:15", "21:45 the day before", "23:00 2 days before" */
static const char *latest_text(const struct sla_latest *l, char buf[32])
{
	char clock[8];

	schedule_clock_text(l->minute, clock);
	if (l->days_before == 0)
		snprintf(buf, 32, "%s", clock);
	else if (l->days_before == 1)
		snprintf(buf, 32, "%s the day before", clock);
	else
		snprintf(buf, 32, "%s %d days before", clock, l->days_before);
	return buf;
}

static void describe(const struct sla_run *r, char *buf, size_t size)
{
	char submit[8], deadline[8], days[64], hours[32], target[32];

	schedule_days_text(r->days, days, sizeof days);
	schedule_clock_text(r->submit_minute, submit);
	schedule_clock_text(r->deadline_minute, deadline);
	if (r->p_target > 0)
		snprintf(buf, size, "results by %s %s on %s with p_meet at least %s",
		         deadline, r->zone, days, target_text(r->p_target, target));
	else if (r->deadline_hours > 0)
		snprintf(buf, size, "submit %s %s on %s, results within %s", submit,
		         r->zone, days, hours_text(r->deadline_hours, hours));
	else
		snprintf(buf, size, "submit %s %s on %s, results by %s %s", submit,
		         r->zone, days, deadline, r->next_day ? "the next day" : "the same day");
}

/* The hours of the week the submissions fall in that have no batches of
 * their own in a calibrated profile (none for an uncalibrated one: every
 * hour is the assumption there), in order; returns how many. */
static int prior_only_hours(const struct sla_run *r, int hours[SLA_WEEK_HOURS])
{
	bool used[SLA_WEEK_HOURS] = {false}, calibrated = false;
	int n = 0;

	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		calibrated |= r->profile.batches[h] > 0;
	if (!calibrated)
		return 0;
	for (size_t i = 0; i < r->sub_count; i++)
		used[r->subs[i].hour_of_week] = true;
	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		if (used[h] && r->profile.batches[h] == 0)
			hours[n++] = h;
	return n;
}

static const char *hour_name(int h, char buf[16])
{
	snprintf(buf, 16, "%s %02d:00", week_day_names[h / 24], h % 24);
	return buf;
}

static bool calibrated(const struct sla_profile *p)
{
	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		if (p->batches[h] > 0)
			return true;
	return false;
}

static void print_heading(FILE *out, struct cli *ctx, const struct sla_run *r)
{
	char line[300], from[DATE_TEXT_SIZE], of[64];
	int64_t batches = 0;

	describe(r, line, sizeof line);
	fprintf(out, "%s: %s\n", r->p_target > 0 ? "latest submission" : "turnaround SLA",
	        line);
	for (int h = 0; h < SLA_WEEK_HOURS; h++)
		batches += r->profile.batches[h];
	if (r->profile.provider[0])
		snprintf(of, sizeof of, ", of %s", r->profile.provider);
	else
		snprintf(of, sizeof of, " (names no provider)");
	if (batches > 0)
		fprintf(out, "latency profile %s%s: calibrated on %lld batch%s\n",
		        r->latency_origin, of, (long long)batches, batches == 1 ? "" : "es");
	else
		fprintf(out, "latency profile %s%s%s\n", r->latency_origin, of,
		        strcmp(r->latency_origin, LATENCY_BUILTIN_ORIGIN) == 0
		                ? " (an assumption to calibrate)" : "");
	fprintf(out, "expiry %g h (%s batch limits in the catalogue)\n",
	        r->profile.expiry_hours, r->provider->id);
	date_format(r->as_of, from);
	fprintf(out, "52 weeks from %s: %zu %s of %d batch%s (all must finish: "
	        "P(all) = P(one)^%d)\n", from, r->sub_count,
	        r->p_target > 0 ? "deadlines" : "submissions", r->batches,
	        r->batches == 1 ? "" : "es", r->batches);
	cli_stamp_text(out, ctx, r->as_of, r->target > 0 ? &r->month_days : NULL);
	fputc('\n', out);
}

/* The notes under a table: what the range is, and which hours had no
 * batches of their own (listed within 100 columns). */
static void print_notes(FILE *out, const struct sla_run *r)
{
	int hours[SLA_WEEK_HOURS], n = prior_only_hours(r, hours);
	size_t column = 0;
	char name[16];

	if (sla_profile_has_interval(&r->profile))
		fprintf(out, "\n95%% range: p_meet with every hour's median at the slow "
		        "and at the fast end of its 95%% interval\n");
	else
		fprintf(out, "\nno range for p_meet: the latency profile states no "
		        "uncertainty (calibrate one: sla --calibrate)\n");
	if (n == 0) {
		if (calibrated(&r->profile))
			fprintf(out, "every hour used has batches of its own\n");
		return;
	}
	fprintf(out, "hours used that have no batches of their own (their figures are "
	        "the prior's or drawn\n%s", "from the hours near them):");
	column = strlen("from the hours near them):");
	for (int i = 0; i < n; i++) {
		size_t w = strlen(hour_name(hours[i], name)) + 2;
		if (column + w > 96) {
			fputs("\n ", out);
			column = 1;
		}
		fprintf(out, " %s%s", name, i + 1 < n ? "," : " UTC\n");
		column += w;
	}
}

/* The workloads of --target whose cost is in no figure, with their volume
 * and sizes: a model not in the catalogue is not routed either. */
static void print_unpriced(FILE *out, const struct sla_run *r)
{
	char buf[3][64];

	if (!r->unpriced)
		return;
	fprintf(out, "\nNOT PRICED (in no figure above): %zu workload%s\n", r->unpriced,
	        r->unpriced == 1 ? "" : "s");
	for (size_t i = 0; i < r->workloads.count; i++) {
		const struct sla_cost_row *row = &r->costs[i];
		struct ratio requests;
		struct diag ignored;

		if (!row->unpriced)
			continue;
		if (workload_requests_per_month(row->w, r->month_days, &requests,
		                                &ignored) != STATUS_OK)
			requests = (struct ratio){0, 1};
		cli_wrapf(out, "    ", "  %s (%s): %s request%s a month, %s tokens in, %s out: %s",
		          row->w->name, row->w->model, cli_ratio_text(requests, 2, buf[0]),
		          requests.num == requests.den ? "" : "s",
		          cli_ratio_text((struct ratio){row->w->input_tokens, 1}, 0, buf[1]),
		          cli_ratio_text((struct ratio){row->w->output_tokens, 1}, 0, buf[2]),
		          row->model ? "no price in force on the date"
		                     : "not in the catalogue, so not routed either");
	}
}

void sla_write_table(FILE *out, struct cli *ctx, const struct sla_run *runs, int run_count)
{
	const struct sla_run *r = &runs[0];
	bool interval = sla_profile_has_interval(&r->profile);
	const char *headers[10];
	bool right[10];
	char buf[9][64];
	struct table t;
	int columns = 0;

#define COLUMN(name, right_aligned) \
	(headers[columns] = (name), right[columns] = (right_aligned), columns++)
	COLUMN("slot", false);
	COLUMN("submitted (UTC)", false);
	COLUMN("window", true);
	COLUMN("p_meet", true);
	if (interval)
		COLUMN("95% range", true);
	COLUMN("p50 h", true);
	COLUMN("p90 h", true);
	COLUMN("p99 h", true);
	COLUMN("expired", true);
	if (r->target > 0)
		COLUMN("route", false);
#undef COLUMN
	print_heading(out, ctx, r);
	table_init(&t, columns, headers, right);
	for (int k = 0; k <= r->slot_count; k++) {
		const struct sla_slot *slot = k < r->slot_count ? &r->slots[k] : NULL;
		const struct sla_summary *s = slot ? &slot->s : &r->week;
		const char *cells[10];
		int i = 0;

		if (slot) {
			utc_text(slot, buf[0], 64);
			window_text(slot, false, buf[1], 64);
		} else {
			buf[0][0] = '\0';
			buf[1][0] = '\0';
		}
		cells[i++] = slot ? latency_day_name(slot->weekday) : "week";
		cells[i++] = buf[0];
		cells[i++] = buf[1];
		cells[i++] = percent_text(s->p_meet, buf[2]);
		if (interval)
			cells[i++] = interval_text(slot ? slot->p_meet_low : r->week_p_low,
			                           slot ? slot->p_meet_high : r->week_p_high, buf[3]);
		cells[i++] = quantile_text(s->p50_hours, r->profile.expiry_hours, buf[4]);
		cells[i++] = quantile_text(s->p90_hours, r->profile.expiry_hours, buf[5]);
		cells[i++] = quantile_text(s->p99_hours, r->profile.expiry_hours, buf[6]);
		cells[i++] = percent_text(s->expired_share, buf[7]);
		if (r->target > 0)
			cells[i++] = slot ? (slot->to_batch ? "batch" : "sync") : "";
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	print_notes(out, r);
	if (r->target > 0) {
		static const char *const cost_headers[] = {"workload", "all sync",
		                                           "all batch", "routed"};
		static const bool cost_right[] = {false, true, true, true};
		struct table m;

		fprintf(out, "\ntarget p_meet %s: ", percent_text(r->target, buf[0]));
		if (run_count == 1) {
			fprintf(out, "%s of submissions to batch, the rest sync; on time %s\n",
			        percent_text(r->batch_share, buf[1]),
			        percent_text(r->routed_p_meet, buf[2]));
		} else {
			/* Each provider's slots are routed on its own profile. */
			static const char *const run_headers[] = {"provider", "latency profile",
			                                          "to batch", "on time"};
			static const bool run_right[] = {false, false, true, true};
			fprintf(out, "each provider's submissions routed on its profile\n");
			table_init(&m, 4, run_headers, run_right);
			for (int i = 0; i < run_count; i++) {
				const struct sla_run *p = &runs[i];
				const char *cells[4] = {p->provider->id, p->latency_origin,
				                        percent_text(p->batch_share, buf[1]),
				                        percent_text(p->routed_p_meet, buf[2])};
				table_add(&m, cells);
			}
			table_print(&m, out);
			table_release(&m);
		}
		fprintf(out, "%s per month of %s\n(batch: each workload's batch_share "
		        "in batch, expired work resubmitted sync)\n",
		        ctx->pricing.currency.converting ? ctx->pricing.currency.code : "USD",
		        r->workloads.origin);
		table_init(&m, 4, cost_headers, cost_right);
		for (size_t i = 0; i <= r->workloads.count; i++) {
			bool total = i == r->workloads.count;
			/* NOT PRICED, never $0; the total is then the priced ones'. */
			bool none = !total && r->costs[i].unpriced;
			const char *cells[4] = {
				total ? (r->unpriced ? "total (priced workloads only)" : "total")
				      : r->costs[i].w->name,
				none ? "NOT PRICED" : cli_money_cents(total ? r->total_sync_shown
				                      : r->costs[i].sync_shown, buf[3]),
				none ? "NOT PRICED" : cli_money_cents(total ? r->total_batch_shown
				                      : r->costs[i].batch_shown, buf[4]),
				none ? "NOT PRICED" : cli_money_cents(total ? r->total_routed_shown
				                      : r->costs[i].routed_shown, buf[5])};
			table_add(&m, cells);
		}
		table_print(&m, out);
		table_release(&m);
		print_unpriced(out, r);
	}
}

void sla_write_latest_table(FILE *out, struct cli *ctx, const struct sla_run *r)
{
	bool interval = sla_profile_has_interval(&r->profile);
	const char *headers[9];
	bool right[9];
	char buf[8][64];
	struct table t;
	int columns = 0;

#define COLUMN(name, right_aligned) \
	(headers[columns] = (name), right[columns] = (right_aligned), columns++)
	COLUMN("slot", false);
	COLUMN("latest submit", false);
	COLUMN("submitted (UTC)", false);
	COLUMN("window", true);
	COLUMN("p_meet", true);
	if (interval)
		COLUMN("95% range", true);
	COLUMN("p50 h", true);
	COLUMN("p90 h", true);
	COLUMN("expired", true);
#undef COLUMN
	print_heading(out, ctx, r);
	table_init(&t, columns, headers, right);
	for (int k = 0; k < r->slot_count; k++) {
		const struct sla_slot *slot = &r->slots[k];
		const char *cells[9];
		int i = 0;

		cells[i++] = latency_day_name(slot->weekday);
		if (slot->latest.found) {
			cells[i++] = latest_text(&slot->latest, buf[0]);
			utc_text(slot, buf[1], 64);
			cells[i++] = buf[1];
			window_text(slot, true, buf[2], 64);
			cells[i++] = buf[2];
			cells[i++] = percent_text(slot->s.p_meet, buf[3]);
			if (interval)
				cells[i++] = interval_text(slot->p_meet_low, slot->p_meet_high, buf[4]);
			cells[i++] = quantile_text(slot->s.p50_hours, r->profile.expiry_hours, buf[5]);
			cells[i++] = quantile_text(slot->s.p90_hours, r->profile.expiry_hours, buf[6]);
			cells[i++] = percent_text(slot->s.expired_share, buf[7]);
		} else {
			/* To 4 decimals: a target out of reach is often a near miss. */
			snprintf(buf[0], 64, "none: at most %.4f%%",
			         100.0 * slot->latest.best_p_meet);
			cells[i++] = buf[0];
			while (i < columns)
				cells[i++] = "";
		}
		table_add(&t, cells);
	}
	table_print(&t, out);
	table_release(&t);
	{
		int back = (int)ceil(r->profile.expiry_hours / 24.0);
		char before[32];
		if (back == 1)
			snprintf(before, sizeof before, "the day before");
		else
			snprintf(before, sizeof before, "%d days before", back);
		fprintf(out, "\nsearched every %d minutes back from the deadline to 00:00 "
		        "%s (the expiry is %g h)\n", LATEST_STEP_MINUTES, before,
		        r->profile.expiry_hours);
	}
	print_notes(out, r);
}

static void csv_number(char buf[64], double v, int decimals)
{
	if (isnan(v) || isinf(v))
		buf[0] = '\0';
	else
		snprintf(buf, 64, "%.*f", decimals, v);
}

void sla_write_csv(FILE *out, const struct sla_run *r)
{
	static const char *const header[] = {
		"slot", "submissions", "utc_submit", "window_hours_min",
		"window_hours_max", "p_meet", "p_meet_low", "p_meet_high", "p50_hours",
		"p90_hours", "p99_hours", "expired_share", "route"};
	char buf[11][64];

	cli_csv_row(out, header, 13);
	for (int k = 0; k <= r->slot_count; k++) {
		const struct sla_slot *slot = k < r->slot_count ? &r->slots[k] : NULL;
		const struct sla_summary *s = slot ? &slot->s : &r->week;
		const char *cells[13];

		snprintf(buf[0], 64, "%zu", slot ? slot->count : r->sub_count);
		if (slot)
			utc_text(slot, buf[1], 64);
		else
			buf[1][0] = '\0';
		snprintf(buf[2], 64, "%.4f", slot ? slot->window_min : r->window_nominal);
		snprintf(buf[3], 64, "%.4f", slot ? slot->window_max : r->window_nominal);
		csv_number(buf[4], s->p_meet, 6);
		csv_number(buf[5], slot ? slot->p_meet_low : r->week_p_low, 6);
		csv_number(buf[6], slot ? slot->p_meet_high : r->week_p_high, 6);
		csv_number(buf[7], s->p50_hours, 4);
		csv_number(buf[8], s->p90_hours, 4);
		csv_number(buf[9], s->p99_hours, 4);
		csv_number(buf[10], s->expired_share, 6);
		cells[0] = slot ? latency_day_name(slot->weekday) : "week";
		for (int i = 0; i < 11; i++)
			cells[1 + i] = buf[i];
		cells[12] = slot && r->target > 0 ? (slot->to_batch ? "batch" : "sync") : "";
		cli_csv_row(out, cells, 13);
	}
}

void sla_write_latest_csv(FILE *out, const struct sla_run *r)
{
	static const char *const header[] = {
		"slot", "latest_submit", "days_before", "deadlines", "utc_submit",
		"window_hours_min", "window_hours_max", "p_meet", "p_meet_low",
		"p_meet_high", "p50_hours", "p90_hours", "p99_hours", "expired_share",
		"best_p_meet"};
	char buf[14][64];

	cli_csv_row(out, header, 15);
	for (int k = 0; k < r->slot_count; k++) {
		const struct sla_slot *slot = &r->slots[k];
		const struct sla_latest *l = &slot->latest;
		const char *cells[15];

		for (int i = 0; i < 14; i++)
			buf[i][0] = '\0';
		snprintf(buf[2], 64, "%zu", slot->count);
		if (l->found) {
			schedule_clock_text(l->minute, buf[0]);
			snprintf(buf[1], 64, "%d", l->days_before);
			utc_text(slot, buf[3], 64);
			snprintf(buf[4], 64, "%.4f", slot->window_min);
			snprintf(buf[5], 64, "%.4f", slot->window_max);
			csv_number(buf[6], slot->s.p_meet, 6);
			csv_number(buf[7], slot->p_meet_low, 6);
			csv_number(buf[8], slot->p_meet_high, 6);
			csv_number(buf[9], slot->s.p50_hours, 4);
			csv_number(buf[10], slot->s.p90_hours, 4);
			csv_number(buf[11], slot->s.p99_hours, 4);
			csv_number(buf[12], slot->s.expired_share, 6);
		}
		csv_number(buf[13], l->best_p_meet, 6);
		if (l->found)
			buf[13][0] = '\0';
		cells[0] = latency_day_name(slot->weekday);
		for (int i = 0; i < 14; i++)
			cells[1 + i] = buf[i];
		cli_csv_row(out, cells, 15);
	}
}

/* Probabilities to 6 decimals and hours to 4: digits beyond are noise. */
static void json_number(cJSON *obj, const char *key, double v, double scale)
{
	if (isinf(v) || isnan(v))
		cJSON_AddNullToObject(obj, key);
	else
		cJSON_AddNumberToObject(obj, key, round(v * scale) / scale);
}

static void json_summary(cJSON *obj, const struct sla_summary *s, double low,
                         double high)
{
	json_number(obj, "p_meet", s->p_meet, 1e6);
	json_number(obj, "p_meet_low", low, 1e6);
	json_number(obj, "p_meet_high", high, 1e6);
	json_number(obj, "p50_hours", s->p50_hours, 1e4);
	json_number(obj, "p90_hours", s->p90_hours, 1e4);
	json_number(obj, "p99_hours", s->p99_hours, 1e4);
	json_number(obj, "expired_share", s->expired_share, 1e6);
}

static void json_slot_times(cJSON *o, const struct sla_slot *slot)
{
	cJSON *utc = cJSON_AddArrayToObject(o, "utc_submit");
	char buf[64];

	for (int u = 0; u < slot->utc_count; u++) {
		struct sla_slot one = *slot;
		one.utc_count = 1;
		one.utc_minutes[0] = slot->utc_minutes[u];
		utc_text(&one, buf, sizeof buf);
		cJSON_AddItemToArray(utc, cJSON_CreateString(buf));
	}
	json_number(o, "window_hours_min", slot->window_min, 1e4);
	json_number(o, "window_hours_max", slot->window_max, 1e4);
}

void sla_write_json(FILE *out, struct cli *ctx, const struct sla_run *runs, int run_count)
{
	const struct sla_run *r = &runs[0];
	cJSON *root = cJSON_CreateObject();
	cJSON *slots, *target, *hours;
	int prior_only[SLA_WEEK_HOURS], n;
	char buf[4][64];

	cJSON_AddStringToObject(root, "zone", r->zone);
	if (r->p_target > 0) {
		cJSON_AddNullToObject(root, "submit");
		json_number(root, "p_meet_target", r->p_target, 1e6);
	} else {
		cJSON_AddStringToObject(root, "submit", schedule_clock_text(r->submit_minute, buf[0]));
	}
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
	cli_json_int(root, "batches", r->batches);
	date_format(r->as_of, buf[2]);
	cJSON_AddStringToObject(root, "span_from", buf[2]);
	cli_json_int(root, "span_weeks", SPAN_DAYS / 7);
	cli_json_int(root, r->p_target > 0 ? "deadlines" : "submissions",
	             (int64_t)r->sub_count);
	cJSON_AddStringToObject(root, "latency_profile", r->latency_origin);
	if (r->profile.provider[0])
		cJSON_AddStringToObject(root, "latency_provider", r->profile.provider);
	else
		cJSON_AddNullToObject(root, "latency_provider");
	cJSON_AddStringToObject(root, "provider", r->provider->id);
	json_number(root, "expiry_hours", r->profile.expiry_hours, 1e4);
	if (r->p_target > 0)
		cli_json_int(root, "step_minutes", LATEST_STEP_MINUTES);
	else
		json_summary(root, &r->week, r->week_p_low, r->week_p_high);
	slots = cJSON_AddArrayToObject(root, "slots");
	for (int k = 0; k < r->slot_count; k++) {
		const struct sla_slot *slot = &r->slots[k];
		cJSON *o = cJSON_CreateObject();

		cJSON_AddStringToObject(o, "day", latency_day_name(slot->weekday));
		cli_json_int(o, r->p_target > 0 ? "deadlines" : "submissions",
		             (int64_t)slot->count);
		if (r->p_target > 0 && !slot->latest.found) {
			cJSON_AddNullToObject(o, "latest_submit");
			cJSON_AddNullToObject(o, "latest_submit_days_before");
			json_number(o, "best_p_meet", slot->latest.best_p_meet, 1e6);
		} else {
			if (r->p_target > 0) {
				cJSON_AddStringToObject(o, "latest_submit",
				                        latest_text(&slot->latest, buf[3]));
				cli_json_int(o, "latest_submit_days_before",
				             slot->latest.days_before);
			}
			json_slot_times(o, slot);
			json_summary(o, &slot->s, slot->p_meet_low, slot->p_meet_high);
		}
		if (r->target > 0)
			cJSON_AddStringToObject(o, "route", slot->to_batch ? "batch" : "sync");
		cJSON_AddItemToArray(slots, o);
	}
	hours = cJSON_AddArrayToObject(root, "prior_only_hours");
	n = prior_only_hours(r, prior_only);
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(hours, cJSON_CreateString(hour_name(prior_only[i], buf[3])));
	if (r->target > 0) {
		cJSON *list, *providers;
		target = cJSON_AddObjectToObject(root, "target");
		json_number(target, "p_meet_target", r->target, 1e6);
		json_number(target, "batch_share", r->batch_share, 1e6);
		json_number(target, "routed_p_meet", r->routed_p_meet, 1e6);
		providers = cJSON_AddArrayToObject(target, "providers");
		for (int i = 0; i < run_count; i++) {
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "provider", runs[i].provider->id);
			cJSON_AddStringToObject(o, "latency_profile", runs[i].latency_origin);
			json_number(o, "expiry_hours", runs[i].profile.expiry_hours, 1e4);
			json_number(o, "batch_share", runs[i].batch_share, 1e6);
			json_number(o, "routed_p_meet", runs[i].routed_p_meet, 1e6);
			cJSON_AddItemToArray(providers, o);
		}
		cJSON_AddStringToObject(target, "workloads_profile", r->workloads.origin);
		list = cJSON_AddArrayToObject(target, "workloads");
		for (size_t i = 0; i < r->workloads.count; i++) {
			const struct sla_cost_row *row = &r->costs[i];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "name", row->w->name);
			cJSON_AddStringToObject(o, "model", row->model ? row->model->id
			                                               : row->w->model);
			if (row->run)
				cJSON_AddStringToObject(o, "provider", row->run->provider->id);
			else
				cJSON_AddNullToObject(o, "provider");
			json_number(o, "batch_share", (double)row->w->batch_share / SHARE_SCALE, 1e6);
			if (row->unpriced) {
				/* Never $0: the money of a workload not priced is null. */
				cJSON_AddFalseToObject(o, "priced");
				cJSON_AddNullToObject(o, "all_sync_usd");
				cJSON_AddNullToObject(o, "all_batch_usd");
				cJSON_AddNullToObject(o, "routed_usd");
			} else {
				cli_json_money_shown(o, ctx, "all_sync_usd", row->sync, row->sync_shown);
				cli_json_money_shown(o, ctx, "all_batch_usd", row->batch,
				                     row->batch_shown);
				cli_json_money_shown(o, ctx, "routed_usd", row->routed,
				                     row->routed_shown);
			}
			cJSON_AddItemToArray(list, o);
		}
		if (r->unpriced) {
			cJSON_AddTrueToObject(target, "priced_workloads_only");
			cli_json_int(target, "unpriced_workloads", (int64_t)r->unpriced);
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

