/*
 * The PostgreSQL backend of ledger_db (libpq), for a ledger a team shares.
 * Statements go through PQexecParams, values as text parameters the server
 * casts to the column types; writers serialise on one advisory lock.
 */
#include "ledger_backend.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The advisory lock every writer takes: any constant that no other
 * application is likely to use ("batchcalc" in ASCII, truncated). */
#define WRITE_LOCK_KEY "7161634810495590253"

#define MAX_PARAMS 64

/* libpq's message as one line: its newlines and tabs (a message may run
 * over several lines, indented) become single spaces, trailing ones dropped. */
static void one_line(char *text, size_t size, const char *message)
{
	size_t o = 0;

	for (const char *p = message; *p && o + 1 < size; p++) {
		bool space = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t';
		if (space && (o == 0 || text[o - 1] == ' '))
			continue;
		text[o++] = space ? ' ' : *p;
	}
	while (o > 0 && text[o - 1] == ' ')
		o--;
	text[o] = '\0';
}

/* The server's message, one line, password scrubbed. */
static enum status fail(struct ledger_db *db, const char *what, const char *message,
                        struct diag *d)
{
	char text[DIAG_SIZE];

	one_line(text, sizeof text, message && *message ? message : "no message");
	ledger_db_scrub(db, text, sizeof text);
	if (PQstatus(db->handle) != CONNECTION_OK)
		return diag_set(d, STATUS_IO, "lost the connection to the ledger %s: %s",
		                db->where, text);
	return diag_set(d, STATUS_IO, "ledger %s: %s: %s", db->where, what, text);
}

/* "... ? ... ?" to "... $1 ... $2": the SQL is ours, with no ? in literals,
 * but quoted text is skipped all the same. */
static char *number_placeholders(const char *sql)
{
	size_t len = strlen(sql), o = 0;
	char *out = malloc(len * 4 + 1);
	bool quoted = false;
	int k = 0;

	if (!out)
		return NULL;
	for (const char *p = sql; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (*p == '?' && !quoted)
			o += (size_t)snprintf(out + o, 8, "$%d", ++k);
		else
			out[o++] = *p;
	}
	out[o] = '\0';
	return out;
}

static enum status run(struct ledger_db *db, const char *sql,
                       const struct ledger_param *params, int n,
                       struct ledger_rows *rows, struct diag *d)
{
	PGconn *conn = db->handle;
	const char *values[MAX_PARAMS];
	char ints[MAX_PARAMS][24];
	char *text;
	PGresult *res;
	ExecStatusType kind;
	enum status st = STATUS_OK;

	if (n > MAX_PARAMS)
		return diag_set(d, STATUS_IO, "internal error: %d parameters", n);
	for (int i = 0; i < n; i++) {
		switch (params[i].kind) {
		case LEDGER_NULL: values[i] = NULL; break;
		case LEDGER_TEXT: values[i] = params[i].text; break;
		case LEDGER_INT:
			snprintf(ints[i], sizeof ints[i], "%" PRId64, params[i].i);
			values[i] = ints[i];
			break;
		}
	}
	if (!(text = number_placeholders(sql)))
		return diag_set(d, STATUS_IO, "out of memory");
	res = PQexecParams(conn, text, n, NULL, values, NULL, NULL, 0);
	free(text);
	kind = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (kind != PGRES_COMMAND_OK && kind != PGRES_TUPLES_OK) {
		st = fail(db, "the server refused a statement",
		          res ? PQresultErrorMessage(res) : PQerrorMessage(conn), d);
		PQclear(res);
		return st;
	}
	if (rows && kind == PGRES_TUPLES_OK) {
		int cols = PQnfields(res), count = PQntuples(res);
		const char *cells[32];
		if (cols > 32)
			cols = 32;
		for (int r = 0; r < count && st == STATUS_OK; r++) {
			for (int c = 0; c < cols; c++)
				cells[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
			st = ledger_rows_append(rows, cols, cells, d);
		}
	}
	PQclear(res);
	return st;
}

static enum status begin(struct ledger_db *db, bool write, struct diag *d)
{
	enum status st;

	if (!write)
		/* One snapshot for everything a reader shows. */
		return run(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", NULL, 0,
		           NULL, d);
	/* The lock is released by COMMIT or ROLLBACK, or when the session dies.
	 * The lock's own failure is the one said, not the rollback's after it. */
	if ((st = run(db, "BEGIN", NULL, 0, NULL, d)) == STATUS_OK &&
	    (st = run(db, "SELECT pg_advisory_xact_lock(" WRITE_LOCK_KEY ")", NULL, 0,
	              NULL, d)) != STATUS_OK) {
		struct diag ignored;
		run(db, "ROLLBACK", NULL, 0, NULL, &ignored);
	}
	return st;
}

static enum status has_table(struct ledger_db *db, const char *table, bool *exists,
                             struct diag *d)
{
	struct ledger_param p = LEDGER_P_TEXT(table);
	struct ledger_rows rows = {0, 0, NULL};
	/* In the first schema of the search path, where CREATE TABLE puts it. */
	enum status st = run(db, "SELECT 1 FROM information_schema.tables WHERE "
	                     "table_schema = current_schema() AND table_name = ?",
	                     &p, 1, &rows, d);

	*exists = st == STATUS_OK && rows.rows > 0;
	ledger_rows_release(&rows);
	return st;
}

static void close_db(struct ledger_db *db)
{
	PQfinish(db->handle);
}

static const struct ledger_backend_ops ops = {
	"PostgreSQL", begin, run, has_table, close_db,
};

/* The server's notices (CREATE TABLE IF NOT EXISTS ... skipping) are not
 * the user's business. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

enum status ledger_pg_open(struct ledger_db *db, const char *uri, struct diag *d)
{
	/* Defaults first: a later keyword overrides, so the URI's own
	 * application_name or connect_timeout win. */
	const char *keys[] = {"application_name", "connect_timeout", "dbname", NULL};
	const char *values[] = {"batchcalc", "15", uri, NULL};
	PGconn *conn = PQconnectdbParams(keys, values, 1);
	enum status st;

	db->ops = &ops;
	db->handle = conn;
	if (!conn)
		return diag_set(d, STATUS_IO, "out of memory");
	if (PQstatus(conn) != CONNECTION_OK) {
		char text[DIAG_SIZE];
		one_line(text, sizeof text, PQerrorMessage(conn));
		ledger_db_scrub(db, text, sizeof text);
		PQfinish(conn);
		return diag_set(d, STATUS_IO, "cannot connect to the ledger %s: %s", db->where,
		                text);
	}
	PQsetNoticeProcessor(conn, quiet, NULL);
	/* UTC dates and plain text in, whatever the server's defaults. */
	if ((st = run(db, "SET TIME ZONE 'UTC'", NULL, 0, NULL, d)) ||
	    (st = run(db, "SET client_encoding = 'UTF8'", NULL, 0, NULL, d))) {
		PQfinish(conn);
		return st;
	}
	return STATUS_OK;
}
