/*
 * prices_view: the catalogue's figures in words and JSON, shared by the
 * `prices` subcommands (cmd_prices.c), and `prices check`.
 */
#ifndef BATCHCALC_PRICES_VIEW_H
#define BATCHCALC_PRICES_VIEW_H

#include "cli.h"

#include <stddef.h>

/* key: ["P", "G"]: the confidence labels (CONFIDENCE_LABELS bits). */
void prices_json_labels(cJSON *o, const char *key, unsigned labels);
/* key: ["cache_read", ...]: a set of token classes (bits). */
void prices_json_classes(cJSON *o, const char *key, unsigned classes);
/* key: "YYYY-MM-DD", or null for DATE_OPEN_END. */
void prices_json_date(cJSON *o, const char *key, date_days day);
/* A class list as text: "cache_read, cache_write_1h" ("" for none). */
const char *prices_classes_text(unsigned classes, char *buf, size_t size);

/*
 * `prices check`: the catalogue's age on `day` against max_age days, and
 * the models whose entry in force rests on third parties or unverified
 * figures, as a table or JSON on ctx->out. Past max_age (or undated) it
 * warns and gives STATUS_THRESHOLD after writing.
 */
enum status prices_check(struct cli *ctx, date_days day, int64_t max_age,
                         enum format format, struct diag *d);

#endif
