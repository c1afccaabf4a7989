/* bill_check: the provider's bill against what explains it, from results
 * (priced by the catalogue) or from the spend ledger (money as recorded, never
 * priced again), with the causes adding up to the difference exactly. The
 * bill is a one-day Anthropic cost report built here; the ledger's usage rows
 * and the results' buckets are built by hand so each figure can be checked
 * by hand (claude-haiku-4-5 batch input: $0.50 per million tokens). */
#include "../../calc/bill_check.h"
#include "../../calc/catalogue_load.h"

#include "suite.h"
#include <string.h>

static struct pricing pr;
static struct usage_set set;

#define HAIKU "claude-haiku-4-5-20251001"

/* Nov 10: 30 cents of Haiku batch input, 12 cents of web search. */
static const char cost_report[] =
	"{\"data\": [{\"starting_at\": \"2026-11-10T00:00:00Z\", \"ending_at\": "
	"\"2026-11-11T00:00:00Z\", \"results\": [{\"amount\": \"30\", \"currency\": "
	"\"USD\", \"cost_type\": \"tokens\", \"token_type\": \"uncached_input_tokens\", "
	"\"model\": \"" HAIKU "\", \"service_tier\": \"batch\", \"context_window\": "
	"\"0-200k\", \"description\": null, \"workspace_id\": null}, {\"amount\": \"12\", "
	"\"currency\": \"USD\", \"cost_type\": \"web_search\", \"token_type\": null, "
	"\"model\": \"" HAIKU "\", \"service_tier\": null, \"context_window\": null, "
	"\"description\": null, \"workspace_id\": null}]}], \"has_more\": false, "
	"\"next_page\": null}";

static void setup(void)
{
	struct diag d;

	pricing_init(&pr, date_from_civil(2026, 11, 25));
	ck_assert_int_eq(catalogue_load_builtin(&pr.catalogue, &d), STATUS_OK);
	pr.have_catalogue = true;
	usage_set_init(&set);
	ck_assert_msg(usage_load_text(&set, cost_report, sizeof cost_report - 1, "cost.json",
	                              &d) == STATUS_OK, "%s", d.text);
	usage_map_models(&set, &pr.catalogue);
}

static void teardown(void)
{
	usage_set_release(&set);
	pricing_release(&pr);
}

static money usd(const char *text)
{
	money m;
	const char *why;
	ck_assert_msg(money_parse(text, &m, &why), "%s: %s", text, why);
	return m;
}

static void ck_money(money m, const char *want)
{
	char buf[64];
	ck_assert(money_format_exact(m, buf, sizeof buf));
	ck_assert_str_eq(buf, want);
}

static void ck_sums(const struct bill_split *s)
{
	bool overflow = false;
	money sum = money_zero();

	for (int k = 0; k < BILL_CAUSE_COUNT; k++)
		sum = money_add(sum, s->cause[k], &overflow);
	ck_assert(!overflow);
	ck_assert(money_cmp(sum, s->difference) == 0);
}

static struct ledger_usage row(date_days day, const char *model, const char *amount)
{
	struct ledger_usage u;

	memset(&u, 0, sizeof u);
	u.day = day;
	u.model = model;
	u.service_tier = "batch";
	u.cls = TOKEN_INPUT;
	u.tokens = 500000;
	u.batch = usd(amount);
	u.sync = money_add(u.batch, u.batch, &(bool){false});
	return u;
}

static struct bill_options november(void)
{
	struct bill_options o;

	memset(&o, 0, sizeof o);
	o.has_period = true;
	o.since = date_from_civil(2026, 11, 1);
	o.until = date_from_civil(2026, 11, 30);
	return o;
}

START_TEST(the_ledger_explains_with_the_money_it_recorded)
{
	/* Recorded at $0.26 (an older price, say): shown as recorded, not as
	 * the catalogue would price 500,000 tokens today ($0.25). */
	struct ledger_usage u[1] = {row(date_from_civil(2026, 11, 10), HAIKU, "0.26")};
	struct bill_options o = november();
	struct bill_check b;
	struct diag d;

	o.ledger = u;
	o.ledger_count = 1;
	ck_assert_msg(bill_check_compute(&pr, &set, &o, &b, &d) == STATUS_OK, "%s", d.text);
	ck_assert(b.has_results);
	ck_money(b.total.billed, "0.42");
	ck_money(b.total.explained, "0.26");
	ck_money(b.total.difference, "0.16");
	ck_money(b.total.cause[BILL_NON_TOKEN], "0.12");
	ck_money(b.total.cause[BILL_NOT_IN_RESULTS], "0.04");
	ck_sums(&b.total);
	for (size_t i = 0; i < b.line_count; i++)
		ck_sums(&b.lines[i].split);
	ck_assert_uint_eq(b.line_count, 2);
	ck_assert_str_eq(b.lines[0].label, HAIKU);
	ck_assert_str_eq(bill_line_tier(&b.lines[0]), "batch");
	ck_assert(b.lines[0].has_explained);
	ck_assert_str_eq(bill_line_tier(&b.lines[1]), "charge");
	bill_check_release(&b);
}
END_TEST

START_TEST(the_ledger_and_the_results_of_the_same_batch_give_the_same_check)
{
	struct ledger_usage u[1] = {row(date_from_civil(2026, 11, 10), HAIKU, "0.25")};
	struct bill_options o = november();
	struct bill_check a, b;
	struct recon r;
	struct recon_bucket k;
	struct diag d;

	recon_init(&r);
	memset(&k, 0, sizeof k);
	k.job = (char *)"triage";
	k.model = (char *)HAIKU;
	k.batch = (char *)"msgbatch_01";
	k.day = date_from_civil(2026, 11, 10);
	k.outcomes[RECON_SUCCEEDED] = k.billed = 5;
	k.tokens.n[TOKEN_INPUT] = 500000;
	ck_assert_int_eq(recon_add(&r, &k, &d), STATUS_OK);
	o.results = &r;
	ck_assert_msg(bill_check_compute(&pr, &set, &o, &a, &d) == STATUS_OK, "%s", d.text);
	o.results = NULL;
	o.ledger = u;
	o.ledger_count = 1;
	ck_assert_msg(bill_check_compute(&pr, &set, &o, &b, &d) == STATUS_OK, "%s", d.text);
	ck_assert_uint_eq(a.line_count, b.line_count);
	ck_assert(memcmp(&a.total, &b.total, sizeof a.total) == 0);
	for (size_t i = 0; i < a.line_count; i++) {
		ck_assert_str_eq(a.lines[i].label, b.lines[i].label);
		ck_assert(memcmp(&a.lines[i].split, &b.lines[i].split,
		                 sizeof a.lines[i].split) == 0);
	}
	ck_money(b.total.explained, "0.25");
	bill_check_release(&a);
	bill_check_release(&b);
	recon_release(&r);
}
END_TEST

START_TEST(ledger_money_outside_the_period_is_counted_not_compared)
{
	struct ledger_usage u[2] = {row(date_from_civil(2026, 10, 31), HAIKU, "0.50"),
	                            row(date_from_civil(2026, 11, 20), HAIKU, "0.75")};
	struct bill_options o = november();
	struct bill_check b;
	struct diag d;

	o.ledger = u;
	o.ledger_count = 2;
	ck_assert_msg(bill_check_compute(&pr, &set, &o, &b, &d) == STATUS_OK, "%s", d.text);
	ck_money(b.ledger_outside, "0.50");
	/* Nov 20: recorded, the bill has no money for it */
	ck_money(b.total.explained, "0.75");
	ck_money(b.total.cause[BILL_MISSING_FROM_BILL], "-0.75");
	ck_money(b.total.cause[BILL_NOT_IN_RESULTS], "0.30");
	ck_sums(&b.total);
	bill_check_release(&b);
}
END_TEST

START_TEST(a_ledger_model_the_catalogue_cannot_name_is_an_error_naming_it)
{
	struct ledger_usage u[1] = {row(date_from_civil(2026, 11, 10), "claude-sonnet-9",
	                                "1.00")};
	struct bill_options o = november();
	struct bill_check b;
	struct diag d;

	o.ledger = u;
	o.ledger_count = 1;
	ck_assert_int_eq(bill_check_compute(&pr, &set, &o, &b, &d), STATUS_UNKNOWN_MODEL);
	ck_assert_ptr_nonnull(strstr(d.text, "\"claude-sonnet-9\" (recorded for 2026-11-10)"));
}
END_TEST

START_TEST(an_empty_ledger_explains_nothing)
{
	struct bill_options o = november();
	struct bill_check b;
	struct diag d;

	o.ledger = (const struct ledger_usage *)"";
	o.ledger_count = 0;
	ck_assert_msg(bill_check_compute(&pr, &set, &o, &b, &d) == STATUS_OK, "%s", d.text);
	ck_assert(b.has_results);
	ck_money(b.total.explained, "0.00");
	ck_money(b.total.cause[BILL_NOT_IN_RESULTS], "0.30");
	ck_sums(&b.total);
	bill_check_release(&b);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		the_ledger_explains_with_the_money_it_recorded,
		the_ledger_and_the_results_of_the_same_batch_give_the_same_check,
		ledger_money_outside_the_period_is_counted_not_compared,
		a_ledger_model_the_catalogue_cannot_name_is_an_error_naming_it,
		an_empty_ledger_explains_nothing,
	};
	return RUN_SUITE_WITH("bill_check", tests, setup, teardown);
}
