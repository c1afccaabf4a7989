/*
 * schedule: the `sla` question (a local submission time and deadline in a
 * time zone, on chosen weekdays) turned into dated submissions and answered
 * with models/sla.h, shared by `sla`, which prints it, and `report`, which
 * draws it.
 *
 * Every submission date in the SPAN_DAYS days from as_of is converted to UTC
 * on its own (calc/tz.h), so daylight saving moves the UTC hour as in life.
 * A slot is one weekday's submissions; week figures weight every submission
 * equally. Times of day are local minutes 0..1439.
 *
 * Two questions: with a submission time, how likely the deadline is met
 * (schedule_build); without one, the latest time each weekday's deadline
 * can still be met with probability p_target (schedule_latest). When the
 * profile states the 95% interval of each hour's median, p_meet gets an
 * interval too: its values on the profiles with every median at the slow
 * and at the fast end (sla_profile_at_bound).
 */
#ifndef BATCHCALC_SCHEDULE_H
#define BATCHCALC_SCHEDULE_H

#include "cli.h"
#include "../models/sla.h"

#include <stdbool.h>

#define SPAN_DAYS 364          /* 52 weeks from --as-of */
#define BEST_STEP_MINUTES 15   /* best_submit is searched on this grid */
#define LATEST_STEP_MINUTES 5  /* latest_submit is searched on this grid */

/* The latest submission that meets a slot's deadline with p_target. */
struct sla_latest {
	bool found;
	int days_before;           /* 0: on the deadline's day; 1: the day before */
	int minute;                /* local minute of the day */
	double best_p_meet;        /* when not found: the most any time searched
	                            * reaches */
};

/* One weekday's submissions (local weekday; its dates in subs). In the
 * latest-submission question the weekday is the deadline's, and the
 * submissions are those at the latest time found. */
struct sla_slot {
	int weekday;                /* 0 = Monday, local */
	size_t first, count;        /* its submissions in run.subs */
	int64_t utc_minutes[4];     /* distinct UTC minutes of the week seen */
	int utc_count;
	double window_min, window_max;
	struct sla_summary s;
	double p_meet_low, p_meet_high; /* the interval; NAN without one */
	struct sla_latest latest;
	bool to_batch;              /* --target routing */
};

/* The question (filled by the caller), and the answer schedule_build and
 * schedule_find_best fill. */
struct sla_cost_row;

struct sla_run {
	/* the question */
	const char *zone;
	int submit_minute, deadline_minute; /* local minutes of the day */
	double deadline_hours;              /* > 0 when the deadline is Nh */
	bool next_day;
	bool days[7];
	int batches;
	date_days as_of;
	struct ratio month_days;
	struct sla_profile profile;
	const char *latency_origin;
	const struct provider *provider;
	double target;                      /* 0: no --target */
	double p_target;                    /* > 0: the latest-submission question */
	/* the answer */
	struct sla_submission *subs;
	size_t sub_count;
	struct sla_slot slots[7];
	int slot_count;
	struct sla_summary week;
	double week_p_low, week_p_high;     /* NAN without an interval */
	int best_minute;
	double best_p_meet, window_nominal;
	/* --target */
	struct profile workloads;
	struct sla_cost_row *costs;  /* cmd_sla's */
	size_t unpriced;             /* workloads without a price: not in the totals */
	money total_sync, total_batch, total_routed;
	/* The same in the presentation currency, at the --as-of rate. */
	money total_sync_shown, total_batch_shown, total_routed_shown;
	double batch_share, routed_p_meet;
};

/* HH:MM, 00:00 to 23:59, into minutes of the day; false when it is not. */
bool schedule_parse_clock(const char *text, int *minute);

/* "mon-fri", "sat,sun", "fri-mon" (a range may wrap) into days[0..6]. */
enum status schedule_parse_days(const char *text, bool days[7], struct diag *d);

/* --deadline: HH:MM after r->submit_minute (or the next day with
 * r->next_day), or hours after submission ("4h"); sets window_nominal. */
enum status schedule_parse_deadline(struct sla_run *r, const char *text,
                                    struct diag *d);

/* "HH:MM" of a minute of the day (taken modulo a day). */
const char *schedule_clock_text(int minute, char buf[8]);
/* "mon-fri" or "mon,wed,fri" for the days chosen. */
void schedule_days_text(const bool days[7], char *buf, size_t size);

/* The submissions of every chosen day, their slots and week summaries
 * (and intervals, when the profile has them). */
enum status schedule_build(struct sla_run *r, struct diag *d);

/*
 * For each chosen weekday, the deadline r->deadline_minute on it and
 * r->p_target: the latest local time, on a LATEST_STEP_MINUTES grid from
 * the deadline back to 00:00 ceil(expiry / 24) days before, at which the
 * mean P(all r->batches meet the deadline) over that weekday's dates
 * reaches p_target; then the slots and week figures of submitting then, as
 * schedule_build gives them. A higher p_target never gives a later time.
 */
enum status schedule_latest(struct sla_run *r, struct diag *d);

/*
 * The mean P(all r->batches meet a deadline window_nominal hours after
 * submission) when the same dates submit at local `minute` instead: the
 * probability the best submission time is searched over.
 */
enum status schedule_p_meet_at(const struct sla_run *r, int minute, double *p,
                               struct diag *d);

/* The time of day, on a BEST_STEP_MINUTES grid, at which a window as long
 * as the one asked about is most likely met; ties go to the earliest. */
enum status schedule_find_best(struct sla_run *r, struct diag *d);

/* P(all r->batches of a submission finish within t hours), the mean over
 * the submissions built (after schedule_build): the turnaround CDF, capped
 * by the expiry. */
double schedule_finish_by(const struct sla_run *r, double t_hours);

#endif
