#include "json_read.h"

#include "../models/number.h"
#include "../models/text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * cJSON keeps a number only as a double, which cannot hold 0.3 or 3e-06. So
 * that every figure is read from its decimal text, each number node gets its
 * source text in valuestring (unused for numbers; cJSON_Delete frees it). The
 * numbers are found in document order by a scan that skips strings, and the
 * tree is walked in the same order; if the counts disagree nothing is kept.
 */
struct number_spans {
	const char **start;
	size_t *length;
	size_t count, next;
};

static bool scan_numbers(const char *text, size_t len, struct number_spans *s)
{
	size_t cap = 0;

	for (size_t i = 0; i < len; i++) {
		if (text[i] == '"') {
			for (i++; i < len && text[i] != '"'; i++)
				if (text[i] == '\\')
					i++;
			continue;
		}
		if (text[i] != '-' && (text[i] < '0' || text[i] > '9'))
			continue;
		if (s->count == cap) {
			size_t bigger = cap ? cap * 2 : 256;
			const char **st = realloc(s->start, bigger * sizeof *st);
			if (st)
				s->start = st;
			size_t *ln = st ? realloc(s->length, bigger * sizeof *ln) : NULL;
			if (!ln)
				return false;
			s->length = ln;
			cap = bigger;
		}
		s->start[s->count] = text + i;
		while (i < len && strchr("+-.0123456789eE", text[i]))
			i++;
		s->length[s->count] = (size_t)(text + i - s->start[s->count]);
		s->count++;
		i--;
	}
	return true;
}

static bool attach_numbers(cJSON *node, struct number_spans *s)
{
	for (; node; node = node->next) {
		if (cJSON_IsNumber(node)) {
			if (s->next == s->count)
				return false;
			node->valuestring = strndup(s->start[s->next], s->length[s->next]);
			if (!node->valuestring)
				return false;
			s->next++;
		}
		if (node->child && !attach_numbers(node->child, s))
			return false;
	}
	return true;
}

static void drop_numbers(cJSON *node)
{
	for (; node; node = node->next) {
		if (cJSON_IsNumber(node)) {
			free(node->valuestring);
			node->valuestring = NULL;
		}
		drop_numbers(node->child);
	}
}

/* Where text[0..len) first nests deeper than cJSON parses (CJSON_NESTING_LIMIT
 * arrays and objects), or NULL. Brackets inside strings do not count. */
static const char *too_deep(const char *text, size_t len)
{
	size_t depth = 0;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '[' || c == '{') {
			if (++depth > CJSON_NESTING_LIMIT)
				return text + i;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	return NULL;
}

static int compare_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Refuses an object with the same key twice: cJSON keeps both and lookups see
 * only the first, so {"input": 3, "input": 300} would price at 3 silently.
 * Recursion is bounded by cJSON's nesting limit.
 */
enum status json_check_keys(const struct json_where *w, const cJSON *v,
                            struct diag *d)
{
	const cJSON *child;
	long index = 0;
	enum status st;

	if (cJSON_IsObject(v)) {
		size_t n = (size_t)cJSON_GetArraySize(v), k = 0;
		const char **keys = malloc((n ? n : 1) * sizeof *keys);

		if (!keys)
			return diag_set(d, STATUS_IO, "out of memory");
		cJSON_ArrayForEach(child, v)
			keys[k++] = child->string;
		qsort(keys, n, sizeof *keys, compare_keys);
		for (k = 1; k < n; k++)
			if (strcmp(keys[k - 1], keys[k]) == 0) {
				st = diag_set(d, STATUS_INPUT,
				              "%s: %s%s%.80s: expected each key of an object "
				              "once, found this one again", w->origin, w->path,
				              w->path[0] ? "." : "", keys[k]);
				free(keys);
				return st;
			}
		free(keys);
	}
	if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
		return STATUS_OK;
	cJSON_ArrayForEach(child, v) {
		struct json_where cw;

		if (cJSON_IsObject(v)) {
			json_child(&cw, w, child->string, -1);
		} else {
			cw.origin = w->origin;
			snprintf(cw.path, sizeof cw.path, "%s[%ld]", w->path, index++);
		}
		if ((st = json_check_keys(&cw, child, d)))
			return st;
	}
	return STATUS_OK;
}

enum status json_parse(const char *origin, const char *text, size_t len,
                       cJSON **root, struct diag *d)
{
	struct json_where top = {origin, ""};
	const char *end = NULL, *deep;
	long line, column;
	cJSON *first;
	enum status st;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3; /* a UTF-8 byte order mark: allowed, and not counted */
		len -= 3;
	}

	/* text[len] is the NUL every reader here appends; cJSON wants to see it
	 * to reject trailing garbage. */
	*root = cJSON_ParseWithLengthOpts(text, len + 1, &end, true);
	if (*root) {
		if ((st = json_check_keys(&top, *root, d))) {
			cJSON_Delete(*root);
			*root = NULL;
			return st;
		}
		struct number_spans spans = {NULL, NULL, 0, 0};
		bool ok = scan_numbers(text, len, &spans) &&
		          attach_numbers(*root, &spans) && spans.next == spans.count;
		if (!ok)
			drop_numbers(*root);
		free(spans.start);
		free(spans.length);
		return STATUS_OK;
	}
	if (!end)
		end = cJSON_GetErrorPtr();
	if (!end || end < text || end > text + len)
		end = text + len;
	if ((deep = too_deep(text, (size_t)(end - text) + 1 > len
	                               ? len : (size_t)(end - text) + 1))) {
		text_position(text, (size_t)(deep - text), &line, &column);
		return diag_set(d, STATUS_INPUT,
		                "%s:%ld:%ld: expected JSON nested at most %d arrays and "
		                "objects deep, found deeper nesting", origin, line,
		                column, CJSON_NESTING_LIMIT);
	}
	/* A whole value followed by more: most likely JSON Lines (a batch
	 * results or requests file) where one document was expected. */
	first = cJSON_ParseWithLengthOpts(text, len + 1, &end, false);
	cJSON_Delete(first);
	if (first) {
		while (end < text + len && strchr(" \t\r\n", *end))
			end++;
		text_position(text, (size_t)(end - text), &line, &column);
		return diag_set(d, STATUS_INPUT,
		                "%s:%ld:%ld: expected the end of the JSON document, "
		                "found more after it (one document a file; JSON Lines, "
		                "one object a line, is not read here)", origin, line,
		                column);
	}
	end = cJSON_GetErrorPtr();
	if (!end || end < text || end > text + len)
		end = text + len;
	text_position(text, (size_t)(end - text), &line, &column);
	if (end == text + len)
		return diag_set(d, STATUS_INPUT,
		                "%s:%ld:%ld: expected a complete JSON value, found the "
		                "end of the file", origin, line, column);
	{
		char found[16];
		size_t n = 0;
		for (const char *p = end; p < text + len && n < 12 && *p != '\n' && *p != '\r'; p++)
			found[n++] = *p;
		found[n] = '\0';
		return diag_set(d, STATUS_INPUT,
		                "%s:%ld:%ld: expected valid JSON, found \"%s\"", origin,
		                line, column, found);
	}
}

/* Where a failed parse of text[start..len) stopped, as "expected ..., found
 * ..." after ORIGIN:LINE:COLUMN of the whole text. */
static enum status parse_error(const char *origin, const char *text, size_t len,
                               const char *start, struct diag *d)
{
	const char *end = cJSON_GetErrorPtr(), *deep;
	long line, column;
	char found[16];
	size_t n = 0;

	if (!end || end < start || end > text + len)
		end = text + len;
	if ((deep = too_deep(start, (size_t)(end - start) + 1 > (size_t)(text + len - start)
	                            ? (size_t)(text + len - start)
	                            : (size_t)(end - start) + 1))) {
		text_position(text, (size_t)(deep - text), &line, &column);
		return diag_set(d, STATUS_INPUT,
		                "%s:%ld:%ld: expected JSON nested at most %d arrays and "
		                "objects deep, found deeper nesting", origin, line,
		                column, CJSON_NESTING_LIMIT);
	}
	text_position(text, (size_t)(end - text), &line, &column);
	if (end == text + len)
		return diag_set(d, STATUS_INPUT,
		                "%s:%ld:%ld: expected a complete JSON value, found the "
		                "end of the file", origin, line, column);
	for (const char *p = end; p < text + len && n < 12 && *p != '\n' && *p != '\r'; p++)
		found[n++] = *p;
	found[n] = '\0';
	return diag_set(d, STATUS_INPUT, "%s:%ld:%ld: expected valid JSON, found \"%s\"",
	                origin, line, column, found);
}

enum status json_parse_next(const char *origin, const char *text, size_t len,
                            size_t *offset, cJSON **root, struct diag *d)
{
	size_t off = *offset;
	const char *start, *end = NULL;
	struct number_spans spans = {NULL, NULL, 0, 0};
	bool ok;

	*root = NULL;
	if (off == 0 && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		off = 3;
	while (off < len && strchr(" \t\r\n", text[off]) && text[off] != '\0')
		off++;
	*offset = off;
	if (off >= len)
		return STATUS_OK;
	start = text + off;
	/* text[len] is the NUL every reader appends, so cJSON stops there. */
	*root = cJSON_ParseWithLengthOpts(start, len - off + 1, &end, false);
	if (!*root)
		return parse_error(origin, text, len, start, d);
	if (!end || end < start || end > text + len)
		end = text + len;
	ok = scan_numbers(start, (size_t)(end - start), &spans) &&
	     attach_numbers(*root, &spans) && spans.next == spans.count;
	if (!ok)
		drop_numbers(*root);
	free(spans.start);
	free(spans.length);
	*offset = (size_t)(end - text);
	return STATUS_OK;
}

void json_describe(const cJSON *v, char *buf, size_t size)
{
	if (!v)
		snprintf(buf, size, "nothing (the key is missing)");
	else if (cJSON_IsNull(v))
		snprintf(buf, size, "null");
	else if (cJSON_IsBool(v))
		snprintf(buf, size, "%s", cJSON_IsTrue(v) ? "true" : "false");
	else if (cJSON_IsString(v))
		snprintf(buf, size, "the string \"%.60s\"", v->valuestring);
	else if (cJSON_IsNumber(v) && v->valuestring)
		snprintf(buf, size, "the number %.40s", v->valuestring);
	else if (cJSON_IsNumber(v) && isinf(v->valuedouble))
		snprintf(buf, size, "a number too large for a double (infinite)");
	else if (cJSON_IsNumber(v))
		snprintf(buf, size, "the number %.17g", v->valuedouble);
	else if (cJSON_IsArray(v))
		snprintf(buf, size, "an array");
	else
		snprintf(buf, size, "an object");
}

void json_child(struct json_where *out, const struct json_where *parent,
                const char *key, long index)
{
	const char *sep = parent->path[0] ? "." : "";
	char path[sizeof out->path];

	/* Through a copy: out may be parent (json_child(&w, &w, ...)), and
	 * snprintf from a buffer into itself is undefined. */
	if (index >= 0)
		snprintf(path, sizeof path, "%s%s%s[%ld]", parent->path, sep, key, index);
	else
		snprintf(path, sizeof path, "%s%s%s", parent->path, sep, key);
	out->origin = parent->origin;
	memcpy(out->path, path, sizeof path);
}

enum status json_fail(const struct json_where *w, const char *key,
                      const cJSON *v, const char *expected, struct diag *d)
{
	char found[96];

	json_describe(v, found, sizeof found);
	if (!w->path[0] && !key) /* the document itself */
		return diag_set(d, STATUS_INPUT, "%s: top level: expected %s, found %s",
		                w->origin, expected, found);
	return diag_set(d, STATUS_INPUT, "%s: %s%s%s: expected %s, found %s",
	                w->origin, w->path, w->path[0] && key ? "." : "",
	                key ? key : "", expected, found);
}

enum status json_string(const struct json_where *w, const cJSON *obj,
                        const char *key, bool required, char **out,
                        struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v && !required)
		return STATUS_OK;
	if (!cJSON_IsString(v) || v->valuestring[0] == '\0')
		return json_fail(w, key, v, "a non-empty string", d);
	free(*out);
	*out = strdup(v->valuestring);
	if (!*out)
		return diag_set(d, STATUS_IO, "out of memory");
	return STATUS_OK;
}

bool json_number_text(const cJSON *v, char *buf, size_t size)
{
	if (cJSON_IsString(v) || (cJSON_IsNumber(v) && v->valuestring)) {
		snprintf(buf, size, "%s", v->valuestring);
		return true;
	}
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return false;
	/* A tree not made by json_parse. A whole number prints as one, however
	 * large, so that the strict parser says "too large" rather than finding
	 * an exponent (a value past the buffer is cut, and still too large);
	 * otherwise the fewest digits that read back to the same double, so 0.3
	 * is "0.3", never 0.29999999999999999. */
	if (v->valuedouble == floor(v->valuedouble)) {
		snprintf(buf, size, "%.0f", v->valuedouble);
		return true;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, v->valuedouble);
		if (strtod(buf, NULL) == v->valuedouble)
			break;
	}
	if (strchr(buf, 'e')) { /* tiny or huge: write it out, zeros trimmed */
		size_t n;
		snprintf(buf, size, "%.15f", v->valuedouble);
		n = strlen(buf);
		while (n > 1 && buf[n - 1] == '0' && buf[n - 2] != '.')
			buf[--n] = '\0';
	}
	return true;
}

enum status json_scaled(const struct json_where *w, const cJSON *obj,
                        const char *key, bool required, int decimals,
                        int64_t min, int64_t max, int64_t *out, bool *present,
                        struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char text[64], expected[128];
	const char *why = NULL;

	if (present)
		*present = v != NULL && !cJSON_IsNull(v);
	if ((!v || cJSON_IsNull(v)) && !required)
		return STATUS_OK;
	if (json_number_text(v, text, sizeof text) &&
	    number_parse_scaled(text, decimals, min, max, out, &why))
		return STATUS_OK;
	if (decimals == 0)
		snprintf(expected, sizeof expected, "a whole number%s%s",
		         why ? " (" : "", why ? why : "");
	else
		snprintf(expected, sizeof expected, "a number with at most %d decimals%s%s",
		         decimals, why ? " (" : "", why ? why : "");
	if (why)
		strncat(expected, ")", sizeof expected - strlen(expected) - 1);
	return json_fail(w, key, v, expected, d);
}

enum status json_int(const struct json_where *w, const cJSON *obj, const char *key,
                     bool required, int64_t min, int64_t max, int64_t *out,
                     bool *present, struct diag *d)
{
	return json_scaled(w, obj, key, required, 0, min, max, out, present, d);
}

enum status json_date(const struct json_where *w, const cJSON *obj, const char *key,
                      bool required, date_days *out, bool *present, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	const char *why;

	if (present)
		*present = v != NULL && !cJSON_IsNull(v);
	if ((!v || cJSON_IsNull(v)) && !required)
		return STATUS_OK;
	if (cJSON_IsString(v) && date_parse(v->valuestring, out, &why))
		return STATUS_OK;
	return json_fail(w, key, v, "a date YYYY-MM-DD", d);
}

enum status json_rate(const struct json_where *w, const cJSON *obj, const char *key,
                      rate *out, bool *offered, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char text[64], expected[160];
	const char *why = NULL;

	*offered = false;
	if (!v || cJSON_IsNull(v))
		return STATUS_OK;
	if (json_number_text(v, text, sizeof text) && rate_parse(text, out, &why)) {
		*offered = true;
		return STATUS_OK;
	}
	snprintf(expected, sizeof expected, "a rate in USD per million tokens (>= 0, "
	         "at most 6 decimals) or null%s%s%s", why ? " (" : "", why ? why : "",
	         why ? ")" : "");
	return json_fail(w, key, v, expected, d);
}

enum status json_only_keys(const struct json_where *w, const cJSON *obj,
                           const char *const *allowed, struct diag *d)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, obj) {
		const char *const *a = allowed;
		char expected[600] = "one of the keys";
		while (*a && strcmp(*a, item->string) != 0)
			a++;
		if (*a)
			continue;
		for (a = allowed; *a; a++) {
			strncat(expected, a == allowed ? " " : ", ",
			        sizeof expected - strlen(expected) - 1);
			strncat(expected, *a, sizeof expected - strlen(expected) - 1);
		}
		return diag_set(d, STATUS_INPUT, "%s: %s%sunknown key \"%s\": expected %s",
		                w->origin, w->path, w->path[0] ? ": " : "", item->string,
		                expected);
	}
	return STATUS_OK;
}

enum status json_money(const struct json_where *w, const cJSON *obj,
                       const char *key, bool allow_negative, money *out,
                       bool *present, struct diag *d)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	char text[64], expected[128];
	const char *why = NULL;
	money m;

	*present = v != NULL && !cJSON_IsNull(v);
	if (!*present)
		return STATUS_OK;
	if (json_number_text(v, text, sizeof text) && money_parse(text, &m, &why)) {
		if (allow_negative || m.pico >= 0) {
			*out = m;
			return STATUS_OK;
		}
		why = "negative";
	}
	snprintf(expected, sizeof expected, "an amount in USD%s%s%s",
	         allow_negative ? "" : " (0 or more)", why ? ": " : "",
	         why ? why : "");
	return json_fail(w, key, v, expected, d);
}
