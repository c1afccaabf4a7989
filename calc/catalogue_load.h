/*
 * catalogue_load: data/prices.json (schema in data/README.md) into a struct
 * catalogue, and a catalogue back into that schema. The built-in copy is the
 * file compiled into the binary. A file with the shape of LiteLLM's
 * model_prices_and_context_window.json (calc/litellm.h) or of genai-prices'
 * v2 data.json (calc/genai_prices.h) is recognised and converted, so every
 * --prices takes any of the three.
 *
 * An overlay is a catalogue file in the same schema whose providers and
 * models are merged on top of a loaded catalogue (catalogue_apply_overlay):
 * a model whose id or alias it names gets the keys the overlay gives
 * (prices, name, retirement, ...) and the overlay's aliases added to its
 * own; a model it does not name is added. The result is checked as a whole,
 * like any catalogue, and remembers the overlay for the stamp.
 */
#ifndef BATCHCALC_CATALOGUE_LOAD_H
#define BATCHCALC_CATALOGUE_LOAD_H

#include "litellm.h"
#include "../models/catalogue.h"
#include "../models/status.h"

#include <cJSON.h>

#include <stddef.h>

/* Sizes past any real catalogue: model lookups and the uniqueness checks scan
 * ids and aliases, so these bound the work a hostile file can ask for. */
#define CATALOGUE_MAX_NAMES 2000    /* model ids and aliases, in all */
#define CATALOGUE_MAX_PROVIDERS 100

/* Parses a catalogue from text; origin names it in errors. A converted file
 * (LiteLLM, genai-prices) gets version "undated" and origin "ORIGIN, LiteLLM
 * format" (or "genai-prices format"), and when report is not NULL the
 * conversion's counts land there (report->entries stays 0 for a batchcalc
 * catalogue). On failure the catalogue is left empty. */
enum status catalogue_load_text(const char *text, size_t len, const char *origin,
                                struct catalogue *cat,
                                struct litellm_report *report, struct diag *d);

enum status catalogue_load_file(const char *path, struct catalogue *cat,
                                struct litellm_report *report, struct diag *d);

/*
 * Merges the overlay text (origin names it) on top of cat, as the header
 * says. On failure cat is left as it was and d names the overlay's JSON path
 * (or the model the merged catalogue refuses).
 */
enum status catalogue_apply_overlay(struct catalogue *cat, const char *text,
                                    size_t len, const char *origin,
                                    struct diag *d);
enum status catalogue_apply_overlay_file(struct catalogue *cat, const char *path,
                                         struct diag *d);

/* The catalogue in the data/README.md schema, every field of it: batch rates
 * the catalogue derived are left out of "batch", so a reload derives and
 * flags them again; fields at their defaults are left out. */
cJSON *catalogue_to_json(const struct catalogue *cat);

enum status catalogue_load_builtin(struct catalogue *cat, struct diag *d);

#endif
