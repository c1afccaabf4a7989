/*
 * ledger_backend: what calc/ledger_db.c asks of each database, and the state
 * they share. Only ledger_db.c, ledger_sqlite.c and ledger_pg.c include it.
 */
#ifndef BATCHCALC_LEDGER_BACKEND_H
#define BATCHCALC_LEDGER_BACKEND_H

#include "ledger_db.h"

#include <stddef.h>

struct ledger_backend_ops {
	const char *name;
	enum status (*begin)(struct ledger_db *db, bool write, struct diag *d);
	enum status (*exec)(struct ledger_db *db, const char *sql,
	                    const struct ledger_param *params, int n,
	                    struct ledger_rows *rows, struct diag *d);
	enum status (*has_table)(struct ledger_db *db, const char *table,
	                         bool *exists, struct diag *d);
	void (*close)(struct ledger_db *db);
};

struct ledger_db {
	const struct ledger_backend_ops *ops;
	enum ledger_backend kind;
	char where[512];     /* shown location: never the password */
	char secret[256];    /* the URI's password as given and decoded, to scrub */
	char secret_raw[256];
	bool in_transaction;
	void *handle;        /* sqlite3 * or PGconn * */
};

enum status ledger_sqlite_open(struct ledger_db *db, const char *path,
                               enum ledger_access access, struct diag *d);
enum status ledger_pg_open(struct ledger_db *db, const char *uri, struct diag *d);

/* Appends one row of n cells (copied; NULL stays NULL). */
enum status ledger_rows_append(struct ledger_rows *r, int n, const char *const *cells,
                               struct diag *d);

/* Replaces every occurrence of the password (either form) in text by "***". */
void ledger_db_scrub(const struct ledger_db *db, char *text, size_t size);

#endif
