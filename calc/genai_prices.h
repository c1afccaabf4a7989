/*
 * genai_prices: pydantic/genai-prices' v2 data file (prices/new_data/v2/
 * data.json, schema data.schema.json) as a catalogue.
 *
 * The file is an array of providers, each with "models"; a model has an id,
 * "match" rules (the names it answers to), a "context_window", and "prices":
 * one price set, or a list of conditional ones, the first unconditional and
 * each later one in force from its "start_date". Prices are USD per million
 * tokens, as in our schema. The conversion:
 *
 * - input_mtok, output_mtok, cache_read_mtok, cache_write_5m_mtok and
 *   cache_write_1h_mtok become those classes; cache_write_mtok is the
 *   5-minute write, except for OpenAI, where it is the 30-minute write that
 *   GPT-5.6 and later bill;
 * - a price with one tier ({"base": B, "tiers": [{"start": N, "price": P}]})
 *   becomes a long-context tier above N tokens, the whole request billed at
 *   the tier rates as genai-prices does ("all tokens pay the tier rate");
 *   classes without a tier keep their base rate above N. Prices whose tiers
 *   start at different thresholds, or with more than one tier, cannot be
 *   held and the model is skipped (counted);
 * - each start_date is an effective date: the entries meet half-open; a
 *   time-of-day price (off-peak discounts) is not a date and is left out
 *   (counted), so the model keeps its all-day price;
 * - genai-prices has no batch prices: every batch rate is derived at 50%
 *   and flagged derived, as for LiteLLM;
 * - ids: a model of a provider whose "model_match" claims it (Anthropic's
 *   "claude" models, OpenAI's "gpt-" and o-series, Google's "gemini") keeps
 *   its id and gets its "equals" and "starts_with" rules as aliases (a name
 *   that is already taken is skipped, counted); a model the provider only
 *   resells is "PROVIDER/ID" without aliases. "contains", "ends_with" and
 *   "regex" rules match families of names an alias cannot list (counted);
 * - a model priced without both an input and an output rate per token
 *   (embeddings, images, audio) is skipped and counted.
 *
 * genai-prices keeps price history, so dated entries survive; it keeps no
 * retirement dates ("deprecated" is a flag), so none are set.
 */
#ifndef BATCHCALC_GENAI_PRICES_H
#define BATCHCALC_GENAI_PRICES_H

#include "litellm.h"
#include "../models/catalogue.h"
#include "../models/status.h"

#include <cJSON.h>
#include <stdbool.h>

/* True when root has the shape of a genai-prices v2 data file: an array of
 * objects with "id" and a "models" array. */
bool genai_detect(const cJSON *root);

/*
 * Fills cat from a parsed genai-prices file; origin names it in errors and
 * version becomes cat->version. The counts land in report (format
 * "genai-prices"). Calls catalogue_finish(). On failure the catalogue is
 * released.
 */
enum status genai_convert(const cJSON *root, const char *origin,
                          const char *version, struct catalogue *cat,
                          struct litellm_report *report, struct diag *d);

#endif
