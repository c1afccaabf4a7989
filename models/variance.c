#include "variance.h"

#include <string.h>

enum status variance_split(const struct variance_input *in, struct variance *out,
                           struct diag *d)
{
	bool overflow = false;
	/* The anchors: forecast, then one factor at a time moved to actual. */
	money a0 = money_scale(in->forecast_per_request, in->forecast_requests.num,
	                       in->forecast_requests.den, &overflow);
	money a1 = money_times(in->forecast_per_request, in->actual_requests, &overflow);
	money a2 = money_times(in->forecast_per_request, in->billed_requests, &overflow);
	money a3 = in->actual_at_forecast_rates;
	money a4 = in->actual;

	memset(out, 0, sizeof *out);
	if (in->forecast_requests.den <= 0 || in->billed_requests > in->actual_requests)
		return diag_set(d, STATUS_INPUT, "variance: inconsistent request counts");
	out->forecast = a0;
	out->actual = a4;
	out->difference = money_sub(a4, a0, &overflow);
	out->volume = money_sub(a1, a0, &overflow);
	out->failure = money_sub(a2, a1, &overflow);
	out->mix = money_sub(a3, a2, &overflow);
	out->price = money_sub(a4, a3, &overflow);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "variance: a figure does not fit");
	return STATUS_OK;
}

void variance_figures(const struct variance *v, money out[VARIANCE_FIGURES])
{
	out[0] = v->forecast;
	out[1] = v->actual;
	out[2] = v->difference;
	out[3] = v->volume;
	out[4] = v->failure;
	out[5] = v->mix;
	out[6] = v->price;
}
