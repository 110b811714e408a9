// SPDX-License-Identifier: GPL-2.0-or-later
/* Filling and printing error reports. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

int error_set(struct error *e, int status, const char *fmt, ...)
{
	va_list ap;

	e->status = status;
	e->hint[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

void error_hint(struct error *e, const char *fmt, ...)
{
	size_t len = strlen(e->hint);
	va_list ap;

	if (len >= sizeof(e->hint) - 1)
		return;
	va_start(ap, fmt);
	vsnprintf(e->hint + len, sizeof(e->hint) - len, fmt, ap);
	va_end(ap);
	len = strlen(e->hint);
	if (len < sizeof(e->hint) - 1 && (len == 0 || e->hint[len - 1] != '\n'))
		strcpy(e->hint + len, "\n");
}

void error_print(const struct error *e)
{
	const char *line = e->hint, *nl;

	fflush(stdout);
	fprintf(stderr, "iomap: %s\n", e->msg);
	for (; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			nl = line + strlen(line) - 1;
		fprintf(stderr, "iomap:   %.*s\n", (int)(nl - line), line);
	}
}

void warnmsg(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("iomap: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
