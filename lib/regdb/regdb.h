/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A loaded register description (iomap(1), REGISTER DESCRIPTIONS):
 * registers, fields, enumerations.
 */
#ifndef IOMAP_REGDB_H
#define IOMAP_REGDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct regdb;

enum regdb_access {
	REGDB_RW = 0,
	REGDB_RO = 1,
	REGDB_WO = 2,
};

/*
 * What a write does to a field (modifiedWriteValues): REGDB_W_NORMAL stores
 * the value; REGDB_W_ONE_CLEAR (write-1-to-clear) and the others as named.
 */
enum regdb_wmod {
	REGDB_W_NORMAL = 0,
	REGDB_W_ONE_CLEAR,
	REGDB_W_ONE_SET,
	REGDB_W_ONE_TOGGLE,
	REGDB_W_ZERO_CLEAR,
	REGDB_W_ZERO_SET,
	REGDB_W_ZERO_TOGGLE,
	REGDB_W_CLEAR,
	REGDB_W_SET,
	REGDB_W_MODIFY,
};

enum regdb_format {
	REGDB_AUTO = 0,		/* recognise from the content */
	REGDB_TEXT,
	REGDB_SVD,
	REGDB_IPXACT,
};

enum regdb_load_flags {
	REGDB_NO_CACHE = 1,	/* neither read nor write the compiled index */
};

/*
 * Views filled by the accessors below. Strings point into the description
 * and live until regdb_free; a missing description is "".
 */
struct regdb_reg {
	size_t index;		/* 0 .. regdb_count() - 1, in address order */
	const char *name;	/* BLOCK.REG or BLOCK.CLUSTER.REG */
	const char *desc;
	uint64_t address;	/* block base + offset */
	unsigned width;		/* bytes: 1, 2, 4 or 8 */
	enum regdb_access access;
	bool side_effects;	/* a read has side effects (its own or a field's) */
	bool has_reset;
	uint64_t reset;
	unsigned line;		/* where the description defines it */
	size_t nfields;
	uint32_t first_field;	/* internal */
};

struct regdb_field {
	const char *name;
	const char *desc;
	unsigned hi, lo;	/* bits HI down to LO */
	enum regdb_access access;
	bool side_effects;
	enum regdb_wmod wmod;	/* what a write does */
	/* writeConstraint: WC_MIN..WC_MAX, or one of the enumerated values */
	bool wc_range, wc_enums;
	uint64_t wc_min, wc_max;
	size_t nenums;
	uint32_t first_enum;	/* internal */
};

struct regdb_enum {
	const char *name;
	const char *desc;
	uint64_t value;
};

/* What a name refers to: a register and, when FIELD >= 0, one of its fields. */
struct regdb_ref {
	size_t reg;
	long field;
};

/*
 * Load the description in PATH (format recognised from the content). Unless
 * FLAGS has REGDB_NO_CACHE, a compiled index in the user's cache directory is
 * used when it is fresh, and written when it is not (silently skipped where
 * the directory cannot be written). Errors name the file and line.
 */
int regdb_load(const char *path, unsigned flags, struct regdb **db,
	       struct error *e);

/* Parse LEN bytes at DATA as the description NAME (no cache). */
int regdb_parse(const char *name, const char *data, size_t len,
		enum regdb_format format, struct regdb **db, struct error *e);

/* Free a description (NULL is fine). */
void regdb_free(struct regdb *db);

/* The file name as given. */
const char *regdb_path(const struct regdb *db);

/* Number of registers. */
size_t regdb_count(const struct regdb *db);

/* Register I (0 .. count - 1, in address order). */
void regdb_reg(const struct regdb *db, size_t i, struct regdb_reg *r);

/* Field J (0 .. R->nfields - 1, in the order described) of R. */
void regdb_field(const struct regdb *db, const struct regdb_reg *r, size_t j,
		 struct regdb_field *f);

/* Enumerated value K (0 .. F->nenums - 1) of F. */
void regdb_enum(const struct regdb *db, const struct regdb_field *f, size_t k,
		struct regdb_enum *v);

/*
 * The errata of a parse (none when the description came from the cache):
 * how many there were, how many are kept to list (a bound), and the I-th
 * (its message, and its line in *LINE).
 */
size_t regdb_problems(const struct regdb *db);
size_t regdb_problems_kept(const struct regdb *db);
const char *regdb_problem(const struct regdb *db, size_t i, unsigned *line);

/* True when F's writeConstraint (if any) allows writing VALUE to it. */
bool regdb_write_allowed(const struct regdb *db, const struct regdb_field *f,
			 uint64_t value);

/* The SVD name of W ("oneToClear"), or NULL for REGDB_W_NORMAL. */
const char *regdb_wmod_name(enum regdb_wmod w);

/*
 * The bits of register R a write of other fields must not write back as
 * read (they act on writing 1, or 0), and the value they take instead: the
 * value that leaves them as they are (write-1-to-clear fields: 0).
 */
void regdb_write_safe(const struct regdb *db, const struct regdb_reg *r,
		      uint64_t *mask, uint64_t *value);

/* "rw", "ro" or "wo". */
const char *regdb_access_name(enum regdb_access a);

/*
 * True when register I's full name, or its name without the block, matches
 * the shell glob PATTERN, regardless of case.
 */
bool regdb_match(const struct regdb *db, size_t i, const char *pattern);

/*
 * Look NAME up, regardless of case: REG, BLOCK.REG, REG.FIELD or
 * BLOCK.REG.FIELD (BLOCK.CLUSTER.REG for clusters; BLOCK may be left out
 * where the rest is unique in the file). An unknown name is a usage error
 * that suggests the nearest names; an ambiguous one names the candidates.
 */
int regdb_lookup(const struct regdb *db, const char *name,
		 struct regdb_ref *ref, struct error *e);

/*
 * regdb_lookup(), but of several candidates the one register for which
 * USABLE (with ARG) is true is taken: the one inside the region.
 */
int regdb_lookup_where(const struct regdb *db, const char *name,
		       bool (*usable)(const struct regdb_reg *r, void *arg),
		       void *arg, struct regdb_ref *ref, struct error *e);

/* The enumerated value called NAME (any case) of F; -1 when none. */
int regdb_enum_value(const struct regdb *db, const struct regdb_field *f,
		     const char *name, uint64_t *value);

/* The name of F's enumerated value VALUE, or NULL. */
const char *regdb_enum_name(const struct regdb *db,
			    const struct regdb_field *f, uint64_t value);

/*
 * Call FN with every name that completes PREFIX (any case): full register
 * names, names without the block where that is unique, and NAME.FIELD names
 * for the registers PREFIX already names in full. In name order.
 */
void regdb_complete(const struct regdb *db, const char *prefix,
		    void (*fn)(const char *name, void *arg), void *arg);

/*
 * Up to MAX names (registers, or REG.FIELD) nearest to NAME by edit
 * distance, nearest first, into OUT; returns how many. The strings stay
 * valid until the next call.
 */
size_t regdb_suggest(const struct regdb *db, const char *name,
		     const char **out, size_t max);

#endif
