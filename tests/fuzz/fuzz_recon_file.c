// Seeds: tests/cli/t03*/*.jsonl tests/cli/t03*/*.jsonl.out tests/cli/t057*/*.jsonl tests/cli/t058*/*.jsonl
/*
 * Fuzzes a whole small results file the way reconcile's reader takes it
 * (calc/cmd_reconcile.c, take_line): split at '\n', blank lines skipped,
 * every other line through recon_parse_line() and, when it parses, added to
 * the totals with recon_add() and recon_add_error(); a file may mix
 * providers. The file is summed twice, once whole and once as two halves
 * merged with recon_merge(), which must agree exactly (what makes threads
 * and `merge` give the figures of one pass).
 */
#include "tests/fuzz/fuzz.h"
#include "models/recon.h"

static void add_line(struct recon_parser *p, struct recon *r, const char *line,
                     const char *end)
{
	struct recon_line l;
	struct jscan_error err;
	struct recon_bucket delta;
	char key[512], job[256], model[256], type[128] = "";
	struct diag d;
	const char *q = line;

	while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
		q++;
	if (q == end)
		return;
	r->lines++;
	if (!recon_parse_line(p, line, end, &l, &err)) {
		FUZZ_ASSERT(err.offset <= (size_t)(end - line), "fault past the line");
		r->malformed++;
		return;
	}
	r->provider_lines[l.provider]++;
	if (jscan_string(&l.key, key, sizeof key) < 0) {
		r->malformed++;
		return;
	}
	recon_job_of(key, job, sizeof job);
	if (l.model.kind != JSCAN_STRING || jscan_string(&l.model, model, sizeof model) < 0)
		model[0] = '\0';
	if (l.outcome != RECON_SUCCEEDED &&
	    (l.error_type.kind != JSCAN_STRING ||
	     jscan_string(&l.error_type, type, sizeof type) < 0))
		snprintf(type, sizeof type, "%s", recon_outcome_name(l.outcome));
	memset(&delta, 0, sizeof delta);
	delta.job = job;
	delta.model = model;
	delta.batch = "";
	delta.outcomes[l.outcome] = 1;
	if (l.billed) {
		delta.billed = 1;
		delta.tokens = l.tokens;
	}
	FUZZ_ASSERT(recon_add(r, &delta, &d) == STATUS_OK, "recon_add: %s", d.text);
	if (l.outcome != RECON_SUCCEEDED)
		FUZZ_ASSERT(recon_add_error(r, type, 1, &d) == STATUS_OK,
		            "recon_add_error: %s", d.text);
}

static void add_range(struct recon_parser *p, struct recon *r, const char *s,
                      const char *end)
{
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *line_end = nl ? nl : end;
		add_line(p, r, s, line_end);
		s = nl ? nl + 1 : end;
	}
}

static void same(const struct recon *a, const struct recon *b)
{
	FUZZ_ASSERT(a->lines == b->lines && a->malformed == b->malformed,
	            "lines %lld/%lld malformed %lld/%lld", (long long)a->lines,
	            (long long)b->lines, (long long)a->malformed, (long long)b->malformed);
	FUZZ_ASSERT(a->count == b->count, "buckets %zu/%zu", a->count, b->count);
	FUZZ_ASSERT(a->error_count == b->error_count, "error types %zu/%zu",
	            a->error_count, b->error_count);
	FUZZ_ASSERT(a->overflow == b->overflow, "overflow differs");
	for (int i = 0; i < RECON_PROVIDER_COUNT; i++)
		FUZZ_ASSERT(a->provider_lines[i] == b->provider_lines[i], "provider %d", i);
	for (size_t i = 0; i < a->count; i++) {
		const struct recon_bucket *x = &a->buckets[i];
		size_t j;
		for (j = 0; j < b->count; j++)
			if (!strcmp(x->job, b->buckets[j].job) &&
			    !strcmp(x->model, b->buckets[j].model))
				break;
		FUZZ_ASSERT(j < b->count, "bucket %s/%s lost in the merge", x->job, x->model);
		FUZZ_ASSERT(memcmp(x->outcomes, b->buckets[j].outcomes, sizeof x->outcomes) == 0 &&
		            x->billed == b->buckets[j].billed &&
		            memcmp(&x->tokens, &b->buckets[j].tokens, sizeof x->tokens) == 0,
		            "bucket %s/%s differs after the merge", x->job, x->model);
	}
}

static void fuzz_one(const char *text, size_t len)
{
	static struct recon_parser p;
	static bool ready;
	struct recon whole, first, second;
	const char *mid = memchr(text + len / 2, '\n', len - len / 2);
	struct diag d;

	if (!ready) {
		recon_parser_init(&p);
		ready = true;
	}
	mid = mid ? mid + 1 : text + len;
	recon_init(&whole);
	recon_init(&first);
	recon_init(&second);
	add_range(&p, &whole, text, text + len);
	add_range(&p, &first, text, mid);
	add_range(&p, &second, mid, text + len);
	FUZZ_ASSERT(recon_merge(&first, &second, &d) == STATUS_OK, "merge: %s", d.text);
	same(&whole, &first);
	recon_release(&whole);
	recon_release(&first);
	recon_release(&second);
}
