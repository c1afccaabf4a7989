// Seeds: tests/fixtures/gcp-*.jsonl tests/cli/t1003*/billing.jsonl
/*
 * Fuzzes the Google Cloud Billing export loader (calc/usage_google.c): rows
 * as JSON, JSON Lines or CSV, SKU text, credits and currency conversion.
 */
#include "tests/fuzz/usage_check.h"

static void fuzz_one(const char *text, size_t len)
{
	fuzz_usage(usage_google_load, "google", text, len);
}
