/*
 * prices_exchange: catalogues from elsewhere, for `batchcalc prices`.
 *
 * import-litellm converts a LiteLLM price file into the data/README.md schema
 * (calc/litellm.h says how each field maps); diff lists every (model, class)
 * on which two catalogues disagree on a date, so a team sees what adopting
 * an update would change. Both print only through ctx->out.
 */
#ifndef BATCHCALC_PRICES_EXCHANGE_H
#define BATCHCALC_PRICES_EXCHANGE_H

#include "cli.h"

/* Writes FILE, a LiteLLM price file, as a batchcalc catalogue (JSON) dated
 * today; the conversion summary goes to stderr. */
enum status prices_import_litellm(struct cli *ctx, const char *path,
                                  struct diag *d);

/* Compares the rates in force on `day`: models only in A or only in B, and
 * for models in both (same id or alias) each sync, batch and long-context
 * class whose rate differs or is offered on one side only. */
enum status prices_diff(struct cli *ctx, const char *path_a, const char *path_b,
                        date_days day, enum format format, struct diag *d);

#endif
