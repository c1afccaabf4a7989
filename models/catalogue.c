#include "catalogue.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const class_names[TOKEN_CLASS_COUNT] = {
	"input", "cache_write_5m", "cache_write_1h", "cache_read", "output",
};

const char *token_class_name(enum token_class c)
{
	return c < TOKEN_CLASS_COUNT ? class_names[c] : "?";
}

/* Fills the batch rates a provider does not publish from its batch rule. */
static enum status derive_batch(struct price_tier *tier, const struct provider *p,
                                const char *model, struct diag *d)
{
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		bool inexact = false;

		tier->batch_derived[c] = false;
		if (tier->batch.offered[c] || !tier->sync.offered[c])
			continue;
		tier->batch.rates[c] = rate_scale(tier->sync.rates[c], p->batch_num,
		                                  p->batch_den, &inexact);
		if (inexact && !p->batch_round)
			return diag_set(d, STATUS_INPUT,
			                "model %s: the derived batch %s rate has more than 6 "
			                "decimals; publish it in the catalogue",
			                model, token_class_name((enum token_class)c));
		tier->batch.offered[c] = true;
		tier->batch_derived[c] = true;
	}
	return STATUS_OK;
}

static int compare_entries(const void *a, const void *b)
{
	const struct price_entry *x = a, *y = b;
	return (x->from > y->from) - (x->from < y->from);
}

static bool name_taken(const struct catalogue *cat, size_t upto_model,
                       const char *name, const struct model *self, size_t self_alias)
{
	for (size_t i = 0; i <= upto_model && i < cat->model_count; i++) {
		const struct model *m = &cat->models[i];
		if (m != self && strcasecmp(m->id, name) == 0)
			return true;
		for (size_t a = 0; a < m->alias_count; a++) {
			if (m == self && a >= self_alias)
				break;
			if (strcasecmp(m->aliases[a], name) == 0)
				return true;
		}
	}
	return false;
}

enum status catalogue_finish(struct catalogue *cat, struct diag *d)
{
	for (size_t i = 0; i < cat->model_count; i++) {
		struct model *m = &cat->models[i];
		const struct provider *p = catalogue_provider(cat, m->provider);
		enum status st;

		if (!p)
			return diag_set(d, STATUS_INPUT,
			                "model %s: provider \"%s\" is not in the catalogue",
			                m->id, m->provider);
		if (name_taken(cat, i, m->id, m, 0))
			return diag_set(d, STATUS_INPUT, "model id %s is listed twice", m->id);
		for (size_t a = 0; a < m->alias_count; a++)
			if (strcasecmp(m->aliases[a], m->id) == 0 ||
			    name_taken(cat, i, m->aliases[a], m, a))
				return diag_set(d, STATUS_INPUT,
				                "model %s: alias %s is already taken",
				                m->id, m->aliases[a]);
		if (m->price_count == 0)
			return diag_set(d, STATUS_INPUT, "model %s has no prices", m->id);
		qsort(m->prices, m->price_count, sizeof *m->prices, compare_entries);
		for (size_t e = 0; e < m->price_count; e++) {
			struct price_entry *pe = &m->prices[e];
			if (pe->to <= pe->from)
				return diag_set(d, STATUS_INPUT,
				                "model %s: a price entry ends before it begins",
				                m->id);
			if (e > 0 && m->prices[e - 1].to > pe->from)
				return diag_set(d, STATUS_INPUT,
				                "model %s: price entries overlap", m->id);
			if (!pe->standard.sync.offered[TOKEN_INPUT] ||
			    !pe->standard.sync.offered[TOKEN_OUTPUT])
				return diag_set(d, STATUS_INPUT,
				                "model %s: input and output rates are required",
				                m->id);
			st = derive_batch(&pe->standard, p, m->id, d);
			if (st == STATUS_OK && pe->has_long_context)
				st = derive_batch(&pe->long_context, p, m->id, d);
			if (st != STATUS_OK)
				return st;
		}
	}
	return STATUS_OK;
}

static void release_tier_limits(struct rate_limit_table *t)
{
	for (size_t g = 0; g < t->group_count; g++) {
		free(t->groups[g].name);
		free(t->groups[g].tiers);
	}
	free(t->groups);
	free(t->source);
}

void catalogue_release(struct catalogue *cat)
{
	for (size_t i = 0; i < cat->model_count; i++) {
		struct model *m = &cat->models[i];
		free(m->id);
		free(m->provider);
		free(m->name);
		for (size_t a = 0; a < m->alias_count; a++)
			free(m->aliases[a]);
		free(m->aliases);
		free(m->rate_limit_group);
		for (size_t e = 0; e < m->price_count; e++)
			free(m->prices[e].source);
		free(m->prices);
	}
	free(cat->models);
	for (size_t i = 0; i < cat->provider_count; i++) {
		struct provider *p = &cat->providers[i];
		free(p->id);
		free(p->name);
		free(p->pricing_source);
		free(p->batch_rule);
		for (size_t b = 0; b < p->batch_limit_count; b++)
			free(p->batch_limits[b].source);
		free(p->batch_limits);
		for (size_t q = 0; q < p->queue_limit_count; q++) {
			free(p->queue_limits[q].source);
			free(p->queue_limits[q].tiers);
		}
		free(p->queue_limits);
		for (size_t r = 0; r < p->rate_limit_count; r++)
			release_tier_limits(&p->rate_limits[r]);
		free(p->rate_limits);
	}
	free(cat->providers);
	free(cat->version);
	free(cat->origin);
	memset(cat, 0, sizeof *cat);
}

static const struct model *find_exact(const struct catalogue *cat,
                                      const char *name, size_t len,
                                      enum model_match *how)
{
	for (size_t i = 0; i < cat->model_count; i++) {
		const struct model *m = &cat->models[i];
		if (strlen(m->id) == len && strncasecmp(m->id, name, len) == 0) {
			*how = MATCH_ID;
			return m;
		}
		for (size_t a = 0; a < m->alias_count; a++)
			if (strlen(m->aliases[a]) == len &&
			    strncasecmp(m->aliases[a], name, len) == 0) {
				*how = MATCH_ALIAS;
				return m;
			}
	}
	return NULL;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Length of name without a trailing "-YYYY-MM-DD" or "-YYYYMMDD", else 0. */
static size_t undated_length(const char *name, size_t len)
{
	const char *t;

	if (len > 11) {
		t = name + len - 11;
		if (t[0] == '-' && all_digits(t + 1, 4) && t[5] == '-' &&
		    all_digits(t + 6, 2) && t[8] == '-' && all_digits(t + 9, 2))
			return len - 11;
	}
	if (len > 9) {
		t = name + len - 9;
		if (t[0] == '-' && all_digits(t + 1, 8))
			return len - 9;
	}
	return 0;
}

static bool stem_is(const char *id, const char *name, size_t len)
{
	size_t stem = undated_length(id, strlen(id));
	return stem == len && strncasecmp(id, name, len) == 0;
}

/* The first model (catalogues list the newest first) one of whose dated ids is
 * name plus a date: "claude-3-5-haiku" finds claude-3-5-haiku-20241022. */
static const struct model *find_dated(const struct catalogue *cat,
                                      const char *name, size_t len)
{
	for (size_t i = 0; i < cat->model_count; i++) {
		const struct model *m = &cat->models[i];
		if (stem_is(m->id, name, len))
			return m;
		for (size_t a = 0; a < m->alias_count; a++)
			if (stem_is(m->aliases[a], name, len))
				return m;
	}
	return NULL;
}

const struct model *catalogue_find_model(const struct catalogue *cat,
                                         const char *name,
                                         enum model_match *how)
{
	const char *slash = strrchr(name, '/');
	const struct model *m;
	size_t len = strlen(name), undated;

	if ((m = find_exact(cat, name, len, how)))
		return m;
	if (slash && slash[1]) {
		/* LiteLLM-style "anthropic/claude-..." or "openai/gpt-4o". */
		m = catalogue_find_model(cat, slash + 1, how);
		if (m) {
			if (*how == MATCH_ID || *how == MATCH_ALIAS)
				*how = MATCH_PREFIX_STRIPPED;
			return m;
		}
	}
	undated = undated_length(name, len);
	if (undated && (m = find_exact(cat, name, undated, how))) {
		*how = MATCH_DATE_STRIPPED;
		return m;
	}
	if ((m = find_dated(cat, name, len))) {
		*how = MATCH_DATE_ADDED;
		return m;
	}
	return NULL;
}

/* Levenshtein distance, case-insensitive, capped for long names. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[128];

	if (la > 127 || lb > 127)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = (a[i - 1] | 0x20) == (b[j - 1] | 0x20) ? 0 : 1;
			size_t best = diag + cost;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

size_t catalogue_suggest(const struct catalogue *cat, const char *name,
                         const char **out, size_t max)
{
	size_t dist[8], count = 0;
	size_t limit = strlen(name) / 2 + 2;

	if (max > 8)
		max = 8;
	for (size_t i = 0; i < cat->model_count; i++) {
		const struct model *m = &cat->models[i];
		size_t best = edit_distance(name, m->id);
		const char *best_name = m->id;

		for (size_t a = 0; a < m->alias_count; a++) {
			size_t dd = edit_distance(name, m->aliases[a]);
			if (dd < best) {
				best = dd;
				best_name = m->aliases[a];
			}
		}
		if (best > limit)
			continue;
		/* Insertion sort into the short list, closest first, stable. */
		size_t pos = count;
		while (pos > 0 && dist[pos - 1] > best)
			pos--;
		if (pos >= max)
			continue;
		if (count < max)
			count++;
		for (size_t k = count - 1; k > pos; k--) {
			dist[k] = dist[k - 1];
			out[k] = out[k - 1];
		}
		dist[pos] = best;
		out[pos] = best_name;
	}
	return count;
}

const struct price_entry *model_price_on(const struct model *m, date_days day)
{
	for (size_t e = 0; e < m->price_count; e++)
		if (date_in_range(day, m->prices[e].from, m->prices[e].to))
			return &m->prices[e];
	return NULL;
}

enum status catalogue_price(const struct catalogue *cat, const char *name,
                            date_days day, const struct model **model,
                            const struct price_entry **price, struct diag *d)
{
	enum model_match how;
	const struct model *m = catalogue_find_model(cat, name, &how);
	char when[DATE_TEXT_SIZE], first[DATE_TEXT_SIZE];

	if (!m) {
		const char *near[3];
		size_t n = catalogue_suggest(cat, name, near, 3);

		if (n == 0)
			return diag_set(d, STATUS_UNKNOWN_MODEL,
			                "unknown model \"%.60s\": it is not in price catalogue "
			                "%.60s (see 'batchcalc prices list')",
			                name, cat->version);
		return diag_set(d, STATUS_UNKNOWN_MODEL,
		                "unknown model \"%.60s\"; did you mean %s%s%s%s%s?", name,
		                near[0], n > 1 ? (n > 2 ? ", " : " or ") : "",
		                n > 1 ? near[1] : "", n > 2 ? " or " : "",
		                n > 2 ? near[2] : "");
	}
	*model = m;
	*price = model_price_on(m, day);
	if (!*price) {
		date_format(day, when);
		date_format(m->prices[0].from, first);
		return diag_set(d, STATUS_UNKNOWN_MODEL,
		                "model %s has no price in force on %s (its prices begin "
		                "%s)", m->id, when, first);
	}
	return STATUS_OK;
}

const struct provider *catalogue_provider(const struct catalogue *cat,
                                          const char *id)
{
	for (size_t i = 0; i < cat->provider_count; i++)
		if (strcasecmp(cat->providers[i].id, id) == 0)
			return &cat->providers[i];
	return NULL;
}

#define FIND_ON(array, count, day)                                        \
	do {                                                              \
		for (size_t i_ = 0; i_ < (count); i_++)                   \
			if (date_in_range((day), (array)[i_].from, (array)[i_].to)) \
				return &(array)[i_];                      \
		return NULL;                                              \
	} while (0)

const struct batch_limits *provider_batch_limits_on(const struct provider *p,
                                                    date_days day)
{
	FIND_ON(p->batch_limits, p->batch_limit_count, day);
}

const struct rate_limit_table *provider_rate_limits_on(const struct provider *p,
                                                       date_days day)
{
	FIND_ON(p->rate_limits, p->rate_limit_count, day);
}

const struct queue_limit_table *provider_queue_limits_on(const struct provider *p,
                                                         date_days day)
{
	FIND_ON(p->queue_limits, p->queue_limit_count, day);
}
