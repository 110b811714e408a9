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
 * Reads from PCI region R returned all ones: print a note to stderr when
 * the device has decoding off in COMMAND or is not in D0.
 */
void diagnose_all_ones(const struct region *r);

#endif
