#include "ledger_store.h"

#include "ledger_schema.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ledger {
	struct ledger_db *db;
	int version;
};

enum status ledger_open(const char *location, enum ledger_access access,
                        struct ledger **out, struct diag *d)
{
	struct ledger *l = calloc(1, sizeof *l);
	enum status st;

	*out = NULL;
	if (!l)
		return diag_set(d, STATUS_IO, "out of memory");
	if ((st = ledger_db_open(location, access, &l->db, d)) ||
	    (st = ledger_schema_apply(l->db, NULL, 0, access == LEDGER_CREATE, &l->version,
	                              d))) {
		ledger_db_close(l->db);
		free(l);
		return st;
	}
	*out = l;
	return STATUS_OK;
}

void ledger_close(struct ledger *l)
{
	if (!l)
		return;
	ledger_db_close(l->db);
	free(l);
}

const char *ledger_where(const struct ledger *l)
{
	return ledger_db_where(l->db);
}

struct ledger_db *ledger_database(struct ledger *l)
{
	return l->db;
}

/* ---- values as the columns hold them ------------------------------------ */

void ledger_money_text(money m, char buf[48])
{
	char digits[48];
	money_raw v = m.pico;
	int n = 0, o = 0;

	/* Digit by digit from the value itself, so the most negative one works. */
	do {
		int digit = (int)(v % 10);
		digits[n++] = (char)('0' + (digit < 0 ? -digit : digit));
		v /= 10;
	} while (v);
	if (m.pico < 0)
		buf[o++] = '-';
	while (n)
		buf[o++] = digits[--n];
	buf[o] = '\0';
}

bool ledger_money_parse(const char *text, money *out)
{
	const money_raw min = -(((money_raw)1 << 126) - 1 + ((money_raw)1 << 126)) - 1;
	money_raw v = 0;
	bool negative = *text == '-';
	const char *p = text + negative;

	if (!*p)
		return false;
	/* Accumulated negative, so that the most negative value fits too. */
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || v < (min + (*p - '0')) / 10)
			return false;
		v = v * 10 - (*p - '0');
	}
	if (!negative && v == min)
		return false;
	out->pico = negative ? v : -v;
	return true;
}

static void month_text(date_days day, char buf[8])
{
	int y, m, dd;

	date_to_civil(day, &y, &m, &dd);
	snprintf(buf, 8, "%04d-%02d", y, m);
}

static enum status bad_cell(const struct ledger *l, const char *column, const char *text,
                            struct diag *d)
{
	return diag_set(d, STATUS_INPUT, "ledger %s: %s: expected a value batchcalc "
	                "wrote, found \"%.60s\"", ledger_db_where(l->db), column,
	                text ? text : "NULL");
}

static enum status cell_int(const struct ledger *l, const struct ledger_rows *r, int row,
                            int col, const char *column, int64_t *out, struct diag *d)
{
	const char *text = ledger_rows_cell(r, row, col);
	char *end;
	long long v;

	if (!text || !*text)
		return bad_cell(l, column, text, d);
	v = strtoll(text, &end, 10);
	if (*end)
		return bad_cell(l, column, text, d);
	*out = (int64_t)v;
	return STATUS_OK;
}

static enum status cell_money(const struct ledger *l, const struct ledger_rows *r,
                              int row, int col, const char *column, money *out,
                              struct diag *d)
{
	const char *text = ledger_rows_cell(r, row, col);

	if (!text || !ledger_money_parse(text, out))
		return bad_cell(l, column, text, d);
	return STATUS_OK;
}

/* A day, or (nullable) DATE_OPEN_END for NULL. */
static enum status cell_day(const struct ledger *l, const struct ledger_rows *r, int row,
                            int col, const char *column, bool nullable, date_days *out,
                            struct diag *d)
{
	const char *text = ledger_rows_cell(r, row, col), *why;

	if (!text && nullable) {
		*out = DATE_OPEN_END;
		return STATUS_OK;
	}
	if (!text || !date_parse(text, out, &why))
		return bad_cell(l, column, text, d);
	return STATUS_OK;
}

static enum status cell_text(const struct ledger_rows *r, int row, int col, char **out,
                             struct diag *d)
{
	const char *text = ledger_rows_cell(r, row, col);

	if (!(*out = strdup(text ? text : "")))
		return diag_set(d, STATUS_IO, "out of memory");
	return STATUS_OK;
}

static enum status cell_digest(const struct ledger *l, const struct ledger_rows *r,
                               int row, int col, const char *column, char *out,
                               size_t size, struct diag *d)
{
	const char *text = ledger_rows_cell(r, row, col);

	if (!text || strlen(text) + 1 > size)
		return bad_cell(l, column, text, d);
	memcpy(out, text, strlen(text) + 1);
	return STATUS_OK;
}

/* ---- reading ------------------------------------------------------------ */

void ledger_view_release(struct ledger_view *v)
{
	for (size_t i = 0; i < v->entry_count; i++) {
		struct ledger_entry *e = &v->entries[i];
		free(e->batch);
		free(e->provider);
		free(e->catalogue_version);
		free(e->catalogue_origin);
		for (size_t k = 0; k < e->file_count; k++) {
			free(e->files[k].name);
			free(e->files[k].format);
		}
		free(e->files);
		for (size_t k = 0; k < e->error_count; k++)
			free(e->errors[k].type);
		free(e->errors);
		for (size_t k = 0; k < e->check_count; k++) {
			free(e->checks[k].subject);
			free(e->checks[k].figure);
		}
		free(e->checks);
	}
	free(v->entries);
	for (size_t i = 0; i < v->figure_count; i++) {
		free(v->figures[i].job);
		free(v->figures[i].model);
		free(v->figures[i].publisher);
	}
	free(v->figures);
	free(v->months);
	free(v->by_id);
	memset(v, 0, sizeof *v);
}

/* Entries by id, for the rows that name their entry. */
struct entry_key {
	int64_t id;
	size_t at;
};

static int entry_key_cmp(const void *a, const void *b)
{
	const struct entry_key *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static enum status index_entries(struct ledger_view *v, struct diag *d)
{
	struct entry_key *keys = calloc(v->entry_count ? v->entry_count : 1, sizeof *keys);

	if (!keys)
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t i = 0; i < v->entry_count; i++) {
		keys[i].id = v->entries[i].id;
		keys[i].at = i;
	}
	qsort(keys, v->entry_count, sizeof *keys, entry_key_cmp);
	v->by_id = keys;
	return STATUS_OK;
}

static struct ledger_entry *entry_by_id(struct ledger_view *v, int64_t id)
{
	struct entry_key key = {id, 0}, *found;

	found = bsearch(&key, v->by_id, v->entry_count, sizeof key, entry_key_cmp);
	return found ? &v->entries[found->at] : NULL;
}

/* Which rows: entries booked in a period, or every entry of one batch. The
 * SQL around it is constant text; the values are parameters. */
struct filter {
	const char *where;
	struct ledger_param params[2];
	int count;
};

static enum status read_entries(struct ledger *l, const struct filter *f,
                                struct ledger_view *v, struct diag *d)
{
	char sql[1024];
	struct ledger_rows r;
	enum status st;

	snprintf(sql, sizeof sql,
	         "SELECT e.entry_id, e.batch_id, b.provider, e.kind, e.booked, b.created, "
	         "b.ended, e.content_sha256, e.replaced_sha256, e.catalogue_version, "
	         "e.catalogue_origin, e.catalogue_sha256, e.lines, e.malformed_lines, "
	         "e.duplicate_keys FROM ledger_entries e JOIN ledger_batches b "
	         "ON b.batch_id = e.batch_id WHERE %s "
	         "ORDER BY e.booked, e.batch_id, e.entry_id", f->where);
	if ((st = ledger_db_exec(l->db, sql, f->params, f->count, &r, d)))
		return st;
	if (!(v->entries = calloc(r.rows ? (size_t)r.rows : 1, sizeof *v->entries))) {
		ledger_rows_release(&r);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (int i = 0; i < r.rows && st == STATUS_OK; i++) {
		struct ledger_entry *e = &v->entries[v->entry_count++];
		const char *kind = ledger_rows_cell(&r, i, 3);
		if ((st = cell_int(l, &r, i, 0, "ledger_entries.entry_id", &e->id, d)) ||
		    (st = cell_text(&r, i, 1, &e->batch, d)) ||
		    (st = cell_text(&r, i, 2, &e->provider, d)) ||
		    (st = cell_day(l, &r, i, 4, "ledger_entries.booked", false, &e->booked, d)) ||
		    (st = cell_day(l, &r, i, 5, "ledger_batches.created", false, &e->created, d)) ||
		    (st = cell_day(l, &r, i, 6, "ledger_batches.ended", true, &e->ended, d)) ||
		    (st = cell_digest(l, &r, i, 7, "ledger_entries.content_sha256", e->sha256,
		                      sizeof e->sha256, d)) ||
		    (ledger_rows_cell(&r, i, 8) &&
		     (st = cell_digest(l, &r, i, 8, "ledger_entries.replaced_sha256",
		                       e->replaced, sizeof e->replaced, d))) ||
		    (st = cell_text(&r, i, 9, &e->catalogue_version, d)) ||
		    (st = cell_text(&r, i, 10, &e->catalogue_origin, d)) ||
		    (st = cell_digest(l, &r, i, 11, "ledger_entries.catalogue_sha256",
		                      e->catalogue_sha256, sizeof e->catalogue_sha256, d)) ||
		    (st = cell_int(l, &r, i, 12, "ledger_entries.lines", &e->lines, d)) ||
		    (st = cell_int(l, &r, i, 13, "ledger_entries.malformed_lines",
		                   &e->malformed, d)) ||
		    (st = cell_int(l, &r, i, 14, "ledger_entries.duplicate_keys",
		                   &e->duplicates, d)))
			break;
		e->has_ended = e->ended != DATE_OPEN_END;
		if (!kind || (strcmp(kind, "batch") != 0 && strcmp(kind, "adjustment") != 0))
			st = bad_cell(l, "ledger_entries.kind", kind, d);
		else
			e->adjustment = strcmp(kind, "adjustment") == 0;
	}
	ledger_rows_release(&r);
	return st;
}

static enum status read_files(struct ledger *l, const struct filter *f,
                              struct ledger_view *v, struct diag *d)
{
	char sql[1024];
	struct ledger_rows r;
	enum status st;

	snprintf(sql, sizeof sql,
	         "SELECT f.entry_id, f.name, f.sha256, f.format, f.lines FROM ledger_files f "
	         "JOIN ledger_entries e ON e.entry_id = f.entry_id WHERE %s "
	         "ORDER BY f.entry_id, f.name", f->where);
	if ((st = ledger_db_exec(l->db, sql, f->params, f->count, &r, d)))
		return st;
	for (int i = 0; i < r.rows && st == STATUS_OK; i++) {
		int64_t id;
		struct ledger_entry *e;
		struct ledger_file *more, *file;
		if ((st = cell_int(l, &r, i, 0, "ledger_files.entry_id", &id, d)))
			break;
		if (!(e = entry_by_id(v, id))) {
			st = bad_cell(l, "ledger_files.entry_id", ledger_rows_cell(&r, i, 0), d);
			break;
		}
		if (!(more = realloc(e->files, (e->file_count + 1) * sizeof *more))) {
			st = diag_set(d, STATUS_IO, "out of memory");
			break;
		}
		e->files = more;
		file = &more[e->file_count++];
		memset(file, 0, sizeof *file);
		if ((st = cell_text(&r, i, 1, &file->name, d)) ||
		    (st = cell_digest(l, &r, i, 2, "ledger_files.sha256", file->sha256,
		                      sizeof file->sha256, d)) ||
		    (st = cell_text(&r, i, 3, &file->format, d)))
			break;
		st = cell_int(l, &r, i, 4, "ledger_files.lines", &file->lines, d);
	}
	ledger_rows_release(&r);
	return st;
}

static enum status read_errors(struct ledger *l, const struct filter *f,
                               struct ledger_view *v, struct diag *d)
{
	char sql[1024];
	struct ledger_rows r;
	enum status st;

	snprintf(sql, sizeof sql,
	         "SELECT x.entry_id, x.type, x.requests FROM ledger_errors x "
	         "JOIN ledger_entries e ON e.entry_id = x.entry_id WHERE %s "
	         "ORDER BY x.entry_id, x.type", f->where);
	if ((st = ledger_db_exec(l->db, sql, f->params, f->count, &r, d)))
		return st;
	for (int i = 0; i < r.rows && st == STATUS_OK; i++) {
		int64_t id;
		struct ledger_entry *e;
		struct ledger_error *more;
		if ((st = cell_int(l, &r, i, 0, "ledger_errors.entry_id", &id, d)))
			break;
		if (!(e = entry_by_id(v, id))) {
			st = bad_cell(l, "ledger_errors.entry_id", ledger_rows_cell(&r, i, 0), d);
			break;
		}
		if (!(more = realloc(e->errors, (e->error_count + 1) * sizeof *more))) {
			st = diag_set(d, STATUS_IO, "out of memory");
			break;
		}
		e->errors = more;
		more[e->error_count].type = NULL;
		if ((st = cell_text(&r, i, 1, &more[e->error_count].type, d)))
			break;
		st = cell_int(l, &r, i, 2, "ledger_errors.requests",
		              &more[e->error_count++].requests, d);
	}
	ledger_rows_release(&r);
	return st;
}

static enum status read_checks(struct ledger *l, const struct filter *f,
                               struct ledger_view *v, struct diag *d)
{
	char sql[1024];
	struct ledger_rows r;
	enum status st;

	snprintf(sql, sizeof sql,
	         "SELECT c.entry_id, c.subject, c.figure, c.stated, c.found FROM "
	         "ledger_checks c JOIN ledger_entries e ON e.entry_id = c.entry_id "
	         "WHERE %s ORDER BY c.entry_id, c.position", f->where);
	if ((st = ledger_db_exec(l->db, sql, f->params, f->count, &r, d)))
		return st;
	for (int i = 0; i < r.rows && st == STATUS_OK; i++) {
		int64_t id;
		struct ledger_entry *e;
		struct ledger_check *more, *c;
		if ((st = cell_int(l, &r, i, 0, "ledger_checks.entry_id", &id, d)))
			break;
		if (!(e = entry_by_id(v, id))) {
			st = bad_cell(l, "ledger_checks.entry_id", ledger_rows_cell(&r, i, 0), d);
			break;
		}
		if (!(more = realloc(e->checks, (e->check_count + 1) * sizeof *more))) {
			st = diag_set(d, STATUS_IO, "out of memory");
			break;
		}
		e->checks = more;
		c = &more[e->check_count++];
		memset(c, 0, sizeof *c);
		if ((st = cell_text(&r, i, 1, &c->subject, d)) ||
		    (st = cell_text(&r, i, 2, &c->figure, d)) ||
		    (st = cell_int(l, &r, i, 3, "ledger_checks.stated", &c->stated, d)))
			break;
		st = cell_int(l, &r, i, 4, "ledger_checks.found", &c->found, d);
	}
	ledger_rows_release(&r);
	return st;
}

struct figure_index {
	int64_t id;
	size_t at;
};

static int figure_index_cmp(const void *a, const void *b)
{
	const struct figure_index *x = a, *y = b;
	return (x->id > y->id) - (x->id < y->id);
}

static enum status class_of(const struct ledger *l, const char *name,
                            enum token_class *out, struct diag *d)
{
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (name && strcmp(name, token_class_name((enum token_class)c)) == 0) {
			*out = (enum token_class)c;
			return STATUS_OK;
		}
	return diag_set(d, STATUS_REFUSED, "ledger %s: token class \"%.60s\" is not one "
	                "this batchcalc knows (recorded by a newer one? upgrade batchcalc)",
	                ledger_db_where(l->db), name ? name : "NULL");
}

static enum status read_tokens(struct ledger *l, const struct filter *f,
                               struct ledger_view *v, struct figure_index *index,
                               struct diag *d)
{
	char sql[1024];
	struct ledger_rows r;
	enum status st;

	snprintf(sql, sizeof sql,
	         "SELECT t.figure_id, t.class, t.tokens, t.batch_cost, t.sync_cost, "
	         "t.batch_rate, t.sync_rate FROM ledger_tokens t "
	         "JOIN ledger_figures g ON g.figure_id = t.figure_id "
	         "JOIN ledger_entries e ON e.entry_id = g.entry_id WHERE %s", f->where);
	if ((st = ledger_db_exec(l->db, sql, f->params, f->count, &r, d)))
		return st;
	for (int i = 0; i < r.rows && st == STATUS_OK; i++) {
		struct figure_index key, *found;
		struct ledger_class *c;
		enum token_class cls = TOKEN_INPUT;
		int64_t batch_rate, sync_rate;
		if ((st = cell_int(l, &r, i, 0, "ledger_tokens.figure_id", &key.id, d)))
			break;
		found = bsearch(&key, index, v->figure_count, sizeof *index, figure_index_cmp);
		if (!found) {
			st = bad_cell(l, "ledger_tokens.figure_id", ledger_rows_cell(&r, i, 0), d);
			break;
		}
		if ((st = class_of(l, ledger_rows_cell(&r, i, 1), &cls, d)))
			break;
		c = &v->figures[found->at].classes[cls];
		if ((st = cell_int(l, &r, i, 2, "ledger_tokens.tokens", &c->tokens, d)) ||
		    (st = cell_money(l, &r, i, 3, "ledger_tokens.batch_cost", &c->batch, d)) ||
		    (st = cell_money(l, &r, i, 4, "ledger_tokens.sync_cost", &c->sync, d)) ||
		    (st = cell_int(l, &r, i, 5, "ledger_tokens.batch_rate", &batch_rate, d)) ||
		    (st = cell_int(l, &r, i, 6, "ledger_tokens.sync_rate", &sync_rate, d)))
			break;
		c->batch_rate.micro = batch_rate;
		c->sync_rate.micro = sync_rate;
	}
	ledger_rows_release(&r);
	return st;
}

static enum status read_figures(struct ledger *l, const struct filter *f,
                                struct ledger_view *v, struct diag *d)
{
	static const char *const outcome_columns[RECON_OUTCOME_COUNT] = {
		"ledger_figures.succeeded", "ledger_figures.errored",
		"ledger_figures.canceled", "ledger_figures.expired"};
	char sql[1024];
	struct ledger_rows r;
	struct figure_index *index;
	enum status st;

	snprintf(sql, sizeof sql,
	         "SELECT g.figure_id, g.entry_id, g.job, g.model, g.publisher, g.price_day, "
	         "g.price_from, g.long_context, g.succeeded, g.errored, g.canceled, "
	         "g.expired, g.billed, g.batch_cost, g.sync_cost FROM ledger_figures g "
	         "JOIN ledger_entries e ON e.entry_id = g.entry_id WHERE %s "
	         "ORDER BY e.booked, e.batch_id, e.entry_id, g.figure_id", f->where);
	if ((st = ledger_db_exec(l->db, sql, f->params, f->count, &r, d)))
		return st;
	v->figures = calloc(r.rows ? (size_t)r.rows : 1, sizeof *v->figures);
	index = calloc(r.rows ? (size_t)r.rows : 1, sizeof *index);
	if (!v->figures || !index) {
		free(index);
		ledger_rows_release(&r);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (int i = 0; i < r.rows && st == STATUS_OK; i++) {
		struct ledger_figure *g = &v->figures[v->figure_count];
		const struct ledger_entry *e;
		int64_t lc;
		if ((st = cell_int(l, &r, i, 0, "ledger_figures.figure_id", &index[i].id, d)) ||
		    (st = cell_int(l, &r, i, 1, "ledger_figures.entry_id", &g->entry, d)))
			break;
		index[i].at = v->figure_count++;
		if (!(e = entry_by_id(v, g->entry))) {
			st = bad_cell(l, "ledger_figures.entry_id", ledger_rows_cell(&r, i, 1), d);
			break;
		}
		g->entry_index = (size_t)(e - v->entries);
		g->batch = e->batch;
		g->adjustment = e->adjustment;
		g->booked = e->booked;
		if ((st = cell_text(&r, i, 2, &g->job, d)) ||
		    (st = cell_text(&r, i, 3, &g->model, d)) ||
		    (st = cell_text(&r, i, 4, &g->publisher, d)) ||
		    (st = cell_day(l, &r, i, 5, "ledger_figures.price_day", false,
		                   &g->price_day, d)) ||
		    (st = cell_day(l, &r, i, 6, "ledger_figures.price_from", true,
		                   &g->price_from, d)) ||
		    (st = cell_int(l, &r, i, 7, "ledger_figures.long_context", &lc, d)))
			break;
		g->long_context = lc != 0;
		for (int o = 0; o < RECON_OUTCOME_COUNT && st == STATUS_OK; o++)
			st = cell_int(l, &r, i, 8 + o, outcome_columns[o], &g->outcomes[o], d);
		if (st ||
		    (st = cell_int(l, &r, i, 12, "ledger_figures.billed", &g->billed, d)) ||
		    (st = cell_money(l, &r, i, 13, "ledger_figures.batch_cost", &g->batch_cost, d)) ||
		    (st = cell_money(l, &r, i, 14, "ledger_figures.sync_cost", &g->sync_cost, d)))
			break;
	}
	ledger_rows_release(&r);
	if (st == STATUS_OK) {
		qsort(index, v->figure_count, sizeof *index, figure_index_cmp);
		st = read_tokens(l, f, v, index, d);
	}
	free(index);
	return st;
}

static enum status read_months(struct ledger *l, struct ledger_view *v, struct diag *d)
{
	struct ledger_rows r;
	enum status st;

	if ((st = ledger_db_exec(l->db, "SELECT month, closed_on, batch_cost, sync_cost, "
	                         "requests, entries FROM ledger_months ORDER BY month",
	                         NULL, 0, &r, d)))
		return st;
	if (!(v->months = calloc(r.rows ? (size_t)r.rows : 1, sizeof *v->months))) {
		ledger_rows_release(&r);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (int i = 0; i < r.rows && st == STATUS_OK; i++) {
		struct ledger_month *m = &v->months[v->month_count++];
		const char *text = ledger_rows_cell(&r, i, 0), *why;
		char first[DATE_TEXT_SIZE];
		date_days day;
		snprintf(first, sizeof first, "%.7s-01", text ? text : "");
		if (!text || strlen(text) != 7 || !date_parse(first, &day, &why)) {
			st = bad_cell(l, "ledger_months.month", text, d);
			break;
		}
		m->year = atoi(text);
		m->month = atoi(text + 5);
		if ((st = cell_day(l, &r, i, 1, "ledger_months.closed_on", false,
		                   &m->closed_on, d)) ||
		    (st = cell_money(l, &r, i, 2, "ledger_months.batch_cost", &m->batch_cost, d)) ||
		    (st = cell_money(l, &r, i, 3, "ledger_months.sync_cost", &m->sync_cost, d)) ||
		    (st = cell_int(l, &r, i, 4, "ledger_months.requests", &m->requests, d)))
			break;
		st = cell_int(l, &r, i, 5, "ledger_months.entries", &m->entries, d);
	}
	ledger_rows_release(&r);
	return st;
}

/* Everything the filter selects, inside whatever transaction is open. */
static enum status read_view(struct ledger *l, const struct filter *f,
                             struct ledger_view *v, struct diag *d)
{
	enum status st;

	memset(v, 0, sizeof *v);
	if ((st = read_entries(l, f, v, d)) || (st = index_entries(v, d)) ||
	    (st = read_files(l, f, v, d)) ||
	    (st = read_errors(l, f, v, d)) || (st = read_checks(l, f, v, d)) ||
	    (st = read_figures(l, f, v, d)) ||
	    (st = read_months(l, v, d)))
		ledger_view_release(v);
	return st;
}

static void period_filter(struct filter *f, date_days since, date_days until,
                          char from[DATE_TEXT_SIZE], char to[DATE_TEXT_SIZE])
{
	/* Open ends as days no ledger holds. */
	date_format(since == INT32_MIN ? date_from_civil(1900, 1, 1) : since, from);
	date_format(until == DATE_OPEN_END ? date_from_civil(9999, 12, 31) : until, to);
	f->where = "e.booked >= ? AND e.booked <= ?";
	f->params[0] = LEDGER_P_TEXT(from);
	f->params[1] = LEDGER_P_TEXT(to);
	f->count = 2;
}

enum status ledger_read(struct ledger *l, date_days since, date_days until,
                        struct ledger_view *out, struct diag *d)
{
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
	struct filter f;
	enum status st;

	memset(out, 0, sizeof *out);
	period_filter(&f, since, until, from, to);
	if ((st = ledger_db_begin(l->db, false, d)))
		return st;
	st = read_view(l, &f, out, d);
	/* A reader's snapshot ends here; it changed nothing. */
	ledger_db_rollback(l->db);
	return st;
}

const struct ledger_month *ledger_view_closed(const struct ledger_view *v,
                                              date_days day)
{
	int y, m, dd;

	date_to_civil(day, &y, &m, &dd);
	for (size_t i = 0; i < v->month_count; i++)
		if (v->months[i].year == y && v->months[i].month == m)
			return &v->months[i];
	return NULL;
}

static int usage_cmp(const void *a, const void *b)
{
	const struct ledger_usage *x = a, *y = b;
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = strcmp(x->model, y->model)))
		return c;
	if ((c = strcmp(x->service_tier, y->service_tier)))
		return c;
	if (x->long_context != y->long_context)
		return x->long_context ? 1 : -1;
	return (int)x->cls - (int)y->cls;
}

enum status ledger_usage_by_day(const struct ledger_view *v, struct ledger_usage **out,
                                size_t *count, struct diag *d)
{
	size_t cap = v->figure_count * TOKEN_CLASS_COUNT, n = 0, kept = 0;
	struct ledger_usage *rows = calloc(cap ? cap : 1, sizeof *rows);
	bool overflow = false;

	*out = NULL;
	*count = 0;
	if (!rows)
		return diag_set(d, STATUS_IO, "out of memory");
	for (size_t i = 0; i < v->figure_count; i++) {
		const struct ledger_figure *g = &v->figures[i];
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			const struct ledger_class *k = &g->classes[c];
			if (!*g->model || (k->tokens == 0 && money_is_zero(k->batch) &&
			                   money_is_zero(k->sync)))
				continue;
			rows[n].day = g->price_day;
			rows[n].model = g->model;
			rows[n].service_tier = "batch";
			rows[n].long_context = g->long_context;
			rows[n].cls = (enum token_class)c;
			rows[n].tokens = k->tokens;
			rows[n].batch = k->batch;
			rows[n++].sync = k->sync;
		}
	}
	qsort(rows, n, sizeof *rows, usage_cmp);
	for (size_t i = 0; i < n; i++) {
		if (kept && usage_cmp(&rows[kept - 1], &rows[i]) == 0) {
			struct ledger_usage *u = &rows[kept - 1];
			overflow |= __builtin_add_overflow(u->tokens, rows[i].tokens, &u->tokens);
			u->batch = money_add(u->batch, rows[i].batch, &overflow);
			u->sync = money_add(u->sync, rows[i].sync, &overflow);
		} else {
			rows[kept++] = rows[i];
		}
	}
	if (overflow) {
		free(rows);
		return diag_set(d, STATUS_OVERFLOW, "a ledger total does not fit");
	}
	*out = rows;
	*count = kept;
	return STATUS_OK;
}

/* ---- writing ------------------------------------------------------------ */

enum status ledger_begin_write(struct ledger *l, struct diag *d)
{
	return ledger_db_begin(l->db, true, d);
}

enum status ledger_commit(struct ledger *l, struct diag *d)
{
	return ledger_db_commit(l->db, d);
}

void ledger_rollback(struct ledger *l)
{
	ledger_db_rollback(l->db);
}

/* The closed month of `day`, if any: its closing day. */
static enum status month_closed(struct ledger *l, date_days day, bool *closed,
                                date_days *closed_on, struct diag *d)
{
	char month[8];
	struct ledger_param p = LEDGER_P_TEXT(month);
	struct ledger_rows r;
	enum status st;

	month_text(day, month);
	if ((st = ledger_db_exec(l->db, "SELECT closed_on FROM ledger_months WHERE "
	                         "month = ?", &p, 1, &r, d)))
		return st;
	*closed = r.rows > 0;
	if (*closed)
		st = cell_day(l, &r, 0, 0, "ledger_months.closed_on", false, closed_on, d);
	ledger_rows_release(&r);
	return st;
}

/* Inserts and returns the generated key (RETURNING works in both). */
static enum status insert_id(struct ledger *l, const char *sql,
                             const struct ledger_param *p, int n, int64_t *id,
                             struct diag *d)
{
	struct ledger_rows r;
	enum status st = ledger_db_exec(l->db, sql, p, n, &r, d);

	if (st == STATUS_OK) {
		if (r.rows != 1)
			st = diag_set(d, STATUS_IO, "ledger %s: an insert returned no key",
			              ledger_db_where(l->db));
		else
			st = cell_int(l, &r, 0, 0, "generated key", id, d);
	}
	ledger_rows_release(&r);
	return st;
}

static bool class_empty(const struct ledger_class *c)
{
	return c->tokens == 0 && money_is_zero(c->batch) && money_is_zero(c->sync);
}

static enum status insert_figure(struct ledger *l, int64_t entry,
                                 const struct ledger_figure *g, struct diag *d)
{
	char price_day[DATE_TEXT_SIZE], price_from[DATE_TEXT_SIZE], batch[48], sync[48];
	struct ledger_param p[15];
	int64_t id;
	enum status st;

	date_format(g->price_day, price_day);
	if (g->price_from != DATE_OPEN_END)
		date_format(g->price_from, price_from);
	ledger_money_text(g->batch_cost, batch);
	ledger_money_text(g->sync_cost, sync);
	p[0] = LEDGER_P_INT(entry);
	p[1] = LEDGER_P_TEXT(g->job);
	p[2] = LEDGER_P_TEXT(g->model);
	p[3] = LEDGER_P_TEXT(g->publisher ? g->publisher : "");
	p[4] = LEDGER_P_TEXT(price_day);
	p[5] = g->price_from != DATE_OPEN_END ? LEDGER_P_TEXT(price_from) : LEDGER_P_NULL;
	p[6] = LEDGER_P_INT(g->long_context);
	for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
		p[7 + o] = LEDGER_P_INT(g->outcomes[o]);
	p[11] = LEDGER_P_INT(g->billed);
	p[12] = LEDGER_P_TEXT(batch);
	p[13] = LEDGER_P_TEXT(sync);
	if ((st = insert_id(l, "INSERT INTO ledger_figures (entry_id, job, model, publisher, "
	                    "price_day, price_from, long_context, succeeded, errored, "
	                    "canceled, expired, billed, batch_cost, sync_cost) VALUES (?, ?, "
	                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING figure_id", p, 14,
	                    &id, d)))
		return st;
	for (int c = 0; c < TOKEN_CLASS_COUNT && st == STATUS_OK; c++) {
		const struct ledger_class *k = &g->classes[c];
		char kb[48], ks[48];
		struct ledger_param t[7];
		if (class_empty(k))
			continue;
		ledger_money_text(k->batch, kb);
		ledger_money_text(k->sync, ks);
		t[0] = LEDGER_P_INT(id);
		t[1] = LEDGER_P_TEXT(token_class_name((enum token_class)c));
		t[2] = LEDGER_P_INT(k->tokens);
		t[3] = LEDGER_P_TEXT(kb);
		t[4] = LEDGER_P_TEXT(ks);
		t[5] = LEDGER_P_INT(k->batch_rate.micro);
		t[6] = LEDGER_P_INT(k->sync_rate.micro);
		st = ledger_db_exec(l->db, "INSERT INTO ledger_tokens (figure_id, class, tokens, "
		                    "batch_cost, sync_cost, batch_rate, sync_rate) VALUES (?, ?, "
		                    "?, ?, ?, ?, ?)", t, 7, NULL, d);
	}
	return st;
}

/* What an entry holds: the batch's content, or an adjustment's difference. */
struct entry_in {
	const char *kind;
	date_days booked;
	const char *replaced;     /* adjustment: the content it corrects */
	int64_t lines, malformed, duplicates;
	const struct ledger_figure *figures;
	size_t figure_count;
	const struct ledger_error *errors;
	size_t error_count;
};

/* What an entry books, for the caller to say. */
static void entry_sums(const struct entry_in *in, struct ledger_result *res)
{
	bool overflow = false;

	res->batch = res->sync = money_zero();
	res->requests = 0;
	for (size_t i = 0; i < in->figure_count; i++) {
		const struct ledger_figure *g = &in->figures[i];
		res->batch = money_add(res->batch, g->batch_cost, &overflow);
		res->sync = money_add(res->sync, g->sync_cost, &overflow);
		for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
			res->requests += g->outcomes[o];
	}
}

static enum status insert_entry(struct ledger *l, const struct ledger_batch_in *b,
                                const struct entry_in *in, const char *stamp,
                                struct diag *d)
{
	char booked[DATE_TEXT_SIZE], month[8];
	struct ledger_param p[14];
	int64_t entry;
	enum status st;

	date_format(in->booked, booked);
	month_text(in->booked, month);
	p[0] = LEDGER_P_TEXT(b->batch);
	p[1] = LEDGER_P_TEXT(in->kind);
	p[2] = LEDGER_P_TEXT(booked);
	p[3] = LEDGER_P_TEXT(month);
	p[4] = LEDGER_P_TEXT(b->sha256);
	p[5] = in->replaced ? LEDGER_P_TEXT(in->replaced) : LEDGER_P_NULL;
	p[6] = LEDGER_P_TEXT(b->catalogue->version);
	p[7] = LEDGER_P_TEXT(b->catalogue->origin);
	p[8] = LEDGER_P_TEXT(b->catalogue->checksum);
	p[9] = LEDGER_P_INT(in->lines);
	p[10] = LEDGER_P_INT(in->malformed);
	p[11] = LEDGER_P_INT(in->duplicates);
	p[12] = LEDGER_P_TEXT(stamp);
	if ((st = insert_id(l, "INSERT INTO ledger_entries (batch_id, kind, booked, "
	                    "booked_month, content_sha256, replaced_sha256, "
	                    "catalogue_version, catalogue_origin, catalogue_sha256, lines, "
	                    "malformed_lines, duplicate_keys, recorded_at) VALUES (?, ?, ?, "
	                    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING entry_id", p, 13, &entry,
	                    d)))
		return st;
	for (size_t i = 0; i < b->file_count && st == STATUS_OK; i++) {
		struct ledger_param f[5] = {
			LEDGER_P_INT(entry), LEDGER_P_TEXT(b->files[i].name),
			LEDGER_P_TEXT(b->files[i].sha256), LEDGER_P_TEXT(b->files[i].format),
			LEDGER_P_INT(b->files[i].lines)};
		st = ledger_db_exec(l->db, "INSERT INTO ledger_files (entry_id, name, sha256, "
		                    "format, lines) VALUES (?, ?, ?, ?, ?)", f, 5, NULL, d);
	}
	for (size_t i = 0; i < in->figure_count && st == STATUS_OK; i++)
		st = insert_figure(l, entry, &in->figures[i], d);
	for (size_t i = 0; i < b->check_count && st == STATUS_OK; i++) {
		struct ledger_param c[6] = {LEDGER_P_INT(entry), LEDGER_P_INT(i),
		                            LEDGER_P_TEXT(b->checks[i].subject),
		                            LEDGER_P_TEXT(b->checks[i].figure),
		                            LEDGER_P_INT(b->checks[i].stated),
		                            LEDGER_P_INT(b->checks[i].found)};
		st = ledger_db_exec(l->db, "INSERT INTO ledger_checks (entry_id, position, "
		                    "subject, figure, stated, found) VALUES (?, ?, ?, ?, ?, ?)",
		                    c, 6, NULL, d);
	}
	for (size_t i = 0; i < in->error_count && st == STATUS_OK; i++) {
		struct ledger_param x[3] = {LEDGER_P_INT(entry),
		                            LEDGER_P_TEXT(in->errors[i].type),
		                            LEDGER_P_INT(in->errors[i].requests)};
		st = ledger_db_exec(l->db, "INSERT INTO ledger_errors (entry_id, type, "
		                    "requests) VALUES (?, ?, ?)", x, 3, NULL, d);
	}
	return st;
}

static enum status write_batch_row(struct ledger *l, const struct ledger_batch_in *b,
                                   bool update, const char *stamp, struct diag *d)
{
	char created[DATE_TEXT_SIZE], month[8], ended[DATE_TEXT_SIZE];
	struct ledger_param p[8];

	date_format(b->created, created);
	month_text(b->created, month);
	if (b->has_ended)
		date_format(b->ended, ended);
	p[0] = LEDGER_P_TEXT(b->provider);
	p[1] = LEDGER_P_TEXT(created);
	p[2] = LEDGER_P_TEXT(month);
	p[3] = LEDGER_P_TEXT(b->dated ? "batches" : "as-of");
	p[4] = b->has_ended ? LEDGER_P_TEXT(ended) : LEDGER_P_NULL;
	p[5] = LEDGER_P_TEXT(b->sha256);
	p[6] = LEDGER_P_TEXT(stamp);
	p[7] = LEDGER_P_TEXT(b->batch);
	if (update)
		return ledger_db_exec(l->db, "UPDATE ledger_batches SET provider = ?, created = ?, "
		                      "created_month = ?, dated_by = ?, ended = ?, "
		                      "content_sha256 = ?, recorded_at = ? WHERE batch_id = ?",
		                      p, 8, NULL, d);
	return ledger_db_exec(l->db, "INSERT INTO ledger_batches (provider, created, "
	                      "created_month, dated_by, ended, content_sha256, recorded_at, "
	                      "batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", p, 8, NULL, d);
}

/* Removes a batch's entries (its month is open: nothing was closed on them). */
static enum status delete_entries(struct ledger *l, const char *batch, struct diag *d)
{
	static const char *const sql[] = {
		"DELETE FROM ledger_tokens WHERE figure_id IN (SELECT g.figure_id FROM "
		"ledger_figures g JOIN ledger_entries e ON e.entry_id = g.entry_id WHERE "
		"e.batch_id = ?)",
		"DELETE FROM ledger_figures WHERE entry_id IN (SELECT entry_id FROM "
		"ledger_entries WHERE batch_id = ?)",
		"DELETE FROM ledger_errors WHERE entry_id IN (SELECT entry_id FROM "
		"ledger_entries WHERE batch_id = ?)",
		"DELETE FROM ledger_checks WHERE entry_id IN (SELECT entry_id FROM "
		"ledger_entries WHERE batch_id = ?)",
		"DELETE FROM ledger_files WHERE entry_id IN (SELECT entry_id FROM "
		"ledger_entries WHERE batch_id = ?)",
		"DELETE FROM ledger_entries WHERE batch_id = ?",
	};
	struct ledger_param p = LEDGER_P_TEXT(batch);
	enum status st = STATUS_OK;

	for (size_t i = 0; i < sizeof sql / sizeof sql[0] && st == STATUS_OK; i++)
		st = ledger_db_exec(l->db, sql[i], &p, 1, NULL, d);
	return st;
}

static bool same_figure_key(const struct ledger_figure *a, const struct ledger_figure *b)
{
	return a->price_day == b->price_day && a->long_context == b->long_context &&
	       strcmp(a->job, b->job) == 0 && strcmp(a->model, b->model) == 0;
}

static bool figure_empty(const struct ledger_figure *g)
{
	for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
		if (g->outcomes[o])
			return false;
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		if (!class_empty(&g->classes[c]))
			return false;
	return g->billed == 0 && money_is_zero(g->batch_cost) && money_is_zero(g->sync_cost);
}

/* dst += sign x src, counts and money; rates and names are the caller's. */
static void figure_add(struct ledger_figure *dst, const struct ledger_figure *src,
                       int sign, bool *overflow)
{
	money zero = money_zero();

	for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
		*overflow |= __builtin_add_overflow(dst->outcomes[o], sign * src->outcomes[o],
		                                    &dst->outcomes[o]);
	*overflow |= __builtin_add_overflow(dst->billed, sign * src->billed, &dst->billed);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
		struct ledger_class *k = &dst->classes[c];
		const struct ledger_class *s = &src->classes[c];
		*overflow |= __builtin_add_overflow(k->tokens, sign * s->tokens, &k->tokens);
		k->batch = money_add(k->batch, sign > 0 ? s->batch
		                     : money_sub(zero, s->batch, overflow), overflow);
		k->sync = money_add(k->sync, sign > 0 ? s->sync
		                    : money_sub(zero, s->sync, overflow), overflow);
	}
	dst->batch_cost = money_add(dst->batch_cost, sign > 0 ? src->batch_cost
	                            : money_sub(zero, src->batch_cost, overflow), overflow);
	dst->sync_cost = money_add(dst->sync_cost, sign > 0 ? src->sync_cost
	                           : money_sub(zero, src->sync_cost, overflow), overflow);
}

/*
 * The adjustment that takes a batch from what is recorded (every entry of
 * it, summed) to the new content: per job, model, price day and tier, new
 * minus old; keys that do not change are left out. Rates and names come from
 * the new content where it has the key.
 */
static enum status difference(const struct ledger_view *old, const struct ledger_batch_in *b,
                              struct ledger_figure **out, size_t *count,
                              struct ledger_error **errors, size_t *error_count,
                              int64_t sums[3], struct diag *d)
{
	size_t cap = old->figure_count + b->figure_count, n = 0;
	struct ledger_figure *rows = calloc(cap ? cap : 1, sizeof *rows);
	size_t error_cap = b->error_count, ne = 0;
	struct ledger_error *errs;
	bool overflow = false;

	for (size_t i = 0; i < old->entry_count; i++)
		error_cap += old->entries[i].error_count;
	errs = calloc(error_cap ? error_cap : 1, sizeof *errs);
	if (!rows || !errs) {
		free(rows);
		free(errs);
		return diag_set(d, STATUS_IO, "out of memory");
	}
	for (size_t i = 0; i < b->figure_count; i++) {
		rows[n] = b->figures[i];
		memset(rows[n].outcomes, 0, sizeof rows[n].outcomes);
		rows[n].billed = 0;
		for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
			rows[n].classes[c].tokens = 0;
			rows[n].classes[c].batch = rows[n].classes[c].sync = money_zero();
		}
		rows[n].batch_cost = rows[n].sync_cost = money_zero();
		figure_add(&rows[n++], &b->figures[i], 1, &overflow);
	}
	for (size_t i = 0; i < old->figure_count; i++) {
		const struct ledger_figure *g = &old->figures[i];
		size_t k = 0;
		while (k < n && !same_figure_key(&rows[k], g))
			k++;
		if (k == n) {
			rows[n] = *g;
			memset(rows[n].outcomes, 0, sizeof rows[n].outcomes);
			rows[n].billed = 0;
			for (int c = 0; c < TOKEN_CLASS_COUNT; c++) {
				rows[n].classes[c].tokens = 0;
				rows[n].classes[c].batch = rows[n].classes[c].sync = money_zero();
			}
			rows[n].batch_cost = rows[n].sync_cost = money_zero();
			n++;
		}
		figure_add(&rows[k], g, -1, &overflow);
	}
	*count = 0;
	for (size_t i = 0; i < n; i++)
		if (!figure_empty(&rows[i]))
			rows[(*count)++] = rows[i];
	/* Failures by type, and the line counts, the same way. */
	for (size_t i = 0; i < b->error_count; i++)
		errs[ne++] = b->errors[i];
	for (size_t e = 0; e < old->entry_count; e++)
		for (size_t i = 0; i < old->entries[e].error_count; i++) {
			const struct ledger_error *x = &old->entries[e].errors[i];
			size_t k = 0;
			while (k < ne && strcmp(errs[k].type, x->type) != 0)
				k++;
			if (k == ne) {
				errs[ne].type = x->type;
				errs[ne++].requests = 0;
			}
			errs[k].requests -= x->requests;
		}
	*error_count = 0;
	for (size_t i = 0; i < ne; i++)
		if (errs[i].requests != 0)
			errs[(*error_count)++] = errs[i];
	sums[0] = b->lines;
	sums[1] = b->malformed;
	sums[2] = b->duplicates;
	for (size_t e = 0; e < old->entry_count; e++) {
		sums[0] -= old->entries[e].lines;
		sums[1] -= old->entries[e].malformed;
		sums[2] -= old->entries[e].duplicates;
	}
	if (overflow) {
		free(rows);
		free(errs);
		return diag_set(d, STATUS_OVERFLOW, "%s: the adjustment does not fit", b->batch);
	}
	*out = rows;
	*errors = errs;
	return STATUS_OK;
}

static void month_name(date_days day, char buf[8])
{
	month_text(day, buf);
}

enum status ledger_record(struct ledger *l, const struct ledger_batch_in *b,
                          bool adjust, date_days today, const char *stamp,
                          struct ledger_result *res, struct diag *d)
{
	struct ledger_param key = LEDGER_P_TEXT(b->batch);
	struct ledger_rows r;
	struct entry_in in = {"batch", b->created, NULL, b->lines, b->malformed,
	                      b->duplicates, b->figures, b->figure_count, b->errors,
	                      b->error_count};
	char month[8], when[DATE_TEXT_SIZE], then[DATE_TEXT_SIZE], recorded[65] = "";
	date_days recorded_created = 0, closed_on = 0, today_closed_on;
	bool exists, closed, today_closed;
	enum status st;

	memset(res, 0, sizeof *res);
	res->booked = b->created;
	if ((st = ledger_db_exec(l->db, "SELECT created, content_sha256 FROM ledger_batches "
	                         "WHERE batch_id = ?", &key, 1, &r, d)))
		return st;
	exists = r.rows > 0;
	if (exists &&
	    ((st = cell_day(l, &r, 0, 0, "ledger_batches.created", false, &recorded_created, d)) ||
	     (st = cell_digest(l, &r, 0, 1, "ledger_batches.content_sha256", recorded,
	                       sizeof recorded, d)))) {
		ledger_rows_release(&r);
		return st;
	}
	ledger_rows_release(&r);
	if ((st = month_closed(l, b->created, &closed, &closed_on, d)) ||
	    (st = month_closed(l, today, &today_closed, &today_closed_on, d)))
		return st;
	month_name(b->created, month);
	date_format(b->created, when);
	date_format(closed_on, then);
	snprintf(res->previous, sizeof res->previous, "%s", recorded);

	if (exists && recorded_created != b->created) {
		char before[DATE_TEXT_SIZE];
		date_format(recorded_created, before);
		return diag_set(d, STATUS_REFUSED, "batch %s is recorded as created %s, but "
		                "this reading dates it %s (the same --batches as then?): nothing "
		                "recorded", b->batch, before, when);
	}
	if (exists && strcmp(recorded, b->sha256) == 0) {
		res->outcome = LEDGER_UNCHANGED;
		return STATUS_OK;
	}
	if (!adjust && exists)
		return diag_set(d, STATUS_REFUSED, "batch %s is recorded with content sha256 "
		                "%s, these files have sha256 %s: nothing recorded (--adjust "
		                "records the new content)", b->batch, recorded, b->sha256);
	if (!adjust && closed)
		return diag_set(d, STATUS_REFUSED, "batch %s was created %s, in %s, which was "
		                "closed on %s: nothing recorded (--adjust books it as an "
		                "adjustment dated today)", b->batch, when, month, then);
	if (!closed) {
		/* Open month: the batch's figures are what this reading says. */
		if (exists && (st = delete_entries(l, b->batch, d)))
			return st;
		if ((st = write_batch_row(l, b, exists, stamp, d)) ||
		    (st = insert_entry(l, b, &in, stamp, d)))
			return st;
		entry_sums(&in, res);
		res->outcome = exists ? LEDGER_REPLACED : LEDGER_RECORDED;
		return STATUS_OK;
	}
	if (today_closed) {
		char now[8];
		month_name(today, now);
		return diag_set(d, STATUS_REFUSED, "batch %s: an adjustment would be dated "
		                "today, in %s, which is closed too: nothing recorded",
		                b->batch, now);
	}
	/* Closed month: an adjustment entry, dated today, holds the difference. */
	in.kind = "adjustment";
	in.booked = today;
	res->booked = today;
	res->outcome = LEDGER_ADJUSTED;
	if (!exists) {
		entry_sums(&in, res);
		if ((st = write_batch_row(l, b, false, stamp, d)))
			return st;
		return insert_entry(l, b, &in, stamp, d);
	} else {
		struct ledger_view old;
		struct filter f = {"e.batch_id = ?", {LEDGER_P_TEXT(b->batch)}, 1};
		struct ledger_figure *delta = NULL;
		struct ledger_error *errors = NULL;
		int64_t sums[3] = {0, 0, 0};

		if ((st = read_view(l, &f, &old, d)))
			return st;
		st = difference(&old, b, &delta, &in.figure_count, &errors, &in.error_count,
		                sums, d);
		if (st == STATUS_OK) {
			in.figures = delta;
			in.errors = errors;
			in.lines = sums[0];
			in.malformed = sums[1];
			in.duplicates = sums[2];
			in.replaced = recorded;
			entry_sums(&in, res);
			if ((st = write_batch_row(l, b, true, stamp, d)) == STATUS_OK)
				st = insert_entry(l, b, &in, stamp, d);
		}
		free(delta);
		free(errors);
		ledger_view_release(&old);
		return st;
	}
}

enum status ledger_close_month(struct ledger *l, int year, int month, date_days today,
                               const char *stamp, bool *already,
                               struct ledger_month *out, struct diag *d)
{
	date_days first = date_from_civil(year, month, 1);
	date_days last = first + date_days_in_month(year, month) - 1;
	char text[8], closed_on[DATE_TEXT_SIZE], batch[48], sync[48];
	char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
	struct filter f;
	struct ledger_view v;
	bool closed, overflow = false;
	date_days on;
	enum status st;

	memset(out, 0, sizeof *out);
	out->year = year;
	out->month = month;
	*already = false;
	if ((st = month_closed(l, first, &closed, &on, d)))
		return st;
	if (closed) {
		*already = true;
		period_filter(&f, first, last, from, to);
		if ((st = read_view(l, &f, &v, d)))
			return st;
		*out = *ledger_view_closed(&v, first);
		ledger_view_release(&v);
		return STATUS_OK;
	}
	period_filter(&f, first, last, from, to);
	if ((st = read_view(l, &f, &v, d)))
		return st;
	out->closed_on = today;
	out->entries = (int64_t)v.entry_count;
	for (size_t i = 0; i < v.figure_count; i++) {
		const struct ledger_figure *g = &v.figures[i];
		out->batch_cost = money_add(out->batch_cost, g->batch_cost, &overflow);
		out->sync_cost = money_add(out->sync_cost, g->sync_cost, &overflow);
		for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
			overflow |= __builtin_add_overflow(out->requests, g->outcomes[o],
			                                   &out->requests);
	}
	ledger_view_release(&v);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "a total of %04d-%02d does not fit", year,
		                month);
	snprintf(text, sizeof text, "%04d-%02d", year, month);
	date_format(today, closed_on);
	ledger_money_text(out->batch_cost, batch);
	ledger_money_text(out->sync_cost, sync);
	{
		struct ledger_param p[7] = {
			LEDGER_P_TEXT(text), LEDGER_P_TEXT(stamp), LEDGER_P_TEXT(closed_on),
			LEDGER_P_TEXT(batch), LEDGER_P_TEXT(sync), LEDGER_P_INT(out->requests),
			LEDGER_P_INT(out->entries)};
		return ledger_db_exec(l->db, "INSERT INTO ledger_months (month, closed_at, "
		                      "closed_on, batch_cost, sync_cost, requests, entries) "
		                      "VALUES (?, ?, ?, ?, ?, ?, ?)", p, 7, NULL, d);
	}
}
