/* profile: CSV and JSON workload profiles, and the errors that name their place. */
#include "../../calc/profile.h"

#include "suite.h"

#include <string.h>

static struct profile p;
static struct diag d;

static enum status load(const char *text)
{
	return profile_load_text(text, strlen(text), "p.csv", &p, &d);
}

#define HEADER "name,model,volume,period,input_tokens,output_tokens"

START_TEST(csv_with_optional_columns_and_defaults)
{
	ck_assert_int_eq(load(HEADER ",batch_share,cache_read_tokens,input_tokens_p95\n"
	                      "a,gpt-5,10,day,1000,50,0.25,400,\n"
	                      "b,gpt-5,3,Week,10,5,100%,,\n"), STATUS_OK);
	ck_assert_uint_eq(p.count, 2);
	ck_assert_str_eq(p.workloads[0].name, "a");
	ck_assert_int_eq(p.workloads[0].batch_share, 250000);
	ck_assert_int_eq(p.workloads[0].cache_read_tokens, 400);
	ck_assert_int_eq(p.workloads[0].input_tokens_p95, 0);
	ck_assert_int_eq(p.workloads[0].line, 2);
	ck_assert_int_eq(p.workloads[1].period, PERIOD_WEEK);
	ck_assert_int_eq(p.workloads[1].batch_share, SHARE_SCALE);
	profile_release(&p);
	/* Without the column every workload is all batch. */
	ck_assert_int_eq(load(HEADER "\na,gpt-5,10,day,1000,50\n"), STATUS_OK);
	ck_assert_int_eq(p.workloads[0].batch_share, SHARE_SCALE);
	profile_release(&p);
}
END_TEST

/* Headers and periods are read as model names are, whatever their case. */
START_TEST(headers_and_periods_ignore_case)
{
	ck_assert_int_eq(load("Name,Model,VOLUME,Period,Input_Tokens,output_tokens\n"
	                      "a,gpt-5,10,Day,1000,50\n"), STATUS_OK);
	ck_assert_int_eq(p.workloads[0].period, PERIOD_DAY);
	profile_release(&p);
	ck_assert_int_eq(load("name,model,volume,period,input_tokens,output_tokens,"
	                      "NAME\n"), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:1:53: expected each column once, found "
	                 "\"NAME\" again");
}
END_TEST

START_TEST(service_tier_geo_and_openai_cache_writes_are_columns)
{
	ck_assert_int_eq(load(HEADER ",cache_write_30m_tokens,cache_write_12h_tokens,"
	                      "service_tier,inference_geo\n"
	                      "a,gpt-6.2-sol,10,day,1000,50,100,200,flex,global\n"
	                      "b,claude-opus-4-7,3,day,10,5,,,,us\n"), STATUS_OK);
	ck_assert_int_eq(p.workloads[0].cache_write_30m_tokens, 100);
	ck_assert_int_eq(p.workloads[0].cache_write_12h_tokens, 200);
	ck_assert_str_eq(p.workloads[0].service_tier, "flex");
	ck_assert_ptr_null(p.workloads[0].inference_geo); /* global: no uplift */
	ck_assert_ptr_null(p.workloads[1].service_tier);
	ck_assert_str_eq(p.workloads[1].inference_geo, "us");
	profile_release(&p);
	/* The cache parts, the new ones too, are parts of the total prompt. */
	ck_assert_int_eq(load(HEADER ",cache_read_tokens,cache_write_30m_tokens\n"
	                      "a,gpt-5.6-sol,1,day,100,1,60,50\n"), STATUS_INPUT);
	ck_assert(strstr(d.text, "cache_write_30m_tokens + cache_write_12h_tokens"));
	ck_assert_int_eq(load(HEADER ",service_tier\na,gpt-5,1,day,1,1,fl ex\n"), STATUS_INPUT);
	ck_assert(strstr(d.text, "expected a service tier name"));
}
END_TEST

START_TEST(bom_crlf_quotes_and_comments_are_accepted)
{
	ck_assert_int_eq(load("\xEF\xBB\xBF# a comment line\r\n" HEADER "\r\n"
	                      "\"x, \"\"quoted\"\"\",gpt-5,1,hour,1,1\r\n"
	                      "# another, with, commas\r\n"), STATUS_OK);
	ck_assert_uint_eq(p.count, 1);
	ck_assert_str_eq(p.workloads[0].name, "x, \"quoted\"");
	ck_assert_int_eq(p.workloads[0].line, 3);
	profile_release(&p);
}
END_TEST

START_TEST(csv_errors_name_line_and_column)
{
	static const struct {
		const char *text, *message;
	} cases[] = {
		{HEADER "\na,gpt-5,5,day,-100,10\n",
		 "p.csv:2:15: input_tokens: expected a whole number of tokens (at most "
		 "100,000,000 per request), found \"-100\" (negative)"},
		{HEADER "\na,gpt-5,5,day,100,1e3\n",
		 "p.csv:2:19: output_tokens: expected a whole number of tokens (at most "
		 "100,000,000 per request), found \"1e3\" (exponents are not accepted)"},
		{HEADER "\na,gpt-5,5,day,100,10\nb,gpt-5,5,Dai,100,10\n",
		 "p.csv:3:11: period: expected a period (hour, day, week, month or year), "
		 "found \"Dai\""},
		{HEADER ",batch_share\na,gpt-5,5,day,100,10,1.5\n",
		 "p.csv:2:22: batch_share: expected a share from 0 to 1 or 0% to 100%, found "
		 "\"1.5\" (as a fraction that is 150%, out of range; for 1.5% write 1.5%)"},
		{HEADER ",batch_share\na,gpt-5,5,day,100,10,\n",
		 "p.csv:2:22: batch_share: expected a share from 0 to 1 or 0% to 100%, found "
		 "\"\" (empty: write 1 or 100% for all batch, or leave the column out)"},
		{HEADER "\na,gpt-5,1,000,day,100,10\n",
		 "p.csv:2:23: expected 6 fields as in the header, found another: \"10\" (a "
		 "number written with a thousands separator, 1,000? write 1000, without "
		 "the comma)"},
		{"name,model,volume,period,input_tokens,output_tokens,volume\n",
		 "p.csv:1:53: expected each column once, found \"volume\" again"},
		{HEADER "\na,gpt-5,5,day\n", "p.csv:2:1: expected 6 fields as in the header, found 4"},
		{HEADER "\n,gpt-5,5,day,100,10\n",
		 "p.csv:2:1: name: expected a workload name, found \"\" (empty)"},
		{HEADER "\na,gpt-5,5,day,1\"0,10\n",
		 "p.csv:2:16: expected well-formed CSV (a quote may only open a field or close "
		 "it), found a stray quote or character"},
		{"", "p.csv:1:1: expected a header row (name,model,volume,period,input_tokens,"
		     "output_tokens), found an empty file"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_int_eq(load(cases[i].text), STATUS_INPUT);
		ck_assert_str_eq(d.text, cases[i].message);
	}
}
END_TEST

START_TEST(nul_byte_is_refused_with_its_place)
{
	const char text[] = HEADER "\na,gpt-5,5,d\0y,100,10\n";

	ck_assert_int_eq(profile_load_text(text, sizeof text - 1, "p.csv", &p, &d), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:2:12: expected UTF-8 text, found a NUL byte (byte 0x00)");
}
END_TEST

START_TEST(json_profiles_keep_the_tree_and_name_json_paths)
{
	ck_assert_int_eq(load("{\"workloads\": [{\"name\": \"a\", \"model\": \"gpt-5\", "
	                      "\"volume\": 5, \"period\": \"day\", \"input_tokens\": 100, "
	                      "\"output_tokens\": 10, \"batch_share\": 0.5}],"
	                      " \"business\": {\"revenue_usd_month\": 100000}}"),
	                 STATUS_OK);
	ck_assert_int_eq(p.workloads[0].batch_share, 500000);
	ck_assert_ptr_nonnull(cJSON_GetObjectItem(p.json, "business"));
	profile_release(&p);

	ck_assert_int_eq(load("{\"workloads\": [{\"name\": \"a\", \"model\": \"gpt-5\", "
	                      "\"volume\": 5, \"period\": \"day\", \"input_tokens\": \"x\", "
	                      "\"output_tokens\": 10}]}"), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv: workloads[0].input_tokens: expected a whole number "
	                         "of tokens (at most 100,000,000 per request) (not a number), "
	                         "found the string \"x\"");
	ck_assert_int_eq(load("{\"workloads\": [{\"name\": \"a\", \"model\": \"gpt-5\", "
	                      "\"volume\": 5, \"period\": \"day\", \"output_tokens\": 10}]}"),
	                 STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv: workloads[0].input_tokens: expected a value (the "
	                         "field is required), found nothing (the key is missing)");
	ck_assert_int_eq(load("{\"workloads\": []}"), STATUS_INPUT);
	ck_assert_int_eq(load("{\"workloads\": [1,"), STATUS_INPUT);
	ck_assert_str_eq(d.text, "p.csv:1:18: expected a complete JSON value, found the end "
	                         "of the file");
}
END_TEST

START_TEST(builtin_seed_profile_has_the_articles_four_scenarios)
{
	ck_assert_int_eq(profile_load_builtin(&p, &d), STATUS_OK);
	ck_assert_uint_eq(p.count, 4);
	ck_assert_str_eq(p.workloads[2].name, "research-agent");
	ck_assert_int_eq(p.workloads[2].period, PERIOD_WEEK);
	profile_release(&p);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		csv_with_optional_columns_and_defaults,
		headers_and_periods_ignore_case,
		service_tier_geo_and_openai_cache_writes_are_columns,
		bom_crlf_quotes_and_comments_are_accepted,
		csv_errors_name_line_and_column,
		nul_byte_is_refused_with_its_place,
		json_profiles_keep_the_tree_and_name_json_paths,
		builtin_seed_profile_has_the_articles_four_scenarios,
	};
	return RUN_SUITE("profile", tests);
}
