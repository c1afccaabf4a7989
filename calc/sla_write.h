/*
 * sla_write: what `sla` prints, as a table, CSV or JSON, for its two
 * questions: how likely a deadline is met from a submission time (with
 * --target, what routing to meet it costs), and the latest time to submit
 * for a deadline (--p-meet). Formatting only: every figure is made before
 * (calc/schedule.h, the costs in cmd_sla.c). Every table line fits 100
 * columns.
 */
#ifndef BATCHCALC_SLA_WRITE_H
#define BATCHCALC_SLA_WRITE_H

#include "cli.h"
#include "schedule.h"

#include <stdio.h>

/* One workload's monthly cost under --target (sla_run.costs). */
struct sla_cost_row {
	const struct workload *w;
	const struct model *model;   /* NULL: not in the catalogue */
	const struct sla_run *run;   /* the workload's provider's; NULL with no model */
	bool unpriced;               /* no price: its money is in no figure */
	money sync, batch, routed;
	money sync_shown, batch_shown, routed_shown; /* at the --as-of rate */
};

/*
 * runs[0] is the question's provider, whose slots are printed; runs[1..n)
 * the other providers --target's workloads were timed on (their routing
 * is printed beside).
 */
void sla_write_table(FILE *out, struct cli *ctx, const struct sla_run *runs,
                     int run_count);
void sla_write_csv(FILE *out, const struct sla_run *r);
void sla_write_json(FILE *out, struct cli *ctx, const struct sla_run *runs,
                    int run_count);

/* The latest-submission question (r->p_target > 0, after schedule_latest). */
void sla_write_latest_table(FILE *out, struct cli *ctx, const struct sla_run *r);
void sla_write_latest_csv(FILE *out, const struct sla_run *r);

#endif
