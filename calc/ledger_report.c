#include "ledger_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The label a figure's batch gets in a report: an adjustment says so. */
static void batch_label(const struct ledger_entry *e, char *buf, size_t size)
{
	char made[DATE_TEXT_SIZE];

	if (!e->adjustment) {
		snprintf(buf, size, "%s", e->batch);
		return;
	}
	date_format(e->booked, made);
	snprintf(buf, size, "%s (adjustment %s)", e->batch, made);
}

/* recon_run_add_check keeps a figure's name by pointer: the names the
 * checks can have (calc/recon_read.c), as static strings. */
static const char *check_figure(const char *name)
{
	static const char *const known[] = {
		"request_counts.processing", "request_counts.succeeded",
		"request_counts.errored", "request_counts.canceled", "request_counts.expired",
		"request_counts.total", "request_counts.completed", "request_counts.failed",
		"usage.input_tokens", "usage.output_tokens", "totalRecordCount",
		"processedRecordCount", "successRecordCount", "errorRecordCount",
		"inputTokenCount", "outputTokenCount"};

	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i], name) == 0)
			return known[i];
	return "(a figure this batchcalc does not know)";
}

enum status ledger_report_run(const struct ledger_view *v, date_days since,
                              date_days until, struct recon_run *run,
                              struct diag *d)
{
	enum status st = STATUS_OK;

	memset(run, 0, sizeof *run);
	recon_init(&run->r);
	for (size_t i = 0; i < v->entry_count && st == STATUS_OK; i++) {
		const struct ledger_entry *e = &v->entries[i];
		char label[256], name[256], made[DATE_TEXT_SIZE];
		if (e->booked < since || e->booked > until)
			continue;
		batch_label(e, label, sizeof label);
		if (!e->adjustment) {
			for (size_t k = 0; k < e->file_count && st == STATUS_OK; k++)
				st = recon_run_add_file(run, e->files[k].name, e->files[k].format,
				                        label, e->created, e->files[k].lines, d);
		} else {
			date_format(e->booked, made);
			snprintf(name, sizeof name, "adjustment of %s made %s", e->batch, made);
			st = recon_run_add_file(run, name, "adjustment", label, e->created,
			                        e->lines, d);
		}
		run->r.lines += e->lines;
		run->r.malformed += e->malformed;
		run->r.duplicates += e->duplicates;
		for (size_t k = 0; k < e->error_count && st == STATUS_OK; k++)
			st = recon_add_error(&run->r, e->errors[k].type, e->errors[k].requests, d);
		for (size_t k = 0; k < e->check_count && st == STATUS_OK; k++)
			st = recon_run_add_check(run, e->checks[k].subject,
			                         check_figure(e->checks[k].figure),
			                         e->checks[k].stated, e->checks[k].found, d);
	}
	for (size_t i = 0; i < v->figure_count && st == STATUS_OK; i++) {
		const struct ledger_figure *g = &v->figures[i];
		const struct ledger_entry *e = &v->entries[g->entry_index];
		struct recon_bucket b;
		char label[256];
		if (g->booked < since || g->booked > until)
			continue;
		batch_label(e, label, sizeof label);
		memset(&b, 0, sizeof b);
		b.job = g->job;
		b.model = g->model;
		b.batch = label;
		b.day = g->booked;
		b.long_context = g->long_context;
		memcpy(b.outcomes, g->outcomes, sizeof b.outcomes);
		b.billed = g->billed;
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
			b.tokens.n[c] = g->classes[c].tokens;
		b.costed = true;
		b.batch_cost = g->batch_cost;
		b.sync_cost = g->sync_cost;
		st = recon_add(&run->r, &b, d);
	}
	return st;
}

enum status ledger_report_stamp(struct cli *ctx, const struct ledger_view *v,
                                struct diag *d)
{
	const struct ledger_entry *first = v->entry_count ? &v->entries[0] : NULL;
	bool one = first != NULL;

	for (size_t i = 1; one && i < v->entry_count; i++)
		one = strcmp(v->entries[i].catalogue_sha256, first->catalogue_sha256) == 0 &&
		      strcmp(v->entries[i].catalogue_version, first->catalogue_version) == 0 &&
		      !v->entries[i].overlay_origin == !first->overlay_origin &&
		      (!first->overlay_origin ||
		       strcmp(v->entries[i].overlay_sha256, first->overlay_sha256) == 0);
	memset(&ctx->pricing.catalogue, 0, sizeof ctx->pricing.catalogue);
	ctx->pricing.have_catalogue = true;
	ctx->pricing.catalogue.version = strdup(one ? first->catalogue_version
	                                : first ? "recorded with each batch" : "none");
	ctx->pricing.catalogue.origin = strdup(one ? first->catalogue_origin
	                               : first ? "the ledger" : "no entries");
	snprintf(ctx->pricing.catalogue.checksum, sizeof ctx->pricing.catalogue.checksum, "%s",
	         one ? first->catalogue_sha256 : "-");
	if (!ctx->pricing.catalogue.version || !ctx->pricing.catalogue.origin)
		return diag_set(d, STATUS_IO, "out of memory");
	/* The overlay the batches were priced with, named as when it was used. */
	if (one && first->overlay_origin) {
		struct catalogue *c = &ctx->pricing.catalogue;
		if (!(c->overlay_origin = strdup(first->overlay_origin)) ||
		    !(c->overlay_version = strdup(first->overlay_version)))
			return diag_set(d, STATUS_IO, "out of memory");
		snprintf(c->overlay_checksum, sizeof c->overlay_checksum, "%s",
		         first->overlay_sha256);
	}
	return STATUS_OK;
}

size_t ledger_report_months(const struct ledger_view *v, int *months, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < v->entry_count; i++) {
		int y, m, dd, key;
		size_t k = 0;
		date_to_civil(v->entries[i].booked, &y, &m, &dd);
		key = y * 12 + m - 1;
		while (k < n && months[k] < key)
			k++;
		if ((k < n && months[k] == key) || n == max)
			continue;
		memmove(&months[k + 1], &months[k], (n - k) * sizeof *months);
		months[k] = key;
		n++;
	}
	return n;
}
