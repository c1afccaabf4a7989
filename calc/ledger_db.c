#include "ledger_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ledger_db_location(const char *flag)
{
	const char *env = getenv("BATCHCALC_LEDGER");

	if (flag)
		return flag;
	if (env && *env)
		return env;
	return LEDGER_DEFAULT_PATH;
}

static bool is_uri(const char *location)
{
	return strncmp(location, "postgresql://", 13) == 0 ||
	       strncmp(location, "postgres://", 11) == 0;
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Percent-decodes [s, s+n) into buf (libpq decodes the URI the same way). */
static void decode(const char *s, size_t n, char *buf, size_t size)
{
	size_t o = 0;

	for (size_t i = 0; i < n && o + 1 < size; i++) {
		if (s[i] == '%' && i + 2 < n && hex_value(s[i + 1]) >= 0 &&
		    hex_value(s[i + 2]) >= 0) {
			buf[o++] = (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
			i += 2;
		} else {
			buf[o++] = s[i];
		}
	}
	buf[o] = '\0';
}

/*
 * Finds the password of a URI: the userinfo's part after ':' (before the
 * '@' that ends the userinfo) or the value of a password= parameter. Sets
 * [*start, *end) in location; false when there is none.
 */
static bool find_password(const char *location, size_t *start, size_t *end,
                          size_t from)
{
	const char *scheme = strstr(location, "://");
	const char *auth, *at, *slash, *colon, *query, *p;

	if (!scheme)
		return false;
	auth = scheme + 3;
	slash = strpbrk(auth, "/?");
	at = strchr(auth, '@');
	if (from == 0 && at && (!slash || at < slash)) {
		colon = memchr(auth, ':', (size_t)(at - auth));
		if (colon) {
			*start = (size_t)(colon + 1 - location);
			*end = (size_t)(at - location);
			return true;
		}
	}
	query = strchr(location, '?');
	for (p = query; p && *p; p = strchr(p + 1, '&')) {
		if (strncmp(p + 1, "password=", 9) == 0 &&
		    (size_t)(p + 10 - location) >= from) {
			*start = (size_t)(p + 10 - location);
			*end = *start + strcspn(p + 10, "&");
			return true;
		}
	}
	return false;
}

void ledger_db_redact(const char *location, char *buf, size_t size)
{
	size_t start, end, from = 0, o = 0, i = 0, n = strlen(location);

	if (!is_uri(location)) {
		snprintf(buf, size, "%s", location);
		return;
	}
	while (find_password(location, &start, &end, from)) {
		for (; i < start && o + 1 < size; i++)
			buf[o++] = location[i];
		for (const char *m = "***"; *m && o + 1 < size; m++)
			buf[o++] = *m;
		i = end;
		from = end + 1;
		if (from > n)
			break;
	}
	for (; i < n && o + 1 < size; i++)
		buf[o++] = location[i];
	buf[o] = '\0';
}

static void scrub_one(char *text, size_t size, const char *secret)
{
	size_t len = strlen(secret);
	char *p;

	if (len == 0)
		return;
	while ((p = strstr(text, secret))) {
		size_t rest = strlen(p + len);
		if ((size_t)(p - text) + 3 + rest + 1 > size)
			rest = size - (size_t)(p - text) - 4;
		memmove(p + 3, p + len, rest);
		p[3 + rest] = '\0';
		memcpy(p, "***", 3);
	}
}

void ledger_db_scrub(const struct ledger_db *db, char *text, size_t size)
{
	scrub_one(text, size, db->secret);
	scrub_one(text, size, db->secret_raw);
}

enum status ledger_db_open(const char *location, enum ledger_access access,
                           struct ledger_db **out, struct diag *d)
{
	struct ledger_db *db;
	enum status st;

	*out = NULL;
	if (!*location)
		return diag_set(d, STATUS_USAGE, "--ledger: expected a SQLite file or a "
		                "postgresql:// URI, found \"\"");
	if (!(db = calloc(1, sizeof *db)))
		return diag_set(d, STATUS_IO, "out of memory");
	ledger_db_redact(location, db->where, sizeof db->where);
	if (is_uri(location)) {
		size_t start, end;
		if (find_password(location, &start, &end, 0) ||
		    find_password(location, &start, &end, 1)) {
			snprintf(db->secret_raw, sizeof db->secret_raw, "%.*s",
			         (int)(end - start), location + start);
			decode(location + start, end - start, db->secret, sizeof db->secret);
		}
		db->kind = LEDGER_POSTGRES;
		st = ledger_pg_open(db, location, d);
	} else {
		db->kind = LEDGER_SQLITE;
		st = ledger_sqlite_open(db, location, access, d);
	}
	if (st != STATUS_OK) {
		ledger_db_scrub(db, d->text, sizeof d->text);
		free(db);
		return st;
	}
	*out = db;
	return STATUS_OK;
}

void ledger_db_close(struct ledger_db *db)
{
	if (!db)
		return;
	if (db->in_transaction)
		ledger_db_rollback(db);
	db->ops->close(db);
	free(db);
}

enum ledger_backend ledger_db_backend(const struct ledger_db *db)
{
	return db->kind;
}

const char *ledger_db_backend_name(const struct ledger_db *db)
{
	return db->ops->name;
}

const char *ledger_db_where(const struct ledger_db *db)
{
	return db->where;
}

enum status ledger_db_begin(struct ledger_db *db, bool write, struct diag *d)
{
	enum status st = db->ops->begin(db, write, d);

	if (st == STATUS_OK)
		db->in_transaction = true;
	else
		ledger_db_scrub(db, d->text, sizeof d->text);
	return st;
}

enum status ledger_db_commit(struct ledger_db *db, struct diag *d)
{
	enum status st = ledger_db_exec(db, "COMMIT", NULL, 0, NULL, d);

	if (st != STATUS_OK)
		ledger_db_rollback(db);
	db->in_transaction = false;
	return st;
}

void ledger_db_rollback(struct ledger_db *db)
{
	struct diag ignored;

	/* Nothing to report: a failed rollback leaves the transaction to die
	 * with the connection, which rolls it back too. */
	(void)db->ops->exec(db, "ROLLBACK", NULL, 0, NULL, &ignored);
	db->in_transaction = false;
}

enum status ledger_db_exec(struct ledger_db *db, const char *sql,
                           const struct ledger_param *params, int n,
                           struct ledger_rows *rows, struct diag *d)
{
	enum status st;

	if (rows)
		memset(rows, 0, sizeof *rows);
	st = db->ops->exec(db, sql, params, n, rows, d);
	if (st != STATUS_OK) {
		ledger_db_scrub(db, d->text, sizeof d->text);
		if (rows)
			ledger_rows_release(rows);
	}
	return st;
}

enum status ledger_db_has_table(struct ledger_db *db, const char *table,
                                bool *exists, struct diag *d)
{
	enum status st = db->ops->has_table(db, table, exists, d);

	if (st != STATUS_OK)
		ledger_db_scrub(db, d->text, sizeof d->text);
	return st;
}

enum status ledger_rows_append(struct ledger_rows *r, int n, const char *const *cells,
                               struct diag *d)
{
	size_t used = (size_t)r->rows * (size_t)n;
	char **more = realloc(r->cells, (used + (size_t)n) * sizeof *more);

	if (!more)
		return diag_set(d, STATUS_IO, "out of memory");
	r->cells = more;
	r->cols = n;
	for (int i = 0; i < n; i++) {
		more[used + (size_t)i] = NULL;
		if (cells[i] && !(more[used + (size_t)i] = strdup(cells[i]))) {
			for (int k = 0; k < i; k++)
				free(more[used + (size_t)k]);
			return diag_set(d, STATUS_IO, "out of memory");
		}
	}
	r->rows++;
	return STATUS_OK;
}

const char *ledger_rows_cell(const struct ledger_rows *r, int row, int col)
{
	return r->cells[(size_t)row * (size_t)r->cols + (size_t)col];
}

void ledger_rows_release(struct ledger_rows *r)
{
	for (size_t i = 0; i < (size_t)r->rows * (size_t)r->cols; i++)
		free(r->cells[i]);
	free(r->cells);
	memset(r, 0, sizeof *r);
}
