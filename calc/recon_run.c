#include "recon_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool recon_period_contains(const struct recon_period *p, date_days day)
{
	return !p->has || (day >= p->since && day <= p->until);
}

const char *recon_period_text(const struct recon_period *p, char buf[64])
{
	char from[DATE_TEXT_SIZE] = "", to[DATE_TEXT_SIZE] = "";
	bool open_start = p->since == INT32_MIN, open_end = p->until == DATE_OPEN_END;

	/* An open end is a sentinel, not a day: never format it. */
	if (!open_start)
		date_format(p->since, from);
	if (!open_end)
		date_format(p->until, to);
	snprintf(buf, 64, "%s%s%s%s%s", open_start ? "" : "from ", open_start ? "" : from,
	         !open_start && !open_end ? " " : "", open_end ? "" : "to ",
	         open_end ? "" : to);
	return buf;
}

void recon_run_init(struct recon_run *run)
{
	memset(run, 0, sizeof *run);
	recon_init(&run->r);
}

static enum status file_append(struct recon_file **files, size_t *count,
                               const char *name, const char *format,
                               const char *batch, date_days day, int64_t lines,
                               struct diag *d)
{
	struct recon_file *more = realloc(*files, (*count + 1) * sizeof *more);
	struct recon_file *f;

	if (!more)
		return diag_set(d, STATUS_IO, "out of memory");
	*files = more;
	f = &more[*count];
	memset(f, 0, sizeof *f);
	f->name = strdup(name);
	f->format = strdup(format);
	f->batch = strdup(batch);
	f->day = day;
	f->lines = lines;
	if (!f->name || !f->format || !f->batch) {
		free(f->name);
		free(f->format);
		free(f->batch);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	(*count)++;
	return STATUS_OK;
}

enum status recon_run_add_file(struct recon_run *run, const char *name,
                               const char *format, const char *batch,
                               date_days day, int64_t lines, struct diag *d)
{
	return file_append(&run->files, &run->file_count, name, format, batch, day,
	                   lines, d);
}

enum status recon_run_add_outside(struct recon_run *run, const char *name,
                                  const char *batch, date_days day,
                                  struct diag *d)
{
	return file_append(&run->outside, &run->outside_count, name, "not read",
	                   batch, day, 0, d);
}

static void files_release(struct recon_file *files, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		free(files[i].name);
		free(files[i].format);
		free(files[i].batch);
		free(files[i].manifest);
	}
	free(files);
}

void recon_run_release(struct recon_run *run)
{
	files_release(run->files, run->file_count);
	files_release(run->outside, run->outside_count);
	for (size_t i = 0; i < run->check_count; i++)
		free(run->checks[i].subject);
	free(run->checks);
	recon_release(&run->r);
	memset(run, 0, sizeof *run);
}

enum status recon_run_add_check(struct recon_run *run, const char *subject,
                                const char *figure, int64_t stated, int64_t found,
                                struct diag *d)
{
	struct recon_check *more = realloc(run->checks,
	                                   (run->check_count + 1) * sizeof *more);

	if (!more)
		return diag_set(d, STATUS_IO, "out of memory");
	run->checks = more;
	more[run->check_count].subject = strdup(subject);
	if (!more[run->check_count].subject)
		return diag_set(d, STATUS_IO, "out of memory");
	more[run->check_count].figure = figure;
	more[run->check_count].stated = stated;
	more[run->check_count++].found = found;
	return STATUS_OK;
}


/* The classes reconciliation has words for, in the order it shows them. */
static const struct {
	enum token_class c;
	const char *key, *words, *header;
} token_names[] = {
	{TOKEN_INPUT, "uncached_input_tokens", "uncached input", "uncached in"},
	{TOKEN_CACHE_READ, "cache_read_tokens", "cache read", "cache read"},
	{TOKEN_CACHE_WRITE_5M, "cache_write_5m_tokens", "cache write 5m", "cache w 5m"},
	{TOKEN_CACHE_WRITE_1H, "cache_write_1h_tokens", "cache write 1h", "cache w 1h"},
	{TOKEN_CACHE_WRITE_30M, "cache_write_30m_tokens", "cache write 30m", "cache w 30m"},
	{TOKEN_CACHE_WRITE_12H, "cache_write_12h_tokens", "cache write 12h", "cache w 12h"},
	{TOKEN_OUTPUT, "output_tokens", "output", "output"},
};

#define TOKEN_NAMES (sizeof token_names / sizeof token_names[0])
_Static_assert(TOKEN_NAMES <= TOKEN_CLASS_COUNT, "a class named twice");

static int token_named(enum token_class c)
{
	for (size_t i = 0; i < TOKEN_NAMES; i++)
		if (token_names[i].c == c)
			return (int)i;
	return -1;
}

int recon_token_order(enum token_class order[TOKEN_CLASS_COUNT])
{
	int n = 0;

	for (size_t i = 0; i < TOKEN_NAMES; i++)
		order[n++] = token_names[i].c;
	for (int c = 0; c < TOKEN_CLASS_COUNT && n < TOKEN_CLASS_COUNT; c++)
		if (token_named((enum token_class)c) < 0)
			order[n++] = (enum token_class)c;
	return n;
}

const char *recon_token_key(enum token_class c, char buf[64])
{
	int i = token_named(c);

	if (i >= 0)
		return token_names[i].key;
	snprintf(buf, 64, "%s_tokens", token_class_name(c));
	return buf;
}

const char *recon_token_words(enum token_class c, char buf[64])
{
	int i = token_named(c);

	if (i >= 0)
		return token_names[i].words;
	snprintf(buf, 64, "%s", token_class_name(c));
	return buf;
}

const char *recon_token_header(enum token_class c, char buf[64])
{
	int i = token_named(c);

	if (i >= 0)
		return token_names[i].header;
	snprintf(buf, 64, "%s", token_class_name(c));
	return buf;
}

int recon_token_shown(const struct token_counts *used,
                      enum token_class order[TOKEN_CLASS_COUNT])
{
	enum token_class all[TOKEN_CLASS_COUNT];
	int n = 0, count = recon_token_order(all);

	for (int k = 0; k < count; k++)
		if (token_class_always_shown(all[k]) || used->n[all[k]])
			order[n++] = all[k];
	return n;
}

bool recon_token_in_every_summary(enum token_class c)
{
	return token_named(c) >= 0 && token_class_always_shown(c);
}
