/*
 * bill_ledger: the spend ledger's recorded batches as the explained side of
 * a bill check (`batchcalc bill --ledger`, `report --bill ... --ledger`).
 *
 * The figures are the ledger's own (ledger_store.h's read API, the money
 * `ledger show` sums), never priced again: per usage day, model, context
 * tier and token class, the batch cost recorded when each batch was added
 * (ledger_usage_by_day). A bill is about the days the usage happened, so a
 * figure counts on its price day (a batch's created day); an adjustment made
 * later to a batch counts on the day of the usage it corrects, which is where
 * the provider billed it. Without adjustments this is, month for month, the
 * batch total `ledger show --month` prints.
 *
 * Invariants: usage rows lie in the period when one is given (else every
 * row of the ledger); strings are borrowed from the view, released together.
 */
#ifndef BATCHCALC_BILL_LEDGER_H
#define BATCHCALC_BILL_LEDGER_H

#include "ledger_store.h"

struct bill_ledger {
	char where[512];              /* the location as it may be shown */
	struct ledger_view view;      /* entries booked on or after the period's start */
	struct ledger_usage *usage;   /* sorted by day, model, tier, class */
	size_t usage_count;
	size_t entries;               /* entries with usage in the period */
	size_t adjustments;           /* of which adjustments */
	money recorded;               /* the figures' batch cost in the period */
};

/*
 * Opens the ledger at `location` (ledger_db_location: the flag, else
 * BATCHCALC_LEDGER, else the default file) read-only and reads the usage of
 * the days from since to until (has_period false: of every day).
 */
enum status bill_ledger_read(const char *location, bool has_period, date_days since,
                             date_days until, struct bill_ledger *out, struct diag *d);
void bill_ledger_release(struct bill_ledger *b);

#endif
