#include "text.h"

#include <string.h>

/*
 * The length of the valid UTF-8 sequence at s[0..avail), or 0 with *why set.
 * Follows the well-formed byte table of Unicode 15, table 3-7, so overlong
 * forms, surrogates (U+D800..DFFF) and values above U+10FFFF are refused.
 */
static size_t sequence_length(const unsigned char *s, size_t avail,
                              const char **why)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xBF;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else {
		*why = c >= 0x80 && c <= 0xBF ? "a UTF-8 continuation byte with no "
		                                "lead byte before it"
		                              : "a byte that is never UTF-8 (is the "
		                                "file Latin-1 or Windows-1252?)";
		return 0;
	}
	if (c == 0xE0)
		lo = 0xA0; /* overlong below U+0800 */
	else if (c == 0xED)
		hi = 0x9F; /* surrogates */
	else if (c == 0xF0)
		lo = 0x90; /* overlong below U+10000 */
	else if (c == 0xF4)
		hi = 0x8F; /* above U+10FFFF */
	for (size_t i = 1; i < n; i++) {
		if (i >= avail) {
			*why = "a UTF-8 sequence cut short by the end of the text";
			return 0;
		}
		if (s[i] < lo || s[i] > hi) {
			*why = i > 1 ? "a UTF-8 sequence cut short"
			     : s[i] >= 0x80 && s[i] <= 0xBF
			       ? "a UTF-8 sequence that is not allowed (overlong, "
			         "surrogate or past U+10FFFF)"
			       : "a byte that does not begin a valid UTF-8 sequence "
			         "here (is the file Latin-1 or Windows-1252?)";
			return 0;
		}
		lo = 0x80;
		hi = 0xBF;
	}
	return n;
}

bool text_check_utf8(const char *s, size_t len, size_t *bad, const char **why)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		size_t n;

		if (u[i] == 0) {
			*bad = i;
			*why = "a NUL byte";
			return false;
		}
		n = sequence_length(u + i, len - i, why);
		if (n == 0) {
			*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

void text_make_printable(char *s)
{
	unsigned char *u = (unsigned char *)s;
	size_t len = 0;
	const char *why;

	while (u[len])
		len++;
	for (size_t i = 0; i < len;) {
		size_t n = sequence_length(u + i, len - i, &why);

		if (n == 0 || (n == 1 && (u[i] < 0x20 || u[i] == 0x7F))) {
			u[i++] = '?';
			continue;
		}
		i += n;
	}
}

void text_position(const char *s, size_t offset, long *line, long *column)
{
	*line = *column = 1;
	for (size_t i = 0; i < offset; i++) {
		if (s[i] == '\n') {
			++*line;
			*column = 1;
		} else {
			++*column;
		}
	}
}

size_t text_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[128];

	if (la > 127 || lb > 127)
		return (size_t)-1;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = (a[i - 1] | 0x20) == (b[j - 1] | 0x20) ? 0 : 1;
			size_t best = diag + cost;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (up + 1 < best)
				best = up + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* Lowercase ASCII without separators, cut to size - 1 bytes. */
static void squeeze(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s && n + 1 < size; s++)
		if (*s != '_' && *s != '-' && *s != ' ' && *s != '.')
			out[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s);
	out[n] = '\0';
}

const char *text_closest(const char *word, const char *const *candidates)
{
	char w[128], c[128];
	const char *best = NULL;
	size_t best_distance = (size_t)-1, limit, wl;

	squeeze(word, w, sizeof w);
	wl = strlen(w);
	if (wl == 0)
		return NULL;
	for (const char *const *k = candidates; *k; k++) {
		squeeze(*k, c, sizeof c);
		if (strcmp(w, c) == 0)
			return *k;
	}
	for (const char *const *k = candidates; *k; k++) {
		size_t cl;
		squeeze(*k, c, sizeof c);
		cl = strlen(c);
		if (wl >= 3 && ((cl > wl && strncmp(c, w, wl) == 0) ||
		                (wl > cl && cl >= 3 && strncmp(w, c, cl) == 0)))
			return *k;
	}
	for (const char *const *k = candidates; *k; k++) {
		squeeze(*k, c, sizeof c);
		if (wl >= 4 && strstr(c, w))
			return *k;
	}
	limit = strlen(word) / 3 > 2 ? strlen(word) / 3 : 2;
	for (const char *const *k = candidates; *k; k++) {
		size_t distance = text_edit_distance(word, *k);
		if (distance <= limit && distance < best_distance) {
			best = *k;
			best_distance = distance;
		}
	}
	return best;
}

/* A plain number as a spreadsheet reads one: [+-]digits[.digits][e[+-]digits][%]. */
static bool plain_number(const char *s)
{
	bool digits = false;

	if (*s == '+' || *s == '-')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		digits = true;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			digits = true;
	if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		bool exponent = false;
		s++;
		if (*s == '+' || *s == '-')
			s++;
		for (; *s >= '0' && *s <= '9'; s++)
			exponent = true;
		if (!exponent)
			return false;
	}
	if (*s == '%')
		s++;
	return *s == '\0';
}

bool text_csv_formula(const char *cell)
{
	return cell[0] != '\0' && strchr("=+-@\t\r", cell[0]) != NULL &&
	       !plain_number(cell);
}
