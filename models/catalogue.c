#include "catalogue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const class_names[TOKEN_CLASS_COUNT] = {
	"input", "cache_write_5m", "cache_write_1h", "cache_write_30m",
	"cache_write_12h", "cache_read", "output",
};

const char *token_class_name(enum token_class c)
{
	return c < TOKEN_CLASS_COUNT ? class_names[c] : "?";
}

bool token_class_parse(const char *name, enum token_class *out)
{
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (strcmp(name, class_names[c]) == 0) {
			*out = (enum token_class)c;
			return true;
		}
	return false;
}

bool token_class_always_shown(enum token_class c)
{
	return c != TOKEN_CACHE_WRITE_30M && c != TOKEN_CACHE_WRITE_12H;
}

const char *confidence_text(unsigned labels, char buf[12])
{
	size_t n = 0;

	for (int i = 0; CONFIDENCE_LABELS[i]; i++) {
		if (!(labels & (1u << i)))
			continue;
		if (n)
			buf[n++] = ' ';
		buf[n++] = CONFIDENCE_LABELS[i];
	}
	buf[n] = '\0';
	return buf;
}

bool confidence_parse(const char *text, unsigned *bit)
{
	const char *at;

	if (!text[0] || text[1] || !(at = strchr(CONFIDENCE_LABELS, text[0])))
		return false;
	*bit = 1u << (at - CONFIDENCE_LABELS);
	return true;
}

bool confidence_third_party_only(unsigned labels)
{
	return labels != 0 && !(labels & CONFIDENCE_PROVIDER);
}

const char *rate_limit_tier_text(const struct rate_limit_table *t, int tier,
                                 char buf[16])
{
	if (t && t->names && tier >= 1 && (size_t)tier <= t->name_count)
		return t->names[tier - 1].name;
	snprintf(buf, 16, "%d", tier);
	return buf;
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

/* The model (up to upto_model, and self's aliases before self_alias) that
 * already has `name` as its id or an alias, or NULL. */
static const struct model *name_taken(const struct catalogue *cat, size_t upto_model,
                                      const char *name, const struct model *self,
                                      size_t self_alias)
{
	for (size_t i = 0; i <= upto_model && i < cat->model_count; i++) {
		const struct model *m = &cat->models[i];
		if (m != self && strcasecmp(m->id, name) == 0)
			return m;
		for (size_t a = 0; a < m->alias_count; a++) {
			if (m == self && a >= self_alias)
				break;
			if (strcasecmp(m->aliases[a], name) == 0)
				return m;
		}
	}
	return NULL;
}

/* The tier entries of `name` in a list, for the checks below. */
static bool has_tier(const struct service_tier *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return true;
	return false;
}

static enum status check_tier_list(const struct service_tier *t, size_t n,
                                   const char *owner, struct diag *d)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (strcmp(t[i].name, t[j].name) == 0 && t[i].from < t[j].to &&
			    t[j].from < t[i].to)
				return diag_set(d, STATUS_INPUT, "%s: service tier %s has "
				                "entries whose dates overlap", owner, t[i].name);
	return STATUS_OK;
}

/* Every rate tier x multiplier of one price tier is exact. */
static enum status check_exact(const struct price_tier *pt, const struct service_tier *t,
                               bool sync_only, const struct model *m,
                               const struct provider *p, struct diag *d)
{
	for (int side = 0; side < (sync_only ? 1 : 2); side++) {
		const struct rate_set *set = side ? &pt->batch : &pt->sync;
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			bool inexact = false;
			if (!set->offered[c])
				continue;
			rate_scale(set->rates[c], t->num, t->den, &inexact);
			if (inexact && !p->batch_round)
				return diag_set(d, STATUS_INPUT, "model %s: the %s %s%s rate "
				                "would need more than 6 decimals", m->id,
				                t->name, side ? "batch " : "",
				                token_class_name((enum token_class)c));
		}
	}
	return STATUS_OK;
}

/* Service tiers of model m: names that exist, dates that do not overlap, and
 * exact rates at every tier on every price entry it overlaps. */
static enum status check_model_tiers(const struct model *m, const struct provider *p,
                                     struct diag *d)
{
	enum status st = check_tier_list(m->tiers, m->tier_count, m->id, d);

	for (size_t r = 0; st == STATUS_OK && r < m->tier_ref_count; r++)
		if (!has_tier(p->tiers, p->tier_count, m->tier_refs[r]))
			return diag_set(d, STATUS_INPUT, "model %s: service tier \"%s\" is "
			                "not one of provider %s's", m->id, m->tier_refs[r], p->id);
	for (size_t e = 0; st == STATUS_OK && e < m->price_count; e++) {
		const struct price_entry *pe = &m->prices[e];
		for (int own = 0; own < 2 && st == STATUS_OK; own++) {
			const struct service_tier *list = own ? m->tiers : p->tiers;
			size_t n = own ? m->tier_count : p->tier_count;
			for (size_t i = 0; i < n && st == STATUS_OK; i++) {
				const struct service_tier *t = &list[i];
				bool applies = own;
				for (size_t r = 0; !own && r < m->tier_ref_count; r++)
					applies = applies || strcmp(m->tier_refs[r], t->name) == 0;
				if (!applies || t->to <= pe->from || pe->to <= t->from)
					continue;
				st = check_exact(&pe->standard, t, !t->stacks, m, p, d);
				if (st == STATUS_OK && pe->has_long_context)
					st = check_exact(&pe->long_context, t, !t->stacks, m, p, d);
			}
		}
	}
	return st;
}

enum status catalogue_finish(struct catalogue *cat, struct diag *d)
{
	for (size_t i = 0; i < cat->provider_count; i++) {
		enum status st = check_tier_list(cat->providers[i].tiers,
		                                 cat->providers[i].tier_count,
		                                 cat->providers[i].id, d);
		if (st != STATUS_OK)
			return st;
	}
	for (size_t i = 0; i < cat->model_count; i++) {
		struct model *m = &cat->models[i];
		const struct provider *p = catalogue_provider(cat, m->provider);
		const struct model *other;
		enum status st;

		if (!p)
			return diag_set(d, STATUS_INPUT,
			                "model %s: provider \"%s\" is not in the catalogue",
			                m->id, m->provider);
		m->owner = p;
		if ((other = name_taken(cat, i, m->id, m, 0))) {
			if (strcasecmp(other->id, m->id) == 0)
				return diag_set(d, STATUS_INPUT, "model id %s is listed twice",
				                m->id);
			return diag_set(d, STATUS_INPUT, "model id %s is already an alias of "
			                "%s", m->id, other->id);
		}
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
			pe->model = m;
			if (pe->has_long_context &&
			    (pe->long_context_counts & ~TOKEN_PROMPT_CLASSES))
				return diag_set(d, STATUS_INPUT, "model %s: the long-context "
				                "tier counts prompt classes, never output",
				                m->id);
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
		if ((st = check_model_tiers(m, p, d)))
			return st;
	}
	/* Successors last: every model is in place. A chain is followed at
	 * most model_count steps, so a cycle is found, never looped on. */
	for (size_t i = 0; i < cat->model_count; i++) {
		const struct model *m = &cat->models[i], *next = m;
		enum model_match how;

		if (!m->successor)
			continue;
		if (!m->retired)
			return diag_set(d, STATUS_INPUT, "model %s: a successor needs a "
			                "retirement date (\"retired\")", m->id);
		for (size_t k = 0; next && next->successor; k++) {
			const struct model *s = catalogue_find_model(cat, next->successor, &how);
			if (!s || (how != MATCH_ID && how != MATCH_ALIAS))
				return diag_set(d, STATUS_INPUT, "model %s: successor \"%s\" "
				                "is not a model of the catalogue", next->id,
				                next->successor);
			if (s == m || k >= cat->model_count)
				return diag_set(d, STATUS_INPUT, "model %s: its successors "
				                "lead back to it", m->id);
			next = s;
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
	for (size_t n = 0; n < t->name_count; n++)
		free(t->names[n].name);
	free(t->names);
	free(t->source);
	free(t->notes);
}

static void release_service_tiers(struct service_tier *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].name);
		free(t[i].source);
		free(t[i].notes);
	}
	free(t);
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
		free(m->successor);
		free(m->notes);
		for (size_t e = 0; e < m->price_count; e++) {
			free(m->prices[e].source);
			free(m->prices[e].notes);
		}
		free(m->prices);
		release_service_tiers(m->tiers, m->tier_count);
		for (size_t r = 0; r < m->tier_ref_count; r++)
			free(m->tier_refs[r]);
		free(m->tier_refs);
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
		release_service_tiers(p->tiers, p->tier_count);
	}
	free(cat->providers);
	free(cat->version);
	free(cat->origin);
	free(cat->overlay_origin);
	free(cat->overlay_version);
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

const struct model *catalogue_route(const struct catalogue *cat,
                                    const struct model *m, date_days day)
{
	enum model_match how;

	/* catalogue_finish() checked that the chain ends. */
	while (m && m->successor && m->retired && day >= m->retired_on) {
		const struct model *next = catalogue_find_model(cat, m->successor, &how);
		if (!next)
			break;
		m = next;
	}
	return m;
}

const struct price_entry *catalogue_price_entry(const struct catalogue *cat,
                                                const char *name, date_days day)
{
	enum model_match how;
	const struct model *m = catalogue_find_model(cat, name, &how);

	return m ? model_price_on(catalogue_route(cat, m, day), day) : NULL;
}

enum status catalogue_price(const struct catalogue *cat, const char *name,
                            date_days day, const struct model **model,
                            const struct price_entry **price, struct diag *d)
{
	return catalogue_price_routed(cat, name, day, model, price, NULL, d);
}

enum status catalogue_price_routed(const struct catalogue *cat, const char *name,
                                   date_days day, const struct model **model,
                                   const struct price_entry **price,
                                   const struct model **routed_from,
                                   struct diag *d)
{
	enum model_match how;
	const struct model *m = catalogue_find_model(cat, name, &how);
	const struct model *served;
	char when[DATE_TEXT_SIZE], first[DATE_TEXT_SIZE];

	if (routed_from)
		*routed_from = NULL;

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
	served = catalogue_route(cat, m, day);
	if (served != m && routed_from)
		*routed_from = m;
	m = served;
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

enum status model_service_tier(const struct model *m, const char *name,
                               date_days day, const struct service_tier **out,
                               struct diag *d)
{
	char when[DATE_TEXT_SIZE], offered[200];
	bool named = false;

	*out = NULL;
	for (size_t i = 0; i < m->tier_count; i++)
		if (strcasecmp(m->tiers[i].name, name) == 0) {
			named = true;
			if (date_in_range(day, m->tiers[i].from, m->tiers[i].to)) {
				*out = &m->tiers[i];
				return STATUS_OK;
			}
		}
	for (size_t r = 0; !named && m->owner && r < m->tier_ref_count; r++) {
		if (strcasecmp(m->tier_refs[r], name) != 0)
			continue;
		for (size_t i = 0; i < m->owner->tier_count; i++) {
			const struct service_tier *t = &m->owner->tiers[i];
			if (strcmp(t->name, m->tier_refs[r]) == 0 &&
			    date_in_range(day, t->from, t->to)) {
				*out = t;
				return STATUS_OK;
			}
		}
	}
	date_format(day, when);
	model_service_tiers_text(m, day, offered, sizeof offered);
	return diag_set(d, STATUS_INPUT, "model %s has no service tier \"%s\" on %s "
	                "(%s%s)", m->id, name, when, offered[0] ? "it offers " : "it "
	                "offers none", offered);
}

/* Appends name to a comma-separated list unless it is there. */
static void list_add(char *buf, size_t size, const char *name)
{
	size_t n = strlen(buf), len = strlen(name);
	const char *at = buf;

	while ((at = strstr(at, name))) {
		if ((at == buf || at[-1] == ' ') && (at[len] == ',' || !at[len]))
			return;
		at += len;
	}
	snprintf(buf + n, size - n, "%s%s", n ? ", " : "", name);
}

void model_service_tiers_text(const struct model *m, date_days day, char *buf,
                              size_t size)
{
	buf[0] = '\0';
	for (size_t i = 0; i < m->tier_count; i++)
		if (date_in_range(day, m->tiers[i].from, m->tiers[i].to))
			list_add(buf, size, m->tiers[i].name);
	for (size_t r = 0; m->owner && r < m->tier_ref_count; r++)
		for (size_t i = 0; i < m->owner->tier_count; i++) {
			const struct service_tier *t = &m->owner->tiers[i];
			if (strcmp(t->name, m->tier_refs[r]) == 0 &&
			    date_in_range(day, t->from, t->to) &&
			    !has_tier(m->tiers, m->tier_count, t->name))
				list_add(buf, size, t->name);
		}
}

/* set x num/den, class by class; false when a rate is inexact and the
 * provider does not round. */
static bool scale_set(struct rate_set *set, const struct service_tier *t, bool round)
{
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		bool inexact = false;
		if (!set->offered[c])
			continue;
		set->rates[c] = rate_scale(set->rates[c], t->num, t->den, &inexact);
		if (inexact && !round)
			return false;
	}
	return true;
}

static bool scale_tier(struct price_tier *pt, const struct service_tier *service,
                       const struct service_tier *uplift, bool round)
{
	if (service && !scale_set(&pt->sync, service, round))
		return false;
	return !uplift || (scale_set(&pt->sync, uplift, round) &&
	                   scale_set(&pt->batch, uplift, round));
}

enum status price_entry_at_service(const struct price_entry *base,
                                   const struct service_tier *service,
                                   const struct service_tier *uplift,
                                   struct price_entry *out, struct diag *d)
{
	bool round = base->model && base->model->owner && base->model->owner->batch_round;

	if ((service && service->stacks) || (uplift && !uplift->stacks))
		return diag_set(d, STATUS_INPUT, "service tier %s %s", service &&
		                service->stacks ? service->name : uplift->name,
		                service && service->stacks
		                ? "stacks on other tiers; it is not one to choose alone"
		                : "does not stack on other tiers");
	*out = *base;
	out->service = service;
	out->uplift = uplift;
	if (!scale_tier(&out->standard, service, uplift, round) ||
	    (out->has_long_context &&
	     !scale_tier(&out->long_context, service, uplift, round)))
		return diag_set(d, STATUS_INPUT, "model %s: a rate at service tier %s "
		                "would need more than 6 decimals",
		                base->model ? base->model->id : "?",
		                service ? service->name : uplift->name);
	return STATUS_OK;
}

enum status price_at_tiers(const struct model *m, const struct price_entry *base,
                           const char *service, const char *geo, date_days day,
                           struct price_entry *storage, const struct price_entry **out,
                           struct diag *d)
{
	const struct service_tier *svc = NULL, *up = NULL;
	enum status st;

	*out = base;
	if (service && (!*service || strcasecmp(service, "standard") == 0))
		service = NULL;
	if (geo && (!*geo || strcasecmp(geo, "global") == 0))
		geo = NULL;
	if (!service && !geo)
		return STATUS_OK;
	if (service && (st = model_service_tier(m, service, day, &svc, d)))
		return st;
	if (svc && svc->stacks)
		return diag_set(d, STATUS_INPUT, "service tier %s is an uplift on every "
		                "tier: give it as the inference geo", svc->name);
	if (geo) {
		if ((st = model_service_tier(m, geo, day, &up, d)))
			return st;
		if (!up->stacks)
			return diag_set(d, STATUS_INPUT, "\"%s\" is a service tier of "
			                "model %s, not an inference geo", geo, m->id);
	}
	if ((st = price_entry_at_service(base, svc, up, storage, d)))
		return st;
	*out = storage;
	return STATUS_OK;
}
