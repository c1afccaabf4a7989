/*
 * variance: actual batch cost against a forecast, with the difference split
 * into volume, failure, token-mix and price parts that add up to it exactly.
 *
 * With N requests, a billed (success) share s, tokens per billed request t and
 * rates p, cost = N x s x c(t, p). The parts change one factor at a time, in
 * this order, from forecast (f) to actual (a):
 *   volume  = (Na - Nf) x sf x c(tf, pf)       more or fewer requests
 *   failure = Na x (sa - sf) x c(tf, pf)        failed requests bill nothing
 *   mix     = Na x sa x (c(ta, pf) - c(tf, pf)) more or fewer tokens a request
 *   price   = Na x sa x (c(ta, pa) - c(ta, pf)) other rates, model or date
 * A forecast expects every request to succeed (sf = 1). Each term is a
 * difference of five exact amounts (anchors), so the parts telescope to
 * actual - forecast to the picodollar; the only rounding is Nf x c(tf, pf)
 * when Nf is a fraction (200 a week is 6000/7 a month), at the picodollar.
 */
#ifndef BATCHCALC_VARIANCE_H
#define BATCHCALC_VARIANCE_H

#include "money.h"
#include "status.h"
#include "workload.h"

#include <stdint.h>

struct variance_input {
	money forecast_per_request;     /* c(tf, pf): one forecast request */
	struct ratio forecast_requests; /* Nf */
	int64_t actual_requests;        /* Na: every outcome */
	int64_t billed_requests;        /* Na x sa */
	money actual_at_forecast_rates; /* the actual billed tokens at pf */
	money actual;                   /* the actual billed cost */
};

struct variance {
	money forecast, actual, difference;
	money volume, failure, mix, price; /* sum to difference exactly */
};

enum status variance_split(const struct variance_input *in, struct variance *out,
                           struct diag *d);

/* The figures in the order every variance table shows them: forecast,
 * actual, difference, volume, failure, token mix, price. */
#define VARIANCE_FIGURES 7
void variance_figures(const struct variance *v, money out[VARIANCE_FIGURES]);

#endif
