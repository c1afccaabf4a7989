/*
 * latency: batch turnaround profiles (models/sla.h) from and to CSV.
 *
 * A profile is a CSV file with a header row and one row per hour of the week
 * in UTC, all 168 of them, each once:
 *   day,hour_utc,median_hours,p95_hours[,batches]
 *   mon,0,0.75,3
 * day is mon..sun, hour_utc 0..23, median_hours > 0, p95_hours > median_hours
 * (both at most 1000), batches (optional) how many observed batches informed
 * the row. Lines starting with '#' are comments; a UTF-8 BOM and CRLF are
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

/* Fills every bucket and batch count of p (not its expiry). */
enum status latency_load_text(const char *text, size_t len, const char *origin,
                              struct sla_profile *p, struct diag *d);
enum status latency_load_file(const char *path, struct sla_profile *p,
                              struct diag *d);
/* The default Anthropic profile, compiled in (data/latency/anthropic.csv). */
enum status latency_load_builtin(struct sla_profile *p, struct diag *d);

/* Writes p in the format above; `comment` (lines without '#') heads it. */
void latency_write(FILE *out, const struct sla_profile *p, const char *comment);

/* Hours to 4 decimals with trailing zeros dropped: "0.75", "12". */
const char *latency_hours_text(double h, char buf[32]);

/* "mon".."sun" for 0..6. */
const char *latency_day_name(int day);
/* Parses "mon".."sun" (any case) to 0..6; -1 when it is none of them. */
int latency_day_parse(const char *text);

#endif
