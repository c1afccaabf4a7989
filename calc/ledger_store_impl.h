/*
 * ledger_store_impl: what calc/ledger_store.c (opening and writing the
 * ledger) and calc/ledger_read.c (reading it) share. Nobody else includes it.
 */
#ifndef BATCHCALC_LEDGER_STORE_IMPL_H
#define BATCHCALC_LEDGER_STORE_IMPL_H

#include "ledger_store.h"

struct ledger {
	struct ledger_db *db;
	int version;
};

/* Which rows: entries booked in a period, or every entry of one batch. The
 * SQL around it is constant text; the values are parameters. */
struct ledger_filter {
	const char *where;
	struct ledger_param params[2];
	int count;
};

/* "YYYY-MM" of a day. */
void ledger_month_text(date_days day, char buf[8]);

/* A cell of a row read back, checked: a whole number, a day ('YYYY-MM-DD';
 * NULL is DATE_OPEN_END when nullable), a digest that fits `size`. A cell
 * batchcalc did not write is STATUS_INPUT naming its column. */
enum status ledger_cell_int(const struct ledger *l, const struct ledger_rows *r, int row,
                            int col, const char *column, int64_t *out, struct diag *d);
enum status ledger_cell_day(const struct ledger *l, const struct ledger_rows *r, int row,
                            int col, const char *column, bool nullable, date_days *out,
                            struct diag *d);
enum status ledger_cell_digest(const struct ledger *l, const struct ledger_rows *r,
                               int row, int col, const char *column, char *out,
                               size_t size, struct diag *d);

/* Everything the filter selects, inside whatever transaction is open. */
enum status ledger_read_view(struct ledger *l, const struct ledger_filter *f,
                             struct ledger_view *v, struct diag *d);

/* Entries booked from since to until (open ends as INT32_MIN and
 * DATE_OPEN_END); from and to hold the bound texts. */
void ledger_period_filter(struct ledger_filter *f, date_days since, date_days until,
                          char from[DATE_TEXT_SIZE], char to[DATE_TEXT_SIZE]);

#endif
