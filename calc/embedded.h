/*
 * embedded: the files compiled into the binary (see the Makefile), so that
 * batchcalc answers with no data directory beside it. Each array ends with a
 * NUL byte that the _len figure does not count.
 */
#ifndef BATCHCALC_EMBEDDED_H
#define BATCHCALC_EMBEDDED_H

#include <stddef.h>

extern const unsigned char data_prices_json[];
extern const size_t data_prices_json_len;
extern const unsigned char data_scenarios_seed_csv[];
extern const size_t data_scenarios_seed_csv_len;
extern const unsigned char data_latency_anthropic_csv[];
extern const size_t data_latency_anthropic_csv_len;

#endif
