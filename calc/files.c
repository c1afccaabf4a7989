#include "files.h"

#include "../models/text.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum status file_read_all(const char *path, char **data, size_t *len,
                          struct diag *d)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t cap = 1 << 16, used = 0, n;
	char *buf;

	if (!f)
		return diag_set(d, STATUS_INPUT, "%s: cannot open: %s", path,
		                strerror(errno));
	buf = malloc(cap);
	while (buf && (n = fread(buf + used, 1, cap - used - 1, f)) > 0) {
		used += n;
		if (cap - used < 2) {
			char *bigger = realloc(buf, cap * 2);
			if (!bigger) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	if (!buf || ferror(f)) {
		int err = errno;
		free(buf);
		if (f != stdin)
			fclose(f);
		return diag_set(d, buf ? STATUS_INPUT : STATUS_IO, "%s: cannot read: %s",
		                path, buf ? strerror(err) : "out of memory");
	}
	if (f != stdin)
		fclose(f);
	buf[used] = '\0';
	*data = buf;
	*len = used;
	return STATUS_OK;
}

enum status file_check_text(const char *origin, const char *text, size_t len,
                            struct diag *d)
{
	size_t bad;
	long line, column;
	const char *why;

	if (text_check_utf8(text, len, &bad, &why))
		return STATUS_OK;
	text_position(text, bad, &line, &column);
	return diag_set(d, STATUS_INPUT,
	                "%s:%ld:%ld: expected UTF-8 text, found %s (byte 0x%02X)",
	                origin, line, column, why, (unsigned)(unsigned char)text[bad]);
}

enum status file_write_atomic(const char *path, const void *data, size_t len,
                              struct diag *d)
{
	size_t plen = strlen(path);
	char *tmp = malloc(plen + 16);
	FILE *f;
	bool ok;

	if (!tmp)
		return diag_set(d, STATUS_IO, "%s: out of memory", path);
	snprintf(tmp, plen + 16, "%s.tmp%ld", path, (long)getpid());
	f = fopen(tmp, "wb");
	if (!f) {
		diag_set(d, STATUS_IO, "%s: cannot write: %s", path, strerror(errno));
		free(tmp);
		return STATUS_IO;
	}
	ok = fwrite(data, 1, len, f) == len;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		diag_set(d, STATUS_IO, "%s: cannot write: %s", path, strerror(errno));
		remove(tmp);
		free(tmp);
		return STATUS_IO;
	}
	free(tmp);
	return STATUS_OK;
}

enum status file_load(const char *path, file_text_loader load, void *target,
                      struct diag *d)
{
	char *text;
	size_t len;
	enum status st = file_read_all(path, &text, &len, d);

	if (st != STATUS_OK)
		return st;
	st = load(text, len, strcmp(path, "-") == 0 ? "<stdin>" : path, target, d);
	free(text);
	return st;
}
