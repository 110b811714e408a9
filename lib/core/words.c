// SPDX-License-Identifier: GPL-2.0-or-later
/* Splitting a script line, or a library region string, into words. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"
#include "xalloc.h"

void words_free(struct words *w)
{
	if (!w)
		return;
	free(w->buf);
	free(w->v);
	free(w);
}

int words_split(const char *text, size_t len, struct words **out,
		char *err, size_t errlen)
{
	struct words *w = xcalloc(1, sizeof(*w));
	const char *p = text, *end = text + len;
	size_t cap = 8;
	char *q;

	*out = NULL;
	if (memchr(text, '\0', len)) {
		free(w);
		snprintf(err, errlen, "a NUL byte in the line");
		return -1;
	}
	/* Each word ends with a NUL where a blank or quote was, but the last. */
	w->buf = q = xmalloc(len + 1 + sizeof("iomap"));
	w->v = xreallocarray(NULL, cap, sizeof(*w->v));
	strcpy(q, "iomap");
	w->v[w->n++] = q;
	q += sizeof("iomap");
	for (;;) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p == end || *p == '#')
			break;
		if ((size_t)w->n + 2 > cap) {
			cap *= 2;
			w->v = xreallocarray(w->v, cap, sizeof(*w->v));
		}
		w->v[w->n++] = q;
		while (p < end && !isspace((unsigned char)*p)) {
			if (*p == '\'' || *p == '"') {
				char quote = *p++;

				while (p < end && *p != quote)
					*q++ = *p++;
				if (p == end) {
					words_free(w);
					snprintf(err, errlen, "unterminated "
						 "quote %c", quote);
					return -1;
				}
				p++;
			} else {
				*q++ = *p++;
			}
		}
		*q++ = '\0';
	}
	w->v[w->n] = NULL;
	*out = w;
	return 0;
}
