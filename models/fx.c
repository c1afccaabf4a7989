#include "fx.h"

#include <stdlib.h>
#include <string.h>

static int compare_rows(const void *a, const void *b)
{
	const struct fx_row *x = a, *y = b;
	int c = strcmp(x->currency, y->currency);

	if (c != 0)
		return c;
	return (x->day > y->day) - (x->day < y->day);
}

enum status fx_table_finish(struct fx_table *t, const char *origin,
                            struct diag *d)
{
	qsort(t->rows, t->count, sizeof *t->rows, compare_rows);
	for (size_t i = 1; i < t->count; i++) {
		const struct fx_row *a = &t->rows[i - 1], *b = &t->rows[i];
		if (strcmp(a->currency, b->currency) == 0 && a->day == b->day) {
			char when[DATE_TEXT_SIZE];
			date_format(a->day, when);
			return diag_set(d, STATUS_INPUT, "%s:%ld: expected one %s rate "
			                "on %s, found a second (line %ld)", origin,
			                a->line > b->line ? a->line : b->line, a->currency,
			                when, a->line < b->line ? a->line : b->line);
		}
	}
	return STATUS_OK;
}

const struct fx_row *fx_first(const struct fx_table *t, const char *currency)
{
	for (size_t i = 0; i < t->count; i++)
		if (strcmp(t->rows[i].currency, currency) == 0)
			return &t->rows[i];
	return NULL;
}

const struct fx_row *fx_rate_on(const struct fx_table *t, const char *currency,
                                date_days day)
{
	const struct fx_row *found = NULL;

	for (size_t i = 0; i < t->count; i++) {
		const struct fx_row *r = &t->rows[i];
		if (strcmp(r->currency, currency) == 0 && r->day <= day)
			found = r; /* rows are by date: the last one wins */
	}
	return found;
}

money fx_convert(money usd, int64_t micro, bool *overflow)
{
	return money_scale(usd, micro, FX_SCALE, overflow);
}

void fx_table_release(struct fx_table *t)
{
	free(t->rows);
	t->rows = NULL;
	t->count = 0;
}
