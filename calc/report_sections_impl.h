/*
 * report_sections_impl: internal to the files that build a report pack's
 * sections (report_sections.c holds the shared helpers, the cost, share and
 * growth sections, and what the pack holds; report_margin.c the founder's
 * margin, report_turnaround.c the sla section, report_actuals.c reconcile's
 * and the ledger's, report_bill.c the bill check). Split so that no file
 * passes 800 lines; the column indices below are shared because `charts[]`
 * in report_sections.c names the columns of every section's tables.
 */
#ifndef BATCHCALC_REPORT_SECTIONS_IMPL_H
#define BATCHCALC_REPORT_SECTIONS_IMPL_H

#include "report_sections.h"

#include <stdbool.h>
#include <stdint.h>

/* The batch shares of the share and margin tables: 0%, 10%, ... 100%. */
#define SHARE_STEP_PERCENT 10

/* Columns of the tables the sections in other files fill. */
enum { MARGIN_SHARE, MARGIN_BEFORE_USD, MARGIN_AFTER_USD, MARGIN_SAVINGS,
       MARGIN_BEFORE, MARGIN_AFTER, MARGIN_POINTS, MARGIN_COLUMNS };

enum { SUM_SUBMIT, SUM_DEADLINE, SUM_WINDOW, SUM_P_MEET, SUM_P50, SUM_P90, SUM_P99,
       SUM_EXPIRED, SUM_BEST, SUM_BEST_P, SUM_HOUR, SUM_MARKER, SUM_COLUMNS };

enum { HOUR_HOUR, HOUR_TIME, HOUR_P_MEET, HOUR_COLUMNS };

enum { CDF_HOURS, CDF_FINISHED, CDF_COLUMNS };

enum { TIMES_WHAT, TIMES_HOURS, TIMES_MARKER, TIMES_COLUMNS };

enum { JOB_NAME, JOB_REQUESTS, JOB_SUCCEEDED, JOB_FAILED, JOB_BATCH, JOB_SYNC,
       JOB_SAVINGS, JOB_COLUMNS };

enum { VAR_WORKLOAD, VAR_FORECAST, VAR_ACTUAL, VAR_DIFFERENCE, VAR_VOLUME,
       VAR_FAILURE, VAR_MIX, VAR_PRICE, VAR_COLUMNS };

enum { MON_MONTH, MON_REQUESTS, MON_FAILED, MON_BATCH, MON_SYNC, MON_FORECAST,
       MON_DIFFERENCE, MON_VOLUME, MON_FAILURE, MON_MIX, MON_PRICE, MON_COLUMNS };

/* Adds a row whose USD cells the table shows converted at `fx` when the
 * pack is in another currency (*overflow set when a conversion does not
 * fit). */
void sections_add_row(const struct report_input *in, struct report_table *t,
                      const char *const *cells, int64_t fx, bool *overflow);
/* The currency's rate on the as-of date, millionths per USD (1000000 in
 * USD). */
enum status sections_as_of_rate(const struct report_input *in, int64_t *fx,
                                 struct diag *d);
/* A double figure (a margin, in percent or points) for a CSV cell. */
const char *sections_double_text(double v, char buf[64]);

/* The sections defined outside report_sections.c. */
enum status report_headline_margin(struct report *r, const struct report_input *in,
                                   struct diag *d);
enum status report_section_margin(struct report *r, const struct report_input *in,
                                  struct diag *d);
enum status report_section_sla(struct report *r, const struct report_input *in,
                               struct diag *d);
enum status report_section_reconcile(struct report *r, const struct report_input *in,
                                     struct diag *d);
enum status report_section_ledger(struct report *r, const struct report_input *in,
                                  struct diag *d);

#endif
