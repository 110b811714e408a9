/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading a whole (small, untrusted) file into memory, with a bound. */
#ifndef IOMAP_READFILE_H
#define IOMAP_READFILE_H

#include <stddef.h>

#include "error.h"

/*
 * Read all of FD into a malloc'ed *BUF of *LEN bytes, NUL-terminated (the
 * NUL not counted). More than MAX bytes is refused; HINT is a first guess
 * at the size (0: none). NAME names the file in messages; errors have
 * exit status STATUS. FD is left open.
 */
int readfile_fd(int fd, const char *name, size_t max, size_t hint,
		int status, char **buf, size_t *len, struct error *e);

#endif
