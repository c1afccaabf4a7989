/* batchcalc sla: when batch results come back, the chance a deadline is met,
 * the latest time to submit for it, what meeting a target costs, and
 * calibration from a team's own batches. */
#include "commands.h"

#include "batch_times.h"
#include "latency.h"
#include "profile.h"
#include "schedule.h"
#include "sla_write.h"
#include "tz.h"
#include "../models/number.h"
#include "../models/sla.h"
#include "../models/sla_fit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char synopsis[] =
	"batchcalc sla [LATENCY...] --submit HH:MM --deadline HH:MM|Nh [--next-day]\n"
	"                     [--tz ZONE] [--days mon-fri] [--batches N]\n"
	"                     [--target N% [--workloads PROFILE] [--month-days N]]\n"
	"                     [--provider ID] [--as-of YYYY-MM-DD]\n"
	"                     [--currency CODE --fx FILE | --fx-rate RATE]\n"
	"                     [--format table|csv|json] [--prices FILE] [-o FILE]\n"
	"       batchcalc sla [LATENCY...] --deadline HH:MM --p-meet N% [--tz ZONE]\n"
	"                     [--days mon-fri] [--batches N] [--provider ID]\n"
	"                     [--as-of YYYY-MM-DD] [--format table|csv|json]\n"
	"                     [--prices FILE] [-o FILE]\n"
	"       batchcalc sla [LATENCY] --calibrate BATCHES.json [--calibrate ...]\n"
	"                     [-o FILE]";

static const char summary[] =
	"Turnaround of batches submitted at --submit (local time in --tz, on --days)\n"
	"against a deadline: the chance all --batches finish in time (with a 95%\n"
	"interval on a calibrated profile), p50/p90/p99 turnaround and the share\n"
	"expected to expire. Week figures average every submission over the 52\n"
	"weeks from --as-of, so daylight saving is taken date by date.\n"
	"Without --submit, --p-meet N% gives per weekday the latest time to submit\n"
	"that still meets the --deadline on that day that often (0.95 or 95%).\n"
	"--target N% routes to batch the weekday slots that meet the deadline that\n"
	"often, the rest sync, and prices it against all-sync and all-batch\n"
	"(expired work resubmitted sync), each workload on its provider's profile.\n"
	"--calibrate fits a latency profile to a team's own batch listings\n"
	"(Anthropic, OpenAI or Gemini; one file a page). LATENCY (or --latency\n"
	"FILE) is a latency profile, one per provider; default: the built-in\n"
	"Anthropic assumption.";

#define MAX_PROFILES 8

/* The latency profiles given (LATENCY and --latency), and the built-in. */
struct latencies {
	struct sla_profile profile[MAX_PROFILES];
	const char *origin[MAX_PROFILES];
	int count;
	struct sla_profile builtin;
};

/* The question asked of each provider a run needs: runs[0] for the one
 * timed, the others for --target's workloads of other providers, each on its
 * own profile and expiry. */
#define MAX_RUNS 8

struct sla_cmd {
	struct cli *ctx;
	struct latencies lat;
	struct sla_run runs[MAX_RUNS]; /* runs[0]: the --provider's, printed */
	double resubmit[MAX_RUNS];     /* share of the work resubmitted sync */
	int run_count;
};

/* ---- the command line ---- */

/*
 * A probability flag (--target, --p-meet): a decimal above 0 and at most 1.
 * The one place sla reads a share from the command line, so that a change
 * to how shares are written (such as "95%") lands in both flags at once.
 */
/* --target and --p-meet: a probability read as every share is (0.99 or
 * 99%, models/number.h), in millionths. */
static enum status parse_probability(const char *flag, const char *text,
                                     double *out, struct diag *d)
{
	int64_t p = 0;
	enum status st = cli_parse_share(flag, text, &p, d);

	*out = (double)p / 1e6;
	return st;
}

/* ---- latency profiles and providers ---- */

/* The profile given that names `provider`, else (with `builtin`) Anthropic's
 * built-in for Anthropic; NULL for none. */
static const struct sla_profile *named_profile(const struct latencies *l,
                                               const char *provider, bool builtin,
                                               const char **origin)
{
	for (int i = 0; i < l->count; i++)
		if (strcmp(l->profile[i].provider, provider) == 0) {
			*origin = l->origin[i];
			return &l->profile[i];
		}
	if (builtin && strcmp(provider, LATENCY_BUILTIN_PROVIDER) == 0) {
		*origin = LATENCY_BUILTIN_ORIGIN;
		return &l->builtin;
	}
	return NULL;
}

static enum status load_latencies(struct latencies *l, const char *const *paths,
                                  int count, struct diag *d)
{
	enum status st;

	if ((st = latency_load_builtin(&l->builtin, d)))
		return st;
	for (int i = 0; i < count; i++) {
		if ((st = latency_load_file(paths[i], &l->profile[i], d)))
			return st;
		l->origin[i] = paths[i];
		l->count++;
		for (int j = 0; j < i; j++)
			if (l->profile[i].provider[0] &&
			    strcmp(l->profile[i].provider, l->profile[j].provider) == 0)
				return diag_set(d, STATUS_USAGE, "expected one latency profile per "
				                "provider, found two of %s: %s and %s",
				                l->profile[i].provider, paths[j], paths[i]);
	}
	return STATUS_OK;
}

/* Every provider a profile names is one the catalogue knows. */
static enum status check_providers(const struct latencies *l,
                                   const struct catalogue *cat, struct diag *d)
{
	for (int i = 0; i < l->count; i++) {
		char known[200] = "";
		size_t used = 0;
		if (!l->profile[i].provider[0] || catalogue_provider(cat, l->profile[i].provider))
			continue;
		for (size_t k = 0; k < cat->provider_count && used < sizeof known; k++)
			used += (size_t)snprintf(known + used, sizeof known - used, "%s%s",
			                         k ? ", " : "", cat->providers[k].id);
		return diag_set(d, STATUS_INPUT, "%s: provider: expected a provider of the "
		                "catalogue (%s), found \"%s\"", l->origin[i], known,
		                l->profile[i].provider);
	}
	return STATUS_OK;
}

/*
 * The profile the question's provider is timed on: the one naming it, one
 * naming none (taken as its), Anthropic's built-in for Anthropic, or else,
 * with a warning naming both providers, the first given or the built-in.
 */
static void main_profile(struct sla_cmd *c, struct sla_run *r)
{
	const char *id = r->provider->id, *origin;
	const struct sla_profile *p = named_profile(&c->lat, id, false, &origin);

	for (int i = 0; !p && i < c->lat.count; i++)
		if (!c->lat.profile[i].provider[0]) {
			p = &c->lat.profile[i];
			origin = c->lat.origin[i];
			cli_warn("latency profile %s names no provider (no provider column); "
			         "taken as %s's", origin, id);
		}
	if (!p)
		p = named_profile(&c->lat, id, true, &origin);
	if (!p) {
		p = c->lat.count ? &c->lat.profile[0] : &c->lat.builtin;
		origin = c->lat.count ? c->lat.origin[0] : LATENCY_BUILTIN_ORIGIN;
		cli_warn("timing %s batches on a latency profile of %s (%s): no profile "
		         "of %s was given (calibrate one: sla --calibrate)", id, p->provider,
		         origin, id);
	}
	r->profile = *p;
	r->latency_origin = origin;
}

static enum status set_expiry(struct sla_run *r, struct diag *d)
{
	const struct batch_limits *limits = provider_batch_limits_on(r->provider, r->as_of);

	if (!limits || limits->expiry_hours <= 0)
		return diag_set(d, STATUS_UNKNOWN_MODEL, "%s: expected batch limits with "
		                "an expiry in force on the --as-of date, found none",
		                r->provider->id);
	r->profile.expiry_hours = (double)limits->expiry_hours;
	return STATUS_OK;
}

/*
 * --target: a weekday slot goes to batch when its p_meet reaches the target,
 * otherwise sync (the seed article's adaptive routing). Work in batch that
 * expires is not billed and is resubmitted sync. Submissions carry equal
 * work. Returns the share of the work resubmitted.
 */
static double route(struct sla_run *r)
{
	double on_time = 0.0, resubmit = 0.0;

	r->batch_share = 0.0;
	for (int k = 0; k < r->slot_count; k++) {
		struct sla_slot *slot = &r->slots[k];
		double weight = (double)slot->count / (double)r->sub_count;
		slot->to_batch = slot->s.p_meet >= r->target;
		if (slot->to_batch) {
			r->batch_share += weight;
			resubmit += weight * slot->s.expired_share;
			on_time += weight * slot->s.p_meet;
		} else {
			on_time += weight;
		}
	}
	r->routed_p_meet = on_time;
	return resubmit;
}

/* The run of `provider` (a workload's): built on first use from the
 * question of runs[0], on that provider's profile and expiry. */
static enum status provider_run(struct sla_cmd *c, const char *provider,
                                const char *workload, const struct sla_run **out,
                                struct diag *d)
{
	const struct sla_run *main_run = &c->runs[0];
	const struct sla_profile *p;
	const char *origin;
	struct sla_run *r;
	enum status st;

	for (int i = 0; i < c->run_count; i++)
		if (strcmp(c->runs[i].provider->id, provider) == 0) {
			*out = &c->runs[i];
			return STATUS_OK;
		}
	if (c->run_count == MAX_RUNS)
		return diag_set(d, STATUS_INPUT, "expected workloads of at most %d "
		                "providers, found more", MAX_RUNS);
	r = &c->runs[c->run_count];
	memset(r, 0, sizeof *r);
	r->zone = main_run->zone;
	r->submit_minute = main_run->submit_minute;
	r->deadline_minute = main_run->deadline_minute;
	r->deadline_hours = main_run->deadline_hours;
	r->next_day = main_run->next_day;
	memcpy(r->days, main_run->days, sizeof r->days);
	r->batches = main_run->batches;
	r->as_of = main_run->as_of;
	r->month_days = main_run->month_days;
	r->target = main_run->target;
	r->window_nominal = main_run->window_nominal;
	if (!(r->provider = catalogue_provider(&c->ctx->pricing.catalogue, provider)))
		return diag_set(d, STATUS_INPUT, "workload %s: expected a model of a "
		                "provider of the catalogue, found provider \"%s\"", workload,
		                provider);
	if (!(p = named_profile(&c->lat, provider, true, &origin))) {
		p = &main_run->profile;
		origin = main_run->latency_origin;
		cli_warn("timing %s batches (workload %s) on a latency profile of %s (%s): "
		         "no profile of %s was given", provider, workload,
		         p->provider[0] ? p->provider : main_run->provider->id, origin,
		         provider);
	}
	r->profile = *p;
	r->latency_origin = origin;
	c->run_count++;
	if ((st = set_expiry(r, d)) || (st = schedule_build(r, d)))
		return st;
	c->resubmit[c->run_count - 1] = route(r);
	*out = r;
	return STATUS_OK;
}

/* share (0..1) as parts per million, for exact money scaling */
static int64_t ppm(double share)
{
	return (int64_t)llround(share * SHARE_SCALE);
}

/* a x part / SHARE_SCALE^2 + b x (SHARE_SCALE^2 - part) / SHARE_SCALE^2 */
static money mix(money a, money b, int64_t part, bool *overflow)
{
	const int64_t whole = (int64_t)SHARE_SCALE * SHARE_SCALE;

	return money_add(money_scale(a, part, whole, overflow),
	                 money_scale(b, whole - part, whole, overflow), overflow);
}

/*
 * The monthly cost of each workload three ways: all sync; its batch_share in
 * batch (expired work resubmitted sync) and the rest sync; and its
 * batch_share routed by its provider's slots, the rest sync.
 */
static enum status compute_target(struct sla_cmd *c, const char *workloads_path,
                                  struct diag *d)
{
	struct sla_run *r = &c->runs[0];
	struct pricing_day est;
	bool overflow = false;
	enum status st;

	c->resubmit[0] = route(r);
	st = workloads_path ? profile_load_file(workloads_path, &r->workloads, d)
	                    : profile_load_builtin(&r->workloads, d);
	if (st != STATUS_OK)
		return st;
	if ((st = pricing_day_compute_partial(&c->ctx->pricing, r->workloads.workloads,
	                                      r->workloads.count, r->workloads.origin,
	                                      r->month_days, &est, d)))
		return st;
	r->unpriced = est.unpriced;
	if (!(r->costs = calloc(est.count ? est.count : 1, sizeof *r->costs))) {
		pricing_day_release(&est);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (size_t i = 0; i < est.count; i++) {
		struct sla_cost_row *row = &r->costs[i];
		const struct workload_estimate *e = &est.rows[i].e;
		int64_t share, batch_ppm, resubmit_ppm, expired_ppm;
		int run;

		row->w = est.rows[i].w;
		row->model = est.rows[i].model;
		row->unpriced = est.rows[i].unpriced;
		/* A model the catalogue does not know has no provider to route on;
		 * one without a price still has its routing, not its money. */
		if (!row->model)
			continue;
		if ((st = provider_run(c, row->model->provider, row->w->name, &row->run, d))) {
			char where[300];
			snprintf(where, sizeof where, "%s: workload %s", r->workloads.origin,
			         row->w->name);
			diag_prefix(d, where);
			pricing_day_release(&est);
			return st;
		}
		if (row->unpriced)
			continue; /* in no figure, never $0 */
		run = (int)(row->run - c->runs);
		/* Parts per million of the workload, then of its batch share: the
		 * products are parts per 10^12. e->sync and e->batch price the whole
		 * workload each way. */
		share = row->w->batch_share;
		batch_ppm = ppm(row->run->batch_share);
		resubmit_ppm = ppm(c->resubmit[run]);
		expired_ppm = ppm(row->run->week.expired_share);
		row->sync = e->sync;
		row->batch = mix(e->batch, e->sync, share * (SHARE_SCALE - expired_ppm), &overflow);
		row->routed = mix(e->batch, e->sync, share * (batch_ppm - resubmit_ppm), &overflow);
		r->total_sync = money_add(r->total_sync, row->sync, &overflow);
		r->total_batch = money_add(r->total_batch, row->batch, &overflow);
		r->total_routed = money_add(r->total_routed, row->routed, &overflow);
		row->sync_shown = fx_convert(row->sync, est.fx, &overflow);
		row->batch_shown = fx_convert(row->batch, est.fx, &overflow);
		row->routed_shown = fx_convert(row->routed, est.fx, &overflow);
	}
	r->total_sync_shown = fx_convert(r->total_sync, est.fx, &overflow);
	r->total_batch_shown = fx_convert(r->total_batch, est.fx, &overflow);
	r->total_routed_shown = fx_convert(r->total_routed, est.fx, &overflow);
	pricing_day_release(&est);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the workloads' total does not fit");
	return STATUS_OK;
}

/* ---- --calibrate ---- */

static enum status calibrate(struct cli *ctx, const struct option_list *pages,
                             const char *prior_path, struct diag *d)
{
	struct batch_times times;
	struct sla_fit_observation *obs = NULL;
	struct sla_profile prior;
	struct sla_fit *fit = NULL;
	const char *prior_origin = prior_path ? prior_path : LATENCY_BUILTIN_ORIGIN;
	char comment[1500], files[300];
	size_t censored, used;
	enum status st;

	batch_times_init(&times);
	for (int i = 0; i < pages->count; i++)
		if ((st = batch_times_load_file(pages->items[i], &times, d)))
			goto done;
	if (pages->count == 1)
		snprintf(files, sizeof files, "%s", pages->items[0]);
	else
		snprintf(files, sizeof files, "%d files (%s to %s)", pages->count,
		         pages->items[0], pages->items[pages->count - 1]);
	if (times.count == 0) {
		st = diag_set(d, STATUS_INPUT, "%s: expected batch objects to calibrate on, "
		              "found none%s", files, times.failed ? " that ran (only "
		              "failed ones)" : "");
		goto done;
	}
	if ((st = prior_path ? latency_load_file(prior_path, &prior, d)
	                     : latency_load_builtin(&prior, d)))
		goto done;
	obs = calloc(times.count, sizeof *obs);
	fit = malloc(sizeof *fit);
	if (!obs || !fit) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < times.count; i++) {
		obs[i].hour_of_week = sla_hour_of_week(times.items[i].created);
		obs[i].hours = times.items[i].hours;
		obs[i].censored = times.items[i].end != BATCH_FINISHED;
	}
	if ((st = sla_fit_profile(&prior, obs, times.count, fit, d))) {
		diag_prefix(d, files);
		goto done;
	}
	if (strcmp(prior.provider[0] ? prior.provider : LATENCY_BUILTIN_PROVIDER,
	           times.provider) != 0)
		cli_warn("calibrating %s batches on a prior latency profile of %s (%s): "
		         "its weekly shape is kept only as far as the batches bear it out",
		         times.provider, prior.provider[0] ? prior.provider : "no provider",
		         prior_origin);
	snprintf(fit->profile.provider, sizeof fit->profile.provider, "%s", times.provider);
	censored = times.count - times.ends[BATCH_FINISHED];
	used = (size_t)snprintf(comment, sizeof comment,
	         "Latency profile of %s batches, calibrated by batchcalc %s from\n"
	         "%s:\n%zu batch%s", times.provider, BATCHCALC_VERSION, files,
	         times.count, times.count == 1 ? "" : "es");
	for (int e = 0; e < BATCH_END_COUNT; e++)
		if (times.ends[e] && used < sizeof comment)
			used += (size_t)snprintf(comment + used, sizeof comment - used, ", %zu %s%s",
			                         times.ends[e], batch_end_name(e),
			                         e == BATCH_RUNNING ? " when listed" : "");
	if (times.failed && used < sizeof comment)
		used += (size_t)snprintf(comment + used, sizeof comment - used,
		                         ".\n%zu more failed before they ran: not used",
		                         times.failed);
	if (censored && used < sizeof comment)
		used += (size_t)snprintf(comment + used, sizeof comment - used,
		         ".\nThe %zu that stopped before finishing count as taking longer than\n"
		         "they ran (right-censored)", censored);
	if (used < sizeof comment)
		snprintf(comment + used, sizeof comment - used,
		         ".\nln t is normal per UTC hour of the week: shape + a smooth weekly\n"
		         "walk; every batch informs the level, each hour borrows from the\n"
		         "hours near it (README: sla --calibrate).\n"
		         "Shape: %.1f%% the prior's (%s), %.1f%% flat.\n"
		         "Levels: flat, a median of %.3g h every hour; the prior's shape, its\n"
		         "medians x %.3g. Spread of ln t %.3f; hour-to-hour step %.3f.\n"
		         "%d of 168 hours have batches of their own (batches column)%s;\n"
		         "median_low_hours and median_high_hours: the median's 95%% interval.",
		         100.0 * fit->prior_shape_weight, prior_origin,
		         100.0 * (1.0 - fit->prior_shape_weight), fit->flat_median_hours,
		         fit->prior_factor, fit->spread, fit->step_sd, fit->hours_with_batches,
		         fit->own_hours ? ", some set apart from their neighbours" : "");
	latency_write(ctx->out, &fit->profile, comment);
	cli_wrapf(stderr, "  ", "batchcalc: calibrated on %zu %s batch%s (%zu censored); "
	          "%d of 168 hours have batches of their own", times.count,
	          times.provider, times.count == 1 ? "" : "es", censored,
	          fit->hours_with_batches);
	if (!fit->converged)
		cli_warn("the fit had not settled after %d iterations; the profile is the "
		         "last one", fit->iterations);
done:
	free(obs);
	free(fit);
	batch_times_release(&times);
	return st;
}

/* ---- the command ---- */

enum status cmd_sla(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *submit = NULL, *deadline = NULL, *zone = NULL, *days = NULL,
	           *batches = NULL, *target = NULL, *workloads = NULL,
	           *month_days = NULL, *provider = NULL, *as_of = NULL,
	           *format_text = NULL, *prices = NULL, *p_meet = NULL,
	           *currency = NULL, *fx_file = NULL, *fx_rate = NULL;
	struct option_list latency = {{NULL}, 0}, pages = {{NULL}, 0};
	bool help = false, next_day = false;
	const struct option_spec specs[] = {
		{"submit", 0, OPTION_VALUE, "HH:MM", "local submission time", &submit},
		{"deadline", 0, OPTION_VALUE, "HH:MM|Nh", "local deadline, or hours after submission", &deadline},
		{"next-day", 0, OPTION_FLAG, NULL, "the HH:MM deadline is on the day after submission", &next_day},
		{"p-meet", 0, OPTION_VALUE, "N%", "without --submit: the latest time that meets it this often, 0.95 or 95%", &p_meet},
		{"tz", 0, OPTION_VALUE, "ZONE", "IANA time zone of the times (default UTC)", &zone},
		{"days", 0, OPTION_VALUE, "DAYS", "submission (with --p-meet: deadline) weekdays (default mon-fri)", &days},
		{"batches", 0, OPTION_VALUE, "N", "batches per submission that must all finish (default 1)", &batches},
		{"target", 0, OPTION_VALUE, "N%", "batch the slots that meet the deadline this often, 0.99 or 99%", &target},
		{"workloads", 0, OPTION_VALUE, "PROFILE", "workloads priced for --target (default: the seed's)", &workloads},
		{"month-days", 0, OPTION_VALUE, "N", "days in a month (default 30)", &month_days},
		{"latency", 0, OPTION_LIST, "FILE", "latency profile, one per provider (same as LATENCY)", &latency},
		{"provider", 0, OPTION_VALUE, "ID", "provider timed (default: the first profile's, or anthropic)", &provider},
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "prices, expiry and the first day of the 52 weeks (default today)", &as_of},
		{"calibrate", 0, OPTION_LIST, "BATCHES.json", "fit a latency profile to batch listings (one file a page)", &pages},
		CLI_CURRENCY_OPTIONS(&currency, &fx_file, &fx_rate),
		CLI_OUTPUT_OPTIONS(&format_text, &prices, ctx),
		OPTION_END,
	};
	const char *operands[MAX_PROFILES], *paths[MAX_PROFILES];
	int operand_count, path_count = 0;
	enum format format;
	int64_t fx;
	struct sla_cmd *c;
	struct sla_run *r;
	enum status st;
	const char *why;

	if ((st = options_parse(specs, argc, argv, operands, MAX_PROFILES,
	                        &operand_count, &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, synopsis, summary, specs);
		return STATUS_OK;
	}
	for (int i = 0; i < operand_count; i++)
		paths[path_count++] = operands[i];
	for (int i = 0; i < latency.count; i++) {
		if (path_count == MAX_PROFILES)
			return diag_set(d, STATUS_USAGE, "expected at most %d latency profiles "
			                "(one per provider), found more", MAX_PROFILES);
		paths[path_count++] = latency.items[i];
	}
	if (pages.count) {
		const char *other = submit ? "--submit" : deadline ? "--deadline" :
		                    zone ? "--tz" : days ? "--days" : batches ? "--batches" :
		                    target ? "--target" : p_meet ? "--p-meet" :
		                    format_text ? "--format" : currency ? "--currency" :
		                    fx_file ? "--fx" : fx_rate ? "--fx-rate" : NULL;
		if (other)
			return diag_set(d, STATUS_USAGE, "--calibrate: expected on its own "
			                "(with LATENCY and -o), found %s too", other);
		if (path_count > 1)
			return diag_set(d, STATUS_USAGE, "--calibrate: expected one prior "
			                "latency profile, found %d", path_count);
		return calibrate(ctx, &pages, path_count ? paths[0] : NULL, d);
	}

	if (!deadline || (!submit && !p_meet))
		return diag_set(d, STATUS_USAGE, "expected --submit HH:MM and --deadline "
		                "HH:MM|Nh, or --deadline HH:MM and --p-meet P (see 'batchcalc "
		                "sla --help'), found %s missing", !deadline ? "--deadline"
		                : "--submit (or --p-meet)");
	if (submit && p_meet)
		return diag_set(d, STATUS_USAGE, "--p-meet: expected without --submit (it "
		                "asks for the latest submission time), found --submit %s too",
		                submit);
	if (!submit) {
		const char *other = next_day ? "--next-day" : target ? "--target" :
		                    workloads ? "--workloads" : month_days ? "--month-days" :
		                    currency ? "--currency" : fx_file ? "--fx" :
		                    fx_rate ? "--fx-rate" : NULL;
		if (other)
			return diag_set(d, STATUS_USAGE, "%s: expected with --submit, found it "
			                "with --p-meet (the latest-submission question)", other);
	}
	if (!(c = calloc(1, sizeof *c)))
		return diag_set(d, STATUS_IO, "out of memory");
	c->ctx = ctx;
	r = &c->runs[0];
	c->run_count = 1;
	r->next_day = next_day;
	r->zone = zone ? zone : "UTC";
	r->batches = 1;
	if (submit && !schedule_parse_clock(submit, &r->submit_minute)) {
		st = diag_set(d, STATUS_USAGE, "--submit: expected a local time HH:MM "
		              "(00:00 to 23:59), found \"%s\"", submit);
		goto done;
	}
	if (!submit && !schedule_parse_clock(deadline, &r->deadline_minute)) {
		st = diag_set(d, STATUS_USAGE, "--deadline: expected a local time HH:MM "
		              "with --p-meet (the deadline's day is the weekday), found "
		              "\"%s\"", deadline);
		goto done;
	}
	if ((submit && (st = schedule_parse_deadline(r, deadline, d))) ||
	    (p_meet && (st = parse_probability("p-meet", p_meet, &r->p_target, d))) ||
	    (st = tz_check(r->zone, d)) ||
	    (st = schedule_parse_days(days ? days : "mon-fri", r->days, d)) ||
	    (st = cli_parse_date(ctx, "as-of", as_of, &ctx->pricing.day, d)) ||
	    (st = cli_parse_month_days(month_days, &r->month_days, d)) ||
	    (st = cli_parse_format(format_text, &format, d)) ||
	    (st = cli_parse_currency(ctx, currency, fx_file, fx_rate, d)))
		goto done;
	if (batches) {
		int64_t n;
		if (!number_parse_int64(batches, 1, 10000, &n, &why)) {
			st = diag_set(d, STATUS_USAGE, "--batches: expected a whole number "
			              "from 1 to 10000, found \"%s\" (%s)", batches, why);
			goto done;
		}
		r->batches = (int)n;
	}
	if (target && (st = parse_probability("target", target, &r->target, d)))
		goto done;
	r->as_of = ctx->pricing.day;
	if (workloads && !target) {
		st = diag_set(d, STATUS_USAGE, "--workloads: expected with --target, found "
		              "it alone");
		goto done;
	}
	if ((st = load_latencies(&c->lat, paths, path_count, d)) ||
	    (st = cli_load_catalogue(ctx, prices, d)) ||
	    (st = check_providers(&c->lat, &ctx->pricing.catalogue, d)) ||
	    (st = pricing_fx_on(&ctx->pricing, r->as_of, &fx, d)))
		goto done;
	if (!provider && c->lat.count && c->lat.profile[0].provider[0])
		provider = c->lat.profile[0].provider;
	if (!(r->provider = catalogue_provider(&ctx->pricing.catalogue,
	                                       provider ? provider : "anthropic"))) {
		st = diag_set(d, STATUS_USAGE, "--provider: expected a provider of the "
		              "catalogue, found \"%s\"", provider);
		goto done;
	}
	main_profile(c, r);
	if ((st = set_expiry(r, d)))
		goto done;

	if (r->p_target > 0)
		st = schedule_latest(r, d);
	else if ((st = schedule_build(r, d)) == STATUS_OK && r->target > 0)
		st = compute_target(c, workloads, d);
	if (st == STATUS_OK) {
		if (format == FORMAT_JSON)
			sla_write_json(ctx->out, ctx, c->runs, c->run_count);
		else if (format == FORMAT_CSV && r->p_target > 0)
			sla_write_latest_csv(ctx->out, r);
		else if (format == FORMAT_CSV)
			sla_write_csv(ctx->out, r);
		else if (r->p_target > 0)
			sla_write_latest_table(ctx->out, ctx, r);
		else
			sla_write_table(ctx->out, ctx, c->runs, c->run_count);
	}
done:
	for (int i = 0; i < c->run_count; i++)
		free(c->runs[i].subs);
	free(r->costs);
	profile_release(&r->workloads);
	free(c);
	return st;
}
