#include "recon_read.h"

#include "batch_meta.h"
#include "cli.h"
#include "../models/recon.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define BLOCK_SIZE (1u << 20)           /* read size, and the first buffer size */
#define MAX_LINE (64u << 20)            /* a longer line is reported, not held */
#define MIN_SPLIT ((off_t)4 << 20)      /* smaller files are read by one thread */
#define MAX_NOTES 20                    /* malformed lines reported per thread */
#define MODEL_CACHE 16

/* What every thread reads and nothing writes while they run. */
struct shared {
	const struct pricing *pr;
	struct keyset *keys;
	const regex_t *job_pattern;
	const char *default_model;
	bool strict;
	bool progress; /* stderr is a terminal: say how far the first range got */
};

struct note {
	int64_t line; /* within the thread's range, from 1 */
	size_t column;
	char text[256];
};

struct model_memo {
	char name[128];
	/* Served by a successor after a retirement: its price and window. */
	const struct price_entry *price; /* NULL: unknown model, or no price */
	const struct model *model;       /* NULL: not in the catalogue */
};

struct worker {
	const struct shared *sh;
	const char *batch;
	date_days day;
	/* the input: a byte range of fd, or a zlib stream */
	int fd;
	off_t start, end;
	gzFile gz;
	/* the results */
	struct recon r;
	struct recon_parser parser;
	int64_t line_count; /* physical lines read in the range */
	int64_t first_of[RECON_PROVIDER_COUNT]; /* first line of each provider, 0: none */
	uint64_t pending_key; /* prefetched, inserted with the next line (0: none) */
	bool pending_mark;    /* ... and marked as needing no retry */
	int64_t not_retried;  /* non-retryable failures */
	struct { char key[128]; char type[64]; } skipped[RETRY_LISTED];
	int skipped_count;
	int64_t unchecked;
	struct note notes[MAX_NOTES];
	int note_count;
	enum status st;
	struct diag d;
	struct model_memo memo[MODEL_CACHE];
	int memo_count;
	const char *path;  /* for progress */
	bool progress;     /* this worker reports it (the first of a file) */
};

/* What a line needs of its model, memoised per worker: the price the
 * bucket is priced at (routed to a successor after a retirement) and the
 * model that serves it, whose context window bounds the request. */
static struct model_memo model_facts(struct worker *w, const char *model)
{
	const struct catalogue *cat = &w->sh->pr->catalogue;
	struct model_memo facts;
	enum model_match how;

	for (int i = 0; i < w->memo_count; i++)
		if (strcmp(w->memo[i].name, model) == 0)
			return w->memo[i];
	/* Read-only catalogue lookups: safe from every thread. */
	snprintf(facts.name, sizeof facts.name, "%s", model);
	facts.model = catalogue_route(cat, catalogue_find_model(cat, model, &how), w->day);
	facts.price = facts.model ? model_price_on(facts.model, w->day) : NULL;
	if (w->memo_count < MODEL_CACHE)
		w->memo[w->memo_count++] = facts;
	return facts;
}

static void note_malformed(struct worker *w, int64_t line, size_t column,
                           const char *text)
{
	w->r.malformed++;
	if (w->note_count < MAX_NOTES) {
		struct note *n = &w->notes[w->note_count++];
		n->line = line;
		n->column = column;
		snprintf(n->text, sizeof n->text, "%s", text);
	}
}

static void job_of(const struct shared *sh, const char *key, char *buf, size_t size)
{
	regmatch_t m[2];

	if (!sh->job_pattern) {
		recon_job_of(key, buf, size);
		return;
	}
	if (regexec(sh->job_pattern, key, 2, m, 0) != 0) {
		snprintf(buf, size, "(unmatched)");
		return;
	}
	if (m[1].rm_so < 0)
		m[1] = m[0]; /* no group: the whole match */
	snprintf(buf, size, "%.*s", (int)(m[1].rm_eo - m[1].rm_so), key + m[1].rm_so);
}

/* A captured string or number as text; `fallback` when absent. */
static void value_text(const struct jscan_value *v, const char *fallback,
                       char *buf, size_t size)
{
	if (v->kind == JSCAN_STRING && jscan_string(v, buf, size) >= 0)
		return;
	if (v->kind == JSCAN_NUMBER && v->len < size) {
		memcpy(buf, v->start, v->len);
		buf[v->len] = '\0';
		return;
	}
	snprintf(buf, size, "%s", fallback);
}

/* Inserts the previous line's key, whose slot is in the cache by now, and
 * prefetches this one's (0 flushes). Counts are the same in any order. */
static void check_key(struct worker *w, uint64_t fingerprint, bool mark)
{
	if (w->pending_key) {
		switch (keyset_insert(w->sh->keys, w->pending_key, w->pending_mark)) {
		case KEYSET_SEEN: w->r.duplicates++; break;
		case KEYSET_FULL: w->unchecked++; break;
		case KEYSET_NEW: break;
		}
	}
	if (fingerprint)
		keyset_prefetch(w->sh->keys, fingerprint);
	w->pending_key = fingerprint;
	w->pending_mark = mark;
}

/* One line, [line, end) without its '\n'. Returns false to stop the range. */
static bool take_line(struct worker *w, const char *line, const char *end,
                      int64_t number, bool last_unterminated)
{
	struct recon_line l;
	struct jscan_error err;
	struct recon_bucket delta;
	char key[512], job[256], model[256], error_type[128];
	const char *p = line;
	const struct price_entry *price = NULL;
	bool retry;

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	if (p == end)
		return true; /* a blank line holds no result */
	w->r.lines++;
	if (!recon_parse_line(&w->parser, line, end, &l, &err)) {
		char text[160];
		snprintf(text, sizeof text, "%sexpected %s",
		         last_unterminated && err.offset >= (size_t)(end - line)
		         ? "truncated last line: " : "", err.expected);
		note_malformed(w, number, err.offset + 1, text);
		return !w->sh->strict;
	}
	if (!w->r.provider_lines[l.provider]++)
		w->first_of[l.provider] = number;
	if (jscan_string(&l.key, key, sizeof key) < 0) {
		note_malformed(w, number, 1, "expected a request key of at most 511 bytes");
		return !w->sh->strict;
	}
	if (l.outcome != RECON_SUCCEEDED)
		value_text(&l.error_type, recon_outcome_name(l.outcome), error_type,
		           sizeof error_type);
	/* Marked: needs no retry (succeeded, or a failure that would repeat). */
	retry = l.outcome == RECON_CANCELED || l.outcome == RECON_EXPIRED ||
	        (l.outcome == RECON_ERRORED && recon_retryable(error_type));
	if (l.outcome == RECON_ERRORED && !retry) {
		if (w->skipped_count < RETRY_LISTED) {
			snprintf(w->skipped[w->skipped_count].key, 128, "%s", key);
			snprintf(w->skipped[w->skipped_count++].type, 64, "%s", error_type);
		}
		w->not_retried++;
	}
	check_key(w, keyset_hash(key, strlen(key)), !retry);
	job_of(w->sh, key, job, sizeof job);
	value_text(&l.model, l.billed && w->sh->default_model ? w->sh->default_model : "",
	           model, sizeof model);
	if (l.billed && !*model) {
		note_malformed(w, number, 1, "expected the model of a succeeded request "
		               "(or give --model)");
		return !w->sh->strict;
	}
	if (l.billed) {
		/* More tokens than the model's context window holds is not a
		 * request but corrupt data: never priced (cost_request_fits). */
		struct model_memo facts = model_facts(w, model);
		struct diag why;
		if (cost_request_fits(facts.model, model, &l.tokens, &why)) {
			note_malformed(w, number, 1, why.text);
			return !w->sh->strict;
		}
		price = facts.price;
	}
	memset(&delta, 0, sizeof delta);
	delta.job = job;
	delta.model = model;
	delta.batch = (char *)w->batch;
	delta.day = w->day;
	delta.outcomes[l.outcome] = 1;
	if (l.billed) {
		delta.billed = 1;
		delta.tokens = l.tokens;
		/* The cliff is per request: decide the tier on this line, never on a sum. */
		delta.long_context = price && cost_is_long_context(price, &l.tokens);
	}
	if ((w->st = recon_add(&w->r, &delta, &w->d)))
		return false;
	if (l.outcome != RECON_SUCCEEDED &&
	    (w->st = recon_add_error(&w->r, error_type, 1, &w->d)))
		return false;
	return true;
}

static long read_some(struct worker *w, char *buf, size_t n, off_t pos)
{
	if (w->gz) {
		int got = gzread(w->gz, buf, (unsigned)(n > INT32_MAX ? INT32_MAX : n));
		return got;
	}
	for (;;) {
		ssize_t got = pread(w->fd, buf, n, pos);
		if (got >= 0 || errno != EINTR)
			return (long)got;
	}
}

static void *worker_run(void *arg)
{
	struct worker *w = arg;
	size_t cap = BLOCK_SIZE, have = 0;
	char *buf = malloc(cap);
	/* pos: file offset of buf[0]; a range after the first starts one byte
	 * early, so that a line starting exactly at `start` is seen whole. */
	off_t pos = w->start > 0 ? w->start - 1 : 0;
	bool skip_first = w->start > 0, eof = false;

	if (!buf) {
		w->st = diag_set(&w->d, STATUS_IO, "out of memory");
		return NULL;
	}
	while (!eof) {
		size_t used = 0;
		long got = read_some(w, buf + have, cap - have, pos + (off_t)have);
		char *nl;

		if (got < 0) {
			w->st = diag_set(&w->d, STATUS_INPUT, "cannot read: %s",
			                 w->gz ? "corrupt compressed data" : strerror(errno));
			break;
		}
		eof = got == 0;
		have += (size_t)got;
		while ((nl = memchr(buf + used, '\n', have - used)) ||
		       (eof && used < have)) {
			char *line = buf + used, *line_end = nl ? nl : buf + have;
			off_t line_start = pos + (off_t)used;

			used = nl ? (size_t)(nl - buf) + 1 : have;
			if (skip_first) {
				skip_first = false;
				continue;
			}
			if (line_start >= w->end) {
				eof = true;
				used = have;
				break;
			}
			w->line_count++;
			if (!take_line(w, line, line_end, w->line_count, !nl)) {
				eof = true;
				used = have;
				break;
			}
		}
		if (eof)
			break;
		memmove(buf, buf + used, have - used);
		if (w->progress && (pos + (off_t)used) >> 26 != pos >> 26)
			fprintf(stderr, "\rbatchcalc: %s: %lld MB", w->path,
			        (long long)((pos + (off_t)used - w->start) / 1000000));
		pos += (off_t)used;
		have -= used;
		if (have == cap) {
			/* One line fills the buffer: grow it, up to MAX_LINE. */
			char *bigger = cap < MAX_LINE ? realloc(buf, cap * 2) : NULL;
			if (!bigger) {
				w->st = diag_set(&w->d, cap < MAX_LINE ? STATUS_IO : STATUS_INPUT,
				                 cap < MAX_LINE ? "out of memory"
				                 : "a line longer than 64 MiB");
				break;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	check_key(w, 0, false);
	free(buf);
	return NULL;
}

/* The batch id in a results file's name: msgbatch_... (Anthropic) or batch_... */
static void batch_from_name(const char *name, char *buf, size_t size)
{
	const char *p = strstr(name, "msgbatch_");
	size_t n = 0;

	if (!p)
		p = strstr(name, "batch_");
	if (p) {
		size_t prefix = (size_t)(strchr(p, '_') - p) + 1;
		n = prefix;
		while (p[n] && (p[n] == '-' || (p[n] >= '0' && p[n] <= '9') ||
		                (p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z')))
			n++;
		if (n == prefix)
			n = 0; /* "batch_" alone names nothing */
	}
	if (n >= size)
		n = size - 1;
	memcpy(buf, p ? p : "", n);
	buf[n] = '\0';
}

void recon_read_batch_of(const char *path, const char *batch_id, char *buf,
                         size_t size)
{
	if (batch_id)
		snprintf(buf, size, "%s", batch_id);
	else
		batch_from_name(path, buf, size);
}

static const char *format_of(const struct recon *r)
{
	const char *name = "empty";
	int kinds = 0;

	for (int p = 0; p < RECON_PROVIDER_COUNT; p++)
		if (r->provider_lines[p]) {
			kinds++;
			name = recon_provider_name((enum recon_provider)p);
		}
	return kinds > 1 ? "mixed" : name;
}

/* A Bedrock output "DIR/x.jsonl.out" may have DIR/manifest.json.out beside it. */
static char *manifest_beside(const char *path)
{
	size_t n = strlen(path), dir;
	const char *slash = strrchr(path, '/');
	char *m;

	if (n < 10 || strcmp(path + n - 10, ".jsonl.out") != 0)
		return NULL;
	dir = slash ? (size_t)(slash - path) + 1 : 0;
	if (!(m = malloc(dir + sizeof "manifest.json.out")))
		return NULL;
	memcpy(m, path, dir);
	memcpy(m + dir, "manifest.json.out", sizeof "manifest.json.out");
	if (access(m, R_OK) != 0) {
		free(m);
		return NULL;
	}
	return m;
}

static enum status keep_file_totals(struct recon_file *f, const struct recon *r,
                                    struct diag *d)
{
	for (size_t i = 0; i < r->count; i++) {
		const struct recon_bucket *b = &r->buckets[i];
		for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
			f->outcomes[o] += b->outcomes[o];
		f->input_tokens += token_counts_input_total(&b->tokens);
		f->output_tokens += b->tokens.n[TOKEN_OUTPUT];
	}
	f->manifest = manifest_beside(f->name);
	(void)d;
	return STATUS_OK;
}

/* The figure the lines give for a name a batch object or manifest uses. */
static bool found_figure(const char *name, const int64_t outcomes[], int64_t input,
                         int64_t output, int64_t *out)
{
	static const struct { const char *name; int which; } map[] = {
		{"request_counts.processing", -1},
		{"request_counts.succeeded", RECON_SUCCEEDED},
		{"request_counts.errored", RECON_ERRORED},
		{"request_counts.canceled", RECON_CANCELED},
		{"request_counts.expired", RECON_EXPIRED},
		{"request_counts.completed", RECON_SUCCEEDED},
		/* OpenAI's failed: requests that ran and failed (uncertain whether
		 * it counts expired ones; a difference will show it). */
		{"request_counts.failed", RECON_ERRORED},
		{"successRecordCount", RECON_SUCCEEDED},
		{"errorRecordCount", RECON_ERRORED},
		{"request_counts.total", 10}, {"totalRecordCount", 10},
		{"processedRecordCount", 10},
		{"usage.input_tokens", 11}, {"inputTokenCount", 11},
		{"usage.output_tokens", 12}, {"outputTokenCount", 12},
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		if (strcmp(map[i].name, name) != 0)
			continue;
		switch (map[i].which) {
		case -1: *out = 0; break;
		case 10: *out = outcomes[0] + outcomes[1] + outcomes[2] + outcomes[3]; break;
		case 11: *out = input; break;
		case 12: *out = output; break;
		default: *out = outcomes[map[i].which]; break;
		}
		return true;
	}
	return false;
}

/* Sums the files whose batch (by_manifest: manifest) is `subject`. */
static enum status check_subject(struct recon_run *run, const char *subject,
                                 bool by_manifest, const struct batch_meta *stated,
                                 struct diag *d)
{
	int64_t outcomes[RECON_OUTCOME_COUNT] = {0}, input = 0, output = 0, found;
	enum status st = STATUS_OK;

	for (size_t i = 0; i < run->file_count; i++) {
		const struct recon_file *f = &run->files[i];
		const char *key = by_manifest ? f->manifest : f->batch;
		if (!key || strcmp(key, subject) != 0)
			continue;
		for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
			outcomes[o] += f->outcomes[o];
		input += f->input_tokens;
		output += f->output_tokens;
	}
	for (int k = 0; k < stated->figure_count && st == STATUS_OK; k++) {
		const struct batch_figure *fig = &stated->figures[k];
		if (!found_figure(fig->name, outcomes, input, output, &found))
			continue;
		if (found != fig->value)
			cli_warn("%s: %s is %" PRId64 " but the lines give %" PRId64, subject,
			         fig->name, fig->value, found);
		st = recon_run_add_check(run, subject, fig->name, fig->value, found, d);
	}
	return st;
}

static enum status run_checks(struct recon_run *run, const struct batch_meta_list *meta,
                              struct diag *d)
{
	enum status st = STATUS_OK;

	for (size_t i = 0; i < meta->count && st == STATUS_OK; i++) {
		bool used = false;
		for (size_t k = 0; k < run->file_count; k++)
			used = used || strcmp(run->files[k].batch, meta->items[i].id) == 0;
		if (used)
			st = check_subject(run, meta->items[i].id, false, &meta->items[i], d);
	}
	for (size_t i = 0; i < run->file_count && st == STATUS_OK; i++) {
		struct batch_meta manifest;
		bool first = run->files[i].manifest != NULL;
		for (size_t k = 0; first && k < i; k++)
			first = !run->files[k].manifest ||
			        strcmp(run->files[k].manifest, run->files[i].manifest) != 0;
		if (!first)
			continue;
		if ((st = bedrock_manifest_load(run->files[i].manifest, &manifest, d)))
			break;
		st = check_subject(run, run->files[i].manifest, true, &manifest, d);
	}
	return st;
}

struct file_job {
	const char *path;
	const char *batch;
	date_days day;
	int threads;
	bool split_small; /* --threads given: split even a small file (tests) */
};

/* Nothing but malformed lines is the wrong file (a requests file, say), not
 * a batch in which nothing happened: an error at the first of them. */
static enum status all_malformed(const char *path, const struct worker *workers,
                                 int count, struct diag *d)
{
	int64_t lines = 0, malformed = 0, base = 0;
	const struct note *first = NULL;
	int64_t first_base = 0;

	for (int i = 0; i < count; i++) {
		if (workers[i].st != STATUS_OK)
			return STATUS_OK; /* reported as it is */
		lines += workers[i].r.lines;
		malformed += workers[i].r.malformed;
		if (!first && workers[i].note_count) {
			first = &workers[i].notes[0];
			first_base = base;
		}
		base += workers[i].line_count;
	}
	if (lines == 0 || malformed < lines || !first)
		return STATUS_OK;
	return diag_set(d, STATUS_INPUT, "%s:%" PRId64 ":%zu: %s; no line of the file "
	                "is a results line", path, first_base + first->line,
	                first->column, first->text);
}

/* Concatenated files of two providers still add up (every line is priced by
 * its own model), but are worth a word: where the second provider starts. */
static void warn_mixed(const char *path, const int64_t first_of[])
{
	int first = -1;

	for (int p = 0; p < RECON_PROVIDER_COUNT; p++)
		if (first_of[p] && (first < 0 || first_of[p] < first_of[first]))
			first = p;
	for (int p = 0; p < RECON_PROVIDER_COUNT; p++)
		if (first_of[p] && p != first)
			cli_warn("%s:%" PRId64 ": %s results line in a file that began with "
			         "%s lines (concatenated files?); counted", path, first_of[p],
			         recon_provider_name((enum recon_provider)p),
			         recon_provider_name((enum recon_provider)first));
}

/* Reads one file into run; malformed lines are warned about as they are merged. */
static enum status reconcile_file(const struct shared *sh, const struct file_job *job,
                                  struct recon_run *run, struct diag *d)
{
	struct worker *workers;
	struct recon file_total;
	struct stat sb;
	unsigned char magic[2] = {0, 0};
	bool stdin_input = strcmp(job->path, "-") == 0, streamed;
	int fd = stdin_input ? dup(STDIN_FILENO) : open(job->path, O_RDONLY);
	int count = 1, notes_printed = 0;
	int64_t base = 0, malformed = 0, first_of[RECON_PROVIDER_COUNT] = {0};
	enum status st = STATUS_OK;

	if (fd < 0 || fstat(fd, &sb) != 0) {
		int err = errno;
		if (fd >= 0)
			close(fd);
		return diag_set(d, STATUS_INPUT, "%s: cannot open: %s", job->path,
		                strerror(err));
	}
	streamed = stdin_input || !S_ISREG(sb.st_mode) ||
	           (pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b);
	if (!streamed && (sb.st_size >= MIN_SPLIT || job->split_small))
		count = job->threads;
	workers = calloc((size_t)count, sizeof *workers);
	if (!workers) {
		close(fd);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (int i = 0; i < count; i++) {
		struct worker *w = &workers[i];
		w->sh = sh;
		w->batch = job->batch;
		w->day = job->day;
		w->fd = fd;
		w->path = job->path;
		w->progress = sh->progress && i == 0;
		recon_init(&w->r);
		recon_parser_init(&w->parser);
		w->start = streamed ? 0 : sb.st_size / count * i;
		w->end = streamed || i == count - 1 ? INT64_MAX : sb.st_size / count * (i + 1);
	}
	if (streamed) {
		/* zlib reads plain data through unchanged, so pipes and .gz share a path. */
		workers[0].gz = gzdopen(fd, "rb");
		if (!workers[0].gz) {
			close(fd);
			free(workers);
			return diag_set(d, STATUS_IO, "out of memory");
		}
		gzbuffer(workers[0].gz, BLOCK_SIZE);
		worker_run(&workers[0]);
		gzclose(workers[0].gz);
	} else {
		pthread_t ids[RECON_READ_MAX_THREADS];
		int started = 0;
		for (int i = 1; i < count; i++, started++)
			if (pthread_create(&ids[i], NULL, worker_run, &workers[i]) != 0)
				break;
		worker_run(&workers[0]);
		for (int i = 1; i <= started; i++)
			pthread_join(ids[i], NULL);
		if (started < count - 1)
			st = diag_set(d, STATUS_IO, "cannot start a thread");
		close(fd);
	}

	if (sh->progress)
		fputs("\r\033[K", stderr); /* clear the progress line */

	/* Merge in file order: line numbers continue from range to range. */
	recon_init(&file_total);
	if (st == STATUS_OK && !sh->strict)
		st = all_malformed(job->path, workers, count, d);
	for (int i = 0; i < count && st == STATUS_OK; i++) {
		struct worker *w = &workers[i];
		for (int p = 0; p < RECON_PROVIDER_COUNT; p++)
			if (w->first_of[p] && !first_of[p])
				first_of[p] = base + w->first_of[p];
		for (int k = 0; k < w->note_count; k++, notes_printed++) {
			if (notes_printed < MAX_NOTES && !sh->strict)
				cli_warn("%s:%" PRId64 ":%zu: malformed line skipped: %s", job->path,
				         base + w->notes[k].line, w->notes[k].column, w->notes[k].text);
			if (sh->strict) {
				st = diag_set(d, STATUS_INPUT, "%s:%" PRId64 ":%zu: %s (--strict)",
				              job->path, base + w->notes[k].line, w->notes[k].column,
				              w->notes[k].text);
				break;
			}
		}
		if (st == STATUS_OK && w->st != STATUS_OK) {
			st = w->st;
			diag_set(d, st, "%s: %s", job->path, w->d.text);
		}
		if (st == STATUS_OK)
			st = recon_merge(&file_total, &w->r, d);
		malformed += w->r.malformed;
		run->unchecked_keys += w->unchecked;
		run->retry.not_retried += w->not_retried;
		for (int k = 0; k < w->skipped_count; k++) {
			if (run->retry.listed_count == RETRY_LISTED)
				break;
			memcpy(run->retry.listed[run->retry.listed_count].key, w->skipped[k].key, 128);
			memcpy(run->retry.listed[run->retry.listed_count++].type, w->skipped[k].type, 64);
		}
		base += w->line_count;
	}
	if (st == STATUS_OK)
		warn_mixed(job->path, first_of);
	if (st == STATUS_OK && notes_printed > MAX_NOTES)
		cli_warn("%s: %d more malformed lines not shown", job->path,
		         notes_printed - MAX_NOTES);
	if (st == STATUS_OK && malformed > notes_printed)
		cli_warn("%s: %" PRId64 " malformed line%s in all", job->path, malformed,
		         malformed == 1 ? "" : "s");
	if (st == STATUS_OK)
		st = recon_run_add_file(run, job->path, format_of(&file_total), job->batch,
		                        job->day, file_total.lines, d);
	if (st == STATUS_OK)
		st = keep_file_totals(&run->files[run->file_count - 1], &file_total, d);
	if (st == STATUS_OK)
		st = recon_merge(&run->r, &file_total, d);
	recon_release(&file_total);
	for (int i = 0; i < count; i++)
		recon_release(&workers[i].r);
	free(workers);
	return st;
}

enum status recon_read(const struct pricing *pr, const char *const *paths,
                       int count, const struct recon_read_options *ro,
                       struct keyset *keys, struct recon_run *run,
                       struct diag *d)
{
	struct batch_meta_list meta = {NULL, 0};
	struct shared sh;
	regex_t re;
	long threads = ro->threads;
	enum status st = STATUS_OK;

	recon_run_init(run);
	memset(&sh, 0, sizeof sh);
	if (ro->batches && (st = batch_meta_load(ro->batches, &meta, d)))
		return st;
	if (ro->job_pattern) {
		int rc = regcomp(&re, ro->job_pattern, REG_EXTENDED);
		if (rc != 0) {
			char text[200];
			regerror(rc, &re, text, sizeof text);
			batch_meta_release(&meta);
			return diag_set(d, STATUS_USAGE, "--job-pattern: expected a POSIX extended "
			                "regular expression, found \"%s\" (%s)", ro->job_pattern,
			                text);
		}
		sh.job_pattern = &re;
	}
	if (threads <= 0) {
		threads = sysconf(_SC_NPROCESSORS_ONLN);
		threads = threads < 1 ? 1 : threads > RECON_READ_MAX_THREADS
		          ? RECON_READ_MAX_THREADS : threads;
	}
	sh.pr = pr;
	sh.keys = keys;
	sh.strict = ro->strict;
	sh.progress = isatty(STDERR_FILENO);
	sh.default_model = ro->model;
	for (int i = 0; i < count && st == STATUS_OK; i++) {
		struct file_job job = {paths[i], NULL, ro->as_of, (int)threads,
		                       ro->split_small};
		const struct batch_meta *known;
		char batch[128];
		recon_read_batch_of(paths[i], ro->batch_id, batch, sizeof batch);
		job.batch = batch;
		/* A known batch is priced on its created date: closed months never re-price. */
		if ((known = batch_meta_find(&meta, batch)))
			job.day = known->created;
		else if (ro->period.has && !*batch) {
			st = diag_set(d, STATUS_USAGE, "--since/--until: expected a batch id "
			              "for %s to date it by (--batch-id ID), found none in "
			              "its name", paths[i]);
			break;
		} else if (ro->period.has) {
			if (ro->batches)
				st = diag_set(d, STATUS_USAGE, "--since/--until: expected the "
				              "created date of batch \"%s\" (%s) in --batches %s, "
				              "found none", batch, paths[i], ro->batches);
			else
				st = diag_set(d, STATUS_USAGE, "--since/--until: expected the "
				              "created date of batch \"%s\" (%s) from --batches "
				              "FILE, found no --batches", batch, paths[i]);
			break;
		}
		if (!recon_period_contains(&ro->period, job.day))
			st = recon_run_add_outside(run, paths[i], batch, job.day, d);
		else
			st = reconcile_file(&sh, &job, run, d);
	}
	if (st == STATUS_OK)
		st = run_checks(run, &meta, d);
	batch_meta_release(&meta);
	if (sh.job_pattern)
		regfree(&re);
	return st;
}
