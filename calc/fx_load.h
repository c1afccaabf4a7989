/*
 * fx_load: a dated exchange-rate table from CSV (libcsv).
 *
 *   date,currency,rate
 *   2026-01-02,EUR,0.9215
 *
 * One row a line: the date the rate takes effect (YYYY-MM-DD), an ISO 4217
 * code (three capital letters), and the units of that currency one US dollar
 * buys, a decimal > 0 with at most 6 places. The header is required; blank
 * lines and lines starting with '#' are skipped; a UTF-8 BOM and CRLF line
 * ends are accepted. Errors name FILE:LINE and what was expected.
 */
#ifndef BATCHCALC_FX_LOAD_H
#define BATCHCALC_FX_LOAD_H

#include "../models/fx.h"
#include "../models/status.h"

#include <stddef.h>

enum status fx_load_text(const char *text, size_t len, const char *origin,
                         struct fx_table *t, struct diag *d);
enum status fx_load_file(const char *path, struct fx_table *t, struct diag *d);

/* A rate as the command line gives it ("1.52"): > 0, at most 6 decimals. */
bool fx_parse_rate(const char *text, int64_t *micro, const char **why);

/* A currency code: exactly three capital letters. */
bool fx_valid_code(const char *text);

#endif
