/* text: what bytes are accepted as UTF-8 text, and messages kept printable. */
#include "../../models/text.h"

#include "suite.h"
#include <stdlib.h>
#include <string.h>

static bool check(const char *s, size_t len, size_t *bad)
{
	const char *why = NULL;
	bool ok = text_check_utf8(s, len, bad, &why);

	ck_assert(ok || (why && why[0]));
	return ok;
}

START_TEST(accepts_every_length_of_sequence_up_to_the_last_code_point)
{
	static const char *const good[] = {
		"plain ascii", "caf\xC3\xA9", "\xE2\x82\xAC 5", "\xF0\x9F\x92\xB0",
		"\xC2\x80",         /* U+0080, the first two-byte value */
		"\xE0\xA0\x80",     /* U+0800, the first three-byte value */
		"\xED\x9F\xBF",     /* U+D7FF, just below the surrogates */
		"\xF0\x90\x80\x80", /* U+10000, the first four-byte value */
		"\xF4\x8F\xBF\xBF", /* U+10FFFF, the last code point */
		"",
	};
	size_t bad;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		ck_assert_msg(check(good[i], strlen(good[i]), &bad), "refused case %zu", i);
}
END_TEST

START_TEST(refuses_what_is_not_utf8_at_its_first_byte)
{
	static const struct {
		const char *text;
		size_t bad;
	} cases[] = {
		{"caf\xE9,x", 3},          /* Latin-1 e-acute */
		{"ab\x80", 2},             /* a continuation byte alone */
		{"\xC0\x80", 0},           /* overlong NUL */
		{"\xC1\xBF", 0},           /* overlong */
		{"\xE0\x9F\xBF", 0},       /* overlong three-byte */
		{"\xED\xA0\x80", 0},       /* U+D800, a surrogate */
		{"\xF0\x8F\xBF\xBF", 0},   /* overlong four-byte */
		{"\xF4\x90\x80\x80", 0},   /* U+110000, past the last code point */
		{"\xF5\x80\x80\x80", 0},   /* never a lead byte */
		{"x\xFF", 1},
		{"ok \xE2\x82", 3},        /* cut by the end of the text */
		{"\xE2\x82x", 0},          /* cut by an ASCII byte */
	};
	size_t bad;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_msg(!check(cases[i].text, strlen(cases[i].text), &bad),
		              "accepted case %zu", i);
		ck_assert_msg(bad == cases[i].bad, "case %zu: bad at %zu, not %zu", i, bad,
		              cases[i].bad);
	}
}
END_TEST

START_TEST(refuses_a_nul_byte_even_inside_valid_text)
{
	size_t bad;

	ck_assert(!check("ab\0cd", 5, &bad));
	ck_assert_int_eq((int)bad, 2);
	ck_assert(check("ab\0cd", 2, &bad)); /* the length is what counts */
}
END_TEST

START_TEST(printable_replaces_controls_and_broken_bytes_in_place)
{
	char s[] = "a\tb\nc\x7F" "caf\xC3\xA9 \xE9 \xE2\x82";

	text_make_printable(s);
	ck_assert_str_eq(s, "a?b?c?caf\xC3\xA9 ? ??");
}
END_TEST

START_TEST(printable_leaves_good_text_alone)
{
	char s[] = "p.csv:2:4: expected \xE2\x82\xAC, found \"x\"";
	char copy[sizeof s];

	memcpy(copy, s, sizeof s);
	text_make_printable(s);
	ck_assert_str_eq(s, copy);
}
END_TEST

START_TEST(position_counts_lines_and_byte_columns_from_one)
{
	const char *s = "ab\ncd\n\xC3\xA9x";
	long line, column;

	text_position(s, 0, &line, &column);
	ck_assert(line == 1 && column == 1);
	text_position(s, 2, &line, &column);
	ck_assert(line == 1 && column == 3); /* the newline itself */
	text_position(s, 3, &line, &column);
	ck_assert(line == 2 && column == 1);
	text_position(s, 8, &line, &column);
	ck_assert(line == 3 && column == 3); /* after a two-byte character */
}
END_TEST

/* "did you mean": the key a person meant, or nothing rather than a guess. */
START_TEST(closest_names_the_key_a_person_meant)
{
	static const char *const profile[] = {"name", "model", "volume", "period",
	                                      "input_tokens", "output_tokens",
	                                      "cache_read_tokens", "batch_share", NULL};
	static const char *const business[] = {"revenue_usd_month", "arr_usd",
	                                       "cogs_usd_month",
	                                       "non_inference_cogs_usd_month",
	                                       "cash_usd", "net_burn_usd_month",
	                                       "migration", NULL};
	static const struct {
		const char *const *keys;
		const char *word, *meant;
	} cases[] = {
		{profile, "batchshare", "batch_share"},
		{profile, "Batch-Share", "batch_share"},
		{profile, "cache_read", "cache_read_tokens"},
		{profile, "input", "input_tokens"},
		{profile, "modle", "model"},
		{profile, "volumes", "volume"},
		{profile, "colour", NULL},
		{profile, "", NULL},
		{business, "cogs", "cogs_usd_month"},
		{business, "revenue", "revenue_usd_month"},
		{business, "burn", "net_burn_usd_month"},
		{business, "cash", "cash_usd"},
		{business, "profit", NULL},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = text_closest(cases[i].word, cases[i].keys);
		if (cases[i].meant)
			ck_assert_msg(got && strcmp(got, cases[i].meant) == 0, "%s: %s",
			              cases[i].word, got ? got : "(none)");
		else
			ck_assert_msg(!got, "%s: %s", cases[i].word, got);
	}
	ck_assert_uint_eq(text_edit_distance("cache_reed", "cache_read"), 1);
	ck_assert_uint_eq(text_edit_distance("GPT-5", "gpt-5"), 0);
}
END_TEST

/* OWASP's CSV injection: a cell a spreadsheet would run is marked; a number,
 * negative or with an exponent or %, is left a number. */
START_TEST(csv_formula_cells_are_told_from_numbers)
{
	static const struct {
		const char *cell;
		bool formula;
	} cases[] = {
		{"=HYPERLINK(\"http://x\",\"y\")", true}, {"+cmd", true}, {"-2+3", true},
		{"@SUM(A1)", true}, {"\tx", true}, {"\r=1", true}, {"-", true}, {"+", true},
		{"--fx-rate", true}, {"-1e", true}, {"-.", true}, {"-5%x", true},
		{"-5.00", false}, {"+5", false}, {"-0.5", false}, {"-1e-07", false},
		{"-12.5%", false}, {"-.5", false}, {"1e+30", false}, {"", false},
		{"plain", false}, {"a=b", false}, {" =1", false}, {"5", false},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(text_csv_formula(cases[i].cell) == cases[i].formula, "%s",
		              cases[i].cell);
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {
		accepts_every_length_of_sequence_up_to_the_last_code_point,
		refuses_what_is_not_utf8_at_its_first_byte,
		refuses_a_nul_byte_even_inside_valid_text,
		printable_replaces_controls_and_broken_bytes_in_place,
		printable_leaves_good_text_alone,
		position_counts_lines_and_byte_columns_from_one,
		closest_names_the_key_a_person_meant,
		csv_formula_cells_are_told_from_numbers,
	};
	return RUN_SUITE("text", tests);
}
