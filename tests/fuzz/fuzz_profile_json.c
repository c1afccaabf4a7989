// Seeds: tests/cli/t*/p*.json tests/cli/t*/*.jsonl
/*
 * Fuzzes the JSON workload profile loader (calc/profile.c) and, under it,
 * cJSON and the typed reads of calc/json_read.c.
 *
 * The input is always read as JSON: a '{' is put in front of input that does
 * not start with one, so the fuzzer need not find it.
 */
#include "tests/fuzz/profile_check.h"

static void fuzz_one(const char *text, size_t len)
{
	struct profile p;
	struct diag d;
	enum status st;
	char *json = NULL;

	if (len == 0 || (text[0] != '{' && text[0] != '[')) {
		if (!(json = malloc(len + 2)))
			return;
		json[0] = '{';
		memcpy(json + 1, text, len + 1);
		text = json;
		len++;
	}
	st = profile_load_text(text, len, FUZZ_ORIGIN, &p, &d);
	free(json);
	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		return;
	}
	FUZZ_ASSERT(p.json != NULL, "JSON loaded as CSV");
	fuzz_check_profile(&p);
	profile_release(&p);
}
