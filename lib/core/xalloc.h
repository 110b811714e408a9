/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checked allocation: out of memory ends iomap with a message, never a crash. */
#ifndef IOMAP_XALLOC_H
#define IOMAP_XALLOC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

/* Say so and exit with status 1 (as util-linux's and pciutils' do). */
static inline void __attribute__((noreturn)) xalloc_die(void)
{
	fflush(stdout);
	fputs("iomap: out of memory\n", stderr);
	exit(EXIT_FAIL);
}

static inline void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		xalloc_die();
	return p;
}

static inline void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		xalloc_die();
	return p;
}

/* realloc of N elements of SIZE bytes, refusing a product that overflows. */
static inline void *xreallocarray(void *old, size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size)
		xalloc_die();
	p = realloc(old, n && size ? n * size : 1);
	if (!p)
		xalloc_die();
	return p;
}

static inline char *xstrdup(const char *s)
{
	char *p = strdup(s);

	if (!p)
		xalloc_die();
	return p;
}

static inline char *xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (!p)
		xalloc_die();
	return p;
}

#endif
