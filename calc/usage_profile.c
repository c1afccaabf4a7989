#include "usage_profile.h"

#include "cli.h"
#include "profile.h"
#include "../models/number.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* a / b rounded half away from zero, for a >= 0 and b > 0. */
static int64_t round_div(number_wide a, number_wide b)
{
	number_wide q = (a + b / 2) / b;
	return q > INT64_MAX ? INT64_MAX : (int64_t)q;
}

static bool input_class(enum token_class c)
{
	return c != TOKEN_OUTPUT;
}

struct group {
	const char *provider, *model, *scope;
	bool mapped;
};

/* The workload of a group: "MODEL" or "MODEL (SCOPE)". */
static enum status find_or_add(struct usage_profile *p, size_t *cap,
                               const struct group *g, struct usage_profile_row **out,
                               struct diag *d)
{
	struct usage_profile_row *r;
	char name[PROFILE_MAX_NAME + 1];

	snprintf(name, sizeof name, "%s%s", g->model, g->scope);
	/* Reports list a group's rows together: look from the last one back. */
	for (size_t i = p->count; i-- > 0;)
		if (strcmp(p->rows[i].w.name, name) == 0) {
			*out = &p->rows[i];
			return STATUS_OK;
		}
	if (p->count == *cap) {
		size_t bigger = *cap ? *cap * 2 : 16;
		struct usage_profile_row *more = realloc(p->rows, bigger * sizeof *more);
		if (!more)
			return diag_set(d, STATUS_IO, "out of memory");
		p->rows = more;
		*cap = bigger;
	}
	r = &p->rows[p->count];
	memset(r, 0, sizeof *r);
	r->w.name = strdup(name);
	r->w.model = strdup(g->model);
	if (!r->w.name || !r->w.model) {
		workload_release(&r->w);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	r->provider = g->provider;
	r->mapped = g->mapped;
	p->count++;
	*out = r;
	return STATUS_OK;
}

static bool add(int64_t *sum, int64_t n)
{
	return !__builtin_add_overflow(*sum, n, sum);
}

/* A model's billed requests and tokens (every class) in the results. */
static void results_of(const struct recon *r, const struct catalogue *cat,
                       const char *id, int64_t *requests, number_wide *tokens)
{
	*requests = 0;
	*tokens = 0;
	for (size_t i = 0; r && i < r->count; i++) {
		const struct recon_bucket *b = &r->buckets[i];
		enum model_match how;
		const struct model *m;

		if (!*b->model || b->billed == 0)
			continue;
		m = catalogue_find_model(cat, b->model, &how);
		if (!m || strcmp(m->id, id) != 0)
			continue;
		*requests += b->billed;
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
			*tokens += b->tokens.n[c];
	}
}

/* Requests of a workload whose report does not count them. */
static enum status infer_requests(struct usage_profile_row *r,
                                  const struct usage_profile_options *o, struct diag *d)
{
	int64_t result_requests;
	number_wide result_tokens, input = 0;

	if (o->results && r->mapped) {
		results_of(o->results, o->cat, r->w.model, &result_requests, &result_tokens);
		if (result_requests > 0 && result_tokens > 0) {
			/* the same tokens per request as the model's batches */
			r->requests = round_div((number_wide)r->all_tokens * result_requests,
			                        result_tokens);
			r->source = REQUESTS_RESULTS;
			return STATUS_OK;
		}
	}
	if (o->assume_input_tokens > 0) {
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
			if (input_class((enum token_class)c))
				input += r->tokens[c];
		r->requests = round_div(input, o->assume_input_tokens);
		r->source = REQUESTS_ASSUMED;
		return STATUS_OK;
	}
	return diag_set(d, STATUS_USAGE, "profile from-usage: %s: the reports count no "
	                "requests for it (%s); give --results FILE... with batches of "
	                "the same model, or state the prompt size per request with "
	                "--assume-input-tokens N", r->w.name,
	                o->results ? "and the results files have none of it"
	                           : "Anthropic's usage report and Google's billing "
	                             "export never do");
}

/* The profile row of a workload whose totals are summed. */
static enum status finish_row(struct usage_profile_row *r, const struct usage_profile *p,
                              const struct usage_profile_options *o, struct diag *d)
{
	struct workload *w = &r->w;
	int64_t per[TOKEN_CLASS_COUNT];
	enum status st;

	if (!r->counted && (st = infer_requests(r, o, d)))
		return st;
	if (r->requests == 0)
		return diag_set(d, STATUS_INPUT, "profile from-usage: %s: expected requests "
		                "for its %" PRId64 " tokens, found none", w->name, r->all_tokens);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		per[c] = round_div(r->tokens[c], r->requests);
		if (per[c] > PROFILE_MAX_TOKENS)
			return diag_set(d, STATUS_INPUT, "profile from-usage: %s: expected at "
			                "most 100,000,000 %s tokens a request, found %" PRId64
			                " (%" PRId64 " tokens over %" PRId64 " requests)", w->name,
			                token_class_name((enum token_class)c), per[c],
			                r->tokens[c], r->requests);
	}
	w->input_tokens = 0;
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		switch ((enum token_class)c) {
		case TOKEN_OUTPUT:
			w->output_tokens = per[c];
			break;
		case TOKEN_CACHE_READ:
			w->cache_read_tokens = per[c];
			break;
		case TOKEN_CACHE_WRITE_5M:
			w->cache_write_tokens = per[c];
			break;
		case TOKEN_CACHE_WRITE_1H:
			w->cache_write_1h_tokens = per[c];
			break;
		case TOKEN_CACHE_WRITE_30M:
			w->cache_write_30m_tokens = per[c];
			break;
		case TOKEN_CACHE_WRITE_12H:
			w->cache_write_12h_tokens = per[c];
			break;
		default:
			break;
		}
		/* The profile's input is the TOTAL prompt, cached parts included. */
		if (input_class((enum token_class)c))
			w->input_tokens += per[c];
	}
	/* Whole requests a day hold a volume to 0.5% from 100 a day up; below
	 * that a 30-day month keeps the rounding as small. */
	if (r->requests >= 100 * p->days) {
		w->period = PERIOD_DAY;
		w->volume = round_div(r->requests, p->days);
	} else {
		w->period = PERIOD_MONTH;
		w->volume = round_div((number_wide)r->requests * 30, p->days);
	}
	if (r->tier_counted)
		w->batch_share = round_div((number_wide)r->batch_requests * SHARE_SCALE, r->requests);
	else
		w->batch_share = r->all_tokens ? round_div((number_wide)r->batch_tokens * SHARE_SCALE,
		                                           r->all_tokens) : 0;
	if (w->batch_share > SHARE_SCALE)
		w->batch_share = SHARE_SCALE;
	return STATUS_OK;
}

enum status usage_profile_build(const struct usage_set *set,
                                const struct usage_profile_options *o,
                                struct usage_profile *p, struct diag *d)
{
	size_t cap = 0;
	bool usage_counts = false;
	enum status st = STATUS_OK;

	memset(p, 0, sizeof *p);
	p->files = set->file_count;
	if (o->has_period) {
		p->first = o->since;
		p->last = o->until;
	} else {
		p->first = DATE_OPEN_END;
		p->last = INT32_MIN;
		for (size_t i = 0; i < set->file_count; i++) {
			if (!set->files[i].tokens && !set->files[i].requests)
				continue;
			if (set->files[i].first < p->first)
				p->first = set->files[i].first;
			if (set->files[i].last > p->last)
				p->last = set->files[i].last;
		}
		if (p->first > p->last)
			return diag_set(d, STATUS_INPUT, "profile from-usage: expected a usage "
			                "report with token counts, found only %s",
			                set->count ? "money (cost reports hold no token counts: "
			                "give the usage report)" : "reports without usage");
	}
	p->days = (int64_t)p->last - p->first + 1;
	/* A cost line's quantity (OpenAI) counts the same tokens a usage report
	 * does: with a usage report given, only its counts are read. */
	for (size_t i = 0; i < set->count && !usage_counts; i++)
		usage_counts = set->rows[i].kind == USAGE_TOKENS && set->rows[i].has_quantity &&
		               !set->rows[i].has_amount;
	for (size_t i = 0; i < set->count && st == STATUS_OK; i++) {
		const struct usage_row *u = &set->rows[i];
		struct usage_profile_row *r = NULL;
		struct group g;
		char scope[300];

		if (u->day < p->first || u->day > p->last || !u->has_quantity ||
		    (u->kind != USAGE_TOKENS && u->kind != USAGE_REQUESTS) ||
		    (usage_counts && u->has_amount))
			continue;
		if (!u->model[0]) {
			st = diag_set(d, STATUS_INPUT, "%s: expected usage grouped by model, "
			              "found tokens of no model (export the report grouped by "
			              "model)", u->where);
			break;
		}
		g.provider = u->provider;
		g.model = u->model_id ? u->model_id : u->model;
		g.mapped = u->model_id != NULL;
		snprintf(scope, sizeof scope, "%s%s%s", o->by_scope && u->scope[0] ? " (" : "",
		         o->by_scope ? u->scope : "", o->by_scope && u->scope[0] ? ")" : "");
		g.scope = scope;
		if (strlen(g.model) + strlen(scope) > PROFILE_MAX_NAME) {
			st = diag_set(d, STATUS_INPUT, "%s: expected a model and scope of at "
			              "most %d bytes, found %zu", u->where, PROFILE_MAX_NAME,
			              strlen(g.model) + strlen(scope));
			break;
		}
		if ((st = find_or_add(p, &cap, &g, &r, d)))
			break;
		if (u->kind == USAGE_REQUESTS) {
			bool ok = add(&r->requests, u->quantity);
			if (u->tier == USAGE_TIER_BATCH)
				ok &= add(&r->batch_requests, u->quantity);
			r->tier_counted = r->tier_counted || u->tier != USAGE_TIER_UNKNOWN;
			r->counted = true;
			r->source = REQUESTS_REPORTED;
			if (!ok)
				st = diag_set(d, STATUS_OVERFLOW, "%s: requests too many to add up",
				              u->where);
			continue;
		}
		if (!add(&r->tokens[u->cls], u->quantity) || !add(&r->all_tokens, u->quantity) ||
		    (u->tier == USAGE_TIER_BATCH && !add(&r->batch_tokens, u->quantity)))
			st = diag_set(d, STATUS_OVERFLOW, "%s: tokens too many to add up", u->where);
		r->tier_unknown |= u->tier == USAGE_TIER_UNKNOWN;
	}
	if (st == STATUS_OK && p->count == 0)
		st = diag_set(d, STATUS_INPUT, "profile from-usage: expected token counts "
		              "in the period, found none");
	/* A workload with requests but no tokens is nothing to price. */
	for (size_t i = 0; st == STATUS_OK && i < p->count; i++) {
		struct usage_profile_row *r = &p->rows[i];
		if (r->all_tokens == 0) {
			workload_release(&r->w);
			memmove(r, r + 1, (p->count - i - 1) * sizeof *r);
			p->count--;
			i--;
			continue;
		}
		st = finish_row(r, p, o, d);
	}
	if (st != STATUS_OK)
		usage_profile_release(p);
	return st;
}

void usage_profile_release(struct usage_profile *p)
{
	for (size_t i = 0; i < p->count; i++)
		workload_release(&p->rows[i].w);
	free(p->rows);
	memset(p, 0, sizeof *p);
}

static const char *count_text(int64_t n, char buf[32])
{
	snprintf(buf, 32, "%" PRId64, n);
	return buf;
}

void usage_profile_write(FILE *out, const struct usage_profile *p)
{
	const char *header[12] = {
		"name", "model", "volume", "period", "input_tokens", "output_tokens",
		"cache_read_tokens", "cache_write_tokens", "cache_write_1h_tokens"};
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
	bool w30 = false, w12 = false;
	int columns = 9;

	/* OpenAI's 30-minute and 12-hour cache writes are columns only when
	 * some workload has them, so other profiles read as before. */
	for (size_t i = 0; i < p->count; i++) {
		w30 |= p->rows[i].w.cache_write_30m_tokens != 0;
		w12 |= p->rows[i].w.cache_write_12h_tokens != 0;
	}
	if (w30)
		header[columns++] = "cache_write_30m_tokens";
	if (w12)
		header[columns++] = "cache_write_12h_tokens";
	header[columns++] = "batch_share";

	date_format(p->first, from);
	date_format(p->last, to);
	fprintf(out, "# batchcalc profile from-usage: %zu report%s, %s to %s (%" PRId64
	        " day%s, UTC)\r\n", p->files, p->files == 1 ? "" : "s", from, to, p->days,
	        p->days == 1 ? "" : "s");
	fprintf(out, "# requests per day and tokens per request are rounded half away "
	        "from zero; the exact figures:\r\n");
	for (size_t i = 0; i < p->count; i++) {
		const struct usage_profile_row *r = &p->rows[i];
		static const char *const sources[] = {
			"counted by the report", "from the tokens per request of its batch results",
			"ASSUMED from --assume-input-tokens"};
		fprintf(out, "# %s:\r\n#   %" PRId64 " requests (%s), %" PRId64 " tokens in %"
		        PRId64 " day%s;\r\n#   batch share from %s%s%s\r\n", r->w.name, r->requests,
		        sources[r->source], r->all_tokens, p->days, p->days == 1 ? "" : "s",
		        r->tier_counted ? "requests by tier" : "tokens by tier",
		        r->tier_unknown ? " (tokens of no stated tier counted as not batch)" : "",
		        r->mapped ? "" : "; NOT IN THE CATALOGUE");
	}
	cli_csv_row(out, header, columns);
	for (size_t i = 0; i < p->count; i++) {
		const struct workload *w = &p->rows[i].w;
		char v[8][32], share[32];
		const char *fields[12];
		int n = 9;

		snprintf(share, sizeof share, "%" PRId64 ".%06" PRId64, w->batch_share / SHARE_SCALE,
		         w->batch_share % SHARE_SCALE);
		fields[0] = w->name;
		fields[1] = w->model;
		fields[2] = count_text(w->volume, v[0]);
		fields[3] = period_name(w->period);
		fields[4] = count_text(w->input_tokens, v[1]);
		fields[5] = count_text(w->output_tokens, v[2]);
		fields[6] = count_text(w->cache_read_tokens, v[3]);
		fields[7] = count_text(w->cache_write_tokens, v[4]);
		fields[8] = count_text(w->cache_write_1h_tokens, v[5]);
		if (w30)
			fields[n++] = count_text(w->cache_write_30m_tokens, v[6]);
		if (w12)
			fields[n++] = count_text(w->cache_write_12h_tokens, v[7]);
		fields[n++] = share;
		cli_csv_row(out, fields, n);
	}
}
