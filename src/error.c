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
	e->errnum = 0;
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

void error_write_escaped(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

/* One line of a message: "iomap: " PREFIX TEXT, control characters shown. */
static void print_line(const char *prefix, const char *text, size_t n)
{
	fputs("iomap: ", stderr);
	fputs(prefix, stderr);
	error_write_escaped(stderr, text, n);
	fputc('\n', stderr);
}

/* Each line of HINT as "iomap: " PREFIX LINE. */
static void print_lines(const char *prefix, const char *hint)
{
	const char *nl;

	for (; *hint; hint = nl + 1) {
		nl = strchr(hint, '\n');
		if (!nl)
			nl = hint + strlen(hint);
		print_line(prefix, hint, (size_t)(nl - hint));
		if (!*nl)
			break;
	}
}

void error_print(const struct error *e)
{
	fflush(stdout);
	print_line("", e->msg, strlen(e->msg));
	print_lines("  ", e->hint);
}

void error_print_notes(const struct error *e)
{
	fflush(stdout);
	print_lines("", e->hint);
}

void warnmsg(const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fflush(stdout);
	print_line("", msg, strlen(msg));
}
