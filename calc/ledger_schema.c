#include "ledger_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Version 1.
 * ledger_batches: one row per batch id, with its latest content.
 * ledger_entries: what was recorded when: the batch's own entry (booked on
 *   its created day) and adjustments (booked on the day they were made),
 *   each with the catalogue it was priced with and its lines.
 * ledger_files: the results files of an entry, with their SHA-256.
 * ledger_figures: per entry, job, model, price day and context tier: the
 *   requests by outcome and the money, as billed and at sync rates.
 * ledger_tokens: per figure and token class: tokens, money and the rates.
 * ledger_errors: failures by type, per entry.
 * ledger_checks: what --batches (or a Bedrock manifest) stated against what
 *   the lines gave, per entry.
 * ledger_months: closed months, with their totals as closed.
 * Days are 'YYYY-MM-DD' text (UTC), so they sort and compare as text.
 */
static const char *const v1[] = {
	"CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
	"CREATE TABLE ledger_batches ("
	" batch_id TEXT PRIMARY KEY,"
	" provider TEXT NOT NULL,"
	" created TEXT NOT NULL,"
	" created_month TEXT NOT NULL,"
	" dated_by TEXT NOT NULL CHECK (dated_by IN ('batches', 'as-of')),"
	" ended TEXT,"
	" content_sha256 TEXT NOT NULL,"
	" recorded_at TEXT NOT NULL)",
	"CREATE TABLE ledger_entries ("
	" entry_id {ID},"
	" batch_id TEXT NOT NULL REFERENCES ledger_batches (batch_id),"
	" kind TEXT NOT NULL CHECK (kind IN ('batch', 'adjustment')),"
	" booked TEXT NOT NULL,"
	" booked_month TEXT NOT NULL,"
	" content_sha256 TEXT NOT NULL,"
	" replaced_sha256 TEXT,"
	" catalogue_version TEXT NOT NULL,"
	" catalogue_origin TEXT NOT NULL,"
	" catalogue_sha256 TEXT NOT NULL,"
	" overlay_origin TEXT,"
	" overlay_version TEXT,"
	" overlay_sha256 TEXT,"
	" lines {INT} NOT NULL,"
	" malformed_lines {INT} NOT NULL,"
	" duplicate_keys {INT} NOT NULL,"
	" recorded_at TEXT NOT NULL)",
	"CREATE INDEX ledger_entries_booked ON ledger_entries (booked)",
	"CREATE INDEX ledger_entries_batch ON ledger_entries (batch_id)",
	"CREATE TABLE ledger_files ("
	" entry_id {INT} NOT NULL REFERENCES ledger_entries (entry_id),"
	" name TEXT NOT NULL,"
	" sha256 TEXT NOT NULL,"
	" format TEXT NOT NULL,"
	" lines {INT} NOT NULL,"
	" PRIMARY KEY (entry_id, name))",
	"CREATE TABLE ledger_figures ("
	" figure_id {ID},"
	" entry_id {INT} NOT NULL REFERENCES ledger_entries (entry_id),"
	" job TEXT NOT NULL,"
	" model TEXT NOT NULL,"
	" publisher TEXT NOT NULL,"
	" price_day TEXT NOT NULL,"
	" price_from TEXT,"
	" long_context {INT} NOT NULL,"
	" succeeded {INT} NOT NULL,"
	" errored {INT} NOT NULL,"
	" canceled {INT} NOT NULL,"
	" expired {INT} NOT NULL,"
	" billed {INT} NOT NULL,"
	" batch_cost {MONEY} NOT NULL,"
	" sync_cost {MONEY} NOT NULL)",
	"CREATE INDEX ledger_figures_entry ON ledger_figures (entry_id)",
	"CREATE TABLE ledger_tokens ("
	" figure_id {INT} NOT NULL REFERENCES ledger_figures (figure_id),"
	" class TEXT NOT NULL,"
	" tokens {INT} NOT NULL,"
	" batch_cost {MONEY} NOT NULL,"
	" sync_cost {MONEY} NOT NULL,"
	" batch_rate {INT} NOT NULL,"
	" sync_rate {INT} NOT NULL,"
	" PRIMARY KEY (figure_id, class))",
	"CREATE TABLE ledger_errors ("
	" entry_id {INT} NOT NULL REFERENCES ledger_entries (entry_id),"
	" type TEXT NOT NULL,"
	" requests {INT} NOT NULL,"
	" PRIMARY KEY (entry_id, type))",
	"CREATE TABLE ledger_checks ("
	" entry_id {INT} NOT NULL REFERENCES ledger_entries (entry_id),"
	" position {INT} NOT NULL,"
	" subject TEXT NOT NULL,"
	" figure TEXT NOT NULL,"
	" stated {INT} NOT NULL,"
	" found {INT} NOT NULL,"
	" PRIMARY KEY (entry_id, position))",
	"CREATE TABLE ledger_months ("
	" month TEXT PRIMARY KEY,"
	" closed_at TEXT NOT NULL,"
	" closed_on TEXT NOT NULL,"
	" batch_cost {MONEY} NOT NULL,"
	" sync_cost {MONEY} NOT NULL,"
	" requests {INT} NOT NULL,"
	" entries {INT} NOT NULL)",
};

static const struct ledger_migration builtin[] = {
	{1, v1, (int)(sizeof v1 / sizeof v1[0])},
};

const struct ledger_migration *ledger_schema_steps(int *count)
{
	*count = (int)(sizeof builtin / sizeof builtin[0]);
	return builtin;
}

/* The statement with {ID}, {INT} and {MONEY} in the backend's types. */
static char *typed(const struct ledger_db *db, const char *sql)
{
	static const char *const marks[] = {"{ID}", "{INT}", "{MONEY}"};
	static const char *const sqlite[] = {"INTEGER PRIMARY KEY", "INTEGER", "TEXT"};
	static const char *const pg[] = {"BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
	                                 "BIGINT", "NUMERIC(40, 0)"};
	const char *const *types = ledger_db_backend(db) == LEDGER_SQLITE ? sqlite : pg;
	size_t cap = strlen(sql) * 4 + 64, o = 0;
	char *out = malloc(cap);

	if (!out)
		return NULL;
	for (const char *p = sql; *p;) {
		int m = -1;
		for (int i = 0; i < 3 && m < 0; i++)
			if (strncmp(p, marks[i], strlen(marks[i])) == 0)
				m = i;
		if (m < 0) {
			out[o++] = *p++;
			continue;
		}
		o += (size_t)snprintf(out + o, cap - o, "%s", types[m]);
		p += strlen(marks[m]);
	}
	out[o] = '\0';
	return out;
}

static enum status read_version(struct ledger_db *db, int *version, struct diag *d)
{
	struct ledger_rows rows;
	bool exists;
	enum status st;
	char *end;
	long v;

	*version = 0;
	if ((st = ledger_db_has_table(db, "ledger_meta", &exists, d)) || !exists)
		return st;
	if ((st = ledger_db_exec(db, "SELECT value FROM ledger_meta WHERE key = "
	                         "'schema_version'", NULL, 0, &rows, d)))
		return st;
	if (rows.rows != 1 || !ledger_rows_cell(&rows, 0, 0)) {
		ledger_rows_release(&rows);
		return diag_set(d, STATUS_INPUT, "%s: expected a batchcalc ledger with a "
		                "schema version, found a ledger_meta table without one",
		                ledger_db_where(db));
	}
	v = strtol(ledger_rows_cell(&rows, 0, 0), &end, 10);
	if (*end)
		v = 0;
	ledger_rows_release(&rows);
	if (v < 1 || v > 1000000)
		return diag_set(d, STATUS_INPUT, "%s: expected a schema version (a whole "
		                "number), found something else", ledger_db_where(db));
	*version = (int)v;
	return STATUS_OK;
}

static enum status refuse_newer(struct ledger_db *db, int version, int known,
                                struct diag *d)
{
	return diag_set(d, STATUS_REFUSED, "the ledger %s has schema version %d; this "
	                "batchcalc knows versions up to %d and will not touch it "
	                "(upgrade batchcalc)", ledger_db_where(db), version, known);
}

enum status ledger_schema_apply(struct ledger_db *db, const struct ledger_migration *steps,
                                int step_count, bool create, int *version,
                                struct diag *d)
{
	int latest, at;
	enum status st;

	if (!steps)
		steps = ledger_schema_steps(&step_count);
	latest = steps[step_count - 1].version;
	/* The common case, read-only: the ledger is already current. */
	if ((st = read_version(db, &at, d)))
		return st;
	if (at > latest)
		return refuse_newer(db, at, latest, d);
	if (at == 0 && !create)
		return diag_set(d, STATUS_INPUT, "%s: no ledger there yet (ledger add "
		                "creates it)", ledger_db_where(db));
	*version = at;
	if (at == latest)
		return STATUS_OK;

	/* Under the write lock, look again: another process may have migrated. */
	if ((st = ledger_db_begin(db, true, d)))
		return st;
	st = read_version(db, &at, d);
	if (st == STATUS_OK && at > latest)
		st = refuse_newer(db, at, latest, d);
	for (int i = 0; st == STATUS_OK && i < step_count; i++) {
		if (steps[i].version <= at)
			continue;
		for (int k = 0; st == STATUS_OK && k < steps[i].count; k++) {
			char *sql = typed(db, steps[i].statements[k]);
			st = sql ? ledger_db_exec(db, sql, NULL, 0, NULL, d)
			         : diag_set(d, STATUS_IO, "out of memory");
			free(sql);
		}
		if (st == STATUS_OK) {
			char text[16];
			struct ledger_param p[2] = {LEDGER_P_TEXT("schema_version"),
			                            LEDGER_P_TEXT(text)};
			snprintf(text, sizeof text, "%d", steps[i].version);
			st = ledger_db_exec(db, "DELETE FROM ledger_meta WHERE key = ?", p, 1,
			                    NULL, d);
			if (st == STATUS_OK)
				st = ledger_db_exec(db, "INSERT INTO ledger_meta (key, value) "
				                    "VALUES (?, ?)", p, 2, NULL, d);
			at = steps[i].version;
		}
	}
	if (st != STATUS_OK) {
		ledger_db_rollback(db);
		return st;
	}
	if ((st = ledger_db_commit(db, d)))
		return st;
	*version = at;
	return STATUS_OK;
}
