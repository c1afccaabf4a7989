/*
 * Opening the ledger and writing to it (calc/ledger_store.h): batches,
 * their adjustments and closed months, inside the caller's write
 * transaction. Reading is calc/ledger_read.c.
 */
#include "ledger_store.h"

#include "ledger_schema.h"
#include "ledger_store_impl.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

	ledger_month_text(day, month);
	if ((st = ledger_db_exec(l->db, "SELECT closed_on FROM ledger_months WHERE "
	                         "month = ?", &p, 1, &r, d)))
		return st;
	*closed = r.rows > 0;
	if (*closed)
		st = ledger_cell_day(l, &r, 0, 0, "ledger_months.closed_on", false, closed_on, d);
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
			st = ledger_cell_int(l, &r, 0, 0, "generated key", id, d);
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
	struct ledger_param p[16];
	int64_t entry;
	bool overlay;
	enum status st;

	date_format(in->booked, booked);
	ledger_month_text(in->booked, month);
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
	overlay = b->catalogue->overlay_origin != NULL;
	p[13] = overlay ? LEDGER_P_TEXT(b->catalogue->overlay_origin) : LEDGER_P_NULL;
	p[14] = overlay ? LEDGER_P_TEXT(b->catalogue->overlay_version) : LEDGER_P_NULL;
	p[15] = overlay ? LEDGER_P_TEXT(b->catalogue->overlay_checksum) : LEDGER_P_NULL;
	if ((st = insert_id(l, "INSERT INTO ledger_entries (batch_id, kind, booked, "
	                    "booked_month, content_sha256, replaced_sha256, "
	                    "catalogue_version, catalogue_origin, catalogue_sha256, lines, "
	                    "malformed_lines, duplicate_keys, recorded_at, overlay_origin, "
	                    "overlay_version, overlay_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	                    "?, ?, ?, ?, ?, ?, ?, ?) RETURNING entry_id", p, 16, &entry, d)))
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
	ledger_month_text(b->created, month);
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
	ledger_month_text(day, buf);
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
	    ((st = ledger_cell_day(l, &r, 0, 0, "ledger_batches.created", false, &recorded_created, d)) ||
	     (st = ledger_cell_digest(l, &r, 0, 1, "ledger_batches.content_sha256", recorded,
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
		struct ledger_filter f = {"e.batch_id = ?", {LEDGER_P_TEXT(b->batch)}, 1};
		struct ledger_figure *delta = NULL;
		struct ledger_error *errors = NULL;
		int64_t sums[3] = {0, 0, 0};

		if ((st = ledger_read_view(l, &f, &old, d)))
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
	struct ledger_filter f;
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
		ledger_period_filter(&f, first, last, from, to);
		if ((st = ledger_read_view(l, &f, &v, d)))
			return st;
		*out = *ledger_view_closed(&v, first);
		ledger_view_release(&v);
		return STATUS_OK;
	}
	ledger_period_filter(&f, first, last, from, to);
	if ((st = ledger_read_view(l, &f, &v, d)))
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
