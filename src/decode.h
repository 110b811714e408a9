/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A register's value decoded into its fields, as text and as JSON. */
#ifndef IOMAP_DECODE_H
#define IOMAP_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "regdb.h"

/*
 * One line per field of R (only field ONLY when ONLY >= 0), from the
 * register's value WORD: "  FIELD = 0xV (ENUM)", the names aligned, the
 * value in as many hex digits as the field's bits need, the enumerated
 * value's name when it has one; a write-only field shows "(write-only)".
 */
void decode_text(FILE *f, const struct regdb *db, const struct regdb_reg *r,
		 long only, uint64_t word);

/*
 * The same as a JSON array of {"name","hi","lo","value","enum"} (value
 * null for a write-only field, or for all when READ is false; enum null
 * when the value has no name).
 */
void decode_json(FILE *f, const struct regdb *db, const struct regdb_reg *r,
		 long only, uint64_t word, bool read);

#endif
