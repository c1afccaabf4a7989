/*
 * keyset: a fixed-size set of request-key fingerprints, for finding duplicate
 * keys in results files with flat memory, shared by the reading threads.
 *
 * A key is kept as a 63-bit fingerprint (keyset_hash) in an open-addressing
 * table of 2^bits slots, 8 bytes each, filled lock-free with compare-and-swap
 * so several threads insert at once. Memory is fixed at creation: 8 bytes a
 * slot, and the set takes keys up to 3/4 of its slots (12 bytes of table per
 * key at most, about 10.7 bytes at the limit), then stops remembering new
 * keys (keyset_insert says KEYSET_FULL and the caller reports how many keys
 * went unchecked). Two different keys with the same fingerprint would be taken
 * for a duplicate: with n keys the chance is about n^2 / 2^65 (3e-8 at a
 * million keys). Pages of the table are touched only as keys land in them, so
 * a small file costs little resident memory.
 */
#ifndef BATCHCALC_KEYSET_H
#define BATCHCALC_KEYSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum keyset_result { KEYSET_NEW, KEYSET_SEEN, KEYSET_FULL };

/* What reconcile and merge use: 2^21 slots, 16 MiB, 1,572,864 keys. */
#define KEYSET_DEFAULT_BITS 21

struct keyset; /* opaque */

/* A set of 2^bits slots (bits in 4..30), or NULL when out of memory. */
struct keyset *keyset_new(unsigned bits);
void keyset_free(struct keyset *s);

uint64_t keyset_hash(const char *key, size_t len);

/*
 * Thread-safe. With `mark`, the key is also marked (for retries: a request
 * that needs no retry); a mark is never cleared.
 */
enum keyset_result keyset_insert(struct keyset *s, uint64_t fingerprint, bool mark);

/* Whether the key is in the set and marked. */
bool keyset_marked(const struct keyset *s, uint64_t fingerprint);

/*
 * Starts loading the slot of a fingerprint into the cache. Every insert is a
 * cache miss at a random place in a large table; a caller that prefetches a
 * key and inserts it one line later has the miss hidden behind that line's
 * parse.
 */
void keyset_prefetch(const struct keyset *s, uint64_t fingerprint);

/*
 * The fingerprints in the set (marks dropped), ascending, in a new array the
 * caller frees; *n is their number. NULL when out of memory.
 */
uint64_t *keyset_export(const struct keyset *s, size_t *n);

/* The largest number of keys the set remembers. */
size_t keyset_capacity(const struct keyset *s);

#endif
