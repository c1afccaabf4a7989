/*
 * Reading the ledger (calc/ledger_store.h): a period's entries, files,
 * errors, checks, figures and token rows in one snapshot, each cell checked,
 * and the usage view a bill check compares with a provider's bill.
 */
#include "ledger_store_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ledger_month_text(date_days day, char buf[8])
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

enum status ledger_cell_int(const struct ledger *l, const struct ledger_rows *r, int row,
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
enum status ledger_cell_day(const struct ledger *l, const struct ledger_rows *r, int row,
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

enum status ledger_cell_digest(const struct ledger *l, const struct ledger_rows *r,
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
		free(e->overlay_origin);
		free(e->overlay_version);
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


static enum status read_entries(struct ledger *l, const struct ledger_filter *f,
                                struct ledger_view *v, struct diag *d)
{
	char sql[1024];
	struct ledger_rows r;
	enum status st;

	snprintf(sql, sizeof sql,
	         "SELECT e.entry_id, e.batch_id, b.provider, e.kind, e.booked, b.created, "
	         "b.ended, e.content_sha256, e.replaced_sha256, e.catalogue_version, "
	         "e.catalogue_origin, e.catalogue_sha256, e.lines, e.malformed_lines, "
	         "e.duplicate_keys, e.overlay_origin, e.overlay_version, e.overlay_sha256, "
	         "b.dated_by FROM ledger_entries e JOIN ledger_batches b "
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
		if ((st = ledger_cell_int(l, &r, i, 0, "ledger_entries.entry_id", &e->id, d)) ||
		    (st = cell_text(&r, i, 1, &e->batch, d)) ||
		    (st = cell_text(&r, i, 2, &e->provider, d)) ||
		    (st = ledger_cell_day(l, &r, i, 4, "ledger_entries.booked", false, &e->booked, d)) ||
		    (st = ledger_cell_day(l, &r, i, 5, "ledger_batches.created", false, &e->created, d)) ||
		    (st = ledger_cell_day(l, &r, i, 6, "ledger_batches.ended", true, &e->ended, d)) ||
		    (st = ledger_cell_digest(l, &r, i, 7, "ledger_entries.content_sha256", e->sha256,
		                      sizeof e->sha256, d)) ||
		    (ledger_rows_cell(&r, i, 8) &&
		     (st = ledger_cell_digest(l, &r, i, 8, "ledger_entries.replaced_sha256",
		                       e->replaced, sizeof e->replaced, d))) ||
		    (st = cell_text(&r, i, 9, &e->catalogue_version, d)) ||
		    (st = cell_text(&r, i, 10, &e->catalogue_origin, d)) ||
		    (st = ledger_cell_digest(l, &r, i, 11, "ledger_entries.catalogue_sha256",
		                      e->catalogue_sha256, sizeof e->catalogue_sha256, d)) ||
		    (st = ledger_cell_int(l, &r, i, 12, "ledger_entries.lines", &e->lines, d)) ||
		    (st = ledger_cell_int(l, &r, i, 13, "ledger_entries.malformed_lines",
		                   &e->malformed, d)) ||
		    (st = ledger_cell_int(l, &r, i, 14, "ledger_entries.duplicate_keys",
		                   &e->duplicates, d)) ||
		    (ledger_rows_cell(&r, i, 15) &&
		     ((st = cell_text(&r, i, 15, &e->overlay_origin, d)) ||
		      (st = cell_text(&r, i, 16, &e->overlay_version, d)) ||
		      (st = ledger_cell_digest(l, &r, i, 17, "ledger_entries.overlay_sha256",
		                               e->overlay_sha256, sizeof e->overlay_sha256, d)))))
			break;
		e->has_ended = e->ended != DATE_OPEN_END;
		e->dated = ledger_rows_cell(&r, i, 18) &&
		           strcmp(ledger_rows_cell(&r, i, 18), "batches") == 0;
		if (!kind || (strcmp(kind, "batch") != 0 && strcmp(kind, "adjustment") != 0))
			st = bad_cell(l, "ledger_entries.kind", kind, d);
		else
			e->adjustment = strcmp(kind, "adjustment") == 0;
	}
	ledger_rows_release(&r);
	return st;
}

static enum status read_files(struct ledger *l, const struct ledger_filter *f,
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
		if ((st = ledger_cell_int(l, &r, i, 0, "ledger_files.entry_id", &id, d)))
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
		    (st = ledger_cell_digest(l, &r, i, 2, "ledger_files.sha256", file->sha256,
		                      sizeof file->sha256, d)) ||
		    (st = cell_text(&r, i, 3, &file->format, d)))
			break;
		st = ledger_cell_int(l, &r, i, 4, "ledger_files.lines", &file->lines, d);
	}
	ledger_rows_release(&r);
	return st;
}

static enum status read_errors(struct ledger *l, const struct ledger_filter *f,
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
		if ((st = ledger_cell_int(l, &r, i, 0, "ledger_errors.entry_id", &id, d)))
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
		st = ledger_cell_int(l, &r, i, 2, "ledger_errors.requests",
		              &more[e->error_count++].requests, d);
	}
	ledger_rows_release(&r);
	return st;
}

static enum status read_checks(struct ledger *l, const struct ledger_filter *f,
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
		if ((st = ledger_cell_int(l, &r, i, 0, "ledger_checks.entry_id", &id, d)))
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
		    (st = ledger_cell_int(l, &r, i, 3, "ledger_checks.stated", &c->stated, d)))
			break;
		st = ledger_cell_int(l, &r, i, 4, "ledger_checks.found", &c->found, d);
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

static enum status read_tokens(struct ledger *l, const struct ledger_filter *f,
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
		if ((st = ledger_cell_int(l, &r, i, 0, "ledger_tokens.figure_id", &key.id, d)))
			break;
		found = bsearch(&key, index, v->figure_count, sizeof *index, figure_index_cmp);
		if (!found) {
			st = bad_cell(l, "ledger_tokens.figure_id", ledger_rows_cell(&r, i, 0), d);
			break;
		}
		if ((st = class_of(l, ledger_rows_cell(&r, i, 1), &cls, d)))
			break;
		c = &v->figures[found->at].classes[cls];
		if ((st = ledger_cell_int(l, &r, i, 2, "ledger_tokens.tokens", &c->tokens, d)) ||
		    (st = cell_money(l, &r, i, 3, "ledger_tokens.batch_cost", &c->batch, d)) ||
		    (st = cell_money(l, &r, i, 4, "ledger_tokens.sync_cost", &c->sync, d)) ||
		    (st = ledger_cell_int(l, &r, i, 5, "ledger_tokens.batch_rate", &batch_rate, d)) ||
		    (st = ledger_cell_int(l, &r, i, 6, "ledger_tokens.sync_rate", &sync_rate, d)))
			break;
		c->batch_rate.micro = batch_rate;
		c->sync_rate.micro = sync_rate;
	}
	ledger_rows_release(&r);
	return st;
}

static enum status read_figures(struct ledger *l, const struct ledger_filter *f,
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
		if ((st = ledger_cell_int(l, &r, i, 0, "ledger_figures.figure_id", &index[i].id, d)) ||
		    (st = ledger_cell_int(l, &r, i, 1, "ledger_figures.entry_id", &g->entry, d)))
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
		    (st = ledger_cell_day(l, &r, i, 5, "ledger_figures.price_day", false,
		                   &g->price_day, d)) ||
		    (st = ledger_cell_day(l, &r, i, 6, "ledger_figures.price_from", true,
		                   &g->price_from, d)) ||
		    (st = ledger_cell_int(l, &r, i, 7, "ledger_figures.long_context", &lc, d)))
			break;
		g->long_context = lc != 0;
		for (int o = 0; o < RECON_OUTCOME_COUNT && st == STATUS_OK; o++)
			st = ledger_cell_int(l, &r, i, 8 + o, outcome_columns[o], &g->outcomes[o], d);
		if (st ||
		    (st = ledger_cell_int(l, &r, i, 12, "ledger_figures.billed", &g->billed, d)) ||
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
		if ((st = ledger_cell_day(l, &r, i, 1, "ledger_months.closed_on", false,
		                   &m->closed_on, d)) ||
		    (st = cell_money(l, &r, i, 2, "ledger_months.batch_cost", &m->batch_cost, d)) ||
		    (st = cell_money(l, &r, i, 3, "ledger_months.sync_cost", &m->sync_cost, d)) ||
		    (st = ledger_cell_int(l, &r, i, 4, "ledger_months.requests", &m->requests, d)))
			break;
		st = ledger_cell_int(l, &r, i, 5, "ledger_months.entries", &m->entries, d);
	}
	ledger_rows_release(&r);
	return st;
}

/* Everything the filter selects, inside whatever transaction is open. */
enum status ledger_read_view(struct ledger *l, const struct ledger_filter *f,
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

void ledger_period_filter(struct ledger_filter *f, date_days since, date_days until,
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
	struct ledger_filter f;
	enum status st;

	memset(out, 0, sizeof *out);
	ledger_period_filter(&f, since, until, from, to);
	if ((st = ledger_db_begin(l->db, false, d)))
		return st;
	st = ledger_read_view(l, &f, out, d);
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
