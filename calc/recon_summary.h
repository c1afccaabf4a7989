/*
 * recon_summary: the mergeable summary of a reconciliation, what
 * `reconcile --emit-summary` writes and `merge` reads (and writes again), so
 * that shards reconciled apart add up to the figures of one pass.
 *
 * File (one-line JSON; every count an exact integer, written raw so that
 * counts above 2^53 survive; money is never stored, it is priced at report
 * time from the buckets):
 *   {"batchcalc_summary": 1, "lines": N, "malformed_lines": N,
 *    "duplicate_keys": N, "unchecked_keys": N,
 *    "files": [{"name", "format", "batch", "price_date", "lines"}],
 *    "keys": "0a1b...": 16 hex digits per request-key fingerprint,
 *    "errors": {"TYPE": N},
 *    "buckets": [{"job", "model", "batch", "price_date", "long_context",
 *                 "succeeded", "errored", "canceled", "expired", "billed",
 *                 "uncached_input_tokens", "cache_read_tokens",
 *                 "cache_write_5m_tokens", "cache_write_1h_tokens",
 *                 "output_tokens"}]}
 * (an empty "model" or "batch" is left out; "keys" is left out when some
 * keys went unchecked).
 *
 * Invariants: every count is read as a checked integer from 0 to
 * RECON_SUMMARY_MAX (a fraction, an exponent, a negative or larger number is
 * bad input, STATUS_INPUT naming the JSON path), and the run's line counts
 * stay within RECON_SUMMARY_MAX as summaries are added (past it is
 * STATUS_OVERFLOW naming the summary that crossed it), so whatever `merge`
 * adds up it can write as a summary and read back.
 */
#ifndef BATCHCALC_RECON_SUMMARY_H
#define BATCHCALC_RECON_SUMMARY_H

#include "keyset.h"
#include "recon_run.h"

#include <stddef.h>
#include <stdint.h>

/* The largest count a summary holds: a quarter of int64, so that adding a
 * few summaries never wraps before it is checked. */
#define RECON_SUMMARY_MAX (INT64_MAX / 4)

/*
 * Writes run to `path` atomically. keys (may be NULL) adds "keys": the
 * fingerprints of every request key seen, so that merge finds duplicates
 * across shards too. A count past RECON_SUMMARY_MAX is STATUS_OVERFLOW and
 * nothing is written.
 */
enum status recon_summary_write(const char *path, const struct recon_run *run,
                                const struct keyset *keys, struct diag *d);

/* The same as text (one line, no line end; free it with cJSON_free); a
 * count past RECON_SUMMARY_MAX is STATUS_OVERFLOW. */
enum status recon_summary_format(const struct recon_run *run,
                                 const struct keyset *keys, char **text,
                                 struct diag *d);

/* Reads the summary at `path` and adds it to run; its keys go into `keys`
 * (may be NULL), and a key another summary had already counts as a
 * duplicate. */
enum status recon_summary_read(const char *path, struct recon_run *run,
                               struct keyset *keys, struct diag *d);

/* The same from text with a NUL at text[len]; `origin` names it in
 * messages. */
enum status recon_summary_read_text(const char *text, size_t len,
                                    const char *origin, struct recon_run *run,
                                    struct keyset *keys, struct diag *d);

#endif
