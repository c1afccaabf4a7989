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

enum status schedule_build(struct sla_run *r, struct diag *d)
{
	size_t n = 0, count = 0;
	struct tz_wall *walls;
	int64_t *utc;
	bool clock = r->deadline_hours <= 0;
	enum status st;

	for (int i = 0; i < SPAN_DAYS; i++)
		count += r->days[date_weekday(r->as_of + i)];
	walls = calloc(2 * count, sizeof *walls);
	utc = calloc(2 * count, sizeof *utc);
	r->subs = calloc(count, sizeof *r->subs);
	if (!walls || !utc || !r->subs) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	/* Submissions grouped by weekday, Monday first, each in date order. */
	for (int wd = 0; wd < 7; wd++) {
		struct sla_slot *slot;
		if (!r->days[wd])
			continue;
		slot = &r->slots[r->slot_count++];
		slot->weekday = wd;
		slot->first = n;
		for (int i = 0; i < SPAN_DAYS; i++) {
			date_days day = r->as_of + i;
			if (date_weekday(day) != wd)
				continue;
			walls[2 * n].day = day;
			walls[2 * n].minute = r->submit_minute;
			walls[2 * n + 1].day = day + (r->next_day ? 1 : 0);
			walls[2 * n + 1].minute = clock ? r->deadline_minute : 0;
			n++;
		}
		slot->count = n - slot->first;
	}
	if ((st = tz_to_utc(r->zone, walls, 2 * n, utc, d)))
		goto done;
	r->sub_count = n;
	for (int k = 0; k < r->slot_count; k++) {
		struct sla_slot *slot = &r->slots[k];
		for (size_t i = slot->first; i < slot->first + slot->count; i++) {
			int64_t minute_of_week;
			int u;
			r->subs[i].hour_of_week = sla_hour_of_week(utc[2 * i]);
			r->subs[i].window_hours = clock ? (double)(utc[2 * i + 1] - utc[2 * i]) / 3600.0
			                                : r->deadline_hours;
			/* 1970-01-01 was a Thursday: three days into the week. */
			minute_of_week = ((utc[2 * i] / 60 + 3 * 1440) % (7 * 1440) + 7 * 1440) %
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
	}
	sla_summarize(&r->profile, r->subs, n, r->batches, &r->week);
done:
	free(walls);
	free(utc);
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
