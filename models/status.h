/*
 * status: how a model or loader call ended, and the sentence that says why.
 *
 * Library code never prints or exits (STYLE.md 5): it returns a status and
 * fills a diag with one line in the form
 *   FILE:LINE:COLUMN: expected WHAT, found WHAT
 * (or a JSON path in place of line and column). calc/main.c prints it and maps
 * the status to the exit code documented in the README. A message is always
 * one printable line of UTF-8, whatever bytes it quotes (text.h).
 */
#ifndef BATCHCALC_STATUS_H
#define BATCHCALC_STATUS_H

#include <stddef.h>

enum status {
	STATUS_OK = 0,
	STATUS_IO,            /* the world failed us: cannot write, out of memory */
	STATUS_USAGE,         /* the command line is wrong */
	STATUS_INPUT,         /* an input file or value is malformed or out of range */
	STATUS_UNKNOWN_MODEL, /* no such model, or no price in force on the date */
	STATUS_OVERFLOW,      /* a total does not fit: reported, never wrapped */
	STATUS_THRESHOLD,     /* a check the user asked for failed */
	STATUS_REFUSED,       /* the ledger refused a change (closed month, other
	                         content under a recorded batch id, newer schema) */
};

#define DIAG_SIZE 1024

struct diag {
	char text[DIAG_SIZE];
};

/* Sets the message (printf-style) and returns `status` for tail calls. */
enum status diag_set(struct diag *d, enum status status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Puts "prefix: " in front of the message already there. */
void diag_prefix(struct diag *d, const char *prefix);

#endif
