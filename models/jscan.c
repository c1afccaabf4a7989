#include "jscan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

bool jscan_compile(struct jscan *js, const char *const *paths, int n)
{
	memset(js, 0, sizeof *js);
	js->nodes[0].first_child = js->nodes[0].next_sibling = -1;
	js->nodes[0].field = -1;
	js->node_count = 1;
	js->field_count = n;
	for (int i = 0; i < n; i++) {
		const char *p = paths[i];
		int node = 0;

		while (*p) {
			const char *dot = strchr(p, '.');
			uint32_t len = (uint32_t)(dot ? (size_t)(dot - p) : strlen(p));
			int child = js->nodes[node].first_child;

			while (child >= 0 && !(js->nodes[child].name_len == len &&
			                       memcmp(js->nodes[child].name, p, len) == 0))
				child = js->nodes[child].next_sibling;
			if (child < 0) {
				if (js->node_count == JSCAN_MAX_NODES)
					return false;
				child = js->node_count++;
				js->nodes[child].name = p;
				js->nodes[child].name_len = len;
				js->nodes[child].first_child = -1;
				js->nodes[child].field = -1;
				js->nodes[child].next_sibling = js->nodes[node].first_child;
				js->nodes[node].first_child = (int16_t)child;
			}
			node = child;
			p += len;
			if (*p == '.')
				p++;
		}
		js->nodes[node].field = (int16_t)i;
	}
	return true;
}

struct scan {
	const struct jscan *js;
	const char *text, *end;
	struct jscan_value *values;
	struct jscan_error *err;
	/* The special bytes of the 64-byte block at `block` (blocks count from
	 * text): member names and short values share a block's mask. */
	const char *block;
	uint64_t block_mask;
};

static bool fail(struct scan *s, const char *at, const char *expected)
{
	s->err->offset = (size_t)(at - s->text);
	s->err->expected = expected;
	return false;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* 1 for a hex digit. */
static const unsigned char is_hex[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
	['e'] = 1, ['f'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1,
	['F'] = 1,
};

/* The length of an escape by its second character: 0 for none. */
static const unsigned char escape_size[256] = {
	['"'] = 2, ['\\'] = 2, ['/'] = 2, ['b'] = 2, ['f'] = 2, ['n'] = 2, ['r'] = 2,
	['t'] = 2, ['u'] = 6,
};

/* Length of the escape at p (a backslash): 2, 6 for \uXXXX, 0 if invalid. */
static inline __attribute__((always_inline)) int escape_length(const char *p,
                                                               const char *end)
{
	int n;

	if (end - p < 2)
		return 0;
	n = escape_size[(unsigned char)p[1]];
	if (n == 6 && (end - p < 6 || !(is_hex[(unsigned char)p[2]] &
	                                is_hex[(unsigned char)p[3]] &
	                                is_hex[(unsigned char)p[4]] &
	                                is_hex[(unsigned char)p[5]])))
		return 0;
	return n;
}

/* Fails at a backslash that starts no valid escape. */
static void escape_error(struct scan *s, const char *p, const char *end)
{
	if (end - p < 2)
		fail(s, p + 1, "an escape");
	else
		fail(s, p, p[1] == 'u' ? "four hex digits after \\u" : "a valid escape");
}

#if defined(__SSE2__)
/* Bit i set: p[i] is a quote, a backslash or a control character (64 bytes). */
static uint64_t special_mask(const char *p)
{
	const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
	              control = _mm_set1_epi8(0x1f);
	uint64_t mask = 0;

	for (int k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
		__m128i hit = _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
			_mm_cmpeq_epi8(_mm_max_epu8(v, control), control));
		mask |= (uint64_t)(uint16_t)_mm_movemask_epi8(hit) << (16 * k);
	}
	return mask;
}
#endif

/*
 * p is just past an opening quote; returns the closing quote, or NULL. The
 * hot loop of the whole reconciler: message text is most of every line. It
 * takes 64 bytes at a time, finds every quote, backslash and control byte in
 * them at once, and walks the escapes from that mask without reloading, so
 * text dense with escapes (\n, \", \u00e9) costs little more than plain text.
 * (An AVX2 version measured slower on such text.)
 */
static const char *scan_string(struct scan *s, const char *p)
{
	const char *end = s->end;
	int n;

#if defined(__SSE2__)
	for (;;) {
		const char *block = s->text + ((size_t)(p - s->text) & ~(size_t)63);
		uint64_t mask;

		if (end - block < 64)
			break; /* the last, partial block: byte by byte */
		if (block != s->block) {
			s->block = block;
			s->block_mask = special_mask(block);
		}
		mask = s->block_mask & (~(uint64_t)0 << (p - block));
		p = block + 64;
		while (mask) {
			const char *c = block + __builtin_ctzll(mask);
			size_t skip;
			if (*c == '"')
				return c;
			if (*c != '\\') {
				fail(s, c, "no raw control character in a string");
				return NULL;
			}
			if (!(n = escape_length(c, end))) {
				escape_error(s, c, end);
				return NULL;
			}
			skip = (size_t)(c - block) + (size_t)n;
			if (skip >= 64) {
				p = block + skip; /* the escape ends in a later block */
				break;
			}
			mask &= ~(uint64_t)0 << skip;
		}
	}
#endif
	for (;;) {
		while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
			p++;
		if (p >= end) {
			fail(s, p, "a closing quote");
			return NULL;
		}
		if (*p == '"')
			return p;
		if (*p != '\\') {
			fail(s, p, "no raw control character in a string");
			return NULL;
		}
		if (!(n = escape_length(p, end))) {
			escape_error(s, p, end);
			return NULL;
		}
		p += n;
	}
}

static const char *scan_number(struct scan *s, const char *p)
{
	const char *end = s->end;

	if (p < end && *p == '-')
		p++;
	if (p < end && *p == '0')
		p++;
	else if (p < end && *p >= '1' && *p <= '9')
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	else {
		fail(s, p, "a digit");
		return NULL;
	}
	if (p < end && *p == '.') {
		p++;
		if (p >= end || *p < '0' || *p > '9') {
			fail(s, p, "a digit after the decimal point");
			return NULL;
		}
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || *p < '0' || *p > '9') {
			fail(s, p, "a digit in the exponent");
			return NULL;
		}
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	return p;
}

static const char *scan_literal(struct scan *s, const char *p, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(s->end - p) < n || memcmp(p, word, n) != 0) {
		fail(s, p, "a JSON value");
		return NULL;
	}
	return p + n;
}

/* Scans the value at p (no leading space); node is its trie node or -1. */
static const char *scan_value(struct scan *s, const char *p, int node, int depth)
{
	const char *start = p;
	uint8_t kind;

	if (p >= s->end) {
		fail(s, p, "a JSON value");
		return NULL;
	}
	switch (*p) {
	case '"':
		if (!(p = scan_string(s, p + 1)))
			return NULL;
		if (node >= 0 && s->js->nodes[node].field >= 0) {
			struct jscan_value *v = &s->values[s->js->nodes[node].field];
			v->start = start + 1;
			v->len = (uint32_t)(p - start - 1);
			v->kind = JSCAN_STRING;
		}
		return p + 1;
	case '{':
	case '[': {
		bool object = *p == '{';
		char close = object ? '}' : ']';
		int child_base = object && node >= 0 ? s->js->nodes[node].first_child : -1;

		if (depth >= JSCAN_MAX_DEPTH) {
			fail(s, p, "nesting at most 64 deep");
			return NULL;
		}
		kind = object ? JSCAN_OBJECT : JSCAN_ARRAY;
		p = skip_space(p + 1, s->end);
		if (p < s->end && *p == close) {
			p++;
			break;
		}
		for (;;) {
			int child = -1;

			if (object) {
				const char *name = p, *name_end;
				if (p >= s->end || *p != '"')
					return fail(s, p, "a member name in quotes"), NULL;
				if (!(name_end = scan_string(s, p + 1)))
					return NULL;
				name++;
				for (child = child_base; child >= 0;
				     child = s->js->nodes[child].next_sibling)
					if (s->js->nodes[child].name_len == (uint32_t)(name_end - name) &&
					    memcmp(s->js->nodes[child].name, name,
					           (size_t)(name_end - name)) == 0)
						break;
				p = skip_space(name_end + 1, s->end);
				if (p >= s->end || *p != ':')
					return fail(s, p, "a colon after the member name"), NULL;
				p = skip_space(p + 1, s->end);
			}
			if (!(p = scan_value(s, p, child, depth + 1)))
				return NULL;
			p = skip_space(p, s->end);
			if (p < s->end && *p == ',') {
				p = skip_space(p + 1, s->end);
				continue;
			}
			if (p < s->end && *p == close) {
				p++;
				break;
			}
			return fail(s, p, object ? "a comma or a closing brace"
			                         : "a comma or a closing bracket"), NULL;
		}
		break;
	}
	case 't':
		kind = JSCAN_TRUE;
		p = scan_literal(s, p, "true");
		break;
	case 'f':
		kind = JSCAN_FALSE;
		p = scan_literal(s, p, "false");
		break;
	case 'n':
		kind = JSCAN_NULL;
		p = scan_literal(s, p, "null");
		break;
	default:
		kind = JSCAN_NUMBER;
		p = scan_number(s, p);
		break;
	}
	if (p && node >= 0 && s->js->nodes[node].field >= 0) {
		struct jscan_value *v = &s->values[s->js->nodes[node].field];
		v->start = start;
		v->len = (uint32_t)(p - start);
		v->kind = kind;
	}
	return p;
}

bool jscan_scan(const struct jscan *js, const char *text, const char *end,
                struct jscan_value *values, struct jscan_error *err)
{
	struct scan s = {js, text, end, values, err, NULL, 0};
	const char *p;

	memset(values, 0, (size_t)js->field_count * sizeof *values);
	if ((size_t)(end - text) > UINT32_MAX)
		return fail(&s, text, "a line shorter than 4 GiB");
	p = scan_value(&s, skip_space(text, end), 0, 0);
	if (!p)
		return false;
	p = skip_space(p, end);
	if (p != end)
		return fail(&s, p, "the end of the line after the JSON value");
	return true;
}

bool jscan_count(const struct jscan_value *v, int64_t *out)
{
	int64_t n = 0;

	if (v->kind != JSCAN_NUMBER || v->len == 0)
		return false;
	for (uint32_t i = 0; i < v->len; i++) {
		char c = v->start[i];
		if (c < '0' || c > '9')
			return false;
		if (__builtin_mul_overflow(n, 10, &n) || __builtin_add_overflow(n, c - '0', &n))
			return false;
	}
	*out = n;
	return true;
}

static size_t put_utf8(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

static uint32_t hex4(const char *p)
{
	return (uint32_t)(hex_value(p[0]) << 12 | hex_value(p[1]) << 8 |
	                  hex_value(p[2]) << 4 | hex_value(p[3]));
}

long jscan_string(const struct jscan_value *v, char *buf, size_t size)
{
	const char *p = v->start, *end = v->start + v->len;
	size_t used = 0;

	if (v->kind != JSCAN_STRING || size == 0)
		return -1;
	while (p < end) {
		char tmp[4];
		size_t n;

		if (*p != '\\') {
			tmp[0] = *p++;
			n = 1;
		} else {
			char e = p[1];
			p += 2;
			switch (e) {
			case 'b': tmp[0] = '\b'; n = 1; break;
			case 'f': tmp[0] = '\f'; n = 1; break;
			case 'n': tmp[0] = '\n'; n = 1; break;
			case 'r': tmp[0] = '\r'; n = 1; break;
			case 't': tmp[0] = '\t'; n = 1; break;
			case 'u': {
				/* The scan checked four hex digits follow. */
				uint32_t cp = hex4(p);
				p += 4;
				if (cp >= 0xd800 && cp < 0xdc00 && end - p >= 6 && p[0] == '\\' &&
				    p[1] == 'u') {
					uint32_t lo = hex4(p + 2);
					if (lo >= 0xdc00 && lo < 0xe000) {
						cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
						p += 6;
					}
				}
				if (cp >= 0xd800 && cp < 0xe000)
					cp = 0xfffd; /* a lone surrogate */
				n = put_utf8(tmp, cp);
				break;
			}
			default: tmp[0] = e; n = 1; break;
			}
		}
		if (used + n >= size)
			return -1;
		memcpy(buf + used, tmp, n);
		used += n;
	}
	buf[used] = '\0';
	return (long)used;
}
