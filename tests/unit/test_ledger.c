/*
 * The spend ledger's store, schema and FOCUS writer, on SQLite and, when
 * BATCHCALC_TEST_PG names a PostgreSQL server (make check starts one), on a
 * fresh database of it: every case runs on each backend it can reach.
 */
#include "../../calc/ledger_focus.h"
#include "../../calc/ledger_schema.h"
#include "../../calc/ledger_store.h"
#include "suite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_BACKENDS 2

struct backend {
	const char *name;
	char location[1024];
	char database[64]; /* PostgreSQL: the database made for the case */
};

/* A fresh ledger location per backend: a SQLite path that does not exist
 * yet, and a new PostgreSQL database. */
static int backends_open(struct backend out[MAX_BACKENDS], const char *tag)
{
	const char *pg = getenv("BATCHCALC_TEST_PG");
	int n = 0;

	memset(out, 0, MAX_BACKENDS * sizeof *out);
	out[n].name = "SQLite";
	snprintf(out[n].location, sizeof out[n].location, "/tmp/batchcalc-unit-%s-%ld.sqlite",
	         tag, (long)getpid());
	unlink(out[n].location);
	n++;
	if (pg && *pg) {
		struct ledger_db *admin;
		struct diag d;
		char sql[128];
		const char *at = strstr(pg, "/postgres?");
		ck_assert_msg(at != NULL, "BATCHCALC_TEST_PG: expected .../postgres?...");
		out[n].name = "PostgreSQL";
		snprintf(out[n].database, sizeof out[n].database, "unit_%s_%ld", tag, (long)getpid());
		snprintf(out[n].location, sizeof out[n].location, "%.*s/%s%s", (int)(at - pg), pg,
		         out[n].database, at + strlen("/postgres"));
		ck_assert_int_eq(ledger_db_open(pg, LEDGER_WRITE, &admin, &d), STATUS_OK);
		/* Test-made names, not data: the only SQL here built from text. */
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", out[n].database);
		ck_assert_int_eq(ledger_db_exec(admin, sql, NULL, 0, NULL, &d), STATUS_OK);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", out[n].database);
		ck_assert_msg(ledger_db_exec(admin, sql, NULL, 0, NULL, &d) == STATUS_OK, "%s", d.text);
		ledger_db_close(admin);
		n++;
	}
	return n;
}

static void backends_close(struct backend *b, int n)
{
	for (int i = 0; i < n; i++) {
		if (!*b[i].database) {
			char wal[1100];
			unlink(b[i].location);
			snprintf(wal, sizeof wal, "%s-wal", b[i].location);
			unlink(wal);
			snprintf(wal, sizeof wal, "%s-shm", b[i].location);
			unlink(wal);
			continue;
		}
		{
			struct ledger_db *admin;
			struct diag d;
			char sql[128];
			if (ledger_db_open(getenv("BATCHCALC_TEST_PG"), LEDGER_WRITE, &admin, &d))
				continue;
			snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", b[i].database);
			ledger_db_exec(admin, sql, NULL, 0, NULL, &d);
			ledger_db_close(admin);
		}
	}
}

/* ---- money as the columns hold it ----------------------------------------- */

START_TEST(money_text_round_trips_exactly)
{
	const money_raw max = ((money_raw)1 << 126) - 1 + ((money_raw)1 << 126);
	const money values[] = {{0}, {1}, {-1}, {10500000000}, {-855000000000000},
	                        {max}, {-max}, {-max - 1}};
	static const char *const bad[] = {"", "-", "1.5", "12a", " 1", "+1",
	                                  "1701411834604692317316873037158841057280"};
	char text[48];
	money back;

	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		ledger_money_text(values[i], text);
		ck_assert_msg(ledger_money_parse(text, &back), "%s", text);
		ck_assert(back.pico == values[i].pico);
	}
	ledger_money_text(values[3], text);
	ck_assert_str_eq(text, "10500000000");
	ledger_money_text(values[4], text);
	ck_assert_str_eq(text, "-855000000000000");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(!ledger_money_parse(bad[i], &back), "\"%s\" parsed", bad[i]);
}
END_TEST

/* ---- where the ledger is, and what may be shown of it --------------------- */

START_TEST(a_password_is_cut_from_every_place_a_uri_holds_it)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"postgresql://alice:s3cret@db.example/ledger", "postgresql://alice:***@db.example/ledger"},
		{"postgres://alice:p%40ss@db:5433/l?sslmode=require", "postgres://alice:***@db:5433/l?sslmode=require"},
		{"postgresql://db/l?user=bob&password=s3cret&sslmode=verify-full",
		 "postgresql://db/l?user=bob&password=***&sslmode=verify-full"},
		{"postgresql://a:x@db/l?password=y", "postgresql://a:***@db/l?password=***"},
		{"postgresql://alice@db/ledger", "postgresql://alice@db/ledger"},
		{"postgresql:///ledger?host=/tmp", "postgresql:///ledger?host=/tmp"},
		{"ledgers/a:b@c.sqlite", "ledgers/a:b@c.sqlite"},
	};
	char buf[256];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ledger_db_redact(cases[i].in, buf, sizeof buf);
		ck_assert_str_eq(buf, cases[i].out);
	}
}
END_TEST

START_TEST(the_location_is_the_flag_else_the_environment_else_the_default)
{
	unsetenv("BATCHCALC_LEDGER");
	ck_assert_str_eq(ledger_db_location(NULL), LEDGER_DEFAULT_PATH);
	setenv("BATCHCALC_LEDGER", "team.sqlite", 1);
	ck_assert_str_eq(ledger_db_location(NULL), "team.sqlite");
	ck_assert_str_eq(ledger_db_location("mine.sqlite"), "mine.sqlite");
	unsetenv("BATCHCALC_LEDGER");
}
END_TEST

/* ---- migrations ------------------------------------------------------------ */

static const char *const step1[] = {
	"CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
	"CREATE TABLE t1 (id {ID}, amount {MONEY} NOT NULL, n {INT} NOT NULL)",
};
static const char *const step2[] = {"CREATE TABLE t2 (x {INT})"};
static const char *const step3_broken[] = {"CREATE TABLE t3 (y {INT})", "NOT SQL AT ALL"};

static int count_rows(struct ledger_db *db, const char *sql)
{
	struct ledger_rows r;
	struct diag d;
	int n;

	ck_assert_msg(ledger_db_exec(db, sql, NULL, 0, &r, &d) == STATUS_OK, "%s", d.text);
	n = r.rows;
	ledger_rows_release(&r);
	return n;
}

START_TEST(migrations_run_once_in_order_roll_back_whole_and_refuse_newer)
{
	const struct ledger_migration steps[] = {{1, step1, 2}, {2, step2, 1},
	                                         {3, step3_broken, 2}};
	struct backend b[MAX_BACKENDS];
	int n = backends_open(b, "migrate");

	for (int i = 0; i < n; i++) {
		struct ledger_db *db;
		struct diag d;
		int version = -1;
		bool exists;
		struct ledger_param p[2] = {LEDGER_P_TEXT("123456789012345678901234567890"),
		                            LEDGER_P_INT(7)};

		ck_assert_msg(ledger_db_open(b[i].location, LEDGER_CREATE, &db, &d) == STATUS_OK,
		              "%s: %s", b[i].name, d.text);
		/* Nothing there, and not asked to create: no ledger. */
		ck_assert_int_eq(ledger_schema_apply(db, steps, 1, false, &version, &d), STATUS_INPUT);
		ck_assert_int_eq(ledger_schema_apply(db, steps, 1, true, &version, &d), STATUS_OK);
		ck_assert_int_eq(version, 1);
		ck_assert_int_eq(ledger_db_exec(db, "INSERT INTO t1 (amount, n) VALUES (?, ?)", p, 2,
		                                NULL, &d), STATUS_OK);
		/* Version 2 on top keeps the data; applying it again changes nothing. */
		ck_assert_int_eq(ledger_schema_apply(db, steps, 2, false, &version, &d), STATUS_OK);
		ck_assert_int_eq(version, 2);
		ck_assert_int_eq(ledger_schema_apply(db, steps, 2, false, &version, &d), STATUS_OK);
		ck_assert_int_eq(version, 2);
		ck_assert_int_eq(count_rows(db, "SELECT amount FROM t1 WHERE amount = "
		                 "'123456789012345678901234567890'"), 1);
		/* A step that fails leaves version 2, and none of its statements. */
		ck_assert_int_ne(ledger_schema_apply(db, steps, 3, false, &version, &d), STATUS_OK);
		ck_assert_int_eq(ledger_db_has_table(db, "t3", &exists, &d), STATUS_OK);
		ck_assert(!exists);
		ck_assert_int_eq(count_rows(db, "SELECT value FROM ledger_meta WHERE "
		                 "key = 'schema_version' AND value = '2'"), 1);
		/* A binary that knows only version 1 will not touch it. */
		ck_assert_int_eq(ledger_schema_apply(db, steps, 1, false, &version, &d),
		                 STATUS_REFUSED);
		ck_assert_msg(strstr(d.text, "schema version 2") != NULL, "%s", d.text);
		ledger_db_close(db);
	}
	backends_close(b, n);
}
END_TEST

/* ---- recording and reading ------------------------------------------------- */

static struct catalogue cat = {.version = "2026-11-25", .origin = "test catalogue",
                               .checksum = "0123456789abcdef"};

/* A figure of a job and model: input, cache read and output tokens at
 * Haiku-like rates (micro-dollars per million tokens). */
static struct ledger_figure figure(const char *job, const char *model, date_days day,
                                   int64_t requests, int64_t input, int64_t cached,
                                   int64_t output)
{
	static const int64_t batch[TOKEN_CLASS_COUNT] = {
		[TOKEN_INPUT] = 500000, [TOKEN_CACHE_READ] = 50000, [TOKEN_OUTPUT] = 2500000};
	struct ledger_figure g;
	bool overflow = false;

	memset(&g, 0, sizeof g);
	g.job = (char *)job;
	g.model = (char *)model;
	g.publisher = (char *)"Anthropic";
	g.price_day = day;
	g.price_from = date_from_civil(2025, 10, 1);
	g.outcomes[RECON_SUCCEEDED] = requests;
	g.outcomes[RECON_ERRORED] = 1;
	g.billed = requests;
	g.classes[TOKEN_INPUT].tokens = input;
	g.classes[TOKEN_CACHE_READ].tokens = cached;
	g.classes[TOKEN_OUTPUT].tokens = output;
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		struct ledger_class *k = &g.classes[c];
		k->batch_rate.micro = batch[c];
		k->sync_rate.micro = batch[c] * 2;
		k->batch = money_tokens_at(k->tokens, k->batch_rate, &overflow);
		k->sync = money_tokens_at(k->tokens, k->sync_rate, &overflow);
		g.batch_cost = money_add(g.batch_cost, k->batch, &overflow);
		g.sync_cost = money_add(g.sync_cost, k->sync, &overflow);
	}
	ck_assert(!overflow);
	return g;
}

static struct ledger_batch_in batch_in(const char *id, date_days created, const char *sha,
                                       const struct ledger_figure *figures, size_t n)
{
	static struct ledger_file file = {(char *)"results.jsonl", (char *)"anthropic",
	                                  "", 3};
	static struct ledger_error error = {(char *)"overloaded_error", 1};
	static struct ledger_check check = {(char *)"msgbatch_x", (char *)"request_counts.succeeded",
	                                    2, 2};
	struct ledger_batch_in b;

	memset(&b, 0, sizeof b);
	b.batch = id;
	b.provider = "anthropic";
	b.created = created;
	b.dated = true;
	b.has_ended = true;
	b.ended = created + 1;
	snprintf(b.sha256, sizeof b.sha256, "%s", sha);
	snprintf(file.sha256, sizeof file.sha256, "%s", sha);
	b.files = &file;
	b.file_count = 1;
	b.catalogue = &cat;
	b.lines = 3;
	b.figures = figures;
	b.figure_count = n;
	b.errors = &error;
	b.error_count = 1;
	b.checks = &check;
	b.check_count = 1;
	return b;
}

static enum status record(struct ledger *l, const struct ledger_batch_in *b, bool adjust,
                          date_days today, struct ledger_result *res)
{
	struct diag d;
	enum status st;

	ck_assert_int_eq(ledger_begin_write(l, &d), STATUS_OK);
	st = ledger_record(l, b, adjust, today, "2026-11-25T00:00:00Z", res, &d);
	if (st == STATUS_OK)
		ck_assert_msg(ledger_commit(l, &d) == STATUS_OK, "%s", d.text);
	else
		ledger_rollback(l);
	return st;
}

static money view_total(const struct ledger_view *v)
{
	money t = money_zero();
	bool overflow = false;

	for (size_t i = 0; i < v->figure_count; i++)
		t = money_add(t, v->figures[i].batch_cost, &overflow);
	return t;
}

#define SHA_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SHA_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define SHA_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

START_TEST(a_batch_is_recorded_once_and_read_back_exactly)
{
	date_days oct5 = date_from_civil(2026, 10, 5), nov25 = date_from_civil(2026, 11, 25);
	struct backend b[MAX_BACKENDS];
	int n = backends_open(b, "record");

	for (int i = 0; i < n; i++) {
		struct ledger_figure figs[2] = {
			figure("doc", "claude-haiku-4-5-20251001", oct5, 2, 1000000, 200000, 30000),
			figure("triage", "claude-haiku-4-5-20251001", oct5, 5, 7, 0, 3)};
		struct ledger_batch_in in = batch_in("msgbatch_01A", oct5, SHA_A, figs, 2);
		struct ledger_result res;
		struct ledger_view v;
		struct ledger *l;
		struct ledger_usage *usage;
		size_t usage_count;
		struct diag d;

		ck_assert_msg(ledger_open(b[i].location, LEDGER_CREATE, &l, &d) == STATUS_OK,
		              "%s: %s", b[i].name, d.text);
		ck_assert_int_eq(record(l, &in, false, nov25, &res), STATUS_OK);
		ck_assert_int_eq(res.outcome, LEDGER_RECORDED);
		ck_assert(res.batch.pico == figs[0].batch_cost.pico + figs[1].batch_cost.pico);
		/* Again: nothing changes. */
		ck_assert_int_eq(record(l, &in, false, nov25, &res), STATUS_OK);
		ck_assert_int_eq(res.outcome, LEDGER_UNCHANGED);

		ck_assert_int_eq(ledger_read(l, INT32_MIN, DATE_OPEN_END, &v, &d), STATUS_OK);
		ck_assert_uint_eq(v.entry_count, 1);
		ck_assert_uint_eq(v.figure_count, 2);
		ck_assert_str_eq(v.entries[0].batch, "msgbatch_01A");
		ck_assert_str_eq(v.entries[0].sha256, SHA_A);
		ck_assert_int_eq(v.entries[0].booked, oct5);
		ck_assert_int_eq(v.entries[0].ended, oct5 + 1);
		ck_assert_uint_eq(v.entries[0].file_count, 1);
		ck_assert_uint_eq(v.entries[0].error_count, 1);
		ck_assert_uint_eq(v.entries[0].check_count, 1);
		ck_assert_str_eq(v.entries[0].catalogue_sha256, "0123456789abcdef");
		for (size_t k = 0; k < 2; k++) {
			const struct ledger_figure *g = &v.figures[k];
			ck_assert_str_eq(g->job, figs[k].job);
			ck_assert_str_eq(g->publisher, "Anthropic");
			ck_assert_int_eq(g->price_from, figs[k].price_from);
			ck_assert(g->batch_cost.pico == figs[k].batch_cost.pico);
			ck_assert(g->sync_cost.pico == figs[k].sync_cost.pico);
			for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
				ck_assert_int_eq(g->classes[c].tokens, figs[k].classes[c].tokens);
				ck_assert(g->classes[c].batch.pico == figs[k].classes[c].batch.pico);
				ck_assert_int_eq(g->classes[c].sync_rate.micro,
				                 figs[k].classes[c].tokens ? figs[k].classes[c].sync_rate.micro : 0);
			}
		}
		/* By day x model x tier x class, for a bill check. */
		ck_assert_int_eq(ledger_usage_by_day(&v, &usage, &usage_count, &d), STATUS_OK);
		ck_assert_uint_eq(usage_count, 3);
		ck_assert_int_eq(usage[0].cls, TOKEN_INPUT);
		ck_assert_int_eq(usage[0].tokens, 1000007);
		ck_assert_int_eq(usage[1].cls, TOKEN_CACHE_READ);
		ck_assert_int_eq(usage[2].cls, TOKEN_OUTPUT);
		ck_assert_int_eq(usage[2].tokens, 30003);
		ck_assert_str_eq(usage[2].service_tier, "batch");
		free(usage);
		ledger_view_release(&v);
		ledger_close(l);
	}
	backends_close(b, n);
}
END_TEST

START_TEST(other_content_is_refused_then_replaced_or_adjusted)
{
	date_days oct5 = date_from_civil(2026, 10, 5), nov25 = date_from_civil(2026, 11, 25);
	struct backend b[MAX_BACKENDS];
	int n = backends_open(b, "adjust");

	for (int i = 0; i < n; i++) {
		struct ledger_figure first[1] = {
			figure("doc", "claude-haiku-4-5-20251001", oct5, 4, 4000, 0, 400)};
		struct ledger_figure second[2] = {
			figure("doc", "claude-haiku-4-5-20251001", oct5, 3, 3000, 0, 300),
			figure("late", "claude-haiku-4-5-20251001", oct5, 1, 1000, 0, 100)};
		struct ledger_figure third[1] = {
			figure("doc", "claude-haiku-4-5-20251001", oct5, 2, 2000, 0, 200)};
		struct ledger_batch_in a = batch_in("msgbatch_01A", oct5, SHA_A, first, 1);
		struct ledger_batch_in changed = batch_in("msgbatch_01A", oct5, SHA_B, second, 2);
		struct ledger_batch_in again = batch_in("msgbatch_01A", oct5, SHA_C, third, 1);
		struct ledger_result res;
		struct ledger_view v;
		struct ledger_month closed;
		struct ledger *l;
		struct diag d;
		bool already;
		money before;

		ck_assert_int_eq(ledger_open(b[i].location, LEDGER_CREATE, &l, &d), STATUS_OK);
		ck_assert_int_eq(record(l, &a, false, nov25, &res), STATUS_OK);
		/* Other content under the same id: refused, nothing changes. */
		ck_assert_int_eq(record(l, &changed, false, nov25, &res), STATUS_REFUSED);
		ck_assert_int_eq(ledger_read(l, INT32_MIN, DATE_OPEN_END, &v, &d), STATUS_OK);
		before = view_total(&v);
		ck_assert(before.pico == first[0].batch_cost.pico);
		ledger_view_release(&v);
		/* The month open, --adjust replaces. */
		ck_assert_int_eq(record(l, &changed, true, nov25, &res), STATUS_OK);
		ck_assert_int_eq(res.outcome, LEDGER_REPLACED);
		ck_assert_str_eq(res.previous, SHA_A);
		/* Closed: totals kept; other content is refused, --adjust books the
		 * difference on the day it is made. */
		ck_assert_int_eq(ledger_begin_write(l, &d), STATUS_OK);
		ck_assert_int_eq(ledger_close_month(l, 2026, 10, nov25, "2026-11-25T00:00:00Z",
		                                    &already, &closed, &d), STATUS_OK);
		ck_assert_int_eq(ledger_commit(l, &d), STATUS_OK);
		ck_assert(!already);
		ck_assert(closed.batch_cost.pico == second[0].batch_cost.pico +
		          second[1].batch_cost.pico);
		ck_assert_int_eq(closed.requests, 3 + 1 + 1 + 1);
		ck_assert_int_eq(record(l, &again, false, nov25, &res), STATUS_REFUSED);
		ck_assert_int_eq(record(l, &again, true, nov25, &res), STATUS_OK);
		ck_assert_int_eq(res.outcome, LEDGER_ADJUSTED);
		ck_assert_int_eq(res.booked, nov25);
		ck_assert(res.batch.pico == third[0].batch_cost.pico - second[0].batch_cost.pico -
		          second[1].batch_cost.pico);

		/* October as closed; November holds the adjustment, differences per job. */
		ck_assert_int_eq(ledger_read(l, date_from_civil(2026, 10, 1),
		                             date_from_civil(2026, 10, 31), &v, &d), STATUS_OK);
		ck_assert(view_total(&v).pico == closed.batch_cost.pico);
		ck_assert_ptr_nonnull(ledger_view_closed(&v, oct5));
		ledger_view_release(&v);
		ck_assert_int_eq(ledger_read(l, date_from_civil(2026, 11, 1),
		                             date_from_civil(2026, 11, 30), &v, &d), STATUS_OK);
		ck_assert_uint_eq(v.entry_count, 1);
		ck_assert(v.entries[0].adjustment);
		ck_assert_str_eq(v.entries[0].replaced, SHA_B);
		ck_assert_uint_eq(v.figure_count, 2);
		for (size_t k = 0; k < v.figure_count; k++) {
			const struct ledger_figure *g = &v.figures[k];
			ck_assert_int_eq(g->price_day, oct5);
			ck_assert_int_eq(g->booked, nov25);
			ck_assert_int_eq(g->outcomes[RECON_SUCCEEDED], -1);
			if (strcmp(g->job, "late") == 0)
				ck_assert_int_eq(g->classes[TOKEN_INPUT].tokens, -1000);
			else
				ck_assert_int_eq(g->classes[TOKEN_INPUT].tokens, -1000);
		}
		ledger_view_release(&v);
		/* The corrected content again: unchanged. A new batch of October:
		 * refused, or an adjustment. */
		ck_assert_int_eq(record(l, &again, true, nov25, &res), STATUS_OK);
		ck_assert_int_eq(res.outcome, LEDGER_UNCHANGED);
		{
			struct ledger_batch_in fresh = batch_in("msgbatch_01B", oct5 + 3, SHA_A, first, 1);
			ck_assert_int_eq(record(l, &fresh, false, nov25, &res), STATUS_REFUSED);
			ck_assert_int_eq(record(l, &fresh, true, nov25, &res), STATUS_OK);
			ck_assert_int_eq(res.outcome, LEDGER_ADJUSTED);
		}
		/* Closing again changes nothing. */
		ck_assert_int_eq(ledger_begin_write(l, &d), STATUS_OK);
		ck_assert_int_eq(ledger_close_month(l, 2026, 10, nov25 + 1, "x", &already, &closed,
		                                    &d), STATUS_OK);
		ck_assert_int_eq(ledger_commit(l, &d), STATUS_OK);
		ck_assert(already);
		ck_assert_int_eq(closed.closed_on, nov25);
		ledger_close(l);
	}
	backends_close(b, n);
}
END_TEST

/* ---- FOCUS ------------------------------------------------------------------ */

/* Splits one CSV record (RFC 4180: quotes around fields that need them);
 * an empty unquoted field is NULL. */
static int split(char *line, char **cells, bool *quoted, int max)
{
	int n = 0;
	char *w = line, *p = line;

	while (n < max) {
		cells[n] = w;
		quoted[n] = *p == '"';
		if (*p == '"') {
			for (p++; *p; p++) {
				if (*p == '"' && p[1] == '"')
					*w++ = *p++;
				else if (*p == '"')
					break;
				else
					*w++ = *p;
			}
			p++;
		} else {
			while (*p && *p != ',' && *p != '\r')
				*w++ = *p++;
		}
		n++;
		if (*p != ',') {
			*w = '\0';
			break;
		}
		*w++ = '\0';
		p++;
		w = p;
	}
	return n;
}

static int column(char **header, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(header[i], name) == 0)
			return i;
	ck_abort_msg("no column %s", name);
	return -1;
}

static bool iso_instant(const char *s)
{
	date_days day;
	const char *why;
	char date[DATE_TEXT_SIZE];

	if (strlen(s) != 20 || strcmp(s + 10, "T00:00:00Z") != 0)
		return false;
	snprintf(date, sizeof date, "%.10s", s);
	return date_parse(date, &day, &why);
}

/* FOCUS 1.2's rules, column by column, on what the ledger exports: the
 * mandatory columns present and not null, FOCUS columns before x_ ones,
 * ListUnitPrice x PricingQuantity = ListCost exactly and positive quantities
 * on usage rows, ChargeClass null except on corrections, ISO 8601 UTC times,
 * plain decimals, and BilledCost adding up to the ledger's batch cost. */
START_TEST(focus_export_follows_the_column_rules)
{
	static const char *const mandatory[] = {
		"BilledCost", "BillingAccountId", "BillingAccountName", "BillingCurrency",
		"BillingPeriodEnd", "BillingPeriodStart", "ChargeCategory", "ChargeDescription",
		"ChargePeriodEnd", "ChargePeriodStart", "ContractedCost", "EffectiveCost",
		"InvoiceIssuerName", "ListCost", "PricingQuantity", "PricingUnit", "ProviderName",
		"PublisherName", "ServiceCategory", "ServiceName"};
	date_days oct5 = date_from_civil(2026, 10, 5), nov25 = date_from_civil(2026, 11, 25);
	struct backend b[MAX_BACKENDS];
	int n = backends_open(b, "focus");

	for (int i = 0; i < n; i++) {
		struct ledger_figure first[2] = {
			figure("doc", "claude-haiku-4-5-20251001", oct5, 2, 1000000, 200000, 30000),
			figure("a,\"quoted\" job", "claude-haiku-4-5-20251001", oct5, 1, 333, 0, 7)};
		struct ledger_figure second[1] = {
			figure("doc", "claude-haiku-4-5-20251001", oct5, 1, 10, 0, 1)};
		struct ledger_batch_in a = batch_in("msgbatch_01A", oct5, SHA_A, first, 2);
		struct ledger_batch_in changed = batch_in("msgbatch_01A", oct5, SHA_B, second, 1);
		struct ledger_result res;
		struct ledger_month closed;
		struct ledger_view v;
		struct ledger *l;
		struct diag d;
		bool already, overflow = false;
		char *text = NULL, *line, *save = NULL, *header[64], *cells[64];
		bool quoted[64];
		size_t size = 0;
		int columns, rows = 0, corrections = 0;
		money billed = money_zero();
		FILE *out;

		ck_assert_int_eq(ledger_open(b[i].location, LEDGER_CREATE, &l, &d), STATUS_OK);
		ck_assert_int_eq(record(l, &a, false, nov25, &res), STATUS_OK);
		ck_assert_int_eq(ledger_begin_write(l, &d), STATUS_OK);
		ck_assert_int_eq(ledger_close_month(l, 2026, 10, nov25, "t", &already, &closed, &d),
		                 STATUS_OK);
		ck_assert_int_eq(ledger_commit(l, &d), STATUS_OK);
		ck_assert_int_eq(record(l, &changed, true, nov25, &res), STATUS_OK);
		ck_assert_int_eq(ledger_read(l, INT32_MIN, DATE_OPEN_END, &v, &d), STATUS_OK);
		out = open_memstream(&text, &size);
		ledger_focus_write(out, &v);
		fclose(out);

		line = strtok_r(text, "\n", &save);
		columns = split(line, header, quoted, 64);
		for (int k = 0; k < columns; k++)
			if (strncmp(header[k], "x_", 2) == 0)
				for (int m = k; m < columns; m++)
					ck_assert_msg(strncmp(header[m], "x_", 2) == 0, "%s after x_", header[m]);
		while ((line = strtok_r(NULL, "\n", &save))) {
			int got = split(line, cells, quoted, 64);
			bool correction;
			money list, unit, cost;
			const char *why;
			long long quantity;
			ck_assert_int_eq(got, columns);
			rows++;
			for (size_t m = 0; m < sizeof mandatory / sizeof mandatory[0]; m++)
				ck_assert_msg(*cells[column(header, columns, mandatory[m])],
				              "%s is null", mandatory[m]);
			correction = strcmp(cells[column(header, columns, "ChargeClass")], "Correction") == 0;
			ck_assert(correction || !*cells[column(header, columns, "ChargeClass")]);
			corrections += correction;
			ck_assert_str_eq(cells[column(header, columns, "ChargeCategory")], "Usage");
			ck_assert_str_eq(cells[column(header, columns, "ServiceCategory")],
			                 "AI and Machine Learning");
			ck_assert_str_eq(cells[column(header, columns, "PricingUnit")], "Tokens");
			ck_assert_str_eq(cells[column(header, columns, "BillingCurrency")], "USD");
			ck_assert(iso_instant(cells[column(header, columns, "ChargePeriodStart")]));
			ck_assert(iso_instant(cells[column(header, columns, "ChargePeriodEnd")]));
			ck_assert(iso_instant(cells[column(header, columns, "BillingPeriodStart")]));
			ck_assert(iso_instant(cells[column(header, columns, "BillingPeriodEnd")]));
			ck_assert(money_parse(cells[column(header, columns, "BilledCost")], &cost, &why));
			ck_assert(money_parse(cells[column(header, columns, "ListCost")], &list, &why));
			ck_assert_str_eq(cells[column(header, columns, "EffectiveCost")],
			                 cells[column(header, columns, "BilledCost")]);
			ck_assert_str_eq(cells[column(header, columns, "ContractedCost")],
			                 cells[column(header, columns, "ListCost")]);
			billed = money_add(billed, cost, &overflow);
			quantity = atoll(cells[column(header, columns, "PricingQuantity")]);
			ck_assert_str_eq(cells[column(header, columns, "PricingQuantity")],
			                 cells[column(header, columns, "ConsumedQuantity")]);
			if (correction) {
				ck_assert(!*cells[column(header, columns, "ListUnitPrice")]);
				ck_assert(*cells[column(header, columns, "x_AdjustmentDate")]);
				continue;
			}
			ck_assert_msg(quantity > 0, "ConsumedQuantity %lld on a usage row", quantity);
			ck_assert(money_parse(cells[column(header, columns, "ListUnitPrice")], &unit, &why));
			ck_assert(money_times(unit, quantity, &overflow).pico == list.pico);
			ck_assert(!*cells[column(header, columns, "x_AdjustmentDate")]);
		}
		ck_assert(!overflow);
		/* The batch: doc's 3 classes with tokens and the quoted job's 2; the
		 * correction: doc's 3 (cache reads went to 0) and the quoted job's
		 * 2 (gone from the new content). */
		ck_assert_int_eq(rows - corrections, 5);
		ck_assert_int_eq(corrections, 5);
		ck_assert(billed.pico == view_total(&v).pico);
		free(text);
		ledger_view_release(&v);
		ledger_close(l);
	}
	backends_close(b, n);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		money_text_round_trips_exactly,
		a_password_is_cut_from_every_place_a_uri_holds_it,
		the_location_is_the_flag_else_the_environment_else_the_default,
		migrations_run_once_in_order_roll_back_whole_and_refuse_newer,
		a_batch_is_recorded_once_and_read_back_exactly,
		other_content_is_refused_then_replaced_or_adjusted,
		focus_export_follows_the_column_rules,
	};
	return RUN_SUITE("ledger", tests);
}
