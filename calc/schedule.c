#include "schedule.h"

#include "latency.h"
#include "tz.h"
#include "../models/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool schedule_parse_clock(const char *text, int *minute)
{
	int h, m;

	if (strlen(text) != 5 || text[2] != ':' ||
	    text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9' ||
	    text[3] < '0' || text[3] > '9' || text[4] < '0' || text[4] > '9')
		return false;
	h = (text[0] - '0') * 10 + (text[1] - '0');
	m = (text[3] - '0') * 10 + (text[4] - '0');
	if (h > 23 || m > 59)
		return false;
	*minute = h * 60 + m;
	return true;
}

enum status schedule_parse_days(const char *text, bool days[7], struct diag *d)
{
	char buf[128];
	char *item, *save = NULL;

	memset(days, 0, 7 * sizeof *days);
	if (strlen(text) >= sizeof buf)
		goto bad;
	memcpy(buf, text, strlen(text) + 1);
	for (item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		char *dash = strchr(item, '-');
		int from, to;

		if (dash)
			*dash = '\0';
		from = latency_day_parse(item);
		to = dash ? latency_day_parse(dash + 1) : from;
		if (from < 0 || to < 0)
			goto bad;
		/* A range may wrap: fri-mon is fri, sat, sun, mon. */
		for (int i = from; ; i = (i + 1) % 7) {
			days[i] = true;
			if (i == to)
				break;
		}
	}
	for (int i = 0; i < 7; i++)
		if (days[i])
			return STATUS_OK;
bad:
	return diag_set(d, STATUS_USAGE, "--days: expected weekdays such as mon-fri "
	                "or sat,sun (mon tue wed thu fri sat sun), found \"%.60s\"",
	                text);
}

const char *schedule_clock_text(int minute, char buf[8])
{
	minute = ((minute % 1440) + 1440) % 1440;
	snprintf(buf, 8, "%02d:%02d", minute / 60, minute % 60);
	return buf;
}

/* "mon-fri" or "mon,wed,fri" for the days chosen. */
void schedule_days_text(const bool days[7], char *buf, size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (int i = 0; i < 7; i++) {
		int j = i;
		if (!days[i])
			continue;
		while (j + 1 < 7 && days[j + 1])
			j++;
		used += (size_t)snprintf(buf + used, size - used, "%s%s%s%s",
		                         used ? "," : "", latency_day_name(i),
		                         j > i ? "-" : "", j > i ? latency_day_name(j) : "");
		if (used >= size)
			return;
		i = j;
	}
}

/* Mean P(all batches meet their windows) over n submissions. */
static double mean_meet(const struct sla_profile *p, const struct sla_submission *s,
                        size_t n, int batches)
{
	double sum = 0.0;

	for (size_t i = 0; i < n; i++)
		sum += sla_meet(p, &s[i], batches);
	return n ? sum / (double)n : 0.0;
}

/* The slots' and week's figures, from r->subs and each submission's UTC
 * time (utc[i], seconds). */
static void summarize(struct sla_run *r, const int64_t *utc)
{
	bool interval = sla_profile_has_interval(&r->profile);
	struct sla_profile slow, fast;

	if (interval) {
		sla_profile_at_bound(&r->profile, true, &slow);
		sla_profile_at_bound(&r->profile, false, &fast);
	}
	for (int k = 0; k < r->slot_count; k++) {
		struct sla_slot *slot = &r->slots[k];
		slot->utc_count = 0;
		for (size_t i = slot->first; i < slot->first + slot->count; i++) {
			int64_t minute_of_week;
			int u;
			/* 1970-01-01 was a Thursday: three days into the week. */
			minute_of_week = ((utc[i] / 60 + 3 * 1440) % (7 * 1440) + 7 * 1440) %
			                 (7 * 1440);
			for (u = 0; u < slot->utc_count; u++)
				if (slot->utc_minutes[u] == minute_of_week)
					break;
			if (u == slot->utc_count && u < 4)
				slot->utc_minutes[slot->utc_count++] = minute_of_week;
			if (i == slot->first || r->subs[i].window_hours < slot->window_min)
				slot->window_min = r->subs[i].window_hours;
			if (i == slot->first || r->subs[i].window_hours > slot->window_max)
				slot->window_max = r->subs[i].window_hours;
		}
		/* Earliest UTC time first: for a slot that straddles UTC midnight the
		 * order is by minute of the week. */
		for (int a = 1; a < slot->utc_count; a++)
			for (int b = a; b > 0 && slot->utc_minutes[b - 1] > slot->utc_minutes[b]; b--) {
				int64_t t = slot->utc_minutes[b];
				slot->utc_minutes[b] = slot->utc_minutes[b - 1];
				slot->utc_minutes[b - 1] = t;
			}
		sla_summarize(&r->profile, r->subs + slot->first, slot->count, r->batches,
		              &slot->s);
		slot->p_meet_low = interval ? mean_meet(&slow, r->subs + slot->first,
		                                        slot->count, r->batches) : NAN;
		slot->p_meet_high = interval ? mean_meet(&fast, r->subs + slot->first,
		                                         slot->count, r->batches) : NAN;
	}
	sla_summarize(&r->profile, r->subs, r->sub_count, r->batches, &r->week);
	r->week_p_low = interval ? mean_meet(&slow, r->subs, r->sub_count, r->batches) : NAN;
	r->week_p_high = interval ? mean_meet(&fast, r->subs, r->sub_count, r->batches) : NAN;
}

/* The dates of each chosen weekday in the span, grouped into slots (Monday
 * first, each in date order); fills r->slots and returns the dates. */
static enum status span_dates(struct sla_run *r, date_days **dates, size_t *count,
                              struct diag *d)
{
	size_t n = 0, total = 0;

	for (int i = 0; i < SPAN_DAYS; i++)
		total += r->days[date_weekday(r->as_of + i)];
	if (!(*dates = calloc(total ? total : 1, sizeof **dates)))
		return diag_set(d, STATUS_IO, "out of memory");
	r->slot_count = 0;
	for (int wd = 0; wd < 7; wd++) {
		struct sla_slot *slot;
		if (!r->days[wd])
			continue;
		slot = &r->slots[r->slot_count++];
		memset(slot, 0, sizeof *slot);
		slot->weekday = wd;
		slot->first = n;
		for (int i = 0; i < SPAN_DAYS; i++)
			if (date_weekday(r->as_of + i) == wd)
				(*dates)[n++] = r->as_of + i;
		slot->count = n - slot->first;
	}
	*count = n;
	return STATUS_OK;
}

enum status schedule_build(struct sla_run *r, struct diag *d)
{
	struct tz_wall *walls = NULL;
	int64_t *utc = NULL, *submit = NULL;
	date_days *dates = NULL;
	bool clock = r->deadline_hours <= 0;
	size_t n = 0;
	enum status st;

	if ((st = span_dates(r, &dates, &n, d)))
		return st;
	walls = calloc(2 * n + 1, sizeof *walls);
	utc = calloc(2 * n + 1, sizeof *utc);
	submit = calloc(n + 1, sizeof *submit);
	r->subs = calloc(n + 1, sizeof *r->subs);
	if (!walls || !utc || !submit || !r->subs) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		walls[2 * i].day = dates[i];
		walls[2 * i].minute = r->submit_minute;
		walls[2 * i + 1].day = dates[i] + (r->next_day ? 1 : 0);
		walls[2 * i + 1].minute = clock ? r->deadline_minute : 0;
	}
	if ((st = tz_to_utc(r->zone, walls, 2 * n, utc, d)))
		goto done;
	r->sub_count = n;
	for (size_t i = 0; i < n; i++) {
		submit[i] = utc[2 * i];
		r->subs[i].hour_of_week = sla_hour_of_week(utc[2 * i]);
		r->subs[i].window_hours = clock ? (double)(utc[2 * i + 1] - utc[2 * i]) / 3600.0
		                                : r->deadline_hours;
	}
	summarize(r, submit);
done:
	free(dates);
	free(walls);
	free(utc);
	free(submit);
	return st;
}

/*
 * UTC seconds of local minute j * step of each day in days[0..n), into
 * out[i * per + j] (per = 1440 / step). A day whose midnight and the next
 * are 24 hours apart has no clock change (transitions are months apart), so
 * its minutes are its midnight plus the minutes; the others are converted
 * minute by minute.
 */
static enum status day_grid_to_utc(const char *zone, const date_days *days,
                                   size_t n, int step, int64_t *out,
                                   struct diag *d)
{
	size_t per = (size_t)(1440 / step), odd = 0;
	struct tz_wall *walls = calloc(2 * n + 1, sizeof *walls);
	int64_t *mid = calloc(2 * n + 1, sizeof *mid);
	struct tz_wall *minutes = NULL;
	int64_t *converted = NULL;
	enum status st;

	if (!walls || !mid) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		walls[2 * i].day = days[i];
		walls[2 * i + 1].day = days[i] + 1;
	}
	if ((st = tz_to_utc(zone, walls, 2 * n, mid, d)))
		goto done;
	for (size_t i = 0; i < n; i++)
		odd += mid[2 * i + 1] - mid[2 * i] != 86400;
	if (odd) {
		size_t k = 0;
		minutes = calloc(odd * per, sizeof *minutes);
		converted = calloc(odd * per, sizeof *converted);
		if (!minutes || !converted) {
			st = diag_set(d, STATUS_IO, "out of memory");
			goto done;
		}
		for (size_t i = 0; i < n; i++)
			if (mid[2 * i + 1] - mid[2 * i] != 86400)
				for (size_t j = 0; j < per; j++, k++) {
					minutes[k].day = days[i];
					minutes[k].minute = (int)j * step;
				}
		if ((st = tz_to_utc(zone, minutes, odd * per, converted, d)))
			goto done;
	}
	for (size_t i = 0, k = 0; i < n; i++) {
		bool change = mid[2 * i + 1] - mid[2 * i] != 86400;
		for (size_t j = 0; j < per; j++)
			out[i * per + j] = change ? converted[k++]
			                          : mid[2 * i] + (int64_t)j * step * 60;
	}
done:
	free(walls);
	free(mid);
	free(minutes);
	free(converted);
	return st;
}

enum status schedule_latest(struct sla_run *r, struct diag *d)
{
	const int per = 1440 / LATEST_STEP_MINUTES;
	int back = (int)ceil(r->profile.expiry_hours / 24.0); /* days before */
	date_days *dates = NULL, *days = NULL;
	struct tz_wall *walls = NULL;
	int64_t *deadline = NULL, *grid = NULL, *submit = NULL;
	size_t n = 0;
	enum status st;

	if ((st = span_dates(r, &dates, &n, d)))
		return st;
	walls = calloc(n + 1, sizeof *walls);
	deadline = calloc(n + 1, sizeof *deadline);
	submit = calloc(n + 1, sizeof *submit);
	days = calloc(n * (size_t)(back + 1) + 1, sizeof *days);
	grid = calloc(n * (size_t)(back + 1) * (size_t)per + 1, sizeof *grid);
	r->subs = calloc(n + 1, sizeof *r->subs);
	if (!walls || !deadline || !submit || !days || !grid || !r->subs) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	/* Day k of date i (k days before it) is days[i * (back + 1) + k]. */
	for (size_t i = 0; i < n; i++) {
		walls[i].day = dates[i];
		walls[i].minute = r->deadline_minute;
		for (int k = 0; k <= back; k++)
			days[i * (size_t)(back + 1) + (size_t)k] = dates[i] - k;
	}
	if ((st = tz_to_utc(r->zone, walls, n, deadline, d)) ||
	    (st = day_grid_to_utc(r->zone, days, n * (size_t)(back + 1),
	                          LATEST_STEP_MINUTES, grid, d)))
		goto done;
	r->sub_count = n;
	for (int s = 0; s < r->slot_count; s++) {
		struct sla_slot *slot = &r->slots[s];
		struct sla_latest *l = &slot->latest;
		/* the last grid time before the deadline (none on its day at 00:00) */
		int last = r->deadline_minute > 0 ? (r->deadline_minute - 1) / LATEST_STEP_MINUTES
		                                  : -1;

		l->best_p_meet = 0.0;
		/* Latest first: the first time that reaches the target is the answer,
		 * so a higher target can only move it earlier. */
		for (int k = 0; k <= back && !l->found; k++)
			for (int j = k == 0 ? last : per - 1; j >= 0 && !l->found; j--) {
				double sum = 0.0, p;
				for (size_t i = slot->first; i < slot->first + slot->count; i++) {
					int64_t t = grid[(i * (size_t)(back + 1) + (size_t)k) * (size_t)per +
					                 (size_t)j];
					struct sla_submission one = {sla_hour_of_week(t),
					                             (double)(deadline[i] - t) / 3600.0};
					if (one.window_hours > 0.0)
						sum += sla_meet(&r->profile, &one, r->batches);
				}
				p = sum / (double)slot->count;
				if (p > l->best_p_meet)
					l->best_p_meet = p;
				if (p >= r->p_target) {
					l->found = true;
					l->days_before = k;
					l->minute = j * LATEST_STEP_MINUTES;
				}
			}
		/* The slot's submissions: at the time found, or, when none reaches the
		 * target, at the deadline's day 00:00 (their figures are not shown). */
		for (size_t i = slot->first; i < slot->first + slot->count; i++) {
			int k = l->found ? l->days_before : 0, j = l->found ? l->minute / LATEST_STEP_MINUTES : 0;
			int64_t t = grid[(i * (size_t)(back + 1) + (size_t)k) * (size_t)per + (size_t)j];
			submit[i] = t;
			r->subs[i].hour_of_week = sla_hour_of_week(t);
			r->subs[i].window_hours = fmax((double)(deadline[i] - t) / 3600.0, 1e-9);
		}
	}
	summarize(r, submit);
done:
	free(dates);
	free(days);
	free(walls);
	free(deadline);
	free(grid);
	free(submit);
	return st;
}

enum status schedule_p_meet_at(const struct sla_run *r, int minute, double *p,
                               struct diag *d)
{
	struct tz_wall *walls = calloc(r->sub_count, sizeof *walls);
	int64_t *utc = calloc(r->sub_count, sizeof *utc);
	enum status st = STATUS_OK;
	double sum = 0.0;

	if (!walls || !utc) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < r->sub_count; i++)
		walls[i].minute = minute;
	for (int k = 0, i = 0; k < r->slot_count; k++)
		for (int j = 0; j < SPAN_DAYS; j++)
			if (date_weekday(r->as_of + j) == r->slots[k].weekday)
				walls[i++].day = r->as_of + j;
	if ((st = tz_to_utc(r->zone, walls, r->sub_count, utc, d)))
		goto done;
	for (size_t i = 0; i < r->sub_count; i++) {
		struct sla_submission s = {sla_hour_of_week(utc[i]), r->window_nominal};
		sum += sla_meet(&r->profile, &s, r->batches);
	}
	*p = sum / (double)r->sub_count;
done:
	free(walls);
	free(utc);
	return st;
}

enum status schedule_find_best(struct sla_run *r, struct diag *d)
{
	enum status st;

	r->best_p_meet = -1.0;
	for (int minute = 0; minute < 1440; minute += BEST_STEP_MINUTES) {
		double p;
		if ((st = schedule_p_meet_at(r, minute, &p, d)))
			return st;
		if (p > r->best_p_meet) {
			r->best_p_meet = p;
			r->best_minute = minute;
		}
	}
	return STATUS_OK;
}

double schedule_finish_by(const struct sla_run *r, double t_hours)
{
	double sum = 0.0;

	for (size_t i = 0; i < r->sub_count; i++) {
		struct sla_submission s = {r->subs[i].hour_of_week, t_hours};
		sum += sla_meet(&r->profile, &s, r->batches);
	}
	return r->sub_count ? sum / (double)r->sub_count : 0.0;
}

enum status schedule_parse_deadline(struct sla_run *r, const char *text,
                                    struct diag *d)
{
	const char *why = "";
	size_t n = strlen(text);

	if (schedule_parse_clock(text, &r->deadline_minute)) {
		if (!r->next_day && r->deadline_minute <= r->submit_minute) {
			char submit[8];
			return diag_set(d, STATUS_USAGE, "--deadline: expected a time after "
			                "--submit %s on the same day, found %s (add --next-day "
			                "for a deadline on the following day)",
			                schedule_clock_text(r->submit_minute, submit), text);
		}
		r->window_nominal = (r->deadline_minute - r->submit_minute +
		                     (r->next_day ? 1440 : 0)) / 60.0;
		return STATUS_OK;
	}
	if (n > 1 && text[n - 1] == 'h') {
		char number[32];
		if (n - 1 < sizeof number) {
			memcpy(number, text, n - 1);
			number[n - 1] = '\0';
			if (number_parse_double(number, 0.0001, 168, &r->deadline_hours, &why)) {
				if (r->next_day)
					return diag_set(d, STATUS_USAGE, "--next-day: expected a "
					                "deadline given as HH:MM, found hours after "
					                "submission (%s)", text);
				r->window_nominal = r->deadline_hours;
				return STATUS_OK;
			}
		}
	}
	return diag_set(d, STATUS_USAGE, "--deadline: expected a local time HH:MM or "
	                "hours after submission such as 4h or 1.5h (at most 168h), "
	                "found \"%s\"", text);
}
