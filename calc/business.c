#include "business.h"

#include "cli.h"
#include "json_read.h"
#include "../models/number.h"

#include <string.h>

enum amount_rule { AMOUNT_POSITIVE, AMOUNT_NON_NEGATIVE, AMOUNT_ANY };

static enum status check_json_amount(const struct json_where *w, const cJSON *obj,
                                     const char *key, enum amount_rule rule,
                                     money *out, bool *present, struct diag *d)
{
	enum status st = json_money(w, obj, key, rule != AMOUNT_NON_NEGATIVE, out,
	                            present, d);

	if (st == STATUS_OK && *present && rule == AMOUNT_POSITIVE && out->pico <= 0)
		return json_fail(w, key, cJSON_GetObjectItemCaseSensitive(obj, key),
		                 "an amount in USD above 0", d);
	return st;
}

static const char *const business_keys[] = {
	"revenue_usd_month", "arr_usd", "cogs_usd_month",
	"non_inference_cogs_usd_month", "cash_usd", "net_burn_usd_month",
	"migration", NULL,
};
static const char *const migration_keys[] = {"engineer_days", "day_rate_usd", NULL};

static enum status from_json(const struct profile *p, struct business *b,
                             struct diag *d)
{
	struct json_where root = {p->origin, ""}, where, mig;
	const cJSON *section, *migration;
	bool has_arr = false, has_days = false, has_rate = false;
	money arr = money_zero();
	enum status st;

	section = p->json ? cJSON_GetObjectItemCaseSensitive(p->json, "business") : NULL;
	if (!section)
		return STATUS_OK;
	json_child(&where, &root, "business", -1);
	if (!cJSON_IsObject(section))
		return json_fail(&root, "business", section, "an object", d);
	/* "cogs" for cogs_usd_month would be ignored and the margin overstated. */
	if ((st = json_only_keys(&where, section, business_keys, d)))
		return st;
	if ((st = check_json_amount(&where, section, "revenue_usd_month", AMOUNT_POSITIVE,
	                            &b->revenue, &b->has_revenue, d)) ||
	    (st = check_json_amount(&where, section, "arr_usd", AMOUNT_POSITIVE, &arr,
	                            &has_arr, d)) ||
	    (st = check_json_amount(&where, section, "cogs_usd_month",
	                            AMOUNT_NON_NEGATIVE, &b->cogs, &b->has_cogs, d)) ||
	    (st = check_json_amount(&where, section, "non_inference_cogs_usd_month",
	                            AMOUNT_NON_NEGATIVE, &b->other_cogs,
	                            &b->has_other_cogs, d)) ||
	    (st = check_json_amount(&where, section, "cash_usd", AMOUNT_NON_NEGATIVE,
	                            &b->cash, &b->has_cash, d)) ||
	    (st = check_json_amount(&where, section, "net_burn_usd_month", AMOUNT_ANY,
	                            &b->net_burn, &b->has_burn, d)))
		return st;
	if (has_arr && b->has_revenue)
		return json_fail(&where, "arr_usd", cJSON_GetObjectItemCaseSensitive(section, "arr_usd"),
		                 "either revenue_usd_month or arr_usd, not both", d);
	if (b->has_cogs && b->has_other_cogs)
		return json_fail(&where, "non_inference_cogs_usd_month",
		                 cJSON_GetObjectItemCaseSensitive(section, "non_inference_cogs_usd_month"),
		                 "either cogs_usd_month or non_inference_cogs_usd_month, not both", d);
	if (has_arr) {
		bool overflow = false;
		b->revenue = money_scale(arr, 1, 12, &overflow);
		b->has_revenue = true;
	}
	migration = cJSON_GetObjectItemCaseSensitive(section, "migration");
	if (!migration)
		return STATUS_OK;
	json_child(&mig, &where, "migration", -1);
	if (!cJSON_IsObject(migration))
		return json_fail(&where, "migration", migration,
		                 "an object {\"engineer_days\", \"day_rate_usd\"}", d);
	if ((st = json_only_keys(&mig, migration, migration_keys, d)))
		return st;
	if ((st = json_scaled(&mig, migration, "engineer_days", true, 2, 0,
	                      100000000, &b->engineer_days, &has_days, d)) ||
	    (st = check_json_amount(&mig, migration, "day_rate_usd",
	                            AMOUNT_NON_NEGATIVE, &b->day_rate, &has_rate, d)))
		return st;
	if (!has_rate)
		return json_fail(&mig, "day_rate_usd", NULL,
		                 "an amount in USD (the field is required)", d);
	b->has_migration = true;
	return STATUS_OK;
}

static enum status flag_amount(const char *flag, const char *text,
                               enum amount_rule rule, money *out, bool *present,
                               struct diag *d)
{
	const char *why = NULL;
	static const char *const wants[] = {"an amount in USD above 0",
	                                    "an amount in USD, 0 or more",
	                                    "an amount in USD"};

	if (!text)
		return STATUS_OK;
	if (!money_parse(text, out, &why) ||
	    (rule == AMOUNT_POSITIVE && out->pico <= 0) ||
	    (rule == AMOUNT_NON_NEGATIVE && out->pico < 0))
		return diag_set(d, STATUS_USAGE, "--%s: expected %s, found \"%s\"%s%s%s",
		                flag, wants[rule], text, why ? " (" : "", why ? why : "",
		                why ? ")" : "");
	*present = true;
	return STATUS_OK;
}

enum status business_load(const struct profile *p, const struct business_flags *f,
                          struct business *b, struct diag *d)
{
	bool overflow = false, flag_days = false, flag_rate = false, has_arr = false;
	money arr = money_zero();
	enum status st;

	memset(b, 0, sizeof *b);
	if (p && (st = from_json(p, b, d)))
		return st;
	if (f->revenue && f->arr)
		return diag_set(d, STATUS_USAGE, "--revenue and --arr exclude each other");
	if (f->cogs && f->other_cogs)
		return diag_set(d, STATUS_USAGE, "--cogs and --other-cogs exclude each other");
	if ((st = flag_amount("revenue", f->revenue, AMOUNT_POSITIVE, &b->revenue,
	                      &b->has_revenue, d)) ||
	    (st = flag_amount("arr", f->arr, AMOUNT_POSITIVE, &arr, &has_arr, d)) ||
	    (st = flag_amount("cash", f->cash, AMOUNT_NON_NEGATIVE, &b->cash,
	                      &b->has_cash, d)) ||
	    (st = flag_amount("burn", f->burn, AMOUNT_ANY, &b->net_burn, &b->has_burn, d)) ||
	    (st = flag_amount("day-rate", f->day_rate, AMOUNT_NON_NEGATIVE, &b->day_rate,
	                      &flag_rate, d)))
		return st;
	if (has_arr) {
		b->revenue = money_scale(arr, 1, 12, &overflow);
		b->has_revenue = true;
	}
	/* One flag of a pair replaces the profile's pair. */
	if (f->cogs) {
		b->has_other_cogs = false;
		if ((st = flag_amount("cogs", f->cogs, AMOUNT_NON_NEGATIVE, &b->cogs,
		                      &b->has_cogs, d)))
			return st;
	}
	if (f->other_cogs) {
		b->has_cogs = false;
		if ((st = flag_amount("other-cogs", f->other_cogs, AMOUNT_NON_NEGATIVE,
		                      &b->other_cogs, &b->has_other_cogs, d)))
			return st;
	}
	if (f->migration_days) {
		const char *why = "";
		if (!number_parse_scaled(f->migration_days, 2, 0, 100000000,
		                         &b->engineer_days, &why))
			return diag_set(d, STATUS_USAGE, "--migration-days: expected a number "
			                "of days, 0 or more with at most 2 decimals, found "
			                "\"%s\" (%s)", f->migration_days, why);
		flag_days = true;
	}
	if ((flag_days || flag_rate) && !b->has_migration && !(flag_days && flag_rate))
		return diag_set(d, STATUS_USAGE, "--migration-days and --day-rate go "
		                "together (or with the profile's business.migration)");
	if (flag_days || flag_rate || b->has_migration) {
		b->has_migration = true;
		b->migration_cost = money_scale(b->day_rate, b->engineer_days, 100,
		                                &overflow);
	}
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the business figures do not fit");
	return STATUS_OK;
}

enum status business_other_cogs(const struct business *b, money inference,
                                money *out, bool *assumed, struct diag *d)
{
	bool overflow = false;
	char total[64], inf[64];

	*assumed = false;
	if (b->has_other_cogs) {
		*out = b->other_cogs;
		return STATUS_OK;
	}
	if (!b->has_cogs) {
		*assumed = true;
		*out = money_zero();
		return STATUS_OK;
	}
	*out = money_sub(b->cogs, inference, &overflow);
	if (overflow)
		return diag_set(d, STATUS_OVERFLOW, "the COGS figures do not fit");
	if (out->pico < 0)
		return diag_set(d, STATUS_INPUT,
		                "expected COGS (%s a month) to include the inference "
		                "bill, found it below the inference cost (%s a month)",
		                cli_money_cents(b->cogs, total),
		                cli_money_cents(inference, inf));
	return STATUS_OK;
}
