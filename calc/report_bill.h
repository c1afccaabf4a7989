/*
 * report_bill: the report pack's bill check (`report ... --bill COSTFILE`):
 * the provider's bill against what the batches explain, as `batchcalc bill`
 * computes it (calc/bill_check.h), beside actual against forecast.
 *
 * The explained side is the report's own: the --results files it read (the
 * same run, so the same batches and days), or the spend ledger of --ledger
 * (the batch cost recorded per usage day, as `bill --ledger` reads it), or
 * nothing. The figures are computed once, by bill_check_compute, and the
 * section only lays them out: a table of billed, explained, difference and
 * its causes, a table by day (and its chart, billed vs explained) and a table
 * of the lines, each sum taken from the check's lines, so every figure is
 * the one `bill` prints for the same inputs and period.
 */
#ifndef BATCHCALC_REPORT_BILL_H
#define BATCHCALC_REPORT_BILL_H

#include "bill_check.h"
#include "bill_ledger.h"
#include "options.h"
#include "report.h"
#include "usage.h"

struct report_input;

struct report_bill {
	struct usage_set set;        /* the cost (and usage) reports */
	bool from_ledger;
	struct bill_ledger ledger;   /* --ledger: what it explains */
	bool from_results;           /* --results: the report's run explains */
	struct bill_check check;
};

/*
 * Reads the reports of --bill and checks them against the report's results
 * (in->run, read already) or the ledger at `ledger` (NULL: not used), over
 * --month, or --since with --until (an open end is the reports' own), else
 * the days the cost reports cover.
 */
enum status report_bill_compute(struct cli *ctx, const struct report_input *in,
                                const struct option_list *costfiles,
                                const char *ledger, const char *month,
                                const char *since, const char *until,
                                struct report_bill *out, struct diag *d);
void report_bill_release(struct report_bill *b);

/* The section: nothing without --bill. */
enum status report_section_bill(struct report *r, const struct report_input *in,
                                struct diag *d);

#endif
