/*
 * latency: batch turnaround profiles (models/sla.h) from and to CSV.
 *
 * A profile is a CSV file with a header row and one row per hour of the week
 * in UTC, all 168 of them, each once. Columns are found by name, in any
 * order:
 *   day, hour_utc, median_hours, p95_hours   required
 *   provider            the catalogue provider whose batches it describes
 *                       (anthropic, openai, google), the same on every row
 *   batches             batches created in that hour behind the row
 *   median_low_hours, median_high_hours
 *                       the 95% interval of the median (a calibrated
 *                       profile's; both or neither, per row)
 * day is mon..sun, hour_utc 0..23, median_hours > 0, p95_hours > median_hours
 * (hours from 0.001 to 1000; interval ends from 0.0001), batches a whole
 * number >= 0. Lines starting with '#' are comments; a UTF-8 BOM and CRLF are
 * fine. The expiry cap is not in the file: it is the provider's, from the
 * price catalogue's batch_limits.
 *
 * Errors name FILE:LINE:COLUMN and what was expected.
 */
#ifndef BATCHCALC_LATENCY_H
#define BATCHCALC_LATENCY_H

#include "../models/sla.h"
#include "../models/status.h"

#include <stdio.h>

#define LATENCY_BUILTIN_ORIGIN "built-in data/latency/anthropic.csv"
#define LATENCY_BUILTIN_PROVIDER "anthropic"

/* Fills every bucket, batch count, interval and the provider of p (not its
 * expiry). */
enum status latency_load_text(const char *text, size_t len, const char *origin,
                              struct sla_profile *p, struct diag *d);
enum status latency_load_file(const char *path, struct sla_profile *p,
                              struct diag *d);
/* The default Anthropic profile, compiled in (data/latency/anthropic.csv):
 * the only built-in one (nothing published supports one for another
 * provider). */
enum status latency_load_builtin(struct sla_profile *p, struct diag *d);

/* Writes p in the format above (provider when named, intervals when every
 * hour has one); `comment` (lines without '#') heads it. Figures are
 * written to 4 decimals, kept valid after rounding (p95 above the median,
 * the interval around it). */
void latency_write(FILE *out, const struct sla_profile *p, const char *comment);

/* Hours to 4 decimals with trailing zeros dropped: "0.75", "12". */
const char *latency_hours_text(double h, char buf[32]);

/* "mon".."sun" for 0..6. */
const char *latency_day_name(int day);
/* Parses "mon".."sun" (any case) to 0..6; -1 when it is none of them. */
int latency_day_parse(const char *text);

#endif
