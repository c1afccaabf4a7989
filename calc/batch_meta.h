/*
 * batch_meta: batch objects from --batches META.json, and the Bedrock
 * manifest.json.out beside a results file: what the provider says a batch
 * held, to check the summed result lines against.
 *
 * META.json is one batch object, a JSON array of them, or a list response
 * ({"data": [...]}), from either provider:
 * - Anthropic (id "msgbatch_..."): created_at RFC 3339, request_counts
 *   {processing, succeeded, errored, canceled, expired};
 * - OpenAI (id "batch_..."): created_at Unix seconds, request_counts
 *   {total, completed, failed}, and `usage` {input_tokens (cached included),
 *   output_tokens} on batches after 2025-09-07.
 */
#ifndef BATCHCALC_BATCH_META_H
#define BATCHCALC_BATCH_META_H

#include "../models/date.h"
#include "../models/status.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One figure the provider states, and the name it goes by. */
struct batch_figure {
	const char *name;  /* "request_counts.succeeded", "usage.input_tokens" */
	int64_t value;
};

#define BATCH_FIGURES 8

struct batch_meta {
	char *id;
	char *status;        /* processing_status or status */
	date_days created;   /* UTC day of created_at */
	bool has_ended;
	date_days ended;     /* UTC day it ended (ended_at, completed_at, ...) */
	struct batch_figure figures[BATCH_FIGURES];
	int figure_count;
};

struct batch_meta_list {
	struct batch_meta *items;
	size_t count;
};

enum status batch_meta_load(const char *path, struct batch_meta_list *out,
                            struct diag *d);
/* The same from text (NUL at text[len]); origin names it in errors. */
enum status batch_meta_load_text(const char *text, size_t len, const char *origin,
                                 struct batch_meta_list *out, struct diag *d);
const struct batch_meta *batch_meta_find(const struct batch_meta_list *l,
                                         const char *id);
void batch_meta_release(struct batch_meta_list *l);

/* Bedrock's manifest.json.out, as figures named after its keys. */
enum status bedrock_manifest_load(const char *path, struct batch_meta *out,
                                  struct diag *d);

#endif
