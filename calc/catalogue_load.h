/*
 * catalogue_load: data/prices.json (schema in data/README.md) into a struct
 * catalogue, and a catalogue back into that schema. The built-in copy is the
 * file compiled into the binary. A file with the shape of LiteLLM's
 * model_prices_and_context_window.json is recognised and converted
 * (calc/litellm.h), so every --prices takes either.
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

/* Parses a catalogue from text; origin names it in errors. A LiteLLM file
 * gets version "undated" and origin "ORIGIN, LiteLLM format", and when
 * litellm is not NULL the conversion's counts land there (litellm->entries
 * stays 0 for a batchcalc catalogue). On failure the catalogue is left empty. */
enum status catalogue_load_text(const char *text, size_t len, const char *origin,
                                struct catalogue *cat,
                                struct litellm_report *litellm, struct diag *d);

enum status catalogue_load_file(const char *path, struct catalogue *cat,
                                struct litellm_report *litellm, struct diag *d);

/* The catalogue in the data/README.md schema: batch rates the catalogue
 * derived are left out of "batch", so a reload derives and flags them again. */
cJSON *catalogue_to_json(const struct catalogue *cat);

enum status catalogue_load_builtin(struct catalogue *cat, struct diag *d);

#endif
