/*
 * ledger_add: `batchcalc ledger add`, the biggest subcommand of
 * calc/cmd_ledger.c, apart: each batch's files hashed (SHA-256, in a thread
 * of their own) while reconcile's reader reads them, priced as reconcile
 * prices them (recon_price_bucket), and every batch recorded in one
 * transaction (calc/ledger_store.h). Also what the ledger's subcommands
 * share: their summary, the --ledger help, a record's time stamp.
 */
#ifndef BATCHCALC_LEDGER_ADD_H
#define BATCHCALC_LEDGER_ADD_H

#include "cli.h"

extern const char ledger_add_synopsis[];
extern const char ledger_summary[];       /* every subcommand's --help */
extern const char ledger_location_help[]; /* --ledger LOCATION */

/* `ledger add FILE... [options]`: argv[0] is "add". */
enum status ledger_add(int argc, char **argv, struct cli *ctx, struct diag *d);

/* "2026-11-25T10:04:05Z": now, or the time SOURCE_DATE_EPOCH pins. */
void ledger_stamp_now(char buf[32]);

/* The first 16 hex digits of a digest, as messages show it. */
const char *ledger_short_digest(const char *digest, char buf[17]);

#endif
