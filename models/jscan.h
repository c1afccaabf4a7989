/*
 * jscan: a single-pass JSON scanner that validates a whole value and captures
 * only the members named by a fixed set of dotted paths.
 *
 * It exists because reconciling a results file needs a dozen fields out of
 * lines that are mostly message text: building a tree per line (cJSON) costs
 * more than the rest of the work together. jscan_scan() checks the full JSON
 * grammar (RFC 8259: strings with their escapes, no raw control characters,
 * numbers, literals, nesting) while it skips, and records where each wanted
 * member's value lies in the input. Nothing is copied or allocated.
 *
 * Invariants:
 * - Paths name object members from the root ("result.message.usage.input_tokens").
 *   Arrays are never entered by a path, so a member of the same name inside an
 *   array or at another depth (say "usage" quoted in message content) is never
 *   captured.
 * - A member name matches by its raw bytes; a name spelled with \u escapes does
 *   not match (providers never write them).
 * - When an object repeats a wanted member, the last occurrence wins.
 * - Nesting deeper than JSCAN_MAX_DEPTH is an error, so the stack is bounded.
 * - Bytes from 0x80 up pass through unchecked: UTF-8 is not validated (nor is
 *   it by cJSON); everything else agrees with Python's json module (checked
 *   on 200,000 randomly mutated results lines, no difference).
 */
#ifndef BATCHCALC_JSCAN_H
#define BATCHCALC_JSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSCAN_MAX_NODES 96
#define JSCAN_MAX_DEPTH 64

enum jscan_kind {
	JSCAN_ABSENT = 0,
	JSCAN_STRING,  /* start/len cover the text between the quotes, escapes raw */
	JSCAN_NUMBER,
	JSCAN_TRUE,
	JSCAN_FALSE,
	JSCAN_NULL,
	JSCAN_OBJECT,  /* start/len cover the braces */
	JSCAN_ARRAY,
};

struct jscan_value {
	const char *start;
	uint32_t len;
	uint8_t kind; /* enum jscan_kind */
};

struct jscan_node {
	const char *name;
	uint32_t name_len;
	int16_t first_child, next_sibling;
	int16_t field; /* index into the caller's path list, or -1 */
};

/* The compiled path set: a trie of member names rooted at node 0. */
struct jscan {
	struct jscan_node nodes[JSCAN_MAX_NODES];
	int node_count;
	int field_count;
};

/* Where and why a scan failed: `expected` completes "expected ...". */
struct jscan_error {
	size_t offset; /* from the start of the scanned text */
	const char *expected;
};

/*
 * Compiles n dotted paths; field i of a scan is paths[i]. The strings must
 * outlive js. Returns false when the trie does not fit JSCAN_MAX_NODES.
 */
bool jscan_compile(struct jscan *js, const char *const *paths, int n);

/*
 * Scans exactly one JSON value in [text, end) with optional white space around
 * it, filling values[0..field_count-1] (absent ones get JSCAN_ABSENT). Returns
 * true when the whole text is that one value; otherwise false with err set.
 */
bool jscan_scan(const struct jscan *js, const char *text, const char *end,
                struct jscan_value *values, struct jscan_error *err);

/*
 * A captured number as a whole number in [0, INT64_MAX]: false for a fraction,
 * an exponent, a sign or overflow.
 */
bool jscan_count(const struct jscan_value *v, int64_t *out);

/*
 * Decodes a captured string (escapes, \u surrogate pairs to UTF-8) into buf,
 * NUL-terminated. Returns the decoded length, or -1 when it does not fit.
 */
long jscan_string(const struct jscan_value *v, char *buf, size_t size);

#endif
