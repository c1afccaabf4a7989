/* report: the pack says what estimate says, links only what it wrote, renders
 * cleanly, and replaces a previous pack all or nothing. */
#include "../../calc/commands.h"
#include "../../calc/files.h"
#include "../../calc/report.h"

#include "suite.h"
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- helpers ---------------------------------------------------------- */

static char *run_command(command_fn fn, int argc, char **argv, enum status *st)
{
	struct cli ctx;
	struct diag d;
	char *text = NULL;
	size_t len = 0;

	cli_init(&ctx, date_from_civil(2026, 11, 25));
	ctx.out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(ctx.out);
	*st = fn(argc, argv, &ctx, &d);
	fclose(ctx.out);
	cli_release(&ctx);
	if (*st != STATUS_OK)
		fprintf(stderr, "command failed: %s\n", d.text);
	return text;
}

static char *scratch_dir(void)
{
	char tmpl[] = "/tmp/test_report.XXXXXX";
	char *dir = mkdtemp(tmpl);

	ck_assert_ptr_nonnull(dir);
	return strdup(dir);
}

static void remove_tree(const char *dir)
{
	char cmd[600];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static char *read_file(const char *dir, const char *name)
{
	char path[600];
	char *data;
	size_t len;
	struct diag d;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (file_read_all(path, &data, &len, &d) != STATUS_OK)
		return NULL;
	return data;
}

static bool exists(const char *dir, const char *name)
{
	char path[600];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static enum status write_report(const char *dir, const char *gnuplot)
{
	char *argv[] = {"report", "-o", (char *)dir, "--as-of", "2026-11-25",
	                "--gnuplot", (char *)gnuplot, NULL};
	enum status st;

	free(run_command(cmd_report, 7, argv, &st));
	return st;
}

/* A parsed CSV file: rows of fields. */
struct csv_doc {
	char *cells[64][24];
	int fields[64];
	int rows, col;
};

static void on_field(void *s, size_t len, void *data)
{
	struct csv_doc *doc = data;

	ck_assert_int_lt(doc->col, 24);
	doc->cells[doc->rows][doc->col] = strndup(s, len);
	doc->col++;
}

static void on_row(int c, void *data)
{
	struct csv_doc *doc = data;

	(void)c;
	doc->fields[doc->rows++] = doc->col;
	doc->col = 0;
	ck_assert_int_lt(doc->rows, 64);
}

static void csv_doc_parse(struct csv_doc *doc, const char *text)
{
	struct csv_parser p;

	memset(doc, 0, sizeof *doc);
	ck_assert_int_eq(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	ck_assert_uint_eq(csv_parse(&p, text, strlen(text), on_field, on_row, doc),
	                  strlen(text));
	ck_assert_int_eq(csv_fini(&p, on_field, on_row, doc), 0);
	csv_free(&p);
}

static void csv_doc_free(struct csv_doc *doc)
{
	for (int r = 0; r < doc->rows; r++)
		for (int c = 0; c < doc->fields[r]; c++)
			free(doc->cells[r][c]);
}

static int csv_column(const struct csv_doc *doc, const char *name)
{
	for (int c = 0; c < doc->fields[0]; c++)
		if (strcmp(doc->cells[0][c], name) == 0)
			return c;
	ck_abort_msg("no column %s", name);
	return -1;
}

/* A CSV figure read by the same number parser as the JSON it is compared
 * with, so equal decimal text gives an equal double and any other text a
 * different one at these magnitudes. */
static double csv_number(const char *text)
{
	cJSON *n = cJSON_Parse(text);
	double v;

	ck_assert_msg(cJSON_IsNumber(n), "not a number: %s", text);
	v = n->valuedouble;
	cJSON_Delete(n);
	return v;
}

/* estimate's JSON for the seed and one CSV of the report of the same seed. */
struct both {
	char *dir, *json_text, *csv_text;
	cJSON *json;
	struct csv_doc doc;
};

static void both_load(struct both *b, const char *csv_name)
{
	char *argv[] = {"estimate", "--format", "json", "--as-of", "2026-11-25", NULL};
	enum status st;

	b->dir = scratch_dir();
	b->json_text = run_command(cmd_estimate, 5, argv, &st);
	ck_assert_int_eq(st, STATUS_OK);
	b->json = cJSON_Parse(b->json_text);
	ck_assert_ptr_nonnull(b->json);
	ck_assert_int_eq(write_report(b->dir, "gnuplot"), STATUS_OK);
	b->csv_text = read_file(b->dir, csv_name);
	ck_assert_ptr_nonnull(b->csv_text);
	csv_doc_parse(&b->doc, b->csv_text);
}

static void both_release(struct both *b)
{
	csv_doc_free(&b->doc);
	free(b->csv_text);
	cJSON_Delete(b->json);
	free(b->json_text);
	remove_tree(b->dir);
	free(b->dir);
}

/* ---- the figures ------------------------------------------------------- */

START_TEST(csv_figures_are_the_figures_estimate_prints_as_json)
{
	static const struct { const char *csv, *json; } pairs[] = {
		{"requests_per_month", "requests_per_month"},
		{"sync_usd_month", "sync_usd"},
		{"batch_usd_month", "batch_usd"},
		{"hybrid_usd_month", "hybrid_usd"},
		{"savings_usd_month", "savings_usd"},
	};
	struct both b;
	struct csv_doc *doc = &b.doc;
	cJSON *list;
	int i = 0;

	both_load(&b, "cost-by-workload.csv");
	list = cJSON_GetObjectItem(b.json, "workloads");
	ck_assert_int_eq(doc->rows, cJSON_GetArraySize(list) + 1);
	for (cJSON *w = list->child; w; w = w->next, i++) {
		char **row = doc->cells[i + 1];
		ck_assert_int_eq(doc->fields[i + 1], doc->fields[0]);
		ck_assert_str_eq(row[csv_column(doc, "workload")],
		                 cJSON_GetObjectItem(w, "name")->valuestring);
		ck_assert_str_eq(row[csv_column(doc, "model")],
		                 cJSON_GetObjectItem(w, "model")->valuestring);
		for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
			ck_assert_double_eq(csv_number(row[csv_column(doc, pairs[k].csv)]),
			                    cJSON_GetObjectItem(w, pairs[k].json)->valuedouble);
		/* percent in the report, a 0..1 share in estimate */
		ck_assert_double_eq_tol(csv_number(row[csv_column(doc, "batch_share_percent")]) / 100,
		                        cJSON_GetObjectItem(w, "batch_share")->valuedouble,
		                        1e-12);
		ck_assert_str_eq(row[csv_column(doc, "as_of")], "2026-11-25");
		ck_assert_str_eq(row[csv_column(doc, "currency")], "USD");
	}
	both_release(&b);
}
END_TEST

START_TEST(savings_by_share_runs_from_sync_to_the_estimate_batch_total)
{
	struct both b;
	struct csv_doc *doc = &b.doc;
	cJSON *total;
	int share, sync, hybrid, savings;

	both_load(&b, "savings-by-batch-share.csv");
	total = cJSON_GetObjectItem(b.json, "total");
	share = csv_column(doc, "batch_share_percent");
	sync = csv_column(doc, "sync_usd_month");
	hybrid = csv_column(doc, "hybrid_usd_month");
	savings = csv_column(doc, "savings_usd_month");
	ck_assert_int_eq(doc->rows, 1 + 11);
	ck_assert_str_eq(doc->cells[1][share], "0");
	ck_assert_str_eq(doc->cells[11][share], "100");
	/* At 0% the plan is all sync; at 100% (the seed's own share) it is the
	 * batch total estimate prints, to the picodollar. */
	ck_assert_str_eq(doc->cells[1][hybrid], doc->cells[1][sync]);
	ck_assert_str_eq(doc->cells[1][savings], "0.00");
	ck_assert_double_eq(csv_number(doc->cells[11][hybrid]),
	                    cJSON_GetObjectItem(total, "batch_usd")->valuedouble);
	ck_assert_double_eq(csv_number(doc->cells[11][savings]),
	                    cJSON_GetObjectItem(total, "savings_usd")->valuedouble);
	for (int r = 1; r < doc->rows; r++)
		ck_assert_double_eq(csv_number(doc->cells[r][sync]),
		                    cJSON_GetObjectItem(total, "sync_usd")->valuedouble);
	both_release(&b);
}
END_TEST

START_TEST(cells_are_shown_rounded_half_away_from_zero)
{
	static const struct { enum report_unit unit; const char *exact, *shown; } cases[] = {
		{UNIT_USD, "1368.857142857143", "$1,368.86"},
		{UNIT_USD, "0.005", "$0.01"},
		{UNIT_USD, "0.004999999999", "$0.00"},
		{UNIT_USD, "-1234.5", "-$1,234.50"},
		{UNIT_COUNT, "857.142857142857", "857.14"},
		{UNIT_COUNT, "15000", "15,000"},
		{UNIT_PERCENT, "12.25", "12.3%"},
		{UNIT_PERCENT, "100", "100.0%"},
		{UNIT_TEXT, "a<b", "a<b"},   /* HTML escaping is the writer's job */
		{UNIT_USD, "n/a", "n/a"},    /* not a number: shown as it is */
		{UNIT_USD, "", "NOT PRICED"}, /* empty: no price covers it, never $0 */
		{UNIT_COUNT, "", ""},
	};
	char buf[64];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_str_eq(report_cell_shown("$", cases[i].unit, cases[i].exact, buf),
		                 cases[i].shown);
}
END_TEST


/* ---- the pack with every section: business, plan growth, a schedule --- */

static const char full_profile[] =
	"{\n"
	"  \"business\": {\"revenue_usd_month\": 40000, \"cogs_usd_month\": 15000},\n"
	"  \"plan\": {\"tier\": 2, \"working_hours\": 10},\n"
	"  \"workloads\": [\n"
	"    {\"name\": \"nightly-tagging\", \"model\": \"claude-haiku-4-5\", \"volume\": 40000,\n"
	"     \"period\": \"day\", \"input_tokens\": 1200, \"cache_read_tokens\": 800,\n"
	"     \"output_tokens\": 60},\n"
	"    {\"name\": \"contract-review\", \"model\": \"claude-sonnet-4-5\", \"volume\": 500,\n"
	"     \"period\": \"day\", \"input_tokens\": 15000, \"output_tokens\": 800,\n"
	"     \"batch_share\": 0.8}\n"
	"  ]\n"
	"}\n";

/* Message Batches results of the profile's two workloads (jobs by custom_id),
 * one of them the job of no workload, one request failed. */
#define SUCCEEDED(key, model, in, read, out) \
	"{\"custom_id\":\"" key "\",\"result\":{\"type\":\"succeeded\",\"message\":" \
	"{\"model\":\"" model "\",\"id\":\"msg_" key "\",\"type\":\"message\"," \
	"\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}]," \
	"\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":" \
	in ",\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":" read "," \
	"\"output_tokens\":" out "}}}}\n"
static const char full_results[] =
	SUCCEEDED("nightly-tagging-0001", "claude-haiku-4-5-20251001", "1250", "800", "61")
	SUCCEEDED("nightly-tagging-0002", "claude-haiku-4-5-20251001", "1190", "0", "58")
	SUCCEEDED("contract-review-0001", "claude-sonnet-4-5-20250929", "16020", "0", "912")
	"{\"custom_id\":\"contract-review-0002\",\"result\":{\"type\":\"errored\","
	"\"error\":{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
	"\"message\":\"m\"},\"request_id\":null}}}\n"
	SUCCEEDED("adhoc-0001", "claude-sonnet-4-5-20250929", "3000", "0", "400");

/* A scratch directory with p.json, results.jsonl and the full pack in out/
 * (zone given). */
static char *write_full_report_on(const char *zone, const char *as_of)
{
	char *dir = scratch_dir(), profile[600], out[600], results[600];
	char *argv[] = {"report", profile, "-o", out, "--growth", "40%", "--submit", "02:00",
	                "--deadline", "06:00", "--tz", (char *)zone, "--as-of",
	                (char *)as_of, "--results", results, NULL};
	enum status st;

	write_file(dir, "p.json", full_profile);
	write_file(dir, "results.jsonl", full_results);
	snprintf(profile, sizeof profile, "%s/p.json", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	snprintf(results, sizeof results, "%s/results.jsonl", dir);
	free(run_command(cmd_report, 16, argv, &st));
	ck_assert_int_eq(st, STATUS_OK);
	return dir;
}

static char *write_full_report(const char *zone)
{
	return write_full_report_on(zone, "2026-11-25");
}

/* The JSON a command prints for the same profile (every argument "p.json"
 * or "results.jsonl" is replaced by the file in DIR). */
static cJSON *command_json(command_fn fn, const char *dir, int argc, char **argv)
{
	char profile[600], results[600], *text;
	enum status st;
	cJSON *json;

	snprintf(profile, sizeof profile, "%s/p.json", dir);
	snprintf(results, sizeof results, "%s/results.jsonl", dir);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "p.json") == 0)
			argv[i] = profile;
		else if (strcmp(argv[i], "results.jsonl") == 0)
			argv[i] = results;
	}
	text = run_command(fn, argc, argv, &st);
	ck_assert_int_eq(st, STATUS_OK);
	json = cJSON_Parse(text);
	ck_assert_ptr_nonnull(json);
	free(text);
	return json;
}

static void csv_load(struct csv_doc *doc, const char *dir, const char *name)
{
	char path[600], *text;

	snprintf(path, sizeof path, "%s/out", dir);
	text = read_file(path, name);
	ck_assert_msg(text != NULL, "no %s", name);
	csv_doc_parse(doc, text);
	free(text);
}

static double json_number(const cJSON *obj, const char *key)
{
	const cJSON *item = cJSON_GetObjectItem(obj, key);

	ck_assert_msg(cJSON_IsNumber(item), "no number %s", key);
	return item->valuedouble;
}

START_TEST(margin_csv_is_what_margin_sweep_share_prints_as_json)
{
	char *dir = write_full_report("UTC");
	char *argv[] = {"margin", "p.json", "--sweep", "share", "--format", "json",
	                "--as-of", "2026-11-25", NULL};
	cJSON *json = command_json(cmd_margin, dir, 8, argv), *rows;
	struct csv_doc doc;
	int i = 1;

	csv_load(&doc, dir, "margin-by-batch-share.csv");
	rows = cJSON_GetObjectItem(json, "rows");
	ck_assert_int_eq(doc.rows, 1 + cJSON_GetArraySize(rows));
	for (cJSON *row = rows->child; row; row = row->next, i++) {
		char **cells = doc.cells[i];
		ck_assert_double_eq_tol(csv_number(cells[csv_column(&doc, "batch_share_percent")]) / 100,
		                        json_number(row, "batch_share"), 1e-12);
		/* money: the same exact decimal */
		ck_assert_double_eq(csv_number(cells[csv_column(&doc, "inference_before_usd_month")]),
		                    json_number(row, "inference_before_usd_month"));
		ck_assert_double_eq(csv_number(cells[csv_column(&doc, "inference_after_usd_month")]),
		                    json_number(row, "inference_after_usd_month"));
		ck_assert_double_eq(csv_number(cells[csv_column(&doc, "savings_usd_month")]),
		                    json_number(row, "savings_usd_month"));
		/* margins: percent in the report (12 digits), a fraction in margin */
		ck_assert_double_eq_tol(csv_number(cells[csv_column(&doc, "gross_margin_before_percent")]) / 100,
		                        json_number(row, "gross_margin_before"), 1e-12);
		ck_assert_double_eq_tol(csv_number(cells[csv_column(&doc, "gross_margin_after_percent")]) / 100,
		                        json_number(row, "gross_margin_after"), 1e-12);
		ck_assert_double_eq_tol(csv_number(cells[csv_column(&doc, "margin_change_points")]),
		                        json_number(row, "margin_points"), 1e-9);
	}
	csv_doc_free(&doc);
	cJSON_Delete(json);
	remove_tree(dir);
	free(dir);
}
END_TEST

/* One limit of plan's JSON ({"rpm": 10, ...}) against the CSV rows. */
static int limits_matched(const struct csv_doc *doc, const char *who,
                          const char *traffic, const cJSON *months)
{
	static const char *const keys[] = {"rpm", "itpm", "otpm", "queue"};
	static const char *const names[] = {"RPM", "ITPM", "OTPM", "queue"};
	int found = 0;

	for (size_t k = 0; k < 4; k++) {
		const cJSON *m = cJSON_GetObjectItem(months, keys[k]);
		bool matched = false;
		if (!m || cJSON_IsNull(m))
			continue;
		for (int r = 1; r < doc->rows; r++)
			matched = matched ||
				(strcmp(doc->cells[r][0], who) == 0 &&
				 strcmp(doc->cells[r][1], k == 3 ? "batch" : traffic) == 0 &&
				 strcmp(doc->cells[r][2], names[k]) == 0 &&
				 csv_number(doc->cells[r][3]) == m->valuedouble);
		ck_assert_msg(matched, "%s %s %s month %g not in the CSV", who, traffic,
		              names[k], m->valuedouble);
		found++;
	}
	return found;
}

START_TEST(growth_csv_is_what_plan_growth_prints_as_json)
{
	static const struct { const char *csv, *json; } pairs[] = {
		{"month", "month"},
		{"requests_per_month", "requests"},
		{"sync_usd_month", "sync_usd"},
		{"batch_usd_month", "batch_usd"},
		{"hybrid_usd_month", "hybrid_usd"},
		{"savings_usd_month", "savings_usd"},
		{"cumulative_savings_usd", "cumulative_savings_usd"},
	};
	/* On a day Anthropic's tier 1-4 tables were in force (the tables of
	 * 2026-06-26 publish no figures for these models). */
	char *dir = write_full_report_on("UTC", "2026-06-01");
	char *argv[] = {"plan", "p.json", "--growth", "40%", "--format", "json",
	                "--as-of", "2026-06-01", NULL};
	cJSON *json = command_json(cmd_plan, dir, 8, argv), *months;
	struct csv_doc doc;
	int i = 1, found = 0;

	csv_load(&doc, dir, "growth-projection.csv");
	months = cJSON_GetObjectItem(json, "months");
	ck_assert_int_eq(doc.rows, 1 + cJSON_GetArraySize(months));
	for (cJSON *m = months->child; m; m = m->next, i++)
		for (size_t k = 0; k < sizeof pairs / sizeof pairs[0]; k++)
			ck_assert_double_eq(csv_number(doc.cells[i][csv_column(&doc, pairs[k].csv)]),
			                    json_number(m, pairs[k].json));
	csv_doc_free(&doc);

	/* Every first-exceeded month plan prints is a row, and nothing else. */
	csv_load(&doc, dir, "limits-first-exceeded.csv");
	for (cJSON *w = cJSON_GetObjectItem(json, "workloads")->child; w; w = w->next) {
		const cJSON *first = cJSON_GetObjectItem(w, "first_exceeded_month");
		const char *name = cJSON_GetObjectItem(w, "name")->valuestring;
		found += limits_matched(&doc, name, "plan", cJSON_GetObjectItem(first, "plan"));
		found += limits_matched(&doc, name, "all sync",
		                        cJSON_GetObjectItem(first, "all_sync"));
	}
	for (cJSON *t = cJSON_GetObjectItem(json, "totals")->child; t; t = t->next) {
		cJSON *q = cJSON_CreateObject();
		cJSON_AddItemReferenceToObject(q, "queue",
		                               cJSON_GetObjectItem(t, "queue_first_exceeded_month"));
		found += limits_matched(&doc, cJSON_GetObjectItem(t, "provider")->valuestring,
		                        "batch", q);
		cJSON_Delete(q);
	}
	/* this profile breaks all-sync RPM, ITPM, OTPM and the queue in 12 months */
	ck_assert_int_ge(found, 5);
	ck_assert_int_eq(doc.rows - 1, found);
	csv_doc_free(&doc);
	cJSON_Delete(json);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(sla_csv_is_what_sla_prints_as_json)
{
	char *dir = write_full_report("Australia/Sydney");
	char *argv[] = {"sla", "--submit", "02:00", "--deadline", "06:00", "--tz",
	                "Australia/Sydney", "--format", "json", "--as-of", "2026-11-25",
	                NULL};
	cJSON *json = command_json(cmd_sla, dir, 11, argv);
	struct csv_doc doc;
	char **row;

	csv_load(&doc, dir, "sla-summary.csv");
	ck_assert_int_eq(doc.rows, 2);
	row = doc.cells[1];
	ck_assert_double_eq_tol(csv_number(row[csv_column(&doc, "p_meet_percent")]) / 100,
	                        json_number(json, "p_meet"), 1e-12);
	ck_assert_double_eq_tol(csv_number(row[csv_column(&doc, "expired_percent")]) / 100,
	                        json_number(json, "expired_share"), 1e-12);
	ck_assert_double_eq(csv_number(row[csv_column(&doc, "p50_hours")]),
	                    json_number(json, "p50_hours"));
	ck_assert_double_eq(csv_number(row[csv_column(&doc, "p90_hours")]),
	                    json_number(json, "p90_hours"));
	ck_assert_double_eq(csv_number(row[csv_column(&doc, "p99_hours")]),
	                    json_number(json, "p99_hours"));
	/* best_submit_local is the report's own: sla answers the latest time to
	 * submit instead (--p-meet), a different question. */
	csv_doc_free(&doc);
	cJSON_Delete(json);
	remove_tree(dir);
	free(dir);
}
END_TEST

/* In UTC every window is its nominal 4 hours, so each hour's point is what
 * `sla` says of a submission at that hour, and the turnaround curve at the
 * deadline is p_meet; at the expiry it is 1 - the expired share. */
START_TEST(sla_curves_are_what_sla_prints_at_each_hour)
{
	char *dir = write_full_report("UTC");
	struct csv_doc hours, cdf;
	int checked = 0;

	csv_load(&hours, dir, "sla-by-submission-hour.csv");
	csv_load(&cdf, dir, "sla-turnaround.csv");
	ck_assert_int_eq(hours.rows, 1 + 24);
	ck_assert_int_eq(cdf.rows, 1 + 49); /* 0 to 24 h by half hours */
	static const int at[] = {0, 2, 9, 15, 19};
	for (size_t n = 0; n < sizeof at / sizeof at[0]; n++) {
		int h = at[n];
		char submit[8], deadline[8];
		char *argv[] = {"sla", "--submit", submit, "--deadline", deadline,
		                "--format", "json", "--as-of", "2026-11-25", NULL};
		cJSON *json;
		snprintf(submit, sizeof submit, "%02d:00", h);
		snprintf(deadline, sizeof deadline, "%02d:00", h + 4);
		json = command_json(cmd_sla, dir, 9, argv);
		ck_assert_str_eq(hours.cells[1 + h][1], submit);
		ck_assert_double_eq_tol(csv_number(hours.cells[1 + h][2]) / 100,
		                        json_number(json, "p_meet"), 1e-12);
		if (h == 2) {
			ck_assert_str_eq(cdf.cells[1 + 8][0], "4");
			ck_assert_double_eq_tol(csv_number(cdf.cells[1 + 8][1]) / 100,
			                        json_number(json, "p_meet"), 1e-12);
			ck_assert_str_eq(cdf.cells[49][0], "24");
			ck_assert_double_eq_tol(csv_number(cdf.cells[49][1]) / 100,
			                        1 - json_number(json, "expired_share"), 2e-6);
		}
		cJSON_Delete(json);
		checked++;
	}
	ck_assert_int_eq(checked, 5);
	csv_doc_free(&hours);
	csv_doc_free(&cdf);
	remove_tree(dir);
	free(dir);
}
END_TEST

/* Every data row of DIR/out/CSV is the object of `objects` named by its
 * column `key`, column csv[k] holding exactly the JSON's json[k]. */
static void csv_rows_are_json(const char *dir, const char *csv, const char *key,
                              const cJSON *objects, const char *const *csv_names,
                              const char *const *json_names, int n, int rows)
{
	struct csv_doc doc;

	csv_load(&doc, dir, csv);
	ck_assert_int_eq(doc.rows, 1 + rows);
	for (int r = 1; r < doc.rows; r++) {
		char **cells = doc.cells[r];
		const cJSON *o = cJSON_GetObjectItem(objects, cells[csv_column(&doc, key)]);
		ck_assert_msg(o != NULL, "%s: no %s %s in the JSON", csv, key, cells[0]);
		for (int k = 0; k < n; k++)
			ck_assert_double_eq(csv_number(cells[csv_column(&doc, csv_names[k])]),
			                    json_number(o, json_names[k]));
	}
	csv_doc_free(&doc);
}

START_TEST(reconcile_csvs_are_what_reconcile_forecast_prints_as_json)
{
	/* the same names in the CSV and in the JSON */
	static const char *const job_keys[] = {"requests", "succeeded", "batch_usd",
	                                       "sync_usd"};
	static const char *const forecast_keys[] = {
		"forecast_usd", "actual_usd", "difference_usd", "volume_usd", "failure_usd",
		"token_mix_usd", "price_usd"};
	static const char *const forecast_columns[] = {
		"forecast_usd_month", "actual_usd", "difference_usd", "volume_usd",
		"failure_usd", "token_mix_usd", "price_usd"};
	char *dir = write_full_report("UTC");
	char *argv[] = {"reconcile", "results.jsonl", "--forecast", "p.json", "--format",
	                "json", "--as-of", "2026-11-25", NULL};
	cJSON *json = command_json(cmd_reconcile, dir, 8, argv), *jobs, *forecast;

	jobs = cJSON_GetObjectItem(json, "jobs");
	/* adhoc, contract-review, nightly-tagging: every job, the workloads' or not */
	ck_assert_int_eq(cJSON_GetArraySize(jobs), 3);
	csv_rows_are_json(dir, "reconciled-cost-by-job.csv", "job", jobs, job_keys,
	                  job_keys, 4, 3);
	/* the profile's two workloads */
	forecast = cJSON_GetObjectItem(json, "forecast");
	csv_rows_are_json(dir, "actual-vs-forecast.csv", "workload", forecast,
	                  forecast_columns, forecast_keys, 7, 2);
	/* the failed request shows in the variance, not as cost */
	ck_assert_double_lt(json_number(cJSON_GetObjectItem(forecast, "contract-review"),
	                                "failure_usd"), 0);
	cJSON_Delete(json);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(a_results_file_that_is_not_one_writes_nothing)
{
	char *dir = scratch_dir(), out[600], profile[600];
	char *argv[] = {"report", profile, "-o", out, "--results", profile, NULL};
	enum status st;

	write_file(dir, "p.json", full_profile);
	snprintf(profile, sizeof profile, "%s/p.json", dir);
	snprintf(out, sizeof out, "%s/out", dir);
	free(run_command(cmd_report, 6, argv, &st));
	ck_assert_int_eq(st, STATUS_INPUT);
	ck_assert(!exists(dir, "out"));
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(sections_without_their_inputs_are_noted_not_invented)
{
	char *dir = scratch_dir(), *summary, *html;
	cJSON *json, *notes;

	ck_assert_int_eq(write_report(dir, "gnuplot"), STATUS_OK);
	ck_assert(!exists(dir, "margin-by-batch-share.csv"));
	ck_assert(!exists(dir, "sla-summary.csv"));
	ck_assert(!exists(dir, "sla-turnaround.gp"));
	ck_assert(!exists(dir, "reconciled-cost-by-job.csv"));
	ck_assert(!exists(dir, "actual-vs-forecast.gp"));
	ck_assert(exists(dir, "growth-projection.csv"));
	summary = read_file(dir, "summary.json");
	json = cJSON_Parse(summary);
	notes = cJSON_GetObjectItem(json, "notes");
	ck_assert_int_eq(cJSON_GetArraySize(notes), 4);
	ck_assert_ptr_nonnull(strstr(cJSON_GetArrayItem(notes, 0)->valuestring,
	                             "revenue is never assumed"));
	ck_assert_ptr_nonnull(strstr(cJSON_GetArrayItem(notes, 3)->valuestring,
	                             "the volume does not grow"));
	ck_assert(!exists(dir, "growth-projection.gp")); /* flat lines: not drawn */
	ck_assert(exists(dir, "cumulative-savings.svg"));
	html = read_file(dir, "index.html");
	ck_assert_ptr_nonnull(strstr(html, "<li>Gross margin against batch share: not drawn"));
	ck_assert_ptr_nonnull(strstr(html, "<li>Deadline and turnaround charts: not drawn"));
	ck_assert_ptr_nonnull(strstr(html, "<li>Reconciled cost by job and actual against "
	                             "forecast: not drawn"));
	ck_assert_ptr_nonnull(strstr(html, "<li>Monthly cost over the months: not drawn"));
	free(html);
	cJSON_Delete(json);
	free(summary);
	remove_tree(dir);
	free(dir);
}
END_TEST

/* One figure, one value: the projection's month 1 is the estimate, to the
 * picodollar, though later months are priced from whole request counts
 * (the seed's 857.14 requests a month of research-agent are not whole). */
START_TEST(growth_month_1_is_the_estimate)
{
	struct both b;
	cJSON *total;

	both_load(&b, "growth-projection.csv");
	total = cJSON_GetObjectItem(b.json, "total");
	for (int k = 0; k < 4; k++) {
		static const char *const csv[] = {"sync_usd_month", "batch_usd_month",
		                                  "hybrid_usd_month", "savings_usd_month"};
		static const char *const json[] = {"sync_usd", "batch_usd", "hybrid_usd",
		                                   "savings_usd"};
		ck_assert_double_eq(csv_number(b.doc.cells[1][csv_column(&b.doc, csv[k])]),
		                    cJSON_GetObjectItem(total, json[k])->valuedouble);
	}
	both_release(&b);
}
END_TEST

START_TEST(growth_without_a_rate_is_flat)
{
	char *dir = scratch_dir();
	struct csv_doc doc;
	char *text;
	int sync;

	ck_assert_int_eq(write_report(dir, "gnuplot"), STATUS_OK);
	text = read_file(dir, "growth-projection.csv");
	csv_doc_parse(&doc, text);
	sync = csv_column(&doc, "sync_usd_month");
	ck_assert_int_eq(doc.rows, 1 + 12);
	for (int r = 2; r < doc.rows; r++)
		ck_assert_str_eq(doc.cells[r][sync], doc.cells[1][sync]);
	csv_doc_free(&doc);
	free(text);
	remove_tree(dir);
	free(dir);
}
END_TEST

/* ---- the files --------------------------------------------------------- */

START_TEST(index_html_links_only_files_that_exist)
{
	char *top = write_full_report("Australia/Sydney"), *html, dir[600];
	int links = 0;

	snprintf(dir, sizeof dir, "%s/out", top);
	html = read_file(dir, "index.html");
	ck_assert_ptr_nonnull(html);
	ck_assert_ptr_nonnull(strstr(html, "<meta name=\"viewport\""));
	ck_assert_ptr_nonnull(strstr(html, "@media print"));
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "http://www.w3.org/1999/xhtml\" src"));
	for (const char *p = html; (p = strstr(p, "href=\"")); ) {
		const char *end;
		char name[256];
		p += 6;
		end = strchr(p, '"');
		ck_assert_ptr_nonnull(end);
		snprintf(name, sizeof name, "%.*s", (int)(end - p), p);
		if (name[0] == '#')
			continue; /* a reference inside an inlined SVG */
		ck_assert_msg(!strchr(name, ':') && !strchr(name, '/'),
		              "not a file of the pack: %s", name);
		ck_assert_msg(exists(dir, name), "index.html links missing %s", name);
		links++;
	}
	ck_assert_int_ge(links, 35);
	/* every chart inlined, with ids that do not collide */
	ck_assert_ptr_nonnull(strstr(html, "id='cost-by-workload-gpPt0'"));
	ck_assert_ptr_nonnull(strstr(html, "id='savings-by-batch-share-gpPt0'"));
	ck_assert_ptr_nonnull(strstr(html, "id='margin-by-batch-share-gpPt0'"));
	ck_assert_ptr_nonnull(strstr(html, "id='growth-projection-gpPt0'"));
	ck_assert_ptr_nonnull(strstr(html, "id='sla-by-submission-hour-gpPt0'"));
	ck_assert_ptr_nonnull(strstr(html, "id='sla-turnaround-gpPt0'"));
	ck_assert_ptr_nonnull(strstr(html, "id='reconciled-cost-by-job-gpPt0'"));
	ck_assert_ptr_nonnull(strstr(html, "id='actual-vs-forecast-gpPt0'"));
	ck_assert_ptr_null(strstr(html, "not drawn"));
	free(html);
	remove_tree(top);
	free(top);
}
END_TEST

START_TEST(every_chart_script_renders_without_a_warning)
{
	char *top, *manifest, dir[600];
	int scripts = 0;

	if (system("command -v gnuplot >/dev/null 2>&1") != 0) {
		fprintf(stderr, "gnuplot not installed: rendering not checked\n");
		return;
	}
	top = write_full_report("Australia/Sydney");
	snprintf(dir, sizeof dir, "%s/out", top);
	manifest = read_file(dir, REPORT_MANIFEST);
	ck_assert_ptr_nonnull(manifest);
	for (char *line = strtok(manifest, "\n"); line; line = strtok(NULL, "\n")) {
		size_t n = strlen(line);
		char cmd[1024], out[4096];
		FILE *p;
		size_t got;

		if (n < 4 || strcmp(line + n - 3, ".gp") != 0 || strcmp(line, "style.gp") == 0)
			continue;
		/* Re-run as a user would: in the directory, stderr captured. */
		snprintf(cmd, sizeof cmd, "cd '%s' && rm -f '%.*s.png' && gnuplot '%s' 2>&1 "
		         "</dev/null", dir, (int)(n - 3), line, line);
		p = popen(cmd, "r");
		ck_assert_ptr_nonnull(p);
		got = fread(out, 1, sizeof out - 1, p);
		out[got] = '\0';
		ck_assert_int_eq(pclose(p), 0);
		ck_assert_msg(got == 0, "gnuplot %s said: %s", line, out);
		snprintf(out, sizeof out, "%.*s.png", (int)(n - 3), line);
		ck_assert_msg(exists(dir, out), "%s did not write %s", line, out);
		scripts++;
	}
	ck_assert_int_eq(scripts, 9); /* the cumulative savings too */
	free(manifest);
	remove_tree(top);
	free(top);
}
END_TEST

START_TEST(a_failed_run_leaves_the_previous_report_as_it_was)
{
	char *dir = scratch_dir(), *before, *after, *parent, cmd[700];

	write_file(dir, "notes.txt", "mine\n");
	ck_assert_int_eq(write_report(dir, "gnuplot"), STATUS_OK);
	before = read_file(dir, "index.html");
	/* gnuplot failing is the last step that can fail before the move */
	ck_assert_int_eq(write_report(dir, "false"), STATUS_IO);
	after = read_file(dir, "index.html");
	ck_assert_str_eq(before, after);
	ck_assert(exists(dir, "cost-by-workload.png"));
	ck_assert(exists(dir, "notes.txt"));
	/* and no temporary directory is left beside it */
	parent = strdup(dir);
	*strrchr(parent, '/') = '\0';
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q '^\\.%s\\.tmp-'", parent,
	         strrchr(dir, '/') + 1);
	ck_assert_int_ne(system(cmd), 0);
	free(parent);
	free(before);
	free(after);
	remove_tree(dir);
	free(dir);
}
END_TEST

START_TEST(a_new_report_removes_its_old_files_and_keeps_the_users)
{
	char *dir = scratch_dir();

	write_file(dir, "notes.txt", "mine\n");
	write_file(dir, "old-chart.png", "stale\n");
	write_file(dir, REPORT_MANIFEST, "# old\nold-chart.png\n../escape\nindex.html\n");
	ck_assert_int_eq(write_report(dir, "no-such-gnuplot-here"), STATUS_OK);
	ck_assert(!exists(dir, "old-chart.png"));
	ck_assert(exists(dir, "notes.txt"));
	ck_assert(exists(dir, "index.html"));
	ck_assert(exists(dir, "cost-by-workload.gp"));
	ck_assert(!exists(dir, "cost-by-workload.png")); /* gnuplot missing */
	remove_tree(dir);
	free(dir);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		csv_figures_are_the_figures_estimate_prints_as_json,
		savings_by_share_runs_from_sync_to_the_estimate_batch_total,
		cells_are_shown_rounded_half_away_from_zero,
		margin_csv_is_what_margin_sweep_share_prints_as_json,
		growth_csv_is_what_plan_growth_prints_as_json,
		sla_csv_is_what_sla_prints_as_json,
		sla_curves_are_what_sla_prints_at_each_hour,
		reconcile_csvs_are_what_reconcile_forecast_prints_as_json,
		a_results_file_that_is_not_one_writes_nothing,
		sections_without_their_inputs_are_noted_not_invented,
		growth_month_1_is_the_estimate, growth_without_a_rate_is_flat,
		index_html_links_only_files_that_exist,
		every_chart_script_renders_without_a_warning,
		a_failed_run_leaves_the_previous_report_as_it_was,
		a_new_report_removes_its_old_files_and_keeps_the_users,
	};
	return RUN_SUITE("report", tests);
}
