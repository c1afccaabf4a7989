#define _DEFAULT_SOURCE /* madvise(MADV_HUGEPAGE) */
#include "keyset.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>

#define KEYSET_MARK ((uint64_t)1 << 63)

struct keyset {
	size_t mask, limit;
	atomic_size_t count;
	_Atomic uint64_t *slots;
};

struct keyset *keyset_new(unsigned bits)
{
	struct keyset *s;

	if (bits < 4 || bits > 30 || !(s = malloc(sizeof *s)))
		return NULL;
	s->mask = ((size_t)1 << bits) - 1;
	s->limit = (s->mask + 1) / 4 * 3;
	atomic_init(&s->count, 0);
	/* calloc of a large block maps zero pages: untouched slots cost nothing. */
	s->slots = calloc(s->mask + 1, sizeof *s->slots);
#ifdef MADV_HUGEPAGE
	/* Random probes into a large table miss the TLB on every insert; huge
	 * pages (where the kernel offers them) make that and the faults cheap. */
	if (s->slots && (s->mask + 1) * sizeof *s->slots >= ((size_t)2 << 20))
		madvise((void *)(((uintptr_t)s->slots + 0x1fffff) & ~(uintptr_t)0x1fffff),
		        ((s->mask + 1) * sizeof *s->slots) & ~(size_t)0x1fffff, MADV_HUGEPAGE);
#endif
	if (!s->slots) {
		free(s);
		return NULL;
	}
	return s;
}

void keyset_free(struct keyset *s)
{
	if (s) {
		free((void *)s->slots);
		free(s);
	}
}

uint64_t keyset_hash(const char *key, size_t len)
{
	/* FNV-1a, then a murmur3 finalizer to spread the bits over the slots. */
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 0x100000001b3ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	h &= ~KEYSET_MARK;
	return h ? h : 1; /* 0 marks an empty slot */
}

enum keyset_result keyset_insert(struct keyset *s, uint64_t fingerprint, bool mark)
{
	size_t i = (size_t)fingerprint & s->mask;

	for (;;) {
		uint64_t seen = atomic_load_explicit(&s->slots[i], memory_order_relaxed);
		if (seen == 0) {
			uint64_t want = fingerprint | (mark ? KEYSET_MARK : 0);
			if (atomic_load_explicit(&s->count, memory_order_relaxed) >= s->limit)
				return KEYSET_FULL;
			if (atomic_compare_exchange_strong(&s->slots[i], &seen, want)) {
				atomic_fetch_add_explicit(&s->count, 1, memory_order_relaxed);
				return KEYSET_NEW;
			}
			/* Another thread took the slot: look at what it wrote. */
		}
		if ((seen & ~KEYSET_MARK) == fingerprint) {
			if (mark && !(seen & KEYSET_MARK))
				atomic_fetch_or_explicit(&s->slots[i], KEYSET_MARK,
				                         memory_order_relaxed);
			return KEYSET_SEEN;
		}
		i = (i + 1) & s->mask;
	}
}

bool keyset_marked(const struct keyset *s, uint64_t fingerprint)
{
	size_t i = (size_t)fingerprint & s->mask;

	for (;;) {
		uint64_t seen = atomic_load_explicit(&s->slots[i], memory_order_relaxed);
		if (seen == 0)
			return false;
		if ((seen & ~KEYSET_MARK) == fingerprint)
			return (seen & KEYSET_MARK) != 0;
		i = (i + 1) & s->mask;
	}
}

void keyset_prefetch(const struct keyset *s, uint64_t fingerprint)
{
	/* A read prefetch: most keys are new, but the insert re-reads the slot
	 * first, and asking for ownership early measured no faster. */
	__builtin_prefetch((const void *)&s->slots[(size_t)fingerprint & s->mask], 0, 3);
}

static int fingerprint_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

uint64_t *keyset_export(const struct keyset *s, size_t *n)
{
	size_t count = atomic_load(&s->count), used = 0;
	uint64_t *out = malloc((count ? count : 1) * sizeof *out);

	if (!out)
		return NULL;
	for (size_t i = 0; i <= s->mask && used < count; i++) {
		uint64_t v = atomic_load_explicit(&s->slots[i], memory_order_relaxed);
		if (v)
			out[used++] = v & ~KEYSET_MARK;
	}
	qsort(out, used, sizeof *out, fingerprint_cmp);
	*n = used;
	return out;
}

size_t keyset_capacity(const struct keyset *s)
{
	return s->limit;
}
