/*
 * catalogue_read: what the catalogue's loader (catalogue_load.c) shares with
 * its overlay (catalogue_overlay.c), inside calc/ only: the schema's keys, a
 * model object read on its own, a whole catalogue read from parsed JSON, and
 * the stamp's checksum. See catalogue_load.h for the public side.
 */
#ifndef BATCHCALC_CATALOGUE_READ_H
#define BATCHCALC_CATALOGUE_READ_H

#include "json_read.h"
#include "../models/catalogue.h"

#include <stdbool.h>
#include <stddef.h>

/* The keys of the top-level object and of a provider (NULL-terminated). */
extern const char *const catalogue_root_keys[];
extern const char *const catalogue_provider_keys[];

/* One model object into m; with `partial` (an overlay's model), only "id"
 * is required. m is the caller's to release (catalogue_release). */
enum status catalogue_read_model(const struct json_where *w, const cJSON *obj,
                                 struct model *m, bool partial, struct diag *d);

/* A whole catalogue object (data/README.md) into cat, checked and finished
 * (catalogue_finish); cat->origin is left for the caller to set. */
enum status catalogue_read(const struct json_where *w, const cJSON *root,
                           struct catalogue *cat, struct diag *d);

/* The stamp's checksum: the first 16 hex digits of the text's SHA-256. */
void catalogue_stamp_checksum(const char *text, size_t len, char out[17]);

#endif
