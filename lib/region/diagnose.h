/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Why the kernel said no, and what a PCI read of all ones means. */
#ifndef IOMAP_DIAGNOSE_H
#define IOMAP_DIAGNOSE_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "region.h"

/*
 * The kernel refused to open (MAPPING false) or map (true) region R near
 * offset OFF with errno ERR: add to E's hint which check most likely
 * refused it and what to do.
 */
void diagnose_refusal(const struct region *r, uint64_t off, int err,
		      bool mapping, struct error *e);

/*
 * Whether the process holds capability CAP in its effective set, read from
 * /proc/self/status under R's sysroot (true when that cannot be told).
 */
bool diagnose_has_capability(const struct region *r, int cap);

/* The active lockdown mode ("integrity", ...) into MODE, or false. */
bool diagnose_lockdown(const struct region *r, char *mode, size_t len);

/*
 * Every word read from R was all ones: put what explains it (a PCI device
 * with decoding off in COMMAND, or not in D0) into E's hint lines, each a
 * "note: ..." to print as a warning. False when nothing does.
 */
bool diagnose_all_ones(const struct region *r, struct error *e);

/* Print diagnose_all_ones()'s notes for R, if any, to stderr. */
static inline void note_all_ones(const struct region *r)
{
	struct error e;

	if (diagnose_all_ones(r, &e))
		error_print_notes(&e);
}

#endif
