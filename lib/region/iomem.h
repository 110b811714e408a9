/* SPDX-License-Identifier: GPL-2.0-or-later */
/* /proc/iomem: the kernel's map of physical address ranges and their owners. */
#ifndef IOMAP_IOMEM_H
#define IOMAP_IOMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define IOMEM_PATH	"/proc/iomem"	/* callers prefix --sysroot */
#define IOMEM_MAX	(16 << 20)	/* a larger file is refused */
#define IOMEM_DEPTH_MAX	32		/* deeper nesting is an error */

/* One line, "  START-END : NAME", nested by two spaces a level. */
struct iomem_entry {
	uint64_t start, end;	/* inclusive, as the kernel prints them */
	unsigned depth;		/* 0 at the top level */
	long parent;		/* index of the enclosing entry, -1 at the top */
	const char *name;	/* points into the table's copy of the text */
};

/* A parsed /proc/iomem, in file order. */
struct iomem {
	struct iomem_entry *v;
	size_t n;
	bool zeroed;	/* entries, all 0-0: the reader was not privileged */
	char *text;	/* what the names point into */
};

/*
 * Parse LEN bytes of /proc/iomem text into *M (free with iomem_free).
 * WHAT names the text in messages. A line that is not "START-END : NAME"
 * (hexadecimal, up to 64 bits, START <= END), or that is nested more than
 * one level below the line before it, is an error naming the line.
 */
int iomem_parse(const char *text, size_t len, struct iomem *m,
		const char *what, struct error *e);

/* Read and parse the file PATH into *M. */
int iomem_read(const char *path, struct iomem *m, struct error *e);

/* Free what iomem_parse allocated in M. */
void iomem_free(struct iomem *m);

/* The index of the first entry at or after FROM named exactly NAME, or -1. */
long iomem_next(const struct iomem *m, const char *name, size_t from);

/*
 * The index of the innermost entry holding ADDR (its parent is
 * v[i].parent), or -1: none holds it, or M is zeroed.
 */
long iomem_holding(const struct iomem *m, uint64_t addr);

/*
 * The index of the one entry named NAME. A zeroed table, no such entry
 * (hint: the names that contain NAME) or several (their ranges named) is
 * an error; WHAT names the file in messages.
 */
long iomem_find_one(const struct iomem *m, const char *name, const char *what,
		    struct error *e);

#endif
