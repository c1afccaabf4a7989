/*
 * options: declarative command-line options, after git's parse-options.
 *
 * A command lists its options in a table ending with OPTION_END; options_parse()
 * fills the pointers and collects the operands. Both "--name value" and
 * "--name=value" work, short options take "-o value", and "--" ends options.
 * Values stay text: the command converts them with the strict parsers in
 * calc/cli.h so that every error names the flag.
 */
#ifndef BATCHCALC_OPTIONS_H
#define BATCHCALC_OPTIONS_H

#include "../models/status.h"

#include <stdbool.h>
#include <stdio.h>

enum option_kind { OPTION_FLAG, OPTION_VALUE, OPTION_LIST };

struct option_spec {
	const char *long_name;  /* without the dashes; NULL ends the table */
	char short_name;        /* 0 for none */
	enum option_kind kind;
	const char *value_name; /* "N", "FILE": shown in help */
	const char *help;
	void *target;           /* bool * for flags, const char ** for values,
	                           struct option_list * for lists */
};

/* A repeatable option's values, in order. */
struct option_list {
	const char *items[64];
	int count;
};

#define OPTION_END {NULL, 0, OPTION_FLAG, NULL, NULL, NULL}

/*
 * Parses argv[1..argc-1] (argv[0] is the command name). Operands go to
 * operands[] (at most max_operands). "-h" and "--help" set *help and stop.
 * Returns STATUS_USAGE with the reason in d.
 */
enum status options_parse(const struct option_spec *specs, int argc, char **argv,
                          const char **operands, int max_operands,
                          int *operand_count, bool *help, struct diag *d);

/* Prints "usage: SYNOPSIS" and one line per option. */
void options_print_help(FILE *out, const char *synopsis, const char *summary,
                        const struct option_spec *specs);

#endif
