/*
 * sha256: the SHA-256 digest (FIPS 180-4), to stamp every output with the
 * checksum of the price catalogue it was computed from, and to identify the
 * content of a results file the ledger records.
 *
 * One-shot (sha256, sha256_hex) or incremental (init, update any number of
 * times, final). The compression function uses the x86 SHA extensions when
 * the CPU has them (a file of 1 GB hashes in about half a second instead of
 * three), otherwise portable C; both give the same digest, which the unit
 * suite checks against the FIPS 180-4 examples at every length boundary.
 */
#ifndef BATCHCALC_SHA256_H
#define BATCHCALC_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_SIZE 65

struct sha256_ctx {
	uint32_t h[8];
	uint64_t bytes;   /* hashed so far */
	uint8_t buf[64];  /* a partial block */
	size_t used;      /* bytes in buf */
	bool accelerated; /* the CPU's SHA extensions compress the blocks */
};

void sha256(const void *data, size_t len, uint8_t digest[32]);
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);

/* portable: false uses the CPU's SHA extensions when it has them; true
 * never does (for the unit suite, which compares the two). */
void sha256_init(struct sha256_ctx *c, bool portable);
void sha256_update(struct sha256_ctx *c, const void *data, size_t len);
void sha256_final(struct sha256_ctx *c, uint8_t digest[32]);

/* Writes 64 lowercase hex digits and a NUL. */
void sha256_digest_hex(const uint8_t digest[32], char hex[SHA256_HEX_SIZE]);

#endif
