// Seeds: tests/cli/t03*/*.jsonl tests/cli/t03*/*.jsonl.out tests/cli/t057*/*.jsonl tests/cli/t058*/*.jsonl
/*
 * Fuzzes one line of a batch results file through recon_parse_line()
 * (models/recon.c over models/jscan.c), the call reconcile makes for every
 * line, with provider detection for Anthropic, OpenAI, Gemini and Bedrock.
 *
 * The input is cut at its first '\n', as reconcile hands over a line
 * without its end. A line that parses must name a known provider and
 * outcome, carry a string key inside the line, and bill only non-negative
 * tokens (none unless billed); a line that does not must say where, inside
 * the line, and what was expected there.
 */
#include "tests/fuzz/fuzz.h"
#include "models/recon.h"

static void inside(const struct jscan_value *v, const char *line, const char *end,
                   const char *what)
{
	if (v->kind == JSCAN_ABSENT)
		return;
	FUZZ_ASSERT(v->start >= line && v->start + v->len <= end,
	            "%s captured outside the line", what);
}

static void fuzz_one(const char *text, size_t len)
{
	static struct recon_parser p; /* big; built once, as each thread does */
	static bool ready;
	const char *end = memchr(text, '\n', len);
	struct recon_line l;
	struct jscan_error err;
	char key[512];

	if (!ready) {
		recon_parser_init(&p);
		ready = true;
	}
	if (!end)
		end = text + len;
	if (!recon_parse_line(&p, text, end, &l, &err)) {
		FUZZ_ASSERT(err.offset <= (size_t)(end - text), "fault at %zu of %zu",
		            err.offset, (size_t)(end - text));
		FUZZ_ASSERT(err.expected && *err.expected, "no expectation");
		return;
	}
	FUZZ_ASSERT((unsigned)l.provider < RECON_PROVIDER_COUNT, "provider %d",
	            (int)l.provider);
	FUZZ_ASSERT((unsigned)l.outcome < RECON_OUTCOME_COUNT, "outcome %d",
	            (int)l.outcome);
	FUZZ_ASSERT(l.key.kind == JSCAN_STRING, "key of kind %d", l.key.kind);
	FUZZ_ASSERT(!l.billed || l.outcome == RECON_SUCCEEDED,
	            "billed %s line", recon_outcome_name(l.outcome));
	inside(&l.key, text, end, "key");
	inside(&l.model, text, end, "model");
	inside(&l.error_type, text, end, "error type");
	for (int i = 0; i < TOKEN_CLASS_COUNT; i++) {
		FUZZ_ASSERT(l.tokens.n[i] >= 0, "token class %d negative", i);
		FUZZ_ASSERT(l.billed || l.tokens.n[i] == 0, "tokens on an unbilled line");
	}
	(void)jscan_string(&l.key, key, sizeof key);
}
