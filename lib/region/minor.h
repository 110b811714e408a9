/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HP-UX iomap(7) minor numbers: PA-RISC 0xAAAASM and Series 300 0xAAAANN. */
#ifndef IOMAP_MINOR_H
#define IOMAP_MINOR_H

#include <stdint.h>

enum minor_format {
	MINOR_PA,	/* base 0xF0000000 | AAAA << 12, size M * 2^S pages */
	MINOR_S300,	/* base AAAA * 64 KiB, size NN * 64 KiB */
};

/* The largest minor number (24 bits). */
#define MINOR_MAX 0xffffffu

/* Name of FORMAT as the --minor-format option spells it. */
const char *minor_format_name(enum minor_format format);

/*
 * Decode MINOR into *BASE and *SIZE. Returns NULL, or the reason the minor
 * names no region (M = 0, past 0xffffffff, more than 24 bits).
 */
const char *minor_decode(uint64_t minor, enum minor_format format,
			 uint64_t *base, uint64_t *size);

/* Encode BASE and SIZE into *MINOR. Returns NULL, or why it cannot. */
const char *minor_encode(uint64_t base, uint64_t size,
			 enum minor_format format, uint64_t *minor);

#endif
