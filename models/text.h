/*
 * text: what makes bytes acceptable as text, for loaders and messages.
 *
 * Every input file batchcalc reads is meant to be UTF-8 text. A NUL byte or a
 * byte sequence that is not UTF-8 (a stray Latin-1 byte, a truncated sequence,
 * an overlong form, a surrogate, a code point past U+10FFFF) means the file is
 * not what the user thinks it is, so loaders refuse it up front with its
 * position, before any field is read (calc/files.h: file_check_text).
 *
 * Messages (status.h) are one printable line of UTF-8 whatever the input:
 * text_make_printable() is applied to each one.
 */
#ifndef BATCHCALC_TEXT_H
#define BATCHCALC_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * True when s[0..len) is UTF-8 (RFC 3629) with no NUL byte. Otherwise *bad is
 * the offset of the first offending byte and *why completes "found ...":
 * "a NUL byte", "a byte that is not UTF-8", ...
 */
bool text_check_utf8(const char *s, size_t len, size_t *bad, const char **why);

/* The 1-based line and column (in bytes) of s[offset], for messages. */
void text_position(const char *s, size_t offset, long *line, long *column);

/*
 * Makes the NUL-terminated s one printable line in place: control characters
 * (newlines included) and every byte of an invalid or cut UTF-8 sequence
 * become '?'. The length never changes.
 */
void text_make_printable(char *s);

/* Levenshtein distance, ASCII case-insensitive; (size_t)-1 past 127 bytes. */
size_t text_edit_distance(const char *a, const char *b);

/*
 * For "did you mean": the candidate (NULL-terminated list) closest to word,
 * or NULL when none is close. Close means, in this order: the same but for
 * case and separators ("batchshare", "Batch-Share": batch_share); a word
 * that begins with the other ("cogs": cogs_usd_month; "cache_read":
 * cache_read_tokens) or holds the word ("burn": net_burn_usd_month); or within an edit distance of a third of the word's
 * length, at least 2 ("cache_reed": cache_read).
 */
const char *text_closest(const char *word, const char *const *candidates);

/*
 * Whether a spreadsheet opening a CSV would take this cell for a formula
 * (CSV injection, OWASP): it begins with = + - @, a tab or a carriage
 * return, and is not a plain number ("-5.00", "+5", "-1e-07", "-12.5%" stay
 * numbers). The CSV writer puts a single quote before such a cell, which a
 * spreadsheet then shows as text.
 */
bool text_csv_formula(const char *cell);

#endif
