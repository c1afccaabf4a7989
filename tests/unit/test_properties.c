/*
 * properties: laws the cost model must obey for every input, checked over
 * seeded random inputs on the real built-in catalogue (every model, every
 * price entry, both context tiers).
 *
 * The generator is splitmix64 with a fixed seed per test, so a failure names
 * a case that reproduces on every machine; BATCHCALC_PROPERTY_SEED=N explores
 * other inputs with the same checks.
 */
#include "../../calc/catalogue_load.h"
#include "../../calc/commands.h"
#include "../../models/cost.h"
#include "../../models/money.h"
#include "../../models/workload.h"

#include <check.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CASES_PER_TIER 200
#define HALF_CENT ((money_raw)5000000000) /* picodollars */

static struct catalogue cat;

static void load_catalogue(void)
{
	struct diag d;

	ck_assert_msg(catalogue_load_builtin(&cat, &d) == STATUS_OK, "%s", d.text);
}

static void release_catalogue(void)
{
	catalogue_release(&cat);
}

static uint64_t state;

static void seed(uint64_t s)
{
	const char *env = getenv("BATCHCALC_PROPERTY_SEED");

	state = env && *env ? strtoull(env, NULL, 10) ^ s : s;
}

/* splitmix64 (Steele, Lea, Flood 2014): small, fast, reproducible. */
static uint64_t next(void)
{
	uint64_t z = (state += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static int64_t below(int64_t n)
{
	return (int64_t)(next() % (uint64_t)n);
}

/* A token count whose size is itself random, from 0 up to about 10^8, so
 * small counts, odd picodollars and the long-context cliff all come up. */
static int64_t tokens(void)
{
	static const int64_t scale[] = {10, 1000, 100000, 1000000, 100000000};

	return below(scale[below(5)] + 1);
}

static void random_counts(const struct rate_set *a, const struct rate_set *b,
                          struct token_counts *t)
{
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		t->n[c] = a->offered[c] && (!b || b->offered[c]) ? tokens() : 0;
}

static money cost(const struct price_tier *tier, const struct token_counts *t,
                  bool batch)
{
	struct cost_breakdown b;
	struct diag d;

	ck_assert_msg(cost_at_tier(tier, t, batch, &b, &d) == STATUS_OK, "%s", d.text);
	return b.total;
}

static const char *show(money m)
{
	static char buf[4][64];
	static int i;

	i = (i + 1) % 4;
	money_format_exact(m, buf[i], sizeof buf[i]);
	return buf[i];
}

/* Calls body(model, entry, tier, is_long) for every tier of the catalogue. */
#define FOR_EVERY_TIER(body)                                                  \
	for (size_t mi = 0; mi < cat.model_count; mi++)                        \
		for (size_t pi = 0; pi < cat.models[mi].price_count; pi++) {   \
			const struct model *m = &cat.models[mi];               \
			const struct price_entry *pe = &m->prices[pi];         \
			body(m, pe, &pe->standard, false);                     \
			if (pe->has_long_context)                              \
				body(m, pe, &pe->long_context, true);          \
		}

static void check_monotone(const struct model *m, const struct price_entry *pe,
                           const struct price_tier *tier, bool is_long)
{
	(void)tier;
	if (is_long)
		return; /* cost_request picks the tier itself */
	for (int batch = 0; batch <= 1; batch++) {
		const struct rate_set *rates = batch ? &pe->standard.batch : &pe->standard.sync;
		for (int i = 0; i < CASES_PER_TIER; i++) {
			struct token_counts t, more;
			struct cost_breakdown a, b;
			struct diag d;
			int c = (int)below(TOKEN_CLASS_COUNT);

			random_counts(rates, pe->has_long_context ? &pe->long_context.sync : NULL, &t);
			if (!rates->offered[c] ||
			    (pe->has_long_context && !(batch ? pe->long_context.batch
			                                     : pe->long_context.sync).offered[c]))
				continue;
			more = t;
			more.n[c] += 1 + tokens();
			ck_assert(cost_request(pe, &t, batch, &a, &d) == STATUS_OK);
			ck_assert(cost_request(pe, &more, batch, &b, &d) == STATUS_OK);
			ck_assert_msg(money_cmp(b.total, a.total) >= 0,
			              "%s %s: %" PRId64 " more %s tokens cost less: %s < %s",
			              m->id, batch ? "batch" : "sync", more.n[c] - t.n[c],
			              token_class_name((enum token_class)c), show(b.total),
			              show(a.total));
		}
	}
}

START_TEST(cost_is_monotone_in_every_token_class)
{
	seed(1);
	FOR_EVERY_TIER(check_monotone);
}
END_TEST

static void check_batch_cheaper(const struct model *m, const struct price_entry *pe,
                                const struct price_tier *tier, bool is_long)
{
	(void)pe;
	for (int i = 0; i < CASES_PER_TIER; i++) {
		struct token_counts t;
		money sync, batch;

		random_counts(&tier->sync, &tier->batch, &t);
		sync = cost(tier, &t, false);
		batch = cost(tier, &t, true);
		ck_assert_msg(money_cmp(batch, sync) <= 0,
		              "%s (%s tier): batch %s above sync %s", m->id,
		              is_long ? "long" : "standard", show(batch), show(sync));
	}
}

START_TEST(batch_cost_never_exceeds_sync_cost)
{
	seed(2);
	FOR_EVERY_TIER(check_batch_cheaper);
}
END_TEST

/* A random workload the entry can price: only token classes it sells. */
static void random_workload(const struct price_entry *pe, struct workload *w)
{
	const struct rate_set *s = &pe->standard.sync, *b = &pe->standard.batch;

	memset(w, 0, sizeof *w);
	w->name = (char *)"random";
	w->period = (enum period)below(5);
	w->volume = below(1000000000);
	w->input_tokens = tokens();
	w->output_tokens = tokens();
	if (s->offered[TOKEN_CACHE_READ] && b->offered[TOKEN_CACHE_READ])
		w->cache_read_tokens = below(w->input_tokens + 1);
	if (s->offered[TOKEN_CACHE_WRITE_5M] && b->offered[TOKEN_CACHE_WRITE_5M])
		w->cache_write_tokens = below(w->input_tokens - w->cache_read_tokens + 1);
	w->batch_share = below(SHARE_SCALE + 1);
	if (below(4) == 0)
		w->batch_share = below(2) * SHARE_SCALE; /* the ends, often */
	if (pe->has_long_context && below(2))
		w->input_tokens_p95 = w->input_tokens + below(w->input_tokens * 2 + 1);
}

static void check_hybrid(const struct model *m, const struct price_entry *pe,
                         const struct price_tier *tier, bool is_long)
{
	struct ratio month = {30, 1};

	(void)tier;
	if (is_long)
		return; /* workload_estimate spans both tiers itself */
	for (int i = 0; i < CASES_PER_TIER; i++) {
		struct workload w;
		struct workload_estimate e;
		struct diag d;
		enum status st;

		random_workload(pe, &w);
		st = workload_estimate(&w, pe, month, &e, &d);
		if (st == STATUS_INPUT && w.input_tokens_p95)
			continue; /* no lognormal has that mean and p95 */
		ck_assert_msg(st == STATUS_OK, "%s: %s", m->id, d.text);
		ck_assert_msg(money_cmp(e.batch, e.hybrid) <= 0 &&
		              money_cmp(e.hybrid, e.sync) <= 0,
		              "%s, share %" PRId64 " ppm: hybrid %s outside [batch %s, "
		              "sync %s]", m->id, w.batch_share, show(e.hybrid),
		              show(e.batch), show(e.sync));
		if (w.batch_share == SHARE_SCALE)
			ck_assert(money_cmp(e.hybrid, e.batch) == 0);
		if (w.batch_share == 0)
			ck_assert(money_cmp(e.hybrid, e.sync) == 0);
	}
}

START_TEST(hybrid_cost_lies_between_batch_and_sync)
{
	seed(3);
	FOR_EVERY_TIER(check_hybrid);
}
END_TEST

static void check_sum(const struct model *m, const struct price_entry *pe,
                      const struct price_tier *tier, bool is_long)
{
	(void)pe;
	for (int batch = 0; batch <= 1; batch++) {
		const struct rate_set *rates = batch ? &tier->batch : &tier->sync;
		for (int i = 0; i < CASES_PER_TIER / 10; i++) {
			struct token_counts one, total = {{0}};
			money sum = money_zero(), whole;
			bool overflow = false;
			int n = 1 + (int)below(200);

			for (int r = 0; r < n; r++) {
				random_counts(rates, NULL, &one);
				for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
					total.n[c] += one.n[c];
				sum = money_add(sum, cost(tier, &one, batch), &overflow);
			}
			whole = cost(tier, &total, batch);
			ck_assert(!overflow);
			ck_assert_msg(money_cmp(sum, whole) == 0,
			              "%s (%s tier, %s): %d requests sum to %s, their "
			              "tokens cost %s", m->id, is_long ? "long" : "standard",
			              batch ? "batch" : "sync", n, show(sum), show(whole));
		}
	}
}

START_TEST(per_request_costs_sum_to_the_cost_of_the_summed_tokens)
{
	seed(4);
	FOR_EVERY_TIER(check_sum);
}
END_TEST

/* A random amount from a picodollar to about 10^17 dollars, either sign. */
static money random_amount(void)
{
	money m;
	int digits = 1 + (int)below(29);

	m.pico = 0;
	for (int i = 0; i < digits; i++)
		m.pico = m.pico * 10 + below(10);
	if (below(2))
		m.pico = -m.pico;
	if (below(8) == 0) /* exactly on a half cent, the tie */
		m.pico = (m.pico / (2 * HALF_CENT)) * (2 * HALF_CENT) +
		         (m.pico < 0 ? -HALF_CENT : HALF_CENT);
	return m;
}

START_TEST(rounding_to_cents_moves_a_figure_by_at_most_half_a_cent)
{
	seed(5);
	for (int i = 0; i < 100000; i++) {
		money m = random_amount(), shown;
		char buf[64], plain[64];
		const char *why;
		size_t n = 0;
		money_raw diff;

		ck_assert(money_format(m, 2, true, buf, sizeof buf));
		for (const char *p = buf; *p; p++) /* the grouped form, ungrouped */
			if (*p != ',')
				plain[n++] = *p;
		plain[n] = '\0';
		ck_assert_msg(money_parse(plain, &shown, &why), "%s: %s", buf, why);
		diff = shown.pico - m.pico;
		ck_assert_msg(diff <= HALF_CENT && diff >= -HALF_CENT,
		              "%s shown as %s", show(m), buf);
		/* A tie goes away from zero, so it is never shown smaller. */
		if (diff == HALF_CENT || diff == -HALF_CENT)
			ck_assert_msg((diff > 0) == (m.pico > 0), "%s shown as %s",
			              show(m), buf);
	}
}
END_TEST

/* The largest rate in the catalogue, sync or batch, any class. */
static rate top_rate(void)
{
	rate top = {0};

	for (size_t mi = 0; mi < cat.model_count; mi++)
		for (size_t pi = 0; pi < cat.models[mi].price_count; pi++) {
			const struct price_entry *pe = &cat.models[mi].prices[pi];
			for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
				if (pe->standard.sync.rates[c].micro > top.micro)
					top = pe->standard.sync.rates[c];
				if (pe->has_long_context &&
				    pe->long_context.sync.rates[c].micro > top.micro)
					top = pe->long_context.sync.rates[c];
			}
		}
	return top;
}

/* Every class at (or near) the int64 limit, in one request: the cost is the
 * exact sum of the classes' costs, or STATUS_OVERFLOW, never a wrapped figure;
 * the long-context cliff sees a huge prompt as above any threshold. */
static void check_limits(const struct model *m, const struct price_entry *pe,
                         const struct price_tier *tier, bool is_long)
{
	(void)tier;
	if (is_long)
		return;
	for (int batch = 0; batch <= 1; batch++) {
		const struct rate_set *rates = batch ? &pe->standard.batch : &pe->standard.sync;
		struct token_counts t;
		struct cost_breakdown b;
		struct diag d;
		enum status st;
		money_raw expected = 0;
		bool overflow = false;

		for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
			t.n[c] = rates->offered[c] ? INT64_MAX - below(3) : 0;
		st = cost_request(pe, &t, batch, &b, &d);
		if (st == STATUS_INPUT)
			continue; /* a class the long tier does not sell */
		ck_assert_msg(st == STATUS_OK || st == STATUS_OVERFLOW, "%s: %s", m->id, d.text);
		if (pe->has_long_context)
			ck_assert_msg(b.long_context, "%s: a huge prompt under the cliff", m->id);
		if (st == STATUS_OVERFLOW)
			continue;
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			const struct rate_set *r = b.long_context
				? (batch ? &pe->long_context.batch : &pe->long_context.sync)
				: rates;
			money part = money_tokens_at(t.n[c], r->rates[c], &overflow);
			ck_assert(!__builtin_add_overflow(expected, part.pico, &expected));
		}
		ck_assert_msg(b.total.pico == expected, "%s: %s", m->id, show(b.total));
	}
}

START_TEST(money_overflow_is_reported_never_wrapped)
{
	rate top = top_rate();
	bool overflow = false;
	money one = money_tokens_at(INT64_MAX, top, &overflow), sum;
	money_raw expected = (money_raw)INT64_MAX * top.micro;
	int added = 0;

	seed(6);
	/* INT64_MAX tokens at the dearest rate is exact... */
	ck_assert(!overflow);
	ck_assert(one.pico == expected && one.pico > 0);
	/* ... and adding such costs up, from a thousand short of the limit,
	 * either stays exact or says it overflowed. */
	sum = money_times(one, (int64_t)(((money_raw)1 << 126) / one.pico * 2 - 1000),
	                  &overflow);
	ck_assert(!overflow);
	while (!overflow) {
		money before = sum;
		sum = money_add(sum, one, &overflow);
		if (!overflow) {
			ck_assert(money_cmp(sum, before) > 0);
			added++;
		}
	}
	ck_assert(money_is_zero(sum)); /* after overflow a result is 0, never wrapped */
	ck_assert_int_ge(added, 999);
	ck_assert_int_le(added, 1001);
	/* Token counts near the int64 limit, times a request count. */
	for (int i = 0; i < 1000; i++) {
		int64_t n = INT64_MAX - below(1000);
		money m;
		overflow = false;
		m = money_times(one, n, &overflow);
		ck_assert_msg(overflow && money_is_zero(m), "x %" PRId64 " wrapped", n);
		overflow = false;
		m = money_scale(one, n, 1 + below(3), &overflow);
		ck_assert_msg(overflow && money_is_zero(m), "scale %" PRId64 " wrapped", n);
	}
	/* A request with every class at the limit: exact or an overflow status. */
	FOR_EVERY_TIER(check_limits);
}
END_TEST

START_TEST(a_prompt_near_the_int64_limit_is_above_the_cliff_not_wrapped)
{
	struct token_counts t = {{INT64_MAX, INT64_MAX, INT64_MAX, INT64_MAX, 0}};

	ck_assert(token_counts_input_total(&t) == INT64_MAX);
	t.n[TOKEN_INPUT] = INT64_MAX - 10;
	t.n[TOKEN_CACHE_READ] = 10;
	t.n[TOKEN_CACHE_WRITE_5M] = t.n[TOKEN_CACHE_WRITE_1H] = 0;
	ck_assert(token_counts_input_total(&t) == INT64_MAX);
	t.n[TOKEN_CACHE_READ] = 11;
	ck_assert(token_counts_input_total(&t) == INT64_MAX);
}
END_TEST

/* The smallest case where rounding the batch and sync parts apart would
 * break the law: both figures 1 picodollar, half to batch. */
START_TEST(hybrid_of_equal_figures_is_that_figure)
{
	struct price_entry pe;
	struct workload w;
	struct workload_estimate e;
	struct ratio month = {30, 1};
	struct diag d;

	memset(&pe, 0, sizeof pe);
	pe.standard.sync.offered[TOKEN_INPUT] = pe.standard.batch.offered[TOKEN_INPUT] = true;
	pe.standard.sync.offered[TOKEN_OUTPUT] = pe.standard.batch.offered[TOKEN_OUTPUT] = true;
	pe.standard.sync.rates[TOKEN_INPUT].micro = 1; /* $0.000001 per million */
	pe.standard.batch.rates[TOKEN_INPUT].micro = 1;
	memset(&w, 0, sizeof w);
	w.name = (char *)"tiny";
	w.period = PERIOD_MONTH;
	w.volume = 1;
	w.input_tokens = 1;
	w.batch_share = SHARE_SCALE / 2;
	ck_assert_msg(workload_estimate(&w, &pe, month, &e, &d) == STATUS_OK, "%s", d.text);
	ck_assert_int_eq((int)e.sync.pico, 1);
	ck_assert_int_eq((int)e.batch.pico, 1);
	ck_assert_int_eq((int)e.hybrid.pico, 1);
	ck_assert(money_is_zero(e.savings));
}
END_TEST

/* ---- shares and rates: one reading for every flag -------------------- */

/*
 * Every share or rate flag (value name "N%" in a command's --help, the one
 * table cli_share_flags[]) must give the same result for N% and for the
 * fraction N/100. The commands are run for real, through their option
 * tables; each flag has base arguments under which it changes the result
 * (checked too, so the law is never vacuous). A new share flag in some
 * --help without a line in share_runs[] fails the test.
 */
struct share_run {
	const char *command, *flag;
	command_fn run;
	const char *args[14]; /* after the command name; @R, @S, @D: scratch files */
	const char *file;     /* a file the command writes whose text is compared too */
	bool inert;           /* the flag is accepted but changes no figure here */
};

static const struct share_run share_runs[] = {
	{"margin", "batch-share", cmd_margin, {"--revenue", "100000", "--cogs", "20000",
	 "--inference", "10000", "--format", "json"}, NULL, false},
	{"margin", "batch-price", cmd_margin, {"--revenue", "100000", "--cogs", "20000",
	 "--inference", "10000", "--format", "json"}, NULL, false},
	{"margin", "step", cmd_margin, {"--revenue", "100000", "--cogs", "20000",
	 "--inference", "10000", "--sweep", "share", "--format", "csv"}, NULL, false},
	{"plan", "growth", cmd_plan, {"--months", "3", "--format", "json"}, NULL, false},
	{"plan", "revenue-growth", cmd_plan, {"--months", "3", "--growth", "5%",
	 "--revenue", "100000", "--format", "json"}, NULL, false},
	{"sla", "target", cmd_sla, {"--submit", "02:00", "--deadline", "06:00",
	 "--format", "json"}, NULL, false},
	{"sla", "p-meet", cmd_sla, {"--deadline", "06:00", "--tz", "Australia/Sydney",
	 "--format", "json"}, NULL, false},
	{"reconcile", "min-success", cmd_reconcile, {"@R", "--as-of", "2026-06-01",
	 "--format", "json"}, NULL, false},
	{"merge", "min-success", cmd_merge, {"@S", "--format", "json"}, NULL, false},
	{"report", "growth", cmd_report, {"-o", "@D", "--gnuplot", "no-such-gnuplot"},
	 "growth-projection.csv", false},
	/* report takes plan's flags, but its pack has no revenue by month: the
	 * value must still parse alike, though no figure shows it. */
	{"report", "revenue-growth", cmd_report, {"-o", "@D", "--gnuplot",
	 "no-such-gnuplot", "--growth", "5%", "--revenue", "100000"},
	 "growth-projection.csv", true},
};

#define SHARE_RUNS (sizeof share_runs / sizeof share_runs[0])

static char share_dir[64];

static void share_scratch(void)
{
	static const char results[] =
		"{\"custom_id\":\"a-1\",\"result\":{\"type\":\"succeeded\",\"message\":"
		"{\"model\":\"claude-sonnet-4-5-20250929\",\"usage\":{\"input_tokens\":1000,"
		"\"output_tokens\":100}}}}\n"
		"{\"custom_id\":\"a-2\",\"result\":{\"type\":\"errored\",\"error\":{\"type\":"
		"\"error\",\"error\":{\"type\":\"overloaded_error\"}}}}\n"
		"{\"custom_id\":\"a-3\",\"result\":{\"type\":\"succeeded\",\"message\":"
		"{\"model\":\"claude-sonnet-4-5-20250929\",\"usage\":{\"input_tokens\":500,"
		"\"output_tokens\":50}}}}\n";
	char path[128];
	FILE *f;

	snprintf(share_dir, sizeof share_dir, "/tmp/test_share.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(share_dir));
	snprintf(path, sizeof path, "%s/r.jsonl", share_dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(results, f);
	fclose(f);
}

/* Runs a command as main would, stdout into a string and stderr (warnings)
 * into /dev/null; the status goes in front of the text. */
static char *share_command(command_fn run, const char *name, const char *const *args,
                           const char *flag, const char *value, const char *file)
{
	char *argv[24], *text = NULL, paths[3][128], extra[64];
	int argc = 0, saved = dup(2), null = open("/dev/null", O_WRONLY);
	size_t len = 0;
	struct cli ctx;
	struct diag d;
	enum status st;

	snprintf(paths[0], sizeof paths[0], "%s/r.jsonl", share_dir);
	snprintf(paths[1], sizeof paths[1], "%s/s.json", share_dir);
	snprintf(paths[2], sizeof paths[2], "%s/out", share_dir);
	argv[argc++] = (char *)name;
	for (; *args; args++)
		argv[argc++] = strcmp(*args, "@R") == 0 ? paths[0]
		             : strcmp(*args, "@S") == 0 ? paths[1]
		             : strcmp(*args, "@D") == 0 ? paths[2] : (char *)*args;
	if (flag) {
		snprintf(extra, sizeof extra, "--%s", flag);
		argv[argc++] = extra;
		argv[argc++] = (char *)value;
	}
	argv[argc] = NULL;
	memset(&ctx, 0, sizeof ctx);
	ctx.today = date_from_civil(2026, 11, 25);
	ck_assert_ptr_nonnull(ctx.out = open_memstream(&text, &len));
	fprintf(ctx.out, "status %d\n", 0);
	dup2(null, 2);
	st = run(argc, argv, &ctx, &d);
	dup2(saved, 2);
	close(saved);
	close(null);
	if (st != STATUS_OK && st != STATUS_THRESHOLD)
		fprintf(ctx.out, "%s\n", d.text);
	if (file && st == STATUS_OK) {
		char path[256], buf[4096];
		size_t n;
		FILE *f;
		snprintf(path, sizeof path, "%s/%s", paths[2], file);
		ck_assert_ptr_nonnull(f = fopen(path, "r"));
		while ((n = fread(buf, 1, sizeof buf, f)) > 0)
			fwrite(buf, 1, n, ctx.out);
		fclose(f);
	}
	fclose(ctx.out);
	cli_release(&ctx);
	text[7] = (char)('0' + (int)st); /* "status N" */
	return text;
}

/* value / 10^decimals with every decimal written: "0.250000", "-12.5000". */
static void scaled_text(int64_t v, int decimals, const char *suffix, char *buf,
                        size_t size)
{
	int64_t unit = 1, a = v < 0 ? -v : v;

	for (int i = 0; i < decimals; i++)
		unit *= 10;
	if (decimals == 0)
		snprintf(buf, size, "%s%" PRId64 "%s", v < 0 ? "-" : "", a, suffix);
	else
		snprintf(buf, size, "%s%" PRId64 ".%0*" PRId64 "%s", v < 0 ? "-" : "",
		         a / unit, decimals, a % unit, suffix);
}

/* The flags whose --help value name is N%, for each command in share_runs. */
static void share_flags_of(const char *name, command_fn run, char found[][32],
                           int *count)
{
	const char *const help[] = {"--help", NULL};
	char *text = share_command(run, name, help, NULL, NULL, NULL), *line;

	for (line = strstr(text, "\noptions:"); line && (line = strstr(line, "\n  "));) {
		char flag[64], value[64];
		line++;
		if (sscanf(line, " %*[-a-zA-Z,] --%63s %63s", flag, value) == 2 ||
		    sscanf(line, " --%63s %63s", flag, value) == 2)
			if (strcmp(value, "N%") == 0 && *count < 16)
				snprintf(found[(*count)++], 32, "%s", flag);
	}
	free(text);
}

START_TEST(every_share_flag_reads_a_percent_and_its_fraction_alike)
{
	char found[16][32];
	int count;

	seed(15);
	share_scratch();
	{ /* merge reads what reconcile --emit-summary writes */
		char path[128];
		const char *args[] = {"@R", "--as-of", "2026-06-01", "--emit-summary", path,
		                      "--format", "csv", NULL};
		snprintf(path, sizeof path, "%s/s.json", share_dir);
		free(share_command(cmd_reconcile, "reconcile", args, NULL, NULL, NULL));
	}
	/* The option tables, as --help shows them: every N% flag is in the one
	 * table of share flags and has a run here; every share flag is offered. */
	for (size_t r = 0; r < SHARE_RUNS; r++) {
		if (r > 0 && strcmp(share_runs[r].command, share_runs[r - 1].command) == 0)
			continue;
		count = 0;
		share_flags_of(share_runs[r].command, share_runs[r].run, found, &count);
		for (int i = 0; i < count; i++) {
			bool listed = false, run = false;
			for (const struct cli_share_flag *f = cli_share_flags; f->flag; f++)
				listed |= strcmp(f->flag, found[i]) == 0;
			for (size_t k = 0; k < SHARE_RUNS; k++)
				run |= strcmp(share_runs[k].command, share_runs[r].command) == 0 &&
				       strcmp(share_runs[k].flag, found[i]) == 0;
			ck_assert_msg(listed, "%s --%s takes N%% but is not in cli_share_flags",
			              share_runs[r].command, found[i]);
			ck_assert_msg(run, "%s --%s: add it to share_runs", share_runs[r].command,
			              found[i]);
		}
	}
	for (const struct cli_share_flag *f = cli_share_flags; f->flag; f++) {
		bool run = false;
		for (size_t k = 0; k < SHARE_RUNS; k++)
			run |= strcmp(share_runs[k].flag, f->flag) == 0;
		ck_assert_msg(run, "--%s is in cli_share_flags but no command runs it", f->flag);
	}
	/* The law, on boundaries and random values of each flag's kind. */
	for (size_t r = 0; r < SHARE_RUNS; r++) {
		const struct share_run *sr = &share_runs[r];
		const struct cli_share_flag *f = cli_share_flags;
		int places;
		int64_t one = 1, lo, hi;
		char *first = NULL;
		bool differs = false;

		while (strcmp(f->flag, sr->flag) != 0)
			f++;
		places = number_share_places(f->kind);
		for (int i = 0; i < places; i++)
			one *= 10;
		/* The bare form must be a fraction: at most 1, below it where a
		 * bare 1 is refused as ambiguous (growth, steps). */
		lo = f->kind == NUMBER_SHARE_GROWTH ? -one + 1
		   : f->kind == NUMBER_SHARE_STEP || f->kind == NUMBER_SHARE_PROBABILITY ? 1 : 0;
		hi = f->kind == NUMBER_SHARE_GROWTH || f->kind == NUMBER_SHARE_STEP ? one - 1 : one;
		for (int c = 0; c < 8; c++) {
			int64_t v = c == 0 ? lo : c == 1 ? hi : lo + below(hi - lo + 1);
			char fraction[64], percent[64], *a, *b;

			if (f->kind == NUMBER_SHARE_STEP)
				v = v < 5 ? 5 : v; /* a 1% step sweeps 101 rows: enough at 5 */
			scaled_text(v, places, "", fraction, sizeof fraction);
			scaled_text(v, places - 2, "%", percent, sizeof percent);
			a = share_command(sr->run, sr->command, sr->args, sr->flag, fraction, sr->file);
			b = share_command(sr->run, sr->command, sr->args, sr->flag, percent, sr->file);
			ck_assert_msg(strncmp(a, "status 0", 8) == 0 || strncmp(a, "status 6", 8) == 0,
			              "%s --%s %s: %.300s", sr->command, sr->flag, fraction, a);
			ck_assert_msg(strcmp(a, b) == 0, "%s --%s: %s and %s differ",
			              sr->command, sr->flag, fraction, percent);
			if (!first)
				first = a;
			else {
				differs |= strcmp(first, a) != 0;
				free(a);
			}
			free(b);
		}
		ck_assert_msg(differs || sr->inert, "%s --%s changes nothing under its "
		              "base arguments", sr->command, sr->flag);
		free(first);
	}
	{
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", share_dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

static Suite *properties_suite(void)
{
	Suite *s = suite_create("properties");
	TCase *tc = tcase_create("laws");

	tcase_add_unchecked_fixture(tc, load_catalogue, release_catalogue);
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, cost_is_monotone_in_every_token_class);
	tcase_add_test(tc, batch_cost_never_exceeds_sync_cost);
	tcase_add_test(tc, hybrid_cost_lies_between_batch_and_sync);
	tcase_add_test(tc, hybrid_of_equal_figures_is_that_figure);
	tcase_add_test(tc, per_request_costs_sum_to_the_cost_of_the_summed_tokens);
	tcase_add_test(tc, rounding_to_cents_moves_a_figure_by_at_most_half_a_cent);
	tcase_add_test(tc, money_overflow_is_reported_never_wrapped);
	tcase_add_test(tc, a_prompt_near_the_int64_limit_is_above_the_cliff_not_wrapped);
	tcase_add_test(tc, every_share_flag_reads_a_percent_and_its_fraction_alike);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(properties_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
