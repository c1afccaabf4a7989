/*
 * json_read: typed reads from a cJSON tree that name the JSON path on error.
 *
 * Every loader that reads JSON (price catalogue, profiles, batch objects) uses
 * these so that a bad value is reported the same way everywhere:
 *   FILE: models[3].prices[0].input: expected a rate in USD per million
 *   tokens, found "abc"
 */
#ifndef BATCHCALC_JSON_READ_H
#define BATCHCALC_JSON_READ_H

#include "../models/date.h"
#include "../models/money.h"
#include "../models/status.h"

#include <cJSON.h>
#include <stdbool.h>
#include <stdint.h>

struct json_where {
	const char *origin; /* file name or "built-in data/prices.json" */
	char path[256];     /* "models[3].prices[0]" */
};

/* Parses text, which must have a NUL at text[len] (a leading UTF-8 BOM is
 * skipped); a syntax error names line and column. Every number keeps its
 * source text (json_number_text). Caller deletes *root. */
enum status json_parse(const char *origin, const char *text, size_t len,
                       cJSON **root, struct diag *d);

/*
 * Parses the JSON document that starts at text[*offset] (after white space),
 * for files that hold several one after another: API pages saved one after
 * the other, or JSON Lines. *offset moves past it; *root is NULL when only
 * white space is left. A syntax error names LINE:COLUMN in the whole text.
 * Numbers keep their text, as with json_parse; keys are not checked here
 * (json_check_keys, once the caller knows what to call the document).
 */
enum status json_parse_next(const char *origin, const char *text, size_t len,
                            size_t *offset, cJSON **root, struct diag *d);

/* Refuses an object holding a key twice anywhere under v, naming its path. */
enum status json_check_keys(const struct json_where *w, const cJSON *v,
                            struct diag *d);

/* The decimal text of a number as the file wrote it ("3e-06"), or of a
 * numeric string, for the strict parsers; false for anything else. */
bool json_number_text(const cJSON *v, char *buf, size_t size);

/* Describes a value for "found ...": "a string \"x\"", "null", "an array". */
void json_describe(const cJSON *v, char *buf, size_t size);

/* Sets the diag to "ORIGIN: PATH.key: expected WHAT, found <v>". */
enum status json_fail(const struct json_where *w, const char *key,
                      const cJSON *v, const char *expected, struct diag *d);

/* Extends a path: json_child(&w, parent, "models", 3) -> "models[3]". */
void json_child(struct json_where *out, const struct json_where *parent,
                const char *key, long index);

/* Fails on a key not in `allowed` (NULL-terminated), so that a misspelt
 * "cache_reed" is an error rather than a class silently left unpriced. */
enum status json_only_keys(const struct json_where *w, const cJSON *obj,
                           const char *const *allowed, struct diag *d);

/* Typed field reads. A missing optional field leaves *out untouched and
 * returns STATUS_OK; *present (when not NULL) says whether it was there. */
enum status json_string(const struct json_where *w, const cJSON *obj,
                        const char *key, bool required, char **out,
                        struct diag *d);
enum status json_int(const struct json_where *w, const cJSON *obj, const char *key,
                     bool required, int64_t min, int64_t max, int64_t *out,
                     bool *present, struct diag *d);
enum status json_date(const struct json_where *w, const cJSON *obj, const char *key,
                      bool required, date_days *out, bool *present, struct diag *d);
/* A rate: a number or decimal string with at most 6 decimals, or null.
 * *offered is false for null or a missing key. */
enum status json_rate(const struct json_where *w, const cJSON *obj, const char *key,
                      rate *out, bool *offered, struct diag *d);
/* An amount in USD: a number or decimal string (at most 12 decimals), which
 * must be >= 0 unless allow_negative. A missing key or null is absent. */
enum status json_money(const struct json_where *w, const cJSON *obj,
                       const char *key, bool allow_negative, money *out,
                       bool *present, struct diag *d);
/* A decimal in [min, max] with at most `decimals` places, scaled. */
enum status json_scaled(const struct json_where *w, const cJSON *obj,
                        const char *key, bool required, int decimals,
                        int64_t min, int64_t max, int64_t *out, bool *present,
                        struct diag *d);

#endif
