/*
 * recon_read: reads batch results files into a struct recon_run, the one
 * reading path of `reconcile` and `report --results`.
 *
 * Reading is the whole cost, so it streams: each file is read in blocks into
 * a buffer that holds at least one line, and every line is validated and
 * picked apart in one pass by models/recon.c (jscan) without building a tree.
 * A plain regular file is split into byte ranges at line boundaries, one
 * thread a range, each with its own totals (struct recon) that are merged
 * exactly afterwards; a line belongs to the range its first byte lies in.
 * Memory is flat: one block buffer per thread (grown only for a longer line),
 * the caller's duplicate-key set (keyset.h) and at most RECON_MAX_BUCKETS
 * totals.
 *
 * Invariants: a batch is priced on its created date (--batches), otherwise on
 * ro->as_of; with a period (ro->period.has) every file's batch must be
 * dated, and files of batches created outside it are listed, not read.
 * Malformed lines are warned about (cli_warn, FILE:LINE:COLUMN) and skipped,
 * unless `strict`; a file of nothing but malformed lines is an error. Only
 * warnings and a progress line (stderr a terminal) are printed here. The
 * pricing is only asked which model a line names (for its long-context
 * cliff), read-only, so every thread may ask it; pricing the run is
 * recon_figures.h's.
 */
#ifndef BATCHCALC_RECON_READ_H
#define BATCHCALC_RECON_READ_H

#include "keyset.h"
#include "recon_run.h"
#include "../models/pricing.h"

#include <stdbool.h>

#define RECON_READ_MAX_THREADS 8

/* How to read the files; NULL or 0 fields take the defaults. */
struct recon_read_options {
	const char *batch_id;    /* every file's batch; NULL: from the file name */
	const char *batches;     /* META.json: created dates and counts to check */
	const char *model;       /* model of lines that name none (Bedrock, Gemini) */
	const char *job_pattern; /* POSIX ERE: job = its first group in the key */
	bool strict;             /* stop at the first malformed line */
	int threads;             /* per file, 1..RECON_READ_MAX_THREADS; 0: CPUs */
	bool split_small;        /* split even a small file (tests of threads) */
	date_days as_of;         /* the price date of a file of no known batch */
	struct recon_period period; /* only batches created in it are read */
};

/* The batch a file belongs to: batch_id when given (--batch-id), else the id
 * in its name (msgbatch_..., batch_...), else "". */
void recon_read_batch_of(const char *path, const char *batch_id, char *buf,
                         size_t size);

/*
 * Reads paths[0..count-1] ("-": standard input) into run, which this
 * initialises (release it with recon_run_release whatever the result), and
 * adds the checksums of --batches and of Bedrock manifests beside the files.
 * Every request key goes into `keys` (duplicates are counted; marked keys
 * need no retry). A bad --job-pattern or an undated batch with a period is
 * STATUS_USAGE; an unreadable or wrong file STATUS_INPUT naming it.
 */
enum status recon_read(const struct pricing *pr, const char *const *paths,
                       int count, const struct recon_read_options *ro,
                       struct keyset *keys, struct recon_run *run,
                       struct diag *d);

#endif
