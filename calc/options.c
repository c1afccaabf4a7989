#include "options.h"

#include "cli.h"

#include <string.h>

static const struct option_spec *find_long(const struct option_spec *specs,
                                           const char *name, size_t len)
{
	for (; specs->long_name; specs++)
		if (strlen(specs->long_name) == len &&
		    strncmp(specs->long_name, name, len) == 0)
			return specs;
	return NULL;
}

static const struct option_spec *find_short(const struct option_spec *specs, char c)
{
	for (; specs->long_name; specs++)
		if (specs->short_name == c)
			return specs;
	return NULL;
}

static enum status take(const struct option_spec *spec, const char *value,
                        struct diag *d)
{
	if (spec->kind == OPTION_FLAG) {
		*(bool *)spec->target = true;
		return STATUS_OK;
	}
	if (spec->kind == OPTION_LIST) {
		struct option_list *list = spec->target;
		if (list->count >= (int)(sizeof list->items / sizeof list->items[0]))
			return diag_set(d, STATUS_USAGE, "--%s: too many values (at most %zu)",
			                spec->long_name,
			                sizeof list->items / sizeof list->items[0]);
		list->items[list->count++] = value;
		return STATUS_OK;
	}
	*(const char **)spec->target = value;
	return STATUS_OK;
}

enum status options_parse(const struct option_spec *specs, int argc, char **argv,
                          const char **operands, int max_operands,
                          int *operand_count, bool *help, struct diag *d)
{
	bool only_operands = false;

	*operand_count = 0;
	*help = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const struct option_spec *spec;
		const char *value = NULL;

		if (only_operands || arg[0] != '-' || arg[1] == '\0') {
			if (*operand_count >= max_operands)
				return diag_set(d, STATUS_USAGE, "unexpected argument \"%.60s\"", arg);
			operands[(*operand_count)++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_operands = true;
			continue;
		}
		if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
			*help = true;
			return STATUS_OK;
		}
		if (arg[1] == '-') {
			const char *eq = strchr(arg + 2, '=');
			size_t len = eq ? (size_t)(eq - (arg + 2)) : strlen(arg + 2);

			spec = find_long(specs, arg + 2, len);
			if (!spec)
				return diag_set(d, STATUS_USAGE, "unknown option \"--%.*s\"",
				                (int)len, arg + 2);
			if (eq) {
				if (spec->kind == OPTION_FLAG)
					return diag_set(d, STATUS_USAGE,
					                "--%s takes no value", spec->long_name);
				value = eq + 1;
			}
		} else {
			spec = arg[2] == '\0' ? find_short(specs, arg[1]) : NULL;
			if (!spec)
				return diag_set(d, STATUS_USAGE, "unknown option \"%.60s\"", arg);
		}
		if (spec->kind != OPTION_FLAG && !value) {
			if (i + 1 >= argc)
				return diag_set(d, STATUS_USAGE, "--%s needs a value (%s)",
				                spec->long_name, spec->value_name);
			value = argv[++i];
		}
		if (take(spec, value, d) != STATUS_OK)
			return STATUS_USAGE;
	}
	return STATUS_OK;
}

void options_print_help(FILE *out, const char *synopsis, const char *summary,
                        const struct option_spec *specs)
{
	fprintf(out, "usage: %s\n\n%s\n", synopsis, summary);
	if (specs->long_name)
		fprintf(out, "\noptions:\n");
	for (; specs->long_name; specs++) {
		char left[64];
		int n;

		if (specs->short_name)
			n = snprintf(left, sizeof left, "-%c, --%s", specs->short_name,
			             specs->long_name);
		else
			n = snprintf(left, sizeof left, "    --%s", specs->long_name);
		if (specs->kind != OPTION_FLAG && n > 0 && (size_t)n < sizeof left)
			snprintf(left + n, sizeof left - (size_t)n, " %s", specs->value_name);
		char line[512];
		/* The description wraps under itself, within CLI_WIDTH. */
		snprintf(line, sizeof line, "  %-30s %s", left, specs->help);
		cli_wrap(out, line, CLI_WIDTH, "                                 ");
	}
}
