/*
 * catalogue_load: data/prices.json (schema in data/README.md) into a struct
 * catalogue. The built-in copy is the file compiled into the binary.
 */
#ifndef BATCHCALC_CATALOGUE_LOAD_H
#define BATCHCALC_CATALOGUE_LOAD_H

#include "../models/catalogue.h"
#include "../models/status.h"

#include <stddef.h>

/* Sizes past any real catalogue: model lookups and the uniqueness checks scan
 * ids and aliases, so these bound the work a hostile file can ask for. */
#define CATALOGUE_MAX_NAMES 2000    /* model ids and aliases, in all */
#define CATALOGUE_MAX_PROVIDERS 100

/* Parses a catalogue from text; origin names it in errors. On failure the
 * catalogue is left empty. */
enum status catalogue_load_text(const char *text, size_t len, const char *origin,
                                struct catalogue *cat, struct diag *d);

enum status catalogue_load_file(const char *path, struct catalogue *cat,
                                struct diag *d);

enum status catalogue_load_builtin(struct catalogue *cat, struct diag *d);

#endif
