/*
 * sha256: the SHA-256 digest (FIPS 180-4), to stamp every output with the
 * checksum of the price catalogue it was computed from.
 */
#ifndef BATCHCALC_SHA256_H
#define BATCHCALC_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_HEX_SIZE 65

void sha256(const void *data, size_t len, uint8_t digest[32]);
void sha256_hex(const void *data, size_t len, char hex[SHA256_HEX_SIZE]);

#endif
