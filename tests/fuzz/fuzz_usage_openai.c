// Seeds: tests/fixtures/openai-*.json tests/fixtures/openai-*.tsv tests/cli/t0980*/usage.json
/*
 * Fuzzes OpenAI's usage and costs loaders (calc/usage_openai.c): API JSON
 * pages and the Console activity and cost exports (CSV or TSV), line items
 * included.
 */
#include "tests/fuzz/usage_check.h"

static void fuzz_one(const char *text, size_t len)
{
	fuzz_usage(usage_openai_load, "openai", text, len);
}
