/*
 * commands: one cmd_<name>() per file, dispatched from the table in main.c.
 * Each parses its own options, prints only through ctx->out, and returns a
 * status with the reason in d (STYLE.md 5).
 */
#ifndef BATCHCALC_COMMANDS_H
#define BATCHCALC_COMMANDS_H

#include "cli.h"
#include "options.h"

enum status cmd_quote(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_estimate(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_margin(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_plan(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_prices(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_sla(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_report(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_reconcile(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_merge(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_bill(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_profile(int argc, char **argv, struct cli *ctx, struct diag *d);
enum status cmd_ledger(int argc, char **argv, struct cli *ctx, struct diag *d);

#endif
