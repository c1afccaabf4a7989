/* schedule: the latest submission that still meets a deadline (issue 17). */
#include "../../calc/latency.h"
#include "../../calc/schedule.h"
#include "../../calc/tz.h"

#include "suite.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The question "results by `deadline` in `zone` on mon-sun with p_meet at
 * least `target`", on the built-in profile under a 24 h expiry. */
static void latest(const char *zone, int deadline, double target, struct sla_run *r)
{
	struct diag d;

	memset(r, 0, sizeof *r);
	r->zone = zone;
	r->deadline_minute = deadline;
	r->batches = 1;
	r->p_target = target;
	r->as_of = date_from_civil(2026, 11, 25);
	for (int i = 0; i < 7; i++)
		r->days[i] = true;
	ck_assert_int_eq(latency_load_builtin(&r->profile, &d), STATUS_OK);
	r->profile.expiry_hours = 24;
	ck_assert_int_eq(schedule_latest(r, &d), STATUS_OK);
}

/* Minutes from the latest submission to the deadline, as the clock reads. */
static int lead_minutes(const struct sla_run *r, const struct sla_slot *slot)
{
	return slot->latest.days_before * 1440 + r->deadline_minute - slot->latest.minute;
}

START_TEST(a_higher_target_never_gives_a_later_submission)
{
	static const char *const zones[] = {"UTC", "Australia/Sydney", "America/New_York"};
	static const int deadlines[] = {6 * 60, 14 * 60 + 30};

	for (size_t z = 0; z < 3; z++)
		for (size_t k = 0; k < 2; k++) {
			int lead[7] = {0};
			for (double target = 0.50; target < 0.9999; target += 0.0499) {
				struct sla_run r;
				latest(zones[z], deadlines[k], target, &r);
				ck_assert_int_eq(r.slot_count, 7);
				for (int s = 0; s < 7; s++) {
					const struct sla_slot *slot = &r.slots[s];
					if (!slot->latest.found) {
						lead[s] = 1 << 30; /* not found stays not found */
						ck_assert_double_lt(slot->latest.best_p_meet, target);
						continue;
					}
					ck_assert_msg(lead_minutes(&r, slot) >= lead[s], "%s %d %s: %g "
					              "gives %d min before, a lower target %d",
					              zones[z], deadlines[k], latency_day_name(s), target,
					              lead_minutes(&r, slot), lead[s]);
					lead[s] = lead_minutes(&r, slot);
				}
				free(r.subs);
			}
		}
}
END_TEST

START_TEST(the_latest_time_meets_the_target_and_five_minutes_later_does_not)
{
	struct sla_run r, later;

	latest("Australia/Sydney", 6 * 60, 0.95, &r);
	for (int s = 0; s < r.slot_count; s++) {
		const struct sla_slot *slot = &r.slots[s];
		ck_assert(slot->latest.found);
		ck_assert_double_ge(slot->s.p_meet, 0.95);
		ck_assert_double_ge(slot->window_min, 0.0);
		ck_assert_int_eq(slot->latest.minute % LATEST_STEP_MINUTES, 0);
	}
	/* Tuesday 06:00 Sydney is Monday 19:00-20:00 UTC, inside the Monday peak
	 * (13:00-21:59 UTC, median 6 h): no time that day reaches 95%, and the
	 * latest that does is before the peak begins, on Monday (local). */
	ck_assert(r.slots[1].latest.days_before == 1);
	for (int u = 0; u < r.slots[1].utc_count; u++)
		ck_assert_int_lt(r.slots[1].utc_minutes[u], 13 * 60);
	/* Mondays' deadline (Sunday UTC, quiet) can wait until 04:30... */
	ck_assert_int_eq(r.slots[0].latest.days_before, 0);
	ck_assert_int_eq(r.slots[0].latest.minute, 4 * 60 + 30);
	/* ...and submitting at 04:35 the same Mondays falls short. */
	memset(&later, 0, sizeof later);
	later.zone = "Australia/Sydney";
	later.submit_minute = 4 * 60 + 35;
	later.deadline_minute = 6 * 60;
	later.batches = 1;
	later.as_of = r.as_of;
	later.days[0] = true;
	later.profile = r.profile;
	{
		struct diag d;
		ck_assert_int_eq(schedule_build(&later, &d), STATUS_OK);
	}
	ck_assert_double_lt(later.slots[0].s.p_meet, 0.95);
	free(later.subs);
	free(r.subs);
}
END_TEST

START_TEST(a_target_out_of_reach_says_how_close_it_came)
{
	struct sla_run r;

	/* Every batch of the Monday peak has a 3% chance of expiring, and a
	 * deadline 06:00 UTC on Tuesday is met at best by submitting before the
	 * peak on Monday or early Tuesday: 99.9999% is out of reach. */
	latest("UTC", 6 * 60, 0.999999, &r);
	ck_assert(!r.slots[1].latest.found);
	ck_assert_double_gt(r.slots[1].latest.best_p_meet, 0.99);
	ck_assert_double_lt(r.slots[1].latest.best_p_meet, 0.999999);
	free(r.subs);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		a_higher_target_never_gives_a_later_submission,
		the_latest_time_meets_the_target_and_five_minutes_later_does_not,
		a_target_out_of_reach_says_how_close_it_came,
	};
	return RUN_SUITE("schedule", tests);
}
