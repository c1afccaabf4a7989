#include "files.h"

#include "../models/text.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

enum status file_create_temp(const char *path, char *tmp, size_t size, FILE **out,
                             struct diag *d)
{
	mode_t mask;
	int fd;

	if ((size_t)snprintf(tmp, size, "%s.tmp.XXXXXX", path) >= size)
		return diag_set(d, STATUS_IO, "%.60s...: cannot write: the name is too long",
		                path);
	if ((fd = mkstemp(tmp)) < 0)
		return diag_set(d, STATUS_IO, "%s: cannot write: %s", path, strerror(errno));
	/* umask can only be read by setting it; nothing else runs meanwhile. */
	mask = umask(077);
	umask(mask);
	if (fchmod(fd, (mode_t)(0666 & ~mask)) != 0 || !(*out = fdopen(fd, "wb"))) {
		diag_set(d, STATUS_IO, "%s: cannot write: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		return STATUS_IO;
	}
	return STATUS_OK;
}

enum status file_write_atomic(const char *path, const void *data, size_t len,
                              struct diag *d)
{
	char tmp[4096];
	FILE *f;
	bool ok;

	if (file_create_temp(path, tmp, sizeof tmp, &f, d) != STATUS_OK)
		return STATUS_IO;
	ok = fwrite(data, 1, len, f) == len;
	ok = fflush(f) == 0 && ok;
	ok = fsync(fileno(f)) == 0 && ok;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		diag_set(d, STATUS_IO, "%s: cannot write: %s", path, strerror(errno));
		remove(tmp);
		return STATUS_IO;
	}
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
