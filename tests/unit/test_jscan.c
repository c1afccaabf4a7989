/* jscan: validates whole lines, captures only the named members at their depth. */
#include "../../models/jscan.h"

#include "suite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const paths[] = {"id", "a.usage.n", "a.name", "a.obj"};

static bool scan(const char *text, struct jscan_value *v, struct jscan_error *err)
{
	struct jscan js;
	ck_assert(jscan_compile(&js, paths, 4));
	return jscan_scan(&js, text, text + strlen(text), v, err);
}

START_TEST(captures_members_at_their_path_only)
{
	struct jscan_value v[4];
	struct jscan_error err;
	int64_t n;

	ck_assert(scan("{\"usage\":{\"n\":1},\"a\":{\"list\":[{\"usage\":{\"n\":2}}],"
	               "\"usage\":{\"n\":42},\"name\":\"x\"},\"id\":\"k\"}", v, &err));
	ck_assert(jscan_count(&v[1], &n));
	ck_assert_int_eq(n, 42);
	ck_assert_int_eq(v[0].kind, JSCAN_STRING);
	ck_assert_int_eq(v[3].kind, JSCAN_ABSENT);
}
END_TEST

START_TEST(usage_quoted_inside_text_is_not_captured)
{
	struct jscan_value v[4];
	struct jscan_error err;

	ck_assert(scan("{\"a\":{\"name\":\"\\\"usage\\\":{\\\"n\\\":7}\"}}", v, &err));
	ck_assert_int_eq(v[1].kind, JSCAN_ABSENT);
	ck_assert_int_eq(v[2].kind, JSCAN_STRING);
}
END_TEST

START_TEST(objects_and_nulls_are_captured_with_their_kind)
{
	struct jscan_value v[4];
	struct jscan_error err;

	ck_assert(scan("{\"a\":{\"obj\":{\"x\":[1,2,{}]}},\"id\":null}", v, &err));
	ck_assert_int_eq(v[3].kind, JSCAN_OBJECT);
	ck_assert_int_eq(v[3].len, 14); /* {"x":[1,2,{}]} */
	ck_assert_int_eq(v[0].kind, JSCAN_NULL);
}
END_TEST

START_TEST(invalid_json_is_refused_with_the_offset)
{
	static const struct { const char *text; size_t offset; } bad[] = {
		{"{\"id\":\"abc", 10},           /* truncated string */
		{"{\"id\":1,}", 8},              /* trailing comma */
		{"{\"id\":01}", 7},              /* leading zero */
		{"{\"id\":\"a\tb\"}", 8},        /* raw tab in a string */
		{"{\"id\":\"\\x\"}", 7},         /* bad escape */
		{"{\"id\":\"\\u12g4\"}", 7},     /* bad \\u */
		{"{\"id\":tru}", 6},
		{"{\"id\":1} x", 9},             /* junk after the value */
		{"{\"id\" 1}", 6},
		{"", 0},
		{"[1.]", 3},
		{"[1e]", 3},
	};
	struct jscan_value v[4];
	struct jscan_error err;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(!scan(bad[i].text, v, &err), "accepted %s", bad[i].text);
		ck_assert_msg(err.offset == bad[i].offset, "%s: offset %zu", bad[i].text,
		              err.offset);
	}
}
END_TEST

START_TEST(valid_json_of_every_kind_is_accepted)
{
	static const char *const good[] = {
		"{}", "[]", " {\"id\" : \"a\" } \r", "[-0.5e+10,1E3,0,true,false,null]",
		"{\"id\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00 caf\xc3\xa9\"}",
		"\"a string long enough to cross sixteen-byte blocks, twice over!!\"",
	};
	struct jscan_value v[4];
	struct jscan_error err;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(scan(good[i], v, &err), "refused %s: %s", good[i], err.expected);
}
END_TEST

/* Strings longer than a 64-byte block, with escapes at and across its edges. */
START_TEST(long_strings_validate_escapes_at_every_position)
{
	struct jscan_value v[4];
	struct jscan_error err;
	char text[300];

	for (int at = 0; at < 140; at++) {
		static const char *const escapes[] = {"\\n", "\\\"", "\\u00e9", "\\\\"};
		for (int e = 0; e < 4; e++) {
			int n = snprintf(text, sizeof text, "{\"id\":\"%.*s%s%.*s\"}", at,
			                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			                 escapes[e], 100, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
			ck_assert(n > 0);
			ck_assert_msg(scan(text, v, &err), "refused escape %d at %d: %s", e, at,
			              err.expected);
			ck_assert_int_eq(v[0].kind, JSCAN_STRING);
		}
		/* A bad escape and a raw tab are found at their offset. */
		snprintf(text, sizeof text, "{\"id\":\"%.*s\\x%.*s\"}", at,
		         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		         100, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
		ck_assert(!scan(text, v, &err));
		ck_assert_uint_eq(err.offset, (size_t)(7 + at));
		snprintf(text, sizeof text, "{\"id\":\"%.*s\t%.*s\"}", at,
		         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		         100, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
		ck_assert(!scan(text, v, &err));
		ck_assert_uint_eq(err.offset, (size_t)(7 + at));
	}
}
END_TEST

START_TEST(nesting_is_bounded)
{
	char text[200];
	struct jscan_value v[4];
	struct jscan_error err;

	memset(text, '[', 64);
	memset(text + 64, ']', 64);
	text[128] = '\0';
	ck_assert(scan(text, v, &err)); /* exactly at the limit */
	memset(text, '[', 65);
	memset(text + 65, ']', 65);
	text[130] = '\0';
	ck_assert(!scan(text, v, &err)); /* one over */
}
END_TEST

START_TEST(counts_are_whole_non_negative_numbers)
{
	struct jscan_value v = {"123", 3, JSCAN_NUMBER};
	int64_t n;

	ck_assert(jscan_count(&v, &n));
	ck_assert_int_eq(n, 123);
	v.start = "-1"; v.len = 2;
	ck_assert(!jscan_count(&v, &n));
	v.start = "1.5"; v.len = 3;
	ck_assert(!jscan_count(&v, &n));
	v.start = "9223372036854775807"; v.len = 19;
	ck_assert(jscan_count(&v, &n));
	v.start = "9223372036854775808"; v.len = 19;
	ck_assert(!jscan_count(&v, &n));
}
END_TEST

START_TEST(strings_decode_escapes_and_surrogate_pairs)
{
	struct jscan_value v = {"a\\\"b\\u00e9\\ud83d\\ude00", 22, JSCAN_STRING};
	char buf[32];

	ck_assert_int_eq(jscan_string(&v, buf, sizeof buf), 9);
	ck_assert_str_eq(buf, "a\"b\xc3\xa9\xf0\x9f\x98\x80");
	ck_assert_int_eq(jscan_string(&v, buf, 9), -1); /* does not fit */
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		captures_members_at_their_path_only,
		usage_quoted_inside_text_is_not_captured,
		objects_and_nulls_are_captured_with_their_kind,
		invalid_json_is_refused_with_the_offset,
		valid_json_of_every_kind_is_accepted,
		long_strings_validate_escapes_at_every_position,
		nesting_is_bounded,
		counts_are_whole_non_negative_numbers,
		strings_decode_escapes_and_surrogate_pairs,
	};
	return RUN_SUITE("jscan", tests);
}
