/*
 * bill: what the provider billed against what batchcalc explains, with the
 * difference split into named causes that add up to it exactly.
 *
 * The comparison is made cell by cell: one day, model, service tier and token
 * class (or one non-token line). For a cell
 *   B = what the bill says (money lines summed),
 *   E = what the results files explain (their billed tokens at the
 *       catalogue's batch rates),
 *   X = the bill's own tokens at the catalogue's rates, when the bill counts
 *       them and names the tier (else X = E: the price is taken to agree),
 * and B - E is split as
 *   rounding           = B - X when it is within half a cent per row the
 *                        provider rounded to the cent (Console exports round
 *                        each row); a larger B - X is not rounding at all
 *   price              = the rest of B - X (only when X is known)
 *   not_in_results     = X - E when positive: usage no results file holds
 *                        (sync traffic, other tiers, batches not downloaded)
 *   missing_from_bill  = X - E when negative: results the bill does not show
 * A cell the results do not hold is all not_in_results; a token cell the bill
 * has no money line for is all missing_from_bill (-E). Non-token charges (web
 * search, tools, storage, credits, tax), the provider's own rounding lines and
 * money naming no model the catalogue knows are causes of their own. A cell
 * whose results hold usage no price covers (a model without a price on the
 * day) cannot be explained at all: its whole difference is not_priced,
 * never split as if that usage were worth $0. Each
 * part is a difference of exact amounts, so the parts sum to B - E to the
 * picodollar, per cell and therefore per line and in total.
 */
#ifndef BATCHCALC_BILL_H
#define BATCHCALC_BILL_H

#include "money.h"
#include "status.h"

#include <stdbool.h>
#include <stdint.h>

enum bill_cause {
	BILL_NOT_IN_RESULTS,
	BILL_MISSING_FROM_BILL,
	BILL_PRICE,
	BILL_NON_TOKEN,
	BILL_ROUNDING,
	BILL_UNATTRIBUTED,
	BILL_NOT_PRICED,
	BILL_CAUSE_COUNT
};

/* "not_in_results", ...: the JSON keys and CSV columns (with "_usd"). */
const char *bill_cause_key(enum bill_cause c);
/* "usage not in any results file (sync traffic, other tiers)", ... */
const char *bill_cause_text(enum bill_cause c);

enum bill_cell_kind {
	BILL_CELL_TOKENS,       /* one model, tier and token class */
	BILL_CELL_NON_TOKEN,    /* a non-token charge */
	BILL_CELL_ROUNDING,     /* the provider's own rounding line */
	BILL_CELL_UNATTRIBUTED, /* money naming no model the catalogue knows */
};

struct bill_cell {
	enum bill_cell_kind kind;
	bool has_billed;        /* the bill has a money line for it */
	money billed;
	int64_t rounded_rows;   /* money lines rounded to the cent each */
	bool has_at_our_prices; /* the bill's tokens priced by the catalogue (X) */
	money at_our_prices;
	bool has_explained;     /* the results hold it */
	money explained;
	bool results_unpriced;  /* the results hold usage of it no price covers */
};

struct bill_split {
	money billed, explained, difference; /* difference = billed - explained */
	money cause[BILL_CAUSE_COUNT];       /* sums to difference exactly */
};

/* Half a cent in picodollars: the most a row rounded to the cent can move. */
#define BILL_HALF_CENT_PICO ((money_raw)5000000000)

/* Splits one cell. STATUS_OVERFLOW when a figure does not fit. */
enum status bill_split_cell(const struct bill_cell *c, struct bill_split *out,
                            struct diag *d);

/* sum += x, figure by figure (sets *overflow, never clears it). */
void bill_split_add(struct bill_split *sum, const struct bill_split *x,
                    bool *overflow);

#endif
