#include "margin.h"

#include <string.h>

money margin_muldiv(money a, money b, money c, bool *overflow)
{
	money_raw product, q, r, ar, ac;
	money out = money_zero();

	if (c.pico == 0 || __builtin_mul_overflow(a.pico, b.pico, &product)) {
		*overflow = true;
		return out;
	}
	q = product / c.pico;
	r = product % c.pico;
	ar = r < 0 ? -r : r;
	ac = c.pico < 0 ? -c.pico : c.pico;
	/* Half away from zero: |r| >= |c| - |r| without forming 2r. */
	if (ar >= ac - ar)
		q += (product < 0) != (c.pico < 0) ? -1 : 1;
	out.pico = q;
	return out;
}

static bool negative(money m)
{
	return m.pico < 0;
}

/* cash / burn in months, or unlimited when nothing burns. */
static void runway(money cash, money burn, double *months, bool *unlimited)
{
	*unlimited = burn.pico <= 0;
	*months = *unlimited ? 0.0 : money_ratio(cash, burn);
}

/* What a bill with unpriced parts still says (margin_result.partial): the
 * savings of the priced workloads, and the runway before, which needs no
 * inference at all. */
static enum status partial_compute(const struct margin_inputs *in,
                                   struct margin_result *out, struct diag *d)
{
	bool overflow = false;

	out->partial = true;
	out->savings_month = money_sub(in->inference_before, in->inference_after,
	                               &overflow);
	out->savings_year = money_times(out->savings_month, 12, &overflow);
	if (in->has_cash && in->has_burn) {
		out->has_runway = true;
		runway(in->cash, in->net_burn, &out->runway_before,
		       &out->runway_unlimited_before);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the margin figures do not fit");
	return STATUS_OK;
}

enum status margin_compute(const struct margin_inputs *in,
                           struct margin_result *out, struct diag *d)
{
	bool overflow = false;
	money change;

	memset(out, 0, sizeof *out);
	if (in->revenue.pico <= 0)
		return diag_set(d, STATUS_INPUT,
		                "expected a monthly revenue above 0, found %s",
		                in->revenue.pico == 0 ? "0" : "a negative amount");
	if (negative(in->other_cogs) || negative(in->inference_before) ||
	    negative(in->inference_after) || negative(in->migration_cost) ||
	    (in->has_cash && negative(in->cash)))
		return diag_set(d, STATUS_INPUT,
		                "expected COGS, inference, cash and migration cost to "
		                "be 0 or more, found a negative amount");
	if (in->inference_partial)
		return partial_compute(in, out, d);
	out->cogs_before = money_add(in->other_cogs, in->inference_before, &overflow);
	out->cogs_after = money_add(in->other_cogs, in->inference_after, &overflow);
	out->gross_profit_before = money_sub(in->revenue, out->cogs_before, &overflow);
	out->gross_profit_after = money_sub(in->revenue, out->cogs_after, &overflow);
	out->savings_month = money_sub(in->inference_before, in->inference_after,
	                               &overflow);
	out->savings_year = money_times(out->savings_month, 12, &overflow);
	/* Points from the exact change in gross profit, not from the difference
	 * of two rounded doubles (0.85 - 0.8 is 0.04999999999999993). */
	change = money_times(money_sub(out->gross_profit_after,
	                               out->gross_profit_before, &overflow),
	                     100, &overflow);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the margin figures do not fit");
	out->gross_margin_before = money_ratio(out->gross_profit_before, in->revenue);
	out->gross_margin_after = money_ratio(out->gross_profit_after, in->revenue);
	out->margin_points = money_ratio(change, in->revenue);
	out->cogs_exceed_revenue = negative(out->gross_profit_before) ||
	                           negative(out->gross_profit_after);
	out->inference_per_revenue_before = money_ratio(in->inference_before, in->revenue);
	out->inference_per_revenue_after = money_ratio(in->inference_after, in->revenue);

	if (out->gross_profit_after.pico > 0 && out->savings_month.pico > 0) {
		/* savings / (gross profit after / revenue) */
		out->revenue_equivalent = margin_muldiv(out->savings_month, in->revenue,
		                                        out->gross_profit_after, &overflow);
		out->has_revenue_equivalent = true;
	}
	if (in->has_cash && in->has_burn) {
		out->has_runway = true;
		out->burn_after = money_sub(in->net_burn, out->savings_month, &overflow);
		runway(in->cash, in->net_burn, &out->runway_before,
		       &out->runway_unlimited_before);
		runway(in->cash, out->burn_after, &out->runway_after,
		       &out->runway_unlimited_after);
	}
	if (out->savings_month.pico > 0) {
		out->has_payback = true;
		out->payback_months = money_ratio(in->migration_cost, out->savings_month);
	} else if (money_is_zero(in->migration_cost)) {
		out->has_payback = true; /* nothing to pay back */
	}
	if (in->requests_per_month.num > 0 && in->requests_per_month.den > 0) {
		out->has_per_request = true;
		out->per_request_before = money_scale(in->inference_before,
		                                      in->requests_per_month.den,
		                                      in->requests_per_month.num, &overflow);
		out->per_request_after = money_scale(in->inference_after,
		                                     in->requests_per_month.den,
		                                     in->requests_per_month.num, &overflow);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the margin figures do not fit");
	return STATUS_OK;
}

money margin_bills_sync(const struct margin_bill *b, size_t n, bool *overflow)
{
	money sum = money_zero();

	for (size_t i = 0; i < n; i++)
		sum = money_add(sum, b[i].sync, overflow);
	return sum;
}

money margin_bills_after(const struct margin_bill *b, size_t n, int64_t share,
                         bool *overflow)
{
	money sum = money_zero();

	for (size_t i = 0; i < n; i++)
		sum = money_add(sum, workload_hybrid(b[i].sync, b[i].batch,
		                                     share < 0 ? b[i].share : share,
		                                     overflow),
		                overflow);
	return sum;
}

enum status margin_at_share(const struct margin_inputs *base,
                            const struct margin_bill *b, size_t n, int64_t share,
                            int64_t volume_pct, struct margin_result *out,
                            struct diag *d)
{
	struct margin_inputs in = *base;
	bool overflow = false;

	in.inference_before = money_scale(margin_bills_sync(b, n, &overflow),
	                                  volume_pct, 100, &overflow);
	in.inference_after = money_scale(margin_bills_after(b, n, share, &overflow),
	                                 volume_pct, 100, &overflow);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the inference bill does not fit");
	return margin_compute(&in, out, d);
}
