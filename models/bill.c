#include "bill.h"

#include <string.h>

const char *bill_cause_key(enum bill_cause c)
{
	static const char *const keys[BILL_CAUSE_COUNT] = {
		"not_in_results", "missing_from_bill", "price", "non_token", "rounding",
		"unattributed", "not_priced"};
	return c < BILL_CAUSE_COUNT ? keys[c] : "?";
}

const char *bill_cause_text(enum bill_cause c)
{
	static const char *const texts[BILL_CAUSE_COUNT] = {
		"usage not in any results file (sync traffic, other tiers)",
		"batches in the results, missing from the bill",
		"price differences at the same tokens",
		"non-token charges (web search, tools, storage, credits)",
		"rounding of the provider's cents",
		"money naming no model the catalogue knows",
		"results usage no price covers (its bill lines are not explained)",
	};
	return c < BILL_CAUSE_COUNT ? texts[c] : "?";
}

/* x when it lies within [-limit, limit], else nothing: a row rounded to the
 * cent moves by at most half a cent, so only a difference that small can be
 * rounding (a larger one is something else, all of it). */
static money within(money x, money_raw limit)
{
	return x.pico <= limit && x.pico >= -limit ? x : money_zero();
}

enum status bill_split_cell(const struct bill_cell *c, struct bill_split *out,
                            struct diag *d)
{
	bool overflow = false;
	money b = c->has_billed ? c->billed : money_zero();
	money e = c->has_explained ? c->explained : money_zero();

	memset(out, 0, sizeof *out);
	out->billed = b;
	out->explained = e;
	out->difference = money_sub(b, e, &overflow);
	switch (c->kind) {
	case BILL_CELL_NON_TOKEN:
		out->cause[BILL_NON_TOKEN] = out->difference;
		break;
	case BILL_CELL_ROUNDING:
		out->cause[BILL_ROUNDING] = out->difference;
		break;
	case BILL_CELL_UNATTRIBUTED:
		out->cause[BILL_UNATTRIBUTED] = out->difference;
		break;
	case BILL_CELL_TOKENS:
		if (c->results_unpriced) {
			out->cause[BILL_NOT_PRICED] = out->difference;
		} else if (!c->has_billed) {
			out->cause[BILL_MISSING_FROM_BILL] = out->difference;
		} else if (!c->has_explained) {
			out->cause[BILL_NOT_IN_RESULTS] = out->difference;
		} else {
			money x = c->has_at_our_prices ? c->at_our_prices : e;
			money r = money_sub(b, x, &overflow);
			money_raw limit = BILL_HALF_CENT_PICO;
			money rounding, rest, volume;

			if (c->rounded_rows < 0 || c->rounded_rows > INT64_MAX / 2 ||
			    __builtin_mul_overflow(limit, (money_raw)c->rounded_rows, &limit))
				overflow = true;
			rounding = within(r, limit);
			rest = money_sub(r, rounding, &overflow);
			volume = money_sub(x, e, &overflow);
			out->cause[BILL_ROUNDING] = rounding;
			if (c->has_at_our_prices)
				out->cause[BILL_PRICE] = rest;
			else /* no tokens on the bill: a price and a volume look alike */
				volume = money_add(volume, rest, &overflow);
			if (volume.pico > 0)
				out->cause[BILL_NOT_IN_RESULTS] = volume;
			else
				out->cause[BILL_MISSING_FROM_BILL] = volume;
		}
		break;
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "bill: a figure does not fit");
	return STATUS_OK;
}

void bill_split_add(struct bill_split *sum, const struct bill_split *x,
                    bool *overflow)
{
	sum->billed = money_add(sum->billed, x->billed, overflow);
	sum->explained = money_add(sum->explained, x->explained, overflow);
	sum->difference = money_add(sum->difference, x->difference, overflow);
	for (int i = 0; i < BILL_CAUSE_COUNT; i++)
		sum->cause[i] = money_add(sum->cause[i], x->cause[i], overflow);
}
