#include "json_read.h"

#include "../models/number.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum status json_parse(const char *origin, const char *text, size_t len,
                       cJSON **root, struct diag *d)
{
	const char *end = NULL;
	long line = 1, column = 1;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3; /* a UTF-8 byte order mark: allowed, and not counted */
		len -= 3;
	}

	/* text[len] is the NUL every reader here appends; cJSON wants to see it
	 * to reject trailing garbage. */
	*root = cJSON_ParseWithLengthOpts(text, len + 1, &end, true);
	if (*root)
		return STATUS_OK;
	if (!end)
		end = cJSON_GetErrorPtr();
	if (!end || end < text || end > text + len)
		end = text + len;
	for (const char *p = text; p < end; p++) {
		if (*p == '\n') {
			line++;
			column = 1;
		} else {
			column++;
		}
	}
	if (end == text + len)
		return diag_set(d, STATUS_INPUT,
		                "%s:%ld:%ld: expected a complete JSON value, found the "
		                "end of the file", origin, line, column);
	{
		char found[16];
		size_t n = 0;
		for (const char *p = end; p < text + len && n < 12 && *p != '\n' && *p != '\r'; p++)
			found[n++] = (*p >= 0 && *p < ' ') ? '?' : *p;
		found[n] = '\0';
		return diag_set(d, STATUS_INPUT,
		                "%s:%ld:%ld: expected valid JSON, found \"%s\"", origin,
		                line, column, found);
	}
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

/* The text of a number or numeric string, for the strict parsers. A JSON
 * number arrives as a double: it is printed with the fewest digits that read
 * back to the same double, so 0.3 is "0.3", never 0.29999999999999999. */
static bool number_text(const cJSON *v, char *buf, size_t size)
{
	if (cJSON_IsString(v)) {
		snprintf(buf, size, "%s", v->valuestring);
		return true;
	}
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return false;
	if (v->valuedouble == floor(v->valuedouble) && fabs(v->valuedouble) < 9.0e15) {
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
	if (number_text(v, text, sizeof text) &&
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
	char text[64];
	const char *why;

	*offered = false;
	if (!v || cJSON_IsNull(v))
		return STATUS_OK;
	if (number_text(v, text, sizeof text) && rate_parse(text, out, &why)) {
		*offered = true;
		return STATUS_OK;
	}
	return json_fail(w, key, v,
	                 "a rate in USD per million tokens (>= 0, at most 6 decimals) "
	                 "or null", d);
}
