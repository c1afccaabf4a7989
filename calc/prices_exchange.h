/*
 * prices_exchange: catalogues from elsewhere, for `batchcalc prices`.
 *
 * import-litellm and import-genai-prices convert a LiteLLM price file or a
 * genai-prices data file into the data/README.md schema (calc/litellm.h and
 * calc/genai_prices.h say how each field maps); diff lists every (model, class)
 * on which two catalogues disagree on a date, so a team sees what adopting
 * an update would change. Both print only through ctx->out.
 */
#ifndef BATCHCALC_PRICES_EXCHANGE_H
#define BATCHCALC_PRICES_EXCHANGE_H

#include "cli.h"

enum import_kind { IMPORT_LITELLM, IMPORT_GENAI_PRICES };

/* Writes FILE, a LiteLLM price file or a genai-prices data file (the kind
 * asked for: another kind is an error), as a batchcalc catalogue (JSON)
 * dated today; the conversion summary goes to stderr. */
enum status prices_import(struct cli *ctx, const char *path, enum import_kind kind,
                          struct diag *d);

/* Compares the rates in force on `day`: models only in A or only in B, and
 * for models in both (same id or alias) each sync, batch and long-context
 * class whose rate differs or is offered on one side only. */
enum status prices_diff(struct cli *ctx, const char *path_a, const char *path_b,
                        date_days day, enum format format, struct diag *d);

#endif
