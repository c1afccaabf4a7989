/* Turnaround and deadlines in a report pack: the sla section
 * (report_sections_impl.h). */
#include "report_sections_impl.h"

#include "latency.h"
#include "recon_report.h"
#include "../models/margin.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- turnaround and deadlines (sla) -------------------------------------- */

/* Probabilities to 4 decimals of a percent and hours to 4 decimals: the
 * precision `sla --format json` prints them with. */
static const char *percent_cell(double p, char buf[64])
{
	snprintf(buf, 64, "%.4f", round(p * 1e6) / 1e4 + 0.0);
	return buf;
}

static const char *hours_cell(double h, char buf[64])
{
	char text[32];

	if (isinf(h))
		return ""; /* past the expiry: the batch is more likely expired */
	snprintf(buf, 64, "%s", latency_hours_text(h, text));
	return buf;
}

static const struct report_column sla_summary_columns[SUM_COLUMNS] = {
	{"submit_local", "submitted", UNIT_TEXT},
	{"deadline_local", "deadline", UNIT_TEXT},
	{"window_hours", "window (h)", UNIT_COUNT},
	{"p_meet_percent", "p_meet", UNIT_PERCENT},
	{"p50_hours", "p50 (h)", UNIT_COUNT},
	{"p90_hours", "p90 (h)", UNIT_COUNT},
	{"p99_hours", "p99 (h)", UNIT_COUNT},
	{"expired_percent", "expired", UNIT_PERCENT},
	{"best_submit_local", "best time", UNIT_TEXT},
	{"best_p_meet_percent", "p_meet then", UNIT_PERCENT},
	{"submit_hour_local", "hour", UNIT_COUNT},
	{"marker", "marked as", UNIT_TEXT},
};

static const struct report_column sla_hour_columns[HOUR_COLUMNS] = {
	{"submit_hour_local", "hour", UNIT_COUNT},
	{"submit_local", "submitted", UNIT_TEXT},
	{"p_meet_percent", "chance of meeting the deadline", UNIT_PERCENT},
};

static const struct report_column sla_cdf_columns[CDF_COLUMNS] = {
	{"hours_after_submission", "hours", UNIT_COUNT},
	{"finished_percent", "finished", UNIT_PERCENT},
};

static const struct report_column sla_times_columns[TIMES_COLUMNS] = {
	{"what", "what", UNIT_TEXT},
	{"hours_after_submission", "hours after submission", UNIT_COUNT},
	{"marker", "marked as", UNIT_TEXT},
};

#define CDF_STEP_HOURS 0.5

enum status report_section_sla(struct report *r, const struct report_input *in,
                               struct diag *d)
{
	const struct sla_run *s = &in->sla;
	static char note[400];
	char buf[SUM_COLUMNS][64], days[64];
	const char *cells[SUM_COLUMNS];
	struct report_table *t;
	enum status st;

	if (!in->has_sla) {
		report_add_note(r, "Deadline and turnaround charts: not drawn, no "
		                "schedule given (--submit HH:MM --deadline HH:MM [--tz "
		                "ZONE]).");
		return STATUS_OK;
	}
	schedule_days_text(s->days, days, sizeof days);
	snprintf(note, sizeof note, "Batches submitted at the local time in %s on %s, "
	         "every such day of the 52 weeks from the as-of date, on the %s "
	         "latency profile, capped by %s's batch expiry (%g h): the figures of "
	         "`sla --format json` (week). The hour marks the submission on the "
	         "chart below.", s->zone, days, s->latency_origin, s->provider->id,
	         s->profile.expiry_hours);
	t = report_add_table(r, "sla-summary", "Meeting the deadline", note,
	                     sla_summary_columns, SUM_COLUMNS);
	cells[SUM_SUBMIT] = schedule_clock_text(s->submit_minute, buf[0]);
	/* "06:00", "06:00 next day" or "14 h after" (--deadline 14h). */
	if (s->deadline_hours > 0) {
		char hours[32];
		snprintf(buf[1], 64, "%s h after", latency_hours_text(s->deadline_hours, hours));
	} else {
		char clock[16];
		snprintf(buf[1], 64, "%s%s", schedule_clock_text(s->deadline_minute, clock),
		         s->next_day ? " next day" : "");
	}
	cells[SUM_DEADLINE] = buf[1];
	cells[SUM_WINDOW] = hours_cell(s->window_nominal, buf[2]);
	cells[SUM_P_MEET] = percent_cell(s->week.p_meet, buf[3]);
	cells[SUM_P50] = hours_cell(s->week.p50_hours, buf[4]);
	cells[SUM_P90] = hours_cell(s->week.p90_hours, buf[5]);
	cells[SUM_P99] = hours_cell(s->week.p99_hours, buf[6]);
	cells[SUM_EXPIRED] = percent_cell(s->week.expired_share, buf[7]);
	cells[SUM_BEST] = schedule_clock_text(s->best_minute, buf[8]);
	cells[SUM_BEST_P] = percent_cell(s->best_p_meet, buf[9]);
	cells[SUM_HOUR] = hours_cell(s->submit_minute / 60.0, buf[10]);
	snprintf(buf[11], 64, "submitted %s", cells[SUM_SUBMIT]);
	cells[SUM_MARKER] = buf[11];
	report_table_add(t, cells);

	t = report_add_table(r, "sla-by-submission-hour",
	                     "Probability of meeting the deadline by submission hour",
	                     "The same dates submitting at each whole hour of the local "
	                     "day, the window kept at its length: the curve the best "
	                     "submission time is read from.",
	                     sla_hour_columns, HOUR_COLUMNS);
	for (int hour = 0; hour < 24; hour++) {
		double p;
		if ((st = schedule_p_meet_at(s, hour * 60, &p, d)))
			return st;
		snprintf(buf[0], 64, "%d", hour);
		cells[HOUR_HOUR] = buf[0];
		cells[HOUR_TIME] = schedule_clock_text(hour * 60, buf[1]);
		cells[HOUR_P_MEET] = percent_cell(p, buf[2]);
		report_table_add(t, cells);
	}

	t = report_add_table(r, "sla-turnaround", "Turnaround distribution",
	                     "Share of the submissions at the time asked whose batches "
	                     "have all finished, by hours after submission, up to the "
	                     "expiry: work not finished then expires (not billed, to be "
	                     "resubmitted).",
	                     sla_cdf_columns, CDF_COLUMNS);
	for (int k = 0; k * CDF_STEP_HOURS <= s->profile.expiry_hours + 1e-9; k++) {
		double hours = k * CDF_STEP_HOURS;
		cells[CDF_HOURS] = hours_cell(hours, buf[0]);
		cells[CDF_FINISHED] = percent_cell(schedule_finish_by(s, hours), buf[1]);
		report_table_add(t, cells);
	}

	t = report_add_table(r, "sla-times", "The deadline and the expiry",
	                     "Hours after submission, marked on the turnaround chart.",
	                     sla_times_columns, TIMES_COLUMNS);
	hours_cell(s->window_nominal, buf[0]);
	snprintf(buf[1], 64, "deadline (%s h)", buf[0]);
	cells[TIMES_WHAT] = "deadline";
	cells[TIMES_HOURS] = buf[0];
	cells[TIMES_MARKER] = buf[1];
	report_table_add(t, cells);
	hours_cell(s->profile.expiry_hours, buf[2]);
	snprintf(buf[3], 64, "expiry (%s h)", buf[2]);
	cells[TIMES_WHAT] = "expiry";
	cells[TIMES_HOURS] = buf[2];
	cells[TIMES_MARKER] = buf[3];
	report_table_add(t, cells);
	return STATUS_OK;
}
