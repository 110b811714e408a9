/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Splitting a script line, or a library region string, into words. */
#ifndef IOMAP_WORDS_H
#define IOMAP_WORDS_H

#include <stddef.h>

/* The words of a line: one buffer, and pointers into it. */
struct words {
	char *buf;
	char **v;		/* v[0] is "iomap"; NULL-terminated */
	int n;
};

/*
 * Split the LEN bytes of TEXT into words: blanks separate, quotes group,
 * `#` starts a comment. The words share one buffer, so the memory is
 * linear in the line's length whatever its number of words. -1 with the
 * reason in ERR (ERRLEN bytes) for a NUL byte or an open quote.
 */
int words_split(const char *text, size_t len, struct words **out, char *err,
		size_t errlen);

/* Free W (NULL is fine). */
void words_free(struct words *w);

#endif
