/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The number parser of iomap(1), NUMBERS: 0x/0b/decimal, '_', k/M/G. */
#ifndef IOMAP_NUMBER_H
#define IOMAP_NUMBER_H

#include <stdbool.h>
#include <stdint.h>

enum number_flags {
	NUMBER_SUFFIX = 1,	/* accept k/K, M, G (KiB, MiB, GiB) */
};

/*
 * Parse all of S into *OUT. Returns NULL on success, else a short reason
 * ("empty", "not a number", "too large", ...) and leaves *OUT alone.
 */
const char *number_parse(const char *s, uint64_t *out, unsigned flags);

/* True when V fits in WIDTH bytes (1, 2, 4 or 8). */
bool number_fits(uint64_t v, unsigned width);

/* Parse a duration (500us, 10ms, 2s, 1m; bare number = ms) into ns. */
const char *number_parse_duration(const char *s, uint64_t *ns);

#endif
