#include "status.h"

#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum status diag_set(struct diag *d, enum status status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->text, sizeof d->text, fmt, ap);
	va_end(ap);
	/* A message quotes what it found, which may be any bytes, and may be
	 * cut at DIAG_SIZE inside a UTF-8 sequence: keep it one printable line. */
	text_make_printable(d->text);
	return status;
}

void diag_prefix(struct diag *d, const char *prefix)
{
	char old[DIAG_SIZE];

	memcpy(old, d->text, sizeof old);
	snprintf(d->text, sizeof d->text, "%s: %s", prefix, old);
	text_make_printable(d->text);
}
