// Seeds: tests/cli/t*/cmd
/*
 * Fuzzes the strict parsers every flag and field goes through: whole
 * numbers, scaled decimals, doubles, shares and rates, money, rates, dates and
 * periods (models/number.c, money.c, date.c, workload.c).
 *
 * Each word (split at spaces and newlines) is one candidate. Beyond the sanitizers: whatever is
 * accepted reads back to the same value after formatting (money, rates,
 * dates, a share as a percent), lies within the asked range, and a refusal
 * always says why.
 */
#include "tests/fuzz/fuzz.h"
#include "models/date.h"
#include "models/money.h"
#include "models/number.h"
#include "models/workload.h"

#include <inttypes.h>

static void parse_one(const char *s)
{
	const char *why = NULL;
	int64_t i;
	double x;
	money m, back;
	rate r, rback;
	date_days day, dback;
	enum period period;
	char buf[96];

	if (number_parse_int64(s, -1000, INT64_MAX, &i, &why)) {
		FUZZ_ASSERT(i >= -1000, "int64 %" PRId64 " below min", i);
		snprintf(buf, sizeof buf, "%" PRId64, i);
		FUZZ_ASSERT(number_parse_int64(buf, -1000, INT64_MAX, &i, &why),
		            "%s does not read back", buf);
	} else {
		FUZZ_ASSERT(why && why[0], "int64 refusal without a reason");
	}
	why = NULL;
	if (number_parse_scaled(s, 6, 0, 1000000, &i, &why))
		FUZZ_ASSERT(i >= 0 && i <= 1000000, "share %" PRId64, i);
	else
		FUZZ_ASSERT(why && why[0], "scaled refusal without a reason");
	for (int k = 0; k < NUMBER_SHARE_KIND_COUNT; k++) {
		char reason[256] = "";
		int places = number_share_places((enum number_share)k);
		int64_t unit = 1, back;
		if (!number_parse_share((enum number_share)k, s, &i, reason, sizeof reason)) {
			FUZZ_ASSERT(reason[0], "share refusal without a reason");
			continue;
		}
		for (int p = 2; p < places; p++)
			unit *= 10;
		/* Whatever was accepted, its percent form reads back to it. */
		if (places > 2)
			snprintf(buf, sizeof buf, "%s%" PRId64 ".%0*" PRId64 "%%", i < 0 ? "-" : "",
			         (i < 0 ? -i : i) / unit, places - 2, (i < 0 ? -i : i) % unit);
		else
			snprintf(buf, sizeof buf, "%" PRId64 "%%", i);
		FUZZ_ASSERT(number_parse_share((enum number_share)k, buf, &back, reason,
		                               sizeof reason) && back == i,
		            "share %s of %s does not read back", buf, s);
	}
	why = NULL;
	if (number_parse_double(s, -1e9, 1e9, &x, &why))
		FUZZ_ASSERT(x == x && x >= -1e9 && x <= 1e9, "double %g", x);
	else
		FUZZ_ASSERT(why && why[0], "double refusal without a reason");
	why = NULL;
	if (money_parse(s, &m, &why)) {
		FUZZ_ASSERT(money_format_exact(m, buf, sizeof buf), "money too wide");
		FUZZ_ASSERT(money_parse(buf, &back, &why) && money_cmp(m, back) == 0,
		            "money %s does not read back", buf);
	} else {
		FUZZ_ASSERT(why && why[0], "money refusal without a reason");
	}
	why = NULL;
	if (rate_parse(s, &r, &why)) {
		FUZZ_ASSERT(r.micro >= 0, "negative rate");
		FUZZ_ASSERT(rate_format(r, buf, sizeof buf), "rate too wide");
		FUZZ_ASSERT(rate_parse(buf, &rback, &why) && rback.micro == r.micro,
		            "rate %s does not read back", buf);
	} else {
		FUZZ_ASSERT(why && why[0], "rate refusal without a reason");
	}
	why = NULL;
	if (date_parse(s, &day, &why)) {
		date_format(day, buf);
		FUZZ_ASSERT(strcmp(buf, s) == 0, "date %s formats as %s", s, buf);
		FUZZ_ASSERT(date_parse(buf, &dback, &why) && dback == day, "date");
	}
	if (period_parse(s, &period))
		FUZZ_ASSERT(period_name(period) != NULL, "period without a name");
}

static void fuzz_one(const char *text, size_t len)
{
	char *copy = malloc(len + 1), *line, *next;

	if (!copy)
		return;
	memcpy(copy, text, len + 1);
	for (line = copy; line; line = next) {
		next = strpbrk(line, " \n");
		if (next)
			*next++ = '\0';
		parse_one(line);
	}
	free(copy);
}
