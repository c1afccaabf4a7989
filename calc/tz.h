/*
 * tz: wall-clock times in an IANA time zone, converted to UTC with the
 * system's tz database (/usr/share/zoneinfo, Debian package tzdata).
 *
 * The C library only converts in the zone named by the TZ environment
 * variable, so each call sets TZ, converts, and puts TZ back as it found it;
 * nothing else in batchcalc reads TZ. Not thread-safe, like tzset(3).
 *
 * Rules for the two kinds of wall-clock time that are not one instant:
 * - a time the clocks skip (spring forward: 02:30 in Sydney on the first
 *   Sunday of October) is read with the offset in force before the jump, so
 *   it lands as far past the jump as it was past the old hour (03:30 new time);
 * - a time that happens twice (fall back) is its first occurrence.
 * These are the "fold = 0" choices of Python's zoneinfo.
 */
#ifndef BATCHCALC_TZ_H
#define BATCHCALC_TZ_H

#include "../models/date.h"
#include "../models/status.h"

#include <stddef.h>
#include <stdint.h>

#define TZ_DIR "/usr/share/zoneinfo"

/* A local date and minute of the day (0..1439). */
struct tz_wall {
	date_days day;
	int minute;
};

/*
 * Checks that `zone` names a tz database file: letters, digits, '_', '-',
 * '+' and '/' only, no "." component, and TZ_DIR/zone a regular file
 * starting with "TZif". STATUS_USAGE "--tz: unknown time zone ..." otherwise.
 */
enum status tz_check(const char *zone, struct diag *d);

/* Converts n wall-clock times in `zone` (checked) to seconds since the epoch. */
enum status tz_to_utc(const char *zone, const struct tz_wall *in, size_t n,
                      int64_t *out, struct diag *d);

#endif
