// SPDX-License-Identifier: GPL-2.0-or-later
/* Whole-file reads for /proc/iomem, device-tree properties, descriptions. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "readfile.h"

int readfile_fd(int fd, const char *name, size_t max, size_t hint,
		int status, char **buf, size_t *len, struct error *e)
{
	size_t cap = hint && hint < max ? hint + 1 : 256, n = 0;
	char *p = malloc(cap);

	*buf = NULL;
	*len = 0;
	if (!p)
		return error_set(e, EXIT_FAIL, "out of memory reading %s",
				 name);
	for (;;) {
		ssize_t got;

		if (n + 1 >= cap) {
			char *bigger;

			if (n > max)
				break;
			cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
			bigger = realloc(p, cap);
			if (!bigger) {
				free(p);
				return error_set(e, EXIT_FAIL, "out of memory "
						 "reading %s", name);
			}
			p = bigger;
		}
		got = read(fd, p + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int err = errno;

			free(p);
			return error_set(e, status, "cannot read %s: %s", name,
					 strerror(err));
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > max) {
		free(p);
		return error_set(e, status, "%s is larger than %zu bytes",
				 name, max);
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	return 0;
}
