/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An error report that lower modules fill and callers print. */
#ifndef IOMAP_ERROR_H
#define IOMAP_ERROR_H

#include <stddef.h>
#include <stdio.h>

/* Exit statuses (iomap(1), EXIT STATUS). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* an operation failed */
	EXIT_USAGE = 2,		/* bad usage: nothing was touched */
	EXIT_TIMEOUT = 3,	/* a wait timed out */
	EXIT_INTERRUPTED = 130,	/* stopped by Ctrl-C (128 + SIGINT) */
};

struct error {
	int status;		/* EXIT_FAIL or EXIT_USAGE */
	int errnum;		/* errno where the kernel refused, else 0 */
	char msg[2048];		/* without the "iomap: " prefix */
	char hint[2048];	/* further lines of explanation, may be "" */
};

/* Record a message with exit status STATUS (errnum 0); returns -1. */
int error_set(struct error *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Append a line of explanation to E's hint. */
void error_hint(struct error *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print E as "iomap: MSG" plus its hint lines to stderr. */
void error_print(const struct error *e);

/* Print each hint line of E as "iomap: LINE" (notes, not an error). */
void error_print_notes(const struct error *e);

/*
 * The length of the UTF-8 character at S (N bytes there), 1 to 4, or 0
 * when the bytes there are not UTF-8 (overlong, a surrogate, truncated).
 */
size_t utf8_length(const char *s, size_t n);

/*
 * The length of the character at S (N bytes) when a terminal may be shown
 * it as it is; 0 when it is to be escaped: a control character (C0, DEL,
 * C1) or a byte that is not UTF-8.
 */
size_t text_printable(const char *s, size_t n);

/*
 * N bytes of S into BUF (room for 4 * N + 1) with each byte of what
 * text_printable() refuses as \xNN; returns the length written.
 */
size_t text_escape(char *buf, const char *s, size_t n);

/* Write N bytes of S to F escaped as text_escape() does. */
void error_write_escaped(FILE *f, const char *s, size_t n);

/* Print "iomap: MSG" to stderr (printf-style). */
void warnmsg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
