/*
 * ledger_focus: the ledger as a FinOps FOCUS 1.2 cost and usage dataset
 * (CSV), one row per entry x job x model x price day x context tier x token
 * class, for finance tools that read FOCUS.
 *
 * Column by column (the FOCUS 1.2 column definitions: the FOCUS_Spec
 * repository's specification/columns and specification/attributes):
 * - BilledCost = EffectiveCost: what the Batch API billed (no amortisation,
 *   no commitments). ListCost: the sync price of the same tokens, and
 *   ListUnitPrice the sync rate per token, so ListUnitPrice x PricingQuantity
 *   = ListCost exactly; ContractedCost = ListCost (no negotiated prices are
 *   known; the spec's default).
 * - PricingQuantity = ConsumedQuantity = the tokens, PricingUnit =
 *   ConsumedUnit = "Tokens" (UnitFormat's count unit); only rows with tokens
 *   are written, since ConsumedQuantity must be positive on usage rows.
 * - ChargeCategory "Usage", ChargeFrequency "Usage-Based", PricingCategory
 *   "Standard", ServiceCategory "AI and Machine Learning", ServiceSubcategory
 *   "Generative AI", BillingCurrency "USD" (what the providers bill in).
 * - ChargePeriod: the usage day [00:00Z, next 00:00Z); BillingPeriod: the
 *   calendar month the entry is booked in. An adjustment corrects a closed
 *   (invoiced) month: ChargeClass "Correction", its billing period the month
 *   it was made in, its quantities and costs differences, unit prices null
 *   (the spec lets corrections address quantity and cost independently).
 *   Every other row has ChargeClass null.
 * - ProviderName = InvoiceIssuerName: who ran the batch (Anthropic, OpenAI,
 *   Google, Amazon Web Services); PublisherName: the model's maker.
 * - SkuId "MODEL/CLASS[/long-context]/batch", SkuPriceId that and
 *   "@PRICE-ENTRY-DATE" (one dated price), SkuMeter "Input Tokens" ....
 * - x_BatchId, x_Job, x_Model, x_TokenClass, x_ServiceTier ("batch"),
 *   x_ContextTier ("standard" or "long-context"), x_AdjustmentDate.
 * Nulls are empty unquoted fields; text is quoted only when it must be;
 * numbers are plain decimals (no exponent, no sign for positives); times
 * are ISO 8601 UTC, "2026-10-05T00:00:00Z". Custom columns follow the FOCUS
 * ones, which are in alphabetical order.
 */
#ifndef BATCHCALC_LEDGER_FOCUS_H
#define BATCHCALC_LEDGER_FOCUS_H

#include "ledger_store.h"

#include <stdio.h>

/* Writes the header and the rows of every figure of the view. */
void ledger_focus_write(FILE *out, const struct ledger_view *v);

#endif
