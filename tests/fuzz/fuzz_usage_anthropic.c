// Seeds: tests/fixtures/anthropic-*.json tests/fixtures/claude_api_*.csv tests/fixtures/bill-nov-*.json tests/cli/t09[89]*/claude_api_*.csv tests/cli/t099*/*.json tests/cli/t101*/*.json
/*
 * Fuzzes Anthropic's usage and cost report loaders (calc/usage_anthropic.c):
 * Admin API JSON (legacy and analytics, pages concatenated or in an array)
 * and the Console CSV exports.
 */
#include "tests/fuzz/usage_check.h"

static void fuzz_one(const char *text, size_t len)
{
	fuzz_usage(usage_anthropic_load, "anthropic", text, len);
}
