#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum status tz_check(const char *zone, struct diag *d)
{
	char path[512];
	struct stat sb;
	unsigned char magic[4];
	FILE *f;
	bool ok = zone[0] != '\0' && zone[0] != '/' && strlen(zone) < 200;

	for (const char *p = zone; ok && *p; p++) {
		bool starts = p == zone || p[-1] == '/';
		ok = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		     (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '+' ||
		     (*p == '/' && p[1] != '/' && p[1] != '\0');
		/* "-" may not open a component: TZ would read it as an offset. */
		ok = ok && !(starts && *p == '-');
	}
	if (ok) {
		snprintf(path, sizeof path, "%s/%s", TZ_DIR, zone);
		ok = stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
		     (f = fopen(path, "rb")) != NULL;
		if (ok) {
			ok = fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
			fclose(f);
		}
	}
	if (!ok)
		return diag_set(d, STATUS_USAGE, "--tz: expected an IANA time zone "
		                "such as Australia/Sydney or UTC, found unknown time zone "
		                "\"%.80s\" (no such zone in " TZ_DIR ")", zone);
	return STATUS_OK;
}

/* Seconds east of UTC in force at t (TZ already set). */
static int64_t offset_at(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	int64_t local;

	if (!localtime_r(&tt, &tm))
		return 0;
	local = (int64_t)date_from_civil(tm.tm_year + 1900, tm.tm_mon + 1,
	                                 tm.tm_mday) * 86400 +
	        tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return local - t;
}

static int64_t wall_to_utc(const struct tz_wall *w)
{
	/* The wall clock read as if it were UTC, then shifted by an offset that
	 * makes it round-trip. Transitions are months apart, so the offsets a day
	 * either side are the only candidates. */
	int64_t naive = (int64_t)w->day * 86400 + (int64_t)w->minute * 60;
	int64_t before = offset_at(naive - 86400), after = offset_at(naive + 86400);
	int64_t t1 = naive - before, t2 = naive - after;
	bool ok1 = offset_at(t1) == before, ok2 = offset_at(t2) == after;

	if (ok1 && ok2)
		return t1 < t2 ? t1 : t2; /* happens twice: the first */
	if (ok1)
		return t1;
	if (ok2)
		return t2;
	return t1; /* skipped: the old offset lands just past the gap */
}

enum status tz_to_utc(const char *zone, const struct tz_wall *in, size_t n,
                      int64_t *out, struct diag *d)
{
	const char *old = getenv("TZ");
	char *saved = old ? strdup(old) : NULL;
	char value[256];
	enum status st;

	if ((st = tz_check(zone, d)))
		goto done;
	if (old && !saved) {
		st = diag_set(d, STATUS_IO, "out of memory");
		goto done;
	}
	/* A leading ':' makes the C library read the file, never a POSIX rule. */
	snprintf(value, sizeof value, ":%s", zone);
	if (setenv("TZ", value, 1) != 0) {
		st = diag_set(d, STATUS_IO, "cannot set TZ");
		goto done;
	}
	tzset();
	for (size_t i = 0; i < n; i++)
		out[i] = wall_to_utc(&in[i]);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
done:
	free(saved);
	return st;
}
