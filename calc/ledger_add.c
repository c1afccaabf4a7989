#include "ledger_add.h"

#include "batch_meta.h"
#include "keyset.h"
#include "ledger_store.h"
#include "recon_read.h"
#include "recon_report.h"
#include "../models/number.h"
#include "../models/sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#define MAX_FILES 64

const char ledger_add_synopsis[] =
	"batchcalc ledger add FILE... [--batches META.json] [--batch-id ID]\n"
	"                            [--model MODEL] [--job-pattern REGEX]\n"
	"                            [--as-of YYYY-MM-DD] [--adjust] [--strict]\n"
	"                            [--threads N] [--prices FILE]\n"
	"                            [--prices-overlay FILE] [--ledger LOCATION]";

const char ledger_summary[] =
	"A spend ledger: every reconciled batch, recorded once, in a SQLite file\n"
	"(default batchcalc-ledger.sqlite here, or BATCHCALC_LEDGER) or a PostgreSQL\n"
	"database (--ledger postgresql://...). add reconciles results files exactly\n"
	"as reconcile does and records each batch with the SHA-256 of its files;\n"
	"the same batch again changes nothing, other content under its id is\n"
	"refused (--adjust records it: replaced while its month is open, as an\n"
	"adjustment dated today once it is closed). show prints reconcile's report\n"
	"from the ledger alone; close freezes a month; export --focus writes a\n"
	"FinOps FOCUS 1.2 CSV. Exit 7: the ledger refused the change.";

const char ledger_location_help[] = "SQLite file or postgresql:// URI (or "
	"$BATCHCALC_LEDGER)";

/* "2026-11-25T10:04:05Z", now (or SOURCE_DATE_EPOCH's pinned time). */
void ledger_stamp_now(char buf[32])
{
	const char *pinned = getenv("SOURCE_DATE_EPOCH");
	time_t now = time(NULL);
	struct tm tm;

	if (pinned && *pinned) {
		char *end;
		long long v = strtoll(pinned, &end, 10);
		if (*end == '\0' && v >= 0)
			now = (time_t)v;
	}
	gmtime_r(&now, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *ledger_short_digest(const char *digest, char buf[17])
{
	snprintf(buf, 17, "%.16s", digest);
	return buf;
}

/* ---- hashing the files while reconcile reads them ---------------------- */

struct hash_job {
	const char *const *paths;
	int count;
	char (*digests)[65];
	struct stat *seen;   /* each file as it was when hashing began */
	enum status st;
	struct diag d;
};

/* The SHA-256 of what the reader reads: a .gz file's decompressed bytes, so
 * the same results compressed or not are the same content. */
static enum status hash_file(const char *path, char digest[65], struct stat *seen,
                             struct diag *d)
{
	struct sha256_ctx c;
	unsigned char magic[2] = {0, 0}, raw[32];
	size_t size = 256u << 10; /* reads this size keep SHA-256 at full speed */
	char *buf = malloc(size);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	enum status st = STATUS_OK;

	if (!buf || fd < 0 || fstat(fd, seen) != 0) {
		int err = errno;
		free(buf);
		if (fd >= 0)
			close(fd);
		return buf ? diag_set(d, STATUS_INPUT, "%s: cannot open: %s", path, strerror(err))
		           : diag_set(d, STATUS_IO, "out of memory");
	}
	sha256_init(&c, false);
	if (pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
		gzFile gz = gzdopen(fd, "rb");
		int got;
		if (!gz) {
			close(fd);
			free(buf);
			return diag_set(d, STATUS_IO, "out of memory");
		}
		gzbuffer(gz, (unsigned)size);
		while ((got = gzread(gz, buf, (unsigned)size)) > 0)
			sha256_update(&c, buf, (size_t)got);
		if (got < 0)
			st = diag_set(d, STATUS_INPUT, "%s: cannot read: corrupt compressed data",
			              path);
		gzclose(gz);
	} else {
		ssize_t got;
		while ((got = read(fd, buf, size)) > 0 || (got < 0 && errno == EINTR))
			if (got > 0)
				sha256_update(&c, buf, (size_t)got);
		if (got < 0)
			st = diag_set(d, STATUS_INPUT, "%s: cannot read: %s", path, strerror(errno));
		close(fd);
	}
	free(buf);
	sha256_final(&c, raw);
	sha256_digest_hex(raw, digest);
	return st;
}

static void *hash_run(void *arg)
{
	struct hash_job *job = arg;

	for (int i = 0; i < job->count && job->st == STATUS_OK; i++)
		job->st = hash_file(job->paths[i], job->digests[i], &job->seen[i], &job->d);
	return NULL;
}

/* A file that changed between the hash and the read is no content at all. */
static enum status unchanged(const char *path, const struct stat *seen, struct diag *d)
{
	struct stat now;

	if (stat(path, &now) != 0 || now.st_size != seen->st_size ||
	    now.st_mtim.tv_sec != seen->st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != seen->st_mtim.tv_nsec || now.st_ino != seen->st_ino)
		return diag_set(d, STATUS_INPUT, "%s: changed while it was read: nothing "
		                "recorded", path);
	return STATUS_OK;
}

/* One file: its digest; several: the SHA-256 of their digests, sorted, one a
 * line, so neither names nor order change a batch's content checksum. */
static int digest_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void content_digest(char (*digests)[65], int count, char out[65])
{
	char sorted[MAX_FILES][65];
	struct sha256_ctx c;
	unsigned char raw[32];

	if (count == 1) {
		memcpy(out, digests[0], 65);
		return;
	}
	memcpy(sorted, digests, (size_t)count * 65);
	qsort(sorted, (size_t)count, 65, digest_cmp);
	sha256_init(&c, false);
	for (int i = 0; i < count; i++) {
		sha256_update(&c, sorted[i], 64);
		sha256_update(&c, "\n", 1);
	}
	sha256_final(&c, raw);
	sha256_digest_hex(raw, out);
}

/* ---- ledger add ----------------------------------------------------------- */

/* One batch: its files, read, priced, waiting for the transaction. */
struct pending {
	char batch[128];
	const char *paths[MAX_FILES];
	int count;
	char digests[MAX_FILES][65];
	struct stat seen[MAX_FILES];
	struct recon_run run;
	struct ledger_file files[MAX_FILES];
	struct ledger_figure *figures;
	size_t figure_count;
	struct ledger_error *errors;
	struct ledger_check *checks;
	struct ledger_batch_in in;
};

static int figure_key_cmp(const void *a, const void *b)
{
	const struct ledger_figure *x = a, *y = b;
	int c;

	if ((c = strcmp(x->job, y->job)) || (c = strcmp(x->model, y->model)))
		return c;
	if (x->price_day != y->price_day)
		return x->price_day < y->price_day ? -1 : 1;
	return (int)x->long_context - (int)y->long_context;
}

/*
 * The figures of a batch from its buckets, each priced as reconcile prices
 * it (recon_price_bucket): per token class the tokens, the money and the
 * rates. Buckets whose model has no long-context tier bill at the standard
 * tier whichever side of the cliff they were, so they merge into one figure.
 */
static enum status batch_figures(struct cli *ctx, struct pending *p, struct diag *d)
{
	const struct recon *r = &p->run.r;
	size_t n = 0;
	bool overflow = false;
	enum status st;

	if (!(p->figures = calloc(r->count ? r->count : 1, sizeof *p->figures)))
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t i = 0; i < r->count; i++) {
		const struct recon_bucket *b = &r->buckets[i];
		struct ledger_figure *g = &p->figures[n++];
		struct recon_bucket_price bp;

		g->job = b->job;
		g->model = b->model;
		g->publisher = (char *)"";
		g->price_day = b->day;
		g->price_from = DATE_OPEN_END;
		memcpy(g->outcomes, b->outcomes, sizeof g->outcomes);
		g->billed = b->billed;
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
			g->classes[c].tokens = b->tokens.n[c];
		if (!*b->model || b->billed == 0)
			continue;
		if ((st = recon_price_bucket(&ctx->pricing, b, &bp, d)))
			return st;
		{
			const struct provider *maker = catalogue_provider(&ctx->pricing.catalogue,
			                                                  bp.model->provider);
			g->publisher = maker && maker->name ? maker->name : (char *)"";
		}
		g->price_from = bp.price->from;
		g->long_context = bp.tier == &bp.price->long_context;
		g->batch_cost = bp.batch.total;
		g->sync_cost = bp.sync.total;
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			g->classes[c].batch = bp.batch.by_class[c];
			g->classes[c].sync = bp.sync.by_class[c];
			g->classes[c].batch_rate = bp.tier->batch.rates[c];
			g->classes[c].sync_rate = bp.tier->sync.rates[c];
		}
	}
	qsort(p->figures, n, sizeof *p->figures, figure_key_cmp);
	p->figure_count = 0;
	for (size_t i = 0; i < n; i++) {
		struct ledger_figure *g = &p->figures[i], *last;
		if (p->figure_count == 0 ||
		    figure_key_cmp(&p->figures[p->figure_count - 1], g) != 0) {
			p->figures[p->figure_count++] = *g;
			continue;
		}
		last = &p->figures[p->figure_count - 1];
		for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
			overflow |= __builtin_add_overflow(last->outcomes[o], g->outcomes[o],
			                                   &last->outcomes[o]);
		overflow |= __builtin_add_overflow(last->billed, g->billed, &last->billed);
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			struct ledger_class *k = &last->classes[c];
			overflow |= __builtin_add_overflow(k->tokens, g->classes[c].tokens, &k->tokens);
			k->batch = money_add(k->batch, g->classes[c].batch, &overflow);
			k->sync = money_add(k->sync, g->classes[c].sync, &overflow);
		}
		last->batch_cost = money_add(last->batch_cost, g->batch_cost, &overflow);
		last->sync_cost = money_add(last->sync_cost, g->sync_cost, &overflow);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "%s: a total does not fit", p->batch);
	return STATUS_OK;
}

/* The provider of a batch: its files' format, or "mixed". */
static const char *batch_provider(const struct recon_run *run)
{
	const char *first = run->file_count ? run->files[0].format : "empty";

	for (size_t i = 1; i < run->file_count; i++)
		if (strcmp(run->files[i].format, first) != 0)
			return "mixed";
	return first;
}

/* Reads, hashes and prices one batch's files as `reconcile` would. */
static enum status read_batch(struct cli *ctx, struct pending *p,
                              const struct recon_read_options *ro,
                              const struct recon_options *opt,
                              const struct batch_meta_list *meta, struct keyset *keys,
                              struct diag *d)
{
	struct recon_read_options one = *ro;
	struct hash_job job = {p->paths, p->count, p->digests, p->seen, STATUS_OK, {{0}}};
	struct recon_figures figures;
	pthread_t hasher;
	bool hashing;
	const struct batch_meta *known;
	enum status st;

	one.batch_id = p->batch;
	hashing = pthread_create(&hasher, NULL, hash_run, &job) == 0;
	if (!hashing)
		hash_run(&job);
	st = recon_read(&ctx->pricing, p->paths, p->count, &one, keys, &p->run, d);
	if (hashing)
		pthread_join(hasher, NULL);
	if (st == STATUS_OK && job.st != STATUS_OK)
		st = diag_set(d, job.st, "%s", job.d.text);
	for (int i = 0; st == STATUS_OK && i < p->count; i++)
		st = unchanged(p->paths[i], &p->seen[i], d);
	/* Unknown models are listed loudly and refused (exit 4), as reconcile does. */
	if (st == STATUS_OK && (st = recon_figures_compute(&ctx->pricing, &p->run, GROUP_JOB,
	                                                   NULL, &figures, d)) == STATUS_OK)
		recon_figures_release(&figures);
	if (st == STATUS_OK)
		st = batch_figures(ctx, p, d);
	if (st != STATUS_OK)
		return st;

	for (size_t i = 0; i < p->run.file_count && i < MAX_FILES; i++) {
		p->files[i].name = p->run.files[i].name;
		p->files[i].format = p->run.files[i].format;
		memcpy(p->files[i].sha256, p->digests[i], 65);
		p->files[i].lines = p->run.files[i].lines;
	}
	if (!(p->errors = calloc(p->run.r.error_count ? p->run.r.error_count : 1,
	                         sizeof *p->errors)))
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t i = 0; i < p->run.r.error_count; i++) {
		p->errors[i].type = p->run.r.errors[i].type;
		p->errors[i].requests = p->run.r.errors[i].count;
	}
	if (!(p->checks = calloc(p->run.check_count ? p->run.check_count : 1,
	                         sizeof *p->checks)))
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t i = 0; i < p->run.check_count; i++) {
		p->checks[i].subject = p->run.checks[i].subject;
		p->checks[i].figure = (char *)p->run.checks[i].figure;
		p->checks[i].stated = p->run.checks[i].stated;
		p->checks[i].found = p->run.checks[i].found;
	}
	known = batch_meta_find(meta, p->batch);
	p->in.batch = p->batch;
	p->in.provider = batch_provider(&p->run);
	p->in.created = known ? known->created : opt->as_of;
	p->in.dated = known != NULL;
	p->in.has_ended = known && known->has_ended;
	p->in.ended = known ? known->ended : 0;
	content_digest(p->digests, p->count, p->in.sha256);
	p->in.files = p->files;
	p->in.file_count = p->run.file_count;
	p->in.catalogue = &ctx->pricing.catalogue;
	p->in.lines = p->run.r.lines;
	p->in.malformed = p->run.r.malformed;
	p->in.duplicates = p->run.r.duplicates;
	p->in.figures = p->figures;
	p->in.figure_count = p->figure_count;
	p->in.errors = p->errors;
	p->in.error_count = p->run.r.error_count;
	p->in.checks = p->checks;
	p->in.check_count = p->run.check_count;
	return STATUS_OK;
}

static void pending_release(struct pending *p)
{
	free(p->figures);
	free(p->errors);
	free(p->checks);
	recon_run_release(&p->run);
}

/* Two lines a batch: what happened, then the figures (each wrapped at
 * CLI_WIDTH should a batch id be long). */
static void print_result(FILE *out, const struct pending *p, const struct ledger_result *res)
{
	char created[DATE_TEXT_SIZE], booked[DATE_TEXT_SIZE], buf[3][64], digest[2][17];
	struct ratio requests = {res->requests, 1};

	date_format(p->in.created, created);
	date_format(res->booked, booked);
	ledger_short_digest(p->in.sha256, digest[0]);
	switch (res->outcome) {
	case LEDGER_UNCHANGED:
		cli_wrapf(out, "  ", "unchanged %s (same content, sha256 %s)", p->batch,
		          digest[0]);
		return;
	case LEDGER_RECORDED:
		cli_wrapf(out, "  ", "recorded %s (%s, created %s, sha256 %s)", p->batch,
		          p->in.provider, created, digest[0]);
		break;
	case LEDGER_REPLACED:
		cli_wrapf(out, "  ", "replaced %s (its month is open)", p->batch);
		fprintf(out, "  content sha256 %s -> %s\n",
		        ledger_short_digest(res->previous, digest[1]), digest[0]);
		break;
	case LEDGER_ADJUSTED:
		cli_wrapf(out, "  ", "adjustment %s for %s (created %s, month closed)", booked,
		          p->batch, created);
		break;
	}
	cli_wrapf(out, "    ", "  %s request%s, batch %s USD, sync %s USD%s",
	          cli_ratio_text(requests, 0, buf[0]),
	          res->requests == 1 || res->requests == -1 ? "" : "s",
	          cli_money_cents(res->batch, buf[1]), cli_money_cents(res->sync, buf[2]),
	          res->outcome == LEDGER_ADJUSTED ? " (the difference it makes)"
	          : p->in.dated ? "" : "; dated by --as-of (not in --batches)");
}

/* Groups the files by batch, in the order they were given. */
static enum status group_files(const char *const *files, int count, const char *batch_id,
                               struct pending *groups, int *group_count, struct diag *d)
{
	*group_count = 0;
	for (int i = 0; i < count; i++) {
		char batch[128];
		int g;
		if (strcmp(files[i], "-") == 0)
			return diag_set(d, STATUS_USAGE, "ledger add: expected files, found '-' "
			                "(the ledger records each file's SHA-256, so it reads files, "
			                "not standard input)");
		for (int k = 0; k < i; k++)
			if (strcmp(files[k], files[i]) == 0)
				return diag_set(d, STATUS_USAGE, "ledger add: %s is given twice",
				                files[i]);
		recon_read_batch_of(files[i], batch_id, batch, sizeof batch);
		if (!*batch)
			return diag_set(d, STATUS_USAGE, "ledger add: expected the batch of %s "
			                "(msgbatch_... or batch_... in its name, or --batch-id ID), "
			                "found none: the ledger records batches by id", files[i]);
		for (g = 0; g < *group_count && strcmp(groups[g].batch, batch) != 0; g++)
			;
		if (g == *group_count) {
			memset(&groups[g], 0, sizeof groups[g]);
			snprintf(groups[g].batch, sizeof groups[g].batch, "%s", batch);
			(*group_count)++;
		}
		groups[g].paths[groups[g].count++] = files[i];
	}
	return STATUS_OK;
}

enum status ledger_add(int argc, char **argv, struct cli *ctx, struct diag *d)
{
	const char *location = NULL, *threads_text = NULL;
	struct recon_flags flags = {0};
	struct recon_read_options ro = {0};
	bool help = false, adjust = false;
	const struct option_spec specs[] = {
		{"batches", 0, OPTION_VALUE, "META.json", "batch objects: created and ended dates, counts to check", &ro.batches},
		{"batch-id", 0, OPTION_VALUE, "ID", "the batch the files belong to (default: from the file name)", &ro.batch_id},
		{"model", 0, OPTION_VALUE, "MODEL", "model of lines that name none (Bedrock, Gemini)", &ro.model},
		{"job-pattern", 0, OPTION_VALUE, "REGEX", "job = first group of this POSIX ERE in the key", &ro.job_pattern},
		{"as-of", 0, OPTION_VALUE, "YYYY-MM-DD", "date of batches --batches does not date (default today)", &flags.as_of},
		{"adjust", 0, OPTION_FLAG, NULL, "record other content: replace (month open) or adjust (closed)", &adjust},
		{"strict", 0, OPTION_FLAG, NULL, "stop at the first malformed line", &ro.strict},
		{"threads", 0, OPTION_VALUE, "N", "threads per file (default: CPUs, at most 8)", &threads_text},
		{"prices", 0, OPTION_VALUE, "FILE", "price catalogue (default: built-in)", &flags.prices},
		{"prices-overlay", 0, OPTION_VALUE, "FILE", "merge FILE's prices and aliases on top", &ctx->overlay},
		{"ledger", 0, OPTION_VALUE, "LOCATION", ledger_location_help, &location},
		OPTION_END,
	};
	const char *operands[MAX_FILES];
	int operand_count, group_count = 0;
	struct pending *groups = NULL;
	struct batch_meta_list meta = {NULL, 0};
	struct recon_options opt;
	struct keyset *keys = NULL;
	struct ledger *l = NULL;
	struct ledger_result *results = NULL;
	int64_t threads = 0;
	char stamp[32];
	const char *why;
	enum status st;

	memset(&opt, 0, sizeof opt);
	if ((st = options_parse(specs, argc, argv, operands, MAX_FILES, &operand_count,
	                        &help, d)))
		return st;
	if (help) {
		options_print_help(ctx->out, ledger_add_synopsis, ledger_summary, specs);
		return STATUS_OK;
	}
	if (operand_count == 0)
		return diag_set(d, STATUS_USAGE, "ledger add: expected at least one results FILE");
	if (threads_text && !number_parse_int64(threads_text, 1, RECON_READ_MAX_THREADS,
	                                        &threads, &why))
		return diag_set(d, STATUS_USAGE, "--threads: expected 1 to %d, found \"%s\" (%s)",
		                RECON_READ_MAX_THREADS, threads_text, why);
	ro.threads = (int)threads;
	ro.split_small = threads_text != NULL;
	if (!(groups = calloc((size_t)operand_count, sizeof *groups)) ||
	    !(results = calloc((size_t)operand_count, sizeof *results))) {
		free(groups);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	if ((st = group_files(operands, operand_count, ro.batch_id, groups, &group_count, d)) ||
	    (st = recon_options_parse(ctx, &flags, &opt, d)) ||
	    (ro.batches && (st = batch_meta_load(ro.batches, &meta, d))))
		goto done;
	ro.as_of = opt.as_of; /* the price date of a batch --batches does not date */
	/* The ledger first: a wrong location or schema is said before a long read. */
	if ((st = ledger_open(ledger_db_location(location), LEDGER_CREATE, &l, d)))
		goto done;
	if (!(keys = keyset_new(KEYSET_DEFAULT_BITS))) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	for (int i = 0; i < group_count && st == STATUS_OK; i++)
		st = read_batch(ctx, &groups[i], &ro, &opt, &meta, keys, d);
	if (st != STATUS_OK)
		goto done;
	ledger_stamp_now(stamp);
	if ((st = ledger_begin_write(l, d)) == STATUS_OK) {
		for (int i = 0; i < group_count && st == STATUS_OK; i++)
			st = ledger_record(l, &groups[i].in, adjust, ctx->today, stamp, &results[i],
			                   d);
		if (st == STATUS_OK)
			st = ledger_commit(l, d);
		else
			ledger_rollback(l);
	}
	if (st == STATUS_IO) {
		/* Disk full, read-only, server gone: the transaction is gone too. */
		size_t n = strlen(d->text);
		snprintf(d->text + n, sizeof d->text - n, "; nothing recorded");
	}
	for (int i = 0; st == STATUS_OK && i < group_count; i++)
		print_result(ctx->out, &groups[i], &results[i]);
done:
	ledger_close(l);
	keyset_free(keys);
	batch_meta_release(&meta);
	for (int i = 0; i < group_count; i++)
		pending_release(&groups[i]);
	free(groups);
	free(results);
	return st;
}
