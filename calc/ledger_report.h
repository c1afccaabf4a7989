/*
 * ledger_report: the ledger as reconcile's run, so that `ledger show` and
 * `report --ledger` print and draw exactly what `reconcile` would, from the
 * recorded figures alone.
 *
 * Each entry becomes its files (an adjustment: one line naming it) and each
 * figure a bucket that carries its recorded money (recon_bucket.costed), on
 * the day it is booked: reconcile's report then sums and converts it and
 * never asks the catalogue to price it again. An adjustment's bucket is
 * labelled "BATCH (adjustment YYYY-MM-DD)", so it is shown as such.
 */
#ifndef BATCHCALC_LEDGER_REPORT_H
#define BATCHCALC_LEDGER_REPORT_H

#include "cli.h"
#include "ledger_store.h"
#include "recon_report.h"

/* The entries booked from since to until (INT32_MIN, DATE_OPEN_END: all) as
 * a run; release it with recon_run_release. */
enum status ledger_report_run(const struct ledger_view *v, date_days since,
                              date_days until, struct recon_run *run,
                              struct diag *d);

/*
 * Makes the stamp name the catalogue the entries were priced with when
 * recorded (one, or "recorded with each batch"), and the prices overlay
 * merged on top then, instead of one loaded now. It fills ctx->catalogue's
 * version, origin, checksum and overlay only.
 */
enum status ledger_report_stamp(struct cli *ctx, const struct ledger_view *v,
                                struct diag *d);

/* The distinct months entries are booked in, oldest first; *count of them
 * (at most `max`) as year * 12 + month - 1. */
size_t ledger_report_months(const struct ledger_view *v, int *months, size_t max);

#endif
