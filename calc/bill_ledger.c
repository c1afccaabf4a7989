#include "bill_ledger.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum status bill_ledger_read(const char *location, bool has_period, date_days since,
                             date_days until, struct bill_ledger *out, struct diag *d)
{
	struct ledger *l = NULL;
	struct ledger_usage *all = NULL;
	size_t count = 0, kept = 0;
	bool overflow = false;
	enum status st;

	memset(out, 0, sizeof *out);
	/* A figure's usage day is never after the day its entry is booked (a
	 * batch on its created day, an adjustment later), so entries booked
	 * before the period hold no usage of it. */
	if ((st = ledger_open(ledger_db_location(location), LEDGER_READ, &l, d)))
		return st;
	snprintf(out->where, sizeof out->where, "%s", ledger_where(l));
	st = ledger_read(l, has_period ? since : INT32_MIN, DATE_OPEN_END, &out->view, d);
	ledger_close(l);
	if (st == STATUS_OK)
		st = ledger_usage_by_day(&out->view, &all, &count, d);
	if (st != STATUS_OK) {
		ledger_view_release(&out->view);
		return st;
	}
	for (size_t i = 0; i < count; i++)
		if (!has_period || (all[i].day >= since && all[i].day <= until))
			all[kept++] = all[i];
	out->usage = all;
	out->usage_count = kept;
	/* The entries with a figure of usage in the period: figures are in
	 * entry order, so an entry is counted at its first such figure. */
	for (size_t k = 0, last = SIZE_MAX; k < out->view.figure_count; k++) {
		const struct ledger_figure *g = &out->view.figures[k];
		if (has_period && (g->price_day < since || g->price_day > until))
			continue;
		out->recorded = money_add(out->recorded, g->batch_cost, &overflow);
		if (g->entry_index == last)
			continue;
		last = g->entry_index;
		out->entries++;
		out->adjustments += out->view.entries[last].adjustment;
	}
	if (overflow) {
		bill_ledger_release(out);
		return diag_set(d, STATUS_OVERFLOW, "ledger: a total does not fit");
	}
	return STATUS_OK;
}

void bill_ledger_release(struct bill_ledger *b)
{
	free(b->usage);
	ledger_view_release(&b->view);
	memset(b, 0, sizeof *b);
}
