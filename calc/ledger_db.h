/*
 * ledger_db: the one door to the ledger's database, SQLite or PostgreSQL, so
 * that the ledger's commands are written once (calc/ledger_store.c) and give
 * the same results on both.
 *
 * A location is a PostgreSQL URI (postgresql://... or postgres://...), read
 * by libpq, or else a path to a SQLite database file. SQL is written once
 * with `?` placeholders; the PostgreSQL backend numbers them ($1, $2, ...).
 * Every value reaches the database as a bound parameter: nothing from a
 * file, a job key or a flag is ever spliced into SQL text.
 *
 * Invariants:
 * - ledger_db_where() and every message never hold the password of a URI
 *   (it is cut from the location and scrubbed from the server's messages).
 * - ledger_db_begin(db, true) takes the ledger's one write lock before
 *   anything is read (SQLite BEGIN IMMEDIATE; PostgreSQL a transaction-scoped
 *   advisory lock), so writers are serialised and a writer's checks hold
 *   until it commits. Readers see one consistent snapshot.
 * - Nothing is committed unless ledger_db_commit() succeeds; closing with a
 *   transaction open rolls it back, and so does a crash (both databases).
 * - A SQLite file is created with mode 0666 minus the user's umask (its -wal
 *   and -shm files follow it), in WAL mode, fsynced on every commit.
 */
#ifndef BATCHCALC_LEDGER_DB_H
#define BATCHCALC_LEDGER_DB_H

#include "../models/status.h"

#include <stdbool.h>
#include <stdint.h>

enum ledger_backend { LEDGER_SQLITE, LEDGER_POSTGRES };

struct ledger_db; /* opaque */

/* A bound parameter: text, a 64-bit integer or NULL. */
enum ledger_param_kind { LEDGER_NULL, LEDGER_TEXT, LEDGER_INT };
struct ledger_param {
	enum ledger_param_kind kind;
	const char *text;
	int64_t i;
};
#define LEDGER_P_TEXT(s) ((struct ledger_param){LEDGER_TEXT, (s), 0})
#define LEDGER_P_INT(n) ((struct ledger_param){LEDGER_INT, NULL, (int64_t)(n)})
#define LEDGER_P_NULL ((struct ledger_param){LEDGER_NULL, NULL, 0})

/* Rows of a query, every cell as text (NULL for SQL NULL), row-major. */
struct ledger_rows {
	int rows, cols;
	char **cells;
};

/*
 * The location given (--ledger), else BATCHCALC_LEDGER, else the default
 * SQLite file in the current directory.
 */
#define LEDGER_DEFAULT_PATH "batchcalc-ledger.sqlite"
const char *ledger_db_location(const char *flag);

/* What a command will do with the ledger. */
enum ledger_access {
	LEDGER_READ,   /* read only: a SQLite file the user may not write to (or
	                  whose directory they may not) is read as it stands */
	LEDGER_WRITE,  /* read and write; it must exist */
	LEDGER_CREATE, /* read and write; a missing SQLite file is created */
};

/*
 * Opens a location. A SQLite file that does not exist is created only for
 * LEDGER_CREATE (else STATUS_INPUT: "no ledger there yet"). A PostgreSQL
 * database must exist; its tables are the schema's business (ledger_schema.h).
 * Cannot connect or open: STATUS_IO, naming the location without password.
 */
enum status ledger_db_open(const char *location, enum ledger_access access,
                           struct ledger_db **out, struct diag *d);
/* Rolls back an open transaction and closes. NULL is fine. */
void ledger_db_close(struct ledger_db *db);

enum ledger_backend ledger_db_backend(const struct ledger_db *db);
/* "SQLite" or "PostgreSQL". */
const char *ledger_db_backend_name(const struct ledger_db *db);
/* The location as it may be shown: a path, or a URI without its password. */
const char *ledger_db_where(const struct ledger_db *db);

enum status ledger_db_begin(struct ledger_db *db, bool write, struct diag *d);
enum status ledger_db_commit(struct ledger_db *db, struct diag *d);
void ledger_db_rollback(struct ledger_db *db);

/*
 * Runs one statement with its `?` placeholders bound to params[0..n-1].
 * rows may be NULL (statements that return none); otherwise it receives
 * every row (release with ledger_rows_release). A failure is STATUS_IO
 * (cannot write, disk full, read-only, lock wait too long, server gone) or
 * STATUS_INPUT (not a ledger database), naming the location.
 */
enum status ledger_db_exec(struct ledger_db *db, const char *sql,
                           const struct ledger_param *params, int n,
                           struct ledger_rows *rows, struct diag *d);

/* Whether a table of that name exists (the schema's first question). */
enum status ledger_db_has_table(struct ledger_db *db, const char *table,
                                bool *exists, struct diag *d);

const char *ledger_rows_cell(const struct ledger_rows *r, int row, int col);
void ledger_rows_release(struct ledger_rows *r);

/* The location with the password of a URI cut out (userinfo or ?password=):
 * "postgresql://alice:***@db/ledger". */
void ledger_db_redact(const char *location, char *buf, size_t size);

#endif
