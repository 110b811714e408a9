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

size_t utf8_length(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len;

	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		len = 2;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		len = 3;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		len = 4;
	else
		return 0;	/* a continuation byte, C0, C1 or F5..FF */
	/* No overlong forms, no surrogates, nothing past U+10FFFF. */
	if (u[0] == 0xe0)
		lo = 0xa0;
	else if (u[0] == 0xed)
		hi = 0x9f;
	else if (u[0] == 0xf0)
		lo = 0x90;
	else if (u[0] == 0xf4)
		hi = 0x8f;
	if (len > n || u[1] < lo || u[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (u[i] < 0x80 || u[i] > 0xbf)
			return 0;
	return len;
}

size_t text_printable(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = utf8_length(s, n);

	if (len == 1 && (u[0] < 0x20 || u[0] == 0x7f))
		return 0;
	/* C1 controls, U+0080..U+009F: some terminals obey them. */
	if (len == 2 && u[0] == 0xc2 && u[1] < 0xa0)
		return 0;
	return len;
}

size_t text_escape(char *buf, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		size_t len = text_printable(s + i, n - i);

		if (len) {
			memcpy(buf + o, s + i, len);
			o += len;
			i += len;
			continue;
		}
		buf[o++] = '\\';
		buf[o++] = 'x';
		buf[o++] = hex[(unsigned char)s[i] >> 4];
		buf[o++] = hex[(unsigned char)s[i] & 0xf];
		i++;
	}
	buf[o] = '\0';
	return o;
}

void error_write_escaped(FILE *f, const char *s, size_t n)
{
	char buf[4 * 256 + 1];

	/* In pieces that no UTF-8 character straddles. */
	while (n) {
		size_t k = n < 256 ? n : 256;

		while (k < n && k > 252 &&
		       ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
		fwrite(buf, 1, text_escape(buf, s, k), f);
		s += k;
		n -= k;
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
