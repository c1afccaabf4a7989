#include "../../models/sha256.h"
#include "suite.h"

#include <stdlib.h>
#include <string.h>

static void hex_of(const void *data, size_t len, bool portable, size_t step,
                   char hex[SHA256_HEX_SIZE])
{
	struct sha256_ctx c;
	uint8_t digest[32];
	const unsigned char *p = data;

	sha256_init(&c, portable);
	for (size_t at = 0; at < len; at += step)
		sha256_update(&c, p + at, len - at < step ? len - at : step);
	sha256_final(&c, digest);
	sha256_digest_hex(digest, hex);
}

/* FIPS 180-4's examples (and the empty message), through both compressions
 * and in pieces of every awkward size. */
START_TEST(fips_examples_in_any_pieces)
{
	static const struct {
		const char *text, *digest;
	} cases[] = {
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		 "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
		{"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		 "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
	};
	static const size_t steps[] = {1, 3, 55, 56, 63, 64, 65, 1000};
	char hex[SHA256_HEX_SIZE];

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++)
			for (int portable = 0; portable < 2; portable++) {
				hex_of(cases[i].text, strlen(cases[i].text), portable, steps[s], hex);
				ck_assert_str_eq(hex, cases[i].digest);
			}
	sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, cases[1].digest);
}
END_TEST

START_TEST(a_million_a)
{
	size_t n = 1000000;
	char *a = malloc(n), hex[SHA256_HEX_SIZE];

	ck_assert_ptr_nonnull(a);
	memset(a, 'a', n);
	for (int portable = 0; portable < 2; portable++) {
		hex_of(a, n, portable, 4096, hex);
		ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	}
	free(a);
}
END_TEST

/* Every length around the padding boundaries: the CPU's extensions (when
 * present) and the portable code agree. */
START_TEST(accelerated_equals_portable_at_every_length)
{
	unsigned char data[300];
	char fast[SHA256_HEX_SIZE], slow[SHA256_HEX_SIZE];

	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (unsigned char)(i * 131 + 7);
	for (size_t len = 0; len <= sizeof data; len++) {
		hex_of(data, len, false, 17, fast);
		hex_of(data, len, true, len ? len : 1, slow);
		ck_assert_str_eq(fast, slow);
	}
}
END_TEST

int main(void)
{
	const TTest *const tests[] = {fips_examples_in_any_pieces, a_million_a,
	                              accelerated_equals_portable_at_every_length};
	return RUN_SUITE("sha256", tests);
}
