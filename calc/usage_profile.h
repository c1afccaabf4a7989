/*
 * usage_profile: a workload profile (profile.h) built from a provider's own
 * usage reports, for `batchcalc profile from-usage`.
 *
 * One workload per model (and per workspace, project, API key or user where
 * the report names them), with:
 * - requests per day: the report's request counts where it has them (OpenAI
 *   num_model_requests, Anthropic analytics requests); otherwise the tokens
 *   per request of the same model in batch results files (--results), or,
 *   failing both, a prompt size per request the user states
 *   (--assume-input-tokens N). Never guessed: without any of them the build
 *   fails naming the model.
 * - tokens per request by class: each class's tokens over the requests;
 * - batch_share: today's share on the Batch API, from the service tier
 *   (batch requests over all requests where counted by tier, else batch
 *   tokens over all tokens).
 * Days are the period asked for, or the days the reports cover (empty
 * buckets included), so a quiet day lowers the daily volume.
 *
 * Rounding (whole requests and tokens are what a profile holds): the volume
 * and tokens per request are each rounded half away from zero; the volume is
 * per day from 100 requests a day up, per 30-day month below that (so that
 * rounding moves it by at most 0.5% a day, or half a request a month). The
 * exact figures are kept beside each row and written as comments.
 */
#ifndef BATCHCALC_USAGE_PROFILE_H
#define BATCHCALC_USAGE_PROFILE_H

#include "usage.h"
#include "../models/recon.h"
#include "../models/workload.h"

#include <stdio.h>

enum usage_requests_source {
	REQUESTS_REPORTED,  /* counted by the report */
	REQUESTS_RESULTS,   /* the model's tokens per request in results files */
	REQUESTS_ASSUMED,   /* --assume-input-tokens */
};

struct usage_profile_row {
	struct workload w;        /* the profile row (name and model owned) */
	const char *provider;
	int64_t tokens[TOKEN_CLASS_COUNT]; /* in the period, every tier */
	int64_t batch_tokens, all_tokens;
	int64_t requests, batch_requests;  /* in the period */
	bool counted;             /* the report counts its requests */
	bool tier_counted;        /* ... by tier */
	bool tier_unknown;        /* some tokens name no tier (counted as not batch) */
	enum usage_requests_source source;
	bool mapped;              /* the model is in the catalogue */
};

struct usage_profile {
	struct usage_profile_row *rows;
	size_t count;
	date_days first, last;    /* the period */
	int64_t days;
	size_t files;
};

struct usage_profile_options {
	bool has_period;
	date_days since, until;
	bool by_scope;               /* a workload per model and scope (default) */
	int64_t assume_input_tokens; /* 0: no assumption stated */
	const struct recon *results; /* batch results read (reconcile), or NULL */
	const struct catalogue *cat;
};

/*
 * Builds the profile from the set's token and request rows (models mapped by
 * usage_map_models). STATUS_INPUT when the reports hold no token counts in
 * the period, or name no model; STATUS_USAGE when a model's requests cannot
 * be known (the message says which flag gives them).
 */
enum status usage_profile_build(const struct usage_set *set,
                                const struct usage_profile_options *o,
                                struct usage_profile *out, struct diag *d);
void usage_profile_release(struct usage_profile *p);

/* Writes the profile as CSV (profile.h's columns), the exact figures and the
 * assumptions as '#' comments above the rows. */
void usage_profile_write(FILE *out, const struct usage_profile *p);

#endif
