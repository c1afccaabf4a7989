/*
 * The SQLite backend of ledger_db (the embedded default): one file, WAL mode
 * so that readers never wait for a writer, fsynced on every commit, and a
 * busy timeout so that a second writer waits for the first instead of
 * failing.
 */
#include "ledger_backend.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How long a writer waits for another to commit before giving up. */
#define BUSY_TIMEOUT_MS 60000

static enum status fail(struct ledger_db *db, int rc, struct diag *d)
{
	sqlite3 *s = db->handle;
	const char *msg = s ? sqlite3_errmsg(s) : sqlite3_errstr(rc);
	int err = s ? sqlite3_system_errno(s) : 0;

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return diag_set(d, STATUS_IO, "the ledger %s is busy: another writer held "
		                "it for more than %d s", db->where, BUSY_TIMEOUT_MS / 1000);
	case SQLITE_FULL:
		return diag_set(d, STATUS_IO, "cannot write the ledger %s: the disk is full",
		                db->where);
	case SQLITE_READONLY:
		return diag_set(d, STATUS_IO, "cannot write the ledger %s: it is read-only",
		                db->where);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return diag_set(d, STATUS_INPUT, "%s: expected a batchcalc ledger (a SQLite "
		                "database), found %s", db->where, msg);
	case SQLITE_IOERR:
		/* A write the file system refused: a full disk, a quota or file size
		 * limit, a failing device. */
		return diag_set(d, STATUS_IO, "cannot write the ledger %s: the file system "
		                "refused a write (%s)", db->where, err ? strerror(err) : msg);
	case SQLITE_CANTOPEN:
		return diag_set(d, STATUS_IO, "cannot open the ledger %s: %s", db->where,
		                err ? strerror(err) : msg);
	default:
		break;
	}
	return diag_set(d, STATUS_IO, "ledger %s: %s", db->where, msg);
}

static enum status run(struct ledger_db *db, const char *sql,
                       const struct ledger_param *params, int n,
                       struct ledger_rows *rows, struct diag *d)
{
	sqlite3 *s = db->handle;
	sqlite3_stmt *stmt = NULL;
	enum status st = STATUS_OK;
	int rc = sqlite3_prepare_v2(s, sql, -1, &stmt, NULL);

	if (rc != SQLITE_OK)
		return fail(db, rc, d);
	for (int i = 0; i < n && rc == SQLITE_OK; i++) {
		switch (params[i].kind) {
		case LEDGER_NULL: rc = sqlite3_bind_null(stmt, i + 1); break;
		case LEDGER_INT: rc = sqlite3_bind_int64(stmt, i + 1, params[i].i); break;
		case LEDGER_TEXT:
			rc = sqlite3_bind_text(stmt, i + 1, params[i].text, -1, SQLITE_TRANSIENT);
			break;
		}
	}
	if (rc != SQLITE_OK) {
		st = fail(db, rc, d);
		sqlite3_finalize(stmt);
		return st;
	}
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		int cols = sqlite3_column_count(stmt);
		const char *cells[32];
		if (!rows)
			continue;
		if (cols > 32)
			cols = 32;
		for (int i = 0; i < cols; i++)
			cells[i] = sqlite3_column_type(stmt, i) == SQLITE_NULL
			           ? NULL : (const char *)sqlite3_column_text(stmt, i);
		if ((st = ledger_rows_append(rows, cols, cells, d)))
			break;
	}
	if (st == STATUS_OK && rc != SQLITE_DONE)
		st = fail(db, rc, d);
	sqlite3_finalize(stmt);
	return st;
}

static enum status begin(struct ledger_db *db, bool write, struct diag *d)
{
	/* IMMEDIATE takes the write lock now, not at the first write, so two
	 * writers never both read "not recorded yet" and then collide. */
	return run(db, write ? "BEGIN IMMEDIATE" : "BEGIN", NULL, 0, NULL, d);
}

static enum status has_table(struct ledger_db *db, const char *table, bool *exists,
                             struct diag *d)
{
	struct ledger_param p = LEDGER_P_TEXT(table);
	struct ledger_rows rows = {0, 0, NULL};
	enum status st = run(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' "
	                     "AND name = ?", &p, 1, &rows, d);

	*exists = st == STATUS_OK && rows.rows > 0;
	ledger_rows_release(&rows);
	return st;
}

static void close_db(struct ledger_db *db)
{
	sqlite3_close_v2(db->handle);
}

static const struct ledger_backend_ops ops = {
	"SQLite", begin, run, has_table, close_db,
};

/*
 * Puts the database in WAL mode (once; it persists in the file). Changing the
 * journal mode does not wait on the busy handler, so when several processes
 * open a new ledger at once the change is retried here until the busy
 * timeout: the others are only converting it too.
 */
static enum status wal_mode(struct ledger_db *db, struct diag *d)
{
	sqlite3 *s = db->handle;
	sqlite3_stmt *stmt;
	const struct timespec pause = {0, 10 * 1000 * 1000};
	bool wal = false;
	int rc;

	if (sqlite3_prepare_v2(s, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK) {
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			const char *mode = (const char *)sqlite3_column_text(stmt, 0);
			wal = mode && strcmp(mode, "wal") == 0;
		}
		sqlite3_finalize(stmt);
	}
	for (int waited = 0; !wal; waited += 10) {
		rc = sqlite3_exec(s, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return STATUS_OK;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
			return fail(db, rc, d);
		nanosleep(&pause, NULL);
	}
	return STATUS_OK;
}

/* A missing file is created here, with open(2)'s 0666 minus the umask, so
 * that the ledger's permissions are the user's choice (SQLite alone would
 * use 0644). An empty file is an empty SQLite database. */
static enum status create_file(struct ledger_db *db, const char *path, bool create,
                               struct diag *d)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode))
			return diag_set(d, STATUS_INPUT, "%s: expected a batchcalc ledger (a "
			                "SQLite database file), found a directory or device",
			                db->where);
		return STATUS_OK;
	}
	if (errno != ENOENT)
		return diag_set(d, STATUS_IO, "cannot open the ledger %s: %s", db->where,
		                strerror(errno));
	if (!create)
		return diag_set(d, STATUS_INPUT, "%s: no ledger there yet (ledger add "
		                "creates it)", db->where);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0 && errno != EEXIST)
		return diag_set(d, STATUS_IO, "cannot create the ledger %s: %s", db->where,
		                strerror(errno));
	if (fd >= 0)
		close(fd);
	return STATUS_OK;
}

/* Neither the file nor its directory may be written (a reader's copy, a
 * shared read-only mount): WAL mode would need to write its -shm file. */
static bool unwritable(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');

	if (access(path, W_OK) != 0)
		return true;
	if (!slash)
		return access(".", W_OK) != 0;
	snprintf(dir, sizeof dir, "%.*s", (int)(slash - path + 1), path);
	return access(dir, W_OK) != 0;
}

/* "file:PATH?immutable=1": read as it stands, without locks or the -shm
 * file WAL mode would otherwise create. */
static void immutable_uri(const char *path, char *buf, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = (size_t)snprintf(buf, size, "file:");

	for (const unsigned char *p = (const unsigned char *)path; *p && o + 4 < size; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20 || *p >= 0x7f) {
			buf[o++] = '%';
			buf[o++] = hex[*p >> 4];
			buf[o++] = hex[*p & 15];
		} else {
			buf[o++] = (char)*p;
		}
	}
	snprintf(buf + o, size - o, "?immutable=1");
}

enum status ledger_sqlite_open(struct ledger_db *db, const char *path,
                               enum ledger_access access, struct diag *d)
{
	char uri[8192];
	sqlite3 *s = NULL;
	enum status st;
	int rc;

	db->ops = &ops;
	if ((st = create_file(db, path, access == LEDGER_CREATE, d)))
		return st;
	if (access == LEDGER_READ && unwritable(path)) {
		immutable_uri(path, uri, sizeof uri);
		rc = sqlite3_open_v2(uri, &s, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
		                     SQLITE_OPEN_FULLMUTEX, NULL);
	} else {
		rc = sqlite3_open_v2(path, &s, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
		                     NULL);
	}
	db->handle = s;
	if (rc != SQLITE_OK) {
		st = fail(db, rc, d);
		sqlite3_close_v2(s);
		return st;
	}
	sqlite3_extended_result_codes(s, 1);
	sqlite3_busy_timeout(s, BUSY_TIMEOUT_MS);
	/* WAL: readers never block the writer; FULL: a commit that returned is
	 * on disk. Both persist in the file once set; a read-only file keeps
	 * whatever mode it has. */
	/* A small page cache: a ledger's transactions are a few thousand rows,
	 * and `ledger add` should need no more memory than reconcile. */
	if ((st = run(db, "PRAGMA foreign_keys = ON", NULL, 0, NULL, d)) ||
	    (st = run(db, "PRAGMA synchronous = FULL", NULL, 0, NULL, d)) ||
	    (st = run(db, "PRAGMA cache_size = -256", NULL, 0, NULL, d))) {
		sqlite3_close_v2(s);
		return st;
	}
	if (sqlite3_db_readonly(s, "main") == 0 && (st = wal_mode(db, d))) {
		sqlite3_close_v2(s);
		return st;
	}
	return STATUS_OK;
}
