/*
 * files: whole-file reads and atomic writes.
 *
 * An output file is written to a temporary name beside it and renamed into
 * place, so a failed run never leaves half a report behind.
 */
#ifndef BATCHCALC_FILES_H
#define BATCHCALC_FILES_H

#include "../models/status.h"

#include <stddef.h>
#include <stdio.h>

/* Reads all of path ("-" is stdin) into a NUL-terminated buffer the caller frees. */
enum status file_read_all(const char *path, char **data, size_t *len,
                          struct diag *d);

/*
 * Refuses text that is not UTF-8 or holds a NUL byte (models/text.h), naming
 * "ORIGIN:LINE:COLUMN" of the first bad byte (columns count bytes, as every
 * loader's do). Every loader calls it before parsing.
 */
enum status file_check_text(const char *origin, const char *text, size_t len,
                            struct diag *d);

/* What every X_load_file hands a file's text to: X_load_text's shape. */
typedef enum status (*file_text_loader)(const char *text, size_t len,
                                        const char *origin, void *target,
                                        struct diag *d);

/* Reads path ("-" is stdin, named "<stdin>" in messages) and hands its
 * NUL-terminated text to load; the one body of every X_load_file. */
enum status file_load(const char *path, file_text_loader load, void *target,
                      struct diag *d);

/*
 * Creates a new file beside path to write path's content into, to be renamed
 * onto it: "PATH.tmp.XXXXXX" (its name in tmp, size bytes), opened for
 * writing with O_EXCL, with the mode a file fopen creates gets (0666 less
 * the umask; mkstemp alone would give 0600), so every output file the tool
 * writes has the same mode whichever way it was written.
 */
enum status file_create_temp(const char *path, char *tmp, size_t size, FILE **out,
                             struct diag *d);

/* Writes data to path atomically (file_create_temp, fsync, rename). */
enum status file_write_atomic(const char *path, const void *data, size_t len,
                              struct diag *d);

#endif
