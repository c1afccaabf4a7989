// Seeds: tests/cli/t*/*.csv data/scenarios/*.csv
/*
 * Fuzzes the CSV workload profile loader (calc/profile.c).
 *
 * Inputs that the loader would read as JSON (first non-blank byte '{' or
 * '[') are left to fuzz_profile_json, so every run here exercises libcsv.
 */
#include "tests/fuzz/profile_check.h"

static void fuzz_one(const char *text, size_t len)
{
	struct profile p;
	struct diag d;
	size_t i = 0;
	enum status st;

	while (i < len && strchr(" \t\r\n", text[i]) && text[i])
		i++;
	if (i < len && (text[i] == '{' || text[i] == '['))
		return;
	st = profile_load_text(text, len, FUZZ_ORIGIN, &p, &d);
	if (st != STATUS_OK) {
		fuzz_check_failure(st, &d, STATUS_INPUT);
		return;
	}
	FUZZ_ASSERT(p.json == NULL, "CSV loaded as JSON");
	fuzz_check_profile(&p);
	profile_release(&p);
}
