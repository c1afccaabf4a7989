/*
 * fuzz: what every libFuzzer target under tests/fuzz/ shares.
 *
 * A target is one file, tests/fuzz/fuzz_NAME.c. It includes this header and
 * opens with a line "// Seeds: GLOB..." naming the golden inputs (paths from
 * the top of the tree) that tests/fuzz/seed.sh copies into
 * tests/fuzz/corpus/NAME/, and defines
 *   static void fuzz_one(const char *text, size_t len)
 * which feeds the NUL-terminated copy of one input to the loader. The
 * Makefile finds the file by its name; nothing else needs editing.
 *
 * libFuzzer, built with ASan and UBSan (make fuzz), reports crashes, leaks,
 * hangs and undefined behaviour by itself; the helpers below add the
 * loaders' own promises, which a fuzzer cannot know:
 * - a failure returns STATUS_INPUT (never an internal or overflow status for
 *   text that merely is malformed) with a one-line message that starts with
 *   the origin and is valid UTF-8, whatever bytes the input held;
 * - the caller's struct is left released (checked by LeakSanitizer).
 */
#ifndef BATCHCALC_FUZZ_H
#define BATCHCALC_FUZZ_H

#include "models/status.h"
#include "models/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ORIGIN "fuzz.in"

static void fuzz_one(const char *text, size_t len);

/* Stops the run with a report libFuzzer saves as a crash. */
#define FUZZ_ASSERT(cond, ...)                                                \
	do {                                                                  \
		if (!(cond)) {                                                \
			fprintf(stderr, "fuzz invariant broken: %s: ", #cond); \
			fprintf(stderr, __VA_ARGS__);                         \
			fputc('\n', stderr);                                  \
			abort();                                              \
		}                                                             \
	} while (0)

/* Checks a loader's diagnostic after a failure with status `st`. */
static inline void fuzz_check_failure(enum status st, const struct diag *d,
                                      enum status expected)
{
	size_t bad;
	const char *why;
	size_t n = strlen(d->text);

	FUZZ_ASSERT(st == expected, "status %d, message \"%s\"", (int)st, d->text);
	FUZZ_ASSERT(strncmp(d->text, FUZZ_ORIGIN, strlen(FUZZ_ORIGIN)) == 0,
	            "message without the origin: \"%s\"", d->text);
	FUZZ_ASSERT(strchr(d->text, '\n') == NULL, "multi-line message: \"%s\"",
	            d->text);
	FUZZ_ASSERT(text_check_utf8(d->text, n, &bad, &why),
	            "message not UTF-8 at byte %zu (%s)", bad, why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Every loader is handed text with a NUL at text[len] (file_read_all
	 * appends one); give the fuzzed bytes the same. */
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	fuzz_one(text, size);
	free(text);
	return 0;
}

#endif
