#include "recon.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

enum field {
	F_CUSTOM_ID, F_KEY, F_RECORD_ID, F_RESULT, F_RESPONSE, F_ERROR,
	A_TYPE, A_MODEL, A_USAGE, A_IN, A_OUT, A_CW, A_CR, A_CREATION, A_CW5, A_CW1,
	A_ERROR_TYPE,
	O_STATUS, O_MODEL, O_USAGE, O_PROMPT, O_COMPLETION, O_PROMPT_CACHED,
	O_INPUT, O_OUTPUT, O_INPUT_CACHED, O_PROMPT_WRITE, O_INPUT_WRITE,
	O_BODY_ERROR_TYPE, O_BODY_ERROR_CODE,
	O_ERROR_CODE,
	G_MODEL, G_USAGE, G_PROMPT, G_CACHED, G_CANDIDATES, G_THOUGHTS, G_ERROR_STATUS,
	B_OUTPUT, B_MODEL, B_USAGE, B_IN, B_OUT, B_CW, B_CR, B_CREATION, B_CW5, B_CW1,
	B_ERROR_CODE,
	R_PARAMS, R_BODY, R_REQUEST, R_MODEL_INPUT,
	FIELD_COUNT
};

static const char *const paths[FIELD_COUNT] = {
	[F_CUSTOM_ID] = "custom_id",
	[F_KEY] = "key",
	[F_RECORD_ID] = "recordId",
	[F_RESULT] = "result",
	[F_RESPONSE] = "response",
	[F_ERROR] = "error",
	[A_TYPE] = "result.type",
	[A_MODEL] = "result.message.model",
	[A_USAGE] = "result.message.usage",
	[A_IN] = "result.message.usage.input_tokens",
	[A_OUT] = "result.message.usage.output_tokens",
	[A_CW] = "result.message.usage.cache_creation_input_tokens",
	[A_CR] = "result.message.usage.cache_read_input_tokens",
	[A_CREATION] = "result.message.usage.cache_creation",
	[A_CW5] = "result.message.usage.cache_creation.ephemeral_5m_input_tokens",
	[A_CW1] = "result.message.usage.cache_creation.ephemeral_1h_input_tokens",
	[A_ERROR_TYPE] = "result.error.error.type",
	[O_STATUS] = "response.status_code",
	[O_MODEL] = "response.body.model",
	[O_USAGE] = "response.body.usage",
	[O_PROMPT] = "response.body.usage.prompt_tokens",
	[O_COMPLETION] = "response.body.usage.completion_tokens",
	[O_PROMPT_CACHED] = "response.body.usage.prompt_tokens_details.cached_tokens",
	[O_INPUT] = "response.body.usage.input_tokens",
	[O_OUTPUT] = "response.body.usage.output_tokens",
	[O_INPUT_CACHED] = "response.body.usage.input_tokens_details.cached_tokens",
	/* cache writes, billed from GPT-5.6 on (30-minute retention) */
	[O_PROMPT_WRITE] = "response.body.usage.prompt_tokens_details.cache_write_tokens",
	[O_INPUT_WRITE] = "response.body.usage.input_tokens_details.cache_write_tokens",
	[O_BODY_ERROR_TYPE] = "response.body.error.type",
	[O_BODY_ERROR_CODE] = "response.body.error.code",
	[O_ERROR_CODE] = "error.code",
	[G_MODEL] = "response.modelVersion",
	[G_USAGE] = "response.usageMetadata",
	[G_PROMPT] = "response.usageMetadata.promptTokenCount",
	[G_CACHED] = "response.usageMetadata.cachedContentTokenCount",
	[G_CANDIDATES] = "response.usageMetadata.candidatesTokenCount",
	[G_THOUGHTS] = "response.usageMetadata.thoughtsTokenCount",
	[G_ERROR_STATUS] = "error.status",
	[B_OUTPUT] = "modelOutput",
	[B_MODEL] = "modelOutput.model",
	[B_USAGE] = "modelOutput.usage",
	[B_IN] = "modelOutput.usage.input_tokens",
	[B_OUT] = "modelOutput.usage.output_tokens",
	[B_CW] = "modelOutput.usage.cache_creation_input_tokens",
	[B_CR] = "modelOutput.usage.cache_read_input_tokens",
	[B_CREATION] = "modelOutput.usage.cache_creation",
	[B_CW5] = "modelOutput.usage.cache_creation.ephemeral_5m_input_tokens",
	[B_CW1] = "modelOutput.usage.cache_creation.ephemeral_1h_input_tokens",
	[B_ERROR_CODE] = "error.errorCode",
	/* what batch *requests* (input) lines carry instead of a result */
	[R_PARAMS] = "params",
	[R_BODY] = "body",
	[R_REQUEST] = "request",
	[R_MODEL_INPUT] = "modelInput",
};

const char *recon_provider_name(enum recon_provider p)
{
	static const char *const names[] = {"anthropic", "openai", "gemini", "bedrock"};
	return names[p];
}

const char *recon_outcome_name(enum recon_outcome o)
{
	static const char *const names[] = {"succeeded", "errored", "canceled", "expired"};
	return names[o];
}

void recon_parser_init(struct recon_parser *p)
{
	bool ok = jscan_compile(&p->js, paths, FIELD_COUNT);
	(void)ok; /* the fixed table fits JSCAN_MAX_NODES (tested) */
}

static bool is(const struct jscan_value *v, const char *text)
{
	size_t n = strlen(text);
	return v->kind == JSCAN_STRING && v->len == n && memcmp(v->start, text, n) == 0;
}

static bool semantic(struct jscan_error *err, const char *expected)
{
	err->offset = 0;
	err->expected = expected;
	return false;
}

/* An optional count: absent or null is 0. */
static bool count_or_zero(const struct jscan_value *v, int64_t *out)
{
	*out = 0;
	if (v->kind == JSCAN_ABSENT || v->kind == JSCAN_NULL)
		return true;
	return jscan_count(v, out);
}

/* Anthropic usage (also Bedrock's modelOutput.usage): input EXCLUDES cache. */
static bool anthropic_usage(const struct jscan_value *v, int in, int out, int cw,
                            int cr, int creation, int cw5, int cw1,
                            struct token_counts *t, struct jscan_error *err)
{
	int64_t input, output, writes, reads, w5, w1;

	if (!jscan_count(&v[in], &input) || !jscan_count(&v[out], &output))
		return semantic(err, "usage.input_tokens and usage.output_tokens as whole numbers");
	if (!count_or_zero(&v[cw], &writes) || !count_or_zero(&v[cr], &reads))
		return semantic(err, "cache token counts as whole numbers or null");
	if (v[creation].kind == JSCAN_OBJECT) {
		if (!count_or_zero(&v[cw5], &w5) || !count_or_zero(&v[cw1], &w1))
			return semantic(err, "cache_creation counts as whole numbers");
		if (w5 + w1 != writes)
			return semantic(err, "cache_creation 5m + 1h writes equal to "
			                     "cache_creation_input_tokens");
	} else {
		/* Before the split (2025-08) every write was a 5-minute write. */
		w5 = writes;
		w1 = 0;
	}
	memset(t, 0, sizeof *t);
	t->n[TOKEN_INPUT] = input;
	t->n[TOKEN_CACHE_READ] = reads;
	t->n[TOKEN_CACHE_WRITE_5M] = w5;
	t->n[TOKEN_CACHE_WRITE_1H] = w1;
	t->n[TOKEN_OUTPUT] = output;
	return true;
}

/* Inclusive prompt counts (OpenAI, Gemini): uncached = total - cached -
 * written. OpenAI's cache writes (GPT-5.6 on) are 30-minute writes: the
 * results line does not say whether a write used the 12-hour retention. */
static bool inclusive_usage(int64_t prompt, int64_t cached, int64_t written,
                            int64_t output, struct token_counts *t,
                            struct jscan_error *err)
{
	if (cached > prompt || written > prompt - cached)
		return semantic(err, "cached and cache-write tokens at most the prompt tokens");
	memset(t, 0, sizeof *t);
	t->n[TOKEN_INPUT] = prompt - cached - written;
	t->n[TOKEN_CACHE_READ] = cached;
	t->n[TOKEN_CACHE_WRITE_30M] = written;
	t->n[TOKEN_OUTPUT] = output;
	return true;
}

static bool parse_anthropic(const struct jscan_value *v, struct recon_line *out,
                            struct jscan_error *err)
{
	const struct jscan_value *type = &v[A_TYPE];

	if (is(type, "succeeded")) {
		out->outcome = RECON_SUCCEEDED;
		out->billed = true;
		if (v[A_MODEL].kind != JSCAN_STRING || v[A_USAGE].kind != JSCAN_OBJECT)
			return semantic(err, "result.message with a model and usage");
		out->model = v[A_MODEL];
		return anthropic_usage(v, A_IN, A_OUT, A_CW, A_CR, A_CREATION, A_CW5,
		                       A_CW1, &out->tokens, err);
	}
	if (is(type, "errored")) {
		out->outcome = RECON_ERRORED;
		out->error_type = v[A_ERROR_TYPE];
	} else if (is(type, "canceled"))
		out->outcome = RECON_CANCELED;
	else if (is(type, "expired"))
		out->outcome = RECON_EXPIRED;
	else
		return semantic(err, "result.type succeeded, errored, canceled or expired");
	return true;
}

static bool parse_openai(const struct jscan_value *v, struct recon_line *out,
                         struct jscan_error *err)
{
	int64_t status, prompt, cached, written, output;

	if (v[F_RESPONSE].kind != JSCAN_OBJECT) {
		/* No response: the request never ran. */
		if (v[F_ERROR].kind != JSCAN_OBJECT)
			return semantic(err, "a response object or an error object");
		out->error_type = v[O_ERROR_CODE];
		if (is(&v[O_ERROR_CODE], "batch_expired"))
			out->outcome = RECON_EXPIRED;
		else if (is(&v[O_ERROR_CODE], "batch_cancelled"))
			out->outcome = RECON_CANCELED;
		else
			out->outcome = RECON_ERRORED;
		return true;
	}
	if (!jscan_count(&v[O_STATUS], &status) || status < 100 || status > 599)
		return semantic(err, "response.status_code as an HTTP status");
	if (status < 200 || status > 299) {
		out->outcome = RECON_ERRORED;
		/* The code ("rate_limit_exceeded") is the more precise when given. */
		out->error_type = v[O_BODY_ERROR_CODE].kind == JSCAN_STRING
		                  ? v[O_BODY_ERROR_CODE] : v[O_BODY_ERROR_TYPE];
		if (out->error_type.kind != JSCAN_STRING)
			out->error_type = v[O_STATUS];
		return true;
	}
	out->outcome = RECON_SUCCEEDED;
	out->billed = true;
	if (v[O_MODEL].kind != JSCAN_STRING || v[O_USAGE].kind != JSCAN_OBJECT)
		return semantic(err, "response.body with a model and usage");
	out->model = v[O_MODEL];
	if (v[O_PROMPT].kind != JSCAN_ABSENT) {
		/* Chat completions and embeddings (no completion_tokens). */
		if (!jscan_count(&v[O_PROMPT], &prompt) ||
		    !count_or_zero(&v[O_COMPLETION], &output) ||
		    !count_or_zero(&v[O_PROMPT_CACHED], &cached) ||
		    !count_or_zero(&v[O_PROMPT_WRITE], &written))
			return semantic(err, "usage.prompt_tokens and completion_tokens as whole numbers");
	} else if (!jscan_count(&v[O_INPUT], &prompt) ||
	           !jscan_count(&v[O_OUTPUT], &output) ||
	           !count_or_zero(&v[O_INPUT_CACHED], &cached) ||
	           !count_or_zero(&v[O_INPUT_WRITE], &written)) {
		/* Responses. */
		return semantic(err, "usage.prompt_tokens (chat, embeddings) or "
		                     "usage.input_tokens and output_tokens (responses)");
	}
	return inclusive_usage(prompt, cached, written, output, &out->tokens, err);
}

static bool parse_gemini(const struct jscan_value *v, struct recon_line *out,
                         struct jscan_error *err)
{
	int64_t prompt, cached, candidates, thoughts;

	if (v[F_RESPONSE].kind != JSCAN_OBJECT) {
		if (v[F_ERROR].kind != JSCAN_OBJECT)
			return semantic(err, "a response object or an error object");
		out->outcome = RECON_ERRORED;
		out->error_type = v[G_ERROR_STATUS].kind == JSCAN_STRING ? v[G_ERROR_STATUS]
		                                                         : v[O_ERROR_CODE];
		return true;
	}
	out->outcome = RECON_SUCCEEDED;
	out->billed = true;
	out->model = v[G_MODEL];
	if (v[G_USAGE].kind != JSCAN_OBJECT)
		return semantic(err, "response.usageMetadata");
	if (!count_or_zero(&v[G_PROMPT], &prompt) || !count_or_zero(&v[G_CACHED], &cached) ||
	    !count_or_zero(&v[G_CANDIDATES], &candidates) ||
	    !count_or_zero(&v[G_THOUGHTS], &thoughts))
		return semantic(err, "usageMetadata token counts as whole numbers");
	if (__builtin_add_overflow(candidates, thoughts, &candidates))
		return semantic(err, "token counts that fit 63 bits");
	return inclusive_usage(prompt, cached, 0, candidates, &out->tokens, err);
}

static bool parse_bedrock(const struct jscan_value *v, struct recon_line *out,
                          struct jscan_error *err)
{
	if (v[B_OUTPUT].kind != JSCAN_OBJECT) {
		if (v[F_ERROR].kind != JSCAN_OBJECT)
			return semantic(err, "a modelOutput object or an error object");
		out->outcome = RECON_ERRORED;
		out->error_type = v[B_ERROR_CODE];
		return true;
	}
	out->outcome = RECON_SUCCEEDED;
	out->billed = true;
	out->model = v[B_MODEL];
	if (v[B_USAGE].kind != JSCAN_OBJECT)
		return semantic(err, "modelOutput.usage");
	return anthropic_usage(v, B_IN, B_OUT, B_CW, B_CR, B_CREATION, B_CW5, B_CW1,
	                       &out->tokens, err);
}

static bool request_line(const struct jscan_value *v, struct jscan_error *err);

static bool recon_parse_any(struct recon_parser *p, const char *line, const char *end,
                            struct recon_line *out, struct jscan_error *err)
{
	const struct jscan_value *v = p->values;

	memset(out, 0, sizeof *out);
	if (!jscan_scan(&p->js, line, end, p->values, err))
		return false;
	if (!request_line(v, err))
		return false;
	if (v[F_CUSTOM_ID].kind == JSCAN_STRING && v[F_RESULT].kind != JSCAN_ABSENT) {
		out->provider = RECON_ANTHROPIC;
		out->key = v[F_CUSTOM_ID];
		if (v[F_RESULT].kind != JSCAN_OBJECT)
			return semantic(err, "result as an object");
		return parse_anthropic(v, out, err);
	}
	if (v[F_CUSTOM_ID].kind == JSCAN_STRING) {
		out->provider = RECON_OPENAI;
		out->key = v[F_CUSTOM_ID];
		return parse_openai(v, out, err);
	}
	if (v[F_KEY].kind == JSCAN_STRING) {
		out->provider = RECON_GEMINI;
		out->key = v[F_KEY];
		return parse_gemini(v, out, err);
	}
	if (v[F_RECORD_ID].kind == JSCAN_STRING) {
		out->provider = RECON_BEDROCK;
		out->key = v[F_RECORD_ID];
		return parse_bedrock(v, out, err);
	}
	return semantic(err, "a results line: custom_id (Anthropic, OpenAI), "
	                     "key (Gemini) or recordId (Bedrock)");
}

/* A line of the file a batch was submitted from, which has no result yet:
 * false, saying so, for each provider's request shape. */
static bool request_line(const struct jscan_value *v, struct jscan_error *err)
{
	bool no_result = v[F_RESULT].kind == JSCAN_ABSENT &&
	                 v[F_RESPONSE].kind == JSCAN_ABSENT &&
	                 v[F_ERROR].kind == JSCAN_ABSENT;

	if (!no_result)
		return true;
	if (v[F_CUSTOM_ID].kind == JSCAN_STRING && v[R_PARAMS].kind != JSCAN_ABSENT)
		return semantic(err, "a results line, found an Anthropic batch request "
		                "(custom_id and params): give the results file, not the "
		                "requests file");
	if (v[F_CUSTOM_ID].kind == JSCAN_STRING && v[R_BODY].kind != JSCAN_ABSENT)
		return semantic(err, "a results line, found an OpenAI batch input line "
		                "(custom_id, method, url and body): give the output file, "
		                "not the input file");
	if (v[F_KEY].kind == JSCAN_STRING && v[R_REQUEST].kind != JSCAN_ABSENT)
		return semantic(err, "a results line, found a Gemini batch request (key "
		                "and request): give the output file, not the input file");
	if (v[F_RECORD_ID].kind == JSCAN_STRING && v[R_MODEL_INPUT].kind != JSCAN_ABSENT &&
	    v[B_OUTPUT].kind == JSCAN_ABSENT)
		return semantic(err, "a results line, found a Bedrock input record "
		                "(recordId and modelInput): give the .jsonl.out file, "
		                "not the input");
	return true;
}

/* Text that reaches the report must be UTF-8: the raw bytes between the
 * quotes are checked (escapes are ASCII, so they pass unchanged). */
static bool utf8_value(const struct jscan_value *v, const char *line,
                       const char *expected, struct jscan_error *err)
{
	size_t bad;
	const char *why;

	if (v->kind != JSCAN_STRING || text_check_utf8(v->start, v->len, &bad, &why))
		return true;
	err->offset = (size_t)(v->start - line) + bad;
	err->expected = expected;
	return false;
}

bool recon_parse_line(struct recon_parser *p, const char *line, const char *end,
                      struct recon_line *out, struct jscan_error *err)
{
	return recon_parse_any(p, line, end, out, err) &&
	       utf8_value(&out->key, line, "UTF-8 text in the request key", err) &&
	       utf8_value(&out->model, line, "UTF-8 text in the model name", err) &&
	       utf8_value(&out->error_type, line, "UTF-8 text in the error type", err);
}

bool recon_retryable(const char *type)
{
	static const char *const retryable[] = {
		/* Anthropic */
		"overloaded_error", "api_error", "rate_limit_error", "timeout_error",
		/* OpenAI */
		"server_error", "rate_limit_exceeded", "timeout", "api_error",
		/* Gemini (google.rpc.Code names) */
		"RESOURCE_EXHAUSTED", "UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED",
		/* Bedrock */
		"ThrottlingException", "ServiceUnavailableException",
		"InternalServerException", "ModelTimeoutException",
		"ServiceQuotaExceededException",
	};
	char *end;
	long code;

	for (size_t i = 0; i < sizeof retryable / sizeof retryable[0]; i++)
		if (strcmp(type, retryable[i]) == 0)
			return true;
	/* An HTTP status given as the type (OpenAI without a body, Bedrock). */
	code = strtol(type, &end, 10);
	return *type && *end == '\0' && (code == 408 || code == 429 ||
	                                  (code >= 500 && code <= 599));
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* A key that names one request and nothing shared: a number ("42"), a UUID
 * (8-4-4-4-12 hex digits) or a long hex digest. */
static bool per_request_key(const char *key, size_t n)
{
	static const size_t dashes[] = {8, 13, 18, 23};
	size_t digits = 0, hex = 0;

	for (size_t i = 0; i < n; i++) {
		digits += is_digit(key[i]);
		hex += is_hex(key[i]);
	}
	if (n > 0 && digits == n)
		return true;
	if (n == 36) {
		bool uuid = true;
		for (size_t i = 0, d = 0; i < n && uuid; i++) {
			if (d < 4 && i == dashes[d]) {
				uuid = key[i] == '-';
				d++;
			} else {
				uuid = is_hex(key[i]);
			}
		}
		if (uuid)
			return true;
	}
	return n >= 16 && hex == n;
}

void recon_job_of(const char *key, char *buf, size_t size)
{
	size_t n = strlen(key), cut = n, start = 0;

	/* A UUID may start or end with digits: it is never cut, only known. */
	if (!per_request_key(key, n)) {
		while (cut > 0 && is_digit(key[cut - 1]))
			cut--;
		if (cut < n && cut > 1 && strchr("-_.:/#", key[cut - 1])) {
			n = cut - 1; /* "claims-triage-0000042": a counter after the job */
		} else {
			/* "0042-claims-triage": a counter before it, when a name follows. */
			while (start < n && is_digit(key[start]))
				start++;
			if (start > 0 && start + 1 < n && strchr("-_.:/#", key[start]))
				start++;
			else
				start = 0;
		}
	}
	if (per_request_key(key + start, n - start)) {
		key = RECON_PER_REQUEST_JOB;
		start = 0;
		n = strlen(key);
	}
	n -= start;
	if (n >= size)
		n = size - 1;
	memcpy(buf, key + start, n);
	buf[n] = '\0';
}

void recon_init(struct recon *r)
{
	memset(r, 0, sizeof *r);
}

void recon_release(struct recon *r)
{
	for (size_t i = 0; i < r->count; i++) {
		free(r->buckets[i].job);
		free(r->buckets[i].model);
		free(r->buckets[i].batch);
	}
	for (size_t i = 0; i < r->error_count; i++)
		free(r->errors[i].type);
	free(r->buckets);
	free(r->slots);
	memset(r, 0, sizeof *r);
}

static uint64_t hash_text(uint64_t h, const char *s)
{
	/* FNV-1a; the separator keeps ("ab","c") apart from ("a","bc"). */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return (h ^ 0xff) * 0x100000001b3ULL;
}

static uint64_t bucket_hash(const struct recon_bucket *b)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = hash_text(h, b->job);
	h = hash_text(h, b->model);
	h = hash_text(h, b->batch);
	h = (h ^ (uint64_t)(uint32_t)b->day) * 0x100000001b3ULL;
	return (h ^ (b->long_context ? 1u : 2u)) * 0x100000001b3ULL;
}

static bool same_key(const struct recon_bucket *a, const struct recon_bucket *b)
{
	return a->day == b->day && a->long_context == b->long_context &&
	       strcmp(a->job, b->job) == 0 && strcmp(a->model, b->model) == 0 &&
	       strcmp(a->batch, b->batch) == 0;
}

/* Finds the slot of key, or the empty slot where it belongs. */
static size_t find_slot(const struct recon *r, const struct recon_bucket *key)
{
	size_t mask = r->slot_count - 1, i = (size_t)bucket_hash(key) & mask;

	while (r->slots[i] && !same_key(&r->buckets[r->slots[i] - 1], key))
		i = (i + 1) & mask;
	return i;
}

static bool grow(struct recon *r)
{
	size_t slots = r->slot_count ? r->slot_count * 2 : 64;
	uint32_t *fresh = calloc(slots, sizeof *fresh);
	uint32_t *old = r->slots;
	size_t old_count = r->slot_count;

	if (!fresh)
		return false;
	r->slots = fresh;
	r->slot_count = slots;
	for (size_t i = 0; i < old_count; i++)
		if (old[i])
			r->slots[find_slot(r, &r->buckets[old[i] - 1])] = old[i];
	free(old);
	return true;
}

static void add_counts(struct recon_bucket *dst, const struct recon_bucket *src,
                       bool *overflow)
{
	for (int o = 0; o < RECON_OUTCOME_COUNT; o++)
		*overflow |= __builtin_add_overflow(dst->outcomes[o], src->outcomes[o],
		                                    &dst->outcomes[o]);
	*overflow |= __builtin_add_overflow(dst->billed, src->billed, &dst->billed);
	for (int c = 0; c < TOKEN_CLASS_COUNT; c++)
		*overflow |= __builtin_add_overflow(dst->tokens.n[c], src->tokens.n[c],
		                                    &dst->tokens.n[c]);
	if (src->costed) {
		dst->costed = true;
		dst->batch_cost = money_add(dst->batch_cost, src->batch_cost, overflow);
		dst->sync_cost = money_add(dst->sync_cost, src->sync_cost, overflow);
	}
}

enum status recon_add(struct recon *r, const struct recon_bucket *delta,
                      struct diag *d)
{
	struct recon_bucket key = *delta, *b;
	size_t slot;

	if (r->slot_count == 0 && !grow(r))
		return diag_set(d, STATUS_IO, "out of memory");
	slot = find_slot(r, &key);
	if (!r->slots[slot] && r->count >= RECON_MAX_BUCKETS) {
		/* Bounded memory: an id scheme without a job tail would make a
		 * group per request, so later new jobs share one bucket. */
		r->groups_capped = true;
		key.job = (char *)RECON_OTHER_JOB;
		slot = find_slot(r, &key);
	}
	if (!r->slots[slot]) {
		if (r->count == r->capacity) {
			size_t cap = r->capacity ? r->capacity * 2 : 32;
			struct recon_bucket *more = realloc(r->buckets, cap * sizeof *more);
			if (!more)
				return diag_set(d, STATUS_IO, "out of memory");
			r->buckets = more;
			r->capacity = cap;
		}
		b = &r->buckets[r->count];
		memset(b, 0, sizeof *b);
		b->day = key.day;
		b->long_context = key.long_context;
		b->job = strdup(key.job);
		b->model = strdup(key.model);
		b->batch = strdup(key.batch);
		if (!b->job || !b->model || !b->batch) {
			free(b->job);
			free(b->model);
			free(b->batch);
			return diag_set(d, STATUS_IO, "out of memory");
		}
		r->slots[slot] = (uint32_t)++r->count;
		if (r->count * 2 > r->slot_count && !grow(r))
			return diag_set(d, STATUS_IO, "out of memory");
		slot = find_slot(r, &key);
	}
	add_counts(&r->buckets[r->slots[slot] - 1], delta, &r->overflow);
	return STATUS_OK;
}

enum status recon_add_error(struct recon *r, const char *type, int64_t n,
                            struct diag *d)
{
	size_t i;

	for (;;) {
		for (i = 0; i < r->error_count; i++)
			if (strcmp(r->errors[i].type, type) == 0)
				break;
		if (i < r->error_count || r->error_count < RECON_MAX_ERROR_TYPES - 1 ||
		    strcmp(type, RECON_OTHER_ERRORS) == 0)
			break;
		/* Bounded: the last slot counts every further type. */
		r->error_types_capped = true;
		type = RECON_OTHER_ERRORS;
	}
	if (i == r->error_count) {
		if (!(r->errors[i].type = strdup(type)))
			return diag_set(d, STATUS_IO, "out of memory");
		r->errors[i].count = 0;
		r->error_count++;
	}
	r->overflow |= __builtin_add_overflow(r->errors[i].count, n, &r->errors[i].count);
	return STATUS_OK;
}

enum status recon_merge(struct recon *dst, const struct recon *src,
                        struct diag *d)
{
	enum status st;

	for (size_t i = 0; i < src->count; i++)
		if ((st = recon_add(dst, &src->buckets[i], d)))
			return st;
	for (size_t i = 0; i < src->error_count; i++)
		if ((st = recon_add_error(dst, src->errors[i].type, src->errors[i].count, d)))
			return st;
	dst->overflow |= __builtin_add_overflow(dst->lines, src->lines, &dst->lines) ||
	                 __builtin_add_overflow(dst->malformed, src->malformed,
	                                        &dst->malformed) ||
	                 __builtin_add_overflow(dst->duplicates, src->duplicates,
	                                        &dst->duplicates) || src->overflow;
	for (int p = 0; p < RECON_PROVIDER_COUNT; p++)
		dst->provider_lines[p] += src->provider_lines[p];
	dst->groups_capped |= src->groups_capped;
	dst->error_types_capped |= src->error_types_capped;
	return STATUS_OK;
}
