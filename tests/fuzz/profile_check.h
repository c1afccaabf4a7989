/*
 * profile_check: what a successfully loaded profile promises (profile.h),
 * shared by the CSV and JSON profile fuzz targets: at least one workload,
 * every one named, counts in the documented ranges, cache parts within the
 * total prompt, the batch share within 0..1.
 */
#ifndef BATCHCALC_FUZZ_PROFILE_CHECK_H
#define BATCHCALC_FUZZ_PROFILE_CHECK_H

#include "tests/fuzz/fuzz.h"
#include "calc/profile.h"

static inline void fuzz_check_profile(const struct profile *p)
{
	FUZZ_ASSERT(p->count > 0, "no workloads");
	for (size_t i = 0; i < p->count; i++) {
		const struct workload *w = &p->workloads[i];
		FUZZ_ASSERT(w->name && w->name[0] && w->model && w->model[0],
		            "workload %zu without a name or model", i);
		FUZZ_ASSERT(w->volume >= 0 && w->volume <= PROFILE_MAX_VOLUME,
		            "volume %lld", (long long)w->volume);
		FUZZ_ASSERT(w->input_tokens >= 0 && w->input_tokens <= PROFILE_MAX_TOKENS &&
		            w->output_tokens >= 0 && w->output_tokens <= PROFILE_MAX_TOKENS,
		            "tokens out of range");
		FUZZ_ASSERT(w->cache_read_tokens >= 0 && w->cache_write_tokens >= 0 &&
		            w->cache_write_1h_tokens >= 0 &&
		            w->cache_read_tokens + w->cache_write_tokens +
		            w->cache_write_1h_tokens <= w->input_tokens,
		            "cache parts outside the total prompt");
		FUZZ_ASSERT(w->batch_share >= 0 && w->batch_share <= SHARE_SCALE,
		            "batch share %lld", (long long)w->batch_share);
		FUZZ_ASSERT(w->input_tokens_p95 == 0 ||
		            w->input_tokens_p95 >= w->input_tokens, "p95 below the mean");
	}
}

#endif
