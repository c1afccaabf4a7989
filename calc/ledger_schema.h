/*
 * ledger_schema: the ledger's tables, created and migrated by batchcalc
 * itself, with the schema version stored in the database (ledger_meta).
 *
 * A migration is a list of statements taking the schema from version N-1 to
 * N, written once with three markers the backend fills in: {ID} (a 64-bit
 * generated key), {INT} (a 64-bit integer) and {MONEY} (an exact integer of
 * picodollars: TEXT in SQLite, which has no exact 128-bit type, NUMERIC(40)
 * in PostgreSQL). Money is never a floating-point column.
 *
 * Invariants:
 * - Migrations run inside one write transaction with the version bump: a
 *   failed or interrupted migration leaves the previous version intact, and
 *   two processes opening a new ledger at once create it once.
 * - A database whose version is newer than this binary knows is refused
 *   (STATUS_REFUSED), never written: an older batchcalc would not know what
 *   the newer columns mean.
 * - Token classes are rows (ledger_tokens.class holds token_class_name()),
 *   not columns, so a new token class needs no migration.
 */
#ifndef BATCHCALC_LEDGER_SCHEMA_H
#define BATCHCALC_LEDGER_SCHEMA_H

#include "ledger_db.h"

/* The version this binary writes. */
#define LEDGER_SCHEMA_VERSION 1

struct ledger_migration {
	int version;                 /* the version it produces */
	const char *const *statements;
	int count;
};

/*
 * Brings the ledger to the last version of `steps` (the built-in ones when
 * steps is NULL). Without `create`, a database with no ledger tables is
 * STATUS_INPUT ("no ledger there yet"). *version receives the version the
 * ledger is at afterwards.
 */
enum status ledger_schema_apply(struct ledger_db *db, const struct ledger_migration *steps,
                                int step_count, bool create, int *version,
                                struct diag *d);

/* The built-in migrations, oldest first. */
const struct ledger_migration *ledger_schema_steps(int *count);

#endif
