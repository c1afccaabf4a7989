/*
 * litellm: LiteLLM's model_prices_and_context_window.json as a catalogue.
 *
 * The file is one object of entries keyed by model name ("claude-sonnet-4-5",
 * "azure/gpt-4o", "bedrock/us-east-1/..."), the first of which, "sample_spec",
 * documents the fields. Prices are in USD per ONE token. The conversion:
 *
 * - input_cost_per_token, output_cost_per_token, cache_read_input_token_cost,
 *   cache_creation_input_token_cost (5-minute write) and
 *   cache_creation_input_token_cost_above_1hr (1-hour write) become the five
 *   token classes, per million tokens, read exactly from the number's text;
 * - input_/output_cost_per_token_batches are published batch rates; every
 *   other batch class is derived at 50% by catalogue_finish() and flagged;
 * - the *_above_128k_tokens, *_above_200k_tokens and *_above_272k_tokens
 *   fields form a long-context cliff above that many input tokens (LiteLLM
 *   bills the whole request at them, as we do);
 * - cache_creation_input_token_cost is OpenAI's 30-minute cache write for
 *   an openai entry (GPT-5.6 on), the 5-minute write for every other;
 * - the *_flex and *_priority rates become service tiers "flex" and
 *   "priority" with the multiplier of the input rate (kept only when exact
 *   to 6 decimals); a class rate off that multiplier is counted and named
 *   (LiteLLM copies OpenAI's rounded cents: gpt-5.4 flex cached input
 *   1.3e-07 for 0.125 per million). provider_specific_entry's "us" becomes
 *   the stacking US-inference uplift and "fast" the fast-mode tier;
 * - max_input_tokens and max_output_tokens become the context window and
 *   the largest output;
 * - an anthropic entry whose 1-hour cache write is not 2x its input rate
 *   (Anthropic's documented rule) is imported as is and named;
 * - the provider is the key's prefix before the first "/" ("azure",
 *   "bedrock", "vertex_ai", "gemini"), else litellm_provider, with LiteLLM's
 *   "vertex_ai-*" family names folded to "vertex_ai";
 * - deprecation_date becomes the retirement date;
 * - entries whose mode is not chat, completion or responses, and entries
 *   without both a per-token input and output price (priced per image,
 *   second, character, or by tiered_pricing), are skipped and counted.
 *
 * LiteLLM keeps no price history, so every entry is one price in force on
 * every date ([1970-01-01, open)).
 */
#ifndef BATCHCALC_LITELLM_H
#define BATCHCALC_LITELLM_H

#include "../models/catalogue.h"
#include "../models/status.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#define LITELLM_ROUNDED_KEPT 8

/* What a conversion did, for the summary a command prints. genai-prices
 * conversions (calc/genai_prices.h) use the same report, format set. */
struct litellm_report {
	const char *format;     /* NULL: LiteLLM; "genai-prices" */
	size_t entries;         /* model entries seen (sample_spec not counted) */
	size_t imported;
	size_t skipped_mode;    /* not a chat/completion/responses model */
	size_t skipped_unpriced;/* no per-token input and output price */
	size_t with_batches;    /* models with a published *_batches rate */
	size_t derived;         /* batch classes derived at 50% */
	size_t derived_rounded; /* of those, halves rounded to 6 decimals */
	size_t long_context;    /* models with a long-context tier (LiteLLM: >200K) */
	size_t long_context_other; /* LiteLLM: with a >128K or >272K tier */
	size_t rounded;         /* rates with more than 6 decimals per million */
	char rounded_what[LITELLM_ROUNDED_KEPT][160]; /* "MODEL FIELD TEXT" */
	/* LiteLLM: service tiers kept as multipliers, and rates left out */
	size_t service_tiers;   /* flex, priority, fast and US uplifts kept */
	size_t tier_inexact;    /* a tier whose input rate is no exact multiple */
	size_t tier_disagree;   /* class rates off the tier's multiplier */
	char disagree_what[LITELLM_ROUNDED_KEPT][160];
	/* Anthropic bills a 1-hour cache write at 2x input: an entry that
	 * says otherwise is named (LiteLLM's claude-3-haiku and claude-3-opus
	 * carry 6e-06, a copy of another model's figure) and imported as is. */
	size_t suspect_1h;
	char suspect_what[LITELLM_ROUNDED_KEPT][160];
	/* genai-prices */
	size_t providers;       /* providers with a model imported */
	size_t dated;           /* price changes with a start date */
	size_t aliases;         /* match rules kept as aliases */
	size_t aliases_taken;   /* ... skipped: the name was already used */
	size_t rules_skipped;   /* contains/ends_with/regex rules: no alias */
	size_t skipped_shape;   /* tiers an entry cannot hold */
	size_t skipped_time_of_day; /* hour-of-day prices left out */
	size_t skipped_duplicate;   /* an id already taken, prefixed or not */
};

/* True when root has the shape of a LiteLLM price file: an object whose
 * members are objects, with "sample_spec" or a member carrying
 * "litellm_provider". */
bool litellm_detect(const cJSON *root);

/*
 * Fills cat from a parsed LiteLLM file; origin names it in errors and version
 * becomes cat->version. Calls catalogue_finish(). On failure the catalogue is
 * released.
 */
enum status litellm_convert(const cJSON *root, const char *origin,
                            const char *version, struct catalogue *cat,
                            struct litellm_report *report, struct diag *d);

#endif
